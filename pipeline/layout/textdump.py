"""Text-dump layout: pdftotext-style text → the token stream, columns assigned per block.

A dump in reading order prints each table cell as paragraphs of hard-wrapped
lines.  What survives of the grid is:

* a paragraph's last line ends in whitespace; a line without it continues, even
  across a blank line or a page header ("每 2" / "" / "個月…");
* the wrap width of a paragraph tells its column: the item, indicator and units
  columns are narrow, the sub-indicator and results columns wide;
* two cells on one baseline share a printed line ("各單位 服務櫃檯…");
* list numbering: sub-indicators count (1), (2)…; indicators 1., 2.….

`text_to_stream` turns those clues into `Fragment`s and `Furniture` with a small
state machine (`blocks_to_tokens`) that knows which column may follow which.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from pipeline.errors import InputError, LimitError, NotAFormError
from pipeline.models import Column, Fragment, Furniture, PageStream, Token
from pipeline.normalise.patterns import (
    DIMENSION,
    HEADER_ROW,
    INDICATOR_NO,
    ITEM_POINTS,
    ITEM_SCORE,
    SENTENCE_END,
    SUB_NO,
    SUBTOTAL,
    TITLE,
)
from pipeline.normalise.text import display_width, match_key

# A block whose lines are all at most this share of the document's wide wrap width
# sits in a narrow column (item, indicator, units).
NARROW_SHARE = 0.62
# Fallback wide width (display columns) when a dump has too few lines to measure.
DEFAULT_WIDE_WIDTH = 24
# Longest unit name we accept on one line, in characters.
MAX_UNIT_CHARS = 12

_UNIT_LINE = regex.compile(rf"^[\p{{Han}}A-Za-z()（）\s]{{1,{MAX_UNIT_CHARS}}}$")
_UNIT_NAME = regex.compile(r"^[\p{Han}()（）]{2,10}$")
_UNIT_SUFFIX = regex.compile(
    r"(?:課|室|處|組|單位|科|局|所|隊|站|中心|部|院|署|會|股|辦公室|小組)$"
)
_CJK_PUNCT = regex.compile(r"[，。、；：！？「」『』]")
_LATIN_END = regex.compile(r"[A-Za-z]\s+$")
_LATIN_START = regex.compile(r"^[a-z]")


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of the dump with its page and whether it closes a paragraph."""

    text: str
    page: int
    closes: bool


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph: printed lines up to the line that closes it, possibly across pages."""

    lines: tuple[Line, ...]

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(ln.text.strip() for ln in self.lines)

    @property
    def first(self) -> str:
        return self.lines[0].text.strip()

    @property
    def width(self) -> int:
        return max(display_width(ln.text.strip()) for ln in self.lines)

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass(frozen=True, slots=True)
class FurnitureLine:
    """Furniture found while reading lines: kind, text, page."""

    kind: str
    text: str
    page: int


def classify_furniture(line: str) -> str | None:
    """Given one line, return its furniture kind (header/title/dimension/subtotal) or None."""
    key = match_key(line)
    if HEADER_ROW.regex.search(key):
        return "header"
    if DIMENSION.regex.match(key):
        return "dimension"
    if SUBTOTAL.regex.match(key) and "小" in key:
        return "subtotal"
    if TITLE.regex.match(key):
        return "title"
    return None


def text_to_lines(text: str) -> tuple[list[Line | FurnitureLine], int]:
    """Given a dump, return its lines and furniture in order, paged, and the page count.

    Pages come from form feeds when the dump has them, else from the repeated
    header row: each header opens a page, except the first after a title line
    (the title, category and dimension heading sit on the same page above it).
    """
    use_ff = "\f" in text
    page = 1
    out: list[Line | FurnitureLine] = []
    seen_content_on_page = False
    title_pending = False
    raw_lines = text.split("\n")
    for raw in raw_lines:
        if use_ff and "\f" in raw:
            parts = raw.split("\f")
            for i, part in enumerate(parts):
                if i > 0:
                    page += 1
                    seen_content_on_page = False
                if part.strip():
                    out.extend(_line_items(part, page))
                    seen_content_on_page = True
            continue
        kind = classify_furniture(raw) if raw.strip() else None
        if not use_ff:
            if kind == "title":
                if seen_content_on_page:
                    page += 1
                title_pending = True
                seen_content_on_page = True
            elif kind == "header":
                if seen_content_on_page and not title_pending:
                    page += 1
                title_pending = False
                seen_content_on_page = True
            elif raw.strip():
                seen_content_on_page = True
        out.extend(_line_items(raw, page, kind))
    while out and isinstance(out[-1], Line) and not out[-1].text.strip():
        out.pop()
    # pdftotext ends every page with a form feed, the last one too: count pages with content.
    last = max((x.page for x in out if not isinstance(x, Line) or x.text.strip()), default=1)
    return out, last


def _line_items(raw: str, page: int, kind: str | None = None) -> list[Line | FurnitureLine]:
    if not raw.strip():
        return [Line(text="", page=page, closes=True)]
    kind = kind if kind is not None else classify_furniture(raw)
    if kind is not None:
        return [FurnitureLine(kind=kind, text=raw.strip(), page=page)]
    closes = raw != raw.rstrip()
    return [Line(text=raw.rstrip(), page=page, closes=closes)]


def lines_to_blocks(items: Sequence[Line | FurnitureLine]) -> list[Block | FurnitureLine]:
    """Given paged lines, return paragraphs (blocks) and furniture in reading order.

    A paragraph ends at a line with trailing whitespace, except when that line
    ends in a Latin word and the next printed line starts with a lowercase Latin
    word (the wrap fell inside "QR code").  Whitespace-only lines are empty cells
    and vanish.  A paragraph still open at a page's header row continues on the
    next page (its lines keep their pages; the header is emitted after it); any
    other furniture (title, heading, 小計) closes it.
    """
    out: list[Block | FurnitureLine] = []
    pending: list[FurnitureLine] = []
    current: list[Line] = []

    def flush() -> None:
        nonlocal current
        if current:
            out.append(Block(lines=tuple(current)))
            current = []
        out.extend(pending)
        pending.clear()

    for idx, item in enumerate(items):
        if isinstance(item, FurnitureLine):
            if current and item.kind == "header":
                pending.append(item)
            else:
                flush()
                out.append(item)
            continue
        if not item.text.strip():
            continue  # blank line or empty cell
        current.append(item)
        if item.closes and not _continues_latin(item, items, idx):
            flush()
    flush()
    return out


def _continues_latin(line: Line, items: Sequence[Line | FurnitureLine], idx: int) -> bool:
    if not _LATIN_END.search(line.text + " "):
        return False
    for nxt in items[idx + 1 :]:
        if isinstance(nxt, FurnitureLine):
            return False
        if nxt.text.strip():
            return bool(_LATIN_START.match(nxt.text.strip()))
    return False


# --- column assignment ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Widths:
    """Per-document wrap widths, in display columns."""

    wide: int

    @property
    def narrow_limit(self) -> float:
        return self.wide * NARROW_SHARE


def measure_widths(blocks: Iterable[Block | FurnitureLine]) -> Widths:
    """Given a document's blocks, return its typical wide-column wrap width.

    Taken as the upper quartile of the widths of lines that wrapped (not a
    paragraph's last line), which the wide sub-indicator and result columns dominate.
    """
    widths: list[int] = []
    for b in blocks:
        if isinstance(b, Block) and len(b.lines) > 1:
            widths.extend(display_width(ln.text.strip()) for ln in b.lines[:-1])
    if len(widths) < 8:
        return Widths(wide=DEFAULT_WIDE_WIDTH)
    q = statistics.quantiles(widths, n=4)[2]
    return Widths(wide=max(int(q), 12))


def is_unit_line(text: str) -> bool:
    """Given one printed line, return whether it can be (part of) a unit name."""
    t = text.strip()
    if not t or t[0].isdigit() or _CJK_PUNCT.search(t):
        return False
    return bool(_UNIT_LINE.match(t))


def is_unit_name(text: str) -> bool:
    """Given a string, return whether it reads as one whole unit name (各單位, 報驗發證課)."""
    t = text.strip()
    if not _UNIT_NAME.match(t):
        return False
    core = t.strip("()（）")
    return bool(_UNIT_SUFFIX.search(core)) or (
        t.startswith(("(", "（")) and t.endswith((")", "）"))
    )


def is_unit_block(block: Block, widths: Widths) -> bool:
    return block.width <= widths.narrow_limit + 2 and all(is_unit_line(t) for t in block.texts)


def _split_first_line(block: Block, at: int) -> tuple[Block, Block]:
    """Given a block and a character offset in its first line, return the two blocks."""
    head = block.lines[0]
    text = head.text
    left = Line(text=text[:at].rstrip(), page=head.page, closes=True)
    right = Line(text=text[at:].lstrip(), page=head.page, closes=head.closes)
    rest = (right, *block.lines[1:])
    return Block(lines=(left,)), Block(lines=rest)


def _split_last_line(block: Block, at: int) -> tuple[Block, Block]:
    tail = block.lines[-1]
    text = tail.text
    left = Line(text=text[:at].rstrip(), page=tail.page, closes=True)
    right = Line(text=text[at:].lstrip(), page=tail.page, closes=tail.closes)
    return Block(lines=(*block.lines[:-1], left)), Block(lines=(right,))


def _first_space_split(text: str) -> int | None:
    """Given a line, return the offset of its first interior space run, or None."""
    s = text.strip()
    lead = len(text) - len(text.lstrip())
    m = regex.search(r"\s+", s)
    if not m:
        return None
    return lead + int(m.start())


def split_leading_unit(block: Block) -> tuple[Block, Block] | None:
    """Given a block whose first line may start with a unit name, return (units, rest)."""
    at = _first_space_split(block.lines[0].text)
    if at is None:
        return None
    head = block.lines[0].text[:at].strip()
    tail = block.lines[0].text[at:].strip()
    if not tail or not is_unit_name(head):
        return None
    return _split_first_line(block, at)


def split_leading_indicator(block: Block, widths: Widths) -> tuple[Block, Block] | None:
    """Given a block whose first line may start with a short numbered indicator, split it."""
    at = _first_space_split(block.lines[0].text)
    if at is None:
        return None
    head = block.lines[0].text[:at].strip()
    tail = block.lines[0].text[at:].strip()
    m = INDICATOR_NO.regex.match(match_key(head))
    if not m or not tail or display_width(head) > widths.narrow_limit:
        return None
    if _CJK_PUNCT.search(head):
        return None
    # The remainder must be what made the line overfull: the start of a wide cell.
    if display_width(block.lines[0].text.strip()) <= widths.wide + 2:
        return None
    return _split_first_line(block, at)


def split_trailing_unit(block: Block) -> tuple[Block, Block] | None:
    """Given a sub-indicator block whose last line ends "…。 人事室", split off the unit."""
    text = block.lines[-1].text.rstrip()
    m = regex.search(r"^(?P<body>.*[。；.])\s+(?P<unit>\S+)$", text)
    if not m or not is_unit_name(m.group("unit")):
        return None
    return _split_last_line(block, m.start("unit"))


@dataclass(slots=True)
class _State:
    """Where the reader stands: the last column filled and the open numbering."""

    last: Column | None = None
    indicator_no: int | None = None
    sub_no: int | None = None
    sub_numbered: bool = False


def _fragment(
    block: Block, column: Column, *, cont: bool = False, para_break: bool = True
) -> list[Fragment]:
    """Given a block, return one fragment per page it spans (page breaks inside paragraphs)."""
    out: list[Fragment] = []
    page_lines: list[str] = []
    page = block.lines[0].page
    first = True
    for ln in block.lines:
        if ln.page != page and page_lines:
            out.append(
                Fragment(
                    column=column,
                    lines=tuple(page_lines),
                    page=page,
                    cont=cont if first else True,
                    para_break=para_break if first else False,
                )
            )
            first = False
            page_lines = []
            page = ln.page
        page_lines.append(ln.text.strip())
    out.append(
        Fragment(
            column=column,
            lines=tuple(page_lines),
            page=page,
            cont=cont if first else True,
            para_break=para_break if first else False,
        )
    )
    return out


def blocks_to_tokens(items: Sequence[Block | FurnitureLine], widths: Widths) -> list[Token]:
    """Given paragraphs and furniture, return tokens with every paragraph assigned a column."""
    tokens: list[Token] = []
    col_widths = _ColumnWidths(tokens)
    st = _State()
    # What is left to read, reversed: the next item is rest[-1].  Splitting the current
    # paragraph pushes its parts back on top in O(1); splicing a list at the front
    # was O(n) per split and made long dumps quadratic.
    rest: list[Block | FurnitureLine] = list(reversed(items))

    def next_block() -> Block | None:
        for q in reversed(rest):
            if isinstance(q, Block):
                return q
            if q.kind in ("dimension", "subtotal", "title"):
                return None
        return None

    def emit(block: Block, column: Column) -> None:
        cont = column in (Column.UNITS, Column.RESULT) and st.last == column
        if column == Column.ITEM and st.last == Column.ITEM:
            cont = True
        tokens.extend(_fragment(block, column, cont=cont, para_break=True))
        st.last = column

    while rest:
        it = rest.pop()
        if isinstance(it, FurnitureLine):
            tokens.append(Furniture(kind=it.kind, text=it.text, page=it.page))
            if it.kind in ("dimension", "title"):
                st = _State()
            continue
        block = it
        key = match_key(block.first)
        nxt = next_block()

        # Item cell: name, "(N分)", "得分：N" (any of them may share the name's block).
        if ITEM_POINTS.regex.match(key) or ITEM_SCORE.regex.match(key):
            if st.last == Column.ITEM:
                emit(block, Column.ITEM)
                continue
        if (
            nxt is not None
            and ITEM_POINTS.regex.match(match_key(nxt.first))
            and block.width <= widths.narrow_limit + 2
        ):
            st = _State()
            st.last = None
            tokens.extend(_fragment(block, Column.ITEM))
            st.last = Column.ITEM
            continue

        if st.last in (Column.SUB, Column.UNITS):
            if is_unit_block(block, widths) and not INDICATOR_NO.regex.match(key):
                emit(block, Column.UNITS)
                continue
            split = split_leading_unit(block)
            if split is not None:
                rest.extend(reversed(split))
                continue

        sub_m = SUB_NO.regex.match(key)
        ind_m = INDICATOR_NO.regex.match(key)
        narrow = block.width <= widths.narrow_limit

        if st.last in (Column.ITEM, Column.RESULT, Column.SUB, Column.UNITS, None):
            split = split_leading_indicator(block, widths)
            if split is not None and (st.last != Column.RESULT or _is_next_indicator(ind_m, st)):
                rest.extend(reversed(split))
                # The head is a narrow numbered block: handled as an indicator below.
                continue
            if narrow and (
                st.last in (Column.ITEM, None)
                or (ind_m and _is_next_indicator(ind_m, st) and _opens_indicator(block, nxt))
            ):
                _open_indicator(tokens, block, ind_m, st)
                continue
            if (
                narrow
                and st.last == Column.RESULT
                and not ind_m
                and not sub_m
                and len(block.lines) >= 2
                and nxt is not None
                and nxt.width > widths.narrow_limit
                and _opens_indicator(block, nxt)
                and not is_unit_block(block, widths)
            ):
                _open_indicator(tokens, block, None, st)
                continue

        if st.last in (Column.ITEM, Column.INDICATOR, None):
            _open_sub(tokens, block, sub_m, st, rest)
            continue

        if (
            sub_m
            and st.last in (Column.SUB, Column.UNITS, Column.RESULT)
            and _is_next_sub(sub_m, st)
        ):
            if st.last != Column.RESULT or _reads_as_sub(block, nxt, widths, col_widths):
                _open_sub(tokens, block, sub_m, st, rest)
                continue

        emit(block, Column.RESULT)
    return tokens


def _is_next_indicator(m: regex.Match[str] | None, st: _State) -> bool:
    if m is None:
        return False
    n = int(m.group("no"))
    return st.indicator_no is None or n == st.indicator_no + 1


def _opens_indicator(block: Block, nxt: Block | None) -> bool:
    """Given a narrow paragraph after results and the next one, tell whether it is an indicator.

    An indicator is a heading, not a sentence, and its first sub-indicator follows:
    "(1) …" or unnumbered text, never a list entry such as "(2)" or "3.".
    """
    if SENTENCE_END.regex.search(block.texts[-1]) or nxt is None:
        return False
    key = match_key(nxt.first)
    sub = SUB_NO.regex.match(key)
    if sub is not None:
        return int(sub.group("no")) == 1
    return INDICATOR_NO.regex.match(key) is None


def _is_next_sub(m: regex.Match[str], st: _State) -> bool:
    n = int(m.group("no"))
    if st.sub_no is None:
        return n == 1 and not st.sub_numbered and st.last in (Column.ITEM, Column.INDICATOR)
    return st.sub_numbered and n == st.sub_no + 1


def _reads_as_sub(
    block: Block, nxt: Block | None, widths: Widths, col_widths: _ColumnWidths
) -> bool:
    """Given a "(N)" paragraph after results, decide sub-indicator (True) or result list entry.

    A sub-indicator is followed by its units, or wraps at the sub-indicator
    column's width rather than the results column's.
    """
    if (
        nxt is not None
        and all(is_unit_line(t) for t in nxt.texts)
        and nxt.width <= widths.narrow_limit + 2
    ):
        return True
    sub_w = col_widths.median(Column.SUB)
    res_w = col_widths.median(Column.RESULT)
    if sub_w is None or res_w is None or sub_w == res_w:
        return True
    w = block.width if len(block.lines) > 1 else display_width(block.first)
    return abs(w - sub_w) < abs(w - res_w)


class _ColumnWidths:
    """The median first-line width of the multi-line fragments of a column, over the tokens so far.

    `tokens` only grows; each call reads just the tokens added since the last one
    and keeps each column's widths sorted, so a median costs O(log n), not a rescan.
    """

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.seen = 0
        self.widths: dict[Column, list[float]] = {}

    def median(self, column: Column) -> float | None:
        for t in self.tokens[self.seen :]:
            if isinstance(t, Fragment) and len(t.lines) > 1:
                bisect.insort(self.widths.setdefault(t.column, []), display_width(t.lines[0]))
        self.seen = len(self.tokens)
        ws = self.widths.get(column)
        if not ws:
            return None
        n = len(ws)
        return ws[n // 2] if n % 2 else (ws[n // 2 - 1] + ws[n // 2]) / 2


def _open_indicator(
    tokens: list[Token], block: Block, m: regex.Match[str] | None, st: _State
) -> None:
    tokens.extend(_fragment(block, Column.INDICATOR))
    st.last = Column.INDICATOR
    st.indicator_no = int(m.group("no")) if m else None
    st.sub_no = None
    st.sub_numbered = False


def _open_sub(
    tokens: list[Token],
    block: Block,
    m: regex.Match[str] | None,
    st: _State,
    rest: list[Block | FurnitureLine],
) -> None:
    split = split_trailing_unit(block)
    if split is not None:
        block, unit = split
        rest.append(unit)
    tokens.extend(_fragment(block, Column.SUB))
    st.last = Column.SUB
    st.sub_no = int(m.group("no")) if m else None
    st.sub_numbered = m is not None


# A dump whose content lines are often deeply indented or hold a run of 3+ spaces between
# words prints the columns side by side (pdftotext -layout): cells are not paragraphs there.
LAYOUT_GAP = regex.compile(r"^ {10,}\S|\S {3,}\S")
LAYOUT_SHARE = 0.2


def check_dump_kind(text: str) -> None:
    """Given a dump, raise a specific error when it is a kind of dump this reader cannot parse."""
    lines = [ln for ln in text.split("\n") if ln.strip() and classify_furniture(ln) is None]
    if lines and sum(1 for ln in lines if LAYOUT_GAP.search(ln)) / len(lines) > LAYOUT_SHARE:
        raise InputError(
            "this text dump prints the table's columns side by side (pdftotext -layout); "
            "export it without -layout, or process the PDF itself"
        )
    stripped = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for i, ln in enumerate(stripped[:-1]):
        if ln == "評核項目" and "評核指標" in stripped[i + 1 : i + 4]:
            raise NotAFormError(
                "no evaluation table found in the supported dump style: the column headers "
                "評核項目, 評核指標 … stand on separate lines (a dump tool that orders text by "
                "blocks, not cells); process the PDF itself"
            )


def text_to_stream(text: str, *, max_pages: int | None = None) -> PageStream:
    """Given a whole pdftotext-style dump, return its token stream; NotAFormError if no table.

    LimitError as soon as the lines are read when they hold more than `max_pages` pages.
    """
    check_dump_kind(text)
    items, page_count = text_to_lines(text)
    if max_pages is not None and page_count > max_pages:
        raise LimitError.pages(page_count, max_pages)
    if not any(isinstance(x, FurnitureLine) and x.kind == "header" for x in items):
        raise NotAFormError(
            "no evaluation table found: no line reads "
            "「評核項目 評核指標 次評核指標 主辦單位 執行績效與成果/具體作法與成果」"
        )
    blocks = lines_to_blocks(items)
    blocks = _mark_category(blocks)
    widths = measure_widths(blocks)
    tokens = blocks_to_tokens(blocks, widths)
    variant = None
    for t in tokens:
        if isinstance(t, Furniture) and t.kind == "header":
            m = HEADER_ROW.regex.search(match_key(t.text))
            variant = m.group("fifth") if m else None
            break
    return PageStream(tokens=tuple(tokens), page_count=page_count, header_variant=variant)


def _mark_category(items: list[Block | FurnitureLine]) -> list[Block | FurnitureLine]:
    """Given blocks, return them with the one-line block between a title and a dimension
    heading (整體服務類機關) turned into category furniture."""
    out: list[Block | FurnitureLine] = []
    after_title = False
    for it in items:
        if isinstance(it, FurnitureLine):
            after_title = it.kind == "title"
            out.append(it)
            continue
        if after_title and len(it.lines) == 1:
            out.append(FurnitureLine(kind="category", text=it.first, page=it.page))
            continue
        after_title = False
        out.append(it)
    return out
