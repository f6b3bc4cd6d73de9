"""The launch content of the join form page ("Bliv en del af Symbiose Hillerød"), in Danish;
load_launch_content creates the page from it (`join_page`). Editors change all of it in the
admin afterwards: texts, fields, labels and choices. The fields' names (clean_name) are fixed
here so submissions have the same keys in every language."""

JOIN_TITLE = "Bliv en del af Symbiose Hillerød"
JOIN_SLUG = "bliv-en-del-af-symbiose-hillerod"
JOIN_DESCRIPTION = (
    "Har din organisation en ressource, et behov eller en idé? Fortæl os om den, så finder vi "
    "sammen ud af, om den kan blive til en symbiose."
)
JOIN_INTRO = (
    "<p>Symbiose Hillerød er for borgere, foreninger, virksomheder, kommunen, skoler og "
    "forskere. Har I en ressource, I ikke udnytter fuldt ud – overskudsvarme, vand, materialer, "
    "lokaler eller viden – eller en idé til et samarbejde, så fortæl os om det. Vi vender "
    "tilbage og finder sammen ud af, om der er en symbiose.</p>"
)
JOIN_CONSENT = (
    "<p>Når du sender formularen, gemmer vi det, du har skrevet: organisation, kontaktperson, "
    "e-mail, telefon (hvis du har skrevet det), type af organisation og jeres ressource eller "
    "idé. Vi bruger oplysningerne til at kontakte dig om et muligt samarbejde i Symbiose "
    "Hillerød. De behandles af Hillerød Forsyning, som driver netværket, og gives ikke videre "
    "til andre uden din accept.</p>"
)
JOIN_THANKS = (
    "<p>Tak for din interesse for Symbiose Hillerød. Vi har modtaget dine oplysninger og vender "
    "tilbage til dig hurtigst muligt.</p>"
)
KINDS = [
    "Borger eller borgergruppe",
    "Forening",
    "Virksomhed",
    "Kommune eller anden offentlig myndighed",
    "Skole, uddannelse eller forskning",
    "Andet",
]
# (clean_name, label, field_type, required, autocomplete, choices, help_text)
JOIN_FIELDS = [
    ("organisation", "Organisation", "singleline", True, "organization", [], ""),
    ("contact_person", "Kontaktperson", "singleline", True, "name", [], ""),
    ("email", "E-mail", "email", True, "email", [], ""),
    ("phone", "Telefon", "singleline", False, "tel", [], ""),
    ("kind", "Type af organisation", "dropdown", True, "", KINDS, ""),
    (
        "resource",
        "Jeres ressource eller idé",
        "multiline",
        True,
        "",
        [],
        "Fortæl kort, hvad I har, hvad I mangler, eller hvad I gerne vil i gang med – fx "
        "overskudsvarme, vand, materialer, lokaler eller viden.",
    ),
    (
        "consent",
        "Jeg har læst teksten ovenfor og giver samtykke til, at mine oplysninger behandles "
        "som beskrevet",
        "checkbox",
        True,
        "",
        [],
        "",
    ),
]
