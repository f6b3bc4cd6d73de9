"""Lays out the network of partners and symbioses for a server-side SVG diagram (no JavaScript).

Partners are nodes in two columns, their names written horizontally outside the columns (to the
left of the left column, to the right of the right one); symbioses are edges, drawn as quadratic
Bézier curves in the band between the columns. So no partner's name can touch a line or another
name. Partners are given to the column that puts most of their symbioses across the band, and
ordered within a column to cross few lines. Each symbiosis' label (its resource) goes beside
its own curve where it touches no line, no node and no other label (a partner of a symbiosis
whose label has no place is swapped with a neighbour, then the band and the rows grow); if
there is still no such place (or the network is dense), it is shown only while its symbiosis
has the pointer or the focus.
The view box is fitted to what is drawn. Pure Python and deterministic: the same input always
gives the same output, whatever the input order.

Text widths are estimated with the advance widths of DejaVu Sans (a wide font: system-ui fonts
are narrower), plus a margin. Every number the template writes into the SVG is a string
formatted here with a dot as the decimal separator, so the output does not depend on the active
language. The template is ``templates/symbioses/includes/network_diagram.html``; the styles
(colours per kind, hover and focus) are in the network section of ``static/css/site.css``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.functional import Promise

from .choices import PartnerKind

PARTNER_KINDS = PartnerKind.choices  # (value, label): the order of the legend
KIND_ORDER = {kind: index for index, (kind, _label) in enumerate(PARTNER_KINDS)}

ROW = 30  # vertical distance between two partners in a column
NODE_RADIUS = 9  # the shapes are drawn about this big (the star reaches 1.35 ×)
NODE_CLEARANCE = 14  # nothing but a node's own lines comes closer to its centre
LABEL_OFFSET = 16  # from a node's centre to the near end of its name
LABEL_FONT_SIZE = 13  # keep in step with .network__label in site.css
EDGE_LABEL_FONT_SIZE = 11.5  # keep in step with .network__edge-label in site.css
TEXT_HALF_HEIGHT = 0.62  # half a label's height, in font sizes (DejaVu: ascent .93, descent .24)
TEXT_SAFETY = 1.06  # widths are estimated this much wider than DejaVu Sans, plus TEXT_PAD
TEXT_PAD = 2.0
BAND_MIN = 220  # smallest distance between the two columns
BAND_CLEARANCE = 30  # edge labels keep this far from the columns (nodes, arrowheads)
LINE_PAD = 2.0  # edge labels keep this far from every line
LABEL_GAP = 3.0  # between an edge label and the point of its curve it is placed at
MIN_BULGE = 60  # a curve between two partners of the same column reaches this far in
MARGIN = 8
PARALLEL_SPACING = 26  # control point offset between two symbioses of the same two partners
ARROW_GAP = 4  # between an arrow's tip and the target's shape
DENSE_EDGES = 24  # above this many edges, edge labels show only on hover and focus
SAMPLES = 20  # straight pieces per curve, for the collision checks
GROWTH = ((1.0, 1.0), (1.0, 1.3), (1.25, 1.3), (1.25, 1.7), (1.5, 2.0), (1.8, 2.5))  # band, row
LABEL_ROOM = 3.0  # the band starts with this many times the area of its labels
REPAIRED_LABELS = 2  # partners are moved to make room only when this few labels have none
REPAIRED_PARTNERS = 4  # partners moved up or down to make room for a label that has none
LABEL_TS = tuple(sorted((i / 24 for i in range(3, 22)), key=lambda t: (abs(t - 0.5), t)))

# Advance widths of DejaVu Sans in thousandths of an em; any other character counts as 1 em.
_WIDTH_GROUPS = {
    275: "'", 278: "ijlí", 295: "IJ", 318: " ,.‘’", 337: "/:;\\|", 352: "f", 361: "-",
    390: "()[]", 392: "t", 401: "!₂³²", 411: "r", 460: '"', 500: "*_`–°", 518: "“”", 521: "s",
    525: "z", 531: "?", 550: "cç", 557: "L", 575: "F", 579: "k", 592: "vxy", 603: "P",
    611: "TY", 612: "oøöó", 613: "aåäáà", 615: "eéèêë", 630: "ß", 632: "EÉ", 634: "hnuüúñ",
    635: "Sbdgpq", 636: "$0123456789{}", 656: "K", 684: "AVÅÄ", 685: "XZ", 686: "B", 695: "R",
    698: "C", 732: "UÜ", 748: "N", 752: "H", 770: "D", 775: "G", 780: "&", 787: "OQØÖ",
    818: "w", 838: "#+<=>^~→↔", 863: "M", 950: "%", 969: "½", 974: "mÆ", 982: "æ", 989: "W",
}  # fmt: skip
CHAR_WIDTHS = {char: width / 1000 for width, chars in _WIDTH_GROUPS.items() for char in chars}


def svg_number(value: float) -> str:
    """A coordinate for an SVG attribute: one decimal, always a dot, never "-0.0"."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def collation_key(text: str) -> str:
    """Danish alphabetical order: æ, ø and å come after z (in that order), case ignored."""
    folded = str(text).casefold()
    return folded.translate({ord("æ"): "{0", ord("ø"): "{1", ord("å"): "{2"})


def clean_text(text) -> str:
    """The text on one line, spaces collapsed: what the diagram writes, never shortened."""
    return " ".join(str(text or "").split())


def text_width(text: str, font_size: float) -> float:
    """A generous estimate of the rendered width of text (DejaVu Sans advances, plus a margin)."""
    ems = sum(CHAR_WIDTHS.get(char, 1.0) for char in str(text))
    return ems * font_size * TEXT_SAFETY + TEXT_PAD


def text_box(x: float, y: float, width: float, font_size: float, anchor: str):
    """(left, top, right, bottom) of a one-line text at x, vertically centred on y (dy=0.35em)."""
    half = TEXT_HALF_HEIGHT * font_size
    left = {"start": x, "end": x - width}.get(anchor, x - width / 2)
    return (left, y - half, left + width, y + half)


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
SHAPE_REACH = 1.75 * _S  # the focus ring is the biggest thing drawn around a node


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
    display_label: str  # the whole name, on one line
    transform: str  # "translate(x y)": the shape is drawn around (0, 0)
    label_x: str
    label_y: str
    label_anchor: str  # "end" in the left column (name to the left), "start" in the right one
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
    source_url: str
    target_url: str
    path: str  # "M x0 y0 Q cx cy x1 y1", shortened so an arrow's tip stops at the target's edge
    label_x: str
    label_y: str
    display_label: str  # the whole label, on one line ("" for none)
    parallel: int  # how many symbioses the two partners have together (1 = only this one)
    label_shown: bool = True  # False: shown only on hover and focus (no free place, or dense)

    @property
    def label_class(self) -> str:
        hover = "" if self.label_shown else " network__edge-label--hover"
        return f"network__edge-label{hover}"

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
    """The laid-out diagram: width × height viewBox units, fitted to what is drawn."""

    width: int
    height: int
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]
    legend: list[LegendItem]
    dense: bool = False

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
    def svg_class(self) -> str:
        return "network--dense" if self.dense else ""


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


def _usable_edges(edges: list[Edge], rank: dict[str, int]) -> list[Edge]:
    keys = Counter(edge.key for edge in edges)
    duplicates = sorted(key for key, count in keys.items() if count > 1)
    if duplicates:
        raise ValueError(f"Edge keys must be unique: {', '.join(duplicates)}")
    usable = [
        edge
        for edge in edges
        if edge.source in rank and edge.target in rank and edge.source != edge.target
    ]
    usable.sort(
        key=lambda e: (
            min(rank[e.source], rank[e.target]),
            max(rank[e.source], rank[e.target]),
            rank[e.source],
            collation_key(e.label),
            str(e.label),
            e.key,
        )
    )
    return usable


def _pair(edge: Edge, rank: dict[str, int]) -> tuple[int, int]:
    a, b = rank[edge.source], rank[edge.target]
    return (a, b) if a < b else (b, a)


def _columns(ordered: list[Node], usable: list[Edge], rank: dict[str, int]):
    """The two columns: most symbioses go across the band; few lines cross each other."""
    links: dict[str, Counter] = defaultdict(Counter)
    for edge in usable:
        links[edge.source][edge.target] += 1
        links[edge.target][edge.source] += 1
    side: dict[str, int] = {}
    sizes = [0, 0]
    for node in sorted(ordered, key=lambda n: (-sum(links[n.key].values()), rank[n.key])):
        near = [0, 0]  # linked partners already in the left, right column
        for other, count in sorted(links[node.key].items(), key=lambda item: rank[item[0]]):
            if other in side:
                near[side[other]] += count
        if near[0] != near[1]:
            chosen = 1 if near[0] > near[1] else 0
        else:
            chosen = 0 if sizes[0] <= sizes[1] else 1
        side[node.key] = chosen
        sizes[chosen] += 1
    columns = [[n for n in ordered if side[n.key] == s] for s in (0, 1)]
    for _sweep in range(4):  # barycentre ordering: partners face the partners they are linked to
        for moving, fixed in ((1, 0), (0, 1)):
            where = {n.key: i - (len(columns[fixed]) - 1) / 2 for i, n in enumerate(columns[fixed])}
            own = {n.key: i - (len(columns[moving]) - 1) / 2 for i, n in enumerate(columns[moving])}

            def centre(node, where=where, own=own):
                pulls = [
                    (where[other], count)
                    for other, count in sorted(
                        links[node.key].items(), key=lambda item: rank[item[0]]
                    )
                    if other in where
                ]
                if not pulls:
                    return own[node.key]
                return sum(p * c for p, c in pulls) / sum(c for _p, c in pulls)

            columns[moving] = sorted(columns[moving], key=lambda n: (centre(n), rank[n.key]))
    return columns


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _bezier(p0, c, p1, t: float) -> tuple[float, float]:
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0],
        u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1],
    )


def curve_points(p0, c, p1, pieces: int = SAMPLES) -> list[tuple[float, float]]:
    """The curve as pieces + 1 points, for collision checks (the tests use it too)."""
    return [_bezier(p0, c, p1, i / pieces) for i in range(pieces + 1)]


def segment_hits_box(a, b, box) -> bool:
    """Whether the straight segment a-b touches the box (left, top, right, bottom)."""
    (ax, ay), (bx, by) = a, b
    x0, y0, x1, y1 = box
    if max(ax, bx) < x0 or min(ax, bx) > x1 or max(ay, by) < y0 or min(ay, by) > y1:
        return False
    dx, dy = bx - ax, by - ay
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


def boxes_overlap(a, b, gap: float = 0.0) -> bool:
    return a[0] - gap < b[2] and b[0] - gap < a[2] and a[1] - gap < b[3] and b[1] - gap < a[3]


def _inflate(box, pad: float):
    return (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)


def _geometry(columns, usable, rank, band: float, row: float):
    """Node centres and the edges' curves (start, control, end), as drawn."""
    rows = max((len(column) for column in columns), default=0)
    centres: dict[str, tuple[float, float, int]] = {}
    for side, column in enumerate(columns):
        top = (rows - len(column)) / 2 * row
        for i, node in enumerate(column):
            centres[node.key] = (band * side, top + i * row, side)

    pairs: dict[tuple[int, int], list[Edge]] = defaultdict(list)
    for edge in usable:
        pairs[_pair(edge, rank)].append(edge)
    most_bulge = 2 * (band - BAND_CLEARANCE) - 20
    curves = []
    for edge in usable:
        siblings = pairs[_pair(edge, rank)]
        number = siblings.index(edge)
        sx, sy, s_side = centres[edge.source]
        tx, ty, t_side = centres[edge.target]
        if s_side != t_side:
            low, high = sorted([edge.source, edge.target], key=rank.__getitem__)
            (lx, ly, _), (hx, hy, _) = centres[low], centres[high]
            px, py = _unit(-(hy - ly), hx - lx)
            offset = (number - (len(siblings) - 1) / 2) * PARALLEL_SPACING
            control = ((sx + tx) / 2 + px * offset, (sy + ty) / 2 + py * offset)
        else:
            inward = 1 if s_side == 0 else -1
            bulge = max(0.6 * abs(ty - sy), MIN_BULGE) + number * PARALLEL_SPACING
            control = (sx + inward * min(bulge, most_bulge), (sy + ty) / 2)
        ux, uy = _unit(control[0] - sx, control[1] - sy)
        start = (sx + ux * (NODE_RADIUS + 1), sy + uy * (NODE_RADIUS + 1))
        vx, vy = _unit(control[0] - tx, control[1] - ty)
        back = NODE_RADIUS + (ARROW_GAP + 2 if edge.directed else 1)
        end = (tx + vx * back, ty + vy * back)
        curves.append((start, control, end))
    return centres, curves, pairs


def _candidates(curve, half_w: float, half_h: float, low: float, high: float):
    """Where a label's centre may go, best first: beside a point of its curve (above, below,
    to either side, at the corners), nearest the middle of the curve first; and, for a point
    whose label would reach out of the band, the label slid along into the band, still
    touching the point's vertical."""
    inner_low, inner_high = low + half_w, high - half_w
    seen = set()
    for t in LABEL_TS:
        px, py = _bezier(*curve, t)
        slid = min(max(px, inner_low), inner_high) if inner_low <= inner_high else px
        for x, y in (
            (px, py - half_h), (px, py + half_h), (px + half_w, py), (px - half_w, py),
            (px + half_w, py - half_h), (px - half_w, py - half_h),
            (px + half_w, py + half_h), (px - half_w, py + half_h),
            (slid, py - half_h), (slid, py + half_h),
        ):  # fmt: skip
            spot = (round(x, 1), round(y, 1))
            if spot not in seen:
                seen.add(spot)
                yield x, y


def _label_spots(curves, texts, band: float):
    """(x, y) per edge label: beside its own curve, clear of every line, node and label, else
    None (then drawn at the middle of the curve, shown on hover only)."""
    lines = []  # per curve: its bounding box and its straight pieces (a quick first check)
    for curve in curves:
        points = curve_points(*curve)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        lines.append(
            ((min(xs), min(ys), max(xs), max(ys)), list(zip(points, points[1:], strict=False)))
        )
    taken = []
    spots = []
    height = 2 * TEXT_HALF_HEIGHT * EDGE_LABEL_FONT_SIZE
    gap = LABEL_GAP + LINE_PAD
    low, high = BAND_CLEARANCE, band - BAND_CLEARANCE
    for curve, text in zip(curves, texts, strict=True):
        found = None
        if text:
            width = text_width(text, EDGE_LABEL_FONT_SIZE)
            half_w, half_h = width / 2 + gap, height / 2 + gap
            for x, y in _candidates(curve, half_w, half_h, low, high):
                box = text_box(x, y, width, EDGE_LABEL_FONT_SIZE, "middle")
                if box[0] < low or box[2] > high:
                    continue
                if any(boxes_overlap(box, other, LABEL_GAP) for other in taken):
                    continue
                padded = _inflate(box, LINE_PAD)
                if any(
                    boxes_overlap(bounds, padded, 0.5)
                    and any(segment_hits_box(a, b, padded) for a, b in pieces)
                    for bounds, pieces in lines
                ):
                    continue
                found = (x, y, box)
                break
        if found:
            taken.append(found[2])
            spots.append(found[:2])
        else:
            spots.append(None)
    return spots


def _all_placed(spots, texts) -> bool:
    return all(spot is not None for spot, text in zip(spots, texts, strict=True) if text)


def _swaps(columns, usable, spots, texts):
    """Column orders to try when some labels found no place (before the band and the rows
    grow): a partner of such a symbiosis swapped with its neighbour above, then below. The
    first few such partners only, so that this stays quick."""
    keys: list[str] = []
    for edge, spot, text in zip(usable, spots, texts, strict=True):
        if text and spot is None:
            keys.extend(key for key in (edge.source, edge.target) if key not in keys)
    for key in keys[:REPAIRED_PARTNERS]:
        for side, column in enumerate(columns):
            for i, node in enumerate(column):
                if node.key != key:
                    continue
                for j in (i - 1, i + 1):
                    if 0 <= j < len(column):
                        swapped = list(column)
                        swapped[i], swapped[j] = swapped[j], swapped[i]
                        yield [swapped, columns[1]] if side == 0 else [columns[0], swapped]


def layout(nodes: list[Node], edges: list[Edge]) -> Diagram:
    """Places nodes in two columns and edges as curves between them, every label whole.

    Edges whose source or target is not among the nodes (say, a partner that is not published)
    and loops are left out. Raises ValueError for duplicate node keys or edge keys, and for
    unknown kinds.
    """
    ordered = _sorted_nodes(list(nodes))
    rank = {node.key: i for i, node in enumerate(ordered)}
    usable = _usable_edges(list(edges), rank)
    columns = _columns(ordered, usable, rank)
    names = {node.key: clean_text(node.label) for node in ordered}
    texts = [clean_text(edge.label) for edge in usable]
    dense = len(usable) > DENSE_EDGES
    longest = max((text_width(text, EDGE_LABEL_FONT_SIZE) for text in texts if text), default=0)
    base = BAND_MIN if dense else max(BAND_MIN, longest + 2 * (BAND_CLEARANCE + LABEL_GAP + 4))
    rows = max(1, math.ceil(len(ordered) / 2))
    room = sum(
        (text_width(text, EDGE_LABEL_FONT_SIZE) + 2 * LABEL_GAP) * (2 * LABEL_GAP + 15)
        for text in texts
        if text and not dense
    )
    first_row = max(ROW, LABEL_ROOM * room / base / rows)
    for band_factor, row_factor in GROWTH[:1] if dense else GROWTH:
        band, row = base * band_factor, first_row * row_factor
        centres, curves, pairs = _geometry(columns, usable, rank, band, row)
        spots = [None] * len(usable) if dense else _label_spots(curves, texts, band)
        if _all_placed(spots, texts):
            break
        missing = sum(spot is None for spot, text in zip(spots, texts, strict=True) if text)
        if dense or missing > REPAIRED_LABELS:
            continue
        for variant in _swaps(columns, usable, spots, texts):
            tried = _geometry(variant, usable, rank, band, row)
            tried_spots = _label_spots(tried[1], texts, band)
            if _all_placed(tried_spots, texts):
                (centres, curves, pairs), spots = tried, tried_spots
                break
        if _all_placed(spots, texts):
            break

    # What is drawn, in layout coordinates: then the view box is fitted around it.
    label_spots, boxes = [], []
    for node in ordered:
        x, y, side = centres[node.key]
        boxes.append((x - SHAPE_REACH, y - SHAPE_REACH, x + SHAPE_REACH, y + SHAPE_REACH))
        anchor = "end" if side == 0 else "start"
        lx = x - LABEL_OFFSET if side == 0 else x + LABEL_OFFSET
        width = text_width(names[node.key], LABEL_FONT_SIZE)
        boxes.append(text_box(lx, y, width, LABEL_FONT_SIZE, anchor))
    for curve, spot, text in zip(curves, spots, texts, strict=True):
        points = curve_points(*curve)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
        x, y = spot if spot else _bezier(*curve, 0.5)
        label_spots.append((x, y, spot is not None and not dense))
        if text:
            width = text_width(text, EDGE_LABEL_FONT_SIZE)
            boxes.append(text_box(x, y, width, EDGE_LABEL_FONT_SIZE, "middle"))
    left = min((box[0] for box in boxes), default=0.0)
    top = min((box[1] for box in boxes), default=0.0)
    right = max((box[2] for box in boxes), default=0.0)
    bottom = max((box[3] for box in boxes), default=0.0)
    dx, dy = MARGIN - left, MARGIN - top

    def at(point):
        return f"{svg_number(point[0] + dx)} {svg_number(point[1] + dy)}"

    by_key = {node.key: node for node in ordered}
    placed = []
    for node in ordered:
        x, y, side = centres[node.key]
        label_x = x - LABEL_OFFSET if side == 0 else x + LABEL_OFFSET
        placed.append(
            PlacedNode(
                key=node.key,
                label=node.label,
                kind=node.kind,
                url=node.url,
                x=x + dx,
                y=y + dy,
                display_label=names[node.key],
                transform=f"translate({at((x, y))})",
                label_x=svg_number(label_x + dx),
                label_y=svg_number(y + dy),
                label_anchor="end" if side == 0 else "start",
                shape=SHAPES[node.kind],
            )
        )
    placed_edges = []
    for edge, (start, control, end), text, (lx, ly, shown) in zip(
        usable, curves, texts, label_spots, strict=True
    ):
        source, target = by_key[edge.source], by_key[edge.target]
        placed_edges.append(
            PlacedEdge(
                key=edge.key,
                source=edge.source,
                target=edge.target,
                label=edge.label,
                url=edge.url,
                directed=bool(edge.directed),
                source_label=source.label,
                target_label=target.label,
                source_url=source.url,
                target_url=target.url,
                path=f"M{at(start)}Q{at(control)} {at(end)}",
                label_x=svg_number(lx + dx),
                label_y=svg_number(ly + dy),
                display_label=text,
                parallel=len(pairs[_pair(edge, rank)]),
                label_shown=bool(text) and shown,
            )
        )

    counts = Counter(node.kind for node in ordered)
    legend = [
        LegendItem(kind=kind, label=label, shape=SHAPES[kind], count=counts[kind])
        for kind, label in PARTNER_KINDS
        if counts[kind]
    ]
    return Diagram(
        width=math.ceil(right - left + 2 * MARGIN),
        height=math.ceil(bottom - top + 2 * MARGIN),
        nodes=placed,
        edges=placed_edges,
        legend=legend,
        dense=dense,
    )
