"""Pictures of cited PDF regions: a page rendered once, then for each citation a band of
the page around the cited box, the box outlined.

The band spans the page's full width, so a figure is seen with its row label and the
lines above and below it; a reviewer reads "Total net sales ... 81,797" in one glance.
Coordinates follow pdfplumber: points from the top left of the page's displayed box.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from shared.documents.citation import Bbox

RESOLUTION = 110  # dots per inch: small print stays legible, a band stays a few KB
MARGIN_PT = 30.0  # points of page kept above and below the cited box
OUTLINE = (200, 0, 0)
FILL = (255, 214, 0, 70)  # translucent yellow under the outline, so the text still shows
PixelBox = tuple[int, int, int, int]


@dataclass(frozen=True)
class RenderedPage:
    """A rendered page: the image, its scale (pixels per point) and the page-box origin."""

    image: Any  # PIL.Image.Image, RGB
    scale: float
    origin: tuple[float, float]

    def to_pixels(self, bbox: Bbox) -> PixelBox:
        x0, top, x1, bottom = bbox
        ox, oy = self.origin
        return (int((x0 - ox) * self.scale), int((top - oy) * self.scale),
                round((x1 - ox) * self.scale), round((bottom - oy) * self.scale))


def render_page(pdfium_document: Any, page: int, cropbox: Bbox, resolution: int = RESOLUTION) -> RenderedPage:
    """One page (1-based) rendered by PDFium with its form fields drawn (a filled form's
    values live in its widgets, not the page text), placed in pdfplumber's coordinates by
    the page's crop box as pdfplumber gives it (PDFium draws the crop box)."""
    pdf_page = pdfium_document[page - 1]
    try:
        image = pdf_page.render(scale=resolution / 72, may_draw_forms=True).to_pil().convert("RGB")
    finally:
        pdf_page.close()
    return RenderedPage(image=image, scale=image.width / (cropbox[2] - cropbox[0]), origin=(cropbox[0], cropbox[1]))


def band(size: tuple[int, int], box: PixelBox, margin: int) -> PixelBox:
    """The full-width band of an image of `size` from `margin` above `box` to `margin`
    below it, kept inside the image."""
    width, height = size
    top = max(0, min(box[1], height - 1) - margin)
    bottom = min(height, max(box[3], top + 1) + margin)
    return (0, top, width, bottom)


def highlight(image: Any, box: PixelBox, pad: int = 2) -> Any:
    """A copy of `image` with `box` (grown by `pad` pixels) filled and outlined."""
    marked = image.convert("RGB")
    draw = ImageDraw.Draw(marked, "RGBA")
    x0, top, x1, bottom = box
    grown = (max(0, x0 - pad), max(0, top - pad), min(marked.width - 1, x1 + pad), min(marked.height - 1, bottom + pad))
    draw.rectangle(grown, fill=FILL, outline=OUTLINE, width=2)
    return marked


def cited_region(page: RenderedPage, bbox: Bbox, margin_pt: float = MARGIN_PT) -> tuple[Any, PixelBox]:
    """The band around `bbox` with the box outlined, and where the box is in the band."""
    box = page.to_pixels(bbox)
    x0, top, x1, bottom = band(page.image.size, box, int(margin_pt * page.scale))
    shifted = (box[0] - x0, box[1] - top, box[2] - x0, box[3] - top)
    return highlight(page.image.crop((x0, top, x1, bottom)), shifted), shifted


def save_png(image: Any, target: Path) -> tuple[int, int]:
    """Write `image` as a palette PNG (text and one highlight need few colours, and the
    file is a fraction of the size), atomically; its size in pixels."""
    small = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    small.save(partial, format="PNG")
    partial.replace(target)
    return image.size
