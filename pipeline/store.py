"""The only module that writes files: Parquet tables, written atomically, and the ledger.

Layout: `<out>/<table>/<doc_id>.parquet`, so `pandas.read_parquet(out / "rows")` and
DuckDB's `read_parquet('out/rows/*.parquet')` read every document at once.  Each
file is written to a temporary name in the same folder and renamed into place,
so a reader never sees half a file and a crash never corrupts what was there.
A document's tables are written data-first, `documents` last: a `documents` row
marks a complete document.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import regex

from pipeline.display import safe_display
from pipeline.models import InputKind, Status
from pipeline.schemas import TABLES, to_table

# Data tables first, `documents` last (see module docstring).
WRITE_ORDER: tuple[str, ...] = (*tuple(t for t in TABLES if t != "documents"), "documents")
DOC_ID = regex.compile(r"[0-9a-f]{16}")


class OutputError(Exception):
    """The output folder cannot be used (not writable, full, damaged, a symlink): a usage error."""


class LedgerError(OutputError):
    """The ledger is damaged, truncated or not an evaltable ledger."""


def check_doc_id(doc_id: str) -> str:
    """Given a doc id about to become part of a path, return it; OutputError unless 16 hex digits.

    Doc ids read back from a ledger are data: `../../x` must never reach the file system.
    """
    if not isinstance(doc_id, str) or DOC_ID.fullmatch(doc_id) is None:
        raise OutputError(f"invalid doc_id {safe_display(repr(doc_id))}: expected 16 hex digits")
    return doc_id


def output_error(exc: OSError, what: str) -> OutputError:
    """Given the OSError of writing `what` in the output folder, return the OutputError to raise."""
    where = safe_display(exc.filename or what)
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return OutputError(f"disk full while writing {where}; free space and run again")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return OutputError(f"cannot write {where}: permission denied")
    if exc.errno == errno.EROFS:
        return OutputError(f"cannot write {where}: read-only file system")
    if exc.errno == errno.ENOTDIR or exc.errno == errno.EEXIST:
        return OutputError(f"cannot write {where}: a file stands where a folder is needed")
    return OutputError(f"cannot write {where}: {exc.strerror or exc}")


def _table_dir(out_dir: Path, name: str, *, create: bool) -> Path:
    """Given a table name, return its folder; OutputError if it is a symlink or not a folder."""
    folder = out_dir / name
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(exc, str(folder)) from exc
        return folder
    except OSError as exc:
        raise output_error(exc, str(folder)) from exc
    if not stat.S_ISDIR(st.st_mode):
        raise OutputError(
            f"{safe_display(folder)} is not a folder (a symlink or a file); "
            "evaltable writes only inside --out"
        )
    return folder


def _atomic_write(table: pa.Table, path: Path) -> int:
    _table_dir(path.parent.parent, path.parent.name, create=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise output_error(exc, str(path.parent)) from exc
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        size = os.stat(tmp).st_size
        os.replace(tmp, path)
        return size
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise output_error(exc, str(path)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_document(
    out_dir: Path, doc_id: str, records: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, int]:
    """Given one document's records per table, write every table's file for it, atomically each.

    Tables absent from `records` are written empty, so a document that failed
    leaves no stale rows from an earlier, successful run.  Returns each file's
    size, which the ledger keeps to notice a damaged output later.
    """
    check_doc_id(doc_id)
    tables = {
        name: to_table(name, records.get(name, ())) for name in WRITE_ORDER
    }  # validate all first
    return {
        name: _atomic_write(tables[name], out_dir / name / f"{doc_id}.parquet")
        for name in WRITE_ORDER
    }


def relabel_document(out_dir: Path, doc_id: str, source_path: str) -> int | None:
    """Given a written document, rewrite its `documents` row with another source path.

    Used when the file a document was read from changed and a copy with the old
    content (a recorded duplicate) becomes the document's source.  Returns the
    file's new size (None if there was no file).
    """
    path = out_dir / "documents" / f"{check_doc_id(doc_id)}.parquet"
    if not path.is_file():
        return None
    records = pq.read_table(path).to_pylist()
    for r in records:
        r["source_path"] = source_path
    return _atomic_write(to_table("documents", records), path)


def document_intact(out_dir: Path, doc_id: str, sizes: Mapping[str, int] | None) -> bool:
    """Given a recorded document, tell cheaply (stat only) whether all its files are there.

    With the sizes the ledger recorded, each file must have exactly that size;
    without them (an older ledger), each file must exist.
    """
    for name in TABLES:
        try:
            size = os.stat(out_dir / name / f"{check_doc_id(doc_id)}.parquet").st_size
        except OSError:
            return False
        if sizes is not None and name in sizes and sizes[name] != size:
            return False
    return True


def verify_document(out_dir: Path, doc_id: str) -> str | None:
    """Given a recorded document, read every one of its files; return what is wrong, or None."""
    for name in TABLES:
        path = out_dir / name / f"{check_doc_id(doc_id)}.parquet"
        try:
            table = pq.read_table(path)
            to_table(name, table.to_pylist())
        except FileNotFoundError:
            return f"{name}/{doc_id}.parquet is missing"
        except (OSError, pa.ArrowException, ValueError, KeyError, TypeError) as exc:
            return f"{name}/{doc_id}.parquet is unreadable ({type(exc).__name__})"
    return None


def clean_temp(out_dir: Path) -> int:
    """Given an output folder, delete temporary files a killed run left behind; return how many."""
    n = 0
    for name in TABLES:
        folder = _table_dir(out_dir, name, create=False)
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                try:
                    tmp.unlink(missing_ok=True)
                except OSError as exc:
                    raise output_error(exc, str(tmp)) from exc
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
    peak_rss_mb real,
    tables text
)
"""
# Documents whose files may have to go or be relabelled: written in the same
# transaction as the entry that made them so, settled right after (or by the next run).
_PENDING_DDL = "create table if not exists pending (doc_id text primary key)"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One input's last processing: where it is, what it was, how it ended."""

    path: str
    sha256: str
    size: int
    doc_id: str
    input_kind: InputKind | None
    pipeline_version: str
    status: Status
    error: str | None
    page_count: int | None
    roc_year: int | None
    duplicate_of: str | None
    finished_at: str
    seconds: float | None
    peak_rss_mb: float | None
    tables: str | None = None  # JSON {table: file size} as written

    def table_sizes(self) -> dict[str, int] | None:
        if not self.tables:
            return None
        try:
            sizes = json.loads(self.tables)
        except ValueError:
            return None
        return sizes if isinstance(sizes, dict) else None


class Ledger:
    """The SQLite ledger in an output folder; every write is its own committed transaction.

    SQLite rather than a Parquet manifest: one row changes per finished document,
    and a transaction makes that change whole even when the run is killed.
    Every SQLite failure (a damaged, truncated or foreign file) is a LedgerError.
    `read_only=True` opens it for `status` without ever writing (a read-only folder).
    """

    def __init__(self, out_dir: Path, *, read_only: bool = False) -> None:
        self.path = out_dir / LEDGER_NAME
        self.read_only = read_only
        if self.path.is_symlink():
            raise LedgerError(
                f"{safe_display(self.path)} is a symlink; evaltable writes only inside --out"
            )
        try:
            if read_only:
                self._db = self._connect_read_only()
            else:
                out_dir.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                self._db.execute("pragma journal_mode=wal")
                self._db.execute(_LEDGER_DDL)
                self._db.execute(_PENDING_DDL)
            self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc
        except OSError as exc:
            raise output_error(exc, str(self.path)) from exc

    def _connect_read_only(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri()
        try:
            db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
            db.execute("select count(*) from sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:
            # A read-only folder cannot hold the WAL index: read the file as it is.
            return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)

    def _damaged(self, exc: Exception) -> LedgerError:
        return LedgerError(
            f"the ledger {safe_display(self.path)} is damaged or not an evaltable ledger "
            f"({safe_display(exc)}); move it away to start afresh (the tables stay)"
        )

    def _check_schema(self) -> None:
        cols = {r[1] for r in self._db.execute("pragma table_info(inputs)").fetchall()}
        need = set(LedgerEntry.__slots__) - {"tables"}
        if not need <= cols:
            missing = ", ".join(sorted(need - cols))
            raise LedgerError(
                f"{safe_display(self.path)} is not an evaltable ledger (no column {missing}); "
                "move it away or choose another --out"
            )
        if "tables" not in cols and not self.read_only:  # a ledger from before sizes were kept
            self._db.execute("alter table inputs add column tables text")
        self._has_tables = "tables" in cols or not self.read_only

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def entries(self) -> list[LedgerEntry]:
        """Return every entry; LedgerError if a row is not what evaltable wrote (a bad doc_id…)."""
        names = LedgerEntry.__slots__ if self._has_tables else LedgerEntry.__slots__[:-1]
        try:
            rows = self._db.execute(
                f"select {', '.join(names)} from inputs order by path"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc
        out = []
        for r in rows:
            e = LedgerEntry(*r)
            if not isinstance(e.path, str) or not isinstance(e.sha256, str):
                raise self._damaged(ValueError(f"row {r[:1]!r} has no path or sha256"))
            try:
                check_doc_id(e.doc_id)
            except OutputError as exc:
                raise self._damaged(ValueError(f"{e.path}: {exc}")) from None
            out.append(e)
        return out

    def by_path(self) -> dict[str, LedgerEntry]:
        return {e.path: e for e in self.entries()}

    def record(self, entry: LedgerEntry, *, pending: Sequence[str] = ()) -> None:
        """Given an entry, insert or replace it, and mark `pending` doc ids, in one transaction."""
        cols = LedgerEntry.__slots__
        marks = ", ".join("?" for _ in cols)
        values = [getattr(entry, c) for c in cols]
        try:
            with self._transaction():
                self._db.execute(
                    f"insert or replace into inputs ({', '.join(cols)}) values ({marks})", values
                )
                for doc_id in pending:
                    self._db.execute("insert or ignore into pending values (?)", (doc_id,))
        except sqlite3.DatabaseError as exc:
            raise self._write_error(exc) from exc

    def forget(self, path: str) -> None:
        """Given a recorded path, delete its entry so the next run processes it again."""
        try:
            self._db.execute("delete from inputs where path = ?", (path,))
        except sqlite3.DatabaseError as exc:
            raise self._write_error(exc) from exc

    def pending(self) -> list[str]:
        try:
            return [r[0] for r in self._db.execute("select doc_id from pending").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc

    def settled(self, doc_id: str) -> None:
        try:
            self._db.execute("delete from pending where doc_id = ?", (doc_id,))
        except sqlite3.DatabaseError as exc:
            raise self._write_error(exc) from exc

    def _write_error(self, exc: sqlite3.DatabaseError) -> OutputError:
        text = str(exc)
        if "full" in text:
            return OutputError(f"disk full while writing {safe_display(self.path)}")
        if "readonly" in text or "read-only" in text:
            return OutputError(f"cannot write {safe_display(self.path)}: read-only")
        return self._damaged(exc)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("begin immediate")
        try:
            yield
        except BaseException:
            self._db.execute("rollback")
            raise
        self._db.execute("commit")


class OutputsBusy(Exception):
    """Another run holds the output folder's lock."""


# Lock descriptors this process holds: a forked worker closes its copies at once, so
# a worker outliving its parent can never keep the output folder locked.
_HELD_LOCKS: set[int] = set()


def close_inherited_locks() -> None:
    """In a forked child, close the inherited lock descriptors (the parent keeps its lock)."""
    for fd in list(_HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
        _HELD_LOCKS.discard(fd)


@contextmanager
def exclusive(out_dir: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the output folder's lock for the duration; OutputsBusy if another run holds it.

    The lock file is opened with O_NOFOLLOW: a symlink planted at its name is refused,
    never written through.  A folder that cannot be created or written is an OutputError.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, str(out_dir)) from exc
    if not out_dir.is_dir():
        raise OutputError(f"{safe_display(out_dir)} is not a folder")
    lock_path = out_dir / LOCK_NAME
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(
                f"{safe_display(lock_path)} is a symlink; evaltable writes only inside --out "
                "(remove it)"
            ) from exc
        raise output_error(exc, str(lock_path)) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"{safe_display(lock_path)} is not a regular file (remove it)")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
            raise OutputsBusy(
                f"{safe_display(out_dir)} is in use by another evaltable run "
                f"({safe_display(holder)}); wait for it to finish or pass --wait"
            ) from None
        _HELD_LOCKS.add(fd)
        try:
            os.ftruncate(fd, 0)
            text = f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}"
            os.pwrite(fd, text.encode(), 0)
        except OSError as exc:
            raise output_error(exc, str(lock_path)) from exc
        yield
    finally:
        _HELD_LOCKS.discard(fd)
        os.close(fd)


def remove_document(out_dir: Path, doc_id: str) -> None:
    """Given a doc id, delete its files from every table (its source changed or vanished)."""
    check_doc_id(doc_id)
    for name in TABLES:
        folder = _table_dir(out_dir, name, create=False)
        try:
            (folder / f"{doc_id}.parquet").unlink(missing_ok=True)
        except OSError as exc:
            raise output_error(exc, str(folder)) from exc


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


# --- the OCR cache (interim/ocr/): one small JSON file per page image, engine and version ---


@dataclass(frozen=True, slots=True)
class OcrCacheDir:
    """OCR results kept in a folder, one file per key; satisfies `pipeline.extract.ocr.OcrCache`.

    A file that cannot be read counts as a miss: the page is OCR'd again and rewritten.
    """

    root: Path

    def _path(self, key: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_.+" else "_" for c in key)
        return self.root / safe[:2] / f"{safe}.json"

    def get(self, key: str) -> str | None:
        try:
            return self._path(key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, value: str) -> None:
        try:
            write_text(self._path(key), value)
        except OSError:
            pass  # a read-only or full cache folder costs time on the next run, never the document
