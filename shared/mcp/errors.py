"""A tool's failure as the one line the command line gives for the same input: an
InputError or ConfigError says its source and problem, a bad argument names its key (as a
bad key of engagement.toml is named), and anything else is an internal error, never a
crash of the server."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

from pydantic import ValidationError

from shared.engagement import describe_errors
from shared.errors import FinagentsError


def one_line(error: BaseException) -> str:
    """The message an agent reads (and a person, in its transcript) for a failed call."""
    if isinstance(error, FinagentsError):
        message = str(error)
    else:
        if os.environ.get("FINAGENTS_DEBUG"):  # stderr is the server's log; stdout is the protocol's
            traceback.print_exception(error, file=sys.stderr)
        message = f"internal error: {type(error).__name__}: {error} (set FINAGENTS_DEBUG=1 for details)"
    return " ".join(message.split())


def bad_arguments(error: ValidationError, known: Sequence[str]) -> str:
    """The first bad argument by its key (`parties.0.name`), as a config error names its key;
    an unknown argument says which the tool takes: no tool takes an answer to a review."""
    key, problem = describe_errors(error)[0]
    first = error.errors()[0]
    if first["type"] == "extra_forbidden" and "." not in key:
        return f"unknown argument '{key}': it takes {', '.join(known)}"
    if not key:  # a rule over several arguments (one of two given): its own words
        return str(first["msg"]).removeprefix("Value error, ")
    return problem
