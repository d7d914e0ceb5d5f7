"""The package's promises about itself: light to import, one shape for every document."""

from __future__ import annotations

import subprocess
import sys

from shared.documents import Document, open_document
from tests.shared.documents.conftest import (
    AAPL_IXBRL,
    ABNAMRO_MT940,
    INTEL_EARNINGS,
    SCREENING_LIST,
)
from tests.support.corpus import needs_corpus

HEAVY = ("pypdfium2", "pdfplumber", "pdfminer", "lxml")


def test_importing_loads_no_pdf_or_html_library() -> None:
    # A fresh interpreter: this test process has long since imported all of them.
    probe = (
        "import sys, shared.documents, shared.findings; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    command = [sys.executable, "-c", probe]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@needs_corpus
def test_every_document_has_path_sha256_and_kind() -> None:
    paths = [INTEL_EARNINGS, SCREENING_LIST, ABNAMRO_MT940, AAPL_IXBRL]
    documents = [open_document(path) for path in paths]
    try:
        assert all(isinstance(document, Document) for document in documents)
        assert [document.kind for document in documents] == ["pdf", "csv", "text", "html"]
        assert [document.path for document in documents] == paths
        assert all(len(document.sha256) == 64 for document in documents)
    finally:
        documents[0].close()
