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
