"""Planning a batch: the ledger and the inputs' hashes → tasks to run, skips, duplicates."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.batch.ledger_policy import from_entry
from pipeline.batch.tasks import DEFAULT_LIMITS, Limits, Task, TaskResult
from pipeline.errors import InputError
from pipeline.extract.backends import DEFAULT_BACKEND
from pipeline.extract.ocr_engines import DEFAULT_DPI, DEFAULT_ENGINE
from pipeline.inputs import detect_kind, hash_file, input_key, iter_inputs
from pipeline.limits import check_reprocess
from pipeline.models import SourceInfo
from pipeline.store import Ledger, LedgerEntry, document_intact


@dataclass(frozen=True, slots=True)
class Plan:
    tasks: tuple[Task, ...]
    skipped: tuple[TaskResult, ...]  # already processed with this content and version
    duplicates: tuple[tuple[Task, str], ...]  # (task, path of the same content processed here)
    unreadable: tuple[TaskResult, ...]


def reprocess_matches(entry: LedgerEntry, spec: str | None) -> bool:
    """Given a ledger entry and a --reprocess spec, return whether to redo it.

    Specs: None (never), "all", a status ("failed", "partial", "ok"), "year=2018",
    "roc_year=107", "kind=pdf", or "version=0.1.0" / "stale" (another pipeline version).
    """
    check_reprocess(spec)
    if spec is None:
        return False
    if spec == "all":
        return True
    if spec in ("ok", "partial", "failed"):
        return entry.status == spec
    if spec == "stale":
        return entry.pipeline_version != __version__
    key, _, value = spec.partition("=")
    if key == "year" and value.isdigit():
        return entry.roc_year is not None and entry.roc_year + 1911 == int(value)
    if key == "roc_year" and value.isdigit():
        return entry.roc_year == int(value)
    if key == "kind":
        return entry.input_kind == value
    return entry.pipeline_version == value  # version=X: check_reprocess allows nothing else


@dataclass(slots=True)
class _Planning:
    """A plan being built: what the ledger knows, and what this batch decided so far."""

    out_dir: Path
    known: dict[str, LedgerEntry]
    reprocess: str | None
    done_by_sha: dict[str, LedgerEntry] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    skipped: list[TaskResult] = field(default_factory=list)
    dups: list[tuple[Task, str]] = field(default_factory=list)
    unreadable: list[TaskResult] = field(default_factory=list)
    first_in_batch: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for e in self.known.values():
            if e.pipeline_version == __version__ and e.duplicate_of is None:
                self.done_by_sha.setdefault(e.sha256, e)

    def refuse(self, p: Path, exc: InputError) -> None:
        key = input_key(p)
        pseudo = hashlib.sha256(("unreadable:" + key).encode()).hexdigest()
        self.unreadable.append(
            TaskResult(key, pseudo, 0, pseudo[:16], None, "failed", str(exc), written=False)
        )

    def add(self, task: Task) -> None:
        """Given a task for an input, file it: to run, to skip, or a duplicate of another."""
        key, sha = task.source.path, task.source.sha256
        prev = self.known.get(key)
        redo = prev is not None and reprocess_matches(prev, self.reprocess)
        if (
            prev is not None
            and prev.sha256 == sha
            and prev.pipeline_version == __version__
            and not redo
            and document_intact(self.out_dir, prev.doc_id, prev.table_sizes())
        ):
            self.skipped.append(from_entry(prev, skipped=True))
            return
        if sha in self.first_in_batch:
            self.dups.append((task, self.first_in_batch[sha]))
            return
        other = self.done_by_sha.get(sha)
        if (
            other is not None
            and other.path != key
            and not redo
            and not reprocess_matches(other, self.reprocess)
            and document_intact(self.out_dir, other.doc_id, other.table_sizes())
        ):
            self.dups.append((task, other.path))
            return
        self.first_in_batch[sha] = key
        self.tasks.append(task)


def plan_batch(
    paths: Iterable[Path],
    out_dir: Path,
    ledger: Ledger,
    *,
    reprocess: str | None = None,
    password: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    backend: str = DEFAULT_BACKEND,
    ocr: tuple[str, int] = (DEFAULT_ENGINE, DEFAULT_DPI),
) -> Plan:
    """Given inputs and the ledger, return what to run, what to skip, and what is a duplicate
    (`ocr`: the OCR engine and dpi scans are read with)."""
    planning = _Planning(out_dir, ledger.by_path(), reprocess)
    for p in iter_inputs(paths, onerror=planning.refuse):
        try:
            sha, size, head = hash_file(p, limits.bytes)
        except InputError as exc:
            planning.refuse(p, exc)
            continue
        kind = detect_kind(p, head)
        out = str(out_dir.resolve())
        source = SourceInfo(input_key(p), sha, size, kind)
        planning.add(Task(source, str(p), out, password, limits, backend, *ocr))
    return Plan(
        tuple(planning.tasks),
        tuple(planning.skipped),
        tuple(planning.dups),
        tuple(planning.unreadable),
    )
