from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, BodyBlock, section_anchor
from .site_settings import SiteSettings

__all__ = ["ContentPage", "HomePage", "SiteSettings"]


class HomePage(Page):
    """Forside: the site root."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    featured_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("featured page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the introduction leads on to, e.g. the About page."),
    )
    featured_link_text = models.CharField(_("link text"), max_length=100, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("featured_page"), FieldPanel("featured_link_text")],
            heading=_("Read more"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ContentPage",
        "symbioses.SymbioseIndexPage",
        "symbioses.PartnerIndexPage",
        "symbioses.ThemeGroupIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Finds a page and its ancestors in one query, instead of two queries per level."""
        if not path_components:
            return super().route(request, path_components)
        addresses = [
            f"{self.url_path}{'/'.join(path_components[:depth])}/"
            for depth in range(1, len(path_components) + 1)
        ]
        chain = {
            page.url_path: page
            for page in Page.objects.filter(path__startswith=self.path, url_path__in=addresses)
        }
        if len(chain) != len(addresses) or not all(page.live for page in chain.values()):
            raise Http404
        if any(page.specific_class.route is not Page.route for page in chain.values()):
            return super().route(request, path_components)  # a page with routes of its own
        return chain[addresses[-1]].specific.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Page references stay on the Danish page in translations (wagtail-localize's choice):
        # the visitor gets the version in the page's language where there is one.
        featured = self.featured_page.localized if self.featured_page else None
        context["featured"] = featured.specific if featured and featured.live else None
        return context


class ContentPage(Page):
    """A page of sections, such as Om Symbiose Hillerød."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["pages.HomePage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    @property
    def table_of_contents(self):
        """The sections' headings (h2), for the 'On this page' list."""
        return [
            {"text": block.value["heading"], "anchor": section_anchor(block.value)}
            for block in self.body
            if block.block_type == "section" and block.value["heading"]
        ]
