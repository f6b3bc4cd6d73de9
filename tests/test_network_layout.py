"""The network diagram: layout (pure Python), the SVG template, and the geometry of the SVG that
pages serve (launch content, examples) and of a dense network: every label horizontal, whole,
inside the view box, clear of every line, node and other label.

Label widths are measured here with the font itself (DejaVu Sans, through Pillow), not with the
layout's own estimate, and heights from the font's ascent and descent."""

import itertools
import math
import os
import random
import re

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation
from PIL import ImageFont

from symbioses.models import PartnerPage, SymbiosePage
from symbioses.network import (
    DENSE_EDGES,
    PARTNER_KINDS,
    ROW,
    SHAPE_REACH,
    SHAPES,
    Diagram,
    Edge,
    Node,
    collation_key,
    curve_points,
    layout,
    segment_hits_box,
    svg_number,
    text_width,
)

TEMPLATE = "symbioses/includes/network_diagram.html"
KINDS = [kind for kind, _label in PARTNER_KINDS]
NUMBER = r"-?\d+(?:\.\d+)?"


def small():
    nodes = [
        Node("f", "Hillerød Forsyning", "forsyning", "/partnere/forsyning/"),
        Node("k", "Hillerød Kommune", "kommune", "/partnere/kommune/"),
        Node("s", "Skole X", "uddannelse", "/partnere/skole-x/"),
        Node("v", "Novo Nordisk", "virksomhed", "/partnere/novo/"),
        Node("b", "Grønne Familier", "borger", "/partnere/gronne-familier/"),
        Node("a", "Hillerød Biavlerforening", "forening", "/partnere/biavl/"),
        Node("r", "DTU Sustain", "forskning", "/partnere/dtu/"),
        Node("o", "Ørsted Bioenergi", "virksomhed", "/partnere/orsted/"),
    ]
    edges = [
        Edge("e1", "f", "s", "Overskudsvarme", "/symbioser/1/", True),
        Edge("e2", "v", "f", "Overskudsvarme", "/symbioser/2/", True),
        Edge("e3", "v", "f", "Spildevand", "/symbioser/3/", True),
        Edge("e4", "k", "b", "Lokaler", "/symbioser/4/", False),
        Edge("e5", "a", "k", "Grønne arealer", "/symbioser/5/", False),
        Edge("e6", "r", "v", "Viden om procesvand", "/symbioser/6/", False),
        Edge("e7", "s", "r", "Elever i praktik", "/symbioser/7/", True),
        Edge("e8", "o", "f", "Biogas", "/symbioser/8/", True),
        Edge("e9", "b", "a", "Frivillige", "/symbioser/9/", False),
        Edge("e10", "k", "f", "Regnvand", "/symbioser/10/", True),
    ]
    return nodes, edges


def big(partners=60, symbioses=120, seed=7):
    rnd = random.Random(seed)
    words = ["Hillerød", "Forsyning", "Gymnasium", "Grønne", "Familier", "Andelsboligforening"]
    nodes = [
        Node(
            f"p{i}",
            f"{rnd.choice(words)} {rnd.choice(words)} {i}",
            KINDS[i % len(KINDS)],
            f"/partnere/p{i}/",
        )
        for i in range(partners)
    ]
    edges = []
    for j in range(symbioses):
        a, b = rnd.sample(range(partners), 2)
        edges.append(
            Edge(f"s{j}", f"p{a}", f"p{b}", "Overskudsvarme", f"/symbioser/s{j}/", j % 3 > 0)
        )
    return nodes, edges


def render(diagram, diagram_id="netvaerk", caption="Partnere og symbioser."):
    return render_to_string(
        TEMPLATE, {"diagram": diagram, "diagram_id": diagram_id, "caption": caption}
    )


def svg_of(html):
    return BeautifulSoup(html, "html.parser").find("svg", class_="network__svg")


def path_points(d):
    return [float(n) for n in re.findall(NUMBER, d)]


# Layout


def test_nodes_and_edges_match_the_input():
    nodes, edges = small()
    diagram = layout(nodes, edges)
    assert isinstance(diagram, Diagram)
    assert sorted(n.key for n in diagram.nodes) == sorted(n.key for n in nodes)
    assert sorted(e.key for e in diagram.edges) == sorted(e.key for e in edges)
    by_key = {n.key: n for n in nodes}
    for placed in diagram.nodes:
        original = by_key[placed.key]
        assert (placed.label, placed.kind, placed.url) == (
            original.label,
            original.kind,
            original.url,
        )
    node_keys = {n.key for n in diagram.nodes}
    by_edge = {e.key: e for e in edges}
    for placed in diagram.edges:
        original = by_edge[placed.key]
        assert {placed.source, placed.target} <= node_keys
        assert (placed.source, placed.target, placed.label, placed.url, placed.directed) == (
            original.source,
            original.target,
            original.label,
            original.url,
            original.directed,
        )


def test_nodes_are_grouped_by_kind_then_name_in_danish_order():
    nodes = [
        Node("1", "Åbo", "virksomhed", "/1/"),
        Node("2", "Ærø", "virksomhed", "/2/"),
        Node("3", "zeta", "virksomhed", "/3/"),
        Node("4", "Østergaard", "virksomhed", "/4/"),
        Node("5", "Alfa", "virksomhed", "/5/"),
        Node("6", "Kommunen", "kommune", "/6/"),
        Node("7", "Borgerne", "borger", "/7/"),
    ]
    diagram = layout(nodes, [])
    assert [n.label for n in diagram.nodes] == [
        "Borgerne",
        "Alfa",
        "zeta",
        "Ærø",
        "Østergaard",
        "Åbo",
        "Kommunen",
    ]
    assert collation_key("Æble") < collation_key("Øl") < collation_key("Å")


def test_layout_is_deterministic_whatever_the_input_order():
    nodes, edges = big()
    first = layout(nodes, edges)
    assert layout(nodes, edges) == first
    shuffled_nodes, shuffled_edges = nodes[:], edges[:]
    random.Random(1).shuffle(shuffled_nodes)
    random.Random(2).shuffle(shuffled_edges)
    assert layout(shuffled_nodes, shuffled_edges) == first
    assert render(layout(shuffled_nodes, shuffled_edges)) == render(first)


def test_canvas_fits_its_content_and_grows_with_the_number_of_nodes():
    few = layout(*big(partners=10, symbioses=5))
    many = layout(*big(partners=80, symbioses=5))
    assert many.height > few.height
    assert few.view_box == f"0 0 {few.width} {few.height}"
    # fitted: something is drawn within a few units of each edge of the view box
    for diagram in (few, many, layout(*small())):
        svg = svg_of(render(diagram))
        boxes = drawn_boxes(svg)
        left, top = min(box[0] for box in boxes), min(box[1] for box in boxes)
        right, bottom = max(box[2] for box in boxes), max(box[3] for box in boxes)
        assert 0 <= left < 30 and 0 <= top < 30
        assert diagram.width - 30 < right <= diagram.width
        assert diagram.height - 30 < bottom <= diagram.height
        assert (right - left) * (bottom - top) > 0.85 * diagram.width * diagram.height


def test_labels_are_horizontal_whole_and_outside_the_columns():
    long_name = "Hillerød Andelsboligforening for Grønne Tage og Regnvand"
    nodes = [
        Node("r", "Right", "borger", "/r/"),
        Node("l", long_name, "kommune", "/l/"),
        Node("x", "X", "forening", "/x/"),
        Node("y", "Y", "virksomhed", "/y/"),
    ]
    edges = [Edge("1", "r", "l", "Varme", "/1/", True), Edge("2", "x", "y", "Vand", "/2/", False)]
    diagram = layout(nodes, edges)
    xs = sorted({round(node.x, 1) for node in diagram.nodes})
    assert len(xs) == 2  # two columns
    for node in diagram.nodes:
        on_the_right = node.x == max(n.x for n in diagram.nodes)
        assert node.label_anchor == ("start" if on_the_right else "end")
        assert float(node.label_x) == pytest.approx(node.x + (16 if on_the_right else -16), abs=0.1)
        assert float(node.label_y) == pytest.approx(node.y, abs=0.1)
    placed = next(n for n in diagram.nodes if n.key == "l")
    assert placed.display_label == long_name
    html = render(diagram)
    assert "rotate(" not in html and "…" not in html
    assert long_name in html


def test_directed_edges_stop_short_of_their_target_for_the_arrow():
    nodes, edges = small()
    diagram = layout(nodes, edges)
    by_key = {n.key: n for n in diagram.nodes}
    for edge in diagram.edges:
        points = path_points(edge.path)
        end = by_key[edge.target]
        start = by_key[edge.source]
        to_target = math.dist(points[4:6], (end.x, end.y))
        from_source = math.dist(points[0:2], (start.x, start.y))
        assert from_source == pytest.approx(10, abs=0.2)
        assert to_target == pytest.approx(15 if edge.directed else 10, abs=0.2)


def test_parallel_edges_between_the_same_partners_get_different_curves():
    nodes = [
        Node("a", "A/S Varme", "virksomhed", "/a/"),
        Node("b", "Skolen", "uddannelse", "/b/"),
        Node("c", "Kommunen", "kommune", "/c/"),
    ]
    edges = [
        Edge("1", "a", "b", "Varme", "/1/", True),
        Edge("2", "b", "a", "Elever", "/2/", True),
        Edge("3", "a", "b", "Lokaler", "/3/", False),
        Edge("4", "a", "c", "Data", "/4/", False),
    ]
    diagram = layout(nodes, edges)
    between = [e for e in diagram.edges if {e.source, e.target} == {"a", "b"}]
    assert len(between) == 3 and all(e.parallel == 3 for e in between)
    assert len({e.path for e in between}) == 3
    controls = [tuple(path_points(e.path)[2:4]) for e in between]
    for one, other in itertools.combinations(controls, 2):
        assert math.dist(one, other) >= 20
    assert len({(e.label_x, e.label_y) for e in between}) == 3
    assert next(e for e in diagram.edges if e.key == "4").parallel == 1


def test_sixty_partners_and_120_symbioses_stay_readable():
    nodes, edges = big()
    diagram = layout(nodes, edges)
    assert len(diagram.nodes) == 60 and len(diagram.edges) == 120
    assert diagram.dense and "network--dense" in diagram.svg_class
    closest = min(
        math.dist((a.x, a.y), (b.x, b.y)) for a, b in itertools.combinations(diagram.nodes, 2)
    )
    assert closest >= ROW - 0.1
    assert not any(edge.label_shown for edge in diagram.edges)  # on hover and focus only
    assert_readable(svg_of(render(diagram)), {n.label for n in nodes}, set())


def test_few_edges_are_not_dense():
    diagram = layout(*small())
    assert not diagram.dense and "network--dense" not in diagram.svg_class
    assert layout(*big(symbioses=DENSE_EDGES)).dense is False
    assert layout(*big(symbioses=DENSE_EDGES + 1)).dense is True


def test_legend_covers_the_kinds_in_the_order_of_partner_kinds():
    nodes, edges = small()
    diagram = layout(nodes, edges)
    assert [item.kind for item in diagram.legend] == KINDS
    assert {item.kind: item.count for item in diagram.legend}["virksomhed"] == 2
    assert all(item.shape == SHAPES[item.kind] for item in diagram.legend)
    assert len(set(SHAPES.values())) == len(KINDS)
    only_two = layout([n for n in nodes if n.kind in ("kommune", "borger")], [])
    assert [item.kind for item in only_two.legend] == ["borger", "kommune"]


def test_partner_kinds_are_translated():
    assert [kind for kind, _label in PARTNER_KINDS] == [
        "borger",
        "forening",
        "virksomhed",
        "kommune",
        "uddannelse",
        "forskning",
        "forsyning",
    ]
    with translation.override("en"):
        assert str(PARTNER_KINDS[0][1]) == "Citizen/citizen group"


def test_bad_input():
    node = Node("a", "A", "virksomhed", "/a/")
    with pytest.raises(ValueError, match="unique"):
        layout([node, node], [])
    with pytest.raises(ValueError, match="kind"):
        layout([Node("b", "B", "rumvæsen", "/b/")], [])
    with pytest.raises(ValueError, match="unique"):
        layout([node], [Edge("e", "a", "a", "", "/e/", False)] * 2)


def test_edges_to_unknown_partners_and_loops_are_left_out():
    nodes = [Node("a", "A", "virksomhed", "/a/"), Node("b", "B", "kommune", "/b/")]
    edges = [
        Edge("ok", "a", "b", "Varme", "/ok/", True),
        Edge("ghost", "a", "unpublished", "Varme", "/ghost/", True),
        Edge("loop", "a", "a", "Varme", "/loop/", False),
    ]
    assert [e.key for e in layout(nodes, edges).edges] == ["ok"]


def test_empty_network():
    diagram = layout([], [])
    assert diagram.nodes == [] and diagram.edges == [] and diagram.legend == []
    assert diagram.width == diagram.height == 16
    assert "<svg" in render(diagram)


def test_numbers_always_have_a_dot():
    assert svg_number(1234.56) == "1234.6"
    assert svg_number(-0.01) == "0.0"


# Template


def test_template_has_one_link_per_node_and_per_edge_with_accessible_names():
    nodes, edges = small()
    with translation.override("da"):
        html = render(layout(nodes, edges))
        utility = str(PARTNER_KINDS[6][1])
    svg = svg_of(html)
    assert svg["role"] == "group"
    assert svg["viewbox"] == f"0 0 {svg['width']} {svg['height']}"
    assert svg.find("title", id="netvaerk-title")["id"] == svg["aria-labelledby"]

    node_links = svg.select("a.network__node")
    assert {a["href"] for a in node_links} == {n.url for n in nodes}
    assert len(node_links) == len(nodes)
    names = {a["href"]: a.find("title").get_text() for a in node_links}
    assert names["/partnere/forsyning/"] == f"Hillerød Forsyning ({utility})"

    edge_links = svg.select("a.network__edge")
    assert len(edge_links) == len(edges)
    assert {a["href"] for a in edge_links} == {e.url for e in edges}
    edge_names = {a["href"]: a.find("title").get_text() for a in edge_links}
    assert edge_names["/symbioser/1/"] == "Hillerød Forsyning → Skole X: Overskudsvarme"
    assert edge_names["/symbioser/4/"] == "Hillerød Kommune ↔ Grønne Familier: Lokaler"
    assert len(svg.find_all("a")) == len(nodes) + len(edges)

    # edges are painted before nodes
    order = [a["class"][0] for a in svg.find_all("a")]
    assert order == ["network__edge"] * len(edges) + ["network__node"] * len(nodes)


def test_template_marks_directed_edges_with_an_arrow():
    nodes, edges = small()
    svg = svg_of(render(layout(nodes, edges), diagram_id="kort"))
    assert svg.find("marker", id="kort-arrow") is not None
    directed = {e.url for e in edges if e.directed}
    for link in svg.select("a.network__edge"):
        highlight = link.find("path", class_="network__highlight")
        if link["href"] in directed:
            assert highlight["marker-end"] == "url(#kort-arrow-active)"
            assert "network__edge--directed" in link["class"]
        else:
            assert not highlight.has_attr("marker-end")
    lines = svg.select("g.network__lines path")
    assert len(lines) == len(edges)
    assert sum(line.has_attr("marker-end") for line in lines) == len(directed)
    undirected_only = layout(nodes, [e for e in edges if not e.directed])
    assert "marker" not in render(undirected_only)


def test_template_has_no_inline_styles_and_unique_ids():
    html = render(layout(*big()), diagram_id="a") + render(layout(*small()), diagram_id="b")
    assert "style=" not in html and "<style" not in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "url(#a-arrow)" in html and "url(#b-arrow)" in html


def test_template_numbers_use_dots_in_danish():
    diagram = layout(*big(partners=70, symbioses=30))
    with translation.override("da"):
        html = render(diagram)
    svg = svg_of(html)
    numeric = ["viewbox", "d", "transform", "x", "y", "r"]
    seen = 0
    for element in svg.find_all(True):
        for attribute in numeric:
            value = element.get(attribute)
            if value:
                seen += 1
                assert not re.search(r"\d,\d", value), (element.name, attribute, value)
    assert seen > 300
    assert re.search(r'd="M\d+\.\d ', html)
    assert f'viewBox="0 0 {diagram.width} {diagram.height}"' in html


def test_template_legend_and_caption():
    nodes, edges = small()
    with translation.override("da"):
        html = render(layout(nodes, edges), caption="Hvem deler hvad")
        labels = [str(label) for _kind, label in PARTNER_KINDS]
    soup = BeautifulSoup(html, "html.parser")
    figure = soup.find("figure", class_="network")
    assert figure.find("figcaption").get_text(strip=True) == "Hvem deler hvad"
    items = figure.select(".network__legend-list li")
    texts = [li.get_text(" ", strip=True) for li in items]
    for label in labels:
        assert any(text.startswith(label) for text in texts), label
    for li in items:
        assert li.find("svg")["aria-hidden"] == "true"
    assert figure.select_one(".network__legend-list")["aria-labelledby"] == "netvaerk-legend"
    assert "<figcaption" not in render(layout(nodes, edges), caption="")


def test_template_without_urls_renders_no_empty_links():
    nodes = [Node("a", "A", "virksomhed", ""), Node("b", "B", "kommune", "/b/")]
    edges = [Edge("e", "a", "b", "Varme", None, True)]
    svg = svg_of(render(layout(nodes, edges)))
    assert [a["href"] for a in svg.find_all("a")] == ["/b/"]
    assert svg.find("g", class_="network__node", attrs={"aria-label": True}) is not None
    assert svg.find("g", class_="network__edge")["aria-label"] == "A → B: Varme"


# Geometry of the SVG as served: labels measured with the font itself

FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_SIZE_UNITS = 100  # Pillow measures at this size; scaled to each label's font size
FONT_SIZES = {"network__label": 13, "network__edge-label": 11.5}


@pytest.fixture(scope="module")
def font():
    if not os.path.exists(FONT_FILE):
        pytest.fail(
            f"{FONT_FILE} is missing: install fonts-dejavu-core (the brochure needs it too)"
        )
    return ImageFont.truetype(FONT_FILE, FONT_SIZE_UNITS)


def label_boxes(svg, font):
    """(text, box, class) of every label that is shown (not the hover-only edge labels), its
    box from the font's advance width, ascent and descent, as placed by x, y, dy=0.35em and
    text-anchor."""
    ascent, descent = (value / FONT_SIZE_UNITS for value in font.getmetrics())
    boxes = []
    for text in svg.find_all("text"):
        classes = text.get("class", [])
        if "network__edge-label--hover" in classes:
            continue
        (kind,) = [c for c in classes if c in FONT_SIZES]
        size = FONT_SIZES[kind]
        assert "transform" not in text.attrs and text["dy"] == "0.35em"  # horizontal
        width = font.getlength(text.get_text()) * size / FONT_SIZE_UNITS
        x, y = float(text["x"]), float(text["y"]) + 0.35 * size
        left = {"start": x, "end": x - width, "middle": x - width / 2}[text["text-anchor"]]
        boxes.append(
            (text.get_text(), (left, y - ascent * size, left + width, y + descent * size), kind)
        )
    return boxes


def line_segments(svg):
    """Every line as straight pieces (the quadratic curves sampled finely)."""
    segments = []
    for path in svg.select("g.network__lines path"):
        numbers = path_points(path["d"])
        assert len(numbers) == 6 and path["d"].startswith("M") and "Q" in path["d"]
        points = curve_points(tuple(numbers[0:2]), tuple(numbers[2:4]), tuple(numbers[4:6]), 64)
        segments.extend(zip(points, points[1:], strict=False))
    return segments


def node_boxes(svg):
    boxes = []
    for group in svg.select(".network__nodes g[transform]"):
        x, y = path_points(group["transform"])
        boxes.append((x - SHAPE_REACH, y - SHAPE_REACH, x + SHAPE_REACH, y + SHAPE_REACH))
    return boxes


def drawn_boxes(svg, font=None):
    font = font or ImageFont.truetype(FONT_FILE, FONT_SIZE_UNITS)
    boxes = [box for _text, box, _kind in label_boxes(svg, font)] + node_boxes(svg)
    for a, b in line_segments(svg):
        boxes.append((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))
    return boxes


def gap(a, b):
    """How far apart two boxes are (negative: they overlap)."""
    return max(a[0] - b[2], b[0] - a[2], a[1] - b[3], b[1] - a[3])


def assert_readable(svg, names, resources, font=None):
    """Every label inside the view box, whole, clear of every other label, line and node.
    names: the partners' names (each must be a label, untruncated); resources: the edge labels
    that must be shown. Returns (number of labels, smallest gap between two labels)."""
    font = font or ImageFont.truetype(FONT_FILE, FONT_SIZE_UNITS)
    _x, _y, width, height = (float(v) for v in svg["viewbox"].split())
    labels = label_boxes(svg, font)
    segments = line_segments(svg)
    nodes = node_boxes(svg)
    texts = [text for text, _box, _kind in labels]
    assert not [t for t in texts if "…" in t or "..." in t], "a label is shortened"
    assert {t for t, _b, k in labels if k == "network__label"} == set(names)
    assert set(resources) <= {t for t, _b, k in labels if k == "network__edge-label"}
    problems = []
    for text, box, _kind in labels:
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
            problems.append(f"{text!r} leaves the view box 0 0 {width} {height}: {box}")
        if any(segment_hits_box(a, b, box) for a, b in segments):
            problems.append(f"{text!r} lies over a line")
        if any(gap(box, node) < 0 for node in nodes):
            problems.append(f"{text!r} lies over a partner's shape")
    smallest = math.inf
    for (one, a, _k1), (other, b, _k2) in itertools.combinations(labels, 2):
        smallest = min(smallest, gap(a, b))
        if gap(a, b) < 0:
            problems.append(f"{one!r} and {other!r} overlap")
    assert not problems, "\n".join(problems)
    return len(labels), smallest


def test_the_geometry_check_finds_what_is_wrong(font):
    """assert_readable fails on a label over a line, over another label, or off the canvas."""
    diagram = layout(*small())
    html = render(diagram)
    svg = svg_of(html)
    names = {n.label for n in small()[0]}
    assert_readable(svg, names, set(), font)
    first, second = svg.select("text.network__label")[:2]
    second["y"], second["x"], second["text-anchor"] = first["y"], first["x"], first["text-anchor"]
    with pytest.raises(AssertionError, match="overlap"):
        assert_readable(svg, names, set(), font)
    svg = svg_of(html)
    edge = svg.select_one("text.network__edge-label")
    line = path_points(svg.select_one("g.network__lines path")["d"])
    middle = curve_points(tuple(line[0:2]), tuple(line[2:4]), tuple(line[4:6]), 2)[1]
    edge["x"], edge["y"] = svg_number(middle[0]), svg_number(middle[1] - 2)
    edge["class"] = ["network__edge-label"]
    with pytest.raises(AssertionError, match="over a line"):
        assert_readable(svg, names, set(), font)
    svg = svg_of(html)
    svg.select_one("text.network__label")["x"] = "-40"
    with pytest.raises(AssertionError, match="leaves the view box"):
        assert_readable(svg, names, set(), font)


def test_small_network_is_readable_and_shows_most_resources(font):
    nodes, edges = small()
    diagram = layout(nodes, edges)
    shown = {e.label for e in diagram.edges if e.label_shown}
    assert len(shown) >= 8
    count, smallest = assert_readable(
        svg_of(render(diagram)), {n.label for n in nodes}, shown, font
    )
    assert count == len(nodes) + sum(e.label_shown for e in diagram.edges) and smallest > 0


def test_the_estimate_is_never_narrower_than_the_font(font):
    """The layout's widths (no font needed at run time) cover DejaVu Sans, a wide font."""
    samples = [n.label for n in big()[0]] + ["WWW @@@ ÆØÅ æøå —…", "iiii llll", "Måledata 2024 %"]
    for text in samples:
        measured = font.getlength(text) * 13 / FONT_SIZE_UNITS
        assert text_width(text, 13) >= measured, text


def served_svgs(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        figure = BeautifulSoup(response.content, "html.parser").find("figure", class_="network")
        if figure is not None:
            yield url, figure.find("svg", class_="network__svg")


def symbioses_and_partners():
    symbioses = list(SymbiosePage.objects.published())
    names = {p.title for s in symbioses for p in (s.partner_a, s.partner_b) if p}
    return symbioses, names


@pytest.mark.django_db
def test_the_examples_are_readable_everywhere(client, examples, font):
    symbioses, names = symbioses_and_partners()
    assert len(symbioses) >= 7
    # Every partner in a symbiosis shows its own diagram (a partner in none has none).
    involved = {pk for s in symbioses for pk in (s.partner_a_id, s.partner_b_id)}
    partners = PartnerPage.objects.live().filter(pk__in=involved)
    urls = ["/symbioser/", *(p.url for p in partners)]
    served = dict(served_svgs(client, urls))
    assert len(served) == len(involved) + 1
    count, smallest = assert_readable(
        served["/symbioser/"], names, {s.resource for s in symbioses}, font
    )
    assert count == len(names) + len(symbioses) and smallest > 0
    for url, svg in served.items():
        partner_names = {t.get_text() for t in svg.select("text.network__label")}
        resources = {t.get_text() for t in svg.select("text.network__edge-label")}
        assert_readable(svg, partner_names, resources, font)
        assert not svg.select(".network__edge-label--hover"), url


@pytest.mark.django_db
def test_the_launch_content_is_readable(client, launch, font):
    symbioses, names = symbioses_and_partners()
    assert len(symbioses) == 3  # the network's documented symbioses
    served = dict(served_svgs(client, ["/symbioser/"]))
    count, smallest = assert_readable(
        served["/symbioser/"], names, {s.resource for s in symbioses}, font
    )
    assert count == len(names) + len(symbioses) and smallest > 0


def test_a_dense_network_is_readable(font):
    nodes, edges = big()
    diagram = layout(nodes, edges)
    count, smallest = assert_readable(
        svg_of(render(diagram)), {n.label for n in nodes}, set(), font
    )
    assert count == 60 and smallest >= ROW - 2 * 13 * 0.8
