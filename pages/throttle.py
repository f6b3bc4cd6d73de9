"""A limit on wrong passwords in the password forms of restricted pages and private documents
(Wagtail's PageViewRestriction and CollectionViewRestriction).

django-axes throttles the admin login, but it only sees django.contrib.auth's authenticate();
these forms check a restriction's shared password themselves. So a counter per client address
and restriction, in the default cache (Redis in production, every process counts together):
after VIEW_PASSWORD_FAILURE_LIMIT wrong passwords, each less than VIEW_PASSWORD_COOLOFF_SECONDS
after the one before, the address gets a Danish 429 for that restriction until that time has
passed since the last one (as django-axes counts), and neither the restriction nor the password
is looked at: a throttled post costs one cache read. The address
is hashed, so the cache holds no IP addresses; if the cache is down the form works unlimited.
"""

import functools
import hashlib
import logging
import math

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.translation import get_language, ngettext

from .clients import client_address

logger = logging.getLogger(__name__)

TEMPLATE = "pages/too_many_attempts.html"


def _key(request, scope, restriction_id):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()
    return f"throttle:{scope}:{restriction_id}:{digest}"


def _failures(key):
    try:
        return cache.get(key) or 0
    except Exception:  # the cache is down: the form keeps working
        logger.exception("Password form limit: the cache cannot be read")
        return 0


def _count_failure(key):
    timeout = settings.VIEW_PASSWORD_COOLOFF_SECONDS
    try:
        cache.add(key, 0, timeout=timeout)
        count = cache.incr(key)  # atomic on Redis (INCR)
        cache.touch(key, timeout)  # the file cache's incr() would give it the default timeout
        return count
    except Exception:
        logger.exception("Password form limit: the cache cannot be written")
        return 0


def too_many_attempts(request):
    minutes = math.ceil(settings.VIEW_PASSWORD_COOLOFF_SECONDS / 60)
    wait = ngettext(
        "Please wait %(minutes)s minute, then try again.",
        "Please wait %(minutes)s minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}
    language = get_language()
    context = {
        "wait": wait,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "front_page": "/" if language == settings.LANGUAGE_CODE else f"/{language}/",
    }
    response = TemplateResponse(request, TEMPLATE, context, status=429)
    response["Retry-After"] = str(settings.VIEW_PASSWORD_COOLOFF_SECONDS)
    return response


def limit_wrong_passwords(scope, restriction_argument):
    """Wraps a view of Wagtail's that checks a restriction's password: a wrong one is a POST
    answered with the form again (200), a right one a redirect. Wrap it in never_cache too."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            key = _key(request, scope, kwargs[restriction_argument])
            if _failures(key) >= settings.VIEW_PASSWORD_FAILURE_LIMIT:
                response = too_many_attempts(request)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and _count_failure(key) == (
                    settings.VIEW_PASSWORD_FAILURE_LIMIT
                ):
                    logger.warning(
                        "Password form limit: %s %s locked for an address after %s wrong passwords",
                        scope,
                        kwargs[restriction_argument],
                        settings.VIEW_PASSWORD_FAILURE_LIMIT,
                    )
            return response

        return wrapped

    return decorator
