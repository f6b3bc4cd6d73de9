"""Scheduled publishing without cron: a loop that runs Wagtail's `publish_scheduled`.

`run_scheduler` (the management command) calls `run` with the interval of SCHEDULER_SECONDS.
The image's gunicorn master starts one such process per container (gunicorn.conf.py) and
`make run` one beside runserver. With several containers, a PostgreSQL advisory lock lets one
of them publish at a time; the others skip that round. SQLite has one machine only and no
such lock, so there it is a no-op.

Each round runs the jobs named in SCHEDULED_JOBS (dotted paths, imported with import_string):
`publish_due` here, and whatever other apps ask for (e.g. join's retention job), so this module
never imports them. A job that fails is logged; the others and the next round still run.

`overdue` lists what should have been published or unpublished by now, for the warning on the
admin dashboard (pages/wagtail_hooks.py).
"""

import logging
import os
import threading
import zlib
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Page, Revision

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 30
# The advisory lock's key: one 32-bit number for "publish_scheduled" in this database.
LOCK_KEY = zlib.crc32(b"symbiose:publish_scheduled")
# The dashboard warns when something is this late: a scheduler that works is at most one
# interval late.
OVERDUE_AFTER = timedelta(minutes=5)


def interval_from_env(environ=os.environ):
    """SCHEDULER_SECONDS (default 30); at least 1 second."""
    value = environ.get("SCHEDULER_SECONDS", "").strip()
    return max(1.0, float(value)) if value else float(DEFAULT_SECONDS)


@contextmanager
def exclusive(key=LOCK_KEY):
    """Yields True when this process may go ahead, False when another holds the lock.

    PostgreSQL: a session-level advisory lock (pg_try_advisory_lock), released at the end or
    by PostgreSQL when the connection ends. Other databases: always True (one machine).
    """
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _due(now):
    """What publish_scheduled is about to do: (titles to publish, titles to unpublish)."""
    publish = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    expire = Page.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")
    return [r.object_str for r in publish], [p.title for p in expire]


def publish_due():
    """One round: publishes and unpublishes what is due. Returns False when another process
    held the lock (and did the work), True otherwise."""
    with exclusive() as acquired:
        if not acquired:
            logger.debug("Another process is publishing scheduled pages; skipped")
            return False
        publish, expire = _due(timezone.now())
        if publish or expire:
            call_command("publish_scheduled", verbosity=0)
            for title in publish:
                logger.info("Published as scheduled: %s", title)
            for title in expire:
                logger.info("Unpublished as scheduled (expired): %s", title)
        return True


def _fresh_connection():
    """Drops a broken or too old connection, as Django does between requests (not inside a
    transaction someone else opened, e.g. a test's)."""
    if not connection.in_atomic_block:
        close_old_connections()


DEFAULT_JOBS = ["pages.scheduling.publish_due"]


def jobs():
    """The dotted paths of SCHEDULED_JOBS (default: scheduled publishing only)."""
    return list(getattr(settings, "SCHEDULED_JOBS", DEFAULT_JOBS))


def run_jobs(interval=None):
    """One round: each job in turn. A job that fails (the database away, an import error) is
    logged and the next one still runs. Returns the paths of the jobs that failed."""
    failed = []
    for path in jobs():
        _fresh_connection()
        try:
            import_string(path)()
        except Exception:  # a bad job must not end the round, nor the loop
            failed.append(path)
            logger.exception("Scheduled job %s failed; trying again in %s s", path, interval)
            if not connection.in_atomic_block:
                connection.close()  # a broken connection is opened afresh for the next job
    return failed


def run(interval, stop=None, rounds=None, parent_pid=None):
    """Runs the SCHEDULED_JOBS every `interval` seconds until `stop` (a threading.Event) is
    set, after `rounds` rounds if given, or once parent_pid is no longer this process's parent.

    A database error is logged and the next round tries again with a new connection.
    """
    stop = stop or threading.Event()
    done = 0
    logger.info("Scheduler started: %s every %s s", ", ".join(jobs()), interval)
    while not stop.is_set():
        run_jobs(interval)
        done += 1
        if rounds is not None and done >= rounds:
            break
        # Wait in slices, so an orphaned scheduler notices quickly that its parent is gone.
        waited = 0.0
        while waited < interval and not stop.is_set():
            if parent_pid is not None and os.getppid() != parent_pid:
                logger.info("Scheduler's parent process ended; stopping")
                stop.set()
                break
            slice_ = min(1.0, interval - waited)
            stop.wait(slice_)
            waited += slice_
    _fresh_connection()
    logger.info("Scheduler stopped")


def overdue(now=None, grace=OVERDUE_AFTER):
    """Pages still waiting for the scheduler more than `grace` after their time, earliest
    first: a list of (page, when, action) with action "publish" or "unpublish"."""
    cutoff = (now or timezone.now()) - grace
    late = []
    revisions = list(
        Revision.objects.page_revisions()
        .filter(approved_go_live_at__lt=cutoff)
        .order_by("approved_go_live_at")
    )
    pages = Page.objects.in_bulk([int(r.object_id) for r in revisions])
    for revision in revisions:
        page = pages.get(int(revision.object_id))
        if page is not None:
            late.append((page, revision.approved_go_live_at, "publish"))
    for page in Page.objects.filter(live=True, expire_at__lt=cutoff):
        late.append((page, page.expire_at, "unpublish"))
    return sorted(late, key=lambda item: item[1])
