"""What a request may cost, known before it is sent: the budget refuses a request whose
estimate is more than what is left, rather than finding out from the bill.

The estimate leans high, as a budget should: every character of text at 3.5 to a token
(English prose runs nearer 4), the whole `max_tokens` as output, no cache discount. A PDF
block is counted at 3,000 tokens a page and a picture at 1,600, the top of what
Anthropic's PDF and vision documentation give for a page read as text and image, and for
a picture the API does not shrink.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import pypdfium2

from shared.engagement import Prices
from shared.llm.errors import ModelCallFailed
from shared.llm.usage import Usage, cost_of

CHARS_PER_TOKEN = Decimal("3.5")
TOKENS_PER_PDF_PAGE = 3_000
TOKENS_PER_IMAGE = 1_600


def estimated_cost(system: Iterable[Mapping[str, Any]], messages: Iterable[Mapping[str, Any]], max_tokens: int,
                   prices: Prices) -> Decimal:
    """USD at most for a request of these system and message blocks."""
    blocks = [*system, *(b for m in messages for b in _content(m))]
    tokens = sum(_tokens(block) for block in blocks)
    return cost_of(Usage(input_tokens=tokens, output_tokens=max_tokens), prices)


def _content(message: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    content = message.get("content", ())
    return [{"type": "text", "text": content}] if isinstance(content, str) else list(content)


def _tokens(block: Mapping[str, Any]) -> int:
    kind = block.get("type")
    if kind == "document":
        return TOKENS_PER_PDF_PAGE * _pdf_pages(block["source"]["data"])
    if kind == "image":
        return TOKENS_PER_IMAGE
    return int((Decimal(len(block.get("text", ""))) / CHARS_PER_TOKEN).to_integral_value(rounding="ROUND_CEILING"))


def _pdf_pages(encoded: str) -> int:
    try:
        document = pypdfium2.PdfDocument(base64.standard_b64decode(encoded))
    except pypdfium2.PdfiumError as error:
        # The API would refuse it too: a failed request, which the step falls back from.
        raise ModelCallFailed(None, f"a PDF block that cannot be opened, so not sent ({error})") from None
    try:
        return max(1, len(document))
    finally:
        document.close()
