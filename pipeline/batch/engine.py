"""The whole batch: plan, run every task (locally or on Dask), record each result as it arrives."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.batch.executors import run_dask, run_local
from pipeline.batch.isolate import warm_up
from pipeline.batch.ledger_policy import from_entry, record_result, settle
from pipeline.batch.plan import Plan, plan_batch
from pipeline.batch.tasks import DEFAULT_LIMITS, Limits, Task, TaskResult, execute
from pipeline.extract.backends import DEFAULT_BACKEND
from pipeline.extract.ocr_engines import DEFAULT_DPI, DEFAULT_ENGINE
from pipeline.limits import check_reprocess
from pipeline.models import SourceInfo
from pipeline.records import outcome_to_records
from pipeline.run import failed_outcome
from pipeline.store import Ledger, LedgerEntry, OutputError, clean_temp, write_document


@dataclass(frozen=True, slots=True)
class BatchResult:
    results: tuple[TaskResult, ...]
    seconds: float

    @property
    def failed(self) -> tuple[TaskResult, ...]:
        """Inputs not ok or partial: failed now, or recorded as failed and skipped (exit 1)."""
        return tuple(r for r in self.results if r.status == "failed")

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.results:
            key = "skipped" if r.skipped else r.status
            out[key] = out.get(key, 0) + 1
        return out


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM gets the same clean shutdown as Ctrl-C: children killed, finished work recorded."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@dataclass(slots=True)
class _Recorder:
    """Records each result as it arrives: the failure's tables if the worker wrote none, the
    ledger entry, then the caller's callback; stops the batch on an output or interrupt."""

    ledger: Ledger
    out_dir: Path
    previous: dict[str, LedgerEntry]
    on_result: Callable[[TaskResult], None] | None
    results: list[TaskResult] = field(default_factory=list)

    def __call__(self, r: TaskResult) -> None:
        if r.output_error is not None:
            raise OutputError(r.output_error)
        if r.interrupted:
            raise KeyboardInterrupt(f"worker for {r.path} interrupted")
        if not r.written:
            source = SourceInfo(r.path, r.sha256, r.size, r.input_kind or "text")
            records = outcome_to_records(failed_outcome(source, r.error or ""))
            sizes = write_document(self.out_dir, r.doc_id, records)
            r = replace(r, written=True, tables=sizes)
        if not r.skipped:
            record_result(self.ledger, self.out_dir, r, self.previous.get(r.path))
        self.results.append(r)
        if self.on_result is not None:
            self.on_result(r)

    def duplicates(self, duplicates: Sequence[tuple[Task, str]]) -> None:
        """Record each duplicate input as its original's result, under its own path."""
        by_path = {r.path: r for r in self.results}
        for task, original in duplicates:
            prev_entry = self.previous.get(original)
            orig = by_path.get(original) or (None if prev_entry is None else from_entry(prev_entry))
            if orig is None:
                continue
            self(
                replace(
                    orig,
                    path=task.source.path,
                    skipped=False,
                    duplicate_of=original,
                    seconds=0.0,
                    peak_rss_mb=None,
                )
            )


def _run_tasks(
    tasks: Sequence[Task], record: _Recorder, *, workers: int, dask: str | None, debug: bool
) -> None:
    if tasks and not dask:
        warm_up()
    if debug:
        for t in tasks:
            record(execute(t, debug=True))
    elif dask:
        run_dask(tasks, dask, record)
    else:
        run_local(tasks, workers, record)


def run_batch(
    paths: Iterable[Path],
    out_dir: Path,
    *,
    workers: int = 1,
    dask: str | None = None,
    reprocess: str | None = None,
    password: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    debug: bool = False,
    backend: str = DEFAULT_BACKEND,
    ocr: tuple[str, int] = (DEFAULT_ENGINE, DEFAULT_DPI),
    on_plan: Callable[[Plan], None] | None = None,
    on_result: Callable[[TaskResult], None] | None = None,
) -> BatchResult:
    """Given inputs and an output folder, bring the outputs up to date and return what happened
    (`ocr`: the engine and dpi scans are read with, carried to the workers in each task).

    The caller holds the output folder's lock (`store.exclusive`).  Raises OutputError
    (the folder or its ledger cannot be used: a usage error) and KeyboardInterrupt
    (Ctrl-C, SIGTERM, or a worker stopped by a user's signal); what finished is recorded.
    """
    t0 = time.perf_counter()
    check_reprocess(reprocess)
    with _sigterm_interrupts(), Ledger(out_dir) as ledger:
        clean_temp(out_dir)
        for doc_id in ledger.pending():  # a previous run died between a commit and its cleanup
            settle(ledger, out_dir, doc_id)
        plan = plan_batch(
            paths,
            out_dir,
            ledger,
            reprocess=reprocess,
            password=password,
            limits=limits,
            backend=backend,
            ocr=ocr,
        )
        if on_plan is not None:
            on_plan(plan)
        record = _Recorder(ledger, out_dir, ledger.by_path(), on_result)
        for r in (*plan.skipped, *plan.unreadable):
            record(r)
        _run_tasks(plan.tasks, record, workers=workers, dask=dask, debug=debug)
        record.duplicates(plan.duplicates)
    return BatchResult(results=tuple(record.results), seconds=time.perf_counter() - t0)
