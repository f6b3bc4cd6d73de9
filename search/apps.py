from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"  # "search" reads like Wagtail's own search app in the admin
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.contrib.search_promotions.models import SearchPromotion

        # Wagtail leaves this field's label to Django, which derives it from the field's name
        # and never translates it: the promotions form would show "External link text".
        field = SearchPromotion._meta.get_field("external_link_text")
        field.verbose_name = _("External link text")
