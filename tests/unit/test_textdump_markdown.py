"""Markdown dumps (PDF-to-Markdown converters' pipe tables, as pymupdf4llm prints them)."""

from __future__ import annotations

from pipeline.layout.textdump import text_to_stream
from pipeline.layout.textdump.markdown import (
    MERGED_TEXT,
    _subtotal_glued,
    is_markdown_table,
    markdown_to_layout,
)
from pipeline.models import Document, SourceInfo
from pipeline.run import outcome_of, sha256_bytes
from pipeline.structure import tokens_to_document

HEADER = "|評核項目|評核指標|次評核指標|主辦單位|執行績效與成果|\n|---|---|---|---|---|\n"
TOP = "經濟部標準檢驗局基隆分局 107年度提升服務效能評核表項目及評分表 \n\n## 整體服務類機關 \n\n"

# Two pages of the committed fixture tests/fixtures/pdf/seed_a4_merged.pdf as pymupdf4llm
# prints them, shortened: the item and indicator cells merged over rows (empty cells),
# every cell's lines joined by <br>, the header row again on page 2, and the second row
# of page 1 going on at page 2's top.
PAGE1 = (
    TOP
    + "評核構面一(基礎服務)(200分) \n\n"
    + HEADER
    + "|服務一致及<br>正確性<br>(100分)<br>得分：88|1.訂定申辦<br>業務標準作<br>業流程|"
    "訂定申辦業務標準作業流程<br>，維持服務措施處理一致性<br>，進行簡化及標準化等。|"
    "電資產品課<br>機械產品課<br>各辦事處|完成訂定商品報驗發證、免<br>驗案件等申辦業務標準作業<br>"
    "流程。<br>2.持續檢討申辦項目表單，<br>進行簡化。|\n"
    "||2.提升服務<br>及時性|提升民眾申辦案件的處理效<br>率，確保於時限共創機關 (單位 )<br>與民眾合作。|"
    "電資產品課<br>各辦事處|已完成商品報驗流程簡化，<br>全程線上申辦免臨櫃，從收|\n"
    "\n\n\n第 1 頁 \n\n"
)
PAGE2 = (
    TOP
    + HEADER
    + "|||||件繳費、取樣、檢驗、審查<br>及發證。|\n"
    + "|||小計：8|8分||\n"
    + "\n\n\n第 2 頁 \n"
)


def read(text: str) -> tuple[Document, dict[str, str]]:
    stream = text_to_stream(text)
    failed = {c.check: c.message for c in stream.checks if not c.passed}
    assert any(c.check == "dump_style" and "Markdown" in c.message for c in stream.checks)
    return tokens_to_document(stream), failed


def test_a_markdown_dump_reads_its_cells_across_pages() -> None:
    assert is_markdown_table(PAGE1 + PAGE2)
    doc, failed = read(PAGE1 + PAGE2)
    assert not failed, failed
    (item,) = doc.items
    assert (item.name, item.max_points, item.score) == ("服務一致及正確性", 100, 88)
    assert doc.dimensions[0].subtotal == 88  # "小計：8" | "8分": one line, cut by the converter
    first, second = doc.rows
    assert (first.indicator, first.units) == (
        "訂定申辦業務標準作業流程",
        ("電資產品課", "機械產品課", "各辦事處"),
    )
    assert first.sub_indicator == (
        "訂定申辦業務標準作業流程，維持服務措施處理一致性，進行簡化及標準化等。"
    )
    assert first.result == (
        "完成訂定商品報驗發證、免驗案件等申辦業務標準作業流程。\n2.持續檢討申辦項目表單，進行簡化。"
    )
    assert (second.indicator, second.page_start, second.page_end) == ("提升服務及時性", 1, 2)
    # A line's words past a space are its cell's: the converter parted the cells.
    assert (
        second.sub_indicator == "提升民眾申辦案件的處理效率，確保於時限共創機關 (單位 )與民眾合作。"
    )
    assert second.units == ("電資產品課", "各辦事處")
    assert second.result == (
        "已完成商品報驗流程簡化，全程線上申辦免臨櫃，從收件繳費、取樣、檢驗、審查及發證。"
    )


def test_markup_escapes_and_break_spellings_are_read_through() -> None:
    text = (PAGE1 + PAGE2).replace("|服務一致及<br>", "|**服務一致及**<br/>")
    text = text.replace("(100分)", "\\(100分\\)").replace("<br>業流程", "<br />業流程")
    doc, failed = read(text)
    assert not failed, failed
    assert doc.items[0].name == "服務一致及正確性" and doc.items[0].max_points == 100
    assert doc.rows[0].indicator == "訂定申辦業務標準作業流程"


def test_a_column_the_converter_merged_or_split_with_text_in_it_is_flagged() -> None:
    # Page 2's indicator column held no text, so the converter merged it into the
    # sub-indicator's header cell: harmless while the merged column is empty …
    merged = PAGE2.replace("|評核指標|次評核指標|", "|評核指標<br>次評核指標|").replace(
        "|---|---|---|---|---|", "|---|---|---|---|"
    )
    merged = merged.replace("|||||件繳費", "||||件繳費").replace(
        "|||小計：8|8分||", "||小計：8|8分||"
    )
    doc, failed = read(PAGE1 + merged)
    assert not failed, failed
    assert doc.rows[1].result.endswith("從收件繳費、取樣、檢驗、審查及發證。")
    # … but text in it could be either column's.
    with_text = merged.replace("||||件繳費", "||(3) 定期檢查。||件繳費")
    _, failed = read(PAGE1 + with_text)
    assert MERGED_TEXT in failed and "定期檢查" in failed[MERGED_TEXT]
    # A column under an empty header cell (the converter split one) holding text, too.
    split = PAGE2.replace("|主辦單位|", "||主辦單位|").replace(
        "|---|---|---|---|---|", "|---|---|---|---|---|---|"
    )
    split = split.replace("|||||件繳費", "||||，確保設||件繳費").replace("|||小計", "||||小計")
    _, failed = read(PAGE1 + split)
    assert MERGED_TEXT in failed and "確保設" in failed[MERGED_TEXT]


def test_a_page_opens_at_its_title_not_at_a_subtotal_left_out_of_the_table() -> None:
    # The converter printed page 2's 小計 as text after the table: it stays on page 2.
    loose = PAGE2.replace("|||小計：8|8分||\n", "").replace(
        "\n\n\n第 2 頁", "\n\n小計：88 分 \n\n第 2 頁"
    )
    layout, _, _ = markdown_to_layout(PAGE1 + loose)
    pages = layout.split("\f")
    assert len(pages) == 2 and "小計：88 分" in pages[1] and pages[1].startswith("經濟部")
    doc, failed = read(PAGE1 + loose)
    assert not failed, failed
    assert doc.dimensions[0].subtotal == 88 and doc.rows[1].page_end == 2


def test_a_rows_text_glued_to_the_header_row_is_read_as_a_row() -> None:
    # The converter took page 2's first row (the rest of a result) into the header row's
    # last cell, after its label (make fuzz: a reportlab form through pymupdf4llm); a
    # label may take two lines of its cell too.
    glued = PAGE2.replace(
        "|執行績效與成果|\n|---|---|---|---|---|\n|||||件繳費、取樣、檢驗、審查<br>及發證。|\n",
        "|執行績效與<br>成果<br>件繳費、取樣、檢驗、審查<br>及發證。|\n|---|---|---|---|---|\n",
    )
    assert glued != PAGE2
    doc, failed = read(PAGE1 + glued)
    assert not failed, failed
    assert doc.rows[1].result == (
        "已完成商品報驗流程簡化，全程線上申辦免臨櫃，從收件繳費、取樣、檢驗、審查及發證。"
    )


def test_a_subtotal_row_glued_under_the_last_rows_cells_is_its_own_line() -> None:
    # The converter saw no rule above the 小計 row (a Chromium form through pymupdf4llm):
    # its label closes the sub-indicator's cell, its number the units'.
    cells = [
        ["資訊公開透明(30", "分)", "得分：30 分"],
        [],
        ["強化機關服務人員之專業與", "熟悉程度。", "小計"],
        ["食品藥物管理科", "第一門診部", "50 分"],
        ["服務櫃檯已完成設置服務中心。"],
    ]
    rest, subtotal = _subtotal_glued(cells)
    assert subtotal == "小計50 分"
    assert rest[2] == ["強化機關服務人員之專業與", "熟悉程度。"]
    assert rest[3] == ["食品藥物管理科", "第一門診部"] and rest[4] == cells[4]
    # A cell that is only "小計" is a 小計 row of its own, not glued; no 小計, no change.
    assert _subtotal_glued([["小計"], ["50 分"]]) == ([["小計"], ["50 分"]], None)
    assert _subtotal_glued([["熟悉程度。"], ["第一門診部", "50 分"]])[1] is None


def test_two_rows_the_converter_put_in_one_table_row_are_flagged() -> None:
    # No rule between the rows: one table row holds both indicators, both sub-indicators,
    # and the units and results of both, which nothing parts.
    glued = (
        TOP
        + "評核構面一(基礎服務)(200分) \n\n"
        + HEADER
        + "|服務一致及<br>正確性<br>(100分)<br>得分：88|1.訂定申辦<br>業務標準作<br>業流程<br>"
        "2.提升服務<br>及時性|訂定申辦業務標準作業流程<br>，維持服務措施處理一致性。<br>"
        "提升民眾申辦案件的處理效<br>率。|電資產品課<br>各辦事處|完成訂定標準作業流程。<br>"
        "已完成商品報驗流程簡化。|\n"
        "|||小計：88分|||\n\n第 1 頁 \n"
    )
    _, failed = read(glued)
    assert MERGED_TEXT in failed and "two rows in one" in failed[MERGED_TEXT]
    assert "2.提升服務" in failed[MERGED_TEXT]
    # One row a table row: nothing said.
    _, failed = read(glued.replace("<br>2.提升服務<br>及時性", ""))
    assert MERGED_TEXT not in failed


def test_a_sub_indicator_cell_holding_two_paragraphs_is_two_rows_flagged() -> None:
    # The second row's indicator cell is merged with the first's (empty) and its
    # sub-indicator unnumbered: only the short line ending a sentence ("一致性。", room for
    # 提 by the column's widest line) says a second row opens in the cell.
    glued = (
        TOP
        + "評核構面一(基礎服務)(200分) \n\n"
        + HEADER
        + "|服務一致及<br>正確性<br>(100分)<br>得分：88|1.訂定申辦<br>業務標準作<br>業流程|"
        "訂定申辦業務標準作業流程<br>，維持一致性。<br>提升民眾申辦案件的處理效<br>率。|"
        "電資產品課<br>各辦事處|完成訂定標準作業流程。<br>已完成商品報驗流程簡化。|\n"
        "|||小計：88分|||\n\n第 1 頁 \n"
    )
    _, failed = read(glued)
    assert MERGED_TEXT in failed and "'提升民眾申辦案件的處理效'" in failed[MERGED_TEXT]
    # A line ending a sentence where it filled the column is a wrap: one row, nothing said.
    _, failed = read(glued.replace("，維持一致性。", "，維持服務措施處理一致。"))
    assert MERGED_TEXT not in failed, failed


def test_a_pages_table_without_the_header_row_takes_the_columns_before() -> None:
    # The converter took page 2's first row for the table's header row.
    headless = PAGE2.replace(HEADER, "").replace(
        "|||||件繳費、取樣、檢驗、審查<br>及發證。|\n",
        "|||||件繳費、取樣、檢驗、審查<br>及發證。|\n|---|---|---|---|---|\n",
    )
    doc, failed = read(PAGE1 + headless)
    assert not failed, failed
    assert doc.rows[1].result.endswith("從收件繳費、取樣、檢驗、審查及發證。")


def test_text_the_layout_cannot_place_is_counted_missing() -> None:
    # A row with a cell more than the header has: its text goes nowhere, and the count of
    # the dump's characters says so; a table the converter repeats a merged cell in does not.
    extra = PAGE2.replace("及發證。|\n", "及發證。|多出來的文字|\n")
    assert _accounting(PAGE1 + extra) == "6 of"
    repeated = PAGE1.replace(
        "\n||2.提升服務", "\n|服務一致及<br>正確性<br>(100分)<br>得分：88|2.提升服務"
    )
    assert repeated != PAGE1
    doc, failed = read(repeated + PAGE2)
    assert not failed, failed
    assert len(doc.items) == 1 and len(doc.rows) == 2
    assert _accounting(repeated + PAGE2) == "all"


def _accounting(text: str) -> str:
    """The head of the characters_accounted check's message for a dump read end to end."""
    data = text.encode()
    o = outcome_of(data, SourceInfo("form.md", sha256_bytes(data), len(data), "text"))
    (check,) = [c for c in o.checks if c.check == "characters_accounted"]
    return check.message.split()[0] if check.passed else " ".join(check.message.split()[:2])


def test_text_without_a_pipe_table_of_the_labels_is_no_markdown_dump() -> None:
    assert not is_markdown_table("|名稱|數量|\n|---|---|\n|資訊室|3|\n")
    assert not is_markdown_table(TOP + "評核項目 評核指標 次評核指標 主辦單位 執行績效與成果\n")


def test_a_column_the_lists_lack_is_read_under_its_printed_label() -> None:
    """A sixth header cell 附註 (no list holds it): its cells go to rows.extra under it.
    Before, the label was read as text glued under the header and its cells as the
    results' (`markdown_columns_merged`, three rows for two)."""
    six = HEADER.replace(
        "執行績效與成果|\n|---|---|---|---|---|", "執行績效與成果|附註|\n|---|---|---|---|---|---|"
    )
    page1 = (
        PAGE1.replace(HEADER, six)
        .replace("進行簡化。|\n", "進行簡化。|詳附件一|\n")
        .replace("全程線上申辦免臨櫃，從收|\n", "全程線上申辦免臨櫃，從收||\n")
    )
    page2 = (
        PAGE2.replace(HEADER, six)
        .replace("及發證。|\n", "及發證。||\n")
        .replace("|||小計：8|8分||\n", "|||小計：8|8分|||\n")
    )
    doc, failed = read(page1 + page2)
    assert not failed, failed
    assert [dict(r.extra) for r in doc.rows] == [{"附註": "詳附件一"}, {}]
    assert doc.rows[0].result.endswith("進行簡化。")
