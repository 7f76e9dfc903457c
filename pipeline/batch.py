"""The batch engine: incremental, resumable, isolated and parallel processing of many inputs.

plan (ledger + hashes → tasks to run, skips, duplicates) → execute each task in
a forked child under limits (wall time, memory, pages), locally with N children
at once or on a Dask cluster → record each result in the ledger as it arrives.

Crash safety: a child writes its document's tables (each file atomic, the
`documents` file last); the parent records the ledger entry only after the child
reported success.  A run killed at any moment leaves documents without a ledger
entry, and the next run processes exactly those again.  Work that follows a ledger
entry (removing a changed file's old tables) is marked `pending` in the same
transaction and finished by the next run if this one dies first.

Children die with their parent (PR_SET_PDEATHSIG, and a watchdog thread) and
enforce their own deadline (an alarm and RLIMIT_CPU), so a killed run leaves no
worker behind and no worker holds the output folder's lock.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import json
import logging
import math
import os
import resource
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pipeline import __version__
from pipeline.display import path_key, safe_storage
from pipeline.errors import InputError
from pipeline.extract.backends import DEFAULT_BACKEND
from pipeline.limits import check_memory_mb, check_positive, check_reprocess, check_seconds
from pipeline.models import SourceInfo
from pipeline.normalise.text import norm_key
from pipeline.run import (
    DEFAULT_MAX_BYTES,
    detect_kind,
    failed_outcome,
    input_key,
    iter_chunks,
    iter_inputs,
    outcome_of,
    outcome_to_records,
    read_input,
)
from pipeline.schemas import TABLES, to_table
from pipeline.store import (
    Ledger,
    LedgerEntry,
    OutputError,
    clean_temp,
    close_inherited_locks,
    document_intact,
    relabel_document,
    remove_document,
    verify_document,
    write_document,
)

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 300.0
DEFAULT_MEMORY_MB = 2048
DEFAULT_PAGES = 1000
DEFAULT_BYTES = DEFAULT_MAX_BYTES
# A child's own deadline comes this many seconds after the parent's, which normally acts first.
CHILD_GRACE_SECONDS = 5
WATCHDOG_INTERVAL = 0.5
# A worker killed by one of these was interrupted by a user, not defeated by its document.
INTERRUPT_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT})
DEADLINE_SIGNALS = frozenset({signal.SIGALRM, signal.SIGXCPU})


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


@dataclass(frozen=True, slots=True)
class Task:
    path: str
    sha256: str
    size: int
    out_dir: str
    input_kind: str = "text"
    password: str | None = None
    limits: Limits = field(default_factory=Limits)
    key: str = ""  # the ledger key (`run.input_key`); `path` is what the OS opens
    backend: str = DEFAULT_BACKEND  # PDF page backend (pipeline.extract.backends)

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]

    @property
    def ledger_key(self) -> str:
        return self.key or path_key(self.path)


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What a finished task reports back: plain values only (it crosses process boundaries).

    `path` is the ledger key (absolute, valid UTF-8), also what `documents.source_path` holds.
    """

    path: str
    sha256: str
    size: int
    doc_id: str
    input_kind: str | None
    status: str
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


# --- planning --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    tasks: tuple[Task, ...]
    skipped: tuple[TaskResult, ...]  # already processed with this content and version
    duplicates: tuple[tuple[Task, str], ...]  # (task, path of the same content processed here)
    unreadable: tuple[TaskResult, ...]


def hash_file(path: Path, max_bytes: int) -> tuple[str, int, bytes]:
    """Given a path, return (sha256, size, first bytes) reading in chunks; InputError if unreadable.

    Only regular files are read (`run.open_input`): a FIFO or a device is refused
    before it is opened, and a file is never read past max_bytes.
    """
    h = hashlib.sha256()
    head = b""
    size = 0
    for chunk in iter_chunks(path, max_bytes):
        head = head or chunk[:1024]
        size += len(chunk)
        h.update(chunk)
    return h.hexdigest(), size, head


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


def plan_batch(
    paths: Iterable[Path],
    out_dir: Path,
    ledger: Ledger,
    *,
    reprocess: str | None = None,
    password: str | None = None,
    limits: Limits = Limits(),
    backend: str = DEFAULT_BACKEND,
) -> Plan:
    """Given inputs and the ledger, return what to run, what to skip, and what is a duplicate."""
    known = ledger.by_path()
    done_by_sha: dict[str, LedgerEntry] = {}
    for e in known.values():
        if e.pipeline_version == __version__ and e.duplicate_of is None:
            done_by_sha.setdefault(e.sha256, e)
    tasks: list[Task] = []
    skipped: list[TaskResult] = []
    dups: list[tuple[Task, str]] = []
    unreadable: list[TaskResult] = []
    first_in_batch: dict[str, str] = {}

    def refuse(p: Path, exc: InputError) -> None:
        key = input_key(p)
        pseudo = hashlib.sha256(("unreadable:" + key).encode()).hexdigest()
        unreadable.append(
            TaskResult(key, pseudo, 0, pseudo[:16], None, "failed", str(exc), written=False)
        )

    for p in iter_inputs(paths, onerror=refuse):
        key = input_key(p)
        try:
            sha, size, head = hash_file(p, limits.bytes)
        except InputError as exc:
            refuse(p, exc)
            continue
        task = Task(
            str(p),
            sha,
            size,
            str(out_dir.resolve()),
            detect_kind(p, head),
            password,
            limits,
            key,
            backend,
        )
        prev = known.get(key)
        redo = prev is not None and reprocess_matches(prev, reprocess)
        if (
            prev is not None
            and prev.sha256 == sha
            and prev.pipeline_version == __version__
            and not redo
            and document_intact(out_dir, prev.doc_id, prev.table_sizes())
        ):
            skipped.append(_from_entry(prev, skipped=True))
            continue
        if sha in first_in_batch:
            dups.append((task, first_in_batch[sha]))
            continue
        other = done_by_sha.get(sha)
        if (
            other is not None
            and other.path != key
            and not redo
            and not reprocess_matches(other, reprocess)
            and document_intact(out_dir, other.doc_id, other.table_sizes())
        ):
            dups.append((task, other.path))
            continue
        first_in_batch[sha] = key
        tasks.append(task)
    return Plan(tuple(tasks), tuple(skipped), tuple(dups), tuple(unreadable))


def _from_entry(e: LedgerEntry, **changes: object) -> TaskResult:
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


# --- executing one task ----------------------------------------------------------------


def execute(task: Task, *, debug: bool = False) -> TaskResult:
    """Given a task, process its document, write its tables and return the result.

    Runs inside the worker (a forked child); PipelineErrors become failed results,
    and an output folder that cannot be written comes back as `output_error`.
    """
    t0 = time.perf_counter()
    path = Path(task.path)
    try:
        data = read_input(path, task.limits.bytes)
    except InputError as exc:
        data = b""
        outcome = failed_outcome(_source(task), str(exc))
    else:
        source = _source(task, detect_kind(path, data))
        if hashlib.sha256(data).hexdigest() != task.sha256:
            outcome = failed_outcome(source, "file changed while the batch ran; run again")
        else:
            outcome = outcome_of(
                data,
                source,
                password=task.password,
                max_pages=task.limits.pages,
                memory_mb=task.limits.memory_mb,
                debug=debug,
                backend=task.backend,
            )
    del data
    try:
        sizes = write_document(Path(task.out_dir), task.doc_id, outcome_to_records(outcome))
    except OutputError as exc:
        if debug:
            raise
        return replace(_failed(task, "output folder failed"), output_error=str(exc))
    doc = outcome.document
    return TaskResult(
        path=task.ledger_key,
        sha256=task.sha256,
        size=task.size,
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


def _source(task: Task, kind: str | None = None) -> SourceInfo:
    return SourceInfo(task.ledger_key, task.sha256, task.size, kind or task.input_kind)


def _failed(task: Task, reason: str, seconds: float = 0.0) -> TaskResult:
    return TaskResult(
        task.ledger_key,
        task.sha256,
        task.size,
        task.doc_id,
        task.input_kind,
        "failed",
        safe_storage(reason),
        seconds=seconds,
        written=False,
    )


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


@dataclass(slots=True)
class _Child:
    pid: int
    fd: int
    task: Task
    started: float
    chunks: list[bytes] = field(default_factory=list)


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int, use_prctl: bool) -> None:
    """In a forked child, make sure it does not outlive `parent`.

    PR_SET_PDEATHSIG kills the child when the thread that forked it ends, so it is
    used only when that was the main thread (the local batch); a watchdog thread
    polling getppid() covers Dask worker threads and the race before prctl.
    """
    if use_prctl:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCHDOG_INTERVAL)
        os.kill(os.getpid(), signal.SIGKILL)

    if os.getppid() != parent:
        os._exit(75)
    threading.Thread(target=watch, name="evaltable-watchdog", daemon=True).start()


def _own_deadline(seconds: float) -> None:
    """In a forked child, enforce the time limit without the parent: an alarm and RLIMIT_CPU."""
    limit = math.ceil(seconds) + CHILD_GRACE_SECONDS
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(limit)
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or hard > limit:
        top = limit + CHILD_GRACE_SECONDS
        resource.setrlimit(
            resource.RLIMIT_CPU, (limit, top if hard == resource.RLIM_INFINITY else min(hard, top))
        )


def _start_child(task: Task) -> _Child:
    """Given a task, fork a child that runs it under the task's limits and reports on a pipe."""
    parent = os.getpid()
    use_prctl = threading.current_thread() is threading.main_thread()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(r)
        code = 0
        try:
            close_inherited_locks()
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
                signal.signal(sig, signal.SIG_DFL)
            _die_with_parent(parent, use_prctl)
            _own_deadline(task.limits.seconds)
            limit = _vm_bytes() + task.limits.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            try:
                result = execute(task)
            except MemoryError:
                result = _failed(
                    task, f"memory limit exceeded ({task.limits.memory_mb} MB, see --max-memory)"
                )
            payload = json.dumps(asdict(result)).encode()
            view = memoryview(payload)
            while view:
                n = os.write(w, view)
                view = view[n:]
        except BaseException:  # the child must always reach os._exit
            code = 70
        finally:
            os._exit(code)
    os.close(w)
    return _Child(pid=pid, fd=r, task=task, started=time.monotonic())


def _finish_child(child: _Child, *, timed_out: bool) -> TaskResult:
    elapsed = time.monotonic() - child.started
    if timed_out:
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os.close(child.fd)
    _, status = os.waitpid(child.pid, 0)
    limit = f"time limit exceeded ({child.task.limits.seconds:g} s, see --timeout)"
    if timed_out:
        return _failed(child.task, limit, elapsed)
    payload = b"".join(child.chunks)
    if payload:
        try:
            return TaskResult(**json.loads(payload))
        except (ValueError, TypeError):
            pass
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in INTERRUPT_SIGNALS:
            return replace(_failed(child.task, "interrupted", elapsed), interrupted=True)
        if sig in DEADLINE_SIGNALS:
            return _failed(child.task, limit, elapsed)
        why = "killed (out of memory?)" if sig == signal.SIGKILL else signal.Signals(sig).name
        return _failed(child.task, f"worker crashed while reading the document: {why}", elapsed)
    return _failed(
        child.task, f"worker exited with code {os.WEXITSTATUS(status)} without a result", elapsed
    )


def run_isolated(task: Task) -> TaskResult:
    """Given a task, run it in a forked child under its limits and return the result.

    This is the unit of work for Dask workers too: each worker forks per document.
    """
    warm_up()
    child = _start_child(task)
    deadline = child.started + task.limits.seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return _finish_child(child, timed_out=True)
        ready, _, _ = select.select([child.fd], [], [], remaining)
        if ready:
            data = os.read(child.fd, 1 << 16)
            if not data:
                return _finish_child(child, timed_out=False)
            child.chunks.append(data)


def run_local(tasks: Sequence[Task], workers: int, on_result: Callable[[TaskResult], None]) -> None:
    """Given tasks, run them in up to `workers` forked children at once, reporting each result."""
    queue = deque(tasks)
    running: dict[int, _Child] = {}
    try:
        while queue or running:
            while queue and len(running) < max(1, workers):
                child = _start_child(queue.popleft())
                running[child.fd] = child
            now = time.monotonic()
            timeout = min(c.started + c.task.limits.seconds for c in running.values()) - now
            ready, _, _ = select.select(list(running), [], [], max(0.0, timeout))
            for fd in ready:
                child = running[fd]
                data = os.read(fd, 1 << 16)
                if data:
                    child.chunks.append(data)
                else:
                    del running[fd]
                    on_result(_finish_child(child, timed_out=False))
            now = time.monotonic()
            for fd, child in list(running.items()):
                if now >= child.started + child.task.limits.seconds:
                    del running[fd]
                    on_result(_finish_child(child, timed_out=True))
    finally:
        for child in running.values():  # interrupted: leave no orphans behind
            try:
                os.kill(child.pid, signal.SIGKILL)
                os.waitpid(child.pid, 0)
            except ChildProcessError:
                pass
            os.close(child.fd)


class DaskUnavailable(RuntimeError):
    """The Dask scheduler cannot be reached, or distributed is not installed."""


DASK_CONNECT_TIMEOUT = "20s"


def run_dask(tasks: Sequence[Task], address: str, on_result: Callable[[TaskResult], None]) -> None:
    """Given tasks and a Dask scheduler address, run them on the cluster, reporting each result.

    Workers must see the inputs and the output folder at the same paths (a shared
    file system) and have evaltable installed.  A task the cluster itself loses
    (a worker killed twice over) becomes a failed document, not a failed batch.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - distributed is in the dev group
        raise DaskUnavailable(
            "--dask needs the 'distributed' package: pip install 'evaltable[cluster]'"
        ) from exc
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        futures = {
            client.submit(run_isolated, t, key=f"evaltable-{t.doc_id}-{i}", pure=False): t
            for i, t in enumerate(tasks)
        }
        for fut in as_completed(futures):  # type: ignore[no-untyped-call]
            try:
                result: TaskResult = fut.result()
            except Exception as exc:  # the cluster lost the task; the batch goes on
                result = _failed(futures[fut], f"Dask task failed ({type(exc).__name__}: {exc})")
            on_result(result)


# --- the whole batch -------------------------------------------------------------------


@functools.cache  # once per process: the local parent, or each Dask worker
def warm_up() -> None:
    """Import and initialise, once in the parent, what every forked child would otherwise redo.

    Children are forked per document: whatever the parent has loaded they share
    for free.  Without this each document paid ~1 s for pandas (imported lazily
    by pyarrow), the PDF stack and OpenCC's dictionaries.
    """
    import pipeline.extract.pdf  # pdfplumber, pdfminer, pypdfium2
    import pipeline.extract.pdfium  # the pdfium backend's ctypes prototypes
    import pipeline.layout.stitch  # noqa: F401 - and grid: the PDF layout

    for name in TABLES:
        to_table(name, [])
    norm_key("臺")


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


def run_batch(
    paths: Iterable[Path],
    out_dir: Path,
    *,
    workers: int = 1,
    dask: str | None = None,
    reprocess: str | None = None,
    password: str | None = None,
    limits: Limits = Limits(),
    debug: bool = False,
    backend: str = DEFAULT_BACKEND,
    on_plan: Callable[[Plan], None] | None = None,
    on_result: Callable[[TaskResult], None] | None = None,
) -> BatchResult:
    """Given inputs and an output folder, bring the outputs up to date and return what happened.

    The caller holds the output folder's lock (`store.exclusive`).  Raises OutputError
    (the folder or its ledger cannot be used: a usage error) and KeyboardInterrupt
    (Ctrl-C, SIGTERM, or a worker stopped by a user's signal); what finished is recorded.
    """
    t0 = time.perf_counter()
    check_reprocess(reprocess)
    results: list[TaskResult] = []
    with _sigterm_interrupts(), Ledger(out_dir) as ledger:
        clean_temp(out_dir)
        for doc_id in ledger.pending():  # a previous run died between a commit and its cleanup
            _settle(ledger, out_dir, doc_id)
        plan = plan_batch(
            paths,
            out_dir,
            ledger,
            reprocess=reprocess,
            password=password,
            limits=limits,
            backend=backend,
        )
        if on_plan is not None:
            on_plan(plan)
        previous = ledger.by_path()

        def record(r: TaskResult) -> None:
            if r.output_error is not None:
                raise OutputError(r.output_error)
            if r.interrupted:
                raise KeyboardInterrupt(f"worker for {r.path} interrupted")
            if not r.written:
                sizes = write_document(
                    out_dir,
                    r.doc_id,
                    outcome_to_records(
                        failed_outcome(
                            SourceInfo(r.path, r.sha256, r.size, r.input_kind or "text"),
                            r.error or "",
                        )
                    ),
                )
                r = replace(r, written=True, tables=sizes)
            if not r.skipped:
                _record(ledger, out_dir, r, previous.get(r.path))
            results.append(r)
            if on_result is not None:
                on_result(r)

        for r in plan.skipped:
            record(r)
        for r in plan.unreadable:
            record(r)
        if plan.tasks and not dask:
            warm_up()
        if debug:
            for t in plan.tasks:
                record(execute(t, debug=True))
        elif dask:
            run_dask(plan.tasks, dask, record)
        else:
            run_local(plan.tasks, workers, record)
        by_path = {r.path: r for r in results}
        for task, original in plan.duplicates:
            prev_entry = previous.get(original)
            orig = by_path.get(original) or (
                None if prev_entry is None else _from_entry(prev_entry)
            )
            if orig is None:
                continue
            record(
                replace(
                    orig,
                    path=task.ledger_key,
                    skipped=False,
                    duplicate_of=original,
                    seconds=0.0,
                    peak_rss_mb=None,
                )
            )
    return BatchResult(results=tuple(results), seconds=time.perf_counter() - t0)


def _record(ledger: Ledger, out_dir: Path, r: TaskResult, prev: LedgerEntry | None) -> None:
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
        _settle(ledger, out_dir, prev.doc_id)


def _settle(ledger: Ledger, out_dir: Path, doc_id: str) -> None:
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
