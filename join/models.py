"""Bliv en del af Symbiose Hillerød / Join Symbiose Hillerød: a form page made with Wagtail's
form builder. Submissions are stored (JoinFormSubmission), e-mailed to the contact address in
the page's language (join/mail.py) and kept JOIN_SUBMISSION_RETENTION_DAYS (join/retention.py).
The page is never cached and sets only the CSRF cookie it needs to post (serve)."""

import logging

from django.conf import settings
from django.db import models
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from caching.fragments import cached
from pages.blocks import RICH_TEXT_FEATURES
from pages.sharing import SharePageMixin
from pages.site_settings import SiteSettings

from .forms import HONEYPOT, JoinFormBuilder
from .mail import send_submission
from .periods import retention_period
from .ratelimit import RateLimit

logger = logging.getLogger(__name__)

# The HTML autocomplete tokens a join form needs (WCAG 1.3.5: browsers fill them in).
AUTOCOMPLETE_CHOICES = [
    ("organization", _("Organisation")),
    ("name", _("Name")),
    ("email", _("E-mail")),
    ("tel", _("Phone")),
]


class JoinFormField(TranslatableMixin, AbstractFormField):
    """A field of the form. Translatable with its page (wagtail-localize): the English page's
    fields are translations of the Danish ones, with the same names (clean_name), so every
    submission has the same keys whatever the language."""

    page = ParentalKey("JoinFormPage", on_delete=models.CASCADE, related_name="form_fields")
    autocomplete = models.CharField(
        _("autocomplete"),
        max_length=20,
        blank=True,
        choices=AUTOCOMPLETE_CHOICES,
        help_text=_("What the field asks for, so browsers can fill it in for the visitor."),
    )

    panels = [*AbstractFormField.panels, FieldPanel("autocomplete")]
    # What a translator translates; the rest is kept in step with the Danish field.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("autocomplete"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class JoinFormSubmission(AbstractFormSubmission):
    """A submission, and whether it reached the contact address by e-mail."""

    submit_time = models.DateTimeField(_("submit time"), auto_now_add=True, db_index=True)
    email_sent = models.BooleanField(_("e-mail sent"), default=False)
    email_error = models.TextField(_("e-mail error"), blank=True)

    class Meta:
        verbose_name = _("join submission")
        verbose_name_plural = _("join submissions")

    def email_status(self):
        if self.email_sent:
            return gettext("Sent")
        if self.email_error:
            return gettext("Not sent: %(error)s") % {"error": self.email_error}
        return gettext("Not sent")

    def get_data(self):
        return {**super().get_data(), "email_status": self.email_status()}


class JoinFormPage(SharePageMixin, AbstractEmailForm):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    consent_text = RichTextField(
        _("privacy text"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Shown above the consent box: what is stored, why and who may see it. How long "
            "submissions are kept, and whom to ask, are added automatically."
        ),
    )
    thank_you_text = RichTextField(_("thank-you text"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    help_text=_(
                        "Submissions are e-mailed here (several addresses: separate them with "
                        "commas). Empty: the general contact e-mail of the site settings."
                    ),
                ),
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("subject")]),
            ],
            heading=_("E-mail"),
        ),
    ]
    search_fields = [*AbstractEmailForm.search_fields, index.SearchField("intro")]
    # Every language's page sends to the same people (wagtail-localize keeps it in step).
    override_translatable_fields = [SynchronizedField("to_address")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1  # one per language: each language has its own home page

    template = "join/join_form_page.html"
    landing_page_template = "join/join_form_page_landing.html"
    form_builder = JoinFormBuilder

    class Meta:
        verbose_name = _("join form page")
        verbose_name_plural = _("join form pages")

    def get_submission_class(self):
        return JoinFormSubmission

    def get_data_fields(self):
        """The submissions listing's and the CSV's columns: Wagtail's, and the e-mail's fate."""
        return [*super().get_data_fields(), ("email_status", _("E-mail to the contact"))]

    def recipients(self):
        """The page's To address(es), else the site's general contact e-mail (SiteSettings
        .contact_email, when the site settings have one)."""
        addresses = [a.strip() for a in self.to_address.split(",") if a.strip()]
        if not addresses:
            # The footer's cached copy (a new one as soon as the settings are saved).
            site_settings = cached("site-settings", SiteSettings.load, generation_name=":settings")
            contact = site_settings.contact_email
            addresses = [contact] if contact else []
        return addresses

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["retention_period"] = retention_period(settings.JOIN_SUBMISSION_RETENTION_DAYS)
        recipients = self.recipients()
        context["privacy_contact"] = recipients[0] if recipients else ""
        return context

    # Visitors --------------------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self.serve_post(request, *args, **kwargs)
        else:
            response = self.render_form(request, self.get_form(page=self, user=request.user))
        get_token(request)  # the CSRF cookie, needed to post; the only cookie a visitor gets
        # Never stored by the page cache (caching/pagecache.py), a CDN or the browser: the
        # form carries the visitor's CSRF token and, after a post, what they typed.
        patch_cache_control(response, private=True, no_store=True)
        return response

    def serve_post(self, request, *args, **kwargs):
        limit = RateLimit(request)
        attempts = RateLimit(request, scope="join-attempts", limit=settings.JOIN_ATTEMPT_LIMIT)
        if limit.exceeded() or attempts.exceeded():
            form = self.get_form(initial=self.typed_values(request), page=self, user=request.user)
            return self.render_form(request, form, rate_limited=True, status=429)
        attempts.hit()  # every post counts here, invalid ones too (join/ratelimit.py)
        if request.POST.get(HONEYPOT, "").strip():
            limit.hit()
            logger.info("Join form: dropped a submission that filled in the honeypot")
            return self.render_landing_page(request, None, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid():
            submission = self.process_form_submission(form)
            limit.hit()
            return self.render_landing_page(request, submission, *args, **kwargs)
        return self.render_form(request, form)

    def typed_values(self, request):
        """What the visitor typed, to fill the form in again (NUL bytes dropped)."""
        values = {}
        for field in self.get_form_fields():
            name = field.clean_name
            if field.field_type in ("checkboxes", "multiselect"):
                values[name] = [v.replace("\x00", "") for v in request.POST.getlist(name)]
            elif name in request.POST:
                values[name] = request.POST[name].replace("\x00", "")
        return values

    def render_form(self, request, form, rate_limited=False, status=200):
        context = self.get_context(request)
        context["form"] = form
        context["rate_limited"] = rate_limited
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        """Stored first, e-mailed second: a submission is never lost to a broken SMTP server
        (it is then marked as not sent)."""
        submission = JoinFormSubmission.objects.create(form_data=form.stored_data(), page=self)
        send_submission(self, form, submission)
        return submission
