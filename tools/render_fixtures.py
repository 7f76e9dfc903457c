"""Render golden JSON files as born-digital PDFs laid out the way an office would print them.

`python -m tools.render_fixtures` rewrites every fixture in `tests/fixtures/pdf/`:
one `<name>.pdf` plus a `<name>.pages.json` sidecar recording the page every
row, item and dimension was placed on (the PDF's own pagination, which the
round-trip tests compare against).  The layout engine is our own, on top of the
reportlab canvas, so that it can do what office suites do and platypus does not:
merged cells that continue across page breaks, rows that break across pages line
by line, a header row repeated on every page.  Needs reportlab (dev dependency)
and the Debian fonts listed in `tools/README.md`; the tests never import this.
"""

from __future__ import annotations

import argparse
import json
import string
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from tools.formgen.render_textdump import item_paragraphs
from tools.render_lo import RenderError, indicator_text, sub_text

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
OUT = ROOT / "tests" / "fixtures" / "pdf"

A4 = (595.28, 841.89)

HEADERS_A = ("評核項目", "評核指標", "次評核指標", "主辦單位", "執行績效與成果")
HEADERS_B = ("評核項目", "評核指標", "次評核指標", "主辦單位", "具體作法與成果")


@dataclass(frozen=True, slots=True)
class FontSpec:
    name: str
    path: str
    subfont: int = 0


@dataclass(frozen=True, slots=True)
class Layout:
    """Everything that differs between two offices' printouts of the same form."""

    name: str
    pagesize: tuple[float, float]
    margin_left: float
    margin_top: float
    margin_bottom: float
    col_widths: tuple[float, ...]  # the five columns' (and any beyond them: `with_extra_widths`)
    font: FontSpec
    size: float
    leading: float
    para_space: float
    pad: float
    headers: tuple[str, str, str, str, str]
    merged: bool  # merge item/indicator cells vertically (True) or repeat their text per row
    vertical_rules: bool
    sub_sep: str  # between "(1)" and the sub-indicator text
    justify: bool
    fake_bold_header: bool
    footer: str  # format with {n}; "" for none
    title_size: float = 14.0
    heading_size: float = 12.0
    min_split_lines: int = 2
    horizontal_rules: bool = True
    producer: str = "evaltable fixture renderer"


LAYOUT_A = Layout(
    name="a4_merged",
    pagesize=A4,
    margin_left=40.0,
    margin_top=42.0,
    margin_bottom=48.0,
    col_widths=(72.0, 66.0, 148.0, 82.0, 147.28),
    font=FontSpec("UMingTW", "/usr/share/fonts/truetype/arphic/uming.ttc", 2),
    size=11.0,
    leading=15.0,
    para_space=4.0,
    pad=4.0,
    headers=HEADERS_A,
    merged=True,
    vertical_rules=True,
    sub_sep=" ",
    justify=True,
    fake_bold_header=False,
    footer="第 {n} 頁",
)

LAYOUT_B = Layout(
    name="landscape_repeated",
    pagesize=(A4[1], A4[0]),
    margin_left=36.0,
    margin_top=36.0,
    margin_bottom=40.0,
    col_widths=(96.0, 118.0, 200.0, 100.0, 255.89),
    font=FontSpec("UKaiTW", "/usr/share/fonts/truetype/arphic/ukai.ttc", 2),
    size=12.0,
    leading=16.5,
    para_space=2.5,
    pad=5.0,
    headers=HEADERS_B,
    merged=False,
    vertical_rules=False,
    sub_sep="",
    justify=False,
    fake_bold_header=True,
    footer="- {n} -",
)


# --- text → lines -----------------------------------------------------------------------


def _width(text: str, layout: Layout) -> float:
    return float(pdfmetrics.stringWidth(text, layout.font.name, layout.size))


_LATIN = frozenset(string.ascii_letters)
_DIGITS = frozenset(string.digits)


def _wrap_separator(left: str, right: str) -> str:
    """Given the characters either side of a line break, return what a reader puts back:
    a space between Latin letters (or a letter and a digit, either way) — the words a
    space parted in print — and nothing elsewhere (CJK text, a number broken mid-way).
    Stated here from the typography, not taken from the pipeline, so that fixtures do
    not follow the code they test."""
    a, b = left[-1:], right[:1]
    if (a in _LATIN and (b in _LATIN or b in _DIGITS)) or (a in _DIGITS and b in _LATIN):
        return " "
    return ""


def _break_ok(text: str, j: int) -> int | None:
    """Given a break before text[j], return where the next line starts, or None if not allowed.

    A break is allowed only where the structure stage's wrap-joining restores the
    text exactly: between two non-space characters that join with nothing, or at
    one space between two Latin words (the join puts the space back).
    """
    a, b = text[j - 1], text[j]
    if a != " " and b != " " and _wrap_separator(a, b) == "":
        return j
    if b == " " and a != " " and j + 1 < len(text) and text[j + 1] != " ":
        if _wrap_separator(a, text[j + 1]) == " ":
            return j + 1
    return None


def wrap(text: str, limit: float, layout: Layout) -> list[str]:
    """Given one paragraph, return its lines greedily wrapped at `limit` points."""
    lines: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        if _width(text[start:], layout) <= limit:
            lines.append(text[start:])
            break
        # The longest line that fits, at least one glyph: a line's width never shrinks as
        # it grows, so a binary search finds the greedy end (text[start:] overruns).
        end, over = start + 1, n
        while over - end > 1:
            mid = (end + over) // 2
            if _width(text[start:mid], layout) <= limit:
                end = mid
            else:
                over = mid
        # text[start:end] fits; find the last allowed break at or before `end`.
        j = end
        nxt: int | None = None
        while j > start:
            nxt = _break_ok(text, j)
            if nxt is not None:
                break
            j -= 1
        if nxt is None or j <= start:
            raise RenderError(f"cannot wrap {text[start : end + 5]!r} at {limit:.0f}pt")
        lines.append(text[start:j])
        start = nxt
    return lines


def wrap_unit(unit: str, limit: float, layout: Layout) -> list[str]:
    """Given one unit name, return its lines: one if it fits, else split before its "(" qualifier."""
    if _width(unit, layout) <= limit:
        return [unit]
    k = unit.find("(")
    if k > 0 and unit[k - 1] != " ":
        return [unit[:k], *wrap(unit[k:], limit, layout)]
    return wrap(unit, limit, layout)  # a long name wraps like any text


@dataclass(slots=True)
class Para:
    lines: list[str]


@dataclass(slots=True)
class CellText:
    """A cell's paragraphs; flattened to (line, is_para_start, is_last_of_para)."""

    paras: list[Para] = field(default_factory=list)

    def flat(self) -> list[tuple[str, bool, bool]]:
        out: list[tuple[str, bool, bool]] = []
        for p in self.paras:
            for i, line in enumerate(p.lines):
                out.append((line, i == 0, i == len(p.lines) - 1))
        return out


def paras(texts: Sequence[str], limit: float, layout: Layout) -> CellText:
    return CellText([Para(wrap(t, limit, layout)) for t in texts if t])


def _fmt(x: float | None) -> str:
    return "" if x is None else str(int(x)) if float(x).is_integer() else str(x)


def with_extra_widths(layout: Layout, labels: Sequence[str]) -> Layout:
    """Given a layout and the labels of columns beyond the five, return it with a narrow
    column for each (its label on one line, at least four glyphs wide), the room taken
    from the sub-indicator and results columns in proportion to their widths (the page's
    width unchanged, as an office narrows columns to insert one)."""
    if not labels:
        return layout
    adds = [
        max(float(pdfmetrics.stringWidth(label, layout.font.name, layout.size)), 4 * layout.size)
        + 2 * layout.pad
        for label in labels
    ]
    widths = list(layout.col_widths[:5])
    share = widths[2] + widths[4]
    for col in (2, 4):
        widths[col] -= sum(adds) * layout.col_widths[col] / share
    return replace(layout, col_widths=(*widths, *adds))


# --- the table model --------------------------------------------------------------------


@dataclass(slots=True)
class TRow:
    """One golden row as cells of wrapped lines (ITEM and INDICATOR may be merged spans)."""

    golden: dict[str, Any]
    item_key: int
    ind_key: int | None
    cells: dict[int, CellText]
    pages: set[int] = field(default_factory=set)


@dataclass(slots=True)
class Span:
    """A merged ITEM or INDICATOR cell over rows first..last (inclusive)."""

    column: int
    first: int
    last: int
    text: CellText
    drawn: int = 0  # lines drawn so far


def _limit(layout: Layout, col: int) -> float:
    return layout.col_widths[col] - 2 * layout.pad


def item_cell(
    item: dict[str, Any], layout: Layout, *, inline: bool = False, suffix: bool = False
) -> CellText:
    """Given an item, return its cell: name, "(N分)", "得分：N" (`inline`: points on the name
    line; `suffix`: "得分：N 分")."""
    return paras(item_paragraphs(item, inline, suffix), _limit(layout, 0), layout)


def units_cell(row: dict[str, Any], layout: Layout) -> CellText:
    lim = _limit(layout, 3)
    return CellText([Para(wrap_unit(u, lim, layout)) for u in row["units"]])


def result_cell(row: dict[str, Any], layout: Layout) -> CellText:
    if not row["result"]:
        return CellText()
    return paras(row["result"].split("\n"), _limit(layout, 4), layout)


def text_height(lines: list[tuple[str, bool, bool]], layout: Layout) -> float:
    h = 0.0
    for i, (_, start, _) in enumerate(lines):
        h += layout.leading + (layout.para_space if start and i > 0 else 0.0)
    return h


def fit_count(lines: list[tuple[str, bool, bool]], avail: float, layout: Layout) -> int:
    """Given a cell's remaining lines and the height available, return how many fit."""
    h = 0.0
    for i, (_, start, _) in enumerate(lines):
        h += layout.leading + (layout.para_space if start and i > 0 else 0.0)
        if h > avail + 0.01:
            return i
    return len(lines)


# --- the renderer -----------------------------------------------------------------------


class Renderer:
    """Draws one golden document with one layout; records the pages everything landed on."""

    def __init__(
        self, golden: dict[str, Any], layout: Layout, path: Path | BinaryIO, page_count: int = 0
    ) -> None:
        self.g = golden
        # A form's own `style` (tools/formgen/model.py) overrides the layout's furniture.
        self.style: dict[str, Any] = golden.get("style") or {}
        self.extra_labels: list[str] = list(self.style.get("extra_columns") or [])
        self.L = layout = with_extra_widths(layout, self.extra_labels)
        self.page_count = page_count  # known from a first pass, for "第 N 頁，共 M 頁"
        target = str(path) if isinstance(path, Path) else path
        self.c = Canvas(target, pagesize=layout.pagesize, pageCompression=1, invariant=1)
        self.c.setProducer(layout.producer)
        self.c.setCreator(layout.producer)
        self.c.setTitle(golden["document"]["title"] or "")
        self.page = 0
        self.y = 0.0  # top-down cursor, pdfplumber coordinates
        self.x = [layout.margin_left]
        for w in layout.col_widths:
            self.x.append(self.x[-1] + w)
        self.face = pdfmetrics.getFont(layout.font.name).face
        self.built: list[TRow] = []
        self.drawing = True  # False: a first pass that lays the pages out only (`render`)

    # drawing primitives in top-down coordinates
    def _check(self, text: str) -> None:
        missing = [ch for ch in text if ord(ch) not in self.face.charToGlyph and ch != " "]
        if missing:
            raise RenderError(f"font {self.L.font.name} lacks {''.join(missing)!r}")

    def text(
        self,
        x: float,
        top: float,
        s: str,
        *,
        size: float | None = None,
        char_space: float = 0.0,
        bold: bool = False,
    ) -> None:
        if not s:
            return  # a form without a category line, say
        self._check(s)
        if not self.drawing:
            return
        size = size or self.L.size
        H = self.L.pagesize[1]
        baseline = H - (top + size * 0.88)
        offsets = [(0.0, 0.0), (0.3, 0.0), (0.0, 0.3)] if bold else [(0.0, 0.0)]
        for dx, dy in offsets:
            t = self.c.beginText()
            t.setFont(self.L.font.name, size)
            t.setCharSpace(char_space)
            t.setTextOrigin(x + dx, baseline + dy)
            t.textOut(s)
            self.c.drawText(t)

    def hline(self, x0: float, x1: float, y: float) -> None:
        if not self.L.horizontal_rules:
            return
        H = self.L.pagesize[1]
        self.c.line(x0, H - y, x1, H - y)

    def vline(self, x: float, y0: float, y1: float) -> None:
        H = self.L.pagesize[1]
        self.c.line(x, H - y0, x, H - y1)

    def centered(self, s: str, top: float, size: float) -> None:
        w = float(pdfmetrics.stringWidth(s, self.L.font.name, size))
        self.text((self.L.pagesize[0] - w) / 2, top, s, size=size)

    # page furniture
    def new_page(self) -> None:
        if self.page:
            self.finish_page()
        self.page += 1
        self.c.setLineWidth(0.6)
        self.y = self.L.margin_top
        if self.style.get("repeat_title"):
            self.centered(self.title_text(), self.y, self.L.title_size)
            self.y += self.L.title_size * 1.8

    def footer_text(self) -> str:
        if "footer" not in self.style:
            return self.L.footer.format(n=self.page) if self.L.footer else ""
        kind = self.style["footer"]
        n, m = self.page, self.page_count
        return {"page_of": f"第 {n} 頁，共 {m} 頁", "dash": f"- {n} -", "bare": str(n)}.get(
            kind or "", ""
        )

    def title_text(self) -> str:
        doc = self.g["document"]
        title: str = doc["title"]
        if doc["agency"] and doc["agency"] not in title:
            title = f"{doc['agency']} {doc['roc_year']}年度{title}"
        return title

    def finish_page(self) -> None:
        footer = self.footer_text()
        if footer:
            self.centered(
                footer,
                self.L.pagesize[1] - self.L.margin_bottom + 14,
                9.0,
            )
        self.c.showPage()

    def header_row(self) -> None:
        L = self.L
        h = L.leading + 2 * L.pad
        top = self.y
        labels = [*(self.style.get("header_labels") or L.headers), *self.extra_labels]
        for col, label in enumerate(labels):
            w = float(pdfmetrics.stringWidth(label, L.font.name, L.size))
            x = self.x[col] + (L.col_widths[col] - w) / 2
            self.text(x, top + L.pad + (L.leading - L.size) / 2, label, bold=L.fake_bold_header)
        self.hline(self.x[0], self.x[-1], top)
        self.hline(self.x[0], self.x[-1], top + h)
        if L.vertical_rules:
            for x in self.x:
                self.vline(x, top, top + h)
        self.y = top + h

    @property
    def bottom(self) -> float:
        return self.L.pagesize[1] - self.L.margin_bottom

    # cell text
    def draw_lines(self, col: int, top: float, lines: list[tuple[str, bool, bool]]) -> None:
        L = self.L
        y = top + L.pad
        lim = _limit(L, col)
        for i, (s, start, last) in enumerate(lines):
            if start and i > 0:
                y += L.para_space
            cs = 0.0
            if L.justify and col == 4 and not last and len(s) > 1:
                gap = lim - _width(s, L)
                if 0 < gap < L.size * 1.5:
                    cs = gap / (len(s) - 1)
            self.text(self.x[col] + L.pad, y + (L.leading - L.size) / 2, s, char_space=cs)
            y += L.leading

    def render(self, *, draw: bool = True) -> dict[str, Any]:
        """Draw the document and return its sidecar (page count, each dimension's pages);
        `draw` False lays the pages out only, drawing no text and writing no PDF (a first
        pass that counts the pages)."""
        self.drawing = draw
        g, L = self.g, self.L
        doc = g["document"]
        title = self.title_text()
        dims_pages: dict[int, list[int]] = {}
        for dim in g["dimensions"]:
            dno = dim["dimension_no"]
            self.new_page()
            start_page = self.page
            if not self.style.get("repeat_title"):
                self.centered(title, self.y, L.title_size)
                self.y += L.title_size * 1.8
            self.text(self.x[0], self.y, doc["category"], size=L.heading_size)
            self.y += L.heading_size * 1.7
            self.text(self.x[0], self.y, dim["heading"], size=L.heading_size)
            self.y += L.heading_size * 1.7
            self.header_row()
            rows = self.build_rows(dno)
            self.lay_rows(rows)
            self.subtotal(dim)
            dims_pages[dno] = [start_page, self.page]
        self.notes(doc.get("notes"))
        self.finish_page()
        if draw:
            self.c.save()
        return self.sidecar(dims_pages)

    def item_cell(self, item: dict[str, Any]) -> CellText:
        inline = self.style.get("item_points") == "inline" or self.style.get("item_points_on_name")
        suffix = bool(self.style.get("score_suffix"))
        return item_cell(item, self.L, inline=bool(inline), suffix=suffix)

    def indicator_cell(self, row: dict[str, Any]) -> CellText:
        text = indicator_text(row, self.g)
        return paras([text], _limit(self.L, 1), self.L) if text else CellText()

    def sub_cell(self, row: dict[str, Any]) -> CellText:
        text = sub_text(row, self.g, self.L.sub_sep)
        return paras([text], _limit(self.L, 2), self.L) if text else CellText()

    def notes(self, notes: str | None) -> None:
        """Given the form's notes, print them under the last table, one line each."""
        for line in (notes or "").split("\n"):
            if not line:
                continue
            if self.y + 2 * self.L.leading > self.bottom:
                self.new_page()
            self.y += self.L.leading * 0.6
            self.text(self.x[0], self.y, line)
            self.y += self.L.leading

    def build_rows(self, dno: int) -> list[TRow]:
        g, L = self.g, self.L
        items = {(it["dimension_no"], it["item_no"]): it for it in g["items"]}
        out: list[TRow] = []
        ind_key = 0
        prev: tuple[Any, ...] | None = None
        for r in g["rows"]:
            if r["dimension_no"] != dno:
                continue
            key = (r["item_no"], r["indicator_no"], r["indicator"])
            if r["indicator"] is None or key != prev:
                ind_key += 1
            prev = key
            cells = {2: self.sub_cell(r), 3: units_cell(r, L), 4: result_cell(r, L)}
            for j, label in enumerate(self.extra_labels, start=5):
                text = (r.get("extra") or {}).get(label)
                cells[j] = paras([text], _limit(L, j), L) if text else CellText()
            if not L.merged:
                cells[0] = self.item_cell(items[(dno, r["item_no"])])
                cells[1] = self.indicator_cell(r)
            out.append(
                TRow(r, r["item_no"], ind_key if r["indicator"] is not None else None, cells)
            )
        self.built.extend(out)
        return out

    def spans(self, rows: list[TRow]) -> list[Span]:
        """Given a dimension's rows, return the merged ITEM and INDICATOR cells (merged layout only)."""
        if not self.L.merged:
            return []
        items = {(it["dimension_no"], it["item_no"]): it for it in self.g["items"]}
        out: list[Span] = []
        i = 0
        while i < len(rows):
            j = i
            while j + 1 < len(rows) and rows[j + 1].item_key == rows[i].item_key:
                j += 1
            it = items[(rows[i].golden["dimension_no"], rows[i].item_key)]
            out.append(Span(0, i, j, self.item_cell(it)))
            i = j + 1
        i = 0
        while i < len(rows):
            j = i
            if rows[i].ind_key is not None:
                while j + 1 < len(rows) and rows[j + 1].ind_key == rows[i].ind_key:
                    j += 1
                out.append(Span(1, i, j, self.indicator_cell(rows[i].golden)))
            i = j + 1
        return out

    def lay_rows(self, rows: list[TRow]) -> None:
        L = self.L
        spans = self.spans(rows)
        # A merged cell taller than its rows makes its last row taller (as Word does).
        extra = [0.0] * len(rows)
        for sp in spans:
            need = text_height(sp.text.flat(), L) + 2 * L.pad
            have = sum(
                text_height(self.row_lines_max(rows[k]), L) + 2 * L.pad
                for k in range(sp.first, sp.last + 1)
            )
            if need > have:
                extra[sp.last] += need - have
        remaining: list[dict[int, list[tuple[str, bool, bool]]]] = [
            {c: ct.flat() for c, ct in r.cells.items()} for r in rows
        ]
        span_lines = [sp.text.flat() for sp in spans]
        page_segments: list[tuple[int, float, float]] = []  # (row index, top, bottom) on this page
        k = 0
        while k < len(rows):
            rem = remaining[k]
            need = (
                max((text_height(v, L) for v in rem.values()), default=0.0) + 2 * L.pad + extra[k]
            )
            # A merged cell ending at a row split across pages goes on with the row: its
            # rest needs the room its lines take, whatever the row's own cells still hold.
            for sp, lines in zip(spans, span_lines, strict=True):
                if sp.last == k and 0 < sp.drawn < len(lines):
                    need = max(need, text_height(lines[sp.drawn :], L) + 2 * L.pad)
            avail = self.bottom - self.y
            if need <= avail + 0.01:
                self.draw_segment(rows, k, rem, self.y, self.y + need, split=False)
                page_segments.append((k, self.y, self.y + need))
                self.y += need
                remaining[k] = {c: [] for c in rem}
                k += 1
                continue
            counts = {c: fit_count(v, avail - 2 * L.pad, L) for c, v in rem.items()}
            tallest = max(rem, key=lambda c: len(rem[c]))
            if counts[tallest] < min(L.min_split_lines, len(rem[tallest])) or not any(
                counts.values()
            ):
                if not page_segments:
                    raise RenderError("a row cannot start even on an empty page")
                self.close_page(rows, spans, span_lines, page_segments)
                page_segments = []
                continue
            part = {c: v[: counts[c]] for c, v in rem.items()}
            self.draw_segment(rows, k, part, self.y, self.bottom, split=True)
            page_segments.append((k, self.y, self.bottom))
            remaining[k] = {c: v[counts[c] :] for c, v in rem.items()}
            # The rest of a line-split paragraph continues; a fresh paragraph start stays one.
            self.y = self.bottom
            self.close_page(rows, spans, span_lines, page_segments)
            page_segments = []
        self.draw_spans(rows, spans, span_lines, page_segments, final=True)
        lost = [
            ls[sp.drawn][0] for sp, ls in zip(spans, span_lines, strict=True) if sp.drawn < len(ls)
        ]
        if lost:  # never a rendering without text its form holds
            raise RenderError(f"merged cell lines {lost[0]!r} … were never drawn")

    def row_lines_max(self, r: TRow) -> list[tuple[str, bool, bool]]:
        return max(
            (ct.flat() for ct in r.cells.values()), key=lambda v: text_height(v, self.L), default=[]
        )

    def close_page(
        self,
        rows: list[TRow],
        spans: list[Span],
        span_lines: list[list[tuple[str, bool, bool]]],
        segs: list[tuple[int, float, float]],
    ) -> None:
        self.draw_spans(rows, spans, span_lines, segs, final=False)
        self.hline(self.x[0], self.x[-1], self.y)  # the table's bottom border on this page
        self.new_page()
        self.header_row()

    def draw_segment(
        self,
        rows: list[TRow],
        k: int,
        part: dict[int, list[tuple[str, bool, bool]]],
        top: float,
        bottom: float,
        *,
        split: bool,
    ) -> None:
        L = self.L
        r = rows[k]
        for c, lines in part.items():
            if lines:
                self.draw_lines(c, top, lines)
                r.pages.add(self.page)
        first_col = 0 if not L.merged else 2
        # Bottom rule: own columns always; merged columns only where their span ends.
        x_from = self.x[first_col]
        if L.merged:
            ends_item = k + 1 >= len(rows) or rows[k + 1].item_key != r.item_key
            ends_ind = k + 1 >= len(rows) or rows[k + 1].ind_key != r.ind_key or r.ind_key is None
            if split or ends_item:
                x_from = self.x[0]
            elif ends_ind:
                x_from = self.x[1]
        self.hline(x_from, self.x[-1], bottom)
        if L.vertical_rules:
            for x in self.x:
                self.vline(x, top, bottom)

    def draw_spans(
        self,
        rows: list[TRow],
        spans: list[Span],
        span_lines: list[list[tuple[str, bool, bool]]],
        segs: list[tuple[int, float, float]],
        *,
        final: bool,
    ) -> None:
        """Given this page's row segments, draw the part of each merged cell that falls on it."""
        L = self.L
        for sp, lines in zip(spans, span_lines, strict=True):
            mine = [(k, t, b) for k, t, b in segs if sp.first <= k <= sp.last]
            if not mine or sp.drawn >= len(lines):
                continue
            top = mine[0][1]
            bottom = mine[-1][2]
            rest = lines[sp.drawn :]
            n = fit_count(rest, bottom - top - 2 * L.pad, L)
            if final and n < len(rest):
                raise RenderError(f"merged cell {rest[0][0]!r} overflows its rows")
            if n:
                # A merged cell belongs to its first row, on every page it is drawn on (as
                # the LibreOffice and Chromium producers' read-back counts it).
                rows[sp.first].pages.add(self.page)
                self.draw_lines(sp.column, top, rest[:n])
                sp.drawn += n

    def subtotal(self, dim: dict[str, Any]) -> None:
        L = self.L
        h = L.leading + 2 * L.pad
        if self.y + h > self.bottom:
            self.new_page()
            self.header_row()
        top = self.y
        if self.style.get("subtotal_style") == "colon":
            self.text(self.x[0] + L.pad * 3, top + L.pad, f"小計：{_fmt(dim['subtotal'])}分")
            val = ""
        else:
            self.text(self.x[0] + L.pad * 3, top + L.pad, "小計")
            val = _fmt(dim["subtotal"])
        if val:
            w = _width(val, L)
            mid = (self.x[0] + self.x[-1]) / 2
            self.text(mid - w / 2, top + L.pad, val)
            self.text(self.x[-1] - L.pad * 3 - L.size, top + L.pad, "分")
        self.hline(self.x[0], self.x[-1], top + h)
        if L.vertical_rules:
            self.vline(self.x[0], top, top + h)
            self.vline(self.x[-1], top, top + h)
        self.y = top + h
        self.subtotal_page = self.page

    def sidecar(self, dims_pages: dict[int, list[int]]) -> dict[str, Any]:
        # Row pages are recorded while drawing; items and dimensions follow from them.
        return {"page_count": self.page, "dimensions": dims_pages}


def render(golden_path: Path, layout: Layout, out_stem: str) -> Path:
    """Given a golden JSON and a layout, write `<out_stem>.pdf` and its `.pages.json` sidecar."""
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    register(layout.font)
    pdf = OUT / f"{out_stem}.pdf"
    r = Renderer(golden, layout, pdf)
    rows_pages: dict[int, list[int]] = {}
    side = r.render()
    built = r.built
    for tr in built:
        rows_pages[tr.golden["row_no"]] = [min(tr.pages), max(tr.pages)]
    items: dict[str, list[int]] = {}
    for tr in built:
        key = f"{tr.golden['dimension_no']}.{tr.item_key}"
        lo, hi = rows_pages[tr.golden["row_no"]]
        cur = items.setdefault(key, [lo, hi])
        items[key] = [min(cur[0], lo), max(cur[1], hi)]
    sidecar = {
        "source": golden_path.relative_to(ROOT).as_posix(),
        "layout": layout.name,
        "page_count": side["page_count"],
        "dimensions": {str(k): v for k, v in side["dimensions"].items()},
        "items": items,
        "rows": {str(k): v for k, v in rows_pages.items()},
    }
    (OUT / f"{out_stem}.pages.json").write_text(
        json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n"
    )
    return pdf


_REGISTERED: set[str] = set()


def register(font: FontSpec) -> None:
    if font.name not in _REGISTERED:
        pdfmetrics.registerFont(TTFont(font.name, font.path, subfontIndex=font.subfont))
        _REGISTERED.add(font.name)


LAYOUT_C = replace(LAYOUT_B, name="landscape_unruled", horizontal_rules=False, footer="")

FIXTURES: tuple[tuple[str, Layout, str], ...] = (
    ("000_c7dbfb6a031a896f.json", LAYOUT_A, "seed_a4_merged"),
    ("000_c7dbfb6a031a896f.json", LAYOUT_B, "seed_landscape_repeated"),
    ("synthetic_landoffice_112.json", LAYOUT_A, "synthetic_landoffice_a4_merged"),
    ("synthetic_landoffice_112.json", LAYOUT_B, "synthetic_landoffice_landscape_repeated"),
    ("synthetic_landoffice_112.json", LAYOUT_C, "synthetic_landoffice_landscape_unruled"),
    ("000_c7dbfb6a031a896f.json", LAYOUT_C, "seed_landscape_unruled"),
)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--only", help="render only fixtures whose name contains this")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for golden, layout, stem in FIXTURES:
        if args.only and args.only not in stem:
            continue
        pdf = render(GOLDEN / golden, layout, stem)
        print(f"{pdf.relative_to(ROOT)}: {pdf.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
