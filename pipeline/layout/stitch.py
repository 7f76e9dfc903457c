"""Stitch: page grids → one token stream in reading order, cells continued across page breaks.

Per page, furniture and cells are read top to bottom, a row's cells left to
right.  The first row of a page either continues the row the previous page
broke (its cells come out with cont=True) or opens a new one; a RESULT cell is
cut into one fragment per paragraph.  Merged item/indicator text that a layout
repeats on every row is emitted once.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import regex

from pipeline.layout.grid import (
    DEFAULT_BODY_SIZE,
    ExtraGridCell,
    GridCell,
    PageGrid,
    is_wide,
    snap,
)
from pipeline.layout.habits import (
    Headings,
    ParagraphHabits,
    cell_headings,
    grouped,
    heading_shape,
    paragraph_habits,
)
from pipeline.layout.merged import compact, printed_again
from pipeline.layout.primitives import Char, TextLine, union_bbox
from pipeline.models import Check, Column, ExtraCell, Fragment, Furniture, Token
from pipeline.normalise.patterns import (
    INDICATOR_NO,
    ITEM_POINTS_IN,
    ITEM_SCORE_IN,
    LATIN_HEAD,
    LATIN_TAIL,
    PAGE_NUMBER,
    PARAGRAPH_MARKER,
    SECTION_UNIT,
    SQUAD_UNIT,
    SUB_NO,
    URL_TAIL,
    URL_UNENDED,
    ends_like_name,
    marker_number,
    unbalanced,
)
from pipeline.normalise.text import (
    OCR_NEAR_RATIO,
    join_wrapped,
    latin_vocabulary,
    latin_wrap,
    wrap_separator,
)

DEFAULT_FULL_LINE_RATIO = 0.5  # × size: a line ending this close to the right edge is full
# × size: the slack of a sure wrap: the next word did not fit by the estimated limit (the
# settings want a positive ratio; this is float noise, not room for a glyph)
SURE_LINE_RATIO = 1e-6
SAME_END_RATIO = 0.01  # × size: two line ends this close are the same (float noise)
LATIN_SPACE_RATIO = 0.5  # × size: no font's space between Latin words is wider
FULL_STOPS = ("。", "！", "？", "!", "?")  # what ends a sentence (not ：, which announces more)
DEFAULT_PARA_GAP_RATIO = 0.15  # × size: extra space above a line beyond the usual pitch
DEFAULT_BAND_RATIO = 0.3  # × body size: cells whose tops differ less are one table row
# × size: in a justified cell, a line that ends short of the edge by more than the first and
# less than the second was not spread, so it ends its paragraph.  Every justifying engine
# closes a gap of less than an em; a wider one may be a line it refused to stretch.
DEFAULT_FLUSH_RATIO = 0.2
DEFAULT_STRETCH_RATIO = 1.0
DEFAULT_SPREAD_RATIO = 0.01  # × size: a wider gap between two glyphs is justification spacing
DEFAULT_EDGE_RATIO = 0.1  # × size: spread lines ending this close to each other end flush
DEFAULT_FLUSH_SHARE = 0.8  # share of a column's long lines that must end flush to call it justified
# × size: a units line that one more glyph would bring this close to the cell's right limit
# was full (the limit is estimated from the cell's box and padding; a border's half width
# inside it is not seen).
DEFAULT_OVERRUN_RATIO = 0.05
# × the smaller font size: two glyphs further apart than this have a space (or room for
# one) between them, where a wrap may have split a line (see `first_word_width`).
DEFAULT_WORD_GAP_RATIO = 0.2
# × body size: line pitches that round to the same multiple of this are one pitch (see
# `usual_pitch`).
DEFAULT_PITCH_STEP_RATIO = 0.025
# × the line's size: a cell's last line this close to the cell's bottom at the page foot
# leaves no room for another, so its text may go on overleaf; further up, the text ended
# there (text fills a cell down to the foot before a page break cuts it).
DEFAULT_FOOT_REACH_RATIO = 2.0
# × the line's size: the room a line ending in a Latin word leaves beyond the next line's
# first letter (and `DEFAULT_OVERRUN_RATIO`) for its wrap to show a word's end: no engine
# breaks a word where its next letter fits.  An em, as a side-by-side dump places a line's
# end only to a cell (half an em) and a narrower pitch misplaces it more.
DEFAULT_ROOM_WORD_RATIO = 1.0
# Whether the page's glyph boxes show the spaces printed beside CJK text.  OCR'd pages do
# not: the narrow space a form prints between CJK and a number or Latin word ("每 2個月",
# "碼 QR code") is read or dropped at random ("每2個月", "自6 月1 日").
DEFAULT_SPACES_SEEN = True
# Whether a glyph's box is its advance (text layers) or its ink: an OCR'd line read alone
# ("科") is boxed to its ink, a tenth of an em or more narrower than the em it takes.
DEFAULT_ADVANCES_SEEN = True
# Whether a cell's box is the printed cell's (rules, or a column's text edge with its
# padding) or drawn by a reader around its lines (a side-by-side dump's boxes, `wrap_room`
# past the column's widest line): then only the lines show how far a cell's text reaches.
DEFAULT_BOXES_PRINTED = True
# Edits per character by which merged text printed again on a later row may differ from
# the open text and still be that text: 0 (exact) on text layers; on OCR'd pages a
# misread glyph or two (its character error rate is ~0.3-3 %), never a number.
DEFAULT_REPEAT_EDIT_RATIO = 0.0
OCR_REPEAT_EDIT_RATIO = OCR_NEAR_RATIO
# On OCR'd pages a line's place is its ink's (or its detection box's) centre, which moves
# with its glyphs and with how its rows of ink were parted: the space above a line beyond
# the usual pitch was measured -0.3 to +0.15 em inside paragraphs of two scans (0.2 and
# 0.35 em between paragraphs on the text layers, 0.25-0.35 read by OCR).
OCR_PARA_GAP_RATIO = 0.2
# On OCR'd pages a units line's right end and a cell's right limit are ink and rulings, each
# off a glyph's advance by a tenth or two of an em: "兒童及少年福" / "利與權益保障" read
# 0.05 em short of the limit 7 glyphs would reach, where the text layer wrapped at 6.
OCR_OVERRUN_RATIO = 0.3


@dataclass(frozen=True, slots=True)
class StitchSettings:
    """Thresholds of paragraph and row-continuation decisions; defaults are the named constants.

    The `*_ratio` fields are in units of a font size (the line's or glyph's own, or the
    page's body size, as each constant says); no tolerance is in points.
    """

    full_line_ratio: float = DEFAULT_FULL_LINE_RATIO
    para_gap_ratio: float = DEFAULT_PARA_GAP_RATIO
    band_ratio: float = DEFAULT_BAND_RATIO
    flush_ratio: float = DEFAULT_FLUSH_RATIO
    stretch_ratio: float = DEFAULT_STRETCH_RATIO
    spread_ratio: float = DEFAULT_SPREAD_RATIO
    edge_ratio: float = DEFAULT_EDGE_RATIO
    flush_share: float = DEFAULT_FLUSH_SHARE
    overrun_ratio: float = DEFAULT_OVERRUN_RATIO
    spaces_seen: bool = DEFAULT_SPACES_SEEN
    advances_seen: bool = DEFAULT_ADVANCES_SEEN
    boxes_printed: bool = DEFAULT_BOXES_PRINTED
    repeat_edit_ratio: float = DEFAULT_REPEAT_EDIT_RATIO
    word_gap_ratio: float = DEFAULT_WORD_GAP_RATIO
    pitch_step_ratio: float = DEFAULT_PITCH_STEP_RATIO
    foot_reach_ratio: float = DEFAULT_FOOT_REACH_RATIO
    room_word_ratio: float = DEFAULT_ROOM_WORD_RATIO
    # Lines of text outside the table on a page between two of the table's pages from
    # which that page is taken for one whose table was not found (`pages_outside_table`).
    loose_lines: int = 3

    def __post_init__(self) -> None:
        for name in (
            "full_line_ratio",
            "para_gap_ratio",
            "band_ratio",
            "flush_ratio",
            "stretch_ratio",
            "spread_ratio",
            "edge_ratio",
            "flush_share",
            "overrun_ratio",
            "word_gap_ratio",
            "pitch_step_ratio",
            "foot_reach_ratio",
            "room_word_ratio",
        ):
            if not getattr(self, name) > 0:
                raise ValueError(f"StitchSettings.{name} must be > 0, got {getattr(self, name)!r}")
        if not 0 <= self.repeat_edit_ratio < 1:
            raise ValueError(
                f"StitchSettings.repeat_edit_ratio must be in [0, 1), got {self.repeat_edit_ratio!r}"
            )
        if self.flush_share > 1:
            raise ValueError(f"StitchSettings.flush_share must be <= 1, got {self.flush_share!r}")
        if self.flush_ratio >= self.stretch_ratio:
            raise ValueError(
                "StitchSettings.flush_ratio must be below stretch_ratio, got "
                f"{self.flush_ratio!r} >= {self.stretch_ratio!r}"
            )


DEFAULT_STITCH_SETTINGS = StitchSettings()


# --- page-level geometry ------------------------------------------------------------------


def usual_pitch(
    cells: Sequence[GridCell], step: float = DEFAULT_PITCH_STEP_RATIO * DEFAULT_BODY_SIZE
) -> float:
    """Given a page's cells, return the most common top-to-top distance of consecutive lines
    (0 if none), distances counted in multiples of `step` points."""
    pitches = Counter(
        round((b.top - a.top) / step) * step
        for c in cells
        for a, b in itertools.pairwise(c.lines)
        if b.top > a.top
    )
    return pitches.most_common(1)[0][0] if pitches else 0.0


def right_limits(cells: Sequence[GridCell]) -> dict[Column, float]:
    """Given a page's cells, return per column the rightmost x any of its lines reaches."""
    out: dict[Column, float] = {}
    for c in cells:
        if c.lines and c.last_column == c.column:
            out[c.column] = max(out.get(c.column, 0.0), max(ln.x1 for ln in c.lines))
    return out


def right_limit(cell: GridCell, observed: dict[Column, float]) -> float:
    """Given a cell and the page's observed right edges, return where its full lines end.

    Never past the cell's own box: a line reaching beyond it overran the cell (an
    unbreakable URL) and tells nothing of where the others wrap.
    """
    if not cell.lines:
        return cell.x1
    pad = max(0.0, min(ln.x0 for ln in cell.lines) - cell.x0)
    estimate = cell.x1 - pad
    if cell.last_column != cell.column:
        return estimate
    return max(estimate, min(observed.get(cell.column, 0.0), cell.x1))


# Where a line-breaking engine never breaks (Unicode line breaking, UAX #14, with the
# line-start and line-end rules office suites apply to CJK text): before closing
# punctuation and "non-starters", after opening punctuation, inside Latin words and
# numbers ("4,081", "63.8%"), and between punctuation and a Latin word or number.
NO_BREAK_BEFORE = frozenset("，。、；：？！）」』】〕》〉’”％%)]},.;:!?-/～〜…‥·・ー")
NO_BREAK_AFTER = frozenset("（「『【〔《〈‘“([{")


PREFIX_SIGNS = frozenset("+$¥£€#＋")


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# ASCII symbols of UAX #14's class AL: they join the letters and digits around them into
# one word ("id=3", "a_b", "x@y"), where no engine breaks.
AL_SYMBOLS = frozenset("#&*<=>@\\^_`|~")


def _alnum(ch: str) -> bool:
    return (
        (ch.isascii() and ch.isalnum())
        or ch in AL_SYMBOLS
        or "０" <= ch <= "９"
        or "Ａ" <= ch.upper() <= "Ｚ"
    )


def engine_keeps_together(left: str, right: str) -> bool:
    """Given two touching characters, return True when no line-breaking engine would split them.

    "設置「愛" ends a line only before "「", never after it; "4,081", "Wi" and
    "word、excel" stay whole.
    """
    if right in NO_BREAK_BEFORE or left in NO_BREAK_AFTER:
        return True
    if _alnum(left) and _alnum(right):
        return True
    # Prefix signs stick to both sides (UAX #14 LB23a/LB24): "A+", "+標", "$5".
    if (left in PREFIX_SIGNS and (_alnum(right) or _is_ideograph(right))) or (
        _alnum(left) and right in PREFIX_SIGNS
    ):
        return True
    # Nor after punctuation that a Latin word or a number follows: "4,0", "word、excel"
    # (LibreOffice keeps "、e" and "，1" together even after CJK).
    return left in NO_BREAK_BEFORE and _alnum(right)


def _cjk_meets_alnum(left: str, right: str) -> bool:
    return (_is_ideograph(left) and _alnum(right)) or (_alnum(left) and _is_ideograph(right))


def first_word_width(line: TextLine, settings: StitchSettings = DEFAULT_STITCH_SETTINGS) -> float:
    """Given a line, return the width of its head up to the first point a wrap could have split it.

    A wrap can split only where every engine we know may break and joining the two
    lines restores the text: between two touching chars that join with nothing and
    that an office suite's line breaker would separate (so not "「" from what
    follows, not "序" from "」，", not "4,0" from "81"), or at a space between Latin
    words.  A space next to CJK or a digit is no such point for a renderer that
    keeps the text restorable, so "5 年 8 月 19" travels as one piece.  Taking the
    longest head any of them would keep together errs towards "it was a wrap".
    Where spaces are not seen (`spaces_seen` False: OCR), a CJK glyph touching a
    digit or Latin letter may have had such a space, so it is no split point either.
    Glyphs stand apart (a space, or room for one) beyond `word_gap_ratio` × size, past
    the spacing justification added between ideographs (`ideograph_spread`: in "每 季 召
    開…" spread by 0.2 em a gap, "每" alone is the head, LibreOffice 21125).  Only where
    glyph advances are seen: OCR pages' glyph boxes are estimated from each line's box
    (`advances_seen` False), and there the rule is left out.
    """
    chars = line.chars
    if not chars:
        return 0.0
    end = len(chars) - 1
    spread = ideograph_spread(line, settings) if settings.advances_seen else 0.0
    for i in range(len(chars) - 1):
        a, b = chars[i], chars[i + 1]
        spaced = b.x0 - a.x1 - spread > settings.word_gap_ratio * min(a.size, b.size) or (
            not settings.spaces_seen and _cjk_meets_alnum(a.text, b.text)
        )
        if not spaced and engine_keeps_together(a.text, b.text):
            continue
        sep = wrap_separator(a.text, b.text)
        if (not spaced and sep == "") or (spaced and sep == " "):
            end = i
            break
    return chars[end].x1 - chars[0].x0


def head_width(
    lines: Sequence[TextLine],
    i: int,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    *,
    open_end: bool = False,
) -> float:
    """Given a cell's lines and an index, return the width of line i's first word, counting the
    lines it runs on into: a word longer than a line (a URL) is broken where the engine had
    to ("https://" / "www.example.gov.tw/" / "service。"), and it started its line because
    all of it did not fit after the line before, not because its first piece would not.
    Where the cell goes on overleaf (`open_end`: cut by the page foot) and a URL opening
    line i runs to the cell's last line, unended, its rest is overleaf and its width
    unknown: taken as too wide for any line (libreoffice-extra 9746: "網址：" / "https://"
    at a foot, "www.example." overleaf, read as a paragraph "https://" opened, status ok)."""
    width = first_word_width(lines[i], settings)
    j = i
    while j + 1 < len(lines) and _runs_on(lines[j], lines[j + 1], settings):
        j += 1
        width += first_word_width(lines[j], settings)
    if (
        open_end
        and j == len(lines) - 1
        and URL_TAIL.regex.match(lines[i].text)
        and URL_UNENDED.regex.search(lines[j].text)
    ):
        return math.inf
    return width


def _one_word(line: TextLine, settings: StitchSettings = DEFAULT_STITCH_SETTINGS) -> bool:
    """Given a line, tell whether no wrap could split it (see `first_word_width`)."""
    width = first_word_width(line, settings)
    return bool(line.chars) and width >= line.chars[-1].x1 - line.chars[0].x0


def _runs_on(
    line: TextLine, nxt: TextLine, settings: StitchSettings = DEFAULT_STITCH_SETTINGS
) -> bool:
    """Given two lines, tell whether the first is all one word that the second carries on."""
    if not nxt.chars or line.trailing_space or not _one_word(line, settings):
        return False
    return engine_keeps_together(line.chars[-1].text, nxt.chars[0].text)


def stretched(line: TextLine, settings: StitchSettings = DEFAULT_STITCH_SETTINGS) -> bool:
    """Given a line, return True when justification spread it: most gaps between its glyphs
    are open.  Gaps where the line prints a space are left out where two others are left:
    a space is open whatever the justification ("103 年 7 月 9 日辦", Chromium's spaces
    half an em wide, read as a justified line, gave an unjustified column a justified
    edge: `chromium-extra` 10439)."""
    gaps = _unspaced_gaps(line)
    if len(gaps) < 2:
        gaps = _gaps(line.chars)
    if len(gaps) < 2:
        return False
    spread = sum(1 for g in gaps if g > settings.spread_ratio * line.size)
    return 2 * spread > len(gaps)


def _gaps(chars: Sequence[Char]) -> list[float]:
    """Given a line's glyphs, return the gap between each and the next."""
    return [b.x0 - a.x1 for a, b in itertools.pairwise(chars)]


def _unspaced_gaps(line: TextLine) -> list[float]:
    """Given a line, return the gaps between its glyphs where its text prints no space
    (every gap where its glyphs and its text's do not pair up one for one)."""
    return [b.x0 - a.x1 for a, b in _unspaced_pairs(line)]


def _unspaced_pairs(line: TextLine) -> list[tuple[Char, Char]]:
    """Given a line, return its neighbouring glyphs where its text prints no space between
    them (every pair where its glyphs and its text's do not pair up one for one)."""
    chars = line.chars
    if sum(not ch.isspace() for ch in line.text) != len(chars):
        return list(itertools.pairwise(chars))
    out: list[tuple[Char, Char]] = []
    k, spaced = 0, False
    for ch in line.text:
        if ch.isspace():
            spaced = True
            continue
        if k and not spaced:
            out.append((chars[k - 1], chars[k]))
        k, spaced = k + 1, False
    return out


def _spreadable(line: TextLine) -> bool:
    """Given a line, tell whether justification could have spread it: two of its glyphs
    touch, no space printed between them, and one is wide (CJK).  LibreOffice spreads a
    line there, or at a space, never at a non-breaking one: "④109 年" and "cebook 粉" (a
    non-breaking space before the ideograph) end unspread, a wrap cutting them a glyph
    short of a justified edge (`libreoffice-extra` 10071).  The text reads both spaces
    alike, so a space is no sign."""
    return any(is_wide(a.text) or is_wide(b.text) for a, b in _unspaced_pairs(line))


def justified_edges(
    cells: Sequence[GridCell], settings: StitchSettings = DEFAULT_STITCH_SETTINGS
) -> dict[Column, float]:
    """Given a page's cells, return per column the x its justified lines end at.

    Justification spreads every line of a paragraph but its last to end flush with
    the cell's edge.  A column counts as justified when at least two of its lines
    are spread and most (`flush_share`) of those, and of all its lines ending within
    an em (`stretch_ratio`) of them, end within `edge_ratio` × size of one x: a
    ragged or unevenly spread column gets no edge.
    """
    by_col: dict[Column, list[TextLine]] = {}
    for c in cells:
        if c.last_column == c.column:
            by_col.setdefault(c.column, []).extend(c.lines)
    out: dict[Column, float] = {}

    def flush_share(lines: list[TextLine], edge: float) -> float:
        flush = sum(1 for ln in lines if abs(ln.end - edge) <= settings.edge_ratio * ln.size)
        return flush / len(lines)

    for col, lines in by_col.items():
        spread = [ln for ln in lines if stretched(ln, settings)]
        if len(spread) < 2:
            continue
        edge = statistics.median(ln.end for ln in spread)
        full = [ln for ln in lines if abs(ln.end - edge) < settings.stretch_ratio * ln.size]
        # No line near the spread lines' median end: they end far apart, a ragged column.
        if full and min(flush_share(spread, edge), flush_share(full, edge)) >= settings.flush_share:
            out[col] = edge
    return out


def wraps_into(
    prev: TextLine,
    limit: float,
    line: TextLine,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    edge: float | None = None,
    head: float | None = None,
) -> bool:
    """Given a line, its cell's right limit and the next line, return True when the break was a wrap.

    It was a wrap when the next line's head (see `first_word_width`; `head` when
    the caller knows it better, see `head_width`) would not have fitted in the room
    left at the end of the previous line (where boxes are ink, `advances_seen` False, a
    comma ending it takes its em: OCR boxes "…發布訊息，" up to an em short).  In a justified
    cell (`edge`, see `justified_edges`) a line that ends somewhat short of the edge
    was not spread, so it ends its paragraph whatever would have fitted after it, where
    justification could have spread it (`_spreadable`).
    """
    # A space glyph drawn at the line's end (an engine that broke at a space it kept)
    # fills the line as far as its last glyph does.
    # A line justification spread was not a paragraph's last, wherever it ends.
    # A line that is one word (a URL broken where it had to be) has no gap to spread.
    if (
        edge is not None
        and not stretched(prev, settings)
        and not _one_word(prev, settings)
        and _spreadable(prev)
    ):
        short = edge - prev.end
        if settings.flush_ratio * prev.size < short < settings.stretch_ratio * prev.size:
            return False
    room = limit - prev.end
    if not settings.advances_seen and mid_clause(prev.text):
        # OCR boxes a line's last comma by its ink, in the left of the comma's em.
        room -= prev.size
    word = first_word_width(line, settings) if head is None else head
    return room <= word + settings.full_line_ratio * line.size


# What closes or punctuates text: no paragraph opens with it.
_NO_OPENING = "」』）)〉》]】，。、；：！？,;:!?"


def mid_clause(text: str) -> bool:
    """Given a line's text, tell whether it stops mid-clause (a comma or an enumeration
    comma ends it): no indicator or sub-indicator ends so, so its cell goes on.  OCR draws
    a line ending in "，" by its ink, in the left of the comma's em, up to 1.2 em short of
    its column's edge, where a wrap and a cell's end look alike."""
    return text.rstrip().endswith(("，", "、", ","))


def opens_nothing(text: str) -> bool:
    """Given a line's text, tell whether it opens with what closes or punctuates text
    ("」：", "，並…"), which only goes on a sentence."""
    head = text.lstrip()[:1]
    return bool(head) and head in _NO_OPENING


def latin_runs_on(text: str, nxt: str) -> bool:
    """Given a line's text and the next line's, tell whether the next goes on with the
    first's Latin phrase: the first ends in a Latin letter, the next opens with a
    lowercase one ("提供 call" / "center 諮詢服務").  No paragraph ends mid-phrase
    before one that opens in lowercase, whatever room the line left (OCR boxes a line
    by its ink; a renderer may wrap a Latin word that would have fitted with the
    glyph after it)."""
    tail, head = text.rstrip()[-1:], nxt.lstrip()[:1]
    return tail.isascii() and tail.isalpha() and head.isascii() and head.islower()


def starts_paragraph(
    prev: TextLine,
    line: TextLine,
    limit: float,
    pitch: float,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    edge: float | None = None,
    head: float | None = None,
) -> bool:
    """Given two consecutive lines of a cell, return True when the second starts a new paragraph.

    A list marker ("1.", "(1)", "2、") starts one; so does a line whose first
    word would have fitted at the end of the previous line or that follows a
    line a justified cell left short (the break was not a wrap, see `wraps_into`),
    or extra space above it beyond the page's usual line pitch.  A line opening with
    what closes or punctuates text ("」：" a line breaker put under "…管理制度") never
    does: OCR draws such glyphs by their ink, narrower than they stand; nor does a line
    going on with a Latin phrase in lowercase (`latin_runs_on`).
    """
    if opens_nothing(line.text):
        return False
    if PARAGRAPH_MARKER.regex.match(line.text):
        return True
    if latin_runs_on(prev.text, line.text):
        return False
    if not wraps_into(prev, limit, line, settings, edge, head):
        return True
    return pitch > 0 and line.top - prev.top > pitch + settings.para_gap_ratio * line.size


def paragraph_starts(
    lines: Sequence[TextLine],
    limit: float,
    pitch: float,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    edge: float | None = None,
    *,
    open_end: bool = False,
) -> list[bool]:
    """Given a cell's lines, return for each whether it starts a paragraph by the page's
    geometry (`starts_paragraph`; `edge`: see `justified_edges`; `open_end`: the cell goes
    on overleaf, see `head_width`)."""
    return [
        i == 0
        or starts_paragraph(
            lines[i - 1],
            ln,
            limit,
            pitch,
            settings,
            edge,
            head_width(lines, i, settings, open_end=open_end),
        )
        for i, ln in enumerate(lines)
    ]


def lines_to_paragraphs(
    lines: Sequence[TextLine],
    limit: float,
    pitch: float,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    edge: float | None = None,
) -> list[list[TextLine]]:
    """Given a cell's lines, return them grouped into paragraphs (`edge`: see `justified_edges`)."""
    return grouped(lines, paragraph_starts(lines, limit, pitch, settings, edge))


def _body_size(grid: PageGrid) -> float:
    """Given a page's grid, return the median size of its cells' lines (the body size)."""
    sizes = [ln.size for c in grid.cells for ln in c.lines]
    return statistics.median(sizes) if sizes else DEFAULT_BODY_SIZE


# --- the state carried from page to page ---------------------------------------------------


def _key(cell: GridCell) -> str:
    return compact(ln.text for ln in cell.lines)


@dataclass(slots=True)
class _State:
    # The open merged text per column (ITEM, INDICATOR), as a compact key.
    open: dict[Column, str] = field(default_factory=dict)
    # The rest of a repeated merged text that the page foot cut off: found on the
    # previous page (expected at the top of this one) and found on this page.
    pending: dict[Column, str] = field(default_factory=dict)
    pending_next: dict[Column, str] = field(default_factory=dict)
    row_open: bool = False
    # Per column, the last line at the foot of the previous page, its cell's right limit
    # and justified edge.
    tails: dict[Column, tuple[TextLine, float, float | None]] = field(default_factory=dict)
    # The lines of the last paragraph of the last result cell read: the foot's, once a page
    # is read.
    foot_paragraph: Sequence[TextLine] = ()
    # The document's own evidence on unit names that end like a name and fill the column.
    units: UnitVocabulary = field(default_factory=lambda: UnitVocabulary())
    # Merged text taken for the open text though read differently (see `near_repeat`).
    near: list[str] = field(default_factory=list)
    # Unnumbered indicators at a page top that may be the rest of the one the foot cut.
    cut_unsure: list[str] = field(default_factory=list)
    # How often each indicator text stands in a cell that does not open its page.
    whole_indicators: Counter[str] = field(default_factory=Counter)
    # The number of the last sub-indicator marker read under the open indicator (None: no
    # marker yet, or none on the last sub-indicator).
    sub_last: int | None = None
    # Page tops read as the rest of the row the foot cut on `full_line_ratio`'s slack alone.
    row_unsure: list[str] = field(default_factory=list)
    # Per column, the furthest end of a previous-page line that ends in an ideograph (no
    # overrunning URL, no hanging punctuation or space): a line that long fits the column.
    plain_ends: dict[Column, float] = field(default_factory=dict)
    # Per column, whether the previous page's foot cell's text reached the foot (no room
    # for another line: `foot_reach_ratio`).
    filled: dict[Column, bool] = field(default_factory=dict)
    # Per column, the furthest end of any previous-page line, where the cells' boxes were
    # drawn around their lines (`StitchSettings.boxes_printed` False), else empty.
    line_ends: dict[Column, float] = field(default_factory=dict)
    # Where the document's results end paragraphs by habit, and what that decided or left.
    habits: ParagraphHabits = field(default_factory=ParagraphHabits)
    habit_ends: list[str] = field(default_factory=list)
    habit_unsure: list[str] = field(default_factory=list)
    count_unsure: list[str] = field(default_factory=list)
    # The result lines (page number, text without spaces) after which a habit ends a
    # paragraph, whatever the geometry said; collected only when the caller asks.
    habit_lines: set[tuple[int, str]] | None = None
    # What the last result cell read (the page foot's) shows of its headings.
    foot_headings: Headings = field(default_factory=Headings)
    # Each result cell's line texts and paragraph starts by geometry, by the cell's id.
    result_starts: dict[int, tuple[list[str], list[bool]]] = field(default_factory=dict)
    # Each result cell's marks by the cell's id, where the document's tell (`result_marks`),
    # and the full lines they decided.
    result_marks: dict[int, list[bool | None]] = field(default_factory=dict)
    by_marks: list[str] = field(default_factory=list)
    # A page's last result cell's id → what the next page's first one shows of its
    # headings (`_overleaf_headings`); full heading lines decided by those, by page, until
    # that cell is read as going on with this one (else they are unsure).
    overleaf: dict[int, Headings] = field(default_factory=dict)
    ahead_pending: list[tuple[int, str]] = field(default_factory=list)
    # Each page's placement (`_page_of`), by its grid's id, built once for the whole
    # document's first pass and taken by `grid_to_tokens`.
    pages: dict[int, _Page] = field(default_factory=dict)

    def reset(self) -> None:
        self.open = {}
        self.sub_last = None
        self.pending = {}
        self.pending_next = {}
        self.row_open = False
        self.tails = {}
        self.filled = {}

    def carries_on(self, col: Column, first: TextLine, settings: StitchSettings) -> bool:
        """Given a column and the first line of its cell at the top of a page, return True when
        that line carries on the sentence the previous page's foot broke off: as a cell's
        next line does (`starts_paragraph`), also where it goes on with the foot's Latin
        phrase in lowercase ("(3)提供 call" / "center 諮詢服務", `latin_runs_on`)."""
        tail = self.tails.get(col)
        if tail is None or PARAGRAPH_MARKER.regex.match(first.text):
            return False
        if (
            opens_nothing(first.text)
            or mid_clause(tail[0].text)
            or latin_runs_on(tail[0].text, first.text)
        ):
            return True
        line, limit, edge = tail
        return wraps_into(line, limit, first, settings, edge)

    def carries_on_by_slack(self, col: Column, first: TextLine, settings: StitchSettings) -> bool:
        """Given a column whose first line at a page top `carries_on`, return True when only
        `full_line_ratio`'s slack says so: its first word would have fitted in the room the
        foot's last line left by the cell's estimated limit (in boxes a reader drew, no
        further than the furthest line of the column on the foot's page: `line_ends`), so a
        greedy wrap would have taken it there, unless the limit is off by that much."""
        tail = self.tails.get(col)
        if tail is None or mid_clause(tail[0].text):
            return False  # no cell ends mid-clause: it goes on, however much room was left
        line, limit, edge = tail
        # In a box a reader drew, room is what a line of the column reached on the foot's
        # page, not the box ("，且提供" after "…易於辨識", 0.5 em short of the furthest line
        # and 1.25 em short of the box, in a side-by-side dump).
        limit = min(limit, self.line_ends.get(col, limit))
        sure = replace(settings, full_line_ratio=SURE_LINE_RATIO)
        return not wraps_into(line, limit, first, sure, edge, _joined_width(line, first, settings))

    def sentence_ended(self, col: Column) -> bool:
        """Given a column, tell whether the foot's last line of it ends a sentence (。！？):
        then the cell may end there as well as go on, however full the line."""
        tail = self.tails.get(col)
        return tail is not None and tail[0].text.rstrip().endswith(FULL_STOPS)

    def fits_surely(self, col: Column, first: TextLine, settings: StitchSettings) -> bool:
        """Given a column and the first line of its cell at a page top, return True when that
        line's first word would have fitted after the foot's last line for certain: the
        previous page printed a line of that column at least that long (`plain_ends`), so
        the break was no wrap.  Only where glyphs' advances are seen (not OCR)."""
        tail, plain = self.tails.get(col), self.plain_ends.get(col)
        if tail is None or plain is None or not settings.advances_seen or mid_clause(tail[0].text):
            return False
        line = tail[0]
        return line.end + _joined_width(line, first, settings) <= plain + SAME_END_RATIO * line.size

    def unit_carries_on(self, first: TextLine, settings: StitchSettings) -> bool:
        """Given the first line of a units cell at the top of a page, return True when it
        carries on the unit name the previous page's foot cut (see `unit_wraps`)."""
        tail = self.tails.get(Column.UNITS)
        return tail is not None and self.units.wraps(tail[0], first, tail[1], settings)


def _joined_width(line: TextLine, first: TextLine, settings: StitchSettings) -> float:
    """Given a foot's last line and the next page's first line of its column, return the
    room the first word needs after that line: its width, and a space's (half an em, more
    than any font's) where a wrap between two Latin words dropped one ("call" / "center")."""
    word = first_word_width(first, settings)
    if not line.chars or not first.chars or line.trailing_space:
        return word
    if wrap_separator(line.chars[-1].text, first.chars[0].text) == " ":
        word += LATIN_SPACE_RATIO * line.size
    return word


def _marker_opens(col: Column, text: str) -> bool:
    if col == Column.SUB:
        return SUB_NO.regex.match(text) is not None
    if col == Column.INDICATOR:
        return INDICATOR_NO.regex.match(text) is not None
    return False


def score_rest(current: str, key: str) -> bool:
    """Given the open item cell's text and an item cell's text (compact keys), return True
    when the second is all the rest of the first one's score line: "得分：10" / "分",
    "得分：" / "88"."""
    found = ITEM_SCORE_IN.regex.search(current + key)
    return found is not None and found.start() < len(current)


def opens_item_row(
    cell: GridCell | None, state: _State, ratio: float = DEFAULT_REPEAT_EDIT_RATIO
) -> bool:
    """Given the item cell of a page's first table row (or None) and the state after the
    previous page, return True when that cell cannot continue the open item's cell.

    The open item cell ends with its score line ("得分：88", "得分："): nothing of it
    can follow but the rest of that line ("得分：10" / "分"), so any other item cell
    here opens an item.  The same holds for the open item's text printed in full again
    (layouts that repeat it on every row): a row the break cut shows only the rest of
    it (`pending`), a new row all of it.
    """
    if cell is None or not cell.lines:
        return False
    key = _key(cell)
    if printed_again(key, state.pending.get(Column.ITEM), ratio):
        return False
    current = state.open.get(Column.ITEM)
    if current is not None and score_rest(current, key):
        return False
    return printed_again(key, current, ratio) or (
        current is not None and ITEM_SCORE_IN.regex.search(current) is not None
    )


def _indicator_overleaf(cell: GridCell, state: _State) -> str | None:
    """Given the indicator cell of a page's first table row, which opens a new row, return
    the open indicator's text when this cell may hold its rest: the previous page's
    indicator cell was filled with text down to the foot (`_State.filled`), this one
    opens without a marker and is not the open text printed again; else None."""
    if cell.column != Column.INDICATOR or not cell.lines:
        return None
    current = state.open.get(Column.INDICATOR)
    if (
        current is None
        or not state.filled.get(Column.INDICATOR, False)
        or _marker_opens(cell.column, cell.lines[0].text)
        or _key(cell) in (current, state.pending.get(Column.INDICATOR))
    ):
        return None
    return current


def rest_of_item(cell: GridCell, state: _State) -> bool:
    """Given the item cell of a page's first table row, which opens a new row, return True
    when it holds the rest of the open item's merged text that the page foot cut
    ("提高服務滿意" / "度" above the foot, "(190分)" / "得分：149 分" overleaf, a new
    sub-indicator beside it): it opens with the points or the score label, which no item's
    name does, and the open item has not printed that part yet."""
    if cell.column != Column.ITEM or not cell.lines:
        return False
    current = state.open.get(Column.ITEM)
    if current is None or ITEM_SCORE_IN.regex.search(current) is not None:
        return False
    key = _key(cell)
    if ITEM_SCORE_IN.regex.match(key) is not None:
        return True  # "得分：149分": the score line the open item still owes
    return (
        ITEM_POINTS_IN.regex.match(key) is not None and ITEM_POINTS_IN.regex.search(current) is None
    )


def rest_of_indicator(cell: GridCell, state: _State) -> bool:
    """Given the indicator cell of a page's first table row, which opens a new row, return
    True when it holds the rest of the open indicator's merged text that the page foot cut
    ("4.提供多元案件查" / "詢管道"): it may (`_indicator_overleaf`), and the open
    indicator was numbered (a new one would be too).  Unnumbered indicators: see
    `indicator_cut`; an unmarked indicator after a numbered one that ended above
    the foot stays its own (the numbering check flags it)."""
    current = _indicator_overleaf(cell, state)
    return current is not None and INDICATOR_NO.regex.match(current) is not None


def indicator_cut(
    cell: GridCell, sub: GridCell | None, state: _State, settings: StitchSettings
) -> bool | None:
    """Given the indicator cell of a page's first table row, which opens a new row and has
    no marker, and the sub-indicator cell beside it, return whether it is the rest of the
    open unnumbered indicator the page foot cut (`_indicator_overleaf`): False where it
    cannot be (the foot's last line is not one this text could carry on, or its first word
    surely fitted there: `_State.fits_surely`), else by what the document shows, None
    where nothing does.  A name can fill its last line and its row by chance: reportlab
    seed 298's kind is a rest, seed 1241's a new indicator.  What tells:
    - the sub-indicator beside it numbers no higher than the last one under the open
      indicator ("① 訂定…" after "① 建立…" above the foot): the numbering started again,
      which only a new indicator does (`restarts_subs`; reportlab-extra 11790);
    - the document prints the two parts joined as a whole indicator elsewhere and never
      this cell's text alone ("強化陳情處理" / "機制"), or the other way round
      (`_State.whole_indicators`; -layout 27132);
    - a single glyph ("提高服務人員專業" / "度") is no indicator's name (the
      `items_complete` check says so too; -layout 27048).
    Where these disagree, nothing tells."""
    current = _indicator_overleaf(cell, state)
    if (
        current is None
        or INDICATOR_NO.regex.match(current) is not None
        or not state.carries_on(Column.INDICATOR, cell.lines[0], settings)
        or state.fits_surely(Column.INDICATOR, cell.lines[0], settings)
    ):
        return False
    key = _key(cell)
    whole = state.whole_indicators
    votes = set()
    if restarts_subs(sub, state):
        votes.add(False)
    if whole[current + key] and not whole[key]:
        votes.add(True)
    elif whole[key] and not whole[current + key]:
        votes.add(False)
    if len(key) < 2:
        votes.add(True)
    return votes.pop() if len(votes) == 1 else None


def restarts_subs(sub: GridCell | None, state: _State) -> bool:
    """Given a sub-indicator cell that opens a row and the state, tell whether its marker
    numbers no higher than the last sub-indicator's under the open indicator: within one
    indicator the numbers only grow (a number may be skipped), so its numbering started
    again."""
    if sub is None or state.sub_last is None:
        return False
    number = _sub_number(sub)
    return number is not None and number <= state.sub_last


def _sub_number(cell: GridCell) -> int | None:
    """Given a sub-indicator cell, return the number of the marker opening it, else None."""
    m = SUB_NO.regex.match(cell.lines[0].text) if cell.lines else None
    return marker_number(m) if m is not None else None


def continues_row(
    first_band: dict[Column, GridCell],
    state: _State,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
) -> bool:
    """Given the cells of a page's first table row and the state after the previous page,
    return True when that row is the rest of the row the page break cut.

    It is a new row when its indicator or sub-indicator cell opens something:
    text that is not the open merged text and either starts with a number marker
    or follows a cell that ended short (a finished cell).  The item column's
    short lines ("(100分)", "得分：88") tell nothing about wraps; it votes only by
    content (see `opens_item_row`).  A first word that surely fitted on the foot's line
    (`_State.fits_surely`) opens a new row; a cell opening with a closing mark ("。") is
    the cut cell's last line, wrapped, and votes for nothing.  A rest read only on
    `full_line_ratio`'s slack (`_State.carries_on_by_slack` for every cell that voted),
    or after a foot's sub-indicator line that ended a sentence (`_State.sentence_ended`),
    is recorded in `state.row_unsure` (the `row_continuation_unsure` check).
    """
    if not state.row_open:
        return False
    if opens_item_row(first_band.get(Column.ITEM), state, settings.repeat_edit_ratio):
        return False
    by_slack: list[bool] = []
    sub_ended = False
    for col in (Column.INDICATOR, Column.SUB):
        cell = first_band.get(col)
        if cell is None or not cell.lines:
            continue
        key = _key(cell)
        ratio = settings.repeat_edit_ratio
        if col == Column.INDICATOR and any(
            printed_again(key, texts.get(col), ratio) for texts in (state.open, state.pending)
        ):
            continue
        if opens_nothing(cell.lines[0].text):
            continue  # a closing mark opens nothing: the cut cell's last line, wrapped
        if _marker_opens(col, cell.lines[0].text) or not state.carries_on(
            col, cell.lines[0], settings
        ):
            return False
        if state.fits_surely(col, cell.lines[0], settings):
            return False  # a line that long stood in this column: its first word fitted
        by_slack.append(state.carries_on_by_slack(col, cell.lines[0], settings))
        # a full line ending a sentence may end the sub-indicator as well as go on
        sub_ended = sub_ended or (col == Column.SUB and state.sentence_ended(col))
    if (by_slack and all(by_slack)) or sub_ended:
        heads = [
            _key(first_band[c])[:12] for c in (Column.INDICATOR, Column.SUB) if c in first_band
        ]
        why = "a sentence ended at the foot" if sub_ended else "room for the first word"
        state.row_unsure.append(f"{' / '.join(heads)} ({why})")
    return True


def printed_line(line: TextLine) -> str:
    """Given a line, return its text with one trailing space when a space glyph ends it.

    An office engine that wraps at a space may draw that space at the line's end
    ("欄位 " / "46"); it is part of the text, and `join_wrapped` keeps it.
    """
    return line.text + " " if line.trailing_space and line.text else line.text


def _frag(
    col: Column,
    lines: Sequence[TextLine],
    page: int,
    *,
    cont: bool,
    para_break: bool = True,
    repeat: bool = False,
) -> Fragment:
    return Fragment(
        column=col,
        lines=tuple(printed_line(ln) for ln in lines),
        page=page,
        cont=cont,
        para_break=para_break,
        bbox=union_bbox([ln.bbox for ln in lines]),
        repeat=repeat,
    )


def spread_gap(line: TextLine, settings: StitchSettings = DEFAULT_STITCH_SETTINGS) -> float:
    """Given a line, return the spacing justification added to each gap between its glyphs:
    a spread line's smallest open gap (see `stretched`), else 0."""
    if not stretched(line, settings):
        return 0.0
    return min(g for g in _gaps(line.chars) if g > settings.spread_ratio * line.size)


def ideograph_spread(line: TextLine, settings: StitchSettings = DEFAULT_STITCH_SETTINGS) -> float:
    """Given a line, return the spacing justification added between its ideographs: where
    every gap between two neighbouring ideographs is open (two such gaps at least), the
    smallest, else 0.  Spaces printed between words open only some gaps ("短 2 日。")."""
    gaps = _open_gaps(line, _is_ideograph, settings)  # most lines: the first two touch
    return min(gaps) if len(gaps) >= 2 else 0.0


def wide_spread(line: TextLine, settings: StitchSettings = DEFAULT_STITCH_SETTINGS) -> float:
    """Given a line, return the spacing justification added between its wide glyphs (CJK,
    circled digits) where every gap between two neighbouring wide glyphs is open and all are
    alike, else 0: a short line ending in a Latin word, whose letters touch, spread by its
    engine ("③提供 call": 8.2 pt between ③, 提 and 供; `stretched` counts the letters'
    closed gaps and says no).  Wide glyphs touch unless spread, so one such gap tells."""
    gaps = _open_gaps(line, is_wide, settings)
    if not gaps or max(gaps) - min(gaps) > settings.spread_ratio * line.size:
        return 0.0
    return min(gaps)


def _open_gaps(
    line: TextLine, kind: Callable[[str], bool], settings: StitchSettings
) -> list[float]:
    """Given a line and a kind of glyph, return the gaps between its neighbouring glyphs of
    that kind when every one is open (wider than `spread_ratio` × size), else none."""
    closed = settings.spread_ratio * line.size
    gaps = []
    for a, b in itertools.pairwise(line.chars):
        if kind(a.text) and kind(b.text):
            gap = b.x0 - a.x1
            if gap <= closed:
                return []
            gaps.append(gap)
    return gaps


def natural_width(line: TextLine, settings: StitchSettings = DEFAULT_STITCH_SETTINGS) -> float:
    """Given a line, return its width without the spacing justification added (short unit
    lines are spread too): a spread line's open gaps each lose the smallest open gap
    (`spread_gap`), so the space an engine puts between Latin and CJK text ("1999 市",
    LibreOffice's autospacing) still counts."""
    chars = line.chars
    return chars[-1].x1 - chars[0].x0 - _spread_in_gaps(line, spread_gap(line, settings))


def _spread_in_gaps(line: TextLine, spread: float, *, base: float = 0.0) -> float:
    """Given a line, the spacing justification added to each of its gaps and the spacing
    every gap has of its own (`base`), return what justification added to the line."""
    if not spread:
        return 0.0
    return sum(min(g, spread) - base for g in _gaps(line.chars) if g > base)


def overruns(
    prev: TextLine,
    line: TextLine,
    limit: float,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    *,
    whole_head: bool = False,
) -> bool:
    """Given two lines of a units cell and the cell's right limit, tell whether the first
    line at its natural width (see `natural_width`) plus the next line's first glyph
    overruns the limit (or comes within `overrun_ratio` of it): only then can the second
    line be the first's name wrapped.  Where boxes are ink (`advances_seen` False: OCR), an
    ideograph counts an em.  With `whole_head`, the next line's head (`first_word_width`)
    counts instead of its first glyph: a wrap could have broken there at all."""
    if not prev.chars or not line.chars:
        return False
    head = line.chars[0]
    first = head.x1 - head.x0
    if not settings.advances_seen and _is_ideograph(head.text):
        first = max(first, line.size)  # an ideograph takes an em whatever its ink
    if whole_head:
        first = max(first, first_word_width(line, settings))
    slack = settings.overrun_ratio * prev.size
    return prev.x0 + natural_width(prev, settings) + first > limit - slack


def unit_wraps(
    prev: TextLine,
    line: TextLine,
    limit: float,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
) -> bool:
    """Given two lines of a units cell and the cell's right limit, return True when the
    second carries on the first's unit name: the first overruns (see `overruns`) and does
    not end as a unit name does.

    A line ending like a whole name (課, 中心, a closed "(各單位)") ends its unit even
    when it fills the column: the names around it are complete, unless the document
    itself shows otherwise (`UnitVocabulary`).
    """
    return overruns(prev, line, limit, settings) and not ends_like_name(prev.text)


@dataclass(frozen=True, slots=True)
class UnitVocabulary:
    """What a document's units cells tell about a line that ends like a name and fills its
    column, followed by another ("地政服務所" / "第二課"): one name wrapped, or two.

    Evidence that they are two names: the first line stands last in a cell (not cut
    by the page foot) or before a line it leaves room for, or before another line
    elsewhere; the second stands first in a cell (not cut by the page head) or after
    a line that leaves room for it, or after another line elsewhere; or the first is a
    section (科, 課), which only a squad (股) can be part of, and the second no squad
    (see `SECTION_UNIT`), or the first closes with a qualifier in brackets ("資訊小組(各單
    位)": a name goes on before its qualifier, never after it).  Without any, the pair could be either (`unsure`, flagged);
    printed so at least twice it is read as one name (`joined`: a wrapped name's parts
    always come together, though two names listed together twice look the same), once
    as two.  A tagged PDF may tell (`_UnitTally.marks_tell`): where its marked sequences
    agree with every pair the geometry decides, lines in one sequence are one name.
    """

    joined: frozenset[tuple[str, str]] = frozenset()
    unsure: frozenset[tuple[str, str]] = frozenset()

    def wraps(
        self,
        prev: TextLine,
        line: TextLine,
        limit: float,
        settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    ) -> bool:
        """Given two lines of a units cell and its limit, tell whether they are one name."""
        return unit_wraps(prev, line, limit, settings) or (
            (prev.text, line.text) in self.joined and overruns(prev, line, limit, settings)
        )


def _below_tier(head: str, tail: str) -> bool:
    """Given a units line and the next, tell whether the next cannot be a part of the first
    one's organisation: after a section (科, 課) only a squad (股) can, after a squad nothing;
    after a qualifier in brackets that closes the line nothing ("資訊小組(各單位)" /
    "資訊室": a name goes on before its qualifier, never after it)."""
    if head.endswith((")", "）")) and not unbalanced(head):
        return True
    if not SECTION_UNIT.regex.search(head):
        return False
    return SQUAD_UNIT.regex.search(head) is not None or SQUAD_UNIT.regex.search(tail) is None


def line_mark(line: TextLine) -> int | None:
    """Given a line, return the marked-content ID all its glyphs share (see `Char.mcid`;
    None: untagged, or drawn in several sequences)."""
    solid = [c.mcid for c in line.chars if not c.text.isspace()]
    if not solid or solid[0] is None:
        return None  # untagged (a line with one glyph unmarked has no single mark)
    marks = set(solid)
    return marks.pop() if len(marks) == 1 else None


def same_marks(lines: Sequence[TextLine]) -> list[bool | None]:
    """Given a cell's lines, return for each line after the first whether a tagged PDF drew
    it in the line before's marked sequence (None: either has no single mark)."""
    marks = [line_mark(ln) for ln in lines]
    return [None if a is None or b is None else a == b for a, b in itertools.pairwise(marks)]


@dataclass(slots=True)
class _UnitTally:
    """What a document's units cells showed so far (see `UnitVocabulary`)."""

    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    closed: set[str] = field(default_factory=set)  # seen ending a name
    opened: set[str] = field(default_factory=set)  # seen starting a name
    # Tagged PDFs: whether the lines of each pair in `pairs` shared a marked sequence, and
    # how the marks of pairs the geometry decides agreed with it: two names apart, one
    # name wrapped in one sequence (`marks_tell`).
    pair_marks: dict[tuple[str, str], set[bool | None]] = field(default_factory=dict)
    names_apart: int = 0
    wraps_together: int = 0
    marks_wrong: int = 0

    def add_cell(
        self, cell: GridCell, limit: float, grid: PageGrid, tol: float, settings: StitchSettings
    ) -> None:
        lines = cell.lines
        if not lines:
            return
        if cell.top > grid.body_top + tol:  # not the rest of a cell cut by the page head
            self.opened.add(lines[0].text)
        if cell.bottom < grid.body_bottom - tol:  # not cut by the page foot
            self.closed.add(lines[-1].text)
        for (prev, ln), same in zip(itertools.pairwise(lines), same_marks(lines), strict=True):
            self.add_pair(prev, ln, limit, settings, same)

    def add_pair(
        self,
        prev: TextLine,
        ln: TextLine,
        limit: float,
        settings: StitchSettings,
        same: bool | None = None,
    ) -> None:
        """Given two lines in a units cell (or a foot's last and the next page's first), the
        cell's limit and whether the lines share a marked sequence, note what they show:
        two names, one name wrapped, or a pair that may be either."""
        if not overruns(prev, ln, limit, settings) or _below_tier(prev.text, ln.text):
            self.closed.add(prev.text)
            self.opened.add(ln.text)
            # Apart for certain where the next line's whole head would have fitted: a name
            # goes on after a break its first glyph alone leaves room for ("資訊小組" /
            # "(各單位)": no break after "(").
            if not overruns(prev, ln, limit, settings, whole_head=True):
                self._mark(same, False)
        elif ends_like_name(prev.text):
            self.pairs[(prev.text, ln.text)] += 1
            self.pair_marks.setdefault((prev.text, ln.text), set()).add(same)
        else:
            self._mark(same, True)

    def _mark(self, same: bool | None, one: bool) -> None:
        if same is None:
            return
        if same != one:
            self.marks_wrong += 1
        elif one:
            self.wraps_together += 1
        else:
            self.names_apart += 1

    def marks_tell(self) -> bool:
        """Tell whether the document's marks tell one name from two: every pair the geometry
        decides agrees with them, two names apart at least once and one name wrapped in one
        sequence at least once (a producer marking each line, or each cell, fails this)."""
        return self.names_apart > 0 and self.wraps_together > 0 and not self.marks_wrong

    def vocabulary(self) -> UnitVocabulary:
        # A line followed by different lines, or following different lines, is a name of
        # its own: a wrapped name's two parts always come together.
        tails = Counter(a for a, _ in self.pairs)
        heads = Counter(b for _, b in self.pairs)
        joined: set[tuple[str, str]] = set()
        unsure: set[tuple[str, str]] = set()
        tell = self.marks_tell()
        for (a, b), n in self.pairs.items():
            if a in self.closed or b in self.opened or tails[a] > 1 or heads[b] > 1:
                continue
            # In a tagged PDF whose marks agree with everything the geometry decides, the
            # pair is one name where its lines share a sequence each time they are marked,
            # two where they never do (Chromium: a block each; "地政服務所" / "第二課").
            marks = self.pair_marks.get((a, b), set()) - {None}
            if tell and marks in ({True}, {False}):
                if marks == {True}:
                    joined.add((a, b))
                continue
            # Printed so twice or more, the pair reads as one name (a wrapped name's parts
            # always come together), but two names listed together in two rows look the
            # same (make fuzz, reportlab seeds 1949, 3401, 3595, 3834, 4033): unsure too.
            if n >= 2:
                joined.add((a, b))
            unsure.add((a, b))
        return UnitVocabulary(frozenset(joined), frozenset(unsure))


def unit_vocabulary(
    grids: Sequence[PageGrid], settings: StitchSettings = DEFAULT_STITCH_SETTINGS
) -> UnitVocabulary:
    """Given a document's page grids, return what its units cells tell about names that end
    like a unit and fill the column (see `UnitVocabulary`)."""
    tally = _UnitTally()
    foot: tuple[TextLine, float] | None = None  # the last page's foot units line, its limit
    for grid in grids:
        observed = right_limits(grid.cells)
        tol = settings.band_ratio * _body_size(grid)
        cells = [c for c in grid.cells if c.column == Column.UNITS and c.lines]
        for c in cells:
            tally.add_cell(c, right_limit(c, observed), grid, tol, settings)
        # A name cut by the page foot goes on overleaf ("地政服務所" / "第二課", LibreOffice
        # 21074): the foot's last line and the next page's first are a pair as well (their
        # marks tell nothing: each page numbers its marked sequences anew).
        head = min(cells, key=lambda c: c.top, default=None)
        if foot is not None and head is not None and head.top <= grid.body_top + tol:
            tally.add_pair(foot[0], head.lines[0], foot[1], settings)
        last = max(cells, key=lambda c: c.bottom, default=None)
        cut = last is not None and last.bottom >= grid.body_bottom - tol
        foot = (last.lines[-1], right_limit(last, observed)) if last and cut else None
    return tally.vocabulary()


def unit_vocabulary_checks(vocab: UnitVocabulary) -> list[Check]:
    """Given a document's unit vocabulary, return a failed check naming the lines that may
    be one unit name wrapped or two names, when the document cannot tell."""
    if not vocab.unsure:
        return []
    pairs = "; ".join(f"{a!r} / {b!r}" for a, b in sorted(vocab.unsure))
    msg = (
        "units lines ending like a name and filling the column, then another line: one name "
        f"wrapped or two names? {pairs}"
    )
    return [Check("unit_wraps", "error", msg, False)]


def latin_wrap_checks(
    grids: Sequence[PageGrid],
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    ocr_pages: Collection[int] = (),
) -> list[Check]:
    """Given a document's page grids, return a failed check naming the wraps between two
    Latin letters that nothing decides: the line before left no room for one more letter,
    so the engine may have broken a word there (LibreOffice does inside CJK text: "Fac" /
    "ebook") as well as wrapped at a space, and no word standing whole elsewhere in the
    document tells which (`latin_wrap`; a wrap that left room shows whole words too:
    `_words_wrapped_with_room`).  Such a wrap is read as a space.

    OCR drops the space between two Latin words at random ("callcenter" beside "call
    center"): a word seen whole only on pages in `ocr_pages` that is two of the document's
    words run together tells nothing."""
    wraps = list(_latin_line_wraps(grids, settings))
    words = _latin_words(grids, ocr_pages) | _words_wrapped_with_room(wraps, settings, ocr_pages)
    found: list[str] = []
    for w in wraps:
        a, tail, head = w.upper, w.tail, w.head
        if a.trailing_space or latin_wrap(a.text, w.lower.text, words) is not None:
            continue  # a space printed, or the document tells
        if w.room <= w.letter + settings.overrun_ratio * a.size:
            found.append(f"p{w.page}: {tail.group('word')} / {head.group('word')}")
    if not found:
        return []
    msg = "a Latin word wrapped where a line was full, read as two words: " + "; ".join(found)
    return [Check("latin_wrap_unsure", "error", msg, False)]


@dataclass(frozen=True, slots=True)
class _LatinWrap:
    """Two consecutive lines of a cell wrapped between two Latin letters: the page, the
    lines, the Latin word ending the first and opening the second (`LATIN_TAIL`,
    `LATIN_HEAD`), the room the first left before its cell's right limit and the width of
    the second's first letter (points)."""

    page: int
    upper: TextLine
    lower: TextLine
    tail: regex.Match[str]
    head: regex.Match[str]
    room: float
    letter: float


def _spreading(line: TextLine, settings: StitchSettings) -> float:
    """Given a line, return how much wider justification printed it than its glyphs are
    (the larger of `spread_gap` and `wide_spread` in each gap): room the engine had left
    before it spread it."""
    spread = max(spread_gap(line, settings), wide_spread(line, settings))
    if not spread:
        return 0.0
    # spacing every gap has (CSS letter-spacing: 0.36 pt between "c", "a", "l", "l") is
    # the glyphs' own, not justification's
    base = max(0.0, min(_gaps(line.chars)))
    return _spread_in_gaps(line, spread, base=base)


def _latin_line_wraps(
    grids: Sequence[PageGrid], settings: StitchSettings = DEFAULT_STITCH_SETTINGS
) -> Iterator[_LatinWrap]:
    """Given a document's page grids, yield each wrap between two Latin letters in a cell
    (see `_LatinWrap`); the room a line left is counted before justification spread it (a
    line an engine spread to its edge after wrapping at a space was not full)."""
    for grid in grids:
        observed = right_limits(grid.cells)
        for c in grid.cells:
            limit = right_limit(c, observed)
            for a, b in itertools.pairwise(c.lines):
                tail, head = LATIN_TAIL.regex.search(a.text), LATIN_HEAD.regex.match(b.text)
                if tail is not None and head is not None and b.chars:
                    letter = b.chars[0].x1 - b.chars[0].x0
                    room = limit - a.end + _spreading(a, settings)
                    yield _LatinWrap(grid.page_no, a, b, tail, head, room, letter)


def _words_wrapped_with_room(
    wraps: Sequence[_LatinWrap], settings: StitchSettings, ocr_pages: Collection[int]
) -> set[str]:
    """Given a document's wraps between Latin letters (`_latin_line_wraps`) and its OCR'd
    pages, return the Latin words those wraps show whole: where a line ending in a Latin
    word left room for the next line's first letter and an em more (`room_word_ratio`),
    the engine wrapped at a space, as none breaks a word where its next letter fits.  The
    word ending the line is whole where it does not open its line ("ca" / "ll" / "center":
    "ll" ends a word a wrap broke), and so is the one opening the next where more of that
    line follows it ("提供 call" / "center 諮詢服" beside "(2)提供 call" / "center 諮詢服" at
    the column's edge: one template's lines, each wrapped after "call").  An OCR'd page's
    line ends are ink, and tell nothing."""
    words: set[str] = set()
    ratio = settings.overrun_ratio + settings.room_word_ratio
    for w in wraps:
        if w.page in ocr_pages or w.room <= w.letter + ratio * w.upper.size:
            continue
        if w.tail.start("word") > 0:  # else a word broken before may end here
            words.add(w.tail.group("word"))
        if w.head.end() < len(w.lower.text):
            words.add(w.head.group("word"))
    return words


def _latin_words(grids: Sequence[PageGrid], ocr_pages: Collection[int]) -> set[str]:
    """Given a document's page grids and its OCR'd pages, return the Latin words it shows
    whole (`latin_vocabulary`), less those seen so only on OCR'd pages that are two of
    them run together (see `latin_wrap_checks`)."""

    def vocabulary(pages: Sequence[PageGrid]) -> set[str]:
        return latin_vocabulary(
            [printed_line(ln) for ln in c.lines] for g in pages for c in g.cells
        )

    words = vocabulary(grids)
    if not ocr_pages:
        return words
    printed = vocabulary([g for g in grids if g.page_no not in ocr_pages])
    run_together = {
        w
        for w in words - printed
        if any(w[:i] in words and w[i:] in words for i in range(1, len(w)))
    }
    return words - run_together


def units_fragment(
    cell: GridCell,
    page: int,
    cont: bool,
    observed: dict[Column, float],
    vocab: UnitVocabulary = UnitVocabulary(),
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
) -> Fragment:
    """Given a units cell, return its fragment with one line per unit (a wrapped name joined,
    as the text path hands units over)."""
    limit = right_limit(cell, observed)
    units: list[list[TextLine]] = []
    for ln in cell.lines:
        if units and vocab.wraps(units[-1][-1], ln, limit, settings):
            units[-1].append(ln)
        else:
            units.append([ln])
    names = tuple(join_wrapped([printed_line(ln) for ln in u]) for u in units)
    # `names`: the units are decided here, by the page's geometry; structure must not join
    # them again by a character count (it joined "1999市民熱線" / "研考科", reportlab 3834).
    return Fragment(
        column=cell.column,
        lines=names,
        page=page,
        cont=cont,
        bbox=union_bbox([ln.bbox for ln in cell.lines]),
        names=names,
    )


def _merged_token(
    cell: GridCell,
    key: str,
    cont: bool,
    grid: PageGrid,
    state: _State,
    tol: float,
    ratio: float = DEFAULT_REPEAT_EDIT_RATIO,
) -> Fragment | None:
    """Given an ITEM or INDICATOR cell, return its fragment, or None when it repeats the open text.

    Layouts that repeat merged text on every row print it again; a row cut by
    the page foot prints only its head, and the rest on the next page: that rest
    comes back marked `repeat` (no text, but the cut row reaches this page).  With
    `ratio` > 0 (OCR) a repeat read slightly differently counts too (`near_repeat`),
    noted in `state.near`.
    """
    col = cell.column
    current = state.open.get(col)
    if cont:
        pending = state.pending.pop(col, None)
        if printed_again(key, pending, ratio):
            if key != pending:
                state.near.append(f"p{grid.page_no}: {key!r} taken for the cut rest {pending!r}")
            return _frag(col, cell.lines, grid.page_no, cont=True, repeat=True)
        state.open[col] = (current or "") + key
        return _frag(col, cell.lines, grid.page_no, cont=True)
    if current is not None:
        if key == current:
            return None
        # A head cut by the foot before a near repeat: "(10分)" read "（10分)" is like
        # enough to the whole "…(10分)得分：" to pass for it, and its rest overleaf would
        # then open an item.
        at_foot = cell.bottom >= grid.body_bottom - tol
        if at_foot and len(key) < len(current) and _head_of(key, current, ratio):
            state.pending_next[col] = current[len(key) :]
            return None
        if printed_again(key, current, ratio):
            state.near.append(f"p{grid.page_no}: {key!r} taken for {current!r} printed again")
            return None
    state.open[col] = key
    state.sub_last = None  # a new item or indicator numbers its sub-indicators anew
    if col == Column.ITEM:
        state.open.pop(Column.INDICATOR, None)
    else:
        state.row_open = True
    return _frag(col, cell.lines, grid.page_no, cont=False)


# Full-width ASCII forms to ASCII, one character for one: OCR reads a bracket's or a
# colon's width at random ("(40分）" under "（40分）").  `normalise.text.fold_width` folds
# letters and digits only (it keeps CJK punctuation for output); this is for comparing.
_HALF_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})


def _head_of(key: str, current: str, ratio: float) -> bool:
    """Given a merged cell's key at a page foot and the open text, tell whether the cell is
    the head of the open text printed again (its rest is overleaf); with `ratio` > 0
    (OCR) whatever width its brackets and colons were read at."""
    if current.startswith(key):
        return True
    return ratio > 0 and current.translate(_HALF_WIDTH).startswith(key.translate(_HALF_WIDTH))


@dataclass
class _Page:
    """What one page's cells are placed with: the grid, its line bands and tolerances."""

    grid: PageGrid
    tol: float
    pitch: float
    observed: dict[Column, float]
    edges: dict[Column, float]
    bands: list[float]
    first_band: dict[Column, GridCell] = field(default_factory=dict)
    continued: bool = False

    def band_of(self, c: GridCell | ExtraGridCell) -> int:
        return min(range(len(self.bands)), key=lambda i: abs(self.bands[i] - c.top))


def _page_of(grid: PageGrid, settings: StitchSettings) -> _Page:
    """Given a page's grid, return what its cells are placed with (no first band yet)."""
    size = _body_size(grid)
    tol = settings.band_ratio * size
    return _Page(
        grid=grid,
        tol=tol,
        pitch=usual_pitch(grid.cells, settings.pitch_step_ratio * size),
        observed=right_limits(grid.cells),
        edges=justified_edges(grid.cells, settings),
        bands=snap((c.top for c in grid.cells), tol),
    )


def grid_to_tokens(
    grid: PageGrid, state: _State, settings: StitchSettings = DEFAULT_STITCH_SETTINGS
) -> list[Token]:
    """Given one page's grid and the state after the previous page, return its tokens (updating state)."""
    page = state.pages.pop(id(grid), None) or _page_of(grid, settings)
    tol = page.tol
    page.first_band = {
        c.column: c
        for c in grid.cells
        if abs(c.top - grid.body_top) <= tol and page.bands and page.band_of(c) == 0
    }
    if any(f.kind == "dimension" for f in grid.furniture):
        state.reset()
    page.continued = continues_row(page.first_band, state, settings)

    out: list[Token] = []
    for obj in _reading_order(page):
        if isinstance(obj, Furniture):
            out.append(obj)
            if obj.kind in ("subtotal", "dimension"):
                state.reset()
        elif isinstance(obj, ExtraGridCell):
            out.append(_extra_token(obj, page))
        else:
            out.extend(_cell_tokens(obj, page, state, settings))
    _remember_tails(page, state, settings)
    _settle_ahead(state, grid.page_no)
    return out


def _settle_ahead(state: _State, page_no: int | None = None) -> None:
    """Full heading lines decided by the headings of the next page's first result cell,
    which was not read as going on with theirs (pages before `page_no`; all, at the
    document's end): unsure after all."""
    keep = [(p, w) for p, w in state.ahead_pending if page_no is not None and p >= page_no]
    state.habit_unsure += [w for p, w in state.ahead_pending if (p, w) not in keep]
    state.ahead_pending = keep


def _reading_order(page: _Page) -> list[Furniture | GridCell | ExtraGridCell]:
    """Given a page, return its furniture, cells and extra cells by line band, then column."""
    grid, bands = page.grid, page.bands
    entries: list[tuple[float, int, Furniture | GridCell | ExtraGridCell]] = [
        (f.bbox.top if f.bbox else 0.0, -1, f) for f in grid.furniture
    ]
    entries += [(bands[page.band_of(c)], int(c.column), c) for c in grid.cells]
    order = {label: 5 + j for j, (label, _, _) in enumerate(grid.extra_ranges)}
    # A cell of a column beyond the five above every band (the rest of the row the page
    # break cut, alone in a thin row of its own) comes first, before the next row opens.
    entries += [
        (
            bands[page.band_of(e)] if bands and e.top >= bands[0] - page.tol else e.top,
            order.get(e.label, 5),
            e,
        )
        for e in grid.extras
    ]
    entries.sort(key=lambda e: (e[0], e[1]))
    return [obj for _, _, obj in entries]


def _extra_token(obj: ExtraGridCell, page: _Page) -> ExtraCell:
    first = page.continued and bool(page.bands) and page.band_of(obj) == 0
    return ExtraCell(
        label=obj.label,
        lines=tuple(printed_line(ln) for ln in obj.lines),
        page=page.grid.page_no,
        cont=first and abs(obj.top - page.grid.body_top) <= page.tol,
        bbox=union_bbox([ln.bbox for ln in obj.lines]),
    )


def _cell_tokens(
    cell: GridCell, page: _Page, state: _State, settings: StitchSettings
) -> list[Token]:
    """Given one table cell of the page, return its tokens (the row opened if it starts one)."""
    grid, col = page.grid, cell.column
    first = page.first_band.get(col) is cell
    cont = first and (page.continued or rest_of_item(cell, state) or rest_of_indicator(cell, state))
    if first and not cont and col == Column.INDICATOR:
        cut = indicator_cut(cell, page.first_band.get(Column.SUB), state, settings)
        if cut is None:
            # Read as its own (the rest of a cut name and a new name look alike; make fuzz
            # found both), and said to be unsure.
            state.cut_unsure.append(
                f"p{grid.page_no}: {_key(cell)!r} after {state.open.get(col)!r} above the foot"
            )
        cont = bool(cut)
    out: list[Token] = []
    if col in (Column.ITEM, Column.INDICATOR):
        merged = _merged_token(
            cell, _key(cell), cont, grid, state, page.tol, settings.repeat_edit_ratio
        )
        if merged is not None:
            out.append(merged)
    elif col == Column.RESULT:
        # The headings of the cell before this one's (read last) where this one goes on.
        carried = state.foot_headings if cont else Headings()
        so_far = state.foot_paragraph if cont else ()
        if cont:  # the foot's cell goes on here: what it took from this one was right
            state.ahead_pending = []
        paragraphs = _result_paragraphs(cell, page, state, settings, carried, so_far)
        for i, para in enumerate(paragraphs):
            if i == 0 and cont:
                joins = state.carries_on(Column.RESULT, para[0], settings)
                joins = joins and not _ends_overleaf(para[0], page, state, so_far)
                out.append(_frag(col, para, grid.page_no, cont=True, para_break=not joins))
            else:
                out.append(_frag(col, para, grid.page_no, cont=i > 0))
    elif col == Column.UNITS:
        frag = units_fragment(cell, grid.page_no, cont, page.observed, state.units, settings)
        if cont and state.unit_carries_on(cell.lines[0], settings):
            frag = replace(frag, para_break=False)
        out.append(frag)
    else:
        out.append(_frag(col, cell.lines, grid.page_no, cont=cont))
        if col == Column.SUB and not cont and cell.lines:
            state.sub_last = _sub_number(cell)
    if col in (Column.SUB, Column.UNITS, Column.RESULT) and not cont:
        state.row_open = True
    return out


def _result_paragraphs(
    cell: GridCell,
    page: _Page,
    state: _State,
    settings: StitchSettings,
    carried: Headings,
    lead: Sequence[TextLine] = (),
) -> list[list[TextLine]]:
    """Given a result cell, what its part before a page break showed of its headings and
    the lines of the paragraph that part left open (`lead`), return its paragraphs: by the
    page's geometry, then where a full line leaves it open, by the document's habits
    (`layout.habits`)."""
    known = state.result_starts.get(id(cell))
    starts = known[1] if known is not None else _result_starts(cell, page, settings)
    texts = [ln.text for ln in cell.lines]
    ahead = state.overleaf.get(id(cell), Headings())
    marks = state.result_marks.get(id(cell), ())
    found = state.habits.starts(texts, starts, carried, ahead, marks, [ln.text for ln in lead])
    state.by_marks += [f"p{page.grid.page_no} {t!r}" for t in found.by_marks]
    state.ahead_pending += [
        (page.grid.page_no, f"p{page.grid.page_no} {t!r} (by the headings overleaf)")
        for t in found.decided_ahead
    ]
    state.foot_headings = found.shown  # the last result cell read is the foot's
    paragraphs = grouped(cell.lines, found.starts)
    state.foot_paragraph = paragraphs[-1] if paragraphs else ()
    state.habit_ends += [f"p{page.grid.page_no} {t!r}" for t in found.ended]
    state.habit_unsure += [f"p{page.grid.page_no} {t!r}" for t in found.headings]
    state.count_unsure += [f"p{page.grid.page_no} {t!r}" for t in found.counts]
    if state.habit_lines is not None:
        state.habit_lines |= {
            (page.grid.page_no, "".join(texts[i].split())) for i in found.by_habit + found.runs_on
        }
    return paragraphs


def _ends_overleaf(first: TextLine, page: _Page, state: _State, so_far: Sequence[TextLine]) -> bool:
    """Given the first line of a result cell at a page top that would carry on the foot's
    paragraph (its cell read: `state.foot_headings` is what both parts show of their
    headings) and that paragraph's lines so far, tell whether the document's habits end that
    paragraph at the foot instead (`ParagraphHabits.ends` on the whole paragraph so far:
    a heading's marker may stand lines above the foot's last one, "(3)改善「商品具結先行放"
    / "行」申請作業程序："; a heading or a count no habit decides is listed as unsure)."""
    tail = state.tails.get(Column.RESULT)
    if tail is None or PARAGRAPH_MARKER.regex.match(first.text):
        return False
    text = join_wrapped([ln.text for ln in so_far]) if so_far else tail[0].text
    ends = state.habits.ends(text, state.foot_headings, first.text)
    where = f"p{page.grid.page_no} top {tail[0].text[-12:]!r}"
    if ends is None and heading_shape(text) == "alone":
        state.habit_unsure.append(where)
    elif ends is None:
        state.count_unsure.append(where)
    elif ends:
        state.habit_ends.append(where)
    return bool(ends)


def _result_starts(cell: GridCell, page: _Page, settings: StitchSettings) -> list[bool]:
    limit = right_limit(cell, page.observed)
    edge = page.edges.get(Column.RESULT)
    cut = cell.bottom >= page.grid.body_bottom - page.tol
    return paragraph_starts(cell.lines, limit, page.pitch, settings, edge, open_end=cut)


def _results_by_geometry(
    grids: Sequence[PageGrid],
    pages: Mapping[int, _Page],
    settings: Mapping[int, StitchSettings],
) -> dict[int, tuple[list[str], list[bool]]]:
    """Given page grids, their placements (by the grid's id) and each page's settings,
    return each result cell's line texts and paragraph starts by the page's geometry,
    keyed by the cell's id."""
    out = {}
    for grid in grids:
        page = pages[id(grid)]
        for cell in grid.cells:
            if cell.column == Column.RESULT and cell.lines:
                starts = _result_starts(cell, page, settings[grid.page_no])
                out[id(cell)] = ([ln.text for ln in cell.lines], starts)
    return out


def result_marks(
    grids: Sequence[PageGrid], results: Mapping[int, tuple[list[str], list[bool]]]
) -> dict[int, list[bool | None]]:
    """Given page grids and each result cell's geometric paragraph starts (by the cell's id),
    return for each result cell whether each line is in the line before's marked sequence
    (None: unknown), where the document's marks tell paragraphs apart, else nothing.

    They tell where they agree with every line break the geometry decides: a paragraph
    started (room left, a list marker) in a sequence of its own, a sentence wrapped at a
    comma or before closing punctuation in the same; once each at least (Chromium draws
    each paragraph in a sequence; a producer marking each line, or each cell, fails)."""
    out: dict[int, list[bool | None]] = {}
    apart = together = wrong = 0
    for grid in grids:
        for cell in grid.cells:
            known = results.get(id(cell))
            if cell.column != Column.RESULT or known is None:
                continue
            same = [None, *same_marks(cell.lines)]
            for i, (prev, ln) in enumerate(itertools.pairwise(cell.lines), 1):
                sure_wrap = mid_clause(prev.text) or opens_nothing(ln.text)
                if same[i] is None or not (known[1][i] or sure_wrap):
                    continue
                if known[1][i] == same[i]:
                    wrong += 1
                elif same[i]:
                    together += 1
                else:
                    apart += 1
            out[id(cell)] = same
    return out if apart and together and not wrong else {}


def _feet(
    grids: Sequence[PageGrid], pages: Mapping[int, _Page]
) -> list[tuple[GridCell, GridCell | None]]:
    """Given page grids and their placements (by the grid's id), return each page's last
    result cell that reaches the page's foot, with the next page's first result cell where
    that one opens its page (where the row goes on overleaf, the same result's), else None."""
    out: list[tuple[GridCell, GridCell | None]] = []
    for grid, after in itertools.pairwise(grids):
        foot = max(_result_cells(grid), key=lambda c: c.bottom, default=None)
        if foot is None or foot.bottom < grid.body_bottom - pages[id(grid)].tol:
            continue
        head = min(_result_cells(after), key=lambda c: c.top, default=None)
        opens = head is not None and abs(head.top - after.body_top) <= pages[id(after)].tol
        out.append((foot, head if opens else None))
    return out


def _whole_indicators(grids: Sequence[PageGrid], pages: Mapping[int, _Page]) -> Counter[str]:
    """Given page grids and their placements (by the grid's id), return how often each
    indicator text stands in a cell that does not open its page (which may be the rest of
    one the foot before cut).  A cell the foot cut counts too: its head is never what
    `indicator_cut` asks about (a page top's text, or the foot's and the top's joined)."""
    out: Counter[str] = Counter()
    for grid in grids:
        tol = pages[id(grid)].tol
        for c in grid.cells:
            if c.column == Column.INDICATOR and c.lines and c.top > grid.body_top + tol:
                out[_key(c)] += 1
    return out


def _overleaf_headings(
    feet: Sequence[tuple[GridCell, GridCell | None]],
    results: Mapping[int, tuple[list[str], list[bool]]],
) -> dict[int, Headings]:
    """Given the result cells at page feet with the cells opening the next pages (`_feet`)
    and each result cell's lines and geometric starts, return for each foot's cell what
    the next page's first result cell shows of its headings."""
    return {id(foot): cell_headings(*results[id(head)]) for foot, head in feet if head}


def _habit_evidence(
    results: Mapping[int, tuple[list[str], list[bool]]],
    feet: Sequence[tuple[GridCell, GridCell | None]],
) -> list[tuple[list[str], list[bool]]]:
    """Given each result cell's lines and geometric starts (by the cell's id) and the
    result cells at page feet with the cells opening the next pages (`_feet`), return the
    result cells' lines and starts as evidence of where paragraphs end: a foot's cell
    without its last paragraph where the next page's first result cell may go on with it
    (opens with no list marker: "…每 2個" over "月…")."""
    cut = {
        id(foot)
        for foot, head in feet
        if head is not None and not PARAGRAPH_MARKER.regex.match(head.lines[0].text)
    }
    out = []
    for key, (texts, starts) in results.items():
        if key in cut:
            last = max(i for i, start in enumerate(starts) if start or i == 0)
            texts, starts = texts[:last], starts[:last]
        out.append((texts, starts))
    return out


def _result_cells(grid: PageGrid) -> list[GridCell]:
    return [c for c in grid.cells if c.column == Column.RESULT and c.lines]


def _remember_tails(page: _Page, state: _State, settings: StitchSettings) -> None:
    """What the next page needs to know: the last line of each cell cut by the page foot."""
    grid = page.grid
    state.pending, state.pending_next = state.pending_next, {}
    cut = [c for c in grid.cells if c.bottom >= grid.body_bottom - page.tol and c.lines]
    state.tails = {
        cell.column: (
            cell.lines[-1],
            right_limit(cell, page.observed),
            page.edges.get(cell.column),
        )
        for cell in cut
    }
    state.plain_ends = {}
    for c in grid.cells:
        if c.last_column != c.column:
            continue
        for ln in c.lines:
            if ln.chars and _is_ideograph(ln.chars[-1].text):
                state.plain_ends[c.column] = max(state.plain_ends.get(c.column, 0.0), ln.x1)
    reach = settings.foot_reach_ratio
    state.filled = {
        c.column: c.bottom - c.lines[-1].bottom <= reach * c.lines[-1].size for c in cut
    }
    state.line_ends = {} if settings.boxes_printed else page.observed


def mark_notes(tokens: Sequence[Token]) -> list[Token]:
    """Given a document's tokens, return them with the text after a form's last 小計 as notes.

    A line outside the table is a note (總分, 備註, a signature line) when a 小計 came
    before it and no table text or dimension follows it before the next form's title;
    page numbers are not notes.
    """
    out = list(tokens)
    tail = True  # no table text or dimension between here and the next title (or the end)
    for i in range(len(out) - 1, -1, -1):
        tok = out[i]
        if isinstance(tok, Furniture) and tok.kind == "title":
            tail = True
        elif not isinstance(tok, Furniture) or tok.kind == "dimension":
            tail = False
        elif (
            tail
            and tok.kind == "other"
            and not PAGE_NUMBER.regex.match(tok.text)
            and _after_subtotal(out, i)
        ):
            out[i] = replace(tok, kind="notes")
    return out


def _after_subtotal(tokens: Sequence[Token], i: int) -> bool:
    """Given tokens and an index, tell whether a 小計 comes before it with only furniture
    between: a running title (one printed again on every page) does not part them, a
    new form's title does."""
    titles = Counter(t.text for t in tokens[:i] if isinstance(t, Furniture) and t.kind == "title")
    for tok in reversed(tokens[:i]):
        if isinstance(tok, Furniture) and tok.kind == "subtotal":
            return True
        if not isinstance(tok, Furniture):
            return False
        if tok.kind == "title":
            if titles[tok.text] < 2:
                return False
            titles[tok.text] -= 1
    return False


def layout_checks(
    grids: Sequence[PageGrid],
    units: UnitVocabulary,
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    ocr_pages: Collection[int] = (),
) -> list[Check]:
    """Given a document's page grids and unit vocabulary (and its OCR'd pages), return the
    stitcher's own findings: wraps it read on a guess (unit names, Latin words), pages
    between two pages of the table that hold text but no cell of it (`pages_outside_table`),
    and text inside the table that no cell took (`text_in_table_unread`)."""
    return (
        unit_vocabulary_checks(units)
        + latin_wrap_checks(grids, settings, ocr_pages)
        + pages_outside_table(grids, settings)
        + text_in_table_unread(grids)
    )


def text_in_table_unread(grids: Sequence[PageGrid]) -> list[Check]:
    """Given a document's page grids, return an error for text inside a table's body that
    fell in none of its cells (between two columns' frames, past the last column's edge),
    or beside the table at the body's height: it is kept as text outside the table, and
    the cell it belongs to lacks it."""
    lost = [(g.page_no, f.text) for g in grids for f in g.unread]
    if not lost:
        return []
    where = "; ".join(f"p{page} {text!r}" for page, text in lost[:5])
    more = f" … and {len(lost) - 5} more" if len(lost) > 5 else ""
    message = (
        f"{len(lost)} line(s) of text inside the table or beside it fell in no cell (kept "
        f"as text outside the table; a cell lacks it): {where}{more}"
    )
    return [Check("text_in_table_unread", "error", message, False)]


def pages_outside_table(
    grids: Sequence[PageGrid], settings: StitchSettings = DEFAULT_STITCH_SETTINGS
) -> list[Check]:
    """Given a document's page grids, return an error for the pages between two pages of
    the table that hold `loose_lines` lines or more of text but no cell: a page whose
    header row or columns were not found, its rows read as text outside the table.  The
    table goes on to its last 小計: a page after its last cell counts the lines above the
    last 小計 on it or after it (a last page whose header row was not read; notes below
    the 小計 are no table's).  Pages before its first cell are not counted: a summary page
    may print dimension headings and points there."""
    with_cells = [k for k, g in enumerate(grids) if g.cells]
    if not with_cells:
        return []
    ends = [
        (k, i)
        for k in range(with_cells[-1] + 1, len(grids))
        for i, f in enumerate(grids[k].furniture)
        if f.kind == "subtotal"
    ]
    end = max(ends, default=(with_cells[-1], 0))
    loose = []
    for k in range(with_cells[0] + 1, end[0] + 1):
        n = sum(f.kind == "other" for f in grids[k].furniture[: end[1] if k == end[0] else None])
        if not grids[k].cells and n >= settings.loose_lines:
            loose.append((grids[k].page_no, n))
    if not loose:
        return []
    where = "; ".join(f"p{page} ({n} lines)" for page, n in loose)
    message = (
        f"{len(loose)} page(s) between pages of the table (or before its last 小計) read no "
        f"cell of it, their text kept as text outside the table: {where}"
    )
    return [Check("pages_outside_table", "error", message, False)]


def grids_to_stream(
    grids: Sequence[PageGrid],
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    ocr_pages: Collection[int] = (),
    units: UnitVocabulary | None = None,
    habit_lines: set[tuple[int, str]] | None = None,
) -> tuple[tuple[Token, ...], tuple[Check, ...]]:
    """Given the table grid of each page in order, return the whole document's token stream
    and what stitching decided on weaker evidence (`layout_checks`; `units`: the document's
    unit vocabulary, see `unit_vocabulary`, read from the grids when not given).

    Pages in `ocr_pages` were read by OCR, which does not see every printed space
    (`StitchSettings.spaces_seen`) nor glyphs' advances (`advances_seen`; a units line's
    end is known less exactly, `OCR_OVERRUN_RATIO`), nor read merged text printed again
    identically (`repeat_edit_ratio`: such a repeat joined is listed in the `ocr_repeats`
    check), and places lines less exactly (`OCR_PARA_GAP_RATIO`).

    `habit_lines`, when given, receives each result line (page number, text without
    spaces) after which the document's habits end a paragraph, whatever the geometry
    said, or which they read as a heading running on (`layout.habits`; the side-by-side
    reader's `paragraph_ends_unsure`).
    """
    vocab = unit_vocabulary(grids, settings) if units is None else units
    out: list[Token] = []
    ocr = replace(
        settings,
        spaces_seen=False,
        advances_seen=False,
        overrun_ratio=max(settings.overrun_ratio, OCR_OVERRUN_RATIO),
        repeat_edit_ratio=OCR_REPEAT_EDIT_RATIO,
        para_gap_ratio=max(settings.para_gap_ratio, OCR_PARA_GAP_RATIO),
    )
    page_settings = {g.page_no: ocr if g.page_no in ocr_pages else settings for g in grids}
    pages = {id(g): _page_of(g, page_settings[g.page_no]) for g in grids}
    results = _results_by_geometry(grids, pages, page_settings)
    feet = _feet(grids, pages)
    habits = paragraph_habits(_habit_evidence(results, feet))
    state = _State(units=vocab, habits=habits, result_starts=results, pages=pages)
    state.result_marks = result_marks(grids, results)
    state.whole_indicators = _whole_indicators(grids, pages)
    state.habit_lines = habit_lines
    state.overleaf = _overleaf_headings(feet, results)
    for grid in grids:
        out.extend(grid_to_tokens(grid, state, page_settings[grid.page_no]))
    _settle_ahead(state)
    checks = layout_checks(grids, vocab, settings, ocr_pages)
    if ocr_pages:
        message = (
            f"{len(state.near)} merged cells OCR read differently taken for the text printed "
            "above: " + "; ".join(state.near[:10])
            if state.near
            else "every merged cell printed again was read identically"
        )
        checks.append(Check("ocr_repeats", "warning", message, not state.near))
    return tuple(mark_notes(out)), (*checks, *_unsure_checks(state))


def _unsure_checks(state: _State) -> list[Check]:
    """What stitching decided on weak evidence (`indicator_page_cut`, the habits' checks,
    `row_continuation_unsure`)."""
    out = []
    if state.cut_unsure:
        message = (
            "unnumbered indicator text at a page top read as an indicator of its own, though "
            "it may be the rest of the one the page foot cut (that one's text filled its cell "
            "to the foot, its last line full): " + "; ".join(state.cut_unsure[:10])
        )
        out.append(Check("indicator_page_cut", "error", message, False))
    out += _habit_checks(state)
    if state.row_unsure:
        message = (
            "rows at a page top read as the rest of the row the page foot cut, though the "
            "first word of each of their cells would have fitted on the foot's last line, or "
            "the foot's sub-indicator line ended a sentence (new rows of their own?): "
            + "; ".join(state.row_unsure[:10])
        )
        out.append(Check("row_continuation_unsure", "error", message, False))
    return out


def _habit_checks(state: _State) -> list[Check]:
    """What the document's habits decided (`paragraph_habits`, info) and the full heading
    or count lines they could not (`heading_end_unsure`, `count_end_unsure`)."""
    out = []
    if state.habit_ends:
        message = (
            f"{len(state.habit_ends)} full line(s) read as a paragraph's end by the document's "
            "habit (its results end paragraphs with that mark or a count in that unit and "
            "never go on after it on a line, or print list headings on a line of their own): "
            + "; ".join(state.habit_ends[:10])
        )
        out.append(Check("paragraph_habits", "info", message, True))
    if state.by_marks:
        message = (
            f"{len(state.by_marks)} full heading or count line(s) no habit decides, decided by "
            "the tagged PDF's marked sequences (a paragraph in a sequence of its own): "
            + "; ".join(state.by_marks[:10])
        )
        out.append(Check("paragraph_marks", "info", message, True))
    if state.habit_unsure:
        message = (
            f"{len(state.habit_unsure)} list heading(s) fill their line with text under them: "
            "a heading on a line of its own and one whose text runs on look alike there, and "
            "neither their cell nor enough of the document's cells show one habit only (a "
            "document may print one result's headings alone, another's running on; read as "
            "running on): " + "; ".join(state.habit_unsure[:10])
        )
        out.append(Check("heading_end_unsure", "error", message, False))
    if state.count_unsure:
        message = (
            f"{len(state.count_unsure)} full line(s) end with a count and no mark, with text "
            "under them: the document ends only a few paragraphs with a count in that unit "
            "and never prints words after one, too few to tell a paragraph's end from a "
            "wrap there (read as a wrap): " + "; ".join(state.count_unsure[:10])
        )
        out.append(Check("count_end_unsure", "error", message, False))
    return out


def grids_to_tokens(
    grids: Sequence[PageGrid],
    settings: StitchSettings = DEFAULT_STITCH_SETTINGS,
    ocr_pages: Collection[int] = (),
    units: UnitVocabulary | None = None,
) -> tuple[Token, ...]:
    """Given the table grid of each page in order, return the whole document's token stream
    (see `grids_to_stream`)."""
    return grids_to_stream(grids, settings, ocr_pages, units)[0]
