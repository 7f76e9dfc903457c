"""Reader fixes for forms of the family (issue 10): small hand-built inputs."""

from __future__ import annotations

from pipeline.extract.radicals import fold_radicals
from pipeline.layout.grid import lines_to_header, open_bottom
from pipeline.layout.primitives import Char, Ruling, TextLine
from pipeline.models import Column, Fragment, Furniture, PageStream
from pipeline.normalise.patterns import HEADER_ROW, SUBTOTAL
from pipeline.structure import tokens_to_document


def test_radicals_fold_to_the_ideographs_chromium_meant() -> None:
    # Chromium + Noto CJK: 面 comes out as U+2FAF, 民 as U+2EA0, 頁 as U+2FB4.
    assert fold_radicals("評核構\u2faf 為\u2ea0服務 第1\u2fb4") == "評核構面 為民服務 第1頁"
    assert fold_radicals("面民頁 abc") == "面民頁 abc"


def test_open_bottom_follows_side_rules_below_the_last_row_rule() -> None:
    cols = (40.0, 100.0, 160.0, 260.0, 320.0, 500.0)
    rules = [
        Ruling(40.0, 700.0, 500.0, 700.0),  # the last complete row's bottom border
        Ruling(40.0, 600.0, 40.0, 780.0),  # side rules run on to the page's content edge
        Ruling(500.0, 600.0, 500.0, 780.0),
    ]
    assert open_bottom(cols, rules, 700.0, 3.0) == 780.0
    # Closed tables (every row's bottom rule drawn) keep their ruled bottom.
    assert open_bottom(cols, rules[:1], 700.0, 3.0) == 700.0


def _line(text: str, x0: float, top: float = 100.0, size: float = 10.0) -> TextLine:
    chars = tuple(
        Char(ch, x0 + i * size, top, x0 + (i + 1) * size, top + size, size)
        for i, ch in enumerate(text)
    )
    return TextLine(text, x0, top, x0 + len(text) * size, top + size, size, chars)


def test_header_labels_of_the_shared_vocabulary() -> None:
    band = [
        _line("評核項目", 40.0),
        _line("評核指標", 100.0),
        _line("次評核指標", 160.0),
        _line("承辦單位", 260.0),
        _line("辦理情形", 320.0),
    ]
    joined = TextLine(
        " ".join(ln.text for ln in band),
        40.0,
        100.0,
        360.0,
        110.0,
        10.0,
        tuple(c for ln in band for c in ln.chars),
    )
    header = lines_to_header([joined], [])
    assert header is not None and header.variant == "辦理情形"
    assert HEADER_ROW.regex.search("評核項目 評核指標 次評核指標 承辦單位 辦理情形")


def test_subtotal_with_a_colon() -> None:
    m = SUBTOTAL.regex.match("小計：178分")
    assert m is not None and m.group("value") == "178"
    assert SUBTOTAL.regex.match("小計：92.5 分") is not None
    assert SUBTOTAL.regex.match("小計說明") is None


def _doc(*item_lines: str) -> object:
    tokens = (
        Furniture("title", "臺北市政府 110年度提升服務效能評核表", 1),
        Furniture("dimension", "構面一(基礎服務)(100分)", 1),
        Fragment(Column.ITEM, item_lines, 1),
        Fragment(Column.INDICATOR, ("1.指標",), 1),
        Fragment(Column.SUB, ("(1) 次指標。",), 1),
    )
    return tokens_to_document(PageStream(tokens=tokens, page_count=1))


def test_item_points_on_the_name_line_and_a_wrapped_score() -> None:
    doc = _doc("服務一致及正確", "性(100分)", "得分：", "88.5")
    item = doc.items[0]  # type: ignore[attr-defined]
    assert (item.name, item.max_points, item.score) == ("服務一致及正確性", 100, 88.5)
    doc = _doc("服務一致及正確性", "(100分)", "得分：88")
    item = doc.items[0]  # type: ignore[attr-defined]
    assert (item.name, item.max_points, item.score) == ("服務一致及正確性", 100, 88)


def test_prefix_signs_stick_to_both_neighbours() -> None:
    from pipeline.layout.stitch import engine_keeps_together

    # "認證 A+標章": a browser cannot break in "A+" nor in "+標".
    assert engine_keeps_together("A", "+")
    assert engine_keeps_together("+", "標")
    assert not engine_keeps_together("認", "證")


def _form(title: str, page: int, dims: tuple[str, ...] = ("一", "二")) -> tuple[object, ...]:
    out: list[object] = [
        Furniture("title", title, page),
        Furniture("category", "第一線服務機關", page),
    ]
    for n in dims:
        out += [
            Furniture("dimension", f"構面{n}(基礎服務)(100分)", page),
            Fragment(Column.ITEM, ("項目", "(100分)", "得分：90"), page),
            Fragment(Column.INDICATOR, ("1.指標",), page),
            Fragment(Column.SUB, ("(1) 次指標。",), page),
            Furniture("subtotal", "小計 90 分", page),
        ]
    return tuple(out)


def test_split_parts_cuts_at_a_new_title_or_restarted_dimensions() -> None:
    from pipeline.structure import split_parts, tokens_to_documents

    a = "臺北市政府 110年度提升服務效能評核表"
    b = "新北市政府 110年度提升服務效能評核表"
    tokens = (
        *_form(a, 1),
        Furniture("other", "總分 180 分", 1),
        *_form(b, 2),  # another agency
        *_form(b, 3),  # the same title again: 構面一 after 構面二
    )
    stream = PageStream(tokens=tokens, page_count=3)  # type: ignore[arg-type]
    parts = split_parts(stream)
    assert [(p.tokens[0].text, p.page_count) for p in parts] == [(a, 1), (b, 1), (b, 1)]
    assert parts[0].tokens[-1] == Furniture("other", "總分 180 分", 1)  # notes stay behind
    docs = tokens_to_documents(stream)
    assert [(d.part_no, d.agency, len(d.rows)) for d in docs] == [
        (1, "臺北市政府", 2),
        (2, "新北市政府", 2),
        (3, "新北市政府", 2),
    ]
    # A form repeating its title on every page is one form.
    one = PageStream(tokens=(*_form(a, 1, ("一",)), *_form(a, 2, ("二",))), page_count=2)  # type: ignore[arg-type]
    assert split_parts(one) == (one,)


def test_a_running_title_ocr_misread_on_one_page_is_the_same_form() -> None:
    from pipeline.structure import split_parts

    a = "經濟部標準檢驗局基隆分局107年度提升服務效能評核表項目及評分表"
    misread = "經濟部漂準檢驗局基隆分局 107年度提升服務效能評核表項目及評分表"
    tokens = (*_form(a, 1, ("一",)), *_form(misread, 2, ("二",)))
    scanned = PageStream(tokens=tokens, page_count=2, ocr_pages=(1, 2))  # type: ignore[arg-type]
    assert split_parts(scanned) == (scanned,)
    # On a text layer the title is what is printed: another title is another form.
    printed = PageStream(tokens=tokens, page_count=2)  # type: ignore[arg-type]
    assert len(split_parts(printed)) == 2
    # Nor does OCR make another year's form the same one.
    other_year = misread.replace("107", "108")
    tokens = (*_form(a, 1, ("一",)), *_form(other_year, 2, ("二",)))
    stream = PageStream(tokens=tokens, page_count=2, ocr_pages=(1, 2))  # type: ignore[arg-type]
    assert len(split_parts(stream)) == 2


def test_an_item_tail_never_opens_an_item() -> None:
    # Issue 10: a merged item cell broke at the page foot; "得分：88" lands at the top of
    # the next page beside a new indicator.
    tokens = (
        Furniture("title", "臺北市政府 110年度提升服務效能評核表", 1),
        Furniture("dimension", "構面一(基礎服務)(200分)", 1),
        Fragment(Column.ITEM, ("服務一致及正確性", "(100分)"), 1),
        Fragment(Column.INDICATOR, ("1.指標一",), 1),
        Fragment(Column.SUB, ("(1) 次指標。",), 1),
        Fragment(Column.ITEM, ("得分：88",), 2),
        Fragment(Column.INDICATOR, ("2.指標二",), 2),
        Fragment(Column.SUB, ("(1) 另一次指標。",), 2),
        Fragment(Column.ITEM, ("服務友善性", "(100分)", "得分：90"), 2),
        Fragment(Column.INDICATOR, ("1.指標三",), 2),
        Fragment(Column.SUB, ("(1) 第三。",), 2),
    )
    doc = tokens_to_document(PageStream(tokens=tokens, page_count=2))
    assert [(i.name, i.max_points, i.score) for i in doc.items] == [
        ("服務一致及正確性", 100, 88),
        ("服務友善性", 100, 90),
    ]
    assert [(r.item_no, r.indicator_no) for r in doc.rows] == [(1, "1"), (1, "2"), (2, "1")]


def test_grid_tolerances_scale_with_the_body_font_size() -> None:
    from pipeline.layout.grid import GridSettings, body_size

    at9, at12 = GridSettings().for_size(9.0), GridSettings().for_size(12.0)
    assert at12.snap_tolerance / at9.snap_tolerance == 12.0 / 9.0
    assert at12.min_cell_height / at9.min_cell_height == 12.0 / 9.0
    chars = [
        Char("字", 0, 0, 11, 11, 11.0),
        Char(" ", 11, 0, 14, 11, 3.0),
        Char("字", 20, 0, 31, 11, 11.0),
    ]
    assert body_size(chars) == 11.0
