"""What a browser does with a document: a PDF opens in it, everything else is downloaded
(`Content-Disposition: attachment`), and never is a file's type guessed from its content
(`nosniff`), so an upload can never run as a page of the site. A private document that a
visitor has unlocked is never kept by a shared cache (`private, no-store`)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.pdfs import small_pdf

PASSWORD = "bestyrelsen-2026"

# Every type editors may upload (WAGTAILDOCS_EXTENSIONS); the content matters not here.
DOWNLOADED = ["docx", "doc", "odt", "rtf", "xlsx", "xls", "ods", "pptx", "ppt", "odp", "csv"]
DOWNLOADED += ["txt", "mp4", "webm", "vtt"]


def make_document(extension, collection=None):
    document = get_document_model()(
        title=f"Bilag {extension}", collection=collection or Collection.get_first_root_node()
    )
    content = small_pdf() if extension == "pdf" else b"<html><script>alert(1)</script></html>"
    document.file.save(f"bilag.{extension}", ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Bestyrelsen")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    return collection, restriction


def unlock(client, restriction, document):
    response = client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": PASSWORD, "return_url": document.url},
    )
    assert response.status_code == 302


def directives(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("extension", DOWNLOADED)
def test_every_document_but_a_pdf_is_downloaded_never_sniffed(client, db, extension):
    document = make_document(extension)
    for headers in ({}, {"Range": "bytes=0-9"}):
        response = client.get(document.url, headers=headers)
        assert response.status_code in (200, 206)
        assert response["Content-Disposition"].startswith("attachment;"), extension
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_opens_in_the_browser_never_sniffed(client, db):
    response = client.get(make_document("pdf").url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("extension", ["pdf", "docx", "mp4"])
def test_an_unlocked_private_document_is_kept_by_no_shared_cache(client, db, extension):
    collection, restriction = private_collection()
    document = make_document(extension, collection)
    unlock(client, restriction, document)
    whole = client.get(document.url)
    part = client.get(document.url, headers={"Range": "bytes=0-9"})
    again = client.get(document.url, headers={"If-None-Match": whole.get("ETag", '"x"')})
    assert (whole.status_code, part.status_code) == (200, 206)
    for response in (whole, part, again):
        assert {"private", "no-store"} <= directives(response), response.get("Cache-Control")
        assert not {"public", "s-maxage"} & directives(response)
        assert response["X-Content-Type-Options"] == "nosniff"
    expected = "inline" if extension == "pdf" else "attachment;"
    assert whole["Content-Disposition"].startswith(expected)
