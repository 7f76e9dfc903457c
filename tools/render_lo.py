"""Lay golden JSON files out as OpenDocument text and let LibreOffice print them to PDF.

`python -m tools.render_lo` writes `tests/fixtures/pdf/<doc>_lo_portrait.pdf` plus a
`.pages.json` sidecar for each golden.  Unlike `tools.render_fixtures`, which
places every glyph itself, this script only describes the form (a flat ODT:
title, category, a dimension heading and a ruled five-column table per
dimension, each dimension on a new page, the header row repeated on every
page, item and indicator cells spanning their rows, a 小計 row spanning the
table) and leaves line wrapping, pagination and drawing to a real office
engine, `soffice --headless --convert-to pdf`.

LibreOffice paginates, so the sidecar is read back from the PDF it produced:
every cell's text is located in the page's glyphs (pdfplumber chars, in the
order LibreOffice drew them), never by running pipeline code.  Needs
`libreoffice-writer` and `fonts-arphic-uming` (see `tools/README.md`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pdfplumber

from tools.formgen.render_textdump import indicator_marker, item_paragraphs, sub_marker

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
OUT = ROOT / "tests" / "fixtures" / "pdf"

HEADERS = ("評核項目", "評核指標", "次評核指標", "主辦單位", "執行績效與成果")


class RenderError(Exception):
    """A producer cannot render a form faithfully: LibreOffice or Chromium failed, a cell's
    text cannot be found in the PDF it produced, or (reportlab, tools/render_fixtures.py) a
    glyph is missing, a word cannot wrap, a merged cell overflows its rows."""


@dataclass(frozen=True, slots=True)
class LoLayout:
    """The page and table geometry handed to LibreOffice (lengths in cm, sizes in pt)."""

    name: str
    page: tuple[float, float]
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    col_widths: tuple[float, ...]  # the five columns, then any beyond them
    font: str
    size: float
    title_size: float
    heading_size: float
    padding: float
    footer: bool  # "第 N 頁" centred in the page footer
    align: str = "justify"  # body cells: "justify" (Word's zh-TW default) or "start"


PORTRAIT = LoLayout(  # A4 portrait, the base of the layouts below
    name="lo_justified_11pt",
    page=(21.0, 29.7),
    margins=(1.5, 1.8, 1.5, 1.8),
    col_widths=(2.5, 2.8, 4.2, 2.6, 5.3),
    font="AR PL UMing TW",
    size=11.0,
    title_size=14.0,
    heading_size=12.0,
    padding=0.1,
    footer=True,
)
# 五號 (10.5pt) and 10pt justified: the CJK-Latin autospacing plus the justification
# spread then crosses the gap a glyph-less space would leave.
JUSTIFIED_105 = replace(PORTRAIT, name="lo_justified_10.5pt", size=10.5)
JUSTIFIED_10 = replace(PORTRAIT, name="lo_justified_10pt", size=10.0)
LEFT = replace(PORTRAIT, name="lo_left_11pt", align="start")


# --- golden → flat ODT ---------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "" if x is None else str(int(x)) if float(x).is_integer() else str(x)


def _p(text: str, style: str = "Cell") -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def _style(golden: dict[str, Any] | None) -> dict[str, Any]:
    style: dict[str, Any] = (golden or {}).get("style") or {}
    return style


def item_paras(item: dict[str, Any], golden: dict[str, Any] | None = None) -> list[str]:
    """Given an item, return its cell's paragraphs: name, "(N分)", "得分：N" (the points on the
    name line when the form's style says so; an unscored item prints "得分：")."""
    style = _style(golden)
    on_name = bool(style.get("item_points_on_name")) or style.get("item_points") == "inline"
    return item_paragraphs(item, on_name, bool(style.get("score_suffix")))


def indicator_prefix(row: dict[str, Any], golden: dict[str, Any] | None = None) -> str:
    """Given a row, return the marker printed before its indicator (the form's style; "1.")."""
    return indicator_marker(_style(golden).get("indicator_style", "dot"), row["indicator_no"])


def sub_prefix(row: dict[str, Any], golden: dict[str, Any] | None = None, sep: str = " ") -> str:
    """Given a row, return the marker and separator printed before its sub-indicator."""
    if row["sub_no"] is None:
        return ""
    return sub_marker(_style(golden).get("sub_style") or "paren", row["sub_no"]) + sep


def indicator_text(row: dict[str, Any], golden: dict[str, Any] | None = None) -> str | None:
    if row["indicator"] is None:
        return None
    return indicator_prefix(row, golden) + row["indicator"]


def sub_text(
    row: dict[str, Any], golden: dict[str, Any] | None = None, sep: str = " "
) -> str | None:
    if row["sub_indicator"] is None:
        return None
    return sub_prefix(row, golden, sep) + row["sub_indicator"]


def result_paras(row: dict[str, Any]) -> list[str]:
    return row["result"].split("\n") if row["result"] else []


def _cell(paras: Sequence[str], *, rows: int = 1, cols: int = 1, style: str = "Cell") -> str:
    span = ""
    if rows > 1:
        span += f' table:number-rows-spanned="{rows}"'
    if cols > 1:
        span += f' table:number-columns-spanned="{cols}"'
    body = "".join(_p(t, style) for t in paras) or f'<text:p text:style-name="{style}"/>'
    return f'<table:table-cell table:style-name="TCell" office:value-type="string"{span}>{body}</table:table-cell>'


def _units_cell(units: Sequence[str]) -> str:
    # One paragraph, a line break between units: how forms type a list of units.
    body = "<text:line-break/>".join(escape(u) for u in units)
    return (
        '<table:table-cell table:style-name="TCell" office:value-type="string">'
        f'<text:p text:style-name="Cell">{body}</text:p></table:table-cell>'
    )


COVERED = "<table:covered-table-cell/>"


def indicator_groups(rows: Sequence[dict[str, Any]]) -> list[int]:
    """Given a dimension's rows, return per row the id of its indicator span (-1: no indicator).

    Consecutive rows of one item sharing an indicator (number and text) share one cell.
    """
    out: list[int] = []
    prev: tuple[Any, ...] | None = None
    n = -1
    for r in rows:
        key = (r["item_no"], r["indicator_no"], r["indicator"])
        if r["indicator"] is None:
            out.append(-1)
            prev = None
            continue
        if key != prev:
            n += 1
        prev = key
        out.append(n)
    return out


def extra_labels(golden: dict[str, Any]) -> tuple[str, ...]:
    """Given a golden, return the labels of its columns beyond the five (the form
    family's `style.extra_columns`; none for the committed fixtures)."""
    return tuple(_style(golden).get("extra_columns") or ())


def table_xml(golden: dict[str, Any], dim: dict[str, Any]) -> str:
    """Given a golden and one dimension, return the dimension's table as ODF XML."""
    dno = dim["dimension_no"]
    items = {it["item_no"]: it for it in golden["items"] if it["dimension_no"] == dno}
    rows = [r for r in golden["rows"] if r["dimension_no"] == dno]
    groups = indicator_groups(rows)
    extra = extra_labels(golden)
    out = [f'<table:table table:name="構面{dno}" table:style-name="Tbl">']
    out += [f'<table:table-column table:style-name="Col{k}"/>' for k in range(5 + len(extra))]
    out.append('<table:table-header-rows><table:table-row table:style-name="Row">')
    out += [_cell([h], style="Head") for h in (*HEADERS, *extra)]
    out.append("</table:table-row></table:table-header-rows>")
    for i, r in enumerate(rows):
        out.append('<table:table-row table:style-name="Row">')
        if i == 0 or rows[i - 1]["item_no"] != r["item_no"]:
            span = sum(1 for x in rows[i:] if x["item_no"] == r["item_no"])
            out.append(_cell(item_paras(items[r["item_no"]], golden), rows=span))
        else:
            out.append(COVERED)
        g = groups[i]
        if g < 0:
            out.append(_cell([]))
        elif i == 0 or groups[i - 1] != g:
            span = 1
            while i + span < len(rows) and groups[i + span] == g:
                span += 1
            text = indicator_text(r, golden)
            out.append(_cell([text] if text else [], rows=span))
        else:
            out.append(COVERED)
        sub = sub_text(r, golden)
        out.append(_cell([sub] if sub else []))
        out.append(_units_cell(r["units"]))
        out.append(_cell(result_paras(r)))
        out += [_cell([v] if (v := (r.get("extra") or {}).get(x)) else []) for x in extra]
        out.append("</table:table-row>")
    out.append('<table:table-row table:style-name="Row">')
    span = 5 + len(extra)
    out.append(_cell([f"小計 {_fmt(dim['subtotal'])} 分"], cols=span, style="Subtotal"))
    out += [COVERED] * (span - 1)
    out.append("</table:table-row></table:table>")
    return "".join(out)


def _styles(layout: LoLayout) -> str:
    f = layout.font
    width, height = layout.page
    top, right, bottom, left = layout.margins
    text_props = (
        f'style:font-name="{f}" style:font-name-asian="{f}" style:font-name-complex="{f}" '
        f'fo:font-size="{layout.size}pt" style:font-size-asian="{layout.size}pt" '
        'fo:language="en" fo:country="US" style:language-asian="zh" style:country-asian="TW"'
    )
    cols = "".join(
        f'<style:style style:name="Col{k}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
        for k, w in enumerate(layout.col_widths)
    )
    footer = (
        '<style:footer><text:p text:style-name="Footer">第 <text:page-number text:select-page="current"/> 頁</text:p></style:footer>'
        if layout.footer
        else ""
    )
    return f"""
<office:font-face-decls>
 <style:font-face style:name="{f}" svg:font-family="&apos;{f}&apos;" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm" style:punctuation-wrap="hanging" style:text-autospace="ideograph-alpha" style:line-break="strict"/>
  <style:text-properties {text_props}/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="{layout.align}"/>
 </style:style>
 <style:style style:name="Head" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
 <style:style style:name="Subtotal" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/>
  <style:text-properties fo:font-size="{layout.title_size}pt" style:font-size-asian="{layout.title_size}pt"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="{layout.heading_size}pt" style:font-size-asian="{layout.heading_size}pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="{width}cm" fo:page-height="{height}cm"
   style:print-orientation="{"portrait" if height > width else "landscape"}"
   fo:margin-top="{top}cm" fo:margin-right="{right}cm" fo:margin-bottom="{bottom}cm" fo:margin-left="{left}cm"/>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.2cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="TitleBreak" style:family="paragraph" style:parent-style-name="Title">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="Tbl" style:family="table">
  <style:table-properties style:width="{sum(layout.col_widths):.2f}cm" table:align="left"
   style:may-break-between-rows="true" fo:margin-top="0cm" fo:margin-bottom="0cm"/>
 </style:style>
 {cols}
 <style:style style:name="Row" style:family="table-row">
  <style:table-row-properties fo:keep-together="auto"/>
 </style:style>
 <style:style style:name="TCell" style:family="table-cell">
  <style:table-cell-properties fo:padding="{layout.padding}cm" fo:border="0.5pt solid #000000"
   style:vertical-align="top"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">{footer}</style:master-page>
</office:master-styles>"""


NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def golden_to_fodt(golden: dict[str, Any], layout: LoLayout) -> str:
    """Given a golden extract and a layout, return the form as a flat ODT document."""
    doc = golden["document"]
    body: list[str] = []
    for k, dim in enumerate(golden["dimensions"]):
        body.append(_p(doc["title"], "Title" if k == 0 else "TitleBreak"))
        if doc["category"]:
            body.append(_p(doc["category"], "Heading"))
        body.append(_p(dim["heading"], "Heading"))
        body.append(table_xml(golden, dim))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:meta><dc:title>{escape(doc['title'])}</dc:title></office:meta>"
        f"{_styles(layout)}<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document>\n"
    )


# --- flat ODT → PDF -------------------------------------------------------------------


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RenderError("soffice not found: apt-get install -y libreoffice-writer-nogui")
    return exe


def convert(fodt: Path, outdir: Path, target: str = "pdf:writer_pdf_Export") -> Path:
    """Given a flat ODT file, return the file LibreOffice wrote for it into `outdir` with
    the `--convert-to` target given (a PDF; `txt:Text (encoded):UTF8`: its text export)."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [
            soffice(),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(fodt),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    out = outdir / f"{fodt.stem}.{target.split(':', 1)[0]}"
    if done.returncode != 0 or not out.exists():
        raise RenderError(f"soffice failed ({done.returncode}): {done.stderr.strip()}")
    return out


# --- PDF → sidecar: where LibreOffice put every cell -------------------------------------


@dataclass(frozen=True, slots=True)
class Glyphs:
    """Every page's visible glyphs in drawing order, as one string with a page per index."""

    text: str
    pages: tuple[int, ...]
    page_starts: tuple[int, ...]  # index of each page's first glyph; page n starts at [n - 1]
    tops: tuple[float, ...]
    space_after: tuple[bool, ...]  # a space glyph is drawn right after this one


def read_glyphs(pdf_path: Path) -> tuple[Glyphs, int]:
    """Given a PDF, return its glyphs (whitespace dropped) in drawing order and its page count."""
    text: list[str] = []
    pages: list[int] = []
    starts: list[int] = []
    tops: list[float] = []
    space_after: list[bool] = []
    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            starts.append(len(text))
            for c in page.chars:
                if c["text"].isspace():
                    if space_after and pages[-1] == n:
                        space_after[-1] = True
                    continue
                text.append(c["text"])
                pages.append(n)
                tops.append(float(c["top"]))
                space_after.append(False)
            page.close()
        count = len(pdf.pages)
    glyphs = Glyphs("".join(text), tuple(pages), tuple(starts), tuple(tops), tuple(space_after))
    return glyphs, count


def compact(text: str) -> str:
    return "".join(text.split())


HEAD = 6  # glyphs of a piece's head searched for; the rest is matched glyph by glyph


def _run(g: Glyphs, i: int, t: str, j: int) -> int:
    """Given glyph index i and text index j, return how many glyphs match t[j:] on i's page."""
    if i >= len(g.text):
        return 0
    page, n = g.pages[i], 0
    while j + n < len(t) and i + n < len(g.text):
        if g.text[i + n] != t[j + n] or g.pages[i + n] != page:
            break
        n += 1
    return n


def locate(
    g: Glyphs, text: str, start: int, cont_start: int, *, give_back: bool = False
) -> list[tuple[int, int]]:
    """Given a cell's text, return its pieces as (first glyph, end) index pairs, one per page.

    The first piece starts at `start` when the glyphs there match (cells are drawn
    one after another), else at the earliest match of its head after `start`; a
    piece runs as long as the glyphs agree and stay on one page.  What is left was
    pushed onto later pages by a page break: it is looked for from the start of the
    next page, but not before `cont_start` (the end of the row's cells continued
    before it).  `give_back`: a piece may have run on into the next cell by a
    coincidence of glyphs (see below); the caller retries a row with it when the row
    cannot be placed without.
    """
    t = compact(text)
    # Matching at `start` first also finds a first piece shorter than HEAD.
    i = start if _run(g, start, t, 0) >= min(len(t), 2) else g.text.find(t[:HEAD], start)
    if i < 0:
        raise RenderError(f"cell text {t[:20]!r} not found after glyph {start}")
    pieces: list[tuple[int, int]] = []
    j = 0
    while True:
        n = _run(g, i, t, j)
        pieces.append((i, i + n))
        i, j = i + n, j + n
        if j == len(t):
            return pieces
        page = g.pages[i - 1]
        if page >= len(g.page_starts):
            raise RenderError(f"cell text {t[:20]!r} runs past the last page")
        i = g.text.find(t[j : j + HEAD], max(g.page_starts[page], cont_start))
        if i < 0:
            raise RenderError(f"rest of cell {t[:20]!r} ({t[j : j + 20]!r}) not found")
        # The piece ran on into the next cell by a coincidence of glyphs ("…地籍測量課" then
        # "1" of "1.完成…", while this cell's "1999市民熱線" went to the next page): the
        # same glyphs stand right before the rest there; give them back.  A wrong guess
        # claims glyphs twice or leaves some unclaimed, and the caller raises.
        while (
            give_back
            and pieces[-1][1] - pieces[-1][0] > 1
            and g.text[i - 1] == t[j - 1]
            and g.pages[i - 1] == g.pages[i]
        ):
            pieces[-1] = (pieces[-1][0], pieces[-1][1] - 1)
            i, j = i - 1, j - 1


@dataclass(frozen=True, slots=True)
class CellSpec:
    """One cell as drawn: the golden field it holds and its text (`prefix` + the field's value)."""

    field: str  # "item", "indicator", "sub_indicator", "units", "result" or "extra"
    prefix: str  # "1." or "(1) " printed before the value
    value: str  # the golden value; units and paragraphs joined by "\n"

    @property
    def text(self) -> str:
        return self.prefix + self.value


def row_cells(golden: dict[str, Any]) -> list[tuple[dict[str, Any], list[CellSpec]]]:
    """Given a golden, return each row with its non-empty cells in the order they are drawn.

    A merged item or indicator cell belongs to the first row it spans.
    """
    items = {(it["dimension_no"], it["item_no"]): it for it in golden["items"]}
    out: list[tuple[dict[str, Any], list[CellSpec]]] = []
    for dim in golden["dimensions"]:
        rows = [r for r in golden["rows"] if r["dimension_no"] == dim["dimension_no"]]
        groups = indicator_groups(rows)
        for i, r in enumerate(rows):
            cells: list[CellSpec] = []
            if i == 0 or rows[i - 1]["item_no"] != r["item_no"]:
                item = items[(r["dimension_no"], r["item_no"])]
                cells.append(CellSpec("item", "", "\n".join(item_paras(item, golden))))
            if groups[i] >= 0 and (i == 0 or groups[i - 1] != groups[i]):
                prefix = indicator_prefix(r, golden)
                cells.append(CellSpec("indicator", prefix, r["indicator"]))
            if r["sub_indicator"] is not None:
                cells.append(CellSpec("sub_indicator", sub_prefix(r, golden), r["sub_indicator"]))
            cells.append(CellSpec("units", "", "\n".join(r["units"])))
            cells.append(CellSpec("result", "", r["result"] or ""))
            extra = r.get("extra") or {}
            cells += [CellSpec("extra", "", extra.get(x, "")) for x in extra_labels(golden)]
            out.append((r, [c for c in cells if compact(c.text)]))
    return out


def wrapped_spaces(
    g: Glyphs, cell: CellSpec, pieces: list[tuple[int, int]]
) -> list[tuple[int, bool]]:
    """Given a located cell, return the spaces of its value where the PDF starts a new line.

    Each is (offset in the value, whether the text layer still draws the space
    glyph at the end of the line before).
    """
    glyph_of: list[int] = [k for a, b in pieces for k in range(a, b)]
    out: list[tuple[int, bool]] = []
    solid = -1  # index among the cell's non-whitespace characters
    text = cell.text
    for pos, ch in enumerate(text):
        if ch.isspace():
            if ch == " " and pos >= len(cell.prefix) and 0 <= solid < len(glyph_of) - 1:
                a, b = glyph_of[solid], glyph_of[solid + 1]
                if g.pages[a] != g.pages[b] or abs(g.tops[a] - g.tops[b]) > 1.0:
                    out.append((pos - len(cell.prefix), g.space_after[a]))
            continue
        solid += 1
    return out


def check_partition(
    g: Glyphs, claimed: list[range], golden: dict[str, Any], count: int, layout: LoLayout
) -> None:
    """Given the glyph ranges found for the cells, raise unless they cover every glyph once
    except the page furniture (title, category, heading, 小計 per dimension; header and
    footer per page)."""
    seen: set[int] = set()
    for r in claimed:
        if seen.intersection(r):
            raise RenderError(f"glyphs {r.start}..{r.stop} claimed by two cells")
        seen.update(r)
    doc = golden["document"]
    furniture = sum(
        len(compact(doc["title"] + (doc["category"] or "") + d["heading"]))
        + len(f"小計{_fmt(d['subtotal'])}分")
        for d in golden["dimensions"]
    )
    furniture += count * len(compact("".join(HEADERS)))
    furniture += sum(len(f"第{n}頁") for n in range(1, count + 1)) if layout.footer else 0
    if len(seen) + furniture != len(g.text):
        raise RenderError(
            f"{len(g.text)} glyphs, {len(seen)} in cells and {furniture} furniture: "
            "some text was not located"
        )


def pages_sidecar(
    golden: dict[str, Any], pdf_path: Path, source: str, layout: LoLayout
) -> dict[str, Any]:
    """Given a golden and the PDF LibreOffice made of it, return the `.pages.json` sidecar.

    A row spans from the page of its first cell's first glyph to the page of its
    last cell's last glyph; an item spans its rows; a dimension runs from its
    heading to its 小計 row.
    """
    g, count = read_glyphs(pdf_path)
    cursor = 0
    dims: dict[str, list[int]] = {}
    rows: dict[str, list[int]] = {}
    items: dict[str, list[int]] = {}
    by_dim = {d["dimension_no"]: d for d in golden["dimensions"]}
    heading_at: dict[int, int] = {}
    todo = row_cells(golden)
    claimed: list[range] = []
    wraps: list[dict[str, Any]] = []
    k = 0
    for dno, dim in by_dim.items():
        at = g.text.find(compact(dim["heading"]), cursor)
        if at < 0:
            raise RenderError(f"heading {dim['heading']!r} not found")
        heading_at[dno] = at
        cursor = at
        while k < len(todo) and todo[k][0]["dimension_no"] == dno:
            r, cells = todo[k]
            pages: list[int] = []
            cont_end = cursor
            for cell in cells:
                pieces = locate(g, cell.text, cursor, cont_end)
                if cell.field != "item":  # an item name has no spaces to lose
                    wraps += [
                        {"row": r["row_no"], "field": cell.field, "offset": at, "drawn": drawn}
                        for at, drawn in wrapped_spaces(g, cell, pieces)
                    ]
                claimed += [range(a, b) for a, b in pieces]
                pages += [g.pages[pieces[0][0]], g.pages[pieces[-1][1] - 1]]
                cursor = pieces[0][1]  # the row's next cell starts after this one's first piece
                if len(pieces) > 1:
                    cont_end = max(cont_end, pieces[-1][1])
            cursor = max(cursor, cont_end)
            rows[str(r["row_no"])] = [min(pages), max(pages)]
            key = f"{dno}.{r['item_no']}"
            lo, hi = items.get(key, [min(pages), max(pages)])
            items[key] = [min(lo, min(pages)), max(hi, max(pages))]
            k += 1
        sub = g.text.find(compact(f"小計{_fmt(dim['subtotal'])}分"), cursor)
        if sub < 0:
            raise RenderError(f"subtotal of dimension {dno} not found")
        dims[str(dno)] = [g.pages[heading_at[dno]], g.pages[sub]]
        cursor = sub
    check_partition(g, claimed, golden, count, layout)
    return {
        "source": source,
        "layout": layout.name,
        "page_count": count,
        "dimensions": dims,
        "items": items,
        "rows": rows,
        "wrapped_spaces": wraps,
    }


def reproducible(pdf: bytes, source: str) -> bytes:
    """Given LibreOffice's PDF, return it with the run's timestamp and ids made constant.

    Only /CreationDate, /ID and /DocChecksum differ between two runs; each is
    overwritten with a value of the same length (derived from the source document),
    so the cross-reference offsets stay valid and re-running gives identical bytes.
    """
    digest = hashlib.md5(source.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    out, n = re.subn(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20000101000000", pdf)
    out, m = re.subn(
        rb"/ID \[ <[0-9A-F]{32}>\s<[0-9A-F]{32}> \]",
        f"/ID [ <{digest}>\n<{digest}> ]".encode(),
        out,
    )
    out, k = re.subn(rb"/DocChecksum /[0-9A-F]{32}", f"/DocChecksum /{digest}".encode(), out)
    if len(out) != len(pdf) or not (n and m and k):
        raise RenderError("unexpected PDF trailer; cannot make the output reproducible")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--only", help="render only fixtures whose name contains this")
    ap.add_argument("--keep", type=Path, help="also keep the .fodt files in this folder")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for golden_name, stem, layout in FIXTURES:
        if args.only and args.only not in stem:
            continue
        golden = json.loads((GOLDEN / golden_name).read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory(prefix="render-lo-") as tmp:
            fodt = Path(tmp) / f"{stem}.fodt"
            fodt.write_text(golden_to_fodt(golden, layout), encoding="utf-8")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(fodt, args.keep / fodt.name)
            pdf = convert(fodt, Path(tmp))
            target = OUT / f"{stem}.pdf"
            target.write_bytes(reproducible(pdf.read_bytes(), fodt.read_text(encoding="utf-8")))
        source = (GOLDEN / golden_name).relative_to(ROOT).as_posix()
        sidecar = pages_sidecar(golden, target, source, layout)
        (OUT / f"{stem}.pages.json").write_text(
            json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KiB")
    return 0


# Offices' templates: body text justified (Word's zh-TW default: every line of a paragraph
# but its last ends flush, and short lines ended by a line break are stretched) or
# left-aligned (a line ends where the next unbreakable piece did not fit).
FIXTURES: tuple[tuple[str, str, LoLayout], ...] = (
    ("000_c7dbfb6a031a896f.json", "seed_lo_portrait", JUSTIFIED_105),
    ("synthetic_landoffice_112.json", "synthetic_landoffice_lo_portrait", JUSTIFIED_10),
    ("synthetic_landoffice_112.json", "synthetic_landoffice_lo_portrait_left", LEFT),
)

if __name__ == "__main__":
    raise SystemExit(main())
