import contextlib
import sys
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
)
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views import defaults, static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.auth import require_admin_access
from wagtail.admin.localization import get_localized_response
from wagtail.models import Site

from news import feeds as news_feeds
from symbioses import feeds as symbiose_feeds

# The folders of MEDIA_ROOT that /media/ serves: Wagtail's images (originals and renditions).
# Documents are never among them: they are served by /documents/<id>/<name>, which checks the
# privacy of their collection (pages/documents.py).
IMAGE_FOLDERS = ("original_images", "images")
RETRY_AFTER_SECONDS = 30  # the 503 of a database that does not answer


@require_safe
def atom_feed(request, page_path):
    """<page>/feed.atom: the feed of a live, public page that has one (the news listing, a
    theme group's news, the catalogue). Each feature app knows its own feeds."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page, _args, _kwargs = site.root_page.localized.specific.route(
        request, page_path.strip("/").split("/")
    )
    page = page.specific
    if page.get_view_restrictions().exists():
        raise Http404
    for feed_for in (news_feeds.feed_for, symbiose_feeds.feed_for):
        feed = feed_for(page)
        if feed is not None:
            return feed(request)
    raise Http404


def media(request, folder, path):
    """An uploaded image, from its folder of MEDIA_ROOT (read at each request)."""
    return static.serve(request, path, document_root=Path(settings.MEDIA_ROOT) / folder)


def page_not_found(request, exception):
    """The 404 page, kept briefly by browsers and the CDN: the same for every visitor (a
    restricted page answers with its password or login form, never 404), and a page published
    at the address later is purged from the CDN and shows in a browser within a minute."""
    response = defaults.page_not_found(request, exception)
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
    return response


def error_context(database=True):
    """The footer's hotline and the banner, even when the database is down (`database=False`:
    not even asked, as when it has just failed to answer)."""
    from alerts.models import AlertSettings
    from pages.site_settings import SiteSettings

    site_settings, alert_settings = SiteSettings(), None  # the launch values: model defaults
    if database:
        with contextlib.suppress(Exception):  # keep the defaults
            site_settings = SiteSettings.load()
        with contextlib.suppress(Exception):  # no database: no banner, rather than no page
            alert_settings = AlertSettings.current()
    return {"site_settings": site_settings, "alert_settings": alert_settings}


def language_of(request):
    return "en" if request.path_info.startswith("/en/") else settings.LANGUAGE_CODE


def server_error(request):
    """The 500 page with the hotline footer, in the language of its address. A database that
    does not answer (down, frozen, refused by dbguard) gives 503 with Retry-After instead: the
    site is unavailable for a while, not broken, and a proxy in front may serve the snapshot."""
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    language = language_of(request)
    with translation.override(language):
        context = {
            **error_context(database=not unavailable),
            "home": "/en/" if language == "en" else "/",
            "unavailable": unavailable,
        }
        html = render_to_string("500.html", context)
    if not unavailable:
        return HttpResponseServerError(html)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    """The 400 page (a Host not allowed, too many fields, a broken request), in the language
    of its address. Rendered without the request: what it holds cannot be trusted (its Host
    is not even allowed), and the page links nowhere but home."""
    language = language_of(request)
    with translation.override(language):
        home = "/en/" if language == "en" else "/"
        html = render_to_string("400.html", {**error_context(), "home": home})
    return HttpResponseBadRequest(html)


# Wagtail's own catalogue view reads only wagtail.admin's djangojs catalogue; ours comes after
# it in `packages`, so its translations win (admin_da/, its djangojs.po).
_admin_js_catalog = JavaScriptCatalog.as_view(packages=["wagtail.admin", "admin_da"])


def admin_js_catalog(request, *args, **kwargs):
    """The admin's JavaScript strings, in the editor's language, with our Danish on top."""
    return get_localized_response(_admin_js_catalog, request, *args, **kwargs)


# wagtail-localize's translation editor (a React app) loads a catalogue of its own after the
# admin's, /admin/localize/jsi18n/, read from wagtail_localize's djangojs catalogue alone (a few
# Danish strings); this one answers at its address instead, with our Danish on top. Like the
# original, for admin users only and never cached.
_localize_js_catalog = JavaScriptCatalog.as_view(packages=["wagtail_localize", "admin_da"])


@never_cache
@require_admin_access  # sets the editor's language, as get_localized_response does
def localize_js_catalog(request, *args, **kwargs):
    """The translation editor's JavaScript strings: wagtail-localize's, our Danish on top."""
    return _localize_js_catalog(request, *args, **kwargs)
