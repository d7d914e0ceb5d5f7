"""Findings about the ownership structure and the screening lists themselves."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from shared.findings import finding
from kyc.ownership import Holding, Structure, node_key
from shared.findings import Finding
from shared.runs.result import ListUse


def structure_findings(structure: Structure, holdings: Sequence[Holding]) -> list[Finding]:
    findings = []
    for cycle in structure.cycles:
        members = {node_key(name) for name in cycle}
        cited = [c for h in holdings if node_key(h.owner) in members and node_key(h.owned) in members for c in h.citations]
        findings.append(finding("ownership_cycle", " -> ".join(cycle),
                                f"Circular holding: {' -> '.join(cycle)} (each holds shares in the next); effective "
                                "ownership is counted over paths that do not go round the loop", "error", cited))
    for name, total in structure.over_allocated:
        cited = [c for h in holdings if node_key(h.owned) == node_key(name) for c in h.citations]
        findings.append(finding("ownership_over_100", name,
                                f"The holdings in {name} add up to {total}%, more than 100%", "error", cited))
    return findings


def stale_list_findings(lists: Sequence[ListUse], as_of: date) -> list[Finding]:
    """A stale screening list: the case may have been screened against a list that no
    longer matches the published one."""
    from kyc.screening.lists import stale_age

    findings = []
    for listed in lists:
        age = stale_age(listed.date, as_of) if listed.date else None
        if age is not None:
            findings.append(finding("list_out_of_date", listed.name,
                                    f"The {listed.name} list used is dated {listed.date}, {age} days old: load a "
                                    "current list with `finagents lists load` before relying on this screening",
                                    "warning"))
    return findings
