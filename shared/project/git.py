"""The few git operations client projects need, through the git command line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from shared.errors import InputError

# Used only when the machine has no git identity, so the first commit can be made; the
# team's own identity takes over for every later commit.
FALLBACK_IDENTITY = {"user.name": "finagents", "user.email": "finagents@localhost"}


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    if shutil.which("git") is None:
        raise InputError("git", "is needed for client projects and is not installed")
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise InputError(root, f"git {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done


def init_repository(root: Path, message: str) -> None:
    """A repository with everything in `root` as its first commit."""
    git(root, "init", "--quiet", "--initial-branch=main")
    for key, value in FALLBACK_IDENTITY.items():
        if not git(root, "config", key, check=False).stdout.strip():
            git(root, "config", "--local", key, value)
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", message)


def uncommitted_changes(root: Path) -> list[str]:
    """Tracked files with changes not yet committed; none when `root` is no repository."""
    if not (root / ".git").exists():
        return []
    status = git(root, "status", "--porcelain", "--untracked-files=no").stdout
    return [line[3:] for line in status.splitlines() if line.strip()]


def merge_file(ours: Path, base: Path, theirs: Path, labels: tuple[str, str, str]) -> tuple[str, int]:
    """The three-way merge of `ours` and `theirs` from `base`, with conflict markers
    labelled (ours, base, theirs), and how many conflicts it marked."""
    args = ["merge-file", "--stdout", "-L", labels[0], "-L", labels[1], "-L", labels[2], str(ours), str(base),
            str(theirs)]
    done = git(ours.parent, *args, check=False)
    if done.returncode < 0 or done.returncode > 127:
        raise InputError(ours, f"git merge-file failed: {done.stderr.strip()}")
    return done.stdout, done.returncode
