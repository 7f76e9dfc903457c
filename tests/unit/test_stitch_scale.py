"""Stitch's tolerances: relative to the page's font size (a page read at any scale gives the
same tokens), and each one really used (changing it in `StitchSettings` changes the reading)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.layout.grid import GridCell, PageGrid
from pipeline.layout.primitives import Char, TextLine
from pipeline.layout.stitch import StitchSettings, first_word_width, grids_to_tokens, usual_pitch
from pipeline.models import BBox, Column, Fragment, Furniture
from tests.unit.test_stitch import FULL, JUSTIFIED, PAD, SIZE, XS, cell, frags, grid, line


def scaled_line(ln: TextLine, k: float) -> TextLine:
    chars = tuple(
        Char(c.text, c.x0 * k, c.top * k, c.x1 * k, c.bottom * k, c.size * k) for c in ln.chars
    )
    return replace(
        ln,
        x0=ln.x0 * k,
        top=ln.top * k,
        x1=ln.x1 * k,
        bottom=ln.bottom * k,
        size=ln.size * k,
        chars=chars,
        space_x1=ln.space_x1 * k,
    )


def scaled_grid(g: PageGrid, k: float) -> PageGrid:
    """The page's grid drawn `k` times as large (a power of two: every product exact)."""
    cells = tuple(
        replace(
            c,
            x0=c.x0 * k,
            top=c.top * k,
            x1=c.x1 * k,
            bottom=c.bottom * k,
            lines=tuple(scaled_line(ln, k) for ln in c.lines),
        )
        for c in g.cells
    )
    furniture = tuple(
        replace(
            f, bbox=f.bbox and BBox(f.bbox.x0 * k, f.bbox.top * k, f.bbox.x1 * k, f.bbox.bottom * k)
        )
        for f in g.furniture
    )
    return replace(
        g,
        cells=cells,
        furniture=furniture,
        columns=tuple(x * k for x in g.columns),
        body_top=g.body_top * k,
        body_bottom=g.body_bottom * k,
    )


def results_cell(tops: list[float], top: float = 60.0, bottom: float = 800.0) -> GridCell:
    lines = tuple(line(FULL, XS[4] + PAD, t) for t in tops)
    return GridCell(Column.RESULT, Column.RESULT, XS[4], top, XS[5], bottom, lines)


# Full results lines 14 pt apart twice, then 14.3 pt three times (the usual pitch, counted in
# quarter points at a 10 pt body), then one 15.8 pt lower: more than the usual pitch plus
# 0.15 em (15.75), so it starts a paragraph.
UNEVEN = [0.0, 14.0, 28.0, 42.3, 56.6, 70.9, 86.7]


def pages() -> list[PageGrid]:
    p1 = grid(
        1,
        [
            cell(Column.ITEM, 60, 800, "服務一致(100分)"),  # one line: no pitch of its own
            cell(Column.INDICATOR, 60, 800, "1.訂定申"),
            cell(Column.SUB, 60, 800, "(1) 訂定申辦"),
            cell(Column.UNITS, 60, 800, "各單位"),
            results_cell([60 + PAD + t for t in UNEVEN]),
        ],
    )
    p2 = grid(
        2,
        [
            GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 300, JUSTIFIED),
            cell(Column.SUB, 300, 400, "(2) 提升服務"),
            cell(Column.RESULT, 300, 400, "已完成。"),
        ],
    )
    return [p1, p2]


def test_uneven_pitch_page_reads_as_designed() -> None:
    out = frags(grids_to_tokens(pages()))
    results = [(text.count("|") + 1, cont, brk) for col, text, cont, brk in out if col == "RESULT"]
    # six wrapped lines, the seventh a paragraph of its own, then page 2's row goes on
    assert results[:2] == [(6, False, True), (1, True, True)]


@pytest.mark.parametrize("k", [0.25, 0.5, 2.0, 4.0])
def test_pages_read_alike_at_any_font_size(k: float) -> None:
    """Two pages' grids drawn at 2.5 pt to 40 pt (at 300 dpi a 10 pt body is ~40 px) give the
    same tokens: every stitch tolerance is relative to the font size."""
    grids = pages()
    want = grids_to_tokens(grids)
    got = grids_to_tokens([scaled_grid(g, k) for g in grids])
    assert frags(got) == frags(want)
    assert [t.text for t in got if isinstance(t, Furniture)] == [
        t.text for t in want if isinstance(t, Furniture)
    ]
    assert [t.page for t in got if isinstance(t, Fragment)] == [
        t.page for t in want if isinstance(t, Fragment)
    ]


def test_pitch_step_ratio_decides_which_pitches_are_one() -> None:
    c = results_cell(UNEVEN[:6])  # pitches 14, 14, 14.3, 14.3, 14.3 (the page's only ones)
    step = StitchSettings().pitch_step_ratio * SIZE
    assert usual_pitch([c], step) == 14.25
    fine = StitchSettings(pitch_step_ratio=0.05).pitch_step_ratio * SIZE
    assert usual_pitch([c], fine) == 14.5  # 14, 14, 14.5, 14.5, 14.5
    # and grids_to_tokens reads it from the settings: at half-point steps the usual pitch is
    # 14.5, and the 15.8 pt gap no longer exceeds it by 0.15 em
    out = frags(grids_to_tokens(pages(), StitchSettings(pitch_step_ratio=0.05)))
    assert next(text.count("|") + 1 for col, text, _, _ in out if col == "RESULT") == 7


def test_word_gap_ratio_decides_where_a_wrap_could_split() -> None:
    # "call" and "center" 1.5 pt (0.15 em) apart: touching letters at 0.2 em, a space at 0.1.
    call = line("call", 0, 0)
    center = line("center", call.x1 + 1.5, 0)
    both = TextLine("callcenter", 0, 0, center.x1, SIZE, SIZE, (*call.chars, *center.chars))
    assert first_word_width(both) == pytest.approx(center.x1)
    assert first_word_width(both, StitchSettings(word_gap_ratio=0.1)) == pytest.approx(call.x1)
