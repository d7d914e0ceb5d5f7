"""Findings about the ownership structure and the screening lists themselves."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kyc.ownership import Holding, Structure, node_key
from kyc.screening.dates import stale_age
from kyc.screening.demo import is_demo
from shared.findings import Finding, finding
from shared.runs.result import ListUse


def structure_findings(structure: Structure, holdings: Sequence[Holding]) -> list[Finding]:
    findings = []
    for cycle in structure.cycles:
        members = {node_key(name) for name in cycle}
        cited = [c for h in holdings if node_key(h.owner) in members and node_key(h.owned) in members
                 for c in h.citations]
        findings.append(finding("ownership_cycle", " -> ".join(cycle),
                                f"Circular holding: {' -> '.join(cycle)} (each holds shares in the next); effective "
                                "ownership is counted over paths that do not go round the loop", "error", cited))
    for name, total in structure.over_allocated:
        cited = [c for h in holdings if node_key(h.owned) == node_key(name) for c in h.citations]
        findings.append(finding("ownership_over_100", name,
                                f"The holdings in {name} add up to {total}%, more than 100%", "error", cited))
    return findings


def list_findings(lists: Sequence[ListUse], as_of: date) -> list[Finding]:
    """What the reader of the outputs must know about the lists themselves: a stale
    list (the case may have been screened against a list that no longer matches the
    published one), or the demo list (which says nothing about real sanctions)."""
    findings = []
    for listed in lists:
        if is_demo(listed.name):
            findings.append(finding("demo_list", listed.name,
                                    "Screened against the pack's DEMO LIST of invented names, not a real sanctions "
                                    "list: this screening says nothing about real sanctions. Real cases are screened "
                                    "against the official lists (`finagents lists update`)", "info"))
            continue
        age = stale_age(listed.date, as_of) if listed.date else None
        if age is not None:
            findings.append(finding("list_out_of_date", listed.name,
                                    f"The {listed.name} list used is dated {listed.date}, {age} days old: get a "
                                    "current list with `finagents lists update` before relying on this screening",
                                    "warning"))
    return findings
