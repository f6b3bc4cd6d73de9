"""Listings in every language, from one set of data (the catalogue, the news).

Symbioses, partners, theme groups and news are kept, and refer to one another, in the default
(Danish) locale; translations carry the text in another language. A page in another language
lists the Danish pages, each replaced by its live translation where there is one. The others
are shown in Danish, never hidden, and marked `untranslated_language` so that templates give
their text the right `lang` (pages/templatetags: `lang_attr`).
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page


def in_default_locale(pages):
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def source_of(page):
    """The page in the default locale: its Danish original when the page is rendered in another
    language, else the page itself (no query on the Danish site)."""
    if get_language() in (None, settings.LANGUAGE_CODE) or not page.pk:
        return page
    original = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .first()
    )
    return original or page


def localized(pages, model=None):
    """The pages, each as its live translation in the active language where there is one; one
    query. Untranslated pages are marked with the language they are shown in. `model`: the
    class to look the translations up as (Page: titles and addresses only, not specific())."""
    pages = list(pages)
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not pages:
        return pages
    # Pages of one type (a list of symbioses): their translations in one query of that type;
    # else Wagtail's specific(), a query more.
    kinds = {type(page) for page in pages}
    specific = model is None and len(kinds) > 1
    model = model or (kinds.pop() if len(kinds) == 1 else Page)
    found = model.objects.filter(
        translation_key__in=[page.translation_key for page in pages],
        locale__language_code=language,
    ).live()
    if specific:
        found = found.specific()
    return swap_translations(pages, {page.translation_key: page for page in found}, language)


def swap_translations(originals, translations, language):
    """`originals` (Danish pages, in order), each replaced by its translation in `language`
    (`translations`: by translation key); untranslated ones marked."""
    shown = []
    for page in originals:
        translation = translations.get(page.translation_key)
        if translation is None:
            if language != settings.LANGUAGE_CODE:
                page.untranslated_language = settings.LANGUAGE_CODE
            translation = page
        else:
            share_related(page, translation)
        shown.append(translation)
    return shown


def share_related(original, translation):
    """A translation refers to the same (Danish) pages as its original, e.g. a symbiosis's
    partners: it reuses those the original has loaded already, instead of a query for each."""
    if type(original) is not type(translation):
        return
    for field in original._meta.concrete_fields:
        if (
            field.many_to_one
            and field.is_cached(original)
            and getattr(original, field.attname) == getattr(translation, field.attname)
        ):
            field.set_cached_value(translation, field.get_cached_value(original))
