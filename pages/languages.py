"""The page a request shows, and the home page, in every language: one query per page.

The header's language switch, the head's hreflang links and the main menu (which lists the
children of the home page in the page's language) all need them; the answer is kept on the
request, so a page pays one query for all three.
"""

from wagtail.models import Page, Site

from caching.fragments import is_restricted


class Versions:
    def __init__(self, homes, translations):
        self.homes = homes  # language code -> the live home page in that language
        self.translations = translations  # language code -> the live page in that language


def versions(request, page=None):
    """Versions of `page` (a Page, or None on pages that are not Wagtail pages, e.g. the 404)
    and of the site's home page; None without a site."""
    cached = getattr(request, "_page_versions", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        return None
    root_key = site.root_page.translation_key
    keys = {root_key}
    own = isinstance(page, Page) and page.pk and not getattr(request, "is_preview", False)
    if own:
        keys.add(page.translation_key)
    homes, translations = {}, {}
    for found in Page.objects.filter(translation_key__in=keys).live().select_related("locale"):
        code = found.locale.language_code
        if found.translation_key == root_key:
            homes[code] = found
        if own and found.translation_key == page.translation_key:
            if found.pk != page.pk and is_restricted(found):
                continue  # a private translation is named nowhere public: that language's home
            translations[code] = found
    result = Versions(homes, translations)
    request._page_versions = result
    return result
