"""The form generator's own helpers (tools/formgen, tools/render_lo): what they print and how
they find it again in a PDF decide the expected side of every round trip."""

from __future__ import annotations

import io
import random

import pytest

from tools.formgen.generate import generate
from tools.formgen.render_chromium import _divs
from tools.formgen.render_reportlab import fonts_available, pick_layout
from tools.render_fixtures import Layout, Renderer, _break_ok, _width, register, wrap
from tools.render_lo import Glyphs, locate


def test_chromium_cells_may_break_a_url_after_its_slashes() -> None:
    # Without a break opportunity "…gov.tw/service。" overran a narrow cell and Chromium
    # clipped the "。" at the page's printable edge (seeds 5104, 5112, 5113, 5212).
    html = _divs(["網址：https://www.example.gov.tw/service。", "1/2"])
    assert html == (
        "<div>網址：https://<wbr>www.example.gov.tw/<wbr>service。</div><div>1/<wbr>2</div>"
    )


def test_a_cell_piece_gives_back_glyphs_it_took_from_the_next_cell_by_coincidence() -> None:
    # LibreOffice seed 5213: the units cell "地籍測量課" / "1999市民熱線" broke across the
    # page; on page 1 the result "1.完成檢驗…" follows "地籍測量課", and its "1" matched
    # the units' next glyph.  The rest "1999市民熱線" is whole on page 2.
    page1, page2 = "地籍測量課1.完成檢驗", "1999市民熱線"
    text = page1 + page2
    pages = (1,) * len(page1) + (2,) * len(page2)
    g = Glyphs(text, pages, (0, len(page1)), (0.0,) * len(text), (False,) * len(text))
    assert locate(g, "地籍測量課\n1999市民熱線", 0, 0) == [(0, 6), (len(page1) + 1, len(text))]
    pieces = locate(g, "地籍測量課\n1999市民熱線", 0, 0, give_back=True)
    assert pieces == [(0, 5), (len(page1), len(text))]
    # The result cell then starts where the units' first piece ends (the caller, paginate,
    # retries a row with give_back when the row cannot be placed without).
    assert locate(g, "1. 完成檢驗", 5, len(text)) == [(5, len(page1))]


def _greedy_wrap(text: str, limit: float, layout: Layout) -> list[str]:
    """The wrap a reader expects, glyph by glyph: each line the longest that fits (one glyph
    at least), ended at the last break allowed at or before that."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        if _width(text[start:], layout) <= limit:
            return [*lines, text[start:]]
        end = start + 1
        while end < len(text) and _width(text[start : end + 1], layout) <= limit:
            end += 1
        j = end
        while j > start and _break_ok(text, j) is None:
            j -= 1
        nxt = _break_ok(text, j)
        assert nxt is not None and j > start
        lines.append(text[start:j])
        start = nxt
    return lines


@pytest.mark.skipif(not fonts_available(), reason="the arphic fonts are not installed (make setup)")
def test_a_paragraph_wraps_as_glyph_by_glyph_greed_would() -> None:
    # `wrap` finds each line's end by halving, not glyph by glyph: the renderings, and so
    # every round trip's seed, must not change by it.
    rng = random.Random(7)
    pieces = [
        "服務",
        "檢驗",
        "call",
        " ",
        "center",
        "，",
        "50,927",
        "批",
        "。",
        "e",
        "化",
        "QR",
        "code",
    ]
    for _ in range(300):
        layout = pick_layout(rng)
        register(layout.font)
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))).strip() or "服務"
        text = " ".join(text.split())
        limit = rng.uniform(2, 12) * layout.size
        try:
            expected = _greedy_wrap(text, limit, layout)
        except AssertionError:
            continue  # no allowed break: wrap raises RenderError
        assert wrap(text, limit, layout) == expected, (text, limit)


@pytest.mark.skipif(not fonts_available(), reason="the arphic fonts are not installed (make setup)")
def test_a_first_pass_that_draws_nothing_lays_the_pages_out_alike() -> None:
    # The reportlab producer's first pass only counts the pages ("共 M 頁"): it draws no
    # text and writes no PDF, and must put everything on the pages the drawing pass does.
    for seed in (3, 11):
        form, layout = generate(seed), pick_layout(random.Random(seed))
        register(layout.font)
        drawn, laid = io.BytesIO(), io.BytesIO()
        a, b = Renderer(form, layout, drawn), Renderer(form, layout, laid)
        assert a.render() == b.render(draw=False)
        assert [t.pages for t in a.built] == [t.pages for t in b.built]
        assert drawn.getvalue().startswith(b"%PDF") and laid.getvalue() == b""
