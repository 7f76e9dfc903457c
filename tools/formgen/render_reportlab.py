"""Producer: our own reportlab layout engine (`tools.render_fixtures.Renderer`) on a form.

It places every glyph itself, so it knows where each row landed: no read-back.
Layouts are the three of `tools.render_fixtures` (A4 fully ruled with merged cells;
landscape with horizontal rules and repeated item/indicator text; the same
unruled) on A4 or Letter, in Ming or Kai (the TrueType arphic fonts reportlab can
embed), 9-12 pt.  Fast enough to render live in the tests (needs
`fonts-arphic-uming`/`-ukai`).
"""

from __future__ import annotations

import copy
import io
import random
from dataclasses import replace
from pathlib import Path

from tools.formgen.locate import fill_pages
from tools.formgen.model import Form, Rendered
from tools.formgen.variants import with_extras
from tools.render_fixtures import (
    LAYOUT_A,
    LAYOUT_B,
    LAYOUT_C,
    FontSpec,
    Layout,
    Renderer,
    RenderError,
    register,
)

FONTS = (
    FontSpec("UMingTW", "/usr/share/fonts/truetype/arphic/uming.ttc", 2),
    FontSpec("UKaiTW", "/usr/share/fonts/truetype/arphic/ukai.ttc", 2),
)
LETTER = (612.0, 792.0)


def fonts_available() -> bool:
    return all(Path(f.path).exists() for f in FONTS)


def sized(base: Layout, *, letter: bool, font: FontSpec, size: float) -> Layout:
    """Given a base layout, return it on A4 or Letter (same orientation), in `font` at `size` pt."""
    w, h = base.pagesize
    if letter:
        w, h = LETTER if h > w else (LETTER[1], LETTER[0])
    room = w - 2 * base.margin_left
    scale = room / sum(base.col_widths)
    widths = tuple(round(c * scale, 2) for c in base.col_widths)
    ratio = base.leading / base.size
    name = f"{base.name}_{'letter' if letter else 'a4'}_{font.name}_{size:g}pt"
    return replace(
        base,
        name=name,
        pagesize=(w, h),
        col_widths=widths,  # type: ignore[arg-type]
        font=font,
        size=size,
        leading=round(size * ratio, 2),
    )


def pick_layout(rng: random.Random) -> Layout:
    base = rng.choice((LAYOUT_A, LAYOUT_B, LAYOUT_C))
    return sized(
        base,
        letter=rng.random() < 0.4,
        font=rng.choice(FONTS),
        size=rng.choice((9.0, 10.0, 10.5, 11.0, 12.0)),
    )


def _draw(
    form: Form, layout: Layout, page_count: int, *, draw: bool = True
) -> tuple[bytes, Renderer, dict[str, object]]:
    buf = io.BytesIO()
    r = Renderer(form, layout, buf, page_count=page_count)
    side = r.render(draw=draw)
    return buf.getvalue(), r, side


def render_reportlab_with(form: Form, layout: Layout) -> Rendered:
    """Given a form and a layout, return the PDF and the form with the pages it was drawn on."""
    register(layout.font)
    _, _, side = _draw(form, layout, 0, draw=False)  # first pass: the page count for "共 M 頁"
    data, r, side = _draw(form, layout, int(side["page_count"]))  # type: ignore[call-overload]
    rows = {tr.golden["row_no"]: (min(tr.pages), max(tr.pages)) for tr in r.built}
    dims = {int(k): (v[0], v[1]) for k, v in side["dimensions"].items()}  # type: ignore[attr-defined]
    expected = fill_pages(
        copy.deepcopy(form),
        int(side["page_count"]),
        rows,
        dims,  # type: ignore[call-overload]
    )
    expected.setdefault("style", {})["producer_layout"] = layout.name
    return Rendered(producer="reportlab", suffix=".pdf", data=data, expected=expected)


def render_reportlab(form: Form, rng: random.Random) -> Rendered:
    """Given a form and a random source, return a reportlab rendering (smaller type if it must)."""
    layout = pick_layout(rng)
    while True:
        try:
            return render_reportlab_with(form, layout)
        except RenderError:
            if layout.size <= 9.0:
                raise
            ratio = layout.leading / layout.size
            size = layout.size - 1.0
            layout = replace(layout, size=size, leading=round(size * ratio, 2))


# The same forms given columns beyond the five, each narrow, its notes wrapped in it.
render_reportlab_extra = with_extras(render_reportlab, "reportlab-extra")
