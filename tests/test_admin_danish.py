"""The admin in Danish: our catalogue of Wagtail's and Django's strings (admin_da/) stays current.

admin_da/locale/da/LC_MESSAGES/{django,djangojs}.po must be compiled to the committed .mo,
hold only msgids that Wagtail or Django still have (an upgrade that renames a string fails
here), and be complete: nothing untranslated, nothing fuzzy, the same placeholders as the
English. The browser test (tests/browser/test_admin_danish.py) reads the screens themselves.
"""

import ast
import gettext
import re
from pathlib import Path

import django
import pytest
import wagtail
from django.conf import settings
from django.test import Client
from django.utils import translation

CATALOGUES = Path(settings.BASE_DIR) / "admin_da" / "locale" / "da" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
# The English source catalogues of the packages whose strings we translate.
SOURCES = [Path(wagtail.__file__).parent, Path(django.__file__).parent]
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


def source_msgids(domain):
    """Every (context, msgid) -> msgid_plural in Wagtail's and Django's English catalogues."""
    found = {}
    for package in SOURCES:
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
    assert not gone, f"no longer in Wagtail's or Django's {domain} catalogues: {gone}"
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
