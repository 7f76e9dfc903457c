"""Stitch decisions taken from the document's own evidence (issue 10): justified edges that
count a drawn trailing space, words longer than a line, cells overrun by a URL, unit names
that wrap after a unit suffix, Latin words cut where a line was full."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.layout.grid import GridCell
from pipeline.layout.primitives import Char, TextLine
from pipeline.layout.stitch import (
    DEFAULT_STITCH_SETTINGS,
    OCR_OVERRUN_RATIO,
    grids_to_tokens,
    justified_edges,
    latin_wrap_checks,
    lines_to_paragraphs,
    overruns,
    paragraph_starts,
    result_marks,
    right_limit,
    right_limits,
    unit_vocabulary,
    unit_vocabulary_checks,
    units_fragment,
)
from pipeline.models import Column
from tests.unit.test_stitch import FULL, PAD, PITCH, SIZE, XS, cell, frags, grid, line, spread

EDGE = XS[5] - PAD  # where the RESULT column's justified lines end
X = XS[4] + PAD  # where its lines start


def spaced(text: str, top: float) -> TextLine:
    """A justified line that broke at a space: its glyphs spread to end 5pt short of the
    edge, the space glyph drawn after them up to the edge (LibreOffice)."""
    s = spread(text, X, top, EDGE - 5)
    return TextLine(s.text, s.x0, s.top, s.x1, s.bottom, SIZE, s.chars, True, EDGE)


def test_justified_edge_counts_the_space_glyph_drawn_at_a_lines_end() -> None:
    # libreoffice_009: half the spread lines broke at a space and draw it; by their glyphs
    # alone they end 5pt short, the column looked ragged and the short line below was
    # taken for a wrap ("…平均 92.3 分。" + "前述辦理情形…": one paragraph).
    lines = (
        spread("1.本年度辦理櫃臺人員教育訓練", X, 0, EDGE),
        spaced("6場次，計158人次參加；並不", 14),
        spread(FULL[:17], X, 28, EDGE),
        spaced(FULL[:16], 42),
        spread(FULL[:17], X, 56, EDGE),
        spaced(FULL[:16], 70),
        line("電話禮貌測試全年測試二十四次平均分.", X, 84),  # 7pt short, not spread
        line("前述辦理情形均提報所務會議。", X, 98),
    )
    c = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 800, lines)
    edges = justified_edges([c])
    assert edges == {Column.RESULT: pytest.approx(EDGE)}
    paras = lines_to_paragraphs(lines, EDGE, PITCH, edge=edges[Column.RESULT])
    assert [len(p) for p in paras] == [7, 1]


URL = ("https://", "www.example.gov.tw/abc/defg/", "service。")


def test_a_word_longer_than_a_line_started_its_line_whole() -> None:
    # LibreOffice moved the URL whole to a new line (it did not fit after 網址：), then
    # broke it where it had to.  "https://" alone would have fitted: not a paragraph.
    head = line("提供民眾線上申辦，網址：", X, 0)
    lines = [head, *(line(t, X, 14 * (i + 1)) for i, t in enumerate(URL))]
    assert EDGE - head.x1 > line(URL[0], X, 0).x1 - X + SIZE  # room for "https://"
    assert [len(p) for p in lines_to_paragraphs(lines, EDGE, PITCH)] == [4]


def test_a_one_word_line_in_a_justified_cell_was_not_left_short_by_a_paragraph_end() -> None:
    # No gap to spread in "https://www.example.gov.tw/abc/defg": justification left it 7pt
    # short (175pt of 182pt), and "service。" did not fit after it.
    lines = (
        *(spread(FULL[:17], X, 14 * i, EDGE) for i in range(5)),
        line("https://www.example.gov.tw/abc/defg", X, 70),
        line("service。", X, 84),
    )
    c = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 800, lines)
    edge = justified_edges([c])[Column.RESULT]
    assert 0.2 * SIZE < edge - lines[5].x1 < SIZE  # short as a paragraph's last line is
    assert [len(p) for p in lines_to_paragraphs(lines, EDGE, PITCH, edge=edge)] == [7]


def test_a_line_overrunning_its_cell_does_not_move_the_columns_limit() -> None:
    # g006: a URL ran 5pt past the RESULT cell; the limit taken from it left room for "6"
    # after "較去年提升", so "6個百分點。" was read as a new paragraph.
    over = GridCell(Column.RESULT, Column.RESULT, XS[4], 60, XS[5], 200, (line("x" * 38, X, 64),))
    c = cell(Column.RESULT, 200, 300, FULL[:17])
    observed = right_limits([over, c])
    assert observed[Column.RESULT] > XS[5]
    assert right_limit(c, observed) == XS[5]


def _units_page(page: int, *cells: tuple[str, ...]) -> list[GridCell]:
    return [
        cell(Column.UNITS, 60 + 100 * i, 150 + 100 * i, *texts) for i, texts in enumerate(cells)
    ]


# The UNITS column: lines from 304 to its limit 366; "中正區服務所" (60pt) plus any glyph
# overruns it, "秘書室" (30pt) leaves room.
HEAD, TAIL = "中正區服務所", "第二課"


def test_a_unit_name_wrapped_after_a_unit_suffix_is_joined_when_the_document_repeats_it() -> None:
    # chromium_g006: "地政服務所" / "第二課" in every row that names it, never apart: read
    # as one name, and still flagged, for two names listed together twice look the same
    # (make fuzz, reportlab seed 1949: "長期照顧管理中心" / "民政課" in two rows).
    cells = _units_page(1, ("人事室", HEAD, TAIL), (HEAD, TAIL, "秘書室"), ("秘書室", "研考科"))
    vocab = unit_vocabulary([grid(1, cells)])
    assert vocab.joined == {(HEAD, TAIL)} and vocab.unsure == {(HEAD, TAIL)}
    [check] = unit_vocabulary_checks(vocab)
    assert check.check == "unit_wraps" and not check.passed
    units = [o for o in frags(grids_to_tokens([grid(1, cells)])) if o[0] == "UNITS"]
    assert [u[1] for u in units] == [
        "人事室|中正區服務所第二課",
        "中正區服務所第二課|秘書室",
        "秘書室|研考科",
    ]


def test_a_unit_name_ending_like_a_unit_once_is_flagged_not_guessed() -> None:
    cells = _units_page(1, ("人事室", HEAD, TAIL), ("秘書室", "研考科"))
    vocab = unit_vocabulary([grid(1, cells)])
    assert vocab.unsure == {(HEAD, TAIL)} and not vocab.joined
    [check] = unit_vocabulary_checks(vocab)
    assert check.check == "unit_wraps" and not check.passed and HEAD in check.message


def test_a_unit_name_ending_like_a_unit_at_a_page_foot_is_flagged_not_guessed() -> None:
    # LibreOffice 21074: "地政服務所" fills the foot's last units line, "第二課" opens the
    # next page's: one name or two, as on one page; read as two and `ok`, it was wrong.
    foot = [cell(Column.UNITS, 700, 800, "人事室", HEAD)]
    head = [cell(Column.UNITS, 60, 150, TAIL, "秘書室")]
    vocab = unit_vocabulary([grid(1, foot), grid(2, head)])
    assert vocab.unsure == {(HEAD, TAIL)} and not vocab.joined
    # Not cut by the foot, the head ends its cell: two names.
    vocab = unit_vocabulary([grid(1, foot, body_bottom=820.0), grid(2, head)])
    assert not vocab.unsure


def _marked(c: GridCell, *marks: int) -> GridCell:
    """A units cell whose lines a tagged PDF drew in the marked sequences given."""
    lines = tuple(
        replace(ln, chars=tuple(replace(ch, mcid=m) for ch in ln.chars))
        for ln, m in zip(c.lines, marks, strict=True)
    )
    return replace(c, lines=lines)


def _tagged_page(wrap_marks: tuple[int, int], *, pair: tuple[int, int, int]) -> list[GridCell]:
    # Row 1: "人事室" apart from the pair (room left); row 2: a long name wrapped for certain
    # ("長期照顧管理" / "中心": the first line does not end like a name).
    # Row 3: "綜合資訊組" / "(各單位)", one name: "(" alone would have fitted, "(各" not
    # (no break after "("), so the geometry cannot say they are apart.
    rows = ("人事室", HEAD, TAIL), ("長期照顧管理", "中心"), ("綜合資訊組", "(各單位)")
    one, two, three = _units_page(1, *rows)
    return [_marked(one, *pair), _marked(two, *wrap_marks), _marked(three, 9, 9)]


def test_a_tagged_pdfs_marks_tell_one_unit_name_from_two() -> None:
    # Chromium marks each block: "地政服務所" / "第二課" in one sequence is one name (read
    # `ok`, never flagged: 29 % of Chromium forms were false alarms), in two it is two.
    vocab = unit_vocabulary([grid(1, _tagged_page((3, 3), pair=(1, 2, 2)))])
    assert vocab.joined == {(HEAD, TAIL)} and not vocab.unsure
    assert not unit_vocabulary_checks(vocab)
    vocab = unit_vocabulary([grid(1, _tagged_page((3, 3), pair=(1, 2, 4)))])
    assert not vocab.joined and not vocab.unsure


def test_a_tagged_pdfs_marks_tell_paragraphs_where_they_agree_with_the_geometry() -> None:
    # A result cell: "1.…" wrapped at a comma (a wrap for certain), then "2.…" (a start
    # for certain: a marker), then a full heading and the text under it.
    texts = ("1.完成訂定商品報驗，", "發證作業。", "2.技術文件審查電子化：", "驗證登錄。")
    c = _marked(cell(Column.RESULT, 60, 150, *texts), 1, 1, 2, 3)
    results = {id(c): (list(texts), [True, False, True, False])}
    assert result_marks([grid(1, [c])], results) == {id(c): [None, True, False, False]}
    # Each line marked apart: the wrap at the comma contradicts them, they tell nothing.
    c = _marked(c, 1, 4, 2, 3)
    assert result_marks([grid(1, [c])], {id(c): results.popitem()[1]}) == {}


@pytest.mark.parametrize(
    ("wrap_marks", "pair"),
    [
        ((3, 5), (1, 2, 2)),  # each line marked: a name wrapped for certain in two sequences
        ((3, 3), (2, 2, 2)),  # the whole cell marked: names apart for certain in one sequence
    ],
)
def test_marks_that_do_not_agree_with_the_geometry_tell_nothing(
    wrap_marks: tuple[int, int], pair: tuple[int, int, int]
) -> None:
    vocab = unit_vocabulary([grid(1, _tagged_page(wrap_marks, pair=pair))])
    assert vocab.unsure == {(HEAD, TAIL)} and not vocab.joined


@pytest.mark.parametrize(
    "other",
    [
        (HEAD,),  # the head stands alone, last in a cell
        (TAIL, "秘書室"),  # the tail stands first in a cell
        ("秘書室", TAIL),  # the tail follows a line that left room for it
        (HEAD, "研考科"),  # the head is followed by another name elsewhere
    ],
)
def test_units_the_document_shows_apart_stay_apart(other: tuple[str, ...]) -> None:
    cells = _units_page(1, ("人事室", HEAD, TAIL), (HEAD, TAIL), other)
    vocab = unit_vocabulary([grid(1, cells)])
    assert not vocab.joined and not vocab.unsure


def test_a_spread_units_line_keeps_the_space_the_engine_put_between_digits_and_cjk() -> None:
    # LibreOffice: "1999市民熱" justified to the column's limit (366), 2.2pt of autospacing
    # after "9" and 3.27pt of spread between the ideographs.  Its glyphs alone (50pt) and
    # "線" (10pt) would fit; with the autospacing (52.2pt) they overrun: "線" is the
    # name's wrapped end.
    xs = [304.0, 309.0, 314.0, 319.0, 326.2 + 3.27, 336.2 + 2 * 3.27, 346.2 + 3 * 3.27]
    chars = tuple(
        Char(ch, x, 64, x + (5 if ch.isdigit() else 10), 74, SIZE)
        for ch, x in zip("1999市民熱", xs, strict=True)
    )
    first = TextLine("1999市民熱", 304, 64, chars[-1].x1, 74, SIZE, chars)
    assert first.x1 == pytest.approx(XS[4] - PAD, abs=0.05)
    c = GridCell(Column.UNITS, Column.UNITS, XS[3], 60, XS[4], 150, (first, line("線", 304, 78)))
    frag = units_fragment(c, 1, False, {Column.UNITS: first.x1})
    assert frag.lines == ("1999市民熱線",)


def test_a_latin_word_cut_where_the_line_was_full_is_flagged() -> None:
    cut = cell(Column.RESULT, 60, 150, "透過官方帳號及粉絲專頁發布訊息及 Fac", "ebook 粉絲專頁。")
    assert cut.lines[0].x1 > EDGE - SIZE / 2  # no room for one more letter
    [check] = latin_wrap_checks([grid(1, [cut])])
    assert check.check == "latin_wrap_unsure" and "Fac / ebook" in check.message
    # With room left for more letters, the engine wrapped at a space.
    room = cell(Column.RESULT, 60, 150, "透過官方帳號及 call", "center 諮詢服務。")
    assert latin_wrap_checks([grid(1, [room])]) == []
    # A word the document prints whole elsewhere decides it.
    whole = cell(Column.RESULT, 200, 300, "提供 Facebook 粉絲專頁")
    assert latin_wrap_checks([grid(1, [cut, whole])]) == []


def test_latin_words_a_wrap_with_room_shows_whole_decide_a_full_lines_wrap() -> None:
    # reportlab-extra seeds 26, 53, 125: "提供 call" / "center 諮詢服" in every result that
    # prints the template, and "(2)提供 call" / "center 諮詢服" where "(2)" filled the line.
    # No engine breaks a word where its next letter fits: where the line left room, "call"
    # ended a word and "center" opened one, and the full line's wrap is read so, unflagged.
    full = cell(
        Column.RESULT, 60, 150, "透過官方帳號及粉絲專頁發布訊息及 call", "center 諮詢服務。"
    )
    assert full.lines[0].x1 > EDGE - SIZE / 2
    [check] = latin_wrap_checks([grid(1, [full])])
    assert "call / center" in check.message
    room = cell(Column.RESULT, 200, 300, "提供 call", "center 諮詢服務。")
    assert latin_wrap_checks([grid(1, [full, room])]) == []
    # Room for the letter but not an em more: a dump's pitch may have misplaced the end.
    tight = cell(Column.RESULT, 200, 300, "透過官方帳號及粉絲專頁發布訊息 call", "center 諮詢。")
    assert SIZE / 2 + 0.05 * SIZE < EDGE - tight.lines[0].x1 <= SIZE / 2 + 1.05 * SIZE
    assert latin_wrap_checks([grid(1, [full, tight])])
    # A head word running to its line's end may go on: only the tail is shown whole.
    open_end = cell(Column.RESULT, 200, 300, "提供 call", "center", "諮詢服務。")
    assert latin_wrap_checks([grid(1, [full, open_end])])
    # An OCR'd page's line ends are ink: its room tells nothing.
    pages = [grid(1, [full]), grid(2, [room])]
    assert latin_wrap_checks(pages, ocr_pages={2})
    assert latin_wrap_checks(pages) == []

    # A line that is a broken word's rest ("ca" / "ll") ends that word, not one of its own:
    # "ll" is no word, so "ca" / "ll" at a full line stays undecided.
    cut = cell(Column.RESULT, 60, 150, "透過官方帳號及粉絲專頁發布訊息並及 ca", "ll 諮詢服務。")
    assert cut.lines[0].x1 > EDGE - SIZE / 2
    inner = cell(Column.RESULT, 200, 300, "提供 ca 與 ll 之外")  # both whole once
    rest = cell(Column.RESULT, 400, 500, "提供", "ll", "center 諮詢。")
    assert latin_wrap_checks([grid(1, [cut, inner])]) == []
    assert latin_wrap_checks([grid(1, [cut, replace(inner, lines=inner.lines[:0])])])
    [check] = latin_wrap_checks([grid(1, [cut, cell(Column.RESULT, 200, 300, "提供 ca 與"), rest])])
    assert "ca / ll" in check.message


def test_two_latin_words_an_ocr_page_ran_together_tell_nothing() -> None:
    # "call" / "center" wrapped where the line was full; the document prints "call center"
    # (two words) and, on a page read by OCR, "callcenter": OCR drops the space between
    # Latin words at random, so that is no word of its own, and the halves decide.
    full = cell(
        Column.RESULT, 60, 150, "透過官方帳號及粉絲專頁發布訊息及 call", "center 諮詢服務。"
    )
    assert full.lines[0].x1 > EDGE - SIZE / 2
    apart = cell(Column.RESULT, 200, 300, "提供 call center 諮詢")
    joined = cell(Column.RESULT, 60, 150, "提供callcenter諮詢")
    pages = [grid(1, [full, apart]), grid(2, [joined])]
    assert latin_wrap_checks(pages, ocr_pages={2}) == []
    # Printed so on a text layer, the run-together word stands: nothing tells.
    assert latin_wrap_checks(pages)


def test_a_units_line_a_glyph_short_of_its_limit_by_a_border_is_full() -> None:
    # Chromium: "1999市民熱" (51.7pt) + "線" would end 0.3pt inside the limit read from the
    # cell's box and padding (366); the cell's border took that 0.3pt, and the name wrapped.
    xs = [304.0, 309.0, 314.0, 319.0, 325.7, 335.7, 345.7]
    chars = tuple(
        Char(ch, x, 64, x + (5 if ch.isdigit() else 10), 74, SIZE)
        for ch, x in zip("1999市民熱", xs, strict=True)
    )
    first = TextLine("1999市民熱", 304, 64, chars[-1].x1, 74, SIZE, chars)
    assert XS[4] - PAD - (first.x1 + SIZE) == pytest.approx(0.3)
    c = GridCell(Column.UNITS, Column.UNITS, XS[3], 60, XS[4], 150, (first, line("線", 304, 78)))
    assert units_fragment(c, 1, False, {}).lines == ("1999市民熱線",)


def test_a_section_is_a_whole_name_unless_a_squad_follows() -> None:
    # "動植物防疫課" fills the column; a 課 has at most squads (股) under it.
    cells = _units_page(1, ("人事室", "動植物防疫課", "報驗發證課"), ("秘書室", "研考科"))
    vocab = unit_vocabulary([grid(1, cells)])
    assert not vocab.joined and not vocab.unsure
    squad = _units_page(1, ("人事室", "動植物防疫課", "檢疫股"), ("秘書室", "研考科"))
    assert unit_vocabulary([grid(1, squad)]).unsure == {("動植物防疫課", "檢疫股")}


def test_a_name_closed_by_its_qualifier_is_whole() -> None:
    # "資訊（各區）" fills the column: a name goes on before its qualifier, never after it, so
    # "資訊室" under it is a name of its own (pdftotext -layout seeds 17673, 17816, 17839:
    # "資訊小組(各單位)" / "資訊室" flagged as maybe one name).
    cells = _units_page(1, ("人事室", "資訊（各區）", "資訊室"), ("秘書室", "研考科"))
    vocab = unit_vocabulary([grid(1, cells)])
    assert not vocab.joined and not vocab.unsure


def test_an_ocr_lines_ideograph_boxed_to_its_ink_still_takes_an_em() -> None:
    # "食品藥物管理" / "科" in a units column 6.97 em wide: the name wrapped, since 科 (an em)
    # did not fit after it.  On an OCR'd page "科" read alone is boxed to its ink, 0.9 em:
    # by that width it would have fitted, and the two were read as two names.
    from dataclasses import replace

    x, limit = 100.0, 100.0 + 6.97 * SIZE
    head = line("食品藥物管理", x, 0)
    ink = Char("科", x + 0.05 * SIZE, 14, x + 0.95 * SIZE, 14 + SIZE, SIZE)
    tail = TextLine("科", ink.x0, 14, ink.x1, 14 + SIZE, SIZE, (ink,))
    ocr = replace(DEFAULT_STITCH_SETTINGS, advances_seen=False)
    assert overruns(head, tail, limit, ocr)
    assert not overruns(head, tail, limit)  # a text layer's box is the advance: fits
    assert not overruns(head, line("1", x, 14), limit, ocr)  # a digit is no em wide
    # Ink and rulings place the line's end and the limit to a tenth or two of an em: on
    # OCR'd pages coming within OCR_OVERRUN_RATIO of the limit is overrunning it.
    wider = limit + 0.2 * SIZE
    assert not overruns(head, tail, wider, ocr)
    assert overruns(head, tail, wider, replace(ocr, overrun_ratio=OCR_OVERRUN_RATIO))


def _printed(text: str, *boxes: tuple[float, float], top: float = 64) -> TextLine:
    """A 12 pt line: its text and each glyph's box (spaces have none)."""
    glyphs = text.replace(" ", "")
    chars = tuple(
        Char(t, x0, top, x1, top + 12, 12.0) for t, (x0, x1) in zip(glyphs, boxes, strict=True)
    )
    return TextLine(text, chars[0].x0, top, chars[-1].x1, top + 12, 12.0, chars)


def test_a_latin_wrap_after_a_line_justification_spread_to_its_edge_left_room() -> None:
    """chromium-extra 9867 and 9910: "③提供 call" / "center 諮詢服" in a narrow results
    column, its ideographs 8.2 pt apart, spread to the edge after Chromium wrapped at the
    space; and "• 提供 call" with 0.36 pt of letter-spacing in every gap.  The lines ended
    at the edge, so they were taken for full lines an engine may have broken a word at,
    and flagged `latin_wrap_unsure` in every row (9 % of chromium-extra forms).  Without
    the spread they left room for "c" and more: the engine wrapped at a space."""
    spread = _printed(
        "③提供 call",
        *[(385.5, 397.5), (405.72, 417.72), (425.94, 437.94)],
        *[(457.06, 463.18), (463.05, 469.8), (469.8, 473.21), (473.21, 476.62)],
    )
    lettered = _printed(
        "• 提供 call",
        *[(374.91, 385.9), (396.57, 407.57), (412.75, 423.74)],
        *[(439.59, 445.09), (445.45, 450.95), (451.32, 456.82), (457.18, 462.68)],
    )
    for first, x0, x1 in ((spread, 381.5, 481.0), (lettered, 370.91, 467.05)):
        below = _printed(
            "center 諮詢",
            *[(x0 + 4, x0 + 10.1), (x0 + 10.1, x0 + 16.7), (x0 + 16.7, x0 + 24.0)],
            *[(x0 + 24.0, x0 + 28.5), (x0 + 28.5, x0 + 35.1), (x0 + 35.1, x0 + 39.8)],
            *[(x0 + 48.0, x0 + 60.0), (x0 + 65.0, x0 + 77.0)],
            top=82,
        )
        c = GridCell(Column.RESULT, Column.RESULT, x0, 60, x1, 150, (first, below))
        assert right_limit(c, right_limits([c])) - first.x1 < 0.5  # at the edge
        assert latin_wrap_checks([grid(1, [c])]) == [], first.text
    # Spread by less than a letter over its gaps, a full line still may have broken a word.
    tight = _printed(
        "透過官方 Fac",
        *[(385.5, 397.5), (397.9, 409.9), (410.3, 422.3), (422.7, 434.7)],
        *[(438.0, 444.5), (444.5, 451.2), (451.2, 457.3)],
    )
    rest = _printed("ebook", *[(385.5 + 6 * i, 391.5 + 6 * i) for i in range(5)], top=82)
    c = GridCell(Column.RESULT, Column.RESULT, 381.5, 60, 461.5, 150, (tight, rest))
    [check] = latin_wrap_checks([grid(1, [c])])
    assert "Fac / ebook" in check.message


def test_a_url_at_a_page_foot_may_run_on_overleaf() -> None:
    """LibreOffice: "網址：" then "https://" at a page foot, the URL's rest overleaf
    ("www.example." / "gov.tw/" / "service。").  The engine moved the whole URL to its own
    line because it did not fit after "網址："; "https://" alone would have, so it was read
    as opening a paragraph ("網址：\nhttps://…", status ok: libreoffice-extra 9746).  In a
    cell the foot cut, a URL that opens a line and runs to the cell's end unended is of
    unknown width: a wrap.  A cell the foot did not cut, and a URL ended by its full stop,
    show theirs."""
    lines = [line("網址：", 374, 64), line("https://", 374, 78)]
    limit = 374 + 80.0  # room for "https://" (40 pt) after "網址：" (30 pt)
    assert paragraph_starts(lines, limit, 0) == [True, True]
    assert paragraph_starts(lines, limit, 0, open_end=True) == [True, False]
    unended = [lines[0], line("www.gov.tw", 374, 78)]  # fits: 50 pt in 60
    assert paragraph_starts(unended, limit + 10, 0, open_end=True) == [True, False]
    closed = [lines[0], line("www.tw。", 374, 78)]
    assert paragraph_starts(closed, limit, 0, open_end=True) == [True, True]
