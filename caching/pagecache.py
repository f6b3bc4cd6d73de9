"""A page cache shared by every server process, that is never stale.

Published pages are stored, whole, in Django's default cache (Redis when REDIS_URL is set, a
file cache otherwise) together with the *generation* they were rendered in. Anything that can
change what a page shows (publishing, unpublishing, moving or deleting a page, saving site
settings, a document, an image...) bumps the generation, so the very next request on any
process renders afresh. A generation has two parts: the shared cache's (fast, announced over
Redis pub/sub) and the database's (counted in the publishing transaction; caching/anchor.py),
so a cache that comes back from an old snapshot cannot revive the pages of before a publish.
Only anonymous GET/HEAD requests without a query string are cached; editors, previews, the
admin and filtered listings always get a fresh rendering.
"""

import contextlib
import gzip
import hashlib
import logging
import math
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from .anchor import anchor

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"  # pages; fragments may have generations of their own
# Documents and images (the video block's files and poster): bumped when any of them changes.
FILES_GENERATION = ":files"
CHANNEL = "pagecache:bumped"  # Redis pub/sub: every bump is announced here (caching/watcher.py)


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def stored_generation(name=""):
    """The generation in the shared cache; None when it cannot be reached. A new one starts
    from the clock, so a cache that was emptied (a Redis restart) never hands out a number
    that a process still has pages for."""
    key = f"{GENERATION_KEY}{name}"
    store = cache()
    value = store.get(key)
    if value is None:
        store.add(key, time.time_ns(), timeout=None)
        value = store.get(key)
    return value


_watcher = None


def watcher():
    """This process's GenerationWatcher when the page cache is in Redis, else None."""
    global _watcher
    url, recheck = settings.PAGE_CACHE_REDIS_URL, settings.PAGE_CACHE_RECHECK_SECONDS
    if not url:
        return None
    if _watcher is None or (_watcher.url, _watcher.recheck_seconds) != (url, recheck):
        from .watcher import GenerationWatcher

        close_watcher()
        _watcher = GenerationWatcher(
            url, CHANNEL, stored_generation, recheck, on_change=anchor.expire
        )
    return _watcher


def close_watcher():
    global _watcher
    if _watcher is not None:
        _watcher.close()
    _watcher = None


def generation(name=""):
    """The current generation, without a round trip to Redis or the database while nothing
    changed."""
    current = watcher()
    value = current.generation(name) if current else stored_generation(name)
    if value is None:
        return uuid.uuid4().hex  # cache unreachable: never a hit
    if current and not current.subscribed:
        anchor.expire()  # Redis may just have come back with less: ask the database
    return f"{anchor.value(name)}.{value}"


def bump_generation(*names):
    """Invalidates every cached page (and the named fragments), on every process: the keys they
    were stored under change. Counted in the database with the change itself; in the shared
    cache now, and again once the transaction commits: a page rendered meanwhile, from data
    not yet committed, is not kept."""
    anchor.bump(("", *names))
    keys = (GENERATION_KEY, *(f"{GENERATION_KEY}{name}" for name in names))
    bump(keys)
    transaction.on_commit(lambda: (anchor.read(), bump(keys)))


def bump(keys):
    store = cache()
    for key in keys:
        try:
            store.incr(key)
        except ValueError:  # not there yet (or the cache is unreachable: nothing is cached)
            store.set(key, time.time_ns(), timeout=None)
    if settings.PAGE_CACHE_REDIS_URL:
        from redis import RedisError

        from .watcher import announce

        try:
            announce(store.client.get_client(write=True), CHANNEL)
        except RedisError as error:  # watchers see it at their next re-read, within a second
            logger.warning("Page cache: could not announce a new generation (%s)", error)
        if _watcher is not None:
            _watcher.mark_stale()


def valid_until(request, moment):
    """The response to `request` may be kept at most until `moment` (a Unix time): what it
    shows changes by itself then (e.g. a banner with an end time), with nothing saved that
    would bump the generation. Any app may call it while rendering; the earliest moment wins."""
    current = getattr(request, "pagecache_valid_until", None)
    if current is None or moment < current:
        request.pagecache_valid_until = moment


def still_valid(entry):
    """(generation, page[, valid until]): whether the page may still be served."""
    return len(entry) < 3 or entry[2] is None or time.time() < entry[2]


def is_public_request(request):
    """An anonymous visitor's GET: no session, no CSRF cookie, not the admin."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.CSRF_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))
    )


def is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cookie" not in response.get("Vary", "")
        and "Cache-Control" not in response
    )


LOCAL_ENTRIES = 512  # pages each process also keeps in memory (about 10 KB each)


def stored_form(response):
    """What is stored: plain bytes and headers, and the body gzipped once for those who ask."""
    return (
        response.status_code,
        response.content,
        gzip.compress(response.content, compresslevel=6, mtime=0),
        dict(response.items()),
    )


def response_from(entry, request):
    status, content, compressed, headers = entry
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        etag = headers.get("ETag", "")
        headers = {**headers, "Content-Encoding": "gzip", "Content-Length": str(len(compressed))}
        if etag.endswith('"'):
            headers["ETag"] = f'{etag[:-1]}-gz"'  # another representation, another tag
        content = compressed
    response = HttpResponse(content, status=status, headers=headers)
    response["X-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Serves anonymous visitors from the shared cache and sets HTTP caching headers.

    Each process also keeps the pages it served in memory, tagged with their generation, for
    at most PAGE_CACHE_LOCAL_SECONDS; the current generation is checked on every request (with
    Redis, through the watcher's subscription), so a publish on any server is seen at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = {}

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        key = current = None
        if not request.GET:  # filtered listings are rendered every time, never mixed up
            key = self.key(request)
            current = generation()
            local = self.local.get(key)  # (generation, page, when it was kept)
            if (
                local is not None
                and local[0] == current
                and time.monotonic() - local[-1] < settings.PAGE_CACHE_LOCAL_SECONDS
                and still_valid(local[:-1])
            ):
                return response_from(local[1], request)
            # (generation it was rendered in, page, the moment it expires by itself or None)
            stored = cache().get(key)
            if stored is not None and stored[0] == current and still_valid(stored):
                self.remember(key, stored)
                return response_from(stored[1], request)
        response = self.get_response(request)
        if not is_cacheable_response(response):
            return response
        until = getattr(request, "pagecache_valid_until", None)
        # Browsers and the CDN keep it no longer than it stays true (seconds, rounded up).
        left = math.inf if until is None else max(0, math.ceil(until - time.time()))
        patch_cache_control(
            response,
            public=True,
            max_age=min(settings.PAGE_CACHE_BROWSER_SECONDS, left),
            s_maxage=min(settings.PAGE_CACHE_SHARED_SECONDS, left),
        )
        patch_vary_headers(response, ["Accept-Encoding"])
        if key is not None and left > 0:
            set_response_etag(response)  # once, here, instead of on every conditional request
            # Stored with the generation read *before* rendering: if something was published
            # meanwhile, the next request sees a newer generation and renders again.
            entry = (current, stored_form(response), until)
            cache().set(key, entry, timeout=min(settings.PAGE_CACHE_SECONDS, left))
            self.remember(key, entry)
            response["X-Cache"] = "miss"
        return response

    def remember(self, key, entry):
        if len(self.local) >= LOCAL_ENTRIES:
            with contextlib.suppress(StopIteration, RuntimeError, KeyError):  # threads race here
                self.local.pop(next(iter(self.local)))  # the oldest
        self.local[key] = (*entry, time.monotonic())  # a bounded life, whatever happens

    @staticmethod
    def key(request):
        address = f"{request.get_host()}{request.path}"
        return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"
