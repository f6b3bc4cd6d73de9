"""Nyheder at launch: the news listing and news from the network's documented history, in our
own words, each with its source (launch/network_content.py has the same facts on /historie/).
Where a source gives only the month, the news is dated the first of that month and says so.
No figure is added to what the sources say. English: NEWS_ENGLISH below.
"""

import uuid
from datetime import date

from .network_content import C4_NEWSLETTER, FORSYNING_DOCUMENTS, SN_WASTEWATER

INDEX_TITLE = "Nyheder"
INDEX_SLUG = "nyheder"
INDEX_INTRO = "Nyt fra Symbiose Hillerød: netværkets symbioser, temagrupper og historie."

MONTH_ONLY = "Kilden oplyser kun måneden, så nyheden er dateret den første i måneden."

NEWS = [
    {
        "slug": "fem-temagrupper-dannes",
        "title": "Netværket organiseres i fem temagrupper",
        "date": date(2017, 4, 1),
        "teaser": (
            "I april 2017 mødtes netværket hos Pharmakon og organiserede sig på ny i fem "
            "temagrupper. Grupperne fik deres planer godkendt i juni samme år."
        ),
        "paragraphs": [
            "Ved et møde hos Pharmakon i april 2017 blev Symbiose Hillerød organiseret på ny. "
            "Deltagerne dannede fem temagrupper, som hver samler parter om et fælles emne.",
            "Temagruppernes planer blev godkendt i juni 2017.",
            MONTH_ONLY,
        ],
        "theme_groups": [
            "vand-og-spildevand",
            "affald",
            "energi",
            "infrastruktur",
            "kompetence-og-uddannelse",
        ],
        "symbioses": [],
        "sources": [FORSYNING_DOCUMENTS],
    },
    {
        "slug": "foerste-konkrete-resultat-spildevandsledning",
        "title": "Første konkrete resultat: en ledning til surt spildevand",
        "date": date(2017, 5, 19),
        "teaser": (
            "Sjællandske Nyheder fortalte den 19. maj 2017 om netværkets første konkrete "
            "resultat: en spildevandsledning, der tåler surt procesvand fra Novo Nordisk og Biogen."
        ),
        "paragraphs": [
            "Hillerød Forsyning har lagt en ny plastledning, der kan tåle surt procesvand. Så kan "
            "Novo Nordisk og Biogen lede spildevand fra rengøring af tanke ud uden først at "
            "neutralisere det med kemikalier.",
            "Byens kalkholdige vand neutraliserer syren, og renseanlægget tager sig af resten. "
            "Avisen omtalte ledningen som det første konkrete resultat af Symbiose Hillerød.",
        ],
        "theme_groups": ["vand-og-spildevand"],
        "symbioses": ["syretaalende-spildevandsledning"],
        "sources": [SN_WASTEWATER],
    },
    {
        "slug": "kernegruppe-og-partnere-2019",
        "title": "Sådan så netværket ud i 2019",
        "date": date(2020, 1, 27),
        "teaser": (
            "C4's nytårsbrev fra januar 2020 fortæller, hvem der i 2019 stod i spidsen for "
            "Symbiose Hillerød, og hvem der var tætte samarbejdspartnere."
        ),
        "paragraphs": [
            "I 2019 bestod kerne- og styregruppen af Novo Nordisk, FUJIFILM Diosynth "
            "Biotechnologies, C4, Region Hovedstaden og Hillerød Forsyning.",
            "Nordsjællands Hospital, UCC, Cphbusiness, NIRAS og Nødebo Bæredygtigt var tætte "
            "samarbejdspartnere, og NNE A/S drev netværkets sekretariat.",
            "Nytårsbrevet minder også om begyndelsen: Hillerød Forsyning tog initiativ til "
            "netværket i 2014.",
        ],
        "theme_groups": [],
        "symbioses": [],
        "sources": [C4_NEWSLETTER],
    },
]


def news_body(item):
    """A news page's body: one section without a heading, its paragraphs (every block with
    its id, as wagtail-localize needs)."""

    def block(block_type, value):
        return {"type": block_type, "value": value, "id": str(uuid.uuid4())}

    paragraphs = [block("paragraph", f"<p>{text}</p>") for text in item["paragraphs"]]
    return [block("section", {"heading": "", "anchor": "", "content": paragraphs})]


_NEWS_EN = {
    "fem-temagrupper-dannes": (
        "The network organises itself in five theme groups",
        "five-theme-groups-formed",
        "In April 2017 the network met at Pharmakon and reorganised itself in five theme "
        "groups. The groups had their plans approved in June the same year.",
        [
            "At a meeting at Pharmakon in April 2017, Symbiose Hillerød was reorganised. The "
            "participants formed five theme groups, each bringing partners together on a "
            "shared subject.",
            "The theme groups' plans were approved in June 2017.",
            "The source gives only the month, so the news is dated the first of the month.",
        ],
    ),
    "foerste-konkrete-resultat-spildevandsledning": (
        "First concrete result: a sewer for acidic wastewater",
        "first-concrete-result-wastewater-line",
        "On 19 May 2017 Sjællandske Nyheder reported the network's first concrete result: a "
        "sewer that withstands acidic process water from Novo Nordisk and Biogen.",
        [
            "Hillerød Forsyning has laid a new plastic sewer that withstands acidic process "
            "water. Novo Nordisk and Biogen can now discharge wastewater from cleaning their "
            "tanks without first neutralising it with chemicals.",
            "The town's calcareous water neutralises the acid, and the treatment plant handles "
            "the rest. The newspaper called the sewer the first concrete result of Symbiose "
            "Hillerød.",
        ],
    ),
    "kernegruppe-og-partnere-2019": (
        "What the network looked like in 2019",
        "the-network-in-2019",
        "C4's New Year letter of January 2020 tells who led Symbiose Hillerød in 2019, and who "
        "its close partners were.",
        [
            "In 2019 the core and steering group were Novo Nordisk, FUJIFILM Diosynth "
            "Biotechnologies, C4, the Capital Region of Denmark (Region Hovedstaden) and "
            "Hillerød Forsyning.",
            "Nordsjællands Hospital, UCC, Cphbusiness, NIRAS and Nødebo Bæredygtigt were close "
            "partners, and NNE A/S ran the network's secretariat.",
            "The New Year letter also recalls the beginning: Hillerød Forsyning took the "
            "initiative to the network in 2014.",
        ],
    ),
}

NEWS_ENGLISH = {
    INDEX_TITLE: "News",
    INDEX_SLUG: "news",
    f"<p>{INDEX_INTRO}</p>": (
        "<p>News from Symbiose Hillerød: the network's symbioses, theme groups and history.</p>"
    ),
    INDEX_INTRO: "News from Symbiose Hillerød: the network's symbioses, theme groups and history.",
}
for _item in NEWS:
    _title, _slug, _teaser, _paragraphs = _NEWS_EN[_item["slug"]]
    NEWS_ENGLISH[_item["title"]] = _title
    NEWS_ENGLISH[_item["slug"]] = _slug
    NEWS_ENGLISH[_item["teaser"]] = _teaser
    NEWS_ENGLISH.update(zip(_item["paragraphs"], _paragraphs, strict=True))
