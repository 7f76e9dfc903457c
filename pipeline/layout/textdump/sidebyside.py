"""Dumps that print the table's columns side by side (`pdftotext -layout`): put back on a
page as glyphs and read by the PDF path's grid and stitching.

Such a dump keeps where each piece of text stood, in character cells: a line is the
page's text at one height, and a run of text (parted from the next by two spaces or
more) starts at the cell its x position maps to, every character one cell.  What it
loses is the rules, the glyphs' own widths, the heights, and where a run the tool pushed
against the one before it begins.  The steps (`side_by_side_read`), each on evidence
the dump keeps:

0. a justified line's spread glyphs ("提 供 民 眾 線 上") are put back together (`_despread`),
   and where they meet lone half-width glyphs ("1 . 1 0 6 年 度") so are a marker's (in
   words too: "一 、"), a number's and a Latin word's; a space left between lone glyphs
   may or may not have stood in the PDF, and is read as a space drawn with no width
   (`UNSURE_SPACE`), settled where the document's unspread lines show how
   (`_spreads_settled`: the same two sides; after a marker opening the line, its
   column's habit for such markers, whatever follows);
1. **columns** from the header labels and the white gaps of the body (`grid.find_columns`,
   as for an unruled PDF page), page by page; the cells lines start at are grouped
   (less than `jitter` apart), each group goes to the column its lines stand under (a
   line that cannot be a unit name never to the units), and the edges move to `jitter`
   cells before each column's anchor, the cell most of its lines start at, and before
   its first group (`_start_clusters`, `_anchored`);
2. **pushed text cut back** (`_unpushed`, `_cut`, `_glued`, `_glued_name`): the next
   column's text after a single space past the edge (or short of it by no more than the
   extra cells of the unit name of the document's own that follows), after a space
   between two wide glyphs, after a whole unit name where what follows can be no name,
   at a list marker after an item's or indicator's words, after an item's "(N分)"
   (alone or ending its name), near the edge of an item's or indicator's run far wider
   than its column (`_next_line_near`), a unit name of the document's own after a line wider than
   its column wraps, a unit name of the document's own glued with no space to a run wider
   than its column wraps where what stands before it is not (`_own_name_past_width`), a
   name's first line glued to a sub-indicator's run wider than its column, its rest the
   units line under it, where the widths leave one place for it (`_name_rest_below`), a
   unit name glued with no space past the edge (one of the
   document's own, or any whole name starting where its block's units lines do
   (`_block_units_anchors`; else the page's), or a
   name's ending there where the run is wider than its column wraps and what stands
   before it is not; one of its own also where the word a space cut off past the edge
   ends with it, "人員光發展處"),
   the indicator's line glued after an item's "(N分)" wherever it stands, or the
   results' text printed with no space after a name longer in cells than in ems; a score line
   ("得分：34 分") is never cut; then a run well inside a left-aligned column with no
   next-column cell beside it (`_left_aligned`) or a second run in one column on a line
   (`_one_cell_per_column`) moves on to the next column; the
   cells such runs started at are their column's start in their block (between blank
   lines, and with columns beyond the five between rows too, `_start_blocks`: the tool
   pushes a row's narrow cells by that row's lines), and the page is cut again with
   every run that starts there moved first (`_block_starts`; into a column of numbers,
   numbers only, its start in one row good for its blank-line block's others; a run a few cells short of a narrow column's start
   stays where the header and the column before's start agree on it, or where it stands
   with a line wider than that column's, and so does a run at that start with such a
   line there: `_short_stays`); two runs in
   one column beside a run in every column after it are one line a space apart
   (`_cells_joined`: a pitch narrower than the glyphs widened the space after an
   ideograph), and a second run in the results or a narrow column, with no run printed in
   every column after it, is cut as the next column's (`_after_own_column`).  Columns
   beyond the five (narrow: notes, a score) are cut apart by `_cut_before_extra` and
   `_score_pushed`, each at least as wide as its label (`_label_widths`); a cut by width
   alone gives way to a line the next column prints whole elsewhere (twice, as printed
   or as a first cut reads it, or once after a Latin word; several such lines a space
   apart, `_notes_only`, also before two cells' meeting), or to such a line glued
   with no space to a results line wider than the results wrap (`_note_glued`), or,
   before a column of numbers (its whole runs, and the numbers
   pushed against a row's first results line: `_pushed_numbers`), to the row's number
   pushed at the run's end on a row's first line (`_opens_a_row`, reading each column a
   run of several cells crosses into; text opening with a closing mark opens none), which that column takes (`_number_for`), a
   number the tool pushed past a column of numbers goes back to it (`_numbers_back`),
   and a header row printing one label per column (labels a space apart counted apart:
   "自評分數 檢討與改善") heads each column with its label,
   wherever the tool put it;
3. **heights** (`_stacked_tops`): between blank lines, each column's lines are stacked one
   under the other, since the tool interleaves all columns' lines (a block whose first
   line has neither indicator nor sub-indicator text carries on the block above,
   `_block_end`); a row inside such a block opens where `_opens_row` finds one, and an
   unnumbered indicator line beside its first line (or, with none there, on the line
   under it: `_row_indicator_head`) carries on the indicator above where the joined text
   is one the indicator column holds whole in another block (`_indicator_rest`);
4. **widths** (`_tightened`, `_rules`): a glyph at its own width (a CJK or ambiguous
   glyph an em, any other half of one), every line at its column's left edge (header
   labels a space apart in one run head a column each, in order), each
   column a ruled box `wrap_room` wider than its widest line (`_wrap_width`), so the
   stitcher reads a line that left room for the next line's head as a paragraph's end,
   and one that did not as a wrap (never by a justified edge: `DRAWN_BOXES`); a line
   ending in a Latin word above one starting with a lowercase Latin word is filled with
   spaces to its edge, a wrap (`_latin_wraps`), and so is one ending in a number (or an
   ideograph above one) where the head under it would not have fitted after the space a
   document that spaces its numbers held there (the tool drops it); outside the table (a
   title, a page's foot) runs are words a space apart, each after the one before
   (`_words_apart`); a justified line's no-width spaces (with none left, the gaps between
   its glyphs) are widened so that it ends where its column's widest line does
   (`_stretched`: the PDF stretched it to its edge);
5. what stays open is said: `_unsure_ends` lists sentence ends a wrap and a paragraph's
   end could both have left (the `paragraph_ends_unsure` check), `_overflows` lines
   wider than their column's box once put back, two columns' text the cuts did not part
   (the `column_overflow` check), and `_spreads_settled` justified lines whose spread
   glyphs meet a marker or a lone digit, or spread a number's digits, where a space may
   or may not have stood and the document's unspread lines do not tell (the
   `spread_spaces_unsure` check); `_extra_unsure` narrow cells' lines after a Latin word
   whose column is a guess the document does not confirm (`extra_column_unsure`), and
   `_narrow_misreads` rows whose narrow cells read wrong by what those columns hold
   elsewhere (`extra_column_misread`; a row's cells are its block's, blocks parted where a
   row opens too: `_row_blocks`), once `_settle_narrow` has moved the lines one move
   (or one split of a line, or a cell's missing piece taken back, its last one too from
   the line under it: `_last_piece`) puts right by that evidence (the `extra_column_moved`
   warning), or, where a row reads as held both ways, the reading held more often
   (`_rival_moves`, `extra_column_rival`); where a pitch narrower than the glyphs shows,
   `_pitch_spaced` puts back and lists the spaces it may have dropped after a Latin word
   or a number
   (`pitch_space_unsure`); `_units_pushed` lists units' text cut off after a
   sub-indicator's Latin word where the sub-indicator's next line shows its line had room
   left and no word of the units column confirms the cut (`units_after_latin`).

What goes wrong past these is left to the checks of the shared stitcher and validator.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import regex

from pipeline.errors import InputError, LimitError, NotAFormError
from pipeline.layout.grid.page import find_band, find_columns, lines_below, page_to_text
from pipeline.layout.grid.stream import gap_between, merge_spans
from pipeline.layout.pages import pages_to_grids
from pipeline.layout.stitch import (
    DEFAULT_STITCH_SETTINGS,
    grids_to_stream,
    latin_runs_on,
    opens_nothing,
)
from pipeline.layout.textdump.calibration import ends_with_points
from pipeline.layout.textdump.paging import classify_furniture
from pipeline.layout.textdump.units import ends_like_unit, is_unit_line, is_unit_name
from pipeline.models import Char, Check, PageContent, PageStream, Ruling, Severity
from pipeline.normalise.patterns import (
    BULLET,
    CLOSING_START,
    EXTRA_HEADER_LABELS,
    HEADER_LABELS,
    ITEM_POINTS,
    ITEM_POINTS_IN,
    ITEM_SCORE,
    LATIN_WORD,
    LIST_MARKER,
    NUMBER_TAKES,
    PAGE_NUMBER,
    PARAGRAPH_MARKER,
    SUB_NO,
    ends_like_name,
    marker_number,
    unbalanced,
)
from pipeline.normalise.text import habitual_kinds, kind_counts, spaced_pair, spacing_counts

# A run: text with at most single spaces inside; two spaces or more part runs.
_RUN = regex.compile(r"\S+(?: \S+)*")
# A space a justified line printed between two lone glyphs where the PDF may have had
# one or none (`_despread`): read as a space, drawn next to no width (the line was
# stretched to its column's edge, so its glyphs alone measure it; some width keeps the
# glyphs in order), and never a place to cut.
UNSURE_SPACE = "\u2009"
# Such a space the document's own lines show stood there (`_spreads_settled`): drawn alike.
_SETTLED_SPACE = "\u200a"
_UNSURE_EMS = 0.05
# Where an unsure space stands, the text either side that the document's lines are asked
# about: a Latin word or a number (its digits any), else two glyphs.
_SIDE = regex.compile(r"[A-Za-z]+|[0-9][0-9,.%]*|\S{1,2}")
# How often a document must print two kinds of glyph one way, never the other, to show
# its habit there.
_HABIT = 3
_DIGITS = regex.compile(r"[0-9]+")
# A list marker's number in words or circled ("三、", "(二)", "③"): any, like digits.
_MARKER_NUMBER = regex.compile(
    r"(?<!\p{Han})(?<=^|[(（\s])[一二三四五六七八九十]{1,3}(?=[、．.)）])|[①-⑳]"
)
_SPACE = regex.compile(r"\s")
_WORD = regex.compile(r"\S+")
_NUMERALS = tuple("一二三四五六七八九十")
_CIRCLED = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_NO_WIDTH = frozenset({UNSURE_SPACE, _SETTLED_SPACE})
_AS_SPACE = str.maketrans(dict.fromkeys(_NO_WIDTH, " "))
# Wide glyphs each alone between single spaces, at least this many: a justified line.
_SPREAD_GLYPHS = 4
_SPREAD_SINGLES = 5
# A list marker opening a cell: (1) 1. 1、 ① 一、 (一).
_MARKER = regex.compile(
    r"(?:[(（]\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|[0-9]{1,2}\s*[.．、)）](?![0-9])|[①-⑳]|[一二三四五六七八九十]{1,3}\s*[、．.])"
)
# An indicator cell's number: 2、 3. (三) 四、
_INDICATOR_OPENS = regex.compile(
    r"(?:[0-9]{1,2}\s*[.．、](?![0-9])|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]"
    r"|[一二三四五六七八九十]{1,3}\s*[、．.])"
)
# Column keys of runs (`bisect_right` over the column edges): 1 is the item column.
_ITEM, _INDICATOR, _SUB, _UNITS, _RESULT = 1, 2, 3, 4, 5
# A number a space apart from the glyphs either side of it, as a line prints it ("第 3 頁").
_SPACED_NUMBER = regex.compile(r"(?<=\S) [0-9][0-9,.]*%? (?=\S)")
# A number alone, and one ending a run after a space (a score column's cell: 8, 161.5).
_NUMBER = regex.compile(r"[0-9][0-9,.]*%?")
_PUSHED_NUMBER = regex.compile(r" [0-9][0-9,.]*%?$")
# A URL's part a line's end cut ("www.", "https://www.", "http://e-").
_URL_CUT = regex.compile(r"(?:www|://)[A-Za-z0-9./:?=_-]*[./:-]$")
# Text ending in a Latin word or a URL's end ("www.", "tw/").
_LATIN_END = regex.compile(r"[A-Za-z][A-Za-z0-9./:?=_-]*$|[./:]$")
_LATIN_WORD = regex.compile(r"[A-Za-z][A-Za-z0-9./:?=_-]*")
# Every header label, of the five columns and beyond (a wrapped one's rest completes it).
_LABELS = frozenset((*(label for alts in HEADER_LABELS for label in alts), *EXTRA_HEADER_LABELS))
# Bullets a list entry opens with, a space after them ("• 已完成").
_BULLETS = frozenset("•●○■□◆◇▪※-")
_SCORE_HEAD = regex.compile(r"\s*得\s*分")  # an item's 得分 line's head
# An item's 得分 line with its 分, and text glued after it: the next column's line the tool
# pushed against it ("得分：24.5 分業務標準作業"); an item's score line never goes on.
_SCORE_GLUED = regex.compile(r"\s*得\s*分\s*[:：]?\s*\d+(?:\.\d+)?\s*分(?=\S)")
_NO_NAME = regex.compile(r"[，。；：！？「」『』]")  # a sentence's punctuation: in no unit name
# A Latin word or a number before an ideograph, a space between or none ("Facebook 粉",
# "e化", "28日"); two Latin words a space apart.
_NARROW_BEFORE_HAN = regex.compile(r"(?<![A-Za-z0-9,.%])(?:[A-Za-z]+|[0-9][0-9,.]*%?)(?= ?\p{Han})")
_LATIN_PAIR = regex.compile(r"(?<![A-Za-z])([A-Za-z]+) ([A-Za-z]+)(?![A-Za-z])")
_HAN_SPACE = regex.compile(r"\p{Han} $")  # an ideograph, then a space, ending the text
_HAN_LINE = regex.compile(r"\p{Han}+")  # a line of ideographs only
_HAN_HEAD = regex.compile(r"\p{Han}(?:\p{Han}|$)")  # a line opening with two, or one alone


@dataclass(frozen=True, slots=True)
class SideBySideSettings:
    """Geometry a side-by-side dump is put back on; `SIDE_BY_SIDE` holds the defaults."""

    # A character cell's width and a wide glyph's size, in points.
    glyph: float = 10.0
    # One dump line, in points: more than a glyph, so lines stay apart.
    line_step: float = 12.0
    # Points a blank line adds between blocks: past the grid's block gap (0.9 × size).
    blank_step: float = 12.0
    # Ems a run may be wider than its column's widest run without a space before it is
    # taken for two cells' text the tool pushed together.
    push_slack: float = 0.5
    # Ems past its column's wrap width beyond which a run surely holds two cells' text.
    far_past: float = 2.0
    # Ems of a column's box left of its text once put back …
    margin: float = 0.25
    # … and right of its widest line, besides the margin: a line as wide as the widest
    # leaves this much room, so the stitcher (`wraps_into`: a wrap where the next line's
    # head would not have fitted with half an em to spare) reads a line that left room
    # for a whole glyph as a paragraph's end and one that did not as a wrap (the dump's
    # widths come in half ems).
    wrap_room: float = 0.75
    # Ems a Latin letter or sign may be off its half-em cell (`width_slack`).
    glyph_slack: float = 0.25
    # Share of a dump's lines with glyphs spread by justification above which it is refused.
    spread_share: float = 0.05
    # Cells a run may start left of its column's anchor (`_anchored`).
    jitter: float = 3.0
    # Every run is one cell's line at its own column's start (a Markdown table put back,
    # `markdown`): no run is cut or moved to another column.
    cells_placed: bool = False
    # A document spaces its numbers ("計 214 件") or Latin words from ideographs where
    # its body shows them a space apart this often, and touching at most this share as
    # often (`_spaced_kinds`): a line ending in one of them wrapped at a space (`_number_wraps`).
    spaced_numbers: int = 5
    touching_share: float = 0.1
    # A dump's body prints ideographs a space apart from ASCII digits and letters as a
    # producer's autospacing does (`_autospace_check`) where they touch at most this share
    # as often as they stand apart: in the generated forms LibreOffice renders 1 % or less
    # (a word it broke inside, a line cut), in documents typing their spaces by hand 5.8 %
    # and more (the landoffice texts), in the other generated forms about as often or more.
    autospace_touching: float = 0.03


SIDE_BY_SIDE = SideBySideSettings()
# The boxes `_rules` draws are the reader's, `wrap_room` past each column's widest line.
# No gap between glyphs put back is a justification's spread (`spread_ratio` infinite):
# `_despread` closed every spread the dump shows, a gap left is a space the line printed
# ("6 年 4 月 9 日"), and a line the PDF spread by less than a cell per gap shows none, so
# no column is found justified (`justified_edges`) and no line is taken as spread.
DRAWN_BOXES = replace(DEFAULT_STITCH_SETTINGS, boxes_printed=False, spread_ratio=math.inf)


@functools.cache
def _wide(ch: str) -> bool:
    """Given a character, return whether it is an em wide: wide and full-width characters,
    and the ambiguous ones (•, ①, ※, ×), which CJK fonts draw full-width."""
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


@dataclass(frozen=True, slots=True)
class _Run:
    line: int
    x: float  # points: the character cell it starts in, times the glyph width
    text: str


@dataclass(frozen=True, slots=True)
class _Page:
    number: int
    lines: tuple[str, ...]
    runs: list[_Run]
    columns: tuple[float, ...] | None
    # Text cut off for a column beyond the five after a Latin word (`_extra_after_latin`):
    # (line, the part's text, where to report it).
    after_latin: tuple[tuple[int, str, str], ...] = ()
    numeric: frozenset[int] = frozenset()  # the document's columns of numbers only
    joined: int = 0  # cells' lines printed as two runs (`_cells_joined`)
    # (line, column) of the runs the tool printed spread: justified lines (`_printed_spread`).
    spread: frozenset[tuple[int, int]] = frozenset()
    # Each line's row block: blocks parted where a row opens too (`_row_blocks`).
    rows: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class _Measures:
    """What the whole document tells a page's cuts: each column's widest line in ems
    (`_column_widths`), its unit names (`_unit_names`) and the columns beyond the five
    that hold numbers only (`_numeric_columns`)."""

    widths: dict[int, float]
    units: frozenset[str]
    numeric: frozenset[int] = frozenset()
    # Lines the columns beyond the five print whole (`_note_lines`): twice or more, once.
    notes: frozenset[str] = frozenset()
    notes_once: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()  # names' first lines (`_name_heads`)
    results: frozenset[str] = frozenset()  # the results column's runs (`_column_lines`)
    # the indicator and sub-indicator columns' runs (`_held_tail`)
    indicators: frozenset[str] = frozenset()
    subs: frozenset[str] = frozenset()


def _column(columns: Sequence[float], x: float, s: SideBySideSettings) -> int:
    """Given a page's column edges and where a run starts, return its column key (1 the
    item column, 0 left of the table, `len(columns)` right of it): a run is in the column
    its first glyph's middle falls in."""
    return bisect.bisect_right(columns, x + s.glyph / 2)


def _runs(lines: Sequence[str], s: SideBySideSettings) -> list[_Run]:
    return [
        _Run(i, m.start() * s.glyph, _despread(m.group()))
        for i, ln in enumerate(lines)
        for m in _RUN.finditer(ln)
    ]


def _despread(text: str) -> str:
    """Given a run, return it with a justified line's spread glyphs put back together: four
    wide glyphs or more, each alone between single spaces ("提 供 民 眾 線 上 申 辦 ，"), are
    one cell's line that the PDF stretched to its column's width; a glyph that touches a
    word ("國際交流暨觀光 提 供") or a marker ("① 提") keeps its space.  Where such glyphs
    meet half-width ones (`_spread_edges_unsure`), the spaces inside a marker, a number or
    a Latin word are put back together too (`_sure_singles`), two wide glyphs alone a space
    apart are spread as well ("透 過"), and a space left between two of its lone glyphs is
    unsure, kept as `UNSURE_SPACE` (`_spreads_settled` settles it where the document
    shows how): "1 . 1 0 6 年 度" is "1.␣106␣年度" (but before the run's last word, where a
    score may stand pushed)."""
    words = text.split(" ")
    lone = [len(w) == 1 for w in words]
    unsure = _spread_edges_unsure(text)
    if unsure:
        words, lone = _sure_singles(words)
    spans = dict(_spread_spans(words, 2 if unsure else _SPREAD_GLYPHS))
    # (word, lone glyphs only, the run's last word standing alone)
    out: list[tuple[str, bool, bool]] = []
    i = 0
    while i < len(words):
        if i in spans:
            out.append(("".join(words[i : spans[i]]), True, False))
            i = spans[i]
        else:
            out.append((words[i], lone[i], i == len(words) - 1))
            i += 1
    joined = out[0][0]
    for (_, before, _), (word, alone, last) in itertools.pairwise(out):
        joined += (UNSURE_SPACE if unsure and before and alone and not last else " ") + word
    return joined


def _spreads_settled(pages: list[_Page], s: SideBySideSettings) -> tuple[list[_Page], list[str]]:
    """Given the pages as printed (justified lines put back together: `_despread`), return
    them with each unsure space of a justified line settled where the document's other
    lines show what stands there, and where a justified line is still unsure (the
    `spread_spaces_unsure` check).

    A justified line prints a space after its marker, around a number or a Latin word
    ("透 過 L I N E 官 方") alike, whether the PDF had one there or none.  The lines of the
    table the tool printed unspread show the document's habit for the same two sides
    (`_SIDE`: "透過" and "LINE", a number's digits any): found only with a space, the space
    stood (`_SETTLED_SPACE`); only without, none did; both or neither, it stays unsure.  A
    line whose last word is a lone half-width glyph after another ("月 2 6": a score may
    stand pushed after it) stays unsure too.  A list marker opening the line is read as
    its column's unspread lines opening with such a marker, any number, print it: with the
    space, without, or as most of them where both; and said unsure whatever they show.  A
    form may space one entry's marker and not the next's: `-layout-extra` seed 30401 read
    "一 、 提 供 c a l l" glued, as the four other entries its column printed unspread were,
    where the PDF had "一、 提供"."""
    plain: list[str] = []
    columns: dict[int, list[str]] = {}
    for page in pages:
        for i in _body_lines(page.lines):
            for m in _RUN.finditer(page.lines[i]):
                if _spread_edges_unsure(m.group()) or _spread_spans(m.group().split(" "), 3):
                    continue
                col = _column(page.columns, m.start() * s.glyph, s) if page.columns else 0
                plain.append(_digits_any(m.group()))
                columns.setdefault(col, []).append(plain[-1])
    joined = "\n" + "\n".join(plain)
    openings = {col: "\n" + "\n".join(texts) for col, texts in columns.items()}
    kinds = _kinds(joined)
    places: list[str] = []
    out: list[_Page] = []
    for page in pages:
        body = _body_lines(page.lines)
        runs: list[_Run] = []
        for r in page.runs:
            raw = _printed_run(page.lines[r.line], r, s)
            if r.line not in body or raw is None or not _spread_edges_unsure(raw.group()):
                runs.append(r)
                continue
            col = _column(page.columns, r.x, s) if page.columns else 0
            corpus = _Plain(joined, kinds, openings.get(col, ""))
            text, by_habit = _settled(r.text, corpus)
            tail = raw.group().split(" ")[-2:]
            loose_end = len(tail) == 2 and all(_loose_edge(w) for w in tail)
            if UNSURE_SPACE in text or by_habit or loose_end:
                places.append(_where(page.number, raw.group()[:24]))
            runs.append(_Run(r.line, r.x, text))
        out.append(replace(page, runs=runs))
    return out, places


def _digits_any(text: str) -> str:
    """Given text, return it with each number's digits as one "0", and a list marker's
    number in words or circled as "一" or "①" (`_spreads_settled`): a document spacing
    "二、 提供" but printing "一、提供" shows no habit for "一、"."""
    return str(_MARKER_NUMBER.sub(_any_marker_number, _DIGITS.sub("0", text)))


def _any_marker_number(m: regex.Match[str]) -> str:
    return "①" if m.group() in _CIRCLED else "一"


@dataclass(frozen=True, slots=True)
class _Plain:
    """A document's unspread table lines (`_spreads_settled`), each opening with a newline:
    as printed, a number's digits any (`_digits_any`), as their glyphs' kinds, and as
    printed in one column only (where a marker opening a line is asked about)."""

    text: str
    kinds: str
    column: str = ""


def _settled(text: str, corpus: _Plain) -> tuple[str, bool]:
    """Given a run with unsure spaces and the document's unspread lines, return it with
    each settled where those lines print its two sides one way only, or, printing them
    nowhere, the two sides' kinds of glyph often and one way only; and whether it read the
    space after a marker opening the run by those lines, which is always unsure
    (`_spreads_settled`; the others left unsure stay unsure spaces, read with the space)."""
    out = ""
    by_habit = False
    for i, ch in enumerate(text):
        if ch != UNSURE_SPACE:
            out += ch
            continue
        words = _SPACE.split(text[:i])
        before = words[-1]
        # A list marker is asked about whole, and where it opens the run, as a run's
        # opening: "1. 106" is no decimal's "95.5".
        marker = bool(BULLET.regex.fullmatch(before) or LIST_MARKER.regex.fullmatch(before))
        sides = [m.group() for m in _SIDE.finditer(before)]
        left = before if marker else sides[-1] if sides else ""
        right = _SIDE.match(_SPACE.split(text[i + 1 :])[0])
        if not left or right is None:
            out += ch
            continue
        opens = "\n" if marker and len(words) == 1 else ""
        a, b = opens + _digits_any(left), _digits_any(right.group())
        if opens:
            # A marker opening its line is read as its column prints such markers, whatever
            # text follows: "一、建置" printed glued three times tells nothing where the
            # column also prints "二、 依規定".  Both ways, it reads as most are.
            n_spaced = corpus.column.count(f"{a} ")
            n_glued = len(regex.findall(regex.escape(a) + r"\S", corpus.column))
            spaced, glued = n_spaced > 0, n_glued > 0
            if spaced and glued and n_glued > n_spaced:
                by_habit = True
                continue
        else:
            spaced, glued = f"{a} {b}" in corpus.text, f"{a}{b}" in corpus.text
        if not spaced and not glued:
            # Never printed so: the document's habit for the two kinds of glyph, where
            # its lines show it often and one way only ("透過" and "LINE": an ideograph
            # before a Latin letter).
            a = opens + _kinds(left) if marker else _kinds(left)[-1]
            b = _kinds(right.group())[0]
            n_spaced, n_glued = corpus.kinds.count(f"{a} {b}"), corpus.kinds.count(f"{a}{b}")
            spaced = n_spaced >= _HABIT and not n_glued
            glued = n_glued >= _HABIT and not n_spaced
        by_habit = by_habit or (bool(opens) and spaced != glued)
        out += ch if spaced == glued else _SETTLED_SPACE if spaced else ""
    return out, by_habit


def _kinds(text: str) -> str:
    """Given text, return each glyph as its kind (`_kind`)."""
    return "".join(_kind(ch) for ch in text)


def _kind(ch: str) -> str:
    """Given a glyph, return its kind: a Latin letter "a", a digit "0", a circled number
    "①", any other wide glyph "一" but a bullet, any other glyph itself."""
    if _latin(ch):
        return "a"
    if ch.isascii() and ch.isdigit():
        return "0"
    if "①" <= ch <= "⑳":
        return "①"
    return "一" if _wide(ch) and not BULLET.regex.fullmatch(ch) else ch


def _sure_singles(words: list[str]) -> tuple[list[str], list[bool]]:
    """Given a justified run's words (split at single spaces), return them with each pair
    of half-width glyphs no text prints a space apart joined: two digits, a digit and the
    sign after it (". , % )"), a bracket and the digit in it, a comma or a point between
    digits (but the point of the run's opening marker, "1." before "106"), two Latin
    letters, and a list marker in words opening the run ("一 、": `_spread_marker`); and
    for each word whether it is lone glyphs only.  The run's last word is
    left alone: a score may have been pushed after it a space apart ("月 2 6")."""
    k = _spread_marker(words)
    out = ["".join(words[: k or 1])]
    lone = [k > 0 or len(out[0]) == 1]
    for i, w in enumerate(words[k or 1 : -1], start=k or 1):
        prev = out[-1]
        marker = i == 1 or (len(out) == 1 and LIST_MARKER.regex.fullmatch(prev))
        if len(w) == 1 and _sure_pair(prev[-1:], w, words[i + 1][:1], marker):
            out[-1] = prev + w
        else:
            out.append(w)
            lone.append(len(w) == 1)
    if len(words) > 1:
        out.append(words[-1])
        lone.append(len(words[-1]) == 1)
    return out, lone


def _spread_marker(words: Sequence[str]) -> int:
    """Given a run's words (split at single spaces), return how many open it as a list
    marker in words, spread glyph by glyph ("一 、", "( 三 )", "十 二 、"), with more words
    after it; else 0.  The space after it is as unsure as after "1 ."."""
    opening = int(bool(words) and words[0] in ("(", "（"))
    k = opening
    while k < len(words) and words[k] in _NUMERALS:
        k += 1
    close = (")", "）") if opening else ("、", "．", ".")
    if not 1 <= k - opening <= 3 or k + 1 >= len(words) or words[k] not in close:
        return 0
    return k + 1


def _sure_pair(a: str, b: str, after: str, marker: bool) -> bool:
    """Given two glyphs a space apart in a justified run, the glyph after the second and
    whether the first ends the run's opening marker, tell whether no space stood between
    them (`_sure_singles`)."""
    if not a or _wide(a) or _wide(b):
        return False
    if a.isdigit():
        return b.isdigit() or b in ",%)" or (b == "." and (after.isdigit() or marker))
    if a in "(（":
        return b.isdigit()
    if a in ",.":
        return b.isdigit() and not marker
    return _same_half(a, b)


def _spread_spans(words: list[str], least: int = _SPREAD_GLYPHS) -> list[tuple[int, int]]:
    """Given a run's words (split at single spaces) and how many make a stretch, return
    each stretch of that many wide glyphs or more standing alone (no marker among them) as
    (first, past the last)."""
    alone = [len(w) == 1 and _wide(w) and not BULLET.regex.fullmatch(w) for w in words]
    spans = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and alone[j]:
            j += 1
        if j - i >= least:
            spans.append((i, j))
        i = max(j, i + 1)
    return spans


@functools.lru_cache(maxsize=1 << 14)
def _spread_edges_unsure(text: str) -> bool:
    """Given a run, tell whether a justified line's spread glyphs in it (`_despread`) meet
    a marker (in words too: "一 、 提 供") or a lone half-width glyph across a single space
    ("② 強 化 … ： 自 1 1"):
    the PDF's line may have had a space there or none ("②強化…自11" / "0 年", or "① 於"),
    and the dump prints both alike."""
    words = text.split(" ")
    return (
        bool(_spread_marker(words))
        or _spread_singles(text)
        or any(
            _loose_edge(words[k])
            for i, j in _spread_spans(words)
            for k in (i - 1, j)
            if 0 <= k < len(words)
        )
    )


def _spread_singles(text: str) -> bool:
    """Given a run, tell whether justification spread a number's digits or a Latin word's
    letters in it: single glyphs alone between single spaces, `_SPREAD_SINGLES` or more in
    a row with two digits or two letters side by side twice ("自 1 0 8 年 1 1 月 2", "透 過
    L I N E 官 方": no text prints a number or a word so).  A date's own spaces ("年 1 月 2
    日") and a score pushed after one ("年 1 月 2 6") stand apart or once."""
    words = text.split(" ")
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1:
            run.append(w)
            continue
        pairs = sum(_same_half(a, b) for a, b in itertools.pairwise(run))
        if len(run) >= _SPREAD_SINGLES and pairs >= 2:
            return True
        run = []
    return False


def _same_half(a: str, b: str) -> bool:
    """Given two glyphs, tell whether both are digits or both Latin letters: no text
    prints a number's or a word's glyphs a space apart (`_spread_singles`)."""
    return (a.isdigit() and b.isdigit()) or (_latin(a) and _latin(b))


def _latin(ch: str) -> bool:
    """Given a glyph, tell whether it is a Latin letter."""
    return ch.isascii() and ch.isalpha()


def _loose_edge(word: str) -> bool:
    """Given the word beside a spread run, tell whether a space between them is unsure: a
    list marker ("②", "1.", "(1)") or one half-width glyph (a digit or letter spread)."""
    if BULLET.regex.fullmatch(word) or LIST_MARKER.regex.fullmatch(word):
        return True
    return len(word) == 1 and not _wide(word)


@functools.cache
def _glyph_ems(ch: str) -> float:
    """Given a character, return its width in ems (a wide glyph one, `UNSURE_SPACE` next to
    none, any other half)."""
    return 1.0 if _wide(ch) else _UNSURE_EMS if ch in _NO_WIDTH else 0.5


def ems(text: str) -> float:
    """Given text, return its width in ems (`_glyph_ems`)."""
    return sum(map(_glyph_ems, text))


def _run_chars(run: _Run, top: float, s: SideBySideSettings, stretch: float = 0.0) -> list[Char]:
    """Given a run, its line's top and the points to widen each of its no-width spaces by
    (`_stretched`; with none, the gap after each glyph but the last), return its glyphs at
    their own widths."""
    chars = []
    x = run.x
    gaps = stretch if not any(ch in _NO_WIDTH for ch in run.text) else 0.0
    for ch in run.text:
        w = s.glyph * _glyph_ems(ch) + (stretch if ch in _NO_WIDTH else 0.0)
        # Spaces are glyphs, as many PDF producers draw them: the gap of half an em a
        # space leaves is not always read as one between CJK text and digits.
        chars.append(Char(" " if ch in _NO_WIDTH else ch, x, top, x + w, top + s.glyph, s.glyph))
        x += w + gaps
    return chars


def _where(page: int, text: str) -> str:
    """Given a page's number and some of its text, return where a check says it stands
    ("p3 '…'"), an unsure space shown as a space."""
    return f"p{page} {text.translate(_AS_SPACE)!r}"


def _content(
    page_no: int,
    runs: Sequence[_Run],
    tops: dict[int, float],
    s: SideBySideSettings,
    rules: tuple[Ruling, ...] = (),
    stretch: dict[int, float] | None = None,
) -> PageContent:
    widen = stretch or {}
    chars = [c for r in runs for c in _run_chars(r, tops[id(r)], s, widen.get(id(r), 0.0))]
    width = max([c.x1 for c in chars] + [r.x1 for r in rules], default=0.0) + s.glyph
    height = max((c.bottom for c in chars), default=0.0) + s.line_step
    return PageContent(page_no, width, height, tuple(chars), rules)


def _words_apart(
    page: _Page, runs: list[_Run], tops: dict[int, float], s: SideBySideSettings
) -> tuple[list[_Run], dict[int, float]]:
    """Given a page, its runs put back and their tops (by run id), return them with a space
    ending each run that another follows on a line outside the table (a title, a page's
    foot): there two spaces or more part words, not cells, and a page whose glyphs include
    its spaces reads no space in a gap alone (the tool spread "新北市立聯合醫院 民國112年度…"
    over a narrow pitch's cells: read "…醫院民國…"); and each such run after the one
    before it, where putting the columns back moved it over that one ("…民國110" / "年度…"
    read "…110年 度…")."""
    inside = _body_lines(page.lines) | _header_lines(page.lines)
    following = {
        id(a) for a, b in itertools.pairwise(runs) if a.line == b.line and a.line not in inside
    }
    if not following:
        return runs, tops
    out: list[_Run] = []
    out_tops: dict[int, float] = {}
    for r in runs:
        m = _Run(r.line, r.x, r.text + " ") if id(r) in following else r
        if out and out[-1].line == m.line and m.line not in inside:
            # Never over the run before, where putting columns back moved it left.
            m = _Run(m.line, max(m.x, out[-1].x + ems(out[-1].text) * s.glyph), m.text)
        out.append(m)
        out_tops[id(m)] = tops[id(r)]
    return out, out_tops


def _columns(page: PageContent) -> tuple[float, ...] | None:
    """Given a page as first put back (runs where the tool printed them), return its column
    edges as the grid finds them (None on a page without the header row).  With columns
    beyond the five, the results' right edge is the first's left one; between two of them
    stands the widest white gap between their labels (`gap_between`), and the last ends at
    the page's edge: each is a column of its own, put back beside the one before, and text
    the tool pushed against the next column's is cut there as between any two."""
    text = page_to_text(page)
    band = find_band(text, None)
    if band is None or band.header is None:
        return None
    table_lines, _ = lines_below(text, band)
    cols = find_columns(text, band, table_lines, None)
    if not band.extras:
        return cols.xs
    spans = merge_spans([(c.x0, c.x1) for ln in table_lines for c in ln.chars])
    between = (gap_between(spans, a.x1, b.x0) for (_, a), (_, b) in itertools.pairwise(band.extras))
    return (*cols.xs, *between, page.width)


def _is_body(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not PAGE_NUMBER.regex.match(stripped) and not classify_furniture(line)


def _ended(last: _Run, head: _Run, wrap: float | None, s: SideBySideSettings) -> bool:
    """Given a cell's last line so far, the next line's run in its column and the column's
    wrap width (points), return whether the last line surely ended its paragraph: a
    sentence's end, or room for the next line's head (and the dump's `width_slack`)."""
    return last.text.endswith("。") or _left_room(last, head, wrap, s)


def _left_room(last: _Run, head: _Run, wrap: float | None, s: SideBySideSettings) -> bool:
    """Given a cell's last line so far, the next line's run in its column and the column's
    wrap width (points), return whether the last line left room for the next one's head
    (and the dump's `width_slack`): no wrap put that head on a line of its own."""
    if wrap is None:
        return False
    room = wrap / s.glyph - ems(last.text)
    return room >= _head_ems(head.text) + width_slack(last.text, s)


def _sub_marker(text: str) -> tuple[str, int] | None:
    """Given a sub-indicator line, return the style and number of the marker opening it
    ("1) 定期" → ("0)", 1); "（3）" → ("（0）", 3); "②" → ("①", 2)), else None."""
    m = SUB_NO.regex.match(text)
    if m is None:
        return None
    marker = text[m.start() : m.start("text")] if m.group("text") else text[m.start() :]
    style = "①" if m.group("circled") else regex.sub(r"[0-9]+|[一二三四五六七八九十]+", "0", marker)
    return "".join(style.split()), marker_number(m)


def _numbers_on(opened: tuple[str, int] | None, head: _Run) -> bool:
    """Given the marker that opened the sub-indicator above (`_sub_marker`) and a line's
    sub-indicator run, tell whether that run opens with a marker of the same style and a
    higher number: the next sub-indicator, whatever room the line above left ("1) 定期辦理
    教育訓練" / "，提升同仁服務知能" then "2) 進行…", `-layout-extra` 35569)."""
    marker = _sub_marker(head.text)
    return (
        opened is not None
        and marker is not None
        and marker[0] == opened[0]
        and marker[1] > opened[1]
    )


def _opens_row(
    k: int,
    first: int,
    by_col: dict[tuple[int, int], list[_Run]],
    last: dict[int, _Run],
    wraps: dict[int, float],
    s: SideBySideSettings,
    opened: tuple[str, int] | None = None,
) -> bool:
    """Given a body line k of a block starting at `first`, the runs by (line, column), the
    block's last run in each column before k, the columns' wrap widths and the marker
    that opened the block's last sub-indicator (`_sub_marker`), return whether a new row
    starts on line k.

    The tool leaves no blank line between two rows when a line of another column (an
    item's 得分) falls between them, or when the rows' lines are set close.  A row opens
    where an indicator cell starts with its number ("2、", "3.") below another indicator's
    or a sub-indicator's text (the end of a row cut by the page head, "(70分)  臨櫃洽公的
    合宜服務環境。" above "得分：  二、提供預  建立民眾意見…"); where a sub-indicator
    starts with a list marker after the one before surely ended (`_ended`), with a line
    free of both between, or numbering on from the one before (`_numbers_on`); where the
    indicator and sub-indicator both start a line after both ended their paragraphs
    (`_ended`: an indicator is one paragraph), or after the sub-indicator's sentence
    ended with room for the next one's head (a sub-indicator is one paragraph too); and
    where both columns were empty on the line before and the sub-indicator before ended
    its sentence, or left such room with an indicator starting beside the next.  An
    unnumbered indicator line with no sub-indicator beside it, under an indicator line
    that did not end, opens none: the indicator's own next line ("準作業流", "程")."""
    if k == first:
        return False
    indicator, sub = by_col.get((k, _INDICATOR), []), by_col.get((k, _SUB), [])
    if _SUB not in last:
        return _opens_after_row_end(indicator, sub, last, bool(by_col.get((k, _ITEM))))
    if indicator and _INDICATOR_OPENS.match(indicator[0].text):
        return True  # a row's cells start on its first line: lines above end a row before
    gap = not by_col.get((k - 1, _INDICATOR)) and not by_col.get((k - 1, _SUB))
    ended = last[_SUB].text.endswith("。")
    if sub and _MARKER.match(sub[0].text):
        return gap or _ended(last[_SUB], sub[0], wraps.get(_SUB), s) or _numbers_on(opened, sub[0])
    # A sub-indicator's last line that left room for the next one's head ended its
    # paragraph, so its cell (a sub-indicator is one paragraph), where a line free of both
    # columns parts it from the next and an indicator starts beside it ("仁服務知能",
    # "得分：", then "辦理滿意度" beside "定期檢查…"; a sub-indicator's own next line may
    # follow an item's "(100分)" alone, and the room is an estimate), or where it ended a
    # sentence: the indicator beside the next one is then a new cell too, though its last
    # line filled its column ("件查詢管道" beside "，擴大服務量能。", then "提高服務人"
    # beside "提供各種申辦書表…").  Room alone is no proof: a line of brackets or Latin
    # words is narrower in the PDF than in the dump ("強化機關(單位)服務人員(含委" / "外
    # call center…", its indicator going on beside).
    room = bool(sub) and _left_room(last[_SUB], sub[0], wraps.get(_SUB), s)
    if indicator and not sub and _indicator_goes_on(indicator[0], last, wraps, s):
        return False
    if gap and (indicator or sub) and (ended or (room and bool(indicator))):
        return True
    return bool(indicator and sub) and _both_open(last, indicator[0], sub[0], wraps, s)


def _both_open(
    last: dict[int, _Run],
    indicator: _Run,
    sub: _Run,
    wraps: dict[int, float],
    s: SideBySideSettings,
) -> bool:
    """Given a block's last run in each column before a line, with a sub-indicator's, and
    the line's first indicator and sub-indicator runs: tell whether a row opens there.  It
    does where the sub-indicator before ended its sentence with room for the next one's
    head (a sub-indicator is one paragraph), or where both columns' lines before surely
    ended (`_ended`).  With no indicator above in the block, the first only: a page top's
    rest of a cut row ("(170分)  證明文件。  77場次。", then "得分：120  強化陳情處  訂定
    申辦業務…": `-layout-extra` 36343)."""
    ended = last[_SUB].text.endswith("。") and _left_room(last[_SUB], sub, wraps.get(_SUB), s)
    if ended or _INDICATOR not in last:
        return ended
    return _ended(last[_INDICATOR], indicator, wraps.get(_INDICATOR), s) and _ended(
        last[_SUB], sub, wraps.get(_SUB), s
    )


def _opens_after_row_end(
    indicator: list[_Run], sub: list[_Run], last: dict[int, _Run], item: bool
) -> bool:
    """Given a line's indicator and sub-indicator runs, a block's last run in each column
    before it, with no sub-indicator line before in the block, and whether an item's text
    stands on the line: tell whether a row opens there.  Units, results or a column beyond
    them above an indicator's number or a sub-indicator's marker, or above a sub-indicator
    starting beside an indicator or an item (a new row, unnumbered: "內部作業簡化  提供預約
    服務  運用網路、…", Chromium 22002, 22084, 22094 read through `pdftotext -layout`; the
    rest of a cut sub-indicator stands on the page's first line; a note's "第 3 頁" beside
    the item's "(40分)", then "得分：36  二、強化志工  1) 定期辦理…"), with no indicator or
    sub-indicator line beside them, are the end of the row before (cut by the page head).
    Above an indicator's number with a sub-indicator beside it, so are an indicator's lines
    (a row's cells start on its first line): "管道" beside the item's "(15分)" at a page
    head, then "得分：11.5  二、促進服  強化機關…" (`-layout` 29028)."""
    numbered = bool(indicator) and bool(_INDICATOR_OPENS.match(indicator[0].text))
    if _INDICATOR in last:
        return numbered and bool(sub)
    if not any(col >= _UNITS for col in last):
        return False
    beside = item or bool(indicator)
    return numbered or (bool(sub) and (beside or bool(_MARKER.match(sub[0].text))))


def _indicator_goes_on(
    head: _Run, last: dict[int, _Run], wraps: dict[int, float], s: SideBySideSettings
) -> bool:
    """Given an unnumbered indicator line with no sub-indicator beside it and a block's last
    run in each column before it, tell whether it is the indicator's own next line, set
    apart by another column's line ("準作業流", then "得分：" or a unit name, then "程"): the
    indicator line above did not end, and a row's cells start on its first line."""
    return _INDICATOR in last and not _ended(last[_INDICATOR], head, wraps.get(_INDICATOR), s)


def _stacked_tops(
    lines: tuple[str, ...],
    runs: Sequence[_Run],
    columns: Sequence[float],
    wraps: dict[int, float],
    s: SideBySideSettings,
    whole: Counter[str],
    own: dict[int, str],
) -> dict[int, float]:
    """Given a page's lines, runs, column edges, the columns' wrap widths, the document's
    indicator texts and the page's by block (`_block_indicator_texts`), return each run's
    top: the table's body lines stacked per column within blocks (rows inside a block,
    `_opens_row`, a blank line apart), every other line a line below the one before (a
    blank line, `blank_step`)."""
    body = _body_lines(lines)
    by_col: dict[tuple[int, int], list[_Run]] = {}
    by_line: dict[int, list[_Run]] = {}
    for r in runs:
        by_col.setdefault((r.line, _column(columns, r.x, s)), []).append(r)
        by_line.setdefault(r.line, []).append(r)
    blank = _blocks(lines)
    owns = {i: own.get(blank[i], "") for i in body}  # each body line's block's text
    tops: dict[int, float] = {}
    y = 0.0
    i = 0
    while i < len(lines):
        if i not in body:
            for r in by_line.get(i, ()):
                tops[id(r)] = y
            y += s.line_step if lines[i].strip() else s.blank_step
            i += 1
            continue
        j = _block_end(lines, i, body, by_col)
        y = _stack_block(range(i, j), y, by_col, tops, wraps, s, whole, owns)
        i = j
    return tops


def _block_end(
    lines: tuple[str, ...], i: int, body: frozenset[int], by_col: dict[tuple[int, int], list[_Run]]
) -> int:
    """Given a page's lines, a body line opening a block and the runs by (line, column),
    return the line after the block: body lines up to a blank line, and on past blank
    lines to a block whose first line has neither an indicator's nor a sub-indicator's
    text.  Such a block carries on the row above, which every row opens with one of the
    two: the tool parted the row's lines where another column's line stood apart ("…網址：
    www.", a blank line, "得分：35 … gov.tw。"), and its cells' lines stack on."""
    j = i
    while True:
        while j in body:
            j += 1
        k = j
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k == j or k not in body or by_col.get((k, _INDICATOR)) or by_col.get((k, _SUB)):
            return j
        j = k


def _stack_block(
    block: range,
    top: float,
    by_col: dict[tuple[int, int], list[_Run]],
    tops: dict[int, float],
    wraps: dict[int, float],
    s: SideBySideSettings,
    whole: Counter[str],
    owns: dict[int, str],
) -> float:
    """Given a block of body lines and its top, set its runs' tops (each column's lines one
    under the other, each row the block holds from its own top) and return the top of the
    line under the block."""
    stacked: dict[int, int] = {}
    last: dict[int, _Run] = {}
    cols = sorted({col for _, col in by_col})
    cell = ""  # the indicator cell's text so far, its number left out
    placed: set[int] = set()  # runs of the indicator above, set beside a new row's lines
    opened: tuple[str, int] | None = None  # the marker of the sub-indicator open, if known
    for k in block:
        opens = _opens_row(k, block.start, by_col, last, wraps, s, opened)
        if opens or k == block.start:
            sub = by_col.get((k, _SUB))
            opened = _sub_marker(sub[0].text) if sub else None
        if opens:
            rest = _indicator_rest(
                _row_indicator_head(k, block, by_col), cell, owns.get(k, ""), last, whole, wraps, s
            )
            for r in rest:  # the indicator above goes on beside the new row's first lines
                tops[id(r)] = top + stacked.get(_INDICATOR, 0) * s.line_step
                stacked[_INDICATOR] = stacked.get(_INDICATOR, 0) + 1
                placed.add(id(r))
            top += max(stacked.values(), default=0) * s.line_step + s.blank_step
            stacked = {}
        for col in cols:
            for r in by_col.get((k, col), ()):
                if col == _INDICATOR:
                    cell = _indicator_text([r]) if _INDICATOR_OPENS.match(r.text) else cell + r.text
                last[col] = r
                if id(r) in placed:
                    continue
                tops[id(r)] = top + stacked.get(col, 0) * s.line_step
                stacked[col] = stacked.get(col, 0) + 1
    return top + max(stacked.values(), default=0) * s.line_step


def _row_indicator_head(
    k: int, block: range, by_col: dict[tuple[int, int], list[_Run]]
) -> list[_Run]:
    """Given the line a row opens on, its block and the runs by (line, column), return the
    indicator runs that may carry on the indicator above: the line's own, or, with none,
    the next line's, the tool having set the indicator's last glyphs a line under the new
    row's first line ("準作業流", then "（3） 設置 QR", then "程" alone)."""
    here = by_col.get((k, _INDICATOR), [])
    return here if here or k + 1 not in block else by_col.get((k + 1, _INDICATOR), [])


def _indicator_text(runs: Sequence[_Run]) -> str:
    """Given an indicator column's runs in order, return their text joined, the first's
    number left out ("一、訂定申辦" + "業務標準作業" → "訂定申辦業務標準作業")."""
    text = "".join(r.text for r in runs)
    m = _INDICATOR_OPENS.match(text)
    return text[m.end() :].lstrip() if m else text


def _indicator_rest(
    indicator: list[_Run],
    cell: str,
    own: str,
    last: dict[int, _Run],
    whole: Counter[str],
    wraps: dict[int, float],
    s: SideBySideSettings,
) -> list[_Run]:
    """Given the indicator runs of a line a new row opens on (or of the line under it:
    `_row_indicator_head`), the indicator cell's text so
    far, the whole indicator text of the line's block (between blank lines), the last run
    in each column before the line, how many blocks of the document hold each indicator
    text (`_block_indicator_texts`) and the columns' wrap widths, return the runs that
    carry on the indicator above, else none: unnumbered, under an indicator line that did
    not end (`_indicator_goes_on`), and completing a text the indicator column holds whole
    in another block ("訂定申辦" / "業務標準作業" / "流程" beside the next row's "2) 確保…",
    the same three lines alone elsewhere).  Without that text
    elsewhere the line opens the row's own indicator, unnumbered, as before."""
    if not indicator or _INDICATOR_OPENS.match(indicator[0].text):
        return []
    if not _indicator_goes_on(indicator[0], last, wraps, s):
        return []
    text = cell + indicator[0].text
    return indicator[:1] if whole[text] > (own == text) else []


def _block_indicator_texts(page: _Page, s: SideBySideSettings) -> dict[int, str]:
    """Given a page as cut, return the text each block (between blank lines) holds in the
    indicator column, its lines joined and its number left out (`_indicator_text`)."""
    if page.columns is None:
        return {}
    block = _blocks(page.lines)
    runs: dict[int, list[_Run]] = {}
    for r in _body_runs(page.lines, page.runs):
        if _column(page.columns, r.x, s) == _INDICATOR:
            runs.setdefault(block[r.line], []).append(r)
    return {b: _indicator_text(rs) for b, rs in runs.items()}


# Every step asks again about each page's lines: a document's pages stay cached.
@functools.lru_cache(maxsize=256)
def _body_lines(lines: tuple[str, ...]) -> frozenset[int]:
    """Given a page's lines, return the numbers of its table's body lines: under a header
    row, above a 小計 line, neither blank nor furniture.  A line reading as a page number
    ("第 3 頁") right under a body line, no blank line between, is a cell's next line
    ("見佐證資料" / "第 3 頁" in a note column): the page's own number stands apart."""
    body: set[int] = set()
    inside = False
    header = _header_lines(lines)
    for i, ln in enumerate(lines):
        kind = classify_furniture(ln)
        if kind == "header" or i in header:
            inside = True
        elif kind == "subtotal":
            inside = False
        elif inside and (_is_body(ln) or (i - 1 in body and ln.strip() and not kind)):
            body.add(i)
    return frozenset(body)


@functools.lru_cache(maxsize=256)
def _header_lines(lines: tuple[str, ...]) -> frozenset[int]:
    """Given a page's lines, return the numbers of its header rows' lines: the line with
    the labels, and a line right under it whose every run ends a label of the line above
    it (a narrow column's label wrapped in its cell: "佐證資" over "料")."""
    out = {i for i, ln in enumerate(lines) if classify_furniture(ln) == "header"}
    return frozenset(out | {i + 1 for i in out if i + 1 < len(lines) and _label_rest(lines, i)})


def _label_rest(lines: tuple[str, ...], i: int) -> bool:
    """Given a page's lines and a header line's number, tell whether the next line holds
    only the rests of labels wrapped in their cells, each under its label's first part."""
    words = [(m.start(), m.group()) for m in regex.finditer(r"\S+", lines[i])]
    rests = list(_RUN.finditer(lines[i + 1]))
    return bool(rests) and all(
        any(abs(at - m.start()) <= len(w) and (w + m.group()) in _LABELS for at, w in words)
        for m in rests
    )


def _body_runs(lines: tuple[str, ...], runs: Sequence[_Run]) -> list[_Run]:
    """Given a page's lines and runs, return the runs of its table's body lines."""
    body = _body_lines(lines)
    return [r for r in runs if r.line in body]


def _column_widths(pages: Sequence[_Page], s: SideBySideSettings) -> dict[int, float]:
    """Given the pages, return each column's widest body run without a space, in ems: the
    width its cells wrap at, pooled over the document.  The results and the columns beyond
    them are measured on runs whose glyphs' widths the dump shows for sure (`_unsure_glyph`:
    CJK glyphs and digits) where there are any: the results are cut only before such a
    column, and a URL, longer in ems than the column's lines wrap, is no measure there."""
    widest: dict[int, float] = {}
    sure: dict[int, float] = {}
    for page in pages:
        if page.columns is None:
            continue
        for r in _body_runs(page.lines, page.runs):
            if " " not in r.text:
                col = _column(page.columns, r.x, s)
                widest[col] = max(widest.get(col, 0.0), ems(r.text))
                if col >= _RESULT and not any(_unsure_glyph(ch) for ch in r.text):
                    sure[col] = max(sure.get(col, 0.0), ems(r.text))
    return {**widest, **sure}


def _between_cells(text: str, k: int) -> bool:
    """Given a run's text and the index of a single space in it, return whether the space
    parts two cells: wide glyphs on both sides (a cell's own space stands next to a Latin
    word or a number) and no list marker before it ("① 建立", "(1) 進行")."""
    left, right = text[:k], text[k + 1 :]
    if not left or not right or _MARKER.fullmatch(left.strip()):
        return False
    return _wide(left[-1]) and _wide(right[0])


def _bracket_opens_cell(text: str, k: int) -> bool:
    """Given a run's text and the index of a single space in it, return whether a wide glyph
    stands before it and a bracket opening a wide glyph after it."""
    left, right = text[:k], text[k + 1 :]
    return (
        bool(left) and len(right) > 1 and _wide(left[-1]) and right[0] in "(（" and _wide(right[1])
    )


def _unit_like(text: str, units: frozenset[str]) -> bool:
    """Given text, return whether it reads as a unit name: one of the document's own, or a
    word ending as unit names do (課, 室, 中心, a closed "(各單位)"); never text whose
    brackets do not pair up ("人員)": a cell's words cut by a wrap)."""
    if unbalanced(text):
        return False
    return text in units or (is_unit_line(text) and ends_like_name(text))


def _cut(
    run: _Run,
    limit: float | None,
    right: float,
    next_col: int,
    units: frozenset[str],
    s: SideBySideSettings,
) -> int | None:
    """Given a run, its column's wrap width (ems) and right edge (points), the next
    column's key and the document's unit names, return where the run holds two cells'
    text (the index of the space between them), else None.

    The tool gives every character a cell; text after a single space whose first glyph's
    middle is at or past the column's right edge is the next column's, pushed; so is text after
    a single space between two wide glyphs (`_between_cells`) or before a name the tool
    started early (`_name_started_early`), and, before the results, after a whole unit name
    where what follows can be no name ("衛生所(各區) 不適用", "1999市民熱線 (1)提供") or after a
    unit's line before a list marker ("食品藥物管理 (1) 派遣") (a bullet's own space may stand
    past the edge: "食品藥物管理 • 派遣").  A list marker after a space opens the
    next cell where the run is an item's or an indicator's (neither holds one), and so does
    the text after an item's "(N分)", alone or ending its name, unless it is the item's 得分
    ("(150分) 人員專業度 升同仁…" is the item's, the indicator's and the sub-indicator's); the first
    such space parts the cells, as does one near the edge of a far too wide run
    (`_next_line_near`).  A score line ("得分：34 分") is never cut.  Past the edge of
    the units column, only a name is cut off (`_unit_like`): a line of Latin words is longer
    in cells than in ems, and runs past the edge on its own ("委外 call center 人員)對").  Text
    within the edge is cut off only before the units, where the run is wider in ems than its
    column's cells wrap and what is cut off reads as a unit name (`_unit_like`), or can be
    part of one (`_unit_line_on`: alone, or before a list marker opening the results' text)
    `far_past` ems wider: no cell's own line is wider than its column."""
    spaces = _spaces_after_score(run.text)
    if not spaces:
        return None
    if next_col == _RESULT and not is_unit_line(run.text[: spaces[0]]):
        return None  # no unit's line: the results' own, which the tool started early
    if _after_points(run.text, spaces[0], next_col):
        return spaces[0]
    met = _cells_meet(run, spaces, right, next_col, units, s)
    # An item's or an indicator's name never holds a list marker after a space: the marker
    # opens the next column's cell ("服務一致及正 1、提供預約 （1） 訂定…"), unless two cells
    # met before it ("洽公環境友 改善洽公環境 (1) 提供…": past the item column's edge).
    if next_col in (_INDICATOR, _SUB):
        marked = [k for k in spaces if _MARKER.match(run.text, k + 1)]
        if marked:
            return marked[0] if met is None else min(marked[0], met)
    if met is not None or next_col in (_INDICATOR, _SUB):
        return met if met is not None else _next_line_near(run, spaces, limit, right, s)
    if next_col != _UNITS or limit is None or ems(run.text) <= limit + s.push_slack:
        return None
    fitting = [
        k
        for k in spaces
        if ems(run.text[:k]) <= limit + s.push_slack
        and (
            _unit_like(run.text[k + 1 :], units)
            or (_unit_line_on(run.text[k + 1 :]) and ems(run.text) > limit + s.far_past)
        )
    ]
    return fitting[-1] if fitting else None


def _spaces_after_score(text: str) -> list[int]:
    """Given a run's text, return its spaces, but those inside an item's score line that
    opens it ("得分：34 分"): never where two cells part."""
    spaces = [k for k, ch in enumerate(text) if ch == " "]
    ends = [k for k in (*spaces, len(text)) if ITEM_SCORE.regex.match(text[:k])]
    return [k for k in spaces if not ends or k >= max(ends)]


def _next_line_near(
    run: _Run, spaces: Sequence[int], limit: float | None, right: float, s: SideBySideSettings
) -> int | None:
    """Given an item's or an indicator's run, its spaces that may part cells, its column's
    wrap width (ems) and right edge (points) and the settings, return the last space its
    column could hold where the run is `far_past` ems wider than the column wraps and the
    word after the space stands within `jitter` cells of the edge, else None: no cell's
    own line is that wide, so the run holds the next column's line too ("內部作業簡化( 建立
    內部作業標準", 建 half a cell short of the edge)."""
    if limit is None or ems(run.text) <= limit + s.far_past:
        return None
    near = [
        k
        for k in spaces
        if ems(run.text[:k]) <= limit + s.push_slack
        and run.x + (k + 1 + s.jitter) * s.glyph >= right
    ]
    return near[-1] if near else None


def _unit_line_on(text: str) -> bool:
    """Given what a run holds past a space, tell whether it can be a unit's line, alone or
    with the results' text after it, opened by a list marker ("國際交流暨觀 1.依規定…")."""
    first, _, after = text.partition(" ")
    return is_unit_line(text) or (is_unit_line(first) and bool(_MARKER.match(after)))


def _cut_before_extra(
    run: _Run, limit: float | None, right: float, s: SideBySideSettings
) -> tuple[int | None, bool]:
    """Given a run before a column beyond the five, its column's wrap
    width (ems) and right edge (points: the page's, or where this block's next column
    started), return where the next column's text starts in it (the index of the space),
    else None, and whether that was told by width alone (the last resort below: the
    caller prefers a cut the next column's own text shows).

    First where a single space parts two wide glyphs (no marker's or bullet's own: "• 已完
    成", "一、 設置") within `jitter` cells of the edge, after what the column could hold
    (no further: "…系統， 詳附件一 詳附件" parts after 系統，): the tool pushed the next cell's
    line against this one ("…網址： 料" beside "見佐證資" / "料"; "…www.gov.tw。 第 3 頁").
    Else a run wider in ems than its column wraps holds two cells however near the edge
    the tool started the second: parted at the last space its column could have held
    ("提供 call center 諮詢 依本局考"), else at the first past the edge.  No wider, it is one
    cell's line even past the edge in cells (Latin words take more cells than ems: "…
    Facebook 粉"), unless a URL its line's end cut ("www.") is followed by an ideograph: the
    URL goes on under it, the ideograph is the next column's ("www. 料").  The two spaces
    around a number inside a narrow cell's line ("第 3 頁") part nothing."""
    inner = {k for m in _SPACED_NUMBER.finditer(run.text) for k in (m.start(), m.end() - 1)}
    spaces = [k for k, ch in enumerate(run.text) if ch == " " and k not in inner]
    pushed = [
        k
        for k in spaces
        if _between_cells(run.text, k)
        and run.text[:k].strip() not in _BULLETS
        and run.x + (k + 1 + s.jitter) * s.glyph >= right
        and (limit is None or ems(run.text[:k]) <= limit + s.push_slack)
    ]
    if pushed:
        return pushed[0], False
    # A URL cut by its line's end ("www.", "http://e-") goes on under it, never with an
    # ideograph: one standing a space after it is the next column's line ("www. 料").
    url = [
        k
        for k in spaces
        if _URL_CUT.search(run.text[:k]) and _wide(run.text[k + 1]) and " " not in run.text[k + 1 :]
    ]
    if url:
        return url[0], False
    if limit is None or ems(run.text) <= limit + s.push_slack:
        return None, False
    past = [k for k in spaces if run.x + (k + 1) * s.glyph >= right]
    # A number ending what the column holds parts too ("1.於100 年 1 月 2 含線上申"),
    # unless what follows is what a number takes ("…gov.tw/ 第 3 頁").
    ends = {
        m.end() - 1
        for m in _SPACED_NUMBER.finditer(run.text)
        if not NUMBER_TAKES.regex.match(run.text, m.end())
    }
    # A justified line whose digits stand spread drew no width for its spaces.
    spread = _spread_singles(run.text)
    fitting = [
        k
        for k in sorted({*spaces, *ends})
        if ems(run.text[:k].replace(" ", "") if spread else run.text[:k]) <= limit + s.push_slack
    ]
    return (fitting[-1] if fitting else past[0] if past else None), True


def _name_started_early(
    run: _Run, k: int, right: float, units: frozenset[str], s: SideBySideSettings
) -> bool:
    """Given a run before the units column, the index of a single space in it, the column's
    right edge (points), the document's unit names and the settings, tell whether a name of
    the document's own that is longer in cells than in ems follows the space and would
    reach the edge had the tool not started it early by that excess: the tool gave its
    half-width glyphs a cell each and pulled it left against the results beside it ("應備書
    1999市民熱線 業務說明會」活動")."""
    name = run.text[k + 1 :].split(" ")[0]
    excess = len(name) - ems(name)
    return (
        excess > 0
        and name in units
        and ends_like_name(name)
        and run.x + (k + 1 + excess) * s.glyph >= right
    )


def _after_points(text: str, k: int, next_col: int) -> bool:
    """Given a run's text, the index of its first space and the next column's key, tell
    whether the space follows an item's "(N分)", a line of its own or ending its name
    ("意見(20分) 服務措施"): what follows is the next cell's, unless it is the item's 得分."""
    head, tail = text[:k], text[k + 1 :]
    return bool(ITEM_POINTS.regex.match(head)) or (
        next_col == _INDICATOR and ends_with_points(head) and not _SCORE_HEAD.match(tail)
    )


def _cells_meet(
    run: _Run,
    spaces: Sequence[int],
    right: float,
    next_col: int,
    units: frozenset[str],
    s: SideBySideSettings,
) -> int | None:
    """Given a run, the spaces it may be cut at, its column's right edge (points), the next
    column's key and the document's unit names, return the first space where two cells
    meet (see `_cut`), else None."""
    # Before the units column, what is cut off past the edge reads as a name.
    past = [
        k
        for k in spaces
        if _word_past(run, k, right, s)
        and (next_col != _UNITS or _unit_like(run.text[k + 1 :].split(" ")[0], units))
    ]
    between = [k for k in spaces if _between_cells(run.text, k)]
    if next_col == _UNITS:
        between += [k for k in spaces if _name_started_early(run, k, right, units, s)]
    if next_col in (_INDICATOR, _SUB):
        # An item's or an indicator's word, then a bracket opening wide glyphs: the next
        # cell's text ("業務標準作 (姓名及代理人)、方向…"; a unit's qualifier stays, "秘書室 (研考)").
        between += [k for k in spaces if _bracket_opens_cell(run.text, k)]
    if next_col == _RESULT:
        # A whole unit name, then a word no unit name holds ("衛生所(各區) 不適用"); a unit's
        # line, then a list marker, which no unit's line goes on with ("食品藥物管理 (1) 派遣").
        between += [
            k
            for k in spaces
            if (
                _unit_like(run.text[:k], units)
                and not is_unit_line(run.text[k + 1 :].split(" ")[0])
            )
            or (is_unit_line(run.text[:k]) and _MARKER.match(run.text, k + 1))
        ]
    return min([*past[:1], *between], default=None)


def _unpushed(
    page: _Page, doc: _Measures, s: SideBySideSettings
) -> tuple[list[_Run], dict[tuple[int, float], int], list[tuple[int, str, str]]]:
    """Given a page and the document's measures, return its runs with each run that holds
    two cells' text (`_cut`) cut in two, each part at its own cells, and where in its block
    a part cut off for a column beyond the five started short of that column, (block,
    cell) to column: the tool started that cell's next lines there too ("詳附件" / "一"),
    see `_block_starts`, and where such a part was cut off after a Latin word
    (`_extra_after_latin`)."""
    assert page.columns is not None
    columns = page.columns
    body = {id(r) for r in _body_runs(page.lines, page.runs)}
    anchors = _anchors(page, page.runs, s)
    units_anchor = anchors.get(_UNITS)
    block = _blocks(page.lines)
    block_units = _block_units_anchors(page, block, units_anchor, s)
    rows = _start_blocks(page, s)
    starts: dict[tuple[int, float], int] = {}
    line_end = {r.line: r.x for r in page.runs}  # runs come in line order, left to right
    after_latin: list[tuple[int, str, str]] = []
    out: list[_Run] = []
    for r in page.runs:
        # `rest` stands where the tool put it (what `_cut` measures against the edges);
        # `at` is where it goes.
        rest: _Run | None = r
        at = r.x
        after = _after_own_column(page, out, r, s) if id(r) in body else 0
        while rest is not None:
            col = _column(columns, at, s) + (after if rest is r else 0)
            k, gap = None, 1
            if id(r) in body and 1 <= col < len(columns) - 1:
                right = _block_edge(starts, rows[rest.line], col, columns[col])
                anchor = block_units.get(block[rest.line], units_anchor)
                k, gap = _cut_index(page, rest, col, right, doc, anchor, s, anchors.get(_SUB))
            if k is None:
                out.append(_Run(rest.line, at, rest.text))
                rest = None
            else:
                out.append(_Run(rest.line, at, rest.text[:k]))
                # The next column's text, where the tool put it, but not short of that
                # column; a unit name at the units column's start (its cells ran on).
                # The text after such a name stays where the tool put it ("衛生所(各區)
                # 透過 LINE": 透 at the results' first cell, not the name's end moved back).
                tool_x = rest.x + (k + gap) * s.glyph
                at = max(tool_x, columns[col] + s.glyph / 2)
                if col + 1 == _UNITS:
                    at = columns[col] + s.glyph / 2
                if col + 1 > _RESULT:
                    if _LATIN_END.search(rest.text[:k]):
                        where = _where(page.number, rest.text[max(0, k - 8) :][:24])
                        after_latin.append((rest.line, rest.text[k + gap :], where))
                    last = " " not in rest.text[k + gap :] and r.x == line_end[r.line]
                    at = _extra_part_at(starts, rows[rest.line], col, tool_x, at, columns, s, last)
                    if _number_for(rest.text[k + gap :], col + 1, doc.numeric):
                        at = columns[col] + s.glyph / 2
                rest = _Run(rest.line, tool_x, rest.text[k + gap :])
    return out, starts, after_latin


def _after_own_column(page: _Page, out: Sequence[_Run], r: _Run, s: SideBySideSettings) -> int:
    """Given a page, the runs cut so far, a body run of it and the settings, return 1 where
    the run is its line's second in the results column or a narrow one before the last, and
    the tool printed no run in every column after it on that line: the run is the next
    column's, and a part cut off it goes to the one after ("① 說明會：" then "詳附件一 含線上"
    both in the results' cells, "申辦統" under "含線上": the 附註's), else 0.  Where a run
    stands in every column after, the two are one cell's line (`_cells_joined`)."""
    assert page.columns is not None
    columns = page.columns
    if not out or out[-1].line != r.line:
        return 0
    col = _column(columns, r.x, s)
    if _column(columns, out[-1].x, s) != col or not _RESULT <= col < len(columns) - 1:
        return 0
    return 0 if _printed_in(page, r.line, s).issuperset(range(col + 1, len(columns))) else 1


def _printed_in(page: _Page, line: int, s: SideBySideSettings) -> set[int]:
    """Given a page, one of its lines and the settings, return the columns the tool printed
    a run in on that line (runs as printed, not as cut: a run cut in two past an edge is
    one run of its own)."""
    assert page.columns is not None
    return {_column(page.columns, m.start() * s.glyph, s) for m in _RUN.finditer(page.lines[line])}


def _block_units_anchors(
    page: _Page, block: Sequence[int], anchor: float | None, s: SideBySideSettings
) -> dict[int, float]:
    """Given a page, its lines' blocks, the cell most of its units lines start at
    (`_anchors`) and the settings, return per block the cell most of its units lines within `jitter` cells of
    that one start at: the tool maps each block to cells on its own, so a block's names
    may all start a cell off the page's (a name glued to the sub-indicator's line at the
    block's units start: "(含企劃科" beside "第一門診部" one cell left of the page's)."""
    if anchor is None or page.columns is None:
        return {}
    body = _body_lines(page.lines)
    starts: dict[int, Counter[float]] = {}
    for r in page.runs:
        if (
            r.line in body
            and _column(page.columns, r.x, s) == _UNITS
            and abs(r.x - anchor) <= s.jitter * s.glyph
        ):
            starts.setdefault(block[r.line], Counter())[r.x] += 1
    return {b: xs.most_common(1)[0][0] for b, xs in starts.items()}


def _cut_index(
    page: _Page,
    run: _Run,
    col: int,
    right: float,
    doc: _Measures,
    units_anchor: float | None,
    s: SideBySideSettings,
    sub_anchor: float | None = None,
) -> tuple[int | None, int]:
    """Given a page, a run of it, the run's column and the edge to cut at, the document's
    measures, where the units column's lines start and the settings (and where the
    sub-indicator column's do), return where the run holds two cells' text and how many
    characters part them (1: a space; 0: glued: `_glued_cut`), else (None, 1)."""
    assert page.columns is not None
    units = doc.units
    by_width = False
    if col + 1 > _RESULT:
        k, by_width = _cut_before_extra(run, doc.widths.get(col), right, s)
        tail = _note_tails(run, right, doc, s)
        by_width = by_width and not _cells_part_after(run.text, k)
        # Notes held twice or more from a space on to the end are the columns' own lines,
        # wherever else width or two cells' meeting would cut ("1.提供 call 第 3 頁 第 3 頁").
        held = bool(tail) and _notes_only(run.text[tail[0] + 1 :], doc.notes)
        k = tail[0] if tail and (k is None or by_width or (held and tail[0] < k)) else k
        if (
            (k is None or by_width)
            and not tail
            and col == _RESULT
            and (glued := _note_glued(run, doc.widths.get(col), doc, s))
        ):
            return glued, 0
    elif col + 1 == _INDICATOR and (glued := _SCORE_GLUED.match(run.text)) is not None:
        return glued.end(), 0  # "得分：24.5 分業務標準作業": the score line ends at its 分
    else:
        k = _cut(run, doc.widths.get(col), right, col + 1, units, s)
        if k is not None and col + 1 in (_INDICATOR, _SUB):
            k = _held_tail(run.text, k, doc.subs if col + 1 == _SUB else doc.indicators)
    numeric = col + 1 in doc.numeric
    if numeric and (k is None or (by_width and not _NUMBER.fullmatch(run.text[k + 1 :]))):
        # A column of numbers holds no words: a cut by width that leaves it some is wrong
        # when the row's number stands pushed at the run's end ("(1)於105 年 2 月 2 7.5").
        pushed = _score_pushed(page, run, col, s)
        k = pushed if pushed is not None else k
    glued = _glued_cut(page, run, col, k, doc, (units_anchor, sub_anchor), s)
    return (k, 1) if glued is None else (glued, 0)


def _held_tail(text: str, k: int, held: frozenset[str]) -> int:
    """Given an item's or an indicator's run, the space where two cells meet in it and the
    runs the next column prints, return the first space before it whose tail is such a
    run, where the tail after `k` is none: the tool pushed a Latin word of the next
    column's line back into this column's cells, so the first glyph past the edge is not
    where the cells meet ("業務標準作 code 行動條碼，方", the sub-indicator's line
    "code 行動條碼，方" printed whole elsewhere; -layout-extra 34770 read "標準作 co" / "d行e動")."""
    if text[k + 1 :] in held:
        return k
    return next((j for j in range(1, k) if text[j] == " " and text[j + 1 :] in held), k)


def _glued_cut(
    page: _Page,
    run: _Run,
    col: int,
    k: int | None,
    doc: _Measures,
    anchors: tuple[float | None, float | None],
    s: SideBySideSettings,
) -> int | None:
    """Given a page, a run of it, its column, where a cut at a space would part it (None:
    nowhere), the document's measures, the cells most of the units and the sub-indicator
    lines start at and the settings, return where the next column's text goes on from
    the run's with no space between them (`_cut_index`), else None."""
    assert page.columns is not None
    units_anchor, sub_anchor = anchors
    if k is None and col == _UNITS:
        return _glued(run.text, doc.units, doc.results)
    if col + 1 == _UNITS and k is not None and run.text[k + 1 :] not in doc.units:
        return _name_glued_past_cut(run, k, page.columns[col], doc, units_anchor, s)
    if k is None and col + 1 == _UNITS:
        limit = doc.widths.get(col)
        right = page.columns[col]
        glued = _glued_name(run, right, doc.units, units_anchor, s, doc.heads, limit)
        return glued if glued is not None else _name_rest_below(page, run, doc, units_anchor, s)
    if k is not None and col + 1 == _SUB:
        return _sub_glued_at_start(page, run, k, doc, sub_anchor, s)
    if k is None and col + 1 == _INDICATOR:
        return _glued_points(run)
    return None


def _sub_glued_at_start(
    page: _Page, run: _Run, k: int, doc: _Measures, anchor: float | None, s: SideBySideSettings
) -> int | None:
    """Given a page, a run of the indicator column, where a cut at a space would part it,
    the document's measures, the cell most of the page's sub-indicator lines start at and
    the settings, return the index of the run's glyph at that cell, before the space, where
    the tool pitched narrower than the glyphs (`-fixed 12`) printed the sub-indicator's first
    line against the indicator's with no space: "2.促進服務流程整合設置 QR code 行動條碼，方便民
    眾即時" above "查詢。", 設 and 查 at that cell.  Only where the widths decide: the text from
    that glyph on fits the sub-indicator column and, with the line under it at that cell,
    is a wrap; the text after the space would have held that line's first glyph, so it
    was no line of the column's own."""
    limit = doc.widths.get(_SUB)
    j = _at_anchor(run, anchor, s)
    if limit is None or j is None or run.text[j].isspace():
        return None
    below = [r for r in page.runs if r.line == run.line + 1 and r.x == anchor]
    if not below or _MARKER.match(below[0].text):
        return None  # no line under it, or a cell of its own ("(2)…")
    head = below[0].text[0]
    sub = run.text[j:]
    if ems(sub) > limit + s.push_slack or ems(sub + head) <= limit:
        return None
    return j if ems(run.text[k + 1 :] + head) <= limit else None


def _note_tails(run: _Run, right: float, doc: _Measures, s: SideBySideSettings) -> list[int]:
    """Given a run before a column beyond the five, that column's edge (points), the
    document's measures and the settings, return each single space after which the run
    ends in a line the columns beyond the five print whole elsewhere: that column's,
    pushed against this one ("• 提供 call 第 3 頁"), also where width alone would cut
    earlier (a date's half-width glyphs are narrower than `ems` counts them: "• 於114 年
    2 月 1 第 3 頁").  A line printed whole once will do after a Latin word, which takes
    more cells than ems ("• 提供 call 第 3 頁" beside "見佐證資" / "料"), or standing past
    the edge ("1.於104 年 1 第 3 頁" beside "見佐證資" / "料")."""
    return [
        i
        for i, ch in enumerate(run.text)
        if ch == " "
        and (
            _notes_only(run.text[i + 1 :], doc.notes)
            or (
                run.text[i + 1 :] in doc.notes_once
                and (_LATIN_END.search(run.text[:i]) is not None or _word_past(run, i, right, s))
            )
        )
    ]


def _notes_only(text: str, notes: frozenset[str]) -> bool:
    """Given a run's tail and the lines the columns beyond the five print whole twice or
    more, tell whether the tail is one of them or several a space apart: each column's
    line, pushed together ("第 3 頁 第 3 頁" after "1.提供 call", 佐證資料's and 附註's)."""
    if text in notes:
        return True
    return any(
        text[:k] in notes and _notes_only(text[k + 1 :], notes)
        for k, ch in enumerate(text)
        if ch == " "
    )


def _note_glued(
    run: _Run, limit: float | None, doc: _Measures, s: SideBySideSettings
) -> int | None:
    """Given a results run, the results' wrap width (ems), the document's measures and
    the settings, return where a line the columns beyond the five print whole elsewhere,
    twice or more, ends the run with no space before it, where the run is wider in ems
    than its column wraps and what stands before that line is not: the tool pushed the
    note's line against a results line ending in a full-width glyph ("(1)推動「優良計量管理
    制度」：含線上申" beside "辦統計表", 含 seven cells short of where 辦 starts), and no
    cell's own line is wider than its column.  It stands before a cut by width alone
    ("一、105 年度共計受理36,528件，處理時見佐證資": not after "105"), never before a line
    of the note column's a space apart (`_note_tails`).  Only the results: a narrow
    column's widest line ("詳附件" / "一") is no measure of what it holds on one line
    elsewhere ("詳附件一")."""
    return _glued_past_limit(run.text, doc.notes, limit, s)


def _glued_past_limit(
    text: str, lines: Iterable[str], limit: float | None, s: SideBySideSettings
) -> int | None:
    """Given a run's text, lines of a cell, the run's column's wrap width (ems) and the
    settings, return where the first of the lines that end the text with no space before
    them begins, where the text is wider than its column wraps and what stands before
    that line is not (`_note_glued`, `_own_name_past_width`), else None."""
    if limit is None or ems(text) <= limit + s.push_slack:
        return None
    starts = _glued_ends(text, lines)
    return min((k for k in starts if ems(text[:k]) <= limit + s.push_slack), default=None)


def _glued_ends(text: str, lines: Iterable[str]) -> list[int]:
    """Given a run's text and lines of a cell, return where each line that ends the text
    with no space before it begins."""
    return [
        len(text) - len(t)
        for t in lines
        if len(text) > len(t) and text.endswith(t) and not text[-len(t) - 1].isspace()
    ]


def _word_past(run: _Run, k: int, right: float, s: SideBySideSettings) -> bool:
    """Given a run, the index of a space in it, an edge (points) and the settings, tell
    whether the word after the space stands at or past the edge: where its first glyph's
    middle is, as a run is in the column its first glyph's middle falls in (`_column`)."""
    return run.x + (k + 1) * s.glyph + s.glyph / 2 >= right


def _cells_part_after(text: str, k: int | None) -> bool:
    """Given a run's text and where width alone would cut it, tell whether a space from
    there on parts two wide glyphs, as two cells' lines meet ("每季召開服務品質檢 依本局考
    見佐證資"): the cut stands.  A width cut among half-width words ("• 於114 年 2 月 1 第 3
    頁") only guessed, `ems` counting those glyphs wider than the PDF drew them."""
    return k is not None and any(
        ch == " " and _between_cells(text, i) for i, ch in enumerate(text) if i >= k
    )


def _block_edge(starts: dict[tuple[int, float], int], block: int, col: int, right: float) -> float:
    """Given the block starts of columns beyond the five found so far, a run's block and
    column and that column's right edge, return the edge to cut at: where this block's
    next column started, if a line above showed it, when further left."""
    if col < _RESULT:
        return right
    return min([right, *(x for (b, x), c in starts.items() if (b, c) == (block, col + 1))])


def _number_for(part: str, col: int, numeric: frozenset[int]) -> bool:
    """Given a part cut off a run for a column beyond the five, that column and the
    document's columns of numbers, tell whether the part is that column's number: a
    number, cut for a column of numbers with none after it.  Where the tool put it says
    nothing: it pushed the number against the line, and a justified line put back
    together (`_despread`) is shorter than it printed ("1 . 1 0 6 年 度 共 計 57")."""
    return _NUMBER.fullmatch(part) is not None and col in numeric and col + 1 not in numeric


def _extra_part_at(
    starts: dict[tuple[int, float], int],
    block: int,
    col: int,
    tool_x: float,
    at: float,
    columns: Sequence[float],
    s: SideBySideSettings,
    last: bool,
) -> float:
    """Given the block starts found so far, a part's block, the column it was cut from,
    where the tool put it and where it goes, and whether it is its line's last, return
    where it goes, noting in `starts` where this block's next column starts.  The tool maps
    each block to cells on its own: a line's last part standing at or right of where this
    block's further column started goes there (`：http://e-service.tw/ 計表`); one with
    more after it takes the next column, the rest the ones after (`…https://www. 辦統計表
    核紀錄`)."""
    further = [c for (b, x), c in starts.items() if b == block and x <= tool_x]
    if last and max(further, default=0) > col + 1:
        return max(at, columns[max(further) - 1] + s.glyph / 2)
    if at > tool_x:
        starts[(block, tool_x)] = col + 1
    return at


def _note_lines(pages: Sequence[_Page], s: SideBySideSettings) -> Counter[str]:
    """Given the pages, return the lines the columns beyond the five print as whole runs
    (their own lines: "見佐證資料", "第 3 頁", "詳附件一"), numbers aside, each with how
    often."""
    return Counter(
        r.text
        for _, r, col in _body_cells(pages, s)
        if col > _RESULT and not _NUMBER.fullmatch(r.text)
    )


def _column_lines(pages: Sequence[_Page], s: SideBySideSettings) -> dict[int, frozenset[str]]:
    """Given the pages, return the runs each column prints: the results' for `_glued`, the
    indicators' and sub-indicators' for `_held_tail`."""
    runs: dict[int, set[str]] = {}
    for _, r, col in _body_cells(pages, s):
        runs.setdefault(col, set()).add(r.text)
    return {col: frozenset(texts) for col, texts in runs.items()}


def _numeric_columns(pages: Sequence[_Page], s: SideBySideSettings) -> frozenset[int]:
    """Given the pages, return the columns beyond the five whose body runs are numbers, at
    least three (a self-assessed score's column: 8, 161.5).  The column right of the
    results counts the numbers the tool pushed against a row's first results line as well
    (`_pushed_numbers`: "• 每季召開服務品質 3", a narrow column's every number but two)."""
    runs: dict[int, list[str]] = {}
    for _, r, col in _body_cells(pages, s):
        if col > _RESULT:
            runs.setdefault(col, []).append(r.text)
    pushed = _pushed_numbers(pages, s) if _RESULT + 1 in runs else 0
    return frozenset(
        col
        for col, texts in runs.items()
        if all(map(_NUMBER.fullmatch, texts))
        and len(texts) + (pushed if col == _RESULT + 1 else 0) >= 3
    )


def _pushed_numbers(pages: Sequence[_Page], s: SideBySideSettings) -> int:
    """Given the pages, count the results runs on a row's first line (`_opens_a_row`) that
    end in a number a space apart with no run of the next column beside them: the row's
    number, pushed against the line, where that column holds numbers."""
    return sum(
        1
        for page, r, col in _body_cells(pages, s)
        if col == _RESULT
        and _PUSHED_NUMBER.search(r.text)
        and _opens_a_row(page, r.line, s)
        and not any(
            x.line == r.line and _column(page.columns or (), x.x, s) == _RESULT + 1
            for x in page.runs
        )
    )


def _score_pushed(page: _Page, run: _Run, col: int, s: SideBySideSettings) -> int | None:
    """Given a page, a run, its column and the settings, where the next column holds
    numbers only, return the index of the space before a number ending the run, when the
    run stands on its row's first line (a cell's number is printed at its top) and no run
    of the line stands in the next column, nor a number further right: the tool pushed the
    row's number against the line ("依規定定期陳報「 8").  Elsewhere a number ending a line
    is the line's own ("自108 年 2" / "月 10 日"; "自114 年 1" beside "3").  A row's first
    line holds its sub-indicator's or indicator's first line, under a blank line or opening
    with its number ("得分：5" above "3) 提供各種…  完成檢驗22,173批 5"); a line of results
    alone under a blank line (a page's first, "4.於107 年 9 月 2") goes on a row above."""
    assert page.columns is not None
    m = _PUSHED_NUMBER.search(run.text)
    if m is None or not _opens_a_row(page, run.line, s):
        return None
    beside = any(
        r.line == run.line
        and (
            _column(page.columns, r.x, s) == col + 1
            or (_column(page.columns, r.x, s) > col and _NUMBER.fullmatch(r.text) is not None)
        )
        for r in page.runs
    )
    return None if beside else m.start()


def _scores_at_top(
    pages: Sequence[_Page], numeric: frozenset[int], s: SideBySideSettings
) -> list[str]:
    """Given the pages as printed and the document's columns of numbers (`_numeric_columns`),
    return where a number ending a page's first body line after a date's year or month
    ("年 6 月 1") was read as its row's, pushed against the line (`_score_pushed`), on the
    blank line above alone.  Under the header that blank line stands whatever follows, so
    the line may be the rest of the row the page before cut, and a number after "月" is
    most often the date's own day (`-layout-extra` 36205: "施品質。" beside "2.自105 年 6
    月 1", the row's "16.5" on the page before, read "16.51").  After other text ("…如下
    10") a number there reads as the row's, as on any row's first line."""
    out: list[str] = []
    tables = [p for p in pages if p.columns is not None and _body_lines(p.lines)]
    for page in tables[1:]:
        top = min(_body_lines(page.lines))
        if _opens_a_row(page, top, s, numbered=True):
            continue
        for r in page.runs:
            if r.line != top or page.columns is None:
                continue
            col = _column(page.columns, r.x, s)
            k = _score_pushed(page, r, col, s) if col + 1 in numeric else None
            if k is not None and _DATE_PART_END.search(r.text[:k]):
                out.append(_where(page.number, r.text[-24:]))
    return out


# A date's year or month, after its number, ending a text ("自105 年 6 月"; not "較去年").
_DATE_PART_END = regex.compile(r"[0-9]\s*[年月]\s*$")


def _opens_a_row(page: _Page, line: int, s: SideBySideSettings, *, numbered: bool = False) -> bool:
    """Given a page, one of its lines and the settings, tell whether the line surely opens a
    row, as printed: it holds an indicator's or a sub-indicator's text, under a blank line
    or opening with the indicator's number or the sub-indicator's marker (`numbered`: only
    so).  A run the tool printed over several cells a space apart ("資訊公開透明( 1.辦理滿
    意度 強化機關…") holds each column's text where a word of it crosses into that column.
    Text opening with a closing mark opens no cell: it is a cell's last line, wrapped
    ("。" atop a page, under the page before's "…確保設施品質")."""
    assert page.columns is not None
    cells = [
        (c, t)
        for r in page.runs
        if r.line == line
        for c, t in _crossings(page.columns, r, s)
        if c in (_INDICATOR, _SUB) and not CLOSING_START.regex.match(t)
    ]
    if not cells or line == 0:
        return False
    opens = any(
        _INDICATOR_OPENS.match(t) if c == _INDICATOR else _MARKER.match(t) for c, t in cells
    )
    return opens or (not numbered and not page.lines[line - 1].strip())


def _crossings(
    columns: Sequence[float], run: _Run, s: SideBySideSettings
) -> Iterator[tuple[int, str]]:
    """Given a page's column edges, a run and the settings, yield its column and text, then
    each column a later word of it (parted by a single space) starts in, with the text from
    there: where the tool printed two cells' lines a space apart."""
    col = None
    for m in _WORD.finditer(run.text):
        c = _column(columns, run.x + m.start() * s.glyph, s)
        if c != col:
            yield c, run.text[m.start() :]
            col = c


def _glued_points(run: _Run) -> int | None:
    """Given an item column's run, return where it goes on with no space after an item's
    "(N分)": the tool pitched narrower than the glyphs (`-fixed 8`) printed the
    indicator's first line against the item's ("創新服務(40分)促進服務流程"); an item's name
    never goes on after its points.  Wherever the points stand: on a page whose every
    indicator line is glued so ("內部作業簡化(230分)辦理滿意度調查"), the grid finds the
    indicator column's edge by its label, cells right of the text's start.  A 得分 line
    goes on after them ("(150分)得分：…"), and is no indicator's."""
    m = ITEM_POINTS_IN.regex.search(run.text)
    if m is None or m.end() >= len(run.text) or run.text[m.end()].isspace():
        return None
    end: int = m.end()
    return None if _SCORE_HEAD.match(run.text[end:]) else end


def _glued(text: str, units: frozenset[str], results: frozenset[str] = frozenset()) -> int | None:
    """Given a units column's run, the document's unit names and the lines its results
    column prints whole, return where a name of its own that is longer in cells than in
    ems ends, when the run goes on past it with no space ("1999市民熱線①依規定…"): the tool
    gave its Latin glyphs a cell each, so the name reached the next column's first cell and
    the two were printed as one.  Failing one, where a whole unit name ends that the rest
    of the run follows as a line the results print elsewhere ("1999市民熱線已完成並提供多元案
    件查詢管", the name printed once)."""
    ends = [
        len(n)
        for n in units
        if len(text) > len(n) and text.startswith(n) and len(n) > ems(n) and ends_like_name(n)
    ]
    if ends:
        return max(ends)
    rests = [
        k
        for k in range(2, len(text))
        if text[k:] in results and is_unit_line(text[:k]) and ends_like_name(text[:k])
    ]
    return min(rests, default=None)


def _glued_name(
    run: _Run,
    right: float,
    units: frozenset[str],
    anchor: float | None,
    s: SideBySideSettings,
    heads: frozenset[str] = frozenset(),
    limit: float | None = None,
) -> int | None:
    """Given a run of the column before the units, its column's right edge (points), the
    document's unit names, the cell most of its block's units lines start at (None without
    any) and the settings (its names' first lines, and the column's wrap width in ems),
    return where a unit name begins that ends the run with no space before it, standing
    past the edge: the tool pushed the name against a line longer in cells than in ems ("外
    call center 人員)對涉及服務業務權益保障科"), or pitched narrower than the glyphs (`-fixed
    8`: "方便報驗發證課"), which no cell of the column before would print so far right.  A
    name of the document's own may stand anywhere past the edge; failing one, any whole
    name starting at the units lines' cell ("方|各單位" where a line of the page's units
    starts a cell early is no evidence), or a name's ending there where the run is wider
    than its column wraps and what stands before it is not (`_glued_past_width`)."""
    own = _own_name_glued(run, right, units, s, heads)
    if own is None:
        own = _own_name_past_width(run, units, limit, s)
    k = _at_anchor(run, anchor, s)
    if own is not None or k is None:
        return own
    if anchor is not None and anchor >= right and is_unit_name(run.text[k:]):
        return k
    return k if _glued_past_width(run, limit, anchor, s) is not None else None


def _own_name_past_width(
    run: _Run, units: frozenset[str], limit: float | None, s: SideBySideSettings
) -> int | None:
    """Given a run of the column before the units, the document's unit names, its column's
    wrap width (ems) and the settings, return where a whole name of the document's own
    that ends the run with no space before it begins, where the run is wider in ems than
    its column wraps and what stands before the name is not: no cell's own line is wider
    than its column, wherever the tool put the name (`-fixed 8`: "(4) 進行環境美(綠)化及輔以
    舒適、各單位", 各 a cell and a half short of the units' edge)."""
    return _glued_past_limit(run.text, _own_names(units), limit, s)


def _name_rest_below(
    page: _Page, run: _Run, doc: _Measures, anchor: float | None, s: SideBySideSettings
) -> int | None:
    """Given a page, a run of the sub-indicator column, the document's measures, the cell
    most of the run's block's units lines start at and the settings, return where a name's
    first line begins that ends the run with no space before it, its rest the units line
    under the run at that cell: the tool pitched narrower than the glyphs (`-fixed 8`)
    printed the name's first line against the sub-indicator's ("…方便民眾即時查詢兒童及少年
    福利與權" above "益保障科"), and the name is printed nowhere else.  Only where the widths
    leave one place for it: the run is wider than its column wraps; the line before the
    name fits that column and, with a line of that column's own under it, would not have
    held that line's first glyph; the name's first line fits the units column and would
    not have held its rest's first glyph."""
    limit, room = doc.widths.get(_SUB), doc.widths.get(_UNITS)
    assert page.columns is not None
    if anchor is None or limit is None or room is None:
        return None
    if _column(page.columns, run.x, s) != _SUB or ems(run.text) <= limit + s.push_slack:
        return None
    below = {
        _column(page.columns, r.x, s): r
        for r in page.runs
        if r.line == run.line + 1 and (r.x <= run.x or abs(r.x - anchor) <= s.jitter * s.glyph)
    }
    rest, own = below.get(_UNITS), below.get(_SUB)
    if rest is None or abs(rest.x - anchor) > s.jitter * s.glyph or " " in rest.text:
        return None
    text = run.text
    places = [
        k
        for k in range(1, len(text))
        if " " not in text[k - 1 : k + 1] + text[k:]
        and ems(text[:k]) <= limit + s.push_slack
        and (own is None or own.x != run.x or ems(text[:k] + own.text[0]) > limit)
        and room < ems(text[k:] + rest.text[0])
        and ems(text[k:]) <= room + s.push_slack
        and is_unit_name(text[k:] + rest.text)
    ]
    return places[0] if len(places) == 1 else None


def _at_anchor(run: _Run, anchor: float | None, s: SideBySideSettings) -> int | None:
    """Given a run, the cell most of a column's lines start at (the units' or the
    sub-indicators') and the settings, return the index of the run's glyph at that cell,
    where no space stands before it and it is neither the run's first glyph nor its last;
    else None."""
    if anchor is None:
        return None
    k = round((anchor - run.x) / s.glyph)
    if not 0 < k < len(run.text) - 1 or run.text[k - 1].isspace():
        return None
    return k


def _name_glued_past_cut(
    run: _Run,
    k: int,
    right: float,
    doc: _Measures,
    anchor: float | None,
    s: SideBySideSettings,
) -> int | None:
    """Given a run of the column before the units, where a cut at a space would part it,
    its column's right edge (points), the document's measures, the cell most of the page's
    units lines start at and the settings, return where a unit name glued after the cut's
    word begins, else None.  The word past the edge ends with a name of the document's own:
    the name is the units', the word's head its own column's ("含委外 call center 人員光發展
    處": "人員" the sub-indicator's, "光發展處" a wrapped name's rest); or a name printed
    nowhere else stands at the units lines' cell after a Latin word ("callIT組":
    `_latin_glued_at_units`)."""
    glued = _own_name_glued(run, right, doc.units, s, doc.heads)
    if glued is None:
        glued = _latin_glued_at_units(run, k, anchor, s)
    return glued if glued is not None and glued > k + 1 else None


def _latin_glued_at_units(
    run: _Run, k: int, anchor: float | None, s: SideBySideSettings
) -> int | None:
    """Given a run of the column before the units, where a cut at a space would part it,
    the cell most of the page's units lines start at and the settings, return where a
    name ending like one begins at that cell, glued to a Latin word that starts after the
    cut more than `jitter` cells before that cell: the word is its own column's, the name
    the units' ("含委外 callIT組" over "center 人員)…" at a pitch narrower than the glyphs,
    "IT組" printed nowhere else).  The tool starts no units line that far left of that cell,
    so the cut would give the units a line starting cells early."""
    j = _at_anchor(run, anchor, s)
    if j is None or j - (k + 1) <= s.jitter:
        return None  # the cut's text starts where a units line may ("針對 IT組")
    word = run.text[k + 1 : j]
    if not _LATIN_WORD.fullmatch(word) or not ends_like_unit(run.text[j:]):
        return None
    return j


def _glued_past_width(
    run: _Run, limit: float | None, anchor: float | None, s: SideBySideSettings
) -> int | None:
    """Given a run of the column before the units, its column's wrap width (ems), the cell
    most of the page's units lines start at and the settings, return where a name ending
    like one (`ends_like_unit`: "服務台") begins at that cell with no space before it, where
    the run is wider in ems than its column's cells wrap and what stands before the name is
    not: no cell's own line is wider than its column ("外 call center 人員)對涉及服務業務處
    服務台" at a pitch narrower than the glyphs, the name printed nowhere else)."""
    k = _at_anchor(run, anchor, s)
    if limit is None or k is None:
        return None
    text = run.text
    if ems(text[:k]) > limit + s.push_slack or ems(text) <= limit + s.push_slack:
        return None
    return k if ends_like_unit(text[k:]) else None


def _own_name_glued(
    run: _Run,
    right: float,
    units: frozenset[str],
    s: SideBySideSettings,
    heads: frozenset[str] = frozenset(),
) -> int | None:
    """Given a run, its column's right edge (points), the document's unit names and the
    settings (and its names' first lines: `_name_heads`), return where the longest name of
    the document's own that ends the run with no space before it begins, standing past the
    edge (see `_glued_name`).  A name's first line counts where the document prints it
    and its rest as units lines of their own ("(含委外 call兒童及少年福利與權" above
    "益保障科": a pitch narrower than the glyphs dropped the space after the Latin word)."""
    text = run.text
    named = _own_names(units, heads)
    return min((k for k in _glued_ends(text, named) if run.x + k * s.glyph >= right), default=None)


def _own_names(units: frozenset[str], heads: frozenset[str] = frozenset()) -> Iterator[str]:
    """Given the document's unit names (and its names' first lines: `_name_heads`), return
    those a glued run's end is cut at: longer than a glyph, ending like a name, or a first
    line the document prints above its rest."""
    return (n for n in units if len(n) > 1 and (ends_like_name(n) or n in heads))


def _left_aligned(page: _Page, anchors: dict[int, float], s: SideBySideSettings) -> list[_Run]:
    """Given a page (runs cut where pushed) and its columns' anchors, return its runs with
    each body run that starts more than `jitter` cells right of its indicator or
    sub-indicator column's anchor moved to the next column, unless that column's cell
    stands beside it on its line.

    Those cells' lines start at the column's left edge: a run standing well inside the
    column is the next column's text, which the tool put a few cells further left than
    that column's other lines (it maps each block of text to cells on its own).  With the
    next column's text beside it, it is its own column's, started a few cells right, and
    so is every run of its block that starts at the same cell ("3.提供多元" beside "辦理服務
    滿意度…", then "案件查詢管" and "道" alone under it).  The same holds for a results'
    run that starts within `jitter` cells of a column beyond the five (`_near_extra`): that
    narrow column's line the tool started short of it ("料", "第 3 頁"), never a results
    line (a centred "不適用" stands well left of it)."""
    assert page.columns is not None
    columns = page.columns
    body = _body_lines(page.lines)
    block = _blocks(page.lines)
    taken = {(r.line, _column(columns, r.x, s)) for r in page.runs}
    beside = {
        (block[r.line], col, r.x)
        for r in page.runs
        if (r.line, (col := _column(columns, r.x, s)) + 1) in taken
    }
    out: list[_Run] = []
    for r in page.runs:
        col = _column(columns, r.x, s)
        anchor = anchors.get(col)
        if (
            r.line in body
            and (col in (_INDICATOR, _SUB) or _near_extra(columns, col, r.x, s))
            and anchor is not None
            and r.x > anchor + s.jitter * s.glyph
            and (block[r.line], col, r.x) not in beside  # the next column's cell beside
        ):
            r = _Run(r.line, columns[col] + s.glyph / 2, r.text)
        out.append(r)
    return out


def _near_extra(columns: Sequence[float], col: int, x: float, s: SideBySideSettings) -> bool:
    """Given a page's column edges, a run's column and where it starts, tell whether it is
    a results' run starting within `jitter` cells of a column beyond the five."""
    return col == _RESULT and col < len(columns) - 1 and x >= columns[col] - s.jitter * s.glyph


def _one_cell_per_column(
    page: _Page, s: SideBySideSettings
) -> tuple[list[_Run], dict[tuple[int, float], int]]:
    """Given a page (runs cut where pushed), return its runs with each body line's runs in
    columns left to right, one run per column: two spaces or more part cells, never a
    cell's own words, so a run that the tool's jitter put in the column of the run before
    it on the line belongs to the next column, and is moved to its start.  Also return
    where in its block each moved run started, (block, cell) to column: the tool maps each
    block of lines (between blank lines) to cells on its own, so that cell is the column's
    start in this block (see `_block_starts`)."""
    assert page.columns is not None
    columns = page.columns
    body = _body_lines(page.lines)
    block = _start_blocks(page, s)
    moved: dict[tuple[int, float], int] = {}
    own = [_column(columns, r.x, s) for r in page.runs]
    cols: list[int] = []
    last: dict[int, int] = {}
    for r, col in zip(page.runs, own, strict=True):
        before = last.get(r.line)
        if r.line in body and before is not None and before < len(columns) - 1 and col <= before:
            col = before + 1
            at = int(r.x / s.glyph)
            if page.lines[r.line][at : at + 2] == r.text[:2]:  # where the tool printed it
                moved[(block[r.line], r.x)] = col
        last[r.line] = col
        cols.append(col)
    out: list[_Run] = []
    for r, col, was in zip(page.runs, cols, own, strict=True):
        if col != was:
            r = _Run(r.line, max(r.x, columns[col - 1] + s.glyph / 2), r.text)
        out.append(r)
    return out, moved


def _blocks(lines: Sequence[str]) -> list[int]:
    """Given a page's lines, return each line's block number (blank lines part blocks)."""
    return list(itertools.accumulate(not ln.strip() for ln in lines))


def _has_narrow(page: _Page) -> bool:
    """Given a page, tell whether its table has columns beyond the five (narrow ones)."""
    return page.columns is not None and len(page.columns) >= len(HEADER_LABELS) + 2


def _row_blocks(page: _Page, s: SideBySideSettings, *, rows_only: bool = False) -> tuple[int, ...]:
    """Given a page as cut (with columns) and the settings, return each line's block
    number, blocks parted by blank lines and where a row opens with its indicator's number
    or its sub-indicator's marker (`_opens_a_row`): a block may hold two rows ("得分：7"
    right above "（2） 建立民眾意見"), and each row has narrow cells of its own.  With
    `rows_only`, a blank line in the body parts blocks only where the next line opens a
    row: a block with no indicator's or sub-indicator's text goes on the row above (the
    tool set a blank line inside a row: "得分：  新住民服務中心  計畫」處理情形，  第 3
    頁" under its row's "辦統計表" and "料", `-layout-extra` 36772)."""
    body = _body_lines(page.lines) if rows_only else frozenset()
    out: list[int] = []
    k = 0
    for i, ln in enumerate(page.lines):
        if not ln.strip():
            k += not rows_only
        elif i and (page.lines[i - 1].strip() or rows_only) and _opens_a_row(page, i, s):
            k += 1
        elif rows_only and i and not page.lines[i - 1].strip() and i not in body:
            k += 1
        out.append(k)
    return tuple(out)


def _start_blocks(page: _Page, s: SideBySideSettings) -> Sequence[int]:
    """Given a page with columns and the settings, return each line's block as the tool
    mapped its cells' lines to cells: blocks parted by blank lines, and where the table
    has columns beyond the five, rows too (`_row_blocks`).  The tool pushes a row's narrow
    cells by its own lines only: in one block, a row with no results kept "含線上申" at
    its column, and the next pushed its notes a column on to that cell (`-layout-extra`
    36772)."""
    return _row_blocks(page, s) if _has_narrow(page) else _blocks(page.lines)


def _cell_blocks(page: _Page) -> Sequence[int]:
    """Given a page, return each line's block as the narrow columns' evidence takes it: its
    row blocks (`_row_blocks`) once known, else its blocks."""
    return page.rows or _blocks(page.lines)


def _block_starts(
    page: _Page,
    moved: dict[tuple[int, float], int],
    s: SideBySideSettings,
    numeric: frozenset[int],
    widths: Mapping[int, float],
) -> list[_Run]:
    """Given a page as the tool printed it and the block starts its first reading found
    (`_one_cell_per_column`), return its runs with each body run that starts at such a
    cell of its block moved to that column's start, before any run is cut: a run the
    tool started there is that column's whole ("及 Facebook 粉絲專頁發" in a block whose
    results start two cells after another block's units), and cutting it as the column
    before's would leave a piece behind.  A results run starting where the block's units
    do (`_names_in_results`) goes back to the units, to be cut there."""
    assert page.columns is not None
    body = _body_lines(page.lines)
    block = _start_blocks(page, s)
    last = {r.line: r.x for r in page.runs}  # runs come in line order, left to right
    out: list[_Run] = []
    # A column beyond the five: its lines start at that cell, right of it or up to
    # `jitter` cells left of it (narrow columns, each line mapped to cells on its own:
    # "見佐證" / "資料" / "第 3 頁").
    extra: dict[int, list[tuple[float, int]]] = {}
    # A column of numbers takes numbers only, so where it starts in a row, it starts in
    # the other rows of its block between blank lines too: a number right of that start
    # in a row with no start of its own is the row's ("9" of a row with no results above
    # "已完成並提供多元 9": `-layout-extra` 18692).
    blanks = _blocks(page.lines)
    blank_of = {b: blanks[i] for i, b in enumerate(block)}
    numbers: dict[int, list[tuple[float, int]]] = {}
    for (b, x), c in moved.items():
        if c > _RESULT:
            extra.setdefault(b, []).append((x - s.jitter * s.glyph, c))
        if c in numeric:
            numbers.setdefault(blank_of[b], []).append((x - s.jitter * s.glyph, c))
    stay = _short_stays(page, block, moved, extra, widths, s)
    for r in page.runs:
        # A column of numbers takes numbers only (a results line of a block whose first
        # lines the tool started further left stands where the row's number was pushed).
        number = _NUMBER.fullmatch(r.text) is not None
        near = [c for x, c in extra.get(block[r.line], ()) if x <= r.x]
        if number and not near:
            near = [c for x, c in numbers.get(blanks[r.line], ()) if x <= r.x]
        col = moved.get((block[r.line], r.x)) or max(near, default=None)
        if (block[r.line], r.x) in stay:
            col = None
        if col in numeric and not number:
            col = None
        # Not where a run further right on the line stands for that column.
        now = _column(page.columns, r.x, s)
        right = col is not None and col > now and last[r.line] == r.x
        # Back to the units, where names moved out of the results started (the results'
        # text pushed after such a line is then cut off it).
        units = col == _UNITS and now == _RESULT
        if r.line in body and col is not None and (right or units):
            r = _Run(r.line, page.columns[col - 1] + s.glyph / 2, r.text)
        out.append(r)
    return out


def _short_stays(
    page: _Page,
    block: Sequence[int],
    moved: Mapping[tuple[int, float], int],
    extra: Mapping[int, Sequence[tuple[float, int]]],
    widths: Mapping[int, float],
    s: SideBySideSettings,
) -> set[tuple[int, float]]:
    """Given a page, its lines' blocks, its block starts (`_block_starts`), per block where
    each column beyond
    the five may start (its block start less `jitter` cells) and the columns' widest lines,
    return the (block, cell) whose runs stay in their own column although they start short
    of such a column's block start: where the header and the block start of the column
    before agree on that column (a row whose results are empty, its narrow cell pushed
    less far right than the row's above), or where a run starting at that cell is wider
    than the column's lines ever are (a results cell's later lines, which the tool started
    further right than its first ones).  A narrow column's line the tool put short of its
    start is as narrow as the column.  So is one at that start: a run there with no space
    wider than the column's lines keeps its cell's runs in their own column too (a results
    cell's later lines at the cell a note pushed against its first line started at, "…調查
    結果 詳附件一" over "三、自102年5月18日"; "第 3 頁 第 3 頁" is two notes' lines)."""
    assert page.columns is not None
    out: set[tuple[int, float]] = set()
    for r in page.runs:
        key = (block[r.line], r.x)
        if moved.get(key, 0) > _RESULT:
            if " " not in r.text and ems(r.text) > widths.get(moved[key], 0) + s.push_slack:
                out.add(key)
            continue
        near = {c: x for x, c in extra.get(key[0], ()) if x <= r.x}
        if key in moved or not near or r.x >= near[max(near)] + s.jitter * s.glyph:
            continue
        col = max(near)
        now = _column(page.columns, r.x, s)
        if (now in near and now < col) or ems(r.text) > widths.get(col, 0) + s.push_slack:
            out.add(key)
    return out


def _unit_names(pages: Sequence[_Page], s: SideBySideSettings) -> frozenset[str]:
    """Given the pages, return the names that stand as a whole run in the units column: no
    run opening with a list marker or holding a sentence's punctuation, which no unit name
    does (a results' line the tool started inside that column: "1.依規定定期陳報「清淨")."""
    return frozenset(
        r.text
        for _, r, col in _body_cells(pages, s)
        if col == _UNITS
        and (text := r.text.strip())
        and not _MARKER.match(text)
        and not _NO_NAME.search(text)
    )


def _body_cells(pages: Sequence[_Page], s: SideBySideSettings) -> Iterator[tuple[_Page, _Run, int]]:
    """Given the pages, yield each body run of a page with columns, with its page and its
    column: what the document-wide measures (`_Measures`) are taken over."""
    for page in pages:
        if page.columns is None:
            continue
        for r in _body_runs(page.lines, page.runs):
            yield page, r, _column(page.columns, r.x, s)


def _name_heads(pages: Sequence[_Page], s: SideBySideSettings) -> frozenset[str]:
    """Given the pages, return the units column's runs that do not end like a name but
    are a name's first line: the runs on the next lines, starting at the same cell, none
    ending like a name but the last, complete them into one ("兒童及少年福利與權" above
    "益保障科"; "兒童及少年福" above "利與權益保障" and "科")."""
    at = {
        (page.number, r.line, r.x): r.text
        for page, r, col in _body_cells(pages, s)
        if col == _UNITS
    }
    return frozenset(
        text
        for (n, line, x), text in at.items()
        if not ends_like_name(text) and is_unit_name(_name_from(at, n, line, x))
    )


def _name_from(at: dict[tuple[int, int, float], str], page: int, line: int, x: float) -> str:
    """Given the units column's runs by (page, line, cell) and where one starts, return
    that run and the runs under it at the same cell up to the first that ends like a name,
    joined; "" where none does."""
    parts = [at[(page, line, x)]]
    below = line + 1
    while (under := at.get((page, below, x))) is not None:
        parts.append(under)
        if ends_like_name(under):
            return "".join(parts)
        below += 1
    return ""


def _anchors(page: _Page, runs: Sequence[_Run], s: SideBySideSettings) -> dict[int, float]:
    """Given a page and its runs (cut where pushed), return per column where most of its
    body runs start: the column's left edge, which a run the tool pushed right misses."""
    assert page.columns is not None
    starts: dict[int, list[float]] = {}
    for r in _body_runs(page.lines, runs):
        starts.setdefault(_column(page.columns, r.x, s), []).append(r.x)
    return {col: _mode(xs) for col, xs in starts.items()}


def _start_clusters(page: _Page, s: SideBySideSettings) -> dict[int, list[float]]:
    """Given a page as the tool printed it, return per column the cells its body runs start
    at, grouped: starts less than `jitter` cells apart are one group (one column's lines,
    which the tool starts a cell or more apart), and each group goes to the grid column
    its lines stand under (see the votes below).

    The grid's edges stand in narrow white gaps and can cut one column's lines in two
    (an indicator's lines at cells 7 and 9, its sub-indicators' at 14 and 16, the grid's
    edge at 16.5): a group moves as a whole."""
    assert page.columns is not None
    body = _body_runs(page.lines, page.runs)
    starts = Counter(r.x for r in body)
    # Each run votes by the middle of its first cell's words (a marker and its word), as
    # many votes as they have glyphs: a column's lines stand under its header, even where
    # they start left of its edge, and a long line shows it better than a short tail.  A
    # line that cannot be (part of) a unit name votes for the results.
    votes: dict[float, Counter[int]] = {}
    for r in body:
        words = r.text.split(" ")
        head = " ".join(words[:2]) if _MARKER.fullmatch(words[0]) else words[0]
        middle = r.x + len(head) * s.glyph / 2 - s.glyph / 2
        col = _column(page.columns, middle, s)
        if col == _UNITS and not is_unit_line(head):
            col = _RESULT  # the units column holds names only
        votes.setdefault(r.x, Counter())[col] += len(head)
    groups: list[list[float]] = []
    for x in sorted(starts):
        if groups and x - groups[-1][-1] < s.jitter * s.glyph:
            groups[-1].append(x)
        else:
            groups.append([x])
    out: dict[int, list[float]] = {}
    for group in groups:
        tally = sum((votes[x] for x in group), Counter())
        col = min(tally, key=lambda c: (-tally[c], c))
        out.setdefault(col, []).extend(x for x in group for _ in range(starts[x]))
    return out


def _anchored(page: _Page, s: SideBySideSettings) -> tuple[float, ...]:
    """Given a page as the tool printed it, return its column edges moved next to where
    each column's lines start (`_start_clusters`): `jitter` cells before the cell most of
    them start at, and before the first of them; where no line starts in the column
    before, before the first of them but those starting where a line reads as a unit name.

    The tool's cells jitter: the lines of one column start a cell or more apart (each
    block of text is mapped to cells on its own), so a run left of its column's anchor
    may be on the wrong side of an edge found in a narrow white gap."""
    assert page.columns is not None
    clusters = _start_clusters(page, s)
    anchors = {col: _mode(xs) for col, xs in clusters.items()}
    out = list(page.columns)
    for key in range(2, len(out)):
        if key not in anchors:
            continue
        if key - 1 not in anchors:
            # No line starts in the column before (its lines stand glued to the lines
            # before them): the edge still stands left of this column's lines, but for
            # those starting where a line reads as a unit name by its own shape (a units
            # line the votes gave the results: "各單位" beside "1999市民熱線已完成並提供…").
            named = {r.x for r in _body_runs(page.lines, page.runs) if ends_like_unit(r.text)}
            starts = [x for x in clusters[key] if x not in named]
            edge = min(starts, default=out[key - 1]) - s.glyph / 2
            if out[key - 2] + s.glyph < edge < out[key - 1]:
                out[key - 1] = edge
            continue
        here, before = anchors[key], anchors[key - 1]
        jitter = min(s.jitter * s.glyph, (here - before) / 3)
        first = min(clusters[key])
        out[key - 1] = min(here - jitter, first - s.glyph / 2)
        if key == _INDICATOR:  # the item column holds what its lines print before `first`
            held = _words_held(page, clusters[key - 1], first, s)
            out[key - 1] = max(out[key - 1], min(held, first - s.glyph / 2))
    return tuple(out)


def _words_held(page: _Page, starts: Sequence[float], first: float, s: SideBySideSettings) -> float:
    """Given a page as the tool printed it, the cells one column's lines start at, the first
    cell the next column's lines start at and the settings, return where the words after a
    space in those lines end, word by word up to the first that would reach past that cell
    (-inf without any): the column holds them, so its edge stands right of them ("(100 分)"
    under "提高服務滿意", an item's points LibreOffice spaced, the next column's lines from
    cell 7: the edge a third of the way back from their anchor cut "分)" off into it)."""
    held = -math.inf
    for r in _body_runs(page.lines, page.runs):
        if r.x not in starts:
            continue
        words = r.text.split(" ")
        at = r.x + (len(words[0]) + 1) * s.glyph
        for word in words[1:]:
            end = at + len(word) * s.glyph
            if end > first:
                break
            held = max(held, end)
            at = end + s.glyph
    return held


def _mode(xs: Sequence[float]) -> float:
    """Given cells lines start at, return the most common (the leftmost of a tie)."""
    counts = Counter(xs)
    return min(counts, key=lambda x: (-counts[x], x))


def _wrap_widths(
    pages: Sequence[_Page],
    cut: Sequence[Sequence[_Run]],
    anchors: Sequence[dict[int, float]],
    s: SideBySideSettings,
) -> dict[int, float]:
    """Given the pages, their runs and column anchors, return per column the width its
    lines wrap at, in points (`_wrap_width` of its body runs that start at its anchor: a
    run the tool pushed right is longer in cells than in points)."""
    widths: dict[int, list[str]] = {}
    for page, runs, anchor in zip(pages, cut, anchors, strict=True):
        if page.columns is None:
            continue
        for r in _body_runs(page.lines, runs):
            col = _column(page.columns, r.x, s)
            if r.x == anchor.get(col):
                widths.setdefault(col, []).append(r.text)
    return {col: _wrap_width(ts) * s.glyph for col, ts in widths.items()}


def _label_widths(
    pages: Sequence[_Page], wraps: dict[int, float], s: SideBySideSettings
) -> dict[int, float]:
    """Given the pages and the columns' wrap widths, return them with each column beyond
    the five at least as wide as its header label: a narrow column's cells ("13", "詳附件一")
    may all be narrower than the label over them, and a label never stands past its cell's
    rules (it wraps first), so the column is put back that wide (labels a space apart,
    "自評分數 檢討與改善", counted apart)."""
    out = dict(wraps)
    for page in pages:
        if page.columns is None:
            continue
        header = _header_lines(page.lines)
        for r in page.runs:
            if r.line not in header:
                continue
            at = 0
            for word in r.text.split(" "):
                col = _column(page.columns, r.x + at * s.glyph, s)
                at += len(word) + 1
                if col > _RESULT and word:
                    out[col] = max(out.get(col, 0.0), ems(word) * s.glyph)
    return out


def _wrap_width(texts: list[str]) -> float:
    """Given a column's lines, return the width (ems) its lines wrap at.

    Its widest line of glyphs whose width the dump shows for sure (CJK glyphs and
    digits), unless a line with others is more than an em wider: then an em short of that
    one (half-width signs and letters are often narrower than the dump's half em, so
    such a line ran up to the same edge).  Without such lines, its widest line, an
    ambiguous glyph (• × ①) counted at half an em.  A line that is one Latin word (a URL
    that overran its cell) counts for neither."""
    breakable = [t for t in texts if " " in t or any(_wide(ch) for ch in t)] or texts
    upper = max(ems(t) - 0.5 * sum(_unsure_glyph(ch) == 2 for ch in t) for t in breakable)
    sure = [ems(t) for t in breakable if not any(_unsure_glyph(ch) for ch in t)]
    return max(max(sure), upper - 1) if sure else upper


def _unsure_glyph(ch: str) -> int:
    """Given a character, return how many ems its width in a PDF may be off the dump's
    (`glyph_slack` units): none for a CJK glyph or a digit; two for an ambiguous one
    (• ① × are full-width in CJK fonts, half in Latin ones); one for any other."""
    if ch.isdigit():
        return 0
    width = unicodedata.east_asian_width(ch)
    return 0 if width in ("W", "F") else 2 if width == "A" else 1


def _layout(wraps: dict[int, float], s: SideBySideSettings) -> dict[int, float]:
    """Given each column's wrap width, return where each column's text starts once put
    back: each column's box `margin` ems left of its text and `wrap_room` + `margin` ems
    right of its widest line, the next box right after it."""
    starts: dict[int, float] = {}
    x = s.margin * s.glyph
    for col in sorted(wraps):
        starts[col] = x
        x += wraps[col] + (s.wrap_room + 2 * s.margin) * s.glyph
    return starts


def _rules(
    page: _Page,
    runs: Sequence[_Run],
    tops: dict[int, float],
    wraps: dict[int, float],
    starts: dict[int, float],
    s: SideBySideSettings,
) -> tuple[Ruling, ...]:
    """Given a page's runs (moved) with their tops, the columns' wrap widths and where
    their text starts (`_layout`), return the vertical rules of the columns' boxes, from
    the header row down to the table's last line: the grid takes them for the columns,
    and the stitcher measures a line's room up to its box, `wrap_room` past the column's
    widest line."""
    header = _header_lines(page.lines)
    body = _body_lines(page.lines)
    heads = [tops[id(r)] for r in runs if r.line in header]
    table = [tops[id(r)] for r in runs if r.line in body]
    if not heads or not wraps:
        return ()
    xs = [starts[c] - s.margin * s.glyph for c in sorted(starts)]
    last = max(starts)
    xs.append(starts[last] + wraps[last] + (s.wrap_room + s.margin) * s.glyph)
    top, bottom = min(heads) - s.margin * s.glyph, max(table + heads) + s.glyph * (1 + s.margin)
    return tuple(Ruling(x, top, x, bottom) for x in xs)


def _header_labels(page: _Page, runs: Sequence[_Run]) -> dict[int, int]:
    """Given a page and its runs, return the column of each run of a header row that prints
    five labels or one per column of the page's: the k-th label heads the k-th column,
    wherever the tool put it (a label of a column beyond the five may stand left of that
    column's body lines, over the results': "佐證資料").  A run of labels a space apart
    ("自評分數 檢討與改善") counts each, and gets its first label's column."""
    assert page.columns is not None
    count = (len(HEADER_LABELS), len(page.columns) - 1)
    header = _header_lines(page.lines)
    by_line: dict[int, list[_Run]] = {}
    for r in runs:
        if r.line in header:
            by_line.setdefault(r.line, []).append(r)
    out: dict[int, int] = {}
    for on_line in by_line.values():
        sizes = [_label_count(r.text) for r in on_line]
        if sum(sizes) in count:
            firsts = itertools.accumulate(sizes[:-1], initial=1)
            out.update({id(r): k for k, r in zip(firsts, on_line, strict=True)})
    return out


def _label_count(text: str) -> int:
    """Given a header run, return how many labels it prints: one per word where a space
    parts words of two glyphs or more, one of them a label of the vocabulary (a narrow
    column's label may be the form's own: "檢討與改善"), else one."""
    words = text.split(" ")
    apart = all(len(w) >= 2 for w in words) and any(w in _LABELS for w in words)
    return len(words) if apart else 1


def _tightened(
    page: _Page,
    runs: Sequence[_Run],
    tops: dict[int, float],
    wraps: dict[int, float],
    starts: dict[int, float],
    s: SideBySideSettings,
) -> tuple[list[_Run], dict[int, float], dict[int, int]]:
    """Given a page's runs (cut where pushed), their tops, the document's wrap widths and
    where each column's text starts (`_layout`), return the runs moved column by column,
    the tops keyed by the moved runs, and their columns keyed likewise.

    The tool spreads the columns over the line by their x positions, so a column's white
    margin can be several ems wide, and it starts a column's lines up to several cells
    apart (each block of text mapped to cells on its own); the stitcher measures the room
    a line leaves before its column's edge, which must be the column's own width, as in
    the PDF.  So each column is put back `wrap` wide after the previous one, every line of
    it at its left edge (a cell's lines are left-aligned; what the tool's cells tell of an
    indent is its jitter), and header labels over the middle of their column."""
    assert page.columns is not None
    labels = _header_labels(page, runs)
    header = _header_lines(page.lines)
    moved: list[_Run] = []
    moved_tops: dict[int, float] = {}
    moved_cols: dict[int, int] = {}
    # A header run's labels a space apart head a column each, in order, though the tool
    # put the later ones short of their columns' lines ("自評分數 檢討與改善").
    word_col: dict[int, int] = {}
    for r, was in _header_words(page, runs, header, s):
        col = labels.get(id(r)) or labels.get(id(was)) or _column(page.columns, r.x, s)
        if r is not was:
            col = max(col, word_col.get(id(was), 0) + 1)
            col = word_col[id(was)] = min(col, len(page.columns) - 1)
        x = r.x
        if col in starts:
            x = starts[col]
            if r.line in header:
                x += (wraps[col] + s.wrap_room * s.glyph - ems(r.text) * s.glyph) / 2
        m = _Run(r.line, x, r.text)
        moved.append(m)
        moved_tops[id(m)] = tops[id(was)]
        moved_cols[id(m)] = col
    return moved, moved_tops, moved_cols


def _header_words(
    page: _Page, runs: Sequence[_Run], header: frozenset[int], s: SideBySideSettings
) -> list[tuple[_Run, _Run]]:
    """Given a page, its runs and its header lines, return (run, the run it comes from)
    with a header run that reaches a column beyond the five split into its words, each
    where the tool put it: two narrow columns' labels a space apart ("自評分數 檢討與改善")
    head a column each."""
    assert page.columns is not None
    out: list[tuple[_Run, _Run]] = []
    for r in runs:
        words = r.text.split(" ")
        at = list(itertools.accumulate((len(w) + 1 for w in words[:-1]), initial=0))
        beyond = any(_column(page.columns, r.x + k * s.glyph, s) > _RESULT for k in at)
        if r.line not in header or len(words) < 2 or not beyond:
            out.append((r, r))
            continue
        out += [
            (_Run(r.line, r.x + k * s.glyph, w), r) for k, w in zip(at, words, strict=True) if w
        ]
    return out


def _stacked_pairs(
    runs: Sequence[_Run], cols: dict[int, int], tops: dict[int, float], s: SideBySideSettings
) -> Iterator[tuple[int, _Run, _Run]]:
    """Given runs, their columns and tops (both keyed by run id; a run without a column is
    left out), yield (column, line, next line) for each two lines of one column that
    stand one under the other: a cell's line and the next, once stacked."""
    by_col: dict[int, list[_Run]] = {}
    for r in runs:
        if id(r) in cols:
            by_col.setdefault(cols[id(r)], []).append(r)
    for col, lines in by_col.items():
        lines.sort(key=lambda r: tops[id(r)])
        for a, b in itertools.pairwise(lines):
            if tops[id(b)] - tops[id(a)] == s.line_step:
                yield col, a, b


def _latin_wraps(
    runs: Sequence[_Run],
    tops: dict[int, float],
    cols: dict[int, int],
    wraps: dict[int, float],
    s: SideBySideSettings,
    spaced: frozenset[str] = frozenset(),
) -> tuple[list[_Run], dict[int, float]]:
    """Given a page's runs put back (`_tightened`), their tops and columns, the wrap
    widths and what the document spaces from ideographs (`_spaced_kinds`), return them
    and their tops with each line that wrapped at a space the tool dropped filled with
    spaces to its column's edge.  The spaces make the stitcher read a wrap, and join the
    two lines with one.

    Such a line ends in a Latin word right above a line of its column that starts with a
    lowercase Latin word ("二、 提供 call" / "center 諮詢服務，"): the dump knows the
    column's width only to within an em, and such a piece may fit in that room, but no
    paragraph ends in mid-phrase before one that starts in lowercase.  Or, in a document
    that spaces its numbers (or Latin words) from ideographs, it ends in a digit above an
    ideograph or in an ideograph above a number (no list marker), and the next line's
    head would not have fitted after it with a space between (`_number_wraps`):
    "首長信箱、1999" / "專線及…" left room for 專 but not for the space the PDF held
    before it, which the tool drops at a line's end (a paragraph's end by the room alone);
    "案件計" / "3,842 件" wraps either way, and is joined with its space."""
    in_columns = {k: col for k, col in cols.items() if col in wraps}
    filled: dict[int, str] = {}
    for col, upper, lower in _stacked_pairs(runs, in_columns, tops, s):
        if latin_runs_on(upper.text, lower.text) or (
            _number_wraps(upper.text, lower.text, wraps[col] / s.glyph, spaced)
        ):
            edge = wraps[col] + s.wrap_room * s.glyph
            spaces = int((edge - ems(upper.text) * s.glyph) / (s.glyph / 2))
            filled[id(upper)] = upper.text + " " * max(spaces, 0)
    out = [replace(r, text=filled[id(r)]) if id(r) in filled else r for r in runs]
    return out, {id(o): tops[id(r)] for o, r in zip(out, runs, strict=True)}


def _number_wraps(text: str, nxt: str, wrap: float, spaced: frozenset[str]) -> bool:
    """Given a cell's line, its next line, the column's wrap width (ems) and what the
    document spaces from ideographs (`_spaced_kinds`), tell whether the line ends in
    such a digit or Latin letter above an ideograph, or in an ideograph above one (no list
    marker), and the next line's head would not have fitted after it with a space between
    (half an em): a wrap at a space the tool dropped."""
    tail, head = text.rstrip()[-1:], nxt.lstrip()[:1]
    if not tail or not head or PARAGRAPH_MARKER.regex.match(nxt.lstrip()):
        return False
    if not spaced_pair(tail, head, spaced):
        return False
    # Where the head would not have fitted even without the space the line wraps anyway:
    # filled, it is joined with the space the document's habit says stood there.
    return wrap < ems(text.rstrip()) + 0.5 + wrap_head_ems(nxt.lstrip())


def wrap_head_ems(text: str) -> float:
    """Given a line, return the width (ems) of what a wrap would have carried onto it: its
    head (`_head_ems`), with the closing mark after a wide glyph (a mark never opens a
    line: "件。")."""
    if not text:
        return 0.0
    mark = ems(text[1:2]) if _wide(text[0]) and opens_nothing(text[1:2]) else 0.0
    return _head_ems(text) + mark


def _kind_counts(pages: Sequence[_Page]) -> dict[str, tuple[int, int]]:
    """Given the pages (runs cut), return how often their body runs print an ideograph
    a space apart from an ASCII digit or letter and how often touching, per kind
    (`normalise.text.kind_counts`): what the document spaces from ideographs
    (`_spaced_kinds`) and whether a producer spaced them (`_autospace_check`)."""
    return kind_counts(r.text for page in pages for r in _body_runs(page.lines, page.runs))


def _spaced_kinds(counts: dict[str, tuple[int, int]], s: SideBySideSettings) -> frozenset[str]:
    """Given the body runs' counts (`_kind_counts`), return what the document spaces from
    ideographs (as `normalise.text.spaced_kinds` does).  The tool takes no space away
    inside a line, but adds one where glyphs stand apart ("(300 分)" for "(300分)":
    proportional digits and letters in a CJK line), and a lightly justified line shows its
    widened gaps as spaces: so a document printing them both ways (the seed's Latin words,
    23 : 4 in its dump) is not spaced, and only a plain habit counts."""
    return habitual_kinds(counts, s.spaced_numbers, s.touching_share)


def _page_texts(text: str) -> list[str]:
    parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()  # pdftotext ends every page, the last too, with a form feed
    return parts


def _cut_pages(pages: Sequence[_Page], s: SideBySideSettings) -> list[_Page]:
    """Given the pages as the tool printed them (grid-found columns), return them with
    column edges at their anchors and runs cut where the tool pushed two cells together."""
    notes = _note_lines(pages, s)
    lines = _column_lines(pages, s)
    doc = _Measures(
        _column_widths(pages, s),
        _unit_names(pages, s),
        _numeric_columns(pages, s),
        frozenset(t for t, n in notes.items() if n >= 2),
        frozenset(t for t, n in notes.items() if n == 1),
        _name_heads(pages, s),
        lines.get(_RESULT, frozenset()),
        lines.get(_INDICATOR, frozenset()),
        lines.get(_SUB, frozenset()),
    )
    out = _cut_all(pages, doc, s)
    # The tool prints a narrow column's line left of where the grid finds that column,
    # against the results' line ("無民眾抱怨案件。    第 3 頁" beside "見佐證資" / "料"):
    # the lines the first cut reads in the columns beyond the five, twice or more, are
    # theirs too, and a page is cut again where a run the first cut left whole ends in one
    # after a space ("1.提供 call 第 3 頁"): only such a run's cut can change (`_note_tails`).
    cut_notes = _note_lines(out, s)
    more = frozenset(t for t, n in cut_notes.items() if n >= 2) - doc.notes
    if not more:
        return out
    doc = replace(doc, notes=doc.notes | more, notes_once=doc.notes_once - more)
    again = [i for i, p in enumerate(out) if any(_ends_in(r.text, more) for r in p.runs)]
    for i, page in zip(again, _cut_all([pages[i] for i in again], doc, s), strict=True):
        out[i] = page
    return out


def _ends_in(text: str, tails: frozenset[str]) -> bool:
    """Given a run's text and lines, tell whether the text ends in one after a space."""
    return any(text[k + 1 :] in tails for k, ch in enumerate(text) if ch == " ")


def _cut_all(pages: Sequence[_Page], doc: _Measures, s: SideBySideSettings) -> list[_Page]:
    """Given the pages as the tool printed them and the document's measures, return them
    with column edges at their anchors and runs cut where the tool pushed two cells
    together (`_cut_page`, twice where the blocks' own column starts moved runs)."""
    out = []
    for page in pages:
        if page.columns is None:
            out.append(page)
            continue
        # Edges at the anchors of the runs as the tool printed them, then runs cut there.
        edges = _anchored(page, s)
        anchored = replace(page, columns=edges)
        if s.cells_placed:
            out.append(anchored)
            continue
        runs, moved, after_latin, joined = _cut_page(anchored, doc, s)
        if moved:  # read again with the blocks' own column starts known before cutting
            runs, _, after_latin, joined = _cut_page(
                replace(anchored, runs=_block_starts(anchored, moved, s, doc.numeric, doc.widths)),
                doc,
                s,
            )
        out.append(
            replace(
                anchored,
                runs=runs,
                after_latin=tuple(after_latin),
                numeric=doc.numeric,
                joined=joined,
            )
        )
    return out


def _cut_page(
    page: _Page, doc: _Measures, s: SideBySideSettings
) -> tuple[list[_Run], dict[tuple[int, float], int], list[tuple[int, str, str]], int]:
    """Given a page with its edges, return its runs cut (`_unpushed`), the left-aligned
    columns' stray runs moved on (`_left_aligned`), a cell's line printed as two runs
    joined (`_cells_joined`), one run per column and line (`_one_cell_per_column`), the
    block starts that last step found, where a part was cut off for a column beyond the
    five after a Latin word, and how many lines were joined."""
    runs, starts, after_latin = _unpushed(page, doc, s)
    cut = replace(page, runs=runs)
    cut = replace(cut, runs=_left_aligned(cut, _anchors(cut, cut.runs, s), s))
    names, named = _names_in_results(cut, doc.units, s)
    cut = replace(cut, runs=names)
    cut = replace(cut, runs=_numbers_back(cut, doc.numeric, s))
    runs, joined = _cells_joined(cut, s)
    runs, moved = _one_cell_per_column(replace(cut, runs=runs, joined=joined), s)
    return runs, {**named, **moved, **starts}, after_latin, joined


def _numbers_back(page: _Page, numeric: frozenset[int], s: SideBySideSettings) -> list[_Run]:
    """Given a page (runs cut where pushed) and the document's columns of numbers, return
    its runs with a number in the narrow column after a column of numbers moved back to
    that column, where the tool pushed it past its column (it pushes text right, never
    left, and it did so where the row's results were short or empty): where another run
    of the number's column stands right of it on its line and the column of numbers has
    none there ("機械產品課   51   詳附件一"), or where it opens its block (a row's number
    stands on its first line) and the column of numbers has no run in the block ("一、透
    65.5"), but in the page's first block, which may hold a cell's rest."""
    assert page.columns is not None
    columns = page.columns
    body = _body_lines(page.lines)
    block = _blocks(page.lines)
    first = _end_blocks(page)[0]
    at = [(r, _column(columns, r.x, s)) for r in page.runs]
    on_line = {(r.line, col) for r, col in at}
    in_block = {(block[r.line], col) for r, col in at}
    opens = {block[r.line]: r.line for r, _ in reversed(at) if r.line in body}
    out: list[_Run] = []
    for k, (r, col) in enumerate(at):
        number = (
            r.line in body
            and col - 1 > _RESULT
            and col - 1 in numeric
            and col not in numeric
            and _NUMBER.fullmatch(r.text) is not None
            and (r.line, col - 1) not in on_line
        )
        back = number and (
            any(x.line == r.line and c == col for x, c in at[k + 1 :])
            or (
                block[r.line] != first
                and opens[block[r.line]] == r.line
                and (block[r.line], col - 1) not in in_block
            )
        )
        out.append(_Run(r.line, columns[col - 2] + s.glyph / 2, r.text) if back else r)
    return out


def _cells_joined(page: _Page, s: SideBySideSettings) -> tuple[list[_Run], int]:
    """Given a page (runs cut where pushed), return its runs with two runs a body line
    holds in one column joined a space apart where the tool printed a run in every
    column after it on that line, and how many were joined: the second has no column to
    move on to (`_one_cell_per_column`), so the two are one line of the cell, which a
    pitch narrower than the glyphs (`-fixed 6`) printed with the space after an ideograph
    two cells wide or more ("(4)設置   QR code 行動條碼，方" beside its units and results).
    In the last column that is the results only: with columns beyond the five, two runs
    in the last, narrow one are two columns the grid did not part, left apart."""
    assert page.columns is not None
    columns = page.columns
    body = _body_lines(page.lines)
    taken = {i: _printed_in(page, i, s) for i in body}
    last = len(columns) - 1
    out: list[_Run] = []
    for r in page.runs:
        col = _column(columns, r.x, s)
        before = out[-1] if out else None
        if (
            before is not None
            and before.line == r.line
            and r.line in body
            and _column(columns, before.x, s) == col
            and (col < last or col == _RESULT)
            and taken[r.line].issuperset(range(col + 1, last + 1))
        ):
            out.pop()
            r = _Run(before.line, before.x, f"{before.text} {r.text}")
        out.append(r)
    return out, len(page.runs) - len(out)


def _names_in_results(
    page: _Page, units: frozenset[str], s: SideBySideSettings
) -> tuple[list[_Run], dict[tuple[int, float], int]]:
    """Given a page (runs cut where pushed) and the document's unit names, return its runs
    with each run of the results column that is a whole unit name of the document's own
    (one that reads as a unit's line too: a result's line the tool put in the units column
    elsewhere is no name), first on its line in that column, with no units run beside it,
    moved to the units column's start where the results' text of its block left no
    sentence open above it (a name under "…查詢案件進度。" or under another name moved so)
    or goes on right of it ("各單位   1.依規定…"), or starts at the cell such a name of its
    block started at ("民政課" under "…主動引導" between two names beside results text): the
    tool started a block's units a few cells right, past the grid's edge between the two
    columns that the results of other blocks set; no result's line is a bare name under a
    finished sentence, nor a name before its own text on one line, nor starts where the
    block's units do.  Also return where such names with the results' text right of them
    started, (block, cell) to the units column: the block's results start further right,
    so its other lines the tool started at that cell are the units', the results pushed
    after them ("兒童及少年福 ①本項業務…" above "科      怨案件。", see `_block_starts`)."""
    assert page.columns is not None
    columns, body, block = page.columns, _body_lines(page.lines), _start_blocks(page, s)
    cols = [_column(columns, r.x, s) for r in page.runs]
    results = [r.line in body and c == _RESULT for r, c in zip(page.runs, cols, strict=True)]
    xs: dict[int, list[float]] = {}
    for r, res in zip(page.runs, results, strict=True):
        if res:
            xs.setdefault(r.line, []).append(r.x)
    with_units = {r.line for r, c in zip(page.runs, cols, strict=True) if c == _UNITS}
    out: list[_Run] = []
    above: dict[int, str] = {}  # per block, the last results text above ("" for a name moved)
    starts: set[tuple[int, float]] = set()  # per block, the cells names moved started at
    named: dict[tuple[int, float], int] = {}
    for r, res in zip(page.runs, results, strict=True):
        if res:
            last = above.get(block[r.line])
            closed = last is None or last == "" or last.endswith("。")
            first, beside = min(xs[r.line]) == r.x, max(xs[r.line]) > r.x
            name = r.text in units and is_unit_line(r.text) and ends_like_name(r.text)
            start = (block[r.line], r.x) in starts
            if name and first and r.line not in with_units and (closed or beside or start):
                starts.add((block[r.line], r.x))
                if beside:  # the block's results start further right
                    named[(block[r.line], r.x)] = _UNITS
                r = _Run(r.line, columns[_UNITS - 1] + s.glyph / 2, r.text)
                last = ""
            else:
                last = r.text
            above[block[r.line]] = last
        out.append(r)
    return out, named


# A sentence's end: a line full to its column's edge that ends with one may end its
# paragraph or wrap; only spacing the dump does not keep would tell.
_SENTENCE_END = "。：:"


def _unsure_ends(
    page: _Page,
    runs: Sequence[_Run],
    tops: dict[int, float],
    wraps: dict[int, float],
    s: SideBySideSettings,
) -> list[tuple[str, tuple[int, str]]]:
    """Given a page's runs, their tops and the columns' wrap widths, return the lines of
    sub-indicator and result cells that end a sentence, have a next line (not a list
    entry) under them in the same cell, and left room that a wrap and a paragraph's end
    could both leave: each as where it stands ("p3 '…'") and as (page, text without
    spaces)."""
    assert page.columns is not None
    columns = page.columns
    body = _body_runs(page.lines, runs)
    cols = {id(r): c for r in body if (c := _column(columns, r.x, s)) in (_SUB, _RESULT)}
    subs = sorted((r for r in runs if cols.get(id(r)) == _SUB), key=lambda r: tops[id(r)])
    out = []
    for col, a, b in sorted(_stacked_pairs(runs, cols, tops, s), key=lambda p: p[0]):
        if PARAGRAPH_MARKER.regex.match(b.text) or not a.text.endswith(tuple(_SENTENCE_END)):
            continue
        # A sub-indicator is one paragraph, and never ends at a colon ("…契機。如："); one
        # numbered goes on where no marker follows.  What is left is where a row may end.
        if col == _SUB and (not a.text.endswith("。") or _numbered_above(subs, a, tops, s)):
            continue
        room = wraps.get(col, 0.0) / s.glyph - ems(a.text)
        slack, head = width_slack(a.text, s), _head_ems(b.text)
        # A greedy wrap leaves less room than the next line's head: read as a wrap below
        # it, an end at it or above; the column's own width is up to an em over its
        # widest line, and glyphs of uncertain width widen that.
        if head - 1 - slack < room < head + slack:
            out.append((_where(page.number, a.text[-12:]), (page.number, "".join(a.text.split()))))
    return out


def _numbered_above(
    lines: Sequence[_Run], line: _Run, tops: dict[int, float], s: SideBySideSettings
) -> bool:
    """Given a column's lines (top down), one of them and the lines' tops, tell whether the
    lines stacked right above it, up to it, include one opening with a list marker: its
    cell is a numbered sub-indicator, so a next line without a marker is that cell's (one
    indicator's sub-indicators are all numbered or none; a sub-indicator is one paragraph)."""
    i = lines.index(line)
    while True:
        if PARAGRAPH_MARKER.regex.match(lines[i].text):
            return True
        if i == 0 or tops[id(lines[i])] - tops[id(lines[i - 1])] != s.line_step:
            return False
        i -= 1


def width_slack(text: str, s: SideBySideSettings) -> float:
    """Given a line, return how many ems its width in the dump may be off (`_unsure_glyph`
    of each character, `glyph_slack` ems each)."""
    return s.glyph_slack * sum(_unsure_glyph(ch) for ch in text)


def _head_ems(text: str) -> float:
    """Given a line, return the width of its head that a wrap keeps together, in ems: one
    wide glyph (with an opening bracket before it), else the Latin word or number."""
    if not text:
        return 0.0
    if _wide(text[0]):
        return 2.0 if text[0] in "「『（《〈【" and len(text) > 1 else 1.0
    head = regex.match(r"[^\s\p{Han}，。、；：]+", text)
    return ems(head.group()) if head else 0.5


@dataclass(frozen=True, slots=True)
class SideBySideRead:
    """A side-by-side dump put back as pages, and the line ends it cannot decide."""

    pages: tuple[PageContent, ...]
    unsure_ends: tuple[tuple[str, tuple[int, str]], ...]
    overflows: tuple[str, ...] = ()
    spread_unsure: tuple[str, ...] = ()
    indented_items: tuple[str, ...] = ()
    extra_unsure: tuple[str, ...] = ()
    extra_misread: tuple[str, ...] = ()
    extra_moved: tuple[str, ...] = ()  # narrow lines `_settle_narrow` moved
    pitch_glued: tuple[str, ...] = ()  # spaces a narrow pitch may have dropped
    units_after_latin: tuple[str, ...] = ()  # units cut off after a Latin word (`_units_pushed`)
    extra_rival: tuple[str, ...] = ()  # narrow lines read either way, moved (`_rival_moves`)
    score_at_top: tuple[str, ...] = ()  # numbers read as a row's at a page top (`_scores_at_top`)
    # Ideographs spaced from and touching ASCII digits or letters (`_autospace_check`).
    spacing: tuple[int, int] = (0, 0)


def side_by_side_read(text: str, settings: SideBySideSettings = SIDE_BY_SIDE) -> SideBySideRead:
    """Given a side-by-side dump, return its pages put back as glyphs with their columns'
    rules, and the sentence ends it cannot tell from wraps (`_unsure_ends`)."""
    printed, spread = _spreads_settled(_printed_pages(text, settings), settings)
    cut = [
        replace(p, rows=_row_blocks(p, settings, rows_only=True)) if _has_narrow(p) else p
        for p in _cut_pages(printed, settings)
    ]
    at_top = _scores_at_top(printed, cut[0].numeric if cut else frozenset(), settings)
    pages, settled, rivals = _settle_narrow(cut, settings)
    pages, glued = _pitch_spaced(pages)
    anchors = [_anchors(p, p.runs, settings) if p.columns else {} for p in pages]
    wraps = _label_widths(
        pages, _wrap_widths(pages, [p.runs for p in pages], anchors, settings), settings
    )
    pushed = _units_pushed(pages, wraps, settings)
    starts = _layout(wraps, settings)
    counts = _kind_counts(pages)
    spaced = _spaced_kinds(counts, settings)
    own = [_block_indicator_texts(p, settings) for p in pages]
    whole = Counter(text for texts in own for text in texts.values())
    out: list[PageContent] = []
    unsure: list[tuple[str, tuple[int, str]]] = []
    overflows: list[str] = []
    for page, texts in zip(pages, own, strict=True):
        if page.columns is None:
            plain = {id(r): r.line * settings.line_step for r in page.runs}
            out.append(_content(page.number, page.runs, plain, settings))
            continue
        tops = _stacked_tops(page.lines, page.runs, page.columns, wraps, settings, whole, texts)
        unsure += _unsure_ends(page, page.runs, tops, wraps, settings)
        moved, moved_tops, cols = _tightened(page, page.runs, tops, wraps, starts, settings)
        moved, moved_tops = _latin_wraps(moved, moved_tops, cols, wraps, settings, spaced)
        overflows += _overflows(page, moved, cols, wraps, starts, settings)
        rules = _rules(page, moved, moved_tops, wraps, starts, settings)
        ends = {c: starts[c] + wraps[c] for c in wraps}
        stretch = _stretched(page, moved, cols, ends, settings.glyph)
        moved, moved_tops = _words_apart(page, moved, moved_tops, settings)
        out.append(_content(page.number, moved, moved_tops, settings, rules, stretch))
    indented = [
        w for page, a in zip(pages, anchors, strict=True) for w in _indented(page, a, settings)
    ]
    narrow = _narrow_evidence(pages, settings)
    extra = _extra_unsure(pages, narrow, settings)
    misread = _narrow_misreads(pages, narrow, settings)
    return SideBySideRead(
        tuple(out),
        tuple(unsure),
        tuple(overflows),
        tuple(spread),
        tuple(indented),
        tuple(extra),
        tuple(misread),
        tuple(settled),
        tuple(glued),
        tuple(pushed),
        tuple(rivals),
        tuple(at_top),
        spacing_counts(counts),
    )


def _printed_pages(text: str, s: SideBySideSettings) -> list[_Page]:
    """Given a side-by-side dump, return its pages as the tool printed them: runs where it
    put them, columns as the grid finds them (a page without the header row has the
    columns of the page before)."""
    pages: list[_Page] = []
    columns: tuple[float, ...] | None = None
    for n, part in enumerate(_page_texts(text), 1):
        lines = tuple(part.split("\n"))
        runs = _runs(lines, s)
        plain = {id(r): r.line * s.line_step for r in runs}
        columns = _columns(_content(n, runs, plain, s)) or columns
        spread = frozenset(
            (r.line, col)
            for r in runs
            if columns is not None
            and (col := _printed_spread(lines[r.line], r, columns, s)) is not None
        )
        pages.append(_Page(n, lines, runs, columns, spread=spread))
    return pages


def _printed_spread(
    line: str, run: _Run, columns: Sequence[float], s: SideBySideSettings
) -> int | None:
    """Given a printed line, one of its runs, the page's column edges and the settings,
    return the column of the run's spread glyphs where the tool printed it spread
    (`_despread`: a justified line, which the PDF stretched to its column's edge), else
    None.  The spread glyphs' own column: a run may open with another cell's line a space
    before them ("資訊小組 提 供 民 眾 …")."""
    raw = _printed_run(line, run, s)
    if raw is None:
        return None
    text = raw.group()
    if not _spread_spans(text.split(" ")) and not _spread_edges_unsure(text):
        return None
    at = next((m.start() for m in _WORD.finditer(text) if len(m.group()) == 1), 0)
    return _column(columns, (raw.start() + at) * s.glyph, s)


def _printed_run(line: str, run: _Run, s: SideBySideSettings) -> regex.Match[str] | None:
    """Given a printed line, one of its runs and the settings, return the run as the tool
    printed it (before `_despread`), where it stands on the line."""
    return _RUN.match(line, round(run.x / s.glyph))


def _pitch_spaced(pages: list[_Page]) -> tuple[list[_Page], list[str]]:
    """Given the pages as cut, return them with the spaces a narrow pitch may have dropped
    after a Latin word or a number put back where the document shows them, and every
    place read so (`pitch_space_unsure`).

    A pitch narrower than the glyphs (`-fixed 6`, shown by a cell's line printed as two
    runs: `_cells_joined`) prints Latin letters and digits in more cells than they were
    drawn in, and the word after them then follows in the next cell, with no space
    ("及 Facebook粉絲", "月 28日", "callcenter"); after an ideograph it only widens a
    space.  So a Latin word or a number glued to the ideograph after it with a space
    before it lost that space ("及 Facebook 粉絲"), and so did a Latin word the document
    prints as two ("call center"); one starting its line is read as the document prints
    the word more often.  A document may also print any of these so, so each is a guess."""
    if not any(p.joined for p in pages):
        return pages, []
    body = [_body_lines(p.lines) if p.columns else frozenset() for p in pages]
    texts = [
        r.text for p, lines in zip(pages, body, strict=True) for r in p.runs if r.line in lines
    ]
    spaced: Counter[str] = Counter()
    glued: Counter[str] = Counter()
    for t in texts:
        for m in _NARROW_BEFORE_HAN.finditer(t):
            if t[m.end()] == " ":
                spaced[m.group()] += 1
            elif t[m.start() - 1 : m.start()] not in ("", " "):
                glued[m.group()] += 1
    pairs = {a + b: f"{a} {b}" for t in texts for a, b in _LATIN_PAIR.findall(t)}
    places: list[str] = []
    out: list[_Page] = []
    for page, lines in zip(pages, body, strict=True):
        runs: list[_Run] = []
        for r in page.runs:
            at = _dropped_spaces(r.text, spaced, glued, pairs) if r.line in lines else {}
            places += [_where(page.number, r.text[max(a, -1 - a) : e + 2]) for e, a in at.items()]
            for e in sorted((e for e, a in at.items() if a >= 0), reverse=True):
                r = _Run(r.line, r.x, f"{r.text[:e]} {r.text[e:]}")
            runs.append(r)
        out.append(replace(page, runs=runs))
    return out, places


def _units_pushed(
    pages: Sequence[_Page], wraps: Mapping[int, float], s: SideBySideSettings
) -> list[str]:
    """Given the pages as cut, the columns' wrap widths and the settings, return where a
    sub-indicator's line ends in a Latin word beside units' text whose first word the
    units column prints nowhere else, and the sub-indicator's next line in its block opens
    with what surely fitted on that line (`_room_left`: "(2) 設置 QR code" / "行動條碼企劃科"
    over "，方便民眾即時查詢。").  A pitch narrower than the glyphs (`-fixed 8`) prints a Latin
    word in more cells than it was drawn in and pushes what follows by an unknown number
    of cells, so the words read as the units' may be the sub-indicator line's rest
    (`units_after_latin`)."""
    names = Counter(r.text.split(" ")[0] for _, r, col in _body_cells(pages, s) if col == _UNITS)
    out = []
    for page in pages:
        if page.columns is None or _SUB not in wraps:
            continue
        body = _body_lines(page.lines)
        block = _blocks(page.lines)
        sub = [r for r in page.runs if r.line in body and _column(page.columns, r.x, s) == _SUB]
        below = {id(a): b for a, b in itertools.pairwise(sub) if block[a.line] == block[b.line]}
        for a, b in itertools.pairwise(page.runs):
            nxt = below.get(id(a))
            if (
                nxt is not None
                and a.line == b.line
                and _column(page.columns, b.x, s) == _UNITS
                and _LATIN_END.search(a.text)
                and names[b.text.split(" ")[0]] < 2
                and _room_left(a.text, nxt.text, wraps[_SUB] / s.glyph, s)
            ):
                out.append(_where(page.number, f"{a.text[-8:]} {b.text[:12]}"))
    return out


def _room_left(line: str, below: str, wrap: float, s: SideBySideSettings) -> bool:
    """Given a line, the line under it in its cell, the column's wrap width in ems and the
    settings, tell whether the head of the line under it (`_head_ems`, a space before a
    Latin word) surely fitted on the line: a wrap would have kept it there."""
    head = _head_ems(below) + (0.0 if _wide(below[0]) else 0.5)
    slack = width_slack(line, s) + width_slack(below.split(" ")[0], s)
    return ems(line) + head + slack <= wrap


def _dropped_spaces(
    text: str, spaced: Counter[str], glued: Counter[str], pairs: dict[str, str]
) -> dict[int, int]:
    """Given a run of a dump at a narrow pitch, how often the document prints each Latin
    word before an ideograph with a space and glued (a glyph before it), and its Latin
    words printed a space apart, return where a space may have been dropped
    (`_pitch_spaced`): each place's end to its word's start, negated where the run is read
    as printed.  A number glued to an ideograph after a space is read with one where an
    ideograph stands before that space (the document spaces it there: "月 28日"), as
    printed after a list marker ("• 101年度")."""
    at: dict[int, int] = {}
    for m in _NARROW_BEFORE_HAN.finditer(text):
        w, start, end = m.group(), m.start(), m.end()
        before = text[start - 1 : start]
        if text[end] == " " or before not in ("", " ") or (before == "" and not w.isalpha()):
            continue
        if w.isalpha():
            sure = before == " " or spaced[w] > glued[w]
        else:
            sure = bool(_HAN_SPACE.search(text, 0, start))
        at[end] = start if sure else -1 - start
    for m in LATIN_WORD.regex.finditer(text):
        if m.group() in pairs:
            at[m.start() + pairs[m.group()].index(" ")] = m.start()
    return at


def _extra_after_latin(page: _Page, s: SideBySideSettings) -> list[tuple[_Run | None, str]]:
    """Given a page as cut, return where a narrow cell's text follows a Latin word on its
    line beyond the results' edge, on a page with two columns beyond the five or more: cut
    off a single space after it (`_unpushed`), or a run of its own after it; each with its
    run as placed (None where none is found).  A Latin word takes more cells than ems, so
    the tool pushed what follows it by an unknown number of cells, and that text may be
    either narrow column's (`…https://www. 辦統計表`: the first one's next line, or the
    second's).  No guess where every other such column holds numbers only and the text,
    no number, stands in one that does not (`_no_choice`: "http://e-service. 紀錄" beside
    a score column)."""
    columns = page.columns
    if columns is None or len(columns) < len(HEADER_LABELS) + 3:
        return []
    after = [
        (b, _where(page.number, b.text[:24]))
        for a, b in itertools.pairwise(page.runs)
        if a.line == b.line
        and _column(columns, b.x, s) > _RESULT
        and not _NUMBER.fullmatch(b.text)  # a score column's number is no narrow cell's line
        and _LATIN_END.search(a.text)
        and _column(columns, a.x, s) >= _RESULT
        and not _no_choice(columns, _column(columns, b.x, s), page.numeric)
    ]
    cut = []
    for line, text, where in page.after_latin:
        placed = [
            r
            for r in page.runs
            if r.line == line and text.startswith(r.text) and _column(columns, r.x, s) > _RESULT
        ]
        if _NUMBER.fullmatch(text) or (
            placed and _no_choice(columns, _column(columns, placed[0].x, s), page.numeric)
        ):
            continue
        cut.append((placed[0] if placed else None, where))
    return [*cut, *after]


def _extra_unsure(pages: Sequence[_Page], ev: _Narrow, s: SideBySideSettings) -> list[str]:
    """Given the pages as cut, what their narrow columns hold (`_narrow_evidence`) and the
    settings, return where a narrow cell's text after a Latin word was placed by a guess
    (`_extra_after_latin`), but for a placement the document confirms: every narrow cell
    of its block (lines between blank lines) reads as a text the same column holds whole
    in blocks with no such guess, neither a page's first nor last (a page break may have
    cut their cells), or as a number, or nothing, and moving the text to another narrow
    column would not read so ("依本局考" / "核紀錄" beside an empty column: "依本局考核紀錄" is
    a note the document prints whole elsewhere)."""
    found = [(page, _extra_after_latin(page, s)) for page in pages]
    guessed = {(page.number, b) for page, places in found for b, _ in _guessed_blocks(page, places)}
    known: dict[int, set[str]] = {}
    for number, cells in ev.cells.items():
        for (block, col), runs in cells.items():
            if (number, block) not in guessed | ev.cut:
                known.setdefault(col, set()).add(_cell_text(runs))
    return [
        where
        for page, places in found
        for run, where in places
        if run is None or not _confirmed(page, run, ev.cells[page.number], known, s)
    ]


def _guessed_blocks(
    page: _Page, places: Sequence[tuple[_Run | None, str]]
) -> Iterator[tuple[int, str]]:
    """Given a page and its guessed places, yield each one's block, the page's every block
    when the place's run was not found."""
    block = _cell_blocks(page)
    for run, where in places:
        if run is None:
            yield from ((b, where) for b in set(block))
        else:
            yield block[run.line], where


def _narrow_cells(page: _Page, s: SideBySideSettings) -> dict[tuple[int, int], list[_Run]]:
    """Given a page as cut, return its body runs beyond the results by (block, column), in
    line order."""
    assert page.columns is not None
    block = _cell_blocks(page)
    body = _body_lines(page.lines)
    cells: dict[tuple[int, int], list[_Run]] = {}
    for r in sorted(page.runs, key=lambda r: (r.line, r.x)):
        col = _column(page.columns, r.x, s)
        if r.line in body and _RESULT < col < len(page.columns):
            cells.setdefault((block[r.line], col), []).append(r)
    return cells


def _cell_text(runs: Sequence[_Run]) -> str:
    return "".join(r.text for r in sorted(runs, key=lambda r: (r.line, r.x)))


def _confirmed(
    page: _Page,
    run: _Run,
    cells: dict[tuple[int, int], list[_Run]],
    known: dict[int, set[str]],
    s: SideBySideSettings,
) -> bool:
    """Given a page, a run placed by a guess, the page's narrow cells (`_narrow_cells`)
    and the texts each column holds in blocks with no guess, tell whether the document
    confirms the placement (see `_extra_unsure`)."""
    assert page.columns is not None
    block = _cell_blocks(page)[run.line]
    col = _column(page.columns, run.x, s)
    others = [c for c in range(_RESULT + 1, len(page.columns)) if c != col]

    def holds(c: int, runs: Sequence[_Run]) -> bool:
        text = _cell_text(runs)
        return not text or bool(_NUMBER.fullmatch(text)) or text in known.get(c, ())

    own = cells.get((block, col), [])
    if not all(holds(c, cells.get((block, c), [])) for c in (col, *others)):
        return False
    rest = [r for r in own if r is not run]
    return not any(holds(col, rest) and holds(c, [*cells.get((block, c), []), run]) for c in others)


@dataclass(frozen=True, slots=True)
class _Narrow:
    """What a document's columns beyond the five hold: each page's narrow cells by number
    (`_narrow_cells`), how often each column holds each text, and how wide its lines run
    in the cells it holds twice or more that wrap, each counted in the blocks a page's
    break cuts no cell of (`cut`: a page's first and last blocks of narrow cells may hold
    a cell's part, "第 3 頁" alone)."""

    cells: dict[int, dict[tuple[int, int], list[_Run]]]
    seen: dict[int, Counter[str]]
    wraps: dict[int, float]
    first: frozenset[tuple[int, int]] = frozenset()  # (page, block): a page's first block
    last: frozenset[tuple[int, int]] = frozenset()  # and its last
    # Ems no line of ideographs reaches in the column: a wrap proved it (`_wrap_bounds`).
    bounds: dict[int, float] = field(default_factory=dict)

    @property
    def cut(self) -> frozenset[tuple[int, int]]:
        return self.first | self.last


def _end_blocks(page: _Page) -> tuple[int, int]:
    """Given a page, return the blocks of the first and the last line of its body that
    print text (a page break may have cut their cells)."""
    block = _cell_blocks(page)
    text = _text_lines(page)
    return (block[text[0]], block[text[-1]]) if text else (-1, -1)


def _text_lines(page: _Page) -> list[int]:
    """Given a page, return its body's lines that print text, top to bottom."""
    return [i for i in sorted(_body_lines(page.lines)) if page.lines[i].strip()]


def _cut_first(page: _Page, s: SideBySideSettings) -> bool:
    """Given a page with columns and the settings, tell whether a page break may have cut
    the narrow cells of its first block: not where its first line opens a row with the
    indicator's number or the sub-indicator's marker ("2、提升服務" atop the page: the
    row before ended on the page before, and this row's cells start here)."""
    text = _text_lines(page)
    return not text or not _opens_a_row(page, text[0], s, numbered=True)


def _narrow_evidence(pages: Sequence[_Page], s: SideBySideSettings) -> _Narrow:
    """Given the pages as cut, return what their columns beyond the five hold."""
    cells_of = {page.number: _narrow_cells(page, s) for page in pages if _has_narrow(page)}
    # A page's first and last blocks of its body, narrow cells or none: a break may have
    # cut them.  Not a first block opening a row (`_cut_first`).
    ends = {p.number: _end_blocks(p) for p in pages if p.number in cells_of}
    tops = {p.number: _cut_first(p, s) for p in pages if p.number in cells_of}
    first = frozenset((n, ends[n][0]) for n, cells in cells_of.items() if cells and tops[n])
    # A page's last block, unless the next page's first block holds no narrow cell or
    # opens a row of its own: what the break cut off would stand there.
    after = {a.number: b.number for a, b in itertools.pairwise(pages)}
    last = frozenset(
        (n, ends[n][1])
        for n, cells in cells_of.items()
        if cells
        and (
            (m := after.get(n)) not in cells_of
            or (tops[m] and any(b == ends[m][0] for b, _ in cells_of[m]))
        )
    )
    cut = first | last
    whole = [
        (col, runs)
        for number, cells in cells_of.items()
        for (b, col), runs in cells.items()
        if (number, b) not in cut
    ]
    seen: dict[int, Counter[str]] = {}
    for col, runs in whole:
        seen.setdefault(col, Counter())[_cell_text(runs)] += 1
    held = [(col, runs) for col, runs in whole if seen[col][_cell_text(runs)] > 1]
    wraps: dict[int, float] = {}
    for col, runs in held:
        if len(runs) > 1:
            wraps[col] = max([wraps.get(col, 0.0), *(ems(r.text) for r in runs)])
    return _Narrow(cells_of, seen, wraps, first, last, _wrap_bounds(held))


def _wrap_bounds(held: Sequence[tuple[int, list[_Run]]]) -> dict[int, float]:
    """Given the narrow cells no page break cut whose text their column holds twice or
    more (a cell, not two read as one), with their columns, return per column the ems no
    line of ideographs in it reaches: a line of ideographs whose cell goes on right under
    it with an ideograph (then another, or nothing: no punctuation a line may not open
    with) wrapped because that glyph did not fit ("依本局" / "考核紀" / "錄": 附註 holds
    less than 4 ems, so "依本局考" is no line of it)."""
    bounds: dict[int, float] = {}
    for col, runs in held:
        for upper, lower in itertools.pairwise(runs):
            if (
                lower.line == upper.line + 1
                and _HAN_LINE.fullmatch(upper.text)
                and _HAN_HEAD.match(lower.text)
            ):
                bound = ems(upper.text) + 1
                bounds[col] = min(bounds.get(col, bound), bound)
    return bounds


def _narrow_misreads(pages: Sequence[_Page], ev: _Narrow, s: SideBySideSettings) -> list[str]:
    """Given the pages as cut (and settled, `_settle_narrow`), what their narrow columns
    hold and the settings, return the blocks (lines between blank lines) on pages with
    columns beyond the five whose narrow cells read wrong by the document's own evidence
    (`_hard_misread`), or would read better moved (`_moves`: one move of a line that
    makes more of them read as texts their columns hold elsewhere; `_tail_moves`: a
    cell's last lines that make them all read so, where `_settle_narrow` found more than
    one such move)."""
    out = []
    for page in pages:
        for block in sorted({b for b, _ in ev.cells.get(page.number, {})}):
            where = _hard_misread(page, block, ev, s) or _held_nowhere(page, block, ev)
            moves = _moves(page, block, ev, s, better=True) if where is None else []
            if where is None and not moves:
                moves = [(tail[0], c) for tail, c in _tail_moves(page, block, ev)]
            if where is not None or moves:
                out.append(where or _where(page.number, moves[0][0].text[:24]))
    return out


def _held_nowhere(page: _Page, block: int, ev: _Narrow) -> str | None:
    """Given a page, one of its blocks (no page break cut it) and what the document's
    narrow columns hold, return where a narrow cell of it reads as the head of a text a
    narrow column holds twice or more, a text held nowhere itself, the rest a line of
    another narrow cell of the block: the tool shifted a line, and it went to the wrong
    cell ("依本局考" / "見佐證資", "核紀錄" / "料" five cells left: "料" read into the
    results, "核紀錄" into 佐證資料, `-layout-extra` 36913)."""
    if (page.number, block) in ev.cut:
        return None
    cells = _block_cells(page, block, ev)
    held = Counter[str]()
    for counts in ev.seen.values():
        held.update(counts)
    for c, runs in cells.items():
        text = _cell_text(runs)
        if not text or held[text] > 1:
            continue
        lines = {r.text for k, rs in cells.items() if k != c for r in rs}
        if any(n > 1 and h.startswith(text) and h[len(text) :] in lines for h, n in held.items()):
            return _where(page.number, text[:24])
    return None


def _settle_narrow(
    pages: Sequence[_Page], s: SideBySideSettings
) -> tuple[list[_Page], list[str], list[str]]:
    """Given the pages as cut, return them with each block's narrow lines moved where one
    move alone puts them right by the document's evidence (`_block_moves`), where such
    lines were moved, and where the move was taken only as the reading the document holds
    more often (`_rival_moves`).  Never in a page's first or last block: a break may have
    cut its cells."""
    ev = _narrow_evidence(pages, s)
    out: list[_Page] = []
    places: list[str] = []
    rivals: list[str] = []
    for page in pages:
        to: dict[int, list[_Run]] = {}
        for block in sorted({b for b, _ in ev.cells.get(page.number, {})}):
            if (page.number, block) in ev.cut:
                continue  # a page's break may have cut a cell of it: no move on parts
            found, rival = _block_moves(page, block, ev, s)
            if len(found) == 1:
                moves = found[0]  # one or more lines, each with its parts
                to.update((id(run), parts) for run, parts in moves)
                (rivals if rival else places).append(_where(page.number, moves[0][0].text[:24]))
        if to:
            page = replace(page, runs=[x for r in page.runs for x in to.get(id(r), [r])])
        out.append(page)
    return out, places, rivals


def _block_moves(
    page: _Page, block: int, ev: _Narrow, s: SideBySideSettings
) -> tuple[list[list[tuple[_Run, list[_Run]]]], bool]:
    """Given a page, one of its blocks, what the document's narrow columns hold and the
    settings, return each way of moving the block's narrow lines that puts it right (each
    line with the parts it becomes), and whether they are rivals of a reading held too.
    One line to the other column beyond the five where every narrow cell of the block then
    reads as a text its column holds elsewhere, as none did where it stood (`_moves`: "第
    3 頁" from 附註's "依本局考核紀錄第 3 頁" to 佐證資料's "見佐證資料"); failing one, a
    cell's last lines so (`_tail_moves`); failing those, where the block reads as held as
    it stands, a line or a cell's last lines so that the document holds what they change
    more often (`_rival_moves`).  Where the block reads wrong by a line's shape
    (`_hard_misread`), a line split between two such columns (`_split_moves`: "第 3 頁 第
    3 頁"), or a cell's missing piece taken back off the line that ends with it
    (`_piece_moves`: "…，11 料")."""
    if _hard_misread(page, block, ev, s) is not None:
        return [
            [m] for m in _split_moves(page, block, ev, s) or _piece_moves(page, block, ev, s)
        ], False
    lines = [([r], c) for r, c in _moves(page, block, ev, s)] or _tail_moves(page, block, ev)
    rival = not lines
    lines = lines or _rival_moves(page, block, ev)
    return [[(r, [_in_column(page, r, c, s)]) for r in rs] for rs, c in lines], rival


def _block_cells(page: _Page, block: int, ev: _Narrow) -> dict[int, list[_Run]]:
    """Given a page, one of its blocks and what the narrow columns hold, return the block's
    narrow cells by column, every column beyond the five (empty ones too)."""
    assert page.columns is not None
    cells = ev.cells[page.number]
    return {c: cells.get((block, c), []) for c in range(_RESULT + 1, len(page.columns))}


def _hard_misread(page: _Page, block: int, ev: _Narrow, s: SideBySideSettings) -> str | None:
    """Given a page, one of its blocks, what the document's narrow columns hold and the
    settings, return where the block's narrow cells read wrong, else None: a line holding
    a single space between two wide glyphs (two cells' lines the tool pushed together:
    "依本局考 見佐證資料"), two of a column's lines on one line, a line wider than its
    column's by more than `push_slack` and a glyph (another column's line: "2.推動「優良計量
    管" under "含線上申" / "辦統計表"), or a cell one piece short of a text its column holds
    elsewhere, the piece ending another line of the block (`_missing_pieces`)."""
    now = _block_cells(page, block, ev)
    assert page.columns is not None
    cols = range(_RESULT + 1, len(page.columns))
    runs = [r for c in cols for r in now[c]]
    lines = Counter((r.line, _column(page.columns, r.x, s)) for r in runs)
    for r in runs:
        col = _column(page.columns, r.x, s)
        wide = col in ev.wraps and ems(r.text) > ev.wraps[col] + 1 + s.push_slack
        # A line of ideographs as wide as a wrap in the column proved it cannot be.
        wide = wide or (
            col in ev.bounds
            and _HAN_LINE.fullmatch(r.text) is not None
            and ems(r.text) >= ev.bounds[col]
        )
        if (
            wide
            or lines[(r.line, col)] > 1
            or any(ch == " " and _between_cells(r.text, k) for k, ch in enumerate(r.text))
        ):
            return _where(page.number, r.text[:24])
    others = _block_others(page, block, now)
    for c in cols:
        if _missing_pieces(now[c], others, ev.seen.get(c, Counter())):
            return _where(page.number, _cell_text(now[c])[:24])
    return None


def _moves(
    page: _Page, block: int, ev: _Narrow, s: SideBySideSettings, *, better: bool = False
) -> list[tuple[_Run, int]]:
    """Given a page, one of its blocks, what the document's narrow columns hold and the
    settings, return each move of one narrow line to another column beyond the five
    after which every narrow cell of the block reads as a text its column holds
    elsewhere (a number in a column of numbers, or nothing; in a page's first block the
    rest of one, in its last the head of one), where they did not all read
    so before ("見佐證資料" / "依本局考核紀錄第 3 頁" for "見佐證資料第 3 頁" / "依本局考核
    紀錄"; a score in the notes beside an empty score column).  `better`: also each move
    after which more of them read so, not all, and each reads as a text some column beyond
    the five holds ("見佐證資料" / "依本局考核紀錄第 3 頁", where 附註 holds neither "依本局考
    核紀錄第 3 頁" nor "依本局考核紀錄" elsewhere, but 佐證資料 holds "依本局考核紀錄": which
    reading is right the document does not tell)."""
    now = _block_cells(page, block, ev)
    cols = list(now)
    elsewhere = _held_elsewhere(page, block, ev, now)

    def held(cells: dict[int, list[_Run]]) -> int:
        return sum(elsewhere(c, _cell_text(cells[c])) for c in cols)

    def noted(cells: dict[int, list[_Run]]) -> bool:  # each a text some such column holds
        texts = [_cell_text(cells[c]) for c in cols]
        return all(not x or any(ev.seen[k][x] for k in ev.seen) for x in texts)

    before = held(now)
    if before == len(cols):
        return []
    out = []
    for r, c, moved in _line_candidates(page, block, ev, now, elsewhere):
        after = held(moved)
        if after == len(cols) or (better and after > before and noted(moved)):
            out.append((r, c))
    return out


def _line_candidates(
    page: _Page,
    block: int,
    ev: _Narrow,
    now: dict[int, list[_Run]],
    elsewhere: Callable[[int, str], bool],
) -> Iterator[tuple[_Run, int, dict[int, list[_Run]]]]:
    """Given a page, one of its blocks, what the document's narrow columns hold, the block's
    narrow cells by column and a test of a column holding a text (`_held_elsewhere`),
    yield each move of one narrow line to another column beyond the five: a line of a
    cell of several, or a number to a column of numbers (a whole cell the other column may
    hold as well, "詳附件一", stays where it stands, unless no such column holds its text
    elsewhere, "含線上申" beside "辦統計表", in a block no page break cut; there, a cell's
    part: "第 3 頁" atop a page): the line, the column, and the cells after the move."""
    cols = list(now)
    cut = (page.number, block) in ev.cut
    for at in cols:
        for r in now[at]:
            whole = len(now[at]) < 2 and (
                cut
                or elsewhere(at, r.text)
                or any(ev.seen.get(k, Counter())[r.text] for k in cols if k != at)
            )
            for c in cols:
                score = c in page.numeric and _NUMBER.fullmatch(r.text) is not None
                if c != at and (not whole or score):
                    yield r, c, {**now, at: [x for x in now[at] if x is not r], c: [*now[c], r]}


def _tail_moves(page: _Page, block: int, ev: _Narrow) -> list[tuple[list[_Run], int]]:
    """Given a page, one of its blocks and what the document's narrow columns hold, return
    each move of a narrow cell's last lines (`_tail_candidates`) after which every narrow
    cell of the block reads as a text its column holds elsewhere (`_held_elsewhere`), where
    they did not all read so before: the tool started a cell's next lines right of where
    this block's next column started ("見佐證資" beside "詳附件一", then "料" after a results
    line longer in cells than in ems and "第 3 頁" at the same cell, read as 附註's "詳附件一
    料第 3 頁" beside 佐證資料's "見佐證資": "見佐證資料第 3 頁" and "詳附件一").  One line
    moved is `_moves`'."""
    now = _block_cells(page, block, ev)
    elsewhere = _held_elsewhere(page, block, ev, now)
    if _all_held(now, elsewhere):
        return []
    return [(tail, c) for tail, c, moved in _tail_candidates(now) if _all_held(moved, elsewhere)]


def _rival_moves(page: _Page, block: int, ev: _Narrow) -> list[tuple[list[_Run], int]]:
    """Given a page, one of its blocks and what the document's narrow columns hold, return
    where the block's narrow cells all read as texts their columns hold elsewhere, each
    move of one line (`_line_candidates`) or of a cell's last lines (`_tail_candidates`)
    after which every cell it changes is held elsewhere more often than any it changes
    was (so they all read so too): a row the template printed alike twice is misread
    alike twice, and each misreading then holds the other up ("見佐證資" / "詳附件一料第 3
    頁", each held once elsewhere, against "見佐證資料第 3 頁" / "詳附件一", held 6 and 8
    times)."""
    now = _block_cells(page, block, ev)
    elsewhere = _held_elsewhere(page, block, ev, now)
    if not _all_held(now, elsewhere):
        return []

    def held(cells: Mapping[int, Sequence[_Run]], cols: Sequence[int]) -> list[int]:
        """Times each cell's text is held in the column's other cells."""
        texts = [(c, _cell_text(cells[c])) for c in cols]
        return [ev.seen.get(c, Counter[str]())[t] - (t == _cell_text(now[c])) for c, t in texts]

    lines = [([r], c, moved) for r, c, moved in _line_candidates(page, block, ev, now, elsewhere)]
    out = []
    for tail, c, moved in [*lines, *_tail_candidates(now)]:
        changed = [k for k in now if _cell_text(moved[k]) != _cell_text(now[k])]
        if min(held(moved, changed)) > max(held(now, changed)):
            out.append((tail, c))
    return out


def _tail_candidates(
    now: dict[int, list[_Run]],
) -> Iterator[tuple[list[_Run], int, dict[int, list[_Run]]]]:
    """Given a block's narrow cells by column, yield each move of a cell's last lines, two
    or more but not all, to another column beyond the five printing nothing on those
    lines: the lines, the column, and the cells after the move."""
    for at, runs in now.items():
        ordered = sorted(runs, key=lambda r: (r.line, r.x))
        for k in range(1, len(ordered) - 1):
            tail, lines = ordered[k:], {r.line for r in ordered[k:]}
            for c in now:
                if c != at and not any(r.line in lines for r in now[c]):
                    yield tail, c, {**now, at: ordered[:k], c: [*now[c], *tail]}


def _all_held(cells: Mapping[int, Sequence[_Run]], elsewhere: Callable[[int, str], bool]) -> bool:
    """Given a block's narrow cells by column and a test of a column holding a text
    (`_held_elsewhere`), tell whether every cell reads as a text its column holds."""
    return all(elsewhere(c, _cell_text(runs)) for c, runs in cells.items())


def _held_elsewhere(
    page: _Page, block: int, ev: _Narrow, now: dict[int, list[_Run]]
) -> Callable[[int, str], bool]:
    """Given a page, one of its blocks, what the document's narrow columns hold and the
    block's narrow cells (`_block_cells`), return a test of whether a column beyond the
    five holding a text reads as the document holds it elsewhere: nothing, a number in a
    column of numbers, a text the column holds in another block (in a page's first block
    the rest of one, in its last the head of one)."""
    texts = {c: _cell_text(runs) for c, runs in now.items()}
    where = (page.number, block)

    def elsewhere(c: int, text: str) -> bool:
        mine = 0 if where in ev.cut or text != texts[c] else 1  # its own
        number = c in page.numeric and _NUMBER.fullmatch(text) is not None
        held = ev.seen.get(c, Counter[str]())
        # A page's first block may hold a cell's rest, its last a cell's head.
        part = (where in ev.first and any(t.endswith(text) for t in held)) or (
            where in ev.last and any(t.startswith(text) for t in held)
        )
        return not text or number or held[text] > mine or part

    return elsewhere


def _in_column(page: _Page, run: _Run, col: int, s: SideBySideSettings) -> _Run:
    """Given a page, a run and a column of the page's, return the run standing at the
    column's start."""
    assert page.columns is not None
    return _Run(run.line, page.columns[col - 1] + s.glyph / 2, run.text)


def _split_moves(
    page: _Page, block: int, ev: _Narrow, s: SideBySideSettings
) -> list[tuple[_Run, list[_Run]]]:
    """Given a page, one of its blocks whose narrow cells read wrong (`_hard_misread`),
    what the document's narrow columns hold and the settings, return each split of one
    narrow line at a single space between two wide glyphs into two columns beyond the
    five, its head left of its rest, after which every narrow cell of the block reads as a
    text its column holds elsewhere (`_held_elsewhere`): two cells' lines the tool pushed
    together ("第 3 頁 第 3 頁" under "見佐證資" / "料" and "見佐證" / "資料": each column's
    "見佐證資料第 3 頁").  Each split as the line and its parts, each at its column's start."""
    now = _block_cells(page, block, ev)
    cols = list(now)
    elsewhere = _held_elsewhere(page, block, ev, now)
    out = []
    for r in (r for c in cols for r in now[c]):
        for k in (k for k, ch in enumerate(r.text) if ch == " " and _between_cells(r.text, k)):
            head, rest = _Run(r.line, r.x, r.text[:k]), _Run(r.line, r.x + s.glyph, r.text[k + 1 :])
            for a, b in itertools.combinations(cols, 2):
                moved = {c: [x for x in now[c] if x is not r] for c in cols}
                moved[a].append(head)
                moved[b].append(rest)
                if _all_held(moved, elsewhere):
                    out.append((r, [_in_column(page, head, a, s), _in_column(page, rest, b, s)]))
    return out


def _piece_moves(
    page: _Page, block: int, ev: _Narrow, s: SideBySideSettings
) -> list[tuple[_Run, list[_Run]]]:
    """Given a page, one of its blocks whose narrow cells read wrong (`_hard_misread`),
    what the document's narrow columns hold and the settings, return each move of a
    narrow cell's missing piece (`_missing_pieces`) off the end of the line of the block
    that holds it, after which every narrow cell of the block reads as a text its column
    holds elsewhere ("…累計觸及16,074人次。料" between "見佐證資" and "第 3 頁": the tool
    pushed the note's line against the results' with no space).  Each move as the line and
    its parts: the line without the piece where it stood, the piece at its column's start."""
    now = _block_cells(page, block, ev)
    elsewhere = _held_elsewhere(page, block, ev, now)
    others = _block_others(page, block, now)
    out = []
    for c, runs in now.items():
        for r, piece in _missing_pieces(runs, others, ev.seen.get(c, Counter())):
            moved = {**now, c: [*runs, _Run(r.line, r.x, piece)]}
            if _all_held(moved, elsewhere):
                head = _Run(r.line, r.x, r.text[: -len(piece)].rstrip(" "))
                kept = [head] if head.text else []
                out.append((r, [*kept, _in_column(page, _Run(r.line, r.x, piece), c, s)]))
    return out


def _block_others(page: _Page, block: int, now: dict[int, list[_Run]]) -> list[_Run]:
    """Given a page, one of its blocks and its narrow cells, return the block's other runs."""
    narrow = {id(r) for runs in now.values() for r in runs}
    block_of = _cell_blocks(page)
    return [r for r in page.runs if block_of[r.line] == block and id(r) not in narrow]


def _missing_pieces(
    runs: Sequence[_Run], others: Sequence[_Run], seen: Counter[str]
) -> list[tuple[_Run, str]]:
    """Given a narrow cell's runs, the other runs of its block and how often its column
    holds each text, return each piece the cell lacks between two of its lines to read as
    a text its column holds elsewhere, with the run of the block that ends with it: after
    a space ("見佐證資" / "第 3 頁" beside "…，11 料": "見佐證資料第 3 頁"), or glued on a line
    between those two ("…累計觸及16,074人次。料"): the tool pushed that line of the cell
    against the results'.  The cell's last piece is taken the same way from the line right
    under its last, standing alone there or after a space ("見佐證資" / "料" above "第 3 頁"
    in the results' cells, the results' paragraph ended)."""
    ordered = sorted(runs, key=lambda r: (r.line, r.x))
    texts = [r.text for r in ordered]
    if not texts:
        return []
    out = _last_piece(ordered, others, seen)
    for i in range(1, len(texts)):
        head, tail = "".join(texts[:i]), "".join(texts[i:])
        for held in seen:
            if len(held) <= len(head) + len(tail) or not held.startswith(head):
                continue
            if not held.endswith(tail):
                continue
            piece = held[len(head) : len(held) - len(tail)]
            above, below = ordered[i - 1].line, ordered[i].line
            out += [
                (r, piece)
                for r in others
                if len(r.text) > len(piece)
                and r.text.endswith(piece)
                and (r.text[-len(piece) - 1] == " " or above < r.line < below)
            ]
    return out


def _last_piece(
    ordered: Sequence[_Run], others: Sequence[_Run], seen: Counter[str]
) -> list[tuple[_Run, str]]:
    """Given a narrow cell's runs in order, the other runs of its block and how often its
    column holds each text, return each last piece the cell lacks to read as a text its
    column holds elsewhere, with the run of the block on the line right under the cell's
    last that is that piece or ends with it after a space (`_missing_pieces`)."""
    head = "".join(r.text for r in ordered)
    pieces = {held[len(head) :] for held in seen if len(held) > len(head) and held.startswith(head)}
    return [
        (r, piece)
        for piece in sorted(pieces)
        for r in others
        if r.line == ordered[-1].line + 1 and (r.text == piece or r.text.endswith(" " + piece))
    ]


def _no_choice(columns: Sequence[float], col: int, numeric: frozenset[int]) -> bool:
    """Given a page's column edges, the column beyond the five a text that is no number
    stands in and the document's columns of numbers only, tell whether it could stand in
    no other: its own holds words, every other beyond the five numbers only."""
    others = [c for c in range(_RESULT + 1, len(columns)) if c != col]
    return col not in numeric and all(c in numeric for c in others)


def _indented(page: _Page, anchors: dict[int, float], s: SideBySideSettings) -> list[str]:
    """Given a page (runs cut where pushed) and its columns' anchors, return where a body
    run stands in the item column more than `jitter` cells right of where its lines start.

    An item's lines start at its column's left edge; a run well inside it is the next
    column's, which the tool put left of that column's other lines ("(550分) 務人員專業"
    then "度" under 務: the indicator's last glyph, read into the item's name).  Nothing
    tells which without that line's other cells: said, and read where it stands."""
    anchor = anchors.get(_ITEM)
    if page.columns is None or anchor is None:
        return []
    body = _body_lines(page.lines)
    return [
        _where(page.number, r.text[:12])
        for r in page.runs
        if r.line in body
        and _column(page.columns, r.x, s) == _ITEM
        and r.x > anchor + s.jitter * s.glyph
    ]


def _stretched(
    page: _Page, runs: Sequence[_Run], cols: dict[int, int], ends: dict[int, float], glyph: float
) -> dict[int, float]:
    """Given a page's runs put back with their columns (by run id), where each column's
    widest line ends once put back and a glyph's width, return for each body run holding
    a justified line's spaces drawn with no width (`UNSURE_SPACE`, `_SETTLED_SPACE`) the
    points to widen each by, so that the line ends where its column's widest line does:
    the PDF stretched it to its column's edge, so it is no paragraph's last line ("• 自107
    年 6 月 2" / "4 日起…", read short, ended its paragraph inside the number).  A run the
    tool printed spread (`_Page.spread`) with no such space left ("一 、 建 置 「 檢 驗",
    its marker's space settled as none) is widened between every two of its glyphs, as
    justification spreads them (`_run_chars`)."""
    body = _body_lines(page.lines)
    out: dict[int, float] = {}
    for r in runs:
        col = cols.get(id(r))
        if r.line not in body or col not in ends:
            continue
        # What is widened: the no-width spaces, else every gap between two glyphs.
        widened = sum(ch in _NO_WIDTH for ch in r.text)
        if not widened and (r.line, col) in page.spread:
            widened = len(r.text) - 1
        short = ends[col] - (r.x + ems(r.text) * glyph)
        if widened and short > 0:
            out[id(r)] = short / widened
    return out


def _overflows(
    page: _Page,
    runs: Sequence[_Run],
    cols: dict[int, int],
    wraps: dict[int, float],
    starts: dict[int, float],
    s: SideBySideSettings,
) -> list[str]:
    """Given a page's runs put back (`_tightened`, `_latin_wraps`) with their columns (by
    run id), the wrap widths and where each column starts, return where a body run runs
    past its column's box ("p3 '• 派遣車輛81,385車次，'").

    Every column's box is `wrap_room` wider than its widest line at its anchor, so a run
    wider than that holds another column's text the cuts did not part: put back, its
    glyphs run over the next column's and the grid reads them there, interleaved with
    that column's own line ("3服85務車檢次驗").  A line that is one Latin word (a URL
    overrunning its cell) may stand past its box, as it does in the PDF."""
    body = _body_lines(page.lines)
    out = []
    for r in runs:
        col = cols.get(id(r))
        text = r.text.rstrip()
        if r.line not in body or col not in wraps or (text.isascii() and " " not in text):
            continue
        right = starts[col] + wraps[col] + s.wrap_room * s.glyph
        if r.x + ems(text) * s.glyph > right + s.glyph / 4:
            out.append(_where(page.number, text[:20]))
    return out


STYLE = "pdftotext -layout"
RUN_TOGETHER = (
    f"this text dump prints the table's columns side by side ({STYLE}), and its columns "
    "cannot be placed under the header row (cells run together with single spaces, as "
    "justified cells come out: a space between every two glyphs); process the PDF itself"
)
# Glyphs spread by justification: four CJK glyphs or more, each after a single space.
_SPREAD = regex.compile(r"(?:\p{Han} ){3,}\p{Han}")


def _spread_out(text: str, s: SideBySideSettings) -> bool:
    """Given a side-by-side dump, return whether more than `spread_share` of its lines hold
    glyphs spread by justification ("電 資 產 品 課"): the tool then prints a space between
    every two glyphs of a cell and a single one between cells, so cells run together."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    spread = sum(1 for ln in lines if _SPREAD.search(ln))
    return bool(lines) and spread / len(lines) > s.spread_share


def side_by_side_to_stream(
    text: str, *, max_pages: int | None = None, settings: SideBySideSettings = SIDE_BY_SIDE
) -> PageStream:
    """Given a side-by-side dump, return its token stream, read as an unruled PDF is;
    LimitError before any page is read when it holds more than `max_pages` pages.

    The `dump_style` check says how the dump was read.  A dump whose header row is there
    but whose table the grid cannot place is refused by name (InputError): LibreOffice's
    justified cells come out of the tool with a space between every two glyphs and one
    space between cells, so no cell can be told apart."""
    count = len(_page_texts(text))
    if max_pages is not None and count > max_pages:
        raise LimitError.pages(count, max_pages)
    if _spread_out(text, settings):
        raise InputError(RUN_TOGETHER)
    read = side_by_side_read(text, settings)
    pages = read.pages
    try:
        grids = pages_to_grids(iter(pages))
    except NotAFormError:
        if any(classify_furniture(ln) == "header" for ln in text.split("\n")):
            raise InputError(RUN_TOGETHER) from None
        raise
    ended: set[tuple[int, str]] = set()
    tokens, checks = grids_to_stream(grids, DRAWN_BOXES, habit_lines=ended)
    style = Check(
        "dump_style",
        "info",
        f"a side-by-side dump ({STYLE}): columns placed from the header row and where "
        "the runs of text start; rows from blank lines and list markers",
        True,
    )
    read_checks = _read_checks(read, ended, settings)
    variant = next((g.header_variant for g in grids if g.header_variant), None)
    return PageStream(
        tokens=tokens,
        page_count=len(pages),
        header_variant=variant,
        checks=(style, *read_checks, *checks),
    )


def _autospace_check(read: SideBySideRead, s: SideBySideSettings) -> Check:
    """Given a dump as read, return the `autospace_unsure` check: failed where the body prints
    an ideograph a space apart from an ASCII digit or letter beside it as a habit
    (`spaced_numbers` times or more, touching at most `autospace_touching` as often).  That is
    what the tool makes of a producer that spaces them itself (LibreOffice and Word widen
    the gap between CJK and Latin text, and the tool prints the gap as a space: "105 年度",
    "(300 分)"; LibreOffice 9863 touches once in 600, "Faceboo" / "k粉絲…" broken inside
    the word), and the dump cannot show which of those spaces the text held ("105年度" or
    "3.105 年度").  A document printing them both ways shows its own spaces: the tool adds
    none where glyphs touch (generated forms rendered by reportlab or Chromium touch at
    about half of such places or more)."""
    spaced, touching = read.spacing
    if spaced >= s.spaced_numbers and touching <= s.autospace_touching * spaced:
        message = (
            "ideographs stand a space apart from the ASCII digits and letters beside them as "
            f"a habit ({spaced} places, {touching} touching), as a producer spacing CJK from "
            "Latin text prints them (LibreOffice, Word): which of those spaces the text holds "
            "the dump cannot show (read with each)"
        )
        return Check("autospace_unsure", "error", message, False)
    message = f"ideographs touch ASCII digits or letters ({touching} places, {spaced} spaced)"
    return Check("autospace_unsure", "error", message, True)


def _read_checks(
    read: SideBySideRead, ended: set[tuple[int, str]], s: SideBySideSettings
) -> tuple[Check, ...]:
    """Given a dump as read, the lines the document's habits ended a paragraph at and the
    settings, return its `paragraph_ends_unsure`, `column_overflow`, `spread_spaces_unsure`
    and `item_line_indented` checks, `extra_column_unsure` where it found such lines, and
    `autospace_unsure` (not for a Markdown table: its spaces are its text's own)."""
    # A line the document's habits end a paragraph at, or read as a heading running on,
    # is read so by the stitcher (`layout.habits`: a mark or a count its results never go
    # on after, headings alone or running on).
    ends = [where for where, key in read.unsure_ends if key not in ended]
    unsure = _places_check(
        "paragraph_ends_unsure",
        ends,
        "line(s) end a sentence at their column's edge with more text under them: a "
        "side-by-side dump keeps no paragraph spacing, so a paragraph's end there cannot be "
        "told from a wrap (read as a wrap)",
        "no line ends a sentence at its column's edge with more text under it",
    )
    overflow = _places_check(
        "column_overflow",
        read.overflows,
        "line(s) of the dump stand wider than their column once its cells are put back "
        "(two columns' text the reader could not part; it may be read into the next column)",
        "every line of the dump fits its column",
    )
    spaces = _places_check(
        "spread_spaces_unsure",
        read.spread_unsure,
        "justified line(s) printed a space apart meet a list marker or a lone digit or "
        "letter: the PDF may have had a space there or none, and the dump prints both alike "
        "(read with the space, or after a list marker as its column opens most list "
        "entries)",
        "no justified line's spread glyphs meet a marker or a lone digit or letter",
    )
    indented = _places_check(
        "item_line_indented",
        read.indented_items,
        "line(s) stand inside the item column, right of where its lines start: the next "
        "column's text the tool put left of its other lines, or the item's (read as the "
        "item's)",
        "every item line starts at its column's edge",
    )
    autospace = () if s.cells_placed else (_autospace_check(read, s),)
    return unsure, overflow, spaces, indented, *_extra_checks(read), *autospace


# The checks a side-by-side read makes of the places it found, in order: the check, the
# `SideBySideRead` field naming its places, what those are, its severity.
_READ_CHECKS: tuple[tuple[str, str, str, Severity], ...] = (
    (
        "extra_column_unsure",
        "extra_unsure",
        "line(s) end in a narrow column's text after a Latin word: the tool pushed it "
        "by an unknown number of cells, so which column beyond the five it belongs to "
        "is a guess (read by where this block's columns started)",
        "error",
    ),
    (
        "extra_column_misread",
        "extra_misread",
        "row(s) whose columns beyond the five read wrong by the text those columns "
        "hold elsewhere, or by a line too wide for its column, two on one line or two "
        "cells' lines a space apart (which column a line is was misjudged)",
        "error",
    ),
    (
        "pitch_space_unsure",
        "pitch_glued",
        "Latin word(s) or number(s) glued to what follows in a dump whose pitch is "
        "narrower than its glyphs (a cell's line printed as two runs), which drops the "
        "space after them: the PDF may have had one there or none (read with one after a "
        "space between an ideograph and the word, or where the document prints the word "
        "so more often or as two words)",
        "error",
    ),
    (
        "units_after_latin",
        "units_after_latin",
        "sub-indicator line(s) ending in a Latin word beside units' text whose first "
        "word the units column prints nowhere else, the sub-indicator's next line "
        "opening with what would have fitted on that line: a pitch narrower than the "
        "glyphs pushes what follows a Latin word by an unknown number of cells, so the "
        "words read as the units' may be the sub-indicator line's rest",
        "error",
    ),
    (
        "extra_column_rival",
        "extra_rival",
        "row(s) whose columns beyond the five read as texts those columns hold elsewhere "
        "both as the tool put their lines and with a line, or a cell's last lines, in "
        "another such column: a row printed alike twice is misread alike twice, so the "
        "reading the document holds more often was taken, on that evidence alone",
        "error",
    ),
    (
        "score_at_page_top",
        "score_at_top",
        "page(s) whose first line ends in a number after a date's year or month, read as "
        "its row's self-assessed score pushed against the line, with neither the "
        "indicator's number nor a sub-indicator's marker on the line: it may be the rest "
        "of the row the page before cut, the number the date's own (read as the row's)",
        "error",
    ),
    (
        "extra_column_moved",
        "extra_moved",
        "line(s) of a column beyond the five moved to another such column, where every "
        "narrow cell of their row reads as a text its column holds elsewhere, as it did "
        "not where the tool put them",
        "warning",
    ),
)


def _extra_checks(read: SideBySideRead) -> tuple[Check, ...]:
    """Given a dump as read, return each of `_READ_CHECKS` where it found such lines or rows
    (none on forms without them)."""
    return tuple(
        _places_check(name, places, what, "", severity)
        for name, field, what, severity in _READ_CHECKS
        if (places := getattr(read, field))
    )


def _places_check(
    name: str, places: Sequence[str], found: str, none: str, severity: Severity = "error"
) -> Check:
    """Given a check's name, the places it found (the first ten are named), what they are,
    what it says when there are none and its severity, return the check: failed where any
    stands."""
    message = f"{len(places)} {found}: " + "; ".join(places[:10]) if places else none
    return Check(name, severity, message, not places)
