"""Cells: the grid's cell types, and chars placed into frames (the body) or extra columns."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.layout.grid.lines import chars_to_lines, line_kind
from pipeline.layout.grid.settings import DEFAULT_GRID_SETTINGS, GridSettings
from pipeline.layout.primitives import Char, TextLine, union_bbox
from pipeline.models import BBox, Column, Furniture, FurnitureKind
from pipeline.normalise.patterns import (
    SUBTOTAL,
)


@dataclass(frozen=True, slots=True)
class ExtraGridCell:
    """One cell of a column beyond the five on one page: its label, box and lines."""

    label: str
    x0: float
    top: float
    x1: float
    bottom: float
    lines: tuple[TextLine, ...]

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True, slots=True)
class Frame:
    """An empty table cell: the columns it spans and its box."""

    column: int
    last_column: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class GridCell:
    """One table cell on one page with its printed lines (possibly none)."""

    column: Column
    last_column: Column
    x0: float
    top: float
    x1: float
    bottom: float
    lines: tuple[TextLine, ...]

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class PageGrid:
    """Given one page, the table found on it: cells in reading order and the text around them.

    `furniture` holds every text outside the table body, the header row and any
    subtotal row, each as a `Furniture` with its bbox; `cells` holds non-empty
    body cells sorted by (top, column).  `columns` are the six x boundaries.
    """

    page_no: int
    furniture: tuple[Furniture, ...]
    cells: tuple[GridCell, ...]
    columns: tuple[float, ...]
    body_top: float
    body_bottom: float
    header_variant: str | None
    lattice_columns: bool
    lattice_rows: bool
    labels: tuple[BBox, ...] = ()
    evidence: tuple[tuple[float, float], ...] = ()  # x spans of body text behind stream columns
    extras: tuple[ExtraGridCell, ...] = ()  # cells of columns beyond the five
    extra_ranges: tuple[tuple[str, float, float], ...] = ()  # their (label, x0, x1)
    spaces_drawn: bool = False  # its producer draws spaces as glyphs (see `draws_spaces`)
    # Text inside the table's body, or beside it at the body's height, that no cell took
    # (kept as furniture too): it is lost from the table, and the document cannot be `ok`.
    unread: tuple[Furniture, ...] = ()


def chars_to_extra_cells(
    ranges: Sequence[tuple[str, float, float]],
    chars: Sequence[Char],
    bands: Sequence[Frame],
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
) -> tuple[list[ExtraGridCell], set[int]]:
    """Given the extra columns' ranges, the body chars and the rows' bands (sub-indicator
    frames), return the extra columns' cells and the ids of the chars they took."""
    taken: set[int] = set()
    cells: list[ExtraGridCell] = []
    tops = [f.top for f in bands]
    for label, x0, x1 in ranges:
        bucket: dict[int, list[Char]] = {}
        for ch in chars:
            if x0 <= ch.xc < x1:
                i = max(0, bisect.bisect_right(tops, ch.yc) - 1)
                bucket.setdefault(i, []).append(ch)
                taken.add(id(ch))
        for i, cs in sorted(bucket.items()):
            lines = chars_to_lines(cs, settings)
            if lines:
                top = bands[i].top if bands else min(c.top for c in cs)
                bottom = bands[i].bottom if bands else max(c.bottom for c in cs)
                cells.append(ExtraGridCell(label, x0, top, x1, bottom, lines))
    return cells, taken


def frames_to_cells(
    frames: Sequence[Frame],
    chars: Sequence[Char],
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
    homes: dict[int, Char] | None = None,
) -> tuple[list[GridCell], list[Char]]:
    """Given frames and chars, return the cells with their lines and the chars that fell in no
    frame (a cell's lines read with `cell_run_gap_ratio`).  `homes`: for a char that runs
    on past its cell's edge (a URL overrunning its cell), the char whose frame it goes to."""
    in_cell = replace(settings, run_gap_ratio=settings.cell_run_gap_ratio)
    by_col: list[list[tuple[float, int]]] = [[] for _ in range(5)]
    for k, f in enumerate(frames):
        by_col[f.column].append((f.top, k))
    for fs in by_col:
        fs.sort(key=lambda t: t[0])  # stable: frames of one top keep their order
    columns = [([t for t, _ in fs], [k for _, k in fs]) for fs in by_col]
    buckets: list[list[Char]] = [[] for _ in frames]
    rest: list[Char] = []
    for ch in chars:
        home = -1
        at = homes.get(id(ch), ch) if homes else ch
        xc, yc = (at.x0 + at.x1) / 2, (at.top + at.bottom) / 2
        for col_tops, col_index in columns:
            i = bisect.bisect_right(col_tops, yc) - 1
            if i >= 0:
                f = frames[col_index[i]]
                if f.x0 <= xc < f.x1 and f.top <= yc < f.bottom:
                    home = col_index[i]
                    break
        if home < 0:
            rest.append(ch)
        else:
            buckets[home].append(ch)
    cells = [
        GridCell(
            Column(f.column),
            Column(f.last_column),
            f.x0,
            f.top,
            f.x1,
            f.bottom,
            chars_to_lines(buckets[k], in_cell),
        )
        for k, f in enumerate(frames)
    ]
    return cells, rest


def line_furniture(line: TextLine, page_no: int, kind: FurnitureKind | None = None) -> Furniture:
    return Furniture(
        kind=kind or line_kind(line.text), text=line.text, page=page_no, bbox=line.bbox
    )


def row_subtotals(
    cells: list[GridCell], page_no: int, tol: float
) -> tuple[list[GridCell], list[Furniture]]:
    """Given body cells, pull out the 小計 row (one spanning cell or a band of cells) as furniture."""
    keep: list[GridCell] = []
    found: list[Furniture] = []
    bands: dict[tuple[int, int], list[GridCell]] = {}
    for c in cells:
        bands.setdefault((round(c.top / tol), round(c.bottom / tol)), []).append(c)
    drop: set[int] = set()
    for band in bands.values():
        band.sort(key=lambda c: c.column)
        if band[0].column != Column.ITEM or not band[0].lines:
            continue
        if not band[0].text.replace(" ", "").startswith("小計"):
            continue
        text = " ".join(c.text.replace("\n", " ") for c in band if c.lines)
        if not SUBTOTAL.regex.match(text):
            continue
        box = union_bbox([ln.bbox for c in band for ln in c.lines])
        found.append(
            Furniture(kind="subtotal", text=" ".join(text.split()), page=page_no, bbox=box)
        )
        drop.update(id(c) for c in band)
    keep = [c for c in cells if id(c) not in drop]
    return keep, found
