"""`python manage.py backup [PARENT]`: the database and the media files, with a manifest of
checksums, in a new directory PARENT/symbiose-<UTC time>/ (PARENT defaults to BACKUP_DIR).
The last line of its output is that directory. See docs/operations.md, Backups."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.create import create
from backups.errors import BackupError


class Command(BaseCommand):
    help = (
        "Backs up the database (pg_dump, or SQLite's backup API) and the media files (disk or "
        "bucket) into a new directory under PARENT (default: BACKUP_DIR), with manifest.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "parent", nargs="?", help="directory to create the backup in (default: BACKUP_DIR)"
        )

    def handle(self, *args, parent=None, **options):
        parent = parent or settings.BACKUP_DIR
        if not parent:
            raise CommandError("Where to? Give a directory or set BACKUP_DIR.")
        try:
            path, contents = create(parent)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"]:
            totals = contents["totals"]
            self.stdout.write(
                f"Backed up {contents['database']['vendor']} and "
                f"{totals['files'] - 1} media files, {totals['bytes']} bytes in all, to:"
            )
        self.stdout.write(str(path))
