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
    text = "\n\n".join(draft.paragraphs) + reasons_text(quotes)
    memo = checked_memo(model_id, draft.headline, text, known, given=given_figures(state).values)
    return memo.model_copy(update={"quotes": quotes}), [quote_finding(q, i) for i, q in enumerate(quotes, 1)
                                                        if not q.found]


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
                      found_on=found.elsewhere)


def reasons_text(quotes: Sequence[QuoteCheck]) -> str:
    if not quotes:
        return ""
    lines = [f'- {q.movement}: "{q.quote}" (page {q.page}){_mark(q)}' for q in quotes]
    return "\n\n" + REASONS_HEADING + "\n" + "\n".join(lines)


def _mark(quote: QuoteCheck) -> str:
    if quote.found:
        return ""
    where = f"; it is on page {', '.join(map(str, quote.found_on))}" if quote.found_on else ""
    return f" [quote not found on page {quote.page} of the filing{where}]"


def quote_finding(quote: QuoteCheck, number: int) -> Finding:
    where = (f" The words are on page {', '.join(map(str, quote.found_on))}, not the page cited."
             if quote.found_on else " The words are nowhere in the filing.")
    return finding("memo_quote_not_found", f"memo reason {number}",
                   f"The memo quotes management as saying {quote.quote!r} on page {quote.page} of the filing, "
                   f"but that page does not say it, so the quote is marked not found.{where}")
