"""Imported once by the fork server of tests/support/forked.py: every module of the pack,
and the libraries its commands import inside functions, so that each child forked from
the server starts with them loaded. Importing a module reads nothing (house rule), so a
child is the same as a fresh interpreter, only sooner at work.

A module that cannot be imported is left out (the child imports it, or fails, as a fresh
interpreter would): the server must start whatever state the tree is in.
"""

from __future__ import annotations

import importlib
import pkgutil

PACKAGES = ("shared", "kyc", "earnings_review", "month_end_close")
LIBRARIES = ("langgraph.graph", "langgraph.checkpoint.sqlite", "pdfplumber", "pypdfium2", "openpyxl", "jinja2",
             "PIL.Image", "rich.console", "typer", "anthropic")


def _import(name: str) -> object | None:
    try:
        return importlib.import_module(name)
    except Exception:  # any failure: the child meets it again, as a fresh interpreter would
        return None


def _modules(package: str) -> list[str]:
    root = _import(package)
    paths = getattr(root, "__path__", None)
    if paths is None:
        return []
    found = pkgutil.walk_packages(paths, prefix=f"{package}.", onerror=lambda _: None)
    return [info.name for info in found if not info.name.endswith(".__main__")]  # a __main__ would run


for _name in LIBRARIES:
    _import(_name)
for _package in PACKAGES:
    for _module in _modules(_package):
        _import(_module)
