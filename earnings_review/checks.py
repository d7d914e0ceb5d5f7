"""Tie-outs: the statements' own arithmetic, checked figure by figure.

Printed figures are rounded (to the million, say), so a check allows half a unit of the
last printed digit of every figure it combines; anything more is a failed tie-out, a
finding that cites each figure. A check runs only where all its figures were extracted.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from earnings_review.concepts import normalise
from earnings_review.facts import Fact
from earnings_review.vocabulary import concept_class
from shared.documents.citation import HtmlCitation, PdfCitation
from shared.findings import Finding
from shared.money import AmountError, Money, decimal_places, parse_amount

PRETAX = "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"


class TieOut(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    check: str
    period: str
    expected: Money
    actual: Money
    difference: Money
    tolerance: Money
    passed: bool
    citations: tuple[PdfCitation | HtmlCitation, ...]


def printed_tolerance(fact: Fact) -> Decimal:
    """Half a unit of the last digit printed, in the fact's own (unscaled) units:
    "81,797" printed in millions allows 500,000."""
    return value_tolerance(fact.value, fact.citation.text)


def value_tolerance(value: Decimal, printed_text: str) -> Decimal:
    try:
        printed = parse_amount(printed_text).value
    except AmountError:
        return Decimal(0)
    if printed == 0 or value == 0:
        return Decimal(0)
    # Scales are powers of ten (thousands, millions); take the nearest one.
    scale = abs(value / printed).adjusted()
    return Decimal("0.5").scaleb(scale - decimal_places(printed))


def _tie(check: str, period: str, expected: Decimal, actual: Fact, inputs: Sequence[Fact],
         slack: Decimal | None = None, extra: Sequence = ()) -> TieOut:
    used = [*inputs, actual]
    tolerance = slack if slack is not None else sum((printed_tolerance(f) for f in used), Decimal(0))
    tolerance += sum((value_tolerance(value, citation.text) for value, citation in extra), Decimal(0))
    difference = actual.value - expected
    return TieOut(id=f"tieout:{check}:{period}", check=check, period=period, expected=expected, actual=actual.value,
                  difference=difference, tolerance=tolerance, passed=abs(difference) <= tolerance,
                  citations=tuple(f.citation for f in used) + tuple(c for _, c in extra))


def _index(facts: Iterable[Fact]) -> dict[tuple, Fact]:
    index: dict[tuple, Fact] = {}
    for fact in facts:
        for member in concept_class(fact.concept):
            index.setdefault((member, fact.period.key), fact)
    return index


def _periods(facts: Iterable[Fact]) -> list:
    seen = {}
    for fact in facts:
        seen.setdefault(fact.period.key, fact.period)
    return list(seen.values())


Check = Callable[[dict, object], TieOut | None]


def gross_profit(index: dict, period) -> TieOut | None:
    revenue, cost, gross = (index.get((c, period.key)) for c in ("Revenues", "CostOfRevenue", "GrossProfit"))
    if revenue and cost and gross:
        return _tie("gross_profit = revenue - cost_of_revenue", period.describe(), revenue.value - cost.value, gross,
                    [revenue, cost])
    return None


def operating_income(index: dict, period) -> TieOut | None:
    operating = index.get(("OperatingIncomeLoss", period.key))
    gross, expenses = index.get(("GrossProfit", period.key)), index.get(("OperatingExpenses", period.key))
    if operating and gross and expenses:
        return _tie("operating_income = gross_profit - operating_expenses", period.describe(),
                    gross.value - expenses.value, operating, [gross, expenses])
    revenue, costs = index.get(("Revenues", period.key)), index.get(("CostsAndExpenses", period.key))
    if operating and revenue and costs:
        return _tie("operating_income = revenue - costs_and_expenses", period.describe(),
                    revenue.value - costs.value, operating, [revenue, costs])
    return None


def net_income(index: dict, period, others: Sequence = ()) -> TieOut | None:
    """Net income = pre-tax income − tax + any lines printed between the tax line and net
    income (equity-method results, discontinued operations), which are part of the sum."""
    pretax, tax, net = (index.get((c, period.key)) for c in (PRETAX, "IncomeTaxExpenseBenefit", "NetIncomeLoss"))
    if not (pretax and tax and net):
        return None
    between = lines_between(others, tax, net, period)
    expected = pretax.value - tax.value + sum((v for v, _ in between), Decimal(0))
    name = "net_income = pretax_income - income_tax" + (" + lines between" if between else "")
    return _tie(name, period.describe(), expected, net, [pretax, tax], extra=between)


def lines_between(others: Sequence, top: Fact, bottom: Fact, period) -> list[tuple[Decimal, object]]:
    """Figures, for `period`, of other lines printed between two facts on the same page."""
    if not isinstance(top.citation, PdfCitation) or not isinstance(bottom.citation, PdfCitation):
        return []
    page, upper, lower = top.citation.page, top.citation.bbox[1], bottom.citation.bbox[1]
    found = []
    for row in others:
        for value, row_period, citation in zip(row.values, row.periods, row.citations):
            if (value is not None and row_period is not None and row_period.key == period.key
                    and citation.page == page and upper < citation.bbox[1] < lower):
                found.append((value, citation))
    return found


def balance(index: dict, period) -> TieOut | None:
    assets, total = index.get(("Assets", period.key)), index.get(("LiabilitiesAndStockholdersEquity", period.key))
    liabilities, equity = index.get(("Liabilities", period.key)), index.get(("StockholdersEquity", period.key))
    if total and liabilities and equity:
        return _tie("liabilities_and_equity = liabilities + equity", period.describe(),
                    liabilities.value + equity.value, total, [liabilities, equity])
    if assets and total:
        return _tie("assets = liabilities_and_equity", period.describe(), total.value, assets, [total])
    return None


def assets_total(index: dict, period) -> TieOut | None:
    assets, total = index.get(("Assets", period.key)), index.get(("LiabilitiesAndStockholdersEquity", period.key))
    if assets and total and index.get(("Liabilities", period.key)):
        return _tie("assets = liabilities_and_equity", period.describe(), total.value, assets, [total])
    return None


def eps(index: dict, period, basis: str) -> TieOut | None:
    concept, shares_concept = {"basic": ("EarningsPerShareBasic", "WeightedAverageNumberOfSharesOutstandingBasic"),
                               "diluted": ("EarningsPerShareDiluted",
                                           "WeightedAverageNumberOfDilutedSharesOutstanding")}[basis]
    per_share, shares, net = (index.get((c, period.key)) for c in (concept, shares_concept, "NetIncomeLoss"))
    if per_share and shares and net and shares.value:
        # EPS is computed from unrounded income and printed to the cent: allow one cent.
        return _tie(f"eps_{basis} = net_income / weighted_shares", period.describe(),
                    (net.value / shares.value).quantize(Decimal("0.01")), per_share, [net, shares], Decimal("0.01"))
    return None


CHECKS: tuple[Check, ...] = (
    gross_profit, operating_income, balance, assets_total,
    lambda index, period: eps(index, period, "basic"), lambda index, period: eps(index, period, "diluted"),
)


def run_tieouts(facts: Sequence[Fact], others: Sequence = ()) -> tuple[TieOut, ...]:
    """Every check that has its figures; `others` are the statements' unmapped lines."""
    index = _index(facts)
    results = [check(index, period) for period in _periods(facts) for check in CHECKS]
    results += [net_income(index, period, others) for period in _periods(facts)]
    return tuple(result for result in results if result is not None) + cash_roll_forward(others)


def tieout_findings(tieouts: Iterable[TieOut]) -> tuple[Finding, ...]:
    return tuple(_finding(t) for t in tieouts if not t.passed)


def _finding(tieout: TieOut) -> Finding:
    message = (f"Tie-out failed, {tieout.period}: {tieout.check}. Expected {tieout.expected}, the statement shows "
               f"{tieout.actual}: a difference of {tieout.difference} (rounding allows {tieout.tolerance}).")
    return Finding(id=tieout.id, code="tieout_failed", severity="error", message=message, subject=tieout.check,
                   citations=tieout.citations)


# -- the cash roll-forward ------------------------------------------------------------------
# Beginning and ending cash are printed in period columns but are balances at dates the
# statement does not print (the day before the period starts), so they are not facts; the
# check reads them from the cash flow statement's own lines.

_BEGINNING = re.compile(r"^cash\b.*\bbeginning\b")
_ENDING = re.compile(r"^cash\b.*\b(end|ending)\b")
_CHANGE = re.compile(r"^(net )?(increase|decrease|change|\(decrease\)|increase/\(decrease\)).*\bin cash\b")


def _role(rows: Sequence, pattern: re.Pattern[str]) -> Any:
    return next((r for r in rows if r.statement == "cash_flow" and pattern.search(normalise(r.label))), None)


def cash_roll_forward(others: Sequence) -> tuple[TieOut, ...]:
    """Beginning cash + net change = ending cash, column by column."""
    beginning, change, ending = (_role(others, p) for p in (_BEGINNING, _CHANGE, _ENDING))
    if not (beginning and change and ending):
        return ()
    ties = []
    for i, period in enumerate(ending.periods):
        parts = [(row.values[i], row.citations[i]) for row in (beginning, change)
                 if i < len(row.values) and row.values[i] is not None]
        if period is None or len(parts) != 2 or ending.values[i] is None:
            continue
        expected, actual = parts[0][0] + parts[1][0], ending.values[i]
        tolerance = sum((value_tolerance(v, c.text) for v, c in [*parts, (actual, ending.citations[i])]), Decimal(0))
        ties.append(TieOut(id=f"tieout:cash_roll_forward:{period.describe()}", check="ending_cash = beginning_cash + net_change",
                           period=period.describe(), expected=expected, actual=actual, difference=actual - expected,
                           tolerance=tolerance, passed=abs(actual - expected) <= tolerance,
                           citations=(parts[0][1], parts[1][1], ending.citations[i])))
    return tuple(ties)


def cash_reconciling_items(facts: Sequence[Fact], others: Sequence) -> tuple[Finding, ...]:
    """Ending cash on the cash flow statement against the balance sheet's cash and cash
    equivalents at the same date: a difference (usually restricted cash) is shown as
    information, not treated as an error."""
    ending = _role(others, _ENDING)
    if ending is None:
        return ()
    balance = {f.period.instant: f for f in facts if f.concept == "CashAndCashEquivalentsAtCarryingValue"}
    findings = []
    for value, period, citation in zip(ending.values, ending.periods, ending.citations):
        sheet = balance.get(period.end) if period is not None else None
        if sheet is not None and value is not None and value != sheet.value:
            findings.append(Finding(
                id=f"cash_reconciling:{period.describe()}", code="cash_reconciling_item", severity="info",
                subject="cash", citations=(citation, sheet.citation),
                message=f"Ending cash on the cash flow statement ({citation.text}) differs from the balance sheet's "
                        f"cash and cash equivalents ({sheet.citation.text}) at {period.end} by {value - sheet.value}: "
                        "usually restricted cash or cash held elsewhere, shown for the reviewer, not an error."))
    return tuple(findings)


def footing_results(footed: Sequence[TieOut]) -> tuple[list[TieOut], list[Finding]]:
    """Totals that foot are tie-out evidence. One that does not is information, not an
    error: the table reader may have grouped its lines differently from the statement
    (nested subsections), and a false alarm is worse than a missing one here; the
    statement's arithmetic that matters is checked by the tie-outs above."""
    passed = [t for t in footed if t.passed]
    notes = [Finding(id=t.id, code="footing_not_confirmed", severity="info", subject=t.check, citations=t.citations,
                     message=f"{t.period}: {t.check} could not be confirmed: the lines read add up to {t.expected}, "
                             f"the total printed is {t.actual}. Check the statement's grouping on its page.")
             for t in footed if not t.passed]
    return passed, notes
