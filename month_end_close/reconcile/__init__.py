"""Bank to book: match in passes, classify what is left, state the reconciliation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from month_end_close.reconcile.aligned import aligned_pass, unique_amount_pass
from month_end_close.reconcile.classify import classify_bank, classify_ledger, matched_ledger
from month_end_close.reconcile.model import Match, Reconciliation, ReconciliationStatement, Unmatched
from month_end_close.reconcile.near_miss import NearMisses
from month_end_close.reconcile.passes import difference_pass, exact_pass, reference_pass, window_pass
from month_end_close.reconcile.pool import Pool
from month_end_close.reconcile.statement import reconciliation_statement
from month_end_close.reconcile.subsets import SubsetLimits, numbered_batch_pass, subset_passes
from month_end_close.records import BankLine, LedgerLine
from shared.bulk import collection_paused

__all__ = ["Match", "MatchSettings", "Reconciliation", "ReconciliationStatement", "Unmatched", "match", "reconcile"]


@dataclass(frozen=True)
class MatchSettings:
    window_days: int = 7
    lead_days: int = 2
    max_subset_size: int = 5
    subset_candidates: int = 24
    in_transit_days: int = 5
    payee_days: int = 10


def match(bank: Sequence[BankLine], ledger: Sequence[LedgerLine], settings: MatchSettings,
          on_pass: Callable[[int, int], None] | None = None) -> Pool:
    """Every pass in turn over what the passes before it left; `on_pass(matched, lines)`
    is told the bank lines matched so far after each."""
    pool = Pool.of(bank, ledger)
    limits = SubsetLimits(settings.window_days, settings.lead_days, settings.max_subset_size,
                          settings.subset_candidates)
    passes: tuple[Callable[[], object], ...] = (
        lambda: reference_pass(pool),
        lambda: numbered_batch_pass(pool, limits),
        lambda: exact_pass(pool, same_payee=True),
        lambda: aligned_pass(pool, settings.payee_days),
        lambda: exact_pass(pool),
        lambda: window_pass(pool, settings.window_days, settings.lead_days),
        lambda: difference_pass(pool, settings.window_days, settings.lead_days, referenced=False),
        lambda: unique_amount_pass(pool, bank, ledger, settings.payee_days),
        lambda: subset_passes(pool, limits),
        lambda: difference_pass(pool, settings.window_days, settings.lead_days))
    for one_pass in passes:
        one_pass()
        if on_pass is not None:
            on_pass(len(bank) - len(pool.bank), len(bank))
    return pool


def reconcile(bank: Sequence[BankLine], ledger: Sequence[LedgerLine], settings: MatchSettings, as_of: date,
              bank_balance: Decimal, book_balance: Decimal,
              on_pass: Callable[[int, int], None] | None = None) -> Reconciliation:
    """`ledger` is the cash account's lines; `as_of` the statement date."""
    with collection_paused():
        pool = match(bank, ledger, settings, on_pass)
        bank_only, ledger_only = _classified(pool, bank, ledger, settings, as_of)
    ledger_by_id = {line.id: line for line in ledger}
    bank_by_id = {line.id: line for line in bank}
    matches = tuple(sorted(pool.matches, key=lambda m: (m.bank_ids, m.ledger_ids)))
    statement = reconciliation_statement(bank_balance, book_balance, matches, bank_only, ledger_only,
                                         bank_by_id, ledger_by_id)
    return Reconciliation(matches, bank_only, ledger_only, statement, as_of)


def _classified(pool: Pool, bank: Sequence[BankLine], ledger: Sequence[LedgerLine], settings: MatchSettings,
                as_of: date) -> tuple[tuple[Unmatched, ...], tuple[Unmatched, ...]]:
    """What each line left on either side most likely is, and why."""
    near = NearMisses(bank, ledger, pool.matches, settings.payee_days)
    ledger_by_id = {line.id: line for line in ledger}
    bank_only = tuple(classify_bank(line, near) for line in pool.bank.values())
    ledger_only = tuple(classify_ledger(list(pool.ledger.values()), matched_ledger(pool.matches, ledger_by_id),
                                        as_of, settings.in_transit_days, near))
    return bank_only, ledger_only
