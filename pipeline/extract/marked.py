"""Marked-content IDs kept across nested tags, for pdfplumber's device.

A tagged PDF draws each structure element's content in a marked-content sequence
with an `MCID` (PDF 32000-1 §14.7.4): Chromium marks every block (a unit name, a
result paragraph) with one of its own, a wrapped line's parts with the same.
pdfplumber's device remembers only the innermost tag: a glyph inside a nested tag
without an MCID (`/Span << /Lang … >>` inside `/P << /MCID 3 >>`) gets none, and so
does every glyph after that inner tag's end.  pdfium gives each text object the
first MCID among its marks, outermost first.  `install` makes pdfplumber's device
keep a stack of the open tags and give each glyph the first MCID on it, as pdfium
does, so both backends read the same marks.
"""

from __future__ import annotations

from typing import Any

from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.pdfinternals import decode_text


def _mcid(props: Any) -> int | None:
    props = resolve1(props)
    if isinstance(props, dict):
        mcid = resolve1(props.get("MCID"))
        if isinstance(mcid, int) and not isinstance(mcid, bool):
            return mcid
    return None


def begin_tag(self: Any, tag: PSLiteral, props: Any = None) -> None:
    """Open a tag: the current MCID is the first one on the stack of open tags."""
    stack: list[tuple[str, int | None]] = self.__dict__.setdefault("_open_tags", [])
    stack.append((decode_text(tag.name), _mcid(props)))
    self.cur_tag = stack[-1][0]
    self.cur_mcid = next((m for _, m in stack if m is not None), None)


def end_tag(self: Any) -> None:
    """Close the innermost open tag; the enclosing ones' MCID and tag hold again."""
    stack: list[tuple[str, int | None]] = self.__dict__.setdefault("_open_tags", [])
    if stack:
        stack.pop()
    self.cur_tag = stack[-1][0] if stack else None
    self.cur_mcid = next((m for _, m in stack if m is not None), None)


def install() -> None:
    """Make pdfplumber's page device keep MCIDs across nested tags (idempotent)."""
    device: Any = PDFPageAggregatorWithMarkedContent
    device.begin_tag = begin_tag
    device.end_tag = end_tag
