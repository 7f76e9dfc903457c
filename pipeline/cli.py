"""Command line: argument parsing and printing only; the work is in `pipeline.batch`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pipeline import __version__
from pipeline.batch import (
    DEFAULT_BYTES,
    DEFAULT_MEMORY_MB,
    DEFAULT_PAGES,
    DEFAULT_SECONDS,
    DaskUnavailable,
    Limits,
    Plan,
    TaskResult,
    run_batch,
    verify_outputs,
)
from pipeline.display import safe_display
from pipeline.limits import OptionError, check_dask_address, check_reprocess
from pipeline.store import LEDGER_NAME, Ledger, OutputError, OutputsBusy, exclusive

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"evaltable: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {n}")
    return n


def _positive_float(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if x <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {x:g}")
    return x


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="evaltable", description="Evaluation forms (評核表) → Parquet tables.")
    p.add_argument("--version", action="version", version=f"evaltable {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    r = sub.add_parser("run", help="process files and folders (.pdf, .txt; folders recursively)")
    r.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    r.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="output folder for the tables"
    )
    r.add_argument(
        "--workers",
        type=_positive_int,
        default=os.cpu_count() or 1,
        help="documents processed at once (default: the machine's cores)",
    )
    r.add_argument(
        "--dask", metavar="ADDRESS", help="run on an existing Dask cluster (tcp://host:8786)"
    )
    r.add_argument(
        "--reprocess",
        nargs="?",
        const="all",
        metavar="FILTER",
        help="redo inputs already processed: all (default), ok, partial, failed, stale, "
        "year=YYYY, roc_year=NNN, kind=pdf|text, version=X",
    )
    r.add_argument("--password", help="password for encrypted PDFs")
    r.add_argument(
        "--timeout", type=_positive_float, default=DEFAULT_SECONDS, help="seconds per document"
    )
    r.add_argument(
        "--max-memory",
        type=_positive_int,
        default=DEFAULT_MEMORY_MB,
        help="MB per document on top of the worker's own",
    )
    r.add_argument(
        "--max-pages", type=_positive_int, default=DEFAULT_PAGES, help="pages per document"
    )
    r.add_argument(
        "--max-bytes", type=_positive_int, default=DEFAULT_BYTES, help="bytes per input file"
    )
    r.add_argument(
        "--wait",
        action="store_true",
        help="wait for another run on the same --out instead of refusing",
    )
    r.add_argument(
        "--json", action="store_true", help="print a machine-readable summary on stdout at the end"
    )
    r.add_argument("--quiet", "-q", action="store_true", help="print failures and the summary only")
    r.add_argument(
        "--debug", action="store_true", help="run in-process and show tracebacks of internal errors"
    )

    s = sub.add_parser("status", help="what an output folder holds, what failed and why")
    s.add_argument("--out", type=Path, required=True, metavar="DIR")
    s.add_argument("--json", action="store_true", help="print the ledger as JSON")
    s.add_argument(
        "--verify",
        action="store_true",
        help="read every output file; damaged documents are redone by the next run",
    )
    return p


class Progress:
    """Progress of a batch: a redrawn bar on a terminal, plain lines otherwise."""

    def __init__(self, stream: TextIO, *, quiet: bool, tty: bool) -> None:
        self.stream, self.quiet, self.tty = stream, quiet, tty
        self.total = self.done = self.pages = self.failed = self.skipped = 0
        self.t0 = time.monotonic()

    def plan(self, plan: Plan) -> None:
        self.total = (
            len(plan.tasks) + len(plan.skipped) + len(plan.duplicates) + len(plan.unreadable)
        )
        if not self.quiet and plan.skipped:
            self._line(f"{len(plan.skipped)} input(s) already processed with this version: skipped")

    def result(self, r: TaskResult) -> None:
        self.done += 1
        self.pages += 0 if r.skipped else (r.page_count or 0)
        self.skipped += r.skipped
        self.failed += r.status == "failed" and not r.skipped
        path, error = safe_display(r.path), safe_display(r.error)
        if r.skipped:
            pass
        elif r.status == "failed":
            self._line(f"failed  {path}: {error}")
        elif not self.quiet:
            dup = f" (same content as {safe_display(r.duplicate_of)})" if r.duplicate_of else ""
            tail = f" — {error}" if r.status == "partial" and r.error else ""
            self._line(f"{r.status:<7} {path}: {r.rows} rows, {r.page_count} pages{dup}{tail}")
        self._bar()

    def _line(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(text + "\n")
        self.stream.flush()

    def _bar(self) -> None:
        if not self.tty or not self.total:
            return
        elapsed = max(time.monotonic() - self.t0, 1e-6)
        width = 24
        filled = int(width * self.done / self.total)
        rate = self.pages / elapsed
        left = self.total - self.done
        eta = elapsed / self.done * left if self.done else 0.0
        self.stream.write(
            f"\r\033[K[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files, "
            f"{self.pages} pages, {rate:.1f} pages/s, ETA {eta:.0f}s, {self.failed} failed"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.total:
            self.stream.write("\r\033[K")
            self.stream.flush()


def cmd_run(args: argparse.Namespace) -> int:
    missing = [safe_display(p) for p in args.paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"evaltable: error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    try:  # validate every option before any work
        check_reprocess(args.reprocess)
        check_dask_address(args.dask)
        limits = Limits(
            seconds=args.timeout,
            memory_mb=args.max_memory,
            pages=args.max_pages,
            bytes=args.max_bytes,
        )
    except OptionError as exc:
        print(f"evaltable: error: {safe_display(exc)}", file=sys.stderr)
        return EXIT_USAGE
    progress = Progress(sys.stderr, quiet=args.quiet, tty=sys.stderr.isatty() and not args.json)
    try:
        with exclusive(args.out, wait=args.wait):
            result = run_batch(
                args.paths,
                args.out,
                workers=args.workers,
                dask=args.dask,
                reprocess=args.reprocess,
                password=args.password,
                limits=limits,
                debug=args.debug,
                on_plan=progress.plan,
                on_result=progress.result,
            )
    except (OutputsBusy, DaskUnavailable, OutputError) as exc:
        print(f"evaltable: {safe_display(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        progress.close()
        print(
            "evaltable: interrupted; finished documents are recorded, run again to go on",
            file=sys.stderr,
        )
        return 130
    finally:
        progress.close()
    counts = result.counts()
    n = len(result.results)
    if args.json:
        print(
            json.dumps(
                {
                    "inputs": n,
                    "counts": counts,
                    "seconds": round(result.seconds, 3),
                    "pages": sum(r.page_count or 0 for r in result.results if not r.skipped),
                    "out": str(args.out),
                    "documents": [
                        {
                            "path": r.path,
                            "doc_id": r.doc_id,
                            "status": r.status,
                            "error": r.error,
                            "skipped": r.skipped,
                            "duplicate_of": r.duplicate_of,
                        }
                        for r in result.results
                    ],
                },
                ensure_ascii=False,
            )
        )
    text = ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing"
    out = safe_display(args.out)
    print(f"{n} input(s): {text} in {result.seconds:.1f}s; tables in {out}/", file=sys.stderr)
    if n == 0:
        print("evaltable: no .pdf or .txt inputs found", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_SOME_FAILED if result.failed else EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    if not (args.out / LEDGER_NAME).exists():
        print(
            f"evaltable: {safe_display(args.out)} has no ledger: nothing was processed there yet",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        with Ledger(args.out, read_only=True) as ledger:
            entries = ledger.entries()
        damaged = verify_outputs(args.out, forget=True)[1] if args.verify else []
    except OutputError as exc:
        print(f"evaltable: {safe_display(exc)}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        from dataclasses import asdict

        print(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=1))
        return EXIT_OK
    by_status: dict[str, int] = {}
    for e in entries:
        by_status[e.status] = by_status.get(e.status, 0) + 1
    stale = [e for e in entries if e.pipeline_version != __version__]
    pages = sum(e.page_count or 0 for e in entries)
    print(
        f"{args.out}: {len(entries)} input(s), {pages} pages — "
        + ", ".join(f"{v} {k}" for k, v in sorted(by_status.items()))
    )
    if stale:
        print(f"{len(stale)} processed by another pipeline version (rerun with --reprocess stale)")
    for e in entries:
        if e.status != "ok":
            print(f"{e.status:<7} {safe_display(e.path)}: {safe_display(e.error)}")
    for d in damaged:
        print(f"damaged {safe_display(d.path)}: {d.problem}; the next run redoes it")
    return EXIT_SOME_FAILED if damaged else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "debug", False) else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    # pdfminer warns about every oddity it recovers from; our reasons say what matters.
    logging.getLogger("pdfminer").setLevel(
        logging.DEBUG if getattr(args, "debug", False) else logging.ERROR
    )
    if args.command == "status":
        return cmd_status(args)
    return cmd_run(args)
