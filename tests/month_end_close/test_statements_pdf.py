"""The HSBC UK PDF readers on the real (anonymised) statements, read in place from the
corpus: summary figures, periods and line counts against the truth, particular lines with
their page, box and text, every citation verified, and the PDFs that cannot be read."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal

import pytest

from month_end_close.statements import read_statement
from shared.documents.errors import DocumentError, NotAPdf
from shared.documents.verify import CitationVerifier
from shared.errors import InputError
from tests.month_end_close.statement_files import CARD, CUR_2024, GOOD, path, statement, truth
from tests.support.corpus import needs_corpus

D = Decimal
LINE_COUNTS = {
    "anonymised_HSBC_UK_CUR_12345678_20220108.pdf": 114,
    "anonymised_HSBC_UK_CUR_12345678_20220208.pdf": 111,
    CUR_2024: 59,
    "anonymised_HSBC_UK_CUR_11111111_20230110.pdf": 9,
    "anonymised_HSBC_UK_SAV_87654321_20240108.pdf": 6,
    CARD: 78,
}


@needs_corpus
@pytest.mark.parametrize("key", [k for k in GOOD if "CRD" not in k])
def test_account_summary_and_period_equal_the_truth(key):
    read, expected = statement(key), truth()[key]
    assert (read.opening.value, read.total_in.value, read.total_out.value, read.closing.value) == (
        expected["opening_balance"], expected["payments_in"], expected["payments_out"], expected["closing_balance"])
    assert f"{read.period_start}/{read.period_end}" == expected["period"]
    assert read.format == "pdf" and read.account.endswith(expected["account"][-8:])


@needs_corpus
@pytest.mark.parametrize("key", GOOD)
def test_line_count_and_the_lines_add_up_to_the_printed_totals(key):
    read = statement(key)
    assert len(read.lines) == LINE_COUNTS[key.split("/")[1]]
    assert sum(line.amount for line in read.lines if line.amount > 0) == read.total_in.value
    assert -sum(line.amount for line in read.lines if line.amount < 0) == read.total_out.value


def test_card_summary_is_read_from_the_holders_side():
    read, expected = statement(f"good/{CARD}"), truth()[f"good/{CARD}"]
    assert read.opening.value == -expected["previous_balance"] == D("-2549.97")
    assert read.closing.value == -expected["new_balance"] == D("-2562.50")
    assert (read.total_out.value, read.total_in.value) == (expected["debits"], expected["credits"])
    assert read.period_end == date(2023, 1, 11) and read.account == "3333 2222 1111 0000"
    assert read.closing.citation.page == 1 and read.closing.citation.text == "2,562.50"


def test_card_payment_is_money_in_and_purchases_money_out():
    lines = statement(f"good/{CARD}").lines
    payments = [line for line in lines if line.amount > 0]
    assert [(p.id, p.date, p.amount, p.citation.text, p.citation.page) for p in payments] == [
        (f"{CARD}:3:15", date(2023, 1, 3), D("2549.97"), "2,549.97CR", 3)]
    first = lines[0]
    assert (first.id, first.date, first.description, first.amount) == (
        f"{CARD}:2:1", date(2022, 12, 9), ")))HJPMFQRPB RVVPB", D("-7.00"))


def test_a_paid_in_line_on_page_three_with_its_date_description_and_box():
    line = next(line for line in statement(f"good/{CUR_2024}").lines if line.id == f"{CUR_2024}:3:14")
    assert (line.date, line.description, line.amount) == (
        date(2024, 1, 5), "TFR 001122 87654321 MWGJXWJG GXLWVTJX", D("500.00"))
    assert line.citation.page == 3 and line.citation.text == "500.00"
    assert line.citation.bbox == pytest.approx((449.0, 533.5, 471.0, 541.5), abs=0.1)
    assert line.balance is None  # printed on the day's last line only


def test_a_days_last_line_carries_the_running_balance():
    first = statement(f"good/{CUR_2024}").lines[0]
    assert (first.id, first.date, first.description, first.amount) == (
        f"{CUR_2024}:1:1", date(2023, 12, 10), "BP Mndsa lzoyzds cbdm hyzxlm", D("-60.00"))
    assert first.balance.value == D("1221.84") and first.balance.citation.text == "1,221.84"
    assert first.balance.citation.page == 1


def test_a_figure_inside_a_description_is_not_an_amount_and_the_date_carries_over_the_page():
    lines = [line for line in statement(f"good/{CUR_2024}").lines if line.citation.page == 3]
    assert lines[0].date == date(2024, 1, 2)  # the 02 Jan 24 group runs on from page 2
    foreign = lines[1]
    assert foreign.description == "VIS MWG'O 0073463850 HMZMGLOREJLW.ERS VFXXJD FVH 10.00 @ 1.2690 Usaz Xzcm"
    assert foreign.amount == D("-7.88")


def test_period_without_the_start_year_and_brought_forward_rows_are_not_lines():
    read = statement("good/anonymised_HSBC_UK_CUR_12345678_20220208.pdf")
    assert (read.period_start, read.period_end) == (date(2022, 1, 9), date(2022, 2, 8))
    assert not any("BALANCE" in line.description for line in read.lines)


@needs_corpus
@pytest.mark.parametrize("key", GOOD + ["bad_seeded_error/" + CUR_2024, "bad_seeded_error/" + CARD])
def test_every_citation_verifies_and_ids_are_unique(key):
    read = statement(key)
    cited = [line.citation for line in read.lines] + [line.balance.citation for line in read.lines if line.balance]
    cited += [f.citation for f in (read.opening, read.closing, read.total_in, read.total_out)]
    with CitationVerifier() as verifier:
        failures = [(c.page, c.text, r.reason) for c in cited if not (r := verifier.verify(c))]
    assert failures == []
    assert len({line.id for line in read.lines}) == len(read.lines)


def test_the_seeded_figure_is_read_as_printed():
    line = next(line for line in statement(f"bad_seeded_error/{CUR_2024}").lines if line.id == f"{CUR_2024}:3:14")
    assert line.amount == D("495.00") and line.citation.text == "495.00"


def test_a_pdf_is_read_as_a_pdf_whatever_its_name(tmp_path):
    renamed = tmp_path / "statement.sta"
    shutil.copy(path("good/anonymised_HSBC_UK_SAV_87654321_20240108.pdf"), renamed)
    (read,) = read_statement(renamed)
    assert read.format == "pdf" and len(read.lines) == 6


def test_not_a_pdf_names_the_file_and_what_it_is(tmp_path):
    fake = tmp_path / "statement.pdf"
    fake.write_text("Date,Amount\n2024-01-02,5.00\n")
    with pytest.raises(NotAPdf) as caught:
        read_statement(fake)
    assert isinstance(caught.value, InputError) and caught.value.exit_code == 2
    assert str(caught.value).startswith(f"{fake}: is not a PDF") and "\n" not in str(caught.value)


def test_a_truncated_pdf_is_refused(tmp_path):
    cut = tmp_path / "statement.pdf"
    cut.write_bytes(path(f"good/{CUR_2024}").read_bytes()[:40_000])
    with pytest.raises(InputError, match="is truncated"):
        read_statement(cut)


def test_a_pdf_that_is_no_bank_statement_is_an_input_error(make_pdf):
    letter = make_pdf("letter.pdf", "Dear customer, thank you for your letter.")
    with pytest.raises(DocumentError) as caught:
        read_statement(letter)
    assert str(caught.value) == (f"{letter}: is not a bank statement this pack can read by its rules: no table of "
                                 "transactions was found (a heading naming a date column and an amount column, with "
                                 "dated amounts under it)")


def test_an_unknown_kind_of_file_is_refused(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(DocumentError, match="is not a bank statement file"):
        read_statement(other)
