"""Structure: the token stream of any input kind → the form's hierarchy (`Document`).

Rules every layout relies on (see `models.Fragment`):
ITEM opens an item (its lines hold the name, "(N分)" and "得分：N"); INDICATOR
opens an indicator and a row; SUB opens a row, or fills the row its indicator
just opened; UNITS and RESULT fill the open row.  A fragment with `cont=True`
continues the open cell of its column.  An ITEM or INDICATOR whose text equals
the open one is the same merged cell printed again (layouts that repeat merged
text on every row) and opens nothing.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

import regex

from pipeline.errors import StructureError
from pipeline.layout.merged import is_item_tail
from pipeline.models import (
    CellRef,
    Column,
    Dimension,
    Document,
    ExtraCell,
    Fragment,
    Furniture,
    Item,
    PageStream,
    Row,
)
from pipeline.normalise.patterns import (
    DIMENSION,
    INDICATOR_NO,
    ITEM_POINTS,
    ITEM_POINTS_IN,
    ITEM_SCORE,
    ITEM_SCORE_IN,
    SUB_NO,
    SUBTOTAL,
    TITLE,
    UNIT_NOTE,
    UNIT_SUFFIX,
    marker_number,
)
from pipeline.normalise.text import (
    OCR_NEAR_RATIO,
    WRAP_SLACK_COLUMNS,
    display_width,
    join_paragraphs,
    join_wrapped,
    latin_vocabulary,
    mend_broken_words,
    near_repeat,
    score_lines_joined,
)

logger = logging.getLogger(__name__)

_UNIT_SEPARATORS = regex.compile(r"[、，]")

_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def cn_ordinal(text: str) -> int:
    """Given a dimension ordinal as printed (三, 十一, 3), return it as an int."""
    if text.isdigit():
        return int(text)
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    if len(text) == 2 and text[1] == "十":
        return _CN_DIGITS[text[0]] * 10
    raise StructureError(f"unreadable dimension number {text!r}")


def _num(text: str | None) -> float | None:
    return None if text is None else float(text)


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)


# --- mutable builders, private to this module -----------------------------------------


@dataclass(slots=True)
class _ItemB:
    dimension_no: int
    item_no: int
    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    cells: list[CellRef] = field(default_factory=list)
    first_row: _RowB | None = None


@dataclass(slots=True)
class _IndicatorB:
    lines: list[str] = field(default_factory=list)
    first_row: _RowB | None = None


@dataclass(slots=True)
class _RowB:
    dimension_no: int
    item_no: int
    indicator: _IndicatorB | None
    sub: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    result: list[list[str]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    cells: list[CellRef] = field(default_factory=list)
    extra: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.sub and not self.units and not self.result


@dataclass(slots=True)
class _DimB:
    dimension_no: int
    name: str
    max_points: int | None
    heading: str
    page_start: int
    page_end: int
    subtotal: float | None = None


@dataclass(slots=True)
class _Builder:
    dims: list[_DimB] = field(default_factory=list)
    items: list[_ItemB] = field(default_factory=list)
    rows: list[_RowB] = field(default_factory=list)
    item: _ItemB | None = None
    indicator: _IndicatorB | None = None
    row: _RowB | None = None
    # Cells printed before the row that owns them opens (item, indicator cells).
    waiting: list[CellRef] = field(default_factory=list)
    title: str | None = None
    agency: str | None = None
    roc_year: int | None = None
    category: str | None = None
    last_page: int = 1
    notes: list[str] = field(default_factory=list)
    unit_wrap: int = 0  # the widest printed units line: the units column's wrap width

    def dim_no(self) -> int:
        if not self.dims:
            # A table without a dimension heading still gets a dimension to hang on.
            self.dims.append(
                _DimB(
                    dimension_no=1, name="", max_points=None, heading="", page_start=1, page_end=1
                )
            )
        return self.dims[-1].dimension_no

    def open_item(self) -> _ItemB:
        dim = self.dim_no()
        n = sum(1 for it in self.items if it.dimension_no == dim) + 1
        self.item = _ItemB(dimension_no=dim, item_no=n)
        self.items.append(self.item)
        self.indicator = None
        self.row = None
        return self.item

    def ensure_item(self) -> _ItemB:
        return self.item if self.item is not None else self.open_item()

    def open_row(self) -> _RowB:
        item = self.ensure_item()
        self.row = _RowB(
            dimension_no=item.dimension_no, item_no=item.item_no, indicator=self.indicator
        )
        self.row.cells.extend(self.waiting)
        self.row.pages.extend(c.page for c in self.waiting)
        self.waiting.clear()
        self.rows.append(self.row)
        if item.first_row is None:
            item.first_row = self.row
        if self.indicator is not None and self.indicator.first_row is None:
            self.indicator.first_row = self.row
        return self.row

    def ensure_row(self) -> _RowB:
        return self.row if self.row is not None else self.open_row()


def _cell(frag: Fragment) -> CellRef:
    return CellRef(column=frag.column, page=frag.page, text="\n".join(frag.lines), bbox=frag.bbox)


def _attach(b: _Builder, row: _RowB | None, cell: CellRef) -> None:
    """Given a merged cell's fragment, give it to the row that owns the cell: its first row,
    or the next row to open when the cell's first row has not opened yet."""
    if row is None:
        b.waiting.append(cell)
    else:
        row.cells.append(cell)
        row.pages.append(cell.page)


def _on_furniture(b: _Builder, f: Furniture) -> None:
    if f.kind == "title" and b.title is None:
        b.title = f.text.strip()
        m = TITLE.regex.match(f.text)
        if m:
            b.agency = m.group("agency").strip()
            b.roc_year = int(m.group("roc"))
    elif f.kind == "notes":
        b.notes.append(f.text.strip())
    elif f.kind == "category" and b.category is None:
        b.category = f.text.strip()
    elif f.kind == "dimension":
        m = DIMENSION.regex.match(f.text)
        if m is None:
            raise StructureError(f"p{f.page}: unreadable dimension heading {f.text!r}")
        b.dims.append(
            _DimB(
                dimension_no=cn_ordinal(m.group("no")),
                name=m.group("name").strip(),
                max_points=_int(m.group("max")),
                heading=f.text.strip(),
                page_start=f.page,
                page_end=f.page,
            )
        )
        b.item = None
        b.indicator = None
        b.row = None
    elif f.kind == "subtotal":
        m = SUBTOTAL.regex.match(f.text)
        if b.dims:
            b.dims[-1].subtotal = _num(m.group("value")) if m else None
            b.dims[-1].page_end = f.page


def _on_fragment(b: _Builder, frag: Fragment) -> None:
    col = frag.column
    cell = _cell(frag)
    if frag.repeat:
        # The tail of repeated merged text beside the row a page break cut: that row's cell.
        if b.row is not None:
            b.row.cells.append(cell)
            b.row.pages.append(frag.page)
        return
    if col == Column.ITEM:
        last = b.item.lines[-1] if b.item is not None and b.item.lines else None
        if (frag.cont or is_item_tail(frag.lines, last)) and b.item is not None:
            b.item.lines.extend(frag.lines)
        else:
            b.open_item().lines.extend(frag.lines)
        assert b.item is not None
        b.item.pages.append(frag.page)
        b.item.cells.append(cell)
        _attach(b, b.item.first_row, cell)
        return
    if col == Column.INDICATOR:
        if frag.cont and b.indicator is not None:
            b.indicator.lines.extend(frag.lines)
            _attach(b, b.indicator.first_row, cell)
            return
        b.ensure_item()
        b.indicator = _IndicatorB(lines=list(frag.lines))
        b.waiting.append(cell)
        b.open_row()
        return
    if col == Column.SUB:
        if frag.cont and b.row is not None:
            b.row.sub.extend(frag.lines)
        elif b.row is not None and b.row.empty and b.row.indicator is b.indicator:
            b.row.sub.extend(frag.lines)
        else:
            b.open_row().sub.extend(frag.lines)
    elif col == Column.UNITS:
        units = b.ensure_row().units
        if frag.names is not None:
            lines = list(frag.names)
        else:
            lines = join_unit_wraps(frag.lines, b.unit_wrap)
        if units and lines and frag.cont and not frag.para_break:
            units[-1] = join_wrapped([units[-1], lines.pop(0)])  # a name broken by a page
        units.extend(lines)
    elif col == Column.RESULT:
        row = b.ensure_row()
        if row.result and frag.cont and not frag.para_break:
            row.result[-1].extend(frag.lines)
        else:
            row.result.append(list(frag.lines))
    assert b.row is not None
    b.row.cells.append(cell)
    b.row.pages.append(frag.page)


def _on_extra(b: _Builder, cell: ExtraCell) -> None:
    """Given a cell of a column beyond the five, add its lines to the open row under its label."""
    row = b.ensure_row()
    row.extra.setdefault(cell.label, []).extend(cell.lines)
    row.pages.append(cell.page)


def lines_to_units(lines: Sequence[str]) -> tuple[str, ...]:
    """Given a units cell's printed lines, return one entry per unit.

    A line that is only a parenthesised qualifier joins the unit before it
    ("資訊小組" + "(各單位)"); a line with an unclosed parenthesis joins the next
    ("秘書室 (研" + "考)").
    """
    out: list[str] = []
    open_paren = False
    parts = [p for raw in lines for p in _UNIT_SEPARATORS.split(raw)]
    for raw in parts:
        line = raw.strip()
        if not line:
            continue
        qualifier = line[0] in "(（" and line[-1] in ")）"
        if out and (open_paren or qualifier):
            out[-1] = join_wrapped([out[-1], line])
        else:
            out.append(line)
        text = out[-1]
        open_paren = (text.count("(") + text.count("（")) > (text.count(")") + text.count("）"))
    return tuple(out)


def _split_indicator(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    m = INDICATOR_NO.regex.match(text)
    if m:
        return str(marker_number(m)), m.group("text").strip()
    return None, text


def _split_sub(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    m = SUB_NO.regex.match(text)
    if m and m.group("text"):
        return f"({marker_number(m)})", m.group("text").strip()
    return None, text


def _parse_item(b: _ItemB) -> tuple[str, int | None, float | None]:
    """Given an item cell's lines, return its name, max points and score.

    The cell is read as one text: "(N分)" may stand on the name line or on its
    own, and "得分：" may wrap before its number.
    """
    name_lines: list[str] = []
    max_points: int | None = None
    score: float | None = None
    for line in score_lines_joined(b.lines):
        if (m := ITEM_POINTS.regex.match(line)) is not None:
            max_points = int(m.group("max"))
        elif (m := ITEM_SCORE.regex.match(line)) is not None and m.group("score") is not None:
            score = _num(m.group("score"))
        else:
            name_lines.append(line)
    name = join_wrapped(name_lines)
    if score is None and (m := ITEM_SCORE_IN.regex.search(name)) is not None:
        score = _num(m.group("score"))
        name = name[: m.start()].rstrip()
    if max_points is None and (m := ITEM_POINTS_IN.regex.search(name)) is not None:
        max_points = int(m.group("max"))
        name = (name[: m.start()] + name[m.end() :]).strip()
    return name, max_points, score


def _starts_new_form(
    tok: Furniture, title: str | None, last_dim: int | None, ocr_pages: Collection[int] = ()
) -> bool:
    if tok.kind == "title":
        # Spaces aside: OCR reads a gap in a running title as a space on one page only,
        # and misreads a glyph of it now and then (標準 / 漂準).
        if title is None:
            return False
        a, b = "".join(tok.text.split()), "".join(title.split())
        return a != b and not (tok.page in ocr_pages and near_repeat(a, b, OCR_NEAR_RATIO))
    m = DIMENSION.regex.match(tok.text) if tok.kind == "dimension" else None
    return m is not None and last_dim is not None and cn_ordinal(m.group("no")) <= last_dim


def split_parts(stream: PageStream) -> tuple[PageStream, ...]:
    """Given a token stream, return one stream per form when it holds several (a bundle).

    A new form starts after a 小計 when a title other than the current form's
    follows, or when the dimension numbering starts again (構面一 after 構面五); it
    takes along its title and category printed since the last table text (notes
    and footers after a 小計 stay with the form they close).  A single form comes
    back whole.
    """
    cuts: list[int] = [0]
    title: str | None = None
    last_dim: int | None = None
    closed = False  # a 小計 ended the current dimension and no table text followed
    head: int | None = None  # first title or category since the last table text
    for i, tok in enumerate(stream.tokens):
        if not isinstance(tok, Furniture):
            closed, head = False, None
            continue
        if closed and _starts_new_form(tok, title, last_dim, stream.ocr_pages):
            cuts.append(head if head is not None else i)
            title, last_dim, closed = None, None, False
        if head is None and tok.kind in ("title", "category"):
            head = i
        if tok.kind == "title" and title is None:
            title = tok.text.strip()
        elif tok.kind == "dimension" and (m := DIMENSION.regex.match(tok.text)) is not None:
            last_dim, head = cn_ordinal(m.group("no")), None
        elif tok.kind == "subtotal":
            closed, head = True, None
    if len(cuts) == 1:
        return (stream,)
    parts: list[PageStream] = []
    for a, b in zip(cuts, [*cuts[1:], len(stream.tokens)], strict=True):
        tokens = stream.tokens[a:b]
        pages = [t.page for t in tokens]
        # The source's character count is the whole bundle's: no part can be accounted by it.
        parts.append(
            replace(
                stream,
                tokens=tokens,
                page_count=max(pages) - min(pages) + 1,
                source_chars=None,
            )
        )
    return tuple(parts)


def tokens_to_documents(stream: PageStream) -> tuple[Document, ...]:
    """Given a layout's token stream, return one Document per form it holds (see `split_parts`)."""
    return tuple(
        replace(tokens_to_document(part), part_no=n)
        for n, part in enumerate(split_parts(stream), start=1)
    )


def mend_cut_units(rows: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Given every row's units, return them with a name a wrap cut after a unit-like head
    ("地政服務所" / "第二課") joined where the document tells: the joined name stands whole in
    another row, and neither part stands anywhere but right before (after) the other."""
    count = Counter(u for units in rows for u in units)
    pairs = Counter(p for units in rows for p in itertools.pairwise(units))
    out: list[tuple[str, ...]] = []
    for units in rows:
        mended: list[str] = []
        for u in units:
            prev = mended[-1] if mended else None
            if (
                prev is not None
                and count[prev + u] > 0
                and count[prev] == pairs[(prev, u)] == count[u]
            ):
                mended[-1] = prev + u
            else:
                mended.append(u)
        out.append(tuple(mended))
    return out


def join_unit_wraps(lines: Sequence[str], wrap: int) -> list[str]:
    """Given a units cell's printed lines and the units column's widest line, return them
    with names a wrap cut in two joined ("兒童及少年福利與" / "權益保障科").

    A line is the head of a wrapped name when it filled the column and does not end
    like a unit name (課, 室, 處, 中心 …); a short line is a whole name (1999市民熱線).
    """
    out: list[str] = []
    carry = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if carry and out:
            out[-1] = join_wrapped([out[-1], line])
        else:
            out.append(line)
        name = UNIT_NOTE.regex.sub(r"\g<name>", out[-1])
        carry = (
            wrap > 0
            and display_width(line) >= wrap - WRAP_SLACK_COLUMNS
            and UNIT_SUFFIX.regex.search(name) is None
        )
    return out


def tokens_to_document(stream: PageStream) -> Document:
    """Given a layout's token stream, return the Document; StructureError when no row is found."""
    b = _walk(stream)
    rows = _rows(b, stream)
    items = _items(b, rows)
    dims = tuple(
        Dimension(
            dimension_no=d.dimension_no,
            name=d.name,
            max_points=d.max_points,
            subtotal=d.subtotal,
            page_start=d.page_start,
            page_end=d.page_end,
            heading=d.heading,
        )
        for d in b.dims
    )
    logger.debug("structure: %d dimensions, %d items, %d rows", len(dims), len(items), len(rows))
    return Document(
        agency=b.agency,
        roc_year=b.roc_year,
        title=b.title,
        category=b.category,
        page_count=stream.page_count,
        dimensions=dims,
        items=tuple(items),
        rows=tuple(rows),
        header_variant=stream.header_variant,
        notes="\n".join(b.notes) or None,
    )


def _walk(stream: PageStream) -> _Builder:
    """Given the token stream, return the builder after every token: dimensions, items and
    rows as lines still; StructureError when no row is found."""
    b = _Builder()
    b.unit_wrap = max(
        (
            display_width(line)
            for t in stream.tokens
            if isinstance(t, Fragment) and t.column == Column.UNITS and t.names is None
            for line in t.lines
        ),
        default=0,
    )
    for tok in stream.tokens:
        if isinstance(tok, Furniture):
            _on_furniture(b, tok)
        elif isinstance(tok, ExtraCell):
            _on_extra(b, tok)
        else:
            _on_fragment(b, tok)
        b.last_page = max(b.last_page, tok.page)
        if b.dims and (not isinstance(tok, Furniture) or tok.kind == "subtotal"):
            b.dims[-1].page_end = max(b.dims[-1].page_end, tok.page)
    if not b.rows:
        raise StructureError("evaluation table header found, but no rows could be read from it")
    return b


def _rows(b: _Builder, stream: PageStream) -> list[Row]:
    """Given the walked builder, return its rows with their cells' lines joined."""
    words = latin_vocabulary(t.lines for t in stream.tokens if isinstance(t, Fragment))

    def joined(lines: Sequence[str]) -> str:
        return join_wrapped(mend_broken_words(lines, words))

    row_units = mend_cut_units([lines_to_units(r.units) for r in b.rows])
    rows: list[Row] = []
    for n, r in enumerate(b.rows, start=1):
        ind_no, ind = _split_indicator(joined(r.indicator.lines) if r.indicator else None)
        sub_no, sub = _split_sub(joined(r.sub) or None)
        pages = r.pages or [b.last_page]
        rows.append(
            Row(
                row_no=n,
                dimension_no=r.dimension_no,
                item_no=r.item_no,
                indicator_no=ind_no,
                indicator=ind,
                sub_no=sub_no,
                sub_indicator=sub,
                units=row_units[n - 1],
                result=join_paragraphs(joined(p) for p in r.result),
                page_start=min(pages),
                page_end=max(pages),
                cells=tuple(r.cells),
                extra=tuple((k, join_wrapped(v)) for k, v in r.extra.items()),
            )
        )
    return rows


def _items(b: _Builder, rows: Sequence[Row]) -> list[Item]:
    """Given the walked builder and its rows, return the items with their pages."""
    items: list[Item] = []
    for it in b.items:
        name, max_points, score = _parse_item(it)
        own = [r for r in rows if (r.dimension_no, r.item_no) == (it.dimension_no, it.item_no)]
        pages = it.pages + [p for r in own for p in (r.page_start, r.page_end)]
        items.append(
            Item(
                dimension_no=it.dimension_no,
                item_no=it.item_no,
                name=name,
                max_points=max_points,
                score=score,
                page_start=min(pages) if pages else b.last_page,
                page_end=max(pages) if pages else b.last_page,
            )
        )
    return items
