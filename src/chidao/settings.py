"""Django settings, read from the environment.

CHIDAO_DATA_DIR       folder for the SQLite file, uploads and logs (default ./chidao-data)
CHIDAO_DATABASE_URL   postgres://user:pass@host:port/db to use PostgreSQL instead of SQLite
CHIDAO_SECRET_KEY     required when CHIDAO_DEBUG is off
CHIDAO_DEBUG          "1" for development
CHIDAO_ALLOWED_HOSTS  comma-separated host names
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
]

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
