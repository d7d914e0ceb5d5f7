"""YAML frontmatter for SKILL.md and agent files, and the Agent Skills rules it must meet.

Values are written as double-quoted scalars in JSON's escaping, which YAML reads the
same way: a description holding a colon, a `#` or a leading dash cannot change the
document's structure. Only strings and one level of string-to-string maps are written,
which is all the specification allows (`metadata` is a map of strings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from shared.errors import InputError

# https://agentskills.io/specification: the keys a SKILL.md may carry, and their limits.
SKILL_KEYS = frozenset({"name", "description", "license", "compatibility", "metadata", "allowed-tools"})
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_NAME = 64
MAX_DESCRIPTION = 1024
MAX_COMPATIBILITY = 500

Value = str | Mapping[str, str]


def frontmatter(fields: Mapping[str, Value]) -> str:
    """`---`, one `key: value` line per field (a map's entries indented below it), `---`."""
    out = ["---"]
    for key, value in fields.items():
        if isinstance(value, str):
            out.append(f"{_quoted_key(key)}: {json.dumps(value, ensure_ascii=False)}")
        else:
            out.append(f"{_quoted_key(key)}:")
            out.extend(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                       for k, v in value.items())
    out.append("---")
    return "\n".join(out) + "\n"


def _quoted_key(key: str) -> str:
    # Top-level keys are ours and plain (`allowed-tools`); quoting them would still be YAML,
    # but tools that read frontmatter with a line regex expect them bare.
    return key if re.fullmatch(r"[a-z][a-z-]*", key) else json.dumps(key)


def skill_problems(folder: str, fields: Mapping[str, Value]) -> list[str]:
    """Every way `fields` breaks the Agent Skills specification for a skill in `folder`."""
    problems = [f"key '{key}' is not allowed" for key in fields if key not in SKILL_KEYS]
    problems += name_problems(fields.get("name"), folder)
    problems += _description_problems(fields.get("description"))
    compatibility = fields.get("compatibility")
    if compatibility is not None and not (isinstance(compatibility, str)
                                          and 0 < len(compatibility) <= MAX_COMPATIBILITY):
        problems.append(f"compatibility must be 1 to {MAX_COMPATIBILITY} characters")
    metadata = fields.get("metadata", {})
    if not isinstance(metadata, Mapping) or not all(isinstance(k, str) and isinstance(v, str)
                                                     for k, v in metadata.items()):
        problems.append("metadata must map strings to strings")
    return problems


def name_problems(name: object, folder: str) -> list[str]:
    if not isinstance(name, str) or not NAME_PATTERN.match(name) or len(name) > MAX_NAME:
        return [f"name {name!r} must be 1 to {MAX_NAME} lower-case letters, digits and single hyphens"]
    return [] if name == folder else [f"name '{name}' must equal its folder '{folder}'"]


def _description_problems(description: object) -> list[str]:
    if not isinstance(description, str) or not 0 < len(description) <= MAX_DESCRIPTION:
        return [f"description must be 1 to {MAX_DESCRIPTION} characters"]
    return ["description must not contain '<' or '>'"] if re.search(r"[<>]", description) else []


def require_valid_skill(folder: str, fields: Mapping[str, Value]) -> None:
    """Refuse to write a skill Claude would reject or misread (a plugin workflow's summary
    with angle brackets, a name too long): one line naming the skill and the rule."""
    problems = skill_problems(folder, fields)
    if problems:
        raise InputError(f"skills/{folder}/SKILL.md", "; ".join(problems))
