"""Per-document calibration: the wrap widths the dump's paragraphs show, and the
paragraphs cut where the printed lines change column (a narrow cell left open above a
wide one, a list marker, 不適用)."""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

import regex

from pipeline.layout.textdump.blocks import Block, FurnitureLine, Widths
from pipeline.layout.textdump.settings import SETTINGS, DumpSettings
from pipeline.layout.textdump.units import unit_vocabulary
from pipeline.normalise.patterns import (
    ITEM_POINTS_IN,
    NOT_APPLICABLE,
    SENTENCE_END,
    opens_entry,
)
from pipeline.normalise.text import WRAP_SLACK_COLUMNS, display_width, match_key


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
        # A cut at a list marker is a guess unless the widths show the column change too.
        seam = opens_entry(b.lines[at].text) and not _narrow_then_wide(b, at, widths)
        out.append(Block(lines=b.lines[at:], seam=seam, empty_after=b.empty_after))
    return out


def _narrow_then_wide(block: Block, at: int, widths: Widths) -> bool:
    """Given a block and a line index, tell whether the lines before it fit a narrow
    column and the line at it does not (on one page): a column change by width."""
    limit = widths.narrow_limit + WRAP_SLACK_COLUMNS
    head = block.lines[:at]
    return (
        all(ln.page == block.lines[at].page for ln in head)
        and max(display_width(ln.text.strip()) for ln in head) <= limit
        and display_width(block.lines[at].text.strip()) > limit
    )


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


def measure_widths(
    blocks: Iterable[Block | FurnitureLine], settings: DumpSettings = SETTINGS
) -> Widths:
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
        return Widths(wide=settings.default_wide_width, share=settings.narrow_share)
    q = statistics.quantiles(widths, n=4)[2]
    wide = max(int(q), 12)
    return Widths(
        wide=wide, narrow=_natural_break(widths, wide, settings), share=settings.narrow_share
    )


def _natural_break(widths: Sequence[int], wide: int, settings: DumpSettings) -> float | None:
    """Given wrapped-line widths, return the middle of the widest gap below the wide
    width between widths that many lines wrap at, or None when no gap stands out."""
    counts = Counter(widths)
    # Widths seen only now and then are short wraps (a long word pushed down), not columns.
    floor = max(2, len(widths) * settings.min_column_share)
    values = sorted(v for v, n in counts.items() if n >= floor and v <= wide)
    gaps = [
        (b - a, a, b) for a, b in itertools.pairwise(values) if a >= settings.min_narrow_columns
    ]
    if not gaps:
        return None
    gap, a, b = max(gaps)
    if gap < settings.min_gap_columns:
        return None
    return (a + b) / 2
