from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from caching import cdn

        from . import signals, slugs  # noqa: F401
        from .site_address import parse_site_address, root_url

        # CDN purges go to the configured public address, not the Wagtail Site's hostname.
        cdn.set_root_url(lambda: root_url(*parse_site_address(settings.SITE_HOSTNAME)))
