"""The progress display: a redrawn bar on a terminal, plain lines in a log."""

from __future__ import annotations

import io

from pipeline.batch import Plan, Task, TaskResult
from pipeline.cli import Progress


def _plan(n: int) -> Plan:
    tasks = tuple(Task(f"f{i}.pdf", f"{i:064x}", 10, "/o") for i in range(n))
    return Plan(tasks=tasks, skipped=(), duplicates=(), unreadable=())


def _result(i: int, status: str = "ok") -> TaskResult:
    return TaskResult(
        f"f{i}.pdf",
        f"{i:064x}",
        10,
        f"{i:016x}",
        "pdf",
        status,
        None if status == "ok" else "p3: no text layer",
        page_count=23,
        rows=48,
    )


def test_tty_bar_shows_files_pages_rate_eta_and_failures() -> None:
    out = io.StringIO()
    p = Progress(out, quiet=True, tty=True)
    p.plan(_plan(4))
    p.result(_result(0))
    p.result(_result(1, "failed"))
    text = out.getvalue()
    assert "failed  f1.pdf: p3: no text layer" in text
    last = text.split("\r\033[K")[-1]
    assert last.startswith("[############............] 2/4 files, 46 pages, ")
    assert "pages/s, ETA " in last and last.endswith("1 failed")


def test_log_mode_prints_plain_lines_only() -> None:
    out = io.StringIO()
    p = Progress(out, quiet=False, tty=False)
    p.plan(_plan(2))
    p.result(_result(0))
    p.result(_result(1, "failed"))
    assert out.getvalue().splitlines() == [
        "ok      f0.pdf: 48 rows, 23 pages",
        "failed  f1.pdf: p3: no text layer",
    ]
    assert "\r" not in out.getvalue()
