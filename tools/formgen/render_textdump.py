"""The seed's text-dump style as a producer: lay a form out on pages, print it like pdftotext.

`render_textdump(form, rng)` typesets the form as an office would (five columns
with their own wrap widths drawn at random, merged item and indicator cells,
rows broken across pages line by line, the header row repeated on every page)
and prints it the way the seed's dump tool did: cell by cell in reading order,
each paragraph's last line ending in a space and followed by a blank line,
units one per paragraph (or several on one line), a merged cell printed once
where it starts, the tail of a broken row after the next page's header.

Line breaking follows the dump convention that makes wraps recoverable: CJK
breaks anywhere (not before closing punctuation), Latin words and numbers never
split inside, and a break at a space between two Latin words keeps the space at
the line's end ("QR " / "code").  A space next to CJK or a digit never takes a
break (the dump could not show it).  Nothing here imports `pipeline`.
"""

from __future__ import annotations

import copy
import functools
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tools.formgen.model import Form, Rendered

CLOSING = set("，。、；：！？」』）)]%,.;:!?")
OPENING = set("（(「『[")
CN_NUM = "一二三四五六七八九十"


def width(text: str) -> int:
    """Display columns of a line: wide and full-width characters count 2."""
    t = text.rstrip()
    return len(t) if t.isascii() else sum(map(_wide, t)) + len(t)


@functools.cache
def _wide(c: str) -> int:
    return 1 if unicodedata.east_asian_width(c) in ("W", "F") else 0


def _is_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _can_break(text: str, i: int) -> bool:
    """May a line break fall before text[i]?"""
    a, b = text[i - 1], text[i]
    if b == " ":
        return False
    if a == " ":
        return i >= 2 and _is_letter(text[i - 2]) and _is_letter(b)
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return False
    if b in CLOSING or a in OPENING:
        return False
    return True


def wrap(text: str, cols: int) -> list[str]:
    """Given one paragraph and a column width, return its printed lines (a break at a Latin
    space keeps that space at the line's end)."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        end = start
        last_ok: int | None = None
        w = 0
        while end < len(text):
            cw = 1 + _wide(text[end])  # a space counts one column
            if end > start and _can_break(text, end):
                last_ok = end
            if w + cw > cols and end > start:
                break
            w += cw
            end += 1
        if end >= len(text):
            lines.append(text[start:])
            break
        cut = last_ok if last_ok is not None and last_ok > start else None
        if cut is None:  # an unbreakable run wider than the column: overflow to the next chance
            cut = next((j for j in range(end, len(text)) if _can_break(text, j)), len(text))
        lines.append(text[start:cut])
        start = cut
    return lines


@dataclass(slots=True)
class PLine:
    """A printed line of a cell: its text and whether it closes a paragraph."""

    text: str
    closes: bool


@dataclass(slots=True)
class Cell:
    col: int
    lines: list[PLine]
    owner: int  # index of the row that owns this cell (its first row)
    slots: list[tuple[int, int]] = field(default_factory=list)  # (page, y) per line
    span: list[int] = field(default_factory=list)  # rows a merged cell covers (item, indicator)


@dataclass(frozen=True, slots=True)
class Settings:
    widths: tuple[int, int, int, int, int]
    capacity: int  # body lines per page
    form_feeds: bool
    dimension_new_page: bool
    units_inline: bool
    share_unit_line: float  # chance a one-line units cell shares its line with the result
    empty_cell_marks: bool
    sub_space: bool
    header_lead_space: bool


def draw_settings(rng: random.Random) -> Settings:
    form_feeds = rng.random() < 0.5
    return Settings(
        widths=(
            rng.randint(8, 14),
            rng.randint(8, 16),
            rng.randint(20, 34),
            rng.randint(10, 16),
            rng.randint(20, 36),
        ),
        capacity=rng.randint(28, 52),
        form_feeds=form_feeds,
        dimension_new_page=(not form_feeds) or rng.random() < 0.6,
        units_inline=rng.random() < 0.15,
        share_unit_line=rng.choice((0.0, 0.0, 0.2, 0.5)),
        empty_cell_marks=rng.random() < 0.5,
        sub_space=rng.random() < 0.5,
        header_lead_space=rng.random() < 0.5,
    )


def paragraphs_to_lines(paragraphs: list[str], cols: int) -> list[PLine]:
    out: list[PLine] = []
    for p in paragraphs:
        wrapped = wrap(p, cols)
        out.extend(PLine(t, closes=(k == len(wrapped) - 1)) for k, t in enumerate(wrapped))
    return out


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUM[tens - 1] + "十")
    return head + ("" if ones == 0 else CN_NUM[ones - 1])


def indicator_marker(style: str | None, no: str | None) -> str:
    if no is None or style is None:
        return ""
    n = int(no)
    return {"dot": f"{n}.", "cn": f"{cn_numeral(n)}、", "ideo": f"{n}、"}[style]


def sub_marker(style: str, sub_no: str | None) -> str:
    if sub_no is None:
        return ""
    n = int(sub_no.strip("()"))
    return {
        "paren": f"({n})",
        "fullparen": f"（{n}）",
        "halfparen": f"{n})",
        "circled": chr(0x2460 + n - 1),
        "cnparen": f"({cn_numeral(n)})",
    }[style]


def _fmt(x: Any) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def item_paragraphs(item: dict[str, Any], on_name: bool, suffix: bool = False) -> list[str]:
    """Given an item, return its cell's paragraphs: name, "(N分)", "得分：N" (`on_name`: the
    points on the name line; `suffix`: "得分：N 分", as some agencies print it)."""
    pts = f"({item['max_points']}分)"
    score = f"得分：{_fmt(item['score'])}"
    if suffix and item["score"] is not None:
        score += " 分"
    if on_name:
        return [item["name"] + pts, score]
    return [item["name"], pts, score]


@dataclass(slots=True)
class Page:
    top: list[str] = field(default_factory=list)
    body: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (y, col, lines)


def render_textdump(form: Form, rng: random.Random) -> Rendered:
    """Given a form, return its seed-style text dump and the form as it paginated."""
    st = draw_settings(rng)
    style = form["style"]
    doc = form["document"]
    labels = style["header_labels"]
    expected = copy.deepcopy(form)
    rows = form["rows"]
    items = {(i["dimension_no"], i["item_no"]): i for i in form["items"]}

    # --- cells --------------------------------------------------------------------
    cells: list[Cell] = []
    row_cells: list[list[Cell]] = [[] for _ in rows]
    heights = [1] * len(rows)
    spans: list[Cell] = []  # merged cells: one per item, one per indicator
    prev_item: tuple[int, int] | None = None
    prev_ind: tuple[Any, ...] | None = None
    for ri, r in enumerate(rows):
        key = (r["dimension_no"], r["item_no"])
        if key != prev_item:
            c = Cell(
                0,
                paragraphs_to_lines(
                    item_paragraphs(
                        items[key], style["item_points_on_name"], bool(style.get("score_suffix"))
                    ),
                    st.widths[0],
                ),
                ri,
            )
            spans.append(c)
            prev_ind = None
        prev_item = key
        ind_key = (key, r["indicator_no"], r["indicator"])
        if r["indicator"] is not None and ind_key != prev_ind:
            text = indicator_marker(style["indicator_style"], r["indicator_no"]) + r["indicator"]
            spans.append(Cell(1, paragraphs_to_lines([text], st.widths[1]), ri))
        prev_ind = ind_key if r["indicator"] is not None else None
        own: list[Cell] = []
        if r["sub_indicator"] is not None:
            m = sub_marker(style["sub_style"], r["sub_no"])
            sep = " " if m and st.sub_space else ""
            own.append(
                Cell(2, paragraphs_to_lines([m + sep + r["sub_indicator"]], st.widths[2]), ri)
            )
        if r["units"]:
            paras = ["、".join(r["units"])] if st.units_inline else list(r["units"])
            own.append(Cell(3, paragraphs_to_lines(paras, st.widths[3]), ri))
        if r["result"] is not None:
            own.append(Cell(4, paragraphs_to_lines(r["result"].split("\n"), st.widths[4]), ri))
        row_cells[ri] = own
        heights[ri] = max([1, *(len(c.lines) for c in own)])
        cells.extend(own)
    # Spans: an item cell covers its item's rows, an indicator cell its indicator's rows.
    _set_spans(rows, spans)
    for c in spans:
        deficit = len(c.lines) - sum(heights[m] for m in c.span)
        if deficit > 0:
            heights[c.span[-1]] += deficit
        cells.append(c)

    # --- pagination -------------------------------------------------------------------
    pages: list[Page] = []
    page_no = 0
    y = 0
    row_slots: list[list[tuple[int, int]]] = [[] for _ in rows]
    dim_pages: dict[int, list[int]] = {}

    def new_page(first_of_dim: dict[str, Any] | None) -> None:
        nonlocal page_no, y
        pages.append(Page())
        page_no = len(pages)
        y = 0
        pg = pages[-1]
        if first_of_dim is not None or style["repeat_title"] or page_no == 1:
            pg.top.append(f" {doc['title']} ")
        if first_of_dim is not None:
            if doc["category"]:
                pg.top.append(f"{doc['category']} ")
            pg.top.append(f"{first_of_dim['heading']} ")
        lead = " " if (st.header_lead_space and first_of_dim is None) else ""
        pg.top.append(lead + " ".join(labels) + " ")

    dims_by_no = {d["dimension_no"]: d for d in form["dimensions"]}
    for dno, d in dims_by_no.items():
        members = [i for i, r in enumerate(rows) if r["dimension_no"] == dno]
        if not pages or st.dimension_new_page:
            new_page(d)
        else:
            if y + 3 > st.capacity:
                new_page(d)
            else:
                pages[-1].body.append((y, -1, [f"{d['heading']} ", " ".join(labels) + " "]))
                y += 2
        dim_pages[dno] = [page_no]
        for ri in members:
            h = heights[ri]
            if st.capacity - y < 2:
                new_page(None)
            for _ in range(h):
                if y >= st.capacity:
                    new_page(None)
                row_slots[ri].append((page_no, y))
                y += 1
        if y + 1 > st.capacity:
            new_page(None)
        pages[-1].body.append((y, -1, [_subtotal(d, style, rng)]))
        y += 1
        dim_pages[dno].append(page_no)
    if doc.get("notes"):
        note_lines = doc["notes"].split("\n")
        if y + len(note_lines) > st.capacity:
            new_page(None)
        pages[-1].body.append((y, -1, [f"{t} " for t in note_lines]))

    # --- cells onto slots -------------------------------------------------------------
    for c in cells:
        slots = row_slots[c.owner] if c.col >= 2 else [s for m in c.span for s in row_slots[m]]
        c.slots = slots[: len(c.lines)]
    row_pages: list[set[int]] = [set(pg for pg, _ in row_slots[i][:1]) for i in range(len(rows))]
    for c in cells:
        for pg in {p for p, _ in c.slots}:
            row_pages[c.owner].add(pg)
    _print_cells(cells, row_cells, pages, st, rng)

    # --- footers and text -------------------------------------------------------------
    total = len(pages)
    out: list[str] = []
    for n, pg in enumerate(pages, start=1):
        text_lines = list(pg.top)
        for _, _, lines in sorted(pg.body, key=lambda b: (b[0], b[1])):
            text_lines.extend(lines)
        if style["footer"]:
            text_lines.append(_footer(style["footer"], n, total))
        block = "\n".join(_spaced(text_lines)) + "\n"
        out.append(block)
    text = ("\f" if st.form_feeds else "").join(out)
    if st.form_feeds:
        text += "\f"

    # --- expected pages -----------------------------------------------------------------
    expected["document"]["page_count"] = total
    for i, r in enumerate(expected["rows"]):
        r["page_start"], r["page_end"] = min(row_pages[i]), max(row_pages[i])
    for it in expected["items"]:
        key = (it["dimension_no"], it["item_no"])
        idx = [i for i, r in enumerate(rows) if (r["dimension_no"], r["item_no"]) == key]
        item_cell = next(c for c in spans if c.col == 0 and c.owner == idx[0])
        ps = [p for i in idx for p in row_pages[i]] + [p for p, _ in item_cell.slots]
        it["page_start"], it["page_end"] = min(ps), max(ps)
    for d in expected["dimensions"]:
        ps = dim_pages[d["dimension_no"]]
        d["page_start"], d["page_end"] = ps[0], ps[-1]
    expected.pop("style", None)
    return Rendered(
        producer="textdump", suffix=".txt", data=text.encode("utf-8"), expected=expected
    )


def _set_spans(rows: list[dict[str, Any]], spans: list[Cell]) -> None:
    """Given the merged cells, set the rows each covers: its item's rows, or its indicator's
    rows up to the next indicator cell."""
    indicator_rows = {c.owner for c in spans if c.col == 1}
    for c in spans:
        r0 = rows[c.owner]
        c.span = []
        for i in range(c.owner, len(rows)):
            r = rows[i]
            if (r["dimension_no"], r["item_no"]) != (r0["dimension_no"], r0["item_no"]):
                break
            if (
                c.col == 1
                and i > c.owner
                and (
                    (r["indicator_no"], r["indicator"]) != (r0["indicator_no"], r0["indicator"])
                    or i in indicator_rows
                )
            ):
                break
            c.span.append(i)


def _subtotal(d: dict[str, Any], style: dict[str, Any], rng: random.Random) -> str:
    v = _fmt(d["subtotal"])
    if style["subtotal_style"] == "colon":
        return f"小計：{v}分 "
    return f"小計{' ' * rng.randint(4, 9)}{v}{' ' * rng.randint(4, 9)}分 "


def _footer(kind: str, n: int, total: int) -> str:
    return {"page_of": f"第 {n} 頁，共 {total} 頁", "dash": f"- {n} -", "bare": f"{n}"}[kind] + " "


def _spaced(lines: list[str]) -> list[str]:
    """Given printed lines, return them as the dump prints them: a blank line after each
    line that ends a paragraph (ends in a space)."""
    out: list[str] = []
    for ln in lines:
        out.append(ln)
        if ln.endswith(" ") and ln.strip():
            out.append("")
    return out


def _print_cells(
    cells: list[Cell],
    row_cells: list[list[Cell]],
    pages: list[Page],
    st: Settings,
    rng: random.Random,
) -> None:
    """Given cells placed on slots, add each page's part of each cell to that page's body."""
    shared: set[int] = set()
    for own in row_cells:
        units = next((c for c in own if c.col == 3), None)
        result = next((c for c in own if c.col == 4), None)
        if (
            units is not None
            and result is not None
            and len(units.lines) == 1
            and units.slots[0] == result.slots[0]
            and rng.random() < st.share_unit_line
        ):
            shared.add(id(units))
            first = result.lines[0]
            result.lines[0] = PLine(units.lines[0].text + " " + first.text, first.closes)
    for c in cells:
        if id(c) in shared:
            continue
        by_page: dict[int, list[tuple[int, PLine]]] = {}
        for (pg, y), ln in zip(c.slots, c.lines, strict=True):
            by_page.setdefault(pg, []).append((y, ln))
        for pg, part in by_page.items():
            printed = [ln.text + (" " if ln.closes else "") for _, ln in part]
            pages[pg - 1].body.append((part[0][0], c.col, printed))
    if st.empty_cell_marks:
        for own in row_cells:
            cols = {c.col for c in own}
            if own and 3 not in cols:
                y0 = own[0].slots[0]
                pages[y0[0] - 1].body.append((y0[1], 3, [" "]))
