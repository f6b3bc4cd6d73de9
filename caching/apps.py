from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Page cache")

    def ready(self):
        from django.core.signals import request_finished

        from . import signals  # noqa: F401
        from .anchor import anchor
        from .lookups import install

        install()

        request_finished.connect(anchor.after_response, dispatch_uid="pagecache-anchor")
