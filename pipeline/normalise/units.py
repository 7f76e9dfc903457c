"""主辦單位 names: split off a parenthesised note, and map typos to the document's own names.

"資訊小組(各單位)" → ("資訊小組", "各單位"); "秘書室 (研考)" → ("秘書室", "研考").  In one
document that prints 報驗發證課 seven times and 驗發證課 once, the latter is a typo
of the former; `canonical_units` says so and why, so the caller can record a check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pipeline.normalise.patterns import CJK_GAP, UNIT_NOTE, UNIT_SUFFIX

_NUMERALS = frozenset("0123456789０１２３４５６７８９零〇一二兩三四五六七八九十")


def split_unit(unit: str) -> tuple[str, str | None]:
    """Given one 主辦單位 entry as printed, return (name, note in parentheses or None).

    Spaces between two Chinese characters (left by wrapping) are dropped.  An entry
    that is only a note, "(各單位)", returns ("", "各單位"): it qualifies the unit
    printed before it.  Entries with two or nested parentheses are returned whole.
    """
    compact = CJK_GAP.regex.sub("", unit.strip())
    m = UNIT_NOTE.regex.match(compact)
    if m is None:
        return compact, None
    return m["name"], (m["note"] or None)


def _one_edit(a: str, b: str) -> str | None:
    """Given two strings, return the characters of the one edit linking them, else None.

    A substitution gives both characters, an insertion or deletion the one character.
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return None
    if len(a) == len(b):
        diffs = [x + y for x, y in zip(a, b, strict=True) if x != y]
        return diffs[0] if len(diffs) == 1 else None
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return long_[i] if short[i:] == long_[i + 1 :] else None


def canonical_units(units_in_document: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """Given every unit entry of one document (repeats count), return {name: (canonical, reason)}.

    Names come from `split_unit` (notes dropped, empty names skipped).  A name maps
    to another when that other is the only name which is more frequent, ends in a
    unit suffix (課, 室, 處, 組, 中心 …), and either contains it as a strict
    substring or is one edit away from it — an edit of a numeral (檢驗一課 vs
    檢驗二課) does not count.
    Otherwise a name maps to itself and the reason is None.
    """
    counts = Counter(name for name, _ in map(split_unit, units_in_document) if name)
    mapping: dict[str, tuple[str, str | None]] = {}
    for name, count in counts.items():
        candidates = []
        for other, other_count in counts.items():
            if other_count <= count or other == name or len(name) < 2:
                continue
            if UNIT_SUFFIX.regex.search(other) is None:
                continue
            edit = _one_edit(name, other)
            if name in other:
                candidates.append(
                    (other, f"strict substring of {other} ({other_count}× vs {count}×)")
                )
            elif edit is not None and not any(ch in _NUMERALS for ch in edit):
                candidates.append((other, f"one edit from {other} ({other_count}× vs {count}×)"))
        if len(candidates) == 1:
            mapping[name] = candidates[0]
        else:
            mapping[name] = (name, None)
    return mapping
