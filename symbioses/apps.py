from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SymbiosesConfig(AppConfig):
    name = "symbioses"
    verbose_name = _("Symbioses")
    default_auto_field = "django.db.models.BigAutoField"
