"""Outcome → table records: one dict per row of each table in `pipeline.schemas`.

The mapping from the in-memory records (`pipeline.models`) to the Parquet tables'
columns, beside the schemas that name those columns; `store.write_document` writes
what `outcome_to_records` returns.  Pure: no disk, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pipeline import __version__
from pipeline.display import safe_storage
from pipeline.models import CellRef, Column, Details, Document, Outcome
from pipeline.normalise.text import norm_key
from pipeline.schemas import SCHEMA_VERSION, box_point

Records = dict[str, list[dict[str, Any]]]


def outcome_to_records(o: Outcome) -> Records:
    """Given an Outcome, return its rows for every table, keyed by table name."""
    records = _part_records(o)
    for part in o.parts:
        for name, recs in _part_records(part).items():
            records.setdefault(name, []).extend(recs)
    return records


def part_doc_id(doc_id: str, part_no: int) -> str:
    """Given an input's doc_id and a form's place in it, return the form's doc_id.

    The first (or only) form keeps the input's id; the further forms of a bundle
    get `<id>-<part_no>`.
    """
    return doc_id if part_no == 1 else f"{doc_id}-{part_no}"


def _part_records(o: Outcome) -> Records:
    d = o.document
    part_no = d.part_no if d is not None else 1
    doc_id = part_doc_id(o.source.doc_id, part_no)
    docrec = document_record(o, doc_id, part_no)
    if d is None:
        return {"documents": [docrec]}
    return {
        "documents": [docrec],
        **hierarchy_records(d, doc_id),
        "cells": cell_records(o, d, doc_id),
        "checks": [
            {
                "doc_id": doc_id,
                "check": c.check,
                "severity": c.severity,
                "passed": c.passed,
                "message": safe_storage(c.message),
            }
            for c in o.checks
        ],
        **details_records(doc_id, o),
    }


def _sum_or_none(values: Iterable[float | int | None]) -> float | int | None:
    """Given numbers, return their sum, or None when any is missing."""
    vals = list(values)
    return None if any(v is None for v in vals) else sum(v for v in vals if v is not None)


def document_record(o: Outcome, doc_id: str, part_no: int) -> dict[str, Any]:
    """Given an Outcome (one form of it), return its `documents` row."""
    d = o.document
    return {
        "doc_id": doc_id,
        "part_no": part_no,
        "source_path": o.source.path,
        "source_sha256": o.source.sha256,
        "input_kind": o.source.input_kind,
        "agency": d.agency if d else None,
        "roc_year": d.roc_year if d else None,
        "year": d.year if d else None,
        "title": d.title if d else None,
        "category": d.category if d else None,
        "page_count": d.page_count if d else None,
        "status": o.status,
        "error": o.error,
        "total_score": _sum_or_none(x.subtotal for x in d.dimensions) if d else None,
        "total_max": _sum_or_none(x.max_points for x in d.dimensions) if d else None,
        "notes": d.notes if d else None,
        "pipeline_version": __version__,
        "schema_version": SCHEMA_VERSION,
    }


def hierarchy_records(d: Document, doc_id: str) -> Records:
    """Given a Document, return its dimensions, items and rows tables' rows."""
    return {
        "dimensions": [
            {
                "doc_id": doc_id,
                "dimension_no": x.dimension_no,
                "name": x.name,
                "max_points": x.max_points,
                "subtotal": x.subtotal,
                "page_start": x.page_start,
                "page_end": x.page_end,
                "heading": x.heading,
            }
            for x in d.dimensions
        ],
        "items": [
            {
                "doc_id": doc_id,
                "dimension_no": x.dimension_no,
                "item_no": x.item_no,
                "name": x.name,
                "name_norm": norm_key(x.name),
                "max_points": x.max_points,
                "score": x.score,
                "page_start": x.page_start,
                "page_end": x.page_end,
            }
            for x in d.items
        ],
        "rows": [
            {
                "doc_id": doc_id,
                "row_no": r.row_no,
                "dimension_no": r.dimension_no,
                "item_no": r.item_no,
                "indicator_no": r.indicator_no,
                "indicator": r.indicator,
                "indicator_norm": norm_key(r.indicator),
                "sub_no": r.sub_no,
                "sub_indicator": r.sub_indicator,
                "sub_indicator_norm": norm_key(r.sub_indicator),
                "units": list(r.units),
                "result": r.result,
                "page_start": r.page_start,
                "page_end": r.page_end,
                "extra": list(r.extra),
            }
            for r in d.rows
        ],
    }


def cell_records(o: Outcome, d: Document, doc_id: str) -> list[dict[str, Any]]:
    """Given an Outcome and its Document, return the `cells` rows: every fragment of every row."""
    return [
        {
            "doc_id": doc_id,
            "row_no": r.row_no,
            "column": Column(c.column).name.lower(),
            "page": c.page,
            "x0": box_point(c.bbox.x0) if c.bbox else None,
            "top": box_point(c.bbox.top) if c.bbox else None,
            "x1": box_point(c.bbox.x1) if c.bbox else None,
            "bottom": box_point(c.bbox.bottom) if c.bbox else None,
            "text": c.text,
            **cell_source(o, c),
        }
        for r in d.rows
        for c in r.cells
    ]


def cell_source(o: Outcome, cell: CellRef) -> dict[str, Any]:
    """Given an Outcome and one cell fragment, return its `source` and OCR `confidence` columns.

    The confidence is the lowest of the OCR lines whose centre lies in the fragment's box.
    """
    if cell.page not in o.ocr_pages:
        return {"source": "text", "confidence": None}
    b = cell.bbox
    found = [
        t.confidence
        for t in o.ocr_texts
        if t.page == cell.page
        and b is not None
        and b.x0 - 1 <= (t.bbox.x0 + t.bbox.x1) / 2 <= b.x1 + 1
        and b.top - 1 <= (t.bbox.top + t.bbox.bottom) / 2 <= b.bottom + 1
    ]
    return {"source": "ocr", "confidence": min(found) if found else None}


def _numbered(pairs: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, int, Any]]:
    """Given (row_no, x) pairs in order, yield (row_no, 1-based position within the row, x)."""
    seen: dict[int, int] = {}
    for row_no, x in pairs:
        seen[row_no] = seen.get(row_no, 0) + 1
        yield row_no, seen[row_no], x


def details_records(doc_id: str, o: Outcome) -> Records:
    """Given an Outcome, return its metrics, row_units, result_items and entities rows."""
    x = o.details
    if x is None:
        return {}
    return {
        "metrics": [
            {
                "doc_id": doc_id,
                "row_no": row_no,
                "metric_no": n,
                "kind": m.kind,
                "value": m.value,
                "unit": m.unit,
                "label": m.label,
                "qualifier": m.qualifier,
                "text": m.text,
                "date": m.date,
                "start": m.start,
                "end": m.end,
            }
            for row_no, n, m in _numbered(x.metrics)
        ],
        "row_units": [
            {
                "doc_id": doc_id,
                "row_no": u.row_no,
                "unit_no": u.unit_no,
                "unit": u.unit,
                "unit_canonical": u.unit_canonical,
                "qualifier": u.qualifier,
                "mapping_reason": u.reason,
            }
            for u in x.units
        ],
        **_text_records(doc_id, x),
    }


def _text_records(doc_id: str, x: Details) -> Records:
    """Given a document's Details, return its result_items and entities rows."""
    return {
        "result_items": [
            {
                "doc_id": doc_id,
                "row_no": row_no,
                "entry_no": n,
                "item_no": it.item_no,
                "marker": it.marker,
                "level": it.level,
                "text": it.text,
                "start": it.start,
                "end": it.end,
            }
            for row_no, n, it in _numbered(x.result_items)
        ],
        "entities": [
            {
                "doc_id": doc_id,
                "row_no": row_no,
                "text": e.text,
                "kind": e.kind,
                "start": e.start,
                "end": e.end,
            }
            for row_no, e in x.entities
        ],
    }
