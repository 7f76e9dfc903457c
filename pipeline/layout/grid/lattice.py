"""Lattice: columns and rows from the drawn rules (merged cells, spanning cells, open bottoms)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from pipeline.layout.grid.cells import Frame
from pipeline.layout.grid.header import Header
from pipeline.layout.grid.settings import (
    DEFAULT_GRID_SETTINGS,
    DEFAULT_TABLE_COVER,
    GridSettings,
)
from pipeline.layout.primitives import Ruling


def snap(values: Iterable[float], tol: float) -> list[float]:
    """Given coordinates, return them clustered within `tol` and averaged, sorted."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def merge_rulings(
    rulings: Iterable[Ruling], settings: GridSettings = DEFAULT_GRID_SETTINGS
) -> tuple[Ruling, ...]:
    """Given drawn segments, return them with collinear pieces joined (tables drawn cell by cell).

    Horizontal segments within `snap_tolerance` of the same y that touch or overlap
    become one; likewise vertical ones.  Specks shorter than `min_rule_length` (the
    short sides of hairline rectangles) are dropped.
    """
    tol, min_length = settings.snap_tolerance, settings.min_rule_length
    out: list[Ruling] = []
    for horizontal in (True, False):
        segs = []
        for r in rulings:
            if r.horizontal != horizontal:
                continue
            lo, hi = (r.x0, r.x1) if horizontal else (r.top, r.bottom)
            if hi - lo >= min_length:
                segs.append((r.y if horizontal else r.x, lo, hi))
        segs.sort()
        rows: list[list[tuple[float, float, float]]] = []
        for seg in segs:
            if rows and seg[0] - rows[-1][-1][0] <= tol:
                rows[-1].append(seg)
            else:
                rows.append([seg])
        for row in rows:
            pos = sum(s[0] for s in row) / len(row)
            pieces = sorted((s[1], s[2]) for s in row)
            cur_lo, cur_hi = pieces[0]
            for lo, hi in [*pieces[1:], (float("inf"), float("inf"))]:
                if lo <= cur_hi + tol:
                    cur_hi = max(cur_hi, hi)
                    continue
                out.append(
                    Ruling(cur_lo, pos, cur_hi, pos)
                    if horizontal
                    else Ruling(pos, cur_lo, pos, cur_hi)
                )
                cur_lo, cur_hi = lo, hi
    return tuple(out)


def rulings_to_columns(
    header: Header, rulings: Sequence[Ruling], settings: GridSettings = DEFAULT_GRID_SETTINGS
) -> tuple[float | None, ...]:
    """Given the header and the rulings, return six column boundaries from vertical rules (None where absent)."""
    tol = settings.snap_tolerance
    mid = (header.top + header.bottom) / 2
    xs = snap(
        (r.x for r in rulings if not r.horizontal and r.top - tol <= mid <= r.bottom + tol),
        tol,
    )
    lb = header.labels
    out: list[float | None] = []
    left = [x for x in xs if x <= lb[0].x0 + tol]
    out.append(max(left) if left else None)
    for k in range(1, 5):
        lo, hi = lb[k - 1].x1 - tol, lb[k].x0 + tol
        inside = [x for x in xs if lo <= x <= hi]
        centre = (lb[k - 1].x1 + lb[k].x0) / 2
        out.append(min(inside, key=lambda x: abs(x - centre)) if inside else None)
    right = [x for x in xs if x >= lb[4].x1 - tol]
    out.append(min(right) if right else None)
    return tuple(out)


def covers(r: Ruling, x0: float, x1: float, share: float) -> bool:
    return min(r.x1, x1) - max(r.x0, x0) >= share * (x1 - x0)


def table_bottom(
    columns: Sequence[float],
    rulings: Sequence[Ruling],
    below: float,
    share: float = DEFAULT_TABLE_COVER,
) -> float | None:
    """Given the columns, return the lowest horizontal rule below `below` spanning `share` of
    the table (see `DEFAULT_TABLE_COVER`)."""
    ys = [
        r.y
        for r in rulings
        if r.horizontal and r.y > below and covers(r, columns[0], columns[-1], share)
    ]
    return max(ys) if ys else None


def open_bottom(
    columns: Sequence[float], rulings: Sequence[Ruling], ruled: float, tol: float
) -> float:
    """Given the columns, rulings and the lowest full horizontal rule, return where the body ends.

    A row that a page break cuts is drawn without its bottom border by engines that
    slice cell boxes (browsers): the side rules then run on below the last
    horizontal rule, down to the page's content edge, and so does the body.
    """
    sides = [
        r.bottom
        for r in rulings
        if not r.horizontal
        and r.bottom > ruled + tol
        and r.top < ruled + tol
        and any(abs(r.x - x) <= tol for x in (columns[0], columns[-1]))
    ]
    return max(sides, default=ruled)


def rulings_to_frames(
    columns: Sequence[float],
    rulings: Sequence[Ruling],
    top: float,
    bottom: float,
    *,
    spans_from_rules: bool,
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
) -> list[Frame]:
    """Given column boundaries and rulings, return the body's cells between `top` and `bottom`.

    Each column is cut where a horizontal rule covers it, so a merged cell (no
    rule across its column) stays one frame.  With vertical rules known
    (`spans_from_rules`), a frame whose right rule is missing is joined with its
    neighbour: a cell spanning columns, like the 小計 row.
    """
    tol = settings.snap_tolerance
    hs = [r for r in rulings if r.horizontal and top - tol <= r.y <= bottom + tol]
    vs = [r for r in rulings if not r.horizontal]
    per_col: list[list[Frame]] = []
    for c in range(5):
        x0, x1 = columns[c], columns[c + 1]
        ys = snap([top, bottom, *(r.y for r in hs if covers(r, x0, x1, settings.span_cover))], tol)
        ys = [y for y in ys if top - tol <= y <= bottom + tol]
        frames = [
            Frame(c, c, x0, a, x1, b)
            for a, b in itertools.pairwise(ys)
            if b - a >= settings.min_cell_height
        ]
        per_col.append(frames)
    if not spans_from_rules:
        return [f for col in per_col for f in col]

    def has_rule(x: float, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        return any(abs(r.x - x) <= tol and r.top - tol <= mid <= r.bottom + tol for r in vs)

    out: list[Frame] = []
    consumed: set[tuple[int, int]] = set()
    for c in range(5):
        for i, f in enumerate(per_col[c]):
            if (c, i) in consumed:
                continue
            last, x1 = c, f.x1
            while last < 4 and not has_rule(columns[last + 1], f.top, f.bottom):
                nxt = [
                    j
                    for j, g in enumerate(per_col[last + 1])
                    if abs(g.top - f.top) <= tol and abs(g.bottom - f.bottom) <= tol
                ]
                if not nxt:
                    break
                consumed.add((last + 1, nxt[0]))
                last += 1
                x1 = per_col[last][nxt[0]].x1
            out.append(Frame(c, last, f.x0, f.top, x1, f.bottom))
    return out
