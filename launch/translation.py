"""English versions of launch pages, made through wagtail-localize.

A page is translated the way an editor's translator would do it: a translation source of the
Danish page, a PO file filled from launch/content_en.py, imported and published. So the English
page is wagtail-localize's own translation: editors see it in the translation editor, are told
when the Danish changes and can export or import PO files for a translator.
"""

from wagtail_localize.models import Translation, TranslationSource


class MissingEnglish(Exception):
    """A Danish launch text has no English one in launch/content_en.py."""


def translate(page, locale, english):
    """The page's translation into `locale` with the texts of `english` (Danish text ->
    English), published; the existing translation if there is one (an editor's work stays)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing, False
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    missing = [entry.msgid for entry in po if entry.msgid not in english]
    if missing:
        raise MissingEnglish(f"No English for {page.title!r}: {missing}")
    translated = fill_and_publish(page, locale, translation, po, po, english)
    return translated.specific_class.objects.get(pk=translated.pk), True


def update(page, locale, english):
    """Brings the page's existing translation into `locale` up to date with the Danish page:
    texts new since it was made get their English from `english`; texts already translated
    (by us or by an editor) stay as they are. Published; None if the page has no translation."""
    source = TranslationSource.objects.get_for_instance_or_none(page)
    translation = (
        Translation.objects.filter(source=source, target_locale=locale).first() if source else None
    )
    if translation is None:
        return None
    source.update_from_db()
    po = translation.export_po()
    new = [entry for entry in po if not entry.msgstr]
    missing = [entry.msgid for entry in new if entry.msgid not in english]
    if missing:
        raise MissingEnglish(f"No English for {page.title!r}: {missing}")
    return fill_and_publish(page, locale, translation, po, new, english)


def fill_and_publish(page, locale, translation, po, entries, english):
    """Gives `entries` of the translation's PO file their English, imports it and publishes."""
    for entry in entries:
        entry.msgstr = english[entry.msgid]
    errors = translation.import_po(po)
    if errors:
        raise MissingEnglish(f"wagtail-localize refused the English of {page.title!r}: {errors}")
    # A draft, published here and now: wagtail-localize's own publish waits for the commit,
    # and a translated child needs its parent live before that.
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated
