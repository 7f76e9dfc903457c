"""One task of a batch: what to process under which limits, and what it reported back.

`execute` is the unit of work a worker runs for one input: the document through
`run.process_path`, its tables written (`store.write_document`), a `TaskResult`
of plain values returned (it crosses process boundaries).
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.display import safe_storage
from pipeline.extract.backends import DEFAULT_BACKEND
from pipeline.extract.ocr_engines import DEFAULT_DPI, DEFAULT_ENGINE
from pipeline.inputs import DEFAULT_MAX_BYTES
from pipeline.limits import check_memory_mb, check_positive, check_seconds
from pipeline.models import InputKind, SourceInfo, Status
from pipeline.records import outcome_to_records
from pipeline.run import OCR_DPI_ENV, OCR_ENGINE_ENV, process_path
from pipeline.store import OutputError, write_document

DEFAULT_SECONDS = 300.0
DEFAULT_MEMORY_MB = 2048
DEFAULT_PAGES = 1000
DEFAULT_BYTES = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may use; exceeding any makes it a failed document, not a failed batch."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB  # on top of what the worker already uses
    pages: int = DEFAULT_PAGES
    bytes: int = DEFAULT_BYTES

    def __post_init__(self) -> None:  # OptionError (a ValueError) names the bad option
        check_seconds(self.seconds)
        check_memory_mb(self.memory_mb)
        check_positive(self.pages, "--max-pages")
        check_positive(self.bytes, "--max-bytes")


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Task:
    """One input to process: the source it is filed under (`source.path` is the ledger key,
    `inputs.input_key`), the path the OS opens, where its tables go and under which limits."""

    source: SourceInfo
    open_path: str
    out_dir: str
    password: str | None = None
    limits: Limits = field(default_factory=Limits)
    backend: str = DEFAULT_BACKEND  # PDF page backend (pipeline.extract.backends)
    ocr: str = DEFAULT_ENGINE  # OCR engine (--ocr) and resolution (--ocr-dpi) for scans
    ocr_dpi: int = DEFAULT_DPI

    @property
    def doc_id(self) -> str:
        return self.source.doc_id


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What a finished task reports back: plain values only (it crosses process boundaries).

    `path` is the ledger key (absolute, valid UTF-8), also what `documents.source_path` holds.
    """

    path: str
    sha256: str
    size: int
    doc_id: str
    input_kind: InputKind | None
    status: Status
    error: str | None
    page_count: int | None = None
    roc_year: int | None = None
    rows: int = 0
    seconds: float = 0.0
    peak_rss_mb: float | None = None
    skipped: bool = False
    duplicate_of: str | None = None
    written: bool = True  # False: the worker died before writing; the parent writes the failure
    tables: dict[str, int] | None = None  # file sizes as written, kept in the ledger
    interrupted: bool = False  # the worker was stopped by a user's signal: not recorded
    output_error: str | None = None  # the output folder failed (disk full…): the batch stops
    ocr_pages: int = 0  # pages read by OCR (the progress bar shows their rate)


def execute(task: Task, *, debug: bool = False) -> TaskResult:
    """Given a task, process its document, write its tables and return the result.

    Runs inside the worker (a forked child); PipelineErrors become failed results,
    and an output folder that cannot be written comes back as `output_error`.
    """
    t0 = time.perf_counter()
    # The worker's OCR reads these (a forked child, or a Dask worker on another machine:
    # the task carries them there).
    os.environ[OCR_ENGINE_ENV] = task.ocr
    os.environ[OCR_DPI_ENV] = str(task.ocr_dpi)
    outcome = process_path(
        Path(task.open_path),
        known=task.source,
        password=task.password,
        max_bytes=task.limits.bytes,
        max_pages=task.limits.pages,
        memory_mb=task.limits.memory_mb,
        backend=task.backend,
        debug=debug,
    )
    try:
        sizes = write_document(Path(task.out_dir), task.doc_id, outcome_to_records(outcome))
    except OutputError as exc:
        if debug:
            raise
        return replace(failed_result(task, "output folder failed"), output_error=str(exc))
    doc = outcome.document
    return TaskResult(
        path=task.source.path,
        sha256=task.source.sha256,
        size=task.source.size,
        doc_id=task.doc_id,
        input_kind=outcome.source.input_kind,
        status=outcome.status,
        error=outcome.error,
        page_count=doc.page_count if doc else None,
        roc_year=doc.roc_year if doc else None,
        rows=len(doc.rows) if doc else 0,
        seconds=time.perf_counter() - t0,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        tables=sizes,
        ocr_pages=len(outcome.ocr_pages),
    )


def failed_result(task: Task, reason: str, seconds: float = 0.0) -> TaskResult:
    """Given a task and why it produced no result of its own, return its failed result."""
    src = task.source
    return TaskResult(
        src.path,
        src.sha256,
        src.size,
        task.doc_id,
        src.input_kind,
        "failed",
        safe_storage(reason),
        seconds=seconds,
        written=False,
    )
