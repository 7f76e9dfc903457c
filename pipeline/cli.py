"""Command line: argument parsing and printing only; the work is in `pipeline.run`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import __version__
from pipeline.models import Outcome
from pipeline.run import document_summary, run_batch

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"evaltable: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="evaltable", description="Evaluation forms (評核表) → Parquet tables.")
    p.add_argument("--version", action="version", version=f"evaltable {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    r = sub.add_parser("run", help="process files and folders (.pdf, .txt; folders recursively)")
    r.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    r.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="output folder for the tables"
    )
    r.add_argument("--password", help="password for encrypted PDFs")
    r.add_argument(
        "--json", action="store_true", help="print a machine-readable summary at the end"
    )
    r.add_argument("--quiet", "-q", action="store_true", help="print failures and the summary only")
    r.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    return p


def _line(o: Outcome) -> str:
    if o.document is not None:
        what = document_summary(o.document)
    else:
        what = o.error or ""
    tail = f" — {o.error}" if o.status == "partial" and o.error else ""
    return f"{o.status:<7} {o.source.path}: {what}{tail}"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    missing = [str(p) for p in args.paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"evaltable: error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE

    def report(o: Outcome) -> None:
        if o.status == "failed":
            print(_line(o), file=sys.stderr)
        elif not args.quiet:
            print(_line(o), file=sys.stderr if args.json else sys.stdout)

    summary = run_batch(
        args.paths, args.out, password=args.password, debug=args.debug, on_outcome=report
    )
    counts = summary.counts
    n = len(summary.outcomes)
    text = ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing"
    if args.json:
        print(
            json.dumps(
                {
                    "inputs": n,
                    "counts": counts,
                    "out": str(args.out),
                    "documents": [
                        {
                            "path": o.source.path,
                            "doc_id": o.source.doc_id,
                            "status": o.status,
                            "error": o.error,
                        }
                        for o in summary.outcomes
                    ],
                },
                ensure_ascii=False,
            )
        )
    else:
        print(f"{n} input(s): {text}; tables in {args.out}/", file=sys.stderr)
    if n == 0:
        print("evaltable: no .pdf or .txt inputs found", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK
