"""Isolation: each document in a forked child under its limits (wall time, CPU, memory).

Children die with their parent (PR_SET_PDEATHSIG, and a watchdog thread) and
enforce their own deadline (an alarm and RLIMIT_CPU), so a killed run leaves no
worker behind and no worker holds the output folder's lock.  A child reports its
`TaskResult` as JSON on a pipe; whatever else happens to it becomes a failed result.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import json
import math
import os
import resource
import select
import signal
import threading
import time
from dataclasses import asdict, dataclass, field, replace

from pipeline.batch.tasks import Task, TaskResult, execute, failed_result
from pipeline.normalise.text import norm_key
from pipeline.schemas import TABLES, to_table
from pipeline.store import close_inherited_locks

# A child's own deadline comes this many seconds after the parent's, which normally acts first.
CHILD_GRACE_SECONDS = 5
WATCHDOG_INTERVAL = 0.5
# A worker killed by one of these was interrupted by a user, not defeated by its document.
INTERRUPT_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT})
DEADLINE_SIGNALS = frozenset({signal.SIGALRM, signal.SIGXCPU})


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


@dataclass(slots=True)
class Child:
    """A forked child running one task, and what it has written on its pipe so far."""

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


def start_child(task: Task) -> Child:
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
                result = failed_result(
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
    return Child(pid=pid, fd=r, task=task, started=time.monotonic())


def finish_child(child: Child, *, timed_out: bool) -> TaskResult:
    """Given a child whose pipe closed (or that timed out), reap it and return its result."""
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
        return failed_result(child.task, limit, elapsed)
    payload = b"".join(child.chunks)
    if payload:
        try:
            return TaskResult(**json.loads(payload))
        except (ValueError, TypeError):
            pass
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in INTERRUPT_SIGNALS:
            return replace(failed_result(child.task, "interrupted", elapsed), interrupted=True)
        if sig in DEADLINE_SIGNALS:
            return failed_result(child.task, limit, elapsed)
        why = "killed (out of memory?)" if sig == signal.SIGKILL else signal.Signals(sig).name
        return failed_result(
            child.task, f"worker crashed while reading the document: {why}", elapsed
        )
    return failed_result(
        child.task, f"worker exited with code {os.WEXITSTATUS(status)} without a result", elapsed
    )


def run_isolated(task: Task) -> TaskResult:
    """Given a task, run it in a forked child under its limits and return the result.

    This is the unit of work for Dask workers too: each worker forks per document.
    """
    warm_up()
    child = start_child(task)
    deadline = child.started + task.limits.seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return finish_child(child, timed_out=True)
        ready, _, _ = select.select([child.fd], [], [], remaining)
        if ready:
            data = os.read(child.fd, 1 << 16)
            if not data:
                return finish_child(child, timed_out=False)
            child.chunks.append(data)


@functools.cache  # once per process: the local parent, or each Dask worker
def warm_up() -> None:
    """Import and initialise, once in the parent, what every forked child would otherwise redo.

    Children are forked per document: whatever the parent has loaded they share
    for free.  Without this each document paid ~1 s for pandas (imported lazily
    by pyarrow), the PDF stack and OpenCC's dictionaries.
    """
    import pipeline.extract.pdf  # pdfplumber, pdfminer, pypdfium2
    import pipeline.extract.pdfium  # the pdfium backend's ctypes prototypes
    import pipeline.layout.pages  # noqa: F401 - grid, stitch, and OCR's OpenCV: every PDF's path

    for name in TABLES:
        to_table(name, [])
    norm_key("臺")
    # What is loaded now lives as long as the process: out of the collector's sight, a
    # forked child's collections do not touch (and so copy) the parent's pages.
    gc.freeze()
