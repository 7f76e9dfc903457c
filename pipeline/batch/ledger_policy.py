"""Ledger policy: a result as a ledger entry and back, and how a changed input is settled.

A task's `TaskResult` becomes a `LedgerEntry` in `record_result`, and an entry
becomes a result again in `from_entry` (a skipped or duplicate input).

Work that follows a ledger entry (removing a changed file's old tables) is marked
`pending` in the same transaction and finished by the next run if this one dies
first.  `verify_outputs` reads every recorded document back (`status --verify`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import __version__
from pipeline.batch.tasks import TaskResult
from pipeline.display import safe_storage
from pipeline.store import (
    Ledger,
    LedgerEntry,
    OutputError,
    relabel_document,
    remove_document,
    verify_document,
)


def from_entry(e: LedgerEntry, **changes: object) -> TaskResult:
    """Given a ledger entry, return the result it records (with `changes`)."""
    r = TaskResult(
        path=e.path,
        sha256=e.sha256,
        size=e.size,
        doc_id=e.doc_id,
        input_kind=e.input_kind,
        status=e.status,
        error=e.error,
        page_count=e.page_count,
        roc_year=e.roc_year,
        seconds=e.seconds or 0.0,
        peak_rss_mb=e.peak_rss_mb,
        duplicate_of=e.duplicate_of,
        tables=e.table_sizes(),
    )
    return replace(r, **changes)  # type: ignore[arg-type]


def record_result(ledger: Ledger, out_dir: Path, r: TaskResult, prev: LedgerEntry | None) -> None:
    """Record a result; if the path's content changed, settle its old document in the same step.

    The old doc id is marked pending in the entry's own transaction, so a crash
    before `_settle` finishes leaves work the next run completes, never stale rows.
    """
    changed = prev is not None and prev.doc_id != r.doc_id
    ledger.record(
        LedgerEntry(
            path=r.path,
            sha256=r.sha256,
            size=r.size,
            doc_id=r.doc_id,
            input_kind=r.input_kind,
            pipeline_version=__version__,
            status=r.status,
            error=safe_storage(r.error),
            page_count=r.page_count,
            roc_year=r.roc_year,
            duplicate_of=r.duplicate_of,
            finished_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
            seconds=round(r.seconds, 3),
            peak_rss_mb=None if r.peak_rss_mb is None else round(r.peak_rss_mb, 1),
            tables=None if r.tables is None else json.dumps(r.tables, sort_keys=True),
        ),
        pending=(prev.doc_id,) if changed and prev is not None else (),
    )
    if changed and prev is not None:
        settle(ledger, out_dir, prev.doc_id)


def settle(ledger: Ledger, out_dir: Path, doc_id: str) -> None:
    """Given a doc id whose source path changed, make its files match the ledger.

    No entry uses it any more: its files go.  Only recorded duplicates use it: the
    first becomes the document's source (its `documents` row names that path), as a
    fresh run would have it.  Idempotent, so a crash anywhere here is safe.
    """
    users = [e for e in ledger.entries() if e.doc_id == doc_id]
    if not users:
        remove_document(out_dir, doc_id)
    elif all(e.duplicate_of is not None for e in users):
        source = users[0]
        size = relabel_document(out_dir, doc_id, source.path)
        for e in users:
            sizes = e.table_sizes()
            if sizes is not None and size is not None:
                sizes["documents"] = size  # the relabelled file is the intact one now
            tables = e.tables if sizes is None else json.dumps(sizes, sort_keys=True)
            dup = None if e is source else source.path
            ledger.record(replace(e, duplicate_of=dup, tables=tables))
    ledger.settled(doc_id)


@dataclass(frozen=True, slots=True)
class Damage:
    path: str
    doc_id: str
    problem: str


def verify_outputs(out_dir: Path, *, forget: bool) -> tuple[int, list[Damage]]:
    """Given an output folder, read every recorded document's files; return (checked, damaged).

    With `forget`, the damaged documents' ledger entries are deleted, so the next
    run processes their inputs again (`status --verify`); in a folder that cannot be
    written the damage is only reported.
    """
    try:
        ledger = Ledger(out_dir, read_only=not forget)
    except OutputError:
        if not forget:
            raise
        ledger, forget = Ledger(out_dir, read_only=True), False  # a read-only folder: report only
    with ledger:
        entries = ledger.entries()
        problems: dict[str, str | None] = {}
        damaged: list[Damage] = []
        for e in entries:
            if e.doc_id not in problems:
                problems[e.doc_id] = verify_document(out_dir, e.doc_id)
            problem = problems[e.doc_id]
            if problem is not None:
                damaged.append(Damage(e.path, e.doc_id, problem))
                if forget:
                    ledger.forget(e.path)
    return len(entries), damaged
