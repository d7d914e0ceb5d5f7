"""What the KYC report shows beyond result.json as it is: the ownership diagram (SVG
drawn from the holdings), each document's cited fields as rows, and which screening
hits are still open."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kyc.ownership import node_key
from shared.reports.svg import Edge, Node, ownership_diagram

PERCENT = "%"


def report_view(result: Mapping[str, Any]) -> dict[str, Any]:
    body = result["body"]
    review = result.get("review") or {}
    decided = {d["item_id"]: d for d in review.get("dispositions", ())}
    hits = body["screening"]["hits"]
    return {
        "diagram": _diagram(body["ownership"]) if body.get("ownership") else None,
        "documents": [{"kind": d["kind"], "path": d["path"], "fields": list(cited_fields(d)), "reason": d.get("reason")}
                      for d in body["documents"]],
        "dispositions": decided,
        # A hit the engagement's memory clears is not open: it was disposed of before.
        "open_hits": [h for h in hits if h["id"] not in decided and not h.get("cleared")],
    }


def _diagram(ownership: Mapping[str, Any]) -> Any:
    customer = ownership["customer"]
    nodes = {node_key(customer): Node(node_key(customer), customer, "customer")}
    edges = []
    for h in ownership["holdings"]:
        owner, owned = node_key(h["owner"]), node_key(h["owned"])
        nodes.setdefault(owner, Node(owner, h["owner"], h["owner_type"]))
        nodes.setdefault(owned, Node(owned, h["owned"], "entity"))
        edges.append(Edge(owner, owned, f"{h['percent']}{PERCENT}"))
    return ownership_diagram(list(nodes.values()), edges, bottom=node_key(customer),
                             title=f"Ownership of {customer}")


def cited_fields(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """(field, text as printed, value read, citation, read_by) for each cited field, in
    order: a field is either {text, citation, read_by} or {printed: {...}, value}; a
    field the model read from a picture has no citation and says so in `read_by`."""
    for name, value in document.items():
        if not isinstance(value, Mapping):
            continue
        if "citation" in value:
            yield {"field": name, "text": value["text"], "value": None, "citation": value["citation"],
                   "read_by": value.get("read_by")}
        elif isinstance(value.get("printed"), Mapping) and "citation" in value["printed"]:
            printed = value["printed"]
            yield {"field": name, "text": printed["text"], "value": value.get("value"), "citation": printed["citation"],
                   "read_by": printed.get("read_by")}
