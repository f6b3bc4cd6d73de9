"""The small, deliberate block set editors build pages from."""

import copy
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from caching.fragments import cached
from caching.pagecache import FILES_GENERATION

from .embeds import cached_embed, fetch_embed, player_src, provider_name

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class SubheadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Subheading"), max_length=120)
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=80,
        help_text=_("The #address of the heading. Leave empty to make one from the heading."),
    )

    class Meta:
        icon = "title"
        label = _("Subheading (h3)")
        description = _("A subheading inside the section, with its own #address.")
        template = "pages/blocks/subheading_block.html"
        preview_value = {"text": "Konkrete symbioser"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value["text"], value.get("anchor"))
        return context


def heading_anchor(text, anchor=""):
    """A heading's #address: the anchor the editor chose, or one made from the heading."""
    return slugify(anchor or text) or "afsnit"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        description = _("Running text with bold, italic, lists and links.")
        template = "pages/blocks/paragraph_block.html"
        preview_value = (
            "<p>Symbiose Hillerød vil fremme bæredygtig innovation og vækst gennem stærke "
            "relationer og nye samarbejdsformer.</p>"
        )


class ImageBlock(blocks.StructBlock):
    """An image whose alternative text is the image's own description unless the block
    overrides it or marks the image decorative; without any of them it cannot be published."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text (optional)"),
        required=False,
        max_length=250,
        help_text=_(
            "Leave empty to use the image's description. Write one only if the image needs "
            "another description on this page."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("The image is decorative"),
        required=False,
        help_text=_("Only for images that add nothing to the text: screen readers skip them."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("An image, described by its own description, with an optional caption.")
        template = "pages/blocks/image_block.html"
        preview_value = {"alt_text": "Eksempel på et billede", "caption": "Billedtekst"}

    def clean(self, value):
        value = super().clean(value)
        # Drafts may be saved without it (deferred validation); publishing is refused.
        if not self.is_deferred_validation and value.get("image") and alt_text(value) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "The image has no description. Write an alternative text, or mark "
                            "the image as decorative."
                        )
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["alt"] = alt_text(value) or ""
        return context

    def get_preview_value(self):
        value = super().get_preview_value()
        value["image"] = get_image_model().objects.order_by("-created_at").first()
        return value


def alt_text(value):
    """The image's alternative text: "" when decorative, else the block's own text or the
    image's description; None when there is none."""
    if value.get("decorative"):
        return ""
    image = value.get("image")
    text = (value.get("alt_text") or "").strip() or (getattr(image, "description", "") or "")
    return text.strip() or None


VIDEO_EXTENSIONS = {"mp4", "webm"}
CAPTION_EXTENSIONS = {"vtt"}


class VideoBlock(blocks.StructBlock):
    """A video from the site itself (a file in the document library, with a poster, captions
    and a transcript: no third party is contacted), or from YouTube or Vimeo (a click-to-load
    player: nothing is loaded from the host until the visitor presses play)."""

    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=150,
        help_text=_("Shown with the video, and read aloud as the player's title."),
    )
    file = DocumentChooserBlock(
        label=_("Video file (recommended)"),
        required=False,
        help_text=_(
            "An MP4 or WebM file from the document library. Recommended: the site serves the "
            "video itself, so visitors contact no third party. Needs Danish captions."
        ),
    )
    poster = ImageChooserBlock(
        label=_("Poster image"),
        required=False,
        help_text=_("Shown before the video is played. The video's width and height follow it."),
    )
    captions = DocumentChooserBlock(
        label=_("Danish captions (WebVTT)"),
        required=False,
        help_text=_("A .vtt file with the video's Danish captions. Required for a video file."),
    )
    captions_en = DocumentChooserBlock(
        label=_("English captions (WebVTT, optional)"),
        required=False,
        help_text=_("A .vtt file with English captions, offered beside the Danish ones."),
    )
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        required=False,
        help_text=_(
            "Everything the video says and shows, as text. Shown under the video behind "
            "'Show transcript'. Separate paragraphs with an empty line."
        ),
    )
    url = blocks.URLBlock(
        label=_("Video address (YouTube or Vimeo)"),
        required=False,
        help_text=_(
            "Only if the video is not a file on the site: its address on YouTube or Vimeo. "
            "The host receives data about visitors who play it. Until a file or an address is "
            "set, nothing is shown."
        ),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        description = _(
            "A video file served by the site itself (recommended), or a video from YouTube or "
            "Vimeo that loads only when the visitor presses play."
        )
        template = "pages/blocks/video_block.html"
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Symbiose Hillerød på video",
        }

    def clean(self, value):
        value = super().clean(value)
        # Browsers send a textarea's line ends as CRLF; stored as LF, like the launch content's.
        value["transcript"] = "\n".join((value.get("transcript") or "").splitlines())
        errors = {}
        video, captions = value.get("file"), value.get("captions")
        if video and value["url"]:
            errors["url"] = ValidationError(
                _("Choose either a video file or a video address, not both.")
            )
        if (video or value["url"]) and not value["title"]:
            errors["title"] = ValidationError(_("Give the video a title."))
        if video and video.file_extension.lower() not in VIDEO_EXTENSIONS:
            errors["file"] = ValidationError(_("Choose an MP4 or WebM file."))
        for name in ("captions", "captions_en"):
            chosen = value.get(name)
            if chosen and chosen.file_extension.lower() not in CAPTION_EXTENSIONS:
                errors[name] = ValidationError(_("Choose a WebVTT file (.vtt)."))
        # Drafts may be saved without them (deferred validation); publishing is refused.
        if video and not captions and not self.is_deferred_validation:
            errors["captions"] = ValidationError(
                _(
                    "A video file needs Danish captions before it can be published. Upload "
                    "them as a WebVTT file (.vtt) and choose it here."
                )
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def bulk_to_python(self, values):
        """Every video block's files and poster on a page from one cached lookup, kept until a
        document or image changes: rendering a page after a publish asks nothing for them."""
        values = list(values)
        stripped = [{**value, **dict.fromkeys(FILE_FIELDS, None)} for value in values]
        result = super().bulk_to_python(stripped)
        wanted = [[value.get(name) for name in FILE_FIELDS] for value in values]
        documents = sorted({pk for row in wanted for pk in row[:-1] if pk})
        images = sorted({row[-1] for row in wanted if row[-1]})
        if not documents and not images:
            return result
        found = cached(
            f"video-files:{'.'.join(map(str, documents))}:{'.'.join(map(str, images))}",
            lambda: video_files(documents, images),
            generation_name=FILES_GENERATION,
        )
        for struct, row in zip(result, wanted, strict=True):
            for name, pk in zip(FILE_FIELDS, row, strict=True):
                kind = "images" if name == "poster" else "documents"
                struct[name] = copy.copy(found[kind].get(pk)) if pk else None
        return result

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value.get("file"):
            context["tracks"] = caption_tracks(value)
            return context
        if not value["url"]:
            return context
        request = (parent_context or {}).get("request")
        # Editors previewing may wait for the host; visitors are served what was fetched at publish.
        if request is not None and getattr(request, "is_preview", False):
            embed = fetch_embed(value["url"])
        else:
            embed = cached_embed(value["url"])
        context["embed"] = embed
        context["player_src"] = player_src(embed)
        context["provider"] = provider_name(value["url"])
        return context


FILE_FIELDS = ("file", "captions", "captions_en", "poster")  # the poster last: an image


def video_files(documents, images):
    """The documents and images of these ids, by id (two queries)."""
    return {
        "documents": get_document_model().objects.in_bulk(documents),
        "images": get_image_model().objects.in_bulk(images),
    }


def caption_tracks(value):
    """The video's caption tracks: (document, language, label, default). The page's language
    is the default when it has captions in it, else Danish. Labels are each language's own name,
    as in the language switch."""
    tracks = [
        (value.get("captions"), "da", "Dansk"),
        (value.get("captions_en"), "en", "English"),
    ]
    tracks = [track for track in tracks if track[0]]
    languages = [language for _document, language, _label in tracks]
    default = get_language() if get_language() in languages else "da"
    return [
        {"document": document, "language": language, "label": label, "default": language == default}
        for document, language, label in tracks
    ]


class DocumentBlock(blocks.StructBlock):
    text_before = blocks.CharBlock(label=_("Text before the link"), required=False)
    link_text = blocks.CharBlock(label=_("Link text"), max_length=120)
    text_after = blocks.CharBlock(label=_("Text after the link"), required=False)
    document = DocumentChooserBlock(
        label=_("Document"),
        required=False,
        help_text=_("Without a document the sentence is shown without a link."),
    )
    language = blocks.ChoiceBlock(
        label=_("Language of the document"),
        choices=[("da", _("Danish")), ("en", _("English")), ("de", _("German"))],
        default="da",
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        description = _("A sentence linking a document; type, size and language are added for you.")
        template = "pages/blocks/document_block.html"
        preview_value = {
            "text_before": "I",
            "link_text": "brochuren",
            "text_after": "her kan du læse mere om Symbiose Hillerød.",
            "language": "en",
        }

    def get_preview_value(self):
        value = super().get_preview_value()
        value["document"] = get_document_model().objects.order_by("-created_at").first()
        return value


class DatePrecision:
    """How much of a timeline date is known: the year, the month or the day."""

    YEAR, MONTH, DAY = "year", "month", "day"
    CHOICES = [(YEAR, _("Year")), (MONTH, _("Month")), (DAY, _("Day"))]


class TimelineEventBlock(blocks.StructBlock):
    """One dated event with the source that documents it."""

    date = blocks.DateBlock(
        label=_("Date"),
        help_text=_("For a year or a month only, any day in it; the precision says what is shown."),
    )
    precision = blocks.ChoiceBlock(
        label=_("Date precision"),
        choices=DatePrecision.CHOICES,
        default=DatePrecision.DAY,
        help_text=_("Show only the year, the month and year, or the whole date."),
    )
    text = blocks.TextBlock(label=_("What happened"), max_length=500)
    source_title = blocks.CharBlock(label=_("Source"), required=False, max_length=250)
    source_url = blocks.URLBlock(
        label=_("Address of the source"),
        required=False,
        help_text=_("A page elsewhere. For a page on this site, choose it below instead."),
    )
    source_page = blocks.PageChooserBlock(
        label=_("Source on this site"), required=False, help_text=_("A page on this site.")
    )

    class Meta:
        icon = "date"
        label = _("Event")

    def clean(self, value):
        value = super().clean(value)
        if value.get("source_title") and not (value.get("source_url") or value.get("source_page")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "source_url": ValidationError(
                        _("Give the source's address, or choose a page on this site.")
                    )
                }
            )
        return value


class TimelineBlock(blocks.StructBlock):
    """Dated events as an ordered list, earliest first, each with its source."""

    events = blocks.ListBlock(TimelineEventBlock(), label=_("Events"))

    class Meta:
        icon = "history"
        label = _("Timeline")
        description = _("Dated events, shown in date order, each with its source.")
        template = "pages/blocks/timeline_block.html"
        preview_value = {
            "events": [
                {
                    "date": date(2013, 1, 1),
                    "precision": DatePrecision.YEAR,
                    "text": "Parter i Hillerød danner en industriel symbiose.",
                    "source_title": "Om Symbiose Hillerød",
                    "source_url": "https://example.dk/",
                },
                {
                    "date": date(2017, 5, 19),
                    "precision": DatePrecision.DAY,
                    "text": "Det første konkrete resultat omtales i avisen.",
                },
            ]
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["events"] = sorted(value["events"], key=lambda event: event["date"])
        return context


class SectionContentBlock(blocks.StreamBlock):
    """What a section holds under its heading."""

    subheading = SubheadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    timeline = TimelineBlock()


class SectionBlock(blocks.StructBlock):
    """A heading (h2) and its content, moved, added and removed as one."""

    heading = blocks.CharBlock(
        label=_("Section heading (h2)"),
        required=False,
        max_length=120,
        help_text=_(
            "Listed under 'On this page'. Leave it empty only for text that comes before "
            "the first heading."
        ),
    )
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=80,
        help_text=_("The #address of the heading. Leave empty to make one from the heading."),
    )
    content = SectionContentBlock(label=_("Content"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Section")
        description = _(
            "A heading with its text, images, videos and documents; the heading appears under "
            "'On this page'. Move or remove the section and its content goes with it."
        )
        template = "pages/blocks/section_block.html"
        preview_value = {
            "heading": "Mission",
            "anchor": "",
            "content": [
                {
                    "type": "paragraph",
                    "value": "<p>Symbiose Hillerød vil fremme bæredygtig innovation og vækst "
                    "gennem stærke relationer og nye samarbejdsformer.</p>",
                }
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = section_anchor(value)
        return context


def section_anchor(value):
    """A section's #address, or None for the untitled text before the first heading."""
    if not value.get("heading"):
        return None
    return heading_anchor(value["heading"], value.get("anchor"))


class BodyBlock(blocks.StreamBlock):
    """A content page's body: sections, each a heading (h2) with its content."""

    section = SectionBlock()


# The home page --------------------------------------------------------------------------------

FEATURED_MIN, FEATURED_MAX = 3, 6


class FeaturedSymbiosesBlock(blocks.StreamBlock):
    """The symbioses the home page shows: none (the newest are shown) or three to six. Chosen by
    name only (page_type), so pages never imports the catalogue."""

    symbiose = blocks.PageChooserBlock(
        page_type="symbioses.SymbiosePage",
        label=_("Symbiosis"),
        help_text=_("A published symbiosis from the catalogue."),
    )

    class Meta:
        icon = "pick"
        max_num = FEATURED_MAX

    def clean(self, value):
        value = super().clean(value)
        chosen = [child.value.pk for child in value if child.value is not None]
        errors = []
        if chosen and not FEATURED_MIN <= len(chosen) <= FEATURED_MAX:
            errors.append(
                ValidationError(
                    _(
                        "Choose from %(min)s to %(max)s symbioses, or none: then the newest "
                        "are shown."
                    )
                    % {"min": FEATURED_MIN, "max": FEATURED_MAX}
                )
            )
        if len(set(chosen)) < len(chosen):
            errors.append(ValidationError(_("Each symbiosis can be chosen only once.")))
        if errors:
            raise blocks.StreamBlockValidationError(non_block_errors=errors)
        return value
