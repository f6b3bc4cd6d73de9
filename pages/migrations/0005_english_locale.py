"""English for partners: the second content locale (Danish comes from LANGUAGE_CODE)."""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_site_contact_and_english_hotline"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
