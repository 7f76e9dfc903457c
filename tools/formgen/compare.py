"""Compare a read document with the form it was rendered from, and classify the outcome.

`diff_forms(expected, actual)` compares two golden-format dicts field by field
and returns readable differences; `classify` names the outcome of one round
trip: "exact", "flagged" (partial/failed with a named check or reason),
"refused" (failed: the input was rejected as a whole), "false alarm" (partial,
yet read right) or "silently wrong" (status ok, output differs) — the one
outcome that must never happen.
"""

from __future__ import annotations

from typing import Any

DOC_FIELDS = ("agency", "roc_year", "title", "category", "page_count", "notes")
DIM_FIELDS = ("dimension_no", "name", "max_points", "subtotal", "page_start", "page_end", "heading")
ITEM_FIELDS = ("dimension_no", "item_no", "name", "max_points", "score", "page_start", "page_end")
ROW_FIELDS = (
    "row_no",
    "dimension_no",
    "item_no",
    "indicator_no",
    "indicator",
    "sub_no",
    "sub_indicator",
    "units",
    "result",
    "page_start",
    "page_end",
    "extra",  # only forms with columns beyond the five carry it; none elsewhere: {}
)


def _norm(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, tuple):
        return list(v)
    return v


def _diff_records(
    kind: str, fields: tuple[str, ...], exp: list[dict[str, Any]], act: list[dict[str, Any]]
) -> list[str]:
    out: list[str] = []
    if len(exp) != len(act):
        out.append(f"{kind}: {len(act)} read, {len(exp)} expected")
    for i, (e, a) in enumerate(zip(exp, act, strict=False)):
        for f in fields:
            if f not in e and f != "extra":
                continue
            # A form without columns beyond the five has no text in any: a reading that
            # files some under an invented column lost it from its own.
            empty = {} if f == "extra" else None
            ev, av = _norm(e.get(f, empty)), _norm(a.get(f, empty))
            if ev != av:
                out.append(f"{kind}[{i}].{f}: read {av!r}, expected {ev!r}")
    return out


def unspaced(value: Any) -> Any:
    """Given a form (or a table, record or value of one), return it with every string's
    whitespace left out: what two readings that differ only in spaces share."""
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, list):
        return [unspaced(v) for v in value]
    if isinstance(value, dict):
        return {k: unspaced(v) for k, v in value.items()}
    return value


def diff_forms(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Given the expected and the read form (golden format), return their differences."""
    out: list[str] = []
    for f in DOC_FIELDS:
        if f in expected["document"] and _norm(expected["document"][f]) != _norm(
            actual["document"].get(f)
        ):
            out.append(
                f"document.{f}: read {actual['document'].get(f)!r}, "
                f"expected {expected['document'][f]!r}"
            )
    out += _diff_records("dimensions", DIM_FIELDS, expected["dimensions"], actual["dimensions"])
    out += _diff_records("items", ITEM_FIELDS, expected["items"], actual["items"])
    out += _diff_records("rows", ROW_FIELDS, expected["rows"], actual["rows"])
    return out


def classify(status: str, differences: list[str], reason: str | None) -> str:
    """Given a round trip's status and differences, return its outcome class."""
    if status == "ok":
        return "exact" if not differences else "silently wrong"
    if status == "failed":
        return "refused"
    return "flagged" if differences else "false alarm"
