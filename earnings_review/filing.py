"""What a filing is: the company, the kind of document, read from its first page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FORM = re.compile(r"\bFORM\s+(10-Q|10-K|20-F|40-F|6-K|8-K)\b")
_RELEASE = re.compile(r"\bExhibit\s+99\.1\b|\bnews\s+release\b|\bpress\s+release\b", re.IGNORECASE)
_EXACT_NAME = re.compile(r"^(?P<name>[^\n]+)\n\s*\(Exact name of registrant", re.IGNORECASE | re.MULTILINE)
_FILE_NUMBER_THEN_NAME = re.compile(r"Commission File (?:Number|No\.)[^\n]*\n(?P<name>[^\n]+)", re.IGNORECASE)
_SUFFIX = r"(?:Inc\.?|Corporation|Corp\.|Company|plc|Ltd\.?|Limited|N\.V\.|S\.A\.|AG|SE|Co\.)"
_ANNOUNCER = re.compile(
    rf"(?P<name>(?:[A-Z][\w.&'’-]*\s+){{0,5}}{_SUFFIX})[^.\n]{{0,80}}?\btoday\s+(?:reported|announced)"
)


@dataclass(frozen=True)
class FilingIdentity:
    company: str
    document_type: str  # "10-Q", "10-K", ... or "earnings release"


def identify(first_page: str, path: Path) -> FilingIdentity:
    """Company and document type from the cover page; the file name when unreadable."""
    return FilingIdentity(_company(first_page) or path.stem, _document_type(first_page))


def _document_type(text: str) -> str:
    form = _FORM.search(text)
    if form:
        return form.group(1)
    return "earnings release" if _RELEASE.search(text) else "filing"


def _company(text: str) -> str | None:
    flat = " ".join(text.split())
    for pattern, source in ((_EXACT_NAME, text), (_ANNOUNCER, flat), (_FILE_NUMBER_THEN_NAME, text)):
        match = pattern.search(source)
        if match:
            return match.group("name").strip()
    return None
