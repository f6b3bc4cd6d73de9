from django.db import models
from django.utils.translation import gettext_lazy as _


class Generation(models.Model):
    """The generations, where the publishes that bump them are stored: a cache that loses its
    memory or comes back from an old snapshot cannot take a published change back."""

    name = models.CharField(_("name"), max_length=50, primary_key=True, blank=True)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("cache generation")
        verbose_name_plural = _("cache generations")

    def __str__(self):
        return f"{self.name or 'pages'}: {self.value}"
