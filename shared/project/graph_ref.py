"""An engagement's own graph (`graph = "package.module:build_graph"`): the one setting that
runs code, so it is honoured only where the consultant put that code.

It must come from the `engagement.toml` of a client project made with `finagents new
--with-code` (its `.finagents/project.json` names the project's package), and must name a
module of that package, whose file is inside the project. An input folder cannot set it, and no name may
reach a module elsewhere: `os:abort` or a `pwn.py` dropped beside a client's documents is
refused before anything is imported.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shared.errors import InputError
from shared.project.answers import PROJECT_FILE, read_record


def project_graph(reference: str, root: Path | None, workflow: str) -> Callable[[], Any]:
    """The builder `reference` names inside the client project at `root`; InputError
    naming the reference when the project may not, or does not, hold it."""
    project, package = _code_project(reference, root, workflow)
    module_name, _, attribute = reference.partition(":")
    if module_name.split(".")[0] != package or _module_file(project, module_name) is None:
        raise InputError(reference, f"names no module of the client project's own package {package} "
                                    f"(in {project}): an engagement's graph must be the project's own code")
    module = _import_from(project, module_name)
    try:
        return getattr(module, attribute)
    except AttributeError:
        raise InputError(reference,
                         f"{module_name} has no {attribute} (the engagement's graph for {workflow})") from None


def _code_project(reference: str, root: Path | None, workflow: str) -> tuple[Path, str]:
    """The project's folder and the package `new --with-code` made in it."""
    package = read_record(root).answers.package if root is not None and (root / PROJECT_FILE).is_file() else None
    if root is None or package is None:
        raise InputError(reference, f"a graph for {workflow} is honoured only in the engagement.toml of a client "
                                    "project made with `finagents new --with-code`")
    return Path(root).resolve(), package


def _module_file(project: Path, module_name: str) -> Path | None:
    """The module's file, found without importing anything: every package on the way
    must be a folder of the project with its __init__.py."""
    parts = module_name.split(".")
    folder = project
    for package in parts[:-1]:
        folder = folder / package
        if not (folder / "__init__.py").is_file():
            return None
    for candidate in (folder / f"{parts[-1]}.py", folder / parts[-1] / "__init__.py"):
        if candidate.is_file() and not candidate.is_symlink() and candidate.resolve().is_relative_to(project):
            return candidate
    return None


def _import_from(project: Path, module_name: str) -> Any:
    # A module of that name imported earlier from elsewhere (another project in this
    # process) is not this project's: it is forgotten, and the project's folder searched first.
    top = module_name.split(".")[0]
    for name in [n for n in sys.modules if n == top or n.startswith(f"{top}.")]:
        origin = getattr(sys.modules[name], "__file__", None)
        if origin is None or not Path(origin).resolve().is_relative_to(project):
            del sys.modules[name]
    if str(project) in sys.path:
        sys.path.remove(str(project))
    sys.path.insert(0, str(project))
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        raise InputError(module_name, f"cannot be imported from the client project {project}: {exc}") from None
