"""Scanned pages → the same `PageContent` the PDF text layer yields: rulings and chars in points.

A chain of small pure functions: `deskew` (angle from the horizontal ruling
lines), `ruling_masks` (OpenCV morphology on an adaptive threshold, so the grey
header's border survives), `masks_to_rulings`, `masks_to_cells` (white regions
enclosed by rulings), `read_cells` (each non-blank cell crop, and each band of
ink outside them, read on its own: line by line by the recogniser alone where every
line of ink is plainly one line, else through detection, with a cell detection
misread read again line by line, and a number opening a line read again alone in case
it is circled), `repair_lines` (header labels), marks the engine misread or left out
where reportlab wrapped them alone (`lone_full_stops`, `lost_marks`) and
`lines_to_chars` (each OCR line spread over its box, one Char per character).
The grid and stitching code then run unchanged.  Page units are points: pixels
× 72 / dpi, so the grid's tolerances (in points) hold for scans too.

Surprising: OCR results are cached by the page image's hash, the engine and its
version through the `OcrCache` the caller passes in (only store.py touches disk).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import logging
import math
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

import cv2
import numpy as np
import regex

from pipeline.errors import InputError
from pipeline.extract.heap import give_back_memory
from pipeline.extract.ocr_engines import (
    DEFAULT_DPI,
    DEFAULT_ENGINE,
    ENGINES,
    OcrEngine,
    OcrLine,
    get_engine,
    map_lookalikes,
)
from pipeline.models import BBox, Char, OcrText, PageContent, Ruling, Word
from pipeline.normalise.patterns import BULLET, LABELS, OCR_COUNT_POINT

logger = logging.getLogger(__name__)

DEFAULT_IMAGE_DPI = 150.0  # an image file that does not say its resolution
# Finer scans are scaled down to this before reading: both engines were measured at
# 150 dpi, and Tesseract returns nothing for CJK glyphs much taller than ~24 px.
DEFAULT_WORK_DPI = 150.0
DEFAULT_MIN_CONFIDENCE = 0.85  # a cell read less surely than this is listed in checks
DEFAULT_MAX_SKEW = 3.0  # degrees; a larger angle from the rulings is not a scanner's skew
# A page without rulings is levelled by its lines of text (`text_skew`): angles tried, in
# degrees, first coarse over the whole range, then fine around the best (0.02° moves a
# line ~0.6 px across an A4 page at 150 dpi); fewer ink pixels than this show no lines.
TEXT_SKEW_STEPS = (0.25, 0.02)
TEXT_SKEW_MIN_INK = 2000
# Lines show as an angle that is this many times sharper than the median of the coarse
# angles tried (2.0-4.1 on the fixtures' unruled pages, skewed or level; 1.1 on specks).
TEXT_SKEW_MIN_PEAK = 1.5
DEFAULT_H_RULING_PT = 24.0  # a horizontal dark run this long (points) is a ruling, not a stroke
DEFAULT_V_RULING_PT = 14.0  # vertical: shorter, since a one-line row is ~15 pt tall
DEFAULT_MIN_CELL_PT = 6.0  # a white region enclosed by rulings smaller than this is not a cell
DEFAULT_FLUSH_RATIO = 0.6  # × body size: a line ending this close to its column's edge is full
# × body size: a blank this wide between two glyphs of one detected line is a printed space
# or the margin between two cells with no rule between them, never the gap between two
# glyphs of a word (~0.1-0.2).
DEFAULT_SPLIT_GAP_RATIO = 0.4
# × body size: two ideographs whose centres (as the engine placed them) stand closer than
# this are neighbours in a line, whatever blank their ink leaves (an em apart; measured
# ≤ 1.13 em in a line of 15 read without detection), never a cut.
DEFAULT_SPLIT_PITCH_RATIO = 1.3
# × body size: a detection box reaching further than this past the first or last glyph
# the recogniser placed is cut back to it (boxes are padded ~0-0.4 em; beyond that a box
# has grown over the blank towards the next cell's text).
DEFAULT_BOX_OVERSHOOT_RATIO = 0.5
# A detected line of two or more glyphs boxed this much taller than wide was read down a
# column of glyphs, not along a line: justified text (LibreOffice's "登　記　課" over
# "測　量　課") stands in columns the detector boxes across the lines, and the recogniser
# reads such a box turned by 90° ("課課單各").  Horizontal text of n >= 2 glyphs is boxed
# about n wide and 1.2 tall (in em), so a turned box is told apart by far.
DEFAULT_TURNED_RATIO = 1.2
# × the page's median line of ink: a line of ink this tall can only be one line of text
# (two lines set close, with no blank row between them, are over two; a speck or a lone
# 。 is under 0.4, and detection tells those apart).
PLAIN_LINE_SPAN = (0.4, 1.35)
# A row of a cell holding fewer dark pixels than this share of its well-inked rows (the
# upper quartile) is a blank between lines: lines read in a close-set scanned paragraph
# hold 40-130 dark pixels a row at 150 dpi, the rows between them 1-6.
INK_ROW_SHARE = 0.08
SPECK_RATIO = 0.25  # × a line's height: ink smaller than this both ways is no glyph to read
# × body size: rows of ink this far apart in a line's box are two lines' (a neighbour's
# strokes reaching into the box stand the blank between lines away, ~0.4-0.6 em; strokes
# of one line's glyphs, as 三's, ~0.2-0.3 em).
INK_GAP_RATIO = 0.35
# × body size (of the boxes as detected, padded): rows of ink joined so would stand taller
# than this, more than a line's ink, are two lines' (a tight paragraph's 」 bottoms 0.36
# em above the next line's ink, on the seed_a4_merged scan, made its box 1.45 ems tall).
INK_TALLEST = 1.2
DEFAULT_CELL_INSET_PX = 2  # pixels trimmed from each side of a cell crop (the ruling's edge)
# Before a document's table is found, a page is first read only as far as its table's first
# rows of cells: a form's column headers stand there (under a title, category and
# dimension drawn as rows of the table too, on some forms).  No header label there, and
# the rest of the page is not read: a scanned document that is no form fails fast.
DEFAULT_PROBE_ROWS = 5
# MB: after a page read by OCR, a process holding more hands its heap's free pages back
# (`pipeline.extract.heap`; issue 12's budget is 700 MB a worker).
DEFAULT_TRIM_ABOVE_MB = 400.0
# MB: within a page, after each cell read, a process holding more trims too: the page's
# own buffers took a worker from ~565 to 712 MB on generated form 7's scan.
DEFAULT_TRIM_WITHIN_MB = 600.0
# × body size: a line of ideographs whose box gives each more than this was spread by
# justification (LibreOffice's units cells: "五堵辦事處" across a column of ~6.5 em, 1.37
# em apart: 1.24 em each as read); lines set solid took 0.92-1.12 em each on the
# seed_lo_portrait scan (ink-fitted boxes; the body size is the median of the page's).
SPREAD_STEP_RATIO = 1.2
# × body size: ideographs whose centres (as the engine placed them, ±0.15 em) stand this far
# apart or more, the widest pitch within SPREAD_EVEN of the narrowest, were spread by
# justification, never two cells' texts side by side (`split_at_gaps`).
SPREAD_PITCH_RATIO = 1.15
SPREAD_EVEN = 0.35
# × body size: how much wider the blank on a bracket's outer side (before "(", after ")")
# is than on its inner side.  A half-width bracket's ink stands in the middle of its half
# em, so the two blanks are alike (0.0-0.15 em more on the outer side, measured on the
# seed_lo_portrait scan); a full-width one's ink hugs the text it encloses, leaving half
# an em blank on its outer side (0.5 measured).  Justified glyphs widen both blanks alike.
# Between the two the engine's reading stands.
BRACKET_HALF_BELOW = 0.2
BRACKET_FULL_ABOVE = 0.35
BRACKET_MAX_INK = 0.4  # × body size: a bracket's ink is narrower than this (~0.2-0.26)
PHANTOM_INK = 0.4  # × body size: a "1" read where the ink is shorter than this is no glyph
DASH_INK = 0.2  # × body size: an "=" read where the ink is flatter is one stroke (= is 0.35+)
BRACKET_MIN_HEIGHT = 0.6  # × body size: and taller than this (~0.8-0.9; a dot or a comma is not)
BRACKET_REACH = 0.8  # × body size: a lost bracket's ink starts within this of its line's box
# × the line's ink height: a bracket stands at least this tall (0.94-1.0 measured beside
# "20分)" and "5分)"; a lost digit, the 3 of "(30分)", 0.7).
BRACKET_TALL = 0.85
# Grey levels: a pixel this dark is ink on any page; on a page with clean paper, one
# INK_LEVEL_MARGIN darker than the paper, or INK_LEVEL_NOISE times its grain (`ink_level`).
INK_LEVEL_DARKEST = 128
INK_LEVEL_MARGIN = 32
INK_LEVEL_NOISE = 6.0
DEFAULT_MAX_PIXELS = 60_000_000  # per page image: more is a decompression bomb, not a scan
CACHE_FORMAT = "9"  # bump when what is cached (or how it is derived) changes
# A bullet the recogniser dropped: a dot of ink this size (× body size, both ways; a CJK
# font's • is a dot of ~0.2 em in the middle of an em) standing alone left of a line, within
# `BULLET_REACH` × body size of it and `BULLET_CENTRE` × body size of its middle.
BULLET_DOT = (0.1, 0.4)
BULLET_REACH = 1.6
BULLET_CENTRE = 0.2
# × body size: a "0" alone on its line whose ink is no larger than this both ways is a full
# stop's ring (~0.3 em; a digit 0 is ~0.7 em tall, a Latin o ~0.5): `lone_full_stops`.
FULL_STOP_INK = 0.42
# Marks the engine left unread (`lost_marks`), × body size: a full stop's ring is 0.15-0.42
# across both ways and hollow (a dot or a speck is solid; a 6-pixel ring scanned at 150 dpi
# is 75 % inked, so the middle tells, not the share);
# a colon is two dots under MARK_DOT across, their centres MARK_COLON apart down; a mark
# stands within MARK_REACH of the start of the line it ends (a hanging indent's width), or
# on that line's row within MARK_GAP of its end (a full stop centred in its em, as Taiwan's
# fonts set it, stands ~0.7 em after the last glyph's ink).
MARK_RING = (0.15, FULL_STOP_INK)
MARK_DOT = 0.25
MARK_COLON = (0.2, 0.6)
MARK_REACH = 3.0
MARK_GAP = 1.0
# Line heights either side of a number's middle the second looks at it take in
# (`circled_again`), each tried until one reads the ring: the recogniser reads a ring
# cut by its crop as the digit inside, and how much blank around it it needs varies
# (⑧ read so at 0.75 and 0.9, ⑥ at 0.6 only, on one scan).
CIRCLED_LOOKS = (0.6, 0.75, 0.9)
CIRCLED_ABOVE = 0.35
# ⑩ and above, which the recogniser reads "10" however it looks, are told by their ring
# (`ringed`): one outline about as wide as tall (RING_SQUARE, width over height), as tall
# as the line's glyphs (RING_TALL × the line's ink; a digit is ~0.7), whose holes (the
# ring's inside, parted by the digits where they touch it) make up RING_HOLLOW of it
# (0.67 and 0.9 measured on ⑩ and ⑨; a 0 or an 8 is narrower than square).
RING_SQUARE = (0.8, 1.25)
RING_TALL = 0.85
RING_HOLLOW = 0.4
_ENDING_MARKS = frozenset("。，、；：！？.,;:!?")


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How scans are read, validated once; the defaults are the named constants above."""

    engine: str = DEFAULT_ENGINE
    dpi: int = DEFAULT_DPI
    image_dpi: float = DEFAULT_IMAGE_DPI
    work_dpi: float = DEFAULT_WORK_DPI
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    max_skew: float = DEFAULT_MAX_SKEW
    h_ruling_pt: float = DEFAULT_H_RULING_PT
    v_ruling_pt: float = DEFAULT_V_RULING_PT
    min_cell_pt: float = DEFAULT_MIN_CELL_PT
    cell_inset_px: int = DEFAULT_CELL_INSET_PX
    max_pixels: int = DEFAULT_MAX_PIXELS
    probe_rows: int = DEFAULT_PROBE_ROWS
    trim_above_mb: float = DEFAULT_TRIM_ABOVE_MB
    trim_within_mb: float = DEFAULT_TRIM_WITHIN_MB

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"OcrSettings.engine must be one of {ENGINES}, got {self.engine!r}")
        if not 50 <= self.dpi <= 600:
            raise ValueError(f"OcrSettings.dpi must be in [50, 600], got {self.dpi}")
        if self.probe_rows < 1:
            raise ValueError(f"OcrSettings.probe_rows must be >= 1, got {self.probe_rows}")
        if not 0 <= self.min_confidence <= 1:
            raise ValueError(
                f"OcrSettings.min_confidence must be in [0, 1], got {self.min_confidence}"
            )
        for name in (
            "image_dpi",
            "work_dpi",
            "max_skew",
            "h_ruling_pt",
            "v_ruling_pt",
            "min_cell_pt",
            "trim_above_mb",
            "trim_within_mb",
        ):
            if not getattr(self, name) > 0:
                raise ValueError(f"OcrSettings.{name} must be > 0, got {getattr(self, name)!r}")


DEFAULT_OCR_SETTINGS = OcrSettings()


class OcrCache(Protocol):
    """Where OCR results are kept between runs (store.OcrCacheDir on disk; a dict in tests)."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, value: str) -> None: ...


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One scanned page read: its primitives for the grid and what OCR said, with confidence."""

    content: PageContent
    texts: tuple[OcrText, ...]
    skew: float  # degrees the page was turned back
    cached: bool
    # Only the table's first rows were read (`probe_rows`), and no header label was there.
    probed: bool = False


# --- images ------------------------------------------------------------------------------


def image_pages(
    data: bytes, settings: OcrSettings = DEFAULT_OCR_SETTINGS
) -> Iterator[tuple[np.ndarray[Any, Any], float]]:
    """Given PNG/JPEG/TIFF bytes, yield each page (TIFF frame) as a grey array with its dpi."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = settings.max_pixels
    try:
        img = Image.open(io.BytesIO(data))
        for frame in ImageSequence.Iterator(img):
            dpi = frame.info.get("dpi", (settings.image_dpi,))[0] or settings.image_dpi
            dpi = float(dpi) if 50 <= float(dpi) <= 1200 else settings.image_dpi
            yield np.asarray(frame.convert("L")), dpi
    except Image.DecompressionBombError as exc:
        raise InputError(f"image too large to read ({exc})") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise InputError(f"unreadable image ({type(exc).__name__}: {exc})") from exc


def render_pdf_page(
    data: bytes,
    page_no: int,
    dpi: float,
    password: str | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> tuple[np.ndarray[Any, Any], float]:
    """Given PDF bytes and a 1-based page number, return the page rasterised grey and its dpi.

    The dpi is `dpi` unless the page is so large that the image would pass
    `max_pixels`; then it is lowered to fit.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise InputError(f"p{page_no}: cannot rasterise the page for OCR ({exc})") from exc
    try:
        page = pdf[page_no - 1]
        width, height = page.get_size()
        scale = min(dpi / 72, math.sqrt(max_pixels / max(1.0, width * height)))
        bitmap = page.render(scale=scale, grayscale=True)
        arr: np.ndarray[Any, Any] = np.array(bitmap.to_numpy())
        if arr.ndim == 3:
            arr = cv2.cvtColor(arr, cv2.COLOR_BGR2GRAY)
        return arr, scale * 72
    finally:
        pdf.close()


# --- geometry: deskew, rulings, cells ---------------------------------------------------


def _binary(gray: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    # Adaptive, so a ruling bordering a grey-filled header still comes out dark.
    out: np.ndarray[Any, Any] = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10
    )
    return out


def _open(binary: np.ndarray[Any, Any], w: int, h: int) -> np.ndarray[Any, Any]:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, w), max(1, h)))
    out: np.ndarray[Any, Any] = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    return out


def skew_angle(gray: np.ndarray[Any, Any], max_skew: float = DEFAULT_MAX_SKEW) -> float:
    """Given a grey page, return its skew in degrees: from its long horizontal rulings, else
    from its lines of text (`text_skew`: a form drawn without rules)."""
    binary = _binary(gray)
    angles = _ruling_angles(binary, max_skew)
    if not angles:
        return text_skew(binary, max_skew)
    return float(statistics.median(angles))


def _ruling_angles(binary: np.ndarray[Any, Any], max_skew: float) -> list[float]:
    width = binary.shape[1]
    mask = _open(binary, width // 12, 1)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    angles: list[float] = []
    for k in range(1, n):
        if stats[k, cv2.CC_STAT_WIDTH] < width / 4:
            continue
        ys, xs = np.nonzero(labels == k)
        if len(xs) < 10:
            continue
        slope = float(np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0])
        angle = math.degrees(math.atan(slope))
        if abs(angle) <= max_skew:
            angles.append(angle)
    return angles


def text_skew(binary: np.ndarray[Any, Any], max_skew: float = DEFAULT_MAX_SKEW) -> float:
    """Given a page's ink (non-zero), return the angle in degrees its lines of text run at.

    Projection profile: the ink's rows, sheared by a candidate angle, change most sharply
    from row to row (the largest sum of squared differences of neighbouring row counts)
    when the shear follows the lines, whose tops and bottoms then fall on one row each.
    Differences rather than the counts themselves: a column whose lines stand at other
    heights than its neighbours' (other line pitch, centred cells) pulls the counts'
    peak towards a shear that lines them up, never their edges (measured on the fixtures'
    unruled pages: within 0.05° of the skew on every page of two scans, and -0.03° on the
    level pages; the counts were 0.3° off on a page of two line pitches).  Coarse steps over
    ±max_skew, then fine ones around the best.  0 where there is too little ink to tell,
    or where no angle stands out (`TEXT_SKEW_MIN_PEAK`)."""
    ys, xs = np.nonzero(binary)
    if len(xs) < TEXT_SKEW_MIN_INK:
        return 0.0
    height, width = binary.shape
    x = xs.astype(np.float64) - width // 2
    y = ys.astype(np.float64) + height // 2  # whole pixels: a half would round to even

    def sharpness(angle: float) -> float:
        rows = np.rint(y - x * math.tan(math.radians(angle))).astype(np.int64)
        steps = np.diff(np.bincount(np.clip(rows, 0, 2 * height - 1)).astype(np.float64))
        return float(steps @ steps)

    coarse, fine = TEXT_SKEW_STEPS
    tried = {float(a): sharpness(a) for a in np.arange(-max_skew, max_skew + 1e-9, coarse)}
    best = max(tried, key=tried.__getitem__)
    if tried[best] < TEXT_SKEW_MIN_PEAK * statistics.median(tried.values()):
        return 0.0
    lo, hi = max(-max_skew, best - coarse), min(max_skew, best + coarse)
    return round(float(max(np.arange(lo, hi + 1e-9, fine), key=sharpness)), 3)


def rotate(gray: np.ndarray[Any, Any], angle: float) -> np.ndarray[Any, Any]:
    """Given a grey page and its skew in degrees, return it turned level (white fill)."""
    height, width = gray.shape
    m = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    out: np.ndarray[Any, Any] = cv2.warpAffine(
        gray, m, (width, height), flags=cv2.INTER_LINEAR, borderValue=255
    )
    return out


def deskew(
    gray: np.ndarray[Any, Any], max_skew: float = DEFAULT_MAX_SKEW
) -> tuple[np.ndarray[Any, Any], float]:
    """Given a grey page, return it levelled by its rulings (else its lines of text) and the
    angle turned (degrees)."""
    angle = skew_angle(gray, max_skew)
    if abs(angle) < 0.05:
        return gray, 0.0
    return rotate(gray, angle), angle


def ruling_masks(
    gray: np.ndarray[Any, Any], px_per_pt: float, settings: OcrSettings = DEFAULT_OCR_SETTINGS
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Given a level grey page, return masks of its horizontal and vertical ruling pixels."""
    binary = _binary(gray)
    h = _open(binary, round(settings.h_ruling_pt * px_per_pt), 1)
    v = _open(binary, 1, round(settings.v_ruling_pt * px_per_pt))
    return h, v


def masks_to_rulings(
    h_mask: np.ndarray[Any, Any], v_mask: np.ndarray[Any, Any], pt_per_px: float
) -> tuple[Ruling, ...]:
    """Given ruling masks, return one Ruling (in points) per connected run of ruling pixels."""
    out: list[Ruling] = []
    for mask, horizontal in ((h_mask, True), (v_mask, False)):
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for k in range(1, n):
            x, y, w, h = (int(stats[k, i]) for i in range(4))
            if horizontal:
                yc = (y + h / 2) * pt_per_px
                out.append(Ruling(x * pt_per_px, yc, (x + w) * pt_per_px, yc))
            else:
                xc = (x + w / 2) * pt_per_px
                out.append(Ruling(xc, y * pt_per_px, xc, (y + h) * pt_per_px))
    return tuple(out)


def masks_to_cells(
    h_mask: np.ndarray[Any, Any], v_mask: np.ndarray[Any, Any], min_px: float
) -> tuple[tuple[int, int, int, int], ...]:
    """Given ruling masks, return the cells they enclose as (x0, y0, x1, y1) pixel boxes.

    A cell is a white region not touching the page border, at least `min_px` each way.
    """
    lines = cv2.dilate(cv2.bitwise_or(h_mask, v_mask), np.ones((3, 3), np.uint8))
    free = cv2.bitwise_not(lines)
    n, _, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    height, width = lines.shape
    cells = []
    for k in range(1, n):
        x, y, w, h = (int(stats[k, i]) for i in range(4))
        if x == 0 or y == 0 or x + w >= width or y + h >= height:
            continue
        if w < min_px or h < min_px:
            continue
        cells.append((x, y, x + w, y + h))
    cells.sort(key=lambda b: (b[1], b[0]))
    return tuple(cells)


def _blank(crop: np.ndarray[Any, Any], ink_below: int = INK_LEVEL_DARKEST) -> bool:
    return crop.size == 0 or int((crop < ink_below).sum()) < 12


def ink_level(gray: np.ndarray[Any, Any]) -> int:
    """Given a level grey page, return the grey level below which a pixel is ink on it.

    The page's paper is its median grey, its noise the spread of the pixels a little
    darker than that (JPEG and the scanner's grain); ink is what stands `INK_LEVEL_NOISE`
    spreads darker than the paper, or `INK_LEVEL_MARGIN` levels where the paper is
    clean, and never darker than `INK_LEVEL_DARKEST`.  A thin font's strokes scan grey
    ("得分：9" at 150-210 on paper at 251, where the body text is 70-120) and count
    as ink so; grain does not.
    """
    paper = float(np.median(gray))
    near = gray[(gray >= paper - INK_LEVEL_MARGIN) & (gray <= paper)].astype(np.float64)
    spread = float(np.sqrt(np.mean((paper - near) ** 2))) if near.size else 0.0
    level = paper - max(INK_LEVEL_MARGIN, INK_LEVEL_NOISE * spread)
    return int(max(INK_LEVEL_DARKEST, level))


def _pad(crop: np.ndarray[Any, Any], px: int = 8) -> np.ndarray[Any, Any]:
    out: np.ndarray[Any, Any] = cv2.copyMakeBorder(
        crop, px, px, px, px, cv2.BORDER_CONSTANT, value=255
    )
    return out


@dataclass(frozen=True, slots=True)
class Region:
    """A piece of a page read on its own: a cell's crop (less its inset) or a band of ink
    outside the cells, where it stands on the page, and its lines of ink."""

    x0: int
    y0: int
    crop: np.ndarray[Any, Any]
    is_cell: bool
    rows: list[tuple[int, int]]


def page_regions(
    gray: np.ndarray[Any, Any],
    cells: tuple[tuple[int, int, int, int], ...],
    rulings_mask: np.ndarray[Any, Any],
    inset: int = DEFAULT_CELL_INSET_PX,
) -> tuple[list[Region], float]:
    """Given a level page and its cells, return the regions `read_cells` reads (the inked
    cells in order, then the bands of ink outside them, with the cells and rulings
    painted white, then the bands of grey ink beside none of those, `_bands`, where each
    line of ink in one is a line's worth) and the page's median line of ink in pixels
    (of the cells and dark bands)."""
    rest = gray.copy()
    rest[rulings_mask > 0] = 255
    for x0, y0, x1, y1 in cells:
        rest[y0:y1, x0:x1] = 255
    crops = [
        (x0 + inset, y0 + inset, gray[y0 + inset : y1 - inset, x0 + inset : x1 - inset], True)
        for x0, y0, x1, y1 in cells
    ]
    ink = ink_level(gray)
    bands, grey_bands = _bands(rest, rulings_mask, ink)
    crops += [(x0, y0, rest[y0:y1, x0:x1], False) for x0, y0, x1, y1 in bands]
    regions = [
        Region(x0, y0, crop, is_cell, ink_rows(crop))
        for x0, y0, crop, is_cell in crops
        if not _blank(crop, ink)
    ]
    heights = [b - a for r in regions for a, b in r.rows]
    line_px = statistics.median(heights) if heights else 0.0
    for x0, y0, x1, y1 in grey_bands:
        crop = rest[y0:y1, x0:x1]
        rows = ink_rows(crop)
        # Lines of text: slivers of ink, or a stroke down the page, are not.
        low, high = PLAIN_LINE_SPAN[0] * line_px, PLAIN_LINE_SPAN[1] * line_px
        if rows and all(low <= b - a <= high for a, b in rows):
            regions.append(Region(x0, y0, crop, False, rows))
    return regions, line_px


def _bands(
    rest: np.ndarray[Any, Any], rulings_mask: np.ndarray[Any, Any], ink: int
) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
    """Given a page with its table painted out, its rulings and its ink level (`ink_level`),
    return its bands of dark ink (`text_bands`), each as wide as the grey ink on its rows,
    and its bands of grey ink beside no dark one.

    A thin font's strokes scan grey: a line of them alone ("得分：9" at 150-210, the body
    text at 70-120) is no band of dark ink, and the ".5" ending "得分：20.5" lies past the
    dark band's end.  A band of dark ink keeps its rows (where lines part), and takes in
    the grey ink of a grey band overlapping it; a grey band overlapping none is read on its
    own where it holds lines of text (`page_regions`).  A ruling's grey fringe, a pixel
    either side of the ruling painted out, is as light: it is painted out too.
    """
    dark = list(text_bands(rest))
    if ink <= INK_LEVEL_DARKEST:
        return dark, []
    grey = rest.copy()
    grey[cv2.dilate(rulings_mask, np.ones((3, 3), np.uint8)) > 0] = 255
    alone = []
    for g in text_bands(grey, dark_below=ink):
        hit = [i for i, d in enumerate(dark) if _overlap(d, g)]
        for i in hit:
            x0, y0, x1, y1 = dark[i]
            dark[i] = (min(x0, g[0]), y0, max(x1, g[2]), y1)
        if not hit:
            alone.append(g)
    return dark, alone


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Given two boxes (x0, y0, x1, y1), tell whether they overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def read_regions(
    regions: Sequence[Region],
    which: Sequence[int],
    line_px: float,
    engine: OcrEngine,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    trim_mb: float = DEFAULT_TRIM_WITHIN_MB,
) -> dict[int, list[OcrLine]]:
    """Given the page's regions, the indices of those to read and the page's median line of
    ink, return each one's OCR lines in page pixels (see `read_cells`); digits read less
    surely than `min_confidence` get a second look (`read_by_rows`).  After each region, a
    process holding more than `trim_mb` hands its heap's free pages back."""
    pad = 8
    found: dict[int, list[OcrLine]] = {}
    for k in which:
        give_back_memory(trim_mb)  # what the regions before freed
        r = regions[k]
        crop, rows = r.crop, r.rows
        pieces = [plain_segments(crop, a, b, line_px) for a, b in rows]
        plain = rows and all(pieces) and (not r.is_cell or all(len(p) == 1 for p in pieces))
        # A cell holding one column of text reads a line whose glyphs stand apart in
        # pieces (justified) whole, as one line; a band reads each piece on its own.
        whole = bool(
            not plain and r.is_cell and rows and all(pieces) and one_column(crop, rows, line_px)
        )
        out = found[k] = []
        if engine.plain_lines_alone and (plain or whole):
            for (a, b), segs in zip(rows, pieces, strict=True):
                for c0, c1 in [(0, crop.shape[1])] if whole and len(segs) > 1 else segs:
                    strip = crop[:, c0:c1]
                    for ln in read_by_rows(strip, [(a, b)], engine, pad, min_confidence):
                        out.append(_shift(ln, r.x0 + c0 - pad, r.y0 - pad))
            continue
        lines = engine.read(_pad(crop, pad))
        if r.is_cell:
            lines = reread_rows(crop, lines, engine, pad, rows, min_confidence)
        out.extend(_shift(ln, r.x0 - pad, r.y0 - pad) for ln in lines)
    return found


def one_column(crop: np.ndarray[Any, Any], rows: list[tuple[int, int]], line_px: float) -> bool:
    """Given a cell's grey crop, its lines of ink and the page's median line of ink, tell
    whether it holds one column of text: between its first and last ink, no run of pixel
    columns wider than a line is blank in every line (runs of ink narrower than a speck,
    `SPECK_RATIO` of their line, left out).

    Justified glyphs leave blanks in different places line by line; two columns' texts
    in one cell (a column rule the scan lost) leave their margin blank in all of them."""
    union = np.zeros(crop.shape[1], dtype=bool)
    for a, b in rows:
        for c0, c1 in _runs(_inked_columns(crop[a:b])):
            if c1 - c0 >= SPECK_RATIO * (b - a):
                union[c0:c1] = True
    inked = np.flatnonzero(union)
    if inked.size == 0:
        return True
    blank = [b - a for a, b in _runs(~union[inked[0] : inked[-1] + 1])]
    return max(blank, default=0) <= line_px


def top_rows(regions: Sequence[Region], rows: int, tol: float) -> list[int]:
    """Given a page's regions, how many rows of cells to take and the pixels two cells' tops
    may differ by in one row, return the indices of the cells in the table's first rows."""
    starts: list[int] = []
    for top in sorted({r.y0 for r in regions if r.is_cell}):
        if not starts or top - starts[-1] > tol:
            starts.append(top)
    if not starts:
        return []
    cut = starts[min(rows, len(starts)) - 1] + tol
    return [k for k, r in enumerate(regions) if r.is_cell and r.y0 <= cut]


# Every header label and the pieces a wrapped label leaves on a line (指標, 主辦, 成果 …):
# one of them among the first rows of cells lets a page be read whole.
_HEADER_PIECES: tuple[str, ...] = tuple(dict.fromkeys(alt for alts in LABELS for alt in alts))


def shows_header(texts: Iterable[str]) -> bool:
    """Given OCR lines, tell whether any holds a column-header label or a piece of one."""
    return any(piece in repair_text(t).replace(" ", "") for t in texts for piece in _HEADER_PIECES)


def read_cells(
    gray: np.ndarray[Any, Any],
    cells: tuple[tuple[int, int, int, int], ...],
    rulings_mask: np.ndarray[Any, Any],
    engine: OcrEngine,
    inset: int = DEFAULT_CELL_INSET_PX,
) -> tuple[OcrLine, ...]:
    """Given a level page and its cells, return every OCR line in page pixels.

    Each non-blank cell is read on its own (whole-page detection joins text
    across thin column lines); the text outside the cells (title, headings,
    subtotal rows drawn without rules, a whole table drawn without column rules)
    is read in bands of ink with the cells and rulings painted white.

    Detection (~half of RapidOCR's time) runs only where it is needed: with an engine
    that reads `plain_lines_alone`, a cell or band whose every line of ink is plainly
    one line of text (`plain_segments`) is read line by line by the recogniser alone,
    a piece per run of ink parted by blanks wider than the line is tall (a table
    without column rules: one piece per column); in a cell holding one column of text
    (`one_column`) such a line is justified glyphs, and is read whole.
    """
    regions, line_px = page_regions(gray, cells, rulings_mask, inset)
    found = read_regions(regions, range(len(regions)), line_px, engine)
    return tuple(ln for k in range(len(regions)) for ln in found[k])


def plain_segments(
    crop: np.ndarray[Any, Any], a: int, b: int, line_px: float
) -> list[tuple[int, int]]:
    """Given a crop, one of its lines of ink (rows a to b) and the page's median line of ink,
    return the line's runs of ink parted by blanks wider than it is tall, as column ranges
    reaching half the blank (at most a line's height) either side; none when the line may
    be more than one line of text (taller than 1.35 lines: two lines set close are over
    two), is a speck or a lone 。 (under 0.4 lines: detection tells them apart) or holds
    no ink.

    A printed space is under half a line; the margin between two columns' texts in a
    table without column rules, or justified glyphs, is wider than a line.
    """
    height = b - a
    if not PLAIN_LINE_SPAN[0] * line_px <= height <= PLAIN_LINE_SPAN[1] * line_px:
        return []
    inked = np.flatnonzero(_inked_columns(crop[a:b]))
    if inked.size == 0:
        return []
    runs = [[int(inked[0]), int(inked[0]) + 1]]
    for x in inked[1:].tolist():
        if x - runs[-1][1] > height:
            runs.append([x, x + 1])
        else:
            runs[-1][1] = x + 1
    width = crop.shape[1]
    out = []
    for i, (c0, c1) in enumerate(runs):
        left = (c0 - runs[i - 1][1]) // 2 if i else height
        right = (runs[i + 1][0] - c1) // 2 if i + 1 < len(runs) else height
        out.append((max(0, c0 - min(left, height)), min(width, c1 + min(right, height))))
    return out


def turned(lines: tuple[OcrLine, ...], ratio: float = DEFAULT_TURNED_RATIO) -> bool:
    """Given one cell's detected lines, tell whether one of them runs down a column of glyphs
    (two or more glyphs boxed `ratio` times taller than wide; see DEFAULT_TURNED_RATIO)."""
    return any(_turned(ln, ratio) for ln in lines)


def _turned(ln: OcrLine, ratio: float = DEFAULT_TURNED_RATIO) -> bool:
    return len("".join(ln.text.split())) >= 2 and ln.bottom - ln.top > ratio * (ln.x1 - ln.x0)


def one_line_rows(rows: list[tuple[int, int]], lines: tuple[OcrLine, ...]) -> list[tuple[int, int]]:
    """Given a cell's lines of ink (`ink_rows`) and the lines detection found in it, return
    the lines of ink that can only be one line of text: no taller than the median box
    detection drew around a line of the cell (boxes are padded: a line's ink is ~0.6 of
    its box), or than 1.5 times the cell's median line of ink when every box is `turned`.

    Lines of a paragraph set close together leave no blank row between them and make one
    line of ink; such a line is never read as one.
    """
    if not rows:
        return []
    flat = [ln.bottom - ln.top for ln in lines if not _turned(ln)]
    limit = statistics.median(flat) if flat else 1.5 * statistics.median(b - a for a, b in rows)
    return [(a, b) for a, b in rows if b - a <= limit]


def missed_rows(
    crop: np.ndarray[Any, Any],
    lines: tuple[OcrLine, ...],
    rows: list[tuple[int, int]],
    pad: int,
) -> list[tuple[int, int]]:
    """Given a cell's grey crop, the lines detection found in it (pixels of the crop padded
    by `pad`) and its lines of ink, return those holding a glyph's worth of ink outside
    every box: detection dropped a glyph (justified text's "記" between "登" and "課",
    boxed one by one across wide blanks).

    A glyph's worth is half the line's height in columns of ink no box covers; the
    crop's outer three columns are left out (what is left of a ruling).
    """
    level, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    width = crop.shape[1]
    out = []
    for a, b in rows:
        covered = np.zeros(width, dtype=bool)
        for ln in lines:
            overlap = min(b, ln.bottom - pad) - max(a, ln.top - pad)
            if overlap >= (b - a) / 2:
                covered[max(0, round(ln.x0) - pad) : max(0, round(ln.x1) - pad)] = True
        inked: np.ndarray[Any, Any] = np.asarray((crop[a:b] <= level).any(axis=0))
        inked[:3] = inked[width - 3 :] = False
        if int((inked & ~covered).sum()) >= (b - a) / 2:
            out.append((a, b))
    return out


def reread_rows(
    crop: np.ndarray[Any, Any],
    lines: tuple[OcrLine, ...],
    engine: OcrEngine,
    pad: int,
    rows: list[tuple[int, int]] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> tuple[OcrLine, ...]:
    """Given a cell's grey crop and the lines detection found in it (pixels of the crop
    padded by `pad`), and its lines of ink when known (`ink_rows`), return them with the
    lines of ink detection misread read again strip by strip, without detection
    (`read_by_rows`, with `min_confidence`).

    Every line of the cell when a box is `turned`; else each line of ink holding a
    glyph detection dropped (`missed_rows`), whose detected lines it replaces.  Only
    a line of ink that can only be one line of text is read so (`one_line_rows`).
    """
    rows = one_line_rows(ink_rows(crop) if rows is None else rows, lines)
    if turned(lines):
        return read_by_rows(crop, rows, engine, pad, min_confidence) or lines
    missed = missed_rows(crop, lines, rows, pad)
    if not missed:
        return lines
    kept = [
        ln for ln in lines if not any(a <= (ln.top + ln.bottom) / 2 - pad < b for a, b in missed)
    ]
    again = read_by_rows(crop, missed, engine, pad, min_confidence)
    return tuple(sorted((*kept, *again), key=lambda ln: (ln.top, ln.x0)))


def ink_rows(crop: np.ndarray[Any, Any]) -> list[tuple[int, int]]:
    """Given a cell's grey crop, return its lines of ink as (first row, row past the last).

    Rows with ink (Otsu's threshold of the crop; two dark pixels or more, so a scan's
    specks do not count) in runs parted by a blank row; a run holding two or more runs of
    well-inked rows (`_close_set`) is parted between them; a run less than half as tall as
    the tallest (a stroke of 一 or 二 cut off, a dot) joins the nearer run beside it.
    """
    level, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    counts = (crop <= level).sum(axis=1)
    some = counts[counts >= 2]
    floor = max(2.0, INK_ROW_SHARE * float(np.percentile(some, 75))) if some.size else 2.0
    runs = [part for a, b in _runs(counts >= 2) for part in _close_set(counts[a:b], floor, a)]
    if not runs:
        return []
    tallest = max(b - a for a, b in runs)
    i = 0
    while len(runs) > 1 and i < len(runs):
        a, b = runs[i]
        if 2 * (b - a) >= tallest:
            i += 1
            continue
        above = a - runs[i - 1][1] if i > 0 else None
        below = runs[i + 1][0] - b if i + 1 < len(runs) else None
        if below is None or (above is not None and above <= below):
            runs[i - 1][1] = b
        else:
            runs[i + 1][0] = a
        del runs[i]
    return [(a, b) for a, b in runs]


def _runs(flags: np.ndarray[Any, Any]) -> list[list[int]]:
    """Given a flag per row, return its runs of set rows as [first, past the last]."""
    runs: list[list[int]] = []
    for y, dark in enumerate(flags.tolist()):
        if dark and runs and runs[-1][1] == y:
            runs[-1][1] = y + 1
        elif dark:
            runs.append([y, y + 1])
    return runs


def _close_set(counts: np.ndarray[Any, Any], floor: float, start: int) -> list[list[int]]:
    """Given the dark pixels per row of one run of ink (its first row `start`), return it
    parted into lines where it holds two or more runs of rows with `floor` dark pixels or
    more, each cut at the lightest row between two of them; else whole.

    LibreOffice sets a justified paragraph's lines close: scanned, the rows between two
    lines keep a few dark pixels (specks, a stroke's end: 1-6 against 40-130 in the lines
    at 150 dpi), so no blank row parts them.  A line alone keeps its faint rows (the top
    of "8%", a lone "。")."""
    strong = _runs(counts >= floor)
    if len(strong) < 2:
        return [[start, start + len(counts)]]
    cuts = [
        a_end + int(np.argmin(counts[a_end:b_start]))
        for (_, a_end), (b_start, _) in itertools.pairwise(strong)
    ]
    bounds = [0, *cuts, len(counts)]
    return [[start + a, start + b] for a, b in itertools.pairwise(bounds) if b > a]


def read_by_rows(
    crop: np.ndarray[Any, Any],
    rows: list[tuple[int, int]],
    engine: OcrEngine,
    pad: int,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> tuple[OcrLine, ...]:
    """Given a cell's grey crop and lines of ink in it, return each read as one strip without
    detection, in the pixels of the crop padded by `pad` (as `engine.read` gives them).
    Digits read less surely than `min_confidence` get a second look.

    A line of ink is one line of text, whatever the blanks between its glyphs, so the
    recogniser reads the strip whole.  A line's box is its ink; its glyphs are where the
    recogniser saw them (`split_at_gaps` cuts a line run across two columns by them).
    """
    level, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = int(np.median(crop[crop > level])) if (crop > level).any() else 255
    out = []
    for a, b in rows:
        dark = crop[a:b] <= level
        cols, ys = np.flatnonzero(dark.any(axis=0)), np.flatnonzero(dark.any(axis=1))
        if cols.size == 0 or _speck(cols, ys, b - a):
            continue
        # Margins as a detector's box has them: a quarter line above and below, a line's
        # height at either end (a thin grey 。 past the darker ink stays in).
        strip, left = _strip(crop, (a, b), cols, paper, b - a)
        read = engine.read_line(strip)
        if read is not None and read.digits is not None and read.digits < min_confidence:
            # A second look, with half the margin at either end: the same text read with
            # its digits surer says the first reading's doubt was the recogniser's.
            again = engine.read_line(_strip(crop, (a, b), cols, paper, (b - a) // 2)[0])
            if again is not None and again.text == read.text and again.digits is not None:
                read = replace(read, digits=max(read.digits, again.digits))
        if read is not None and read.text:
            x0, x1 = int(cols[0]) + pad, int(cols[-1]) + 1 + pad
            glyphs = tuple((g, gx0 + left + pad, gx1 + left + pad) for g, gx0, gx1 in read.glyphs)
            box = (x0, a + pad, x1, b + pad)
            out.append(OcrLine(read.text, *box, read.confidence, glyphs, read.digits))
    return tuple(out)


def _strip(
    crop: np.ndarray[Any, Any],
    rows: tuple[int, int],
    cols: np.ndarray[Any, Any],
    paper: int,
    end_margin: int,
) -> tuple[np.ndarray[Any, Any], int]:
    """Given a crop, a line's rows and inked columns, the paper's grey and the margin at
    either end, return the strip to read (a quarter line above and below, painted paper:
    lines set close leave their neighbours' strokes there) and the column it starts at."""
    a, b = rows
    mv = round((b - a) / 4)
    left, top = max(0, int(cols[0]) - end_margin), max(0, a - mv)
    strip = crop[top : b + mv, left : int(cols[-1]) + 1 + end_margin].copy()
    strip[: a - top] = strip[b - top :] = paper
    return strip, left


def _speck(cols: np.ndarray[Any, Any], ys: np.ndarray[Any, Any], height: int) -> bool:
    """Given the inked columns and rows of a strip and its line's height, tell whether its
    ink is a speck: narrower and shorter than `SPECK_RATIO` of the line (a lone 。 is ~0.35
    of it each way, a 1 or ， taller; a scan's speck read alone came back as 同)."""
    limit = SPECK_RATIO * height
    return int(cols[-1] - cols[0]) + 1 < limit and int(ys[-1] - ys[0]) + 1 < limit


def text_bands(
    gray: np.ndarray[Any, Any],
    min_gap: int = 6,
    min_dark: int = 12,
    dark_below: int = INK_LEVEL_DARKEST,
) -> tuple[tuple[int, int, int, int], ...]:
    """Given a page with the table painted out, return boxes of its horizontal bands of ink
    (pixels darker than `dark_below`: `ink_level`).

    Reading bands instead of the whole page keeps the detector's input small
    (a whole 150 dpi page costs ~300 MB more and twice the time).  A band reaches
    its height past its first and last dark pixel.
    """
    dark = gray < dark_below
    rows = np.flatnonzero(dark.sum(axis=1) >= 2)
    bands: list[tuple[int, int, int, int]] = []
    if rows.size == 0:
        return ()
    start = prev = int(rows[0])
    for y in [*(int(r) for r in rows[1:]), -1]:
        if y != -1 and y - prev <= min_gap:
            prev = y
            continue
        band = dark[start : prev + 1]
        if int(band.sum()) >= min_dark:
            cols = np.flatnonzero(band.any(axis=0))
            y0, y1 = max(0, start - 3), min(gray.shape[0], prev + 4)
            # A band's ends get a margin of its height (an em or more): a thin grey 。 or 「
            # at a line's end or start is lighter than `dark`, and a crop cutting it
            # through loses it.
            margin = prev + 1 - start
            x0 = max(0, int(cols[0]) - margin)
            x1 = min(gray.shape[1], int(cols[-1]) + margin)
            bands.append((x0, y0, x1, y1))
        start = prev = y
    return tuple(bands)


def _shift(ln: OcrLine, dx: float, dy: float) -> OcrLine:
    glyphs = tuple((t, a + dx, b + dx) for t, a, b in ln.glyphs)
    x0, top, x1, bottom = ln.x0 + dx, ln.top + dy, ln.x1 + dx, ln.bottom + dy
    return replace(ln, x0=x0, top=top, x1=x1, bottom=bottom, glyphs=glyphs)


# --- repair and chars ----------------------------------------------------------------------


HEADER_WORDS: tuple[str, ...] = tuple(
    dict.fromkeys(alt for alts in LABELS for alt in alts if len(alt) >= 4)
)


def repair_label(text: str) -> str:
    """Given one OCR line, return the header label it misreads by one glyph, else the line itself.

    Only a line of a label's length with one substituted glyph is repaired, so
    body text is never rewritten.
    """
    compact = text.replace(" ", "")
    if compact in HEADER_WORDS:
        return text
    for word in HEADER_WORDS:
        if (
            len(compact) == len(word)
            and sum(a != b for a, b in zip(compact, word, strict=True)) == 1
        ):
            return word
    return text


# Words RapidOCR misreads by one look-alike glyph that are never right in these forms.
WORD_FIXES: dict[str, str] = {
    "申辨": "申辦",
    "辨理": "辦理",
    "主辨": "主辦",
    "承辨": "承辦",
    "辨公": "辦公",
    "辨法": "辦法",
    "辨事處": "辦事處",
    "協辨": "協辦",
    "督辨": "督辦",
}
# 瓣 (a petal) for 辦 in the same words: one font's 辦 read so 9 times in a generated form.
WORD_FIXES.update({wrong.replace("辨", "瓣"): right for wrong, right in list(WORD_FIXES.items())})
# 辯 (to argue) for 辦, read so 8-15 times in two generated forms, in the words that are no
# words with 辯 (申辯, 主辯 and 協辯 are: a plea, a lead debater, a co-counsel).
WORD_FIXES.update(
    {
        wrong.replace("辨", "辯"): right
        for wrong, right in list(WORD_FIXES.items())
        if "辨" in wrong and wrong not in ("申辨", "主辨", "協辨")
    }
)
# Latin words the forms print whose "l" OCR reads as "1" ("ca11 center"): a word with a 1
# that reads as one of these with l is that word ("Win11" is none, and stays).
L_WORDS = frozenset(
    "all call cell digital email file full global help hotline html line link local mail "
    "mobile online official portal public skill small tel travel url".split()
)
_LATIN_WORD = regex.compile(r"[A-Za-z1]*1[A-Za-z1]*")
ZERO_LIKE = frozenset("0oO°")
# An item's score line, its colon read as a comma (`repair_text`).
_SCORE_COMMA = regex.compile(r"^(\s*得\s*分\s*)[，,](\s*\d+(?:\.\d+)?\s*)$")
# A bullet read as a dot (`lost_bullets`); never repaired within a line's text, which may
# be a piece cut from a longer one ("1" | ".於101 年": an entry's number and its point).
_DOTS = frozenset(".·・‧∙")


def _cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and ch.isalpha()


def repair_text(text: str) -> str:
    """Given one OCR line, return it with what the forms tell us applied; never invents text.

    Header labels one glyph off, look-alike code points (内→內), words misread by
    one glyph (申辨→申辦), a full stop read as 0/o after a CJK glyph at the
    end of the line ("資訊0" → "資訊。"), a count's thousands comma read as a
    full stop or a full-width comma ("計 5.318 份", "78，158車次" → "5,318", "78,158": a
    count has no fraction, and a count word follows), and a Latin word's "l" read as "1"
    ("ca11 center" → "call center"), and an item's score line whose colon reads as a
    comma ("得分，6": the line holds nothing else, so it is that line).
    """
    fixed = map_lookalikes(repair_label(text))
    for wrong, right in WORD_FIXES.items():
        fixed = fixed.replace(wrong, right)
    fixed = str(OCR_COUNT_POINT.regex.sub(r"\g<head>,\g<tail>", fixed))
    fixed = str(_LATIN_WORD.sub(_one_for_l, fixed))
    fixed = str(_SCORE_COMMA.sub("\\g<1>：\\g<2>", fixed))
    if len(fixed) >= 2 and fixed[-1] in ZERO_LIKE and _cjk(fixed[-2]):
        fixed = fixed[:-1] + "。"
    return fixed


def _one_for_l(m: regex.Match[str]) -> str:
    """Given a Latin word holding a 1, return it with l for 1 where that spells a word of
    `L_WORDS` and it holds a lowercase letter ("A11" may be a code), else as it is."""
    word = str(m.group())
    spelt = word.replace("1", "l")
    return spelt if spelt.lower() in L_WORDS and any(c.islower() for c in word) else word


def stray_full_stops(lines: tuple[OcrLine, ...], size_px: float) -> tuple[OcrLine, ...]:
    """Given a page's lines, return them with a lone tiny "0"/"o" that ends a CJK line as "。".

    Detection often boxes a full stop on its own, and recognition reads the ring as 0.
    """
    out = []
    for ln in lines:
        if ln.text in ZERO_LIKE and ln.x1 - ln.x0 < 0.8 * size_px:
            yc = (ln.top + ln.bottom) / 2
            before = [
                m
                for m in lines
                if m is not ln
                and m.text
                and _cjk(m.text[-1])
                and abs((m.top + m.bottom) / 2 - yc) < 0.4 * size_px
                and -2 <= ln.x0 - m.x1 < size_px
            ]
            if before:
                ln = OcrLine("。", ln.x0, ln.top, ln.x1, ln.bottom, ln.confidence)
        out.append(ln)
    return tuple(out)


def lone_full_stops(
    lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], size_px: float
) -> tuple[OcrLine, ...]:
    """Given a page's lines, its level image and its body size (pixels), return them with a
    "0"/"o" alone on its line under a line ending in a CJK glyph, whose ink is a ring at most
    `FULL_STOP_INK` × body size both ways, as "。".

    A full stop wrapped alone onto a line of its own (reportlab breaks lines without
    kinsoku) is boxed alone and read as 0; glued to the line above as a wrap it made
    "…445場次0" end a paragraph with a count.  A digit 0 is ~0.7 em tall and a Latin o ~0.5,
    a full stop's ring ~0.3; the ring's size is the evidence, the line above its context.
    """
    out = []
    for ln in lines:
        ink = _ink_extent(ln, gray) if ln.text in ZERO_LIKE else None
        if ink is not None and max(ink) <= FULL_STOP_INK * size_px:
            above = [
                m
                for m in lines
                if m is not ln
                and m.text
                and _cjk(m.text[-1])
                and m.x0 - size_px / 2 <= ln.x0 < m.x1
                and size_px / 2 <= ln.top - m.top <= 2 * size_px
            ]
            beside = [m for m in lines if m.x1 <= ln.x0 and m.top < ln.bottom and m.bottom > ln.top]
            if above and not any(m.x1 > min(a.x0 for a in above) for m in beside):
                glyphs = tuple(("。", x0, x1) for _, x0, x1 in ln.glyphs)
                ln = replace(ln, text="。", glyphs=glyphs)
        out.append(ln)
    return tuple(out)


def circled_again(
    lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], engine: OcrEngine
) -> tuple[OcrLine, ...]:
    """Given a page's lines as the engine read them (page pixels), the level image and the
    engine, return them with a number 1-20 opening a line, alone or right before a Han
    glyph, read again on its own with blank around it (`_reads_as`, each width of
    `CIRCLED_LOOKS` in turn), and taken as a circled number where a second look reads
    the same number circled.

    The recogniser reads a scanned ⑤ as "5", ⑦ as "7" before "建立", now and then (its
    sub-indicator then came without a number): a box drawn in to the ink cuts the ring's
    rim, and a ring beside text reads as a digit.  The number alone, with blank around
    it, reads as the ring it is; a plain digit reads as itself.  ⑩ and above read "10"
    either way: such a number is taken circled where its ink is a ring (`ringed`).  Such
    a line is marked `circled`, so `ocr_repair` lists it with what was read first.
    """
    out = []
    for ln in lines:
        m = _OPENING_NUMBER.match(ln.text)
        number = m.group(1) if m else ""
        end = (_number_end(ln, len(number)) if m and m.group(2) else ln.x1) if m else None
        if m and 1 <= int(number) <= 20 and end is not None:
            ring = chr(ord("①") + int(number) - 1)
            k = _glyphs_spelling(ln, len(number))
            if (
                ringed(ln, gray, end)
                if int(number) >= 10
                else _looks_circled(ring, ln, (k, end), gray, engine)
            ):
                glyphs = ((ring, ln.x0, end), *ln.glyphs[k:]) if k or not m.group(2) else ()
                ln = replace(ln, text=ring + ln.text[len(number) :], glyphs=glyphs, circled=True)
        out.append(ln)
    return tuple(out)


def _looks_circled(
    ring: str,
    ln: OcrLine,
    number: tuple[int, float],
    gray: np.ndarray[Any, Any],
    engine: OcrEngine,
) -> bool:
    """Given a circled number 1-9, a line opening with its digits, how many of the line's
    glyphs spell them and where they end (pixels), the level image and the engine, tell
    whether a look at the number alone (`_reads_as`, each width of `CIRCLED_LOOKS`) reads
    it circled."""
    k, end = number
    # The number's middle, as the engine placed its glyphs.
    middle = (ln.glyphs[0][1] + ln.glyphs[k - 1][2]) / 2 if k else (ln.x0 + end) / 2
    return any(_reads_as(ring, ln, gray, (middle, end), half, engine) for half in CIRCLED_LOOKS)


def _reads_as(
    ring: str,
    ln: OcrLine,
    gray: np.ndarray[Any, Any],
    where: tuple[float, float],
    half: float,
    engine: OcrEngine,
) -> bool:
    """Given a circled number, a line opening with its digits, the level image, where the
    number's middle stands and where it ends (pixels), a half-width in line heights and
    the engine, tell whether the number read alone reads as the circled one: a crop
    `half` line heights either side of its middle, never past its end when text follows,
    and `CIRCLED_ABOVE` line heights above and below."""
    middle, end = where
    h = ln.bottom - ln.top
    right = middle + half * h if end >= ln.x1 else min(middle + half * h, end - 0.05 * h)
    top = max(0, round(ln.top - CIRCLED_ABOVE * h))
    bottom = min(gray.shape[0], round(ln.bottom + CIRCLED_ABOVE * h))
    x0, x1 = max(0, round(middle - half * h)), min(gray.shape[1], round(right))
    if x1 - x0 < 3 or bottom - top < 3:
        return False
    again = engine.read_line(_pad(gray[top:bottom, x0:x1]))
    return again is not None and again.text == ring


def ringed(ln: OcrLine, gray: np.ndarray[Any, Any], end: float) -> bool:
    """Given a line opening with a number, the level image and where the number ends
    (pixels), tell whether the number's ink is a ring around it: an outline
    `RING_SQUARE`, `RING_TALL` and `RING_HOLLOW` (see there) within the number's box,
    0.2 line heights wider each way, that is the line's first ink (a glyph after the
    number, 口, where the engine placed the number's end too far, has ink left of it).

    The ring is ink lighter than the digits in a scan (thin, grey): ink here is anything
    `INK_LEVEL_MARGIN` darker than the crop's paper.
    """
    h = ln.bottom - ln.top
    extent = _ink_extent(ln, gray)
    x0, x1 = max(0, round(ln.x0 - 0.2 * h)), min(gray.shape[1], round(end))
    top = max(0, round(ln.top - 0.2 * h))
    bottom = min(gray.shape[0], round(ln.bottom + 0.2 * h))
    if extent is None or x1 - x0 < 3 or bottom - top < 3:
        return False
    crop = gray[top:bottom, x0:x1]
    ink = (crop < float(np.median(crop)) - INK_LEVEL_MARGIN).astype(np.uint8)
    outlines, tree = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if tree is None:
        return False
    first = int(np.flatnonzero(ink.any(axis=0))[0]) if ink.any() else 0
    for i, outline in enumerate(outlines):
        if tree[0][i][3] != -1:
            continue  # a hole
        left, _, w, high = cv2.boundingRect(outline)
        if left > first + 0.15 * h:
            continue  # ink stands left of it: a glyph after the number (口), no ring
        holes = sum(
            cv2.contourArea(outlines[j]) for j in range(len(outlines)) if tree[0][j][3] == i
        )
        if (
            RING_SQUARE[0] * high <= w <= RING_SQUARE[1] * high
            and high >= RING_TALL * extent[1]
            and holes >= RING_HOLLOW * cv2.contourArea(outline)
        ):
            return True
    return False


# A line opening with a number, alone or right before a Han glyph (`circled_again`).
_OPENING_NUMBER = regex.compile(r"(\d{1,2})(?:$|(\p{Han}))")


def _glyphs_spelling(ln: OcrLine, chars: int) -> int:
    """Given a line and a count of its opening characters, return how many of its glyphs
    spell exactly those (0 where a glyph straddles them or the line has none)."""
    spelt = 0
    for k, (g, _, _) in enumerate(ln.glyphs):
        if spelt == chars:
            return k
        spelt += len(g)
    return len(ln.glyphs) if spelt == chars else 0


def _number_end(ln: OcrLine, chars: int) -> float | None:
    """Given a line opening with a number of `chars` digits and a Han glyph, return where
    the engine placed that glyph's start (pixels), or None where its glyphs do not say."""
    k = _glyphs_spelling(ln, chars)
    return float(ln.glyphs[k][1]) if 0 < k < len(ln.glyphs) else None


def phantom_strokes(
    lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], size_px: float
) -> tuple[OcrLine, ...]:
    """Given a page's lines, its level image and its body size (pixels), return them with a
    line read as one upright stroke ("1", "l", "I", "|") or ticks ("`", "``", "'") below
    `DEFAULT_MIN_CONFIDENCE`, whose ink is no stroke's (under `PHANTOM_INK` ems tall),
    emptied: the engine read something that is not there (`ocr_repair` lists it as read
    and dropped).

    A units cell's blank under "IT組" read "1" at 0.41 (a scan's specks and the cell's
    rule's edge, 2 em wide and a quarter em tall), and the row got a unit named "1"; specks
    under an item's score read "``" at 0.38 made that copy of the item's cell a new item.
    """
    out = []
    for ln in lines:
        ticks = bool(ln.text) and set(ln.text) <= _TICKS
        if (ln.text in _STROKES or ticks) and ln.confidence < DEFAULT_MIN_CONFIDENCE:
            ink = _ink_extent(ln, gray)
            if ink is None or ink[1] < PHANTOM_INK * size_px:
                ln = replace(ln, text="", glyphs=())
        out.append(ln)
    return tuple(out)


_STROKES = frozenset("1lI|")
# Ticks no form prints alone on a line (`phantom_strokes`): a speck beside an item's name
# read "`" at 0.45 on a 200 dpi scan made that copy of the cell a new item.
_TICKS = frozenset("`´'‘’")


def flat_dashes(
    lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], size_px: float
) -> tuple[OcrLine, ...]:
    """Given a page's lines, its level image and its body size (pixels), return them with a
    line read as "=" alone below `DEFAULT_MIN_CONFIDENCE`, whose ink is one flat stroke
    (under `DASH_INK` ems tall, where = stands two strokes apart), read as the dash it
    is (`ocr_repair` lists it).

    A page footer's grey "- 9 -" read "-", "9", "=" (at 0.23), which no footer is.
    """
    out = []
    for ln in lines:
        if ln.text in ("=", "＝") and ln.confidence < DEFAULT_MIN_CONFIDENCE:
            ink = _ink_extent(ln, gray)
            if ink is not None and ink[1] < DASH_INK * size_px:
                ln = replace(ln, text="-", glyphs=tuple(("-", a, b) for _, a, b in ln.glyphs))
        out.append(ln)
    return tuple(out)


def lost_brackets(
    lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], size_px: float
) -> tuple[tuple[OcrLine, ...], dict[int, str]]:
    """Given a page's lines, its level image and its body size (pixels), return them with
    the opening bracket the engine left out of a line that opens with a digit and closes
    a bracket it never opened ("5分)") put back where its ink stands, and per line changed
    what the engine read (`ocr_repair` lists them).

    An item's "(5分)" read "5分)" made the item cell's text unlike its copies on the same
    page, and a new item.  The bracket is one piece of ink left of the line, within 0.6
    em, no wider than `BRACKET_MAX_INK` ems and at least `BRACKET_MIN_HEIGHT` ems tall,
    that no other line covers; a line wrapped inside brackets ("(本項配分" / "5分)") has
    none there."""
    out = list(lines)
    raw: dict[int, str] = {}
    for i, ln in enumerate(lines):
        text = ln.text
        opened = text.count("(") + text.count("（")
        if not text[:1].isdigit() or text.count(")") + text.count("）") <= opened:
            continue
        left = _bracket_left(ln, lines, gray, size_px)
        if left is None:
            continue
        bracket = "(" if ")" in text else "（"
        glyphs = ((bracket, left, ln.x0), *ln.glyphs) if ln.glyphs else ()
        out[i] = replace(ln, text=bracket + text, x0=left, glyphs=glyphs)
        raw[i] = text
    return tuple(out), raw


def _bracket_left(
    ln: OcrLine, lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], size_px: float
) -> float | None:
    """Given a line, the page's lines, the level image and the body size, return where the
    ink of a bracket standing alone left of the line begins (pixels), or None.

    The region looked at reaches `BRACKET_REACH` ems left of the line's box; a piece it
    cuts at its left is not whole and no bracket, and specks touching its right edge are
    the line's first glyph, which its box cut (a box fitted to "2分)" leaves the 2's hook
    out).  A bracket stands as tall as the line's ink (its glyphs and 分) within
    `BRACKET_TALL` of it: a digit the engine left out with the bracket ("(30分)" read
    "0分)": the 3 is a piece left of the line too) is shorter, and is no bracket."""
    x0, x1 = max(0, round(ln.x0 - BRACKET_REACH * size_px)), round(ln.x0) - 1
    top = max(0, round(ln.top - 0.2 * size_px))
    bottom = min(gray.shape[0], round(ln.bottom + 0.2 * size_px))
    if x1 - x0 < 3 or bottom - top < 3 or round(ln.x1) <= round(ln.x0):
        return None
    if any(
        m is not ln and m.x1 > x0 and m.x0 < x1 and m.top < bottom and m.bottom > top for m in lines
    ):
        return None
    n, stats, _centres = _pieces_beside(ln, (x0, top, x1, bottom), gray)
    pieces = [
        (
            int(stats[k, cv2.CC_STAT_LEFT]),
            int(stats[k, cv2.CC_STAT_WIDTH]),
            int(stats[k, cv2.CC_STAT_HEIGHT]),
        )
        for k in range(1, n)
        if stats[k, cv2.CC_STAT_AREA] >= 3 and stats[k, cv2.CC_STAT_HEIGHT] < 0.9 * (bottom - top)
    ]
    pieces = [
        (left, width, height)
        for left, width, height in pieces
        if left + width < x1 - x0 or height >= BRACKET_MIN_HEIGHT * size_px
    ]
    if len(pieces) != 1:
        return None  # nothing, specks beside a stroke, or a rule crossing the region
    left, width, height = pieces[0]
    if left == 0 or width > BRACKET_MAX_INK * size_px or height < BRACKET_MIN_HEIGHT * size_px:
        return None
    extent = _ink_extent(ln, gray)  # the line's ink, measured only for a bracket's shape
    if extent is None or height < BRACKET_TALL * extent[1]:
        return None
    return float(x0 + left)


def lost_marks(
    lines: tuple[OcrLine, ...],
    gray: np.ndarray[Any, Any],
    cells: tuple[tuple[int, int, int, int], ...],
    size_px: float,
) -> tuple[tuple[OcrLine, ...], dict[int, str]]:
    """Given a page's lines, its level image, its cells and its body size (pixels), return
    the lines with each full stop or colon the engine left unread put back, and per line
    added or changed what the engine read there (`ocr_repair` lists them; "" for a line
    added).

    reportlab wraps a mark alone onto a line of its own ("推動「優良計量管理制度」" / "："),
    grey and small in a scan: detection leaves it out, and the heading's colon or the
    paragraph's full stop was lost; a grey 。 ending a line is left out as well ("…平均辦理
    天數23日").  A mark is ink no line's box covers, shaped as one (`_mark_shape`: a
    ring, 。, or two dots one above the other, ：), either alone on its row of the cell,
    just under a line that ends in no mark, within `MARK_REACH` ems of that line's start
    (put back as a line of its own), or on a line's row right after its end, within
    `MARK_GAP` ems, nothing after it (put back at the line's end).  Nothing else is.
    """
    added: dict[int, list[OcrLine]] = {}
    ended: dict[int, OcrLine] = {}
    for cell, inside, masked in _mark_regions(lines, gray, cells):
        for text, box in _cell_marks(gray, cell, lines, size_px, masked):
            left, right = box[0] - 0.1 * size_px, box[0] + 0.9 * size_px
            before = _line_before(lines, inside, box, size_px)
            if before is not None and before not in ended:
                ln = lines[before]
                glyphs = (*ln.glyphs, (text, left, right)) if ln.glyphs else ()
                ended[before] = replace(ln, text=ln.text + text, x1=right, glyphs=glyphs)
                continue
            above = _line_above(lines, inside, box, size_px)
            if above is not None:
                conf = lines[above].confidence
                mark = OcrLine(text, left, box[1], right, box[3], conf, ((text, left, right),))
                added.setdefault(above, []).append(mark)
    out: list[OcrLine] = []
    raw: dict[int, str] = {}
    for i, ln in enumerate(lines):
        if i in ended:
            raw[len(out)] = ln.text
        out.append(ended.get(i, ln))
        for mark in added.get(i, []):
            raw[len(out)] = ""
            out.append(mark)
    return tuple(out), raw


def _mark_regions(
    lines: tuple[OcrLine, ...],
    gray: np.ndarray[Any, Any],
    cells: tuple[tuple[int, int, int, int], ...],
) -> list[tuple[tuple[int, int, int, int], list[int], tuple[tuple[int, int, int, int], ...]]]:
    """Given a page's lines, its level image and its cells, return where `lost_marks` looks:
    each cell holding lines, with their indices, and the page itself, with the cells left
    out, for the lines outside every cell (a form drawn without rules)."""

    def within(ln: OcrLine, box: tuple[int, int, int, int]) -> bool:
        x0, y0, x1, y1 = box
        return x0 <= (ln.x0 + ln.x1) / 2 <= x1 and y0 <= (ln.top + ln.bottom) / 2 <= y1

    out: list[
        tuple[tuple[int, int, int, int], list[int], tuple[tuple[int, int, int, int], ...]]
    ] = []
    for cell in cells:
        inside = [i for i, ln in enumerate(lines) if within(ln, cell)]
        if inside:
            out.append((cell, inside, ()))
    loose = [i for i, ln in enumerate(lines) if not any(within(ln, c) for c in cells)]
    if loose:
        out.append(((0, 0, gray.shape[1], gray.shape[0]), loose, cells))
    return out


def _line_before(
    lines: tuple[OcrLine, ...],
    inside: list[int],
    box: tuple[float, float, float, float],
    size_px: float,
) -> int | None:
    """Given a page's lines, the indices of a cell's, and a mark's ink box, return the line
    the mark ends on its own row: its box level with the mark's ink (within a fifth of an
    em), ending in no mark at most `MARK_GAP` ems before it, no line after the mark within
    an em; else None."""
    x0, top, x1, bottom = box
    level = [
        i
        for i in inside
        if lines[i].top - 0.2 * size_px <= top and bottom <= lines[i].bottom + 0.2 * size_px
    ]
    if any(lines[i].x0 >= x1 and lines[i].x0 - x1 < size_px for i in level):
        return None
    ends = [i for i in level if 0 <= x0 - lines[i].x1 <= MARK_GAP * size_px]
    if len(ends) != 1:
        return None
    text = lines[ends[0]].text
    return ends[0] if text and text[-1] not in _ENDING_MARKS else None


def _shifted(read: dict[int, str], added: set[int]) -> dict[int, str]:
    """Given what the engine read per line index and the indices of lines added among
    them, return the same keyed by the lines' new indices."""
    news = sorted(added)
    out: dict[int, str] = {}
    for i, text in read.items():
        k = i
        for a in news:
            if a <= k:
                k += 1
        out[k] = text
    return out


def _line_above(
    lines: tuple[OcrLine, ...],
    inside: list[int],
    box: tuple[float, float, float, float],
    size_px: float,
) -> int | None:
    """Given a page's lines, the indices of a cell's, and a mark's ink box, return the line
    the mark ends: the last of the row of lines nearest above it, within an em and a half,
    ending in no mark, the mark within `MARK_REACH` ems right of the row's start; None
    where a line shares the mark's rows or there is no such line."""
    x0, top, _, bottom = box
    if any(lines[i].top < bottom and lines[i].bottom > top for i in inside):
        return None
    over = [i for i in inside if lines[i].bottom <= top + 0.2 * size_px]
    if not over:
        return None
    low = max(lines[i].bottom for i in over)
    row = [i for i in over if lines[i].bottom >= low - size_px / 2]  # the row just above
    k = max(row, key=lambda i: lines[i].x1)
    start = min(lines[i].x0 for i in row)
    text = lines[k].text
    if not text or text[-1] in _ENDING_MARKS or top - low > 1.5 * size_px:
        return None
    return k if start - size_px / 2 <= x0 <= start + MARK_REACH * size_px else None


def _cell_marks(
    gray: np.ndarray[Any, Any],
    cell: tuple[int, int, int, int],
    lines: tuple[OcrLine, ...],
    size_px: float,
    masked: tuple[tuple[int, int, int, int], ...] = (),
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Given the level image, a cell (or the page), the page's lines, the body size and
    boxes to leave out (the cells, when the page is looked at), return the marks
    (`_mark_shape`) its ink outside every line's box (grown by 0.15 em up and down, 0.05
    across: boxes are fitted to their ink across) makes, each with its ink's box in page
    pixels."""
    inset = DEFAULT_CELL_INSET_PX + 1
    x0, y0, x1, y1 = cell[0] + inset, cell[1] + inset, cell[2] - inset, cell[3] - inset
    if x1 - x0 < 3 or y1 - y0 < 3:
        return []
    crop = gray[y0:y1, x0:x1]
    level, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = (crop <= level).astype(np.uint8)
    grow, side = 0.15 * size_px, 0.05 * size_px  # boxes are fitted to their ink across
    for ln in lines:
        a, b = max(0, math.floor(ln.top - grow) - y0), math.ceil(ln.bottom + grow) - y0
        c, d = max(0, math.floor(ln.x0 - side) - x0), math.ceil(ln.x1 + side) - x0
        if b > 0 and d > 0:
            ink[a:b, c:d] = 0
    for mx0, my0, mx1, my1 in masked:
        ink[max(0, my0 - y0) : max(0, my1 - y0), max(0, mx0 - x0) : max(0, mx1 - x0)] = 0
    n, _labels, stats, _centres = cv2.connectedComponentsWithStats(ink)
    pieces = [
        tuple(int(v) for v in stats[k][:5])
        for k in range(1, n)
        if stats[k, cv2.CC_STAT_AREA] >= 2 and stats[k, cv2.CC_STAT_HEIGHT] < 0.6 * size_px
    ]
    if not pieces or len(pieces) > 200:
        return []  # nothing left, or a page of noise
    out = []
    for group in _near_groups(pieces, 0.5 * size_px):
        text = _mark_shape(group, ink, size_px)
        if text:
            gx0 = min(p[0] for p in group)
            gy0 = min(p[1] for p in group)
            gx1 = max(p[0] + p[2] for p in group)
            gy1 = max(p[1] + p[3] for p in group)
            out.append((text, (float(x0 + gx0), float(y0 + gy0), float(x0 + gx1), float(y0 + gy1))))
    return out


def _near_groups(pieces: list[tuple[int, ...]], reach: float) -> list[list[tuple[int, ...]]]:
    """Given pieces of ink (x, y, w, h, area), return them grouped: pieces whose boxes stand
    less than `reach` apart, directly or through others, make one group."""
    groups: list[list[tuple[int, ...]]] = []
    for p in sorted(pieces, key=lambda q: (q[1], q[0])):
        near = [g for g in groups if any(_box_gap(p, q) < reach for q in g)]
        merged = [p, *(q for g in near for q in g)]
        groups = [g for g in groups if not any(g is h for h in near)] + [merged]
    return groups


def _box_gap(p: tuple[int, ...], q: tuple[int, ...]) -> float:
    """Given two pieces of ink (x, y, w, h, …), return the blank between their boxes."""
    dx = max(0, max(p[0], q[0]) - min(p[0] + p[2], q[0] + q[2]))
    dy = max(0, max(p[1], q[1]) - min(p[1] + p[3], q[1] + q[3]))
    return float(max(dx, dy))


def _mark_shape(group: list[tuple[int, ...]], ink: np.ndarray[Any, Any], size_px: float) -> str:
    """Given a group of pieces of ink (x, y, w, h, area), the cell's ink and the body size,
    return "。" for a ring (one piece `MARK_RING` ems across both ways, hollow: a pixel of
    its middle third blank), "：" for two dots one above the
    other (each under `MARK_DOT` ems, centres within 0.15 em across and `MARK_COLON` ems
    apart down), else ""."""
    lo, hi = MARK_RING[0] * size_px, MARK_RING[1] * size_px
    if len(group) == 1:
        x, y, w, h = group[0][:4]
        middle = ink[y + h // 3 : y + h - h // 3, x + w // 3 : x + w - w // 3]
        hollow = middle.size > 0 and not middle.all()
        return "。" if lo <= w <= hi and lo <= h <= hi and hollow else ""
    if len(group) == 2:
        a, b = sorted(group, key=lambda p: p[1])
        dot = MARK_DOT * size_px
        if max(a[2], a[3], b[2], b[3]) > dot:
            return ""
        dx = abs((a[0] + a[2] / 2) - (b[0] + b[2] / 2))
        dy = (b[1] + b[3] / 2) - (a[1] + a[3] / 2)
        if dx <= 0.15 * size_px and MARK_COLON[0] * size_px <= dy <= MARK_COLON[1] * size_px:
            return "："
    return ""


def _ink_extent(ln: OcrLine, gray: np.ndarray[Any, Any]) -> tuple[int, int] | None:
    """Given a line and the level image, return the width and height (pixels) of the ink in
    its box (Otsu's threshold of the box; pieces of fewer than 3 pixels are noise), or None
    where the box holds none."""
    top, bottom = max(0, math.floor(ln.top)), min(gray.shape[0], math.ceil(ln.bottom))
    x0, x1 = max(0, math.floor(ln.x0)), min(gray.shape[1], math.ceil(ln.x1))
    if bottom - top < 3 or x1 - x0 < 3:
        return None
    band = gray[top:bottom, x0:x1]
    level, _ = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    n, _labels, stats, _centres = cv2.connectedComponentsWithStats((band <= level).astype(np.uint8))
    pieces = [k for k in range(1, n) if stats[k, cv2.CC_STAT_AREA] >= 3]
    if not pieces:
        return None
    left = min(int(stats[k, cv2.CC_STAT_LEFT]) for k in pieces)
    right = max(int(stats[k, cv2.CC_STAT_LEFT] + stats[k, cv2.CC_STAT_WIDTH]) for k in pieces)
    high = min(int(stats[k, cv2.CC_STAT_TOP]) for k in pieces)
    low = max(int(stats[k, cv2.CC_STAT_TOP] + stats[k, cv2.CC_STAT_HEIGHT]) for k in pieces)
    return right - left, low - high


def flush_right(
    lines: tuple[OcrLine, ...],
    cells: tuple[tuple[int, int, int, int], ...],
    size_px: float,
    ratio: float = DEFAULT_FLUSH_RATIO,
) -> tuple[OcrLine, ...]:
    """Given a page's lines and cells, return them with lines ending just short of their
    column's right edge ending on it.

    Detection boxes stop at a glyph's ink, so a full line ending in 、 or 。 looks
    up to half a glyph short, which the stitcher would take for a paragraph's end.
    The edge is the rightmost line end among cells sharing a right border.
    """
    column_of: dict[int, int] = {}
    for i, ln in enumerate(lines):
        xc, yc = (ln.x0 + ln.x1) / 2, (ln.top + ln.bottom) / 2
        for x0, y0, x1, y1 in cells:
            if x0 <= xc <= x1 and y0 <= yc <= y1:
                column_of[i] = round(x1 / 4)
                break
    edges: dict[int, float] = {}
    for i, key in column_of.items():
        edges[key] = max(edges.get(key, 0.0), lines[i].x1)
    out = list(lines)
    for i, key in column_of.items():
        ln = lines[i]
        if 0 < edges[key] - ln.x1 <= ratio * size_px:
            out[i] = replace(ln, x1=edges[key])
    return tuple(out)


def trim_to_glyphs(
    lines: tuple[OcrLine, ...], size_px: float, ratio: float = DEFAULT_BOX_OVERSHOOT_RATIO
) -> tuple[OcrLine, ...]:
    """Given a page's lines and its body size (pixels), return them with a box that reaches
    more than `ratio` × body size past its glyphs cut back to that.

    Glyphs are spread over the box, so a box grown towards the next column
    ("…減少內" boxed over the blank up to "各課室") would push its last glyphs into it.
    """
    out = []
    for ln in lines:
        if ln.glyphs and _spells(ln):
            pad = ratio * size_px
            x0 = max(ln.x0, ln.glyphs[0][1] - pad)
            x1 = min(ln.x1, ln.glyphs[-1][2] + pad)
            if x0 < x1 and (x0, x1) != (ln.x0, ln.x1):
                ln = replace(ln, x0=x0, x1=x1)
        out.append(ln)
    return tuple(out)


def fit_to_ink(lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
    """Given a page's lines and its level image, return them with each box's ends drawn in
    to the first and last column of ink inside it (Otsu's threshold of the line's strip).

    Detection pads its boxes (~0.1-0.3 em each side), and glyphs are spread over the box,
    so a units line "五堵辦事處" came out 65 pt wide for 60 printed, as if it filled its
    column (`unit_wraps`).  A box is only ever narrowed; a box with no ink is kept."""
    out = []
    for ln in lines:
        x0 = max(0, math.floor(ln.x0))
        inked = _line_ink(ln, gray, x0, math.ceil(ln.x1))
        cols = np.flatnonzero(inked) if inked is not None else np.empty(0)
        if cols.size == 0:
            out.append(ln)
            continue
        left, right = max(ln.x0, float(x0 + cols[0])), min(ln.x1, float(x0 + cols[-1] + 1))
        out.append(ln if (left, right) == (ln.x0, ln.x1) else replace(ln, x0=left, x1=right))
    return tuple(out)


def fit_rows_to_ink(
    lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], size_px: float
) -> tuple[OcrLine, ...]:
    """Given a page's lines, its level image and its body size (pixels), return them with
    the top and bottom of each box that holds an ideograph or a digit drawn in to its own
    rows of ink: of the runs of rows with two dark pixels or more (Otsu's threshold of the
    box), those less than `INK_GAP_RATIO` × body size apart make one run, and the run with
    the most ink is the line's (a neighbour's strokes reaching into the box stand a line's
    blank away).

    A line's height is placed by its box's middle, and detection pads a box unevenly:
    "達70%。" was boxed 3 pt below its ink, 0.22 em lower than its paragraph's pitch, and
    read as a paragraph of its own.  An ideograph's ink spans its em, so the ink's rows
    place such a line, and so do a digit's (~0.7 em on the baseline: its middle within
    0.05 em of the em's); a line left at its box's middle would stand off one so placed by
    the padding (".8%。" under "…比率達63" opened a paragraph).  Punctuation alone keeps its
    box (a "。" sits low), and so does a line whose ink found is under half an em tall.
    Rows dark across the box are a ruling's (a subtotal row's "小計" boxed over the table's
    rule).  A box is only ever narrowed."""
    out = []
    for ln in lines:
        top, bottom = max(0, math.floor(ln.top)), min(gray.shape[0], math.ceil(ln.bottom))
        x0, x1 = max(0, math.floor(ln.x0)), min(gray.shape[1], math.ceil(ln.x1))
        if (
            not any(_ideograph(ch) or ch.isdigit() for ch in ln.text)
            or min(bottom - top, x1 - x0) < 3
        ):
            out.append(ln)
            continue
        band = gray[top:bottom, x0:x1]
        level, _ = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        dark = (band <= level).sum(axis=1)
        dark[dark >= 0.9 * (x1 - x0)] = 0  # a ruling across the box is no glyph's ink
        run = _inkiest_run(dark, INK_GAP_RATIO * size_px, INK_TALLEST * size_px)
        if run is None or run[1] - run[0] < size_px / 2:
            out.append(ln)  # no ink an ideograph's height: the box tells more
            continue
        high, low = max(ln.top, float(top + run[0])), min(ln.bottom, float(top + run[1]))
        out.append(ln if (high, low) == (ln.top, ln.bottom) else replace(ln, top=high, bottom=low))
    return tuple(out)


def _inkiest_run(
    dark: np.ndarray[Any, Any], gap: float, tallest: float = math.inf
) -> tuple[int, int] | None:
    """Given the dark pixels per row, return the run of rows with two or more (runs less
    than `gap` rows apart joined, unless that makes one taller than `tallest` rows: no
    line's ink is) holding the most of them, as (first, past the last)."""
    runs: list[list[int]] = []
    for a, b in _runs(dark >= 2):
        if runs and a - runs[-1][1] < gap and b - runs[-1][0] <= tallest:
            runs[-1][1] = b
        else:
            runs.append([a, b])
    if not runs:
        return None
    a, b = max(runs, key=lambda ab: int(dark[ab[0] : ab[1]].sum()))
    return a, b


def lost_bullets(
    lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], size_px: float
) -> tuple[tuple[OcrLine, ...], dict[int, str]]:
    """Given a page's lines, its level image and its body size (pixels), return them with
    each line's bullet the engine dropped or read as a dot put back as "•", and per line
    changed or added its index and what the engine read there ("" for nothing:
    `ocr_repair` lists them).

    At 150 dpi a bullet is a dot of 3-5 pixels.  Detection leaves it out of the line's box
    ("•" / "自112年8月26日起…" read "自112年…"), so the recogniser never sees it (`_bullet_dot`
    finds its ink), or boxes it alone and reads it as "." (a dot-like line alone, level
    with the line's middle, left of it within `BULLET_REACH`).
    """
    out = list(lines)
    raw: dict[int, str] = {}
    before: dict[int, OcrLine] = {}
    for i, ln in enumerate(lines):
        if not ln.text or BULLET.regex.match(ln.text):
            continue
        region = _bullet_region(ln, size_px, gray.shape)
        if region is None:
            continue
        x0, top, x1, bottom = region
        others = [
            k
            for k, m in enumerate(lines)
            if m is not ln and m.x1 > x0 and m.x0 < x1 and m.top < bottom and m.bottom > top
        ]
        if not others:
            dot = _bullet_dot(ln, region, gray, size_px)
            if dot is not None:
                before[i] = dot
        elif len(others) == 1 and _read_as_dot(lines[others[0]], ln, size_px):
            k = others[0]
            raw[k] = lines[k].text
            out[k] = replace(lines[k], text="•", glyphs=(("•", lines[k].x0, lines[k].x1),))
    result: list[OcrLine] = []
    shifted: dict[int, str] = {}
    for i, ln in enumerate(out):
        if i in before:
            shifted[len(result)] = ""
            result.append(before[i])
        if i in raw:
            shifted[len(result)] = raw[i]
        result.append(ln)
    return tuple(result), shifted


def _bullet_region(
    ln: OcrLine, size_px: float, shape: tuple[int, ...]
) -> tuple[int, int, int, int] | None:
    """Given a line, the body size and the page's shape, return where its bullet would
    stand (x0, top, x1, bottom in pixels): left of it within `BULLET_REACH`, an em and a
    bit high around its middle; None where there is no room."""
    yc = (ln.top + ln.bottom) / 2
    x0, x1 = max(0, round(ln.x0 - BULLET_REACH * size_px)), round(ln.x0 - 0.05 * size_px)
    top, bottom = max(0, round(yc - 0.6 * size_px)), min(shape[0], round(yc + 0.6 * size_px))
    if x1 - x0 < 3 or bottom - top < 3 or round(ln.x1) <= round(ln.x0):
        return None
    return x0, top, x1, bottom


def _read_as_dot(m: OcrLine, ln: OcrLine, size_px: float) -> bool:
    """Given a line read left of another, tell whether it is that line's bullet read as a
    dot: one dot-like glyph, boxed narrower than half an em, level with its middle."""
    mid = abs((m.top + m.bottom) / 2 - (ln.top + ln.bottom) / 2)
    return m.text in _DOTS and m.x1 - m.x0 <= size_px / 2 and mid <= BULLET_CENTRE * size_px


def _pieces_beside(
    ln: OcrLine, region: tuple[int, int, int, int], gray: np.ndarray[Any, Any]
) -> tuple[int, np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Given a line, a region beside it (x0, top, x1, bottom in pixels) and the level image,
    return the pieces of ink in the region as OpenCV gives them (count with the background,
    stats, centres), the ink judged by the line's own threshold: a blank region's own
    would find ink in its noise."""
    x0, top, x1, bottom = region
    strip = gray[top:bottom, max(0, round(ln.x0)) : min(gray.shape[1], round(ln.x1))]
    level, _ = cv2.threshold(strip, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = (gray[top:bottom, x0:x1] <= level).astype(np.uint8)
    n, _labels, stats, centres = cv2.connectedComponentsWithStats(ink)
    return int(n), stats, centres


def _bullet_dot(
    ln: OcrLine,
    region: tuple[int, int, int, int],
    gray: np.ndarray[Any, Any],
    size_px: float,
) -> OcrLine | None:
    """Given a line, where its bullet would stand (`_bullet_region`), the level image and
    the body size, return a "•" line where one dot of ink (`BULLET_DOT`), and nothing else
    but rules, stands there level with the line's middle; else None."""
    x0, top, x1, bottom = region
    yc = (ln.top + ln.bottom) / 2
    n, stats, centres = _pieces_beside(ln, region, gray)
    dots = []
    for k in range(1, n):
        w, h = int(stats[k, cv2.CC_STAT_WIDTH]), int(stats[k, cv2.CC_STAT_HEIGHT])
        if h >= 0.9 * (bottom - top) or w >= 0.9 * (x1 - x0):
            continue  # a rule crossing the region
        dots.append((w, h, float(centres[k][0]), float(centres[k][1])))
    if len(dots) != 1:
        return None
    w, h, cx, cy = dots[0]
    lo, hi = BULLET_DOT[0] * size_px, BULLET_DOT[1] * size_px
    if not (lo <= w <= hi and lo <= h <= hi) or abs(top + cy - yc) > BULLET_CENTRE * size_px:
        return None
    left = x0 + cx - size_px / 2
    right = min(x0 + cx + size_px / 2, ln.x0 - 1)
    return OcrLine("•", left, ln.top, right, ln.bottom, ln.confidence, (("•", left, right),))


def split_at_gaps(
    lines: tuple[OcrLine, ...],
    gray: np.ndarray[Any, Any],
    size_px: float,
    ratio: float = DEFAULT_SPLIT_GAP_RATIO,
) -> tuple[OcrLine, ...]:
    """Given a page's lines, its level image and its body size (pixels), return the lines cut
    where the page shows a blank wider than `ratio` × body size between two glyphs.

    Where no rule parts two columns, detection runs two cells' texts into one line
    ("服務流程標準化" … "1.簡化申辦流程"), and glyphs spread evenly over its box would
    put the "1" in the wrong column.  The blank is measured in the image between the
    centres of the glyphs the engine placed (its boxes are too coarse), and the pieces
    end and start where the ink does: a column's margin can be as narrow as a printed
    space (half an em), so only the columns the grid finds can tell them apart, and
    the grid reads a blank inside a cell as the space it is.  A line whose glyphs do
    not spell its text is kept whole.
    """
    out: list[OcrLine] = []
    for ln in lines:
        cuts = _gap_cuts(ln, gray, ratio * size_px, size_px)
        if not cuts:
            out.append(ln)
            continue
        spelt = _glyph_texts(ln)
        ends = [(0, ln.x0, ln.x0), *cuts, (len(ln.glyphs), ln.x1, ln.x1)]
        for (a, _, start), (b, stop, _) in itertools.pairwise(ends):
            text = "".join(spelt[a:b]).strip()
            out.append(replace(ln, text=text, x0=start, x1=stop, glyphs=ln.glyphs[a:b]))
    return tuple(out)


def _gap_cuts(
    ln: OcrLine, gray: np.ndarray[Any, Any], min_blank: float, size_px: float
) -> list[tuple[int, float, float]]:
    """Given a line and the page, return per cut the index of the glyph opening the next
    piece and where the blank before it starts and ends (page pixels; see split_at_gaps)."""
    if len(ln.glyphs) < 2 or not _spells(ln) or _evenly_spread(ln, size_px):
        return []
    x0 = max(0, round(ln.x0))
    inked = _line_ink(ln, gray, x0, round(ln.x1))
    if inked is None:
        return []
    cuts = []
    for i, (a, b) in enumerate(itertools.pairwise(ln.glyphs)):
        lo = max(0, round((a[1] + a[2]) / 2) - x0)
        hi = max(lo, round((b[1] + b[2]) / 2) - x0)
        # Full-width punctuation leaves most of its em blank (，。、「): count half an em
        # of it as the glyph's own.
        need = min_blank + size_px / 2 * (_wide_punct(a[0][-1]) + _wide_punct(b[0][0]))
        start, width = _longest_blank(inked[lo:hi])
        # Two ideographs side by side stand an em apart centre to centre whatever their
        # ink (目 and 一 leave half an em blank beside them); a space or a margin adds half
        # an em at least.
        pitch = (b[1] + b[2] - a[1] - a[2]) / 2
        if _ideograph_pair(a[0], b[0]) and pitch < DEFAULT_SPLIT_PITCH_RATIO * size_px:
            continue
        if width > need:
            cuts.append((i + 1, float(x0 + lo + start), float(x0 + lo + start + width)))
    return cuts


def _evenly_spread(ln: OcrLine, size_px: float) -> bool:
    """Given a line and the body size (pixels), tell whether it is three ideographs or more
    spread evenly by justification (SPREAD_PITCH_RATIO, SPREAD_EVEN): one line of one cell,
    whatever blank its spread leaves (LibreOffice's "五 堵 辦 事 處", 1.37 em apart), not two
    cells' texts, which would stand a margin further apart at one place only."""
    if len(ln.glyphs) < 3 or not all(_ideograph(g) for g, _, _ in ln.glyphs):
        return False
    centres = [(a + b) / 2 for _, a, b in ln.glyphs]
    pitches = [b - a for a, b in itertools.pairwise(centres)]
    least = min(pitches)
    return least > SPREAD_PITCH_RATIO * size_px and max(pitches) - least < SPREAD_EVEN * size_px


def _line_ink(
    ln: OcrLine, gray: np.ndarray[Any, Any], x0: int, x1: int
) -> np.ndarray[Any, Any] | None:
    """Given a line, the page and the pixel columns `x0`-`x1` of its box (the caller's
    rounding), return per column of the box whether it holds ink (`_inked_columns`), or
    None where the box holds no pixel of the page."""
    top, bottom = max(0, round(ln.top)), min(gray.shape[0], round(ln.bottom))
    x1 = min(gray.shape[1], x1)
    if bottom <= top or x1 <= x0:
        return None
    return _inked_columns(gray[top:bottom, x0:x1])


BRACKET_WIDTHS: dict[str, tuple[str, str]] = {
    "(": ("(", "（"),
    "（": ("(", "（"),
    ")": (")", "）"),
    "）": (")", "）"),
}


def bracket_widths(
    lines: tuple[OcrLine, ...], gray: np.ndarray[Any, Any], size_px: float
) -> tuple[OcrLine, ...]:
    """Given a page's lines, its level image and its body size (pixels), return the lines
    with each bracket between two ideographs made half- or full-width as its ink shows.

    The recogniser reads a half-width ( between ideographs as （ as often as not
    (`資訊小組（各單位)`), and the two differ only in where their ink stands: a full-width
    bracket's ink hugs the text it encloses and leaves half an em blank on its outer
    side, a half-width one's stands in the middle of its half em (BRACKET_HALF_BELOW).
    A bracket with punctuation, a digit or nothing beside it keeps its reading, and so
    does one whose blanks leave it unclear.
    """
    return tuple(_bracket_widths(ln, gray, size_px) for ln in lines)


def _bracket_widths(ln: OcrLine, gray: np.ndarray[Any, Any], size_px: float) -> OcrLine:
    if not any(g in BRACKET_WIDTHS for g, _, _ in ln.glyphs) or not _spells(ln):
        return ln
    glyphs, spelt = list(ln.glyphs), _glyph_texts(ln)
    for i in range(1, len(glyphs) - 1):
        g = glyphs[i][0]
        if g not in BRACKET_WIDTHS or not _ideograph_pair(glyphs[i - 1][0], glyphs[i + 1][0]):
            continue
        outer = _outer_blank(ln, gray, i, size_px)
        if outer is None or BRACKET_HALF_BELOW <= outer <= BRACKET_FULL_ABOVE:
            continue
        width = BRACKET_WIDTHS[g][outer > BRACKET_FULL_ABOVE]
        glyphs[i] = (width, glyphs[i][1], glyphs[i][2])
        spelt[i] = spelt[i][: -len(g)] + width
    if glyphs == list(ln.glyphs):
        return ln
    return replace(ln, text="".join(spelt), glyphs=tuple(glyphs))


def _outer_blank(ln: OcrLine, gray: np.ndarray[Any, Any], i: int, size_px: float) -> float | None:
    """Given a line, the page, a bracket's glyph index (ideographs on both sides) and the
    body size, return how much wider (× body size) the blank on the bracket's outer side
    is than on its inner side, or None where its ink cannot be told apart."""
    a, (g, gx0, gx1), b = ln.glyphs[i - 1], ln.glyphs[i], ln.glyphs[i + 1]
    lo, hi = max(0, round((a[1] + a[2]) / 2)), round((b[1] + b[2]) / 2)
    inked = _line_ink(ln, gray, lo, hi)
    if inked is None:
        return None
    runs = _runs(inked)
    if len(runs) < 3:
        return None
    centre = (gx0 + gx1) / 2 - lo
    k = min(range(1, len(runs) - 1), key=lambda j: abs((runs[j][0] + runs[j][1]) / 2 - centre))
    if runs[k][1] - runs[k][0] > BRACKET_MAX_INK * size_px:
        return None
    before, after = runs[k][0] - runs[k - 1][1], runs[k + 1][0] - runs[k][1]
    outer, inner = (before, after) if g in "(（" else (after, before)
    return (outer - inner) / size_px


def _ideograph(g: str) -> bool:
    """Given a glyph's text, tell whether it is one wide glyph that is no punctuation."""
    return len(g) == 1 and unicodedata.east_asian_width(g) in "WF" and not _wide_punct(g)


def _ideograph_pair(a: str, b: str) -> bool:
    """Given two glyphs' texts, tell whether both are ideographs (`_ideograph`)."""
    return _ideograph(a) and _ideograph(b)


def _wide_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P") and unicodedata.east_asian_width(ch) in "WF"


def _inked_columns(band: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Given a line's strip of the page, return per pixel column whether it holds ink.

    Otsu's threshold of the strip itself, so a scan's thin grey strokes (人, 力) count.
    """
    level, _ = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    out: np.ndarray[Any, Any] = np.asarray((band <= level).any(axis=0))
    return out


def _longest_blank(inked: np.ndarray[Any, Any]) -> tuple[int, int]:
    """Given a row of ink flags, return where its longest run without ink starts and its length."""
    best = (0, 0)
    run = 0
    for i, dark in enumerate(inked.tolist()):
        run = 0 if dark else run + 1
        if run > best[1]:
            best = (i - run + 1, run)
    return best


def _spells(ln: OcrLine) -> bool:
    """Given a line, tell whether its glyphs, in order, are its text without its spaces
    (a glyph holding a space is no such spelling)."""
    rest = ln.text
    for g, _x0, _x1 in ln.glyphs:
        rest = rest.lstrip()
        if not g or g != g.strip() or not rest.startswith(g):
            return False
        rest = rest[len(g) :]
    return not rest.strip()


def _glyph_texts(ln: OcrLine) -> list[str]:
    """Given a line whose glyphs spell its text, return each glyph's text with the spaces
    printed before it."""
    out: list[str] = []
    rest = ln.text
    for g, _x0, _x1 in ln.glyphs:
        stripped = rest.lstrip()
        out.append(rest[: len(rest) - len(stripped)] + g)
        rest = stripped[len(g) :]
    return out


def _advance(ch: str) -> float:
    if ch.isspace():
        return 0.3
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55


def body_size(lines: tuple[OcrLine, ...]) -> float | None:
    """Given OCR lines in pixels, return the body font size in pixels (median CJK advance)."""
    advances = []
    for ln in lines:
        units = sum(_advance(c) for c in ln.text)
        if len(ln.text) >= 3 and units > 0:
            advances.append((ln.x1 - ln.x0) / units)
    return statistics.median(advances) if advances else None


def line_to_chars(ln: OcrLine, size_px: float, pt_per_px: float) -> tuple[Char, ...]:
    """Given one OCR line in pixels and the body size, return one Char per character, in points.

    The glyphs are spread across the line's box by their advance (CJK 1,
    Latin and digits 0.55, space 0.3); their size is the box's step where the line holds
    two ideographs or more, else the body size; the height is the body size around the
    box's centre, since detection boxes are padded.  Not the line's own size:
    that varies with how well the advances guess its glyphs (digits), and a line
    drawn taller would start higher, which the stitcher reads as space above a
    paragraph.
    """
    units = sum(_advance(c) for c in ln.text)
    if units <= 0:
        return ()
    step = (ln.x1 - ln.x0) / units
    # The box tells a line's glyph size only where it holds ideographs to measure by: the
    # ink of "」：" or "36" is narrower than their advances (the stitcher's paragraph gap is
    # in units of a line's size).
    measured = sum(1 for c in ln.text if _ideograph(c)) >= 2
    size = min(max(step, 0.7 * size_px), 1.3 * size_px) if measured else size_px
    # A line of ideographs spread by justification ("五 堵 辦 事 處" across its column): its
    # glyphs take the body size, and the blank between them shows, as on a text layer.
    gap = 0.0
    if len(ln.text) > 1 and _spread(ln.text, step, size_px):
        size, step = size_px, size_px
        gap = (ln.x1 - ln.x0 - units * size_px) / (len(ln.text) - 1)
    yc = (ln.top + ln.bottom) / 2
    top, bottom = (yc - size_px / 2) * pt_per_px, (yc + size_px / 2) * pt_per_px
    out = []
    x = ln.x0
    for ch in ln.text:
        w = _advance(ch) * step
        out.append(Char(ch, x * pt_per_px, top, (x + w) * pt_per_px, bottom, size * pt_per_px))
        x += w + gap
    return tuple(out)


def _spread(text: str, step: float, size_px: float) -> bool:
    """Given a line's text, its box's width per advance and the body size (pixels), tell
    whether justification spread it: ideographs only (whose advance is known: an em), each
    taking more than SPREAD_STEP_RATIO × the body size."""
    return all(_ideograph(c) for c in text) and step > SPREAD_STEP_RATIO * size_px


# --- one page ----------------------------------------------------------------------------


def _encode(lines: tuple[OcrLine, ...]) -> str:
    return json.dumps(
        [
            [
                *(ln.text, ln.x0, ln.top, ln.x1, ln.bottom, ln.confidence),
                [list(g) for g in ln.glyphs],
                ln.digits,
                ln.circled,
            ]
            for ln in lines
        ],
        ensure_ascii=False,
    )


def _decode(text: str) -> tuple[OcrLine, ...] | None:
    try:
        rows = json.loads(text)
        return tuple(
            OcrLine(
                str(t),
                float(a),
                float(b),
                float(c),
                float(d),
                float(e),
                tuple((str(g), float(g0), float(g1)) for g, g0, g1 in glyphs),
                None if digits is None else float(digits),
                bool(circled),
            )
            for t, a, b, c, d, e, glyphs, digits, circled in rows
        )
    except (ValueError, TypeError):
        return None  # a damaged cache entry is read again, not trusted


def cache_key(gray: np.ndarray[Any, Any], engine: OcrEngine) -> str:
    """Given a page image and the engine, return the key its OCR result is cached under."""
    h = hashlib.sha256()
    h.update(f"{gray.shape}|{gray.dtype}|".encode())
    h.update(np.ascontiguousarray(gray).tobytes())
    return f"{h.hexdigest()[:32]}-{engine.name}-{engine.version}-v{CACHE_FORMAT}"


def _check_size(gray: np.ndarray[Any, Any], page_no: int, settings: OcrSettings) -> None:
    """Given a page image, its number and the settings, raise InputError when it is empty
    or larger than `settings.max_pixels` (a decompression bomb, not a scan)."""
    if gray.size == 0:
        raise InputError(f"p{page_no}: empty page image")
    if gray.size > settings.max_pixels:
        raise InputError(f"p{page_no}: page image of {gray.size} pixels is too large to OCR")


def ocr_page(
    gray: np.ndarray[Any, Any],
    dpi: float,
    page_no: int,
    *,
    settings: OcrSettings = DEFAULT_OCR_SETTINGS,
    cache: OcrCache | None = None,
    engine: OcrEngine | None = None,
    probe: bool = False,
) -> OcrPage:
    """Given one grey page image and its dpi, return its PageContent (points) and OCR texts.

    `probe` (no table found in the document yet): read the table's first `probe_rows` rows
    of cells first, and the rest only when a header label is among them; else the page
    returned holds those rows alone (`probed`, not cached)."""
    _check_size(gray, page_no, settings)
    engine = engine or get_engine(settings.engine)
    # The second look at unsure digits (`read_by_rows`) depends on min_confidence.
    key = f"{cache_key(gray, engine)}-w{settings.work_dpi:g}-c{settings.min_confidence:g}"
    if dpi > 1.15 * settings.work_dpi:
        f = settings.work_dpi / dpi
        gray = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        dpi = settings.work_dpi
    level, angle = deskew(gray, settings.max_skew)
    px_per_pt = dpi / 72.0
    pt_per_px = 1 / px_per_pt
    h_mask, v_mask = ruling_masks(level, px_per_pt, settings)
    cells = masks_to_cells(h_mask, v_mask, settings.min_cell_pt * px_per_pt)
    hit = cache.get(key) if cache is not None else None
    lines = _decode(hit) if hit is not None else None
    cached, probed = lines is not None, False
    if lines is None:
        rulings = cv2.bitwise_or(h_mask, v_mask)
        lines, probed = _read_page(level, cells, rulings, engine, settings, px_per_pt, probe)
        if cache is not None and not probed:
            cache.put(key, _encode(lines))
        give_back_memory(settings.trim_above_mb)
    raw, placed, size_px = _placed(lines, level, cells, 10 * px_per_pt)
    chars, texts = _placed_to_text(raw, placed, page_no, size_px, pt_per_px)
    height, width = level.shape
    content = PageContent(
        page_no=page_no,
        width=width * pt_per_px,
        height=height * pt_per_px,
        chars=tuple(chars),
        rulings=masks_to_rulings(h_mask, v_mask, pt_per_px),
        words=tuple(_word(t) for t in texts if t.text),
    )
    what = (len(cells), len(placed), angle, cached, probed)
    logger.debug("p%d: ocr %d cells, %d lines, skew %.2f°, cached %s, probed %s", page_no, *what)
    return OcrPage(content=content, texts=tuple(texts), skew=angle, cached=cached, probed=probed)


def _placed(
    lines: tuple[OcrLine, ...],
    level: np.ndarray[Any, Any],
    cells: tuple[tuple[int, int, int, int], ...],
    default_size: float,
) -> tuple[tuple[OcrLine, ...], tuple[OcrLine, ...], float]:
    """Given a page's lines as read (or cached), its level image, its cells and a body size
    to fall back on (pixels), return the lines as the engine read them, the same lines
    fitted to their ink, mended and placed in their cells, and the page's body size."""
    # Cut lines that run across columns first: their boxes overstate the glyph size.
    rough = body_size(lines) or default_size
    lines = fit_to_ink(split_at_gaps(trim_to_glyphs(lines, rough), level, rough), level)
    lines = fit_rows_to_ink(lines, level, rough)
    size_px = body_size(lines) or default_size
    lines, engine_read = lost_bullets(bracket_widths(lines, level, size_px), level, size_px)
    lines, opened = lost_brackets(lines, level, size_px)
    engine_read = {**opened, **engine_read}
    lines, marks = lost_marks(lines, level, cells, size_px)
    added = {i for i, text in marks.items() if not text}
    engine_read = {**marks, **_shifted(engine_read, added)}
    stops = stray_full_stops(lone_full_stops(lines, level, size_px), size_px)
    stops = flat_dashes(phantom_strokes(stops, level, size_px), level, size_px)
    placed = flush_right(stops, cells, size_px)
    raw = tuple(
        replace(ln, text=engine_read[i]) if i in engine_read else _first_look(ln)
        for i, ln in enumerate(lines)
    )
    return raw, placed, size_px


def _first_look(ln: OcrLine) -> OcrLine:
    """Given a line, return it as the engine read it at its first look: a circled number
    a second look read (`circled_again`) as the digits it read first."""
    head = ln.text[:1]
    if not ln.circled or not "①" <= head <= "⑳":
        return ln
    return replace(ln, text=f"{ord(head) - ord('①') + 1}{ln.text[1:]}")


def _read_page(
    level: np.ndarray[Any, Any],
    cells: tuple[tuple[int, int, int, int], ...],
    rulings: np.ndarray[Any, Any],
    engine: OcrEngine,
    settings: OcrSettings,
    px_per_pt: float,
    probe: bool,
) -> tuple[tuple[OcrLine, ...], bool]:
    """Given a level page, its cells and rulings, return its OCR lines (as `read_cells`
    does) and whether only its table's first rows were read (`probe`, no header there)."""
    regions, line_px = page_regions(level, cells, rulings, settings.cell_inset_px)
    tol = settings.min_cell_pt * px_per_pt / 2
    top = top_rows(regions, settings.probe_rows, tol) if probe else []
    sure, trim = settings.min_confidence, settings.trim_within_mb
    found = read_regions(regions, top, line_px, engine, min_confidence=sure, trim_mb=trim)
    if top and not shows_header(ln.text for k in top for ln in found[k]):
        return tuple(ln for k in top for ln in found[k]), True
    rest = [k for k in range(len(regions)) if k not in found]
    found.update(read_regions(regions, rest, line_px, engine, min_confidence=sure, trim_mb=trim))
    lines = tuple(ln for k in range(len(regions)) for ln in found[k])
    return circled_again(lines, level, engine), False


def _placed_to_text(
    lines: Sequence[OcrLine],
    placed: Sequence[OcrLine],
    page_no: int,
    size_px: float,
    pt_per_px: float,
) -> tuple[list[Char], list[OcrText]]:
    """Given the lines OCR read and the same lines placed in their cells, return the page's
    glyphs in points and its OCR texts (repaired text, the engine's raw text beside it)."""
    chars: list[Char] = []
    texts: list[OcrText] = []
    for raw, ln in zip(lines, placed, strict=True):
        text = repair_text(ln.text)
        fixed = OcrLine(text, ln.x0, ln.top, ln.x1, ln.bottom, ln.confidence)
        if text:  # an emptied line (`phantom_strokes`) is listed, not placed
            chars.extend(line_to_chars(fixed, size_px, pt_per_px))
        texts.append(
            OcrText(
                page=page_no,
                bbox=BBox(
                    ln.x0 * pt_per_px, ln.top * pt_per_px, ln.x1 * pt_per_px, ln.bottom * pt_per_px
                ),
                text=text,
                confidence=ln.confidence,
                raw=raw.text,
                digits=ln.digits,
            )
        )
    return chars, texts


def _word(text: OcrText) -> Word:
    """Given a line OCR read, return it as a `Word` of its page (a line: OCR gives no glyphs)."""
    box = text.bbox
    return Word(text.text, box.x0, box.top, box.x1, box.bottom, text.confidence)


# Reads one page by number; the flag: probe it first (`ocr_page`).
PageReader = Callable[[int, bool], OcrPage]


def pdf_page_reader(
    data: bytes,
    *,
    password: str | None = None,
    settings: OcrSettings = DEFAULT_OCR_SETTINGS,
    cache: OcrCache | None = None,
) -> PageReader:
    """Given PDF bytes, return a function OCR-reading one of its pages by number."""

    def read(page_no: int, probe: bool = False) -> OcrPage:
        gray, dpi = render_pdf_page(data, page_no, settings.dpi, password, settings.max_pixels)
        return ocr_page(gray, dpi, page_no, settings=settings, cache=cache, probe=probe)

    return read
