"""The network diagram: layout (pure Python) and the SVG template. No database needed."""

import itertools
import math
import random
import re

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation

from symbioses.network import (
    DENSE_EDGES,
    MAX_NODE_LABEL,
    MIN_SIZE,
    NODE_SPACING,
    PARTNER_KINDS,
    SHAPES,
    Diagram,
    Edge,
    Node,
    collation_key,
    layout,
    shorten,
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


@pytest.mark.parametrize("sample", [small, big])
def test_everything_is_inside_the_view_box(sample):
    diagram = layout(*sample())
    assert diagram.width >= MIN_SIZE and diagram.height >= MIN_SIZE
    assert diagram.view_box == f"0 0 {diagram.width} {diagram.height}"
    for node in diagram.nodes:
        assert 0 < node.x < diagram.width and 0 < node.y < diagram.height
        # the far end of the label (its width estimated generously) stays on the canvas too
        dx, dy = node.x - diagram.center_x, node.y - diagram.center_y
        reach = math.hypot(dx, dy) + 15 + text_width(node.display_label, 13)
        far_x = diagram.center_x + dx / math.hypot(dx, dy) * reach
        far_y = diagram.center_y + dy / math.hypot(dx, dy) * reach
        assert 0 < far_x < diagram.width and 0 < far_y < diagram.height
    for edge in diagram.edges:
        points = path_points(edge.path)
        assert len(points) == 6
        for x, y in zip(points[::2], points[1::2], strict=True):
            assert 0 <= x <= diagram.width and 0 <= y <= diagram.height
        assert 0 <= float(edge.label_x) <= diagram.width
        assert 0 <= float(edge.label_y) <= diagram.height


def test_canvas_grows_with_the_number_of_nodes_and_size_can_be_forced():
    few = layout(*big(partners=10, symbioses=5))
    many = layout(*big(partners=80, symbioses=5))
    assert many.width > few.width >= MIN_SIZE
    forced = layout(*small(), size=900)
    assert (forced.width, forced.height) == (900, 900)
    assert all(0 < n.x < 900 and 0 < n.y < 900 for n in forced.nodes)


def test_labels_point_away_from_the_circle_and_long_names_are_shortened():
    long_name = "Hillerød Andelsboligforening for Grønne Tage og Regnvand"
    nodes = [
        Node("r", "Right", "borger", "/r/"),
        Node("l", long_name, "kommune", "/l/"),
        Node("x", "X", "forening", "/x/"),
        Node("y", "Y", "virksomhed", "/y/"),
    ]
    diagram = layout(nodes, [])
    for node in diagram.nodes:
        on_the_right = node.x >= diagram.center_x - 0.01
        assert node.label_anchor == ("start" if on_the_right else "end")
        assert float(node.label_x) == (15 if on_the_right else -15)
        assert node.label_transform.startswith(node.transform + " rotate(")
    placed = next(n for n in diagram.nodes if n.key == "l")
    assert placed.display_label.endswith("…") and len(placed.display_label) <= MAX_NODE_LABEL
    assert placed.label == long_name
    assert shorten("Kort navn", MAX_NODE_LABEL) == "Kort navn"


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
    assert closest >= NODE_SPACING - 1
    assert diagram.width > 800  # the canvas grew instead of the labels shrinking
    assert diagram.wide


def test_few_edges_are_not_dense():
    diagram = layout(*small())
    assert not diagram.dense and "network--dense" not in diagram.svg_class
    assert layout(*big(symbioses=DENSE_EDGES)).dense is False
    assert layout(*big(symbioses=DENSE_EDGES + 1)).dense is True


def test_edge_labels_do_not_overlap_when_shown():
    diagram = layout(*small())
    boxes = [
        (float(e.label_x), float(e.label_y), len(e.display_label) * 11 * 0.5) for e in diagram.edges
    ]
    for (x1, y1, w1), (x2, y2, w2) in itertools.combinations(boxes, 2):
        assert abs(y1 - y2) >= 12 or abs(x1 - x2) >= (w1 + w2) / 2


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
    assert diagram.width == MIN_SIZE
    assert "<svg" in render(diagram)


def test_numbers_always_have_a_dot():
    assert svg_number(1234.56) == "1234.6"
    assert svg_number(-0.01) == "0.0"


# Template


def test_template_has_one_link_per_node_and_per_edge_with_accessible_names():
    nodes, edges = small()
    with translation.override("da"):
        html = render(layout(nodes, edges))
    svg = svg_of(html)
    assert svg["role"] == "group"
    assert svg["width"] == "100%" and svg["viewbox"].startswith("0 0 ")
    assert svg.find("title", id="netvaerk-title")["id"] == svg["aria-labelledby"]

    node_links = svg.select("a.network__node")
    assert {a["href"] for a in node_links} == {n.url for n in nodes}
    assert len(node_links) == len(nodes)
    names = {a["href"]: a.find("title").get_text() for a in node_links}
    assert names["/partnere/forsyning/"] == f"Hillerød Forsyning ({PARTNER_KINDS[6][1]})"

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
