"""The only module that writes files: Parquet tables, written atomically, and the ledger.

Layout: `<out>/<table>/<doc_id>.parquet`, so `pandas.read_parquet(out / "rows")` and
DuckDB's `read_parquet('out/rows/*.parquet')` read every document at once.  Each
file is written to a temporary name in the same folder and renamed into place,
so a reader never sees half a file and a crash never corrupts what was there.
A document's tables are written data-first, `documents` last: a `documents` row
marks a complete document.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import TABLES, to_table

# Data tables first, `documents` last (see module docstring).
WRITE_ORDER: tuple[str, ...] = (*tuple(t for t in TABLES if t != "documents"), "documents")


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


# --- the ledger: what was processed, with which version, and how it ended --------------

LEDGER_NAME = "_ledger.sqlite"
LOCK_NAME = ".evaltable.lock"

_LEDGER_DDL = """
create table if not exists inputs (
    path text primary key,
    sha256 text not null,
    size integer not null,
    doc_id text not null,
    input_kind text,
    pipeline_version text not null,
    status text not null,
    error text,
    page_count integer,
    roc_year integer,
    duplicate_of text,
    finished_at text not null,
    seconds real,
    peak_rss_mb real
)
"""


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One input's last processing: where it is, what it was, how it ended."""

    path: str
    sha256: str
    size: int
    doc_id: str
    input_kind: str | None
    pipeline_version: str
    status: str
    error: str | None
    page_count: int | None
    roc_year: int | None
    duplicate_of: str | None
    finished_at: str
    seconds: float | None
    peak_rss_mb: float | None


class Ledger:
    """The SQLite ledger in an output folder; every write is its own committed transaction.

    SQLite rather than a Parquet manifest: one row changes per finished document,
    and a transaction makes that change whole even when the run is killed.
    """

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / LEDGER_NAME
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self._db.execute("pragma journal_mode=wal")
        self._db.execute(_LEDGER_DDL)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def entries(self) -> list[LedgerEntry]:
        cols = ", ".join(LedgerEntry.__slots__)
        rows = self._db.execute(f"select {cols} from inputs order by path").fetchall()
        return [LedgerEntry(*r) for r in rows]

    def by_path(self) -> dict[str, LedgerEntry]:
        return {e.path: e for e in self.entries()}

    def record(self, entry: LedgerEntry) -> None:
        cols = LedgerEntry.__slots__
        marks = ", ".join("?" for _ in cols)
        values = [getattr(entry, c) for c in cols]
        self._db.execute(
            f"insert or replace into inputs ({', '.join(cols)}) values ({marks})", values
        )


class OutputsBusy(Exception):
    """Another run holds the output folder's lock."""


@contextmanager
def exclusive(out_dir: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the output folder's lock for the duration; OutputsBusy if another run holds it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir / LOCK_NAME
    fh = open(lock_path, "a+")  # held open for the lock's lifetime
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise OutputsBusy(
                f"{out_dir} is in use by another evaltable run ({holder}); "
                "wait for it to finish or pass --wait"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}")
        fh.flush()
        yield
    finally:
        fh.close()


def remove_document(out_dir: Path, doc_id: str) -> None:
    """Given a doc id, delete its files from every table (its source changed or vanished)."""
    for name in TABLES:
        (out_dir / name / f"{doc_id}.parquet").unlink(missing_ok=True)


# --- files the analysts' commands write (review pages, diff tables) -------------------


def write_text(path: Path, text: str) -> None:
    """Given a path and text, write it as UTF-8 atomically (temporary name, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet(path: Path, table: pa.Table) -> None:
    """Given a path and an Arrow table, write it as Parquet atomically."""
    _atomic_write(table, path)
