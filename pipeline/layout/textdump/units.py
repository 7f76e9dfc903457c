"""Units: what a unit line and a unit name look like, the document's own unit
vocabulary (names printed alone at least twice), and unit names split off the line
they share with another cell."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

import regex

from pipeline.layout.textdump.blocks import Block, FurnitureLine, Line, Widths
from pipeline.layout.textdump.settings import SETTINGS
from pipeline.normalise.patterns import (
    INDICATOR_NO,
    NOT_APPLICABLE,
    SUB_NO,
    UNIT_NAME_ENDS,
    UNIT_NOTE,
    UNIT_SUFFIX,
    ends_like_name,
)
from pipeline.normalise.text import WRAP_SLACK_COLUMNS, display_width, join_wrapped

_UNIT_LINE = regex.compile(rf"^[\p{{Han}}A-Za-z0-9()（）、\s]{{1,{SETTINGS.max_unit_chars}}}$")


_UNIT_NAME = regex.compile(r"^(?=.*\p{Han})[\p{Han}A-Za-z0-9()（）]{2,15}$")


_CJK_PUNCT = regex.compile(r"[，。、；：！？「」『』]")


@functools.lru_cache(maxsize=1 << 14)
def is_unit_line(text: str) -> bool:
    """Given one printed line, return whether it can be (part of) a unit name (cached: the
    reader asks of each line again as it weighs each reading)."""
    t = text.strip()
    if not t or t.isdigit() or NOT_APPLICABLE.regex.match(t):
        return False
    if _CJK_PUNCT.search(t.replace("、", "")):
        return False
    if SUB_NO.regex.match(t) or INDICATOR_NO.regex.match(t):
        return False
    return bool(_UNIT_LINE.match(t))


@functools.lru_cache(maxsize=1 << 14)
def is_unit_name(text: str) -> bool:
    """Given a string, return whether it reads as one whole unit name (各單位, 報驗發證課)."""
    t = text.strip()
    if not _UNIT_NAME.match(t):
        return False
    marker = SUB_NO.regex.match(t)
    if marker is not None and not marker.group("text"):
        return False  # (三): a sub-indicator's marker, not a qualifier like (各單位)
    note = UNIT_NOTE.regex.match(t)
    if note is not None and note.group("name"):
        t = note.group("name")  # 衛生所(各區): the name before its qualifier
    core = t.strip("()（）")
    return bool(UNIT_SUFFIX.regex.search(core)) or (
        t.startswith(("(", "（")) and t.endswith((")", "）"))
    )


def unit_vocabulary(items: Iterable[Block | FurnitureLine]) -> frozenset[str]:
    """Given a document's blocks, return the unit names printed as a whole one-line
    paragraph at least twice: the document's own unit vocabulary.

    Only names that end like a unit name count: a one-line indicator heading used twice
    ("強化志工服務", "促進服務流程整合") recurs as whole lines too.
    """
    counts = Counter(
        b.first
        for b in items
        if isinstance(b, Block)
        and len(b.lines) == 1
        and b.lines[0].closes
        and is_unit_line(b.first)
        and "、" not in b.first
        and ends_like_unit(b.first)
    )
    return frozenset(name for name, n in counts.items() if n >= 2)


def ends_like_unit_tail(text: str) -> bool:
    """Given a paragraph's text, tell whether it ends as a unit name does, whatever comes
    before: the tail of a name wrapped at a page break ("組", "理中心") does."""
    t = text.strip()
    return ends_like_name(t) and not t.endswith((")", "）"))


def ends_like_unit(text: str) -> bool:
    """Given a paragraph's text, tell whether it reads as a unit name by its own shape."""
    return is_unit_name(text) or (bool(_UNIT_NAME.match(text)) and text.endswith(_NAME_ENDS))


def _unit_lines(block: Block, vocab: frozenset[str]) -> list[Line]:
    """Given a units paragraph, return one line per unit.

    A paragraph is one unit whose name wrapped ("地政服務所" / "第二課"), unless the
    document's own vocabulary shows its lines are units of their own: "化工產品課" /
    "計量課" in one paragraph are two units when each stands alone elsewhere.
    Names listed on one line ("秘書室、人事室") are joined and split on 、 later.
    """
    out: list[str] = []
    for text in block.texts:
        prev = out[-1] if out else None
        if prev is not None and not _separate_units(prev, text, vocab):
            out[-1] = join_wrapped([prev, text])
        else:
            out.append(text)
    closes = block.lines[-1].closes  # a name still open at a page's foot stays open
    return [
        Line(text=t, page=block.page, closes=closes or k < len(out) - 1) for k, t in enumerate(out)
    ]


def _separate_units(prev: str, text: str, vocab: frozenset[str]) -> bool:
    """Given two lines of one units paragraph, tell whether they are two units: both are
    names this document prints alone, or both end like a unit name and the second is
    not an ordinal part of the first ("地政服務所" / "第二課")."""
    if prev in vocab and text in vocab:
        return True
    return (
        is_unit_name(prev)
        and is_unit_name(text)
        and not text.startswith("第")
        and not text.startswith(("(", "（"))
    )


def is_unit_block(block: Block, widths: Widths) -> bool:
    """Given a paragraph and the document's widths, tell whether it fits the units column
    and each line can be a unit name's: no wider than the narrow columns' limit, or than
    the units' own wraps show their column to be (`Widths.units_wrap`; a units column wider
    than the indicators': "民政課、疾病管制" / "科" at 16 columns, the narrow limit 12.5)."""
    fits = block.width <= widths.narrow_limit + WRAP_SLACK_COLUMNS or (
        widths.units_wrap is not None and block.width < widths.units_wrap
    )
    return fits and all(is_unit_line(t) for t in block.texts)


# How unit names without a unit suffix end (服務台, 1999市民熱線); not a closing parenthesis,
# which ends an item's name with its points too (數位服務推動(10分)).
_NAME_ENDS = tuple(e for e in UNIT_NAME_ENDS if e not in ")）")


def names_units(block: Block, vocab: frozenset[str], *, cut: bool = False) -> bool:
    """Given a narrow paragraph of Han lines, tell whether its text names units: every name
    (one per line, wrapped, or listed with 、) reads as a unit name, ends like one (服務台,
    1999市民熱線) or is one this document prints alone.  A heading wrapped in a narrow
    column ("檢討既有服務措" / "施") does not, nor the tail of a number ("904件").
    `cut`: the paragraph is left open at a page's foot, its last name goes on after the
    break and is left out ("…服務台、兒童及" / "少年福利與")."""
    names = [n.strip() for ln in _unit_lines(block, vocab) for n in ln.text.split("、")]
    names = [n for n in names if n]
    if cut and not block.lines[-1].closes:
        names = names[:-1]
    return bool(names) and all(
        is_unit_name(n) or n.endswith(_NAME_ENDS) or n in vocab for n in names
    )


def _split_first_line(block: Block, at: int) -> tuple[Block, Block]:
    """Given a block and a character offset in its first line, return the two blocks."""
    head = block.lines[0]
    text = head.text
    left = Line(text=text[:at].rstrip(), page=head.page, closes=True)
    right = Line(text=text[at:].lstrip(), page=head.page, closes=head.closes)
    rest = (right, *block.lines[1:])
    return Block(lines=(left,)), Block(lines=rest, empty_after=block.empty_after)


def _split_last_line(block: Block, at: int) -> tuple[Block, Block]:
    tail = block.lines[-1]
    text = tail.text
    left = Line(text=text[:at].rstrip(), page=tail.page, closes=True)
    right = Line(text=text[at:].lstrip(), page=tail.page, closes=tail.closes)
    return Block(lines=(*block.lines[:-1], left)), Block(
        lines=(right,), empty_after=block.empty_after
    )


def _first_space_split(text: str) -> int | None:
    """Given a line, return the offset of its first interior space run, or None."""
    s = text.strip()
    lead = len(text) - len(text.lstrip())
    m = _SPACE_RUN.search(s)
    if not m:
        return None
    return lead + int(m.start())


_SPACE_RUN = regex.compile(r"\s+")


def split_leading_unit(
    block: Block, vocab: frozenset[str] = frozenset()
) -> tuple[Block, Block] | None:
    """Given a block whose first line may start with a unit name (by its shape, "1999市民熱
    線" too, or one the document prints alone: "服務台"), return (units, rest)."""
    at = _first_space_split(block.lines[0].text)
    if at is None:
        return None
    head = block.lines[0].text[:at].strip()
    tail = block.lines[0].text[at:].strip()
    names = [n for n in head.split("、") if n]  # "企劃科、IT組 • 本項業務…"
    if not tail or not names or not all(ends_like_unit(n) or n in vocab for n in names):
        return None
    return _split_first_line(block, at)


def split_not_applicable(block: Block) -> tuple[Block, Block] | None:
    """Given a units paragraph whose first line ends, after a space, in a result such as
    不適用 or 無 printed beside it ("各單位 無", "1999市民熱線 無"), return (units, that
    result)."""
    first = block.lines[0]
    parts = first.text.strip().rsplit(None, 1)
    if len(parts) != 2 or not NOT_APPLICABLE.regex.match(parts[1]):
        return None
    names = parts[0].split("、")  # "各單位 無", "1999市民熱線 無", "政風室、人事室 不適用"
    if not all(ends_like_unit(n) for n in names):
        return None
    units = Block(lines=(replace(first, text=parts[0]), *block.lines[1:]))
    result = Block(lines=(Line(text=parts[1], page=first.page, closes=True),))
    return units, replace(result, empty_after=block.empty_after)


def split_leading_indicator(block: Block, widths: Widths) -> tuple[Block, Block] | None:
    """Given a block whose first line may start with a short numbered indicator, split it."""
    at = _first_space_split(block.lines[0].text)
    if at is None:
        return None
    head = block.lines[0].text[:at].strip()
    tail = block.lines[0].text[at:].strip()
    m = INDICATOR_NO.regex.match(head)
    if not m or not tail or display_width(head) > widths.narrow_limit:
        return None
    if _CJK_PUNCT.search(head):
        return None
    # The remainder must be what made the line overfull: the start of a wide cell.
    if display_width(block.lines[0].text.strip()) <= widths.wide + 2:
        return None
    return _split_first_line(block, at)


_TRAILING_UNIT = regex.compile(r"^(?P<body>.*[。；.])\s+(?P<unit>\S+)$")


def split_trailing_unit(block: Block) -> tuple[Block, Block] | None:
    """Given a sub-indicator block whose last line ends "…。 人事室", split off the unit."""
    text = block.lines[-1].text.rstrip()
    m = _TRAILING_UNIT.search(text)
    if not m or not is_unit_name(m.group("unit")):
        return None
    return _split_last_line(block, m.start("unit"))
