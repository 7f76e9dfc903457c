"""Checks fail when the data is wrong: each check on a document built by hand."""

from __future__ import annotations

from dataclasses import replace

from pipeline.models import Dimension, Document, Item, Row
from pipeline.validate import validate


def make_doc(
    subtotal: float = 90, score2: float = 50, units: tuple[str, ...] = ("各單位",)
) -> Document:
    dim = Dimension(1, "基礎服務", 200, subtotal, 1, 2, "評核構面一(基礎服務)(200分)")
    items = (Item(1, 1, "甲", 100, 40, 1, 1), Item(1, 2, "乙", 100, score2, 2, 2))
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
    doc = replace(doc, rows=(*doc.rows, Row(3, 1, 2, None, None, None, None, (), "x", 2, 2)))
    assert failed(doc) == {"row_has_indicator"}


def test_results_text_in_units_column() -> None:
    assert failed(make_doc(units=("完成訂定商品報驗發證、免驗案件",))) == {"units_known"}


def test_dimension_numbers_in_order() -> None:
    doc = make_doc()
    doc = replace(doc, dimensions=(replace(doc.dimensions[0], dimension_no=2),))
    assert "dimension_sequence" in failed(doc)
