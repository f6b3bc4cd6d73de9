"""The database's part of a generation: what makes a publish stick when the cache forgets.

Redis can lose what it knew (a restart from an old snapshot, a restore, an eviction) and hand
back an old generation together with the pages cached in it. So every bump is also counted in
the database, in the transaction that stores the change itself, and a page's key carries both
numbers: pages cached before a publish can never match again, whatever Redis comes back with.

Each process keeps its copy of the database's numbers and reads them again:
- after a response, at most every `PAGE_CACHE_ANCHOR_SECONDS` (off the request path);
- before a response only when that copy is older than `STALE_AFTER` intervals (a process
  that was idle), when a bump was announced (once per publish), or when Redis may have come
  back with less than it had: the watcher (re)connected, or is not subscribed (then on every
  request, like the generation itself);
- at once in the process that bumps.
So a cached page costs no query while the site is busy.

A read before or after a response runs on a side thread (caching/sidecall.py) that the request
waits for at most PAGE_CACHE_ANCHOR_WAIT seconds: a frozen database never holds a cached page.
The process then keeps its last copy, and while that read hangs, requests do not wait at all.
After a failed read, the next is tried only after PAGE_CACHE_ANCHOR_SECONDS. With
PAGE_CACHE_ANCHOR_WAIT=0 the reads run on the request's own connection (the tests, whose data
lives in a transaction that other connections cannot see).
"""

import logging
import math
import time

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F

from .models import Generation
from .sidecall import Pending, SideCall

logger = logging.getLogger(__name__)

STALE_AFTER = 5  # intervals: an older copy is read again before it is used


class Anchor:
    def __init__(self):
        self.values = {}
        self.read_at = -math.inf
        self.failed_at = -math.inf
        self.side = SideCall("pagecache-anchor")

    def value(self, name=""):
        if self.age() > STALE_AFTER * settings.PAGE_CACHE_ANCHOR_SECONDS:
            self.read()
        return self.values.get(name, 0)

    def age(self):
        return time.monotonic() - self.read_at

    def read(self):
        """Reads the database's numbers; keeps the last copy if it cannot within the wait."""
        wait = settings.PAGE_CACHE_ANCHOR_WAIT
        if not wait:
            self.read_here()
            return
        if time.monotonic() - self.failed_at < settings.PAGE_CACHE_ANCHOR_SECONDS:
            return  # failed a moment ago: not again on every request
        try:
            self.side(self.read_here, wait)  # a late answer is still stored when it comes
        except Pending as pending:
            if pending.started:  # once per hang, not on every request while it lasts
                logger.warning("Page cache: cannot read the generations (%s)", pending)

    def read_here(self):
        """Reads on this thread's connection."""
        try:
            values = dict(Generation.objects.values_list("name", "value"))
        except DatabaseError as error:  # the page renders (and fails) on its own; keep the copy
            self.failed_at = time.monotonic()
            logger.warning("Page cache: cannot read the generations (%s)", error)
            return
        self.values = values
        self.read_at = time.monotonic()
        self.failed_at = -math.inf

    def expire(self, *args, **kwargs):
        """Read again before the next use (Redis may have come back with less)."""
        self.read_at = -math.inf

    def bump(self, names):
        """Counts a change in the current transaction: committed, or rolled back, with it."""
        Generation.objects.bulk_create(
            [Generation(name=name) for name in names], ignore_conflicts=True
        )
        Generation.objects.filter(name__in=names).update(value=F("value") + 1)
        self.read_here()  # in this transaction: on this connection

    def after_response(self, **kwargs):
        if self.age() > settings.PAGE_CACHE_ANCHOR_SECONDS:
            self.read()


anchor = Anchor()  # connected to request_finished in caching/apps.py
