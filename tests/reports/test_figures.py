"""The figures a report shows are the figures in result.json: each workflow's summary
and sections, read back from the page."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from shared.documents.verify import normalise
from tests.reports.page import figure, text


def test_the_summary_counts_findings_by_severity_and_shows_the_review_state(report_of) -> None:
    for name in ("kyc_missing_document", "earnings_review"):
        report = report_of(name)
        counts = Counter(f["severity"] for f in report.result["findings"])
        shown = {s.get("data-severity"): int(s.get("data-count")) for s in report.all("//*[@data-severity]")}
        assert shown == {s: counts.get(s, 0) for s in ("error", "warning", "info")}
        for severity, n in shown.items():
            assert text(report.one(f"//*[@data-severity='{severity}']")).startswith(f"{n} {severity}")
        assert report.one("//dd[@data-summary='review']").get("data-status") == "awaiting_review"
        assert "awaiting review" in text(report.one("//dd[@data-summary='review']"))
        usage = report.result["usage"]
        assert figure(report.one("//*[@data-tokens='input']")) == usage["input_tokens"]
        assert f"${usage['cost_usd']}" in text(report.one("//dd[@data-summary='usage']"))


def test_earnings_statement_cells_are_the_cited_figures(report_of) -> None:
    report = report_of("earnings_review")
    facts = {f["id"]: f for f in report.result["body"]["facts"]}
    filing = report.result["body"]["filing"]["path"].rsplit("/", 1)[-1]
    cells = report.all("//span[@data-item='fact']")
    assert len(cells) == len(facts)  # every fact shown once, in its statement
    for cell in cells:
        fact = facts[cell.get("data-id")]
        assert text(cell) == fact["citation"]["text"]
        assert cell.get("data-value") == fact["value"]
        entry = report.evidence(cell.xpath(".//a")[0])
        heading = text(entry.xpath(".//h3")[0])
        assert heading.endswith(f"page {fact['citation']['page']}") and filing in heading


def test_earnings_segment_figures_are_cited_where_they_were_read(report_of) -> None:
    report = report_of("earnings_review")
    expected = [(cell, c) for t in report.result["body"]["segments"] for row in t["rows"]
                for cell, c in zip(row["cells"], row["citations"]) if cell]
    shown = report.all("//span[@data-item='segment-fact']")
    assert expected and [text(s) for s in shown] == [cell for cell, _ in expected]
    for span, (_, citation) in zip(shown, expected):
        assert text(report.evidence(span.xpath(".//a")[0]).xpath(".//h3")[0]).endswith(f"page {citation['page']}")


def test_earnings_metrics_tieouts_and_comparisons_equal_the_result(report_of) -> None:
    report = report_of("earnings_review")
    body = report.result["body"]
    metrics = {m["id"]: m for m in body["metrics"]}
    rows = report.all("//tr[@data-item='metric']")
    assert {r.get("data-id") for r in rows} == set(metrics)
    for row in rows:
        assert figure(row.xpath("./td[@data-value]")[0]) == Decimal(metrics[row.get("data-id")]["value"])
    tieouts = {t["id"]: t for t in body["tieouts"]}
    rows = report.all("//tr[@data-item='tieout']")
    assert {r.get("data-id") for r in rows} == set(tieouts)
    for row in rows:
        tie = tieouts[row.get("data-id")]
        expected, actual, difference = (figure(td) for td in row.xpath("./td[@data-value]"))
        assert (expected, actual, difference) == (
            Decimal(tie["expected"]), Decimal(tie["actual"]), Decimal(tie["difference"]))
        assert ("passed" if tie["passed"] else "FAILED") in text(row)
    comparisons = {c["id"]: c for c in body["comparisons"]}
    rows = report.all("//tr[@data-item='comparison']")
    assert {r.get("data-id") for r in rows} == set(comparisons) and rows
    for row in rows:
        comparison = comparisons[row.get("data-id")]
        actual, difference = row.xpath("./td[@data-value]")
        assert figure(actual) == Decimal(comparison["actual"])
        assert figure(text(difference).split(" (")[0]) == Decimal(comparison["difference"])
        assert comparison["outcome"].replace("_", " ") in text(row)
    assert text(report.one("//dd[@data-summary='headline']")) == body["memo"]["headline"]


def test_kyc_hits_show_their_scores_field_by_field(report_of) -> None:
    report = report_of("kyc_sanctions_hit")
    hits = report.result["body"]["screening"]["hits"]
    shown = {a.get("data-id"): a for a in report.all("//article[@data-item='hit']")}
    assert hits and set(shown) == {h["id"] for h in hits}
    for hit in hits:
        article = shown[hit["id"]]
        assert figure(article.xpath(".//h3/span[@data-value]")[0]) == Decimal(hit["score"])
        for field, entry in hit["breakdown"].items():
            (row,) = article.xpath(f".//tr[@data-field='{field}']")
            score, weight = row.xpath("./td[@data-value]")
            assert (figure(score), figure(weight)) == (Decimal(entry["score"]), Decimal(entry["weight"]))
        (link,) = article.xpath(".//a[@data-cite]")
        assert normalise(text(link)) == normalise(hit["matched_name"])
        assert report.evidence(link).get("data-kind") == "list"
    summary = report.one("//dd[@data-summary='open-hits']")
    assert int(summary.get("data-count")) == len(hits) and text(summary).startswith(f"{len(hits)} open")
    risk = report.result["body"]["risk"]
    assert report.one("//dd[@data-summary='headline']//strong[@data-value]").get("data-value") == risk["recommendation"]
    assert [r.get("data-rule") for r in report.all("//tr[@data-rule]")] == [r["id"] for r in risk["rules"]]


def test_kyc_ownership_diagram_and_tables_follow_the_holdings(report_of) -> None:
    report = report_of("kyc_circular_holding")
    ownership = report.result["body"]["ownership"]
    (svg,) = report.all("//svg")
    edges = svg.xpath(".//*[@class='edge']")
    assert len(edges) == len(ownership["holdings"])
    assert sorted(text(e) for e in edges) == sorted(f"{h['percent']}%" for h in ownership["holdings"])
    assert len(svg.xpath(".//*[@class='cycle']")) == len(ownership["cycles"]) == 1
    names = {text(t) for t in svg.xpath(".//*[contains(@class, 'node')]/*[local-name()='title']")}
    assert {f"{ownership['customer']} (customer)"} <= names
    rows = report.all("//tr[@data-owner]")
    assert [(r.get("data-owner"), figure(r.xpath("./td[@data-value]")[0])) for r in rows] == \
        [(o["name"], Decimal(o["effective_percent"])) for o in ownership["owners"]]
    holdings = [figure(td) for td in report.all("//tr[@data-item='holding']/td[@data-value]")]
    assert holdings == [Decimal(h["percent"]) for h in ownership["holdings"]]


def test_close_reconciliation_statement_equals_the_result(report_of) -> None:
    report = report_of("month_end_close")
    statement = report.result["body"]["reconciliation"]["statement"]
    for key in ("bank_balance", "adjusted_bank", "book_balance", "adjusted_book", "unexplained_difference"):
        assert figure(report.one(f"//tr[@data-key='{key}']/td[@data-value]")) == Decimal(statement[key]), key
    adjustments = [figure(td) for td in report.all("//tr[@data-key='adjustment']/td[@data-value]")]
    ordered = [a for side in ("bank", "book") for a in statement["adjustments"] if a["side"] == side]
    assert adjustments == [Decimal(a["amount"]) for a in ordered]
    summary = report.one("//dd[@data-summary='unexplained']")
    assert figure(summary) == Decimal(statement["unexplained_difference"])
    bank_link = report.one("//tr[@data-key='bank_balance']//a[@data-cite]")
    evidence = report.evidence(bank_link)  # the sample's statement is a CSV export: its row, not a page crop
    assert evidence.get("data-evidence") == "lines"
    assert normalise(text(evidence.xpath(".//q")[0])) == statement["bank_balance"]


def test_close_exceptions_are_each_listed_with_their_lines(report_of) -> None:
    report = report_of("month_end_close")
    body = report.result["body"]
    rec = body["reconciliation"]
    lines = {("bank", l["id"]): l for l in body["bank_lines"]} | {("ledger", l["id"]): l for l in body["ledger_lines"]}
    rows = report.all("//tr[@data-item='unmatched']")
    expected = {("bank", u["id"]) for u in rec["bank_only"]} | {("ledger", u["id"]) for u in rec["ledger_only"]}
    assert {(r.get("data-side"), r.get("data-id")) for r in rows} == expected
    for row in rows:
        line = lines[(row.get("data-side"), row.get("data-id"))]
        assert figure(row.xpath("./td[@data-value]")[0]) == Decimal(line["amount"])
        quoted = text(report.evidence(row.xpath(".//a")[0]).xpath(".//q")[0])
        assert normalise(quoted) == normalise(line["citation"]["text"])
    checked = [m for m in rec["matches"] if m["kind"] != "exact"]
    shown = {r.get("data-id") for r in report.all("//tr[@data-item='match']")}
    assert shown == {"+".join(m["bank_ids"]) + "=" + "+".join(m["ledger_ids"]) for m in checked}
    entries = report.all("//tr[@data-item='entry']")
    assert [e.get("data-id") for e in entries] == [e["id"] for e in body["entries"]]
