"""On-disk contracts: every Parquet table's columns, types and meaning, in one place.

Each table is described column by column (`Col`); the pyarrow schema is derived
from that description, and `to_table` casts with safe=True and fails loudly on a
missing or extra column.  Bump SCHEMA_VERSION on any change a reader could notice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "1.4"
# Cell boxes are written to 1/8 pt.  The page backends compute glyph positions in
# float64 (pdfminer) and float32 (pdfium): they agree to ~1e-4 pt, so both write the
# same number unless a coordinate lies that close to a cut between two grid points.
# The cut is put a third of the way between them (x -> floor(8x + 2/3) / 8: cuts at
# (3k+1)/24 pt), where no coordinate a producer writes falls: a multiple of 1/64 pt
# (Chromium) lies >= 5e-3 pt from every cut, a number with three decimals >= 3e-4 pt
# (rounding to the nearest 1/8 would cut at 1/16 and split such values).  0.08 pt at
# most: far below what a box on a page shows.
BOX_GRID = 8.0
BOX_CUT = 2.0 / 3.0


def box_point(value: float | None) -> float | None:
    """Given a cell-box coordinate in points, return it on the 1/8 pt grid (None stays None)."""
    return None if value is None else math.floor(value * BOX_GRID + BOX_CUT) / BOX_GRID


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
    Col(
        "source_path",
        STR,
        "Absolute path of the input, its folder resolved (the ledger's key); bytes of a "
        "file name that are not UTF-8 are written \\xNN.",
        False,
    ),
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
    Col(
        "notes",
        STR,
        "Text printed after the last 小計 (總分, 備註, a signature line), lines joined by "
        "newlines; null when there is none.",
    ),
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
        "Columns beyond the five, right of the results: header label (自評分數, 佐證資料, "
        "評分說明, 備註, or as printed) → cell text, wraps removed; empty when the form has none.",
        False,
    ),
)

CELLS: tuple[Col, ...] = (
    Col("doc_id", STR, "Document id.", False),
    Col("row_no", INT, "Row owning the fragment (item/indicator cells: their first row).", False),
    Col("column", STR, "item, indicator, sub, units or result.", False),
    Col("page", INT, "Page of the fragment.", False),
    Col("x0", FLOAT, "Left edge in PDF points, to 1/8 pt (null for text dumps)."),
    Col("top", FLOAT, "Top edge in PDF points, from the page top."),
    Col("x1", FLOAT, "Right edge."),
    Col("bottom", FLOAT, "Bottom edge."),
    Col("text", STR, "Fragment text as printed, lines joined by \\n.", False),
    Col("source", STR, "How the fragment was read: text (a text layer or dump) or ocr.", False),
    Col(
        "confidence",
        FLOAT,
        "OCR engine's confidence in [0, 1] for the fragment (its least sure line); "
        "null when it was not OCR'd.",
    ),
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

# What one row of each table stands for (the data dictionary's first line per table).
TABLE_DOCS: dict[str, str] = {
    "documents": "One row per input file, whatever became of it.",
    "dimensions": "One row per 構面 (dimension) of a document.",
    "items": "One row per 評核項目 (item) of a dimension.",
    "rows": "One row per (indicator, sub-indicator): the table as the form prints it.",
    "cells": "One row per fragment of a cell on one page, with its box: where a value was read.",
    "checks": "One row per data-quality check run on a document, passed or not.",
    "metrics": "One row per quantity, date or year found in a row's result.",
    "row_units": "One row per responsible unit of a row, with its canonical name.",
    "result_items": "One row per numbered entry (1. (1) 一、) of a row's result.",
    "entities": "One row per name quoted in 「」 in a row's result.",
    "diff_dimensions": "evaltable diff: one row per dimension of either document.",
    "diff_items": "evaltable diff: one row per item of either document, matched by name.",
    "diff_indicators": "evaltable diff: one row per (indicator, sub-indicator) of either document.",
    "diff_metrics": "evaltable diff: one row per labelled metric of either document.",
}

# An example value per column, mostly from the seed form's outputs (經濟部標準檢驗局基隆分局, 107);
# tests check each one fits its column's type.
EXAMPLES: dict[str, dict[str, object]] = {
    "documents": {
        "doc_id": "85602e27d9b645b1",
        "part_no": 1,
        "source_path": "raw/000_c7dbfb6a031a896f.txt",
        "source_sha256": "85602e27d9b645b1d2c9…",
        "input_kind": "text",
        "agency": "經濟部標準檢驗局基隆分局",
        "roc_year": 107,
        "year": 2018,
        "title": "經濟部標準檢驗局基隆分局 107 年提升服務效能評核表",
        "category": "整體服務類機關",
        "page_count": 23,
        "status": "ok",
        "error": "no evaluation table found: expected 評核項目 … in the first pages",
        "total_score": 874.0,
        "total_max": 1000,
        "notes": "總分 874 分\n承辦人： 單位主管： 機關首長：",
        "pipeline_version": "0.1.0",
        "schema_version": "1.3",
    },
    "dimensions": {
        "doc_id": "85602e27d9b645b1",
        "dimension_no": 1,
        "name": "基礎服務",
        "max_points": 200,
        "subtotal": 178.0,
        "page_start": 1,
        "page_end": 5,
        "heading": "評核構面一(基礎服務)(200分)",
    },
    "items": {
        "doc_id": "85602e27d9b645b1",
        "dimension_no": 1,
        "item_no": 1,
        "name": "服務一致及正確性",
        "name_norm": "服務一致及正確性",
        "max_points": 100,
        "score": 88.0,
        "page_start": 1,
        "page_end": 1,
    },
    "rows": {
        "doc_id": "85602e27d9b645b1",
        "row_no": 4,
        "dimension_no": 1,
        "item_no": 2,
        "indicator_no": "1",
        "indicator": "提升服務設施合宜度",
        "indicator_norm": "提升服務設施合宜度",
        "sub_no": "(1)",
        "sub_indicator": "進行環境美(綠)化及輔以舒適、明亮、整潔，建置民眾臨櫃洽公的合宜服務環境。",
        "sub_indicator_norm": "進行環境美(綠)化及輔以舒適、明亮、整潔，建置民眾臨櫃洽公的合宜服務環境。",
        "units": ["報驗發證課", "各辦事處"],
        "result": "1.依規定定期陳報「清淨家園全民運動計畫」處理情形；本分局於 2 月份…",
        "page_start": 1,
        "page_end": 1,
        "extra": [("備註", "詳附件一")],
    },
    "cells": {
        "doc_id": "974bcefc7e0cf6fc",
        "row_no": 1,
        "column": "item",
        "page": 1,
        "x0": 44.0,
        "top": 137.0,
        "x1": 99.0,
        "bottom": 201.0,
        "text": "服務一致及\n正確性",
        "source": "ocr",
        "confidence": 0.987,
    },
    "checks": {
        "doc_id": "85602e27d9b645b1",
        "check": "subtotal_matches_items",
        "severity": "error",
        "passed": True,
        "message": "構面1 基礎服務: 小計 178, items sum to 178",
    },
    "metrics": {
        "doc_id": "85602e27d9b645b1",
        "row_no": 24,
        "metric_no": 6,
        "kind": "count",
        "value": 50867.0,
        "unit": "批",
        "label": "網路申辦",
        "qualifier": "計",
        "text": "計50,867 批",
        "date": "2017-10-27",
        "start": 240,
        "end": 249,
    },
    "row_units": {
        "doc_id": "85602e27d9b645b1",
        "row_no": 9,
        "unit_no": 1,
        "unit": "驗發證課",
        "unit_canonical": "報驗發證課",
        "qualifier": "各單位",
        "mapping_reason": "strict substring of 報驗發證課 (17× vs 1×)",
    },
    "result_items": {
        "doc_id": "85602e27d9b645b1",
        "row_no": 4,
        "entry_no": 1,
        "item_no": 1,
        "marker": "1.",
        "level": 1,
        "text": "依規定定期陳報「清淨家園全民運動計畫」處理情形；本分局於 2 月份…",
        "start": 0,
        "end": 71,
    },
    "entities": {
        "doc_id": "85602e27d9b645b1",
        "row_no": 4,
        "text": "清淨家園全民運動計畫",
        "kind": "program",
        "start": 10,
        "end": 20,
    },
    "diff_dimensions": {
        "doc_a": "85602e27d9b645b1",
        "doc_b": "da4ce2e4f3da83fe",
        "dimension_no": 1,
        "name_a": "基礎服務",
        "name_b": "基礎服務",
        "max_points_a": 200,
        "max_points_b": 200,
        "subtotal_a": 178.0,
        "subtotal_b": 180.5,
        "change": 2.5,
        "status": "changed",
    },
    "diff_items": {
        "doc_a": "85602e27d9b645b1",
        "doc_b": "da4ce2e4f3da83fe",
        "dimension_no": 1,
        "item_no_a": 1,
        "item_no_b": 1,
        "name_a": "服務一致及正確性",
        "name_b": "服務一致及正確性",
        "max_points_a": 100,
        "max_points_b": 100,
        "score_a": 88.0,
        "score_b": 90.0,
        "change": 2.0,
        "status": "changed",
    },
    "diff_indicators": {
        "doc_a": "85602e27d9b645b1",
        "doc_b": "da4ce2e4f3da83fe",
        "row_no_a": 2,
        "row_no_b": 3,
        "dimension_no_a": 1,
        "dimension_no_b": 1,
        "indicator_a": "提升服務及時性",
        "indicator_b": "提升服務及時性",
        "sub_indicator_a": "提升民眾申辦案件的處理效率。",
        "sub_indicator_b": "提升民眾申辦案件的處理效率，確保於處理時限內完成。",
        "similarity": 0.83,
        "status": "reworded",
    },
    "diff_metrics": {
        "doc_a": "85602e27d9b645b1",
        "doc_b": "da4ce2e4f3da83fe",
        "label": "網路申辦",
        "unit": "批",
        "kind": "count",
        "occurrence": 1,
        "row_no_a": 7,
        "row_no_b": 6,
        "value_a": 50867.0,
        "value_b": 52110.0,
        "change": 1243.0,
        "status": "changed",
    },
}

# --- evaltable diff's tables (written by `diff --parquet`, not per document) ---------

_DOC_A = Col("doc_a", STR, "Document A (the first named): doc_id.", False)
_DOC_B = Col("doc_b", STR, "Document B (the second named): doc_id.", False)
_DIFF_STATUS = "same, changed, added (only in B) or removed (only in A)."

DIFF_DIMENSIONS: tuple[Col, ...] = (
    _DOC_A,
    _DOC_B,
    Col("dimension_no", INT, "Dimension number: dimensions are matched by it.", False),
    Col("name_a", STR, "Name in A, null if A has no such dimension."),
    Col("name_b", STR, "Name in B."),
    Col("max_points_a", INT, "Max points in A."),
    Col("max_points_b", INT, "Max points in B."),
    Col("subtotal_a", FLOAT, "Subtotal (小計) in A."),
    Col("subtotal_b", FLOAT, "Subtotal in B."),
    Col("change", FLOAT, "subtotal_b - subtotal_a; null when either is missing."),
    Col("status", STR, _DIFF_STATUS, False),
)

DIFF_ITEMS: tuple[Col, ...] = (
    _DOC_A,
    _DOC_B,
    Col("dimension_no", INT, "Dimension number (items are matched within a dimension).", False),
    Col("item_no_a", INT, "Item number in A, null if only in B."),
    Col("item_no_b", INT, "Item number in B."),
    Col("name_a", STR, "Item name in A."),
    Col("name_b", STR, "Item name in B; matched to A on name_norm, else on item_no."),
    Col("max_points_a", INT, "Max points in A."),
    Col("max_points_b", INT, "Max points in B."),
    Col("score_a", FLOAT, "Score in A."),
    Col("score_b", FLOAT, "Score in B."),
    Col("change", FLOAT, "score_b - score_a; null when either is missing."),
    Col("status", STR, _DIFF_STATUS, False),
)

DIFF_INDICATORS: tuple[Col, ...] = (
    _DOC_A,
    _DOC_B,
    Col("row_no_a", INT, "rows.row_no in A, null if added."),
    Col("row_no_b", INT, "rows.row_no in B, null if removed."),
    Col("dimension_no_a", INT, "Dimension in A."),
    Col("dimension_no_b", INT, "Dimension in B."),
    Col("indicator_a", STR, "Indicator text in A."),
    Col("indicator_b", STR, "Indicator text in B."),
    Col("sub_indicator_a", STR, "Sub-indicator text in A."),
    Col("sub_indicator_b", STR, "Sub-indicator text in B."),
    Col(
        "similarity",
        FLOAT,
        "0-1 similarity of the normalised indicator + sub-indicator texts (1 = same); "
        "null when added or removed.",
    ),
    Col("status", STR, "same, reworded, added (only in B) or removed (only in A).", False),
)

DIFF_METRICS: tuple[Col, ...] = (
    _DOC_A,
    _DOC_B,
    Col(
        "label",
        STR,
        "Metric label (as printed in A, else B); matched on its normalised form.",
        False,
    ),
    Col("unit", STR, "Unit; part of the match."),
    Col("kind", STR, "Metric kind (count, percent …).", False),
    Col(
        "occurrence",
        INT,
        "1 for the first metric with this label and unit, 2 for the next …",
        False,
    ),
    Col("row_no_a", INT, "Row of the metric in A."),
    Col("row_no_b", INT, "Row of the metric in B."),
    Col("value_a", FLOAT, "Value in A."),
    Col("value_b", FLOAT, "Value in B."),
    Col("change", FLOAT, "value_b - value_a; null when either is missing."),
    Col("status", STR, _DIFF_STATUS, False),
)

DIFF_TABLES: dict[str, tuple[Col, ...]] = {
    "diff_dimensions": DIFF_DIMENSIONS,
    "diff_items": DIFF_ITEMS,
    "diff_indicators": DIFF_INDICATORS,
    "diff_metrics": DIFF_METRICS,
}


def arrow_schema(table: str) -> pa.Schema:
    """Given a table name, return its pyarrow schema with column descriptions as field metadata."""
    cols = TABLES[table] if table in TABLES else DIFF_TABLES[table]
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
