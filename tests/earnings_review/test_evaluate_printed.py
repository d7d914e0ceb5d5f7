"""The evaluation on as-filed iXBRL filings printed to PDF by headless Chromium and
scored against their own tags (issue 14), on a representative subset of the corpus's 13
(the whole set is `finagents eval earnings_review`, whose table is in the README): a
title alone on its page and deductions printed negative with a result line without
caption (the 10-K of a manufacturer), columns headed "Fiscal 2024" (a retailer), a 10-Q's
comparative columns under wrapped dates with earnings per share under two headings, and
a caption wrapped onto a capitalised line. The figures reached are asserted, so a
regression fails CI. The PDFs are printed once per test session, into its own folder."""

from __future__ import annotations

from decimal import Decimal

import pytest

from earnings_review.evaluate import evaluate
from earnings_review.evaluation.printed import default_files, key_classes
from earnings_review.evaluation.printing import find_browser, missing_line
from tests.support.corpus import corpus_path, skip_without_corpus

SUBSET = ("ba-10-k-2025-02-03", "hd-10-k-2025-03-21", "ibm-10-q-2025-07-24", "ko-10-k-2025-02-20")


@pytest.fixture(scope="session")
def printed_cache(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("printed-filings")


@pytest.fixture(scope="module")
def report(printed_cache):
    skip_without_corpus()
    if find_browser() is None:
        pytest.skip(missing_line())
    return evaluate([corpus_path(f"earnings/ixbrl_more/{name}.html") for name in SUBSET], cache=printed_cache)


def test_the_printed_filings_meet_the_targets(report) -> None:
    assert [(s.filing, s.kind) for s in report.scores] == [(name, "ixbrl-printed") for name in SUBSET]
    assert not report.failed and report.precision == 1, [w for s in report.scores for w in s.wrong]
    missed = [m for s in report.scores for m in s.missed]
    assert report.recall == 1 and all(s.recall == 1 for s in report.scores), missed
    assert report.citations == 1 and report.meets_targets


def test_the_figures_reached(report) -> None:
    # (key figures the statements show, found, emitted, right, wrong) per filing, with
    # Debian's Chromium 150; the key figures in scope come from the tags alone.
    assert {s.filing: (s.in_scope, s.found, s.emitted, s.right, len(s.wrong)) for s in report.scores} == {
        "ba-10-k-2025-02-03": (59, 59, 90, 86, 0), "hd-10-k-2025-03-21": (69, 69, 98, 91, 0),
        "ibm-10-q-2025-07-24": (76, 76, 94, 90, 0), "ko-10-k-2025-02-20": (65, 65, 87, 81, 0)}


def test_the_chromium_version_is_recorded(report) -> None:
    assert report.chromium and report.chromium.startswith("Chromium ")
    assert f"ixbrl-printed: printed with {report.chromium}" in report.table()
    assert '"chromium": "Chromium ' in report.to_json()


def test_an_unverifiable_fact_names_the_concept_the_filing_tags(report) -> None:
    # The retailer tags its long-term debt line with another concept: listed, not counted.
    retailer = next(s for s in report.scores if s.filing.startswith("hd-"))
    assert any(u.startswith("LongTermDebtNoncurrent") and "tagged as LongTermDebtAndCapitalLeaseObligations" in u
               for u in retailer.unverifiable)
    assert retailer.right + len(retailer.unverifiable) == retailer.emitted


def test_a_figure_quoted_rounded_elsewhere_is_judged_by_the_statement(report) -> None:
    # The 10-Q prints weighted shares to a tenth of a million (930.8); a note tags the
    # exact count. The statement's figure is right.
    quarter = next(s for s in report.scores if s.filing.startswith("ibm-"))
    assert quarter.right == 90 and not quarter.wrong
    assert Decimal(quarter.in_scope) == quarter.found


def test_the_printed_set_is_every_ixbrl_filing_of_the_corpus_scored_on_the_key_concepts() -> None:
    skip_without_corpus()
    files = default_files()
    assert len(files) == 13 and {f.suffix for f in files} == {".html"}
    assert [f.stem for f in files if f.stem in SUBSET] == list(SUBSET)
    classes = key_classes()
    assert len(classes) == 28 and any("Assets" in c for c in classes)
