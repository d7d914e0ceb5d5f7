"""The SVG builder: markup only through `tag`, every name escaped; the ownership diagram
laid out in layers from the customer up, a circular holding drawn, not looped for ever."""

from __future__ import annotations

from lxml import etree
from markupsafe import Markup

from shared.reports.svg import BOX_H, Edge, Node, layers, ownership_diagram, place, tag, text

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: Markup):
    return etree.fromstring(str(markup).encode())


def test_tag_escapes_attributes_and_text_but_keeps_markup_children() -> None:
    hostile = 'A & B "Holdings" <script>alert(1)</script>'
    element = tag("g", {"data_node": hostile, "class": "node"}, tag("title", None, hostile), text(hostile))
    assert "<script>" not in element and "&lt;script&gt;" in element and "&#34;" in element
    parsed = parse(element)
    assert parsed.get("data-node") == hostile and parsed.get("class") == "node"
    assert parsed.find("title").text == hostile and parsed.find("title").tail == hostile
    assert str(tag("rect", {"x": 1, "fill": None})) == '<rect x="1"/>'  # None leaves the attribute out


def test_layers_count_up_from_the_customer_and_survive_a_cycle() -> None:
    nodes = [Node(n, n, "entity") for n in ("customer", "a", "b", "c", "person", "stray")]
    edges = [Edge("a", "customer", "50%"), Edge("b", "a", "60%"), Edge("a", "b", "70%"),  # a and b own each other
             Edge("person", "b", "40%"), Edge("c", "customer", "50%")]
    assert layers(nodes, edges, "customer") == {"customer": 0, "a": 1, "c": 1, "b": 2, "person": 3, "stray": 4}
    placed = place(nodes, edges, "customer")
    assert placed["customer"].y > placed["a"].y > placed["b"].y > placed["person"].y
    assert placed["a"].y == placed["c"].y and placed["a"].x != placed["c"].x


def test_the_diagram_has_a_box_per_party_an_arrow_per_holding_and_the_loop_dashed() -> None:
    nodes = [Node("kp", "Kestrel & Sons <Ltd>", "customer"), Node("t", "Tamarisk Holdings Limited", "entity"),
             Node("b", "Brambling Holdings Limited", "entity"), Node("f", "Fiona Jane Ashworth", "individual")]
    edges = [Edge("t", "kp", "50%"), Edge("b", "t", "60%"), Edge("t", "b", "70%"), Edge("f", "t", "40%")]
    svg = parse(ownership_diagram(nodes, edges, bottom="kp", title="Ownership of Kestrel & Sons <Ltd>"))
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text == "Ownership of Kestrel & Sons <Ltd>"
    assert "Tamarisk Holdings Limited holds 70% of Brambling Holdings Limited" in svg.find(f"{SVG}desc").text
    groups = svg.findall(f"{SVG}g")
    edge_labels = [g.find(f"{SVG}text").text for g in groups if g.get("class") == "edge"]
    assert edge_labels == ["50%", "60%", "70%", "40%"]
    loops = [g.get("data-edge") for g in groups if g.find(f"{SVG}path[@class='cycle']") is not None]
    assert loops == ["t>b"]  # only the holding that points back up
    boxes = {g.get("data-node"): g for g in groups if "node" in g.get("class").split()}
    assert set(boxes) == {"kp", "t", "b", "f"}
    assert float(boxes["f"].find(f"{SVG}rect").get("rx")) > float(boxes["t"].find(f"{SVG}rect").get("rx"))
    label = " ".join(boxes["kp"].find(f"{SVG}text").itertext())
    assert label == "Kestrel & Sons <Ltd>"
    width, height = (int(v) for v in svg.get("viewBox").split()[2:])
    for box in boxes.values():
        rect = box.find(f"{SVG}rect")
        assert int(rect.get("x")) >= 0 and int(rect.get("y")) + BOX_H <= height and int(rect.get("x")) < width
