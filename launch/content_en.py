"""The English launch content: our own English rendering of the Danish launch text.

Keyed by the Danish text, as wagtail-localize extracts it from the Danish pages (titles, slugs,
introductions, each paragraph and heading): load_launch_content imports these as the English
translations, so editors see them in wagtail-localize's editor and are told when the Danish
changes. A Danish launch text without an English one here is a test failure
(tests/test_english.py), never a page half in Danish.
"""

from . import content

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
