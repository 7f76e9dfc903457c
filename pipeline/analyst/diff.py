"""`evaltable diff A B`: how two documents differ in scores, indicators and metrics.

Dimensions are matched by number; items within a dimension by normalised name,
then by the most similar name; (indicator, sub-indicator) rows by their
normalised text, then by the most similar text (`reworded`, with the similarity);
metrics by normalised label, unit and kind, the n-th with A's n-th.  Each table's
records have exactly the columns of `pipeline.schemas.DIFF_TABLES`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.analyst.outputs import DocRef, connect, documents, records, resolve
from pipeline.normalise.text import norm_key

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class DiffSettings:
    """Thresholds of the matching; similarities are difflib ratios between 0 and 1."""

    # Rows whose texts are at least this similar are one indicator reworded, not two.
    reword_min_similarity: float = 0.6
    # Items (within a dimension) whose names are at least this similar are one item renamed.
    rename_min_similarity: float = 0.5


DEFAULT_SETTINGS = DiffSettings()


@dataclass(frozen=True, slots=True)
class Pair:
    """Index into A, index into B (None when the entry is on one side only), and similarity."""

    a: int | None
    b: int | None
    similarity: float | None


def similarity(a: str, b: str) -> float:
    """Given two texts, return difflib's ratio (1.0 = equal), rounded to 3 digits."""
    return round(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), 3)


def pair_texts(keys_a: Sequence[str], keys_b: Sequence[str], min_similarity: float) -> list[Pair]:
    """Given the match keys of A's and B's entries, return every entry once, paired or alone.

    Equal keys pair first, in order; what is left pairs greedily, most similar
    first, down to `min_similarity`.  Order: A's entries in order, each entry only
    in B right after the B entry before it.
    """
    pairs: list[Pair] = []
    free_b: dict[str, list[int]] = {}
    for j, k in enumerate(keys_b):
        free_b.setdefault(k, []).append(j)
    left_a: list[int] = []
    for i, k in enumerate(keys_a):
        if free_b.get(k):
            pairs.append(Pair(i, free_b[k].pop(0), 1.0))
        else:
            left_a.append(i)
    left_b = sorted(j for js in free_b.values() for j in js)
    scored = []
    for i in left_a:
        for j in left_b:
            matcher = difflib.SequenceMatcher(None, keys_a[i], keys_b[j], autojunk=False)
            if (
                matcher.real_quick_ratio() >= min_similarity
                and matcher.quick_ratio() >= min_similarity
            ):
                s = round(matcher.ratio(), 3)
                if s >= min_similarity:
                    scored.append((-s, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for neg, i, j in sorted(scored):
        if i not in used_a and j not in used_b:
            pairs.append(Pair(i, j, -neg))
            used_a.add(i)
            used_b.add(j)
    pairs += [Pair(i, None, None) for i in left_a if i not in used_a]
    pairs += [Pair(None, j, None) for j in left_b if j not in used_b]
    return _in_document_order(pairs)


def _in_document_order(pairs: list[Pair]) -> list[Pair]:
    with_a = sorted((p for p in pairs if p.a is not None), key=lambda p: p.a or 0)
    only_b = sorted((p for p in pairs if p.a is None), key=lambda p: p.b or 0)
    out: list[Pair] = []
    for p in with_a:
        while only_b and p.b is not None and (only_b[0].b or 0) < p.b:
            out.append(only_b.pop(0))
        out.append(p)
    return out + only_b


def _change(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 6)


def _status(a: object, b: object, same: bool) -> str:
    if a is None:
        return "added"
    if b is None:
        return "removed"
    return "same" if same else "changed"


def _get(records: Sequence[Record], i: int | None) -> Record:
    return records[i] if i is not None else {}


def diff_dimensions(
    doc_a: str, doc_b: str, dims_a: Sequence[Record], dims_b: Sequence[Record]
) -> list[Record]:
    """Given both documents' `dimensions` records, return one diff record per dimension number."""
    by_a = {d["dimension_no"]: d for d in dims_a}
    by_b = {d["dimension_no"]: d for d in dims_b}
    out = []
    for no in sorted(by_a.keys() | by_b.keys()):
        a, b = by_a.get(no), by_b.get(no)
        ra, rb = a or {}, b or {}
        same = (ra.get("subtotal"), ra.get("max_points"), ra.get("name")) == (
            rb.get("subtotal"),
            rb.get("max_points"),
            rb.get("name"),
        )
        out.append(
            {
                "doc_a": doc_a,
                "doc_b": doc_b,
                "dimension_no": no,
                "name_a": ra.get("name"),
                "name_b": rb.get("name"),
                "max_points_a": ra.get("max_points"),
                "max_points_b": rb.get("max_points"),
                "subtotal_a": ra.get("subtotal"),
                "subtotal_b": rb.get("subtotal"),
                "change": _change(ra.get("subtotal"), rb.get("subtotal")),
                "status": _status(a, b, same),
            }
        )
    return out


def diff_items(
    doc_a: str,
    doc_b: str,
    items_a: Sequence[Record],
    items_b: Sequence[Record],
    settings: DiffSettings = DEFAULT_SETTINGS,
) -> list[Record]:
    """Given both documents' `items` records, return one diff record per item of either."""
    out = []
    dims = sorted({r["dimension_no"] for r in (*items_a, *items_b)})
    for no in dims:
        in_a = [r for r in items_a if r["dimension_no"] == no]
        in_b = [r for r in items_b if r["dimension_no"] == no]
        keys_a = [r["name_norm"] or norm_key(r["name"]) or "" for r in in_a]
        keys_b = [r["name_norm"] or norm_key(r["name"]) or "" for r in in_b]
        for p in pair_texts(keys_a, keys_b, settings.rename_min_similarity):
            a, b = _get(in_a, p.a), _get(in_b, p.b)
            same = p.similarity == 1.0 and (a.get("score"), a.get("max_points")) == (
                b.get("score"),
                b.get("max_points"),
            )
            out.append(
                {
                    "doc_a": doc_a,
                    "doc_b": doc_b,
                    "dimension_no": no,
                    "item_no_a": a.get("item_no"),
                    "item_no_b": b.get("item_no"),
                    "name_a": a.get("name"),
                    "name_b": b.get("name"),
                    "max_points_a": a.get("max_points"),
                    "max_points_b": b.get("max_points"),
                    "score_a": a.get("score"),
                    "score_b": b.get("score"),
                    "change": _change(a.get("score"), b.get("score")),
                    "status": _status(a or None, b or None, same),
                }
            )
    return out


def row_key(row: Record) -> str:
    """Given a `rows` record, return its match key: normalised indicator ｜ sub-indicator."""
    ind = row.get("indicator_norm") or norm_key(row.get("indicator")) or ""
    sub = row.get("sub_indicator_norm") or norm_key(row.get("sub_indicator")) or ""
    return f"{ind}｜{sub}"


def diff_indicators(
    doc_a: str,
    doc_b: str,
    rows_a: Sequence[Record],
    rows_b: Sequence[Record],
    settings: DiffSettings = DEFAULT_SETTINGS,
) -> list[Record]:
    """Given both documents' `rows` records, return one record per row: same, reworded, added or removed."""
    pairs = pair_texts(
        [row_key(r) for r in rows_a], [row_key(r) for r in rows_b], settings.reword_min_similarity
    )
    out = []
    for p in pairs:
        a, b = _get(rows_a, p.a), _get(rows_b, p.b)
        if p.a is None:
            status = "added"
        elif p.b is None:
            status = "removed"
        else:
            status = "same" if p.similarity == 1.0 else "reworded"
        out.append(
            {
                "doc_a": doc_a,
                "doc_b": doc_b,
                "row_no_a": a.get("row_no"),
                "row_no_b": b.get("row_no"),
                "dimension_no_a": a.get("dimension_no"),
                "dimension_no_b": b.get("dimension_no"),
                "indicator_a": a.get("indicator"),
                "indicator_b": b.get("indicator"),
                "sub_indicator_a": a.get("sub_indicator"),
                "sub_indicator_b": b.get("sub_indicator"),
                "similarity": p.similarity,
                "status": status,
            }
        )
    return out


def _metric_keys(metrics: Sequence[Record]) -> dict[tuple[str, str, str, int], Record]:
    seen: Counter[tuple[str, str, str]] = Counter()
    out = {}
    for m in metrics:
        if m.get("label") is None or m.get("value") is None:
            continue  # nothing to match it by, or nothing to compare
        key = (norm_key(m["label"]) or "", m.get("unit") or "", m["kind"])
        seen[key] += 1
        out[(*key, seen[key])] = m
    return out


def diff_metrics(
    doc_a: str, doc_b: str, metrics_a: Sequence[Record], metrics_b: Sequence[Record]
) -> list[Record]:
    """Given both documents' `metrics` records, return one record per labelled metric of either.

    Metrics without a label or a value (dates) are left out: nothing to match or compare.
    """
    by_a, by_b = _metric_keys(metrics_a), _metric_keys(metrics_b)
    order = list(by_a) + [k for k in by_b if k not in by_a]
    out = []
    for key in order:
        a, b = by_a.get(key), by_b.get(key)
        ra, rb = a or {}, b or {}
        shown = ra or rb
        out.append(
            {
                "doc_a": doc_a,
                "doc_b": doc_b,
                "label": shown["label"],
                "unit": shown.get("unit"),
                "kind": shown["kind"],
                "occurrence": key[3],
                "row_no_a": ra.get("row_no"),
                "row_no_b": rb.get("row_no"),
                "value_a": ra.get("value"),
                "value_b": rb.get("value"),
                "change": _change(ra.get("value"), rb.get("value")),
                "status": _status(a, b, ra.get("value") == rb.get("value")),
            }
        )
    return out


@dataclass(frozen=True, slots=True)
class Diff:
    """Both documents and the four diff tables' records, keyed by table name."""

    a: DocRef
    b: DocRef
    tables: dict[str, list[Record]] = field(default_factory=dict)


def _records(con: Any, table: str, doc_id: str, order: str) -> list[Record]:
    return records(con, f'select * from "{table}" where doc_id = ? order by {order}', [doc_id])


def diff_documents(
    out: Path, name_a: str, name_b: str, settings: DiffSettings = DEFAULT_SETTINGS
) -> Diff:
    """Given an output folder and two document names, return their diff."""
    con = connect(out)
    try:
        docs = documents(con)
        a, b = resolve(docs, name_a), resolve(docs, name_b)
        load = {
            "dimensions": "dimension_no",
            "items": "dimension_no, item_no",
            "rows": "row_no",
            "metrics": "row_no, metric_no",
        }
        ra = {t: _records(con, t, a.doc_id, o) for t, o in load.items()}
        rb = {t: _records(con, t, b.doc_id, o) for t, o in load.items()}
    finally:
        con.close()
    ida, idb = a.doc_id, b.doc_id
    return Diff(
        a,
        b,
        {
            "diff_dimensions": diff_dimensions(ida, idb, ra["dimensions"], rb["dimensions"]),
            "diff_items": diff_items(ida, idb, ra["items"], rb["items"], settings),
            "diff_indicators": diff_indicators(ida, idb, ra["rows"], rb["rows"], settings),
            "diff_metrics": diff_metrics(ida, idb, ra["metrics"], rb["metrics"]),
        },
    )
