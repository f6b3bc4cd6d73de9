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


@register.inclusion_tag("symbioses/includes/back_link.html", takes_context=True)
def back_link(context, page, text):
    """A link to the listing the page belongs to: its parent's address, worked out from the
    page's own (no query), so it is right in either language."""
    url = page.get_url(context.get("request")) if page.pk else None
    parent = url.rstrip("/").rsplit("/", 1)[0] + "/" if url and url.strip("/") else None
    return {"url": parent, "text": text}
