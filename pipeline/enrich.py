"""Enrich: a Document → the facts inside its text (metrics, units, list entries, names).

Pure functions over the structure stage's output; every offset points into the
verbatim `Row.result` it came from.
"""

from __future__ import annotations

from pipeline.models import Details as Details
from pipeline.models import Document, Entity, Metric, ResultItem
from pipeline.models import RowUnit as RowUnit
from pipeline.normalise.entities import find_entities
from pipeline.normalise.metrics import result_to_metrics
from pipeline.normalise.result_items import split_result_items
from pipeline.normalise.units import canonical_units, split_unit


def document_to_units(doc: Document) -> tuple[RowUnit, ...]:
    """Given a Document, return every row's units split into name and qualifier, typos mapped.

    Typos map onto the document's own vocabulary (驗發證課 → 報驗發證課); a name
    is never changed without a reason recorded beside it.
    """
    mapping = canonical_units([u for r in doc.rows for u in r.units])
    out: list[RowUnit] = []
    for r in doc.rows:
        for i, unit in enumerate(r.units, start=1):
            name, note = split_unit(unit)
            canonical, reason = mapping.get(name, (name, None)) if name else (name, None)
            out.append(RowUnit(r.row_no, i, unit, canonical or name, note, reason))
    return tuple(out)


def enrich(doc: Document) -> Details:
    """Given a Document, return the metrics, units, list entries and quoted names of its rows."""
    metrics: list[tuple[int, Metric]] = []
    items: list[tuple[int, ResultItem]] = []
    entities: list[tuple[int, Entity]] = []
    for r in doc.rows:
        if not r.result:
            continue
        metrics.extend((r.row_no, m) for m in result_to_metrics(r.result, doc.roc_year))
        items.extend((r.row_no, it) for it in split_result_items(r.result))
        entities.extend((r.row_no, e) for e in find_entities(r.result))
    return Details(tuple(metrics), document_to_units(doc), tuple(items), tuple(entities))
