"""Chars → lines: fake-bold overprints dropped, spaces only where printed, lines by centre."""

from __future__ import annotations

import functools
import itertools
import math
import operator
import unicodedata
from collections.abc import Iterable, Sequence

from pipeline.layout.grid.settings import (
    DEFAULT_BODY_SIZE,
    DEFAULT_DEDUPE_FLOOR_RATIO,
    DEFAULT_DEDUPE_RATIO,
    DEFAULT_EVEN_GAP_RATIO,
    DEFAULT_GRID_SETTINGS,
    GridSettings,
)
from pipeline.layout.primitives import Char, TextLine
from pipeline.models import FurnitureKind
from pipeline.normalise.patterns import (
    CATEGORY,
    DIMENSION,
    SUBTOTAL,
    TITLE,
)

_X0, _X1 = operator.attrgetter("x0"), operator.attrgetter("x1")
_TOP, _BOTTOM = operator.attrgetter("top"), operator.attrgetter("bottom")
_SIZE = operator.attrgetter("size")


def is_cid_garbage(text: str) -> bool:
    """Given a char's text, return True for pdfminer's "(cid:N)" placeholder of an unmapped glyph."""
    return text.startswith("(cid:")


def dedupe_chars(
    chars: Iterable[Char],
    ratio: float = DEFAULT_DEDUPE_RATIO,
    floor: float = DEFAULT_DEDUPE_FLOOR_RATIO * DEFAULT_BODY_SIZE,
) -> tuple[Char, ...]:
    """Given chars in drawing order, return them without fake-bold overprints.

    Some producers draw every glyph two to four times, shifted by a fraction of
    a point; a char with the same text as a kept one within `ratio` × size (at least
    `floor`, for glyphs whose size is tiny or 0) is dropped.
    Kept chars are filed by text and by `_BUCKET`-point band of `top`, so a char is
    compared with the kept copies of its glyph in the bands its tolerance reaches,
    not with every copy of a common glyph (的, 、) on the page.
    """
    kept: list[Char] = []
    seen: dict[str, dict[int, list[Char]]] = {}  # kept chars by text, then by band
    for c in chars:
        tol = ratio * c.size
        if tol < floor:
            tol = floor
        top = c.top
        bands = seen.get(c.text)
        if bands is None:  # the first of its glyph: nothing to overprint
            seen[c.text] = {math.floor(top / _BUCKET): [c]}
        elif _overprints(bands, c.x0, top, tol):
            continue
        else:
            bands.setdefault(math.floor(top / _BUCKET), []).append(c)
        kept.append(c)
    return tuple(kept)


def _overprints(bands: dict[int, list[Char]], x0: float, top: float, tol: float) -> bool:
    """Given the kept chars of one glyph by band and a char of it, return True when a kept
    one is within `tol`."""
    # one band more each side: float rounding at a band's edge never hides a copy
    low, high = math.floor((top - tol) / _BUCKET), math.floor((top + tol) / _BUCKET)
    for k in range(low - 1, high + 2):
        for p in bands.get(k, ()):
            if abs(p.x0 - x0) <= tol and abs(p.top - top) <= tol:
                return True
    return False


_BUCKET = 4.0  # points: dedupe_chars' band height (any value is exact; this one is fast)


def median(values: Sequence[float]) -> float:
    """Given numbers, return their median: `statistics.median`'s value, without its overhead."""
    data = sorted(values)
    n = len(data)
    if n % 2:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


def evenly_spread(
    solid: Sequence[Char], gaps: Sequence[float], ratio: float = DEFAULT_EVEN_GAP_RATIO
) -> bool:
    """Given a line's glyphs and the gaps between them, return True when every gap is the same
    (within `ratio` × the smallest glyph size).

    A justified short line ended by a manual line break ("計量課" in a units cell)
    is stretched to the full cell width: two or more equal gaps are spreading, not
    spaces.  A single gap is left alone ("1 月" could be either).
    """
    if len(gaps) < 2:
        return False
    tol = ratio * min(c.size for c in solid)
    return max(gaps) - min(gaps) <= tol


@functools.cache
def is_wide(ch: str) -> bool:
    """Given a character, tell whether it is wide (CJK, full-width, circled digits)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def chars_to_text(chars: Sequence[Char], settings: GridSettings = DEFAULT_GRID_SETTINGS) -> str:
    """Given the chars of one line sorted by x, return its text with spaces only where printed.

    Explicit space glyphs count; otherwise a gap wider than the line's usual
    inter-glyph gap (justified CJK is evenly spread, and so is a short line that
    justification stretched, however few its glyphs) by `space_ratio` × size is
    a space.  Where the producer draws its spaces as glyphs (`spaces_drawn`), a
    glyph-less gap between two wide (CJK) glyphs is justification however wide ("資" …
    "料" spread over a narrow cell), and so is one between a wide glyph and anything
    (CJK-Latin autospace; "網址：" … "https" stretched), up to `run_gap_ratio` × size
    (see `DEFAULT_RUN_GAP_RATIO`; a table cell's text is read with `cell_run_gap_ratio`).
    Runs of spaces collapse to one; the ends are stripped.
    """
    space_ratio, spaces_drawn = settings.space_ratio, settings.spaces_drawn
    run_gap_ratio = settings.run_gap_ratio
    solid = [c for c in chars if not c.text.isspace()]
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(solid)]
    usual = (
        median(gaps)
        if len(gaps) >= 3 or evenly_spread(solid, gaps, settings.even_gap_ratio)
        else 0.0
    )
    usual = max(0.0, usual)
    out: list[str] = []
    prev: Char | None = None
    pending = False
    for c in chars:
        text = c.text
        if text.isspace():
            pending = prev is not None
            continue
        if prev is not None:
            if pending:
                out.append(" ")
            else:
                gap = c.x0 - prev.x1
                big = prev.size if prev.size > c.size else c.size
                # Where spaces are drawn, a glyph-less gap next to a wide glyph is spacing:
                # justification or CJK-Latin autospace ("IT" … "組", "(各單位" … ")").
                # Separately positioned runs (小計 … 178 … 分) stand further apart than that.
                if gap > usual + space_ratio * big and not (
                    spaces_drawn
                    and (is_wide(prev.text) or is_wide(text))
                    and gap < run_gap_ratio * big
                ):
                    out.append(" ")
        out.append(text)
        prev = c
        pending = False
    return "".join(out).strip()


def draws_spaces(chars: Iterable[Char], settings: GridSettings = DEFAULT_GRID_SETTINGS) -> bool:
    """Given a page's chars, return True when its producer draws spaces as glyphs.

    That is a space glyph starting where a glyph of its line ends (within `space_touch`,
    centres within `space_line_ratio` × size), or, in a line justification spread, standing
    as far from the glyph before it as from the glyph after it and as that glyph from the
    one before it or as the glyph after it from the one after that, less than an em each
    ("（2" … "）" … " " … "建", LibreOffice 21075: the spread moves the space as any glyph;
    "(2)" … " " … "檢" … "討", libreoffice-extra 9920: LibreOffice spreads a line's wide
    glyphs, not the half-width ones of its marker), or as far from the glyph before it as
    that glyph from the one before it and touching the glyph after it ("四" … "、" … " "
    "滿", libreoffice-extra 10210: LibreOffice spread the gap before the space, not the
    space); its gaps without a glyph are then spacing, not spaces (see
    `DEFAULT_DRAWN_SPACE_RATIO`).
    """
    touch = settings.space_touch
    ends: dict[int, list[Char]] = {}
    spaces: list[Char] = []
    for c in chars:
        if c.text.isspace():
            spaces.append(c)
        else:
            ends.setdefault(round(c.x1), []).append(c)
    befores = []
    for s in spaces:  # most producers' first space touches its glyph: no more work
        before = _beside(s, ends, -1, settings)
        if any(g <= touch for g, _ in before):
            return True
        befores.append((s, before))
    starts: dict[int, list[Char]] = {}
    for c in chars if befores else ():
        if not c.text.isspace():
            starts.setdefault(round(c.x0), []).append(c)
    for s, before in befores:
        after = _beside(s, starts, 1, settings)
        touching = any(a <= touch for a, _ in after)
        for g, c in before:
            # as far from the glyph before it as that glyph from the one before it
            spread = any(abs(g - p) <= touch for p, _ in _beside(c, ends, -1, settings))
            if touching and spread:
                return True
            for a, d in after:
                if abs(g - a) <= touch and (
                    spread or any(abs(g - q) <= touch for q, _ in _beside(d, starts, 1, settings))
                ):
                    return True
    return False


def _beside(
    s: Char, index: dict[int, list[Char]], side: int, settings: GridSettings
) -> list[tuple[float, Char]]:
    """Given a glyph, glyphs filed by the rounded x of their edge facing it (ends before it:
    `side` -1; starts after it: 1), return the gaps to those of its line within an em
    (`space_line_ratio` × size apart vertically), with the glyphs."""
    line_ratio, touch = settings.space_line_ratio, settings.space_touch
    edge = s.x0 if side < 0 else s.x1
    out: list[tuple[float, Char]] = []
    # round is monotonic: a glyph whose edge is within an em of `edge` is filed here
    for key in range(round(edge - s.size) - 1, round(edge + s.size) + 2):
        for c in index.get(key, ()):
            gap = c.x0 - edge if side > 0 else edge - c.x1
            big = max(c.size, s.size)
            if -touch <= gap < big and abs(c.yc - s.yc) <= line_ratio * big:
                out.append((abs(gap), c))
    return out


def bullet_at_start(text: str) -> str:
    """Given a line's text, return it with a middle dot opening it read as the bullet it is.

    Noto CJK draws • and · with one glyph, and Chromium's ToUnicode maps it back to
    · (U+00B7); no line of a form starts with a middle dot.
    """
    return "•" + text[1:] if text.startswith("·") and len(text) > 1 else text


def chars_to_lines(
    chars: Iterable[Char], settings: GridSettings = DEFAULT_GRID_SETTINGS
) -> tuple[TextLine, ...]:
    """Given upright chars, return printed lines top to bottom (chars grouped by vertical
    centre, within `line_group_ratio` × the smaller size; text as `chars_to_text` reads it)."""
    group_ratio = settings.line_group_ratio
    # (centre, x0, drawing order): the sort is stable, as a sort on (yc, x0) alone would be
    cs = sorted(((c.top + c.bottom) / 2, c.x0, i, c) for i, c in enumerate(chars) if c.upright)
    groups: list[list[Char]] = []
    centre = first_size = 0.0
    for yc, _x0, _i, c in cs:
        size = c.size
        if groups and abs(yc - centre) <= group_ratio * (size if size < first_size else first_size):
            group = groups[-1]
            group.append(c)
            centre += (yc - centre) / len(group)
        else:
            groups.append([c])
            centre, first_size = yc, size
    lines: list[TextLine] = []
    for g in groups:
        g.sort(key=_X0)
        solid = [c for c in g if not c.text.isspace()]
        if not solid:
            continue
        text = bullet_at_start(chars_to_text(g, settings))
        last = g[-1]
        lines.append(
            TextLine(
                text=text,
                x0=min(map(_X0, solid)),
                top=min(map(_TOP, solid)),
                x1=max(map(_X1, solid)),
                bottom=max(map(_BOTTOM, solid)),
                size=median(list(map(_SIZE, solid))),
                chars=tuple(solid),
                trailing_space=last.text.isspace(),
                space_x1=last.x1 if last.text.isspace() else 0.0,
            )
        )
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return tuple(lines)


def line_kind(text: str) -> FurnitureKind:
    """Given a text line outside the table, return its Furniture kind."""
    if SUBTOTAL.regex.match(text):
        return "subtotal"
    if DIMENSION.regex.match(text):
        return "dimension"
    if TITLE.regex.match(text):
        return "title"
    if CATEGORY.regex.match(text):
        return "category"
    return "other"
