"""Numbers as printed in the forms: "50,927", "4.85", "99%", full-width digits, 十二, 兩.

Everything here keeps string length: `fold_digits` maps one character to one
character, so a match found in the folded copy indexes the original text too.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.normalise.patterns import CN_NUMBER_TEXT, NUMBER, NUMBER_TEXT

_FOLD = {0xFF10 + i: ord("0") + i for i in range(10)}
_FOLD.update(
    {ord("％"): ord("%"), ord("．"): ord("."), ord("\u3000"): ord(" "), ord("−"): ord("-")}
)
# A full-width comma between a digit and exactly three digits groups them ("50，927").
_GROUP_COMMA = regex.compile(r"(?<=[0-9])，(?=[0-9]{3}(?![0-9]))")
_CN_FIXES = str.maketrans({"两": "兩", "万": "萬", "亿": "億"})


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """One number found in a text: its value and its span as printed (text == source[start:end])."""

    value: int | float
    text: str
    start: int
    end: int


def fold_digits(text: str) -> str:
    """Given text, return it with full-width digits, ％, ． and ideographic spaces made ASCII.

    The result has the same length as the input.  A full-width comma becomes ","
    only between a digit and exactly three digits ("50，927"), never as punctuation.
    """
    folded = text.translate(_FOLD)
    if "，" not in folded:
        return folded
    return str(_GROUP_COMMA.sub(",", folded))


def parse_chinese_numeral(text: str) -> int | None:
    """Given a Chinese numeral such as 十二, 兩, 一百二十 or 三千零五, return its value, else None.

    Digit-by-digit forms read as digits (二〇一八 → 2018, 一〇七 → 107); a bare 百 gives None.
    """
    match = CN_NUMBER_TEXT.regex.match(text)
    if match is None:
        return None
    numeral = match["num"].translate(_CN_FIXES)
    import cn2an  # 0.15 s to import: only once a Chinese numeral is read

    try:
        value = cn2an.cn2an(numeral, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    return int(value)


def parse_number(text: str) -> int | float | None:
    """Given one number as printed ("50,927", "4.85", "99%", "１２", "十二"), return its value.

    Integers come back as int, decimals as float; a trailing % is dropped (99% → 99).
    Returns None when the text is not exactly one number.
    """
    folded = fold_digits(text)
    match = NUMBER_TEXT.regex.match(folded)
    if match is None:
        return parse_chinese_numeral(folded)
    whole = int(match["int"].replace(",", ""))
    negative = match["sign"] in ("-", "−")
    if match["frac"] is None:
        return -whole if negative else whole
    value = float(f"{whole}.{match['frac']}")
    return -value if negative else value


def find_numbers(text: str) -> tuple[NumberMatch, ...]:
    """Given text, return every Arabic number in it (full-width digits included), in order."""
    folded = fold_digits(text)
    found = []
    for match in NUMBER.regex.finditer(folded):
        value = parse_number(match.group(0))
        if value is not None:
            found.append(NumberMatch(value, text[match.start() : match.end()], *match.span()))
    return tuple(found)
