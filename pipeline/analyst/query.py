"""`evaltable query`: SQL over the output folder, and the result as a table, CSV or JSON text."""

from __future__ import annotations

import csv
import io
import json
import math
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipeline.analyst.outputs import UsageError, connect
from pipeline.normalise.text import display_width

FORMATS = ("table", "csv", "json")
# Cells wider than this are cut with … in the terminal table (csv and json keep everything).
MAX_CELL_WIDTH = 40


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Column names and rows of one query, values as DuckDB returned them."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


class SQLError(UsageError):
    """DuckDB refused the query; the message is DuckDB's own."""


def run_query(out: Path, sql: str) -> QueryResult:
    """Given an output folder and SQL, return the query's result; SQLError with DuckDB's message."""
    if not sql.strip():
        raise SQLError('empty query: give SQL such as "select * from documents"')
    con = connect(out)
    try:
        rel = con.sql(sql)
        if rel is None:  # a statement without a result (e.g. create view)
            return QueryResult((), ())
        return QueryResult(tuple(rel.columns), tuple(rel.fetchall()))
    except duckdb.Error as exc:
        raise SQLError(str(exc)) from None
    finally:
        con.close()


def _plain(value: Any) -> Any:
    """Given a DuckDB value, return a JSON-ready one (dates as ISO text, NaN as null)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


def cell_text(value: Any) -> str:
    """Given a value, return how a table or CSV cell shows it: lists and maps as JSON, null as ''."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_json(result: QueryResult) -> str:
    """Given a result, return a JSON array of objects, one per row (Chinese kept as is)."""
    records = [dict(zip(result.columns, map(_plain, row), strict=True)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=1)


def to_csv(result: QueryResult) -> str:
    """Given a result, return CSV text with a header row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([cell_text(v) for v in row])
    return buf.getvalue()


def terminal_safe(text: str) -> str:
    """Given text, return it with control and format characters (escapes, bidi overrides) escaped.

    A document's text must not be able to move the cursor or reorder a terminal line.
    """
    return "".join(ch if unicodedata.category(ch)[0] != "C" else f"\\u{ord(ch):04x}" for ch in text)


def _clip(text: str, width: int) -> str:
    text = terminal_safe(" ".join(text.split()))  # newlines inside a cell would break the grid
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = display_width(ch) or 1
        if used + w > width - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(width - display_width(text), 0)
    return gap + text if right else text + gap


def to_table(result: QueryResult, max_width: int = MAX_CELL_WIDTH) -> str:
    """Given a result, return an aligned text table (CJK counts two columns), numbers right-aligned."""
    if not result.columns:
        return "(no result)\n"
    cells = [[_clip(cell_text(v), max_width) for v in row] for row in result.rows]
    numeric = [
        all(isinstance(row[i], int | float | Decimal) or row[i] is None for row in result.rows)
        for i in range(len(result.columns))
    ]
    widths = [
        max([display_width(c), *(display_width(r[i]) for r in cells)])
        for i, c in enumerate(result.columns)
    ]
    head = "  ".join(_pad(c, w, False) for c, w in zip(result.columns, widths, strict=True))
    lines = [head.rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append(
            "  ".join(
                _pad(v, w, right) for v, w, right in zip(row, widths, numeric, strict=True)
            ).rstrip()
        )
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(result: QueryResult, fmt: str) -> str:
    """Given a result and a format name (table, csv or json), return the text to print."""
    if fmt == "json":
        return to_json(result) + "\n"
    if fmt == "csv":
        return to_csv(result)
    if fmt == "table":
        return to_table(result)
    raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
