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

Modules: `tasks` (a task, its limits and result; `execute`, the unit of work),
`plan` (what to run, skip or treat as a duplicate), `isolate` (a forked child per
document), `executors` (local children or Dask), `ledger_policy` (recording
results, settling changed inputs, verifying outputs) and `engine` (`run_batch`).
"""

from __future__ import annotations

from pipeline.batch.engine import BatchResult, run_batch
from pipeline.batch.executors import DASK_CONNECT_TIMEOUT, DaskUnavailable, run_dask, run_local
from pipeline.batch.isolate import run_isolated, warm_up
from pipeline.batch.ledger_policy import Damage, verify_outputs
from pipeline.batch.plan import Plan, plan_batch, reprocess_matches
from pipeline.batch.tasks import (
    DEFAULT_BYTES,
    DEFAULT_LIMITS,
    DEFAULT_MEMORY_MB,
    DEFAULT_PAGES,
    DEFAULT_SECONDS,
    Limits,
    Task,
    TaskResult,
    execute,
)

__all__ = [
    "DASK_CONNECT_TIMEOUT",
    "DEFAULT_BYTES",
    "DEFAULT_LIMITS",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_PAGES",
    "DEFAULT_SECONDS",
    "BatchResult",
    "Damage",
    "DaskUnavailable",
    "Limits",
    "Plan",
    "Task",
    "TaskResult",
    "execute",
    "plan_batch",
    "reprocess_matches",
    "run_batch",
    "run_dask",
    "run_isolated",
    "run_local",
    "verify_outputs",
    "warm_up",
]
