"""Writes the static snapshot: every live, public page in every language as an anonymous
visitor sees it, what those pages link to on this site (images, public documents, feeds, open
data, the brochure), the static files and a 404 page, so that a plain web server can answer
when the app or its database is down (README, "Når appen er nede").

Layout under SNAPSHOT_ROOT:

    snapshot-20261129T043500.123456Z/   one complete snapshot (<path>/index.html per page)
    snapshot-20261129T050000.654321Z/   the next one
    current -> snapshot-20261129T050000.654321Z   what the web server reads
    state.json                          what `current` was written from (jobs.py)

A snapshot is written in a hidden folder, renamed, and only then does `current` move to it
(a new symlink renamed over the old one, atomic on POSIX), so a server never reads a half-
written snapshot; the previous one is kept, older ones are removed.
"""

import fcntl
import json
import logging
import os
import shutil
import time
import uuid
from collections import deque
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Page

from caching.models import Generation

from .visitor import Visitor, one_connection

logger = logging.getLogger(__name__)

CURRENT = "current"
STATE = "state.json"
PREFIX = "snapshot-"
KEEP = 2  # the current snapshot and the one before
# What else a visitor may reach without a link from a page (the hotline's other addresses).
EXTRA_PATHS = (
    "/brochure.pdf",
    "/en/brochure.pdf",
    "/sitemap.xml",
    "/status.json",
    "/robots.txt",
    "/driftsforstyrrelser.atom",
)
# A link's addresses: href, src, poster, and each candidate of srcset.
URL_ATTRIBUTES = ("href", "src", "poster", "action")
FORM_NOTICE = gettext_noop(
    "The form cannot be sent right now, while the site is under maintenance. "
    "Please try again later."
)
MISSING = f"/{uuid.uuid4().hex}-snapshot-404/"  # an address no page has: the 404 page


class SnapshotError(Exception):
    """The snapshot was not written; the previous one stays current."""


def fingerprint():
    """What the pages were rendered from: the database's generations of the page cache
    (caching/anchor.py), which every publish, setting, image or document change bumps."""
    return dict(sorted(Generation.objects.values_list("name", "value")))


def root_folder(root=None):
    value = settings.SNAPSHOT_ROOT if root is None else root
    return Path(value) if value else None


def read_state(root):
    try:
        return json.loads((Path(root) / STATE).read_text())
    except (OSError, ValueError):
        return None


@contextmanager
def locked(root, wait=True):
    """One writer per SNAPSHOT_ROOT (processes or containers sharing the folder). Yields
    False at once when another holds it and `wait` is false."""
    with open(Path(root) / ".lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def link_or_copy(source, target):
    """A hard link costs no space and keeps the old bytes if the source is replaced later
    (collectstatic, a new rendition); a copy where links cannot be made (another disk)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def relative_file(path, content_type=""):
    """Where the answer at `path` goes inside a snapshot: /om/ -> om/index.html, /was ->
    was/index.html (a page without a trailing slash), /status.json -> status.json. None for
    a path that could leave the folder."""
    decoded = unquote(path)
    segments = decoded.split("/")
    if "\x00" in decoded or any(segment in (".", "..") for segment in segments):
        return None
    relative = decoded.lstrip("/")
    if relative == "" or decoded.endswith("/"):
        return f"{relative}index.html"
    if content_type == "text/html" and "." not in segments[-1]:
        return f"{relative}/index.html"
    return relative


class Writer:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.visitor = Visitor()
        self.base = f"{self.visitor.scheme}://{self.visitor.host}"
        self.static_url = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else None
        self.media_url = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else None
        self.written = {}  # path -> file inside the snapshot
        self.failed = {}  # path -> status, of the pages that should have been written
        self.missing_static = set()
        self.max_files = settings.SNAPSHOT_MAX_FILES

    # What is written

    def public_pages(self):
        paths = []
        for page in Page.objects.live().public().order_by("path"):
            url = page.get_url()
            if url and url.startswith("/"):  # the root page has none; another site's is full
                paths.append(url)
        return paths

    def private_prefixes(self):
        """Pages behind a password, a login or a group: never fetched, whatever links them."""
        prefixes = []
        for page in Page.objects.live().not_public():
            url = page.get_url()
            if url and url.startswith("/"):
                prefixes.append(url)
        return tuple(prefixes)

    def write(self):
        pages = self.public_pages()
        self.private = self.private_prefixes()
        self.copy_static()
        with one_connection():
            self.crawl([*pages, *EXTRA_PATHS], set(pages))
            self.write_not_found()
        return pages

    def copy_static(self):
        """The whole of STATIC_ROOT (collectstatic's output, hashed names included), linked."""
        source = Path(settings.STATIC_ROOT)
        if self.static_url is None or not source.is_dir():
            logger.warning("Snapshot: no static files in %s (run collectstatic)", source)
            return
        shutil.copytree(
            source, self.folder / self.static_url.strip("/"), copy_function=link_or_copy
        )

    def crawl(self, seeds, pages):
        queue = deque(seeds)
        seen = set()
        while queue:
            path = queue.popleft()
            if path in seen or self.excluded(path):
                continue
            seen.add(path)
            if len(self.written) >= self.max_files:
                logger.warning("Snapshot: stopped at SNAPSHOT_MAX_FILES (%s)", self.max_files)
                break
            if self.static_url and path.startswith(self.static_url):
                if not (self.folder / relative_file(path)).is_file():
                    self.missing_static.add(path)
                continue
            if self.media_url and path.startswith(self.media_url) and self.copy_media(path):
                continue
            answer = self.visitor.get(path)
            if answer.status != 200:
                if path in pages:
                    self.failed[path] = answer.status
                continue
            body = answer.body
            if answer.content_type == "text/html":
                body, links = self.prepare_html(body, path)
                queue.extend(links)
            self.store(path, body, answer.content_type)

    def excluded(self, path):
        return (
            path.startswith("/admin/")
            or path.startswith(self.private)
            or relative_file(path) is None
        )

    def copy_media(self, path):
        """An uploaded image that a public page shows, from MEDIA_ROOT when media are on this
        disk; False when not found there (then it is asked for like any address)."""
        if not isinstance(default_storage, FileSystemStorage):
            return False
        relative = relative_file(path)[len(self.media_url.strip("/")) + 1 :]
        source = Path(settings.MEDIA_ROOT) / relative
        if not source.is_file():
            return False
        target = self.folder / relative_file(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(source, target)
        self.written[path] = str(target.relative_to(self.folder))
        return True

    def store(self, path, body, content_type=""):
        relative = relative_file(path, content_type)
        target = self.folder / relative
        if target.exists():  # /was and /was/ are one file
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.written[path] = relative

    def write_not_found(self):
        """404.html (Danish) and en/404.html: what the web server answers for anything else."""
        for prefix in ("", "/en"):
            answer = self.visitor.get(f"{prefix}{MISSING}")
            if answer.status == 404 and answer.content_type == "text/html":
                body, _ = self.prepare_html(answer.body, f"{prefix}/")
                target = self.folder / prefix.lstrip("/") / "404.html"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(body)

    # The HTML

    def local(self, url, base_path):
        """The root-relative path of a link to this site, or None (another site, mailto:,
        a fragment on the same page, a query string: a variant the snapshot does not have)."""
        parts = urlsplit(urljoin(f"{self.base}{base_path}", url.strip()))
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.visitor.host:
            return None
        if parts.query:
            return None
        return parts.path or "/"

    def prepare_html(self, body, path):
        """Links to this site made root-relative (they resolve to files of the snapshot under
        any host name), forms that post replaced by a notice; returns (html, local links)."""
        soup = BeautifulSoup(body, "html.parser")
        links = []
        for tag in soup.find_all(True):
            keep_absolute = tag.name == "link" and (
                "canonical" in tag.get("rel", []) or tag.get("hreflang")
            )
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                if isinstance(value, str) and value:
                    local = self.local(value, path)
                    if local is not None:
                        links.append(local)
                        if not keep_absolute and self.own_absolute(value):
                            tag[attribute] = self.root_relative(value)
            if tag.get("srcset"):
                candidates = []
                for candidate in tag["srcset"].split(","):
                    url, _, size = candidate.strip().partition(" ")
                    local = self.local(url, path)
                    if local is not None:
                        links.append(local)
                        if self.own_absolute(url):
                            url = self.root_relative(url)
                    candidates.append(f"{url} {size}".strip())
                tag["srcset"] = ", ".join(candidates)
        self.replace_forms(soup)
        return str(soup).encode("utf-8"), links

    def own_absolute(self, url):
        return url.lower().startswith(f"{self.base}/".lower()) or url.lower() == self.base.lower()

    def root_relative(self, url):
        parts = urlsplit(url)
        rest = f"?{parts.query}" if parts.query else ""
        return f"{parts.path or '/'}{rest}{f'#{parts.fragment}' if parts.fragment else ''}"

    def replace_forms(self, soup):
        """A form that posts (the join form) cannot work without the app: a notice instead,
        and no CSRF token in the snapshot."""
        forms = [form for form in soup.find_all("form") if form.get("method", "").lower() == "post"]
        if not forms:
            return
        language = (soup.html.get("lang") if soup.html else None) or settings.LANGUAGE_CODE
        with translation.override(language):
            text = gettext(FORM_NOTICE)
        for form in forms:
            notice = soup.new_tag("p", attrs={"class": "snapshot-notice"})
            notice.string = text
            form.replace_with(notice)


def snapshot_name():
    return f"{PREFIX}{datetime.now(UTC).strftime('%Y%m%dT%H%M%S.%fZ')}"


def swap(root, name):
    """Points `current` at the snapshot `name` in one rename."""
    link = root / f".{CURRENT}-{uuid.uuid4().hex}"
    os.symlink(name, link)
    os.replace(link, root / CURRENT)


def prune(root, keep=KEEP):
    """Removes snapshots older than the last `keep`, and half-written ones (a writer that
    died: only called while holding the lock)."""
    for leftover in root.glob(f".{PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    names = sorted(path.name for path in root.glob(f"{PREFIX}*") if path.is_dir())
    current = os.readlink(root / CURRENT) if (root / CURRENT).is_symlink() else None
    for name in names[:-keep]:
        if name != current:
            shutil.rmtree(root / name, ignore_errors=True)


def write_snapshot(root=None, wait=True):
    """Writes a new snapshot under `root` (SNAPSHOT_ROOT) and makes it current. Returns a
    summary (dict), or None when another process is writing one and `wait` is false. Raises
    SnapshotError, keeping the previous snapshot, when the home pages or most pages fail."""
    root = root_folder(root)
    if root is None:
        raise SnapshotError("SNAPSHOT_ROOT is empty: snapshots are off")
    root.mkdir(parents=True, exist_ok=True)
    with locked(root, wait) as acquired:
        if not acquired:
            return None
        started = time.monotonic()
        seen = fingerprint()  # before rendering: a publish meanwhile makes it stale again
        name = snapshot_name()
        folder = root / f".{name}"
        folder.mkdir()
        try:
            writer = Writer(folder)
            pages = writer.write()
            check(writer, pages)
            os.rename(folder, root / name)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        swap(root, name)
        summary = {
            "current": name,
            "written_at": datetime.now(UTC).isoformat(),
            "fingerprint": seen,
            "pages": len(pages),
            "files": len(writer.written),
            "failed": writer.failed,
            "missing_static": sorted(writer.missing_static),
            "seconds": round(time.monotonic() - started, 2),
        }
        state = root / f".{STATE}-{uuid.uuid4().hex}"
        state.write_text(json.dumps(summary, indent=2))
        os.replace(state, root / STATE)
        prune(root)
    logger.info(
        "Snapshot: wrote %s pages, %s files in %.1f s to %s",
        summary["pages"],
        summary["files"],
        summary["seconds"],
        root / name,
    )
    if writer.failed:
        logger.warning("Snapshot: pages left out (status): %s", writer.failed)
    if writer.missing_static:
        logger.warning("Snapshot: static files not found: %s", sorted(writer.missing_static))
    return summary


def check(writer, pages):
    homes = [page for page in pages if PurePosixPath(page).parts in (("/",), ("/", "en"))]
    failed_homes = [page for page in homes if page in writer.failed]
    if failed_homes or len(writer.failed) * 2 > len(pages):
        raise SnapshotError(
            f"Snapshot not written: {len(writer.failed)} of {len(pages)} pages failed "
            f"({dict(list(writer.failed.items())[:10])}); the previous one stays current"
        )
