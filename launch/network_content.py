"""The network's real partners, symbioses and history at launch, in our own words.

Every statement comes from a public source, linked on the page it supports ("Kilde"); where a
source leaves something open (a date, whether a plant was built), the text says so. No figure
is invented: the only number recorded as a result is the water volume a newspaper reported.
English: launch/content_en.py.
"""

import uuid
from datetime import date

from symbioses.choices import Flow, PartnerKind, Status, Unit

# Sources ----------------------------------------------------------------------------------------
# (title, address, publisher, date or None)

C4_NEWSLETTER = (
    "Symbiose Hillerød – nytårsbrev",
    "https://c4.dk/nyheder/symbiose-hilleroed-nytaarsbrev",
    "C4",
    date(2020, 1, 27),
)
C4_NETWORK = (
    "Symbiose Hillerød",
    "https://c4.dk/symbiose-hilleroed/",
    "C4",
    None,
)
C4_PRIORITIES = (
    "Prioriterede emner",
    "https://c4.dk/symbiose-hilleroed/prioriterede-emner/",
    "C4",
    None,
)
FORSYNING_DOCUMENTS = (
    "Symbiose Hillerød: dokumenter og links",
    "https://hillerodforsyning.dk/omos/organisation/symbiose/dokumenter-og-links/",
    "Hillerød Forsyning",
    None,
)
SN_WASTEWATER = (
    "Ny ledning klarer fabrikkers spildevand",
    "https://sn.dk/Hilleroed/Ny-ledning-klarer-fabrikkers-spildevand/artikel/656391",
    "Sjællandske Nyheder",
    date(2017, 5, 19),
)
REGION_COOLING = (
    "Grønt samarbejde mellem nyt hospital og Hillerød Forsyning",
    "https://regionh.dk/nythospitalnordsjaelland/nyheder/",
    "Region Hovedstaden",
    None,
)
DBDH_FORSYNING = (
    "Hillerød Forsyning",
    "https://dbdh.dk/members/hillerod-forsyning/",
    "DBDH",
    None,
)
SN_STEAM = (
    "Dampværk gør fabrikker grønnere",
    "https://sn.dk/Hilleroed/Dampvaerk-goer-fabrikker-groennere/artikel/1345427",
    "Sjællandske Nyheder",
    None,
)

# Partners ---------------------------------------------------------------------------------------
# (slug, title, kind, short description, website or "" when the sources give none)

CORE_2019 = "I 2019 var {name} med i netværkets kerne- og styregruppe."
CLOSE_2019 = "I 2019 var {name} en af netværkets tætte samarbejdspartnere."

PARTNERS = [
    (
        "hilleroed-forsyning",
        "Hillerød Forsyning",
        PartnerKind.UTILITY,
        "Forsyningen for vand, spildevand og fjernvarme i Hillerød. Den tog i 2014 initiativ "
        "til Symbiose Hillerød og var i 2019 med i netværkets kerne- og styregruppe.",
        "https://hillerodforsyning.dk/",
    ),
    (
        "novo-nordisk",
        "Novo Nordisk",
        PartnerKind.COMPANY,
        "Virksomhed med produktion i Hillerød. " + CORE_2019.format(name="Novo Nordisk"),
        "",
    ),
    (
        "fujifilm-diosynth-biotechnologies",
        "FUJIFILM Diosynth Biotechnologies",
        PartnerKind.COMPANY,
        "Virksomhed med produktion i Hillerød. " + CORE_2019.format(name="FUJIFILM"),
        "",
    ),
    (
        "biogen",
        "Biogen",
        PartnerKind.COMPANY,
        "Virksomhed med produktion i Hillerød. Biogen bruger ligesom Novo Nordisk Hillerød "
        "Forsynings syretålende spildevandsledning til surt vand fra rengøring af tanke.",
        "",
    ),
    (
        "c4",
        "C4",
        PartnerKind.ASSOCIATION,
        "Hillerøds erhvervsforening og videncenter (C4 Videncenter) med mere end 500 "
        "medlemsvirksomheder. " + CORE_2019.format(name="C4"),
        "https://c4.dk/",
    ),
    (
        "region-hovedstaden",
        "Region Hovedstaden",
        PartnerKind.MUNICIPALITY,
        "Regionen står bag Nyt Hospital Nordsjælland i Hillerød. "
        + CORE_2019.format(name="Region Hovedstaden"),
        "https://regionh.dk/",
    ),
    (
        "nordsjaellands-hospital",
        "Nordsjællands Hospital",
        PartnerKind.MUNICIPALITY,
        "Hospital i Region Hovedstaden. " + CLOSE_2019.format(name="hospitalet"),
        "",
    ),
    (
        "ucc",
        "UCC",
        PartnerKind.EDUCATION,
        "Uddannelsesinstitution. " + CLOSE_2019.format(name="UCC"),
        "",
    ),
    (
        "cphbusiness",
        "Cphbusiness",
        PartnerKind.EDUCATION,
        "Uddannelsesinstitution. " + CLOSE_2019.format(name="Cphbusiness"),
        "",
    ),
    ("niras", "NIRAS", PartnerKind.COMPANY, "Virksomhed. " + CLOSE_2019.format(name="NIRAS"), ""),
    (
        "noedebo-baeredygtigt",
        "Nødebo Bæredygtigt",
        PartnerKind.CITIZEN,
        "Initiativ i Nødebo. " + CLOSE_2019.format(name="Nødebo Bæredygtigt"),
        "",
    ),
    (
        "nne",
        "NNE A/S",
        PartnerKind.COMPANY,
        "Virksomhed. I 2019 drev NNE sekretariatet for Symbiose Hillerød.",
        "",
    ),
]

# Symbioses --------------------------------------------------------------------------------------

WASTEWATER_RESULT = (
    "Surt procesvand ledt uden kemisk neutralisering (150.000–200.000 m³ om året)",
    "150000",
    Unit.WATER,
    2017,
    "Sjællandske Nyheder, 19. maj 2017: Novo Nordisk leder 150.000–200.000 m³ om året i "
    "ledningen. Vist med den laveste værdi; det er en vandmængde, ikke en målt besparelse.",
)

# Each: slug, title, partner_a, partner_b (slugs), flow, resource, (environmental, social,
# economic), theme group slug or None, status, story paragraphs, results, sources.
SYMBIOSES = [
    {
        "slug": "syretaalende-spildevandsledning",
        "title": "Syretålende spildevandsledning til surt procesvand",
        "partner_a": "novo-nordisk",
        "partner_b": "hilleroed-forsyning",
        "flow": Flow.A_TO_B,
        "resource": "Surt procesvand fra rengøring af tanke",
        "dimensions": (True, False, True),
        "theme_group": "vand-og-spildevand",
        "status": Status.OPERATING,
        "story": [
            "Når Novo Nordisk og Biogen gør deres procestanke rene, er spildevandet surt. "
            "Hillerød Forsyning har lagt en ny spildevandsledning af plast (PE), som kan tåle "
            "det sure vand. Derfor kan virksomhederne lede vandet ud uden først at neutralisere "
            "det med kemikalier.",
            "I ledningen løber omkring 7,5 mio. m³ spildevand om året, og Novo Nordisk står for "
            "150.000–200.000 m³ af dem. Byens kalkholdige vand neutraliserer syren, og "
            "renseanlægget tager sig af resten.",
            "Ledningen blev i maj 2017 omtalt som det første konkrete resultat af Symbiose "
            "Hillerød. Der er tre parter: Hillerød Forsyning, Novo Nordisk og Biogen. Her er "
            "symbiosen vist mellem Novo Nordisk og forsyningen, fordi kilden kun oplyser Novo "
            "Nordisks vandmængde. Kilden oplyser ikke, hvornår ledningen blev taget i brug, og "
            "der er ikke offentliggjort tal for, hvor mange kemikalier der spares.",
        ],
        "results": [WASTEWATER_RESULT],
        "sources": [SN_WASTEWATER],
    },
    {
        "slug": "fjernkoel-til-nyt-hospital-nordsjaelland",
        "title": "Fjernkøling til Nyt Hospital Nordsjælland",
        "partner_a": "hilleroed-forsyning",
        "partner_b": "region-hovedstaden",
        "flow": Flow.A_TO_B,
        "resource": "Køling fra grundvand",
        "dimensions": (True, False, True),
        "theme_group": "energi",
        "status": Status.ESTABLISHING,
        "story": [
            "Nyt Hospital Nordsjælland skal køles med fjernkøling, der bygger på grundvand. Den "
            "varme, kølingen tager ud af bygningerne, sendes videre ind i fjernvarmenettet.",
            "Region Hovedstaden og Hillerød Forsyning nåede frem til aftalen gennem samarbejdet "
            "i Symbiose Hillerød, og selskabet Hillerød Fjernkøl A/S blev oprettet for at "
            "levere kølingen.",
            "Kilderne oplyser ikke, hvornår aftalen blev indgået, eller om leverancerne er gået "
            "i gang. Derfor står symbiosen her som under etablering.",
        ],
        "results": [],
        "sources": [REGION_COOLING, DBDH_FORSYNING],
    },
    {
        "slug": "procesdamp-til-fujifilm-og-novo-nordisk",
        "title": "Procesdamp fra et nyt dampværk til FUJIFILM og Novo Nordisk",
        "partner_a": "fujifilm-diosynth-biotechnologies",
        "partner_b": "novo-nordisk",
        "flow": Flow.NONE,
        "resource": "Procesdamp fra et fælles dampværk",
        "dimensions": (True, False, False),
        "theme_group": None,
        "status": Status.IDEA,
        "story": [
            "Et planlagt dampværk skulle fra 2023 levere procesdamp til FUJIFILM Diosynth "
            "Biotechnologies og Novo Nordisk, hvis det blev bygget, og dermed gøre fabrikkernes "
            "produktion grønnere.",
            "Vi ved ikke, om dampværket er blevet bygget, og kilden siger ikke, hvem der skulle "
            "drive det. Derfor står symbiosen her som en idé mellem de to virksomheder, der "
            "skulle dele dampen.",
        ],
        "results": [],
        "sources": [SN_STEAM],
    },
]

# Historie ---------------------------------------------------------------------------------------

HISTORY_TITLE = "Historie"
HISTORY_SLUG = "historie"
HISTORY_INTRO = (
    "Symbiose Hillerød begyndte som en industriel symbiose i 2013. Her er netværkets "
    "milepæle, så vidt de er beskrevet i offentlige kilder."
)
HISTORY_MILESTONES_HEADING = "Milepæle"
HISTORY_NETWORK_HEADING = "Netværket"
HISTORY_NETWORK_TEXT = (
    "Alle organisationer kan blive en del af Symbiose Hillerød; styregruppen er de betalende "
    "medlemmer. Netværket lægger særlig vægt på FN's verdensmål 17 om partnerskaber."
)
# Where a milestone comes from our own Om page, its source is that page (source_page).
OM_PAGE = "om"

# (date, precision, text, source: a source tuple above or OM_PAGE)
MILESTONES = [
    (
        date(2013, 1, 1),
        "year",
        "Parter i Hillerød går sammen om at danne en traditionel industriel symbiose.",
        OM_PAGE,
    ),
    (
        date(2014, 1, 1),
        "year",
        "Hillerød Forsyning tager initiativ til Symbiose Hillerød. Der ventes investeret mere "
        "end 25 mia. kr. i kommunen i årene 2015–2025.",
        C4_NEWSLETTER,
    ),
    (
        date(2014, 1, 1),
        "year",
        "I slutningen af året udvider deltagerne samarbejdet, så det også handler om sociale "
        "forhold, natur og uddannelse.",
        OM_PAGE,
    ),
    (date(2017, 1, 1), "month", "Møde om infrastruktur hos C4.", FORSYNING_DOCUMENTS),
    (
        date(2017, 4, 1),
        "month",
        "Netværket organiseres på ny ved et møde hos Pharmakon, hvor de fem temagrupper bliver "
        "dannet.",
        FORSYNING_DOCUMENTS,
    ),
    (
        date(2017, 5, 19),
        "day",
        "Sjællandske Nyheder fortæller om netværkets første konkrete resultat: en "
        "spildevandsledning, der tåler surt procesvand fra Novo Nordisk og Biogen.",
        SN_WASTEWATER,
    ),
    (date(2017, 6, 1), "month", "Temagruppernes planer bliver godkendt.", FORSYNING_DOCUMENTS),
    (
        date(2017, 11, 1),
        "month",
        "Workshop hos C4 med eksperter fra Ouroboros, Orbicon og CLEAN.",
        FORSYNING_DOCUMENTS,
    ),
    (
        date(2019, 1, 1),
        "year",
        "Kerne- og styregruppen består af Novo Nordisk, FUJIFILM Diosynth Biotechnologies, C4, "
        "Region Hovedstaden og Hillerød Forsyning. Nordsjællands Hospital, UCC, Cphbusiness, "
        "NIRAS og Nødebo Bæredygtigt er tætte samarbejdspartnere, og NNE A/S driver "
        "sekretariatet.",
        C4_NEWSLETTER,
    ),
    (
        date(2022, 1, 1),
        "year",
        "Netværket prioriterer genbrug af vand og separat kloakering, transport og opladning "
        "af elbiler, affald, små og mellemstore virksomheder, forsyning klar til nye "
        "virksomheder, natur og klimatilpasning samt dokumentation af effekterne.",
        C4_PRIORITIES,
    ),
]


def source_title(source):
    """How a milestone names its source: publisher and title, and the date when known."""
    title, _url, publisher, published = source
    text = f"{publisher}: {title}"
    if published:
        text += f" ({published.day}. {DANISH_MONTHS[published.month - 1]} {published.year})"
    return text


DANISH_MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


def history_body(om_page_id):
    """The Historie page's sections as StreamField data (every block with its id, as
    wagtail-localize needs)."""

    def block(block_type, value):
        return {"type": block_type, "value": value, "id": str(uuid.uuid4())}

    def event(when, precision, text, source):
        value = {"date": when.isoformat(), "precision": precision, "text": text}
        if source == OM_PAGE:
            value.update(source_title="Om Symbiose Hillerød", source_url="", source_page=om_page_id)
        else:
            value.update(source_title=source_title(source), source_url=source[1], source_page=None)
        return {"type": "item", "value": value, "id": str(uuid.uuid4())}

    timeline = block("timeline", {"events": [event(*milestone) for milestone in MILESTONES]})
    network_text = (
        f'<p>{HISTORY_NETWORK_TEXT} Kilde: <a href="{C4_NETWORK[1]}">C4: Symbiose Hillerød</a>.</p>'
    )
    return [
        block(
            "section",
            {"heading": HISTORY_MILESTONES_HEADING, "anchor": "", "content": [timeline]},
        ),
        block(
            "section",
            {
                "heading": HISTORY_NETWORK_HEADING,
                "anchor": "",
                "content": [block("paragraph", network_text)],
            },
        ),
    ]
