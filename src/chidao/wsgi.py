import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidao.settings")
application = get_wsgi_application()

# Start-up leaves many long-lived objects (settings, URL patterns, vocabularies); freezing
# them keeps the garbage collector from re-scanning them during requests.
gc.collect()
gc.freeze()
