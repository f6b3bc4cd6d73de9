"""/sitemap.xml: every live, public page of the site in every language, each with its
versions in the other languages as hreflang alternates (x-default: the Danish one).

Wagtail's sitemap lists the descendants of the site's root page only, which is the Danish home
page: the English tree (a sibling, its translation) would be missing, and it gives no
alternates. Django's own i18n alternates repeat one URL per activated language, which does not
fit pages whose translations are separate pages. So the items are all languages' trees in one
query, paired by translation key.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from caching.fragments import without_restricted


class PageSitemap(Sitemap):
    def homes(self):
        root = self.get_wagtail_site().root_page
        return Page.objects.filter(translation_key=root.translation_key).live()

    def items(self):
        trees = Q()
        for home in self.homes():
            trees |= Q(path__startswith=home.path)
        if not trees:
            return Page.objects.none()
        # Not Wagtail's public(): without_restricted also leaves out the pages private with a
        # restricted one (caching.fragments.RESTRICTED_WITH), such as a symbiosis naming it.
        return (
            without_restricted(Page.objects.filter(trees).live())
            .select_related("locale")
            .order_by("path")
            .only(
                "path",
                "depth",
                "url_path",
                "translation_key",
                "locale__language_code",
                "last_published_at",
                "latest_revision_created_at",
            )
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # The versions of each page, among all pages (a page's translation may be on
        # another sitemap page: there are few enough pages to list them all).
        everything = list(self.items()) if self.paginator.num_pages > 1 else pages
        versions = {}
        for item in everything:
            url = item.get_full_url(self.request)
            versions.setdefault(item.translation_key, {})[item.locale.language_code] = url
        urls, last_mods = [], []
        for item in pages:
            lastmod = item.last_published_at or item.latest_revision_created_at
            last_mods.append(lastmod)
            languages = versions[item.translation_key]
            urls.append(
                {
                    "item": item,
                    "location": languages[item.locale.language_code],
                    "lastmod": lastmod,
                    "alternates": alternates(languages),
                }
            )
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def alternates(languages):
    """[{"lang_code", "location"}] for Django's sitemap template: every version of a page in
    settings.LANGUAGES order, and x-default (the Danish one); none for a page in one language."""
    if len(languages) < 2:
        return []
    found = [
        {"lang_code": code, "location": languages[code]}
        for code, _name in settings.LANGUAGES
        if code in languages
    ]
    if settings.LANGUAGE_CODE in languages:
        found.append({"lang_code": "x-default", "location": languages[settings.LANGUAGE_CODE]})
    return found
