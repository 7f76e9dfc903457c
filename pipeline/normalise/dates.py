"""ROC (民國) dates, years, half-years and frequencies → ISO 8601 strings.

"106 年 10 月 27 日" → "2017-10-27"; "107 年度" → "2018"; "5 月 28 日" in a 107 form
→ "2018-05-28" (without a document year: "--05-28", ISO's year-less form);
"於 9 月" → "2018-09"; "107 年度上半年" → "2018-01/2018-06" (an ISO interval);
"每 2 個月" → a frequency of 2 個月.  The source has spaces around numbers or not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from pipeline.normalise.numbers import fold_digits, parse_chinese_numeral
from pipeline.normalise.patterns import (
    CYCLE,
    DATE_RANGE_DAY,
    DATE_RANGE_JOIN,
    DATE_SLASH,
    DATE_YMD,
    FREQUENCY,
    HALF_YEAR,
    QUARTER,
    YEAR,
)

ROC_OFFSET = 1911  # ROC year 1 is 1912
DATE_KINDS = ("date", "year", "period", "frequency")
_ROC_MIN_FISCAL, _ROC_MIN_PLAIN, _ROC_MAX = 30, 60, 200
_GREGORIAN_MIN, _GREGORIAN_MAX = 1900, 2100
_HALVES = {"上": ("01", "06"), "下": ("07", "12")}
_QUARTERS = {1: ("01", "03"), 2: ("04", "06"), 3: ("07", "09"), 4: ("10", "12")}
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One temporal expression found in a text.

    kind is "date" (a day or a month), "year", "period" (上半年, 第 3 季) or
    "frequency" (每 2 個月, 以 2 個月為週期).  iso is "2018-05-28", "2018-09", "--05-28", "2018" or
    "2018-01/2018-06"; None when it cannot be known (an impossible day, a
    half-year without any year).  value is the Gregorian year for a year and N for
    a frequency; unit is "年度"/"年" for a year and the time unit of a frequency.
    """

    kind: str
    text: str
    start: int
    end: int
    iso: str | None
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None


def roc_to_gregorian(roc_year: int) -> int:
    """Given a ROC year (107), return the Gregorian year (2018)."""
    return roc_year + ROC_OFFSET


def gregorian_to_roc(year: int) -> int:
    """Given a Gregorian year (2018), return the ROC year (107)."""
    return year - ROC_OFFSET


def _year_value(printed: int, fiscal: bool) -> int | None:
    """Given a printed year number and whether 年度 follows, return the Gregorian year or None.

    Three-digit and two-digit years are ROC; 1900–2100 are already Gregorian.  A
    small number before a bare 年 is a duration ("3 年"), not a year.
    """
    if _GREGORIAN_MIN <= printed <= _GREGORIAN_MAX:
        return printed
    low = _ROC_MIN_FISCAL if fiscal else _ROC_MIN_PLAIN
    if low <= printed <= _ROC_MAX:
        return roc_to_gregorian(printed)
    return None


def _small_number(text: str | None) -> int | None:
    """Given a month or day as printed ("5", "十二"), return it as an int, else None."""
    if text is None:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    return parse_chinese_numeral(text)


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    """Given a Gregorian year (or None), a month and a day (or None), return ISO text or None."""
    if day is None:
        return f"{year:04d}-{month:02d}" if year is not None else f"--{month:02d}"
    try:
        dt.date(year if year is not None else 2000, month, day)  # 2000 allows 2 月 29 日
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"


def _stripped_end(folded: str, start: int, end: int) -> int:
    """Given a match span, return its end with trailing whitespace left out."""
    return start + len(folded[start:end].rstrip())


class _Finder:
    """Collects mentions of one text in precedence order; a later one never overlaps."""

    def __init__(self, text: str, roc_year: int | None) -> None:
        self.text = text
        self.folded = fold_digits(text)
        self.doc_year = roc_to_gregorian(roc_year) if roc_year is not None else None
        self.found: list[DateMention] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return not any(start < b and a < end for a, b in self.taken)

    def add(
        self,
        kind: str,
        start: int,
        end: int,
        iso: str | None,
        *,
        value: float | None = None,
        unit: str | None = None,
        qualifier: str | None = None,
    ) -> None:
        text = self.text[start:end]
        self.found.append(DateMention(kind, text, start, end, iso, value, unit, qualifier))
        self.taken.append((start, end))

    def frequencies(self) -> None:
        for pat, qualifier in ((FREQUENCY, "每"), (CYCLE, "週期")):
            for m in pat.regex.finditer(self.folded):
                raw = m["n"]
                n: float | None = 0.5 if raw == "半" else _small_number(raw)
                if n is None:
                    try:
                        n = float(raw)
                    except ValueError:
                        continue
                self.add(
                    "frequency",
                    m.start(),
                    m.end(),
                    None,
                    value=float(n),
                    unit=m["unit"],
                    qualifier=qualifier,
                )

    def slash_dates(self) -> None:
        for m in DATE_SLASH.regex.finditer(self.folded):
            year = _year_value(int(m["y"]), fiscal=False)
            month, day = int(m["m"]), int(m["d"])
            if year is None or not 1 <= month <= 12 or not self.free(m.start(), m.end()):
                continue
            iso = _iso(year, month, day)
            if iso is not None:
                self.add("date", m.start(), m.end(), iso)

    def month_dates(self) -> None:
        for m in DATE_YMD.regex.finditer(self.folded):
            start, end = m.start(), _stripped_end(self.folded, m.start(), m.end())
            month = _small_number(m["m"])
            if month is None or not 1 <= month <= 12 or not self.free(start, end):
                continue
            year = self.doc_year
            if m["y"] is not None:
                printed = int(m["y"])
                year = _year_value(printed, fiscal=False) or _year_value(printed, fiscal=True)
            day = _small_number(m["d"])
            iso = _iso(year, month, day) if day is None or day >= 1 else None
            qualifier = "起" if m["since"] else None
            self.add("date", start, end, iso, qualifier=qualifier)
            tail = DATE_RANGE_DAY.regex.match(self.folded, end)
            if day is None or tail is None or qualifier:
                continue
            last = _small_number(tail["d"])
            if last is not None and last > day:
                self.found[-1] = replace(self.found[-1], qualifier="起")
                self.add(
                    "date", tail.start("d"), tail.end(), _iso(year, month, last), qualifier="迄"
                )

    def years(self) -> None:
        for m in YEAR.regex.finditer(self.folded):
            fiscal = m["du"] is not None
            year = _year_value(int(m["y"]), fiscal)
            if year is None or not self.free(m.start(), m.end()):
                continue
            self.add(
                "year",
                m.start(),
                m.end(),
                f"{year:04d}",
                value=float(year),
                unit="年度" if fiscal else "年",
            )

    def periods(self) -> None:
        years_by_end = {f.end: int(f.value) for f in self.found if f.kind == "year" and f.value}
        spans: list[tuple[int, int, tuple[str, str]]] = []
        for m in HALF_YEAR.regex.finditer(self.folded):
            spans.append((m.start(), m.end(), _HALVES[m["half"]]))
        for m in QUARTER.regex.finditer(self.folded):
            q = int(m["q"]) if m["q"].isdigit() else _CN_QUARTER[m["q"]]
            spans.append((m.start(), m.end(), _QUARTERS[q]))
        for start, end, (first, last) in sorted(spans):
            if not self.free(start, end):
                continue
            year = _preceding_year(self.folded, start, years_by_end, self.doc_year)
            iso = f"{year:04d}-{first}/{year:04d}-{last}" if year is not None else None
            self.add("period", start, end, iso)


def find_dates(text: str, roc_year: int | None = None) -> tuple[DateMention, ...]:
    """Given text and the document's ROC year (or None), return its dates, years and periods.

    Order of precedence: frequencies, slash dates, month(-day) dates, years, then
    half-years and quarters; a later kind never overlaps an earlier one.  Two dates
    joined by 至/~ get the qualifiers 起 and 迄.
    """
    finder = _Finder(text, roc_year)
    finder.frequencies()
    finder.slash_dates()
    finder.month_dates()
    finder.years()
    finder.periods()
    return _mark_ranges(finder.folded, tuple(sorted(finder.found, key=lambda f: f.start)))


def _preceding_year(
    folded: str, start: int, years_by_end: dict[int, int], doc_year: int | None
) -> int | None:
    """Given where a half-year starts, return the year printed just before it, else doc_year."""
    gap = start
    while gap > 0 and folded[gap - 1].isspace():
        gap -= 1
    return years_by_end.get(gap, doc_year)


def _mark_ranges(folded: str, mentions: tuple[DateMention, ...]) -> tuple[DateMention, ...]:
    """Given sorted mentions, return them with 起/迄 set on dates joined by 至, 到, ~ or -."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind == b.kind == "date" and DATE_RANGE_JOIN.regex.match(folded[a.end : b.start]):
            out[i] = replace(a, qualifier=a.qualifier or "起")
            out[i + 1] = replace(b, qualifier="迄")
    return tuple(out)


def parse_roc_date(text: str, roc_year: int | None = None) -> dt.date | None:
    """Given exactly one date ("106 年 10 月 27 日", "106/10/27", "5 月 28 日"), return it.

    A date without a year takes roc_year; without either, or when the text is
    not exactly one full date, return None.
    """
    folded = fold_digits(text).strip()
    m = DATE_SLASH.regex.fullmatch(folded)
    if m is None:
        m = DATE_YMD.regex.fullmatch(folded)
        if m is None or m["d"] is None or m["since"] or m["fen"]:
            return None
    year = roc_to_gregorian(roc_year) if roc_year is not None else None
    if m["y"] is not None:
        year = _year_value(int(m["y"]), fiscal=False) or _year_value(int(m["y"]), True)
    month, day = _small_number(m["m"]), _small_number(m["d"])
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_roc_year(text: str) -> int | None:
    """Given a year as printed ("107 年度", "107年", "107", "2018"), return the Gregorian year."""
    folded = fold_digits(text).strip()
    if folded.isascii() and folded.isdigit():
        return _year_value(int(folded), fiscal=True)
    m = YEAR.regex.fullmatch(folded)
    if m is None:
        return None
    return _year_value(int(m["y"]), fiscal=m["du"] is not None)


def format_roc_date(date: dt.date, *, spaced: bool = True, chinese: bool = False) -> str:
    """Given a date, return it as the forms print it: "106 年 10 月 27 日" (or "106年十月二十七日").

    chinese=True writes month and day in Chinese numerals (the year stays in digits).
    """

    def num(n: int) -> str:
        import cn2an  # 0.15 s to import: only for Chinese numerals

        return str(cn2an.an2cn(n)) if chinese else str(n)

    sep = " " if spaced else ""
    roc = gregorian_to_roc(date.year)
    if chinese:
        return f"{roc}{sep}年{num(date.month)}月{num(date.day)}日"
    return f"{roc}{sep}年{sep}{num(date.month)}{sep}月{sep}{num(date.day)}{sep}日"
