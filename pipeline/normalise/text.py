"""Wrap-joining, whitespace and width rules shared by every input kind.

Stored text stays verbatim except for removed hard wraps; the comparable forms
(`norm_key`) live beside it and are used only for joins and search.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache

import regex

from pipeline.normalise.patterns import (
    ITEM_POINTS_IN,
    ITEM_SCORE,
    ITEM_SCORE_IN,
    LATIN_HEAD,
    LATIN_TAIL,
    LATIN_WORD,
    NUMBER,
    URL_GOES_ON,
    URL_TAIL,
)

_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")


# How far a wrapped line may fall short of its column for reasons a layout does not show
# (kinsoku: a closing mark pulled a character to the next line): one wide character.
WRAP_SLACK_COLUMNS = 2


def char_width(ch: str) -> int:
    """Given one character, return its display width: 2 for wide/full-width (CJK), else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Widths(dict[str, int]):
    """Each character's `char_width`, looked up once (readers measure every line often)."""

    def __missing__(self, ch: str) -> int:
        w = self[ch] = char_width(ch)
        return w


_WIDTHS = _Widths()


def visible_chars(text: str | None) -> int:
    """Given text, return how many of its characters are not whitespace: what a source and
    a reading of it are compared by (`characters_accounted`)."""
    return sum(1 for c in text or "" if not c.isspace())


@lru_cache(maxsize=1 << 16)
def display_width(text: str) -> int:
    """Given a line, return its width in terminal columns (CJK counts 2), ignoring trailing space.

    Cached: the text reader measures each line of a dump many times."""
    t = text.rstrip()
    return len(t) if t.isascii() else sum(map(_WIDTHS.__getitem__, t))


_IDEOGRAPH = regex.compile(r"\p{Han}")
# A document spaces a kind of character from ideographs ("計 214 件", "介接 API 查驗") where
# its lines show them a space apart this often, and touching at most this share as often.
SPACED_MIN = 5
TOUCHING_SHARE = 0.1
# Per kind: the places an ideograph and such a character stand one space apart, or touch.
_KIND_CLASS = {"digit": "[0-9]", "latin": "[A-Za-z]"}
_SPACED = {
    kind: regex.compile(rf"(?<=\p{{Han}}) (?={c})|(?<={c}) (?=\p{{Han}})")
    for kind, c in _KIND_CLASS.items()
}
_TOUCHING = {
    kind: regex.compile(rf"(?<=\p{{Han}})(?={c})|(?<={c})(?=\p{{Han}})")
    for kind, c in _KIND_CLASS.items()
}


def spaced_kind(ch: str) -> str | None:
    """Given a character, return "digit" or "latin" for an ASCII digit or letter, else None."""
    if ch.isascii() and ch.isdigit():
        return "digit"
    return "latin" if ch.isascii() and ch.isalpha() else None


def spaced_kinds(
    texts: Iterable[str], least: int = SPACED_MIN, share: float = TOUCHING_SHARE
) -> frozenset[str]:
    """Given a document's printed lines, return what it prints a space between and an
    ideograph as a habit: "digit" ("計 214 件", "106 年"), "latin" ("介接 API 查驗"), each
    shown so at least `least` times and touching ("214件") at most `share` as often.  A
    document printing them both ways has no such habit.  (Counted by `_SPACED` and
    `_TOUCHING` over the lines at once: the PDF path asks it of every document.)"""
    return habitual_kinds(kind_counts(texts), least, share)


def kind_counts(texts: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Given printed lines, return per kind ("digit", "latin") how often an ideograph stands
    one space apart from such a character beside it ("106 年", "介接 API 查驗"), and how
    often the two touch ("214件")."""
    joined = "\n".join(texts)
    return {
        kind: (len(_SPACED[kind].findall(joined)), len(_TOUCHING[kind].findall(joined)))
        for kind in _KIND_CLASS
    }


def habitual_kinds(
    counts: Mapping[str, tuple[int, int]], least: int = SPACED_MIN, share: float = TOUCHING_SHARE
) -> frozenset[str]:
    """Given the counts of `kind_counts`, return the kinds spaced as a habit (`spaced_kinds`)."""
    return frozenset(
        kind
        for kind, (spaced, touching) in counts.items()
        if spaced >= least and touching <= share * spaced
    )


def spacing_counts(counts: Mapping[str, tuple[int, int]]) -> tuple[int, int]:
    """Given the counts of `kind_counts`, return them summed over the kinds: how often an
    ideograph stands a space apart from an ASCII digit or letter, and how often they touch."""
    return sum(sp for sp, _ in counts.values()), sum(to for _, to in counts.values())


def spaced_pair(tail: str, head: str, kinds: Collection[str]) -> bool:
    """Given the character ending a line, the one opening the next and what the document
    spaces from ideographs (`spaced_kinds`), tell whether a space stood between them by
    its habit: one is an ideograph, the other of a spaced kind."""
    if bool(_IDEOGRAPH.match(tail)) == bool(_IDEOGRAPH.match(head)):
        return False
    kind = spaced_kind(head) if _IDEOGRAPH.match(tail) else spaced_kind(tail)
    return kind is not None and kind in kinds


def wrap_separator(left: str, right: str) -> str:
    """Given the text before and after a hard wrap, return what replaces the line break.

    Latin words split by a wrap keep one space ("QR" + "code"); anything
    touching CJK, and a number broken mid-way ("50," + "927"), join with nothing.
    """
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a in _ASCII_WORD and (b in _ASCII_WORD or b in _DIGITS):
        return " "
    if a in _DIGITS and b in _ASCII_WORD:
        return " "
    return ""


def join_wrapped(lines: Iterable[str]) -> str:
    """Given the printed lines of one paragraph, return it as one line with the wraps removed.

    A line that ends in whitespace had a space printed at its end: that space is
    text and stays (one); otherwise `wrap_separator` decides.
    """
    out = ""
    spaced = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out:
            out += (" " if spaced else wrap_separator(out, line)) + line
        else:
            out = line
        spaced = raw != raw.rstrip()
    return out


def score_lines_joined(lines: Sequence[str]) -> list[str]:
    """Given an item cell's lines, return them with a score line that wrapped inside its
    number or before its unit joined to its rest ("得分：208" / "分", "得分：47." / "5 分"):
    a unit left alone on a line would otherwise end the item's name."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].lstrip().startswith("得"):
            joined = join_wrapped([out[-1], line])
            m = ITEM_SCORE.regex.match(joined)
            if m is not None and m.group("score") is not None:
                out[-1] = joined
                continue
        out.append(line)
    return out


def inner_latin_words(line: str) -> list[str]:
    """Given a printed line, return its Latin words that no wrap can have cut (not at its ends).

    >>> inner_latin_words("透過 LINE 官方帳號及 Fac")
    ['LINE']
    """
    end = len(line.rstrip())
    return [m.group(0) for m in LATIN_WORD.regex.finditer(line) if 0 < m.start() and m.end() < end]


def latin_vocabulary(cells: Iterable[Sequence[str]]) -> set[str]:
    """Given every cell's printed lines, return the Latin words the document shows whole: those
    standing inside a line, those ending a line (not starting it) over a line that opens
    with no Latin letter ("透過 LINE" / "官方帳號": nothing of it went on), and those a wrap
    split at two or more different places ("Fac" / "ebook" and "Face" / "book": one word,
    wherever a line ended in it).

    >>> sorted(latin_vocabulary([["及 Fac", "ebook 粉絲"], ["及 Face", "book 粉絲"], ["QR code 行"]]))
    ['Facebook', 'code']
    >>> sorted(latin_vocabulary([["透過 LINE", "官方帳號"], ["LINE", "官方"], ["及 Fac", "ebook"]]))
    ['LINE']
    """
    words: set[str] = set()
    splits: dict[str, set[int]] = {}
    for lines in cells:
        for line in lines:
            words.update(inner_latin_words(line))
        for a, b in itertools.pairwise(lines):
            tail, head = LATIN_TAIL.regex.search(a), LATIN_HEAD.regex.match(b)
            end = LATIN_TAIL.regex.search(a.rstrip())
            if end is not None and head is None and end.start("word") > 0 and b.strip():
                words.add(end.group("word"))
            if tail is not None and head is not None:
                left = tail.group("word")
                splits.setdefault(left + head.group("word"), set()).add(len(left))
    return words | {w for w, at in splits.items() if len(at) > 1}


def latin_wrap(upper: str, lower: str, words: Collection[str]) -> bool | None:
    """Given two consecutive printed lines of a cell and the Latin words standing whole in the
    document's lines, tell whether the wrap between them broke one Latin word.

    Some engines break a Latin word inside CJK text mid-word ("Fac" / "ebook"), and the
    lines print as two words wrapped at a space would.  The joined word standing whole
    elsewhere ("Facebook") says broken (True); both halves standing whole and the joined
    word not ("call", "center") says a space (False); None when the wrap is not between
    two Latin letters (a space glyph printed at the line's end included) or nothing tells.
    A URL holds no space: a line ending inside one ("https://www.exam") above its rest
    ("ple.gov.tw/service") broke it (True).
    """
    tail, head = LATIN_TAIL.regex.search(upper), LATIN_HEAD.regex.match(lower)
    if tail is None or head is None:
        return None
    if URL_TAIL.regex.search(upper) and URL_GOES_ON.regex.match(lower):
        return True
    left, right = tail.group("word"), head.group("word")
    halves = left in words and right in words
    if left + right in words and not halves:
        return True
    if halves and left + right not in words:
        return False
    return None


def mend_broken_words(lines: Iterable[str], words: Collection[str]) -> list[str]:
    """Given a cell's printed lines, return them with a Latin word a wrap broke mid-word
    (see `latin_wrap`) put back on one line, so `join_wrapped` adds no space into it."""
    out: list[str] = []
    for line in lines:
        if out and latin_wrap(out[-1], line, words):
            out[-1] += line
        else:
            out.append(line)
    return out


def join_paragraphs(paragraphs: Iterable[str]) -> str | None:
    """Given paragraphs of one cell, return them joined by newlines, or None when all are empty."""
    kept = [p for p in paragraphs if p.strip()]
    return "\n".join(kept) if kept else None


def fold_width(text: str) -> str:
    """Given text, return it with full-width ASCII letters, digits and spaces folded to half-width.

    CJK punctuation (，。「」、) is left alone, unlike a blanket NFKC.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1 << 14)
def match_key(text: str) -> str:
    """Given text, return an NFKC-folded copy for pattern matching only (never store it).

    Cached: readers fold the same lines again and again."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1)
def _opencc() -> object:
    import opencc

    return opencc.OpenCC("t2tw")


def norm_key(text: str | None) -> str | None:
    """Given text, return its comparable form: width-folded, variants folded (台→臺), no whitespace.

    OpenCC's t2tw profile maps traditional variants onto Taiwan's standard forms, so
    台灣 and 臺灣 compare equal across documents.
    """
    if text is None:
        return None
    folded = fold_width(text)
    converter = _opencc()
    folded = converter.convert(folded)  # type: ignore[attr-defined]
    folded = folded.replace("台", "臺")
    return "".join(folded.split())


def edit_distance(a: str, b: str) -> int:
    """Given two strings, return their Levenshtein distance (insertions, deletions, substitutions)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# Edits per character by which OCR's reading of text printed again (a merged cell on
# every row, a running title) may differ and still be that text: a misread glyph or two
# (its character error rate is ~0.3-3 %), one in a name of 5 to 9 characters.
OCR_NEAR_RATIO = 0.2


def near_repeat(key: str, current: str, ratio: float) -> bool:
    """Given a merged cell's text and the open text (compact keys; or a running title and
    the form's) and the edits per character allowed (`OCR_NEAR_RATIO` on OCR'd pages),
    return True when it is that text printed again though not read identically.

    Both are compared after folding variants (norm_key).  Their numbers ("(150分)",
    "得分：131.5", "1.") must be the same, so a score is never taken for another — but
    for an item's "(N分)" that one of them lacks (OCR misses its grey line now and then:
    "服務友善性 / 得分：19" under copies reading "服務友善性 / (20分) / 得分：19"); the
    edits are counted over the rest, the names, whose length sets how many are allowed
    (one in a name of 5 to 9 characters at 0.15-0.2).
    """
    if ratio <= 0 or key == current:
        return False
    a, b = norm_key(key) or "", norm_key(current) or ""
    if _numbers(a) != _numbers(b):
        has = [ITEM_POINTS_IN.regex.search(t) is not None for t in (a, b)]
        rest = [_numbers(str(ITEM_POINTS_IN.regex.sub("", t))) for t in (a, b)]
        if has[0] == has[1] or rest[0] != rest[1]:
            return False
    name_a, name_b = _name_part(a), _name_part(b)
    return edit_distance(name_a, name_b) <= int(ratio * max(len(name_a), len(name_b)))


def _numbers(text: str) -> list[str]:
    """Given a folded key, return the numbers in it, in order."""
    return [m.group(0) for m in NUMBER.regex.finditer(text)]


def _name_part(text: str) -> str:
    """Given a folded merged-cell key, return it without its numbers, (N分) and 得分：N."""
    text = str(ITEM_SCORE_IN.regex.sub("", ITEM_POINTS_IN.regex.sub("", text)))
    return str(NUMBER.regex.sub("", text))
