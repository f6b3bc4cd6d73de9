from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def dk_number(value, max_decimals=2):
    """Danish number format with thousands separators: 1.234,5 (trailing zeros dropped)."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value)).normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    decimals = min(max(0, -number.as_tuple().exponent), int(max_decimals))
    return number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)
