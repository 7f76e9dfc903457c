"""Validation: a Document → data-quality findings (`Check`s), as data.

Each check is a small function returning Checks; `CHECKS` is the plain list the
pipeline runs.  A failed check with severity "error" makes the document
`partial`: read, but not to be trusted without a look.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from pipeline.enrich import RowUnit
from pipeline.models import Check, Document

# Scores are printed as integers or with one decimal; sums compare within this.
SCORE_TOLERANCE = 1e-6
# A unit name longer than this is a sentence, not a name.
MAX_UNIT_LEN = 20


def check_subtotals(doc: Document) -> list[Check]:
    """Each dimension's printed 小計 equals the sum of its items' scores."""
    out = []
    for d in doc.dimensions:
        scores = [it.score for it in doc.items if it.dimension_no == d.dimension_no]
        if d.subtotal is None or any(s is None for s in scores):
            out.append(
                Check(
                    "subtotal_matches_items",
                    "error",
                    f"構面{d.dimension_no}: subtotal or an item score is missing",
                    False,
                )
            )
            continue
        total = sum(s for s in scores if s is not None)
        ok = abs(total - d.subtotal) <= SCORE_TOLERANCE
        out.append(
            Check(
                "subtotal_matches_items",
                "error",
                f"構面{d.dimension_no} {d.name}: 小計 {d.subtotal:g}, items sum to {total:g}",
                ok,
            )
        )
    return out


def check_scores_within_max(doc: Document) -> list[Check]:
    """No item score exceeds its max points, and none is negative."""
    bad = [
        f"構面{it.dimension_no} item {it.item_no} {it.name}: {it.score:g} of {it.max_points}"
        for it in doc.items
        if it.score is not None and it.max_points is not None and not 0 <= it.score <= it.max_points
    ]
    msg = "; ".join(bad) if bad else f"{len(doc.items)} item scores within their max points"
    return [Check("score_within_max", "error", msg, not bad)]


def check_max_points(doc: Document) -> list[Check]:
    """The dimensions' max points add up to the total, and each item max fits its dimension."""
    out = []
    total = sum(d.max_points or 0 for d in doc.dimensions)
    out.append(Check("total_max", "info", f"dimension max points sum to {total}", total > 0))
    for d in doc.dimensions:
        item_max = [it.max_points for it in doc.items if it.dimension_no == d.dimension_no]
        if d.max_points is None or any(m is None for m in item_max):
            continue
        s = sum(m for m in item_max if m is not None)
        out.append(
            Check(
                "item_max_matches_dimension",
                "error",
                f"構面{d.dimension_no}: items' max points sum to {s}, heading says {d.max_points}",
                s == d.max_points,
            )
        )
    return out


def check_rows_have_text(doc: Document) -> list[Check]:
    """Every row has an indicator or a sub-indicator."""
    bad = [str(r.row_no) for r in doc.rows if not (r.indicator or r.sub_indicator)]
    msg = (
        f"rows without indicator or sub-indicator: {', '.join(bad)}"
        if bad
        else f"all {len(doc.rows)} rows have an indicator or sub-indicator"
    )
    return [Check("row_has_indicator", "error", msg, not bad)]


def check_units_known(doc: Document) -> list[Check]:
    """Every unit reads as a unit name: sentence punctuation or sentence length in the units
    column means results text landed there."""
    counts = Counter(u for r in doc.rows for u in r.units)
    odd = sorted(
        u for u in counts if len(u) > MAX_UNIT_LEN or any(p in u for p in "，。；：、「」")
    )
    msg = (
        ("entries that are not unit names: " + " | ".join(odd))
        if odd
        else f"{len(counts)} distinct units, all read as unit names"
    )
    return [Check("units_known", "error", msg, not odd)]


def unit_mapping_checks(units: Sequence[RowUnit]) -> list[Check]:
    """Given the enriched units, record every printed name mapped onto another (typos), once."""
    seen: dict[str, Check] = {}
    for u in units:
        if u.reason and u.unit not in seen:
            seen[u.unit] = Check(
                "unit_typo", "info", f"{u.unit} → {u.unit_canonical}: {u.reason}", True
            )
    return list(seen.values())


def check_dimension_numbers(doc: Document) -> list[Check]:
    """Dimensions are numbered 1, 2, 3… in order without repeats."""
    nos = [d.dimension_no for d in doc.dimensions]
    ok = nos == list(range(1, len(nos) + 1))
    return [Check("dimension_sequence", "error", f"dimension numbers in order: {nos}", ok)]


CHECKS: tuple[Callable[[Document], list[Check]], ...] = (
    check_dimension_numbers,
    check_subtotals,
    check_scores_within_max,
    check_max_points,
    check_rows_have_text,
    check_units_known,
)


def validate(doc: Document, units: Sequence[RowUnit] = ()) -> tuple[Check, ...]:
    """Given a Document (and its enriched units), return the findings of every check."""
    return tuple(c for fn in CHECKS for c in fn(doc)) + tuple(unit_mapping_checks(units))
