"""Stitch on hand-built page grids: paragraphs, rows continued across pages, repeated merged text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.layout.grid import GridCell, PageGrid
from pipeline.layout.primitives import Char, TextLine
from pipeline.layout.stitch import (
    DEFAULT_STITCH_SETTINGS,
    StitchSettings,
    first_word_width,
    grids_to_stream,
    grids_to_tokens,
    justified_edges,
    lines_to_paragraphs,
    pages_outside_table,
    text_in_table_unread,
)
from pipeline.models import BBox, Column, Fragment, Furniture
from pipeline.normalise.patterns import LIST_MARKER
from pipeline.normalise.text import near_repeat

SIZE = 10.0
XS = (20.0, 80.0, 140.0, 300.0, 370.0, 560.0)
PAD = 4.0
PITCH = 14.0


def line(text: str, x: float, top: float) -> TextLine:
    chars = []
    for ch in text:
        w = SIZE if ord(ch) > 0x2E80 else SIZE / 2
        if ch != " ":
            chars.append(Char(ch, x, top, x + w, top + SIZE, SIZE))
        x += w
    return TextLine(text, chars[0].x0, top, chars[-1].x1, top + SIZE, SIZE, tuple(chars))


def spread(text: str, x: float, top: float, right: float) -> TextLine:
    """A justified line: `text` with its glyphs spread evenly to end at `right`."""
    natural = line(text, x, top)
    gap = (right - natural.x1) / (len(natural.chars) - 1)
    chars = tuple(
        Char(c.text, c.x0 + i * gap, c.top, c.x1 + i * gap, c.bottom, c.size)
        for i, c in enumerate(natural.chars)
    )
    return TextLine(text, x, top, chars[-1].x1, top + SIZE, SIZE, chars)


def cell(col: Column, top: float, bottom: float, *texts: str) -> GridCell:
    lines = tuple(line(t, XS[col] + PAD, top + PAD + i * PITCH) for i, t in enumerate(texts))
    return GridCell(col, col, XS[col], top, XS[col + 1], bottom, lines)


def grid(
    page: int,
    cells: list[GridCell],
    *,
    body_bottom: float = 800.0,
    furniture: tuple[Furniture, ...] = (),
) -> PageGrid:
    header = Furniture("header", "評核項目 …", page, BBox(XS[0], 40, XS[-1], 60))
    return PageGrid(
        page_no=page,
        furniture=(header, *furniture),
        cells=tuple(sorted(cells, key=lambda c: (c.top, c.column))),
        columns=XS,
        body_top=60.0,
        body_bottom=body_bottom,
        header_variant="執行績效與成果",
        lattice_columns=True,
        lattice_rows=True,
    )


def frags(tokens: tuple[Fragment | Furniture, ...]) -> list[tuple[str, str, bool, bool]]:
    return [
        (t.column.name, "|".join(t.lines), t.cont, t.para_break)
        for t in tokens
        if isinstance(t, Fragment)
    ]


# The RESULT column holds 18 CJK chars per line: 370 + 4 + 18 × 10 = 554 < 556 (right limit).
FULL = "完成訂定商品報驗發證免驗案件等申辦業"


def test_list_marker_examples() -> None:
    for example in LIST_MARKER.examples:
        assert LIST_MARKER.regex.search(example), example
    assert not LIST_MARKER.regex.match("1.5 頁以上")
    assert not LIST_MARKER.regex.match("107年度")


def test_first_word_width_keeps_what_a_wrap_cannot_split() -> None:
    assert first_word_width(line("完成訂定", 0, 0)) == SIZE
    assert first_word_width(line("call center", 0, 0)) == 4 * SIZE / 2  # "call"
    # CJK, space, digits: the wrap could not have split before "19" without losing the
    # space, and no line breaker splits "19"
    assert first_word_width(line("5 年 8 月 19日", 0, 0)) == pytest.approx(
        line("5 年 8 月 19", 0, 0).x1
    )


def test_first_word_width_of_a_justified_line_looks_past_the_spread() -> None:
    # LibreOffice 21125: "每季召開服務品質檢討會" spread 2.3pt a gap to the cell's edge under
    # "電子化：" (a heading's end, 100pt short): its head is "每", which fitted, so the
    # line starts a paragraph; read as one 144pt word, it was taken for a wrap.
    s = spread("每季召開服務品質檢討會", 0, 0, 133)
    assert first_word_width(s) == pytest.approx(SIZE)
    assert lines_to_paragraphs([line("電子化：", 0, 0), replace(s, top=14)], 140, 14) == [
        [line("電子化：", 0, 0)],
        [replace(s, top=14)],
    ]
    # Spaces printed between words open some gaps only: no spread to look past.
    assert first_word_width(line("短 2 日。", 0, 0)) == pytest.approx(line("短 2 日。", 0, 0).x1)
    # Where advances are not seen (OCR: glyph boxes estimated from the line's), no spread.
    assert first_word_width(s, replace(OCR_SETTINGS, advances_seen=False)) == pytest.approx(s.x1)


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("「愛心鈴」", "「愛"),  # no break after an opening bracket
        ("序」，規範上傳", "序」，"),  # nor before closing punctuation
        ("4,081車", "4,081"),  # nor inside a number
        ("63.8%。另", "63.8%。"),
        ("(SOP)之修訂", "(SOP)"),
        ("word、excel、power point", "word、excel、power"),  # nor between punctuation and Latin
        ("Wi-Fi free", "Wi-Fi"),
    ],
)
def test_first_word_width_keeps_what_an_office_line_breaker_keeps(text: str, head: str) -> None:
    # LibreOffice moved each of these heads whole onto the next line.
    assert first_word_width(line(text, 0, 0)) == pytest.approx(line(head, 0, 0).x1)


def test_paragraphs_from_markers_short_lines_and_spacing() -> None:
    limit = XS[4 + 1] - PAD
    lines = [
        line("1." + FULL[:16], 374, 0),
        line("務標準作業流程。", 374, 14),  # short: the paragraph ends here
        line(
            "另於網站公布流程並持續檢討申辦表單進", 374, 28
        ),  # starts a paragraph without a marker
        line(FULL, 374, 42),
        line("(1)配合修法", 374, 56),  # marker
        line("持續檢討申辦項目", 374, 76),  # extra space above: a new paragraph
    ]
    paras = lines_to_paragraphs(lines, limit, PITCH)
    assert [[ln.text for ln in p] for p in paras] == [
        [lines[0].text, lines[1].text],
        [lines[2].text, lines[3].text],
        [lines[4].text],
        [lines[5].text],
    ]


# Lines as OCR gives them: the space a form prints between CJK and a number or Latin
# word ("每 2個月", "碼 QR code", "10" / "7 年度") may be missing, glyphs touching.
OCR_SETTINGS = StitchSettings(spaces_seen=False)


@pytest.mark.parametrize(
    ("end", "ink", "wraps"), [("，", False, True), ("，", True, False), ("息", False, False)]
)
def test_a_scans_line_ending_in_a_comma_takes_the_commas_em(
    end: str, ink: bool, wraps: bool
) -> None:
    # OCR form 25 (`bench.ocr --generated`): "…粉絲專頁發布訊息，" / "累計觸及28,710人次。",
    # the comma boxed by its ink, in the left of its em: the line looked short enough for
    # "累" and the paragraph was cut in two.  Where advances are seen the box is the em.
    first = line("透過官方帳號發布訊息" + end, 0, 0)
    if end == "，":  # the comma's ink: its em's left 0.4
        first = replace(
            first,
            x1=first.x1 - 6,
            chars=(*first.chars[:-1], replace(first.chars[-1], x1=first.chars[-1].x1 - 6)),
        )
    settings = replace(OCR_SETTINGS, advances_seen=False) if not ink else DEFAULT_STITCH_SETTINGS
    paragraphs = lines_to_paragraphs(
        [first, line("累計觸及人次。", 0, PITCH)], first.x1 + 20, PITCH, settings
    )
    assert (len(paragraphs) == 1) is wraps


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("每2個月將未更新", "每2個"),  # printed "每 2個月": "每 2個" travels whole
        ("7年度共計提出", "7年"),  # "10" / "7 年度"
        ("0月4日在宜蘭", "0月4日"),
        ("碼QRcode)、電話", "碼QRcode)、"),
        ("理1 場計程車", "理1 場"),  # a space OCR did see counts as before
        ("完成訂定", "完"),  # CJK alone splits anywhere, as on a text layer
    ],
)
def test_first_word_width_where_spaces_are_not_seen(text: str, head: str) -> None:
    assert first_word_width(line(text, 0, 0), OCR_SETTINGS) == pytest.approx(line(head, 0, 0).x1)


def test_ocr_line_opening_with_a_number_after_a_short_line_is_a_wrap() -> None:
    # 16 glyphs end 2.2 em short of the limit: room for "每" (1 em + slack) but not for
    # "每 2個" (2.5 em), which a line breaker keeps together when the space is printed.
    limit = XS[4 + 1] - PAD
    lines = [line(FULL[:16], 374, 0), line("每2個月將未更新之網頁資料", 374, 14)]
    on_text = lines_to_paragraphs(lines, limit, PITCH)
    assert len(on_text) == 2  # a text layer shows no space: "每" would have fitted
    on_scan = lines_to_paragraphs(lines, limit, PITCH, OCR_SETTINGS)
    assert len(on_scan) == 1


def test_a_line_going_on_with_a_latin_phrase_in_lowercase_is_a_wrap() -> None:
    # "提供 call" leaves 5 em: "center" (3 em) and "諮" would have fitted, yet the renderer
    # wrapped; no paragraph ends mid-phrase before one opening in lowercase.
    limit = XS[4 + 1] - PAD
    lines = [line("先審查：提供 call", 374, 0), line("center 諮詢服務，全年受理", 374, 14)]
    assert len(lines_to_paragraphs(lines, limit, PITCH)) == 1
    assert len(lines_to_paragraphs(lines, limit, PITCH, OCR_SETTINGS)) == 1
    # a capital, or a line ending in a glyph, is no such phrase
    capital = [lines[0], line("Center 諮詢服務，全年受理", 374, 14)]
    assert len(lines_to_paragraphs(capital, limit, PITCH)) == 2
    ended = [line("先審查：提供服務。", 374, 0), lines[1]]
    assert len(lines_to_paragraphs(ended, limit, PITCH)) == 2


def test_only_pages_read_by_ocr_take_unseen_spaces() -> None:
    def page(n: int) -> PageGrid:
        return grid(
            n,
            [
                cell(Column.SUB, 60, 800, "(1) 訂定申辦"),
                # 1.2 em short: room for "7" (0.5 em + slack), not for "7 年"
                cell(Column.RESULT, 60, 800, FULL[:17], "7年度共計提出63案。"),
            ],
        )

    text_page = frags(grids_to_tokens([page(1)]))
    scan_page = frags(grids_to_tokens([page(1)], ocr_pages={1}))
    assert [f[0] for f in text_page].count("RESULT") == 2
    assert [f[1] for f in scan_page if f[0] == "RESULT"] == [f"{FULL[:17]}|7年度共計提出63案。"]


# A justified RESULT column: paragraphs end flush at 556 but for their last line.
EDGE = XS[4 + 1] - PAD
JUSTIFIED = (
    spread("1.本年度辦理櫃臺人員教育訓練", 374, 0, EDGE),
    spread("6場次，計158人次參加；並不定期辦理", 374, 14, EDGE),
    *(spread(FULL[: 17 - i % 2], 374, 28 + 14 * i, EDGE) for i in range(4)),
    # 7pt short of the edge: a "前" (10pt) would not have fitted, yet justification
    # would have spread this line had the paragraph gone on.
    line("電話禮貌測試全年測試二十四次平均分.", 374, 84),
    line("前述辦理情形均提報所務會議。", 374, 98),
)


def test_justified_cell_line_ending_short_ends_its_paragraph() -> None:
    limit = XS[4 + 1] - PAD
    c = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 800, JUSTIFIED)
    edges = justified_edges([c])
    assert edges == {Column.RESULT: pytest.approx(EDGE)}
    texts = [[ln.text for ln in p] for p in lines_to_paragraphs(JUSTIFIED, limit, PITCH)]
    assert len(texts) == 1  # by room alone, the short line looks wrapped
    paras = lines_to_paragraphs(JUSTIFIED, limit, PITCH, edge=edges[Column.RESULT])
    assert [len(p) for p in paras] == [7, 1]


def test_a_justified_cells_line_that_could_not_be_spread_says_nothing_by_it() -> None:
    # libreoffice-extra 10071: "④109 年" ends 7pt short of the edge, a wrap ("度" did not
    # fit), unspread: LibreOffice spreads a line between glyphs touching a wide one, or at
    # a space (never a non-breaking one, which the text reads as a space too), and this
    # one has no such pair.  Read as a paragraph's last before, "④109 年\n度共計受理…".
    unspreadable = line("④ call center ABC,e-services 109 年", 374, 84)
    assert unspreadable.x1 == pytest.approx(EDGE - 7)
    lines = (*JUSTIFIED[:6], unspreadable, line("度共計受理97,520件。", 374, 98))
    paras = lines_to_paragraphs(lines, EDGE, PITCH, edge=EDGE)
    assert [len(p) for p in paras] == [6, 2]  # "④" opens a list entry
    # One that could have been spread and was not ends its paragraph, as before.
    assert [len(p) for p in lines_to_paragraphs(JUSTIFIED, EDGE, PITCH, edge=EDGE)] == [7, 1]


def test_unevenly_spread_column_has_no_justified_edge() -> None:
    # Spread lines that end 3pt apart: a producer whose spreading we cannot trust.
    spread_lines = [spread(FULL[:17], 374, 14 * i, EDGE - 3 * (i % 2)) for i in range(4)]
    lines = (*spread_lines, line("前述辦理情形", 374, 56))
    c = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 800, lines)
    assert justified_edges([c]) == {}
    # Ragged (left-aligned) text has no spread lines at all.
    ragged = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 800, (line(FULL, 374, 0),))
    assert justified_edges([ragged]) == {}


def test_lines_whose_gaps_are_printed_spaces_give_no_justified_edge() -> None:
    # chromium-extra 10439: dates printed with half-em spaces ("103 年 7 月 9 日辦") end
    # flush at the column's edge, unspread; taken for justified lines, they gave the
    # column an edge, and "• 依規定定期陳報", half an em short of it, ended its paragraph.
    dates = ("103 年 7 月 9 日辦", "104 年 8 月 5 日起", "105 年 6 月 3 日止")
    lines = tuple(line(t, EDGE - 90, 14 * i) for i, t in enumerate(dates))
    assert all(ln.x1 == pytest.approx(EDGE) for ln in lines)
    c = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 800, lines)
    assert justified_edges([c]) == {}
    # The same glyphs spread between the ideographs too: justified.
    spread_lines = tuple(spread(t, 374, 14 * i, EDGE) for i, t in enumerate(dates))
    c = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 800, spread_lines)
    assert justified_edges([c]) == {Column.RESULT: pytest.approx(EDGE)}


def test_justified_paragraph_ending_at_the_page_foot_does_not_carry_on() -> None:
    def page1(last: TextLine) -> PageGrid:
        lines = (*JUSTIFIED[:6], last)
        return grid(
            1,
            [
                cell(Column.SUB, 60, 800, "(1) 訂定申辦"),
                GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 800, lines),
            ],
        )

    p2 = grid(2, [cell(Column.RESULT, 60, 300, "前述辦理情形均提報所務會議。")])
    ended = frags(grids_to_tokens([page1(JUSTIFIED[6]), p2]))[-1]
    assert ended[2:] == (True, True)  # the row goes on; a new paragraph starts
    cut = frags(grids_to_tokens([page1(spread(JUSTIFIED[6].text, 374, 84, EDGE)), p2]))[-1]
    assert cut[2:] == (True, False)  # the page break cut a spread line: same sentence


def test_row_broken_across_pages_continues_mid_sentence() -> None:
    p1 = grid(
        1,
        [
            cell(Column.ITEM, 60, 800, "服務一致", "(100分)", "得分：88"),
            cell(Column.INDICATOR, 60, 800, "1.訂定申"),
            cell(Column.SUB, 60, 800, "(1) 訂定申辦"),
            cell(Column.UNITS, 60, 800, "各單位"),
            cell(Column.RESULT, 60, 800, "1.第一段", FULL, FULL),
        ],
    )
    p2 = grid(
        2,
        [
            cell(Column.RESULT, 60, 300, "流程。", "2.第二段"),
            cell(Column.SUB, 300, 400, "(2) 提升服務"),
            cell(Column.RESULT, 300, 400, "已完成。"),
        ],
    )
    assert frags(grids_to_tokens([p1, p2])) == [
        ("ITEM", "服務一致|(100分)|得分：88", False, True),
        ("INDICATOR", "1.訂定申", False, True),
        ("SUB", "(1) 訂定申辦", False, True),
        ("UNITS", "各單位", False, True),
        ("RESULT", "1.第一段", False, True),
        ("RESULT", f"{FULL}|{FULL}", True, True),
        ("RESULT", "流程。", True, False),  # the sentence the page break cut
        ("RESULT", "2.第二段", True, True),
        ("SUB", "(2) 提升服務", False, True),
        ("RESULT", "已完成。", False, True),
    ]


def test_new_row_at_page_top_is_not_a_continuation() -> None:
    p1 = grid(
        1, [cell(Column.SUB, 60, 800, "(1) 訂定申辦"), cell(Column.RESULT, 60, 800, "已完成。")]
    )
    p2 = grid(2, [cell(Column.SUB, 60, 300, "(2) 提升服務"), cell(Column.RESULT, 60, 300, FULL)])
    out = frags(grids_to_tokens([p1, p2]))
    assert out[2:] == [("SUB", "(2) 提升服務", False, True), ("RESULT", FULL, False, True)]


def test_unnumbered_sub_after_a_finished_cell_opens_a_row() -> None:
    p1 = grid(1, [cell(Column.SUB, 60, 800, "訂定申辦。"), cell(Column.RESULT, 60, 800, FULL)])
    p2 = grid(2, [cell(Column.SUB, 60, 300, "提升服務"), cell(Column.RESULT, 60, 300, "已完成。")])
    assert frags(grids_to_tokens([p1, p2]))[2][2] is False


def test_repeated_merged_text_is_emitted_once_even_when_cut_by_the_page_foot() -> None:
    item = ("服務一致", "(100分)", "得分：88")
    p1 = grid(
        1,
        [
            cell(Column.ITEM, 60, 200, *item),
            cell(Column.INDICATOR, 60, 200, "1.訂定申"),
            cell(Column.SUB, 60, 200, "(1) 訂定申辦"),
            cell(Column.ITEM, 200, 800, *item[:1]),  # the page foot cut the repeat
            cell(Column.INDICATOR, 200, 800, "1.訂定申"),
            cell(Column.SUB, 200, 800, "(2) 提升服務"),
            cell(Column.RESULT, 200, 800, FULL),
        ],
    )
    p2 = grid(
        2,
        [
            cell(Column.ITEM, 60, 300, *item[1:]),  # its rest on the next page
            cell(Column.RESULT, 60, 300, "完成。"),
            cell(Column.ITEM, 300, 400, "服務友善"),
            cell(Column.SUB, 300, 400, "(1) 進行環境"),
        ],
    )
    tokens = grids_to_tokens([p1, p2])
    out = frags(tokens)
    assert [o for o in out if o[0] in ("ITEM", "INDICATOR")] == [
        ("ITEM", "服務一致|(100分)|得分：88", False, True),
        ("INDICATOR", "1.訂定申", False, True),
        ("ITEM", "(100分)|得分：88", True, True),  # the rest: marks the cut row's page only
        ("ITEM", "服務友善", False, True),
    ]
    repeats = [t for t in tokens if isinstance(t, Fragment) and t.repeat]
    assert [(t.page, t.lines) for t in repeats] == [(2, ("(100分)", "得分：88"))]
    assert ("RESULT", "完成。", True, False) in out


def test_dimension_heading_and_subtotal_reset_the_open_row() -> None:
    sub = Furniture("subtotal", "小計 88 分", 1, BBox(XS[0], 700, XS[-1], 720))
    p1 = grid(
        1,
        [cell(Column.SUB, 60, 700, "訂定申辦"), cell(Column.RESULT, 60, 700, FULL)],
        furniture=(sub,),
    )
    heading = Furniture("dimension", "評核構面二(服務遞送)(300分)", 2, BBox(XS[0], 20, 200, 30))
    p2 = grid(
        2,
        [cell(Column.SUB, 60, 300, "瞭解民眾"), cell(Column.RESULT, 60, 300, "完成。")],
        furniture=(heading,),
    )
    tokens = grids_to_tokens([p1, p2])
    assert [t.kind for t in tokens if isinstance(t, Furniture)] == [
        "header",
        "subtotal",
        "dimension",
        "header",
    ]
    assert frags(tokens)[2] == ("SUB", "瞭解民眾", False, True)


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="full_line_ratio"):
        StitchSettings(full_line_ratio=0)
    with pytest.raises(ValueError, match="flush_share"):
        StitchSettings(flush_share=1.5)
    with pytest.raises(ValueError, match="flush_ratio"):
        StitchSettings(flush_ratio=1.0, stretch_ratio=1.0)


def test_printed_line_keeps_a_drawn_trailing_space() -> None:
    from pipeline.layout.stitch import printed_line

    drawn = TextLine("欄位", 0, 0, 20, 10, SIZE, trailing_space=True)
    plain = TextLine("欄位", 0, 0, 20, 10, SIZE)
    assert printed_line(drawn) == "欄位 " and printed_line(plain) == "欄位"


def test_unit_name_cut_by_the_page_foot_carries_on() -> None:
    # "兒童及少年福利與" fills the units column (70 pt: 4 + 6 glyphs … + the next would overrun),
    # so "權益保障科" at the next page's top is the rest of that name, not a unit of its own.
    p1 = grid(
        1,
        [
            cell(Column.SUB, 60, 800, "(1) 訂定申辦"),
            cell(Column.UNITS, 60, 800, "秘書室", "兒童及少年福"),
            cell(Column.RESULT, 60, 800, FULL),
        ],
    )
    p2 = grid(
        2, [cell(Column.UNITS, 60, 300, "利科", "研考科"), cell(Column.RESULT, 60, 300, "完成。")]
    )
    units = [o for o in frags(grids_to_tokens([p1, p2])) if o[0] == "UNITS"]
    assert units[1] == ("UNITS", "利科|研考科", True, False)


def test_whole_unit_name_at_the_page_foot_ends_there() -> None:
    p1 = grid(
        1,
        [
            cell(Column.SUB, 60, 800, "(1) 訂定申辦"),
            cell(Column.UNITS, 60, 800, "秘書室", "研考科"),
            cell(Column.RESULT, 60, 800, FULL),
        ],
    )
    p2 = grid(2, [cell(Column.UNITS, 60, 300, "人事室"), cell(Column.RESULT, 60, 300, "完成。")])
    units = [o for o in frags(grids_to_tokens([p1, p2])) if o[0] == "UNITS"]
    assert units[1] == ("UNITS", "人事室", True, True)


def _item_at_foot_then_top(foot: tuple[str, ...], top: tuple[str, ...]) -> bool:
    """Given the item cell at a page's foot (its row cut there) and the item cell at the next
    page's top beside an unnumbered sub-indicator, return whether that top row continued."""
    p1 = grid(
        1,
        [
            cell(Column.ITEM, 60, 800, *foot),
            cell(Column.SUB, 60, 800, "訂定申辦業務標準作業流程維持服"),  # fills the column
            cell(Column.RESULT, 60, 800, FULL),
        ],
    )
    p2 = grid(
        2,
        [
            cell(Column.ITEM, 60, 300, *top),
            cell(Column.SUB, 60, 300, "務措施"),
            cell(Column.RESULT, 60, 300, "完成。"),
        ],
    )
    sub = [o for o in frags(grids_to_tokens([p1, p2])) if o[0] == "SUB"]
    return sub[1][2]


def test_an_item_cell_after_a_finished_item_cell_opens_a_row() -> None:
    # The sub-indicator could have wrapped on, but the open item's cell ended with its score.
    assert not _item_at_foot_then_top(("數位服務", "(10分)", "得分：10"), ("服務友善性", "(10分)"))
    # Printed again in full (a layout repeating item text on every row): a new row too.
    item = ("數位服務", "(10分)", "得分：10")
    assert not _item_at_foot_then_top(item, item)
    # The rest of a merged item cell the break cut goes on with the row.
    assert _item_at_foot_then_top(("人員專業訓",), ("練", "(5分)", "得分：3"))
    assert _item_at_foot_then_top(("人員專業訓練", "(5分)"), ("得分：3",))


def test_symbols_of_a_word_keep_it_whole() -> None:
    # "id=3。" is one piece for every engine (= joins letters and digits, UAX #14 class AL),
    # so a URL cut before it was a wrap, however much room the line before it left.
    assert first_word_width(line("id=3。", 0, 0)) == pytest.approx(4 * SIZE / 2 + SIZE)
    assert first_word_width(line("id 3", 0, 0)) == pytest.approx(2 * SIZE / 2)


def test_spread_lines_ending_far_apart_give_no_justified_edge() -> None:
    # Two spread lines whose ends lie 4 em apart: no line ends near their median.
    lines = (spread("完成訂定商品報驗", 374, 64, 520), spread("完成訂定商品報驗", 374, 78, 560))
    c = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 100, lines)
    assert justified_edges([c]) == {}


def test_notes_after_the_last_subtotal_pass_a_running_title() -> None:
    from pipeline.layout.stitch import mark_notes

    title = "某局 111年度提升服務效能評核表"
    head = [
        Furniture("title", title, 1),
        Furniture("dimension", "評核構面一(基礎)(30分)", 1),
        Fragment(Column.SUB, ("提供服務。",), 1),
        Furniture("subtotal", "小計：分", 1),
    ]
    running = mark_notes(
        [*head, Furniture("title", title, 2), Furniture("other", "備註：本表彙整。", 2)]
    )
    assert [t.kind for t in running if isinstance(t, Furniture)][-1] == "notes"
    # Another form's title parts them: what follows belongs to that form, not to notes.
    other = mark_notes(
        [
            *head,
            Furniture("title", "他局 112年度提升服務效能評核表", 2),
            Furniture("other", "備註", 2),
        ]
    )
    assert [t.kind for t in other if isinstance(t, Furniture)][-1] == "other"


@pytest.mark.parametrize(
    ("key", "current", "near"),
    [
        ("服務满意度(100分)得分：90", "服務滿意度(100分)得分：90", True),  # one look-alike glyph
        ("洽公環境友善(150分)得分:130", "洽公環境友善(150分)得分：130", True),  # an ASCII colon
        ("1.簡化申辨流程", "1.簡化申辦流程", True),
        # Never when a number differs: another item's score, another indicator's number.
        ("服務流程標準化(150分)得分：130", "服務流程標準化(150分)得分：131.5", False),
        ("2.簡化申辦流程", "1.簡化申辦流程", False),
        # Nor two items that share their points and score: too many glyphs differ.
        ("服務友善性(100分)得分：88", "服務一致性(100分)得分：88", False),
        ("服務滿意度(100分)得分：90", "服務滿意度(100分)得分：90", False),  # identical: no "near"
        # An item's grey "(N分)" line OCR missed in one copy: the rest must agree.
        ("服務友善性得分：19", "服務友善性(20分)得分：19", True),
        ("服務友善性(20分)得分：19", "服務友善性得分：19", True),
        ("服務友善性得分：18", "服務友善性(20分)得分：19", False),  # the score differs too
        ("服務友善性(10分)得分：19", "服務友善性(20分)得分：19", False),  # both have points
    ],
)
def test_near_repeat(key: str, current: str, near: bool) -> None:
    assert near_repeat(key, current, 0.2) is near
    assert near_repeat(key, current, 0.0) is False  # text layers: exact only


def test_a_repeat_ocr_read_differently_joins_only_on_ocr_pages_and_says_so() -> None:
    def page() -> PageGrid:
        return grid(
            1,
            [
                cell(Column.ITEM, 60, 200, "服務滿意度", "(100分)", "得分：90"),
                cell(Column.INDICATOR, 60, 200, "1.辦理滿意度調查"),
                cell(Column.SUB, 60, 200, "(1) 依服務對象"),
                cell(Column.ITEM, 200, 400, "服務满意度", "(100分)", "得分：90"),
                cell(Column.INDICATOR, 200, 400, "1.辦理滿意度調查"),
                cell(Column.SUB, 200, 400, "(2) 辦理內部同仁"),
            ],
        )

    def items(tokens: tuple[Fragment | Furniture, ...]) -> list[str]:
        return [f[1] for f in frags(tokens) if f[0] == "ITEM"]

    text_tokens, text_checks = grids_to_stream([page()])
    assert len(items(text_tokens)) == 2 and text_checks == ()
    ocr_tokens, ocr_checks = grids_to_stream([page()], ocr_pages={1})
    assert items(ocr_tokens) == ["服務滿意度|(100分)|得分：90"]
    [check] = ocr_checks
    assert check.check == "ocr_repeats" and not check.passed and check.severity == "warning"
    assert "服務满意度" in check.message


def test_the_rest_of_a_cut_row_ocr_read_with_other_brackets_carries_the_row_on() -> None:
    # A layout repeating the item on every row: the page foot cut the last row's item
    # after its name, so "(100分)得分：88" is expected overleaf.  OCR read the brackets
    # full width above ("（100分）") and half width overleaf: the same rest, so the row
    # goes on (its sub-indicator's last sentence too), and the join is listed.
    first = grid(
        1,
        [
            cell(Column.ITEM, 60, 200, "提高服務滿意度", "（100分）", "得分：88"),
            cell(Column.INDICATOR, 60, 200, "1.辦理服務滿意度調查"),
            cell(Column.SUB, 60, 200, "(3)提出調查設計。"),
            cell(Column.ITEM, 200, 800, "提高服務滿意度"),
            cell(Column.INDICATOR, 200, 800, "2.運用其他機制"),
            cell(
                Column.SUB,
                200,
                800,
                "善用各類意見調查工具與機制，",
                "解民眾對服務的評價及意見，並據",
            ),
        ],
    )
    overleaf = grid(
        2,
        [
            cell(Column.ITEM, 60, 200, "(100分)", "得分：88"),
            cell(Column.SUB, 60, 200, "以改善既有措施。"),
        ],
    )

    def items(tokens: tuple[Fragment | Furniture, ...]) -> list[tuple[str, bool, bool]]:
        return [
            ("|".join(t.lines), t.cont, t.repeat)
            for t in tokens
            if isinstance(t, Fragment) and t.column == Column.ITEM
        ]

    tokens, checks = grids_to_stream([first, overleaf], ocr_pages={1, 2})
    assert items(tokens) == [
        ("提高服務滿意度|（100分）|得分：88", False, False),
        ("(100分)|得分：88", True, True),  # the cut row's rest: no new item
    ]
    sub = [t for t in tokens if isinstance(t, Fragment) and t.column == Column.SUB][-1]
    assert sub.lines == ("以改善既有措施。",) and sub.cont
    (check,) = [c for c in checks if c.check == "ocr_repeats"]
    assert "(100分)得分：88" in check.message and not check.passed
    # On text layers only the same text is the rest: this one opens an item of its own.
    assert items(grids_to_stream([first, overleaf])[0])[-1] == ("(100分)|得分：88", False, False)
    # The cut row's indicator printed again overleaf, read with a look-alike (它 for 他).
    again = replace(
        overleaf,
        cells=(*overleaf.cells, cell(Column.INDICATOR, 60, 200, "2.運用其它機制")),
    )
    tokens, _ = grids_to_stream([first, again], ocr_pages={1, 2})
    sub = [t for t in tokens if isinstance(t, Fragment) and t.column == Column.SUB][-1]
    assert sub.lines == ("以改善既有措施。",) and sub.cont


def test_a_page_between_table_pages_with_no_cell_is_an_error() -> None:
    def table(page: int) -> PageGrid:
        return grid(page, [cell(Column.SUB, 60, 100, "提供線上申辦。")])

    def loose(page: int, lines: int) -> PageGrid:
        text = [Furniture("other", f"第 {k} 行文字", page) for k in range(lines)]
        return replace(table(page), cells=(), furniture=tuple(text))

    def ending(page: int, above: int, below: int) -> PageGrid:
        subtotal = Furniture("subtotal", "小計：24分", page)
        text = loose(page, above + below).furniture
        return replace(table(page), cells=(), furniture=(*text[:above], subtotal, *text[above:]))

    (check,) = pages_outside_table([table(1), loose(2, 3), table(3)])
    assert check.severity == "error" and not check.passed and "p2 (3 lines)" in check.message
    # After the table's last page (notes, a signature line), or with fewer lines: no finding.
    assert pages_outside_table([table(1), table(2), loose(3, 9)]) == []
    assert pages_outside_table([table(1), loose(2, 2), table(3)]) == []
    # The last page's rows above its 小計, its header not read (`-layout` seed 18692, p30
    # read `ok` without its two rows); only notes below the 小計: no finding.
    (check,) = pages_outside_table([table(1), table(2), ending(3, 20, 2)])
    assert not check.passed and "p3 (20 lines)" in check.message
    (check,) = pages_outside_table([table(1), loose(2, 4), ending(3, 0, 0)])
    assert "p2 (4 lines)" in check.message
    assert pages_outside_table([table(1), table(2), ending(3, 0, 9)]) == []
    assert pages_outside_table([table(1), ending(2, 0, 2), loose(3, 9)]) == []


def test_text_inside_the_table_that_no_cell_took_is_an_error() -> None:
    """A justified line's last word past the results' edge fell in no cell (reportlab, seed
    9026): it was kept as text outside the table and the result lacked it, status ok."""
    page = grid(1, [cell(Column.RESULT, 60, 100, "透過 LINE 官方帳號及 Facebook")])
    lost = Furniture("other", "粉絲專頁發布", 1)
    (check,) = text_in_table_unread([page, replace(page, page_no=2, unread=(lost,))])
    assert check.check == "text_in_table_unread" and check.severity == "error"
    assert not check.passed and "p2 '粉絲專頁發布'" in check.message
    assert text_in_table_unread([page, page]) == []
    _, checks = grids_to_stream([replace(page, unread=(lost,))])
    assert [c.check for c in checks if not c.passed] == ["text_in_table_unread"]


def test_a_little_more_space_above_a_line_parts_paragraphs_on_text_layers_only() -> None:
    # A result's lines 14 pt apart, one of them 1.8 pt (0.18 em) lower: a paragraph's
    # spacing on a text layer (0.15 em is the limit there); on an OCR'd page a line's
    # place moves that much with its ink (OCR_PARA_GAP_RATIO), so the lines run on.
    tops = (64.0, 78.0, 93.8, 107.8)
    lines = tuple(line(FULL, XS[Column.RESULT] + PAD, top) for top in tops)
    result = GridCell(Column.RESULT, Column.RESULT, XS[Column.RESULT], 60, XS[-1], 200, lines)
    page = grid(1, [cell(Column.SUB, 60, 200, "(1)提供線上申辦。"), result])

    def paragraphs(ocr_pages: set[int]) -> int:
        tokens, _ = grids_to_stream([page], ocr_pages=ocr_pages)
        return sum(1 for f in frags(tokens) if f[0] == "RESULT")

    assert paragraphs(set()) == 2
    assert paragraphs({1}) == 1


# An unscored form prints "得分：" bare: the head "(40分)" then passes for the whole item
# read differently (`near_repeat`: the same numbers, the same name), and its rest overleaf
# opened an item (generated form 7).
@pytest.mark.parametrize("score", ["得分：31.5分", "得分："])
def test_an_item_cut_at_the_foot_read_with_other_brackets_is_the_open_item(score: str) -> None:
    # A layout repeating the item on every row; the foot cut the last row's item after
    # "(40分)", which OCR read half width under "（40分）" above: the open item printed
    # again (its 得分 line overleaf), not an item of its own.
    first = grid(
        1,
        [
            cell(Column.ITEM, 60, 200, "陳情案件處理", "（40分）", score),
            cell(Column.SUB, 60, 200, "(1)建立陳情案件處理流程。"),
            cell(Column.ITEM, 200, 800, "陳情案件處理", "(40分)"),
            cell(Column.SUB, 200, 800, "(2)定期檢討陳情案件。"),
        ],
    )
    overleaf = grid(2, [cell(Column.ITEM, 60, 200, score)])

    def opened(ocr_pages: set[int]) -> int:
        tokens, _ = grids_to_stream([first, overleaf], ocr_pages=ocr_pages)
        return sum(
            1 for t in tokens if isinstance(t, Fragment) and t.column == Column.ITEM and not t.cont
        )

    assert opened({1, 2}) == 1
    assert opened(set()) == 2  # a text layer prints one item's text one way


@pytest.mark.parametrize(
    ("lines", "rest", "unsure"),
    [
        # 15 glyphs end at 294: the next could not have followed (by 296, 300 - padding)
        (("訂" * 15, "定" * 15), True, False),
        # 14 end at 284, and a 15-glyph line of the column shows the next one fitted
        (("訂" * 15, "定" * 14), False, False),
        # 14 end at 284 and no longer line shows how far the column reaches: the next
        # glyph fitted by the cell's estimated edge, which only the half-em slack doubts
        (("訂" * 14, "定" * 14), True, True),
        # 12 and a comma end at 274, room for two: but no cell ends mid-clause (OCR draws
        # a line ending in "，" by its ink, up to 1.2 em short)
        (("訂" * 15, "定" * 12 + "，"), True, False),
        # … nor where only the slack doubted it
        (("訂" * 14, "定" * 13 + "，"), True, False),
    ],
)
def test_a_page_top_carries_the_row_on_by_what_the_foot_shows(
    lines: tuple[str, str], rest: bool, unsure: bool
) -> None:
    # reportlab seeds 5060 and 5578 of `make fuzz`: new rows at a page top read as the
    # rest of the row above, their first glyphs fitting on the foot's lines.
    p1 = grid(1, [cell(Column.SUB, 60, 800, *lines), cell(Column.RESULT, 60, 800, FULL)])
    p2 = grid(2, [cell(Column.SUB, 60, 300, "提升服務"), cell(Column.RESULT, 60, 300, "已完成。")])
    tokens, checks = grids_to_stream([p1, p2])
    assert frags(tokens)[2][:3] == ("SUB", "提升服務", rest)
    flagged = [c for c in checks if c.check == "row_continuation_unsure"]
    assert bool(flagged) is unsure
    if unsure:
        assert not flagged[0].passed and "提升服務" in flagged[0].message


def test_a_closing_mark_atop_a_page_is_the_cut_cells_last_line_surely() -> None:
    # OCR form 33 (`bench.ocr --generated`): "。" alone atop the sub-indicator column, the
    # foot's line leaving room by its ink: read as the rest, but said unsure (a new row?).
    # No row opens with a closing mark.
    p1 = grid(
        1, [cell(Column.SUB, 60, 800, "訂" * 14, "定" * 14), cell(Column.RESULT, 60, 800, FULL)]
    )
    for head, unsure in (("。", False), ("提升服務", True)):
        p2 = grid(2, [cell(Column.SUB, 60, 300, head), cell(Column.RESULT, 60, 300, "已完成。")])
        tokens, checks = grids_to_stream([p1, p2])
        assert frags(tokens)[2][:3] == ("SUB", head, True)
        assert any(c.check == "row_continuation_unsure" for c in checks) is unsure


def test_a_latin_word_wrapped_at_the_foot_needs_its_space_to_have_fitted() -> None:
    # reportlab seed 6266: "…(含委外 call" / "center 人員)…" — "center" fits after "call"
    # only without the space a wrap between Latin words drops, so the break was a wrap.
    foot = "訂" * 11 + " c"  # ends at 144 + 110 + 5 + 5 = 264
    p1 = grid(1, [cell(Column.SUB, 60, 800, "訂" * 15, foot), cell(Column.RESULT, 60, 800, FULL)])
    # "center" (30) would end at 294, where the column's longest line does, without the
    # space before it; with it, past that line: no proof it fitted, so a wrap.
    p2 = grid(2, [cell(Column.SUB, 60, 300, "center"), cell(Column.RESULT, 60, 300, "已。")])
    tokens, _ = grids_to_stream([p1, p2])
    assert frags(tokens)[2][:3] == ("SUB", "center", True)


@pytest.mark.parametrize(
    ("head", "goes_on"), [("center 諮詢服務，全年受理", True), ("Center 諮詢", False)]
)
def test_a_latin_phrase_in_lowercase_at_a_page_top_goes_on_the_foots(
    head: str, goes_on: bool
) -> None:
    # pdftotext-layout-extra seeds 90 and 9300: "(3)提供 call" at a page's foot, its line
    # leaving room for "center", and "center 諮詢服務" atop the next page: one paragraph,
    # as within a page (`latin_runs_on`); a capital is no such phrase.
    p1 = grid(
        1,
        [
            cell(Column.SUB, 60, 800, "訂" * 15, "定。"),
            cell(Column.RESULT, 60, 800, FULL, "(3)提供 call"),
        ],
    )
    p2 = grid(2, [cell(Column.RESULT, 60, 300, head)])
    tokens, _ = grids_to_stream([p1, p2])
    assert frags(tokens)[3] == ("RESULT", head, True, not goes_on)


def test_a_sub_indicator_ending_a_sentence_at_the_foot_leaves_the_next_row_unsure() -> None:
    # reportlab seed 6257: both cells' last lines full, the sub-indicator's ending "。",
    # and a new row at the page top: read as the rest (a sentence may go on), and said.
    p1 = grid(
        1,
        [
            cell(Column.SUB, 60, 800, "訂" * 15, "定" * 14 + "。"),
            cell(Column.RESULT, 60, 800, FULL),
        ],
    )
    p2 = grid(2, [cell(Column.SUB, 60, 300, "提升服務"), cell(Column.RESULT, 60, 300, "已完成。")])
    tokens, checks = grids_to_stream([p1, p2])
    assert frags(tokens)[2][:3] == ("SUB", "提升服務", True)
    flagged = [c for c in checks if c.check == "row_continuation_unsure"]
    assert flagged and "a sentence ended at the foot" in flagged[0].message


@pytest.mark.parametrize(
    ("item", "rest"), [(("(190分)", "得分：149 分"), True), (("服務精進",), False)]
)
def test_an_item_cell_opening_with_its_points_at_a_page_top_carries_the_item_on(
    item: tuple[str, ...], rest: bool
) -> None:
    # reportlab seeds 6370 and 6608 of `make fuzz`: the foot cut the item after its name's
    # "…滿意" / "度" and the indicator after "…專業", and a new sub-indicator opens the page
    # top beside "(190分)" / "得分：149 分" and "度".  No item's name opens with its points
    # or its score, so the item goes on, and so does the numbered indicator its cell filled.
    p1 = grid(
        1,
        [
            cell(Column.ITEM, 772, 800, "提高服務滿意", "度"),
            cell(Column.INDICATOR, 772, 800, "一、提高服", "務人員專業"),
            cell(Column.SUB, 772, 800, "(1)檢討簡化申辦流程，", "減少民眾臨櫃次數。"),
            cell(Column.RESULT, 772, 800, "已完成。"),
        ],
    )
    p2 = grid(
        2,
        [
            cell(Column.ITEM, 60, 300, *item),
            cell(Column.INDICATOR, 60, 300, "度"),
            cell(Column.SUB, 60, 300, "(2)定期辦理教育訓練。"),
            cell(Column.RESULT, 60, 300, "已辦理。"),
        ],
    )
    tokens, _ = grids_to_stream([p1, p2])
    overleaf = {f[0]: f for f in frags(tokens)[4:]}
    assert overleaf["ITEM"][2] is rest
    assert overleaf["INDICATOR"][1:3] == ("度", rest)
    assert overleaf["SUB"][2] is False


def test_in_boxes_a_reader_drew_room_is_what_the_lines_reached() -> None:
    # pdftotext -layout seeds 2402 and 27 others of `make fuzz`: the side-by-side reader
    # draws each box 0.75 em past its column's widest line, so by the box a page top's
    # first glyph always "fitted" after a full line; by the lines printed, it did not.
    p1 = grid(
        1, [cell(Column.SUB, 60, 800, "訂" * 14, "定" * 14), cell(Column.RESULT, 60, 800, FULL)]
    )
    p2 = grid(2, [cell(Column.SUB, 60, 300, "提升服務"), cell(Column.RESULT, 60, 300, "已完成。")])
    for boxes_printed, unsure in ((True, True), (False, False)):
        settings = replace(DEFAULT_STITCH_SETTINGS, boxes_printed=boxes_printed)
        tokens, checks = grids_to_stream([p1, p2], settings)
        assert frags(tokens)[2][:3] == ("SUB", "提升服務", True)
        assert any(c.check == "row_continuation_unsure" for c in checks) is unsure


# A list heading filling its line (10 + 16 × 10 + 10 pt of the 182 the column holds).
HEADING = "2.技術文件審查電子化暨預先審查作業："


def _headings_overleaf(goes_on: bool) -> tuple[list[tuple[str, str, bool, bool]], list[str]]:
    """A result whose only heading fills its line at a page foot; overleaf a result cell
    running its heading on, the row's rest (`goes_on`) or a new row's; then a result
    with a heading alone (the document shows both kinds)."""
    p1 = grid(
        1,
        [
            cell(Column.SUB, 60, 800, "(1) 訂定申辦"),
            cell(Column.UNITS, 60, 800, "各單位"),
            cell(Column.RESULT, 60, 800, HEADING, "驗證登錄及型式認可案件"),
        ],
    )
    new_row = [cell(Column.SUB, 60, 300, "(2) 提升服務"), cell(Column.UNITS, 60, 300, "秘書室")]
    p2 = grid(
        2,
        [
            *([] if goes_on else new_row),
            cell(Column.RESULT, 60, 300, "3.說明會：於5月28日召開", "說明會議。"),
            cell(Column.SUB, 300, 400, "(3) 提供服務"),
            cell(Column.UNITS, 300, 400, "秘書室"),
            cell(Column.RESULT, 300, 400, "1.書面審查電子化：", "開發線上書面審查作業。"),
        ],
    )
    tokens, checks = grids_to_stream([p1, p2])
    return frags(tokens), [c.message for c in checks if c.check == "heading_end_unsure"]


def test_a_heading_at_a_foot_takes_the_headings_of_its_cells_rest_overleaf() -> None:
    out, unsure = _headings_overleaf(goes_on=True)
    assert ("RESULT", f"{HEADING}|驗證登錄及型式認可案件", False, True) in out
    assert unsure == []
    # Overleaf is a new row: what the heading took from it is said to be unsure.
    out, unsure = _headings_overleaf(goes_on=False)
    assert ("RESULT", f"{HEADING}|驗證登錄及型式認可案件", False, True) in out
    assert len(unsure) == 1 and "by the headings overleaf" in unsure[0], unsure


def test_a_line_opening_with_a_closing_bracket_or_a_mark_goes_on_the_sentence() -> None:
    # "」：" put under "…管理制度" by a line breaker, measured by its ink (OCR): short
    # enough to have fitted, yet no paragraph opens with it; nor a page top's "，並…".
    lines = [line("(3)推動「優良計量管理制度", 374, 64), line("」：", 374, 78)]
    assert lines_to_paragraphs(lines, 556.0, PITCH) == [lines]
    p1 = grid(
        1, [cell(Column.SUB, 60, 800, "(1) 訂定申辦"), cell(Column.RESULT, 60, 800, "1.完成")]
    )
    p2 = grid(2, [cell(Column.RESULT, 60, 300, "，並已檢討。")])
    assert frags(grids_to_tokens([p1, p2]))[-1][2:] == (True, False)


def _count_checks(foot: bool, overleaf: str = "月辦理一次。") -> list[str]:
    """A full line ending with a count ("…並以2個") over its sentence's rest, and another
    result ending with such a count, at the page foot (`foot`) or above it; the next page
    opens with a result cell (`overleaf`)."""
    bottom = 800.0 if foot else 400.0
    p1 = grid(
        1,
        [
            cell(Column.SUB, 60, 300, "(1) 訂定申辦"),
            cell(Column.RESULT, 60, 300, "完成訂定商品報驗發證免驗案件並以2個", "月為一期辦理。"),
            cell(Column.SUB, 300, bottom, "(2) 提升服務"),
            cell(Column.RESULT, 300, bottom, "1.已完成。", "2.依規定辦理，每2個"),
        ],
    )
    p2 = grid(2, [cell(Column.RESULT, 60, 300, overleaf)])
    _, checks = grids_to_stream([p1, p2])
    return [c.message for c in checks if c.check == "count_end_unsure"]


def test_a_count_the_document_ends_few_paragraphs_with_is_unsure_but_not_at_a_foot() -> None:
    # One paragraph elsewhere ends with a count in 個: a full line ending so may end its
    # paragraph or wrap.
    unsure = _count_checks(foot=False)
    assert len(unsure) == 1 and "並以2個" in unsure[0], unsure
    # That paragraph is the last of a cell the page's foot cuts, and the next page may go
    # on with it: no evidence of an end.  Overleaf a list entry: it ended.
    assert _count_checks(foot=True) == []
    assert len(_count_checks(foot=True, overleaf="3.已辦理完成。")) == 1
