"""Reading labelled values and phrases out of PDF pages, with the box they sit in.

Onboarding documents print most facts as "Label: value" on one line; a few (the
certificate's company name) sit inside a sentence that may wrap. Both are found in the
text and then located as a run of words, so the citation's box holds exactly the value.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

from kyc.model_read import ModelRead
from shared.documents.citation import PdfCitation
from shared.documents.layout import Word, union_bbox

_TRAILING = ".,;:"


class CitedText(BaseModel):
    """A value and where it was read: a box of a PDF's text layer, or, for a value the
    model read from a picture (no text layer to cite), the file and model (`read_by`)."""

    model_config = ConfigDict(frozen=True)

    text: str
    citation: PdfCitation | None = None
    read_by: ModelRead | None = None

    @model_validator(mode="after")
    def _one_source(self) -> CitedText:
        if (self.citation is None) == (self.read_by is None):
            raise ValueError("a value is either cited in a text layer or read by the model from a picture")
        return self


def labelled_value(pdf, label: str) -> CitedText | None:
    """The words after `label:` on the first line that starts with it, on any page."""
    wanted = [w.lower() for w in f"{label}:".split()]
    for page in range(1, pdf.page_count + 1):
        for line in pdf.lines(page):
            words = list(line.words)
            if [w.text.lower() for w in words[: len(wanted)]] == wanted and len(words) > len(wanted):
                value = words[len(wanted):]
                return _cited(pdf, page, value)
    return None


def locate_phrase(pdf, phrase: str) -> CitedText | None:
    """`phrase` as a run of consecutive words (across line breaks), on any page."""
    tokens = phrase.split()
    if not tokens:
        return None
    for page in range(1, pdf.page_count + 1):
        words = [w for line in pdf.lines(page) for w in line.words]
        start = _find_run(words, tokens)
        if start is not None:
            return _cited(pdf, page, words[start: start + len(tokens)], " ".join(tokens))
    return None


def _find_run(words: list[Word], tokens: list[str]) -> int | None:
    # A sentence's full stop or comma sticks to the word before it; it is not part of a value.
    texts = [w.text.rstrip(_TRAILING) for w in words]
    wanted = [t.rstrip(_TRAILING) for t in tokens]
    for start in range(len(texts) - len(wanted) + 1):
        if texts[start: start + len(wanted)] == wanted:
            return start
    return None


def _cited(pdf, page: int, words: list[Word], text: str | None = None) -> CitedText:
    text = text if text is not None else " ".join(w.text for w in words)
    # A value wrapped over two lines has no single box that holds only it; the union box
    # holds it and the verifier looks for the words inside that box.
    return CitedText(text=text, citation=pdf.cite(page, union_bbox(w.bbox for w in words), text))
