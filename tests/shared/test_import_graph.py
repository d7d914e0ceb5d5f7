"""The direction of the pack's imports: the core imports no workflow, and no workflow
imports another (CONTRACT.md, "Workflows as plugins"). Read from the source, every
import counted (inside functions and TYPE_CHECKING blocks too), so a dependency cannot
hide behind a late import."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE = "shared"
WORKFLOW_PACKAGES = ("earnings_review", "kyc", "month_end_close")


def modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def imported_names(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of each import in `path`, relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = path.relative_to(REPO).with_suffix("").parts
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, _absolute(node, here)


def _absolute(node: ast.ImportFrom, here: tuple[str, ...]) -> str:
    if node.level == 0:
        return node.module or ""
    # `from . import x` in a/b/c.py is a.b; an __init__ module is its own package.
    package = here[:-1] if here[-1] != "__init__" else here
    base = package[: len(package) - node.level + 1]
    return ".".join((*base, node.module) if node.module else base)


def top(module: str) -> str:
    return module.split(".")[0]


def crossings(package: str, forbidden: set[str]) -> list[str]:
    return [f"{path.relative_to(REPO)}:{line} imports {name}"
            for path in modules(package) for line, name in imported_names(path) if top(name) in forbidden]


def test_the_core_imports_no_workflow() -> None:
    assert modules(CORE), "the core package was not found"
    assert crossings(CORE, set(WORKFLOW_PACKAGES)) == []


@pytest.mark.parametrize("package", WORKFLOW_PACKAGES)
def test_no_workflow_imports_another(package: str) -> None:
    assert modules(package), f"{package} was not found"
    assert crossings(package, set(WORKFLOW_PACKAGES) - {package}) == []


def test_the_walk_sees_late_relative_and_type_checking_imports(tmp_path: Path, monkeypatch) -> None:
    # The check above is only as good as the walk: it must see the imports a shortcut hides.
    package = tmp_path / "shared" / "cli"
    package.mkdir(parents=True)
    (package / "late.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from kyc.screening import engine\n"
        "def f():\n    import month_end_close.cli\n    from ..money import Money\n    from . import usage\n")
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    assert [name for _, name in imported_names(package / "late.py")] == [
        "typing", "kyc.screening", "month_end_close.cli", "shared.money", "shared.cli"]
    assert crossings("shared", set(WORKFLOW_PACKAGES)) == [
        "shared/cli/late.py:3 imports kyc.screening", "shared/cli/late.py:5 imports month_end_close.cli"]


def test_every_installed_workflow_is_one_of_the_packages_walked() -> None:
    # A workflow added to the pack without being added here would go unchecked.
    from shared.workflows import all_workflows

    assert {top(flow.package) for flow in all_workflows()} == set(WORKFLOW_PACKAGES)
