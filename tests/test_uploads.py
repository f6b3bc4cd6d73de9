"""Uploads are limited to safe types and sizes, and every refusal says why in Danish."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

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


def test_executable_disguised_as_pdf_is_refused(editor):
    response = upload(editor, "documents", "brochure.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    assert response.status_code == 200
    assert "Filens indhold er ikke en gyldig PDF-fil." in errors(response)
    assert not get_document_model().objects.exists()


def test_binary_disguised_as_csv_is_refused(editor):
    response = upload(editor, "documents", "tal.csv", b"\x00\x01\x02binary")
    assert response.status_code == 200
    assert "Filen er ikke en tekstfil." in errors(response)


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
        ("tekst.vtt", b"WEBVTT\n\x00\x01binary", "den skal begynde med “WEBVTT”"),
    ],
)
def test_disguised_video_and_captions_are_refused(editor, name, content, message):
    response = upload(editor, "documents", name, content)
    assert response.status_code == 200
    assert message in errors(response)
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
