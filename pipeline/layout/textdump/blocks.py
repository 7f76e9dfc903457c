"""The records the text-dump reader passes between its steps: printed lines, paragraphs
(blocks), furniture, and the document's wrap widths."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pipeline.layout.textdump.settings import SETTINGS
from pipeline.models import Column, FurnitureKind
from pipeline.normalise.text import display_width


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of the dump with its page and whether it closes a paragraph."""

    text: str
    page: int
    closes: bool


@dataclass(frozen=True)
class Block:
    """One paragraph: printed lines up to the line that closes it, possibly across pages.

    Its texts, first line and width are computed once (the reader asks for them often),
    so no slots."""

    lines: tuple[Line, ...]
    # True when this paragraph was cut from the one before on a guess (a list marker
    # opening a line), not on width or vocabulary evidence.
    seam: bool = False
    # True when this paragraph was cut from the one before where a line break could not
    # have wrapped one column (`calibration._wrap_not_greedy`): where one cell ends is known.
    sure: bool = False
    # True when a line of spaces (an empty cell printed) follows the paragraph.
    empty_after: bool = False

    @cached_property
    def texts(self) -> tuple[str, ...]:
        return tuple(ln.text.strip() for ln in self.lines)

    @cached_property
    def first(self) -> str:
        return self.lines[0].text.strip()

    @cached_property
    def width(self) -> int:
        return max(display_width(ln.text.strip()) for ln in self.lines)

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass(frozen=True, slots=True)
class FurnitureLine:
    """Furniture found while reading lines: kind, text, page."""

    kind: FurnitureKind
    text: str
    page: int


# Furniture printed at every page break: a paragraph open before it goes on after it.
PAGE_FURNITURE = frozenset({"header", "footer", "title"})


# --- column assignment ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Widths:
    """Per-document wrap widths, in display columns: the wide columns' width and the
    largest width a narrow column's line takes."""

    wide: int
    narrow: float | None = None  # learned from the document; None: too little evidence
    share: float = SETTINGS.narrow_share  # the narrow limit's share of `wide` without it
    # The widest line of a paragraph that reads as unit names: the units column holds no
    # wider line (None: no such paragraph).
    units: int | None = None
    # The median of a wrapped units line's width plus the next line's first piece: the
    # units column is narrower, or the wrap would have taken that piece (None: no unit
    # name wrapped).
    units_wrap: float | None = None

    @property
    def narrow_limit(self) -> float:
        return self.narrow if self.narrow is not None else self.wide * self.share


NARROW_COLUMNS = frozenset({Column.ITEM, Column.INDICATOR, Column.UNITS})
