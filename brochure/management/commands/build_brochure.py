"""Build both editions of the brochure from the live content and store them:
`python manage.py build_brochure`. With a path, also write the edition there (--language)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from brochure.editions import build_all
from brochure.models import LANGUAGES, BrochureEdition


class Command(BaseCommand):
    help = (
        "Builds the Danish and English editions of the brochure from the live content and "
        "stores them (served at /brochure.pdf and /en/brochure.pdf)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="also write one edition to this file")
        parser.add_argument("--language", choices=LANGUAGES, default="da")

    def handle(self, *args, path=None, language="da", **options):
        for edition in build_all():
            if options["verbosity"]:
                self.stdout.write(
                    f"{edition.language}: {edition.size} bytes, {edition.page_count} pages, "
                    f"built in {edition.build_seconds:.2f} s"
                )
        if path:
            data = bytes(BrochureEdition.objects.get(language=language).pdf)
            Path(path).write_bytes(data)
            if options["verbosity"]:
                self.stdout.write(f"wrote {path} ({len(data)} bytes)")
