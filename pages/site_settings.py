from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .phone import format_pairs, normalise_danish_phone, tel_href

# The launch values are the defaults, so the footer is right even when the database is not.
HOTLINE_TEXT = (
    "Ved akutte problemer uden for normal åbningstid på driftsområderne vand, varme og "
    "spildevand kan du via vores hovednummer få kontakt til vagtpersonale."
)

ACCESSIBILITY_STATEMENT_URL = "https://was.digst.dk/symbiosehillerod-dk"


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """What stands in the footer of every page, editable by staff."""

    organisation_name = models.CharField(
        _("responsible organisation"), max_length=200, default="Hillerød Forsyning"
    )
    hotline_heading = models.CharField(
        _("emergency heading"), max_length=100, default="Akutte driftsproblemer"
    )
    hotline_text = models.TextField(_("emergency text"), blank=True, default=HOTLINE_TEXT)
    hotline_phone = models.CharField(
        _("emergency phone number"),
        max_length=20,
        default="48231000",
        help_text=_("A Danish number with 8 digits, e.g. 48 23 10 00."),
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement address"),
        blank=True,
        default=ACCESSIBILITY_STATEMENT_URL,
        help_text=_(
            "The statement in the WAS tool, e.g. https://was.digst.dk/… The address /was points here."
        ),
    )

    # Help texts on the panels, not the fields: the screen's wording needs no migration.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "hotline_heading",
                    help_text=_("The heading of the block, e.g. Akutte driftsproblemer."),
                ),
                FieldPanel(
                    "hotline_text",
                    help_text=_("Who answers and when, in one or two sentences."),
                ),
                FieldPanel("hotline_phone"),
            ],
            heading=_("Emergency operational problems"),
            help_text=_(
                "The emergency block at the bottom of every page. The English brochure prints "
                "the same phone number."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "organisation_name",
                    help_text=_(
                        "The organisation responsible for the website, named in the footer and "
                        "in the brochure."
                    ),
                )
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_statement_url")],
            heading=_("Accessibility"),
            help_text=_("The footer links to the accessibility statement, as the law requires."),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        try:
            self.hotline_phone = normalise_danish_phone(self.hotline_phone)
        except ValidationError as error:
            raise ValidationError({"hotline_phone": error}) from None

    @property
    def hotline_phone_display(self):
        return format_pairs(self.hotline_phone)

    @property
    def hotline_phone_href(self):
        return tel_href(self.hotline_phone)
