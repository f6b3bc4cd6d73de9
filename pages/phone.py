"""Danish phone numbers: stored as 8 digits, shown in pairs, linked in international form."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NON_DIGITS = re.compile(r"[\s\-.()]")


def normalise_danish_phone(value):
    """Return the 8 digits of a Danish number, or raise ValidationError."""
    digits = _NON_DIGITS.sub("", value or "")
    if digits.startswith("+45"):
        digits = digits[3:]
    elif digits.startswith("0045"):
        digits = digits[4:]
    if not re.fullmatch(r"[2-9]\d{7}", digits):
        raise ValidationError(
            _("Enter a valid Danish phone number with 8 digits, e.g. 48 23 10 00."),
            code="invalid_phone",
        )
    return digits


def format_pairs(digits):
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def tel_href(digits):
    return f"tel:+45{digits}"
