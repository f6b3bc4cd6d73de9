"""The explainer under "se video nedenfor": the site's own video file, with its poster, Danish
captions and a transcript, and not one request to a third party."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from brochure.content import body_sections
from launch.content import VIDEO_TITLE
from pages.blocks import VideoBlock

OM = "/om-symbiose-hillerod/"
ABOUT = "/en/about/"
MAX_VIDEO_BYTES = 2 * 1024 * 1024
# What visitors' browsers would fetch: every address in these attributes must be the site's own.
FETCHED = ("src", "poster", "srcset", "data", "action")


def page_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def the_video(soup):
    videos = soup.find_all("video")
    assert len(videos) == 1
    return videos[0]


def test_the_video_follows_the_definition(client, launch):
    video = the_video(page_soup(client, OM))
    assert video.find_previous("h2").get_text(strip=True) == "Definition af symbiose hos os"
    assert "se video nedenfor" in video.find_previous("p").get_text()
    assert video.find_next("h2").get_text(strip=True) == "Baggrund"


def test_the_native_player_waits_for_the_visitor(client, launch):
    video = the_video(page_soup(client, OM))
    assert video.has_attr("controls")
    assert video["preload"] == "none"  # the page weight holds: nothing loads before play
    assert video["poster"].startswith("/media/images/")
    assert int(video["width"]) > 0 and int(video["height"]) > 0  # no layout shift
    assert video["aria-label"] == f"Video: {VIDEO_TITLE}"
    source = video.find("source")
    assert source["type"] == "video/mp4"
    assert source["src"].startswith("/documents/")
    assert video.find_parent("figure").figcaption.get_text(strip=True) == VIDEO_TITLE


def test_the_video_file_is_served_by_the_site_small_and_typed(client, launch):
    src = the_video(page_soup(client, OM)).find("source")["src"]
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    data = body(response)
    assert data[4:8] == b"ftyp"  # an MP4 file, by its content
    assert 0 < len(data) < MAX_VIDEO_BYTES


def test_the_video_is_served_in_byte_ranges_as_players_ask(client, launch):
    """Safari plays no video from a server that does not answer byte ranges."""
    src = the_video(page_soup(client, OM)).find("source")["src"]
    whole = client.get(src)
    assert whole["Accept-Ranges"] == "bytes"
    data = body(whole)
    size = len(data)

    part = client.get(src, HTTP_RANGE="bytes=0-1")  # what Safari asks first
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-1/{size}"
    assert part["Content-Type"] == "video/mp4"
    assert body(part) == data[:2]

    middle = client.get(src, HTTP_RANGE=f"bytes=100-{size + 500}")  # past the end: to the end
    assert middle.status_code == 206
    assert middle["Content-Range"] == f"bytes 100-{size - 1}/{size}"
    assert int(middle["Content-Length"]) == size - 100
    assert body(middle) == data[100:]
    assert "public" in middle["Cache-Control"]

    tail = client.get(src, HTTP_RANGE="bytes=-10")
    assert tail.status_code == 206 and body(tail) == data[-10:]

    beyond = client.get(src, HTTP_RANGE=f"bytes={size}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{size}"

    stale = client.get(src, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE='"another-version"')
    assert stale.status_code == 200 and body(stale) == data


def test_the_poster_is_served_by_the_site(client, launch):
    poster = the_video(page_soup(client, OM))["poster"]
    response = client.get(poster)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")


def test_danish_captions_are_the_default_track_served_as_webvtt(client, launch):
    tracks = the_video(page_soup(client, OM)).find_all("track")
    assert [(track["kind"], track["srclang"]) for track in tracks] == [
        ("captions", "da"),
        ("captions", "en"),
    ]
    assert [track.has_attr("default") for track in tracks] == [True, False]
    assert [track["label"] for track in tracks] == ["Dansk", "English"]
    for track in tracks:
        assert track["src"].startswith("/documents/")  # same origin: the track loads
        response = client.get(track["src"])
        assert response.status_code == 200
        assert response["Content-Type"].split(";")[0] == "text/vtt"
        text = body(response).decode("utf-8")
        assert text.startswith("WEBVTT")
        assert " --> " in text
    danish = body(client.get(tracks[0]["src"])).decode()
    assert "En symbiose er en relation mellem to parter." in danish


def test_the_transcript_is_behind_a_disclosure_under_the_player(client, launch):
    """Needs the Danish catalogue: "Show transcript" is "Vis udskrift"."""
    video = the_video(page_soup(client, OM))
    details = video.find_parent("figure").find_next_sibling("details")
    assert details is not None and not details.has_attr("open")  # closed until asked for
    assert details.summary.get_text(strip=True) == "Vis udskrift"
    paragraphs = [p.get_text(" ", strip=True) for p in details.find_all("p")]
    assert len(paragraphs) >= 5
    assert paragraphs[0].startswith("Hvad er en symbiose hos Symbiose Hillerød?")
    text = " ".join(paragraphs)
    for word in ("to parter", "ressource", "Miljø", "Socialt", "Økonomisk"):
        assert word in text


def test_the_transcript_matches_the_captions(client, launch):
    soup = page_soup(client, OM)
    video = the_video(soup)
    captions = body(client.get(video.find("track")["src"])).decode()
    cues = [block.split("\n", 2)[2] for block in captions.strip().split("\n\n")[1:]]
    transcript = video.find_parent("figure").find_next_sibling("details").get_text(" ", strip=True)
    assert cues and all(cue in transcript for cue in cues)


def test_the_page_asks_no_third_party_for_anything(client, launch):
    soup = page_soup(client, OM)
    for tag in soup.find_all(True):
        for attribute in FETCHED:
            for address in str(tag.get(attribute, "")).split(","):
                address = address.strip()
                assert not address or address.startswith("/") or address.startswith("#"), (
                    f"<{tag.name} {attribute}={address!r}>"
                )
    assert soup.find("iframe") is None
    assert soup.find("template") is None


def test_the_english_page_has_the_video_with_english_captions_and_transcript(client, launch):
    video = the_video(page_soup(client, ABOUT))
    tracks = video.find_all("track")
    assert {track["srclang"]: track.has_attr("default") for track in tracks} == {
        "da": False,
        "en": True,
    }
    details = video.find_parent("figure").find_next_sibling("details")
    assert details.summary.get_text(strip=True) == "Show transcript"
    assert details.p.get_text(" ", strip=True).startswith(
        "What is a symbiosis at Symbiose Hillerød?"
    )
    danish = the_video(page_soup(client, OM))
    assert video.find("source")["src"] == danish.find("source")["src"]  # one file


def test_the_brochure_links_the_video_where_the_page_shows_it(launch):
    definition = next(
        section
        for section in body_sections(launch["om"])
        if section["heading"] == "Definition af symbiose hos os"
    )
    kinds = [item["kind"] for item in definition["items"]]
    assert kinds == ["paragraph", "link"]
    link = definition["items"][1]
    assert link["text"] == VIDEO_TITLE
    assert link["url"].startswith("/documents/") and link["url"].endswith(".mp4")


def test_loading_again_adds_no_media(launch):
    documents, images = get_document_model().objects.count(), get_image_model().objects.count()
    assert (documents, images) == (3, 1)  # the video, its two captions; the poster
    call_command("load_launch_content", verbosity=0)
    assert get_document_model().objects.count() == documents
    assert get_image_model().objects.count() == images


# The block's rules, as publishing applies them (drafts may be saved unfinished).


def explainer_value(launch, **changes):
    for section in launch["om"].body:
        for child in section.value["content"]:
            if child.block_type == "video":
                value = dict(child.value)
                value.update(changes)
                return VideoBlock().to_python(VideoBlock().get_prep_value(value))
    raise AssertionError("the Om page has no video block")


def block_errors(value):
    with pytest.raises(StructBlockValidationError) as error:
        VideoBlock().clean(value)
    return {name: error.messages for name, error in error.value.block_errors.items()}


def test_the_launch_video_is_publishable(launch):
    VideoBlock().clean(explainer_value(launch))


def test_a_video_file_without_captions_is_refused_in_danish(launch):
    """Needs the Danish catalogue for the message."""
    errors = block_errors(explainer_value(launch, captions=None))
    assert errors == {
        "captions": [
            "En videofil skal have danske undertekster, før den kan udgives. Upload dem som "
            "en WebVTT-fil (.vtt), og vælg den her."
        ]
    }


def test_a_draft_may_wait_for_its_captions(launch):
    block = VideoBlock()
    block.defer_required_validation()
    block.clean(explainer_value(launch, captions=None))


def test_captions_must_be_webvtt_and_the_file_a_video(launch):
    value = explainer_value(launch)
    errors = block_errors(explainer_value(launch, captions=value["file"], file=value["captions"]))
    assert set(errors) == {"file", "captions"}


def test_a_file_and_an_address_together_are_refused(launch):
    errors = block_errors(explainer_value(launch, url="https://www.youtube.com/watch?v=x"))
    assert set(errors) == {"url"}
