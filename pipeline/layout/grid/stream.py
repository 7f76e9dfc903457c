"""Stream: columns from the header labels and the white gaps of the body text, rows from
where blocks of text start; for tables drawn without (all their) rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from pipeline.layout.grid.cells import Frame
from pipeline.layout.grid.header import Header
from pipeline.layout.grid.lattice import snap
from pipeline.layout.grid.settings import DEFAULT_GRID_SETTINGS, DEFAULT_MARGIN, GridSettings
from pipeline.layout.primitives import Char, Ruling, TextLine
from pipeline.models import BBox, Column
from pipeline.normalise.patterns import CLOSING_START, ITEM_POINTS, ITEM_SCORE
from pipeline.normalise.text import match_key


def merge_spans(spans: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Given x intervals, return their union as sorted disjoint intervals."""
    out: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if out and x0 <= out[-1][1]:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return tuple((a, b) for a, b in out)


def gaps_to_columns(
    header: Header,
    spans: Sequence[tuple[float, float]],
    known: Sequence[float | None],
    outer: tuple[float, float] | None = None,
    right_label: BBox | None = None,
    margin: float = DEFAULT_MARGIN,
    reach: float = 0.0,
) -> tuple[float, ...]:
    """Given the header labels, the x spans of body text and the boundaries already known, fill in the rest.

    Stream fallback: between two labels the boundary is the middle of the widest
    x range between them that no body text covers (text never crosses a column, and a
    label never crosses its column's edge: a gap reaching under a label is the gap on
    its other side, beside a short column of text), preferring a gap that ends where
    text starts (a column's left-aligned lines) to one that ends at the label; the outer
    boundaries are the rules' ends (`outer`) or enclose all text.  With a further
    column right of the results (`right_label`), the last boundary is the gap before it.
    """
    spans = merge_spans(spans)
    lb = (*header.labels, right_label) if right_label is not None else header.labels
    out = list(known)
    for k in range(1, len(lb)):
        if out[k] is not None:
            continue
        out[k] = gap_between(spans, lb[k - 1].x1, lb[k].x0, reach)
    if out[0] is None:
        out[0] = outer[0] if outer else min([lb[0].x0, *(s[0] for s in spans)]) - margin
    if out[5] is None:
        out[5] = outer[1] if outer else max([lb[4].x1, *(s[1] for s in spans)]) + margin
    return tuple(float(x) for x in out if x is not None)


def gap_between(
    spans: Sequence[tuple[float, float]], lo: float, hi: float, reach: float = 0.0
) -> float:
    """Given merged x spans of body text and two labels' facing edges, return the middle of
    the widest x range between them that no text covers, preferring one that ends where
    text starts (see `gaps_to_columns`).  Text starting within `reach` of the second
    label's edge starts there (a label left-aligned like its column's text): the gap
    before it ends where text starts, and a narrower one (a justified line's spaces)
    does not win over it."""
    best = (0.0, (lo + hi) / 2)
    cursor = lo
    for x0, x1 in spans:
        if x1 <= cursor:
            continue
        if x0 > hi + reach:
            break
        if x0 > cursor and x0 - cursor > best[0]:
            best = (x0 - cursor, (cursor + x0) / 2)
        cursor = max(cursor, x1)
    # A gap that ends under the label, no text after it, is the white beside a short
    # column of text: it counts only when no gap ends where text starts.
    if best[0] == 0.0 and hi - cursor > 0:
        best = (hi - cursor, (cursor + hi) / 2)
    return best[1]


def same_header(a: Sequence[BBox], b: Sequence[BBox], tol: float) -> bool:
    """Given two pages' header label boxes, return True when they sit at the same x positions."""
    return len(a) == len(b) and all(
        abs(p.x0 - q.x0) <= tol and abs(p.x1 - q.x1) <= tol for p, q in zip(a, b, strict=True)
    )


def _blocks(lines: Sequence[TextLine], gap_ratio: float) -> list[list[TextLine]]:
    """Given a column's lines, return its blocks: lines less than `gap_ratio` × size apart.
    A line opening with a closing mark goes on the block above, however far below it: it
    is a cell's last line, wrapped ("。" under "…標示服務", whose ink a scan boxes low)."""
    blocks: list[list[TextLine]] = []
    for ln in lines:
        near = blocks and ln.top - blocks[-1][-1].bottom <= gap_ratio * ln.size
        if near or (blocks and CLOSING_START.regex.match(ln.text)):
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    return blocks


def _item_blocks(lines: Sequence[TextLine], gap_ratio: float) -> list[list[TextLine]]:
    """Given the item column's lines, return its blocks (`_blocks`), where a block opening
    with an item's points or score line ("(10分)", "得分：6 分") is the rest of the block
    above: an item cell opens with its name.  (A scan's line placed a fraction of an em off
    widens the gap before such a line past `gap_ratio`.)"""
    blocks: list[list[TextLine]] = []
    for block in _blocks(lines, gap_ratio):
        head = match_key(block[0].text)
        if blocks and (ITEM_SCORE.regex.match(head) or ITEM_POINTS.regex.match(head)):
            blocks[-1].extend(block)
        else:
            blocks.append(block)
    return blocks


def lines_to_frames(
    columns: Sequence[float],
    lines_by_col: Sequence[Sequence[TextLine]],
    top: float,
    bottom: float,
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
    first: tuple[float, float] | None = None,
) -> list[Frame]:
    """Given each column's body lines of an unruled table, return frames (stream fallback).

    Rows start where a block of text starts in the indicator or sub-indicator
    column (blocks are separated by a gap wider than `block_gap_ratio` × size);
    item and indicator cells are their own blocks, merged over the rows they span (an
    item block opening with its points or score line joins the one above: `_item_blocks`).
    `first`: the vertical centre and size of the body's first printed line, the columns
    beyond the five included (by default, the first of `lines_by_col`).
    """
    tol = settings.snap_tolerance
    heads = [
        b[0]
        for c in (Column.INDICATOR, Column.SUB)
        for b in _blocks(lines_by_col[c], settings.block_gap_ratio)
    ]
    # A block starting right under the header is the first row, not a row after an empty one,
    # and so is one on the body's first line, however far below the header it stands: a
    # scan's lines are boxed by their ink, which stands lower than a font's box ("得分：85"
    # and "進行簡化…" atop a page, 1.6 × their size below the header, each one column's).
    # A page's rest standing only in a column beyond the five ("第 3 頁" atop a page) is
    # its first line: a row under it is a new one.
    first_row, first_block = settings.first_row_ratio, settings.first_block_ratio
    if first is None:
        first = first_line(ln for lines in lines_by_col for ln in lines)

    def opens_body(ln: TextLine, ratio: float) -> bool:
        return ln.top - top < ratio * ln.size or (
            first is not None and _on_line(ln, first, settings.line_group_ratio)
        )

    starts = [ln.top - settings.margin for ln in heads if not opens_body(ln, first_row)]
    bands = [top, *snap(starts, tol), bottom]
    frames: list[Frame] = []
    for c in (Column.ITEM, Column.INDICATOR):
        split = _item_blocks if c == Column.ITEM else _blocks
        blocks = split(lines_by_col[c], settings.block_gap_ratio)
        for k, block in enumerate(blocks):
            b_top = (
                top
                if k == 0 and opens_body(block[0], first_block)
                else block[0].top - settings.margin
            )
            b_bottom = blocks[k + 1][0].top - settings.margin if k + 1 < len(blocks) else bottom
            frames.append(Frame(c, c, columns[c], b_top, columns[c + 1], b_bottom))
    for c in (Column.SUB, Column.UNITS, Column.RESULT):
        for upper, lower in itertools.pairwise(bands):
            frames.append(Frame(c, c, columns[c], upper, columns[c + 1], lower))
    return frames


def first_line(boxes: Iterable[Char | TextLine]) -> tuple[float, float] | None:
    """Given glyphs or lines, return the vertical centre and size of the topmost (by its
    centre), or None without any: where a body's first printed line stands."""
    head = min(boxes, key=lambda b: b.top + b.bottom, default=None)
    return None if head is None else ((head.top + head.bottom) / 2, head.size)


def _on_line(ln: TextLine, line: tuple[float, float], ratio: float) -> bool:
    """Given a line, another's vertical centre and size, and `line_group_ratio`, tell whether
    they stand on one printed line (centres within `ratio` × the smaller size)."""
    centre, size = line
    return abs((ln.top + ln.bottom) / 2 - centre) <= ratio * min(ln.size, size)


def outer_from_rules(
    header: Header, rulings: Sequence[Ruling], tol: float
) -> tuple[float, float] | None:
    """Given the header and rulings, return the x extent of horizontal rules spanning the header."""
    x0, x1 = header.labels[0].x0, header.labels[-1].x1
    hs = [r for r in rulings if r.horizontal and r.x0 <= x0 + tol and r.x1 >= x1 - tol]
    if not hs:
        return None
    return min(r.x0 for r in hs), max(r.x1 for r in hs)
