"""Uploads are limited to safe types and sizes, and every refusal says why in Danish."""

import html as html_text
import io
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from pages import upload_checks as checks
from tests.pdfs import small_pdf


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def image_bytes(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, fmt)
    return buffer.getvalue()


def upload(client, kind, name, content):
    url = f"/admin/{kind}/add/"
    data = {
        "title": name,
        "file": SimpleUploadedFile(name, content),
        "collection": Collection.get_first_root_node().pk,
    }
    return client.post(url, data)


def errors(response):
    return response.content.decode()


def file_errors(response):
    """The messages shown on the file field, as the editor reads them (one paragraph)."""
    html = response.content.decode()
    found = re.search(
        r'data-contentpath="file">\s*<div class="w-field__errors"[^>]*>(.*?)</div>', html, re.S
    )
    assert found, "no file field in the page"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()
    return html_text.unescape(text)


def test_pdf_document_is_accepted(editor):
    response = upload(editor, "documents", "brochure.pdf", small_pdf())
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="brochure.pdf").exists()


@pytest.mark.parametrize("name", ["virus.exe", "side.html", "script.js", "billede.svg"])
def test_unsafe_document_types_are_refused(editor, name):
    response = upload(editor, "documents", name, b"MZ\x90\x00 not allowed")
    assert response.status_code == 200
    assert "er ikke tilladt. Tilladte filendelser er: pdf, doc, docx" in errors(response)
    assert not get_document_model().objects.exists()


def test_csv_is_accepted(editor):
    response = upload(editor, "documents", "tal.csv", "år;mængde\n2026;1.234,5\n".encode())
    assert response.status_code == 302


EXPLAINER = Path(__file__).resolve().parent.parent / "launch" / "media" / "symbiose-forklaring"
# The first bytes of a WebM file: an EBML header whose document type is "webm".
WEBM_HEAD = (
    bytes.fromhex("1a45dfa3 9f 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 84") + b"webm"
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("forklaring.mp4", EXPLAINER.with_suffix(".mp4").read_bytes()),
        ("forklaring.webm", WEBM_HEAD + b"\x42\x87\x81\x04" + b"\x00" * 64),
        ("undertekster.vtt", EXPLAINER.with_suffix(".da.vtt").read_bytes()),
        ("undertekster.vtt", "\ufeffWEBVTT\n\n00:00.000 --> 00:02.000\nHej\n".encode()),
    ],
)
def test_video_and_captions_are_accepted(editor, name, content):
    response = upload(editor, "documents", name, content)
    assert response.status_code == 302
    assert get_document_model().objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("film.mp4", small_pdf(), "Filens indhold er ikke en gyldig MP4-fil."),
        (
            "film.webm",
            b"MZ\x90\x00\x03" + b"\x00" * 200,
            "Filens indhold er ikke en gyldig WEBM-fil.",
        ),
        # A Matroska file is no WebM a browser must play.
        (
            "film.webm",
            WEBM_HEAD[:-5] + b"\x88matroska",
            "Filens indhold er ikke en gyldig WEBM-fil.",
        ),
        ("film.mp4", WEBM_HEAD + b"\x00" * 64, "Filens indhold er ikke en gyldig MP4-fil."),
        # Captions must say they are WebVTT; the message needs the Danish catalogue.
        ("tekst.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nHej\n", "den skal begynde med “WEBVTT”"),
        ("tekst.vtt", b"WEBVTTX\n", "den skal begynde med “WEBVTT”"),
    ],
)
def test_disguised_video_and_captions_are_refused(editor, name, content, message):
    response = upload(editor, "documents", name, content)
    assert response.status_code == 200
    assert message in file_errors(response)
    assert "Filendelse “”" not in errors(response)
    assert not get_document_model().objects.exists()


def test_too_large_document_is_refused(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(editor, "documents", "stor.pdf", b"%PDF-1.4\n" + b"0" * 4096)
    assert response.status_code == 200
    assert "Filen er for stor" in errors(response)
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("JPEG", "foto.jpg"), ("PNG", "foto.png"), ("WEBP", "foto.webp"), ("AVIF", "foto.avif")],
)
def test_common_image_formats_are_accepted(editor, fmt, name):
    response = upload(editor, "images", name, image_bytes(fmt))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title=name).exists()


def test_svg_image_is_refused(editor):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(editor, "images", "logo.svg", svg)
    assert response.status_code == 200
    assert "Billedformatet understøttes ikke. Tilladte formater: JPG, JPEG, PNG" in errors(response)
    assert not get_image_model().objects.exists()


def test_gif_image_is_refused(editor):
    response = upload(editor, "images", "animation.gif", image_bytes("GIF"))
    assert response.status_code == 200
    assert "Billedformatet understøttes ikke." in errors(response)
    assert not get_image_model().objects.exists()


def test_image_with_wrong_extension_is_refused(editor):
    response = upload(editor, "images", "foto.jpg", image_bytes("PNG"))
    assert response.status_code == 200
    assert "Filendelsen passer ikke til filformatet" in errors(response)
    assert not get_image_model().objects.exists()


def link_document_on_the_om_page(om, document):
    """What an editor does: a document sentence at the end of the Om page's last section."""
    body = list(om.body.raw_data)
    body[-1]["value"]["content"].append(
        {
            "type": "document",
            "value": {
                "text_before": "I",
                "link_text": "årsberetningen",
                "text_after": "kan du læse mere.",
                "document": document.pk,
                "language": "en",
            },
        }
    )
    om.body = body
    om.save_revision().publish()


def test_editor_replaces_a_document_and_the_page_and_old_address_follow(editor, launch):
    response = upload(editor, "documents", "aarsberetning.pdf", small_pdf())
    assert response.status_code == 302
    document = get_document_model().objects.get(title="aarsberetning.pdf")
    link_document_on_the_om_page(launch["om"], document)
    old_address = document.url
    bigger = small_pdf(size=30_000)
    response = editor.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": document.title,
            "file": SimpleUploadedFile("brochure-2027.pdf", bigger),
            "collection": document.collection_id,
        },
    )
    assert response.status_code == 302
    editor.logout()
    html = editor.get("/om-symbiose-hillerod/").content.decode()
    assert f"(PDF, {round(len(bigger) / 1024)} KB, på engelsk)" in html
    assert "brochure-2027" in html
    # The address sent around before the replacement leads to the new file.
    document.refresh_from_db()
    assert old_address != document.url
    moved = editor.get(old_address)
    assert moved.status_code == 301
    assert moved["Location"] == document.url
    served = editor.get(moved["Location"])
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == bigger


# Every allowed format, built here as a real minimal file, and fakes of each kind: the content
# must be what the extension says, and a refusal says why once, on the file field.

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{main_type}"/></Types>'
)
OOXML = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Symbiose Hillerød</w:t></w:r></w:p></w:body></w:document>",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/>'
        "</workbook>",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
    ),
}
MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"


def zipped(entries, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:  # stored, uncompressed, as ODF wants its mimetype
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(kind, main_type=None, extra=None):
    part, own_type, xml = OOXML[kind]
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        f'Target="{part}"/></Relationships>'
    )
    entries = {
        "[Content_Types].xml": CONTENT_TYPES.format(part=part, main_type=main_type or own_type),
        "_rels/.rels": rels,
        part: xml,
        **(extra or {}),
    }
    return zipped(entries)


def odf(mimetype, first=True, extra=None):
    entries = {
        "content.xml": '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument'
        ':xmlns:office:1.0" office:version="1.3"><office:body/></office:document-content>',
        "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
        'opendocument:xmlns:manifest:1.0"/>',
        **(extra or {}),
    }
    if first:
        return zipped(entries, first=("mimetype", mimetype))
    return zipped({**entries, "mimetype": mimetype})


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
# An OLE2 compound file's header sector (Word, Excel and PowerPoint 97–2003).
OLE = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + bytes.fromhex("3e000300feff0900") + bytes(488)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def pdf_with(action=None, link_action=None, password=None):
    """A real PDF (pypdf) with an action when it opens, or behind a link on its page."""

    def as_pdf(values):
        return DictionaryObject({NameObject(k): v for k, v in values.items()})

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if action:
        writer._root_object[NameObject("/OpenAction")] = as_pdf(action)
    if link_action:
        link = as_pdf(
            {
                "/Type": NameObject("/Annot"),
                "/Subtype": NameObject("/Link"),
                "/Rect": ArrayObject([NumberObject(0)] * 4),
                "/A": as_pdf(link_action),
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def javascript():
    return {"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")}


def launch():
    return {"/S": NameObject("/Launch"), "/F": TextStringObject("C:\\Windows\\calc.exe")}


def link():
    return {"/S": NameObject("/URI"), "/URI": TextStringObject("https://symbiosehillerod.dk/")}


ACCEPTED = [
    ("brochure.pdf", small_pdf()),
    ("med-link.pdf", pdf_with(link_action=link())),
    ("kun-tilladelser.pdf", pdf_with(password="")),  # opens without a password
    ("referat.docx", ooxml("docx")),
    ("tal.xlsx", ooxml("xlsx")),
    ("oplaeg.pptx", ooxml("pptx")),
    ("referat.odt", odf(ODT)),
    ("tal.ods", odf(ODS)),
    ("oplaeg.odp", odf(ODP)),
    ("gammel.doc", OLE),
    ("gammel.xls", OLE),
    ("gammel.ppt", OLE),
    ("referat.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\\f0 Symbiose Hiller\\'f8d}"),
    ("noter.txt", "Symbiose Hillerød: æ, ø og å.\nSe <https://symbiosehillerod.dk/>.\n".encode()),
    ("noter-bom.txt", "\ufeffÆbler og pærer\n".encode()),
    ("tal.csv", "år;mængde\n2026;1.234,5\n".encode()),
    ("excel.csv", "år;mængde;mål\n2026;<5;1.234,5\n".encode("cp1252")),  # Excel on Windows
    ("undertekster.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Anna><i>Hej</i>\n"),
]


@pytest.mark.parametrize(("name", "content"), ACCEPTED, ids=[name for name, _ in ACCEPTED])
def test_every_allowed_format_is_accepted(editor, name, content):
    response = upload(editor, "documents", name, content)
    assert response.status_code == 302, file_errors(response)
    assert get_document_model().objects.filter(title=name).exists()


def danish(message, **params):
    """What the editor reads: the message in the active language (Danish), filled in, its
    spaces as file_errors gives them."""
    return " ".join((str(message) % params if params else str(message)).split())


def refusals():
    not_pdf, macros = checks.NOT_FORMAT["pdf"], checks.MACROS
    return [
        # PDF: the start is not enough; the structure must be there.
        ("html-efter-pdf.pdf", b"%PDF-1.4\n" + HTML, not_pdf),
        ("html-med-eof.pdf", b"%PDF-1.4\n" + HTML + b"\n%%EOF\n", not_pdf),
        ("side.pdf", HTML, not_pdf),
        ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, not_pdf),
        ("html-foran.pdf", HTML + small_pdf(), not_pdf),
        ("uden-xref.pdf", small_pdf().split(b"xref")[0] + b"%%EOF\n", not_pdf),
        ("javascript.pdf", pdf_with(action=javascript()), checks.PDF_ACTIVE),
        ("javascript-link.pdf", pdf_with(link_action=javascript()), checks.PDF_ACTIVE),
        ("launch.pdf", pdf_with(action=launch()), checks.PDF_ACTIVE),
        ("kodeord.pdf", pdf_with(password="hemmelig"), checks.PDF_PASSWORD),
        # OOXML: a zip is not enough; it must be the right document, without macros.
        ("zip.docx", zipped({"readme.txt": "hej"}), checks.NOT_FORMAT["docx"]),
        ("regneark.docx", ooxml("xlsx"), checks.NOT_FORMAT["docx"]),
        ("side.docx", HTML, checks.NOT_FORMAT["docx"]),
        ("html-foran.docx", HTML + ooxml("docx"), checks.NOT_FORMAT["docx"]),
        ("dokument.xlsx", ooxml("docx"), checks.NOT_FORMAT["xlsx"]),
        ("odt.pptx", odf(ODP), checks.NOT_FORMAT["pptx"]),
        ("makro.docx", ooxml("docx", main_type=MACRO_TYPE), macros),
        ("vba.xlsx", ooxml("xlsx", extra={"xl/vbaProject.bin": b"\x00VBA"}), macros),
        # ODF: the mimetype first, and the right one.
        ("zip.odt", zipped({"content.xml": "<x/>"}), checks.NOT_FORMAT["odt"]),
        ("regneark.odt", odf(ODS), checks.NOT_FORMAT["odt"]),
        ("mimetype-sidst.ods", odf(ODS, first=False), checks.NOT_FORMAT["ods"]),
        ("word.odp", ooxml("pptx"), checks.NOT_FORMAT["odp"]),
        ("basic.odt", odf(ODT, extra={"Basic/Standard/Module1.xml": "<x/>"}), macros),
        # Word, Excel and PowerPoint 97–2003: an OLE2 compound file.
        ("side.doc", HTML, checks.NOT_FORMAT["doc"]),
        ("docx.doc", ooxml("docx"), checks.NOT_FORMAT["doc"]),
        ("tekst.xls", b"a;b\n1;2\n", checks.NOT_FORMAT["xls"]),
        ("pdf.ppt", small_pdf(), checks.NOT_FORMAT["ppt"]),
        ("makro.doc", OLE + "_VBA_PROJECT".encode("utf-16-le") + bytes(64), macros),
        ("side.rtf", HTML, checks.NOT_FORMAT["rtf"]),
        # Text: really text, and nothing a browser would run as a page.
        ("side.txt", HTML, checks.MARKUP_IN_TEXT),
        ("side.csv", b"\n  " + HTML, checks.MARKUP_IN_TEXT),
        ("tegning.txt", SVG, checks.MARKUP_IN_TEXT),
        ("xml.csv", b'<?xml version="1.0"?><a/>', checks.MARKUP_IN_TEXT),
        ("script.csv", b"navn;tekst\nx;<script>alert(1)</script>\n", checks.MARKUP_IN_TEXT),
        ("binaer.csv", b"\x00\x01\x02binary", checks.NOT_TEXT),
        ("program.txt", b"MZ\x90\x00\x03" + b"\x00" * 200, checks.NOT_TEXT),
        ("latin1.txt", "Hillerød\n".encode("latin-1"), checks.NOT_UTF8),
        ("ikke-cp1252.csv", b"a;b\n\x81\x8d;\x90\n", checks.NOT_CSV_TEXT),
        ("binaer.vtt", b"WEBVTT\n\x00\x01binary", checks.NOT_TEXT),
        ("latin1.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nPør\n".encode("latin-1"), checks.NOT_UTF8),
        ("script.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\n<script>x</script>\n", checks.MARKUP_IN_TEXT),
        ("side.vtt", HTML, checks.NOT_WEBVTT),
    ]  # fmt: skip


REFUSALS = refusals()


@pytest.mark.parametrize(
    ("name", "content", "message"), REFUSALS, ids=[name for name, *_ in REFUSALS]
)
def test_fake_of_every_format_is_refused_with_one_message(editor, name, content, message):
    response = upload(editor, "documents", name, content)
    assert response.status_code == 200
    assert file_errors(response) == danish(message)
    assert "Filendelse “”" not in errors(response)
    assert not get_document_model().objects.exists()


def test_zip_bomb_is_refused_before_unpacking(editor):
    buffer = io.BytesIO()  # about 300 KB that unpack to more than the bound
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/zeros.bin", "w") as entry:
            megabyte = bytes(1024 * 1024)
            for _ in range(checks.MAX_UNPACKED_SIZE // len(megabyte) + 1):
                entry.write(megabyte)
    response = upload(editor, "documents", "bombe.docx", buffer.getvalue())
    assert response.status_code == 200
    assert file_errors(response) == danish(checks.UNPACKED_TOO_BIG, limit="300,0 MB")
    assert not get_document_model().objects.exists()


def test_refused_file_and_too_large_file_get_no_second_message(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(editor, "documents", "stor.pdf", small_pdf(size=4096))
    assert file_errors(response) == (
        "Filen er for stor (4,0 KB). Den største tilladte filstørrelse er 1,0 KB."
    )


def test_refused_extension_gets_one_message(editor):
    response = upload(editor, "documents", "side.html", HTML)
    assert file_errors(response).startswith("Filendelse “html” er ikke tilladt.")
    assert file_errors(response).count("Filendelse") == 1


def test_file_without_extension_gets_one_message(editor):
    response = upload(editor, "documents", "README", b"Symbiose Hillerod\n")
    assert file_errors(response) == danish(checks.NO_EXTENSION)
    assert "Filendelse “”" not in errors(response)


def test_replacing_a_document_with_a_fake_is_refused_once(editor):
    assert upload(editor, "documents", "referat.docx", ooxml("docx")).status_code == 302
    document = get_document_model().objects.get()
    response = editor.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": document.title,
            "file": SimpleUploadedFile("referat.docx", zipped({"readme.txt": "hej"})),
            "collection": document.collection_id,
        },
    )
    assert response.status_code == 200
    assert file_errors(response) == danish(checks.NOT_FORMAT["docx"])


def multiple_upload(client, name, content):
    """Wagtail's "Add documents": each file is posted on its own and answered in JSON."""
    return client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        refusal
        for refusal in REFUSALS
        if refusal[0] in {"html-efter-pdf.pdf", "zip.docx", "side.txt"}
    ],
)
def test_multiple_upload_refuses_fakes_with_one_message(editor, name, content, message):
    answer = multiple_upload(editor, name, content).json()
    assert answer == {"success": False, "error_message": danish(message)}
    assert not get_document_model().objects.exists()


def test_multiple_upload_accepts_real_files(editor):
    for name, content in [("a.docx", ooxml("docx")), ("b.odt", odf(ODT)), ("c.pdf", small_pdf())]:
        assert multiple_upload(editor, name, content).json()["success"] is True
    assert get_document_model().objects.count() == 3


def test_chooser_upload_refuses_a_fake_with_one_message(editor):
    response = editor.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "side.txt",
            "document-chooser-upload-file": SimpleUploadedFile("side.txt", HTML),
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )
    html = response.json()["htmlFragment"]
    assert file_errors(SimpleNamespace(content=html.encode())) == danish(checks.MARKUP_IN_TEXT)
    assert "Filendelse “”" not in html
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # Willow takes well-formed markup for SVG, refused as not matching the extension.
        (HTML, "Ikke et gyldigt .png-billede. Filendelsen passer ikke til filformatet (svg)."),
        (
            b"<html><body><p>Hej<br><script>alert(1)</script>",
            "Indsend en billedfil. Filen, du indsendte, var enten ikke et billede eller en "
            "defekt billedfil.",
        ),
    ],
)
def test_html_named_png_gets_one_danish_message(editor, content, message):
    response = upload(editor, "images", "foto.png", content)
    assert response.status_code == 200
    assert file_errors(response) == message
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("stor.pdf", small_pdf(size=3_000_000)),
        ("stor.docx", ooxml("docx", extra={"word/media/foto.bin": bytes(range(256)) * 12_000})),
        ("stor.csv", "år;mængde\n".encode() + b"2026;1234\n" * 300_000),
    ],
)
def test_files_larger_than_memory_uploads_are_checked_from_disk(editor, name, content):
    """Over 2.5 MB Django keeps an upload in a temporary file, not in memory."""
    response = upload(editor, "documents", name, content)
    assert response.status_code == 302, file_errors(response)
