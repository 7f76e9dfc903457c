"""A page break inside an item's score line: the rest at the next page's top continues it."""

from __future__ import annotations

import pytest

from pipeline.layout.grid import PageGrid
from pipeline.layout.stitch import grids_to_tokens, score_rest
from pipeline.models import Column
from tests.unit.test_stitch import cell, frags, grid

# 15 CJK glyphs fill a sub-indicator line (144 + 150 = 294, the limit is 296).
SUB_FULL = "1)強化機關單位服務人員對涉及服"


@pytest.mark.parametrize(
    ("current", "key", "rest"),
    [
        ("服務成長及優化(10分)得分：10", "分", True),  # LibreOffice, seed 5302
        ("服務成長及優化(10分)得分：", "88", True),
        ("服務成長及優化(10分)得分：1", "00分", True),
        ("服務成長及優化(10分)得", "分：88", True),
        ("服務成長及優化(10分)得分：10分", "分", False),  # the line was whole
        ("服務成長及優化(10分)得分：10", "服務可近性(10分)得分：6", False),  # a new item
        ("服務成長及優化(10分)得分：10", "(10分)", False),
        ("服務成長及優化(10分)", "得分：10", False),  # no score line was open
    ],
)
def test_score_rest(current: str, key: str, rest: bool) -> None:
    assert score_rest(current, key) is rest


def pages(tail: str) -> list[PageGrid]:
    p1 = grid(
        1,
        [
            cell(Column.ITEM, 60, 800, "服務成長及", "優化", "(10分)", "得分：10"),
            cell(Column.INDICATOR, 60, 800, "一、提供預約"),
            cell(Column.SUB, 60, 800, SUB_FULL),
            cell(Column.UNITS, 60, 800, "各單位"),
            cell(Column.RESULT, 60, 800, "(1)依規定定期陳報。"),
        ],
    )
    p2 = grid(
        2,
        [
            cell(Column.ITEM, 60, 300, tail),
            cell(Column.SUB, 60, 300, "務業務處理流程。"),
            cell(Column.RESULT, 60, 300, "(2)提供諮詢服務。"),
        ],
    )
    return [p1, p2]


def test_the_rest_of_a_score_line_at_the_page_top_continues_the_row() -> None:
    out = frags(grids_to_tokens(pages("分")))
    assert out[5:] == [
        ("ITEM", "分", True, True),
        ("SUB", "務業務處理流程。", True, True),  # the rest of the cut sub-indicator
        ("RESULT", "(2)提供諮詢服務。", True, True),
    ]


def test_a_new_item_cell_at_the_page_top_after_a_score_line_opens_a_row() -> None:
    out = frags(grids_to_tokens(pages("服務可近性")))
    assert [(col, cont) for col, _, cont, _ in out[5:]] == [
        ("ITEM", False),
        ("SUB", False),
        ("RESULT", False),
    ]
