from django import template

from ..addresses import search_url as address

register = template.Library()


@register.simple_tag
def search_url():
    """The search page in the active language."""
    return address()


@register.inclusion_tag("search/search_form.html")
def search_form(where, value=""):
    """The search box: in the header of every page, and on the search page itself."""
    return {"action": address(), "where": where, "value": value}
