"""Writing a run's outputs: `result.json` (the envelope around the workflow's body),
`memo.md` and `report.html`, each atomically, as drafts at the gate and final after it;
the final ones are signed (`shared.runs.signoff`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from shared.audit import read_data
from shared.reports.render import render_memo, render_report
from shared.runs.context import RunContext
from shared.runs.gate import ReviewItem
from shared.runs.manifest import write_atomic
from shared.runs.result import PromptUse, RunResult
from shared.runs.result_file import KeyPath, result_text
from shared.runs.signoff import FINAL_STATUSES, sign_outputs
from shared.runs.usage import usage_from_audit

OUTPUT_FILES = ("result.json", "memo.md", "report.html")


def build_result(state: Mapping[str, Any], context: RunContext, status: str, body: Mapping[str, Any]) -> RunResult:
    return RunResult(
        run_id=context.run_id,
        workflow=context.workflow,
        status=status,
        method=context.method,
        inputs=tuple(state.get("inputs", ())),
        config={**context.settings.record(), "pack": context.pack()},
        prompts=prompts_used(state, context.audit.path),
        lists=tuple(state.get("lists", ())),
        usage=usage_from_audit(context.audit.path),
        findings=tuple(state.get("findings", ())),
        review=state.get("review"),
        body=dict(body),
    )


def prompts_used(state: Mapping[str, Any], audit_path: Path) -> tuple[PromptUse, ...]:
    """Every template the run rendered: those its nodes recorded in state, and every
    template of every model call in the audit log, each once, in first-use order."""
    used = {(p.name, p.source, p.sha256): p for p in state.get("prompts", ())}
    for call in read_data(audit_path, "model_call"):
        for template in _call_templates(call):
            use = PromptUse(name=template["name"], source=template["source"], sha256=template["sha256"])
            used.setdefault((use.name, use.source, use.sha256), use)
    return tuple(used.values())


def _call_templates(call: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rendered = [call["system"], call["prompt"]]
    return [t for r in rendered for t in (r["template"], *r["includes"])] + list(call.get("templates", ()))


class RunOutputs:
    """The standard outputs: the workflow gives its body, its reviewable items and its
    report templates (`memo.md.j2`, `report.html.j2` in `reports_dir`), and any outputs
    of its own (`extra`: each called with the result as JSON-ready data and the run
    folder, e.g. the close's workbook). `report_view`, given the result as JSON-ready
    data, returns what the report template needs beyond it, as `view`. `bulk` names the
    lists of the body that grow with the input (key paths), which a large result writes
    compactly (`shared.runs.result_file`); the memo, report and extra outputs are always
    given the plain result."""

    def __init__(
        self,
        reports_dir: Path,
        body: Callable[[Mapping[str, Any]], Mapping[str, Any]],
        review_items: Callable[[Mapping[str, Any]], Sequence[ReviewItem]] = lambda state: (),
        extra: Sequence[Callable[[Mapping[str, Any], Path], None]] = (),
        report_view: Callable[[Mapping[str, Any]], Mapping[str, Any]] = lambda result: {},
        bulk: Sequence[KeyPath] = (),
    ) -> None:
        self._bulk = tuple(bulk)
        self._reports_dir = reports_dir
        self._extra = tuple(extra)
        self._body = body
        self._review_items = review_items
        self._report_view = report_view

    def review_items(self, state: Mapping[str, Any]) -> Sequence[ReviewItem]:
        return self._review_items(state)

    def write(self, state: Mapping[str, Any], context: RunContext, status: str) -> None:
        result = build_result(state, context, status, self._body(state))
        document = result.model_dump(mode="json")
        write_atomic(context.run_dir / "result.json", result_text(result, document, self._bulk))
        write_atomic(context.run_dir / "memo.md", render_memo(self._reports_dir, document))
        root = getattr(context, "engagement_root", None)
        report = render_report(self._reports_dir, document, context.run_dir, root, self._report_view(document))
        write_atomic(context.run_dir / "report.html", report)
        for write in self._extra:
            write(document, context.run_dir)
        if status in FINAL_STATUSES:
            # Last, once every file the reviewer's answer produced is on disk.
            sign_outputs(context.run_dir, context.audit)
