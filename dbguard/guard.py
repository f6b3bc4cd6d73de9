"""A frozen database holds at most its share of a process's threads, and none for long.

PostgreSQL that stops answering (frozen, or a network path to it that stopped forwarding)
times out nowhere on the client: libpq has no read timeout, the server's statement_timeout
cannot fire, and TCP keepalives are answered by the kernel. So each process keeps its own
account of the database operations in flight (`begin`, `end`, used by the backend in
dbguard/postgresql/base.py) and:

- counts the database as *stalled* while an operation of a request has run for more than
  DATABASE_STALL_SECONDS, or for DATABASE_BREAKER_SECONDS after the watchdog ended one: a
  request then gets DatabaseStalled at once, at its start (dbguard/middleware.py) or at its
  next query, instead of waiting (symbiose/views.py answers 503);
- ends, from a watchdog thread, any operation that has run for more than
  DATABASE_CLIENT_TIMEOUT seconds, by shutting its socket down: the thread waiting in libpq
  gets an OperationalError at once, and Django connects afresh next time;
- lets at most DATABASE_REQUEST_SLOTS requests at a time reach the views
  (dbguard/middleware.py), so the thread left over answers cached pages and health checks.

Management commands (migrate, backup) are watched but never refused: only a request's thread
is (`guarded`).
"""

import contextlib
import logging
import math
import os
import socket
import threading
import time

from django.conf import settings
from django.db import OperationalError

logger = logging.getLogger(__name__)

WATCHDOG_INTERVAL = 0.25  # seconds between the watchdog's looks


class DatabaseStalled(OperationalError):
    """The database is not answering: refused without asking it."""


class Guard:
    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.operations = {}  # token: (database wrapper, start, from a request)
        self.open_until = -math.inf
        self.local = threading.local()
        self.slots = None
        self.watching = False  # this process's watchdog runs (see forked())

    # A request's thread ---------------------------------------------------------------------

    def enter(self):
        """At a request's start: refused if stalled, else waits for one of the slots."""
        self.refuse_if_stalled()
        slots = self.request_slots()
        waited = 0.0
        while not slots.acquire(timeout=0.05):
            waited += 0.05
            self.refuse_if_stalled()
            if waited >= settings.DATABASE_SLOT_WAIT:
                raise DatabaseStalled(f"no free slot for a request within {waited:g} s")
        self.local.guarded = True
        self.local.slot_of = slots

    def leave(self):
        self.local.guarded = False
        self.local.slot_of.release()

    def request_slots(self):
        with self.lock:
            if self.slots is None:
                self.slots = threading.BoundedSemaphore(settings.DATABASE_REQUEST_SLOTS)
            return self.slots

    # Every database operation ---------------------------------------------------------------

    def begin(self, wrapper, refuse=True):
        """Before one operation on `wrapper` (a Django database connection) that may wait for
        the server; in a request's thread, refused at once (`refuse`) if it is stalled. Its
        token goes to end(). (Not a context manager: this runs around every query.)"""
        guarded = getattr(self.local, "guarded", False)
        if guarded and refuse:
            self.refuse_if_stalled()
        if not self.watching:
            self.start_watchdog()
        token = object()
        with self.lock:
            self.operations[token] = (wrapper, self.clock(), guarded)
        return token

    def end(self, token):
        with self.lock:
            self.operations.pop(token, None)

    def stalled(self):
        """Why the database counts as stalled now, or None."""
        now = self.clock()
        if now < self.open_until:
            return f"an operation was ended {settings.DATABASE_CLIENT_TIMEOUT:g} s after its start"
        limit = settings.DATABASE_STALL_SECONDS
        with self.lock:
            oldest = min(
                (start for _, start, guarded in self.operations.values() if guarded),
                default=now,
            )
        if now - oldest > limit:
            return f"an operation has waited for over {limit:g} s"
        return None

    def refuse_if_stalled(self):
        reason = self.stalled()
        if reason is not None:
            raise DatabaseStalled(f"The database is not answering: {reason}")

    # The watchdog ---------------------------------------------------------------------------

    def start_watchdog(self):
        if not settings.DATABASE_CLIENT_TIMEOUT:
            return
        with self.lock:
            if self.watching:
                return
            self.watching = True
        threading.Thread(target=self.watch, name="dbguard-watchdog", daemon=True).start()

    def forked(self):
        """In a forked child (a gunicorn worker): its own watchdog, started at its first use."""
        self.watching = False
        self.lock = threading.Lock()

    def watch(self):
        while True:
            time.sleep(WATCHDOG_INTERVAL)
            self.end_overdue()

    def end_overdue(self):
        """Ends the operations that have run for longer than DATABASE_CLIENT_TIMEOUT."""
        timeout = settings.DATABASE_CLIENT_TIMEOUT
        if not timeout:
            return 0
        now = self.clock()
        ended = 0
        with self.lock:  # held while shutting down: the owner cannot close the socket meanwhile
            for token, (wrapper, start, _) in list(self.operations.items()):
                if now - start > timeout:
                    del self.operations[token]
                    ended += shut_down(wrapper)
            if ended:
                self.open_until = now + settings.DATABASE_BREAKER_SECONDS
        if ended:
            logger.warning(
                "Database: ended %d operation(s) waiting for over %g s; new requests are "
                "refused for %g s",
                ended, timeout, settings.DATABASE_BREAKER_SECONDS,
            )  # fmt: skip
        return ended


def shut_down(wrapper):
    """Shuts the socket of `wrapper`'s connection down (its owner keeps the descriptor and
    closes it): 1 if done."""
    raw = wrapper.connection
    try:
        descriptor = os.dup(raw.fileno())
    except Exception:  # noqa: BLE001 - closed meanwhile: nothing left to end
        return 0
    with socket.socket(fileno=descriptor) as duplicate, contextlib.suppress(OSError):
        duplicate.shutdown(socket.SHUT_RDWR)
    return 1


guard = Guard()
os.register_at_fork(after_in_child=guard.forked)
