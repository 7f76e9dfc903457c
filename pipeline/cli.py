"""Command line: option parsing and validation (click) only; the work is in `pipeline.batch`.

Everything shown to a person goes through `pipeline.console.OUTPUT`.  Every option is
checked before any work starts; a bad value is exit 2 with one line naming the option.
Exit codes: 0 every input ok or partial, 1 some failed, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import logging
import math
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, TypeVar

import click
from click.shell_completion import CompletionItem, get_completion_class

from pipeline import __version__, golden
from pipeline import compare as comparison
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
)
from pipeline.console import (
    FORMATS,
    OUTPUT,
    PROG,
    Column,
    Format,
    Part,
    Progress,
    Styled,
    to_json,
)
from pipeline.normalise.patterns import DASK_ADDRESS
from pipeline.store import LEDGER_NAME, Ledger, LedgerEntry, OutputsBusy, exclusive

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
COMPLETE_VAR = "_EVALTABLE_COMPLETE"

# Ranges of the per-document limits.  A worker needs about 8 MB beyond itself just to
# load pdfium (measured: --max-memory 4 fails every PDF, 8 reads the 22-page seed PDF);
# 64 MB leaves room for a real form.  The upper bounds only stop typos and overflows.
MIN_MEMORY_MB, MAX_MEMORY_MB = 64, 1024 * 1024  # 1 TiB
MAX_SECONDS = 7 * 24 * 3600.0
MAX_PAGES = 1_000_000
MAX_BYTES = 1 << 40
MAX_WORKERS = 1024
INPUT_KINDS = ("text", "pdf", "scan")  # documents.input_kind (pipeline/schemas.py)
REPROCESS_WORDS = ("all", "ok", "partial", "failed", "stale")
REPROCESS_KEYS = ("year=", "roc_year=", "kind=", "version=")

# --- option types: each refuses a bad value with a message that says what is allowed ----


class Number(click.ParamType[float]):
    """A whole or real number in [low, high]; reals must be finite (nan and inf refused)."""

    def __init__(
        self,
        kind: type[int] | type[float],
        low: float,
        high: float,
        *,
        unit: str = "",
        low_open: bool = False,
        below: str | None = None,
    ) -> None:
        self.kind, self.low, self.high, self.unit = kind, low, high, unit
        self.low_open, self.below = low_open, below
        self.name = "integer" if kind is int else "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            x: float = self.kind(value)
        else:
            try:
                x = self.kind(str(value).strip())
            except ValueError:
                what = "a whole number" if self.kind is int else "a number"
                self.fail(f"{value!r} is not {what}", param, ctx)
        unit = f" {self.unit}" if self.unit else ""
        if not math.isfinite(x):
            of = f" of {self.unit}" if self.unit else ""
            self.fail(f"must be a finite number{of}, not {value!r}", param, ctx)
        if x < self.low or (self.low_open and x == self.low):
            bound = f"more than {_num(self.low)}" if self.low_open else f"at least {_num(self.low)}"
            self.fail(self.below or f"must be {bound}{unit}, not {value!r}", param, ctx)
        if x > self.high:
            self.fail(f"must be at most {_num(self.high)}{unit}, not {value!r}", param, ctx)
        return x


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def check_reprocess(spec: str) -> str:
    """Given a --reprocess filter, return it if `batch.reprocess_matches` understands it.

    ValueError names what is allowed; an empty filter, an unknown word, a year that is not
    a year and a kind that no input has are refused here rather than matching nothing.
    """
    allowed = (
        "use all, ok, partial, failed, stale, year=YYYY, roc_year=NNN, "
        f"kind={'|'.join(INPUT_KINDS)} or version=X"
    )
    if spec in REPROCESS_WORDS:
        return spec
    key, eq, value = spec.partition("=")
    ok = eq and (
        (key == "year" and value.isascii() and value.isdigit() and 1912 <= int(value) <= 2200)
        or (key == "roc_year" and value.isascii() and value.isdigit() and 1 <= int(value) <= 289)
        or (key == "kind" and value in INPUT_KINDS)
        or (key == "version" and value.strip() == value and value != "")
    )
    if not ok:
        raise ValueError(f"unknown filter {spec!r}; {allowed}")
    return spec


class Checked(click.ParamType[str]):
    """A text option checked by a plain function that returns it or raises ValueError."""

    def __init__(self, name: str, check: Callable[[str], str]) -> None:
        self.name, self.check = name, check

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return self.check(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class ReprocessFilter(Checked):
    def __init__(self) -> None:
        super().__init__("filter", check_reprocess)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        words = (*REPROCESS_WORDS, *(f"kind={k}" for k in INPUT_KINDS), *REPROCESS_KEYS)
        return [CompletionItem(w) for w in words if w.startswith(incomplete)]


def check_dask_address(address: str) -> str:
    """Given a --dask value, return it if it reads as a scheduler address; ValueError if not."""
    m = DASK_ADDRESS.regex.fullmatch(address)
    port = m and (m.group("port") or m.group("port2"))
    if m is None or (port is not None and not 1 <= int(port) <= 65535):
        raise ValueError(
            f"not a scheduler address: {address!r}; expected tcp://HOST:PORT "
            "(for example tcp://10.0.0.5:8786)"
        )
    return address


# --- the commands ---------------------------------------------------------------------

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_STATUS_STYLE = {"ok": "green", "partial": "yellow", "failed": "bold red"}


def _examples(*lines: str) -> str:
    """Given example command lines, return a help epilog that click prints verbatim."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {ln}" for ln in lines)


def _setup_logging(debug: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    # pdfminer warns about every oddity it recovers from; our reasons say what matters.
    logging.getLogger("pdfminer").setLevel(logging.DEBUG if debug else logging.ERROR)


class Commands(click.Group):
    """The group of commands, listed in the order they are defined (run first, completion last)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands, key=lambda name: name == "completion")


class UsageProblem(click.UsageError):
    """A usage error found after parsing (missing input, busy output folder)."""


@click.group(
    cls=Commands,
    name=PROG,
    context_settings=CONTEXT,
    epilog=_examples(
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
    epilog=_examples(
        "evaltable run raw/ --out outputs/",
        "evaltable run archive/ --out outputs/ --reprocess stale --workers 4",
        "evaltable run a.pdf b.txt --out outputs/ --password secret --json > summary.json",
        "evaltable run archive/ --out outputs/ --dask tcp://10.0.0.5:8786 --quiet",
    )
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
    timeout: float,
    max_memory: int,
    max_pages: int,
    max_bytes: int,
    wait: bool,
    as_json: bool,
    quiet: bool,
    debug: bool,
) -> int:
    """Process files and folders (.pdf, .txt; folders recursively) into Parquet tables.

    Each document prints one line; one that cannot be read is recorded as failed with
    its reason and the others go on.  Inputs already processed with this version are
    skipped.  On a terminal a progress bar shows documents and pages done, pages per
    second, the time left and the failures so far.
    """
    _setup_logging(debug)
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageProblem(f"no such file or folder: {', '.join(missing)}")
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
                on_plan=report.plan,
                on_result=report.result,
            )
    except (OutputsBusy, DaskUnavailable) as exc:
        report.progress.stop()
        OUTPUT.note(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        report.progress.stop()
        OUTPUT.note("interrupted; finished documents are recorded, run again to go on")
        return EXIT_INTERRUPTED
    finally:
        report.progress.stop()
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
        self.progress.advance(pages=0 if r.skipped else (r.page_count or 0), failed=failed)


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


def format_option(default: Format = "table") -> Callable[[F], F]:
    """The `--format table|csv|json` option of every command that prints a table."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=default,
        show_default=True,
        help="table: aligned for reading (CJK-aware); csv and json: exact, for programs.",
    )


@cli.command(
    epilog=_examples(
        "evaltable status --out outputs/",
        "evaltable status --out outputs/ --all",
        "evaltable status --out outputs/ --format csv > ledger.csv",
        "evaltable status --out outputs/ --json | jq '.[] | select(.status == \"failed\")'",
    )
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
def status(out: Path, fmt: Format, as_json: bool, show_all: bool) -> int:
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
    with Ledger(out) as ledger:
        entries = ledger.entries()
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
    return EXIT_OK


@cli.command(
    epilog=_examples(
        "evaltable completion bash >> ~/.bashrc",
        "evaltable completion zsh > ~/.zfunc/_evaltable",
        "evaltable completion fish > ~/.config/fish/completions/evaltable.fish",
    )
)
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> int:
    """Print the shell completion script for SHELL (commands, options, filters)."""
    cls = get_completion_class(shell)
    assert cls is not None  # click knows the three shells of the Choice
    OUTPUT.raw(cls(cli, {}, PROG, COMPLETE_VAR).source())
    return EXIT_OK


# --- golden extracts and comparisons (issue 15) -------------------------------------------


def _out_folder(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--out",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=Path("outputs"),
        show_default=True,
        metavar="DIR",
        help=help_text,
    )


def _tables(out: Path) -> dict[str, Any]:
    try:
        return golden.read_tables(out)
    except golden.GoldenError as exc:
        raise UsageProblem(str(exc)) from exc


@cli.group(
    "golden",
    cls=Commands,
    context_settings=CONTEXT,
    epilog=_examples(
        "evaltable golden export 85602e27 -o goldens/seed.json",
        "evaltable golden check goldens/ --junit golden.xml",
    ),
)
def golden_group() -> None:
    """Golden extracts: a document's hierarchy checked by a person, checked again after every run.

    The format is that of tests/golden (docs/golden-format.md).
    """


@golden_group.command(
    "export",
    epilog=_examples(
        "evaltable golden export 85602e27d9b645b1 -o goldens/seed.json",
        "evaltable golden export raw/form.txt --out outputs/ -o goldens/form.json",
    ),
)
@click.argument("doc", metavar="DOC")
@_out_folder("Output folder holding the document's tables.")
@click.option(
    "-o",
    "--output",
    "target",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.json",
    help="Where to write the golden.",
)
@click.option("--force", is_flag=True, help="Overwrite FILE.json if it exists.")
def golden_export(doc: str, out: Path, target: Path, force: bool) -> int:
    """Write one document's hierarchy (DOC: doc id, its first digits, or the source path or name)
    as a golden extract.

    The file says which pipeline version wrote it and has an empty verified_by: check
    every value against the source, then put your name there.
    """
    tables = _tables(out)
    ids = golden.find_documents(tables["documents"], doc)
    if len(ids) != 1:
        found = "no document" if not ids else f"{len(ids)} documents ({', '.join(ids[:5])})"
        raise UsageProblem(f"{found} in {out} match {doc!r}; give a doc id")
    if target.exists() and not force:
        raise UsageProblem(f"{target} exists; pass --force to overwrite it")
    data = golden.export(golden.document_record(tables, ids[0]))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(to_json(data, indent=1) + "\n", encoding="utf-8")
    OUTPUT.line(
        f"{target}: {len(data['rows'])} rows of {data['source']} ({ids[0]}); "
        "verified_by is empty until a person checks it against the source",
        err=True,
    )
    return EXIT_OK


def _golden_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return files


@golden_group.command(
    "check",
    epilog=_examples(
        "evaltable golden check goldens/",
        "evaltable golden check goldens/*.json --out outputs/ --junit golden.xml",
        "evaltable golden check draft.json --doc 85602e27 --allow-unverified",
    ),
)
@click.argument(
    "goldens",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="GOLDEN...",
)
@_out_folder("Output folder to check.")
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.xml",
    help="Also write a JUnit XML report.",
)
@click.option(
    "--allow-unverified", is_flag=True, help="Check goldens whose verified_by is empty too."
)
@click.option(
    "--doc",
    metavar="DOC",
    help="With one GOLDEN: the document to check it against (doc id or path).",
)
@format_option()
def golden_check(
    goldens: tuple[Path, ...],
    out: Path,
    junit: Path | None,
    allow_unverified: bool,
    doc: str | None,
    fmt: Format,
) -> int:
    """Compare every field of each golden with its document (matched by source_sha256, else
    by source file name).

    Prints per golden: exact, differs (rows added, removed, changed columns) or missing.
    Exit 0 when all are exact, 1 when any differs or is missing.
    """
    files = _golden_files(goldens)
    if not files:
        raise UsageProblem("no .json goldens in " + ", ".join(map(str, goldens)))
    if doc is not None and len(files) != 1:
        raise UsageProblem("--doc needs exactly one GOLDEN")
    loaded = []
    for f in files:
        try:
            g = golden.load(f)
        except golden.GoldenError as exc:
            raise UsageProblem(str(exc)) from exc
        if not golden.is_verified(g) and not allow_unverified:
            raise UsageProblem(
                f"{f} is not verified (verified_by is empty): check it against the source and "
                "put your name there, or pass --allow-unverified"
            )
        loaded.append((f, g))
    tables = _tables(out)
    results = []
    for f, g in loaded:
        ids = (
            golden.find_documents(tables["documents"], doc)
            if doc
            else golden.match_golden(tables["documents"], g)
        )
        if len(ids) == 1:
            results.append(golden.check(g, golden.document_record(tables, ids[0]), str(f)))
        else:
            why = (
                f"{len(ids)} documents match it; choose one with --doc"
                if ids
                else f"no document in {out} has its source_sha256 or file name (see --doc)"
            )
            results.append(golden.check(g, None, str(f), reason=why))
    if junit is not None:
        junit.write_text(golden.junit_xml(results), encoding="utf-8")
    _print_check(results, fmt)
    return EXIT_OK if all(r.result == "exact" for r in results) else EXIT_SOME_FAILED


def _print_check(results: Sequence[golden.CheckResult], fmt: Format) -> None:
    if fmt == "json":
        OUTPUT.json([asdict(r) for r in results], indent=1)
        return
    if fmt == "csv":
        cols = [
            "golden",
            "result",
            "doc_id",
            "part",
            "kind",
            "where",
            "column",
            "golden_value",
            "output_value",
        ]
        rows = [
            (r.golden, r.result, r.doc_id, c.part, c.kind, c.where, c.column, c.before, c.after)
            for r in results
            for c in (r.changes or (golden.Change("", "", ""),))
        ]
        OUTPUT.table(cols, rows, fmt="csv")
        return
    OUTPUT.table(
        ["golden", "result", "document", "differences"],
        ((r.golden, r.result, r.source or r.reason, len(r.changes) or "") for r in results),
    )
    for r in results:
        if r.changes:
            OUTPUT.table(
                ["where", "kind", "column", "golden", "output"],
                ((c.where, c.kind, c.column, *golden.shown(c)) for c in r.changes),
                title=f"{r.golden} ≠ {r.source}",
            )
    n = Counter(r.result for r in results)
    OUTPUT.line(", ".join(f"{v} {k}" for k, v in sorted(n.items())), err=True)


@cli.command(
    "compare",
    epilog=_examples(
        "evaltable compare old/ outputs/",
        "evaltable compare old/ outputs/ --format csv > changes.csv",
        "evaltable compare old/ outputs/ --parquet changes/",
    ),
)
@click.argument(
    "old", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="OLD_DIR"
)
@click.argument(
    "new", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="NEW_DIR"
)
@click.option(
    "--parquet",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR2",
    help="Also write every change as DIR2/changes.parquet (one row per change).",
)
@click.option(
    "--top",
    type=Number(int, 1, 10_000),
    default=10,
    show_default=True,
    metavar="N",
    help="Changes listed, largest first (status, then numbers by how much they moved, rows added or removed, text).",
)
@format_option()
def compare_command(old: Path, new: Path, parquet: Path | None, top: int, fmt: Format) -> int:
    """What changed between two output folders of the same inputs (before and after
    reprocessing, or after correcting sources).

    Documents are matched by doc_id, else by source path: status changes; rows added,
    removed and changed with the columns that changed; score and metric changes; counts
    per kind and the documents with the most changes.  Reads only the Parquet tables.
    """
    try:
        result = comparison.compare_folders(old, new)
    except golden.GoldenError as exc:
        raise UsageProblem(str(exc)) from exc
    flat = [
        (
            d.doc_id,
            d.path,
            d.old_status,
            d.new_status,
            c.part,
            c.kind,
            c.where,
            c.column,
            c.before,
            c.after,
        )
        for d in result.documents
        for c in d.changes
    ]
    cols = [
        "doc_id",
        "path",
        "old_status",
        "new_status",
        "part",
        "kind",
        "where",
        "column",
        "old",
        "new",
    ]
    if parquet is not None:
        _write_changes(parquet, cols, flat)
    if fmt != "table":
        OUTPUT.table(cols, flat, fmt=fmt)
        return EXIT_OK
    counts = result.counts()
    OUTPUT.line(
        f"{old} → {new}: {len(result.documents)} document(s), {len(result.changed)} changed "
        f"(schema {result.old_schema} → {result.new_schema})"
    )
    if counts:
        OUTPUT.table([Column("change"), Column("count", numeric=True)], counts.items())
    biggest = comparison.largest(result, top)
    if biggest:
        OUTPUT.table(
            ["path", "where", "kind", "column", "old", "new"],
            ((d.path, c.where, c.kind, c.column, *golden.shown(c)) for d, c in biggest),
            title=f"the {len(biggest)} largest change(s)",
        )
    return EXIT_OK


def _write_changes(folder: Path, cols: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Write the changes as one Parquet file (values as text: a change's type varies by column)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in cols]
    arrays = [
        pa.array([None if v is None else str(v) for v in col], pa.string()) for col in columns
    ]
    pq.write_table(pa.table(dict(zip(cols, arrays, strict=True))), folder / "changes.parquet")


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
        OUTPUT.help(exc.ctx.get_help(), err=True)
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
