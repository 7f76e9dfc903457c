"""The analysts' commands: `query`, `review` and `diff` (issue 14).

The work is in `pipeline.analyst`; this module parses, writes files through
`pipeline.store` and prints through `console.OUTPUT`.
"""

from __future__ import annotations

from pathlib import Path

import click
import pyarrow as pa

from pipeline.analyst.commands import diff_files, diff_sections, review_files
from pipeline.analyst.diff import diff_documents
from pipeline.analyst.outputs import DEFAULT_OUT, UsageError
from pipeline.analyst.query import printable_rows, run_query
from pipeline.cli_base import CONTEXT, EXIT_OK, F, UsageProblem, examples, format_option
from pipeline.console import OUTPUT, Column, Format, Styled
from pipeline.store import write_parquet, write_text


def out_option(f: F) -> F:
    """The `--out DIR` option of the commands that read the tables."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_OUT,
        show_default=True,
        metavar="DIR",
        help="Output folder the tables were written to.",
    )(f)


def _usage(exc: UsageError) -> UsageProblem:
    return UsageProblem(str(exc))


@click.command(
    "query",
    context_settings=CONTEXT,
    epilog=examples(
        'evaltable query "select dimension_no, sum(score) from items group by 1"',
        'evaltable query "select * from checks where not passed" --format csv > failed.csv',
        'evaltable query "select agency, roc_year, total_score from documents" --format json',
    ),
)
@click.argument("sql", metavar="SQL")
@out_option
@format_option()
def query_command(sql: str, out: Path, fmt: Format) -> int:
    """SQL over the tables (DuckDB): every table is a view under its own name.

    documents, dimensions, items, rows, cells, checks, metrics, row_units,
    result_items and entities (docs/data-dictionary.md describes every column).
    SQL that DuckDB refuses is a usage error with DuckDB's message.
    """
    try:
        result = run_query(out, sql)
    except UsageError as exc:
        raise _usage(exc) from None
    numeric = result.numeric()
    cols = [Column(c, numeric=n) for c, n in zip(result.columns, numeric, strict=True)]
    OUTPUT.table(cols, printable_rows(result, fmt), fmt=fmt)
    if fmt == "table":
        OUTPUT.line(f"({len(result.rows)} row{'' if len(result.rows) == 1 else 's'})", err=True)
    return EXIT_OK


@click.command(
    "review",
    context_settings=CONTEXT,
    epilog=examples(
        "evaltable review 85602e --html review.html",
        "evaltable review 000_c7dbfb6a031a896f.txt --out outputs/ --html seed.html",
        "evaltable review --all --html-dir review/",
    ),
)
@click.argument("doc", required=False, metavar="[DOC]")
@out_option
@click.option(
    "--html",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.html",
    help="Write DOC's review page here.",
)
@click.option("--all", "every", is_flag=True, help="Every document (with --html-dir).")
@click.option(
    "--html-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR2",
    help="With --all: one <doc_id>.html per document and an index.html.",
)
def review_command(
    doc: str | None, out: Path, html: Path | None, every: bool, html_dir: Path | None
) -> int:
    """An HTML page to check a document's extraction against its pages.

    Each page (a PDF page rendered by pdfium, or a text dump's own page text) with every
    cell fragment drawn over it, coloured by column, beside the reconstructed rows: click
    a cell to highlight its boxes and the reverse. DOC is a doc_id, a unique prefix of
    one, or the source file name.
    """
    if every != (html_dir is not None) or (every and doc is not None):
        raise UsageProblem("give DOC --html FILE.html, or --all --html-dir DIR2")
    try:
        files = review_files(out, doc, html, html_dir)
    except UsageError as exc:
        raise _usage(exc) from None
    for path, text in files:
        _write(path, text)
    return EXIT_OK


@click.command(
    "diff",
    context_settings=CONTEXT,
    epilog=examples(
        "evaltable diff 2018.pdf 2019.pdf",
        "evaltable diff 85602e da4ce2 --out outputs/ --parquet diff/",
    ),
)
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@out_option
@click.option(
    "--parquet",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR2",
    help="Also write diff_dimensions, diff_items, diff_indicators and diff_metrics here.",
)
def diff_command(a: str, b: str, out: Path, parquet: Path | None) -> int:
    """Two documents compared: scores, indicators and metrics.

    Score changes per dimension and item; indicators added, removed or reworded (matched
    on normalised text, with a similarity); metric changes matched by label and unit.
    """
    try:
        result = diff_documents(out, a, b)
    except UsageError as exc:
        raise _usage(exc) from None
    OUTPUT.line(Styled("A: ", "bold"), result.a.label)
    OUTPUT.line(Styled("B: ", "bold"), result.b.label)
    for title, section, hidden in diff_sections(result):
        numeric = section.numeric()
        cols = [Column(c, numeric=n) for c, n in zip(section.columns, numeric, strict=True)]
        tail = f" ({hidden} unchanged not shown)" if hidden else ""
        if section.rows:
            OUTPUT.table(cols, section.rows, title=title + tail)
        else:
            OUTPUT.line(Styled(title, "bold"), f": none{tail}")
    for path, table in diff_files(result, parquet) if parquet else []:
        _write(path, table)
    return EXIT_OK


def _write(path: Path, content: str | pa.Table) -> None:
    try:
        if isinstance(content, str):
            write_text(path, content)
        else:
            write_parquet(path, content)
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror}") from None
    OUTPUT.note(f"wrote {path}")
