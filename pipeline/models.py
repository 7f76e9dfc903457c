"""In-memory contracts between stages: frozen dataclasses, tuples inside.

Flow: extract (bytes → `PageContent` per page) → layout (pages → a stream of
`Token`s in reading order) → structure (tokens → `Document` hierarchy) → enrich
(→ `Details`) → validate (→ `Check`s) → records → store.  Every input kind (text
dump, PDF text layer, scan/OCR) meets the others at the token stream, so
`structure` is shared by all of them.

Every record type that crosses a stage lives here, and this module imports no
stage (tests/test_imports.py), so any stage can name any record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

# The kinds and statuses every stage and table agrees on.
InputKind = Literal["text", "pdf", "scan"]
Status = Literal["ok", "partial", "failed"]
Severity = Literal["error", "warning", "info"]
# Page text outside the table cells (`Furniture.kind`): see `Furniture`.
FurnitureKind = Literal[
    "title", "category", "dimension", "subtotal", "header", "footer", "notes", "repeat", "other"
]


class Column(IntEnum):
    """The five columns of the evaluation table, left to right."""

    ITEM = 0  # 評核項目 (name, (N分), 得分：N)
    INDICATOR = 1  # 評核指標
    SUB = 2  # 次評核指標
    UNITS = 3  # 主辦單位
    RESULT = 4  # 執行績效與成果 / 具體作法與成果


@dataclass(frozen=True, slots=True)
class BBox:
    """A rectangle on a page in PDF points, origin top-left (pdfplumber's convention)."""

    x0: float
    top: float
    x1: float
    bottom: float


# --- extract → layout: one page's glyphs and rulings ---------------------------------


@dataclass(frozen=True, slots=True)
class Char:
    """One glyph as the PDF draws it: its Unicode text and its box, and the marked-content
    ID (`MCID`) of the sequence a tagged PDF drew it in (None: untagged, or not a PDF)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool = True
    mcid: int | None = None

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Ruling:
    """A drawn line segment (or a rectangle's edge): horizontal when it is wider than tall."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Word:
    """A word or a line of text as an OCR engine reads it: its text, its box, its certainty.

    OCR yields words or lines, not glyphs: their boxes are all it knows of where each
    character stands.  `confidence` is the engine's, from 0 to 1 (None: not given).
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class PageContent:
    """Given one page, what the backend keeps of it: no pdfminer object survives.

    A text-layer backend (pdfplumber, pdfium) fills `chars`, one per glyph, and leaves
    `words` empty; an OCR backend may give `words` (words or whole lines with their boxes)
    where it cannot place single glyphs.  Boxes are in PDF points, origin top-left.
    """

    page_no: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    rulings: tuple[Ruling, ...]
    images: int = 0
    words: tuple[Word, ...] = ()
    # The largest image's share of the page (its box clipped to the page, 0-1): text
    # over an image covering the page is a scan's OCR layer (`layout.layers`).
    image_cover: float = 0.0


# --- layout → structure: the token stream -------------------------------------------


@dataclass(frozen=True, slots=True)
class Furniture:
    """Page text outside the table: a title, category, dimension heading or 小計 line.

    kind (`FurnitureKind`) is "title", "category", "dimension", "subtotal", "header"
    (the repeated column-header row), "footer" (a page number), "notes" (text after a
    form's last 小計), "repeat" (a merged cell's text printed again, `layout.merged`)
    or "other".
    """

    kind: FurnitureKind
    text: str
    page: int
    bbox: BBox | None = None


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of one table cell's text as printed on one page.

    `lines` are the printed lines, verbatim, without leading whitespace; a line
    keeps one trailing space when a space is printed at its end (the text had a
    space where the line wrapped).  `cont` is
    True when the fragment continues the cell already open in this column (a
    further paragraph of the same cell, or the part of a cell that a page break
    pushed onto the next page) rather than opening a new cell.  `para_break`
    tells, for a continuing fragment, whether it starts a new paragraph (True)
    or carries on the last line's sentence (False: a cell split by a page break
    mid-paragraph).  `repeat` marks the tail of merged text that a layout prints
    on every row (item, indicator), found at the top of a page under a row the
    break cut: it adds no text, but that row was printed on this page too.
    """

    column: Column
    lines: tuple[str, ...]
    page: int
    cont: bool = False
    para_break: bool = True
    bbox: BBox | None = None
    repeat: bool = False
    # For a units fragment, the unit names the layout read in its lines (wrapped names
    # joined), when it could tell; None leaves it to structure (one name per line).
    names: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ExtraCell:
    """A piece of a cell of a column beyond the five (自評分數, 佐證資料, 備註, 評分說明).

    `label` is the column's header label as printed; the cell belongs to the row
    open when it arrives (`cont`: it continues that row's cell of the same label
    across a page break).
    """

    label: str
    lines: tuple[str, ...]
    page: int
    cont: bool = False
    bbox: BBox | None = None


Token = Furniture | Fragment | ExtraCell


@dataclass(frozen=True, slots=True)
class OcrText:
    """One line OCR read on a scanned page: its box in points, its text, how sure the engine was.

    `raw` is what the engine said, before any repair (a header label misread by one glyph);
    `digits` how sure it was of the least sure digit, where it says (see `OcrLine`).
    """

    page: int
    bbox: BBox
    text: str
    confidence: float
    raw: str
    digits: float | None = None


@dataclass(frozen=True, slots=True)
class PageStream:
    """Given one input document, the layout stage's output: tokens in reading order."""

    tokens: tuple[Token, ...]
    page_count: int
    header_variant: str | None = None  # 執行績效與成果 or 具體作法與成果
    # Non-space characters of the source text, when the layout read a text (for accounting).
    source_chars: int | None = None
    # Findings of the layout stage itself (close decisions, evidence that disagrees).
    checks: tuple[Check, ...] = ()
    # Pages read by OCR and every line OCR read on them (empty for text layers and dumps).
    ocr_pages: tuple[int, ...] = ()
    ocr_texts: tuple[OcrText, ...] = ()


# --- structure → normalise/validate/write: the hierarchy ------------------------------


@dataclass(frozen=True, slots=True)
class CellRef:
    """Provenance of one fragment of one cell of a logical row."""

    column: Column
    page: int
    text: str
    bbox: BBox | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One logical row: one (indicator, sub-indicator) pair with its units and result."""

    row_no: int  # 1-based, document order
    dimension_no: int
    item_no: int
    indicator_no: str | None  # "1" for "1.訂定申辦…"; None when the indicator is unnumbered
    indicator: str | None  # text without its number; None when the cell is empty
    sub_no: str | None  # "(1)"; None when the sub-indicator is unnumbered or absent
    sub_indicator: str | None
    units: tuple[str, ...]
    result: str | None  # paragraphs joined by "\n", wraps removed inside each
    page_start: int
    page_end: int
    cells: tuple[CellRef, ...] = ()
    # Columns beyond the five, as (header label, text) pairs in printed order.
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    dimension_no: int
    item_no: int  # 1-based within its dimension
    name: str
    max_points: int | None
    score: float | None
    page_start: int
    page_end: int


@dataclass(frozen=True, slots=True)
class Dimension:
    dimension_no: int  # 1-5, from 構面一…構面五
    name: str  # 基礎服務
    max_points: int | None
    subtotal: float | None  # as printed on the 小計 line
    page_start: int
    page_end: int
    heading: str  # the heading line as printed


@dataclass(frozen=True, slots=True)
class Document:
    """Given a token stream, structure returns this: the whole form as a hierarchy."""

    agency: str | None
    roc_year: int | None
    title: str | None
    category: str | None
    page_count: int
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    rows: tuple[Row, ...]
    header_variant: str | None = None
    notes: str | None = None  # text printed after the last 小計 (總分, 備註, signatures)
    part_no: int = 1  # the form's place in a bundle (several forms in one input)

    @property
    def year(self) -> int | None:
        return None if self.roc_year is None else self.roc_year + 1911


# --- enrich → validate and records: the facts inside a document's text ------------------


@dataclass(frozen=True, slots=True)
class Metric:
    """One quantity, date or year in a result text.

    kind is one of METRIC_KINDS; value is the number as printed (the Gregorian
    year for kind "year", None for dates and half-years); unit is the measure
    word as printed (批, 人次, 分鐘, %, 萬元, 年度 …); label is the phrase it
    measures or None; qualifier is 以上, 以下, 約, 計, 每, 起 … or None; date is
    an ISO string for dates, years and periods.  result[start:end] == text.
    """

    kind: str
    value: float | None
    unit: str | None
    label: str | None
    qualifier: str | None
    text: str
    date: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ResultItem:
    """One list entry: its number, its marker as printed (stripped), its text without the marker.

    level is 0 for text before any marker, else 1 + the rank of the marker's
    style by first appearance.  result[start:end] covers marker and text.
    """

    item_no: int | None
    marker: str | None
    text: str
    level: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A name quoted in 「」: text == source[start:end] (brackets and edge spaces excluded)."""

    text: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RowUnit:
    """One responsible unit of a row: as printed, its canonical name, and its qualifier."""

    row_no: int
    unit_no: int
    unit: str
    unit_canonical: str
    qualifier: str | None
    reason: str | None  # why unit_canonical differs from the printed name


@dataclass(frozen=True, slots=True)
class Details:
    """Given a Document, `enrich` returns these, keyed by row number."""

    metrics: tuple[tuple[int, Metric], ...]
    units: tuple[RowUnit, ...]
    result_items: tuple[tuple[int, ResultItem], ...]
    entities: tuple[tuple[int, Entity], ...]


@dataclass(frozen=True, slots=True)
class Check:
    """One data-quality finding; severity is "error", "warning" or "info"."""

    check: str
    severity: Severity
    message: str
    passed: bool


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What we know about an input file before parsing it."""

    path: str
    sha256: str
    size: int
    input_kind: InputKind

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True, slots=True)
class Outcome:
    """Given one input, the pipeline returns this: the document (if any) and its status."""

    source: SourceInfo
    status: Status
    error: str | None
    document: Document | None
    checks: tuple[Check, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    details: Details | None = None
    ocr_pages: tuple[int, ...] = ()
    ocr_texts: tuple[OcrText, ...] = ()
    # The further forms of a bundle (part_no 2, 3, …), each read and checked on its own.
    parts: tuple[Outcome, ...] = ()
