"""`python manage.py restore BACKUP_DIR [--database-url URL] [--force] [--no-media]`: checks
every checksum of a backup made by `backup`, then restores its database and media files and
starts a new page-cache generation. See docs/operations.md, Backups."""

from django.core.management.base import BaseCommand, CommandError

from backups.errors import BackupError
from backups.restore import restore


class Command(BaseCommand):
    help = (
        "Restores a backup made by `manage.py backup`: checks its manifest first, refuses a "
        "database that has tables unless --force, then restores the database and media files."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup's directory (symbiose-<time>)")
        parser.add_argument(
            "--database-url",
            help="restore into this database instead of the site's (e.g. a new, empty one)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="restore into a database that has tables (its tables are replaced)",
        )
        parser.add_argument("--no-media", action="store_true", help="restore the database only")

    def handle(self, *args, backup, database_url=None, force=False, no_media=False, **options):
        try:
            summary = restore(backup, database_url, force=force, with_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"]:
            self.stdout.write(
                f"Restored the backup of {summary['created']} into {summary['database']}; "
                f"media files: {summary['media_written']} written, "
                f"{summary['media_unchanged']} already there. The page cache starts afresh. "
                "If this code is newer than the backup, run `manage.py migrate` now."
            )
