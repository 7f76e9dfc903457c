"""Office-suite text exports ("Save as text"): a paragraph a line, empty cells as empty lines."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError, NotAFormError
from pipeline.layout.textdump import text_to_stream
from pipeline.layout.textdump.export import is_cell_export
from pipeline.models import Document
from pipeline.structure import tokens_to_document

LABELS = ["評核項目", "評核指標", "次評核指標", "主辦單位", "執行績效與成果"]


def export(*body: str, notes: tuple[str, ...] = ()) -> str:
    """A LibreOffice text export: title, category, heading, labels, the rows' lines, 小計."""
    top = [
        "\ufeff臺中市政府地政局 109年度提升服務效能評核表",
        "第一線服務機關",
        "構面一(基礎服務)(200分)",
    ]
    return "\n".join([*top, *LABELS, *body, "小計 95 分", *notes]) + "\n"


ROWS = (
    # An item's cell, its indicator, a sub-indicator, two units, two results paragraphs.
    "服務一致及正確性",
    "(100分)",
    "得分：95",
    "1.訂定申辦業務標準作業流程",
    "(1) 訂定申辦業務標準作業流程，維持服務措施處理一致性。",
    "地政課",
    "資訊室",
    "1.已完成標準作業流程 12 項。",
    "2.每季檢討一次。",
    # Item and indicator merged: two empty lines; no units: one; a result.
    "",
    "",
    "(2) 提升民眾申辦案件的處理效率。",
    "",
    "已完成。",
    # A new indicator under the same item; no result: an empty line.
    "",
    "2.提供多元案件查詢管道",
    "(1) 設置 QR code 行動條碼。",
    "登記課",
    "",
    # A new item, its points on the name line, no indicator (an empty cell), 不適用.
    "創新服務(60分)",
    "得分：",
    "",
    "推動服務創新。",
    "各單位",
    "不適用",
)


def parse(text: str) -> Document:
    return tokens_to_document(text_to_stream(text))


def test_an_export_reads_cell_by_cell_with_empty_lines_for_empty_cells() -> None:
    text = export(*ROWS, notes=("備註：本表由研考科彙整。",))
    assert is_cell_export(text)
    doc = parse(text)
    rows = [(r.indicator_no, r.sub_no, r.units, r.result) for r in doc.rows]
    assert rows == [
        ("1", "(1)", ("地政課", "資訊室"), "1.已完成標準作業流程 12 項。\n2.每季檢討一次。"),
        ("1", "(2)", (), "已完成。"),
        ("2", "(1)", ("登記課",), None),
        (None, None, ("各單位",), "不適用"),
    ]
    assert [(i.name, i.max_points, i.score) for i in doc.items] == [
        ("服務一致及正確性", 100, 95),
        ("創新服務", 60, None),
    ]
    assert doc.agency == "臺中市政府地政局" and doc.category == "第一線服務機關"
    assert doc.notes == "備註：本表由研考科彙整。"
    assert not [c for c in text_to_stream(text).checks if not c.passed]


def test_no_break_spaces_are_spaces() -> None:
    # A word processor's no-break space keeps "QR code" on one line: the text has a space.
    rows = list(ROWS)
    rows[16] = "(1) 設置\u00a0QR\u00a0code\u00a0行動條碼。"
    assert parse(export(*rows)).rows[2].sub_indicator == "設置 QR code 行動條碼。"


def test_the_empty_lines_decide_where_units_end() -> None:
    # "詳如附件" reads as a unit by its shape, but read so the row's results cell would be
    # empty, one empty line short for the next row's merged item and indicator: it is the
    # result.  Two empty lines after it, the empty results cell is printed: it is a unit.
    rows = list(ROWS)
    rows[7:9] = ["詳如附件"]
    stream = text_to_stream(export(*rows))
    doc = tokens_to_document(stream)
    assert (doc.rows[0].units, doc.rows[0].result) == (("地政課", "資訊室"), "詳如附件")
    assert not [c for c in stream.checks if not c.passed]
    rows[8:8] = [""]
    doc = parse(export(*rows))
    assert (doc.rows[0].units, doc.rows[0].result) == (("地政課", "資訊室", "詳如附件"), None)


def test_units_read_by_their_place_alone_are_noted() -> None:
    # A units cell whose text reads as no name, and a name with no name's ending listed
    # once: either could be a result's paragraph.
    def noted(units: list[str]) -> list[str]:
        rows = list(ROWS)
        rows[5:7] = units
        return [c.message for c in text_to_stream(export(*rows)).checks if not c.passed]

    assert any("依權責辦理。" in m for m in noted(["依權責辦理。"]))
    assert any("研考" in m for m in noted(["地政課", "研考"]))
    assert noted(["地政課", "資訊室"]) == []


def test_rows_that_read_two_ways_alike_are_noted() -> None:
    # An item's name broken by hand ("創新" / "服務") after a result whose last paragraph
    # could be one more: "創新" ends the result or opens the name, and each reading places
    # no line against its shape.  The table's first item's name broken by hand shows the
    # author breaks names; where the document prints a bare results paragraph elsewhere
    # ("詳如附件"), "創新" could still be one: read with the longer name, and noted.
    body = ["服務一致及", "正確性", *ROWS[1:9], "創新", "服務", "(60分)", "得分：", ""]
    body += ["推動服務創新。", "各單位", "詳如附件"]
    stream = text_to_stream(export(*body))
    checks = [c for c in stream.checks if c.check == "export_rows_unsure"]
    assert checks and not checks[0].passed and "服務一致及" in checks[0].message
    assert tokens_to_document(stream).items[1].name == "創新服務"
    # Where its results are all sentences (or 不適用), "創新" opens the name: no note.
    body[-1] = "不適用"
    stream = text_to_stream(export(*body))
    assert not [c for c in stream.checks if not c.passed]
    assert tokens_to_document(stream).items[1].name == "創新服務"
    # With the first item's name on one line nothing shows names broken by hand: noted.
    body[0:2] = ["服務一致及正確性"]
    stream = text_to_stream(export(*body))
    assert [c.check for c in stream.checks if not c.passed] == ["export_rows_unsure"]
    assert tokens_to_document(stream).items[1].name == "創新服務"
    # The name on one line: no sentence ("2.每季檢討一次。") opens a name, one reading.
    body[9:11] = ["創新服務"]
    assert not [c for c in text_to_stream(export(*body)).checks if not c.passed]


def test_labels_a_line_each_over_a_block_order_dump_are_refused() -> None:
    # A dump tool in block order may print the labels a line each too, but then its cells
    # by blocks, a paragraph each ("服務一致及" / "正確性", then "(100分)" after an empty
    # line): no row reads as an export's.
    blocks = export("服務一致及", "正確性", "", "(100分)", "", "得分：95", "", *ROWS[3:])
    with pytest.raises(NotAFormError, match="text export"):
        text_to_stream(blocks)
    # Labels on one line are the seed's style, not an export.
    assert not is_cell_export(export(*ROWS).replace("\n".join(LABELS), " ".join(LABELS)))


@pytest.mark.parametrize("label", ["佐證資料", "評分說明", "備註"])
def test_a_table_with_a_column_beyond_the_five_is_refused_naming_it(label: str) -> None:
    # Each row prints its sixth cell after the results' paragraphs, a paragraph a line like
    # them: nothing tells "見佐證資料第 3 頁" from a results paragraph.  Once read with the
    # label as the first item's name, status ok.
    rows = list(ROWS)
    rows.insert(9, "見佐證資料第 3 頁")
    text = export(*rows).replace("執行績效與成果\n", f"執行績效與成果\n{label}\n")
    assert is_cell_export(text)
    with pytest.raises(NotAFormError, match=f"columns beyond the five \\({label}\\)"):
        text_to_stream(text)


def test_a_label_no_list_holds_is_known_by_every_table_printing_it() -> None:
    # 附註, a label the vocabulary lacks, right after the five labels of both tables: no
    # item's name opens two tables.  Once read as the first item's name, status ok.
    second = ["構面二(服務遞送)(100分)", *LABELS, "附註", "創新服務", "(100分)", "得分：90"]
    rows = [*ROWS[:9], "見佐證資料第 3 頁", *ROWS[9:]]
    text = export(*rows).replace("執行績效與成果\n", "執行績效與成果\n附註\n", 1)
    text = text.replace(
        "小計 95 分\n",
        "小計 95 分\n"
        + "\n".join([*second, "", "推動服務創新。", "各單位", "不適用", "小計 90 分"])
        + "\n",
    )
    with pytest.raises(NotAFormError, match="columns beyond the five \\(附註\\)"):
        text_to_stream(text)
    # One table's line after the labels is its first item's name, as before.
    assert parse(export(*ROWS)).items[0].name == "服務一致及正確性"


# PyMuPDF's `page.get_text()` of tests/fixtures/formgen/chromium_002.pdf, its first rows:
# the labels a line each and the cells in row order, as an export prints them, but wrapped
# as the PDF wraps them and with no empty line for an empty cell (its second row).
PYMUPDF = """- 1 -
範例市政府地政事務所112年度提升服務效能評核表
第一線服務機關
評核構面一(基礎服務)(300分)
評核項目
評核指標
次評核指標
主辦單位
具體作法與成果
服務流程標準化
(150分)
得分：131.5
1.簡化申辦流程
(1) 檢討土地登記及測量案
件之申辦流程，減少不必要
之書表及附件。
登記課
測量課
1.全面檢視土地登記申請書表計 27 種，刪除
重複填寫欄位 46 項，申請書表平均減
少 1.5 頁。
(2) 訂定申辦案件標準作業
流程，並公開於服務櫃臺及
網站。
登記課
測量課
已完成 35 項標準作業流程(SOP)之修訂，公
告於本所網站「申辦須知」專區。
小計 131.5 分
- 2 -
範例市政府地政事務所112年度提升服務效能評核表
第一線服務機關
評核構面二(服務遞送)(250分)
評核項目
評核指標
次評核指標
主辦單位
具體作法與成果
線上服務便捷性
(250分)
得分：208
1.推動線上申辦
推動土地登記線上申辦。
登記課
全年受理線上案件計 3,842 件。
小計 208 分
"""


def test_a_pdfs_dump_with_labels_a_line_each_and_no_empty_line_is_no_export() -> None:
    assert not is_cell_export(PYMUPDF)
    with pytest.raises(InputError, match="PyMuPDF's get_text"):
        text_to_stream(PYMUPDF)
    # Any sign of its pages tells: a page number, the title again, a form feed.
    first, second = PYMUPDF.split("- 2 -\n")
    assert not is_cell_export(first + second)  # no page number: the title twice
    one_title = first + second.split("\n", 1)[1]
    assert is_cell_export(one_title)
    # The labels again where no dimension starts: a page's repeated header row.
    assert not is_cell_export(one_title.replace("評核構面二(服務遞送)(250分)\n", ""))
    assert not is_cell_export(
        one_title.replace("- 1 -", "第 1 頁").replace("小計 208", "第 2 頁\n小計 208")
    )
    assert not is_cell_export(one_title.replace("小計 131.5 分\n", "小計 131.5 分\n\f"))
    assert not is_cell_export(one_title.replace("小計 131.5 分\n", "小計 131.5 分\r\n\f"))
    # With an empty line for the second row's empty item and indicator cells, and no page
    # number, it is an export's pattern.
    assert is_cell_export(PYMUPDF.replace("少 1.5 頁。\n", "少 1.5 頁。\n\n\n"))


def test_cells_broken_by_hand_read_whole() -> None:
    # An author's manual line breaks print each piece on a line: the item's name up to
    # its points, the indicator and the sub-indicator as their shapes allow (a later line
    # opens with no list marker; the sub-indicator's rest opens with "，").
    body = ["服務一致及", "正確性", "(100分)", "得分：95", "1.訂定申辦", "業務標準", "作業流程"]
    body += ["(1) 訂定申辦業務標準作業流程", "，維持服務措施處理一致性。", *ROWS[5:]]
    stream = text_to_stream(export(*body))
    doc = tokens_to_document(stream)
    assert doc.items[0].name == "服務一致及正確性"
    assert doc.rows[0].indicator == "訂定申辦業務標準作業流程"
    assert doc.rows[0].sub_indicator == "訂定申辦業務標準作業流程，維持服務措施處理一致性。"
    assert doc.rows[0].units == ("地政課", "資訊室")
    assert not [c for c in stream.checks if not c.passed]


def test_a_table_of_many_rows_reads() -> None:
    # Solved from the table's end back: hundreds of rows need no deep recursion.
    many = [*ROWS[:9]] + ["", "", "(2) 提升民眾申辦案件的處理效率。", "登記課", "已完成。"] * 1500
    doc = parse(export(*many))
    assert len(doc.rows) == 1501 and doc.rows[-1].units == ("登記課",)


def test_a_sub_indicator_left_open_takes_its_rest() -> None:
    # "…提升同仁服" stops short of a sentence's end and "務知能" ends like no unit name: the
    # sub-indicator's rest broken by hand, not a unit.  After a finished sentence, a line
    # with no name's ending is a unit (noted as read by its place alone).
    body = [*ROWS[:4], "(1) 定期辦理教育訓練，提升同仁服", "務知能", *ROWS[5:]]
    doc = parse(export(*body))
    assert doc.rows[0].sub_indicator == "定期辦理教育訓練，提升同仁服務知能"
    assert doc.rows[0].units == ("地政課", "資訊室")
    body[4] = "(1) 定期辦理教育訓練，提升同仁服務。"
    stream = text_to_stream(export(*body))
    assert tokens_to_document(stream).rows[0].units == ("務知能", "地政課", "資訊室")
    failed = [c.check for c in stream.checks if not c.passed]
    assert failed == ["export_rows_unsure", "export_units_unsure"]  # or the sub's last line


def test_a_rows_units_and_result_do_not_open_the_next_items_name() -> None:
    # "護理部" and "不適用" have no sentence's punctuation, but a unit's name and 不適用 are
    # no part of an item's name broken by hand ("資訊公開" / "透明").
    body = [*ROWS[:18], "護理部", "不適用", "資訊公開", "透明", "(60分)", "得分："]
    body += ["", "推動服務創新。", "各單位", "已完成。"]
    doc = parse(export(*body))
    assert (doc.rows[2].units, doc.rows[2].result) == (("登記課", "護理部"), "不適用")
    assert doc.items[1].name == "資訊公開透明"


def test_an_indicator_broken_by_hand_keeps_its_lines() -> None:
    # A hand-broken cell's lines fill its width but the last: "機制" over a long line is
    # the indicator's end, not the sub-indicator's first line.  A later line opening with
    # a list marker opens the sub-indicator ("提升" / "服務品質", then "(1) 提升。").
    # An indicator's later line holds no sentence's punctuation.
    def row(*cells: str) -> Document:
        return parse(export(*ROWS[:3], *cells, "地政課", "已完成。"))

    doc = row("強化陳情處理", "機制", "強化機關(單位)服務人員(含委外 call center 人員)之專業。")
    assert (doc.rows[0].indicator, doc.rows[0].sub_indicator) == (
        "強化陳情處理機制",
        "強化機關(單位)服務人員(含委外 call center 人員)之專業。",
    )
    doc = row("提升", "服務品質", "(1) 提升。")
    assert (doc.rows[0].indicator, doc.rows[0].sub_no) == ("提升服務品質", "(1)")
    # With no sentence's punctuation past an indicator's first line, and no cell opening
    # with a closing mark, one reading each (no note).
    for cells in (
        ("推動公私協力", "落實個人資料保護，定期", "檢視資訊安全管理措施。"),
        ("推動公私協力", "落實個人資料保護", "，定期檢視資訊安全管理措施。"),
    ):
        stream = text_to_stream(export(*ROWS[:3], *cells, "地政課", "已完成。"))
        assert tokens_to_document(stream).rows[0].indicator == "推動公私協力"
        assert not [c for c in stream.checks if not c.passed], cells


def test_a_result_never_runs_past_the_next_items_cell() -> None:
    # The next item's first row holds no empty cell, and the item after it follows: the
    # first result ends at "創新服務", never at "數位服務" with a whole item in it.
    body = [*ROWS[:9], "創新服務", "(60分)", "得分：", "推動創新", "推動服務創新。", "研考"]
    body += ["已完成。", "數位服務", "(40分)", "得分：", "推動數位", "推動數位服務。"]
    body += ["各單位", "已完成。"]
    stream = text_to_stream(export(*body))
    doc = tokens_to_document(stream)
    assert [i.name for i in doc.items] == ["服務一致及正確性", "創新服務", "數位服務"]
    assert (doc.rows[1].units, doc.rows[1].result) == (("研考",), "已完成。")
    assert not [c for c in stream.checks if c.check == "export_rows_unsure"]


def test_a_line_the_document_opens_a_cell_with_elsewhere_opens_one_here_too() -> None:
    # libreoffice-text seed 2258: "1.推動公私協力" / "提升民眾申辦案件的處理效" / "率，確保…":
    # the indicator's second line, or the sub-indicator's first?  Both read through to the
    # 小計 alike (flagged, read right).  The document prints "3) 提升民眾申辦案件的處理效"
    # elsewhere: a text it opens a cell with after a marker opens one here too.
    head = [*ROWS[:3], "1.推動公私協力", "提升民眾申辦案件的處理效", "率，確保於處理時限內完成。"]
    later = ["", "", "(2) 提升民眾申辦案件的處理效", "率。", "", "已完成。"]
    stream = text_to_stream(export(*head, "地政課", "已完成。", *later))
    doc = tokens_to_document(stream)
    assert (doc.rows[0].indicator, doc.rows[0].sub_indicator) == (
        "推動公私協力",
        "提升民眾申辦案件的處理效率，確保於處理時限內完成。",
    )
    assert not [c.check for c in stream.checks if not c.passed]
    # Printed nowhere else after a marker, the two readings stay a guess.
    alone = text_to_stream(export(*head, "地政課", "已完成。"))
    assert [c.check for c in alone.checks if not c.passed] == ["export_rows_unsure"]
