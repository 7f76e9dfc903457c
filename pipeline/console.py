"""The one way the CLI shows anything to a person: two rich consoles and one escaping rule.

Every piece of text that came from a document, a file name, a ledger or an exception
passes through `safe()` before it reaches a terminal: control characters, escape
sequences, bidirectional overrides and undecodable bytes become visible escapes
(`\\x1b`, `\\n`, `\\u202e`), so a file name cannot forge an output line or set the
window title.  Rich markup and emoji codes are switched off on both consoles, so
document text is never read as markup (`[bold]` prints as typed).  No other module
prints: `tests/test_console.py` fails if one does.

Results (tables, JSON, CSV) go to stdout; progress, per-document lines and errors go
to stderr.  On a terminal runs show a rich progress bar; in a log, plain lines only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.progress import Task as RichTask
from rich.segment import Segments
from rich.table import Table
from rich.text import Text

from pipeline.normalise.patterns import TERMINAL_UNSAFE

Format = Literal["table", "csv", "json"]
FORMATS: tuple[Format, ...] = ("table", "csv", "json")
PROG = "evaltable"

_NATURAL_WIDTH_LIMIT = 100_000  # columns a table may take in a log before cells wrap
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def safe(value: object) -> str:
    """Given any value, return its text with every terminal-unsafe character escaped.

    `None` is the empty string.  Printable text (CJK included) is kept as it is.
    """
    text = "" if value is None else str(value)
    return str(TERMINAL_UNSAFE.regex.sub(lambda m: _escape_char(m.group()), text))


def _json_safe(ch: str) -> str:
    # json.dumps escapes every C0 control inside strings: one left is indentation.
    return ch if ch < " " else f"\\u{ord(ch):04x}"


def to_json(value: object, *, indent: int | None = None) -> str:
    """Given JSON-able data, return JSON text safe to print: C1, bidi and surrogates escaped.

    `json.dumps` already escapes C0 controls; the characters it leaves raw are escaped
    as `\\uXXXX`, which decodes to the same data.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=str)
    return str(TERMINAL_UNSAFE.regex.sub(lambda m: _json_safe(m.group()), text))


@dataclass(frozen=True, slots=True)
class Styled:
    """A piece of a line with a style (`"red"`, `"bold"`); its text is escaped like any other."""

    text: str
    style: str


Part = str | Styled | int | float | None


def line_text(parts: Iterable[Part]) -> Text:
    """Given the pieces of one output line, return it as rich `Text`, every piece escaped."""
    out = Text()
    for p in parts:
        if isinstance(p, Styled):
            out.append(safe(p.text), style=p.style)
        else:
            out.append(safe(p))
    return out


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a printed table: its header, and right-justified for numbers."""

    name: str
    numeric: bool = False


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class Output:
    """The CLI's stdout (results) and stderr (progress, diagnostics) as rich consoles.

    With no streams given, the consoles write to whatever `sys.stdout` / `sys.stderr`
    are at the time of writing (so tests can capture them).
    """

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        *,
        force_terminal: bool | None = None,
        width: int | None = None,
        record: bool = False,
    ) -> None:
        def console(file: TextIO | None, is_err: bool) -> Console:
            return Console(
                file=file,
                stderr=is_err,
                force_terminal=force_terminal,
                width=width,
                record=record,
                markup=False,
                emoji=False,
                highlight=False,
                soft_wrap=True,
            )

        self.out = console(stdout, False)
        self.err = console(stderr, True)

    # --- lines ------------------------------------------------------------------------

    def line(self, *parts: Part, err: bool = False) -> None:
        """Print one line of escaped pieces, on stdout (or stderr with err=True)."""
        (self.err if err else self.out).print(line_text(parts))

    def error(self, message: str, *, command: str | None = None) -> None:
        """Print `evaltable: error: MESSAGE` as one line on stderr."""
        one_line = "; ".join(s.strip() for s in message.splitlines() if s.strip())
        prog = f"{PROG} {command}" if command else PROG
        self.line(Styled(f"{prog}: error:", "bold red"), " ", one_line, err=True)

    def note(self, message: str) -> None:
        """Print `evaltable: MESSAGE` on stderr (a diagnostic that is not a usage error)."""
        self.line(f"{PROG}: {message}", err=True)

    def raw(self, text: str, *, err: bool = False) -> None:
        """Write text as it is: machine-readable output already escaped by `to_json` or
        `csv_text`, or the CLI's own help (never document text)."""
        file = (self.err if err else self.out).file
        file.write(text if text.endswith("\n") else text + "\n")
        file.flush()

    def json(self, value: object, *, indent: int | None = None) -> None:
        """Print JSON on stdout (one line unless indent is given)."""
        self.raw(to_json(value, indent=indent))

    # --- tables -----------------------------------------------------------------------

    def table(
        self,
        columns: Sequence[Column | str],
        rows: Iterable[Sequence[object]],
        *,
        fmt: Format = "table",
        title: str | None = None,
    ) -> None:
        """Print rows as a rich table, CSV or JSON (a list of objects) on stdout.

        Tables measure CJK text as two columns a character (rich does); on a terminal
        they fit its width, in a log they take their natural width so no cell wraps.
        CSV and JSON keep the values exact (CSV cells are escaped only on a terminal).
        """
        cols = [c if isinstance(c, Column) else Column(c) for c in columns]
        if fmt == "json":
            self.json([dict(zip((c.name for c in cols), r, strict=True)) for r in rows], indent=1)
        elif fmt == "csv":
            self.raw(csv_text(cols, rows, escape=self.out.is_terminal))
        else:
            self._rich_table(cols, rows, title)

    def _rich_table(
        self, cols: Sequence[Column], rows: Iterable[Sequence[object]], title: str | None
    ) -> None:
        table = Table(title=None if title is None else safe(title), title_justify="left")
        for c in cols:
            table.add_column(
                safe(c.name), justify="right" if c.numeric else "left", overflow="fold"
            )
        for r in rows:
            table.add_row(*(Text(safe(_cell(v))) for v in r))
        if self.out.is_terminal:
            self.out.print(table, soft_wrap=False)
            return
        # A log or a file: the table's natural width, so that no cell wraps or is cut.
        unbounded = self.out.options.update_width(_NATURAL_WIDTH_LIMIT)
        width = max(self.out.width, self.out.measure(table, options=unbounded).maximum)
        options = self.out.options.update_width(width)
        lines = self.out.render_lines(table, options, pad=False, new_lines=True)
        self.out.print(Segments([seg for ln in lines for seg in ln]), crop=False)


def csv_text(columns: Sequence[Column], rows: Iterable[Sequence[object]], *, escape: bool) -> str:
    """Given columns and rows, return CSV with a header row; cells escaped when `escape`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for r in rows:
        writer.writerow([safe(_cell(v)) if escape else _cell(v) for v in r])
    return buf.getvalue()


# --- progress of a run ------------------------------------------------------------------


class _PagesPerSecond(ProgressColumn):
    """Pages per second since the task started (documents differ too much in size to count)."""

    def render(self, task: RichTask) -> Text:
        elapsed = task.elapsed or 0.0
        pages = int(task.fields.get("pages", 0))
        rate = pages / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} pages/s")


class Progress:
    """Progress of a batch on stderr: a live bar on a terminal, plain lines otherwise.

    The bar shows documents done of all, pages done, pages per second, the estimated
    time left and the failures so far; `line()` prints above it.  Not a terminal (a log,
    a pipe, `--json`): no bar, no cursor movement, just the lines.
    """

    def __init__(
        self,
        output: Output,
        *,
        live: bool | None = None,
        get_time: Callable[[], float] | None = None,
        auto_refresh: bool = True,
    ) -> None:
        self.output = output
        self.live = output.err.is_terminal if live is None else live
        self.pages = self.failed = 0
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        if self.live:
            self._bar = RichProgress(
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("documents,", markup=False),
                TextColumn("{task.fields[pages]} pages,", markup=False),
                _PagesPerSecond(),
                TextColumn("ETA", markup=False),
                TimeRemainingColumn(),
                TextColumn("{task.fields[failed]} failed", markup=False),
                console=output.err,
                transient=True,
                auto_refresh=auto_refresh,
                get_time=get_time,
            )

    def start(self, total: int) -> None:
        """Show the bar for `total` documents (nothing in plain mode)."""
        if self._bar is not None and self._task is None and total:
            self._task = self._bar.add_task("run", total=total, pages=0, failed=0)
            self._bar.start()

    def advance(self, *, pages: int, failed: bool) -> None:
        """Count one document done: its pages, and whether it failed."""
        self.pages += pages
        self.failed += failed
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, pages=self.pages, failed=self.failed)

    def line(self, *parts: Part) -> None:
        """Print one escaped line on stderr, above the bar when there is one."""
        if self._bar is not None and self._task is not None:
            self._bar.console.print(line_text(parts))
        else:
            self.output.line(*parts, err=True)

    def refresh(self) -> None:
        if self._bar is not None:
            self._bar.refresh()

    def stop(self) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.stop()
            self._task = None


@contextmanager
def progress(output: Output, *, live: bool | None = None) -> Iterator[Progress]:
    """A `Progress` that is stopped however the block ends (Ctrl-C included)."""
    p = Progress(output, live=live)
    try:
        yield p
    finally:
        p.stop()


OUTPUT = Output()
"""The CLI's output; commands print through it and nothing else."""
