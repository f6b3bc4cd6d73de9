"""A limit on submissions per client address, kept in Django's default cache (Redis in
production, so every server process counts together).

A fixed window: the first counted submission from an address starts it, and it ends
JOIN_RATE_LIMIT_SECONDS later. Only what the form accepts (and what the honeypot catches) is
counted, so a visitor correcting typing errors is never locked out. The address is hashed
before it is used as a key: the cache never holds visitors' IP addresses. If the cache cannot
be reached the form keeps working, unlimited, and the error is logged.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request):
    """The visitor's IP address. Behind TRUSTED_PROXY_COUNT proxies that each append the address
    they received the request from to X-Forwarded-For, it is the one the outermost proxy saw
    (entries further left may be made up by the client); without proxies, REMOTE_ADDR."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR", "")


class RateLimit:
    def __init__(self, request, scope="join"):
        digest = hashlib.sha256(
            f"{settings.SECRET_KEY}:{client_address(request)}".encode()
        ).hexdigest()
        self.key = f"ratelimit:{scope}:{digest}"
        self.limit = settings.JOIN_RATE_LIMIT
        self.window = settings.JOIN_RATE_LIMIT_SECONDS

    def _entry(self, now):
        """(window start, count) for this address, or a fresh one."""
        try:
            entry = cache.get(self.key)
        except Exception:  # the cache is down: never lose a submission over it
            logger.exception("Rate limit: the cache cannot be read")
            return None
        if not entry or now - entry[0] >= self.window:
            return (now, 0)
        return entry

    def exceeded(self):
        entry = self._entry(time.time())
        return entry is not None and entry[1] >= self.limit

    def hit(self):
        """Counts one submission from this address."""
        now = time.time()
        entry = self._entry(now)
        if entry is None:
            return
        start, count = entry
        remaining = max(1, math.ceil(start + self.window - now))
        try:
            cache.set(self.key, (start, count + 1), timeout=remaining)
        except Exception:
            logger.exception("Rate limit: the cache cannot be written")
