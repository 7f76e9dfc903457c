"""A merged indicator cell cut by the page foot, its rest beside a new row on the next page."""

from __future__ import annotations

from pipeline.layout.grid import PageGrid
from pipeline.layout.stitch import grids_to_stream
from pipeline.models import Column
from tests.unit.test_stitch import cell, frags, grid

# 5 CJK glyphs (or "4." and 4) fill an indicator line: 80 + 4 + 50 = 134 < 136.


def pages(foot: tuple[str, ...], top: float, rest: str) -> list[PageGrid]:
    """Page 1: an item whose indicator cell spans to the foot, its text `foot` starting at
    `top`; page 2: `rest` in the indicator column beside a new sub-indicator row."""
    p1 = grid(
        1,
        [
            cell(Column.ITEM, 60, 800, "服務便捷性", "(100分)", "得分：88"),
            cell(Column.INDICATOR, top, 800, *foot),
            cell(Column.SUB, 60, 800, "(1)設置櫃台。"),
            cell(Column.UNITS, 60, 800, "各單位"),
            cell(Column.RESULT, 60, 800, "已完成。"),
        ],
    )
    p2 = grid(
        2,
        [
            cell(Column.INDICATOR, 60, 300, rest),
            cell(Column.SUB, 60, 300, "(2)簡化流程。"),
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
