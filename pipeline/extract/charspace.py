"""Character spacing (`Tc`) placed as the PDF specification says, for pdfplumber's device.

PDF 32000-1 §9.4.4: every glyph shown advances by its width plus `Tc` (plus `Tw`
after a space), the last glyph of a string too, so the spacing carries over to
the next text-showing operator.  pdfminer.six adds `Tc` only *between* the
glyphs of one string (pdfminer/pdfminer.six#1128, open), so a justified line
drawn in several strings (a font subset switch, a run of Latin text) comes out
short by `Tc` per string: reportlab's justified cells read ending 4 pt before
the cell's edge, and the stitch stage took the wrap for a paragraph's end.
pdfium places the same glyphs at the spec's positions.

`install` gives pdfplumber's page device (and only it) the spec's rule.
"""

from __future__ import annotations

from typing import Any

from pdfminer import utils
from pdfplumber.page import PDFPageAggregatorWithMarkedContent


def _show(
    self: Any,
    seq: Any,
    matrix: Any,
    pos: Any,
    font: Any,
    args: tuple[Any, ...],
    *,
    vertical: bool,
) -> Any:
    """Given a text-showing sequence, render its glyphs with `Tc` after every glyph; return
    the position after them (the text advances along y in vertical writing)."""
    fontsize, scaling, charspace, wordspace, rise, dxscale, ncs, graphicstate = args
    (x, y) = pos
    for obj in seq:
        if isinstance(obj, int | float):
            step = -obj * dxscale
        elif isinstance(obj, bytes):
            step = 0.0
            for cid in font.decode(obj):
                at = (x, y + step) if vertical else (x + step, y)
                step += self.render_char(
                    utils.translate_matrix(matrix, at),
                    font,
                    fontsize,
                    scaling,
                    rise,
                    cid,
                    ncs,
                    graphicstate,
                )
                step += charspace + (wordspace if cid == 32 else 0.0)
        else:
            continue
        x, y = (x, y + step) if vertical else (x + step, y)
    return (x, y)


def render_string_horizontal(
    self: Any, seq: Any, matrix: Any, pos: Any, font: Any, *args: Any
) -> Any:
    """pdfminer's `PDFTextDevice.render_string_horizontal` with `Tc` after every glyph."""
    return _show(self, seq, matrix, pos, font, args, vertical=False)


def render_string_vertical(
    self: Any, seq: Any, matrix: Any, pos: Any, font: Any, *args: Any
) -> Any:
    """pdfminer's `PDFTextDevice.render_string_vertical` with `Tc` after every glyph."""
    return _show(self, seq, matrix, pos, font, args, vertical=True)


def install() -> None:
    """Make pdfplumber's page device apply `Tc` after every glyph (idempotent)."""
    device: Any = PDFPageAggregatorWithMarkedContent
    device.render_string_horizontal = render_string_horizontal
    device.render_string_vertical = render_string_vertical
