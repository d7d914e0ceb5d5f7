"""The pack's workflows: where each lives and what it has.

A workflow is *built* once its package has a `graph.py`; until then the CLI names it
but will not run it. Looking a workflow up imports nothing heavy: graphs are only
imported when a command needs one.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from shared.errors import InputError


@dataclass(frozen=True)
class Workflow:
    name: str
    summary: str
    input_help: str
    # A small settings file an input folder may hold (e.g. a close folder's period), and
    # the only keys it may set: an input folder comes with the client's documents, so it
    # describes them and never changes how the pack runs (no graph, no thresholds).
    input_settings_file: str | None = None
    input_settings_keys: tuple[str, ...] = ()
    # The workflow's own terms for the reviewer's answer, as `module:NAME` of a
    # `shared.runs.review.AnswerRules` (KYC's onboarding decision), checked wherever the
    # gate's answer is; None: the gate's terms alone.
    answer_rules: str | None = None
    # The package holding the workflow's graph.py, context.py, prompts/ and reports/, when
    # it is not the package of the workflow's own name: KYC's rescreen lives in kyc.rescreen.
    package: str | None = None
    # Whether `finagents demo` runs it on a sample of its own; the rescreen works on an
    # engagement's approved runs, so it has none.
    on_sample: bool = True

    @property
    def module(self) -> str:
        return self.package or self.name

    def input_settings(self, input_path: Path) -> Path | None:
        """The input folder's own settings file, if this workflow has one and it exists."""
        if self.input_settings_file is None or not input_path.is_dir():
            return None
        candidate = input_path / self.input_settings_file
        return candidate if candidate.is_file() else None

    @property
    def package_dir(self) -> Path:
        spec = importlib.util.find_spec(self.module)
        if spec is None or not spec.submodule_search_locations:
            raise InputError(self.name, "workflow package is not installed")
        return Path(next(iter(spec.submodule_search_locations)))

    @property
    def is_built(self) -> bool:
        return importlib.util.find_spec(f"{self.module}.graph") is not None

    @property
    def prompts_dir(self) -> Path:
        return self.package_dir / "prompts"

    @property
    def sample_dir(self) -> Path:
        return self.package_dir / "sample"

    def prompt_library(self, override_dir: Path | None = None) -> Any:
        """The workflow's prompts, with an engagement's overrides in front when given."""
        from shared.prompts import PromptLibrary

        return PromptLibrary(self.prompts_dir if self.prompts_dir.is_dir() else None, override_dir)

    def graph_builder(self) -> Callable[..., Any]:
        """The workflow's `build_graph` (imports langgraph: call only when needed)."""
        self.require_built()
        return importlib.import_module(f"{self.module}.graph").build_graph

    def settings_model(self) -> type[Any]:
        """The workflow's typed settings (`context.Context`), or the common base while
        the workflow is not built."""
        if importlib.util.find_spec(f"{self.module}.context") is None:
            from shared.engagement import WorkflowSettings

            return WorkflowSettings
        return importlib.import_module(f"{self.module}.context").Context

    def review_rules(self) -> Any:
        """The AnswerRules that `answer_rules` names, or None (imported only when asked)."""
        if self.answer_rules is None:
            return None
        module, _, name = self.answer_rules.partition(":")
        return getattr(importlib.import_module(module), name)

    def require_built(self) -> None:
        if not self.is_built:
            raise InputError(self.name, "this workflow is not built in this version of the pack yet")


WORKFLOWS: tuple[Workflow, ...] = (
    Workflow(
        "earnings_review",
        "Filing in; cited statements, tie-outs, metrics, beats and misses, and a memo out.",
        "a 10-Q/10-K/earnings-release PDF or inline-XBRL HTML, or a folder holding one",
    ),
    Workflow(
        "kyc",
        "Onboarding packet in; inventory, cross-checks, beneficial owners, screening, risk.",
        "a case folder: application plus supporting documents",
        answer_rules="kyc.onboarding:ANSWER_RULES",
    ),
    Workflow(
        "kyc_rescreen",
        "Approved KYC runs in; every party screened again against the lists now in force, what changed out.",
        "the runs folder holding the engagement's approved KYC runs (`finagents rescreen` gives it)",
        package="kyc.rescreen",
        on_sample=False,
    ),
    Workflow(
        "month_end_close",
        "Statements and ledger in; proven bank reconciliation, flux analysis, draft entries.",
        "a close folder: bank statements, ledger.csv, trial balances, close.toml",
        input_settings_file="close.toml",
        input_settings_keys=("period", "entity", "currency", "bank", "columns", "cash_account"),
    ),
)


def get_workflow(name: str) -> Workflow:
    for workflow in WORKFLOWS:
        if workflow.name == name:
            return workflow
    known = ", ".join(w.name for w in WORKFLOWS)
    raise InputError(name, f"no such workflow (the pack has: {known})")


def built_workflows() -> list[Workflow]:
    return [w for w in WORKFLOWS if w.is_built]


def demo_workflows() -> list[Workflow]:
    """The built workflows that run on a sample of their own: what `finagents demo` runs."""
    return [w for w in built_workflows() if w.on_sample]
