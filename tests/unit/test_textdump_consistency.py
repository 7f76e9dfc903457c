"""A dump's finished reading against its columns' own widths (`textdump.consistency`)."""

from __future__ import annotations

from pipeline.layout.textdump.consistency import column_width_checks, least_width
from pipeline.models import Column, Fragment

RESULT_LINES = (
    "依規定定期陳報「清淨",
    "家園全民運動計畫」處",
    "理情形，隨時維護辦公",
    "環境整潔。",
)


def results(n: int) -> list[Fragment]:
    """n result paragraphs wrapped at 20 columns."""
    return [Fragment(Column.RESULT, RESULT_LINES, 1) for _ in range(n)]


def test_a_lines_least_width_squeezes_punctuation_and_skips_narrow_glyphs() -> None:
    assert least_width("依規定定期陳報") == 14
    assert least_width("結合民間資源，推動公私") == 21  # the comma squeezed to one column
    assert least_width("理情形，隨時維護辦公。") == 19  # the full stop at the end hung
    # Latin, digits, half-width signs and marks count nothing: their widths vary
    assert least_width("完成檢驗98,174批") == 10
    assert least_width("設置 QR code 行動") == 8
    assert least_width("③落實個人資料保護") == 16
    assert least_width("") is None


def test_a_paragraph_no_line_of_its_column_is_as_wide_as_is_named() -> None:
    wide = Fragment(Column.RESULT, ("結合民間資源，推動公私協力，擴大服", "務量能。"), 6)
    (check,) = column_width_checks([*results(3), wide])
    assert check.check == "column_width" and check.severity == "error" and not check.passed
    assert "p6 result: '結合民間資源，推動公私協力，擴大' needs 32 columns" in check.message
    assert "other lines at most 20" in check.message


def test_a_paragraph_one_character_wider_than_its_column_is_named() -> None:
    # 11 wide glyphs where every other line holds 10: one character is the least to tell.
    wide = Fragment(Column.RESULT, ("結合民間資源推動公私協",), 6)
    assert len(column_width_checks([*results(3), wide])) == 1
    narrow = Fragment(Column.RESULT, ("結合民間資源推動公私",), 6)
    assert column_width_checks([*results(3), narrow]) == []


def test_hung_or_squeezed_punctuation_and_latin_words_count_at_their_least() -> None:
    hung = Fragment(Column.RESULT, ("依規定定期陳報清淨家，",), 2)  # a comma past the edge
    latin = Fragment(Column.RESULT, ("設置 QR code 行動條碼，方便民眾",), 2)  # 30 columns
    assert column_width_checks([*results(3), hung]) == []
    assert column_width_checks([*results(3), latin]) == []


def test_a_column_with_few_lines_and_the_items_cells_tell_nothing() -> None:
    wide = Fragment(Column.RESULT, ("結合民間資源，推動公私協力，擴大服",), 6)
    assert column_width_checks([*results(1), wide]) == []  # 5 lines: too few to tell
    item = Fragment(Column.ITEM, ("服務可近性強化陳情處理機制",), 6)
    items = [Fragment(Column.ITEM, ("服務可近", "性", "(140分)", "得分："), 1) for _ in range(3)]
    assert column_width_checks([*items, item]) == []


def test_only_wrapped_lines_show_how_wide_a_column_is() -> None:
    # Names that never wrapped (14 columns at most) do not bound the units column: the
    # one name that wrapped, at 16, is no misread (make fuzz textdump seed 47145).
    names = [Fragment(Column.UNITS, (n,), 1) for n in ("新住民服務中心", "管制考核小組") * 4]
    wrapped = Fragment(Column.UNITS, ("兒童及少年福利與", "權益保障科"), 1)
    assert column_width_checks([*names, wrapped]) == []
    # A wrap at 12 elsewhere bounds it: 16 columns are past what that column held.
    cut = Fragment(Column.UNITS, ("長期照顧管理", "中心"), 1)
    assert len(column_width_checks([*names, cut, wrapped])) == 1
