"""Money: one parser for printed financial figures, and the scale notes that go with them.

Every amount is a `Decimal` built from the printed text; a float never becomes an amount
(`parse_amount(1.5)` is a TypeError, a `Money` model field refuses floats).

Notation is US/UK only: comma = thousands separator, dot = decimal point. "1.234,56" and
"1 234,56" are rejected rather than guessed at, because a misread separator moves an
amount by a factor of a thousand and nothing downstream would notice.

What `parse_amount` understands:
- signs: leading "-" or "+", the Unicode minus (U+2212), a trailing "-" ("1,234-"),
  parentheses ("(1,234)"), and a bank statement's "CR"/"DR" suffix; one sign per figure.
- nil: a lone dash (hyphen, en dash, em dash), alone or in parentheses or after a symbol.
- currency: a symbol ($ £ € ¥ and a few prefixed dollars such as "C$") or an ISO code
  before or after the number, with or without a space; one currency per figure.
- percent: a "%" after the number, inside or outside parentheses.
- spaces: surrounding whitespace and any Unicode space (no-break, narrow, thin) between
  the parts, never between digits: "1 234" is two figures run together, not one.
Anything else left over (a footnote marker, a letter, a second figure) is an AmountError.

Scale notes ("(In millions, except per share amounts)") say what the printed figures
must be multiplied by; `detect_scale` reads them and `row_kind` says which factor a row
takes. `tolerance` gives the rounding slack implied by the precision of printed figures.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Context, Decimal, FloatOperation, Inexact, InvalidOperation, localcontext
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, PlainSerializer

from shared.errors import InputError

__all__ = [
    "AmountError",
    "Money",
    "ParsedAmount",
    "RowKind",
    "Scale",
    "decimal_places",
    "detect_scale",
    "parse_amount",
    "row_kind",
    "to_decimal",
    "tolerance",
]


class AmountError(InputError):
    """Text that is not an amount; `text` is exactly what was given."""

    def __init__(self, text: str, source: str | Path | None = None, *, why: str | None = None) -> None:
        self.text = text
        self.why = why
        problem = f"not an amount: {text!r}" + (f" ({why})" if why else "")
        super().__init__(source, problem)


@dataclass(frozen=True)
class ParsedAmount:
    """A printed figure read exactly: `value` as printed (before any scale)."""

    value: Decimal
    currency: str | None = None
    nil: bool = False
    percent: bool = False


# --- Arithmetic ----------------------------------------------------------------------

# Products and sums of printed figures must never round: with this context a result that
# would need rounding raises Inexact instead of silently losing a digit.
_EXACT = Context(prec=200, traps=[Inexact, InvalidOperation, FloatOperation])


def _finite(value: Decimal, what: str) -> Decimal:
    if not value.is_finite():
        raise ValueError(f"{what} must be a finite number, not {value}")
    return value


def _as_decimal(value: object, what: str) -> Decimal:
    """An exact Decimal from a Decimal or int; a float (or a bool) is refused by name."""
    if isinstance(value, Decimal):
        return _finite(value, what)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"{what} must be a Decimal, not {type(value).__name__}")


def _without_negative_zero(value: Decimal) -> Decimal:
    # "-0" and "(0.00)" are zero; a signed zero in a report only confuses the reader.
    return value.copy_abs() if value.is_zero() else value


# --- parse_amount --------------------------------------------------------------------

_SYMBOLS = {
    "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY",
    "₹": "INR", "₩": "KRW",
}  # fmt: skip

# A fixed list so that three capitals that are not a currency ("ABC 5") are refused.
_CODES = frozenset(
    ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "HKD", "SGD", "SEK", "NOK", "DKK", "INR", "KRW",
     "BRL", "MXN", "ZAR", "RUB", "PLN", "CZK", "HUF", "ILS", "TRY", "AED", "SAR", "TWD", "THB", "IDR", "MYR", "PHP",
     "ISK", "RON", "BGN", "CLP", "COP", "PEN", "ARS"]
)

# Longest symbols first so "US$" is not read as "US" followed by "$".
_SYMBOL = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_DASHES = "-\u2012\u2013\u2014"  # hyphen-minus, figure dash, en dash, em dash

# Comma groups of exactly three after a first group of one to three digits. Indian
# grouping ("12,34,567") is refused too: this pack reads US/UK statements only, and a
# figure whose grouping is off is more likely misread than foreign.
_NUMBER = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
_NIL = re.compile(f"[{_DASHES}]")

Slot = Literal["sign", "currency", "percent"]


@dataclass(frozen=True)
class _Marks:
    """The decorations peeled off a figure so far; each slot may be filled once."""

    sign: str | None = None
    negative: bool = False
    currency: str | None = None
    percent: bool = False


@dataclass(frozen=True)
class _Peeler:
    """One decoration: where it sits (a regex with a `rest` group) and what it means."""

    slot: Slot
    mark: str
    pattern: re.Pattern[str]
    negative: bool = False


def _peeler(slot: Slot, mark: str, pattern: str, negative: bool = False) -> _Peeler:
    return _Peeler(slot, mark, re.compile(pattern, re.DOTALL), negative)


# Tried in order on what is left; peeling outside-in lets "$(5)", "($5)", "(5)%" and
# "(5%)" all parse without listing every order.
_PEELERS: tuple[_Peeler, ...] = (
    _peeler("sign", "()", r"\((?P<rest>.*)\)", negative=True),
    _peeler("sign", "-", r"-(?P<rest>.*)", negative=True),
    _peeler("sign", "+", r"\+(?P<rest>.*)"),
    # A trailing minus must follow a digit, or "$ -" (a nil) would read as "$" negated.
    _peeler("sign", "trailing -", r"(?P<rest>.*\d)\s*-", negative=True),
    _peeler("sign", "CR", r"(?P<rest>.*?)(?<![A-Za-z])(?i:CR)"),
    _peeler("sign", "DR", r"(?P<rest>.*?)(?<![A-Za-z])(?i:DR)", negative=True),
    _peeler("percent", "%", r"(?P<rest>.*)%"),
    _peeler("currency", "symbol", f"(?P<mark>{_SYMBOL})(?P<rest>.*)"),
    _peeler("currency", "symbol", f"(?P<rest>.*?)(?P<mark>{_SYMBOL})"),
    _peeler("currency", "code", r"(?P<mark>[A-Z]{3})(?![A-Za-z])(?P<rest>.*)"),
    _peeler("currency", "code", r"(?P<rest>.*?)(?<![A-Za-z])(?P<mark>[A-Z]{3})"),
)


def _normalise(text: str) -> str:
    """Every Unicode space becomes a plain one and U+2212 a hyphen-minus."""
    spaced = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)
    return spaced.replace("\u2212", "-").replace("\u200b", "").replace("\ufeff", "").strip()


def _currency(match: re.Match[str]) -> str | None:
    mark = match.groupdict().get("mark")
    if mark is None:
        return None
    return _SYMBOLS.get(mark) or (mark if mark in _CODES else None)


def _apply(peeler: _Peeler, match: re.Match[str], marks: _Marks) -> _Marks | str:
    """The marks with this decoration added, or why it cannot be added."""
    if getattr(marks, peeler.slot) not in (None, False):
        return f"more than one {peeler.slot}"
    if peeler.slot == "sign":
        return replace(marks, sign=peeler.mark, negative=peeler.negative)
    if peeler.slot == "percent":
        return replace(marks, percent=True)
    return replace(marks, currency=_currency(match))


def _peel(body: str, marks: _Marks) -> tuple[str, _Marks] | str:
    """Remove one decoration from `body`; a str result says why none could be removed."""
    for peeler in _PEELERS:
        match = peeler.pattern.fullmatch(body)
        if match is None or (peeler.slot == "currency" and _currency(match) is None):
            continue
        marks_or_why = _apply(peeler, match, marks)
        if isinstance(marks_or_why, str):
            return marks_or_why
        return match.group("rest").strip(), marks_or_why
    return _why_not_a_number(body)


def _why_not_a_number(core: str) -> str:
    if not core:
        return "no number"
    if core.count(".") > 1:
        return "more than one decimal point"
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", core):
        return "thousands separators out of place"
    return "not a number"


def _is_core(body: str) -> bool:
    return bool(_NUMBER.fullmatch(body) or _NIL.fullmatch(body))


def _strip_decorations(body: str) -> tuple[str, _Marks] | str:
    marks = _Marks()
    while not _is_core(body):
        peeled = _peel(body, marks)
        if isinstance(peeled, str):
            return peeled
        body, marks = peeled
    return body, marks


def _check_combination(core: str, marks: _Marks) -> str | None:
    """Why these decorations cannot go together, or None when they can."""
    if marks.sign in ("CR", "DR") and (marks.percent or _NIL.fullmatch(core)):
        return "CR/DR on a percentage or a nil"
    if marks.percent and marks.currency:
        return "a percentage with a currency"
    if _NIL.fullmatch(core) and marks.sign not in (None, "()"):
        return "a signed nil"
    return None


def _build(core: str, marks: _Marks) -> ParsedAmount:
    if _NIL.fullmatch(core):
        return ParsedAmount(Decimal("0"), marks.currency, nil=True, percent=marks.percent)
    value = Decimal(core.replace(",", ""))
    value = value.copy_negate() if marks.negative else value  # copy_negate never rounds
    return ParsedAmount(_without_negative_zero(value), marks.currency, False, marks.percent)


def parse_amount(text: str, *, source: str | Path | None = None) -> ParsedAmount:
    """Read one printed figure exactly; raise AmountError for anything that is not one.

    `source` names where the text came from and is carried into the error message.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_amount takes the printed text (str), not {type(text).__name__}")
    stripped = _strip_decorations(_normalise(text))
    if isinstance(stripped, str):
        raise AmountError(text, source, why=stripped)
    why = _check_combination(*stripped)
    if why:
        raise AmountError(text, source, why=why)
    return _build(*stripped)


def to_decimal(text: str, *, source: str | Path | None = None) -> Decimal:
    """The value of a printed figure (a nil is 0); see `parse_amount`."""
    return parse_amount(text, source=source).value


# --- Money, the model field type -----------------------------------------------------

_PLAIN_DECIMAL = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*")


def _reject_float(value: object) -> Decimal:
    """Decimal, int or a plain decimal string; a float is refused, never converted.

    Raises ValueError (not TypeError) because pydantic turns only ValueError into a
    ValidationError; a TypeError would escape validation as a crash.
    """
    if isinstance(value, (float, bool)):
        raise ValueError(f"a {type(value).__name__} is not an amount ({value!r}); use a Decimal or a string")
    if isinstance(value, str):
        # Model data holds plain decimal strings ("-1234.50"), not printed figures.
        if not _PLAIN_DECIMAL.fullmatch(value):
            raise ValueError(f"not a decimal string: {value!r}")
        return Decimal(value.strip())
    try:
        return _as_decimal(value, "an amount")
    except TypeError as error:
        raise ValueError(str(error)) from None


Money = Annotated[
    Decimal,
    BeforeValidator(_reject_float),
    PlainSerializer(lambda d: str(d), return_type=str, when_used="json"),
]


# --- Scale ---------------------------------------------------------------------------

RowKind = Literal["money", "shares", "per_share", "percent", "ratio"]
_ROW_KINDS: tuple[RowKind, ...] = ("money", "shares", "per_share", "percent", "ratio")


@dataclass(frozen=True)
class Scale:
    """The factors a statement's scale note puts on its printed figures."""

    money: Decimal
    shares: Decimal
    per_share: Decimal = Decimal(1)
    note: str = ""

    UNITS: ClassVar[Scale]

    def __post_init__(self) -> None:
        for name in ("money", "shares", "per_share"):
            factor = _as_decimal(getattr(self, name), f"Scale.{name}")
            if factor <= 0:
                raise ValueError(f"Scale.{name} must be positive, not {factor}")

    @classmethod
    def none(cls) -> Scale:
        """Figures printed in units: every factor 1."""
        return cls.UNITS

    def factor(self, kind: RowKind) -> Decimal:
        if kind not in _ROW_KINDS:
            raise ValueError(f"unknown row kind {kind!r}")
        # Percentages and ratios are the same whatever unit the money is printed in.
        return {"money": self.money, "shares": self.shares, "per_share": self.per_share}.get(kind, Decimal(1))

    def apply(self, value: Decimal, kind: RowKind) -> Decimal:
        """The printed `value` in units, exactly.

        A factor of 1 returns `value` untouched (EPS "6.10" stays "6.10"). Otherwise an
        integral result is an integer with exponent 0 ("394328" in millions gives
        "394328000000", never "3.94328E+11") and any other keeps only its significant
        fraction digits ("1.2345678" in thousands gives "1234.5678").
        """
        value = _as_decimal(value, "value")
        factor = self.factor(kind)
        if factor == 1:
            return value
        with localcontext(_EXACT):
            product = (value * factor).normalize()
            return product.quantize(Decimal(1)) if decimal_places(product) < 0 else product


Scale.UNITS = Scale(Decimal(1), Decimal(1), Decimal(1), "")


# --- detect_scale --------------------------------------------------------------------

_FACTORS = {"k": 1_000, "thousand": 1_000, "000": 1_000, "m": 1_000_000, "mn": 1_000_000,
            "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}  # fmt: skip

_CURRENCY_WORDS = r"(?:u\.?\s?s\.?\s+)?(?:dollars|euros|pounds(?:\s+sterling)?|yen|francs)"
_PREFIXES = r"(?:[$£€¥]|\b(?:usd|gbp|eur|chf|jpy|cad|aud)\b)"

# Each alternative names its unit in a group called u<n>; `_unit_factor` reads it.
_SCALE_UNIT = re.compile(
    rf"""
      \bin\s+(?P<u1>thousand|million|billion)s?\b               # (in millions), $ in thousands
    | \b(?P<u2>thousand|million|billion)s?\s+of\s+{_CURRENCY_WORDS}\b   # (Thousands of dollars)
    | {_PREFIXES}\s?'?(?P<u3>000|k|mn|m|bn|thousand|million|billion)s?(?![\w'])  # £'000, $m, € million
    | (?<![\w$£€¥])'(?P<u4>000)\b                                # R'000
    | \b(?P<u5>000)'?s\b                                         # in 000s, (000's)
    | (?<=\()(?P<u6>000)(?=\))                                   # (000)
    | (?<=\()\s*(?P<u7>thousand|million|billion)s?\b             # (millions, except per share data)
    """,
    re.IGNORECASE | re.VERBOSE,
)

_PER_SHARE = re.compile(r"per[\s\-\u2010-\u2014]*(?:common\s+|ordinary\s+)?share", re.IGNORECASE)
_SHARES_IN = re.compile(r"\bshares?\b[^()]{0,60}?\bin\s+(?P<u1>thousand|million|billion)s?\b", re.IGNORECASE)
_EXCEPT_SHARES = re.compile(r"\bexcept\b.*\bshares?\b", re.IGNORECASE | re.DOTALL)


def _unit_factor(match: re.Match[str]) -> Decimal:
    unit = next(word for word in match.groupdict().values() if word)
    return Decimal(_FACTORS[unit.lower()])


def _note_span(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The note around a unit: its parentheses when it has them, else its own line.

    A parenthesised note may wrap over lines; an open one may not, because the lines
    after a header are row labels ("Weighted-average shares ...") that must not be read
    as part of the note.
    """
    opened, closed = text.rfind("(", 0, match.start()), text.rfind(")", 0, match.start())
    if opened > closed and match.start() - opened <= 120:
        end = text.find(")", match.end())
        if end != -1 and end - opened <= 400:
            return opened, end + 1
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return start, len(text) if end == -1 else end


def _shares_factor(note: str, after_unit: str, money: Decimal) -> Decimal:
    """Shares follow money unless the note excepts them or gives them their own unit."""
    without_per_share = _PER_SHARE.sub(" ", after_unit)
    own_unit = _SHARES_IN.search(without_per_share)
    if own_unit:
        return _unit_factor(own_unit)
    if _EXCEPT_SHARES.search(_PER_SHARE.sub(" ", note)):
        return Decimal(1)
    return money


def detect_scale(text: str) -> Scale | None:
    """The scale note in a page or header, or None when the text has none.

    The first unit phrase found sets the money factor. Per-share figures are always in
    units (no statement prints EPS in thousands), so `per_share` is always 1. `note` is
    the note exactly as it appears in `text` (line breaks included), so it can be cited.
    """
    if not isinstance(text, str):
        raise TypeError(f"detect_scale takes text (str), not {type(text).__name__}")
    match = _SCALE_UNIT.search(text)
    if match is None:
        return None
    start, end = _note_span(text, match)
    money = _unit_factor(match)
    shares = _shares_factor(text[start:end], text[match.end() : end], money)
    return Scale(money=money, shares=shares, per_share=Decimal(1), note=text[start:end].strip())


# --- row_kind ------------------------------------------------------------------------


def _rules(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


# First kind whose patterns match wins, so order matters: equity captions that mention
# shares are money; "shares used in computing earnings per share" is shares before it
# can be per-share. Labels are lower-cased with dashes folded to "-" before matching.
_ROW_RULES: tuple[tuple[RowKind, tuple[re.Pattern[str], ...]], ...] = (
    ("money", _rules(
        r"\bpar value\b", r"\bno par\b", r"\bauthori[sz]ed\b", r"\bissued and outstanding\b",
        r"\btreasury (?:stock|shares)\b", r"\bpaid-in capital\b", r"\bat cost\b",
        r"\bshare (?:capital|premium)\b",
    )),
    ("shares", _rules(
        r"\bshares used (?:in|to|for)\b", r"\bweighted[- ]average\b.*\bshares?\b",
        r"\bnumber of (?:\w+ )?shares\b", r"\bshares outstanding\b",
        r"\b(?:basic|diluted) (?:weighted[- ]average )?shares\b", r"\bshare count\b",
    )),
    ("per_share", _rules(
        r"\bper (?:(?:common|ordinary|basic|diluted) )?share\b", r"\bper-share\b",
        r"\bper ads\b", r"\beps\b",
    )),
    # A "%" or "percent" right after a number names an instrument ("5.25% Senior Notes
    # due 2030"), which is a money row, so those must follow something that is not a digit.
    ("percent", _rules(
        r"(?:^|[^\d.\s])\s*%", r"(?:^|[^\d.\s])\s*\bpercent(?:age)?\b", r"\beffective tax rate\b",
    )),
    ("ratio", _rules(r"\bratio\b", r"\((?:x|times)\)")),
)  # fmt: skip


def _fold(label: str) -> str:
    dashes = str.maketrans(dict.fromkeys("‐‑‒–—−", "-"))
    return " ".join(label.translate(dashes).lower().split())


def _kind_from_text(text: str) -> RowKind | None:
    folded = _fold(text)
    for kind, patterns in _ROW_RULES:
        if any(pattern.search(folded) for pattern in patterns):
            return kind
    return None


def row_kind(label: str, section: str = "") -> RowKind:
    """What a statement row counts: money, shares, per-share amounts, percent or ratio.

    `section` is the nearest heading above the row. A label that says nothing by itself
    ("Basic", "Diluted") takes its kind from the heading: under "Earnings per share:" it
    is per-share, under "Shares used in computing earnings per share:" it is shares.
    Anything neither label nor heading identifies is money.
    """
    return _kind_from_text(label) or _kind_from_text(section) or "money"


# --- Tolerance -----------------------------------------------------------------------


def decimal_places(value: Decimal) -> int:
    """Digits after the decimal point as printed: "6.11" gives 2, "1,000" gives 0.

    Negative for a value whose exponent is positive ("1E+3" gives -3: known to the
    thousand), so half a unit of its last place is still 10**-places / 2.
    """
    exponent = _as_decimal(value, "value").as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked by _as_decimal
    return -exponent


def tolerance(*values: Decimal) -> Decimal:
    """The rounding slack of figures combined: half a unit of each one's last place, summed.

    Use it on figures as printed (before scale): each printed figure may be off by up to
    half its last digit, and the errors of figures added together add up. So
    tolerance(Decimal("6.11"), Decimal("1.00")) is 0.005 + 0.005 = Decimal("0.010").
    No figures, no slack: tolerance() is 0.
    """
    with localcontext(_EXACT):
        return sum((Decimal((0, (5,), -decimal_places(v) - 1)) for v in values), Decimal(0))
