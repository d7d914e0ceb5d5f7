"""`make corpus`: fetch the real public documents of fixtures/corpus.toml on a machine with
internet, each checked against the sha256 it was listed with.

A file already present with the right sha256 is kept; a download whose sha256 differs is
removed, never left looking like the listed file. Files marked `derived` have no public URL
of their own (truth files the corpus's authors made) and are not downloaded. One line per
file on stderr; the last line is the summary, an error line when anything failed.

    python -m shared.corpus_download [MANIFEST] [--into DIR]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from shared.corpus import PACKAGE_ROOT, download_folder
from shared.documents.base import sha256_file
from shared.errors import InputError
from shared.fetch import fetch

MANIFEST = PACKAGE_ROOT / "fixtures" / "corpus.toml"


@dataclass(frozen=True)
class CorpusFile:
    path: str
    sha256: str
    licence: str
    url: str | None = None
    derived: bool = False


def read_manifest(path: Path = MANIFEST) -> tuple[CorpusFile, ...]:
    try:
        with Path(path).open("rb") as handle:
            rows = tomllib.load(handle).get("file", [])
        return tuple(CorpusFile(**row) for row in rows)
    except (OSError, tomllib.TOMLDecodeError, TypeError) as exc:
        raise InputError(path, f"is not a corpus manifest ({exc})") from None


def download(files: Iterable[CorpusFile], into: Path, environ: Mapping[str, str] | None = None,
             say=lambda line: print(line, file=sys.stderr)) -> dict[str, list[str]]:
    """Fetch every listed file that is missing or wrong under `into`; returns the paths by
    outcome: `downloaded`, `present`, `derived` and `failed` (with the reason)."""
    outcome: dict[str, list[str]] = {"downloaded": [], "present": [], "derived": [], "failed": []}
    for item in files:
        kind, line = _one(item, Path(into), environ)
        outcome[kind].append(item.path if kind != "failed" else line)
        say(f"{kind:10} {line}")
    return outcome


def _one(item: CorpusFile, into: Path, environ: Mapping[str, str] | None) -> tuple[str, str]:
    target = into / item.path
    if target.is_file() and sha256_file(target) == item.sha256:
        return "present", item.path
    if item.derived or not item.url:
        return "derived", f"{item.path} (made by the corpus's authors; no public URL)"
    try:
        fetched = fetch(item.url, target, environ=environ)
    except InputError as exc:
        return "failed", f"{item.path}: {exc}"
    if fetched.sha256 != item.sha256:
        target.unlink(missing_ok=True)
        return "failed", f"{item.path}: sha256 {fetched.sha256} is not the listed {item.sha256} (removed)"
    return "downloaded", f"{item.path} ({fetched.size:,} bytes)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make corpus", description=__doc__.splitlines()[0])
    parser.add_argument("manifest", nargs="?", type=Path, default=MANIFEST)
    parser.add_argument("--into", type=Path, default=None,
                        help="default: FINAGENTS_CORPUS or ~/.cache/finagents/corpus")
    args = parser.parse_args(argv)
    into = args.into or download_folder()
    try:
        outcome = download(read_manifest(args.manifest), into)
    except InputError as exc:
        print(f"finagents: {exc}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{len(paths)} {kind}" for kind, paths in outcome.items())
    if outcome["failed"]:
        print(f"finagents: corpus in {into} is incomplete ({counts}); the failures are listed above", file=sys.stderr)
        return 1
    print(f"corpus in {into}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
