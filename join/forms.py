"""The visitor's form: Wagtail's form builder, with limits on every value, the fields'
autocomplete tokens, a choice that must be made, and a honeypot.

Error messages, the honeypot's label and the empty choice are gettext strings, so they follow
the language of the page (the active language); labels and help texts are the page's content,
written by editors in the page's language.
"""

import django.forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

# The honeypot: people never see it (CSS), screen-reader users are told to leave it empty, and
# bots that fill in every field fill it in too. A name bots like, no field label makes it.
HONEYPOT = "company_website"
SINGLE_LINE_MAX = 255
MULTI_LINE_MAX = 5000


# The id of the privacy text above the consent box (templates/join/join_form_page.html).
PRIVACY_TEXT_ID = "join-privacy"


class ConsentBoundField(BoundField):
    """The consent box is described by the privacy text above it, then its help and errors."""

    @property
    def aria_describedby(self):
        own = super().aria_describedby
        return None if own is None else " ".join(filter(None, [PRIVACY_TEXT_ID, own]))


class JoinFormBuilder(FormBuilder):
    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type != "checkbox":
            options["error_messages"] = {
                "required": _("Fill in “%(label)s”.") % {"label": field.label}
            }
        else:
            options["error_messages"] = {
                "required": _("Tick the box “%(label)s” to send the form.") % {"label": field.label}
            }
        return options

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTI_LINE_MAX
        return super().create_multiline_field(field, options)

    def create_url_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return super().create_url_field(field, options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return super().create_hidden_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        field_ = super().create_email_field(field, options)
        field_.error_messages["invalid"] = _(
            "Enter an e-mail address in the right format, like name@example.dk."
        )
        return field_

    def create_checkbox_field(self, field, options):
        options["bound_field_class"] = ConsentBoundField
        return super().create_checkbox_field(field, options)

    def create_dropdown_field(self, field, options):
        choice = super().create_dropdown_field(field, options)
        # An explicit first choice, so nobody sends the first kind by mistake.
        choice.choices = [("", _("Choose…")), *choice.choices]
        choice.error_messages["invalid_choice"] = _("Choose one of the options.")
        return choice

    @property
    def formfields(self):
        fields = super().formfields
        by_name = {f.clean_name or f.get_field_clean_name(): f for f in self.fields}
        for name, formfield in fields.items():
            source = by_name[name]
            token = getattr(source, "autocomplete", "")
            if token:
                formfield.widget.attrs["autocomplete"] = token
            if token == "tel":
                formfield.widget.input_type = "tel"
            elif token == "email" or source.field_type == "email":
                formfield.widget.attrs["spellcheck"] = "false"
        return fields

    def get_form_class(self):
        return type("JoinForm", (JoinBaseForm,), self.formfields)


class JoinBaseForm(BaseForm):
    """Wagtail's base form plus the honeypot, which is never stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT] = django.forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=SINGLE_LINE_MAX,
            widget=django.forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    @property
    def visible_fields_but_trap(self):
        return [field for field in self if field.name != HONEYPOT]

    @property
    def trap(self):
        return self[HONEYPOT]

    def stored_data(self):
        """What is stored and e-mailed: the cleaned data without the honeypot."""
        return {name: value for name, value in self.cleaned_data.items() if name != HONEYPOT}
