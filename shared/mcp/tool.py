"""A tool as a workflow declares it: a name, what it is for, a pydantic model for its
arguments and one for its result (their JSON schemas are what the client sees), the
function that does the work, and the agent-facing servers it serves."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, WithJsonSchema

from shared.engagement import Engagement
from shared.money import Money

# Money a caller gives: a decimal string in the schema, so an agent writes "1234.56" and
# never a JSON number, which would arrive as a float; a float is refused (shared.money).
MoneyArgument = Annotated[Money, WithJsonSchema({"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*$",
                                                "description": 'An exact amount as a string, e.g. "-1234.56".'})]


class Arguments(BaseModel):
    """A tool's arguments: unknown ones are refused, so a caller cannot slip in an answer
    (`approve`, `decision`) a tool would quietly ignore."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Answer(BaseModel):
    """A tool's result, sent as the call's structured content."""

    model_config = ConfigDict(frozen=True)


@dataclass(frozen=True)
class ToolContext:
    """What every call shares: the engagement in force (`--engagement` or the one found
    from the working folder), that folder, and the server's environment."""

    engagement: Engagement
    cwd: Path
    environ: Mapping[str, str]

    def path(self, given: str) -> Path:
        """A path argument, absolute: citations written from it must resolve later, from
        wherever the agent checks them."""
        path = Path(given).expanduser()
        return (path if path.is_absolute() else self.cwd / path).resolve()


ToolFunction = Callable[[Any, ToolContext], Answer]


@dataclass(frozen=True)
class Tool:
    """A tool's description is model-facing text, so it is a prompt file,
    `prompts/tools/<name>.j2` in the declaring workflow (the core's in `shared/prompts`),
    rendered as the engagement resolves it when the server starts (`catalogue`)."""

    name: str
    arguments: type[Arguments]
    result: type[Answer]
    call: ToolFunction
    # The agent-facing server names it is offered under (shared.mcp.servers); every tool
    # is offered under `finagents`.
    servers: tuple[str, ...] = ()
    # Whether calls take turns: an engine in this process keeps per-process caches (lists,
    # parsed documents). A tool whose work is in another process (a run) does not, so a
    # run waiting for its gate never holds up a status call.
    serial: bool = True
    description: str = ""  # filled from the tool's template by `catalogue.installed_tools`

    @property
    def template(self) -> str:
        return f"tools/{self.name}.j2"

    def input_schema(self) -> dict[str, Any]:
        return self.arguments.model_json_schema()

    def output_schema(self) -> dict[str, Any]:
        return self.result.model_json_schema(mode="serialization")
