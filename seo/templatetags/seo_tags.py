from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .. import metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context):
    """<link rel="canonical">, the Open Graph and the Twitter card tags of a page."""
    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return ""
    canonical = metadata.canonical_url(request, page)
    parts = []
    if canonical:
        parts.append(format_html('<link rel="canonical" href="{}">', canonical))
    parts.append(
        format_html_join(
            "\n", '<meta property="{}" content="{}">', metadata.open_graph(request, page)
        )
    )
    parts.append(mark_safe('<meta name="twitter:card" content="summary_large_image">'))
    return mark_safe("\n".join(str(part) for part in parts))


@register.simple_tag(takes_context=True)
def structured_data(context):
    """JSON-LD: the Organization on every page, the BreadcrumbList below the home page."""
    request = context.get("request")
    if request is None:
        return ""  # the 500 page, rendered without a request: nothing that may fail
    page = context.get("page")
    blocks = [metadata.organisation(request, page)]
    trail = metadata.breadcrumbs(request, page)
    if trail:
        blocks.append(metadata.breadcrumb_list(trail))
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        ((mark_safe(metadata.json_ld(block)),) for block in blocks),
    )


@register.inclusion_tag("seo/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    if request is None:
        return {"trail": []}
    return {"trail": metadata.breadcrumbs(request, context.get("page"))}
