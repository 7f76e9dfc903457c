"""Compare what the pipeline read with what a producer rendered: every field, every page range.

`differences(doc, expected)` takes the pipeline's `Document` (any object with its
attributes) and a producer's `Rendered.expected`, and lists every difference; an
empty list is an exact read.  `classify` turns a pipeline outcome into "exact",
"flagged" (status partial or failed: a check or an error said so) or "wrong"
(status ok but the output differs: a silent misread).
"""

from __future__ import annotations

from typing import Any

from tools.formgen.model import Form


def _get(obj: Any, name: str) -> Any:
    return getattr(obj, name)


def differences(doc: Any, expected: Form) -> list[str]:
    """Given a parsed document and the form as rendered, return every difference."""
    out: list[str] = []
    g = expected["document"]
    for name in ("agency", "roc_year", "title", "category", "page_count"):
        if _get(doc, name) != g[name]:
            out.append(f"document.{name} {_get(doc, name)!r} != {g[name]!r}")
    dims = list(doc.dimensions)
    if len(dims) != len(expected["dimensions"]):
        out.append(f"{len(dims)} dimensions != {len(expected['dimensions'])}")
    for d, gd in zip(dims, expected["dimensions"], strict=False):
        for f in ("dimension_no", "name", "max_points", "subtotal", "heading"):
            if _get(d, f) != gd[f]:
                out.append(f"dimension {gd['dimension_no']} {f} {_get(d, f)!r} != {gd[f]!r}")
        if [d.page_start, d.page_end] != [gd["page_start"], gd["page_end"]]:
            out.append(
                f"dimension {gd['dimension_no']} pages {[d.page_start, d.page_end]} != "
                f"{[gd['page_start'], gd['page_end']]}"
            )
    items = list(doc.items)
    if len(items) != len(expected["items"]):
        out.append(f"{len(items)} items != {len(expected['items'])}")
    for it, gi in zip(items, expected["items"], strict=False):
        key = f"{gi['dimension_no']}.{gi['item_no']}"
        for f in (
            "dimension_no",
            "item_no",
            "name",
            "max_points",
            "score",
            "page_start",
            "page_end",
        ):
            if _get(it, f) != gi[f]:
                out.append(f"item {key} {f} {_get(it, f)!r} != {gi[f]!r}")
    rows = list(doc.rows)
    if len(rows) != len(expected["rows"]):
        out.append(f"{len(rows)} rows != {len(expected['rows'])}")
    for r, gr in zip(rows, expected["rows"], strict=False):
        n = gr["row_no"]
        for f in (
            "row_no",
            "dimension_no",
            "item_no",
            "indicator_no",
            "indicator",
            "sub_no",
            "sub_indicator",
            "result",
            "page_start",
            "page_end",
        ):
            if _get(r, f) != gr[f]:
                out.append(f"row {n} {f} {_get(r, f)!r} != {gr[f]!r}")
        if list(r.units) != list(gr["units"]):
            out.append(f"row {n} units {list(r.units)} != {gr['units']}")
        want_extra = gr.get("extra") or {}
        got_extra = dict(getattr(r, "extra", {}) or {})
        if got_extra != want_extra:
            out.append(f"row {n} extra {got_extra} != {want_extra}")
    return out


def classify(status: str, doc: Any, expected: Form) -> tuple[str, list[str]]:
    """Given an outcome's status and document, return ("exact" | "flagged" | "wrong", diffs)."""
    diffs = ["document not read"] if doc is None else differences(doc, expected)
    if not diffs:
        return "exact", diffs
    return ("wrong" if status == "ok" else "flagged"), diffs
