"""Command line: option parsing and validation (click) only; the work is in `pipeline.batch`.

Everything shown to a person goes through `pipeline.console.OUTPUT`.  Every option is
checked before any work starts; a bad value is exit 2 with one line naming the option.
Exit codes: 0 every input ok or partial, 1 some failed, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import asdict, fields
from pathlib import Path

import click
from click.shell_completion import CompletionItem, get_completion_class

from pipeline import __version__, limits
from pipeline.batch import (
    DEFAULT_BYTES,
    DEFAULT_MEMORY_MB,
    DEFAULT_PAGES,
    DEFAULT_SECONDS,
    BatchResult,
    DaskUnavailable,
    Limits,
    Plan,
    TaskResult,
    run_batch,
    verify_outputs,
)
from pipeline.cli_base import (
    CONTEXT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    Checked,
    Commands,
    Number,
    UsageProblem,
    examples,
    format_option,
)
from pipeline.console import (
    OUTPUT,
    PROG,
    Column,
    Format,
    Part,
    Progress,
    Styled,
)
from pipeline.extract.backends import BACKENDS, DEFAULT_BACKEND
from pipeline.extract.ocr_engines import (
    DEFAULT_DPI,
    DEFAULT_ENGINE,
    ENGINES,
    MAX_OCR_DPI,
    MIN_OCR_DPI,
)
from pipeline.store import LEDGER_NAME, Ledger, LedgerEntry, OutputError, OutputsBusy, exclusive

COMPLETE_VAR = "_EVALTABLE_COMPLETE"

# Ranges of the per-document limits.  A worker needs about 8 MB beyond itself just to
# load pdfium (measured: --max-memory 4 fails every PDF, 8 reads the 22-page seed PDF);
# 64 MB leaves room for a real form.  The upper bounds only stop typos and overflows.
MIN_MEMORY_MB, MAX_MEMORY_MB = limits.MIN_MEMORY_MB, 1024 * 1024  # 1 TiB
MAX_SECONDS = limits.MAX_SECONDS
MAX_PAGES = 1_000_000
MAX_BYTES = 1 << 40
MAX_WORKERS = 1024
INPUT_KINDS = limits.INPUT_KINDS  # documents.input_kind (pipeline/schemas.py)
REPROCESS_WORDS = limits.REPROCESS_WORDS
REPROCESS_KEYS = ("year=", "roc_year=", "kind=", "version=")


def check_reprocess(spec: str) -> str:
    """Given a --reprocess filter, return it; OptionError (a ValueError) names what is allowed."""
    limits.check_reprocess(spec)
    return spec


class ReprocessFilter(Checked):
    def __init__(self) -> None:
        super().__init__("filter", check_reprocess)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        words = (*REPROCESS_WORDS, *(f"kind={k}" for k in INPUT_KINDS), *REPROCESS_KEYS)
        return [CompletionItem(w) for w in words if w.startswith(incomplete)]


def check_dask_address(address: str) -> str:
    """Given a --dask value, return it if it reads as a scheduler address; OptionError if not."""
    limits.check_dask_address(address)
    return address


# --- the commands ---------------------------------------------------------------------

_STATUS_STYLE = {"ok": "green", "partial": "yellow", "failed": "bold red"}


def _setup_logging(debug: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    # pdfminer warns about every oddity it recovers from; our reasons say what matters.
    logging.getLogger("pdfminer").setLevel(logging.DEBUG if debug else logging.ERROR)


@click.group(
    cls=Commands,
    name=PROG,
    context_settings=CONTEXT,
    epilog=examples(
        "evaltable run raw/ --out outputs/",
        "evaltable status --out outputs/",
        "evaltable run --help",
    ),
)
@click.version_option(__version__, "--version", prog_name=PROG, message="%(prog)s %(version)s")
def cli() -> None:
    """Evaluation forms (評核表) → Parquet tables.

    Exit codes: 0 every input ok or partial, 1 some inputs failed, 2 usage error,
    130 interrupted.
    """


@cli.command(
    short_help="Process files and folders into Parquet tables.",
    epilog=examples(
        "evaltable run raw/ --out outputs/",
        "evaltable run archive/ --out outputs/ --reprocess stale --workers 4",
        "evaltable run a.pdf b.txt --out outputs/ --password secret --json > summary.json",
        "evaltable run archive/ --out outputs/ --dask tcp://10.0.0.5:8786 --quiet",
        "evaltable run archive/ --out outputs/ --backend pdfplumber",
    ),
)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="PATH..."
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Output folder for the tables and the ledger.",
)
@click.option(
    "--workers",
    type=Number(int, 1, MAX_WORKERS),
    default=None,
    show_default="the machine's cores",
    metavar="N",
    help="Documents processed at once, each in its own process.",
)
@click.option(
    "--dask",
    type=Checked("address", check_dask_address),
    metavar="ADDRESS",
    help="Run the same tasks on an existing Dask cluster (tcp://host:8786); workers need "
    "evaltable installed and the same paths to the inputs and --out.",
)
@click.option(
    "--reprocess",
    type=ReprocessFilter(),
    is_flag=False,
    flag_value="all",
    default=None,
    metavar="[FILTER]",
    help="Redo inputs already processed: all (without FILTER), ok, partial, failed, stale "
    "(another pipeline version), year=2018, roc_year=107, kind=pdf|text|scan, version=X. "
    "Without it they are skipped.",
)
@click.option("--password", metavar="PW", help="Password for encrypted PDFs.")
@click.option(
    "--backend",
    type=click.Choice(sorted(BACKENDS)),
    default=DEFAULT_BACKEND,
    show_default=True,
    metavar="LIB",
    help="Library that reads the PDF pages: pdfium (faster) or pdfplumber (the reference).",
)
@click.option(
    "--ocr",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="OCR engine for scans and pages without a text layer: rapidocr (more accurate) or "
    "tesseract (faster, less memory). Results are cached in interim/ocr/.",
)
@click.option(
    "--ocr-dpi",
    type=Number(int, MIN_OCR_DPI, MAX_OCR_DPI, unit="dpi"),
    default=DEFAULT_DPI,
    show_default=f"{DEFAULT_DPI} dpi",
    metavar="DPI",
    help="Resolution scanned pages are read at: PDF pages without a text layer are "
    "rasterised at it, finer page images scaled down to it. Both engines were tuned at "
    "150; raise it for small print, lower it for speed (Tesseract loses CJK glyphs much "
    "taller than ~24 px, so keep it near 150 with --ocr tesseract). Scans already done "
    "are skipped: add --reprocess kind=scan to read them again.",
)
@click.option(
    "--timeout",
    type=Number(float, 0, MAX_SECONDS, unit="seconds", low_open=True),
    default=DEFAULT_SECONDS,
    show_default=f"{DEFAULT_SECONDS:g} s",
    metavar="S",
    help="Seconds per document; a document over it is failed with the reason.",
)
@click.option(
    "--max-memory",
    type=Number(
        int,
        MIN_MEMORY_MB,
        MAX_MEMORY_MB,
        unit="MB",
        below=f"a worker needs at least {MIN_MEMORY_MB} MB to read a document",
    ),
    default=DEFAULT_MEMORY_MB,
    show_default=f"{DEFAULT_MEMORY_MB} MB",
    metavar="MB",
    help="Memory per document on top of the worker's own.",
)
@click.option(
    "--max-pages",
    type=Number(int, 1, MAX_PAGES),
    default=DEFAULT_PAGES,
    show_default=True,
    metavar="N",
    help="Pages per document.",
)
@click.option(
    "--max-bytes",
    type=Number(int, 1, MAX_BYTES),
    default=DEFAULT_BYTES,
    show_default=f"{DEFAULT_BYTES / 2**20:g} MiB",
    metavar="N",
    help="Bytes per input file.",
)
@click.option(
    "--wait", is_flag=True, help="Wait for another run on the same --out instead of refusing."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print a machine-readable summary on stdout at the end."
)
@click.option("--quiet", "-q", is_flag=True, help="Print failures and the summary only.")
@click.option(
    "--debug", is_flag=True, help="Run in-process and show tracebacks of internal errors."
)
def run(
    paths: tuple[Path, ...],
    out: Path,
    workers: int | None,
    dask: str | None,
    reprocess: str | None,
    password: str | None,
    ocr: str,
    ocr_dpi: int,
    backend: str,
    timeout: float,
    max_memory: int,
    max_pages: int,
    max_bytes: int,
    wait: bool,
    as_json: bool,
    quiet: bool,
    debug: bool,
) -> int:
    """Process files and folders (.pdf, .txt, scans as .png .jpg .tif; folders recursively) into Parquet tables.

    Each document prints one line; one that cannot be read is recorded as failed with
    its reason and the others go on.  Inputs already processed with this version are
    skipped.  On a terminal a progress bar shows documents and pages done, pages per
    second, the time left and the failures so far.
    """
    _setup_logging(debug)
    _check_paths(paths)
    try:
        limits = Limits(seconds=timeout, memory_mb=max_memory, pages=max_pages, bytes=max_bytes)
    except ValueError as exc:  # the option types already hold these; kept for new limits
        raise UsageProblem(str(exc)) from exc
    report = RunReport(Progress(OUTPUT, live=None if not as_json else False), quiet=quiet)
    try:
        with exclusive(out, wait=wait):
            result = run_batch(
                paths,
                out,
                workers=workers or os.cpu_count() or 1,
                dask=dask,
                reprocess=reprocess,
                password=password,
                limits=limits,
                debug=debug,
                backend=backend,
                ocr=(ocr, ocr_dpi),
                on_plan=report.plan,
                on_result=report.result,
            )
    except (OutputsBusy, DaskUnavailable, OutputError) as exc:
        report.progress.stop()
        OUTPUT.note(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        report.progress.stop()
        OUTPUT.note("interrupted; finished documents are recorded, run again to go on")
        return EXIT_INTERRUPTED
    finally:
        report.progress.stop()
    return _summarise(result, out, as_json)


def _check_paths(paths: Sequence[Path]) -> None:
    """Given the inputs named, raise UsageProblem naming those that do not exist."""
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageProblem(f"no such file or folder: {', '.join(missing)}")


def _summarise(result: BatchResult, out: Path, as_json: bool) -> int:
    """Given a finished batch, print its summary (and the --json document); return the exit code."""
    counts = result.counts()
    n = len(result.results)
    if as_json:
        OUTPUT.json(
            {
                "inputs": n,
                "counts": counts,
                "seconds": round(result.seconds, 3),
                "pages": sum(r.page_count or 0 for r in result.results if not r.skipped),
                "out": str(out),
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
            }
        )
    text = ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing"
    OUTPUT.line(f"{n} input(s): {text} in {result.seconds:.1f}s; tables in {out}/", err=True)
    if n == 0:
        OUTPUT.note("no .pdf or .txt inputs found")
        return EXIT_USAGE
    return EXIT_SOME_FAILED if result.failed else EXIT_OK


class RunReport:
    """What a run shows as it goes: one line per document (failures only with --quiet)."""

    def __init__(self, progress: Progress, *, quiet: bool) -> None:
        self.progress, self.quiet = progress, quiet

    def plan(self, plan: Plan) -> None:
        total = len(plan.tasks) + len(plan.skipped) + len(plan.duplicates) + len(plan.unreadable)
        if not self.quiet and plan.skipped:
            self.progress.line(
                f"{len(plan.skipped)} input(s) already processed with this version: skipped"
            )
        self.progress.start(total)

    def result(self, r: TaskResult) -> None:
        failed = r.status == "failed" and not r.skipped
        line = result_line(r)
        if line is not None and (failed or not self.quiet):
            self.progress.line(*line)
        self.progress.advance(
            pages=0 if r.skipped else (r.page_count or 0),
            failed=failed,
            ocr_pages=0 if r.skipped else r.ocr_pages,
        )


def result_line(r: TaskResult) -> tuple[Part, ...] | None:
    """Given a finished document, return its line (`ok      PATH: 48 rows, 23 pages`)."""
    if r.skipped:
        return None
    status = Styled(f"{r.status:<7}", _STATUS_STYLE.get(r.status, ""))
    if r.status == "failed":
        return (status, " ", r.path, ": ", r.error)
    dup = ("(same content as ", r.duplicate_of, ")") if r.duplicate_of else ()
    tail = (" — ", r.error) if r.status == "partial" and r.error else ()
    return (
        status,
        " ",
        r.path,
        f": {r.rows} rows, {r.page_count} pages",
        *((" ", *dup) if dup else ()),
        *tail,
    )


@cli.command(
    short_help="What an output folder holds, what failed and why.",
    epilog=examples(
        "evaltable status --out outputs/",
        "evaltable status --out outputs/ --all",
        "evaltable status --out outputs/ --format csv > ledger.csv",
        "evaltable status --out outputs/ --json | jq '.[] | select(.status == \"failed\")'",
    ),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="Output folder of earlier runs.",
)
@format_option()
@click.option("--json", "as_json", is_flag=True, help="Same as --format json: the whole ledger.")
@click.option("--all", "show_all", is_flag=True, help="List every input, not only those not ok.")
@click.option(
    "--verify",
    is_flag=True,
    help="Read every output file; damaged documents are forgotten so the next run redoes them.",
)
def status(out: Path, fmt: Format, as_json: bool, show_all: bool, verify: bool) -> int:
    """What an output folder holds, what failed and why (read from its ledger).

    The table lists the inputs that are not ok with their reasons (every input with
    --all); csv and json give every ledger column of every input.
    """
    _setup_logging(False)
    if as_json:
        if fmt not in ("table", "json"):
            raise UsageProblem(f"--json and --format {fmt} contradict each other")
        fmt = "json"
    if not (out / LEDGER_NAME).exists():
        raise UsageProblem(f"{out} has no ledger: nothing was processed there yet")
    try:
        with Ledger(out, read_only=True) as ledger:
            entries = ledger.entries()
        damaged = verify_outputs(out, forget=True)[1] if verify else []
    except OutputError as exc:
        raise UsageProblem(str(exc)) from exc
    if fmt != "table":
        names = [f.name for f in fields(LedgerEntry)]
        OUTPUT.table(names, ([asdict(e)[k] for k in names] for e in entries), fmt=fmt)
        return EXIT_OK
    by_status: dict[str, int] = {}
    for e in entries:
        by_status[e.status] = by_status.get(e.status, 0) + 1
    stale = [e for e in entries if e.pipeline_version != __version__]
    pages = sum(e.page_count or 0 for e in entries)
    OUTPUT.line(
        f"{out}: {len(entries)} input(s), {pages} pages — "
        + ", ".join(f"{v} {k}" for k, v in sorted(by_status.items()))
    )
    if stale:
        OUTPUT.line(
            f"{len(stale)} processed by another pipeline version (rerun with --reprocess stale)"
        )
    shown = [e for e in entries if show_all or e.status != "ok"]
    if shown:
        OUTPUT.table(
            [Column("status"), Column("path"), Column("pages", numeric=True), Column("reason")],
            ((e.status, e.path, e.page_count, e.error) for e in shown),
        )
    for d in damaged:
        OUTPUT.line(f"damaged {d.path}: {d.problem}; the next run redoes it")
    return EXIT_SOME_FAILED if damaged else EXIT_OK


@cli.command(
    short_help="Print the shell completion script for SHELL.",
    epilog=examples(
        "evaltable completion bash >> ~/.bashrc",
        "evaltable completion zsh > ~/.zfunc/_evaltable",
        "evaltable completion fish > ~/.config/fish/completions/evaltable.fish",
    ),
)
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> int:
    """Print the shell completion script for SHELL (commands, options, filters)."""
    cls = get_completion_class(shell)
    assert cls is not None  # click knows the three shells of the Choice
    OUTPUT.raw(cls(cli, {}, PROG, COMPLETE_VAR).source())
    return EXIT_OK


# imported when used: `run` and `status` need none of DuckDB, pandas or the analyst modules
assert isinstance(cli, Commands)
cli.add_lazy("golden", "pipeline.cli_golden", "golden_group")
cli.add_lazy("compare", "pipeline.cli_golden", "compare_command")
cli.add_lazy("query", "pipeline.cli_analyst", "query_command")
cli.add_lazy("review", "pipeline.cli_analyst", "review_command")
cli.add_lazy("diff", "pipeline.cli_analyst", "diff_command")


# --- entry point ----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on `argv` (default: sys.argv) and return the exit code."""
    try:
        rv = cli.main(
            args=None if argv is None else list(argv),
            prog_name=PROG,
            complete_var=COMPLETE_VAR,
            standalone_mode=False,
        )
    except click.exceptions.NoArgsIsHelpError as exc:
        OUTPUT.raw(exc.ctx.get_help(), err=True)
        return EXIT_USAGE
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else PROG
        hint = f" (see '{command} --help')" if not isinstance(exc, UsageProblem) else ""
        OUTPUT.error(exc.format_message() + hint, command=command.removeprefix(PROG).strip())
        return EXIT_USAGE
    except click.ClickException as exc:
        OUTPUT.error(exc.format_message())
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        OUTPUT.note("interrupted")
        return EXIT_INTERRUPTED
    return rv if isinstance(rv, int) else EXIT_OK
