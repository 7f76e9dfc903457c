"""Producer: headless Chromium prints the form as an HTML table (`chromium --print-to-pdf`).

How a form printed from a browser looks: a `<table>` per dimension (each on a new
page) whose `<thead>` Chromium repeats on every page, rows allowed to break across
pages (`break-inside: auto`: the tail of every cell continues at the top of the
next page), item and indicator cells either merged (`rowspan`) or repeated on
every row, page footers and a repeated title from CSS page-margin boxes.  Chromium
wraps and paginates; the expected page ranges are read back from the PDF
(`locate.paginate`).  Needs Debian `chromium` and the CJK fonts (`make fixtures-deps`).
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from tools.formgen.cells import (
    fmt,
    indicator_groups,
    indicator_text,
    item_paras,
    protect_spaces,
    result_paras,
    sub_text,
)
from tools.formgen.locate import DrawnDimension, DrawnRow, paginate
from tools.formgen.model import Form, Rendered
from tools.formgen.variants import footer_text, full_title, header_labels, subtotal_text
from tools.render_lo import RenderError

FONTS = {"ming": "AR PL UMing TW", "kai": "AR PL UKai TW", "noto": "Noto Sans CJK TC"}
PAPERS = {"A4": (210, 297), "Letter": (216, 279)}


@dataclass(frozen=True, slots=True)
class HtmlLayout:
    paper: str  # "A4" or "Letter"
    landscape: bool
    font: str  # a key of FONTS
    size: float  # pt
    merged: bool  # rowspan item/indicator cells (True) or their text on every row
    align: str  # "left" or "justify"
    widths: tuple[int, int, int, int, int]  # column widths in %

    @property
    def name(self) -> str:
        orient = "land" if self.landscape else "port"
        kind = "merged" if self.merged else "repeated"
        return f"{self.paper}_{orient}_{self.font}_{fmt(self.size)}pt_{kind}_{self.align}"


def pick_layout(rng: random.Random) -> HtmlLayout:
    landscape = rng.random() < 0.4
    widths = (13, 14, 23, 12, 38) if landscape else (14, 15, 22, 13, 36)
    return HtmlLayout(
        paper=rng.choice(tuple(PAPERS)),
        landscape=landscape,
        font=rng.choice(tuple(FONTS)),
        size=rng.choice((9.0, 10.0, 10.5, 11.0, 12.0)),
        merged=rng.random() < 0.5,
        align=rng.choice(("left", "justify")),
        widths=widths,
    )


# A break opportunity after every slash that a word character follows: without it an
# unbreakable URL and the "。" glued to it ("…gov.tw/service。") overrun a narrow cell,
# and what passes the page's printable edge is clipped (never printed, yet expected).
# Word and LibreOffice break URLs there; the reader restores such a wrap ("/" + "s").
_AFTER_SLASH = re.compile(r"(?<=/)(?=[^/\s])")


def _divs(paras: list[str]) -> str:
    return "".join(
        f"<div>{_AFTER_SLASH.sub('<wbr>', escape(protect_spaces(p)))}</div>" for p in paras
    )


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def footer_css(form: Form) -> str:
    kind = form.get("style", {}).get("footer")
    if kind == "page_of":
        return '"第 " counter(page) " 頁，共 " counter(pages) " 頁"'
    if kind == "dash":
        return '"- " counter(page) " -"'
    if kind == "bare":
        return "counter(page)"
    return ""


def form_to_html(form: Form, layout: HtmlLayout) -> tuple[str, list[DrawnDimension]]:
    """Given a form and a layout, return the HTML page and what each row draws, in order."""
    w, h = PAPERS[layout.paper]
    if layout.landscape:
        w, h = h, w
    font = FONTS[layout.font]
    style = form.get("style", {})
    title = full_title(form)
    repeat = bool(style.get("repeat_title"))
    margin_boxes = ""
    footer = footer_css(form)
    if footer:
        margin_boxes += f"@bottom-center {{ content: {footer}; font-size: 9pt; }}"
    if repeat:
        margin_boxes += f"@top-center {{ content: {_css_string(title)}; font-size: 13pt; }}"
    css = f"""
@page {{ size: {w}mm {h}mm; margin: 14mm 12mm 16mm 12mm; {margin_boxes} }}
body {{ font-family: "{font}"; font-size: {layout.size}pt; margin: 0; }}
section {{ break-before: page; }}
section:first-child {{ break-before: auto; }}
h1 {{ font-size: 14pt; text-align: center; font-weight: normal; margin: 0 0 6pt 0; }}
p.head {{ font-size: 12pt; margin: 0 0 5pt 0; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: auto; }}
th, td {{ border: 0.6pt solid #000; vertical-align: top; padding: 2pt 3pt;
          text-align: {layout.align}; line-height: 1.35; }}
th {{ text-align: center; font-weight: normal; }}
td.sub {{ text-align: center; }}
p.note {{ margin: 6pt 0 0 0; }}
"""
    extra_labels = list(style.get("extra_columns") or [])
    labels = (*header_labels(form), *extra_labels)
    widths = list(layout.widths)
    if extra_labels:
        # Room for the further columns comes out of the results column.
        widths[4] -= 9 * len(extra_labels)
        widths += [9] * len(extra_labels)
    items = {(it["dimension_no"], it["item_no"]): it for it in form["items"]}
    sections: list[str] = []
    drawn_dims: list[DrawnDimension] = []
    for dim in form["dimensions"]:
        dno = dim["dimension_no"]
        rows = [r for r in form["rows"] if r["dimension_no"] == dno]
        groups = indicator_groups(rows)
        body: list[str] = []
        drawn: list[DrawnRow] = []
        for i, r in enumerate(rows):
            item = items[(dno, r["item_no"])]
            cells: list[str] = []
            texts: list[str] = []
            first_of_item = i == 0 or rows[i - 1]["item_no"] != r["item_no"]
            if not layout.merged or first_of_item:
                span = sum(1 for x in rows[i:] if x["item_no"] == r["item_no"])
                attr = f' rowspan="{span}"' if layout.merged and span > 1 else ""
                paras = item_paras(item, form)
                cells.append(f"<td{attr}>{_divs(paras)}</td>")
                texts.append("".join(paras))
            g = groups[i]
            ind = indicator_text(r, form)
            if g < 0:
                cells.append("<td></td>")
            elif not layout.merged or i == 0 or groups[i - 1] != g:
                span = 1
                while i + span < len(rows) and groups[i + span] == g:
                    span += 1
                attr = f' rowspan="{span}"' if layout.merged and span > 1 else ""
                cells.append(f"<td{attr}>{_divs([ind] if ind else [])}</td>")
                texts.append(ind or "")
            sub = sub_text(r, form)
            cells.append(f"<td>{_divs([sub] if sub else [])}</td>")
            cells.append(f"<td>{_divs(list(r['units']))}</td>")
            cells.append(f"<td>{_divs(result_paras(r))}</td>")
            texts += [sub or "", "".join(r["units"]), "".join(result_paras(r))]
            for label in extra_labels:
                value = (r.get("extra") or {}).get(label, "")
                cells.append(f"<td>{_divs([value] if value else [])}</td>")
                texts.append(value)
            body.append("<tr>" + "".join(cells) + "</tr>")
            drawn.append(DrawnRow(r, tuple(texts)))
        sub_line = subtotal_text(form, dim)
        span = 5 + len(extra_labels)
        body.append(
            f'<tr><td colspan="{span}" class="sub">{escape(protect_spaces(sub_line))}</td></tr>'
        )
        head = "".join(f"<th>{escape(label)}</th>" for label in labels)
        cols = "".join(f'<col style="width:{p}%">' for p in widths)
        top = "" if repeat else f"<h1>{escape(title)}</h1>"
        sections.append(
            f"<section>{top}<p class='head'>{escape(form['document']['category'] or '')}</p>"
            f"<p class='head'>{escape(dim['heading'])}</p>"
            f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></section>"
        )
        drawn_dims.append(DrawnDimension(dim["heading"], sub_line, tuple(drawn)))
    notes = form["document"].get("notes")
    if notes:
        sections[-1] = sections[-1].replace(
            "</section>",
            "".join(f"<p class='note'>{escape(protect_spaces(n))}</p>" for n in notes.split("\n"))
            + "</section>",
        )
    html = (
        f'<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{css}</style></head>"
        f"<body>{''.join(sections)}</body></html>"
    )
    return html, drawn_dims


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        raise RenderError("chromium not found: make fixtures-deps")
    return exe


def print_to_pdf(html: str) -> bytes:
    """Given an HTML page, return the PDF headless Chromium prints of it."""
    with tempfile.TemporaryDirectory(prefix="formgen-chromium-") as tmp:
        src = Path(tmp) / "form.html"
        src.write_text(html, encoding="utf-8")
        out = Path(tmp) / "form.pdf"
        cmd = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={out}",
            src.as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
        if not out.exists():
            raise RenderError(f"chromium failed ({done.returncode}): {done.stderr[-500:]}")
        # The run's timestamps are the only bytes that differ between two runs.
        return re.sub(rb"\(D:\d{14}", b"(D:20000101000000", out.read_bytes())


def furniture_of(form: Form, dims: list[DrawnDimension]) -> Any:
    """Given a form, return the function listing its once-printed furniture for a page count."""
    doc = form["document"]
    repeat = bool(form.get("style", {}).get("repeat_title"))

    def furniture(count: int) -> list[str]:
        out: list[str] = []
        for d in dims:
            if not repeat:
                out.append(full_title(form))
            out += [doc["category"] or "", d.heading, d.subtotal]
        out += [f for n in range(1, count + 1) if (f := footer_text(form, n, count))]
        if doc.get("notes"):
            out.append(doc["notes"])
        return out

    return furniture


def render_chromium(form: Form, rng: random.Random) -> Rendered:
    """Given a form and a random source, return Chromium's PDF of it and the form as paginated."""
    layout = pick_layout(rng)
    return render_chromium_with(form, layout)


def render_chromium_with(form: Form, layout: HtmlLayout) -> Rendered:
    html, dims = form_to_html(form, layout)
    pdf = print_to_pdf(html)
    repeated = [
        "".join((*header_labels(form), *(form.get("style", {}).get("extra_columns") or [])))
    ]
    if form.get("style", {}).get("repeat_title"):
        repeated.append(full_title(form))
    expected = paginate(form, pdf, dims, furniture_of(form, dims), repeated)
    expected.setdefault("style", {})["producer_layout"] = layout.name
    return Rendered(producer="chromium", suffix=".pdf", data=pdf, expected=expected)
