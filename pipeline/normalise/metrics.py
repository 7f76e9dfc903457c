"""Quantities, dates and years in a result text → `Metric`s with kind, value, unit and label.

"107 年度進口商品總報驗量 50,927 批，網路申辦計 50,867 批，線上申辦使用率達 99%以上" →
year 2018 (107 年度), count 50927 批 (進口商品總報驗量), count 50867 批 (網路申辦,
qualifier 計), percent 99 % (線上申辦使用率, qualifier 以上).

Dates are found first and their digits are never read again as counts.  List
markers ("1.", "(2)", and "2." in "2.107 年度") are not numbers.  A number whose
meaning is unclear keeps kind "number"; so do the factors of a product such as
"(250 天×2 次)", which get qualifier "×" and the label of the total they explain.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from pipeline.models import Metric as Metric
from pipeline.normalise.dates import DateMention, find_dates
from pipeline.normalise.numbers import fold_digits, parse_chinese_numeral, parse_number
from pipeline.normalise.patterns import (
    CN_QUANTITY,
    ENTITY_PAREN_TAIL,
    INLINE_MARKER,
    LABEL_LEADING,
    LABEL_TRAILING,
    LIST_MARKER,
    MEASURE_WORDS,
    PERCENT_CN,
    PRODUCT_SIGN,
    QUANTITY,
    SCORE_CONTEXT,
)

METRIC_KINDS = (
    "count",
    "percent",
    "duration",
    "score",
    "money",
    "date",
    "year",
    "period",
    "number",
)
MEASURE_KIND: dict[str, str] = {word: kind for word, kind, _ in MEASURE_WORDS}
MAX_LABEL_CHARS = 16
MAX_FOLLOWING_LABEL_CHARS = 10
_MAGNITUDES = ("百萬", "千萬", "萬", "億", "千")
_MASK = "\x00"
_STOPS = frozenset("，。；：、,;:!?！？「」『』【】[]\n" + _MASK)
_OPEN, _CLOSE = "(（", ")）"
# A noun right after a count's unit names what is counted ("12 家公司"), unless
# the next word starts a new clause ("2 梯次至本分局…", "4,837 人次及…").
_NOT_A_NOUN_START = frozenset("至於在以及與並後時內起向由從為是被把將給讓的等而且又也就都還才，")
_GREGORIAN_MIN, _GREGORIAN_MAX = 1900, 2100


def unit_kind(unit: str | None) -> str:
    """Given a measure word as printed ("人次", "萬元", "%"), return its metric kind."""
    if unit is None:
        return "number"
    if unit in MEASURE_KIND:
        return MEASURE_KIND[unit]
    for magnitude in _MAGNITUDES:
        if unit.startswith(magnitude) and unit[len(magnitude) :] in MEASURE_KIND:
            return MEASURE_KIND[unit[len(magnitude) :]]
    return "number"


def _mask_markers(folded: str) -> str:
    """Given folded text, return it with list markers replaced by mask characters."""
    chars = list(folded)
    offset = 0
    for line in folded.split("\n"):
        m = LIST_MARKER.regex.match(line)
        if m is not None:
            a, b = m.span("marker")
            chars[offset + a : offset + b] = _MASK * (b - a)
        offset += len(line) + 1
    for m in INLINE_MARKER.regex.finditer(folded):
        chars[m.start() : m.end()] = _MASK * (m.end() - m.start())
    return "".join(chars)


def _date_metric(mention: DateMention, result: str) -> Metric:
    """Given a date mention, return it as a Metric (frequencies become kind "period")."""
    kind = {"date": "date", "year": "year", "period": "period", "frequency": "period"}[mention.kind]
    return Metric(
        kind=kind,
        value=mention.value,
        unit=mention.unit,
        label=None,
        qualifier=mention.qualifier,
        text=result[mention.start : mention.end],
        date=mention.iso,
        start=mention.start,
        end=mention.end,
    )


def _end_without_space(text: str, start: int, end: int) -> int:
    """Given a match span, return its end with trailing whitespace left out."""
    return start + len(text[start:end].rstrip())


def _latin_or_code_neighbour(work: str, start: int, end: int) -> bool:
    """Given a unitless number's span, return True when it is part of a code (5S, A4, 02-2431).

    Codes are numbers touching Latin letters, or joined to other digits by - / : (a
    phone number, a time, a version).
    """
    before, after = work[max(start - 2, 0) : start], work[end : end + 2]
    if (before[-1:].isascii() and before[-1:].isalpha()) or (
        after[:1].isascii() and after[:1].isalpha()
    ):
        return True
    joined_before = len(before) == 2 and before[1] in "-/:#" and before[0].isalnum()
    joined_after = len(after) == 2 and after[0] in "-/:" and after[1].isdigit()
    return joined_before or joined_after


def _arabic_metrics(result: str, work: str) -> list[Metric]:
    """Given the result and its masked, folded copy, return metrics for Arabic numbers."""
    found: list[Metric] = []
    for m in QUANTITY.regex.finditer(work):
        value = parse_number(m["num"])
        if value is None:
            continue
        unit = m["unit"]
        if unit is None and _latin_or_code_neighbour(work, m.start("num"), m.end("num")):
            continue
        kind = unit_kind(unit)
        qualifier = m["post"] or m["mid"] or m["pre"]
        date = None
        if m["pre"] == "第":
            kind = "number"
        elif unit is None and SCORE_CONTEXT.regex.search(work, 0, m.start()):
            kind = "score"
        elif (
            unit is None
            and isinstance(value, int)
            and "," not in m["num"]
            and _GREGORIAN_MIN <= value <= _GREGORIAN_MAX
        ):
            kind, date = "year", f"{value:04d}"
        start = m.start()
        end = _end_without_space(work, start, m.end())
        found.append(
            Metric(kind, float(value), unit, None, qualifier, result[start:end], date, start, end)
        )
    return found


def _chinese_metrics(result: str, work: str, taken: list[tuple[int, int]]) -> list[Metric]:
    """Given the result and its masked copy, return metrics for Chinese numerals and 百分之 N."""
    found: list[Metric] = []
    for m in CN_QUANTITY.regex.finditer(work):
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        value = parse_chinese_numeral(m["num"])
        if value is None:
            continue
        end = _end_without_space(work, m.start(), m.end())
        found.append(
            Metric(
                unit_kind(m["unit"]),
                float(value),
                m["unit"],
                None,
                m["post"],
                result[m.start() : end],
                None,
                m.start(),
                end,
            )
        )
    for m in PERCENT_CN.regex.finditer(work):
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        raw = m["num"].replace("點", ".")
        number = parse_number(raw) if raw.isascii() else _cn_decimal(raw)
        if number is None:
            continue
        found.append(
            Metric(
                "percent",
                float(number),
                "%",
                None,
                None,
                result[m.start() : m.end()],
                None,
                m.start(),
                m.end(),
            )
        )
    return found


def _cn_decimal(text: str) -> float | None:
    """Given a Chinese numeral with an optional 點 part ("九十", "九十.五"), return its value."""
    whole, _, frac = text.partition(".")
    value = parse_chinese_numeral(whole)
    if value is None:
        return None
    if not frac:
        return float(value)
    digits = [parse_chinese_numeral(c) for c in frac]
    if any(d is None or d > 9 for d in digits):
        return None
    return float(f"{value}.{''.join(str(d) for d in digits)}")


def _strip_label(label: str) -> str:
    """Given a raw label, return it without qualifiers and linking words at either end."""
    label = str(LABEL_TRAILING.regex.sub("", label.strip())).strip()
    return str(LABEL_LEADING.regex.sub("", label)).strip()


def _matching_open(work: str, close_at: int, floor: int) -> int | None:
    """Given the index of a closing parenthesis, return its opening one's index, or None."""
    depth = 0
    for i in range(close_at, floor - 1, -1):
        if work[i] in _CLOSE:
            depth += 1
        elif work[i] in _OPEN:
            depth -= 1
            if depth == 0:
                return i
        elif work[i] in _STOPS:
            return None
    return None


def _label_before(result: str, work: str, start: int, floor: int) -> tuple[str, str, int]:
    """Given where a metric starts, return (phrase before it, the stop character, its index).

    Walks back to punctuation, a number, a mask or floor; a complete parenthetical
    on the way is skipped ("新進人員訪談(含櫃台服務人員)合計 4 人").
    """
    chars: list[str] = []
    i = start
    while i > floor and len(chars) < MAX_LABEL_CHARS:
        c = work[i - 1]
        if c in _CLOSE:
            opening = _matching_open(work, i - 1, floor)
            if opening is None:
                return "".join(reversed(chars)), c, i - 1
            i = opening
            continue
        if c in _OPEN or c in _STOPS or (c.isascii() and c.isdigit()):
            return "".join(reversed(chars)), c, i - 1
        chars.append(result[i - 1])
        i -= 1
    return "".join(reversed(chars)), "", i - 1


def _quoted_before(result: str, work: str, close_at: int, floor: int) -> str | None:
    """Given the index of a 」, return the quoted name it closes, without a (note) tail."""
    opening = work.rfind("「", floor, close_at)
    if opening < 0:
        return None
    name = ENTITY_PAREN_TAIL.regex.sub("", result[opening + 1 : close_at]).strip()
    return name or None


_HAN = regex.compile(r"\p{Han}")


def _label_after(result: str, work: str, end: int) -> str | None:
    """Given where a count ends, return the noun printed right after its unit, if any."""
    i = end
    if i < len(work) and work[i] == "之":
        i += 1
    if i >= len(work) or work[i] in _NOT_A_NOUN_START:
        return None
    chars: list[str] = []
    while i < len(work) and len(chars) < MAX_FOLLOWING_LABEL_CHARS:
        c = work[i]
        if not _HAN.match(c) or (chars and c == "之"):
            break
        chars.append(result[i])
        i += 1
    return "".join(chars) if len(chars) >= 2 else None


def _label(result: str, work: str, metric: Metric, floor: int) -> str | None:
    """Given a metric and where the previous one ends, return the phrase it measures, or None."""
    if metric.kind in ("date", "year", "period"):
        return None
    if metric.kind == "count" and metric.qualifier not in (
        "以上",
        "以下",
        "以內",
        "之內",
        "左右",
        "內",
    ):
        after = _label_after(result, work, metric.end)
        if after is not None:
            return after
    raw, stop, at = _label_before(result, work, metric.start, floor)
    label = _strip_label(raw)
    if not label and (stop in _OPEN or stop in "：:"):
        raw, stop, at = _label_before(result, work, at, floor)
        label = _strip_label(raw)
    if len(label) <= 1 and stop == "」":
        return _quoted_before(result, work, at, floor) or label or None
    if len(label) == 1:
        return raw.strip()  # "小計": the strip ate the word itself
    return label or None


def _mark_products(metrics: list[Metric], work: str) -> list[Metric]:
    """Given sorted metrics, return them with the factors of "A×B" made kind "number".

    Factors get qualifier "×" and, when they stand in parentheses right after a
    total ("500 天次(250 天×2 次)"), that total's label.
    """
    out = list(metrics)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if PRODUCT_SIGN.regex.match(work[a.end : b.start]) is None:
            continue
        label = a.label
        before = work[: a.start].rstrip()
        if before and before[-1] in _OPEN:
            total_end = len(before[:-1].rstrip())
            totals = [m for m in out[:i] if m.end == total_end]
            if totals:
                label = totals[-1].label
        for j in (i, i + 1):
            out[j] = replace(out[j], kind="number", qualifier="×", label=label or out[j].label)
    return out


def result_to_metrics(result: str, roc_year: int | None) -> tuple[Metric, ...]:
    """Given a result text and the document's ROC year (or None), return its metrics in order.

    Offsets index `result` itself; full-width digits are read as digits.
    """
    folded = fold_digits(result)
    work = _mask_markers(folded)
    metrics: list[Metric] = []
    for mention in find_dates(work, roc_year):
        metrics.append(_date_metric(mention, result))
    chars = list(work)
    for metric in metrics:
        chars[metric.start : metric.end] = _MASK * (metric.end - metric.start)
    work = "".join(chars)
    arabic = _arabic_metrics(result, work)
    taken = [(m.start, m.end) for m in arabic]
    metrics += arabic + _chinese_metrics(result, work, taken)
    metrics.sort(key=lambda m: (m.start, m.end))
    labelled: list[Metric] = []
    floor = 0
    for metric in metrics:
        labelled.append(replace(metric, label=_label(result, work, metric, floor)))
        floor = max(floor, metric.end)
    return tuple(_mark_products(labelled, work))
