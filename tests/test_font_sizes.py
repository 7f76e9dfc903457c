"""One generated form printed at 9 pt and at 12 pt reads alike: exact both times.

Every tolerance of the grid and stitch is relative to the page's body font size
(`GridSettings`, `StitchSettings`), so type a third larger moves every line, rule and
page break and changes nothing read.  Rendered live by reportlab (needs
`fonts-arphic-uming`); the expected form is the renderer's own record of where each
row landed, never pipeline code.
"""

from __future__ import annotations

import pytest

pytest.importorskip("reportlab")

from tests.family import document_to_form, judge, read
from tools.formgen.generate import generate
from tools.formgen.render_reportlab import FONTS, fonts_available, render_reportlab_with, sized
from tools.render_fixtures import LAYOUT_A, LAYOUT_B, LAYOUT_C, Layout

# Forms whose rows break across page ends at both sizes.  (Seed 305 at 9 pt in the merged
# layout is a false alarm: its units column wraps '資訊小組(各單位)' / '秘書室' where the
# document cannot tell one name from two, so it is flagged; at 12 pt it is not cut so.)
SEEDS = (308, 312)


def _without_pages(form: object) -> object:
    """Given a form in the golden format, return it without what depends on pagination."""
    if isinstance(form, dict):
        return {
            k: _without_pages(v)
            for k, v in form.items()
            if k not in ("page_start", "page_end", "page_count", "pages")
        }
    if isinstance(form, list):
        return [_without_pages(v) for v in form]
    return form


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("layout", [LAYOUT_A, LAYOUT_B, LAYOUT_C], ids=lambda la: la.name)
def test_a_form_at_9_and_12_pt_reads_alike(layout: Layout, seed: int) -> None:
    if not fonts_available():
        pytest.skip("fonts-arphic-uming/-ukai are not installed (make setup installs them)")
    read_back = []
    for size in (9.0, 12.0):
        rendered = render_reportlab_with(
            generate(seed),
            sized(layout, letter=False, font=FONTS[0], size=size),
        )
        rt = judge(seed, rendered)
        assert rt.outcome == "exact", rt.report()
        outcome = read(rendered)
        assert outcome.document is not None
        read_back.append(document_to_form(outcome.document, outcome.document.notes))
    small, large = read_back
    assert small["document"]["page_count"] < large["document"]["page_count"]
    assert _without_pages(small) == _without_pages(large)
