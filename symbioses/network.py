"""Lays out the network of partners and symbioses for a server-side SVG diagram (no JavaScript).

Partners are nodes on a circle, grouped by kind so each kind forms an arc; symbioses are edges,
drawn as quadratic Bézier curves that bend toward the centre. The layout is pure Python and
deterministic: the same input always gives the same output, whatever the input order.

Every number the template writes into the SVG is a string formatted here with a dot as the
decimal separator, so the output does not depend on the active language (Danish uses a comma).
The template is ``templates/symbioses/includes/network_diagram.html``; the styles (colours per
kind, hover and focus) are in the network section of ``static/css/site.css``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.functional import Promise

from .choices import PartnerKind

PARTNER_KINDS = PartnerKind.choices  # (value, label): the order of the arcs and the legend
KIND_ORDER = {kind: index for index, (kind, _label) in enumerate(PARTNER_KINDS)}

MIN_SIZE = 640  # smallest canvas side, in viewBox units (CSS px at 100 % zoom)
MIN_RADIUS = 200  # smallest circle: leaves room for the edge labels inside it
NODE_SPACING = 23  # distance between neighbouring nodes along the circle
GROUP_GAP = 0.8  # empty space between two kinds, in node spacings
NODE_RADIUS = 9  # the shapes are drawn about this big
LABEL_OFFSET = 15  # from a node's centre to the start of its label
LABEL_FONT_SIZE = 13  # keep in step with .network__label in site.css
EDGE_LABEL_FONT_SIZE = 11.5  # keep in step with .network__edge-label in site.css
MARGIN = 12
BEND = 0.55  # control point = centre + BEND × (chord midpoint - centre); smaller bends more
PARALLEL_SPACING = 30  # control point offset between two symbioses of the same two partners
ARROW_GAP = 4  # between an arrow's tip and the target's shape
MAX_NODE_LABEL = 28  # longer names are shortened with an ellipsis (the link has the full name)
MAX_EDGE_LABEL = 26
DENSE_EDGES = 24  # above this many edges, edge labels show only on hover and focus
MIN_WIDTH_STEPS = (32, 40, 48, 56, 64, 72)  # rem; CSS classes network__svg--min-<n>
WIDE_FROM = 760  # canvases wider than this get the figure class network--wide


def svg_number(value: float) -> str:
    """A coordinate for an SVG attribute: one decimal, always a dot, never "-0.0"."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def shorten(text: str, limit: int) -> str:
    """The text, or its first limit-1 characters and an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip(" ,.;:-–") + "…"


def collation_key(text: str) -> str:
    """Danish alphabetical order: æ, ø and å come after z (in that order), case ignored."""
    folded = str(text).casefold()
    return folded.translate({ord("æ"): "{0", ord("ø"): "{1", ord("å"): "{2"})


def text_width(text: str, font_size: float) -> float:
    """A generous estimate of the rendered width of text in a system sans-serif font."""
    width = 0.0
    for char in text:
        if char in "ilj.,:;'|!ftIr ()[]":
            width += 0.33
        elif char in "mwMW@%":
            width += 0.9
        elif char.isupper() or char.isdigit() or char in "ÆØÅ":
            width += 0.68
        else:
            width += 0.56
    return width * font_size


# The shapes, as SVG path data around (0, 0). Two cues for the kind: shape and colour.
def _polygon(points: list[tuple[float, float]]) -> str:
    (x0, y0), *rest = points
    lines = "".join(f"L{svg_number(x)} {svg_number(y)}" for x, y in rest)
    return f"M{svg_number(x0)} {svg_number(y0)}{lines}Z"


def _ring(corners: int, *radii: float, rotation: float = -90.0) -> str:
    """A regular polygon (one radius) or a star (outer and inner radius, alternating)."""
    points = []
    for i in range(corners):
        angle = math.radians(rotation + 360 * i / corners)
        radius = radii[i % len(radii)]
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    return _polygon(points)


def _circle(radius: float) -> str:
    r = svg_number(radius)
    return f"M{svg_number(-radius)} 0A{r} {r} 0 1 0 {r} 0A{r} {r} 0 1 0 {svg_number(-radius)} 0Z"


_S = NODE_RADIUS
SHAPES = {  # about the same area each, so no kind looks more important than another
    PartnerKind.CITIZEN: _circle(_S),
    PartnerKind.ASSOCIATION: _ring(4, 1.25 * _S, rotation=-45),  # square
    PartnerKind.COMPANY: _ring(4, 1.2 * _S),  # diamond
    PartnerKind.MUNICIPALITY: _ring(6, 1.05 * _S, rotation=0),  # hexagon
    PartnerKind.EDUCATION: _polygon(  # triangle
        [(0, -1.3 * _S), (1.2 * _S, 0.8 * _S), (-1.2 * _S, 0.8 * _S)]
    ),
    PartnerKind.RESEARCH: _ring(10, 1.35 * _S, 0.6 * _S),  # five-pointed star
    PartnerKind.UTILITY: _ring(5, 1.1 * _S),  # pentagon
}
FOCUS_RADIUS = svg_number(1.75 * _S)  # the focus ring around a node (class network__focus)


@dataclass(frozen=True)
class Node:
    """A partner. key is unique; kind is one of the values in PARTNER_KINDS."""

    key: str
    label: str
    kind: str
    url: str


@dataclass(frozen=True)
class Edge:
    """A symbiosis between two partners (Node.key). directed: the resource flows source -> target."""

    key: str
    source: str
    target: str
    label: str
    url: str
    directed: bool


@dataclass(frozen=True)
class PlacedNode:
    """A node with its position and everything the template needs, preformatted."""

    key: str
    label: str
    kind: str
    url: str
    x: float
    y: float
    display_label: str  # shortened with an ellipsis when the name is long
    transform: str  # "translate(x y)": the shape is drawn around (0, 0)
    label_transform: str  # "translate(x y) rotate(a)": the label points away from the centre
    label_x: str  # "15" or "-15"
    label_anchor: str  # "start" on the right half of the circle, "end" on the left half
    shape: str  # SVG path data around (0, 0)
    focus_radius: str = FOCUS_RADIUS

    @property
    def kind_label(self) -> Promise:
        return PartnerKind(self.kind).label

    @property
    def accessible_name(self) -> str:
        """ "Hillerød Forsyning (Forsyning)": evaluated when rendered, in the active language."""
        return f"{self.label} ({self.kind_label})"

    @property
    def css_class(self) -> str:
        return f"network__node--{self.kind}"


@dataclass(frozen=True)
class PlacedEdge:
    """An edge with its curve and label position, preformatted for the template."""

    key: str
    source: str
    target: str
    label: str
    url: str
    directed: bool
    source_label: str
    target_label: str
    path: str  # "M x0 y0 Q cx cy x1 y1", shortened so an arrow's tip stops at the target's edge
    label_x: str
    label_y: str
    display_label: str
    parallel: int  # how many symbioses the two partners have together (1 = only this one)

    @property
    def accessible_name(self) -> str:
        """ "Hillerød Forsyning → Skole X: Overskudsvarme" (↔ when there is no direction)."""
        arrow = "→" if self.directed else "↔"
        name = f"{self.source_label} {arrow} {self.target_label}"
        return f"{name}: {self.label}" if self.label and str(self.label).strip() else name


@dataclass(frozen=True)
class LegendItem:
    """A kind present in the diagram: its shape, its (translated) label, how many nodes."""

    kind: str
    label: Promise
    shape: str
    count: int

    @property
    def css_class(self) -> str:
        return f"network__node--{self.kind}"


@dataclass
class Diagram:
    """The laid-out diagram: a square canvas of width × height viewBox units."""

    width: int
    height: int
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]
    legend: list[LegendItem]
    dense: bool = False
    center_x: float = 0.0
    center_y: float = 0.0
    min_width_rem: int = MIN_WIDTH_STEPS[0]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def has_directed(self) -> bool:
        return any(edge.directed for edge in self.edges)

    @property
    def has_undirected(self) -> bool:
        return any(not edge.directed for edge in self.edges)

    @property
    def wide(self) -> bool:
        return self.width > WIDE_FROM

    @property
    def svg_class(self) -> str:
        """Classes for the <svg>: its smallest width (it scrolls sideways below that), dense mode."""
        classes = [f"network__svg--min-{self.min_width_rem}"]
        if self.dense:
            classes.append("network--dense")
        return " ".join(classes)


def _sorted_nodes(nodes: list[Node]) -> list[Node]:
    keys = Counter(node.key for node in nodes)
    duplicates = sorted(key for key, count in keys.items() if count > 1)
    if duplicates:
        raise ValueError(f"Node keys must be unique: {', '.join(duplicates)}")
    unknown = sorted({node.kind for node in nodes if node.kind not in KIND_ORDER})
    if unknown:
        raise ValueError(f"Unknown partner kind(s): {', '.join(map(str, unknown))}")
    return sorted(
        nodes, key=lambda n: (KIND_ORDER[n.kind], collation_key(n.label), str(n.label), n.key)
    )


def _angles(nodes: list[Node]) -> list[float]:
    """Angles (radians, clockwise from east) with a gap between kinds, starting at the top."""
    groups = len({node.kind for node in nodes})
    gap = GROUP_GAP if groups > 1 else 0.0
    slots = len(nodes) + gap * groups
    step = 2 * math.pi / slots if slots else 0.0
    angles, position, previous = [], gap / 2, None
    for node in nodes:
        if previous is not None and node.kind != previous:
            position += gap
        angles.append(-math.pi / 2 + position * step)
        position += 1
        previous = node.kind
    return angles


def _min_width_rem(width: int) -> int:
    """The svg never gets narrower than about 80 % of its viewBox, so labels stay legible."""
    wanted = 0.8 * width / 16
    for step in MIN_WIDTH_STEPS:
        if step >= wanted:
            return step
    return MIN_WIDTH_STEPS[-1]


def layout(nodes: list[Node], edges: list[Edge], *, size: int | None = None) -> Diagram:
    """Places nodes on a circle (by kind, then name) and edges as curves between them.

    size: side of the square canvas in viewBox units; by default it grows with the number of
    nodes and the length of their names (never below MIN_SIZE). Edges whose source or target is
    not among the nodes (say, a partner that is not published) and loops are left out.
    Raises ValueError for duplicate node keys or edge keys, and for unknown kinds.
    """
    ordered = _sorted_nodes(list(nodes))
    angles = _angles(ordered)
    groups = len({node.kind for node in ordered})
    slots = len(ordered) + (GROUP_GAP * groups if groups > 1 else 0)
    labels = [shorten(node.label, MAX_NODE_LABEL) for node in ordered]
    longest = max((text_width(text, LABEL_FONT_SIZE) for text in labels), default=0.0)
    reach = LABEL_OFFSET + longest + MARGIN  # from the circle to the canvas' edge
    if size is None:
        radius = max(MIN_RADIUS, slots * NODE_SPACING / (2 * math.pi))
        side = max(MIN_SIZE, math.ceil(2 * (radius + reach)))
    else:
        side = int(size)
        radius = max(side / 2 - reach, side * 0.2)
    cx = cy = side / 2

    placed: list[PlacedNode] = []
    for node, angle, text in zip(ordered, angles, labels, strict=True):
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        degrees = math.degrees(angle)
        left = math.cos(angle) < -1e-9
        rotation = degrees + 180 if left else degrees
        placed.append(
            PlacedNode(
                key=node.key,
                label=node.label,
                kind=node.kind,
                url=node.url,
                x=x,
                y=y,
                display_label=text,
                transform=f"translate({svg_number(x)} {svg_number(y)})",
                label_transform=(
                    f"translate({svg_number(x)} {svg_number(y)}) rotate({svg_number(rotation)})"
                ),
                label_x=svg_number(-LABEL_OFFSET if left else LABEL_OFFSET),
                label_anchor="end" if left else "start",
                shape=SHAPES[node.kind],
            )
        )

    by_key = {node.key: node for node in placed}
    index = {node.key: i for i, node in enumerate(placed)}
    placed_edges = _place_edges(edges, by_key, index, (cx, cy))

    counts = Counter(node.kind for node in placed)
    legend = [
        LegendItem(kind=kind, label=label, shape=SHAPES[kind], count=counts[kind])
        for kind, label in PARTNER_KINDS
        if counts[kind]
    ]
    return Diagram(
        width=side,
        height=side,
        nodes=placed,
        edges=placed_edges,
        legend=legend,
        dense=len(placed_edges) > DENSE_EDGES,
        center_x=cx,
        center_y=cy,
        min_width_rem=_min_width_rem(side),
    )


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _bezier(p0, c, p1, t: float) -> tuple[float, float]:
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0],
        u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1],
    )


def _place_edges(edges, by_key, index, center) -> list[PlacedEdge]:
    keys = Counter(edge.key for edge in edges)
    duplicates = sorted(key for key, count in keys.items() if count > 1)
    if duplicates:
        raise ValueError(f"Edge keys must be unique: {', '.join(duplicates)}")
    usable = [
        edge
        for edge in edges
        if edge.source in by_key and edge.target in by_key and edge.source != edge.target
    ]
    usable.sort(
        key=lambda e: (
            min(index[e.source], index[e.target]),
            max(index[e.source], index[e.target]),
            index[e.source],
            collation_key(e.label),
            str(e.label),
            e.key,
        )
    )
    pairs: dict[tuple[int, int], list[Edge]] = defaultdict(list)
    for edge in usable:
        pairs[_pair(edge, index)].append(edge)

    cx, cy = center
    curves = []  # (start, control, end) through the nodes' centres
    for edge in usable:
        pair = _pair(edge, index)
        siblings = pairs[pair]
        rank = siblings.index(edge)
        low, high = by_key[edge.source], by_key[edge.target]
        if index[low.key] != pair[0]:
            low, high = high, low
        # Bend toward the centre; shift the control point sideways for each parallel symbiosis,
        # the same way whichever direction the resource flows.
        mx, my = (low.x + high.x) / 2, (low.y + high.y) / 2
        qx, qy = cx + BEND * (mx - cx), cy + BEND * (my - cy)
        px, py = _unit(-(high.y - low.y), high.x - low.x)
        offset = (rank - (len(siblings) - 1) / 2) * PARALLEL_SPACING
        source, target = by_key[edge.source], by_key[edge.target]
        curves.append(
            ((source.x, source.y), (qx + px * offset, qy + py * offset), (target.x, target.y))
        )

    texts = [shorten(edge.label or "", MAX_EDGE_LABEL) for edge in usable]
    if len(usable) > DENSE_EDGES:  # labels show one at a time: the middle of the curve is fine
        spots = [_bezier(*curve, 0.5) for curve in curves]
    else:
        spots = _label_spots(curves, texts, list(by_key.values()))

    placed: list[PlacedEdge] = []
    for edge, (start, control, end), text, (lx, ly) in zip(
        usable, curves, texts, spots, strict=True
    ):
        ux, uy = _unit(control[0] - start[0], control[1] - start[1])
        p0 = (start[0] + ux * (NODE_RADIUS + 1), start[1] + uy * (NODE_RADIUS + 1))
        vx, vy = _unit(control[0] - end[0], control[1] - end[1])
        back = NODE_RADIUS + (ARROW_GAP + 2 if edge.directed else 1)
        p1 = (end[0] + vx * back, end[1] + vy * back)
        placed.append(
            PlacedEdge(
                key=edge.key,
                source=edge.source,
                target=edge.target,
                label=edge.label,
                url=edge.url,
                directed=bool(edge.directed),
                source_label=by_key[edge.source].label,
                target_label=by_key[edge.target].label,
                path=(
                    f"M{svg_number(p0[0])} {svg_number(p0[1])}"
                    f"Q{svg_number(control[0])} {svg_number(control[1])} "
                    f"{svg_number(p1[0])} {svg_number(p1[1])}"
                ),
                label_x=svg_number(lx),
                label_y=svg_number(ly),
                display_label=text,
                parallel=len(pairs[_pair(edge, index)]),
            )
        )
    return placed


def _pair(edge: Edge, index: dict[str, int]) -> tuple[int, int]:
    a, b = index[edge.source], index[edge.target]
    return (a, b) if a < b else (b, a)


LABEL_TS = (0.5, 0.43, 0.57, 0.36, 0.64, 0.29, 0.71)


def _label_spots(curves, texts, nodes) -> list[tuple[float, float]]:
    """Where each edge label goes: on its own curve, clear of other labels, lines and nodes.

    Greedy, in edge order: each label takes the candidate point along its curve (middle first)
    that covers the fewest other lines and overlaps no label placed before it.
    """
    samples = [[_bezier(*curve, i / 24) for i in range(1, 24)] for curve in curves]
    taken: list[tuple[float, float, float, float]] = []
    spots = []
    for number, (curve, text) in enumerate(zip(curves, texts, strict=True)):
        if not text:
            spots.append(_bezier(*curve, 0.5))
            continue
        half_w = text_width(text, EDGE_LABEL_FONT_SIZE) / 2 + 2
        half_h = EDGE_LABEL_FONT_SIZE * 0.75
        best = None
        for rank, t in enumerate(LABEL_TS):
            x, y = _bezier(*curve, t)
            box = (x - half_w, y - half_h, x + half_w, y + half_h)
            cost = rank * 0.6
            cost += 100 * sum(_overlaps(box, other) for other in taken)
            cost += 50 * sum(_inside((n.x, n.y), box, NODE_RADIUS + 2) for n in nodes)
            cost += sum(
                _inside(point, box)
                for other, points in enumerate(samples)
                if other != number
                for point in points
            )
            if best is None or cost < best[0]:
                best = (cost, x, y, box)
        taken.append(best[3])
        spots.append((best[1], best[2]))
    return spots


def _inside(point, box, pad: float = 0.0) -> bool:
    return box[0] - pad < point[0] < box[2] + pad and box[1] - pad < point[1] < box[3] + pad


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
