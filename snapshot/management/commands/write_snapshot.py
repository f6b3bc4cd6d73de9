"""`python manage.py write_snapshot [--root DIR]`: writes the static snapshot now (at deploy,
after load_launch_content; the scheduler keeps it current afterwards, snapshot/jobs.py)."""

from django.core.management.base import BaseCommand, CommandError

from snapshot.writer import SnapshotError, write_snapshot


class Command(BaseCommand):
    help = (
        "Writes a static snapshot of every public page and its files to SNAPSHOT_ROOT and "
        "makes it current (what the web server serves when the app is down)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--root", help="Where to write it (default: SNAPSHOT_ROOT)")

    def handle(self, *args, root=None, **options):
        try:
            summary = write_snapshot(root)
        except SnapshotError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"]:
            self.stdout.write(
                f"Wrote {summary['pages']} pages and {summary['files']} files in "
                f"{summary['seconds']} s: {summary['current']}"
            )
        for path, status in summary["failed"].items():
            self.stderr.write(f"Left out {path} (status {status})")
