"""Tie-outs: the statements' own arithmetic, checked figure by figure.

Each check runs per period, only where all its figures were extracted, and yields a
`TieOut` (what was expected, what is printed, the difference, the slack allowed). A
failed one becomes an error finding that cites every figure used; nothing is guessed:
where a statement is laid out so that a check would need a figure we do not have
(noncontrolling interest on the balance sheet, say), the check is skipped.

Tolerance. Figures are printed rounded (to the million, say), so each may be off by half
a unit of its last printed digit, and the errors of figures added together add up: a
check combining k figures in millions allows k x 500,000. `printed_tolerance` reads the
slack of one fact from its citation's printed text. A gross profit one million away from
revenue - cost of revenue is therefore within rounding (three figures: 1.5 million), two
million is not. The rule for EPS is on `eps`.

Concepts are matched by class (`vocabulary.concept_class`), and only consolidated
figures of the primary statements take part (segment figures have their own check).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict

from earnings_review.concepts import normalise
from earnings_review.facts import DAYS_SLACK, Fact, FactIndex, Period, period_end, prior_end
from earnings_review.vocabulary import concept_class
from earnings_review.wording import identifiers_in_words, money, printed_scale
from shared.documents.citation import HtmlCitation, PdfCitation
from shared.findings import Finding
from shared.money import AmountError, Money, decimal_places, parse_amount

PRETAX = "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"
# A balance sheet with any of these has equity outside "stockholders' equity" (minority
# or temporary equity), so liabilities + stockholders' equity is not its total.
OUTSIDE_EQUITY = (
    "MinorityInterest", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest",
    "TemporaryEquityCarryingAmountAttributableToParent", "RedeemableNoncontrollingInterestEquityCarryingAmount",
    "TemporaryEquityCarryingAmountIncludingPortionAttributableToNoncontrollingInterests",
)
# (balance concept, change concept): the roll-forward of cash including restricted cash
# (ASU 2016-18), and the older one of cash and cash equivalents alone.
CASH_FAMILIES = (
    ("CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents",
     "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect"),
    ("CashAndCashEquivalentsAtCarryingValue", "CashAndCashEquivalentsPeriodIncreaseDecrease"),
)
BALANCE_SHEET_CASH = "CashAndCashEquivalentsAtCarryingValue"


class TieOut(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    check: str
    period: str
    expected: Money
    actual: Money
    difference: Money  # actual - expected
    tolerance: Money
    passed: bool
    citations: tuple[PdfCitation | HtmlCitation, ...]
    # The arithmetic with each figure named, so a reader can redo it from the message.
    working: str = ""
    unit: str = "USD"  # of expected, actual, difference and tolerance: "USD" or "USD/share"
    # Set where the check passed only by a rule the reader should know was used (an EPS
    # one unit off in its last place because the share counts are printed rounded).
    note: str = ""


# -- tolerance ------------------------------------------------------------------------------


def printed_tolerance(fact: Fact) -> Decimal:
    """Half a unit of the last digit printed, in the fact's own (unscaled) units:
    "81,797" printed in millions allows 500,000; "1.26" allows 0.005."""
    return value_tolerance(fact.value, fact.citation.text)


def value_tolerance(value: Decimal, printed_text: str) -> Decimal:
    """The slack of `value` as printed in `printed_text`; zero when the text is not a
    figure or is nil, since then there is no printed precision to go by."""
    try:
        printed = parse_amount(printed_text).value
    except AmountError:
        return Decimal(0)
    if printed == 0 or value == 0:
        return Decimal(0)
    half = Decimal("0.5").scaleb(_power_of_ten(abs(value / printed)) - decimal_places(printed))
    return half.quantize(Decimal(1)) if half >= 1 else half  # 500000, not 5E+5, in result.json


def _power_of_ten(ratio: Decimal) -> int:
    # Scales are powers of ten (thousands, millions): the nearest one, so a value that is
    # not exactly the printed figure scaled still gets the right order of magnitude.
    return int(ratio.log10().to_integral_value(rounding=ROUND_HALF_EVEN))


# -- figures and the record of one check ------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One printed figure a check uses: a fact, or a statement line the label table did not map."""

    label: str
    value: Decimal
    citation: PdfCitation | HtmlCitation

    @property
    def tolerance(self) -> Decimal:
        return value_tolerance(self.value, self.citation.text)


def figure(fact: Fact) -> Figure:
    return Figure(fact.label, fact.value, fact.citation)


def _signed(terms: Sequence[tuple[int, Figure]], scale: Decimal) -> str:
    text = " ".join(f"{'-' if sign < 0 else '+'} {f.label} {money(f.value, 'USD', scale)}" for sign, f in terms)
    return text[2:] if text.startswith("+ ") else text


def _sum_tie(check: str, period: str, terms: Sequence[tuple[int, Figure]], actual: Figure) -> TieOut:
    """actual = the signed sum of `terms`, each figure allowed its printed rounding. The
    working writes money as the memo does, in the scale the figures were printed in."""
    expected = sum((sign * f.value for sign, f in terms), Decimal(0))
    tolerance = sum((f.tolerance for _, f in terms), actual.tolerance)
    scale = printed_scale((f.value, f.citation.text) for _, f in (*terms, (1, actual)))
    working = (f"{_signed(terms, scale)} = {money(expected, 'USD', scale)}; "
               f"{actual.label} is {money(actual.value, 'USD', scale)}")
    return _record(check, period, expected, actual, tolerance, [f for _, f in terms], working)


def _record(check: str, period: str, expected: Decimal, actual: Figure, tolerance: Decimal,
            inputs: Sequence[Figure], working: str, unit: str = "USD", note: str = "") -> TieOut:
    difference = actual.value - expected
    return TieOut(id=f"tieout:{check}:{period}", check=check, period=period, expected=expected,
                  actual=actual.value, difference=difference, tolerance=tolerance,
                  passed=abs(difference) <= tolerance, citations=tuple(f.citation for f in (*inputs, actual)),
                  working=working, unit=unit, note=note)


# -- looking facts up -------------------------------------------------------------------------


def opening_instant(index: FactIndex, concept: str, period: Period) -> Fact | None:
    """The balance at a duration's start: the balance dated closest (within eight days)
    to the day before the start, or, since statements rarely print the start, to
    `months` before the end, i.e. at the end of the prior period."""
    target = period.start - timedelta(days=1) if period.start else prior_end(period)
    near = [f for f in index.facts if concept in concept_class(f.concept) and f.period.instant is not None
            and abs((f.period.instant - target).days) <= DAYS_SLACK]
    return min(near, key=lambda f: abs((period_end(f.period) - target).days), default=None)


# -- income statement ---------------------------------------------------------------------------


def gross_profit(index: FactIndex, period: Period, others: Sequence = ()) -> TieOut | None:
    revenue, cost, gross = (index.get(c, period) for c in ("Revenues", "CostOfRevenue", "GrossProfit"))
    if not (revenue and cost and gross):
        return None
    return _sum_tie("gross_profit = revenue - cost_of_revenue", period.describe(),
                    [(1, figure(revenue)), (-1, figure(cost))], figure(gross))


def operating_income(index: FactIndex, period: Period, others: Sequence = ()) -> TieOut | None:
    """Gross profit less operating expenses where the statement presents it so; else
    revenue less total costs and expenses (statements without a gross profit line)."""
    operating = index.get("OperatingIncomeLoss", period)
    gross, expenses = index.get("GrossProfit", period), index.get("OperatingExpenses", period)
    revenue, costs = index.get("Revenues", period), index.get("CostsAndExpenses", period)
    if operating and gross and expenses:
        return _sum_tie("operating_income = gross_profit - operating_expenses", period.describe(),
                        [(1, figure(gross)), (-1, figure(expenses))], figure(operating))
    if operating and revenue and costs:
        return _sum_tie("operating_income = revenue - costs_and_expenses", period.describe(),
                        [(1, figure(revenue)), (-1, figure(costs))], figure(operating))
    return None


def net_income(index: FactIndex, period: Period, others: Sequence = ()) -> TieOut | None:
    """Pre-tax income - tax + any lines printed between the tax line and net income
    (equity-method results, discontinued operations), which are part of the sum. Where
    the statement shows net income including noncontrolling interests (ProfitLoss), that
    is the line the tax is taken to; `net_income_attributable` does the rest."""
    pretax, tax = index.get(PRETAX, period), index.get("IncomeTaxExpenseBenefit", period)
    net = index.first(("ProfitLoss", "NetIncomeLoss"), period)
    if not (pretax and tax and net):
        return None
    between = lines_between(others, tax, net, period)
    name = "net_income = pretax_income - income_tax" + (" + lines between" if between else "")
    terms = [(1, figure(pretax)), (-1, figure(tax))] + [(1, line) for line in between]
    return _sum_tie(name, period.describe(), terms, figure(net))


def net_income_attributable(index: FactIndex, period: Period, others: Sequence = ()) -> TieOut | None:
    total, minority, parent = (index.get(c, period) for c in (
        "ProfitLoss", "NetIncomeLossAttributableToNoncontrollingInterest", "NetIncomeLoss"))
    if not (total and minority and parent):
        return None
    return _sum_tie("net_income_attributable = net_income - noncontrolling_interest", period.describe(),
                    [(1, figure(total)), (-1, figure(minority))], figure(parent))


def lines_between(others: Sequence, top: Fact, bottom: Fact, period: Period) -> list[Figure]:
    """Figures, for `period`, of unmapped lines printed between two facts on one page."""
    if not isinstance(top.citation, PdfCitation) or not isinstance(bottom.citation, PdfCitation):
        return []
    page, upper, lower = top.citation.page, top.citation.bbox[1], bottom.citation.bbox[1]
    return [Figure(row.label, value, citation) for row in others
            for value, row_period, citation in zip(row.values, row.periods, row.citations)
            if value is not None and row_period is not None and row_period.key == period.key
            and citation.page == page and upper < citation.bbox[1] < lower]


# EPS concepts and the income each is computed on, most specific first: income available
# to common shareholders differs from net income by preferred dividends and the like.
EPS_BASES = {
    "basic": ("EarningsPerShareBasic", "WeightedAverageNumberOfSharesOutstandingBasic",
              ("NetIncomeLossAvailableToCommonStockholdersBasic", "NetIncomeLoss")),
    "diluted": ("EarningsPerShareDiluted", "WeightedAverageNumberOfDilutedSharesOutstanding",
                ("NetIncomeLossAvailableToCommonStockholdersDiluted", "NetIncomeLossAvailableToCommonStockholdersBasic",
                 "NetIncomeLoss")),
}
EPS_PLACES = Decimal("0.000001")


def eps(index: FactIndex, period: Period, others: Sequence = (), basis: str = "diluted") -> TieOut | None:
    """EPS printed against income / weighted shares, both as printed.

    The company divides unrounded income by an unrounded share count and prints the
    result to the cent, so the printed EPS may be off the true quotient by half a cent
    (its own printed tolerance). Our quotient uses the printed income and shares, each
    off by its printed tolerance tN and tS, which moves it by at most
    (tN + |q| x tS) / (|shares| - tS). The quotient is shown to six places and the half
    unit that costs is added to the slack, which is rounded up to the sixth place. The
    quotient is compared before rounding to the cent: comparing round(q, 2) would need a
    whole cent of slack (both sides rounded), and then a printed 1.27 would pass against
    q = 1.2603, whose true value cannot be 1.265 or more.

    Where the share counts are printed rounded (in thousands or millions), companies'
    own EPS often comes from figures the statement does not print (unrounded income,
    daily share counts, the two-class method), and the printed EPS can sit one unit of
    its last place from the quotient rounded to its precision (a release printing 2.94 where
    1,302 / 443.814 = 2.9337). Such an EPS agrees, and the tie-out says so in its note
    (`_one_unit_off`); two units off is an error.
    """
    eps_concept, shares_concept, incomes = EPS_BASES[basis]
    per_share, shares = index.get(eps_concept, period), index.get(shares_concept, period)
    income = index.first(incomes, period)
    if not (per_share and shares and income) or abs(shares.value) <= printed_tolerance(shares):
        return None
    quotient = income.value / shares.value
    expected = quotient.quantize(EPS_PLACES, rounding=ROUND_HALF_EVEN)
    scale = printed_scale([(income.value, income.citation.text)])
    counted = money(shares.value, "shares", printed_scale([(shares.value, shares.citation.text)]))
    working = (f"{income.label} {money(income.value, 'USD', scale)} / {shares.label} {counted} "
               f"= {money(expected, 'USD/share')}; {per_share.label} is {money(per_share.value, 'USD/share')}")
    check = f"eps_{basis} = net_income / weighted_shares"
    tolerance = _eps_tolerance(per_share, income, shares, quotient)
    loose = _one_unit_off(per_share, shares, quotient, tolerance)
    if loose is not None:
        tolerance, note = loose
        return _record(check, period.describe(), expected, figure(per_share), tolerance,
                       [figure(income), figure(shares)], f"{working}: {note}", "USD/share", note)
    return _record(check, period.describe(), expected, figure(per_share), tolerance, [figure(income), figure(shares)],
                   working, "USD/share")


def _eps_tolerance(per_share: Fact, income: Fact, shares: Fact, quotient: Decimal) -> Decimal:
    share_slack = printed_tolerance(shares)
    drift = (printed_tolerance(income) + abs(quotient) * share_slack) / (abs(shares.value) - share_slack)
    slack = printed_tolerance(per_share) + drift + EPS_PLACES / 2
    return slack.quantize(EPS_PLACES, rounding=ROUND_CEILING)


ONE_SHARE = Decimal("0.5")  # the printed tolerance of a share count printed in full


def _one_unit_off(per_share: Fact, shares: Fact, quotient: Decimal, tolerance: Decimal) -> tuple[Decimal, str] | None:
    """The wider tolerance and the note saying it was used, where the strict one fails,
    the share count is printed rounded, and the printed EPS is within one unit of its
    last place of the quotient rounded to that place; None otherwise."""
    unit = (2 * printed_tolerance(per_share)).normalize()  # of the last printed place: 0.01 for "2.94"
    if abs(per_share.value - quotient) <= tolerance or printed_tolerance(shares) <= ONE_SHARE or not unit:
        return None
    rounded = quotient.quantize(unit, rounding=ROUND_HALF_EVEN)
    if abs(per_share.value - rounded) > unit:
        return None
    wider = (unit + abs(quotient - rounded)).quantize(EPS_PLACES, rounding=ROUND_CEILING)
    note = (f"the quotient rounds to {rounded}, and {per_share.value} printed is within one unit of its last place "
            f"({unit}), allowed because the share count is printed rounded ({shares.citation.text})")
    return wider, note


# -- balance sheet --------------------------------------------------------------------------------


def balance(index: FactIndex, period: Period, others: Sequence = ()) -> TieOut | None:
    """Total liabilities + stockholders' equity = the total of both (or total assets
    where no such total is printed). Skipped where equity lies outside stockholders'
    equity (noncontrolling or temporary equity, or any line printed between the equity
    total and the grand total), and where there is no total liabilities line."""
    liabilities, equity = index.get("Liabilities", period), index.get("StockholdersEquity", period)
    total = index.first(("LiabilitiesAndStockholdersEquity", "Assets"), period)
    if not (liabilities and equity and total) or _equity_outside(index, period, equity, total, others):
        return None
    name = ("liabilities_and_equity" if total.concept == "LiabilitiesAndStockholdersEquity" else "assets") + \
        " = liabilities + equity"
    return _sum_tie(name, period.describe(), [(1, figure(liabilities)), (1, figure(equity))], figure(total))


def _equity_outside(index: FactIndex, period: Period, equity: Fact, total: Fact, others: Sequence) -> bool:
    return any(index.get(c, period) for c in OUTSIDE_EQUITY) or bool(lines_between(others, equity, total, period))


def assets_total(index: FactIndex, period: Period, others: Sequence = ()) -> TieOut | None:
    assets, total = index.get("Assets", period), index.get("LiabilitiesAndStockholdersEquity", period)
    if not (assets and total):
        return None
    return _sum_tie("assets = liabilities_and_equity", period.describe(), [(1, figure(total))], figure(assets))


# -- cash flow ------------------------------------------------------------------------------------


def cash_flow(index: FactIndex, period: Period, others: Sequence = ()) -> TieOut | None:
    """Beginning cash + net change = ending cash, on facts: the change for the duration,
    the balances at its end and at the end of the prior period (`opening_instant`)."""
    if period.end is None:
        return None
    for balance_concept, change_concept in CASH_FAMILIES:
        change = index.get(change_concept, period)
        ending = index.get(balance_concept, Period(instant=period.end))
        beginning = opening_instant(index, balance_concept, period)
        if change and ending and beginning:
            return _sum_tie("ending_cash = beginning_cash + net_change", period.describe(),
                            [(1, figure(beginning)), (1, figure(change))], figure(ending))
    return None


# Beginning and ending cash are printed in period columns but are balances at dates the
# statement does not print (the day before the period starts), so the extractor may leave
# them as unmapped lines; then the roll-forward reads them from the statement's own lines.
_BEGINNING = re.compile(r"^cash\b.*\bbeginning\b")
_ENDING = re.compile(r"^cash\b.*\b(end|ending)\b")
_CHANGE = re.compile(r"^(net )?(increase|decrease|change|\(decrease\)|increase/\(decrease\)).*\bin cash\b")


def _role(rows: Sequence, pattern: re.Pattern[str]) -> Any:
    return next((r for r in rows if r.statement == "cash_flow" and pattern.search(normalise(r.label))), None)


def _cell(row: Any, column: int) -> Figure | None:
    if column >= len(row.values) or row.values[column] is None:
        return None
    return Figure(row.label, row.values[column], row.citations[column])


def cash_roll_forward(others: Sequence, done: frozenset = frozenset()) -> tuple[TieOut, ...]:
    """Beginning cash + net change = ending cash, column by column, from unmapped lines;
    periods in `done` (keys already checked on facts) are left out."""
    beginning, change, ending = (_role(others, p) for p in (_BEGINNING, _CHANGE, _ENDING))
    if not (beginning and change and ending):
        return ()
    ties = []
    for column, period in enumerate(ending.periods):
        first, moved, last = (_cell(row, column) for row in (beginning, change, ending))
        if period is not None and period.key not in done and first and moved and last:
            ties.append(_sum_tie("ending_cash = beginning_cash + net_change", period.describe(),
                                 [(1, first), (1, moved)], last))
    return tuple(ties)


def cash_reconciling_items(facts: Sequence[Fact], others: Sequence = ()) -> tuple[Finding, ...]:
    """Ending cash on the cash flow statement against the balance sheet's cash and cash
    equivalents at the same date: a difference (usually restricted cash) is shown as
    information, not treated as an error."""
    sheet = {f.period.instant: f for f in FactIndex(facts).facts if f.concept == BALANCE_SHEET_CASH}
    endings = _ending_cash(facts, others)
    return tuple(_reconciling(day, ending, sheet[day]) for day, ending in endings.items()
                 if day in sheet and not _agree(ending, figure(sheet[day])))


def _agree(a: Figure, b: Figure) -> bool:
    return abs(a.value - b.value) <= a.tolerance + b.tolerance


def _ending_cash(facts: Sequence[Fact], others: Sequence) -> dict[date, Figure]:
    """Ending cash including restricted cash by date: facts first, then unmapped lines."""
    found = {f.period.instant: figure(f) for f in FactIndex(facts).facts
             if f.concept in concept_class(CASH_FAMILIES[0][0]) and f.period.instant is not None}
    row = _role(others, _ENDING)
    for column, period in enumerate(row.periods if row else ()):
        cell = _cell(row, column)
        if period is not None and period.end is not None and cell is not None:
            found.setdefault(period.end, cell)
    return found


def _reconciling(day: date, ending: Figure, sheet: Fact) -> Finding:
    difference = ending.value - sheet.value
    return Finding(
        id=f"cash_reconciling:at {day}", code="cash_reconciling_item", severity="info", subject="cash",
        citations=(ending.citation, sheet.citation),
        message=f"Ending cash on the cash flow statement ({ending.citation.text}) differs from the balance sheet's "
                f"cash and cash equivalents ({sheet.citation.text}) at {day} by "
                f"{money(difference, 'USD', printed_scale([(sheet.value, sheet.citation.text)]))}: "
                "usually restricted cash or cash held elsewhere, shown for the reviewer, not an error.")


# -- footing ---------------------------------------------------------------------------------------


def foot(total: Fact, parts: Sequence[Fact]) -> TieOut:
    """A total against the sum of the lines the caller knows make it up (a statement's row
    group). The caller vouches that `parts` are all of them: facts alone cannot say
    whether a line was left unextracted, which is why `footing_results` reports a
    total that does not foot as information rather than as an error."""
    if not parts:
        raise ValueError(f"nothing to foot {total.id} against")
    strays = [p.id for p in parts if p.period.key != total.period.key or p.unit != total.unit]
    if strays:
        raise ValueError(f"{', '.join(strays)}: not the period and unit of {total.id}")
    check = f"{total.label} = sum of {len(parts)} lines"
    tie = _sum_tie(check, total.period.describe(), [(1, figure(p)) for p in parts], figure(total))
    return tie.model_copy(update={"id": f"footing:{total.concept}:{total.period.describe()}", "unit": total.unit})


def footing_results(footed: Sequence[TieOut]) -> tuple[list[TieOut], list[Finding]]:
    """Totals that foot are tie-out evidence. One that does not is information, not an
    error: the table reader may have grouped its lines differently from the statement
    (nested subsections), and a false alarm is worse than a missing one here; the
    statement's arithmetic that matters is checked by the tie-outs above."""
    passed = [t for t in footed if t.passed]
    notes = [Finding(id=t.id, code="footing_not_confirmed", severity="info", subject=t.check, citations=t.citations,
                     message=f"{t.period}: {t.check} could not be confirmed: the lines read add up to "
                             f"{money(t.expected, t.unit, _scale(t))}, the total printed is "
                             f"{money(t.actual, t.unit, _scale(t))}. Check the statement's grouping on its page.")
             for t in footed if not t.passed]
    return passed, notes


# -- running them ----------------------------------------------------------------------------------

Check = Callable[[FactIndex, Period, Sequence], TieOut | None]
CHECKS: tuple[Check, ...] = (
    gross_profit, operating_income, net_income, net_income_attributable, balance, assets_total,
    partial(eps, basis="basic"), partial(eps, basis="diluted"), cash_flow,
)


def run_tieouts(facts: Sequence[Fact], others: Sequence = ()) -> tuple[TieOut, ...]:
    """Every check that has its figures, period by period; `others` are the statements'
    unmapped lines (`extract.UnmappedRow`), used where a sum includes lines the label
    table does not know."""
    index = FactIndex(facts)
    found = [t for period in index.periods() for check in CHECKS if (t := check(index, period, others))]
    done = frozenset(p.key for p in index.periods() if cash_flow(index, p))
    return tuple(found) + cash_roll_forward(others, done)


def tieout_findings(tieouts: Iterable[TieOut]) -> tuple[Finding, ...]:
    """An error for each failed tie-out; information for each that passed only by a rule
    noted on it, so the reader knows which tolerance was used."""
    return tuple(_finding(t) if not t.passed else _noted(t) for t in tieouts if not t.passed or t.note)


def _noted(tieout: TieOut) -> Finding:
    message = (f"Tie-out passed within rounding of the share counts, {tieout.period}: "
               f"{identifiers_in_words(tieout.check)}. "
               f"{tieout.working}.")
    return Finding(id=tieout.id, code="tieout_within_share_rounding", severity="info", message=message,
                   subject=tieout.check, citations=tieout.citations)


def run_checks(facts: Sequence[Fact], others: Sequence = ()) -> tuple[Finding, ...]:
    """The findings of the tie-outs and of the cash reconciliation, in one call."""
    return tieout_findings(run_tieouts(facts, others)) + cash_reconciling_items(facts, others)


def _finding(tieout: TieOut) -> Finding:
    scale, unit = _scale(tieout), tieout.unit
    working = tieout.working or (f"Expected {money(tieout.expected, unit, scale)}, the statement shows "
                                 f"{money(tieout.actual, unit, scale)}")
    message = (f"Tie-out failed, {tieout.period}: {identifiers_in_words(tieout.check)}. {working}: a difference of "
               f"{money(tieout.difference, unit, scale)} (rounding allows {money(tieout.tolerance, unit, scale)}).")
    return Finding(id=tieout.id, code="tieout_failed", severity="error", message=message, subject=tieout.check,
                   citations=tieout.citations)


def _scale(tieout: TieOut) -> Decimal:
    """The scale the checked total was printed in: its value against its printed text
    (the last citation of a tie-out is the figure checked)."""
    return printed_scale([(tieout.actual, tieout.citations[-1].text)]) if tieout.citations else printed_scale([])
