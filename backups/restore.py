"""Restoring a backup: every checksum first, then the database, then the media files, then
a new page-cache generation. Refuses, before touching anything, a damaged backup, one from
another database engine or from newer code, and (unless forced) a database that has tables."""

from pathlib import Path

from django.db import DatabaseError

from caching.cdn import purge_after_commit
from caching.pagecache import bump_generation

from . import manifest, media, state
from .database import Database
from .errors import BackupError


def check(directory, database, force=False):
    """The manifest, once the backup is whole and fits the target; BackupError otherwise."""
    contents = manifest.verify(directory)
    vendor = contents["database"]["vendor"]
    if vendor != database.vendor:
        raise BackupError(
            f"The backup holds a {vendor} database; {database.label()} is {database.vendor}."
        )
    unknown = state.unknown_migrations(contents.get("migrations", {}))
    if unknown and not force:
        raise BackupError(
            "The backup was made by newer code: this version does not know its migrations "
            f"{', '.join(unknown)}. Deploy that version first (or use --force)."
        )
    tables = database.table_count()
    if tables and not force:
        raise BackupError(
            f"{database.label()} is not empty ({tables} tables). Restore into a new, empty "
            "database, or use --force to replace what the backup holds (pg_restore --clean)."
        )
    return contents


def restore(directory, database_url=None, force=False, with_media=True):
    """Restores the backup in directory; a summary for the operator."""
    database = Database(database_url)
    contents = check(directory, database, force=force)
    database.restore(Path(directory) / contents["database"]["file"])
    written = unchanged = 0
    if with_media:
        try:
            written, unchanged = media.restore(directory, contents)
        except OSError as error:
            raise BackupError(f"The database was restored, the media files not: {error}") from None
    try:
        # Pages cached before the restore show what it replaced: a new generation in the
        # shared cache (and the database's anchor) means none of them is served again.
        bump_generation()
        if database.alias:  # the site's own database: what the CDN keeps changed too
            purge_after_commit()  # outside a transaction: at once
    except DatabaseError as error:
        raise BackupError(f"Restored, but the page cache was not cleared: {error}") from None
    return {
        "database": database.label(),
        "created": contents.get("created"),
        "media_written": written,
        "media_unchanged": unchanged,
    }
