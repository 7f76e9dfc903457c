"""Structure: hand-built token streams → hierarchy, independent of any layout."""

from __future__ import annotations

import pytest

from pipeline.errors import StructureError
from pipeline.models import Column, Fragment, Furniture, PageStream, Token
from pipeline.structure import cn_ordinal, lines_to_units, tokens_to_document

IT, N, S, U, R = Column.ITEM, Column.INDICATOR, Column.SUB, Column.UNITS, Column.RESULT


def f(
    col: Column, *lines: str, page: int = 1, cont: bool = False, para_break: bool = True
) -> Fragment:
    return Fragment(column=col, lines=lines, page=page, cont=cont, para_break=para_break)


def doc_of(*tokens: Token, pages: int = 2) -> object:
    head: tuple[Token, ...] = (
        Furniture("title", "臺北市政府 110年度提升服務效能評核表", 1),
        Furniture("dimension", "構面二（服務遞送）（300分）", 1),
    )
    return tokens_to_document(PageStream(tokens=head + tokens, page_count=pages))


def test_continuations_and_page_ranges() -> None:
    d = doc_of(
        f(IT, "服務便捷性", "(100分)", "得分：80"),
        f(N, "1.建置單一窗口"),
        f(S, "(1) 設置全功能櫃台，提供整", "合服務。"),
        f(R, "1.受理案件計 1,2"),
        f(R, "04 件。", page=2, cont=True, para_break=False),
        f(R, "2.完成。", page=2, cont=True),
    )
    (row,) = d.rows  # type: ignore[attr-defined]
    assert row.result == "1.受理案件計 1,204 件。\n2.完成。"
    assert (row.page_start, row.page_end) == (1, 2)
    assert [c.column for c in row.cells] == [IT, N, S, R, R, R]


def test_units_qualifiers_and_unclosed_parentheses() -> None:
    assert lines_to_units(["資訊小組", "(各單位)", "秘書室 (研", "考)", "人事室"]) == (
        "資訊小組(各單位)",
        "秘書室 (研考)",
        "人事室",
    )
    assert lines_to_units(["各單位", "（資訊小組）"]) == ("各單位（資訊小組）",)


@pytest.mark.parametrize(
    ("text", "n"), [("一", 1), ("五", 5), ("十", 10), ("十二", 12), ("二十", 20), ("3", 3)]
)
def test_cn_ordinal(text: str, n: int) -> None:
    assert cn_ordinal(text) == n


def test_no_rows_is_a_structure_error() -> None:
    with pytest.raises(StructureError, match="no rows"):
        tokens_to_document(PageStream(tokens=(Furniture("header", "評核項目 …", 1),), page_count=1))


def test_merged_cell_continued_on_a_later_page_belongs_to_its_first_row() -> None:
    d = doc_of(
        f(IT, "服務機制精進", "(100分)"),
        f(N, "深化服務量能"),
        f(S, "建立內部常態性服務精進機制。"),
        f(R, "1.設置行動服務團。"),
        f(IT, "得分：88", page=2, cont=True),
        f(N, "(續)", page=2, cont=True),
        Furniture("subtotal", "小計 88 分", 2),
        Furniture("dimension", "構面三（服務量能）（200分）", 3),
        f(IT, "內部作業簡化", "(100分)", "得分：86", page=3),
        f(S, "聚焦核心業務。", page=3),
        pages=3,
    )
    first, second = d.rows  # type: ignore[attr-defined]
    assert (first.page_start, first.page_end) == (1, 2)
    assert [c.page for c in first.cells] == [1, 1, 1, 1, 2, 2]
    assert (second.dimension_no, second.page_start, second.page_end) == (3, 3, 3)
    assert d.items[0].score == 88 and d.items[0].page_end == 2  # type: ignore[attr-defined]


def test_unit_names_cut_by_a_wrap_are_joined_by_width() -> None:
    from pipeline.structure import join_unit_wraps

    lines = ("行政科", "兒童及少年福利與", "權益保障科", "1999市民熱線", "資訊室")
    # The widest line (16 columns) filled the cell; 1999市民熱線 (12) did not.
    assert join_unit_wraps(lines, 16) == [
        "行政科",
        "兒童及少年福利與權益保障科",
        "1999市民熱線",
        "資訊室",
    ]
    # A full line that ends like a unit name is a whole name.
    assert join_unit_wraps(("地籍測量課課長室", "資訊室"), 16) == ["地籍測量課課長室", "資訊室"]


def test_repeated_item_tail_under_a_cut_row_gives_that_row_its_page() -> None:
    # A layout repeating item text on every row; the second row is cut by page 1's foot and
    # only the rest of its item cell ("得分：80") stands on page 2.
    d = doc_of(
        f(IT, "服務便捷性", "(100分)", "得分：80"),
        f(S, "(1) 設置全功能櫃台。"),
        f(S, "(2) 簡化申辦流程。"),
        Fragment(column=IT, lines=("得分：80",), page=2, cont=True, repeat=True),
    )
    assert [(r.page_start, r.page_end) for r in d.rows] == [(1, 1), (1, 2)]  # type: ignore[attr-defined]
    assert d.items[0].score == 80 and d.items[0].name == "服務便捷性"  # type: ignore[attr-defined]


def test_a_latin_word_broken_mid_word_is_joined_when_it_stands_whole_elsewhere() -> None:
    d = doc_of(
        f(IT, "服務便捷性", "(100分)", "得分：80"),
        f(S, "(1) 設置全功能櫃台。"),
        f(R, "透過 LINE 官方帳號及 Fac", "ebook 粉絲專頁發布訊息。"),
        f(S, "(2) 提供 call center 服務。"),
        f(R, "提供 call", "center 及 Facebook 專頁。"),
    )
    assert [r.result for r in d.rows] == [  # type: ignore[attr-defined]
        "透過 LINE 官方帳號及 Facebook 粉絲專頁發布訊息。",
        "提供 call center 及 Facebook 專頁。",
    ]


def test_a_unit_name_cut_after_a_unit_like_head_is_joined_when_it_stands_whole_elsewhere() -> None:
    from pipeline.structure import mend_cut_units

    rows = [("地政服務所", "第二課", "秘書室"), ("地政服務所第二課",), ("秘書室", "人事室")]
    assert mend_cut_units(rows) == [("地政服務所第二課", "秘書室"), *rows[1:]]
    # Either part standing alone elsewhere, or the whole never: two names as printed.
    alone = [*rows, ("第二課",)]
    assert mend_cut_units(alone) == alone
    assert mend_cut_units([rows[0], rows[2]]) == [rows[0], rows[2]]


@pytest.mark.parametrize(
    ("lines", "score"),
    [
        (("提高服務滿", "意度(270分)", "得分：208", "分"), 208),  # LibreOffice seed 5107
        (("提高服務滿", "意度(270分)", "得分：47.", "5 分"), 47.5),
        (("提高服務滿", "意度(270分)", "得分：", "208 分"), 208),
    ],
)
def test_a_score_line_wrapped_before_its_unit_keeps_the_unit_out_of_the_name(
    lines: tuple[str, ...], score: float
) -> None:
    d = doc_of(f(IT, *lines), f(N, "1.建置單一窗口"), f(S, "(1) 設置全功能櫃台。"))
    (item,) = d.items  # type: ignore[attr-defined]
    assert (item.name, item.max_points, item.score) == ("提高服務滿意度", 270, score)
