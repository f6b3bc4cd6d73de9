"""Does an uploaded document's content match its extension? One check per allowed format,
each refusing with one message that names what the file should have been.

The extension itself is checked by Wagtail (WAGTAILDOCS_EXTENSIONS, Document.clean); an
extension without a check here is not allowed there, so it is left to Wagtail's message.
"""

import codecs
import os
import re
import zipfile

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Office files unpack to far more than their size, but not to this: a zip whose directory
# announces more is a zip bomb, refused before anything is unpacked.
MAX_UNPACKED_SIZE = 300 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
CHUNK = 64 * 1024

# Browsers read this much of a response to guess its type (WHATWG MIME Sniffing: 1445 bytes).
SNIFF_WINDOW = 1445
# What makes a browser (or an old one) take text for a web page or an image with scripts.
MARKUP = re.compile(
    rb"<\s*(?:!doctype|\?xml|(?:script|html|head|body|svg|iframe|frame|frameset|object|embed|"
    rb"img|meta|style|link|form|math|xml|a)(?=[\s>/]))",
    re.IGNORECASE,
)
# Bytes that make a browser treat a response as binary (WHATWG MIME Sniffing, "binary data
# byte"): the control characters other than tab, line breaks, form feed and escape.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")

OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
# The VBA project's stream, named in UTF-16 in an OLE directory: a Word or Excel file with macros.
OLE_MACROS = "_VBA_PROJECT".encode("utf-16-le")

# OOXML: the main part each type must have (the parts Word, Excel and PowerPoint write).
OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}

NOT_FORMAT = {
    "pdf": _("The file is not a valid PDF."),
    "docx": _("The file does not look like a Word document (.docx)."),
    "xlsx": _("The file does not look like an Excel workbook (.xlsx)."),
    "pptx": _("The file does not look like a PowerPoint presentation (.pptx)."),
    "odt": _("The file does not look like an OpenDocument text (.odt)."),
    "ods": _("The file does not look like an OpenDocument spreadsheet (.ods)."),
    "odp": _("The file does not look like an OpenDocument presentation (.odp)."),
    "doc": _("The file does not look like a Word 97–2003 document (.doc)."),
    "xls": _("The file does not look like an Excel 97–2003 workbook (.xls)."),
    "ppt": _("The file does not look like a PowerPoint 97–2003 presentation (.ppt)."),
    "rtf": _("The file does not look like an RTF document (.rtf)."),
}
PDF_ACTIVE = _(
    "The PDF contains JavaScript or an action that starts a program. Save it again without "
    "them (for example with “Print to PDF”) and upload it again."
)
PDF_PASSWORD = _("The PDF is protected by a password. Upload a version without a password.")
MACROS = _("The file contains macros. Save it as a document without macros and upload it again.")
UNPACKED_TOO_BIG = _("The file unpacks to more than %(limit)s and cannot be accepted.")
NOT_TEXT = _("The file is not a text file: it contains binary data.")
NOT_UTF8 = _("The file is not UTF-8 text. Save it with the encoding UTF-8 and upload it again.")
NOT_CSV_TEXT = _(
    "The file is neither UTF-8 nor Windows-1252 text. Save it as “CSV UTF-8” and upload it again."
)
MARKUP_IN_TEXT = _(
    "The file contains web page or XML code (such as <html> or <script>) that a browser could "
    "run. Upload plain text."
)
NOT_WEBVTT = _("The file is not a WebVTT captions file: it must begin with “WEBVTT”.")
NOT_VIDEO = _("The file's content is not a valid %(extension)s file.")
NO_EXTENSION = _("The file name has no extension, such as .pdf or .docx.")

# What `filetype` recognises each video extension as (the checks the video block relies on).
VIDEO_KINDS = {
    "mp4": {"video/mp4", "video/x-m4v"},  # an ISO media file with an MP4 brand
    "webm": {"video/webm"},  # Matroska files other than WebM are refused: browsers need WebM
}


def refuse(message, **params):
    raise ValidationError(message, code="invalid_content", params=params or None)


def check_document_content(uploaded):
    """Raise one ValidationError unless the upload's content is what its extension says."""
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    if not extension:  # Wagtail's own message would name the extension “”
        refuse(NO_EXTENSION)
    check = CHECKS.get(extension)
    if check is None:
        return  # the extension itself is refused by WAGTAILDOCS_EXTENSIONS
    uploaded.seek(0)
    try:
        check(uploaded, extension)
    finally:
        uploaded.seek(0)


def check_pdf(uploaded, extension):
    if uploaded.read(5) != b"%PDF-":  # where browsers and readers look for it
        refuse(NOT_FORMAT["pdf"])
    uploaded.seek(0)
    try:
        reader = PdfReader(uploaded)  # fails without a trailer and cross-reference table
        if reader.is_encrypted and not reader.decrypt(""):
            refuse(PDF_PASSWORD)
        if "/Root" not in reader.trailer or len(reader.pages) < 1:
            refuse(NOT_FORMAT["pdf"])
        active = has_active_content(reader)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - a broken file can make pypdf fail in any way
        refuse(NOT_FORMAT["pdf"])
    if active:
        refuse(PDF_ACTIVE)


def has_active_content(reader):
    """Any JavaScript or launch action anywhere: every object is read (names come back
    unescaped, so /J#61vaScript is /JavaScript), streams are not decoded."""
    references = [
        IndirectObject(number, generation, reader)
        for generation, numbers in reader.xref.items()
        for number in numbers
    ] + [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    for reference in references:
        pending = [reference.get_object()]
        while pending:
            item = pending.pop()
            if isinstance(item, DictionaryObject):
                if "/JS" in item or item.get("/S") in ("/JavaScript", "/Launch"):
                    return True
                pending.extend(v for v in item.values() if not isinstance(v, IndirectObject))
            elif isinstance(item, ArrayObject):
                pending.extend(v for v in item if not isinstance(v, IndirectObject))
    return False


def open_zip(uploaded, extension):
    """The zip container of an OOXML or ODF file; refused unless it starts as a zip (not HTML
    with a zip appended) and announces a modest unpacked size."""
    if uploaded.read(4) != b"PK\x03\x04":
        refuse(NOT_FORMAT[extension])
    uploaded.seek(0)
    try:
        archive = zipfile.ZipFile(uploaded)
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        refuse(NOT_FORMAT[extension])
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_SIZE:
        refuse(UNPACKED_TOO_BIG, limit=filesizeformat(MAX_UNPACKED_SIZE))
    return archive, entries


def read_entry(archive, name, limit=1024 * 1024):
    try:
        with archive.open(name) as entry:
            return entry.read(limit)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None


def check_ooxml(uploaded, extension):
    archive, entries = open_zip(uploaded, extension)
    names = {entry.filename for entry in entries}
    content_types = read_entry(archive, "[Content_Types].xml")
    if content_types is None or OOXML_MAIN_PARTS[extension] not in names:
        refuse(NOT_FORMAT[extension])
    # A .docm/.xlsm/.pptm renamed: its VBA project, and the main part's macro-enabled type.
    if b"macroenabled" in content_types.lower() or any(
        name.lower().endswith("vbaproject.bin") for name in names
    ):
        refuse(MACROS)


def check_odf(uploaded, extension):
    archive, entries = open_zip(uploaded, extension)
    first = entries[0] if entries else None
    if (
        first is None
        or first.filename != "mimetype"
        or read_entry(archive, "mimetype", limit=200) != ODF_MIMETYPES[extension]
        or not any(entry.filename == "content.xml" for entry in entries)
    ):
        refuse(NOT_FORMAT[extension])
    # LibreOffice keeps Basic macros under Basic/ and other scripts under Scripts/.
    if any(entry.filename.startswith(("Basic/", "Scripts/")) for entry in entries):
        refuse(MACROS)


def check_ole(uploaded, extension):
    if uploaded.read(8) != OLE_SIGNATURE:
        refuse(NOT_FORMAT[extension])
    if extension in ("doc", "xls") and contains(uploaded, OLE_MACROS):
        refuse(MACROS)


def check_rtf(uploaded, extension):
    if uploaded.read(5) != b"{\\rtf":
        refuse(NOT_FORMAT["rtf"])


def contains(uploaded, needle):
    uploaded.seek(0)
    tail = b""
    while chunk := uploaded.read(CHUNK):
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle) :]
    return False


def decodes(uploaded, encoding):
    """Does the whole file decode, chunk by chunk, without binary bytes?"""
    uploaded.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := uploaded.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def check_text(uploaded, extension):
    """Text a browser shows as text: no binary bytes, a known encoding, and nothing in the
    part browsers sniff that looks like a web page, SVG or XML."""
    uploaded.seek(0)
    head = b""
    while chunk := uploaded.read(CHUNK):
        if BINARY_BYTES.search(chunk):
            refuse(NOT_TEXT)
        head = head or chunk[:SNIFF_WINDOW]
    head = head.removeprefix(codecs.BOM_UTF8)
    if extension == "vtt" and not is_webvtt(head):
        refuse(NOT_WEBVTT)
    if not decodes(uploaded, "utf-8"):
        # Excel's "CSV (semikolonsepareret)" on a Danish Windows writes Windows-1252.
        if extension != "csv":
            refuse(NOT_UTF8)
        if not decodes(uploaded, "cp1252"):
            refuse(NOT_CSV_TEXT)
    starts_with_markup = extension != "vtt" and head.lstrip().startswith(b"<")
    if starts_with_markup or MARKUP.search(head):
        refuse(MARKUP_IN_TEXT)


def is_webvtt(head):
    """ "WEBVTT" (after an optional BOM), then a space, tab or line end."""
    return head.startswith(b"WEBVTT") and head[6:7] in (b"", b" ", b"\t", b"\n", b"\r")


def check_video(uploaded, extension):
    kind = filetype.guess(uploaded.read(8192))
    if kind is None or kind.mime not in VIDEO_KINDS[extension]:
        refuse(NOT_VIDEO, extension=extension.upper())


CHECKS = {
    "pdf": check_pdf,
    **dict.fromkeys(OOXML_MAIN_PARTS, check_ooxml),
    **dict.fromkeys(ODF_MIMETYPES, check_odf),
    **dict.fromkeys(("doc", "xls", "ppt"), check_ole),
    "rtf": check_rtf,
    **dict.fromkeys(("txt", "csv", "vtt"), check_text),
    **dict.fromkeys(VIDEO_KINDS, check_video),
}
