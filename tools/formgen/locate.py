"""Where a producer's engine put each row: found in the PDF's glyphs, never by pipeline code.

For producers that paginate on their own (Chromium, LibreOffice), the expected
page ranges are read back from the PDF: pdfplumber's chars of every page,
whitespace dropped, in drawing order form one string (`tools.render_lo.read_glyphs`),
and each row's cells, in the order the producer draws them, are located in it
(`tools.render_lo.locate`: a cell's first piece, then what a page break pushed to
the next page).  A row spans the pages of its cells' glyphs; an item spans its
rows; a dimension runs from its heading to its 小計.  The glyphs claimed by cells
plus the furniture the producer says it printed must account for every glyph once,
so a mislocated cell cannot pass silently.
"""

from __future__ import annotations

import copy
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tools.formgen.model import Form
from tools.render_lo import Glyphs, RenderError, compact, locate, read_glyphs

_PERL = (
    'use Unicode::UCD qw(charprop); my ($a, $b) = ("", ""); for my $cp (0x2E80..0x2FDF) '
    '{ my $v = charprop($cp, "Equivalent_Unified_Ideograph"); '
    'if (defined $v && $v ne "") { $a .= chr($cp); $b .= $v; } } print "$a\\n$b\\n"'
)
_a, _b = subprocess.run(
    ["perl", "-CS", "-e", _PERL], capture_output=True, text=True, check=True
).stdout.split("\n")[:2]
_RADICALS = str.maketrans(_a, _b)


@dataclass(frozen=True, slots=True)
class DrawnRow:
    """One form row and the texts of the cells drawn for it, in drawing order."""

    row: dict[str, Any]
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DrawnDimension:
    heading: str
    subtotal: str
    rows: tuple[DrawnRow, ...]


def fold_radical(text: str) -> str:  # and, in glyphs_of, · to • (one Noto glyph)
    """Given glyph text, return radical code points as the ideographs they stand for (⾯ → 面).

    Noto CJK shares outlines between 面 and ⾯; Chromium's ToUnicode maps them back
    to the radical.  Unicode's own table (EquivalentUnifiedIdeograph), as Perl ships it.
    """
    return text.translate(_RADICALS)


def glyphs_of(pdf: bytes) -> tuple[Glyphs, int]:
    """Given PDF bytes, return its glyphs in drawing order (radicals folded) and its page count."""
    with tempfile.TemporaryDirectory(prefix="formgen-") as tmp:
        path = Path(tmp) / "f.pdf"
        path.write_bytes(pdf)
        g, count = read_glyphs(path)
    return replace(g, text=fold_radical(g.text).replace("·", "•")), count


def paginate(
    form: Form,
    pdf: bytes,
    dims: Sequence[DrawnDimension],
    furniture: Callable[[int], Sequence[str]],
    repeated: Sequence[str] = (),
) -> Form:
    """Given a form, its PDF, what was drawn per row and the furniture printed, return the
    form with page_count and every page range filled in.

    `furniture(page_count)` lists every furniture string printed once (title,
    headings, 小計, footers, notes); each of `repeated` (the header row, a title on
    every page) counts as often as it occurs in the glyphs.
    """
    g, count = glyphs_of(pdf)
    expected = copy.deepcopy(form)
    rows_pages: dict[int, tuple[int, int]] = {}
    claimed: set[int] = set()
    cursor = 0
    dim_pages: dict[int, tuple[int, int]] = {}
    for dim in dims:
        at = g.text.find(compact(dim.heading), cursor)
        if at < 0:
            raise RenderError(f"heading {dim.heading!r} not found")
        cursor = at + len(compact(dim.heading))
        dno = dim.rows[-1].row["dimension_no"] if dim.rows else 0
        placed, cursor = place_rows(g, dim.rows, cursor, claimed)
        for drawn, (pages, _, mine) in zip(dim.rows, placed, strict=True):
            claimed |= mine
            rows_pages[drawn.row["row_no"]] = (min(pages), max(pages))
        sub = g.text.find(compact(dim.subtotal), cursor)
        if sub < 0:
            raise RenderError(f"subtotal {dim.subtotal!r} not found")
        dim_pages[dno] = (g.pages[at], g.pages[sub])
        cursor = sub + len(compact(dim.subtotal))
    furn = sum(len(compact(f)) for f in furniture(count))
    furn += sum(g.text.count(compact(r)) * len(compact(r)) for r in repeated)
    if len(claimed) + furn != len(g.text):
        raise RenderError(
            f"{len(g.text)} glyphs, {len(claimed)} in cells and {furn} furniture: "
            "some text was not located"
        )
    return fill_pages(expected, count, rows_pages, dim_pages)


def place_row(
    g: Glyphs, drawn: DrawnRow, cursor: int, claimed: set[int], *, give_back: bool = False
) -> tuple[list[int], int, set[int]]:
    """Given the glyphs, a drawn row, where its cells start and the glyphs other cells
    claimed, return the pages its cells' glyphs are on, where the next row starts and the
    glyphs it claims (`give_back`: see `tools.render_lo.locate`)."""
    pages: list[int] = []
    mine: set[int] = set()
    cont_end = cursor
    for text in drawn.cells:
        if not compact(text):
            continue
        pieces = locate(g, text, cursor, cont_end, give_back=give_back)
        for a, b in pieces:
            if claimed.intersection(range(a, b)) or mine.intersection(range(a, b)):
                raise RenderError(f"glyphs {a}..{b} claimed twice ({text[:12]!r})")
            mine.update(range(a, b))
        pages += [g.pages[pieces[0][0]], g.pages[pieces[-1][1] - 1]]
        cursor = pieces[0][1]
        if len(pieces) > 1:
            cont_end = max(cont_end, pieces[-1][1])
    if not pages:
        raise RenderError(f"row {drawn.row['row_no']} has no text")
    return pages, max(cursor, cont_end), mine


Placed = tuple[list[int], int, set[int]]  # pages, where the next row starts, glyphs claimed


def place_rows(
    g: Glyphs, rows: Sequence[DrawnRow], cursor: int, claimed: set[int]
) -> tuple[list[Placed], int]:
    """Given the glyphs, a dimension's drawn rows, where they start and the glyphs claimed
    before, return each row as placed (see `place_row`) and where the rows end.

    A row that cannot be placed is placed again with `give_back`, and if that fails
    too, the row before it is (its cell may have run on into this row's first glyphs).
    """
    placed: list[Placed] = []
    give = [False] * len(rows)
    i = 0
    while i < len(rows):
        start = placed[-1][1] if placed else cursor
        taken = claimed.union(*(p[2] for p in placed))
        try:
            placed.append(place_row(g, rows[i], start, taken, give_back=give[i]))
            i += 1
        except RenderError:
            if not give[i]:
                give[i] = True
            elif i > 0 and not give[i - 1]:
                give[i - 1], give[i] = True, False
                placed.pop()
                i -= 1
            else:
                raise
    return placed, placed[-1][1] if placed else cursor


def fill_pages(
    form: Form,
    count: int,
    rows_pages: dict[int, tuple[int, int]],
    dim_pages: dict[int, tuple[int, int]],
) -> Form:
    """Given a form and where its rows and dimensions landed, return it with every page field set.

    An item spans its rows (its cell is drawn with its first row).
    """
    form["document"]["page_count"] = count
    for r in form["rows"]:
        r["page_start"], r["page_end"] = rows_pages[r["row_no"]]
    for it in form["items"]:
        own = [
            rows_pages[r["row_no"]]
            for r in form["rows"]
            if (r["dimension_no"], r["item_no"]) == (it["dimension_no"], it["item_no"])
        ]
        it["page_start"] = min(p[0] for p in own)
        it["page_end"] = max(p[1] for p in own)
    for d in form["dimensions"]:
        d["page_start"], d["page_end"] = dim_pages[d["dimension_no"]]
    return form
