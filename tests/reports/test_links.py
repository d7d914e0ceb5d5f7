"""Every cited fact, match and finding in each report links to evidence that is there:
a PNG of the PDF region on disk, or the cited line in the page; a finding about an
absence has no link and says so. The evidence section holds exactly what the page cites."""

from __future__ import annotations

import pytest
from PIL import Image

from shared.documents.verify import normalise
from tests.reports.conftest import RUNS
from tests.reports.page import Report, is_png, text

CITED_ITEMS = ("fact", "segment-fact", "metric", "comparison", "tieout", "hit", "holding", "party", "application-field",
               "document-field", "unmatched", "match", "entry", "unmapped", "driver")


@pytest.fixture(scope="module", params=sorted(RUNS))
def report(request, report_of) -> Report:
    return report_of(request.param)


def test_every_link_reaches_its_evidence(report: Report) -> None:
    links = report.all("//a[@data-cite]")
    assert links, "the report cites nothing"
    for link in links:
        entry = report.evidence(link)
        assert "evidence" in entry.get("class").split()
        check_entry(report, entry)


def check_entry(report: Report, entry) -> None:
    kind = entry.get("data-evidence")
    cited = normalise(text(entry.xpath(".//q[@data-cited-text]")[0]))
    if kind == "image":
        (image,) = entry.xpath(".//img")
        path = report.run_dir / image.get("src")
        assert is_png(path), f"{image.get('src')} is not a PNG in the run folder"
        with Image.open(path) as png:
            assert png.size == (int(image.get("width")), int(image.get("height")))
        assert cited in image.get("alt") and "page" in image.get("alt")
    elif kind == "lines":
        lines = entry.xpath(".//*[@data-cited-line]")
        assert lines and len(entry.xpath(".//pre/span")) > len(lines), "no context around the cited line"
        shown = normalise(" ".join(text(line) for line in lines))
        assert cited.replace(" ", "") in shown.replace(" ", "")
    elif kind == "snippet":
        assert cited in normalise(text(entry.xpath(".//mark")[0]))
    else:
        pytest.fail(f"{entry.get('id')}: {kind}: {text(entry)}")


def test_each_cited_item_links_to_evidence(report: Report) -> None:
    items = report.all("//*[@data-item]")
    assert items
    for item in items:
        kind = item.get("data-item")
        links = item.xpath(".//a[@data-cite]")
        if kind == "finding":
            continue
        assert kind in CITED_ITEMS, kind
        assert links, f"{kind} {item.get('data-id')} links to no evidence"


def test_findings_link_their_citations_and_absences_say_so(report: Report) -> None:
    findings = report.result["findings"]
    shown = {li.get("data-id"): li for li in report.all("//li[@data-item='finding']")}
    assert set(shown) == {f["id"] for f in findings}
    for finding in findings:
        item = shown[finding["id"]]
        targets = [report.evidence(a) for a in item.xpath(".//a[@data-cite]")]
        if not finding["citations"]:
            assert targets == [] and item.get("data-absence") is not None
            assert "No evidence to show" in text(item)
            continue
        cited = {normalise(c["text"]) for c in finding["citations"]}
        assert {normalise(text(t.xpath(".//q")[0])) for t in targets} == cited


def test_the_evidence_is_what_the_page_cites_and_no_more(report: Report) -> None:
    entries = report.all("//article[@data-evidence]")
    linked = {a.get("data-cite") for a in report.all("//a[@data-cite]")}
    assert {e.get("id") for e in entries} == linked
    images = {e.xpath(".//img")[0].get("src") for e in entries if e.get("data-evidence") == "image"}
    on_disk = {f"evidence/{p.name}" for p in (report.run_dir / "evidence").glob("*.png")} \
        if (report.run_dir / "evidence").is_dir() else set()
    assert images == on_disk


def test_the_page_stands_alone(report: Report) -> None:
    """No script, nothing fetched: every src and stylesheet is a file of the run folder."""
    assert report.tree.get("lang") == "en"
    assert report.all("//script") == [] and report.all("//link") == []
    for element in report.all("//*[@src]"):
        assert not element.get("src").startswith(("http:", "https:", "//", "/")), element.get("src")
    assert "@media print" in text(report.one("//style")) and "table-header-group" in text(report.one("//style"))
    for th in report.all("//thead//th"):
        assert th.get("scope") == "col"
