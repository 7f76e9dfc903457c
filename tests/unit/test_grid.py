"""Grid functions on small hand-built pages: chars, rulings and the cells they make."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.layout.grid import (
    DEFAULT_DRAWN_SPACE_RATIO,
    GridSettings,
    PageGrid,
    chars_to_lines,
    chars_to_text,
    dedupe_chars,
    draws_spaces,
    find_band,
    gaps_to_columns,
    line_kind,
    lines_below,
    lines_to_frames,
    lines_to_header,
    merge_rulings,
    page_to_grid,
    page_to_text,
    rulings_to_columns,
    rulings_to_frames,
)
from pipeline.layout.grid.page import run_on
from pipeline.layout.grid.settings import DEFAULT_GRID_SETTINGS
from pipeline.layout.grid.stream import gap_between
from pipeline.layout.primitives import Char, PageContent, Ruling, TextLine
from pipeline.models import Column
from pipeline.normalise.patterns import CATEGORY, PAGE_NUMBER

SIZE = 10.0


def run(text: str, x: float, top: float, *, size: float = SIZE, gap: float = 0.0) -> list[Char]:
    """Chars of `text` drawn left to right from (x, top): CJK one em wide, ASCII half."""
    out: list[Char] = []
    for ch in text:
        w = size if ord(ch) > 0x2E80 else size / 2
        out.append(Char(ch, x, top, x + w, top + size, size))
        x += w + gap
    return out


def hline(x0: float, x1: float, y: float) -> Ruling:
    return Ruling(x0, y, x1, y)


def vline(x: float, y0: float, y1: float) -> Ruling:
    return Ruling(x, y0, x, y1)


# --- chars → text -------------------------------------------------------------------------


def test_dedupe_drops_fake_bold_overprints_but_keeps_real_repeats() -> None:
    first = run("謝謝你", 0, 0)
    shifted = [
        Char(c.text, c.x0 + 0.3, c.top + 0.2, c.x1 + 0.3, c.bottom + 0.2, c.size) for c in first
    ]
    kept = dedupe_chars(
        first + shifted + [Char(c.text, c.x0 - 0.25, c.top, c.x1, c.bottom, SIZE) for c in first]
    )
    assert "".join(c.text for c in kept) == "謝謝你"


def test_chars_to_text_keeps_printed_spaces_only() -> None:
    assert chars_to_text(run("委外 call center 人員", 0, 0)) == "委外 call center 人員"
    # justified CJK: every glyph spread by 2pt, no space invented
    assert chars_to_text(run("訂定申辦業務標準", 0, 0, gap=2.0)) == "訂定申辦業務標準"
    # a space drawn as a gap (no glyph) is still a space
    chars = run("QR", 0, 0) + run("code", 14, 0)
    assert chars_to_text(chars) == "QR code"
    # runs of spaces collapse; ends are stripped
    assert chars_to_text(run("  小計   178  分 ", 0, 0)) == "小計 178 分"


def test_chars_to_text_a_stretched_short_line_has_no_spaces() -> None:
    # "計量課" ended by a line break in a justified units cell: spread to the cell width
    assert chars_to_text(run("計量課", 0, 0, gap=17.5)) == "計量課"
    assert chars_to_text(run("報驗發證課", 0, 0, gap=4.0)) == "報驗發證課"
    # one gap is left alone: a stretched "1月" and "1 月" print alike
    assert chars_to_text(run("1", 0, 0) + run("月", 12, 0)) == "1 月"


def test_cjk_latin_spacing_is_no_space_where_the_producer_draws_its_spaces() -> None:
    # A justified line: CJK spread 0.6pt apart, 3.1pt (autospace + spread) before "3.63%".
    line = run("正成長", 0, 0, gap=0.6) + run("3.63%", 34.3, 0)
    assert chars_to_text(line) == "正成長 3.63%"  # a gap alone could be a glyph-less space
    assert not draws_spaces(line)
    page = line + run("計 158 人", 0, 14)  # this producer draws its spaces
    assert draws_spaces(page)
    drawn = GridSettings(space_ratio=DEFAULT_DRAWN_SPACE_RATIO)
    lines = chars_to_lines(page, drawn)
    assert [ln.text for ln in lines] == ["正成長3.63%", "計 158 人"]
    # separately positioned runs are still apart
    assert chars_to_text(run("小計", 0, 0) + run("88", 60, 0), drawn) == "小計 88"


def test_a_space_glyph_in_a_spread_line_shows_the_producer_draws_spaces() -> None:
    # LibreOffice 21075, a justified last page whose only space glyph stands in a spread
    # line: "（2）" … " " … "建", 1.39pt on either side.  Not seen as drawn, the page read
    # every spread gap as a space ("申 辦 ， 網 址 ：").
    line = run("（2）", 0, 0, gap=1.39)
    space = Char(" ", line[-1].x1 + 1.39, 0, line[-1].x1 + 1.39 + 5, SIZE, SIZE)
    line += [space, *run("建立民眾", space.x1 + 1.39, 0, gap=1.39)]
    assert draws_spaces(line)
    # A space standing apart by more on one side than the other is no such evidence.
    lopsided = [*run("（2）", 0, 0), Char(" ", 33.0, 0, 38.0, SIZE, SIZE), *run("建", 38.5, 0)]
    assert not draws_spaces(lopsided)


def test_a_space_after_a_half_width_marker_spread_as_the_wide_glyphs_after_it() -> None:
    # libreoffice-extra 9920: "(2) 檢討簡化" justified, LibreOffice spreads the wide glyphs
    # 0.55pt apart and leaves "(2)" touching; the space stands 0.6pt from ")" and from
    # "檢".  Not seen as drawn, the page read "觸及9,283" spread as "觸 及 9,283".
    marker = run("(2)", 0, 0)
    space = Char(" ", marker[-1].x1 + 0.6, 0, marker[-1].x1 + 2.84, SIZE, SIZE)
    line = [*marker, space, *run("檢討簡化", space.x1 + 0.6, 0, gap=0.5)]
    assert draws_spaces(line)
    # Wide glyphs after it touching: the space's gaps match no spread.
    apart = [*marker, space, *run("檢討簡化", space.x1 + 0.6, 0)]
    assert not draws_spaces(apart)


def test_a_space_spread_from_the_glyph_before_and_touching_the_next_is_drawn() -> None:
    # libreoffice-extra 10210: "四、 滿意度調查" justified, the wide glyphs 1.1pt apart, the
    # space 1.1pt after "、" and touching "滿" (the spread went before the space, none
    # after it).  The page's only space glyph; not seen as drawn, the page read its spread
    # gaps as spaces ("24,901 件", "86.5% ， 較"), `ok`.
    head = run("四、", 0, 0, gap=1.1)
    space = Char(" ", head[-1].x1 + 1.1, 0, head[-1].x1 + 3.8, SIZE, SIZE)
    line = [*head, space, *run("滿意度調查", space.x1, 0, gap=1.1)]
    assert draws_spaces(line)
    # Its gap before matching no spread of the glyph before it: no such evidence.
    touching = run("四、", 0, 0)
    space = Char(" ", touching[-1].x1 + 1.1, 0, touching[-1].x1 + 3.8, SIZE, SIZE)
    assert not draws_spaces([*touching, space, *run("滿意度調查", space.x1, 0, gap=1.1)])


def test_chars_to_lines_groups_by_vertical_centre() -> None:
    chars = run("第一行", 0, 0) + run("第二行", 0, 14) + run("尾", 40, 0.8)
    lines = chars_to_lines(chars)
    assert [ln.text for ln in lines] == ["第一行 尾", "第二行"]
    assert lines[1].top == 14


def test_line_kind_and_patterns() -> None:
    assert line_kind("評核構面一(基礎服務)(200分)") == "dimension"
    assert line_kind("構面三(服務量能)(200分)") == "dimension"
    assert line_kind("小計 178 分") == "subtotal"
    assert line_kind("經濟部標準檢驗局基隆分局 107年度提升服務效能評核表項目及評分表") == "title"
    assert line_kind("整體服務類機關") == "category"
    assert line_kind("第 3 頁") == "other"
    for p in (PAGE_NUMBER, CATEGORY):
        for example in p.examples:
            assert p.regex.search(example), (p.name, example)


# --- rulings → columns and rows -------------------------------------------------------------

XS = (20.0, 80.0, 140.0, 300.0, 370.0, 560.0)
HEADER_TEXT = ("評核項目", "評核指標", "次評核指標", "主辦單位", "執行績效與成果")


def header_chars(top: float = 50.0) -> list[Char]:
    out: list[Char] = []
    for k, label in enumerate(HEADER_TEXT):
        width = len(label) * SIZE
        out += run(label, (XS[k] + XS[k + 1] - width) / 2, top)
    return out


def test_merge_rulings_joins_cell_by_cell_borders() -> None:
    pieces = [hline(0, 50, 10), hline(50.5, 100, 10.4), hline(100, 150, 9.8), hline(200, 250, 10)]
    specks = [vline(7, 10, 10.4)]
    merged = merge_rulings(pieces + specks)
    assert sorted((r.x0, r.x1) for r in merged) == [(0, 150), (200, 250)]


def test_header_and_columns_from_vertical_rules() -> None:
    chars = header_chars()
    rules = [hline(XS[0], XS[-1], 45), hline(XS[0], XS[-1], 65)] + [vline(x, 45, 200) for x in XS]
    header = lines_to_header(chars_to_lines(chars), rules)
    assert header is not None
    assert (header.top, header.bottom) == (45, 65)
    assert header.variant == "執行績效與成果"
    assert rulings_to_columns(header, rules) == XS


def test_header_label_inside_longer_label_is_not_confused() -> None:
    """評核指標 is inside 次評核指標; each column must find its own."""
    header = lines_to_header(chars_to_lines(header_chars()), [])
    assert header is not None
    assert header.labels[1].x1 < XS[2] < header.labels[2].x0


# Columns beyond the five, right of the results' (560): each label centred in its cell.
EXTRA_XS = (560.0, 590.0, 640.0, 700.0)


def _extra_header(labels: list[list[str]], ruled: bool) -> tuple[tuple[str, float], ...]:
    """The header's extra labels (label, x0) for cells of EXTRA_XS printing `labels`, each a
    label's lines (a narrow cell wraps its label), top to bottom."""
    chars = header_chars()
    for k, lines in enumerate(labels):
        for n, text in enumerate(lines):
            width = len(text) * SIZE
            chars += run(text, (EXTRA_XS[k] + EXTRA_XS[k + 1] - width) / 2, 50.0 + n * 12)
    xs = XS + EXTRA_XS[1 : len(labels) + 1]
    rules = [hline(xs[0], xs[-1], 45), hline(xs[0], xs[-1], 77)]
    rules += [vline(x, 45, 200) for x in xs] if ruled else []
    header = lines_to_header(chars_to_lines(chars), rules)
    assert header is not None
    return tuple((label, box.x0) for label, box in header.extras)


@pytest.mark.parametrize("ruled", [True, False])
def test_columns_beyond_the_five_keep_their_printed_labels(ruled: bool) -> None:
    """A label of the vocabulary, wrapped or not, is named as it; any other label keeps its
    printed text.  Before, 自評等第 was filed as 自評分數 (its first two glyphs) and 附註,
    known to no list, was no column: its cells' text was dropped with status ok."""
    extras = _extra_header([["佐證", "資料"], ["自評等第"], ["附註"]], ruled)
    assert [label for label, _ in extras] == ["佐證資料", "自評等第", "附註"]
    assert [x0 for _, x0 in extras] == [565.0, 595.0, 660.0]
    assert [label for label, _ in _extra_header([["自評分數"], ["備註"]], ruled)] == [
        "自評分數",
        "備註",
    ]


def test_a_label_holding_one_of_the_vocabulary_is_one_column() -> None:
    # 備註說明: one cell's label, not 備註 and 說明 (which would part its cells' text).
    for ruled in (True, False):
        assert [label for label, _ in _extra_header([["備註說明"]], ruled)] == ["備註說明"]


def test_a_wrapped_labels_first_line_names_a_column_of_the_vocabulary() -> None:
    # An unruled band keeps only label-glyph lines under the header's: 佐證 alone.
    assert [label for label, _ in _extra_header([["佐證"]], ruled=False)] == ["佐證資料"]
    assert [label for label, _ in _extra_header([["自評"]], ruled=False)] == ["自評分數"]


@pytest.mark.parametrize("ruled", [True, False])
def test_a_cells_line_reading_as_a_page_number_stays_in_the_table(ruled: bool) -> None:
    """A note column's cell wraps "見佐證資料第3頁" as "見佐證資料" / "第3頁"; at a row's end
    the second line stands alone on its baseline and reads as a page number.  Before, every
    such line of the table was dropped as the page's footer, its cell left short with
    status ok.  The page's own number, a margin below the table (or under its bottom
    rule), still goes."""
    chars = [*header_chars(), *run("見佐證資料", XS[4] + 4, 80), *run("第3頁", XS[4] + 4, 94)]
    chars += run("第3頁", 280, 150)
    rules = [hline(XS[0], XS[-1], y) for y in (45, 65, *((110,) if ruled else ()))]
    text = page_to_text(PageContent(1, 595, 842, tuple(chars), tuple(rules)))
    band = find_band(text, None)
    assert band is not None
    table, _ = lines_below(text, band)
    assert [ln.text for ln in table] == ["見佐證資料", "第3頁"]
    assert [c.top for ln in table for c in ln.chars][-1] == 94


def test_a_page_number_under_the_tables_bottom_rule_is_furniture_however_near() -> None:
    chars = [*header_chars(), *run("見佐證資料", XS[4] + 4, 80), *run("- 3 -", XS[4] + 10, 96)]
    rules = [hline(XS[0], XS[-1], y) for y in (45, 65, 93)]
    text = page_to_text(PageContent(1, 595, 842, tuple(chars), tuple(rules)))
    band = find_band(text, None)
    assert band is not None
    assert [ln.text for ln in lines_below(text, band)[0]] == ["見佐證資料"]


def test_columns_from_text_gaps_when_rules_are_missing() -> None:
    chars = header_chars()
    header = lines_to_header(chars_to_lines(chars), [])
    assert header is not None
    body = [
        *run("服務一致", XS[0] + 4, 70),
        *run("1.訂定申", XS[1] + 4, 70),
        *run("訂定申辦業務標準作業流", XS[2] + 4, 70),
        *run("電資產品", XS[3] + 4, 70),
        *run("完成訂定商品報驗發證免驗案", XS[4] + 4, 70),
    ]
    spans = [(c.x0, c.x1) for c in body]
    cols = gaps_to_columns(header, spans, (None,) * 6, outer=(XS[0], XS[-1]))
    assert cols[0] == XS[0] and cols[-1] == XS[-1]
    for k in range(1, 5):
        left = max(c.x1 for c in body if c.x0 < XS[k])
        assert left < cols[k] < XS[k] + 4, (k, cols[k])  # in the white gap before column k


def test_frames_keep_merged_cells_and_join_spanning_ones() -> None:
    top, bottom = 65.0, 200.0
    rules = [
        hline(XS[0], XS[-1], top),
        hline(XS[2], XS[-1], 100),  # rows 1|2 split only sub..result: item and indicator merged
        hline(XS[0], XS[-1], 160),  # end of the item
        hline(XS[0], XS[-1], bottom),
        *(vline(x, top, 160) for x in XS),
        vline(XS[0], 160, bottom),  # 小計 row: only the outer rules
        vline(XS[-1], 160, bottom),
    ]
    frames = rulings_to_frames(XS, rules, top, bottom, spans_from_rules=True)
    item = [f for f in frames if f.column == 0]
    assert [(f.top, f.bottom, f.last_column) for f in item] == [(65, 160, 0), (160, 200, 4)]
    subs = [f for f in frames if f.column == 2]
    assert [(f.top, f.bottom) for f in subs] == [(65, 100), (100, 160)]
    assert not any(f.top == 160 for f in frames if f.column != 0)  # swallowed by the span


def test_stream_frames_start_rows_at_indicator_and_sub_blocks() -> None:
    def lines(col: int, *blocks: tuple[float, int]) -> list[TextLine]:
        out = []
        for top, n in blocks:
            for i in range(n):
                t = top + i * 12
                out.append(TextLine("字字", XS[col] + 2, t, XS[col] + 22, t + SIZE, SIZE))
        return out

    by_col = [
        lines(0, (70, 3)),
        lines(1, (70, 2)),
        lines(2, (70, 2), (120, 2)),
        lines(3, (70, 1)),
        lines(4, (70, 5)),
    ]
    frames = lines_to_frames(XS, by_col, 65, 300)
    results = sorted((f.top, f.bottom) for f in frames if f.column == Column.RESULT)
    assert results == [(65, 119), (119, 300)]
    assert len([f for f in frames if f.column == Column.ITEM]) == 1


def test_a_rows_rest_on_the_bodys_first_line_is_one_band_however_far_below_the_header() -> None:
    # A scan boxes lines by their ink, lower than a font's box: "得分：85" and "進行簡化…"
    # atop a page, the rest of a row the page before cut, stand 1.6 × their size below the
    # header.  The item block opened at the body's top, the sub-indicator's started a
    # band of its own, and the rest read as a new row.  Both are the body's first line.
    def line(col: int, text: str, top: float) -> TextLine:
        return TextLine(text, XS[col] + 2, top, XS[col] + 60, top + SIZE, SIZE)

    top = 65.0
    first = top + 1.6 * SIZE
    by_col = [
        [line(0, "得分：85", first), line(0, "服務可近性", first + 30)],
        [line(1, "一、促進服務", first + 30)],
        [line(2, "進行簡化及標準化等。", first), line(2, "2)辦理服務滿意度", first + 30)],
        [line(3, "各單位", first + 30)],
        [],
    ]
    frames = lines_to_frames(XS, by_col, top, 300)
    subs = sorted((f.top, f.bottom) for f in frames if f.column == Column.SUB)
    items = sorted((f.top, f.bottom) for f in frames if f.column == Column.ITEM)
    assert subs[0][0] == items[0][0] == top
    assert len(subs) == 2 and subs[0][1] == items[0][1]
    # Not on the body's first line: a row of its own after the first's rest.  Nor where
    # the body's first line is a column's beyond the five ("第 3 頁", pdftotext -layout-extra
    # 23931: the rest of the row above, the new row under it).
    frames = lines_to_frames(XS, by_col, top, 300, first=(first - 14 + SIZE / 2, SIZE))
    assert len([f for f in frames if f.column == Column.SUB]) == 3
    by_col[2][0] = line(2, "進行簡化及標準化等。", first + 14)
    frames = lines_to_frames(XS, by_col, top, 300)
    assert len([f for f in frames if f.column == Column.SUB]) == 3


def test_a_closing_mark_wrapped_onto_a_line_of_its_own_stays_in_its_block() -> None:
    # A scan boxes a lone "。" by its ink, low in its em: the gap above it passed for one
    # between rows, and "。" became a sub-indicator of its own.
    def line(text: str, top: float, height: float = SIZE) -> TextLine:
        return TextLine(text, XS[2] + 2, top, XS[2] + 60, top + height, SIZE)

    subs = [line("辦識，且提供雙語標示服務", 70), line("。", 70 + 12 + 8, 3), line("(4)設置", 130)]
    frames = lines_to_frames(XS, [[], [], subs, [], []], 65, 300)
    assert sorted(f.top for f in frames if f.column == Column.SUB) == [65, 130 - 1.0]
    frames = lines_to_frames(XS, [[], [], [*subs[:1], line("辦", 90), subs[2]], [], []], 65, 300)
    assert len([f for f in frames if f.column == Column.SUB]) == 3


def test_an_item_blocks_points_or_score_line_set_apart_is_still_its_cell() -> None:
    # A scan's "(10分)" read a little high and "得分：6 分" a little low: the gap between
    # them passes for one between cells.  An item cell opens with its name, so a block
    # opening with its points or score is the rest of the one above; a name is not.
    def item(*texts_tops: tuple[str, float]) -> list[TextLine]:
        return [TextLine(t, XS[0] + 2, top, XS[0] + 40, top + SIZE, SIZE) for t, top in texts_tops]

    def items(col0: list[TextLine]) -> list[tuple[float, float]]:
        by_col = [col0, [], [], [], []]
        frames = lines_to_frames(XS, by_col, 65, 300)
        return sorted((f.top, f.bottom) for f in frames if f.column == Column.ITEM)

    gap = SIZE * 1.2  # wider than block_gap_ratio × size
    name, points = ("服務一致及正確性", 70.0), ("(10分)", 70 + SIZE + 4)
    score = ("得分：6 分", points[1] + SIZE + gap)
    assert len(items(item(name, points, score))) == 1
    assert len(items(item(name, (points[0], points[1] + gap)))) == 1
    assert len(items(item(name, points, ("服務友善性", score[1])))) == 2


def make_page(*, with_verticals: bool = True) -> PageContent:
    chars = [
        *run("範例市政府 112年度提升服務效能評核表", 100, 10),
        *run("整體服務類機關", 20, 25),
        *header_chars(50),
        *run("服務一致", XS[0] + 4, 70),
        *run("(100分)", XS[0] + 4, 84),
        *run("得分：88", XS[0] + 4, 98),
        *run("1.訂定申", XS[1] + 4, 70),
        *run("(1) 訂定申辦業務標準", XS[2] + 4, 70),
        *run("電資產品課", XS[3] + 4, 70),
        *run("機械產品課", XS[3] + 4, 84),
        *run("完成訂定商品報驗發證", XS[4] + 4, 70),
        *run("(2) 提升服務及時性", XS[2] + 4, 114),
        *run("各單位", XS[3] + 4, 114),
        *run("已完成流程簡化。", XS[4] + 4, 114),
        *run("小計", XS[0] + 10, 164),
        *run("88", 300, 164),
        *run("分", 540, 164),
        *run("第 1 頁", 280, 800),
    ]
    rules = [
        hline(XS[0], XS[-1], 45),
        hline(XS[0], XS[-1], 65),
        hline(XS[2], XS[-1], 110),
        hline(XS[0], XS[-1], 160),
        hline(XS[0], XS[-1], 180),
    ]
    if with_verticals:
        rules += [vline(x, 45, 160) for x in XS] + [vline(XS[0], 160, 180), vline(XS[-1], 160, 180)]
    return PageContent(page_no=1, width=595, height=842, chars=tuple(chars), rulings=tuple(rules))


@pytest.mark.parametrize("with_verticals", [True, False])
def test_page_to_grid_end_to_end(with_verticals: bool) -> None:
    grid = page_to_grid(make_page(with_verticals=with_verticals))
    assert grid is not None
    assert grid.lattice_columns is with_verticals and grid.lattice_rows
    kinds = [(f.kind, f.text) for f in grid.furniture]
    assert ("category", "整體服務類機關") in kinds
    assert ("header", "評核項目 評核指標 次評核指標 主辦單位 執行績效與成果") in kinds
    assert ("subtotal", "小計 88 分") in kinds
    assert ("other", "第 1 頁") in kinds
    cells = [(c.column.name, c.text) for c in grid.cells]
    assert cells == [
        ("ITEM", "服務一致\n(100分)\n得分：88"),
        ("INDICATOR", "1.訂定申"),
        ("SUB", "(1) 訂定申辦業務標準"),
        ("UNITS", "電資產品課\n機械產品課"),
        ("RESULT", "完成訂定商品報驗發證"),
        ("SUB", "(2) 提升服務及時性"),
        ("UNITS", "各單位"),
        ("RESULT", "已完成流程簡化。"),
    ]


def test_page_drawing_its_spaces_keeps_cjk_latin_spacing_out_of_cells() -> None:
    page = make_page(with_verticals=True)
    extra = run("正成長", XS[4] + 4, 128, gap=0.6) + run("3.63%", XS[4] + 4 + 34.3, 128)
    grid = page_to_grid(PageContent(1, 595, 842, (*page.chars, *extra), page.rulings))
    assert grid is not None
    assert grid.cells[-1].text == "已完成流程簡化。\n正成長3.63%"


def test_page_without_header_has_no_table() -> None:
    page = PageContent(1, 595, 842, tuple(run("這是一段說明文字", 50, 50)), ())
    assert page_to_grid(page) is None


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="snap_tolerance"):
        GridSettings(snap_tolerance=0)
    with pytest.raises(ValueError, match="drawn_space_ratio"):
        GridSettings(drawn_space_ratio=0)
    with pytest.raises(ValueError, match="span_cover"):
        GridSettings(span_cover=1.5)
    with pytest.raises(ValueError, match="labels"):
        GridSettings(labels=(("評核項目",),))


def test_header_label_found_after_a_glyph_of_several_characters() -> None:
    """A glyph whose text is several characters ("(cid:30)" from a damaged font, a ligature)
    before a label must not shift the label onto the wrong glyphs (a bit-flipped PDF once
    raised IndexError here)."""
    from pipeline.layout.grid.header import _find_label

    chars = [Char("(cid:30)", 0, 0, 10, 10, 10), *run("評核項目", 10, 0)]
    idx = _find_label(chars, set(), ("評核項目",))
    assert idx == [1, 2, 3, 4]
    assert "".join(chars[i].text for i in idx) == "評核項目"
    assert _find_label(chars, {1}, ("評核項目",)) is None


def test_column_gap_never_reaches_under_a_label() -> None:
    # Short unit names leave white under the right half of the 主辦單位 label: that white is
    # the gap before the results, not the sub-indicator/units boundary.
    chars = header_chars()
    header = lines_to_header(chars_to_lines(chars), [])
    assert header is not None
    body = [
        *run("訂定申辦業務標準作業流程維持服", XS[2] + 4, 70),  # fills the column
        *run("研考", XS[3] + 4, 70),
        *run("完成訂定商品報驗發證免驗案", XS[4] + 4, 70),
    ]
    cols = gaps_to_columns(header, [(c.x0, c.x1) for c in body], (None,) * 6, outer=(XS[0], XS[-1]))
    assert max(c.x1 for c in body if c.x0 < XS[3]) < cols[3] <= XS[3] + 4


@pytest.mark.parametrize(
    ("column", "head", "tail", "want"),
    [
        # LibreOffice justifies a units line ended by a manual line break to the cell's
        # width and puts all the stretch into one gap ("IT" stays together).
        (Column.UNITS, "IT", "組", "各單位\nIT組"),
        # A justified results line whose URL could not break: the stretch follows "：".
        (Column.RESULT, "網址：", "https", "已完成流程簡化。\n網址：https"),
    ],
)
def test_a_line_stretched_across_its_cell_has_no_space(
    column: Column, head: str, tail: str, want: str
) -> None:
    page = make_page(with_verticals=True)
    x = XS[column] + 4
    stretched = (*run(head, x, 128), *run(tail, x + 50, 128))
    other = XS[3] if column == Column.RESULT else XS[4]
    # "a b" in another column: the page draws its spaces as glyphs.
    chars = (*page.chars, *run("a b", other + 4, 128), *stretched)
    grid = page_to_grid(PageContent(1, 595, 842, chars, page.rulings))
    assert grid is not None
    assert [c.text for c in grid.cells if c.column == column][-1] == want


def test_column_gap_beside_a_short_column_of_text_is_not_the_boundary() -> None:
    # One short result ("不適用") leaves more white under its label than the gap before it.
    chars = header_chars()
    header = lines_to_header(chars_to_lines(chars), [])
    assert header is not None
    body = [*run("研考", XS[3] + 4, 70), *run("不適", XS[4] + 4, 70)]
    cols = gaps_to_columns(header, [(c.x0, c.x1) for c in body], (None,) * 6, outer=(XS[0], XS[-1]))
    assert XS[3] + 24 < cols[4] <= XS[4] + 4


# --- tolerances: relative to the page's font size, and really used -------------------------


def scaled_page(page: PageContent, k: float) -> PageContent:
    """The page drawn `k` times as large: every coordinate and font size times `k` (a power
    of two, so every product is exact and only a tolerance in points could tell them apart)."""
    chars = tuple(
        Char(c.text, c.x0 * k, c.top * k, c.x1 * k, c.bottom * k, c.size * k, c.upright)
        for c in page.chars
    )
    rules = tuple(Ruling(r.x0 * k, r.top * k, r.x1 * k, r.bottom * k) for r in page.rulings)
    return PageContent(page.page_no, page.width * k, page.height * k, chars, rules)


def spaced_page() -> PageContent:
    """`make_page` whose producer draws its space glyphs 0.4 pt (0.04 em) after the glyph
    before them, with a justified line whose CJK-Latin gap is spacing, not a space."""
    page = make_page(with_verticals=True)
    extra = run("正成長", XS[4] + 4, 128, gap=0.6) + run("3.63%", XS[4] + 4 + 34.3, 128)
    chars = [
        Char(" ", c.x0 + 0.4, c.top, c.x1 + 0.4, c.bottom, c.size) if c.text == " " else c
        for c in (*page.chars, *extra)
    ]
    return PageContent(1, 595, 842, tuple(chars), page.rulings)


def grid_shape(grid: PageGrid | None, k: float) -> tuple[object, ...]:
    """What a page's grid says, its coordinates divided by `k`."""
    assert grid is not None
    cells = [
        (c.column, c.last_column, c.text, c.x0 / k, c.top / k, c.x1 / k, c.bottom / k)
        for c in grid.cells
    ]
    furniture = [
        (
            f.kind,
            f.text,
            f.bbox and (f.bbox.x0 / k, f.bbox.top / k, f.bbox.x1 / k, f.bbox.bottom / k),
        )
        for f in grid.furniture
    ]
    return (
        cells,
        furniture,
        [x / k for x in grid.columns],
        grid.body_top / k,
        grid.body_bottom / k,
        grid.lattice_columns,
        grid.lattice_rows,
    )


@pytest.mark.parametrize("k", [0.25, 0.5, 2.0, 4.0])
def test_a_page_reads_alike_at_any_font_size(k: float) -> None:
    """A 2.5 pt and a 40 pt rendering of one page (at 300 dpi a 10 pt body is ~40 px) give
    the same grid: every tolerance is relative to the page's body size."""
    page = spaced_page()
    at_10 = page_to_grid(page)
    assert grid_shape(at_10, 1.0) == grid_shape(page_to_grid(scaled_page(page, k)), k)
    assert at_10 is not None
    assert ("other", "第 1 頁") in [(f.kind, f.text) for f in at_10.furniture]
    assert at_10.cells[-1].text == "已完成流程簡化。\n正成長3.63%"


def test_tolerances_in_points_follow_the_body_size() -> None:
    at9, at12 = GridSettings().for_size(9.0), GridSettings().for_size(12.0)
    for name in ("snap_tolerance", "min_cell_height", "margin", "min_rule_length", "space_touch"):
        assert getattr(at12, name) / getattr(at9, name) == pytest.approx(12.0 / 9.0), name
    assert at12.row_order_step == pytest.approx(0.12)


def test_line_group_ratio_decides_which_glyphs_share_a_line() -> None:
    # "尾" sits 4 pt (0.4 em) lower than "第一行": one line within 0.45 em, two within 0.3.
    chars = run("第一行", 0, 0) + run("尾", 40, 4)
    assert [ln.text for ln in chars_to_lines(chars)] == ["第一行 尾"]
    tight = GridSettings(line_group_ratio=0.3)
    assert [ln.text for ln in chars_to_lines(chars, tight)] == ["第一行", "尾"]


def test_even_gap_ratio_decides_what_is_one_stretched_line() -> None:
    # "計量課" spread over a units cell with gaps of 17.5 and 17.9 pt (0.04 em apart).
    chars = run("計", 0, 0) + run("量", 27.5, 0) + run("課", 55.4, 0)
    assert chars_to_text(chars) == "計量課"
    assert chars_to_text(chars, GridSettings(even_gap_ratio=0.01)) == "計 量 課"


def test_min_rule_ratio_decides_what_is_a_speck() -> None:
    rules = [hline(0, 100, 10), vline(50, 10, 12)]  # a 2 pt vertical: 0.2 em at 10 pt
    assert len(merge_rulings(rules)) == 2
    assert len(merge_rulings(rules, GridSettings(min_rule_ratio=0.25))) == 1


def test_space_touch_ratio_decides_whether_the_producer_draws_spaces() -> None:
    # A space glyph starting 0.4 pt after "計": drawn by the producer within 0.05 em.
    chars = [*run("計", 0, 0), Char(" ", 10.4, 0, 15.4, 10, SIZE), *run("1", 16, 0)]
    assert draws_spaces(chars)
    assert not draws_spaces(chars, GridSettings(space_touch_ratio=0.03))


def test_label_wrap_ratio_decides_whether_a_label_wrapped() -> None:
    # "執行績效" / "與成果": the label's second line 6 pt (0.6 em) below its first.
    chars = [c for c in header_chars() if c.text not in "與成果"]
    chars += run("與成果", XS[4] + 60, 66)
    lines = chars_to_lines(chars)
    header = lines_to_header(lines, [])
    assert header is not None and header.variant == "執行績效與成果"
    assert header.bottom == 76
    tight = lines_to_header(lines, [], GridSettings(label_wrap_ratio=0.5))
    assert tight is not None and tight.bottom == 60


# --- a merged cell's rest printed across the table's lower edge -----------------------------


def cut_page(
    score_top: float, *, closed: bool = False, extra: tuple[Char, ...] = ()
) -> PageContent:
    """A page the break cut inside a merged item cell: the last rule closes the sub-indicator,
    units and results columns only (or every column, `closed`), and the item's score line
    stands at `score_top` (Chromium paints it across the rule at y=160)."""
    chars = [
        *header_chars(50),
        *run("1.訂定申", XS[1] + 4, 70),
        *run("(1) 訂定申辦業務標準", XS[2] + 4, 70),
        *run("各單位", XS[3] + 4, 70),
        *run("完成訂定商品報驗發證", XS[4] + 4, 70),
        *run("(2) 提升服務及時性", XS[2] + 4, 114),
        *run("各單位", XS[3] + 4, 114),
        *run("已完成流程簡化。", XS[4] + 4, 114),
        *run("服務一致", XS[0] + 4, 128),
        *run("(100分)", XS[0] + 4, 142),
        *run("得分：88", XS[0] + 4, score_top),
        *extra,
    ]
    rules = [
        hline(XS[0], XS[-1], 45),
        hline(XS[0], XS[-1], 65),
        hline(XS[2], XS[-1], 110),
        hline(XS[0] if closed else XS[2], XS[-1], 160),
        *(vline(x, 45, 160) for x in XS),
    ]
    return PageContent(1, 595, 842, tuple(chars), tuple(rules))


def item_and_other(page: PageContent) -> tuple[str, list[str]]:
    grid = page_to_grid(page)
    assert grid is not None
    [item] = [c.text for c in grid.cells if c.column == Column.ITEM]
    return item, [f.text for f in grid.furniture if f.kind == "other"]


def test_a_merged_cells_rest_printed_across_the_last_rule_stays_in_its_cell() -> None:
    item, other = item_and_other(cut_page(156))  # 156-166: across the rule at 160
    assert item == "服務一致\n(100分)\n得分：88"
    assert other == []


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(cut_page(162), id="wholly below the rule"),
        pytest.param(cut_page(156, closed=True), id="the rule closes the item column"),
        pytest.param(
            cut_page(156, extra=tuple(run("註：各單位自評", XS[3] + 4, 164))),
            id="other text in the band",
        ),
    ],
)
def test_text_under_the_last_rule_is_no_cells_rest_without_that_evidence(
    page: PageContent,
) -> None:
    item, other = item_and_other(page)
    assert item == "服務一致\n(100分)"
    assert "得分：88" in other


# --- a page without any space glyph after pages that draw them ------------------------------


def page_without_space_glyphs() -> PageContent:
    """`make_page` with no space glyph at all, and a justified results line whose CJK-Latin
    gap (LibreOffice's autospace plus the spread) is 2.6 pt (LibreOffice, seed 5407)."""
    page = make_page(with_verticals=True)
    line = run("截至年底計", XS[4] + 4, 128, gap=0.1) + run("31,123", XS[4] + 4 + 53.0, 128)
    chars = [c for c in (*page.chars, *line) if not c.text.isspace()]
    return PageContent(2, 595, 842, tuple(chars), page.rulings)


def test_a_page_without_space_glyphs_reads_as_the_pages_before_it() -> None:
    first = page_to_grid(make_page(with_verticals=True))  # draws its spaces ("第 1 頁")
    assert first is not None and first.spaces_drawn
    alone = page_to_grid(page_without_space_glyphs())
    assert alone is not None and not alone.spaces_drawn
    assert alone.cells[-1].text.endswith("截至年底計 31,123")  # a gap alone could be a space
    after = page_to_grid(page_without_space_glyphs(), previous=first)
    assert after is not None and after.spaces_drawn
    assert after.cells[-1].text.endswith("截至年底計31,123")
    # a page that has space glyphs, none drawn by the glyph before, decides for itself
    page = page_without_space_glyphs()
    spaced = (*page.chars, Char(" ", 300, 820, 305, 830, SIZE))
    own = page_to_grid(PageContent(2, 595, 842, spaced, page.rulings), previous=first)
    assert own is not None and not own.spaces_drawn


def _with_a_note_column(page: PageContent, chars: list[Char], right: float) -> PageGrid:
    """The grid of `make_page`'s page with `chars` and a ruled column beyond the five up to
    `right`."""
    rules = [
        *(r for r in page.rulings if not (r.horizontal and r.x1 == XS[-1])),
        *(hline(XS[0], right, y) for y in (45, 65, 160)),
        hline(XS[2], right, 110),
        vline(right, 45, 160),
    ]
    grid = page_to_grid(PageContent(1, 595, 842, tuple(chars), tuple(rules)))
    assert grid is not None
    return grid


def test_a_url_overrunning_its_cell_into_a_column_beyond_the_five_stays_the_results() -> None:
    """A browser lets a URL overrun its cell's rule into the next cell ("…gov.tw/" over the
    自評分數 cell); before, the glyphs past the rule went to that column ("125 tw/") and
    the results' URL lost them, status ok."""
    page = make_page(with_verticals=True)
    right = XS[-1] + 45.0
    url = run("提供線上申辦網址：https://www.example.gov.tw/", XS[4] + 4, 84)
    assert url[-1].x1 > XS[-1] + 10  # "tw/" stands past the results' rule
    chars = [
        *page.chars,
        *run("自評分數", XS[-1] + 2, 50),
        *run("125", XS[-1] + 4, 70),
        *url,
    ]
    grid = _with_a_note_column(page, chars, right)
    results = [c.text for c in grid.cells if c.column == Column.RESULT]
    assert results[0] == "完成訂定商品報驗發證\n提供線上申辦網址：https://www.example.gov.tw/"
    assert [(e.label, "".join(ln.text for ln in e.lines)) for e in grid.extras] == [
        ("自評分數", "125")
    ]


def test_an_ideograph_where_the_next_columns_lines_start_is_its_own() -> None:
    """ "…19 日" overruns the results' rule; the note cell's "一" ("詳附件" / "一") touches it
    where that column's lines start: the note's, not the results' ("日一", status ok)."""
    page = make_page(with_verticals=True)
    right = XS[-1] + 45.0
    start = XS[-1] + 6
    overrun = Char("日", XS[-1] - 4, 84, XS[-1] + 6, 84 + SIZE, SIZE)
    chars = [
        *page.chars,
        *run("備註", XS[-1] + 2, 50),
        *run("於12月19", XS[-1] - 4 - 40, 84),
        overrun,
        *run("詳附件", start, 70),
        *run("一", start, 84),
        *run("含線", start, 98),
        *run("依本局", start, 124),
        *run("考核", start, 138),
    ]
    grid = _with_a_note_column(page, chars, right)
    results = [c.text for c in grid.cells if c.column == Column.RESULT]
    assert results[0].replace(" ", "") == "完成訂定商品報驗發證\n於12月19日"
    assert [(e.label, "".join(ln.text for ln in e.lines)) for e in grid.extras] == [
        ("備註", "詳附件一含線"),
        ("備註", "依本局考核"),
    ]


def test_the_gap_before_a_label_its_text_starts_under_is_the_columns_edge() -> None:
    """Between the results' label and a further column's, left-aligned like its text: a
    justified results line's 5 pt space came first and was taken for the edge (the line's
    last word then in the further column: reportlab, seed 9026); the 17.8 pt gap before the
    text that starts under the label is the edge."""
    spans = [(533.1, 678.06), (683.06, 743.06), (760.89, 800.89)]
    assert gap_between(spans, 677.3, 760.89, reach=3.0) == pytest.approx(751.975)
    # Text starting farther right than the reach: the gap before the label ends under it,
    # white beside a short column of text, and the gap that ends where text starts wins.
    farther = [*spans[:2], (770.0, 800.0)]
    assert gap_between(farther, 677.3, 760.89, reach=3.0) == pytest.approx(680.56)


def test_a_run_past_the_edge_from_a_space_centred_on_it_goes_with_the_glyph_before() -> None:
    """A justified line's space can stand centred on the results' edge (the edge is the
    middle of that very gap): the run after it was homed on the space, which no cell's
    frame holds, and its text was lost (reportlab, seed 9026).  Its home is the glyph
    before the space."""
    k = Char("k", 668.06, 132.6, 678.06, 142.6, SIZE)
    space = Char(" ", 678.06, 132.6, 683.06, 142.6, SIZE)
    past = run("粉絲", 683.06, 132.6)
    homes = run_on([k, space], past, 680.56, DEFAULT_GRID_SETTINGS)
    assert [homes[id(c)] for c in past] == [k, k]


def test_a_glyph_inside_the_body_that_no_cell_takes_is_listed_as_unread() -> None:
    """A glyph centred just past the results' rule (within the tolerance the body reaches)
    falls in no cell's frame: it is kept as text outside the table and listed in `unread`
    (the stitcher's `text_in_table_unread` check fails the document)."""
    page = make_page(with_verticals=True)
    past = Char("。", XS[-1] - 4, 128, XS[-1] + 5, 128 + SIZE, SIZE)
    grid = page_to_grid(PageContent(1, 595, 842, (*page.chars, past), page.rulings))
    assert grid is not None
    assert [f.text for f in grid.unread] == ["。"]
    assert "。" in [f.text for f in grid.furniture]
    plain = page_to_grid(page)
    assert plain is not None and plain.unread == ()


@pytest.mark.parametrize("ruled", [True, False])
def test_a_wrapped_results_labels_rest_is_no_column(ruled: bool) -> None:
    """LibreOffice wraps a narrowed results label "執行績效與" / "成果": "執行績效" is found
    (a short form of the label), and "與" after it was read as a column beyond the five,
    one with no width, its neighbours' edges shifted (the 自評分數 of a row then read into
    the results, status ok: libreoffice-extra seeds 12, 22, 26)."""
    chars = [c for c in header_chars() if c.x0 < XS[4]]
    for n, text in enumerate(("執行績效與", "成果")):
        chars += run(text, (XS[4] + XS[5] - len(text) * SIZE) / 2, 50.0 + n * 12)
    for k, lines in enumerate((("自評分", "數"), ("檢討與", "改善"))):
        for n, text in enumerate(lines):
            chars += run(
                text, (EXTRA_XS[k] + EXTRA_XS[k + 1] - len(text) * SIZE) / 2, 50.0 + n * 12
            )
    xs = XS + EXTRA_XS[1:3]
    rules = [hline(xs[0], xs[-1], 45), hline(xs[0], xs[-1], 77)]
    rules += [vline(x, 45, 200) for x in xs] if ruled else []
    header = lines_to_header(chars_to_lines(chars), rules)
    assert header is not None
    assert [label for label, _ in header.extras] == ["自評分數", "檢討與改善"]


def _starts_at(x: float, tops: tuple[float, ...], text: str = "詳附") -> list[Char]:
    return [c for top in tops for c in run(text, x, top)]


def test_a_score_a_space_and_a_cells_padding_after_the_results_line_is_the_scores() -> None:
    """LibreOffice: "透過 LINE" then a no-break space crossing the results' rule, then the
    row's 自評分數 "146" where that column's lines start (3 pt right of its rule, as the
    next column's many lines show: that column holds one number on the page).  It was
    read into the results ("LINE 146官方帳號"), status ok (libreoffice-extra seed 12)."""
    edge, lefts = 455.2, [455.2, 499.7]
    e = Char("E", 446.9, 641.5, 451.9, 651.5, SIZE)
    nbsp = Char("\xa0", 451.9, 641.5, 456.9, 651.5, SIZE)
    score = run("146", 458.2, 641.5)
    other = [*run("167", 458.2, 213.5), *_starts_at(502.7, (213.5, 300.0, 400.0, 641.5))]
    homes = run_on([e, nbsp], [*score, *other], edge, DEFAULT_GRID_SETTINGS, lefts)
    assert not any(id(c) in homes for c in score)
    # Without the columns' edges, a column's starts are counted alone: two are too few.
    homes = run_on([e, nbsp], [*score, *other], edge, DEFAULT_GRID_SETTINGS)
    assert all(id(c) in homes for c in score)


def test_a_glyph_a_little_off_where_the_next_columns_lines_start_runs_on() -> None:
    """Chromium: "24 日" with a no-break space it could not wrap at overruns the results'
    rule; "日" stands 1.1 pt right of where the next column's lines start (to the
    hundredth of a point there): the results' (chromium-extra seed 23: read as 佐證資料's).
    A glyph right where they start, after a space, is that column's."""
    edge, lefts = 466.125, [465.7, 513.7]
    four = Char("4", 458.9, 598.1, 464.9, 610.1, SIZE)
    nbsp = Char("\xa0", 464.9, 598.1, 470.9, 610.1, SIZE)
    day = Char("日", 470.9, 598.1, 482.9, 610.1, SIZE)
    notes = _starts_at(469.8, (100.0, 200.0, 300.0))
    homes = run_on([four], [nbsp, day, *notes], edge, DEFAULT_GRID_SETTINGS, lefts)
    assert homes[id(day)] is four
    at_start = replace(day, x0=469.8, x1=481.8)
    homes = run_on([four], [nbsp, at_start, *notes], edge, DEFAULT_GRID_SETTINGS, lefts)
    assert id(at_start) not in homes


def test_a_glyph_of_the_next_columns_line_under_an_overrun_goes_on_with_its_line() -> None:
    """Chromium: "17 日" overruns the results' rule onto the line of 佐證資料 that reads
    "資料", "日" drawn across "資" (1.2 pt right of it).  "料" touches "日" too, but "資"
    exactly: it is 佐證資料's, not the results' (chromium-extra seed 9267 read "17 日料起"
    and "見佐證資", status ok)."""
    edge, lefts = 466.125, [465.7, 513.7]
    seven = Char("7", 458.9, 98.3, 464.9, 110.3, 12.0)
    nbsp = Char("\xa0", 464.9, 98.3, 470.9, 110.3, 12.0)
    day = Char("日", 470.9, 98.3, 482.9, 110.3, 12.0)
    line = run("資料", 469.8, 98.3, size=12.0)
    notes = [c for top in (81.8, 114.1, 300.0) for c in run("見佐", 469.8, top, size=12.0)]
    homes = run_on([seven], [nbsp, day, *line, *notes], edge, DEFAULT_GRID_SETTINGS, lefts)
    assert homes[id(day)] is seven
    assert not any(id(c) in homes for c in line)


def test_overruns_at_one_x_are_no_column_start() -> None:
    """Chromium: three dates of a page ("103 年 10 月 9 日", no-break spaces) each overrun the
    results' rule with "日" at one x, 1.2 pt left of it; three runs starting at one x read
    as where 佐證資料 starts its lines, so each "日" was that column's ("10 月 9" and
    佐證資料 "日", status ok: chromium-extra seed 10054).  A run a glyph of the results
    leads into is an overrun, not a line start."""
    edge, lefts = 466.125, [466.125, 514.125]
    body, days = [], []
    for top in (208.8, 320.4, 511.7):
        nine = Char("9", 452.91, top, 458.91, top + 12, 12.0)
        nbsp = Char("\xa0", 458.91, top, 464.91, top + 12, 12.0)
        body += [nine, nbsp]
        days.append(Char("日", 464.91, top, 476.91, top + 12, 12.0))
    notes = [c for top in (81.8, 114.1, 400.0) for c in run("見佐", 469.8, top, size=12.0)]
    homes = run_on(body, [*days, *notes], edge, DEFAULT_GRID_SETTINGS, lefts)
    assert [homes[id(d)].text for d in days] == ["9", "9", "9"]  # the glyph before the space
    assert not any(id(c) in homes for c in notes)


def test_a_title_filling_the_tables_width_takes_its_wrapped_rest() -> None:
    """LibreOffice wrapped a long title ("…評核表項目及評分" / "表"): the second line was
    text outside the table, and the document's title lost its last glyph, status ok
    (libreoffice-extra seed 113).  A short title keeps the line under it apart."""
    page = make_page(with_verticals=True)
    body = [c for c in page.chars if c.top > 40]
    agency = "範例市政府衛生局附設範例醫院範例分院範例門診部"
    long_title = agency + "民國112年度提升服務效能評核表項目及評分"
    wrapped = [*run(long_title, XS[0] + 10, 4, size=12.0), *run("表", 280, 16.5, size=12.0)]
    grid = page_to_grid(PageContent(1, 595, 842, (*wrapped, *body), page.rulings))
    assert grid is not None
    assert [f.text for f in grid.furniture if f.kind == "title"] == [long_title + "表"]
    short = [*run("範例市政府112年度評核表", 200, 4, size=12.0), *run("附件", 250, 16.5, size=12.0)]
    grid = page_to_grid(PageContent(1, 595, 842, (*short, *body), page.rulings))
    assert grid is not None
    kinds = [(f.kind, f.text) for f in grid.furniture if f.kind in ("title", "other")]
    assert kinds[:2] == [("title", "範例市政府112年度評核表"), ("other", "附件")]


def test_a_note_after_a_results_lines_space_starts_where_every_column_pads_its_lines() -> None:
    """LibreOffice: "…Facebook" and its space, which crosses the results' rule, then the
    note "見佐證資料" 4 pt past the rule, where every ruled column of the table starts its
    lines; the note column's own two lines were too few to show it, and "見" ran on into
    the results ("Facebook 見粉絲…", status ok: libreoffice-extra seed 150)."""
    page = make_page(with_verticals=True)
    right = XS[-1] + 60.0
    latin = [
        Char(ch, 516.0 + 5 * k, 84, 521.0 + 5 * k, 84 + SIZE, SIZE)
        for k, ch in enumerate("Facebook")
    ]
    space = Char(" ", 556.0, 84, 562.9, 84 + SIZE, SIZE)
    chars = [
        *page.chars,
        *run("附註", XS[-1] + 4, 50),
        *run("透過", 496.0, 84),
        *latin,
        space,
        *run("見佐證", XS[-1] + 4, 84),
        *run("資料", XS[-1] + 4, 98),
    ]
    grid = _with_a_note_column(page, chars, right)
    results = [c.text for c in grid.cells if c.column == Column.RESULT]
    assert results[0].endswith("透過Facebook") or results[0].endswith("透過 Facebook"), results
    assert [(e.label, "".join(ln.text for ln in e.lines)) for e in grid.extras] == [
        ("附註", "見佐證資料")
    ]


def test_text_beside_the_table_at_the_bodys_height_is_listed_as_unread() -> None:
    """A side-by-side dump's cell part the reader placed past the last column (`錄` of
    "依本局考核紀錄" after a long URL line, pdftotext-layout-extra seed 9189) was kept as
    text outside the table, the note lacking it, status ok; so would anything a PDF
    prints beside the table, which no form does."""
    page = make_page(with_verticals=True)
    right = Char("錄", XS[-1] + 10, 84, XS[-1] + 20, 84 + SIZE, SIZE)
    left = Char("附", XS[0] - 15, 114, XS[0] - 5, 114 + SIZE, SIZE)
    grid = page_to_grid(PageContent(1, 595, 842, (*page.chars, right, left), page.rulings))
    assert grid is not None
    assert sorted(f.text for f in grid.unread) == ["錄", "附"]
    # Above or below the body (a title, a footer) is no table text.
    above = Char("附", XS[-1] + 10, 20, XS[-1] + 20, 20 + SIZE, SIZE)
    grid = page_to_grid(PageContent(1, 595, 842, (*page.chars, above), page.rulings))
    assert grid is not None and grid.unread == ()
