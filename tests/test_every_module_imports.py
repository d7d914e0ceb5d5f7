"""Every module of the pack imports (in this process, where most already are): the fast
subset of `make check` then touches each of them, even one whose tests are all slow, and
a module that no longer imports fails here by name rather than in whichever test loads it."""

from __future__ import annotations

import importlib
import pkgutil

PACKAGES = ("shared", "kyc", "earnings_review", "month_end_close")


def modules() -> list[str]:
    found = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        found += [package, *(info.name for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."))]
    return [name for name in found if not name.endswith(".__main__")]  # a __main__ would run its command


def test_every_module_of_the_four_packages_imports() -> None:
    names = modules()
    assert len(names) > 250 and "shared.runs.driver" in names and "kyc.rescreen.nodes" in names
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # any failure: named with the module, all of them at once
            failed.append(f"{name}: {type(error).__name__}: {error}")
    assert failed == []
