"""The reader fixes causes, not filings: no rule in its code or data may name a company
of the corpus (issue 14). The names and tickers are read from the corpus when the test
runs: the registrants of the iXBRL filings and of the key-facts file, their trading
symbols, and the company in each FinanceBench PDF's name."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

from earnings_review import ixbrl
from shared.documents import open_html
from tests.conftest import REPO_ROOT
from tests.support.corpus import corpus_glob, corpus_path, needs_corpus

PACKAGE = REPO_ROOT / "earnings_review"
# The reader: the PDF and iXBRL readers and every module of the package they import.
ENTRY_POINTS = ("earnings_review.extract", "earnings_review.segments", "earnings_review.ixbrl",
                "earnings_review.filing")
SUFFIXES = re.compile(r"\b(?:the|inc|incorporated|corporation|corp|company|co|and subsidiaries|plc|ltd)\b\.?", re.I)


def reader_files() -> list[Path]:
    """The reader's modules (imported afresh, so that other tests' imports do not count)
    and its data."""
    listing = subprocess.run(
        [sys.executable, "-c", f"import sys, {', '.join(ENTRY_POINTS)}; "
         "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('earnings_review')))"],
        capture_output=True, text=True, check=True, cwd=REPO_ROOT)
    code = {Path(line) for line in listing.stdout.split()}
    return sorted(code | set((PACKAGE / "data").glob("*.toml")))


@cache
def company_patterns() -> dict[str, re.Pattern[str]]:
    """{what: pattern}: each registrant's name without its legal form (any spacing or
    punctuation between its words), each trading symbol as a word in capitals, and each
    FinanceBench file's company (its letters, with or without breaks between them)."""
    names, symbols = set(), set()
    for item in _key_facts().values():
        names.add(item["dei"]["EntityRegistrantName"])
        symbols.add(item["dei"]["TradingSymbol"])
    for path in corpus_glob("earnings/ixbrl_more", "*.htm*") + corpus_glob("earnings/ixbrl_html", "*.htm"):
        name, symbol = _dei(path)
        names.add(name)
        symbols.add(symbol)
    patterns = {name: _words(name) for name in names if name}
    patterns |= {symbol: re.compile(rf"\b{re.escape(symbol)}\b") for symbol in symbols if symbol}
    for pdf in corpus_glob("earnings/pdfs", "*.pdf"):
        stem = pdf.stem.split("_")[0]
        patterns[stem] = re.compile(r"\b" + r"\W?".join(map(re.escape, stem)) + r"\b", re.I)
    return patterns


def _key_facts() -> dict:
    return json.loads(corpus_path("earnings/ground_truth_xbrl_key_facts.json").read_text(encoding="utf-8"))["filings"]


def _dei(path: Path) -> tuple[str | None, str | None]:
    found = {}
    for element in ixbrl._by_kind(open_html(path).root).get("nonnumeric", []):
        prefix, _, local = (ixbrl._attr(element, "name") or "").partition(":")
        if prefix == "dei" and local in ("EntityRegistrantName", "TradingSymbol"):
            found.setdefault(local, ixbrl._text(element))
    return found.get("EntityRegistrantName"), found.get("TradingSymbol")


def _words(name: str) -> re.Pattern[str]:
    words = re.findall(r"[A-Za-z0-9]+", SUFFIXES.sub(" ", name))
    return re.compile(r"\b" + r"\W*".join(map(re.escape, words)) + r"\b", re.I)


@needs_corpus
def test_the_corpus_gives_names_and_tickers_to_look_for() -> None:
    # Registrants of 14 iXBRL filings and the key-facts file, with their symbols, and 13
    # FinanceBench companies: a corpus that yields none would make the scan below pass
    # for nothing.
    patterns = company_patterns()
    assert len(patterns) >= 30
    assert patterns["BESTBUY"].search("Best Buy") and not patterns["BESTBUY"].search("best-effort buy")


def test_the_reader_is_what_is_scanned() -> None:
    names = {path.name for path in reader_files()}
    assert {"extract.py", "locate.py", "tables.py", "concepts.py", "concepts.toml", "signs.py"} <= names
    assert not names & {"evaluate.py", "xbrl_truth.py"}  # the evaluation reads the corpus by its file names


@needs_corpus
def test_no_reader_rule_names_a_company_of_the_corpus() -> None:
    found = [f"{path.relative_to(REPO_ROOT)}:{number}: {what}"
             for path in reader_files()
             for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for what, pattern in company_patterns().items() if pattern.search(text)]
    assert not found, "\n".join(found)
