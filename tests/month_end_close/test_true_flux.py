"""Issue 16, true statements only: what the flux text says about every flagged account of
the sample and of the six generated closes holds against the close's own files, read
here with the csv module (ledger.csv, the trial balances, the budget, the chart), and
the text, the report's table, the memo and close.xlsx give each change the same sign.

Before: "No ledger line of the period moved this account" stood beside seven ledger
lines adding up to the change (an account flagged against budget only), and a payable
that grew read "up 1,694.10" beside a table printing -1,694.10."""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from shared.cli import main
from tests.conftest import FIXTURES
from tests.month_end_close.test_run import SAMPLE

D = Decimal
CLOSES = {"sample": SAMPLE} | {p.name: p for p in sorted((FIXTURES / "close" / "cases").iterdir()) if p.is_dir()}
CREDIT_NORMAL = ("liability", "equity", "revenue")
MONEY = r"-?[\d,]+\.\d\d"


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    made: dict[str, Path] = {}

    def run(name: str) -> Path:
        if name not in made:
            out = tmp_path_factory.mktemp(name) / "run"
            assert main(["run", "month_end_close", str(CLOSES[name]), "--out", str(out)]) == 0
            made[name] = out
        return made[name]
    return run


@cache
def _rows(folder: Path, name: str) -> tuple[dict[str, str], ...]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def books(folder: Path) -> dict:
    """What the close's files say, read without the pack's readers."""
    balances = {name: {r["account"]: D(r["balance"]) for r in _rows(folder, f"{name}.csv")}
                for name in ("tb_prior", "tb_current", "budget")}
    return {**balances, "ledger": {r["id"]: r for r in _rows(folder, "ledger.csv")},
            "type": {r["account"]: r["type"] for r in _rows(folder, "accounts.csv")}}


def flagged(run: Path) -> list[dict]:
    return [r for r in json.loads((run / "result.json").read_text())["body"]["flux"] if r["flagged"]]


def money(text: str) -> Decimal:
    return D(text.replace(",", ""))


@pytest.mark.parametrize("name", CLOSES)
def test_every_claim_about_drivers_holds_against_ledger_csv(name, runs):
    files, rows = books(CLOSES[name]), flagged(runs(name))
    assert rows
    for row in rows:
        account, text = row["account"], row["explanation"]
        lines = [l for l in files["ledger"].values() if l["account"] == account]
        change = files["tb_current"].get(account, D(0)) - files["tb_prior"].get(account, D(0))
        _activity_holds(text, lines, change)
        _drivers_hold(text, lines, change, account, files["ledger"])
        assert "No ledger line of the period moved this account" not in text


def _activity_holds(text: str, lines: list[dict], change: Decimal) -> None:
    net = sum((D(l["amount"]) for l in lines), D(0))
    if not lines:
        assert "No line of ledger.csv is on this account" in text
        return
    assert "No line of ledger.csv is on this account" not in text
    (count, said) = re.search(rf"The (\d+) lines? of ledger\.csv on this account net ({MONEY})", text).groups()
    assert (int(count), money(said)) == (len(lines), net)
    assert ("the whole change on the prior period" in text) == (net == change != 0)
    gap = re.search(rf"({MONEY}) of it is in no ledger line", text)
    assert (gap is not None) == (net != change) and (gap is None or money(gap.group(1)) == change - net)


def _drivers_hold(text: str, lines: list[dict], change: Decimal, account: str, ledger: dict) -> None:
    """Every line named is ledger.csv's, on the account, quoted with its own date,
    description and amount, moving the account the way it changed, and among the largest
    that do."""
    named = re.findall(r"\bL\d{6}\b", text)
    same_way = sorted((abs(D(l["amount"])) for l in lines if change and D(l["amount"]) * change > 0), reverse=True)
    for line_id in named:
        line = ledger[line_id]
        amount = D(line["amount"])
        assert line["account"] == account and amount * change > 0, (line_id, text)
        assert f"{line_id} {line['date']} '{line['description']}' {amount:,.2f}" in text
        assert abs(amount) >= same_way[len(named) - 1]  # "largest in the direction of its change"
    assert ("None of its lines moves it the way it changed" in text) == bool(lines and change and not same_way)


@pytest.mark.parametrize("name", CLOSES)
def test_the_text_and_every_table_give_each_change_the_same_sign(name, runs):
    import lxml.html
    from openpyxl import load_workbook

    files, run = books(CLOSES[name]), runs(name)
    page = lxml.html.fromstring((run / "report.html").read_text(encoding="utf-8"))
    sheet = {r[0].value: r for r in load_workbook(run / "close.xlsx")["Flux"].iter_rows(min_row=2)}
    memo = (run / "memo.md").read_text(encoding="utf-8")
    for row in flagged(run):
        account, text = row["account"], row["explanation"]
        said, pct, kind, word = re.search(rf"Debit positive: ({MONEY}) \((?:(-?[\d.]+)%|from nil)\) on the prior "
                                          r"period, the (debit|credit) balance (up|down)", text).groups()
        change = files["tb_current"][account] - files["tb_prior"][account]
        credit = files["type"][account] in CREDIT_NORMAL
        assert money(said) == change and kind == ("credit" if credit else "debit")
        assert word == ("up" if (-change if credit else change) > 0 else "down")
        cells = page.xpath(f"//tr[@data-flux='{account}']/td")
        assert (cells[2].text_content(), cells[3].text_content()) == (said, pct or "")  # as the text prints them
        xlsx = sheet[account]
        assert xlsx[4].value == pytest.approx(float(change))
        assert xlsx[5].value == (pytest.approx(float(pct)) if pct else None)
        assert xlsx[4].number_format.split(";")[1].startswith("-") and xlsx[10].value == text
        assert text in memo
        _budget_agrees(text, files, account, credit)


def _budget_agrees(text: str, files: dict, account: str, credit: bool) -> None:
    found = re.search(rf"({MONEY}) \((?:-?[\d.]+%|from nil)\) against budget, the (debit|credit) balance "
                      r"(above|below) it", text)
    change = files["tb_current"][account] - files["budget"][account]
    if found is None:
        assert change == 0 or files["budget"][account] == 0
        return
    assert money(found.group(1)) == change
    assert found.group(3) == ("above" if (-change if credit else change) > 0 else "below")


# -- the model's explanation: refused when a claim fails ----------------------------------


def test_a_models_explanation_is_refused_when_a_line_an_amount_or_a_direction_is_wrong():
    from month_end_close import nodes
    from month_end_close.schemas import AccountExplanation, FluxExplanations
    from month_end_close.state import flux_of
    from shared.llm import FakeModel
    from tests.month_end_close.test_model_steps import analysed, runtime

    said = {  # the sample's flagged accounts, each with what the model says about it
        "6500": ("An emergency roof repair (L000065, 1,830.72) drove the rise.", ["L000065"]),  # true
        "1100": ("The one-off systems project (L000074) and the month's sales (L000106) drove it, partly offset "
                 "by receipts (L000002).", ["L000074", "L000106"]),  # true: L000002 is said to offset
        "4100": ("The roof repair L000065 drove sales.", ["L000065"]),  # a line of 6500
        "2100": ("The emergency roof repair (L000066) of 6,693.93 raised payables.", ["L000066"]),  # L000116's amount
        "1000": ("Cash rose on the month's payments (L000067).", ["L000067"]),  # it fell
        "6400": ("A campaign invoice (L000999) explains it.", ["L000999"]),  # no such line
    }
    answers = FluxExplanations(accounts=[AccountExplanation(account=a, explanation=text, driver_ids=ids, clear=True)
                                         for a, (text, ids) in said.items()])
    model = FakeModel([answers], model_id="claude-test")
    update = nodes.explain_flux(analysed(model), runtime(model))
    rows = {r.account: r for r in flux_of(update)}
    assert {a for a, r in rows.items() if r.explained_by == "claude-test"} == {"6500", "1100"}
    refused = {f.subject: f.message for f in update["findings"] if f.code == "flux_explanation_rejected"}
    assert set(refused) == {"4100", "2100", "1000", "6400"}
    assert "it names L000065, a line of account 6500, not 4100" in refused["4100"]
    assert "it quotes 6,693.93 beside L000066, but that is the amount of L000116" in refused["2100"]
    assert "it says the account went up, but it went down (debit balance)" in refused["1000"]
    assert "it names L000999, which is not a line of ledger.csv" in refused["6400"]
    assert rows["6400"].explanation.startswith("Debit positive:")  # the offline text stays


def test_a_line_named_as_a_driver_that_moved_the_account_the_other_way_is_refused():
    from month_end_close import nodes
    from month_end_close.schemas import AccountExplanation, FluxExplanations
    from month_end_close.state import flux_of
    from shared.llm import FakeModel
    from tests.month_end_close.test_model_steps import analysed, runtime

    answer = AccountExplanation(account="1100", explanation="Customers were invoiced (L000002).",
                                driver_ids=["L000002"], clear=True)
    model = FakeModel([FluxExplanations(accounts=[answer])], model_id="claude-test")
    update = nodes.explain_flux(analysed(model), runtime(model))
    assert next(r for r in flux_of(update) if r.account == "1100").explained_by == "offline"
    (refused,) = [f for f in update["findings"] if f.subject == "1100" and f.code == "flux_explanation_rejected"]
    assert "it gives L000002 (-280.34) as moving the account, which it moved the other way (change 4,170.14)" \
        in refused.message
