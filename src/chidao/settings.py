"""Django settings, read from the environment.

CHIDAO_DATA_DIR       folder for the SQLite file, uploads and logs (default ./chidao-data)
CHIDAO_DATABASE_URL   postgres://user:pass@host:port/db to use PostgreSQL instead of SQLite
CHIDAO_SECRET_KEY     required when CHIDAO_DEBUG is off
CHIDAO_DEBUG          "1" for development
CHIDAO_ALLOWED_HOSTS  comma-separated host names
CHIDAO_EMAIL_*        SMTP server for reminders (HOST, PORT, HOST_USER, HOST_PASSWORD, USE_TLS,
                      USE_SSL, TIMEOUT, FROM); CHIDAO_BASE_URL for the links in e-mails
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CHIDAO_DATA_DIR", "chidao-data")).resolve()

DEBUG = os.environ.get("CHIDAO_DEBUG", "0") == "1"


def _secret_key() -> str:
    """The key from the environment, else one made once and kept in the data folder."""
    if os.environ.get("CHIDAO_SECRET_KEY"):
        return os.environ["CHIDAO_SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    import secrets

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CHIDAO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "chidao.core",
    "chidao.orgs",
    "chidao.documents",
    "chidao.meetings",
    "chidao.tasks",
    "chidao.recommendations",
    "chidao.indicators",
    "chidao.ingest",
    "chidao.reminders",
    "chidao.web",
    "chidao.exchange",
    "chidao.reports",
    "chidao.api",
    # django-ninja: its swagger-ui files are served from here (no CDN).
    "ninja",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the app's own scripts, styles and fonts: offices often have no internet.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Login throttling (django-axes): last, so it sees the failed attempts.
    "axes.middleware.AxesMiddleware",
]

# Login attempts are throttled: after 5 failures for one user name from one address,
# that pair is locked out for 15 minutes (the page says so in Vietnamese).
AUTHENTICATION_BACKENDS = [
    "chidao.web.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("CHIDAO_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

ROOT_URLCONF = "chidao.urls"
WSGI_APPLICATION = "chidao.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chidao.reminders.context.unread_count",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("CHIDAO_DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=60)
        # One test database per data folder, so parallel test runs on one server don't collide.
        suffix = "".join(c if c.isalnum() else "_" for c in DATA_DIR.name.lower())
        config["TEST"] = {"NAME": f"test_{config['NAME']}_{suffix}"}
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "chidao.sqlite3"),
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of
            # failing halfway through a transaction; WAL lets readers go on meanwhile.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        "TEST": {"NAME": str(DATA_DIR / "test-chidao.sqlite3")},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise reads this folder at start-up; `chidao serve` fills it with collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Without collectstatic (tests, a quick start) files are found in the apps' static folders.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "uploads"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Limits for uploads and imported texts.
CHIDAO_MAX_UPLOAD_BYTES = int(os.environ.get("CHIDAO_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = CHIDAO_MAX_UPLOAD_BYTES

# E-mail for reminders (`chidao remind`): an SMTP server of the office's own network.
# Without CHIDAO_EMAIL_HOST reminders are shown in the app only.
EMAIL_HOST = os.environ.get("CHIDAO_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("CHIDAO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CHIDAO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CHIDAO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("CHIDAO_EMAIL_USE_TLS", "0") == "1"
EMAIL_USE_SSL = os.environ.get("CHIDAO_EMAIL_USE_SSL", "0") == "1"
EMAIL_TIMEOUT = int(os.environ.get("CHIDAO_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("CHIDAO_EMAIL_FROM", "chidao <chidao@localhost>")
# Address of the web app as users reach it, for the links in e-mails.
CHIDAO_BASE_URL = os.environ.get("CHIDAO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Daily digests go out from this hour (Asia/Ho_Chi_Minh); a failed e-mail is retried this
# many times before it is marked failed.
CHIDAO_DIGEST_HOUR = int(os.environ.get("CHIDAO_DIGEST_HOUR", "7"))
CHIDAO_EMAIL_MAX_ATTEMPTS = int(os.environ.get("CHIDAO_EMAIL_MAX_ATTEMPTS", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CHIDAO_LOG_LEVEL", "WARNING")},
}

if not DEBUG and os.environ.get("CHIDAO_PRODUCTION") == "1":
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
