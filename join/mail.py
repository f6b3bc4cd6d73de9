"""The e-mail to the contact address, in the language of the page the visitor used.

Sent after the submission is stored; whatever goes wrong (no recipient, SMTP down, a refused
address) is logged and recorded on the submission, which the admin then lists as not sent.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


def _value(value):
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def render_email(page, form, submission):
    """(subject, body) in the active language."""
    subject = page.subject or gettext("New submission: %(title)s") % {"title": page.title}
    lines = [gettext("Someone filled in the form “%(title)s”:") % {"title": page.title}, ""]
    data = form.stored_data()
    for field in form.visible_fields_but_trap:
        if field.name in data:
            value = _value(data[field.name])
            if "\n" in value:
                lines += [f"{field.label}:", value, ""]
            else:
                lines.append(f"{field.label}: {value}")
    sent = date_format(timezone.localtime(submission.submit_time), "DATETIME_FORMAT")
    admin = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailforms:list_submissions", args=[page.pk]
    )
    lines += [
        "",
        gettext("Sent: %(time)s") % {"time": sent},
        gettext("Page: %(url)s") % {"url": page.full_url or page.url_path},
        gettext("All submissions (CSV export): %(url)s") % {"url": admin},
    ]
    return subject, "\n".join(lines) + "\n"


def reply_address(form):
    """The visitor's e-mail address, so a reply reaches them."""
    for name, field in form.fields.items():
        if (
            field.widget.attrs.get("autocomplete") == "email"
            or type(field).__name__ == "EmailField"
        ):
            value = form.cleaned_data.get(name)
            if value:
                return value
    return None


def send_submission(page, form, submission):
    """E-mails the submission; records on it whether that worked. Never raises."""
    recipients = page.recipients()
    error = ""
    if not recipients:
        error = "no recipient: the page has no To address and the site settings no contact e-mail"
        logger.error("Join form: submission %s not e-mailed: %s", submission.pk, error)
    else:
        try:
            with translation.override(page.locale.language_code):
                subject, body = render_email(page, form, submission)
            reply_to = reply_address(form)
            EmailMessage(
                subject,
                body,
                from_email=page.from_address or None,
                to=recipients,
                reply_to=[reply_to] if reply_to else None,
            ).send()
        except Exception as problem:  # SMTP down, refused, timed out...: the submission stays
            error = f"{type(problem).__name__}: {problem}"[:1000]
            logger.exception("Join form: submission %s could not be e-mailed", submission.pk)
    submission.email_sent = not error
    submission.email_error = error
    type(submission).objects.filter(pk=submission.pk).update(
        email_sent=submission.email_sent, email_error=error
    )
