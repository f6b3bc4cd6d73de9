"""Media on S3-compatible object storage when its environment variables are set.

The object store lies outside our network, so it is faked (moto), like the video host."""

import json
import os
import subprocess
import sys

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from moto import mock_aws
from wagtail.documents import get_document_model

from tests.pdfs import small_pdf

S3_ENV = {
    "AWS_STORAGE_BUCKET_NAME": "symbiose-media",
    "AWS_S3_REGION_NAME": "eu-north-1",
    "AWS_S3_CUSTOM_DOMAIN": "media.symbiose.example",
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
}


def production_settings(**env):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'storage': s.STORAGES['default']['BACKEND'], "
        "'serve_media': s.SERVE_MEDIA, 'csp_images': s.CSP_IMAGE_SOURCES}))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        "DJANGO_SETTINGS_MODULE": "symbiose.settings.production",
        "SECRET_KEY": "x" * 60,
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_local_disk_by_default():
    assert production_settings() == {
        "storage": "django.core.files.storage.FileSystemStorage",
        "serve_media": True,
        "csp_images": [],
    }


def test_object_storage_when_configured():
    assert production_settings(**S3_ENV) == {
        "storage": "storages.backends.s3.S3Storage",
        "serve_media": False,
        "csp_images": ["https://media.symbiose.example"],
    }


@pytest.fixture
def s3(settings, monkeypatch):
    for key, value in S3_ENV.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        boto3.client("s3", region_name="eu-north-1").create_bucket(
            Bucket="symbiose-media",
            CreateBucketConfiguration={"LocationConstraint": "eu-north-1"},
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        }
        settings.AWS_STORAGE_BUCKET_NAME = "symbiose-media"
        settings.AWS_S3_REGION_NAME = "eu-north-1"
        settings.AWS_S3_CUSTOM_DOMAIN = "media.symbiose.example"
        settings.AWS_QUERYSTRING_AUTH = False
        settings.AWS_DEFAULT_ACL = None
        storages._storages.pop("default", None)  # re-create the storage with these settings
        yield boto3.client("s3", region_name="eu-north-1")
    storages._storages.pop("default", None)


def test_documents_are_stored_in_the_bucket(db, s3):
    document = get_document_model()(title="Brochure")
    document.file.save("brochure.pdf", ContentFile(small_pdf()), save=True)
    stored = s3.get_object(Bucket="symbiose-media", Key=document.file.name)["Body"].read()
    assert stored.startswith(b"%PDF-")
    assert document.file.url.startswith("https://media.symbiose.example/documents/")
