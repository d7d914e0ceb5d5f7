"""Statements to facts: locate, parse each table, map labels, scale, cite.

A wrong number is worse than a missing one: a figure is emitted only when its line is in
the label table, its column has a period, its page has a scale note, and no other line
gives the same concept and period a different value.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from dataclasses import dataclass, field
from typing import Callable, Sequence

from earnings_review.checks import TieOut, value_tolerance
from earnings_review.concepts import map_label
from earnings_review.facts import Fact, Period, Statement
from earnings_review.locate import locate
from earnings_review.tables import Row, Table, parse_table
from shared.documents import PdfCitation, PdfDocument
from shared.errors import InputError
from shared.findings import Finding
from shared.money import AmountError, Scale, detect_scale, parse_amount, row_kind

STATEMENTS: tuple[Statement, ...] = ("income", "balance", "cash_flow")
TITLES = {"income": "income statement", "balance": "balance sheet", "cash_flow": "cash flow statement"}
UNITS = {"per_share": "USD/share", "shares": "shares"}


class NoStatements(InputError):
    def __init__(self, path: object) -> None:
        super().__init__(path, "no financial statements found (looked for an income statement, "
                               "balance sheet and cash flow statement)")


@dataclass(frozen=True)
class UnmappedRow:
    """A statement line the label table does not know: kept, with its figures scaled and
    their periods, for the model to classify and for tie-outs that must include it."""

    statement: str
    label: str
    section: str
    printed: tuple[str, ...]
    citations: tuple[PdfCitation, ...]
    values: tuple[Decimal | None, ...] = ()
    periods: tuple[Period | None, ...] = ()


@dataclass(frozen=True)
class Extraction:
    facts: tuple[Fact, ...]
    unmapped: tuple[UnmappedRow, ...]
    findings: tuple[Finding, ...]
    pages: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # The periods each statement's columns show: what the filing's statements report.
    periods: dict[str, tuple[Period, ...]] = field(default_factory=dict)
    # Each "Total ..." line against the sum of the lines above it, as read.
    footings: tuple[TieOut, ...] = ()


def extract_statements(pdf: PdfDocument, *, on_page: Callable[[int, int], None] | None = None) -> Extraction:
    pages = locate(pdf)
    if not pages:
        raise NoStatements(pdf.path)
    facts: list[Fact] = []
    unmapped: list[UnmappedRow] = []
    findings = [_missing(pdf, name) for name in STATEMENTS if name not in pages]
    periods: dict[str, tuple[Period, ...]] = {}
    footed: list[TieOut] = []
    for name, numbers in pages.items():
        for page in numbers:
            if on_page:
                on_page(page, pdf.page_count)
            table, read = _read_page(pdf, name, page)
            facts, unmapped, findings = facts + read[0], unmapped + read[1], findings + read[2]
            if table is not None:
                periods[name] = periods.get(name, ()) + tuple(p for p in table.periods if p is not None)
                footed += _footings(pdf, table, detect_scale(pdf.page_text(page)))
    kept, conflicts = _without_conflicts(_tax_signs(facts))
    return Extraction(tuple(kept), tuple(unmapped), tuple(findings + conflicts), pages, periods, tuple(footed))


def _footings(pdf: PdfDocument, table: Table, scale: Scale | None) -> list[TieOut]:
    from earnings_review.footing import cell_text, footings, sums

    out = []
    for footing in footings(table) if scale else []:
        read = sums(footing, _amount)
        period = table.periods[footing.column]
        if read is None or period is None:
            continue
        kind = row_kind(footing.total.label, footing.total.section)
        rows = (*footing.parts, footing.total)
        cited = [(row, cell) for row in rows for cell in row.cells if cell.column == footing.column]
        citations = tuple(pdf.cite(table.page, cell.bbox, cell.text) for _, cell in cited)
        expected, actual = (scale.apply(v, kind) for v in read)
        tolerance = sum((value_tolerance(scale.apply(_amount(c.text) or Decimal(0), kind), c.text) for _, c in cited),
                        Decimal(0))
        check = f"{footing.total.label} = sum of the {len(footing.parts)} lines above it"
        out.append(TieOut(id=f"footing:{table.page}:{footing.total.label}:{period.describe()}", check=check,
                          period=period.describe(), expected=expected, actual=actual, difference=actual - expected,
                          tolerance=tolerance, passed=abs(actual - expected) <= tolerance, citations=citations))
    return out


def _read_page(pdf: PdfDocument, name: str, page: int) -> tuple[Table | None, tuple[list, list, list]]:
    table = parse_table(pdf, page, durations=name != "balance")
    scale = detect_scale(pdf.page_text(page))
    if table is None or scale is None:
        what = "its columns' periods" if table is None else "its scale note (in millions, thousands...)"
        return None, ([], [], [_finding(pdf, f"unreadable:{name}:{page}", "statement_unreadable", "warning",
                                        f"The {TITLES[name]} on page {page} was found but {what} could not be "
                                        "read; its figures are not used.")])
    facts, unmapped = _table_facts(pdf, name, table, scale)
    return table, (facts, unmapped, [])


def _table_facts(pdf: PdfDocument, name: str, table: Table, scale: Scale) -> tuple[list[Fact], list[UnmappedRow]]:
    facts, unmapped, cost_sections = [], [], set()
    for row in table.rows:
        mapping = map_label(name, row.label, row.section, cost_in_section=row.section in cost_sections)
        if mapping is None:
            unmapped.append(_unmapped(pdf, name, table, row, scale))
            continue
        if mapping.concept == "CostOfRevenue":
            cost_sections.add(row.section)
        facts += _row_facts(pdf, name, table, row, scale, mapping.concept, mapping.negate)
    return facts, unmapped


def _row_facts(pdf: PdfDocument, name: str, table: Table, row: Row, scale: Scale, concept: str,
               negate: bool) -> list[Fact]:
    kind = row_kind(row.label, row.section)
    if kind in ("percent", "ratio"):
        return []
    facts = []
    for cell in row.cells:
        period = table.periods[cell.column]
        amount = _amount(cell.text)
        if period is None or amount is None:
            continue  # no period for the column, or a dash: nothing to state
        value = scale.apply(-amount if negate else amount, kind)
        facts.append(Fact(concept=concept, label=row.label, period=period, value=value,
                          unit=UNITS.get(kind, "USD"), statement=name,  # type: ignore[arg-type]  # name is one of STATEMENTS
                          citation=pdf.cite(table.page, cell.bbox, cell.text)))
    return facts


def _amount(text: str):  # -> Decimal | None
    try:
        parsed = parse_amount(text)
    except AmountError:
        return None
    return None if parsed.nil else parsed.value


def _unmapped(pdf: PdfDocument, name: str, table: Table, row: Row, scale: Scale) -> UnmappedRow:
    citations = tuple(pdf.cite(table.page, c.bbox, c.text) for c in row.cells)
    kind = row_kind(row.label, row.section)
    values = tuple(None if (a := _amount(c.text)) is None else scale.apply(a, kind) for c in row.cells)
    return UnmappedRow(name, row.label, row.section, tuple(c.text for c in row.cells), citations, values,
                       tuple(table.periods[c.column] for c in row.cells))


PRETAX = "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"


def _tax_signs(facts: list[Fact]) -> list[Fact]:
    """Income tax as an expense (positive), whatever the statement's presentation: some
    print the provision as a deduction "(772,005)". The statement's own arithmetic says
    which: pre-tax income − tax = net income."""
    by_key = {(f.concept, f.period.key): f for f in facts}
    return [_tax_sign(f, by_key) if f.concept == "IncomeTaxExpenseBenefit" else f for f in facts]


def _tax_sign(tax: Fact, by_key: dict) -> Fact:
    pretax = by_key.get((PRETAX, tax.period.key))
    net = by_key.get(("NetIncomeLoss", tax.period.key))
    if pretax and net and pretax.value - tax.value != net.value and pretax.value + tax.value == net.value:
        return tax.model_copy(update={"value": -tax.value})
    return tax


def _without_conflicts(facts: Sequence[Fact]) -> tuple[list[Fact], list[Finding]]:
    """One fact per concept and period; when lines disagree, none, and a finding."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.concept, fact.period.key)].append(fact)
    kept, findings = [], []
    for (concept, _), group in groups.items():
        if len({f.value for f in group}) == 1:
            kept.append(group[0])
        else:
            findings.append(_conflict(concept, group))
    return kept, findings


def _conflict(concept: str, group: list[Fact]) -> Finding:
    shown = ", ".join(f"{f.citation.text} on page {f.citation.page}" for f in group)  # type: ignore[union-attr]  # PDF facts
    return Finding(id=f"conflict:{concept}:{group[0].period.describe()}", code="conflicting_values", severity="warning",
                   message=f"Lines read as {concept} for {group[0].period.describe()} disagree ({shown}); none is used.",
                   subject=concept, citations=tuple(f.citation for f in group))


def _missing(pdf: PdfDocument, name: str) -> Finding:
    return _finding(pdf, f"missing:{name}", "statement_missing", "warning",
                    f"No {TITLES[name]} was found in {pdf.path.name}.")


def _finding(pdf: PdfDocument, ident: str, code: str, severity: str, message: str) -> Finding:
    return Finding(id=ident, code=code, severity=severity, message=message, subject=str(pdf.path))  # type: ignore[arg-type]  # literal severities
