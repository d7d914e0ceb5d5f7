"""How wide a space is on a line, whatever its font.

In a proportional font a space is about a quarter of the type's height, and the
readers judge gaps so (a figure's thousands, a heading's words). In a monospaced font
(Courier, as older bank systems print) a space is as wide as any letter: 0.6 of the
height, wider than those rules allow, so "Post Date" fell apart into "Post" and "Date"
and "24 056,72" into "24" and "056,72". A line whose words all take the same width a
character is set in such a font, and its space is that width.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.documents.layout import Word

# Words whose width a character agrees to this share are set in one monospaced font:
# a proportional font's words differ by more (measured on every line of the corpus's
# statements and of the generated ones: none agreed so).
_SAME = 0.01
# So many words that are not bare digits must agree: digits take one width in most
# proportional fonts too, and two words may agree by chance.
_WITNESSES = 3
# One space is one character's width; two are twice that. Halfway tells them apart.
ONE_SPACE = 1.5


def monospaced(words: Sequence[Word]) -> float | None:
    """The width of a character when the line's words are set in one monospaced font,
    else None. A word made of words (a heading over two lines, a figure joined at its
    spaces) and a one-character word say nothing."""
    told = [w for w in words if len(w.text) >= 2 and " " not in w.text]
    widths = [(w.x1 - w.x0) / len(w.text) for w in told]
    if sum(not w.text.isdigit() for w in told) < _WITNESSES or min(widths) <= 0:
        return None
    return widths[0] if max(widths) <= (1 + _SAME) * min(widths) else None


def within(gap: float, em: float, em_share: float, character: float | None) -> bool:
    """Whether a gap between two words is a space within a phrase or figure: by the
    monospaced font's character when there is one, else by the share of the type's
    height the caller allows."""
    return gap <= (ONE_SPACE * character if character is not None else em_share * em)
