"""Evidence pictures and lines: the band around a cited box with the box outlined, each
page drawn once, identical places merged, a CSV row found among its lines, and a clear
note (not a crash) when the source is missing or has changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from shared.documents.citation import CsvCitation, HtmlCitation, Mt940Citation, PdfCitation, TextCitation
from shared.reports import crop
from shared.reports.context import CsvRows, window
from shared.reports.evidence import EvidenceCollector
from tests.reports.page import is_png

RED = crop.OUTLINE


def blank_page(width: int = 600, height: int = 800, scale: float = 1.0) -> crop.RenderedPage:
    return crop.RenderedPage(image=Image.new("RGB", (width, height), "white"), scale=scale, origin=(0.0, 0.0))


def test_the_band_spans_the_page_width_around_the_box_and_outlines_it() -> None:
    page = blank_page(scale=2.0)  # 2 pixels a point
    image, box = crop.cited_region(page, (100.0, 200.0, 150.0, 210.0), margin_pt=30)
    assert image.size == (600, 20 + 2 * 60)  # the box's 10 points and 30 either side, at 2 px a point
    assert box == (200, 60, 300, 80)
    pixels = image.load()
    x0, top, x1, bottom = box
    assert pixels[x0 - 2, (top + bottom) // 2] == RED and pixels[x1 + 2, (top + bottom) // 2] == RED
    assert pixels[(x0 + x1) // 2, top - 2] == RED
    inside = pixels[(x0 + x1) // 2, (top + bottom) // 2]
    assert inside != (255, 255, 255) and inside[0] == 255 and inside[2] < 255  # yellow wash, not a blank
    assert pixels[10, 10] == (255, 255, 255) and pixels[590, 130] == (255, 255, 255)


def test_a_box_at_the_top_of_the_page_keeps_the_band_on_the_page() -> None:
    assert crop.band((600, 800), (10, 0, 50, 12), 40) == (0, 0, 600, 52)
    assert crop.band((600, 800), (10, 790, 50, 800), 40) == (0, 750, 600, 800)


def test_a_pdf_citation_becomes_a_png_of_its_region_and_each_page_is_drawn_once(make_pdf, tmp_path,
                                                                               monkeypatch) -> None:
    from shared.documents.pdf import open_pdf

    pdf = make_pdf(text="Total revenue 1,234", x=72, y=100)
    with open_pdf(pdf) as document:
        word = next(w for w in document.words(1) if w.text == "1,234")
        cited = document.cite(1, word.bbox, "1,234")
    drawn = []
    real = crop.render_page
    monkeypatch.setattr(crop, "render_page", lambda page, *a: drawn.append(page) or real(page, *a))
    collector = EvidenceCollector(tmp_path / "run")
    first = collector.ref(cited)
    again = collector.ref(cited.model_dump(mode="json"))  # as a template passes it: JSON data
    other = collector.ref(cited.model_copy(update={"bbox": (72.0, 100.0, 100.0, 112.0)}))
    assert first == again and other.anchor != first.anchor and (first.number, other.number) == (1, 2)
    entries = collector.entries()
    assert [e.status for e in entries] == ["image", "image"] and len(drawn) == 1
    png = tmp_path / "run" / entries[0].image
    assert is_png(png) and entries[0].size == Image.open(png).size
    assert first.document == pdf.name and first.where == "page 1"
    # The outline is in the picture, around where the figure sits.
    marked = Image.open(png).convert("RGB")
    reds = [(x, y) for x in range(marked.width) for y in range(marked.height)
            if _near(marked.getpixel((x, y)), RED)]
    scale = crop.RESOLUTION / 72
    assert reds and min(x for x, _ in reds) <= word.bbox[0] * scale <= max(x for x, _ in reds)
    # The final report after the review draws nothing again: the images are there.
    drawn.clear()
    again_collector = EvidenceCollector(tmp_path / "run")
    again_collector.ref(cited)
    assert again_collector.entries()[0].status == "image" and drawn == []


def _near(pixel, colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_missing_or_changed_source_is_said_not_drawn(make_pdf, tmp_path) -> None:
    pdf = make_pdf()
    missing = PdfCitation(doc_sha256="0" * 64, path=str(tmp_path / "gone.pdf"), text="1,234", page=1,
                          bbox=(72.0, 100.0, 110.0, 112.0))
    # The file is there but its hash is not the cited one.
    changed = missing.model_copy(update={"path": str(pdf), "doc_sha256": "1" * 64})
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("id,amount\nL1,10.00\n")
    moved = CsvCitation(doc_sha256=_sha(ledger), path=str(ledger), text="10.00", row=1, column="amount")
    ledger.write_text("id,amount\nL1,99.00\n")
    collector = EvidenceCollector(tmp_path / "run")
    for citation in (missing, changed, moved):
        collector.ref(citation)
    entries = collector.entries()
    assert [e.status for e in entries] == ["unavailable"] * 3
    assert "is missing" in entries[0].problem and "changed" in entries[1].problem and "changed" in entries[2].problem
    assert not (tmp_path / "run" / "evidence").exists()


def test_a_csv_row_is_shown_with_the_header_and_its_neighbours(tmp_path) -> None:
    ledger = tmp_path / "ledger.csv"
    rows = [f'L{i},"line {i}",{i}.00' for i in range(1, 11)]
    rows[3] = 'L4,"a description\nover two lines",4.00'
    ledger.write_text("id,description,amount\n" + "\n".join(rows) + "\n")
    cited = CsvCitation(doc_sha256=_sha(ledger), path=str(ledger), text="6.00", row=6, column="amount")
    collector = EvidenceCollector(tmp_path / "run")
    collector.ref(cited)
    (entry,) = collector.entries()
    assert entry.status == "lines"
    marked = [l for l in entry.lines if l.cited]
    assert [(l.number, l.text) for l in marked] == [(8, 'L6,"line 6",6.00')]  # row 4 takes two lines
    assert entry.lines[0].number == 1 and entry.lines[0].text == "id,description,amount"
    assert [l.number for l in entry.lines[1:]] == list(range(5, 12))


def test_row_spans_with_and_without_quotes() -> None:
    assert CsvRows(["a,b", "1,2", "3,4"]).span(2) == (3, 3)
    assert CsvRows(["a,b", '"x', 'y",2', "3,4"]).span(2) == (4, 4)
    assert CsvRows(["a,b", "1,2"]).span(5) is None


def test_the_window_marks_the_cited_lines_only() -> None:
    lines = [f"line {n}" for n in range(1, 21)]
    shown = window(lines, 10, 11, around=2)
    assert [(l.number, l.cited) for l in shown] == [
        (8, False), (9, False), (10, True), (11, True), (12, False), (13, False)]


def test_text_and_html_citations(tmp_path) -> None:
    note = tmp_path / "application.json"
    note.write_text('{\n  "name": "Kestrel <Ltd>",\n  "type": "company"\n}\n')
    page = tmp_path / "filing.htm"
    page.write_text('<html><body><table><tr><td>Total net sales</td><td><span id="f1">81,797</span></td>'
                    '<td>82,959</td></tr><tr><td>Same again</td><td>7</td><td><b id="f2">7</b></td></tr></table>'
                    '</body></html>')
    collector = EvidenceCollector(tmp_path / "run")
    collector.ref(TextCitation(doc_sha256=_sha(note), path=str(note), text="Kestrel <Ltd>", line=2))
    collector.ref(HtmlCitation(doc_sha256=_sha(page), path=str(page), text="81,797", element_id="f1"))
    collector.ref(HtmlCitation(doc_sha256=_sha(page), path=str(page), text="7", element_id="f2"))
    text_entry, html_entry, second_seven = collector.entries()
    assert [l.text for l in text_entry.lines if l.cited] == ['  "name": "Kestrel <Ltd>",']
    assert html_entry.snippet == ("Total net sales ", "81,797", " 82,959")
    assert second_seven.snippet == ("Same again 7 ", "7", "")  # the cited 7, not the first one in the row


def test_a_statement_record_marks_every_line_it_spans(tmp_path) -> None:
    sta = tmp_path / "statement.sta"
    sta.write_text(":20:REF\n:25:ACCOUNT\n:61:2401020102D14,00NTRFNONREF\n:86:CARD PAYMENT\n:62F:C240102EUR1,00\n")
    collector = EvidenceCollector(tmp_path / "run")
    collector.ref(Mt940Citation(doc_sha256=_sha(sta), path=str(sta), text="14,00", record=1, lines=(3, 4)))
    (entry,) = collector.entries()
    assert [(l.number, l.cited) for l in entry.lines] == [(1, False), (2, False), (3, True), (4, True), (5, False)]
    assert entry.ref.where == "record 1, lines 3-4"


def test_nothing_can_be_cited_after_the_evidence_is_built(tmp_path) -> None:
    collector = EvidenceCollector(tmp_path)
    assert collector.entries() == ()
    with pytest.raises(RuntimeError):
        collector.ref(TextCitation(doc_sha256="0" * 64, path="x.txt", text="x", line=1))


def test_a_page_that_cannot_be_drawn_is_said_and_the_rest_goes_on(make_pdf, tmp_path, monkeypatch) -> None:
    from shared.documents.pdf import open_pdf

    pdf = make_pdf()
    with open_pdf(pdf) as document:
        cited = document.cite(1, (72.0, 100.0, 150.0, 112.0), "Total")

    def broken(page, *args):
        raise RuntimeError("Failed to render page")

    monkeypatch.setattr(crop, "render_page", broken)
    note = tmp_path / "note.txt"
    note.write_text("one\ntwo\n")
    collector = EvidenceCollector(tmp_path / "run")
    collector.ref(cited)
    collector.ref(TextCitation(doc_sha256=_sha(note), path=str(note), text="two", line=2))
    drawn, lines = collector.entries()
    assert drawn.status == "unavailable"
    assert drawn.problem == "page 1 could not be drawn: RuntimeError: Failed to render page"
    assert lines.status == "lines"


def test_a_filled_form_field_is_drawn_with_its_value(tmp_path) -> None:
    """The W-9's values live in its widgets: the picture must show them, not a blank box."""
    from shared.documents.forms import form_fields
    from shared.documents.pdf import open_pdf
    from tests.kyc.generated import w9_case_dir

    form = w9_case_dir() / "application.pdf"  # built from the corpus's blank form (skips without it)
    with open_pdf(form) as document:
        field = next(f for f in form_fields(document, 1) if f.value == "Rebecca Lynn Thornton")
        cited = document.cite(1, field.bbox, field.value)
    collector = EvidenceCollector(tmp_path / "run")
    collector.ref(cited)
    (entry,) = collector.entries()
    picture = Image.open(tmp_path / "run" / entry.image).convert("L")
    scale = crop.RESOLUTION / 72
    top = int(crop.MARGIN_PT * scale)  # the band starts this far above the box
    inside = picture.crop((int(field.bbox[0] * scale) + 4, top + 3, int(field.bbox[2] * scale) - 4,
                           top + int((field.bbox[3] - field.bbox[1]) * scale) - 3))
    assert inside.getextrema()[0] < 80  # dark strokes of the typed name
