"""/sitemap.xml, /robots.txt and /.well-known/security.txt, all with absolute addresses on the
configured site (Wagtail's Site), never the request's Host header."""

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .metadata import site_root
from .security_txt import security_txt
from .sitemap import PageSitemap

# Kept out of search engines: the admin, search results (many addresses, no content of their
# own; the pages say noindex too) and the document password form.
DISALLOWED = [
    "/admin/",
    "/soeg/",
    "/en/search/",
    "/documents/authenticate_with_password/",
]


@require_safe
def sitemap(request):
    return django_sitemap(
        request, sitemaps={"pages": PageSitemap(request)}, content_type="application/xml"
    )


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {site_root(request)}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def security(request):
    text = security_txt(f"{site_root(request)}{reverse('security_txt')}")
    if text is None:
        raise Http404("No SECURITY_CONTACT")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
