"""Spaces an office suite did not draw where it broke a line, put back by the document's habit.

LibreOffice breaks a line at a space and draws no glyph for it where the space would pass
the cell's right edge, or where the line is justified: "欄位 46" prints as "…欄位" / "46
項…", and the joined text reads "欄位46".  Nothing on the page tells that space from none
("欄位46" wrapped prints alike), but the document's own lines do: one that prints its
numbers a space apart from ideographs as a habit (`normalise.text.spaced_kinds`: "計 214
件", "自 112 年" many times, touching hardly ever) had the space there too.

So, per cell of the text columns (indicator, sub-indicator, result), a line followed by
another, drawing no space at its end, that ends in a digit above an ideograph or in an
ideograph above a digit (no list marker opening the next), is given its space
(`TextLine.trailing_space`, which the joined text keeps) where a space could not have been
drawn before the cell's right limit (the line ends within `room_ratio` of the limit):
where one would have fitted, a producer that draws its spaces drew none, so the text had
none.  Only digits (`WrapSpaceSettings.kinds`): Latin words next to ideographs are spaced
and touching in one document alike ("透過 LINE 官方帳號", "Facebook粉絲專頁"), and the
generated family shows no habit plain enough to restore them on.  Pages read by OCR keep
what they read (OCR sees no spaces); side-by-side dumps restore theirs when they are read
(`textdump.sidebyside._number_wraps`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from pipeline.layout.grid import GridCell, PageGrid
from pipeline.layout.stitch import right_limit, right_limits
from pipeline.models import Column
from pipeline.normalise.patterns import PARAGRAPH_MARKER
from pipeline.normalise.text import spaced_kinds, spaced_pair

TEXT_COLUMNS = frozenset({Column.INDICATOR, Column.SUB, Column.RESULT})


@dataclass(frozen=True, slots=True)
class WrapSpaceSettings:
    """What is restored, and where a space could not have been drawn."""

    # Kinds of character (`normalise.text.spaced_kind`) whose spaces next to ideographs
    # are restored at a wrap where the document's habit spaces them.
    kinds: tuple[str, ...] = ("digit",)
    # × the line's size: a line ending this close to its cell's right limit had no room
    # for a space glyph (a CJK font's space is 0.2-0.5 em).
    room_ratio: float = 0.2


DEFAULT_WRAP_SPACE_SETTINGS = WrapSpaceSettings()


def restore_wrap_spaces(
    grids: Sequence[PageGrid],
    ocr_pages: Collection[int] = (),
    settings: WrapSpaceSettings = DEFAULT_WRAP_SPACE_SETTINGS,
) -> list[PageGrid]:
    """Given a document's page grids and the pages OCR read, return the grids with the
    spaces the producer did not draw at wraps put back where the document's habit says
    they stood (see the module docstring); grids without such a line come back as given."""
    lines = (
        ln.text
        for g in grids
        if g.page_no not in ocr_pages
        for c in g.cells
        if c.column in TEXT_COLUMNS
        for ln in c.lines
    )
    kinds = spaced_kinds(lines) & frozenset(settings.kinds)
    if not kinds:
        return list(grids)
    out = []
    for g in grids:
        if g.page_no in ocr_pages:
            out.append(g)
            continue
        observed = right_limits(g.cells)
        cells = tuple(
            _cell_spaces(c, right_limit(c, observed), kinds, settings)
            if c.column in TEXT_COLUMNS
            else c
            for c in g.cells
        )
        same = all(a is b for a, b in zip(cells, g.cells, strict=True))
        out.append(g if same else replace(g, cells=cells))
    return out


def _cell_spaces(
    cell: GridCell, limit: float, kinds: frozenset[str], settings: WrapSpaceSettings
) -> GridCell:
    """Given a text cell, its right limit and the kinds the document spaces, return it with
    each line that wrapped at an undrawn space marked as ending in one."""
    lines = list(cell.lines)
    for i, (a, b) in enumerate(zip(cell.lines, cell.lines[1:], strict=False)):
        if a.trailing_space or not a.text or not b.text or PARAGRAPH_MARKER.regex.match(b.text):
            continue
        if (
            spaced_pair(a.text[-1], b.text[0], kinds)
            and a.end + settings.room_ratio * a.size > limit
        ):
            lines[i] = replace(a, trailing_space=True)
    return cell if lines == list(cell.lines) else replace(cell, lines=tuple(lines))
