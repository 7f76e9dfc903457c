"""The column-header row: the five labels (wrapped labels too), and columns beyond the five."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.layout.grid.settings import DEFAULT_GRID_SETTINGS, GridSettings
from pipeline.layout.primitives import Char, Ruling, TextLine
from pipeline.models import BBox
from pipeline.normalise.patterns import (
    EXTRA_HEADER_LABELS,
)

# The fifth label as the form printed it, from whichever piece of it the header row shows.
RESULT_VARIANTS: tuple[tuple[str, str], ...] = (
    ("執行績效", "執行績效與成果"),
    ("具體作法", "具體作法與成果"),
    ("辦理情形", "辦理情形"),
)


@dataclass(frozen=True, slots=True)
class Header:
    """The column-header row found on a page: its band, one label box per column, its text."""

    top: float
    bottom: float
    labels: tuple[BBox, ...]
    text: str
    variant: str | None
    # Columns beyond the five, right of the results column: (label, its box), left to right.
    extras: tuple[tuple[str, BBox], ...] = ()


def _find_label(
    chars: Sequence[Char], used: set[int], alternatives: Sequence[str]
) -> list[int] | None:
    # A glyph's text may be several characters ("(cid:30)", a ligature): map each
    # position of the joined string back to the glyph it came from.
    s = "".join(c.text for c in chars)
    owner = [k for k, c in enumerate(chars) for _ in c.text]
    for alt in alternatives:
        start = s.find(alt)
        while start >= 0:
            idx = sorted({owner[j] for j in range(start, start + len(alt))})
            if not used.intersection(idx):
                return idx
            start = s.find(alt, start + 1)
    return None


def _known_label(text: str) -> str:
    """Given a column label beyond the five as printed, return the vocabulary's label it is
    (a narrow column wraps 佐證資料 as 佐證 / 資料, and a band may show the first line only),
    else the printed label itself."""
    if text in EXTRA_HEADER_LABELS:
        return text
    return next((k for k in EXTRA_HEADER_LABELS if len(text) >= 2 and k.startswith(text)), text)


def _apart(chars: Sequence[Char], idx: Sequence[int], gap: float) -> bool:
    """Given a line's chars, the indices of a label found in it and the least gap between
    two labels, tell whether the label stands apart: no glyph touches it on either side
    (nearer than half of `gap`)."""
    before = chars[idx[0] - 1] if idx[0] > 0 else None
    after = chars[idx[-1] + 1] if idx[-1] + 1 < len(chars) else None
    return (
        before is None or not before.text.strip() or chars[idx[0]].x0 - before.x1 >= gap / 2
    ) and (after is None or not after.text.strip() or after.x0 - chars[idx[-1]].x1 >= gap / 2)


def _box(cs: Sequence[Char]) -> BBox:
    return BBox(
        min(c.x0 for c in cs),
        min(c.top for c in cs),
        max(c.x1 for c in cs),
        max(c.bottom for c in cs),
    )


def _extra_labels(
    band: Sequence[TextLine],
    used: dict[int, set[int]],
    right_of: float,
    rulings: Sequence[Ruling],
    gap: float,
) -> tuple[tuple[str, BBox], ...]:
    """Given the header band, the chars the five labels took, the results label's right
    edge, the page's rulings and the least gap between two labels, return the labels of
    further columns to its right, left to right.

    The vocabulary's labels printed whole and apart from other glyphs come first
    (`自評分數 檢討與改善` a space apart is two; `備註說明` is one, not 備註).  Every other glyph of the band right of the results label belongs to a label
    too: glyphs overlapping or nearer than `gap` across, with no vertical rule or label
    between them, are one, read line by line ("佐證" over "資料": 佐證資料); named as the
    vocabulary's label it begins (`_known_label`), else as printed, so its column's text is
    kept under it (自評等第, 附註), never dropped or filed under a label it only begins like."""
    found: list[tuple[str, BBox]] = []
    for k, ln in enumerate(band):
        for label in EXTRA_HEADER_LABELS:
            idx = _find_label(ln.chars, used[k], (label,))
            if idx is None or ln.chars[idx[0]].x0 < right_of or not _apart(ln.chars, idx, gap):
                continue
            used[k].update(idx)
            found.append((label, _box([ln.chars[j] for j in idx])))
    top = min(ln.top for ln in band)
    bottom = max(ln.bottom for ln in band)
    walls = [r.x for r in rulings if not r.horizontal and r.top <= bottom and r.bottom >= top]
    walls += [x for _, box in found for x in (box.x0, box.x1)]
    glyphs = sorted(
        (
            (c, k)
            for k, ln in enumerate(band)
            for j, c in enumerate(ln.chars)
            if j not in used[k] and c.x0 >= right_of and c.text.strip()
        ),
        key=lambda g: g[0].x0,
    )
    # The first group is the results label's own rest: glyphs running on from it, nearer
    # than `gap` with no rule between ("執行績效" found, "與" after it, "成果" under it).
    groups: list[list[tuple[Char, int]]] = [[]]
    right = right_of
    for c, k in glyphs:
        walled = any(right <= x <= c.x0 for x in walls)
        if c.x0 > right + gap or walled:
            groups.append([])
            right = c.x1
        groups[-1].append((c, k))
        right = max(right, c.x1)
    for group in groups[1:]:
        text = "".join(c.text for c, _ in sorted(group, key=lambda g: (g[1], g[0].x0)))
        found.append((_known_label(text), _box([c for c, _ in group])))
    return tuple(sorted(found, key=lambda e: e[1].x0))


def extra_ranges(
    labels: Sequence[tuple[str, BBox]],
    left: float,
    rulings: Sequence[Ruling],
    head_mid: float,
    right_edge: float,
    tol: float,
) -> list[tuple[str, float, float]]:
    """Given the extra columns' labels and where the five columns end, return each extra
    column's (label, x0, x1): bounded by vertical rules through the header where drawn, else
    half-way between labels and, for the last, the page's text edge."""
    xs = sorted(
        r.x for r in rulings if not r.horizontal and r.top - tol <= head_mid <= r.bottom + tol
    )
    out: list[tuple[str, float, float]] = []
    x0 = left
    for j, (label, box) in enumerate(labels):
        nxt = labels[j + 1][1] if j + 1 < len(labels) else None
        hi = nxt.x0 + tol if nxt is not None else float("inf")
        rules = [x for x in xs if box.x1 - tol <= x <= hi]
        if rules:
            x1 = rules[0]
        elif nxt is not None:
            x1 = (box.x1 + nxt.x0) / 2
        else:
            x1 = right_edge
        out.append((label, x0, x1))
        x0 = x1
    return out


def _label_chars(labels: Sequence[Sequence[str]]) -> frozenset[str]:
    """Given the five columns' labels, return the glyphs a wrapped label's next line may
    hold: those of the five's labels and of the columns' beyond them ("佐證資" over "料")."""
    return frozenset("".join(a for alts in labels for a in alts) + "".join(EXTRA_HEADER_LABELS))


def lines_to_header(
    lines: Sequence[TextLine],
    rulings: Sequence[Ruling],
    settings: GridSettings = DEFAULT_GRID_SETTINGS,
) -> Header | None:
    """Given a page's lines and rulings, return the 評核項目 … column-header row, or None.

    The band is bounded by the horizontal rules around the 評核項目 line when
    there are any; a label may wrap onto a second line inside its cell.
    """
    tol = settings.snap_tolerance
    labels = settings.labels
    label_chars = _label_chars(labels)
    for i, line in enumerate(lines):
        if labels[0][0] not in line.text.replace(" ", ""):
            continue
        hs = [
            r for r in rulings if r.horizontal and r.x0 <= line.x0 + tol and r.x1 >= line.x1 - tol
        ]
        above = [r.y for r in hs if r.y <= line.top + tol]
        below = [r.y for r in hs if r.y >= line.bottom - tol]
        top = max(above) if above else line.top - settings.margin
        if below:
            bottom = min(below)
        else:
            bottom = line.bottom
            for nxt in lines[i + 1 : i + 3]:
                if (
                    nxt.top - bottom < settings.label_wrap_ratio * line.size
                    and set(nxt.text.replace(" ", "")) <= label_chars
                ):
                    bottom = nxt.bottom
        band = [ln for ln in lines if top - tol <= (ln.top + ln.bottom) / 2 <= bottom + tol]
        found: dict[int, BBox] = {}
        used: dict[int, set[int]] = {k: set() for k in range(len(band))}
        order = sorted(range(5), key=lambda k: -max(len(a) for a in labels[k]))
        for col in order:
            for k, ln in enumerate(band):
                idx = _find_label(ln.chars, used[k], labels[col])
                if idx is not None:
                    used[k].update(idx)
                    cs = [ln.chars[j] for j in idx]
                    found[col] = BBox(
                        cs[0].x0, min(c.top for c in cs), cs[-1].x1, max(c.bottom for c in cs)
                    )
                    break
        if len(found) < 5:
            continue
        boxes = tuple(found[k] for k in range(5))
        if any(boxes[k].x0 >= boxes[k + 1].x0 for k in range(4)):
            continue
        text = " ".join(ln.text for ln in band)
        compact = text.replace(" ", "")
        variant = next((v for key, v in RESULT_VARIANTS if key in compact), None)
        gap = settings.label_gap_ratio * line.size
        extras = _extra_labels(band, used, boxes[4].x1, rulings, gap)
        return Header(
            top=top, bottom=bottom, labels=boxes, text=text, variant=variant, extras=extras
        )
    return None
