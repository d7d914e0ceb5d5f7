"""Where the pack's own files are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).parent


def scaffold_dir() -> Path:
    """The client-project scaffold: `shared/scaffold/` in a wheel (the build copies the
    repository's top-level `templates/` there), `templates/` in a source checkout."""
    for candidate in (_PACKAGE_DIR / "scaffold", _PACKAGE_DIR.parent / "templates"):
        if (candidate / "copier.yml").is_file():
            return candidate
    raise FileNotFoundError("the client-project scaffold is missing from this installation of finagents")
