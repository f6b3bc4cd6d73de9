"""Documents in a private collection are only served after the password, never cached publicly,
and never reachable through /media/, which serves images only."""

import importlib
import io

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.urls import clear_url_caches
from moto import mock_aws
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.cdn import recording_cdn
from tests.pdfs import small_pdf

PASSWORD = "bestyrelsen-2026"


@pytest.fixture
def urlconf(settings):
    """symbiose/urls.py decides at import whether /media/ is served: import it afresh."""
    import symbiose.urls

    settings.SERVE_MEDIA = True
    importlib.reload(symbiose.urls)
    clear_url_caches()
    yield
    importlib.reload(symbiose.urls)
    clear_url_caches()


def restricted_collection(name="Bestyrelsen"):
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    return collection, restriction


def make_document(title, filename, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(filename, ContentFile(small_pdf()), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture
def private_document(db):
    collection, restriction = restricted_collection()
    document = make_document("Referat", "referat-bestyrelsesmoede.pdf", collection)
    return document, restriction


@pytest.fixture
def public_document(db):
    return make_document("Årsberetning", "aarsberetning.pdf")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def directives(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


def assert_never_cached(response):
    assert {"private", "no-store"} <= directives(response), response.get("Cache-Control")
    assert "public" not in directives(response)
    assert "s-maxage" not in directives(response)


def enter_password(client, restriction, document):
    response = client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": PASSWORD, "return_url": document.url},
    )
    assert response.status_code == 302
    assert response["Location"] == document.url


# /media/ serves images only -------------------------------------------------------------------


def test_media_does_not_serve_documents(client, urlconf, private_document, public_document):
    for document in (private_document[0], public_document):
        assert document.file.name.startswith("documents/")
        assert client.get(f"/media/{document.file.name}").status_code == 404


def test_media_does_not_reach_documents_through_an_image_folder(client, urlconf, private_document):
    name = private_document[0].file.name
    for address in (f"/media/images/../{name}", f"/media/original_images/%2e%2e/{name}"):
        response = client.get(address)
        assert response.status_code in (400, 404), address
        assert not body(response).startswith(b"%PDF")


def test_media_still_serves_images(client, urlconf, db):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    image = get_image_model()(title="Foto")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="foto.png")
    image.save()
    assert image.file.name.startswith("original_images/")
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert body(response) == buffer.getvalue()
    rendition = image.get_rendition("width-20")
    assert client.get(rendition.url).status_code == 200


# /documents/ checks the collection's privacy and says how to cache ---------------------------------


def test_private_document_asks_for_the_password_and_is_never_cached(client, private_document):
    document, _restriction = private_document
    response = client.get(document.url)
    assert response.status_code == 200
    html = body(response).decode()
    assert 'type="password"' in html
    assert not html.startswith("%PDF")
    assert_never_cached(response)
    # In Danish, in the site's own layout (Wagtail's own page is bare and English).
    assert "<h1>Beskyttet dokument</h1>" in html
    assert "Dokumentet er beskyttet. Skriv adgangskoden for at åbne det." in html
    assert '<label for="id_password">Adgangskode</label>' in html
    assert "Åbn dokumentet" in html
    assert 'class="site-footer' in html or "Akutte driftsproblemer" in html


def test_wrong_password_does_not_serve_the_document(client, private_document):
    document, restriction = private_document
    response = client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": "forkert", "return_url": document.url},
    )
    assert response.status_code == 200
    html = body(response).decode()
    assert "Adgangskoden er forkert. Prøv igen." in html
    assert 'aria-invalid="true" aria-describedby="password-error"' in html
    assert_never_cached(response)
    assert not body(client.get(document.url)).startswith(b"%PDF")


def test_after_the_password_the_document_is_served_and_never_cached(client, private_document):
    document, restriction = private_document
    enter_password(client, restriction, document)
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF-")
    assert_never_cached(response)
    assert "X-Cache" not in response


def test_one_visitors_password_never_serves_the_document_to_another(client, private_document):
    """Neither the page cache nor a shared cache keeps what a visitor who knew the password got."""
    from django.test import Client

    document, restriction = private_document
    enter_password(client, restriction, document)
    assert body(client.get(document.url)).startswith(b"%PDF-")
    stranger = Client().get(document.url)
    assert not body(stranger).startswith(b"%PDF")
    assert 'type="password"' in body(stranger).decode()


def test_document_in_a_collection_inside_a_private_one_is_private(client, private_document):
    document, _restriction = private_document
    inner = document.collection.add_child(name="Bilag")
    attachment = make_document("Bilag 1", "bilag-1.pdf", inner)
    response = client.get(attachment.url)
    assert not body(response).startswith(b"%PDF")
    assert_never_cached(response)


def test_public_document_downloads_and_is_cached_like_a_page(client, public_document, settings):
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF-")
    assert "public" in directives(response)
    assert f"s-maxage={settings.PAGE_CACHE_SHARED_SECONDS}" in response["Cache-Control"]
    assert "no-store" not in directives(response)


def test_documents_are_linked_through_the_checking_view(private_document, public_document):
    for document in (private_document[0], public_document):
        assert document.url == f"/documents/{document.pk}/{document.filename}"


# Object storage: documents are streamed by the app, never redirected to the bucket --------------

S3_SETTINGS = {
    "AWS_STORAGE_BUCKET_NAME": "symbiose-media",
    "AWS_S3_REGION_NAME": "eu-north-1",
    "AWS_S3_CUSTOM_DOMAIN": "media.symbiose.example",
    "AWS_QUERYSTRING_AUTH": False,
    "AWS_DEFAULT_ACL": None,
}


@pytest.fixture
def s3(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        boto3.client("s3", region_name="eu-north-1").create_bucket(
            Bucket="symbiose-media",
            CreateBucketConfiguration={"LocationConstraint": "eu-north-1"},
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        }
        for name, value in S3_SETTINGS.items():
            setattr(settings, name, value)
        storages._storages.pop("default", None)
        yield
    storages._storages.pop("default", None)


def test_with_object_storage_private_documents_are_streamed_after_the_password(client, db, s3):
    collection, restriction = restricted_collection()
    document = make_document("Referat", "referat.pdf", collection)
    assert document.file.url.startswith("https://media.symbiose.example/documents/")
    before = client.get(document.url)
    assert before.status_code == 200
    assert not body(before).startswith(b"%PDF")
    enter_password(client, restriction, document)
    response = client.get(document.url)
    assert response.status_code == 200  # not a redirect to the bucket's public address
    assert body(response).startswith(b"%PDF-")
    assert_never_cached(response)


def test_with_object_storage_public_documents_are_streamed_too(client, db, s3):
    document = make_document("Årsberetning", "aarsberetning.pdf")
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF-")


# A document that becomes private leaves the CDN at once ---------------------------------------


@pytest.fixture
def cdn(settings):
    with recording_cdn(settings) as purged:
        yield purged


def test_restricting_a_collection_purges_its_documents_from_the_cdn(
    cdn, db, settings, django_capture_on_commit_callbacks
):
    settings.SITE_HOSTNAME = "symbiosehillerod.dk"  # the Wagtail Site's own hostname is not used
    collection = Collection.get_first_root_node().add_child(name="Bestyrelsen")
    inner = collection.add_child(name="Bilag")
    document = make_document("Referat", "referat.pdf", collection)
    attachment = make_document("Bilag 1", "bilag-1.pdf", inner)
    other = make_document("Årsberetning", "aarsberetning.pdf")
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password=PASSWORD,
        )
    assert sorted(cdn) == sorted(
        [("symbiosehillerod.dk", document.url), ("symbiosehillerod.dk", attachment.url)]
    )
    assert ("symbiosehillerod.dk", other.url) not in cdn


def test_moving_a_document_into_a_private_collection_purges_it(
    cdn, db, django_capture_on_commit_callbacks
):
    collection, _restriction = restricted_collection()
    document = make_document("Referat", "referat.pdf")
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document.collection = collection
        document.save()
    # Any saved document purges every page too (a page may show it): the document among them.
    assert document.url in [path for _host, path in cdn]
