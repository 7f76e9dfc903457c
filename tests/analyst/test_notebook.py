"""notebooks/01-overview.ipynb runs against sample outputs, and its Chinese labels are text.

The glyph check runs inside the executed notebook's kernel, on the figures the
notebook drew: every character of every label must have a glyph in the font
Matplotlib chose for it, or the label renders as boxes.
"""

from __future__ import annotations

import base64
import json
import os
import unicodedata
from pathlib import Path

import nbformat
import pytest

from tests.conftest import REPO

NOTEBOOK = REPO / "notebooks" / "01-overview.ipynb"
FIGURES = {"dimensions", "items", "subtotals", "counts", "checks"}

PROBE = """
import json as _json
from matplotlib.text import Text as _Text
from pipeline.analyst.plotting import missing_glyphs as _missing
_texts = {n: [t.get_text() for t in f.findobj(_Text)] for n, f in figures.items()}
print("PROBE=" + _json.dumps({
    "font": FONT,
    "missing": {n: _missing(f) for n, f in figures.items()},
    "texts": _texts,
}, ensure_ascii=False))
"""


def _is_cjk(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def test_notebook_outputs_are_stripped_in_git() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.fixture(scope="module")
def executed(
    analyst_out: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, object], Path]:
    nbclient = pytest.importorskip("nbclient")
    figures = tmp_path_factory.mktemp("figures")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    env = {"EVALTABLE_OUT": str(analyst_out)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits the environment it is started in
    try:
        client = nbclient.NotebookClient(
            nb,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    out = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    probe = json.loads(out.split("PROBE=", 1)[1])
    # the figures as the notebook shows them: its inline PNG outputs
    pngs = [
        base64.b64decode(o["data"]["image/png"])
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.output_type == "display_data" and "image/png" in o.get("data", {})
    ]
    for i, png in enumerate(pngs):
        (figures / f"{i}.png").write_bytes(png)
    return probe, figures


def test_notebook_draws_every_figure_with_cjk_labels_as_text(
    executed: tuple[dict[str, object], Path],
) -> None:
    probe, _ = executed
    assert str(probe["font"]).startswith("Noto Sans CJK")
    texts = probe["texts"]
    assert isinstance(texts, dict) and set(texts) == FIGURES
    cjk = {n: sum(_is_cjk(ch) for t in ts for ch in t) for n, ts in texts.items()}
    assert all(v > 0 for v in cjk.values()), cjk  # every figure has Chinese labels to check
    assert probe["missing"] == {n: [] for n in FIGURES}


def test_notebook_shows_figures_that_are_not_blank(
    executed: tuple[dict[str, object], Path],
) -> None:
    from PIL import Image

    _, folder = executed
    assert len(list(folder.glob("*.png"))) == len(FIGURES)
    for path in folder.glob("*.png"):
        img = Image.open(path).convert("L")
        assert len(img.getcolors(maxcolors=1 << 16) or []) > 20, path


def test_glyph_check_catches_a_font_without_chinese() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from pipeline.analyst.plotting import missing_glyphs

    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("基礎服務 score")
        with pytest.warns(UserWarning, match="missing from font"):
            missing = missing_glyphs(fig)
        plt.close(fig)
    assert [ch for _, ch, _ in missing] == list("基礎服務")
