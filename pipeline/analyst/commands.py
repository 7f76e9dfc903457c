"""What the analysts' commands show and save, as data; `pipeline.cli` prints and writes it.

Each function returns tables or (path, content) pairs and raises `UsageError` on
anything the user can fix (exit 2); nothing here prints or writes.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from pipeline.analyst.diff import Diff
from pipeline.analyst.outputs import DocRef, UsageError
from pipeline.analyst.query import QueryResult
from pipeline.analyst.review import index_html, load_all, review_html, source_pages
from pipeline.analyst.review import review_document as review_one
from pipeline.schemas import DIFF_TABLES, to_table

# What the terminal shows of each diff table (the Parquet files have every column).
DIFF_SHOWN: dict[str, tuple[str, tuple[str, ...]]] = {
    "diff_dimensions": (
        "Dimensions (構面)",
        ("dimension_no", "name_a", "name_b", "subtotal_a", "subtotal_b", "change", "status"),
    ),
    "diff_items": (
        "Items (評核項目)",
        ("dimension_no", "name_a", "name_b", "score_a", "score_b", "change", "status"),
    ),
    "diff_indicators": (
        "Indicators added, removed or reworded",
        (
            "row_no_a",
            "row_no_b",
            "indicator_a",
            "sub_indicator_a",
            "sub_indicator_b",
            "similarity",
            "status",
        ),
    ),
    "diff_metrics": (
        "Metrics changed, added or removed (matched by label and unit)",
        ("label", "unit", "kind", "value_a", "value_b", "change", "status"),
    ),
}


def review_files(
    out: Path, doc: str | None, html: Path | None, html_dir: Path | None
) -> list[tuple[Path, str]]:
    """Given `review`'s arguments, return the files to write: one page, or one per document and an index."""
    if (doc is None) == (html_dir is None) or (doc is not None and html is None):
        raise UsageError("give DOC --html FILE.html, or --all --html-dir DIR2")
    if doc is not None and html is not None:
        return [(html, review_one(out, doc)[1])]
    assert html_dir is not None
    files: list[tuple[Path, str]] = []
    entries: list[tuple[DocRef, str | None]] = []
    for data in load_all(out):
        if data.doc.status == "failed":
            entries.append((data.doc, None))
            continue
        pages, note = source_pages(data, out)
        name = f"{data.doc.doc_id}.html"
        files.append((html_dir / name, review_html(data, pages, note)))
        entries.append((data.doc, name))
    files.append((html_dir / "index.html", index_html(entries)))
    return files


def diff_sections(diff: Diff) -> list[tuple[str, QueryResult, int]]:
    """Given a diff, return (title, what to show, rows left out as unchanged) per table."""
    out = []
    for name, (title, cols) in DIFF_SHOWN.items():
        recs = diff.tables[name]
        keep_same = name in ("diff_dimensions", "diff_items")
        shown = [r for r in recs if keep_same or r["status"] != "same"]
        rows = tuple(tuple(r[c] for c in cols) for r in shown)
        out.append((title, QueryResult(cols, rows), len(recs) - len(shown)))
    return out


def diff_tables(diff: Diff) -> dict[str, pa.Table]:
    """Given a diff, return its tables as Arrow tables with the DIFF_TABLES schemas."""
    return {name: to_table(name, diff.tables[name]) for name in DIFF_TABLES}


def diff_files(diff: Diff, folder: Path) -> list[tuple[Path, pa.Table]]:
    """Given a diff and a folder, return the Parquet files `--parquet DIR` writes."""
    return [(folder / f"{name}.parquet", t) for name, t in diff_tables(diff).items()]
