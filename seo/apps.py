from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "seo"
    verbose_name = _("Findability")

    def ready(self):
        from django.urls import reverse

        from caching import cdn

        from . import checks  # noqa: F401 - registers the system checks

        # The sitemap lists every live page: any change may change it.
        cdn.add_site_paths(lambda: [reverse("sitemap")])
