from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SymbiosesConfig(AppConfig):
    name = "symbioses"
    verbose_name = _("Symbioses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from caching import cdn

        from .models import SymbioseIndexPage

        cdn.add_page_paths(lambda page: catalogue_paths(page, SymbioseIndexPage))


OPEN_DATA = ("data.json", "data.csv", "data-excel.csv")  # symbioses.views.open_data


def catalogue_paths(page, index_class):
    """The catalogue's open data and feed (any publish may change them), without filters: a
    filtered address in the CDN expires by its s-maxage."""
    if isinstance(page, index_class):
        return [*OPEN_DATA, "feed.atom"]
    return []
