"""Reading a report as a user's browser would: the HTML parsed (lxml), its evidence links
followed on disk, its figures read back as decimals."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import html

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Report:
    run_dir: Path
    result: dict[str, Any]
    tree: Any  # lxml root of report.html

    def all(self, xpath: str) -> list[Any]:
        return self.tree.xpath(xpath)

    def one(self, xpath: str) -> Any:
        (found,) = self.tree.xpath(xpath)
        return found

    def evidence(self, link: Any) -> Any:
        """The evidence entry a `data-cite` link points at."""
        href = link.get("href")
        assert href == f"#{link.get('data-cite')}", f"link {href} does not name its entry {link.get('data-cite')}"
        (entry,) = self.tree.xpath(f"//*[@id='{href[1:]}']")
        return entry


def read_report(run_dir: Path) -> Report:
    tree = html.fromstring((run_dir / "report.html").read_bytes())
    return Report(run_dir, json.loads((run_dir / "result.json").read_text()), tree)


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def figure(element_or_text: Any) -> Decimal:
    """A figure as shown ("-1,234.50", "44.52%") as a decimal."""
    shown = element_or_text if isinstance(element_or_text, str) else text(element_or_text)
    return Decimal(shown.replace(",", "").rstrip("%").strip())


def is_png(path: Path) -> bool:
    return path.is_file() and path.read_bytes()[:8] == PNG_SIGNATURE
