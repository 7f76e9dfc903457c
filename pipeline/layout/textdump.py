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
import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import regex

from pipeline.errors import InputError, LimitError, NotAFormError
from pipeline.models import Check, Column, Fragment, Furniture, PageStream, Token
from pipeline.normalise.patterns import (
    DIMENSION,
    HEADER_ROW,
    INDICATOR_NO,
    ITEM_POINTS,
    ITEM_POINTS_IN,
    ITEM_SCORE,
    NOT_APPLICABLE,
    PAGE_NUMBER,
    SENTENCE_END,
    SUB_NO,
    SUBTOTAL,
    TITLE,
    TWO_CELLS,
    UNIT_NOTE,
    marker_number,
    marker_style,
    opens_entry,
)
from pipeline.normalise.text import WRAP_SLACK_COLUMNS, display_width, join_wrapped, match_key

# A block whose lines are all at most this share of the document's wide wrap width
# sits in a narrow column (item, indicator, units).
NARROW_SHARE = 0.62
# Narrow columns hold at least this many columns (two characters) …
MIN_NARROW_COLUMNS = 4
# … and the gap between narrow and wide columns' wraps is at least two wide characters.
MIN_GAP_COLUMNS = 4
# A width that a column wraps at holds at least this share of the wrapped lines.
MIN_COLUMN_SHARE = 0.02
# Fallback wide width (display columns) when a dump has too few lines to measure.
DEFAULT_WIDE_WIDTH = 24
# Longest unit name we accept on one line, in characters.
MAX_UNIT_CHARS = 12

_UNIT_LINE = regex.compile(rf"^[\p{{Han}}A-Za-z0-9()（）、\s]{{1,{MAX_UNIT_CHARS}}}$")
_UNIT_NAME = regex.compile(r"^(?=.*\p{Han})[\p{Han}A-Za-z0-9()（）]{2,15}$")
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
    # True when this paragraph was cut from the one before on a guess (a list marker
    # opening a line), not on width or vocabulary evidence.
    seam: bool = False
    # True when a line of spaces (an empty cell printed) follows the paragraph.
    empty_after: bool = False

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
    out = _mark_footers(out)
    out = _mark_notes(out)
    # pdftotext ends every page with a form feed, the last one too: count pages with content.
    last = max((x.page for x in out if not isinstance(x, Line) or x.text.strip()), default=1)
    return out, last


def _mark_footers(items: list[Line | FurnitureLine]) -> list[Line | FurnitureLine]:
    """Given paged lines, return them with page-number footers turned into furniture.

    A footer is a line that reads as a page number (第 3 頁，共 23 頁, - 3 -, 3), whose
    number is the page it stands on, and that is the page's last printed line (what
    follows is the next page's title or header, a form feed, or the end).
    """
    out = list(items)
    for i, it in enumerate(out):
        if not isinstance(it, Line) or not it.text.strip():
            continue
        key = match_key(it.text.strip())
        if not PAGE_NUMBER.regex.match(key):
            continue
        digits = regex.search(r"\d+", key)
        if digits is None or int(digits.group()) != it.page:
            continue
        nxt = next((x for x in out[i + 1 :] if not isinstance(x, Line) or x.text.strip()), None)
        ends_page = (
            nxt is None
            or nxt.page != it.page
            or (isinstance(nxt, FurnitureLine) and nxt.kind in ("header", "title"))
        )
        if ends_page:
            out[i] = FurnitureLine(kind="footer", text=it.text.strip(), page=it.page)
    return out


def _mark_notes(items: list[Line | FurnitureLine]) -> list[Line | FurnitureLine]:
    """Given paged lines, return them with the text after the last 小計 turned into notes.

    What follows the table's last subtotal (總分, 備註, a signature line) belongs to the
    document, not to the last row.
    """
    last = max(
        (i for i, x in enumerate(items) if isinstance(x, FurnitureLine) and x.kind == "subtotal"),
        default=None,
    )
    if last is None:
        return items
    tail = [
        FurnitureLine(kind="notes", text=x.text.strip(), page=x.page)
        if isinstance(x, Line) and x.text.strip()
        else x
        for x in items[last + 1 :]
    ]
    return [*items[: last + 1], *tail]


def _line_items(raw: str, page: int, kind: str | None = None) -> list[Line | FurnitureLine]:
    if not raw.strip():
        # closes marks a line of spaces (an empty cell printed) apart from a blank line.
        return [Line(text="", page=page, closes=raw != "")]
    kind = kind if kind is not None else classify_furniture(raw)
    if kind is not None:
        return [FurnitureLine(kind=kind, text=raw.strip(), page=page)]
    closes = raw != raw.rstrip()
    return [Line(text=raw.rstrip(), page=page, closes=closes)]


# Furniture printed at every page break: a paragraph open before it goes on after it.
PAGE_FURNITURE = frozenset({"header", "footer", "title"})


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
            if (
                current
                and item.kind in PAGE_FURNITURE
                and _continues_latin(current[-1], items, idx)
            ):
                last = current[-1]
                current[-1] = Line(text=last.text, page=last.page, closes=False)
            flush()  # an open paragraph's tail after a page break is the reader's to place
            out.append(item)
            continue
        if not item.text.strip():
            # A blank line is nothing; a line of spaces is an empty cell printed, which no
            # paragraph runs through: what was open before it ended at that cell.
            if current and item.closes:
                flush()
            if item.closes and out and isinstance(out[-1], Block):
                out[-1] = replace(out[-1], empty_after=True)
            continue
        current.append(item)
        if item.closes and not _continues_latin(item, items, idx):
            flush()
    flush()
    return out


def split_column_changes(
    blocks: Sequence[Block | FurnitureLine], widths: Widths
) -> list[Block | FurnitureLine]:
    """Given paragraphs and the document's widths, return them with every paragraph that
    runs a narrow cell into a wide one split in two.

    When a narrow cell's paragraph (a unit wrapped at a page's foot) is still open, the
    dump runs the next cell's text on; the seam shows as a line too wide for the narrow
    column, which the lines before it could have taken the first piece of.
    """
    vocab = unit_vocabulary(blocks)
    out: list[Block | FurnitureLine] = []
    for b in blocks:
        at = _column_change(b, widths, vocab) if isinstance(b, Block) else None
        if at is None:
            out.append(b)
            continue
        assert isinstance(b, Block)
        out.append(Block(lines=b.lines[:at]))
        out.append(
            Block(lines=b.lines[at:], seam=opens_entry(b.lines[at].text), empty_after=b.empty_after)
        )
    return out


def _column_change(block: Block, widths: Widths, vocab: frozenset[str]) -> int | None:
    limit = widths.narrow_limit + WRAP_SLACK_COLUMNS
    for j in range(1, len(block.lines)):
        if block.lines[j - 1].closes:
            continue  # a wrap at a space between Latin words ("call " / "center")
        # A list marker opening a line inside a paragraph starts another paragraph: the
        # one before was a cell left open at a page's foot ("…合宜" / "• 100 年度…").
        same_page = block.lines[j].page == block.lines[j - 1].page
        if same_page and opens_entry(block.lines[j].text):
            return j
        # "不適用" or "無" is a whole result, never the rest of a wrapped line.
        if same_page and NOT_APPLICABLE.regex.match(block.lines[j].text):
            return j
        # A wide paragraph left open at a page's foot, then the row's units: a line that is
        # a whole unit name cannot continue a sub-indicator or result mid-sentence.
        prev = block.lines[j - 1].text.strip()
        here = block.lines[j].text.strip()
        if (
            display_width(prev) > limit
            and block.lines[j].page == block.lines[j - 1].page
            and (here in vocab or here.split(" ", 1)[0] in vocab)
            and not SENTENCE_END.regex.search(prev)
        ):
            return j
        head = block.lines[:j]
        if any(ln.page != block.lines[j].page for ln in head):
            continue
        if max(display_width(ln.text.strip()) for ln in head) > limit:
            continue
        line = block.lines[j].text
        width = display_width(line.strip())
        last = display_width(head[-1].text.strip())
        if width > limit and last + display_width(_leading_chunk(line)) <= width:
            return j
    return None


OPENING_MARKS = "（(「『[〔【"


_TOKEN = regex.compile(r"[A-Za-z0-9]+|\p{Han}|\S")
_TRAILING_MARKS = regex.compile(r"[^\p{Han}\sA-Za-z0-9]*")


def _leading_chunk(text: str) -> str:
    """Given a printed line, return its first piece a line break could not split.

    A space next to a CJK character or a digit holds its neighbours together ("104 年
    12 月"); only a space between two Latin words is a place to break.
    """
    t = text.lstrip()
    m = _TOKEN.match(t)
    if m is None:
        return ""
    end = m.end()
    while t[end - 1] in OPENING_MARKS and (m := _TOKEN.match(t, end)) is not None:
        end = m.end()  # an opening bracket never ends a line: it goes with what follows
    while True:
        gap = regex.match(r"\s+", t[end:])
        if gap is None:
            break
        nxt = _TOKEN.match(t, end + gap.end())
        if nxt is None:
            break
        left, right = t[end - 1], nxt.group()[0]
        if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            break
        end = nxt.end()
    marks = _TRAILING_MARKS.match(t, end)
    return t[: marks.end() if marks else end]


def _ends_with_points(text: str) -> bool:
    """Given a paragraph, tell whether it is an item's name with its points: 名稱(100分)."""
    t = match_key(text).rstrip()
    m = ITEM_POINTS_IN.regex.search(t)
    return m is not None and m.start() > 0 and m.end() == len(t)


def _continues_latin(line: Line, items: Sequence[Line | FurnitureLine], idx: int) -> bool:
    if not _LATIN_END.search(line.text + " "):
        return False
    for nxt in items[idx + 1 :]:
        if isinstance(nxt, FurnitureLine):
            if nxt.kind in PAGE_FURNITURE:
                continue
            return False
        if nxt.text.strip():
            return bool(_LATIN_START.match(nxt.text.strip()))
    return False


# --- column assignment ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Widths:
    """Per-document wrap widths, in display columns: the wide columns' width and the
    largest width a narrow column's line takes."""

    wide: int
    narrow: float | None = None  # learned from the document; None: too little evidence

    @property
    def narrow_limit(self) -> float:
        return self.narrow if self.narrow is not None else self.wide * NARROW_SHARE


def measure_widths(blocks: Iterable[Block | FurnitureLine]) -> Widths:
    """Given a document's blocks, return its wrap widths.

    The wide width is the upper quartile of the widths of lines that wrapped (not a
    paragraph's last line), which the wide sub-indicator and result columns dominate.
    The narrow limit is where the wrapped widths split in two: the item, indicator and
    units columns wrap far narrower than the other two, so the sorted widths show one
    wide gap between the clusters; its middle is the limit.
    """
    widths: list[int] = []
    for b in blocks:
        if isinstance(b, Block) and len(b.lines) > 1:
            widths.extend(display_width(ln.text.strip()) for ln in b.lines[:-1])
    if len(widths) < 8:
        return Widths(wide=DEFAULT_WIDE_WIDTH)
    q = statistics.quantiles(widths, n=4)[2]
    wide = max(int(q), 12)
    return Widths(wide=wide, narrow=_natural_break(widths, wide))


def _natural_break(widths: Sequence[int], wide: int) -> float | None:
    """Given wrapped-line widths, return the middle of the widest gap below the wide
    width between widths that many lines wrap at, or None when no gap stands out."""
    counts = Counter(widths)
    # Widths seen only now and then are short wraps (a long word pushed down), not columns.
    floor = max(2, len(widths) * MIN_COLUMN_SHARE)
    values = sorted(v for v, n in counts.items() if n >= floor and v <= wide)
    gaps = [(b - a, a, b) for a, b in itertools.pairwise(values) if a >= MIN_NARROW_COLUMNS]
    if not gaps:
        return None
    gap, a, b = max(gaps)
    if gap < MIN_GAP_COLUMNS:
        return None
    return (a + b) / 2


def is_unit_line(text: str) -> bool:
    """Given one printed line, return whether it can be (part of) a unit name."""
    t = text.strip()
    if not t or t.isdigit() or NOT_APPLICABLE.regex.match(t):
        return False
    if _CJK_PUNCT.search(t.replace("、", "")):
        return False
    if SUB_NO.regex.match(t) or INDICATOR_NO.regex.match(t):
        return False
    return bool(_UNIT_LINE.match(t))


def is_unit_name(text: str) -> bool:
    """Given a string, return whether it reads as one whole unit name (各單位, 報驗發證課)."""
    t = text.strip()
    if not _UNIT_NAME.match(t):
        return False
    marker = SUB_NO.regex.match(t)
    if marker is not None and not marker.group("text"):
        return False  # (三): a sub-indicator's marker, not a qualifier like (各單位)
    note = UNIT_NOTE.regex.match(t)
    if note is not None and note.group("name"):
        t = note.group("name")  # 衛生所(各區): the name before its qualifier
    core = t.strip("()（）")
    return bool(_UNIT_SUFFIX.search(core)) or (
        t.startswith(("(", "（")) and t.endswith((")", "）"))
    )


def unit_vocabulary(items: Iterable[Block | FurnitureLine]) -> frozenset[str]:
    """Given a document's blocks, return the unit-like names printed as a whole one-line
    paragraph at least twice: the document's own unit vocabulary."""
    counts = Counter(
        b.first
        for b in items
        if isinstance(b, Block)
        and len(b.lines) == 1
        and b.lines[0].closes
        and is_unit_line(b.first)
        and "、" not in b.first
    )
    return frozenset(name for name, n in counts.items() if n >= 2)


def _unit_lines(block: Block, vocab: frozenset[str]) -> list[Line]:
    """Given a units paragraph, return one line per unit.

    A paragraph is one unit whose name wrapped ("地政服務所" / "第二課"), unless the
    document's own vocabulary shows its lines are units of their own: "化工產品課" /
    "計量課" in one paragraph are two units when each stands alone elsewhere.
    Names listed on one line ("秘書室、人事室") are joined and split on 、 later.
    """
    out: list[str] = []
    for text in block.texts:
        prev = out[-1] if out else None
        if prev is not None and not _separate_units(prev, text, vocab):
            out[-1] = join_wrapped([prev, text])
        else:
            out.append(text)
    closes = block.lines[-1].closes  # a name still open at a page's foot stays open
    return [
        Line(text=t, page=block.page, closes=closes or k < len(out) - 1) for k, t in enumerate(out)
    ]


def _separate_units(prev: str, text: str, vocab: frozenset[str]) -> bool:
    """Given two lines of one units paragraph, tell whether they are two units: both are
    names this document prints alone, or both end like a unit name and the second is
    not an ordinal part of the first ("地政服務所" / "第二課")."""
    if prev in vocab and text in vocab:
        return True
    return (
        is_unit_name(prev)
        and is_unit_name(text)
        and not text.startswith("第")
        and not text.startswith(("(", "（"))
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
    return Block(lines=(left,)), Block(lines=rest, empty_after=block.empty_after)


def _split_last_line(block: Block, at: int) -> tuple[Block, Block]:
    tail = block.lines[-1]
    text = tail.text
    left = Line(text=text[:at].rstrip(), page=tail.page, closes=True)
    right = Line(text=text[at:].lstrip(), page=tail.page, closes=tail.closes)
    return Block(lines=(*block.lines[:-1], left)), Block(
        lines=(right,), empty_after=block.empty_after
    )


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
    m = INDICATOR_NO.regex.match(head)
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
    sub_style: str | None = None  # the marker style of this indicator's sub-indicators
    result_list: tuple[str, int] | None = None  # the open result's last (1)-style list entry
    # Columns of the current row whose last paragraph is still open (no closing space),
    # and, right after a page break, the ones whose tails are still to come.
    open_cols: dict[Column, bool] = field(default_factory=dict)
    pending: list[Column] = field(default_factory=list)
    # Columns whose last line ends in a Latin word and a space: closed as printed, but a
    # wrap between two words leaves that space too, so a lowercase tail may still follow.
    latin_cols: set[Column] = field(default_factory=set)
    latin_pending: list[Column] = field(default_factory=list)
    sub_at_foot: int | None = None  # the break a closed sub-indicator with no units ended at
    after_break: bool = False
    item_scored: bool = False  # the open item's cell has shown its 得分 line
    units_in_row: bool = False  # the row's units were read (they part its sub and result)
    seam_guess: bool = False  # the row's result was cut from its sub on a guess


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


def blocks_to_tokens(
    items: Sequence[Block | FurnitureLine], widths: Widths
) -> tuple[list[Token], list[Check]]:
    """Given paragraphs and furniture, return tokens with every paragraph assigned a column,
    and the close decisions the dump could not settle."""
    vocab = unit_vocabulary(items)
    breaks: list[tuple[int, tuple[Column, ...]]] = []
    tokens: list[Token] = []
    col_widths = _ColumnWidths(tokens)
    st = _State()
    # What is left to read, reversed: the next item is rest[-1].  Splitting the current
    # paragraph pushes its parts back on top in O(1); splicing a list at the front
    # was O(n) per split and made long dumps quadratic.
    rest: list[Block | FurnitureLine] = list(reversed(items))

    def next_block(skip: int = 0) -> Block | None:
        for q in reversed(rest):
            if isinstance(q, Block):
                if skip == 0:
                    return q
                skip -= 1
            elif q.kind in ("dimension", "subtotal", "title"):
                return None
        return None

    def emit(block: Block, column: Column, *, cont: bool | None = None, para: bool = True) -> None:
        if cont is None:
            cont = column in (Column.UNITS, Column.RESULT) and st.last == column
            if column == Column.ITEM and st.last == Column.ITEM:
                cont = True
        frags = _fragment(block, column, cont=cont, para_break=para)
        if column == Column.UNITS and len(frags) == 1:
            names = tuple(ln.text for ln in _unit_lines(block, vocab))
            frags = [replace(frags[0], names=names)]
        tokens.extend(frags)
        st.last = column
        _mark_open(st, column, block)
        st.units_in_row |= column == Column.UNITS
        st.seam_guess |= column == Column.RESULT and block.seam
        if column == Column.ITEM and any(ITEM_SCORE.regex.match(match_key(t)) for t in block.texts):
            st.item_scored = True

    while rest:
        it = rest.pop()
        if isinstance(it, FurnitureLine):
            tokens.append(Furniture(kind=it.kind, text=it.text, page=it.page))
            if it.kind == "dimension":
                st = _State()
            elif it.kind == "header" and st.last is not None:
                st.after_break = True
                st.pending = [c for c in Column if st.open_cols.get(c)]
                st.latin_pending = sorted(c for c in st.latin_cols if c not in st.pending)
                wide_open = sum(1 for c in st.pending if c not in NARROW_COLUMNS) >= 2
                # A sub-indicator last at the foot with neither units nor result read yet
                # may have swallowed the row's result: printed next to each other, the
                # two run together there, and the sub-indicator's tail comes after.
                wide_pending = [c for c in st.pending if c not in NARROW_COLUMNS]
                swallowed = wide_pending == [Column.SUB] and not st.units_in_row
                if (wide_open and (st.seam_guess or not st.units_in_row)) or swallowed:
                    breaks.append((it.page, tuple(st.pending)))
                elif st.last == Column.SUB and not st.units_in_row and not st.pending:
                    st.sub_at_foot = it.page  # a guess too, if the row goes on past the break
            continue
        block = it
        key = match_key(block.first)
        nxt = next_block()

        if st.sub_at_foot is not None:
            if not _opens_row(block, nxt):
                breaks.append((st.sub_at_foot, (Column.SUB,)))
            st.sub_at_foot = None
        if st.after_break:
            latin_tail = _latin_tail(block, st)
            column = latin_tail or _continuation(block, st, widths, vocab)
            if column is not None:
                open_before = st.open_cols.get(column, False) or latin_tail is not None
                row_last = st.last
                emit(block, column, cont=True, para=not open_before)
                if row_last is not None and column < row_last:
                    st.last = row_last  # a tail to the left: the row has got as far as before
                continue
            st.after_break = False
            st.pending = []
            st.latin_pending = []

        # Item cell: name, "(N分)", "得分：N" (any of them may share the name's block).
        if ITEM_POINTS.regex.match(key) or ITEM_SCORE.regex.match(key):
            if st.last == Column.ITEM:
                emit(block, Column.ITEM)
                continue
        if block.width <= widths.narrow_limit + 2 and (
            (nxt is not None and ITEM_POINTS.regex.match(match_key(nxt.first)))
            or (
                _ends_with_points(join_wrapped(block.texts))
                and nxt is not None
                and ITEM_SCORE.regex.match(match_key(nxt.first))
            )
        ):
            st = _State()
            emit(block, Column.ITEM, cont=False)
            continue

        if st.last in (Column.SUB, Column.UNITS):
            if is_unit_block(block, widths) and not INDICATOR_NO.regex.match(block.first):
                emit(block, Column.UNITS)
                continue
            split = split_leading_unit(block)
            if split is not None:
                rest.extend(reversed(split))
                continue

        sub_m = SUB_NO.regex.match(block.first)
        ind_m = INDICATOR_NO.regex.match(block.first)
        narrow = block.width <= widths.narrow_limit

        if st.last in (Column.ITEM, Column.RESULT, Column.SUB, Column.UNITS, None):
            split = split_leading_indicator(block, widths)
            # Splitting a printed line is weak evidence: after results, only the very next
            # number (not a gap) may open an indicator there.
            if split is not None and (
                st.last != Column.RESULT or _is_next_indicator(ind_m, st, strict=True)
            ):
                rest.extend(reversed(split))
                # The head is a narrow numbered block: handled as an indicator below.
                continue
            if narrow and (
                st.last in (Column.ITEM, None)
                or (
                    ind_m
                    and _is_next_indicator(ind_m, st)
                    and _opens_indicator(block, nxt)
                    and not (st.last == Column.RESULT and _list_goes_on(ind_m, block, st))
                )
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
            # After results, "(4)" is a sub-indicator unless it could continue the
            # result's own list; then units after it or its wrap width decide.
            if (
                st.last != Column.RESULT
                or not _continues_result_list(sub_m, st)
                or _reads_as_sub(block, nxt, next_block(1), widths, col_widths)
            ):
                _open_sub(tokens, block, sub_m, st, rest)
                continue

        list_m = sub_m or ind_m
        if list_m is not None or st.last != Column.RESULT:
            st.result_list = (
                (marker_style(list_m), marker_number(list_m)) if list_m is not None else None
            )
        emit(block, Column.RESULT)
    return tokens, _break_checks(breaks)


NARROW_COLUMNS = frozenset({Column.ITEM, Column.INDICATOR, Column.UNITS})


def _break_checks(breaks: Sequence[tuple[int, tuple[Column, ...]]]) -> list[Check]:
    """Given the page breaks where a row's sub-indicator and result were both left open,
    return a check: the dump runs those two wide cells' page-foot parts together, and
    which line ends which cell is a guess there (a narrow cell's part shows by width)."""
    if not breaks:
        return []
    where = "; ".join(
        f"p{page}: " + ", ".join(c.name.lower() for c in cols) for page, cols in breaks[:5]
    )
    more = f" and {len(breaks) - 5} more" if len(breaks) > 5 else ""
    return [
        Check(
            "row_split_across_pages",
            "error",
            f"{len(breaks)} rows break across a page with cells left open ({where}"
            f"{more}); the dump runs their parts together, so where one cell ends is a guess",
            False,
        )
    ]


def _opens_item(block: Block, nxt: Block | None) -> bool:
    """Given a paragraph and the next, tell whether the first is an item's name or line."""
    key = match_key(block.first)
    nxt_key = match_key(nxt.first) if nxt is not None else ""
    return bool(
        ITEM_POINTS.regex.match(key)
        or ITEM_SCORE.regex.match(key)
        or ITEM_POINTS.regex.match(nxt_key)
        or (_ends_with_points(join_wrapped(block.texts)) and ITEM_SCORE.regex.match(nxt_key))
    )


def _opens_row(block: Block, nxt: Block | None) -> bool:
    """Given the first paragraph after a page break and the next, tell whether it opens
    a row (a numbered sub-indicator or indicator, an item's name or line) rather than
    going on with one."""
    return bool(
        SUB_NO.regex.match(block.first)
        or INDICATOR_NO.regex.match(block.first)
        or _opens_item(block, nxt)
    )


def _mark_open(st: _State, column: Column, block: Block) -> None:
    """Given the paragraph just placed in a column, note whether that column is left open."""
    st.open_cols[column] = not block.lines[-1].closes
    if _LATIN_END.search(block.lines[-1].text.rstrip() + " "):
        st.latin_cols.add(column)
    else:
        st.latin_cols.discard(column)


def _latin_tail(block: Block, st: _State) -> Column | None:
    """Given a paragraph right after a page break, return the column whose Latin word it
    goes on with ("…含委外 call" / "center 人員)…"), the leftmost such, or None."""
    if not st.latin_pending or not _LATIN_START.match(block.first):
        return None
    column = st.latin_pending.pop(0)
    st.pending = [c for c in st.pending if c > column]
    return column


def _continuation(block: Block, st: _State, widths: Widths, vocab: frozenset[str]) -> Column | None:
    """Given a paragraph right after a page break inside a row, return the column whose
    tail it is, or None when it opens something new.

    A row broken across pages prints, after the next page's header, the rest of each
    cell in column order: first the tails of paragraphs left open (no closing space),
    then further whole paragraphs.  A tail goes to the leftmost open column it fits
    (a narrow column cannot take a wide line); an item's 得分/(N分) line to the item;
    a unit name to the units, when the results had begun (the units' own tail).
    """
    key = match_key(block.first)
    if (ITEM_POINTS.regex.match(key) or ITEM_SCORE.regex.match(key)) and not st.item_scored:
        return Column.ITEM  # the item cell is leftmost: its tail comes first
    fits_narrow = block.width <= widths.narrow_limit + WRAP_SLACK_COLUMNS
    whole_unit = (
        st.last in (Column.UNITS, Column.RESULT)
        and block.lines[-1].closes
        and is_unit_block(block, widths)
        and all(is_unit_name(ln.text) or ln.text in vocab for ln in _unit_lines(block, vocab))
    )
    while st.pending:
        column = st.pending[0]
        if column in NARROW_COLUMNS and not fits_narrow:
            st.pending.pop(0)
            continue
        if column > Column.UNITS and whole_unit:
            return Column.UNITS  # the units' further paragraphs come before a result's tail
        st.pending.pop(0)
        return column
    if (
        st.last == Column.RESULT
        and is_unit_block(block, widths)
        and all(is_unit_name(ln.text) or ln.text in vocab for ln in _unit_lines(block, vocab))
        and SUB_NO.regex.match(block.first) is None
        and INDICATOR_NO.regex.match(block.first) is None
    ):
        return Column.UNITS
    return None


def _continues_result_list(m: regex.Match[str], st: _State) -> bool:
    """Given a sub-style marker after results, tell whether it could be the result's own
    list going on: same style, the very next number, or a list starting at 1."""
    n = marker_number(m)
    if st.result_list is None:
        return n == 1
    style, last = st.result_list
    return style == marker_style(m) and n == last + 1


def _list_goes_on(m: regex.Match[str], block: Block, st: _State) -> bool:
    """Given an indicator-style marker ("4.", "四、") right after results, tell whether it
    goes on with the result's own list (same style, the very next number) while its
    paragraph shows no width of its own: one line cut by a page break is as short as
    the page left it, not as narrow as an indicator's cell."""
    if st.result_list is None or block.lines[-1].closes or len(block.lines) > 1:
        return False
    style, last = st.result_list
    return style == marker_style(m) and marker_number(m) == last + 1


def _is_next_indicator(m: regex.Match[str] | None, st: _State, *, strict: bool = False) -> bool:
    if m is None:
        return False
    n = marker_number(m)
    if st.indicator_no is None:
        return True
    return n == st.indicator_no + 1 if strict else n > st.indicator_no


def _opens_indicator(block: Block, nxt: Block | None) -> bool:
    """Given a narrow paragraph after results and the next one, tell whether it is an indicator.

    An indicator is a heading, not a sentence, and its first sub-indicator follows:
    "(1) …" or unnumbered text, never a list entry such as "(2)" or "3.".
    """
    if SENTENCE_END.regex.search(block.texts[-1]) or nxt is None:
        return False
    if SUB_NO.regex.match(nxt.first) is not None:
        return True
    return INDICATOR_NO.regex.match(nxt.first) is None


def _is_next_sub(m: regex.Match[str], st: _State) -> bool:
    n = marker_number(m)
    if st.sub_no is None:
        return not st.sub_numbered and st.last in (Column.ITEM, Column.INDICATOR)
    # One indicator's sub-indicators share a marker style: (3) is not followed by ④.
    return st.sub_numbered and n > st.sub_no and marker_style(m) == st.sub_style


def _reads_as_sub(
    block: Block,
    nxt: Block | None,
    after: Block | None,
    widths: Widths,
    col_widths: _ColumnWidths,
) -> bool:
    """Given a "(N)" paragraph after results, decide sub-indicator (True) or result list entry.

    A sub-indicator is followed by its units, or wraps at the sub-indicator
    column's width rather than the results column's, or an empty cell (its units)
    is printed after it.  Followed by another numbered
    entry that is not a list's first (or by nothing), it would be a row with neither
    units nor result: the list goes on instead.
    """
    if (
        nxt is not None
        and all(is_unit_line(t) for t in nxt.texts)
        and is_unit_name(join_wrapped(nxt.texts))  # not an item's name (服務可近性)
        and nxt.width <= widths.narrow_limit + 2
    ):
        return True
    if block.empty_after:
        return True  # its units cell printed empty
    if nxt is None:
        return False
    nxt_m = SUB_NO.regex.match(nxt.first) or INDICATOR_NO.regex.match(nxt.first)
    if nxt_m is not None and marker_number(nxt_m) > 1:
        return False  # a list (or the next row) goes on: no result of its own would follow
    if _opens_item(nxt, after):
        return False  # the next item opens: likewise
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
    st.open_cols = {Column.ITEM: st.open_cols.get(Column.ITEM, False)}
    st.latin_cols &= {Column.ITEM}
    _mark_open(st, Column.INDICATOR, block)
    st.indicator_no = marker_number(m) if m else None
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
    st.open_cols = {c: v for c, v in st.open_cols.items() if c in (Column.ITEM, Column.INDICATOR)}
    st.latin_cols &= {Column.ITEM, Column.INDICATOR}
    _mark_open(st, Column.SUB, block)
    st.units_in_row = False
    st.seam_guess = False
    st.sub_no = marker_number(m) if m else None
    st.sub_numbered = m is not None
    st.sub_style = marker_style(m) if m else None


# A dump whose content lines are often deeply indented or hold a run of 3+ spaces between
# words prints the columns side by side (pdftotext -layout): cells are not paragraphs there.
LAYOUT_GAP = regex.compile(r"^ {10,}\S|\S {3,}\S")
LAYOUT_SHARE = 0.2
# Generated forms dumped by pdfplumber's extract_text hold two cells on 15-20 % of their
# lines; pdftotext's dumps (trailing spaces and all) on 2-4 %.
JOINED_SHARE = 0.1


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
                "blocks, not cells, as pdftotext and pdfminer do for many PDFs); process the "
                "PDF itself"
            )
    # pdftotext marks a paragraph's end with a trailing space; a dump with none whose
    # lines often hold two cells' text ("一、強化陳 ① 辦理…") prints each row's cells
    # joined on one line, as pdfplumber's extract_text does: no cell can be told apart.
    if lines and not any(ln != ln.rstrip() for ln in lines):
        joined = sum(1 for ln in lines if TWO_CELLS.regex.search(ln.strip()))
        if joined / len(lines) > JOINED_SHARE:
            raise InputError(
                "this text dump prints each row's cells joined on one line and marks no "
                "paragraph ends (as pdfplumber's extract_text, and pdfminer for some PDFs, print a "
                "table); process the PDF itself"
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
    blocks = split_column_changes(blocks, widths)
    tokens, checks = blocks_to_tokens(blocks, widths)
    variant = None
    for t in tokens:
        if isinstance(t, Furniture) and t.kind == "header":
            m = HEADER_ROW.regex.search(match_key(t.text))
            variant = m.group("fifth") if m else None
            break
    return PageStream(
        tokens=tuple(tokens),
        page_count=page_count,
        header_variant=variant,
        source_chars=sum(1 for c in text if not c.isspace()),
        checks=tuple(checks),
    )


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
