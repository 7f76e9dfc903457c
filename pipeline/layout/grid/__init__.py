"""Grid: one page's chars and rulings → the evaluation table's cells plus the text around it.

A chain of small pure functions in pdfplumber's style, one module per strategy:
`settings` (every tolerance, in units of the page's body font size), `lines`
(`dedupe_chars`, `chars_to_lines`), `header` (`lines_to_header`), `lattice`
(`rulings_to_columns`, `rulings_to_frames`: columns, rows, merged and spanning cells
from the drawn rules), `stream` (`gaps_to_columns`, `lines_to_frames`: the fallback
for unruled tables, from the header labels and the white gaps of the body text),
`cells` (chars into frames) and `page` (`page_to_grid` composing them).
Coordinates are pdfplumber's (top-left origin).  Every name is importable from here.
"""

from __future__ import annotations

from pipeline.layout.grid.cells import (
    ExtraGridCell,
    Frame,
    GridCell,
    PageGrid,
    chars_to_extra_cells,
    frames_to_cells,
)
from pipeline.layout.grid.header import (
    RESULT_VARIANTS,
    Header,
    extra_ranges,
    lines_to_header,
)
from pipeline.layout.grid.lattice import (
    merge_rulings,
    open_bottom,
    rulings_to_columns,
    rulings_to_frames,
    snap,
    table_bottom,
)
from pipeline.layout.grid.lines import (
    bullet_at_start,
    chars_to_lines,
    chars_to_text,
    dedupe_chars,
    draws_spaces,
    evenly_spread,
    is_cid_garbage,
    line_kind,
)
from pipeline.layout.grid.page import (
    Band,
    Body,
    BodyCells,
    Columns,
    PageText,
    body_frames,
    body_to_cells,
    find_band,
    find_body,
    find_columns,
    lines_below,
    outside_furniture,
    page_to_grid,
    page_to_text,
)
from pipeline.layout.grid.settings import (
    DEFAULT_BLOCK_GAP_RATIO,
    DEFAULT_BODY_SIZE,
    DEFAULT_DEDUPE_RATIO,
    DEFAULT_DRAWN_SPACE_RATIO,
    DEFAULT_GRID_SETTINGS,
    DEFAULT_MARGIN,
    DEFAULT_MARGIN_RATIO,
    DEFAULT_MIN_CELL_HEIGHT,
    DEFAULT_MIN_CELL_RATIO,
    DEFAULT_RUN_GAP_RATIO,
    DEFAULT_SNAP_RATIO,
    DEFAULT_SNAP_TOLERANCE,
    DEFAULT_SPACE_RATIO,
    DEFAULT_SPAN_COVER,
    GridSettings,
    body_size,
)
from pipeline.layout.grid.stream import (
    gaps_to_columns,
    lines_to_frames,
    merge_spans,
    same_header,
)

__all__ = [
    "DEFAULT_BLOCK_GAP_RATIO",
    "DEFAULT_BODY_SIZE",
    "DEFAULT_DEDUPE_RATIO",
    "DEFAULT_DRAWN_SPACE_RATIO",
    "DEFAULT_GRID_SETTINGS",
    "DEFAULT_MARGIN",
    "DEFAULT_MARGIN_RATIO",
    "DEFAULT_MIN_CELL_HEIGHT",
    "DEFAULT_MIN_CELL_RATIO",
    "DEFAULT_RUN_GAP_RATIO",
    "DEFAULT_SNAP_RATIO",
    "DEFAULT_SNAP_TOLERANCE",
    "DEFAULT_SPACE_RATIO",
    "DEFAULT_SPAN_COVER",
    "RESULT_VARIANTS",
    "Band",
    "Body",
    "BodyCells",
    "Columns",
    "ExtraGridCell",
    "Frame",
    "GridCell",
    "GridSettings",
    "Header",
    "PageGrid",
    "PageText",
    "body_frames",
    "body_size",
    "body_to_cells",
    "bullet_at_start",
    "chars_to_extra_cells",
    "chars_to_lines",
    "chars_to_text",
    "dedupe_chars",
    "draws_spaces",
    "evenly_spread",
    "extra_ranges",
    "find_band",
    "find_body",
    "find_columns",
    "frames_to_cells",
    "gaps_to_columns",
    "is_cid_garbage",
    "line_kind",
    "lines_below",
    "lines_to_frames",
    "lines_to_header",
    "merge_rulings",
    "merge_spans",
    "open_bottom",
    "outside_furniture",
    "page_to_grid",
    "page_to_text",
    "rulings_to_columns",
    "rulings_to_frames",
    "same_header",
    "snap",
    "table_bottom",
]
