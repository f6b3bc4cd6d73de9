"""Cached pages answered before Django's request handling, as whitenoise answers static files.

`PageCacheApplication(application)` wraps the Django WSGI application (symbiose/wsgi.py). For a
visitor's GET or HEAD whose page is in the page cache for the current generation, it answers
from the very entries the page cache middleware stores (caching/pagecache.py: same keys, same
generation check, same expiry of pages that change by themselves), running only the middleware
listed *above* the page cache in MIDDLEWARE (security headers, whitenoise, conditional GET and
its 304, the Permissions-Policy), so the answer carries exactly the headers Django's would.
Everything else goes to Django unchanged: a miss, an editor, the admin, previews, an unknown
Host (Django's 400), a plain-HTTP request that SECURE_SSL_REDIRECT sends to HTTPS, a search.
"""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIRequest
from django.utils.module_loading import import_string

from .pagecache import Lookup, Pages, is_public_request, response_from

logger = logging.getLogger(__name__)

PAGE_CACHE_MIDDLEWARE = "caching.pagecache.PageCacheMiddleware"


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
        self.handler = None  # built at the first request: settings may change until then

    def __call__(self, environ, start_response):
        response = None
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            response = self.cached(environ)
        if response is None:
            return self.application(environ, start_response)
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, list(response.items()))
        return response  # its close() sends request_finished, as after Django's own answers

    def cached(self, environ):
        """The page cache's answer (with the outer middleware's headers), or None."""
        if environ.get("PATH_INFO", "").startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)):
            return None
        request = WSGIRequest(dict(environ))  # Django gets the environ untouched on a miss
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
        return response
