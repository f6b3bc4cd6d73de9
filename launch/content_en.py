"""The English launch content: our own English rendering of the Danish launch text.

Keyed by the Danish text, as wagtail-localize extracts it from the Danish pages (titles, slugs,
introductions, each paragraph and heading): load_launch_content imports these as the English
translations, so editors see them in wagtail-localize's editor and are told when the Danish
changes. A Danish launch text without an English one here is a test failure
(tests/test_english.py), never a page half in Danish.
"""

from . import content, network_content

ENGLISH_MISSION = (
    "Symbiose Hillerød aims to promote sustainable innovation and growth through strong "
    "relationships and new forms of cooperation between citizens, associations, companies, the "
    "municipality and educational institutions."
)

ENGLISH = {
    # The home page
    "forside": "home",
    content.SITE_NAME: content.SITE_NAME,
    content.MISSION: ENGLISH_MISSION,
    content.HOME_LINK_TEXT: "Read more about Symbiose Hillerød",
    content.HOME_FIGURES_HEADING: "The network in figures",
    content.HOME_THEME_GROUPS_HEADING: "The network's theme groups",
    content.HOME_JOIN_HEADING: "Take part in the network",
    content.HOME_JOIN_TEXT: (
        "Do you have a resource that could be used better, or an idea for a symbiosis? "
        "Citizens, associations, companies, the municipality and educational institutions are "
        "welcome in the network."
    ),
    # Om Symbiose Hillerød
    content.OM_TITLE: "About Symbiose Hillerød",
    content.OM_SLUG: "about",
    "Mission": "Mission",
    "Mål": "Goals",
    "Definition af symbiose hos os": "What a symbiosis means to us",
    "Baggrund": "Background",
    content.GOALS: (
        "Symbiose Hillerød works purposefully to create a number of concrete symbiosis "
        "relationships with measurable results and positive business cases: innovative "
        "solutions to technical, social and environmental challenges. We believe that good and "
        "effective cooperation is essential, so we make sure that the participants give a clear "
        "mandate and continuity."
    ),
    content.DEFINITION: (
        "For Symbiose Hillerød, a symbiosis is a relationship between two parties that aims to "
        "use a resource better, environmentally, socially or economically. See the video below."
    ),
    # The explainer's transcript, built with the Danish one by scripts/build_explainer.py
    content.as_segment(content.EXPLAINER_TRANSCRIPT): content.as_segment(
        content.explainer_transcript("en")
    ),
    content.BACKGROUND[0]: (
        "As early as 2013, several parties in Hillerød took the initiative to form a "
        "traditional industrial symbiosis. By the end of 2014, however, the participants saw "
        "that a broader approach was needed to succeed. They also recognised that new thinking "
        "and innovation for sustainable growth need a broader perspective, and a range of "
        "partners from research, public authorities, companies and citizens. Symbiose Hillerød "
        "became a reality."
    ),
    content.BACKGROUND[1]: (
        "Besides the traditional technical side of symbiosis relationships, Symbiose Hillerød "
        "therefore puts social, environmental and nature aspects at the heart of the "
        "cooperation. This means, for example, a focus on education, skills and jobs, but also "
        "better use of green spaces for exercise and other recreation. Work continues to "
        "identify relevant initiatives and stakeholders."
    ),
    # The catalogue's listing pages
    "Symbioser": "Symbioses",
    "symbioser": "symbioses",
    content.CATALOGUE_INDEXES["symbioses.SymbioseIndexPage"][2]: (
        "Concrete symbioses in Symbiose Hillerød: relationships between two parties that use a "
        "resource better, with measured results and a business case."
    ),
    "Partnere": "Partners",
    "partnere": "partners",
    content.CATALOGUE_INDEXES["symbioses.PartnerIndexPage"][2]: (
        "Citizens, associations, companies, the municipality, educational institutions, "
        "research and utilities that take part in symbioses."
    ),
    "Temagrupper": "Theme groups",
    "temagrupper": "theme-groups",
    content.CATALOGUE_INDEXES["symbioses.ThemeGroupIndexPage"][2]: (
        "The network works in five theme groups."
    ),
}

# The five theme groups: title, slug and the topic in their description.
_THEME_GROUPS_EN = {
    "vand-og-spildevand": ("Water and wastewater", "water-and-wastewater", "water and wastewater"),
    "affald": ("Waste", "waste", "waste and the reuse of materials"),
    "energi": (
        "Energy (district heating and cooling)",
        "energy",
        "energy: district heating and district cooling",
    ),
    "infrastruktur": ("Infrastructure", "infrastructure", "infrastructure"),
    "kompetence-og-uddannelse": (
        "Skills and education",
        "skills-and-education",
        "skills, education and jobs",
    ),
}
for _title, _slug, _topic in content.THEME_GROUPS:
    _title_en, _slug_en, _topic_en = _THEME_GROUPS_EN[_slug]
    ENGLISH[_title] = _title_en
    ENGLISH[_slug] = _slug_en
    ENGLISH[content.theme_group_description(_topic)[3:-4]] = (
        f"The theme group brings together parties that create symbioses in {_topic_en}."
    )

# The network's real partners, symbioses and history (launch/network_content.py) -----------------

ENGLISH.update(
    {
        # Partners: names stay as they are; slugs too.
        **{title: title for _slug, title, *_rest in network_content.PARTNERS},
        **{slug: slug for slug, *_rest in network_content.PARTNERS},
    }
)
_CORE_2019_EN = "In 2019 {name} was in the network's core and steering group."
_CLOSE_2019_EN = "In 2019 {name} was one of the network's close partners."
_PARTNER_DESCRIPTIONS_EN = {
    "hilleroed-forsyning": (
        "The utility for water, wastewater and district heating in Hillerød. It took the "
        "initiative to Symbiose Hillerød in 2014 and was in the network's core and steering "
        "group in 2019."
    ),
    "novo-nordisk": "A company with production in Hillerød. "
    + _CORE_2019_EN.format(name="Novo Nordisk"),
    "fujifilm-diosynth-biotechnologies": "A company with production in Hillerød. "
    + _CORE_2019_EN.format(name="FUJIFILM"),
    "biogen": (
        "A company with production in Hillerød. Like Novo Nordisk, Biogen uses Hillerød "
        "Forsyning's acid-resistant sewer for acidic water from cleaning its tanks."
    ),
    "c4": (
        "Hillerød's business association and knowledge centre (C4 Videncenter), with more than "
        "500 member companies. " + _CORE_2019_EN.format(name="C4")
    ),
    "region-hovedstaden": (
        "The Capital Region of Denmark, which is behind the new hospital Nyt Hospital "
        "Nordsjælland in Hillerød. " + _CORE_2019_EN.format(name="the region")
    ),
    "nordsjaellands-hospital": "A hospital in the Capital Region of Denmark. "
    + _CLOSE_2019_EN.format(name="the hospital"),
    "ucc": "An educational institution. " + _CLOSE_2019_EN.format(name="UCC"),
    "cphbusiness": "An educational institution. " + _CLOSE_2019_EN.format(name="Cphbusiness"),
    "niras": "A company. " + _CLOSE_2019_EN.format(name="NIRAS"),
    "noedebo-baeredygtigt": "An initiative in Nødebo. "
    + _CLOSE_2019_EN.format(name="Nødebo Bæredygtigt"),
    "nne": "A company. In 2019 NNE ran the secretariat of Symbiose Hillerød.",
}
for _slug, _title, _kind, _description, _website in network_content.PARTNERS:
    ENGLISH[_description] = _PARTNER_DESCRIPTIONS_EN[_slug]

# Symbioses: slug -> (title, slug, resource, story paragraphs)
_SYMBIOSES_EN = {
    "syretaalende-spildevandsledning": (
        "An acid-resistant sewer for acidic process water",
        "acid-resistant-sewer",
        "Acidic process water from cleaning tanks",
        [
            "When Novo Nordisk and Biogen clean their process tanks, the wastewater is acidic. "
            "Hillerød Forsyning has laid a new plastic (PE) sewer that withstands the "
            "acidic water, so the companies can discharge it without first neutralising it with "
            "chemicals.",
            "About 7.5 million m³ of wastewater a year runs through the sewer, of which Novo "
            "Nordisk accounts for 150,000–200,000 m³. The town's calcareous water neutralises "
            "the acid, and the treatment plant deals with the rest.",
            "In May 2017 the sewer was reported as the first concrete result of Symbiose "
            "Hillerød. There are three parties: Hillerød Forsyning, Novo Nordisk and Biogen. "
            "Here the symbiosis is shown between Novo Nordisk and the utility, because the "
            "source gives only Novo Nordisk's volume of water. The source does not say when the "
            "sewer was taken into use, and no figures have been published for the chemicals "
            "saved.",
        ],
    ),
    "fjernkoel-til-nyt-hospital-nordsjaelland": (
        "District cooling for Nyt Hospital Nordsjælland",
        "district-cooling-for-nyt-hospital-nordsjaelland",
        "Cooling from groundwater",
        [
            "The new hospital Nyt Hospital Nordsjælland is to be cooled by district cooling "
            "based on groundwater. The heat that the cooling takes out of the buildings is sent "
            "on into the district heating network.",
            "The Capital Region of Denmark and Hillerød Forsyning reached the agreement through "
            "the cooperation in Symbiose Hillerød, and the company Hillerød Fjernkøl A/S was set "
            "up to deliver the cooling.",
            "The sources do not say when the agreement was made, or whether deliveries have "
            "started. That is why the symbiosis is shown here as being established.",
        ],
    ),
    "procesdamp-til-fujifilm-og-novo-nordisk": (
        "Process steam from a new steam plant for FUJIFILM and Novo Nordisk",
        "process-steam-for-fujifilm-and-novo-nordisk",
        "Process steam from a shared steam plant",
        [
            "A planned steam plant was to supply process steam to FUJIFILM Diosynth "
            "Biotechnologies and Novo Nordisk from 2023, if it was built, making the factories' "
            "production greener.",
            "We do not know whether the steam plant has been built, and the source does not say "
            "who was to run it. That is why the symbiosis is shown here as an idea between the "
            "two companies that were to share the steam.",
        ],
    ),
}
for _item in network_content.SYMBIOSES:
    _title_en, _slug_en, _resource_en, _story_en = _SYMBIOSES_EN[_item["slug"]]
    ENGLISH[_item["title"]] = _title_en
    ENGLISH[_item["slug"]] = _slug_en
    ENGLISH[_item["resource"]] = _resource_en
    ENGLISH.update(zip(_item["story"], _story_en, strict=True))

# Historie
HISTORY_MILESTONES_EN = [
    "Parties in Hillerød join forces to form a traditional industrial symbiosis.",
    "Hillerød Forsyning takes the initiative to Symbiose Hillerød. More than DKK 25 billion is "
    "expected to be invested in the municipality in 2015–2025.",
    "At the end of the year the participants broaden the cooperation to cover social issues, "
    "nature and education as well.",
    "A meeting on infrastructure at C4.",
    "The network is reorganised at a meeting at Pharmakon, where the five theme groups are formed.",
    "Sjællandske Nyheder reports the network's first concrete result: a sewer that withstands "
    "acidic process water from Novo Nordisk and Biogen.",
    "The theme groups' plans are approved.",
    "A workshop at C4 with experts from Ouroboros, Orbicon and CLEAN.",
    "The core and steering group are Novo Nordisk, FUJIFILM Diosynth Biotechnologies, C4, the "
    "Capital Region of Denmark (Region Hovedstaden) and Hillerød Forsyning. Nordsjællands "
    "Hospital, UCC, Cphbusiness, NIRAS and Nødebo Bæredygtigt are close partners, and NNE A/S "
    "runs the secretariat.",
    "The network's priorities: reusing water and separate sewers, transport and charging "
    "electric cars, waste, small and medium-sized companies, utilities ready for new "
    "companies, nature and climate adaptation, and documenting the effects.",
]
ENGLISH.update(
    {
        network_content.HISTORY_TITLE: "Our history",
        network_content.HISTORY_SLUG: "history",
        network_content.HISTORY_INTRO: (
            "Symbiose Hillerød began as an industrial symbiosis in 2013. Here are the network's "
            "milestones, as far as public sources describe them."
        ),
        network_content.HISTORY_MILESTONES_HEADING: "Milestones",
        network_content.HISTORY_NETWORK_HEADING: "The network",
    }
)
ENGLISH.update(
    zip(
        [text for _date, _precision, text, _source in network_content.MILESTONES],
        HISTORY_MILESTONES_EN,
        strict=True,
    )
)

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def _source_title_en(source):
    """A Danish source's title stays Danish, and is said to be in Danish."""
    title, _url, publisher, published = source
    when = f"{published.day} {_MONTHS[published.month - 1]} {published.year}, " if published else ""
    return f"{publisher}: {title} ({when}in Danish)"


for _date, _precision, _text, _source in network_content.MILESTONES:
    if _source != network_content.OM_PAGE:
        ENGLISH[network_content.source_title(_source)] = _source_title_en(_source)

# The paragraph on the network, as wagtail-localize extracts it (its link becomes <a id="a1">).
ENGLISH[f'{network_content.HISTORY_NETWORK_TEXT} Kilde: <a id="a1">C4: Symbiose Hillerød</a>.'] = (
    "Any organisation can join Symbiose Hillerød; the steering group are the paying members. "
    "The network puts particular weight on the UN's Sustainable Development Goal 17 on "
    'partnerships. Source: <a id="a1">C4: Symbiose Hillerød (in Danish)</a>.'
)
