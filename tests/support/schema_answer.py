"""The smallest answer a structured-output request's JSON schema accepts: no items in a
list, empty text, the first choice of an enum, null where null is allowed. A loopback
server answering every request with it lets a whole run go through its model steps
without a script written for each (`benchmarks/model_usage.py`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

SCALARS: dict[str, Any] = {"string": "", "integer": 0, "number": 0, "boolean": False, "null": None}


def smallest(schema: Mapping[str, Any], definitions: Mapping[str, Any]) -> Any:
    if "$ref" in schema:
        return smallest(definitions[schema["$ref"].rsplit("/", 1)[-1]], definitions)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = schema[key]
            nullable = any(option.get("type") == "null" for option in options)
            return None if nullable else smallest(options[0], definitions)
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        return None if "null" in kind else SCALARS.get(kind[0])
    if kind == "object":
        return {name: smallest(schema["properties"][name], definitions) for name in schema.get("required", ())}
    if kind == "array":
        return [smallest(schema["items"], definitions)] * schema.get("minItems", 0)
    return SCALARS[kind]


def answer_for(body: Mapping[str, Any]) -> str:
    """The answer text for a Messages API request body with `output_config.format`."""
    schema = body["output_config"]["format"]["schema"]
    return json.dumps(smallest(schema, schema.get("$defs", {})))
