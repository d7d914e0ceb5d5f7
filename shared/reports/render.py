"""Rendering the memo and the report from a run's result with Jinja2.

Templates come from the workflow's `reports/` folder, then this folder (the base layout,
the summary, the evidence section, the stylesheet). The report gets an evidence collector
(`evidence`): every citation it shows is linked to its evidence, built once at the end of
the page, and a `view` of data the workflow prepared for it (lookups a template cannot do
in reasonable time on a hundred thousand lines).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from shared.findings import SEVERITIES
from shared.reports.evidence import EvidenceCollector, document_name

SHARED_REPORTS_DIR = Path(__file__).resolve().parent


def environment(reports_dir: Path) -> Any:
    env = Environment(
        loader=FileSystemLoader([str(reports_dir), str(SHARED_REPORTS_DIR)]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "html.j2"]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(figure=figure, file_name=document_name, words=words, index_by=index_by)
    env.globals["SEVERITIES"] = SEVERITIES
    return env


def render_memo(reports_dir: Path, result: Mapping[str, Any]) -> str:
    env = environment(reports_dir)
    env.finalize = markdown_text
    return env.get_template("memo.md.j2").render(result=result)


def markdown_text(value: Any) -> Any:
    """A value printed into the memo, with `<` written as `&lt;`: Markdown passes HTML
    through, so a payee or a party named `<script>...` or `<img onerror=...>` in a client's
    document would be live markup wherever the memo is rendered. Without `<` no tag can
    open; everything else stays as written, so the memo still reads as plain text."""
    return value.replace("<", "&lt;") if isinstance(value, str) else value


def render_report(reports_dir: Path, result: Mapping[str, Any], run_dir: Path, root: Path | None,
                  view: Mapping[str, Any]) -> str:
    evidence = EvidenceCollector(run_dir, root)
    return environment(reports_dir).get_template("report.html.j2").render(result=result, evidence=evidence, view=view)


def figure(value: Any, places: int | None = None) -> str:
    """A decimal string with thousands separators, as written (or to `places`):
    "-1234.5" -> "-1,234.5". Anything that is not a number is shown as it is."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{number:,f}"


def words(value: Any) -> str:
    """An identifier as words: "deposit_in_transit" -> "deposit in transit"."""
    return str(value).replace("_", " ")


def index_by(items: Any, key: str) -> dict[Any, Any]:
    """A dict of `items` (mappings) by one of their keys, for lookups in a template."""
    return {item[key]: item for item in items or ()}
