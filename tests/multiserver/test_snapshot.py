"""Always reachable: with gunicorn stopped, nginx (configured exactly as the README's section
"Når appen er nede" says) answers from the static snapshot: the home page with the hotline,
and every local link and asset of it, including a page an editor just published.

nginx is the plain web server here (Debian's `nginx-light` or `nginx` package); without it the
test is skipped locally and fails in CI.
"""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import bs4
import pytest
import requests

from devtools import gunicorn
from devtools.gunicorn import free_port

from .conftest import REPO, unavailable, wait_until_healthy
from .test_two_servers import OM, PROXY_HEADERS, Editor, h1

NEW_TITLE = "Om Symbiose Hillerød, også når appen er nede"
SNAPSHOT_SECONDS = 60  # at most, from a publish to the snapshot showing it
README_ROOT = "/srv/symbiose/site-snapshot/current"
README_UPSTREAM = "http://127.0.0.1:8000"


def readme_server_block():
    """The nginx server block of the README's section "Når appen er nede", as written."""
    text = (REPO / "README.md").read_text()
    section = text.split("## Når appen er nede", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```nginx\n(.*?)```", section, re.S)
    assert match, "the README's section has no nginx block"
    return match.group(1)


class Nginx:
    def __init__(self, tmp_path, upstream, snapshot_root):
        binary = shutil.which("nginx") or (
            "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
        )
        if binary is None:
            unavailable("nginx is not installed (apt-get install nginx-light)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = tmp_path / "nginx"
        self.dir.mkdir()
        block = readme_server_block()
        for old, new in (
            ("listen 80;", f"listen 127.0.0.1:{self.port};"),
            (README_UPSTREAM, upstream),
            (README_ROOT, str(snapshot_root / "current")),
        ):
            assert old in block, f"the README's nginx block has no {old!r}"
            block = block.replace(old, new)
        mime_types = Path("/etc/nginx/mime.types")
        config = self.dir / "nginx.conf"
        # As root (a CI container), workers would run as nobody, who cannot enter pytest's
        # private temporary folder; the README's server has its own user and folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        config.write_text(
            f"{user}daemon off;\npid {self.dir}/nginx.pid;\nerror_log {self.dir}/error.log;\n"
            "events { worker_connections 64; }\n"
            "http {\n"
            f"    include {mime_types};\n    default_type application/octet-stream;\n"
            f"    access_log {self.dir}/access.log;\n"
            f"    client_body_temp_path {self.dir}/body;\n"
            f"    proxy_temp_path {self.dir}/proxy;\n"
            f"    fastcgi_temp_path {self.dir}/fastcgi;\n"
            f"    uwsgi_temp_path {self.dir}/uwsgi;\n"
            f"    scgi_temp_path {self.dir}/scgi;\n"
            f"{block}\n}}\n"
        )
        self.process = subprocess.Popen(
            [binary, "-c", str(config), "-p", str(self.dir)],
            stdout=subprocess.DEVNULL,
            stderr=(self.dir / "stderr.log").open("wb"),
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                requests.get(self.url + "/healthz", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    pytest.fail(f"nginx did not start:\n{self.log()}")
                time.sleep(0.05)

    def log(self):
        return "\n".join(
            path.read_text(errors="replace")[-3000:]
            for path in (self.dir / "stderr.log", self.dir / "error.log")
            if path.exists()
        )

    def get(self, path):
        return requests.get(self.url + path, headers=PROXY_HEADERS, timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def local_links(html, base):
    """Every address on this site that the page links to or loads (no fragments)."""
    soup = bs4.BeautifulSoup(html, "html.parser")
    found = set()
    for tag in soup.find_all(True):
        if tag.name == "link" and ("canonical" in tag.get("rel", []) or tag.get("hreflang")):
            continue  # absolute addresses of the public site, for search engines
        values = [tag.get(name) for name in ("href", "src", "poster")]
        values += [c.strip().split(" ")[0] for c in tag.get("srcset", "").split(",")]
        for value in values:
            if not value:
                continue
            parts = urlsplit(urljoin(base, value))
            if parts.scheme in ("http", "https") and parts.netloc == urlsplit(base).netloc:
                found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.fixture
def snapshot_env(deployed, tmp_path):
    # The scheduler in gunicorn's master checks every second whether the snapshot is stale.
    return {**deployed, "SCHEDULER_SECONDS": "1"}


def wait_for_snapshot(root, check, seconds=SNAPSHOT_SECONDS):
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return
        time.sleep(0.25)
    pytest.fail(f"the snapshot in {root} did not show it within {seconds} s")


@pytest.mark.multiserver
def test_with_the_app_stopped_the_snapshot_answers_with_working_links(
    snapshot_env, db_query, tmp_path
):
    root = Path(snapshot_env["SNAPSHOT_ROOT"])
    server = gunicorn.Gunicorn(snapshot_env, tmp_path / "gunicorn.log", "app")
    nginx = None
    try:
        wait_until_healthy([server])
        nginx = Nginx(tmp_path, server.url, root)
        # While the app is up, nginx passes everything to it.
        assert "X-Snapshot" not in nginx.get("/").headers

        # The first snapshot (no snapshot yet: stale), then a publish reaches it.
        om_file = root / "current" / OM.strip("/") / "index.html"
        wait_for_snapshot(root, om_file.is_file)
        editor = Editor(server)
        editor.log_in()
        (om_id,) = db_query("SELECT id FROM wagtailcore_page WHERE slug = %s", [OM.strip("/")])
        editor.publish_page(om_id, title=NEW_TITLE)
        wait_for_snapshot(root, lambda: NEW_TITLE in om_file.read_text())
    finally:
        server.stop()  # the app is down from here on

    try:
        assert not server.healthy()
        home = nginx.get("/")
        assert home.status_code == 200, nginx.log()
        assert home.headers["X-Snapshot"] == "1"
        assert home.headers["Cache-Control"] == "no-store"
        assert home.headers["Content-Type"] == "text/html; charset=utf-8"
        hotline = bs4.BeautifulSoup(home.text, "html.parser").find("section", class_="hotline")
        assert hotline.h2.get_text(strip=True) == "Akutte driftsproblemer"
        assert "48 23 10 00" in hotline.get_text()
        assert hotline.find("a", href="tel:+4548231000") is not None

        links = local_links(home.text, f"{nginx.url}/")
        assert OM in links and "/en/" in links
        assert any(link.startswith("/static/") for link in links)
        broken = {}
        for link in sorted(links):
            response = nginx.get(link)
            if response.status_code != 200 or response.headers.get("X-Snapshot") != "1":
                broken[link] = response.status_code
        assert not broken, f"links of the home page that the snapshot does not answer: {broken}"

        om = nginx.get(OM)
        assert h1(om) == NEW_TITLE  # the publish of a moment ago
        assert nginx.get("/en/").status_code == 200
        assert nginx.get(OM.rstrip("/")).status_code == 200  # without the slash too
        css = [link for link in links if link.endswith(".css")]
        assert css and nginx.get(css[0]).headers["Content-Type"].startswith("text/css")

        missing = nginx.get("/findes-ikke/")
        assert missing.status_code == 404
        assert "Akutte driftsproblemer" in missing.text
    finally:
        nginx.stop()
