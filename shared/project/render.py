"""The pack's pristine render of a client project: the scaffold (copier), the workflow's
prompts and, with `--with-code`, its graph. `new` writes it and keeps a copy as the
baseline; `update` renders it again from the newer pack and merges."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from copier import run_copy

from shared.engagement import EngagementSettings
from shared.project.answers import ProjectAnswers
from shared.project.pack import WITH_CODE_PATHS, Pack
from shared.project.settings_doc import Table, settings_tables
from shared.prompts.library import TEMPLATE_SUFFIX

_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")


def render_project(pack: Pack, answers: ProjectAnswers, into: Path) -> None:
    """Write the pristine project for `answers` from `pack` into the empty folder `into`."""
    _render_scaffold(pack, answers, into)
    _copy_prompts(pack, into / "prompts" / pack.workflow)
    if answers.package:
        _copy_code(pack, answers.package, into / answers.package)


def _render_scaffold(pack: Pack, answers: ProjectAnswers, into: Path) -> None:
    data = {"workflow": pack.workflow, "client": answers.client, "pack_version": pack.version,
            "package": answers.package or "", "wheel": answers.wheel,
            "tables": [_as_data(t) for t in _tables(pack, answers)]}
    run_copy(str(pack.scaffold_dir), into, data=data, defaults=True, quiet=True, overwrite=True, unsafe=False)


def _tables(pack: Pack, answers: ProjectAnswers) -> list[Table]:
    engagement = {"client": answers.client, "pack_version": pack.version}
    workflow = {"graph": f"{answers.package}.graph:build_graph"} if answers.package else {}
    return [*settings_tables("engagement", EngagementSettings, engagement),
            *settings_tables(pack.workflow, pack.settings_model, workflow)]


def _as_data(table: Table) -> dict[str, Any]:
    settings = [{"key": s.key, "value": s.value, "notes": list(s.notes)} for s in table.settings]
    return {"name": table.name, "notes": list(table.notes), "settings": settings}


def _copy_prompts(pack: Pack, target: Path) -> None:
    for source in sorted(pack.prompts_dir.rglob(f"*{TEMPLATE_SUFFIX}")):
        destination = target / source.relative_to(pack.prompts_dir)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)


def _copy_code(pack: Pack, package: str, target: Path) -> None:
    target.mkdir(parents=True)
    (target / "__init__.py").write_text(
        f'"""This project\'s own copy of the {pack.workflow} graph, its steps and report templates."""\n',
        encoding="utf-8")
    for name in WITH_CODE_PATHS:
        source = pack.package_dir / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=_IGNORED)
        else:
            (target / name).write_text(_rehome(source.read_text(encoding="utf-8"), pack.workflow, package),
                                       encoding="utf-8")


def _rehome(code: str, workflow: str, package: str) -> str:
    """Point imports of the copied modules at the project's package; imports of the rest
    of the workflow stay on the pack."""
    copied = "|".join(Path(name).stem for name in WITH_CODE_PATHS if name.endswith(".py"))
    code = re.sub(rf"\bfrom {workflow} import ({copied})\b", rf"from {package} import \1", code)
    return re.sub(rf"\b{workflow}\.({copied})\b", rf"{package}.\1", code)
