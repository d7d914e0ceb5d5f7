"""Documents given to the model as what they are, not as extracted text: a PDF as a
document block (the model sees every page, a scan included), a page as an image.

Each is quoted data like a text document: named, hashed (the audit log records which
file the model saw), and placed before the question. `PdfInput` and `ImageInput` go in a
call's `documents` beside `DocumentInput` text; the request turns each into its content
block. Reading a file and rendering pages happen when asked, never at import.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pypdfium2

if TYPE_CHECKING:  # the SDK is imported only by the model that sends the request
    from anthropic.types import DocumentBlockParam, ImageBlockParam

# The pictures the Messages API takes.
ImageType = Literal["image/jpeg", "image/png", "image/gif", "image/webp"]

# The Messages API takes images of up to about 1568 pixels on the long side without
# scaling them down; a page at this resolution stays under it.
_LONG_SIDE = 1568


@dataclass(frozen=True)
class PdfInput:
    """A whole PDF for the model. `sha256` is the file's, as citations carry it."""

    name: str
    sha256: str
    data: bytes

    @classmethod
    def read(cls, path: str | Path) -> PdfInput:
        data = Path(path).read_bytes()
        return cls(Path(path).name, hashlib.sha256(data).hexdigest(), data)


@dataclass(frozen=True)
class ImageInput:
    """One picture for the model (a PDF page rendered, a photo of a form). `sha256` is the
    source document's, `page` the page it shows when it is one."""

    name: str
    sha256: str
    data: bytes
    media_type: ImageType = "image/png"
    page: int | None = None


def content_block(document: PdfInput | ImageInput, *, cached: bool = False) -> DocumentBlockParam | ImageBlockParam:
    """The Messages API block for a PDF or an image, base64 inside."""
    encoded = base64.standard_b64encode(document.data).decode("ascii")
    block: DocumentBlockParam | ImageBlockParam
    if isinstance(document, PdfInput):
        block = {"type": "document", "title": document.name,
                 "source": {"type": "base64", "media_type": "application/pdf", "data": encoded}}
    else:
        block = {"type": "image", "source": {"type": "base64", "media_type": document.media_type, "data": encoded}}
    if cached:
        block["cache_control"] = {"type": "ephemeral"}
    return block


def page_images(path: str | Path, sha256: str, pages: list[int] | None = None) -> list[ImageInput]:
    """Pages of a PDF rendered as PNG images (all pages unless `pages`, 1-based), each
    scaled so that its long side is at most what the API takes unscaled."""

    document = pypdfium2.PdfDocument(str(path))
    try:
        wanted = pages or list(range(1, len(document) + 1))
        images = []
        for number in wanted:
            page = document[number - 1]
            width, height = page.get_size()
            bitmap = page.render(scale=_LONG_SIDE / max(width, height))
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG")
            images.append(ImageInput(f"{Path(path).name} page {number}", sha256, buffer.getvalue(), page=number))
            page.close()
        return images
    finally:
        document.close()
