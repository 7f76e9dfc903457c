"""Producer: the form's document saved as text by LibreOffice Writer ("Save as text").

The flat ODT is the one `render_lo` prints (`form_to_fodt`: a ruled table per
dimension, item and indicator cells spanning their rows, the form's header labels,
小計 style and notes), with the title in the body (a title repeated in the page header
is no part of a text export).  Half the forms break their item names, indicators and
sub-indicators with manual line breaks between two ideographs, as authors shape a
narrow cell by hand (`服務一致及` / `正確性`).  LibreOffice's `Text (encoded)` filter writes
each paragraph and each manual line of each cell on a line, unwrapped, and an empty or
covered cell as an empty line; there are no pages, so every page field is 1.  Needs `libreoffice-writer-nogui`
(`make fixtures-deps`).

`python -m tools.formgen.render_export` writes the committed exports of generated forms
(`tests/fixtures/formgen_text/libreoffice-text_<seed>.txt` and `.json`, the expected form).
"""

from __future__ import annotations

import copy
import json
import random
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
        return lo.convert(src, Path(tmp), "txt:Text (encoded):UTF8").read_bytes()


BREAK = "\u2028"  # a manual line break in a cell's text, until the fodt is written


def _broken(text: str, every: tuple[int, int], rng: random.Random) -> str:
    """Given a text, the span of characters between breaks and a random source, return the
    text with manual breaks between two ideographs about that often."""
    out, run = [], 0
    gap = rng.randint(*every)
    for k, ch in enumerate(text):
        if run >= gap and k > 0 and _han(text[k - 1]) and _han(ch):
            out.append(BREAK)
            run, gap = 0, rng.randint(*every)
        out.append(ch)
        run += 1
    return "".join(out)


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def hand_broken(form: Form, rng: random.Random) -> Form:
    """Given a form and a random source, return a copy whose item names, indicators and
    sub-indicators carry manual line breaks (the same text broken alike everywhere)."""
    out = copy.deepcopy(form)
    seen: dict[str, str] = {}

    def brk(text: str, every: tuple[int, int]) -> str:
        return seen.setdefault(text, _broken(text, every, rng))

    for it in out["items"]:
        it["name"] = brk(it["name"], (3, 6))
    for r in out["rows"]:
        if r["indicator"]:
            r["indicator"] = brk(r["indicator"], (3, 6))
        if r["sub_indicator"]:
            r["sub_indicator"] = brk(r["sub_indicator"], (10, 18))
    return out


def render_export(form: Form, rng: random.Random) -> Rendered:
    """Given a form and a random source, return LibreOffice's text export of it and the
    form as read from one page."""
    drawn = hand_broken(form, rng) if rng.random() < 0.5 else copy.deepcopy(form)
    drawn.setdefault("style", {})["repeat_title"] = False
    fodt = form_to_fodt(drawn, pick_layout(rng)).replace(BREAK, "<text:line-break/>")
    data = export_text(fodt)
    expected = fill_pages(
        copy.deepcopy(form),
        1,
        {r["row_no"]: (1, 1) for r in form["rows"]},
        {d["dimension_no"]: (1, 1) for d in form["dimensions"]},
    )
    return Rendered(producer="libreoffice-text", suffix=".txt", data=data, expected=expected)


OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "formgen_text"
SEEDS = (1, 2, 5, 15, 121, 2258, 2622, 2822)  # 1, 121: cells broken by hand; 15: points on a
# name line; 2258: a sub-indicator's first line the document opens one with after a marker
# elsewhere; 2622: a sub-indicator whose first line opens a bracket its second closes; 2822:
# an indicator and a sub-indicator other rows print whole


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
