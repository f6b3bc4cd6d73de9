"""The admin in Danish: our catalogue of Wagtail's, Django's and wagtail-localize's strings
(admin_da/) stays current.

admin_da/locale/da/LC_MESSAGES/{django,djangojs}.po must be compiled to the committed .mo,
hold only msgids that Wagtail, Django or wagtail-localize still have (an upgrade that renames a
string fails here), and be complete: nothing untranslated, nothing fuzzy, the same placeholders
as the English; every string of wagtail-localize is in it (its own Danish has a handful). The
screens of wagtail-localize are read here as an editor gets them; the browser test
(tests/browser/test_admin_danish.py) reads the admin's screens, the translation editor included.
"""

import ast
import gettext
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
import wagtail
import wagtail_localize
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from pages.models import ContentPage

CATALOGUES = Path(settings.BASE_DIR) / "admin_da" / "locale" / "da" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
# The English source catalogues of the packages whose strings we translate.
LOCALIZE = Path(wagtail_localize.__file__).parent  # wagtail_localize and wagtail_localize.locales
SOURCES = [Path(wagtail.__file__).parent, Path(django.__file__).parent, LOCALIZE]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")
# Awkward Danish in Wagtail's own catalogue that ours replaces.
AWKWARD = re.compile(r"Bevæg (op|ned)|Søge term|Log Ind|\bAfpublicer\b|\bDashboard\b|\bskitse\b")


def parse_po(path):
    """The entries of a .po file: dicts with ctxt, id, plural, strs (index -> text), fuzzy."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip() or line.startswith("#~"):
            if entry and entry["id"] is not None:
                entries.append(entry)
            entry = field = None
            continue
        if entry is None:
            entry = {"ctxt": None, "id": None, "plural": None, "strs": {}, "fuzzy": False}
        if line.startswith("#"):
            entry["fuzzy"] |= line.startswith("#,") and "fuzzy" in line
            continue
        keyword = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$', line)
        if keyword:
            name, index, text = keyword.groups()
            field = {"msgctxt": "ctxt", "msgid": "id", "msgid_plural": "plural"}.get(name)
            if field is None:
                field = int(index or 0)
                entry["strs"][field] = ""
            else:
                entry[field] = ""
        else:
            text = line
        value = ast.literal_eval(text)
        if isinstance(field, int):
            entry["strs"][field] += value
        else:
            entry[field] += value
    return [entry for entry in entries if entry["id"]]


def key(entry):
    return (entry["ctxt"], entry["id"])


def source_msgids(domain, packages=SOURCES):
    """Every (context, msgid) -> msgid_plural in the packages' English catalogues."""
    found = {}
    for package in packages:
        for path in package.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
            for entry in parse_po(path):
                found[key(entry)] = entry["plural"]
    return found


@pytest.fixture(scope="module", params=DOMAINS)
def catalogue(request):
    return request.param, parse_po(CATALOGUES / f"{request.param}.po")


def test_the_catalogues_exist_and_are_large():
    assert len(parse_po(CATALOGUES / "django.po")) > 1000
    assert len(parse_po(CATALOGUES / "djangojs.po")) > 50


def test_compiled_to_the_committed_mo(catalogue):
    domain, entries = catalogue
    with open(CATALOGUES / f"{domain}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in entries:
        msgid = f"{entry['ctxt']}\x04{entry['id']}" if entry["ctxt"] else entry["id"]
        if entry["plural"]:
            expected.update({(msgid, n): text for n, text in entry["strs"].items()})
        else:
            expected[msgid] = entry["strs"][0]
    compiled = {msgid: text for msgid, text in compiled.items() if msgid != ""}
    assert compiled == expected, (
        f"{domain}.mo is not {domain}.po compiled: run "
        "msgfmt -o admin_da/locale/da/LC_MESSAGES/DOMAIN.mo admin_da/locale/da/LC_MESSAGES/DOMAIN.po"
    )


def test_every_msgid_still_exists_upstream(catalogue):
    domain, entries = catalogue
    upstream = source_msgids(domain)
    gone = [entry["id"] for entry in entries if key(entry) not in upstream]
    assert not gone, f"no longer in the {domain} catalogues of {SOURCES}: {gone}"
    plural_changed = [e["id"] for e in entries if upstream[key(e)] != e["plural"]]
    assert not plural_changed, f"plural form changed upstream: {plural_changed}"


def test_complete_and_not_fuzzy(catalogue):
    domain, entries = catalogue
    assert not [e["id"] for e in entries if e["fuzzy"]], "fuzzy entries"
    untranslated = [
        e["id"]
        for e in entries
        if not e["strs"] or not all(text.strip() for text in e["strs"].values())
    ]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not [e["id"] for e in entries if e["plural"] and sorted(e["strs"]) != [0, 1]]
    assert not [e["id"] for e in entries if not e["plural"] and list(e["strs"]) != [0]]


def placeholders(text):
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text.replace("%%", "")))


def test_same_placeholders_as_the_english(catalogue):
    domain, entries = catalogue
    wrong = []
    for entry in entries:
        plural = placeholders(entry["plural"] or entry["id"])
        if placeholders(entry["strs"][max(entry["strs"])]) != plural:
            wrong.append(entry["id"])
        # The singular may leave out the count ("1 side"), never add a placeholder.
        singular = set(placeholders(entry["id"])) | set(plural)
        if not set(placeholders(entry["strs"][0])) <= singular:
            wrong.append(entry["id"])
    assert not wrong, f"placeholders differ from the English: {wrong}"


def test_no_awkward_danish(catalogue):
    domain, entries = catalogue
    awkward = [text for e in entries for text in e["strs"].values() if AWKWARD.search(text)]
    assert not awkward


def test_listed_before_the_wagtail_apps():
    apps = settings.INSTALLED_APPS
    assert apps.index("admin_da") < min(
        i
        for i, app in enumerate(apps)
        if app == "wagtail" or app.startswith(("wagtail.", "django."))
    )


def test_our_danish_wins():
    with translation.override("da"):
        assert translation.gettext("Images") == "Billeder"
        assert translation.gettext("Move up") == "Flyt op"
        assert translation.gettext("Search term") == "Søgeord"
        assert translation.gettext("Unpublish") == "Afpublicér"
        assert translation.gettext("Sign in") == "Log ind"
        assert translation.gettext("Page '%(page_title)s' has been scheduled for publishing.") == (
            "Siden '%(page_title)s' er planlagt til udgivelse."
        )


@pytest.mark.django_db
def test_the_admin_javascript_catalogue_has_our_danish(admin_user):
    client = Client()
    client.force_login(admin_user)
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    text = re.sub(
        r"\\u([0-9a-f]{4})", lambda code: chr(int(code.group(1), 16)), response.content.decode()
    )
    for danish in ["Fold alle sammen", "Indsæt en blok", "Flere handlinger", "Flyt op"]:
        assert danish in text
    assert "Bevæg op" not in text


# wagtail-localize: every string translated by us, and its screens as an editor gets them.


def test_every_wagtail_localize_string_is_ours(catalogue):
    """wagtail-localize's own Danish has a handful of strings: ours must have all of them (after
    an upgrade, translate the new ones here)."""
    domain, entries = catalogue
    missing = set(source_msgids(domain, [LOCALIZE])) - {key(entry) for entry in entries}
    assert not missing, f"wagtail-localize's {domain} strings without our Danish: {missing}"


def visible_text(html):
    """What an editor reads: the text outside scripts and styles, the labels and titles of
    controls and the value of buttons (not the data attributes, which hold the page's content)."""
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(parser.seen)


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.seen, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name in ("aria-label", "title", "placeholder", "alt"):
            if attrs.get(name):
                self.seen.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.seen.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden = max(self.hidden - 1, 0)

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.seen.append(data.strip())


def english_phrases(domain="django"):
    """wagtail-localize's English strings that our Danish changes, as whole-word patterns
    (a placeholder matches anything); ENGLISH_WORDS adds single words of theirs and Wagtail's."""
    ours = {entry["id"]: entry["strs"] for entry in parse_po(CATALOGUES / f"{domain}.po")}
    phrases = {}
    for _context, msgid in source_msgids(domain, [LOCALIZE]):
        if list(ours[msgid].values()) == [msgid]:  # "Status" is Danish too
            continue
        parts = [re.escape(part.strip()) for part in PLACEHOLDER.split(msgid)[::3] if part.strip()]
        pattern = r"(?<![\w'-])" + r".{0,200}?".join(parts) + r"(?![\w-])"
        phrases[msgid] = re.compile(pattern, re.DOTALL)
    return phrases


ENGLISH_WORDS = [
    "Translate", "Translations", "Sync", "Synced", "locale", "Locale", "Locales",
    "Up to date", "Out of date", "Waiting for translations", "Publish", "Save", "Submit",
    "Source", "Target", "Content type", "Pages", "pages", "page", "others", "Enabled",
    "translations", "translation",
    "Settings", "Reports", "Dashboard", "Cancel", "Delete", "Edit",
]  # fmt: skip

# English that wagtail-localize writes in its code, out of any catalogue's reach (README, the
# admin_da section): the translations report's filters are labelled after model fields
# (Translation.source.locale, .target_locale), the locale form's "Sync from" is a model field's
# name, the locales listing writes "N pages + N others" itself (a TODO upstream), the report's
# "N translations" under its table and the Add locale screen's subtitle "Locale" are the names
# of models without a verbose_name (wagtail_localize's Translation, Wagtail's Locale), and the
# components' "Enabled" checkbox is hidden by wagtail-localize's CSS (display: none).
NO_CATALOGUE = re.compile(
    r"Source locale|Target locale|Sync from|\d+ pages( \+ \d+ others)?|^\d+ translations?$"
    r"|^Locale$|^Enabled$",
    re.MULTILINE,
)


def english_on(html):
    text = NO_CATALOGUE.sub(" ", visible_text(html))
    found = [msgid for msgid, pattern in english_phrases().items() if pattern.search(text)]
    found += [word for word in ENGLISH_WORDS if re.search(rf"(?<![\w'-]){word}(?![\w-])", text)]
    return found


@pytest.fixture
def editor(launch, admin_user):
    """A logged-in editor (an administrator: every wagtail-localize screen is theirs)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="da")
    client.force_login(admin_user)
    return client


@pytest.fixture
def om_english(launch):
    """The English Om page (launch/translation.py) and its wagtail-localize translation."""
    om = launch["om"]
    english = om.get_translation(Locale.objects.get(language_code="en"))
    translation = Translation.objects.get(
        source__object_id=om.translation_key, target_locale=english.locale
    )
    return english, translation


def read(client, url, status=200, **kwargs):
    response = client.get(url, follow=True, **kwargs)
    assert response.status_code == status, url
    html = response.content.decode()
    return html, visible_text(html)


def test_the_translate_actions_are_danish(editor, launch):
    """The page's actions: sync its translations (it has an English one), translate a new page."""
    om = launch["om"]
    html, text = read(editor, f"/admin/pages/{om.pk}/edit/")
    assert "Synkronisér oversatte sider" in text
    assert not english_on(html)
    html, text = read(editor, f"/admin/pages/{launch['home'].pk}/")  # the listing's more buttons
    assert "Synkronisér oversatte sider" in text
    assert not english_on(html)

    draft = ContentPage(title="Kun på dansk", slug="kun-paa-dansk")
    launch["home"].add_child(instance=draft)
    html, text = read(editor, f"/admin/pages/{launch['home'].pk}/")
    assert "Oversæt denne side" in text
    html, text = read(editor, f"/admin/localize/submit/page/{draft.pk}/")
    for danish in ["Oversæt side", "Sprog", "Indsend", "Gå tilbage"]:
        assert danish in text
    assert not english_on(html)

    response = editor.post(
        f"/admin/localize/submit/page/{draft.pk}/",
        {"locales": [Locale.objects.get(language_code="en").pk]},
        follow=True,
    )
    text = visible_text(response.content.decode())
    assert "Siden 'Kun på dansk' er sendt til oversættelse til English" in text
    assert not english_on(response.content.decode())


def test_syncing_translated_pages_is_danish(editor, launch):
    source = TranslationSource.objects.get_for_instance(launch["om"])
    html, text = read(editor, f"/admin/localize/update/{source.pk}/")
    for danish in [
        "Opdatér eksisterende oversættelser",
        "Hvorfor skal jeg synkronisere min side?",
        "Du er ved at synkronisere følgende",
        "Udgiv med det samme",
        "Indsend",
    ]:
        assert danish in text
    assert not english_on(html)

    response = editor.post(f"/admin/localize/update/{source.pk}/", follow=True)
    html = response.content.decode()
    assert "Oversættelserne af 'Om Symbiose Hillerød' er opdateret" in visible_text(html)
    assert not english_on(html)


def test_the_translation_editor_is_danish(editor, om_english):
    """The server's part of the translation editor: its frame, and the JavaScript catalogue its
    React app reads (loaded after the admin's: /admin/localize/jsi18n/, ours)."""
    english, translation = om_english
    html, text = read(editor, f"/admin/pages/{english.pk}/edit/")
    assert "Oversættelse af" in html and "til English" in html  # the <title>
    assert 'src="/admin/localize/jsi18n/"' in html
    assert not english_on(html)


def javascript_catalogue(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.DOTALL)
    return json.loads(found.group(1))


def test_the_translation_editors_catalogue_is_ours(editor):
    """Every JavaScript string of wagtail-localize in our Danish, where its React app reads it;
    wagtail-localize's own few Danish strings never win over ours."""
    ours = {entry["id"]: entry["strs"] for entry in parse_po(CATALOGUES / "djangojs.po")}
    served = javascript_catalogue(editor, "/admin/localize/jsi18n/")
    for _context, msgid in source_msgids("djangojs", [LOCALIZE]):
        assert served.get(msgid) == ours[msgid][0], msgid
    assert served["Unpublish"] == "Afpublicér"  # wagtail-localize's own: "Afpublicer"
    assert served["segments translated"] == "tekststykker oversat"
    # The admin's own catalogue, loaded first on the same screen, agrees.
    assert javascript_catalogue(editor, "/admin/jsi18n/")["Save"] == "Gem"


def test_the_translation_editors_catalogue_is_for_editors_only(db):
    response = Client().get("/admin/localize/jsi18n/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_po_files_upload_messages_are_danish(editor, om_english):
    english, translation = om_english
    url = f"/admin/localize/translate/{translation.pk}/pofile/"
    download = editor.get(url + "download/")
    assert download.status_code == 200
    assert b"About Symbiose Hiller" in download.content

    wrong = SimpleUploadedFile("oversaettelse.po", b"ikke en PO-fil", "text/x-gettext")
    response = editor.post(
        url + "upload/", {"file": wrong, "next": f"/admin/pages/{english.pk}/edit/"}, follow=True
    )
    html = response.content.decode()
    assert "Upload en gyldig PO-fil." in visible_text(html)
    assert not english_on(html)

    other = Translation.objects.exclude(pk=translation.pk).first()
    po = other.export_po()
    response = editor.post(
        url + "upload/",
        {
            "file": SimpleUploadedFile("andet.po", str(po).encode(), "text/x-gettext"),
            "next": f"/admin/pages/{english.pk}/edit/",
        },
        follow=True,
    )
    assert "PO-filen er lavet til en anden oversættelse og kan ikke importeres." in (
        visible_text(response.content.decode())
    )

    response = editor.post(
        url + "upload/",
        {
            "file": SimpleUploadedFile("om.po", download.content, "text/x-gettext"),
            "next": f"/admin/pages/{english.pk}/edit/",
        },
        follow=True,
    )
    assert "Oversættelserne fra PO-filen er importeret." in visible_text(response.content.decode())


def test_the_translations_report_is_danish(editor, om_english):
    html, text = read(editor, "/admin/localize/reports/translations/")
    for danish in ["Oversættelser", "Indholdstype", "Kilde", "Mål", "Status", "Ajour"]:
        assert danish in text
    assert not english_on(html)
    html, text = read(editor, "/admin/localize/reports/translations/?waiting_for_translation=true")
    assert not english_on(html)


def test_the_locale_screens_are_danish(editor, om_english):
    english = om_english[0].locale
    html, text = read(editor, "/admin/locales/")
    assert "Tilføj et sprog" in text
    assert not english_on(html)
    html, text = read(editor, f"/admin/locales/edit/{english.pk}/")
    for danish in ["Synkronisér indhold fra et andet sprog", "Gem", "Slet sprog"]:
        assert danish in text
    assert not english_on(html)
    html, text = read(editor, "/admin/locales/new/")
    assert "Tilføj sprog" in text
    assert not english_on(html)
    html, text = read(editor, f"/admin/locales/delete/{english.pk}/")
    assert "Sproget kan ikke slettes" in text
    assert not english_on(html)
    response = editor.post(
        f"/admin/locales/edit/{english.pk}/", {"language_code": "en"}, follow=True
    )
    assert "Sproget 'English' er opdateret." in visible_text(response.content.decode())


def test_converting_and_stopping_a_translation_is_danish(editor, om_english):
    english, translation = om_english
    html, text = read(editor, f"/admin/localize/page/{english.pk}/convert_to_alias/")
    assert "Er du sikker på, at du vil lave denne side om til et alias?" in text
    assert "Nej, behold den som side" in text
    assert not english_on(html)

    response = editor.post(
        f"/admin/localize/translate/{translation.pk}/disable/",
        {"next": f"/admin/pages/{english.pk}/edit/"},
        follow=True,
    )
    html = response.content.decode()
    assert "Oversættelsen er stoppet." in visible_text(html)
    # The page is edited as a page now, with the action to take up the translation again.
    assert "Start synkroniseret oversættelse" in visible_text(html)
    assert not english_on(html)
