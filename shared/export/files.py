"""What an export writes: files by their path inside the plugin, as text or as a copy."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PluginFile:
    """One file of the plugin: `path` is relative and POSIX; exactly one of `text` (written
    as UTF-8) or `source` (copied byte for byte) is set."""

    path: str
    text: str | None = None
    source: Path | None = None


def json_file(path: str, value: Any) -> PluginFile:
    return PluginFile(path, text=json.dumps(value, indent=2, ensure_ascii=False) + "\n")
