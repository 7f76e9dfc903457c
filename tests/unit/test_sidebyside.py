"""Side-by-side dumps (`pdftotext -layout`) on small hand-built pages: each rule that puts
the dump back on a page for the PDF path's grid (`layout.textdump.sidebyside`)."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from pipeline.errors import InputError
from pipeline.layout.textdump import sidebyside, text_to_stream
from pipeline.models import Document
from pipeline.structure import tokens_to_document

# Cell where each column's text starts on a line, as the tool prints this small form.
ITEM, IND, SUB, UNITS, RESULT = 0, 10, 20, 38, 48


def line(*cells: tuple[int, str]) -> str:
    """One printed line: each (cell, text) at its character cell, spaces between."""
    out = ""
    for at, text in cells:
        out = out.ljust(at) if len(out) < at or not out else out + " "
        out += text
    return out


TOP = [
    line((6, "臺中市政府地政局 109年度提升服務效能評核表")),
    line((0, "第一線服務機關")),
    line((0, "評核構面一(基礎服務)(200分)")),
    "",
    line(
        (1, "評核項目"),
        (IND + 1, "評核指標"),
        (SUB + 4, "次評核指標"),
        (UNITS, "主辦單位"),
        (RESULT + 3, "具體作法與成果"),
    ),
    "",
]


# The title and header a later page starts with, and the header's blank line.
PAGE_HEAD = [TOP[0], TOP[4], ""]


def read(lines: list[str]) -> tuple[Document, dict[str, str]]:
    stream = text_to_stream("\n".join(lines) + "\n\f")
    failed = {c.check: c.message for c in stream.checks if not c.passed}
    return tokens_to_document(stream), failed


# The 小計 line closing the dimension.
SUBTOTAL = line((0, "小計"), (30, "88"), (60, "分"))
# A row's first line, as the tool prints it under the header.
FIRST = line(
    (ITEM, "服務一致及"),
    (IND, "1.訂定申辦"),
    (SUB, "訂定申辦業務標準作業"),
    (UNITS, "地籍測量科"),
    (RESULT, "完成訂定標準作業流程"),
)
# Row 1: units set apart (a units line falls between two lines of the sub-indicator).
ROW1 = [
    FIRST,
    line(
        (ITEM, "正確性"),
        (IND, "業務標準"),
        (SUB, "流程，維持服務措施處"),
        (RESULT, "，共計 12 項。"),
    ),
    line((ITEM, "(100分)"), (UNITS, "資訊室")),
    line((SUB, "理一致性。")),
    "",
]


def test_a_side_by_side_dump_is_read_through_the_grid() -> None:
    doc, failed = read(TOP + ROW1 + [SUBTOTAL])
    assert not failed, failed
    (row,) = doc.rows
    assert (row.indicator_no, row.indicator) == ("1", "訂定申辦業務標準")
    # The sub-indicator's lines on either side of the units line are one cell.
    assert row.sub_indicator == "訂定申辦業務標準作業流程，維持服務措施處理一致性。"
    assert row.units == ("地籍測量科", "資訊室")
    assert row.result == "完成訂定標準作業流程，共計 12 項。"


def test_text_pushed_against_the_next_column_is_cut_back() -> None:
    # The tool ran the indicator into the item's line with one space, the units into the
    # sub-indicator's ("(含 各單位": a space between two wide glyphs parts two cells), and
    # a unit of the document's own after a half-width bracket ("設施( 地籍測量科").
    rows = [
        line(
            (ITEM, "服務友善性與品質 2.提升服"),
            (SUB, "強化服務人員(含 各單位"),
            (RESULT, "辦理訓練 4 場次。"),
        ),
        line((ITEM, "(100分)"), (IND, "務專業度"), (SUB, "委外人員)專業度。")),
        "",
        line((SUB, "定期檢查硬體設施( 地籍測量科"), (RESULT, "完成檢查。")),
        line((SUB, "如飲水機)。")),
        "",
    ]
    doc, failed = read(TOP + ROW1 + rows + [SUBTOTAL])
    assert not failed, failed
    assert [i.name for i in doc.items] == ["服務一致及正確性", "服務友善性與品質"]
    _, first, second = doc.rows
    assert (first.indicator_no, first.indicator) == ("2", "提升服務專業度")
    assert first.sub_indicator == "強化服務人員(含委外人員)專業度。"
    assert first.units == ("各單位",)
    assert second.sub_indicator == "定期檢查硬體設施(如飲水機)。"
    assert second.units == ("地籍測量科",)


def test_rows_with_no_blank_line_between_open_at_a_list_marker() -> None:
    # The item's 得分 line fell between two rows, so the tool printed no blank line.
    rows = [
        line(
            (ITEM, "服務友善性"),
            (IND, "1.提升服務"),
            (SUB, "(1) 檢討流程。"),
            (UNITS, "資訊室"),
            (RESULT, "完成檢討。"),
        ),
        line((ITEM, "(100分)"), (IND, "友善性")),
        line((ITEM, "得分：90")),
        line((SUB, "(2) 設置指標。"), (UNITS, "登記科"), (RESULT, "完成設置。")),
        "",
    ]
    doc, failed = read(TOP + rows + [line((0, "小計"), (30, "90"), (60, "分"))])
    assert not failed, failed
    assert [(r.sub_no, r.sub_indicator, r.units, r.result) for r in doc.rows] == [
        ("(1)", "檢討流程。", ("資訊室",), "完成檢討。"),
        ("(2)", "設置指標。", ("登記科",), "完成設置。"),
    ]
    assert doc.items[0].score == 90


def test_a_sub_indicator_numbering_on_opens_a_row_though_the_line_above_is_full() -> None:
    # `-layout-extra` 35569: "(1)"'s last line fills its column and ends no sentence, the
    # indicator's last line stands between, then "(2)" with no blank line: the next row.
    rows = [
        line(
            (ITEM, "服務友善性"),
            (IND, "1.提升服務"),
            (SUB, "(1) 定期辦理教育訓"),
            (UNITS, "資訊室"),
            (RESULT, "完成訓練。"),
        ),
        line((ITEM, "(100分)"), (IND, "人員專業"), (SUB, "練，提升同仁服務知")),
        line((ITEM, "得分：90"), (IND, "度")),
        line((SUB, "(2) 設置指標。"), (UNITS, "登記科"), (RESULT, "完成設置。")),
        "",
    ]
    doc, failed = read(TOP + rows + [line((0, "小計"), (30, "90"), (60, "分"))])
    assert [(r.sub_no, r.sub_indicator, r.units) for r in doc.rows] == [
        ("(1)", "定期辦理教育訓練，提升同仁服務知", ("資訊室",)),
        ("(2)", "設置指標。", ("登記科",)),
    ], failed
    # A marker of another style, or one numbering no higher, opens none by its number.
    for marker in ("② ", "(1) "):
        rows[3] = line((SUB, marker + "設置指標。"), (UNITS, "登記科"), (RESULT, "完成設置。"))
        doc, _ = read(TOP + rows + [line((0, "小計"), (30, "90"), (60, "分"))])
        assert len(doc.rows) == 1, marker


def test_a_row_cut_by_a_page_break_goes_on_after_the_header() -> None:
    page2 = [
        *PAGE_HEAD,
        line((SUB, "理一致性。"), (UNITS, "資訊室"), (RESULT, "，共計 12 項。")),
        "",
        line((0, "小計"), (30, "88"), (60, "分")),
    ]
    page1 = [
        *TOP,
        FIRST,
        line((ITEM, "正確性"), (IND, "業務標準"), (SUB, "流程，維持服務措施處")),
        line((ITEM, "(100分)")),
        line((ITEM, "得分：88")),
        "",
    ]
    doc, failed = read([*page1, "\x0c" + page2[0], *page2[1:]])
    assert not failed, failed
    (row,) = doc.rows
    assert row.sub_indicator == "訂定申辦業務標準作業流程，維持服務措施處理一致性。"
    assert row.units == ("地籍測量科", "資訊室")
    assert row.result == "完成訂定標準作業流程，共計 12 項。"
    assert (row.page_start, row.page_end) == (1, 2)


def test_a_new_indicator_under_a_page_tops_ended_sub_indicator_opens_a_row() -> None:
    # `-layout-extra` 36343: the page's first body line is the rest of a row the break cut
    # ("(170分)  證明文件。  77場次。"); the next line starts a row, unnumbered, with no
    # blank line between ("得分：120  強化陳情處  訂定申辦業務標準作業…").  The block has no
    # indicator above it, but the sub-indicator before ended its sentence with room to
    # spare: a sub-indicator is one paragraph, so the line beside the indicator is a new one.
    page2 = [
        *PAGE_HEAD,
        line((ITEM, "(100分)"), (SUB, "理一致性。"), (RESULT, "，共計 12 項。")),
        line(
            (ITEM, "得分：88"),
            (IND, "強化陳情處"),
            (SUB, "建立民眾意見反映管"),
            (UNITS, "資訊室"),
            (RESULT, "完成建置。"),
        ),
        line((IND, "理機制"), (SUB, "道。")),
        "",
        SUBTOTAL,
    ]
    page1 = [
        *TOP,
        FIRST,
        line((ITEM, "正確性"), (IND, "業務標準"), (SUB, "流程，維持服務措施處")),
        "",
    ]
    doc, failed = read([*page1, "\x0c" + page2[0], *page2[1:]])
    assert [(r.indicator, r.sub_indicator, r.units, r.result) for r in doc.rows] == [
        (
            "訂定申辦業務標準",
            "訂定申辦業務標準作業流程，維持服務措施處理一致性。",
            ("地籍測量科",),
            "完成訂定標準作業流程，共計 12 項。",
        ),
        ("強化陳情處理機制", "建立民眾意見反映管道。", ("資訊室",), "完成建置。"),
    ], failed
    assert doc.items[0].score == 88


def test_a_sentence_ending_at_the_column_edge_is_flagged() -> None:
    # "…合計共計 123 項。" ends half an em short of the results column's widest line (10
    # ems), and the column may be up to an em wider than that: the next line's 另 may
    # have fitted (a new paragraph) or not (a wrap); the dump keeps nothing else to tell.
    rows = [
        FIRST,
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "流程，維持一致性。"),
            (RESULT, "，合計共計 123 項。"),
        ),
        line((ITEM, "(100分)"), (RESULT, "另公告於網站。")),
        "",
    ]
    _, failed = read(TOP + rows + [SUBTOTAL])
    assert (
        "paragraph_ends_unsure" in failed and "計共計 123 項。" in failed["paragraph_ends_unsure"]
    )
    # A next line that is a list entry opens its paragraph whatever the width says.
    rows[2] = line((ITEM, "(100分)"), (RESULT, "1.另公告於網站。"))
    _, failed = read(TOP + rows + [SUBTOTAL])
    assert "paragraph_ends_unsure" not in failed


def test_a_line_start_the_tool_jittered_left_stays_in_its_column() -> None:
    # The results column's lines start at 48; the tool put one at 46, two cells left, and
    # one at 44, two spaces after a unit name: two spaces part cells, so it is the next
    # column's even where the column's edge (3 cells before its usual start) says not.
    rows = [
        FIRST,
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "流程，維持一致性。"),
            (RESULT - 2, "，共計 12 項，並予以"),
        ),
        line((ITEM, "(100分)"), (UNITS, "資訊室"), (UNITS + 6, "公告於網站，並持續檢")),
        line((RESULT, "討及更新內容。")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    (row,) = doc.rows
    assert row.units == ("地籍測量科", "資訊室")
    assert (
        row.result == "完成訂定標準作業流程，共計 12 項，並予以公告於網站，並持續檢討及更新內容。"
    )


def test_a_dump_whose_cells_run_together_is_refused_by_name() -> None:
    # LibreOffice's justified cells: a space between every two glyphs, one between cells.
    lines = [
        TOP[0],
        TOP[4],
        "服務一致及正 1.訂定申辦業務 訂定申辦業務標準作業 電 資 產 品 課 完成訂定商品報驗發證、免驗",
        "確性      標準作業流程  流程，維持服務措施處 機 械 產 品 課 案件、度量衡器等申辦業務標",
        "(100 分)         理一致性，且持續檢討 化 工 產 品 課 準 作 業 流 程 ， 且 於 報 驗 發 證",
    ] * 3
    with pytest.raises(InputError, match="side by side \\(pdftotext -layout\\)"):
        text_to_stream("\n".join(lines) + "\n")


def test_an_indicator_number_under_another_indicator_opens_a_row() -> None:
    # The rows' lines are set close: the next indicator's "2." follows the line before,
    # full to the column's width, with no blank line and no empty line between.
    rows = [
        line(
            (ITEM, "服務友善性"),
            (IND, "1.提升服務"),
            (SUB, "檢討流程，減少臨櫃"),
            (UNITS, "資訊室"),
            (RESULT, "完成檢討。"),
        ),
        line((ITEM, "(100分)"), (IND, "友善性提升"), (SUB, "次數及應備書證")),
        line(
            (ITEM, "得分：90"),
            (IND, "2.建立標示"),
            (SUB, "設置雙語指標"),
            (UNITS, "登記科"),
            (RESULT, "完成設置。"),
        ),
        "",
    ]
    doc, failed = read(TOP + rows + [line((0, "小計"), (30, "90"), (60, "分"))])
    assert not failed, failed
    assert [(r.indicator_no, r.indicator, r.sub_indicator, r.units) for r in doc.rows] == [
        ("1", "提升服務友善性提升", "檢討流程，減少臨櫃次數及應備書證", ("資訊室",)),
        ("2", "建立標示", "設置雙語指標", ("登記科",)),
    ]


def test_a_line_that_left_room_for_a_glyph_ends_its_paragraph() -> None:
    # Lines wrap at 10 ems; "辦理說明會共計三場" (9) left room for the next line's 另: a
    # greedy wrap would have taken it, so a paragraph ends there, though no 。 says so.
    rows = [
        FIRST,
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "流程，維持一致性。"),
            (RESULT, "，並辦理說明會共計三"),
        ),
        line((ITEM, "(100分)"), (RESULT, "辦理說明會共計三場")),
        line((RESULT, "另公告於網站。")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    assert (
        doc.rows[0].result
        == "完成訂定標準作業流程，並辦理說明會共計三辦理說明會共計三場\n另公告於網站。"
    )


def test_a_unit_the_tool_put_well_inside_the_sub_indicator_column_is_a_unit() -> None:
    # Units start at 38; the tool mapped one unit's block to cell 30, inside the
    # sub-indicator column, whose lines all start at its left edge (20).
    rows = [
        FIRST,
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "流程，維持一致性。"),
            (RESULT, "，共計 12 項。"),
        ),
        line((ITEM, "(100分)"), (30, "資訊室")),
        line((UNITS, "登記科")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    (row,) = doc.rows
    assert row.sub_indicator == "訂定申辦業務標準作業流程，維持一致性。"
    assert row.units == ("地籍測量科", "資訊室", "登記科")


# Latin letters are a cell each but half an em: "call center 人員)對涉" runs past the units
# column's edge in cells, within its own column in ems.  Only a name is cut off into the
# units column: after spaces, or glued with none (a pitch narrower than the glyphs,
# `-layout -fixed 8`, where the tool printed the name right after the line), a name of the
# document's own standing past the edge.
LATIN_FIRST_LINES = {
    "spaced": (
        (SUB, "強化服務人員(含委外 call center 人員)對涉"),
        (UNITS + 6, "地籍測量科"),
        (RESULT + 2, "完成訓練。"),
    ),
    "glued": (
        (SUB, "強化服務人員(含委外 call center 人員)對涉地籍測量科"),
        (RESULT + 14, "完成訓練。"),
    ),
}


@pytest.mark.parametrize("cells", LATIN_FIRST_LINES.values(), ids=LATIN_FIRST_LINES.keys())
def test_latin_words_that_run_past_the_edge_in_cells_stay_in_their_cell(
    cells: tuple[tuple[int, str], ...],
) -> None:
    rows = [
        line((ITEM, "服務友善性"), (IND, "2.提升專業"), *cells),
        line((ITEM, "(100分)"), (SUB, "及服務流程。")),
        "",
    ]
    doc, failed = read(TOP + ROW1 + rows + [SUBTOTAL])
    assert not failed, failed
    row = doc.rows[1]
    assert row.sub_indicator == "強化服務人員(含委外 call center 人員)對涉及服務流程。"
    assert row.units == ("地籍測量科",)


def test_header_labels_head_their_columns_in_order_wherever_the_tool_put_them() -> None:
    # The tool put 評核指標 at cell 6, left of where the indicator column's lines start
    # (10) by more than a few cells: it still heads the second column.
    top = [
        *TOP[:4],
        line(
            (0, "評核項目"),
            (6, "評核指標"),
            (SUB + 4, "次評核指標"),
            (UNITS, "主辦單位"),
            (RESULT + 3, "具體作法與成果"),
        ),
        "",
    ]
    doc, failed = read(top + ROW1 + [SUBTOTAL])
    assert not failed, failed
    (row,) = doc.rows
    assert (row.indicator, row.units) == ("訂定申辦業務標準", ("地籍測量科", "資訊室"))


def test_a_run_far_wider_than_its_column_gives_up_a_wrapped_unit_name() -> None:
    # "…服務人員( 國際交流暨": the first line of a unit name wrapped in the units column
    # ("觀光發展處" under it), pushed after a half-width bracket; the run is far wider than
    # any line of the sub-indicator column, so it holds another cell's text.
    rows = [
        line(
            (ITEM, "服務友善性"),
            (IND, "2.提升專業"),
            (SUB, "確保服務人員之專業( 國際交流暨"),
            (RESULT, "完成標示。"),
        ),
        line((ITEM, "(100分)"), (SUB, "姓名)標示正確。"), (UNITS, "觀光發展處")),
        "",
    ]
    doc, failed = read(TOP + ROW1 + rows + [SUBTOTAL])
    assert not failed, failed
    row = doc.rows[1]
    assert row.sub_indicator == "確保服務人員之專業(姓名)標示正確。"
    assert row.units == ("國際交流暨觀光發展處",)


# An item's first line whose indicator's line "2.提升服" goes on in the line after it.
PUSHED_ROW = line(
    (ITEM, "服務友善性"),
    (IND, "2.提升服"),
    (SUB, "強化服務人員專業。"),
    (UNITS, "資訊室"),
    (RESULT, "完成訓練。"),
)


def test_what_follows_an_items_points_on_its_line_is_the_next_cell() -> None:
    # "(10分) 務專業度": the tool pushed the indicator's second line against the item's
    # points, left of the indicator column's edge; "(N分)" is a line of its own.
    rows = [
        PUSHED_ROW,
        line((ITEM, "(10分)"), (6, "務專業度")),
        "",
    ]
    doc, failed = read(TOP + ROW1 + rows + [SUBTOTAL])
    assert not failed, failed
    assert (doc.items[1].name, doc.items[1].max_points) == ("服務友善性", 10)
    assert doc.rows[1].indicator == "提升服務專業度"
    # The same where the item's name ends with its points ("意見(20分) 服務措施", seed
    # 1502 of make fuzz): the indicator's line pushed against them, well short of the edge.
    s = sidebyside.SIDE_BY_SIDE
    assert (
        sidebyside._cut(
            sidebyside._Run(0, 0.0, "意見(20分) 服務措施"), None, 130.0, 2, frozenset(), s
        )
        == 7
    )
    # The first cut is after the points, though two cells' glyphs meet further on: the
    # indicator's line, then the sub-indicator's (seed 7820 of -layout).
    assert (
        sidebyside._cut(
            sidebyside._Run(0, 0.0, "(150分) 人員專業度 升同仁服務知能"),
            None,
            75.0,
            2,
            frozenset(),
            s,
        )
        == 6
    )
    # An indicator's word, then a bracket opening the sub-indicator's line (seed 9998):
    # cut there; in the units column a qualifier after a space stays the name's.
    pushed = sidebyside._Run(0, 70.0, "業務標準作 (姓名及代理人)、方向引導等")
    assert sidebyside._cut(pushed, 13.0, 135.0, 3, frozenset(), s) == 5
    unit = sidebyside._Run(0, 380.0, "秘書室 (研考)")
    assert sidebyside._cut(unit, 6.0, 460.0, 5, frozenset({"秘書室 (研考)"}), s) is None
    # … but never the item's own score after them.
    assert (
        sidebyside._cut(
            sidebyside._Run(0, 0.0, "意見(20分) 得分：19"), None, 130.0, 2, frozenset(), s
        )
        is None
    )


def test_a_run_far_wider_than_an_items_lines_gives_up_the_indicators_line() -> None:
    """'內部作業簡化( 建立內部作業標準' (`-layout-extra` seed 24230): the indicator's line
    pushed one space after the item's, its first glyph's middle half a cell short of the
    edge.  The run is far wider than the item's lines wrap: cut at the last space the item
    column could hold, the word after it within `jitter` cells of the edge (read as the
    item '內部作業簡化( 建立內部作業標準20分)', flagged).  Not that wide, or the word well
    short of the edge, the run stays whole."""
    s = sidebyside.SIDE_BY_SIDE
    run = sidebyside._Run(0, 0.0, "內部作業簡化( 建立內部作業標準")
    assert sidebyside._cut(run, 6.5, 90.0, 2, frozenset(), s) == 7
    assert sidebyside._cut(run, 13.0, 90.0, 2, frozenset(), s) is None
    assert sidebyside._cut(run, 6.5, 130.0, 2, frozenset(), s) is None
    # The indicator's line before the sub-indicator's alike (after a Latin glyph: no
    # space between two wide glyphs tells it).
    ind = sidebyside._Run(0, 90.0, "提升服務e 化服務人員專業")
    assert sidebyside._cut(ind, 4.0, 170.0, 3, frozenset(), s) == 5


def test_a_line_inside_the_item_column_right_of_its_edge_is_flagged() -> None:
    # "(10分) 務專業" then "度" under 務 (seed 8558 of -layout): the indicator's last glyph,
    # which the tool put left of the indicator column, inside the item's.
    rows = [
        PUSHED_ROW,
        line((ITEM, "(10分)"), (6, "務專業")),
        line((5, "度")),
        "",
    ]
    _, failed = read(TOP + ROW1 + rows + [SUBTOTAL])
    assert "item_line_indented" in failed, failed


@pytest.mark.parametrize(
    ("apart", "indicator"),
    [
        # Unnumbered indicators: the first fills its column to the last line, so only the
        # line free of indicator and sub-indicator (the item's 得分) and the 。 before it
        # say that the next indicator opens a row.
        ([], "提供多元案件查詢管道"),
        # "服務" alone in the indicator column after the 得分 line: the indicator's own next
        # line, though the sub-indicator's sentence ended and a line free of both came
        # between (make fuzz pdftotext-layout seeds 12228, 12264: "準作業流", a unit or
        # "得分：", then "程").  A row's cells start on its first line, so an indicator cell
        # opening with no sub-indicator beside it would be one whose line above left room
        # for its head.
        ([line((IND, "服務"))], "提供多元案件查詢管道服務"),
    ],
)
def test_a_row_opens_after_a_line_free_of_both_cells_and_a_finished_sentence(
    apart: list[str], indicator: str
) -> None:
    rows = [
        line(
            (ITEM, "服務友善性"),
            (IND, "提供多元案"),
            (SUB, "訂定作業流程，維持一"),
            (UNITS, "資訊室"),
            (RESULT, "完成訂定。"),
        ),
        line((ITEM, "(100分)"), (IND, "件查詢管道"), (SUB, "致性。")),
        line((ITEM, "得分：90")),
        *apart,
        line(
            (IND, "建立內部作"),
            (SUB, "建立意見處理機制。"),
            (UNITS, "登記科"),
            (RESULT, "完成建立。"),
        ),
        line((IND, "業標準")),
        "",
    ]
    doc, failed = read(TOP + rows + [line((0, "小計"), (30, "90"), (60, "分"))])
    assert not failed, failed
    assert [(r.indicator, r.sub_indicator, r.units) for r in doc.rows] == [
        (indicator, "訂定作業流程，維持一致性。", ("資訊室",)),
        ("建立內部作業標準", "建立意見處理機制。", ("登記科",)),
    ]


def test_a_cells_lines_stand_at_its_left_edge_whatever_cells_the_tool_gave_them() -> None:
    # The tool put a wrapped name's second line three cells right of the units column's
    # other lines ("中心"); kept there it read as run on into the next name.
    rows = [
        FIRST,
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "流程，維持一致性。"),
            (UNITS, "新住民服務"),
            (RESULT, "，共計 12 項。"),
        ),
        line((ITEM, "(100分)"), (UNITS + 3, "中心")),
        line((UNITS, "資訊室")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    assert doc.rows[0].units == ("地籍測量科", "新住民服務中心", "資訊室")


def test_a_list_marker_after_a_space_opens_the_next_columns_cell() -> None:
    # The tool ran the item's name, the indicator and the sub-indicator together with
    # single spaces; no space is past the item column's edge before "1、", but an item's
    # or indicator's name never holds a marker after a space.
    rows = [
        line(
            (ITEM, "服務正確 1、提供預約 (1) 訂定申辦業務"),
            (UNITS, "資訊室"),
            (RESULT, "完成訂定。"),
        ),
        line((ITEM, "(100分)"), (IND, "服務"), (SUB, "標準作業流程。")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    assert [i.name for i in doc.items] == ["服務正確"]
    (row,) = doc.rows
    assert (row.indicator_no, row.indicator) == ("1", "提供預約服務")
    assert (row.sub_no, row.sub_indicator) == ("(1)", "訂定申辦業務標準作業流程。")


def test_cells_that_meet_before_a_list_marker_part_there() -> None:
    # The item's first line fills its column, the unnumbered indicator follows after one
    # space past the item column's edge, then the sub-indicator's marker: the indicator
    # is cut off where the cells meet, not kept in the item's name up to "(1)" (pdftotext
    # -layout of a LibreOffice rendering, tests/fixtures/formgen/libreoffice_005.pdf).
    rows = [
        line(
            (ITEM, "服務一致及正確 改善洽公環 (1) 提供舒適、明"),
            (UNITS, "資訊室"),
            (RESULT, "完成訂定。"),
        ),
        line((ITEM, "性"), (IND, "境"), (SUB, "亮之洽公空間。")),
        line((ITEM, "(100分)")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    assert [i.name for i in doc.items] == ["服務一致及正確性"]
    (row,) = doc.rows
    assert row.indicator == "改善洽公環境"
    assert (row.sub_no, row.sub_indicator) == ("(1)", "提供舒適、明亮之洽公空間。")


def test_a_score_line_is_never_cut_and_a_score_wrapped_in_its_number_is_one() -> None:
    # "得分：34 分" reaches past the item column's edge with a space: one cell's line.
    # "得分：16" / "0 分" in the next row's lines: the open item's score, wrapped.
    rows = [
        line(
            (ITEM, "服務正確性"),
            (IND, "1.提供預約"),
            (SUB, "(1) 訂定流程。"),
            (UNITS, "資訊室"),
            (RESULT, "完成。"),
        ),
        line((ITEM, "(100分)")),
        line((ITEM, "得分：34 分")),
        "",
        line(
            (ITEM, "服務友善性"),
            (IND, "2.建立標示"),
            (SUB, "(1) 設置指標。"),
            (UNITS, "登記科"),
            (RESULT, "完成。"),
        ),
        line((ITEM, "(200分)")),
        line((ITEM, "得分：16")),
        line((SUB, "(2) 設置導引。"), (UNITS, "資訊室"), (RESULT, "完成設置。")),
        line((ITEM, "0 分")),
        "",
    ]
    doc, failed = read(TOP + rows + [line((0, "小計"), (30, "194"), (60, "分"))])
    assert not failed, failed
    assert [(i.name, i.max_points, i.score) for i in doc.items] == [
        ("服務正確性", 100, 34),
        ("服務友善性", 200, 160),
    ]
    assert [r.sub_indicator for r in doc.rows] == ["訂定流程。", "設置指標。", "設置導引。"]
    # Past the item column's edge (5.5 cells) with a space, and still one line of it.
    s = sidebyside.SIDE_BY_SIDE
    assert (
        sidebyside._cut(sidebyside._Run(0, 0.0, "得分：34 分"), None, 55.0, 2, frozenset(), s)
        is None
    )
    assert (
        sidebyside._cut(sidebyside._Run(0, 0.0, "得分：34 分 度"), None, 55.0, 2, frozenset(), s)
        == 7
    )
    assert (
        sidebyside._cut(sidebyside._Run(0, 0.0, "服務正確 性"), None, 45.0, 2, frozenset(), s) == 4
    )


def test_a_bullets_own_space_is_not_where_a_unit_ends() -> None:
    # "食品藥物管理 • 派遣": the space after the bullet stands past the units column's
    # edge, the one before it between two wide glyphs: the cells part before the bullet.
    rows = [
        line(
            (ITEM, "服務正確性"),
            (IND, "1.提供預約"),
            (SUB, "訂定申辦業務流程"),
            (UNITS, "食品藥物管理 • 派遣車輛 72 車次，"),
        ),
        line(
            (ITEM, "(100分)"), (SUB, "，維持一致性。"), (UNITS, "科"), (RESULT, "服務人員 5 人次。")
        ),
        line((ITEM, "得分：88"), (UNITS, "資訊室")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    (row,) = doc.rows
    assert row.units == ("食品藥物管理科", "資訊室")
    assert row.result == "• 派遣車輛 72 車次，服務人員 5 人次。"
    # Only the space after the bullet stands past the edge: still the cells part before it.
    s = sidebyside.SIDE_BY_SIDE
    run = sidebyside._Run(0, 290.0, "食品藥物管理 • 派遣車輛")
    assert sidebyside._cut(run, None, 365.0, 5, frozenset(), s) == 6


def test_a_columns_lines_the_tool_started_left_of_the_grids_edge_stay_together() -> None:
    # A page whose indicators start at cells 7 and 9, its sub-indicators at 14 and 16, and
    # the grid's edge (from the header and the white gaps) at 16.5: the runs at 14 stand
    # under 次評核指標 (most of their glyphs right of that edge), so the sub-indicator
    # column starts before 14, and the indicator's lines keep theirs.
    s = sidebyside.SIDE_BY_SIDE
    header = line(
        (1, "評核項目"),
        (9, "評核指標"),
        (20, "次評核指標"),
        (35, "主辦單位"),
        (45, "執行績效與成果"),
    )
    body = [
        line((0, "服務正確性"), (7, "1、提供"), (16, "(1)訂定申辦業務標準作業"), (33, "各單位")),
        line((0, "(100分)"), (9, "預約"), (14, "流程，維持服務措施處理一")),
        line((14, "致性，且持續檢討申辦項目")),
        line((14, "表單，進行簡化及標準化。")),
        line((16, "(2)提升民眾申辦案件的處"), (33, "研考科")),
        line((16, "理效率，確保於處理時限內")),
        line((14, "完成。")),
    ]
    lines = (header, "", *body)
    runs = sidebyside._runs(lines, s)
    grid = (-1.0, 62.5, 165.0, 310.0, 402.5, 551.0)
    edges = sidebyside._anchored(sidebyside._Page(1, lines, runs, grid), s)
    columns = {x: sidebyside._column(edges, x * s.glyph, s) for x in (0, 7, 9, 14, 16, 33)}
    assert columns == {0: 1, 7: 2, 9: 2, 14: 3, 16: 3, 33: 4}


def test_a_units_column_group_that_cannot_be_names_is_the_results() -> None:
    # In one block the tool started the results at cell 37, inside the units column as
    # the header puts it (主辦單位 at 34, 辦理情形 at 50): those lines cannot be unit names,
    # so the results column starts there, after the units (31, 33).
    s = sidebyside.SIDE_BY_SIDE
    header = line(
        (1, "評核項目"), (8, "評核指標"), (21, "次評核指標"), (34, "主辦單位"), (50, "辦理情形")
    )
    body = [
        line(
            (0, "服務友善性"),
            (8, "1、建立內"),
            (17, "建立民眾意見處理機制，"),
            (31, "護理部"),
            (37, "依規定定期陳報「清淨家"),
        ),
        line(
            (0, "(40分)"),
            (8, "部作業"),
            (17, "妥適回應陳情及建議。"),
            (37, "園全民運動計畫」處理情"),
        ),
        line((31, "行政科"), (37, "形，維護辦公環境整潔。")),
        line((33, "衛生保健科")),
        "",
        line(
            (8, "2、推動線"),
            (17, "運用網路、行動裝置等多"),
            (33, "各單位"),
            (44, "服務櫃檯已完成設置服"),
        ),
        line((8, "上申辦"), (17, "元管道，提供查詢。"), (44, "務中心，由專人引導。")),
    ]
    lines = (header, "", *body)
    runs = sidebyside._runs(lines, s)
    grid = (-1.0, 65.0, 147.5, 300.0, 440.0, 560.0)
    edges = sidebyside._anchored(sidebyside._Page(1, lines, runs, grid), s)
    columns = {x: sidebyside._column(edges, x * s.glyph, s) for x in (31, 33, 37, 44)}
    assert columns == {31: 4, 33: 4, 37: 5, 44: 5}


def test_a_run_well_inside_the_indicator_column_stays_when_the_next_cell_is_beside_it() -> None:
    # The tool started this block's indicator four cells right of the one before: well
    # inside the column, but its sub-indicator stands beside it on both lines, so it is
    # no sub-indicator text the tool put left of its column.
    rows = [
        line(
            (ITEM, "積極回應"),
            (IND - 3, "1.強化陳"),
            (SUB, "辦理服務滿意度調查，並"),
            (UNITS, "民政課"),
            (RESULT, "完成調查。"),
        ),
        line((ITEM, "(100分)"), (IND - 3, "情處理"), (SUB, "針對結果研提改善措施。")),
        line((ITEM, "得分：88")),
        "",
        line(
            (IND + 1, "2.運用資"),
            (SUB, "落實個人資料保護，定"),
            (UNITS, "各單位"),
            (RESULT, "完成檢視。"),
        ),
        line((IND + 1, "通訊科技"), (SUB, "期檢視資訊安全措施。")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    assert [(r.indicator_no, r.indicator, r.sub_indicator, r.units) for r in doc.rows] == [
        ("1", "強化陳情處理", "辦理服務滿意度調查，並針對結果研提改善措施。", ("民政課",)),
        ("2", "運用資通訊科技", "落實個人資料保護，定期檢視資訊安全措施。", ("各單位",)),
    ]


def test_a_block_keeps_the_column_start_the_tool_gave_it() -> None:
    # In the first block the tool started the results at cell 44, left of the column's
    # usual start (48), and in the second the units at 43: by where they start alone the
    # lines at 44 are units.  Beside a unit, two spaces part them; the line under, alone,
    # starts at the same cell of the same block, so it is the results too.
    units = ["地籍測量科", "資訊管理科", "登記測量科", "地價管理科", "秘書管理室"]
    rows = [
        FIRST,
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "流程，維持一致性。"),
            (UNITS, "資訊室"),
            (RESULT - 4, "提供民眾線上申辦，網址"),
        ),
        line((ITEM, "(100分)"), (RESULT - 4, "：www.gov.tw。")),
        "",
        line(
            (IND, "2.提升服務"),
            (SUB, "檢討申辦流程。"),
            (UNITS + 5, "各單位"),
            (RESULT, "完成檢討。"),
        ),
        *(line((UNITS + 5, u)) for u in units),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    first, second = doc.rows
    assert first.units == ("地籍測量科", "資訊室")
    assert first.result == "完成訂定標準作業流程\n提供民眾線上申辦，網址：www.gov.tw。"
    assert second.units == ("各單位", *units)


def read_two_pages(rows1: list[str], rows2: list[str]) -> tuple[Document, dict[str, str]]:
    """Read a form whose first page holds `rows1` under the header and whose second page,
    under its running title and header, holds `rows2` and the 小計."""
    page2 = [line((6, "臺中市政府地政局 109年度提升服務效能評核表")), TOP[4], "", *rows2, ""]
    return read([*TOP, *rows1, "", "\x0c" + page2[0], *page2[1:], SUBTOTAL])


def _row_cut_at_the_foot(unit: str) -> list[str]:
    """Page 1's row, its result cut by the page foot ("…業務諮詢及"), its units `unit`."""
    return [
        line(
            (ITEM, "服務一致及"),
            (IND, "1.訂定申辦"),
            (SUB, "(1)訂定作業流程。"),
            (UNITS, unit),
            (RESULT, "設置服務中心，由專人"),
        ),
        line((ITEM, "正確性"), (IND, "業務標準"), (RESULT, "主動引導、業務諮詢及")),
    ]


def test_a_rows_end_at_the_page_head_stays_above_the_next_rows_marker() -> None:
    # Page 2 opens with the end of the row before (its result's last line, beside the
    # item's points), then a sub-indicator's marker: that row opens below the tail.
    page2 = [
        line((ITEM, "(100分)"), (RESULT, "辦理流程解說。")),
        line(
            (ITEM, "得分：88"),
            (SUB, "(2)提升服務品質。"),
            (UNITS, "登記科"),
            (RESULT, "完成研習。"),
        ),
    ]
    doc, failed = read_two_pages(_row_cut_at_the_foot("資訊室"), page2)
    assert not failed, failed
    assert [(r.sub_no, r.units, r.result) for r in doc.rows] == [
        ("(1)", ("資訊室",), "設置服務中心，由專人主動引導、業務諮詢及辦理流程解說。"),
        ("(2)", ("登記科",), "完成研習。"),
    ]


@pytest.mark.parametrize(
    ("item", "indicator"),
    [
        ("內部作業", "提供預約"),  # Chromium 22002: a new item's first row
        ("", "提供預約"),  # 22084: a new indicator's
        ("內部作業", ""),  # 22094: an item with no indicator
    ],
)
def test_a_rows_end_at_the_page_head_stays_above_a_new_unnumbered_row(
    item: str, indicator: str
) -> None:
    # Chromium through `pdftotext -layout`: page 2 opens with the units and result the foot
    # cut, then a new row, its sub-indicator unnumbered beside an item or an indicator:
    # that row opens there, the lines above end the row before.
    page2 = [
        line((UNITS, "資訊室"), (RESULT, "辦理流程解說。")),
        line(
            *[(at, t) for at, t in ((ITEM, item), (IND, indicator)) if t],
            (SUB, "運用網路提供查詢。"),
            (UNITS, "登記科"),
            (RESULT, "完成研習。"),
        ),
        line(*[(at, t) for at, t in ((ITEM, item and "簡化"), (IND, indicator and "服務")) if t]),
        line((ITEM, "(60分)")) if item else "",
    ]
    page1 = [*_row_cut_at_the_foot("地籍測量科"), line((ITEM, "(100分)"))]
    doc, _ = read_two_pages(page1, page2)
    assert [(r.units, r.result) for r in doc.rows] == [
        (("地籍測量科", "資訊室"), "設置服務中心，由專人主動引導、業務諮詢及辦理流程解說。"),
        (("登記科",), "完成研習。"),
    ]


def test_a_sub_indicators_end_at_the_page_head_stays_above_the_next_indicators_number() -> None:
    # Page 2 opens with the end of the row before (its sub-indicator's last line, beside
    # the item's points), then the next indicator's number with its sub-indicator on the
    # very next line: a row's cells start on its first line, so that row opens below.
    page2 = [
        line((ITEM, "(100分)"), (SUB, "服務環境。")),
        line(
            (ITEM, "得分：88"),
            (IND, "二、提供預"),
            (SUB, "建立民眾意見處理"),
            (UNITS, "登記科"),
            (RESULT, "完成研習。"),
        ),
        line((IND, "約服務"), (SUB, "機制。")),
    ]
    page1 = [
        line(
            (ITEM, "服務一致及"),
            (IND, "一、推動線"),
            (SUB, "進行環境美化，建置"),
            (UNITS, "資訊室"),
            (RESULT, "完成美化。"),
        ),
        line((ITEM, "正確性"), (IND, "上申辦"), (SUB, "民眾臨櫃洽公的合宜")),
    ]
    doc, failed = read_two_pages(page1, page2)
    assert not failed, failed
    assert [(r.indicator, r.sub_indicator, r.units) for r in doc.rows] == [
        ("推動線上申辦", "進行環境美化，建置民眾臨櫃洽公的合宜服務環境。", ("資訊室",)),
        ("提供預約服務", "建立民眾意見處理機制。", ("登記科",)),
    ]


def test_a_justified_lines_spread_glyphs_are_one_line() -> None:
    # The PDF stretched one line to its column's width; the tool printed a space between
    # its glyphs, and the line ran past the table's right edge.  (One such line among
    # many: a dump where they are common is refused, as the test above shows.)
    spread = line(
        (ITEM, "正確性"),
        (IND, "業務標準"),
        (SUB, "流程，維持一致性。"),
        (RESULT, "提 供 民 眾 線 上 申 辦 ， 網 址 ："),
    )
    rows = [FIRST, spread, line((ITEM, "(100分)"), (UNITS, "資訊室"), (RESULT, "www.gov.tw。")), ""]
    more = [
        line(
            (IND, f"{n}.提升服務"),
            (SUB, "訂定申辦業務標準作業"),
            (UNITS, "登記科"),
            (RESULT, "完成。"),
        )
        for n in range(2, 10)
    ]
    tail = line((SUB, "流程。"))
    doc, failed = read(TOP + rows + [ln for m in more for ln in (m, tail, "")] + [SUBTOTAL])
    assert not failed, failed
    assert doc.rows[0].result == "完成訂定標準作業流程\n提供民眾線上申辦，網址：www.gov.tw。"
    assert len(doc.rows) == 9


@pytest.mark.parametrize(
    ("run", "unsure"),
    [
        ("提 供 民 眾 線 上 申 辦 ， 網 址 ：", False),
        ("② 強 化 為 民 服 務 措 施 ： 自 1 1", True),  # "②強化…自11" or "② 強化…自 1 1"?
        ("① 提 供 民 眾 線 上", True),  # a marker's space: printed or spread?
        ("1. 提 供 民 眾 線 上", True),
        ("國際交流暨觀光 提 供 民 眾 線 上", False),  # a word's space: two cells
        ("提 供 民 眾 線 上 call center", False),  # words, not spread glyphs
        ("① 提 供", False),  # too few glyphs to be spread
        # A justified line's number spread digit by digit: "自108 年 11 月 2" or "自108年11月2"?
        ("自 1 0 8 年 1 1 月 2", True),
        ("年 1 月 2 日辦理", False),  # a date's own spaces
        ("• 於114 年 1 月 2 6", False),  # a score pushed after a date's wrapped day
        ("於105 年 11 月 2 8", False),
    ],
)
def test_spread_glyphs_meeting_a_marker_or_a_lone_digit_leave_the_space_unsure(
    run: str, unsure: bool
) -> None:
    assert sidebyside._spread_edges_unsure(run) is unsure


def test_a_cut_name_is_no_unit_of_the_document() -> None:
    # "人員)" once stood alone in the units column (a cell's words cut by a wrap): it does
    # not make "(含委外 call center 人員)" give up its tail to the units column.
    assert not sidebyside._unit_like("人員)", frozenset({"人員)"}))
    assert sidebyside._unit_like("資訊小組(各單位)", frozenset())


def test_units_and_results_printed_with_one_space_or_none_part_where_evidence_says() -> None:
    s = sidebyside.SIDE_BY_SIDE
    units = frozenset({"1999市民熱線", "第一門診部", "衛生所(各區)"})

    def cut(text: str, right: float) -> int | None:
        return sidebyside._cut(sidebyside._Run(0, 330.0, text), None, right, 5, units, s)

    # Past the edge only at "設置 QR", but the cells met first between 部 and 設.
    assert cut("第一門診部 設置 QR code 行動條碼", 395.0) == 5
    # A marker after a unit name opens the results; so do words no name holds.
    assert cut("1999市民熱線 (1)提供", 500.0) == 8
    assert cut("衛生所(各區) 不適用", 500.0) == 7
    assert cut("資訊小組 (各單位)", 500.0) is None
    assert cut("秘書室 (研考) 意度調查，整體", 400.0) == 8  # the name's own qualifier
    # A run that opens with no unit's word is the results' own, started early: not cut.
    assert cut("② 透過 LINE 官方帳號", 360.0) is None
    # No space at all: a name of the document's own, longer in cells than in ems (its
    # digits a cell each), then the results' first line.
    assert sidebyside._glued("1999市民熱線①依規定定期陳報", units) == 8
    assert sidebyside._glued("1999市民熱線", units) is None
    assert sidebyside._glued("第一門診部設置", units) is None
    # A name printed once: cut where the rest is a line the results print elsewhere.
    glued, rest = "1999市民熱線已完成並提供多元案件查詢管", "已完成並提供多元案件查詢管"
    assert sidebyside._glued(glued, frozenset(), frozenset({rest})) == 8
    assert sidebyside._glued(glued, frozenset(), frozenset()) is None
    # ... where what stands before that line ends like a whole name.
    assert sidebyside._glued("資訊室" + rest, frozenset(), frozenset({rest})) == 3
    assert sidebyside._glued("資訊室" + rest, frozenset(), frozenset({rest[1:]})) is None


def test_a_name_longer_in_cells_than_in_ems_started_short_of_the_units_edge_is_cut_off() -> None:
    # The sub-indicator column ends at cell 28; the tool started "1999市民熱線" two cells
    # early (its digits a cell each, two more cells than ems), pushed against the results.
    s = sidebyside.SIDE_BY_SIDE
    units = frozenset({"1999市民熱線", "地籍測量課"})
    text = "少民眾臨櫃次數及應備書 1999市民熱線 業務說明會」活動，計91"

    def cut(run_text: str, right: float) -> int | None:
        return sidebyside._cut(sidebyside._Run(0, 140.0, run_text), 110.0, right, 4, units, s)

    assert cut(text, 280.0) == 11
    # Started three cells early: more than its excess; cut only where two cells' glyphs meet.
    assert cut(text, 290.0) == 20
    # A name the document never prints alone in the units column is no evidence.
    assert cut(text.replace("1999市民熱線", "1999服務熱線"), 280.0) == 20


def test_a_unit_name_glued_at_the_units_start_is_cut_off_though_printed_once() -> None:
    # `-layout -fixed 8` pitched the cells narrower than the glyphs: the unit stands right
    # after the sub-indicator's line, no space between, at cell 42 where this page's units
    # lines start (the edge at 39).  Printed nowhere else, it is still cut off there.
    s = sidebyside.SIDE_BY_SIDE
    text = "設置 QR code 行動條碼，方便報驗發證課"

    def glued(
        run_text: str, anchor: float | None, units: frozenset[str] = frozenset()
    ) -> int | None:
        return sidebyside._glued_name(sidebyside._Run(0, 240.0, run_text), 390.0, units, anchor, s)

    assert glued(text, 420.0) == text.index("報")
    assert glued(text, None) is None  # no units line on the page
    # Past the edge, where most of the page's units lines start, whatever the name.
    assert glued(text, 410.0) == text.index("便")
    # A name of the document's own decides first, wherever the units lines start.
    assert glued(text, 410.0, frozenset({"報驗發證課"})) == text.index("報")
    # The text at the units start must read as a whole unit name.
    assert glued("設置 QR code 行動條碼，方便民眾即時查詢", 420.0) is None


def test_a_name_ending_like_one_is_cut_off_a_run_wider_than_its_column() -> None:
    # `-layout -fixed 8` seed 10385: "服務台" (no unit suffix; it ends like a name) glued
    # at the cell the page's units lines start, printed nowhere else: read into the
    # sub-indicator, `ok`.  The run is 21 ems where its column wraps at 18; without the
    # name it fits.
    s = sidebyside.SIDE_BY_SIDE
    text = "外 call center 人員)對涉及服務業務處服務台"
    k = text.index("服務台")

    def cut(
        run_text: str, limit: float | None, anchor: float | None = 320.0 + k * s.glyph
    ) -> int | None:
        run = sidebyside._Run(0, 320.0, run_text)
        return sidebyside._glued_past_width(run, limit, anchor, s)

    assert cut(text, 18.0) == k
    assert cut(text, 21.0) is None  # the run fits its column: the column's own line
    assert cut(text, 16.0) is None  # what stands before the name is too wide as well
    assert cut(text, None) is None
    assert cut(text, 18.0, None) is None  # no units line on the page
    assert cut(text, 18.0, 320.0 + (k + 1) * s.glyph) is None  # "務台" at the units' start
    assert cut("外 call center 人員)對涉及服務業務處理流程", 18.0) is None  # no name's end
    spaced = "外 call center 人員)對涉及服務業務 服務台"  # a space parts them: `_cut`'s
    assert cut(spaced, 18.0, 320.0 + spaced.index("服務台") * s.glyph) is None


def test_a_name_of_the_documents_own_is_cut_off_a_run_wider_than_its_column() -> None:
    """`-layout -fixed 8` seed 15185: "(4) 進行環境美(綠)化及輔以舒適、各單位", the unit
    glued to the sub-indicator's line a cell and a half short of the units' edge, no units
    line of the page starting at its cell: read into the sub-indicator, `ok`.  The run is
    19 ems where its column wraps at 16, and "各單位" is a name of the document's own: cut
    off.  Not wider, not a name of its own, or too wide without it, the run stays whole."""
    s = sidebyside.SIDE_BY_SIDE
    text = "(4) 進行環境美(綠)化及輔以舒適、各單位"
    units = frozenset({"各單位", "資訊室"})

    def glued(limit: float | None, names: frozenset[str] = units, t: str = text) -> int | None:
        run = sidebyside._Run(0, 230.0, t)
        return sidebyside._glued_name(run, 437.5, names, None, s, frozenset(), limit)

    assert glued(16.0) == text.index("各")
    assert glued(19.0) is None  # the run fits its column
    assert glued(16.0, frozenset({"資訊室"})) is None  # no name of the document's own
    assert glued(None) is None
    assert glued(14.0) is None  # what stands before the name is too wide as well
    assert glued(16.0, t="(4) 進行環境美(綠)化及輔以舒適、 各單位") is None  # a space: `_cut`'s


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("創新服務(40分)促進服務流程", "創新服務(40分)"),
        ("內部作業簡化(230分)辦理滿意度調查", "內部作業簡化(230分)"),
        ("(150分)得分：34 分", None),  # a score line goes on after the points
        ("服務便捷性(50分) 檢討既有", None),  # a space: `_cut`'s
        ("服務便捷性(50分)", None),
        ("服務便捷性", None),
    ],
)
def test_an_items_points_end_its_run_wherever_they_stand(text: str, cut: str | None) -> None:
    """`-layout -fixed 8` seeds 9074 and 16061: the indicator's first line glued after the
    item's "(N分)".  On 16061 every indicator line of the page was glued so, and the grid
    put the indicator column's edge at its label, right of the points: read `ok` as the
    item "內部作業簡化辦理滿意度調查"."""
    k = sidebyside._glued_points(sidebyside._Run(0, 50.0, text))
    assert (None if k is None else text[:k]) == cut


@pytest.mark.parametrize(
    ("tail", "held"),
    [
        ("第 3 頁", True),
        ("第 3 頁 第 3 頁", True),  # two columns' lines pushed together
        ("詳附件一 第 3 頁", True),
        ("call 第 3 頁", False),  # the results' word before the note
        ("第 3 頁第 3 頁", False),  # no space parts them
        ("第 3", False),
    ],
)
def test_a_tail_of_notes_held_twice_is_one_or_several_a_space_apart(tail: str, held: bool) -> None:
    # `-layout` seed 27401: "1.提供 call 第 3 頁 第 3 頁", 佐證資料's and 附註's last lines.
    notes = frozenset({"第 3 頁", "詳附件一"})
    assert sidebyside._notes_only(tail, notes) is held


def test_a_second_run_in_the_results_is_the_next_columns_unless_every_column_has_one() -> None:
    """`-layout` seed 27109: "① 說明會：" then "詳附件一 含線上" on one line, both in the
    results' cells, "申辦統" / "計表" under "含線上": the second run is 佐證資料's, and what is
    cut off it 附註's.  Where the tool printed a run in every column after, the two runs are
    one cell's line (`_cells_joined`)."""
    s = sidebyside.SIDE_BY_SIDE
    header = line((0, "評核項目"), (8, "評核指標"), (18, "次評核指標"), (30, "主辦單位"))
    header = line((0, header), (40, "具體作法與成果"), (62, "佐證資料"), (70, "附註"))
    columns = tuple(c * s.glyph for c in (0.0, 7.0, 17.0, 29.0, 39.0, 60.0, 68.0, 76.0))

    def after(row: str, runs: list[tuple[int, str]], t: str = "") -> int:
        lines = (header, "", row, "小計：88分")
        page = sidebyside._Page(1, lines, [], columns)
        out = [sidebyside._Run(2, x * s.glyph, text) for x, text in runs]
        return sidebyside._after_own_column(page, out, sidebyside._Run(2, 50 * s.glyph, t), s)

    row = line((40, "① 說明會："), (50, "詳附件一 含線上"))
    assert after(row, [(40, "① 說明會：")], "詳附件一 含線上") == 1
    assert after(row, [], "詳附件一 含線上") == 0  # the line's first run
    assert after(row, [(30, "各單位")], "詳附件一 含線上") == 0  # the first in the results
    full = line((0, row), (62, "見"), (70, "料"))  # a run in every column after
    assert after(full, [(40, "① 說明會：")], "詳附件一 含線上") == 0


def test_a_block_with_no_indicator_or_sub_indicator_goes_on_the_row_above() -> None:
    """`-layout-extra` seed 36772: the tool set a blank line inside a row, "得分：  新住民服務
    中心  計畫」處理情形，  第 3 頁" under its row's "含線上申" / "辦統計表" and "見佐證資" /
    "料": 附註's "第 3 頁" read as a cell of its own and stayed in 佐證資料, `ok`.  For the
    narrow columns' evidence, a block opens a row only with an indicator's or a
    sub-indicator's text; the blocks the tool maps to cells stay parted by blank lines."""
    s = sidebyside.SIDE_BY_SIDE
    header = line((0, "評核項目"), (8, "評核指標"), (18, "次評核指標"), (30, "主辦單位"))
    header = line((0, header), (40, "具體作法與成果"), (62, "佐證資料"), (70, "附註"))
    columns = tuple(c * s.glyph for c in (0.0, 7.0, 17.0, 29.0, 39.0, 60.0, 68.0, 76.0))
    lines = (
        header,
        "",
        line(
            (0, "資訊公開"), (8, "1、強化志"), (18, "提供各種申"), (30, "兒童及少"), (40, "依規定")
        ),
        line(
            (0, "(5分)"),
            (8, "工服務"),
            (18, "辦書表。"),
            (30, "年福利科"),
            (62, "含線上"),
            (70, "見佐"),
        ),
        "",
        line((0, "得分："), (30, "新住民"), (40, "計畫」處理"), (62, "第 3 頁")),
        "",
        line((8, "2、推動"), (18, "(1) 辦理服"), (30, "各單位"), (40, "完成。"), (62, "詳附件一")),
        "小計：88分",
    )
    page = sidebyside._Page(1, lines, sidebyside._runs(lines, s), columns)
    assert sidebyside._row_blocks(page, s, rows_only=True)[2:8] == (1, 1, 1, 1, 1, 2)
    assert sidebyside._row_blocks(page, s)[2:8] == (1, 1, 2, 2, 3, 3)


@pytest.mark.parametrize(
    ("line", "text", "found"),
    [
        (2, "第 3 頁", True),  # alone on the line under the cell's last
        (2, "去年提升10個百分點。 第 3 頁", True),  # after a space
        (2, "去年提升10個百分點。第 3 頁", False),  # glued: the line's own
        (3, "第 3 頁", False),  # not right under the cell's last line
        (2, "第 4 頁", False),  # not the piece the cell lacks
    ],
)
def test_a_narrow_cells_last_piece_is_found_on_the_line_under_it(
    line: int, text: str, found: bool
) -> None:
    # `-layout` seed 27940: "見佐證資" / "料" and, under them in the results' cells, "第 3 頁"
    # (the results' paragraph ended): read into the results, `ok`.
    cell = [sidebyside._Run(0, 890.0, "見佐證資"), sidebyside._Run(1, 890.0, "料")]
    other = sidebyside._Run(line, 730.0, text)
    seen = Counter({"見佐證資料第 3 頁": 2})
    got = sidebyside._missing_pieces(cell, [other], seen)
    assert got == ([(other, "第 3 頁")] if found else [])


def test_a_names_first_line_glued_to_the_sub_indicators_is_cut_where_widths_allow() -> None:
    """`-layout -fixed 8` seed 15631: "④設置 QR code 行動條碼，方便民眾即時查詢兒童及少年福利與
    權" above "。" and, at the units' start, "益保障科": the name's first line glued to the
    sub-indicator's and printed nowhere else, read `ok` into the sub-indicator.  The
    sub-indicator wraps at 21 ems and the units at 9: only one place leaves a head that
    fits and would not have held "。", and a first line that fits and would not have held
    "益", which with the line under it is a whole name."""
    s = sidebyside.SIDE_BY_SIDE
    text = "④設置 QR code 行動條碼，方便民眾即時查詢兒童及少年福利與權"
    columns = tuple(c * s.glyph for c in (4.9, 14.0, 29.0, 54.0, 66.0, 96.1))

    def cut(
        widths: dict[int, float], rest: str = "益保障科", own: str = "。", t: str = text
    ) -> int | None:
        runs = [sidebyside._Run(5, 320.0, t), sidebyside._Run(6, 320.0, own)]
        runs.append(sidebyside._Run(6, 570.0, rest))
        page = sidebyside._Page(3, ("",) * 8, runs, columns)
        doc = sidebyside._Measures(widths, frozenset({"各單位"}))
        return sidebyside._name_rest_below(page, runs[0], doc, 570.0, s)

    assert cut({3: 21.0, 4: 9.0}) == text.index("兒")
    assert cut({3: 30.0, 4: 9.0}) is None  # the run fits its column
    assert cut({3: 21.0, 4: 12.0}) is None  # "…權益" would have fitted: no wrap after 權
    assert cut({3: 23.0, 4: 9.0}) is None  # "…查詢。" would have fitted: no wrap after 詢
    assert cut({3: 21.0, 4: 9.0}, rest="益保障") is None  # no whole name
    assert cut({3: 21.0, 4: 9.0}, rest="益保障 科") is None  # a space: not one line's rest
    assert cut({3: 21.0}) is None  # no units width
    spaced = text.replace("查詢兒", "查詢 兒")
    assert cut({3: 21.0, 4: 9.0}, t=spaced) is None  # a space parts them: `_cut`'s
    assert cut({3: 20.0, 4: 9.0}, t=spaced) is None  # even where one place fits
    latin = text.replace("查詢兒", "查詢I兒")  # "…查詢" + "I兒…" or "…查詢I" + "兒…"
    assert cut({3: 21.0, 4: 9.0}, t=latin) is None  # two places: none is chosen


def test_a_sub_indicators_first_line_glued_to_the_indicators_is_cut_at_its_start() -> None:
    """`-layout -fixed 12` seed 3152: "2.促進服務流程整合設置 QR code 行動條碼，方便民眾即時"
    above "查詢。", 設 and 查 at the cell the page's sub-indicator lines start at.  Cut at the
    space past the edge, the form read `ok` with "設置" in the indicator.  The sub-indicator
    wraps at 18 ems: from 設 on the line is a wrap before 查; from Q on it would have held 查."""
    s = sidebyside.SIDE_BY_SIDE
    text = "2.促進服務流程整合設置 QR code 行動條碼，方便民眾即時"
    columns = tuple(c * s.glyph for c in (2.9, 8.3, 18.0, 35.0, 43.3, 69.1))
    space = text.index(" ")

    def cut(
        widths: dict[int, float] | None = None,
        anchor: float | None = 210.0,
        below: str = "查詢。",
        line: int = 2,
        t: str = text,
        k: int = space,
    ) -> int | None:
        runs = [sidebyside._Run(1, 110.0, t), sidebyside._Run(line, anchor or 0.0, below)]
        page = sidebyside._Page(4, ("", "x", "x", "x"), runs, columns)
        doc = sidebyside._Measures({3: 18.0} if widths is None else widths, frozenset())
        return sidebyside._sub_glued_at_start(page, runs[0], k, doc, anchor, s)

    assert cut() == text.index("設")
    assert cut({3: 20.0}) is None  # "…即時查" would have fitted: no wrap there
    assert cut({3: 16.0}) is None  # from 設 on it is wider than the column
    assert cut({}) is None  # no width for the column
    assert cut({3: 16.0}, anchor=110.0 + space * s.glyph) is None  # the cell holds the space
    assert cut(anchor=None) is None  # no sub-indicator lines on the page
    assert cut(k=space - 4) is None  # the space stands before that cell
    assert cut({3: 17.5}, below="(查詢。") == text.index("設")
    assert cut({3: 17.5}, below="(2)查詢。") is None  # a cell of its own under it
    assert cut(line=3) is None  # no line right under it at that cell
    latin = text.replace("設置 ", "a ")  # "a QR code…": a half-em head before the space
    assert cut({3: 16.0}, t=latin, k=latin.index(" ")) == latin.index("a")
    assert cut({3: 15.5}, t=latin, k=latin.index(" ")) is None  # "QR…即時查" wraps too


def test_a_wrapped_names_first_line_glued_after_a_latin_word_is_cut_off() -> None:
    # `-layout -fixed 8` seed 9723: the pitch dropped the space after "call", and the
    # unit's first line followed it at the units' start.  The document prints that first
    # line above its rest ("益保障科") in the units column elsewhere: a name's first line.
    s = sidebyside.SIDE_BY_SIDE
    text = "(一)強化機關(單位)服務人員(含委外 call兒童及少年福利與權"
    head = "兒童及少年福利與權"
    units = frozenset({head, "益保障科", "各單位"})

    def glued(heads: frozenset[str], x: float = 240.0) -> int | None:
        run = sidebyside._Run(0, x, text)
        return sidebyside._glued_name(run, 390.0, units, None, s, heads)

    assert glued(frozenset({head})) == text.index(head)
    # Not shown as a name's first line, a line that does not end like a name is none.
    assert glued(frozenset()) is None
    # Nor where it starts before the column's edge: the sub-indicator's own text.
    assert glued(frozenset({head}), x=390.0 - 24 * s.glyph - 1) is None


def test_a_glued_names_first_line_is_read_as_the_units_by_the_documents_evidence() -> None:
    # The whole read of the case above: the next row prints the same name's two lines in
    # the units column, which shows the glued text for a name's first line.
    rows = [
        line(
            (ITEM, "服務友善性"),
            (IND, "2.提升服務"),
            (SUB, "強化機關服務人員(含委外 call兒童及少年福利與權"),
            (RESULT + 2, "辦理訓練 4 場次。"),
        ),
        line(
            (ITEM, "(100分)"), (IND, "專業度"), (SUB, "center 人員)專業度。"), (UNITS, "益保障科")
        ),
        "",
        line((SUB, "定期檢查硬體設施。"), (UNITS, "兒童及少年福利與權")),
        line((UNITS, "益保障科"), (RESULT, "完成檢查。")),
        "",
    ]
    doc, failed = read(TOP + ROW1 + rows + [SUBTOTAL])
    # A Latin word at a line's end is read as two words, with its doubt recorded.
    assert set(failed) == {"latin_wrap_unsure"}, failed
    _, glued, other = doc.rows
    assert glued.sub_indicator == "強化機關服務人員(含委外 call center 人員)專業度。"
    assert glued.units == ("兒童及少年福利與權益保障科",)
    assert other.units == ("兒童及少年福利與權益保障科",)


@pytest.mark.parametrize(
    ("first", "rest", "at", "head"),
    [
        ("兒童及少年福利與權", ("益保障科",), UNITS, True),
        ("兒童及少年福利與權", ("益保障科",), UNITS + 2, False),  # not the same cell's
        ("兒童及少年福利與權", ("保障工作",), UNITS, False),  # the two make no name
        ("兒童及少年福利與權", ("益保障業務推動科",), UNITS, False),  # too long for one name
        # `-fixed 8` seed 16443: a name over three lines, its first glued to "人" after
        # "call center" (read as the unit "人兒童及少年福…", `ok`).
        ("兒童及少年福", ("利與權益保障", "科"), UNITS, True),
        ("兒童及少年福", ("利與權益保障",), UNITS, False),  # no line ends like a name
    ],
    ids=["rest", "moved", "no-name", "too-long", "three-lines", "no-end"],
)
def test_a_names_first_line_is_one_the_next_units_lines_complete(
    first: str, rest: tuple[str, ...], at: int, head: bool
) -> None:
    s = sidebyside.SIDE_BY_SIDE
    under = [line((at, r)) for r in rest]
    lines = [*TOP, FIRST, line((UNITS, first)), *under, "", SUBTOTAL]
    pages = sidebyside._printed_pages("\n".join(lines) + "\n\f", s)
    # A middle line is a head too: with the lines under it, it is a name's whole shape.
    expected = {first, *rest[:-1]} if head else set()
    assert sidebyside._name_heads(pages, s) == expected


@pytest.mark.parametrize("beside", [False, True], ids=["under", "beside"])
def test_a_unit_name_the_tool_started_at_the_results_cell_is_a_unit(beside: bool) -> None:
    # The second block's units stand where the page's results start (cell 48): under the
    # result's finished sentence, or first on the result's own line with the result's
    # text further right.  A name of the document's own (地籍測量科 stands in the units
    # column above) is the units' there (pdftotext-layout seed 14004).
    head = (IND, "2.提升服務"), (SUB, "定期檢查硬體設施。")
    if beside:
        second = [line(*head, (RESULT, "地籍測量科"), (60, "完成檢查各項硬體設施，"))]
        second.append(line((60, "共計 3 次。")))
    else:
        second = [line(*head, (RESULT, "完成檢查各項硬體設施，"))]
        second += [line((RESULT, "共計 3 次。")), line((RESULT, "地籍測量科"))]
    doc, failed = read(TOP + ROW1 + [*second, "", SUBTOTAL])
    assert not failed, failed
    _, row = doc.rows
    assert row.units == ("地籍測量科",)
    assert row.result == "完成檢查各項硬體設施，共計 3 次。"


def test_a_blocks_own_column_start_is_known_before_its_runs_are_cut() -> None:
    # In the first block the tool started the results at cell 40, where the second
    # block's units start: beside a unit two spaces part them, so 40 is this block's
    # results start, and "及 Facebook 粉絲專頁發" starting there is the results' whole
    # line, not a unit with the results pushed against it past the units' edge.
    rows = [
        line(
            (ITEM, "服務正確性"),
            (IND, "1.提升服務"),
            (SUB, "定期檢查各類硬體設施(如 地籍測量科"),
            (40, "滿意度調查結果為94%，較"),
        ),
        line((ITEM, "(100分)"), (SUB, "飲水機)，確保設施品質。"), (40, "去年提升27個百分點。")),
        line((ITEM, "得分：88"), (40, "透過 LINE 官方帳號")),
        line((40, "及 Facebook 粉絲專頁發")),
        line((40, "布訊息，累計觸及49人次。")),
        "",
        line((IND, "2.推動線上"), (SUB, "落實個人資料保護，定期"), (38, "資訊室"), (48, "完成。")),
        line((SUB, "檢視資訊安全措施。"), (40, "地政服務所第二課")),
        *(line((40, u)) for u in ("地籍測量科", "衛生所(各區)", "新住民服務中心")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    first, second = doc.rows
    assert first.units == ("地籍測量科",)
    assert first.result is not None and "及 Facebook 粉絲專頁發" in first.result
    assert second.units == (
        "資訊室",
        "地政服務所第二課",
        "地籍測量科",
        "衛生所(各區)",
        "新住民服務中心",
    )


def test_a_line_ending_in_a_latin_word_above_a_lowercase_one_wraps() -> None:
    # "提供 call" left room for "center" by the widths the dump keeps (its column is
    # known only to within an em), but no paragraph ends mid-phrase before one that
    # starts in lowercase: one paragraph, joined with a space.
    rows = [
        line(
            (ITEM, "服務一致及"),
            (IND, "1.訂定申辦"),
            (SUB, "訂定申辦業務標準作業"),
            (UNITS, "地籍測量科"),
            (RESULT, "完成。"),
        ),
        line(
            (ITEM, "正確性"), (IND, "業務標準"), (SUB, "流程，維持一致性。"), (RESULT, "提供 call")
        ),
        line((ITEM, "(100分)"), (UNITS, "資訊室"), (RESULT, "center 諮詢服務，全年")),
        line((RESULT, "受理 2 通電話。")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    assert doc.rows[0].result == "完成。\n提供 call center 諮詢服務，全年受理 2 通電話。"


@pytest.mark.parametrize("spacing", ["spaced", "touching", "mixed"])
def test_a_line_ending_in_a_number_wrapped_at_the_space_the_tool_dropped(spacing: str) -> None:
    # Results wrap at 10 ems.  "受理案件數共 12345" (9) left room for 件, but not for the
    # space before it that a document spacing its numbers printed there, and that the tool
    # drops at a line's end: a wrap, joined with the space; "辦理標準作業說明會計" (10)
    # wraps either way, and is joined with its space too.  Where the document prints its
    # numbers touching the ideographs, or both ways (the seed's Latin words: 23 spaced, 4
    # touching; here the item's "(100分)" among the spaced), the room says a paragraph
    # ended after 12345, and wraps join with nothing.
    def n(text: str) -> str:
        return text.replace(" ", "") if spacing == "touching" else text

    item = "(100分)" if spacing == "mixed" else n("(100 分)")
    rows = [
        FIRST,
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "流程，維持一致性。"),
            (RESULT, n("共 3 場。")),
        ),
        line((ITEM, item), (UNITS, "資訊室"), (RESULT, n("另辦 2 場。"))),
        line((RESULT, "辦理標準作業說明會計")),
        line((RESULT, n("12 場。"))),
        line((RESULT, n("受理案件數共 12345"))),
        line((RESULT, n("件並於 3 日內辦結。"))),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    result = doc.rows[0].result
    if spacing == "spaced":
        # Spaced every time, as a producer spacing CJK from Latin text prints them: which
        # spaces the text held the dump cannot show, and says so.
        assert set(failed) == {"autospace_unsure"}, failed
        assert result.endswith(
            "\n辦理標準作業說明會計 12 場。\n受理案件數共 12345 件並於 3 日內辦結。"
        )
    else:
        assert result.endswith(
            n("\n辦理標準作業說明會計12 場。\n受理案件數共 12345\n件並於 3 日內辦結。")
        )


@pytest.mark.parametrize(
    ("text", "ems", "edge", "cut"),
    [
        # A result's line, then the next column's pushed against it after one space (the
        # tool starts a column's line at the cell its x maps to, or right after the line
        # before it where that is further right: a glyph a cell).
        ("自101年6月18日起與法 詳附件一", 11.0, 14, "自101年6月18日起與法"),
        ("供民眾線上申辦，網址： 料", 12.0, 13, "供民眾線上申辦，網址："),
        ("：www.gov.tw。 第 3 頁 計表", 11.5, 14, "：www.gov.tw。"),
        ("提供 call center 諮詢 依本局考", 11.0, 19, "提供 call center 諮詢"),
        # A URL the line's end cut ("www." / "gov.tw。"): an ideograph after it, however far
        # from the edge, is the next column's line.
        ("提供民眾線上申辦，網址：www. 料", 16.0, 40, "提供民眾線上申辦，網址：www."),
        # A result's own spaces: a bullet's, a marker's (even right at the edge), a spaced
        # number's, Latin words' (more cells than ems).
        ("• 已完成商品報驗流程", 11.0, 4, None),
        ("一、 設置 QR code 行動", 11.0, 4, None),
        ("見佐證資料第 3 頁", 4.0, 8, None),
        ("透過 LINE 官方帳號及 Facebook 粉", 16.0, 28, None),
        # A date's day ending what the column holds, then the next column's line: the space
        # after a spaced number parts too, unless what follows is what a number takes.
        ("1.於100 年 1 月 2 含線上申 見佐證資", 9.5, 15, "1.於100 年 1 月 2"),
        ("//www.example.gov.tw/ 第 3 頁", 13.0, 14, "//www.example.gov.tw/"),
        # A justified line whose digits stand spread drew no width for its spaces.
        ("自 1 0 8 年 1 1 月 2 詳附件一", 9.0, 16, "自 1 0 8 年 1 1 月 2"),
    ],
)
def test_a_columns_text_pushed_against_a_column_beyond_the_five_is_cut_there(
    text: str, ems: float, edge: int, cut: str | None
) -> None:
    """A run of the results (or of a column beyond them), its column wrapping at `ems`, the
    next column's edge `edge` cells from the run's start."""
    s = sidebyside.SIDE_BY_SIDE
    run = sidebyside._Run(0, 0.0, text)
    k, _ = sidebyside._cut_before_extra(run, ems, edge * s.glyph, s)
    assert (text[:k] if k is not None else None) == cut


def test_a_cut_by_width_gives_way_to_what_the_next_column_shows() -> None:
    """A cut by width alone (`ems` counts a date's half-width glyphs wider than the PDF drew
    them) gives way to a note line the column prints whole elsewhere ("• 於114 年 2 月 1 第 3
    頁"), and, before a column of numbers, to the row's number pushed at the run's end
    ("(1)於105 年 2 月 2 7.5"): the width cut left "年 2 月 2" to the notes, status
    partial."""
    s = sidebyside.SIDE_BY_SIDE
    columns = (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 500.0, 600.0)
    # A row's first line: its sub-indicator's first line beside.
    page = sidebyside._Page(1, ("", "x"), [sidebyside._Run(1, 20.0, "(1)提升")], columns)
    note = sidebyside._Run(1, 300.0, "• 於114 年 2 月 1 第 3 頁")
    notes = sidebyside._Measures({5: 7.0}, frozenset(), frozenset(), frozenset({"第 3 頁"}))
    k, _ = sidebyside._cut_index(page, note, 5, 400.0, notes, None, s)
    assert k is not None and note.text[:k] == "• 於114 年 2 月 1"
    score = sidebyside._Run(1, 300.0, "(1)於105 年 2 月 2 7.5")
    numeric = sidebyside._Measures({5: 7.0}, frozenset(), frozenset({6}))
    k, _ = sidebyside._cut_index(page, score, 5, 400.0, numeric, None, s)
    assert k is not None and score.text[:k] == "(1)於105 年 2 月 2"
    # Without that evidence the width cut stands.
    plain = sidebyside._Measures({5: 7.0}, frozenset())
    k, _ = sidebyside._cut_index(page, score, 5, 400.0, plain, None, s)
    assert k is not None and score.text[:k] == "(1)於105"
    # A space parting two wide glyphs after the width cut: that cut stands.
    wide = sidebyside._Run(1, 300.0, "每季召開服務品質檢 依本局考 第 3 頁")
    k, _ = sidebyside._cut_index(page, wide, 5, 400.0, notes, None, s)
    assert k is not None and wide.text[:k] == "每季召開服務品質檢"


def test_a_line_a_note_column_prints_whole_elsewhere_is_cut_off_a_results_run() -> None:
    """'• 提供 call 第 3 頁': the note column's '第 3 頁' (a whole run of it elsewhere) pushed
    after a Latin word, where no other rule cuts (Latin takes more cells than ems); before,
    read into the results ('call 第 3 頁center'), status ok."""
    s = sidebyside.SIDE_BY_SIDE
    page = sidebyside._Page(1, ("x",), [], (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 500.0, 600.0))
    run = sidebyside._Run(0, 300.0, "• 提供 call 第 3 頁")
    doc = sidebyside._Measures({5: 16.0}, frozenset(), frozenset(), frozenset({"第 3 頁"}))
    k, gap = sidebyside._cut_index(page, run, 5, 400.0, doc, None, s)
    assert (run.text[:k] if k is not None else None, gap) == ("• 提供 call", 1)
    plain = sidebyside._Measures({5: 16.0}, frozenset())
    assert sidebyside._cut_index(page, run, 5, 400.0, plain, None, s) == (None, 1)


def test_a_note_glued_to_a_results_line_wider_than_the_column_is_cut_off() -> None:
    """'(1)推動「優良計量管理制度」：含線上申' beside '辦統計表': the note column's '含線上申'
    (a whole run of it twice or more elsewhere) glued to a results line ending in a
    full-width glyph, seven cells short of that column.  The run is wider than the
    results' lines wrap and what stands before the note is not: cut off with no space
    (`-layout-extra` seed 23931; before, the results' width was learned from this line
    and every wrap read as a paragraph's end, status partial).  Not wider, or with the
    note printed whole once only, it stays one line."""
    s = sidebyside.SIDE_BY_SIDE
    page = sidebyside._Page(1, ("x",), [], (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 500.0, 600.0))
    run = sidebyside._Run(0, 240.0, "(1)推動「優良計量管理制度」：含線上申")
    doc = sidebyside._Measures({5: 15.0}, frozenset(), frozenset(), frozenset({"含線上申"}))
    k, gap = sidebyside._cut_index(page, run, 5, 400.0, doc, None, s)
    assert (run.text[:k] if k is not None else None, gap) == ("(1)推動「優良計量管理制度」：", 0)
    wide = dataclasses.replace(doc, widths={5: 19.0})
    assert sidebyside._cut_index(page, run, 5, 400.0, wide, None, s) == (None, 1)
    once = dataclasses.replace(doc, notes=frozenset(), notes_once=frozenset({"含線上申"}))
    assert sidebyside._cut_index(page, run, 5, 400.0, once, None, s) == (None, 1)
    # Before a cut by width alone (after "105", `-layout-extra` seed 24783: the results'
    # line read into the note column, flagged), never before a note a space apart.
    dated = sidebyside._Run(0, 240.0, "一、105 年度共計受理36,528件，處理時見佐證資")
    notes = dataclasses.replace(doc, widths={5: 18.0}, notes=frozenset({"見佐證資", "資"}))
    k, gap = sidebyside._cut_index(page, dated, 5, 400.0, notes, None, s)
    assert (dated.text[:k] if k is not None else None, gap) == (dated.text[:-4], 0)
    spaced = dataclasses.replace(dated, text="已完成並提供 call 詳附件一")
    tails = dataclasses.replace(doc, widths={5: 12.0}, notes=frozenset({"詳附件一", "一"}))
    k, gap = sidebyside._cut_index(page, spaced, 5, 400.0, tails, None, s)
    assert (spaced.text[:k] if k is not None else None, gap) == ("已完成並提供 call", 1)
    # What stands before the note is wider than the column too: no cell's line, no cut.
    long = dataclasses.replace(run, text="(1)推動「優良計量管理制度」及其他：含線上申")
    assert sidebyside._cut_index(page, long, 5, 400.0, doc, None, s) == (None, 1)


def test_a_line_a_note_column_prints_once_is_cut_off_after_a_latin_word_only() -> None:
    """'• 提供 call 第 3 頁' where the note column prints '第 3 頁' whole once only (its
    other such lines pushed too): after a Latin word, which takes more cells than ems, that
    will do; before, read into the results, status ok.  After a number it is no evidence
    short of the edge: the width cut stands; past it, the line is the note's (`-layout`
    seed 19107, '1.於104 年 1 第 3 頁' read into the results, status ok)."""
    s = sidebyside.SIDE_BY_SIDE
    page = sidebyside._Page(1, ("x",), [], (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 500.0, 600.0))
    once = sidebyside._Measures({5: 16.0}, frozenset(), notes_once=frozenset({"第 3 頁"}))
    run = sidebyside._Run(0, 300.0, "• 提供 call 第 3 頁")
    k, gap = sidebyside._cut_index(page, run, 5, 400.0, once, None, s)
    assert (run.text[:k] if k is not None else None, gap) == ("• 提供 call", 1)
    date = sidebyside._Run(0, 200.0, "• 於114 年 2 月 1 第 3 頁")
    narrow = dataclasses.replace(once, widths={5: 7.0})
    k, _ = sidebyside._cut_index(page, date, 5, 400.0, narrow, None, s)
    assert k is not None and date.text[:k] == "• 於114"
    past = dataclasses.replace(date, x=300.0)  # '第' at cell 45, the edge at 40
    k, _ = sidebyside._cut_index(page, past, 5, 400.0, narrow, None, s)
    assert k is not None and past.text[:k] == "• 於114 年 2 月 1"


def test_a_number_ending_a_line_stays_when_a_number_stands_further_right() -> None:
    """'自114 年 1' beside '3' two columns on: the row's score is the '3' (a column beyond
    the five the tool put it in), so the '1' is the date's own, not a score pushed against
    the line; alone on its line, it is the pushed score."""
    s = sidebyside.SIDE_BY_SIDE
    columns = (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 500.0, 600.0)
    sub = sidebyside._Run(1, 20.0, "提升服務")
    run = sidebyside._Run(1, 300.0, "自114 年 1")
    score = sidebyside._Run(1, 550.0, "3")
    alone = sidebyside._Page(1, ("", "x"), [sub, run], columns)
    assert sidebyside._score_pushed(alone, run, 5, s) == len("自114 年")
    beside = sidebyside._Page(1, ("", "x"), [sub, run, score], columns)
    assert sidebyside._score_pushed(beside, run, 5, s) is None


@pytest.mark.parametrize(
    ("above", "sub", "pushed"),
    [
        ("", "提升服務", True),  # a row's first line under a blank line
        ("得分：5", "3) 提供各種", True),  # its marker opens it under the item's score
        ("得分：5", "提供各種", False),  # unnumbered, under a line: it may go on a row
        # pdftotext-layout-extra seed 15226: a page's first line, results alone, a date's
        # "2" ending it ("4.於107 年 9 月 2" / "8 日…"): no row opens there.
        ("", None, False),
        # Seed 27611: a page's first line, the sub-indicator's "。" beside "(1)自103 年 6 月
        # 1" / "9 日…": a closing mark is a cell's last line, no row's first (read as the
        # score "10" then "1", `ok`).
        ("", "。", False),
        ("", "）提供各種", False),
    ],
)
def test_a_number_ending_a_line_is_a_pushed_score_only_on_a_rows_first_line(
    above: str, sub: str | None, pushed: bool
) -> None:
    # pdftotext-layout-extra seed 15152: "得分：5" above "3) 提供各種…  完成檢驗22,173批 5",
    # the row's score read into its results, `ok`.
    s = sidebyside.SIDE_BY_SIDE
    columns = (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 500.0, 600.0)
    run = sidebyside._Run(1, 300.0, "完成檢驗22,173批 5")
    runs = [run] if sub is None else [sidebyside._Run(1, 20.0, sub), run]
    page = sidebyside._Page(1, (above, "x"), runs, columns)
    at = sidebyside._score_pushed(page, run, 5, s)
    assert at == (len("完成檢驗22,173批") if pushed else None)


@pytest.mark.parametrize(
    ("above", "glued", "pushed"),
    [
        ("", "資訊公開透明( 辦理滿意度 強化機關(單位)服務", True),  # under a blank line
        ("得分：5", "資訊公開透明( 1.辦理滿意度 強化機關(單位)服務", True),  # numbered
        ("得分：5", "資訊公開透明( 辦理滿意度 強化機關(單位)服務", False),
    ],
)
def test_a_row_opens_on_a_line_whose_cells_the_tool_printed_as_one_run(
    above: str, glued: str, pushed: bool
) -> None:
    # pdftotext-layout-extra seed 16077: the item's, indicator's and sub-indicator's lines
    # a space apart, one run starting in the item column: no indicator or sub-indicator
    # was seen on the line, so "① 依規定定期陳報 5" kept the row's score, `ok`.
    s = sidebyside.SIDE_BY_SIDE
    columns = (-1.0, 60.0, 143.0, 290.0, 390.0, 545.0, 612.5, 675.0)
    run = sidebyside._Run(1, 420.0, "① 依規定定期陳報 5")
    page = sidebyside._Page(1, (above, "x"), [sidebyside._Run(1, 0.0, glued), run], columns)
    at = sidebyside._score_pushed(page, run, 5, s)
    assert at == (len("① 依規定定期陳報") if pushed else None)


def test_a_column_of_numbers_counts_those_the_tool_pushed_against_the_results() -> None:
    # pdftotext-layout-extra seed 16086: the self-assessed score's column is one glyph wide,
    # so the tool pushed every row's number against its first results line ("• 每季召開服
    # 務品質 3") but two, and the column (two whole runs) was not known to hold numbers: the
    # scores were read into the results, flagged by chance elsewhere.
    s = sidebyside.SIDE_BY_SIDE
    lines = (_EXTRA_HEADER, "", "a", "a", "", "b", "", "c")

    def numeric(*cells: tuple[int, float, str]) -> frozenset[int]:
        runs = [sidebyside._Run(*c) for c in cells]
        page = sidebyside._Page(1, lines, runs, _EXTRA_COLUMNS)
        return sidebyside._numeric_columns([page], s)

    rows = [(2, 10.0, "1.提升服務"), (5, 20.0, "(1)提升"), (7, 20.0, "(2)建立")]
    pushed = [(2, 50.0, "• 每季召開服務品質 3"), (5, 50.0, "(1)本項業務由各單位 9")]
    whole = [(7, 405.0, "8"), (5, 500.0, "詳附件一")]
    assert numeric(*rows, *pushed, *whole) == {6}
    assert numeric(*rows, *whole) == frozenset()  # one number: no evidence
    # A word among the column's runs: no column of numbers.
    assert numeric(*rows, *pushed, *whole, (7, 405.0, "詳")) == frozenset()
    # Beside a run of that column, the number ending the line is the line's own.
    assert numeric(*rows, *pushed[:1], (5, 50.0, "(1)本項 9"), (5, 405.0, "7")) == frozenset()
    # So is one ending a row's later line (a date's: "自101 年 1 月 2" / "6 日起").
    assert numeric(*rows, *pushed[:1], (3, 50.0, "自101 年 1 月 2"), *whole) == frozenset()


def test_a_narrow_line_has_no_choice_beside_columns_of_numbers_only() -> None:
    """Two columns beyond the five, one of numbers only: text that is no number, placed in
    the other, could stand nowhere else, so no guess is reported for it."""
    columns = (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 500.0, 600.0)
    assert sidebyside._no_choice(columns, 7, frozenset({6}))
    assert not sidebyside._no_choice(columns, 6, frozenset({6}))  # a word among numbers
    assert not sidebyside._no_choice(columns, 7, frozenset())  # either column may hold it


def _narrow_page(
    cells: dict[int, list[str]], held: dict[int, dict[str, int]], edge: str = ""
) -> tuple[sidebyside._Page, sidebyside._Narrow]:
    """A page whose block 1 holds `cells` (column to its lines) in the two columns beyond
    the five (6 and 7; 6 of numbers only), the document holding `held` elsewhere; `edge`
    "first" or "last" makes block 1 that edge of its page."""
    from collections import Counter

    columns = (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 500.0, 600.0)
    page = sidebyside._Page(1, ("x",) * 4, [], columns, numeric=frozenset({6}))
    s = sidebyside.SIDE_BY_SIDE
    runs = {
        (1, col): [sidebyside._Run(i, columns[col - 1] + s.glyph / 2, t) for i, t in enumerate(ts)]
        for col, ts in cells.items()
    }
    seen = {col: Counter(texts) for col, texts in held.items()}
    at = frozenset({(1, 1)})
    first, last = (at, frozenset()) if edge == "first" else (frozenset(), at)
    first, last = (first, last) if edge else (frozenset(), frozenset())
    return page, sidebyside._Narrow({1: runs}, seen, {}, first, last)


def test_a_narrow_cell_reading_as_a_held_texts_head_its_rest_in_the_other_is_a_misreading() -> None:
    # `-layout-extra` 36913: the tool shifted a row's second line left, "料" went into the
    # results and "核紀錄" into 佐證資料: "見佐證資核紀錄第 3 頁" / "依本局考", read `ok`.
    cells = {6: ["見佐證資", "核紀錄", "第 3 頁"], 7: ["依本局考"]}
    held = {6: {"見佐證資料第 3 頁": 3}, 7: {"依本局考核紀錄": 2}}
    page, ev = _narrow_page(cells, held)
    assert sidebyside._held_nowhere(page, 1, ev) == "p1 '依本局考'"
    # The rest printed nowhere in the block, or the head a text of its own: no sign.
    page, ev = _narrow_page({6: ["見佐證資料", "第 3 頁"], 7: ["依本局考"]}, held)
    assert sidebyside._held_nowhere(page, 1, ev) is None
    page, ev = _narrow_page(cells, {**held, 7: {"依本局考核紀錄": 2, "依本局考": 2}})
    assert sidebyside._held_nowhere(page, 1, ev) is None
    # A text held once only is no evidence; nor is a page's first or last block.
    page, ev = _narrow_page(cells, {6: {"見佐證資料第 3 頁": 3}, 7: {"依本局考核紀錄": 1}})
    assert sidebyside._held_nowhere(page, 1, ev) is None
    page, ev = _narrow_page(cells, held, "last")
    assert sidebyside._held_nowhere(page, 1, ev) is None


def test_a_narrow_line_moves_where_its_row_reads_as_held_and_a_whole_cell_stays() -> None:
    s = sidebyside.SIDE_BY_SIDE
    # A cell's line read into the wrong column: moved, the row then reads as held.
    page, ev = _narrow_page(
        {6: ["見佐證資料"], 7: ["依本局考核紀錄", "第 3 頁"]},
        {6: {"見佐證資料第 3 頁": 2}, 7: {"依本局考核紀錄": 2}},
    )
    assert [(r.text, c) for r, c in sidebyside._moves(page, 1, ev, s)] == [("第 3 頁", 6)]
    # A whole cell either column may hold ("詳附件一") stays where it stands...
    page, ev = _narrow_page({6: ["詳附件一"]}, {7: {"詳附件一": 3}})
    assert sidebyside._moves(page, 1, ev, s) == []
    # ...but a number goes to the column of numbers beside it.
    page, ev = _narrow_page({7: ["3"]}, {7: {"詳附件一": 3}})
    assert [(r.text, c) for r, c in sidebyside._moves(page, 1, ev, s)] == [("3", 6)]


def test_two_narrow_cells_lines_pushed_together_split_where_the_row_reads_as_held() -> None:
    """ "第 3 頁 第 3 頁": each column's line, the tool pushing the second against the first
    (a space between two wide glyphs), read as one line of column 7; split so that both
    cells read as the document holds them elsewhere, else not at all."""
    s = sidebyside.SIDE_BY_SIDE
    cells = {6: ["見佐證資", "料"], 7: ["見佐證", "資料", "第 3 頁 第 3 頁"]}
    held = {6: {"見佐證資料第 3 頁": 2}, 7: {"見佐證資料第 3 頁": 1}}
    page, ev = _narrow_page(cells, held)
    assert sidebyside._hard_misread(page, 1, ev, s) is not None
    found = [
        (r.text, [(sidebyside._column(page.columns, p.x, s), p.text) for p in parts])
        for r, parts in sidebyside._split_moves(page, 1, ev, s)
    ]
    assert found == [("第 3 頁 第 3 頁", [(6, "第 3 頁"), (7, "第 3 頁")])]
    # No split where a cell would then read as a text its column holds nowhere else.
    page, ev = _narrow_page(cells, {6: {"見佐證資料第 3 頁": 2}, 7: {"依本局考核紀錄": 1}})
    assert sidebyside._split_moves(page, 1, ev, s) == []


def test_a_narrow_cells_piece_glued_to_the_results_line_is_found_and_moved() -> None:
    """'見佐證資' / '第 3 頁' with '…16,074人次。料' on the line between: the note's '料' glued
    with no space to the results' line.  Found (the cell reads as a text its column holds
    but for that piece) and moved back; glued on a line not between the cell's two lines,
    or where the document holds no such text, it is neither."""
    s = sidebyside.SIDE_BY_SIDE
    # The note's lines on lines 0 and 2; line 1 is the results' (its placeholder dropped).
    page, ev = _narrow_page({7: ["見佐證資", "", "第 3 頁"]}, {7: {"見佐證資料第 3 頁": 2}})
    now = sidebyside._block_cells(page, 1, ev)
    cell = [r for r in now[7] if r.text]
    results = sidebyside._Run(1, 50.0, "累計觸及16,074人次。料")
    assert sidebyside._missing_pieces(cell, [results], ev.seen[7]) == [(results, "料")]
    below = sidebyside._Run(2, 50.0, "累計觸及16,074人次。料")
    assert sidebyside._missing_pieces(cell, [below], ev.seen[7]) == []
    spaced = sidebyside._Run(2, 50.0, "累計觸及16,074人次。 料")
    assert sidebyside._missing_pieces(cell, [spaced], ev.seen[7]) == [(spaced, "料")]
    assert sidebyside._missing_pieces(cell, [results], Counter({"見佐證資料": 2})) == []
    page = dataclasses.replace(page, lines=("", "x", "x"), runs=[*cell, results])  # block 1
    ev = dataclasses.replace(ev, cells={1: {(1, 7): cell}})
    [(run, parts)] = sidebyside._piece_moves(page, 1, ev, s)
    assert run is results
    assert [(sidebyside._column(page.columns, p.x, s), p.text) for p in parts] == [
        (5, "累計觸及16,074人次。"),
        (7, "料"),
    ]


def test_a_narrow_cells_last_lines_move_where_the_row_reads_as_held() -> None:
    """`-layout-extra` seed 30347: "見佐證資" beside "詳附件一", then "料" (after a results
    line longer in cells than in ems) and "第 3 頁" at one cell right of where 附註 started
    in the block: read `ok` as 附註's "詳附件一料第 3 頁".  No one line moved makes the row
    read as the document holds it; the cell's last two lines do."""
    s = sidebyside.SIDE_BY_SIDE
    held = {6: {"見佐證資料第 3 頁": 2}, 7: {"詳附件一": 2}}
    page, ev = _narrow_page({6: ["見佐證資"], 7: ["詳附件一", "料", "第 3 頁"]}, held)
    assert sidebyside._moves(page, 1, ev, s) == []
    found = [([r.text for r in tail], c) for tail, c in sidebyside._tail_moves(page, 1, ev)]
    assert found == [(["料", "第 3 頁"], 6)]
    # Not onto lines the other column prints on (placeholders: no text, a line each).
    page, ev = _narrow_page({6: ["見佐證資", "", ""], 7: ["詳附件一", "料", "第 3 頁"]}, held)
    assert sidebyside._tail_moves(page, 1, ev) == []
    # Never a whole cell (both columns may hold its text: `-layout-extra` seed 30254 read
    # "見佐證資料第 3 頁" into 附註 so), nor one line (`_moves`'), nor where the row reads
    # as held.
    page, ev = _narrow_page({6: ["見佐證資"], 7: ["詳附件一", "料", "第 3 頁"]}, held)
    whole = {(1, 6): ev.cells[1][(1, 6)], (1, 7): ev.cells[1][(1, 7)][1:]}  # lines 1, 2
    ev = dataclasses.replace(ev, cells={1: whole})
    assert sidebyside._tail_moves(page, 1, ev) == []
    page, ev = _narrow_page({6: ["見佐證資料"], 7: ["詳附件一", "第 3 頁"]}, held)
    assert sidebyside._tail_moves(page, 1, ev) == []
    page, ev = _narrow_page({6: ["見佐證資料", "第 3 頁"], 7: ["詳附件一"]}, held)
    assert sidebyside._tail_moves(page, 1, ev) == []
    both = {6: {"見佐證資料第 3 頁": 2, "見佐證資": 2}, 7: {"料第 3 頁": 2}}
    page, ev = _narrow_page({6: ["見佐證資", "料", "第 3 頁"]}, both)
    assert sidebyside._tail_moves(page, 1, ev) == []  # held as it stands: no move
    # Where the document holds no such text, nothing moves.
    page, ev = _narrow_page({6: ["見佐證資"], 7: ["詳附件一", "料", "第 3 頁"]}, {7: held[7]})
    assert sidebyside._tail_moves(page, 1, ev) == []


def test_a_row_misread_alike_twice_reads_as_the_document_holds_more_often() -> None:
    """`-layout-extra` seed 32350: two rows print alike, "見佐證資" beside "詳附件一", then
    "料" and "第 3 頁" under "詳附件一"; both read `ok` as 附註's "詳附件一料第 3 頁" beside
    佐證資料's "見佐證資", each misreading held once more, by its twin.  With the cell's last
    two lines in 佐證資料 the row reads as texts held 6 and 8 times elsewhere: that reading
    is taken (and said, `extra_column_rival`)."""
    cells = {6: ["見佐證資"], 7: ["詳附件一", "料", "第 3 頁"]}
    twin = {6: {"見佐證資": 2, "見佐證資料第 3 頁": 6}, 7: {"詳附件一料第 3 頁": 2, "詳附件一": 8}}
    page, ev = _narrow_page(cells, twin)
    assert sidebyside._tail_moves(page, 1, ev) == []  # held as it stands
    found = [([r.text for r in tail], c) for tail, c in sidebyside._rival_moves(page, 1, ev)]
    assert found == [(["料", "第 3 頁"], 6)]
    # A row's own reading is not held elsewhere by itself: twice elsewhere beats its twin.
    two = {6: {"見佐證資": 2, "見佐證資料第 3 頁": 2}, 7: {"詳附件一料第 3 頁": 2, "詳附件一": 2}}
    page, ev = _narrow_page(cells, two)
    assert len(sidebyside._rival_moves(page, 1, ev)) == 1
    # Held elsewhere no more often than the twin holds the reading as it stands: no move.
    fewer = {**twin, 6: {"見佐證資": 2, "見佐證資料第 3 頁": 1}}
    page, ev = _narrow_page(cells, fewer)
    assert sidebyside._rival_moves(page, 1, ev) == []
    # Nor where a cell the move changes reads as a text its column holds nowhere else, nor
    # where the row does not read as held as it stands (that is `_tail_moves`' case).
    page, ev = _narrow_page(cells, {**twin, 7: {"詳附件一料第 3 頁": 2}})
    assert sidebyside._rival_moves(page, 1, ev) == []
    page, ev = _narrow_page(cells, {**twin, 7: {"詳附件一": 8}})
    assert sidebyside._rival_moves(page, 1, ev) == []
    assert sidebyside._tail_moves(page, 1, ev) != []
    # One line read into the wrong column alike twice: moved so too.
    s = sidebyside.SIDE_BY_SIDE
    cells = {6: ["見佐證資料"], 7: ["依本局考核紀錄", "第 3 頁"]}
    twin = {
        6: {"見佐證資料": 2, "見佐證資料第 3 頁": 6},
        7: {"依本局考核紀錄第 3 頁": 2, "依本局考核紀錄": 8},
    }
    page, ev = _narrow_page(cells, twin)
    assert sidebyside._moves(page, 1, ev, s) == []
    found = [([r.text for r in lines], c) for lines, c in sidebyside._rival_moves(page, 1, ev)]
    assert found == [(["第 3 頁"], 6)]


def test_a_pages_first_block_may_hold_the_rest_of_a_held_text() -> None:
    """'資料' / '第 3 頁' atop a page: the rest of 附註's '見佐證資料第 3 頁' cut by the break,
    so no move is sought; anywhere else it reads as no held text and one is."""
    s = sidebyside.SIDE_BY_SIDE
    cells = {7: ["資料", "第 3 頁"]}
    held = {7: {"見佐證資料第 3 頁": 2, "資料": 2}, 6: {"第 3 頁": 2}}
    page, ev = _narrow_page(cells, held, edge="first")
    assert sidebyside._moves(page, 1, ev, s) == []
    page, ev = _narrow_page(cells, held)
    assert [(r.text, c) for r, c in sidebyside._moves(page, 1, ev, s)] == [("第 3 頁", 6)]


def _pitched_rows(gap: int) -> list[str]:
    """A row whose results' first line is printed as two runs `gap` cells apart, as a
    pitch narrower than the glyphs (`-fixed 6`) prints the space after "設置", and whose
    next row glues "Facebook" to "粉絲", as such a pitch drops the space after a Latin word."""
    return [
        line(
            (ITEM, "服務一致及"),
            (IND, "1.訂定申辦"),
            (SUB, "設置"),
            (SUB + 2 + gap, "QR code 條碼，"),
            (UNITS, "地籍測量科"),
            (RESULT, "設置"),
            (RESULT + 2 + gap, "QR code行動條碼，方"),
        ),
        line(
            (ITEM, "正確性"), (IND, "業務標準"), (SUB, "方便查詢。"), (RESULT, "便民眾查詢進度。")
        ),
        line(
            (ITEM, "(100分)"),
        ),
        "",
        line((SUB, "公告服務項目。"), (UNITS, "資訊室"), (RESULT, "透過 Facebook粉絲專頁發布")),
        line((RESULT, "訊息。")),
        "",
    ]


def test_a_results_line_printed_as_two_runs_is_one_line_its_latin_spaces_unsure() -> None:
    """Two runs on one line of a column with a run in every column after it (the results,
    the table's last, or the sub-indicator beside units and results): the second has no
    column to move on to, so they are one line of the cell, a space apart (read as two
    lines before, or the sub-indicator's pushed on into the units and results).  Such a
    pitch drops the space after a Latin word, so every Latin word glued to an ideograph is
    named, and read with a space where one stands before it ("code行", "Facebook粉")."""
    doc, failed = read(TOP + _pitched_rows(3) + [SUBTOTAL])
    first, second = doc.rows
    assert first.sub_indicator == "設置 QR code 條碼，方便查詢。"
    assert first.units == ("地籍測量科",)
    assert first.result == "設置 QR code 行動條碼，方便民眾查詢進度。"
    assert second.result == "透過 Facebook 粉絲專頁發布訊息。"
    assert set(failed) == {"pitch_space_unsure"}, failed
    assert "'code行動'" in failed["pitch_space_unsure"]
    assert "'Facebook粉絲'" in failed["pitch_space_unsure"]


def test_a_latin_word_glued_to_an_ideograph_stays_where_the_pitch_drops_no_space() -> None:
    doc, failed = read(TOP + _pitched_rows(-1) + [SUBTOTAL])
    first, second = doc.rows
    assert first.sub_indicator == "設置 QR code 條碼，方便查詢。"
    assert first.result == "設置 QR code行動條碼，方便民眾查詢進度。"
    assert second.result == "透過 Facebook粉絲專頁發布訊息。"
    assert not failed, failed


@pytest.mark.parametrize(
    ("text", "spaced", "glued", "found"),
    [
        ("及 Facebook粉絲", {}, {}, {10: 2}),  # a space before: dropped after
        ("及Facebook粉絲", {}, {}, {}),  # glued both sides: printed so
        ("Facebook粉絲", {"Facebook": 2}, {}, {8: 0}),  # starting a line: the habit
        ("Facebook粉絲", {"Facebook": 1}, {"Facebook": 1}, {8: -1}),
        ("年 3 月 28日辦理", {}, {}, {8: 6}),  # after an ideograph and a space
        ("• 101年度", {}, {}, {5: -3}),  # after a marker's space: named, as printed
        ("計535人次", {}, {}, {}),
        ("28日辦理", {}, {}, {}),
        ("提供 callcenter 諮詢", {}, {}, {7: 3}),  # two words the document prints apart
    ],
)
def test_spaces_a_narrow_pitch_may_have_dropped(
    text: str, spaced: dict[str, int], glued: dict[str, int], found: dict[int, int]
) -> None:
    pairs = {"callcenter": "call center"}
    got = sidebyside._dropped_spaces(text, Counter(spaced), Counter(glued), pairs)
    assert got == found


def test_a_units_line_then_a_list_marker_after_one_space_parts_at_the_marker() -> None:
    """ "食品藥物管理 (1) 派遣…": the tool printed the results' first line a space after the
    first line of a wrapped unit name; no unit's line goes on with a list marker, so the
    results start there (read as one unit "食品藥物管理 (科…" before)."""
    rows = [
        line(
            (ITEM, "服務一致及"),
            (IND, "1.訂定申辦"),
            (SUB, "訂定申辦業務標準作業"),
            (UNITS, "食品藥物管理 (1) 派遣車輛八十八批次"),
        ),
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "流程。"),
            (UNITS, "科"),
            (RESULT, "，服務檢驗人員五百人。"),
        ),
        line((ITEM, "(100分)"), (UNITS, "資訊室"), (RESULT, "(2)完成檢驗八批。")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    (row,) = doc.rows
    assert row.units == ("食品藥物管理科", "資訊室")
    assert row.result == "(1) 派遣車輛八十八批次，服務檢驗人員五百人。\n(2)完成檢驗八批。"


def test_a_line_holding_three_cells_gives_up_a_units_line_before_a_list_marker() -> None:
    """ "…服務人員( 國際交流暨觀 1.依規定…": the sub-indicator's line, a wrapped unit name's
    first line and the results' first line, each a space apart, far wider than the
    sub-indicator's lines wrap: the unit's line, followed by a list marker, is cut off
    (the sub-indicator read it before, as wide as three columns)."""
    rows = [
        line(
            (ITEM, "服務一致及"),
            (IND, "1.訂定申辦"),
            (SUB, "確保服務人員( 國際交流暨觀 1.依規定陳報"),
        ),
        line(
            (ITEM, "正確性"),
            (IND, "業務標準"),
            (SUB, "姓名)標示，"),
            (UNITS, "光發展處"),
            (RESULT, "完成。"),
        ),
        line((ITEM, "(100分)"), (SUB, "訂定申辦流程。"), (UNITS, "管制考核小組")),
        "",
    ]
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    (row,) = doc.rows
    assert row.sub_indicator == "確保服務人員(姓名)標示，訂定申辦流程。"
    assert row.units == ("國際交流暨觀光發展處", "管制考核小組")
    assert row.result == "1.依規定陳報完成。"


def test_a_results_line_the_tool_started_in_the_units_column_is_no_unit_name() -> None:
    """A run in the units column opening with a list marker or holding a sentence's
    punctuation is a results' line started there, no name of the document's (pdftotext
    -layout seed 14354 cut a three-cell run at it); a long name standing whole is one."""
    s = sidebyside.SIDE_BY_SIDE
    rows = [
        line((ITEM, "服務一致及"), (IND, "1.訂定申辦"), (SUB, "訂定申辦"), (UNITS, "資訊室")),
        line((SUB, "流程。"), (UNITS + 2, "1.依規定定期陳報「清淨")),
        line((UNITS, "兒童及少年福利與權益保障科")),
        line((UNITS, "依規定定期陳報「清淨")),
        line((UNITS, "(1)派遣車輛")),
        "",
    ]
    pages = sidebyside._printed_pages("\n".join(TOP + rows + [SUBTOTAL]) + "\n\f", s)
    assert sidebyside._unit_names(pages, s) == frozenset({"資訊室", "兒童及少年福利與權益保障科"})


def test_a_unit_name_under_an_open_sentence_where_its_blocks_names_start_is_a_unit() -> None:
    """The block's units stand where the page's results start (cell 48), its results
    further right: "資訊室" beside the results' first line is the units', and so is
    "地籍測量科" under "…主動引導及", a sentence still open, at the cell "資訊室" started at:
    the tool maps each block to cells on its own, and no results' line starts where that
    block's units do (pdftotext-layout seed 14448: read into the results before)."""
    head = (IND, "2.提升服務"), (SUB, "定期檢查硬體設施。")
    second = [
        line(*head, (RESULT, "資訊室"), (60, "服務櫃檯已完成設置服務")),
        line((60, "中心，由專人主動引導及")),
        line((RESULT, "地籍測量科")),
        line((60, "解說。")),
        "",
    ]
    doc, failed = read(TOP + ROW1 + [*second, SUBTOTAL])
    assert not failed, failed
    _, row = doc.rows
    assert row.units == ("資訊室", "地籍測量科")
    assert row.result == "服務櫃檯已完成設置服務中心，由專人主動引導及解說。"


def _indicator_beside_next_row(elsewhere: bool, under: bool = False) -> list[str]:
    """Two rows of one indicator in one block, the indicator's last line ("流程") beside
    the second row's marker (with `under`, on the line under it); with `elsewhere`, a
    later block prints the same indicator's three lines alone."""
    rows = [
        line(
            (ITEM, "服務一致及"), (IND, "一、訂定申辦"), (SUB, "1) 提供書表。"), (UNITS, "資訊室")
        ),
        line((ITEM, "正確性"), (IND, "業務標準作業")),
        line((ITEM, "(100分)"), (IND, "流程"), (SUB, "2) 確保標示。"), (UNITS, "秘書室")),
        "",
    ]
    if under:
        rows[2:3] = [
            line((ITEM, "(100分)"), (SUB, "2) 確保標示。"), (UNITS, "秘書室")),
            line((IND, "流程")),
        ]
    if elsewhere:
        rows += [
            line((IND, "二、訂定申辦"), (SUB, "1) 提供範例。"), (UNITS, "人事室")),
            line((IND, "業務標準作業")),
            line((IND, "流程")),
            "",
        ]
    return rows


def test_an_indicators_last_line_beside_the_next_rows_marker_goes_on_where_the_document_says() -> (
    None
):
    """pdftotext-layout seed 14410: "流程", the indicator's last line, printed beside the
    next row's "2) 確保…", was read as that row's unnumbered indicator.  Where another
    block holds "訂定申辦業務標準作業流程" whole it is the indicator's rest; where nothing
    says so, a new unnumbered indicator reads the same way, and the row keeps it (the
    validator's `numbering_increases` flags an unnumbered indicator among numbered ones)."""
    doc, failed = read(TOP + _indicator_beside_next_row(True) + [SUBTOTAL])
    assert not failed, failed
    first, second, third = doc.rows
    assert first.indicator == second.indicator == "訂定申辦業務標準作業流程"
    assert (second.sub_no, second.units) == ("(2)", ("秘書室",))
    assert third.indicator == "訂定申辦業務標準作業流程"
    doc, _ = read(TOP + _indicator_beside_next_row(False) + [SUBTOTAL])
    first, second = doc.rows
    assert (first.indicator, second.indicator) == ("訂定申辦業務標準作業", "流程")


def test_an_indicators_last_line_under_the_next_rows_first_line_goes_on_too() -> None:
    """pdftotext-layout-extra seed 24090: "準作業流", then the next row's "（3） 設置 QR"
    with no indicator beside it, then "程" alone, the tool having set the indicator's
    last glyph a line under the new row's first line.  Read as the new row's unnumbered
    indicator "程" (and the rows after it, flagged `numbering_increases`); where another
    block holds the indicator whole, it is the indicator's rest."""
    doc, failed = read(TOP + _indicator_beside_next_row(True, under=True) + [SUBTOTAL])
    assert not failed, failed
    first, second, third = doc.rows
    assert first.indicator == second.indicator == third.indicator == "訂定申辦業務標準作業流程"
    assert (second.sub_no, second.units) == ("(2)", ("秘書室",))
    doc, _ = read(TOP + _indicator_beside_next_row(False, under=True) + [SUBTOTAL])
    first, second = doc.rows
    assert (first.indicator, second.indicator) == ("訂定申辦業務標準作業", "流程")


def _seven_ems_rows(results: list[list[str]]) -> list[str]:
    """Rows whose results wrap at 7 ems, one row per list of results lines, each row's
    other cells on its first two lines."""
    out = []
    for n, lines in enumerate(results, 1):
        head = [(IND, f"{n}.提升服務"), (SUB, "訂定申辦業務標準作業"), (UNITS, "登記科")]
        out.append(line((ITEM, "服務一致及"), *head, (RESULT, lines[0])) if n == 1 else "")
        if n > 1:
            out[-1] = line(*head, (RESULT, lines[0]))
        out.append(line((SUB, "流程。"), (RESULT, lines[1]) if len(lines) > 1 else (RESULT, "")))
        out += [line((RESULT, ln)) for ln in lines[2:]]
        out.append("")
    return out


def test_spaced_dates_do_not_make_a_column_read_as_justified() -> None:
    # "6 年 4 月 9 日" fills its 7-em line with spaces a document prints: the stitcher took
    # such lines for spread ones and the column for justified, and then every line ending
    # short of the edge ("2.106年度共計", 6.5 ems, its spread too small for the dump to
    # show) for a paragraph's last.
    rows = _seven_ems_rows(
        [
            ["每季召開服務品", "質檢討會議，10", "6 年 4 月 9 日", "辦理，計召開15", "0場次。"],
            ["每季召開會議10", "6 年 1 月 5 日", "辦理說明會。"],
            ["2.106年度共計", "受理49,202件。"],
        ]
    )
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert not failed, failed
    assert [r.result for r in doc.rows] == [
        "每季召開服務品質檢討會議，106 年 4 月 9 日辦理，計召開150場次。",
        "每季召開會議106 年 1 月 5 日辦理說明會。",
        "2.106年度共計受理49,202件。",
    ]


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        # ␣: a space the PDF may or may not have had (`UNSURE_SPACE`), drawn with no width.
        ("1 . 1 0 6 年 度 共 計", "1.␣106␣年度共計"),  # the marker's point, then a number
        ("( 1 ) 本 項 業 務 由 各 109", "(1)␣本項業務由各 109"),
        ("完 成 檢 驗 7 7 , 4 2 1 批 ， 平 均 辦 理", "完成檢驗␣77,421␣批，平均辦理"),
        ("滿 意 度 達 9 5 . 5 % ， 較 去 年", "滿意度達␣95.5%␣，較去年"),
        ("提 供 民 眾 c a l l 諮 詢 服 務", "提供民眾␣call␣諮詢服務"),
        # Two wide glyphs alone a space apart in a line shown justified are spread too.
        ("透 過 L I N E 官 方 帳 號 及", "透過␣LINE␣官方帳號及"),
        # A marker in words is spread too: the space after it is as unsure as after "1 .".
        ("一 、 於 1 0 4 年 1 月 2", "一、␣於␣104␣年␣1␣月 2"),
        ("( 二 ) 提 供 民 眾 線 上", "(二)␣提供民眾線上"),
        # A Latin word's letters spread show the line justified, as a number's digits do.
        ("透 過 L I N E 官 方", "透過␣LINE␣官方"),
        # The last word is left alone: a score may stand pushed after the line.
        ("自 1 0 8 年 1 1 月 2 6", "自␣108␣年␣11␣月␣2 6"),
        # No spread glyphs meet a lone half-width one: nothing is joined.
        ("於114 年 1 月 2 6", "於114 年 1 月 2 6"),
        ("國際交流暨觀光 提 供 民 眾", "國際交流暨觀光 提供民眾"),
    ],
)
def test_a_justified_lines_markers_numbers_and_words_are_put_back_together(
    printed: str, read: str
) -> None:
    assert sidebyside._despread(printed).replace(sidebyside.UNSURE_SPACE, "␣") == read


_EXTRA_COLUMNS = (0.0, 10.0, 20.0, 30.0, 40.0, 400.0, 415.0, 600.0)
_EXTRA_HEADER = "評核項目  評核指標  次評核指標  主辦單位  具體作法與成果 自評分數 檢討與改善"


def test_a_number_cut_off_for_a_column_of_numbers_goes_to_that_column() -> None:
    # A justified line put back together is shorter than the tool printed it, so where the
    # number cut off its end would stand by the put-back text (past the narrow score
    # column) says nothing: the column of numbers takes it.
    s = sidebyside.SIDE_BY_SIDE
    R = sidebyside._Run
    runs = [R(2, 330.0, "1. 106 年度共計 57"), R(2, 560.0, "詳附件一"), R(3, 330.0, "受理。")]
    page = sidebyside._Page(1, (_EXTRA_HEADER, "", "a", "b"), runs, _EXTRA_COLUMNS)
    for numeric, col in ((frozenset({6}), 6), (frozenset(), 7)):
        doc = sidebyside._Measures({5: 7.0}, frozenset(), numeric, frozenset())
        cut, _, _ = sidebyside._unpushed(page, doc, s)
        assert [(r.text, sidebyside._column(_EXTRA_COLUMNS, r.x, s)) for r in cut] == [
            ("1. 106 年度共計", 5),
            ("57", col),
            ("詳附件一", 7),
            ("受理。", 5),
        ]


@pytest.mark.parametrize(
    ("runs", "back"),
    [
        # Opening its block (not the page's first) beside an empty score column.
        ([(5, 300.0, "一、透"), (5, 560.0, "65.5"), (6, 300.0, "過")], True),
        # A note of its column right of it on its line, though not opening its block.
        ([(5, 300.0, "一、透"), (6, 300.0, "過"), (6, 430.0, "51"), (6, 560.0, "詳附件一")], True),
        # In the page's first block: it may be a cell's rest.
        ([(2, 300.0, "完成。"), (2, 560.0, "65.5"), (5, 300.0, "一、透")], False),
        # Not on its block's first line, nothing beside it.
        ([(5, 300.0, "一、透"), (6, 300.0, "過"), (6, 560.0, "65.5")], False),
        # The score column holds a run in the block.
        ([(5, 300.0, "一、透"), (5, 560.0, "65.5"), (6, 405.0, "3")], False),
        # No number.
        ([(5, 300.0, "一、透"), (5, 560.0, "詳附件一")], False),
    ],
)
def test_a_number_the_tool_pushed_past_the_column_of_numbers_goes_back(
    runs: list[tuple[int, float, str]], back: bool
) -> None:
    s = sidebyside.SIDE_BY_SIDE
    lines = (_EXTRA_HEADER, "", "a", "b", "", "c", "d")
    page = sidebyside._Page(1, lines, [sidebyside._Run(*r) for r in runs], _EXTRA_COLUMNS)
    moved = sidebyside._numbers_back(page, frozenset({6}), s)
    cols = [sidebyside._column(_EXTRA_COLUMNS, r.x, s) for r in moved]
    pushed = next(i for i, r in enumerate(runs) if r[1] >= 430.0)
    assert cols[pushed] == (6 if back else sidebyside._column(_EXTRA_COLUMNS, runs[pushed][1], s))


def test_header_labels_a_space_apart_head_a_column_each_in_order() -> None:
    # "具體作法與成果 自評分數 檢討與改善" as one run: the tool put "檢討與改善" short of
    # its column's lines (an anchor the body's runs set), in the score column's cells.
    s = sidebyside.SIDE_BY_SIDE
    columns = (-1.0, 55.0, 125.0, 220.0, 360.0, 460.0, 536.0, 620.0)
    header = sidebyside._Run(0, 390.0, "具體作法與成果 自評分數 檢討與改善")
    page = sidebyside._Page(1, (_EXTRA_HEADER,), [header], columns)
    wraps = {c: 50.0 for c in range(1, 8)}
    starts = sidebyside._layout(wraps, s)
    moved, _, cols = sidebyside._tightened(page, [header], {id(header): 0.0}, wraps, starts, s)
    assert [(r.text, cols[id(r)]) for r in moved] == [
        ("具體作法與成果", 5),
        ("自評分數", 6),
        ("檢討與改善", 7),
    ]


def test_a_pages_edge_blocks_are_its_bodys_whether_or_not_they_hold_narrow_cells() -> None:
    # Block 1 (a row's rest from the page before) holds results only; block 2 opens a row
    # with a score pushed into the notes ("無   16"): it is no edge of the page, where a
    # break may have cut a cell, so the evidence may move its number.
    s = sidebyside.SIDE_BY_SIDE
    lines = (_EXTRA_HEADER, "", "a", "b", "", "c", "d", "", "e")
    R = sidebyside._Run
    runs = [R(2, 300.0, "完成。"), R(5, 300.0, "無"), R(5, 560.0, "16"), R(8, 300.0, "好。")]
    page = sidebyside._Page(1, lines, runs, _EXTRA_COLUMNS, numeric=frozenset({6}))
    ev = sidebyside._narrow_evidence([page], s)
    assert (ev.first, ev.last) == (frozenset({(1, 1)}), frozenset({(1, 3)}))


@pytest.mark.parametrize(
    ("spread", "rest", "result"),
    [
        # Read with its spaces, 9 ems: the column measured so left room after every full
        # line, each read as a paragraph's end.  Its marker and number are put back
        # together ("1. 106"); the two spaces left are unsure, and said so.
        ("1 . 1 0 6 年 度 共 計", "受理49,202件。", "1. 106 年度共計受理49,202件。"),
        # Its number put back together, still 10 ems with its unsure spaces: put back so,
        # the line would also stand past its column's box, its end read outside the table.
        ("① 於 1 0 6 年 1 1 月 2", "日辦理說明會。", "① 於 106 年 11 月 2日辦理說明會。"),
    ],
)
def test_a_justified_lines_spaces_left_apart_count_for_no_width(
    spread: str, rest: str, result: str
) -> None:
    # A line stretched to the column's 7 ems, its spread glyphs meeting lone half-width
    # ones: the spaces the PDF may or may not have had are read, with no width.
    rows = _seven_ems_rows(
        [["每季召開服務品", "質檢討會議，計", "召開150場次。"], [spread, rest], *[["完成。"]] * 9]
    )
    doc, failed = read(TOP + rows + [SUBTOTAL])
    assert list(failed) == ["spread_spaces_unsure"], failed
    assert [r.result for r in doc.rows[:2]] == ["每季召開服務品質檢討會議，計召開150場次。", result]


@pytest.mark.parametrize(
    ("plain", "read_as", "unsure"),
    [
        # The document prints a marker's number glued and a number spaced before 年度:
        # read so, the marker's space said unsure all the same (a form may space one
        # entry's marker and not the next's: `-layout-extra` seed 30401).
        (["2.108 年度共計"], "1.106 年度共計", True),
        # ... or the other way.
        (["2. 108年度共計"], "1. 106年度共計", True),
        # A decimal is no marker: only a line opening so shows the marker's habit.
        (["達95.5 年度共計"], "1. 106 年度共計", True),
        # Both ways in the document: unsure.
        (["2.108 年度共計", "3. 107年度共計"], "1. 106 年度共計", True),
    ],
    ids=["glued-spaced", "spaced-glued", "decimal", "both"],
)
def test_a_justified_lines_unsure_spaces_are_settled_by_the_documents_lines(
    plain: list[str], read_as: str, unsure: bool
) -> None:
    doc, failed = _justified_row(["1 . 1 0 6 年 度 共 計", "受理49,202件。"], plain)
    assert list(failed) == (["spread_spaces_unsure"] if unsure else []), failed
    assert doc.rows[1].result == read_as + "受理49,202件。"


def _justified_row(justified: list[str], plain: list[str]) -> tuple[Document, dict[str, str]]:
    """A form read whole: a row of results wrapped at 7 ems, the row of `justified`
    results lines, a row for each of the `plain` lines, then eight rows of "完成。"."""
    rows = _seven_ems_rows(
        [
            ["每季召開服務品", "質檢討會議，計", "召開150場次。"],
            justified,
            *[[line] for line in plain],
            *[["完成。"]] * 8,
        ]
    )
    return read(TOP + rows + [SUBTOTAL])


@pytest.mark.parametrize(
    ("plain", "read_as", "unsure"),
    [
        # The document opens a list entry in words glued to its text, whatever its number:
        # read so, and said unsure (it may space one entry's marker and not the next's).
        (["二、提供服務。", "三、提供諮詢。"], "一、提供民眾", True),
        # ... or a space after it.
        (["二、 提供服務。", "三、 提供諮詢。"], "一、 提供民眾", True),
        # Both ways, though "一、" itself only glued: unsure (read with the space).
        (["一、提供服務。", "二、 提供諮詢。"], "一、 提供民眾", True),
        # "提供" after a marker only glued, but the column spaces a marker elsewhere:
        # what follows a marker does not decide its space (seed 16064).  Unsure, read as
        # the column opens most list entries.
        (["一、提供服務。", "三、提供諮詢。", "二、 依規定辦理。"], "一、提供民眾", True),
        (["一、 提供服務。", "三、 提供諮詢。", "二、依規定辦理。"], "一、 提供民眾", True),
    ],
    ids=["glued", "spaced", "both", "any-text", "any-text-spaced"],
)
def test_a_justified_line_opening_with_a_marker_in_words_is_settled_by_its_kind(
    plain: list[str], read_as: str, unsure: bool
) -> None:
    # "一 、 提 供 民 眾" is a justified line: the dump spreads its marker too, so the
    # space after it is as unsure as after "1 .".  Before, the marker's glyphs joined the
    # spread text ("一、提供民眾", status ok); and "一、" asked about as printed let one
    # glued "一、提供" settle it where the document spaces "二、 提供".
    doc, failed = _justified_row(["一 、 提 供 民 眾 線", "上申辦服務。"], plain)
    assert list(failed) == (["spread_spaces_unsure"] if unsure else []), failed
    assert doc.rows[1].result == read_as + "線上申辦服務。"


@pytest.mark.parametrize(
    ("words", "marker"),
    [
        ("一 、 提 供", 2),
        ("( 三 ) 提 供", 3),
        ("（ 十 二 ） 提", 4),
        ("1 . 提 供", 0),  # `_sure_singles` joins a marker in digits
        ("一 、", 0),  # nothing after it
        ("統 一 、 提", 0),
        ("一 二 三 四 、 提", 0),
        ("一 提 供", 0),
    ],
)
def test_a_spread_marker_in_words_is_found(words: str, marker: int) -> None:
    assert sidebyside._spread_marker(words.split(" ")) == marker


def test_a_marker_in_words_or_circled_is_any_number_to_the_documents_habits() -> None:
    any_number = sidebyside._digits_any
    assert any_number("\n三、 提供 (二)本項 ⑦每季 12.5") == "\n一、 提供 (一)本項 ①每季 0.0"
    assert any_number("統一、規格 十分") == "統一、規格 十分"


def test_an_unsure_space_is_settled_by_the_two_sides_the_document_prints() -> None:
    S, U = sidebyside._SETTLED_SPACE, sidebyside.UNSURE_SPACE

    def settled(text: str, lines: str) -> str:
        return sidebyside._settled(text, sidebyside._Plain(lines, sidebyside._kinds(lines), lines))[
            0
        ]

    # Two glyphs are asked about wherever they stand ("並透過" is no line's opening).
    corpus = "\n並透過 LINE 官方帳號及 Facebook 粉絲專頁\n0.0 年度共計"
    assert settled(f"透過{U}LINE{U}官方帳號", corpus) == f"透過{S}LINE{S}官方帳號"
    assert settled(f"1.{U}106{U}年度", sidebyside._digits_any(corpus)) == f"1.106{S}年度"
    # Neither way in the document, and its two kinds of glyph (an ideograph, a Latin
    # letter) met twice only: unsure.
    assert settled(f"提供{U}call{U}諮詢", corpus) == f"提供{U}call{U}諮詢"
    # Each met three times, each with a space: settled so.
    habit = corpus + "\n設置 QR code 行動條碼"
    assert settled(f"提供{U}call{U}諮詢", habit) == f"提供{S}call{S}諮詢"
    # Met glued once as well: no habit.
    assert settled(f"提供{U}call", habit + "\n於e化") == f"提供{U}call"
    # A short word is asked about whole, as its run's opening: "(2)本項" only glued, while
    # ")" before "本項" stands both ways in the document.
    marked = "\n(0)本項業務\n見附件(一) 本項\n(一)本項"
    assert settled(f"(1){U}本項業務", marked) == "(1)本項業務"


@pytest.mark.parametrize(
    ("spread", "unsure"),
    [("自 1 0 8 年 1 1 月 2 6", True), ("自 1 0 8 年 1 1 月 2 日", False)],
    ids=["score-may-be-pushed", "date"],
)
def test_a_justified_line_ending_in_two_lone_digits_stays_unsure(spread: str, unsure: bool) -> None:
    # Every space the line leaves unsure is settled by the line under it, but a last word
    # that is a lone digit after another may be a score pushed after the line.
    s = sidebyside.SIDE_BY_SIDE
    lines = [*TOP, FIRST, line((RESULT, spread)), line((RESULT, "自107 年 10 月 5 日")), SUBTOTAL]
    pages, places = sidebyside._spreads_settled(
        sidebyside._printed_pages("\n".join(lines) + "\n\f", s), s
    )
    assert places == ([f"p1 {spread!r}"] if unsure else [])
    (run,) = [r for r in pages[0].runs if r.text.startswith("自108")]
    assert sidebyside.UNSURE_SPACE not in run.text


def test_a_justified_lines_no_width_spaces_widen_to_its_columns_widest_line() -> None:
    # The PDF stretched the line to its column's edge: put back with its spaces drawn with
    # no width it would end short, and read as a paragraph's last.
    s = sidebyside.SIDE_BY_SIDE
    U, R = sidebyside.UNSURE_SPACE, sidebyside._Run
    lines = (*TOP, FIRST, line((RESULT, "x")), "", SUBTOTAL)
    justified = R(len(TOP), 100.0, f"1.{U}106{U}年度")
    plain = R(len(TOP) + 1, 100.0, "完成。")
    title = R(0, 100.0, f"於{U}1")
    wide = R(len(TOP) + 1, 100.0, f"完成訂定標準作業流程{U}1")
    runs = [justified, plain, title, wide]
    page = sidebyside._Page(1, lines, runs, (0.0, 10.0, 20.0, 30.0, 40.0, 300.0))
    cols = {id(r): 5 for r in runs}
    stretch = sidebyside._stretched(page, runs, cols, {5: 200.0}, s.glyph)
    drawn = sidebyside.ems(justified.text) * s.glyph
    assert stretch == {id(justified): pytest.approx((100.0 - drawn) / 2)}


def test_a_line_printed_spread_with_no_space_left_widens_between_its_glyphs() -> None:
    # pdftotext-layout-extra seed 16064: "一 、 建 置 「 檢 驗", its marker's space settled
    # as none, put back at 7 ems where its column's lines end at 8: read as a paragraph's
    # last, it cut its result in two ("一、建置「檢驗" / "派遣」系統…").
    s = sidebyside.SIDE_BY_SIDE
    R = sidebyside._Run
    row = line((RESULT, "一 、 建 置 「 檢 驗"))
    lines = (*TOP, FIRST, row, line((RESULT, "派遣」系統，提供")), "", SUBTOTAL)
    (printed,) = sidebyside._printed_pages("\n".join(lines) + "\n\f", s)
    assert (len(TOP) + 1, sidebyside._RESULT) in printed.spread
    assert (len(TOP) + 2, sidebyside._RESULT) not in printed.spread  # not spread
    # A unit name the tool printed a space before the spread glyphs: the results' own.
    glued = line((UNITS, "兒童及少年福利與權益保障科 提 供 民 眾 線 上"))
    (page,) = sidebyside._printed_pages("\n".join([*TOP, FIRST, glued, SUBTOTAL]) + "\n\f", s)
    assert page.spread == {(len(TOP) + 1, sidebyside._RESULT)}
    spread = R(len(TOP) + 1, 100.0, "一、建置「檢驗")
    plain = R(len(TOP) + 2, 100.0, "一、建置「檢驗")  # a paragraph's last line
    page = dataclasses.replace(printed, runs=[spread, plain])
    cols = {id(spread): sidebyside._RESULT, id(plain): sidebyside._RESULT}
    stretch = sidebyside._stretched(page, [spread, plain], cols, {5: 180.0}, s.glyph)
    assert stretch == {id(spread): pytest.approx(10.0 / 6)}
    chars = sidebyside._run_chars(spread, 0.0, s, stretch[id(spread)])
    assert chars[-1].x1 == pytest.approx(180.0)
    assert [c.x1 - c.x0 for c in chars] == [s.glyph] * 7  # the glyphs keep their widths


@pytest.mark.parametrize(("above", "opens"), [(6, True), (5, True), (4, True), (1, False)])
def test_a_row_opens_under_a_page_tops_rest_of_a_cut_row(above: int, opens: bool) -> None:
    # pdftotext-layout-extra seed 15026: "(40分)" and a note's "第 3 頁" atop a page, the
    # rest of the row a page break cut, then "得分：36  二、強化志工  1) 定期辦理…": a row's
    # cells start on its first line, so units, results or a note above a numbered
    # indicator end the row before; an item's line alone may be the new item's.
    R = sidebyside._Run
    last = {sidebyside._ITEM: R(0, 0.0, "(40分)"), above: R(0, 700.0, "第 3 頁")}
    indicator = [R(1, 90.0, "二、強化志工")]
    sub = [R(1, 180.0, "1) 定期辦理教育訓練，提升")]
    assert sidebyside._opens_after_row_end(indicator, sub, last, True) is opens


def test_a_blocks_units_the_tool_started_inside_the_results_are_cut_off_their_lines() -> None:
    # pdftotext-layout seed 14913: a block's units printed from cell 50, inside the results
    # (48), the results' lines pushed a space after them, and the name's last line "科" with
    # the results' "怨案件。" far right of it.  That "科" (a name of the document's own)
    # moved back to the units says where the block's units start: the lines the tool
    # started there are the units', the text after them the results'.
    rows = [
        line(
            (IND, "2.提升服務"),
            (SUB, "定期檢查硬體設施。"),
            (UNITS, "食品藥物管理"),
            (RESULT, "完成。"),
        ),
        line((UNITS, "科")),
        "",
        line(
            (IND, "3.提升服務"),
            (SUB, "定期檢查硬體設施。"),
            (RESULT + 2, "兒童及少年福 ①本項業務由各單位依"),
        ),
        line((RESULT + 2, "利與權益保障 權責辦理，並無民眾抱")),
        line((RESULT + 2, "科"), (RESULT + 9, "怨案件。")),
        "",
    ]
    doc, failed = read(TOP + ROW1 + rows + [SUBTOTAL])
    assert not failed, failed
    row = doc.rows[-1]
    assert row.units == ("兒童及少年福利與權益保障科",)
    assert row.result == "①本項業務由各單位依權責辦理，並無民眾抱怨案件。"


def test_units_cut_off_after_a_latin_word_are_named_unless_the_document_shows_the_name() -> None:
    # `-layout -fixed 8` seed 13009: "(2) 設置 QR code" then "企劃科" at the units' start
    # (the tool pushed "行動條碼" there too).  The sub-indicator's next line opens with "，",
    # which would have fitted on the line above: that line did not end at "code".
    def rows(elsewhere: str) -> list[str]:
        return [
            line(
                (ITEM, "服務一致及"),
                (IND, "1.訂定申辦"),
                (SUB, "(1) 設置 QR code"),
                (UNITS, "企劃科"),
                (RESULT, "完成訂定標準作業流程"),
            ),
            line((ITEM, "(100分)"), (IND, "業務標準"), (SUB, "，方便民眾即時查詢。")),
            "",
            line((SUB, "(2) 訂定申辦業務標準作業流"), (UNITS, elsewhere), (RESULT, "共計 12 項。")),
            line((SUB, "程，維持服務措施處理一致")),
            "",
        ]

    def named(elsewhere: str) -> tuple[str, ...]:
        text = "\n".join([*TOP, *rows(elsewhere), SUBTOTAL]) + "\n\f"
        return sidebyside.side_by_side_read(text).units_after_latin

    assert named("資訊室") == ("p1 ' QR code 企劃科'",)
    # The units column prints "企劃科" whole elsewhere: the cut is the document's own name.
    assert named("企劃科") == ()


def test_an_items_points_spaced_by_its_producer_stay_in_the_item_column() -> None:
    """LibreOffice spaces an item's points ("(100 分)"), and the tool printed its 分 two cells
    short of where the indicator's lines start (cells 7 and 8).  The item column's edge stood
    a third of the way back from the indicator's anchor, so "分)" was cut off into the
    indicator ('辦理服務滿意度調查分)', the item's points lost).  The column holds every word
    its lines print before the next column's first start."""
    lines = [
        line((6, "臺中市政府地政局 109年度提升服務效能評核表")),
        line((0, "評核構面一(基礎服務)(100分)")),
        "",
        line(
            (1, "評核項目"),
            (9, "評核指標"),
            (18, "次評核指標"),
            (32, "主辦單位"),
            (43, "具體作法與成果"),
        ),
        "",
        line(
            (0, "提高服務滿意"),
            (7, "辦理服務滿意"),
            (16, "(1) 根據服務對象"),
            (32, "報驗發證課"),
            (42, "將依據總局辦理調查"),
        ),
        line((0, "度"), (8, "度調查"), (16, "運用多元管道定期"), (42, "檢視所提供之服務。")),
        line((0, "(100 分)"), (16, "進行滿意度調查。")),
        line((0, "得分：88")),
        "",
        SUBTOTAL,
    ]
    doc, _ = read(lines)
    assert [(i.name, i.max_points, i.score) for i in doc.items] == [("提高服務滿意度", 100, 88)]
    assert [r.indicator for r in doc.rows] == ["辦理服務滿意度調查"]
