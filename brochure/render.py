"""HTML and a print stylesheet to a tagged PDF (PDF/UA-1) with WeasyPrint.

The brochure's template is templates/brochure/brochure.html, its stylesheet
static/css/brochure.css. Fonts are the system's (fontconfig: DejaVu, installed with
fonts-dejavu-core); nothing is fetched: images come as data: URIs, and the fetcher refuses any
other address, so an editor's link or image can never make the server request a URL.
"""

import hashlib
import time
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from .content import edition_context

TEMPLATE = "brochure/brochure.html"
STYLESHEET = "css/brochure.css"


@dataclass
class Rendered:
    pdf: bytes
    page_count: int
    seconds: float


def stylesheet_path():
    path = finders.find(STYLESHEET)
    if path is None:
        raise FileNotFoundError(f"static file {STYLESHEET} not found")
    return path


def render_html(language):
    """The brochure as HTML, in `language`, from the live content."""
    with translation.override(language):
        context = edition_context(language)
        return render_to_string(TEMPLATE, context), context


def render_pdf(language):
    """The edition in `language` as PDF bytes. The same content gives the same bytes."""
    started = time.monotonic()
    html, context = render_html(language)
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    with open(stylesheet_path(), encoding="utf-8") as handle:
        css = handle.read()
    document = HTML(string=html, base_url=context["site_url"] or None, url_fetcher=fetcher).render(
        stylesheets=[CSS(string=css, url_fetcher=fetcher)]
    )
    identifier = hashlib.sha256(f"{html}\n{css}".encode()).hexdigest()[:32].encode()
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    return Rendered(pdf=pdf, page_count=len(document.pages), seconds=time.monotonic() - started)
