"""The generated statement layouts (fixtures/close/statements/): deterministic, each
family's truth proves (the corrupted family breaks where it says), and what the PDF
prints agrees with the truth in the family's own notation. No corpus needed."""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fixtures.close.statements.families import FAMILIES
from fixtures.close.statements.generate import MANIFEST, ensure, generate
from fixtures.close.statements.layout import FOOTER
from shared.documents.pdf import open_pdf

NAMES = [family.name for family in FAMILIES]


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("layouts")
    generate(folder)
    return folder


def truths(folder: Path, family: str | None = None) -> list[dict[str, Any]]:
    pattern = f"{family}_*.truth.json" if family else "*.truth.json"
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob(pattern))]


def text(pdf: Path) -> list[str]:
    with open_pdf(pdf) as document:
        return document.page_texts()


def printed(value: Decimal, notation: str) -> str:
    """The figure unsigned, written here independently of the generator."""
    us = f"{abs(value):,.2f}"
    if notation == "1.234,56":
        return us.translate(str.maketrans(",.", ".,"))
    if notation == "1 234,56":
        return us.replace(",", " ").replace(".", ",")
    return us


def test_fifteen_families_of_three_seeds_cover_the_points_of_the_issue(generated):
    assert len(FAMILIES) == 15 and len(set(NAMES)) == 15
    files = truths(generated)
    assert len(files) == 45 and sum(len(f["statements"]) for f in files) == 48
    assert Counter(f["family"] for f in files) == dict.fromkeys(NAMES, 3)
    assert {f["notation"] for f in files} == {"1,234.56", "1.234,56", "1 234,56"}
    assert sum(f["pages"] >= 3 for f in files) >= 8 and max(f["pages"] for f in files) >= 5
    statements = [s for f in files for s in f["statements"]]
    assert Counter(s["currency"] for s in statements).keys() >= {"GBP", "USD", "EUR", "AUD", "NZD", "CAD", "SGD"}
    assert sum(s["kind"] == "card" for s in statements) == 3
    printed_balances = Counter(_balances_printed(s) for s in statements)
    assert printed_balances.keys() == {"every", "some", "none"}
    assert Counter(s["expected"]["outcome"] for s in statements) == {"exact": 42, "ambiguous_dates": 3, "unproved": 3}


def _balances_printed(statement: dict[str, Any]) -> str:
    shown = [line["balance"] is not None for line in statement["lines"]]
    return "every" if all(shown) else "none" if not any(shown) else "some"


def test_two_generations_give_the_same_text_and_truth(generated, tmp_path):
    again = tmp_path / "again"
    generate(again)
    names = sorted(p.name for p in generated.iterdir())
    assert names == sorted(p.name for p in again.iterdir()) and len(names) == 91
    for name in names:
        if name.endswith(".pdf"):
            assert text(generated / name) == text(again / name), name
        else:
            assert (generated / name).read_text(encoding="utf-8") == (again / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("family", NAMES)
def test_each_truth_proves_and_a_corrupted_one_breaks_where_it_says(generated, family):
    for data in truths(generated, family):
        for statement in data["statements"]:
            opening, closing = Decimal(statement["opening"]), Decimal(statement["closing"])
            amounts = [Decimal(line["amount"]) for line in statement["lines"]]
            expected = statement["expected"]
            if expected["outcome"] == "unproved":  # no reading of the lines as printed proves
                assert _first_break(statement) == expected["first_break"] > 1, data["file"]
                assert opening + sum(amounts) != closing, data["file"]
                continue
            assert opening + sum(amounts) == closing, data["file"]
            assert _first_break(statement) is None, data["file"]


def _first_break(statement: dict[str, Any]) -> int | None:
    running = Decimal(statement["opening"])
    for number, line in enumerate(statement["lines"], start=1):
        running += Decimal(line["amount"])
        if line["balance"] is not None and Decimal(line["balance"]) != running:
            return number
    return None


@pytest.mark.parametrize("family", NAMES)
def test_the_pdf_prints_every_truth_figure_in_the_familys_notation(generated, family):
    for data in truths(generated, family):
        pages = text(generated / data["file"])
        whole = "\n".join(pages)
        assert all(FOOTER in page for page in pages) and len(pages) == data["pages"]
        for statement in data["statements"]:
            figures = [statement["opening"], statement["closing"], *(line["amount"] for line in statement["lines"]),
                       *(line["balance"] for line in statement["lines"] if line["balance"] is not None)]
            missing = [f for f in figures if printed(Decimal(f), data["notation"]) not in whole]
            assert missing == [], f"{data['file']}: {missing[:5]}"


def test_the_notations_are_the_documents_own(generated):
    """A continental statement has no US figure in it (trailing signs on its figures),
    and a figure over two million keeps both its spaces."""
    german = "\n".join(text(generated / "de_trailing_minus_2.pdf"))
    assert re.search(r"\d,\d\d[-+]", german) and not re.search(r"\d\.\d\d(?![\d.])", german)
    assert "2 345 678,90" in "\n".join(text(generated / "space_thousands_3.pdf"))


def test_the_ambiguous_family_never_prints_a_day_over_twelve_and_its_truth_differs_by_seed(generated):
    orders = []
    for data in truths(generated, "ambiguous_dates"):
        dates = re.findall(r"\b(\d\d)/(\d\d)/\d{4}\b", "\n".join(text(generated / data["file"])))
        assert len(dates) >= 10 and all(int(a) <= 12 and int(b) <= 12 for a, b in dates)
        (statement,) = data["statements"]
        orders.append(statement["expected"]["date_order"])
    assert orders == ["day_first", "month_first", "day_first"]


def test_years_left_off_the_lines_come_from_a_period_over_new_year(generated):
    for name in ("us_sections_2", "card_owed_1"):
        (statement,) = json.loads((generated / f"{name}.truth.json").read_text(encoding="utf-8"))["statements"]
        assert statement["period_start"][:4] != statement["period_end"][:4]
        assert {line["date"][:4] for line in statement["lines"]} == {statement["period_start"][:4],
                                                                     statement["period_end"][:4]}


def test_a_card_owes_its_balance_and_two_in_one_chains_its_months(generated):
    (card,) = json.loads((generated / "card_owed_1.truth.json").read_text(encoding="utf-8"))["statements"]
    assert Decimal(card["opening"]) < 0 and Decimal(card["closing"]) < 0
    assert any(line["description"] == "Payment - Thank You" and Decimal(line["amount"]) > 0 for line in card["lines"])
    first, second = json.loads((generated / "two_in_one_1.truth.json").read_text(encoding="utf-8"))["statements"]
    assert first["closing"] == second["opening"] and first["account"] == second["account"]


def test_ensure_makes_the_set_once(tmp_path):
    folder = ensure(tmp_path / "cache" / "v1")
    manifest = folder / MANIFEST
    made = manifest.stat().st_mtime_ns
    assert ensure(folder) == folder and manifest.stat().st_mtime_ns == made
    assert len(json.loads(manifest.read_text(encoding="utf-8"))["files"]) == 45
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["v1"]  # no scratch folder left behind
