"""Flux analysis: each account against the prior period and the budget, flagged when the
change passes both the amount and the percentage of the engagement's materiality, with
the ledger lines that drove it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Mapping, Sequence

from month_end_close.records import AccountBalance, LedgerLine

ZERO = Decimal("0")


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
        row = replace(_row(account, now, before, planned, amount, pct), credit_normal=account in credit_normal)
        if row.flagged:
            row = replace(row, drivers=_drivers(by_account.get(account, []), row, drivers))
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
    """The largest lines moving the balance the way it moved (against the prior period,
    or the budget when only that is flagged)."""
    change = row.prior.change if row.prior.flagged or row.budget is None else row.budget.change
    same_way = [l for l in lines if (l.amount > 0) == (change > 0) and l.amount != 0]
    return tuple(sorted(same_way, key=lambda l: (-abs(l.amount), l.date, l.id))[:limit])


def offline_explanation(row: FluxRow) -> str:
    """What moved, named from the figures: the baseline when no model explains why."""
    sign = -1 if row.credit_normal else 1
    parts = [_describe("the prior period", row.prior, sign)]
    if row.budget is not None:
        parts.append(_describe("budget", row.budget, sign))
    text = "; ".join(parts) + "."
    if row.drivers:
        listed = "; ".join(f"{l.id} {l.date.isoformat()} '{l.description}' {l.amount:,.2f}" for l in row.drivers)
        text += f" Largest entries in the direction of the change (debit positive): {listed}."
    else:
        text += " No ledger line of the period moved this account: driver unclear, flag for controller."
    return text


def _describe(base: str, comparison: Comparison, sign: int) -> str:
    word = "up" if comparison.change * sign > 0 else "down"
    pct = f" ({abs(comparison.percent)}%)" if comparison.percent is not None else " (from nil)"
    return f"{word} {abs(comparison.change):,.2f}{pct} on {base}"
