"""What every evaltable command shares: option types, the command group, usage errors, help.

Option types check a value completely when it is parsed, so a bad one is exit 2 with a
one-line message naming the option, before any work starts.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from typing import Any, TypeVar

import click

from pipeline.console import FORMATS, Format

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# --- option types: each refuses a bad value with a message that says what is allowed ----


class Number(click.ParamType[float]):
    """A whole or real number in [low, high]; reals must be finite (nan and inf refused)."""

    def __init__(
        self,
        kind: type[int] | type[float],
        low: float,
        high: float,
        *,
        unit: str = "",
        low_open: bool = False,
        below: str | None = None,
    ) -> None:
        self.kind, self.low, self.high, self.unit = kind, low, high, unit
        self.low_open, self.below = low_open, below
        self.name = "integer" if kind is int else "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            x: float = self.kind(value)
        else:
            try:
                x = self.kind(str(value).strip())
            except ValueError:
                what = "a whole number" if self.kind is int else "a number"
                self.fail(f"{value!r} is not {what}", param, ctx)
        unit = f" {self.unit}" if self.unit else ""
        if not math.isfinite(x):
            of = f" of {self.unit}" if self.unit else ""
            self.fail(f"must be a finite number{of}, not {value!r}", param, ctx)
        if x < self.low or (self.low_open and x == self.low):
            bound = f"more than {_num(self.low)}" if self.low_open else f"at least {_num(self.low)}"
            self.fail(self.below or f"must be {bound}{unit}, not {value!r}", param, ctx)
        if x > self.high:
            self.fail(f"must be at most {_num(self.high)}{unit}, not {value!r}", param, ctx)
        return x


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class Checked(click.ParamType[str]):
    """A text option checked by a plain function that returns it or raises ValueError."""

    def __init__(self, name: str, check: Callable[[str], str]) -> None:
        self.name, self.check = name, check

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return self.check(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def examples(*lines: str) -> str:
    """Given example command lines, return a help epilog that click prints verbatim."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {ln}" for ln in lines)


class Commands(click.Group):
    """The group of commands, listed in the order they are defined (run first, completion last).

    Commands added with `add_lazy` are imported when used (or listed in help):
    `evaltable run` then does not load DuckDB, pandas or the analyst modules, which
    is most of a no-op re-run's time.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, tuple[str, str]] = {}

    def add_lazy(self, name: str, module: str, attribute: str) -> None:
        """Register command `name` as `module.attribute`, imported on first use."""
        self.lazy[name] = (module, attribute)

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = [*self.commands, *(n for n in self.lazy if n not in self.commands)]
        return sorted(names, key=lambda name: name == "completion")

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, attribute = self.lazy[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


class UsageProblem(click.UsageError):
    """A usage error found after parsing (missing input, busy output folder)."""


def format_option(default: Format = "table") -> Callable[[F], F]:
    """The `--format table|csv|json` option of every command that prints a table."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=default,
        show_default=True,
        help="table: aligned for reading (CJK-aware); csv and json: exact, for programs.",
    )
