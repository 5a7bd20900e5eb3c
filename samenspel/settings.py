"""Settings, read only from the environment.

Without any variables the app runs on the embedded default: SQLite, a filesystem
broker for Celery and e-mail to the console. See dotenv.example for every variable.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="embedded-default-not-for-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    # Refuse to start a production process with guessable keys or open hosts.
    if not env.str("SECRET_KEY", default=""):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not env.list("ALLOWED_HOSTS", default=[]):
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials.apps.SimpleAppConfig",
    "sesame",
    "axes",
    "samenspel",
    "berichten",
    "trajecten",
    "bijeenkomsten",
    "groepen",
    "waarden",
    "verslagen",
    "mededelingen",
    "dashboard",
    "account",
    "beheer",
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Before anything that reads the request body (the CSRF check reads it in process_view,
    # after every middleware's request phase); after the ones above, for the language and
    # the security headers of its page.
    "samenspel.middleware.RequestSizeMiddleware",
    "samenspel.middleware.HtmxSignInRedirectMiddleware",
    "samenspel.middleware.NulTekensMiddleware",
    # Last, as django-axes asks: turns a locked-out staff login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samenspel.urls"
WSGI_APPLICATION = "samenspel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samenspel.context_processors.site",
            ],
            # Every page is translated and most show dates and assets: these tag
            # libraries are available everywhere instead of loaded in each template.
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "django.templatetags.tz",
                "template_partials.templatetags.partials",
            ],
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    }
]

# Database: PostgreSQL in production and tests, SQLite for the embedded default.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'samenspel.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_USER_MODEL = "samenspel.User"
# E-mail is unique case-insensitively through a functional constraint, which this check misses.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
AUTHENTICATION_BACKENDS = [
    # First: refuses a password login from a locked-out account or IP before it is checked.
    "samenspel.auth.PasswordLoginAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",
]
LOGIN_URL = "home"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in links (django-sesame). The link opens a page with a button; only the
# button's POST signs in, so mail scanners that open links do not use them up.
SESAME_MAX_AGE = env.int("SIGNIN_LINK_MAX_AGE", default=15 * 60)
SESAME_ONE_TIME = env.bool("SIGNIN_LINK_ONE_TIME", default=True)
SESAME_TOKEN_NAME = "sesame"
SIGNIN_RATE = env.str("SIGNIN_RATE", default="5/15m")
# Sign-up form posts per IP. Generous: a coordinator may sign up a whole room on one laptop.
AANMELD_LIMIET = env.str("AANMELD_LIMIET", default="30/10m")
# A sign-up through the public form waits this many hours for its confirmation by e-mail;
# then the sweep deletes it (confirmed ones too: their data is in the enrolment by then).
AANMELDING_GELDIG_UREN = env.int("AANMELDING_GELDIG_UREN", default=48)

# Staff password login (/admin/): django-axes locks an account, and separately an IP, after
# AXES_FAILURE_LIMIT failed attempts, for AXES_COOLOFF_HOURS. Failures are kept in the
# database (so the limit holds while Redis is down); successful logins are not logged.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "samenspel.auth.PasswordLoginAxesHandler"
AXES_CLIENT_IP_CALLABLE = "samenspel.auth.client_ip"
AXES_USERNAME_CALLABLE = "samenspel.auth.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "samenspel/admin_geblokkeerd.html"
AXES_VERBOSE = False

# Redis for the broker and the cache in production; embedded fallbacks otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samenspel",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    BROKER_DIR = VAR_DIR / "broker"
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    # The file cache is shared by all local processes, which is what the limits need.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001", "django_ratelimit.E003"]

CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Tasks are idempotent: when the broker connection drops, stop them and let them come back.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # Reminders, offers and requests are found by sweeping the database, never by ETA tasks.
    "herinneringen": {
        "task": "bijeenkomsten.sweep_herinneringen",
        "schedule": env.int("HERINNERING_SWEEP_SECONDS", default=300),
    },
}
# Personal data of a finished traject is removed this many months after its last meeting
# (or end date); a daily sweep does it. The figures for the dashboards stay.
BEWAARTERMIJN_MAANDEN = env.int("BEWAARTERMIJN_MAANDEN", default=12)
CELERY_BEAT_SCHEDULE["bewaartermijn"] = {
    "task": "samenspel.bewaartermijn",
    "schedule": crontab(hour=3, minute=30),
}
# Who people write to about their data or about accessibility (privacy and accessibility
# statements).
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="privacy@samenspel.localhost")
CONTACT_ORGANISATIE = env.str("CONTACT_ORGANISATIE", default="de gemeente")
# A claimed message not sent after this many seconds is handed to a new chunk.
HERINNERING_CLAIM_TIMEOUT = env.int("HERINNERING_CLAIM_TIMEOUT", default=600)
# A report build or participant import still open after this many seconds, and not being
# worked on, is queued again by the sweep (its message was lost or its worker died).
OPDRACHT_HERSTART_SECONDEN = env.int("OPDRACHT_HERSTART_SECONDEN", default=300)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# E-mail
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Samenspel <noreply@samenspel.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Text messages (see berichten/sms.py): console:// prints them; cm://<token>@gw.cmtelecom.com
# sends through CM.com. The sender name shows on the phone (at most 11 letters and digits).
SMS_URL = env.str("SMS_URL", default="console://")
SMS_AFZENDER = env.str("SMS_AFZENDER", default="Samenspel")
if not (SMS_AFZENDER.isalnum() and len(SMS_AFZENDER) <= 11):
    raise ImproperlyConfigured("SMS_AFZENDER: at most 11 letters and digits")
# Replies (STOP) reach /sms/binnen/<this token>/, the address given to the gateway; without
# a token the address does not exist.
SMS_INKOMEND_TOKEN = env.str("SMS_INKOMEND_TOKEN", default="")

# Language and time
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
# Dates in the English interface as they are read here: 4 December 2026, 04/12/2026 14:00.
FORMAT_MODULE_PATH = ["samenspel.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files, served by the app itself (WhiteNoise).
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Files browsers ask for at the site root (/favicon.ico); the icons themselves are static.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

# Security. SECURE_SSL_REDIRECT can be switched off behind a proxy that redirects itself.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
if not SECURE_SSL_REDIRECT:
    # The proxy redirects to HTTPS; tell the deploy check so.
    SILENCED_SYSTEM_CHECKS += ["security.W008"]

# A bare page at /meting/leeg/ for load tests (off in production).
BENCHMARK_VIEW = env.bool("BENCHMARK_VIEW", default=False)

# Request size (samenspel.middleware.RequestSizeMiddleware): a body over the limit of its URL
# is refused with a 413 before anything reads it. Every URL takes 1 MB; the participant
# import takes .csv and .xlsx files up to IMPORT_MAX_MB, with room for the rest of the form.
# Uploads are kept in memory only (no temporary files with personal data on disk): the
# import's body limit is the in-memory limit, and there is no handler that writes to disk.
IMPORT_MAX_MB = env.int("IMPORT_MAX_MB", default=2)
FILE_UPLOAD_MAX_MEMORY_SIZE = (IMPORT_MAX_MB + 1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every CSS rule it skips (screen-only media queries) and fontTools
    # every subsetting step; only real problems belong in the log.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
