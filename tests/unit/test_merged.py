"""Merged cells printed again (layout/merged.py): marked in layout, read once by structure."""

from __future__ import annotations

from pipeline.layout.merged import is_item_tail, mark_printed_again, printed_again
from pipeline.models import Column, Fragment, Furniture, PageStream, Token
from pipeline.structure import tokens_to_document

IT, N, S, U, R = Column.ITEM, Column.INDICATOR, Column.SUB, Column.UNITS, Column.RESULT
HEAD: tuple[Token, ...] = (
    Furniture("title", "臺北市政府 110年度提升服務效能評核表", 1),
    Furniture("dimension", "構面二（服務遞送）（300分）", 1),
)


def f(col: Column, *lines: str, page: int = 1, cont: bool = False) -> Fragment:
    return Fragment(column=col, lines=lines, page=page, cont=cont)


def kinds(tokens: list[Token]) -> list[str]:
    return [t.kind if isinstance(t, Furniture) else t.column.name for t in tokens]


def test_printed_again_needs_the_same_text_or_a_near_read_on_ocr_pages() -> None:
    assert printed_again("服務便捷性(100分)得分：80", "服務便捷性(100分)得分：80")
    assert not printed_again("服務便捷性(100分)得分：80", None)
    assert not printed_again("服務便捷性(100分)", "服務便捷性(100分)得分：80")
    # One glyph read differently: a repeat on an OCR page only (ratio > 0), never when
    # a number differs.
    assert not printed_again("1.建置單一窗囗", "1.建置單一窗口")
    assert printed_again("1.建置單一窗囗", "1.建置單一窗口", 0.2)
    assert not printed_again("2.建置單一窗口", "1.建置單一窗口", 0.2)


def test_item_tails() -> None:
    assert is_item_tail(["(100分)", "得分：80"])
    assert is_item_tail(["得分："])
    assert not is_item_tail(["服務便捷性", "(100分)"])
    assert not is_item_tail([""])
    # A score wrapped inside its number: within the fragment, or after the open item's
    # last line, which holds its first part.
    assert is_item_tail(["得分：47.", "5 分"])
    assert is_item_tail(["0 分"], "得分：16")
    assert is_item_tail(["0 分", "(10分)"], "得分：16")
    assert not is_item_tail(["0 分"])
    assert not is_item_tail(["0 分"], "服務便捷性")
    assert not is_item_tail(["服務便捷性"], "得分：16")


def test_repeats_become_furniture_and_keep_their_characters() -> None:
    tokens = [
        *HEAD,
        f(IT, "服務便捷性"),
        f(IT, "(100分)", "得分：80"),  # the item's tail grows the open item text
        f(N, "1.建置單一", "窗口"),
        f(S, "(1) 設置全功能櫃台。"),
        f(IT, "服務便捷性", "(100分)", "得分：80", page=2),
        f(N, "1.建置單一", "窗口", page=2),
        f(S, "(2) 簡化申辦流程。", page=2),
    ]
    out = mark_printed_again(tokens)
    assert kinds(out)[2:] == ["ITEM", "ITEM", "INDICATOR", "SUB", "repeat", "repeat", "SUB"]
    assert out[6] == Furniture("repeat", "服務便捷性\n(100分)\n得分：80", 2)

    def chars(ts: list[Token]) -> str:
        text = "".join(t.text if isinstance(t, Furniture) else "".join(t.lines) for t in ts)
        return "".join(text.split())

    assert chars(out) == chars(tokens)


def test_what_is_not_a_repeat() -> None:
    tokens = [
        *HEAD,
        f(IT, "服務便捷性(100分)"),
        f(N, "提高服務人員專業度"),
        f(S, "(1) 定期辦理教育訓練。"),
        f(IT, "服務可近性(50分)"),  # a new item closes the open indicator
        f(N, "提高服務人員專業度"),
        f(S, "(1) 設置服務台。"),
        Furniture("subtotal", "小計 150", 1),
        f(IT, "服務可近性(50分)"),  # after a 小計 nothing is open
        f(N, "提高服務人員專業度", cont=True),  # a continuation is never a repeat
    ]
    assert "repeat" not in kinds(mark_printed_again(tokens))


def test_structure_reads_each_merged_cell_once() -> None:
    # A layout that prints item and indicator text on every row (no merged cells).
    stream = mark_printed_again(
        [
            *HEAD,
            f(IT, "服務便捷性", "(100分)", "得分：80"),
            f(N, "1.建置單一", "窗口"),
            f(S, "(1) 設置全功能櫃台。"),
            f(IT, "服務便捷性", "(100分)", "得分：80", page=2),
            f(N, "1.建置單一", "窗口", page=2),
            f(S, "(2) 簡化申辦流程。", page=2),
            f(U, "各單位", page=2),
        ]
    )
    d = tokens_to_document(PageStream(tokens=tuple(stream), page_count=2))
    assert [(r.item_no, r.indicator_no, r.sub_no) for r in d.rows] == [
        (1, "1", "(1)"),
        (1, "1", "(2)"),
    ]
    assert len(d.items) == 1 and d.items[0].score == 80
    assert d.dimensions[0].dimension_no == 2 and d.dimensions[0].max_points == 300
