"""Production: everything from the environment; TLS is terminated by a proxy."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SITE_HOSTNAME, env_bool, parse_site_address, site_root_url


def is_site_address(host):
    try:
        parse_site_address(host)
    except ValueError:
        return False
    return True


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")

# Without SITE_HOSTNAME, the site's address is the first usable ALLOWED_HOSTS entry, over HTTPS
# (ALLOWED_HOSTS=symbiosehillerod.dk gives https://symbiosehillerod.dk).
if not os.environ.get("SITE_HOSTNAME"):
    SITE_HOSTNAME = next((host for host in ALLOWED_HOSTS if is_site_address(host)), SITE_HOSTNAME)
    if not os.environ.get("WAGTAILADMIN_BASE_URL"):
        WAGTAILADMIN_BASE_URL = site_root_url(SITE_HOSTNAME)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # answered before the redirect anyway
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EXAMPLE_CONTENT_ALLOWED = False
