"""Office-suite text exports: the form's document saved as text ("Save as text").

LibreOffice Writer's text export (and the like) prints every paragraph of every table
cell on a line of its own, unwrapped, cell after cell in row order, and an empty cell —
the part of a merged item or indicator cell a row does not start, an empty units or
results cell — as one empty line.  It has no pages: no header row repeated, no footer.
What survives of the grid:

* each dimension's table opens with its five header labels on five lines of their own;
* every row prints its five cells in order: an item's cell where the item starts (its
  name, "(N分)", "得分：…"), else an empty line; an indicator's cell likewise; then the
  sub-indicator, the units (a name a line) and the results (a paragraph a line);
* between two cells that both hold text nothing marks the cell's end: the units are the
  lines after the sub-indicator that read as unit names, the results what follows up to
  the next row (an empty line, or an item's cell) or the 小計.

An author's manual line breaks print each piece of a cell on a line too: an item's name
runs up to its points, an indicator and a sub-indicator may take several lines.

Each row is read every way its lines allow (`_row_readings`), and the reading under
which every row after it reads too wins, the one placing the fewest lines against their
shape first (`_misplaced`): a result that reads like a name ("詳如附件") is the result
where, read as a unit, the next row would start one empty line short; "…提升同仁服" /
"務知能" is one sub-indicator, not a unit after it; a line the document prints after a
marker elsewhere ("3) 提升民眾申辦案件的處理效") opens a cell, not goes on an indicator.
Of readings as good by that count, the one whose indicator and sub-indicator read as the
texts rows read one way print wins ("3.提供預約服務" / "強化機關(單位)服務": other rows
print the indicator "提供預約服務" whole).  Two readings as good of another shape fail
`export_rows_unsure` (read as the longest name, where they differ only in whether a line
ends the result or opens the next item's name broken by hand) — but not that kind in a
document that breaks a table's first item's name by hand (`_breaks_names`) and whose
results hold no bare paragraph (`_bare`).  A units line read as a name by its place alone
(no name's ending, printed once) fails `export_units_unsure`.  A dump whose rows do not
follow the pattern at all (the labels a line each over a block-order dump's paragraphs)
is refused: it is no such export.  So is a table with columns beyond the five
(佐證資料 … a line each after the five labels, or a label no list holds that every table
prints there, 附註): each row prints those cells after the results' paragraphs, a paragraph
a line like them, with nothing between.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import regex

from pipeline.errors import LimitError, NotAFormError
from pipeline.layout.textdump.paging import classify_furniture, header_variant
from pipeline.layout.textdump.units import ends_like_unit
from pipeline.models import Check, Column, Fragment, Furniture, FurnitureKind, PageStream, Token
from pipeline.normalise.patterns import (
    CATEGORY,
    CLOSING_START,
    EXTRA_HEADER_LABELS,
    EXTRA_LABEL_SHAPE,
    HEADER_LABELS,
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
    unbalanced,
)
from pipeline.normalise.text import display_width, match_key, visible_chars

# A unit name as an export prints it, whole: Han (and Latin letters, digits, brackets).
_UNIT_NAME = regex.compile(r"^(?=.*\p{Han})[\p{Han}A-Za-z0-9()（）]{2,24}$")
# A sentence's punctuation: no item name holds it.
SENTENCE_MARK = regex.compile(r"[，。；！？,;]")
# What a results paragraph that is no bare phrase holds: a sentence's or a heading's
# punctuation, or a digit.
BARE_BREAKER = regex.compile(r"[，。；！？,;：:、「」\d]")
# A form feed, with the line end before it: a PDF's dump's page break.
FORM_FEED = regex.compile(r"\r?\n?\f")
# Lines a hand-broken cell may take: an item's name, an indicator, a sub-indicator.
MAX_NAME_LINES = 4
MAX_CELL_LINES = 6


class _Unreadable(Exception):
    """The lines do not follow an export's pattern at this point."""


def _lines(text: str) -> list[str]:
    """Given an export, return its lines, stripped, no-break spaces as spaces (a word
    processor's way to keep two words on one line)."""
    text = (
        text.lstrip("\ufeff")
        .replace("\u00a0", " ")
        .replace("\f", "\n")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
    )
    return [ln.strip() for ln in text.split("\n")]


def _header_at(lines: Sequence[str], i: int) -> bool:
    """Given the lines and an index, tell whether the five header labels stand on the five
    lines from there, one label a line."""
    five = lines[i : i + 5]
    if len(five) < 5:
        return False
    keys = [match_key(t) for t in five]
    if not all(k in labels for k, labels in zip(keys, HEADER_LABELS, strict=True)):
        return False
    return bool(HEADER_ROW.regex.search(" ".join(keys)))


def _extra_labels(lines: Sequence[str], i: int, shared: str | None) -> list[str]:
    """Given the lines, the index after a table's five header labels and the line every
    table prints right after them (`_shared_label`), return the labels of further columns
    standing a line each from there: the vocabulary's (佐證資料, 評分說明 …), then that line."""
    found = []
    while i < len(lines) and match_key(lines[i]) in EXTRA_HEADER_LABELS:
        found.append(lines[i])
        i += 1
    if shared is not None and i < len(lines) and lines[i] == shared:
        found.append(shared)
    return found


def _shared_label(lines: Sequence[str], heads: Sequence[int]) -> str | None:
    """Given the lines and where each table's labels start, return the line a label's
    shape that every table of two or more prints right after its labels (and the
    vocabulary's further ones): a column's label no list holds (附註), since no item's name
    opens two tables; else None."""
    after = set()
    for h in heads:
        i = h + 5
        while i < len(lines) and match_key(lines[i]) in EXTRA_HEADER_LABELS:
            i += 1
        after.add(lines[i] if i < len(lines) else "")
    label = after.pop() if len(heads) > 1 and len(after) == 1 else None
    return label if label is not None and _label_like(label) else None


def _label_like(text: str) -> bool:
    """Given a line, tell whether it can be a column's label: a few ideographs, no digit,
    no mark (not "(100分)", "得分：95", "1.訂定…")."""
    return bool(EXTRA_LABEL_SHAPE.fullmatch(text))


def is_cell_export(text: str) -> bool:
    """Given a text dump, tell whether it prints the header labels a line each, as an office
    suite's text export does (see the module docstring), and not on every page of a PDF's
    dump."""
    lines = _lines(text)
    headers = [i for i, t in enumerate(lines) if t == "評核項目" and _header_at(lines, i)]
    if not headers:
        return False
    # An empty cell is an empty line, and an export has no pages; a PDF's dump may print
    # the labels a line each too (PyMuPDF's get_text), but with no empty line at all and
    # with its pages showing.
    body = _lines(FORM_FEED.sub("\n", text))  # a page's end is no empty line
    body = body[body.index("評核項目") :]
    while body and not body[-1]:
        body.pop()
    return "" in body or not _paged(text, lines, len(headers))


def _paged(text: str, lines: Sequence[str], headers: int) -> bool:
    """Given a dump, its lines and how often the labels stand a line each, tell whether it
    shows a PDF's pages: form feeds, the labels more often than the dimensions' headings,
    the title more than once, or page numbers on lines of their own ("- 2 -", "第 2 頁")."""
    kinds = [classify_furniture(t) for t in lines]
    numbers = [t for t in lines if PAGE_NUMBER.regex.match(t) and not t.isdigit()]
    return (
        "\f" in text
        or headers > kinds.count("dimension")
        or kinds.count("title") > 1
        or len(set(numbers)) > 1
    )


def _item_end(lines: Sequence[str], i: int) -> int | None:
    """Given the lines and where an item's cell may start, return the index after the
    cell (its name, its points, its score), or None where no item's cell starts there.
    The name takes up to `MAX_NAME_LINES` lines (broken by hand: "服務一致及" / "正確性"),
    none a sentence's, its points on a line of their own or ending its last line."""
    j = i
    while j < len(lines) and j - i < MAX_NAME_LINES and _name_line(lines[j]):
        if _points_at_end(lines[j]):
            return _after_score(lines, j + 1)
        if j + 1 < len(lines) and ITEM_POINTS.regex.match(match_key(lines[j + 1])):
            return _after_score(lines, j + 2)
        j += 1
    return None


def _name_line(text: str) -> bool:
    """Given a line, tell whether it may be (part of) an item's name: text, no points
    alone, no sentence's punctuation."""
    return (
        bool(text)
        and not ITEM_POINTS.regex.match(match_key(text))
        and not (SENTENCE_MARK.search(text))
    )


def _after_score(lines: Sequence[str], j: int) -> int:
    """Given the lines and the index after an item's points, return the index after its
    score line ("得分：…"), if one follows."""
    if j < len(lines) and ITEM_SCORE.regex.match(match_key(lines[j])):
        return j + 1
    return j


def _points_at_end(text: str) -> bool:
    """Given a line, tell whether it ends with an item's points ("服務便捷性(120分)")."""
    key = match_key(text)
    m = ITEM_POINTS_IN.regex.search(key)
    return m is not None and m.start() > 0 and not key[m.end() :].strip()


def _item_name_lines(lines: Sequence[str]) -> int:
    """Given an item cell's lines (its name's lines, its points, its score), return how
    many lines its name takes."""
    for j, t in enumerate(lines):
        if _points_at_end(t):
            return j + 1
        if ITEM_POINTS.regex.match(match_key(t)):
            return j
    return 1


def _item_tokens(lines: Sequence[str]) -> list[Token]:
    """Given an item cell's lines (its name's lines, its points, its score), return its
    fragments: the name one paragraph, the points and the score one each."""
    k = _item_name_lines(lines)
    out: list[Token] = [Fragment(Column.ITEM, tuple(lines[:k]), 1)]
    return out + [Fragment(Column.ITEM, (t,), 1, cont=True) for t in lines[k:]]


@functools.lru_cache(maxsize=1 << 14)
def _is_unit(text: str) -> bool:
    """Given a line after a sub-indicator, tell whether it reads as unit names: a name, or
    names listed with 、, each whole (an export wraps nothing), with no sentence's
    punctuation, no list marker, not 不適用."""
    if NOT_APPLICABLE.regex.match(text) or _marked(text):
        return False
    names = text.split("、")
    return all(_UNIT_NAME.match(n) for n in names)


@functools.lru_cache(maxsize=1 << 14)
def _names_unit(text: str) -> bool:
    """Given a line, tell whether it reads as a unit name, by its shape and its ending."""
    return _is_unit(text) and all(ends_like_unit(n) for n in text.split("、"))


def _result_tokens(lines: Sequence[str]) -> list[Token]:
    return [Fragment(Column.RESULT, (t,), 1, cont=k > 0) for k, t in enumerate(lines)]


def _units_tokens(lines: Sequence[str]) -> list[Token]:
    return [Fragment(Column.UNITS, (t,), 1, cont=k > 0, names=(t,)) for k, t in enumerate(lines)]


def _run_ends(lines: Sequence[str], i: int) -> list[int]:
    """Given the lines and where a row's units cell starts, return where the run of text
    after it may end: at the first line an item's cell may start on, and at each later
    line of that cell's name that may start it too (a result's last paragraph with no
    sentence's punctuation may also be a name's first line); where none, at the empty
    line or the table's end."""
    j = i + 1
    while j < len(lines) and lines[j]:
        end = _item_end(lines, j)
        if end is not None:
            return [j, *(k for k in range(j + 1, end) if _item_end(lines, k) == end)]
        j += 1
    return [j]


def _tail_readings(lines: Sequence[str], i: int) -> Iterator[tuple[list[Token], int]]:
    """Given the lines and where a row's units cell starts, yield each reading of its units
    and results cells with where the next row starts, the most units first: the names
    are the lines that read as such, the results the rest up to the next row."""
    if i >= len(lines):
        return
    if not lines[i]:  # no units
        if i + 1 < len(lines) and lines[i + 1]:
            for end in _run_ends(lines, i + 1):
                yield _result_tokens(lines[i + 1 : end]), end
        elif i + 1 < len(lines):
            yield [], i + 2  # nor results
        return
    for end in _run_ends(lines, i):
        names = next((k for k in range(i, end) if not _is_unit(lines[k])), end) - i
        for m in range(max(names, 1), 0, -1):  # a units cell holds a line at least
            units = _units_tokens(lines[i : i + m])
            if i + m < end:
                yield units + _result_tokens(lines[i + m : end]), end
            elif end < len(lines) and not lines[end]:
                yield units, end + 1  # no results: an empty line


def _cell_lines(lines: Sequence[str], i: int) -> range:
    """Given the lines and where a hand-broken cell may start, return how many lines it may
    take: 1 up to `MAX_CELL_LINES`, all with text."""
    k = 0
    while k < MAX_CELL_LINES and i + k < len(lines) and lines[i + k]:
        k += 1
    return range(1, k + 1)


Reading = tuple[list[Token], int, tuple[int, int, int]]


def _row_readings(lines: Sequence[str], i: int, first: bool) -> Iterator[Reading]:
    """Given a table's body lines, where a row starts and whether it is the table's first,
    yield each reading of the row: its tokens, where the next row starts, and its shape
    (that place, the indicator's and the sub-indicator's line counts)."""
    head: list[Token] = []
    if lines[i]:
        end = _item_end(lines, i)
        if end is None:
            return
        head = _item_tokens(lines[i:end])
        i = end
    elif first:
        return
    else:
        i += 1
    if i >= len(lines):
        return
    for k_ind in _cell_lines(lines, i) if lines[i] else range(0, 1):
        s = i + max(k_ind, 1)
        indicator = [Fragment(Column.INDICATOR, tuple(lines[i:s]), 1)] if k_ind else []
        for k_sub in _cell_lines(lines, s):
            sub = Fragment(Column.SUB, tuple(lines[s : s + k_sub]), 1)
            for tail, nxt in _tail_readings(lines, s + k_sub):
                yield [*head, *indicator, sub, *tail], nxt, (nxt, k_ind, k_sub)


def _misplaced(tokens: Sequence[Token], openings: frozenset[str] = frozenset()) -> int:
    """Given a row's tokens and the texts the document prints after a list marker
    (`_openings`), count the lines its reading places against their shape: units
    lines that read as no name, results paragraphs, indicator or sub-indicator lines that
    read as a unit name, a cell's later line opening with a list marker or reading as a
    text the document opens with one elsewhere ("提升民眾申辦案件的處理效" under "1.推動公私協
    力", printed "3) 提升民眾申辦案件的處理效" elsewhere: the sub-indicator's first line), a
    cell's first line opening with a mark that closes (the rest of a line broken by hand), a
    cell's line falling short of a later one (`_short_lines`), an indicator's later line
    with a sentence's punctuation, an indicator or a sub-indicator whose brackets do not
    pair up (`_brackets_apart`), a sub-indicator left open before a units line
    (`_sub_left_open`)."""
    count = 0
    for t in tokens:
        if not isinstance(t, Fragment):
            continue
        if t.column == Column.UNITS:
            count += not _is_unit(t.lines[0])
            continue
        if t.column == Column.ITEM:
            continue  # a name's lines hold no sentence (`_name_line`)
        count += sum(_names_unit(ln) for ln in t.lines)
        count += bool(CLOSING_START.regex.match(t.lines[0])) and not t.cont
        count += sum(_marked(ln) or ln in openings for ln in t.lines[1:])
        count += _short_lines(t.lines)
        count += t.column in (Column.INDICATOR, Column.SUB) and _brackets_apart(t.lines)
        if t.column == Column.INDICATOR:  # a heading: no sentence's punctuation past its line
            count += sum(bool(SENTENCE_MARK.search(ln)) for ln in t.lines[1:])
    return count + _sub_left_open(tokens)


def _brackets_apart(lines: Sequence[str]) -> bool:
    """Given an indicator's or a sub-indicator's lines, tell whether its text after its
    list marker ("2)", "(五)") holds a bracket that does not pair up: a bracket's words
    parted between the two ("1.推動線上申辦" / "定期檢查各類硬體設施(如" over "飲水機、…)，確")."""
    text = "".join(lines)
    m = _marker_match(text)
    return unbalanced(m.group("text") if m is not None else text)


def _sub_left_open(tokens: Sequence[Token]) -> int:
    """Given a row's tokens, return 1 where its sub-indicator's last line stops short of a
    sentence's end and its first units line is no name by its ending: the sub-indicator's
    rest broken by hand ("…，提升同仁服" / "務知能"), read as a unit."""
    sub = next((t for t in tokens if isinstance(t, Fragment) and t.column == Column.SUB), None)
    unit = next((t for t in tokens if isinstance(t, Fragment) and t.column == Column.UNITS), None)
    if sub is None or unit is None or SENTENCE_END.regex.search(sub.lines[-1]):
        return 0
    return int(not _names_unit(unit.lines[0]))


def _short_lines(lines: Sequence[str]) -> int:
    """Given a hand-broken cell's lines, count those before its last that fill less than
    half of a later line: an author breaks a cell's lines where they fill its width, so
    only the last falls short ("機制" over "強化機關(單位)服務人員…" is the end of the cell
    above)."""
    widths = [display_width(ln) for ln in lines]
    return sum(2 * w < max(widths[k + 1 :]) for k, w in enumerate(widths[:-1]))


@functools.lru_cache(maxsize=1 << 14)
def _marked(text: str) -> bool:
    """Given a line, tell whether it opens with a list marker ("(2)", "二、", "①")."""
    return _marker_match(text) is not None


def _marker_match(text: str) -> regex.Match[str] | None:
    """Given a line, return the match of a sub-indicator's or an indicator's marker opening
    it (its text after the marker: group "text"), else None."""
    return SUB_NO.regex.match(text) or INDICATOR_NO.regex.match(text)


class Twofold(NamedTuple):
    """A row that reads two ways (see `_read_table`): its first text, and whether the
    readings differ only in where the row ends before the next item's cell."""

    row: str
    ends_only: bool


def _openings(lines: Sequence[str]) -> frozenset[str]:
    """Given the export's lines, return the texts it prints after an indicator's or a
    sub-indicator's marker ("3) 提升民眾…": "提升民眾…"), each a cell's first line."""
    found = (_marker_match(t) for t in lines)
    return frozenset(m.group("text") for m in found if m is not None and m.group("text"))


def _read_table(
    lines: Sequence[str],
    openings: frozenset[str] = frozenset(),
    known: frozenset[str] = frozenset(),
) -> tuple[list[Token], list[Twofold], set[str]]:
    """Given a table's body lines (after its header labels, before its 小計), the texts the
    document prints after a list marker (`_openings`) and the indicators' and
    sub-indicators' texts of the rows of its tables that read one way (`_cell_texts`),
    return its rows' tokens, the rows that read two ways and the texts of its own rows
    that read one way.

    Each row is read every way its lines allow (`_row_readings`) under which every row
    after it reads too; the reading that places the fewest lines against their shape
    (`_misplaced`) wins, then the one whose indicator and sub-indicator read as texts of
    the rows read one way ("3.提供預約服務" / "強化機關(單位)服務" / "人員(含委外 …": the
    indicator "提供預約服務" and the sub-indicator "強化機關(單位)服務人員…" as other rows
    print them), the fewest lines in the indicator and sub-indicator and the most units
    first.
    Two readings as good of another shape (the row ending elsewhere, the indicator or
    sub-indicator taking other lines) are a guess, noted; readings parting the same lines
    between units and results otherwise are weighed by the lines' shapes (`_checks`); of
    readings as good that differ only in where the row ends before the next item's cell,
    the one giving the name the most lines.  Solved from the table's end back (no
    recursion: a table may hold hundreds of rows).  _Unreadable where no reading reads
    through."""
    n = len(lines)
    # Per line where a row may start: the least (misplaced lines, unknown cell texts) from
    # there to the table's end, the row's tokens and where the next row starts under it.
    best: list[tuple[tuple[int, int], list[Token], int] | None] = [None] * n + [((0, 0), [], n)]
    shapes: list[set[tuple[int, int, int]]] = [set() for _ in range(n)]
    for i in range(n - 1, -1, -1):
        for tokens, nxt, shape in _row_readings(lines, i, first=i == 0):
            after = best[nxt]
            if after is None:
                continue
            mine = (_misplaced(tokens, openings), -len(_cell_texts(tokens) & known))
            cost = (after[0][0] + mine[0], after[0][1] + mine[1])
            found = best[i]
            if found is None or cost < found[0]:
                best[i], shapes[i] = (cost, tokens, nxt), {shape}
            elif cost == found[0]:
                shapes[i].add(shape)
    out: list[Token] = []
    twofold: list[Twofold] = []
    sure: set[str] = set()
    i = 0
    while i < n:
        row = best[i]
        if row is None:
            raise _Unreadable(f"no row reads at {lines[i][:20]!r}" if lines[i] else "")
        if len(shapes[i]) > 1:
            # Ending only at one of the lines an item's name may start on: the result's
            # last paragraph or the name's first line.
            ends_only = len({shape[1:] for shape in shapes[i]}) == 1
            twofold.append(Twofold(next(t for t in lines[i:] if t)[:12], ends_only))
        else:
            sure |= _cell_texts(row[1])
        out += row[1]
        i = row[2]
    return out, twofold, sure


def _cell_texts(tokens: Sequence[Token]) -> set[str]:
    """Given a row's tokens, return its indicator's and sub-indicator's texts, each with
    its lines joined and without its list marker."""
    out = set()
    for t in tokens:
        if isinstance(t, Fragment) and t.column in (Column.INDICATOR, Column.SUB):
            text = "".join(t.lines)
            m = _marker_match(text)
            out.add(m.group("text") if m is not None and m.group("text") else text)
    return out


def _breaks_names(lines: Sequence[str], heads: Sequence[int]) -> bool:
    """Given the export's lines and where its header labels stand, tell whether it breaks
    an item's name by hand where nothing else can be read into it: the name of a table's
    first item, right under its labels, on more than one line."""
    for h in heads:
        end = _item_end(lines, h + 5) if h + 5 < len(lines) else None
        if end is not None and _item_name_lines(lines[h + 5 : end]) > 1:
            return True
    return False


def _furniture(text: str) -> FurnitureKind:
    """Given a line outside the tables, return its furniture kind: a title or a dimension's
    heading (`classify_furniture`), a category line, or other text."""
    kind = classify_furniture(text)
    if kind in ("title", "dimension"):
        return kind
    return "category" if CATEGORY.regex.match(match_key(text)) else "other"


def _read(lines: Sequence[str]) -> tuple[list[Token], list[Twofold], bool]:
    """Given the export's lines, return its tokens (furniture around the tables, each
    table's rows, the notes after the last 小計), the rows that read two ways and whether
    it breaks items' names by hand (`_breaks_names`).

    A table with a row read two ways is read again knowing the indicators' and
    sub-indicators' texts of the rows its tables read one way (`_read_table`)."""
    heads = [i for i, t in enumerate(lines) if t == "評核項目" and _header_at(lines, i)]
    if not heads:
        raise _Unreadable("no header labels")
    long_names = _breaks_names(lines, heads)
    openings = _openings(lines)
    shared = _shared_label(lines, heads)
    # The tokens in pieces: the furniture between tables, and each table's rows.
    pieces: list[list[Token]] = [[]]
    tables: list[tuple[int, Sequence[str], list[Twofold], set[str]]] = []
    done = 0
    for h in heads:
        for t in lines[done:h]:
            if t:
                pieces[-1].append(Furniture(_furniture(t), t, 1))
        extra = _extra_labels(lines, h + 5, shared)
        if extra:
            raise _Unreadable(
                f"the table has columns beyond the five ({'、'.join(extra)}), whose cells an "
                "export prints after the results' with nothing between them"
            )
        pieces[-1].append(Furniture("header", " ".join(lines[h : h + 5]), 1))
        end = _table_end(lines, heads, h)
        rows, twofold, sure = _read_table(lines[h + 5 : end], openings)
        tables.append((len(pieces), lines[h + 5 : end], twofold, sure))
        pieces += [rows, [Furniture("subtotal", lines[end], 1)]]
        done = end + 1
    pieces[-1] += [Furniture("notes", t, 1) for t in lines[done:] if t]
    known = frozenset(text for *_, sure in tables for text in sure)
    unsure: list[Twofold] = []
    for at, body, twofold, _ in tables:
        if twofold:
            pieces[at], twofold, _ = _read_table(body, openings, known)
        unsure += twofold
    return [t for piece in pieces for t in piece], unsure, long_names


def _table_end(lines: Sequence[str], heads: Sequence[int], h: int) -> int:
    """Given the export's lines, where its header labels stand and one of those, return
    where that table's 小計 stands; _Unreadable where it has none before the next table."""
    end = next(
        (k for k in range(h + 5, len(lines)) if SUBTOTAL.regex.match(match_key(lines[k]))),
        None,
    )
    nxt = next((k for k in heads if k > h), len(lines))
    if end is None or end > nxt:
        raise _Unreadable("a table without its 小計")
    return end


def _bare(text: str) -> bool:
    """Given a results paragraph, tell whether it is bare: no sentence's or a heading's
    punctuation, no digit, not 不適用 ("（以下空白）", "詳如附件")."""
    return not BARE_BREAKER.search(text) and not NOT_APPLICABLE.regex.match(text)


def _checks(tokens: Sequence[Token], rows: Sequence[Twofold], long_names: bool) -> list[Check]:
    """Given an export's tokens and the rows that read two ways, return failed checks
    naming those rows, and the units lines read as names by their place alone: text that
    reads as no name, or a name with no name's ending the document lists only once (a
    result's first paragraph could read so).

    A row whose readings differ only in where it ends before an item's name broken by hand
    (`創新` the result's last paragraph, or the name's first line) is no guess where the
    document breaks names by hand and prints no bare results paragraph (`_bare`) anywhere:
    its results are sentences, so `創新` opens the name."""
    bare = any(
        _bare(ln)
        for t in tokens
        if isinstance(t, Fragment) and t.column == Column.RESULT
        for ln in t.lines
    )
    twofold = [r.row for r in rows if bare or not long_names or not r.ends_only]
    out = []
    if twofold:
        msg = (
            "rows that read two ways, both through to the 小計 (read with the fewest "
            "indicator and sub-indicator lines, the most units): "
        )
        out.append(Check("export_rows_unsure", "error", msg + "; ".join(twofold), False))
    names = [t.lines[0] for t in tokens if isinstance(t, Fragment) and t.column == Column.UNITS]
    shaky = [n for n in names if not _is_unit(n) or (not ends_like_unit(n) and names.count(n) < 2)]
    if shaky:
        msg = (
            "lines read as unit names by their place alone (no name's ending, listed once; "
            "a result's first paragraph could read so): " + "; ".join(dict.fromkeys(shaky))
        )
        out.append(Check("export_units_unsure", "error", msg, False))
    return out


def export_to_stream(text: str, *, max_pages: int | None = None) -> PageStream:
    """Given an office suite's text export of a form, return its token stream.

    NotAFormError when its rows do not follow the export's pattern; LimitError never (an
    export has one page)."""
    if max_pages is not None and max_pages < 1:
        raise LimitError.pages(1, max_pages)
    try:
        tokens, twofold, long_names = _read(_lines(text))
    except _Unreadable as why:
        raise NotAFormError(
            "no evaluation table found: the header labels stand a line each, as an office "
            f"suite's text export prints a table, but the rows do not read so ({why}); "
            "process the PDF, or the document itself saved as PDF"
        ) from None
    return PageStream(
        tokens=tuple(tokens),
        page_count=1,
        header_variant=header_variant(tokens),
        source_chars=visible_chars(text.lstrip("\ufeff")),
        checks=tuple(_checks(tokens, twofold, long_names)),
    )
