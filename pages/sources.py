"""A public source a page's facts come from, shown under "Kilde"/"Kilder": the fields and form
that symbioses and news share; each page type adds its own ParentalKey."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class Source(Orderable):
    title = models.CharField(
        _("title"), max_length=250, help_text=_("The title of the article, page or report.")
    )
    url = models.URLField(_("address"), max_length=500)
    publisher = models.CharField(
        _("publisher"), max_length=150, blank=True, help_text=_("E.g. the newspaper or website.")
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("When it was published."))

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("date")]),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("source")
        verbose_name_plural = _("sources")
