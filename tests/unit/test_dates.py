"""dates.py: ROC dates, years, periods and frequencies → ISO."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalise.dates import (
    find_dates,
    format_roc_date,
    gregorian_to_roc,
    parse_roc_date,
    parse_roc_year,
    roc_to_gregorian,
)


def test_roc_year_conversion() -> None:
    assert roc_to_gregorian(107) == 2018
    assert gregorian_to_roc(2018) == 107


@pytest.mark.parametrize(
    ("text", "roc_year", "expected"),
    [
        ("106 年 10 月 27 日", None, dt.date(2017, 10, 27)),
        ("106年10月27日", None, dt.date(2017, 10, 27)),
        ("５ 月 ２８ 日", 107, dt.date(2018, 5, 28)),
        ("5 月 28 日", 107, dt.date(2018, 5, 28)),
        ("106/10/27", None, dt.date(2017, 10, 27)),
        ("106.10.27", None, dt.date(2017, 10, 27)),
        ("2018 年 5 月 3 日", None, dt.date(2018, 5, 3)),
        ("107年十二月三日", None, dt.date(2018, 12, 3)),
    ],
)
def test_parse_roc_date(text: str, roc_year: int | None, expected: dt.date) -> None:
    assert parse_roc_date(text, roc_year) == expected


@pytest.mark.parametrize(
    ("text", "roc_year"),
    [("5 月 28 日", None), ("106 年 2 月 30 日", None), ("107 年度", 107), ("5 月", 107), ("x", 1)],
)
def test_parse_roc_date_rejects(text: str, roc_year: int | None) -> None:
    assert parse_roc_date(text, roc_year) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("107 年度", 2018),
        ("107年度", 2018),
        ("107年", 2018),
        ("107", 2018),
        ("2018", 2018),
        ("3 年", None),
        ("年度", None),
    ],
)
def test_parse_roc_year(text: str, expected: int | None) -> None:
    assert parse_roc_year(text) == expected


def _iso(text: str, roc_year: int | None = 107) -> list[tuple[str, str | None]]:
    return [(m.kind, m.iso) for m in find_dates(text, roc_year)]


def test_full_date_and_document_year() -> None:
    assert _iso("已於 106 年 10 月 27 日在本分局") == [("date", "2017-10-27")]
    assert _iso("本分局於 5 月 28 日各召開") == [("date", "2018-05-28")]
    assert _iso("於 5 月 28日召開") == [("date", "2018-05-28")]
    assert _iso("本分局於 5 月 28 日各召開", None) == [("date", "--05-28")]


def test_month_only_and_chinese_months() -> None:
    assert _iso("於 9 月完成辦理") == [("date", "2018-09")]
    assert _iso("本分局於 2 月份舉辦") == [("date", "2018-02")]
    assert _iso("十二月") == [("date", "2018-12")]
    assert _iso("十二月三日") == [("date", "2018-12-03")]


def test_years_with_and_without_spaces() -> None:
    assert _iso("107 年度進口商品") == [("year", "2018")]
    assert _iso("107年度提報件數") == [("year", "2018")]
    assert _iso("(106 年整體滿意度") == [("year", "2017")]
    year = find_dates("107 年度", 107)[0]
    assert (year.value, year.unit, year.text) == (2018, "年度", "107 年度")


def test_two_dates_and_ranges() -> None:
    two = find_dates("分別於 5 月 3 日與 10 月 4日在宜蘭市", 107)
    assert [(m.iso, m.qualifier) for m in two] == [("2018-05-03", None), ("2018-10-04", None)]
    rng = find_dates("5 月 3 日至 6 月 4 日", 107)
    assert [(m.iso, m.qualifier) for m in rng] == [("2018-05-03", "起"), ("2018-06-04", "迄")]
    days = find_dates("5 月 3 日至 5 日", 107)
    assert [(m.iso, m.qualifier) for m in days] == [("2018-05-03", "起"), ("2018-05-05", "迄")]
    since = find_dates("自 6 月 1 日起正式落實", 107)
    assert [(m.iso, m.qualifier, m.text) for m in since] == [("2018-06-01", "起", "6 月 1 日起")]


def test_periods_and_frequencies() -> None:
    assert _iso("107 年度上半年由分局長") == [("year", "2018"), ("period", "2018-01/2018-06")]
    assert _iso("下半年", 106) == [("period", "2017-07/2017-12")]
    assert _iso("上半年", None) == [("period", None)]
    assert _iso("第 3 季") == [("period", "2018-07/2018-09")]
    freq = find_dates("每 2個月將未更新之網頁資料", 107)
    assert [(m.kind, m.value, m.unit, m.qualifier) for m in freq] == [
        ("frequency", 2, "個月", "每")
    ]
    assert [(m.value, m.unit) for m in find_dates("每半年", 107)] == [(0.5, "年")]
    cycle = find_dates("並以 2 個月為週期", 107)
    assert [(m.kind, m.value, m.text) for m in cycle] == [("frequency", 2, "2 個月")]


def test_not_dates() -> None:
    assert _iso("於 3 日內回復") == []
    assert _iso("10 年來") == []
    assert _iso("每 4 個月至少測試 1次") == [("frequency", None)]
    impossible = find_dates("2 月 30 日", 107)
    assert [(m.kind, m.iso) for m in impossible] == [("date", None)]


def test_offsets_index_the_original_with_full_width_digits() -> None:
    text = "於１０６年１０月２７日及 107 年度"
    for m in find_dates(text, 107):
        assert text[m.start : m.end] == m.text
    assert _iso(text) == [("date", "2017-10-27"), ("year", "2018")]


def test_format_roc_date() -> None:
    d = dt.date(2017, 10, 27)
    assert format_roc_date(d) == "106 年 10 月 27 日"
    assert format_roc_date(d, spaced=False) == "106年10月27日"
    assert format_roc_date(d, chinese=True) == "106 年十月二十七日"
