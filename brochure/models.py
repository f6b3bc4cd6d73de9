"""What editors choose for the brochure (BrochureSettings) and the built editions
(BrochureEdition), stored in the database so that every server process serves the same file."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField

from pages.documents import is_private

# The editions, in the order they are built. The Danish one is the site's default language.
LANGUAGES = ("da", "en")
LANGUAGE_CHOICES = [("da", _("Danish")), ("en", _("English"))]
MAX_FEATURED = 4  # "a few": each takes about half a page


@register_setting(icon="doc-full")
class BrochureSettings(BaseGenericSetting):
    """What the generated brochure shows, and the designed PDFs that may replace it."""

    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("join page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_symbioses = StreamField(
        [
            (
                "symbiose",
                blocks.PageChooserBlock(label=_("Symbiosis"), page_type="symbioses.SymbiosePage"),
            )
        ],
        verbose_name=_("featured symbioses"),
        blank=True,
        max_num=MAX_FEATURED,
    )
    designed_pdf_da = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("designed PDF in Danish"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    designed_pdf_en = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("designed PDF in English"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "about_page",
                    help_text=_(
                        "Its text opens the brochure; the English edition uses its English "
                        "translation when there is one. The brochure is linked from this page."
                    ),
                ),
                FieldPanel(
                    "join_page",
                    help_text=_("The brochure tells partners to join here (its address)."),
                ),
                FieldPanel(
                    "featured_symbioses",
                    help_text=_(
                        "Up to %(count)s published symbioses shown with their measured results. "
                        "Without a choice, the brochure shows those with the most results."
                    )
                    % {"count": MAX_FEATURED},
                ),
            ],
            heading=_("Generated brochure"),
            help_text=_(
                "The brochure (/brochure.pdf in Danish, /en/brochure.pdf in English) is built "
                "again whenever what it shows is published or changed."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("designed_pdf_da"), FieldPanel("designed_pdf_en")],
            heading=_("Designed brochure (optional)"),
            help_text=_(
                "An uploaded PDF replaces the generated edition in its language at the same "
                "address. Remove it to serve the generated edition again."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("brochure")

    def clean(self):
        super().clean()
        errors = {}
        about = self.about_page.specific if self.about_page_id else None
        if about is not None and not hasattr(about, "body"):
            errors["about_page"] = _("Choose a content page, such as Om Symbiose Hillerød.")
        for field in ("about_page", "join_page"):
            page = getattr(self, field) if getattr(self, f"{field}_id") else None
            if page is not None and field not in errors and not page.live:
                errors[field] = _("Choose a published page.")
        chosen = [block.value for block in self.featured_symbioses if block.value is not None]
        ids = [page.pk for page in chosen]
        if len(set(ids)) < len(ids):
            errors["featured_symbioses"] = _("Each symbiosis can only be chosen once.")
        elif any(not page.live for page in chosen):
            errors["featured_symbioses"] = _("Choose published symbioses only.")
        for language in LANGUAGES:
            field = f"designed_pdf_{language}"
            document = getattr(self, field) if getattr(self, f"{field}_id") else None
            if document is None:
                continue
            if document.file_extension.lower() != "pdf":
                errors[field] = _("The designed brochure must be a PDF file.")
            elif is_private(document):
                errors[field] = _(
                    "The document is in a private collection; the brochure is public. Move "
                    "it to a public collection first."
                )
        if errors:
            raise ValidationError(errors)

    def featured_ids(self):
        return [block.value.pk for block in self.featured_symbioses if block.value is not None]

    def designed_pdf(self, language):
        """The uploaded PDF that replaces the generated edition, or None."""
        return getattr(self, f"designed_pdf_{language}", None)


class BrochureEdition(models.Model):
    """A generated edition: the PDF itself, so that every server process serves the same
    bytes without shared disk or object storage."""

    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES, unique=True)
    pdf = models.BinaryField(_("PDF"))
    size = models.PositiveIntegerField(_("size in bytes"))
    page_count = models.PositiveSmallIntegerField(_("pages"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    built_at = models.DateTimeField(_("built at"))
    build_seconds = models.FloatField(_("build time in seconds"), default=0)

    class Meta:
        verbose_name = _("brochure edition")
        verbose_name_plural = _("brochure editions")

    def __str__(self):
        return f"{self.get_language_display()} ({self.size} bytes, {self.built_at:%Y-%m-%d %H:%M})"

    @property
    def etag(self):
        return f'"{self.sha256}"'
