"""Page primitives the PDF backend hands to the layout stage: chars, rulings, text lines.

Our own frozen dataclasses instead of pdfplumber's dicts, in pdfplumber's
coordinates (points, origin top-left), so that grid and stitch can be tested
with small hand-built pages and never import pdfplumber.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import BBox


@dataclass(frozen=True, slots=True)
class Char:
    """One glyph as the PDF draws it: its Unicode text and its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool = True

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Ruling:
    """A drawn line segment (or a rectangle's edge): horizontal when it is wider than tall."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class PageContent:
    """Given one PDF page, what the backend keeps of it: no pdfminer object survives."""

    page_no: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    rulings: tuple[Ruling, ...]
    images: int = 0


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
