"""Property-based tests (hypothesis) for the normalisers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise.dates import find_dates, format_roc_date, parse_roc_date
from pipeline.normalise.entities import ENTITY_KINDS, find_entities
from pipeline.normalise.metrics import METRIC_KINDS, result_to_metrics
from pipeline.normalise.numbers import fold_digits, parse_number
from pipeline.normalise.result_items import split_result_items
from pipeline.normalise.units import canonical_units, split_unit

SEED = Path(__file__).resolve().parents[2] / "raw" / "000_c7dbfb6a031a896f.txt"
_EXTRA_TOKENS = (
    " ",
    " ",
    "\n",
    "1.",
    "2.",
    "(1)",
    "（２）",
    "一、",
    "年度",
    "年",
    "月",
    "日",
    "月份",
    "每",
    "個月",
    "上半年",
    "×",
    "「",
    "」",
    "(",
    ")",
    "%",
    "％",
    "以上",
    "約",
    "計",
    "共計",
    "５０，９２７",
    "４．８５",
    "十二",
    "兩",
    "萬元",
    "第",
    "至",
    "~",
    "-",
    "/",
    ":",
    "5S",
    "A+",
    "2018",
)


def _vocabulary() -> list[str]:
    """Given the seed document, return its words, numbers and marks as sampling tokens."""
    tokens: set[str] = set(_EXTRA_TOKENS)
    if SEED.exists():
        text = SEED.read_text(encoding="utf-8")
        tokens.update(
            regex.findall(r"\p{Han}{1,4}|\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+|[^\s\p{Han}\w]", text)
        )
    return sorted(tokens)


VOCAB = _vocabulary()
seed_like = st.lists(st.sampled_from(VOCAB), max_size=40).map("".join)
full_width = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@given(st.integers(min_value=0, max_value=10**15), st.booleans())
def test_thousands_round_trip(n: int, wide: bool) -> None:
    printed = f"{n:,}"
    if wide:
        printed = printed.translate(full_width)
    assert parse_number(printed) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_decimal_round_trip(whole: int, frac: int) -> None:
    printed = f"{whole}.{frac:02d}"
    assert parse_number(printed) == float(printed)
    assert parse_number(printed + "%") == float(printed)


@given(
    st.dates(min_value=dt.date(1941, 1, 1), max_value=dt.date(2111, 12, 31)),
    st.booleans(),
    st.booleans(),
)
def test_roc_date_round_trip(date: dt.date, spaced: bool, chinese: bool) -> None:
    printed = format_roc_date(date, spaced=spaced, chinese=chinese)
    assert parse_roc_date(printed) == date
    found = find_dates(f"已於{printed}在本分局", None)
    assert [m.iso for m in found] == [date.isoformat()]


@given(st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2018, 12, 31)))
def test_month_day_takes_the_document_year(date: dt.date) -> None:
    printed = f"於 {date.month} 月 {date.day} 日召開"
    assert [m.iso for m in find_dates(printed, 107)] == [f"2018-{date.month:02d}-{date.day:02d}"]


@settings(max_examples=300)
@given(seed_like, st.one_of(st.none(), st.integers(min_value=1, max_value=200)))
def test_metric_spans_index_the_result(result: str, roc_year: int | None) -> None:
    metrics = result_to_metrics(result, roc_year)
    previous_end = 0
    for m in metrics:
        assert result[m.start : m.end] == m.text
        assert m.text and m.text == m.text.strip()
        assert m.kind in METRIC_KINDS
        assert m.start >= previous_end, "metrics overlap"
        previous_end = m.end
        assert m.label is None or (m.label and "\n" not in m.label)


@settings(max_examples=300)
@given(st.text())
def test_no_crash_on_arbitrary_unicode(text: str) -> None:
    assert len(fold_digits(text)) == len(text)
    parse_number(text)
    for m in result_to_metrics(text, 107):
        assert text[m.start : m.end] == m.text
    for d in find_dates(text, 107):
        assert text[d.start : d.end] == d.text
    for e in find_entities(text):
        assert text[e.start : e.end] == e.text
        assert e.kind in ENTITY_KINDS
    for item in split_result_items(text):
        assert item.start <= item.end
    split_unit(text)
    canonical_units([text, text[:3], text])


@given(seed_like)
def test_entity_spans_index_the_text(text: str) -> None:
    for e in find_entities(text):
        assert text[e.start : e.end] == e.text
        assert "「" not in e.text and "」" not in e.text


@given(seed_like)
def test_result_items_cover_every_paragraph(result: str) -> None:
    items = split_result_items(result)
    for item in items:
        span = result[item.start : item.end]
        if item.marker is not None:
            assert span.startswith(item.marker)
    kept = "".join(line.strip() for line in result.split("\n"))
    rebuilt = "".join((i.marker or "") + i.text.replace("\n", "") for i in items)
    assert regex.sub(r"\s", "", rebuilt) == regex.sub(r"\s", "", kept)
