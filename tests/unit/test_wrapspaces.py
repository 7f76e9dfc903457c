"""Spaces LibreOffice did not draw at a wrap, put back by the document's habit (`layout.wrapspaces`)."""

from __future__ import annotations

import pytest

from pipeline.layout.grid import GridCell, PageGrid
from pipeline.layout.primitives import TextLine
from pipeline.layout.wrapspaces import restore_wrap_spaces, wrap_spaces
from pipeline.models import Column

SIZE = 10.0
LIMIT = 120.0  # the results column's right limit: its box and its fullest line
# Results lines: digits a space apart from ideographs, five times and more, never touching.
SPACED = ("共 3 場，計 12 人。", "全年 4 次，受理 56 件。", "計 7 項。")


def line(text: str, top: float, x1: float, *, trailing: bool = False) -> TextLine:
    return TextLine(text, 0.0, top, x1, top + SIZE, SIZE, trailing_space=trailing)


def grid(texts: tuple[str, ...], ends: tuple[float, ...], page_no: int = 1) -> PageGrid:
    lines = tuple(line(t, 10.0 * k, x1) for k, (t, x1) in enumerate(zip(texts, ends, strict=True)))
    cell = GridCell(Column.RESULT, Column.RESULT, 0.0, 0.0, LIMIT, 200.0, lines)
    full = GridCell(
        Column.RESULT, Column.RESULT, 0.0, 210.0, LIMIT, 220.0, (line("滿", 210.0, LIMIT),)
    )
    return PageGrid(
        page_no,
        (),
        (cell, full),
        (0.0, 20.0, 40.0, 60.0, 80.0, LIMIT),
        0.0,
        300.0,
        None,
        True,
        True,
    )


def spaces(texts: tuple[str, ...], ends: tuple[float, ...], **kw: object) -> list[bool]:
    (out,) = restore_wrap_spaces([grid(texts, ends)], **kw)  # type: ignore[arg-type]
    return [ln.trailing_space for ln in out.cells[0].lines]


WRAPPED = ("刪除重複填寫欄位", "46 項，申請書表減少。")


def test_a_digit_wrap_at_the_edge_gets_the_space_the_habit_says_stood_there() -> None:
    # "…欄位" ends 0.1 em short of the limit: no room for a space glyph, none drawn.
    assert spaces((*SPACED, *WRAPPED), (80, 90, 60, LIMIT - 1, 70)) == [False] * 3 + [True, False]


@pytest.mark.parametrize(
    ("texts", "ends", "why"),
    [
        ((*SPACED, *WRAPPED), (80, 90, 60, LIMIT - 5, 70), "room for a space: none was there"),
        (
            (*(t.replace(" ", "") for t in SPACED), *WRAPPED),
            (80, 90, 60, LIMIT - 1, 70),
            "digits printed touching: no habit",
        ),
        (
            (*SPACED, "刪除重複填寫欄位", "2.配合內政部改版。"),
            (80, 90, 60, LIMIT - 1, 70),
            "a list entry",
        ),
        (
            (*SPACED, "刪除重複填寫欄位項", "表減少。"),
            (80, 90, 60, LIMIT - 1, 70),
            "two ideographs",
        ),
    ],
)
def test_no_space_is_added_without_the_evidence(
    texts: tuple[str, ...], ends: tuple[float, ...], why: str
) -> None:
    assert not any(spaces(texts, ends)), why


def test_pages_read_by_ocr_keep_what_they_read() -> None:
    # Page 1's text layer shows the habit; page 2, read by OCR (which sees no spaces), is
    # neither evidence nor changed.
    text = grid((*SPACED, *WRAPPED), (80, 90, 60, LIMIT - 1, 70))
    scan = grid(WRAPPED, (LIMIT - 1, 70), page_no=2)
    first, second = restore_wrap_spaces([text, scan], ocr_pages={2})
    assert first.cells[0].lines[3].trailing_space
    assert second is scan


# libreoffice-extra 9920: "…藉由 e" fills its line, LibreOffice drew no space after it.
LATIN = ("從收件繳費、藉由 e", "化、環節簡化。")


def latin(others: tuple[str, ...]) -> tuple[bool, list[str]]:
    """Given the document's other results lines (each ending short), return whether the
    wrap of `LATIN` was given its space, and the checks that failed."""
    texts = (*others, *LATIN)
    ends = (*(60.0 for _ in others), LIMIT - 1, 70.0)
    found = wrap_spaces([grid(texts, ends)])
    lines = found.grids[0].cells[0].lines
    return lines[len(others)].trailing_space, [c.check for c in found.checks() if not c.passed]


def test_a_latin_wrap_is_spaced_as_the_document_prints_the_same_words() -> None:
    # "藉由 e 化、" twice elsewhere, never touching: the space stood there.
    assert latin(("藉由 e 化、環節", "並藉由 e 化、")) == (True, [])
    # Touching twice, never spaced: none did.
    assert latin(("藉由 e化、環節", "並藉由 e化、")) == (False, [])


@pytest.mark.parametrize(
    ("others", "why"),
    [
        (("藉由 e 化、環節",), "spaced once only"),
        (("藉由 e 化、環節", "並藉由 e 化、", "藉由 e化、"), "both ways"),
        (("完成訂定", "透過 LINE 官方"), "printed nowhere else"),
    ],
)
def test_a_latin_wrap_the_document_does_not_settle_is_unsure(
    others: tuple[str, ...], why: str
) -> None:
    assert latin(others) == (False, ["wrap_space_unsure"]), why


def test_a_latin_wrap_with_room_for_a_space_is_sure_without_one() -> None:
    # "…藉由 e" ends 0.5 em short: a space glyph would have been drawn there.
    found = wrap_spaces([grid(LATIN, (LIMIT - 5, 70.0))])
    assert not found.grids[0].cells[0].lines[0].trailing_space
    assert found.checks() == []
