"""Producer: LibreOffice Writer prints the form from a flat ODT (`tools.render_lo` on a form).

The document is `tools.render_lo.golden_to_fodt`'s (a ruled table per dimension,
item and indicator cells spanning their rows, the header row repeated, rows allowed
to break across pages as Word does) with the form's own furniture: its header
labels, 小計 style, footer (`第 N 頁，共 M 頁` with LibreOffice's page-count field,
`- N -`, `N` or none), a title repeated in the page header, notes after the last
table.  Spaces a wrap could not restore are made non-breaking
(`cells.protect_spaces`), so every expected value stays readable.  LibreOffice
wraps and paginates; the pages are read back from the PDF (`locate.paginate`).
Needs `libreoffice-writer-nogui` and the CJK fonts (`make fixtures-deps`).
"""

from __future__ import annotations

import copy
import random
import tempfile
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from tools import render_lo as lo
from tools.formgen.cells import protect_spaces
from tools.formgen.locate import DrawnDimension, DrawnRow, paginate
from tools.formgen.model import Form, Rendered
from tools.formgen.variants import footer_text, full_title, header_labels, subtotal_text

FONTS = ("AR PL UMing TW", "AR PL UKai TW", "Noto Sans CJK TC")
LETTER = (21.59, 27.94)


def pick_layout(rng: random.Random) -> lo.LoLayout:
    letter = rng.random() < 0.4
    landscape = rng.random() < 0.3
    w, h = LETTER if letter else (21.0, 29.7)
    if landscape:
        w, h = h, w
    margins = lo.PORTRAIT.margins
    room = w - margins[1] - margins[3]
    base = lo.PORTRAIT.col_widths
    widths = tuple(round(c * room / sum(base), 2) for c in base)
    size = rng.choice((9.0, 10.0, 10.5, 11.0, 12.0))
    font = rng.choice(FONTS)
    align = rng.choice(("justify", "start"))
    paper = "letter" if letter else "a4"
    orient = "land" if landscape else "port"
    return replace(
        lo.PORTRAIT,
        name=f"lo_{paper}_{orient}_{font.split()[-2].lower()}_{size:g}pt_{align}",
        page=(w, h),
        col_widths=widths,
        font=font,
        size=size,
        align=align,
    )


def protected(form: Form) -> Form:
    """Given a form, return a copy whose cell texts cannot be broken at an unrestorable space."""
    out = copy.deepcopy(form)
    for r in out["rows"]:
        for key in ("indicator", "sub_indicator", "result"):
            if r[key]:
                r[key] = protect_spaces(r[key])
        r["units"] = [protect_spaces(u) for u in r["units"]]
        if r.get("extra"):
            r["extra"] = {k: protect_spaces(v) for k, v in r["extra"].items()}
    return out


def with_extra_widths(layout: lo.LoLayout, count: int) -> lo.LoLayout:
    """Given a layout and a count of columns beyond the five, return the layout with room
    for them taken out of the results column, each 9 % of the table (as a browser's)."""
    if not count:
        return layout
    *five, results = layout.col_widths
    each = round(0.09 * sum(layout.col_widths), 2)
    widths = (*five, round(results - count * each, 2), *(each,) * count)
    return replace(layout, col_widths=widths)


def _footer_xml(form: Form) -> str:
    kind = form.get("style", {}).get("footer")
    cur = '<text:page-number text:select-page="current"/>'
    body = {
        "page_of": f"第 {cur} 頁，共 <text:page-count/> 頁",
        "dash": f"- {cur} -",
        "bare": cur,
    }.get(kind or "")
    if body is None:
        return ""
    return f'<style:footer><text:p text:style-name="Footer">{body}</text:p></style:footer>'


def form_to_fodt(form: Form, layout: lo.LoLayout) -> str:
    """Given a form and a layout, return the flat ODT LibreOffice prints."""
    fodt = lo.golden_to_fodt(protected(form), replace(layout, footer=False))
    for old, new in zip(lo.HEADERS, header_labels(form), strict=True):
        fodt = fodt.replace(
            f'<text:p text:style-name="Head">{old}</text:p>',
            f'<text:p text:style-name="Head">{escape(new)}</text:p>',
        )
    for dim in form["dimensions"]:
        spaced = f"小計 {lo._fmt(dim['subtotal'])} 分"
        fodt = fodt.replace(
            f'<text:p text:style-name="Subtotal">{spaced}</text:p>',
            f'<text:p text:style-name="Subtotal">{escape(subtotal_text(form, dim))}</text:p>',
        )
    master = '<style:master-page style:name="Standard" style:page-layout-name="PL">'
    header = ""
    title = escape(full_title(form))
    if form.get("style", {}).get("repeat_title"):
        header = f'<style:header><text:p text:style-name="Title">{title}</text:p></style:header>'
        fodt = fodt.replace(f'<text:p text:style-name="Title">{title}</text:p>', "")
        fodt = fodt.replace(
            f'<text:p text:style-name="TitleBreak">{title}</text:p>',
            '<text:p text:style-name="TitleBreak"/>',
        )
        fodt = fodt.replace(
            "</style:page-layout>",
            '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" '
            'fo:margin-bottom="0.2cm"/></style:header-style></style:page-layout>',
            1,
        )
    fodt = fodt.replace(master, master + header + _footer_xml(form), 1)
    notes = form["document"].get("notes")
    if notes:
        paras = "".join(
            f'<text:p text:style-name="Heading">{escape(protect_spaces(n))}</text:p>'
            for n in notes.split("\n")
        )
        fodt = fodt.replace("</office:text>", paras + "</office:text>", 1)
    return fodt


def drawn_dimensions(form: Form) -> list[DrawnDimension]:
    """Given a form, return each dimension's rows with the cells LibreOffice draws for them."""
    rows = lo.row_cells(form)
    out: list[DrawnDimension] = []
    for dim in form["dimensions"]:
        mine = tuple(
            DrawnRow(r, tuple(c.text for c in cells))
            for r, cells in rows
            if r["dimension_no"] == dim["dimension_no"]
        )
        out.append(DrawnDimension(dim["heading"], subtotal_text(form, dim), mine))
    return out


def render_lo_with(form: Form, layout: lo.LoLayout) -> Rendered:
    extra = lo.extra_labels(form)
    layout = with_extra_widths(layout, len(extra))
    fodt = form_to_fodt(form, layout)
    with tempfile.TemporaryDirectory(prefix="formgen-lo-") as tmp:
        src = Path(tmp) / "form.fodt"
        src.write_text(fodt, encoding="utf-8")
        pdf = lo.reproducible(lo.convert(src, Path(tmp)).read_bytes(), fodt)
    dims = drawn_dimensions(form)
    doc = form["document"]
    repeat = bool(form.get("style", {}).get("repeat_title"))

    def furniture(count: int) -> list[str]:
        out: list[str] = []
        for d in dims:
            out += ([] if repeat else [full_title(form)]) + [
                doc["category"] or "",
                d.heading,
                d.subtotal,
            ]
        out += [f for n in range(1, count + 1) if (f := footer_text(form, n, count))]
        if doc.get("notes"):
            out.append(doc["notes"])
        return out

    repeated = ["".join((*header_labels(form), *extra))] + ([full_title(form)] if repeat else [])
    expected = paginate(form, pdf, dims, furniture, repeated)
    expected.setdefault("style", {})["producer_layout"] = layout.name
    return Rendered(producer="libreoffice", suffix=".pdf", data=pdf, expected=expected)


def render_lo(form: Form, rng: random.Random) -> Rendered:
    """Given a form and a random source, return LibreOffice's PDF of it and the form as paginated."""
    return render_lo_with(form, pick_layout(rng))
