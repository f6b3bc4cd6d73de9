"""Two lookups Wagtail makes on every page it serves, answered from the shared cache.

Wagtail reads the active Locale from the database on every request (routing, `.localized`)
and every ancestor's view restrictions before serving a page. Both change rarely: locales
follow settings.LANGUAGES, restrictions are edited by hand. Their generations are bumped by
caching.signals when they change, on every process, like the fragments'.
"""

from wagtail.models import Page, PageViewRestriction
from wagtail.models.i18n import LocaleManager

from .fragments import cached, restricted_paths

_get_for_language = LocaleManager.get_for_language
_get_view_restrictions = Page.get_view_restrictions


def get_for_language(self, language_code):
    return cached(
        f"locale:{language_code}",
        lambda: _get_for_language(self, language_code),
        generation_name=":locales",
    )


def get_view_restrictions(self):
    """No query at all while the site has no view restriction anywhere (the usual case)."""
    if not restricted_paths():
        return PageViewRestriction.objects.none()
    return _get_view_restrictions(self)


def install():
    LocaleManager.get_for_language = get_for_language
    Page.get_view_restrictions = get_view_restrictions
