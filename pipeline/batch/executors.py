"""Executors: the tasks of a batch run locally (N forked children at once) or on Dask."""

from __future__ import annotations

import os
import select
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence

from pipeline.batch.isolate import Child, finish_child, run_isolated, start_child
from pipeline.batch.tasks import Task, TaskResult, failed_result


def run_local(tasks: Sequence[Task], workers: int, on_result: Callable[[TaskResult], None]) -> None:
    """Given tasks, run them in up to `workers` forked children at once, reporting each result."""
    queue = deque(tasks)
    running: dict[int, Child] = {}
    try:
        while queue or running:
            while queue and len(running) < max(1, workers):
                child = start_child(queue.popleft())
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
                    on_result(finish_child(child, timed_out=False))
            now = time.monotonic()
            for fd, child in list(running.items()):
                if now >= child.started + child.task.limits.seconds:
                    del running[fd]
                    on_result(finish_child(child, timed_out=True))
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
                result = failed_result(
                    futures[fut], f"Dask task failed ({type(exc).__name__}: {exc})"
                )
            on_result(result)
