"""Issue 16, true statements only: a proposed entry is a claim that the books lack money
the bank has (or hold money twice), so it is proposed only where that is so.

The real HSBC statement with its seeded error (one paid-in line printed 495.00 where its
balances and summary carry 500.00) is closed against books written at test time in
tmp_path from the statement's own lines, the true 500.00 on the seeded line: the books
are right, so the entries proposed must be exactly the ones that bring them to the bank
(none, or the reversal of a posting the test duplicated). Nothing of the corpus is
committed: the books and the folder are made here and the PDF is copied into tmp_path."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

from month_end_close.bank_to_book import BANK_ERRORS
from month_end_close.context import EntryAccounts
from month_end_close.entries import proposals
from month_end_close.reconcile.model import Match, Reconciliation, Unmatched
from tests.month_end_close.lines import bank, book
from tests.month_end_close.statement_files import CUR_2024, path, statement
from tests.month_end_close.test_run import hsbc_close, run_close
from tests.support.corpus import needs_corpus

D = Decimal
SEEDED = f"{CUR_2024}:3:14"  # SOURCES.md: on page 3, 500.00 altered to 495.00
CLOSING = D("521.55")  # printed on the statement, and what the true lines give


# -- the case: the generator's books for the statement ---------------------------


@needs_corpus
def test_the_books_are_never_corrected_to_the_line_the_proof_flags(tmp_path, capsys):
    folder = hsbc_close(tmp_path / "close", key=f"bad_seeded_error/{CUR_2024}")
    result = run_close(folder, tmp_path / "run", capsys)
    rec, entries = result["body"]["reconciliation"], result["body"]["entries"]
    assert not [e for e in entries if SEEDED in e["support"]]  # was "Correct L000142 ... 495.00"
    (pair,) = [m for m in rec["matches"] if SEEDED in m["bank_ids"]]
    assert "likely error" in pair["reason"] and "prints 495.00 where the statement's own balances carry 500.00" \
        in pair["reason"] and "for the bank to correct" in pair["reason"]
    adjustments = {a["description"]: a for a in rec["statement"]["adjustments"]}
    assert adjustments[BANK_ERRORS]["side"] == "bank" and adjustments[BANK_ERRORS]["amount"] == "0.00"
    assert SEEDED in adjustments[BANK_ERRORS]["ids"]
    assert all(SEEDED not in a["ids"] for a in rec["statement"]["adjustments"] if a["side"] == "book")
    # The printed closing already carries 500.00, as the books do: nothing is left unexplained.
    assert rec["statement"]["unexplained_difference"] == "0.00" and rec["proven"] is True
    (held,) = [f for f in result["findings"] if f["code"] == "entry_not_proposed"]
    assert SEEDED in held["subject"] and "the books are not corrected to it" in held["message"]
    assert [c["kind"] for c in held["citations"]] == ["pdf", "csv"]  # the statement line, the book line
    assert "running_balance_break" in {f["code"] for f in result["findings"]}  # the statement still does not prove


# -- a client's books written from the statement's own lines -----------------------------


def client_close(folder: Path, change=lambda lines: lines) -> Path:
    """A close folder with the seeded PDF and a client's books for it: every statement line
    posted to cash with the statement's narrative, the true amounts (the good statement's),
    each journal's other side to sales or expenses. `change` edits the cash lines first."""
    folder.mkdir(parents=True)
    shutil.copy(path(f"bad_seeded_error/{CUR_2024}"), folder / CUR_2024)
    good = statement(f"good/{CUR_2024}")
    cash = change([(line.date, line.description, line.amount) for line in good.lines])
    rows = []
    for n, (day, text, amount) in enumerate(cash, 1):
        other = "4000" if amount > 0 else "6000"
        rows += [(f"L{2 * n - 1:06d}", day.isoformat(), "1000", text, f"{amount:.2f}", f"J{n:05d}"),
                 (f"L{2 * n:06d}", day.isoformat(), other, text, f"{-amount:.2f}", f"J{n:05d}")]
    _write(folder / "ledger.csv", ("id", "date", "account", "description", "amount", "reference"), rows)
    moved = {a: sum((D(r[4]) for r in rows if r[2] == a), D(0)) for a in ("1000", "4000", "6000")}
    prior = {"1000": good.opening.value, "3000": -good.opening.value, "4000": D(0), "6000": D(0)}
    names = {"1000": ("Bank", "asset"), "3000": ("Capital", "equity"), "4000": ("Sales", "revenue"),
             "6000": ("Expenses", "expense")}
    for name, balances in (("tb_prior", prior), ("tb_current", {a: b + moved.get(a, D(0)) for a, b in prior.items()})):
        _write(folder / f"{name}.csv", ("account", "name", "balance"),
               [(a, names[a][0], f"{b:.2f}") for a, b in balances.items()])
    _write(folder / "accounts.csv", ("account", "name", "type", "cash"),
           [(a, n, t, "true" if a == "1000" else "false") for a, (n, t) in names.items()])
    (folder / "close.toml").write_text('period = "2024-01"\nentity = "Testname Trading Ltd (test books)"\n'
                                       'currency = "GBP"\n', encoding="utf-8")
    return folder


def _write(file: Path, header: tuple[str, ...], rows: list) -> None:
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def cash_after_entries(result: dict) -> Decimal:
    """The books' cash once every proposed entry is posted."""
    cash = result["body"]["cash_account"]
    moved = sum(D(l["debit"]) - D(l["credit"]) for e in result["body"]["entries"] for l in e["lines"]
                if l["account"] == cash)
    return D(result["body"]["reconciliation"]["statement"]["book_balance"]) + moved


@needs_corpus
def test_right_books_get_no_entry_against_a_misprinted_statement(tmp_path, capsys):
    result = run_close(client_close(tmp_path / "close"), tmp_path / "run", capsys)
    assert result["body"]["entries"] == []
    assert cash_after_entries(result) == CLOSING
    assert result["body"]["reconciliation"]["statement"]["unexplained_difference"] == "0.00"


def _posted_twice(lines: list) -> list:
    """The seeded receipt (the only 500.00 paid in) posted a second time."""
    (receipt,) = [line for line in lines if line[2] == D("500.00")]
    return lines + [receipt]


@needs_corpus
def test_a_duplicate_of_the_flagged_lines_posting_is_reversed_once_and_nothing_else(tmp_path, capsys):
    """The brief's duplicate whose twin is matched by an amount difference: reversing the
    copy and also correcting the twin to the misprint took 505.00 out for a 500.00 copy."""
    result = run_close(client_close(tmp_path / "close", _posted_twice), tmp_path / "run", capsys)
    (entry,) = result["body"]["entries"]
    ledger = {l["id"]: l for l in result["body"]["ledger_lines"]}
    (copy,) = entry["support"]
    assert entry["description"].startswith(f"Reverse duplicate posting {copy}") and ledger[copy]["amount"] == "500.00"
    assert cash_after_entries(result) == CLOSING


def _direct_debits_booked_late(lines: list) -> list:
    """Direct debits booked when the statement arrived (its last day), as clients do."""
    last = max(day for day, _, _ in lines)
    return [(last if text.startswith("DD ") else day, text, amount) for day, text, amount in lines]


@needs_corpus
def test_late_bookings_get_no_entry_that_puts_their_money_in_the_books_again(tmp_path, capsys):
    """Books right but late: a bank line left unpaired while the books hold a line of its
    amount is no money missing from the books, and a book line repeating another while the
    statement has an unpaired line of its amount is no duplicate. Entries for either (a
    suspense entry, a reversal) would count the same money twice."""
    result = run_close(client_close(tmp_path / "close", _direct_debits_booked_late), tmp_path / "run", capsys)
    rec = result["body"]["reconciliation"]
    bank_lines = {l["id"]: l for l in result["body"]["bank_lines"]}
    ledger = {l["id"]: l for l in result["body"]["ledger_lines"]}
    open_books = {ledger[u["id"]]["amount"] for u in rec["ledger_only"]}
    open_bank = {bank_lines[u["id"]]["amount"] for u in rec["bank_only"]}
    for entry in result["body"]["entries"]:
        for i in entry["support"]:
            assert (i in bank_lines and bank_lines[i]["amount"] not in open_books) or \
                (i in ledger and ledger[i]["amount"] not in open_bank), entry
    assert cash_after_entries(result) == CLOSING
    held = [f for f in result["findings"] if f["code"] == "entry_not_proposed"]
    paired_late = [u for u in rec["bank_only"] if bank_lines[u["id"]]["amount"] in open_books]
    assert all(any(u["id"] in f["subject"] for f in held) for u in paired_late)


# -- each rule on its own, without the corpus ---------------------------------------------


def _propose(rec: Reconciliation, bank_lines: list, ledger: list, flagged=None):
    return proposals(rec, {b.id: b for b in bank_lines}, ledger, "1000", EntryAccounts(), flagged)


def test_a_fee_the_books_hold_inside_a_matched_payment_is_booked_neither_as_fee_nor_as_correction():
    """The bank paid 500.00 and took a 5.00 charge; the books paid 505.00 in one line whose
    journal already posts the charge. A 'bank charge' entry and a 'correct to 500.00' entry
    would book the charge a second time."""
    bank_lines = [bank("B1", "2024-03-12", "BP HALDEN LTD", "-500.00"), bank("B2", "2024-03-12", "FEE", "-5.00")]
    ledger = [book("L1", "2024-03-11", "Halden Ltd inv 77", "-505.00", reference="J1"),
              book("L2", "2024-03-11", "Halden Ltd inv 77", "500.00", "6000", "J1"),
              book("L3", "2024-03-11", "Halden Ltd: payment charge", "5.00", "6900", "J1")]
    rec = Reconciliation((Match(("B1",), ("L1",), "amount_difference", 80, D("5.00")),),
                         (Unmatched("B2", "fee", "fee"),), ())
    entries, held = _propose(rec, bank_lines, ledger)
    assert entries == ()
    assert {w.support for w in held} == {("B1", "L1"), ("B2",)}
    assert "together are L1's -505.00" in held[0].reason


def test_a_bank_line_the_books_hold_unpaired_gets_no_suspense_entry():
    bank_lines = [bank("B1", "2023-12-15", "DD INSURER", "-12.99"), bank("B2", "2023-12-20", "CHARGES", "-3.00")]
    ledger = [book("L1", "2024-01-08", "DD insurer", "-12.99")]
    rec = Reconciliation((), (Unmatched("B1", "unknown", ""), Unmatched("B2", "fee", "")),
                         (Unmatched("L1", "outstanding_payment", ""),))
    entries, held = _propose(rec, bank_lines, ledger)
    assert [e.support for e in entries] == [("B2",)]  # the charge the books do not have
    (why,) = held
    assert why.support == ("B1",) and "the books hold L1 (2024-01-08) for the same -12.99" in why.reason
    assert why.finding().code == "entry_not_proposed" and why.finding().severity == "warning"


def test_a_posting_repeated_while_the_bank_has_its_amount_unpaired_is_not_reversed():
    bank_lines = [bank("B1", "2023-12-18", "DD INSURER", "-12.99")]
    ledger = [book("L1", "2024-01-08", "DD insurer", "-12.99"), book("L2", "2024-01-08", "DD insurer", "-12.99")]
    rec = Reconciliation((Match(("B0",), ("L1",), "date_window", 90),), (Unmatched("B1", "unknown", ""),),
                         (Unmatched("L2", "error", "posted twice"),))
    entries, held = _propose(rec, bank_lines + [bank("B0", "2023-12-15", "DD INSURER", "-12.99")], ledger)
    assert entries == ()
    assert {w.support for w in held} == {("B1",), ("L2",)}
    assert "this posting is no duplicate" in next(w.reason for w in held if w.support == ("L2",))


def test_a_real_duplicate_and_a_real_difference_still_get_their_entries():
    bank_lines = [bank("B1", "2024-03-15", "BGC HALDEN", "1234.00")]
    ledger = [book("L1", "2024-03-14", "Receipt Halden", "1243.00"), book("L2", "2024-03-20", "Receipt Acme", "90.00"),
              book("L3", "2024-03-20", "Receipt Acme", "90.00")]
    rec = Reconciliation((Match(("B1",), ("L1",), "amount_difference", 70, D("-9.00")),
                          Match(("B9",), ("L2",), "exact", 100)), (), (Unmatched("L3", "error", "posted twice"),))
    bank_lines.append(bank("B9", "2024-03-20", "BGC ACME", "90.00"))
    entries, held = _propose(rec, bank_lines, ledger)
    assert [e.support for e in entries] == [("B1", "L1"), ("L3",)] and held == ()
    # The same difference on a line the proof flags is the bank's to correct.
    entries, held = _propose(rec, bank_lines, ledger, flagged={"B1": D("1243.00")})
    assert [e.support for e in entries] == [("L3",)]
    assert "prints 1,234.00, but the statement's own balances carry 1,243.00, as the books have it" in held[0].reason
