"""Settings, read only from the environment; every variable has a sane default.

The table of variables is in README.md. A wrong value stops start-up with one
line naming the variable (see ``kotacerdas.config``).
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from kotacerdas.config import (
    ConfigurationError,
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    require_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("KOTACERDAS_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("KOTACERDAS_DEBUG", default=False)
SECRET_KEY = require_secret_key(debug=DEBUG)
ALLOWED_HOSTS = env_list("KOTACERDAS_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("KOTACERDAS_CSRF_TRUSTED_ORIGINS", default=[])
PORT = env_int("KOTACERDAS_PORT", default=8000)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "auditlog",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "bootstrap",
    "js_lib_htmx",
    "kotacerdas.core",
    "kotacerdas.accounts",
    "kotacerdas.regions",
    "kotacerdas.program",
    "kotacerdas.masterplan",
    "kotacerdas.bimtek",
    "kotacerdas.seed",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kotacerdas.core.middleware.PlatformLocaleMiddleware",
    "kotacerdas.core.middleware.RejectNulMiddleware",
    "kotacerdas.core.middleware.IdsInRangeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kotacerdas.accounts.middleware.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kotacerdas.urls"
WSGI_APPLICATION = "kotacerdas.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"  # where one's work is (site.views.start)
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
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
                "kotacerdas.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("KOTACERDAS_DATABASE_URL", f"sqlite:///{VAR_DIR / 'kotacerdas.sqlite3'}"),
        variable="KOTACERDAS_DATABASE_URL",
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login rate limit (django-axes): a username + address pair is locked out after
# this many failures, for this many minutes.
AXES_FAILURE_LIMIT = env_int("KOTACERDAS_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env_int("KOTACERDAS_LOGIN_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Indonesian first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
FORMAT_MODULE_PATH = ["kotacerdas.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files are private: nothing serves MEDIA_URL. Each file opens
# through a download route that checks access (kotacerdas/core/downloads.py).
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Background jobs: "database" (a worker runs them: `kotacerdas worker`) or
# "immediate" (run in the web process; tests and tiny installs).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[
            env_choice("KOTACERDAS_TASK_BACKEND", "database", choices=list(_TASK_BACKENDS))
        ]
    }
}

# Jobs: each user may have this many queued or running at once (an identical request
# returns the job already under way). A running job's worker renews its lease; a job whose
# lease expires (its worker died) is run again, up to JOB_ATTEMPTS runs in all, then failed.
JOBS_PER_USER = env_int("KOTACERDAS_JOBS_PER_USER", default=5, minimum=1)
JOB_LEASE_SECONDS = env_int("KOTACERDAS_JOB_LEASE_SECONDS", default=60, minimum=2)
JOB_ATTEMPTS = env_int("KOTACERDAS_JOB_ATTEMPTS", default=3, minimum=1)

# Processes one document job may use: the masterplan PDF lays out its heaviest chapter,
# and the DOCX draws its charts, in a forked child beside the job (1: all in one process).
DOCUMENT_PROCESSES = env_int("KOTACERDAS_DOCUMENT_PROCESSES", default=min(2, os.cpu_count() or 1))

# Email: SMTP when KOTACERDAS_EMAIL_HOST is set, else written to the console (the demo).
# Sending runs in background tasks, retried EMAIL_ATTEMPTS times in all (operations.md).
EMAIL_HOST = env_str("KOTACERDAS_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("KOTACERDAS_EMAIL_PORT", default=587)
EMAIL_HOST_USER = env_str("KOTACERDAS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("KOTACERDAS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KOTACERDAS_EMAIL_TLS", default=EMAIL_PORT == 587)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("KOTACERDAS_EMAIL_FROM", "Kota Cerdas <noreply@kotacerdas.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_ATTEMPTS = env_int("KOTACERDAS_EMAIL_ATTEMPTS", default=5, minimum=1)
# Links in emails start with this address (no trailing slash).
SITE_URL = env_str("KOTACERDAS_SITE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
# An invitation link works this many days; a password-reset link this many hours.
INVITATION_DAYS = env_int("KOTACERDAS_INVITATION_DAYS", default=7, minimum=1)
PASSWORD_RESET_TIMEOUT = 3600 * env_int("KOTACERDAS_PASSWORD_RESET_HOURS", default=24, minimum=1)
# Daily work (the notification digest, deadline reminders) runs in the worker once a
# day, from this hour (WIB).
DAILY_HOUR = env_int("KOTACERDAS_DAILY_HOUR", default=7, minimum=0)
if DAILY_HOUR > 23:
    raise ConfigurationError(f"KOTACERDAS_DAILY_HOUR={DAILY_HOUR} must be an hour, 0 to 23.")

# HTTPS: on by default when debug is off; a deployment behind a TLS-terminating
# load balancer forwards X-Forwarded-Proto.
HTTPS = env_bool("KOTACERDAS_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("KOTACERDAS_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
PAGE_SIZE = 25

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KOTACERDAS_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        # fontTools (WeasyPrint's font subsetter without HarfBuzz) logs every table at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
