"""Admin hooks: the dashboard warns when scheduled publishing has stopped working."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .scheduling import OVERDUE_AFTER, overdue


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
