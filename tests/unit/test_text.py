"""Wrap joining and comparable forms."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalise.text import (
    display_width,
    fold_width,
    join_paragraphs,
    join_wrapped,
    kind_counts,
    norm_key,
    spacing_counts,
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
    # a space printed at a line's end (an office engine wrapped there) is text
    assert join_wrapped(["刪除重複填寫欄位 ", "46 項"]) == "刪除重複填寫欄位 46 項"
    assert join_wrapped(["刪除重複填寫欄位", "46 項"]) == "刪除重複填寫欄位46 項"


def test_join_paragraphs() -> None:
    assert join_paragraphs(["1.甲", "", "2.乙"]) == "1.甲\n2.乙"
    assert join_paragraphs(["", " "]) is None


def test_widths_and_folding() -> None:
    assert display_width("各單位 A1") == 9
    assert fold_width("ＡＢＣ１２３，。") == "ABC123，。"
    assert norm_key("台灣 玩具") == norm_key("臺灣玩具") == "臺灣玩具"
    assert norm_key(None) is None


# --- properties ------------------------------------------------------------------------


_PIECES = st.sampled_from(
    ["訂定", "申辦", "，", "。", "「", "」", "QR", "code", "2,598", "件", "107", " ", "e", "化"]
)
_LINES = st.lists(st.lists(_PIECES, min_size=1, max_size=6).map("".join), min_size=1, max_size=6)


@given(_LINES)
def test_joining_never_drops_a_character(lines: list[str]) -> None:
    joined = join_wrapped(lines)
    assert "".join(joined.split()) == "".join("".join(lines).split())


@given(_LINES)
def test_joining_adds_only_single_spaces_at_wraps(lines: list[str]) -> None:
    joined = join_wrapped(lines)
    stripped = [ln.strip() for ln in lines if ln.strip()]
    assert len(joined) - len("".join(stripped)) <= max(0, len(stripped) - 1)
    assert "\n" not in joined


@given(st.text(max_size=60))
def test_norm_key_is_idempotent_and_spaceless(text: str) -> None:
    once = norm_key(text)
    assert once is not None and norm_key(once) == once
    assert not any(c.isspace() for c in once)


def test_latin_vocabulary_and_broken_words() -> None:
    from pipeline.normalise.text import latin_vocabulary, latin_wrap, mend_broken_words

    cells = [["帳號及 Fac", "ebook 粉絲"], ["帳號及 Face", "book 粉絲"], ["委外 call", "center"]]
    words = latin_vocabulary([*cells, ["提供 call center"]])
    # A word a wrap split at two different places is one word; inner words stand whole.
    assert {"Facebook", "call"} <= words and "center" not in words
    assert latin_wrap("帳號及 Fac", "ebook 粉絲", words) is True
    assert latin_wrap("委外 call", "center", words | {"center"}) is False
    assert latin_wrap("委外 call", "center", words) is None
    assert latin_wrap("委外 call ", "center", words) is None  # a printed space: no question
    assert mend_broken_words(["帳號及 Fac", "ebook 粉絲"], words) == ["帳號及 Facebook 粉絲"]


def test_a_latin_word_ending_a_line_over_one_with_no_latin_head_stands_whole() -> None:
    """ "透過 LINE" / "官方帳號": nothing of LINE went on to the next line, so the document
    shows it whole, and LibreOffice's "L" / "INE" elsewhere is LINE broken (libreoffice
    x005: read "L INE" once no misread line printed "LINE" inside a line)."""
    from pipeline.normalise.text import latin_vocabulary, latin_wrap

    words = latin_vocabulary([["透過 LINE ", "官方帳號"], ["及 Fac", "ebook"], ["LINE", "帳號"]])
    assert "LINE" in words
    assert latin_wrap("(2)透過 L", "INE 官方帳號", words) is True
    # At a line's start a word may be a broken word's tail; over a Latin head, its head.
    assert latin_vocabulary([["LINE", "官方"], ["及 Fac", "ebook"]]) == set()


def test_a_wrap_inside_a_url_broke_it() -> None:
    """A URL holds no space: "https://www.exam" / "ple.gov.tw/service" is one URL broken
    by the wrap, though no line shows it whole (LibreOffice, libreoffice-extra seed 0: read
    "exam ple" and flagged `latin_wrap_unsure`).  A Latin word after a whole URL, or a
    line going on with no URL's punctuation, is left to the document's words."""
    from pipeline.normalise.text import latin_wrap, mend_broken_words

    assert latin_wrap("網址：https://www.exam", "ple.gov.tw/service。", set()) is True
    assert latin_wrap("網址：www.exampl", "e.gov.tw/service。", set()) is True
    assert latin_wrap("網址：www.gov.tw", "LINE 官方帳號", set()) is None
    assert latin_wrap("網址：https://www.exam", "ple", set()) is None
    assert latin_wrap("提供 cal", "l.center", set()) is None  # no URL before the wrap
    lines = ["網址：https://www.exam", "ple.gov.tw/service。"]
    assert mend_broken_words(lines, set()) == ["網址：https://www.example.gov.tw/service。"]


def test_spacing_counts_ideographs_spaced_from_and_touching_digits_and_letters() -> None:
    lines = ["於 106 年 10 月 27 日辦理", "介接 API 查驗", "計214件", "(300 分)", "QR code 條碼"]
    # spaced: 於|106 106|年 年|10 10|月 月|27 27|日, 接|API API|查, 300|分, code|條;
    # touching: 計|214 214|件
    assert spacing_counts(kind_counts(lines)) == (10, 2)
    assert spacing_counts(kind_counts(["服務 品質", "call center", "12, 34"])) == (0, 0)
