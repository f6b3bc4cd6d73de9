from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrochureConfig(AppConfig):
    """The partner brochure: built from the live content as a tagged PDF in two editions,
    stored in the database and served at /brochure.pdf and /en/brochure.pdf."""

    name = "brochure"
    verbose_name = _("Brochure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from caching import cdn

        from . import signals  # noqa: F401
        from .editions import addresses

        # Purged with every change, and again once a rebuild has stored the new edition.
        cdn.add_site_paths(addresses)
