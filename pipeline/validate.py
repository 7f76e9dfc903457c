"""Validation: a Document → data-quality findings (`Check`s), as data.

Each check is a small function returning Checks; `CHECKS` is the plain list the
pipeline runs.  A failed check with severity "error" makes the document
`partial`: read, but not to be trusted without a look.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import regex

from pipeline.models import Check, Document

# Scores are printed as integers or with one decimal; sums compare within this.
SCORE_TOLERANCE = 1e-6
# A unit name longer than this is a sentence, not a name.
MAX_UNIT_LEN = 20
_QUALIFIER = regex.compile(r"[(（][^()（）]*[)）]")


def check_subtotals(doc: Document) -> list[Check]:
    """Each dimension's printed 小計 equals the sum of its items' scores."""
    out = []
    for d in doc.dimensions:
        scores = [it.score for it in doc.items if it.dimension_no == d.dimension_no]
        if d.subtotal is None or any(s is None for s in scores):
            out.append(
                Check(
                    "subtotal_matches_items",
                    "warning",
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


def _base(unit: str) -> str:
    """Given a unit as printed, return its name without qualifiers or spaces: 資訊小組(各單位) → 資訊小組."""
    return "".join(_QUALIFIER.sub("", unit).split())


def check_units_known(doc: Document) -> list[Check]:
    """Every unit reads as a unit name; a rare name inside a frequent one is recorded as a typo.

    A unit with sentence punctuation or of sentence length means results text
    landed in the units column.  A unit printed once whose name sits inside a
    unit printed more often (驗發證課 in 報驗發證課) is kept as printed and its
    likely reading recorded.
    """
    counts = Counter(u for r in doc.rows for u in r.units)
    odd = sorted(
        u for u in counts if len(u) > MAX_UNIT_LEN or any(p in u for p in "，。；：、「」")
    )
    out = [
        Check(
            "units_known",
            "error",
            ("entries that are not unit names: " + " | ".join(odd))
            if odd
            else f"{len(counts)} distinct units, all read as unit names",
            not odd,
        )
    ]
    bases: Counter[str] = Counter()
    for u, n in counts.items():
        bases[_base(u)] += n
    for u in sorted(counts):
        b = _base(u)
        if bases[b] != 1:
            continue
        wider = [v for v in counts if _base(v) != b and b in _base(v) and bases[_base(v)] > 1]
        if wider:
            best = max(wider, key=lambda v: bases[_base(v)])
            out.append(
                Check(
                    "unit_typo",
                    "info",
                    f"{u} (printed once) reads as {_base(best)} (printed {bases[_base(best)]} times)",
                    True,
                )
            )
    return out


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


def validate(doc: Document) -> tuple[Check, ...]:
    """Given a Document, return the findings of every check in CHECKS."""
    return tuple(c for fn in CHECKS for c in fn(doc))
