"""The admin hooks of the base content app: the dashboard warns when scheduled publishing has
stopped working; editors hear in Danish of videos whose player could not be fetched (when they
publish, and each time they open the page, until a publish fetches it); the settings menu names
the site settings in one short word."""

from django.contrib import messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .embeds import provider_name, unresolved_videos
from .scheduling import OVERDUE_AFTER, overdue
from .site_settings import SiteSettings


class OverdueScheduledPanel(Component):
    """Pages whose go-live or expiry time passed more than five minutes ago: the scheduler
    (run_scheduler) is not running. Shown to editors at the top of the dashboard."""

    name = "overdue_scheduled_pages"
    template_name = "pages/admin/overdue_scheduled_panel.html"
    order = 50

    def __init__(self, late):
        self.late = late

    def get_context_data(self, parent_context=None):
        return {
            "late": self.late,
            "minutes": int(OVERDUE_AFTER.total_seconds() // 60),
            "heading": _("Scheduled publishing is overdue"),
        }


@hooks.register("construct_homepage_panels")
def add_overdue_scheduled_panel(request, panels):
    late = overdue()
    if late:
        panels.insert(0, OverdueScheduledPanel(late))


def video_warning(video):
    return gettext(
        "The video “%(title)s” (%(url)s) could not be fetched from %(provider)s. Visitors see "
        "a link to the video instead of the player. Check the address and publish the page "
        "again."
    ) % {"title": video["title"], "url": video["url"], "provider": provider_name(video["url"])}


@hooks.register("after_publish_page")
def warn_when_publishing(request, page):
    for video in unresolved_videos(page):
        messages.warning(request, video_warning(video))


@hooks.register("before_edit_page")
def warn_when_editing(request, page):
    if request.method == "GET" and page.live:
        for video in unresolved_videos(page):
            messages.warning(request, video_warning(video))


@hooks.register("construct_settings_menu")
def short_menu_label(request, menu_items):
    """The menu names the settings in one short word; the full name would be cut off."""
    for item in menu_items:
        if getattr(item, "model", None) is SiteSettings:
            item.label = _("Website")
