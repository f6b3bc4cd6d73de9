"""manifest.json: what a backup holds and how to tell it is whole.

Every file of the backup (the database dump and each media file) is listed with its size and
SHA-256; `restore` checks them all before it touches anything.
"""

import hashlib
import json
import os
from pathlib import Path

from .errors import BackupError

MANIFEST = "manifest.json"
FORMAT = 1  # raised when the layout changes, so an old restore refuses a new backup
CHUNK = 1024 * 1024


class HashingWriter:
    """Writes a stream to a file while counting its bytes and SHA-256."""

    def __init__(self, path):
        self.path = Path(path)
        self.size = 0
        self.sha256 = hashlib.sha256()

    def copy_from(self, source):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "wb") as out:
            while chunk := source.read(CHUNK):
                self.sha256.update(chunk)
                self.size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        return {"size": self.size, "sha256": self.sha256.hexdigest()}


def checksum(stream):
    """(size, SHA-256 hex) of a binary stream, read to its end."""
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def file_entry(root, relative):
    with open(Path(root) / relative, "rb") as stream:
        size, sha256 = checksum(stream)
    return {"path": relative, "size": size, "sha256": sha256}


def write(directory, manifest):
    path = Path(directory) / MANIFEST
    with open(path, "w", encoding="utf-8") as out:
        json.dump(manifest, out, indent=2, ensure_ascii=False)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())


def read(directory):
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{directory} is not a backup: it has no {MANIFEST}.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
        version = manifest["format"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{path} is damaged ({error}).") from None
    if version != FORMAT:
        raise BackupError(f"{path} has format {version}; this version reads format {FORMAT}.")
    if not isinstance(files, list):
        raise BackupError(f"{path} is damaged (its file list is not a list).")
    return manifest


def verify(directory):
    """The manifest, once every file it lists is there with its size and checksum; otherwise
    BackupError naming the damaged files. Reads every byte of the backup."""
    manifest = read(directory)
    root = Path(directory).resolve()
    damaged = []
    for entry in manifest["files"]:
        relative = entry.get("path", "")
        path = (root / relative).resolve()
        if not relative or root not in path.parents:
            damaged.append(f"{relative!r}: not a path inside the backup")
            continue
        if not path.is_file():
            damaged.append(f"{relative}: missing")
            continue
        with open(path, "rb") as stream:
            size, sha256 = checksum(stream)
        if (size, sha256) != (entry.get("size"), entry.get("sha256")):
            damaged.append(f"{relative}: checksum or size differs from the manifest")
    if damaged:
        shown = "\n  ".join(damaged[:20])
        more = f"\n  ... and {len(damaged) - 20} more" if len(damaged) > 20 else ""
        raise BackupError(
            f"The backup {directory} is damaged; nothing was restored.\n  {shown}{more}"
        )
    return manifest
