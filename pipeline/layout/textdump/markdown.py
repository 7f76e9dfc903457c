"""Markdown tables: what PDF-to-Markdown converters (pymupdf4llm's `to_markdown`, and the
like) print for the form — each page's table as a pipe table, a cell's lines joined by
`<br>`, the page's other text (title, category, dimension heading, page number) as lines
around it.

What such a dump keeps: the cells themselves (parted by `|`, a row a line), the header
row on every page, an empty cell where a merged item or indicator cell goes on or a
cell is empty, and every line of a cell as the PDF wrapped it.  What it loses: the
glyphs' positions (so where a wrap and where a paragraph's end fell), and, on a page
whose column held no text, sometimes the column itself (the converter merges it into
its neighbour's header cell: `評核指標<br>次評核指標`), or splits one (a column
under an empty header cell).

The table is put back as the side-by-side dump it would have been had a tool printed
every cell at its column's start (`markdown_to_layout`): each column as wide as its
widest line in the document, a blank line between rows, a form feed between pages; the
side-by-side reader (`sidebyside`) then reads it as it reads `pdftotext -layout`, with
every check it makes.  A column the converter merged with another that holds text on
its page cannot be told apart: the text goes to the first of its columns and the
`markdown_columns_merged` check fails; so does text under an empty header cell, which
goes to the labelled column before it, and a table row holding two rows' cells.

What the converter does to rows is undone where the dump shows it: a 小計 cut into cells
or glued under the last row's cells is one line (`_subtotal_glued`), a row glued to the
header row's cells is a row (`_labels`), a table without the header row takes the
columns of the one before, and a merged cell's text filled into every row it spans is
one merged cell (`_merged_again`).  The stream's `source_chars` counts the dump's own
text (cells and lines, less those repeats, plus each page's header row as printed), so
`characters_accounted` fails where text found no place.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from pipeline.errors import InputError
from pipeline.layout.textdump.paging import classify_furniture
from pipeline.layout.textdump.sidebyside import (
    SIDE_BY_SIDE,
    ems,
    side_by_side_to_stream,
    width_slack,
    wrap_head_ems,
)
from pipeline.models import Check, PageStream
from pipeline.normalise.patterns import (
    CATEGORY,
    EXTRA_HEADER_LABELS,
    EXTRA_LABEL_SHAPE,
    HEADER_LABELS,
    HEADER_ROW,
    INDICATOR_NO,
    ITEM_POINTS,
    SUB_NO,
    SUBTOTAL,
)
from pipeline.normalise.text import match_key, visible_chars

PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$")
SEPARATOR_ROW = regex.compile(r"^\s*\|(?:\s*:?-+:?\s*\|)+\s*$")
CELL_BREAK = regex.compile(r"<br\s*/?>", regex.IGNORECASE)
# A page's end where the converter marks it: a rule ("-----"; pymupdf4llm's
# `page_separators`: "--- end of page.page_number=3 ---").
PAGE_RULE = regex.compile(r"^\s*-{3,}(?:\s*end of page\b.*?-{3,})?\s*$")
HEADING = regex.compile(r"^\s*#{1,6}\s+")
ESCAPED = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
EMPHASIS = regex.compile(r"(\*\*|__)(.+?)\1")
# A 小計 row's pieces after its label at the foot of the row above's cells: its number, 分.
SUBTOTAL_TAIL = regex.compile(r"^\s*(?:\d+(?:\.\d+)?\s*分?|分)\s*$")
# Cells of one row are parted by a pipe that no backslash escapes.
CELL_PIPE = regex.compile(r"(?<!\\)\|")
COLUMN_GAP = 3  # spaces between two columns of the layout
LABELS = (*HEADER_LABELS, *((label,) for label in EXTRA_HEADER_LABELS))

MERGED_TEXT = "markdown_columns_merged"
# Said of a table row holding two rows' cells (the converter saw no rule between them).
ROWS_GLUED = "(two rows in one: their units and results cannot be parted)"
_ITEM_COL, _IND, _SUB = 0, 1, 2
MAIN = len(HEADER_LABELS)  # the five columns; LABELS goes on with the extra ones
# The layout puts every cell's line at its column's start: nothing is cut or moved.
PLACED = replace(SIDE_BY_SIDE, cells_placed=True)
SPACES = regex.compile(r"\s{2,}")


def plain(text: str) -> str:
    """Given a piece of Markdown text, return it without its markup: heading marks,
    bold, escapes."""
    text = HEADING.sub("", text)
    text = EMPHASIS.sub(r"\2", text)
    return str(SPACES.sub(" ", ESCAPED.sub(r"\1", text))).strip()


def row_cells(line: str) -> list[list[str]]:
    """Given a table row, return its cells, each as its lines."""
    body = line.strip()[1:-1]
    return [[plain(piece) for piece in CELL_BREAK.split(cell)] for cell in CELL_PIPE.split(body)]


def _labels(cell: Sequence[str]) -> tuple[dict[int, str], list[str]]:
    """Given a header row's cell, return the form columns whose labels open it, each with
    the label as printed (a label may take several of its lines), and the lines after
    them: a body row's text the converter glued to the header row ("執行績效與成果<br>•
    依規定定期陳報…")."""
    pieces = [piece for piece in cell if piece]
    found: dict[int, str] = {}
    acc, raw, used = "", "", 0
    for n, piece in enumerate(pieces):
        acc, raw = acc + match_key(piece), raw + piece
        hit = [i for i, labels in enumerate(LABELS) if acc in labels]
        if hit:
            found[hit[0]] = raw
            acc, raw, used = "", "", n + 1
        elif not any(label.startswith(acc) for labels in LABELS for label in labels):
            break
    return found, pieces[used:]


@dataclass(frozen=True, slots=True)
class _Header:
    columns: list[list[int]]  # per Markdown column, the form columns it holds
    glued: list[list[str]]  # per Markdown column, the lines after its labels
    names: dict[int, str]  # per form column, its label as printed


def _other_labels(
    read: list[tuple[dict[int, str], list[str]]],
) -> list[tuple[dict[int, str], list[str]]]:
    """Given each header cell's labels and the lines after them (`_labels`), return them
    with a cell right of the results' that holds no label of the lists but opens with a
    label's shape (`附註`: two to eight ideographs) given the next free column beyond the
    five, under its printed label: the side-by-side reader names the column as printed."""
    out: list[tuple[dict[int, str], list[str]]] = []
    last = -1
    for found, rest in read:
        if not found and last >= MAIN - 1 and rest and EXTRA_LABEL_SHAPE.fullmatch(rest[0]):
            free = range(max(last + 1, MAIN), len(LABELS))
            if free:
                found, rest = {free[0]: rest[0]}, rest[1:]
        last = max([last, *found])
        out.append((found, rest))
    return out


def _header_columns(cells: Sequence[Sequence[str]]) -> _Header | None:
    """Given a header row's cells, return for each the form columns whose labels it holds,
    in order (several where the converter merged columns), the lines after its labels and
    the labels as printed; None when it is no header."""
    read = _other_labels([_labels(cell) for cell in cells])
    flat = [c for found, _ in read for c in found]
    joined = " ".join(LABELS[c][0] for c in flat)
    if flat != sorted(set(flat)) or not HEADER_ROW.regex.search(joined):
        return None
    names = {c: name for found, _ in read for c, name in found.items()}
    return _Header([list(found) for found, _ in read], [rest for _, rest in read], names)


def is_markdown_table(text: str) -> bool:
    """Given a text dump, tell whether it prints the form as Markdown pipe tables: a table
    row holding the header labels in order."""
    return any(
        PIPE_ROW.match(line) and _header_columns(row_cells(line)) is not None
        for line in text.splitlines()
    )


@dataclass(frozen=True, slots=True)
class _Table:
    header: _Header
    rows: list[list[list[str]]]  # per row, per form column, its lines
    own_header: bool = True  # False: a page's table without the header row


def _table(
    cells: Sequence[list[list[str]]], merged: list[str], page: int, before: _Table | None
) -> _Table | None:
    """Given a table's rows as cells (the separator row left out), the list of merged
    places so far, its page and the table before it, return it with its cells placed in
    the form's columns; a table without the header row takes the columns of the one before
    when it has as many (None where it has no header and no such table before)."""
    header = _header_columns(cells[0])
    own = header is not None
    if header is None:
        if before is None or len(cells[0]) != len(before.header.columns):
            return None
        header, cells = replace(before.header, glued=[]), [[], *cells]
    columns = header.columns
    rows = [_placed(columns, header.glued, merged, page)] if any(header.glued) else []
    for row in cells[1:]:
        rest, subtotal = _subtotal_glued(row)
        rows.append(_placed(columns, rest, merged, page))
        if subtotal:
            rows.append(_placed(columns, [[subtotal]], merged, page))
    return _Table(header, rows, own)


def _subtotal_glued(cells: list[list[str]]) -> tuple[list[list[str]], str | None]:
    """Given a row's cells, return them without the 小計 row the converter glued under
    them, and that row's text (None where there is none): a cell's last line "小計" and,
    in the cells after it, last lines that are its number or "分" ("50 分")."""
    at = next(
        (
            i
            for i, cell in enumerate(cells)
            if len(cell) > 1 and SUBTOTAL.regex.match(match_key(cell[-1]))
        ),
        None,
    )
    if at is None:
        return cells, None
    pieces = [cells[at][-1]]
    out = [list(cell) for cell in cells]
    out[at].pop()
    for cell in out[at + 1 :]:
        if cell and SUBTOTAL_TAIL.match(cell[-1]):
            pieces.append(cell.pop())
    joined = "".join(pieces)
    if not SUBTOTAL.regex.match(match_key(joined)):
        return cells, None
    return out, joined


def _merged_again(rows: list[list[list[str]]]) -> list[list[list[str]]]:
    """Given the document's rows (every table's, in order), return them with an item's or
    an indicator's cell emptied where it repeats the row above's, on its page or the page
    before: the converter fills a merged cell's text into every row it spans (the PDF
    path reads a form printing it so, or again at a page's top, as one merged cell)."""
    out = [[list(cell) for cell in row] for row in rows]
    for col in (_ITEM_COL, _IND):
        for above, row, new in zip(rows, rows[1:], out[1:], strict=False):
            if row[col] and row[col] == above[col]:
                new[col] = []
    return out


def _placed(
    columns: Sequence[Sequence[int]], cells: Sequence[Sequence[str]], merged: list[str], page: int
) -> list[list[str]]:
    """Given the table's columns, a row's cells, the merged places so far and the page,
    return the row's lines per form column."""
    placed: list[list[str]] = [[] for _ in LABELS]
    # A 小計 row is one line whatever the columns the converter cut it into, even inside
    # its number ("小計：2" | "66分").
    joined = "".join(piece for cell in cells for piece in cell)
    if SUBTOTAL.regex.match(match_key(joined)):
        placed[0].append(joined)
        return placed
    last = 0  # the labelled column before
    for cols, cell in zip(columns, cells, strict=False):
        text = [piece for piece in cell if piece]
        if text and (len(cols) > 1 or not cols):
            merged.append(f"p{page} {text[0][:12]!r}")
        if text:
            placed[cols[0] if cols else last].extend(text)
        last = cols[-1] if cols else last
    glued = [
        piece
        for col, marker in ((_IND, INDICATOR_NO), (_SUB, SUB_NO))
        for piece in placed[col][1:]
        if marker.regex.match(match_key(piece))
    ]
    glued += [p for p in placed[_ITEM_COL] if ITEM_POINTS.regex.match(match_key(p))][1:]
    if glued:
        merged.append(f"p{page} {glued[0][:12]!r} {ROWS_GLUED}")
    return placed


def _sub_paragraphs(tables: Sequence[_Table]) -> list[str]:
    """Given the document's tables (cells placed), return where a sub-indicator's cell
    holds two paragraphs: a line ending a sentence that left room for the next line's
    head, measured against the column's widest line in the document (the converter keeps
    the PDF's own line breaks, and the column is at least that wide).  A sub-indicator is
    one paragraph: such a cell holds two rows' (the converter saw no rule between them,
    the second row's sub-indicator unnumbered)."""
    cells = [(n, row[_SUB]) for n, t in enumerate(tables, 1) for row in t.rows if len(row) > _SUB]
    widest = max((ems(line) for _, cell in cells for line in cell), default=0.0)
    out = []
    for page, cell in cells:
        for line, nxt in itertools.pairwise(cell):
            ends = line.rstrip().endswith(("。", "！", "？"))
            if ends and ems(line) + width_slack(line, PLACED) + wrap_head_ems(nxt) <= widest:
                out.append(f"p{page} {nxt[:12]!r} {ROWS_GLUED}")
    return out


def _blocks(text: str) -> tuple[list[str | _Table | None], list[str], int]:
    """Given a Markdown dump, return its blocks in order (a line of text, a table, or None
    for a page rule), where merged columns held text, and how many characters (not
    spaces, not markup) its text and cells hold."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str | _Table | None] = []
    merged: list[str] = []
    i, page, chars = 0, 1, 0
    before: _Table | None = None
    while i < len(lines):
        if PIPE_ROW.match(lines[i]):
            rows = []
            while i < len(lines) and PIPE_ROW.match(lines[i]):
                if not SEPARATOR_ROW.match(lines[i]):
                    rows.append(row_cells(lines[i]))
                    chars += sum(visible_chars(p) for cell in rows[-1] for p in cell)
                i += 1
            table = _table(rows, merged, page, before) if rows else None  # rules alone
            if table is not None:
                # Its labels are counted as the layout prints them (`markdown_to_layout`).
                if table.own_header:
                    chars -= sum(visible_chars(name) for name in table.header.names.values())
                out.append(table)
                page += 1
                before = table
            continue
        if PAGE_RULE.match(lines[i]):
            out.append(None)
        elif lines[i].strip():
            line = plain(lines[i])
            out.append(line)
            chars += visible_chars(line)
        i += 1
    return out, merged, chars


def _widths(blocks: Sequence[str | _Table | None]) -> list[int]:
    """Given the blocks, return each form column's width in characters: its widest line
    in the document, its label's at least."""
    widths = [max(len(label) for label in labels) for labels in LABELS]
    for b in blocks:
        if isinstance(b, _Table):
            for row in b.rows:
                for col, cell in enumerate(row):
                    widths[col] = max(widths[col], *(len(piece) for piece in cell), 0)
    return widths


def _printed(cells: Sequence[str], starts: Sequence[int]) -> str:
    """Given one line's text per column and the columns' starts, return the line."""
    out = ""
    for text, at in zip(cells, starts, strict=True):
        if text:
            out = out.ljust(at) if out else " " * at
            out += text
    return out.rstrip()


def _table_lines(table: _Table, starts: Sequence[int]) -> list[str]:
    """Given a table and the columns' starts, return it printed side by side: its header
    row (each label at its column), then each row's lines, a blank line after each."""
    names = table.header.names
    header = [names.get(c, "") for c in range(len(LABELS))]
    out = ["", _printed(header, starts), ""]
    for row in table.rows:
        for k in range(max((len(cell) for cell in row), default=0)):
            out.append(_printed([cell[k] if k < len(cell) else "" for cell in row], starts))
        out.append("")
    return out


def _opens_page(line: str) -> bool:
    """Given a line of text after a table, tell whether it stands at the next page's top
    (the title, the category, a dimension's heading), not at this page's foot (a page
    number, a 小計 the converter left out of the table, notes)."""
    return classify_furniture(line) in ("title", "dimension") or bool(
        CATEGORY.regex.match(match_key(line))
    )


def markdown_to_layout(text: str) -> tuple[str, list[str], int]:
    """Given a Markdown dump, return it as a side-by-side dump (see the module docstring),
    the places where a column the converter merged with another held text, and how many
    characters of the dump's text the layout should keep (its cells and lines, less what
    the converter repeated, and each page's header row)."""
    blocks, merged, chars = _blocks(text)
    tables = [b for b in blocks if isinstance(b, _Table)]
    flat = [row for t in tables for row in t.rows]
    rows = _merged_again(flat)
    # What the converter repeated is no text of the document's (see `_merged_again`); the
    # header row each table's page prints is.
    chars -= sum(visible_chars(p) for row in flat for cell in row for p in cell)
    chars += sum(visible_chars(p) for row in rows for cell in row for p in cell)
    # (an extra column's label, `評分說明`, is no furniture of the stream: not counted)
    chars += sum(visible_chars(n) for t in tables for c, n in t.header.names.items() if c < MAIN)
    for t in tables:
        t.rows[:], rows = rows[: len(t.rows)], rows[len(t.rows) :]
    merged += _sub_paragraphs(tables)
    widths = _widths(blocks)
    starts = [sum(widths[:i]) + COLUMN_GAP * i for i in range(len(widths))]
    out: list[str] = []
    after_table = False
    for b in blocks:
        if b is None:  # the converter's page rule
            after_table = after_table or bool(out)
            continue
        if isinstance(b, _Table):
            if after_table:
                out.append("\f")
            out += _table_lines(b, starts)
            after_table = True
            continue
        if after_table and _opens_page(b):
            out.append("\f")  # the next page's top: its title, category, heading
            after_table = False
        out.append(b)
    return "\n".join(out).replace("\n\f\n", "\n\f") + "\n", merged, chars


def markdown_to_stream(text: str, *, max_pages: int | None = None) -> PageStream:
    """Given a Markdown dump, return its token stream, read as its side-by-side layout is;
    InputError where the tables cannot be placed."""
    layout, merged, chars = markdown_to_layout(text)
    try:
        stream = side_by_side_to_stream(layout, max_pages=max_pages, settings=PLACED)
    except InputError as exc:
        raise InputError(
            "this Markdown dump's tables could not be read as the form's table "
            f"({exc}); process the PDF itself"
        ) from exc
    style = Check(
        "dump_style",
        "info",
        "a Markdown dump (a PDF-to-Markdown converter's pipe tables, as pymupdf4llm "
        "prints them): cells as the converter parted them, each cell's lines as the PDF "
        "wrapped them, read as a side-by-side dump with every cell at its column's start",
        True,
    )
    checks = [c for c in stream.checks if c.check != "dump_style"]
    if merged:
        checks.append(
            Check(
                MERGED_TEXT,
                "error",
                "the converter merged columns under one header cell, or split one under an "
                "empty header cell, and such a column holds text: which column it belongs "
                "to is lost (placed in the first of the merged, or the one before); or it "
                "put two rows in one table row: " + "; ".join(merged[:10]),
                False,
            )
        )
    return PageStream(
        tokens=stream.tokens,
        page_count=stream.page_count,
        header_variant=stream.header_variant,
        source_chars=chars,
        checks=(style, *checks),
    )
