"""A circuit breaker for Redis: a hung or dead Redis costs one timeout per interval, not one per
request.

Every Redis connection of this process (the shared cache's pool, the page cache's watcher, the
readiness check) is a `BreakerConnection`. When a connect, send or read fails (refused, reset,
timed out), the breaker of that server opens: for `REDIS_BREAKER_SECONDS` every command is
refused at once with `CircuitOpen` (a ConnectionError, which django-redis ignores like any
other with IGNORE_EXCEPTIONS, so pages render instead of waiting). Then one call, on one
thread, tries again: an answer closes the breaker, another failure opens it for another
interval. Failures and the recovery are logged once each, with the count of refused calls.
"""

import logging
import threading
import time

import redis
from redis.backoff import NoBackoff
from redis.connection import Connection
from redis.retry import Retry

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 5.0


class CircuitOpen(redis.ConnectionError):
    """Refused without trying: the server failed less than an interval ago."""


class Breaker:
    """One per server and process; thread-safe. `allow()` before a call, then `success()` or
    `failure(error)` after it."""

    def __init__(self, name, seconds=DEFAULT_SECONDS, clock=time.monotonic):
        self.name = name
        self.seconds = seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.local = threading.local()  # whether this thread holds the trial call
        self.open_until = None  # None: closed
        self.opened_at = None
        self.refused = 0

    @property
    def is_open(self):
        return self.open_until is not None

    def allow(self):
        if self.open_until is None or getattr(self.local, "trial", False):
            return True
        with self.lock:
            if self.open_until is None:
                return True
            if self.clock() < self.open_until:
                self.refused += 1
                return False
            # One trial; the other threads are refused until it answers or fails.
            self.open_until = self.clock() + self.seconds
            self.local.trial = True
            return True

    def success(self):
        self.local.trial = False
        if self.open_until is None:
            return
        with self.lock:
            if self.open_until is None:
                return
            down, refused = self.clock() - self.opened_at, self.refused
            self.open_until = self.opened_at = None
            self.refused = 0
        logger.warning(
            "%s reachable again after %.1f s (%d calls refused meanwhile)", self.name, down, refused
        )

    def failure(self, error):
        self.local.trial = False
        with self.lock:
            now = self.clock()
            first = self.open_until is None
            self.open_until = now + self.seconds
            if first:
                self.opened_at = now
        # One line per failure (at most one per interval and process while it lasts); the
        # logging filter (symbiose/logfilter.py) folds repeats into one line with a count.
        logger.warning(
            "%s unreachable (%s: %s); not tried again for %g s",
            self.name,
            type(error).__name__,
            error,
            self.seconds,
        )


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(name, seconds=DEFAULT_SECONDS):
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = Breaker(name, seconds)
        return _breakers[name]


def all_breakers():
    return list(_breakers.values())


class BreakerConnection(Connection):
    """A redis-py connection that asks its server's breaker before each connect and command,
    and never retries by itself (the breaker decides when to try again)."""

    def __init__(self, *args, breaker_seconds=None, **kwargs):
        kwargs["retry"] = Retry(NoBackoff(), 0)
        super().__init__(*args, **kwargs)
        seconds = DEFAULT_SECONDS if breaker_seconds is None else float(breaker_seconds)
        self.breaker = breaker_for(f"Redis {self.host}:{self.port}", seconds)

    def _guarded(self, call, *args, **kwargs):
        if not self.breaker.allow():
            raise CircuitOpen(
                f"{self.breaker.name} failed less than {self.breaker.seconds:g} s ago"
            )
        try:
            return call(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self._failed(error)
            raise

    def _failed(self, error):
        # Once per failure, although it passes through several of these methods (a connect
        # reads the handshake's answer).
        if not isinstance(error, CircuitOpen) and not getattr(error, "breaker_counted", False):
            error.breaker_counted = True
            self.breaker.failure(error)

    def connect_check_health(self, *args, **kwargs):
        if self._sock:
            return None
        return self._guarded(super().connect_check_health, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        return self._guarded(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        # Not refused while open: a reply to a command already sent (or a pub/sub message).
        try:
            response = super().read_response(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self._failed(error)
            raise
        self.breaker.success()
        return response
