"""Every named pattern finds a match in each of its own examples and in none of its
counterexamples, applied as its users apply it (search, match or fullmatch)."""

from __future__ import annotations

import pytest

from pipeline.normalise.patterns import ALL_PATTERNS, Pattern, pattern


def _ids() -> list[str]:
    return [f"{p.name}[{i}]" for p in ALL_PATTERNS for i in range(len(p.examples))]


@pytest.mark.parametrize(
    ("pat", "example"), [(p, e) for p in ALL_PATTERNS for e in p.examples], ids=_ids()
)
def test_every_example_matches(pat: Pattern, example: str) -> None:
    assert pat.finds(example), f"{pat.name} does not {pat.use} its example {example!r}"


def _counter_ids() -> list[str]:
    return [f"{p.name}[not {i}]" for p in ALL_PATTERNS for i in range(len(p.counterexamples))]


@pytest.mark.parametrize(
    ("pat", "counterexample"),
    [(p, c) for p in ALL_PATTERNS for c in p.counterexamples],
    ids=_counter_ids(),
)
def test_no_counterexample_matches(pat: Pattern, counterexample: str) -> None:
    assert not pat.finds(counterexample), (
        f"{pat.name} {pat.use}es its counterexample {counterexample!r}"
    )


def test_every_pattern_has_a_counterexample() -> None:
    lacking = [p.name for p in ALL_PATTERNS if not p.counterexamples]
    assert not lacking, f"patterns without a counterexample: {lacking}"
    assert len(ALL_PATTERNS) >= 50


def test_patterns_are_collected_and_named_uniquely() -> None:
    names = [p.name for p in ALL_PATTERNS]
    assert len(names) == len(set(names)), "two patterns share a name"
    assert {"number", "date_ymd", "quantity", "list_marker", "unit_note"} <= set(names)
    assert all(p.examples for p in ALL_PATTERNS)


def test_pattern_needs_an_example() -> None:
    with pytest.raises(ValueError, match="example"):
        pattern("no_example", r"x", not_=("y",))
    with pytest.raises(ValueError, match="counterexample"):
        pattern("no_counterexample", r"x", "x")


def test_a_pattern_is_tried_the_way_its_users_apply_it() -> None:
    searched = pattern("searched", r"分", "得分", not_=("得",))
    matched = pattern("matched", r"分", "分數", not_=("得分",), use="match")
    whole = pattern("whole", r"\d+$", "88", not_=("88\n",), use="fullmatch")
    assert searched.finds("得分") and not matched.finds("得分")
    assert matched.finds("分數")
    assert whole.regex.search("88\n") and not whole.finds("88\n")  # $ before a final newline


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
