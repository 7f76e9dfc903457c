"""Layout's own page primitives: text lines built from glyphs, and boxes around them.

The page a backend hands to layout (`PageContent`: `Char`s and `Ruling`s) is a
record of `pipeline.models`, imported here for the modules and tests that name
it from this module.  All are our own frozen dataclasses instead of pdfplumber's
dicts, in pdfplumber's coordinates (points, origin top-left), so that grid and
stitch can be tested with small hand-built pages and never import pdfplumber.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import BBox, Char, PageContent, Ruling

__all__ = ["Char", "PageContent", "Ruling", "TextLine", "union_bbox"]


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line: its text (spaces collapsed, stripped) and its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    chars: tuple[Char, ...] = ()
    trailing_space: bool = False  # a space glyph is printed after the last char
    space_x1: float = 0.0  # where that space glyph ends (0 when there is none)

    @property
    def end(self) -> float:
        """Where the line's drawn glyphs end, a trailing space glyph included."""
        return max(self.x1, self.space_x1)

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)


def union_bbox(boxes: list[BBox] | tuple[BBox, ...]) -> BBox | None:
    """Given boxes, return the smallest box holding them all (None for none)."""
    if not boxes:
        return None
    return BBox(
        min(b.x0 for b in boxes),
        min(b.top for b in boxes),
        max(b.x1 for b in boxes),
        max(b.bottom for b in boxes),
    )
