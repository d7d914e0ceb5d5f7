"""A project's identity, kept in `.finagents/project.json`: what `update` re-renders from."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.documents.base import sha256_file
from shared.errors import InputError
from shared.prompts.library import TEMPLATE_SUFFIX

STATE_DIR = ".finagents"
BASELINE_DIR = f"{STATE_DIR}/baseline"
PROJECT_FILE = f"{STATE_DIR}/project.json"


class ProjectAnswers(BaseModel):
    """Everything the scaffold is rendered from, apart from the pack itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    workflow: str
    client: str = Field(min_length=1)
    package: str | None = Field(None, pattern=r"^[a-z_][a-z0-9_]*$")
    # The pack is installed from its wheel kept in wheels/ (`--wheel`), not from an index.
    wheel: bool = False


class ProjectRecord(BaseModel):
    """The answers, the pack version of the baseline, and the pack version the project
    was made with (so `prompts diff` can say which defaults moved since)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    answers: ProjectAnswers
    made_with: str
    baseline_version: str
    # sha256 of each pack prompt template when the project was made, by template name.
    made_with_prompts: dict[str, str] = {}


def package_name(client: str, workflow: str) -> str:
    """A Python package name for a project's own code: 'Acme Ltd' + kyc -> acme_ltd_kyc."""
    stem = re.sub(r"[^a-z0-9]+", "_", client.lower()).strip("_") or "client"
    if stem[0].isdigit():
        stem = f"client_{stem}"
    return f"{stem}_{workflow}"


def read_record(root: Path) -> ProjectRecord:
    path = root / PROJECT_FILE
    if not path.is_file():
        raise InputError(root, f"is not a client project made by `finagents new` (no {PROJECT_FILE})")
    try:
        return ProjectRecord.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise InputError(path, f"is damaged: {exc.errors()[0]['msg']}") from None


def write_record(root: Path, record: ProjectRecord) -> None:
    path = root / PROJECT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(record.model_dump_json(indent=2) + "\n", encoding="utf-8")


def prompt_hashes(prompts_dir: Path) -> dict[str, str]:
    """sha256 of every template under `prompts_dir`, by its name (relative path)."""
    return {path.relative_to(prompts_dir).as_posix(): sha256_file(path)
            for path in sorted(prompts_dir.rglob(f"*{TEMPLATE_SUFFIX}"))}
