"""The alerts' history as an Atom feed, for those who follow outages in a feed reader."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import AlertRecord

ENTRIES = 30


class AlertFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Service disruptions – Symbiose Hillerød")

    def subtitle(self):
        return _("Outages and disruptions of water, district heating and wastewater.")

    def link(self):
        return reverse("wagtail_serve", args=[""])

    def items(self):
        return AlertRecord.objects.all()[:ENTRIES]

    def item_title(self, record):
        if not record.active:
            return _("Ended: %(message)s") % {"message": record.message}
        return f"{record.get_severity_display()}: {record.message}"

    def item_description(self, record):
        lines = [record.message]
        if record.message_en:
            lines.append(record.message_en)
        if record.starts_at:
            lines.append(_("From %(moment)s") % {"moment": moment(record.starts_at)})
        if record.ends_at:
            lines.append(_("Until %(moment)s") % {"moment": moment(record.ends_at)})
        if not record.active:
            lines.append(_("The alert has been switched off."))
        return "\n".join(lines)

    def item_link(self, record):
        return record.link_url or reverse("wagtail_serve", args=[""])

    def item_guid(self, record):
        return f"urn:symbiose-hillerod:driftsforstyrrelse:{record.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, record):
        return record.recorded_at

    def item_updateddate(self, record):
        return record.recorded_at


def moment(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
