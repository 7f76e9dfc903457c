"""Hand-varied forms from the two goldens: the stand-in for `generate.generate(seed)`.

Until the lead's generator lands, `variant(seed)` returns a `Form` (see `model.py`)
built from `tests/golden/*.json`: the first rows of each item, changed item scores (with
the 小計 and totals following them), a header-label variant, a footer style, a
repeated title, a subtotal style and notes after the last 小計.  Page fields are
None: a producer fills them in.  Nothing here imports `pipeline`.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tools.formgen.model import HEADER_FIFTH, HEADER_FIRST_FOUR, Form, Producer, Rendered

ROOT = Path(__file__).resolve().parents[2]
GOLDENS = (
    ROOT / "tests" / "golden" / "synthetic_landoffice_112.json",
    ROOT / "tests" / "golden" / "000_c7dbfb6a031a896f.json",
)
FOOTERS = (None, "page_of", "dash", "bare")


def _fmt(x: float | None) -> str:
    return "" if x is None else str(int(x)) if float(x).is_integer() else str(x)


def load_golden(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def strip_pages(form: Form) -> Form:
    """Given a golden-format dict, return a copy with every page field set to None."""
    out = copy.deepcopy(form)
    out.pop("source", None)
    out["document"]["page_count"] = None
    for key in ("dimensions", "items", "rows"):
        for rec in out[key]:
            rec["page_start"] = None
            rec["page_end"] = None
    return out


def _trim_rows(form: Form, rng: random.Random) -> None:
    """Given a long form, keep the first one to three rows of each item (every dimension stays)."""
    keep: list[dict[str, Any]] = []
    seen: dict[tuple[int, int], int] = {}
    limits = {(it["dimension_no"], it["item_no"]): rng.randint(1, 2) for it in form["items"]}
    for r in form["rows"]:
        key = (r["dimension_no"], r["item_no"])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= limits[key]:
            keep.append(r)
    form["rows"] = keep
    for n, r in enumerate(keep, start=1):
        r["row_no"] = n
        if r["result"]:
            # Keep the committed renderings small: at most three paragraphs per result.
            r["result"] = "\n".join(r["result"].split("\n")[: rng.randint(1, 3)])


def _rescore(form: Form, rng: random.Random) -> None:
    """Given a form, change some item scores and make 小計 and totals agree with them."""
    for it in form["items"]:
        if rng.random() < 0.5:
            top = it["max_points"]
            it["score"] = rng.choice([top - rng.randint(0, top // 4), top * 0.9 - 0.5])
            it["score"] = (
                float(it["score"]) if not float(it["score"]).is_integer() else int(it["score"])
            )
        it["cell_text"] = f"{it['name']}({it['max_points']}分)得分：{_fmt(it['score'])}"
    for d in form["dimensions"]:
        total = sum(it["score"] for it in form["items"] if it["dimension_no"] == d["dimension_no"])
        d["subtotal"] = int(total) if float(total).is_integer() else total
    doc = form["document"]
    total = sum(d["subtotal"] for d in form["dimensions"])
    doc["total_score"] = int(total) if float(total).is_integer() else total
    doc["total_max"] = sum(d["max_points"] for d in form["dimensions"])


def variant(seed: int) -> Form:
    """Given a seed, return a hand-varied copy of a golden as a `Form` (page fields None)."""
    rng = random.Random(seed)
    # The seed golden is 23 pages; most variants take the short synthetic one.
    golden = load_golden(GOLDENS[1] if rng.random() < 0.3 else GOLDENS[0])
    form = strip_pages(golden)
    if len(form["rows"]) > 20:
        _trim_rows(form, rng)
    _rescore(form, rng)
    first_four = rng.choice(HEADER_FIRST_FOUR)
    fifth = rng.choice(HEADER_FIFTH)
    form["document"]["header_variant"] = fifth
    notes = None
    if rng.random() < 0.5:
        total = form["document"]["total_score"]
        notes = f"總分 {_fmt(total)} 分"
        if rng.random() < 0.5:
            notes += "\n備註：本表由各單位填報，研考單位彙整。"
    form["document"]["notes"] = notes
    form["style"] = {
        "header_labels": [*first_four, fifth],
        "footer": rng.choice(FOOTERS),
        "repeat_title": rng.random() < 0.3,
        "subtotal_style": rng.choice(("spaced", "colon")),
    }
    return form


def subtotal_text(form: Form, dim: dict[str, Any]) -> str:
    """Given a form and a dimension, return its 小計 line as the form's style prints it."""
    value = _fmt(dim["subtotal"])
    if form.get("style", {}).get("subtotal_style") == "colon":
        return f"小計：{value}分"
    return f"小計 {value} 分"


def footer_text(form: Form, page: int, count: int) -> str | None:
    """Given a form, a page number and the page count, return the footer as its style prints it."""
    kind = form.get("style", {}).get("footer")
    if kind == "page_of":
        return f"第 {page} 頁，共 {count} 頁"
    if kind == "dash":
        return f"- {page} -"
    if kind == "bare":
        return str(page)
    return None


def header_labels(form: Form) -> tuple[str, ...]:
    """Given a form, return its five column-header labels."""
    labels = form.get("style", {}).get("header_labels")
    if labels:
        return tuple(labels)
    fifth = form["document"].get("header_variant") or HEADER_FIFTH[0]
    return (*HEADER_FIRST_FOUR[0], fifth)


def full_title(form: Form) -> str:
    doc = form["document"]
    title: str = doc["title"]
    if doc["agency"] and doc["agency"] not in title:
        title = f"{doc['agency']} {doc['roc_year']}年度{title}"
    return title


EXTRA_NOTES = ("詳附件一", "含線上申辦統計表", "", "依本局考核紀錄", "", "見佐證資料第 3 頁")


# Columns beyond the five forms print: the pipeline's vocabulary's labels ...
EXTRA_LABELS = (("備註",), ("自評分數", "備註"), ("佐證資料",), ("評分說明",))
# ... and labels it knows nothing of, kept as printed.
OTHER_EXTRA_LABELS = (("附註",), ("自評等第",), ("自評分數", "檢討與改善"), ("佐證資料", "附註"))


def with_extra_columns(
    form: Form, rng: random.Random, choices: Sequence[tuple[str, ...]] = EXTRA_LABELS
) -> Form:
    """Given a form, return a copy with columns beyond the five (style.extra_columns, one
    of `choices`) and each row's text for them in `rows[i].extra` (label → text; empty
    cells left out)."""
    out = copy.deepcopy(form)
    labels = rng.choice(tuple(choices))
    out.setdefault("style", {})["extra_columns"] = list(labels)
    items = {(it["dimension_no"], it["item_no"]): it for it in out["items"]}
    for r in out["rows"]:
        extra: dict[str, str] = {}
        for label in labels:
            if label == "自評分數":
                text = _fmt(items[(r["dimension_no"], r["item_no"])]["score"])
            else:
                text = rng.choice(EXTRA_NOTES)
            if text:
                extra[label] = text
        r["extra"] = extra
    return out


def with_extras(render: Producer, name: str) -> Producer:
    """Given a producer and a name, return a producer that renders its forms given columns
    beyond the five (`variants.with_extra_columns`: labels the pipeline's vocabulary holds
    and others) under that name."""

    def rendered(form: Form, rng: random.Random) -> Rendered:
        labels = (*EXTRA_LABELS, *OTHER_EXTRA_LABELS)
        wider = with_extra_columns(form, random.Random(rng.random()), labels)
        return replace(render(wider, rng), producer=name)

    return rendered
