"""End-to-end speed of an offline earnings review, against the baseline of opening every
page with pdfplumber, both measured here in the same run.

    .venv/bin/python benchmarks/earnings_speed.py [PDF ...]

With no arguments it runs on the corpus's 10-Ks and 10-Qs, read in place
(FINAGENTS_CORPUS, or ../shared/data beside the checkout; without one it stops, saying
so), and on two of its as-filed iXBRL 10-Ks printed to PDF by headless Chromium (long
filings: 197 and 253 pages; printed into the evaluation's cache, skipped with a line
when Chromium is missing). Prints seconds for each and the ratio baseline / ours (higher
is better). Targets: an 80-page 10-K in under 5 s; the printed 10-Ks at least 5x faster
than the baseline.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


PRINTED = ("abbv-10-k-2025-02-14.html", "ko-10-k-2025-02-20.html")
TARGET_RATIO = 5.0


def default_filings() -> list[Path]:
    from shared.corpus import corpus_file

    return sorted(corpus_file("earnings/pdfs").glob("*_10[KQ].pdf")) + printed_filings()


def printed_filings() -> list[Path]:
    """The two iXBRL 10-Ks as Chromium prints them (from the evaluation's cache)."""
    from earnings_review.evaluation.printing import default_cache, find_browser, missing_line, printed_pdf
    from shared.corpus import corpus_file

    browser = find_browser()
    if browser is None:
        print(missing_line(), file=sys.stderr)
        return []
    print(f"printed with {browser.version}")
    return [printed_pdf(corpus_file(f"earnings/ixbrl_more/{name}"), browser, default_cache()) for name in PRINTED]


def our_run(pdf: Path) -> float:
    """A whole `finagents run earnings_review PDF --out TMP`, offline, to the review gate."""
    from shared.engagement import Engagement
    from shared.runs.driver import start_run
    from shared.workflows import get_workflow

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        outcome = start_run(get_workflow("earnings_review"), pdf, engagement=Engagement(None),
                            options={"model": "offline"}, out=Path(folder) / "run", environ={})
        elapsed = time.perf_counter() - started
    assert outcome.status == "awaiting_review", outcome
    return elapsed


def every_page_with_pdfplumber(pdf: Path) -> float:
    import pdfplumber

    started = time.perf_counter()
    with pdfplumber.open(str(pdf)) as document:
        for page in document.pages:
            page.extract_words()
    return time.perf_counter() - started


def main(paths: list[Path]) -> None:
    import pypdfium2

    print(f"{'filing':50} {'pages':>5} {'ours s':>8} {'baseline s':>11} {'ratio':>7}")
    printed = []
    for pdf in paths:
        pages = len(pypdfium2.PdfDocument(str(pdf)))
        ours, baseline = our_run(pdf), every_page_with_pdfplumber(pdf)
        if pdf.name.startswith(tuple(Path(name).stem for name in PRINTED)):
            printed.append(baseline / ours)
        print(f"{pdf.name[:50]:50} {pages:5d} {ours:8.2f} {baseline:11.2f} {baseline / ours:6.1f}x")
    if printed:
        slowest = min(printed)
        print(f"printed 10-Ks: lowest ratio {slowest:.1f}x: {'met' if slowest >= TARGET_RATIO else 'NOT MET'} "
              f"(target >= {TARGET_RATIO:.0f}x; a short 10-Q's run is mostly writing the report, not reading)")


if __name__ == "__main__":
    from shared.errors import InputError

    try:
        main([Path(a) for a in sys.argv[1:]] or default_filings())
    except InputError as problem:
        print(f"earnings_speed: {problem}", file=sys.stderr)
        sys.exit(problem.exit_code)
