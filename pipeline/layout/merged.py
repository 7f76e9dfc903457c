"""Merged cells printed again: one rule for every layout path.

The item and indicator cells span many rows.  Some producers print such a cell once
(a true merged cell); others print its text again on every row, or again at the top
of each page (browser-printed tables, spreadsheet exports, a dump of either).  A
merged cell's text printed again is not a new item or indicator: it is the cell
that is still open.  Whether a cell is such a repeat is decided here, in layout,
so that structure receives each merged cell once, whatever the producer:

* `printed_again` is the test itself: the cell's text, compacted (spaces dropped),
  equals the open text of its column, or (OCR, `ratio` > 0) is that text read a
  little differently (`near_repeat`).
* The page grid stitcher (`layout.stitch`) applies it cell by cell, with what only
  geometry tells (a repeat cut by the page foot, its rest on the next page).
* `mark_printed_again` applies it to a token stream that has no geometry (text
  dumps): a repeat becomes `Furniture(kind="repeat")`, so its characters stay
  accounted for and structure never sees it as a cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.models import Column, Fragment, Furniture, Token
from pipeline.normalise.patterns import ITEM_POINTS, ITEM_SCORE
from pipeline.normalise.text import near_repeat, score_lines_joined

MERGED_COLUMNS = (Column.ITEM, Column.INDICATOR)


def compact(lines: Iterable[str]) -> str:
    """Given a cell's printed lines, return its text as one key: lines joined, spaces dropped."""
    return "".join(lines).replace(" ", "")


def printed_again(key: str, current: str | None, ratio: float = 0.0) -> bool:
    """Given a merged cell's compact text, the open text of its column (None when none is
    open) and the edits per character allowed (0 outside OCR), return True when the cell
    is the open text printed again."""
    return current is not None and (key == current or near_repeat(key, current, ratio))


def is_item_tail(lines: Sequence[str], before: str | None = None) -> bool:
    """Given an item cell fragment's lines and the open item's last line (if any), return
    True when they hold only the end of an item cell ("(100分)", "得分：88"): a page break
    or the next row cut the open item's cell, and such a tail never opens an item,
    whichever row it lands beside.  A score wrapped inside its number ("得分：47." / "5 分",
    "得分：16" / "0 分") is one line, also where the open item holds its first part."""
    texts = [ln.strip() for ln in lines if ln.strip()]
    if before is not None and texts:
        joined = score_lines_joined([before.strip(), texts[0]])
        if len(joined) == 1:
            texts = texts[1:]
            if not texts:
                return True
    texts = score_lines_joined(texts)
    return bool(texts) and all(
        ITEM_POINTS.regex.match(t) or ITEM_SCORE.regex.match(t) for t in texts
    )


def mark_printed_again(tokens: Sequence[Token]) -> list[Token]:
    """Given a token stream without geometry (a text dump's), return it with every item or
    indicator fragment that prints the open cell's text again as `Furniture("repeat")`.

    The open text grows with the cell's continuations (and an item's tail, "(N分)",
    "得分：N"); a new item closes the open indicator, a dimension heading or a 小計
    closes both.
    """
    open_: dict[Column, str] = {}
    out: list[Token] = []
    for tok in tokens:
        if isinstance(tok, Furniture):
            if tok.kind in ("dimension", "subtotal"):
                open_.clear()
            out.append(tok)
            continue
        if not isinstance(tok, Fragment) or tok.column not in MERGED_COLUMNS or tok.repeat:
            out.append(tok)
            continue
        col, key = tok.column, compact(tok.lines)
        tail = col == Column.ITEM and is_item_tail(tok.lines)
        if (tok.cont or tail) and col in open_:
            open_[col] += key
        elif printed_again(key, open_.get(col)):
            tok = Furniture(kind="repeat", text="\n".join(tok.lines), page=tok.page, bbox=tok.bbox)
        else:
            open_[col] = key
            if col == Column.ITEM:
                open_.pop(Column.INDICATOR, None)
        out.append(tok)
    return out
