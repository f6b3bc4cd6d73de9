"""The partner brochure: tagged PDF/UA editions in Danish and English, built from the live
content, stored in the database, served at stable addresses and rebuilt when what it shows
changes. The PDFs are parsed with pypdf; nothing is faked but the broken build."""

import io
import logging
import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from brochure import editions
from brochure.editions import build_all, build_edition
from brochure.models import BrochureEdition, BrochureSettings
from pages.site_settings import SiteSettings
from symbioses.models import SymbiosePage
from symbioses.summary import total_effect
from symbioses.templatetags.symbiose_tags import dk_number
from tests.catalogue import make_partner, make_symbiose
from tests.pdfs import small_pdf

FEATURED = ["eksempel-overskudsvarme-datacenter", "eksempel-bryggerivand"]


@pytest.fixture
def content(examples):
    """The launch content, the example catalogue, a general contact and two featured
    symbioses, as an editor would set them."""
    site_settings = SiteSettings.load()
    site_settings.contact_name = "Kirsten Eksempel"
    site_settings.contact_email = "symbiose@example.dk"
    site_settings.contact_phone = "72 27 10 10"
    site_settings.full_clean()
    site_settings.save()
    chosen = BrochureSettings.load()
    chosen.featured_symbioses = [
        ("symbiose", SymbiosePage.objects.get(slug=slug)) for slug in FEATURED
    ]
    chosen.full_clean()
    chosen.save()
    return examples


def reader(data):
    return PdfReader(io.BytesIO(data))


def text(data):
    pages = reader(data).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def struct_elements(pdf):
    """Every element of the structure tree, depth first."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and node.get("/Type") != "/OBJR" and "/S" in node:
            found.append(node)
            if "/K" in node:
                walk(node["/K"])

    for kid in pdf.trailer["/Root"]["/StructTreeRoot"]["/K"]:
        walk(kid)
    return found


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


# The editions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_edition_is_a_tagged_pdf_ua_in_its_language(content, language):
    edition = build_edition(language)
    pdf = reader(bytes(edition.pdf))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    with translation.override(language):
        title = translation.gettext("Symbiose Hillerød – brochure for partners")
    assert pdf.metadata.title == title
    assert pdf.xmp_metadata.dc_title["x-default"] == title
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp  # PDF/UA-1
    assert len(pdf.pages) >= 3 and edition.page_count == len(pdf.pages)
    roles = [str(element["/S"]) for element in struct_elements(pdf)]
    assert roles.count("/H1") == 1
    assert {"/H2", "/H3", "/P", "/Table", "/TH", "/TD", "/Figure", "/Link"} <= set(roles)


@pytest.mark.parametrize("language", ["da", "en"])
def test_edition_shows_the_live_figures_and_contacts(content, language):
    data = bytes(build_edition(language).pdf)
    shown = text(data)
    symbioses = list(SymbiosePage.objects.published())
    with translation.override(language):
        assert translation.gettext("Total effect") in shown  # "Samlet effekt" in Danish
        for total in total_effect(symbioses):
            assert f"{total.unit_label} {dk_number(total.total)}" in shown  # a table row
    if language == "en":
        assert "t CO₂e/year" in shown and "/år" not in shown
        assert "18,500 MWh/year" in shown  # the featured symbiosis's latest result
        assert "+45 48 23 10 00" in shown and "+45 72 27 10 10" in shown
        assert "Emergency operational problems" in shown
    else:
        assert "t CO₂e/år" in shown and "/year" not in shown
        assert "18.500 MWh/år" in shown
        assert "Akutte driftsproblemer" in shown
    site_settings = SiteSettings.load()
    assert site_settings.hotline_phone_display == "48 23 10 00"
    assert site_settings.hotline_phone_display in shown  # as the footer shows it
    assert site_settings.contact_phone_display in shown
    assert "Kirsten Eksempel" in shown and "symbiose@example.dk" in shown
    for slug in FEATURED:
        assert SymbiosePage.objects.get(slug=slug).title in shown
    # The about page's text: the English translation in the English edition.
    if language == "en":
        assert "About Symbiose Hillerød" in shown
        assert "Symbiose Hillerød aims to promote sustainable innovation" in shown
    else:
        assert "Om Symbiose Hillerød" in shown
        assert "Symbiose Hillerød vil fremme bæredygtig innovation" in shown


def test_network_diagram_has_alternative_text(content):
    pdf = reader(bytes(build_edition("en").pdf))
    figures = [element for element in struct_elements(pdf) if element["/S"] == "/Figure"]
    assert figures and all(str(figure.get("/Alt", "")).strip() for figure in figures)
    symbioses = list(SymbiosePage.objects.published())
    partners = len({pk for s in symbioses for pk in (s.partner_a_id, s.partner_b_id)})
    assert partners == 8 + 4  # the example catalogue's and the real symbioses' partners
    published = len(symbioses)
    assert any(
        str(figure["/Alt"]).startswith(f"Network diagram: {partners} partners")
        and f"connected by {published} symbioses" in str(figure["/Alt"])
        for figure in figures
    )


def test_same_content_gives_the_same_edition(content):
    first = build_edition("da")
    again = build_edition("da")
    assert (again.sha256, again.built_at) == (first.sha256, first.built_at)


# Rebuilding -------------------------------------------------------------------------------------


def test_changed_hotline_appears_in_the_next_edition_at_the_stable_address(
    client, launch, django_capture_on_commit_callbacks
):
    build_all()
    before = served(client, "/brochure.pdf")
    assert "48 23 10 00" in text(before.content)

    site_settings = SiteSettings.load()
    site_settings.hotline_phone = "70 10 10 10"
    site_settings.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()

    for url in ("/brochure.pdf", "/en/brochure.pdf"):
        after = served(client, url)
        shown = text(after.content)
        assert "70 10 10 10" in shown
        assert "48 23 10 00" not in shown
    assert after["ETag"] != before["ETag"]


def test_publishing_a_symbiosis_rebuilds_both_editions(
    client, launch, django_capture_on_commit_callbacks
):
    build_all()
    built = dict(BrochureEdition.objects.values_list("language", "sha256"))
    a, b = make_partner("Varmeværket"), make_partner("Skolen", kind="uddannelse")
    with django_capture_on_commit_callbacks(execute=True):
        make_symbiose("Varme til skolen", a, b, results=[("Sparet CO2", 77, "t_co2e_aar", 2025)])
    for language, sha in built.items():
        edition = BrochureEdition.objects.get(language=language)
        assert edition.sha256 != sha
        assert "Varme til skolen" in text(bytes(edition.pdf))
    assert "77 t CO₂e/year" in text(served(client, "/en/brochure.pdf").content)


def test_a_failing_build_keeps_the_edition_and_never_breaks_the_publish(
    launch, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    build_all()
    built = dict(BrochureEdition.objects.values_list("language", "sha256"))

    def broken(language):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr(editions, "render_pdf", broken)
    a, b = make_partner("Varmeværket"), make_partner("Skolen", kind="uddannelse")
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        symbiose = make_symbiose("Varme til skolen", a, b)
    assert SymbiosePage.objects.get(pk=symbiose.pk).live
    assert dict(BrochureEdition.objects.values_list("language", "sha256")) == built
    assert "the previous one is kept" in caplog.text and "Pango is missing" in caplog.text


def test_one_rebuild_per_transaction(launch, django_capture_on_commit_callbacks, monkeypatch):
    built = []
    monkeypatch.setattr(editions, "build_edition", built.append)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            SiteSettings.load().save()
        BrochureSettings.load().save()
    assert built == ["da", "en"]


# The stable addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "language"), [("/brochure.pdf", "da"), ("/en/brochure.pdf", "en")])
def test_stable_address_serves_the_current_edition(client, launch, url, language):
    build_all()
    edition = BrochureEdition.objects.get(language=language)
    response = served(client, url)
    assert response.content == bytes(edition.pdf)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="symbiose-hillerod-brochure-{language}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["ETag"] == f'"{edition.sha256}"'
    assert response["Last-Modified"]
    assert set(response["Cache-Control"].split(", ")) == {
        "public",
        "max-age=60",
        "must-revalidate",
    }
    assert "X-Cache" not in response  # never stored by the page cache
    assert reader(response.content).trailer["/Root"]["/Lang"] == language
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_stable_address_builds_a_missing_edition(client, launch):
    assert not BrochureEdition.objects.exists()
    response = served(client, "/en/brochure.pdf")
    assert response.content.startswith(b"%PDF-")
    assert BrochureEdition.objects.filter(language="en").exists()


def upload_document(title, filename, data, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(filename, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def test_designed_pdf_replaces_the_generated_edition(client, launch):
    build_all()
    designed = small_pdf(size=150_000, title="Designed brochure")
    document = upload_document("Brochure (designed)", "designed-en.pdf", designed)
    chosen = BrochureSettings.load()
    chosen.designed_pdf_en = document
    chosen.full_clean()
    chosen.save()

    english = served(client, "/en/brochure.pdf")
    assert english.content == designed
    assert english["Content-Type"] == "application/pdf"
    assert english["ETag"] == f'"document-{document.pk}-{document.file_hash}"'
    assert client.get("/en/brochure.pdf", HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 304
    # The Danish edition is still the generated one.
    danish = served(client, "/brochure.pdf")
    assert danish.content == bytes(BrochureEdition.objects.get(language="da").pdf)
    # The about page gives the designed PDF's size.
    page = BeautifulSoup(served(client, "/en/about/").content, "html.parser")
    link = page.select_one('aside.brochure-links a[hreflang="en"]')
    assert f"(PDF, {round(len(designed) / 1024)} KB, in English)" in link.get_text(" ", strip=True)

    chosen.designed_pdf_en = None
    chosen.save()
    assert served(client, "/en/brochure.pdf").content == bytes(
        BrochureEdition.objects.get(language="en").pdf
    )


# The settings' checks ---------------------------------------------------------------------------


def errors_of(chosen):
    with pytest.raises(ValidationError) as raised:
        chosen.full_clean()
    return raised.value.message_dict


def test_settings_refuse_a_symbiosis_chosen_twice_or_a_draft(content):
    chosen = BrochureSettings.load()
    symbiose = SymbiosePage.objects.get(slug=FEATURED[0])
    chosen.featured_symbioses = [("symbiose", symbiose), ("symbiose", symbiose)]
    assert errors_of(chosen) == {"featured_symbioses": ["Hver symbiose kan kun vælges én gang."]}
    symbiose.unpublish()
    chosen.featured_symbioses = [("symbiose", symbiose)]
    assert errors_of(chosen) == {"featured_symbioses": ["Vælg kun udgivne symbioser."]}


def test_settings_refuse_a_designed_brochure_that_is_no_public_pdf(launch):
    chosen = BrochureSettings.load()
    chosen.designed_pdf_da = upload_document("Notes", "notes.txt", b"plain text")
    assert list(errors_of(chosen)) == ["designed_pdf_da"]
    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    chosen.designed_pdf_da = upload_document("Udkast", "udkast.pdf", small_pdf(), private)
    assert list(errors_of(chosen)) == ["designed_pdf_da"]


def test_settings_refuse_an_about_page_that_is_no_content_page(launch):
    chosen = BrochureSettings.load()
    chosen.about_page = launch["home"]
    assert list(errors_of(chosen)) == ["about_page"]
    chosen.about_page = launch["om"]
    chosen.full_clean()


# The links on the about page --------------------------------------------------------------------


def brochure_links(client, url):
    page = BeautifulSoup(served(client, url).content, "html.parser")
    return page.main.select("aside.brochure-links a")


def test_about_page_links_in_its_own_language(client, launch):
    build_all()
    sizes = {
        edition.language: round(edition.size / 1024) for edition in BrochureEdition.objects.all()
    }
    danish = brochure_links(client, "/om-symbiose-hillerod/")
    english = brochure_links(client, "/en/about/")
    assert [link["href"] for link in danish] == ["/brochure.pdf", "/en/brochure.pdf"]
    assert [link["href"] for link in english] == ["/en/brochure.pdf", "/brochure.pdf"]
    assert english[0].find(class_="document__meta").get_text() == (
        f"(PDF, {sizes['en']} KB, in English)"
    )
    assert english[1].find(class_="document__meta").get_text() == (
        f"(PDF, {sizes['da']} KB, in Danish)"
    )
    assert danish[0].find(class_="document__meta").get_text() == (
        f"(PDF, {sizes['da']} KB, på dansk)"
    )
    assert danish[1].find(class_="document__meta").get_text() == (
        f"(PDF, {sizes['en']} KB, på engelsk)"
    )
    assert [link["hreflang"] for link in english] == ["en", "da"]
    # Only the about page links the brochure.
    assert not brochure_links(client, "/")


def test_about_page_shows_the_size_of_the_edition_built_since(
    client, launch, django_capture_on_commit_callbacks
):
    build_all()
    assert brochure_links(client, "/om-symbiose-hillerod/")  # cached with the old size
    a, b = make_partner("Varmeværket"), make_partner("Skolen", kind="uddannelse")
    with django_capture_on_commit_callbacks(execute=True):
        make_symbiose("Varme til skolen", a, b, results=[("Sparet CO2", 77, "t_co2e_aar", 2025)])
    size = round(BrochureEdition.objects.get(language="da").size / 1024)
    link = brochure_links(client, "/om-symbiose-hillerod/")[0]
    assert link.find(class_="document__meta").get_text() == f"(PDF, {size} KB, på dansk)"


def test_document_block_says_type_size_and_language_in_the_pages_language(db):
    from pages.blocks import DocumentBlock

    document = upload_document("Årsberetning", "aarsberetning.pdf", small_pdf(size=122_000))
    block = DocumentBlock()
    value = block.to_python(
        {"link_text": "report", "document": document.pk, "language": "en", "text_before": ""}
    )
    with translation.override("en"):
        english = BeautifulSoup(block.render(value), "html.parser").a.get_text(" ", strip=True)
    with translation.override("da"):
        danish = BeautifulSoup(block.render(value), "html.parser").a.get_text(" ", strip=True)
    assert english == "report (PDF, 119 KB, in English)"
    assert danish == "report (PDF, 119 KB, på engelsk)"


def test_about_page_images_come_with_their_alternative_text(launch):
    """An image on the about page is printed (as data, nothing fetched) and tagged as a
    /Figure whose /Alt is the image's description."""
    from wagtail_factories import ImageFactory

    image = ImageFactory(description="Varmeveksleren i kælderen")
    om = launch["om"]
    body = list(om.body.raw_data)
    body[0]["value"]["content"].append(
        {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": "Kælderen"}}
    )
    om.body = body
    om.save_revision().publish()
    pdf = reader(bytes(build_edition("da").pdf))
    alts = [str(e.get("/Alt")) for e in struct_elements(pdf) if e["/S"] == "/Figure"]
    assert "Varmeveksleren i kælderen" in alts
    assert any("/XObject" in page["/Resources"] for page in pdf.pages)  # the picture itself
