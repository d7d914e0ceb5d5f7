"""Statements drawn for tests, made here (synthetic, no filing's content): a caption at the
left, figures aligned on the right edges of two columns as statements print them, each
line a given distance under the one before. A page is a list of lines; a document is a
list of pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

COLUMNS = (430.0, 520.0)  # right edges of the figures
FOOTER = "SYNTHETIC TEST STATEMENT made by the finagents tests"


@dataclass(frozen=True)
class Line:
    text: str = ""
    figures: tuple[str, ...] = ()
    x: float = 40.0
    gap: float = 14.0  # points below the line before


def line(text: str, *figures: str, x: float = 40.0, gap: float = 14.0) -> Line:
    return Line(text, figures, x, gap)


def draw(path: Path, pages: list[list[Line]]) -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_font("helvetica", size=9)
    for lines in pages:
        pdf.add_page()
        top = 50.0
        for item in lines:
            top += item.gap
            if item.text:
                pdf.text(item.x, top, item.text)
            for figure, right in zip(item.figures, COLUMNS):
                # Digits align on the column's edge; a closing parenthesis hangs past it.
                pdf.text(right - pdf.get_string_width(figure.rstrip(")")), top, figure)
        pdf.text(40, 760, FOOTER)
    pdf.output(str(path))
    return path
