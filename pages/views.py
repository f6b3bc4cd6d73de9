from django.http import Http404
from django.shortcuts import redirect

from .site_settings import SiteSettings


def accessibility_statement(request):
    """/was: the short address of the accessibility statement, as Danish law expects."""
    url = SiteSettings.load(request_or_site=request).accessibility_statement_url
    if not url:
        raise Http404
    return redirect(url)
