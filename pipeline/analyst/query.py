"""`evaltable query`: SQL over the output folder; the result as columns and printable rows.

The CLI prints the rows with `pipeline.console` (a CJK-aware table, CSV or JSON, escaped
on a terminal); this module only runs the query and shapes its values.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipeline.analyst.outputs import UsageError, connect


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Column names and rows of one query, values as DuckDB returned them."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def numeric(self) -> tuple[bool, ...]:
        """Return, per column, whether every value is a number or null (right-aligned in a table)."""
        return tuple(
            all(isinstance(row[i], int | float | Decimal) or row[i] is None for row in self.rows)
            and any(row[i] is not None for row in self.rows)
            for i in range(len(self.columns))
        )


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


def plain(value: Any) -> Any:
    """Given a DuckDB value, return a JSON-ready one (dates as ISO text, NaN as null)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


def cell_value(value: Any) -> Any:
    """Given a value, return what a table or CSV cell shows: lists and maps as JSON text."""
    value = plain(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def printable_rows(result: QueryResult, fmt: str) -> list[tuple[Any, ...]]:
    """Given a result and a format (table, csv or json), return its rows ready for printing."""
    shape = plain if fmt == "json" else cell_value
    return [tuple(shape(v) for v in row) for row in result.rows]
