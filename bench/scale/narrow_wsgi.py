"""The WSGI application with the body drop-downs narrowed to the focus body: the
diagnosis of ``measure.py --narrow-selects``, for ``load.py --narrow-selects``."""

from measure import narrow_body_selects

from chidao.wsgi import application  # noqa: F401 - served by gunicorn

narrow_body_selects()
