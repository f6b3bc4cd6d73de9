"""/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, until when.

SECURITY_CONTACT (an e-mail address or a URI) and SECURITY_TXT_EXPIRES (ISO 8601) come from
the settings. Without SECURITY_TXT_EXPIRES the file expires DEFAULT_DAYS after the day it is
served, so it is never stale; with it, the system checks warn when it has passed or is more
than a year ahead (the RFC's limit).
"""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime

DEFAULT_DAYS = 180
MAX_DAYS = 366  # "less than a year into the future" (RFC 9116, 2.5.5), with a leap day


def configured_expiry():
    """SECURITY_TXT_EXPIRES as an aware UTC datetime, None when unset; ValueError when it is
    not an ISO 8601 date or date and time."""
    value = (getattr(settings, "SECURITY_TXT_EXPIRES", "") or "").strip()
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        moment = datetime.combine(day, time(), tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def expiry(now=None):
    now = now or datetime.now(UTC)
    configured = configured_expiry()
    if configured is not None:
        return configured
    return datetime.combine(now.date() + timedelta(days=DEFAULT_DAYS), time(), tzinfo=UTC)


def contact_uri():
    """SECURITY_CONTACT as a URI: a bare e-mail address becomes mailto:."""
    value = (getattr(settings, "SECURITY_CONTACT", "") or "").strip()
    if value and ":" not in value and "@" in value:
        return f"mailto:{value}"
    return value


def security_txt(canonical_url):
    """The file's text, or None without a contact (the RFC requires one)."""
    contact = contact_uri()
    if not contact:
        return None
    expires = expiry().strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"Contact: {contact}\n"
        f"Expires: {expires}\n"
        "Preferred-Languages: da, en\n"
        f"Canonical: {canonical_url}\n"
    )
