"""The static snapshot (snapshot/): every live, public page written as a visitor sees it, with
the hotline; restricted pages left out; the new snapshot swapped in whole, the previous one
kept; and a publish reaching it through the scheduler's job."""

import json
import os

import bs4
import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, PageViewRestriction

from pages import scheduling
from snapshot import jobs, writer
from snapshot.visitor import Answer, Visitor

HOTLINE = "Akutte driftsproblemer"
PHONE = "48 23 10 00"


@pytest.fixture
def root(settings, tmp_path):
    settings.SNAPSHOT_ROOT = str(tmp_path / "site-snapshot")
    return tmp_path / "site-snapshot"


def page_file(root, url):
    return root / "current" / url.lstrip("/") / "index.html"


def soup(path):
    return bs4.BeautifulSoup(path.read_text(), "html.parser")


def public_urls():
    urls = [page.get_url() for page in Page.objects.live().public()]
    return [url for url in urls if url]


def assert_hotline(document):
    hotline = document.find("section", class_="hotline")
    assert hotline is not None
    assert PHONE in hotline.get_text()


def test_every_public_page_is_written_with_the_hotline(examples, root):
    call_command("write_snapshot", verbosity=0)
    urls = public_urls()
    assert "/" in urls and "/en/" in urls and len(urls) > 20
    for url in urls:
        path = page_file(root, url)
        assert path.is_file(), f"{url} is not in the snapshot"
        assert_hotline(soup(path))
    home = soup(page_file(root, "/"))
    assert home.find("section", class_="hotline").h2.get_text(strip=True) == HOTLINE
    # Anything else: the Danish 404 page, with the hotline too.
    not_found = soup(root / "current" / "404.html")
    assert not_found.h1.get_text(strip=True) == "Siden blev ikke fundet"
    assert_hotline(not_found)
    # What visitors reach without a page: the outage status, the sitemap, the feeds.
    assert json.loads((root / "current" / "status.json").read_text())["alert"] is None
    assert (root / "current" / "sitemap.xml").read_text().startswith("<?xml")
    assert (root / "current" / "nyheder" / "feed.atom").is_file()


def test_links_to_the_site_are_root_relative_and_the_join_form_is_a_notice(examples, root):
    writer.write_snapshot()
    for url in public_urls():
        html = page_file(root, url).read_text()
        for tag in bs4.BeautifulSoup(html, "html.parser").find_all(href=True):
            if tag.name == "link" and ("canonical" in tag.get("rel", []) or tag.get("hreflang")):
                continue
            assert not tag["href"].startswith("http://testserver"), (url, tag)
        assert "csrfmiddlewaretoken" not in html, url
    join = soup(page_file(root, "/bliv-en-del-af-symbiose-hillerod/"))
    assert join.find("form", method="post") is None
    notice = join.find("p", class_="snapshot-notice")
    with translation.override("da"):  # Danish once the lead's catalogue has the msgid
        assert notice.get_text() == gettext(writer.FORM_NOTICE)


def test_a_restricted_page_is_not_written(examples, root):
    om = examples["om"]
    PageViewRestriction.objects.create(page=om, restriction_type="password", password="x")
    writer.write_snapshot()
    assert not page_file(root, om.url).exists()
    assert page_file(root, "/").is_file()
    assert om.url not in public_urls()


def snapshots(root):
    return sorted(path.name for path in root.iterdir() if path.name.startswith("snapshot-"))


def test_a_new_snapshot_is_swapped_in_whole_and_the_previous_one_kept(launch, root):
    first = writer.write_snapshot()["current"]
    assert os.readlink(root / "current") == first
    second = writer.write_snapshot()["current"]
    assert os.readlink(root / "current") == second
    assert snapshots(root) == [first, second]  # the previous one is kept
    third = writer.write_snapshot()["current"]
    assert snapshots(root) == [second, third]  # older ones are removed
    assert not [path for path in root.iterdir() if path.name.startswith(".snapshot-")]
    assert json.loads((root / "state.json").read_text())["current"] == third


def test_a_failed_snapshot_leaves_the_current_one_as_it_was(launch, root, monkeypatch):
    before = writer.write_snapshot()["current"]
    real_get = Visitor.get

    def failing_home(self, path):
        if path == "/":
            return Answer(500, {"content-type": "text/html"}, b"")
        return real_get(self, path)

    monkeypatch.setattr(Visitor, "get", failing_home)
    with pytest.raises(writer.SnapshotError):
        writer.write_snapshot()
    assert os.readlink(root / "current") == before
    assert snapshots(root) == [before]
    assert not [path for path in root.iterdir() if path.name.startswith(".snapshot-")]
    assert page_file(root, "/").is_file()


def test_a_publish_reaches_the_snapshot_at_the_schedulers_next_round(
    launch, root, settings, client
):
    # Built now, as load_launch_content does at deploy (a first build bumps the generation).
    for address in ("/brochure.pdf", "/en/brochure.pdf"):
        assert client.get(address).status_code == 200
    assert "snapshot.jobs.write_if_stale" in settings.SCHEDULED_JOBS
    settings.SCHEDULED_JOBS = ["snapshot.jobs.write_if_stale"]
    assert scheduling.run_jobs() == []
    first = os.readlink(root / "current")
    assert jobs.write_if_stale() is None  # nothing changed: not written again

    om = launch["om"]
    om.title = "Om os, nu med ny titel"
    om.save_revision().publish()
    assert jobs.is_stale(root)
    assert scheduling.run_jobs() == []
    assert os.readlink(root / "current") != first
    assert soup(page_file(root, om.url)).h1.get_text(strip=True) == "Om os, nu med ny titel"
    assert not jobs.is_stale(root)


def test_snapshots_are_off_with_an_empty_root(launch, settings):
    settings.SNAPSHOT_ROOT = ""
    assert jobs.write_if_stale() is None
