"""The `finagents` command.

`main()` owns the process's exit status and stderr: bad input or usage is one line and
status 2, a limit is status 3, an internal error is status 1 with its traceback kept out
of the user's way (set FINAGENTS_DEBUG=1 to see it). Heavy libraries are imported inside
the commands, so `finagents --help` answers at once.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

PROG = "finagents"


def main(argv: Sequence[str] | None = None) -> int:
    import typer
    from typer.main import get_command

    from shared.cli.app import build_app
    from shared.errors import FinagentsError

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        # Inside the try: building the commands loads the installed workflows, and a
        # broken plugin is one line naming it, like any other bad input.
        command = get_command(build_app())
        status = command.main(args=args, prog_name=PROG, standalone_mode=False)
    except typer.TyperException as exc:  # usage errors from the argument parser
        return _fail(exc.format_message(), getattr(exc, "exit_code", 2))
    except (typer.Abort, KeyboardInterrupt):
        return _fail("interrupted; a run stopped this way continues with `finagents resume RUN`", 130)
    except FinagentsError as exc:
        return _fail(str(exc), exc.exit_code)
    except Exception as exc:  # the last line of defence: never a bare traceback
        if os.environ.get("FINAGENTS_DEBUG"):
            traceback.print_exc()
        return _fail(f"internal error: {type(exc).__name__}: {exc} (set FINAGENTS_DEBUG=1 for details)", 1)
    return status if isinstance(status, int) else 0


def _fail(message: str, status: int) -> int:
    one_line = " ".join(message.split())
    print(f"{PROG}: {one_line}", file=sys.stderr)
    return status


def entry_point() -> None:
    sys.exit(main())
