"""The documents one pass over a result points into: each path resolved against the
engagement folder, hashed once, and opened once per way of reading it.

Verifying citations and drawing a report's evidence both walk many citations into few
documents; both need to know the file is still the one cited before reading it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from shared.documents.base import sha256_file

Identity = Literal["same", "missing", "changed"]


class CitedDocuments:
    """`openers` name each way of reading a file ("pdf", "text", ...); `root` resolves
    relative citation paths (without it they are relative to the working folder)."""

    def __init__(self, root: str | Path | None, openers: Mapping[str, Callable[[Path], Any]]) -> None:
        self.root = Path(root) if root is not None else None
        self._openers = dict(openers)
        self._hashes: dict[Path, str | None] = {}
        self._open: dict[tuple[Path, str], Any] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def resolve(self, path: str) -> Path:
        candidate = Path(path)
        return self.root / candidate if self.root is not None and not candidate.is_absolute() else candidate

    def identity(self, path: Path, expected_sha256: str) -> Identity:
        """Whether the file at `path` is still the document that was cited."""
        if path not in self._hashes:
            self._hashes[path] = sha256_file(path) if path.is_file() else None
        actual = self._hashes[path]
        if actual is None:
            return "missing"
        return "same" if actual == expected_sha256 else "changed"

    def document(self, path: Path, opener: str) -> Any:
        """The document at `path` read with `opener`, read once."""
        key = (path, opener)
        if key not in self._open:
            self._open[key] = self._openers[opener](path)
        return self._open[key]

    def close(self) -> None:
        for document in self._open.values():
            if hasattr(document, "close"):
                document.close()
        self._open.clear()
