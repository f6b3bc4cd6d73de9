"""A page cache shared by every server process, that is never stale.

Published pages are stored, whole, in Django's default cache (Redis when REDIS_URL is set, a
file cache otherwise) together with the *generation* they were rendered in. Anything that can
change what a page shows (publishing, unpublishing, moving or deleting a page, saving site
settings, a document, an image...) bumps the generation, so the very next request on any
process renders afresh. A generation has two parts: the shared cache's (fast, announced over
Redis pub/sub) and the database's (counted in the publishing transaction; caching/anchor.py),
so a cache that comes back from an old snapshot cannot revive the pages of before a publish.
Only visitors' GET/HEAD requests are cached, keyed on the configured site, the path and the
query parameters that change the page (caching/keys.py); editors, previews and the admin always
get a fresh rendering.
"""

import contextlib
import gzip
import logging
import math
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from . import keys
from .anchor import anchor
from .filegenerations import file_generations

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
    if current:
        value = current.generation(name)
    else:  # a file cache: its file is read again only when it was replaced
        value = file_generations.generation(
            cache(), f"{GENERATION_KEY}{name}", name, stored_generation
        )
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
    """A visitor's GET, not the admin: no logged-in session (a cookie that is no session, or a
    CSRF cookie, does not count; caching/keys.py)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))
        and not keys.is_editor(request)
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
    if keys.accepts_gzip(request.headers.get("Accept-Encoding", "")):
        etag = headers.get("ETag", "")
        headers = {**headers, "Content-Encoding": "gzip", "Content-Length": str(len(compressed))}
        if etag.endswith('"'):
            headers["ETag"] = f'{etag[:-1]}-gz"'  # another representation, another tag
        content = compressed
    response = HttpResponse(content, status=status, headers=headers)
    response["X-Cache"] = "hit"
    return response


class Pages:
    """The shared cache, with this process's memory in front: each process keeps the pages it
    served, tagged with their generation, for at most PAGE_CACHE_LOCAL_SECONDS."""

    def __init__(self):
        self.local = {}

    def fetch(self, key, current):
        """(generation, value[, valid until]) stored under `key` for the current generation;
        None when there is none."""
        local = self.local.get(key)  # (generation, value, valid until, when it was kept)
        if (
            local is not None
            and local[0] == current
            and time.monotonic() - local[-1] < settings.PAGE_CACHE_LOCAL_SECONDS
            and still_valid(local[:-1])
        ):
            return local[:-1]
        stored = cache().get(key)
        if stored is not None and stored[0] == current and still_valid(stored):
            self.remember(key, stored)
            return stored
        return None

    def store(self, key, entry):
        until = entry[2] if len(entry) > 2 else None
        left = math.inf if until is None else max(1, math.ceil(until - time.time()))
        cache().set(key, entry, timeout=min(settings.PAGE_CACHE_SECONDS, left))
        self.remember(key, entry)

    def remember(self, key, entry):
        if len(self.local) >= LOCAL_ENTRIES:
            with contextlib.suppress(StopIteration, RuntimeError, KeyError):  # threads race here
                self.local.pop(next(iter(self.local)))  # the oldest
        self.local[key] = (*entry, time.monotonic())  # a bounded life, whatever happens


class Lookup:
    """Where a visitor's request finds its page (caching/keys.py), and whether it is there.
    Leaves the request with the query parameters the key says, and no others."""

    def __init__(self, request, pages):
        self.query = keys.known_query(request)
        self.entry = self.current = self.key = None
        self.variant = ()
        self.cached = not keys.never_cached(self.query)
        if not self.cached:  # one visitor's search
            keys.restrict(request)
            return
        self.current = generation()
        if self.query:
            declared = pages.fetch(keys.declaration_key(request.path), self.current)
            self.variant = None if declared is None else keys.canonical(self.query, declared[1])
        keys.restrict(request, self.variant)
        if self.variant is not None:
            self.key = keys.page_key(request.path, self.variant)
            self.entry = pages.fetch(self.key, self.current)


class PageCacheMiddleware:
    """Serves visitors from the shared cache and sets HTTP caching headers (most hits are
    answered before Django, by caching/wsgi.py, from the same entries)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.pages = Pages()

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        request.get_host()  # an unknown Host gets Django's 400 (DisallowedHost), never a page
        lookup = Lookup(request, self.pages)
        if lookup.entry is not None:
            return response_from(lookup.entry[1], request)
        response = self.get_response(request)
        if not lookup.cached or not is_cacheable_response(response):
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
        if left <= 0:
            return response
        # Which values of the query make another page, as the view declared (none: it reads
        # no parameter), kept for the requests that come with a query.
        allowed = getattr(request, "pagecache_allowed", {})
        self.pages.store(keys.declaration_key(request.path), (lookup.current, allowed, None))
        variant = lookup.variant
        if variant is None:  # rendered before the declaration was known
            variant = keys.canonical(lookup.query, allowed)
            if dict(variant) != lookup.query:
                return response  # a value the view dropped: not a page of its own
        set_response_etag(response)  # once, here, instead of on every conditional request
        # Stored with the generation read *before* rendering: if something was published
        # meanwhile, the next request sees a newer generation and renders again.
        entry = (lookup.current, stored_form(response), until)
        self.pages.store(keys.page_key(request.path, variant), entry)
        response["X-Cache"] = "miss"
        return response

    @staticmethod
    def key(request):
        """The key of the request's page without a query (as tests and tools address it)."""
        return keys.page_key(request.path)
