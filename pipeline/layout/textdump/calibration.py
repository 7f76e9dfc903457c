"""Per-document calibration: the wrap widths the dump's paragraphs show, and the
paragraphs cut where the printed lines change column (a narrow cell left open above a
wide one, a list marker, 不適用)."""

from __future__ import annotations

import functools
import itertools
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence

import regex

from pipeline.layout.stitch import engine_keeps_together
from pipeline.layout.textdump.blocks import PAGE_FURNITURE, Block, FurnitureLine, Line, Widths
from pipeline.layout.textdump.settings import SETTINGS, DumpSettings
from pipeline.layout.textdump.units import (
    _unit_lines,
    ends_like_unit,
    is_unit_block,
    is_unit_line,
    is_unit_name,
    names_units,
    unit_vocabulary,
)
from pipeline.normalise.patterns import (
    INDICATOR_NO,
    ITEM_POINTS,
    ITEM_POINTS_IN,
    ITEM_SCORE,
    LISTED_NAME,
    NOT_APPLICABLE,
    SENTENCE_END,
    SUB_NO,
    opens_entry,
)
from pipeline.normalise.text import WRAP_SLACK_COLUMNS, display_width, join_wrapped, match_key


def split_column_changes(
    blocks: Sequence[Block | FurnitureLine], widths: Widths, settings: DumpSettings = SETTINGS
) -> list[Block | FurnitureLine]:
    """Given paragraphs and the document's widths, return them with every paragraph that
    runs a narrow cell into a wide one split in two.

    When a narrow cell's paragraph (a unit wrapped at a page's foot) is still open, the
    dump runs the next cell's text on; the seam shows as a line too wide for the narrow
    column, which the lines before it could have taken the first piece of.
    """
    vocab = unit_vocabulary(blocks)
    bodies = Counter(_marked_body(b.texts) for b in blocks if isinstance(b, Block))

    @functools.cache
    def ends_a_text(body: str) -> bool:  # once per page: the tails overleaf are few
        return any(b.endswith(body) and b != body for b in bodies)

    ahead = _past_breaks(blocks)
    out: list[Block | FurnitureLine] = []
    for i, b in enumerate(blocks):
        if not isinstance(b, Block):
            out.append(b)
            continue
        found = ahead[i]
        tail = found[1] if found is not None else None
        known = None
        if tail is not None and ends_a_text(_marked_body(tail.texts)):
            known = _known_change(b, tail, bodies, widths, vocab, settings)
        if known is not None:
            # One cell's part by the text the document prints: only the rest is cut on.
            out.append(Block(b.lines[:known], seam=b.seam))
            out.extend(_split(_rest(b, known), widths, vocab, settings))
            continue
        at = _name_cut_by_break(b, _after_break(found), widths, vocab)
        if at is None:
            at = _name_cut_by_break(b, _after_results(found), widths, vocab)
        parts = [b] if at is None else [Block(b.lines[:at], seam=b.seam), _rest(b, at)]
        for part in parts:
            out.extend(_split(part, widths, vocab, settings))
    return out


_Ahead = tuple[tuple[Block, ...], Block] | None


def _past_breaks(blocks: Sequence[Block | FurnitureLine]) -> list[_Ahead]:
    """Given paragraphs, return for each index the paragraphs after it up to the next page
    break and the first paragraph past that break, or None where a dimension's heading or a
    小計 comes first: one pass from the end (a walk from each paragraph to the next page
    made long pages quadratic)."""
    out: list[_Ahead] = [None] * len(blocks)
    ahead: _Ahead = None  # the answer for the paragraphs from the next index on
    first: Block | None = None  # the first paragraph from the next index on, past furniture
    for i in range(len(blocks) - 1, -1, -1):
        out[i] = ahead
        q = blocks[i]
        if isinstance(q, Block):
            ahead = ((q, *ahead[0]), ahead[1]) if ahead is not None else None
            first = q
        elif q.kind not in PAGE_FURNITURE:
            ahead, first = None, None
        elif q.kind == "header":
            ahead = ((), first) if first is not None else None
    return out


def _known_change(
    block: Block,
    tail: Block | None,
    bodies: Counter[str],
    widths: Widths,
    vocab: frozenset[str],
    settings: DumpSettings,
) -> int | None:
    """Given a paragraph that runs cells together (`_column_change` finds a change in it),
    the first paragraph past the next page break and the texts of all paragraphs, return
    where the cell left open at the foot ends by the text the document prints, where the
    widths put the change elsewhere: the one open line whose lines up to it and that
    paragraph overleaf make a text printed whole elsewhere (`min_repeat_chars` characters
    or more), those lines alone printed nowhere, the whole paragraph with the tail
    neither, the tail on the next page, and the lines after the cut no twin of the tail
    and no units the reader would take for a result ("(四)確保服務項目、服" / "務人員(姓名
    及代理" / "資訊室", then "人)、方向引導…務。" overleaf and "(三)確保服務項目、服…
    務。" elsewhere, where "務人員(姓名及代理" read as a unit's line by width)."""
    if tail is None or tail.page != block.page + 1:
        return None
    if any(ln.page != block.page for ln in block.lines):
        return None
    least = settings.min_repeat_chars
    if printed_whole(bodies, [*block.texts, *tail.texts], least):
        return None
    cuts = [
        j
        for j in printed_cuts(block.texts, tail.texts, bodies, least)
        if not block.lines[j - 1].closes
        # Not the paragraph's own text: its end the tail's twin ("…案件進" / "度。", then
        # "度。" overleaf, another cell's tail).
        and _marked_body(block.texts[j:]) != _marked_body(tail.texts)
    ]
    if len(cuts) != 1:
        return None
    change = _column_change(block, widths, vocab, settings)  # the costlier question last
    if change is None or change == cuts[0]:
        return None
    rest = _rest(block, cuts[0])
    if names_units(rest, vocab, cut=True) and not is_unit_block(rest, widths):
        return None  # units the reader would take for a result: left to its checks
    return cuts[0]


def _after_break(found: _Ahead) -> Block | None:
    """Given what follows a paragraph (`_past_breaks`), return the paragraph after it when
    only a page break (its header, footer, running title) stands between them, else None."""
    return found[1] if found is not None and not found[0] else None


def _after_results(found: _Ahead) -> Block | None:
    """Given what follows a paragraph (`_past_breaks`), return the first paragraph past the
    next page break where only paragraphs that cannot be units (a line no unit name's)
    stand between on this page, else None: a unit's line left open at the foot, the
    result's first line run on after it, and the result's further paragraphs printed
    before the break ("兒童及少年福利與" / "本年度辦理情形如下：", "• 強化為民服務措施：",
    then "權益保障科" overleaf)."""
    if found is None or not found[0]:
        return None
    between, tail = found
    return None if any(all(is_unit_line(t) for t in q.texts) for q in between) else tail


def _name_cut_by_break(
    block: Block, tail: Block | None, widths: Widths, vocab: frozenset[str]
) -> int | None:
    """Given a paragraph and the one after the page break that follows it, return where a
    unit name's line that the break cut ends in it: its first lines are unit lines the
    units column holds (narrower than its wraps show it is), the next line is too wide for the units column, and
    the first line overleaf completes the name ("兒童及少年福利" / "透過 LINE 官方帳號…",
    then "與權益保障科" overleaf: the name went on past the break, and the dump ran the
    result's lines on after its first part).  A line overleaf that is a unit the document
    prints on its own elsewhere ("戶籍登記課") is a name of its own, no tail."""
    if tail is None or widths.units is None or not is_unit_line(tail.first):
        return None
    if tail.first.strip() in vocab:
        return None
    # The units column is narrower than a wrapped name's line with the next piece on it.
    room = widths.units_wrap if widths.units_wrap is not None else widths.units + 1
    for j in range(1, len(block.lines)):
        head = block.lines[:j]
        if head[-1].closes or any(ln.page != block.lines[j].page for ln in head):
            return None
        if not all(is_unit_line(ln.text) for ln in head):
            return None
        if max(display_width(ln.text.strip()) for ln in head) >= room:
            return None
        name = join_wrapped((*(ln.text.strip() for ln in head), tail.first))
        if _wider_than_units(block.lines[j].text.strip(), [], widths) and is_unit_name(name):
            return j
    return None


def _rest(block: Block, at: int) -> Block:
    """Given a paragraph and a line index, return its lines from there as a paragraph."""
    return Block(lines=block.lines[at:], empty_after=block.empty_after)


def _split(
    block: Block, widths: Widths, vocab: frozenset[str], settings: DumpSettings
) -> list[Block]:
    """Given a paragraph, return it cut at every column change, each part checked again:
    cells left open at a page's foot run into each other in turn (an indicator into its
    sub-indicator, that into the units: "二、強化" / "陳情處理" / "適時運用…" / "觀點，透過溝通
    與對話的方" / "IT組"), and what tells one change may lie past the next ("…盥" / "研考科、
    兒" / "童及少年福" reads as units cut by the break once the result beside them is cut off).
    """
    at = _column_change(block, widths, vocab, settings)
    if at is None:
        return [block]
    prev, here = block.lines[at - 1], block.lines[at]
    # A cut at a list marker is a guess unless the widths show the column change too, or
    # unit lines come before it: a list entry goes on no unit name ("長期照顧管理中" /
    # "一、提供 call" is units, then the result).
    seam = (
        opens_entry(here.text)
        and not _narrow_then_wide(block, at, widths)
        and not _unit_lines_before(block, at, widths)
    )
    sure = prev.page == here.page and (
        _wrap_not_greedy(prev.text.strip(), here.text.strip(), settings)
        or _wraps_short(block, at, settings)
    )
    head = Block(lines=block.lines[:at], seam=block.seam, sure=block.sure)
    tail = Block(
        lines=block.lines[at:], seam=seam and not sure, sure=sure, empty_after=block.empty_after
    )
    return _split(head, widths, vocab, settings) + _split(tail, widths, vocab, settings)


def _unit_beside(line: str, vocab: frozenset[str]) -> bool:
    """Given a printed line, tell whether it opens with a unit name and then, after a
    space, another cell's text ("主計室 透過 LINE…"): a space after a Han character is no
    place a wrapped sentence shows, so the name is a cell of its own."""
    head, _, rest = line.partition(" ")
    return bool(rest.strip()) and (head in vocab or is_unit_name(head))


# A mark inside a sentence or at its end: a line that holds one names no unit.
_CLAUSE_MARK = regex.compile(r"[，。；：！？]")


def _units_after_wide(block: Block, at: int, widths: Widths, vocab: frozenset[str]) -> bool:
    """Given a block and a line index, tell whether a wide cell left open at a page's
    foot ends before it and the row's units begin there (on one page).

    A line that wrapped is as wide as its column lets it be: lines that fit a narrow
    column and read as unit names after a wide line still open ("…檢討申辦項目表" /
    "管制考核小" / "組") are the next cell's, up to the block's end or a wide line
    (the result's first piece beside them).  A unit name cut by the break ("食品藥")
    is left out of the reading.
    """
    if at == 0:
        return False
    limit = widths.narrow_limit + WRAP_SLACK_COLUMNS
    prev = block.lines[at - 1]
    prev_text = prev.text.strip()
    if prev.closes or SENTENCE_END.regex.search(prev_text) or _lists_units(prev_text):
        return False
    if _units_list_head(block, at, widths):
        return False
    run: list[Line] = []
    for ln in block.lines[at:]:
        if ln.page != prev.page or display_width(ln.text.strip()) > limit:
            break
        # A line that wrapped fills its column: a narrow one's, not a wrap of the wide
        # cell a character short ("民眾查詢案件處理進" / "秘書室" is one sub-indicator's).
        if not is_unit_line(ln.text) and run:
            break  # the next cell's first line, as narrow as a unit's ("本年度辦理情形如下：")
        if not is_unit_line(ln.text) or (
            not ln.closes and display_width(ln.text.strip()) > widths.narrow_limit
        ):
            return False
        run.append(ln)
        if ln.closes:
            break
    after = block.lines[at + len(run) :]
    if not run or (
        after and display_width(after[0].text.strip()) <= limit and is_unit_line(after[0].text)
    ):
        return False
    if display_width(prev_text) <= limit and not _CLAUSE_MARK.search(prev_text):
        # Unless a comma makes it a sentence's ("私協力，擴大服務量" / "各單位"), the units
        # seen must show it too wide for their column and the run's wraps no wider ("雙語(或
        # 多語)標示服" / "各單位": a sub-indicator's end, its units; "長期照顧管理中" / "心").
        if not _wider_than_units(prev_text, [ln.text for ln in run], widths):
            return False
        assert widths.units is not None
        if any(display_width(ln.text.strip()) > widths.units for ln in run if not ln.closes):
            return False
    names = [
        n.strip() for ln in _unit_lines(Block(lines=tuple(run)), vocab) for n in ln.text.split("、")
    ]
    if not run[-1].closes:
        names = names[:-1]  # cut by the page break: its tail comes after the next header
    names = [n for n in names if n]
    # Lines that wrapped in a narrow column are evidence enough for a name that ends like
    # a unit's (1999市民熱線); one closing line is not ("…建置" / "服務台" ends a sentence).
    wrapped = len(run) > 1
    return bool(names) and all(
        is_unit_name(n) or n in vocab or (wrapped and ends_like_unit(n)) for n in names
    )


def _units_list_head(block: Block, at: int, widths: Widths) -> bool:
    """Given a block and a line index, tell whether the lines before it are a units list
    in the units column, however much wider than the narrow limit that column is: unit
    lines no wider than the widest unit-name paragraph, listing two names or more with 、
    that end like units before the last ("疾病管制科、報驗" / "發證課、人事室、" / "資訊小組
    (各單" / "位)、地政服務所", then "第二課": the last name's wrap, no cell after a wide one)."""
    head = block.lines[:at]
    if widths.units is None or any(ln.page != head[0].page for ln in head):
        return False
    if not all(
        is_unit_line(ln.text) and display_width(ln.text.strip()) <= widths.units for ln in head
    ):
        return False
    names = [n for n in join_wrapped([ln.text.strip() for ln in head]).split("、") if n]
    return len(names) >= 3 and all(ends_like_unit(n) for n in names[:-1])


def _lists_units(line: str) -> bool:
    """Given a printed line, tell whether it is a line of a units list: names parted by 、,
    each between two of them read as a unit's name (the first may be a wrapped name's
    tail: "台、各單位、第一"; alone before the last, it must: "藥物管理科、第一").  Its wrap
    goes on with the list ("門診部"), not with the row's units after a wide cell."""
    pieces = line.split("、")
    whole = [p for p in (pieces[1:-1] if len(pieces) > 2 else pieces[:-1]) if p]
    # A bracket opens a qualifier, never a name ("(姓名及代理人)、方向引" is a sentence's).
    return bool(whole) and all(is_unit_name(p) and p[0] not in "(（" for p in whole)


def _wider_than_units(line: str, after: Sequence[str], widths: Widths) -> bool:
    """Given a printed line and the unit lines after it, tell whether the line is too wide
    for the units column: wider than the narrow columns' limit, at least as wide as the
    units' own wraps show their column cannot be ("法規之專業與熟悉程" / "管制考核小組"
    where "長期照顧管理中" / "心" wrapped), or wider than any line the document reads as
    unit names while it and the lines after it read as none ("輔以舒適、明亮、整" /
    "長期照顧管理中" / "心"; "國際交流暨觀光" / "發展處" is one name)."""
    w = display_width(line)
    if w > widths.narrow_limit + WRAP_SLACK_COLUMNS:
        return True
    if widths.units_wrap is not None and _narrowest_width(line) >= widths.units_wrap:
        return True  # the units column would have wrapped it
    if widths.units is None or w <= widths.units + WRAP_SLACK_COLUMNS:
        return False
    names = join_wrapped((line, *(t.strip() for t in after))).split("、")
    return not all(is_unit_name(n) for n in names if n)


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


def _awaits_score(prev: str, here: str) -> bool:
    """Given two printed lines, tell whether the first is an item's "得分：" without its
    score and the second does not open with one."""
    m = ITEM_SCORE.regex.match(match_key(prev))
    return m is not None and m.group("score") is None and not _OPENS_NUMBER.match(here)


def _unit_lines_before(block: Block, at: int, widths: Widths) -> bool:
    """Given a block and a line index, tell whether every line before it, on its page,
    can be a unit name's line in the units column."""
    limit = widths.narrow_limit + WRAP_SLACK_COLUMNS
    return all(
        ln.page == block.lines[at].page
        and is_unit_line(ln.text)
        and display_width(ln.text.strip()) <= limit
        for ln in block.lines[:at]
    )


def _narrowest_width(text: str) -> float:
    """Given a printed line, return the least width it can take in a proportional font:
    punctuation and symbols may be set half-width (「」、 in a justified CJK line), and
    spaces and the narrow ASCII marks half a column; other characters their display width."""
    return sum(_NARROWEST.get(ch) or _narrowest_char(ch) for ch in text.strip())


_NARROWEST: dict[str, float] = dict.fromkeys(" .,:;'|!il", 0.5)


def _narrowest_char(ch: str) -> float:
    w = 1.0 if ch.isascii() or unicodedata.category(ch)[0] in "PS" else float(display_width(ch))
    _NARROWEST[ch] = w
    return w


def with_next_piece(line: str, next_line: str) -> int:
    """Given a printed line and the next, return the width the line would have taken with
    the next line's first piece (`_leading_chunk`) on it.

    A piece that ends at a space between two Latin words takes that space along ("外
    call" of "外 call center"): some producers count it when they wrap, others let it hang
    past the margin, and counting it never claims room a line did not have."""
    text = next_line.lstrip()
    piece = _leading_chunk(text)
    space = 1 if text[len(piece) : len(piece) + 1].isspace() else 0
    return display_width(line.strip()) + display_width(piece) + space


def _wrap_not_greedy(prev: str, here: str, settings: DumpSettings = SETTINGS) -> bool:
    """Given two printed lines of one paragraph, tell whether the first could surely have
    taken the second's first piece: then a line break did not wrap one column there.

    The first line counts its display width, the second the least width a proportional
    font could give it; `wrap_room_columns` of margin above that.  On the seed (set in
    a proportional font) a wrapped line is at most 0 columns wider so measured than the
    line before it plus its own first piece.
    """
    return _narrowest_width(here) - with_next_piece(prev, here) >= settings.wrap_room_columns


def _units_then_other(block: Block, j: int, widths: Widths, vocab: frozenset[str]) -> bool:
    """Given a block and a line index, tell whether the lines before it list units with
    、 (two or more whole names besides the last, which a page break cut), each line fit
    for the units column, and the line at it cannot be a unit's ("衛生保健科、民政" /
    "課、企劃科、各辦" / "本年度辦理情形如下："; not "書室、戶籍登記" / "透過 LINE 官方帳號" /
    "及 Facebook 粉絲專頁發布訊", where the units column cannot hold the second line)."""
    head = block.lines[:j]
    here = block.lines[j].text
    # A line the units column could not hold is no unit's, whatever its characters
    # ("透過 LINE 官方帳號" under "主計室、國際交").
    if is_unit_line(here) and not _wider_than_units(here.strip(), (), widths):
        return False
    if not all(is_unit_line(ln.text) for ln in head):
        return False
    if any(_wider_than_units(ln.text.strip(), (), widths) for ln in head):
        return False
    if any(ln.closes or ln.page != block.lines[j].page for ln in head):
        return False
    names = [n for n in join_wrapped([ln.text.strip() for ln in head]).split("、") if n]
    # The name the break cut is a name's beginning: no space, no sentence ("市場透過 LINE…").
    if len(names) < 3 or not regex.fullmatch(r"[\p{Han}A-Za-z0-9()（）]+", names[-1]):
        return False
    # Whole names (unit lines: no punctuation; and no space), most of them units: one this
    # document shows nowhere else and no suffix marks ("服務台、地政服務所第二課、各單位、
    # 企劃科、…") does not undo the list.
    whole = names[:-1]
    known = sum(is_unit_name(n) or n in vocab for n in whole)
    return 2 * known > len(whole) and all(LISTED_NAME.regex.fullmatch(n) for n in whole)


def _wraps_short(block: Block, j: int, settings: DumpSettings = SETTINGS) -> bool:
    """Given a block and a line index, tell whether line `j` wrapped where the column of
    the line before it would have taken more: then it is a narrower column's line
    ("以舒適、明亮、整潔，建置民" / "兒童及少年福" / "利與權益保障").

    A wrapped line and the next line's first piece overflow their column, which holds
    the line before at its narrowest; `wrap_room_columns` of margin.  The line before must
    not open the paragraph or a list entry: a hanging indent makes those wider (on the
    seed by up to 7 columns; other lines at most 0).
    """
    lines = block.lines
    if j < 2 or j + 1 >= len(lines) or lines[j - 1].closes or lines[j].closes:
        return False
    if not lines[j - 1].page == lines[j].page == lines[j + 1].page:
        return False
    before = lines[j - 1].text.strip()
    if opens_entry(before):
        return False
    here = with_next_piece(lines[j].text, lines[j + 1].text)
    return _narrowest_width(before) - here >= settings.wrap_room_columns


def _column_change(
    block: Block, widths: Widths, vocab: frozenset[str], settings: DumpSettings = SETTINGS
) -> int | None:
    limit = widths.narrow_limit + WRAP_SLACK_COLUMNS
    for j in range(1, len(block.lines)):
        if block.lines[j - 1].closes:
            continue  # a wrap at a space between Latin words ("call " / "center")
        # A list marker opening a line inside a paragraph starts another paragraph: the
        # one before was a cell left open at a page's foot ("…合宜" / "• 100 年度…").
        same_page = block.lines[j].page == block.lines[j - 1].page
        if same_page and opens_entry(block.lines[j].text):
            return j
        # Units listed with 、 left open at a page's foot, then the next cell's first line.
        if same_page and _units_then_other(block, j, widths, vocab):
            return j
        # "不適用" or "無" is a whole result, never the rest of a wrapped line.
        if same_page and NOT_APPLICABLE.regex.match(block.lines[j].text):
            return j
        # "得分：" waits for its score: a line that opens with no number is another cell's
        # (the score printed past a page break, the indicator beside it on this page).
        if same_page and _awaits_score(block.lines[j - 1].text, block.lines[j].text):
            return j
        # A wide paragraph left open at a page's foot, then the row's units: a line that is
        # a whole unit name cannot continue a sub-indicator or result mid-sentence.
        if same_page and _units_after_wide(block, j, widths, vocab):
            return j
        prev = block.lines[j - 1].text.strip()
        here = block.lines[j].text.strip()
        # Greedy wrapping fills a line while the next piece fits: a line the one before
        # could surely have taken the first piece of is another cell's ("資訊小組" /
        # "本年度辦理情形如下："), whatever the widths of the columns.
        if same_page and _wrap_not_greedy(prev, here, settings):
            return j
        if _wraps_short(block, j, settings):
            return j
        # A unit the document prints alone elsewhere, after a line too wide for the units
        # column.
        if (
            _wider_than_units(prev, [here], widths)
            and block.lines[j].page == block.lines[j - 1].page
            and (here in vocab or _unit_beside(here, vocab))
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
        if width > limit and with_next_piece(head[-1].text, line) <= width:
            return j
    return None


OPENING_MARKS = "（(「『[〔【"


_TOKEN = regex.compile(r"[A-Za-z0-9]+|\p{Han}|\S")


_TRAILING_MARKS = regex.compile(r"[^\p{Han}\sA-Za-z0-9]*")
_SPACE_RUN = regex.compile(r"\s+")
_OPENS_NUMBER = regex.compile(r"\s*\d")


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
        gap = _SPACE_RUN.match(t, end)
        if gap is None:
            break
        nxt = _TOKEN.match(t, gap.end())
        if nxt is None:
            break
        left, right = t[end - 1], nxt.group()[0]
        if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            break
        end = nxt.end()
    marks = _TRAILING_MARKS.match(t, end)
    return t[: marks.end() if marks else end]


def ends_with_points(text: str) -> bool:
    """Given a paragraph, tell whether it is an item's name with its points: 名稱(100分)."""
    t = match_key(text).rstrip()
    m = ITEM_POINTS_IN.regex.search(t)
    return m is not None and m.start() > 0 and m.end() == len(t)


def measure_widths(
    blocks: Sequence[Block | FurnitureLine], settings: DumpSettings = SETTINGS
) -> Widths:
    """Given a document's blocks, return its wrap widths.

    The wide width is the upper quartile of the widths of lines that wrapped (not a
    paragraph's last line), which the wide sub-indicator and result columns dominate.
    The narrow limit is where the wrapped widths split in two: the item, indicator and
    units columns wrap far narrower than the other two, so the sorted widths show a
    wide gap between the clusters; its middle is the limit.  Paragraphs whose column
    the text itself tells bound where that gap may lie (`_anchor_widths`): without
    them the gap between the sub-indicators' and the results' wraps can look wider.
    """
    widths: list[int] = []
    for b in blocks:
        if isinstance(b, Block) and len(b.lines) > 1:
            widths.extend(display_width(ln.text.strip()) for ln in b.lines[:-1])
    if len(widths) < 8:
        return Widths(wide=settings.default_wide_width, share=settings.narrow_share)
    q = statistics.quantiles(widths, n=4)[2]
    wide = max(int(q), 12)
    narrow, wide_lines = _anchor_widths(blocks)
    lo = max(narrow, default=settings.min_narrow_columns)
    hi = wide
    if len(wide_lines) >= settings.min_anchor_lines:
        wide_lines.sort()
        hi = min(wide, wide_lines[int(len(wide_lines) * settings.short_wrap_share)])
    limit = _natural_break(widths, wide, settings, lo, hi) if lo < hi else None
    if limit is None and lo < hi and narrow and len(wide_lines) >= settings.min_anchor_lines:
        # Both sides seen: the limit lies between them even where the wraps show no
        # wide gap (indicators wrapped at 16 columns, sub-indicators at 20).
        limit = _natural_break(widths, wide, settings, lo, hi, min_gap=1)
    if limit is None and lo >= hi:
        limit = _natural_break(widths, wide, settings)
    units = _unit_paragraphs(blocks)
    return Widths(
        wide=wide,
        narrow=limit,
        share=settings.narrow_share,
        units=max((b.width for b in units), default=None),
        units_wrap=_units_wrap(units),
    )


def _unit_paragraphs(blocks: Sequence[Block | FurnitureLine]) -> list[Block]:
    """Given a document's blocks, return the paragraphs that read as unit names (each
    line a unit line, the whole one name or a 、 list of names)."""
    return [
        b
        for b in blocks
        if isinstance(b, Block)
        and all(is_unit_line(t) for t in b.texts)
        and all(is_unit_name(n) for n in join_wrapped(b.texts).split("、"))
    ]


def _units_wrap(units: Sequence[Block]) -> float | None:
    """Given the paragraphs that read as unit names, return the median of each wrapped
    line's width plus the next line's first piece (the units column is narrower than
    each), or None when no name wrapped on one page."""
    bounds = [
        with_next_piece(a.text, b.text)
        for u in units
        for a, b in itertools.pairwise(u.lines)
        if a.page == b.page
    ]
    return statistics.median(bounds) if bounds else None


def _anchor_widths(blocks: Sequence[Block | FurnitureLine]) -> tuple[list[int], list[int]]:
    """Given a document's blocks, return the wrapped-line widths of paragraphs that their
    text places in a narrow column (an item's name before its "(N分)" or ending with it,
    a unit name wrapped) and in a wide one (a paragraph opened by a sub-indicator
    marker: a sub-indicator or a result's list entry; no narrow cell opens so)."""
    narrow: list[int] = []
    wide: list[int] = []
    for i, b in enumerate(blocks):
        if not isinstance(b, Block) or len(b.lines) < 2:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        ws = [display_width(ln.text.strip()) for ln in b.lines[:-1]]
        joined = join_wrapped(b.texts)
        if (isinstance(nxt, Block) and ITEM_POINTS.regex.match(match_key(nxt.first))) or (
            ends_with_points(joined)
        ):
            narrow += ws
        elif all(is_unit_line(t) for t in b.texts) and is_unit_name(joined):
            narrow += ws
        elif SUB_NO.regex.match(b.first):
            wide += ws
    return narrow, wide


def _natural_break(
    widths: Sequence[int],
    wide: int,
    settings: DumpSettings,
    lo: int | None = None,
    hi: int | None = None,
    min_gap: int | None = None,
) -> float | None:
    """Given wrapped-line widths, return the middle of the widest gap below the wide
    width between widths that many lines wrap at, or None when no gap stands out.

    With bounds (`lo`: the widest narrow line seen, `hi`: the narrowest wide wrap) the
    gap lies between them, and the bounds count as widths wrapped at.
    """
    counts = Counter(widths)
    # Widths seen only now and then are short wraps (a long word pushed down), not columns.
    floor = max(2, len(widths) * settings.min_column_share)
    if lo is not None and hi is not None:
        inside = {v for v, n in counts.items() if n >= floor and lo <= v <= hi}
        values = sorted(inside | {lo, hi})
    else:
        values = sorted(v for v, n in counts.items() if n >= floor and v <= wide)
    gaps = [
        (b - a, a, b) for a, b in itertools.pairwise(values) if a >= settings.min_narrow_columns
    ]
    if not gaps:
        return None
    gap, a, b = max(gaps)
    if gap < (settings.min_gap_columns if min_gap is None else min_gap):
        return None
    return (a + b) / 2


# A line's print, for comparing physical widths without knowing the font: its count of
# wide characters (one em each in any CJK font) and its other characters by class (ASCII
# digits, tabular in every common font, as one; circled numbers as one; anything else as
# itself).  One print is at least as wide as another when it has as many wide characters
# and every other character of the other's, or a spare wide character for each missing one
# no wider than an em (`at_least_as_wide`).
Print = tuple[int, Counter[str]]
_CIRCLED = regex.compile(r"[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
_HANGING = regex.compile(r"[，、。．：；！？）」』】〕,.;:!?)\]]+$")


def line_print(text: str, *, spaces: bool = True) -> Print:
    """Given printed text, return its print (`Print`); with `spaces` False, a space counts
    for nothing."""
    wide = 0
    other: Counter[str] = Counter()
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            wide += 1
        elif "0" <= ch <= "9":
            other["0"] += 1
        elif _CIRCLED.match(ch):
            other["①"] += 1
        elif not ch.isspace():
            other[ch] += 1
        elif spaces:
            other[" "] += 1
    return wide, other


# Narrow characters no wider than a wide one in any common font (digits, brackets and
# punctuation; circled numbers, an em at most; a space, or the gap a tool printed as one,
# at its natural width): a spare wide character stands for one.
_UNDER_AN_EM = frozenset("0①()[].,:;-/!?'\" ")


def at_least_as_wide(a: Print, b: Print) -> bool:
    """Given two prints, tell whether the first is surely at least as wide as the second:
    as many wide characters and every other character of the second's, or a spare wide
    character for each missing one that is no wider than an em."""
    spare = a[0] - b[0]
    for k, n in b[1].items():
        missing = n - a[1][k]
        if missing > 0:
            if k not in _UNDER_AN_EM:
                return False
            spare -= missing
    return spare >= 0


def wrap_bound(line: str, next_line: str) -> tuple[int, Print] | None:
    """Given two consecutive printed lines of one paragraph, return the first with the
    second's first piece on it, as display width and print: a line that wide did not fit
    the column, if a greedy wrap moved the piece down.

    None where the break need not be a wrap (the first line ends a sentence, the second
    opens a list entry, or no engine breaks between the two).  A space in it counts as a
    narrow character (a line compared with it drops its own: a tool prints one where glyphs
    stand apart).  Not every break is greedy: a caller keeps only a bound wider than every
    line of its column."""
    here, nxt = line.strip(), next_line.strip()
    if not here or not nxt or SENTENCE_END.regex.search(here):
        return None
    if opens_entry(nxt) or SUB_NO.regex.match(nxt):
        return None
    if engine_keeps_together(here[-1], nxt[0]):
        return None  # no engine breaks there: a word longer than the line, or no wrap
    # Beside a digit or a Latin letter the text may have had a space that the wrap left
    # at the line's end: count one (too wide errs towards no evidence).
    gap = " " if (here[-1].isascii() and here[-1].isalnum()) or nxt[0].isascii() else ""
    text = here + gap + _unbroken_head(nxt)
    return display_width(text), line_print(text)


def _unbroken_head(text: str) -> str:
    """Given a line, return its longest head no line-breaking engine we know would break
    (`engine_keeps_together`): "65,795" and "www.gov.tw。" travel whole, and so does a
    space next to CJK or a digit ("5 年 8 月"), as in `stitch.first_word_width`; a space
    between two Latin words ends it (a wrap leaves that space at the line's end).  Longer
    than `_leading_chunk`'s piece, which the paragraph cuts use: for a bound, too long
    errs towards no evidence."""
    for j in range(len(text) - 1):
        a, b = text[j], text[j + 1]
        if a.isspace():
            continue
        if b.isspace():
            rest = text[j + 1 :].lstrip()
            if not rest or (
                a.isascii() and a.isalpha() and rest[0].isascii() and rest[0].isalpha()
            ):
                return text[: j + 1]
            continue
        if not engine_keeps_together(a, b):
            return text[: j + 1]
    return text.rstrip()


def held_print(text: str) -> Print:
    """Given a printed line, return the print a column must hold for it: without the
    closing marks at its end, which some producers let hang past the margin."""
    return line_print(_HANGING.sub("", text.strip()), spaces=False)


def printed_whole(bodies: Counter[str], lines: Sequence[str], least: int) -> bool:
    """Given the texts of a dump's paragraphs (`_marked_body`), lines and a length, tell
    whether the lines' text (marker and spaces aside, `least` characters or more) is a
    paragraph the dump prints."""
    body = _marked_body(lines)
    return len(body) >= least and bodies[body] > 0


def printed_cuts(
    texts: Sequence[str], tail: Sequence[str], bodies: Counter[str], least: int
) -> list[int]:
    """Given a paragraph's lines, the lines of the paragraph after it (overleaf), the texts
    of the dump's paragraphs and a length, return each cut whose lines before it and the
    tail make a text the dump prints whole (`printed_whole`), those lines alone printed
    less often (where another page's foot cut the same text there, its part stands as a
    paragraph of its own: "(4) 強化機關…對涉及服務" above its units, printed whole twice):
    where one cell's part ends and another's run on begins."""
    out = []
    for j in range(1, len(texts)):
        whole = _marked_body([*texts[:j], *tail])
        if len(whole) >= least and bodies[whole] > bodies[_marked_body(texts[:j])]:
            out.append(j)
    return out


_BULLET = regex.compile(r"^[•●○■□◆◇※‧·]\s*")


def _marked_body(lines: Sequence[str]) -> str:
    """Given a paragraph's lines, return its text joined, without its leading marker (a
    sub-indicator's, an indicator's or a bullet) and without spaces (cached: the reader
    asks again of every paragraph read so far each time it weighs a repeated text)."""
    return _marked_body_of(tuple(lines))


@functools.lru_cache(maxsize=1 << 16)
def _marked_body_of(lines: tuple[str, ...]) -> str:
    text = join_wrapped(lines)
    m = SUB_NO.regex.match(text) or INDICATOR_NO.regex.match(text)
    if m is not None and m.group("text"):
        text = m.group("text")
    return "".join(_BULLET.sub("", text).split())
