"""Grid: one page's chars and rulings → the evaluation table's cells plus the text around it.

A chain of small pure functions in pdfplumber's style: `dedupe_chars`,
`chars_to_lines`, `lines_to_header`, `rulings_to_columns` (lattice) or
`gaps_to_columns` (stream fallback: columns learned from the header labels and
the white gaps in the body text), `rulings_to_frames` (lattice rows, merged
cells and column spans from the drawn rules) or `lines_to_frames` (stream
fallback: rows start where an indicator or sub-indicator block starts), then
`page_to_grid` composing them.  Coordinates are pdfplumber's (top-left origin).
"""

from __future__ import annotations

import bisect
import itertools
import math
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pipeline.layout.primitives import Char, PageContent, Ruling, TextLine, union_bbox
from pipeline.models import BBox, Column, Furniture
from pipeline.normalise.patterns import (
    CATEGORY,
    DIMENSION,
    EXTRA_HEADER_LABELS,
    HEADER_LABEL_PARTS,
    HEADER_LABELS,
    PAGE_NUMBER,
    SUBTOTAL,
    TITLE,
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

# Per column, the header label and shorter forms it may be printed as (wrapped labels).
LABELS: tuple[tuple[str, ...], ...] = tuple(
    full + part for full, part in zip(HEADER_LABELS, HEADER_LABEL_PARTS, strict=True)
)
# The fifth label as the form printed it, from whichever piece of it the header row shows.
RESULT_VARIANTS: tuple[tuple[str, str], ...] = (
    ("執行績效", "執行績效與成果"),
    ("具體作法", "具體作法與成果"),
    ("辦理情形", "辦理情形"),
)


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


@dataclass(frozen=True, slots=True)
class Header:
    """The column-header row found on a page: its band, one label box per column, its text."""

    top: float
    bottom: float
    labels: tuple[BBox, ...]
    text: str
    variant: str | None
    # Columns beyond the five, right of the results column: (label, its box), left to right.
    extras: tuple[tuple[str, BBox], ...] = ()


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


# --- chars → lines ----------------------------------------------------------------------


def is_cid_garbage(text: str) -> bool:
    """Given a char's text, return True for pdfminer's "(cid:N)" placeholder of an unmapped glyph."""
    return text.startswith("(cid:")


def dedupe_chars(chars: Iterable[Char], ratio: float = DEFAULT_DEDUPE_RATIO) -> tuple[Char, ...]:
    """Given chars in drawing order, return them without fake-bold overprints.

    Some producers draw every glyph two to four times, shifted by a fraction of
    a point; a char with the same text as a kept one within `ratio` × size is dropped.
    """
    kept: list[Char] = []
    seen: dict[str, list[Char]] = {}
    for c in chars:
        tol = max(0.5, ratio * c.size)
        same = seen.setdefault(c.text, [])
        if any(abs(p.x0 - c.x0) <= tol and abs(p.top - c.top) <= tol for p in same):
            continue
        same.append(c)
        kept.append(c)
    return tuple(kept)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def evenly_spread(solid: Sequence[Char], gaps: Sequence[float]) -> bool:
    """Given a line's glyphs and the gaps between them, return True when every gap is the same.

    A justified short line ended by a manual line break ("計量課" in a units cell)
    is stretched to the full cell width: two or more equal gaps are spreading, not
    spaces.  A single gap is left alone ("1 月" could be either).
    """
    if len(gaps) < 2:
        return False
    tol = 0.05 * min(c.size for c in solid)
    return max(gaps) - min(gaps) <= tol


def chars_to_text(
    chars: Sequence[Char],
    space_ratio: float = DEFAULT_SPACE_RATIO,
    *,
    spaces_drawn: bool = False,
    run_gap_ratio: float = DEFAULT_RUN_GAP_RATIO,
) -> str:
    """Given the chars of one line sorted by x, return its text with spaces only where printed.

    Explicit space glyphs count; otherwise a gap wider than the line's usual
    inter-glyph gap (justified CJK is evenly spread, and so is a short line that
    justification stretched, however few its glyphs) by `space_ratio` × size is
    a space.  Where the producer draws its spaces as glyphs (`spaces_drawn`), a
    glyph-less gap between two wide (CJK) glyphs is justification however wide ("資" …
    "料" spread over a narrow cell), and so is one between a wide glyph and anything
    (CJK-Latin autospace; "網址：" … "https" stretched).  Runs of spaces collapse to one; the ends are stripped.
    `run_gap_ratio`: see `DEFAULT_RUN_GAP_RATIO` (no limit inside one table cell, where a
    short line justification stretched to the cell's width, "IT" … "組", puts all of
    its stretch into one gap).
    """
    solid = [c for c in chars if not c.text.isspace()]
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(solid)]
    usual = statistics.median(gaps) if len(gaps) >= 3 or evenly_spread(solid, gaps) else 0.0
    usual = max(0.0, usual)
    out: list[str] = []
    prev: Char | None = None
    pending = False
    for c in chars:
        if c.text.isspace():
            pending = prev is not None
            continue
        if prev is not None:
            gap = c.x0 - prev.x1
            # Where spaces are drawn, a glyph-less gap next to a wide glyph is spacing:
            # justification or CJK-Latin autospace ("IT" … "組", "(各單位" … ")").
            # Separately positioned runs (小計 … 178 … 分) stand further apart than that.
            spacing = (
                spaces_drawn
                and (_is_wide(prev.text) or _is_wide(c.text))
                and gap < run_gap_ratio * max(c.size, prev.size)
            )
            if pending or (not spacing and gap > usual + space_ratio * max(c.size, prev.size)):
                out.append(" ")
        out.append(c.text)
        prev = c
        pending = False
    return "".join(out).strip()


def draws_spaces(chars: Iterable[Char]) -> bool:
    """Given a page's chars, return True when its producer draws spaces as glyphs.

    That is a space glyph starting where a glyph of its line ends; its gaps without
    a glyph are then spacing, not spaces (see `DEFAULT_DRAWN_SPACE_RATIO`).
    """
    ends: dict[int, list[Char]] = {}
    spaces: list[Char] = []
    for c in chars:
        if c.text.isspace():
            spaces.append(c)
        else:
            ends.setdefault(round(c.x1), []).append(c)
    for s in spaces:
        for key in (round(s.x0) - 1, round(s.x0), round(s.x0) + 1):
            for c in ends.get(key, ()):
                if abs(c.x1 - s.x0) <= 0.5 and abs(c.yc - s.yc) <= 0.3 * max(c.size, s.size):
                    return True
    return False


def bullet_at_start(text: str) -> str:
    """Given a line's text, return it with a middle dot opening it read as the bullet it is.

    Noto CJK draws • and · with one glyph, and Chromium's ToUnicode maps it back to
    · (U+00B7); no line of a form starts with a middle dot.
    """
    return "•" + text[1:] if text.startswith("·") and len(text) > 1 else text


def chars_to_lines(
    chars: Iterable[Char],
    space_ratio: float = DEFAULT_SPACE_RATIO,
    *,
    spaces_drawn: bool = False,
    run_gap_ratio: float = DEFAULT_RUN_GAP_RATIO,
) -> tuple[TextLine, ...]:
    """Given upright chars, return printed lines top to bottom (chars grouped by vertical centre)."""
    cs = sorted((c for c in chars if c.upright), key=lambda c: (c.yc, c.x0))
    groups: list[list[Char]] = []
    centre = 0.0
    for c in cs:
        if groups and abs(c.yc - centre) <= 0.45 * min(c.size, groups[-1][0].size):
            groups[-1].append(c)
            n = len(groups[-1])
            centre += (c.yc - centre) / n
        else:
            groups.append([c])
            centre = c.yc
    lines: list[TextLine] = []
    for g in groups:
        g.sort(key=lambda c: c.x0)
        solid = [c for c in g if not c.text.isspace()]
        if not solid:
            continue
        text = bullet_at_start(
            chars_to_text(g, space_ratio, spaces_drawn=spaces_drawn, run_gap_ratio=run_gap_ratio)
        )
        lines.append(
            TextLine(
                text=text,
                x0=min(c.x0 for c in solid),
                top=min(c.top for c in solid),
                x1=max(c.x1 for c in solid),
                bottom=max(c.bottom for c in solid),
                size=statistics.median(c.size for c in solid),
                chars=tuple(solid),
                trailing_space=g[-1].text.isspace(),
                space_x1=g[-1].x1 if g[-1].text.isspace() else 0.0,
            )
        )
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return tuple(lines)


def line_kind(text: str) -> str:
    """Given a text line outside the table, return its Furniture kind."""
    if SUBTOTAL.regex.match(text):
        return "subtotal"
    if DIMENSION.regex.match(text):
        return "dimension"
    if TITLE.regex.match(text):
        return "title"
    if CATEGORY.regex.match(text):
        return "category"
    return "other"


# --- header ------------------------------------------------------------------------------


def _find_label(
    chars: Sequence[Char], used: set[int], alternatives: Sequence[str]
) -> list[int] | None:
    # A glyph's text may be several characters ("(cid:30)", a ligature): map each
    # position of the joined string back to the glyph it came from.
    s = "".join(c.text for c in chars)
    owner = [k for k, c in enumerate(chars) for _ in c.text]
    for alt in alternatives:
        start = s.find(alt)
        while start >= 0:
            idx = sorted({owner[j] for j in range(start, start + len(alt))})
            if not used.intersection(idx):
                return idx
            start = s.find(alt, start + 1)
    return None


def _extra_labels(
    band: Sequence[TextLine], used: dict[int, set[int]], right_of: float
) -> tuple[tuple[str, BBox], ...]:
    """Given the header band, the chars the five labels took and the results label's right
    edge, return the labels of further columns to its right, left to right (a label
    wrapped in its cell is known by its first line: 佐證 for 佐證資料)."""
    found: list[tuple[str, BBox]] = []
    for k, ln in enumerate(band):
        for label in EXTRA_HEADER_LABELS:
            # A narrow column wraps its label ("佐證" / "資料"): its first line names it.
            idx = _find_label(ln.chars, used[k], (label, label[:2]))
            if idx is None or ln.chars[idx[0]].x0 < right_of:
                continue
            used[k].update(idx)
            cs = [ln.chars[j] for j in idx]
            found.append(
                (
                    label,
                    BBox(cs[0].x0, min(c.top for c in cs), cs[-1].x1, max(c.bottom for c in cs)),
                )
            )
    return tuple(sorted(found, key=lambda e: e[1].x0))


def extra_ranges(
    labels: Sequence[tuple[str, BBox]],
    left: float,
    rulings: Sequence[Ruling],
    head_mid: float,
    right_edge: float,
    tol: float,
) -> list[tuple[str, float, float]]:
    """Given the extra columns' labels and where the five columns end, return each extra
    column's (label, x0, x1): bounded by vertical rules through the header where drawn, else
    half-way between labels and, for the last, the page's text edge."""
    xs = sorted(
        r.x for r in rulings if not r.horizontal and r.top - tol <= head_mid <= r.bottom + tol
    )
    out: list[tuple[str, float, float]] = []
    x0 = left
    for j, (label, box) in enumerate(labels):
        nxt = labels[j + 1][1] if j + 1 < len(labels) else None
        hi = nxt.x0 + tol if nxt is not None else float("inf")
        rules = [x for x in xs if box.x1 - tol <= x <= hi]
        if rules:
            x1 = rules[0]
        elif nxt is not None:
            x1 = (box.x1 + nxt.x0) / 2
        else:
            x1 = right_edge
        out.append((label, x0, x1))
        x0 = x1
    return out


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
            lines = chars_to_lines(cs, settings.space_ratio, spaces_drawn=settings.spaces_drawn)
            if lines:
                top = bands[i].top if bands else min(c.top for c in cs)
                bottom = bands[i].bottom if bands else max(c.bottom for c in cs)
                cells.append(ExtraGridCell(label, x0, top, x1, bottom, lines))
    return cells, taken


def lines_to_header(
    lines: Sequence[TextLine],
    rulings: Sequence[Ruling],
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
) -> Header | None:
    """Given a page's lines and rulings, return the 評核項目 … column-header row, or None.

    The band is bounded by the horizontal rules around the 評核項目 line when
    there are any; a label may wrap onto a second line inside its cell.
    """
    tol = settings.snap_tolerance
    labels = settings.labels
    label_chars = set("".join(a for alts in labels for a in alts))
    for i, line in enumerate(lines):
        if labels[0][0] not in line.text.replace(" ", ""):
            continue
        hs = [
            r for r in rulings if r.horizontal and r.x0 <= line.x0 + tol and r.x1 >= line.x1 - tol
        ]
        above = [r.y for r in hs if r.y <= line.top + tol]
        below = [r.y for r in hs if r.y >= line.bottom - tol]
        top = max(above) if above else line.top - 1
        if below:
            bottom = min(below)
        else:
            bottom = line.bottom
            for nxt in lines[i + 1 : i + 3]:
                if (
                    nxt.top - bottom < 0.8 * line.size
                    and set(nxt.text.replace(" ", "")) <= label_chars
                ):
                    bottom = nxt.bottom
        band = [ln for ln in lines if top - tol <= (ln.top + ln.bottom) / 2 <= bottom + tol]
        found: dict[int, BBox] = {}
        used: dict[int, set[int]] = {k: set() for k in range(len(band))}
        order = sorted(range(5), key=lambda k: -max(len(a) for a in labels[k]))
        for col in order:
            for k, ln in enumerate(band):
                idx = _find_label(ln.chars, used[k], labels[col])
                if idx is not None:
                    used[k].update(idx)
                    cs = [ln.chars[j] for j in idx]
                    found[col] = BBox(
                        cs[0].x0, min(c.top for c in cs), cs[-1].x1, max(c.bottom for c in cs)
                    )
                    break
        if len(found) < 5:
            continue
        boxes = tuple(found[k] for k in range(5))
        if any(boxes[k].x0 >= boxes[k + 1].x0 for k in range(4)):
            continue
        text = " ".join(ln.text for ln in band)
        compact = text.replace(" ", "")
        variant = next((v for key, v in RESULT_VARIANTS if key in compact), None)
        extras = _extra_labels(band, used, boxes[4].x1)
        return Header(
            top=top, bottom=bottom, labels=boxes, text=text, variant=variant, extras=extras
        )
    return None


# --- columns -----------------------------------------------------------------------------


def snap(values: Iterable[float], tol: float) -> list[float]:
    """Given coordinates, return them clustered within `tol` and averaged, sorted."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def merge_rulings(
    rulings: Iterable[Ruling], tol: float = DEFAULT_SNAP_TOLERANCE, min_length: float = 1.5
) -> tuple[Ruling, ...]:
    """Given drawn segments, return them with collinear pieces joined (tables drawn cell by cell).

    Horizontal segments within `tol` of the same y that touch or overlap become
    one; likewise vertical ones.  Specks shorter than `min_length` (the short
    sides of hairline rectangles) are dropped.
    """
    out: list[Ruling] = []
    for horizontal in (True, False):
        segs = []
        for r in rulings:
            if r.horizontal != horizontal:
                continue
            lo, hi = (r.x0, r.x1) if horizontal else (r.top, r.bottom)
            if hi - lo >= min_length:
                segs.append((r.y if horizontal else r.x, lo, hi))
        segs.sort()
        rows: list[list[tuple[float, float, float]]] = []
        for seg in segs:
            if rows and seg[0] - rows[-1][-1][0] <= tol:
                rows[-1].append(seg)
            else:
                rows.append([seg])
        for row in rows:
            pos = sum(s[0] for s in row) / len(row)
            pieces = sorted((s[1], s[2]) for s in row)
            cur_lo, cur_hi = pieces[0]
            for lo, hi in [*pieces[1:], (float("inf"), float("inf"))]:
                if lo <= cur_hi + tol:
                    cur_hi = max(cur_hi, hi)
                    continue
                out.append(
                    Ruling(cur_lo, pos, cur_hi, pos)
                    if horizontal
                    else Ruling(pos, cur_lo, pos, cur_hi)
                )
                cur_lo, cur_hi = lo, hi
    return tuple(out)


def rulings_to_columns(
    header: Header, rulings: Sequence[Ruling], settings: GridSettings = DEFAULT_GRID_SETTINGS
) -> tuple[float | None, ...]:
    """Given the header and the rulings, return six column boundaries from vertical rules (None where absent)."""
    tol = settings.snap_tolerance
    mid = (header.top + header.bottom) / 2
    xs = snap(
        (r.x for r in rulings if not r.horizontal and r.top - tol <= mid <= r.bottom + tol),
        tol,
    )
    lb = header.labels
    out: list[float | None] = []
    left = [x for x in xs if x <= lb[0].x0 + tol]
    out.append(max(left) if left else None)
    for k in range(1, 5):
        lo, hi = lb[k - 1].x1 - tol, lb[k].x0 + tol
        inside = [x for x in xs if lo <= x <= hi]
        centre = (lb[k - 1].x1 + lb[k].x0) / 2
        out.append(min(inside, key=lambda x: abs(x - centre)) if inside else None)
    right = [x for x in xs if x >= lb[4].x1 - tol]
    out.append(min(right) if right else None)
    return tuple(out)


def merge_spans(spans: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Given x intervals, return their union as sorted disjoint intervals."""
    out: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if out and x0 <= out[-1][1]:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return tuple((a, b) for a, b in out)


def gaps_to_columns(
    header: Header,
    spans: Sequence[tuple[float, float]],
    known: Sequence[float | None],
    outer: tuple[float, float] | None = None,
    right_label: BBox | None = None,
    margin: float = DEFAULT_MARGIN,
) -> tuple[float, ...]:
    """Given the header labels, the x spans of body text and the boundaries already known, fill in the rest.

    Stream fallback: between two labels the boundary is the middle of the widest
    x range between them that no body text covers (text never crosses a column, and a
    label never crosses its column's edge: a gap reaching under a label is the gap on
    its other side, beside a short column of text), preferring a gap that ends where
    text starts (a column's left-aligned lines) to one that ends at the label; the outer
    boundaries are the rules' ends (`outer`) or enclose all text.  With a further
    column right of the results (`right_label`), the last boundary is the gap before it.
    """
    spans = merge_spans(spans)
    lb = (*header.labels, right_label) if right_label is not None else header.labels
    out = list(known)
    for k in range(1, len(lb)):
        if out[k] is not None:
            continue
        lo, hi = lb[k - 1].x1, lb[k].x0
        best = (0.0, (lo + hi) / 2)
        cursor = lo
        for x0, x1 in spans:
            if x1 <= cursor:
                continue
            if x0 >= hi:
                break
            if x0 > cursor and x0 - cursor > best[0]:
                best = (x0 - cursor, (cursor + x0) / 2)
            cursor = max(cursor, x1)
        # A gap that ends under the label, no text after it, is the white beside a short
        # column of text: it counts only when no gap ends where text starts.
        if best[0] == 0.0 and hi - cursor > 0:
            best = (hi - cursor, (cursor + hi) / 2)
        out[k] = best[1]
    if out[0] is None:
        out[0] = outer[0] if outer else min([lb[0].x0, *(s[0] for s in spans)]) - margin
    if out[5] is None:
        out[5] = outer[1] if outer else max([lb[4].x1, *(s[1] for s in spans)]) + margin
    return tuple(float(x) for x in out if x is not None)


def same_header(a: Sequence[BBox], b: Sequence[BBox], tol: float) -> bool:
    """Given two pages' header label boxes, return True when they sit at the same x positions."""
    return len(a) == len(b) and all(
        abs(p.x0 - q.x0) <= tol and abs(p.x1 - q.x1) <= tol for p, q in zip(a, b, strict=True)
    )


# --- rows ---------------------------------------------------------------------------------


def _covers(r: Ruling, x0: float, x1: float, share: float) -> bool:
    return min(r.x1, x1) - max(r.x0, x0) >= share * (x1 - x0)


def table_bottom(columns: Sequence[float], rulings: Sequence[Ruling], below: float) -> float | None:
    """Given the columns, return the lowest horizontal rule spanning half the table below `below`."""
    ys = [
        r.y
        for r in rulings
        if r.horizontal and r.y > below and _covers(r, columns[0], columns[-1], 0.5)
    ]
    return max(ys) if ys else None


def open_bottom(
    columns: Sequence[float], rulings: Sequence[Ruling], ruled: float, tol: float
) -> float:
    """Given the columns, rulings and the lowest full horizontal rule, return where the body ends.

    A row that a page break cuts is drawn without its bottom border by engines that
    slice cell boxes (browsers): the side rules then run on below the last
    horizontal rule, down to the page's content edge, and so does the body.
    """
    sides = [
        r.bottom
        for r in rulings
        if not r.horizontal
        and r.bottom > ruled + tol
        and r.top < ruled + tol
        and any(abs(r.x - x) <= tol for x in (columns[0], columns[-1]))
    ]
    return max(sides, default=ruled)


def rulings_to_frames(
    columns: Sequence[float],
    rulings: Sequence[Ruling],
    top: float,
    bottom: float,
    *,
    spans_from_rules: bool,
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
) -> list[Frame]:
    """Given column boundaries and rulings, return the body's cells between `top` and `bottom`.

    Each column is cut where a horizontal rule covers it, so a merged cell (no
    rule across its column) stays one frame.  With vertical rules known
    (`spans_from_rules`), a frame whose right rule is missing is joined with its
    neighbour: a cell spanning columns, like the 小計 row.
    """
    tol = settings.snap_tolerance
    hs = [r for r in rulings if r.horizontal and top - tol <= r.y <= bottom + tol]
    vs = [r for r in rulings if not r.horizontal]
    per_col: list[list[Frame]] = []
    for c in range(5):
        x0, x1 = columns[c], columns[c + 1]
        ys = snap([top, bottom, *(r.y for r in hs if _covers(r, x0, x1, settings.span_cover))], tol)
        ys = [y for y in ys if top - tol <= y <= bottom + tol]
        frames = [
            Frame(c, c, x0, a, x1, b)
            for a, b in itertools.pairwise(ys)
            if b - a >= settings.min_cell_height
        ]
        per_col.append(frames)
    if not spans_from_rules:
        return [f for col in per_col for f in col]

    def has_rule(x: float, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        return any(abs(r.x - x) <= tol and r.top - tol <= mid <= r.bottom + tol for r in vs)

    out: list[Frame] = []
    consumed: set[tuple[int, int]] = set()
    for c in range(5):
        for i, f in enumerate(per_col[c]):
            if (c, i) in consumed:
                continue
            last, x1 = c, f.x1
            while last < 4 and not has_rule(columns[last + 1], f.top, f.bottom):
                nxt = [
                    j
                    for j, g in enumerate(per_col[last + 1])
                    if abs(g.top - f.top) <= tol and abs(g.bottom - f.bottom) <= tol
                ]
                if not nxt:
                    break
                consumed.add((last + 1, nxt[0]))
                last += 1
                x1 = per_col[last][nxt[0]].x1
            out.append(Frame(c, last, f.x0, f.top, x1, f.bottom))
    return out


def _blocks(lines: Sequence[TextLine], gap_ratio: float) -> list[list[TextLine]]:
    blocks: list[list[TextLine]] = []
    for ln in lines:
        if blocks and ln.top - blocks[-1][-1].bottom <= gap_ratio * ln.size:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    return blocks


def lines_to_frames(
    columns: Sequence[float],
    lines_by_col: Sequence[Sequence[TextLine]],
    top: float,
    bottom: float,
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
) -> list[Frame]:
    """Given each column's body lines of an unruled table, return frames (stream fallback).

    Rows start where a block of text starts in the indicator or sub-indicator
    column (blocks are separated by a gap wider than `block_gap_ratio` × size);
    item and indicator cells are their own blocks, merged over the rows they span.
    """
    tol = settings.snap_tolerance
    heads = [
        b[0]
        for c in (Column.INDICATOR, Column.SUB)
        for b in _blocks(lines_by_col[c], settings.block_gap_ratio)
    ]
    # A block starting right under the header is the first row, not a row after an empty one.
    starts = [ln.top - settings.margin for ln in heads if ln.top - top > 1.5 * ln.size]
    bands = [top, *snap(starts, tol), bottom]
    frames: list[Frame] = []
    for c in (Column.ITEM, Column.INDICATOR):
        blocks = _blocks(lines_by_col[c], settings.block_gap_ratio)
        for k, block in enumerate(blocks):
            b_top = (
                top
                if k == 0 and block[0].top - top < 2 * block[0].size
                else block[0].top - settings.margin
            )
            b_bottom = blocks[k + 1][0].top - settings.margin if k + 1 < len(blocks) else bottom
            frames.append(Frame(c, c, columns[c], b_top, columns[c + 1], b_bottom))
    for c in (Column.SUB, Column.UNITS, Column.RESULT):
        for upper, lower in itertools.pairwise(bands):
            frames.append(Frame(c, c, columns[c], upper, columns[c + 1], lower))
    return frames


# --- chars → cells, the page --------------------------------------------------------------


def frames_to_cells(
    frames: Sequence[Frame], chars: Sequence[Char], settings: GridSettings = DEFAULT_GRID_SETTINGS
) -> tuple[list[GridCell], list[Char]]:
    """Given frames and chars, return the cells with their lines and the chars that fell in no frame."""
    by_col: list[list[Frame]] = [[] for _ in range(5)]
    for f in frames:
        by_col[f.column].append(f)
    for fs in by_col:
        fs.sort(key=lambda f: f.top)
    tops = [[f.top for f in fs] for fs in by_col]
    bucket: dict[Frame, list[Char]] = {f: [] for f in frames}
    rest: list[Char] = []
    for ch in chars:
        home = None
        for c in range(5):
            i = bisect.bisect_right(tops[c], ch.yc) - 1
            if i >= 0:
                f = by_col[c][i]
                if f.x0 <= ch.xc < f.x1 and f.top <= ch.yc < f.bottom:
                    home = f
                    break
        if home is None:
            rest.append(ch)
        else:
            bucket[home].append(ch)
    cells = [
        GridCell(
            Column(f.column),
            Column(f.last_column),
            f.x0,
            f.top,
            f.x1,
            f.bottom,
            chars_to_lines(
                bucket[f],
                settings.space_ratio,
                spaces_drawn=settings.spaces_drawn,
                run_gap_ratio=math.inf,
            ),
        )
        for f in frames
    ]
    return cells, rest


def _furniture(line: TextLine, page_no: int, kind: str | None = None) -> Furniture:
    return Furniture(
        kind=kind or line_kind(line.text), text=line.text, page=page_no, bbox=line.bbox
    )


def _row_subtotals(
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


def _outer_from_rules(
    header: Header, rulings: Sequence[Ruling], tol: float
) -> tuple[float, float] | None:
    """Given the header and rulings, return the x extent of horizontal rules spanning the header."""
    x0, x1 = header.labels[0].x0, header.labels[-1].x1
    hs = [r for r in rulings if r.horizontal and r.x0 <= x0 + tol and r.x1 >= x1 - tol]
    if not hs:
        return None
    return min(r.x0 for r in hs), max(r.x1 for r in hs)


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's glyphs (overprints dropped), lines and rulings, with the settings resolved
    for its body font size."""

    chars: tuple[Char, ...]
    lines: tuple[TextLine, ...]
    rulings: tuple[Ruling, ...]
    settings: GridSettings


@dataclass(frozen=True, slots=True)
class Band:
    """Where a page's table starts: its header row, or (a continuation page) its first rule."""

    top: float
    bottom: float
    labels: tuple[BBox, ...]
    extras: tuple[tuple[str, BBox], ...]
    header: Header | None


@dataclass(frozen=True, slots=True)
class Columns:
    """The five columns' six x boundaries, whether rules drew them, and the text behind them."""

    xs: tuple[float, ...]
    lattice: bool
    evidence: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Body:
    """The table body's vertical extent, whether rules cut its rows, and further columns."""

    top: float
    bottom: float
    lattice_rows: bool
    extra_ranges: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class BodyCells:
    """Given a page's body, what its chars became: cells, cells of further columns, the rows
    read as furniture (小計, spanning rows), and the chars taken or left over."""

    cells: tuple[GridCell, ...]
    extras: tuple[ExtraGridCell, ...]
    furniture: tuple[Furniture, ...]
    used: frozenset[int]
    stray: tuple[Char, ...]


def page_to_text(page: PageContent, settings: GridSettings = DEFAULT_GRID_SETTINGS) -> PageText:
    """Given one page, return its glyphs, lines and rulings with the page's own tolerances."""
    chars = dedupe_chars(
        (c for c in page.chars if c.upright and not is_cid_garbage(c.text)), settings.dedupe_ratio
    )
    settings = settings.for_size(body_size(chars))
    if draws_spaces(chars) and settings.drawn_space_ratio > settings.space_ratio:
        settings = replace(settings, space_ratio=settings.drawn_space_ratio, spaces_drawn=True)
    lines = chars_to_lines(chars, settings.space_ratio, spaces_drawn=settings.spaces_drawn)
    rulings = merge_rulings(page.rulings, settings.snap_tolerance)
    return PageText(chars, lines, rulings, settings)


def find_band(text: PageText, previous: PageGrid | None) -> Band | None:
    """Given a page's text, return its header band; on a page without the header row, the
    previous page's table goes on when rules are drawn across its columns."""
    header = lines_to_header(text.lines, text.rulings, text.settings)
    if header is not None:
        return Band(header.top, header.bottom, header.labels, header.extras, header)
    if previous is None:
        return None
    hs = [
        r.y
        for r in text.rulings
        if r.horizontal and _covers(r, previous.columns[0], previous.columns[-1], 0.5)
    ]
    if not hs:
        return None
    return Band(min(hs), min(hs), previous.labels, (), None)


def lines_below(text: PageText, band: Band) -> tuple[list[TextLine], TextLine | None]:
    """Given a page's text and its header band, return the lines of the table (page numbers
    and the 小計 line left out) and the 小計 line."""
    tol = text.settings.snap_tolerance
    below = [ln for ln in text.lines if ln.top > band.bottom - tol]
    footers = {id(ln) for ln in below if PAGE_NUMBER.regex.match(ln.text)}
    sub_line = next((ln for ln in below if SUBTOTAL.regex.match(ln.text)), None)
    table_lines = [
        ln
        for ln in below
        if id(ln) not in footers
        and (sub_line is None or ln.bottom <= sub_line.top + tol)
        and ln is not sub_line
    ]
    return table_lines, sub_line


def find_columns(
    text: PageText, band: Band, table_lines: Sequence[TextLine], previous: PageGrid | None
) -> Columns:
    """Given the header band and the table's lines, return the columns: from vertical rules,
    else from the labels and the white gaps of the body text (pooled with the previous
    page's when its header sits at the same place); a continuation page keeps the
    previous page's."""
    header = band.header
    if header is None:
        assert previous is not None
        return Columns(previous.columns, previous.lattice_columns, previous.evidence)
    settings, tol = text.settings, text.settings.snap_tolerance
    known = rulings_to_columns(header, text.rulings, settings)
    if all(x is not None for x in known):
        return Columns(tuple(float(x) for x in known if x is not None), True)
    spans = [(c.x0, c.x1) for ln in table_lines for c in ln.chars]
    if (
        previous is not None
        and not previous.lattice_columns
        and same_header(band.labels, previous.labels, tol)
    ):
        spans.extend(previous.evidence)
    evidence = merge_spans(spans)
    xs = gaps_to_columns(
        header,
        evidence,
        known,
        _outer_from_rules(header, text.rulings, tol),
        right_label=band.extras[0][1] if band.extras else None,
        margin=settings.margin,
    )
    return Columns(xs, False, evidence)


def find_body(
    text: PageText,
    band: Band,
    cols: Columns,
    table_lines: Sequence[TextLine],
    sub_line: TextLine | None,
    page_width: float,
    previous: PageGrid | None,
) -> Body:
    """Given the columns, return the body's extent: down to the lowest rule across the table
    (or the side rules of a row cut by the page foot), else to the 小計 line, else to the
    last line of text; plus the ranges of columns beyond the five."""
    settings, tol = text.settings, text.settings.snap_tolerance
    columns = cols.xs
    ruled_bottom = table_bottom(columns, text.rulings, band.bottom + tol)
    body_rules = [
        r
        for r in text.rulings
        if r.horizontal and r.y > band.bottom + tol and _covers(r, columns[2], columns[3], 0.5)
    ]
    lattice_rows = ruled_bottom is not None and bool(body_rules)
    if band.header is not None:
        mid = (band.top + band.bottom) / 2
        ranges = extra_ranges(band.extras, columns[-1], text.rulings, mid, page_width, tol)
    else:
        ranges = list(previous.extra_ranges if previous is not None else ())
    table_right = ranges[-1][2] if ranges else columns[-1]
    if ruled_bottom is not None and lattice_rows:
        bottom = open_bottom(columns, text.rulings, ruled_bottom, tol)
        if sub_line is not None and sub_line.top > ruled_bottom:
            bottom = min(bottom, sub_line.top - settings.margin)
    elif sub_line is not None:
        bottom = sub_line.top - settings.margin
    else:
        inside = [
            ln for ln in table_lines if columns[0] - tol <= ln.x0 and ln.x1 <= table_right + tol
        ]
        bottom = max((ln.bottom for ln in inside), default=band.bottom) + settings.margin
    return Body(band.bottom, bottom, lattice_rows, tuple(ranges))


def body_frames(
    text: PageText, cols: Columns, body: Body, body_chars: Sequence[Char]
) -> list[Frame]:
    """Given the body, return its empty cells: from the rules (lattice) or from where blocks
    of text start (stream)."""
    settings, columns = text.settings, cols.xs
    if body.lattice_rows:
        return rulings_to_frames(
            columns,
            text.rulings,
            body.top,
            body.bottom,
            spans_from_rules=cols.lattice,
            settings=settings,
        )
    by_col: list[list[Char]] = [[] for _ in range(5)]
    for c in body_chars:
        k = bisect.bisect_right(columns, c.xc) - 1
        by_col[min(max(k, 0), 4)].append(c)
    lines_by_col = [
        chars_to_lines(cs, settings.space_ratio, spaces_drawn=settings.spaces_drawn)
        for cs in by_col
    ]
    return lines_to_frames(columns, lines_by_col, body.top, body.bottom, settings)


def body_to_cells(
    text: PageText, cols: Columns, body: Body, sub_line: TextLine | None, page_no: int
) -> BodyCells:
    """Given the body, return its cells with their chars (spaces kept with the text they
    separate), the cells of further columns, and the 小計 and spanning rows as furniture."""
    settings, tol, columns = text.settings, text.settings.snap_tolerance, cols.xs
    sub_ids = {id(c) for c in sub_line.chars} if sub_line is not None else set()
    inside = [c for c in text.chars if body.top < c.yc < body.bottom and id(c) not in sub_ids]
    body_chars = [
        c for c in inside if columns[0] - tol <= c.xc <= columns[-1] + tol and not c.text.isspace()
    ]
    frames = body_frames(text, cols, body, body_chars)
    extras, extra_ids = chars_to_extra_cells(
        body.extra_ranges,
        [c for c in inside if c.xc > columns[-1] + tol],
        sorted((f for f in frames if f.column == Column.SUB), key=lambda f: f.top),
        settings,
    )
    spaces = [c for c in inside if c.text.isspace() and id(c) not in extra_ids]
    cells, stray = frames_to_cells(frames, body_chars + spaces, settings)
    cells, subtotals = _row_subtotals(cells, page_no, tol)
    spanning = [c for c in cells if c.last_column - c.column >= 2 and c.lines]
    furniture: list[Furniture] = list(subtotals)
    if sub_line is not None and not subtotals:
        text_ = " ".join(sub_line.text.split())
        furniture.append(Furniture("subtotal", text_, page_no, sub_line.bbox))
    for span in spanning:
        joined = " ".join(span.text.split())
        box = union_bbox([ln.bbox for ln in span.lines])
        furniture.append(Furniture(line_kind(joined), joined, page_no, box))
    kept = sorted(
        (c for c in cells if c.lines and c not in spanning),
        key=lambda c: (round(c.top, 1), c.column),
    )
    return BodyCells(
        cells=tuple(kept),
        extras=tuple(extras),
        furniture=tuple(furniture),
        used=frozenset({id(c) for c in body_chars} | sub_ids | extra_ids),
        stray=tuple(c for c in stray if not c.text.isspace()),
    )


def outside_furniture(
    text: PageText, band: Band, cols: Columns, body: Body, taken: BodyCells, page_no: int
) -> list[Furniture]:
    """Given what the table took, return the page's other text as furniture: the header row
    (its labels per column) and every line around the table."""
    tol, columns = text.settings.snap_tolerance, cols.xs
    outside = [
        c
        for c in text.chars
        if id(c) not in taken.used and not (c.text.isspace() and body.top < c.yc < body.bottom)
    ]
    outside += taken.stray
    in_head = [c for c in outside if band.top - tol <= c.yc <= band.bottom + tol]
    other = [c for c in outside if not (band.top - tol <= c.yc <= band.bottom + tol)]
    out: list[Furniture] = []
    if band.header is not None:
        per_col = [
            chars_to_text(
                sorted(
                    (c for c in in_head if columns[k] <= c.xc < columns[k + 1]), key=lambda c: c.x0
                )
            )
            for k in range(5)
        ]
        out.append(
            Furniture(
                kind="header",
                text=" ".join(t.replace(" ", "") for t in per_col if t),
                page=page_no,
                bbox=BBox(columns[0], band.top, columns[-1], band.bottom),
            )
        )
    else:
        other.extend(in_head)
    settings = text.settings
    out.extend(
        _furniture(ln, page_no)
        for ln in chars_to_lines(other, settings.space_ratio, spaces_drawn=settings.spaces_drawn)
    )
    return out


def page_to_grid(
    page: PageContent,
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
    *,
    previous: PageGrid | None = None,
) -> PageGrid | None:
    """Given one page, return its table (cells and furniture), or None when it holds no table.

    The steps, each a function above: the page's text at its own scale, the header
    band (or the previous page's table going on), the table's lines, the columns,
    the body's extent, its cells, and the text around it as furniture.
    """
    text = page_to_text(page, settings)
    band = find_band(text, previous)
    if band is None:
        return None
    table_lines, sub_line = lines_below(text, band)
    cols = find_columns(text, band, table_lines, previous)
    body = find_body(text, band, cols, table_lines, sub_line, page.width, previous)
    taken = body_to_cells(text, cols, body, sub_line, page.page_no)
    furniture = [*taken.furniture, *outside_furniture(text, band, cols, body, taken, page.page_no)]
    furniture.sort(key=lambda f: f.bbox.top if f.bbox else 0.0)
    if band.header is not None:
        variant = band.header.variant
    else:
        variant = previous.header_variant if previous is not None else None
    return PageGrid(
        page_no=page.page_no,
        furniture=tuple(furniture),
        cells=taken.cells,
        columns=cols.xs,
        body_top=body.top,
        body_bottom=body.bottom,
        header_variant=variant,
        lattice_columns=cols.lattice,
        lattice_rows=body.lattice_rows,
        labels=band.labels,
        evidence=cols.evidence,
        extras=taken.extras,
        extra_ranges=body.extra_ranges,
    )
