"""Danish numbers in the admin: 1.500,75 is one thousand five hundred and 75 hundredths.

Django's DecimalField renders <input type="number">, which submits the browser's reading of
what was typed: Chromium drops the comma (12,5 became 125) and takes the dot as a decimal point
(1.500 became 1.5). Django's own localisation (localize=True) only guesses at a dot. Here the
editor types plain text, read strictly the Danish way; a dot that is not a thousands separator
is refused instead of guessed.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.numberformat import format as format_number
from django.utils.translation import gettext_lazy as _

# A dot only between groups of three digits, a comma before the decimals. The first group may
# not start with 0: "0.500" is someone's 0.5, not 500.
_DANISH_NUMBER = re.compile(
    r"(?P<sign>[-+\u2212]?)"
    r"(?P<whole>[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)"
    r"(?:,(?P<decimals>[0-9]+))?",
    re.ASCII,
)
_SWAP_SEPARATORS = str.maketrans({".": ",", ",": "."})
GENERIC_EXAMPLE = "12,5"


def parse_danish_number(text, messages):
    """The Decimal `text` means in Danish; ValidationError with messages "invalid" or "ambiguous"."""
    text = text.strip()
    match = _DANISH_NUMBER.fullmatch(text)
    if match:
        sign = "-" if match["sign"] in ("-", "\u2212") else ""
        decimals = f".{match['decimals']}" if match["decimals"] else ""
        return Decimal(sign + match["whole"].replace(".", "") + decimals)
    if "." in text:
        # 12.5 or 1.500.75: say how to write it, with their own figures when that is clear.
        swapped = text.translate(_SWAP_SEPARATORS)
        example = swapped if _DANISH_NUMBER.fullmatch(swapped) else GENERIC_EXAMPLE
        raise ValidationError(
            messages["ambiguous"], code="ambiguous", params={"value": text, "example": example}
        )
    raise ValidationError(messages["invalid"], code="invalid")


def format_danish_number(value):
    """1.500,75 and 12,5: thousands grouped with dots, trailing zero decimals dropped."""
    number = Decimal(str(value)).normalize()
    return format_number(number, ",", grouping=3, thousand_sep=".", force_grouping=True)


class DanishNumberInput(forms.TextInput):
    """Text, not type="number", so the browser passes on exactly what the editor typed."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return format_danish_number(value)
        return super().format_value(value)  # what the editor typed, shown back as typed


class DanishDecimalFormField(forms.DecimalField):
    widget = DanishNumberInput
    default_error_messages = {
        "invalid": _(
            "Enter a number. Use a comma as the decimal separator, e.g. 12,5 or 1.500,75."
        ),
        "ambiguous": _(
            "Use a comma as the decimal separator, e.g. %(example)s. A dot only separates "
            "thousands, e.g. 1.500, so %(value)s cannot be read for sure."
        ),
    }

    def __init__(self, *, max_digits=None, decimal_places=None, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        if decimal_places == 0:
            # Django would say "no more than 0 decimal places".
            self.error_messages.setdefault(
                "max_decimal_places", _("Enter a whole number without decimals, e.g. 1.500.")
            )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return Decimal(str(value))  # a value set in code, not typed
        text = str(value).strip()
        if not text:
            return None
        return parse_danish_number(text, self.error_messages)


class DanishDecimalField(models.DecimalField):
    """A DecimalField edited the Danish way in every model form, Wagtail's admin included."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DanishDecimalFormField, **kwargs})

    def deconstruct(self):
        # The column is a plain DecimalField; only the form differs, so migrations say so.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
