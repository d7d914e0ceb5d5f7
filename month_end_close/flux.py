"""Flux analysis: each account against the prior period and the budget, flagged when the
change passes both the amount and the percentage of the engagement's materiality, with
the ledger lines that drove it.

Every figure is debit positive, as in the trial balances, ledger.csv, the report's table
and the workbook, so the text and the table print the same signed numbers. Words say the
direction in the account's own terms: a revenue or liability account (credit-normal) is
"up" when its credit balance grew, which is a negative change debit positive."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from month_end_close.records import AccountBalance, LedgerLine

ZERO = Decimal("0")
UNCLEAR = "driver unclear, flag for controller"


@dataclass(frozen=True, slots=True)
class Comparison:
    """This period against a base (prior or budget): `percent` is None when the base is 0."""

    base: Decimal
    change: Decimal
    percent: Decimal | None
    flagged: bool


@dataclass(frozen=True, slots=True)
class FluxRow:
    account: str
    name: str
    current: Decimal
    prior: Comparison
    budget: Comparison | None
    drivers: tuple[LedgerLine, ...] = ()
    explanation: str = ""
    explained_by: str = "offline"
    # Revenue, liability and equity accounts are described in their own sign: revenue
    # "up" when its credit balance grew.
    credit_normal: bool = False
    # What ledger.csv holds on the account: how many lines, and their net (debit positive).
    ledger_lines: int = 0
    ledger_net: Decimal = ZERO

    @property
    def flagged(self) -> bool:
        return self.prior.flagged or bool(self.budget and self.budget.flagged)


def compare(current: Decimal, base: Decimal, amount: Decimal, pct: Decimal) -> Comparison:
    change = current - base
    percent = (change / abs(base) * 100).quantize(Decimal("0.1")) if base else None
    passes_pct = percent is None or abs(percent) >= pct
    return Comparison(base, change, percent, change != 0 and abs(change) >= amount and passes_pct)


def flux_table(current: Sequence[AccountBalance], prior: Sequence[AccountBalance],
               budget: Sequence[AccountBalance] | None, ledger: Sequence[LedgerLine],
               amount: Decimal, pct: Decimal, drivers: int,
               credit_normal: frozenset[str] = frozenset()) -> tuple[FluxRow, ...]:
    now, before = {r.account: r for r in current}, {r.account: r for r in prior}
    planned = {r.account: r for r in budget} if budget is not None else None
    by_account: dict[str, list[LedgerLine]] = {}
    for line in ledger:
        by_account.setdefault(line.account, []).append(line)
    rows = []
    for account in sorted(now.keys() | before.keys()):
        lines = by_account.get(account, [])
        row = replace(_row(account, now, before, planned, amount, pct), credit_normal=account in credit_normal,
                      ledger_lines=len(lines), ledger_net=sum((l.amount for l in lines), ZERO))
        if row.flagged:
            row = replace(row, drivers=_drivers(lines, row, drivers))
        rows.append(row)
    return tuple(rows)


def _row(account: str, now: Mapping, before: Mapping, planned: Mapping | None, amount: Decimal,
         pct: Decimal) -> FluxRow:
    current = now[account].balance if account in now else ZERO
    name = (now.get(account) or before[account]).name
    prior = compare(current, before[account].balance if account in before else ZERO, amount, pct)
    budget = None
    if planned is not None:
        budget = compare(current, planned[account].balance if account in planned else ZERO, amount, pct)
    return FluxRow(account, name, current, prior, budget)


def _drivers(lines: Sequence[LedgerLine], row: FluxRow, limit: int) -> tuple[LedgerLine, ...]:
    """The largest lines moving the balance the way it moved in the period. The period's
    movement is the change on the prior period, whichever comparison is flagged: the
    ledger holds what happened in the period, and a variance to budget is no line's doing."""
    change = row.prior.change
    same_way = [l for l in lines if l.amount != 0 and (l.amount > 0) == (change > 0)] if change else []
    return tuple(sorted(same_way, key=lambda l: (-abs(l.amount), l.date, l.id))[:limit])


def offline_explanation(row: FluxRow) -> str:
    """What moved, in the close's own figures and ledger lines: the baseline when no model
    explains why. Each sentence is a claim ledger.csv and the trial balances can confirm."""
    parts = [_describe("the prior period", row.prior, row)]
    if row.budget is not None:
        parts.append(_describe("budget", row.budget, row))
    return " ".join(["Debit positive: " + "; ".join(parts) + ".", _activity(row), *_drivers_text(row)])


def direction(row: FluxRow, comparison: Comparison) -> str:
    """'up' or 'down' in the account's own terms (a credit balance that grew is up),
    'unchanged' when it did not move."""
    natural = -comparison.change if row.credit_normal else comparison.change
    return "up" if natural > 0 else "down" if natural < 0 else "unchanged"


def _describe(base: str, comparison: Comparison, row: FluxRow) -> str:
    if not comparison.change:
        return f"no change on {base}"
    pct = f" ({comparison.percent}%)" if comparison.percent is not None else " (from nil)"
    kind, word = "credit" if row.credit_normal else "debit", direction(row, comparison)
    if base == "budget":
        where = "above" if word == "up" else "below"
        return f"{comparison.change:,.2f}{pct} against budget, the {kind} balance {where} it"
    return f"{comparison.change:,.2f}{pct} on {base}, the {kind} balance {word}"


def _activity(row: FluxRow) -> str:
    """What ledger.csv holds on the account, against the change on the prior period."""
    change = row.prior.change
    if not row.ledger_lines:
        if not change:
            return "No line of ledger.csv is on this account."
        return ("No line of ledger.csv is on this account: the change on the prior period is in no ledger line, "
                f"{UNCLEAR}.")
    lines = f"{row.ledger_lines} line{'s' if row.ledger_lines != 1 else ''}"
    text = f"The {lines} of ledger.csv on this account net {row.ledger_net:,.2f}"
    if row.ledger_net == change:
        return text + (", the whole change on the prior period." if change else ".")
    return text + f", against a change of {change:,.2f} on the prior period: {change - row.ledger_net:,.2f} of it " \
                  f"is in no ledger line, {UNCLEAR}."


def _drivers_text(row: FluxRow) -> list[str]:
    text = []
    if row.drivers:
        listed = "; ".join(f"{l.id} {l.date.isoformat()} '{l.description}' {l.amount:,.2f}" for l in row.drivers)
        text.append(f"Largest in the direction of its change on the prior period: {listed}.")
    elif row.ledger_lines and row.prior.change:
        text.append(f"None of its lines moves it the way it changed: {UNCLEAR}.")
    if row.budget is not None and row.budget.flagged and not row.prior.flagged:
        text.append("Only the variance to budget passes materiality: ledger.csv shows the period's movement, "
                    "not why the budget differs.")
    return text
