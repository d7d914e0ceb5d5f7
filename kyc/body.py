"""result.json's `body` for a KYC case, and the items a reviewer must dispose of."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from kyc.register import holdings_from_application
from shared.runs.gate import ReviewItem

VERDICTS = ("true_match", "false_positive")


def body(state: Mapping[str, Any]) -> dict[str, Any]:
    packet, structure, risk = state.get("packet"), state.get("structure"), state.get("risk")
    return {
        "customer": _customer(packet) if packet else None,
        "documents": _documents(packet) if packet else [],
        "parties": [p.model_dump(mode="json") for p in state.get("parties", [])],
        "ownership": _ownership(structure, state.get("beneficial_owners", []), state.get("parties", []),
                                _holdings(packet)) if structure else None,
        "screening": {"hits": [h.model_dump(mode="json") for h in state.get("hits", [])],
                      "screened": len(state.get("parties", [])),
                      "cleared": sum(1 for h in state.get("hits", []) if h.cleared is not None)},
        "risk": risk.model_dump(mode="json") if risk else None,
    }


def _customer(packet: Any) -> dict[str, Any]:
    application = packet.application
    return {"application": application.path, "form": application.form.model_dump(mode="json"),
            "citations": {k: c.model_dump(mode="json") for k, c in application.citations.items()}}


def _documents(packet: Any) -> list[dict[str, Any]]:
    kinds = (("certificate_of_incorporation", packet.certificates), ("identity", packet.identities),
             ("proof_of_address", packet.proofs_of_address))
    rows = [{"kind": kind, **d.model_dump(mode="json")} for kind, docs in kinds for d in docs]
    rows += [{"kind": "ownership", "path": ref.path} for ref in packet.registers]
    rows += [{"kind": "unrecognised", "path": path} for path in packet.unrecognised]
    return rows + [{"kind": "not_read", "path": item.path, "reason": item.reason} for item in packet.not_read]


def _holdings(packet: Any) -> list[dict[str, Any]]:
    """Each line of the register or chart (or the application's shareholders), as the
    structure was built from it: the report draws the diagram from these."""
    holdings = packet.holdings or holdings_from_application(packet.application)
    return [h.model_dump(mode="json") for h in holdings]


def _ownership(structure: Any, beneficial: Sequence[Any], parties: Sequence[Any],
               holdings: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {**structure.model_dump(mode="json"), "opacity_score": structure.opacity_score, "holdings": list(holdings),
            "control_persons": [p.name for p in parties if "control_person" in p.roles],
            "beneficial_owners": [{"name": o.name, "effective_percent": percent_text(o.effective_percent)}
                                  for o in beneficial]}


def percent_text(percent: Decimal) -> str:
    """Two decimals at most, no trailing zeros: 40, 33.33, 0.5."""
    text = format(percent.quantize(Decimal("0.01")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def review_items(state: Mapping[str, Any]) -> list[ReviewItem]:
    """Every hit but those the engagement's memory clears: those count as dispositioned
    (`kyc.dispositions`), and the gate asks for no verdict on them."""
    return [hit_item(h) for h in state.get("hits", []) if h.cleared is None]


def hit_item(hit: Any) -> ReviewItem:
    summary = f"{hit.party_name} against {hit.list} entry {hit.entry_id} '{hit.matched_name}', score {hit.score}"
    if hit.previously_cleared:
        summary += f" ({hit.previously_cleared})"
    return ReviewItem(id=hit.id, kind="screening_hit", summary=summary, verdicts=VERDICTS)
