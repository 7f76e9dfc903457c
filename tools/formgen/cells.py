"""The printed text of a form's cells, shared by the producers that describe a table to an engine.

Each function returns the paragraphs of one cell as a producer prints them; the
producers that paginate on their own (Chromium, LibreOffice) also hand the same
texts to `locate.paginate`, so the cells located are the cells drawn.
"""

from __future__ import annotations

from typing import Any

from pipeline.normalise.text import wrap_separator
from tools.formgen.model import Form
from tools.render_lo import indicator_groups, indicator_text, result_paras

__all__ = [
    "indicator_groups",
    "indicator_text",
    "item_paras",
    "protect_spaces",
    "result_paras",
    "sub_text",
]

NBSP = "\u00a0"


def fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def item_paras(form: Form, item: dict[str, Any]) -> list[str]:
    """Given an item, return its cell's paragraphs: name, "(N分)", "得分：N".

    With `style.item_points == "inline"` the points stand on the name line
    (`服務一致及正確性(100分)`).
    """
    points = f"({item['max_points']}分)"
    score = f"得分：{fmt(item['score'])}"
    if form.get("style", {}).get("item_points") == "inline":
        return [item["name"] + points, score]
    return [item["name"], points, score]


def sub_text(row: dict[str, Any], sep: str = " ") -> str | None:
    if row["sub_indicator"] is None:
        return None
    no = row["sub_no"]
    return row["sub_indicator"] if no is None else f"{no}{sep}{row['sub_indicator']}"


def protect_spaces(text: str) -> str:
    """Given text, return it with every space a wrap could not restore made non-breaking.

    The reader joins wrapped lines with one space only between Latin words; a
    space next to CJK or a digit (`計 27 種`) that an engine turned into a line
    break would be lost, so the engine must not break there (as
    `tools.render_fixtures` never does).
    """
    out = list(text)
    for i, ch in enumerate(text):
        if ch != " " or i == 0 or i + 1 >= len(text):
            continue
        if text[i - 1] == " " or text[i + 1] == " ":
            continue
        if wrap_separator(text[i - 1], text[i + 1]) != " ":
            out[i] = NBSP
    return "".join(out)
