"""Figures and names as the memo and the report write them, one way everywhere.

Money is written as the filing prints it: in the filing's own scale ("$81,797 million"
for a filing in millions, "$31,615,550 thousand" for one in thousands; `filing_scale`),
an amount smaller than that scale in dollars ("$500,000"), a per-share figure in dollars
and cents ("$2.23"), and a negative figure in parentheses inside the dollar sign
("$(2,722) million", "$(0.66)", "(1.40)%"). Every digit of the value is kept (nothing is
rounded for show). A difference between two percentages is in percentage points.
Metric and concept names are written in words ("operating margin", not
`operating_margin`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from earnings_review.vocabulary import METRIC_CONCEPTS, concept_class
from shared.money import AmountError, parse_amount

MILLION = Decimal(10) ** 6
SCALE_WORDS = {Decimal(10) ** 3: "thousand", MILLION: "million", Decimal(10) ** 9: "billion"}

METRIC_WORDS = {
    "revenue": "revenue", "gross_profit": "gross profit", "operating_income": "operating income",
    "net_income": "net income", "eps_diluted": "diluted EPS", "eps_basic": "basic EPS",
    "gross_margin": "gross margin", "operating_margin": "operating margin", "net_margin": "net margin",
    "operating_cash_flow": "operating cash flow", "capex": "capital expenditure", "free_cash_flow": "free cash flow",
    "revenue_growth_yoy": "revenue growth, year on year",
    "revenue_growth_sequential": "revenue growth, quarter on quarter",
    "operating_leverage": "operating leverage", "receivables_growth_yoy": "receivables growth, year on year",
    "inventory_growth_yoy": "inventory growth, year on year",
    "receivables_vs_revenue_growth": "receivables growth less revenue growth",
    "inventory_vs_revenue_growth": "inventory growth less revenue growth",
}


def _digits(value: Decimal) -> str:
    """Grouped, every significant digit kept, no exponent: 4812.000000 -> "4,812"."""
    value = abs(value)
    plain = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return f"{plain:,f}"


def _signed(text: str, negative: bool, prefix: str = "", suffix: str = "") -> str:
    return f"{prefix}({text}){suffix}" if negative else f"{prefix}{text}{suffix}"


def money(value: Any, unit: str, scale: Decimal = MILLION) -> str:
    """`value` (unscaled, as in result.json) written for a reader, by its unit; an
    amount in dollars in `scale` (the filing's, `filing_scale`)."""
    number = Decimal(str(value))
    negative = number < 0
    if unit == "USD" and scale in SCALE_WORDS and abs(number) >= scale:
        return _signed(_digits(number / scale), negative, "$") + f" {SCALE_WORDS[scale]}"
    if unit == "USD":
        return _signed(_digits(number), negative, "$")
    if unit == "USD/share":
        return _signed(_cents(number), negative, "$")
    if unit == "percent":
        return _signed(_as_given(number), negative, suffix="%")
    if unit == "points":
        return _signed(_as_given(number), negative) + " points"
    if unit == "shares" and scale in SCALE_WORDS and abs(number) >= scale:
        return _signed(_digits(number / scale), negative) + f" {SCALE_WORDS[scale]} shares"
    if unit == "shares":
        return _signed(_digits(number), negative) + " shares"
    return _signed(_as_given(number), negative)


def _as_given(value: Decimal) -> str:
    # A percentage or ratio keeps the places it was computed or given to: 54.20, 54.2.
    return f"{abs(value):,f}"


def _cents(value: Decimal) -> str:
    """A per-share figure to the cent at least: 1.2 -> "1.20", 2.232099 as it is."""
    exponent = abs(value).normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{abs(value).quantize(Decimal(1).scaleb(-places)):,f}"


def size(value: Any, unit: str, scale: Decimal = MILLION) -> str:
    """The magnitude alone, for prose that says the direction in words ("down 1.40%")."""
    return money(abs(Decimal(str(value))), unit, scale)


def filing_scale(facts: Sequence[Any]) -> Decimal:
    """The scale most of a filing's dollar figures are printed in (thousands, millions),
    from each fact's value against its printed text; millions where none says."""
    return printed_scale((f.value, f.citation.text) for f in facts if f.unit == "USD")


def printed_scale(figures: Iterable[tuple[Decimal, str]]) -> Decimal:
    """The scale most of these (value, printed text) pairs were printed in: a thousand,
    a million, a billion, or one (printed in full); millions where none says (a dash,
    a figure that is not a number)."""
    found: Counter[Decimal] = Counter()
    for value, text in figures:
        try:
            printed = parse_amount(text).value
        except AmountError:
            continue
        if printed and value:
            found[Decimal(10) ** int(abs(value / printed).log10().to_integral_value(ROUND_HALF_EVEN))] += 1
    scale = found.most_common(1)[0][0] if found else MILLION
    return scale if scale in SCALE_WORDS or scale == 1 else MILLION


def metric_words(name: str) -> str:
    """A metric or us-gaap concept name as words: "eps_diluted" -> "diluted EPS",
    "NetIncomeLoss" -> "net income", "ResearchAndDevelopmentExpense" -> "research and
    development expense"."""
    if name in METRIC_WORDS:
        return METRIC_WORDS[name]
    metric = next((m for m, concept in METRIC_CONCEPTS.items() if name in concept_class(concept)), None)
    if metric is not None:
        return METRIC_WORDS[metric]
    if "_" in name or name.islower():
        return name.replace("_", " ")
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def difference_unit(unit: str) -> str:
    """A difference of two percentages is in percentage points; of anything else, in its unit."""
    return "points" if unit == "percent" else unit


def identifiers_in_words(text: str) -> str:
    """A check's or formula's snake_case names in words: "eps_diluted = net_income /
    weighted_shares" -> "diluted EPS = net income / weighted shares"."""
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: METRIC_WORDS.get(m.group(0), m.group(0).replace("_", " ")), text)


def share_of(pct: Any) -> str:
    """A difference as a share of the expected figure, its direction in words:
    "3.46% below", "1.31% above"."""
    number = Decimal(str(pct))
    return f"{size(number, 'percent')} {'below' if number < 0 else 'above'}"


def change(pct: Any) -> str:
    """A growth rate in prose: "grew 8.67%", "fell 1.40%", "was unchanged"."""
    number = Decimal(str(pct))
    if not number:
        return "was unchanged"
    return f"{'fell' if number < 0 else 'grew'} {size(number, 'percent')}"
