"""Text-dump layout on small hand-built dumps: each rule of the column assignment."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError, NotAFormError
from pipeline.layout.textdump import text_to_stream
from pipeline.layout.textdump.calibration import (
    at_least_as_wide,
    held_print,
    line_print,
    printed_cuts,
    wrap_bound,
)
from pipeline.layout.textdump.refusals import marks_no_paragraph_end, padded_to_one_width
from pipeline.models import Column, Document, Fragment, Row
from pipeline.structure import tokens_to_document

HEADER = " 評核項目 評核指標 次評核指標 主辦單位 具體作法與成果 "


def para(*lines: str) -> str:
    """One pdftotext paragraph: wrapped lines, the last with a trailing space, then a blank."""
    return "\n".join((*lines[:-1], lines[-1] + " ")) + "\n\n"


def page_top(title: bool = False, heading: str = "評核構面一(基礎服務)(200分)") -> str:
    top = ""
    if title:
        top += (
            para(" 臺中市政府地政局 109年度提升服務效能評核表")
            + para("第一線服務機關")
            + para(heading)
        )
    return top + para(HEADER)


def running_top() -> str:
    """A page's top after the first: the running title, then the header row."""
    return para(" 臺中市政府地政局 109年度提升服務效能評核表") + para(HEADER)


def wide_narrow_top() -> str:
    """A first page whose item and indicator wrap at 16 columns: the narrow columns' limit
    lies above 20 there, as wide as some results' and units' lines."""
    return (
        page_top(title=True)
        + para("服務一致及正確性", "與可近性")
        + para("(100分)")
        + para("得分：95")
        + para("1.訂定申辦業務標", "準作業流程")
    )


def parse(text: str) -> Document:
    return tokens_to_document(text_to_stream(text))


ITEM = para("服務一致及", "正確性") + para("(100分)") + para("得分：95")
IND1 = para("1.訂定申辦", "業務標準", "作業流程")
SUB1 = para("(1) 訂定申辦業務標準作業流程，維", "持服務措施處理一致性，並持續", "檢討簡化。")
SUB2 = para("(2) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成，並定", "期檢討。")


def item_top() -> str:
    """The first page's top, the item and its first indicator: most tests' opening."""
    return page_top(title=True) + ITEM + IND1


def first_row() -> str:
    """`item_top`, then the first row's sub-indicator (1) and its units 登記科."""
    return item_top() + SUB1 + para("登記科")


def test_basic_row_units_and_paragraphs() -> None:
    text = (
        item_top()
        + SUB1
        + para("地籍測量科")
        + para("資訊室")
        + para("(各單位)")
        + para("1.完成訂定標準作業流程，共計", "12 項。")
        + para("2.定期檢討。")
        + SUB2
        + para("登記科")
        + para("辦理案件 3,210 件，平均處理", "時間 2 日。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert (doc.agency, doc.roc_year, doc.year, doc.category) == (
        "臺中市政府地政局",
        109,
        2020,
        "第一線服務機關",
    )
    assert doc.header_variant == "具體作法與成果"
    r1, r2 = doc.rows
    assert (r1.indicator_no, r1.indicator, r1.sub_no) == ("1", "訂定申辦業務標準作業流程", "(1)")
    assert r1.sub_indicator == "訂定申辦業務標準作業流程，維持服務措施處理一致性，並持續檢討簡化。"
    assert r1.units == ("地籍測量科", "資訊室(各單位)")
    assert r1.result == "1.完成訂定標準作業流程，共計12 項。\n2.定期檢討。"
    assert (r2.indicator, r2.sub_no, r2.units) == ("訂定申辦業務標準作業流程", "(2)", ("登記科",))
    assert doc.items[0].score == 95 and doc.dimensions[0].subtotal == 95


def test_form_feeds_paginate_and_paragraphs_continue_across_pages() -> None:
    text = (
        first_row()
        + "1.本所於 109 年 3 月 2 日啟用線上\n申辦系統，受理案件計 1,204\n\f"
        + para(HEADER)
        + para("件，較去年成長 12%。")
        + para("2.新設置服務台。")
        + "\f"
        + para(HEADER)
        + SUB2
        + para("登記科")
        + para("已完成。")
        + "\f"  # pdftotext ends the last page with a form feed too
    )
    doc = parse(text)
    assert doc.page_count == 3
    r1, r2 = doc.rows
    assert (
        r1.result
        == "1.本所於 109 年 3 月 2 日啟用線上申辦系統，受理案件計 1,204件，較去年成長 12%。\n2.新設置服務台。"
    )
    assert (r1.page_start, r1.page_end) == (1, 2)
    assert (r2.page_start, r2.page_end) == (3, 3)
    stream = text_to_stream(text)
    results = [t for t in stream.tokens if isinstance(t, Fragment) and t.column == Column.RESULT]
    assert [(t.page, t.cont, t.para_break) for t in results[:3]] == [
        (1, False, True),
        (2, True, False),
        (2, True, True),
    ]


def test_two_cells_on_one_printed_line() -> None:
    text = (
        page_top(title=True)
        + ITEM
        + para("3.主動服務 針對特殊或弱勢族群、偏遠或", "交通不便地區民眾，提供到府服", "務。")
        + para("各單位 已完成設置服務中心，由", "專人主動引導。")
        + para("4.專人服務", "到府")
        + para("(1) 進行內部同仁滿意度調查。 人事室")
        + para("秘書室 (研", "考)")
        + para("於 9 月完成辦理內部滿意度調", "查。")
    )
    doc = parse(text)
    r1, r2 = doc.rows
    assert (r1.indicator_no, r1.indicator) == ("3", "主動服務")
    assert r1.sub_indicator == "針對特殊或弱勢族群、偏遠或交通不便地區民眾，提供到府服務。"
    assert r1.units == ("各單位",)
    assert r1.result == "已完成設置服務中心，由專人主動引導。"
    assert (r2.indicator_no, r2.indicator, r2.sub_no) == ("4", "專人服務到府", "(1)")
    assert r2.sub_indicator == "進行內部同仁滿意度調查。"
    assert r2.units == ("人事室", "秘書室 (研考)")


def test_numbered_result_lists_are_not_sub_indicators() -> None:
    text = (
        first_row()
        + para("1.核心措施齊備：")
        + para("(1)正門設置愛心鈴與服務台，", "隨時協助民眾。")
        + para("(2)新設置哺乳室。")
        + SUB2
        + para("登記科")
        + para("已完成。")
        + para("2.提高網站", "使用便利", "性")
        + para("(1) 網站應以使用者為導向設計，", "版面配置應方便瀏覽。")
        + para("資訊室")
        + para("已完成無障礙檢測。")
    )
    doc = parse(text)
    assert [(r.indicator_no, r.sub_no) for r in doc.rows] == [
        ("1", "(1)"),
        ("1", "(2)"),
        ("2", "(1)"),
    ]
    assert (
        doc.rows[0].result
        == "1.核心措施齊備：\n(1)正門設置愛心鈴與服務台，隨時協助民眾。\n(2)新設置哺乳室。"
    )
    assert doc.rows[2].indicator == "提高網站使用便利性"


def test_unnumbered_indicators_items_without_indicators_and_empty_cells() -> None:
    text = (
        page_top(title=True, heading="構面五(開放創新)(100分)")
        + para("內部作業簡", "化")
        + para("(50分)")
        + para("得分：40")
        + para("提升同仁", "行政效率")
        + para("聚焦核心業務，運用多元管道蒐", "集成員意見，據以檢討流程。")
        + para("各單位")
        + para(" ")
        + para("1.每月召開業務會報，計 12", "次。")
        + para("創新服務")
        + para("(50分)")
        + para("得分：45")
        + para("提出有別於現行的想法或方式，", "並對服務對象具有實質效益。")
        + para("各單位 1.持續加強市場商品安全", "管理機制。")
        + para("小計 85 分")
    )
    doc = parse(text)
    assert [d.dimension_no for d in doc.dimensions] == [5]
    assert [(i.name, i.max_points, i.score) for i in doc.items] == [
        ("內部作業簡化", 50, 40),
        ("創新服務", 50, 45),
    ]
    r1, r2 = doc.rows
    assert (r1.indicator_no, r1.indicator, r1.sub_no) == (None, "提升同仁行政效率", None)
    assert r1.sub_indicator == "聚焦核心業務，運用多元管道蒐集成員意見，據以檢討流程。"
    assert r1.result == "1.每月召開業務會報，計 12次。"
    assert (r2.item_no, r2.indicator, r2.sub_indicator) == (
        2,
        None,
        "提出有別於現行的想法或方式，並對服務對象具有實質效益。",
    )
    assert r2.units == ("各單位",) and r2.result == "1.持續加強市場商品安全管理機制。"


def test_latin_words_split_by_a_wrap_keep_their_space() -> None:
    text = item_top() + SUB1 + para("資訊室") + para("提供行動條碼 QR ", "code 掃描功能。")
    assert parse(text).rows[0].result == "提供行動條碼 QR code 掃描功能。"


@pytest.mark.parametrize("text", ["", "各位鄉親：\n本所訂於下週舉辦說明會。\n", "評核項目\n"])
def test_not_a_form(text: str) -> None:
    with pytest.raises(NotAFormError, match="no evaluation table found"):
        text_to_stream(text)


def test_padded_side_by_side_dumps_are_refused_by_name() -> None:
    lines = [
        "",
        "     臺中市政府地政局 109年度提升服務效能評核表",
        " 評核項目    評核指標         次評核指標            主辦單位      具體作法與成果",
        "服務一致及    1.訂定申辦   訂定申辦業務標準作業流程        地籍測量科   完成訂定標準作業",
        "                                      資訊室",
        "正確性      業務標準     ，維持服務措施處理一致性                流程，共計    12 項。",
    ]
    padded = "\n".join(ln.ljust(90) for ln in lines) + "\n"
    with pytest.raises(InputError, match=r"pdfplumber's extract_text\(layout=True\)"):
        text_to_stream(padded)
    # A seed-style dump whose paragraph ends carry a trailing space is not padded.
    assert not padded_to_one_width(item_top() + SUB1 + para("資訊室") + para("已完成。"))


def test_headers_on_separate_lines_get_a_specific_reason() -> None:
    blocks = "評核項目\n\n評核指標\n\n次評核指標\n\n主辦單位\n\n具體作法與成果\n"
    with pytest.raises(NotAFormError, match="stand on separate lines"):
        text_to_stream(blocks)


def test_a_result_list_going_on_is_not_a_row_without_units_or_result() -> None:
    # "(3)" and "(4)" continue both the result's list and the sub-indicator numbering;
    # they wrap at the result's width (29 columns), not the sub-indicators' (32), so
    # the list goes on and "(5)", with its units, is the next row.
    text = (
        first_row()
        + para("(1)正門設置愛心鈴與服務台，隨", "時協助民眾。")
        + para("(2)新設置哺乳室，並定期檢討改", "善設施。")
        + para("(3)辦理志工訓練，提升服務品質", "與效率。")
        + para("(4)建置線上預約系統，民眾可隨", "時查詢。")
        + para("(5) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。")
        + para("資訊室")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(5)"]
    assert doc.rows[0].result is not None and doc.rows[0].result.endswith("隨時查詢。")
    assert doc.rows[1].units == ("資訊室",)
    assert _checks(text, "list_or_row") == []


def test_a_row_with_neither_units_nor_result_before_a_numbered_row() -> None:
    # "(2)" could go on with the result's list, but it wraps at the sub-indicators' width
    # (32 columns, the result's 29) and "(3)" after it is a row with its units: "(2)" is
    # a row whose units and result are empty (make fuzz textdump seed 3626).
    text = (
        first_row()
        + para("(1)正門設置愛心鈴與服務台，隨", "時協助民眾。")
        + para("(2) 提升民眾申辦案件的處理效率，", "確保於處理時限內完成。")
        + para("(3) 訂定申辦業務標準作業流程，維", "持服務措施處理一致性。")
        + para("資訊室")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)", "(3)"]
    assert doc.rows[0].result == "(1)正門設置愛心鈴與服務台，隨時協助民眾。"
    assert doc.rows[1].units == () and doc.rows[1].result is None
    assert doc.rows[2].units == ("資訊室",)
    assert _checks(text, "list_or_row") == []


def test_a_sub_indicator_without_units_whose_result_opens_a_new_list() -> None:
    # "(2)" continues the result list and the numbering alike; what follows opens a new
    # list at ①, so "(2)" is a sub-indicator (without units) and ① its result.
    text = (
        first_row()
        + para("(1)正門設置愛心鈴與服務台，", "隨時協助民眾。")
        + para("(2) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。")
        + para("①辦理志工訓練，提升服務品質", "與效率。")
        + para("②建置線上預約系統。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert doc.rows[1].units == ()
    assert doc.rows[1].result == "①辦理志工訓練，提升服務品質與效率。\n②建置線上預約系統。"


def test_a_result_entry_cut_by_a_page_break_is_not_an_indicator() -> None:
    # "4.透過 LINE" is one line cut at the page foot: its shortness is the page's, not an
    # indicator cell's width, and it goes on with the result's list 1. 2. 3.
    text = (
        first_row()
        + para("1.正門設置愛心鈴與服務台，隨時", "協助民眾。")
        + para("2.新設置哺乳室，並定期檢討改善", "設施。")
        + para("3.辦理志工訓練，提升服務品質與", "效率。")
        + "4.透過 LINE 官方帳號\n\f"
        + page_top()
        + para("及 Facebook 粉絲專頁發布訊息，", "累計觸及94,279人次。")
        + para("2.提高網站", "使用便利", "性")
        + para("(1) 網站應以使用者為導向設計，", "版面配置應方便瀏覽。")
        + para("資訊室")
        + para("已完成無障礙檢測。")
    )
    doc = parse(text)
    assert [(r.indicator_no, r.sub_no) for r in doc.rows] == [("1", "(1)"), ("2", "(1)")]
    result = doc.rows[0].result
    assert result is not None
    assert result.endswith("4.透過 LINE 官方帳號及 Facebook 粉絲專頁發布訊息，累計觸及94,279人次。")
    assert (doc.rows[0].page_start, doc.rows[0].page_end) == (1, 2)


def test_after_a_units_tail_past_a_page_break_the_result_list_goes_on() -> None:
    # The row's result had begun on page 1; its units' last name comes after the break,
    # then "(2)" and "(3)" go on with the result's list, not with the sub-indicators.
    text = (
        first_row()
        + para("資訊小組(各")
        + para("(1)正門設置愛心鈴與服務台，隨", "時協助民眾。")
        + "\f"
        + page_top()
        + para("單位)")
        + para("(2)新設置哺乳室，並定期檢討改", "善設施。")
        + para("(3)辦理志工訓練，提升服務品質", "與效率。")
        + para("2.提高網站", "使用便利", "性")
        + para("(1) 網站應以使用者為導向設計，", "版面配置應方便瀏覽。")
        + para("資訊室")
        + para("已完成無障礙檢測。")
    )
    doc = parse(text)
    assert [(r.indicator_no, r.sub_no) for r in doc.rows] == [("1", "(1)"), ("2", "(1)")]
    assert doc.rows[0].result is not None and doc.rows[0].result.endswith("與效率。")


def test_a_heading_then_a_paragraph_wider_than_every_result_opens_a_row_without_units() -> None:
    # Sub-indicators wrap at 34 columns, results at 24.  After the results, "提供預約服務"
    # and a paragraph 34 wide that no result line reaches: a row opens (its units empty),
    # and the short line is its indicator, not the result's last paragraph.
    results = para("1.滿意度調查結果為90%，", "較去年提升7個百分點。") + para(
        "2.自113 年 10 月 13 日",
        "起與臺南市政府地政局合",
        "作，提供「行動服務」服",
        "務，截至年底計78,565件",
        "，並持續檢討改善服務流",
        "程與申辦書表。",
    )
    text = (
        page_top(title=True)
        + ITEM
        + para("強化志工服務")
        + para("確保服務項目、服務人員(姓名及代理", "人)、方向引導等標示正確。")
        + para("各單位")
        + results
        + para("提供預約服務")
        + para("定期檢查各類硬體設施(如飲水機、公", "用電話、座椅、盥洗室等)，確保設施", "品質。")
        + para("服務櫃檯已完成設置服務", "中心，由專人主動引導。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["強化志工服務", "提供預約服務"]
    assert doc.rows[1].units == ()
    assert doc.rows[1].result == "服務櫃檯已完成設置服務中心，由專人主動引導。"
    assert doc.rows[0].result is not None and doc.rows[0].result.endswith("申辦書表。")


def test_a_wrapped_heading_is_measured_against_the_results_upper_quartile() -> None:
    # Results wrap at 20 columns; four of their seven wrapped first lines are 19 wide (a
    # half-width digit left no room for the next glyph), so their median is 19 and their
    # upper quartile 20.  "提升服務設施合宜" / "度" wrapped at 16 where 18 would have fit in
    # a 20-column results cell: the next indicator's heading, its row's units after it.
    def entry(n: int, pct: str, rise: str) -> str:
        return para(f"{n}.滿意度調查結果為{pct[0]}", f"{pct[1]}%，較去年提升{rise}個百分", "點。")

    results = (
        entry(1, "93", "26")
        + para("2.派遣車輛68,312車次", "，服務檢驗人員96人次。")
        + para("3.每季召開服務品質檢", "討會議，計召開135場次。")
        + entry(4, "87", "15")
        + para("5.完成檢驗97,671批，", "平均辦理天數13日。")
        + entry(6, "62", "13")
        + entry(7, "75", "19")
    )
    text = (
        first_row()
        + results
        + para("提升服務設施合宜", "度")
        + para("進行環境美(綠)化及輔以舒適、明亮", "、整潔，建置合宜服務環境。")
        + para("各單位")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["訂定申辦業務標準作業流程", "提升服務設施合宜度"]
    assert doc.rows[1].units == ("各單位",) and doc.rows[1].result == "已完成。"
    assert doc.rows[0].result is not None and doc.rows[0].result.endswith("19個百分點。")


def test_a_list_entry_spaced_as_the_list_and_unlike_the_sub_indicators_stays() -> None:
    # "(2)" wraps as wide as the results and within a character of the sub-indicators,
    # and "(3)" after it opens a row with its units: "(2)" could be a row with neither
    # units nor result.  Its marker is printed as the list's "(1)" (no space) and unlike
    # the sub-indicators' "(1) ": it goes on with the list.
    def text(entry: str) -> str:
        return (
            first_row()
            + para("(1)依規定定期陳報「清淨家園全民運", "動計畫」處理情形。")
            + para(entry + "完成檢驗96,549批，平均辦理天數", "14日。")
            + para("(3) 設置 QR code 行動條碼，方便民", "眾即時查詢。")
            + para("研考科")
            + para("已完成。")
        )

    stream = text_to_stream(text("(2)"))
    doc = tokens_to_document(stream)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(3)"]
    assert doc.rows[0].result is not None and doc.rows[0].result.endswith("14日。")
    assert not [c for c in stream.checks if c.check == "list_or_row"]
    # Spaced as the sub-indicators are, only the close widths are left: a close call.
    spaced = text_to_stream(text("(2) "))
    assert [c for c in spaced.checks if c.check == "list_or_row"]


def test_a_list_entry_at_a_foot_with_units_overleaf_is_read_by_the_numbers_after() -> None:
    # "(3)" closes at the page's foot and a unit name opens the next page: "(3)" with its
    # units, or the row's own units printed on past the break?  Then "(4)" goes on, and
    # "(2)" opens a row with its units: read as a row, "(3)" would be followed by a lower
    # number in the same indicator, so the list goes on and "(2)" is the next row.  The
    # two columns wrap alike here: no width tells them apart.
    rest = (
        para("(1)派遣車輛68,312車次，服務檢驗人", "員96人次。")
        + para("(2)滿意度調查結果為99%，較去年提升", "23個百分點。")
        + para("(3)完成檢驗97,671批，平均辦理天數", "13日。")
        + "\f"
        + page_top()
        + para("管制考核小", "組")
        + para("(4) 自113年8月6日起與法務部公路局", "臺北區監理所合作。")
        + SUB2
        + para("研考科")
        + para("已完成。")
    )
    doc = parse(first_row() + rest)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert doc.rows[0].units == ("登記科", "管制考核小組")
    result = doc.rows[0].result
    assert result is not None and result.endswith("臺北區監理所合作。")
    # Without the later "(2)", nothing numbers "(3)" back: it opens a row with its units.
    alone = parse(first_row() + rest[: rest.index("(4)")] + para("已完成。"))
    assert [r.sub_no for r in alone.rows] == ["(1)", "(3)"]


def test_a_latin_word_wrapped_at_a_page_break_goes_on_in_its_own_column() -> None:
    # "…(含委外 call " ends with a space (the wrap fell between two words), the row's
    # units are empty and its result closes; after the break "center 人員)…" is the
    # sub-indicator's tail, not a further paragraph of the result.
    text = (
        item_top()
        + para("(1) 強化機關(單位)服務", "人員(含委外 call")
        + " \n\n"
        + para("提供 call center 諮詢服務，全", "年受理84,496通電話。")
        + "\f"
        + page_top()
        + para("center 人員)對涉及服務", "業務處理流程之專業。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert (
        doc.rows[0].sub_indicator
        == "強化機關(單位)服務人員(含委外 call center 人員)對涉及服務業務處理流程之專業。"
    )
    assert doc.rows[0].result == "提供 call center 諮詢服務，全年受理84,496通電話。"


def test_an_empty_units_cell_after_a_numbered_paragraph_makes_it_a_sub_indicator() -> None:
    # "(2)" continues the result's list and the numbering; the next paragraph is "(3)", so
    # alone it would read as the list going on, but the line of spaces after it is its
    # empty units cell: a sub-indicator without units or result.
    text = (
        first_row()
        + para("(1)正門設置愛心鈴與服務台，隨", "時協助民眾。")
        + para("(2) 結合民間資源，推動公私協力", "，擴大服務量能。")
        + " \n\n"
        + para("(3) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。")
        + para("資訊室")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)", "(3)"]
    assert doc.rows[1].units == () and doc.rows[1].result is None
    assert doc.rows[2].units == ("資訊室",)


def _split_checks(text: str) -> list[str]:
    return [c.message for c in text_to_stream(text).checks if c.check == "row_split_across_pages"]


def test_a_sub_indicator_last_at_a_page_foot_with_its_row_going_on_is_a_guess() -> None:
    # The sub-indicator's page-1 part and the whole result print next to each other, both
    # closed; after the break comes the sub-indicator's tail.  Nothing in the dump shows
    # where the sub-indicator ended, so the break is reported.
    cut = (
        item_top()
        + para(
            "(1) 訂定申辦業務標準作業流程，維",
            "持服務措施處理一致性，且持續",
            "派遣車輛30,223車次，服務檢",
            "驗人員222人次。",
        )
        + "\f"
        + page_top()
        + para("檢討申辦項目表單，進行簡化。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    assert _split_checks(cut) and "p2: sub" in _split_checks(cut)[0]
    # The same page foot, but the next page opens the next row: nothing was cut.
    whole = (
        item_top()
        + para("(1) 訂定申辦業務標準作業流程，維", "持服務措施處理一致性。")
        + "\f"
        + page_top()
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    assert _split_checks(whole) == []


def test_a_result_run_into_a_sub_indicator_at_a_foot_parted_by_a_text_printed_whole() -> None:
    # The dump runs an unnumbered sub-indicator's part at the foot and the row's result
    # together (two lines each; unnumbered, so no line count parts them: see
    # `_unswallow`), then prints the sub-indicator's tail overleaf.  Where the lines before a cut and the
    # tail make a text the document prints whole elsewhere (here a later row's
    # sub-indicator), the cut is known and the lines after it are the result (make fuzz
    # textdump seeds 487, 1281, 2459); a result left open there goes on after the tail
    # (seed 2415).  Printed nowhere else, the cut stays a guess.
    def dump(result: tuple[str, ...], overleaf: str, later: str) -> str:
        foot = ("訂定申辦業務標準作業流程，維持", "服務措施處理一致性，且持續", *result)
        return (
            item_top()
            + (para(*foot) if not overleaf else "\n".join(foot) + "\n\n")
            + "\f"
            + page_top()
            + para("檢討申辦項目表單，進行簡化。")
            + overleaf
            + para("2.提升服", "務設施")
            + para("提升民眾申辦案件的處理效率", "，確保於處理時限內完成，並定", "期檢討。")
            + para("登記科")
            + para("已完成。")
            + later
        )

    again = para("3.簡化流程") + para(
        "訂定申辦業務標準作業流程，維持",
        "服務措施處理一致性，且持續檢",
        "討申辦項目表單，進行簡化。",
    )
    closed = ("派遣車輛30,223車次，服務檢", "驗人員222人次。")
    opened = ("派遣車輛30,223車次，服務檢", "驗人員222人次，全年受理")
    cases = [
        (closed, "", "派遣車輛30,223車次，服務檢驗人員222人次。"),
        (
            opened,
            para("11,392通電話。"),
            "派遣車輛30,223車次，服務檢驗人員222人次，全年受理11,392通電話。",
        ),
    ]
    for result, overleaf, read in cases:
        assert _split_checks(dump(result, overleaf, "")), "printed nowhere else: a guess"
        text = dump(result, overleaf, again + para("登記科") + para("已完成。"))
        assert _split_checks(text) == []
        rows = parse(text).rows
        assert (rows[0].sub_indicator, rows[0].result) == (
            "訂定申辦業務標準作業流程，維持服務措施處理一致性，且持續檢討申辦項目表單，進行簡化。",
            read,
        )
        assert [r.indicator for r in rows] == [
            "訂定申辦業務標準作業流程",
            "提升服務設施",
            "簡化流程",
        ]
    # Units run in instead ("品課" their tail overleaf): no result, whatever the text says;
    # the cut stays a guess (make fuzz textdump seed 98327).
    units = ("管制考核小組、兒童及少年福", "利與權益保障科、機械產")
    text = dump(units, para("品課") + para("已完成。"), again + para("登記科") + para("已完成。"))
    assert _split_checks(text)


def test_a_one_line_entry_before_a_heading_and_its_row_numbered_as_both_is_a_close_call() -> None:
    # "(3)提供各種申辦書表及填寫範例。" after the result's "(2)…" under the row "(2)…", then a
    # heading with its whole row: read as the list's entry (a row there would have neither
    # units nor result), but "(3)" is the next number of both, and one line has no wrap to
    # tell the columns apart, so the call is noted (make fuzz textdump seed 102768, a row
    # of neither units nor result read `ok` into the result).  Under the row "(1)", a row
    # "(3)" would skip a number where the list's goes on: no close call.
    def dump(row_marker: str) -> str:
        return (
            item_top()
            + para(row_marker + "訂定申辦業務標準作業流程，維", "持服務措施處理一致性。")
            + para("登記科")
            + para("(1)說明會：")
            + para("於113年5月10日辦理「服務品質研習」", "活動，計214人次參加。")
            + para("(2)提供 call center 諮詢服務，全年", "受理31,439通電話。")
            + para("(3)提供各種申辦書表及填寫範例。")
            + para("提升服務", "及時性")
            + para("運用網路、行動裝置等多元管道，提供", "民眾查詢案件處理進度。")
            + para("各單位")
            + para("提供 call center 諮詢服務，全年受理", "5,427通電話。")
        )

    for marker, noted in (("(2)", True), ("(1)", False)):
        text = dump(marker)
        assert bool(_checks(text, "list_or_row")) == noted, marker
        rows = parse(text).rows
        assert [r.indicator for r in rows] == ["訂定申辦業務標準作業流程", "提升服務及時性"]
        assert rows[0].result is not None and rows[0].result.endswith(
            "(3)提供各種申辦書表及填寫範例。"
        )


def test_a_sub_indicator_open_at_a_foot_whose_last_line_no_result_can_hold_swallowed_none() -> None:
    # "(2)…" left open at a page foot, neither units nor result read yet: a result's head
    # run into it would print as its last line.  "方式，並對服務對象具有實質" is as wide as
    # "三、每季召開服務品質檢討" was with "會" on it, which the results' column did not hold:
    # no result's line, so nothing to guess (make fuzz textdump seeds 2303, 28528, 29650).
    # A line the results could hold leaves the guess.
    def dump(foot_last: str, later: str = "") -> str:
        return (
            item_top()
            + para("(1) 訂定申辦業務標準作業流程，", "維持服務措施處理一致性。")
            + para("登記科")
            + para("一、完成檢驗各類商品，平", "均辦理天數五日。")
            + para("二、辦理服務品質研習活動", "，計一百人次參加。")
            + para("三、每季召開服務品質檢討", "會議，計召開12場次。")
            + para("四、全年受理各類申辦案件", "，處理時效達九成。")
            + "(2) 提出有別於現行的想法或\n"
            + foot_last
            + "\n\n\f"
            + page_top()
            + para("效益。")
            + para("服務機制精", "進(10分)")
            + para("得分：9")
            + para("2.提升服務", "設施合宜度")
            + SUB1
            + para("總務股")
            + para("已完成。")
            + later
        )

    wide = dump("方式，並對服務對象具有實質")
    assert _split_checks(wide) == []
    row = parse(wide).rows[1]
    assert (row.sub_indicator, row.units, row.result) == (
        "提出有別於現行的想法或方式，並對服務對象具有實質效益。",
        (),
        None,
    )
    assert _split_checks(dump("方式，並對服務對象具有"))
    # Unless the paragraph and "效益。" overleaf make a text the document prints whole
    # elsewhere (marker and spaces aside): the sub-indicator's parts, nothing run in
    # between (make fuzz textdump seeds 80303, 81023).
    whole = para("(2) 提出有別於現行的想法或方式，", "並對服務對象具有效益。")
    printed = dump("方式，並對服務對象具有", whole + para("總務股") + para("已完成。"))
    assert _split_checks(printed) == []
    row = parse(printed).rows[1]
    assert (row.sub_indicator, row.units, row.result) == (
        "提出有別於現行的想法或方式，並對服務對象具有效益。",
        (),
        None,
    )


def test_a_marker_after_units_is_not_a_unit_name() -> None:
    # "(三) 建立…" after a row's units: "(三)" is bracketed like a unit's qualifier
    # ("(各單位)") but it is the next sub-indicator's marker.
    text = (
        item_top()
        + para("(二) 提出有別於現行的想法或方", "式，並對服務對象具有實質效益。")
        + para("各單位")
        + para("(三) 建立跨機關資料查調機制，", "免除民眾檢附證明文件。")
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(2)", "(3)"]
    assert doc.rows[1].sub_indicator == "建立跨機關資料查調機制，免除民眾檢附證明文件。"


def test_a_result_list_going_on_before_the_next_item() -> None:
    # "(3)" continues the result's list and the numbering; the next item follows at once,
    # so as a sub-indicator it would be a row with neither units nor result.
    text = (
        first_row()
        + SUB2
        + para("登記科")
        + para("(1)正門設置愛心鈴與服務台，隨", "時協助民眾。")
        + para("(2) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。")
        + para("(3) 辦理志工訓練，提升服務品質與", "效率。")
        + para("服務成長", "及優化")
        + para("(30分)")
        + para("得分：21")
        + para("1、推動公", "私協力")
        + para("辦理服務滿意度調查，並針對調查", "結果研提改善措施。")
        + para("各單位")
        + para("已完成。")
    )
    doc = parse(text)
    assert [(r.item_no, r.sub_no) for r in doc.rows] == [(1, "(1)"), (1, "(2)"), (2, None)]
    assert doc.rows[1].result is not None and doc.rows[1].result.endswith("與效率。")


def test_a_unit_with_latin_letters_on_the_results_first_line() -> None:
    text = (
        item_top()
        + SUB1
        + para("IT組 1.自112 年 7 月 12 日起與", "桃園市政府衛生局合作。")
        + para("2.建置「預約叫號」系統。")
    )
    doc = parse(text)
    assert doc.rows[0].units == ("IT組",)
    assert (
        doc.rows[0].result
        == "1.自112 年 7 月 12 日起與桃園市政府衛生局合作。\n2.建置「預約叫號」系統。"
    )


def test_rows_joined_on_one_line_without_paragraph_ends_are_refused_by_tool() -> None:
    rows = (
        "服務便捷性 一、強化陳 ① 辦理服務滿意度調查，並 戶籍登記課 一、本項業務由各單位依權責\n"
        "情處理機制 針對調查結果研提改善措施。 辦理，114年度無民眾抱怨案\n"
        "(120分)\n件。\n得分：78.5\n"
        "② 落實個人資料保護，定期 兒童及少年福利 二、114 年度共計受理55,988\n"
        "檢視資訊安全管理措施。 與權益保障科 件，處理時效達67%。\n"
    )
    text = "臺中市政府地政局 109年度提升服務效能評核表\n" + HEADER.strip() + "\n" + rows
    with pytest.raises(InputError, match="pdfplumber's extract_text"):
        text_to_stream(text)
    # The same lines with paragraph ends marked (pdftotext's style) are not refused so.
    marked = text.replace("。\n", "。 \n")
    try:
        text_to_stream(marked)
    except (InputError, NotAFormError) as e:
        assert "pdfplumber" not in str(e)


def test_dumps_marking_no_paragraph_end_are_refused_naming_the_tools() -> None:
    # `pdftotext -raw` of the committed fixture seed_a4_merged.pdf, its page 1's foot and
    # page 2's head: the item's indicators drawn together after its score, a row's cells in
    # the order drawn, no blank line and no trailing space anywhere.
    raw = (
        "經濟部標準檢驗局基隆分局 107年度提升服務效能評核表項目及評分表\n"
        + HEADER.strip()
        + "\n(100分)\n得分：90\n1.訂定申辦\n業務標準作\n業流程\n2.提升服務\n及時性\n"
        "第 1 頁\n\f"
        + HEADER.strip()
        + "\n樓層配置圖及緊急避難方向\n圖，清楚標示各課室位置及\n盥洗室、哺乳室、逃生方向\n"
        "等各項設施指示。\n(3) 妥適規劃申辦動線，以\n符合民眾使用習慣。\n報驗發證課\n"
        "各辦事處\n以民眾需求為考量規劃申辦\n動線，方便民眾洽辦業務；\n"
    )
    with pytest.raises(InputError, match="marks no paragraph's end") as e:
        text_to_stream(raw)
    assert "pdftotext -raw" in str(e.value) and "pdfplumber's extract_text" in str(e.value)
    # The same lines with their paragraphs' ends marked by blank lines are not refused so.
    marked = raw.replace("指示。\n", "指示。\n\n").replace("習慣。\n", "習慣。\n\n")
    marked = marked.replace("各辦事處\n", "各辦事處\n\n").replace("業流程\n", "業流程\n\n")
    assert not marks_no_paragraph_end(marked)
    # Text without the column headers is no form, whatever its lines.
    with pytest.raises(NotAFormError, match="no evaluation table found"):
        text_to_stream("各位鄉親：\n本所訂於下週舉辦說明會。\n請踴躍參加。\n")


def test_radical_code_points_are_their_ideographs() -> None:
    # A dump of a browser's PDF copies its text layer's radicals (⾏ U+2F8F for 行, ⾯ for
    # 面), as the PDF path reads them folded.
    doc = parse(first_row() + para("提供「⾏動服務」⾯對⾯諮詢。"))
    assert doc.rows[0].result == "提供「行動服務」面對面諮詢。"


def test_a_list_entry_numbered_like_a_year_ends_the_list_going_on() -> None:
    # "(3)" continues the result's sub-list and the sub-indicator numbering; the next
    # paragraph, "4.113年度…", is the outer list's next entry (a year after the dot), so
    # "(3)" stays in the result.
    text = (
        first_row()
        + para("3.已完成商品報驗流程簡化，全程", "線上申辦免臨櫃。")
        + para("(1)滿意度調查結果為97.5%，較去", "年提升20個百分點。")
        + para("(2)自113 年 12 月 3 日起與農業部", "關務署臺中關合作。")
        + para("(3) 派遣車輛61,070車次，服務檢驗人", "員66人次。")
        + para("4.113年度共計受理87,912件，處理", "時效達87.5%。")
        + para("2.提高網站", "使用便利", "性")
        + para("(1) 網站應以使用者為導向設計，", "版面配置應方便瀏覽。")
        + para("資訊室")
        + para("已完成無障礙檢測。")
    )
    doc = parse(text)
    assert [(r.indicator_no, r.sub_no) for r in doc.rows] == [("1", "(1)"), ("2", "(1)")]


def test_an_empty_units_cell_parts_a_sub_indicator_open_at_a_page_foot() -> None:
    # The sub-indicator is open at the foot, but the line of spaces after it (its empty
    # units cell) shows where it ends: the result below it is the result, no guess.
    text = (
        item_top()
        + "(1) 訂定申辦業務標準作業流程，維\n持服務措施處理一致性\n \n"
        + para("本項業務由各單位依權責辦理，104年", "度無民眾抱怨案件。")
        + "\f"
        + page_top()
        + para("，並持續檢討。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    assert _split_checks(text) == []
    doc = parse(text)
    assert (
        doc.rows[0].sub_indicator
        == "訂定申辦業務標準作業流程，維持服務措施處理一致性，並持續檢討。"
    )
    assert doc.rows[0].result == "本項業務由各單位依權責辦理，104年度無民眾抱怨案件。"


def test_a_cut_at_a_list_marker_that_the_widths_confirm_is_no_guess() -> None:
    from pipeline.layout.textdump.blocks import Block, Line, Widths
    from pipeline.layout.textdump.calibration import split_column_changes

    def block(*texts: str) -> Block:
        return Block(lines=tuple(Line(t, 1, False) for t in texts))

    widths = Widths(wide=30, narrow=14)
    # A unit's last line, then a wide list entry: the widths confirm the cut.
    head, entry = split_column_changes(
        [block("地政服務所第", "1.每季召開服務品質檢討會議，102")], widths
    )
    assert isinstance(head, Block) and head.first == "地政服務所第"
    assert isinstance(entry, Block) and entry.first.startswith("1.") and not entry.seam
    # A wide line, then a list entry: only the marker says where one cell ends.
    wide, guess = split_column_changes(
        [block("提供民眾線上申辦，網址：www.gov.tw", "1.每季召開服務品質檢討會議")], widths
    )
    assert isinstance(wide, Block) and len(wide.lines) == 1
    assert isinstance(guess, Block) and guess.seam


def _checks(text: str, name: str) -> list[str]:
    return [c.message for c in text_to_stream(text).checks if c.check == name]


def test_a_numbered_paragraph_only_a_close_width_places_is_reported() -> None:
    # "(2)" after the result "(1)…" goes on with its list or opens sub-indicator (2); what
    # follows is plain text (no units, no empty cell, no further entry), and the two wide
    # columns wrap within a character of each other: the reading is a guess.
    def dump(after: str) -> str:
        return (
            page_top(title=True)
            + ITEM
            + IND1
            + SUB1
            + para("登記科")
            + para("(1)正門設置愛心鈴與服務台，隨時", "協助民眾。")
            + para("(2) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。")
            + after
        )

    assert _checks(dump(para("已完成檢測，並定期檢討。")), "list_or_row")
    # Its units after it decide: no guess.
    assert _checks(dump(para("資訊室") + para("已完成。")), "list_or_row") == []


def test_a_numbered_paragraph_widths_alone_make_an_empty_row_is_reported() -> None:
    # "(2)每季…，" at 29 columns is nearer the sub-indicators' (29, 30) than the results'
    # (31-33) by more than a character, but a results line breaks early before "110 年":
    # read as a row, "(2)" has neither units nor result, and read as the list's next entry
    # it leaves the sub-indicator (2) skipped, both of which the family prints (make fuzz
    # textdump seed 195251: `ok`, the list's entry read as a row).  Its units after it
    # decide: no guess.
    def dump(after_entry: str) -> str:
        return (
            page_top(title=True)
            + ITEM
            + para("二、落實個", "人資料保護")
            + para("(1)落實個人資料保護，定期檢視", "資訊安全管理措施。")
            + para("機械產品課")
            + para("1. 本項業務由各單位依權責辦理，", "110年度無民眾抱怨案件。")
            + para("2.完成檢驗64,734批，平均辦理天數", "21日。")
            + para("3.110年度共計受理51,213件，處理時", "效達60%。")
            + para(
                "(1)透過 LINE 官方帳號", "及 Facebook 粉絲專頁發布訊息，累", "計觸及99,941人次。"
            )
            + para("(2)每季召開服務品質檢討會議，", "110 年度計召開149場次。")
            + after_entry
            + para("(3)運用網路、行動裝置等多元管", "道，提供民眾查詢案件處理進度。")
            + para("疾病管制科")
            + para("派遣車輛71,495車次，服務檢驗人員", "183人次。")
        )

    guess = dump("")
    assert _checks(guess, "list_or_row")
    assert [r.sub_no for r in parse(guess).rows] == ["(1)", "(2)", "(3)"]
    assert _checks(dump(para("各單位") + para("已完成。")), "list_or_row") == []


def test_a_numbered_paragraph_the_sub_indicators_column_cannot_hold_goes_on_with_the_list() -> None:
    # "③建置…提供民眾" is as wide as "①建立…妥適回" was with "應" on it, which a greedy
    # wrap moved down: the sub-indicators' column cannot hold it, so the result's list
    # goes on, though the medians of the two columns lie within a character (make fuzz
    # textdump seed 271; 8 lines of the column printed, the widest 30 columns, so by width
    # alone "③…" at 31 could be either).  One character narrower, it fits either: a guess.
    def dump(entry: str) -> str:
        return (
            page_top(title=True)
            + ITEM
            + para("1.提供多元案", "件查詢管道")
            + para(
                "①建立民眾意見處理機制，妥適回",
                "應民眾陳情及建議，並定期檢討改",
                "善服務流程，提升服務品質，落實",
                "各項便民措施，簡化申辦流程，縮",
                "短案件處理時間，提高民眾滿意度",
                "持續精進服務效能，並辦理教育訓",
                "練，提升同仁專業知能與服務熱忱",
                "及品質。",
            )
            + para("化工產品課")
            + para("①派遣車輛54,132車次，服務檢驗人", "員504人次。")
            + para("②本項業務由各單位依權責辦理，", "110年度無民眾抱怨案件。")
            + para(entry, "線上申辦，網址：www.gov.tw。")
            + para("④提供各種申辦書表及填寫範例。")
            + para("各單位")
            + para("1.服務櫃檯已完成設置服務中心，", "由專人主動引導。")
        )

    wide = dump("③建置「行動服務」系統，提供民眾")
    assert _checks(wide, "list_or_row") == []
    rows = parse(wide).rows
    assert [r.sub_no for r in rows] == ["(1)", "(4)"]
    assert rows[0].result is not None and rows[0].result.endswith("網址：www.gov.tw。")
    assert _checks(dump("③建置「行動服務」系統，提供民"), "list_or_row")


def test_a_wrap_bounds_a_column_only_where_the_break_was_a_wrap() -> None:
    found = wrap_bound("①建立民眾意見處理機制，妥適回", "應民眾陳情及建議。")
    assert found is not None and found[0] == 31
    bound = found[1]
    # Any circled number: the same width in one font.
    assert at_least_as_wide(held_print("③建置「行動服務」系統，提供民眾"), bound)
    assert not at_least_as_wide(held_print("③建置「行動服務」系統，提供民"), bound)
    # A closing mark at a line's end may hang past the margin: it is not counted.
    assert not at_least_as_wide(held_print("③建置「行動服務」系統，提供民，"), bound)
    # Spaces count for nothing: a tool prints them where glyphs stand apart.
    assert not at_least_as_wide(held_print("③建置「行動服務」 系統，提供民"), bound)
    # A spare wide character stands for a narrow one the line lacks, if that is no wider
    # than an em in any common font (a circled number, a digit, a bracket) ...
    assert at_least_as_wide(held_print("建置「行動服務」系統，提供民眾服務"), bound)
    assert not at_least_as_wide(held_print("建置「行動服務」系統，提供民眾"), bound)
    # ... but not for a Latin letter (W, M: as wide as an em in some fonts, @ wider).
    latin = wrap_bound("WWW網站建置「行動服務」系統", "提供")
    assert latin is not None
    assert not at_least_as_wide(held_print("各單位網站建置「行動服務」系統提供"), latin[1])
    # No wrap: a sentence's end, a list entry next.
    assert wrap_bound("本年度辦理情形如下：", "①滿意度調查") is None
    assert wrap_bound("本年度辦理情形如下", "(1)滿意度調查") is None
    # No engine breaks inside a Latin word: a line broken there was no wrap ("call" /
    # "center": a space the wrap left at the line's end, or none).
    assert wrap_bound("① 提供 call", "center 諮詢服務，全") is None
    # A space counts as a narrow character in a bound, and for nothing in the line held
    # against it (a tool prints one where glyphs stand apart): a spare wide one stands in.
    spaced = wrap_bound("(1) 訂定申辦業務標準作業", "流程")
    assert spaced is not None and spaced[1][1][" "] == 1
    assert not at_least_as_wide(held_print("(2) 提升民眾申辦案件的處理"), spaced[1])
    assert at_least_as_wide(held_print("(2) 提升民眾申辦案件的處理效"), spaced[1])
    # Beside a digit or a Latin letter the wrap may have dropped a space: one is counted.
    year = wrap_bound("①自民國", "110 年 12 月起")
    assert year is not None and year[1] == line_print("①自民國 110 年 12 月")
    # The next piece is what no engine splits: a number whole, a URL past the line.
    number = wrap_bound("①完成檢驗", "65,795批，平均辦理天數")
    assert number is not None and number[0] == 16  # with a space before the digits
    assert wrap_bound("網址：https://www.example", ".gov.tw/service。") is None
    # Digits are tabular: any digit for any other.
    digits = wrap_bound("(1)訂定申辦業務標準作業", "流程")
    assert digits is not None and digits[0] == 25
    assert at_least_as_wide(held_print("(5)提升民眾申辦案件的處理"), digits[1])
    assert not at_least_as_wide(held_print("(5)提升民眾申辦案件的處"), digits[1])


def test_a_numbered_paragraph_that_wrapped_where_the_results_held_more_opens_a_row() -> None:
    # "(3)定期辦理…提升同仁服" broke before "務", where two result lines are as wide with it:
    # a result's paragraph would have taken "務" on, so "(3)" is no entry of the result's
    # list but a row (with neither units nor result, then its result after a heading; make
    # fuzz textdump seed 941).  Broken one character later, it fits either column: a guess.
    def dump(entry: tuple[str, ...]) -> str:
        return (
            page_top(title=True)
            + ITEM
            + para("1.提供多元案", "件查詢管道")
            + para("(1)提供各種申辦書表及填寫範例。")
            + para("計量課")
            + para("(1)本項業務由各單位依權責辦理，無民", "眾抱怨案件。")
            + para("(2)已完成商品報驗流程簡化，全程線", "上申辦免臨櫃，縮短案件辦理時間。")
            + para(*entry)
            + para("已完成並提供多元案件查詢管道：")
            + para("• 派遣車輛69,730車次，服務檢驗人", "員133人次。")
        )

    early = dump(("(3)定期辦理教育訓練，提升同仁服", "務知能"))
    assert _checks(early, "list_or_row") == []
    rows = parse(early).rows
    assert [r.sub_no for r in rows] == ["(1)", "(3)"]
    assert rows[0].result is not None and rows[0].result.endswith("縮短案件辦理時間。")
    assert (
        rows[1].result
        == "已完成並提供多元案件查詢管道：\n• 派遣車輛69,730車次，服務檢驗人員133人次。"
    )
    assert _checks(dump(("(3)定期辦理教育訓練，提升同仁服務", "知能")), "list_or_row")


def test_a_malformed_chinese_numeral_is_no_marker_and_no_crash() -> None:
    # "(一一)" and "一一、" are no numbers (十一 is eleven): plain text, not a marker that
    # fails to parse.
    text = first_row() + para("(1)已完成。") + para("(一一)測試段落。") + para("一一、另一段。")
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)"]
    assert doc.rows[0].result == "(1)已完成。\n(一一)測試段落。\n一一、另一段。"


def test_an_unnumbered_indicator_after_results_is_a_heading_not_units() -> None:
    """A narrow two-line paragraph after results, wrapped like a heading ("檢討既有服務措" /
    "施") and naming no unit, opens the next indicator; a units-like one stays units."""
    text = (
        page_top(title=True)
        + ITEM
        + para("強化陳情處理", "機制")
        + para("建立民眾意見處理機制，妥適回", "應民眾陳情及建議。")
        + para("企劃科、綜合", "規劃組")
        + para("滿意度調查結果為73.5%，較去年", "提升19個百分點。")
        + para("檢討既有服務", "措施")
        + para("運用網路、行動裝置等多元管", "道，提供民眾查詢案件處理進", "度。")
        + para("秘書室、人事", "室")
        + para("計 158 人次參加。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["強化陳情處理機制", "檢討既有服務措施"]
    assert doc.rows[0].result == "滿意度調查結果為73.5%，較去年提升19個百分點。"
    assert doc.rows[1].units == ("秘書室", "人事室")
    assert doc.rows[1].result == "計 158 人次參加。"


def test_a_result_printed_beside_its_units_line_is_the_result() -> None:
    """pdftotext prints a one-word result on the units' first line ("各單位 不適用")."""
    text = (
        item_top()
        + SUB1
        + para("地籍測量科 不適用")
        + para("資訊室")
        + SUB2
        + para("登記科 無")
        + para("(3) 結合民間資源，推動公私協力", "，擴大服務量能。")
        + para("1999市民熱線 無")
        + para("小計 95 分")
    )
    doc = parse(text)
    r1, r2, r3 = doc.rows
    assert (r1.units, r1.result) == (("地籍測量科", "資訊室"), "不適用")
    assert (r2.units, r2.result) == (("登記科",), "無")
    # A service point named by its shape, without a unit's suffix.
    assert (r3.units, r3.result) == (("1999市民熱線",), "無")


def test_calibration_finds_the_narrow_limit_below_the_sub_indicators_wraps() -> None:
    # Three clusters of wraps: narrow cells at 10 columns, sub-indicators at 20, results
    # at 34.  The gap between the two wide columns is the widest, yet the narrow limit
    # lies below the sub-indicators: their "(N)" openings and the item's name before
    # its "(N分)" bound where it may be.
    from pipeline.layout.textdump.blocks import Block, Line
    from pipeline.layout.textdump.calibration import measure_widths

    def block(*texts: str) -> Block:
        lines = [Line(t, 1, False) for t in texts[:-1]] + [Line(texts[-1], 1, True)]
        return Block(lines=tuple(lines))

    blocks: list[Block] = []
    for _ in range(3):
        blocks += [block("服務一致及", "正確性"), block("(20分)"), block("得分：18")]
        blocks += [block("(1)訂定申辦業務標", "準作業流程，維持服", "務一致。")]
        blocks += [block("地籍測量", "科")]
        blocks += [
            block(
                "辦理案件三千二百一十件，平均處理",
                "時間二日，較去年縮短一日，並定期",
                "檢討改善。",
            )
        ]
    widths = measure_widths(blocks)
    assert 10 < widths.narrow_limit < 18, widths


def test_units_after_a_sub_indicator_left_open_at_a_page_foot_are_units() -> None:
    # The sub-indicator goes on past the break; on its page, the row's units ("管制考核小"
    # / "組", wrapped in their narrow column) run on under its last line, which wrapped
    # at the wide width.  Those narrow lines are the units', not the sub-indicator's.
    text = (
        first_row()
        + para("1.完成訂定標準作業流程，共計", "12 項。")
        + "(2) 提升民眾申辦案件的處理效率\n，確保於處理時限內完成，並定\n管制考核小\n組 \n\n"
        + para("秘書室")
        + para("已完成。")
        + "\f"
        + page_top()
        + para("期檢討。")
        + para("資訊室")
        + para("辦理案件 3,210 件，平均處理", "時間 2 日。")
        + para("小計 95 分")
    )
    doc = parse(text)
    row = doc.rows[1]
    assert row.sub_indicator == "提升民眾申辦案件的處理效率，確保於處理時限內完成，並定期檢討。"
    assert row.units == ("管制考核小組", "秘書室", "資訊室")
    assert row.result is not None and row.result.startswith("已完成。")


def test_a_wrapped_heading_after_units_opens_the_next_indicator() -> None:
    # A row with no result: after its units, "訂定申辦" / "業務標準" / "作業流程" names no
    # unit and a sub-indicator follows it: the next indicator, not a further unit.
    text = (
        page_top(title=True)
        + ITEM
        + para("提升服務", "設施合宜", "度")
        + para("定期檢查各類硬體設施(如飲水", "機、公用電話、座椅)，確保設", "施品質。")
        + para("市場監督課")
        + para("食品藥物管", "理科")
        + para("訂定申辦", "業務標準", "作業流程")
        + para("結合民間資源，推動公私協力，", "擴大服務量能。")
        + para("秘書室")
        + para("已完成並提供多元案件查詢管道。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["提升服務設施合宜度", "訂定申辦業務標準作業流程"]
    assert doc.rows[0].units == ("市場監督課", "食品藥物管理科")
    assert doc.rows[0].result is None
    assert doc.rows[1].units == ("秘書室",)
    # A heading's line may end like a unit ("強化陳情處" / "理機制"): the whole heading
    # names none (make fuzz textdump seed 8).
    doc = parse(
        text.replace(para("訂定申辦", "業務標準", "作業流程"), para("強化陳情處", "理機制"))
    )
    assert [r.indicator for r in doc.rows] == ["提升服務設施合宜度", "強化陳情處理機制"]
    assert doc.rows[0].units == ("市場監督課", "食品藥物管理科")
    # A row with neither units nor result, its units cell printed empty (a line of spaces):
    # what follows is no unit either (make fuzz textdump seed 9).
    empty = text.replace(para("市場監督課") + para("食品藥物管", "理科"), " \n\n")
    doc = parse(empty.replace(para("訂定申辦", "業務標準", "作業流程"), para("運用資通訊科", "技")))
    assert [r.indicator for r in doc.rows] == ["提升服務設施合宜度", "運用資通訊科技"]
    assert doc.rows[0].units == () and doc.rows[0].result is None


def test_a_one_line_heading_after_results_opens_a_row_when_its_units_follow() -> None:
    # "強化志工服務" is one short line after a result, as a heading inside a result could
    # be; the numbered paragraph after it is followed by units, so a whole row opens.
    text = (
        page_top(title=True)
        + ITEM
        + para("提升服務", "設施合宜", "度")
        + para("(1) 定期檢查各類硬體設施(如飲水", "機、公用電話、座椅)，確保設施", "品質。")
        + para("總務股")
        + para("1.完成訂定標準作業流程，共計", "12 項，並定期檢討改善。")
        + para("強化志工服務")
        + para("(1) 定期辦理教育訓練，提升同仁", "服務知能。")
        + para("服務台")
        + para("管制考核小", "組")
        + para("於 9 月完成辦理內部滿意度調", "查。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["提升服務設施合宜度", "強化志工服務"]
    assert doc.rows[0].result == "1.完成訂定標準作業流程，共計12 項，並定期檢討改善。"
    assert doc.rows[1].units == ("服務台", "管制考核小組")
    # The units printed beside the result's first line tell the same (make fuzz textdump
    # seed 198).
    beside = para("服務台") + para("管制考核小", "組") + para("於 9 月完成辦理內部滿意度調", "查。")
    doc = parse(text.replace(beside, para("總務股 不適用")))
    assert [r.indicator for r in doc.rows] == ["提升服務設施合宜度", "強化志工服務"]
    assert doc.rows[1].units == ("總務股",) and doc.rows[1].result == "不適用"
    # So do units listed with 、 and cut by a page break, the last name's tail overleaf
    # (make fuzz textdump seed 538).
    cut = "服務台、管制考\n\f" + running_top() + para("核小組") + para("於 9 月完成。")
    doc = parse(text.replace(beside, cut))
    assert [r.indicator for r in doc.rows] == ["提升服務設施合宜度", "強化志工服務"]
    assert doc.rows[1].units == ("服務台", "管制考核小組")


def test_the_unit_vocabulary_holds_names_that_end_like_units() -> None:
    # A one-line indicator heading printed twice recurs as a whole line, as unit names do.
    from pipeline.layout.textdump.blocks import Block, Line
    from pipeline.layout.textdump.units import unit_vocabulary

    def block(text: str) -> Block:
        return Block(lines=(Line(text, 1, True),))

    names = ["強化志工服務", "計量課", "1999市民熱線", "強化志工服務", "計量課", "1999市民熱線"]
    assert unit_vocabulary([block(n) for n in names]) == {"計量課", "1999市民熱線"}


def _item_across_a_break(name: str, overleaf: str) -> str:
    """A second item whose name is the page's last item text (`name`, printed as is) and
    whose label opens the next page (`overleaf`), before the tails of the other cells."""
    return (
        first_row()
        + para("1.完成訂定標準作業流程，共計", "12 項。")
        + name
        + para("1.推動線", "上申辦")
        + para("(1) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。")
        + para("資訊室")
        + para("辦理案件 3,210 件，平均處理", "時間 2 日。")
        + "\f"
        + page_top()
        + para(overleaf)
        + para("得分：18")
        + para("(2) 落實個人資料保護，定期檢視", "資訊安全管理措施。")
        + para("秘書室")
        + para("已完成資訊安全稽核。")
        + para("小計 113 分")
    )


@pytest.mark.parametrize(
    ("name", "overleaf"),
    [
        # The item cell broke across the pages: its "(20分)" and "得分" open the next page.
        (para("服務機制", "精進"), "(20分)"),
        # The break cut its points ("精進(20" / "分)"), its first indicator run on after the
        # name (make fuzz textdump seeds 748, 1048, 1234, 2018 and ten more of 0-2499,
        # all flagged before).
        ("服務機制\n精進(20\n", "分)"),
    ],
)
def test_an_item_name_at_a_page_foot_with_its_points_after_the_break(
    name: str, overleaf: str
) -> None:
    doc = parse(_item_across_a_break(name, overleaf))
    assert [(i.name, i.max_points, i.score) for i in doc.items] == [
        ("服務一致及正確性", 100, 95),
        ("服務機制精進", 20, 18),
    ]
    assert [(r.item_no, r.indicator, r.sub_no) for r in doc.rows] == [
        (1, "訂定申辦業務標準作業流程", "(1)"),
        (2, "推動線上申辦", "(1)"),
        (2, "推動線上申辦", "(2)"),
    ]


def test_a_score_cut_at_its_decimal_point_with_the_next_cell_run_on_ends_the_item() -> None:
    # "得分：7." left open, its "5 分" overleaf, and the dump runs the item's first indicator
    # on after it ("得分：7." / "推動線" / "上申辦"): the score line ends the item's cell on
    # its page, so the lines after it are the next cell's (make fuzz textdump seed 1319).
    # Where the next line completes the score ("5 分"), the two stay one line.
    def dump(after_score: str, overleaf: str) -> str:
        return (
            first_row()
            + para("1.完成訂定標準作業流程，共計", "12 項。")
            + para("服務機制", "精進")
            + para("(20分)")
            + "得分：7.\n"
            + after_score
            + para("(1) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。")
            + para("資訊室")
            + para("辦理案件 3,210 件，平均處理", "時間 2 日。")
            + "\f"
            + page_top()
            + overleaf
            + para("(2) 落實個人資料保護，定期檢視", "資訊安全管理措施。")
            + para("秘書室")
            + para("已完成資訊安全稽核。")
            + para("小計 102.5 分")
        )

    for text in (
        dump(para("推動線", "上申辦"), para("5 分")),
        dump(para("5 分", "推動線上申辦"), ""),
    ):
        doc = parse(text)
        assert [(i.name, i.max_points, i.score) for i in doc.items][1] == ("服務機制精進", 20, 7.5)
        assert [(r.item_no, r.indicator, r.sub_no) for r in doc.rows][1:] == [
            (2, "推動線上申辦", "(1)"),
            (2, "推動線上申辦", "(2)"),
        ]


def test_an_open_bracket_that_no_points_complete_overleaf_names_no_item() -> None:
    doc = parse(_item_across_a_break("服務機制\n精進(第20\n", "分)"))
    assert [i.name for i in doc.items] == ["服務一致及正確性"]


def test_cells_left_open_at_a_page_foot_run_into_each_other_in_turn() -> None:
    # An indicator, its sub-indicator and its units all left open at the foot print as one
    # paragraph; each column change is a cut: narrow to wide, then wide to narrow.
    from pipeline.layout.textdump.blocks import Block, Line, Widths
    from pipeline.layout.textdump.calibration import split_column_changes

    lines = (
        "2.強化陳情",
        "處理機制",
        "適時運用多元管道導入民眾觀點，",
        "透過溝通與對話的方式，共創",
        "IT組",
    )
    block = Block(lines=tuple(Line(t, 1, k == len(lines) - 1) for k, t in enumerate(lines)))
    parts = split_column_changes([block], Widths(wide=30, narrow=14))
    assert [p.texts for p in parts if isinstance(p, Block)] == [
        ("2.強化陳情", "處理機制"),
        ("適時運用多元管道導入民眾觀點，", "透過溝通與對話的方式，共創"),
        ("IT組",),
    ]


def _result_list(*after: str) -> str:
    """A row whose result holds a list "1." "2." "3." with "(1)" inside, then `after`; the
    results wrap within a character of the sub-indicators, so no width tells them apart."""
    return (
        first_row()
        + para("1. 正門設置愛心鈴與服務台，隨時", "協助民眾。")
        + para("2. 新設置哺乳室，並定期檢討改善", "設施。")
        + para("3. 辦理志工訓練，提升服務品質與", "效率。")
        + para("(1)正門設置愛心鈴與服務台，隨時", "協助民眾。")
        + "".join(after)
    )


def test_a_list_entry_shown_by_the_outer_list_going_on_after_it() -> None:
    # "(2)" could open sub-indicator (2) or go on with "(1)"; "4." after it goes on with
    # the result's "1." "2." "3.": a row's result would not open there, so "(2)" is the
    # list's, and no width had to decide.
    text = _result_list(
        para("(2) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。"),
        para("4.透過 LINE 官方帳號及 Facebook", "粉絲專頁發布訊息。"),
        SUB2,
        para("資訊室"),
        para("已完成。"),
    )
    assert _checks(text, "list_or_row") == []
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert doc.rows[0].result is not None and "\n4.透過 LINE" in doc.rows[0].result


def test_a_list_entry_open_at_a_page_foot_then_a_lower_number() -> None:
    # "(2)" is left open at the foot; after its tail comes "(2)" again, the next
    # sub-indicator: numbering that does not increase shows the first was a list entry.
    text = _result_list(
        "(2) 提升民眾申辦案件的處理效率\n\f",
        page_top(),
        para("，確保於處理時限內完成。"),
        SUB2,
        para("資訊室"),
        para("已完成。"),
    )
    assert _checks(text, "list_or_row") == []
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert doc.rows[0].result is not None
    assert doc.rows[0].result.endswith("(2) 提升民眾申辦案件的處理效率，確保於處理時限內完成。")


def test_a_sub_indicator_shown_by_a_unit_name_ending_like_one() -> None:
    # "1999市民熱線" has no unit suffix, but ends like a unit name; on the same page right
    # after "(2)" it is that row's units: "(2)" opens a sub-indicator.
    text = _result_list(
        para("(2) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。"),
        para("1999市民熱線"),
        para("已完成。"),
    )
    assert _checks(text, "list_or_row") == []
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert doc.rows[1].units == ("1999市民熱線",)


def test_calibration_between_anchors_needs_no_wide_gap() -> None:
    # Unit names wrap at 14 columns, indicators at 16, sub-indicators at 19, results at
    # 36: no gap of two characters anywhere below the sub-indicators, and a share of the
    # results' width lands above them.  Item names, unit names and "(N)" openings bound
    # the limit, and the widest gap between those bounds places it.
    from pipeline.layout.textdump.blocks import Block, Line
    from pipeline.layout.textdump.calibration import measure_widths

    def block(*texts: str) -> Block:
        lines = [Line(t, 1, False) for t in texts[:-1]] + [Line(texts[-1], 1, True)]
        return Block(lines=tuple(lines))

    blocks: list[Block] = []
    for _ in range(3):
        blocks += [block("服務一致及", "正確性"), block("(20分)"), block("得分：18")]
        blocks += [block("提升服務及時性與", "效率")]
        blocks += [block("(1)訂定申辦業務標準", "作業流程，維持服務", "一致。")]
        blocks += [block("兒童及少年福利", "與權益保障科")]
        blocks += [
            block(
                "辦理案件三千二百一十件，平均處理時間", "二日，較去年縮短一日，並定期檢討改善", "。"
            )
        ]
    widths = measure_widths(blocks)
    assert 16 < widths.narrow_limit < 19, widths


def test_a_one_line_heading_first_after_a_page_break() -> None:
    # The row before closed at the page's foot; the heading after the break is no cell's
    # tail (it does not end like a unit name), and a row follows it with its units.
    text = (
        page_top(title=True)
        + ITEM
        + para("提升服務", "設施合宜", "度")
        + para("(1) 定期檢查各類硬體設施(如飲水", "機、公用電話、座椅)，確保設施", "品質。")
        + para("總務股")
        + para("1.完成訂定標準作業流程，共計", "12 項，並定期檢討改善。")
        + "\f"
        + page_top()
        + para("強化志工服務")
        + para("(1) 定期辦理教育訓練，提升同仁", "服務知能。")
        + para("服務台")
        + para("於 9 月完成辦理內部滿意度調", "查。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["提升服務設施合宜度", "強化志工服務"]
    assert doc.rows[1].units == ("服務台",)


def test_a_wrapped_unit_list_under_a_sub_indicator_open_at_a_page_foot() -> None:
    # Units listed with 、 wrap in their narrow column under the sub-indicator's last
    # line on the page; "1999市民熱線" has no unit suffix but ends like a unit name, and
    # the last name ("政風") goes on after the break.
    from pipeline.layout.textdump.blocks import Block, Line, Widths
    from pipeline.layout.textdump.calibration import split_column_changes

    lines = (
        "訂定申辦業務標準作業流程，維持服務",
        "措施處理一致性，且持續檢討申辦項",
        "1999市民熱",
        "線、各辦事",
        "處、政風",
        "一、於102 年 3 月 17 日辦理「服務品質",
        "研習」活動，計510人次參加。",
    )
    block = Block(lines=tuple(Line(t, 1, k == len(lines) - 1) for k, t in enumerate(lines)))
    parts = split_column_changes([block], Widths(wide=34, narrow=16))
    assert [p.texts[0] for p in parts if isinstance(p, Block)] == [
        "訂定申辦業務標準作業流程，維持服務",
        "1999市民熱",
        "一、於102 年 3 月 17 日辦理「服務品質",
    ]


def test_a_unit_printed_beside_the_result_under_an_open_sub_indicator() -> None:
    # "主計室 透過 LINE…": a unit name, a space, then the result's first line, under the
    # sub-indicator's last line on the page: the name is a cell of its own.
    from pipeline.layout.textdump.blocks import Block, Line, Widths
    from pipeline.layout.textdump.calibration import split_column_changes

    lines = (
        "訂定申辦業務標準作業流程，維持服務",
        "措施處理一致性，且持續檢討申辦項",
        "主計室 透過 LINE 官方帳號及 Facebook 粉絲專頁",
    )
    block = Block(lines=tuple(Line(t, 1, k == len(lines) - 1) for k, t in enumerate(lines)))
    parts = split_column_changes([block], Widths(wide=34, narrow=16))
    assert [len(p.lines) for p in parts if isinstance(p, Block)] == [2, 1]


def test_a_one_line_heading_after_units_but_not_a_result_of_none() -> None:
    # A row with no result ends with its units; "提升服務及時性" is one line that names no
    # unit, and a sub-indicator with its units follows: the next indicator.  "無" after
    # units is that row's result.
    text = (
        page_top(title=True)
        + ITEM
        + para("蒐集民眾", "意見")
        + para(
            "(一) 強化機關(單位)服務人員(含", "委外人員)對涉及服務業務處理", "之專業與熟悉程度。"
        )
        + para("護理部")
        + para("提升服務及時性")
        + para("(五) 提出有別於現行的想法或方式", "，並對服務對象具有實質效益。")
        + para("各辦事處")
        + para("無")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [(r.indicator, r.units, r.result) for r in doc.rows] == [
        ("蒐集民眾意見", ("護理部",), None),
        ("提升服務及時性", ("各辦事處",), "無"),
    ]


def test_the_label_past_a_break_belongs_to_the_open_item_not_to_a_result() -> None:
    # The open item's "(20分)" comes after the break; "不適用" just before it is the row's
    # result, not a new item's name.
    text = (
        first_row()
        + para("1.完成訂定標準作業流程，共計", "12 項。")
        + para("服務機制", "精進")
        + para("1.推動線", "上申辦")
        + para("(1) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。")
        + para("資訊室")
        + para("辦理案件 3,210 件，平均處理", "時間 2 日。")
        + para("(2) 落實個人資料保護，定期檢視", "資訊安全管理措施。")
        + para("秘書室")
        + para("不適用")
        + "\f"
        + page_top()
        + para("(20分)")
        + para("得分：18")
        + para("小計 113 分")
    )
    doc = parse(text)
    assert [i.name for i in doc.items] == ["服務一致及正確性", "服務機制精進"]
    assert [r.result for r in doc.rows][-1] == "不適用"


def test_a_sub_indicator_shown_by_its_units_listed_with_commas_past_a_break() -> None:
    # "(2)" closes at the page's foot; after the break its units come as one 、 list, each
    # name a whole unit name: the row's units, as one name alone would be.
    text = _result_list(
        para("(2) 提升民眾申辦案件的處理效率", "，確保於處理時限內完成。"),
        "\f",
        page_top(),
        para("政風室、戶籍登記課"),
        para("已完成。"),
    )
    assert _checks(text, "list_or_row") == []
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert doc.rows[1].units == ("政風室", "戶籍登記課")


def test_a_unit_cut_at_a_page_foot_does_not_run_into_the_result() -> None:
    # "資訊小組" is left open at the page's foot and the dump runs the result's first line
    # on; the line before could have taken "本" had both been one column's, so the lines
    # part there though "本年度辦理情形如下：" alone is as narrow as a unit's column
    # (make fuzz textdump seed 3580).
    text = (
        first_row()
        + "資訊小組\n"
        + para("本年度辦理情形如下：")
        + para("1.推動公文線上簽核，全年線上簽", "核比率達85%。")
        + "\f"
        + page_top()
        + para("(各單位)")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    assert doc.rows[0].units == ("登記科", "資訊小組(各單位)")
    assert doc.rows[0].result == "本年度辦理情形如下：\n1.推動公文線上簽核，全年線上簽核比率達85%。"
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]


def test_a_result_run_into_a_sub_indicator_left_open_parts_where_no_line_could_wrap() -> None:
    # The sub-indicator is left open at the page's foot (its units cell empty) and the
    # result's first part runs on: the result's line is wider than the sub-indicator's
    # line plus its first character by far more than a proportional font could explain,
    # so the two part there; after the break each tail goes back to its own cell and
    # nothing is a guess (make fuzz textdump seed 72).
    text = (
        item_top()
        + "(1) 訂定申辦業務標準作業\n"
        + "流程，維持服務措施處理\n"
        + "服務櫃檯已完成設置服務中心，由專人\n"
        + "主動引導、業務諮詢及辦理流\n"
        + "\f"
        + page_top()
        + para("一致性。")
        + para("程解說。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    assert doc.rows[0].sub_indicator == "訂定申辦業務標準作業流程，維持服務措施處理一致性。"
    assert (
        doc.rows[0].result == "服務櫃檯已完成設置服務中心，由專人主動引導、業務諮詢及辦理流程解說。"
    )
    assert _split_checks(text) == []


def test_a_sub_indicator_closed_at_a_page_foot_then_its_items_points_is_a_guess() -> None:
    # The item's "(5分)" and "得分：5" come first after the break; then text that opens no
    # row: the sub-indicator's tail, its result run into it at the foot (make fuzz
    # textdump seed 2416).  The item's labels tell nothing either way.
    text = (
        first_row()
        + para("已完成。")
        + para("提高服務", "品質")
        + para("1.提高服務", "人員專業度")
        + "1)訂定申辦業務標準作業\n"
        + "流程，維持服務措施處理\n"
        + para("滿意度調查結果為69.5%，較", "去年提升28個百分點。")
        + "\f"
        + page_top()
        + para("(5分)")
        + para("得分：5")
        + para("一致性，且持續檢討申辦", "項目表單，進行簡化及標", "準化等。")
        + para("2)訂定申辦業務標準作業", "流程，維持服務措施處理", "一致性。")
        + para("登記科")
        + para("已完成。")
    )
    assert _split_checks(text) and "p2: sub" in _split_checks(text)[0]


def test_a_row_without_units_and_result_at_a_page_foot_before_a_running_title() -> None:
    # As test_a_row_with_neither_units_nor_result_before_a_numbered_row, with "(2)" last
    # on its page: the running title and header between it and "(3)" do not hide what
    # follows (make fuzz textdump seed 3626).
    text = (
        first_row()
        + para("(1)正門設置愛心鈴與服務台，隨", "時協助民眾。")
        + para("(2) 提升民眾申辦案件的處理效率，", "確保於處理時限內完成。")
        + "\f"
        + running_top()
        + para("(3) 訂定申辦業務標準作業流程，維", "持服務措施處理一致性。")
        + para("資訊室")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)", "(3)"]
    assert doc.rows[1].units == () and doc.rows[1].result is None


def test_a_result_list_entry_cut_between_latin_words_at_a_page_foot_goes_on() -> None:
    # "5.提供 call " keeps its space where the line broke between two Latin words and the
    # page ended; "5." goes on with the result's outer list ("4." after its "(1)"), not a
    # new indicator as narrow as the page left it (make fuzz textdump seed 2578).
    text = (
        first_row()
        + para("4. 自100年4月3日起提供「電子公文」", "服務，截至年底計3,786件")
        + para("(1)派遣車輛10,459車次，服務檢驗", "人員187人次。")
        + "5.提供 call \n\n"
        + running_top()
        + para("center 諮詢服務，全年受理53,885", "通電話。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert doc.rows[0].result is not None
    assert doc.rows[0].result.endswith("5.提供 call center 諮詢服務，全年受理53,885通電話。")
    # The units cell goes on after the break too, before the result's Latin tail (make
    # fuzz textdump seed 315).
    doc = parse(text.replace(running_top(), running_top() + para("新住民服務中", "心")))
    assert [r.sub_no for r in doc.rows] == ["(1)", "(2)"]
    assert doc.rows[0].units == ("登記科", "新住民服務中心")
    assert doc.rows[0].result is not None
    assert doc.rows[0].result.endswith("5.提供 call center 諮詢服務，全年受理53,885通電話。")


def test_three_cells_left_open_at_a_page_foot_part_in_turn() -> None:
    # The sub-indicator, its units ("研考科、兒" / "童及少年福", several on a line) and its
    # result are all open at the page's foot and printed in one run.  The result parts
    # from the units where no line could wrap; only then do the units read as names cut
    # by the break, parting them from the sub-indicator (make fuzz textdump seed 1583).
    text = (
        item_top()
        + "(1)定期檢查各類硬體設施(如\n"
        + "飲水機、公用電話、座椅、盥\n"
        + "研考科、兒\n"
        + "童及少年福\n"
        + "設置 QR code 行動條\n"
        + "碼，方便民眾查詢案件進\n"
        + "\f"
        + running_top()
        + para("洗室等)，確保設施品質。")
        + para("利與權益保", "障科、行政", "科")
        + para("度。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    assert (
        doc.rows[0].sub_indicator
        == "定期檢查各類硬體設施(如飲水機、公用電話、座椅、盥洗室等)，確保設施品質。"
    )
    assert doc.rows[0].units == ("研考科", "兒童及少年福利與權益保障科", "行政科")
    assert doc.rows[0].result == "設置 QR code 行動條碼，方便民眾查詢案件進度。"


def _narrow_subs_page(sub_end: str, *units: str) -> str:
    """A page whose indicators wrap at 14 columns and sub-indicators at 20 (the narrow
    columns' limit falls between, at 19 with its slack) and units at 6, with a
    sub-indicator left open at the foot and the given unit lines run on under it, then
    its result and the break."""
    row = para("(1) 訂定申辦業務標準作", "業流程，維持服務措施", "處理一致性。") + para("研考科")
    return (
        page_top(title=True)
        + para("服務一致及正確", "性")
        + para("(100分)")
        + para("得分：95")
        + para("1.訂定申辦業務", "標準作業流程")
        + row
        + para("1.完成訂定標準作業流程，共計12", "項，並公告於網站。")
        + para("(2) 確保服務項目、服務", "人員(姓名及代理人)標", "示正確。")
        + para("研考科")
        + para("2.辦理案件3,210件，平均處理時間", "2日。")
        + "(3) 進行環境美(綠)化及\n"
        + sub_end
        + "\n"
        + "".join(u + "\n" for u in units[:-1])
        + para(units[-1])
        + para("本年度辦理情形如下：")
        + "\f"
        + running_top()
        + para("潔，建置民眾臨櫃洽公", "的合宜服務環境。")
        + SUB2.replace("(2)", "(4)")
        + para("登記科")
        + para("已完成。")
    )


def test_a_unit_run_on_under_a_narrow_sub_indicator_is_told_by_the_units_widths() -> None:
    # "輔以舒適、明亮、整" (18 columns) is no wider than the narrow columns may be, but
    # no line the document reads as unit names is wider than 6: it is the sub-indicator's,
    # and "研考科" (printed alone elsewhere) the row's units (make fuzz textdump seed 2).
    doc = parse(_narrow_subs_page("輔以舒適、明亮、整", "研考科"))
    row = doc.rows[2]
    assert (
        row.sub_indicator
        == "進行環境美(綠)化及輔以舒適、明亮、整潔，建置民眾臨櫃洽公的合宜服務環境。"
    )
    assert row.units == ("研考科",)
    # The same for a unit name wrapped in its column and printed nowhere else (seed 37).
    doc = parse(_narrow_subs_page("輔以舒適、明亮、整", "管制考", "核小組"))
    assert doc.rows[2].units == ("管制考核小組",)
    assert doc.rows[2].result == "本年度辦理情形如下："


def test_a_unit_cut_by_the_break_under_a_sub_indicator_left_open_is_told_by_its_short_wrap() -> (
    None
):
    # Sub-indicator, units and result are all open at the page's foot and printed in one
    # run.  "兒童及少年福" wrapped with room for "利" in the sub-indicator's column: it
    # is a narrower column's line, though the unit's name is only whole past the break
    # (make fuzz textdump seed 110).
    text = (
        item_top()
        + "(1) 進行環境美(綠)化及輔以舒\n"
        + "適、明亮、整潔，建置民眾臨櫃\n"
        + "兒童及少年福\n"
        + "利與權益保障\n"
        + "本項業務由各單位依權責辦理，108\n"
        + "年度無民眾抱怨\n"
        + "\f"
        + running_top()
        + para("洽公的合宜服務環境。")
        + para("科")
        + para("總務股")
        + para("案件。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    row = doc.rows[0]
    assert (
        row.sub_indicator
        == "進行環境美(綠)化及輔以舒適、明亮、整潔，建置民眾臨櫃洽公的合宜服務環境。"
    )
    assert row.units == ("兒童及少年福利與權益保障科", "總務股")
    assert row.result == "本項業務由各單位依權責辦理，108年度無民眾抱怨案件。"


def test_a_unit_cut_at_a_foot_with_the_results_paragraphs_after_it_on_its_page() -> None:
    # "兒童及少年福利與" is left open at the foot and the dump runs the result's first line
    # on; the result's further paragraphs follow on the page, and overleaf "權益保障科"
    # completes the name (the units column holds 8 characters: "國際交流暨觀光發" / "展處").
    # Only paragraphs no unit line could be stand between, so the name is cut there as
    # when the tail follows at once (make fuzz textdump seed 106560, read `ok` with
    # "兒童及少年福利與" in the result and "權益保障科" a unit).
    text = (
        first_row()
        + para("國際交流暨觀光發", "展處")
        + para("地籍測量課")
        + "兒童及少年福利與\n"
        + para("本年度辦理情形如下：")
        + para("• 強化為民服務措施：")
        + "提供 call center 諮詢服\n\n"
        + "\f"
        + page_top()
        + para("權益保障科")
        + para("務，全年受理14,713通電話。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    row = parse(text).rows[0]
    assert row.units == (
        "登記科",
        "國際交流暨觀光發展處",
        "地籍測量課",
        "兒童及少年福利與權益保障科",
    )
    assert row.result == (
        "本年度辦理情形如下：\n• 強化為民服務措施：\n提供 call center 諮詢服務，全年受理14,713通電話。"
    )


def test_a_line_wider_than_the_units_own_wraps_allow_is_no_units_line() -> None:
    # "維持服務措施處理一" and "研考科" would join into a name that ends like a unit's, and
    # the line fits the narrow columns' limit, but the units wrap no wider than "長期照顧管
    # 理" + "中" (14 columns) and that line is 18 at its narrowest: it is the
    # sub-indicator's (make fuzz textdump seed 23).
    text = _narrow_subs_page("維持服務措施處理一", "研考科")
    text = text.replace(para("研考科"), para("研考科") + para("長期照顧管理", "中心"), 1)
    doc = parse(text)
    assert doc.rows[0].units == ("研考科", "長期照顧管理中心")
    assert doc.rows[2].units == ("研考科",)
    assert doc.rows[2].sub_indicator is not None
    assert doc.rows[2].sub_indicator.startswith("進行環境美(綠)化及維持服務措施處理一潔，")


def test_an_items_score_label_left_open_at_a_page_foot_gets_its_score_after_the_break() -> None:
    # "得分：" is the item cell's last line on its page, its score "103 分" the cell's
    # first after the break; the indicator's lines run on under the label there
    # (make fuzz textdump seed 206).
    text = (
        first_row()
        + para("已完成。")
        + para("服務友善性")
        + para("(130分)")
        + "得分：\n"
        + para("一、推動線", "上申辦")
        + para("(1) 提升民眾申辦案件的處理效率，", "確保於處理時限內完成。")
        + para("各單位")
        + "依規定定期陳報「清淨家園全\n"
        + "\f"
        + running_top()
        + para("103 分")
        + para("民運動計畫」處理情形。")
        + para("小計 198 分")
    )
    doc = parse(text)
    assert [(i.name, i.score) for i in doc.items] == [("服務一致及正確性", 95), ("服務友善性", 103)]
    assert doc.rows[1].indicator == "推動線上申辦"
    assert doc.rows[1].result == "依規定定期陳報「清淨家園全民運動計畫」處理情形。"


def test_a_unit_the_document_prints_alone_is_split_off_the_results_first_line() -> None:
    # "服務台" has no unit suffix, but the document prints it alone as a row's units
    # twice; beside the result's first line it is that row's units (make fuzz textdump
    # seed 161).
    text = (
        item_top()
        + SUB1
        + para("服務台")
        + para("已完成。")
        + SUB2
        + para("服務台")
        + para("已完成。")
        + para("(3) 訂定申辦業務標準作業流程，維", "持服務措施處理一致性。")
        + para("服務台 本年度辦理情形如下：")
        + para("1.完成訂定標準作業流程，共計12", "項。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert doc.rows[2].units == ("服務台",)
    assert doc.rows[2].result == "本年度辦理情形如下：\n1.完成訂定標準作業流程，共計12項。"


def test_an_items_name_whose_points_come_after_the_break_is_the_one_its_indicator_follows() -> None:
    # Two narrow one-line paragraphs after results on the page: "提升服務及時性" followed
    # at once by a sub-indicator (an indicator of the open item) and "積極回應民眾" / "意見"
    # followed by "推動公私協力" (a new item's name and its first indicator).  The new
    # item's "(20分)" is printed after the break (make fuzz textdump seeds 166, 192).
    text = (
        first_row()
        + para("已完成。")
        + para("提升服務及時性")
        + para("(1) 定期辦理教育訓練，提升同仁", "服務知能。")
        + para("研考科")
        + para("辦理案件3,210件，平均處理時間2", "日。")
        + para("積極回應民眾", "意見")
        + para("推動公私協力")
        + para("提出有別於現行的想法或方式，並對", "服務對象具有實質效益。")
        + para("各單位")
        + "已完成並提供多元案件查詢\n"
        + "\f"
        + running_top()
        + para("(20分)")
        + para("得分：18")
        + para("管道。")
        + para("小計 113 分")
    )
    doc = parse(text)
    assert [(i.name, i.max_points) for i in doc.items] == [
        ("服務一致及正確性", 100),
        ("積極回應民眾意見", 20),
    ]
    assert [r.indicator for r in doc.rows] == [
        "訂定申辦業務標準作業流程",
        "提升服務及時性",
        "推動公私協力",
    ]
    assert doc.rows[2].result == "已完成並提供多元案件查詢管道。"


def test_units_listed_beside_the_results_first_line_split_off() -> None:
    # "企劃科、IT組" shares the result's first line: a list of names, each a unit's (make
    # fuzz textdump seed 548).
    text = (
        item_top() + SUB1 + para("企劃科、IT組 • 本項業務由各單位依權責辦理。") + para("小計 95 分")
    )
    doc = parse(text)
    assert doc.rows[0].units == ("企劃科", "IT組")
    assert doc.rows[0].result == "• 本項業務由各單位依權責辦理。"
    # A name without a unit suffix that ends like one ("…熱線"; make fuzz textdump seed 320).
    doc = parse(text.replace("企劃科、IT組 • ", "1999市民熱線 ①"))
    assert doc.rows[0].units == ("1999市民熱線",)
    assert doc.rows[0].result == "①本項業務由各單位依權責辦理。"


def test_three_cells_left_open_with_units_listed_and_a_short_result_line() -> None:
    # Sub-indicator, its units listed with 、 and its result are all open at the page's
    # foot; the result's first line ("本年度辦理情形如下：") is no wider than a unit's, but
    # it is no unit line, and the lines before it list whole unit names (make fuzz
    # textdump seed 571).  Items and indicators wrap at 16 columns here, so the narrow
    # columns' limit lies above that first line's 20.
    text = (
        wide_narrow_top()
        + "(1) 提出有別於現行的想法或方\n"
        + "式，並對服務對象具有實質效\n"
        + "衛生保健科、民政\n"
        + "課、企劃科、各辦\n"
        + para("本年度辦理情形如下：")
        + "• 本項業務由各單位依權責辦理，112\n"
        + "\f"
        + running_top()
        + para("益。")
        + para("事處、新住民服務", "中心")
        + para("年度無民眾抱怨案件。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    row = doc.rows[0]
    assert row.sub_indicator == "提出有別於現行的想法或方式，並對服務對象具有實質效益。"
    assert row.units == ("衛生保健科", "民政課", "企劃科", "各辦事處", "新住民服務中心")
    assert (
        row.result == "本年度辦理情形如下：\n• 本項業務由各單位依權責辦理，112年度無民眾抱怨案件。"
    )


def test_a_result_line_under_units_left_open_is_never_joined_to_a_unit() -> None:
    # As above, but the result's first line has Latin words and spaces, as a unit line
    # may ("透過 LINE 官方帳號"): the name the break cut ("市場") cannot go on with it, so
    # no cut is made there and the line stays out of the units (make fuzz textdump
    # seed 3526, read silently wrong: '市場透過 LINE 官方帳號監督課').
    text = (
        wide_narrow_top()
        + "(1) 提出有別於現行的想法或方\n"
        + "式，並對服務對象具有實質效\n"
        + "地籍測量課、食品\n"
        + "藥物管理科、護理\n"
        + "部、總務股、市場\n"
        + "透過 LINE 官方帳號\n"
        + "及 Facebook 粉絲專頁發布訊\n"
        + "\f"
        + running_top()
        + para("益。")
        + para("監督課")
        + para("息，累計觸及57,128人次。")
        + SUB2
        + para("國際交流暨觀光發", "展處")  # the units column holds 16 columns and more
        + para("已完成。")
    )
    doc = parse(text)
    assert not any("透過" in u or "LINE" in u for u in doc.rows[0].units)


def test_a_list_entry_left_open_at_a_page_foot_is_judged_by_what_follows_its_tail() -> None:
    # "(2)" goes on with the result's list or opens sub-indicator (2), and wraps as wide
    # as either column.  It is left open at the page's foot; after the break come its
    # tail ("人次。") and "(3)", the list's next entry: no units follow "(2)", so it is
    # the list's (make fuzz textdump seed 27, flagged list_or_row before).
    text = (
        first_row()
        + para("(1)派遣車輛30,471車次，服務檢驗人", "員379人次。")
        + "(2) 透過 LINE 官方帳號及 Facebook 粉\n"
        + "絲專頁發布訊息，累計觸及12,356\n"
        + "\f"
        + running_top()
        + para("人次。")
        + para("(3)提供 call center 諮詢服務，全年受", "理95,211通電話。")
        + SUB2.replace("(2)", "(4)")
        + para("資訊室")
        + para("已完成。")
    )
    doc = parse(text)
    assert [r.sub_no for r in doc.rows] == ["(1)", "(4)"]
    assert doc.rows[0].result is not None and "累計觸及12,356人次。\n(3)" in doc.rows[0].result
    assert _checks(text, "list_or_row") == []


def test_an_items_first_paragraph_numbered_like_an_indicator_before_a_sub_is_its_indicator() -> (
    None
):
    # The results wrap narrower (22-24) than the sub-indicators (30), so the narrow
    # columns' limit falls below the indicator's 16; "1." after the item's score, with
    # "①" after it, is the indicator all the same (make fuzz textdump seed 116).
    text = (
        page_top(title=True)
        + para("陳情案件處理")
        + para("(480分)")
        + para("得分：298")
        + para("1.提升服務設施合", "宜度")
        + para("① 提升民眾申辦案件的處理效率，", "確保於處理時限內完成。")
        + para("服務台")
        + para("各辦事處")
        + para("已完成並提供多元案件", "查詢管道：")
        + para("(1)提供 call center 諮詢", "服務，全年受理2,457通電", "話。")
        + para("(2)依規定定期陳報「清淨", "家園全民運動計畫」處理情", "形。")
        + para("② 定期檢查各類硬體設施(如飲水機", "、公用電話、座椅)，確保設施品質。")
        + para("政風室")
        + para("本項業務由各單位依權責", "辦理，100年度無民眾抱怨", "案件。")
        + para("小計 298 分")
    )
    doc = parse(text)
    assert [(r.indicator_no, r.indicator, r.sub_no) for r in doc.rows] == [
        ("1", "提升服務設施合宜度", "(1)"),
        ("1", "提升服務設施合宜度", "(2)"),
    ]
    assert doc.rows[0].units == ("服務台", "各辦事處")
    # The same with an unnumbered sub-indicator, wider than the indicator (seed 1062).
    doc = parse(text.replace("① 提升民眾", "提升民眾"))
    row = doc.rows[0]
    assert (row.indicator_no, row.indicator, row.sub_no) == ("1", "提升服務設施合宜度", None)
    assert row.sub_indicator == "提升民眾申辦案件的處理效率，確保於處理時限內完成。"


def test_a_dimensions_first_paragraph_names_its_first_item() -> None:
    # The item "積極回應民" / "眾意見" opens dimension 2, its "(50分)" and score printed
    # only after the next page's header; "1、提供多元案件" / "查詢管道" after it is the
    # indicator, not the sub-indicator (make fuzz textdump seed 1023).
    text = (
        first_row()
        + para("已完成。")
        + para("小計 95 分")
        + para("評核構面二(服務精進)(50分)")
        + para(HEADER)
        + para("積極回應民", "眾意見")
        + para("1、提供多元案件", "查詢管道")
        + "(1) 進行環境美(綠)化及輔以舒適、\n"
        + "\f"
        + running_top()
        + para("(50分)")
        + para("得分：45")
        + para("明亮、整潔。")
        + para("行政科")
        + para("已完成。")
        + para("小計 45 分")
    )
    doc = parse(text)
    assert [(i.name, i.max_points, i.score) for i in doc.items] == [
        ("服務一致及正確性", 100, 95),
        ("積極回應民眾意見", 50, 45),
    ]
    row = doc.rows[1]
    assert (row.indicator_no, row.indicator, row.sub_no) == ("1", "提供多元案件查詢管道", "(1)")
    assert row.sub_indicator == "進行環境美(綠)化及輔以舒適、明亮、整潔。"


def test_the_next_indicator_after_results_opens_a_row_however_wide_it_wrapped() -> None:
    # "2.檢討既有服務措" / "施" (16 columns) wraps wider than the narrow columns' limit
    # here, but it is numbered as the next indicator and "（1）" with its units follows:
    # a whole row opens, which a result's own list entry never is followed by (make
    # fuzz textdump seed 1112).
    text = (
        first_row()
        + para("於100 年 2 月 27 日辦", "理「服務品質研習」活", "動，計275人次參加。")
        + para("2.檢討既有服務措", "施")
        + para("（1） 定期檢查各類硬", "體設施(如飲水機、公", "用電話)，確保品質。")
        + para("企劃科")
        + para("衛生所(各區)")
        + para("已完成。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [(r.indicator_no, r.indicator, r.sub_no) for r in doc.rows] == [
        ("1", "訂定申辦業務標準作業流程", "(1)"),
        ("2", "檢討既有服務措施", "(1)"),
    ]
    assert doc.rows[1].units == ("企劃科", "衛生所(各區)")


def test_a_result_entry_numbered_as_the_next_indicator_stays_when_units_follow_past_a_break() -> (
    None
):
    # "2." and its "(1)" are the result's own list; "(1)" is left open at the page's foot
    # and after the break comes the tail of the row's units ("國際交流暨觀光" / "發展處")
    # before its own: those units are no evidence of a new row (make fuzz textdump seed
    # 118, read exact before the rule above and flagged with it).
    text = (
        item_top()
        + SUB1
        + "國際交流暨觀光\n"
        + para("1.滿意度調查結果為94.5%，較去年", "提升28個百分點。")
        + para("2.服務櫃檯已完成設置服務中心，", "由專人主動引導。")
        + "(1)自101年11月18日起提供「電子公文」\n"
        + "\f"
        + running_top()
        + para("發展處")
        + para("服務，截至年底計70,318件")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["訂定申辦業務標準作業流程"]
    assert doc.rows[0].units == ("國際交流暨觀光發展處",)
    assert doc.rows[0].result is not None and doc.rows[0].result.endswith("截至年底計70,318件")


def test_a_one_line_heading_after_units_before_a_first_sub_indicator_is_the_next_indicator() -> (
    None
):
    # A row with units and no result, then "促進流程整合" (one line, ending like no
    # unit) and "(一) …" whose row has a result but no units: sub-indicators number from
    # 1 again only under a new indicator (make fuzz textdump seed 1029).
    text = (
        page_top(title=True)
        + ITEM
        + para("強化陳情處", "理機制")
        + para("提出有別於現行的想法或方式，並對", "服務對象具有實質效益。")
        + para("各單位")
        + para("促進流程整合")
        + para("(一) 適時運用多元管道導入民眾觀", "點，共創機關與民眾合作契機。")
        + para("設置 QR code 行動條碼，方便民眾查詢案件進度。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["強化陳情處理機制", "促進流程整合"]
    assert doc.rows[0].units == ("各單位",) and doc.rows[0].result is None
    assert doc.rows[1].sub_no == "(1)" and doc.rows[1].units == ()


def test_a_heading_after_results_opens_a_row_without_units_when_the_widths_tell() -> None:
    # "運用資通訊科技" after a result, then "①…" and a paragraph: no units follow, but "①…"
    # wraps at the sub-indicators' 22 columns and the paragraph after it at the results'
    # 28, a character or more apart both (make fuzz textdump seed 131).
    result = para("派遣車輛64,348車次，服務檢驗", "人員484人次，較去年提升。")
    text = (
        item_top()
        + para("(1) 訂定申辦業務標準作", "業流程，維持服務措施", "處理一致性。")
        + para("登記科")
        + result
        + para("(2) 提升民眾申辦案件的", "處理效率，確保於處理", "時限內完成。")
        + para("資訊室")
        + para("完成檢驗43,906批，平均辦理天", "數20日，較去年減少。")
        + para("運用資通訊科技")
        + para("①辦理服務滿意度調查，", "並針對調查結果研提改", "善措施。")
        + result
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows][-1] == "運用資通訊科技"
    assert doc.rows[-1].sub_indicator == "辦理服務滿意度調查，並針對調查結果研提改善措施。"
    assert doc.rows[-1].units == () and doc.rows[-1].result is not None


def test_a_heading_whose_first_row_has_no_units_and_a_whole_result() -> None:
    # "(1)" cannot go on with indicator 1's rows (it is at (2)), and "無" is a whole result,
    # never a list's entry: "提升服務品質" heads the next indicator, not the result.
    text = (
        first_row()
        + para("已完成。")
        + SUB2
        + para("登記科")
        + para("已完成。")
        + para("提升服務品質")
        + para("(1) 進行內部同仁滿意度調查，並針", "對調查結果研提改善措施。")
        + para("無")
        + para("(2) 確保服務項目、服務人員(姓名", "及代理人)標示正確。")
        + para("資訊室")
        + para("已完成雙語標示。")
    )
    doc = parse(text)
    assert [(r.indicator, r.sub_no, r.units, r.result) for r in doc.rows[2:]] == [
        ("提升服務品質", "(1)", (), "無"),
        ("提升服務品質", "(2)", ("資訊室",), "已完成雙語標示。"),
    ]
    assert doc.rows[1].result == "已完成。"


def test_a_result_cut_at_a_marker_unlike_the_sub_indicators_at_a_page_foot_is_sure() -> None:
    # Sub-indicator and result both open at the foot, printed as one paragraph; the cut at
    # "1." follows a sub-indicator line that stops mid-sentence, and "1." is printed
    # otherwise than this indicator's "(1)": no sub-indicator's wrapped line opens with
    # another style's entry, so the result begins there, and nothing is a guess.
    text = (
        item_top()
        + "(1) 訂定申辦業務標準作業流程，維\n持服務措施處理一致性，且持續\n"
        + "1.派遣車輛30,223車次，服務檢\n驗人員222人次，處理時效達\n\f"
        + page_top()
        + para("檢討簡化。")
        + para("96%。")
        + SUB2
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    assert _split_checks(text) == []
    row = doc.rows[0]
    assert row.sub_indicator == "訂定申辦業務標準作業流程，維持服務措施處理一致性，且持續檢討簡化。"
    assert row.result == "1.派遣車輛30,223車次，服務檢驗人員222人次，處理時效達96%。"
    # The sub-indicator's line before the cut ends its sentence: where it ended, and so
    # where the result began, the dump no longer shows, and the cut stays a guess, unless
    # both parts hold as many lines (two cells cut at one line; see below).
    ended = text.replace("且持續\n1.派遣", "且持續。\n1.派遣")
    assert _split_checks(ended) == []
    uneven = ended.replace("處理時效達\n\f", "處理時效\n達\n\f")
    assert _split_checks(uneven)


def _foot_then_tails(foot: tuple[str, ...], result_tail: bool = True) -> str:
    """A row whose sub-indicator and result both break at the page's foot with no units:
    the two cells' page-1 parts run together into one open paragraph (`foot`), then the
    sub-indicator's tail and the result's tail overleaf, then the next row."""
    return (
        first_row()
        + para("已完成。")
        + "(2) "
        + "\n".join(foot)
        + "\n\f"
        + page_top()
        + para("致性，且持續檢討申辦項目", "表單，進行簡化。")
        + (para("提供「線上申辦」服務，截", "至年底計5,235件") if result_tail else "")
        + para("(3) 定期檢討服務措施，確保", "處理時效。")
        + para("登記科")
        + para("已完成。")
    )


def test_a_result_run_into_its_sub_indicator_at_a_foot_is_its_half_of_the_lines() -> None:
    # Cells start at the row's top and a break cuts them at one line: the sub-indicator
    # and the result left open at the foot print as many lines there each.  The paragraph
    # after the sub-indicator's tail is unmarked, under numbered sub-indicators: the
    # row's result, so the second half of the foot's lines are its head.
    text = _foot_then_tails(
        (
            "訂定申辦業務標準作業",
            "流程，維持服務措施處理一",
            "自100年3月13日起與交通部",
            "標準檢驗局基隆分局合作，",
        )
    )
    stream = text_to_stream(text)
    assert not [c for c in stream.checks if c.check == "row_split_across_pages"]
    row = tokens_to_document(stream).rows[1]
    assert (
        row.sub_indicator
        == "訂定申辦業務標準作業流程，維持服務措施處理一致性，且持續檢討申辦項目表單，進行簡化。"
    )
    assert (
        row.result
        == "自100年3月13日起與交通部標準檢驗局基隆分局合作，提供「線上申辦」服務，截至年底計5,235件"
    )
    assert row.units == ()
    # An odd number of lines at the foot cannot be two cells' equal parts: still a guess.
    odd = _foot_then_tails(
        ("訂定申辦業務標準作業", "流程，維持服務措施處理一", "自100年3月13日起與交通部")
    )
    assert _split_checks(odd)
    # No result overleaf (the next row follows the tail): nothing to part, still a guess.
    no_result = _foot_then_tails(
        (
            "訂定申辦業務標準作業",
            "流程，維持服務措施處理一",
            "自100年3月13日起與交通部",
            "標準檢驗局基隆分局合作，",
        ),
        result_tail=False,
    )
    assert _split_checks(no_result)


def test_a_result_cut_from_its_sub_indicator_at_a_foot_on_a_guess_is_settled_overleaf() -> None:
    # The sub-indicator is left open at the foot and its result, cut from it at a list
    # marker (a guess), closes there; overleaf come the sub-indicator's tail and more of
    # the result.  Both cells then filled every line of the row at the foot, as many
    # each: a cut with as many lines on both sides is right, one without is a guess.
    def text(result_head: tuple[str, ...]) -> str:
        return (
            first_row()
            + para("已完成。")
            + "(2) 確保服務項目、服務人員(姓名及\n代理人)、方向引導等標示正確、\n"
            + para(*result_head)
            + "\f"
            + page_top()
            + para("易於辨識。")
            + para("(2) 服務櫃檯已完成設置服務", "中心，由專人主動引導。")
            + para("(3) 定期檢討服務措施，確保", "處理時效。")
            + para("登記科")
            + para("已完成。")
        )

    settled = text(("(1)建置「線上申辦」系統，提", "供民眾線上申辦。"))
    assert _split_checks(settled) == []
    row = parse(settled).rows[1]
    assert row.sub_indicator.endswith("標示正確、易於辨識。")
    assert row.result.startswith("(1)建置「線上申辦」系統，提供民眾線上申辦。\n(2) 服務櫃檯")
    unsure = text(("(1)建置「線上申辦」系統，提", "供民眾線上申辦，網址：www.", "gov.tw。"))
    assert _split_checks(unsure)


def test_a_numbered_paragraph_wider_than_every_sub_indicator_line_goes_on_with_the_list() -> None:
    # "(2)" after the result "(1)…", with nothing after it to tell, its width (28) halfway
    # between the two columns' medians (24 and 32); but its line is
    # wider than every one of the many sub-indicator lines read so far: no sub-indicator
    # (the result's list goes on).  With few sub-indicator lines read, still a guess.
    lines = (
        "(1) 訂定申辦業務標準作業",
        "流程，維持服務措施處理一",
        "致性，並持續檢討簡化申辦",
        "項目表單，進行簡化及標準",
        "化等，提升民眾申辦案件的",
        "處理效率，確保於處理時限",
        "內完成，並定期檢討服務流",
        "程與表單，以利民眾申辦。",
    )

    def dump(sub: tuple[str, ...]) -> str:
        return (
            page_top(title=True)
            + ITEM
            + IND1
            + para(*sub)
            + para("登記科")
            + para("(1) 正門設置愛心鈴與服務台，隨時", "協助民眾。")
            + para("(2) 提升民眾申辦案件的處理效", "率。")
            + para("已完成檢測，並定期檢討。")
        )

    many = dump(lines)
    assert _checks(many, "list_or_row") == []
    assert (
        parse(many)
        .rows[0]
        .result.startswith("(1) 正門設置愛心鈴與服務台，隨時協助民眾。\n(2) 提升")
    )
    few = (*lines[:2], "致性。")
    assert _checks(dump(few), "list_or_row")


def test_a_list_heading_over_its_text_stays_in_the_result() -> None:
    # The seed prints a result's entries as "1.書面審查電子化：" on a line of its own over
    # the entry's text, with no marker.  "④服務流程簡化：" goes on with the result's list
    # (①-③) and could open sub-indicator ④ (after ②); the plain paragraph under it, not
    # units, makes it the list's heading (make fuzz textdump seed 75).
    text = (
        page_top(title=True)
        + ITEM
        + IND1
        + para("①訂定申辦業務標準作", "業流程，維持服務措施", "處理一致性。")
        + para("研考科")
        + para("本項業務由各單位依權責辦理，100 年度", "無民眾抱怨案件。")
        + para("②檢討簡化申辦流程，", "減少民眾臨櫃次數及應", "備書證。")
        + para("IT組")
        + para("①技術文件審查電子化暨預先審查：")
        + para("於100 年 9 月 26 日辦理「業務說明", "會」活動，計137人次參加。")
        + para("②說明會：")
        + para("每季召開服務品質檢討會議，100年度計", "召開254場次。")
        + para("③建置「線上申辦」系統，提供民眾線上", "申辦，網址：www.gov.tw。")
        + para("④服務流程簡化：")
        + para(
            "自100 年 4 月 12 日起與花蓮縣政府合",
            "作，提供「檢驗派遣」服務，截至年底計",
            "88,076件",
        )
        + para("2.促進服務流程", "整合")
        + para("③設置 QR code 行動條碼，", "方便民眾即時查詢。")
        + para("登記科")
        + para("已完成。")
    )
    doc = parse(text)
    assert [(r.indicator_no, r.sub_no) for r in doc.rows] == [
        ("1", "(1)"),
        ("1", "(2)"),
        ("2", "(3)"),
    ]
    result = doc.rows[1].result
    assert result is not None and "\n④服務流程簡化：\n自100 年 4 月 12 日起" in result


def test_a_list_heading_after_units_opens_no_indicator() -> None:
    # Unnumbered indicators: "1.完成檢驗…" after a row's units (printed beside them) could
    # be the next indicator, "(1)服務流程簡化：" its first sub-indicator; the plain
    # paragraph under "(1)…：" makes it a heading of the result's list (make fuzz seed 69).
    text = (
        page_top(title=True)
        + para("數位服務", "推動")
        + para("(90分)")
        + para("得分：", "69.5")
        + para("訂定申辦業", "務標準作業", "流程")
        + para("（1） 確保服務項目、服務人", "員(姓名及代理人)、方", "向引導等標示正確。")
        + para("衛生保健科")
        + para("一、派遣車輛92,229車次，服務檢", "驗人員104人次。")
        + para("（2） 強化機關(單位)", "服務人員之專業與熟悉程", "度。")
        + para("衛生所(各區) 1.完成檢驗42,390批，平均辦理天", "數17日。")
        + para("(1)服務流程簡化：")
        + para("建置「預約叫號」系統，提供民眾", "線上申辦，網址：www.gov.tw。")
        + para("2.依規定定期陳報「清淨家園全民", "運動計畫」處理情形。")
        + para("促進服務流", "程整合")
        + para("（1） 提出有別於現行", "的想法或方式。")
        + para("服務台")
        + para("已完成。")
    )
    doc = parse(text)
    assert [(r.indicator, r.sub_no) for r in doc.rows] == [
        ("訂定申辦業務標準作業流程", "(1)"),
        ("訂定申辦業務標準作業流程", "(2)"),
        ("促進服務流程整合", "(1)"),
    ]
    result = doc.rows[1].result
    assert result is not None and result.startswith("1.完成檢驗42,390批")
    assert "\n(1)服務流程簡化：\n建置「預約叫號」系統" in result


def test_an_unwrapped_indicator_before_a_sub_indicator_no_result_could_hold_heads_its_row() -> None:
    # A new item, then "強化陳情處理機制" (16 columns, as wide as the widest indicator line),
    # then an unnumbered paragraph at 34 columns where results wrap at 20, no units, and
    # the row's result: the wide paragraph is no result's, so it is the sub-indicator and
    # the line before it the indicator, though the results and the units' wraps
    # ("國際交流暨") set the narrow columns' limit below 16 (make fuzz textdump seed 32890).
    result = para(
        "依規定定期陳報「清淨",
        "家園全民運動計畫」處",
        "理情形，隨時維護辦公",
        "環境整潔，提升為民服",
        "務品質，截至年底計26",
        ",587件，處理時效達80",
        "%，較去年提升。",
    )
    headings = (("提升服務設施合宜", "度"), ("強化志工服務",), ("推動線上申辦",))
    headings += (("提供多元案件查詢", "管道"), ("落實個人資料保護",), ("運用資通訊科技",))
    rows = "".join(
        para(*heading)
        + para("定期檢查各類硬體設施(如飲水機、公", "用電話等)。")
        + para("國際交流暨", "觀光發展處")
        + result
        for heading in headings
    )
    top = page_top(title=True) + ITEM + rows + para("服務可近", "性") + para("(140分)")
    text = (
        top
        + para("得分：120")
        + para("強化陳情處理機制")
        + para("結合民間資源，推動公私協力，擴大服", "務量能。")
        + para("依規定定期陳報「清淨", "家園全民運動計畫」處", "理情形。")
        + para("小計 215 分")
    )
    last = parse(text).rows[-1]
    assert (last.indicator, last.sub_indicator) == (
        "強化陳情處理機制",
        "結合民間資源，推動公私協力，擴大服務量能。",
    )
    assert last.units == () and last.result == "依規定定期陳報「清淨家園全民運動計畫」處理情形。"
    # A unit printed before the wide paragraph: the row's units beside its result, and
    # the line before them the sub-indicator (seed 32644 read so by a looser rule).
    text = (
        top
        + para("得分：120")
        + para("強化陳情處理機制")
        + para("各單位 依規定定期陳報「清淨家園全", "民運動計畫」處理情形。")
        + para("小計 215 分")
    )
    last = parse(text).rows[-1]
    assert (last.indicator, last.sub_indicator, last.units) == (
        None,
        "強化陳情處理機制",
        ("各單位",),
    )


def _rows_with_a_list(sub_marker: str) -> str:
    """An item, indicator "1.…", two rows whose sub-indicators print `sub_marker` ("（N） ")
    and whose results list "(1)", "(2)" at 20 columns."""
    text = page_top(title=True) + ITEM + IND1
    for n in (1, 2):
        text += (
            para(
                sub_marker.format(n) + "訂定申辦業務標準作", "業流程，維持服務措施", "處理一致性。"
            )
            + para("登記科")
            + para("(1)服務櫃檯已完成設", "置服務中心，由專人主", "動引導。")
            + para("(2)派遣車輛3,379車", "次，服務檢驗人員425", "人次。")
        )
    return text


def test_a_sub_indicator_printed_as_the_rows_before_it_the_next_indicator_after_it() -> None:
    # "（3） …" after the result's "(2)…", then the next indicator and its rows: printed as
    # the sub-indicators and unlike the list's entries, a row with neither units nor
    # result, not the list's third entry (make fuzz textdump seed 36325).
    text = (
        _rows_with_a_list("（{}） ")
        + para("（3） 適時運用多元管", "道導入民眾觀點。")
        + para("2、蒐集民眾", "意見")
        + para("（1） 提出有別於現行", "的想法或方式。")
        + para("資訊室")
        + para("已完成。")
        + para("小計 95 分")
    )
    rows = parse(text).rows
    assert [(r.indicator_no, r.sub_no, r.units, r.result) for r in rows[2:]] == [
        ("1", "(3)", (), None),
        ("2", "(1)", ("資訊室",), "已完成。"),
    ]
    assert (
        rows[1].result
        == "(1)服務櫃檯已完成設置服務中心，由專人主動引導。\n(2)派遣車輛3,379車次，服務檢驗人員425人次。"
    )
    # printed as the list's entries: the list's third
    text = text.replace("（3） 適時運用多元管", "(3)適時運用多元管")
    rows = parse(text).rows
    assert [(r.indicator_no, r.sub_no) for r in rows[1:]] == [("1", "(2)"), ("2", "(1)")]


def test_a_numbered_paragraph_wider_than_every_result_line_before_the_subtotal_is_a_row() -> None:
    # "(3)落實個人資料保護，定期檢" at 26 columns where results wrap at 20, then the 小計:
    # no result's line, so a row with neither units nor result (seed 36293).
    text = (
        _rows_with_a_list("({})")
        + para("(3)落實個人資料保護，定期檢", "視資訊安全管理措施。")
        + para("小計 95 分")
    )
    rows = parse(text).rows
    assert [(r.sub_no, r.units, r.result) for r in rows[2:]] == [("(3)", (), None)]
    assert rows[2].sub_indicator == "落實個人資料保護，定期檢視資訊安全管理措施。"
    text = text.replace("(3)落實個人資料保護，定期檢", "(3)落實個人資料保護")
    assert len(parse(text).rows) == 2  # as narrow as the results: the list's third


def test_a_heading_after_units_wider_than_the_units_wraps_fits_the_indicators_column() -> None:
    # "訂定申辦業務標準" / "作業流程" after a row's units, no result: 16 columns, wider than the units'
    # wraps (12: "資訊小組(各" / "單位)") that set the narrow limit, but as wide as the
    # indicators' lines so far and wrapped where no result (30 columns) would: the next
    # indicator's heading, though "(四)" after it could number on this indicator's rows
    # (make fuzz textdump seed 37784).
    result = para("建置「檢驗派遣」系統，提供民眾", "線上申辦，網址清楚。")
    rows = ""
    headings = (("提高服務人員專業", "度"), ("檢討既有服務措施",), ("落實個人資料保護",))
    headings += (("提供多元案件查詢", "管道"), ("推動線上申辦",), ("促進服務流程整合",))
    for heading in headings:
        rows += (
            para(*heading)
            + para("(一)訂定申辦業務標準", "作業流程，維持服務措", "施處理一致性。")
            + para("資訊小組(各", "單位)")
            + result
            + para("(二)定期辦理教育訓", "練，提升同仁服務知能")
            + para("企劃科")
            + result
        )
    text = (
        page_top(title=True)
        + ITEM
        + rows
        + para("(三)提供各種申辦書", "表及填寫範例。")
        + para("企劃科")  # a row with units and no result
        + para("訂定申辦業務標準", "作業流程")
        + para("(四)定期檢查各類硬體", "設施，確保設施品質。")
        + para("各單位")
        + result
        + para("小計 95 分")
    )
    last = parse(text).rows[-1]
    assert (last.indicator, last.sub_no, last.units) == (
        "訂定申辦業務標準作業流程",
        "(4)",
        ("各單位",),
    )
    assert (parse(text).rows[-2].sub_no, parse(text).rows[-2].result) == ("(3)", None)


def test_a_numbered_paragraph_without_the_empty_units_cell_the_document_prints_is_no_row() -> None:
    # The first row prints its empty units cell as a line of spaces; "(2)提供 call center
    # 諮詢服" after the result's "(1)…" has neither units nor that line after it, then
    # the next (unnumbered) indicator: the result's list goes on, though the one result
    # line wrapped so far (a Latin word's, 18 columns) made "(2)" look as wide as the
    # sub-indicators (make fuzz textdump seed 38431).
    top = page_top(title=True) + ITEM + para("強化陳情處", "理機制")
    row = (
        para("(1)建立跨機關資料查調機", "制，免除民眾檢附證明文", "件。")
        + " \n\n"
        + para("(1)強化為民服務措施：")
        + para("透過 LINE 官方帳號", "及 Facebook 粉絲專頁發布訊", "息。")
        + para("(2)提供 call center 諮詢服", "務，全年受理46,082通電話。")
    )
    rest = (
        para("建立內部作", "業標準")
        + para("運用網路、行動裝置等多", "元管道，提供民眾查詢案", "件處理進度。")
        + para("企劃科")
        + para("已完成。")
        + para("小計 95 分")
    )
    rows = parse(top + row + rest).rows
    assert [(r.indicator, r.sub_no, r.units) for r in rows] == [
        ("強化陳情處理機制", "(1)", ()),
        ("建立內部作業標準", None, ("企劃科",)),
    ]
    assert rows[0].result is not None
    assert rows[0].result.endswith("(2)提供 call center 諮詢服務，全年受理46,082通電話。")
    # Units after "(2)": a row, whatever the habit (a list's first line of names, though
    # the paragraph ends unlike one: "市場監督課、" / "企劃").
    units = para("市場監督課、", "企劃") + para("已完成。")
    rows = parse(top + row + units + rest).rows
    assert [r.sub_no for r in rows[:2]] == ["(1)", "(2)"] and rows[1].units[0] == "市場監督課"
    # The next indicator's row without units: only the habit tells "(2)" is no row.
    bare = rest.replace(para("企劃科"), "")
    rows = parse(top + row + bare).rows
    assert [(r.sub_no, r.units) for r in rows] == [("(1)", ()), (None, ())]
    # No empty cell printed anywhere (the first row has units): no habit to go by, but the
    # heading and its whole row after "(2)" leave a row at "(2)" with neither units nor
    # result: the list goes on.
    heading = para("(1)強化為民服務措施：")
    empty, named = " \n\n" + heading, para("資訊室") + heading
    rows = parse(top + row.replace(empty, named) + rest).rows
    assert [(r.sub_no, r.units) for r in rows] == [("(1)", ("資訊室",)), (None, ("企劃科",))]


def test_a_unit_name_cut_by_a_page_break_is_parted_from_the_result_run_on_after_it() -> None:
    # "兒童及少年福利", a unit name's line the break cut (no closing space), then the
    # result's lines on the same page, too wide for the units column; overleaf
    # "與權益保障科" completes the name: the dump ran the result on after the name's first
    # part (make fuzz textdump seed 42393).
    head = (
        item_top()
        + SUB1
        + para("長期照顧管理中", "心")
        + para("服務台")
        + "兒童及少年福利\n透過 LINE 官方帳號\n及 Facebook 粉絲專頁發\n布訊息，累計觸及6,961\n人次。 \n\n"
    )
    tail = para("與權益保障科") + para("疾病管制科") + SUB2 + para("登記科") + para("已完成。")
    doc = parse(head + "\f" + running_top() + tail + para("小計 95 分"))
    assert doc.rows[0].units == (
        "長期照顧管理中心",
        "服務台",
        "兒童及少年福利與權益保障科",
        "疾病管制科",
    )
    assert (
        doc.rows[0].result == "透過 LINE 官方帳號及 Facebook 粉絲專頁發布訊息，累計觸及6,961人次。"
    )


def test_a_heading_after_results_wrapped_where_a_result_would_not_is_the_next_indicator() -> None:
    # "提升服務設施合宜" / "度" after a result: 16 columns, wider than the narrow limit (13,
    # from the units' and the item's wraps), but wrapped where every result line so far
    # (20 columns) would have taken "度" too: a narrower column's, the next indicator,
    # though "（3）" after it could number on this indicator's rows (make fuzz textdump
    # seed 43436).
    result = para(
        "自107 年 5 月 6 日起",
        "與經濟部桃園醫院合",
        "作，提供「預約叫號」",
        "服務，截至年底計92,",
        "860件",
    )

    def text(heading: str) -> str:
        rows = ""
        for first in (("強化志工服務",), ("提高服務人員專業", "度"), ("檢討既有服務措施",)):
            rows += (
                para(*first)
                + para("（1） 提升民眾申辦案件的處", "理效率，確保於處理時限內完", "成。")
                + para("各單位")
                + result
                + heading
                + para("（3） 提供各種申辦書表及填", "寫範例。")
                + para("政風室、企劃科、", "研考科")
                + result
            )
        return page_top(title=True) + ITEM + rows + para("小計 95 分")

    rows = parse(text(para("提升服務設施合宜", "度"))).rows
    assert [(r.indicator, r.sub_no) for r in rows[:2]] == [
        ("強化志工服務", "(1)"),
        ("提升服務設施合宜度", "(3)"),
    ]
    assert rows[0].result is not None and rows[0].result.endswith("92,860件")
    # Wrapped as a result's line ("服務，提供民眾線上申辦", 20 columns): the result's.
    rows = parse(text(para("服務，提供民眾線上申辦", "度"))).rows
    assert [(r.indicator, r.sub_no) for r in rows[:2]] == [
        ("強化志工服務", "(1)"),
        ("強化志工服務", "(3)"),
    ]


def test_a_row_numbered_in_the_marker_only_sub_indicators_print_opens_after_a_heading() -> None:
    # "推動公私協力" after a result, then "1) 定期辦理…" with neither units nor its empty
    # cell after it: the row "1) 建立…" cannot go on with 1, and a result's list could
    # open so, but the document prints "N) " on every sub-indicator and "(N)" on every
    # list entry so far: a row, its result the "①" list (make fuzz textdump seed 43263).
    listed = para("(1)每季召開服務品質檢討會議，", "111 年度計召開475場次。") + para(
        "(2)派遣車輛615車次，服務檢驗人員", "319人次。"
    )
    first = (
        para("強化陳情處理機制")
        + para("1) 建立民眾意見處理機制，妥適回", "應民眾陳情及建議。")
        + para("研考科")
        + listed
        + para("2) 提供各種申辦書表及填寫範例。")
        + para("企劃科")
        + para("自111 年 10 月 5 日起與法務部動植", "物防疫檢疫署合作，提供「行動服")
    )
    second = (
        para("推動公私協力")
        + para("1) 定期辦理教育訓練，提升同仁服", "務知能")
        + para("①自111年3月17日起與內政部中部辦公", "室合作，提供「線上申辦」服務。")
        + para("②每季召開服務品質檢討會議，111年", "度計召開475場次。")
        + para("2) 辦理服務滿意度調查，並針對調", "查結果研提改善措施。")
        + para("電資產品課")
        + para("111年度共計受理9,707件，處理時效達", "92.5%。")
    )
    text = page_top(title=True) + ITEM + first + second + para("小計 95 分")
    rows = parse(text).rows
    assert [(r.indicator, r.sub_no, r.units) for r in rows] == [
        ("強化陳情處理機制", "(1)", ("研考科",)),
        ("強化陳情處理機制", "(2)", ("企劃科",)),
        ("推動公私協力", "(1)", ()),
        ("推動公私協力", "(2)", ("電資產品課",)),
    ]
    assert rows[2].result is not None and rows[2].result.startswith("①自111年3月17日")
    # A result's list printed "N)" before: the marker tells nothing, the list goes on.
    text = text.replace("(1)每季", "1)每季").replace("(2)派遣", "2)派遣")
    assert [r.sub_no for r in parse(text).rows] == ["(1)", "(2)"]


def test_a_numbered_paragraph_before_a_heading_and_its_whole_row_stays_in_the_list() -> None:
    # "④派遣車輛…" after the result's "①"-"③", as wide as the sub-indicators and the
    # results both, then "提供多元案" / "件查詢管道", an unnumbered sub-indicator wider than it
    # and that row's units: the next indicator's heading with its row, so a row at "④"
    # would have neither units nor result (make fuzz textdump seed 43537).
    listed = (
        para("①每季召開服務品質檢討", "會議，108年度計召開54", "場次。")
        + para("②依規定定期陳報「清淨", "家園全民運動計畫」處理", "情形。")
        + para("③設置 QR code 行動條", "碼，方便民眾查詢案件進", "度。")
    )
    text = (
        page_top(title=True)
        + ITEM
        + para("強化陳情處", "理機制")
        + para("①確保服務項目、服務人員", "(姓名及代理人)、方向引導", "等標示正確。")
        + para("企劃科")
        + para("已完成。")
        + para("②強化機關(單位)服務人員", "(含委外 call center 人", "員)對涉及服務業務處理流")
        + para("主計室")
        + listed
        + para("④派遣車輛35,874車次，服", "務檢驗人員176人次。")
        + para("提供多元案", "件查詢管道")
        + para("辦理服務滿意度調查，並針", "對調查結果研提改善措施。")
        + para("食品藥物管理科")
        + para("已完成。")
        + para("小計 95 分")
    )
    rows = parse(text).rows
    assert [(r.indicator, r.sub_no, r.units) for r in rows] == [
        ("強化陳情處理機制", "(1)", ("企劃科",)),
        ("強化陳情處理機制", "(2)", ("主計室",)),
        ("提供多元案件查詢管道", None, ("食品藥物管理科",)),
    ]
    assert rows[1].result is not None and rows[1].result.endswith(
        "④派遣車輛35,874車次，服務檢驗人員176人次。"
    )


def test_a_units_list_a_page_break_cut_after_a_numbered_paragraph_says_a_row() -> None:
    # "③ 提供各種…" after the result's "①" "②", one line as wide as either column's, then
    # "國際交流暨" … "課、食品藥": whole names listed with 、 and the last left open, its
    # tail "物管理科、" overleaf (the result's first lines between): units, so a row,
    # not a close call (make fuzz textdump seed 43396).
    row = (
        para("① 建立跨機關資料查調機制，免除", "民眾檢附證明文件。")
        + para("綜合規劃", "組、化工產", "品課")
        + para("• 設置 QR code 行動條碼，方便", "民眾查詢案件進度。")
        + para("• 建置「預約叫號」系統，提供民", "眾線上申辦，網址：www.gov.tw。")
        + para("• 本項業務由各單位依權責辦理，", "108年度無民眾抱怨案件。")
    )
    head = (
        page_top(title=True)
        + ITEM
        + para("4.落實個", "人資料保", "護")
        + row
        + para("② 結合民間資源，推動公私協力，", "擴大服務量能。")
        + para("各單位")
        + para("①透過 LINE 官方帳號", "及 Facebook 粉絲專頁發布訊息，", "累計觸及72,209人次。")
        + para("② 派遣車輛96,065車次，服務檢驗", "人員550人次。")
        + para("③ 提供各種申辦書表及填寫範例。")
        + "國際交流暨\n觀光發展\n處、綜合規\n劃組、民政\n課、食品藥\n"
        + para("1.完成檢驗81,229批，平均辦理天", "數28日。")
    )
    tail = para("物管理科、", "護理部") + para(
        "2.設置 QR code 行動條碼，方便", "民眾查詢案件進度。"
    )
    text = head + "\f" + running_top() + tail + para("小計 95 分")
    rows = parse(text).rows
    assert [r.sub_no for r in rows] == ["(1)", "(2)", "(3)"]
    assert rows[2].units == (
        "國際交流暨觀光發展處",
        "綜合規劃組",
        "民政課",
        "食品藥物管理科",
        "護理部",
    )
    assert _checks(text, "list_or_row") == []


def test_a_numbered_paragraph_printed_before_as_a_sub_indicator_is_a_row() -> None:
    # "③適時運用多元管道導入民眾觀…" after the result's "①" "②", as wide as either column,
    # then the next indicator: a row there would have neither units nor result, so the
    # list would go on, but the document printed the same text as the sub-indicator "①"
    # of a row with its units, and never as a result: a row (make fuzz textdump seed 46728).
    sub = ("適時運用多元管道導入民眾觀", "點，透過溝通與對話的方式，共創", "機關與民眾合作契機。")

    def text(last: str) -> str:
        return (
            page_top(title=True)
            + ITEM
            + para("1、強化陳", "情處理機", "制")
            + para("①" + sub[0], *sub[1:])
            + para("企劃科")
            + para("已完成。")
            + para("②提升民眾申辦案件的處理效率，", "確保於處理時限內完成。")
            + para("各單位")
            + para("①自110 年 1 月 17 日起與經濟部", "標準檢驗局合作，提供「電子公", "文」服務。")
            + para("② 於110 年 6 月 5 日辦理「業務", "說明會」活動，計503人次參加。")
            + last
            + para("2、訂定申", "辦業務標準", "作業流程")
            + para("建立跨機關資料查調機制，免除民", "眾檢附證明文件。")
            + para("長期照顧管理", "中心")
            + para("已完成。")
            + para("小計 95 分")
        )

    rows = parse(text(para("③" + sub[0], *sub[1:]))).rows
    assert [(r.sub_no, r.units, r.result) for r in rows[2:3]] == [("(3)", (), None)]
    assert rows[2].sub_indicator == "".join(sub)
    # A text the document never printed before: the list goes on.
    last = para("③服務櫃檯已完成設置服務中心，", "由專人主動引導、業務諮詢及辦理", "流程解說。")
    rows = parse(text(last)).rows
    assert [r.sub_no for r in rows] == ["(1)", "(2)", None]
    assert rows[1].result is not None and rows[1].result.endswith(
        "③服務櫃檯已完成設置服務中心，由專人主動引導、業務諮詢及辦理流程解說。"
    )


def test_a_numbered_paragraph_printed_before_as_a_result_stays_in_the_list() -> None:
    # "③服務櫃檯已完成…" after the result's "①" "②", then the row "④…" with its units:
    # the widths hardly tell, but the document printed the same text as a result
    # ("1.服務櫃檯…") and never as a sub-indicator: the list's entry, no close call.
    res = ("服務櫃檯已完成設置服務中心，", "由專人主動引導、業務諮詢及辦理", "流程解說。")
    text = (
        page_top(title=True)
        + ITEM
        + para("1、強化陳", "情處理機", "制")
        + para("①確保服務項目、服務人員(姓名", "及代理人)、方向引導等標示正確。")
        + para("企劃科")
        + para("1." + res[0], *res[1:])
        + para("②提升民眾申辦案件的處理效率，", "確保於處理時限內完成。")
        + para("各單位")
        + para("①自110 年 1 月 17 日起與經濟部", "標準檢驗局合作，提供「電子公", "文」服務。")
        + para("② 於110 年 6 月 5 日辦理「業務", "說明會」活動，計503人次參加。")
        + para("③" + res[0], *res[1:])
        + para("④建立跨機關資料查調機制，免除民", "眾檢附證明文件。")
        + para("長期照顧管理", "中心")
        + para("已完成。")
        + para("小計 95 分")
    )
    assert [r.sub_no for r in parse(text).rows] == ["(1)", "(2)", "(4)"]
    assert _checks(text, "list_or_row") == []


def test_a_numbered_paragraph_followed_by_not_applicable_is_a_row() -> None:
    # "(4) 設置 QR code…" after the result's "(1)"-"(3)", wrapped as the results, then
    # "不適用": a whole result, never a list's next paragraph, so "(4)" is a row without
    # units whose result it is, though the next item follows (make fuzz textdump seed
    # 51590; reading the next item as a heading's whole row made it `ok` and wrong once).
    text = (
        item_top()
        + para("(3) 提出有別於現行的想法或方式，", "並對服務對象具有實質效益。")
        + para("各單位")
        + para("(1) 已完成商品報驗流程簡化，全", "程線上申辦免臨櫃，縮短案件辦", "理時間。")
        + para("(2)服務櫃檯已完成設置服務中", "心，由專人主動引導、業務諮詢及", "辦理流程解說。")
        + para("(3) 依規定定期陳報「清淨家園全", "民運動計畫」處理情形，隨時維護", "質。")
        + para("(4) 設置 QR code 行動條碼，方便", "民眾即時查詢。")
        + para("不適用")
        + para("服務成長及優化")
        + para("(30分)")
        + para("得分：24")
        + para("定期辦理教育訓練，提升同仁服務知", "能")
        + para("化工產品課")
        + para("已完成。")
        + para("小計 95 分")
    )
    rows = parse(text).rows
    assert [(r.item_no, r.sub_no, r.units, r.result) for r in rows[1:]] == [
        (1, "(4)", (), "不適用"),
        (2, None, ("化工產品課",), "已完成。"),
    ]
    assert _checks(text, "list_or_row") == []


def test_a_units_lists_wrapped_name_is_no_cell_after_a_wide_one() -> None:
    # "疾病管制科、報驗" / "發證課、人事室、" / "資訊小組(各單" / "位)、地政服務所" / "第二課": a
    # units list in a units column of 16 where the narrow limit is 12.5 (items and
    # indicators wrap at 8): "位)、地政服務所" (15) is wider than the limit but a line of
    # the list, so "第二課" is its last name's wrap, not the row's units after a wide cell
    # left open (make fuzz textdump seed 52079).
    res = para("本項業務由各單位依權", "責辦理，108年度無民", "眾抱怨案件。")
    rows = ""
    for n in range(1, 12):
        rows += (
            para(f"{n}.強化陳", "情處理機", "制")
            + para("1) 定期辦理教育訓練，提升同", "仁服務知能")
            + para("各單位")
            + res
        )
    units = ("疾病管制科、報驗", "發證課、人事室、", "資訊小組(各單", "位)、地政服務所", "第二課")
    text = (
        page_top(title=True)
        + para("服務一致", "及正確性")
        + para("(100分)")
        + para("得分：95")
        + rows
        + para("4) 定期辦理教育訓練，提升同", "仁服務知能")
        + para(*units)
        + res
        + para("小計 95 分")
    )
    assert parse(text).rows[-1].units == (
        "疾病管制科",
        "報驗發證課",
        "人事室",
        "資訊小組(各單位)",
        "地政服務所第二課",
    )


def test_an_item_name_run_into_the_indicator_at_a_page_foot_is_cut_where_the_column_ends() -> None:
    # "服務一致" / "及正確性" / "檢討既有服" / "務措施" at a page's foot, the item's "(160分)"
    # overleaf: the item and its first indicator left open and run together.  Every item
    # line so far wrapped at 8 ("服務友善" / "性": the column cannot hold 10), so "檢討既有
    # 服" (10) is the indicator's (make fuzz textdump seed 54731).
    def item(name: tuple[str, ...], indicator: tuple[str, ...]) -> str:
        return (
            para(*name)
            + para("(20分)")
            + para("得分：15")
            + para(*indicator)
            + para("① 運用網路、行動裝置等", "多元管道，提供民眾查詢", "案件處理進度。")
            + para("報驗發證課")
            + para("自101年10月4日起與新北", "市中正地政事務所合作，", "提供服務。")
        )

    head = page_top(title=True)
    head += item(("服務友善", "性"), ("蒐集民眾意", "見")) + item(
        ("開放參與",), ("提升服務及", "時性")
    )
    head += item(("積極回應", "民眾意見"), ("推動公私協", "力")) + item(
        ("跨機關合", "作"), ("運用資通訊", "科技")
    )
    foot = (
        "服務一致\n及正確性\n檢討既有服\n務措施 \n\n"
        + para("① 落實個人資料保護，", "定期檢視資訊安全管理", "措施。")
        + para("國際交流暨觀", "光發展處")
        + para("自101年10月4日起與新北", "市中正地政事務所合作，", "提供服務。")
    )
    over = (
        para("(160分)")
        + para("得分：107.5 分")
        + para("② 運用網路、行動裝置等", "多元管道，提供民眾查詢", "案件處理進度。")
        + para("報驗發證課")
        + para("已完成。")
        + para("小計 95 分")
    )
    doc = parse(head + foot + "\f" + running_top() + over)
    assert (doc.items[-1].name, doc.items[-1].max_points) == ("服務一致及正確性", 160)
    assert [(r.indicator, r.sub_no) for r in doc.rows[-2:]] == [
        ("檢討既有服務措施", "(1)"),
        ("檢討既有服務措施", "(2)"),
    ]


def test_units_completed_overleaf_after_a_numbered_paragraph_leave_it_in_the_list() -> None:
    # The row's units "…、1999市民熱" cut by the break, its result "①…" then "②於102 年…"
    # at the foot, as wide as the sub-indicators; overleaf "線" completes "1999市民熱線":
    # the units after "②" are the row's own printed on, so a row at "②" would have
    # neither units nor result (make fuzz textdump seeds 54371, 54042, 51550).
    res = para("於102年11月12日辦理「服務品", "質研習」活動，計394人次參", "加。")
    sub = para("①提供各種申辦書表及填寫範例，", "方便民眾。")
    rows = ""
    for n, ind in (
        (1, ("強化陳情處", "理機制")),
        (2, ("提供預約服", "務")),
        (3, ("推動公私協", "力")),
    ):
        rows += para(f"{n}." + ind[0], *ind[1:]) + sub + para("企劃科") + res
    head = (
        page_top(title=True)
        + ITEM
        + rows
        + para("4.推動線上申", "辦")
        + sub
        + para("衛生所(各", "區)")
        + para("行政科")
        + "1999市民熱\n①102 年度共計受理81,523件，處\n理時效達92.5%。 \n\n"
        + para("②於102 年 5 月 13 日辦理「業務", "說明會」活動，計590人次參加。")
    )
    over = (
        para("線")
        + para("第一門診部")
        + para("②確保服務項目、服務人員(姓名", "及代理人)、方向引導等標示正", "確。")
        + para("各單位")
        + para("已完成。")
        + para("小計 95 分")
    )
    text = head + "\f" + running_top() + over
    rows_read = parse(text).rows
    assert [(r.indicator_no, r.sub_no) for r in rows_read[3:]] == [("4", "(1)"), ("4", "(2)")]
    assert rows_read[3].units == ("衛生所(各區)", "行政科", "1999市民熱線", "第一門診部")
    assert rows_read[3].result is not None and rows_read[3].result.endswith("計590人次參加。")
    assert _checks(text, "list_or_row") == []


def test_a_heading_then_a_number_no_list_of_the_result_could_reach_opens_a_row() -> None:
    # "運用資通訊科技" after a result with no list, then "③ 結合民間資源…" with no units:
    # the indicator's sub-indicators are unnumbered, so its rows cannot go on with ③, and
    # a result's list opens at 1: the heading of a row numbered 3 (make fuzz textdump seed
    # 57281).
    text = (
        page_top(title=True)
        + ITEM
        + para("落實個人資料保護")
        + para("定期檢查各類硬體設施(如飲水機、", "公用電話、座椅、盥洗室等)，確保", "設施品質。")
        + para("各單位")
        + para(
            "自114年7月27日起與衛生福利部桃園",
            "醫院合作，提供「線上申辦」服務，",
            "截至年底計87,052件",
        )
        + para("運用資通訊科技")
        + para("③ 結合民間資源，推動公私協力，", "擴大服務量能。")
        + para("114年度共計受理42,830件，處理時", "效達74.5%。")
        + para("小計：119分")
    )
    rows = parse(text).rows
    assert [(r.indicator, r.sub_no, r.units) for r in rows] == [
        ("落實個人資料保護", None, ("各單位",)),
        ("運用資通訊科技", "(3)", ()),
    ]
    assert rows[0].result is not None and rows[0].result.endswith("截至年底計87,052件")


def test_an_item_name_cut_by_the_break_with_its_indicator_run_on_is_parted() -> None:
    # "積極回應民眾" (open) / "強化志工服務" (closed) at a page's foot, then overleaf "意見",
    # "(90分)", "得分：85": the item's name cut by the break with its first indicator run
    # on after its first line.  Both columns wrap at 12, so no width tells; the document
    # prints "強化志工服務" on its own elsewhere and the whole paragraph nowhere else, and
    # the item's part at the foot ends open (make fuzz textdump seed 58805).
    def row(indicator: str) -> str:
        return (
            para(indicator)
            + para("提供各種申辦書表及填寫範例。")
            + para("計量課")
            + para("完成檢驗45,917批，平均辦理天數2日。")
        )

    head = page_top(title=True) + para("跨機關合作") + para("(10分)") + para("得分：10")
    head += row("強化志工服務") + row("推動公私協力")
    foot = "積極回應民眾\n強化志工服務 \n\n" + (
        para("提供各種申辦書表及填寫範例。")
        + para("計量課")
        + para("完成檢驗45,917批，平均辦理天數2日。")
    )
    over = (
        para("意見") + para("(90分)") + para("得分：85") + row("推動線上申辦") + para("小計 95 分")
    )
    text = head + foot + "\f" + running_top() + over
    doc = parse(text)
    assert [(i.name, i.max_points) for i in doc.items] == [
        ("跨機關合作", 10),
        ("積極回應民眾意見", 90),
    ]
    assert [(r.item_no, r.indicator) for r in doc.rows[2:]] == [
        (2, "強化志工服務"),
        (2, "推動線上申辦"),
    ]
    # An indicator wrapped so ("提供多元案件查" / "詢管道") before a whole item's name
    # overleaf: "詢管道" is printed nowhere on its own, so no cut.
    other = text.replace("積極回應民眾\n強化志工服務 \n\n", "提供多元案件查\n詢管道 \n\n")
    doc = parse(other.replace(para("意見"), para("數位服務推動")))
    assert [i.name for i in doc.items] == ["跨機關合作", "數位服務推動"]
    assert doc.rows[2].indicator == "提供多元案件查詢管道"


def test_a_numbered_paragraph_printed_later_as_a_sub_indicator_with_units_is_a_row() -> None:
    # "③ 提出有別於現行…" after the result's "①" "②", then the next indicator: a row there
    # would have neither units nor result, but the document prints the same text later as
    # the sub-indicator "② 提出有別於現行…" with its units after it: a row here too (make
    # fuzz textdump seed 69306).
    sub = ("提出有別於現行的想法或方式，並對", "服務對象具有實質效益。")

    def text(last: str) -> str:
        return (
            page_top(title=True)
            + ITEM
            + para("1、強化陳", "情處理機", "制")
            + para("①確保服務項目、服務人員(姓名", "及代理人)、方向引導等標示正確。")
            + para("各單位")
            + para("①書面審查電子化：完成檢驗48,422批，", "平均辦理天數8日。")
            + para("②服務櫃檯已完成設置服務中心，由專人", "主動引導、業務諮詢及辦理流程解說。")
            + last
            + para("2、訂定申", "辦業務標準", "作業流程")
            + para("① 提供各種申辦書表及填寫範例。")
            + para("計量課")
            + para("已完成。")
            + para("② " + sub[0], *sub[1:])
            + para("國際交流暨", "觀光發展處")
            + para("已完成。")
            + para("小計 95 分")
        )

    rows = parse(text(para("③ " + sub[0], *sub[1:]))).rows
    assert [(r.indicator_no, r.sub_no, r.units) for r in rows[:2]] == [
        ("1", "(1)", ("各單位",)),
        ("1", "(3)", ()),
    ]
    assert rows[1].result is None and rows[1].sub_indicator == "".join(sub)
    # A text printed nowhere else: the list goes on.
    rows = parse(text(para("③ 依規定定期陳報「清淨家園全民運動", "計畫」處理情形。"))).rows
    assert [r.sub_no for r in rows] == ["(1)", "(1)", "(2)"]
    # Printed later only at a page's foot with the units overleaf (a units cell's tail may
    # be printed on after a result there, seed 66381): nothing tells, the list goes on.
    later = para("② " + sub[0], *sub[1:]) + para("國際交流暨", "觀光發展處")
    footed = para("② " + sub[0], *sub[1:]) + "\f" + running_top() + para("國際交流暨", "觀光發展處")
    rows = parse(text(para("③ " + sub[0], *sub[1:])).replace(later, footed)).rows
    assert [r.sub_no for r in rows[:2]] == ["(1)", "(1)"]
    # Printed later with its units beside the result's first line ("國際交流暨觀光發展處
    # 已完成。"): units after it all the same (make fuzz textdump seed 109294).
    beside = para("② " + sub[0], *sub[1:]) + para("國際交流暨觀光發展處 已完成。")
    done = para("② " + sub[0], *sub[1:]) + para("國際交流暨", "觀光發展處") + para("已完成。")
    rows = parse(text(para("③ " + sub[0], *sub[1:])).replace(done, beside)).rows
    assert [(r.sub_no, r.units) for r in rows[:2]] == [("(1)", ("各單位",)), ("(3)", ())]


def test_a_heading_then_a_numbered_paragraph_printed_later_as_a_sub_indicator_opens_a_row() -> None:
    # "蒐集民眾意見" after a result's "②", then "（1） 確保服務項目…" and a paragraph, then the
    # next indicator: heading, row and result, or three more paragraphs of the result.  The
    # document prints the same text later as a sub-indicator with its units after it: a row
    # here too, without units (make fuzz textdump seed 67437).
    sub = ("確保服務項目、服務人員(姓名", "及代理人)、方向引導等標示正", "確。")

    def text(later: str) -> str:
        return (
            page_top(title=True)
            + ITEM
            + para("推動公私協力")
            + para("設置 QR code 行動條碼，方便民", "眾即時查詢。")
            + para("計量課")
            + para("①已完成商品報驗流程簡化，全程", "線上申辦免臨櫃。")
            + para("②本項業務由各單位依權責辦理，", "無民眾抱怨案件。")
            + para("蒐集民眾意見")
            + para("（1） " + sub[0], *sub[1:])
            + para("完成檢驗17,727批，平均辦理天", "數6日。")
            + para("訂定申辦業", "務標準作業", "流程")
            + para("（1） 定期辦理教育訓練，提升同", "仁服務知能。")
            + para("護理部")
            + para("已完成。")
            + later
            + para("小計 95 分")
        )

    later = para("（2） " + sub[0], *sub[1:]) + para("疾病管制科") + para("已完成。")
    rows = parse(text(later)).rows
    assert [(r.indicator, r.sub_no, r.units) for r in rows] == [
        ("推動公私協力", None, ("計量課",)),
        ("蒐集民眾意見", "(1)", ()),
        ("訂定申辦業務標準作業流程", "(1)", ("護理部",)),
        ("訂定申辦業務標準作業流程", "(2)", ("疾病管制科",)),
    ]
    assert rows[1].sub_indicator == "".join(sub)
    assert rows[1].result == "完成檢驗17,727批，平均辦理天數6日。"
    # Printed nowhere else, nothing tells a row from the result's paragraphs: the result.
    other = para("（2） 提供各種申辦書表及填寫範例。") + para("疾病管制科") + para("已完成。")
    rows = parse(text(other)).rows
    assert [r.indicator for r in rows[:2]] == ["推動公私協力", "訂定申辦業務標準作業流程"]
    assert "蒐集民眾意見" in (rows[0].result or "")


def test_a_result_run_into_a_sub_indicator_left_open_at_a_page_foot_is_parted() -> None:
    # A row without units at a page's foot: its sub-indicator left open there, its
    # result's one line run on in the same paragraph, the sub-indicator's tail overleaf.
    # "…之專業與熟" / "完成檢驗…" is no result's wrap (a result's line would have taken "完"),
    # and the result's line is wider than every sub-indicator's: the result runs into the
    # sub-indicator there, whether "(4)" could go on with the result's list or not (make
    # fuzz textdump seed 78524).
    def text(foot: str, tail: str, entries: str = "") -> str:
        return (
            page_top(title=True)
            + ITEM
            + para("1.提升服", "務效能")
            + para("(1)訂定申辦業務標準作業流程，維", "持服務措施處理一致性，並持續檢", "討簡化。")
            + para("計量課")
            + para("(1)服務櫃檯已完成設置服務中心，由專人", "主動引導及辦理流程解說。")
            + para("(2)每季召開服務品質檢討會議，本年度計", "召開五場次。")
            + para("(2)提升民眾申辦案件的處理效率，", "確保於處理時限內完成，並定期檢", "討改善。")
            + para("企劃科")
            + para("(1)依規定定期陳報清淨家園全民運動計畫", "處理情形。")
            + para("(2)提供預約服務，方便民眾於上班時間以", "外辦理。")
            + para(
                "(3)定期檢查各類硬體設施，確保設",
                "施品質，並於每季檢討改善情形，",
                "以維護服務品質。",
            )
            + para("總務科")
            + para("(1)完成各類硬體設施檢查，計檢查飲水機", "十台。")
            + para("(2)每月辦理環境清潔檢查，維護辦公環境", "整潔。")
            + entries
            + foot
            + "\f"
            + running_top()
            + para(tail)
            + para("(5)落實個人資料保護，定期檢視資", "訊安全管理措施。")
            + para("政風室")
            + para("已完成。")
            + para("小計 95 分")
        )

    sub = ("(4)強化機關服務人員對涉及服務業", "務處理流程及相關法規之專業與熟")
    foot = "\n".join(sub) + "\n" + para("完成檢驗39,556批，平均辦理天數4日。")
    third = para("(3)提供電話諮詢服務，全年受理電話四百", "通。")
    for entries in ("", third):
        rows = parse(text(foot, "悉程度。", entries)).rows
        assert [(r.sub_no, r.units) for r in rows] == [
            ("(1)", ("計量課",)),
            ("(2)", ("企劃科",)),
            ("(3)", ("總務科",)),
            ("(4)", ()),
            ("(5)", ("政風室",)),
        ]
        assert (
            rows[3].sub_indicator
            == "強化機關服務人員對涉及服務業務處理流程及相關法規之專業與熟悉程度。"
        )
        assert rows[3].result == "完成檢驗39,556批，平均辦理天數4日。"
    # A result's entry left open at the foot, wrapped as results wrap, its tail overleaf:
    # no cut, the list goes on.
    entry = ("(3)提供電話諮詢服務，全年受理電話四百", "通，另受理電子郵件詢問計二十件，均")
    rows = parse(text("\n".join(entry) + "\n", "已回覆。").replace("(5)落實", "(4)落實")).rows
    assert [r.sub_no for r in rows] == ["(1)", "(2)", "(3)", "(4)"]
    assert rows[2].result is not None and rows[2].result.endswith("詢問計二十件，均已回覆。")


def test_units_after_a_sub_indicator_line_with_a_comma_left_open_at_a_foot_are_cut() -> None:
    # "結合民間資源，推動公" / "私協力，擴大服務量" left open at a page's foot, then the row's
    # units "各單位" in the same paragraph: the line before the units is as narrow as a
    # long unit's ("兒童及少年福利與"), but a line with a comma in it is a sentence's, so
    # the units begin after it ("能。" overleaf is the sub-indicator's tail; make fuzz
    # textdump seed 432).
    text = (
        page_top(title=True)
        + ITEM
        + para("一、推動線上申", "辦")
        + para("檢討簡化申辦流程，減", "少民眾臨櫃次數及應備", "書證。")
        + para("服務台")
        + para("兒童及少年福利與", "權益保障科")
        + para("民政課")
        + para("本項業務由各單位依權責辦理，", "本年度無民眾抱怨案件。")
        + para("二、強化陳情處", "理機制")
        + para("（1）提出有別於現行的", "想法或方式，並對服務", "對象具有實質效益。")
        + para("各單位")
        + para("滿意度調查結果為86.5%，較去", "年提升13個百分點。")
        + para("三、訂定申辦業", "務標準作業流程")
        + "結合民間資源，推動公\n私協力，擴大服務量\n"
        + para("各單位")
        + para("1.派遣車輛58,405車次，服務檢驗人", "員48人次。")
        + "\f"
        + running_top()
        + para("能。")
        + para("2.於112年10月17日辦理「服務", "品質研習」活動，計395人次參加。")
        + para("小計 95 分")
    )
    row = parse(text).rows[-1]
    assert row.sub_indicator == "結合民間資源，推動公私協力，擴大服務量能。"
    assert row.units == ("各單位",)
    assert row.result == (
        "1.派遣車輛58,405車次，服務檢驗人員48人次。\n"
        "2.於112年10月17日辦理「服務品質研習」活動，計395人次參加。"
    )


def test_a_heading_then_a_sub_indicator_read_before_with_units_opens_a_row() -> None:
    # "提供預約服務" after a result's "②", then "落實個人資料保護，…" with no units and a
    # paragraph: heading, row and result, or three more paragraphs of the result.  The
    # document read that text before as a sub-indicator (with its units), never as a
    # result: a row here too (make fuzz textdump seed 347).
    sub = ("落實個人資料保護，定期檢視", "資訊安全管理措施。")
    rest = (
        para("一、 於107 年 12 月 23 日辦理", "「商品安全宣導」活動，計306", "人次參加。")
        + para("訂定申辦業", "務標準作業", "流程")
        + para("定期辦理教育訓練，提升同仁", "服務知能。")
        + para("護理部")
        + para("已完成。")
    )

    def text(again: tuple[str, ...], after: str = rest) -> str:
        return (
            page_top(title=True)
            + ITEM
            + para("推動線上申辦")
            + para(*sub)
            + para("政風室")
            + para("①每季召開服務品質檢討會議，", "本年度計召開54場次。")
            + para("②提供 call center 諮詢服務，", "全年受理48,000通電話。")
            + para("提供預約服務")
            + para(*again)
            + after
            + para("小計 95 分")
        )

    rows = parse(text(sub)).rows
    assert [(r.indicator, r.units) for r in rows] == [
        ("推動線上申辦", ("政風室",)),
        ("提供預約服務", ()),
        ("訂定申辦業務標準作業流程", ("護理部",)),
    ]
    assert rows[1].sub_indicator == "".join(sub)
    assert rows[1].result == "一、 於107 年 12 月 23 日辦理「商品安全宣導」活動，計306人次參加。"
    # A text read nowhere before: nothing tells, the result goes on.
    rows = parse(text(("確保服務項目、服務人員(姓名", "及代理人)標示正確。"))).rows
    assert [r.indicator for r in rows] == ["推動線上申辦", "訂定申辦業務標準作業流程"]
    # Numbered, with nothing after it but the 小計: a row with neither units nor result
    # closing the dimension; the text alone tells (make fuzz textdump seed 81176).
    rows = parse(text(("（1）" + sub[0], sub[1]), after="")).rows
    assert [(r.indicator, r.sub_no, r.units, r.result) for r in rows] == [
        ("推動線上申辦", None, ("政風室",), rows[0].result),
        ("提供預約服務", "(1)", (), None),
    ]
    assert rows[1].sub_indicator == "".join(sub)
    assert rows[0].result is not None and rows[0].result.endswith("48,000通電話。")
    rows = parse(text(("（1）提供各種申辦書表及填寫範例，", "並定期更新。"), after="")).rows
    assert len(rows) == 1 and "提供預約服務" in (rows[0].result or "")


def test_a_row_or_list_entry_nearer_one_column_by_a_character_only_is_a_close_call() -> None:
    # "(3)本年度受理70,043件，" after a result's "(1)" "(2)", then the row "(4)" with its
    # units: a row of neither units nor result, or the list's third entry; only widths
    # are left.  At 23 columns it is nearer the sub-indicators' 22 than the results' 26 by
    # one character, which a wrap moves anyway: no evidence, so the call is noted (make
    # fuzz textdump seeds 84181, 84529).  Nearer by two characters, it is not.
    def checks(entry: tuple[str, ...]) -> list[str]:
        text = (
            page_top(title=True)
            + ITEM
            + para("1.提升服", "務效能")
            + para("(1) 訂定申辦業務標準作", "業流程，維持服務措施處", "理一致性。")
            + para("計量課")
            + para("(1) 服務櫃檯已完成設置服務", "中心，由專人主動引導、業務", "諮詢。")
            + para("(2) 每季召開服務品質檢討會", "議，本年度計召開五十場次。")
            + para(*entry)
            + para("(4) 提升民眾申辦案件的處", "理效率，確保於處理時限內", "完成。")
            + para("政風室")
            + para("已完成。")
            + para("小計 95 分")
        )
        return [c.message for c in text_to_stream(text).checks if c.check == "list_or_row"]

    assert checks(("(3)本年度受理70,043件，", "處理時效達87.5%。"))
    assert not checks(("(3)本年度受理七萬件，", "處理時效達87.5%。"))


def test_an_item_name_with_a_known_indicator_run_on_at_a_page_foot_is_cut() -> None:
    # At a page's foot the new item's name "提高服務" / "滿意度" and its first indicator
    # "訂定申辦" / "業務標準", both left open, run together; overleaf the item's labels,
    # then the indicator's tail "作業流程".  Items and indicators wrap at 4 here, so no
    # width tells the cut; the document prints "訂定申辦業務標準作業流程" whole elsewhere
    # and "訂定申辦業務標準" nowhere: the indicator begins there (make fuzz textdump seed
    # 90019).
    text = (
        page_top(title=True)
        + para("提高服務", "人員專業", "度")
        + para("(100分)")
        + para("得分：95")
        + para("訂定申辦", "業務標準", "作業流程")
        + para("(1) 提供各種申辦書表及填寫範例。")
        + para("計量課")
        + para("已完成。")
        + "提高服務\n滿意度\n訂定申辦\n業務標準\n"
        + "(1) 訂定申辦業務標準作業\n流程，維持服務措施處理一\n"
        + para("各單位")
        + "①依規定定期陳報「清淨家園\n全民運動計畫」處理情形，\n\n"
        + "\f"
        + running_top()
        + para("(140分)")
        + para("得分：138")
        + para("作業流程")
        + para("致性。")
        + para("隨時維護辦公環境整潔。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [(i.name, i.max_points) for i in doc.items] == [
        ("提高服務人員專業度", 100),
        ("提高服務滿意度", 140),
    ]
    row = doc.rows[1]
    assert (row.item_no, row.indicator, row.units) == (2, "訂定申辦業務標準作業流程", ("各單位",))
    assert row.sub_indicator == "訂定申辦業務標準作業流程，維持服務措施處理一致性。"
    assert row.result == "①依規定定期陳報「清淨家園全民運動計畫」處理情形，隨時維護辦公環境整潔。"


def test_a_numbered_paragraph_wrapped_narrower_than_every_result_opens_a_row() -> None:
    # Results wrap at 36 columns, sub-indicators at 24 (make fuzz textdump seed 141851).
    # After a result's list, "提供預約服務", then "①定期檢查…" whose every wrap left room
    # for the next glyph and more in a result's line: no result's paragraph, so a row
    # opens (its units empty) and "本年度辦理情形如下：" is its result.
    text = (
        page_top(title=True)
        + ITEM
        + para("強化志工服務")
        + para("(1)確保服務項目、服務", "人員(姓名及代理人)、方", "向引導等標示正確。")
        + para("各單位")
        + para("‧已完成商品報驗流程簡化，全程線上申", "辦免臨櫃，縮短案件辦理時間。")
        + para("‧滿意度調查結果為90%，較去年提升7個", "百分點。")
        + para("‧服務櫃檯已完成設置服務中心，由專人", "主動引導、業務諮詢及辦理流程解說。")
        + para("提供預約服務")
        + para(
            "①定期檢查各類硬體", "設施(如飲水機、公用", "電話、座椅、盥洗室", "等)，確保設施品質。"
        )
        + para("本年度辦理情形如下：")
        + para("1.透過 LINE 官方帳號及 Facebook 粉", "絲專頁發布訊息，累計觸及43,109人次。")
        + para("小計 95 分")
    )
    doc = parse(text)
    assert [r.indicator for r in doc.rows] == ["強化志工服務", "提供預約服務"]
    assert doc.rows[1].sub_no == "(1)" and doc.rows[1].units == ()
    assert doc.rows[1].result is not None and doc.rows[1].result.startswith("本年度辦理情形如下：")


def test_units_first_overleaf_after_an_entry_left_open_keep_it_in_the_result() -> None:
    # "(2)…，由" is left open at the foot (no space after it): were it the next
    # sub-indicator, its own tail would come first overleaf.  "資訊室" comes first, so the
    # row's units go on and "(2)" is the result's entry (make fuzz textdump seed 535).
    text = (
        first_row()
        + para("地政課")
        + para("(1)正門設置愛心鈴與服務台，隨", "時協助民眾。")
        + "(2)服務櫃檯已完成設置服務中心，由\n\f"
        + page_top()
        + para("資訊室")
        + para("專人主動引導、業務諮詢及辦理流", "程解說。")
        + para("2.提高網站", "使用便利", "性")
        + para("(1) 網站應以使用者為導向設計，", "版面配置應方便瀏覽。")
        + para("資訊室")
        + para("已完成無障礙檢測。")
    )
    doc = parse(text)
    assert [(r.indicator_no, r.sub_no) for r in doc.rows] == [("1", "(1)"), ("2", "(1)")]
    assert doc.rows[0].units == ("登記科", "地政課", "資訊室")
    assert doc.rows[0].result is not None
    assert doc.rows[0].result.endswith(
        "(2)服務櫃檯已完成設置服務中心，由專人主動引導、業務諮詢及辦理流程解說。"
    )


def indicator_printing(sub: tuple[str, ...]) -> str:
    """Indicator 2 with one row whose sub-indicator prints `sub` whole, its units and result."""
    return (
        para("2.提高網站", "使用便利", "性")
        + para(f"(1) {sub[0]}", *sub[1:])
        + para("資訊室")
        + para("已完成無障礙檢測。")
    )


def second_row_of_two(doc: Document) -> Row:
    """Given a document of indicator 1's rows (1) and (2) and indicator 2's (1), its row (2)."""
    assert [(r.indicator_no, r.sub_no) for r in doc.rows] == [
        ("1", "(1)"),
        ("1", "(2)"),
        ("2", "(1)"),
    ]
    return doc.rows[1]


@pytest.mark.parametrize("more", [(), ("研考科",)])
def test_a_unit_run_into_a_sub_indicator_at_a_foot_is_parted_by_the_printed_text(
    more: tuple[str, ...],
) -> None:
    # "…確保於處理時" / "服務台" at the foot: the sub-indicator's part and its first unit run
    # together (no space after "時"), "限內完成…" overleaf after the result.  The part and
    # the tail make the text the document prints whole under indicator 2: "服務台" is a
    # unit, and the names after it go on with it (make fuzz textdump seeds 576, 1315).
    sub = ("提升民眾申辦案件的處理效率", "，確保於處理時限內完成，並定", "期檢討。")
    text = (
        first_row()
        + para("1.已完成服務流程簡化，全程線上", "申辦免臨櫃。")
        + "(2) 提升民眾申辦案件的處理效率\n，確保於處理時\n服務台 \n\n"
        + "".join(para(name) for name in more)
        + para("1.滿意度調查結果為90%，較去年", "提升7個百分點。")
        + "\f"
        + page_top()
        + para("限內完成，並定期檢討。")
        + indicator_printing(sub)
    )
    row = second_row_of_two(parse(text))
    assert row.sub_indicator == "提升民眾申辦案件的處理效率，確保於處理時限內完成，並定期檢討。"
    assert row.units == ("服務台", *more)
    assert row.result == "1.滿意度調查結果為90%，較去年提升7個百分點。"


def test_a_result_run_into_a_sub_indicator_at_a_foot_is_parted_by_the_printed_text() -> None:
    # Sub-indicators and results wrap alike, at 24 columns (make fuzz textdump seed 155448):
    # "…標示服" / "本年度辦理情形如下：" at the foot, both open cells' parts run together,
    # the result's "①…整" after them, "務。" and "潔，…" overleaf.  The sub-indicator's
    # part and "務。" make the text indicator 2 prints whole: the rest is the result's.
    sub = (
        "確保服務項目、服務人",
        "員(姓名及代理人)、方向引",
        "導等標示正確、易於辨識，",
        "且提供雙語(或多語)標示服",
    )
    text = (
        item_top()
        + para(f"(1) {sub[0]}", *sub[1:], "務。")
        + para("登記科")
        + para("一、每季召開服務品質檢", "討會議，計召開530場次。")
        + f"(2) {sub[0]}\n"
        + "\n".join(sub[1:])
        + "\n本年度辦理情形如下： \n\n"
        + "①依規定定期陳報「清淨家\n園全民運動計畫」處理情\n形，隨時維護辦公環境整\n\f"
        + page_top()
        + para("務。")
        + para("潔，提升為民服務品質。")
        + para("②建置「行動服務」系統，", "提供民眾線上申辦。")
        + indicator_printing((*sub, "務。"))
    )
    row = second_row_of_two(parse(text))
    assert row.sub_indicator == "".join(sub) + "務。"
    assert row.units == ()
    assert row.result is not None and row.result.startswith("本年度辦理情形如下：\n①依規定定期")


def test_a_cut_holds_where_the_part_and_its_tail_are_printed_whole_more_often() -> None:
    """`textdump` 221748: a sub-indicator cut at a page's foot, the row's result run in, its
    tail overleaf.  The part and the tail make a text printed whole twice; the part alone
    stands once as a paragraph, where another foot cut the same text: still the cut."""
    from collections import Counter

    whole = "強化機關(單位)服務人員(含委外callcenter人員)對涉及服務業務處理流程及相關法規之專業與熟悉程度。"
    part = "強化機關(單位)服務人員(含委外callcenter人員)對涉及服務"
    foot = [
        "2) 強化機關(單位)服務人",
        "員(含委外 call",
        "center 人員)對涉及服務",
        "提供 call center 諮詢服務",
    ]
    tail = ["業務處理流程及相關法規", "之專業與熟悉程度。"]
    assert printed_cuts(foot, tail, Counter({whole: 2, part: 1}), 8) == [3]
    assert printed_cuts(foot, tail, Counter({whole: 1, part: 1}), 8) == []
    assert printed_cuts(foot, tail, Counter({whole: 1}), 8) == [3]


def test_a_paragraph_opening_with_a_line_the_item_column_cannot_hold_names_no_item() -> None:
    """`textdump` 223243: items wrap at "服務友善" / "性"; after a row's result,
    "訂定申辦業務" / "標準作業流程" and its rows, then "內部作業" / "簡化" and a row, and the
    item's "(130分)" overleaf.  The first narrow paragraph was read as the item (its first
    line, '訂定申辦業務') run into its indicator, and "內部作業簡化" as an indicator, `ok`."""

    def row(sub: str, unit: str) -> str:
        return para(sub, "眾檢附證明文件。") + para(unit) + para("已完成辦理。")

    item = [
        ("服務友善", "性", 100, 80),
        ("創新服務", "", 40, 36),
        ("資訊公開", "透明", 140, 113),
    ]
    text = page_top(title=True)
    for k, (head, tail, points, score) in enumerate(item):
        text += (
            para(*(t for t in (head, tail) if t)) + para(f"({points}分)") + para(f"得分：{score}")
        )
        text += para("推動公私協力") + row(
            f"({'一二三'[k]}) 建立跨機關資料查調機制，免除民", "各單位"
        )
    text += para("訂定申辦業務", "標準作業流程") + row(
        "(一) 建立跨機關資料查調機制，免除民", "服務台"
    )
    text += row("(二) 建立跨機關資料查調機制，免除民", "主計室")
    text += para("內部作業", "簡化") + para(
        "(一) 確保服務項目、服務人員(姓名及", "代理人)標示正確。"
    )
    text += para("秘書室") + para("已完成辦理。") + "\f" + running_top()
    text += (
        para("(130分)")
        + para("得分：120")
        + para("(二) 提出有別於現行的想法或方式，", "並對服務對象具有實質效益。")
    )
    text += para("總務股") + para("已完成辦理。") + para("小計 649 分")
    doc = parse(text)
    assert [i.name for i in doc.items] == ["服務友善性", "創新服務", "資訊公開透明", "內部作業簡化"]
    assert [r.indicator for r in doc.rows[3:5]] == ["訂定申辦業務標準作業流程"] * 2
    assert [r.indicator for r in doc.rows[5:]] == [None, None]
