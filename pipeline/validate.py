"""Validation: a Document → data-quality findings (`Check`s), as data.

Each check is a small function returning Checks; `CHECKS` is the plain list the
pipeline runs.  A failed check with severity "error" makes the document
`partial`: read, but not to be trusted without a look.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import regex

from pipeline.models import Check, Column, Document, Furniture, PageStream, Row, RowUnit
from pipeline.normalise.patterns import (
    BARE,
    BULLET,
    CELL_THEN_ENTRY,
    HEADING_INSIDE,
    INDICATOR_NO,
    ITEM_POINTS,
    ITEM_SCORE,
    LATIN_HEAD,
    LATIN_RUN_ON,
    LATIN_TAIL,
    LISTED_NAME,
    MARKER_AT_END,
    NOT_APPLICABLE,
    SENTENCE_END,
    SUB_MARKER_INSIDE,
    SUB_NO,
    TWO_CELLS,
    UNIT_NAME_ENDS,
    UNIT_SUFFIX,
    ends_like_name,
    ends_with_count,
    marker_number,
    opens_entry,
    unbalanced,
)
from pipeline.normalise.text import latin_vocabulary, latin_wrap, match_key, visible_chars
from pipeline.normalise.units import split_unit

# A cell of a column of numbers: a number, its unit 分 after it or not ("18", "7.5 分").
NUMBER_CELL = regex.compile(r"[0-9][0-9,.]*%?(?:\s*分)?")
# Scores are printed as integers or with one decimal; sums compare within this.
SCORE_TOLERANCE = 1e-6
# A unit name longer than this is a sentence, not a name.
MAX_UNIT_LEN = 20


def check_subtotals(doc: Document) -> list[Check]:
    """Each dimension's printed 小計 equals the sum of its items' scores."""
    out = []
    for d in doc.dimensions:
        scores = [it.score for it in doc.items if it.dimension_no == d.dimension_no]
        if d.subtotal is None and all(s is None for s in scores):
            out.append(
                Check(
                    "subtotal_matches_items",
                    "info",
                    f"構面{d.dimension_no}: unscored (no 小計 and no item score printed)",
                    True,
                )
            )
            continue
        if d.subtotal is None or any(s is None for s in scores):
            out.append(
                Check(
                    "subtotal_matches_items",
                    "error",
                    f"構面{d.dimension_no}: subtotal or an item score is missing",
                    False,
                )
            )
            continue
        total = sum(s for s in scores if s is not None)
        ok = abs(total - d.subtotal) <= SCORE_TOLERANCE
        out.append(
            Check(
                "subtotal_matches_items",
                "error",
                f"構面{d.dimension_no} {d.name}: 小計 {d.subtotal:g}, items sum to {total:g}",
                ok,
            )
        )
    return out


def check_scores_within_max(doc: Document) -> list[Check]:
    """No item score exceeds its max points, and none is negative."""
    bad = [
        f"構面{it.dimension_no} item {it.item_no} {it.name}: {it.score:g} of {it.max_points}"
        for it in doc.items
        if it.score is not None and it.max_points is not None and not 0 <= it.score <= it.max_points
    ]
    msg = "; ".join(bad) if bad else f"{len(doc.items)} item scores within their max points"
    return [Check("score_within_max", "error", msg, not bad)]


def check_max_points(doc: Document) -> list[Check]:
    """The dimensions' max points add up to the total, and each item max fits its dimension."""
    out = []
    total = sum(d.max_points or 0 for d in doc.dimensions)
    out.append(Check("total_max", "info", f"dimension max points sum to {total}", total > 0))
    for d in doc.dimensions:
        item_max = [it.max_points for it in doc.items if it.dimension_no == d.dimension_no]
        if d.max_points is None or any(m is None for m in item_max):
            continue
        s = sum(m for m in item_max if m is not None)
        out.append(
            Check(
                "item_max_matches_dimension",
                "error",
                f"構面{d.dimension_no}: items' max points sum to {s}, heading says {d.max_points}",
                s == d.max_points,
            )
        )
    return out


def check_rows_have_text(doc: Document) -> list[Check]:
    """Every row has an indicator or a sub-indicator, in words: one of punctuation and
    digits alone ("-9=", a page footer read where no footer reads so) is none."""
    bad = [
        str(r.row_no)
        for r in doc.rows
        if not any(ch.isalpha() for ch in (r.indicator or "") + (r.sub_indicator or ""))
    ]
    msg = (
        f"rows without indicator or sub-indicator words: {', '.join(bad)}"
        if bad
        else f"all {len(doc.rows)} rows have an indicator or sub-indicator"
    )
    return [Check("row_has_indicator", "error", msg, not bad)]


def check_title_read(doc: Document) -> list[Check]:
    """The form's title names its agency and ROC year: a form always prints them, so a
    title not read (spread out by a dump tool, cut off) leaves the document unplaced."""
    missing = [
        what
        for what, value in (("agency", doc.agency), ("ROC year", doc.roc_year))
        if value is None
    ]
    msg = (
        f"no {' or '.join(missing)} read from the form's title ({doc.title or 'none found'!r})"
        if missing
        else f"title names {doc.agency}, ROC year {doc.roc_year}"
    )
    return [Check("title_read", "error", msg, not missing)]


def check_dimension_headings(doc: Document) -> list[Check]:
    """Every dimension has its heading where any has: a table whose first rows stand under
    no heading (read into a dimension of their own) but that prints headings later lost
    its first one (printed on a page of its own before the table: `chromium-extra` 10657)."""
    headed = [d for d in doc.dimensions if d.heading]
    bad = [f"構面{d.dimension_no}" for d in doc.dimensions if not d.heading] if headed else []
    msg = (
        f"no heading read for {', '.join(bad)}, though the form prints {len(headed)}: its "
        "name and max points are unknown"
        if bad
        else f"{len(headed)} of {len(doc.dimensions)} dimensions read with their heading"
    )
    return [Check("dimension_headings", "error", msg, not bad)]


def _always_followed(nexts: set[str | None]) -> bool:
    """Given the entries that follow a unit name in its rows (None: it ends the row's
    list), tell whether one and the same entry always follows it."""
    return len(nexts) == 1 and None not in nexts


def check_units_known(doc: Document) -> list[Check]:
    """Every unit reads as a unit name: sentence punctuation or sentence length in the units
    column means results text landed there, and so does a list marker ending a name
    (`MARKER_AT_END`); a name that does not end as a unit's does
    (課, 中心, 服務台 …: `ends_like_name`) and stands once in the document is most likely
    another cell's line (an indicator heading read into the units); one that is always
    followed by the same entry is most likely a name wrapped, read as two; a lowercase
    Latin word run onto a name (`LATIN_RUN_ON`: "call機械產品課") is another cell's word."""
    counts = Counter(u for r in doc.rows for u in r.units)
    # What follows each name in its row: a name that ends unlike a unit's and is followed
    # everywhere by the same entry is one name wrapped at the same place each time it is
    # printed ("兒童及少年福" / "利與權益保障科" in a column six characters wide).
    after: dict[str, set[str | None]] = {}
    for r in doc.rows:
        for i, u in enumerate(r.units):
            after.setdefault(u, set()).add(r.units[i + 1] if i + 1 < len(r.units) else None)
    odd = sorted(
        u
        for u in counts
        if len(u) > MAX_UNIT_LEN
        or len(u) == 1
        or any(p in u for p in "，。；：、「」")
        or MARKER_AT_END.regex.search(u) is not None
        or LATIN_RUN_ON.regex.match(u) is not None
        or (not ends_like_name(u) and (counts[u] == 1 or _always_followed(after[u])))
    )
    msg = (
        ("entries that are not unit names: " + " | ".join(odd))
        if odd
        else f"{len(counts)} distinct units, all read as unit names"
    )
    return [Check("units_known", "error", msg, not odd)]


def unit_mapping_checks(units: Sequence[RowUnit]) -> list[Check]:
    """Given the enriched units, record every printed name mapped onto another (typos), once."""
    seen: dict[str, Check] = {}
    for u in units:
        if u.reason and u.unit not in seen:
            seen[u.unit] = Check(
                "unit_typo", "info", f"{u.unit} → {u.unit_canonical}: {u.reason}", True
            )
    return list(seen.values())


def check_dimension_numbers(doc: Document) -> list[Check]:
    """Dimensions are numbered 1, 2, 3… in order without repeats."""
    nos = [d.dimension_no for d in doc.dimensions]
    ok = nos == list(range(1, len(nos) + 1))
    return [Check("dimension_sequence", "error", f"dimension numbers in order: {nos}", ok)]


def _number_of(no: str | None) -> int | None:
    if no is None:
        return None
    digits = no.strip("()")
    return int(digits) if digits.isdigit() else None


def check_numbering(doc: Document) -> list[Check]:
    """Indicator numbers within an item and sub-indicator numbers within an indicator only
    increase: a gap is normal (omitted rows, info); a repeat or a decrease means rows were
    merged or split wrongly (error), and so does an item numbering some of its indicators
    and not others, or an indicator some of its sub-indicators and not others."""
    bad: list[str] = []
    gaps: list[str] = []
    last: dict[tuple[object, ...], int] = {}
    seen_ind: set[tuple[int, int, str | None, str | None]] = set()

    def follow(scope: tuple[object, ...], n: int | None, what: str, row_no: int) -> None:
        prev = last.get(scope)
        if n is None:
            return
        if prev is not None and n <= prev:
            bad.append(f"row {row_no}: {what} {n} after {prev}")
        elif prev is not None and n > prev + 1:
            gaps.append(f"row {row_no}: {what} {prev} → {n}")
        last[scope] = n

    # An indicator is the run of rows under one indicator text: two unnumbered indicators
    # of one item may read alike (提升服務品質 … then again), each numbering its own subs.
    run = 0
    prev_key: tuple[int, int, str | None, str | None] | None = None
    numbered: dict[tuple[int, int], tuple[bool, int]] = {}  # item → (first numbered?, row)
    subs_numbered: dict[int, tuple[bool, int]] = {}  # indicator run → (first numbered?, row)
    for r in doc.rows:
        item = ("item", r.dimension_no, r.item_no)
        ind_key = (r.dimension_no, r.item_no, r.indicator_no, r.indicator)
        if ind_key not in seen_ind:
            follow(item, _number_of(r.indicator_no), "indicator", r.row_no)
            # An item numbers all its indicators or none: one without a number among
            # numbered ones is the rest of a cell a page break cut, read as its own.
            first = numbered.setdefault(
                (r.dimension_no, r.item_no), (bool(r.indicator_no), r.row_no)
            )
            if r.indicator and first[0] != bool(r.indicator_no):
                bad.append(_mixed(r.row_no, "indicator", r.indicator, first))
        seen_ind.add(ind_key)
        run += ind_key != prev_key
        prev_key = ind_key
        follow(("indicator", run, *ind_key), _number_of(r.sub_no), "sub-indicator", r.row_no)
        # So does an indicator its sub-indicators: one without a number among numbered
        # ones is the rest of a cell read as a row of its own ("簡化及標準化等。" after
        # "（1） 訂定申辦…進行").
        if r.sub_indicator:
            first_sub = subs_numbered.setdefault(run, (bool(r.sub_no), r.row_no))
            if first_sub[0] != bool(r.sub_no):
                bad.append(_mixed(r.row_no, "sub-indicator", r.sub_indicator, first_sub))
    out = [
        Check(
            "numbering_increases",
            "error",
            "; ".join(bad) if bad else "indicator and sub-indicator numbers increase",
            not bad,
        )
    ]
    if gaps:
        out.append(Check("numbering_gaps", "info", "numbers skipped: " + "; ".join(gaps), True))
    return out


def _mixed(row_no: int, what: str, text: str, first: tuple[bool, int]) -> str:
    """Given a row, what it numbers, its text and whether the first of its kind in its scope
    was numbered (and that row), return the finding: numbered unlike the first."""
    return (
        f"row {row_no}: {what} {text[:12]!r} {'without' if first[0] else 'with'} a number, "
        f"row {first[1]}'s {'with' if first[0] else 'without'}"
    )


def _paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


# What no cell's paragraph opens with: what went before it was read into another cell
# ("食品藥物管理 1. 透過…" in a side-by-side dump, its "1" read into the units).
NEVER_OPENS = (".", "．", "，", ",", "。", "、", "；", ";")
# Punctuation that never stands inside a unit's name (brackets do: 衛生所(各區)).
NAME_BREAKS = frozenset("，。；：、「」,.;:")


def _has_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


# The longest bare unit name `_reads_as_unit` takes, in characters.
_BARE_UNIT_CHARS = 12


def _reads_as_unit(paragraph: str) -> bool:
    """Given a paragraph, tell whether it is one bare unit name (報驗發證課, 秘書室)."""
    p = paragraph.strip()
    return (
        0 < len(p) <= _BARE_UNIT_CHARS
        and UNIT_SUFFIX.regex.search(split_unit(p)[0]) is not None
        and not any(c.isdigit() or c in NAME_BREAKS for c in p)
    )


def _reads_as_name(paragraph: str) -> bool:
    """Given a result paragraph, tell whether it reads as a bare name (1999市民熱線): a few
    characters, Han among them, no punctuation, no space, no list marker, no number alone."""
    p = paragraph.strip()
    return (
        2 <= len(p) <= MAX_UNIT_LEN
        and BARE.regex.search(p) is None
        and _has_han(p)
        and not opens_entry(p)
        and NOT_APPLICABLE.regex.match(p) is None
    )


def _later_indicator(paragraph: str, r: Row) -> bool:
    """Given a result paragraph and its row, tell whether it reads as the heading of a
    later indicator: numbered like an indicator ("四、"), past the row's indicator number,
    and a bare name after its marker ("四、提升服務設施合宜度"), as a list entry of results
    seldom is."""
    m = INDICATOR_NO.regex.match(paragraph.strip())
    if m is None or r.indicator_no is None or not r.indicator_no.isdigit():
        return False
    return marker_number(m) > int(r.indicator_no) and _reads_as_name(m.group("text") or "")


def _ends_like_unit(head: str) -> bool:
    """Given a paragraph's first word, tell whether it is a name ending like a service point
    or a qualified unit (服務台, 1999市民熱線, 衛生所(各區)) rather than a list marker."""
    return (
        0 < len(head) <= MAX_UNIT_LEN
        and head.endswith(UNIT_NAME_ENDS)
        and _has_han(head)
        and not opens_entry(head)
        and not any(c in NAME_BREAKS for c in head)
    )


def _reads_as_units(paragraph: str) -> bool:
    """Given a paragraph, tell whether it is a list of unit names (電資產品課、秘書室)."""
    parts = [p.strip() for p in paragraph.split("、")]
    return len(parts) >= 2 and all(
        0 < len(p) <= MAX_UNIT_LEN and UNIT_SUFFIX.regex.search(split_unit(p)[0]) for p in parts
    )


class _Units:
    """This document's unit names, indexed for the merged-rows checks: the names a text
    ends with, and the names that end with a given text (a lookup per length, not a scan
    of every name per cell)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.counts = Counter(names)  # how many times the document prints each name
        self.names = frozenset(self.counts)
        self.ordered = tuple(sorted(self.names))  # for findings that name the first match
        self.lengths = sorted({len(n) for n in self.names if n}, reverse=True)
        tails: dict[str, list[str]] = {}
        for v in self.ordered:
            for k in range(len(v)):
                tails.setdefault(v[k:], []).append(v)
        self._tails = tails

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def suffixes(self, text: str) -> list[str]:
        """Given a text, return the names it ends with, longest first."""
        return [text[-n:] for n in self.lengths if n <= len(text) and text[-n:] in self.names]

    def ending_with(self, tail: str) -> list[str]:
        """Given a text, return the names that end with it (itself too), in sorted order."""
        return self._tails.get(tail, [])


def _glued_unit(text: str | None, units: _Units, *, sentence: bool = False) -> str | None:
    """Given a cell's text, return a unit name it ends in right after text (no punctuation
    between, or only a comma or 、 when the cell is one sentence, as a sub-indicator is: no
    sentence ends "…等)，衛生所(各區)"): another cell's unit run onto it."""
    t = (text or "").rstrip()
    allowed = "：:(（「" if sentence else "，、：:(（「"
    for u in units.suffixes(t):
        if len(u) >= 3 and len(t) > len(u):
            before = t[: -len(u)].rstrip()
            if before and not SENTENCE_END.regex.search(before) and before[-1] not in allowed:
                return u
    return None


# A unit of at most this many characters that ends another unit's name is that name's
# wrapped tail (中心, 保障科); a longer one is a unit of its own or a typo (驗發證課).
MAX_TAIL_CHARS = 3


def _units_findings(r: Row, units: _Units) -> list[str]:
    """不適用 in the units column; a unit that is only the end of another unit's name, or
    another unit's name with another cell's text inside it."""
    out = [
        f"row {r.row_no}: {u!r} in the units column"
        for u in r.units
        if NOT_APPLICABLE.regex.match(u) or NOT_APPLICABLE.regex.match(u.split(" ")[-1])
    ]
    out.extend(
        f"row {r.row_no}: unit {u!r} is the tail of {v!r} (a name cut by a wrap)"
        for u in r.units
        if len(u) <= MAX_TAIL_CHARS
        for v in units.ending_with(u)
        if v != u and "(" not in v and "（" not in v
    )
    texts = [*_paragraphs(r.result), r.sub_indicator or ""]
    for u in r.units:
        if (held := _text_inside_unit(u, units) or _text_inside_recurring(u, units)) is not None:
            out.append(f"row {r.row_no}: unit {u!r} is {held[0]!r} with {held[1]!r} inside")
        if unbalanced(u):
            out.append(f"row {r.row_no}: unit {u!r} has an unmatched bracket (a name cut)")
        if (cut := _cut_name_then_name(u, units)) is not None:
            out.append(
                f"row {r.row_no}: unit {u!r} is {cut[0]!r} cut short, then the name {cut[1]!r}"
            )
        out.extend(
            f"row {r.row_no}: unit {u!r} is the tail of {v!r} and the head {v[: -len(u)]!r} "
            "is in another cell"
            for v in units.ending_with(u)
            if v != u and any(t.startswith(v[: -len(u)]) or t.endswith(v[: -len(u)]) for t in texts)
        )
    return out


def _another_indicator(text: str, r: Row, indicators: frozenset[str]) -> bool:
    """Given a cell's text, its row and the document's indicators (as `match_key` gives
    them), tell whether the text is the whole of an indicator other than the row's own."""
    key = match_key(text)
    return key in indicators and key != match_key(r.indicator or "")


def _result_findings(r: Row, units: _Units, indicators: frozenset[str]) -> list[str]:
    """A result holding an item's line, a row, unit names, a stray fragment or a paragraph
    that is an indicator's whole text elsewhere in the document (`indicators`, as
    `match_key` gives them): the next indicator's heading read into the result."""
    paras = _paragraphs(r.result)
    out = [
        f"row {r.row_no}: an item cell's line {p!r} inside a row"
        for p in [*paras, r.indicator or "", r.sub_indicator or ""]
        if ITEM_POINTS.regex.match(match_key(p)) or ITEM_SCORE.regex.match(match_key(p))
    ]
    out.extend(
        f"row {r.row_no}: a list of unit names inside the result {p[:30]!r}"
        for p in paras
        if _reads_as_units(p)
    )
    for i, p in enumerate(paras):
        opens = SUB_NO.regex.match(p) or INDICATOR_NO.regex.match(p)
        if opens and i + 1 < len(paras) and paras[i + 1] in units:
            out.append(f"row {r.row_no}: {p[:20]!r} then unit {paras[i + 1]!r}")
        elif len(BARE.regex.sub("", p)) <= 1 and not NOT_APPLICABLE.regex.match(p):
            out.append(f"row {r.row_no}: stray fragment {p!r} as a result paragraph")
        elif p in units or _reads_as_unit(p):
            out.append(f"row {r.row_no}: unit name {p!r} inside the result")
        if i > 0 and _reads_as_name(p) and SENTENCE_END.regex.search(paras[i - 1]):
            out.append(f"row {r.row_no}: name-like line {p!r} after the result's sentences")
        if i > 0 and _later_indicator(p, r) and SENTENCE_END.regex.search(paras[i - 1]):
            out.append(f"row {r.row_no}: {p[:20]!r} numbered as a later indicator")
        if i + 1 < len(paras) and NOT_APPLICABLE.regex.fullmatch(p):
            out.append(f"row {r.row_no}: {paras[i + 1][:12]!r} after a whole result {p!r}")
        if _another_indicator(p, r, indicators):
            out.append(f"row {r.row_no}: {p[:20]!r} in the result is an indicator elsewhere")
    return out


def _glue_findings(r: Row, units: _Units) -> list[str]:
    """Another cell's text run onto a cell: a unit name (or list) at a cell's end or
    before a space at a paragraph's start, a unit printed as a line of a wide cell, an
    indicator that reads as a sentence."""
    out: list[str] = []
    texts = [("sub-indicator", r.sub_indicator), ("indicator", r.indicator)]
    texts += [("result", p) for p in _paragraphs(r.result)]
    for what, text in texts:
        if (unit := _glued_unit(text, units, sentence=what != "result")) is not None:
            out.append(f"row {r.row_no}: {what} ends in unit name {unit!r}")
        elif _ends_in_unit_list(text, units):
            out.append(f"row {r.row_no}: {what} ends in a list of unit names")
        if what != "indicator" and _opens_with_unit(text, units):
            out.append(f"row {r.row_no}: {what} opens with a unit name then a space")
        elif (unit := _unit_then_space(text, units)) is not None:
            out.append(f"row {r.row_no}: {what} holds unit name {unit!r} then a space")
        if what != "result" and TWO_CELLS.regex.search(text or ""):
            out.append(f"row {r.row_no}: {what} holds two cells' text on one printed line")
        elif what == "result" and CELL_THEN_ENTRY.regex.search(text or ""):
            out.append(f"row {r.row_no}: result holds another cell's text before a list entry")
        if what == "result" and _opens_with_unit_list(text, units):
            out.append(f"row {r.row_no}: result opens with a list of unit names")
        if what != "result" and _holds_unit_pair(text, units):
            out.append(f"row {r.row_no}: {what} holds a list of unit names")
        elif what != "result" and (unit := _glued_unit_listed(text, units)) is not None:
            out.append(f"row {r.row_no}: {what} holds unit name {unit!r} run on before a 、")
    for c in r.cells:
        lines = c.text.split("\n")
        if c.column in (Column.SUB, Column.RESULT) and len(lines) > 1:
            out.extend(
                f"row {r.row_no}: unit name {ln.strip()!r} printed as a line of its "
                f"{c.column.name.lower()}"
                for ln in lines
                if ln.strip() in units
            )
    for what, text in (("sub-indicator", r.sub_indicator), ("indicator", r.indicator)):
        if text and (BULLET.regex.search(text[1:]) or SUB_MARKER_INSIDE.regex.search(text)):
            out.append(f"row {r.row_no}: {what} holds a list marker inside {text[:20]!r}")
    if r.indicator and any(c in r.indicator for c in "，。；"):
        out.append(f"row {r.row_no}: indicator reads as a sentence {r.indicator[:20]!r}")
    sub = (r.sub_indicator or "").rstrip()
    if sub.endswith(("：", ":")):
        out.append(f"row {r.row_no}: sub-indicator ends with a colon {sub[-10:]!r}")
    if sub and not SENTENCE_END.regex.search(sub) and ends_like_name(sub):
        out.append(f"row {r.row_no}: sub-indicator ends like a unit name {sub[-8:]!r}")
    paras = _paragraphs(r.result)
    for prev, p in itertools.pairwise(paras):
        whole = opens_entry(p) or NOT_APPLICABLE.regex.match(p) is not None
        if not whole and not SENTENCE_END.regex.search(prev) and not ends_with_count(prev):
            out.append(f"row {r.row_no}: a paragraph cut in two before {p[:12]!r}")
    for what, text in (("sub-indicator", r.sub_indicator), ("result", r.result)):
        opened = [p for p in _paragraphs(text) if p.startswith(NEVER_OPENS)]
        out.extend(f"row {r.row_no}: {what} paragraph opens with {p[:8]!r}" for p in opened)
    return out


def _ends_in_unit_list(text: str | None, units: _Units) -> bool:
    """Given a cell's text, tell whether it ends in names listed with 、 of which the last
    is a unit of this document and the one before ends in one ("…建置綜合規劃組、人事室")."""
    parts = (text or "").rstrip().split("、")
    if len(parts) < 2 or parts[-1] not in units:
        return False
    return any(len(u) >= 2 for u in units.suffixes(parts[-2]))


def _unit_then_space(text: str | None, units: _Units) -> str | None:
    """Given a cell's text, return a unit of this document that stands inside it, after
    other text and before a space: the units cell printed on the line ("…處理各單位 已完成");
    of several, the first in sorted order."""
    t = (text or "").strip()
    before_spaces = {
        u for i, c in enumerate(t) if c == " " for u in units.suffixes(t[:i]) if len(u) >= 2
    }
    return min((u for u in before_spaces if t.find(u + " ") > 0), default=None)


def _holds_unit_pair(text: str | None, units: _Units) -> bool:
    """Given a sub-indicator or indicator, tell whether it lists two of this document's
    units with 、 ("…品質)，行政科、護理部、資訊小組於…"): a units cell run into it."""
    parts = (text or "").split("、")
    return any(
        parts[k + 1].strip() in units and any(len(u) >= 2 for u in units.suffixes(parts[k]))
        for k in range(len(parts) - 1)
    )


def _glued_unit_listed(text: str | None, units: _Units) -> str | None:
    """Given a sub-indicator or indicator, return a unit of this document it holds run onto
    its words and followed by 、 ("…確保於處理時兒童及少年福利與權益保障科、食品限內完成。"):
    a units list left open at a page's foot read into the sentence.  Only a name of four
    characters or more that is no 各… word counts: a criterion's sentence may list
    "各單位、" among its words."""
    parts = (text or "").split("、")
    for part in parts[:-1]:
        u = _glued_unit(part, units, sentence=True)
        if u is not None and len(u) >= 4 and not u.startswith("各"):
            return u
    return None


def _opens_with_unit_list(text: str | None, units: _Units) -> bool:
    """Given a result paragraph, tell whether it opens with names listed with 、, two or
    more of them units of this document: a units cell left open and run into the result
    ("服務台、地政服務所第二課、各單位、…、國際交流暨105 年度共計受理…", where 服務台 is
    in no other row's units).  A name is a part with no space or sentence punctuation."""
    parts = [p.strip() for p in (text or "").split("、")]
    listed = next(
        (
            k
            for k, p in enumerate(parts[:-1])
            if p not in units and not LISTED_NAME.regex.fullmatch(p)
        ),
        len(parts) - 1,
    )
    if sum(p in units for p in parts[:listed]) >= 2:
        return True
    # One unit of the document listed before text that starts no name: "兒童及少年福利與權益
    # 保障科、透過 LINE…" (the units cell cut at a page foot, its rest overleaf), where a
    # result naming units lists them ("秘書室、人事室共同辦理").
    first, rest = parts[0], "、".join(parts[1:])
    return len(parts) > 1 and first in units and not any(rest.startswith(n) for n in units.names)


def _opens_with_unit(text: str | None, units: _Units) -> bool:
    """Given a paragraph, tell whether it starts with a unit name (or a list of them) and a
    space: the units cell printed on the line the paragraph starts ("服務台 建置…")."""
    head, sep, _ = (text or "").strip().partition(" ")
    if not sep:
        return False
    return (
        head in units
        or _reads_as_unit(head)
        or _ends_like_unit(head)
        or _reads_as_units(head)
        or (all(p in units for p in head.split("、")) and bool(head))
    )


# A text shared on both sides of a piece another cell's text put inside it: long enough
# that two different sub-indicators do not share it by chance.
_MIN_SHARED = 12


def _inserted_piece(text: str | None, others: Iterable[str], units: _Units) -> str | None:
    """Given a sub-indicator's text, the document's sub-indicator texts and its units,
    return a unit name, or the head or tail of one of the document's, that the text holds
    where another of those texts, otherwise the same (`_MIN_SHARED` characters or more
    around it), holds nothing: another cell's line the reader put inside this one
    ("…處理流程及相關法計量課規之專業…" where another row prints "…相關法規之專業…": a
    dump tool printed a unit's line inside the sub-indicator's)."""
    if not text:
        return None
    # No piece longer than a name, spaces aside, can read as one: a cheap bound before
    # comparing texts.
    longest = max([_BARE_UNIT_CHARS, *units.lengths[:1]]) + sum(c.isspace() for c in text)
    for other in others:
        if not _MIN_SHARED <= len(other) < len(text) or len(text) - len(other) > longest:
            continue
        if (piece := _inside(text, other)) is None:
            continue
        if (
            units.ending_with(piece)
            or any(n.startswith(piece) for n in units.names)
            or _reads_as_unit(piece)
        ):
            return piece
    return None


def _inside(text: str, other: str) -> str | None:
    """Given two texts, return the piece the first holds that the second, otherwise the
    same, does not (anywhere, its head or tail shared); None when they differ otherwise."""
    if len(other) >= len(text):
        return None
    # The shared head and tail, parted where they would overlap ("…業務各辦事處處理…"
    # against "…業務處理…": the tail takes "處理…", the head stops before it).
    tail = _shared(text[::-1], other[::-1])
    head = min(_shared(text, other), len(other) - tail)
    return text[head : len(text) - tail] if head + tail == len(other) else None


# A unit holding another cell's text inside another unit's name: both names this long and
# the text this long at least (two units of a document differ so by a word at most: 資訊室,
# 資訊管理室).
_MIN_HELD_NAME, _MIN_HELD_TEXT = 6, 4


def _text_inside_unit(u: str, units: _Units) -> tuple[str, str] | None:
    """Given a unit and the document's units, return a unit of the document and the text
    `u` holds inside it, neither at its start nor at its end ("國際滿意度調查結果為交流暨
    觀光發展處": a result's line run into the name 國際交流暨觀光發展處 where a page break
    cut it; not 新北市政府國際交流暨觀光發展處, a longer name), or None."""
    for v in units.ordered:
        if len(v) < _MIN_HELD_NAME or len(u) - len(v) < _MIN_HELD_TEXT:
            continue
        if (piece := _inside(u, v)) is None:
            continue
        inside = not u.startswith(piece) and not u.endswith(piece)  # not a longer name's
        if len(piece) >= _MIN_HELD_TEXT and inside:
            return v, piece
    return None


def _text_inside_recurring(u: str, units: _Units) -> tuple[str, str] | None:
    """Given a unit and the document's units, return a name the document prints twice or
    more and the text `u` holds inside it, when `u` is printed once: the text, however
    short, is another cell's, run into the name where a wrap parted it ("國際交流暨觀人員
    光發展處": "人員" a sub-indicator's line end, pushed against the name's rest by a
    dump pitched narrower than its glyphs).  Two names of one document that differ by a
    word (資訊室, 資訊管理室) are each printed as often as their rows need, seldom once
    beside a name printed again and again."""
    if units.counts[u] != 1:
        return None
    for v in units.ordered:
        if units.counts[v] < 2 or len(v) < _MIN_HELD_NAME:
            continue
        piece = _inside(u, v)
        if piece and not u.startswith(piece) and not u.endswith(piece):
            return v, piece
    return None


def _cut_name_then_name(u: str, units: _Units) -> tuple[str, str] | None:
    """Given a unit and the document's units, return a name the document prints twice or
    more and another of its names, when `u`, printed once, is the first cut short and the
    second run on after it ("國際交流暨觀光發展化工產品課": a wrapped name's last glyph
    printed elsewhere, the next unit joined to it), else None."""
    if units.counts[u] != 1:
        return None
    for k in range(2, len(u) - 1):
        head, tail = u[:k], u[k:]
        if units.counts[tail] < 1 or len(tail) < 2:
            continue
        for v in units.ordered:
            if units.counts[v] >= 2 and len(v) > len(head) and v.startswith(head) and v != u:
                return v, tail
    return None


def _shared(a: str, b: str) -> int:
    """Given two texts, return how many characters they share from the start."""
    return next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


# Characters a numbered result paragraph shares with the start of another row's
# sub-indicator (all of it, when shorter) for the two to be one text: results may open
# with a sub-indicator's words ("設置 QR code 行動條碼，方便民眾" starts both a result
# and a sub-indicator of the form family), never go on with them this far.
SUB_ECHO_CHARS = 24


def _sub_in_result(r: Row, subs: Sequence[str]) -> str | None:
    """Given a row and the document's sub-indicators, return the start of a result
    paragraph that opens with a sub-indicator's marker and goes on as another row's
    sub-indicator (`SUB_ECHO_CHARS`): the next row read into this row's result as one of
    its list's entries ("(3)完成檢驗…" then "(4) 強化機關(單位)服務人員…")."""
    for p in _paragraphs(r.result):
        m = SUB_NO.regex.match(p)
        rest = (m.group("text") or "") if m else ""
        for sub in subs:
            n = min(len(sub), SUB_ECHO_CHARS)
            if sub != r.sub_indicator and len(rest) >= n and rest[:n] == sub[:n]:
                return p[:n]
    return None


# A sub-indicator this long or longer found whole inside a longer one is another row's.
MIN_SUB_INSIDE_CHARS = 12


def _holds_other_sub(text: str | None, subs: Sequence[str]) -> str | None:
    """Given a row's sub-indicator and the document's, return another one (twelve
    characters or more) that stands whole inside it with as much again beside it: two rows'
    sub-indicators read as one ("定期辦理教育訓練，提升同仁服務知能" + "適時運用多元管道…
    契機。", two rows a dump tool printed with no blank line between).  A sub-indicator a few
    characters longer than another is the same one read otherwise (a scan's OCR dropping
    its "。" in one row: generated form 5's scan); `_inserted_piece` weighs such pieces."""
    t = text or ""
    for sub in subs:
        if MIN_SUB_INSIDE_CHARS <= len(sub) <= len(t) - MIN_SUB_INSIDE_CHARS and sub in t:
            return sub
    return None


def check_merged_rows(doc: Document) -> list[Check]:
    """No cell holds another cell's text: a result or sub-indicator holding a row, a unit
    name or a list of them, or another row's indicator (a sub-indicator that is one whole);
    a unit cut in two; an item's lines inside a row."""
    units = _Units(u for r in doc.rows for u in r.units)
    indicators = frozenset(match_key(r.indicator) for r in doc.rows if r.indicator)
    # Sorted once: the findings name the first match, alike on every run.
    subs = sorted({r.sub_indicator for r in doc.rows if r.sub_indicator})
    found: list[str] = []
    for r in doc.rows:
        found.extend(_units_findings(r, units))
        found.extend(_result_findings(r, units, indicators))
        found.extend(_glue_findings(r, units))
        if (piece := _inserted_piece(r.sub_indicator, subs, units)) is not None:
            found.append(
                f"row {r.row_no}: sub-indicator holds {piece!r}, printed elsewhere without it"
            )
        if (whole := _holds_other_sub(r.sub_indicator, subs)) is not None:
            found.append(f"row {r.row_no}: sub-indicator holds another row's {whole[:20]!r}")
        if (echo := _sub_in_result(r, subs)) is not None:
            found.append(
                f"row {r.row_no}: result paragraph {echo!r} is another row's sub-indicator"
            )
        if _another_indicator(r.sub_indicator or "", r, indicators):
            # The row's indicator read as its sub-indicator, the sub-indicator as the result.
            sub = match_key(r.sub_indicator or "")
            found.append(f"row {r.row_no}: sub-indicator {sub[:20]!r} is an indicator elsewhere")
    found.extend(
        f"構面{it.dimension_no} item {it.item_no}: the name {it.name!r} is a unit name"
        for it in doc.items
        if it.name in units
    )
    found.extend(
        f"構面{it.dimension_no} item {it.item_no}: the name {it.name!r} holds an indicator's heading"
        for it in doc.items
        if HEADING_INSIDE.regex.search(it.name or "")
    )
    msg = "possible merged rows: " + "; ".join(found) if found else "no result holds a row"
    return [Check("merged_rows", "error", msg, not found)]


def check_items_complete(doc: Document) -> list[Check]:
    """Every item has a name, its max points where the form prints them, and rows, and opens
    with its first indicator when it has any; every indicator has sub-indicator text; no
    name, indicator or sub-indicator is a single character (the rest of a word a wrap cut)."""
    bad: list[str] = []
    # Where the form prints items' points, every item has them: one without lost its
    # "(N分)" to another cell (an indicator run into the item's name).
    pointed = any(it.max_points is not None for it in doc.items)
    for it in doc.items:
        rows = [r for r in doc.rows if (r.dimension_no, r.item_no) == (it.dimension_no, it.item_no)]
        if pointed and it.max_points is None:
            bad.append(f"構面{it.dimension_no} item {it.item_no} {it.name}: no max points read")
        if not it.name:
            bad.append(f"構面{it.dimension_no} item {it.item_no}: no name")
        elif len(it.name) < 2:
            bad.append(f"構面{it.dimension_no} item {it.item_no}: name {it.name!r} cut short")
        if not rows:
            bad.append(f"構面{it.dimension_no} item {it.item_no} {it.name}: no rows")
        # An item with indicators opens with one: rows before its first indicator mean the
        # item's name was an indicator (and its own name went into the next indicator).
        first = next((k for k, r in enumerate(rows) if r.indicator), None)
        if first:
            bad.append(
                f"構面{it.dimension_no} item {it.item_no} {it.name}: {first} row(s) before "
                f"its first indicator {(rows[first].indicator or '')[:12]!r}"
            )
    for r in doc.rows:
        if r.indicator and not r.sub_indicator:
            bad.append(f"row {r.row_no}: indicator {r.indicator[:12]!r} without sub-indicator text")
        for what, text in (("indicator", r.indicator), ("sub-indicator", r.sub_indicator)):
            marker = SUB_NO.regex.match(text or "") or INDICATOR_NO.regex.match(text or "")
            if text and (marker is not None and not marker.group("text")):
                bad.append(f"row {r.row_no}: {what} {text!r} is only a marker")
            elif text and len("".join(text.split())) < 2:
                bad.append(f"row {r.row_no}: {what} {text!r} cut short")
    msg = (
        "; ".join(bad) if bad else "every item has a name and rows, every indicator a sub-indicator"
    )
    return [Check("items_complete", "error", msg, not bad)]


def check_accounting(stream: PageStream | None) -> list[Check]:
    """Every non-space character of a text source is in a cell or in recorded furniture."""
    if stream is None or stream.source_chars is None:
        return []
    kept = sum(
        visible_chars(t.text)
        if isinstance(t, Furniture)
        else sum(visible_chars(ln) for ln in t.lines)
        for t in stream.tokens
    )
    ok = kept == stream.source_chars
    msg = (
        f"all {kept} characters of the source accounted for"
        if ok
        else f"{stream.source_chars - kept} of {stream.source_chars} characters of the source "
        "are in no cell and no furniture"
    )
    return [Check("characters_accounted", "error", msg, ok)]


def check_latin_wraps(doc: Document) -> list[Check]:
    """A wrap between two Latin letters may be a space or a word broken mid-word (engines
    that break Latin words inside CJK text print both alike); the words standing whole
    elsewhere in the document decide it (`normalise.text.latin_wrap`).  Once the document
    shows its engine breaking words (one wrap decided so), a wrap nothing decides was read
    as a space on a guess, and is flagged."""
    cells = [(r.row_no, c.text.split("\n")) for r in doc.rows for c in r.cells]
    words = latin_vocabulary(lines for _, lines in cells)
    broke = False
    open_: list[str] = []
    for row_no, lines in cells:
        for a, b in itertools.pairwise(lines):
            tail, head = LATIN_TAIL.regex.search(a), LATIN_HEAD.regex.match(b)
            if tail is None or head is None:
                continue
            decided = latin_wrap(a, b, words)
            broke = broke or decided is True
            if decided is None:
                open_.append(f"row {row_no}: {tail.group('word')} / {head.group('word')}")
    bad = open_ if broke else []
    msg = (
        "Latin words broken mid-word in this document, and wraps that may be such breaks "
        "(read with a space): " + "; ".join(dict.fromkeys(bad))
        if bad
        else "every Latin word wrap read as the document tells"
    )
    return [Check("latin_wraps", "error", msg, not bad)]


def check_number_columns(doc: Document) -> list[Check]:
    """A column beyond the five whose cells are numbers in most rows, three at least (a
    self-assessed score's: "18", "7.5"), holds no text after a number: a cell that opens
    with one and goes on ("18三、730批，平均…") holds another column's text read into it."""
    cells: dict[str, list[tuple[int, str]]] = {}
    for row in doc.rows:
        for label, text in row.extra:
            if text.strip():
                cells.setdefault(label, []).append((row.row_no, text.strip()))
    bad = []
    for label, texts in cells.items():
        numbers = sum(NUMBER_CELL.fullmatch(t) is not None for _, t in texts)
        if numbers >= 3 and 2 * numbers > len(texts):
            bad += [
                f"{label} row {n}: {t[:24]!r}"
                for n, t in texts
                if NUMBER_CELL.match(t) and not NUMBER_CELL.fullmatch(t)
            ]
    msg = (
        "a column of numbers holds text after a number (another column's text read into "
        "it): " + "; ".join(bad[:5]) + (f" … and {len(bad) - 5} more" if len(bad) > 5 else "")
        if bad
        else "every column of numbers holds numbers"
    )
    return [Check("number_columns", "error", msg, not bad)]


CHECKS: tuple[Callable[[Document], list[Check]], ...] = (
    check_dimension_numbers,
    check_subtotals,
    check_scores_within_max,
    check_max_points,
    check_rows_have_text,
    check_title_read,
    check_dimension_headings,
    check_units_known,
    check_numbering,
    check_merged_rows,
    check_items_complete,
    check_latin_wraps,
    check_number_columns,
)


def validate(
    doc: Document, units: Sequence[RowUnit] = (), stream: PageStream | None = None
) -> tuple[Check, ...]:
    """Given a Document (its enriched units, its token stream), return every check's findings."""
    return (
        tuple(c for fn in CHECKS for c in fn(doc))
        + tuple(unit_mapping_checks(units))
        + tuple(check_accounting(stream))
    )
