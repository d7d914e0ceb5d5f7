"""What a workflow sees of a model: ask for a pydantic type, get a validated instance.

Every call is recorded: the model hands a `CallRecord` (as a JSON-ready dict) to its
`on_call` hook, which the run wires to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from shared.llm.content import ImageInput, PdfInput
from shared.llm.usage import Usage
from shared.prompts import RenderedPrompt, TemplateSource

T = TypeVar("T", bound=BaseModel)

OFFLINE = "offline"

OnCall = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class DocumentInput:
    """A document given to the model as quoted data; `sha256` is the source file's hash.
    A PDF or a picture goes as itself instead: `shared.llm.content` (`PdfInput`,
    `ImageInput`); every call's `documents` may mix them."""

    name: str
    sha256: str
    text: str


# What a call's `documents` may hold: text as quoted data, or a PDF or a picture as itself.
ModelInput = DocumentInput | PdfInput | ImageInput


@dataclass(frozen=True)
class Reply(Generic[T]):
    """A validated answer. `attempts` counts answers (1 + re-asks); `latency_ms` is the
    whole call's wall time, retries and re-asks included; `raw_text` is the last answer.
    `templates` are those the model layer rendered itself (document blocks, re-asks)."""

    output: T
    usage: Usage
    model_id: str
    latency_ms: int
    attempts: int
    raw_text: str
    templates: tuple[TemplateSource, ...] = ()

    def record(self, system: RenderedPrompt, prompt: RenderedPrompt, documents: Sequence[ModelInput]) -> dict[str, Any]:
        """The audit log's entry for this call, JSON-ready."""
        record = CallRecord.build(
            model_id=self.model_id,
            system=system,
            prompt=prompt,
            documents=documents,
            output_type=type(self.output),
            usage=self.usage,
            latency_ms=self.latency_ms,
            attempts=self.attempts,
            templates=self.templates,
            output=self.output,
        )
        return record.model_dump(mode="json")


class Model(Protocol):
    """A model: `model_id` is "offline" for the deterministic baseline. A step whose
    answer is a judgement (adjudicating a hit, drafting the memo) asks with `thinking`:
    the model then thinks first, within the engagement's `thinking_budget`, if it has one."""

    model_id: str

    def ask(
        self,
        *,
        system: RenderedPrompt,
        prompt: RenderedPrompt,
        output_type: type[T],
        documents: Sequence[ModelInput] = (),
        max_tokens: int = 4096,
        thinking: bool = False,
    ) -> Reply[T]: ...


def is_offline(model: Model) -> bool:
    """Whether the workflow should use its deterministic baseline instead of asking."""
    return model.model_id == OFFLINE


# -- the audit record ------------------------------------------------------------------


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TemplateRecord(_Record):
    name: str
    source: str
    path: str
    sha256: str


class PromptRecord(_Record):
    """A rendered prompt: its template, every template it included, and the text's hash."""

    template: TemplateRecord
    includes: tuple[TemplateRecord, ...]
    rendered_sha256: str

    @classmethod
    def of(cls, prompt: RenderedPrompt) -> PromptRecord:
        return cls(
            template=_template(prompt.template),
            includes=tuple(map(_template, prompt.includes)),
            rendered_sha256=prompt.sha256,
        )


class DocumentRecord(_Record):
    name: str
    sha256: str


class CallRecord(_Record):
    """Everything the audit log keeps about one model call."""

    model_id: str
    system: PromptRecord
    prompt: PromptRecord
    templates: tuple[TemplateRecord, ...]
    documents: tuple[DocumentRecord, ...]
    output_type: str
    usage: Usage
    latency_ms: int
    attempts: int
    output: Any = None
    error: str | None = None

    @classmethod
    def build(
        cls,
        *,
        model_id: str,
        system: RenderedPrompt,
        prompt: RenderedPrompt,
        documents: Sequence[ModelInput],
        output_type: type,
        usage: Usage,
        latency_ms: int,
        attempts: int,
        templates: Sequence[TemplateSource] = (),
        output: BaseModel | None = None,
        error: str | None = None,
    ) -> CallRecord:
        """A call's record; a failed call has no `output` and says why in `error`."""
        return cls(
            model_id=model_id,
            system=PromptRecord.of(system),
            prompt=PromptRecord.of(prompt),
            templates=tuple(map(_template, templates)),
            documents=tuple(DocumentRecord(name=d.name, sha256=d.sha256) for d in documents),
            output_type=_type_name(output_type),
            usage=usage,
            latency_ms=latency_ms,
            attempts=attempts,
            output=output.model_dump(mode="json") if output is not None else None,
            error=error,
        )


def _template(source: TemplateSource) -> TemplateRecord:
    return TemplateRecord(name=source.name, source=source.origin, path=str(source.path), sha256=source.sha256)


def _type_name(output_type: type) -> str:
    return f"{output_type.__module__}.{output_type.__qualname__}"
