"""Wrap-joining, whitespace and width rules shared by every input kind.

Stored text stays verbatim except for removed hard wraps; the comparable forms
(`norm_key`) live beside it and are used only for joins and search.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")


# How far a wrapped line may fall short of its column for reasons a layout does not show
# (kinsoku: a closing mark pulled a character to the next line): one wide character.
WRAP_SLACK_COLUMNS = 2


def char_width(ch: str) -> int:
    """Given one character, return its display width: 2 for wide/full-width (CJK), else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Given a line, return its width in terminal columns (CJK counts 2), ignoring trailing space."""
    return sum(char_width(c) for c in text.rstrip())


def wrap_separator(left: str, right: str) -> str:
    """Given the text before and after a hard wrap, return what replaces the line break.

    Latin words split by a wrap keep one space ("QR" + "code"); anything
    touching CJK, and a number broken mid-way ("50," + "927"), join with nothing.
    """
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a in _ASCII_WORD and (b in _ASCII_WORD or b in _DIGITS):
        return " "
    if a in _DIGITS and b in _ASCII_WORD:
        return " "
    return ""


def join_wrapped(lines: Iterable[str]) -> str:
    """Given the printed lines of one paragraph, return it as one line with the wraps removed.

    A line that ends in whitespace had a space printed at its end: that space is
    text and stays (one); otherwise `wrap_separator` decides.
    """
    out = ""
    spaced = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out:
            out += (" " if spaced else wrap_separator(out, line)) + line
        else:
            out = line
        spaced = raw != raw.rstrip()
    return out


def join_paragraphs(paragraphs: Iterable[str]) -> str | None:
    """Given paragraphs of one cell, return them joined by newlines, or None when all are empty."""
    kept = [p for p in paragraphs if p.strip()]
    return "\n".join(kept) if kept else None


def fold_width(text: str) -> str:
    """Given text, return it with full-width ASCII letters, digits and spaces folded to half-width.

    CJK punctuation (，。「」、) is left alone, unlike a blanket NFKC.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def match_key(text: str) -> str:
    """Given text, return an NFKC-folded copy for pattern matching only (never store it)."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1)
def _opencc() -> object:
    import opencc

    return opencc.OpenCC("t2tw")


def norm_key(text: str | None) -> str | None:
    """Given text, return its comparable form: width-folded, variants folded (台→臺), no whitespace.

    OpenCC's t2tw profile maps traditional variants onto Taiwan's standard forms, so
    台灣 and 臺灣 compare equal across documents.
    """
    if text is None:
        return None
    folded = fold_width(text)
    converter = _opencc()
    folded = converter.convert(folded)  # type: ignore[attr-defined]
    folded = folded.replace("台", "臺")
    return "".join(folded.split())
