"""The one module holding every regular expression of the pipeline, each named and exemplified.

A `Pattern` carries its compiled regex, a few example strings it must find and a few
counterexamples it must not — text from the forms that a looser regex would take —
each tried the way the pattern's users apply it (`use`: search, match or fullmatch);
`tests/unit/test_patterns.py` runs them all for every pattern in `ALL_PATTERNS`.  Sections: "form structure" (the lead's), then the
normalisers' "numbers", "dates", "metrics", "units", "entities" and "result items".
Patterns use the third-party `regex` module (VERSION0: `re` syntax, plus \\p{Han}).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Literal

import regex

# How the pattern's users apply it: `.search` (also finditer, sub), `.match` or `.fullmatch`.
Use = Literal["search", "match", "fullmatch"]


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named regex, strings it must find a match in and strings it must not (tests run them)."""

    name: str
    regex: regex.Pattern[str]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    use: Use = "search"

    def finds(self, text: str) -> bool:
        """Given a text, tell whether the regex matches it the way the pattern's users apply it."""
        if self.use == "match":
            return self.regex.match(text) is not None
        if self.use == "fullmatch":
            return self.regex.fullmatch(text) is not None
        return self.regex.search(text) is not None


def pattern(
    name: str,
    source: str,
    *examples: str,
    not_: tuple[str, ...] = (),
    use: Use = "search",
    flags: int = 0,
) -> Pattern:
    """Given a name, a regex source, at least one example and (`not_`) at least one
    counterexample, return a compiled `Pattern` that its users apply with `use`."""
    if not examples:
        raise ValueError(f"pattern {name}: give at least one example")
    if not not_:
        raise ValueError(f"pattern {name}: give at least one counterexample (not_=...)")
    compiled = regex.compile(source, flags)
    return Pattern(name, compiled, examples, counterexamples=not_, use=use)


# === form structure ====================================================================
# Page furniture and cell markers of the 評核表.  Text arrives NFKC-folded for matching
# only (full-width parentheses and colons become ASCII), never for storage.

# The column-header vocabulary every input kind shares: the five labels and their variants.
HEADER_UNITS_LABELS = ("主辦單位", "承辦單位")
HEADER_RESULT_LABELS = ("執行績效與成果", "具體作法與成果", "辦理情形")
# Per column, the labels forms print (first: the canonical one), longest first.
HEADER_LABELS: tuple[tuple[str, ...], ...] = (
    ("評核項目",),
    ("評核指標",),
    ("次評核指標",),
    HEADER_UNITS_LABELS,
    HEADER_RESULT_LABELS,
)
# Columns some forms add beyond the five; their text goes to rows.extra under the label
# (a column with another label keeps it as printed: `layout.grid.header._known_label`).
EXTRA_HEADER_LABELS: tuple[str, ...] = ("自評分數", "佐證資料", "評分說明", "備註")
# A column label no list holds (附註, 自評等第): two to eight ideographs.
EXTRA_LABEL_SHAPE = regex.compile(r"\p{Han}{2,8}")
# Shorter forms a wrapped label may leave on one line of its cell (PDF header rows).
HEADER_LABEL_PARTS: tuple[tuple[str, ...], ...] = (
    (),
    ("指標",),
    ("次評核",),
    ("主辦", "承辦"),
    ("執行績效", "具體作法", "成果"),
)
# Per column, the header label and shorter forms it may be printed as (wrapped labels).
LABELS: tuple[tuple[str, ...], ...] = tuple(
    full + part for full, part in zip(HEADER_LABELS, HEADER_LABEL_PARTS, strict=True)
)
HEADER_ROW = pattern(
    "header_row",
    r"評核項目\s*評核指標\s*次評核指標\s*(?:" + "|".join(HEADER_UNITS_LABELS) + r")\s*"
    r"(?P<fifth>" + "|".join(HEADER_RESULT_LABELS) + ")",
    " 評核項目 評核指標 次評核指標 主辦單位 執行績效與成果 ",
    "評核項目 評核指標 次評核指標 主辦單位 具體作法與成果",
    "評核項目 評核指標 次評核指標 承辦單位 辦理情形",
    not_=("評核指標 次評核指標 主辦單位 執行績效與成果", "評核項目 評核指標 次評核指標 主辦單位"),
)
TITLE = pattern(
    "title",
    # Spaces between two ideographs of the rest are gaps OCR read between its pieces.
    r"^\s*(?P<agency>\S.*?)\s*(?:民國\s*)?(?P<roc>\d{2,3})\s*年度?\s*"
    r"(?P<rest>\S*評[核分鑑](?:\S|(?<=\p{Han})\s+(?=\p{Han}))*表\S*)\s*$",
    " 經濟部標準檢驗局基隆分局 107年度提升服務效能評核表項目及評分表 ",
    "法務部桃園醫院民國108 年度提升服務效能評核表項 目及評分表",
    "高雄市稅捐稽徵處 民國113 年度提升服務效能評核自評表",
    "臺北市政府 108 年度提升服務效能評核表",
    not_=(
        "107年度共計受理申辦案件 5,000 件",
        "評核項目 評核指標 次評核指標 主辦單位 執行績效與成果",
    ),
    use="match",
)
DIMENSION = pattern(
    "dimension",
    r"^\s*(?:評核)?構面\s*(?P<no>[一二三四五六七八九十\d]+)\s*"
    r"[(（]\s*(?P<name>[^()（）]+?)\s*[)）]\s*(?:[(（]\s*(?P<max>\d+)\s*分\s*[)）])?\s*$",
    "評核構面一(基礎服務)(200分)",
    "構面三(服務量能)(200分) ",
    "構面五（開放創新）（100分）",
    not_=("評核構面一(基礎服務)之各項指標均已完成", "小計 178 分"),
    use="match",
)
SUBTOTAL = pattern(
    "subtotal",
    r"^\s*小\s*計\s*[:：]?\s*(?P<value>\d+(?:\.\d+)?)?\s*分?\s*$",
    "小計        178       分 ",
    "小計：178分",
    "小計 88 分",
    "小計:92.5 分",
    not_=("小計178分，另加分項目 5 分", "得分：88"),
    use="match",
)
ITEM_POINTS = pattern(
    "item_points",
    r"^\s*[(（]\s*(?P<max>\d+)\s*分\s*[)）]\s*$",
    "(100分)  ",
    "（50分）",
    not_=("服務一致及正確性(100分)得分：88", "（滿意度 4.85 分）"),
    use="match",
)
ITEM_SCORE = pattern(
    "item_score",
    r"^\s*得\s*分\s*[:：]?\s*(?:(?P<score>\d+(?:\.\d+)?)\s*(?:分\s*)?)?$",
    "得分：88 ",
    "得分:43",
    "得分：",
    "得分：88 分",
    "得分：131.5分",
    not_=("得分率達 95%", "平均得分：4.85", "得分：88 分以上", "得分：分"),
    use="match",
)
# Inside an item cell whose lines were joined: the points and the score wherever they
# stand (points on the name line, a score wrapped after "得分：").
ITEM_POINTS_IN = pattern(
    "item_points_in",
    r"[(（]\s*(?P<max>\d+)\s*分\s*[)）]",
    "服務一致及正確性(100分)得分：88",
    "洽公環境友善（50分）",
    not_=("平均等候時間縮短(10分鐘)", "滿意度 4.85 分（滿分 5 分）"),
)
ITEM_SCORE_IN = pattern(
    "item_score_in",
    r"得\s*分\s*[:：]?\s*(?:(?P<score>\d+(?:\.\d+)?)\s*(?:分\s*)?)?$",
    "服務流程標準化(150分)得分：131.5",
    "服務流程標準化(150分)得分：131.5 分",
    "得分:",
    not_=("服務流程標準化(150分)得分率 87.3%", "得分：88 分以上", "得分：分"),
)
INDICATOR_NO = pattern(
    "indicator_no",
    r"^\s*(?:(?P<no>\d{1,2})\s*(?:[.．](?![0-9])|、)"
    r"|(?P<cn>(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]))\s*、)"
    r"\s*(?P<text>\S.*)$",
    "1.訂定申辦",
    "3.主動服務",
    "2、建置單一",
    "一、推動線上申辦",
    not_=("4.5%", "2.110年度共計受理", "(1)提供各種申辦書表", "一一、推動"),
    use="match",
)
# Sub-indicator markers in every style forms use: (1) （1） 1) ① (一); matched on the text as
# printed (NFKC would turn ① into a bare 1).
SUB_NO = pattern(
    "sub_no",
    r"^\s*(?:[(（]\s*(?P<no>\d{1,2})\s*[)）]|(?P<half>\d{1,2})\s*[)）]"
    r"|(?P<circled>[\u2460-\u2473])"
    r"|[(（]\s*(?P<cn>(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]))\s*[)）])"
    r"\s*(?P<text>\S.*)?$",
    "(1) 進行環境美(綠)化及輔以舒",
    "（2）確保服務項目",
    "3) 提供各種申辦書表",
    "④定期檢查",
    "(二)提供雙語標示",
    not_=("1.訂定申辦", "（50分）", "一、推動線上申辦", "(一一)提供"),
    use="match",
)
CN_NUMERAL = pattern(
    "cn_numeral",
    r"^(?:(?P<tens>[二三四五六七八九]?十)?(?P<ones>[一二三四五六七八九])?)$",
    "十二",
    "三",
    "二十",
    not_=("一百", "十十", "兩"),
    use="match",
)


def cn_number(text: str) -> int:
    """Given a Chinese numeral of 1–99 (三, 十二, 二十), return its value."""
    digits = "一二三四五六七八九"
    m = CN_NUMERAL.regex.match(text)
    if not text or m is None:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    tens = m.group("tens")
    ones = m.group("ones")
    value = 0
    if tens:
        value = 10 * (digits.index(tens[0]) + 1 if len(tens) == 2 else 1)
    if ones:
        value += digits.index(ones) + 1
    return value


@functools.lru_cache(maxsize=1 << 14)
def opens_entry(text: str) -> bool:
    """Given a printed line or paragraph, tell whether it opens a numbered or bulleted entry
    in any style forms use (1. 1、 (1) （1） 1) ① (一) 一、 • 2.107年…)."""
    return any(p.regex.match(text) for p in (PARAGRAPH_MARKER, SUB_NO, LIST_MARKER))


def marker_style(m: regex.Match[str]) -> str:
    """Given a match of INDICATOR_NO or SUB_NO, return its style: the marker's shape with
    its number set aside — (1) and （1） are one style; 1) ① (一) 1. 1、 一、 six others."""
    groups = m.groupdict()
    kind = next((k for k in ("no", "half", "circled", "cn") if groups.get(k)), "none")
    return kind + ":" + printed_marker(m).translate(_FOLD_BRACKETS)


def printed_marker(m: regex.Match[str]) -> str:
    """Given a match of INDICATOR_NO or SUB_NO, return its marker as printed, spaces and
    number set aside: "(#)", "（#）", "#)", "#", "#."."""
    marker = str(m.group(0)[: m.start("text") - m.start()] if m.group("text") else m.group(0))
    return str(_MARKER_NUMBER.sub("#", _SPACES.sub("", marker)))


_MARKER_NUMBER = regex.compile(r"[0-9一二三四五六七八九十\u2460-\u2473]+")
_SPACES = regex.compile(r"\s+")
_FOLD_BRACKETS = str.maketrans("（）．", "().")


def marker_number(m: regex.Match[str]) -> int:
    """Given a match of INDICATOR_NO or SUB_NO, return the marker's number whatever its style."""
    groups = m.groupdict()
    for name in ("no", "half"):
        if groups.get(name):
            return int(groups[name])
    if groups.get("circled"):
        return ord(groups["circled"]) - 0x2460 + 1
    return cn_number(groups["cn"])


SENTENCE_END = pattern(
    "sentence_end", r"[。；：！？.;:!?]$", "等。", "管道：", not_=("各單位", "(1)現場")
)
# A bullet or circled number, which opens a list entry and never stands inside a sentence.
BULLET = pattern("bullet", r"[①-⑳•●○◎■□※]", "• 透過", "①每季", not_=("1.訂定申辦", "(1)提供"))
# Inside a result paragraph, a character then a list entry's marker: another cell's text
# printed before the entry ("1999市民熱線 (1)已完成", "1、辦理滿意③ 提供") — a list
# entry opens a paragraph, after a space only when a number or Latin word precedes it.
CELL_THEN_ENTRY = pattern(
    "cell_then_entry",
    r"\p{Han} +(?:\d{1,2}[.、](?!\d{1,2}(?!\d))|[一二三四五六七八九十]{1,3}、|[(（]\d{1,2}[)）]"
    r"|[①-⑳•])|\p{Han}[①-⑳•]",
    "1999市民熱線 (1)已完成",
    "1、辦理滿意③ 提供",
    "1999市民熱線 • 111 年度",
    "服務台 1.112年度共計受理",
    "服務台 一、服務櫃檯",
    not_=("滿意度平均 4.85 分", "1.本所自 112 年 1 月起"),
)
# Punctuation and spaces: what is left of a paragraph without them is its text proper.
BARE = pattern("bare", r"[\p{P}\p{S}\s]+", "次。", "，", not_=("各單位", "報驗發證課"))
# Two cells printed on one line of a dump are joined by a space.  Inside one Chinese
# sentence a space stands next to a Latin word or a number, never between two
# characters or before a list marker ("…處理各單位 已完成", "…盥洗室各單位 1.建置").
TWO_CELLS = pattern(
    "two_cells",
    r"\p{Han} +(?:\p{Han}|\d+[.、]|[(（]\d|[①-⑳•])",
    "處理各單位 已完成",
    "盥洗室各單位 1.建置",
    "強化陳 ① 辦理",
    not_=("本所自 112 年 1 月起", "線上申辦使用率達 99%以上"),
)

# A lowercase Latin word run onto a unit name: another cell's word ("委外 call" / "center"
# split by a dump tool, "call" read with the unit beside it); unit names open with capitals
# or a letter at most ("IT組", "e化推動小組").
LATIN_RUN_ON = pattern(
    "latin_run_on",
    r"^[a-z]{2,}\s*\p{Han}",
    "call機械產品課",
    "center 各辦事處",
    not_=("IT組", "e化推動小組", "iPad借用服務台", "1999市民熱線"),
    use="match",
)
# A numbered heading inside an item's name, after its words: the item's first indicator run
# onto it (validate's merged_rows); not a list of numerals, nor a version number.
HEADING_INSIDE = pattern(
    "heading_inside",
    r"\p{Han}(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))(?![一二三四五六七八九十\d])\p{Han}",
    "服務機制精進一、提升服務及時性",
    "服務精進1.檢討既有服務措施",
    not_=("第一、二類服務", "服務一致及正確性", "數位服務2.0推動", "數位服務1、2期"),
)
# Inside an indicator or sub-indicator, the next sub-indicator's number: two rows' text run
# together where no rule or blank line parted them ("…服務知能2) 進行環境美…",
# "…完成。(2)確保…").  A number in parentheses after a word is a reference, not a marker.
SUB_MARKER_INSIDE = pattern(
    "sub_marker_inside",
    r"[。；]\s*(?:[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|\d{1,2}[)）])"
    r"|\p{Han}(?:\d{1,2}[)）]|[(（][一二三四五六七八九十]{1,3}[)）])\s",
    "定期辦理教育訓練，提升同仁服務知能2) 進行環境美(綠)化",
    "處理時限內完成。(2)確保服務項目",
    "定期辦理教育訓練，提升同仁服務知能(二) 提升民眾申辦案件",
    "處理時限內完成。（三）確保服務項目",
    not_=(
        "依第(1)款規定辦理",
        "依第(二)款規定辦理",
        "強化機關(單位)服務人員(含委外 call center 人員)",
        "計 2) 場次",
    ),
)

# What opens no cell's first line: the rest of a line broken by hand ("，提供民眾…"), or a
# closing mark wrapped onto a line of its own ("。" under "…標示服務").
CLOSING_START = pattern(
    "closing_start",
    r"^[，。、；：！？」』）)\]%,.;:!?]",
    "。",
    "，提供民眾",
    "）確保",
    not_=("(1)提供", "提供。", "「檢驗派遣」"),
    use="match",
)
# Page furniture and list markers used by the PDF layout (grid, stitch).
PAGE_NUMBER = pattern(
    "page_number",
    r"^[\s\-–—]*(?:第\s*\d+\s*頁(?:\s*[，,./]?\s*共\s*\d+\s*頁)?|\d+\s*(?:/\s*\d+)?)[\s\-–—]*$",
    "第 3 頁",
    "- 12 -",
    "3 / 23",
    "第 1 頁，共 10 頁",
    "第21頁.共25頁",  # a scan's comma read as a full stop
    not_=("107 年度", "4.85", "小計 178 分"),
    use="match",
)
CATEGORY = pattern(
    "category",
    r"^\s*\S{2,14}機關\s*$",
    "整體服務類機關",
    "第一線服務機關",
    not_=("與相關機關合作辦理", "機關"),
    use="match",
)
# A line opening a paragraph in a PDF cell (stitch).  Not `LIST_MARKER` below, which
# finds the numbered entries of a result: that name was defined twice and the later
# one silently won.
PARAGRAPH_MARKER = pattern(
    "paragraph_marker",
    r"^\s*(?:\d{1,2}\s*(?:、|[.．](?=[0-9]{3}|[0-9]{1,2}\s*月|[^0-9]|$))|[(（]\s*\d{1,2}\s*[)）]"
    r"|\d{1,2}\)|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]"
    r"|[一二三四五六七八九十]{1,3}\s*、|[①-⑳]|[•●○◎■□※])",
    "1)完成",
    "(一)推動",
    "2.110年度共計受理",
    "1.本所自 112 年",
    "(2)服務場所",
    "（3）身障",
    "2、辦理",
    "一、前言",
    "• 項目",
    not_=("4.5%", "110年度共計受理", "99%以上"),
    use="match",
)


# === numbers ===========================================================================
# The normalisers' patterns run on text whose digits were folded to ASCII by
# `numbers.fold_digits` (same length, so offsets still point into the original).

CN_DIGITS = "零〇一二兩两三四五六七八九十百千萬万億亿"

NUMBER = pattern(
    "number",
    r"(?<![0-9.,])(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?(?![0-9])",
    "總報驗量 50,927 批",
    "平均值為 4.85 分",
    "使用率達 99%以上",
    not_=("辦理兩場說明會", "十二月三日"),
)
NUMBER_TEXT = pattern(
    "number_text",
    r"^\s*(?P<sign>[-+−])?\s*(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?\s*(?P<pct>%)?\s*$",
    "50,927",
    " 4.85 ",
    "99%",
    "-3",
    not_=("4.85 分", "50,92", "99 %以上"),
    use="match",
)
CN_NUMBER_TEXT = pattern(
    "cn_number_text",
    rf"^\s*(?P<num>[{CN_DIGITS}]+)\s*$",
    "十二",
    "兩",
    "一百二十",
    not_=("十二月", "兩場"),
    use="match",
)


# === dates =============================================================================
# ROC (民國) years count from 1912 = year 1.  A month-day without a year takes the
# document's ROC year; the metric code decides what each match means.

_CN_SMALL = "[一二三四五六七八九十]{1,3}"

DATE_YMD = pattern(
    "date_ymd",
    r"(?<![0-9.,])(?:(?P<y>[0-9]{2,4})\s*年\s*(?:度\s*)?)?"
    rf"(?P<m>[0-9]{{1,2}}|{_CN_SMALL})\s*月\s*(?P<fen>份\s*)?"
    rf"(?:(?P<d>[0-9]{{1,2}}|{_CN_SMALL})\s*[日號])?(?P<since>\s*起)?",
    "已於 106 年 10 月 27 日在本分局",
    "本分局於 5 月 28 日各召開",
    "於 2 月份舉辦",
    "十二月三日",
    "自 6 月 1 日起正式落實",
    not_=("每 2個月將未更新之網頁資料", "12 個月內"),
)
DATE_SLASH = pattern(
    "date_slash",
    r"(?<![0-9/.,])(?P<y>[0-9]{2,4})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})(?![0-9/.])",
    "107/05/28",
    "於 106.10.27 公告",
    not_=("3 / 23", "107/05", "滿意度 99.5%"),
)
YEAR = pattern(
    "year",
    r"(?<![0-9.,])(?P<y>[0-9]{2,4})\s*年(?P<du>度)?",
    "107 年度進口商品",
    "107年持續配合",
    "(106 年整體滿意度",
    not_=("服務年資滿 5 年", "每年定期檢視"),
)
HALF_YEAR = pattern(
    "half_year",
    r"(?P<half>[上下])半年(?:度)?",
    "107 年度上半年由分局長",
    "下半年度",
    not_=("每半年", "半年度"),
)
QUARTER = pattern(
    "quarter",
    r"第\s*(?P<q>[1-4一二三四])\s*季",
    "第 3 季",
    "第一季",
    not_=("每季定期檢討", "第 5 季"),
)
FREQUENCY = pattern(
    "frequency",
    r"每\s*(?P<n>[0-9]+(?:\.[0-9]+)?|半|[二兩三四五六七八九十]{1,3})\s*"
    r"(?P<unit>個月|個星期|個工作天|個小時|星期|週|周|年|天|日|小時|季|月)",
    "每 2個月將未更新之網頁資料",
    "每 4 個月至少測試 1次",
    "每半年",
    not_=("每位同仁", "每 2 人一組"),
)
CYCLE = pattern(
    "cycle",
    r"(?<=以\s*)(?P<n>[0-9]+(?:\.[0-9]+)?|半|[二兩三四五六七八九十]{1,3})\s*"
    r"(?P<unit>個月|個星期|星期|週|周|年|天|日|季|月)(?=\s*為一?[週周]期)",
    "並以 2 個月為週期，定期檢視",
    "以半年為一週期",
    not_=("以 2 個月為限", "每 2 個月為週期"),
)
DATE_RANGE_JOIN = pattern(
    "date_range_join", r"^\s*[至到~～\-－—]\s*$", "至", " ～ ", not_=("及", "、"), use="match"
)
DATE_RANGE_DAY = pattern(
    "date_range_day",
    r"\s*[至到~～\-－—]\s*(?P<d>[0-9]{1,2})\s*[日號]",
    "至 5 日",
    "~7日",
    not_=("至 5 月 3 日", "及 5 日"),
    use="match",
)  # used with .match(text, pos) right after a date


# === metrics ===========================================================================
# Measure words: (word as printed, metric kind, characters that must not follow it).
# The exclusions keep words such as 處理, 人員, 分局, 家長, 年度 from reading as units.

MEASURE_WORDS: tuple[tuple[str, str, str], ...] = (
    ("%", "percent", ""),
    ("個百分點", "percent", ""),
    ("分鐘", "duration", ""),
    ("個小時", "duration", ""),
    ("小時", "duration", ""),
    ("秒鐘", "duration", ""),
    ("秒", "duration", ""),
    ("個工作天", "duration", ""),
    ("個工作日", "duration", ""),
    ("工作天", "duration", ""),
    ("工作日", "duration", ""),
    ("個星期", "duration", ""),
    ("星期", "duration", "一二三四五六日天"),
    ("個月", "duration", ""),
    ("天", "duration", "次然氣花地空橋"),
    ("日", "duration", "期常本文後前起間益誌報夜"),
    ("週", "duration", "年末邊知刊"),
    ("年", "duration", "度級底初終齡代紀資中輕金報會"),
    ("分", "score", "鐘局類別享析辦配區工署處組隊會行送批段項流數子級擔攤布佈紅"),
    ("元", "money", "件素旦宵化首老氣帥月年"),
    ("人次", "count", ""),
    ("車次", "count", ""),
    ("場次", "count", ""),
    ("天次", "count", ""),
    ("梯次", "count", ""),
    ("班次", "count", ""),
    ("架次", "count", ""),
    ("件次", "count", ""),
    ("戶次", "count", ""),
    ("人日", "count", ""),
    ("案件", "count", ""),
    ("個案", "count", ""),
    ("大項", "count", ""),
    ("批", "count", "評准示發"),
    ("件", "count", ""),
    ("具", "count", "有備體結名"),
    ("站", "count", "長內點台臺"),
    ("處", "count", "理長室所分置"),
    ("家", "count", "長庭屬具電鄉園人族"),
    ("人", "count", "員力數民工才口士物為們性文格權"),
    ("名", "count", "稱單冊義額字詞言"),
    ("則", "count", ""),
    ("項", "count", ""),
    ("種", "count", "子"),
    ("案", "count", "例由號"),
    ("次", "count", "要數級序"),
    ("幅", "count", "度員"),
    ("員", "count", "工額"),
    ("位", "count", "置於數址"),
    ("個", "count", "人別性體"),
    ("份", "count", "子額"),
    ("張", "count", ""),
    ("筆", "count", "記電"),
    ("封", "count", "面閉鎖"),
    ("通", "count", "知報過關訊常路用信"),
    ("台", "count", "灣北中南東階"),
    ("臺", "count", "灣北中南東階"),
    ("輛", "count", ""),
    ("所", "count", "有屬以在得需謂長"),
    ("間", "count", "隔接斷"),
    ("座", "count", "談位標"),
    ("本", "count", "分局人身府部會署島土國地案年月週季次"),
    ("篇", "count", "章幅"),
    ("支", "count", "援持出付"),
    ("組", "count", "織長成合別員"),
    ("團", "count", "體隊結"),
    ("類", "count", "別型似"),
    ("戶", "count", "外籍口政"),
    ("頁", "count", "面"),
    ("場", "count", "所地域合景館"),
    ("堂", "count", ""),
    ("屆", "count", "滿期時"),
    ("條", "count", "件例文款"),
    ("套", "count", "裝"),
    ("冊", "count", ""),
    ("題", "count", "目材"),
    ("部", "count", "門分會長落份"),
    ("校", "count", "園區長內方務"),
    ("艘", "count", ""),
    ("箱", "count", ""),
    ("期", "count", "間限程末中初滿待望刊貨"),
    ("倍", "number", ""),
    ("成", "number", "果功長立本員為效績熟品交年型"),
    ("公里", "number", ""),
    ("公尺", "number", ""),
    ("公斤", "number", ""),
    ("公頃", "number", ""),
    ("噸", "number", ""),
    ("萬", "number", ""),
    ("億", "number", ""),
)


def _measure_alternation() -> str:
    """Given MEASURE_WORDS, return one regex alternation, longest word first."""
    parts = []
    for word, _kind, not_before in sorted(MEASURE_WORDS, key=lambda w: -len(w[0])):
        part = regex.escape(word)
        if not_before:
            part += f"(?![{not_before}])"
        parts.append(part)
    return "|".join(parts)


def _count_alternation() -> str:
    """Given MEASURE_WORDS, return the count words as one regex alternation, longest first."""
    parts = []
    for word, kind, not_before in sorted(MEASURE_WORDS, key=lambda w: -len(w[0])):
        if kind == "count":
            parts.append(regex.escape(word) + (f"(?![{not_before}])" if not_before else ""))
    return "|".join(parts)


# A count read by OCR with its thousands comma as a full stop or a full-width comma:
# "計 5.318 份", "78，158車次" for "5,318", "78,158".  A count has no fraction, let alone
# one of three digits, and a list of numbers is no count of one thing, so only a count
# word right after (same line) makes it one; a percentage or a duration keeps its point.
OCR_COUNT_POINT = pattern(
    "ocr_count_point",
    rf"(?<![0-9.,，])(?P<head>[0-9]{{1,3}})[.，](?P<tail>[0-9]{{3}})(?![0-9.,，])(?=\s?(?:{_count_alternation()}))",
    "全年減少檢附證明文件計 5.318 份",
    "有效樣本 1.068 份",
    "服務 12.345人次",
    "派遣車輛78，158車次",
    not_=(
        "成長 12.345%",
        "平均 1.250 小時",
        "1.068 萬元",
        "計 5.31 份",
        "5.318.2 件",
        "人員 1.250",
        "第 101，102 號",
        "78，158，300 件",
    ),
)


_UNIT = rf"(?P<unit>(?:百萬|千萬|萬|億|千)?(?:{_measure_alternation()}))"

# What a number takes after it, a space apart in some forms: a measure word, a month, a
# number sign ("3 頁", "10 月", "2 日").  Text a number does not take may be the next
# cell's ("1 月 2 含線上申": a side-by-side dump's cell beside a date cut by its wrap).
NUMBER_TAKES = pattern(
    "number_takes",
    rf"(?:{_measure_alternation()}|月|號)",
    "頁",
    "月 10 日",
    "日辦理",
    "人次參加",
    not_=("含線上申", "詳附件一", "依本局考", "見佐證資料"),
    use="match",
)
_PRE = (
    r"(?P<pre>共計有|共計|合計|總計|約計|計有|已達|約為|約有|將近|超過|至少|最少|最多|共|"
    r"(?<![統設估審會主伙預累生小])計|約|(?<![到表傳發下送通])達|逾|近|僅|第)"
)
_POST = r"(?P<post>以上|以下|以內|之內|左右|內(?![容部政外涵湖]))"

QUANTITY = pattern(
    "quantity",
    rf"(?:{_PRE}\s*)?(?P<num>(?<![0-9.,])(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\.[0-9]+)?(?![0-9]))"
    rf"(?:\s*(?:(?P<mid>餘|多)\s*)?{_UNIT})?(?:\s*{_POST})?",
    "網路申辦計50,867 批",
    "線上申辦使用率達 99%以上",
    "4.85 分(最高分數 6 分)",
    "節省民眾辦理時間計 32 分鐘",
    "等 8大項服務",
    "均於 3 日內回復",
    "經費 5 萬元",
    not_=("共計十二家公司", "滿意度達百分之九十以上"),
)
CN_QUANTITY = pattern(
    "cn_quantity",
    r"(?<![同單統唯任逐第萬之其某每一二兩三四五六七八九十百千零〇])"
    r"(?!四處|十分|百家|千家|萬家)"
    r"(?P<num>[一二兩三四五六七八九十百千萬零〇]{2,}|[二兩三四五六七八九十])"
    rf"\s*{_UNIT}(?!式|性|龍|線|之)(?:\s*{_POST})?",
    "辦理兩場說明會",
    "共十二家公司",
    "計一百二十人次",
    not_=("十分滿意", "四處張貼海報", "第二次"),
)
PERCENT_CN = pattern(
    "percent_cn",
    rf"百分之\s*(?P<num>[0-9]+(?:\.[0-9]+)?|[{CN_DIGITS}點]+)",
    "滿意度達百分之九十以上",
    "百分之 95",
    not_=("百分比", "滿意度達 95%"),
)
# A list marker ending a unit's name ("1999市民熱線(1)"): the results' first entry, which
# a side-by-side dump printed against the name; no name's bracket holds a number alone.
MARKER_AT_END = pattern(
    "marker_at_end",
    r"[(（]\s*\d{1,2}\s*[)）]$",
    "1999市民熱線(1)",
    "服務台（2）",
    not_=("資訊小組(各單位)", "秘書室 (研考)", "第1門診部"),
)
LIST_MARKER = pattern(
    "list_marker",
    r"^[ \t\u3000]*(?P<marker>[(（]\s*(?P<paren>[0-9]{1,2})\s*[)）]"
    r"|(?P<dot>[0-9]{1,2})\s*(?:、|[.．](?=[0-9]{3}|[0-9]{1,2}\s*月|[^0-9]|$))"
    r"|[(（]\s*(?P<cparen>[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|(?P<cn>[一二三四五六七八九十]{1,3})\s*[、．.])[ \t\u3000]*",
    "1.訂定申辦業務",
    "2. 107 年度共召募",
    "2.107 年度上半年",
    "(1)正門及側門明顯處設置",
    "一、推動",
    "3、設置",
    not_=("4.5%", "110年度", "①每季"),
    use="match",
)
INLINE_MARKER = pattern(
    "inline_marker",
    r"[(（]\s*[0-9]{1,2}\s*[)）]|(?<=[\s：:；;。])[0-9]{1,2}\s*[.．、](?=[^0-9]|$)",
    "管道：(1)現場",
    "各單位 1.訂定",
    not_=("平均 4.85 分", "(100分)"),
)
PRODUCT_SIGN = pattern(
    "product_sign", r"^\s*[×xX*＊]\s*$", "×", " x ", not_=("、", "及", "×2"), use="match"
)
SCORE_CONTEXT = pattern(
    "score_context",
    r"(?:得分|總分|分數|成績|小計)\s*[:：]?\s*$",
    "得分：",
    "小計 ",
    "平均分數",
    not_=("得分率", "分數提升至"),
)  # a unitless number right after these words is a score
LABEL_LEADING = pattern(
    "label_leading",
    r"^(?:本分局|年度|並|另|且|及|與|已|再|則|亦|均|皆|能|由|將|等|於|在|其|度|年|共計|共|計|總計|合計|約)+",
    "本分局已完成",
    "度進口商品",
    not_=("本局受理案件", "網路申辦"),
)
LABEL_TRAILING = pattern(
    "label_trailing",
    r"(?:共計有|共計|合計|總計|約計|計有|已達|約為|約有|均為|均達|為|約|計|達|共|有|逾|超過|"
    r"至少|僅|獲得|均|能|可|已|亦|各|等)+$",
    "網路申辦計",
    "線上申辦使用率達",
    "構面滿意度能獲得",
    not_=("網路申辦件數", "滿意度"),
)


# === units =============================================================================

UNIT_NOTE = pattern(
    "unit_note",
    r"^\s*(?P<name>[^()（）]*?)\s*[(（]\s*(?P<note>[^()（）]*?)\s*[)）]\s*$",
    "資訊小組(各單位)",
    "秘書室 (研考)",
    "(各單位)",
    not_=("秘書室(研考)、人事室", "資訊小組"),
    use="match",
)
CJK_GAP = pattern(
    "cjk_gap",
    r"(?<=\p{Han})\s+(?=\p{Han})",
    "秘書室 (研 考)",
    "報驗 發證課",
    not_=("1999 市民熱線", "報驗發證課"),
)
# Results that say "nothing to report": never a unit name, whatever column they look like.
NOT_APPLICABLE = pattern(
    "not_applicable",
    r"^\s*(?:不適用|無|免填|略|N/?A|-|—)\s*[。.]?\s*$",
    "不適用",
    "無",
    "N/A",
    not_=("無障礙設施", "略有增加", "-3"),
    use="match",
)
# Besides the organisational suffixes (UNIT_SUFFIX): names of service points (服務台,
# 1999市民熱線) and a closed qualifier ("(各單位)") end a unit too.
UNIT_NAME_ENDS = (")", "）", "台", "臺", "線")
UNIT_SUFFIX = pattern(
    "unit_suffix",
    r"(?:課|室|處|組|科|股|中心|局|所|隊|站|會|部|署|館|院|團|單位)$",
    "報驗發證課",
    "各單位",
    "資訊小組",
    "各辦事處",
    not_=("定期召開會議", "推動中"),
)
# The lowest tiers of an organisation: a section (科, 課) has at most squads (股) under it,
# a squad nothing.  A units line ending so is a whole name unless a squad's name follows.
SECTION_UNIT = pattern(
    "section_unit",
    r"(?:科|課|股)$",
    "食品藥物管理科",
    "報驗發證課",
    "總務股",
    not_=("地政服務所", "第一門診部", "管制考核小組", "新住民服務中心"),
)
SQUAD_UNIT = pattern("squad_unit", r"股$", "戶籍股", not_=("第二課", "秘書室"))
# One of names listed with 、: no space, no sentence punctuation.
LISTED_NAME = pattern(
    "listed_name",
    r"[^\s，。；：,;:！？!?]+",
    "服務台",
    "資訊小組(各單位)",
    not_=("105 年度共計受理", "辦理，計"),
    use="fullmatch",
)


def ends_with_count(text: str) -> bool:
    """Given a paragraph, tell whether it ends with a count ("…截至年底計36,699件"): a list
    entry's statement, whole without a full stop, as forms print them.

    >>> ends_with_count("截至年底計36,699件"), ends_with_count("計36,699件數")
    (True, False)
    """
    return count_unit_at_end(text) is not None


def count_unit_at_end(text: str) -> str | None:
    """Given a paragraph, return the unit of the count it ends with ("件" for
    "…截至年底計36,699件"), else None.

    >>> count_unit_at_end("截至年底計36,699件"), count_unit_at_end("共 12 件，已辦結")
    ('件', None)
    """
    if not any(ch.isdigit() for ch in text[-24:]):  # cheap: most paragraphs end in words
        return None
    found = list(QUANTITY.regex.finditer(text))
    if not found or found[-1].end() != len(text):
        return None
    unit: str | None = found[-1].group("unit")
    return unit


def counts_going_on(line: str) -> list[str]:
    """Given a line, return the units of the counts that words follow on it ("計175人次參加"
    → 人次; punctuation after a count, as in "受理36件，", is no words).

    >>> counts_going_on("計175人次參加，受理36件，處理"), counts_going_on("截至年底計36,699件")
    (['人次'], [])
    """
    out: list[str] = []
    if not any(ch.isdigit() for ch in line):
        return out
    for m in QUANTITY.regex.finditer(line):
        rest = line[m.end() :].lstrip()
        if (
            m.group("unit") is not None
            and rest
            and not unicodedata.category(rest[0]).startswith("P")
        ):
            out.append(m.group("unit"))
    return out


def ends_like_name(text: str) -> bool:
    """Given a units line, tell whether it ends as a whole unit name does (課, 中心, 服務台, a
    closed "(各單位)")."""
    return UNIT_SUFFIX.regex.search(text) is not None or text.endswith(UNIT_NAME_ENDS)


def unbalanced(text: str) -> bool:
    """Given a name, tell whether its brackets do not pair up ("單位)", "資訊小組(各"): a
    name cut by a wrap, never a whole one."""
    depth = 0
    for c in text:
        depth += (c in "(（") - (c in ")）")
        if depth < 0:
            return True
    return depth != 0


# === entities ==========================================================================

ENTITY_QUOTED = pattern(
    "entity_quoted",
    r"「(?P<name>[^「」\n]*)」",
    "建置「資料閱覽室」、「洽公",
    not_=("建置資料閱覽室", "建置『資料閱覽室』"),
)
ENTITY_PAREN_TAIL = pattern(
    "entity_paren_tail",
    r"\s*[(（][^()（）]*[)）]\s*$",
    "員工協助方案(團體諮商)",
    not_=("員工協助方案(團體諮商)辦理", "(團體諮商)員工協助方案"),
)


# === command line ======================================================================
# What the CLI shows a person or accepts from one (pipeline/console.py, pipeline/cli.py).

# Characters that must never reach a terminal raw: C0 and C1 controls and DEL (ESC starts
# the escape sequences that move the cursor or set the window title; a newline forges a
# line), the line/paragraph separators, bidirectional overrides and isolates (they reorder
# what is shown), and lone surrogates (undecodable bytes of a file name). \t and \n too.
TERMINAL_UNSAFE = pattern(
    "terminal_unsafe",
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]",
    "evil\x1b]0;pwned\x07.txt",
    "a\nok      forged.txt",
    "\u202egnp.txt",
    "\udcb5\udca6.txt",
    not_=("評核表 (第2版).pdf", "résumé.txt"),
)
# A Dask scheduler address as `distributed` takes it: [scheme://]host[:port], the port
# required without a scheme (so a bare word is refused rather than looked up as a host).
DASK_ADDRESS = pattern(
    "dask_address",
    r"^(?:(?P<scheme>[a-z]+)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)"
    r"(?::(?P<port>[0-9]{1,5}))?/?$",
    "tcp://10.0.0.5:8786",
    "tls://scheduler.example.org:8786",
    "tcp://[::1]:8786",
    "scheduler:8786",
    "127.0.0.1:8786",
    not_=("tcp://host:port", "scheduler:8786\n", "tcp://10.0.0.5:8786 extra"),
    use="fullmatch",
)


# === result items ======================================================================
# LIST_MARKER (above) finds a list marker at the start of a paragraph.


# === analysts' tools ===================================================================
# The review page links a check's message to the rows it is about (validate.py's wording).

CHECK_DIMENSION = pattern(
    "check_dimension",
    r"構面\s*(?P<dim>\d+)(?:\s+item\s+(?P<item>\d+))?",
    "構面1 基礎服務: 小計 178, items sum to 178",
    "構面3 item 2 服務機制精進: 95 of 90",
    not_=("構面一(基礎服務)", "row 3: sub-indicator 2 → 4"),
)
CHECK_ROW_LIST = pattern(
    "check_row_list",
    r"^rows? without [^:]*:\s*(?P<rows>\d+(?:\s*,\s*\d+)*)",
    "rows without indicator or sub-indicator: 3, 7",
    not_=("row 12: indicator '1.訂定申辦' without sub-indicator text",),
)
CHECK_UNIT_MAPPED = pattern(
    "check_unit_mapped",
    r"^(?P<unit>[^→:]+?)\s*→",
    "驗發證課 → 報驗發證課: strict",
    not_=("row 3: indicator 1 → 3", "構面1 基礎服務: 小計 178, items sum to 178"),
)

# A Latin word standing whole inside a printed line (no letter either side); and the
# Latin letters a printed line ends with or starts with, where a wrap may have cut a word.
LATIN_WORD = pattern(
    "latin_word",
    r"(?<![A-Za-z])[A-Za-z]+(?![A-Za-z])",
    "透過 LINE 官方帳號",
    "QR code",
    not_=("全年受理84,496通電話。", "１９９９市民熱線"),
)
LATIN_TAIL = pattern(
    "latin_tail",
    r"(?<![A-Za-z])(?P<word>[A-Za-z]+)$",
    "帳號及 Fac",
    "call",
    not_=("提供 call center 諮詢服務", "網址：www.gov.tw。"),
)
LATIN_HEAD = pattern(
    "latin_head",
    r"^(?P<word>[A-Za-z]+)(?![A-Za-z])",
    "ebook 粉絲專頁",
    "center",
    not_=("及 Facebook 粉絲專頁", "1999市民熱線"),
    use="match",
)
# A URL running to a line's end (its scheme or "www." and no space since), and a line
# going on with a URL's rest: letters or digits, then a URL's punctuation.  A URL holds
# no space, so a wrap between the two broke it ("https://www.exam" / "ple.gov.tw/service").
URL_TAIL = pattern(
    "url_tail",
    r"(?:https?://|www\.)[!-~]*$",
    "網址：https://www.exam",
    "網址：www.gov.",
    not_=("網址：www.gov.tw。", "提供 call"),
)
URL_GOES_ON = pattern(
    "url_goes_on",
    r"^[A-Za-z0-9]+[./:?=&%#_~+-]",
    "ple.gov.tw/service。",
    "tw/q?id=3。",
    not_=("center 諮詢服務", "ebook 粉絲專頁"),
    use="match",
)
# A URL's piece that ends mid-URL (a letter, a digit or a URL's punctuation last): the
# URL goes on after it ("https://", "www.example."), unlike one its full stop ends.
URL_UNENDED = pattern(
    "url_unended",
    r"[A-Za-z0-9/.:?=&%#_~+-]$",
    "https://",
    "www.example.",
    not_=("www.gov.tw。", "網址："),
)

# Every `Pattern` defined at module level, collected once; keep this line last.
ALL_PATTERNS: tuple[Pattern, ...] = tuple(
    v for v in tuple(globals().values()) if isinstance(v, Pattern)
)
