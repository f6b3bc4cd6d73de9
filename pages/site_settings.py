from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .phone import format_pairs, normalise_danish_phone, tel_href

# The launch values are the defaults, so the footer is right even when the database is not.
HOTLINE_TEXT = (
    "Ved akutte problemer uden for normal åbningstid på driftsområderne vand, varme og "
    "spildevand kan du via vores hovednummer få kontakt til vagtpersonale."
)

HOTLINE_HEADING_EN = "Emergency operational problems"
HOTLINE_TEXT_EN = (
    "For urgent problems with water, district heating or wastewater outside normal opening "
    "hours, call our main number to reach the staff on call."
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
    hotline_heading_en = models.CharField(
        _("emergency heading in English"),
        max_length=100,
        blank=True,
        default=HOTLINE_HEADING_EN,
        help_text=_("Leave empty to show the Danish heading."),
    )
    hotline_text_en = models.TextField(
        _("emergency text in English"), blank=True, default=HOTLINE_TEXT_EN
    )
    # The general contact for partners and the public: never the emergency line, which must
    # stay free for outages. Empty at launch (no address is documented): staff fill it in.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact phone number"),
        max_length=20,
        blank=True,
        help_text=_("A Danish number with 8 digits. Not the emergency number."),
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement address"),
        blank=True,
        default=ACCESSIBILITY_STATEMENT_URL,
        help_text=_(
            "The statement in the WAS tool, e.g. https://was.digst.dk/… The address /was points here."
        ),
    )
    # Where visitors report an accessibility problem (the Danish accessibility rules ask for a
    # way to). No address is documented at launch: empty, the footer gives the general one.
    accessibility_email = models.EmailField(
        _("e-mail for accessibility problems"),
        blank=True,
        help_text=_(
            "Where visitors report an accessibility problem, named in the footer. Leave empty "
            "to use the general contact e-mail."
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
                "The emergency block at the bottom of every page. The brochures print the "
                "same phone number."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("hotline_heading_en"), FieldPanel("hotline_text_en")],
            heading=_("Emergency block in English"),
            help_text=_("What the English pages show in the emergency block (same number)."),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("General contact"),
            help_text=_(
                "Who partners and the public can write or call about the network, shown in "
                "the footer and the brochures, and the address the join form is sent to."
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
            [FieldPanel("accessibility_statement_url"), FieldPanel("accessibility_email")],
            heading=_("Accessibility"),
            help_text=_("The footer links to the accessibility statement, as the law requires."),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.hotline_phone = normalise_danish_phone(self.hotline_phone)
        except ValidationError as error:
            errors["hotline_phone"] = error
        if self.contact_phone.strip():
            try:
                self.contact_phone = normalise_danish_phone(self.contact_phone)
            except ValidationError as error:
                errors["contact_phone"] = error
            else:
                if self.contact_phone == self.hotline_phone:
                    errors["contact_phone"] = ValidationError(
                        _(
                            "This is the emergency number. Give a number for general "
                            "questions, or leave the field empty."
                        )
                    )
        else:
            self.contact_phone = ""
        if errors:
            raise ValidationError(errors)

    @property
    def localized_hotline_heading(self):
        """The emergency heading in the active language (English pages, English brochure)."""
        if get_language() == "en" and self.hotline_heading_en:
            return self.hotline_heading_en
        return self.hotline_heading

    @property
    def localized_hotline_text(self):
        if get_language() == "en" and self.hotline_text_en:
            return self.hotline_text_en
        return self.hotline_text

    @property
    def accessibility_contact_email(self):
        """Where to report an accessibility problem: its own address, else the general one."""
        return self.accessibility_email or self.contact_email

    @property
    def contact_phone_display(self):
        return format_pairs(self.contact_phone) if self.contact_phone else ""

    @property
    def contact_phone_href(self):
        return tel_href(self.contact_phone) if self.contact_phone else ""

    @property
    def has_contact(self):
        return bool(self.contact_name or self.contact_email or self.contact_phone)

    @property
    def hotline_phone_display(self):
        return format_pairs(self.hotline_phone)

    @property
    def hotline_phone_href(self):
        return tel_href(self.hotline_phone)
