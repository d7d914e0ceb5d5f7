"""Configuration: `engagement.toml`, an input folder's own file, the environment, defaults.

Precedence, first wins: command-line option, the input folder's file (e.g. `close.toml`),
`engagement.toml`, environment, default. Unknown keys are errors that name the key and
the file, because a misspelt threshold that is silently ignored is worse than no run.
Nothing here runs at import time; the environment is passed in by the caller.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator
from pydantic_core import PydanticCustomError

from shared.errors import ConfigError, InputError
from shared.money import Money
from shared.workflows import get_workflow, workflow_names

ENGAGEMENT_FILE = "engagement.toml"

# Environment variables that may supply engagement settings; only these are read.
ENVIRONMENT_KEYS = {"FINAGENTS_MODEL": "model", "FINAGENTS_BUDGET_USD": "budget_usd"}

T = TypeVar("T", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Prices(_Strict):
    """USD per million tokens for one model."""

    input: Money = Field(ge=0)
    output: Money = Field(ge=0)
    cache_write: Money = Field(ge=0)
    cache_read: Money = Field(ge=0)


MIN_THINKING_BUDGET = 1024


class EngagementSettings(_Strict):
    client: str = Field("", description="The client's name, as reports show it.")
    reviewers: tuple[str, ...] = Field(
        (), description="Who may sign off runs of this engagement; empty: anyone who gives a name.")
    model: str = Field(
        "offline", min_length=1,
        description='"offline" (deterministic, no API key needed) or a Claude model id such as "claude-sonnet-4-6".')
    budget_usd: Money = Field(
        Decimal("5.00"), ge=0,
        description="A run stops cleanly, resumable, once its model calls cost more than this (USD).")
    batch_api: bool = Field(
        False, description="Send the model's requests through the Message Batches API: half the price, "
                           "answers within 24 hours (the run waits and polls).")
    thinking_budget: int = Field(
        0, ge=0, lt=128_000,
        description="Tokens the model may think for before it adjudicates a hit or drafts the memo "
                    "(extended thinking, paid as output); 0, the default, for none, else at least 1024.")
    pack_version: str | None = Field(
        None, description="The finagents version this project was made with or last updated to.")

    @field_validator("thinking_budget")
    @classmethod
    def _thinking_at_least_the_api_minimum(cls, value: int) -> int:
        # The API refuses a budget under 1,024 tokens: refused here, before any run starts.
        if 0 < value < MIN_THINKING_BUDGET:
            raise PydanticCustomError("thinking_too_small", "{given} is under the API's minimum of 1024 tokens "
                                      "(0 turns thinking off)", {"given": value})
        return value


class WorkflowSettings(_Strict):
    """Settings every workflow has; each workflow's `context.Context` extends it."""

    graph: str | None = Field(
        None,
        description="The project's own graph, as package.module:build_graph (projects made with --with-code); "
                    "absent: the pack's graph.")

    @field_validator("graph")
    @classmethod
    def _module_and_builder(cls, value: str | None) -> str | None:
        if value is not None and not _GRAPH_REFERENCE.match(value):
            raise PydanticCustomError("not_a_graph", "'{given}' is not a graph reference: write it as "
                                      "package.module:build_graph, e.g. \"acme_close.graph:build_graph\"",
                                      {"given": value})
        return value


_GRAPH_REFERENCE = re.compile(r"^[\w.]+:\w+$")


class EngagementConfig(_Strict):
    """engagement.toml's common tables. Each installed workflow adds a table of its own
    name (`engagement_config_model`); a table of no installed workflow is an unknown key."""

    engagement: EngagementSettings = EngagementSettings()
    prices: dict[str, Prices] = {}

    def table(self, workflow: str) -> Mapping[str, Any]:
        """The workflow's own table, empty where the file has none."""
        value = getattr(self, workflow, None)
        return value if isinstance(value, Mapping) else {}


def engagement_config_model() -> type[EngagementConfig]:
    """EngagementConfig with a free table per installed workflow, each checked against
    its workflow's settings once read (`_validate_workflow_table`)."""
    return _with_tables(workflow_names())


@cache
def _with_tables(names: tuple[str, ...]) -> type[EngagementConfig]:
    tables: dict[str, Any] = {name: (dict[str, Any], {}) for name in names}
    return create_model("EngagementConfig", __base__=EngagementConfig, **tables)


def workflow_tables() -> tuple[str, ...]:
    """The workflow tables engagement.toml may hold: one per installed workflow."""
    return workflow_names()


@dataclass(frozen=True)
class Engagement:
    """The engagement in force: a client project folder, or none (`root` is None)."""

    root: Path | None
    config: EngagementConfig = field(default_factory=EngagementConfig)

    @property
    def file(self) -> Path | None:
        return self.root / ENGAGEMENT_FILE if self.root else None

    def runs_dir(self, cwd: Path) -> Path:
        return (self.root if self.root else cwd) / "runs"

    def prompts_dir(self, workflow: str) -> Path | None:
        return self.root / "prompts" / workflow if self.root else None


# -- reading files ----------------------------------------------------------------------


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict, its floats as Decimal (a budget of 5.10 stays 5.10)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "does not exist") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, f"is not UTF-8 text (byte {exc.start})") from None
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"is not valid TOML: {exc}") from None


def validate(model: type[T], data: Mapping[str, Any], source: str | Path) -> T:
    """`data` as `model`, or a ConfigError naming the first bad key and its source."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise _config_error(exc, source, prefix="", model=model) from None


def _config_error(exc: ValidationError, source: str | Path, prefix: str,
                  model: type[BaseModel] | None = None) -> ConfigError:
    key, problem = describe_errors(exc, prefix, model)[0]
    return ConfigError(source, problem, key=key)


def describe_errors(exc: ValidationError, prefix: str = "", model: type[BaseModel] | None = None
                    ) -> list[tuple[str, str]]:
    """Each error as (dotted key, one line naming the key). With `model` (the one that was
    validated), an unknown key names the closest key the model knows at that place: a
    misspelt key is found at once, not by reading the whole table."""
    described = []
    for error in exc.errors():
        key = prefix + ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden":
            described.append((key, f"unknown key '{key}'{_did_you_mean(model, error['loc'])}"))
        elif "given" in error.get("ctx", {}):  # a message of ours that shows the value and how to write it
            described.append((key, f"{key} {error['msg']}"))
        else:
            described.append((key, f"'{key}': {error['msg']}{_given(error)}"))
    return described


def _did_you_mean(model: type[BaseModel] | None, loc: Sequence[Any]) -> str:
    known = known_keys(model, loc[:-1]) if model is not None else ()
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def known_keys(model: type[BaseModel], path: Sequence[Any]) -> tuple[str, ...]:
    """The keys `model` accepts in the table at `path` (e.g. ("bank",) for
    [month_end_close.bank]); none where the table is a free mapping or unknown."""
    node: Any = model
    for part in path:
        node = _table_type(node, part)
    return tuple(node.model_fields) if _is_model(node) else ()


def _table_type(node: Any, part: Any) -> Any:
    """The type of the table one step down: a model's field, or a mapping's values."""
    if _is_model(node):
        field = node.model_fields.get(str(part))
        node = field.annotation if field is not None else None
    elif typing.get_origin(node) is dict:
        node = typing.get_args(node)[1]
    else:
        return None
    if typing.get_origin(node) in (typing.Union, types.UnionType):  # X | None: the table is an X
        options = [arg for arg in typing.get_args(node) if arg is not type(None)]
        return options[0] if len(options) == 1 else None
    return node


def _is_model(node: Any) -> bool:
    return isinstance(node, type) and issubclass(node, BaseModel)


def _given(error: Mapping[str, Any]) -> str:
    value = error.get("input")
    if isinstance(value, bool):
        return f" (it is {str(value).lower()})"
    if isinstance(value, (int, Decimal)):
        return f" (it is {value})"
    return f" (it is {value!r})" if isinstance(value, str) else ""


def load_engagement(root: Path) -> Engagement:
    """Read and fully validate `root/engagement.toml`, workflow tables included."""
    root = root.resolve()  # runs record it; a relative path would mean another folder later
    path = root / ENGAGEMENT_FILE
    if not path.is_file():
        raise InputError(root, f"is not a client project (no {ENGAGEMENT_FILE})")
    config = validate(engagement_config_model(), read_toml(path), path)
    for name in workflow_tables():
        _validate_workflow_table(name, config.table(name), path)
    return Engagement(root, config)


def _validate_workflow_table(name: str, table: Mapping[str, Any], path: Path) -> None:
    model = get_workflow(name).settings_model()
    try:
        model.model_validate(dict(table))
    except ValidationError as exc:
        raise _config_error(exc, path, prefix=f"{name}.", model=model) from None


def find_engagement(option: Path | None, cwd: Path) -> Engagement:
    """The engagement in force: `--engagement DIR`, else the nearest engagement.toml at or
    above `cwd`. Run from a project's `inputs/` folder, the project's settings and reviewer
    list must still hold: finding none there would quietly drop both."""
    if option is not None:
        return load_engagement(option)
    root = engagement_root_above(cwd)
    return load_engagement(root) if root is not None else Engagement(None)


def engagement_root_above(cwd: Path) -> Path | None:
    """The nearest folder at or above `cwd` holding engagement.toml, looking no higher than
    the enclosing git repository's root: a client project is one repository, and a file
    further up (another client's, a home folder's) is not this project's."""
    for folder in (cwd.resolve(), *cwd.resolve().parents):
        if (folder / ENGAGEMENT_FILE).is_file():
            return folder
        if (folder / ".git").exists():
            return None
    return None


# -- precedence -------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """One source of settings; `label` is how errors and the record name it."""

    label: str
    values: Mapping[str, Any]


@dataclass(frozen=True)
class Resolved(Generic[T]):
    """Settings in force and, for each key, the layer it came from ('default' if none)."""

    value: T
    origins: Mapping[str, str]


def resolve(model: type[T], layers: Sequence[Layer]) -> Resolved[T]:
    """Merge `layers` (highest precedence first) key by key into `model`."""
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for layer in layers:
        for key, value in layer.values.items():
            if key not in merged and value is not None:
                merged[key], origins[key] = value, layer.label
    try:
        value = model.model_validate(merged)
    except ValidationError as exc:
        key = str(exc.errors()[0]["loc"][0])
        raise _config_error(exc, origins.get(key, "settings"), prefix="", model=model) from None
    defaults = {name: "default" for name in model.model_fields if name not in origins}
    return Resolved(value, {**origins, **defaults})


def environment_layer(environ: Mapping[str, str]) -> list[Layer]:
    """The environment's engagement settings, one layer per variable that is set."""
    return [Layer(name, {key: environ[name]}) for name, key in ENVIRONMENT_KEYS.items() if environ.get(name)]


@dataclass(frozen=True)
class RunSettings:
    """Everything configurable for one run of one workflow, with where each value came from."""

    engagement: Resolved[EngagementSettings]
    workflow: Resolved[WorkflowSettings]
    prices: Mapping[str, Prices]

    def record(self) -> dict[str, Any]:
        """Values in force for result.json's `config` (JSON-ready: decimals as strings)."""
        return {
            "engagement": self.engagement.value.model_dump(mode="json"),
            "workflow": self.workflow.value.model_dump(mode="json"),
            "origins": {"engagement": dict(self.engagement.origins), "workflow": dict(self.workflow.origins)},
        }

    def frozen(self) -> dict[str, Any]:
        """`record()` plus the prices: everything needed to rebuild these settings."""
        return {**self.record(), "prices": {k: v.model_dump(mode="json") for k, v in self.prices.items()}}

    @classmethod
    def thaw(cls, frozen: Mapping[str, Any], workflow_model: type, overrides: Mapping[str, Any]) -> RunSettings:
        """Settings as a run started with them, with `overrides` (e.g. a new budget on
        resume) taking precedence and recorded as coming from the command line."""
        given = {k: v for k, v in overrides.items() if v is not None}
        top = validate(EngagementSettings, {**frozen["engagement"], **given}, "command line")
        origins = {**frozen["origins"]["engagement"], **{k: f"--{k.replace('_', '-')}" for k in given}}
        return cls(
            engagement=Resolved(top, origins),
            workflow=Resolved(validate(workflow_model, frozen["workflow"], "run.json"), frozen["origins"]["workflow"]),
            prices={k: Prices.model_validate(v) for k, v in frozen["prices"].items()},
        )


def run_settings(
    workflow: str,
    engagement: Engagement,
    *,
    options: Mapping[str, Any],
    input_file: Path | None,
    environ: Mapping[str, str],
) -> RunSettings:
    """Resolve a run's settings. `options` are the command line's (model, budget_usd);
    `input_file` is the input folder's own settings file, if it has one."""
    source = str(engagement.file) if engagement.file else ENGAGEMENT_FILE
    config = engagement.config
    top = [Layer(f"--{key.replace('_', '-')}", {key: value}) for key, value in options.items()]
    top.append(Layer(source, config.engagement.model_dump(exclude_unset=True)))
    flow = [Layer(source, config.table(workflow))]
    if input_file is not None:
        keys = get_workflow(workflow).input_settings_keys
        flow.insert(0, Layer(str(input_file), input_folder_values(input_file, keys)))
    return RunSettings(
        engagement=resolve(EngagementSettings, top + environment_layer(environ)),
        workflow=resolve(get_workflow(workflow).settings_model(), flow),
        prices=config.prices,
    )


def input_folder_values(path: Path, allowed: Sequence[str]) -> dict[str, Any]:
    """An input folder's settings file, refused whole if it sets anything but `allowed`."""
    values = read_toml(path)
    for key in values:
        if key not in allowed:
            raise ConfigError(path, f"'{key}' cannot be set in an input folder's {path.name} (it may set only "
                                    f"{', '.join(allowed)}); settings that change how the pack runs belong in "
                                    f"{ENGAGEMENT_FILE}", key=key)
    return values


def check_model_access(settings: Resolved[EngagementSettings], environ: Mapping[str, str]) -> None:
    """A model id needs a key; never fall back to offline without saying so."""
    model = settings.value.model
    if model != "offline" and not environ.get("ANTHROPIC_API_KEY"):
        raise InputError(
            settings.origins["model"],
            f"model '{model}' needs ANTHROPIC_API_KEY in the environment (or use --model offline)",
        )
