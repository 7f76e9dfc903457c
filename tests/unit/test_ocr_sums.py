"""Scores OCR read unsurely, settled by the document's sums (`extract.scan.confirmed_by_sums`)."""

from __future__ import annotations

from pipeline.extract.scan import confirmed_by_sums, ocr_checks
from pipeline.models import BBox, Dimension, Document, Item, OcrText, PageStream


def form(
    subtotals: tuple[float | None, float | None], *scores: tuple[int, float | None]
) -> Document:
    """Two dimensions (pages 1-2 and 3-4) with their subtotals; items (dimension, score),
    each on its dimension's pages."""
    dims = tuple(
        Dimension(n, "構面", 100, sub, 2 * n - 1, 2 * n, f"評核構面{n}")
        for n, sub in enumerate(subtotals, start=1)
    )
    items = tuple(
        Item(dim, k, "項目", 50, score, 2 * dim - 1, 2 * dim)
        for k, (dim, score) in enumerate(scores, start=1)
    )
    return Document("機關", 107, "t", "c", 4, dims, items, ())


def line(page: int, text: str, digits: float = 0.7) -> OcrText:
    return OcrText(page, BBox(42, 100, 80, 112), text, 0.95, text, digits)


def test_the_one_unsure_number_of_a_dimension_whose_sums_hold_is_confirmed() -> None:
    doc = form((414, 30), (1, 147), (1, 20), (1, 247), (2, 10), (2, 20))
    score = line(2, "得分：247")
    assert confirmed_by_sums(doc, [score]) == [score]
    subtotal = line(4, "小計 30 分")
    assert confirmed_by_sums(doc, [subtotal]) == [subtotal]
    # one in each dimension: each the only unsure number of its own equation
    assert confirmed_by_sums(doc, [score, subtotal]) == [score, subtotal]


def test_two_unsure_numbers_of_one_dimension_or_sums_that_fail_confirm_nothing() -> None:
    doc = form((414, 30), (1, 147), (1, 20), (1, 247), (2, 10), (2, 20))
    assert confirmed_by_sums(doc, [line(2, "得分：247"), line(1, "得分：147")]) == []
    assert confirmed_by_sums(doc, [line(2, "得分：247"), line(2, "小計 414 分")]) == []
    wrong = form((414, 30), (1, 147), (1, 20), (1, 241), (2, 10), (2, 20))
    assert confirmed_by_sums(wrong, [line(2, "得分：241")]) == []  # 147 + 20 + 241 ≠ 414
    unscored = form((414, 30), (1, 147), (1, None), (1, 267), (2, 10), (2, 20))
    assert confirmed_by_sums(unscored, [line(2, "得分：267")]) == []  # an item unscored
    no_subtotal = form((None, 30), (1, 147), (1, 20), (1, 247), (2, 10), (2, 20))
    assert confirmed_by_sums(no_subtotal, [line(2, "得分：247")]) == []


def test_a_line_placed_in_no_dimension_or_in_two_stays_unsure() -> None:
    doc = form((30, 30), (1, 10), (1, 20), (2, 10), (2, 20))
    assert confirmed_by_sums(doc, [line(3, "得分：247")]) == []  # no item scored 247
    assert confirmed_by_sums(doc, [line(1, "得分：20")]) == [line(1, "得分：20")]
    # the same score on another dimension's page: not that dimension's item
    assert confirmed_by_sums(doc, [line(3, "得分：30")]) == []
    # both subtotals 30: the line's page tells whose
    assert confirmed_by_sums(doc, [line(2, "小計 30 分")]) == [line(2, "小計 30 分")]
    both = Document(
        "機關",
        107,
        "t",
        "c",
        2,
        (Dimension(1, "構面", 100, 30, 1, 2, "一"), Dimension(2, "構面", 100, 30, 2, 3, "二")),
        (Item(1, 1, "項目", 50, 10, 1, 2), Item(1, 2, "項目", 50, 20, 1, 2)),
        (),
    )
    # "小計 30" on page 2, where both dimensions stand with a subtotal of 30
    assert confirmed_by_sums(both, [line(2, "小計 30 分")]) == []


def test_a_confirmed_score_leaves_the_document_whole_and_says_so() -> None:
    doc = form((414, 30), (1, 147), (1, 20), (1, 247), (2, 10), (2, 20))
    score, points = line(2, "得分：247"), line(2, "(50分)")
    stream = PageStream((), 4, ocr_pages=(1, 2, 3, 4), ocr_texts=(score, points))
    checks = {c.check: c for c in ocr_checks(stream, doc=doc)}
    assert not checks["ocr_scores_read"].passed  # "(50分)": no sum settles an item's points
    assert "得分：247" not in checks["ocr_scores_read"].message
    assert "'得分：247'" in checks["ocr_scores_confirmed"].message
    stream = PageStream((), 4, ocr_pages=(1, 2, 3, 4), ocr_texts=(score,))
    checks = {c.check: c for c in ocr_checks(stream, doc=doc)}
    assert checks["ocr_scores_read"].passed and checks["ocr_scores_confirmed"].passed
    assert not {c.check: c for c in ocr_checks(stream)}["ocr_scores_read"].passed  # no doc


def test_lines_read_unsurely_are_listed_and_each_repair_says_before_and_after() -> None:
    sure = OcrText(1, BBox(10, 10, 90, 22), "服務一致及正確性", 0.97, "服務一致及正確性")
    unsure = OcrText(2, BBox(42, 100, 80, 112), "洽公環境友善", 0.41, "洽公環境友善")
    repaired = OcrText(1, BBox(5, 50, 60, 62), "評核指標", 0.9, "評核指摽")
    stream = PageStream((), 2, ocr_pages=(1, 2), ocr_texts=(sure, unsure, repaired))
    checks = {c.check: c for c in ocr_checks(stream)}
    low = checks["ocr_low_confidence"]
    assert not low.passed and low.severity == "warning"
    assert low.message.startswith("1 of 3 OCR lines below confidence")
    assert "p2 (42,100) '洽公環境友善' 0.41" in low.message and "服務一致" not in low.message
    assert "OCR read '評核指摽', repaired to '評核指標'" in checks["ocr_repair"].message
    # Many unsure lines: the count says all, the list the first 20.
    many = tuple(
        OcrText(2, BBox(1, 20 * k, 9, 20 * k + 8), f"第{k}行", 0.3, f"第{k}行") for k in range(25)
    )
    low = {c.check: c for c in ocr_checks(PageStream((), 2, ocr_pages=(2,), ocr_texts=many))}[
        "ocr_low_confidence"
    ]
    assert low.message.startswith("25 of 25") and "第19行" in low.message
    assert "第20行" not in low.message
    clean = {c.check: c for c in ocr_checks(PageStream((), 1, ocr_pages=(1,), ocr_texts=(sure,)))}
    assert clean["ocr_low_confidence"].passed and "ocr_repair" not in clean
