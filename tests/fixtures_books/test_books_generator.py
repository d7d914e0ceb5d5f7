"""The second close generator (fixtures/close/books): deterministic, self-consistent,
every kind and category present, and readable by the workflow's own readers."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from fixtures.close.books import make_close, write_close
from fixtures.close.books.__main__ import main
from fixtures.close.books.check import CloseError, problems
from fixtures.close.books.exceptions import transposed
from fixtures.close.books.rates import RATES
from fixtures.close.books.records import Close

# As CONTRACT.md ("Close inputs and reconciliation body") names them.
KINDS = {"exact", "date_window", "one_to_many", "many_to_one", "amount_difference"}
BANK_CATEGORIES = {"fee", "interest", "returned_item", "error", "unknown"}
LEDGER_CATEGORIES = {"outstanding_payment", "deposit_in_transit", "error", "unknown"}
SEEDS = (1, 2, 3, 4, 5)


@cache
def close_of(lines: int, seed: int, period: str = "2024-03") -> Close:
    return make_close(lines, seed, period)


@cache
def folder_of(seed: int, root: Path) -> Path:
    return write_close(close_of(1000, seed), root / f"seed{seed}")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    return folder_of(2, tmp_path_factory.mktemp("books"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_and_another_seed_other_bytes(tmp_path):
    first = files(write_close(make_close(1000, 7, "2024-03"), tmp_path / "a"))
    again = files(write_close(make_close(1000, 7, "2024-03"), tmp_path / "b"))
    other = files(write_close(make_close(1000, 8, "2024-03"), tmp_path / "c"))
    assert set(first) == {"bank.csv", "ledger.csv", "accounts.csv", "tb_prior.csv", "tb_current.csv", "budget.csv",
                          "close.toml", ".truth.json"}
    assert first == again
    assert first["bank.csv"] != other["bank.csv"]


@pytest.mark.parametrize("seed", SEEDS)
def test_self_check_holds_at_1000_lines(seed):
    close = close_of(1000, seed)
    assert problems(close) == []
    assert len(close.bank) == 1000
    cash_lines = sum(1 for row in close.ledger if row.account == close.cash_account)
    assert 900 <= cash_lines <= 1300  # about as many as the bank's
    assert close.truth.unexplained == 0


def test_self_check_holds_at_20000_lines():
    close = make_close(20000, 11, "2024-02")
    assert problems(close) == []
    assert len(close.bank) == 20000
    assert close.truth.unexplained == 0


def test_books_kept_by_a_system_book_each_slip_once_and_mark_every_run_payment():
    """From `system_books_from` lines a month: cheques received wait in undeposited funds
    and a paying-in slip is one cash line for its total; every payment of a run carries
    the run's number. Below it, hand-kept books keep a cash line per cheque and no
    undeposited funds account."""
    close = make_close(1000, 4, "2024-03", dataclasses.replace(RATES, system_books_from=1000))
    assert problems(close) == []
    bank, book = {r.id: r for r in close.bank}, {r.id: r for r in close.ledger}
    assert "1130" in {a.code for a in close.accounts}
    slips = [m for m in close.truth.matches if any(w in bank[m.bank_ids[0]].text.upper() for w in _PAID_IN)]
    assert slips and all(len(m.ledger_ids) == 1 and book[m.ledger_ids[0]].text.startswith("Deposit ") for m in slips)
    assert any(r.account == "1130" and r.cents > 0 for r in close.ledger)  # cheques waiting to be paid in
    runs = [m for m in close.truth.matches if len(m.ledger_ids) > 1]
    assert runs and all(bank[m.bank_ids[0]].text.split()[-1].split(":")[-1] in book[i].text
                        for m in runs for i in m.ledger_ids)
    by_hand = close_of(1000, 4)
    assert "1130" not in {a.code for a in by_hand.accounts}
    bank, book = {r.id: r for r in by_hand.bank}, {r.id: r for r in by_hand.ledger}
    batches = [m for m in by_hand.truth.matches if len(m.ledger_ids) > 1]
    assert any(bank[m.bank_ids[0]].text.split()[-1] not in book[i].text for m in batches for i in m.ledger_ids)


_PAID_IN = ("PAID IN", "COUNTER CREDIT", "DEPOSIT")


@pytest.mark.parametrize("seed", SEEDS)
def test_every_kind_and_category_occurs_at_1000_lines(seed):
    truth = close_of(1000, seed).truth
    assert {m.kind for m in truth.matches} == KINDS
    assert {u.category for u in truth.bank_only} == BANK_CATEGORIES
    assert {u.category for u in truth.ledger_only} == LEDGER_CATEGORIES


def test_amount_differences_are_transpositions_and_one_digit_slips():
    close = close_of(1000, 3)
    bank = {r.id: r for r in close.bank}
    book = {r.id: r for r in close.ledger}
    differences = [bank[m.bank_ids[0]].cents - book[m.ledger_ids[0]].cents
                   for m in close.truth.matches if m.kind == "amount_difference"]
    assert len(differences) == 4 and all(differences)
    # A swap of adjacent digits moves an amount by a multiple of nine; a slip by a power of ten.
    slips = {1, 10, 100, 1000}
    assert all(abs(d) % 9 == 0 or abs(d) in slips for d in differences)
    assert any(abs(d) in slips for d in differences) and any(abs(d) not in slips for d in differences)
    assert transposed(124300, 0.3) == 142300  # 1,243.00 keyed as 1,423.00
    assert transposed(104300, 0.0) == 140300  # never a nought first: 1,043.00 -> 1,403.00 not 0,143.00
    assert transposed(111111, 0.5) is None and transposed(500, 0.5) is None


def test_interchangeable_groups_share_one_amount_and_hold_the_doubled_lines():
    close = close_of(1000, 1)
    cents = {r.id: r.cents for r in (*close.bank, *close.ledger)}
    groups = close.truth.interchangeable
    assert groups
    assert all(len({cents[i] for i in group}) == 1 for group in groups)
    grouped = {i for group in groups for i in group}
    doubled = [u.id for u in (*close.truth.bank_only, *close.truth.ledger_only) if u.category == "error"]
    assert doubled and set(doubled) <= grouped


def test_folder_loads_with_the_workflows_readers_and_the_statement_proves(written):
    from month_end_close.context import Context
    from month_end_close.folder import cash_account, read_books, read_statements
    from month_end_close.proof import proof_summary, statement_findings
    from shared.engagement import read_toml

    settings = Context.model_validate(read_toml(written / "close.toml"))
    statements, books = read_statements(written, settings), read_books(written, settings)
    close = close_of(1000, 2)
    assert settings.period == "2024-03" and settings.currency == close.currency
    [statement] = statements
    assert len(statement.lines) == 1000
    assert statement_findings(statement) == []
    summary = proof_summary(statement)
    assert summary["proves"] is True
    assert summary["closing_printed"] == Decimal(close.closing) / 100
    cash = cash_account(books, settings.cash_account, written)
    assert cash == "1200"
    prior = {b.account: b.balance for b in books.tb_prior}
    current = {b.account: b.balance for b in books.tb_current}
    moved = sum(line.amount for line in books.ledger if line.account == cash)
    assert current[cash] == prior[cash] + moved
    assert prior[cash] == summary["opening"]
    assert len(books.ledger) == len(close.ledger) and len(books.accounts) == len(close.accounts)


def test_truth_names_every_line_once_and_only_lines_that_exist(written):
    from month_end_close.context import Context
    from month_end_close.folder import read_books, read_statements
    from shared.engagement import read_toml

    settings = Context.model_validate(read_toml(written / "close.toml"))
    bank_ids = {line.id for s in read_statements(written, settings) for line in s.lines}
    books = read_books(written, settings)
    cash_ids = {line.id for line in books.ledger if line.account == "1200"}
    truth = json.loads((written / ".truth.json").read_text(encoding="utf-8"))
    bank_seen = (Counter(i for m in truth["matches"] for i in m["bank_ids"])
                 + Counter(u["id"] for u in truth["bank_only"]))
    book_seen = (Counter(i for m in truth["matches"] for i in m["ledger_ids"])
                 + Counter(u["id"] for u in truth["ledger_only"]))
    assert set(bank_seen) == bank_ids and set(bank_seen.values()) == {1}
    assert set(book_seen) == cash_ids and set(book_seen.values()) == {1}
    assert {i for group in truth["interchangeable"] for i in group} <= bank_ids | cash_ids
    assert {m["kind"] for m in truth["matches"]} == KINDS
    assert truth["unexplained_difference"] == "0.00"
    assert Decimal(truth["book_balance"]) == Decimal(close_of(1000, 2).truth.book_balance) / 100


def test_the_self_check_refuses_a_close_that_does_not_hold_together(tmp_path):
    close = close_of(1000, 4)
    first = close.bank[0]
    broken = dataclasses.replace(close, bank=(dataclasses.replace(first, cents=first.cents + 1), *close.bank[1:]))
    found = problems(broken)
    assert f"bank line {first.id}: balance {first.balance} where the lines give {first.balance + 1}" in found
    assert f"bank closing {close.closing} is not opening plus the lines ({close.closing + 1})" in found
    with pytest.raises(CloseError):
        write_close(broken, tmp_path / "broken")
    assert not (tmp_path / "broken").exists()


def test_a_small_month_and_the_command_line(tmp_path, capsys):
    assert main([str(tmp_path / "small"), "--lines", "40", "--seed", "3", "--period", "2024-02"]) == 0
    bank = (tmp_path / "small" / "bank.csv").read_text(encoding="utf-8").splitlines()
    assert len(bank) == 41 and bank[0] == "id,date,description,amount,balance"
    assert 'period = "2024-02"' in (tmp_path / "small" / "close.toml").read_text(encoding="utf-8")
    assert "40 bank lines" in capsys.readouterr().out
    assert main([str(tmp_path / "tiny"), "--lines", "5", "--seed", "3"]) == 2
    assert "at least 20 bank lines, not 5" in capsys.readouterr().err
    assert not (tmp_path / "tiny").exists()
