"""A small, real PDF for upload and document tests (pypdf), now that no fpdf2 brochure is
at hand: `size` pads it to about that many bytes."""

import io

from pypdf import PdfWriter


def small_pdf(size=0, title="Symbiose Hillerød"):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    if size > len(data):  # a comment before the end: still a valid PDF
        data = data.replace(b"%%EOF", b"%" + b"x" * (size - len(data)) + b"\n%%EOF")
    return data
