"""English launch brochure for Symbiose Hillerød, rendered as a PDF with fpdf2.

The host organisation and the hotline number are not written here: they come from the site
settings the footer shows (pages.site_settings.SiteSettings), which the caller passes in, so the
brochure never tells a reader another number than the site does. Only fpdf2 core fonts are used,
so all text inside the PDF must be latin-1: other characters in the settings are replaced.
"""

from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from fpdf import FPDF

from pages.phone import format_pairs, normalise_danish_phone

FILENAME = "symbiose-hillerod-brochure-en.pdf"
TITLE = "Symbiose Hillerød – brochure (English)"

PDF_TITLE = "Symbiose Hillerød - brochure"
SUBJECT = "Mission, goals, background and how to join Symbiose Hillerød"
HEADING = "Symbiose Hillerød"
SUBTITLE = "Partnerships that use resources better"
CREATED = datetime(2026, 11, 1, tzinfo=UTC)

# Typographic characters an editor may type that latin-1 (the core fonts) lacks.
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _latin1(text: str) -> str:
    return text.strip().translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _organisation(site_settings) -> str:
    return _latin1(site_settings.organisation_name)


def _phone(site_settings) -> str:
    """The hotline number in international form, e.g. +45 48 23 10 00."""
    try:
        return f"+45 {format_pairs(normalise_danish_phone(site_settings.hotline_phone))}"
    except ValidationError:  # saved without the admin's validation: printed as it was typed
        return _latin1(site_settings.hotline_phone)


def sections(site_settings) -> list[tuple[str, list[str]]]:
    """The brochure's sections (heading, paragraphs), with the organisation and hotline of
    `site_settings`."""
    organisation, phone = _organisation(site_settings), _phone(site_settings)
    return [
        (
            "Our mission",
            [
                (
                    "Symbiose Hillerød aims to promote sustainable innovation and growth "
                    "through strong relationships and new forms of collaboration between "
                    "citizens, associations, companies, the municipality and educational "
                    "institutions."
                ),
            ],
        ),
        (
            "Our goals",
            [
                (
                    "Symbiose Hillerød works purposefully to create a number of examples of "
                    "concrete symbiosis relationships with measurable results and positive "
                    "business cases - in other words, innovative solutions to technical, "
                    "social and environmental challenges."
                ),
                (
                    "We believe that good and effective collaboration is essential. We "
                    "therefore make sure that the participants bring a clear mandate and "
                    "continuity."
                ),
            ],
        ),
        (
            "What a symbiosis is for us",
            [
                (
                    "For Symbiose Hillerød, a symbiosis is the establishment of a "
                    "relationship between two parties with the aim of using a resource "
                    "better - environmentally, socially or economically."
                ),
            ],
        ),
        (
            "Background",
            [
                (
                    "As early as 2013, various parties in Hillerød took the initiative to "
                    "form a traditional industrial symbiosis. But by the end of 2014 it had "
                    "become clear to the participants that a broader approach was needed to "
                    "ensure success."
                ),
                (
                    "At the same time, there was a recognition that new thinking and "
                    "innovation to create sustainable growth require a broader perspective "
                    "- and also a range of different partners from research, public "
                    "authorities, companies and citizens. Symbiose Hillerød became a reality."
                ),
                (
                    "In addition to the traditional technical aspects of symbiosis "
                    "relationships, Symbiose Hillerød therefore also places social, "
                    "environmental and nature-related aspects at the heart of the "
                    "collaboration. This means, for example, a focus on education, skills "
                    "and jobs, but also on making better use of green spaces for exercise "
                    "and other recreational purposes."
                ),
                "Work continues to identify relevant initiatives and stakeholders.",
            ],
        ),
        (
            "How to join",
            [
                (
                    "Citizens, associations, companies, the municipality, schools and "
                    "research institutions with an idea for using a resource better "
                    f"together are welcome to contact Symbiose Hillerød through {organisation}'s "
                    f"main number, {phone}."
                ),
            ],
        ),
        (
            "Contact",
            [
                (
                    f"Symbiose Hillerød is hosted by {organisation}, the municipal "
                    "utility for water, district heating and wastewater in Hillerød."
                ),
                f"Main number: {phone}",
                (
                    "Outside normal opening hours, the main number also reaches on-call "
                    "staff for urgent operational problems with water, heating and "
                    "wastewater."
                ),
            ],
        ),
    ]


ACCENT = (0, 87, 92)
TINT = (226, 240, 239)
TEXT = (38, 44, 46)
MUTED = (110, 120, 122)


class _Brochure(FPDF):
    def __init__(self, organisation: str) -> None:
        super().__init__(format="A4")
        self.organisation = organisation

    def footer(self) -> None:
        self.set_y(-16)
        self.set_draw_color(*TINT)
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
        self.set_font("Helvetica", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 8, f"Symbiose Hillerød - hosted by {self.organisation}")
        self.cell(0, 8, f"{self.page_no()} / {{nb}}", align="R")


def _escape_markdown(text: str) -> str:
    for marker in FPDF.MARKDOWN_MARKERS:
        text = text.replace(marker, FPDF.MARKDOWN_ESCAPE_CHARACTER + marker)
    return text


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 15)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_fill_color(*ACCENT)
    pdf.rect(pdf.l_margin, pdf.y + 0.5, 14, 0.9, style="F")
    pdf.ln(4)


def build_brochure(site_settings) -> bytes:
    """Return the English brochure as PDF bytes, with the organisation and hotline number of
    `site_settings` (a SiteSettings). The same settings give the same bytes."""
    organisation = _organisation(site_settings)
    pdf = _Brochure(organisation)
    pdf.set_title(PDF_TITLE)
    pdf.set_lang("en")
    pdf.set_author(f"Symbiose Hillerød / {organisation}")
    pdf.set_subject(SUBJECT)
    pdf.set_creator("Symbiose Hillerød website")
    pdf.set_creation_date(CREATED)
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=24)
    pdf.add_page()

    # Title block: full-width coloured band.
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 78, style="F")
    pdf.set_xy(pdf.l_margin, 24)
    pdf.set_text_color(*TINT)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(0, 5, f"HOSTED BY {organisation.upper()}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Helvetica", "B", 32)
    pdf.cell(0, 14, HEADING, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 15)
    pdf.set_text_color(*TINT)
    pdf.cell(0, 9, SUBTITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(88)

    for title, paragraphs in sections(site_settings):
        _heading(pdf, title)
        pdf.set_font("Helvetica", "", 11)
        pdf.set_text_color(*TEXT)
        if title == "Contact":  # tinted panel, phone number in bold
            paragraphs = [_escape_markdown(t) for t in paragraphs]  # editors' text stays text
            text = "\n\n".join(f"**{t}**" if t.startswith("Main number") else t for t in paragraphs)
            pdf.set_fill_color(*TINT)
            pdf.multi_cell(0, 5.6, text, fill=True, padding=6, markdown=True, align="L")
            continue
        for text in paragraphs:
            height = pdf.multi_cell(0, 5.6, text, dry_run=True, output="HEIGHT")
            if pdf.will_page_break(height):
                pdf.add_page()
            pdf.multi_cell(0, 5.6, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.4)

    return bytes(pdf.output())
