"""PDFs and page images as content blocks: their shape, and what the real SDK sends to
the loopback Messages API when a call mixes them with text documents."""

from __future__ import annotations

import base64
import hashlib

from shared.llm import DocumentInput, ImageInput, PdfInput, content_block, page_images
from tests.shared.llm.conftest import MODEL_ID
from tests.shared.llm.outputs import Facts
from tests.support.messages_api import message

GOOD = '{"facts": [{"concept": "Revenues", "value": "81797"}]}'


def test_a_pdf_is_a_base64_document_block_named_and_hashed(make_pdf):
    path = make_pdf("scan.pdf", "Opening balance 100.00")
    pdf = PdfInput.read(path)
    assert (pdf.name, pdf.sha256) == ("scan.pdf", hashlib.sha256(path.read_bytes()).hexdigest())
    block = content_block(pdf, cached=True)
    assert (block["type"], block["title"], block["source"]["type"], block["source"]["media_type"]) == (
        "document", "scan.pdf", "base64", "application/pdf")
    assert base64.standard_b64decode(block["source"]["data"]) == path.read_bytes()
    assert block["cache_control"] == {"type": "ephemeral"}
    assert "cache_control" not in content_block(pdf)


def test_pages_render_as_png_images_within_the_size_the_api_takes_unscaled(make_pdf):
    from io import BytesIO

    from PIL import Image

    path = make_pdf("page.pdf", "Closing balance 70.00")
    (image,) = page_images(path, "d" * 64)
    assert (image.name, image.sha256, image.page, image.media_type) == ("page.pdf page 1", "d" * 64, 1, "image/png")
    width, height = Image.open(BytesIO(image.data)).size
    assert max(width, height) == 1568 and height > width  # A4 portrait
    block = content_block(image)
    assert block["type"] == "image" and block["source"]["media_type"] == "image/png"
    assert base64.standard_b64decode(block["source"]["data"])[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_sdk_sends_text_pdf_and_image_blocks_in_order(make_model, messages_api, system, prompt,
                                                                         make_pdf):
    path = make_pdf("statement.pdf", "Opening balance 100.00")
    documents = [DocumentInput("notes.txt", "a" * 64, "a note"), PdfInput.read(path),
                 ImageInput("photo.png", "b" * 64, b"\x89PNG\r\n\x1a\nrest")]
    messages_api.script(message(GOOD))
    records = []
    make_model(on_call=records.append).ask(system=system, prompt=prompt, output_type=Facts, documents=documents)

    text, pdf, image, question = messages_api.requests[0].body["messages"][0]["content"]
    assert text["type"] == "text" and text["text"].startswith('<document name="notes.txt"')
    assert "cache_control" not in text and "cache_control" not in pdf
    assert (pdf["type"], pdf["title"], base64.standard_b64decode(pdf["source"]["data"])) == (
        "document", "statement.pdf", path.read_bytes())
    assert image["type"] == "image" and "cache_control" not in image
    assert question == {"type": "text", "text": prompt.text}
    (record,) = records
    assert record["model_id"] == MODEL_ID
    assert [d["name"] for d in record["documents"]] == ["notes.txt", "statement.pdf", "photo.png"]
    assert record["documents"][1]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
