"""The only module that writes files: one Parquet file per (table, document), written atomically.

Layout: `<out>/<table>/<doc_id>.parquet`, so `pandas.read_parquet(out / "rows")` and
DuckDB's `read_parquet('out/rows/*.parquet')` read every document at once.  Each
file is written to a temporary name in the same folder and renamed into place,
so a reader never sees half a file and a crash never corrupts what was there.
A document's tables are written data-first, `documents` last: a `documents` row
marks a complete document.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import TABLES, to_table

# Data tables first, `documents` last (see module docstring).
WRITE_ORDER: tuple[str, ...] = tuple(t for t in TABLES if t != "documents") + ("documents",)


def _atomic_write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_document(
    out_dir: Path, doc_id: str, records: Mapping[str, Sequence[Mapping[str, Any]]]
) -> None:
    """Given one document's records per table, write every table's file for it, atomically each.

    Tables absent from `records` are written empty, so a document that failed
    leaves no stale rows from an earlier, successful run.
    """
    tables = {
        name: to_table(name, records.get(name, ())) for name in WRITE_ORDER
    }  # validate all first
    for name in WRITE_ORDER:
        _atomic_write(tables[name], out_dir / name / f"{doc_id}.parquet")


def clean_temp(out_dir: Path) -> int:
    """Given an output folder, delete temporary files a killed run left behind; return how many."""
    n = 0
    for name in TABLES:
        folder = out_dir / name
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
                n += 1
    return n
