"""Statements to facts: locate, read each table, map labels, scale, cite.

A wrong number is worse than a missing one: a figure is emitted only when its line is in
the label table, its column has a period, its table has a scale note, and no other line
gives the same concept and period a different value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from earnings_review.captionless import captionless_results
from earnings_review.checks import TieOut, value_tolerance
from earnings_review.concepts import Mapping, identities, map_label, normalise
from earnings_review.coverage import unmapped_totals
from earnings_review.facts import Fact, Period, Unit, period_end
from earnings_review.fiscal import FiscalYears
from earnings_review.footing import footings, sums
from earnings_review.locate import STATEMENTS, locate
from earnings_review.signs import printed_as_deductions
from earnings_review.tables import Row, Table, statement_tables
from shared.documents import PdfCitation, PdfDocument
from shared.errors import InputError
from shared.findings import Finding
from shared.money import AmountError, RowKind, parse_amount, row_kind
from shared.reports.evidence import where

TITLES = {"income": "income statement", "balance": "balance sheet", "cash_flow": "cash flow statement"}
UNITS: dict[str, Unit] = {"money": "USD", "per_share": "USD/share", "shares": "shares"}


class NoStatements(InputError):
    def __init__(self, path: str | Path) -> None:
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
    # Each statement's scale note ("(In millions, except per share amounts)"), cited.
    scale_notes: dict[str, tuple[PdfCitation, ...]] = field(default_factory=dict)


def extract_statements(pdf: PdfDocument, *, on_page: Callable[[int, int], None] | None = None) -> Extraction:
    """The facts of the filing's primary statements. Raises `NoStatements` when the PDF
    has none at all; a statement that is missing or unreadable is a finding."""
    pages = locate(pdf)
    if not pages:
        raise NoStatements(pdf.path)
    fiscal = FiscalYears(pdf)
    tables = {name: read_statement(pdf, name, numbers, on_page, fiscal) for name, numbers in pages.items()}
    facts: list[Fact] = []
    unmapped: list[UnmappedRow] = []
    for name, read in tables.items():
        for table in read:
            mapped, left = table_facts(pdf, name, table)
            facts, unmapped = facts + mapped, unmapped + left
    kept, conflicts = without_conflicts(signed(tied_closing_balances(facts)))
    readable = {name: pages[name] for name, read in tables.items() if any(t.scale and any(t.periods) for t in read)}
    findings = [*_absences(pdf, pages, tables), *conflicts, *unmapped_totals(readable, kept, unmapped, str(pdf.path))]
    return Extraction(tuple(kept), tuple(unmapped), tuple(findings), pages, _periods(tables),
                      tuple(t for read in tables.values() for table in read for t in _footings(pdf, table)),
                      _scale_notes(pdf, tables))


def read_statement(pdf: PdfDocument, name: str, pages: Sequence[int],
                   on_page: Callable[[int, int], None] | None = None, fiscal: FiscalYears | None = None) -> list[Table]:
    """The statement's tables, page by page; a page without a header of its own takes
    its columns' periods (and scale) from the page before."""
    tables: list[Table] = []
    for page in pages:
        if on_page:
            on_page(page, pdf.page_count)
        tables += statement_tables(pdf, page, name, tables[-1] if tables else None, fiscal)
    return tables


def _periods(tables: dict[str, list[Table]]) -> dict[str, tuple[Period, ...]]:
    return {name: tuple(dict.fromkeys(p for t in read for p in t.periods if p is not None))
            for name, read in tables.items()}


# -- rows into facts -------------------------------------------------------------------------


def table_facts(pdf: PdfDocument, name: str, table: Table) -> tuple[list[Fact], list[UnmappedRow]]:
    """Facts of the rows the label table knows; the other rows, as read, for the model."""
    mappings = _components_left_out(table.rows, [_mapping(name, i, table.rows) for i in range(len(table.rows))])
    if name == "income":
        mappings = captionless_results(table.rows, mappings, amount_of)
        flips = printed_as_deductions(table.rows, mappings, amount_of)
        mappings = [replace(m, negate=True) if i in flips and m else m for i, m in enumerate(mappings)]
    facts, unmapped = [], []
    for row, mapping in zip(table.rows, mappings):
        if mapping is None or mapping.at_end:
            # A closing balance stays a line of its period's column too: the cash
            # roll-forward reads the statement's own lines.
            unmapped.append(_unmapped(pdf, name, table, row))
        if mapping is not None:
            for concept in mapping.concepts:
                facts += _row_facts(pdf, name, table, row, concept, mapping)
    return facts, unmapped


def _mapping(name: str, index: int, rows: Sequence[Row]) -> Mapping | None:
    row = rows[index]
    kind = _kind(row)
    if kind not in UNITS:
        return None
    return map_label(name, row.label, row.section, kind=kind, above=[(r.label, r.section) for r in rows[:index]],
                     below=[(r.label, r.section) for r in rows[index + 1:]])


def _components_left_out(rows: Sequence[Row], mappings: list[Mapping | None]) -> list[Mapping | None]:
    """Two lines of one section read as one concept, one of them a "Total ...": the
    other is a part of the total ("Net sales" above "Total revenue"), not the concept."""
    totals = {(row.section, m.concept) for row, m in zip(rows, mappings)
              if m is not None and row.section and row.label.lower().startswith("total")}
    return [None if m is not None and (row.section, m.concept) in totals and not row.label.lower().startswith("total")
            else m for row, m in zip(rows, mappings)]


def _kind(row: Row) -> RowKind:
    """What the row counts, read without its footnote marks ("Net Income Per Share1"); a
    line its own words and heading leave as money ("Total" under "Assuming dilution:")
    counts what an enclosing heading says ("Earnings per share of common stock:")."""
    kind = row_kind(normalise(row.label), normalise(row.section))
    if kind != "money":
        return kind
    return next((k for k in (row_kind(normalise(p)) for p in reversed(row.parents)) if k in ("per_share", "shares")),
                kind)


def _row_facts(pdf: PdfDocument, name: str, table: Table, row: Row, concept: str, mapping: Mapping) -> list[Fact]:
    kind, scale = _kind(row), row.note or table.scale
    if kind not in UNITS or scale is None:
        return []
    facts = []
    for cell in row.cells:
        period, amount = table.periods[cell.column], amount_of(cell.text)
        if period is None or amount is None:
            continue  # a column without a period (a change column), or a dash: nothing to state
        if mapping.at_end:
            period = Period(instant=period_end(period))
        facts.append(Fact(concept=concept, label=row.label, period=period,
                          value=scale.apply(-amount if mapping.negate else amount, kind), unit=UNITS[kind],
                          statement=name,
                          citation=pdf.cite(table.page, cell.bbox, cell.text)))
    return facts


def amount_of(text: str) -> Decimal | None:
    """The printed figure's value, or None for a dash (nil) or what is not a figure."""
    try:
        parsed = parse_amount(text)
    except AmountError:
        return None
    return None if parsed.nil or parsed.percent else parsed.value


def _unmapped(pdf: PdfDocument, name: str, table: Table, row: Row) -> UnmappedRow:
    kind, scale = _kind(row), row.note or table.scale
    values = tuple(None if (a := amount_of(c.text)) is None or scale is None else scale.apply(a, kind)
                   for c in row.cells)
    return UnmappedRow(name, row.label, row.section, tuple(c.text for c in row.cells),
                       tuple(pdf.cite(table.page, c.bbox, c.text) for c in row.cells), values,
                       tuple(table.periods[c.column] for c in row.cells))


# -- signs and conflicts ---------------------------------------------------------------------


def signed(facts: Sequence[Fact]) -> list[Fact]:
    """Expenses as XBRL states them (positive), whatever the statement's presentation:
    some print a deduction in parentheses, "(13,080)". The statement's own arithmetic
    says which: when result = base + printed holds and result = base − printed does not,
    the printed figure is a deduction and its sign is flipped."""
    index = {(f.concept, f.period.key): f for f in facts}
    flips = {(rule.deduction, key) for rule in identities() for (concept, key) in index
             if concept == rule.deduction and _printed_as_deduction(index, rule, key)}
    return [f.model_copy(update={"value": -f.value}) if (f.concept, f.period.key) in flips else f for f in facts]


def _printed_as_deduction(index: dict, rule, key) -> bool:  # rule: concepts.Identity
    base, deduction, result = (index.get((c, key)) for c in (rule.base, rule.deduction, rule.result))
    if not (base and deduction and result) or deduction.value == 0:
        return False
    slack = sum((value_tolerance(f.value, f.citation.text) for f in (base, deduction, result)), Decimal(0))
    added = abs(base.value + deduction.value - result.value)
    return added <= slack < abs(base.value - deduction.value - result.value)


def tied_closing_balances(facts: Sequence[Fact]) -> list[Fact]:
    """A balance read from the cash flow statement's closing line ("Cash and cash
    equivalents at end of period") is kept only when it ties to the balance sheet: at
    every date both print, the same figure, and at least one such date. A closing line
    that includes restricted cash without saying so differs, and is not the balance
    sheet's concept."""
    sheet = {(f.concept, f.period.instant): f.value for f in facts if f.statement == "balance"}
    closing = [f for f in facts if f.statement == "cash_flow" and f.period.instant is not None]
    untied = set()
    for concept in {f.concept for f in closing}:
        shared = [(f.value, sheet[(concept, f.period.instant)]) for f in closing
                  if f.concept == concept and (concept, f.period.instant) in sheet]
        if not shared or any(mine != theirs for mine, theirs in shared):
            untied.add(concept)
    return [f for f in facts
            if not (f.statement == "cash_flow" and f.period.instant is not None and f.concept in untied)]


def without_conflicts(facts: Sequence[Fact]) -> tuple[list[Fact], list[Finding]]:
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
    shown = ", ".join(f"{f.label!r} {f.citation.text} on {where(f.citation)}" for f in group)
    period = group[0].period.describe()
    return Finding(id=f"conflict:{concept}:{period}", code="conflicting_values", severity="warning",
                   message=f"Lines read as {concept} for {period} disagree ({shown}); none is used.",
                   subject=concept, citations=tuple(f.citation for f in group))


# -- findings, footings, scale notes ---------------------------------------------------------


def _absences(pdf: PdfDocument, pages: dict, tables: dict[str, list[Table]]) -> list[Finding]:
    missing = [_finding(pdf, f"missing:{name}", "statement_missing",
                        f"No {TITLES[name]} was found in {pdf.path.name}.") for name in STATEMENTS if name not in pages]
    unreadable = [_finding(pdf, f"unreadable:{name}", "statement_unreadable",
                           f"The {TITLES[name]} on page {', '.join(map(str, pages[name]))} was found but its columns' "
                           "periods or its scale note (in millions, thousands...) could not be read; its figures "
                           "are not used.")
                  for name, read in tables.items() if not any(t.scale and any(t.periods) for t in read)]
    return missing + unreadable


def _finding(pdf: PdfDocument, ident: str, code: str, message: str) -> Finding:
    return Finding(id=ident, code=code, severity="warning", message=message, subject=str(pdf.path))


def _scale_notes(pdf: PdfDocument, tables: dict[str, list[Table]]) -> dict[str, tuple[PdfCitation, ...]]:
    notes: dict[str, tuple[PdfCitation, ...]] = {}
    for name, read in tables.items():
        cited = {(t.page, t.scale_line.bbox): t.scale_line.text for t in read if t.scale_line is not None}
        notes[name] = tuple(pdf.cite(page, bbox, text) for (page, bbox), text in cited.items())
    return notes


def _footings(pdf: PdfDocument, table: Table) -> list[TieOut]:
    scale = table.scale
    if scale is None:
        return []
    out = []
    for footing in footings(table):
        read = sums(footing, amount_of)
        period = table.periods[footing.column]
        if read is None or period is None:
            continue
        kind = row_kind(footing.total.label, footing.total.section)
        rows = (*footing.parts, footing.total)
        cited = [(row, cell) for row in rows for cell in row.cells if cell.column == footing.column]
        citations = tuple(pdf.cite(table.page, cell.bbox, cell.text) for _, cell in cited)
        expected, actual = (scale.apply(v, kind) for v in read)
        tolerance = sum((value_tolerance(scale.apply(amount_of(c.text) or Decimal(0), kind), c.text) for _, c in cited),
                        Decimal(0))
        check = f"{footing.total.label} = sum of the {len(footing.parts)} lines above it"
        out.append(TieOut(id=f"footing:{table.page}:{footing.total.label}:{period.describe()}", check=check,
                          period=period.describe(), expected=expected, actual=actual, difference=actual - expected,
                          tolerance=tolerance, passed=abs(actual - expected) <= tolerance, citations=citations))
    return out
