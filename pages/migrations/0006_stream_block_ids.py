"""Ids for the blocks nested in sections of pages made from raw data (the launch content).

Wagtail gives nested blocks an id when a page is saved from the admin's form, but not when it
is saved from a list of dicts; wagtail-localize addresses every translatable text by the ids
on its path and cannot translate a page without them.
"""

import json
import uuid

from django.db import migrations


def with_ids(blocks):
    changed = False
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict) and "type" in block:
            if not block.get("id"):
                block["id"] = str(uuid.uuid4())
                changed = True
            value = block.get("value")
            if isinstance(value, dict):
                for inner in value.values():
                    changed |= with_ids(inner)
            elif isinstance(value, list):
                changed |= with_ids(value)
    return changed


def add_ids(apps, schema_editor):
    ContentPage = apps.get_model("pages", "ContentPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in ContentPage.objects.all():
        body = page.body.raw_data if hasattr(page.body, "raw_data") else page.body
        body = json.loads(json.dumps(list(body)))
        if with_ids(body):
            ContentPage.objects.filter(pk=page.pk).update(body=body)
    content_type = ContentType.objects.filter(app_label="pages", model="contentpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(
        base_content_type__isnull=False, content_type=content_type
    ):
        body = revision.content.get("body")
        blocks = json.loads(body) if isinstance(body, str) else body
        if with_ids(blocks):
            revision.content["body"] = json.dumps(blocks)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_english_locale")]

    operations = [migrations.RunPython(add_ids, migrations.RunPython.noop)]
