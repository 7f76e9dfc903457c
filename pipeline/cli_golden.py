"""The golden and compare commands: `golden export`, `golden check` and `compare` (issue 15).

The work is in `pipeline.golden` and `pipeline.compare`; this module parses, reads and
writes files, and prints through `console.OUTPUT`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from pipeline import compare as comparison
from pipeline import golden
from pipeline.cli_base import (
    CONTEXT,
    EXIT_OK,
    EXIT_SOME_FAILED,
    Commands,
    F,
    Number,
    UsageProblem,
    examples,
    format_option,
)
from pipeline.console import OUTPUT, Column, Format, to_json


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


@click.group(
    "golden",
    short_help="Export golden extracts and check outputs against them.",
    cls=Commands,
    context_settings=CONTEXT,
    epilog=examples(
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
    short_help="Write one document as a golden extract.",
    epilog=examples(
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
    _write_text(target, to_json(data, indent=1) + "\n")
    OUTPUT.line(
        f"{target}: {len(data['rows'])} rows of {data['source']} ({ids[0]}); "
        "verified_by is empty until a person checks it against the source",
        err=True,
    )
    return EXIT_OK


def _write_text(path: Path, text: str) -> None:
    """Write a file the user named; a folder that cannot be made or written is a usage error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror or exc}") from exc


def _golden_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return files


@golden_group.command(
    "check",
    short_help="Compare goldens with their documents.",
    epilog=examples(
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
        _write_text(junit, golden.junit_xml(results))
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


@click.command(
    "compare",
    short_help="What changed between two output folders.",
    epilog=examples(
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
    per kind and the largest changes (--top).  Reads only the Parquet tables.
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

    columns = list(zip(*rows, strict=True)) if rows else [() for _ in cols]
    arrays = [
        pa.array([None if v is None else str(v) for v in col], pa.string()) for col in columns
    ]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(dict(zip(cols, arrays, strict=True))), folder / "changes.parquet")
    except OSError as exc:
        raise UsageProblem(f"cannot write {folder}/changes.parquet: {exc.strerror or exc}") from exc
