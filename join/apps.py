from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JoinConfig(AppConfig):
    name = "join"
    verbose_name = _("Join the network")
    default_auto_field = "django.db.models.BigAutoField"
