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

For a Latin word, the same words printed elsewhere tell (`_phrase_spaced`): a form
repeats its sentences, and where "藉由 e" / "化、" wraps without a space drawn, the
document printing "藉由 e 化、" elsewhere (on one line, or with the space drawn at a
line's end) and never "藉由 e化、" had the space there (libreoffice-extra 9920); printing
them only touching, it had none.  Not for numbers: a form types one sentence's "113 年度"
and "113年度" both ways (the family does too).  A Latin wrap the words elsewhere do not
settle is unsure (`WrapSpaces.unsure`, the `wrap_space_unsure` check): the page prints
"e" / "化" alike whether a space stood between them or none.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

import regex

from pipeline.layout.grid import GridCell, PageGrid
from pipeline.layout.primitives import TextLine
from pipeline.layout.stitch import right_limit, right_limits
from pipeline.models import Check, Column
from pipeline.normalise.patterns import PARAGRAPH_MARKER
from pipeline.normalise.text import spaced_kind, spaced_kinds, spaced_pair

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
    # Glyphs (not spaces) on each side of a wrap looked for elsewhere in the document
    # (`_phrase_spaced`): "藉由 e" and "化、".
    phrase_before: int = 3
    phrase_after: int = 2
    # Times the words must stand elsewhere one way, and never the other, to settle a wrap.
    phrase_least: int = 2


DEFAULT_WRAP_SPACE_SETTINGS = WrapSpaceSettings()

_DIGIT_RUN = regex.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class WrapSpaces:
    """A document's grids with the spaces put back at wraps, and the wraps left unsure."""

    grids: list[PageGrid]
    unsure: list[str] = field(default_factory=list)

    def checks(self) -> list[Check]:
        """The `wrap_space_unsure` check, where a wrap was left unsure."""
        if not self.unsure:
            return []
        msg = (
            f"{len(self.unsure)} line(s) wrap between a Latin word and an ideograph at the "
            "column's edge with no space drawn: a space may have stood there or none, and "
            "neither the document's habit nor its words printed elsewhere tell (read "
            "without): " + "; ".join(self.unsure[:10])
        )
        return [Check("wrap_space_unsure", "error", msg, False)]


def restore_wrap_spaces(
    grids: Sequence[PageGrid],
    ocr_pages: Collection[int] = (),
    settings: WrapSpaceSettings = DEFAULT_WRAP_SPACE_SETTINGS,
) -> list[PageGrid]:
    """Given a document's page grids and the pages OCR read, return the grids with the
    spaces the producer did not draw at wraps put back (`wrap_spaces`)."""
    return wrap_spaces(grids, ocr_pages, settings).grids


def wrap_spaces(
    grids: Sequence[PageGrid],
    ocr_pages: Collection[int] = (),
    settings: WrapSpaceSettings = DEFAULT_WRAP_SPACE_SETTINGS,
) -> WrapSpaces:
    """Given a document's page grids and the pages OCR read, return the grids with the
    spaces the producer did not draw at wraps put back where the document's habit or its
    words printed elsewhere say they stood, and the Latin wraps nothing settles (see the
    module docstring); grids without such a line come back as given."""
    cells = [
        c for g in grids if g.page_no not in ocr_pages for c in g.cells if c.column in TEXT_COLUMNS
    ]
    kinds = spaced_kinds(ln.text for c in cells for ln in c.lines) & frozenset(settings.kinds)
    corpus = "\n\n".join(_printed(c.lines) for c in cells)
    out = []
    unsure: list[str] = []
    for g in grids:
        if g.page_no in ocr_pages:
            out.append(g)
            continue
        observed = right_limits(g.cells)
        placed = tuple(
            _cell_spaces(c, right_limit(c, observed), kinds, corpus, settings, unsure, g.page_no)
            if c.column in TEXT_COLUMNS
            else c
            for c in g.cells
        )
        same = all(a is b for a, b in zip(placed, g.cells, strict=True))
        out.append(g if same else replace(g, cells=placed))
    return WrapSpaces(out, unsure)


def _printed(lines: Sequence[TextLine]) -> str:
    """Given a cell's lines, return its text as the page shows it, digits any (one "0" a
    number): a line break where a space was drawn at the line's end is that space, any
    other one a newline (which no phrase looked for holds)."""
    text = "".join(ln.text + (" " if ln.trailing_space else "\n") for ln in lines)
    return str(_DIGIT_RUN.sub("0", text))


def _phrase_spaced(a: str, b: str, corpus: str, settings: WrapSpaceSettings) -> bool | None:
    """Given a line, the next and the document's printed text (`_printed`), tell whether
    the words around their wrap stand elsewhere a space apart (True) or touching (False),
    `phrase_least` times and never the other way, or neither (None)."""
    left, right = str(_DIGIT_RUN.sub("0", a)), str(_DIGIT_RUN.sub("0", b))
    left = _glyphs_from_end(left, settings.phrase_before)
    right = right[: len(_glyphs_from_end(right[::-1], settings.phrase_after))]
    spaced = corpus.count(f"{left} {right}")
    touching = corpus.count(left + right)
    if spaced >= settings.phrase_least and not touching:
        return True
    return False if touching >= settings.phrase_least and not spaced else None


def _glyphs_from_end(text: str, n: int) -> str:
    """Given text and a count, return the shortest end of it holding that many glyphs that
    are no spaces (all of it where it holds fewer)."""
    seen = 0
    for i in range(len(text) - 1, -1, -1):
        seen += not text[i].isspace()
        if seen == n:
            return text[i:]
    return text


def _cell_spaces(
    cell: GridCell,
    limit: float,
    kinds: frozenset[str],
    corpus: str,
    settings: WrapSpaceSettings,
    unsure: list[str],
    page_no: int,
) -> GridCell:
    """Given a text cell, its right limit, the kinds the document spaces and its printed
    text, return it with each line that wrapped at an undrawn space marked as ending in
    one; a Latin wrap nothing settles goes into `unsure`."""
    lines = list(cell.lines)
    for i, (a, b) in enumerate(zip(cell.lines, cell.lines[1:], strict=False)):
        if a.trailing_space or not a.text or not b.text or PARAGRAPH_MARKER.regex.match(b.text):
            continue
        if a.end + settings.room_ratio * a.size <= limit:
            continue  # room for a space glyph: a producer drawing its spaces drew none
        if not spaced_pair(a.text[-1], b.text[0], ("digit", "latin")):
            continue
        if spaced_pair(a.text[-1], b.text[0], kinds):
            lines[i] = replace(a, trailing_space=True)
        elif "latin" in (spaced_kind(a.text[-1]), spaced_kind(b.text[0])):
            by_words = _phrase_spaced(a.text, b.text, corpus, settings)
            if by_words:
                lines[i] = replace(a, trailing_space=True)
            elif by_words is None:
                unsure.append(f"p{page_no} {a.text[-8:]!r} / {b.text[:4]!r}")
    return cell if lines == list(cell.lines) else replace(cell, lines=tuple(lines))
