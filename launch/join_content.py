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

# English: our own rendering, keyed by the Danish text as wagtail-localize extracts it from the
# Danish page (title, slug, description, each paragraph, each field's label, help text and
# choices). load_launch_content imports it as the English translation (launch/translation.py).
ENGLISH_KINDS = [
    "Citizen or group of citizens",
    "Association",
    "Company",
    "Municipality or other public body",
    "School, education or research",
    "Other",
]
JOIN_ENGLISH = {
    JOIN_TITLE: "Join Symbiose Hillerød",
    JOIN_SLUG: "join",
    JOIN_DESCRIPTION: (
        "Does your organisation have a resource, a need or an idea? Tell us about it, and "
        "together we will find out whether it can become a symbiosis."
    ),
    JOIN_INTRO.removeprefix("<p>").removesuffix("</p>"): (
        "Symbiose Hillerød is for citizens, associations, companies, the municipality, schools "
        "and researchers. If you have a resource you do not use to the full – surplus heat, "
        "water, materials, premises or knowledge – or an idea for working together, tell us "
        "about it. We will get back to you and find out together whether there is a symbiosis."
    ),
    JOIN_CONSENT.removeprefix("<p>").removesuffix("</p>"): (
        "When you send the form, we store what you wrote: organisation, contact person, e-mail, "
        "phone (if you gave it), kind of organisation and your resource or idea. We use it to "
        "contact you about working together in Symbiose Hillerød. It is processed by Hillerød "
        "Forsyning, which runs the network, and is not passed on to anyone else without your "
        "consent."
    ),
    JOIN_THANKS.removeprefix("<p>").removesuffix("</p>"): (
        "Thank you for your interest in Symbiose Hillerød. We have received your details and "
        "will get back to you as soon as we can."
    ),
    "Organisation": "Organisation",
    "Kontaktperson": "Contact person",
    "E-mail": "E-mail",
    "Telefon": "Phone",
    "Type af organisation": "Kind of organisation",
    # A multi-line text is one segment, its lines joined by <br/>.
    "<br/>".join(KINDS): "<br/>".join(ENGLISH_KINDS),
    "Jeres ressource eller idé": "Your resource or idea",
    JOIN_FIELDS[5][6]: (
        "Tell us briefly what you have, what you need or what you would like to start – for "
        "example surplus heat, water, materials, premises or knowledge."
    ),
    JOIN_FIELDS[6][1]: (
        "I have read the text above and agree that my data is processed as described"
    ),
}
