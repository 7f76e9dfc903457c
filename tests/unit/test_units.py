"""units.py: 主辦單位 notes and typo mapping."""

from __future__ import annotations

import pytest

from pipeline.normalise.units import canonical_units, split_unit


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("資訊小組(各單位)", ("資訊小組", "各單位")),
        ("秘書室 (研考)", ("秘書室", "研考")),
        ("秘書室 (研 考)", ("秘書室", "研考")),
        ("秘書室（研考）", ("秘書室", "研考")),
        ("(各單位)", ("", "各單位")),
        ("計量課", ("計量課", None)),
        (" 報驗 發證課 ", ("報驗發證課", None)),
        ("資訊小組()", ("資訊小組", None)),
        ("A(B)(C)", ("A(B)(C)", None)),
    ],
)
def test_split_unit(unit: str, expected: tuple[str, str | None]) -> None:
    assert split_unit(unit) == expected


def test_canonical_units_maps_typos_to_the_documents_vocabulary() -> None:
    seen = ["報驗發證課"] * 7 + ["驗發證課", "各單位", "各單位", "各業務單位", "秘書室 (研考)"]
    mapping = canonical_units([*seen, "報驗發證科", "秘書室"])
    assert mapping["驗發證課"][0] == "報驗發證課"
    assert "substring" in (mapping["驗發證課"][1] or "")
    assert mapping["報驗發證科"][0] == "報驗發證課"
    assert "one edit" in (mapping["報驗發證科"][1] or "")
    assert mapping["報驗發證課"] == ("報驗發證課", None)
    assert mapping["各業務單位"] == ("各業務單位", None)
    assert mapping["秘書室"] == ("秘書室", None)
    assert "" not in mapping


def test_canonical_units_is_conservative() -> None:
    numbered = canonical_units(["檢驗一課", "檢驗二課", "檢驗二課"])
    assert numbered["檢驗一課"] == ("檢驗一課", None)
    ambiguous = canonical_units(["辦事處", "五堵辦事處", "五堵辦事處", "蘇澳辦事處", "蘇澳辦事處"])
    assert ambiguous["辦事處"] == ("辦事處", None)
    equal = canonical_units(["驗發證課", "報驗發證課"])
    assert equal["驗發證課"] == ("驗發證課", None)
    assert canonical_units([]) == {}
