"""Text dump → paged lines and paragraphs: form feeds or repeated headers make pages;
headers, footers, titles, the category line and the notes after the last 小計 are
furniture; a trailing space ends a paragraph."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace

import regex

from pipeline.layout.textdump.blocks import PAGE_FURNITURE, Block, FurnitureLine, Line
from pipeline.models import Check, Furniture, FurnitureKind, Token
from pipeline.normalise.patterns import (
    DIMENSION,
    HEADER_ROW,
    PAGE_NUMBER,
    SUBTOTAL,
    TITLE,
)
from pipeline.normalise.text import match_key

_LATIN_END = regex.compile(r"[A-Za-z]\s+$")


_LATIN_START = regex.compile(r"^[a-z]")


@functools.lru_cache(maxsize=1 << 14)
def classify_furniture(line: str) -> FurnitureKind | None:
    """Given one line, return its furniture kind (header/title/dimension/subtotal) or None.

    Cached: each line is asked several times while a dump is paged."""
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


def _line_items(
    raw: str, page: int, kind: FurnitureKind | None = None
) -> list[Line | FurnitureLine]:
    if not raw.strip():
        # closes marks a line of spaces (an empty cell printed) apart from a blank line.
        return [Line(text="", page=page, closes=raw != "")]
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


def header_variant(tokens: Sequence[Token]) -> str | None:
    """Given a dump's tokens, return the fifth header label of its first header row
    (執行績效與成果, 具體作法與成果 or 辦理情形), or None."""
    for t in tokens:
        if isinstance(t, Furniture) and t.kind == "header":
            m = HEADER_ROW.regex.search(match_key(t.text))
            return m.group("fifth") if m else None
    return None


def extra_column_checks(items: Sequence[Line | FurnitureLine]) -> list[Check]:
    """Given a dump's lines, return an `extra_columns_unread` error when a header row names
    columns beyond the five (佐證資料, 評分說明, 備註 or any other label after the results').

    A dump that prints each cell's paragraphs one after another keeps no column positions:
    such a column's cells come after the results' paragraphs and read like them ("見佐證資料
    第 3 頁", "詳附件一"), so a reading of this style cannot tell them apart and may put them
    into the results.  The PDF path and side-by-side dumps place them by the header's x
    positions (rows.extra)."""
    labels: dict[str, None] = {}
    for it in items:
        if isinstance(it, FurnitureLine) and it.kind == "header":
            key = match_key(it.text)
            m = HEADER_ROW.regex.search(key)
            if m is not None:
                labels.update(dict.fromkeys(key[m.end() :].split()))
    if not labels:
        return []
    named = "、".join(labels)
    return [
        Check(
            "extra_columns_unread",
            "error",
            f"the header row names column(s) beyond the five ({named}): this dump prints the "
            "cells one after another and keeps nothing that parts such a column's text from "
            "the results', so it may be read into them; read the PDF itself, or its "
            "side-by-side dump (pdftotext -layout), which place that column by the header",
            False,
        )
    ]
