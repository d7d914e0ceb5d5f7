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


SCALES = {"million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}


def figure(element_or_text: Any) -> Decimal:
    """A figure as shown ("-1,234.50", "44.52%", and money as the earnings report writes
    it: "$(2,722) million", "$2.23", "(0.43) points") as a decimal, unscaled."""
    shown = element_or_text if isinstance(element_or_text, str) else text(element_or_text)
    words = shown.replace(",", "").replace("$", "").split()
    scale = SCALES.get(words[1], Decimal(1)) if len(words) > 1 else Decimal(1)
    number = words[0].rstrip("%")
    negative = number.startswith("(") and number.endswith(")")
    value = Decimal(number.strip("()")) * scale
    return -value if negative else value


def is_png(path: Path) -> bool:
    return path.is_file() and path.read_bytes()[:8] == PNG_SIGNATURE
