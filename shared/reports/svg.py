"""Diagrams as inline SVG, drawn by code: no script, no fonts, nothing fetched.

`ownership_diagram` draws who owns whom: a box per entity or person, an arrow from each
owner to what it owns labelled with the percentage, the customer at the bottom and each
layer of owners above the one it owns. An arrow that would point up or sideways (a
circular holding) is drawn as a dashed curve, so a loop is visible, not hidden.

Markup is built only by `tag` and `text`, which escape every attribute and text; names
come from client documents and are never trusted.
"""

from __future__ import annotations

import textwrap
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import isqrt

from markupsafe import Markup, escape

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 200, 54, 36, 70, 16
LOOP_ROOM = 40  # beside the boxes, for the curves of circular holdings
BOW = 60  # how far such a curve bows away from the straight line
LABEL_CHARS = 26  # a name is wrapped at this many characters, two lines at most


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str  # "customer", "entity" or "individual"


@dataclass(frozen=True)
class Edge:
    """`source` holds `label` (e.g. "60%") of `target`."""

    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Placed:
    node: Node
    x: int
    y: int

    @property
    def centre(self) -> tuple[int, int]:
        return (self.x + BOX_W // 2, self.y + BOX_H // 2)


def text(value: object) -> Markup:
    """Text content, escaped."""
    return escape(str(value))


def tag(name: str, attributes: Mapping[str, object] | None = None, *children: object) -> Markup:
    """One element; attribute values and plain-string children are escaped, Markup
    children (from `tag` or `text`) are kept. An underscore in a name is a hyphen."""
    attrs = "".join(f' {key.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
                    for key, value in (attributes or {}).items() if value is not None)
    inner = Markup("").join(child if isinstance(child, Markup) else escape(str(child)) for child in children)
    return Markup(f"<{name}{attrs}>{inner}</{name}>" if children else f"<{name}{attrs}/>")


def layers(nodes: Sequence[Node], edges: Sequence[Edge], bottom: str) -> dict[str, int]:
    """Each node's layer: 0 for `bottom`, else one more than the nearest thing it owns
    (shortest path, so a cycle cannot push a node up for ever). Nodes that own nothing
    on a path to the bottom go one layer above the rest."""
    owners_of: dict[str, list[str]] = {}
    for edge in edges:
        owners_of.setdefault(edge.target, []).append(edge.source)
    depth, queue = {bottom: 0}, deque([bottom])
    while queue:
        node = queue.popleft()
        for owner in owners_of.get(node, ()):
            if owner not in depth:
                depth[owner] = depth[node] + 1
                queue.append(owner)
    top = max(depth.values(), default=0) + 1
    return {n.id: depth.get(n.id, top) for n in nodes}


def place(nodes: Sequence[Node], edges: Sequence[Edge], bottom: str) -> dict[str, Placed]:
    """Boxes laid out in rows, the highest layer at the top, each row centred."""
    level = layers(nodes, edges, bottom)
    rows: dict[int, list[Node]] = {}
    for node in nodes:
        rows.setdefault(level[node.id], []).append(node)
    widest = max((len(row) for row in rows.values()), default=1)
    width = widest * (BOX_W + GAP_X) - GAP_X
    top = max(rows, default=0)
    placed = {}
    for depth, row in rows.items():
        start = PAD + (width - (len(row) * (BOX_W + GAP_X) - GAP_X)) // 2
        for i, node in enumerate(row):
            placed[node.id] = Placed(node, start + i * (BOX_W + GAP_X), PAD + (top - depth) * (BOX_H + GAP_Y))
    return placed


def ownership_diagram(nodes: Sequence[Node], edges: Sequence[Edge], bottom: str, title: str,
                      prefix: str = "own") -> Markup:
    """The whole diagram as one <svg> element."""
    placed = place(nodes, edges, bottom)
    width = max((p.x for p in placed.values()), default=0) + BOX_W + PAD + LOOP_ROOM
    height = max((p.y for p in placed.values()), default=0) + BOX_H + PAD
    description = "; ".join(f"{placed[e.source].node.label} holds {e.label} of {placed[e.target].node.label}"
                            for e in edges if e.source in placed and e.target in placed)
    return tag("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}",
                       "width": width, "height": height, "role": "img", "class": "diagram",
                       "aria_labelledby": f"{prefix}-title {prefix}-desc"},
               tag("title", {"id": f"{prefix}-title"}, title),
               tag("desc", {"id": f"{prefix}-desc"}, description or "No holdings."),
               _defs(prefix),
               *(_edge(e, placed, prefix) for e in edges if e.source in placed and e.target in placed),
               *(_box(p) for p in placed.values()))


def _defs(prefix: str) -> Markup:
    arrow = tag("path", {"d": "M0,0 L10,5 L0,10 z", "fill": "#333"})
    return tag("defs", None, tag("marker", {"id": f"{prefix}-arrow", "viewBox": "0 0 10 10", "refX": 10, "refY": 5,
                                            "markerWidth": 8, "markerHeight": 8, "orient": "auto"}, arrow))


def _bow(start: tuple[int, int], end: tuple[int, int], offset: int) -> tuple[int, int]:
    """A control point `offset` pixels to the right of the segment's middle (as one
    walks from start to end), so a curve and a straight arrow between the same two boxes
    stay apart. Integer arithmetic: a diagram's coordinates need no floats."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = max(1, isqrt(dx * dx + dy * dy))
    return ((x1 + x2) // 2 - dy * offset // length, (y1 + y2) // 2 + dx * offset // length)


def _box(placed: Placed) -> Markup:
    node = placed.node
    shape = {"x": placed.x, "y": placed.y, "width": BOX_W, "height": BOX_H,
             "rx": 22 if node.kind == "individual" else 3,
             "fill": {"customer": "#e8f0fb", "individual": "#fff6e0"}.get(node.kind, "#f4f4f4"),
             "stroke": "#222" if node.kind == "customer" else "#666",
             "stroke_width": 2 if node.kind == "customer" else 1}
    lines = textwrap.wrap(node.label, LABEL_CHARS, max_lines=2, placeholder="…") or [""]
    cx, cy = placed.centre
    first = cy - (len(lines) - 1) * 8 + 5
    label = tag("text", {"x": cx, "y": first, "text_anchor": "middle", "font_size": 13,
                         "font_family": "system-ui, sans-serif"},
                *(tag("tspan", {"x": cx, "dy": 0 if i == 0 else 16}, line) for i, line in enumerate(lines)))
    kind = tag("title", None, f"{node.label} ({node.kind})")
    return tag("g", {"class": f"node {node.kind}", "data_node": node.id}, kind, tag("rect", shape), label)


def _edge(edge: Edge, placed: Mapping[str, Placed], prefix: str) -> Markup:
    owner, owned = placed[edge.source], placed[edge.target]
    if owner.y < owned.y:  # the owner's row is above: a straight arrow down
        x1, y1 = owner.x + BOX_W // 2, owner.y + BOX_H
        x2, y2 = owned.x + BOX_W // 2, owned.y
        path, (lx, ly) = f"M{x1},{y1} L{x2},{y2}", ((x1 + x2) // 2, (y1 + y2) // 2)
        style = {}
    else:  # a holding back up or across, i.e. a circular one: a dashed curve bowed aside
        x1, y1 = owner.x + BOX_W * 2 // 3, owner.y
        x2, y2 = owned.x + BOX_W * 2 // 3, owned.y + (BOX_H if owned.y < owner.y else 0)
        cx, cy = _bow((x1, y1), (x2, y2), BOW)
        path, (lx, ly) = f"M{x1},{y1} Q{cx},{cy} {x2},{y2}", ((x1 + 2 * cx + x2) // 4, (y1 + 2 * cy + y2) // 4)
        style = {"stroke_dasharray": "6 4", "class": "cycle"}
    line = tag("path", {"d": path, "fill": "none", "stroke": "#333", "stroke_width": 1.5,
                        "marker_end": f"url(#{prefix}-arrow)", **style})
    label = tag("text", {"x": lx + 6, "y": ly + 4, "font_size": 12, "font_family": "system-ui, sans-serif",
                         "stroke": "#fff", "stroke_width": 3, "paint_order": "stroke"}, edge.label)
    return tag("g", {"class": "edge", "data_edge": f"{edge.source}>{edge.target}"}, line, label)
