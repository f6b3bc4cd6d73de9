from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "seo"
    verbose_name = _("Findability")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
