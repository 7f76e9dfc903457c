"""The grid finder's tolerances: named defaults and `GridSettings`, resolved per page."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pipeline.layout.primitives import Char
from pipeline.normalise.patterns import (
    LABELS,
)

# Tolerances in points are resolved per page from ratios of its body font size
# (`GridSettings.for_size`), so a 9 pt form and a 12 pt form read alike and an OCR page's
# pixels would too; the point defaults are those of a 10 pt body.
DEFAULT_BODY_SIZE = 10.0  # points: the body size assumed where a page has no text
DEFAULT_SNAP_RATIO = 0.3  # × body size: rulings closer than this are one line
DEFAULT_MIN_CELL_RATIO = 0.3  # × body size: thinner bands are double rules, not rows
DEFAULT_MARGIN_RATIO = 0.1  # × body size: room left around text when a box is built from it
DEFAULT_SNAP_TOLERANCE = DEFAULT_SNAP_RATIO * DEFAULT_BODY_SIZE
DEFAULT_DEDUPE_RATIO = 0.25  # × font size: same glyph this close is a fake-bold overprint
DEFAULT_SPACE_RATIO = 0.25  # × font size: a gap this much wider than usual is a space
# × font size: the same, on a page whose producer draws its spaces as glyphs.  Gaps of
# 0.2-0.3 em there are the automatic spacing between CJK and Latin text (LibreOffice's
# autospace, Word's "adjust space between Asian and Latin text"), not spaces; only a
# gap between separately positioned runs (小計 … 178 … 分) is this wide.
DEFAULT_DRAWN_SPACE_RATIO = 1.0
# × font size: on such a page, a glyph-less gap next to a wide glyph narrower than this is
# justification or autospace; a wider one separates runs placed apart (小計 … 178 … 分).
DEFAULT_RUN_GAP_RATIO = 3.0
DEFAULT_MIN_CELL_HEIGHT = DEFAULT_MIN_CELL_RATIO * DEFAULT_BODY_SIZE
DEFAULT_MARGIN = DEFAULT_MARGIN_RATIO * DEFAULT_BODY_SIZE
DEFAULT_SPAN_COVER = 0.5  # a ruling must cover this share of a column to bound its cells
DEFAULT_BLOCK_GAP_RATIO = 0.9  # × font size: a wider gap between lines starts a new block


@dataclass(frozen=True, slots=True)
class GridSettings:
    """Tolerances of the grid finder, validated once; the defaults are the named constants above.

    The `*_ratio` fields are in units of the page's body font size; `page_to_grid`
    resolves the point fields (`snap_tolerance`, `min_cell_height`, `margin`) from
    them for each page (`for_size`).
    """

    snap_ratio: float = DEFAULT_SNAP_RATIO
    min_cell_ratio: float = DEFAULT_MIN_CELL_RATIO
    margin_ratio: float = DEFAULT_MARGIN_RATIO
    snap_tolerance: float = DEFAULT_SNAP_TOLERANCE
    margin: float = DEFAULT_MARGIN
    dedupe_ratio: float = DEFAULT_DEDUPE_RATIO
    space_ratio: float = DEFAULT_SPACE_RATIO
    drawn_space_ratio: float = DEFAULT_DRAWN_SPACE_RATIO
    min_cell_height: float = DEFAULT_MIN_CELL_HEIGHT
    span_cover: float = DEFAULT_SPAN_COVER
    block_gap_ratio: float = DEFAULT_BLOCK_GAP_RATIO
    # Per column, the header label and shorter forms it may be printed as (wrapped labels).
    labels: tuple[tuple[str, ...], ...] = LABELS
    # Set per page when its producer draws spaces as glyphs (see `draws_spaces`).
    spaces_drawn: bool = False

    def __post_init__(self) -> None:
        if len(self.labels) != 5 or not all(self.labels):
            raise ValueError(
                "GridSettings.labels needs five non-empty label tuples, one per column"
            )
        for name in (
            "snap_ratio",
            "min_cell_ratio",
            "margin_ratio",
            "snap_tolerance",
            "margin",
            "dedupe_ratio",
            "space_ratio",
            "drawn_space_ratio",
            "min_cell_height",
            "block_gap_ratio",
        ):
            value = getattr(self, name)
            if not value > 0:
                raise ValueError(f"GridSettings.{name} must be > 0, got {value!r}")
        if not 0 < self.span_cover <= 1:
            raise ValueError(f"GridSettings.span_cover must be in (0, 1], got {self.span_cover!r}")

    def for_size(self, size: float) -> GridSettings:
        """Given a page's body font size, return these settings with its point tolerances."""
        return replace(
            self,
            snap_tolerance=self.snap_ratio * size,
            min_cell_height=self.min_cell_ratio * size,
            margin=self.margin_ratio * size,
        )


def body_size(chars: Iterable[Char]) -> float:
    """Given a page's chars, return its body font size: the median size of its glyphs."""
    sizes = [c.size for c in chars if not c.text.isspace() and c.size > 0]
    return statistics.median(sizes) if sizes else DEFAULT_BODY_SIZE


DEFAULT_GRID_SETTINGS = GridSettings()
