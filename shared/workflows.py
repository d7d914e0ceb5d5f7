"""The workflows installed: each a package that exports one `WorkflowSpec` through the
`finagents.workflows` entry-point group (CONTRACT.md, "Workflows as plugins").

The core names no workflow and imports none: the pack's three, a consultant's own and
the pack's next are found the same way, by their distribution's entry point. A spec is
cheap to load: what is heavy (the graph, which imports langgraph; the evaluation) is a
`Lazy` reference, imported only when a command needs it.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from shared.errors import InputError

if TYPE_CHECKING:
    import typer

    from shared.engagement import WorkflowSettings
    from shared.mcp.tool import Tool
    from shared.prompts import PromptLibrary
    from shared.runs.review import AnswerRules

ENTRY_POINT_GROUP = "finagents.workflows"

T = TypeVar("T")


@dataclass(frozen=True)
class Lazy(Generic[T]):
    """`module:attribute`, imported on first use: a spec names its heavy parts without
    importing them, so `finagents --help` does not load langgraph."""

    reference: str

    def load(self) -> T:
        module, _, attribute = self.reference.partition(":")
        try:
            value: T = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as exc:
            raise InputError(self.reference, f"cannot be loaded: {exc}") from None
        return value


class Evaluation(Protocol):
    """What `finagents eval` prints and writes: a workflow's score against its truth."""

    @property
    def meets_targets(self) -> bool: ...

    def table(self) -> str: ...

    def to_json(self) -> str: ...


# `graph` builds the uncompiled StateGraph; `evaluate` scores the given cases (None: all).
GraphBuilder = Callable[[], Any]  # Any: langgraph's StateGraph, imported only when a run needs it
Evaluate = Callable[[list[Path] | None], Evaluation]
Headline = Callable[[Mapping[str, Any]], str | None]
Commands = Callable[["typer.Typer"], None]
Tools = Callable[[], Sequence["Tool"]]


def no_headline(body: Mapping[str, Any]) -> str | None:
    return None


@dataclass(frozen=True)
class WorkflowSpec:
    """Everything the core needs of one workflow. `package` holds its graph.py,
    context.py, prompts/, reports/ and sample/, as every workflow lays them out."""

    name: str
    summary: str
    input_help: str
    package: str
    graph: Lazy[GraphBuilder]
    # The typed settings (`context.Context`); None: the common base alone.
    settings: Lazy[type[WorkflowSettings]] | None = None
    # A small settings file an input folder may hold (e.g. a close folder's period), and
    # the only keys it may set: an input folder comes with the client's documents, so it
    # describes them and never changes how the pack runs (no graph, no thresholds).
    input_settings_file: str | None = None
    input_settings_keys: tuple[str, ...] = ()
    # The workflow's own terms for the reviewer's answer (KYC's onboarding decision),
    # checked wherever the gate's answer is; None: the gate's terms alone.
    answer_rules: Lazy[AnswerRules] | None = None
    # The one line the review prompt leads with, from the result body.
    headline: Headline = no_headline
    evaluation: Lazy[Evaluate] | None = None
    # Registers the workflow's own commands (`screen`, `statement`) on the CLI.
    commands: Commands | None = None
    # Its tools for Claude agents (`finagents mcp`): the engines it offers on their own.
    tools: Lazy[Tools] | None = None
    # Whether `finagents demo` runs it on a sample of its own (a rescreen has none).
    on_sample: bool = True

    def input_settings(self, input_path: Path) -> Path | None:
        """The input folder's own settings file, if this workflow has one and it exists."""
        if self.input_settings_file is None or not input_path.is_dir():
            return None
        candidate = input_path / self.input_settings_file
        return candidate if candidate.is_file() else None

    @property
    def package_dir(self) -> Path:
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise InputError(self.name, "workflow package is not installed")
        return Path(next(iter(spec.submodule_search_locations)))

    @property
    def is_built(self) -> bool:
        return importlib.util.find_spec(self.graph.reference.partition(":")[0]) is not None

    @property
    def prompts_dir(self) -> Path:
        return self.package_dir / "prompts"

    @property
    def sample_dir(self) -> Path:
        return self.package_dir / "sample"

    def prompt_library(self, override_dir: Path | None = None) -> PromptLibrary:
        """The workflow's prompts, with an engagement's overrides in front when given."""
        from shared.prompts import PromptLibrary  # noqa: PLC0415 (jinja2; this module loads for every command, --help included)

        return PromptLibrary(self.prompts_dir if self.prompts_dir.is_dir() else None, override_dir)

    def graph_builder(self) -> GraphBuilder:
        self.require_built()
        return self.graph.load()

    def settings_model(self) -> type[WorkflowSettings]:
        if self.settings is None:
            from shared.engagement import WorkflowSettings  # noqa: PLC0415 (pydantic, kept out of --help; engagement imports this module)

            return WorkflowSettings
        return self.settings.load()

    def review_rules(self) -> AnswerRules | None:
        return self.answer_rules.load() if self.answer_rules is not None else None

    def require_built(self) -> None:
        if not self.is_built:
            raise InputError(self.name, "this workflow is not built in this version of the pack yet")


# -- finding them ------------------------------------------------------------------------


@cache
def all_workflows() -> tuple[WorkflowSpec, ...]:
    """Every installed workflow, by name. Read once a process: installing a plugin
    takes effect at the next command."""
    specs: dict[str, WorkflowSpec] = {}
    for entry in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        spec = _loaded(entry)
        if spec.name in specs:
            raise InputError(entry.value, f"declares workflow '{spec.name}', which another installed "
                                          "distribution already declares: uninstall one of them")
        specs[spec.name] = spec
    return tuple(specs.values())


def _loaded(entry: importlib.metadata.EntryPoint) -> WorkflowSpec:
    """The spec an entry point names, or an error naming the entry point: a broken
    plugin is reported as such, not as a crash of every command."""
    where = f"entry point '{entry.name} = {entry.value}' ({ENTRY_POINT_GROUP})"
    try:
        spec = entry.load()
    except Exception as exc:  # any error of the plugin's own import is the plugin's fault
        raise InputError(where, f"cannot be loaded: {type(exc).__name__}: {exc}") from None
    if not isinstance(spec, WorkflowSpec):
        raise InputError(where, f"names a {type(spec).__name__}, not a shared.workflows.WorkflowSpec")
    if spec.name != entry.name:
        raise InputError(where, f"names the workflow '{spec.name}': the entry point's name must be the workflow's")
    return spec


def get_workflow(name: str) -> WorkflowSpec:
    for workflow in all_workflows():
        if workflow.name == name:
            return workflow
    raise InputError(name, f"no such workflow{_closest(name)} (installed: {workflow_names_text()})")


def _closest(name: str) -> str:
    close = difflib.get_close_matches(name, workflow_names(), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def workflow_names() -> tuple[str, ...]:
    return tuple(w.name for w in all_workflows())


def workflow_names_text() -> str:
    return ", ".join(workflow_names()) or "none: the pack's distribution is not installed (pip install -e .)"


def built_workflows() -> list[WorkflowSpec]:
    return [w for w in all_workflows() if w.is_built]


def demo_workflows() -> list[WorkflowSpec]:
    """The built workflows that run on a sample of their own: what `finagents demo` runs."""
    return [w for w in built_workflows() if w.on_sample]
