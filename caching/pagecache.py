"""A page cache shared by every server process, that is never stale.

Published pages are stored, whole, in Django's default cache (Redis when REDIS_URL is set, a
file cache otherwise) together with the *generation* they were rendered in. Anything that can
change what a page shows (publishing, unpublishing, moving or deleting a page, saving site
settings, a document, an image...) bumps the generation, so the very next request on any
process renders afresh. Only anonymous GET/HEAD requests without a query string are
cached; editors, previews, the admin and filtered listings always get a fresh rendering.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_cache_control, set_response_etag

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"  # pages; fragments may have generations of their own
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/")


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation(name=""):
    value = cache().get(f"{GENERATION_KEY}{name}")
    return value if value is not None else 0


def bump_generation(*names):
    """Invalidates every cached page (and the named fragments), on every process: the keys they
    were stored under change."""
    store = cache()
    for key in (GENERATION_KEY, *(f"{GENERATION_KEY}{name}" for name in names)):
        try:
            store.incr(key)
        except ValueError:  # not there yet (or the cache is unreachable: nothing is cached)
            store.set(key, 1, timeout=None)


def is_public_request(request):
    """An anonymous visitor's GET: no session, no CSRF cookie, not the admin."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.CSRF_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cookie" not in response.get("Vary", "")
        and "Cache-Control" not in response
    )


class PageCacheMiddleware:
    """Serves anonymous visitors from the shared cache and sets HTTP caching headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        key = current = None
        if not request.GET:  # filtered listings are rendered every time, never mixed up
            key = self.key(request)
            # One round trip: the current generation and the stored page with its generation.
            found = cache().get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY, 0)
            stored = found.get(key)
            if stored is not None and stored[0] == current:
                response = stored[1]
                response["X-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if not is_cacheable_response(response):
            return response
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
            s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
        )
        if key is not None:
            set_response_etag(response)  # once, here, instead of on every conditional request
            response["X-Cache"] = "miss"
            # Stored with the generation read *before* rendering: if something was published
            # meanwhile, the next request sees a newer generation and renders again.
            cache().set(key, (current, response), timeout=settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def key(request):
        address = f"{request.get_host()}{request.path}"
        return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"
