"""Video embeds, privacy first.

The video host's oEmbed answer is fetched by the server when a page is published (or
previewed) and kept in Wagtail's embed table. Visitors get a placeholder; the player's
iframe is only built in their browser when they press play.
"""

import logging
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.timezone import now
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.embeds.embeds import get_embed, get_embed_hash
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.models import Embed

logger = logging.getLogger(__name__)

_IFRAME_SRC = re.compile(r"<iframe[^>]*\ssrc=\"([^\"]+)\"", re.IGNORECASE)
_PROVIDERS = {"youtube.com": "YouTube", "youtu.be": "YouTube", "vimeo.com": "Vimeo"}


def fetch_embed(url):
    """Ask the host (or the embed table) for the embed; None when it cannot be resolved."""
    try:
        return get_embed(url)
    except (EmbedException, OSError, ValueError) as error:
        logger.warning("Could not resolve video %s: %s", url, error)
        return None


def cached_embed(url):
    """The embed fetched earlier, without contacting the host."""
    return Embed.objects.exclude(cache_until__lte=now()).filter(hash=get_embed_hash(url)).first()


def player_src(embed):
    """The https address of the player iframe, with privacy-friendly hosts and autoplay."""
    if embed is None:
        return ""
    match = _IFRAME_SRC.search(embed.html or "")
    if not match:
        return ""
    parts = urlsplit(match.group(1).replace("&amp;", "&"))
    if parts.scheme != "https":
        return ""
    netloc = parts.netloc
    if netloc in {"www.youtube.com", "youtube.com"}:
        netloc = "www.youtube-nocookie.com"
    query = dict(parse_qsl(parts.query))
    query["autoplay"] = "1"  # the visitor has just pressed play
    return urlunsplit(("https", netloc, parts.path, urlencode(query), ""))


def provider_name(url):
    host = (urlsplit(url).hostname or "").removeprefix("www.").removeprefix("m.")
    return _PROVIDERS.get(host, host)


def video_values(value):
    """Every video block's value in a stream, however deep it sits (sections, lists)."""
    if isinstance(value, StreamValue):
        for child in value:
            if child.block_type == "video":
                yield child.value
            else:
                yield from video_values(child.value)
    elif isinstance(value, StructValue | ListValue):
        for child in value.values() if isinstance(value, StructValue) else value:
            yield from video_values(child)


def page_videos(page):
    """The videos with an address on a page."""
    body = getattr(page.specific, "body", None)
    return [video for video in video_values(body) if video["url"]]


def prefetch_page_embeds(page):
    """Resolve every video on a page; called when the page is published. Returns the videos
    whose player could not be fetched: visitors get a link to them instead."""
    return [video for video in page_videos(page) if fetch_embed(video["url"]) is None]


def unresolved_videos(page):
    """The page's videos without a fetched player, without contacting the host."""
    return [video for video in page_videos(page) if cached_embed(video["url"]) is None]
