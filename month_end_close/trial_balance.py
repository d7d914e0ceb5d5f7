"""Trial-balance checks: it balances, cash agrees with the ledger, and every account the
ledger touches rolls forward from the prior balance to this one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from month_end_close.records import AccountBalance, LedgerLine
from shared.findings import Finding, finding

ZERO = Decimal("0")


def activity(ledger: Sequence[LedgerLine]) -> dict[str, Decimal]:
    """The period's net movement per account, debit positive."""
    moved: dict[str, Decimal] = {}
    for line in ledger:
        moved[line.account] = moved.get(line.account, ZERO) + line.amount
    return moved


def balances_check(name: str, rows: Sequence[AccountBalance]) -> list[Finding]:
    debits = sum((r.balance for r in rows if r.balance > 0), ZERO)
    credits = -sum((r.balance for r in rows if r.balance < 0), ZERO)
    if debits == credits:
        return []
    return [finding("trial_balance_out_of_balance", name,
                    f"The {name} does not balance: debits {debits:,.2f}, credits {credits:,.2f}, "
                    f"difference {debits - credits:,.2f}", "error")]


def roll_forward(prior: Sequence[AccountBalance], current: Sequence[AccountBalance],
                 moved: Mapping[str, Decimal]) -> list[Finding]:
    """For each account the ledger covers: prior balance + activity = current balance."""
    before, after = {r.account: r for r in prior}, {r.account: r for r in current}
    findings = []
    for account in sorted(moved):
        start = before[account].balance if account in before else ZERO
        end = after[account].balance if account in after else ZERO
        if start + moved[account] != end:
            cited = [r.citation for r in (before.get(account), after.get(account)) if r is not None]
            findings.append(finding(
                "roll_forward_break", account,
                f"Account {account}: prior balance {start:,.2f} + ledger activity {moved[account]:,.2f} = "
                f"{start + moved[account]:,.2f}, but this period's trial balance shows {end:,.2f} "
                f"(difference {end - start - moved[account]:,.2f})", "error", cited))
    return findings


def cash_check(current: Sequence[AccountBalance], cash_account: str, book_balance: Decimal) -> list[Finding]:
    row = next((r for r in current if r.account == cash_account), None)
    if row is None:
        return [finding("cash_not_in_trial_balance", cash_account,
                        f"The cash account {cash_account} is not in this period's trial balance", "error")]
    if row.balance == book_balance:
        return []
    return [finding("cash_disagrees_with_ledger", cash_account,
                    f"Cash per the trial balance is {row.balance:,.2f}; per the ledger it is {book_balance:,.2f} "
                    f"(difference {row.balance - book_balance:,.2f})", "error", [row.citation])]
