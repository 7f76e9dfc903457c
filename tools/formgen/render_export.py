"""Producer: the form's document saved as text by LibreOffice Writer ("Save as text").

The flat ODT is the one `render_lo` prints (`form_to_fodt`: a ruled table per
dimension, item and indicator cells spanning their rows, the form's header labels,
小計 style and notes), with the title in the body (a title repeated in the page header
is no part of a text export).  LibreOffice's `Text (encoded)` filter writes each
paragraph of each cell on a line, unwrapped, and an empty or covered cell as an empty
line; there are no pages, so every page field is 1.  Needs `libreoffice-writer-nogui`
(`make fixtures-deps`).

`python -m tools.formgen.render_export` writes the committed exports of generated forms
(`tests/fixtures/formgen_text/libreoffice-text_<seed>.txt` and `.json`, the expected form).
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import tempfile
from pathlib import Path

from tools import render_lo as lo
from tools.formgen.generate import generate
from tools.formgen.locate import fill_pages
from tools.formgen.model import Form, Rendered
from tools.formgen.render_lo import form_to_fodt, pick_layout


def export_text(fodt: str) -> bytes:
    """Given a flat ODT, return LibreOffice's UTF-8 text export of it."""
    with tempfile.TemporaryDirectory(prefix="formgen-lotext-") as tmp:
        src = Path(tmp) / "form.fodt"
        src.write_text(fodt, encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
            cmd = [
                lo.soffice(),
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                tmp,
                str(src),
            ]
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        out = Path(tmp) / "form.txt"
        if done.returncode != 0 or not out.exists():
            raise lo.RenderError(f"soffice failed ({done.returncode}): {done.stderr.strip()}")
        return out.read_bytes()


def render_export(form: Form, rng: random.Random) -> Rendered:
    """Given a form and a random source, return LibreOffice's text export of it and the
    form as read from one page."""
    drawn = copy.deepcopy(form)
    drawn.setdefault("style", {})["repeat_title"] = False
    data = export_text(form_to_fodt(drawn, pick_layout(rng)))
    expected = fill_pages(
        copy.deepcopy(form),
        1,
        {r["row_no"]: (1, 1) for r in form["rows"]},
        {d["dimension_no"]: (1, 1) for d in form["dimensions"]},
    )
    return Rendered(producer="libreoffice-text", suffix=".txt", data=data, expected=expected)


OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "formgen_text"
SEEDS = (1, 2, 3, 5, 12)  # 12: points on the item's name line; 2: notes after the 小計


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS:
        rendered = render_export(generate(seed), random.Random(seed))
        stem = OUT / f"{rendered.producer}_{seed}"
        stem.with_suffix(".txt").write_bytes(rendered.data)
        text = json.dumps(rendered.expected, ensure_ascii=False, indent=1)
        stem.with_suffix(".json").write_text(text, encoding="utf-8")
        print(stem.with_suffix(".txt"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
