"""Submissions are kept JOIN_SUBMISSION_RETENTION_DAYS (default 365) and then deleted by the
scheduler (pages/scheduling.py runs `delete_expired_submissions` each round, named in
SCHEDULED_JOBS). The page's privacy text states the same period (join/periods.py)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import JoinFormSubmission

logger = logging.getLogger(__name__)


def delete_expired_submissions(now=None):
    """Deletes the submissions older than the retention period; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.JOIN_SUBMISSION_RETENTION_DAYS)
    deleted, _ = JoinFormSubmission.objects.filter(submit_time__lt=cutoff).delete()
    if deleted:
        logger.info("Deleted %s join submission(s) received before %s", deleted, cutoff)
    return deleted
