"""The printed text of a form's cells, shared by the producers that describe a table to an engine.

Each function returns the paragraphs of one cell as a producer prints them; the
producers that paginate on their own (Chromium, LibreOffice) also hand the same
texts to `locate.paginate`, so the cells located are the cells drawn.
"""

from __future__ import annotations

from pipeline.normalise.text import wrap_separator
from tools.render_lo import indicator_groups, indicator_text, item_paras, result_paras, sub_text

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
