"""What changed between two output folders of the same inputs (before and after reprocessing).

Documents are matched by doc_id, else by source path.  Per document: status, the compared
fields of `pipeline.golden` (document, dimensions, items, rows with the columns that
changed) and the metrics found in results.  Reads only the Parquet tables, so it works
across pipeline versions while the schema's major version is the same.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from pipeline.golden import (
    Change,
    GoldenError,
    diff_records,
    document_record,
    is_missing,
    read_tables,
)

TABLES = ("documents", "dimensions", "items", "rows", "metrics")
STATUS_FIELDS = ("status", "error")
METRIC_KEY = ("kind", "value", "unit", "text")


class IncompatibleSchemas(GoldenError):
    """The two folders were written with schema versions a reader cannot compare."""


@dataclass(frozen=True, slots=True)
class DocumentChanges:
    """One document's changes between the old and the new folder."""

    doc_id: str  # the new folder's (the old one's when the document is gone)
    path: str
    old_status: str | None  # None: not in the old folder
    new_status: str | None  # None: not in the new folder
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    old_schema: str
    new_schema: str
    documents: tuple[DocumentChanges, ...]

    def counts(self) -> dict[str, int]:
        """Given the comparison, return how many changes of each kind (`row changed`: 3 …)."""
        c: Counter[str] = Counter()
        for d in self.documents:
            if d.old_status is None:
                c["document added"] += 1
            elif d.new_status is None:
                c["document removed"] += 1
            elif d.old_status != d.new_status:
                c["status changed"] += 1
            rows_changed = {
                ch.where for ch in d.changes if ch.part == "row" and ch.kind == "changed"
            }
            c["row changed"] += len(rows_changed)
            for ch in d.changes:
                if not (ch.part == "row" and ch.kind == "changed") and ch.part != "document":
                    c[f"{ch.part} {ch.kind}"] += 1
                elif ch.part == "document" and ch.column not in STATUS_FIELDS:
                    c["document field changed"] += 1
        return {k: v for k, v in sorted(c.items()) if v}

    @property
    def changed(self) -> tuple[DocumentChanges, ...]:
        return tuple(d for d in self.documents if d.changes or d.old_status != d.new_status)


def size(change: Change) -> tuple[int, float]:
    """Given a change, return a sort key for "largest first": its rank, then its magnitude.

    Ranks: a status, then a score or other number (by how much it moved), then a row or
    metric added or removed, then text (by characters that differ).
    """
    before, after = change.before, change.after
    if change.column == "status":
        return (4, 0.0)
    if _number(before) and _number(after):
        return (3, abs(float(after) - float(before)))
    if change.kind != "changed":
        return (2, 0.0)
    a, b = str(before or ""), str(after or "")
    same = sum(
        m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    return (1, float(len(a) + len(b) - 2 * same))


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def largest(comparison: Comparison, n: int) -> list[tuple[DocumentChanges, Change]]:
    """Given a comparison, return its n largest changes with their documents, largest first."""
    every = [(d, c) for d in comparison.documents for c in d.changes]
    return sorted(every, key=lambda dc: size(dc[1]), reverse=True)[:n]


def _schema(tables: Mapping[str, pd.DataFrame], where: Path) -> str:
    import pandas as pd  # here, not at the top: `evaltable run` never needs it (~1 s)

    versions = sorted({str(v) for v in tables["documents"].get("schema_version", pd.Series(["?"]))})
    if len(versions) != 1:
        raise IncompatibleSchemas(f"{where} mixes schema versions {', '.join(versions)}")
    return versions[0]


def _compatible(old: str, new: str) -> bool:
    return old.split(".")[0] == new.split(".")[0]


def _metrics(tables: Mapping[str, pd.DataFrame], doc_id: str) -> Counter[tuple[Any, ...]]:
    m = tables["metrics"]
    m = m[m["doc_id"] == doc_id]
    return Counter(
        tuple(None if is_missing(v) else v for v in rec)
        for rec in m[list(METRIC_KEY)].itertuples(index=False)
    )


def _metric_changes(old: Counter[tuple[Any, ...]], new: Counter[tuple[Any, ...]]) -> list[Change]:
    def label(k: tuple[Any, ...]) -> str:
        return f"metric {k[0]} {k[3]!r}"

    return [
        Change("metric", "removed", label(k)) for k in sorted((old - new).elements(), key=repr)
    ] + [Change("metric", "added", label(k)) for k in sorted((new - old).elements(), key=repr)]


def compare_folders(old_dir: Path, new_dir: Path) -> Comparison:
    """Given two output folders, return every document's changes from old to new."""
    old, new = read_tables(old_dir, TABLES), read_tables(new_dir, TABLES)
    old_v, new_v = _schema(old, old_dir), _schema(new, new_dir)
    if not _compatible(old_v, new_v):
        raise IncompatibleSchemas(
            f"schema versions {old_v} ({old_dir}) and {new_v} ({new_dir}) differ in their major "
            "number: the tables are not comparable column by column"
        )
    old_docs, new_docs = old["documents"], new["documents"]
    old_ids, new_ids = list(old_docs["doc_id"]), list(new_docs["doc_id"])
    old_by_path = dict(zip(old_docs["source_path"], old_ids, strict=True))
    new_paths = dict(zip(new_ids, new_docs["source_path"], strict=True))
    out: list[DocumentChanges] = []
    matched_old: set[str] = set()
    for doc_id in new_ids:
        path = str(new_paths[doc_id])
        old_id = doc_id if doc_id in set(old_ids) else old_by_path.get(path)
        after = document_record(new, doc_id, extra_document=STATUS_FIELDS)
        if old_id is None:
            out.append(DocumentChanges(doc_id, path, None, after["document"]["status"], ()))
            continue
        matched_old.add(old_id)
        before = document_record(old, old_id, extra_document=STATUS_FIELDS)
        changes = diff_records(before, after, document_fields=(*before["document"],))
        changes += _metric_changes(_metrics(old, old_id), _metrics(new, doc_id))
        out.append(
            DocumentChanges(
                doc_id,
                path,
                before["document"]["status"],
                after["document"]["status"],
                tuple(changes),
            )
        )
    for old_id, path in zip(old_ids, old_docs["source_path"], strict=True):
        if old_id not in matched_old:
            status = old_docs.loc[old_docs["doc_id"] == old_id, "status"].iloc[0]
            out.append(DocumentChanges(old_id, str(path), str(status), None, ()))
    return Comparison(old_v, new_v, tuple(out))
