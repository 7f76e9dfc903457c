"""Where a document's paragraphs end by habit (`pipeline.layout.habits`)."""

from __future__ import annotations

import pytest

from pipeline.layout.habits import (
    HabitSettings,
    Headings,
    cell_headings,
    heading_shape,
    paragraph_habits,
)
from pipeline.normalise.patterns import count_unit_at_end, counts_going_on

# Five one-statement entries, each its own paragraph: "。" only where a paragraph ends.
STATEMENTS = [
    (["1.完成檢驗39,402批，平均辦", "理天數17日。"], [True, False]),
    (["2.每季召開服務品質檢討會", "議，計召開254場次。"], [True, False]),
    (["3.設置 QR code 行動條碼。"], [True]),
    (["滿意度調查結果為80.5%，較", "去年提升7個百分點。"], [True, False]),
    (["(1)派遣車輛98,861車次。", "(2)服務檢驗人員469人次。"], [True, True]),
]


def test_a_heading_is_a_marker_a_title_and_a_colon() -> None:
    assert heading_shape("4.改善「商品具結先行放行」申請作業程序：") == "alone"
    assert heading_shape("• 強化為民服務措施：") == "alone"
    assert heading_shape("1.說明會：於 5 月 28日召開") == "inline"
    for text in (
        "本年度辦理情形如下：",  # no marker
        "3.建置系統，提供民眾線上申辦，網址：www.gov.tw。",  # a sentence before the colon
        "1.：",  # no title
        "3.提供民眾申辦案件應辦理事項(例如：",  # examples in brackets (seed_lo_portrait)
        "2.推動「優良計量管理：",  # a colon inside a quotation
    ):
        assert heading_shape(text) is None, text


def test_a_mark_ends_paragraphs_only_where_the_document_never_goes_on_after_it() -> None:
    assert paragraph_habits(STATEMENTS).ending_marks == frozenset({"。"})
    # One line going on after a "。" ("…完成。另於…"): no habit.
    goes_on = [*STATEMENTS, (["已完成。另於年底辦理", "檢討會議。"], [True, False])]
    assert paragraph_habits(goes_on).ending_marks == frozenset()
    # Too few paragraph ends to tell.
    assert paragraph_habits(STATEMENTS, HabitSettings(min_ends=9)).ending_marks == frozenset()
    with pytest.raises(ValueError, match="min_ends"):
        HabitSettings(min_ends=0)


def test_a_full_line_ending_with_the_mark_ends_its_paragraph() -> None:
    habits = paragraph_habits(STATEMENTS)
    texts = [
        "1.完成檢驗39,402批，平均辦理天數",
        "17日。",
        "前述辦理情形均提報所務會議",
        "追蹤列管。",
    ]
    # By geometry every line after the first is a wrap (each line full).
    found = habits.starts(texts, [True, False, False, False])
    assert found.starts == [True, False, True, False]
    assert found.ended == ["批，平均辦理天數17日。"]
    assert found.headings == []


def test_a_tagged_pdfs_marks_decide_a_heading_no_habit_decides() -> None:
    # Chromium 21282/21255: both habits in the document, none in the cell; the marked
    # sequences (a paragraph each) say whether the text under the full heading is its own.
    alone = (["1.書面審查電子化：", "開發線上書面審查作業。"], [True, True])
    inline = (["1.說明會：於 5 月 28日召開", "研商會議。"], [True, False])
    full = ["2.技術文件審查電子化暨預先審查：", "驗證登錄及型式認可案件。"]
    habits = paragraph_habits([alone, inline])
    found = habits.starts(full, [True, False], marks=[None, False])
    assert found.starts == [True, True] and found.headings == [] and len(found.by_marks) == 1
    found = habits.starts(full, [True, False], marks=[None, True])
    assert found.starts == [True, False] and found.headings == [] and found.runs_on == [0]
    # Marks decide only what no habit does: the document's habit alone stands, where
    # enough of its cells show it (`HabitSettings.min_cells`).
    found = paragraph_habits([alone] * 10).starts(full, [True, False], marks=[None, True])
    assert found.starts == [True, True] and found.by_marks == []
    found = paragraph_habits([alone] * 9).starts(full, [True, False], marks=[None, True])
    assert found.starts == [True, False] and len(found.by_marks) == 1


def test_headings_alone_in_the_cell_or_the_document_end_their_line() -> None:
    alone = (["1.書面審查電子化：", "開發線上書面審查作業。"], [True, True])
    inline = (["1.說明會：於 5 月 28日召開", "研商會議。"], [True, False])
    full = ["2.技術文件審查電子化暨預先審查：", "驗證登錄及型式認可案件。"]
    # The cell shows a heading alone: a full heading line ends its paragraph.
    cell = ["1.書面審查電子化：", "開發線上書面審查作業。", *full]
    found = paragraph_habits([alone, inline]).starts(cell, [True, True, True, False])
    assert found.starts == [True, True, True, True] and found.headings == []
    assert found.shown == Headings(alone=1) and len(found.ended) == 1
    assert found.by_habit == [0, 2]
    # Where the geometry already ended it, the habit agrees: said, not counted as decided.
    found = paragraph_habits([alone, inline]).starts(cell, [True, True, True, True])
    assert found.ended == [] and found.by_habit == [0, 2]
    # The cell shows none: the document decides where it shows one kind only, in at
    # least `min_cells` cells (a document may print one result's headings alone and
    # another's running on: `-layout-extra` seed 29924 showed six cells alone, none
    # running on, and ran two cells' full heading lines on).
    found = paragraph_habits([alone] * 10).starts(full, [True, False])
    assert found.starts == [True, True] and len(found.ended) == 1 and found.headings == []
    found = paragraph_habits([inline] * 10).starts(full, [True, False])
    assert found.starts == [True, False] and found.headings == [] and found.runs_on == [0]
    for few in ([alone] * 9, [inline] * 9, [alone] * 6):
        found = paragraph_habits(few).starts(full, [True, False])
        assert found.starts == [True, False] and len(found.headings) == 1, few
    # One cell with two headings alone is one cell's evidence.
    twice = (["1.書面審查電子化：", "開發線上書面審查作業。", *alone[0]], [True] * 4)
    found = paragraph_habits([twice] * 9).starts(full, [True, False])
    assert found.starts == [True, False] and len(found.headings) == 1
    found = paragraph_habits([alone], HabitSettings(min_cells=1)).starts(full, [True, False])
    assert found.starts == [True, True] and found.headings == []
    with pytest.raises(ValueError, match="min_cells"):
        HabitSettings(min_cells=0)
    # Both habits in the document, none in the cell: read as running on, said unsure.
    found = paragraph_habits([alone, inline]).starts(full, [True, False])
    assert found.starts == [True, False] and found.ended == [] and len(found.headings) == 1
    # The cell's own heading running on decides the other way, and is no doubt.
    cell = ["1.說明會：於 5 月 28日召開", "研商會議。", *full]
    found = paragraph_habits([alone]).starts(cell, [True, False, True, False])
    assert found.starts == [True, False, True, False] and found.headings == []
    assert found.shown == Headings(inline=1) and found.runs_on == [2]
    # A heading whose colon ends its line shows nothing: the geometry may have joined it.
    joined = ["1.改善「商品具結先行放行」申請作業程序：", "自104年12月7日起合作。"]
    assert cell_headings(joined, [True, False]) == Headings()
    wrapped = ["1.改善「商品具結先行放行」", "申請作業程序：自104年12月7", "日起合作。"]
    assert cell_headings(wrapped, [True, False, False]) == Headings(inline=1)
    # Both kinds in one cell: unsure.
    found = paragraph_habits([alone]).starts(
        [*cell, *alone[0]], [True, False, True, False, True, True]
    )
    assert found.starts[3] is False and len(found.headings) == 1


def test_a_cell_cut_by_a_page_break_takes_its_other_parts_headings() -> None:
    habits = paragraph_habits([(["1.書面審查電子化：", "開發線上書面審查作業。"], [True, True])])
    inline = ["1.說明會：於 5 月 28日召開", "研商會議。"]
    full = ["2.技術文件審查電子化暨預先審查：", "驗證登錄及型式認可案件。"]
    # The part before the break ran its headings on: so does this part.
    found = habits.starts(full, [True, False], carried=Headings(inline=1))
    assert found.starts == [True, False] and found.headings == []
    assert found.shown == Headings(inline=1) and not found.borrowed
    # The part overleaf shows them running on: used where this part shows none, and said.
    found = habits.starts(full, [True, False], ahead=cell_headings(inline, [True, False]))
    assert found.starts == [True, False] and found.borrowed
    assert found.decided_ahead == [full[0][-12:]] and found.shown == Headings()
    # The part overleaf shows them alone, as the document does: said unless enough of
    # the document's cells show that habit (`HabitSettings.min_cells`), the overleaf's
    # being the only evidence.
    found = habits.starts(full, [True, False], ahead=Headings(alone=1))
    assert found.starts == [True, True] and found.decided_ahead == [full[0][-12:]]
    firm = paragraph_habits([(["1.書面審查電子化：", "開發線上書面審查作業。"], [True, True])] * 10)
    found = firm.starts(full, [True, False], ahead=Headings(alone=1))
    assert found.starts == [True, True] and found.decided_ahead == []
    # This part's own headings come first.
    found = habits.starts([*inline, *full], [True, False, True, False], ahead=Headings(alone=2))
    assert not found.borrowed and found.decided_ahead == [] and found.runs_on == [2]


def test_a_paragraph_the_document_prints_on_its_own_elsewhere_opens_one_here() -> None:
    # "前述辦理情形…" closes one list after a line that left room, and another after a
    # full line ending with a count and no mark: the same closing paragraph.
    closed = (["1.已完成雙語標示。", "前述辦理情形均提報所務會議追蹤列管。"], [True, True])
    habits = paragraph_habits([closed])
    texts = ["1.截至年底計89,997件", "前述辦理情形均提報所務會議", "追蹤列管。"]
    found = habits.starts(texts, [True, False, False])
    assert found.starts == [True, True, False] and found.by_habit == [0]
    # Text the document never prints on its own stays the entry's.
    other = ["1.截至年底計89,997件", "以上措施均持續追蹤辦理。"]
    assert habits.starts(other, [True, False]).starts == [True, False]
    # An entry's text under its heading is no closing paragraph: it may run on elsewhere.
    body = paragraph_habits(
        [(["1.說明會：", "前述辦理情形均提報所務會議追蹤列管。"], [True, True])]
    )
    assert body.starts(texts, [True, False, False]).starts == [True, False, False]
    # The first paragraph of a cell, or a list entry, is no closing paragraph.
    first = paragraph_habits([(["前述辦理情形均提報所務會議追蹤列管。"], [True])])
    assert first.starts(texts, [True, False, False]).starts == [True, False, False]
    # Under a full heading, in a cell whose headings run on, it is the entry's text: the
    # closing paragraph elsewhere is this entry's running on from its heading's colon.
    heading = [
        "1.說明會：於5月28日召開。",
        "2.案件進度及結果查詢管道：",
        "前述辦理情形均提報所務會議",
        "追蹤列管。",
    ]
    assert habits.starts(heading, [True, True, False, False]).starts == [True, True, False, False]


# Five entries ending with a count in 件 and no mark, and counts in 件 with a comma after.
COUNTS = [
    (["1.提供「線上申辦」服務，截至年", "底計44,880件"], [True, False]),
    (["2.本年度共計受理36件，處理時", "效達98%。"], [True, False]),
    (["3.截至年底計91,336件"], [True]),
    (
        ["(1)提供「電子公文」服務，截", "至年底計47,944件", "(2)截至年底計6,465件"],
        [True, False, True],
    ),
    (["截至年底計33,657件"], [True]),
]


def test_a_count_ends_paragraphs_only_where_the_document_never_prints_words_after_it() -> None:
    assert count_unit_at_end("截至年底計30,902件") == "件"
    assert counts_going_on("計175人次參加，受理36件，") == ["人次"]
    habits = paragraph_habits(COUNTS)
    assert habits.ending_counts == frozenset({"件"})
    texts = [
        "1.自108年9月24日起與交通部勞工保險局合作，截至年底計30,902件",
        "以上措施均持續追蹤辦理。",
    ]
    found = habits.starts(texts, [True, False])
    assert found.starts == [True, True] and found.by_habit == [0]
    assert found.ended == ["截至年底計30,902件"]
    # A comma wrapped after the count: the count's sentence goes on.
    wrapped = ["1.本年度共計受理36件", "，處理時效達98%。"]
    assert habits.starts(wrapped, [True, False]).starts == [True, False]
    # Words after a count in 件 on any line ("…計36件辦結"): no habit; nor with too few ends.
    goes_on = [*COUNTS, (["2.截至年底計36件辦結。"], [True])]
    assert paragraph_habits(goes_on).ending_counts == frozenset()
    # Too few ends to tell: unsure, and a full line ending so is read as a wrap and said.
    few = paragraph_habits(COUNTS, HabitSettings(min_ends=6))
    assert few.ending_counts == frozenset() and few.unsure_counts == frozenset({"件"})
    found = few.starts(texts, [True, False])
    assert found.starts == [True, False] and found.counts == ["截至年底計30,902件"]
    assert paragraph_habits(goes_on).unsure_counts == frozenset()
    # The LibreOffice fixture's "…12 類" / "案件免附…": no document habit, a wrap.
    assert paragraph_habits(STATEMENTS).starts(
        ["申請書免附 12 類", "案件免附書面謄本。"], [True, False]
    ).starts == [True, False]


def test_a_heading_cut_by_a_page_break_is_a_heading_overleaf() -> None:
    """ "(1)檢驗人員及車輛派遣作業" at a page's foot, "電子化：" overleaf filling its line, the
    entry's text under it: the paragraph so far begins at the foot, so it is a heading, and
    the cell's headings standing alone end it (libreoffice-extra seeds 5, 12: read as the
    heading running on, "電子化：自100 年…")."""
    habits = paragraph_habits([(["1.書面審查電子化：", "開發線上書面審查作業。"], [True, True])])
    top = ["電子化：", "自100 年 1 月 22 日起合作。"]
    found = habits.starts(top, [True, False], Headings(alone=1), lead=["(1)檢驗人員及車輛派遣作業"])
    assert found.starts == [True, True] and found.ended == [
        "(1)檢驗人員及車輛派遣作業電子化："[-12:]
    ]
    # Without the foot's lines "電子化：" is no heading, and the full line a wrap.
    assert habits.starts(top, [True, False], Headings(alone=1)).starts == [True, False]
    # A page top opening an entry of its own starts its own paragraph.
    marked = ["(2)電子化：", "自100 年 1 月 22 日起合作。"]
    found = habits.starts(marked, [True, False], Headings(alone=1), lead=["(1)一、"])
    assert found.ended == ["(2)電子化："]
