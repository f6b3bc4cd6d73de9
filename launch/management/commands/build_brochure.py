"""Write the English Symbiose Hillerød brochure PDF: `python manage.py build_brochure [OUT.pdf]`.

The hotline number and the organisation in it are the saved site settings (the footer's), so
after an editor changes them this builds the brochure that matches. It only writes the file: the
brochure stored on the site (a Wagtail document) is left as it is.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from launch.brochure import FILENAME, build_brochure
from pages.site_settings import SiteSettings


class Command(BaseCommand):
    help = (
        "Writes the English brochure PDF, with the hotline number and organisation of the "
        "site settings, to the given path."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=FILENAME, help=f"where to write it; default: {FILENAME}"
        )

    def handle(self, *args, path, **options):
        data = build_brochure(SiteSettings.load())
        Path(path).write_bytes(data)
        if options["verbosity"]:
            self.stdout.write(f"wrote {path} ({len(data)} bytes)")
