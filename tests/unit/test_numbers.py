"""numbers.py: numbers as printed → values."""

from __future__ import annotations

import pytest

from pipeline.normalise.numbers import (
    find_numbers,
    fold_digits,
    parse_chinese_numeral,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50,927", 50927),
        ("4.85", 4.85),
        ("99%", 99),
        ("3.63%", 3.63),
        (" 108 ", 108),
        ("１２３", 123),
        ("５０，９２７", 50927),
        ("４．８５", 4.85),
        ("９９％", 99),
        ("-3", -3),
        ("十二", 12),
        ("兩", 2),
        ("一百二十", 120),
        ("三千零五", 3005),
        ("两千", 2000),
        ("二〇一八", 2018),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    value = parse_number(text)
    assert value == expected
    assert isinstance(value, int) == isinstance(expected, int)


@pytest.mark.parametrize("text", ["", "abc", "1,2", "50,92", "4.85 分", "百", "12a"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_parse_chinese_numeral() -> None:
    assert parse_chinese_numeral("十") == 10
    assert parse_chinese_numeral("二十三") == 23
    assert parse_chinese_numeral("月") is None


def test_fold_digits_keeps_length_and_punctuation() -> None:
    text = "計５０，９２７批，共１２項，　好"
    folded = fold_digits(text)
    assert len(folded) == len(text)
    assert folded == "計50,927批，共12項， 好"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("1，234，567件", "1,234,567件"),  # every group
        ("12，3456", "12，3456"),  # four digits after: punctuation
        ("12，34", "12，34"),  # two digits after
        ("，123", "，123"),  # no digit before
        ("5，123，", "5,123，"),
    ],
)
def test_fold_digits_groups_only_three_digits_after_a_digit(text: str, folded: str) -> None:
    assert fold_digits(text) == folded


def test_find_numbers_offsets_point_into_the_original() -> None:
    text = "總報驗量 50,927 批，使用率 99%，平均４．８５分"
    found = find_numbers(text)
    assert [n.value for n in found] == [50927, 99, 4.85]
    assert all(text[n.start : n.end] == n.text for n in found)
