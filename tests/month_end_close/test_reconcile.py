"""Each matching pass, the classification of what is left, and the statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from month_end_close.reconcile import MatchSettings, match, reconcile
from tests.month_end_close.lines import bank, book

SETTINGS = MatchSettings()


def _pairs(pool) -> set[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return {(m.bank_ids, m.ledger_ids, m.kind) for m in pool.matches}


def test_exact_pass_pairs_same_amount_and_date_by_description():
    pool = match(
        [bank("B1", "2024-03-05", "DD NORTHERN POWER 55123", "-250.00"),
         bank("B2", "2024-03-05", "DD CITY WATER 77001", "-250.00")],
        [book("L1", "2024-03-05", "City Water direct debit 77001", "-250.00"),
         book("L2", "2024-03-05", "Northern Power direct debit 55123", "-250.00")], SETTINGS)
    assert _pairs(pool) == {(("B1",), ("L2",), "exact"), (("B2",), ("L1",), "exact")}


def test_window_pass_prefers_the_books_before_the_bank_and_the_nearest_date():
    pool = match(
        [bank("B1", "2024-03-08", "CHQ 000412", "-99.00")],
        [book("L1", "2024-03-09", "Cheque 411 Smith", "-99.00"),
         book("L2", "2024-03-04", "Cheque 412 Jones", "-99.00")], SETTINGS)
    assert _pairs(pool) == {(("B1",), ("L2",), "date_window")}
    assert "reference 412 on both" in pool.matches[0].reason


def test_lines_beyond_the_window_stay_apart_when_another_line_could_be_the_counterpart():
    pool = match([bank("B1", "2024-03-22", "BGC ACME", "500.00"), bank("B2", "2024-03-02", "BGC ZENITH", "500.00")],
                 [book("L1", "2024-03-10", "Receipt Acme", "500.00")], SETTINGS)
    assert pool.matches == [] and set(pool.bank) == {"B1", "B2"} and set(pool.ledger) == {"L1"}


def test_a_bank_first_direct_debit_pairs_with_its_payee_up_to_ten_days_later():
    """The books record a direct debit when the statement arrives, days after the bank took it."""
    pool = match([bank("B1", "2024-03-02", "DD NORTHERN POWER", "-84.10"),
                  bank("B2", "2024-03-03", "DD CITY WATER", "-84.10")],
                 [book("L1", "2024-03-11", "Northern Power - electricity", "-84.10"),
                  book("L2", "2024-03-12", "City Water - water rates", "-84.10")], SETTINGS)
    assert _pairs(pool) == {(("B1",), ("L1",), "date_window"), (("B2",), ("L2",), "date_window")}
    assert "9 days apart" in pool.matches[0].reason and "bank first" in pool.matches[0].reason


def test_recurring_identical_charges_pair_in_date_order():
    """A weekly charge the books record three days late: the k-th charge is the k-th
    booking, not the booking a week earlier that happens to sit inside the window."""
    days = ("01", "08", "15", "22", "29")
    pool = match([bank(f"B{n}", f"2024-03-{d}", "CARD STREAMBOX SUBS", "-9.99") for n, d in enumerate(days)],
                 [book(f"L{n}", f"2024-03-{int(d) + 3:02d}", "Streambox subscription", "-9.99")
                  for n, d in enumerate(days[:4])], SETTINGS)
    assert _pairs(pool) == {((f"B{n}",), (f"L{n}",), "date_window") for n in range(4)}
    assert set(pool.bank) == {"B4"}
    assert "paired in date order" in pool.matches[0].reason


def test_an_amount_found_once_in_the_period_pairs_with_its_payee_however_far_apart():
    pool = match([bank("B1", "2024-03-28", "BGC HARBOUR FREIGHT", "7321.45")],
                 [book("L1", "2024-03-06", "Receipt Harbour Freight Ltd", "7321.45")], SETTINGS)
    assert _pairs(pool) == {(("B1",), ("L1",), "date_window")}
    assert "the only line of this amount in the period" in pool.matches[0].reason


def test_a_paying_in_is_found_among_hundreds_of_free_receipts_of_its_day():
    """A busy day: the receipts carrying the slip's number are the parts, not a chance
    sum of the others (which, among hundreds, add up to almost anything)."""
    noise = [book(f"N{n}", "2024-03-11", f"Receipt Customer {n} inv {5000 + n}", f"{10 + (n * 37) % 900}.{n % 100:02d}")
             for n in range(400)]
    parts = [book("L1", "2024-03-10", "Cheque received Alpha", "120.00", reference="300045"),
             book("L2", "2024-03-11", "Cheque received Beta", "215.50", reference="300045"),
             book("L3", "2024-03-11", "Cheque received Gamma", "64.06", reference="300045")]
    pool = match([bank("B1", "2024-03-11", "PAYING IN 300045", "399.56")], [*noise, *parts], SETTINGS)
    assert _pairs(pool) == {(("B1",), ("L1", "L2", "L3"), "one_to_many")}


def test_a_payment_run_is_found_by_the_payees_it_names():
    noise = [bank(f"N{n}", "2024-03-07", f"BP SUPPLIER {n} {7000 + n}", f"-{10 + (n * 53) % 900}.{n % 100:02d}")
             for n in range(400)]
    parts = [bank("B1", "2024-03-07", "BP SHELDON INTERIORS 88030", "-5533.32"),
             bank("B2", "2024-03-07", "BP OAKLEY PRINT 49829", "-2935.05")]
    pool = match([*noise, *parts], [book("L1", "2024-03-07", "Payment run: Sheldon Interiors, Oakley Print",
                                         "-8468.37")], SETTINGS)
    assert _pairs(pool) == {(("B1", "B2"), ("L1",), "many_to_one")}


def test_one_to_many_finds_the_receipts_a_paying_in_is_made_of():
    pool = match(
        [bank("B1", "2024-03-11", "PAYING IN 300045", "1234.56")],
        [book("L1", "2024-03-08", "Receipt Alpha inv 1", "1000.00"),
         book("L2", "2024-03-08", "Receipt Beta inv 2", "200.00"),
         book("L3", "2024-03-09", "Receipt Gamma inv 3", "34.56"),
         book("L4", "2024-03-09", "Receipt Delta inv 4", "17.00")], SETTINGS)
    assert _pairs(pool) == {(("B1",), ("L1", "L2", "L3"), "one_to_many")}
    assert set(pool.ledger) == {"L4"}


def test_many_to_one_joins_a_payment_the_bank_split():
    pool = match(
        [bank("B1", "2024-03-12", "FPO ACME PART 1", "-6000.00"),
         bank("B2", "2024-03-12", "FPO ACME PART 2", "-4000.00")],
        [book("L1", "2024-03-11", "Payment to Acme Ltd", "-10000.00")], SETTINGS)
    assert _pairs(pool) == {(("B1", "B2"), ("L1",), "many_to_one")}


def test_two_equally_good_subsets_are_left_for_a_person():
    pool = match(
        [bank("B1", "2024-03-11", "PAYING IN", "300.00")],
        [book("L1", "2024-03-10", "Receipt a", "100.00"), book("L2", "2024-03-10", "Receipt b", "200.00"),
         book("L3", "2024-03-10", "Receipt c", "100.00"), book("L4", "2024-03-10", "Receipt d", "200.00")],
        SETTINGS)
    assert pool.matches == []


def test_transposition_is_an_amount_difference_with_its_difference():
    pool = match([bank("B1", "2024-03-15", "BGC HALDEN LTD", "1234.00")],
                 [book("L1", "2024-03-14", "Receipt Halden Ltd", "1243.00")], SETTINGS)
    (found,) = pool.matches
    assert (found.kind, found.difference) == ("amount_difference", Decimal("-9.00"))
    assert "two digits transposed" in found.reason


def test_reconcile_classifies_and_the_statement_balances():
    bank_lines = [bank("B1", "2024-03-05", "BGC ACME 1001", "500.00"),
                  bank("B2", "2024-03-31", "SERVICE CHARGE", "-12.50"),
                  bank("B3", "2024-03-31", "CREDIT INTEREST", "1.25"),
                  bank("B4", "2024-03-20", "UNPAID CHEQUE RETURNED", "-80.00"),
                  bank("B5", "2024-03-21", "BGC MYSTERY", "42.00")]
    ledger_lines = [book("L1", "2024-03-05", "Receipt Acme inv 1001", "500.00"),
                    book("L2", "2024-03-05", "Receipt Acme inv 1001", "500.00"),
                    book("L3", "2024-03-30", "Receipt Brown", "300.00"),
                    book("L4", "2024-03-28", "Cheque 881 to Plumber", "-150.00"),
                    book("L5", "2024-03-02", "Receipt old", "75.00")]
    opening = Decimal("1000.00")
    bank_balance = opening + sum(l.amount for l in bank_lines)
    book_balance = opening + sum(l.amount for l in ledger_lines)
    rec = reconcile(bank_lines, ledger_lines, SETTINGS, date(2024, 3, 31), bank_balance, book_balance)
    assert {(u.id, u.category) for u in rec.bank_only} == {
        ("B2", "fee"), ("B3", "interest"), ("B4", "returned_item"), ("B5", "unknown")}
    assert {(u.id, u.category) for u in rec.ledger_only} == {
        ("L2", "error"), ("L3", "deposit_in_transit"), ("L4", "outstanding_payment"), ("L5", "unknown")}
    statement = rec.statement
    assert statement.unexplained_difference == Decimal("0.00")
    assert statement.adjusted_bank == bank_balance + Decimal("300.00") - Decimal("150.00") + Decimal("75.00")
    assert statement.adjusted_book == statement.adjusted_bank


def test_an_opening_difference_is_left_unexplained_to_the_cent():
    rec = reconcile([bank("B1", "2024-03-05", "BGC ACME", "500.00")], [book("L1", "2024-03-05", "Acme", "500.00")],
                    SETTINGS, date(2024, 3, 31), Decimal("1500.00"), Decimal("1499.99"))
    assert rec.statement.unexplained_difference == Decimal("0.01")


def _reasons(bank_lines, ledger_lines) -> dict[str, str]:
    rec = reconcile(bank_lines, ledger_lines, SETTINGS, date(2024, 3, 31), Decimal("0"), Decimal("0"))
    return {u.id: u.reason for u in (*rec.bank_only, *rec.ledger_only)}


def test_an_unmatched_item_names_the_look_alike_it_was_not_paired_with_and_why():
    reasons = _reasons(
        [bank("B1", "2024-03-25", "BGC ACME TRADING", "640.00"), bank("B2", "2024-03-02", "BGC ZENITH", "640.00"),
         bank("B3", "2024-03-12", "CHQ 100777", "-75.00")],
        [book("L1", "2024-03-05", "Receipt Acme Trading", "640.00"),
         book("L2", "2024-03-20", "Cheque 100778 Smith", "-75.00")])
    assert "nearest of the same amount in the books: L1 2024-03-05 'Receipt Acme Trading', " \
           "20 days apart, beyond the 10-day window" in reasons["B1"]
    assert "L2 2024-03-20 'Cheque 100778 Smith', its reference 100778 disagrees with 100777" in reasons["B3"]
    assert "nearest of the same amount in the statement: B3" in reasons["L2"]


def test_nothing_on_the_other_side_is_said_only_when_nothing_of_the_amount_is_there():
    reasons = _reasons([bank("B1", "2024-03-20", "MONTHLY ACCOUNT FEE", "-12.50")],
                       [book("L1", "2024-03-29", "Cheque 1001 Jones", "-300.00")])
    assert reasons["B1"].endswith("nothing of this amount in the books")
    assert reasons["L1"].endswith("nothing of this amount in the statement")


def test_a_transposition_swaps_two_digits_and_a_reordering_of_all_of_them_is_not_one():
    """5,503.51 and 1,035.55 hold the same digits, but no keying slip turns one into the other."""
    pool = match([bank("B1", "2024-03-13", "BGC KINGSWAY DESIGN", "5503.51"),
                  bank("B2", "2024-03-14", "BGC HARLOW MOTORS", "1243.00")],
                 [book("L1", "2024-03-13", "Receipt Kingsway Design", "1035.55"),
                  book("L2", "2024-03-14", "Receipt Harlow Motors", "1423.00")], SETTINGS)
    assert _pairs(pool) == {(("B2",), ("L2",), "amount_difference")}


def test_a_paying_in_is_made_of_cheques_received_on_or_before_it():
    """Receipts by transfer match one to one; a paying-in is made of the cheques received
    in the days before it, not of a later receipt that happens to fit."""
    pool = match(
        [bank("B1", "2024-03-11", "PAID IN AT LEEDS BRANCH", "1678.63")],
        [book("L1", "2024-03-06", "Valence Packaging chq inv 51", "1000.00"),
         book("L2", "2024-03-06", "Juniper Hire chq inv 53", "352.26"),
         book("L3", "2024-03-09", "Westbury Consulting chq inv 52", "326.37"),
         book("L4", "2024-03-12", "Receipt Harlow by transfer", "678.63"),
         book("L5", "2024-03-12", "Receipt Oakley by transfer", "1000.00")], SETTINGS)
    assert _pairs(pool) == {(("B1",), ("L1", "L2", "L3"), "one_to_many")}


def test_a_payment_runs_unnumbered_payments_are_found_beside_its_numbered_ones():
    """The books carry the run's number on some payments only: those are all parts, and
    the rest of the run's total is found among the payments booked on the same days."""
    run = [book("L1", "2024-03-08", "BACS run 75167 - Bramall Software", "-1000.00"),
           book("L2", "2024-03-08", "BACS run 75167 - Cheviot Roofing", "-57.08"),
           book("L3", "2024-03-09", "BACS run 75167 - Kestrel Cleaning", "-395.83"),
           book("L4", "2024-03-08", "Payment Newland Motors inv 20570", "-291.81"),
           book("L5", "2024-03-09", "Payment Wolsey Estates inv 55659", "-416.06")]
    others = [book("L6", "2024-03-02", "Payment Upton Print inv 30001", "-291.81"),
              book("L7", "2024-03-09", "Payment Marsden inv 30002", "-702.40")]
    pool = match([bank("B1", "2024-03-10", "ACH BATCH PAYABLES 75167", "-2160.78")], [*run, *others], SETTINGS)
    assert _pairs(pool) == {(("B1",), ("L1", "L2", "L4", "L3", "L5"), "one_to_many")}


def test_a_runs_rest_is_the_fewest_payments_and_never_a_cheque_or_another_runs_line():
    """Two sets of unnumbered payments make up the rest: the two payments, not five
    smaller ones; a cheque and a line carrying another run's number are not candidates."""
    run = [book("L1", "2024-03-08", "BACS run 85734 - Jessop Timber", "-567.91"),
           book("L2", "2024-03-08", "BACS run 85734 - Hartwell Roofing", "-1241.54")]
    rest = [book("L3", "2024-03-08", "Payment Oakbridge inv 94888", "-1047.62"),
            book("L4", "2024-03-08", "Payment Fenwick Dental inv 81424", "-202.34")]
    decoys = [book(f"D{n}", "2024-03-08", f"Payment Supplier {n}", amount)
              for n, amount in enumerate(("-600.00", "-300.00", "-200.00", "-100.00", "-49.96"))]
    strays = [book("C1", "2024-03-08", "Lowther ck 1519", "-1249.96"),
              book("R1", "2024-03-08", "BACS run 99120 - Upton", "-1249.96")]
    pool = match([bank("B1", "2024-03-09", "ACH BATCH PAYABLES 85734", "-3059.41"),
                  bank("B2", "2024-03-20", "ACH BATCH PAYABLES 99120", "-9999.99")],
                 [*run, *rest, *decoys, *strays], SETTINGS)
    assert (("B1",), ("L1", "L2", "L3", "L4"), "one_to_many") in _pairs(pool)


def test_a_run_whose_every_payment_carries_its_number_is_taken_before_look_alikes_of_one_amount():
    """A payables module marks every payment of a run: the numbered lines adding up to the
    run are its parts, even where one of them (a popular 50.00) has a same-day bank line
    of that amount naming no one; a line whose invoice number happens to be the run's is
    left out."""
    run = [book("L1", "2024-03-08", "Payment run 66917 Gilmore inv 69163", "-50.00"),
           book("L2", "2024-03-08", "Payment run 66917 Orchard Glazing inv 79782", "-3162.51"),
           book("L3", "2024-03-09", "Payment run 66917 Yardley Freight inv 87794", "-1155.00")]
    stray = book("L4", "2024-03-08", "Payment run 45419 Thornbury inv 66917", "-1069.15")
    pool = match([bank("B1", "2024-03-10", "BACS BULK PAYMENT 66917", "-4367.51"),
                  bank("B2", "2024-03-08", "FASTER PAYMENT TO NEWLAND CATERING", "-50.00")],
                 [*run, stray, book("L5", "2024-03-12", "Staff lunch", "-50.00")], SETTINGS)
    assert (("B1",), ("L1", "L2", "L3"), "one_to_many") in _pairs(pool)
    assert "L4" in pool.ledger and "B2" in pool.bank
