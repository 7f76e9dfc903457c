"""Reading an output folder: its tables as DuckDB views, and documents named by id or file name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.schemas import TABLES, arrow_schema

DEFAULT_OUT = Path("outputs")


class UsageError(ValueError):
    """The user named something that is not there (folder, document, SQL): exit 2, no traceback."""


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_files(out: Path, table: str) -> list[Path]:
    """Given an output folder and a table name, return its per-document Parquet files, sorted."""
    folder = out / table
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def connect(out: Path) -> duckdb.DuckDBPyConnection:
    """Given an output folder, return an in-memory DuckDB connection with one view per table.

    A table without files (nothing processed into it yet) is an empty view with
    the table's schema, so a query naming it returns no rows instead of failing.
    `union_by_name` lets files written before a column was added be read beside newer ones.
    """
    if not table_files(out, "documents"):
        raise UsageError(
            f"{out} holds no tables: process some forms first (evaltable run PATH --out {out})"
        )
    con = duckdb.connect(":memory:")
    for table in TABLES:
        if table_files(out, table):
            pattern = _sql_string(str(out / table / "*.parquet"))
            con.execute(
                f'create view "{table}" as select * from read_parquet({pattern}, union_by_name=true)'
            )
        else:
            empty = pa.Table.from_pylist([], schema=arrow_schema(table))
            con.register(f"_empty_{table}", empty)
            con.execute(f'create view "{table}" as select * from "_empty_{table}"')
    return con


def records(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Given a connection, SQL and its parameters, return the result as one dict per row."""
    rel = con.execute(sql, params or [])
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, row, strict=True)) for row in rel.fetchall()]


@dataclass(frozen=True, slots=True)
class DocRef:
    """One document of an output folder: its id, source path, kind, agency and year."""

    doc_id: str
    source_path: str
    input_kind: str
    agency: str | None
    roc_year: int | None
    status: str

    @property
    def label(self) -> str:
        year = f" {self.roc_year}" if self.roc_year is not None else ""
        return f"{self.agency or Path(self.source_path).name}{year} ({self.doc_id})"


def documents(con: duckdb.DuckDBPyConnection) -> list[DocRef]:
    """Given a connection from `connect`, return every document, ordered by doc_id."""
    rows = con.execute(
        "select doc_id, source_path, input_kind, agency, roc_year, status "
        "from documents order by doc_id"
    ).fetchall()
    return [DocRef(*r) for r in rows]


def resolve(docs: list[DocRef], name: str) -> DocRef:
    """Given the documents and a name (doc_id, unique doc_id prefix, source file name or path),
    return the one document it names; UsageError when none or several match.

    The matching is `pipeline.golden.find_documents`, shared with `evaltable golden`.
    """
    import pandas as pd

    from pipeline.golden import find_documents

    name = name.strip()
    if not name:
        raise UsageError("empty document name: give a doc_id, a prefix of one, or a file name")
    table = pd.DataFrame(
        {"doc_id": [d.doc_id for d in docs], "source_path": [d.source_path for d in docs]}
    )
    by_id = {d.doc_id: d for d in docs}
    found = [by_id[i] for i in dict.fromkeys(find_documents(table, name))]
    if len(found) == 1:
        return found[0]
    if not found:
        known = ", ".join(f"{d.doc_id} {Path(d.source_path).name}" for d in docs[:5])
        more = f" … ({len(docs)} in all)" if len(docs) > 5 else ""
        raise UsageError(f"no document named {name!r}; known: {known}{more}")
    names = ", ".join(f"{d.doc_id} ({d.source_path})" for d in found)
    raise UsageError(f"{name!r} names several documents: {names}; give more of the doc_id")
