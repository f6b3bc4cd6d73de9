"""Cached pages answered before Django's request handling, as whitenoise answers static files.

`PageCacheApplication(application)` wraps the Django WSGI application (symbiose/wsgi.py). For a
visitor's GET or HEAD whose page is in the page cache for the current generation, it answers
from the very entries the page cache middleware stores (caching/pagecache.py: same keys, same
generation check, same expiry of pages that change by themselves), running only the middleware
listed *above* the page cache in MIDDLEWARE (security headers, whitenoise, conditional GET and
its 304, the Permissions-Policy), so the answer carries exactly the headers Django's would.
Everything else goes to Django unchanged: a miss, an editor, the admin, previews, an unknown
Host (Django's 400), a plain-HTTP request that SECURE_SSL_REDIRECT sends to HTTPS, a search.

The answer itself (status, headers, body) is then kept in memory, keyed by everything in the
request that can change it (path, Host, the proxy's scheme and host headers, Accept-Encoding):
the next such request without a query, a session cookie or a conditional header is answered
from it without building a request at all, as long as the page cache's entry it came from is
still the current one (same generation, same stored page, not expired).
"""

import contextlib
import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIRequest
from django.utils.module_loading import import_string

from .anchor import anchor
from .pagecache import LOCAL_ENTRIES, Lookup, Pages, generation, is_public_request, response_from

logger = logging.getLogger(__name__)

PAGE_CACHE_MIDDLEWARE = "caching.pagecache.PageCacheMiddleware"
# Request headers that make an answer of their own (or, for the conditional ones and cookies,
# send the request the long way).
ANSWER_HEADERS = (
    "PATH_INFO", "SCRIPT_NAME", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "wsgi.url_scheme",
    "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_PROTO",
    "HTTP_ACCEPT_ENCODING",
)  # fmt: skip
LONG_WAY = ("QUERY_STRING", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


class Answer(list):
    """The body of a ready answer; closing it does what request_finished would."""

    def close(self):
        anchor.after_response()


def cached_response(request):
    return request.pagecache_response


def outer_middleware(get_response):
    """The middleware above the page cache in MIDDLEWARE, around `get_response`, as Django
    builds its chain."""
    names = settings.MIDDLEWARE[: settings.MIDDLEWARE.index(PAGE_CACHE_MIDDLEWARE)]
    handler = get_response
    for name in reversed(names):
        try:
            handler = import_string(name)(handler)
        except MiddlewareNotUsed:
            continue
    return handler


class PageCacheApplication:
    def __init__(self, application):
        self.application = application
        self.pages = Pages()
        self.answers = {}  # ANSWER_HEADERS' values: (page key, stored page, the answer)
        self.handler = None  # built at the first request: settings may change until then

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        try:
            ready = self.ready_answer(environ)
            response = None if ready is not None else self.cached(environ)
        except Exception as error:  # noqa: BLE001 (e.g. no session store: Django answers)
            logger.warning("Page cache: left to Django (%s: %s)", type(error).__name__, error)
            ready = response = None
        head = environ["REQUEST_METHOD"] == "HEAD"  # the headers only (RFC 9110)
        if ready is not None:
            status, headers, body = ready
            start_response(status, list(headers))
            return Answer([] if head else [body])
        if response is None:
            return self.application(environ, start_response)
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, list(response.items()))
        if head:
            response.content = b""  # Content-Length stays the GET's, as it should
        return response  # its close() sends request_finished, as after Django's own answers

    def answer_key(self, environ):
        if any(environ.get(name) for name in LONG_WAY):
            return None
        if settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
            return None  # maybe an editor: checked the long way
        return tuple(environ.get(name) for name in ANSWER_HEADERS)

    def ready_answer(self, environ):
        key = self.answer_key(environ)
        ready = self.answers.get(key) if key is not None else None
        if ready is None:
            return None
        page_key, page, answer = ready
        entry = self.pages.fetch(page_key, generation())
        if entry is None or entry[1] is not page:
            return None
        return answer

    def keep(self, environ, page_key, page, response):
        key = self.answer_key(environ)
        if key is None or response.status_code != 200 or response.cookies:
            return
        if len(self.answers) >= LOCAL_ENTRIES:
            with contextlib.suppress(StopIteration, RuntimeError, KeyError):  # threads race here
                self.answers.pop(next(iter(self.answers)))
        status = f"{response.status_code} {response.reason_phrase}"
        self.answers[key] = (page_key, page, (status, tuple(response.items()), response.content))

    def cached(self, environ):
        """The page cache's answer (with the outer middleware's headers), or None."""
        if environ.get("PATH_INFO", "").startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)):
            return None
        original = environ
        environ = dict(environ)  # Django gets the environ untouched on a miss
        request = WSGIRequest(environ)
        try:
            request.get_host()
        except DisallowedHost:
            return None  # Django answers it (400) and logs it, as ever
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None  # redirected by Django (or exempt)
        if not is_public_request(request):
            return None
        lookup = Lookup(request, self.pages)
        if lookup.entry is None:
            return None
        request.pagecache_response = response_from(lookup.entry[1], request)
        if self.handler is None:
            self.handler = outer_middleware(cached_response)
        response = self.handler(request)
        response._handler_class = type(self)
        self.keep(original, lookup.key, lookup.entry[1], response)
        return response
