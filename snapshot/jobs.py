"""The scheduled job that keeps the snapshot current: `write_if_stale`, in SCHEDULED_JOBS.

The scheduler (pages/scheduling.py) calls it every SCHEDULER_SECONDS (default 30). It writes a
new snapshot when the page cache's generations in the database differ from those the current
snapshot was written from (every publish, unpublish, move, setting, image or document change
bumps them, on whichever server it happened), when there is none yet, or when it is older
than SNAPSHOT_MAX_AGE_SECONDS (what changes with the clock alone: a banner's start and end).
So a publish reaches the snapshot within one interval plus the time to write it, and the
editor's request never waits for it.
"""

import logging
import time
from datetime import datetime

from django.conf import settings

from .writer import CURRENT, fingerprint, read_state, root_folder, write_snapshot

logger = logging.getLogger(__name__)


def is_stale(root):
    state = read_state(root)
    if state is None or not (root / CURRENT).is_dir():
        return True
    if state.get("fingerprint") != fingerprint():
        return True
    try:
        written = datetime.fromisoformat(state["written_at"]).timestamp()
    except (KeyError, TypeError, ValueError):
        return True
    return time.time() - written > settings.SNAPSHOT_MAX_AGE_SECONDS


def write_if_stale():
    """Writes a snapshot when the current one is stale; returns its summary, else None."""
    root = root_folder()
    if root is None:
        return None  # SNAPSHOT_ROOT="": snapshots are off
    if not is_stale(root):
        return None
    # Another process (a second container on the same folder) writing: its snapshot will do.
    return write_snapshot(root, wait=False)
