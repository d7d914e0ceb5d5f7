"""The documents an input folder holds: its own regular files, never what a link points at.

An input folder comes with a client's documents. A symbolic link in it would have the pack
read (and, with a model, send) a file from anywhere on the machine, so a link is refused
with one line naming it rather than followed or silently skipped. Hidden files (a
generator's truth, an editor's swap file) are not documents.
"""

from __future__ import annotations

from pathlib import Path

from shared.documents.errors import DocumentError


def folder_documents(folder: Path) -> list[Path]:
    """The regular files directly in `folder`, sorted by name, hidden ones left out."""
    found = []
    for path in sorted(Path(folder).iterdir()):
        if path.name.startswith("."):
            continue
        refuse_link(path)
        if path.is_file():
            found.append(path)
    return found


def refuse_link(path: Path) -> None:
    """One file of an input folder, named on its own (a consensus.csv): a link is refused."""
    if Path(path).is_symlink():
        raise DocumentError(path, "is a symbolic link: an input folder's documents must be files in it "
                                  "(copy the file in)")
