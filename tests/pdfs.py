"""A small, real PDF for upload and document tests (pypdf), now that no fpdf2 brochure is
at hand: `size` pads it to about that many bytes."""

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject


def small_pdf(size=0, title="Symbiose Hillerød"):
    data = write_pdf(title)
    if size > len(data):  # padded with a stream, as an image would: still a valid PDF
        data = write_pdf(title, padding=size - len(data) - 40)
    return data


def write_pdf(title, padding=0):
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    if padding > 0:
        stream = DecodedStreamObject()
        stream.set_data(b"x" * padding)
        page[NameObject("/PieceInfo")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
