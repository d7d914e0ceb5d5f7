"""Claude as the reader of last resort, with the real SDK against the loopback Messages
API: a reading that proves is used (`method: model`), one a line short is not, one that
invents a line fails the citation check; a scan's lines are cited by page, unverified.
Offline, such a statement is refused naming the two ways forward."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from month_end_close.proof import prove
from month_end_close.statements.by_model import Reader
from month_end_close.statements.files import NeedsModel, read_file
from month_end_close.statements.readings import proves
from shared.llm import Budget
from shared.workflows import get_workflow
from tests.support.messages_api import message

D = Decimal
MODEL_ID = "claude-sonnet-4-6"
TOP = ["Harbour Savings  Statement 1 March 2024 to 31 March 2024", "Opening balance 100.00",
       "05 Mar Bluefin Coffee -4.50", "12 Mar Orbit Mobile -20.00", "Closing balance 75.50"]


def _text_pdf(path: Path, lines: list[str]) -> Path:
    """Lines of text with no table heading: nothing the rules can read as a table."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    for i, text in enumerate(lines):
        pdf.text(40, 60 + 16 * i, text)
    pdf.output(str(path))
    return path


def _line(day: str, description: str, amount: str, balance: str | None = None) -> dict:
    return {"page": 1, "date": day, "description": description, "printed_amount": amount, "amount": amount,
            "balance": balance}


def _answer(*lines: dict, opening: str = "100.00", closing: str = "75.50") -> str:
    statement = {"opening": {"page": 1, "printed": opening, "value": opening},
                 "closing": {"page": 1, "printed": closing, "value": closing}, "period_start": "2024-03-01",
                 "period_end": "2024-03-31", "account": None, "bank": "Harbour Savings", "currency": "GBP",
                 "lines": list(lines)}
    return json.dumps({"statements": [statement], "suspected_injection": []})


GOOD = (_line("2024-03-05", "Bluefin Coffee", "-4.50"), _line("2024-03-12", "Orbit Mobile", "-20.00"))


@pytest.fixture
def reader(messages_api):
    from shared.llm import AnthropicModel, make_client
    from shared.llm.usage import prices_for

    prompts = get_workflow("month_end_close").prompt_library()
    client = make_client("sk-ant-loopback-test-key-0123456789", base_url=messages_api.url, timeout=5.0)
    model = AnthropicModel(client, MODEL_ID, prices=prices_for(MODEL_ID, {}), budget=Budget(D("5")),
                           prompts=prompts, sleep=lambda seconds: None)
    yield Reader(model, prompts)
    client.close()


def test_a_reading_that_proves_is_used_each_line_cited_where_it_is_printed(tmp_path, messages_api, reader):
    path = _text_pdf(tmp_path / "harbour.pdf", TOP)
    messages_api.script(message(_answer(*GOOD)))
    (read,), findings = read_file(path, reader)
    assert read.method == "model" and proves(read)
    assert [(l.id, l.date, l.amount) for l in read.lines] == [
        ("harbour.pdf:1:1", date(2024, 3, 5), D("-4.50")), ("harbour.pdf:1:2", date(2024, 3, 12), D("-20.00"))]
    assert [(l.citation.text, l.citation.page, l.verified) for l in read.lines] == [("-4.50", 1, True),
                                                                                 ("-20.00", 1, True)]
    assert (read.opening.value, read.closing.value, read.opening.citation.text) == (D("100.00"), D("75.50"),
                                                                                    "100.00")
    (note,) = findings
    assert note.code == "statement_read_by_model" and "every line was found on its page" in note.message
    request = messages_api.requests[0].body
    document, question = request["messages"][0]["content"]
    assert document["type"] == "document" and document["title"] == "harbour.pdf"
    assert "The pack's rules cannot read it: is not a bank statement" in question["text"]


def test_a_reading_one_line_short_does_not_prove_and_is_not_used(tmp_path, messages_api, reader):
    path = _text_pdf(tmp_path / "short.pdf", TOP)
    messages_api.script(message(_answer(GOOD[0])))
    statements, (rejected,) = read_file(path, reader)
    assert statements == ()
    assert rejected.code == "statement_model_rejected" and rejected.severity == "error"
    assert ("it does not prove: opening 100.00 and the 1 lines give 95.50, but the closing balance printed is "
            "75.50") in rejected.message
    assert "CSV, OFX or MT940" in rejected.message


def test_a_reading_that_invents_a_line_fails_the_citation_check(tmp_path, messages_api, reader):
    path = _text_pdf(tmp_path / "invented.pdf", TOP)
    invented = _line("2024-03-20", "Lantern Cinemas", "-12.00")
    messages_api.script(message(_answer(*GOOD, invented, closing="63.50")))
    statements, (rejected,) = read_file(path, reader)
    assert statements == ()
    assert ("its line of 2024-03-20 for -12.00 fails the citation check: -12.00 with 'Lantern Cinemas' is not "
            "printed on page 1") in rejected.message


def test_a_scan_is_read_by_the_model_with_page_citations_marked_unverified(tmp_path, messages_api, reader, make_pdf):
    scan = make_pdf("scan.pdf", None, image=True)
    messages_api.script(message(_answer(*GOOD)))
    (read,), (note,) = read_file(scan, reader)
    assert read.method == "model" and [l.amount for l in read.lines] == [D("-4.50"), D("-20.00")]
    assert [(l.verified, l.citation.page, l.citation.text) for l in read.lines] == [(False, 1, "-4.50"),
                                                                                 (False, 1, "-20.00")]
    assert read.lines[0].citation.bbox == pytest.approx((0.0, 0.0, 595.28, 841.89), abs=0.01)
    assert note.severity == "warning" and "cited by page only and not verified" in note.message


def test_a_statement_the_rules_cannot_prove_gets_a_second_reading_that_must_keep_its_balances(
        tmp_path, messages_api, reader):
    from tests.month_end_close.test_statements_made import Col, Sheet, make

    columns = [Col("Date", 40), Col("Description", 100), Col("Amount", 400, right=True),
               Col("Balance", 480, right=True)]
    sheet = Sheet(["Statement 1 March 2024 to 31 March 2024", "Opening balance 100.00", "Closing balance 75.50"],
                  columns, [["05 Mar", "Bluefin Coffee", "-4.50", "95.50"],
                            ["12 Mar", "Orbit Mobile", "-20.00", "57.50"]])
    path = make(tmp_path / "typo.pdf", sheet)  # 75.50 after the second line, printed 57.50
    messages_api.script(message(_answer(*GOOD)))  # the lines, without the balances printed beside them
    (read,), (rejected,) = read_file(path, reader)
    assert read.method == "rules" and not proves(read)
    assert "it gave 0 running balances, but the statement prints 2" in rejected.message
    assert "statement_unproved" in {f.code for f in prove([read])}


def test_offline_a_statement_only_a_model_could_read_names_the_two_ways_forward(tmp_path, make_pdf):
    with pytest.raises(NeedsModel) as caught:
        read_file(make_pdf("scan.pdf", None, image=True))
    message_ = str(caught.value)
    assert caught.value.exit_code == 2 and "has no text layer (a scan)" in message_
    assert "--model MODEL_ID" in message_ and "export of the account (CSV, OFX or MT940)" in message_


def test_in_a_close_folder_offline_a_scan_is_a_finding_beside_statements_that_read(tmp_path, make_pdf):
    from month_end_close.context import Context
    from month_end_close.folder import read_statements_noted

    folder = tmp_path / "close"
    folder.mkdir()
    _text_pdf(folder / "readable.pdf", ["Statement 1 March 2024 to 31 March 2024", "Opening balance 100.00",
                                        "Closing balance 90.00"])
    make_pdf("scan.pdf", None, image=True).rename(folder / "scan.pdf")
    with pytest.raises(NeedsModel):  # neither can be read: the text one has no table either
        read_statements_noted(folder, Context())
    (folder / "readable.pdf").unlink()
    from tests.month_end_close.test_statements_made import Col, Sheet, make

    make(folder / "march.pdf", Sheet(["Statement 1 March 2024 to 31 March 2024", "Opening balance 100.00",
                                      "Closing balance 90.00"], [Col("Date", 40), Col("Details", 100),
                                                                 Col("Amount", 420, right=True)],
                                     [["05 Mar", "Cobalt Fitness", "-10.00"]]))
    statements, (needs,) = read_statements_noted(folder, Context())
    assert [s.path.split("/")[-1] for s in statements] == ["march.pdf"]
    assert (needs.code, needs.severity, needs.subject) == ("statement_needs_model", "error", "scan.pdf")
    assert "--model MODEL_ID" in needs.message and "CSV, OFX or MT940" in needs.message
