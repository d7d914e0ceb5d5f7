"""What a project is made from: the scaffold, a workflow's prompts, settings and sample.

`installed_pack` is the pack this interpreter has; tests build a `Pack` by hand to stand
for a newer release (a changed prompt, a new setting) without installing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shared
from shared.resources import scaffold_dir
from shared.workflows import get_workflow

# What `--with-code` copies: the wiring and the steps a team may change, and the report
# templates. Everything else (readers, matchers, state) stays the pack's, updated by pip.
WITH_CODE_PATHS = ("graph.py", "nodes.py", "reports")


@dataclass(frozen=True)
class Pack:
    version: str
    scaffold_dir: Path
    workflow: str
    package_dir: Path
    prompts_dir: Path
    sample_dir: Path
    settings_model: type[Any]


def installed_pack(workflow_name: str) -> Pack:
    workflow = get_workflow(workflow_name)
    workflow.require_built()
    return Pack(version=shared.__version__, scaffold_dir=scaffold_dir(), workflow=workflow.name,
                package_dir=workflow.package_dir, prompts_dir=workflow.prompts_dir, sample_dir=workflow.sample_dir,
                settings_model=workflow.settings_model())

