"""The launch content: the current "Om Symbiose Hillerød" text, word for word.

Two copy-editing corrections are applied to the source: "traditioneI" -> "traditionel"
and "bæredygtige vækst" -> "bæredygtig vækst".
"""

import uuid
from pathlib import Path

SITE_NAME = "Symbiose Hillerød"

MISSION = (
    "Symbiose Hillerød vil fremme bæredygtig innovation og vækst gennem stærke relationer og "
    "nye samarbejdsformer imellem borgere, foreninger, virksomheder, kommune og "
    "uddannelsesinstitutioner."
)
GOALS = (
    "Symbiose Hillerød arbejder målrettet på at få skabt en række eksempler på konkrete "
    "symbiose-relationer med målbare resultater og positive business cases. Det vil sige at "
    "skabe innovative løsninger på tekniske, sociale og miljømæssige udfordringer. Vi mener, "
    "det er afgørende med et godt og effektivt samarbejde. Og vi sikrer derfor, at der er et "
    "klart mandat og kontinuitet fra deltagerne."
)
DEFINITION = (
    "En symbiose er for Symbiose Hillerød etablering af en relation mellem to parter, der har "
    "til formål at udnytte en ressource mere optimalt miljømæssigt, socialt eller økonomisk - "
    "se video nedenfor."
)
BACKGROUND = [
    "Allerede i 2013 tog forskellige parter i Hillerød initiativ til dannelse af en traditionel "
    "industriel symbiose. Men i slutningen af 2014 blev det klart for deltagerne, at der er "
    "behov for en bredere tilgang for at sikre succes. Og der var samtidig en erkendelse af, at "
    "nytænkning og innovation for at skabe bæredygtig vækst kræver et bredere perspektiv, men "
    "også en række forskellige samarbejdsparter fra forskning, myndigheder, virksomheder og "
    "borgere. Symbiose Hillerød blev en realitet.",
    "Symbiosen Hillerød har således udover de traditionelle tekniske aspekter af symbiose "
    "relationer også sociale, miljø og naturmæssige aspekter som en del af omdrejningspunktet "
    "for samarbejdet. Det betyder f.eks., at uddannelse, kompetencer og job er i fokus men også "
    "bedre udnyttelse af grønne arealer til både motion og andre rekreative formål. Der "
    "arbejdes fortsat på at identificere relevante initiativer og interessenter.",
]
OM_TITLE = "Om Symbiose Hillerød"
OM_SLUG = "om-symbiose-hillerod"
VIDEO_TITLE = "Definition af symbiose hos os"

# The explainer under the definition, built by scripts/build_explainer.py (drawings, captions and
# transcript from one list of scenes) and committed here; load_launch_content loads these files.
EXPLAINER_FOLDER = Path(__file__).resolve().parent / "media"
EXPLAINER_NAME = "symbiose-forklaring"


def explainer_file(suffix):
    """One of the explainer's built files: ".mp4", ".png", ".da.vtt", ".en.vtt", ".da.txt"…"""
    return EXPLAINER_FOLDER / f"{EXPLAINER_NAME}{suffix}"


def explainer_transcript(language):
    return explainer_file(f".{language}.txt").read_text(encoding="utf-8").strip()


EXPLAINER_TRANSCRIPT = explainer_transcript("da")


def as_segment(text):
    """Plain text (a TextBlock's) as wagtail-localize extracts it: line ends become <br/>."""
    return text.replace("\n", "<br/>")


EXPLAINER_TITLES = {  # the titles of its files in the document and image libraries
    ".mp4": "Forklaringsvideo: Hvad er en symbiose?",
    ".png": "Forklaringsvideo: Hvad er en symbiose? (plakat)",
    ".da.vtt": "Forklaringsvideo: Hvad er en symbiose? (danske undertekster)",
    ".en.vtt": "Forklaringsvideo: Hvad er en symbiose? (engelske undertekster)",
}
EXPLAINER_POSTER_DESCRIPTION = "Titlen »Hvad er en symbiose?« over navnet Symbiose Hillerød."
HOME_LINK_TEXT = "Læs mere om Symbiose Hillerød"
# The home page's sections; the figures, symbioses and theme groups come from the catalogue.
HOME_FIGURES_HEADING = "Netværket i tal"
HOME_THEME_GROUPS_HEADING = "Netværkets temagrupper"
HOME_JOIN_HEADING = "Vær med i netværket"
HOME_JOIN_TEXT = (
    "Har I en ressource, der kan udnyttes bedre, eller en idé til en symbiose? Borgere, "
    "foreninger, virksomheder, kommune og uddannelsesinstitutioner er velkomne i netværket."
)
HOME_SECTIONS = {  # HomePage field -> launch text
    "figures_heading": HOME_FIGURES_HEADING,
    "theme_groups_heading": HOME_THEME_GROUPS_HEADING,
    "join_heading": HOME_JOIN_HEADING,
    "join_text": HOME_JOIN_TEXT,
}


def om_body(video=None):
    """The Om page's sections as StreamField data; the video block gets `video` (the
    explainer's files: file, poster, captions, captions_en), or stays empty without it. The
    brochure is linked by the page's template (brochure app), not by a block."""

    # Every block has its id, the nested ones too: wagtail-localize addresses text by them.
    def block(block_type, value):
        return {"type": block_type, "value": value, "id": str(uuid.uuid4())}

    def section(heading, *content):
        return block("section", {"heading": heading, "anchor": "", "content": list(content)})

    def paragraph(text):
        return block("paragraph", f"<p>{text}</p>")

    return [
        section("Mission", paragraph(MISSION)),
        section("Mål", paragraph(GOALS)),
        section(
            "Definition af symbiose hos os",
            paragraph(DEFINITION),
            block("video", video_value(video)),
        ),
        section(
            "Baggrund",
            *(paragraph(text) for text in BACKGROUND),
        ),
    ]


def video_value(video=None):
    """The video block under the definition: the explainer, with its transcript."""
    if not video:
        return {"url": "", "title": VIDEO_TITLE}
    return {"title": VIDEO_TITLE, **video, "transcript": EXPLAINER_TRANSCRIPT, "url": ""}


# The catalogue's listing pages (title, slug, introduction), in menu order.
CATALOGUE_INDEXES = {
    "symbioses.SymbioseIndexPage": (
        "Symbioser",
        "symbioser",
        "Konkrete symbioser i Symbiose Hillerød: relationer mellem to parter, der udnytter en "
        "ressource bedre – med målte resultater og en business case.",
    ),
    "symbioses.PartnerIndexPage": (
        "Partnere",
        "partnere",
        "Borgere, foreninger, virksomheder, kommune, uddannelsesinstitutioner, forskning og "
        "forsyning, der indgår i symbioser.",
    ),
    "symbioses.ThemeGroupIndexPage": (
        "Temagrupper",
        "temagrupper",
        "Netværket arbejder i fem temagrupper.",
    ),
}

# The five theme groups the network works in.
THEME_GROUPS = [
    ("Vand og spildevand", "vand-og-spildevand", "vand og spildevand"),
    ("Affald", "affald", "affald og genbrug af materialer"),
    ("Energi (fjernvarme og fjernkøl)", "energi", "energi: fjernvarme og fjernkøl"),
    ("Infrastruktur", "infrastruktur", "infrastruktur"),
    ("Kompetence og uddannelse", "kompetence-og-uddannelse", "kompetencer, uddannelse og job"),
]


def theme_group_description(topic):
    return f"<p>Temagruppen samler parter, der skaber symbioser inden for {topic}.</p>"


# Wagtail's first migration creates an approval workflow and its task with this English name;
# load_launch_content gives both the Danish one while they still have it.
WAGTAIL_WORKFLOW_NAME = "Moderators approval"
WORKFLOW_NAME = "Godkendelse ved moderator"
