"""Where a document's paragraphs end, learned from the document: the evidence a full line
cannot give.

A cell's line that leaves less room than the next line's first word was a wrap, or a
paragraph that happened to end at the column's edge: its geometry cannot tell (the
stitcher reads a wrap, `stitch.wraps_into`).  Where no paragraph spacing shows it either,
the document's own habits can:

* **A mark it always ends paragraphs with.**  A result whose paragraphs are each one
  statement ("…截至年底計36,699件" / "以上措施均持續追蹤辦理。") shows "。" only where a
  paragraph ends, never with more text after it on a line.  With at least
  `HabitSettings.min_ends` such paragraph ends and not one "。" that a line goes on after,
  a full line that ends with "。" ends its paragraph.  A document that goes on after a
  "。" on a line ("…服務。同時提供…") has no such habit, and its full lines ending in "。"
  stay wraps.
* **A count it ends paragraphs with.**  Likewise a count's unit: a document whose results
  end at least `min_ends` paragraphs with a count in 件 and no mark
  ("…截至年底計36,699件") and never print words after a count in 件 on a line (a comma
  after it, "受理36件，", is no words) ends a full line's paragraph at such a count
  (unless the next line opens with punctuation: the count's sentence wrapped).  A
  document with "…計175人次參加" has no such habit for 人次, and "…計175人次" / "參加。"
  stays a wrap.  Where the results end fewer than `min_ends` paragraphs with such a count
  (and never print words after one), a full line ending with it is read as a wrap and
  said to be unsure (`CellParagraphs.counts`; the stitcher's `count_end_unsure`).  The
  last paragraph of a cell the page's foot cuts is no evidence of an end where the next
  page's first result line may go on with it (the stitcher leaves it out: "…每 2個" at
  a foot, "月…" overleaf).
* **Headings on a line of their own, or running on.**  The seed prints one result's list
  headings alone ("1.書面審查電子化：" over "開發「線上書面審查作業」…"), another's inline
  ("1.說明會：於 5 月 28日召開…").  A paragraph so far that is a heading (a list marker, a
  title without sentence punctuation, a colon) and filled its line ends there when its
  cell shows headings alone only (at least one), and runs on when it shows headings
  running on only (the colon mid-line: a colon ending its line shows neither, as the
  geometry may have joined a heading alone to its text); in a cell showing none, the
  document decides the same way, where at least `HabitSettings.min_cells` of its cells
  show one habit and none the other (the seed mixes them cell by cell, and a cell running
  its headings on hides it where each of its colons ends a line).  A cell cut by a page
  break counts what its part before the break showed (`carried`), and a part at a page
  foot showing none what the next page's first result cell shows (`ahead`; the stitcher
  says it is unsure where that cell is another row's); a heading the break cut begins at
  the foot ("…派遣作業" there, "電子化：" overleaf is a heading's end).  Otherwise (both
  kinds, or one in too few cells) it is read as a wrap and said to be unsure
  (`heading_end_unsure`): a heading alone and a heading whose text runs on look alike.
  The document's evidence can still mislead where `min_cells` cells or more print their
  headings alone and every cell printing them inline happens to fill its lines with them
  (or the other way round).
* **Paragraphs it prints on their own.**  A closing paragraph after a list ("前述辦理情形
  均提報所務會議追蹤列管。") that follows another paragraph of its cell (no heading: an
  entry's text may follow its heading inline elsewhere), with no marker, ending a
  sentence, is that paragraph wherever the document prints it: under a full line that is
  no heading ("…截至年底計89,997件"), the same text from a line's start to the next
  paragraph opens a paragraph too (under a heading it may be the entry's text running
  on, "④案件進度及結果查詢管道：" / "本項業務由各單位…", and the headings' habit
  decides).  A closing paragraph printed once, under a full line ending with neither a
  mark nor a count the document ends paragraphs with, stays the entry's words (README:
  known limit).

Plain functions over line texts: the stitcher gives each result cell's lines and its
geometric paragraph starts (`paragraph_habits` over the whole document first, then
`ParagraphHabits.starts` per cell).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import regex

from pipeline.normalise.patterns import (
    PARAGRAPH_MARKER,
    count_unit_at_end,
    counts_going_on,
    unbalanced,
)
from pipeline.normalise.text import join_wrapped

T = TypeVar("T")

# Marks that end a statement; "：" is the heading's (a colon announces more).
ENDING_MARKS = "。！？；"
# What may close after a mark ("完成。」", "（詳附件）。").
_CLOSERS = "」』）)〉》]"
# A heading: a list marker, a title without sentence punctuation, a colon.
_HEADING = regex.compile(r"[^，。；！？,;!?：:]{1,40}[：:]")


@dataclass(frozen=True, slots=True)
class HabitSettings:
    """How much evidence a habit needs: `min_ends` paragraphs ended by a mark, and not one
    line going on after it; `min_cells` result cells showing their headings one way, and
    none the other, for the document to decide a cell that shows neither.

    A document may print one result's headings alone and another's running on (the seed
    does), and a cell running its headings on shows it only where a colon falls inside a
    line: in a narrow column one heading each may fill its line in every such cell
    (`-layout-extra` seed 29924: two cells, "• 主動關懷服務：" and "(3)主動關懷服務："
    each filling a 9-em line, beside six cells of headings alone).  Were half a mixing
    document's cells of each kind, all of `min_cells` cells showing one kind would happen
    about once in 2 ** (min_cells - 1) such documents."""

    min_ends: int = 5
    min_cells: int = 10

    def __post_init__(self) -> None:
        if self.min_ends < 1:
            raise ValueError(f"HabitSettings.min_ends must be >= 1, got {self.min_ends!r}")
        if self.min_cells < 1:
            raise ValueError(f"HabitSettings.min_cells must be >= 1, got {self.min_cells!r}")


DEFAULT_HABIT_SETTINGS = HabitSettings()


def heading_shape(text: str) -> str | None:
    """Given a paragraph (or its first line), return "alone" when it is a list entry's
    heading and nothing else ("1.書面審查電子化："), "inline" when the entry's text goes on
    after the heading's colon ("1.說明會：於 5 月…"), else None.

    >>> heading_shape("4.改善「商品具結先行放行」申請作業程序："), heading_shape("1.說明會：於 5 月")
    ('alone', 'inline')
    >>> heading_shape("3.建置系統，提供民眾線上申辦，網址：www.gov.tw。") is None
    True
    >>> heading_shape("3.提供民眾申辦案件應辦理事項(例如：") is None
    True
    """
    text = text.strip()
    m = PARAGRAPH_MARKER.regex.match(text)
    head = _HEADING.match(text, m.end()) if m is not None else None
    title = head.group().strip(" ：:") if head is not None else ""
    # A colon inside brackets introduces examples ("事項(例如：…"), no heading's end.
    if head is None or not title or unbalanced(title) or title.count("「") != title.count("」"):
        return None
    return "alone" if head.end() == len(text) else "inline"


def _mid_line_marks(line: str) -> Counter[str]:
    """Given a line, count the ending marks with more of the line after them."""
    text = line.rstrip().rstrip(_CLOSERS)
    return Counter(ch for ch in text[:-1] if ch in ENDING_MARKS)


def _end_mark(text: str) -> str | None:
    text = text.rstrip().rstrip(_CLOSERS)
    return text[-1] if text and text[-1] in ENDING_MARKS else None


@dataclass(frozen=True, slots=True)
class Headings:
    """How many list headings a cell (or a document) shows on a line of their own before
    the entry's text, and how many with the text running on after the colon."""

    alone: int = 0
    inline: int = 0

    def __add__(self, other: Headings) -> Headings:
        return Headings(self.alone + other.alone, self.inline + other.inline)

    def tells(self) -> bool | None:
        """True: headings stand alone here; False: they run on; None: no heading seen, or
        both kinds."""
        if self.inline and self.alone:
            return None
        return True if self.alone else False if self.inline else None


def cell_headings(texts: Sequence[str], starts: Sequence[bool]) -> Headings:
    """Given a result cell's line texts and where its paragraphs start by geometry, return
    what it shows of its headings."""
    return _headings(grouped(texts, starts))


def _headings(paragraphs: Iterable[Sequence[str]]) -> Headings:
    """Given paragraphs (each its lines), count headings alone that end a paragraph before
    another, and headings whose text runs on from the colon on the same line."""
    paras = list(paragraphs)
    alone = inline = 0
    for i, lines in enumerate(paras):
        if _runs_on(lines):
            inline += 1
        elif i + 1 < len(paras) and heading_shape(join_wrapped(lines)) == "alone":
            alone += 1
    return Headings(alone, inline)


def _runs_on(lines: Sequence[str]) -> bool:
    """Given a paragraph's lines, tell whether it is a heading with the entry's text after
    its colon on the colon's line ("1.改善「商品具結先行放行」" / "申請作業程序：自104年…"): a
    colon ending its line is no evidence, the geometry may have joined a heading alone."""
    if heading_shape(join_wrapped(lines)) != "inline":
        return False
    line = next((ln for ln in lines if "：" in ln or ":" in ln), "")
    return not line.rstrip().endswith(("：", ":"))


@dataclass(frozen=True, slots=True)
class ParagraphHabits:
    """What a document shows of where its results' paragraphs end (see the module's doc)."""

    ending_marks: frozenset[str] = frozenset()
    # Units of counts the results end paragraphs with and never print words after on a
    # line ("…截至年底計36,699件" and no "…計36件辦結"): such a count ends its paragraph.
    ending_counts: frozenset[str] = frozenset()
    # Units of counts the results end a few paragraphs with (fewer than `min_ends`) and
    # never print words after: a full line ending with one may end its paragraph or wrap.
    unsure_counts: frozenset[str] = frozenset()
    headings: Headings = field(default_factory=Headings)
    # Whether enough result cells show the headings' one habit (`HabitSettings.min_cells`)
    # for it to decide a cell that shows neither.
    headings_firm: bool = False
    # Paragraphs printed after another in their cell that is no heading, with no marker,
    # ending a sentence (`_key`): a closing paragraph the document prints on its own.
    own_paragraphs: frozenset[str] = frozenset()

    def starts(
        self,
        texts: Sequence[str],
        starts: Sequence[bool],
        carried: Headings = Headings(),
        ahead: Headings = Headings(),
        marks: Sequence[bool | None] = (),
        lead: Sequence[str] = (),
    ) -> CellParagraphs:
        """Given a result cell's line texts, where its paragraphs start by geometry, what
        the cell's part before a page break showed of its headings (`carried`) and what the
        cell that may go on overleaf shows (`ahead`, used where the cell shows none, and
        said: `CellParagraphs.borrowed`), return the starts with the habits applied and
        what they decided or left open.  `marks`, where a tagged PDF's marked sequences
        tell paragraphs apart (`layout.stitch.result_marks`), says for each line whether it
        is in the line before's sequence: that decides a full line no habit decides.  `lead`:
        the paragraph a page break cut, going on in a first line that opens no entry."""
        out, lead = (
            list(starts),
            lead if texts and not PARAGRAPH_MARKER.regex.match(texts[0]) else (),
        )
        cell = cell_headings(texts, starts) + carried
        borrowed = not cell.alone and not cell.inline and bool(ahead.alone or ahead.inline)
        found = CellParagraphs(out, cell, borrowed=borrowed)
        cell = ahead if borrowed else cell
        first = 0
        for i in range(1, len(texts)):
            if PARAGRAPH_MARKER.regex.match(texts[i]):
                first = i if out[i] else first
                continue
            so_far = join_wrapped([*(lead if first == 0 else ()), *texts[first:i]])
            ends = self.ends(so_far, cell, texts[i])
            by_marks = not out[i] and ends is None and i < len(marks) and marks[i] is not None
            if by_marks:
                ends = not marks[i]
                found.by_marks.append(so_far[-12:])
            heading = heading_shape(so_far) == "alone"
            # Under a heading, a paragraph printed on its own elsewhere may be this entry's
            # text running on ("④案件進度及結果查詢管道：" / "本項業務由各單位…").
            if not ends and not heading and self._printed_alone(texts, out, i):
                ends = True
            if ends:
                found.by_habit.append(i - 1)
            elif ends is False and heading:
                found.runs_on.append(i - 1)
            told = ends is not None and ends != self.headings_tell()
            if heading and not by_marks and borrowed and told:
                found.decided_ahead.append(so_far[-12:])
            if out[i]:
                first = i
            elif ends:
                out[i], first = True, i
                found.ended.append(so_far[-12:])
            elif ends is None and heading:
                found.headings.append(so_far[-12:])
            elif ends is None:
                found.counts.append(so_far[-12:])
        return found

    def _printed_alone(self, texts: Sequence[str], starts: Sequence[bool], i: int) -> bool:
        """Given a cell's lines, their paragraph starts and a line that runs on by geometry,
        tell whether that line opens a paragraph the document prints on its own elsewhere:
        the lines from it to the next start are one of `own_paragraphs`."""
        j = next((k for k in range(i + 1, len(texts)) if starts[k]), len(texts))
        return _key(join_wrapped(texts[i:j])) in self.own_paragraphs

    def ends(self, so_far: str, cell: Headings = Headings(), under: str = "") -> bool | None:
        """Given a paragraph so far, whose last line is full and has a line under it with
        no list marker (`under`), and what its cell shows of headings, return True where a
        habit ends the paragraph there, None for a heading or a count no habit decides
        (`unsure_counts`), False where the geometry's wrap stands (a heading where its cell,
        or else the document, shows headings running on only)."""
        if _end_mark(so_far) in self.ending_marks:
            return True
        unit = count_unit_at_end(so_far) if self.ending_counts or self.unsure_counts else None
        # A count's punctuation may wrap to the next line ("…受理36件" / "，處理…").
        head = under.lstrip()[:1]
        if unit is not None and (not head or not unicodedata.category(head).startswith("P")):
            if unit in self.ending_counts:
                return True
            if unit in self.unsure_counts:
                return None
        if heading_shape(so_far) != "alone":
            return False
        return cell.tells() if cell.alone or cell.inline else self.headings_tell()

    def headings_tell(self) -> bool | None:
        """True: the document's headings stand alone, False: they run on, where enough of
        its cells show one habit and none the other (`headings_firm`); else None."""
        return self.headings.tells() if self.headings_firm else None


@dataclass(frozen=True, slots=True)
class CellParagraphs:
    """A result cell's paragraph starts with the habits applied, what the cell shows of
    its headings, the full lines a habit ended a paragraph at, the full heading lines no
    habit decides (read as running on), and the index of every line a habit ends a
    paragraph after (whatever the geometry said) or reads as a heading running on."""

    starts: list[bool]
    shown: Headings = Headings()  # what the cell (with its part before a break) shows
    ended: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    # Full lines ending with a count the document ends too few paragraphs with to tell
    # (`ParagraphHabits.unsure_counts`; read as wraps).
    counts: list[str] = field(default_factory=list)
    by_habit: list[int] = field(default_factory=list)
    # Full heading lines the cell's or the document's headings running on read as wraps.
    runs_on: list[int] = field(default_factory=list)
    # Whether the headings were the cell's overleaf's (`ParagraphHabits.starts`), and the
    # full heading lines decided by them otherwise than the document alone would have: right
    # only if that cell goes on with this one.
    borrowed: bool = False
    decided_ahead: list[str] = field(default_factory=list)
    # Full lines no habit decides that the document's marked sequences decided.
    by_marks: list[str] = field(default_factory=list)


def grouped(lines: Sequence[T], starts: Sequence[bool]) -> list[list[T]]:
    """Given a cell's lines (texts or laid-out lines) and where paragraphs start, return
    the paragraphs."""
    paras: list[list[T]] = []
    for line, start in zip(lines, starts, strict=True):
        if start or not paras:
            paras.append([line])
        else:
            paras[-1].append(line)
    return paras


def paragraph_habits(
    cells: Iterable[tuple[Sequence[str], Sequence[bool]]],
    settings: HabitSettings = DEFAULT_HABIT_SETTINGS,
) -> ParagraphHabits:
    """Given every result cell of a document (its line texts, and where its paragraphs
    start by geometry), return the habits it shows."""
    ends: Counter[str] = Counter()
    goes_on: Counter[str] = Counter()
    count_ends: Counter[str | None] = Counter()
    count_goes_on: Counter[str] = Counter()
    own: set[str] = set()
    alone = inline = 0
    shown = Headings()  # cells showing headings alone, running on
    for texts, starts in cells:
        for text in texts:
            goes_on.update(_mid_line_marks(text))
            count_goes_on.update(counts_going_on(text))
        paras = grouped(texts, starts)
        before = ""
        for lines in paras:
            text = join_wrapped(lines)
            mark = _end_mark(text)
            count_ends[count_unit_at_end(text)] += 1
            if mark is not None:
                ends[mark] += 1
                if (
                    before
                    and heading_shape(before) is None
                    and not PARAGRAPH_MARKER.regex.match(text)
                ):
                    own.add(_key(text))
            before = text
        found = _headings(paras)
        alone, inline = alone + found.alone, inline + found.inline
        shown += Headings(int(found.alone > 0), int(found.inline > 0))
    marks = frozenset(m for m in ENDING_MARKS if ends[m] >= settings.min_ends and not goes_on[m])
    seen = {u: n for u, n in count_ends.items() if u is not None and not count_goes_on[u]}
    counts = frozenset(u for u, n in seen.items() if n >= settings.min_ends)
    unsure = frozenset(seen) - counts
    firm = max(shown.alone, shown.inline) >= settings.min_cells
    return ParagraphHabits(marks, counts, unsure, Headings(alone, inline), firm, frozenset(own))


def _key(text: str) -> str:
    """A paragraph's text without spaces, to match its other printings."""
    return "".join(text.split())
