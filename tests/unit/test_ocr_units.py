"""OCR's misread unit names put back as the document's own (`extract.scan.repair_units`)."""

from __future__ import annotations

from pipeline.extract.scan import repair_units
from pipeline.models import Dimension, Document, Item, Row


def doc_with(*units: tuple[int, tuple[str, ...]]) -> Document:
    """A document whose row n (on page n) lists the units given for it."""
    dim = Dimension(1, "基礎服務", 200, 0, 1, len(units), "評核構面一(基礎服務)(200分)")
    items = (Item(1, 1, "服務甲", 100, 40, 1, len(units)),)
    rows = tuple(
        Row(n, 1, 1, None, "指標", None, "次指標", names, "成果", page, page)
        for n, (page, names) in enumerate(units, start=1)
    )
    return Document("機關", 107, "t", "c", len(units), (dim,), items, rows)


def test_a_unit_ocr_misread_is_the_documents_own_name() -> None:
    doc = doc_with(
        (1, ("各辦事處", "研考科")),
        (2, ("各辦事處", "行政科")),
        (3, ("各辯事慮", "研考科")),  # 辦 and 處 misread: unlike a unit name, once
        (4, ("各辦事慮",)),  # another, on a page the text layer gave: as printed
        (5, ("行政科",)),
        (3, ("民眾服務",)),  # unlike a name, but unlike 各辦事處 in every character
    )
    fixed, checks = repair_units(doc, ocr_pages=(3,))
    assert [r.units for r in fixed.rows] == [
        ("各辦事處", "研考科"),
        ("各辦事處", "行政科"),
        ("各辦事處", "研考科"),
        ("各辦事慮",),
        ("行政科",),
        ("民眾服務",),
    ]
    assert [c.message for c in checks] == [
        "row 3: OCR read unit '各辯事慮', the document's '各辦事處'"
    ]
    assert all(c.check == "ocr_repair" and c.passed for c in checks)


def test_names_that_read_as_names_or_match_two_are_left_as_read() -> None:
    doc = doc_with(
        (1, ("行政科", "各辦事處", "各區事處")),
        (2, ("行政科", "各辦事處", "各區事處")),
        (3, ("行政課", "各辯事慮")),  # 行政課 ends as a name; 各辯事慮 is as near to two names
    )
    fixed, checks = repair_units(doc, ocr_pages=(1, 2, 3))
    assert fixed == doc and checks == ()


def test_a_unit_whose_closing_bracket_ocr_lost_is_the_documents_own_name() -> None:
    doc = doc_with(
        (1, ("資訊小組(各單位)", "秘書室（研考）")),
        (2, ("資訊小組(各單位)", "秘書室（研考）")),
        (3, ("資訊小組(各單位", "秘書室（研考")),  # the ")" too faint to read, once each
        (4, ("衛生所(各區",)),  # no such name printed twice: left as read
    )
    fixed, checks = repair_units(doc, ocr_pages=(3, 4))
    assert [r.units for r in fixed.rows][2:] == [
        ("資訊小組(各單位)", "秘書室（研考）"),
        ("衛生所(各區",),
    ]
    assert len(checks) == 2


def test_a_unit_ocr_read_in_another_letter_case_is_the_documents_own_name() -> None:
    doc = doc_with(
        (1, ("IT組", "e化小組", "GIS課", "GiS課")),
        (2, ("IT組", "e化小組", "GIS課", "GiS課")),
        (3, ("It組", "E化小組")),  # the Latin letters' case misread, once each
        (4, ("iT組",)),  # on a page the text layer gave: as printed
        (3, ("gis課",)),  # as near to two names printed twice: no one name to take
    )
    fixed, checks = repair_units(doc, ocr_pages=(3,))
    assert [r.units for r in fixed.rows][2:] == [("IT組", "e化小組"), ("iT組",), ("gis課",)]
    assert [c.message for c in checks] == [
        "row 3: OCR read unit 'It組', the document's 'IT組'",
        "row 3: OCR read unit 'E化小組', the document's 'e化小組'",
    ]
