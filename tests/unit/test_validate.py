"""Checks fail when the data is wrong: each check on a document built by hand."""

from __future__ import annotations

from dataclasses import replace

from pipeline.models import CellRef, Column, Dimension, Document, Item, Row
from pipeline.validate import validate


def make_doc(
    subtotal: float = 90, score2: float = 50, units: tuple[str, ...] = ("各單位",)
) -> Document:
    dim = Dimension(1, "基礎服務", 200, subtotal, 1, 2, "評核構面一(基礎服務)(200分)")
    items = (Item(1, 1, "服務甲", 100, 40, 1, 1), Item(1, 2, "服務乙", 100, score2, 2, 2))
    rows = (
        Row(1, 1, 1, "1", "指標", None, "次指標", units, None, 1, 1),
        Row(2, 1, 2, None, None, "(1)", "次指標二", ("各單位",), "成果", 2, 2),
    )
    return Document("機關", 107, "t", "c", 2, (dim,), items, rows)


def failed(doc: Document) -> set[str]:
    return {c.check for c in validate(doc) if not c.passed}


def test_good_document_passes_everything() -> None:
    assert failed(make_doc()) == set()


def test_subtotal_mismatch() -> None:
    assert failed(make_doc(subtotal=95)) == {"subtotal_matches_items"}


def test_score_over_max() -> None:
    assert "score_within_max" in failed(make_doc(subtotal=190, score2=150))


def test_item_max_must_fill_the_dimension() -> None:
    doc = make_doc()
    doc = replace(doc, items=(doc.items[0], replace(doc.items[1], max_points=60)))
    assert failed(doc) == {"item_max_matches_dimension"}


def test_row_without_indicator_or_sub() -> None:
    doc = make_doc()
    doc = replace(doc, rows=(*doc.rows, Row(3, 1, 2, None, None, None, None, (), "已完成", 2, 2)))
    assert failed(doc) == {"row_has_indicator"}


def test_a_row_whose_sub_indicator_holds_no_word_has_none() -> None:
    # A page footer ("- 9 -") read "-9=" where no footer reads so, made a row of its own.
    doc = make_doc()
    footer = Row(3, 1, 2, None, None, None, "-9=", (), None, 2, 2)
    assert "row_has_indicator" in failed(replace(doc, rows=(*doc.rows, footer)))
    latin = Row(3, 1, 2, None, None, None, "QR code", (), None, 2, 2)
    assert "row_has_indicator" not in failed(replace(doc, rows=(*doc.rows, latin)))


def test_results_text_in_units_column() -> None:
    assert failed(make_doc(units=("完成訂定商品報驗發證、免驗案件",))) == {"units_known"}
    # the results' first list marker printed against a name (seed 10011 of -layout)
    assert failed(make_doc(units=("1999市民熱線(1)",))) == {"units_known"}
    assert failed(make_doc(units=("衛生所(各區)",))) == set()


def test_dimension_numbers_in_order() -> None:
    doc = make_doc()
    doc = replace(doc, dimensions=(replace(doc.dimensions[0], dimension_no=2),))
    assert "dimension_sequence" in failed(doc)


def test_a_dimension_without_a_heading_in_a_form_that_prints_them() -> None:
    # `chromium-extra` 10657: the first heading on a page of its own before the table,
    # lost; the table's first rows read into a dimension with no name, status ok.
    doc = make_doc()
    first = replace(doc.dimensions[0], name="", max_points=None, heading="")
    second = Dimension(2, "服務遞送", 100, None, 2, 2, "評核構面二(服務遞送)(100分)")
    headed = replace(doc, dimensions=(doc.dimensions[0], second))
    assert "dimension_headings" not in failed(headed)
    assert "dimension_headings" in failed(replace(doc, dimensions=(first, second)))
    # A form that prints no heading at all: its one dimension has none to read.
    assert "dimension_headings" not in failed(replace(doc, dimensions=(first,)))


# --- checks that catch misreads (form-family issue) ---------------------------------------


def _with_rows(*rows: Row) -> Document:
    return replace(make_doc(), rows=rows)


def test_numbering_repeat_or_decrease_is_an_error_a_gap_is_info() -> None:
    base = make_doc().rows[0]
    gap = _with_rows(
        replace(base, sub_no="(1)"),
        replace(base, row_no=2, sub_no="(3)"),
    )
    checks = {c.check: c for c in validate(gap)}
    assert checks["numbering_increases"].passed
    assert (
        checks["numbering_gaps"].severity == "info" and "1 → 3" in checks["numbering_gaps"].message
    )
    repeat = _with_rows(replace(base, sub_no="(2)"), replace(base, row_no=2, sub_no="(2)"))
    assert "numbering_increases" in failed(repeat)
    other = replace(base, row_no=2, indicator_no="1", indicator="另一指標")
    assert "numbering_increases" in failed(_with_rows(replace(base, indicator_no="2"), other))


def test_an_item_numbers_all_its_indicators_or_none() -> None:
    base = replace(make_doc().rows[0], indicator_no="4", indicator="提供多元案件查")
    # The rest of a merged indicator cell a page break cut, read as an indicator of its own.
    rest = replace(base, row_no=2, indicator_no=None, indicator="詢管道", sub_no="(2)")
    checks = {c.check: c for c in validate(_with_rows(base, rest))}
    assert not checks["numbering_increases"].passed
    assert "'詢管道' without a number" in checks["numbering_increases"].message
    # All unnumbered, or all numbered: no finding.
    plain = replace(base, indicator_no=None, indicator="提升服務品質")
    other = replace(plain, row_no=2, indicator="強化陳情處理", sub_no="(2)")
    assert "numbering_increases" not in failed(_with_rows(plain, other))
    numbered = replace(other, indicator_no="5")
    assert "numbering_increases" not in failed(_with_rows(base, numbered))


def test_an_indicator_numbers_all_its_sub_indicators_or_none() -> None:
    base = replace(
        make_doc().rows[0], sub_no="（1）", sub_indicator="訂定申辦業務標準作業流程，進行"
    )
    # The rest of a sub-indicator's cell read as a row of its own (pdftotext -layout -fixed 8).
    rest = replace(base, row_no=2, sub_no=None, sub_indicator="簡化及標準化等。")
    checks = {c.check: c for c in validate(_with_rows(base, rest))}
    assert not checks["numbering_increases"].passed
    assert (
        "sub-indicator '簡化及標準化等。' without a number" in checks["numbering_increases"].message
    )
    # All numbered, or all unnumbered, or a new indicator: no finding.
    second = replace(rest, sub_no="（2）")
    assert "numbering_increases" not in failed(_with_rows(base, second))
    plain = replace(base, sub_no=None)
    assert "numbering_increases" not in failed(_with_rows(plain, rest))
    other = replace(rest, indicator_no="2", indicator="推動公私協力")
    assert "numbering_increases" not in failed(_with_rows(base, other))


def test_a_title_without_agency_or_year_is_flagged() -> None:
    doc = make_doc()
    assert "title_read" not in failed(doc)
    for lost in (replace(doc, agency=None), replace(doc, roc_year=None)):
        checks = {c.check: c for c in validate(lost)}
        assert (
            not checks["title_read"].passed
            and "from the form's title" in checks["title_read"].message
        )


def test_a_unit_not_named_like_one_printed_once_or_wrapped_is_flagged() -> None:
    base = make_doc().rows[0]
    # An indicator heading read into the row above's units (make fuzz, text dumps).
    heading = replace(base, units=("秘書室", "強化陳情處理機制"))
    checks = {c.check: c for c in validate(_with_rows(heading))}
    assert not checks["units_known"].passed and "強化陳情處理機制" in checks["units_known"].message
    # Names ending as units do (課, 中心, 服務台, 熱線, a qualifier) pass; so does an odd
    # name the document prints more than once.
    fine = replace(
        base, units=("秘書室", "新住民服務中心", "服務台", "1999市民熱線", "衛生所(各區)")
    )
    twice = replace(base, row_no=2, sub_no="(2)", units=("主任秘書",))
    assert "units_known" not in failed(_with_rows(fine, replace(twice, row_no=3), twice))
    # A name ending unlike a unit's, printed twice, each time followed by the same entry:
    # one name wrapped at the same place ("兒童及少年福" / "利與權益保障科", textdump 13628).
    wrapped = replace(base, units=("民政課", "兒童及少年福", "利與權益保障科"))
    again = replace(wrapped, row_no=2, sub_no="(2)", units=("兒童及少年福", "利與權益保障科"))
    checks = {c.check: c for c in validate(_with_rows(wrapped, again))}
    assert not checks["units_known"].passed and "兒童及少年福" in checks["units_known"].message
    # Followed by another name elsewhere, or ending a list: a name of its own.
    other = replace(again, units=("主任秘書", "秘書室"))
    last = replace(twice, row_no=4, sub_no="(4)", units=("秘書室", "主任秘書"))
    assert "units_known" not in failed(_with_rows(fine, other, last))


def test_an_indicator_of_one_character_is_cut_short() -> None:
    # '新住民服務中' / '心': the rest of a unit name read as the next row's indicator.
    row = replace(make_doc().rows[0], indicator="心", indicator_no=None)
    checks = {c.check: c for c in validate(_with_rows(row))}
    assert (
        not checks["items_complete"].passed and "'心' cut short" in checks["items_complete"].message
    )


def test_an_item_opens_with_its_first_indicator() -> None:
    # The item's name was an indicator: its first row has none, the next rows one.
    base = make_doc().rows[0]
    first = replace(base, indicator=None, indicator_no=None)
    second = replace(base, row_no=2, sub_no="(2)", indicator_no=None, indicator="服務可近性")
    checks = {c.check: c for c in validate(_with_rows(first, second))}
    assert not checks["items_complete"].passed
    assert "1 row(s) before its first indicator" in checks["items_complete"].message
    # An item without any indicator is fine.
    plain = replace(second, indicator=None)
    checks = {c.check: c for c in validate(_with_rows(first, plain))}
    assert "first indicator" not in checks["items_complete"].message


def test_result_holding_a_row_is_flagged_as_merged_rows() -> None:
    base = make_doc().rows[0]
    merged = replace(
        base, result="完成訂定流程。\n(2) 確保服務項目標示正確。\n各單位\n已完成雙語標示。"
    )
    assert "merged_rows" in failed(_with_rows(merged))


def test_a_result_entry_going_on_as_another_rows_sub_indicator_is_flagged() -> None:
    # textdump seed 176714: a row with no units, its sub-indicator as wide as the results,
    # read as the fourth entry of the row before's "(1)…(3)" list.
    base = make_doc().rows[0]
    sub = "強化機關(單位)服務人員(含委外 call center 人員)對涉及服務業務處理流程及相關法規之專業。"
    other = replace(base, row_no=2, sub_no="(2)", sub_indicator=sub)
    entries = "(1)完成檢驗 5 批。\n(2)辦理說明會 2 場次。\n(3)完成檢驗 9 批。"
    merged = replace(base, result=f"{entries}\n(4) {sub[:40]}已完成並提供查詢管道：")
    checks = {c.check: c for c in validate(_with_rows(merged, other))}
    assert not checks["merged_rows"].passed
    assert "is another row's sub-indicator" in checks["merged_rows"].message
    # An entry that opens with a sub-indicator's words and goes on its own way is the
    # result's ("設置 QR code 行動條碼，方便民眾" opens both in the form family).
    qr_sub = replace(other, sub_indicator="設置 QR code 行動條碼，方便民眾即時查詢。")
    qr = replace(base, result=f"{entries}\n(4)設置 QR code 行動條碼，方便民眾查詢案件進度。")
    assert "merged_rows" not in failed(_with_rows(qr, qr_sub))
    # Nor does a paragraph with no marker count (a result may quote a criterion).
    quoted = replace(base, result=f"{entries}\n{sub}")
    assert "merged_rows" not in failed(_with_rows(quoted, other))


def test_a_sub_indicator_holding_another_rows_whole_is_flagged() -> None:
    # pdftotext -layout seed 15105: two rows printed with no blank line between, read as
    # one row whose sub-indicator is both rows' (the second printed whole elsewhere).
    base = make_doc().rows[0]
    sub = "適時運用多元管道導入民眾觀點，共創機關與民眾合作契機。"
    other = replace(base, row_no=2, sub_no="(2)", sub_indicator=sub)
    merged = replace(base, sub_indicator="定期辦理教育訓練，提升同仁服務知能" + sub)
    checks = {c.check: c for c in validate(_with_rows(merged, other))}
    assert not checks["merged_rows"].passed
    assert "sub-indicator holds another row's" in checks["merged_rows"].message
    # The same sub-indicator in two rows, or a short one inside a longer: no finding.
    assert "merged_rows" not in failed(_with_rows(replace(base, sub_indicator=sub), other))
    short = replace(other, sub_indicator="提供雙語服務。")
    longer = replace(base, sub_indicator="設置服務台，提供雙語服務。")
    assert "merged_rows" not in failed(_with_rows(longer, short))
    # Nor one a scan's OCR read without its full stop in another row (generated form 5).
    dropped = replace(other, sub_indicator=sub[:-1])
    assert "merged_rows" not in failed(_with_rows(replace(base, sub_indicator=sub), dropped))


def test_unit_names_inside_a_result_are_flagged() -> None:
    base = make_doc().rows[0]
    assert "merged_rows" in failed(_with_rows(replace(base, result="已完成。\n報驗發證課")))
    listed = replace(base, result="秘書室、人事室、資訊室\n已完成。")
    assert "merged_rows" in failed(_with_rows(listed))
    assert "merged_rows" in failed(_with_rows(replace(base, units=("各單位", "不適用"))))
    glued = replace(base, row_no=2, sub_indicator="定期檢查設施(如座各單位", units=())
    assert "merged_rows" in failed(_with_rows(base, glued))
    stray = replace(base, result="完成檢驗 50 批。\n心")
    assert "merged_rows" in failed(_with_rows(stray))


def test_a_unit_run_into_a_sub_indicator_before_a_comma_is_flagged() -> None:
    # make fuzz seed 6134: units left open at a foot ("兒童及少年福利與" / "權益保障科、食品")
    # read into the sub-indicator beside them, the rest of the list overleaf as its units.
    base = make_doc().rows[0]
    unit = "兒童及少年福利與權益保障科"
    other = replace(base, row_no=2, units=(unit, "人事室"))
    glued = replace(base, sub_indicator=f"確保於處理時{unit}、食品限內完成。", units=("人事室",))
    assert "merged_rows" in failed(_with_rows(glued, other))
    # A criterion listing 各單位 among its words, or a short name, is no run-on.
    for sub in ("請各單位、民間團體共同參與。", "由人事室、秘書室辦理。"):
        words = replace(base, sub_indicator=sub, units=("各單位", "人事室", "秘書室"))
        assert "merged_rows" not in failed(_with_rows(words, other))


def test_a_units_list_run_into_a_result_is_flagged_whatever_name_opens_it() -> None:
    # make fuzz seed 12044: units left open at a foot ("服務台、地政服" / … / "位)、國際交流暨")
    # read into the result beside them; 服務台 stands in no other row's units.
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("企劃科", "化工產品課", "各單位"))
    run_in = replace(
        base, result="服務台、企劃科、化工產品課、國際交流暨105 年度共計受理25,119件。"
    )
    assert "merged_rows" in failed(_with_rows(run_in, other))
    # make fuzz seed 4452: one unit of the document, cut at a page foot, then the result.
    one = replace(base, result="化工產品課、透過 LINE 官方帳號發布訊息。")
    assert "merged_rows" in failed(_with_rows(one, other))
    # One unit of the document among listed words, a sentence before the list, or units
    # listed as the result's subject, is no run-in.
    for result in (
        "飲水機、企劃科、座椅等均已更新。",
        "完成檢驗，企劃科、化工產品課、各單位協辦。",
        "企劃科、化工產品課共同辦理服務滿意度調查。",
    ):
        words = replace(base, result=result)
        assert "merged_rows" not in failed(_with_rows(words, other))


def test_a_paragraph_opening_with_a_full_stop_or_comma_is_flagged() -> None:
    # make fuzz pdftotext-layout seed 2922: "食品藥物管理 1. 透過 LINE…" in one printed
    # line, the list marker's "1" read into the units: the result opened with ".透過".
    base = make_doc().rows[0]
    for cut in (".透過 LINE 官方帳號。", "已完成。\n，且提供雙語標示。"):
        assert "merged_rows" in failed(_with_rows(replace(base, result=cut)))
    assert "merged_rows" in failed(_with_rows(replace(base, sub_indicator="、方向引導。")))
    fine = replace(base, result="1. 透過 LINE 官方帳號。\n(2)網址：www.gov.tw。")
    assert "merged_rows" not in failed(_with_rows(fine))


def test_a_paragraph_after_one_cut_short_is_flagged_unless_a_count_ended_it() -> None:
    # A list entry printed without a full stop ends with its count ("…截至年底計36,699件"),
    # and a closing paragraph may follow it, as the seed's results go on after a list.
    base = make_doc().rows[0]
    closing = "1.自104年1月9日起提供「線上申辦」服務，截至年底計36,699件\n以上措施均持續追蹤辦理。"
    assert "merged_rows" not in failed(_with_rows(replace(base, result=closing)))
    for cut in (
        "1.自104年1月9日起提供「線上申辦」服務，截至年底\n計36,699件。",
        "1.自104年1月9日起提供「線上申辦」服務，計36,699件數\n統計完成。",
    ):
        assert "merged_rows" in failed(_with_rows(replace(base, result=cut)))


def test_an_item_without_max_points_where_others_have_them_is_flagged() -> None:
    # make fuzz pdftotext-layout seed 3440: an indicator's head run into an item's name
    # ("跨機關合作( 提高服務人450分)"), the item's points lost with it.
    doc = make_doc()
    lost = replace(doc.items[1], name="服務乙( 提高服務人100分)", max_points=None)
    assert "items_complete" in failed(replace(doc, items=(doc.items[0], lost)))
    # A form that prints no item's points is not flagged for it.
    none = tuple(replace(it, max_points=None) for it in doc.items)
    assert "items_complete" not in failed(replace(doc, items=none))


def test_a_later_indicators_heading_inside_a_result_is_flagged() -> None:
    base = make_doc().rows[0]  # indicator 1
    heading = replace(base, result="已完成雙語標示。\n四、提升服務設施合宜度")
    assert "merged_rows" in failed(_with_rows(heading))
    # A list entry of the result is a sentence, and an earlier number is no later indicator.
    entry = replace(base, result="已完成。\n二、完成訂定流程，計 12 項。")
    assert "merged_rows" not in failed(_with_rows(entry))
    earlier = replace(base, indicator_no="5", result="已完成雙語標示。\n四、提升服務設施合宜度")
    assert "merged_rows" not in failed(_with_rows(earlier))


def test_a_result_that_is_another_rows_indicator_is_flagged() -> None:
    # make fuzz textdump seed 92347: the next indicator's heading "提高服務人員專業" / "度"
    # after a row with units and no result, read as that row's result; the document reads
    # the same text as an indicator later.
    base = make_doc().rows[0]
    later = replace(base, row_no=2, indicator_no=None, indicator="提高服務人員專業度")
    heading = replace(base, result="提高服務人員專業度")
    assert "merged_rows" in failed(_with_rows(heading, later))
    # Its own indicator's words, or a text no row has as its indicator, are no heading.
    own = replace(base, result=base.indicator)
    assert "merged_rows" not in failed(_with_rows(own, replace(later, indicator=base.indicator)))
    assert "merged_rows" not in failed(_with_rows(replace(base, result="已完成。"), later))


def test_a_sub_indicator_that_is_another_rows_indicator_is_flagged() -> None:
    # make fuzz textdump seed 120550: an item's first row without units, its indicator
    # "訂定申辦業務標準" / "作業流程" read as the sub-indicator and the sub-indicator as the
    # result; the document reads the same text as an indicator later.
    base = make_doc().rows[0]
    later = replace(base, row_no=2, indicator="訂定申辦業務標準作業流程")
    shifted = replace(base, indicator=None, sub_indicator="訂定申辦業務標準作業流程")
    assert "merged_rows" in failed(_with_rows(shifted, later))
    # A sub-indicator no row has as its indicator, or one equal to its own, is none.
    assert "merged_rows" not in failed(_with_rows(base, later))
    own = replace(later, sub_indicator=later.indicator)
    assert "merged_rows" not in failed(_with_rows(base, own))


def test_ordinary_results_are_not_flagged() -> None:
    base = make_doc().rows[0]
    fine = replace(
        base,
        result="1.完成訂定流程。\n(1)各單位依權責辦理。\n(2)成果\n不適用",
        units=("秘書室", "資訊小組(各單位)"),
    )
    assert "merged_rows" not in failed(_with_rows(fine))


def test_item_without_name_or_rows_and_indicator_without_sub() -> None:
    doc = make_doc()
    nameless = replace(doc, items=(replace(doc.items[0], name=""), doc.items[1]))
    assert "items_complete" in failed(nameless)
    rowless = replace(doc, rows=doc.rows[1:])
    assert "items_complete" in failed(rowless)
    bare = replace(doc, rows=(replace(doc.rows[0], sub_indicator=None), doc.rows[1]))
    assert "items_complete" in failed(bare)


def test_unscored_form_is_not_an_error() -> None:
    doc = make_doc()
    blank = replace(
        doc,
        dimensions=(replace(doc.dimensions[0], subtotal=None),),
        items=tuple(replace(i, score=None) for i in doc.items),
    )
    assert failed(blank) == set()
    half = replace(doc, items=(replace(doc.items[0], score=None), doc.items[1]))
    assert "subtotal_matches_items" in failed(half)


def test_characters_of_a_text_source_are_accounted_for() -> None:
    from pipeline.models import Column, Fragment, Furniture, PageStream

    tokens = (Furniture("title", "機關 107年度評核表", 1), Fragment(Column.SUB, ("次指標",), 1))
    whole = PageStream(tokens=tokens, page_count=1, source_chars=10 + 3)
    checks = {c.check: c for c in validate(make_doc(), (), whole)}
    assert checks["characters_accounted"].passed
    lost = PageStream(tokens=tokens, page_count=1, source_chars=10 + 3 + 4)
    checks = {c.check: c for c in validate(make_doc(), (), lost)}
    assert not checks["characters_accounted"].passed
    assert "4 of 17" in checks["characters_accounted"].message


def test_units_run_onto_other_cells_are_flagged() -> None:
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("綜合規劃組", "人事室", "長期照顧管理中心"))
    listed = replace(base, sub_indicator="進行環境美化，建置綜合規劃組、人事室", units=())
    assert "merged_rows" in failed(_with_rows(other, listed))
    leading = replace(base, result="綜合規劃組 建置「電子公文」系統。", units=())
    assert "merged_rows" in failed(_with_rows(other, leading))
    tail = replace(base, units=("計量課", "中心"))
    assert "merged_rows" in failed(_with_rows(other, tail))
    # A typo that happens to end another unit's name is not a cut name (驗發證課).
    typo = replace(base, units=("報驗發證課",))
    assert "merged_rows" not in failed(
        _with_rows(typo, replace(base, row_no=2, units=("驗發證課",)))
    )


def test_cells_cut_at_a_page_seam_are_flagged() -> None:
    base = make_doc().rows[0]
    unit_tail = replace(base, sub_indicator="確保服務項目標示正確，且提供雙語標示服務報驗發證課")
    assert "merged_rows" in failed(_with_rows(unit_tail))
    cut = replace(base, result="1.依規定定期陳報處理情形，1999市民熱線\n提升為民服務品質。")
    assert "merged_rows" in failed(_with_rows(cut))
    fine = replace(base, result="1.已完成如下：\n說明文字。\n2.110年度共計受理7件\n3.完成。")
    assert "merged_rows" not in failed(_with_rows(fine))


def test_two_cells_on_one_printed_line_are_flagged() -> None:
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("各單位", "化工產品課", "戶籍登記課"))
    # The units cell printed inside the sub-indicator's line, then a space.
    inside = replace(base, sub_indicator="確保於處理各單位 已完成商品報驗流程簡化時限內完成。")
    assert "merged_rows" in failed(_with_rows(other, inside))
    # Another cell's paragraph joined to a sub-indicator by a space, no unit involved.
    joined = replace(base, sub_indicator="共創機關與民眾合作 派遣車輛70車次。", units=())
    assert "merged_rows" in failed(_with_rows(joined))
    marker = replace(base, sub_indicator="定期檢查盥洗室 1.建置系統等)，確保設施品質。")
    assert "merged_rows" in failed(_with_rows(marker))
    # A units cell left open and run into the result.
    opens = replace(base, result="化工產品課、戶籍登記課、國際交本年度辦理情形如下：")
    assert "merged_rows" in failed(_with_rows(other, opens))


def test_spaces_next_to_latin_words_and_numbers_are_not_two_cells() -> None:
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("各單位", "化工產品課", "戶籍登記課"))
    fine = replace(
        base,
        sub_indicator="強化服務人員(含委外 call center 人員)之專業，112 年度辦理。",
        result="化工產品課、戶籍登記課共同辦理。\n1. 各單位依權責辦理，於 106 年 3 月完成。",
    )
    assert "merged_rows" not in failed(_with_rows(other, fine))


def test_a_sub_indicator_that_is_only_a_marker_is_incomplete() -> None:
    doc = make_doc()
    assert "items_complete" not in failed(doc)

    def with_sub(text: str) -> Document:
        return replace(doc, rows=(replace(doc.rows[0], sub_indicator=text), *doc.rows[1:]))

    assert "items_complete" in failed(with_sub("(三)"))
    assert "items_complete" not in failed(with_sub("(三)建立機制"))


def test_a_unit_after_a_comma_at_a_sub_indicators_end_is_flagged() -> None:
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("衛生所(各區)",))
    glued = replace(base, sub_indicator="定期檢查各類硬體設施(如座椅等)，衛生所(各區)", units=())
    assert "merged_rows" in failed(_with_rows(other, glued))
    # In a result paragraph a comma before a unit is ordinary (…，由衛生所(各區)).
    listed = replace(base, result="本項業務辦理如下，衛生所(各區)")
    assert "merged_rows" not in failed(_with_rows(other, listed))


def test_a_unit_cut_in_two_across_cells_is_flagged() -> None:
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("國際交流暨觀光發展處", "資訊小組(各單位)"))
    # The head of a known unit opens the result; its tail stands as a unit.
    cut = replace(base, units=("觀光發展處",), result="國際交流暨透過 LINE 發布訊息。")
    assert "merged_rows" in failed(_with_rows(other, cut))
    # A bracket left open or closed alone in a unit's name.
    assert "merged_rows" in failed(_with_rows(replace(base, units=("單位)", "秘書室"))))
    # A unit that ends another's name, its head nowhere else: two units, not a cut.
    fine = replace(base, units=("觀光發展處",), result="已完成。")
    assert "merged_rows" not in failed(_with_rows(other, fine))


def test_a_result_opening_with_a_name_ending_like_a_unit_then_a_space() -> None:
    base = make_doc().rows[0]
    opened = replace(base, units=(), result="IT組 1.自112年7月12日起合作。")
    assert "merged_rows" in failed(_with_rows(opened))
    fine = replace(base, result="1. 自112年7月12日起合作。\nLINE 官方帳號 每日更新。")
    assert "merged_rows" not in failed(_with_rows(fine))


def test_a_list_marker_inside_a_sub_indicator_and_a_stray_tail_are_flagged() -> None:
    base = make_doc().rows[0]
    inside = replace(base, sub_indicator="辦理滿意度調查，研提改• 透過 LINE 發布善措施。")
    assert "merged_rows" in failed(_with_rows(inside))
    tail = replace(base, result="透過 LINE 發布訊息，累計觸及74,447人\n次。")
    assert "merged_rows" in failed(_with_rows(tail))
    fine = replace(base, sub_indicator="① 辦理滿意度調查。", result="• 已完成。\n無")
    assert "merged_rows" not in failed(_with_rows(fine))


def test_text_after_a_whole_result_and_a_colon_ending() -> None:
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("長期照顧管理中心",))
    after_none = replace(base, result="無\n1999市民熱線")
    assert "merged_rows" in failed(_with_rows(after_none))
    colon = replace(base, sub_indicator="定期檢查各類硬體設施，本年度辦理情形如下：")
    assert "merged_rows" in failed(_with_rows(colon))
    fine = replace(base, result="不適用", sub_indicator="定期檢查各類硬體設施。")
    assert "merged_rows" not in failed(_with_rows(other, fine))


def test_a_result_opening_with_two_known_units_and_more_text_is_flagged() -> None:
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("各單位", "服務台", "機械產品課"))
    run_in = replace(
        base, units=(), result="各單位、服務台、機械產品課、綜合透過 LINE 發布訊規劃組、企劃科"
    )
    assert "merged_rows" in failed(_with_rows(other, run_in))
    fine = replace(base, result="服務台、機械產品課共同辦理。")
    assert "merged_rows" not in failed(_with_rows(other, fine))


def test_a_name_after_a_results_sentences_is_flagged() -> None:
    base = make_doc().rows[0]
    stray = replace(base, result="依規定定期陳報處理情形，提升為民服務品質。\n1999市民熱線")
    assert "merged_rows" in failed(_with_rows(stray))
    fine = replace(base, result="本年度辦理情形如下：\n1.完成檢驗52,580批。\n2.截至年底計87,210件")
    assert "merged_rows" not in failed(_with_rows(fine))


def test_another_cells_text_before_a_list_entry_in_a_result_is_flagged() -> None:
    base = make_doc().rows[0]
    for text in ("1999市民熱線 (1)已完成報驗流程簡化。", "1、辦理滿意③ 提供各種申辦書表。"):
        assert "merged_rows" in failed(_with_rows(replace(base, result=text))), text
    fine = replace(base, result="3. 本項業務辦理完成，於 106 年 3 月計 2.5 萬人次。\n① 已完成。")
    assert "merged_rows" not in failed(_with_rows(fine))


def test_an_item_name_of_one_character_is_cut_short() -> None:
    doc = make_doc()
    cut = replace(doc, items=(replace(doc.items[0], name="性"), *doc.items[1:]))
    assert "items_complete" in failed(cut)


def test_a_paragraph_cut_in_two_and_units_inside_a_sub_indicator_are_flagged() -> None:
    base = make_doc().rows[0]
    cut = replace(
        base, result="已完成報驗流程簡化，從收件繳費、取樣、1999市民熱線\n檢驗、審查及發證。"
    )
    assert "merged_rows" in failed(_with_rows(cut))
    other = replace(base, row_no=2, units=("行政科", "護理部", "資訊小組(各單位)"))
    listed = replace(base, sub_indicator="定期檢查設施，行政科、護理部、資訊小組於111年辦理。")
    assert "merged_rows" in failed(_with_rows(other, listed))
    ends = replace(base, sub_indicator="確保服務項目、服務人員(姓名及代理人)、資訊小組(各單位)")
    assert "merged_rows" in failed(_with_rows(other, ends))
    fine = replace(
        base,
        sub_indicator="定期檢查各類硬體設施(如飲水機、公用電話、座椅、盥洗室等)，確保設施品質。",
        result="本年度辦理情形如下：\n1.截至年底計87,210件\n2.完成。",
    )
    assert "merged_rows" not in failed(_with_rows(other, fine))


def test_numbering_restarts_under_a_second_indicator_reading_like_an_earlier_one() -> None:
    # Two unnumbered indicators of one item with the same text, another between them: each
    # numbers its own sub-indicators.  The same text twice in a row stays one indicator.
    base = replace(make_doc().rows[0], indicator_no=None, indicator="提升服務品質")
    other = replace(base, row_no=2, indicator="強化陳情處理", sub_no="(1)")
    again = replace(base, row_no=3, sub_no="(1)")
    assert "numbering_increases" not in failed(
        _with_rows(replace(base, sub_no="(2)"), other, again)
    )
    assert "numbering_increases" in failed(
        _with_rows(replace(base, sub_no="(2)"), replace(again, row_no=2))
    )


def _with_result_cells(*texts: str) -> Document:
    base = make_doc().rows[1]
    rows = tuple(
        replace(base, row_no=n, cells=(CellRef(Column.RESULT, 1, t),))
        for n, t in enumerate(texts, start=1)
    )
    return _with_rows(*rows)


def test_latin_wrap_that_may_have_broken_a_word_is_flagged() -> None:
    broken = "透過 LINE 官方帳號及 Face\nbook 粉絲專頁"  # Facebook split at two places: broken
    # The document's engine breaks words: "call" / "center" could be one more such break.
    assert "latin_wraps" in failed(
        _with_result_cells("帳號及 Fac\nebook 粉絲專頁", broken, "委外 call\ncenter")
    )
    # Nothing shows words broken mid-word: a Latin wrap is a space.
    assert "latin_wraps" not in failed(_with_result_cells("委外 call\ncenter 人員"))
    # Every wrap decided: the broken word (joined by structure) and a space between words
    # that stand whole elsewhere.
    calls = _with_result_cells(
        "帳號及 Fac\nebook 粉絲專頁", broken, "委外 call\ncenter", "提供 call center 服務"
    )
    assert "latin_wraps" not in failed(calls)


def test_a_sub_indicator_ending_in_a_service_point_or_qualifier_is_flagged() -> None:
    base = make_doc().rows[0]
    for sub in ("確保方向引導等標示正服務台", "建置民眾臨衛生所(各區)"):
        assert "merged_rows" in failed(_with_rows(replace(base, sub_indicator=sub))), sub
    fine = replace(base, sub_indicator="提供雙語(或多語)標示服務。")
    assert "merged_rows" not in failed(_with_rows(fine))


def test_a_result_opening_with_a_service_point_then_a_space_is_flagged() -> None:
    base = make_doc().rows[0]
    opened = replace(base, units=(), result="服務台 本年度辦理情形如下：\n(1)每季召開會議。")
    assert "merged_rows" in failed(_with_rows(opened))
    fine = replace(base, result="(1) 每季召開會議。\n(二) 建置系統。")
    assert "merged_rows" not in failed(_with_rows(fine))


def test_a_unit_printed_inside_a_sub_indicator_printed_elsewhere_without_it_is_flagged() -> None:
    # make fuzz pdftotext-layout-fixed8 seeds 0, 24, 45, 99: at a forced pitch the tool
    # printed a unit's line inside the sub-indicator's ("…相關法計量課規之…"), and the
    # document prints that sub-indicator elsewhere without it.
    base = make_doc().rows[0]
    text = "強化機關(單位)服務人員對涉及服務業務處理流程及相關法規之專業與熟悉程度。"
    plain = replace(base, row_no=2, sub_indicator=text, units=("人事室",))
    for piece in ("計量課", "處", "兒童及少年福利與"):
        inside = text.replace("相關法規", f"相關法{piece}規")
        row = replace(base, sub_indicator=inside, units=("兒童及少年福利與權益保障科", "各辦事處"))
        (check,) = [c for c in validate(_with_rows(row, plain)) if c.check == "merged_rows"]
        assert not check.passed and f"sub-indicator holds {piece!r}" in check.message
    # Two sub-indicators differing by words that name no unit, or sharing too little: none.
    for inside in (text.replace("專業", "專業知能"), "強化機關計量課規之專業。"):
        row = replace(base, sub_indicator=inside)
        assert "merged_rows" not in failed(_with_rows(row, plain))


def test_an_item_name_holding_an_indicators_heading_is_flagged() -> None:
    # make fuzz pdftotext-layout-fixed8 seed 92: "一、提升服務及時性" run onto the item's name.
    doc = make_doc()
    run_on = replace(doc.items[0], name="服務機制精進一、提升服務及時性")
    (check,) = [
        c for c in validate(replace(doc, items=(run_on, doc.items[1]))) if c.check == "merged_rows"
    ]
    assert not check.passed and "holds an indicator's heading" in check.message
    listed = replace(doc.items[0], name="第一、二類服務")
    assert "merged_rows" not in failed(replace(doc, items=(listed, doc.items[1])))


def test_a_lowercase_latin_word_run_onto_a_unit_is_flagged() -> None:
    # make fuzz pdftotext-layout-fixed8 seeds 236, 287: "call" of "委外 call center" read
    # with the unit beside it.
    assert "units_known" in failed(make_doc(units=("call機械產品課",)))
    assert "units_known" not in failed(make_doc(units=("IT組", "e化推動小組")))


def test_a_unit_holding_another_cells_text_inside_another_units_name_is_flagged() -> None:
    # make fuzz textdump seed 153952: units left open at a foot at "國際", the result's
    # "滿意度調查結果為" run on, "交流暨觀光發展處" overleaf.
    base = make_doc().rows[0]
    other = replace(base, row_no=2, units=("國際交流暨觀光發展處",))
    run_in = replace(base, units=("主計室", "國際滿意度調查結果為交流暨觀光發展處"))
    (check,) = [c for c in validate(_with_rows(run_in, other)) if c.check == "merged_rows"]
    assert not check.passed and "with '滿意度調查結果為' inside" in check.message
    # A longer name (a city before it), or two names a word apart, are names.
    for names in (("新北市政府國際交流暨觀光發展處",), ("資訊管理室", "資訊室")):
        ok = replace(base, units=names)
        assert "merged_rows" not in failed(_with_rows(ok, other))


def test_a_unit_printed_once_holding_text_inside_a_name_printed_again_is_flagged() -> None:
    # make fuzz pdftotext-layout-fixed8 seed 9124: "含委外 call center 人員光發展處", the
    # sub-indicator's "人員" read into the units' wrapped "國際交流暨觀" / "光發展處".
    base = make_doc().rows[0]
    name = "國際交流暨觀光發展處"
    others = [replace(base, row_no=k, units=(name,)) for k in (2, 3)]
    run_in = replace(base, units=("主計室", "國際交流暨觀人員光發展處"))
    (check,) = [c for c in validate(_with_rows(run_in, *others)) if c.check == "merged_rows"]
    assert not check.passed and f"is {name!r} with '人員' inside" in check.message
    # The name printed once elsewhere, or the longer one printed twice: two names.
    assert "merged_rows" not in failed(_with_rows(run_in, others[0]))
    twice = replace(base, row_no=4, units=("國際交流暨觀人員光發展處",))
    assert "merged_rows" not in failed(_with_rows(run_in, *others, twice))


def test_a_unit_printed_once_as_a_recurring_name_cut_short_then_another_name_is_flagged() -> None:
    # make fuzz pdftotext-layout-fixed8 seed 9156: "國際交流暨觀光發展處" wrapped, its "處"
    # printed inside the sub-indicator's line, the next unit joined to the rest.
    base = make_doc().rows[0]
    name = "國際交流暨觀光發展處"
    others = [replace(base, row_no=k, units=(name, "化工產品課")) for k in (2, 3)]
    run_in = replace(base, units=("主計室", "國際交流暨觀光發展化工產品課"))
    (check,) = [c for c in validate(_with_rows(run_in, *others)) if c.check == "merged_rows"]
    assert f"is {name!r} cut short, then the name '化工產品課'" in check.message
    # The cut name printed once elsewhere, or the second part no name of the document: none.
    once = [
        replace(others[0], units=(name, "化工產品課")),
        replace(others[1], units=("化工產品課",)),
    ]
    assert "merged_rows" not in failed(_with_rows(run_in, *once))
    no_name = [replace(o, units=(name,)) for o in others]
    assert "merged_rows" not in failed(_with_rows(run_in, *no_name))


def test_a_column_of_numbers_holding_text_after_a_number_is_an_error() -> None:
    """`-layout` seed 18692: a block's later results lines read into 自評分數, a column whose
    every other cell is a score ("18三、730批，平均辦理天數20日。…"), status ok."""
    doc = make_doc()
    rows = [
        replace(row, row_no=k, extra=(("自評分數", score), ("備註", "見佐證資料")))
        for k, score in enumerate(("10", "7.5", "18 分", "3"), 1)
        for row in doc.rows[:1]
    ]
    assert "number_columns" not in failed(replace(doc, rows=tuple(rows)))
    glued = replace(rows[2], extra=(("自評分數", "18三、730批，平均辦理天數20日。"),))
    (check,) = [
        c
        for c in validate(replace(doc, rows=(*rows[:2], glued, rows[3])))
        if c.check == "number_columns"
    ]
    assert not check.passed and "自評分數 row 3: '18三、730批" in check.message
    # A column of text (備註), or too few numbers to call the column one of numbers: no finding.
    notes = [replace(r, extra=(("備註", "3 頁"),)) for r in rows]
    assert "number_columns" not in failed(replace(doc, rows=tuple(notes)))
    few = (rows[0], replace(rows[1], extra=(("自評分數", "不適用"),)), glued)
    assert "number_columns" not in failed(replace(doc, rows=few))
