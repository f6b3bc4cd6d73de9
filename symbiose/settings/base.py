"""Settings shared by every environment. Configuration comes from environment variables."""

import os
import tempfile
import zlib
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from pages.site_address import parse_site_address, root_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def site_root_url(address):
    """https://host, http://host:port... for SITE_HOSTNAME (pages/site_address.py)."""
    try:
        return root_url(*parse_site_address(address))
    except ValueError as error:
        raise ImproperlyConfigured(str(error)) from None


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our Danish for Wagtail's and Django's admin strings: before them, so its catalogue wins.
    "admin_da",
    "pages",
    "symbioses",
    "join",  # Bliv en del af / Join: the form page, its submissions and their retention
    "alerts",  # Driftsforstyrrelser: the outage banner, /status.json, its Atom feed
    "seo",  # sitemap, robots.txt, security.txt, canonical, Open Graph, JSON-LD, breadcrumbs
    "search",  # Søg / Search: /soeg/ and /en/search/, the header's search box
    "news",  # Nyheder / News: the news listing, news pages, their Atom feeds
    "caching",
    "backups",  # manage.py backup / restore: the database, media files, a manifest
    "brochure",  # the partner brochure (PDF); above pages and symbioses, below launch
    "launch",  # the launch content and its commands; above pages and symbioses
    "snapshot",  # the static snapshot a web server serves when the app is down
    # Translation workflow: editors translate page by page, see what is out of date, PO files.
    "wagtail_localize",
    "wagtail_localize.locales",  # Wagtail's locale screens, with wagtail-localize's sync
    "wagtail.contrib.forms",
    # Not "wagtail.contrib.frontend_cache": its signals purge a published page alone, at the
    # Wagtail Site's hostname; caching/cdn.py purges all a change touches, at SITE_HOSTNAME.
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",  # promoted search results, edited in the admin
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # its sitemap.xml template (seo/sitemap.py)
    "axes",  # login throttling (AXES_* below)
]

MIDDLEWARE = [
    # /healthz and /readyz, before the HTTPS redirect, the host check and the page cache.
    "symbiose.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside the page cache, so pages served from it always carry the current header.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "caching.pagecache.PageCacheMiddleware",
    # Below it: a request that may need the database takes a slot, or a 503 if it is stalled.
    "dbguard.middleware.DatabaseGuardMiddleware",
    # Inside it: the header, with any change made for one view, is kept with the cached page.
    "symbiose.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address: /en/… is English, everything else Danish (never the
    # browser's Accept-Language; symbiose/locale_middleware.py).
    "symbiose.locale_middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused login into its lockout answer (AXES_* below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "symbiose.urls"
WSGI_APPLICATION = "symbiose.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# PostgreSQL: a connection attempt gives up after DATABASE_CONNECT_TIMEOUT seconds (psycopg's
# minimum is 2), the server cancels any statement after DATABASE_STATEMENT_TIMEOUT seconds, and
# a connection whose sent data stays unacknowledged for DATABASE_TCP_USER_TIMEOUT seconds (the
# database's host or the network gone) is dropped, so a slow or lost database cannot hold a
# request for ever. Long one-off commands (migrate, backup, restore) may run with
# DATABASE_STATEMENT_TIMEOUT=0 (no limit).
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "2"))
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "5"))
DATABASE_TCP_USER_TIMEOUT = float(os.environ.get("DATABASE_TCP_USER_TIMEOUT", "10"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, its waits watched: dbguard/guard.py (the DATABASE_* settings below).
    DATABASES["default"]["ENGINE"] = "dbguard.postgresql"
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    _db_options.setdefault("tcp_user_timeout", int(DATABASE_TCP_USER_TIMEOUT * 1000))
    _db_options["options"] = " ".join(
        filter(
            None,
            [
                _db_options.get("options", ""),
                f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}",
            ],
        )
    )
# A database that stops answering (dbguard/guard.py): a request's operation waiting for more
# than DATABASE_STALL_SECONDS makes the process refuse requests that need the database (503, at
# once) until it answers again; the watchdog ends an operation after DATABASE_CLIENT_TIMEOUT
# seconds (default: 2 s after the statement timeout; 0 = never) and refuses for
# DATABASE_BREAKER_SECONDS after that. At most DATABASE_REQUEST_SLOTS requests per process
# reach the views at once (default: one less than gunicorn's threads), each waiting at most
# DATABASE_SLOT_WAIT seconds for a slot.
DATABASE_STALL_SECONDS = float(os.environ.get("DATABASE_STALL_SECONDS", "1"))
DATABASE_CLIENT_TIMEOUT = float(
    os.environ.get("DATABASE_CLIENT_TIMEOUT")
    or (DATABASE_STATEMENT_TIMEOUT + 2 if DATABASE_STATEMENT_TIMEOUT else 0)
)
DATABASE_BREAKER_SECONDS = float(os.environ.get("DATABASE_BREAKER_SECONDS", "5"))
DATABASE_REQUEST_SLOTS = int(
    os.environ.get("DATABASE_REQUEST_SLOTS")
    or max(1, int(os.environ.get("GUNICORN_THREADS") or "4") - 1)
)
DATABASE_SLOT_WAIT = float(os.environ.get("DATABASE_SLOT_WAIT", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before any password is hashed. AxesBackend is
# axes' AxesStandaloneBackend plus ModelBackend's get_user and permissions, so the first backend
# can also hold a session: Wagtail's test tools log in with AUTHENTICATION_BACKENDS[0].
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish first at /, English for partners at /en/ (symbiose/urls.py). Wagtail creates its default
# locale from LANGUAGE_CODE at the first migration; pages/migrations adds English.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]  # each named in its own language
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks Danish only, whatever language the content is in.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Uploads: only formats visitors can open safely; no SVG, no executables.
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "csv", "txt",
    "mp4", "webm", "vtt",  # the video block's own files: the video and its captions
]  # fmt: skip
# Named here, not guessed from the system's mime.types (a slim image may have none): the video
# block's <video> and <track> need them, and the browser refuses captions of another type.
WAGTAILDOCS_CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "vtt": "text/vtt"}
# Only a PDF opens in the browser; every other document is downloaded (Content-Disposition:
# attachment), and Wagtail sends nosniff with each. <video> and <track> play the video block's
# files whatever the header says.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "pages.forms.DocumentForm"
# Documents are always streamed by /documents/<id>/<name>, which checks their collection's
# privacy, never linked or redirected to their file in MEDIA_ROOT or the bucket (pages/documents.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

WAGTAIL_SITE_NAME = "Symbiose Hillerød"
# The site's public address, "host[:port]" (pages/site_address.py). load_launch_content and
# `manage.py set_site_hostname` give it to Wagtail's default Site, whose full URLs the open data,
# the CDN purges and the admin e-mails use.
SITE_HOSTNAME = os.environ.get("SITE_HOSTNAME") or "127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or site_root_url(SITE_HOSTNAME)
# Page addresses are ASCII with the Danish letters spelt out (pages/slugs.py); a published
# page's old address redirects permanently to its new one.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILREDIRECTS_AUTO_CREATE = True
# Wagtail's login form with its password field labelled in Danish (symbiose/forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "symbiose.forms.AdminLoginForm"
# Wagtail's database backend; on PostgreSQL each page is stemmed in its own language, English
# pages with the "english" configuration (search/backend.py). After changing a configuration,
# run `manage.py update_index`.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "danish",
        "LANGUAGE_CONFIGS": {"en": "english"},
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin asks no third party either: no Gravatar avatars, no update check from the browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# E-mail (password resets, admin notifications) over SMTP, with Django's standard names. Without
# EMAIL_HOST it goes to an SMTP server on this machine; `make run` prints it instead (dev.py).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually on port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the start, usually on port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_PORT = int(
    os.environ.get("EMAIL_PORT") or (587 if EMAIL_USE_TLS else 465 if EMAIL_USE_SSL else 25)
)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # seconds; never hang a worker
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # errors sent to ADMINS

# Anonymous visitors get no cookies: sessions only for logged-in editors. The one exception is
# the CSRF cookie of the join form, which lives until the browser closes (the footer says so).
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the cache first: the page cache checks a session cookie on every request
# (an editor's bypasses it), which then costs a cache read, not a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_AGE = None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The addresses that are not the public site: the Wagtail admin, and documents (files, streamed
# after a privacy check). They never get the public Content-Security-Policy (the admin ships its
# own inline code) and are never page-cached (PAGE_CACHE_EXCLUDED_PREFIXES).
PRIVATE_URL_PREFIXES = ("/admin/", "/documents/")

# Public pages get a strict policy (CONTENT_SECURITY_POLICY, below); the player iframe may only
# come from these hosts, images also from the media host when media live in object storage.
CSP_IMAGE_SOURCES = env_list("CSP_IMAGE_SOURCES")
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com",
)

# During an outage: one line per kind of failure per LOG_REPEAT_SECONDS, with a count, instead
# of a traceback per request (symbiose/logfilter.py).
LOG_REPEAT_SECONDS = float(os.environ.get("LOG_REPEAT_SECONDS", "10"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "repeats": {"()": "symbiose.logfilter.RepeatFilter", "seconds": LOG_REPEAT_SECONDS}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["repeats"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# What the scheduler (`manage.py run_scheduler`, pages/scheduling.py) calls every
# SCHEDULER_SECONDS: dotted paths to functions without arguments. A job that fails is logged
# and tried again next round; it never stops the others.
SCHEDULED_JOBS = [
    "pages.scheduling.publish_due",  # scheduled pages go live, expired ones offline
    "join.retention.delete_expired_submissions",  # join submissions past their retention
    "snapshot.jobs.write_if_stale",  # the static snapshot, after a publish (snapshot/)
]

# The static snapshot (snapshot/): every public page and its files, written here after each
# publish (by the scheduler, within SCHEDULER_SECONDS) and by `manage.py write_snapshot`; the
# web server serves SNAPSHOT_ROOT/current when the app answers 502/503/504 (README). Empty: off.
SNAPSHOT_ROOT = os.environ.get("SNAPSHOT_ROOT", str(BASE_DIR / "site-snapshot"))
# Written again at least this often, for what changes with the clock alone (a banner's end).
SNAPSHOT_MAX_AGE_SECONDS = int(os.environ.get("SNAPSHOT_MAX_AGE_SECONDS", "3600"))
SNAPSHOT_MAX_FILES = int(os.environ.get("SNAPSHOT_MAX_FILES", "20000"))  # pages, images...

# The join form (join/): submissions are deleted this many days after they were sent (the
# page's privacy text says so); each client address may send JOIN_RATE_LIMIT of them per
# JOIN_RATE_LIMIT_SECONDS, and post at most JOIN_ATTEMPT_LIMIT times, valid or not (counted in
# the default cache, Redis in production).
JOIN_SUBMISSION_RETENTION_DAYS = int(os.environ.get("JOIN_SUBMISSION_RETENTION_DAYS", "365"))
if JOIN_SUBMISSION_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("JOIN_SUBMISSION_RETENTION_DAYS must be 1 or more.")
JOIN_RATE_LIMIT = int(os.environ.get("JOIN_RATE_LIMIT", "5"))
JOIN_RATE_LIMIT_SECONDS = int(os.environ.get("JOIN_RATE_LIMIT_SECONDS", "3600"))
# Every post counts against this one, invalid ones too (join/ratelimit.py).
JOIN_ATTEMPT_LIMIT = int(os.environ.get("JOIN_ATTEMPT_LIMIT", "30"))
# How many proxies in front of the app append to X-Forwarded-For (a CDN and a load balancer:
# 2); the client's address is the entry they received. 0: REMOTE_ADDR (no proxy).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Login throttling (django-axes), for the admin's login and Django's at /_util/login/: after
# LOGIN_FAILURE_LIMIT wrong passwords for one user name from one address, that pair is locked
# out for LOGIN_COOLOFF_MINUTES, answered with a Danish 429
# (symbiose/lockout.py). Per user name *and* address, so nobody can lock an editor out from
# elsewhere and colleagues behind one office address do not lock each other out. The counts live
# in the default cache (Redis in production, shared by every process): a refused login costs a
# cache read, no database query and no password hash. Lift a lockout with
# `manage.py axes_reset_ip_username <address> <user name>`.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "symbiose.lockout.lockout_response"
# The client's address as the join form and the password forms read it (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "pages.clients.client_address"
# A post while locked out is refused before it is counted, so the lockout ends on time.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True  # a successful login forgets the earlier typing errors
AXES_ENABLE_ADMIN = False  # the cache handler keeps no records to show
# The password forms of restricted pages and private documents (pages/throttle.py): wrong
# passwords per address and restriction, in the default cache too.
VIEW_PASSWORD_FAILURE_LIMIT = int(os.environ.get("VIEW_PASSWORD_FAILURE_LIMIT", "10"))
VIEW_PASSWORD_COOLOFF_SECONDS = int(os.environ.get("VIEW_PASSWORD_COOLOFF_SECONDS", "900"))

# /.well-known/security.txt (RFC 9116, seo/security_txt.py): where to report a vulnerability
# (an e-mail address or a URI; without it the file answers 404, and `check --deploy` warns) and
# until when that holds (ISO 8601, less than a year ahead; without it, 180 days after the day
# the file is served).
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "")
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "")

# `load_example_symbioses` may only run where this is true (never in production).
EXAMPLE_CONTENT_ALLOWED = True

# Media on S3-compatible object storage when a bucket is configured (several servers);
# otherwise on the local disk in MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # The bucket's own policy decides: public reading of original_images/ and images/ only;
    # documents/ stays private (the app streams documents, WAGTAILDOCS_SERVE_METHOD above).
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False  # public images, stable (cacheable) addresses
    AWS_S3_FILE_OVERWRITE = False
    SERVE_MEDIA_DEFAULT = False
    if AWS_S3_CUSTOM_DOMAIN:
        CSP_IMAGE_SOURCES.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
    elif AWS_S3_ENDPOINT_URL:
        CSP_IMAGE_SOURCES.append(AWS_S3_ENDPOINT_URL.rstrip("/"))
    else:
        CSP_IMAGE_SOURCES.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
else:
    SERVE_MEDIA_DEFAULT = True

# Where `manage.py backup` writes when given no directory (backups/); keep it off this machine.
BACKUP_DIR = os.environ.get("BACKUP_DIR", "")

# django-csp; the header lists the directives in this order (symbiose/middleware.py). No inline
# scripts or styles anywhere, so never 'unsafe-inline'. Wagtail's previews alone may be framed,
# by the admin's preview panel (frame-ancestors 'self', symbiose/middleware.py).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": PRIVATE_URL_PREFIXES,
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_IMAGE_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# django-permissions-policy: the browser features the site never uses are off, for its pages
# and for anything they embed. The video player (its iframe from CSP_FRAME_SOURCES) keeps what
# the iframe's allow attribute asks for (templates/pages/blocks/video_block.html); a page can
# only grant a frame a feature it has itself, hence "self" with the player's hosts.
video_player = ["self", *CSP_FRAME_SOURCES]
never_used = [  # only names Chromium knows: it warns about any other
    "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation", "gyroscope",
    "hid", "idle-detection", "local-fonts", "magnetometer", "microphone", "midi", "payment",
    "publickey-credentials-create", "publickey-credentials-get", "screen-wake-lock", "serial",
    "usb", "window-management", "xr-spatial-tracking",
]  # fmt: skip
PERMISSIONS_POLICY = {
    "autoplay": video_player,
    "encrypted-media": video_player,
    "fullscreen": video_player,
    "picture-in-picture": video_player,
    **dict.fromkeys(never_used, []),
}

# Caching: one cache shared by every server process. Redis when REDIS_URL is set (if it goes
# away, pages are rendered instead, with a logged warning); otherwise files on this machine,
# which all processes of a single-machine set-up share.
# Every Redis connection (cache, watcher, /readyz) gives up after REDIS_TIMEOUT seconds, never
# retries by itself, and goes through a circuit breaker (caching/breaker.py): after a failure,
# this process does not try that Redis again for REDIS_BREAKER_SECONDS, so a hung Redis costs
# one timeout per interval, not one per request. The breaker logs each failure (once per
# interval) and the recovery, so django-redis need not log every ignored error.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
REDIS_BREAKER_SECONDS = float(os.environ.get("REDIS_BREAKER_SECONDS", "5"))
# /readyz (symbiose/health.py) gives PostgreSQL and Redis this long, both at the same time.
READYZ_TIMEOUT = float(os.environ.get("READYZ_TIMEOUT", "0.05"))
if REDIS_URL:
    from caching.breaker import BreakerConnection

    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "symbiose",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT,
                "IGNORE_EXCEPTIONS": True,
                "CONNECTION_POOL_KWARGS": {
                    "connection_class": BreakerConnection,
                    "breaker_seconds": REDIS_BREAKER_SECONDS,
                },
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            # One folder per checkout, so two copies of the site never share cached pages.
            "LOCATION": os.environ.get(
                "CACHE_DIR",
                str(
                    Path(tempfile.gettempdir()) / f"symbiose-cache-{zlib.crc32(bytes(BASE_DIR)):x}"
                ),
            ),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
PAGE_CACHE_ALIAS = "default"
if not REDIS_URL:
    # django-axes (AXES_HANDLER above) warns that the file cache counts without atomic
    # increments: two wrong passwords at the same moment may count once, so a lockout may come
    # an attempt or two late, never not at all. Acceptable on one machine; with several servers,
    # Redis (REDIS_URL) counts exactly.
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]
# The brochure's stable addresses (brochure/views.py): served from the database with their own
# ETag; a page-cache copy would only take room.
BROCHURE_URLS = ("/brochure.pdf", "/en/brochure.pdf")
# Never page-cached: the private addresses, the health check, static files, uploaded images and
# the brochure.
PAGE_CACHE_EXCLUDED_PREFIXES = (
    *PRIVATE_URL_PREFIXES, "/healthz", "/readyz", STATIC_URL, MEDIA_URL, *BROCHURE_URLS
)  # fmt: skip
# With Redis, each process learns of new generations over pub/sub (caching/watcher.py) instead
# of a round trip per request, and reads them again at least this often as a safety net.
PAGE_CACHE_REDIS_URL = REDIS_URL
PAGE_CACHE_RECHECK_SECONDS = float(os.environ.get("PAGE_CACHE_RECHECK_SECONDS", "1"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "900"))  # bounds any surprise
# The database's part of the generations (caching/anchor.py) is read again after a response at
# most this often; a process's own copy of a page lives at most PAGE_CACHE_LOCAL_SECONDS.
PAGE_CACHE_ANCHOR_SECONDS = float(os.environ.get("PAGE_CACHE_ANCHOR_SECONDS", "2"))
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "10"))
# A request waits at most this long for that read (on a side thread), then keeps the last copy:
# a frozen database never holds a cached page. 0: read on the request's own connection.
PAGE_CACHE_ANCHOR_WAIT = float(os.environ.get("PAGE_CACHE_ANCHOR_WAIT", "0.1"))
# The query parameters that may change a page (all others, utm_* included, are taken off the
# request: caching/keys.py). Owned by: the catalogue's filters (symbioses/filters.py,
# SymbioseFilter's fields), the news listing's `page` (news/models.py); the views declare their
# valid values while rendering (caching.keys.vary_on). The search's `q` (and its `page`) is one
# visitor's search: never cached.
PAGE_CACHE_VARIANT_PARAMETERS = ("dimension", "tema", "status", "partnertype", "page")
PAGE_CACHE_UNCACHED_PARAMETERS = ("q",)
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))  # max-age
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", "600"))  # s-maxage

# A CDN in front is purged after every change that bumps the page cache: every live page and
# the addresses the apps declare, at SITE_HOSTNAME (caching/cdn.py, with Wagtail's backends).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "caching.cdn.HTTPBackend",  # Wagtail's, with a timeout
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        "TIMEOUT": float(os.environ.get("FRONTEND_CACHE_TIMEOUT", "5")),
    }
if os.environ.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": os.environ.get("CLOUDFLARE_ZONEID", ""),
    }
# Our addresses are purged as they are (Danish at /, English under /en/): Wagtail would
# otherwise add a /da/ copy of each.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Serve uploaded media from the app itself (single-server set-up); turn off behind a media host.
SERVE_MEDIA = env_bool("SERVE_MEDIA", SERVE_MEDIA_DEFAULT)
