"""The form generator's own helpers (tools/formgen, tools/render_lo): what they print and how
they find it again in a PDF decide the expected side of every round trip."""

from __future__ import annotations

from tools.formgen.render_chromium import _divs
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
