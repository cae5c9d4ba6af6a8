"""Settings for every deployment, read from the environment.

The defaults run the embedded setup (SQLite under var/, tasks inline). Production sets
DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL. Any variable may be
of SECRET_NAMES given as a file instead (VAR_FILE=/run/secrets/var), for container secrets.
"""

import datetime
import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


SECRET_NAMES = ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"]


def _read_file_secrets():
    # Docker and systemd pass secrets as files; VAR_FILE fills VAR when VAR itself is unset.
    for name in SECRET_NAMES:
        path = os.environ.get(f"{name}_FILE")
        if path and name not in os.environ:
            try:
                os.environ[name] = Path(path).read_text().strip()
            except OSError as exc:
                raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {exc}") from exc


_read_file_secrets()


def _get(name, cast, default):
    try:
        return cast(name, default=default)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"{name}: invalid value {os.environ.get(name)!r}") from exc


DEBUG = _get("DEBUG", env.bool, True)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY: required when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105
ALLOWED_HOSTS = _get("ALLOWED_HOSTS", env.list, ["127.0.0.1", "localhost"] if not DEBUG else ["*"])
CSRF_TRUSTED_ORIGINS = _get("CSRF_TRUSTED_ORIGINS", env.list, [])

# The bureau's name appears in page titles and in generated documents.
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="XX市水利局")
# 年度工作总结的办理满意度: True counts 满意 and 基本满意 (the usual 满意率), False 满意 alone.
SUMMARY_SATISFACTION_INCLUDES_BASIC = env.bool("SUMMARY_SATISFACTION_INCLUDES_BASIC", default=True)


# The date the office began recording its work here (YYYY-MM-DD). The annual summary gives no
# figure for a year before it (shown as missing, never 0); unset, each app's first record decides.
def _iso_date(name, default):
    return datetime.date.fromisoformat(os.environ[name]) if os.environ.get(name) else default


RECORDS_START_DATE = _get("RECORDS_START_DATE", _iso_date, None)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_htmx",
    "office",
    "documents",
    "meetings",
    "personnel",
    "petitions",
    "partybuilding",
    "reports",
    # A further app plugs in without an edit here: OFFICE_EXTRA_APPS=myapp,otherapp (each with its
    # hooks.py; see docs/plugging-in.md). They come before the summary, which collects from all.
]
INSTALLED_APPS[-1:-1] = _get("OFFICE_EXTRA_APPS", env.list, [])

MIDDLEWARE = [
    # /health/ for the load balancer, answered before the host check, HTTPS redirect and session.
    "office.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The request being served, for the audit log's user, address and path (office.services.audit_log).
    "office.middleware.AuditContextMiddleware",
    # request.user.is_verified(): whether this session passed the second factor (office.otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: both tell the user why they were sent elsewhere.
    "office.middleware.SessionLimitMiddleware",
    # Wraps the views' login redirects (login_required after an idle timeout) for htmx.
    "office.middleware.HtmxLoginRedirectMiddleware",
    "office.middleware.PasswordExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last: it turns a lockout raised anywhere above into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "office.urls"
WSGI_APPLICATION = "office.wsgi.application"
ASGI_APPLICATION = "office.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "office.context_processors.shell",
            ],
        },
    },
]
# Django's widget templates, with select, input and textarea written out in Python (issue 17).
FORM_RENDERER = "office.renderers.FastWidgetRenderer"

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": _get("DATABASE_URL", env.db_url, f"sqlite:///{VAR_DIR / 'office.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", _get("CONN_MAX_AGE", env.int, 0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "office.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Password rules after 等保 2.0 level 3; every figure is a setting.
PASSWORD_MIN_LENGTH = _get("PASSWORD_MIN_LENGTH", env.int, 8)
PASSWORD_MIN_CLASSES = _get("PASSWORD_MIN_CLASSES", env.int, 3)
PASSWORD_EXPIRY_DAYS = _get("PASSWORD_EXPIRY_DAYS", env.int, 90)  # 0 turns expiry off
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "office.validators.CharacterClassValidator",
        "OPTIONS": {"min_classes": PASSWORD_MIN_CLASSES},
    },
]

# Sessions: idle timeout through the cookie age renewed on every request, an absolute
# limit checked by office.middleware.SessionLimitMiddleware.
SESSION_IDLE_TIMEOUT = _get("SESSION_IDLE_TIMEOUT", env.int, 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = _get("SESSION_ABSOLUTE_TIMEOUT", env.int, 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# API tokens follow the same rules: they lapse after API_TOKEN_IDLE_MINUTES unused and
# API_TOKEN_LIFETIME_HOURS after issue, and are revoked on logout, password change and disabling.
API_TOKEN_LIFETIME_HOURS = _get("API_TOKEN_LIFETIME_HOURS", env.int, max(SESSION_ABSOLUTE_TIMEOUT // 3600, 1))
API_TOKEN_IDLE_MINUTES = _get("API_TOKEN_IDLE_MINUTES", env.int, max(SESSION_IDLE_TIMEOUT // 60, 1))

# Login lockout: 5 failures for one user name from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = _get("AXES_FAILURE_LIMIT", env.int, 5)
AXES_COOLOFF_TIME = timedelta(minutes=_get("AXES_COOLOFF_MINUTES", env.int, 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The template for pages, the same text as JSON for the API (office.lockout).
AXES_LOCKOUT_CALLABLE = "office.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USERNAME_FORM_FIELD = "username"
# Trusted reverse proxies in front of the web processes (0: none). django-ipware is not
# installed, so axes would ignore this count; office.middleware.client_address applies it.
AXES_IPWARE_PROXY_COUNT = _get("AXES_IPWARE_PROXY_COUNT", env.int, 0)
AXES_CLIENT_IP_CALLABLE = "office.middleware.client_address"

# Second factor (TOTP, django-otp; office.otp): mandatory for these role codes, and for whoever
# has enrolled an authenticator. Empty: nobody is forced. Wrong codes count towards the lockout.
OTP_REQUIRED_ROLES = _get("OTP_REQUIRED_ROLES", env.list, ["administrator", "leader"])
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default=f"{ORGANISATION_NAME}办公系统")
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Source maps (.map) are fetched only by a developer's browser tools: compressing them took most of
# collectstatic's time (half a minute of CPU here) for files nobody downloads in the office.
from whitenoise.compress import Compressor  # noqa: E402

WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

EMAIL_CONFIG = _get("EMAIL_URL", env.email_url, "consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="office@localhost")
# The address people use to reach the system, for links in emails.
# Also the links in notifications and in QR codes (the meetings' sign-in code).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# 座次 on seat cards: positions from the highest, comma-separated; empty for the built-in list
# (meetings.selectors.DEFAULT_RANK_PRECEDENCE). Equal ranks keep the seating order chosen.
MEETINGS_RANK_PRECEDENCE = _get("MEETINGS_RANK_PRECEDENCE", env.list, [])

# Celery: Redis as broker when REDIS_URL is set; without it every task runs inline.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task taken by a worker that dies (acks_late) goes back to the queue after this many seconds:
# longer than the longest export, or a slow export would be run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": _get("CELERY_VISIBILITY_TIMEOUT", env.int, 1800)}
# Exports still queued or running this many minutes after they were asked for are sent again.
EXPORT_STUCK_MINUTES = _get("EXPORT_STUCK_MINUTES", env.int, 45)
# The security audit log (office.models.AuditEvent) keeps this many days; never fewer than 180
# (等保 2.0, 网络安全法 第二十一条): a smaller figure is a system check error and is not applied.
AUDIT_RETENTION_DAYS = _get("AUDIT_RETENTION_DAYS", env.int, 180)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes an anonymous request a 401, not a 403.
        "office.api.auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "office.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "office.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "机关办公室综合管理系统 API",
    "DESCRIPTION": "办文、办会、督办、人事、信访、党建与年度工作总结的接口。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Content security policy: the pages load scripts and styles from the system only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "office.views.errors.csrf_failure"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _get("SECURE_SSL_REDIRECT", env.bool, True)
    SESSION_COOKIE_SECURE = _get("SESSION_COOKIE_SECURE", env.bool, True)
    CSRF_COOKIE_SECURE = _get("CSRF_COOKIE_SECURE", env.bool, True)
    SECURE_HSTS_SECONDS = _get("SECURE_HSTS_SECONDS", env.int, 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _get("SECURE_HSTS_PRELOAD", env.bool, True)

# GET /health/ (office.health): fails below this much free space where MEDIA_ROOT lives; asks the
# Celery workers (when REDIS_URL is set) to answer a ping within HEALTH_CELERY_TIMEOUT seconds.
HEALTH_MIN_FREE_DISK_MB = _get("HEALTH_MIN_FREE_DISK_MB", env.int, 1024)
HEALTH_CHECK_WORKERS = _get("HEALTH_CHECK_WORKERS", env.bool, True)
HEALTH_CELERY_TIMEOUT = _get("HEALTH_CELERY_TIMEOUT", env.float, 1.0)

# Supervision: items due within this many working days count as "due soon".
SUPERVISION_DUE_SOON_WORKING_DAYS = _get("SUPERVISION_DUE_SOON_WORKING_DAYS", env.int, 3)

# Rules of RULES.md marked configurable, with their defaults.
# 年度考核: the share of 优秀 among those assessed (warned as it nears, refused past it).
PERSONNEL_EXCELLENT_SHARE = Decimal(_get("PERSONNEL_EXCELLENT_SHARE", env.str, "0.20"))
# 谈心谈话 rhythm, JSON merged over the default (the office director talks with each section
# chief at least once a quarter), e.g. {"period_months": 3}.
PERSONNEL_TALK_RHYTHM = _get("PERSONNEL_TALK_RHYTHM", env.json, {})
# 信访 clocks in working days (office.workdays) instead of calendar days.
PETITIONS_DEADLINE_WORKING_DAYS = _get("PETITIONS_DEADLINE_WORKING_DAYS", env.bool, False)
# A petition from the same citizen ID (or name and phone) within this many days is a repeat.
PETITIONS_REPEAT_WINDOW_DAYS = _get("PETITIONS_REPEAT_WINDOW_DAYS", env.int, 365)
# 公务接待 meal companions: at most SMALL with THRESHOLD visitors or fewer, else a third.
PETITIONS_MEAL_COMPANIONS_SMALL = _get("PETITIONS_MEAL_COMPANIONS_SMALL", env.int, 3)
PETITIONS_MEAL_COMPANIONS_THRESHOLD = _get("PETITIONS_MEAL_COMPANIONS_THRESHOLD", env.int, 10)

# Register exports (office/export.py): up to this many rows in the request, more in Celery.
EXPORT_INLINE_ROWS = _get("EXPORT_INLINE_ROWS", env.int, 5000)
EXPORT_MAX_ROWS = _get("EXPORT_MAX_ROWS", env.int, 1_000_000)
# Register imports (office/services/imports.py): up to this many rows in the request, more in Celery.
IMPORT_INLINE_ROWS = _get("IMPORT_INLINE_ROWS", env.int, 2000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# PDF layer (office/pdf.py): the faces named in @font-face rules. PDF_FONT_FILES puts a bureau's
# licensed faces first, as JSON {"OfficeSong": ["/path/方正小标宋.ttf"], "OfficeFang": [...]};
# the Fandol faces are looked up in PDF_FONT_DIRS after them, Noto CJK is the named fallback.
PDF_FONT_DIRS = _get("PDF_FONT_DIRS", env.list, ["/usr/local/share/fonts/fandol"])
PDF_FONT_FILES = _get("PDF_FONT_FILES", env.json, {})
PDF_FALLBACK_FONT_FILES = {
    "OfficeFallbackSerif": ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"],
    "OfficeFallbackSans": ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"],
}
# WeasyPrint logs every rendering step at INFO.
LOGGING["loggers"]["weasyprint.progress"] = {"level": "WARNING"}
# Each app names its choice sets for the OpenAPI schema in its hooks.py (`enum_overrides`);
# office.apps merges them into ENUM_NAME_OVERRIDES at start-up.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {}
