"""The generated statement layouts: made by the project's own generator
(`fixtures/close/statements/`, in the repository only, not in the wheel) into a cache
folder named by the generator's version, and their truth read back.

Nothing is generated or read at import time; `folder()` does the work when asked.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from month_end_close.evaluation.layouts import Expected
from shared.corpus import cache_home, repository_root

# The generator is loaded under its own name, so nothing depends on the repository
# being on sys.path or on no other package being called `fixtures`.
_PACKAGE = "finagents_statement_layouts"
GENERATOR = Path("fixtures") / "close" / "statements"
UNAVAILABLE = ("generated layouts not scored: their generator (fixtures/close/statements/) is in the repository, "
               "not in an installed pack")


def generator() -> ModuleType | None:
    """The generator's `generate` module, or None outside a checkout."""
    root = repository_root()
    if root is None or not (root / GENERATOR / "__init__.py").is_file():
        return None
    if _PACKAGE not in sys.modules:
        init = root / GENERATOR / "__init__.py"
        spec = importlib.util.spec_from_file_location(_PACKAGE, init, submodule_search_locations=[str(init.parent)])
        assert spec is not None and spec.loader is not None  # a file that exists always gets a spec
        package = importlib.util.module_from_spec(spec)
        sys.modules[_PACKAGE] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{_PACKAGE}.generate")


def cache_folder(version: str, environ: dict[str, str] | None = None) -> Path:
    return cache_home(environ) / "statements" / version


def folder() -> Path | None:
    """The generated set, made in the cache first if needed; None outside a checkout."""
    module = generator()
    if module is None:
        return None
    return Path(module.ensure(cache_folder(module.version())))


def expected_statements(generated: Path) -> list[Expected]:
    """Every statement of every generated file, in the generator's order of families."""
    manifest = generated / "manifest.json"
    names = json.loads(manifest.read_text(encoding="utf-8"))["files"] if manifest.is_file() else \
        sorted(p.name for p in generated.glob("*.truth.json"))
    return [item for name in names for item in _file(generated / name)]


def _file(path: Path) -> list[Expected]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    pdf = path.with_name(data["file"])
    return [_statement(f"generated/{data['family']}", pdf, i, s) for i, s in enumerate(data["statements"])]


def _statement(group: str, pdf: Path, index: int, data: dict[str, Any]) -> Expected:
    lines = tuple((date.fromisoformat(line["date"]), Decimal(line["amount"])) for line in data["lines"])
    expected = data["expected"]
    return Expected(group, pdf, index, Decimal(data["opening"]), Decimal(data["closing"]), lines,
                    expected["outcome"], expected.get("first_break"))
