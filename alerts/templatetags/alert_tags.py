from django import template
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from caching.fragments import cached
from caching.pagecache import valid_until

from ..models import AlertSettings, Severity

register = template.Library()


@register.inclusion_tag("alerts/banner.html", takes_context=True)
def site_alert(context):
    """The banner while the alert is on and within its times. The page it is on is cached only
    until the alert's next start or end, so it appears and disappears by itself."""
    if "alert_settings" in context:  # the 500 page passes its own (None without a database)
        alert = context["alert_settings"]
    else:
        alert = cached("alert-settings", AlertSettings.current, generation_name=":settings")
    if alert is None:
        return {"alert": None}
    now = timezone.now()
    change = alert.next_change(now)
    request = context.get("request")
    if change is not None and request is not None:
        valid_until(request, change.timestamp())
    if not alert.is_active(now):
        return {"alert": None}
    message, message_lang = alert.localized("message")
    link_text, link_lang = alert.localized("link_text")
    return {
        "alert": alert,
        "critical": alert.severity == Severity.CRITICAL,
        "message": message,
        "message_lang": message_lang,
        "link_text": link_text,
        "link_lang": link_lang,
    }


@register.simple_tag(takes_context=True)
def alerts_feed_url(context):
    """The feed's full address on this site (alternate links are absolute), or "" where there
    is no request (the 500 page)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return f"{site.root_url}{reverse('alerts_feed')}" if site else ""
