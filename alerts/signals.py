"""Each save of the alert: a history entry when it changed what visitors are told. (Saving any
Wagtail setting bumps the page cache and purges the CDN, caching/signals.py: every page, and
the addresses the apps declare, /status.json and the alerts' feed among them, alerts/apps.py.)"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import RECORDED_FIELDS, AlertRecord, AlertSettings


@receiver(post_save, sender=AlertSettings)
def alert_saved(sender, instance, **kwargs):
    record_history(instance)


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
