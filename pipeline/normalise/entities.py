"""Names quoted in 「」 → `Entity` (text, kind, start, end), with a best-effort kind.

The source sometimes leaves a 「 unclosed ("「元璋玻璃公司、「吉翁企業公司」"): such a
name ends at the first 、，；。 before the next 「, or at the next 「 itself.
"""

from __future__ import annotations

from pipeline.models import Entity as Entity
from pipeline.normalise.patterns import ENTITY_PAREN_TAIL

ENTITY_KINDS = ("system", "organisation", "program", "document", "other")
MAX_UNCLOSED_CHARS = 40
_SEPARATORS = "、，,；;。"
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "system": ("系統", "網", "網站", "網頁", "資訊網", "平臺", "平台", "app"),
    "organisation": (
        "公司",
        "協會",
        "公會",
        "學會",
        "基金會",
        "委員會",
        "中心",
        "大學",
        "學院",
        "學校",
        "政府",
        "處",
        "局",
        "分局",
        "署",
        "部",
        "院",
        "課",
        "銀行",
        "廠",
        "醫院",
        "機構",
        "研究所",
        "法人",
    ),
    "program": (
        "計畫",
        "計劃",
        "活動",
        "方案",
        "說明會",
        "座談會",
        "研討會",
        "研習營",
        "研習會",
        "約談會",
        "訪談",
        "評比",
        "競賽",
        "講座",
        "課程",
        "會議",
        "運動",
    ),
    "document": (
        "表",
        "程序",
        "法",
        "規定",
        "要點",
        "辦法",
        "準則",
        "手冊",
        "須知",
        "條例",
        "規範",
        "說明書",
        "申請書",
        "指引",
        "書表",
    ),
}


def entity_kind(name: str) -> str:
    """Given a quoted name, return its kind from its ending (the longest known suffix wins).

    A trailing note in parentheses is ignored: 員工協助方案(團體諮商) is a program.
    """
    core = ENTITY_PAREN_TAIL.regex.sub("", name).strip().lower()
    best, best_len = "other", 0
    for kind, suffixes in _SUFFIXES.items():
        for suffix in suffixes:
            if core.endswith(suffix) and len(suffix) > best_len and len(core) > len(suffix):
                best, best_len = kind, len(suffix)
    return best


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Given a span, return it without whitespace at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_entities(text: str) -> tuple[Entity, ...]:
    """Given text, return the names quoted in 「」 in order, tolerating an unclosed 「."""
    found: list[Entity] = []
    i = 0
    while (opening := text.find("「", i)) >= 0:
        j = opening + 1
        while j < len(text) and text[j] not in "「」\n":
            j += 1
        if j < len(text) and text[j] == "」":
            start, end = opening + 1, j
            i = j + 1
        else:
            start, end = opening + 1, j
            cuts = [k for k in range(start, j) if text[k] in _SEPARATORS]
            if cuts:
                end = cuts[0]
            i = j
            if end - start > MAX_UNCLOSED_CHARS:
                continue
        start, end = _trimmed(text, start, end)
        if start < end:
            name = text[start:end]
            found.append(Entity(name, entity_kind(name), start, end))
    return tuple(found)
