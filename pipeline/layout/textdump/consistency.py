"""Checks on a dump's finished reading: what the columns' own widths say about it.

Every line of a column wraps at that column's width, so no paragraph of a column holds a
line wider than the column's other lines.  A paragraph that does was read into the wrong
column, whatever step put it there: the reading is not to be trusted (`column_width`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from pipeline.layout.textdump.settings import SETTINGS, DumpSettings
from pipeline.models import Check, Column, Fragment, Token
from pipeline.normalise.text import display_width

# Full-width punctuation a producer may compress to half a character or hang past the
# column's edge: a line's least width counts each as one column, and drops one at its end.
_SQUEEZABLE = frozenset("，。、；：！？「」『』（）〔〕《》〈〉")
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
    return [
        Check(
            "column_width",
            "error",
            f"{len(found)} paragraph(s) wider than their column's other lines: read into a "
            f"column that could not hold them ({where})",
            False,
        )
    ]
