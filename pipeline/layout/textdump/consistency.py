"""Checks on a dump's finished reading: what the columns' own widths and the dump's
paragraph ends say about it, whatever step of the reader decided.

Every line of a column wraps at that column's width, so no paragraph of a column holds a
line wider than the column's other lines (`column_width`), nor wraps every line with room
to spare (`narrow_wrap`); a paragraph the dump leaves open at a page's foot goes on
overleaf in its column (`paragraph_left_open`).  A reading that breaks one of these put a
paragraph in the wrong column or cell: it is not to be trusted.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from pipeline.layout.textdump.blocks import PAGE_FURNITURE, Block, FurnitureLine
from pipeline.layout.textdump.calibration import with_next_piece
from pipeline.layout.textdump.settings import SETTINGS, DumpSettings
from pipeline.models import Check, Column, Fragment, Token
from pipeline.normalise.patterns import opens_entry
from pipeline.normalise.text import display_width

# Full-width punctuation a producer may compress to half a character or hang past the
# column's edge: a line's least width counts each as one column, and drops one at its end.
_SQUEEZABLE = frozenset("，。、；：！？「」『』（）〔〕《》〈〉")
# A line ending a sentence or a heading may end early without wrapping.
_ENDS = ("。", "：", ":", "；", ";")
_NAMES = {
    Column.INDICATOR: "indicator",
    Column.SUB: "sub-indicator",
    Column.UNITS: "units",
    Column.RESULT: "result",
}


def least_width(line: str) -> int | None:
    """Given a printed line, return the fewest columns the column must have held it in:
    two for each wide glyph, one for full-width punctuation (a producer may squeeze it to
    half a character) and none for one at the line's end (it may hang past the edge), and
    none for every other glyph (Latin, digits, half-width signs and marks such as "③",
    whose widths vary with the font, often under the columns a dump counts them as).
    None for an empty line."""
    text = line.strip()
    if not text:
        return None
    if text[-1] in _SQUEEZABLE:
        text = text[:-1]
    return sum(1 if c in _SQUEEZABLE else 2 if display_width(c) == 2 else 0 for c in text)


def column_width_checks(tokens: Sequence[Token], settings: DumpSettings = SETTINGS) -> list[Check]:
    """Given a dump's tokens, return a `column_width` error naming each paragraph that
    holds a line needing (`least_width`) at least `wrap_room_columns` more than every
    wrapped line of the other paragraphs of its column (of at least `min_column_lines`
    lines): the paragraph was read into a column that could not have held it.  Only lines
    that wrapped show how wide a column is: a units column of short names that never
    wrapped may hold a wider one.  Item cells are left out (their points and score lines
    are no wraps)."""
    paras: dict[Column, list[tuple[int | None, int | None, Fragment]]] = defaultdict(list)
    for t in tokens:
        if isinstance(t, Fragment) and t.column != Column.ITEM and t.lines:
            leasts = [w for w in map(least_width, t.lines) if w is not None]
            wrapped = max((display_width(ln) for ln in t.lines[:-1]), default=None)
            paras[t.column].append((max(leasts, default=None), wrapped, t))
    found = []
    for column, frags in paras.items():
        if sum(len(f.lines) for _, _, f in frags) < settings.min_column_lines:
            continue
        widths = sorted(w for _, w, _ in frags if w is not None)
        for need, wrapped, frag in frags:
            others = widths[:-1] if widths and widths[-1] == wrapped else widths
            if need is not None and others and need - others[-1] >= settings.wrap_room_columns:
                found.append((frag, column, need, others[-1]))
    if not found:
        return []
    where = "; ".join(
        f"p{f.page} {_NAMES[c]}: {f.lines[0][:16]!r} needs {n} columns, the column's other "
        f"lines at most {w}"
        for f, c, n, w in found[:5]
    )
    return _error(
        "column_width",
        f"{len(found)} paragraph(s) wider than their column's other lines: read into a "
        f"column that could not hold them ({where})",
    )


def open_at_foot_checks(
    blocks: Sequence[Block | FurnitureLine],
    tokens: Sequence[Token],
    settings: DumpSettings = SETTINGS,
) -> list[Check]:
    """Given a dump's paragraphs and its reading, return a `paragraph_left_open` error
    naming each paragraph the dump leaves open at a page's foot that the reading closes.

    Where a dump ends paragraphs with a space (`marks_paragraph_ends`), a line at a page's
    foot printed without one is a paragraph the break cut: its next fragment in its column
    must carry on its sentence overleaf.  A reading that starts a new cell or paragraph
    there instead (or never comes back to that column) put some paragraph in the wrong
    column, or a tail in the wrong cell ("透過 LINE 官方帳號" at a foot read as a row's
    indicator, its tail "及 Facebook …" as that row's result).  Item cells are left out:
    their labels ("得分：7." / "5 分") are read whole elsewhere."""
    if not marks_paragraph_ends(blocks, settings):
        return []
    feet = {
        (b.lines[-1].page, b.lines[-1].text.strip())
        for b, nxt in itertools.pairwise(blocks)
        if isinstance(b, Block) and not b.lines[-1].closes and _page_furniture(nxt)
    }
    frags = [t for t in tokens if isinstance(t, Fragment) and not t.repeat]
    # The foot's paragraph is its page's last: of fragments ending alike on a page (a
    # heading printed twice), the last one.
    last = {(f.page, f.lines[-1]): k for k, f in enumerate(frags)}
    found = []
    for k, f in enumerate(frags):
        key = (f.page, f.lines[-1])
        if f.column == Column.ITEM or key not in feet or last[key] != k:
            continue
        nxt = next((g for g in frags[k + 1 :] if g.column == f.column), None)
        if nxt is None or not nxt.cont or nxt.para_break or nxt.page <= f.page:
            found.append(f)
    if not found:
        return []
    where = "; ".join(f"p{f.page} {_NAMES[f.column]}: {f.lines[-1][-16:]!r}" for f in found[:5])
    return _error(
        "paragraph_left_open",
        f"{len(found)} paragraph(s) the dump leaves open at a page's foot (no space after "
        f"their last line) read as closed, their tails elsewhere ({where})",
    )


def marks_paragraph_ends(
    blocks: Sequence[Block | FurnitureLine], settings: DumpSettings = SETTINGS
) -> bool:
    """Given a dump's paragraphs, tell whether it marks where each ends (a space after its
    last line): `marked_ends_share` of those not at a page's foot do, of at least
    `min_marked_ends` (a dump without the marks ends them only at blank lines)."""
    ends = [
        b.lines[-1].closes
        for b, nxt in itertools.pairwise([*blocks, None])
        if isinstance(b, Block) and not _page_furniture(nxt)
    ]
    return len(ends) >= settings.min_marked_ends and sum(ends) >= settings.marked_ends_share * len(
        ends
    )


def _page_furniture(item: Block | FurnitureLine | None) -> bool:
    return isinstance(item, FurnitureLine) and item.kind in PAGE_FURNITURE


def narrow_wrap_checks(tokens: Sequence[Token], settings: DumpSettings = SETTINGS) -> list[Check]:
    """Given a dump's reading, return a `narrow_wrap` error naming each paragraph whose
    every line break left room for the next line's first piece (`with_next_piece`) and
    `narrow_room_columns` more in its column, measured by that column's wrapped lines
    (their `column_quantile`, of at least `min_column_lines`): the paragraph wrapped at a
    narrower column's width and was read into the wrong one ("①定期檢查各類硬體設施(如" /
    "飲水機、公用電話、座椅、" … wrapped at 26 columns, read as a result wrapping at 36).
    Breaks after a sentence's or a heading's end (。：；) or before a list marker may be
    an author's, not a wrap: they are not counted.  Item and units cells are left out
    (labels and names end lines early)."""
    paras: dict[Column, list[Fragment]] = defaultdict(list)
    for t in tokens:
        if (
            isinstance(t, Fragment)
            and t.column not in (Column.ITEM, Column.UNITS)
            and len(t.lines) > 1
        ):
            paras[t.column].append(t)
    found = []
    for column, frags in paras.items():
        widths = sorted(display_width(ln) for f in frags for ln in f.lines[:-1])
        if len(widths) < settings.min_column_lines:
            continue
        bound = widths[int(settings.column_quantile * len(widths))]
        for f in frags:
            needs = _wrap_needs(f.lines)
            if _with_room(needs, bound, settings):
                found.append((f, column, max(needs), bound))
    if not found:
        return []
    where = "; ".join(
        f"p{f.page} {_NAMES[c]}: {f.lines[0][:16]!r} wrapped with room for its next piece "
        f"and {w - n} columns"
        for f, c, n, w in found[:5]
    )
    return _error(
        "narrow_wrap",
        f"{len(found)} paragraph(s) wrapped narrower than their column's other lines: "
        f"read into a column that did not wrap them ({where})",
    )


def wraps_with_room(lines: Sequence[str], width: float, settings: DumpSettings = SETTINGS) -> bool:
    """Given a paragraph's printed lines and a column's width, tell whether every break
    that can only be a wrap (`_wrap_needs`; there is one at least) left room for the next
    line's first piece and `narrow_room_columns` more in that column: the paragraph
    wrapped in a narrower one."""
    return _with_room(_wrap_needs(lines), width, settings)


def _with_room(needs: Sequence[int], width: float, settings: DumpSettings) -> bool:
    return bool(needs) and all(width - n >= settings.narrow_room_columns for n in needs)


def _wrap_needs(lines: Sequence[str]) -> list[int]:
    """Given a paragraph's printed lines, return for each break between them that can only
    be a wrap (not after a sentence's or heading's end, not before a list marker) the width
    its line would have taken with the next line's first piece on it."""
    return [
        with_next_piece(a, b)
        for a, b in itertools.pairwise(lines)
        if not a.rstrip().endswith(_ENDS) and not opens_entry(b)
    ]


def _error(name: str, message: str) -> list[Check]:
    return [Check(name, "error", message, False)]
