"""Wrap joining and comparable forms."""

from __future__ import annotations

from pipeline.normalise.text import (
    display_width,
    fold_width,
    join_paragraphs,
    join_wrapped,
    norm_key,
)


def test_join_wrapped() -> None:
    assert (
        join_wrapped(["訂定申辦業務標準作業流程，", "維持服務措施。 "])
        == "訂定申辦業務標準作業流程，維持服務措施。"
    )
    assert join_wrapped(["提供 QR", "code 掃描"]) == "提供 QR code 掃描"
    assert join_wrapped(["共計執行 2,598", "件。"]) == "共計執行 2,598件。"
    assert join_wrapped(["總計 50,", "927 批"]) == "總計 50,927 批"
    assert join_wrapped(["107 年度", "", "  "]) == "107 年度"


def test_join_paragraphs() -> None:
    assert join_paragraphs(["1.甲", "", "2.乙"]) == "1.甲\n2.乙"
    assert join_paragraphs(["", " "]) is None


def test_widths_and_folding() -> None:
    assert display_width("各單位 A1") == 9
    assert fold_width("ＡＢＣ１２３，。") == "ABC123，。"
    assert norm_key("台灣 玩具") == norm_key("臺灣玩具") == "臺灣玩具"
    assert norm_key(None) is None
