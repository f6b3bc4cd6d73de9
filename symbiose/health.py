"""/healthz and /readyz, answered before everything else (the HTTPS redirect, the host check,
the page cache, sessions), so that they answer fast whatever is down.

- /healthz: liveness. The process answers; no dependency is asked. 200 "ok".
- /readyz: readiness. PostgreSQL (`SELECT 1` on a side thread, caching/sidecall.py) and Redis
  (PING, through its circuit breaker, caching/breaker.py) are asked at the same time, each
  given READYZ_TIMEOUT seconds; a Redis whose breaker is open, or a database whose previous
  check still hangs or that this process counts as stalled (dbguard/guard.py), is reported
  at once without asking. 200 when both answer, else 503; the JSON body names what failed
  and why.
"""

import json
import os
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse

from caching.breaker import BreakerConnection
from caching.sidecall import Pending, SideCall
from dbguard.guard import guard

PATHS = ("/healthz", "/readyz")


class HealthMiddleware:
    """First in MIDDLEWARE: answers the two health addresses before any other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        if request.path_info == "/readyz":
            return readyz(request)
        return self.get_response(request)


def answer(content, status=200, content_type="text/plain"):
    response = HttpResponse(content, status=status, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


def healthz(request):
    """Liveness: touches nothing but this process."""
    return answer("ok\n")


_database = SideCall("readyz-database")


def select_one():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def describe(error):
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


class RedisProbe:
    """This process's client for the readiness PING: short timeouts, the cache's breaker."""

    def __init__(self):
        self.lock = threading.Lock()
        self.client = None
        self.key = None

    def ping(self, timeout):
        key = (settings.REDIS_URL, timeout, os.getpid())
        with self.lock:
            if self.key != key:
                self.client = redis.Redis.from_url(
                    settings.REDIS_URL,
                    socket_connect_timeout=timeout,
                    socket_timeout=timeout,
                    connection_class=BreakerConnection,
                    breaker_seconds=settings.REDIS_BREAKER_SECONDS,
                    client_name="readyz",
                )
                self.key = key
            client = self.client
        client.ping()


_redis = RedisProbe()


def check_redis(timeout):
    if not settings.REDIS_URL:
        return "not used"
    try:
        _redis.ping(timeout)
    except redis.RedisError as error:
        return describe(error)
    return "ok"


def readyz(request):
    timeout = settings.READYZ_TIMEOUT
    deadline = time.monotonic() + timeout
    stalled = guard.stalled()
    try:
        if stalled is not None:  # this process refuses requests that need it (dbguard/)
            raise Pending(stalled, started=False)
        future = _database.start(select_one)  # runs while Redis is asked
    except Pending as pending:
        future, database = None, f"no answer ({pending})"
    checks = {"redis": check_redis(timeout)}
    if future is not None:
        try:
            future.result(timeout=max(0.0, deadline - time.monotonic()))
            database = "ok"
        except FutureTimeout:
            database = f"no answer within {timeout:g} s"
        except DatabaseError as error:
            database = describe(error)
    checks = {"database": database, **checks}
    ready = all(state in ("ok", "not used") for state in checks.values())
    body = {"status": "ok" if ready else "unavailable", **checks}
    return answer(
        json.dumps(body) + "\n", status=200 if ready else 503, content_type="application/json"
    )
