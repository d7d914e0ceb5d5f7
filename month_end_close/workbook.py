"""The close workbook (`close.xlsx`): summary and sign-off, the reconciliation
statement, unmatched items with their age, proposed entries, flux and every match.
Written from the run's result in openpyxl's streaming mode, so a close of a hundred
thousand lines a side writes in seconds; rewritten after the review with the sign-off."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from month_end_close.ageing import age_bucket, age_in_days, as_of

WORKBOOK = "close.xlsx"
MONEY = "#,##0.00;(#,##0.00)"


def write_workbook(result: Mapping[str, Any], run_dir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    body = result["body"]
    lines = _lines_by_id(body)
    for title, rows in (("Summary", _summary(result)), ("Reconciliation", _statement(body)),
                        ("Unmatched", _unmatched(body, lines)), ("Proposed entries", _entries(body)),
                        ("Flux", _flux(body)), ("Matches", _matches(body, lines))):
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    partial = run_dir / f".{WORKBOOK}.partial"
    book.save(partial)
    partial.replace(run_dir / WORKBOOK)


def _cell(sheet: Any, value: Any) -> Any:
    """Amounts as numbers shown to the cent; text always as text. Descriptions, payees and
    the entity's name come from the client's files: openpyxl would store a value that
    starts with '=' as a formula (`=HYPERLINK(...)`, `=1+cmd|...`), so text is typed as a
    string cell and kept exactly as written."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = MONEY
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


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
        yield [row["account"], row["name"], _money(row["current"]), _money(prior["base"]), _money(prior["change"]),
               _money(prior["percent"]), _money(budget.get("base")), _money(budget.get("change")),
               _money(budget.get("percent")), "yes" if row["flagged"] else "", row["explanation"],
               ", ".join(d["id"] for d in row["drivers"])]


def _matches(body: Mapping[str, Any], lines: Mapping) -> Iterable[list[Any]]:
    """Every match a reviewer would look at: all but the exact ones (same amount, same
    date), which are counted here and listed in result.json. A large close has a hundred
    thousand of those, and a sheet of them would bury the few that need an eye."""
    yield ["Kind", "Score", "Bank ids", "Ledger ids", "Bank amount", "Book amount", "Difference", "Reason"]
    matches = (body.get("reconciliation") or {}).get("matches", ())
    exact = sum(1 for m in matches if m["kind"] == "exact")
    yield ["exact", None, f"{exact} matches of the same amount on the same date: listed in result.json", "", None,
           None, None, ""]
    for m in (m for m in matches if m["kind"] != "exact"):
        bank = sum((Decimal(lines[("bank", i)]["amount"]) for i in m["bank_ids"]), Decimal("0"))
        book = sum((Decimal(lines[("ledger", i)]["amount"]) for i in m["ledger_ids"]), Decimal("0"))
        yield [m["kind"], m["score"], ", ".join(m["bank_ids"]), ", ".join(m["ledger_ids"]), bank, book,
               _money(m["difference"]), m["reason"]]
