"""`skills/<name>/evals/evals.json`: each skill's evals, as skill-creator reads them.

One file per skill, inside the skill's folder: the format's `skill_name` is a single
skill, and skill-creator looks for `evals/evals.json` relative to the skill, with each
eval's `files` relative to the skill's folder too. The cases' files are copied under
`evals/files/<case>/`, so the plugin is whole on its own.
"""

from __future__ import annotations

from typing import Any

from shared.corpus_download import MANIFEST, read_manifest
from shared.documents.base import sha256_file
from shared.errors import InputError
from shared.export import text
from shared.export.cases import Case, workflow_cases
from shared.export.context import ExportContext
from shared.export.files import PluginFile, json_file
from shared.export.skills import skill_name
from shared.workflows import WorkflowSpec


def eval_files(workflow: WorkflowSpec, context: ExportContext) -> list[PluginFile]:
    """evals.json and the copies of every case's files; none when the workflow has no case."""
    name = skill_name(workflow)
    cases = workflow_cases(workflow)
    if not cases:
        return []
    copies = [PluginFile(f"skills/{name}/{_copy_path(case, path)}", source=path)
              for case in cases for path in case.files()]
    refuse_corpus_copies(copies)
    evals = [_eval(number, case, workflow, context) for number, case in enumerate(cases, start=1)]
    return [json_file(f"skills/{name}/evals/evals.json", {"skill_name": name, "evals": evals}), *copies]


def _eval(number: int, case: Case, workflow: WorkflowSpec, context: ExportContext) -> dict[str, Any]:
    folder = f"evals/files/{case.name}"
    expectations = case.expectations()
    return {
        "id": number,
        "prompt": text.one_line("eval_prompt.txt.j2", workflow=workflow, skill=skill_name(workflow),
                                folder=folder, case=case.name, context=context),
        "expected_output": "\n".join(text.lines("eval_expected.txt.j2", workflow=workflow, case=case,
                                                 expectations=expectations)),
        "files": [_copy_path(case, path) for path in case.files()],
        "expectations": list(expectations),
    }


def refuse_corpus_copies(copies: list[PluginFile]) -> None:
    """No corpus file may ship in a plugin (issue 13's rule): in a checkout, where the
    generated cases are, every copy is checked against fixtures/corpus.toml's hashes."""
    if not MANIFEST.is_file():
        return
    corpus = {entry.sha256 for entry in read_manifest()}
    for item in copies:
        if item.source is not None and sha256_file(item.source) in corpus:
            raise InputError(item.source, "has the sha256 of a corpus file, which no plugin may carry")


def _copy_path(case: Case, path: Any) -> str:
    return f"evals/files/{case.name}/{path.relative_to(case.folder).as_posix()}"
