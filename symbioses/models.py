"""The catalogue: partners, theme groups and symbioses with measured results."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from caching.fragments import is_restricted, restricted_paths, restricted_with, without_restricted
from caching.keys import vary_on
from pages.blocks import RICH_TEXT_FEATURES, ImageBlock
from pages.locales import in_default_locale, localized, source_of
from pages.numbers import DanishDecimalField
from pages.sharing import SharePageMixin
from pages.sources import Source

from .choices import DIMENSION_FIELDS, Dimension, Flow, PartnerKind, Status, Unit
from .diagram import network_diagram
from .filters import SymbioseFilter
from .summary import total_effect

FIRST_YEAR = 1990


def last_year():
    """Results may be measured or budgeted for next year at the latest."""
    return date.today().year + 1


class ExampleMixin(models.Model):
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Example content for trying out the catalogue; labelled 'Example' everywhere."),
    )

    class Meta:
        abstract = True


class IndexPage(SharePageMixin, Page):
    """Shared by the three listing pages: an introduction and nothing else to edit."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["pages.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


# Partners ---------------------------------------------------------------------------------------


class PartnerIndexPage(IndexPage):
    subpage_types = ["symbioses.PartnerPage"]

    class Meta:
        verbose_name = _("partner index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = localized(
            without_restricted(PartnerPage.objects.child_of(source_of(self)).live()).order_by(
                "title"
            )
        )
        return context


class PartnerPage(SharePageMixin, ExampleMixin, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    description = models.TextField(_("short description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt = models.CharField(
        _("logo alternative text"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the logo's description from the image library."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        FieldPanel("is_example"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["symbioses.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def clean(self):
        super().clean()
        if self.logo_id and not self.logo_alt_text:
            raise ValidationError(
                {
                    "logo_alt": _(
                        "The logo has no description. Write an alternative text for the logo."
                    )
                }
            )

    @property
    def logo_alt_text(self):
        """The page's own alternative text for the logo, else the image's description."""
        if not self.logo_id:
            return ""
        return self.logo_alt.strip() or (self.logo.description or "").strip()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        symbioses = list(SymbiosePage.objects.published().involving(source_of(self)))
        context["symbioses"] = symbioses
        context["diagram"] = network_diagram(symbioses, request)
        context["network_caption"] = _("%(name)s and the partners it has symbioses with.") % {
            "name": self.title
        }
        return context


# Theme groups -----------------------------------------------------------------------------------


class ThemeGroupIndexPage(IndexPage):
    subpage_types = ["symbioses.ThemeGroupPage"]

    class Meta:
        verbose_name = _("theme group index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = localized(
            without_restricted(ThemeGroupPage.objects.child_of(source_of(self)).live())
        )
        return context


class ThemeGroupPage(SharePageMixin, Page):
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    members = ParentalManyToManyField(
        "symbioses.PartnerPage", verbose_name=_("members"), blank=True, related_name="groups"
    )

    content_panels = [*Page.content_panels, FieldPanel("description"), FieldPanel("members")]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["symbioses.ThemeGroupIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("theme group")
        verbose_name_plural = _("theme groups")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # In a preview `members` is an in-memory list; query the live partners by id instead.
        # A translation lists the members and symbioses of its Danish original.
        # Its members are the partners of its symbioses and the partners editors added directly.
        source = source_of(self)
        symbioses = list(  # the cards show no results: no need to fetch them
            SymbiosePage.objects.published().filter(theme_group=source).prefetch_related(None)
        )
        partner_ids = set()
        for symbiose in symbioses:
            partner_ids.update({symbiose.partner_a_id, symbiose.partner_b_id} - {None})
        if getattr(request, "is_preview", False):
            direct = models.Q(pk__in=[member.pk for member in source.members.all()])
        else:
            direct = models.Q(groups=source)  # joined in the same query
        members = PartnerPage.objects.filter(direct | models.Q(pk__in=partner_ids)).live()
        context["member_list"] = localized(without_restricted(members).distinct().order_by("title"))
        context["symbioses"] = localized(symbioses)
        return context


# Symbioses --------------------------------------------------------------------------------------


class SymbioseQuerySet(PageQuerySet):
    def listed(self):
        """Live, public symbioses in every language, with everything a listing shows, in a
        fixed number of queries. A symbiosis that names a restricted partner is as private
        (symbioses_of_restricted_partners)."""
        return (
            without_restricted(self.live())
            .select_related("partner_a", "partner_b", "theme_group")
            .prefetch_related("results")
            .order_by("title")
        )

    def published(self):
        """The catalogue's (Danish) pages of listed(): a translation refers to the same partners
        and theme group, and is swapped in for its original where shown (locales.localized)."""
        return in_default_locale(self.listed())

    def involving(self, partner):
        return self.filter(models.Q(partner_a=partner) | models.Q(partner_b=partner))


@restricted_with
def symbioses_of_restricted_partners(restricted):
    """The paths of the symbioses (in every language) that name a partner under `restricted`:
    they are as private as that partner, left out of every listing, the search and the sitemap."""
    private = models.Q()
    for path in restricted:
        private |= models.Q(partner_a__path__startswith=path)
        private |= models.Q(partner_b__path__startswith=path)
    return list(SymbiosePage.objects.filter(private).values_list("path", flat=True))


class SymbioseIndexPage(IndexPage):
    """/symbioser/: the catalogue, its filters and totals; open data at data.json and data.csv."""

    subpage_types = ["symbioses.SymbiosePage"]

    class Meta:
        verbose_name = _("symbiosis index")

    def filtered(self, query, request=None):
        """The filters a query asks for (garbage dropped) and the published symbioses below this
        page that match them; the page and its open data (symbioses.views) show the same.
        With the request, the page cache learns which filter values make another page."""
        theme_groups = in_default_locale(without_restricted(ThemeGroupPage.objects.live()))
        filters = SymbioseFilter.from_query(query, theme_groups=theme_groups)
        if request is not None:
            vary_on(request, SymbioseFilter.allowed(theme_groups))
        # Symbioses live under the one catalogue (max_count) and are kept in Danish: no query
        # for the Danish original of a translated catalogue.
        symbioses = in_default_locale(SymbiosePage.objects.published())
        return filters, filters.apply(symbioses)

    def theme_group_choices(self):
        """(value, label) for the theme group filter: the Danish slug, the title in the page's
        language, so a filtered address means the same in both languages."""
        language = get_language() or settings.LANGUAGE_CODE
        pages = without_restricted(ThemeGroupPage.objects.live()).filter(
            locale__language_code__in={settings.LANGUAGE_CODE, language}
        )
        # Both languages in one query, paired by translation key.
        titles = {}
        groups = []
        for page in pages.select_related("locale").order_by("title"):
            if page.locale.language_code == language:
                titles[page.translation_key] = page.title
            if page.locale.language_code == settings.LANGUAGE_CODE:
                groups.append(page)
        return [(group.slug, titles.get(group.translation_key, group.title)) for group in groups]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters, symbioses = self.filtered(request.GET, request)
        symbioses = list(symbioses)
        theme_groups = self.theme_group_choices()
        context.update(
            filters=filters,
            active_filter_labels=active_filter_labels(filters, theme_groups),
            symbioses=localized(symbioses),
            totals=total_effect(symbioses),
            diagram=network_diagram(symbioses, request),
            network_caption=_("Partners (nodes) and the symbioses between them (lines)."),
            theme_group_choices=theme_groups,
            dimension_choices=Dimension.choices,
            status_choices=Status.choices,
            kind_choices=PartnerKind.choices,
        )
        return context


def active_filter_labels(filters, theme_group_choices):
    """What the active filters choose, in words, for the summary of the collapsed filters."""
    choices = {
        "dimension": Dimension.choices,
        "tema": theme_group_choices,
        "status": Status.choices,
        "partnertype": PartnerKind.choices,
    }
    labels = []
    for name, value in filters.as_dict().items():
        label = dict(choices[name]).get(value)
        if label:
            labels.append(capfirst(str(label)))
    return labels


class SymbiosePage(SharePageMixin, ExampleMixin, Page):
    partner_a = models.ForeignKey(
        PartnerPage,
        verbose_name=_("first partner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_b = models.ForeignKey(
        PartnerPage,
        verbose_name=_("second partner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    flow = models.CharField(
        _("direction of the resource"), max_length=10, choices=Flow.choices, blank=True
    )
    resource = models.CharField(
        _("resource"), max_length=120, help_text=_("What is used better, e.g. surplus heat.")
    )
    environmental = models.BooleanField(_("environmental"), default=False)
    social = models.BooleanField(_("social"), default=False)
    economic = models.BooleanField(_("economic"), default=False)
    theme_group = models.ForeignKey(
        ThemeGroupPage,
        verbose_name=_("theme group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    story = RichTextField(_("story"), features=RICH_TEXT_FEATURES, blank=True)
    images = StreamField([("image", ImageBlock())], verbose_name=_("images"), blank=True)
    investment = DanishDecimalField(
        _("investment (DKK)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    investment_by = models.CharField(_("investment borne by"), max_length=200, blank=True)
    yearly_saving = DanishDecimalField(
        _("yearly saving (DKK/year)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    saving_to = models.CharField(_("saving goes to"), max_length=200, blank=True)

    objects = PageManager.from_queryset(SymbioseQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("partner_a"), FieldPanel("partner_b"), FieldPanel("flow")],
            heading=_("The two parties"),
        ),
        FieldPanel("resource"),
        FieldRowPanel(
            [FieldPanel("environmental"), FieldPanel("social"), FieldPanel("economic")],
            heading=_("Improves (one or more)"),
        ),
        FieldRowPanel([FieldPanel("theme_group"), FieldPanel("status"), FieldPanel("start_date")]),
        FieldPanel("story"),
        FieldPanel("images"),
        InlinePanel("results", heading=_("Measured results"), label=_("Result")),
        InlinePanel("sources", heading=_("Sources"), label=_("Source")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("investment"), FieldPanel("investment_by")]),
                FieldRowPanel([FieldPanel("yearly_saving"), FieldPanel("saving_to")]),
            ],
            heading=_("Economy"),
        ),
        FieldPanel("is_example"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("resource"),
        index.SearchField("story"),
        index.FilterField("status"),
    ]
    parent_page_types = ["symbioses.SymbioseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("symbiosis")
        verbose_name_plural = _("symbioses")

    def clean(self):
        super().clean()
        errors = {}
        if self.partner_a_id is None:
            errors["partner_a"] = _("Choose the first partner.")
        if self.partner_b_id is None:
            errors["partner_b"] = _("Choose the second partner.")
        elif self.partner_a_id == self.partner_b_id:
            errors["partner_b"] = _("A symbiosis is a relation between two different partners.")
        if not self.dimensions:
            errors["environmental"] = _(
                "Choose at least one dimension: environmental, social or economic."
            )
        if errors:
            raise ValidationError(errors)

    def get_view_restrictions(self):
        """Its own and its ancestors' restrictions, and its partners': the page names both
        partners, so it asks for what their pages ask for."""
        own = super().get_view_restrictions()
        partners = [pk for pk in (self.partner_a_id, self.partner_b_id) if pk]
        if not partners or not restricted_paths():
            return own
        paths = Page.objects.filter(pk__in=partners).values_list("path", flat=True)
        above = {
            path[:end] for path in paths for end in range(Page.steplen, len(path) + 1, Page.steplen)
        }
        return PageViewRestriction.objects.filter(
            models.Q(pk__in=own.values("pk")) | models.Q(page__path__in=above)
        )

    @property
    def public_theme_group(self):
        """The theme group, unless it is under a view restriction (then it is not named)."""
        group = self.theme_group
        return None if group is None or is_restricted(group) else group

    @property
    def dimensions(self):
        return [dimension for dimension, field in DIMENSION_FIELDS.items() if getattr(self, field)]

    @property
    def dimension_labels(self):
        return ", ".join(str(dimension.label).lower() for dimension in self.dimensions)

    @property
    def source_and_target(self):
        """The partners in the direction the resource flows (first to second if none)."""
        if self.flow == Flow.B_TO_A:
            return self.partner_b, self.partner_a
        return self.partner_a, self.partner_b

    @cached_property
    def payback_years(self):
        """Years until the yearly saving has paid the investment back; None if it never does."""
        if self.investment is None or not self.yearly_saving or self.yearly_saving <= 0:
            return None
        return (Decimal(self.investment) / Decimal(self.yearly_saving)).quantize(Decimal("0.1"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.pk and not getattr(request, "is_preview", False):
            # The two partners and the theme group in one query instead of three.
            related = SymbiosePage.objects.select_related(
                "partner_a", "partner_b", "theme_group"
            ).get(pk=self.pk)
            self.partner_a, self.partner_b = related.partner_a, related.partner_b
            self.theme_group = related.theme_group
        rows = list(self.results.all())
        context["result_rows"] = rows
        # Columns no result fills in are left out.
        context["show_baseline"] = any(row.baseline is not None for row in rows)
        context["show_method"] = any(row.method.strip() for row in rows)
        context["sources"] = list(self.sources.all())
        return context


class SymbioseResult(Orderable):
    page = ParentalKey(SymbiosePage, on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(
        _("indicator"), max_length=150, help_text=_("What is measured, e.g. reduced emissions.")
    )
    value = DanishDecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    baseline = DanishDecimalField(
        _("baseline"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The value before the symbiosis, in the same unit (optional)."),
    )
    method = models.CharField(_("method or source"), max_length=300, blank=True)

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("method")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("measured result")
        verbose_name_plural = _("measured results")

    def clean(self):
        super().clean()
        errors = {}
        if self.value is None:
            errors["value"] = _("Enter the measured value.")
        if not self.unit:
            errors["unit"] = _("Choose the unit of the value.")
        if self.year is None:
            errors["year"] = _("Enter the year the value was measured.")
        elif not FIRST_YEAR <= self.year <= last_year():
            errors["year"] = _("The year must be between %(first)s and %(last)s.") % {
                "first": FIRST_YEAR,
                "last": last_year(),
            }
        if errors:
            raise ValidationError(errors)


class SymbioseSource(Source):
    """A public source the page's facts come from, linked under "Kilder" on the page."""

    page = ParentalKey(SymbiosePage, on_delete=models.CASCADE, related_name="sources")
