"""Requests that may reach the database take one of the process's request slots
(dbguard/guard.py); listed right below the page cache, so cached pages and the health
addresses never need one."""

import logging

from django.urls import get_resolver, get_urlconf

from .guard import DatabaseStalled, guard

logger = logging.getLogger(__name__)


class DatabaseGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            guard.enter()
        except DatabaseStalled as refusal:
            # Refused on purpose, before any work: one line (folded with its repeats,
            # symbiose/logfilter.py), no traceback; the site's handler500 answers (503).
            logger.warning("Refused %s: %s", request.path, refusal)
            return get_resolver(get_urlconf()).resolve_error_handler(500)(request)
        try:
            return self.get_response(request)
        finally:
            guard.leave()
