"""Nyheder / News: a listing under the home page and its dated news pages.

News concerns theme groups and symbioses of the catalogue, referred to by name
("symbioses.ThemeGroupPage"): feature apps never import each other.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from caching.fragments import without_restricted
from caching.keys import vary_on
from pages.blocks import RICH_TEXT_FEATURES, BodyBlock
from pages.locales import localized, source_of
from pages.sharing import SharePageMixin
from pages.sources import Source

PER_PAGE = 10


class NewsQuerySet(PageQuerySet):
    def listed(self):
        """Live, public news in the default (Danish) locale, newest first."""
        return without_restricted(
            self.live().filter(locale__language_code=settings.LANGUAGE_CODE)
        ).order_by("-date", "-first_published_at", "-pk")


NewsManager = PageManager.from_queryset(NewsQuerySet)


class NewsIndexPage(SharePageMixin, Page):
    """Nyheder: the news, newest first, ten to a page."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news listing")
        verbose_name_plural = _("news listings")

    def news(self):
        """The Danish index's live, public news (a translation lists its original's)."""
        return NewsPage.objects.listed().child_of(source_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page: a page number that is no number gives the first page, one too high the
        # last; never an error.
        paginator = Paginator(self.news(), PER_PAGE)
        # The page cache keys on the pages that exist (the first is the page without ?page=).
        vary_on(request, {"page": [str(n) for n in paginator.page_range[1:]]})
        news_page = paginator.get_page(request.GET.get("page"))
        context["news_page"] = news_page
        context["news"] = localized(news_page.object_list)
        return context


def today():
    return timezone.localdate()


class NewsPage(SharePageMixin, Page):
    og_type = "article"

    date = models.DateField(
        _("date"), default=today, help_text=_("The news's date, shown with it and in the feeds.")
    )
    teaser = models.CharField(  # a CharField: its length is checked on the model too
        _("teaser"),
        max_length=300,
        help_text=_("A sentence or two, at most 300 characters, shown in listings and feeds."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=200,
        blank=True,
        help_text=_(
            "Required with an image: what the image shows, for visitors who cannot see it."
        ),
    )
    theme_groups = ParentalManyToManyField(
        "symbioses.ThemeGroupPage",
        verbose_name=_("theme groups"),
        blank=True,
        related_name="news",
        help_text=_("The theme groups the news concerns; it shows in their news feeds."),
    )
    symbioses = ParentalManyToManyField(
        "symbioses.SymbiosePage",
        verbose_name=_("symbioses"),
        blank=True,
        related_name="news",
        help_text=_("The symbioses the news concerns."),
    )

    objects = NewsManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("teaser", widget=forms.Textarea(attrs={"rows": 3})),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("theme_groups"), FieldPanel("symbioses")], heading=_("Concerns")
        ),
        InlinePanel("sources", heading=_("Sources"), label=_("Source")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {
                    "image_alt": _(
                        "Write an alternative text for the image: what it shows, for visitors "
                        "who cannot see it."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sources"] = list(self.sources.all())
        # The listing's feed: its address is this page's without the last part (no query).
        url = self.get_full_url(request)
        if url:
            context["feed_url"] = f"{url.rstrip('/').rsplit('/', 1)[0]}/feed.atom"
        # The (Danish) theme groups and symbioses it concerns, live and public, each in the
        # page's language where translated (one query for the translations of both). In a
        # preview the choices are in memory.
        concerned = {}
        for name in ("theme_groups", "symbioses"):
            chosen = getattr(self, name)
            model = chosen.model
            if getattr(request, "is_preview", False):
                pages = model.objects.filter(pk__in=[page.pk for page in chosen.all()])
            else:
                pages = chosen.all()
            concerned[name] = list(
                without_restricted(pages.live()).select_related("locale").order_by("title")
            )
        shown = localized([*concerned["theme_groups"], *concerned["symbioses"]], Page)
        count = len(concerned["theme_groups"])
        context["concerned_theme_groups"] = shown[:count]
        context["concerned_symbioses"] = shown[count:]
        return context


class NewsSource(Source):
    """A public source the news comes from, linked under "Kilde"/"Kilder" on the page."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="sources")
