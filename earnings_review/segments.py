"""The segment table: revenue and operating income by reportable segment.

Segment tables sit in the notes and come in two layouts (segments as lines under a
"Net sales:" heading, or "Net sales" lines under each segment's heading). A column's
segment figures are kept only when they add up to the consolidated figure that the
income statement itself reports for that period: a table read wrongly, or a column given
the wrong period, does not add up and is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

from earnings_review.checks import TieOut, printed_tolerance
from earnings_review.concepts import normalise
from earnings_review.facts import Fact
from earnings_review.tables import Row, Table, parse_table
from shared.documents import PdfDocument
from shared.money import AmountError, Scale, detect_scale, parse_amount

SEARCH = r"reportable\s+segments?|segment\s+information|by\s+segment"
METRICS = {"net sales": "Revenues", "revenues": "Revenues", "revenue": "Revenues", "total net sales": "Revenues",
           "operating income": "OperatingIncomeLoss", "operating income (loss)": "OperatingIncomeLoss",
           "segment operating income": "OperatingIncomeLoss", "operating loss": "OperatingIncomeLoss",
           "net sales by reportable segment": "Revenues", "net sales by segment": "Revenues",
           "revenues by segment": "Revenues", "operating income by reportable segment": "OperatingIncomeLoss",
           "operating income by segment": "OperatingIncomeLoss"}
Total = tuple[str, tuple]  # a concept and a period's key
TOTALS = ("consolidated", "total", "total segments", "total net sales", "total revenues", "total segment")


def segment_facts(pdf: PdfDocument, consolidated: Sequence[Fact]) -> tuple[list[Fact], list[TieOut]]:
    totals = {(f.concept, f.period.key): f for f in consolidated if f.statement == "income"}
    facts: list[Fact] = []
    ties: list[TieOut] = []
    seen: set[Total] = set()
    for page in pdf.search(SEARCH):
        scale = detect_scale(pdf.page_text(page))
        table = parse_table(pdf, page, durations=True) if scale else None
        if scale is None or table is None:
            continue
        for (concept, column), members in _groups(table).items():
            kept = _verified(pdf, table, scale, concept, column, members, totals, seen)
            if kept:
                facts += kept[0]
                ties.append(kept[1])
    return facts, ties


def _groups(table: Table) -> dict[tuple[str, int], list[tuple[str, Row]]]:
    groups: dict[tuple[str, int], list[tuple[str, Row]]] = defaultdict(list)
    for row in table.rows:
        by_section, by_label = METRICS.get(normalise(row.section)), METRICS.get(normalise(row.label))
        concept, member = (by_section, row.label) if by_section else (by_label, row.section.rstrip(":"))
        if concept and member and normalise(member) not in TOTALS:
            for cell in row.cells:
                groups[(concept, cell.column)].append((member.strip(), row))
    return groups


def _verified(pdf: PdfDocument, table: Table, scale: Scale, concept: str, column: int,
              members: Sequence[tuple[str, Row]], totals: Mapping[Total, Fact],
              seen: set[Total]) -> tuple[list[Fact], TieOut] | None:
    period = table.periods[column]
    total = totals.get((concept, period.key)) if period else None
    if period is None or total is None or len(members) < 2 or (concept, period.key) in seen:
        return None
    found = [_fact(pdf, table, scale, concept, column, member, row) for member, row in members]
    facts = [f for f in found if f is not None]
    if len(facts) < len(found):
        return None
    added = sum((f.value for f in facts), Decimal(0))
    slack = sum((printed_tolerance(f) for f in facts), printed_tolerance(total))
    if abs(added - total.value) > slack:
        return None
    seen.add((concept, period.key))
    tie = TieOut(id=f"segments:{concept}:{period.describe()}", check=f"segments' {concept} = consolidated {concept}",
                 period=period.describe(), expected=added, actual=total.value, difference=total.value - added,
                 tolerance=slack, passed=True, citations=tuple(f.citation for f in facts) + (total.citation,))
    return facts, tie


def _fact(pdf: PdfDocument, table: Table, scale: Scale, concept: str, column: int, member: str,
          row: Row) -> Fact | None:
    period = table.periods[column]
    cell = next((c for c in row.cells if c.column == column), None)
    if period is None or cell is None:
        return None
    try:
        printed = parse_amount(cell.text).value
    except AmountError:
        return None
    return Fact(concept=concept, label=row.label, period=period, value=scale.apply(printed, "money"),
                unit="USD", statement="segment", citation=pdf.cite(table.page, cell.bbox, cell.text), member=member)
