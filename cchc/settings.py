"""Settings for the CCHC portal, read from the environment (see .env.example).

One settings module for every environment: development, tests and production differ only in
environment variables. SQLite is the zero-set-up default (a file in the project) so that `make run`
works on a fresh machine; production uses PostgreSQL through DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Parse a boolean variable strictly: a typo must fail loudly, not silently mean False."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# seed_demo creates the README's demo accounts only in development (DEBUG as the environment sets it;
# test runners switch settings.DEBUG off later, this stays). With DEBUG=0 it needs --allow-demo-accounts.
SEED_DEMO_ACCOUNTS = DEBUG

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off (see .env.example).")
    # Development only: a fixed key so sessions survive restarts of `make run`.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "bootstrap",
    "axes",
    "csp",
    "cchc.apps.CchcConfig",
    "procedures.apps.ProceduresConfig",
    "personnel.apps.PersonnelConfig",
    "iso.apps.IsoConfig",
    "outreach.apps.OutreachConfig",
    "reports.apps.ReportsConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api.apps.ApiConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cchc.security.RequestContextMiddleware",
    "cchc.security.UploadLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "cchc.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.security.SessionIdleMiddleware",
    "cchc.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the Vietnamese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cchc.urls"
WSGI_APPLICATION = "cchc.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cchc.context_processors.navigation",
            ],
        },
    },
]

# SQLite by default: no server to install for a first look or for the test suite. PostgreSQL in
# production and in CI through DATABASE_URL=postgres://user@host:5432/name.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's rules with Vietnamese messages (cchc/passwords.py); at least 10 characters.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "cchc.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "cchc.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 10)}},
    {"NAME": "cchc.passwords.CommonPasswordValidator"},
    {"NAME": "cchc.passwords.NumericPasswordValidator"},
]

# Brute force (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one address,
# that pair is locked out for AXES_COOLOFF_MINUTES, on the portal login and on /quan-tri/ alike (both go
# through authenticate()). Failures are logged (logger "axes") and kept in the database (admin: Axes).
AUTHENTICATION_BACKENDS = [
    "cchc.logins.LoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cchc.logins.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cchc.security.client_ip"
AXES_VERBOSE = True
# The security log names who failed from where (the password is never logged).
AXES_SENSITIVE_PARAMETERS: list[str] = []
# Behind the documented nginx (docs/deployment.md) the client's address is the last X-Forwarded-For hop.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first; English second. Source strings are Vietnamese, so the UI stays Vietnamese even
# where a catalogue is missing; locale/en holds the English translation.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Django's own "vi" formats have no digit grouping and use d-m-Y; ours give 2.084 and dd/mm/yyyy.
FORMAT_MODULE_PATH = ["cchc.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Sessions live in the database, so several app servers can share them (docs/deployment.md).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A session ends after SESSION_IDLE_SECONDS without a request (default 8 hours, a working day); the expiry
# moves forward at most every SESSION_REFRESH_SECONDS (cchc.security.SessionIdleMiddleware).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 8 * 3600)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_REFRESH_SECONDS = min(300, SESSION_IDLE_SECONDS // 10)

# Uploads (the dossier import): a request body larger than this is refused before it is read.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 50) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # non-file form data: Django's 2.5 MB
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file, not memory

# Content-Security-Policy (django-csp): scripts, styles and images from the portal only; no inline
# script, no on* attribute, no inline style (templates use static/js and static/css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# Production hardening: on unless explicitly switched off, so `check --deploy` is clean by default.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Everything to stderr (the process manager keeps it), each line with the request id, the user and the
# user's units: server errors (django.request), failed logins and lockouts (axes), lock overrides (cchc).
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "cchc.security.RequestContextFilter"}},
    "formatters": {
        "portal": {
            "format": "%(asctime)s %(levelname)s %(name)s [request=%(request_id)s user=%(user)s unit=%(unit)s] "
            "%(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_context"],
            "formatter": "portal",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "cchc": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- The machine API (api app, /api/v1/; docs/api.md) ---------------------------------------------------
# Tokens of API clients (bearer) first, so an anonymous call gets 401 with WWW-Authenticate; the
# portal's session works too. Every view asks cchc.permissions (api/permissions.py are thin doors).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 365)  # a new token's lifetime
API_DOSSIER_BATCH_MAX = env_int("API_DOSSIER_BATCH_MAX", 10_000)  # records in one POST /api/v1/dossiers/
# A larger batch than this is pushed by a background job (202 + /api/v1/jobs/<id>/ to poll); smaller inline.
API_DOSSIER_INLINE_MAX = env_int("API_DOSSIER_INLINE_MAX", 2_000)
API_PUSH_MAX_BYTES = env_int("API_PUSH_MAX_BYTES", 16 * 1024 * 1024)  # its body (forms keep Django's 2.5 MB)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.CanRead"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api_read": env_str("API_THROTTLE_READ", "600/minute"),
        "api_push": env_str("API_THROTTLE_PUSH", "30/minute"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "COERCE_DECIMAL_TO_STRING": False,  # plain numbers in JSON
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API cổng báo cáo CCHC",
    "DESCRIPTION": "Đọc số liệu báo cáo cải cách hành chính và gửi hồ sơ một cửa (docs/api.md).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Swagger UI and Redoc from the drf-spectacular-sidecar package: no CDN (offices may be offline).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Background jobs, reminders and e-mail (issue 13; docs/deployment.md) --------------------------
# Tasks go through Django's Tasks API (jobs/compat.py). TASKS_BACKEND: "db" (default: the database is
# the queue, `manage.py db_worker` runs it), "rq" (Redis through RQ, `manage.py rqworker`), "immediate"
# (run inside the request: tests, or a machine without a worker).
INSTALLED_APPS += [
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "jobs.apps.JobsConfig",
    "notifications.apps.NotificationsConfig",
]
MIDDLEWARE += ["django_htmx.middleware.HtmxMiddleware"]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("notifications.context_processors.bell")
TASKS_BACKEND = env_str("TASKS_BACKEND", "db")
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
TASK_QUEUES = ["default"]
if TASKS_BACKEND == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
elif TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
    RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600} for name in TASK_QUEUES}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
else:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be db, rq or immediate, not {TASKS_BACKEND!r}")
# A job's input, result and live progress files; shared storage when workers run on several machines.
JOBS_ROOT = Path(env_str("JOBS_ROOT", str(BASE_DIR / "var" / "jobs")))
JOBS_HEARTBEAT_SECONDS = env_int("JOBS_HEARTBEAT_SECONDS", 2)
# A running job with no heartbeat for this long has lost its worker and is marked failed.
JOBS_HEARTBEAT_LAPSE_SECONDS = env_int("JOBS_HEARTBEAT_LAPSE_SECONDS", 60)
JOBS_RETENTION_HOURS = env_int("JOBS_RETENTION_HOURS", 48)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: pages keep reading (the job page, the worker's polling) while a job's commit writes. IMMEDIATE:
    # a transaction takes the write lock when it begins, so a writer waits (up to 20 s) for its turn
    # instead of failing when another connection wrote since its first read (docs/deployment.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )

# E-mail: EMAIL_URL (smtp://user:password@host:587/?tls=True, or console:// in development).
_email = dj_email_url.parse(env_str("EMAIL_URL", "console://" if DEBUG else "smtp://127.0.0.1:25"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT") or 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cổng báo cáo CCHC <cchc@localhost>")
# The address the links in e-mails start with (no request to take it from in a worker).
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000")
LOGGING["loggers"]["django_tasks"] = {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")}
# When the daily reminders run (local time), started by `manage.py jobs_clock` (docs/deployment.md).
REMINDERS_AT = env_str("REMINDERS_AT", "07:00")

# --- Cache (scorecards, reports/cache.py) --------------------------------------------------------------
# Kept apart from the rest of the settings on purpose (other work edits this file). LocMem by default: each
# process keeps its own scorecards. In production set CACHE_URL (or REDIS_URL) to redis://host:6379/0 so
# every worker shares the cached scorecards and their data version (docs/deployment.md).
CACHE_URL = env_str("CACHE_URL") or env_str("REDIS_URL")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "cchc"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cchc"}}

# --- Read replica (issue 12; cchc/db_router.py, docs/scaling.md): REPLICA_DATABASE_URL, a streaming standby of
# DATABASE_URL, serves scorecard builds and downloads once it has replayed every commit; tests mirror default.
REPLICA_DATABASE_URL = env_str("REPLICA_DATABASE_URL")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(REPLICA_DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cchc.db_router.ReplicaRouter"]
