from django.db import connection
from wagtail.models import Page


def test_a(transactional_db, django_db_serialized_rollback, live_server, launch):
    pass


def test_b(site):
    print(
        "pages",
        Page.objects.count(),
        hasattr(connection, "_test_serialized_contents"),
        len(getattr(connection, "_test_serialized_contents", "")),
    )
