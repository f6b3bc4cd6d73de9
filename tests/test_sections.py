"""A content page's body is made of sections: a heading (h2) and its content, moved as one.

The data migration turned the flat body of before (h2 heading, blocks until the next h2) into
sections, losslessly and reversibly; the "På denne side" list comes from the section headings.
"""

import copy
import importlib
import json
import re

from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from pages.models import ContentPage

MIGRATION = importlib.import_module("pages.migrations.0003_body_sections")
flat_to_sections = MIGRATION.flat_to_sections
sections_to_flat = MIGRATION.sections_to_flat


def heading(text, level="h2", anchor="", id=None):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": anchor}, "id": id}


def paragraph(text, id=None):
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": id}


# The Om page's body as it was stored before sections: 11 blocks in a row.
FLAT_OM = [
    heading("Mission", id="h-mission"),
    paragraph("Mission.", id="p-mission"),
    heading("Mål", id="h-mal"),
    paragraph("Mål.", id="p-mal"),
    heading("Definition af symbiose hos os", id="h-definition"),
    paragraph("Definition.", id="p-definition"),
    {"type": "video", "value": {"url": "", "title": "Video"}, "id": "video"},
    heading("Baggrund", anchor="historie", id="h-baggrund"),
    paragraph("Baggrund 1.", id="p-baggrund-1"),
    heading("Fra 2013", level="h3", anchor="", id="h3-2013"),
    paragraph("Baggrund 2.", id="p-baggrund-2"),
    {
        "type": "document",
        "value": {
            "text_before": "I",
            "link_text": "brochuren",
            "text_after": "her.",
            "document": 7,
            "language": "en",
        },
        "id": "document",
    },
]


def section(heading, content, anchor="", id=None):
    block = {"type": "section", "value": {"heading": heading, "anchor": anchor, "content": content}}
    if id is not None:
        block["id"] = id
    return block


def test_flat_body_becomes_sections_with_their_content():
    sections = flat_to_sections(copy.deepcopy(FLAT_OM))
    assert sections == [
        section("Mission", [FLAT_OM[1]], id="h-mission"),
        section("Mål", [FLAT_OM[3]], id="h-mal"),
        section("Definition af symbiose hos os", FLAT_OM[5:7], id="h-definition"),
        section(
            "Baggrund",
            [
                FLAT_OM[8],
                {
                    "type": "subheading",
                    "value": {"text": "Fra 2013", "anchor": ""},
                    "id": "h3-2013",
                },
                FLAT_OM[10],
                FLAT_OM[11],
            ],
            anchor="historie",
            id="h-baggrund",
        ),
    ]


def test_conversion_is_lossless_both_ways():
    sections = flat_to_sections(copy.deepcopy(FLAT_OM))
    assert sections_to_flat(sections) == FLAT_OM
    assert flat_to_sections(sections) == sections  # converting twice changes nothing


def test_blocks_before_the_first_heading_are_kept_in_a_section_without_heading():
    flat = [paragraph("Indledning.", id="intro"), heading("Mission", id="m"), paragraph("Tekst.")]
    sections = flat_to_sections(copy.deepcopy(flat))
    assert sections == [
        section("", [flat[0]]),
        section("Mission", [flat[2]], id="m"),
    ]
    assert sections_to_flat(sections) == flat
    assert flat_to_sections([]) == []


def test_the_new_shape_is_what_the_body_block_stores(db):
    """What the migration writes is read by the body block without losing a block."""
    om = ContentPage(title="Om", body=flat_to_sections(copy.deepcopy(FLAT_OM)))
    assert [block.block_type for block in om.body] == ["section"] * 4
    baggrund = om.body[3].value
    assert [child.block_type for child in baggrund["content"]] == [
        "paragraph",
        "subheading",
        "paragraph",
        "document",
    ]
    assert om.body.raw_data[3]["value"]["content"][1]["id"] == "h3-2013"


def text_of(node):
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def test_on_this_page_lists_the_section_headings(client, launch):
    om = launch["om"]
    body = list(om.body.raw_data)
    untitled = section("", [paragraph("Før første overskrift.")])
    subheading = {"type": "subheading", "value": {"text": "Under Mål", "anchor": "under-mal"}}
    body[1]["value"]["content"].append(subheading)
    body[3]["value"]["anchor"] = "historie"
    om.body = [untitled, body[0], body[2], body[1], body[3]]  # Definition moved above Mål
    om.save_revision().publish()

    assert om.table_of_contents == [
        {"text": "Mission", "anchor": "mission"},
        {"text": "Definition af symbiose hos os", "anchor": "definition-af-symbiose-hos-os"},
        {"text": "Mål", "anchor": "mal"},
        {"text": "Baggrund", "anchor": "historie"},
    ]
    page = BeautifulSoup(client.get(om.url).content, "html.parser")
    toc = page.find("nav", class_="toc")
    assert [(text_of(a), a["href"]) for a in toc.find_all("a")] == [
        ("Mission", "#mission"),
        ("Definition af symbiose hos os", "#definition-af-symbiose-hos-os"),
        ("Mål", "#mal"),
        ("Baggrund", "#historie"),
    ]
    # Every link leads to its section's h2; the subheading is an h3 inside Mål, not listed.
    assert [h["id"] for h in page.main.find_all("h2")] == [
        "mission",
        "definition-af-symbiose-hos-os",
        "mal",
        "historie",
    ]
    assert page.find(id="under-mal").name == "h3"
    assert page.find(id="under-mal").find_previous("h2")["id"] == "mal"
    # The text before the first heading is shown first, without a heading of its own.
    assert "Før første overskrift." in text_of(page.find("div", class_="body"))
    assert page.find(string=re.compile("Før første")).find_previous("h2") is None


# The launch Om page's blocks in the flat body of before.
FLAT_TYPES = ["heading", "paragraph"] * 3 + [
    "video",
    "heading",
    "paragraph",
    "paragraph",
]


def stored_body(page_id):
    """The body as stored in the database, without the block definitions reading it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM pages_contentpage WHERE page_ptr_id = %s", [page_id])
        (body,) = cursor.fetchone()
    return json.loads(body) if isinstance(body, str) else body


def without_ids(data):
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    return data


def revision_body(page_id):
    revision = Page.objects.get(pk=page_id).latest_revision
    revision.refresh_from_db()
    body = revision.content["body"]
    return json.loads(body) if isinstance(body, str) else body


def test_migration_converts_the_stored_body_and_its_revisions_and_back(client, db):
    """The migration's own functions, run backwards and forwards on the test database (running
    `migrate` inside a test would flush the database other tests share under xdist)."""
    call_command("load_launch_content", verbosity=0)
    om = ContentPage.objects.get(slug="om-symbiose-hillerod")
    before = client.get(om.url).content.decode()
    sections, revision_sections = stored_body(om.pk), revision_body(om.pk)
    assert [block["type"] for block in sections] == ["section"] * 4
    assert [block["type"] for block in revision_sections] == ["section"] * 4
    try:
        MIGRATION.backward(django_apps, schema_editor=None)
        flat = stored_body(om.pk)
        assert [block["type"] for block in flat] == FLAT_TYPES
        assert flat[0]["id"] == sections[0]["id"]  # the heading gets the section's id back
        assert [b["value"]["text"] for b in flat if b["type"] == "heading"] == [
            "Mission",
            "Mål",
            "Definition af symbiose hos os",
            "Baggrund",
        ]
        assert [block["type"] for block in revision_body(om.pk)] == FLAT_TYPES
    finally:
        MIGRATION.forward(django_apps, schema_editor=None)  # forward again, in any case

    # The same sections with the same ids; blocks that had none may have got one on the way.
    assert without_ids(stored_body(om.pk)) == without_ids(sections)
    assert [block["id"] for block in stored_body(om.pk)] == [block["id"] for block in sections]
    assert without_ids(revision_body(om.pk)) == without_ids(revision_sections)
    for cache in caches.all():
        cache.clear()
    assert client.get(om.url).content.decode() == before  # rendered afresh, the same page
