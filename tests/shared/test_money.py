"""shared.money: printed figures read exactly, scale notes, row kinds, tolerances."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import BaseModel, Field, ValidationError

from shared.errors import InputError
from shared.money import (
    AmountError,
    Money,
    ParsedAmount,
    Scale,
    decimal_places,
    detect_scale,
    parse_amount,
    row_kind,
    to_decimal,
    tolerance,
)

# --- parse_amount: accepted ----------------------------------------------------------

# text, str(value), currency, nil, percent
ACCEPTED = [
    ("0", "0", None, False, False),
    ("0.00", "0.00", None, False, False),
    ("-0", "0", None, False, False),
    ("(0)", "0", None, False, False),
    ("(0.00)", "0.00", None, False, False),
    ("6.11", "6.11", None, False, False),
    ("1,234.50", "1234.50", None, False, False),
    ("1,234,567.89", "1234567.89", None, False, False),
    ("1,000,000,000", "1000000000", None, False, False),
    (".50", "0.50", None, False, False),
    (".5", "0.5", None, False, False),
    ("+5", "5", None, False, False),
    ("-12", "-12", None, False, False),
    ("\u221212", "-12", None, False, False),
    ("\u22121,234", "-1234", None, False, False),
    ("(1,234)", "-1234", None, False, False),
    ("1,234-", "-1234", None, False, False),
    ("- 5", "-5", None, False, False),
    ("-", "0", None, True, False),
    ("\u2014", "0", None, True, False),
    ("\u2013", "0", None, True, False),
    ("(\u2014)", "0", None, True, False),
    ("$ \u2014", "0", "USD", True, False),
    ("$\u2014", "0", "USD", True, False),
    ("$ -", "0", "USD", True, False),
    ("$394,328", "394328", "USD", False, False),
    ("$ 394,328", "394328", "USD", False, False),
    ("$(1,234.56)", "-1234.56", "USD", False, False),
    ("($1,234)", "-1234", "USD", False, False),
    ("$ (5)", "-5", "USD", False, False),
    ("-$5", "-5", "USD", False, False),
    ("$-5", "-5", "USD", False, False),
    ("US$ 2.50", "2.50", "USD", False, False),
    ("\u20ac1,000", "1000", "EUR", False, False),
    ("5 \u20ac", "5", "EUR", False, False),
    ("\u00a512,000", "12000", "JPY", False, False),
    ("\u00a31,234.56 CR", "1234.56", "GBP", False, False),
    ("1,234.56 CR", "1234.56", None, False, False),
    ("1,234.56 DR", "-1234.56", None, False, False),
    ("1,234.56Dr", "-1234.56", None, False, False),
    ("USD 1,000", "1000", "USD", False, False),
    ("1,000 USD", "1000", "USD", False, False),
    ("1,000.00 GBP", "1000.00", "GBP", False, False),
    ("GBP1,000", "1000", "GBP", False, False),
    ("CHF (250.00)", "-250.00", "CHF", False, False),
    ("12.5%", "12.5", None, False, True),
    ("12.5 %", "12.5", None, False, True),
    ("(12.5)%", "-12.5", None, False, True),
    ("(3.2%)", "-3.2", None, False, True),
    ("-0.4%", "-0.4", None, False, True),
    (" \u00a01,234\u00a0", "1234", None, False, False),
    ("\u202f1,234.00\u2009", "1234.00", None, False, False),
    ("$\u202f1,234", "1234", "USD", False, False),
    ("\t42\n", "42", None, False, False),
    ("007", "7", None, False, False),
]


@pytest.mark.parametrize(("text", "value", "currency", "nil", "percent"), ACCEPTED)
def test_parse_amount_reads_printed_figures_exactly(
    text: str, value: str, currency: str | None, nil: bool, percent: bool
) -> None:
    parsed = parse_amount(text)
    assert (str(parsed.value), parsed.currency, parsed.nil, parsed.percent) == (value, currency, nil, percent)
    assert isinstance(parsed.value, Decimal)


def test_there_are_enough_accepted_cases() -> None:
    assert len(ACCEPTED) >= 45


def test_parsed_amount_is_immutable() -> None:
    parsed = parse_amount("1.00")
    assert parsed == ParsedAmount(Decimal("1.00"), None, False, False)
    with pytest.raises(AttributeError):
        parsed.value = Decimal("2")  # type: ignore[misc]


def test_to_decimal_returns_the_value() -> None:
    assert str(to_decimal("(1,234.50)")) == "-1234.50"
    assert to_decimal("\u2014") == Decimal("0")


def test_a_zero_is_never_negative() -> None:
    assert not parse_amount("(0.00)").value.is_signed()
    assert not parse_amount("-0").value.is_signed()


def test_more_digits_than_the_default_context_are_kept() -> None:
    # 30 significant digits: a negation under the default 28-digit context would round.
    text = "(123,456,789,012,345,678,901,234,567,890.12)"
    assert str(to_decimal(text)) == "-123456789012345678901234567890.12"


# --- parse_amount: rejected ----------------------------------------------------------

REJECTED = [
    "",
    "  ",
    "\u00a0",
    "abc",
    "12a4",
    "1,23,4",
    "12,34,567",
    "1234,567",
    "0,123",
    "1..2",
    "1.2.3",
    "1.",
    "1,234 (a)",
    "1,234*",
    "1 234",
    "1,234\n5,678",
    "((5))",
    "(-5)",
    "--5",
    "5-5",
    "+-",
    "-\u2014",
    "$",
    "%",
    "()",
    "$5 USD",
    "$5%",
    "5 CR %",
    "(5) CR",
    "\u2014 CR",
    "ABC 5",
    "usd 5",
    "1.234,56",
    "\u20135",
    "1e5",
    "NaN",
    "Infinity",
]


@pytest.mark.parametrize("text", REJECTED)
def test_parse_amount_rejects_what_is_not_a_figure(text: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert caught.value.text == text
    assert f"not an amount: {text!r}" in str(caught.value)


def test_amount_error_is_an_input_error_naming_its_source() -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount("12a4", source="10-K.pdf p.41")
    assert isinstance(caught.value, InputError)
    assert caught.value.exit_code == 2
    assert str(caught.value).startswith("10-K.pdf p.41: not an amount: '12a4'")


def test_amount_error_constructed_directly() -> None:
    assert str(AmountError("12a4")) == "not an amount: '12a4'"
    assert str(AmountError("x", "ledger.csv")) == "ledger.csv: not an amount: 'x'"


def test_rejection_says_why_for_bad_grouping() -> None:
    with pytest.raises(AmountError, match="thousands separators"):
        parse_amount("1,23,4")


@pytest.mark.parametrize("value", [1.5, 1, Decimal("1"), None, b"1"])
def test_parse_amount_takes_only_text(value: object) -> None:
    with pytest.raises(TypeError, match=type(value).__name__):
        parse_amount(value)  # type: ignore[arg-type]


# --- Money ---------------------------------------------------------------------------


class Entry(BaseModel):
    amount: Money
    budget: Money = Field(Decimal("5.00"), ge=0)


def test_money_field_rejects_a_float() -> None:
    with pytest.raises(ValidationError, match="float"):
        Entry(amount=1.10)  # type: ignore[arg-type]


def test_money_field_rejects_a_float_in_json() -> None:
    with pytest.raises(ValidationError):
        Entry.model_validate_json('{"amount": 1.10}')


@pytest.mark.parametrize("value", [True, "1,234.50", "($5)", "abc", "NaN", Decimal("NaN"), Decimal("Infinity")])
def test_money_field_rejects_what_is_not_a_plain_decimal(value: object) -> None:
    with pytest.raises(ValidationError):
        Entry(amount=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1.10", "1.10"), ("-1234.50", "-1234.50"), (Decimal("0.010"), "0.010"), (7, "7"), (" 2.5 ", "2.5")],
)
def test_money_field_keeps_exact_value(value: object, expected: str) -> None:
    entry = Entry(amount=value)  # type: ignore[arg-type]
    assert isinstance(entry.amount, Decimal)
    assert str(entry.amount) == expected


def test_money_field_serialises_to_a_json_string() -> None:
    entry = Entry(amount="1.10")
    assert entry.model_dump_json() == '{"amount":"1.10","budget":"5.00"}'
    assert entry.model_dump() == {"amount": Decimal("1.10"), "budget": Decimal("5.00")}
    assert Entry.model_validate_json(entry.model_dump_json()) == entry


def test_money_field_composes_with_constraints() -> None:
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        Entry(amount="1", budget="-0.01")


# --- detect_scale --------------------------------------------------------------------

M, K, B, ONE = Decimal(1_000_000), Decimal(1_000), Decimal(1_000_000_000), Decimal(1)

# text, money, shares
SCALE_NOTES = [
    ("PFIZER INC.\n(millions, except per share data)\nRevenues", M, M),
    ("(Millions)", M, M),
    ("(thousands, except share and per share amounts)", K, ONE),
    (
        "CONSOLIDATED STATEMENTS OF OPERATIONS\n(In millions, except number of shares, which are reflected in\n"
        "thousands, and per-share amounts)\nNet sales",
        M,
        K,
    ),
    ("(in thousands, except per share data)", K, K),
    ("(In millions, except per share amounts)", M, M),
    ("(In\nmillions, except per\nshare amounts)", M, M),
    ("(in millions, except share and per share data)", M, ONE),
    ("(In thousands, except share and per-share amounts)", K, ONE),
    ("(in millions, except share and\nper-share amounts)", M, ONE),
    ("(In millions, except per share amounts; shares in thousands)", M, K),
    ("(Dollars in millions, except per share amounts)", M, M),
    ("Balance sheet (in billions)", B, B),
    ("$ in thousands\nWeighted-average shares outstanding 1,234", K, K),
    ("(Amounts in thousands of U.S. dollars)", K, K),
    ("(In millions of dollars)", M, M),
    ("(Thousands of dollars)", K, K),
    ("Group  2023\n\u00a3'000  \u00a3'000", K, K),
    ("$000", K, K),
    ("(000s)", K, K),
    ("All figures in 000s", K, K),
    ("\u00a3m   2023   2022", M, M),
]


@pytest.mark.parametrize(("text", "money", "shares"), SCALE_NOTES)
def test_detect_scale_reads_real_notes(text: str, money: Decimal, shares: Decimal) -> None:
    scale = detect_scale(text)
    assert scale is not None
    assert (scale.money, scale.shares, scale.per_share) == (money, shares, ONE)
    assert scale.note and scale.note in text


def test_detect_scale_note_is_the_text_it_read() -> None:
    text = "Statements\n(In millions, except number of shares, which are reflected in\nthousands)\nNet sales 1"
    scale = detect_scale(text)
    assert scale is not None
    assert scale.note == "(In millions, except number of shares, which are reflected in\nthousands)"


def test_detect_scale_an_open_note_ends_with_its_line() -> None:
    # The row below must not be read as an exception for shares.
    scale = detect_scale("Dollars in millions\nShares used in computing EPS 15,744")
    assert scale is not None
    assert (scale.money, scale.shares, scale.note) == (M, M, "Dollars in millions")


@pytest.mark.parametrize("text", ["", "Net sales 394,328 383,285", "Weighted-average shares 15,744,231",
                                  "Net income $5"])
def test_detect_scale_without_a_note_is_none(text: str) -> None:
    assert detect_scale(text) is None


def test_detect_scale_takes_only_text() -> None:
    with pytest.raises(TypeError):
        detect_scale(None)  # type: ignore[arg-type]


# --- row_kind ------------------------------------------------------------------------

ROW_KINDS = [
    ("Net income per share\u2014diluted", "", "per_share"),
    ("Diluted earnings per share", "", "per_share"),
    ("Basic net income (loss) per share", "", "per_share"),
    ("Dividends declared per share", "", "per_share"),
    ("Cash dividends declared per common share", "", "per_share"),
    ("EPS", "", "per_share"),
    ("Diluted EPS", "", "per_share"),
    ("Weighted-average shares outstanding", "", "shares"),
    ("Weighted average number of common shares", "", "shares"),
    ("Shares used in computing earnings per share:", "", "shares"),
    ("Number of shares", "", "shares"),
    ("Common shares outstanding", "", "shares"),
    ("Basic", "Earnings per share:", "per_share"),
    ("Diluted", "Earnings per share:", "per_share"),
    ("Diluted", "Shares used in computing earnings per share:", "shares"),
    ("Basic", "Weighted-average shares outstanding:", "shares"),
    ("Basic", "", "money"),
    ("%", "", "percent"),
    ("Gross margin %", "", "percent"),
    ("Percent", "", "percent"),
    ("Percentage of total net sales", "", "percent"),
    ("Effective tax rate", "", "percent"),
    ("Current ratio", "", "ratio"),
    ("Interest coverage (x)", "", "ratio"),
    ("Total net sales", "", "money"),
    ("Gross margin", "", "money"),
    ("5.25% Senior Notes due 2030", "", "money"),
    (
        "Common stock and additional paid-in capital, $0.00001 par value: 50,400,000 shares authorized; "
        "15,116,786 and 15,550,061 shares issued and outstanding, respectively",
        "",
        "money",
    ),
    ("Preferred stock, no par value; 5 shares authorized, none issued", "", "money"),
    ("Treasury stock, at cost (1,234 shares)", "", "money"),
    ("Class A", "Common stock, $0.01 par value:", "money"),
    ("Product", "Net sales:", "money"),
    ("Weighted-average shares outstanding", "Earnings per share:", "shares"),
]


@pytest.mark.parametrize(("label", "section", "kind"), ROW_KINDS)
def test_row_kind(label: str, section: str, kind: str) -> None:
    assert row_kind(label, section) == kind


# --- Scale.apply ---------------------------------------------------------------------

IN_MILLIONS = Scale(money=M, shares=K, per_share=ONE, note="(In millions ...)")

APPLIED = [
    ("394328", "money", "394328000000"),
    ("-10,952", "money", "-10952000000"),
    ("1.5", "money", "1500000"),
    ("0.25", "money", "250000"),
    ("1.2345678", "money", "1234567.8"),
    ("0", "money", "0"),
    ("15,744,231", "shares", "15744231000"),
    ("6.11", "per_share", "6.11"),
    ("6.10", "per_share", "6.10"),
    ("12.5%", "percent", "12.5"),
    ("3.0", "ratio", "3.0"),
]


@pytest.mark.parametrize(("printed", "kind", "expected"), APPLIED)
def test_scale_apply_is_exact(printed: str, kind: str, expected: str) -> None:
    assert str(IN_MILLIONS.apply(to_decimal(printed), kind)) == expected  # type: ignore[arg-type]


def test_scale_apply_with_exponent_factors_still_prints_integers() -> None:
    scale = Scale(money=Decimal("1E+6"), shares=Decimal("1E+6"))
    assert str(scale.apply(Decimal("394328"), "money")) == "394328000000"


def test_percent_and_ratio_rows_are_never_scaled() -> None:
    scale = Scale(money=B, shares=B, per_share=K)
    assert str(scale.apply(Decimal("45.6"), "percent")) == "45.6"
    assert str(scale.apply(Decimal("1.25"), "ratio")) == "1.25"


def test_detected_scale_applies_to_rows_by_kind() -> None:
    scale = detect_scale("(In millions, except number of shares, which are reflected in thousands, "
                         "and per-share amounts)")
    assert scale is not None
    rows = [("Total net sales", "394,328"), ("Diluted", "6.11"), ("Diluted", "16,325,819")]
    sections = ["", "Earnings per share:", "Shares used in computing earnings per share:"]
    scaled = [str(scale.apply(to_decimal(v), row_kind(l, s))) for (l, v), s in zip(rows, sections)]
    assert scaled == ["394328000000", "6.11", "16325819000"]


def test_units_scale_changes_nothing() -> None:
    assert Scale.none() == Scale.UNITS == Scale(ONE, ONE, ONE, "")
    assert str(Scale.UNITS.apply(Decimal("1234.50"), "money")) == "1234.50"


def test_scale_refuses_floats_and_nonsense() -> None:
    with pytest.raises(TypeError):
        Scale(money=1e6, shares=ONE)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Scale(money=Decimal(0), shares=ONE)
    with pytest.raises(TypeError):
        IN_MILLIONS.apply(1.5, "money")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        IN_MILLIONS.apply(Decimal(1), "dollars")  # type: ignore[arg-type]


def test_scale_is_immutable() -> None:
    with pytest.raises(AttributeError):
        IN_MILLIONS.money = K  # type: ignore[misc]


# --- decimal_places and tolerance ----------------------------------------------------


@pytest.mark.parametrize(("value", "places"), [("6.11", 2), ("1234", 0), ("0.50", 2), ("1.000", 3), ("1E+3", -3)])
def test_decimal_places(value: str, places: int) -> None:
    assert decimal_places(Decimal(value)) == places


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (("6.11", "1.00"), "0.010"),
        (("6.11",), "0.005"),
        (("1234", "5.5"), "0.55"),
        (("394328", "383285", "-11043"), "1.5"),
        (("1E+3",), "500"),
        ((), "0"),
    ],
)
def test_tolerance(figures: tuple[str, ...], expected: str) -> None:
    assert str(tolerance(*(Decimal(f) for f in figures))) == expected


def test_tolerance_example_from_the_docs() -> None:
    assert tolerance(Decimal("6.11"), Decimal("1.00")) == Decimal("0.010")


def test_tolerance_refuses_floats() -> None:
    with pytest.raises(TypeError):
        tolerance(Decimal("1.0"), 0.5)  # type: ignore[arg-type]
