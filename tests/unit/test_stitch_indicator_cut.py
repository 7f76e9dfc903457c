"""A merged indicator cell cut by the page foot, its rest beside a new row on the next page."""

from __future__ import annotations

from pipeline.layout.grid import PageGrid
from pipeline.layout.stitch import grids_to_stream
from pipeline.models import Column
from tests.unit.test_stitch import cell, frags, grid

# 5 CJK glyphs (or "4." and 4) fill an indicator line: 80 + 4 + 50 = 134 < 136.


def pages(
    foot: tuple[str, ...],
    top: float,
    rest: str,
    sub: str = "(2)簡化流程。",
    above: tuple[str, ...] = (),
    foot_sub: str | None = "(1)設置櫃台。",
) -> list[PageGrid]:
    """Page 1: an item whose indicator cell spans to the foot, its text `foot` starting at
    `top` (below indicators printing `above`, one a row, where given); page 2: `rest` in
    the indicator column beside a new sub-indicator row, `sub` (the foot's row's: `foot_sub`,
    None for none)."""
    cells = [cell(Column.ITEM, 60, 800, "服務便捷性", "(100分)", "得分：88")]
    head = 60.0
    for name in above:
        cells += [
            cell(Column.INDICATOR, head, head + 100, *name.split("|")),
            cell(Column.SUB, head, head + 100, "(1)設置櫃台。"),
            cell(Column.UNITS, head, head + 100, "各單位"),
            cell(Column.RESULT, head, head + 100, "已完成。"),
        ]
        head += 100
    row = max(top, head) if above else head
    p1 = grid(
        1,
        [
            *cells,
            cell(Column.INDICATOR, max(top, head), 800, *foot),
            *([cell(Column.SUB, row, 800, foot_sub)] if foot_sub else []),
            cell(Column.UNITS, row, 800, "各單位"),
            cell(Column.RESULT, row, 800, "已完成。"),
        ],
    )
    p2 = grid(
        2,
        [
            cell(Column.INDICATOR, 60, 300, rest),
            cell(Column.SUB, 60, 300, sub),
            cell(Column.UNITS, 60, 300, "秘書室"),
            cell(Column.RESULT, 60, 300, "已簡化。"),
        ],
    )
    return [p1, p2]


def indicator(grids: list[PageGrid]) -> tuple[list[tuple[str, bool]], list[str]]:
    tokens, checks = grids_to_stream(grids)
    found = [(text, cont) for col, text, cont, _ in frags(tokens) if col == "INDICATOR"]
    return found, [c.check for c in checks if not c.passed]


def test_the_rest_of_a_numbered_indicator_continues_it() -> None:
    # Text down to the foot: the cell had no room for the rest ("4.提供多元案件查詢管道").
    found, failed = indicator(pages(("4.提供多元", "案件查"), 758, "詢管道"))
    assert found == [("4.提供多元|案件查", False), ("詢管道", True)]
    assert failed == []


def test_a_numbered_indicator_overleaf_opens_its_own() -> None:
    found, _ = indicator(pages(("4.提供多元", "案件查詢"), 758, "5.強化陳情"))
    assert found == [("4.提供多元|案件查詢", False), ("5.強化陳情", False)]
    # Unmarked, after a numbered name that ended far above the foot: not its rest (an
    # item numbering some indicators only; validate's numbering check says so).
    found, _ = indicator(pages(("4.提供多元", "案件查詢"), 60, "強化陳情"))
    assert found == [("4.提供多元|案件查詢", False), ("強化陳情", False)]


def test_an_unnumbered_indicator_after_a_cell_filled_to_the_foot_is_flagged() -> None:
    # The rest of "提供多元案件查詢管道與服務", or an indicator "與服務" of its own: unsure.
    found, failed = indicator(pages(("提供多元案", "件查詢管道"), 758, "與服務"))
    assert found == [("提供多元案|件查詢管道", False), ("與服務", False)]
    assert failed == ["indicator_page_cut"]


def test_an_unnumbered_indicator_ended_far_above_the_foot_is_not_a_rest() -> None:
    # The name sits at the top of its merged cell: it ended there, whatever its width.
    found, failed = indicator(pages(("提供多元案", "件查詢管道"), 60, "強化陳情"))
    assert found == [("提供多元案|件查詢管道", False), ("強化陳情", False)]
    assert failed == []


def test_sub_indicators_numbered_anew_open_a_new_indicator() -> None:
    # "(1)" beside it after "(1)" above the foot: only a new indicator numbers anew.
    cut = ("提供多元案", "件查詢管道")
    found, failed = indicator(pages(cut, 758, "與服務", sub="(1)簡化流程。", above=("強化陳情",)))
    assert found == [("強化陳情", False), ("提供多元案|件查詢管道", False), ("與服務", False)]
    assert failed == []
    # "(2)" after "(1)": a rest numbers on, and so may a new name: unsure.
    _, failed = indicator(pages(cut, 758, "與服務", above=("強化陳情",)))
    assert failed == ["indicator_page_cut"]
    # The foot's indicator printed no sub-indicator: the "(1)" above was another's.
    _, failed = indicator(
        pages(cut, 758, "與服務", sub="(1)簡化流程。", above=("強化陳情",), foot_sub=None)
    )
    assert failed == ["indicator_page_cut"]


def test_the_document_printing_the_parts_joined_elsewhere_settles_the_rest() -> None:
    cut = ("提供多元案", "件查詢管道")
    # "提供多元案件查詢管道與服務" stands whole above (not at a page top): the cut name's rest.
    whole = "提供多元案|件查詢管道|與服務"
    found, failed = indicator(pages(cut, 758, "與服務", above=("強化陳情", whole, "落實個資")))
    assert found[3:] == [("提供多元案|件查詢管道", False), ("與服務", True)]
    assert failed == []
    # "與服務" stands whole above, and never the two joined: a name of its own.
    found, failed = indicator(pages(cut, 758, "與服務", above=("強化陳情", "與服務", "落實個資")))
    assert found[3:] == [("提供多元案|件查詢管道", False), ("與服務", False)]
    assert failed == []
    # Both: nothing tells.
    _, failed = indicator(
        pages(cut, 758, "與服務", above=("強化陳情", whole, "與服務", "落實個資"))
    )
    assert failed == ["indicator_page_cut"]


def test_a_single_glyph_overleaf_is_the_rest_of_the_name() -> None:
    # "提供多元案件查詢管道" / "網": no indicator's name is one glyph (-layout 27048: "度").
    cut = ("提供多元案", "件查詢管道")
    found, failed = indicator(pages(cut, 758, "網", above=("強化陳情",)))
    assert found[1:] == [("提供多元案|件查詢管道", False), ("網", True)]
    assert failed == []
    # Numbered anew beside it, the evidence disagrees: unsure.
    _, failed = indicator(pages(cut, 758, "網", sub="(1)簡化流程。", above=("強化陳情",)))
    assert failed == ["indicator_page_cut"]
