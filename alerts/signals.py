"""Each save of the alert: a history entry when it changed what visitors are told, and the
addresses that are not pages purged from the CDN. (Saving any Wagtail setting already bumps
the page cache and purges every page from the CDN: caching/signals.py.)"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site

from .models import RECORDED_FIELDS, AlertRecord, AlertSettings


@receiver(post_save, sender=AlertSettings)
def alert_saved(sender, instance, **kwargs):
    record_history(instance)
    if settings.WAGTAILFRONTENDCACHE:
        transaction.on_commit(purge_alert_addresses)


def record_history(alert):
    """Switched on, changed while on, or switched off: an entry. Drafts saved while off are not
    news."""
    now = {name: getattr(alert, name) for name in RECORDED_FIELDS}
    last = AlertRecord.objects.first()
    if last is None:
        changed = alert.active
    else:
        before = {name: getattr(last, name) for name in RECORDED_FIELDS}
        changed = before != now and (alert.active or last.active)
    if changed:
        AlertRecord.objects.create(**now)


def purge_alert_addresses():
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    batch = PurgeBatch()
    batch.add_urls(site.root_url + reverse(name) for name in ("alerts_status", "alerts_feed"))
    batch.purge()
