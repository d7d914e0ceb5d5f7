"""Usage lines and argument rows as the README writes them.

Typer writes a required argument as `{WORKFLOW}`, a list of names as `[[NAME]...]...`
and an argument's row as `NAME... <list[str]>`: notation a compliance officer has to
decode before reading the command. Commands given `cls=PlainUsage` (or a class from
`usage_forms`) show `WORKFLOW`, `[CASE]...` and `NAME...` instead, and a command that
has two shapes (names on the line, or a file of them) shows both.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand


class PlainUsage(TyperCommand):
    forms: tuple[str, ...] = ()  # whole usage lines after the command's name; empty: built from its arguments

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [argument_usage(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        if not self.forms:
            return super().format_usage(ctx, formatter)
        formatter.write_usage(ctx.command_path, self.forms[0])
        for form in self.forms[1:]:
            formatter.write_usage(ctx.command_path, form, prefix="   or: ")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        # click's Parameter has no help; typer's arguments carry one
        arguments = [(argument_name(p), getattr(p, "help", None) or "")
                     for p in params if p.param_type_name == "argument"]
        options = [record for p in params if p.param_type_name == "option" and (record := p.get_help_record(ctx))]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def usage_forms(*forms: str) -> type[PlainUsage]:
    """A command class whose usage shows each of `forms` on a line of its own."""
    return type("PlainUsageForms", (PlainUsage,), {"forms": forms})


def argument_usage(param: Any) -> str:
    """`NAME`, `[NAME]`, `NAME...` or `[NAME]...`: the README's notation."""
    name = param.metavar or param.name.upper()
    return (name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else "")


def argument_name(param: Any) -> str:
    """`NAME` or `NAME...`, for the argument's row (its help says when it may be left out)."""
    return (param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else "")
