"""System checks for security.txt's settings (seo/security_txt.py)."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .security_txt import MAX_DAYS, configured_expiry


@register()
def check_security_txt_expires(app_configs=None, **kwargs):
    try:
        expires = configured_expiry()
    except ValueError:
        return [
            Error(
                "SECURITY_TXT_EXPIRES is not an ISO 8601 date or date and time.",
                hint="E.g. 2026-12-31 or 2026-12-31T00:00:00Z.",
                id="seo.E001",
            )
        ]
    if expires is None:
        return []
    now = datetime.now(UTC)
    if expires <= now:
        return [
            Warning(
                "SECURITY_TXT_EXPIRES has passed: /.well-known/security.txt says it is stale.",
                hint="Check the contact and set a new date, less than a year ahead.",
                id="seo.W001",
            )
        ]
    if expires > now + timedelta(days=MAX_DAYS):
        return [
            Warning(
                "SECURITY_TXT_EXPIRES is more than a year ahead; RFC 9116 asks for less.",
                id="seo.W002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_security_contact(app_configs=None, **kwargs):
    if not (getattr(settings, "SECURITY_CONTACT", "") or "").strip():
        return [
            Warning(
                "SECURITY_CONTACT is not set: /.well-known/security.txt answers 404.",
                hint="Set it to an e-mail address (or a URI) that receives security reports.",
                id="seo.W003",
            )
        ]
    return []
