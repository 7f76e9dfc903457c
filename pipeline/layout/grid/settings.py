"""The grid finder's tolerances: named defaults and `GridSettings`, resolved per page."""

from __future__ import annotations

import math
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
DEFAULT_TABLE_COVER = 0.5  # a horizontal rule over this share of the table is a table-wide rule
DEFAULT_BLOCK_GAP_RATIO = 0.9  # × font size: a wider gap between lines starts a new block
# × body size: segments shorter than this are specks (the short sides of hairline
# rectangles), not rules.
DEFAULT_MIN_RULE_RATIO = 0.15
# × body size: the least distance within which a glyph drawn again is an overprint, for
# glyphs whose reported size is tiny or 0 (the body size here is that of every glyph drawn,
# copies included: the page's own is known only once they are dropped).
DEFAULT_DEDUPE_FLOOR_RATIO = 0.05
# × the smaller font size: glyphs whose vertical centres are closer are on one line.
DEFAULT_LINE_GROUP_RATIO = 0.45
# × the smallest font size of a line: gaps between its glyphs differing by less are equal
# (a short line justification spread evenly, see `lines.evenly_spread`).
DEFAULT_EVEN_GAP_RATIO = 0.05
# × body size: a space glyph starting this close to where a glyph ends was drawn by the
# producer after it (see `lines.draws_spaces`) ...
DEFAULT_SPACE_TOUCH_RATIO = 0.05
# ... × the larger font size: when their vertical centres are this close (one line).
DEFAULT_SPACE_LINE_RATIO = 0.3
# × font size: inside one table cell a glyph-less gap next to a wide glyph is spacing however
# wide (a short line justification stretched to the cell's width, "IT" … "組", puts all of
# its stretch into one gap): no limit.
DEFAULT_CELL_RUN_GAP_RATIO = math.inf
# × font size of the header line: a line closer below it, of label characters only, is a
# label wrapped in its cell.
DEFAULT_LABEL_WRAP_RATIO = 0.8
# × font size of the header line: right of the results label, glyphs further apart than
# this across (and no vertical rule between) are two columns' labels; a label's own glyphs
# touch, and centred labels of neighbouring columns stand a cell's padding apart at least.
DEFAULT_LABEL_GAP_RATIO = 0.5
# × font size of a line reading as a page number: nearer under a table line it lines up
# with (no rule between), it is that cell's next line; a page's number stands in the margin.
DEFAULT_CELL_LINE_RATIO = 1.0
# × a glyph's size: a glyph right of the results column nearer than this after one of the
# results' glyphs on its line runs on from it (a URL overrunning its cell), no next cell's.
DEFAULT_RUN_ON_RATIO = 0.15
# × body size: how far apart the starts of one column's lines may stand (a PDF places them
# at one x, to a hundredth of a point; a glyph a point off is a line going on).
DEFAULT_ALIGN_RATIO = 0.05
# Share of the table's width: a title line this wide fills its line, and the line right
# under it, in its size and within its span, is its wrapped rest.
DEFAULT_TITLE_FILL = 0.9
# × font size: in an unruled table, a block of text starting less far below the header is
# the first row (not a row after an empty one) ...
DEFAULT_FIRST_ROW_RATIO = 1.5
# ... and an item or indicator block starting less far below it opens at the body's top.
DEFAULT_FIRST_BLOCK_RATIO = 2.0
# × body size: cells whose tops differ by less are sorted as one row, by column.
DEFAULT_ROW_ORDER_RATIO = 0.01


@dataclass(frozen=True, slots=True)
class GridSettings:
    """Tolerances of the grid finder, validated once; the defaults are the named constants above.

    The `*_ratio` fields are in units of a font size: the page's body size (`size`) or
    the glyph's or line's own, as each constant above says.  `page_to_grid` resolves the
    point fields (`snap_tolerance`, `min_cell_height`, `margin`, and the properties
    below) for each page's body size (`for_size`); no tolerance is in points.
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
    table_cover: float = DEFAULT_TABLE_COVER
    block_gap_ratio: float = DEFAULT_BLOCK_GAP_RATIO
    run_gap_ratio: float = DEFAULT_RUN_GAP_RATIO
    cell_run_gap_ratio: float = DEFAULT_CELL_RUN_GAP_RATIO
    min_rule_ratio: float = DEFAULT_MIN_RULE_RATIO
    dedupe_floor_ratio: float = DEFAULT_DEDUPE_FLOOR_RATIO
    line_group_ratio: float = DEFAULT_LINE_GROUP_RATIO
    even_gap_ratio: float = DEFAULT_EVEN_GAP_RATIO
    space_touch_ratio: float = DEFAULT_SPACE_TOUCH_RATIO
    space_line_ratio: float = DEFAULT_SPACE_LINE_RATIO
    label_wrap_ratio: float = DEFAULT_LABEL_WRAP_RATIO
    label_gap_ratio: float = DEFAULT_LABEL_GAP_RATIO
    cell_line_ratio: float = DEFAULT_CELL_LINE_RATIO
    run_on_ratio: float = DEFAULT_RUN_ON_RATIO
    align_ratio: float = DEFAULT_ALIGN_RATIO
    title_fill: float = DEFAULT_TITLE_FILL
    first_row_ratio: float = DEFAULT_FIRST_ROW_RATIO
    first_block_ratio: float = DEFAULT_FIRST_BLOCK_RATIO
    row_order_ratio: float = DEFAULT_ROW_ORDER_RATIO
    # The body font size the point tolerances are resolved for (see `for_size`).
    size: float = DEFAULT_BODY_SIZE
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
            "run_gap_ratio",
            "cell_run_gap_ratio",
            "min_rule_ratio",
            "dedupe_floor_ratio",
            "line_group_ratio",
            "even_gap_ratio",
            "space_touch_ratio",
            "space_line_ratio",
            "label_wrap_ratio",
            "label_gap_ratio",
            "cell_line_ratio",
            "run_on_ratio",
            "align_ratio",
            "first_row_ratio",
            "first_block_ratio",
            "row_order_ratio",
            "size",
        ):
            value = getattr(self, name)
            if not value > 0:
                raise ValueError(f"GridSettings.{name} must be > 0, got {value!r}")
        for name in ("span_cover", "table_cover", "title_fill"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise ValueError(f"GridSettings.{name} must be in (0, 1], got {value!r}")

    def for_size(self, size: float) -> GridSettings:
        """Given a page's body font size, return these settings with its point tolerances."""
        return replace(
            self,
            snap_tolerance=self.snap_ratio * size,
            min_cell_height=self.min_cell_ratio * size,
            margin=self.margin_ratio * size,
            size=size,
        )

    @property
    def min_rule_length(self) -> float:
        """Points: shorter segments are specks, not rules (`min_rule_ratio` × body size)."""
        return self.min_rule_ratio * self.size

    @property
    def space_touch(self) -> float:
        """Points: see `DEFAULT_SPACE_TOUCH_RATIO` (`space_touch_ratio` × body size)."""
        return self.space_touch_ratio * self.size

    @property
    def row_order_step(self) -> float:
        """Points: see `DEFAULT_ROW_ORDER_RATIO` (`row_order_ratio` × body size)."""
        return self.row_order_ratio * self.size


def body_size(chars: Iterable[Char]) -> float:
    """Given a page's chars, return its body font size: the median size of its glyphs."""
    sizes = [c.size for c in chars if not c.text.isspace() and c.size > 0]
    return statistics.median(sizes) if sizes else DEFAULT_BODY_SIZE


DEFAULT_GRID_SETTINGS = GridSettings()
