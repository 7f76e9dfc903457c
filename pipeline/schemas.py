"""On-disk contracts: every Parquet table's columns, types and meaning, in one place.

Each table is described column by column (`Col`); the pyarrow schema is derived
from that description, and `to_table` casts with safe=True and fails loudly on a
missing or extra column.  Bump SCHEMA_VERSION on any change a reader could notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "1.2"


@dataclass(frozen=True, slots=True)
class Col:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True


STR = pa.string()
INT = pa.int32()
FLOAT = pa.float64()


DOCUMENTS: tuple[Col, ...] = (
    Col(
        "doc_id",
        STR,
        "First 16 hex digits of the source's sha256; stable across runs and paths. "
        "A bundle's further forms get <id>-<part_no>.",
        False,
    ),
    Col(
        "part_no",
        INT,
        "The form's place in its input: 1, or 1, 2, … for a bundle of several forms.",
        False,
    ),
    Col("source_path", STR, "Path of the input as given on the command line.", False),
    Col("source_sha256", STR, "sha256 of the input's bytes.", False),
    Col("input_kind", STR, "text, pdf or scan.", False),
    Col("agency", STR, "Agency from the title line, e.g. 經濟部標準檢驗局基隆分局."),
    Col("roc_year", INT, "ROC (民國) year from the title, e.g. 107."),
    Col("year", INT, "AD year = roc_year + 1911."),
    Col("title", STR, "Title line as printed."),
    Col("category", STR, "Agency category line, e.g. 整體服務類機關."),
    Col("page_count", INT, "Pages in the source (PDF pages; header rows for text dumps)."),
    Col("status", STR, "ok, partial (read, but a check failed) or failed (nothing read).", False),
    Col("error", STR, "Why the document is not ok: a specific, human-readable reason."),
    Col("total_score", FLOAT, "Sum of the dimensions' printed subtotals."),
    Col("total_max", INT, "Sum of the dimensions' max points."),
    Col("pipeline_version", STR, "evaltable version that wrote the row.", False),
    Col("schema_version", STR, "Version of these table schemas.", False),
)

DIMENSIONS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("dimension_no", INT, "1-5 from 構面一…構面五.", False),
    Col("name", STR, "Dimension name, e.g. 基礎服務.", False),
    Col("max_points", INT, "Max points from the heading, e.g. 200."),
    Col("subtotal", FLOAT, "Subtotal as printed on the dimension's 小計 line."),
    Col("page_start", INT, "First page of the dimension.", False),
    Col("page_end", INT, "Last page of the dimension.", False),
    Col("heading", STR, "Heading as printed, e.g. 評核構面一(基礎服務)(200分)."),
)

ITEMS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("dimension_no", INT, "Dimension number.", False),
    Col("item_no", INT, "1-based item number within its dimension.", False),
    Col("name", STR, "Item name, e.g. 服務一致及正確性.", False),
    Col("name_norm", STR, "name width- and variant-folded (臺/台), no whitespace: for joins."),
    Col("max_points", INT, "Max points, from (N分)."),
    Col("score", FLOAT, "Score, from 得分：N."),
    Col("page_start", INT, "First page of the item.", False),
    Col("page_end", INT, "Last page of the item.", False),
)

ROWS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("row_no", INT, "1-based, document order; one row per (indicator, sub-indicator).", False),
    Col("dimension_no", INT, "Dimension number.", False),
    Col("item_no", INT, "Item number within the dimension.", False),
    Col(
        "indicator_no",
        STR,
        'Indicator number as printed without its dot ("1"); null if unnumbered.',
    ),
    Col("indicator", STR, "Indicator text, wraps removed; carried down to every row it spans."),
    Col("indicator_norm", STR, "indicator folded for joins across documents."),
    Col("sub_no", STR, 'Sub-indicator marker, e.g. "(1)"; null if unnumbered or absent.'),
    Col("sub_indicator", STR, "Sub-indicator text without its marker, wraps removed."),
    Col("sub_indicator_norm", STR, "sub_indicator folded for joins across documents."),
    Col("units", pa.list_(STR), "Responsible units as printed, one per entry (typos kept).", False),
    Col(
        "result", STR, "Results text: paragraphs joined by \\n, wraps removed, otherwise verbatim."
    ),
    Col("page_start", INT, "First page holding any of the row's own cells.", False),
    Col("page_end", INT, "Last page holding any of the row's own cells.", False),
    Col(
        "extra",
        pa.map_(STR, STR),
        "Columns beyond the five (自評分數, 佐證資料, 評分說明, 備註): header label → cell "
        "text, wraps removed; empty when the form has none.",
        False,
    ),
)

CELLS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("row_no", INT, "Row owning the fragment (item/indicator cells: their first row).", False),
    Col("column", STR, "item, indicator, sub, units or result.", False),
    Col("page", INT, "Page of the fragment.", False),
    Col("x0", FLOAT, "Left edge in PDF points (null for text dumps)."),
    Col("top", FLOAT, "Top edge in PDF points, from the page top."),
    Col("x1", FLOAT, "Right edge."),
    Col("bottom", FLOAT, "Bottom edge."),
    Col("text", STR, "Fragment text as printed, lines joined by \\n.", False),
)

CHECKS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("check", STR, "Check name, e.g. subtotal_matches_items.", False),
    Col("severity", STR, "error, warning or info.", False),
    Col("passed", pa.bool_(), "Whether the check passed.", False),
    Col("message", STR, "What was checked and what was found.", False),
)

METRICS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("row_no", INT, "Row whose result holds the quantity.", False),
    Col("metric_no", INT, "1-based order within the row.", False),
    Col(
        "kind",
        STR,
        "count, percent, duration, score, money, date, year, period, frequency or number.",
        False,
    ),
    Col("value", FLOAT, "Number as printed (50,927 → 50927; 99% → 99); the AD year for kind year."),
    Col("unit", STR, "Measure word as printed: 批, 件, 人次, %, 分鐘, 分, 萬元, 年度 …"),
    Col("label", STR, "Phrase the number measures (網路申辦計 50,867 批 → 網路申辦), or null."),
    Col("qualifier", STR, "以上, 以下, 約, 計, 每 … or null."),
    Col("text", STR, "The matched span: rows.result[start:end].", False),
    Col("date", STR, "ISO date, month, year or period (2017-10-27, 2018, 2018-01/2018-06)."),
    Col("start", INT, "Start offset into rows.result.", False),
    Col("end", INT, "End offset into rows.result.", False),
)

ROW_UNITS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("row_no", INT, "Row.", False),
    Col("unit_no", INT, "1-based position in rows.units.", False),
    Col("unit", STR, "Unit as printed (rows.units entry).", False),
    Col(
        "unit_canonical",
        STR,
        "Name without qualifier, typos mapped to the document's vocabulary.",
        False,
    ),
    Col("qualifier", STR, "Parenthesised qualifier: 資訊小組(各單位) → 各單位."),
    Col("mapping_reason", STR, "Why unit_canonical differs from the printed name, or null."),
)

RESULT_ITEMS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("row_no", INT, "Row.", False),
    Col("entry_no", INT, "1-based order of the entry within the row's result.", False),
    Col("item_no", INT, 'Number of the list marker (2 for "2." or "(2)"), null before the first.'),
    Col("marker", STR, "Marker as printed: 1. (1) 1、 一、, or null."),
    Col("level", INT, "0 before any marker, else nesting depth by marker style.", False),
    Col("text", STR, "Entry text without its marker.", False),
    Col("start", INT, "Start offset into rows.result.", False),
    Col("end", INT, "End offset into rows.result.", False),
)

ENTITIES: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("row_no", INT, "Row.", False),
    Col("text", STR, "Name quoted in 「」 in the result.", False),
    Col("kind", STR, "system, organisation, program, document or other.", False),
    Col("start", INT, "Start offset into rows.result.", False),
    Col("end", INT, "End offset into rows.result.", False),
)

TABLES: dict[str, tuple[Col, ...]] = {
    "documents": DOCUMENTS,
    "dimensions": DIMENSIONS,
    "items": ITEMS,
    "rows": ROWS,
    "cells": CELLS,
    "checks": CHECKS,
    "metrics": METRICS,
    "row_units": ROW_UNITS,
    "result_items": RESULT_ITEMS,
    "entities": ENTITIES,
}


def arrow_schema(table: str) -> pa.Schema:
    """Given a table name, return its pyarrow schema with column descriptions as field metadata."""
    cols = TABLES[table]
    return pa.schema(
        [
            pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description})
            for c in cols
        ],
        metadata={"schema_version": SCHEMA_VERSION, "table": table},
    )


class SchemaMismatch(ValueError):
    """Records handed to `to_table` do not have exactly the table's columns."""


def to_table(table: str, records: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Given a table name and records (dicts), return an Arrow table; SchemaMismatch on wrong keys."""
    schema = arrow_schema(table)
    names = [f.name for f in schema]
    for i, rec in enumerate(records):
        keys = set(rec)
        if keys != set(names):
            missing = sorted(set(names) - keys)
            extra = sorted(keys - set(names))
            raise SchemaMismatch(f"{table} record {i}: missing {missing}, extra {extra}")
    columns = {n: [rec[n] for rec in records] for n in names}
    arrays = [pa.array(columns[f.name], type=f.type, safe=True) for f in schema]
    out = pa.Table.from_arrays(arrays, schema=schema)
    out.validate(full=True)
    for f in schema:
        if not f.nullable and out.column(f.name).null_count:
            raise SchemaMismatch(f"{table}.{f.name}: nulls in a non-null column")
    return out
