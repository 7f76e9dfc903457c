"""A result's numbered list → `ResultItem`s: "1.", "1、", "(1)", "一、", "(一)" at paragraph starts.

Paragraphs (lines of `result`) without a marker continue the item before them;
text before the first marker becomes an item with marker None.  Markers of a
new style nest one level deeper than the styles already seen ("1." then "(1)").
"""

from __future__ import annotations

from pipeline.models import ResultItem as ResultItem
from pipeline.normalise.numbers import parse_chinese_numeral
from pipeline.normalise.patterns import LIST_MARKER

_STYLES = ("dot", "paren", "cn", "cparen")


def _marker_style(match_groups: dict[str, str | None]) -> tuple[str, int | None]:
    """Given LIST_MARKER groups, return the marker's style and its number."""
    for style in _STYLES:
        raw = match_groups.get(style)
        if raw is not None:
            number = int(raw) if raw.isdigit() else parse_chinese_numeral(raw)
            return style, number
    raise ValueError("list marker without a number")  # unreachable: the regex needs one


def split_result_items(result: str) -> tuple[ResultItem, ...]:
    """Given a result (paragraphs joined by "\\n"), return its list entries in order."""
    items: list[ResultItem] = []
    levels: dict[str, int] = {}
    offset = 0
    for line in result.split("\n"):
        line_start, line_end = offset, offset + len(line)
        offset = line_end + 1
        if not line.strip():
            continue
        m = LIST_MARKER.regex.match(line)
        if m is None:
            if items:
                last = items[-1]
                text = f"{last.text}\n{line.strip()}" if last.text else line.strip()
                items[-1] = ResultItem(
                    last.item_no, last.marker, text, last.level, last.start, line_end
                )
            else:
                items.append(ResultItem(None, None, line.strip(), 0, line_start, line_end))
            continue
        style, number = _marker_style(m.groupdict())
        level = levels.setdefault(style, len(levels) + 1)
        marker_start = line_start + m.start("marker")
        items.append(
            ResultItem(
                number, m["marker"].strip(), line[m.end() :].strip(), level, marker_start, line_end
            )
        )
    return tuple(items)
