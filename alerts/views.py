"""/status.json: the alert (if one is shown now) and the emergency line, for other sites and
apps to read."""

import math

from django.http import JsonResponse
from django.utils import timezone

from pages.site_settings import SiteSettings

from .models import AlertSettings

MAX_AGE = 60  # seconds; the CDN copy is also purged when the alert is saved


def iso(value):
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else None


def status(request):
    now = timezone.now()
    alert = AlertSettings.current()
    hotline = SiteSettings.load()
    shown = alert.is_active(now)
    # The last change of what this says: a save, or a start or end time that has passed.
    moments = [alert.changed_at, alert.starts_at, alert.ends_at]
    updated = max((m for m in moments if m and m <= now), default=None)
    body = {
        "alert": {
            "severity": alert.severity,
            "message": alert.message,
            "message_en": alert.message_en or None,
            "url": alert.link_url or None,
            "link_text": alert.link_text or None,
            "link_text_en": alert.link_text_en or None,
            "starts": iso(alert.starts_at),
            "ends": iso(alert.ends_at),
        }
        if shown
        else None,
        "hotline": {
            "heading": hotline.hotline_heading,
            "heading_en": hotline.hotline_heading_en or None,
            "phone": f"+45{hotline.hotline_phone}",
            "text": hotline.hotline_text,
            "text_en": hotline.hotline_text_en or None,
        },
        "updated": iso(updated),
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    change = alert.next_change(now)
    max_age = MAX_AGE if change is None else min(MAX_AGE, math.ceil((change - now).total_seconds()))
    response["Cache-Control"] = f"public, max-age={max(0, max_age)}"
    response["Access-Control-Allow-Origin"] = "*"  # any site may read it
    return response
