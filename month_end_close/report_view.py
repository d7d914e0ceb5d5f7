"""What the close report shows beyond result.json as it is: the lines behind each
exception, looked up once, aged, ordered and capped.

A close of a hundred thousand lines a side has a hundred thousand exact matches and a
few thousand exceptions; the report lists the exceptions a reviewer must read (the most
doubtful first, up to a cap, with the count of the rest) and leaves the full lists to
close.xlsx and result.json. Every line listed is looked up in one pass over the lines.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from month_end_close.ageing import AGE_BUCKETS, OVER, age_bucket, age_in_days
from month_end_close.ageing import as_of as reconciled_on
from month_end_close.workbook import WORKBOOK

UNMATCHED_SHOWN = 200  # per side
MATCHES_SHOWN = 100  # matches other than exact ones
ENTRIES_SHOWN = 200
# Which unmatched items a reviewer reads first: what nobody can explain, then errors.
CATEGORY_ORDER = ("unknown", "error", "returned_item", "fee", "interest", "outstanding_payment", "deposit_in_transit")
# Matches the least certain first: amounts that differ, then the combinations, then dates.
KIND_ORDER = ("amount_difference", "one_to_many", "many_to_one", "date_window")


def report_view(result: Mapping[str, Any]) -> dict[str, Any]:
    body = result["body"]
    rec = body.get("reconciliation") or {}
    as_of = reconciled_on(rec)
    unmatched = {side: _ordered(rec.get(f"{side}_only", ()), CATEGORY_ORDER, "category") for side in ("bank", "ledger")}
    matches = _ordered((m for m in rec.get("matches", ()) if m["kind"] != "exact"), KIND_ORDER, "kind")
    shown_matches = matches[:MATCHES_SHOWN]
    entries = list(body.get("entries", ()))
    wanted = _wanted(unmatched, shown_matches, entries[:ENTRIES_SHOWN])
    lines = lines_by_id(body, wanted)
    return {
        "workbook": WORKBOOK,
        "unmatched": {side: [_item(u, lines[(side, u["id"])], as_of) for u in items[:UNMATCHED_SHOWN]]
                      for side, items in unmatched.items()},
        "unmatched_more": {side: max(0, len(items) - UNMATCHED_SHOWN) for side, items in unmatched.items()},
        "ageing": _ageing(unmatched, lines, body, as_of),
        "matches": [_match(m, lines) for m in shown_matches],
        "matches_more": len(matches) - len(shown_matches),
        "exact": sum(1 for m in rec.get("matches", ()) if m["kind"] == "exact"),
        "entries": [{**e, "citations": _support(e["support"], lines)} for e in entries[:ENTRIES_SHOWN]],
        "entries_more": max(0, len(entries) - ENTRIES_SHOWN),
    }


def _ordered(items: Iterable[Mapping[str, Any]], order: tuple[str, ...], key: str) -> list[Mapping[str, Any]]:
    rank = {name: i for i, name in enumerate(order)}
    return sorted(items, key=lambda item: rank.get(item[key], len(order)))


def _wanted(unmatched: Mapping[str, list], matches: list, entries: list) -> set[tuple[str, str]]:
    """Every line the report will show: each unmatched one is aged, so all of them."""
    wanted = {(side, u["id"]) for side, items in unmatched.items() for u in items}
    wanted |= {("bank", i) for m in matches for i in m["bank_ids"]}
    wanted |= {("ledger", i) for m in matches for i in m["ledger_ids"]}
    wanted |= {(side, i) for e in entries for i in e["support"] for side in ("bank", "ledger")}
    return wanted


def lines_by_id(body: Mapping[str, Any], wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Mapping[str, Any]]:
    """The wanted lines, in one pass over each side."""
    found = {}
    for side, key in (("bank", "bank_lines"), ("ledger", "ledger_lines")):
        for line in body.get(key, ()):
            if (side, line["id"]) in wanted:
                found[(side, line["id"])] = line
    return found


def _item(unmatched: Mapping[str, Any], line: Mapping[str, Any], as_of: dt.date | None) -> dict[str, Any]:
    age = age_in_days(line, as_of)
    return {**unmatched, "line": line, "age": age, "bucket": age_bucket(age)}


def _ageing(unmatched: Mapping[str, list], lines: Mapping, body: Mapping[str, Any],
            as_of: dt.date | None) -> list[dict]:
    """Count and total of the unmatched items by side and age bucket, every item counted."""
    counts: Counter = Counter()
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for side, items in unmatched.items():
        for u in items:
            line = lines[(side, u["id"])]
            bucket = age_bucket(age_in_days(line, as_of)) or "not dated"
            counts[(side, bucket)] += 1
            totals[(side, bucket)] += Decimal(line["amount"])
    order = [label for _, label in AGE_BUCKETS] + [OVER, "not dated"]
    return [{"side": side, "bucket": bucket, "count": counts[(side, bucket)], "total": str(totals[(side, bucket)])}
            for side in ("bank", "ledger") for bucket in order if counts[(side, bucket)]]


def _match(match: Mapping[str, Any], lines: Mapping) -> dict[str, Any]:
    bank = [lines[("bank", i)] for i in match["bank_ids"]]
    ledger = [lines[("ledger", i)] for i in match["ledger_ids"]]
    return {**match, "bank": bank, "ledger": ledger,
            "bank_amount": str(sum((Decimal(l["amount"]) for l in bank), Decimal(0))),
            "ledger_amount": str(sum((Decimal(l["amount"]) for l in ledger), Decimal(0)))}


def _support(ids: Iterable[str], lines: Mapping) -> list[Mapping[str, Any]]:
    """The citations of an entry's supporting lines (an id may name a bank or a ledger line)."""
    return [lines[(side, i)]["citation"] for i in ids for side in ("bank", "ledger") if (side, i) in lines]
