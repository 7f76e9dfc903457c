"""Every named pattern finds a match in each of its own examples."""

from __future__ import annotations

import pytest

from pipeline.normalise.patterns import ALL_PATTERNS, Pattern, pattern


def _ids() -> list[str]:
    return [f"{p.name}[{i}]" for p in ALL_PATTERNS for i in range(len(p.examples))]


@pytest.mark.parametrize(
    ("pat", "example"), [(p, e) for p in ALL_PATTERNS for e in p.examples], ids=_ids()
)
def test_every_example_matches(pat: Pattern, example: str) -> None:
    assert pat.regex.search(example), f"{pat.name} does not match its example {example!r}"


def test_patterns_are_collected_and_named_uniquely() -> None:
    names = [p.name for p in ALL_PATTERNS]
    assert len(names) == len(set(names)), "two patterns share a name"
    assert {"number", "date_ymd", "quantity", "list_marker", "unit_note"} <= set(names)
    assert all(p.examples for p in ALL_PATTERNS)


def test_pattern_needs_an_example() -> None:
    with pytest.raises(ValueError, match="example"):
        pattern("no_example", r"x")


def test_marker_styles_tell_shapes_apart_whatever_the_number() -> None:
    from pipeline.normalise.patterns import INDICATOR_NO, SUB_NO, marker_style

    def sub(t: str) -> str:
        m = SUB_NO.regex.match(t)
        assert m is not None
        return marker_style(m)

    def ind(t: str) -> str:
        m = INDICATOR_NO.regex.match(t)
        assert m is not None
        return marker_style(m)

    assert sub("(1) 進行") == sub("（12）確保") == sub("( 3 )提供")
    assert sub("(一)提供") == sub("(四) 檢討")
    assert ind("1.訂定") == ind("12. 建置")
    assert ind("一、推動") == ind("三、 派遣")
    styles = {
        sub("(1)a"),
        sub("1)a"),
        sub("①a"),
        sub("(一)a"),
        ind("1.a"),
        ind("1、a"),
        ind("一、a"),
    }
    assert len(styles) == 7  # (1) 1) ① (一) 1. 1、 一、 are seven styles
