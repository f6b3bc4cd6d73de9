"""News in every language: the Danish news pages are the list; a page in another language shows
each one's live translation where there is one, else the Danish page marked with its language
(pages/templatetags: `lang_attr`). The same rule as the catalogue's (symbioses/locales.py),
written again here because feature apps never import each other."""

from django.conf import settings
from django.utils.translation import get_language


def active_language():
    return get_language() or settings.LANGUAGE_CODE


def swap_translations(originals, found, language):
    """`originals` (Danish pages, in order), each replaced by its translation among `found`
    (pages of any language) in `language`; untranslated ones marked."""
    translations = {
        page.translation_key: page for page in found if page.locale.language_code == language
    }
    shown = []
    for page in originals:
        translation = translations.get(page.translation_key)
        if translation is None:
            if language != settings.LANGUAGE_CODE:
                page.untranslated_language = settings.LANGUAGE_CODE
            translation = page
        shown.append(translation)
    return shown


def localized(pages, model):
    """The Danish `pages` (a list of `model`), each as its live translation in the active
    language where there is one; one query, none in Danish."""
    pages = list(pages)
    language = active_language()
    if language == settings.LANGUAGE_CODE or not pages:
        return pages
    found = (
        model.objects.live()
        .filter(
            translation_key__in=[page.translation_key for page in pages],
            locale__language_code=language,
        )
        .select_related("locale")
    )
    return swap_translations(pages, found, language)


def source_of(page):
    """The page in the default locale (its Danish original), else the page itself."""
    if page.locale.language_code == settings.LANGUAGE_CODE or not page.pk:
        return page
    original = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .first()
    )
    return original or page
