"""The close workbook (`close.xlsx`): summary and sign-off, the reconciliation
statement, unmatched items with their age, proposed entries, flux, the matches to check
and every exact match on a sheet of its own. Written from the run's result in openpyxl's
streaming mode, so a close of a hundred thousand lines a side writes in seconds;
rewritten after the review with the sign-off. Columns are as wide as what they hold,
within bounds, so nothing is cut off and no column runs off the screen."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter

from month_end_close.ageing import age_bucket, age_in_days, as_of

WORKBOOK = "close.xlsx"
MONEY = "#,##0.00;(#,##0.00)"
# The flux sheet prints signs as the report and the flux text do: -1,694.10, -25.5.
SIGNED = "#,##0.00;-#,##0.00"
PERCENT = "0.0;-0.0"
MIN_WIDTH, MAX_WIDTH = 8, 60


@dataclass(frozen=True, slots=True)
class Shown:
    """A number with its own format; None: as the spreadsheet shows any number."""

    value: Decimal | None
    number_format: str | None


def write_workbook(result: Mapping[str, Any], run_dir: Path) -> None:
    book = Workbook(write_only=True)
    body = result["body"]
    lines = _lines_by_id(body)
    for title, rows in (("Summary", _summary(result)), ("Reconciliation", _statement(body)),
                        ("Unmatched", _unmatched(body, lines)), ("Proposed entries", _entries(body)),
                        ("Flux", _flux(body)), ("Matches", _matches(body, lines)),
                        ("Exact matches", _exact_matches(body, lines))):
        _write_sheet(book.create_sheet(title), list(rows))
    partial = run_dir / f".{WORKBOOK}.partial"
    book.save(partial)
    partial.replace(run_dir / WORKBOOK)


def _write_sheet(sheet: Any, rows: Sequence[Sequence[Any]]) -> None:
    """Widths first: a streaming sheet writes its columns' widths before its first row."""
    for index, width in enumerate(column_widths(rows), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    typed = _typing(sheet)
    for row in rows:
        sheet.append([typed(value) for value in row])


def column_widths(rows: Sequence[Sequence[Any]]) -> list[int]:
    """Each column's width in characters: its longest value as shown, bounded."""
    return [min(MAX_WIDTH, max(MIN_WIDTH, max(map(shown_length, column)) + 2)) for column in zip(*rows)]


def shown_length(value: Any) -> int:
    """How many characters a value takes on screen: a money amount with its separators
    and brackets, text by its longest line."""
    if isinstance(value, str):
        return len(value) if "\n" not in value else max(map(len, value.splitlines()), default=0)
    if isinstance(value, Shown):
        value = value.value
    if isinstance(value, Decimal):
        return len(f"{abs(value):,.2f}") + (2 if value < 0 else 0)
    return 0 if value is None else len(str(value))


def _typing(sheet: Any) -> Callable[[Any], Any]:
    """Amounts as numbers shown to the cent; text always as text. Descriptions, payees and
    the entity's name come from the client's files: openpyxl would store a value that
    starts with '=' as a formula (`=HYPERLINK(...)`, `=1+cmd|...`) and one that reads as
    an error code as an error, so such text is typed as a string cell and kept exactly as
    written. Other text goes as it is: a typed cell per value costs a large close seconds."""
    def typed(value: Any) -> Any:
        if isinstance(value, str):
            if not value.startswith("=") and value not in ERROR_CODES:
                return value
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"
            return cell
        if isinstance(value, (Shown, Decimal)):
            shown = value if isinstance(value, Shown) else Shown(value, MONEY)
            if shown.number_format is None:
                return shown.value
            cell = WriteOnlyCell(sheet, shown.value)
            cell.number_format = shown.number_format
            return cell
        return value
    return typed


def _money(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def _lines_by_id(body: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    found = {("bank", l["id"]): l for l in body["bank_lines"]}
    found.update({("ledger", l["id"]): l for l in body["ledger_lines"]})
    return found


def _summary(result: Mapping[str, Any]) -> Iterable[list[Any]]:
    review, config = result.get("review"), result["config"]["workflow"]
    statement = (result["body"].get("reconciliation") or {}).get("statement") or {}
    yield ["Field", "Value"]
    yield ["Entity", config.get("entity") or ""]
    yield ["Period", config.get("period") or ""]
    yield ["Cash account", result["body"].get("cash_account") or ""]
    yield ["Status", result["status"].replace("_", " ")]
    yield ["Prepared by", f"finagents ({result['method']}), run {result['run_id']}"]
    yield ["Reviewer", review["reviewer"] if review else "awaiting review"]
    yield ["Decision", review["decision"] if review else ""]
    yield ["Reviewed at", review["at"] if review else ""]
    yield ["Reviewer's comment", review["comment"] if review else ""]
    yield ["Unexplained difference", _money(statement.get("unexplained_difference"))]
    yield ["Findings (error / warning / info)", " / ".join(
        str(sum(1 for f in result["findings"] if f["severity"] == s)) for s in ("error", "warning", "info"))]


def _statement(body: Mapping[str, Any]) -> Iterable[list[Any]]:
    statement = (body.get("reconciliation") or {}).get("statement")
    yield ["Line", "Amount", "Items"]
    if not statement:
        return
    yield ["Balance per bank", _money(statement["bank_balance"]), ""]
    for adj in (a for a in statement["adjustments"] if a["side"] == "bank"):
        yield [f"  {adj['description']}", _money(adj["amount"]), len(adj["ids"])]
    yield ["Adjusted bank balance", _money(statement["adjusted_bank"]), ""]
    yield ["Balance per books", _money(statement["book_balance"]), ""]
    for adj in (a for a in statement["adjustments"] if a["side"] == "book"):
        yield [f"  {adj['description']}", _money(adj["amount"]), len(adj["ids"])]
    yield ["Adjusted book balance", _money(statement["adjusted_book"]), ""]
    yield ["Unexplained difference", _money(statement["unexplained_difference"]), ""]


def _unmatched(body: Mapping[str, Any], lines: Mapping) -> Iterable[list[Any]]:
    rec = body.get("reconciliation") or {}
    date = as_of(rec)
    yield ["Side", "Id", "Date", "Description", "Amount", "Category", "Age (days)", "Ageing", "Reason", "Source"]
    for side, key in (("bank", "bank_only"), ("ledger", "ledger_only")):
        for item in rec.get(key, ()):
            line = lines[(side, item["id"])]
            age = age_in_days(line, date)
            yield [side, item["id"], line["date"], line["description"], _money(line["amount"]), item["category"],
                   age, age_bucket(age), item["reason"], _source(line["citation"])]


def _source(citation: Mapping[str, Any]) -> str:
    where = {"pdf": lambda c: f"page {c['page']}", "csv": lambda c: f"row {c['row']}",
             "mt940": lambda c: f"record {c['record']}", "ofx": lambda c: f"record {c['record']}"}
    return f"{Path(citation['path']).name}, {where.get(citation['kind'], lambda c: '')(citation)}"


def _entries(body: Mapping[str, Any]) -> Iterable[list[Any]]:
    yield ["Entry", "Description", "Account", "Debit", "Credit", "Support"]
    for entry in body["entries"]:
        for line in entry["lines"]:
            yield [entry["id"], entry["description"], line["account"], _money(line["debit"]) or None,
                   _money(line["credit"]) or None, ", ".join(entry["support"])]


def _flux(body: Mapping[str, Any]) -> Iterable[list[Any]]:
    yield ["Account", "Name", "This period", "Prior", "Change", "Change %", "Budget", "Vs budget", "Vs budget %",
           "Flagged", "Explanation", "Drivers"]
    for row in body["flux"]:
        prior, budget = row["prior"], row["budget"] or {}
        yield [row["account"], row["name"], _signed(row["current"]), _signed(prior["base"]), _signed(prior["change"]),
               _percent(prior["percent"]), _signed(budget.get("base")), _signed(budget.get("change")),
               _percent(budget.get("percent")), "yes" if row["flagged"] else "", row["explanation"],
               ", ".join(d["id"] for d in row["drivers"])]


def _signed(text: str | None) -> Shown:
    return Shown(_money(text), SIGNED)


def _percent(text: str | None) -> Shown:
    return Shown(_money(text), PERCENT)


def _matches(body: Mapping[str, Any], lines: Mapping) -> Iterable[list[Any]]:
    """The matches a reviewer looks at: all but the exact ones (same amount, same date),
    which have a sheet of their own; a large close has a hundred thousand of those, and
    among them the few that need an eye would be lost."""
    yield ["Kind", "Score", "Bank ids", "Ledger ids", "Bank amount", "Book amount", "Difference", "Reason"]
    for m in (m for m in _all_matches(body) if m["kind"] != "exact"):
        bank = sum((Decimal(lines[("bank", i)]["amount"]) for i in m["bank_ids"]), Decimal("0"))
        book = sum((Decimal(lines[("ledger", i)]["amount"]) for i in m["ledger_ids"]), Decimal("0"))
        yield [m["kind"], m["score"], ", ".join(m["bank_ids"]), ", ".join(m["ledger_ids"]), bank, book,
               _money(m["difference"]), m["reason"]]


def _exact_matches(body: Mapping[str, Any], lines: Mapping) -> Iterable[list[Any]]:
    """Every exact match: a bank line and a book line of the same amount on the same date.
    A large close has a hundred thousand: the amounts go unformatted (a formatted cell
    each costs seconds), and the descriptions are on the lines in result.json."""
    yield ["Bank id", "Ledger id", "Date", "Amount"]
    for m in (m for m in _all_matches(body) if m["kind"] == "exact"):
        line = lines[("bank", m["bank_ids"][0])]
        yield [", ".join(m["bank_ids"]), ", ".join(m["ledger_ids"]), line["date"], Shown(_money(line["amount"]), None)]


def _all_matches(body: Mapping[str, Any]) -> Sequence[Mapping[str, Any]]:
    return (body.get("reconciliation") or {}).get("matches", ())
