"""The outage banner (driftsforstyrrelse): one site-wide alert that editors switch on and off,
and the history of what it said (the Atom feed)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Severity(models.TextChoices):
    INFORMATION = "information", _("Information")
    WARNING = "warning", _("Warning")
    CRITICAL = "critical", _("Critical")


class AlertFields(models.Model):
    """What an alert says, shared by the setting and its history."""

    active = models.BooleanField(
        _("show the alert"),
        default=False,
        help_text=_("While this is ticked, every page shows the alert (within the times below)."),
    )
    severity = models.CharField(
        _("severity"), max_length=20, choices=Severity.choices, default=Severity.INFORMATION
    )
    message = models.CharField(
        _("message"),
        max_length=300,
        blank=True,
        help_text=_("One or two short sentences, e.g. Vandet er lukket på Slotsgade til kl. 14."),
    )
    message_en = models.CharField(
        _("message in English"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to show the Danish message on the English pages."),
    )
    link_url = models.URLField(
        _("link address"),
        blank=True,
        help_text=_("Optional: where to read more, e.g. https://hfors.dk/driftsstatus"),
    )
    link_text = models.CharField(_("link text"), max_length=100, blank=True)
    link_text_en = models.CharField(
        _("link text in English"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to show the Danish link text on the English pages."),
    )
    starts_at = models.DateTimeField(
        _("shown from"),
        null=True,
        blank=True,
        help_text=_("Leave empty to show it at once."),
    )
    ends_at = models.DateTimeField(
        _("shown until"),
        null=True,
        blank=True,
        help_text=_("The alert disappears by itself at this time. Leave empty to end it by hand."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.message

    def is_active(self, now=None):
        now = now or timezone.now()
        return (
            self.active
            and bool(self.message)
            and (self.starts_at is None or now >= self.starts_at)
            and (self.ends_at is None or now < self.ends_at)
        )

    def next_change(self, now=None):
        """The next moment the alert appears or disappears by itself, or None."""
        if not self.active:
            return None
        now = now or timezone.now()
        coming = [moment for moment in (self.starts_at, self.ends_at) if moment and moment > now]
        return min(coming, default=None)

    def localized(self, field):
        """(text, language) in the active language: English falls back to Danish, marked "da"
        so that screen readers read it in Danish."""
        danish = getattr(self, field)
        english = getattr(self, f"{field}_en", "")
        if get_language() == "en":
            return (english, "") if english else (danish, "da")
        return danish, ""


@register_setting(icon="warning")
class AlertSettings(AlertFields, BaseGenericSetting):
    """The alert. A setting rather than a snippet: there is one banner at a time, so editors
    find it in one place (Settings → Driftsforstyrrelse) and tick it on or off."""

    changed_at = models.DateTimeField(auto_now=True, null=True, editable=False)

    panels = [
        MultiFieldPanel(
            [FieldPanel("active"), FieldPanel("severity"), FieldPanel("message")],
            heading=_("The alert"),
            help_text=_(
                "Shown at the top of every page, in both languages, as soon as you save. "
                "Critical: water, heating or wastewater is off or unsafe."
            ),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("link_url"), FieldPanel("link_text")],
            heading=_("Link"),
        ),
        MultiFieldPanel(
            [FieldPanel("message_en"), FieldPanel("link_text_en")],
            heading=_("In English"),
        ),
    ]

    class Meta:
        verbose_name = _("service disruption")

    @classmethod
    def current(cls):
        """The alert, without creating its row as load() does: a visitor's request must not
        save a setting (that bumps the page cache and purges the CDN)."""
        return cls.objects.first() or cls()

    def clean(self):
        super().clean()
        errors = {}
        if self.active and not self.message.strip():
            errors["message"] = _("Write the message that the alert shows, or untick it.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        elif self.active and self.ends_at and self.ends_at <= timezone.now():
            errors["ends_at"] = _(
                "This time has passed, so the alert would not be shown. Change it, or untick "
                "the alert."
            )
        if self.link_url and not self.link_text.strip():
            errors["link_text"] = _("Give the link a text, e.g. Læs mere om afbrydelsen.")
        if not self.link_url and (self.link_text.strip() or self.link_text_en.strip()):
            errors["link_url"] = _("Give the address the link text leads to, or remove the text.")
        if self.message_en.strip() and not self.message.strip():
            errors["message"] = _("Write the Danish message too: it is shown on the Danish pages.")
        if errors:
            raise ValidationError(errors)


class AlertRecord(AlertFields):
    """The alert as it was saved: each switch on or off and each change while on (the feed)."""

    recorded_at = models.DateTimeField(_("saved"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("service disruption history entry")
        verbose_name_plural = _("service disruption history")


RECORDED_FIELDS = [field.name for field in AlertFields._meta.fields]
