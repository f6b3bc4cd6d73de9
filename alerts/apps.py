from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Service disruptions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.urls import reverse

        from caching import cdn

        from . import signals  # noqa: F401 - connects the history

        cdn.add_site_paths(lambda: [reverse(name) for name in ("alerts_status", "alerts_feed")])
