from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, BodyBlock, FeaturedSymbiosesBlock, section_anchor
from .sharing import SharePageMixin
from .site_settings import SiteSettings

__all__ = ["ContentPage", "HomePage", "SiteSettings"]


class HomePage(SharePageMixin, Page):
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
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. A photo from the network's work, shown beside the introduction."),
    )
    hero_image_alt = models.CharField(
        _("alternative text"),
        max_length=200,
        blank=True,
        help_text=_(
            "Required with an image: what the image shows, for visitors who cannot see it."
        ),
    )
    figures_heading = models.CharField(
        _("heading"),
        max_length=100,
        blank=True,
        help_text=_(
            "The number of symbioses and partners and the total effect are taken from the "
            "catalogue when the page is shown; only published symbioses count."
        ),
    )
    featured_heading = models.CharField(
        _("heading"),
        max_length=100,
        blank=True,
        help_text=_(
            "Leave empty for 'Featured symbioses', or 'The newest symbioses' when none are chosen."
        ),
    )
    featured_symbioses = StreamField(
        FeaturedSymbiosesBlock(),
        verbose_name=_("featured symbioses"),
        blank=True,
        help_text=_(
            "Choose three to six symbioses. Leave empty to show the newest published ones."
        ),
    )
    theme_groups_heading = models.CharField(
        _("heading"),
        max_length=100,
        blank=True,
        help_text=_("Links to the published theme groups are added automatically."),
    )
    join_heading = models.CharField(_("heading"), max_length=100, blank=True)
    join_text = models.TextField(_("text"), blank=True)
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("join page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the button leads to; the button shows the page's title."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("featured_page"), FieldPanel("featured_link_text")],
            heading=_("Read more"),
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Image at the top"),
        ),
        MultiFieldPanel([FieldPanel("figures_heading")], heading=_("The network in figures")),
        MultiFieldPanel(
            [FieldPanel("featured_heading"), FieldPanel("featured_symbioses")],
            heading=_("Featured symbioses"),
        ),
        MultiFieldPanel([FieldPanel("theme_groups_heading")], heading=_("Theme groups")),
        MultiFieldPanel(
            [
                FieldPanel("join_heading"),
                FieldPanel("join_text"),
                PageChooserPanel("join_page", page_type="join.JoinFormPage"),
            ],
            heading=_("Call to action: join the network"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ContentPage",
        "symbioses.SymbioseIndexPage",
        "symbioses.PartnerIndexPage",
        "symbioses.ThemeGroupIndexPage",
        "join.JoinFormPage",  # by name only: pages never imports the feature apps
        "news.NewsIndexPage",
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
        target = chain[addresses[-1]]
        # The page's ancestors from this home page, for its breadcrumbs (seo/): no query more.
        request.page_ancestors = (target.pk, [self, *(chain[a] for a in addresses[:-1])])
        return target.specific.route(request, [])

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {
                    "hero_image_alt": _(
                        "Write an alternative text for the image: what it shows. An image on "
                        "the home page is never only decorative."
                    )
                }
            )

    @property
    def featured_symbiose_ids(self):
        """The ids of the symbioses editors chose, in their order (no query)."""
        return [
            child["value"]
            for child in self.featured_symbioses.raw_data
            if child["type"] == "symbiose" and child["value"]
        ]


class ContentPage(SharePageMixin, Page):
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
