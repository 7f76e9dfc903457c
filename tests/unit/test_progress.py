"""The progress of a run: a rich bar on a terminal (captured by a recording console), plain lines in a log."""

from __future__ import annotations

import io
import re

from pipeline.batch import Plan, Task, TaskResult
from pipeline.cli import RunReport
from pipeline.console import Output, Progress
from pipeline.models import SourceInfo


def _plan(n: int) -> Plan:
    tasks = tuple(
        Task(SourceInfo(f"f{i}.pdf", f"{i:064x}", 10, "text"), f"f{i}.pdf", "/o") for i in range(n)
    )
    return Plan(tasks=tasks, skipped=(), duplicates=(), unreadable=())


def _result(i: int, status: str = "ok", path: str | None = None) -> TaskResult:
    return TaskResult(
        path or f"f{i}.pdf",
        f"{i:064x}",
        10,
        f"{i:016x}",
        "pdf",
        status,
        None if status == "ok" else "p3: no text layer",
        page_count=23,
        rows=48,
    )


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _live_report(width: int, documents: int) -> tuple[Output, Clock, Progress, RunReport]:
    """A recording terminal, a hand-driven clock and a quiet report planned for `documents`."""
    output = Output(io.StringIO(), io.StringIO(), force_terminal=True, width=width, record=True)
    clock = Clock()
    progress = Progress(output, live=True, get_time=clock, auto_refresh=False)
    report = RunReport(progress, quiet=True)
    report.plan(_plan(documents))
    return output, clock, progress, report


def test_terminal_bar_shows_documents_pages_rate_eta_and_failures() -> None:
    output, clock, progress, report = _live_report(120, 4)
    clock.now = 10.0
    report.result(_result(0))
    clock.now = 20.0
    report.result(_result(1, "failed"))
    progress.refresh()
    screen = output.err.export_text()
    progress.stop()
    # The recording holds every redraw of the bar (cursor movements are not text) and
    # each line printed above it.  Quiet: the failure is printed, the ok line is not.
    assert "failed  f1.pdf: p3: no text layer\n" in screen
    assert "ok      f0.pdf" not in screen
    # the bar as last drawn: 2 of 4 documents, 46 pages in 20 s, 2 left at one per 10 s
    draws = re.findall(r"\d+/\d+ documents, [^\n]*? failed", screen)
    assert draws[0] == "0/4 documents, 0 pages, 0.0 pages/s ETA -:--:-- 0 failed"
    assert draws[-1] == "2/4 documents, 46 pages, 2.3 pages/s ETA 0:00:20 1 failed"
    assert "\x1b" not in screen  # the export is text; colours were only styles


def test_log_mode_prints_plain_lines_only() -> None:
    err = io.StringIO()
    output = Output(io.StringIO(), err)  # StringIO is not a terminal
    progress = Progress(output)
    report = RunReport(progress, quiet=False)
    report.plan(_plan(2))
    report.result(_result(0))
    report.result(_result(1, "failed"))
    progress.stop()
    assert err.getvalue().splitlines() == [
        "ok      f0.pdf: 48 rows, 23 pages",
        "failed  f1.pdf: p3: no text layer",
    ]
    assert "\r" not in err.getvalue() and "\x1b" not in err.getvalue()


def test_a_hostile_file_name_cannot_forge_lines_or_set_the_title() -> None:
    err = io.StringIO()
    progress = Progress(Output(io.StringIO(), err))
    report = RunReport(progress, quiet=False)
    report.plan(_plan(1))
    report.result(_result(0, "failed", path="evil\x1b]0;pwned\x07\nok      forged.txt"))
    assert err.getvalue() == (
        "failed  evil\\x1b]0;pwned\\x07\\nok      forged.txt: p3: no text layer\n"
    )


def test_the_bar_shows_the_ocr_rate_once_pages_were_ocrd() -> None:
    from dataclasses import replace

    output, clock, progress, report = _live_report(140, 3)
    clock.now = 10.0
    report.result(_result(0))
    progress.refresh()
    clock.now = 40.0
    report.result(replace(_result(1), input_kind="scan", page_count=6, ocr_pages=6))
    progress.refresh()
    screen = output.err.export_text()
    progress.stop()
    draws = re.findall(r"\d+/\d+ documents, [^\n]*? failed", screen)
    assert "OCR" not in draws[1]  # no scan yet: the plain rate only
    # 29 pages in 40 s, 6 of them by OCR
    assert draws[-1].startswith("2/3 documents, 29 pages, 0.7 pages/s (0.15 OCR pages/s) ETA ")
