from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from wagtail import views as wagtail_views

from .site_settings import SiteSettings
from .throttle import limit_wrong_passwords


def accessibility_statement(request):
    """/was: the short address of the accessibility statement, as Danish law expects."""
    url = SiteSettings.load(request_or_site=request).accessibility_statement_url
    if not url:
        raise Http404
    return redirect(url)


# The password form of a restricted page, at Wagtail's own address (symbiose/urls.py routes it
# here first): wrong passwords are limited per address (pages/throttle.py).
authenticate_with_password = never_cache(
    limit_wrong_passwords("page", "page_view_restriction_id")(
        wagtail_views.authenticate_with_password
    )
)
