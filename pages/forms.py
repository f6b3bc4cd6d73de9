"""Upload checks beyond the file name: the content must be what the extension says."""

import os

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

OLE = "application/x-ole-storage"
# What `filetype` recognises each permitted extension as. Office files are ZIP or OLE containers.
EXPECTED_KINDS = {
    "pdf": {"application/pdf"},
    "rtf": {"application/rtf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/zip"},
    "odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet", "application/zip"},
    "odp": {"application/vnd.oasis.opendocument.presentation", "application/zip"},
    "doc": {"application/msword", OLE},
    "xls": {"application/vnd.ms-excel", OLE},
    "ppt": {"application/vnd.ms-powerpoint", OLE},
    "mp4": {"video/mp4", "video/x-m4v"},  # an ISO media file with an MP4 brand
    "webm": {"video/webm"},
}  # fmt: skip
TEXT_EXTENSIONS = {"csv", "txt"}
CAPTION_EXTENSIONS = {"vtt"}  # WebVTT: UTF-8 text that starts with "WEBVTT" (maybe after a BOM)


def check_document_content(uploaded):
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    head = uploaded.read(8192)
    uploaded.seek(0)
    if extension in TEXT_EXTENSIONS:
        if b"\x00" in head:
            raise ValidationError(
                _("The file is not a text file. Upload a plain text or CSV file."),
                code="invalid_content",
            )
        return
    if extension in CAPTION_EXTENSIONS:
        if not is_webvtt(head):
            raise ValidationError(
                _("The file is not a WebVTT captions file: it must begin with “WEBVTT”."),
                code="invalid_content",
            )
        return
    if extension not in EXPECTED_KINDS:
        return  # the extension itself is refused by WAGTAILDOCS_EXTENSIONS
    kind = filetype.guess(head)
    if kind is None or kind.mime not in EXPECTED_KINDS[extension]:
        raise ValidationError(
            _("The file's content is not a valid %(extension)s file.")
            % {"extension": extension.upper()},
            code="invalid_content",
        )


def is_webvtt(head):
    """The start of a WebVTT file: "WEBVTT" (after an optional BOM), then a space, tab or line
    end; UTF-8 text without NUL bytes."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if not head.startswith(b"WEBVTT") or b"\x00" in head:
        return False
    if head[6:7] not in (b"", b" ", b"\t", b"\n", b"\r"):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:  # a character may be cut at the end of the head
        return error.start >= len(head) - 3
    return True


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "read") and not getattr(uploaded, "_committed", False):
            check_document_content(uploaded)
        return uploaded
