"""Column assignment: each paragraph's column from its marker, width, the units after it
and what the form's structure allows next; page breaks inside rows; the close calls
reported as checks."""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import regex

from pipeline.layout.textdump.blocks import NARROW_COLUMNS, Block, FurnitureLine, Widths
from pipeline.layout.textdump.calibration import (
    Print,
    _marked_body,
    _rest,
    at_least_as_wide,
    ends_with_points,
    held_print,
    printed_cuts,
    printed_whole,
    with_next_piece,
    wrap_bound,
)
from pipeline.layout.textdump.consistency import (
    least_width,
    marks_paragraph_ends,
    wraps_with_room,
)
from pipeline.layout.textdump.paging import _LATIN_END, _LATIN_START
from pipeline.layout.textdump.settings import SETTINGS, DumpSettings
from pipeline.layout.textdump.units import (
    _unit_lines,
    ends_like_unit,
    ends_like_unit_tail,
    is_unit_block,
    is_unit_line,
    is_unit_name,
    names_units,
    split_leading_indicator,
    split_leading_unit,
    split_not_applicable,
    split_trailing_unit,
    unit_vocabulary,
)
from pipeline.models import Check, Column, Fragment, Furniture, Token
from pipeline.normalise.patterns import (
    CN_NUMERAL,
    INDICATOR_NO,
    ITEM_POINTS,
    ITEM_SCORE,
    ITEM_SCORE_IN,
    LIST_MARKER,
    NOT_APPLICABLE,
    SENTENCE_END,
    SUB_NO,
    Pattern,
    cn_number,
    marker_number,
    marker_style,
    opens_entry,
    printed_marker,
)
from pipeline.normalise.text import WRAP_SLACK_COLUMNS, display_width, join_wrapped, match_key


@dataclass(slots=True)
class _State:
    """Where the reader stands: the last column filled and the open numbering."""

    last: Column | None = None
    indicator_no: int | None = None
    sub_no: int | None = None
    sub_numbered: bool = False
    sub_style: str | None = None  # the marker style of this indicator's sub-indicators
    sub_shape: str | None = None  # … and the last one's marker as printed ("（#）")
    result_list: tuple[str, int] | None = None  # the open result's last (1)-style list entry
    result_shape: str | None = None  # … and its marker as printed ("(#)")
    # The open result's last number of each list style it has used (1. 2. then (1) (2)).
    result_numbers: dict[str, int] = field(default_factory=dict)
    # Whether the open result's last numbered entry has a space after its marker.
    result_spaced: bool | None = None
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
    # The row's units were read, or printed empty: either parts its sub and its result.
    units_in_row: bool = False
    seam_guess: bool = False  # the row's result was cut from its sub on a guess
    seam_sure: bool = False  # … or where a line break could not have wrapped one column
    # The row's result is a 不適用/無 printed beside its units' first line: further unit
    # names below it are still units.
    result_beside: bool = False
    # A sub-indicator left open at a page's foot with only results after it in its row
    # (or nothing): its paragraph there, the index of its token and of the break it was
    # reported as (`_Reader._unswallow`, `_Reader._foot_settled`).
    foot_sub: tuple[Block, int, int] | None = None
    sub_block: tuple[Block, int] | None = None  # the last sub-indicator paragraph, its token


def _fragment(
    block: Block, column: Column, *, cont: bool = False, para_break: bool = True
) -> list[Fragment]:
    """Given a block, return one fragment per page it spans (page breaks inside paragraphs)."""
    return [
        Fragment(
            column=column,
            lines=tuple(ln.text.strip() for ln in lines),
            page=page,
            cont=cont if k == 0 else True,
            para_break=para_break if k == 0 else False,
        )
        for k, (page, lines) in enumerate(itertools.groupby(block.lines, key=lambda ln: ln.page))
    ]


def blocks_to_tokens(
    items: Sequence[Block | FurnitureLine], widths: Widths, settings: DumpSettings = SETTINGS
) -> tuple[list[Token], list[Check]]:
    """Given paragraphs and furniture, return tokens with every paragraph assigned a column,
    and the close decisions the dump could not settle."""
    reader = _Reader(items, widths, settings)
    reader.run()
    return reader.tokens, _break_checks(reader.breaks) + _close_call_checks(reader.close_calls)


def _close_call_checks(calls: Sequence[tuple[int, str]]) -> list[Check]:
    """Given the numbered paragraphs after a result that nothing but a width within one
    character placed (a list entry going on, or the next sub-indicator with neither units
    nor an empty cell after it), return a check naming them: the reading is a guess."""
    if not calls:
        return []
    where = "; ".join(f"p{page}: {text!r}" for page, text in calls[:5])
    more = f" and {len(calls) - 5} more" if len(calls) > 5 else ""
    return [
        Check(
            "list_or_row",
            "error",
            f"{len(calls)} numbered paragraphs after a result could go on with its list or "
            f"open the next row, and their width hardly tells which ({where}{more})",
            False,
        )
    ]


class _Reader:
    """One pass over a dump's paragraphs: each placed in its column, in reading order.

    Each `_place_*` step tells whether it placed the paragraph; the first that does
    wins, in the order of `_place`.
    """

    def __init__(
        self,
        items: Sequence[Block | FurnitureLine],
        widths: Widths,
        settings: DumpSettings = SETTINGS,
    ) -> None:
        self.widths = widths
        self.settings = settings
        self.vocab = unit_vocabulary(items)
        # Whether the dump prints an empty units cell as a line of spaces after its row's
        # sub-indicator: then every row without units shows one.
        self.marks_empty_units = any(isinstance(b, Block) and b.empty_after for b in items)
        # Whether the dump prints a space after each paragraph's last line: then one
        # without it at a page's foot goes on overleaf.
        self.marks_ends = marks_paragraph_ends(items, settings)
        # How often the dump prints each paragraph's text (wraps joined) on its own, and
        # each paragraph's text with its marker and spaces left out.
        self.printed = Counter(join_wrapped(b.texts) for b in items if isinstance(b, Block))
        self.bodies = Counter(_marked_body(b.texts) for b in items if isinstance(b, Block))
        # The texts (marker aside) of numbered paragraphs printed with unit lines after them
        # anywhere in the dump: a cheap filter before `_printed_later_as_sub` looks closer.
        blocks = [b for b in items if isinstance(b, Block)]
        self.subs_with_units = {
            _marked_body(b.texts)
            for b, nxt in itertools.pairwise(blocks)
            if SUB_NO.regex.match(b.first) is not None
            and (
                all(is_unit_line(t) for t in nxt.texts)
                or split_leading_unit(nxt, self.vocab) is not None
            )
        }
        self.breaks: list[tuple[int, tuple[Column, ...]]] = []
        self.close_calls: list[tuple[int, str]] = []  # list entry or sub-indicator, by width
        self.tokens: list[Token] = []
        self.col_widths = _ColumnWidths(self.tokens)
        self.st = _State()
        self.after_break = False  # the paragraph being placed is the first after a break
        # What is left to read, reversed: the next item is rest[-1].  Splitting the
        # current paragraph pushes its parts back on top in O(1); splicing a list at
        # the front was O(n) per split and made long dumps quadratic.
        self.rest: list[Block | FurnitureLine] = list(reversed(items))

    def run(self) -> None:
        while self.rest:
            it = self.rest.pop()
            if isinstance(it, FurnitureLine):
                self._furniture(it)
            else:
                self._place(it)

    def next_block(self, skip: int = 0) -> Block | None:
        rest = self.rest  # reversed: the next item is rest[-1]
        for i in range(len(rest) - 1, -1, -1):
            q = rest[i]
            if isinstance(q, Block):
                if skip == 0:
                    return q
                skip -= 1
            elif q.kind in ("dimension", "subtotal") or (
                q.kind == "title" and not (i > 0 and _is_header(rest[i - 1]))
            ):
                return None  # a running title (the header row after it) is no boundary
        return None

    def _fragments(
        self, block: Block, column: Column, *, cont: bool = False, para_break: bool = True
    ) -> list[Fragment]:
        """Given a paragraph and its column, return its fragments (`_fragment`), a units
        paragraph on one page with the unit names its lines read as."""
        frags = _fragment(block, column, cont=cont, para_break=para_break)
        if column == Column.UNITS and len(frags) == 1:
            names = tuple(ln.text for ln in _unit_lines(block, self.vocab))
            frags = [replace(frags[0], names=names)]
        return frags

    def _part_sub(self, index: int, head: Block, rest: Block, column: Column) -> None:
        """Given the index of a sub-indicator's fragment and its paragraph's two parts,
        put back the head as the sub-indicator's and the rest as `column`'s (a cell run
        into it at a page's foot)."""
        self.tokens[index : index + 1] = [
            *_fragment(head, Column.SUB),
            *self._fragments(rest, column),
        ]

    def emit(
        self, block: Block, column: Column, *, cont: bool | None = None, para: bool = True
    ) -> None:
        st = self.st
        if cont is None:
            cont = column in (Column.UNITS, Column.RESULT) and st.last == column
            if column == Column.ITEM and st.last == Column.ITEM:
                cont = True
        # Before this block's fragments join the tokens: the sub-indicator before it.
        unlike = column == Column.RESULT and block.seam and self._unlike_subs(block)
        frags = self._fragments(block, column, cont=cont, para_break=para)
        if column == Column.SUB:
            st.sub_block = (block, len(self.tokens))
        self.tokens.extend(frags)
        if column == Column.RESULT:
            self._foot_settled(block)
        st.last = column
        _mark_open(st, column, block)
        st.units_in_row |= column == Column.UNITS or (column == Column.SUB and block.empty_after)
        st.seam_guess |= (
            column == Column.RESULT and block.seam and not self._past_subs(block) and not unlike
        )
        st.seam_sure |= (column == Column.RESULT and block.sure) or unlike
        # A "得分：" left open at a page's foot still waits for its score overleaf.
        if (
            column == Column.ITEM
            and (
                any(ITEM_SCORE.regex.match(match_key(t)) for t in block.texts)
                or _is_label(block, ITEM_SCORE)
            )
            and (block.lines[-1].closes or _score_shown(block))
        ):
            st.item_scored = True

    def _past_column(self, column: Column, width: float) -> bool:
        """Given a column and a line's width, tell whether the line is wider than every line
        of that column so far (of at least `min_column_lines`) by a character: then it is
        none of that column's."""
        widest, lines = self.col_widths.widest_line(column)
        return (
            lines >= self.settings.min_column_lines
            and width - widest >= self.settings.wrap_room_columns
        )

    def _past_column_some(self, block: Block) -> bool:
        """Given a numbered paragraph after results, tell whether its first line is wider
        than every sub-indicator line so far, though by less than `_past_column` needs: a
        sub-indicator's line that wide is new, so the medians' verdict is a guess ("(4)每季
        召開服務品質檢討會議，", 31 columns, where sub-indicators reached 30)."""
        widest, lines = self.col_widths.widest_line(Column.SUB)
        return lines >= self.settings.min_column_lines and _first_page_width(block) > widest

    def _past_results(self, block: Block) -> bool:
        """Given a paragraph, tell whether a line of it is wider than every result line so
        far by a character: then it is no result's."""
        return self._past_column(Column.RESULT, block.width)

    def _surely_past_results(self, block: Block) -> bool:
        """Given a paragraph, tell whether a line of it needs a character more than every
        result line so far, counted at its least (`least_width`): then it is surely no
        result's.  Digits, Latin and half-width brackets may be narrower in the font than
        the columns a dump counts them as ("(2)技術文件審查電子化暨預", 27 columns, is a
        result's line where the others reached 24)."""
        widest, lines = self.col_widths.widest_line(Column.RESULT)
        if lines < self.settings.min_column_lines:
            return False
        needs = [w for ln in block.lines if (w := least_width(ln.text)) is not None]
        return bool(needs) and max(needs) - widest >= self.settings.wrap_room_columns

    def _past_subs(self, block: Block) -> bool:
        """Given a paragraph cut from the one before at a list marker, tell whether its first
        line is wider than every sub-indicator line so far by a character: then it is no
        sub-indicator's line, and the cut is where the result begins ("…合宜" / "• 100 年度
        共計受理65,853件，處理時效", 36 columns, where sub-indicators wrap at 32)."""
        return self._past_column(Column.SUB, display_width(block.first))

    def _unlike_subs(self, block: Block) -> bool:
        """Given a paragraph cut from the one before at a list marker, tell whether the
        marker is printed otherwise than this indicator's sub-indicators and the
        sub-indicator's line before it stops mid-sentence: no sub-indicator's wrapped line
        opens with another style's list entry, so the result begins there ("…盥洗室" /
        "1.本項業務…" under "（1）定期檢查…")."""
        entry = _entry_marker(block.first)
        if entry is None or self.st.sub_style is None or entry[0] == self.st.sub_style:
            return False
        before = next(
            (t for t in reversed(self.tokens) if isinstance(t, Fragment) and t.lines), None
        )
        if before is None or before.column != Column.SUB:
            return False
        return not before.lines[-1].rstrip().endswith(("。", "：", ":", "；"))

    def _furniture(self, it: FurnitureLine) -> None:
        self.tokens.append(Furniture(kind=it.kind, text=it.text, page=it.page))
        st = self.st
        if it.kind == "dimension":
            self.st = _State()
        elif it.kind == "header" and st.last is not None:
            st.after_break = True
            st.pending = [c for c in Column if st.open_cols.get(c)]
            st.latin_pending = sorted(c for c in st.latin_cols if c not in st.pending)
            wide_pending = [c for c in st.pending if c not in NARROW_COLUMNS]
            # A sub-indicator last at the foot with neither units nor result read yet
            # may have swallowed the row's result: printed next to each other, the
            # two run together there, and the sub-indicator's tail comes after.
            # A result read after it on this page was not swallowed (unless cut on a guess).
            swallowed = (
                wide_pending == [Column.SUB]
                and not st.units_in_row
                and (st.last == Column.SUB or st.seam_guess)
                and self._foot_may_end_a_result()
            )
            # Without units between them, the two wide cells' parts ran together unless a
            # cut where no line could wrap parted them.
            parted = st.units_in_row or st.seam_sure
            if (len(wide_pending) >= 2 and (st.seam_guess or not parted)) or swallowed:
                self.breaks.append((it.page, tuple(st.pending)))
                st.foot_sub = self._foot_sub() if not parted or swallowed else None
            elif st.last == Column.SUB and not st.units_in_row and not wide_pending:
                st.sub_at_foot = it.page  # a guess too, if the row goes on past the break

    def _place(self, block: Block) -> None:
        nxt = self.next_block()
        st = self.st
        foot, st.sub_at_foot = st.sub_at_foot, None
        placed_from = len(self.tokens)
        if foot is not None:
            # An item's points or score alone go on with the item's cell: no new row yet.
            label = _is_label(block, ITEM_POINTS, ITEM_SCORE)
            opens = not label and _opens_row(block, nxt)
            narrow_open = {c for c in st.pending if c in (Column.ITEM, Column.INDICATOR)}
            narrow_open |= {Column.ITEM} if label else set()
        self.after_break = st.after_break
        if st.after_break and (self._known_head(block, foot) or self._run_into_sub(block)):
            row_last = st.last
            self.emit(block, Column.SUB, cont=True, para=False)
            # A tail to the left of the results placed before it: the row has got as far.
            st.last = Column.SUB if row_last is None else max(row_last, Column.SUB)
            return
        _ = (
            (st.after_break and self._place_tail(block))
            or self._place_item(block, nxt)
            or self._place_units(block)
            or self._place_indicator(block, nxt)
            or self._place_sub(block, nxt)
            or self._place_result(block)
        )
        if foot is None:
            return
        if opens:
            return
        # A sub-indicator closed at the page's foot with nothing after it in its row: the
        # row must go on with a new row's opening, or the dump ran the row's result into
        # the sub-indicator there.  The tails of the item or indicator ("(5分)", "得分：5",
        # "專業度") come first and tell nothing.
        placed = {t.column for t in self.tokens[placed_from:] if isinstance(t, Fragment)}
        if placed and placed <= narrow_open and self.st is st:
            st.sub_at_foot = foot
        else:
            self.breaks.append((foot, (Column.SUB,)))

    def _place_tail(self, block: Block) -> bool:
        """Right after a page break inside a row: a tail of a cell left open."""
        st = self.st
        latin_tail = _latin_tail(block, st)
        column = latin_tail or _continuation(block, st, self.widths, self.vocab)
        if column is not None:
            open_before = st.open_cols.get(column, False) or latin_tail is not None
            row_last = st.last
            self.emit(block, column, cont=True, para=not open_before)
            if row_last is not None and column < row_last:
                st.last = row_last  # a tail to the left: the row has got as far as before
            return True
        st.after_break = False
        st.pending = []
        st.latin_pending = []
        return False

    def _place_item(self, block: Block, nxt: Block | None) -> bool:
        """Item cell: name, "(N分)", "得分：N" (any of them may share the name's block)."""
        if self.st.last == Column.ITEM and len(block.lines) > 1 and _score_cut_first(block):
            # "得分：7." / "推動線上" / "申辦": the score cut at its decimal point ends the
            # item's cell on this page (its "5 分" overleaf); the next cell ran on after it.
            self.rest.append(_rest(block, 1))
            self.emit(Block(lines=block.lines[:1]), Column.ITEM)
            return True
        if _is_label(block, ITEM_POINTS, ITEM_SCORE) and self.st.last == Column.ITEM:
            self.emit(block, Column.ITEM)
            return True
        if NOT_APPLICABLE.regex.match(join_wrapped(block.texts)):
            return False  # 不適用, 無: a result, never an item's name
        if block.width <= self.widths.narrow_limit + 2 and (
            (_names_item(block, nxt) and not self._open_items_label_next())
            or self._label_after_break(block)
            or self._opens_dimension(block)
        ):
            self.st = _State()
            at = self._item_cut(block)
            if at is not None:
                # The item's name ran into the next cell's at a page's foot: that part is
                # read next ("服務一致" / "及正確性" / "檢討既有服" / "務措施").
                self.rest.append(_rest(block, at))
                block = Block(lines=block.lines[:at])
            self.emit(block, Column.ITEM, cont=False)
            return True
        return False

    def _name_tail_overleaf(self, block: Block, overleaf: Sequence[Block], label: Pattern) -> bool:
        """Given a paragraph at a page's foot and the first one overleaf, tell whether the
        paragraph is an item's name the break cut with its first indicator run on after it:
        two or three lines, the first left open and the last closed; its last line a
        paragraph the document prints elsewhere on its own, the whole paragraph
        printed nowhere else; overleaf one short plain line (the name's tail) and the
        item's label right after it ("積極回應民眾" / "強化志工服務", then "意見" and
        "(90分)").  The item's part at the foot ends open, so the closed line is the other
        cell's (`_item_cut`)."""
        lines = block.lines
        if not 2 <= len(lines) <= 3 or lines[0].closes or not lines[-1].closes:
            return False
        if len(overleaf) < 2:
            return False
        first, after = overleaf[0], overleaf[1]
        if len(first.lines) != 1 or _entry_marker(first.first) is not None:
            return False
        text = first.first.strip()
        if first.width > self.widths.narrow_limit or SENTENCE_END.regex.search(text):
            return False
        if names_units(first, self.vocab) or NOT_APPLICABLE.regex.match(text):
            return False
        rest = lines[-1].text.strip()  # the other cell's: it ends no later than the item's
        if self.printed.get(rest, 0) < 1 or self.printed.get(join_wrapped(block.texts), 0) > 1:
            return False
        # A tail at least as wide as the name's own lines were with the next piece on them
        # is no line of its column ("訂定申辦" / "業務標準" wrapped before "業", then "數位服務
        # 推動" overleaf: a whole item's name, its label and score after it).
        found = (wrap_bound(a.text, b.text) for a, b in itertools.pairwise(lines[:-1]))
        if any(b is not None and at_least_as_wide(held_print(text), b[1]) for b in found):
            return False
        return _is_label(after, label)

    def _page_rest(self) -> tuple[list[Block], list[Block]] | None:
        """Return the paragraphs still to read on this page and the first two after the
        next page header (furniture between them aside), or None where an item's label
        ("(N分)", "得分") comes before the header (the item cell's label is on this page),
        or a dimension or a 小計 does."""
        here: list[Block] = []
        overleaf: list[Block] = []
        header_seen = False
        for q in reversed(self.rest):
            if isinstance(q, FurnitureLine):
                if q.kind in ("dimension", "subtotal") and not overleaf:
                    return None
                header_seen = header_seen or q.kind == "header"
            elif header_seen:
                overleaf.append(q)
                if len(overleaf) == 2:
                    break
            elif _is_label(q, ITEM_POINTS, ITEM_SCORE) or ends_with_points(join_wrapped(q.texts)):
                return None
            else:
                here.append(q)
        return (here, overleaf) if overleaf else None

    def _item_cut(self, block: Block) -> int | None:
        """Given a new item's paragraph, return the index of its first line the item
        column cannot hold (`_ColumnWidths.cannot_hold`: as wide as one of its lines with
        the next piece a wrap moved down), after lines left open on one page, or None."""
        lines = block.lines
        page = self._page_rest()
        if page is not None:
            label = ITEM_SCORE if ends_with_points(join_wrapped(block.texts)) else ITEM_POINTS
            if self._name_tail_overleaf(block, page[1], label):
                return len(lines) - 1  # the item's part ends at its last open line
        known = self._known_run_on(block)
        if known is not None:
            return known
        for j in range(1, len(lines)):
            if lines[j - 1].closes or lines[j - 1].page != lines[j].page:
                return None
            text = lines[j].text.strip()
            if self.col_widths.cannot_hold(Column.ITEM, text, self.settings.min_column_lines):
                return j
        return None

    def _known_run_on(self, block: Block) -> int | None:
        """Given a new item's paragraph left open at a page's foot, return where the next
        cell's part run on after the name begins, or None: the lines from there and the
        first paragraph overleaf past the item's labels make a text the document prints
        whole elsewhere (marker and spaces aside, `min_repeat_chars` characters or more),
        and those lines alone it prints nowhere ("提高服務" / "滿意度" / "訂定申辦" / "業務
        標準" at a foot, then "(140分)", "得分：138" and "作業流程" overleaf, where
        "訂定申辦" / "業務標準" / "作業流程" is an indicator on another page)."""
        lines = block.lines
        if lines[-1].closes or any(ln.page != block.page for ln in lines):
            return None
        tail = self._first_after_labels()
        if tail is None:
            return None
        for j in range(1, len(lines)):
            rest = [ln.text for ln in lines[j:]]
            if self._printed_whole([*rest, *tail.texts]) and not self.bodies[_marked_body(rest)]:
                return j
        return None

    def _printed_whole(self, lines: Sequence[str]) -> bool:
        """Given lines, tell whether their text (marker and spaces aside,
        `min_repeat_chars` characters or more) is a paragraph the dump prints."""
        return printed_whole(self.bodies, lines, self.settings.min_repeat_chars)

    def _first_after_labels(self) -> Block | None:
        """Return the first paragraph after the next page header that is no item's label
        ("(N分)", "得分"), or None where a dimension, a 小計 or an item's label on this
        page comes first (the item's cell ends on this page)."""
        header_seen = False
        for q in reversed(self.rest):
            if isinstance(q, FurnitureLine):
                if q.kind in ("dimension", "subtotal"):
                    return None
                header_seen = header_seen or q.kind == "header"
            elif _is_label(q, ITEM_POINTS, ITEM_SCORE):
                if not header_seen:
                    return None
            elif header_seen:
                return q
        return None

    def _opens_dimension(self, block: Block) -> bool:
        """Given a narrow paragraph, tell whether it is the first of a dimension: the item
        cell is leftmost, so a dimension's first paragraph names its first item, even
        where the item's "(N分)" is printed after the next page's header ("積極回應民" /
        "眾意見", then "1、提供多元案件" / "查詢管道")."""
        return (
            self.st.last is None
            and any(isinstance(t, Furniture) and t.kind == "dimension" for t in self.tokens[-3:])
            and INDICATOR_NO.regex.match(block.first) is None
            and SUB_NO.regex.match(block.first) is None
            and not SENTENCE_END.regex.search(join_wrapped(block.texts))
        )

    def _open_items_label_next(self) -> bool:
        """Tell whether the next paragraph, an item's "(N分)" or "得分", stands past a page
        break while the open item has not shown its 得分: the open item's cell broke
        across the pages and the label is its own, not a new item's."""
        if self.st.item_scored or self.st.last is None:
            return False
        for q in reversed(self.rest):
            if isinstance(q, Block):
                return False
            if q.kind == "header":
                return True
        return False

    def _label_after_break(self, block: Block) -> bool:
        """Given a narrow paragraph after a scored item's rows, tell whether it is the next
        item's name whose "(N分)" (or, for a name that ends with its points, "得分") is
        printed after the next page header: the item cell broke across the pages, and
        its label is the first paragraph there, before any other cell's tail.

        A label the open item has shown already cannot come again, so it opens an item
        begun above the break; its name is the first paragraph since that row ended.
        """
        st = self.st
        if not st.item_scored or st.last not in (Column.UNITS, Column.RESULT, Column.SUB):
            return False
        if SUB_NO.regex.match(block.first) or INDICATOR_NO.regex.match(block.first):
            return False
        text = join_wrapped(block.texts)
        if NOT_APPLICABLE.regex.match(text) or SENTENCE_END.regex.search(text):
            return False  # a result (不適用, a sentence), not a name
        if names_units(block, self.vocab):
            return False
        if split_not_applicable(block) is not None or _unit_beside(block.first):
            return False  # units beside the result's first line ("各單位 無"), not a name
        if self.col_widths.cannot_hold(Column.ITEM, block.first, self.settings.min_column_lines):
            # A line the item column cannot hold opens no item's name: an indicator's
            # ("訂定申辦業務" / "標準作業流程", items wrapped at "服務友善" / "性").
            return False
        label = ITEM_SCORE if ends_with_points(join_wrapped(block.texts)) else ITEM_POINTS
        page = self._page_rest()
        if page is None:
            return False  # an item cell on this page: its label is not the one after
        here, overleaf = page
        if self._name_tail_overleaf(block, overleaf, label):
            return True
        shown = _is_label(overleaf[0], label) or _points_cut(block, overleaf[0])
        return shown and not self._later_item_name([block, *here])

    def _later_item_name(self, blocks: Sequence[Block]) -> bool:
        """Given the paragraphs from a candidate item name to the page's foot, tell whether
        a later one reads better as the item's name: followed by a heading (its first
        indicator, "積極回應民眾" / "意見" then "推動公私協力"), where the candidate is
        followed by a sub-indicator at once (the candidate: an indicator)."""

        def heading(b: Block) -> bool:
            text = join_wrapped(b.texts)
            return (
                b.width <= self.widths.narrow_limit + WRAP_SLACK_COLUMNS
                and not SENTENCE_END.regex.search(text)
                and not SUB_NO.regex.match(b.first)
                and not names_units(b, self.vocab)
                and not is_unit_name(text)
            )

        if len(blocks) < 2 or heading(blocks[1]):
            return False
        return any(
            heading(a) and heading(b) and not INDICATOR_NO.regex.match(a.first)
            for a, b in itertools.pairwise(blocks[1:])
        )

    def _place_units(self, block: Block) -> bool:
        st = self.st
        if st.last == Column.RESULT and st.result_beside:
            if is_unit_block(block, self.widths) and names_units(block, self.vocab):
                self.emit(block, Column.UNITS)
                st.last = Column.RESULT  # the result stays the row's last column
                return True
            st.result_beside = False
        if st.last not in (Column.SUB, Column.UNITS):
            return False
        beside = split_not_applicable(block)
        if beside is not None and is_unit_block(beside[0], self.widths):
            self.rest.extend(reversed(beside))  # 各單位 無: the result printed beside its units
            st.result_beside = True
            return True
        if (
            is_unit_block(block, self.widths)
            and not INDICATOR_NO.regex.match(block.first)
            and not self._heading_after_units(block)
        ):
            self.emit(block, Column.UNITS)
            return True
        split = split_leading_unit(block, self.vocab)
        if split is not None:
            self.rest.extend(reversed(split))
            return True
        return False

    def _heading_after_units(self, block: Block) -> bool:
        """Given a narrow paragraph after units (or an empty units cell, or a sub-indicator
        with nothing after it), tell whether it is the next indicator's heading ("訂定申辦"
        / "業務標準" / "作業流程"), not one more unit: no piece of it names a unit, and a
        wide paragraph that opens a row follows (its sub-indicator)."""
        nxt = self.next_block()
        st = self.st
        # After a sub-indicator with nothing printed after it, the paragraph may be its
        # units: only a whole row with its units after it ("促進服務流程" / "整合", then
        # "提出有別於…" and "民政課") shows a heading (units, a result, then units
        # cannot be one row).
        bare_sub = st.last == Column.SUB and not st.units_in_row
        if bare_sub and nxt is not None and _goes_on_rows(nxt, st):
            return False  # "(6)" then "(7)": the same indicator's rows, the paragraph units
        return (
            # After units, or after a sub-indicator whose units cell was printed empty.
            st.last in (Column.UNITS, Column.SUB)
            and block.lines[-1].closes  # not a unit cut by a page break ("兒童及少年" / …)
            and nxt is not None
            and nxt.width > self.widths.narrow_limit
            # One line is a heading only where it does not end like a unit name (nor before
            # a qualifier: "資訊小組(各") and a whole row follows it ("提升服務及時性",
            # then "(五) …" and its units).
            and (
                (len(block.lines) >= 2 and not bare_sub)
                or (
                    (
                        len(block.lines) >= 2
                        or not ends_like_unit_tail(regex.split(r"[(（]", block.first)[0])
                    )
                    and (
                        self._row_opens(block, nxt, units_only=bare_sub)
                        or (_first_sub(nxt) and not bare_sub)
                    )
                )
            )
            and not names_units(block, self.vocab)
            # Whole pieces only: a wrap may end a line like a unit ("強化陳情處" / "理機制").
            and not any(is_unit_name(w) for w in join_wrapped(block.texts).split())
            and _opens_indicator(block, nxt)
        )

    def _row_opens(self, block: Block, nxt: Block, *, units_only: bool = False) -> bool:
        """Given the paragraph after a one-line heading that follows results, tell whether
        a whole row opens there: that paragraph is followed by its units (names that read
        as units, in a narrow column) or by its empty units cell.  A one-line heading
        inside a result ("強化志工服務") is as short; the units tell the two apart.  Right
        after a page break a unit name's tail ("組", "理中心") is as short too: a line that
        ends like a unit name is no heading there."""
        if self.after_break and ends_like_unit_tail(block.first):
            return False
        if NOT_APPLICABLE.regex.match(block.first):
            return False  # 不適用, 無: a whole result
        if self._goes_on_overleaf(block, nxt):
            return False
        if nxt.empty_after:
            return True
        after = self.next_block(1)
        # Past a page break the units may be the tail of a name cut before it; with nothing
        # after it on its page (the 小計 next), only its text may tell a row.
        if after is None or after.page != nxt.lines[-1].page:
            return not units_only and self._text_says_row(nxt)
        # The units alone, or beside the result's first line ("各單位 不適用").
        beside = split_not_applicable(after) or split_leading_unit(after, self.vocab)
        units = beside[0] if beside is not None else after
        if is_unit_block(units, self.widths) and names_units(units, self.vocab, cut=True):
            return True
        if units_only:
            return False
        # A row without units: a numbered paragraph that this indicator's rows could not go
        # on with and the evidence `_numbered_row` weighs says a row, or one that wraps as
        # the sub-indicators do, by a character or more, with the paragraph after it
        # wrapping as the results do.
        numbered = SUB_NO.regex.match(nxt.first) is not None
        if (
            numbered
            and not _goes_on_rows(nxt, self.st)
            and (self._numbered_row(nxt, after) or self._wraps_narrower_than_results(nxt))
        ):
            return True
        # Unnumbered and wider than every result line so far by a character, or a text the
        # document read before as a sub-indicator and never as a result: no result's
        # paragraph, so its row opens ("提供預約服務", then "定期檢查各類硬體設施(如飲水機、公"
        # at 34 columns where results wrap at 24, then the row's result).
        if not numbered and (self._past_results(nxt) or self._text_says_row(nxt)):
            return True
        return (
            len(nxt.lines) > 1
            and numbered
            and _width_tells(nxt, self.col_widths)
            and _wraps_as_sub(nxt, self.col_widths)
            and len(after.lines) > 1
            and _width_tells(after, self.col_widths)
            and not _wraps_as_sub(after, self.col_widths)
        )

    def _left_open_before(self, block: Block, nxt: Block) -> bool:
        """Given a paragraph and the next, tell whether the dump (marking paragraph ends)
        leaves the first open at a page's foot with the next past the break."""
        last = block.lines[-1]
        return self.marks_ends and not last.closes and nxt.page > last.page

    def _goes_on_overleaf(self, block: Block, nxt: Block) -> bool:
        """Given a one-line heading and the paragraph after it, tell whether the heading is
        left open at a page's foot (in a dump marking paragraph ends) and that paragraph,
        past the break, is wider than an indicator's line: the heading's sentence goes on
        overleaf, and a paragraph no indicator could end with is another cell's tail, so no
        row opens at the heading ("透過 LINE 官方帳號" at a foot, then "處理流程及相關法規之專業
        與熟悉程" and "及 Facebook 粉絲專頁發布訊": a sub-indicator's tail and the result's)."""
        return self._left_open_before(block, nxt) and nxt.width > self.widths.narrow_limit

    def _numbered_row(self, nxt: Block, after: Block) -> bool:
        """Given a numbered paragraph after a one-line heading that follows results, one
        that this indicator's rows could not go on with, and the paragraph after it, tell
        whether it is a row without units: its whole result is "無" or "不適用" (never an
        entry of a result's list); its marker is the one the document prints its
        sub-indicators with and never a result's list ("推動公私協力", then "1) 定期辦理…"
        after the row "1) 建立…", where lists print "(1)" and "①"); its text says a row
        (`_text_says_row`: "蒐集民眾意見", then "（1） 確保服務項目…" and a result; "（3）
        確保服務項目…" and "疾病管制科" later); or it is numbered past 1 where the open
        result's list could not reach: a list opens at 1 ("運用資通訊科技", then "③ 結合民
        間資源…" after a result with no list, under unnumbered sub-indicators)."""
        return bool(
            NOT_APPLICABLE.regex.fullmatch(join_wrapped(after.texts).strip())
            or self._marked_as_rows_only(nxt)
            or self._text_says_row(nxt)
            or not self._list_may_reach(nxt)
        )

    def _text_says_row(self, nxt: Block) -> bool:
        """Given the paragraph after a one-line heading that follows results, tell whether
        its text says a row: read before as a sub-indicator and never as a result; or,
        numbered where this indicator's rows cannot go on and read nowhere before, printed
        again later each time with its units after it (`_printed_later_as_sub`)."""
        if SUB_NO.regex.match(nxt.first) is None:
            return self._read_before_as(nxt) == Column.SUB
        return not _goes_on_rows(nxt, self.st) and self._read_as(nxt) == Column.SUB

    def _place_indicator(self, block: Block, nxt: Block | None) -> bool:
        st, widths = self.st, self.widths
        if st.last not in (Column.ITEM, Column.RESULT, Column.SUB, Column.UNITS, None):
            return False
        sub_m = SUB_NO.regex.match(block.first)
        ind_m = INDICATOR_NO.regex.match(block.first)
        split = split_leading_indicator(block, widths)
        # Splitting a printed line is weak evidence: after results, only the very next
        # number (not a gap) may open an indicator there.
        if split is not None and (
            st.last != Column.RESULT or _is_next_indicator(ind_m, st, strict=True)
        ):
            self.rest.extend(reversed(split))
            return True  # the head is a narrow numbered block: an indicator next time round
        # An item's first paragraph numbered like an indicator ("1.", "一、") with a
        # sub-indicator after it (its marker, or a wider paragraph) is the indicator,
        # however wide it wrapped.
        first_numbered = (
            ind_m is not None
            and st.last in (Column.ITEM, None)
            and nxt is not None
            and (SUB_NO.regex.match(nxt.first) is not None or nxt.width > block.width)
        )
        if (
            first_numbered
            or self._next_indicator_opens_row(block, ind_m, nxt)
            or (
                self._heading_fits(block, nxt, ind_m)
                and (
                    st.last in (Column.ITEM, None)
                    or (
                        ind_m
                        and _is_next_indicator(ind_m, st)
                        and _opens_indicator(block, nxt)
                        and not (st.last == Column.RESULT and _list_goes_on(ind_m, block, nxt, st))
                    )
                )
            )
        ):
            _open_indicator(self.tokens, block, ind_m, st)
            return True
        if (
            self._plain_heading_fits(block, nxt)
            and (st.last == Column.RESULT or self._heading_after_units(block))
            and not ind_m
            and not sub_m
            and nxt is not None
            and (
                len(block.lines) >= 2
                or self._row_opens(block, nxt)
                or (st.last != Column.RESULT and _first_sub(nxt))
            )
            and (nxt.width > widths.narrow_limit or self._sub_not_result(nxt))
            and _opens_indicator(block, nxt)
            and not (is_unit_block(block, widths) and names_units(block, self.vocab))
        ):
            _open_indicator(self.tokens, block, None, st)
            return True
        return False

    def _plain_heading_fits(self, block: Block, nxt: Block | None) -> bool:
        """Given an unnumbered paragraph after results or units, tell whether its width lets
        it be the next indicator's heading: as `_heading_fits`, past the units' wraps, or
        wider than the narrow limit but wrapped where every result line would have taken
        the next piece too ("提升服務設施合宜" / "度", where results wrap at 20)."""
        return (
            self._heading_fits(block, nxt, None)
            or self._heading_past_units(block, nxt)
            or (self.st.last == Column.RESULT and self._narrower_than_results(block))
        )

    def _heading_past_units(self, block: Block, nxt: Block | None) -> bool:
        """Given a paragraph not after results and the paragraph after it, tell whether it
        may be a heading wider than the units' wraps (which set the narrow limit): it
        wrapped where no result would, and the indicators' lines so far hold it
        ("訂定申辦業務標準" / "作業流程" at 16 columns, units at 12, results at 30) or, with
        too few of them seen to tell, a whole row opens after it ("提供多元案件查詢" /
        "管道", then "運用網路…" and its units, in a form's seventh row).  One line that
        the indicators' lines hold is a heading before a whole row numbered 1, which opens
        another indicator's rows ("促進服務流程整合", then "(1) 訂定申辦…" and its units)."""
        if self.st.last == Column.RESULT:
            return False
        if len(block.lines) == 1:
            return (
                nxt is not None
                and self._fits_indicators(block)
                and _first_sub(nxt)
                and self._row_opens(block, nxt)
            )
        if not self._narrower_than_results(block):
            return False
        if self._fits_indicators(block):
            return True
        return self._few_indicator_lines() and nxt is not None and self._row_opens(block, nxt)

    def _heading_fits(
        self, block: Block, nxt: Block | None, ind_m: regex.Match[str] | None
    ) -> bool:
        """Given a paragraph, tell whether its width lets it be an indicator's heading: it
        fits the narrow columns, or the row after it or its wrap shows it may be wider."""
        return (
            block.width <= self.widths.narrow_limit
            or self._wide_heading(block, nxt)
            or (ind_m is not None and self._narrower_than_results(block))
        )

    def _wide_heading(self, block: Block, nxt: Block | None) -> bool:
        """Given a paragraph after an item's cell or results, wider than the narrow columns,
        tell whether it may still be the next indicator's heading: the row after it
        cannot be this indicator's (its sub-indicator unnumbered, numbered 1, or numbered
        so that this indicator's rows cannot go on), and that row's units follow
        ("建立內部作業標準", then "②辦理服務滿意度調查…" after an unnumbered row, and
        "計量課、地政…").  An indicator's column may be wider than the units' that set
        the narrow limit; read as the sub-indicator, the line would leave the row's units
        after its result."""
        st = self.st
        if st.last not in (Column.RESULT, Column.ITEM) or nxt is None:
            return False
        # Whole, on the page of the row after it, and no list entry ("• 自114年5月1日起與"
        # cut at a page's foot).
        if not block.lines[-1].closes or nxt.page != block.lines[-1].page:
            return False
        if opens_entry(block.first) or nxt.width <= block.width:
            return False
        if _goes_on_rows(nxt, st):
            return False
        # Wrapped after results, an unnumbered paragraph could be one more sub-indicator
        # of this indicator and the wrapped one a result's paragraph: a marker says a new
        # indicator's rows begin ("提供多元案件查詢" / "管道", then "①…"), or the wrap
        # shows a column narrower than the results' by a character ("提高服務人員專業" /
        # "度" where results wrap at 20).
        if len(block.lines) > 1 and not SUB_NO.regex.match(nxt.first) and st.last == Column.RESULT:
            if not self._narrower_than_results(block):
                return False
        return self._row_opens(block, nxt, units_only=True) or self._sub_past_results(block, nxt)

    def _sub_past_results(self, block: Block, nxt: Block) -> bool:
        """Given a paragraph right after an item's cell and the one after it, tell whether
        the second surely needs a character more than every result line so far
        (`_surely_past_results`), with no unit printed before it, while the first fits the
        indicators' lines so far: the second is no result's paragraph but the row's
        sub-indicator, so the first is its indicator, though no units follow ("強化陳情處理
        機制" (16 columns, where indicators wrapped at 16), then "結合民間資源，推動公私協
        力，擴大服" (32 at least) where results wrap at 20, then the row's result)."""
        return (
            self.st.last == Column.ITEM
            and self._fits_indicators(block)
            and split_leading_unit(nxt, self.vocab) is None
            and self._surely_past_results(nxt)
        )

    def _fits_indicators(self, block: Block) -> bool:
        """Given a paragraph, tell whether no line of it is wider than the widest indicator
        line so far (of at least `min_column_lines`): the indicators' column holds it."""
        widest, _ = self.col_widths.widest_line(Column.INDICATOR)
        return not self._few_indicator_lines() and block.width <= widest

    def _few_indicator_lines(self) -> bool:
        """Tell whether fewer indicator lines than `min_column_lines` were read so far: too
        few to tell how wide the indicators' column is."""
        _, lines = self.col_widths.widest_line(Column.INDICATOR)
        return lines < self.settings.min_column_lines

    def _narrower_than_results(self, block: Block) -> bool:
        """Given a wrapped paragraph, tell whether its first line wrapped where the results
        would have taken the next piece too, by `wrap_room_columns`: it sits in a narrower
        column than the results'.  The results' width is the upper quartile of their
        wrapped first lines so far: a median sinks under lines a Latin word or a list
        marker ended early ("(1)提供 call"), an upper quartile stays at the column's."""
        results = self.col_widths.quantile(Column.RESULT, self.settings.column_quantile)
        if results is None or len(block.lines) < 2 or block.lines[0].page != block.lines[1].page:
            return False
        room = with_next_piece(block.lines[0].text, block.lines[1].text)
        return results - room >= self.settings.wrap_room_columns

    def _wraps_narrower_than_results(self, block: Block) -> bool:
        """Given a paragraph, tell whether every one of its wraps left room in the results'
        column (the upper quartile of their wrapped first lines so far) for the next line's
        first piece and more (`consistency.wraps_with_room`): no result's paragraph, it sits
        in a narrower column ("①定期檢查各類硬體設施(如" / "飲水機、公用電話、座椅、" / …
        wrapped at 26 columns where results wrap at 36)."""
        results = self.col_widths.quantile(Column.RESULT, self.settings.column_quantile)
        return results is not None and wraps_with_room(block.texts, results, self.settings)

    def _sub_not_result(self, block: Block) -> bool:
        """Given the paragraph after a heading that follows results, tell whether it wraps
        narrower than the results (`_wraps_narrower_than_results`) and names no units: a
        sub-indicator in a column no wider than the narrow limit ("設置 QR code 行動條" /
        "碼，方便民眾即時查" / "詢。" at 20 columns, results at 30, the limit 19)."""
        return self._wraps_narrower_than_results(block) and not (
            is_unit_block(block, self.widths) and names_units(block, self.vocab)
        )

    def _next_indicator_opens_row(
        self, block: Block, ind_m: regex.Match[str] | None, nxt: Block | None
    ) -> bool:
        """Given a paragraph after a row's results or units numbered as a later indicator,
        tell whether a whole row opens after it: its first sub-indicator and that row's
        units ("2.檢討既有服務措" / "施", then "（1） 定期檢查…" and "企劃科").  A result's
        own list entry is never followed so, however wide the indicator wrapped.

        Where the number could go on with a list of the result (the same style, the
        number before it listed), only the very next indicator with a sub-indicator
        numbered 1 opens a row.  Elsewhere (after units the result is empty, and a result
        does not open at 2) numbers may skip, as they do in forms: the sub-indicator may be
        any number this indicator's rows could not go on with ("3、促進服務流程" / "整合",
        then "② 運用網路…" and "各單位"), or a wider paragraph without a marker ("2.訂定
        申辦業務標" / "準作業流程", "檢討簡化申辦流程…", "綜合規劃組")."""
        st = self.st
        if ind_m is None or nxt is None or st.last not in (Column.RESULT, Column.UNITS):
            return False
        if not _is_next_indicator(ind_m, st):
            return False
        style, n = marker_style(ind_m), marker_number(ind_m)
        listed = st.last == Column.RESULT and (
            st.result_list == (style, n - 1) or st.result_numbers.get(style) == n - 1
        )
        sub_m = SUB_NO.regex.match(nxt.first)
        if listed or st.indicator_no is None:
            if not (_first_sub(nxt) and _is_next_indicator(ind_m, st, strict=True)):
                return False
        elif sub_m is not None:
            # "(3)" after this indicator's "(2)" goes on with its rows, unless no list of
            # the result has the paragraph's style: "3.運用資通訊科技" after bullets can
            # only be the next indicator, whose "②" follows.
            styled = st.last == Column.RESULT and style in st.result_numbers
            if styled and _goes_on_rows(nxt, st):
                return False
        elif (
            _entry_number(nxt.first) is not None
            or nxt.width <= block.width
            or not _opens_indicator(block, nxt)
        ):
            return False
        # Its units on its page: past a break, a units cell's tail may follow a list entry.
        # (The sub-indicator itself may go on past the break: "（1）訂定…處理一致", then
        # "企劃科" on its page.)
        after = self.next_block(1)
        if after is None or after.page != nxt.lines[-1].page:
            return False
        shown = _sub_evidence(nxt, after, self.next_block(2), self.widths)
        if shown is None and _heads_entry(nxt, after):
            return False  # "(1)服務流程簡化：" over its text: a list in the result
        # A row without units, where no list could go on: the sub-indicator wraps as the
        # sub-indicators do, by a character or more ("2.提供預約服務", then "1)定期辦理教育
        # 訓練，提升同仁服務知" where results wrap at 20).
        return shown is True or (
            shown is None
            and not listed
            and _width_tells(nxt, self.col_widths)
            and _wraps_as_sub(nxt, self.col_widths)
        )

    def _place_sub(self, block: Block, nxt: Block | None) -> bool:
        st = self.st
        sub_m = SUB_NO.regex.match(block.first)
        if st.last in (Column.ITEM, Column.INDICATOR, None):
            _open_sub(self.tokens, block, sub_m, st, self.rest)
            return True
        if not (
            sub_m
            and st.last in (Column.SUB, Column.UNITS, Column.RESULT)
            and _is_next_sub(sub_m, st)
        ):
            return False
        # After results, "(4)" is a sub-indicator unless it could continue the result's
        # own list; then units after it, what follows, or its wrap width decide.
        cut = self._result_run_into(block, nxt) if st.last == Column.RESULT else None
        if cut is not None:
            self.rest.append(_rest(block, cut))
            block = Block(lines=block.lines[:cut], seam=block.seam, sure=block.sure)
            _open_sub(self.tokens, block, sub_m, st, self.rest)
            return True
        if st.last != Column.RESULT or not _continues_result_list(sub_m, st):
            _open_sub(self.tokens, block, sub_m, st, self.rest)
            return True
        if self._row_not_list(block, nxt, sub_m):
            _open_sub(self.tokens, block, sub_m, st, self.rest)
            return True
        return False

    def _result_run_into(self, block: Block, nxt: Block | None) -> int | None:
        """Given a "(N)" after results, all on one page, and the first paragraph overleaf,
        return where a row's result runs into its sub-indicator left open at the page's
        foot, or None.  Only a cell left open at the foot, with the next cell's text run
        on, prints a line that no paragraph ended at and no result's wrap made: a result's
        line would have taken the next piece.  Nothing follows a row's result in the row,
        so the cell left open is the sub-indicator (numbered), the paragraph overleaf,
        opening nothing, its tail, and the lines after the cut the row's result.  Before
        the cut the lines wrap as sub-indicators may, after it as results may; at the cut
        no sub-indicator wrapped either, or the next line is wider than all of theirs
        ("(5)強化機關(單位)…" / "業務處理流程及相關法規之專業與" / "完成檢驗39,556批，平均辦
        理天數4日。", then "熟悉程度。" overleaf; sub-indicators wrap at 15 characters,
        results at 18).  The text the document prints whole elsewhere decides first: the
        paragraph and its tail, nothing ran in; a cut `_cut_printed_whole` finds, that cut
        (where both columns wrap alike, "(2) 訂定申辦業務標準作業流程，維" / "持服務措施…檢討"
        / "112年度共計受理…" at a foot read by widths alone as cut after the first line)."""
        if nxt is None or nxt.page <= block.lines[-1].page or _entry_marker(nxt.first):
            return None
        if any(ln.page != block.page for ln in block.lines):
            return None
        if self._printed_whole([*block.texts, *nxt.texts]):
            return None  # the sub-indicator's parts: nothing ran in
        known = self._cut_printed_whole(block, nxt)
        if known is not None:
            return known
        lines, cw = [ln.text for ln in block.lines], self.col_widths

        def wraps_as(column: Column, part: list[str]) -> bool:
            return not any(cw.would_hold(column, a, b) for a, b in itertools.pairwise(part))

        for j in range(1, len(lines)):
            if block.lines[j - 1].closes:
                continue  # a line ending in a space: a Latin word's wrap, no cell left open
            if not cw.would_hold(Column.RESULT, *lines[j - 1 : j + 1]):
                continue  # a wrap a result's line may have made
            if not (wraps_as(Column.SUB, lines[:j]) and wraps_as(Column.RESULT, lines[j:])):
                continue
            if cw.would_hold(Column.SUB, *lines[j - 1 : j + 1]) or self._past_column(
                Column.SUB, max(display_width(t.strip()) for t in lines[j:])
            ):
                return j
        return None

    def _row_not_list(self, block: Block, nxt: Block | None, sub_m: regex.Match[str]) -> bool:
        """Given a "(N)" after results that could go on with the result's list or open
        this indicator's next row, and the paragraph after it, tell whether it is a row:
        what follows it, its text, its marker and its widths decide, in that order, and a
        close call is noted where only widths hardly telling were left."""
        st = self.st
        shown = _sub_evidence(block, nxt, self.next_block(1), self.widths)
        if shown is None and self._units_tail_overleaf(block, nxt):
            shown = False
        elif shown and self._units_first_overleaf(block, nxt):
            shown = False
        read = self._read_as(block)
        if read == Column.SUB:
            # Its text is a sub-indicator's the document printed before, never a result's
            # ("④適時運用多元管道導入民眾觀點…", a row of neither units nor result before
            # the next indicator, where "①適時運用…" opened a row with its units).
            shown = True
        elif shown is None and read == Column.RESULT:
            shown = False
        if shown is None and _heads_entry(block, nxt):
            shown = False
        heading = shown is None and self._heading_row_follows(nxt)
        shown = False if heading else shown
        if shown is False and self._narrower_than_results(block):
            # Wrapped where a result's line would have taken the next piece: a narrower
            # column's, no list entry, though no units or result follow ("⑤ 確保服務項目、
            # 服務人員(姓" / "名及代理人)…", then the next indicator; results wrap at 32).
            shown = True
        if shown is False and (self._printed_as_sub(block) or self._surely_past_results(block)):
            # Printed as this indicator's sub-indicators and otherwise than the list's last
            # entry, or surely needing a character more than every result line, before the
            # next indicator or item or the 小計: a row with neither units nor result ("（5）
            # 適時運用…" after the result's "(4)設置…", then "4、蒐集民眾"; "③落實個人資料
            # 保護，定期檢", 23 columns at least, where results wrap at 20, then the 小計).
            shown = True
        if shown is not False and self._printed_as_list(block, nxt, shown):
            shown = False
        if shown is None and self._printed_as_sub(block):
            shown = True
        if shown is None and nxt is not None and _own_tail(block, nxt):
            # Left open at the page's foot: what follows its tail tells instead.
            shown = _sub_evidence(block, self.next_block(1), self.next_block(2), self.widths)
        if shown is None and _list_entry_follows(sub_m, block, nxt, self.next_block(1), st):
            shown = False
        if shown is None and self._past_column(Column.SUB, _first_page_width(block)):
            shown = False  # a line wider than every sub-indicator's: the list goes on
        if shown is None and self.marks_empty_units and not self._units_may_follow(nxt):
            # The document prints an empty units cell as a line of spaces, and neither it
            # nor a name follows: a row here would have neither units nor its empty cell
            # ("(2)提供 call center 諮詢服" after the result's "(1)…", then the next
            # indicator, where a row's empty units printed " ").
            shown = False
        if shown is None:
            shown = self._held_by(block)
        if self._close_call(block, nxt, sub_m, shown, heading):
            self.close_calls.append((block.page, block.first[:12]))
        return shown if shown is not None else _wraps_as_sub(block, self.col_widths)

    def _close_call(
        self,
        block: Block,
        nxt: Block | None,
        sub_m: regex.Match[str],
        shown: bool | None,
        heading: bool,
    ) -> bool:
        """Given a "(N)" after results, the paragraph after it, what the evidence showed
        (None: nothing but widths left) and whether a heading with its row follows, tell
        whether the call is close enough to note."""
        if heading:
            return shown is False and self._rows_would_go_on(block, sub_m)
        if shown is not None:
            return False
        # Widths alone make it a row, and a row with neither units nor result, though no
        # line of it is wider than a result's line: the list's next entry would leave only
        # a sub-indicator number skipped ("(2)每季召開服務品質檢討會議，" at 29 columns under
        # the result's "(1)…", sub-indicators seen at 29 and 30, results at 31-33; then
        # "(3)落實…" and its units: make fuzz textdump 195251).  A line a results' line is
        # never as wide as says a row (textdump 3626: 32 columns, results at 29).
        return self._close_by_width(block) or (
            _wraps_as_sub(block, self.col_widths)
            and not self._units_may_follow(nxt)
            and _first_page_width(block) <= self.col_widths.widest_line(Column.RESULT)[0]
        )

    def _rows_would_go_on(self, block: Block, sub_m: regex.Match[str]) -> bool:
        """Given a "(N)" after results read as the list's next entry because a heading with
        its whole row follows (a row at "(N)" would have neither units nor result), tell
        whether the call is close: N is also the next number of this indicator's
        sub-indicators, in their style, and it is one line, so no wrap tells the columns
        apart (a wrapped one's wraps were weighed for a row: `_narrower_than_results`).
        "(4)提供各種申辦書表及填寫範例。" after the result's "(3)…" under the row
        "(3)適時運用…", then "提升服務及時性" and its row."""
        st = self.st
        if st.sub_no is None or not st.sub_numbered or marker_style(sub_m) != st.sub_style:
            return False
        if marker_number(sub_m) != st.sub_no + 1:
            return False
        return len(block.lines) == 1

    def _close_by_width(self, block: Block) -> bool:
        """Given a "(N)" after results that only its width is left to tell a row from the
        list's entry, tell whether the call is close: the medians missing, the width nearer
        one column's by a character or less (a wrap moves by one character anyway:
        "②102年度共計受理70,043" at 22 columns, sub-indicators' median 22, results' 24, a
        list entry read as a row), or a line wider than every sub-indicator line."""
        margin = _width_margin(block, self.col_widths)
        return (
            margin is None
            or margin <= self.settings.wrap_room_columns
            or self._past_column_some(block)
        )

    def _units_first_overleaf(self, block: Block, nxt: Block | None) -> bool:
        """Given a "(N)" after a row's units and results, left open at a page's foot in a
        dump marking paragraph ends, and the first paragraph overleaf, tell whether that
        paragraph names units: a sub-indicator's tail would have come before any units
        overleaf, so these are this row's, going on, and "(N)" is the result's entry
        ("③ 服務櫃檯已完成設置服務中心，由" at a foot, then "疾病管制科" and "專人主動引導…";
        "②本項業務由各單位依權責" under units left open at "新住", then "民服務中心、戶籍")."""
        return (
            nxt is not None
            and self._left_open_before(block, nxt)
            and self.st.units_in_row
            and is_unit_block(nxt, self.widths)
            and names_units(nxt, self.vocab, cut=True)
        )

    def _units_tail_overleaf(self, block: Block, nxt: Block | None) -> bool:
        """Given a "(N)" after results at a page's foot and the first paragraph overleaf,
        tell whether that paragraph completes this row's units, left open at the foot
        ("衛生所(各" before the result, "區)" overleaf): the units after "(N)" are then the
        row's own printed on, and a row at "(N)" would have neither units nor result."""
        if (
            nxt is None
            or nxt.page <= block.lines[-1].page
            or not self.st.open_cols.get(Column.UNITS)
        ):
            return False
        units = next(
            (
                t
                for t in reversed(self.tokens)
                if isinstance(t, Fragment) and t.column == Column.UNITS
            ),
            None,
        )
        if units is None or not is_unit_line(nxt.first):
            return False
        name = join_wrapped([units.lines[-1], nxt.first]).split("、")[-1].strip()
        return is_unit_name(name) or ends_like_unit(name)  # 1999市民熱 / 線

    def _read_as(self, block: Block) -> Column | None:
        """Given a numbered paragraph, return the column its text says: the one it was read
        in before (`_read_before_as`), or, read nowhere before, the sub-indicators' where
        the document prints it again later with its units (`_printed_later_as_sub`)."""
        read = self._read_before_as(block)
        if read is None and self._printed_later_as_sub(block):
            return Column.SUB
        return read

    def _read_before_as(self, block: Block) -> Column | None:
        """Given a paragraph, numbered or not, return the column its text (marker and spaces
        aside, `min_repeat_chars` characters or more) was read in before when that was the
        sub-indicators' or the results' and never the other's, else None."""
        body = _marked_body(block.texts)
        if len(body) < self.settings.min_repeat_chars:
            return None
        paragraphs: list[tuple[Column, list[str]]] = []
        for t in self.tokens:
            if not isinstance(t, Fragment) or t.column not in (Column.SUB, Column.RESULT):
                continue
            last = next((p for p in reversed(paragraphs) if p[0] == t.column), None)
            if t.cont and not t.para_break and last is not None:
                last[1].extend(t.lines)  # the paragraph's part overleaf
            else:
                paragraphs.append((t.column, list(t.lines)))
        seen = {column for column, lines in paragraphs if _marked_body(lines) == body}
        return seen.pop() if len(seen) == 1 else None

    def _printed_later_as_sub(self, block: Block) -> bool:
        """Given a numbered paragraph read nowhere before, tell whether the document prints
        its text (marker and spaces aside, `min_repeat_chars` characters or more) again
        later, each time with unit names right after it on its page: a row's sub-indicator
        there, so one here too ("④ 提出有別於現行…" before the next indicator, "③ 提出有別於現行…"
        with "國際交流暨" / "觀光發展處" after it later; units beside the result's first line,
        "資訊室 已完成並提供…", count).  A text printed later once without units after it (a
        result's entry, "(2)本項業務由各單位…") tells nothing."""
        body = _marked_body(block.texts)
        if len(body) < self.settings.min_repeat_chars or body not in self.subs_with_units:
            return False
        later = [q for q in reversed(self.rest) if isinstance(q, Block)]
        found = False
        for q, nxt in itertools.pairwise([*later, None]):
            if q is None or q is block or _marked_body(q.texts) != body:
                continue  # (the paragraph itself is still to read when a heading asks)
            # Units past a page break may be a cell's tail printed on after a result's.
            if nxt is None or nxt.page != q.lines[-1].page:
                return False
            # Units alone, or beside the result's first line ("資訊室 已完成並提供…").
            beside = split_leading_unit(nxt, self.vocab)
            units = beside[0] if beside is not None else nxt
            if not (is_unit_block(units, self.widths) and names_units(units, self.vocab)):
                return False
            found = True
        return found

    def _heading_row_follows(self, nxt: Block | None) -> bool:
        """Given the paragraph after a "(N)" that follows results, tell whether it is an
        unnumbered indicator's heading with its whole row after it ("提供多元案" / "件查詢管
        道", then "提升民眾申辦…" and "主計室"): whole, in the narrow columns, no sentence,
        no unit name and no "不適用", then a paragraph wider than the narrow columns (no
        item's name with its "(N分)") and that row's units, all on one page.  A row at "(N)"
        would have neither units nor result."""
        sub, units = self.next_block(1), self.next_block(2)
        if nxt is None or sub is None or units is None or _entry_marker(nxt.first) is not None:
            return False
        page = nxt.lines[-1].page
        if not nxt.lines[-1].closes or sub.page != page or units.page != sub.lines[-1].page:
            return False
        if NOT_APPLICABLE.regex.match(nxt.first) or _opens_item(sub, units):
            return False  # "不適用" is a whole result; an item's name and "(30分)" no row
        # A sub-indicator's paragraph is wider than the narrow columns and the heading.
        if nxt.width > self.widths.narrow_limit or sub.width <= self.widths.narrow_limit:
            return False
        names = join_wrapped(nxt.texts).split("、")
        if SENTENCE_END.regex.search(nxt.texts[-1]) or any(
            is_unit_name(n) or n in self.vocab for n in names
        ):
            return False
        return is_unit_block(units, self.widths) and names_units(units, self.vocab, cut=True)

    def _units_may_follow(self, nxt: Block | None) -> bool:
        """Given the paragraph after a numbered one, tell whether it may hold units: it ends
        like a unit name, its first line lists names that end so ("市場監督課、"), it names
        the document's units, it is a unit-like line left open ("1999市民熱" at a page's
        foot), or it opens with a unit printed beside the result's first line."""
        if nxt is None:
            return False
        names = [n for n in nxt.first.split("、") if n]
        return (
            ends_like_unit(join_wrapped(nxt.texts))
            or (bool(names) and all(ends_like_unit(n) or n in self.vocab for n in names))
            or (is_unit_line(nxt.first) and not nxt.lines[-1].closes)
            or names_units(nxt, self.vocab)
            or split_leading_unit(nxt, self.vocab) is not None
            or split_not_applicable(nxt) is not None
        )

    def _held_by(self, block: Block) -> bool | None:
        """Given a numbered paragraph after results, tell which of the two columns its lines
        on its page fit: False where not the sub-indicators' (a line at least as wide as one
        of theirs with the next piece, "⑤建置「行動服務」系統，提供民眾" where
        "④建立民眾意見處理機制，妥適回" wrapped before "應"; or a line that wrapped where two
        of their lines are as wide with the next piece on it), True where not the results',
        None where it fits both, or neither."""
        lines = [ln.text for ln in block.lines if ln.page == block.page]
        cw, least = self.col_widths, self.settings.min_column_lines

        def fits(column: Column) -> bool:
            wider = any(cw.cannot_hold(column, t, least) for t in lines)
            return not wider and not any(
                cw.would_hold(column, a, b) for a, b in itertools.pairwise(lines)
            )

        sub, result = fits(Column.SUB), fits(Column.RESULT)
        return sub if sub != result else None

    def _printed_as_list(self, block: Block, nxt: Block | None, shown: bool | None) -> bool:
        """Given a "(N)" after results that could go on with the result's list, the next
        paragraph and what it showed (None: nothing), tell whether the paragraph's print
        says the list goes on: its marker printed otherwise than this indicator's
        sub-indicators' ("(2)" where they print "（1）"), or, against units past a page
        break, its width nearer the results' by a character.  Units past a break may be
        the row's own units printed on ("(3) 於101年4月18日辦理「商品安全宣" at a foot,
        "民政課" overleaf); units on its page say a row."""
        past_break = nxt is not None and nxt.page != block.lines[-1].page
        if shown and not past_break:
            return False
        if self.st.sub_shape not in (None, _printed_shape(block.first)):
            return True
        if shown and self._numbered_back_later(block):
            return True
        if shown is None and self._spaced_as_list(block):
            return True
        return bool(shown) and (
            _width_tells(block, self.col_widths) and not _wraps_as_sub(block, self.col_widths)
        )

    def _list_may_reach(self, block: Block) -> bool:
        """Given a numbered paragraph, tell whether a list of the open result may number it:
        it opens a list (1), or the result has a list of its style numbered lower."""
        entry = _entry_marker(block.first)
        if entry is None or entry[1] == 1:
            return True
        last = self.st.result_numbers.get(entry[0])
        return last is not None and last < entry[1]

    def _marked_as_rows_only(self, block: Block) -> bool:
        """Given a numbered paragraph, tell whether the document so far printed its marker
        (as `_printed_shape` gives it) on `min_marked_paragraphs` sub-indicators or more and
        on none of at least as many result list entries: the marker says a row."""
        shape = _printed_shape(block.first)
        subs = 0
        entries: list[str] = []
        for t in self.tokens:
            if not isinstance(t, Fragment) or not t.lines or (t.cont and not t.para_break):
                continue  # a paragraph's part overleaf opens with no marker of its own
            printed = _printed_shape(t.lines[0])
            if printed is None:
                continue
            if t.column == Column.SUB:
                subs += printed == shape
            elif t.column == Column.RESULT:
                entries.append(printed)
        least = self.settings.min_marked_paragraphs
        return subs >= least and len(entries) >= least and shape not in entries

    def _printed_as_sub(self, block: Block) -> bool:
        """Given a "(N)" after results that could go on with the result's list, tell whether
        its marker is printed as this indicator's sub-indicators' and otherwise than the
        list's last entry ("（2）" after the result's "(1)", where the sub-indicators print
        "（1）"): a row, as `_printed_as_list` tells the other way."""
        st = self.st
        shape = _printed_shape(block.first)
        return shape is not None and shape == st.sub_shape and st.result_shape not in (None, shape)

    def _spaced_as_list(self, block: Block) -> bool:
        """Given a "(N)" after results with nothing after it to tell, tell whether its marker
        is spaced as the result's list entry before it and unlike every sub-indicator so
        far ("②完成檢驗…" after "①依規定…", where the sub-indicators print "① 提供…")."""
        m = SUB_NO.regex.match(block.first)
        if m is None or self.st.result_spaced is None:
            return False
        spaced = _marker_spaced(m)
        subs = {
            _marker_spaced(sub_m)
            for t in self.tokens
            if isinstance(t, Fragment) and t.column == Column.SUB and not t.cont
            if (sub_m := SUB_NO.regex.match(t.lines[0])) is not None
        }
        return spaced == self.st.result_spaced and subs == {not spaced}

    def _numbered_back_later(self, block: Block) -> bool:
        """Given a "(N)" after results with units after it past a page break, tell whether
        what follows numbers it back: the units, then only the list's next entries, then a
        paragraph numbered after this row's sub-indicator and not after N, its units on its
        page ("(3)完成檢驗…" at a foot; "管制考核小組", "(4)自113年8月6日起…", "(2) 確保服務項目…"
        with "研考科").  Read as a row, "(3)" would be followed by a lower number in the
        same indicator: the units are this row's printed on, the list goes on, and "(2)" is
        the next row."""
        own, sub_no = _entry_number(block.first), self.st.sub_no
        if own is None or sub_no is None:
            return False
        expect, skip = own + 1, 1  # next_block(0): the units past the break
        while (b := self.next_block(skip)) is not None:
            skip += 1
            m = SUB_NO.regex.match(b.first)
            if m is None:
                return False
            n = marker_number(m)
            if n == expect:
                expect += 1  # the list goes on
                continue
            units = self.next_block(skip)
            return (
                sub_no < n <= own
                and marker_style(m) == self.st.sub_style
                and units is not None
                and units.page == b.lines[-1].page
                and _sub_evidence(b, units, None, self.widths) is True
            )
        return False

    def _place_result(self, block: Block) -> bool:
        st = self.st
        list_m = SUB_NO.regex.match(block.first) or INDICATOR_NO.regex.match(block.first)
        if st.last != Column.RESULT:
            st.result_numbers = {}
            st.result_spaced = None
        if list_m is not None:
            st.result_spaced = _marker_spaced(list_m)
        if list_m is not None or st.last != Column.RESULT:
            st.result_list = (
                (marker_style(list_m), marker_number(list_m)) if list_m is not None else None
            )
            st.result_shape = _printed_shape(block.first)
        entry = _entry_marker(block.first)
        if entry is not None:
            st.result_numbers[entry[0]] = entry[1]
        if self._unswallow(block):
            self.emit(block, Column.RESULT, cont=True, para=False)
        else:
            self.emit(block, Column.RESULT)
        return True

    def _fragments_after(self, index: int) -> list[Fragment]:
        """Given a token's index, return the fragments placed since it."""
        return [t for t in self.tokens[index + 1 :] if isinstance(t, Fragment)]

    def _foot_may_end_a_result(self) -> bool:
        """At a page break, tell whether the last line of the sub-indicator's paragraph left
        open at the foot could be a result's: a result's head run into it would print
        last.  Not where the results' column cannot hold that line (`cannot_hold`: "方式，
        並對服務對象具有實質" where "三、每季召開服務品質檢討" wrapped before "會"), nor where
        the paragraph and the first one overleaf make a text the document prints whole
        elsewhere (marker and spaces aside, `min_repeat_chars` characters or more): the
        sub-indicator's parts, with nothing run in ("（1） 強化機關…對涉及服務業" at a foot,
        "務處理流程…熟悉" / "程度。" overleaf, and "（1） 強化機關…熟悉程度。" on another page)."""
        if self.st.sub_block is None or self.st.last != Column.SUB:
            return True  # (a result cut from it on a guess printed after it)
        block, _ = self.st.sub_block
        tail = self.next_block()
        if tail is not None and self._printed_whole([*block.texts, *tail.texts]):
            return False
        least = self.settings.min_column_lines
        return not self.col_widths.cannot_hold(Column.RESULT, block.lines[-1].text, least)

    def _foot_sub(self) -> tuple[Block, int, int] | None:
        """At a page break, return the sub-indicator paragraph left open at the foot (all
        of it on that page), its token's index and its break's, or None."""
        if self.st.sub_block is None:
            return None
        block, index = self.st.sub_block
        later = self._fragments_after(index)
        if block.lines[-1].closes or any(
            t.column != Column.RESULT or t.page != block.page for t in later
        ):
            return None  # closed, or more than results on its page after it
        return block, index, len(self.breaks) - 1

    def _unswallow(self, block: Block) -> bool:
        """Given the first paragraph of a row's result, placed after the tail of its
        sub-indicator past a page break, tell whether the result's head ran into the
        sub-indicator at the foot, and if so part the two there.

        A row's cells all start at the row's top and a break cuts them at the same line:
        each cell left open at the foot prints as many lines there.  With no units between
        them, the sub-indicator's part and the result's run together into one paragraph
        that does not close; a result under sub-indicators that are numbered, unmarked, is
        no new row, so its head is in that paragraph: the second half of its lines, which
        must then be even in number ("（3）訂定申辦業務標準作業" / "流程，維持服務措施處理一" /
        "自100年3月13日起與交通部" / "標準檢驗局基隆分局合作，", then "致性，且…" overleaf).
        """
        st = self.st
        if st.foot_sub is None or st.last != Column.SUB or st.units_in_row:
            return False
        foot, index, break_no = st.foot_sub
        n = len(foot.lines)
        if n < 2 or n % 2 or not st.sub_numbered or _opens_entry_line(block.first):
            return False
        after = self._fragments_after(index)
        if [t.column for t in after] != [Column.SUB] or not after[0].cont:
            return False  # only the sub-indicator's tail since: no result at the foot
        head = Block(lines=foot.lines[: n // 2], seam=foot.seam, sure=foot.sure)
        rest = Block(lines=foot.lines[n // 2 :])
        if self._past_column(Column.SUB, head.width) or self._past_column(
            Column.RESULT, rest.width
        ):
            return False  # a half wider than its column: not two cells' parts
        st.foot_sub = None
        self._part_sub(index, head, rest, Column.RESULT)
        if 0 <= break_no < len(self.breaks):
            del self.breaks[break_no]
        return True

    def _known_head(self, tail: Block, foot_page: int | None) -> bool:
        """Given the first paragraph overleaf and, where a sub-indicator closed at the last
        page's foot, the page its row may go on to (else None), tell whether the paragraph
        is the tail of the sub-indicator left at the foot with its row's result run into
        it, and if so part the two: where the lines before the cut and the tail make a
        text the document prints whole elsewhere (marker and spaces aside,
        `min_repeat_chars` characters or more), those lines alone it prints nowhere, and
        the lines after the cut wrap as results may and name no units; the cut must be the
        only one, and no item's or indicator's tail may be due first.
        ("3)提升民眾申辦案件的處理" / "效率，確保於處理時限內完" / "完成檢驗42,536批，平" /
        "均辦理天數27日。" at a foot, "成。" overleaf, and "提升民眾…內完成。" on another
        page.)"""
        st = self.st
        if st.sub_block is None or st.last != Column.SUB or st.units_in_row:
            return False
        if any(c in NARROW_COLUMNS for c in st.pending) or _is_label(tail, ITEM_POINTS, ITEM_SCORE):
            return False  # the item's or the indicator's tail comes first
        foot, index = st.sub_block
        broken = bool(self.breaks) and self.breaks[-1][0] == tail.page
        if not (broken and Column.SUB in self.breaks[-1][1]) and foot_page != tail.page:
            return False
        if any(ln.page != foot.page for ln in foot.lines) or self._fragments_after(index):
            return False
        cut = self._cut_printed_whole(foot, tail)
        if cut is None:
            return False
        head = Block(lines=foot.lines[:cut], seam=foot.seam, sure=foot.sure)
        rest = Block(lines=foot.lines[cut:])
        st.foot_sub = None
        self._part_sub(index, head, rest, Column.RESULT)
        if broken:
            del self.breaks[-1]
        # Overleaf, after the sub-indicator's tail: the result's, where left open.
        st.pending = [] if rest.lines[-1].closes else [Column.RESULT]
        st.open_cols[Column.RESULT] = bool(st.pending)
        return True

    def _run_into_sub(self, tail: Block) -> bool:
        """Given the first paragraph overleaf, tell whether it is the tail of the last
        sub-indicator, read closed at the foot because the row's units or result ran into
        it, and if so part them: in a dump marking paragraph ends, the sub-indicator's
        paragraph, all on the last page, with only units and results after it, has one cut
        only where the lines before it and the tail make a text the document prints whole
        elsewhere (those lines alone nowhere: `printed_cuts`).  Lines after the cut that
        name units are the row's first units ("（5） 落實個人資料保" / "護，定期檢視資訊安全
        管" / "服務台" at a foot, then "(1) 滿意度…"; "理措施。" overleaf); under no units,
        before results only, lines after it that wrap as results may are the result's first
        paragraph (`_cut_printed_whole`: "…且提供雙語(或多語)標示服" / "本年度辦理情形如
        下：", then "①依規定…"; "務。" overleaf)."""
        st = self.st
        if not self.marks_ends or st.sub_block is None:
            return False
        if any(c != Column.RESULT for c in st.pending):
            return False
        foot, index = st.sub_block
        if any(ln.page != foot.page for ln in foot.lines) or foot.page >= tail.page:
            return False
        # After it, the rest of its units (if any) and results: nothing else.
        after = [f.column for f in self._fragments_after(index)]
        if not after or not set(after) <= {Column.UNITS, Column.RESULT} or after != sorted(after):
            return False
        least = self.settings.min_repeat_chars
        cuts = [
            j
            for j in printed_cuts(foot.texts, tail.texts, self.bodies, least)
            if is_unit_block(Block(lines=foot.lines[j:]), self.widths)
            and names_units(Block(lines=foot.lines[j:]), self.vocab)
        ]
        if len(cuts) == 1:
            head, units = Block(lines=foot.lines[: cuts[0]]), Block(lines=foot.lines[cuts[0] :])
            self._part_sub(index, head, units, Column.UNITS)
            st.units_in_row = True
            return True
        if st.units_in_row or set(after) != {Column.RESULT}:
            return False
        cut = self._cut_printed_whole(foot, tail)
        if cut is None:
            return False
        self._part_sub(
            index, Block(lines=foot.lines[:cut]), Block(lines=foot.lines[cut:]), Column.RESULT
        )
        return True

    def _cut_printed_whole(self, foot: Block, tail: Block) -> int | None:
        """Given a sub-indicator's paragraph at a page's foot and the first paragraph
        overleaf, return the one cut after which the row's result runs in, by the text the
        document prints: the lines before it and the tail make a text it prints whole
        elsewhere (marker and spaces aside, `min_repeat_chars` characters or more), those
        lines alone it prints nowhere, and the lines after it wrap as results may and name
        no units (a units list run in, "管制考核小組、兒" / …, "品課" overleaf); else None."""
        texts, cw = foot.texts, self.col_widths
        least = self.settings.min_repeat_chars
        cuts = [
            j
            for j in printed_cuts(texts, tail.texts, self.bodies, least)
            if not any(cw.would_hold(Column.RESULT, a, b) for a, b in itertools.pairwise(texts[j:]))
            and not names_units(Block(lines=foot.lines[j:]), self.vocab, cut=True)
        ]
        return cuts[0] if len(cuts) == 1 else None

    def _foot_settled(self, block: Block) -> None:
        """Given a row's result paragraph just placed past the page break where its
        sub-indicator was left open, with its result cut from it on a guess, withdraw
        that break's check when the cut proves right: the sub-indicator's tail came
        overleaf and so does more of the result, so both cells filled every line of the
        row at the foot, as many lines each ("確保服務項目…" and "(1)建置「線上申辦」…", three
        lines each, then "示服務。" and "(2) 服務櫃檯…" overleaf)."""
        st = self.st
        if st.foot_sub is None or block.page == st.foot_sub[0].page:
            return
        foot, index, break_no = st.foot_sub
        st.foot_sub = None
        after = self._fragments_after(index)
        if not any(t.column == Column.SUB and t.cont for t in after):
            return
        results = sum(
            len(t.lines) for t in after if t.column == Column.RESULT and t.page == foot.page
        )
        if results == len(foot.lines) and 0 <= break_no < len(self.breaks):
            del self.breaks[break_no]


def _first_page_width(block: Block) -> int:
    """Given a paragraph, return the width of its widest line on its first page (past a
    break, other cells' tails may have run on)."""
    return max(display_width(ln.text.strip()) for ln in block.lines if ln.page == block.page)


def _opens_entry_line(text: str) -> bool:
    """Given a line, tell whether it opens with a sub-indicator's or indicator's marker."""
    return bool(SUB_NO.regex.match(text) or INDICATOR_NO.regex.match(text))


def _first_sub(block: Block) -> bool:
    """Given a paragraph, tell whether it opens an indicator's first sub-indicator ("(1)",
    "(一)"): after a row, its numbering starts again only under a new indicator."""
    m = SUB_NO.regex.match(block.first)
    return m is not None and marker_number(m) == 1


def _goes_on_rows(block: Block, st: _State) -> bool:
    """Given a paragraph, tell whether its marker numbers it as this indicator's next
    sub-indicator ("(3)" after "(2)"; not a "(1)", which opens another indicator's rows)."""
    m = SUB_NO.regex.match(block.first)
    return m is not None and not _first_sub(block) and st.sub_numbered and _is_next_sub(m, st)


def _score_shown(block: Block) -> bool:
    """Given an item's paragraph with its 得分 line, tell whether the score itself is in it."""
    m = ITEM_SCORE_IN.regex.search(match_key(join_wrapped(block.texts)))
    return m is not None and m.group("score") is not None


def _is_header(item: Block | FurnitureLine) -> bool:
    return isinstance(item, FurnitureLine) and item.kind == "header"


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


def _is_label(block: Block, *patterns: Pattern) -> bool:
    """Given a paragraph, tell whether it is an item cell's label ("(N分)", "得分：N"): its
    first line, or its lines joined without a separator (a narrow item column may break
    "得分：47.5 分" as "得分：47." / "5 分", as Word does with its Asian line-breaking option
    "allow Latin text to wrap in the middle of a word")."""
    keys = [match_key(block.first), match_key("".join(block.texts))]
    if not block.lines[-1].closes:
        # A score cut at its decimal point by a page break ("得分：34." / "5 分").
        keys += [k.removesuffix(".") for k in keys if k.endswith(".")]
    return any(p.regex.match(k) for p in patterns for k in keys)


def _score_cut_first(block: Block) -> bool:
    """Given a paragraph, tell whether its first line is an item's score cut at its decimal
    point and left open, its rest not on the next line ("得分：7.", its "5 分" overleaf)."""
    first = match_key(block.first)
    return (
        not block.lines[0].closes
        and first.endswith(".")
        and ITEM_SCORE.regex.match(first.removesuffix(".")) is not None
        # Not where the next line completes it ("得分：7." / "5 分" on one page).
        and ITEM_SCORE.regex.match(match_key("".join(block.texts[:2]))) is None
    )


def _points_cut(block: Block, overleaf: Block) -> bool:
    """Given a paragraph at a page's foot and the first one overleaf, tell whether the
    break cut an item's points between them: the paragraph's last line ends in an open
    "(N" and with the first line overleaf makes "(N分)" ("正確性(15", then "分)")."""
    if block.lines[-1].closes:
        return False
    m = _OPEN_POINTS.search(block.texts[-1])
    return m is not None and bool(ITEM_POINTS.regex.match(match_key(m.group(0) + overleaf.first)))


def _names_item(block: Block, nxt: Block | None) -> bool:
    """Given a paragraph and the next, tell whether the first is an item's name: its
    "(N分)" follows, or it ends with its points and its "得分" follows."""
    if nxt is None:
        return False
    return _is_label(nxt, ITEM_POINTS) or (
        ends_with_points(join_wrapped(block.texts)) and _is_label(nxt, ITEM_SCORE)
    )


def _opens_item(block: Block, nxt: Block | None) -> bool:
    """Given a paragraph and the next, tell whether the first is an item's name or line."""
    return _is_label(block, ITEM_POINTS, ITEM_SCORE) or _names_item(block, nxt)


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
    if _is_label(block, ITEM_POINTS, ITEM_SCORE) and not st.item_scored:
        return Column.ITEM  # the item cell is leftmost: its tail comes first
    if st.item_scored and Column.ITEM in st.pending:
        st.pending.remove(Column.ITEM)  # an item cell ends with its 得分 line: nothing follows
    fits_narrow = block.width <= widths.narrow_limit + WRAP_SLACK_COLUMNS
    whole_unit = (
        st.last in (Column.UNITS, Column.RESULT)
        and block.lines[-1].closes
        and is_unit_block(block, widths)
        and names_units(block, vocab)
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
        and names_units(block, vocab)
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


def _heads_entry(block: Block, nxt: Block | None) -> bool:
    """Given a numbered paragraph after results and the next paragraph, tell whether it is
    a heading of the result's list: it ends with a colon and the next paragraph, with no
    marker, is its text ("④服務流程簡化：", then "自100年4月12日起…"), as the seed prints
    "1.書面審查電子化：" over "開發「線上書面審查作業」…".  A sub-indicator that ends
    with a colon is followed by its units (`_sub_evidence` looks first)."""
    if nxt is None or _entry_marker(nxt.first) is not None:
        return False
    return block.texts[-1].rstrip().endswith(("：", ":")) and block.lines[-1].closes


def _list_entry_follows(
    m: regex.Match[str], block: Block, nxt: Block | None, after: Block | None, st: _State
) -> bool:
    """Given a "(2)" after results that could go on with the result's list, and the two
    paragraphs after it, tell whether the next numbered one shows "(2)" is a list entry.

    The next numbered paragraph is the next one, or, when "(2)" is left open at a page's
    foot, the one after its tail.  It shows a list entry when it goes on with another
    list of the same result ("1." "2." "3." "(1)" "(2)" then "4.": a row's result would
    not open with the next number of the row before's list), or has the same style and
    a number no larger, but not a list's first ("(4)" then "(3)": sub-indicators only
    increase, and a result's own list does not open at 3).
    """
    target = nxt
    if nxt is not None and _entry_marker(nxt.first) is None:
        if block.lines[-1].closes:
            # A paragraph between, its text or the list's closing words ("前述辦理情形…"),
            # then "(3)" again: sub-indicators never repeat a number.
            again = _entry_marker(after.first) if after is not None else None
            return (
                again is not None
                and again[0] == marker_style(m)
                and 1 < again[1] <= marker_number(m)
            )
        target = after
    shown = _entry_marker(target.first) if target is not None else None
    if shown is None:
        return False
    style, n = shown
    if style == marker_style(m):
        return 1 < n <= marker_number(m)
    last = st.result_numbers.get(style)
    return last is not None and n == last + 1


def _list_goes_on(m: regex.Match[str], block: Block, nxt: Block | None, st: _State) -> bool:
    """Given an indicator-style marker ("4.", "四、") right after results and the next
    paragraph, tell whether it goes on with the result's own list (same style, the very
    next number) while its paragraph shows no width of its own: one line cut by a page
    break is as short as the page left it, not as narrow as an indicator's cell.  A
    line cut between two Latin words keeps its space ("5.提供 call " / "center …")."""
    line = block.lines[-1]
    # The Latin tail comes after the break, maybe after other cells' ("新住民服務中" / "心").
    latin_cut = (
        nxt is not None
        and nxt.page > line.page
        and _LATIN_END.search(line.text.rstrip() + " ") is not None
    )
    if st.result_list is None or (line.closes and not latin_cut) or len(block.lines) > 1:
        return False
    # The list it goes on may be an outer one ("4." after "(1)" inside item 3.).
    style, n = marker_style(m), marker_number(m)
    return st.result_list == (style, n - 1) or st.result_numbers.get(style) == n - 1


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


def _marker_spaced(m: regex.Match[str]) -> bool:
    """Given a match of SUB_NO or INDICATOR_NO, tell whether a space follows its marker."""
    if not m.group("text"):
        return False
    return str(m.group(0))[m.start("text") - m.start() - 1].isspace()


def _entry_number(text: str) -> int | None:
    """Given a paragraph's first line, return the number of the entry it opens (any marker
    style, "4.113年度…" too), or None."""
    m = SUB_NO.regex.match(text) or INDICATOR_NO.regex.match(text)
    if m is not None:
        return marker_number(m)
    entry = LIST_MARKER.regex.match(text)
    if entry is None:
        return None
    number = entry.group("paren") or entry.group("dot")
    if number:
        return int(number)
    cn = entry.group("cparen") or entry.group("cn")
    return cn_number(cn) if CN_NUMERAL.regex.fullmatch(cn) else None  # not 一一, 十十


def _cut_units_list(block: Block, names: Sequence[str]) -> bool:
    """Given a paragraph and the names its text lists with 、, tell whether it is a units
    list a page break cut: two whole names or more that end like units, then the last one
    left open (no closing space)."""
    whole = names[:-1]
    return len(whole) >= 2 and all(ends_like_unit(n) for n in whole) and not block.lines[-1].closes


def _units_or_whole_result(block: Block, nxt: Block, widths: Widths) -> bool:
    """Given a "(N)" paragraph after results and the paragraph after it, tell whether that
    one is the row's units (names in a narrow column, a list a page break cut, a name
    beside the result's first line) or its whole result ("不適用"): then "(N)" is a row."""
    unit_lines = all(is_unit_line(t) for t in nxt.texts)
    narrow = nxt.width <= widths.narrow_limit + 2
    name = join_wrapped(nxt.texts)
    names = [n for n in name.split("、") if n]  # one name, or a list ("政風室、總務股")
    # A list may name service points among units ("…、政風室、服務台、資訊小組(各單位)").
    listed = len(names) > 1 and any(is_unit_name(n) for n in names)
    shaped = all((ends_like_unit if listed else is_unit_name)(n) for n in names)
    if unit_lines and narrow and names and shaped:
        return True  # not an item's name (服務可近性)
    # A list of whole names whose last a page break cut, left open ("…、民政" /
    # "課、食品藥", its tail overleaf).
    if unit_lines and narrow and _cut_units_list(nxt, names):
        return True
    # Past a page break a units cell's tail ("1999市民熱" / "線") may follow a list
    # entry; on one page, a name that ends like a unit's, or one printed beside the
    # result's first line, is the row's units.
    same_page = nxt.page == block.lines[-1].page
    if same_page and ((unit_lines and narrow and ends_like_unit(name)) or _unit_beside(nxt.first)):
        return True
    # "不適用" or "無" alone is a row's whole result, never a list's next paragraph: the
    # row's, its units cell empty ("(4) 設置 QR code…", then "不適用").
    return NOT_APPLICABLE.regex.fullmatch(name.strip()) is not None


def _sub_evidence(
    block: Block, nxt: Block | None, after: Block | None, widths: Widths
) -> bool | None:
    """Given a "(N)" paragraph after results that could go on with the result's list or
    open the next sub-indicator, and what follows it, return True (sub-indicator) or False
    (list entry) where the dump shows which, or None when only its width is left.

    A sub-indicator is followed by its units, or an empty cell (its units) is printed
    after it.  Followed by another numbered entry that is not a list's first, by the next
    item or by nothing, it would be a row with neither units nor result: the list goes on
    (unless its wrap shows a column narrower than the results': `_Reader._place_sub`).
    """
    if nxt is not None and _units_or_whole_result(block, nxt, widths):
        return True
    if block.empty_after:
        return True  # its units cell printed empty
    if nxt is None:
        return False
    own_no = _entry_number(block.first)
    if _opens_item(nxt, after) or _heads_indicator(nxt, after, widths, own_no):
        return False  # the next item or indicator opens: a row here would have neither
    nxt_no = _entry_number(nxt.first)
    if nxt_no is not None and nxt_no > 1:
        if own_no is not None and nxt_no > own_no + 1:
            return None  # (4) then (6): a list skips no number, but sub-indicators may
        if (
            own_no is not None
            and nxt_no == own_no + 1
            and _printed_shape(block.first) == _printed_shape(nxt.first)
            and _sub_evidence(nxt, after, None, widths) is True
        ):
            # (2) then (3) with units: (3) is a sub-indicator, and (2) the row before it
            # with neither units nor result, or the list's last entry with (2) omitted
            # from the sub-indicators' numbering.  Both occur; a marker printed otherwise
            # ("(3)" then "（4）") tells the list from the rows.
            return None
        return False  # a list (or the next row) goes on: no result of its own would follow
    return None


_OPEN_POINTS = regex.compile(r"[(（]\s*\d+\s*$")  # an item's "(15" cut before "分)"


def _heads_indicator(
    block: Block, nxt: Block | None, widths: Widths, before: int | None = None
) -> bool:
    """Given a paragraph, the next, the document's widths and the number of the entry
    before them, tell whether the first reads as an indicator's heading with its first
    sub-indicator after it: in a narrow column, no sentence, no list marker but an
    indicator's number, no unit name, narrower than the "(N) …" that follows ("提升服務設施"
    / "合宜度", then "(1)提供各種申辦書表…"), whose number does not go on from the entry
    before (numbers may skip in a new indicator)."""
    m = SUB_NO.regex.match(nxt.first) if nxt is not None else None
    if nxt is None or m is None or nxt.width <= block.width:
        return False
    if block.width > widths.narrow_limit + WRAP_SLACK_COLUMNS:
        return False  # a result's paragraph ("自101年9月10日起與財政" / …), not a heading
    if before is not None and marker_number(m) == before + 1:
        return False
    # Whole on the page of its sub-indicator: a units list cut by a break is no heading.
    if not block.lines[-1].closes or nxt.page != block.lines[-1].page:
        return False
    text = join_wrapped(block.texts)
    if SENTENCE_END.regex.search(block.texts[-1]) or any(is_unit_name(n) for n in text.split("、")):
        return False
    return LIST_MARKER.regex.match(block.first) is None or bool(
        INDICATOR_NO.regex.match(block.first)
    )


def _own_tail(block: Block, nxt: Block) -> bool:
    """Given a paragraph left open at a page's foot and the next, tell whether the next is
    its tail: first on a later page, opening nothing ("(4) 透過 LINE…12,356" / "人次。")."""
    return (
        not block.lines[-1].closes
        and nxt.page > block.lines[-1].page
        and _entry_marker(nxt.first) is None  # no list entry (SUB_NO's included)
    )


def _printed_shape(text: str) -> str | None:
    """Given a paragraph's first line, return its sub-indicator marker as printed, or None:
    unlike `marker_style`, full-width brackets differ from ASCII ones."""
    m = SUB_NO.regex.match(text)
    return None if m is None else printed_marker(m)


_NAME_THEN_MORE = regex.compile(r"^(?P<name>[^\s、]+)[\s、]+\S")


def _unit_beside(text: str) -> bool:
    """Given a paragraph's first line, tell whether it opens with a whole unit name and
    goes on after a space or 、 with another ("各單位 已完成…", "各單位、食品藥"): the
    units cell's first line, printed beside the result's or cut by a page break."""
    m = _NAME_THEN_MORE.match(text.strip())
    return m is not None and ends_like_unit(m.group("name")) and _entry_marker(text) is None


def _entry_marker(text: str) -> tuple[str, int] | None:
    """Given a paragraph's first line, return the style and number of the list entry or
    heading it opens ("(2)", "4.", "4.105年度…" too), or None."""
    m = SUB_NO.regex.match(text) or INDICATOR_NO.regex.match(text)
    if m is None:
        entry = LIST_MARKER.regex.match(text)
        if entry is None or not entry.group("dot"):
            return None
        # "4.105年度": a year after the dot, which INDICATOR_NO leaves alone; its marker
        # alone reads as one.
        m = INDICATOR_NO.regex.match(entry.group("marker").strip() + "項")
        if m is None:
            return None
    return marker_style(m), marker_number(m)


def _widths_of(block: Block, col_widths: _ColumnWidths) -> tuple[float, float, float] | None:
    """Given a numbered paragraph after results, return its width (its first line's when
    it has one line) and the sub-indicators' and results' median widths, or None."""
    sub_w = col_widths.median(Column.SUB)
    res_w = col_widths.median(Column.RESULT)
    if sub_w is None or res_w is None:
        return None
    w = block.width if len(block.lines) > 1 else display_width(block.first)
    return w, sub_w, res_w


def _wraps_as_sub(block: Block, col_widths: _ColumnWidths) -> bool:
    """Given a numbered paragraph after results, tell whether its width is nearer the
    sub-indicators' than the results' (the weakest evidence)."""
    seen = _widths_of(block, col_widths)
    if seen is None or seen[1] == seen[2]:
        return True
    w, sub_w, res_w = seen
    return abs(w - sub_w) < abs(w - res_w)


def _width_tells(block: Block, col_widths: _ColumnWidths) -> bool:
    """Given a numbered paragraph after results, tell whether its width is nearer one of
    the two columns' by a whole character (2 columns) or more: a wrap moves by one
    character anyway (a comma never starts a line), so less is no evidence."""
    margin = _width_margin(block, col_widths)
    return margin is not None and margin >= 2


def _width_margin(block: Block, col_widths: _ColumnWidths) -> float | None:
    """Given a numbered paragraph after results, return by how many columns its width is
    nearer one of the two columns' medians than the other's, or None."""
    seen = _widths_of(block, col_widths)
    if seen is None:
        return None
    w, sub_w, res_w = seen
    return abs(abs(w - sub_w) - abs(w - res_w))


_T = TypeVar("_T")


def _wrap_bounds(lines: tuple[str, ...]) -> list[tuple[int, Print]]:
    """Given a fragment's lines, return the bounds its wraps set (`wrap_bound`)."""
    found = (wrap_bound(a, b) for a, b in itertools.pairwise(lines))
    return [b for b in found if b]


class _ColumnWidths:
    """Per column, over the tokens so far: the median (or another quantile) of the
    first-line widths of its multi-line fragments, its widest printed line with the
    number of lines seen, and what its wraps show it can and cannot hold.

    `tokens` only grows; each call reads just the tokens added since the last one
    and keeps each column's widths sorted, so a median costs O(log n), not a rescan.
    """

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.seen = 0
        self.widths: dict[Column, list[float]] = {}
        self.widest: dict[Column, float] = {}
        self.lines: dict[Column, int] = {}
        self.frags: dict[Column, list[tuple[str, ...]]] = {}  # each fragment's lines
        # Measured from those fragments up to an index: the bounds their wraps set
        # (`wrap_bound`) and the prints of their lines (`held_print`).
        self.bounds: dict[Column, tuple[int, list[tuple[int, Print]]]] = {}
        self.held: dict[Column, tuple[int, list[Print]]] = {}

    def _update(self) -> None:
        for t in self.tokens[self.seen :]:
            if isinstance(t, Fragment):
                if len(t.lines) > 1:
                    bisect.insort(self.widths.setdefault(t.column, []), display_width(t.lines[0]))
                self.frags.setdefault(t.column, []).append(t.lines)
                widest = max(display_width(ln) for ln in t.lines) if t.lines else 0
                self.widest[t.column] = max(self.widest.get(t.column, 0), widest)
                self.lines[t.column] = self.lines.get(t.column, 0) + len(t.lines)
        self.seen = len(self.tokens)

    def median(self, column: Column) -> float | None:
        self._update()
        ws = self.widths.get(column)
        if not ws:
            return None
        n = len(ws)
        return ws[n // 2] if n % 2 else (ws[n // 2 - 1] + ws[n // 2]) / 2

    def quantile(self, column: Column, q: float) -> float | None:
        """Given a column and a share, return that quantile of its first-line widths (of
        multi-line fragments: lines that wrapped), the nearest rank below."""
        self._update()
        ws = self.widths.get(column)
        return ws[int(q * (len(ws) - 1))] if ws else None

    def cannot_hold(self, column: Column, text: str, min_lines: int) -> bool:
        """Given a column and a printed line, tell whether the line is at least as wide as
        one of the column's lines was with the next line's first piece on it: a greedy wrap
        moved that piece down, so the column cannot hold the line, whatever the font.  Only
        a bound wider than every line of the column counts, of at least `min_lines`: a break
        that left room was no greedy wrap ("本年度辦理情形如下" / "派遣車輛…")."""
        self._update()
        if self.lines.get(column, 0) < min_lines:
            return False
        bounds = self._measured(self.bounds, column, _wrap_bounds)
        held, widest = held_print(text), self.widest.get(column, 0)
        return any(w > widest and at_least_as_wide(held, b) for w, b in bounds)

    def would_hold(self, column: Column, line: str, next_line: str) -> bool:
        """Given a column and two consecutive lines of a paragraph, tell whether the column
        would have held the first with the second's first piece on it: as wide as two of
        its lines or less (two, as a line run on from another cell may stand among them).
        A greedy wrap in that column would not have broken there."""
        found = wrap_bound(line, next_line)
        if found is None:
            return False
        self._update()
        held = self._measured(self.held, column, lambda lines: map(held_print, lines))
        return sum(at_least_as_wide(h, found[1]) for h in held) >= 2

    def _measured(
        self,
        cache: dict[Column, tuple[int, list[_T]]],
        column: Column,
        measure: Callable[[tuple[str, ...]], Iterable[_T]],
    ) -> list[_T]:
        """Given a cache, a column and what to measure of a fragment's lines, return the
        measures of all the column's fragments, measuring only those added since."""
        frags = self.frags.get(column, [])
        done, found = cache.get(column, (0, []))
        for lines in frags[done:]:
            found.extend(measure(lines))
        cache[column] = (len(frags), found)
        return found

    def widest_line(self, column: Column) -> tuple[float, int]:
        """Given a column, return its widest printed line so far and how many lines it has."""
        self._update()
        return self.widest.get(column, 0), self.lines.get(column, 0)


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
    st.foot_sub = None


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
    st.sub_block = (block, len(tokens))
    tokens.extend(_fragment(block, Column.SUB))
    st.last = Column.SUB
    st.open_cols = {c: v for c, v in st.open_cols.items() if c in (Column.ITEM, Column.INDICATOR)}
    st.latin_cols &= {Column.ITEM, Column.INDICATOR}
    _mark_open(st, Column.SUB, block)
    st.units_in_row = block.empty_after
    st.seam_guess = False
    st.seam_sure = False
    st.foot_sub = None
    st.sub_no = marker_number(m) if m else None
    st.sub_numbered = m is not None
    st.sub_style = marker_style(m) if m else None
    st.sub_shape = printed_marker(m) if m else None
