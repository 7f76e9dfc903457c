"""One page → its grid: the steps (text at the page's scale, header band, columns, body,
cells, furniture) and `page_to_grid` composing them.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.layout.grid.cells import (
    ExtraGridCell,
    Frame,
    GridCell,
    PageGrid,
    chars_to_extra_cells,
    frames_to_cells,
    line_furniture,
    row_subtotals,
)
from pipeline.layout.grid.header import Header, extra_ranges, lines_to_header
from pipeline.layout.grid.lattice import (
    covers,
    merge_rulings,
    open_bottom,
    rulings_to_columns,
    rulings_to_frames,
    table_bottom,
)
from pipeline.layout.grid.lines import (
    chars_to_lines,
    chars_to_text,
    dedupe_chars,
    draws_spaces,
    is_cid_garbage,
    line_kind,
)
from pipeline.layout.grid.settings import DEFAULT_GRID_SETTINGS, GridSettings, body_size
from pipeline.layout.grid.stream import (
    first_line,
    gaps_to_columns,
    lines_to_frames,
    merge_spans,
    outer_from_rules,
    same_header,
)
from pipeline.layout.primitives import Char, PageContent, Ruling, TextLine, union_bbox
from pipeline.models import BBox, Column, Furniture
from pipeline.normalise.patterns import (
    PAGE_NUMBER,
    SUBTOTAL,
)
from pipeline.normalise.text import join_wrapped


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
    beside: tuple[Char, ...] = ()  # at the body's height, left or right of the table


def page_to_text(
    page: PageContent, settings: GridSettings = DEFAULT_GRID_SETTINGS, *, drawn: bool = False
) -> PageText:
    """Given one page, return its glyphs, lines and rulings with the page's own tolerances.

    Whether its producer draws spaces as glyphs is the page's own evidence (`draws_spaces`);
    a page without any space glyph has none and is read as the page before it (`drawn`):
    LibreOffice lays out a page whose text has no space as it does the others.
    """
    glyphs = [c for c in page.chars if c.upright and not is_cid_garbage(c.text)]
    floor = settings.dedupe_floor_ratio * body_size(glyphs)
    chars = dedupe_chars(glyphs, settings.dedupe_ratio, floor)
    settings = settings.for_size(body_size(chars))
    if any(c.text.isspace() for c in chars):
        drawn = draws_spaces(chars, settings)  # the page tells for itself
    if drawn and settings.drawn_space_ratio > settings.space_ratio:
        settings = replace(settings, space_ratio=settings.drawn_space_ratio, spaces_drawn=True)
    lines = chars_to_lines(chars, settings)
    rulings = merge_rulings(page.rulings, settings)
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
        if r.horizontal
        and covers(r, previous.columns[0], previous.columns[-1], text.settings.table_cover)
    ]
    if not hs:
        return None
    return Band(min(hs), min(hs), previous.labels, (), None)


# Full-width marks a browser hangs past a cell's edge at a line's end.
_HUNG = frozenset("，。、；：！？」』）〕》〉")


def run_on(
    body: Sequence[Char],
    beyond: Sequence[Char],
    edge: float,
    settings: GridSettings,
    lefts: Sequence[float] = (),
    pads: Sequence[float] = (),
) -> dict[int, Char]:
    """Given the body's chars up to the results column's right edge, those past it (within
    the tolerance, or in a column beyond the five), that edge and the settings, return for
    each char past it that runs on from a glyph of the results across the edge, touching
    it on its line (a URL overrunning its cell into the next: "www.example.gov.tw/" over
    自評分數; a drawn space links the run: "12 日" kept on one line), the results' glyph
    its run starts from: it is the results' text, not the next column's (unless a glyph
    of the next column's own line touches it more closely: the overrun is drawn across
    that line).  `lefts`: the left edges of the columns beyond the five; `pads`: how far
    right of its rule each line of the five ruled columns starts (see `_line_starts`)."""
    near = [c for c in body if c.x1 >= edge - 2 * c.size]
    leaders = [n for n in near if n.text not in _HUNG]  # nothing runs on from a hung mark
    starts = _line_starts(beyond, settings, lefts, pads, leaders)
    align = settings.align_ratio * settings.size
    homes: dict[int, Char] = {}
    for c in sorted(beyond, key=lambda ch: ch.x0):
        touch = settings.run_on_ratio * c.size
        # An ideograph where the next column's lines start is that cell's own ("…19 日"
        # against the rule, then "一" of "詳附件" / "一"); a URL's letters run on wherever
        # they stand.  A full-width mark hung past the edge ends its line ("研習」" then 第):
        # nothing runs on from it.
        # So is any text there after a drawn space (LibreOffice: "透過 LINE" then the score
        # "146" a space and a cell's padding after it).  Lines start there to the point:
        # a glyph a little off it ("24 日" overrunning the rule, "日" 1 pt right of where
        # the next column's lines start) is the results' line going on.
        at_start = any(abs(c.x0 - x) <= align for x in starts)
        carried = (b for b in beyond if id(b) in homes and b.text not in _HUNG)
        leads = [
            p
            for p in [*leaders, *carried]
            if not (at_start and not (c.text.isascii() and not p.text.isspace()))
            and _leads(p, c, touch)
        ]
        # A results glyph overrunning the edge can stand over the next column's line ("17
        # 日" drawn across "資料"): a glyph of that line touching the one before it more
        # closely than the overrun's last glyph goes on with its own line.
        own = [b for b in beyond if id(b) not in homes and _leads(b, c, touch)] if leads else []
        closest = min(own, key=lambda b: abs(c.x0 - b.x1), default=None)
        for p in leads:
            if closest is None or abs(c.x0 - p.x1) <= abs(c.x0 - closest.x1):
                homes[id(c)] = homes.get(id(p)) or _glyph_at(p, near, touch)
                break
    return homes


def _leads(p: Char, c: Char, touch: float) -> bool:
    """Given two glyphs and the touching distance, return True when the first stands on
    the second's line, left of it, its right edge within `touch` of the second's left."""
    return abs(p.yc - c.yc) < 0.3 * c.size and -touch <= c.x0 - p.x1 <= touch and p.x0 < c.x0


def _glyph_at(ch: Char, near: Sequence[Char], touch: float) -> Char:
    """Given the char a run starts from, the glyphs near the edge and the touching
    distance, return the char itself, or for a drawn space the glyph it follows on its
    line: a justified line's space can be centred on the very edge, and the run goes
    where the glyph before it is."""
    if not ch.text.isspace():
        return ch
    before = [
        n
        for n in near
        if not n.text.isspace() and abs(n.yc - ch.yc) < 0.3 * ch.size and n.x1 <= ch.x0 + touch
    ]
    return max(before, key=lambda n: n.x1, default=ch)


def _line_starts(
    chars: Sequence[Char],
    settings: GridSettings,
    lefts: Sequence[float] = (),
    pads: Sequence[float] = (),
    results: Sequence[Char] = (),
) -> list[float]:
    """Given the glyphs past the results' edge, the settings, the left edges of the
    columns beyond the five and how far right of its rule each line of the five columns
    starts (`_paddings`; none where rules do not draw them), return where three or more
    of their runs start (to `align_ratio` × body size): where a column beyond the five
    starts its lines.  A run that a glyph of the results' (`results`) leads into is an
    overrun, not a line start (three dates' "日" drawn across the rule at one x, each
    after a no-break space: chromium-extra 10054 read one as 佐證資料's cell).  Runs are
    also counted by how far right of their column's edge they start, over all those
    columns and the five: a table pads its cells alike, so a column holding a number or
    two on a page (自評分數 "167", "146") starts its lines where the other columns' many
    lines show."""
    xs: list[float] = []
    offsets: list[float] = list(pads)
    for c in chars:
        touch = settings.run_on_ratio * c.size
        led = any(
            b is not c and abs(b.yc - c.yc) < 0.3 * c.size and -touch <= c.x0 - b.x1 <= touch
            for b in itertools.chain(chars, results)
        )
        if led or c.text.isspace():
            continue
        xs.append(c.x0)
        left = max((x for x in lefts if x <= c.x0), default=None)
        if left is not None:
            offsets.append(c.x0 - left)
    align = settings.align_ratio * settings.size
    return _dense(xs, align) + [left + o for o in _dense(offsets, align) for left in lefts]


def _paddings(chars: Sequence[Char], columns: Sequence[float]) -> list[float]:
    """Given the body's glyphs and the five columns' ruled edges, return for each line of
    each column how far right of the column's left rule its first glyph starts (within an
    em of it)."""
    first: dict[tuple[int, int], Char] = {}
    for c in chars:
        k = bisect.bisect_right(columns, c.x0) - 1
        key = (k, round(c.yc))
        if 0 <= k < len(columns) - 1 and (key not in first or c.x0 < first[key].x0):
            first[key] = c
    return [c.x0 - columns[k] for (k, _), c in first.items() if c.x0 - columns[k] < c.size]


def _dense(values: Sequence[float], tol: float, least: int = 3) -> list[float]:
    """Given values and a tolerance, return each value that `least` of them (itself too)
    stand within `tol` of."""
    ordered = sorted(values)
    return [
        v
        for v in ordered
        if bisect.bisect_right(ordered, v + tol) - bisect.bisect_left(ordered, v - tol) >= least
    ]


def _goes_on_a_cell(line: TextLine, lines: Sequence[TextLine], text: PageText) -> bool:
    """Given a line that reads as a page number ("第 3 頁", "13") and the table's lines,
    tell whether it is a cell's next line instead: right under a line with a glyph above it
    (across), less than `cell_line_ratio` of its size apart, with no rule between them — a
    cell of a note column wrapping "見佐證資料" / "第 3 頁", a score alone on its line.  A
    page's number stands apart from the table, in the page's margin or under its rule."""
    gap = text.settings.cell_line_ratio * line.size
    tol = text.settings.snap_tolerance
    for other in lines:
        if other is line or not 0 <= line.top - other.bottom + tol < gap + tol:
            continue
        if not any(c.x0 < line.x1 and line.x0 < c.x1 for c in other.chars):
            continue
        ruled = any(
            r.horizontal
            and other.bottom - tol <= r.y <= line.top + tol
            and r.x0 < line.x1
            and line.x0 < r.x1
            for r in text.rulings
        )
        if not ruled:
            return True
    return False


def lines_below(text: PageText, band: Band) -> tuple[list[TextLine], TextLine | None]:
    """Given a page's text and its header band, return the lines of the table (page numbers
    and the 小計 line left out) and the 小計 line."""
    tol = text.settings.snap_tolerance
    below = [ln for ln in text.lines if ln.top > band.bottom - tol]
    footers = {
        id(ln)
        for ln in below
        if PAGE_NUMBER.regex.match(ln.text) and not _goes_on_a_cell(ln, below, text)
    }
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
        outer_from_rules(header, text.rulings, tol),
        right_label=band.extras[0][1] if band.extras else None,
        margin=settings.margin,
        reach=tol,
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
    ruled_bottom = table_bottom(columns, text.rulings, band.bottom + tol, settings.table_cover)
    body_rules = [
        r
        for r in text.rulings
        if r.horizontal
        and r.y > band.bottom + tol
        and covers(r, columns[2], columns[3], settings.span_cover)
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
        if bottom == ruled_bottom:
            bottom = overflow_bottom(text, columns, bottom)
    elif sub_line is not None:
        bottom = sub_line.top - settings.margin
    else:
        inside = [
            ln for ln in table_lines if columns[0] - tol <= ln.x0 and ln.x1 <= table_right + tol
        ]
        bottom = max((ln.bottom for ln in inside), default=band.bottom) + settings.margin
    return Body(band.bottom, bottom, lattice_rows, tuple(ranges))


def overflow_bottom(text: PageText, columns: Sequence[float], bottom: float) -> float:
    """Given the columns and the body's ruled bottom, return it lowered past the rest of a
    merged cell printed across it: lines of one column the bottom rule leaves open (a merged
    item or indicator cell the page break cut), the first drawn across the rule, each next
    one within `block_gap_ratio` × size of the one before.

    Chromium paints what of a row-spanning cell does not fit above the page break over the
    table's lower edge ("得分：67" under the last rule).  Text standing apart from the table
    never crosses its edge; nothing else may lie in the band taken.
    """
    settings, tol = text.settings, text.settings.snap_tolerance
    closing = [r for r in text.rulings if r.horizontal and abs(r.y - bottom) <= tol]
    open_cols = [
        k
        for k in range(5)
        if not any(covers(r, columns[k], columns[k + 1], settings.span_cover) for r in closing)
    ]
    below = [ln for ln in text.lines if (ln.top + ln.bottom) / 2 > bottom]
    taken: list[TextLine] = []
    col = None
    for ln in below:  # lines are sorted by top
        home = next(
            (k for k in open_cols if columns[k] - tol <= ln.x0 and ln.x1 <= columns[k + 1] + tol),
            None,
        )
        if home is None or (col is not None and home != col):
            break
        if taken and ln.top - taken[-1].bottom > settings.block_gap_ratio * ln.size:
            break
        if not taken and ln.top >= bottom:
            break
        taken.append(ln)
        col = home
    if not taken:
        return bottom
    lowered = max(ln.bottom for ln in taken) + settings.margin
    kept = {id(ln) for ln in taken}
    if any(id(ln) not in kept and ln.top < lowered for ln in below):
        return bottom
    return lowered


def body_frames(
    text: PageText,
    cols: Columns,
    body: Body,
    body_chars: Sequence[Char],
    inside: Sequence[Char] = (),
) -> list[Frame]:
    """Given the body, its chars in the five columns and all its chars (`inside`: the
    columns beyond the five too), return its empty cells: from the rules (lattice) or from
    where blocks of text start (stream)."""
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
    lines_by_col = [chars_to_lines(cs, settings) for cs in by_col]
    first = first_line(c for c in inside if not c.text.isspace())
    return lines_to_frames(columns, lines_by_col, body.top, body.bottom, settings, first)


def body_to_cells(
    text: PageText, cols: Columns, body: Body, sub_line: TextLine | None, page_no: int
) -> BodyCells:
    """Given the body, return its cells with their chars (spaces kept with the text they
    separate), the cells of further columns, and the 小計 and spanning rows as furniture."""
    settings, tol, columns = text.settings, text.settings.snap_tolerance, cols.xs
    sub_ids = {id(c) for c in sub_line.chars} if sub_line is not None else set()
    top, bottom, left, right = body.top, body.bottom, columns[0] - tol, columns[-1] + tol
    # a char's centre written out (Char.yc, Char.xc): this runs over every glyph of the page
    inside = [
        c for c in text.chars if top < (c.top + c.bottom) / 2 < bottom and id(c) not in sub_ids
    ]
    body_chars = [c for c in inside if left <= (c.x0 + c.x1) / 2 <= right and not c.text.isspace()]
    frames = body_frames(text, cols, body, body_chars, inside)
    beyond = [c for c in inside if c.xc > columns[-1] + tol]
    # Glyphs past the results' edge (within the tolerance, or in a column beyond the five)
    # that run on from a glyph of the results, through a drawn space or none.
    past = [c for c in inside if c.xc > columns[-1]]
    before = [c for c in inside if c.xc <= columns[-1]]
    lefts = [x0 for _, x0, _ in body.extra_ranges]
    pads = _paddings(body_chars, columns) if cols.lattice and lefts else []
    homes = run_on(before, past, columns[-1], settings, lefts, pads) if lefts else {}
    extras, extra_ids = chars_to_extra_cells(
        body.extra_ranges,
        [c for c in beyond if id(c) not in homes],
        sorted((f for f in frames if f.column == Column.SUB), key=lambda f: f.top),
        settings,
    )
    spaces = [c for c in inside if c.text.isspace() and id(c) not in extra_ids]
    carried = [c for c in beyond if id(c) in homes and not c.text.isspace()]
    cells, stray = frames_to_cells(frames, body_chars + spaces + carried, settings, homes)
    cells, subtotals = row_subtotals(cells, page_no, tol)
    spanning = [c for c in cells if c.last_column - c.column >= 2 and c.lines]
    furniture: list[Furniture] = list(subtotals)
    if sub_line is not None and not subtotals:
        text_ = " ".join(sub_line.text.split())
        furniture.append(Furniture("subtotal", text_, page_no, sub_line.bbox))
    for span in spanning:
        joined = " ".join(span.text.split())
        box = union_bbox([ln.bbox for ln in span.lines])
        furniture.append(Furniture(line_kind(joined), joined, page_no, box))
    step = settings.row_order_step
    kept = sorted(
        (c for c in cells if c.lines and c not in spanning),
        key=lambda c: (round(c.top / step), c.column),
    )
    used = frozenset({id(c) for c in body_chars} | sub_ids | extra_ids | set(homes))
    table_right = (body.extra_ranges[-1][2] if body.extra_ranges else columns[-1]) + tol
    return BodyCells(
        cells=tuple(kept),
        extras=tuple(extras),
        furniture=tuple(furniture),
        used=used,
        stray=tuple(c for c in stray if not c.text.isspace()),
        beside=_beside(inside, used, left, table_right),
    )


def _beside(
    chars: Sequence[Char], used: frozenset[int], left: float, right: float
) -> tuple[Char, ...]:
    """Given the glyphs at the body's height, the ids of those the table took and its left
    and right edges, return the others standing left or right of it.  A form prints
    nothing there: text a reader put there (a side-by-side dump's cell part placed past
    the last column) would be lost."""
    return tuple(
        c for c in chars if not c.text.isspace() and id(c) not in used and not left <= c.xc <= right
    )


def outside_furniture(
    text: PageText, band: Band, cols: Columns, body: Body, taken: BodyCells, page_no: int
) -> list[Furniture]:
    """Given what the table took, return the page's other text as furniture: the header row
    (its labels per column) and every line around the table."""
    settings, tol, columns = text.settings, text.settings.snap_tolerance, cols.xs
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
                ),
                settings,
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
    out.extend(_titles_joined(chars_to_lines(other, settings), page_no, columns, settings))
    return out


def _titles_joined(
    lines: Sequence[TextLine], page_no: int, columns: Sequence[float], settings: GridSettings
) -> list[Furniture]:
    """Given the lines around the table (top to bottom), the page number, the table's
    column edges and the settings, return them as furniture, a title that fills the
    table's width (`title_fill`) joined
    with the line right under it in its size and within its span: the title wrapped
    ("…評核表項目及評分" / "表", whose last glyph was lost from the document's title)."""
    out: list[Furniture] = []
    width = columns[-1] - columns[0]
    last: TextLine | None = None  # the title's last line
    for ln in lines:
        if (
            last is not None
            and out[-1].kind == "title"
            and last.x1 - last.x0 >= settings.title_fill * width
            and 0 <= ln.top - last.bottom < 0.6 * ln.size
            and abs(ln.size - last.size) <= 0.1 * last.size
            and last.x0 <= ln.x0 <= ln.x1 <= last.x1
            and line_kind(ln.text) == "other"
        ):
            joined = join_wrapped([out[-1].text, ln.text])
            box = union_bbox([b for b in (out[-1].bbox, ln.bbox) if b is not None])
            out[-1] = Furniture("title", joined, page_no, box)
        else:
            out.append(line_furniture(ln, page_no))
        last = ln
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
    text = page_to_text(page, settings, drawn=previous is not None and previous.spaces_drawn)
    band = find_band(text, previous)
    if band is None:
        return None
    table_lines, sub_line = lines_below(text, band)
    cols = find_columns(text, band, table_lines, previous)
    body = find_body(text, band, cols, table_lines, sub_line, page.width, previous)
    taken = body_to_cells(text, cols, body, sub_line, page.page_no)
    furniture = [
        *taken.furniture,
        *outside_furniture(text, band, cols, body, taken, page.page_no),
    ]
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
        spaces_drawn=text.settings.spaces_drawn,
        unread=tuple(
            line_furniture(ln, page.page_no)
            for ln in chars_to_lines([*taken.stray, *taken.beside], text.settings)
        ),
    )
