"""The memo a model drafted, checked before anyone reads it: each figure against the
figure whose id it cites (or, uncited, against every figure of the run), and each quoted
reason against the page of the filing it cites. A reason not found there stays in the
memo, marked as not found, and is a finding, as a figure that matches nothing is marked.

The reasons follow the paragraphs under a heading of their own, each with its page, so
the reader sees management's words apart from the analyst's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from earnings_review.filing_pages import filing_pages
from earnings_review.memo import Memo, QuoteCheck, checked_memo
from earnings_review.memo_check import find_quote
from earnings_review.memo_figures import given_figures
from earnings_review.schemas import MemoDraft, QuotedReason
from shared.findings import Finding, finding

REASONS_HEADING = "In management's words (each quote checked against the page of the filing it cites):"


def model_memo(model_id: str, draft: MemoDraft, state: Mapping[str, Any],
               known: list[tuple[str, Decimal, bool]]) -> tuple[Memo, list[Finding]]:
    """The checked memo, and a finding for each quote not found on its page."""
    pages = reread_pages(state["filing"]) if draft.reasons else ()
    quotes = tuple(check_reason(reason, pages) for reason in draft.reasons)
    # A quote found on its page is the filing's own words: its figures are not the
    # analyst's to check (and none may be marked inside it). It stands aside as a token
    # while the memo's figures are checked.
    text = "\n\n".join(draft.paragraphs) + reasons_text(quotes, stand_ins=True)
    memo = checked_memo(model_id, draft.headline, text, known, given=given_figures(state).values)
    for i, quote in enumerate(quotes):
        if quote.found:
            memo = memo.model_copy(update={"text": memo.text.replace(_token(i), quote.quote, 1)})
    return memo.model_copy(update={"quotes": quotes}), [quote_finding(q, i) for i, q in enumerate(quotes, 1)
                                                        if not q.found]


def _token(index: int) -> str:
    """A stand-in for a quote with no digit in it, unique per quote."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return f"\u27eaquote {letters}\u27eb"


def reread_pages(filing: Mapping[str, Any]) -> tuple[str, ...]:
    """The filing's pages, read again to check quotes against; none when the file is no
    longer there or no longer the file that was read (its sha256 differs), so that no
    quote can be found in it."""
    path = Path(filing["path"])
    if not path.is_file():
        return ()
    read = filing_pages(path, filing.get("format", "pdf"))
    return read.texts if read.sha256 == filing.get("sha256") else ()


def check_reason(reason: QuotedReason, pages: Sequence[str]) -> QuoteCheck:
    found = find_quote(reason.quote, reason.page, pages)
    return QuoteCheck(movement=reason.movement, quote=reason.quote, page=reason.page, found=found.found,
                      found_on=found.elsewhere, too_short=found.too_short)


def reasons_text(quotes: Sequence[QuoteCheck], *, stand_ins: bool = False) -> str:
    """The reasons under their heading; with `stand_ins`, each found quote as its token."""
    if not quotes:
        return ""
    shown = [_token(i) if stand_ins and q.found else q.quote for i, q in enumerate(quotes)]
    lines = [f'- {q.movement}: "{text}" (page {q.page}){_mark(q)}' for q, text in zip(quotes, shown, strict=True)]
    return "\n\n" + REASONS_HEADING + "\n" + "\n".join(lines)


def _mark(quote: QuoteCheck) -> str:
    if quote.too_short:
        return " [quote too short to check against the filing]"
    if quote.found:
        return ""
    where = f"; it is on page {', '.join(map(str, quote.found_on))}" if quote.found_on else ""
    return f" [quote not found on page {quote.page} of the filing{where}]"


def quote_finding(quote: QuoteCheck, number: int) -> Finding:
    if quote.too_short:
        return finding("memo_quote_not_found", f"memo reason {number}",
                       f"The memo quotes management as saying {quote.quote!r} on page {quote.page}: too few words "
                       "to show they are the filing's (a quote is checked from 4 words and 20 characters), so it "
                       "is marked unchecked.")
    where = (f" The words are on page {', '.join(map(str, quote.found_on))}, not the page cited."
             if quote.found_on else " The words are nowhere in the filing.")
    return finding("memo_quote_not_found", f"memo reason {number}",
                   f"The memo quotes management as saying {quote.quote!r} on page {quote.page} of the filing, "
                   f"but that page does not say it, so the quote is marked not found.{where}")
