"""Statements read whose defining totals no line maps to: a bank's or an insurer's.

An income statement that reads "Net interest income", "Premiums earned" and "Benefits,
claims and expenses" has no line the label table knows as revenue; a bank's balance
sheet may have no "Total current assets". The reader does not stretch the table to
fit: the lines stay unmapped (listed for the reviewer, or for the model to classify),
and a finding says which totals were not found, so that a missing revenue figure is
never mistaken for a zero or an oversight.
"""

from __future__ import annotations

from collections.abc import Sequence

from earnings_review.facts import Fact
from earnings_review.vocabulary import concept_class
from shared.findings import Finding

# What each statement is built to show: one concept of each group must be read from it.
DEFINING: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "income": (("revenue", concept_class("Revenues")), ("net income", frozenset({"NetIncomeLoss", "ProfitLoss"}))),
    "balance": (("total assets", frozenset({"Assets"})),
                ("total liabilities", frozenset({"Liabilities", "LiabilitiesAndStockholdersEquity"}))),
    "cash_flow": (("net cash from operating activities", frozenset({"NetCashProvidedByUsedInOperatingActivities"})),),
}
TITLES = {"income": "income statement", "balance": "balance sheet", "cash_flow": "cash flow statement"}
EXAMPLES = 4


def unmapped_totals(readable: dict[str, tuple[int, ...]], facts: Sequence[Fact], unmapped: Sequence,
                    source: str) -> list[Finding]:
    """A finding for each readable statement (name: pages) missing one of its defining totals."""
    found = []
    for name, pages in readable.items():
        concepts = {f.concept for f in facts if f.statement == name}
        missing = [what for what, members in DEFINING[name] if not concepts & members]
        if missing:
            found.append(_finding(name, pages, missing, [r.label for r in unmapped if r.statement == name], source))
    return found


def _finding(name: str, pages: tuple[int, ...], missing: list[str], labels: list[str], source: str) -> Finding:
    shown = ", ".join(repr(label) for label in list(dict.fromkeys(labels))[:EXAMPLES])
    lines = f" (its unmapped lines include {shown})" if shown else ""
    return Finding(
        id=f"unmapped_totals:{name}", code="statement_lines_unmapped", severity="warning", subject=source,
        message=f"The {TITLES[name]} on page {', '.join(map(str, pages))} was read, but no line of it is one the "
                f"label table knows as {' or '.join(missing)}{lines}: a bank's or an insurer's statement is laid "
                "out differently. Those lines are left unmapped for review; no figure is stated for them.")
