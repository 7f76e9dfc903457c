"""A dump's finished reading against its columns' own widths and its paragraph ends
(`textdump.consistency`)."""

from __future__ import annotations

from dataclasses import replace

from pipeline.layout.textdump.blocks import Block, FurnitureLine, Line
from pipeline.layout.textdump.consistency import (
    column_width_checks,
    least_width,
    marks_paragraph_ends,
    narrow_wrap_checks,
    open_at_foot_checks,
)
from pipeline.models import Column, Fragment

RESULT_LINES = (
    "依規定定期陳報「清淨",
    "家園全民運動計畫」處",
    "理情形，隨時維護辦公",
    "環境整潔。",
)


def results(n: int) -> list[Fragment]:
    """n result paragraphs wrapped at 20 columns."""
    return [Fragment(Column.RESULT, RESULT_LINES, 1) for _ in range(n)]


def test_a_lines_least_width_squeezes_punctuation_and_skips_narrow_glyphs() -> None:
    assert least_width("依規定定期陳報") == 14
    assert least_width("結合民間資源，推動公私") == 21  # the comma squeezed to one column
    assert least_width("理情形，隨時維護辦公。") == 19  # the full stop at the end hung
    # Latin, digits, half-width signs and marks count nothing: their widths vary
    assert least_width("完成檢驗98,174批") == 10
    assert least_width("設置 QR code 行動") == 8
    assert least_width("③落實個人資料保護") == 16
    assert least_width("") is None


def test_a_paragraph_no_line_of_its_column_is_as_wide_as_is_named() -> None:
    wide = Fragment(Column.RESULT, ("結合民間資源，推動公私協力，擴大服", "務量能。"), 6)
    (check,) = column_width_checks([*results(3), wide])
    assert check.check == "column_width" and check.severity == "error" and not check.passed
    assert "p6 result: '結合民間資源，推動公私協力，擴大' needs 32 columns" in check.message
    assert "other lines at most 20" in check.message


def test_a_paragraph_one_character_wider_than_its_column_is_named() -> None:
    # 11 wide glyphs where every other line holds 10: one character is the least to tell.
    wide = Fragment(Column.RESULT, ("結合民間資源推動公私協",), 6)
    assert len(column_width_checks([*results(3), wide])) == 1
    narrow = Fragment(Column.RESULT, ("結合民間資源推動公私",), 6)
    assert column_width_checks([*results(3), narrow]) == []


def test_hung_or_squeezed_punctuation_and_latin_words_count_at_their_least() -> None:
    hung = Fragment(Column.RESULT, ("依規定定期陳報清淨家，",), 2)  # a comma past the edge
    latin = Fragment(Column.RESULT, ("設置 QR code 行動條碼，方便民眾",), 2)  # 30 columns
    assert column_width_checks([*results(3), hung]) == []
    assert column_width_checks([*results(3), latin]) == []


def test_a_column_with_few_lines_and_the_items_cells_tell_nothing() -> None:
    wide = Fragment(Column.RESULT, ("結合民間資源，推動公私協力，擴大服",), 6)
    assert column_width_checks([*results(1), wide]) == []  # 5 lines: too few to tell
    item = Fragment(Column.ITEM, ("服務可近性強化陳情處理機制",), 6)
    items = [Fragment(Column.ITEM, ("服務可近", "性", "(140分)", "得分："), 1) for _ in range(3)]
    assert column_width_checks([*items, item]) == []


def test_only_wrapped_lines_show_how_wide_a_column_is() -> None:
    # Names that never wrapped (14 columns at most) do not bound the units column: the
    # one name that wrapped, at 16, is no misread (make fuzz textdump seed 47145).
    names = [Fragment(Column.UNITS, (n,), 1) for n in ("新住民服務中心", "管制考核小組") * 4]
    wrapped = Fragment(Column.UNITS, ("兒童及少年福利與", "權益保障科"), 1)
    assert column_width_checks([*names, wrapped]) == []
    # A wrap at 12 elsewhere bounds it: 16 columns are past what that column held.
    cut = Fragment(Column.UNITS, ("長期照顧管理", "中心"), 1)
    assert len(column_width_checks([*names, cut, wrapped])) == 1


# --- narrow_wrap ---------------------------------------------------------------------------

WIDE_RESULT = (
    "辦免臨櫃，從收件繳費、取樣、檢驗、審",
    "查及發證，藉由 e 化、環節簡化，縮短",
    "案件辦理時間。",
)
SUB_WRAPPED = (  # wrapped at 26 columns, a sub-indicator's width (seed 141851)
    "①定期檢查各類硬體設施(如",
    "飲水機、公用電話、座椅、",
    "盥洗室等)，確保設施品",
    "質。",
)


def wide_results(n: int) -> list[Fragment]:
    """n result paragraphs wrapped at 36 columns."""
    return [Fragment(Column.RESULT, WIDE_RESULT, 1) for _ in range(n)]


def test_a_paragraph_wrapped_at_a_narrower_columns_width_is_named() -> None:
    (check,) = narrow_wrap_checks([*wide_results(4), Fragment(Column.RESULT, SUB_WRAPPED, 2)])
    assert check.check == "narrow_wrap" and check.severity == "error" and not check.passed
    assert "p2 result: '①定期檢查各類硬體設施(如'" in check.message
    # In the sub-indicators' column it wraps as the column does: nothing to say.
    subs = [Fragment(Column.SUB, SUB_WRAPPED, 1) for _ in range(4)]
    assert narrow_wrap_checks([*wide_results(4), *subs]) == []


def test_a_line_ended_early_by_its_next_piece_or_by_its_author_is_no_narrow_wrap() -> None:
    # The next line's first piece would not have fit: a long number, a URL.
    url = Fragment(
        Column.RESULT, ("建置「預約叫號」系統，網址：", "https://www.example.gov.tw/q?id=3。"), 2
    )
    # A heading or a sentence ended the line; a list entry opens the next.
    heading = Fragment(Column.RESULT, ("1.書面審查電子化：", "透過 LINE 官方帳號發布訊息。"), 2)
    entries = Fragment(Column.RESULT, ("本年度辦理情形如下", "(1)滿意度調查結果為60%。"), 2)
    for frag in (url, heading, entries):
        assert narrow_wrap_checks([*wide_results(4), frag]) == [], frag.lines
    # A wrap among them that left room still tells.
    mixed = Fragment(Column.RESULT, ("1.書面審查電子化：", "透過 LINE 官方帳號", "發布訊息。"), 2)
    assert len(narrow_wrap_checks([*wide_results(4), mixed])) == 1


def test_too_few_wrapped_lines_or_items_and_units_tell_nothing() -> None:
    assert narrow_wrap_checks([*wide_results(2), Fragment(Column.RESULT, SUB_WRAPPED, 2)]) == []
    names = Fragment(Column.UNITS, ("秘書室", "人事室"), 2)
    items = [Fragment(Column.ITEM, ("服務可近性強化陳情處理機制", "(140分)", "得分："), 1)] * 4
    assert narrow_wrap_checks([*wide_results(4), names, *items]) == []


# --- paragraph_left_open -------------------------------------------------------------------


def block(page: int, *lines: str, closes: bool = True) -> Block:
    """A paragraph on one page, closed by a space after its last line unless told."""
    printed = [Line(t, page, False) for t in lines[:-1]]
    return Block(lines=(*printed, Line(lines[-1], page, closes)))


def marked_dump(foot: Block) -> list[Block | FurnitureLine]:
    """A dump marking its paragraph ends: ten closed results on page 1, `foot` at its
    foot, the page's footer, then a paragraph on page 2."""
    return [
        *(block(1, *WIDE_RESULT) for _ in range(10)),
        foot,
        FurnitureLine("footer", "- 1 -", 1),
        block(2, "及 Facebook 粉絲專頁發布訊", "息，累計觸及46,700人次。"),
    ]


def test_a_paragraph_left_open_at_a_foot_and_closed_by_the_reading_is_named() -> None:
    foot = block(1, "透過 LINE 官方帳號", closes=False)
    blocks = marked_dump(foot)
    tail = Fragment(Column.RESULT, ("及 Facebook 粉絲專頁發布訊", "息，累計觸及46,700人次。"), 2)
    # Read as a row's indicator, and the tail overleaf as that row's result: named.
    wrong = [Fragment(Column.INDICATOR, ("透過 LINE 官方帳號",), 1), tail]
    (check,) = open_at_foot_checks(blocks, wrong)
    assert check.check == "paragraph_left_open" and not check.passed
    assert "p1 indicator: '透過 LINE 官方帳號'" in check.message
    # Read as a result whose sentence goes on overleaf: consistent.
    right = [
        Fragment(Column.RESULT, ("透過 LINE 官方帳號",), 1),
        replace(tail, cont=True, para_break=False),
    ]
    assert open_at_foot_checks(blocks, right) == []
    # Its next paragraph in that column a new one: named.
    assert len(open_at_foot_checks(blocks, [right[0], replace(tail, cont=True)])) == 1


def test_a_dump_that_marks_no_paragraph_ends_leaves_nothing_open() -> None:
    blocks = [
        replace(b, lines=(*b.lines[:-1], replace(b.lines[-1], closes=False)))
        if isinstance(b, Block)
        else b
        for b in marked_dump(block(1, "透過 LINE 官方帳號", closes=False))
    ]
    wrong = [Fragment(Column.INDICATOR, ("透過 LINE 官方帳號",), 1)]
    assert not marks_paragraph_ends(blocks)
    assert open_at_foot_checks(blocks, wrong) == []
    assert marks_paragraph_ends(marked_dump(block(1, "透過 LINE 官方帳號", closes=False)))


def test_only_a_page_break_leaves_a_paragraph_open() -> None:
    # Open before a subtotal: the subtotal closed it, whatever the reading does next.
    shut = block(1, "透過 LINE 官方帳號", closes=False)
    blocks = [*marked_dump(shut)[:11], FurnitureLine("subtotal", "小計 60 分", 1)]
    assert (
        open_at_foot_checks(blocks, [Fragment(Column.INDICATOR, ("透過 LINE 官方帳號",), 1)]) == []
    )


def test_a_text_printed_open_at_the_foot_and_closed_above_it_is_weighed_at_the_foot() -> None:
    # make fuzz textdump seed 172172: "• 案件進度及結果查詢管道：" closed mid-page, and again
    # open at the same page's foot, its text overleaf: only the foot's one goes on.
    heading = "• 案件進度及結果查詢管道："
    above = [block(1, heading), block(1, *WIDE_RESULT)]
    blocks = [*above, *marked_dump(block(1, heading, closes=False))]
    frag = Fragment(Column.RESULT, (heading,), 1, cont=True)
    tokens = [
        frag,
        Fragment(Column.RESULT, WIDE_RESULT, 1, cont=True),
        frag,
        Fragment(Column.RESULT, ("依規定定期陳報「清淨家園全",), 2, cont=True, para_break=False),
    ]
    assert open_at_foot_checks(blocks, tokens) == []
