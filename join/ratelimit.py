"""A limit on submissions per client address, kept in Django's default cache (Redis in
production, so every server process counts together).

A fixed window: the first counted submission from an address starts it, and it ends
JOIN_RATE_LIMIT_SECONDS later. Two counts share it: what the form accepts (and what the honeypot
catches), limited to JOIN_RATE_LIMIT, and every post, valid or not, limited to the much higher
JOIN_ATTEMPT_LIMIT. A visitor correcting typing errors never reaches the second; a script
posting rubbish does, and is then answered without the form being checked. The address is hashed
before it is used as a key: the cache never holds visitors' IP addresses. If the cache cannot
be reached the form keeps working, unlimited, and the error is logged.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

from pages.clients import client_address

logger = logging.getLogger(__name__)


class RateLimit:
    def __init__(self, request, scope="join", limit=None):
        digest = hashlib.sha256(
            f"{settings.SECRET_KEY}:{client_address(request)}".encode()
        ).hexdigest()
        self.key = f"ratelimit:{scope}:{digest}"
        self.limit = settings.JOIN_RATE_LIMIT if limit is None else limit
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
