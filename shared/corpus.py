"""Where the real public documents live: the one resolver that tests and evaluations use.

The pack never carries third-party documents (SEC filings, bank statements, sanctions
lists). They are read in place from a corpus folder:

1. `FINAGENTS_CORPUS`, when set (a folder that does not exist counts as no corpus: a
   typo must not silently fall through to another copy);
2. `../shared/data` beside the repository (the folder holding pyproject.toml), which is
   where CI and a developer's checkout have it;
3. `~/.cache/finagents/corpus`, where `make corpus` downloads it.

Nothing is resolved at import time: the environment is read when asked.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from shared.errors import InputError

ENV = "FINAGENTS_CORPUS"
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def repository_root(start: Path = PACKAGE_ROOT) -> Path | None:
    """The checkout the pack runs from, or None for an installed wheel (no pyproject.toml)."""
    return start if (start / "pyproject.toml").is_file() else None


def cache_home(environ: Mapping[str, str] | None = None) -> Path:
    """The pack's folder in the user's cache: ~/.cache/finagents, or under XDG_CACHE_HOME."""
    environ = os.environ if environ is None else environ
    cache = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".cache")
    return Path(cache) / "finagents"


def download_folder(environ: Mapping[str, str] | None = None) -> Path:
    """Where `make corpus` puts the files: FINAGENTS_CORPUS if set, else the user's cache."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV):
        return Path(environ[ENV]).expanduser()
    return cache_home(environ) / "corpus"


def candidates(environ: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """The folders looked at, in order; with FINAGENTS_CORPUS set, only that one."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV):
        return (Path(environ[ENV]).expanduser(),)
    repo = repository_root()
    beside = (repo.parent / "shared" / "data",) if repo is not None else ()
    return (*beside, download_folder(environ))


def corpus_root(environ: Mapping[str, str] | None = None) -> Path | None:
    """The first candidate folder that exists, or None when there is no corpus."""
    return next((path.resolve() for path in candidates(environ) if path.is_dir()), None)


def missing_message(environ: Mapping[str, str] | None = None) -> str:
    looked = ", ".join(str(path) for path in candidates(environ))
    return (f"no corpus of real documents found (looked in {looked}): set {ENV} to the folder "
            "holding earnings/, kyc/ and close/, or run `make corpus`")


def require_corpus(environ: Mapping[str, str] | None = None) -> Path:
    """The corpus folder, or an InputError naming FINAGENTS_CORPUS (exit 2 from the CLI)."""
    root = corpus_root(environ)
    if root is None:
        raise InputError(ENV, missing_message(environ))
    return root


def corpus_file(relative: str | Path, environ: Mapping[str, str] | None = None) -> Path:
    """A file or folder of the corpus by its path inside it; absent is an InputError."""
    path = require_corpus(environ) / relative
    if not path.exists():
        raise InputError(path, f"is not in the corpus ({ENV} or `make corpus` provides it)")
    return path
