"""The memo says why, from the MD&A: the MD&A and the segment note are found by their
headings (not on the contents page), the passages that explain the figures go to the
model as a document with their page numbers, and every reason it quotes is looked up on
the page it cites: a quote found there stands, an invented or altered one, or one on
another page, is marked not found and is a finding. Figures cite the ids they were given.

Run on the project's synthetic sample (its MD&A is page 8), on a corpus filing of each
format, through the fake model and through the real SDK against the loopback Messages
API; the locator on every filing of the corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from earnings_review import nodes
from earnings_review.extract import extract_statements
from earnings_review.filing import identify
from earnings_review.filing_pages import filing_pages, html_pages
from earnings_review.ixbrl import read_ixbrl
from earnings_review.mdna import item_headings, locate_mdna, locate_segment_note, page_lines, section_lines
from earnings_review.memo_check import find_quote, folded
from earnings_review.metrics import compute_metrics
from earnings_review.model_steps import mdna_passages
from earnings_review.schemas import MemoDraft, QuotedReason
from shared.cli import main
from shared.documents import open_html, open_pdf
from shared.llm import DocumentInput, FakeModel
from shared.workflows import get_workflow
from tests.conftest import REPO_ROOT
from tests.support.corpus import corpus_glob, needs_corpus
from tests.support.messages_api import message

SAMPLE_DIR = REPO_ROOT / "earnings_review" / "sample"
SAMPLE = SAMPLE_DIR / "QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf"
# Page 8 of the sample: its MD&A, as the generator writes it.
MIX = ("Gross margin was 54.8% of revenues, against 53.2% a year earlier, on a richer mix of software and "
       "services.")
INVENTED = "Revenues grew on exceptionally strong demand for calibration services in every region."
MODEL = "claude-sonnet-4-6"
KEY = "sk-ant-loopback-test-key-0123456789"
PDFS = corpus_glob("earnings/pdfs", "*.pdf")
IXBRL = corpus_glob("earnings/ixbrl_html", "*.htm") + corpus_glob("earnings/ixbrl_more", "*.html")


# -- helpers ---------------------------------------------------------------------------------


def pdf_state(path: Path) -> dict[str, Any]:
    with open_pdf(path) as pdf:
        facts, sha256, first = list(extract_statements(pdf).facts), pdf.sha256, pdf.page_text(1)
    return _state(path, sha256, facts, "pdf", identify(first, path).document_type)


def ixbrl_state(path: Path) -> dict[str, Any]:
    document = open_html(path)
    read = read_ixbrl(document)
    return _state(path, document.sha256, list(read.facts), "ixbrl", read.document_type or "filing")


def _state(path: Path, sha256: str, facts: list, kind: str, document_type: str) -> dict[str, Any]:
    return {"facts": facts, "metrics": list(compute_metrics(facts)), "comparisons": [], "findings": [],
            "filing": {"path": str(path), "sha256": sha256, "format": kind, "company": "A company",
                       "document_type": document_type}}


def runtime(model: FakeModel) -> SimpleNamespace:
    settings = SimpleNamespace(workflow=SimpleNamespace(value=SimpleNamespace()))
    return SimpleNamespace(context=SimpleNamespace(model=model, settings=settings,
                                                   prompts=get_workflow("earnings_review").prompt_library()))


def draft(*reasons: QuotedReason, paragraphs: tuple[str, ...] = ("Revenue was $4,812 million [F1].",)) -> MemoDraft:
    return MemoDraft(reasons=list(reasons), paragraphs=list(paragraphs), headline="Revenue rose.")


def write(state: dict[str, Any], answer: MemoDraft) -> tuple[dict[str, Any], FakeModel]:
    model = FakeModel([answer], model_id="claude-test")
    return nodes.write_memo(state, runtime(model)), model


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


# -- the synthetic sample, through the fake model --------------------------------------------


def test_a_reason_quoted_from_its_page_is_verified_and_shown_with_its_page() -> None:
    update, model = write(pdf_state(SAMPLE), draft(QuotedReason(movement="Gross margin 54.84% [F121]", quote=MIX,
                                                                page=8)))
    memo = update["memo"]
    (quote,) = memo.quotes
    assert (quote.found, quote.page, quote.found_on) == (True, 8, ())
    assert f'- Gross margin 54.84%: "{MIX}" (page 8)' in memo.text and "not found" not in memo.text
    assert update["findings"] == [] and memo.unverified == ()
    # The passages went as a document of their own, each under its page; not in the prompt.
    (call,) = model.calls
    (document,) = call.documents
    assert isinstance(document, DocumentInput) and document.name.startswith("MD&A passages of ")
    assert f"[page 8, MD&A]\n{MIX}" in document.text and MIX not in call.prompt


def test_an_invented_reason_is_marked_not_found_and_is_a_finding() -> None:
    update, _ = write(pdf_state(SAMPLE), draft(QuotedReason(movement="Revenue up 8.67% [F124]", quote=INVENTED,
                                                            page=8)))
    memo = update["memo"]
    assert [(q.found, q.found_on) for q in memo.quotes] == [(False, ())]
    assert f'"{INVENTED}" (page 8) [quote not found on page 8 of the filing]' in memo.text
    (finding,) = update["findings"]
    assert (finding.code, finding.severity, finding.subject) == ("memo_quote_not_found", "warning", "memo reason 1")
    assert INVENTED in finding.message and "nowhere in the filing" in finding.message


def test_a_quote_altered_by_one_word_is_not_found() -> None:
    altered = MIX.replace("richer", "better")
    update, _ = write(pdf_state(SAMPLE), draft(QuotedReason(movement="Gross margin", quote=altered, page=8)))
    assert [q.found for q in update["memo"].quotes] == [False]
    assert [f.code for f in update["findings"]] == ["memo_quote_not_found"]


def test_a_true_quote_on_the_wrong_page_is_rejected_and_the_finding_says_where_it_is() -> None:
    update, _ = write(pdf_state(SAMPLE), draft(QuotedReason(movement="Gross margin", quote=MIX, page=7)))
    (quote,) = update["memo"].quotes
    assert (quote.found, quote.found_on) == (False, (8,))
    assert "[quote not found on page 7 of the filing; it is on page 8]" in update["memo"].text
    (finding,) = update["findings"]
    assert "The words are on page 8, not the page cited." in finding.message


def test_a_figure_is_checked_against_the_id_it_cites_and_the_id_is_taken_out() -> None:
    paragraphs = ("Revenue was $4,812 million [F1] against $4,428 million [F2] a year earlier.",
                  "Revenue was $4,812 million [F2], which is the prior year's id.",
                  "Gross margin was 54.84% [F121].")
    update, model = write(pdf_state(SAMPLE), draft(paragraphs=paragraphs))
    memo = update["memo"]
    assert memo.unverified == ("$4,812 million",) and memo.figures_checked == 4
    assert "Revenue was $4,812 million [unverified], which" in memo.text
    assert "[F" not in memo.text
    # The ids are those the prompt gave each figure.
    prompt = model.calls[0].prompt
    assert "- [F1] Total revenues (Revenues), 3 months to 2025-09-30: 4812000000" in prompt
    assert "- [F121] gross_margin, 3 months to 2025-09-30: 54.84%" in prompt
    assert "Current period: 3 months to 2025-09-30. Compared with: 3 months to 2024-09-30." in prompt


@pytest.mark.parametrize(("paragraph", "figure"), [("Revenue was $4,812 [F2] million.", "$4,812 million"),
                                                   ("Revenue was 4,812 million dollars [F2].", "4,812 million")])
def test_an_id_set_inside_a_figure_or_after_its_unit_still_cites_that_figure(paragraph: str, figure: str) -> None:
    """F2 is the prior year's revenue: the figure is checked against it alone, so it
    is marked, not matched against every figure of the run (where 4,812 is)."""
    update, _ = write(pdf_state(SAMPLE), draft(paragraphs=(paragraph,)))
    assert update["memo"].unverified == (figure,)


def test_figures_inside_a_quote_found_on_its_page_are_the_filings_and_not_marked() -> None:
    """"19.0%" is no figure of the run; inside the filing's own words it is not the
    analyst's to check, and nothing is marked inside the quote."""
    quote = "The effective tax rate was 19.0%."
    update, _ = write(pdf_state(SAMPLE), draft(QuotedReason(movement="Tax", quote=quote, page=8)))
    memo = update["memo"]
    assert memo.quotes[0].found and memo.unverified == ()
    assert f'- Tax: "{quote}" (page 8)' in memo.text and "quote a" not in memo.text


def test_figures_inside_a_quote_not_found_are_checked_as_any_other() -> None:
    quote = "The effective tax rate was 21.5% for the quarter."
    update, _ = write(pdf_state(SAMPLE), draft(QuotedReason(movement="Tax", quote=quote, page=8)))
    memo = update["memo"]
    assert not memo.quotes[0].found and memo.unverified == ("21.5%",)
    assert "21.5% [unverified]" in memo.text


@pytest.mark.parametrize("quote", [".", "increased", "revenues were up", "8%"])
def test_a_quote_too_short_to_prove_anything_is_not_taken_as_found(quote: str) -> None:
    update, _ = write(pdf_state(SAMPLE), draft(QuotedReason(movement="Revenue", quote=quote, page=8)))
    (checked,) = update["memo"].quotes
    assert (checked.found, checked.too_short) == (False, True)
    assert "[quote too short to check against the filing]" in update["memo"].text
    (finding,) = update["findings"]
    assert finding.code == "memo_quote_not_found" and "too few words" in finding.message


def test_the_locator_finds_the_samples_mdna_past_its_contents_page() -> None:
    pages = filing_pages(SAMPLE, "pdf").texts
    mdna, note = locate_mdna(pages), locate_segment_note(pages)
    assert mdna is not None and mdna.start.page == 8 and mdna.pages == (8,)
    assert note is not None and note.heading == "Note 7. Segment Information"
    assert note.start.page == 7 and note.end == mdna.start  # the note runs up to the MD&A's heading


def test_the_reason_comes_before_the_paragraphs_and_the_headline_last() -> None:
    fields = list(MemoDraft.model_json_schema()["properties"])
    assert fields.index("reasons") < fields.index("paragraphs") < fields.index("headline")


# -- rules on small invented inputs ----------------------------------------------------------


def test_quotes_are_compared_with_whitespace_curly_quotes_and_dashes_folded_only() -> None:
    page = "Sales rose 4% on “strong” demand \u2014 mainly\nin the West.\nNext line."
    assert find_quote('Sales rose 4% on "strong" demand - mainly in the West.', 1, [page]).found
    assert find_quote("Sales rose 4% on &quot;strong&quot; demand", 1, [page]).found  # the prompt's own quoting
    assert not find_quote("Sales rose 5% on", 1, [page]).found
    assert not find_quote("sales rose 4%", 1, [page]).found  # case is not folded
    assert not find_quote("Sales rose 4% ... in the West.", 1, [page]).found
    assert not find_quote("", 1, [page]).found
    assert folded("a\u2019b \u2013 c\ufffed") == "a'b - c-d"


CONTENTS = "INDEX\nItem 1. Financial Statements 3\nItem 2. Management's Discussion and Analysis 9\nItem 3. Risk 20\n"
RUNNING = "Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations\n"


def test_the_contents_page_and_a_reference_in_a_sentence_are_not_the_mdna() -> None:
    body = "\n".join(f"Revenue line {n} increased due to volume." for n in range(12))
    pages = [CONTENTS,
             "Item 2. Management's Discussion and Analysis of Financial Condition, see page 9 for more\n" + body,
             "Item 2. Management's Discussion and Analysis\n" + body,
             "Item 3. Quantitative and Qualitative Disclosures About Market Risk\nNone."]
    section = locate_mdna(pages)
    assert section is not None and (section.start.page, section.end.page) == (3, 4)


def test_a_heading_repeated_atop_each_page_does_not_end_the_mdna() -> None:
    body = "\n".join(f"Operating income line {n} rose." for n in range(10))
    pages = ["Item 7. Management's Discussion and Analysis 40\nItem 7A. Quantitative 55\nItem 8. Financial 57",
             RUNNING + body, RUNNING + body, "ITEM 7A. QUANTITATIVE AND QUALITATIVE DISCLOSURES\nRates."]
    section = locate_mdna(pages)
    assert section is not None and section.pages == (2, 3)
    assert len(section_lines(section, page_lines(pages))) == 21  # both pages, the repeated heading included


@pytest.mark.parametrize("heading", [
    "PART I — ITEM 2. MANAGEMENT’S DISCUSSION AND ANALYSIS OF FINANCIAL CONDITION AND RESULTS OF OPERATIONS",
    "Part I, Item 2. Management's Discussion and Analysis",
    "ITEM 2 — MANAGEMENT'S DISCUSSION AND ANALYSIS",
    "Item 2.\nManagement's Discussion and Analysis of Financial Condition and Results of Operations"])
def test_the_part_on_the_items_line_or_its_title_on_the_next_is_still_the_mdna(heading: str) -> None:
    body = "\n".join(f"Net sales line {n} increased due to higher volume." for n in range(12))
    pages = [CONTENTS, heading + "\n" + body,
             "Item 3. Quantitative and Qualitative Disclosures About Market Risk\nNone."]
    section = locate_mdna(pages)
    assert section is not None and (section.start.page, section.end.page) == (2, 3)


def test_an_mdna_incorporated_by_reference_is_found_under_its_title_alone() -> None:
    """A 10-K whose Item 7 points to the annual report, which prints the MD&A under its
    title only; it ends where the market-risk section begins."""
    body = "\n".join(f"Revenue line {n} rose on pricing." for n in range(12))
    pages = ["Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations\n"
             "The information required is incorporated herein by reference to the Annual Report.\n"
             "Item 7A. Quantitative and Qualitative Disclosures About Market Risk\nSee the Annual Report.",
             "MANAGEMENT'S DISCUSSION AND ANALYSIS\n" + body,
             body + "\nQuantitative and Qualitative Disclosures About Market Risk\nWe are exposed to rates."]
    section = locate_mdna(pages)
    assert section is not None and section.heading == "MANAGEMENT'S DISCUSSION AND ANALYSIS"
    assert (section.start.page, section.end.page, section.end.line) == (2, 3, 12)


def test_the_segment_note_is_found_by_its_title_past_the_notes_index() -> None:
    body = "\n".join(f"Segment line {n}: Americas revenue increased." for n in range(8))
    pages = ["Note 6 - Debt\n40\nNote 7 - Segment Information\n42\nNote 8 - Leases\n45",
             "Note 6 - Debt\nThe notes mature in 2030.\nNOTE 7\nSEGMENT INFORMATION\n" + body
             + "\nNote 8 - Leases\nNone."]
    note = locate_segment_note(pages)
    assert note is not None and (note.start.page, note.start.line, note.heading) == (2, 2, "NOTE 7")
    assert note.end.line == 12  # "Note 8 - Leases"


def test_an_earnings_release_has_no_mdna() -> None:
    assert locate_mdna(["Acme Corp. today reported results.\nRevenue rose 4% due to volume."]) is None


def test_html_pages_split_at_page_breaks_without_hidden_or_comment_text(tmp_path: Path) -> None:
    page = tmp_path / "filing.htm"
    page.write_text(
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>'
        '<div style="display:none"><ix:header>hidden context</ix:header></div>'
        "<div>Item 2. <span>Management's</span> Discussion</div><!-- a comment -->"
        '<table><tr><td>Revenue</td><td>1,234</td></tr></table><hr style="page-break-after:always"/>'
        '<div style="break-before: page">Second page</div></body></html>', encoding="utf-8")
    assert html_pages(open_html(page)) == ("Item 2. Management's Discussion\nRevenue 1,234", "Second page")


# -- corpus filings ------------------------------------------------------------------------------


def _document_type(path: Path) -> str:
    if path.suffix == ".pdf":
        with open_pdf(path) as pdf:
            return identify(pdf.page_text(1), path).document_type
    return read_ixbrl(open_html(path)).document_type or "filing"


@needs_corpus
@pytest.mark.parametrize("path", PDFS + IXBRL, ids=lambda p: p.name)
def test_the_locator_finds_each_corpus_reports_mdna_and_not_its_contents(path: Path) -> None:
    pages = filing_pages(path, "pdf" if path.suffix == ".pdf" else "ixbrl").texts
    section, kind = locate_mdna(pages), _document_type(path)
    if kind not in ("10-K", "10-Q"):
        assert section is None  # a release has no MD&A
        return
    assert section is not None, f"{path.name}: no MD&A found"
    assert "management's discussion" in folded(section.heading + " " + _next_line(section, pages)).lower()
    lines = page_lines(pages)
    body = section_lines(section, lines)
    # The contents page names every item within a page; the MD&A runs on for pages.
    contents = min(h.place.page for h in item_headings(lines))
    assert section.start.page > contents and len(section.pages) >= 3 and len(body) >= 100
    ending = {"10-K": ("7A", "8"), "10-Q": ("3", "4")}[kind]
    after = [h.item for h in item_headings(lines) if h.place == section.end]
    assert after == [] or after[0] in ending


def _next_line(section: Any, pages: list[str] | tuple[str, ...]) -> str:
    own = page_lines(pages)[section.start.page - 1]
    return own[section.start.line + 1] if section.start.line + 1 < len(own) else ""


def _corpus_quote(state: dict[str, Any]) -> tuple[str, int]:
    """A sentence of the first passage the model would be sent, and its page."""
    passages = mdna_passages(state)
    assert passages, "no MD&A passage found"
    return first_sentence(passages[0].text), passages[0].page


def _corpus_filing(name: str) -> Path:
    found = [p for p in PDFS + IXBRL if p.name == name]
    if not found:
        pytest.skip(f"{name} is not in the corpus")
    return found[0]


@needs_corpus
@pytest.mark.parametrize(("name", "reader"), [("APPLE_2023Q3_10Q.pdf", pdf_state),
                                              ("aapl-20250329.htm", ixbrl_state)], ids=["pdf", "ixbrl"])
def test_a_reason_quoted_from_a_corpus_filing_is_verified_and_an_altered_one_is_not(name: str, reader) -> None:
    state = reader(_corpus_filing(name))
    quote, page = _corpus_quote(state)
    altered = quote.replace(" the ", " a ", 1) if " the " in quote else quote + " And more."
    update, model = write(state, draft(QuotedReason(movement="Revenue", quote=quote, page=page),
                                       QuotedReason(movement="Revenue", quote=altered, page=page),
                                       paragraphs=("Revenue fell.",)))
    assert [q.found for q in update["memo"].quotes] == [True, False]
    assert [f.subject for f in update["findings"]] == ["memo reason 2"]
    (document,) = model.calls[0].documents
    assert isinstance(document, DocumentInput)
    assert f"[page {page}, " in document.text and len(document.text) <= 13_000


# -- the real SDK against the loopback Messages API ------------------------------------------------


@pytest.fixture
def model_env(messages_api, monkeypatch, isolated_home):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", messages_api.url)
    return messages_api


def test_a_run_with_a_model_checks_each_quoted_reason_against_the_filing(model_env, isolated_home, tmp_path,
                                                                         capsys) -> None:
    memo = {"reasons": [{"movement": "Gross margin 54.84% [F121]", "quote": MIX, "page": 8},
                        {"movement": "Revenue up 8.67% [F124]", "quote": INVENTED, "page": 8},
                        {"movement": "Gross margin", "quote": MIX, "page": 3}],
            "paragraphs": ["Revenue was $4,812 million [F1] in the three months to 2025-09-30, up 8.67% [F124] "
                           "on the three months to 2024-09-30."],
            "headline": "Revenue grew 8.67% [F124].", "suspected_injection": []}
    # Only the memo asks the model: unknown statement lines stay unmapped, as offline.
    settings = "[engagement]\n\n[earnings_review]\nclassify_unknown_labels = false\n"
    (isolated_home / "engagement.toml").write_text(settings)
    model_env.script(message(json.dumps(memo)))
    out = tmp_path / "run"
    assert main(["run", "earnings_review", str(SAMPLE_DIR), "--out", str(out), "--model", MODEL]) == 0
    capsys.readouterr()
    result = json.loads((out / "result.json").read_text())
    checked = result["body"]["memo"]
    assert [(q["found"], q["found_on"]) for q in checked["quotes"]] == [(True, []), (False, []), (False, [8])]
    assert checked["unverified"] == [] and "[F" not in checked["text"] + checked["headline"]
    assert sorted(f["subject"] for f in result["findings"] if f["code"] == "memo_quote_not_found") == \
        ["memo reason 2", "memo reason 3"]
    shown = (out / "memo.md").read_text()
    assert f'"{MIX}" (page 8)\n' in shown and "[quote not found on page 3 of the filing; it is on page 8]" in shown
    assert "2 quoted reason(s) in this narrative are not on the page of the filing they cite" in shown
    # The memo request: the passages as a document block with their pages, before the ask.
    (request,) = [r.body for r in model_env.requests]
    blocks = request["messages"][0]["content"]
    assert [b["type"] for b in blocks] == ["text", "text"]
    assert blocks[0]["text"].startswith('<document name="MD&A passages of QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf"')
    assert f"[page 8, MD&A]\n{MIX}" in blocks[0]["text"]
    assert "- [F1] Total revenues (Revenues), 3 months to 2025-09-30: 4812000000" in blocks[1]["text"]
    assert "Reasons. The document \"MD&A passages\"" in blocks[1]["text"]
