"""The frontmatter writer and the Agent Skills rules it enforces before a skill is written."""

from __future__ import annotations

import re

import pytest
import yaml

from shared.errors import InputError
from shared.export.frontmatter import Value, frontmatter, require_valid_skill, skill_problems
from shared.export.manifest import plugin_name

GOOD: dict[str, Value] = {"name": "month-end-close",
                          "description": "Closes the month. Use when asked to close a month.",
                          "metadata": {"pack-version": "0.1.0"}}


def test_values_that_look_like_yaml_stay_strings() -> None:
    fields: dict[str, Value] = {"name": "kyc", "description": "Risk: high # not a comment\n- not a list",
              "metadata": {"prompt-sha256:partials/x.j2": "0123", "yes": "no"}}
    text = frontmatter(fields)
    assert yaml.safe_load(text.strip().strip("-")) == fields


@pytest.mark.parametrize(("change", "problem"), [
    ({"name": "Month_End"}, "lower-case letters, digits and single hyphens"),
    ({"name": "month--end"}, "lower-case letters, digits and single hyphens"),
    ({"name": "a" * 65}, "lower-case letters, digits and single hyphens"),
    ({"name": "kyc"}, "must equal its folder 'month-end-close'"),
    ({"description": ""}, "description must be 1 to 1024 characters"),
    ({"description": "x" * 1025}, "description must be 1 to 1024 characters"),
    ({"description": "Reads <document> tags"}, "must not contain '<' or '>'"),
    ({"version": "1"}, "key 'version' is not allowed"),
    ({"metadata": {"hashes": ["a"]}}, "metadata must map strings to strings"),
    ({"compatibility": "x" * 501}, "compatibility must be 1 to 500 characters"),
])
def test_each_rule_of_the_specification_is_enforced(change: dict[str, object], problem: str) -> None:
    fields = {**GOOD, **change}
    assert any(problem in p for p in skill_problems("month-end-close", fields))  # type: ignore[arg-type]  # bad on purpose
    with pytest.raises(InputError, match=re.escape("skills/month-end-close/SKILL.md")):
        require_valid_skill("month-end-close", fields)  # type: ignore[arg-type]  # bad on purpose


def test_a_good_skill_has_no_problem() -> None:
    assert skill_problems("month-end-close", GOOD) == []


@pytest.mark.parametrize(("client", "name"), [
    ("Acme Ltd", "finagents-acme-ltd"), ("Société Générale (UK)", "finagents-societe-generale-uk"),
    ("", "finagents"), ("---", "finagents"), ("x" * 80, "finagents-" + "x" * 54),
])
def test_the_plugin_name_is_kebab_case_from_the_client(client: str, name: str) -> None:
    assert plugin_name(client) == name
