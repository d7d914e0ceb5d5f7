"""The run's view of its model: every call goes to the audit log, and a call the run has
already made and recorded (before a crash) is answered from the log, not sent again, so a
resumed run repeats no model call and pays for none twice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from shared.audit import AuditLog, read_data
from shared.llm.protocol import Model, ModelInput, Reply, T
from shared.llm.usage import Usage
from shared.prompts import RenderedPrompt


def request_key(system_sha: str, prompt_sha: str, document_shas: Sequence[str], output_type: str) -> str:
    """What identifies a request: the exact texts sent and the type asked for."""
    material = json.dumps([system_sha, prompt_sha, list(document_shas), output_type])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def recorded_answers(audit_path: Path) -> dict[str, Mapping[str, Any]]:
    """Validated outputs of the run's earlier model calls, by request key."""
    answers: dict[str, Mapping[str, Any]] = {}
    for record in read_data(audit_path, "model_call"):
        if record.get("output") is not None:
            key = request_key(
                record["system"]["rendered_sha256"],
                record["prompt"]["rendered_sha256"],
                [d["sha256"] for d in record["documents"]],
                record["output_type"],
            )
            answers[key] = record
    return answers


class RecordedModel:
    def __init__(self, inner: Model, audit: AuditLog, answered: Mapping[str, Mapping[str, Any]]) -> None:
        self._inner = inner
        self._audit = audit
        self._answered = dict(answered)
        self.model_id = inner.model_id

    def ask(
        self,
        *,
        system: RenderedPrompt,
        prompt: RenderedPrompt,
        output_type: type[T],
        documents: Sequence[ModelInput] = (),
        max_tokens: int = 4096,
        thinking: bool = False,
    ) -> Reply[T]:
        type_name = f"{output_type.__module__}.{output_type.__qualname__}"
        key = request_key(system.sha256, prompt.sha256, [d.sha256 for d in documents], type_name)
        if key in self._answered:
            return self._replay(key, output_type)
        return self._inner.ask(
            system=system, prompt=prompt, output_type=output_type, documents=documents, max_tokens=max_tokens,
            thinking=thinking,
        )

    def _replay(self, key: str, output_type: type[T]) -> Reply[T]:
        record = self._answered[key]
        self._audit.event("model_call_replayed", {"request_key": key, "model_id": record["model_id"]})
        output = output_type.model_validate(record["output"])
        return Reply(output=output, usage=Usage(), model_id=record["model_id"], latency_ms=0, attempts=0, raw_text="")
