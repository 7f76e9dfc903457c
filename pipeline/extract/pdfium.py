"""PDF pages → `PageContent` with pdfium (pypdfium2): the fast page backend.

Same contract as the pdfplumber backend in `pipeline.extract.pdf` (`open_pdf`,
`page_count`, `read_pages`): one page at a time, our own frozen dataclasses out,
every pdfium failure re-raised at once as a specific `PipelineError` with the
same message the pdfplumber path gives, so a document's status and reason do
not depend on the backend.

Where pdfium and pdfplumber (pdfminer) differ, this module normalises to
pdfplumber's conventions:

* **Coordinates.** pdfium computes in float32, pdfminer in float64.  Every
  number pdfium returns is rounded to 1/10000 pt (`_f32`), below float32's
  precision at page coordinates, which gives back the literal the producer
  wrote when it had at most four decimals (`79.4`, not `79.40000152587890625`).
  Points are mapped to pdfplumber's space: page rotation applied as pdfminer's
  page CTM does, origin top-left, `top = height - y`.
* **Glyph boxes.**  pdfium's tight box hugs the ink and its loose box depends
  on the glyph; pdfminer's box is the advance width by the font size, from the
  origin's descent upwards.  We build pdfminer's box: x from pdfium's char
  origin over the advance (the loose box's width), y from `origin + descent`
  over `font size × vertical scale`; `size` is that height (`LTChar.size`).
  The descent is pdfminer's, read from the font dictionaries by
  `fontmetrics.font_metrics` (pdfminer's object layer only, no content
  stream): the descriptor's `/Descent` as written (pdfium truncates it to an
  integer, and replaces 0/0 by the glyphs' extent: LibreOffice), the AFM
  metrics of a standard-14 name, a Type 3 font's `/FontBBox`.  Fonts are
  matched by name without subset tag; a font matched nowhere keeps pdfium's.
  Widths: pdfium reads `/W` and `/Widths` as integers; a glyph of a font with a
  fractional width (Chromium: `500.97656`) gets pdfminer's width, keyed by
  text through the font's ToUnicode map, and the glyphs after it in its string
  move by the difference.  A glyph pdfium takes from an `ActualText` span
  (Chromium draws 目 with a glyph whose ToUnicode says ⽬, • with that of ·) gets
  the width of the glyph drawn, found through the code points drawn with its
  glyph, not the span's ink, and a glyph
  drawn with a slanted matrix (an italic made by skewing) the font's width,
  not the hull of its slanted box.  Any other upright glyph gets the font's
  width of its text (`FPDFFont_GetGlyphWidth`: its code's through the ToUnicode
  map), not its loose box's: pdfium's loose box is the advance only where it
  uses the font's ascent and descent, else the glyph's own box, and PDFs from
  Bullzip, Excel 2010 and Word 2013 with 標楷體 and 新細明體 get the latter
  (../shared/realworld a01: 1 250 of 2 163 glyphs, 縣 29.5 pt wide at 22 pt,
  its box reaching back over the glyph before; a02: 雲 74 pt wide at 20.6 pt;
  a06: 5 307 of 11 999).  A font named like a standard-14 font gets
  pdfminer's AFM widths, which pdfminer uses instead of the font's `/Widths`.
* **Character spacing.**  The PDF spec adds `Tc` after every glyph, the last
  of a string too; pdfium places glyphs so, and the reference backend does too
  since `pipeline/extract/charspace.py` gives pdfplumber's device the spec's
  rule (pdfminer alone adds it between the glyphs of one string only).
* **What is left** is float noise (pdfium's float32 against pdfminer's
  float64, ~1e-4 pt): cell boxes are written to 1/8 pt with the cut between
  grid points where no producer's coordinate falls (`schemas.box_point`), so
  both backends write the same Parquet (tests/test_pdf_backends.py compares
  every field of every fixture and of generated forms).
* **Space glyphs.** pdfium drops a drawn space from its char list or marks it
  "generated", like the spaces and line breaks it inserts itself
  (`FPDFText_IsGenerated`).  Generated chars are dropped except a space that
  belongs to a text object and stands at least a point before the next glyph
  (`_drawn_space`: pdfium's own word breaks sit at the next glyph's origin), and
  a text object with no char at all in the text page is a lone drawn space
  (`_lost_spaces`: its own character, a no-break space stays one).  A drawn
  space's width is the font's (`FPDFFont_GetGlyphWidth`; pdfium gives it no box).
  `\x02`, U+FFFE and NUL are dropped, except a hyphen that ends a line, which
  pdfium's text gives as U+FFFE (`FPDFText_IsHyphen`): it is the PDF's `-`.
  Glyphs are put back in content order (the page's text objects), a lost
  space where its string was.
* **Ligatures.** A glyph whose ToUnicode maps to several code points comes out
  of pdfium as several chars sharing one box; pdfminer gives one char with the
  whole text.  Consecutive chars with the same origin and box are joined.
* **Unmapped glyphs.** pdfminer writes `(cid:N)` for a glyph without a Unicode
  mapping and the no-text-layer check counts them; pdfium flags such a glyph
  (`FPDFText_HasUnicodeMapError`) but cannot name its CID, and maps others of
  the same font through fallbacks pdfminer does not have.  A page with one is
  handed to the reference backend (`NeedsReference`, below).
* **Damaged files.** pdfium repairs more than pdfminer: it rebuilds a broken
  cross-reference table, and loads what pdfminer skips or refuses.  When
  pdfium had to rebuild the table, cannot load a page, finds form XObjects
  nested deeper than `MAX_FORM_DEPTH` (a cycle), when pdfminer cannot read the
  file's font dictionaries (b19: a fuzzed trailer pdfium repairs), or when a
  content stream inflates past 32 MiB (pdfium aborts the process on a
  decompression bomb under `--max-memory`), it raises `NeedsReference` and
  `pdf_to_stream` reads the file with pdfplumber, so the status and reason of
  damaged files are the reference's.  Errors: pdfium's own `PdfiumError` only;
  a wrong or missing password and unsupported security handlers map to the
  same `EncryptedError` messages as the pdfplumber path.
* **Fake bold.** Producers that overprint a glyph 2–4 times (b03): pdfium's
  text page already drops most copies, pdfminer keeps them; `grid.dedupe_chars`
  drops what is left for both backends, so the layout sees one glyph either way.
* **Rulings.** pdfplumber's `page.edges`: a two-point path is a line, an
  axis-aligned closed four-point path (`re`) a rectangle whose four sides are
  edges (filled hairline rectangles included), any other path gives an edge per
  segment (Béziers by their end points).  Paths inside form XObjects count,
  with the form's matrix applied.
* **Images.** Image objects are counted, form XObjects included, as
  `page.images` does (a page with images and no text is a scan), and boxed as
  pdfminer boxes them (the unit square their matrix places): `image_cover`.
* **Marked content.** Each glyph carries the MCID of its text object's marked
  sequence (`FPDFPageObj_GetMarkedContentID`: the first among its marks,
  outermost first; `_marks`).  pdfplumber's device kept only the innermost tag's;
  `pipeline/extract/marked.py` makes it keep the enclosing one's, as here.  A
  property list named in the page's resources (`/P /MC0 BDC`) is resolved by
  pdfium only: such a document's glyphs have no MCID with the reference.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pipeline.errors import EncryptedError, InputError, PipelineError
from pipeline.extract.backends import NeedsReference
from pipeline.extract.fontmetrics import FontMetrics, font_key, font_metrics
from pipeline.extract.pdf import LIBRARY_ERRORS, image_cover
from pipeline.extract.radicals import SHARED_GLYPHS
from pipeline.models import Char, PageContent, Ruling

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# What pypdfium2 raises: its own error, plus ValueError/OSError for bad arguments or data.
PDFIUM_ERRORS: tuple[type[BaseException], ...] = (pdfium.PdfiumError,)

MAX_FORM_DEPTH = 32
_BREAKS = frozenset(" \r\n")  # what pdfium generates between words and lines
_DROPPED = frozenset("\x02\ufffe\x00")


def _f32(x: float) -> float:
    """Given a number pdfium computed in float32, return it rounded to 1/10000 pt.

    float32 holds about seven digits: at page coordinates (< 10 000 pt) that is
    ~1e-4 pt, so the rounding drops pdfium's float noise and gives back the
    literal the producer wrote whenever it had at most four decimals.
    """
    return round(x * 10000.0) / 10000.0  # round(x, 4) is 5× slower


def library_error(err: pdfium.PdfiumError, where: str, *, password: str | None) -> PipelineError:
    """Given an exception raised by pdfium, return the PipelineError to raise.

    Passwords and security handlers get the pdfplumber path's messages; a file
    pdfium cannot open otherwise goes to the reference backend (`NeedsReference`),
    whose reason names what pdfminer found wrong.
    """
    code = getattr(err, "err_code", None)
    if code == raw.FPDF_ERR_PASSWORD:
        if password is None:
            return EncryptedError("encrypted PDF: a password is required (--password)")
        return EncryptedError("encrypted PDF: wrong password")
    if code == raw.FPDF_ERR_SECURITY:
        return EncryptedError(f"encrypted PDF: unsupported encryption ({err})")
    return NeedsReference(f"{where}: pdfium cannot read the file ({err})")


@dataclass(slots=True)
class Document:
    """An open pdfium document with the bytes it was read from (for the fonts' metrics)."""

    pdf: pdfium.PdfDocument
    data: bytes
    password: str | None
    _fonts: FontMetrics | None = field(default=None, repr=False)

    def fonts(self) -> FontMetrics:
        """Return pdfminer's descents and fractional widths of the fonts, read once."""
        if self._fonts is None:
            try:
                self._fonts = font_metrics(self.data, self.password)
            except LIBRARY_ERRORS as err:  # pdfminer cannot parse it: the reference decides
                raise NeedsReference(f"pdfminer cannot read the fonts ({err!r})") from err
        return self._fonts


@contextmanager
def open_pdf(data: bytes, password: str | None = None) -> Iterator[Document]:
    """Given PDF bytes, yield an open pdfium document; every open failure is a PipelineError."""
    if not data:
        raise InputError("empty file (0 bytes): not a PDF")
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF: no %PDF- header in the first 1 KiB")
    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except PDFIUM_ERRORS as err:
        raise library_error(err, "open", password=password) from err
    try:
        if not raw.FPDF_DocumentHasValidCrossReferenceTable(pdf.raw):
            raise NeedsReference("pdfium rebuilt the cross-reference table")
        yield Document(pdf, data, password)
    finally:
        pdf.close()


def page_count(doc: Document, password: str | None = None) -> int:
    """Given an open document, return its number of pages."""
    return len(doc.pdf)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """Given matrices m then n (PDF row-vector convention), return m × n."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _page_ctm(rotate: int, box: tuple[float, float, float, float]) -> Matrix:
    """Given /Rotate and the media box, return pdfminer's page CTM (rotation to display space)."""
    x0, y0, x1, y1 = box
    if rotate == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotate == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotate == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0)


def _obj_matrix(obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (_f32(m.a), _f32(m.b), _f32(m.c), _f32(m.d), _f32(m.e), _f32(m.f))


def _path_points(obj: Any) -> list[list[tuple[float, float]]]:
    """Given a path object, return its subpaths as point lists (closing point added when closed)."""
    subpaths: list[list[tuple[float, float]]] = []
    x = ctypes.c_float()
    y = ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        pt = (_f32(x.value), _f32(y.value))
        if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([pt])
        else:
            subpaths[-1].append(pt)
        if raw.FPDFPathSegment_GetClose(seg) and subpaths[-1][0] != pt:
            subpaths[-1].append(subpaths[-1][0])
    return subpaths


def _is_rect(pts: list[tuple[float, float]]) -> bool:
    if len(pts) == 5 and pts[4] == pts[0]:
        pts = pts[:4]
    if len(pts) != 4:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    )


def _edge(p: tuple[float, float], q: tuple[float, float], height: float) -> Ruling:
    return Ruling(
        x0=min(p[0], q[0]),
        top=height - max(p[1], q[1]),
        x1=max(p[0], q[0]),
        bottom=height - min(p[1], q[1]),
    )


def _path_rulings(obj: Any, ctm: Matrix, height: float) -> list[Ruling]:
    """Given a path object and the matrix to display space, return pdfplumber's edges of it."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    if not fill.value and not stroke.value:
        return []
    m = _mul(_obj_matrix(obj), ctm)
    out: list[Ruling] = []
    for sub in _path_points(obj):
        pts = [_apply(m, px, py) for px, py in sub]
        if len(pts) < 2:
            continue
        if _is_rect(pts):
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            out += [
                _edge((x0, y1), (x1, y1), height),
                _edge((x0, y0), (x1, y0), height),
                _edge((x0, y0), (x0, y1), height),
                _edge((x1, y0), (x1, y1), height),
            ]
            continue
        out += [_edge(p, q, height) for p, q in itertools.pairwise(pts)]
    return out


def _walk_objects(
    container: int,
    count: Any,
    get: Any,
    ctm: Matrix,
    height: float,
    texts: list[int],
    images: list[tuple[float, float, float, float]],
    depth: int = 0,
) -> list[Ruling]:
    """Given a page or form object, return the rulings inside it; collect its text objects
    and its images' boxes (x0, top, x1, bottom: pdfminer's box of the placed unit square).

    Objects are plain handles (ints, through `_fast` prototypes): the text page
    names glyphs' owners that way, and a cast per object is what would cost; only
    paths are cast, for pypdfium2's typed functions.
    """
    rulings: list[Ruling] = []
    if depth > MAX_FORM_DEPTH:
        raise NeedsReference("form XObjects nest too deeply (a cycle?)")
    for i in range(count(container)):
        obj = get(container, i) or 0
        kind = _object_type(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            rulings += _path_rulings(ctypes.cast(obj, raw.FPDF_PAGEOBJECT), ctm, height)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            images.append(_image_box(ctypes.cast(obj, raw.FPDF_PAGEOBJECT), ctm, height))
        elif kind == raw.FPDF_PAGEOBJ_TEXT and depth == 0:
            texts.append(obj)
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            rulings += _walk_objects(
                obj,
                _form_count,
                _form_object,
                _mul(_obj_matrix(ctypes.cast(obj, raw.FPDF_PAGEOBJECT)), ctm),
                height,
                texts,
                images,
                depth + 1,
            )
    return rulings


def _image_box(obj: Any, ctm: Matrix, height: float) -> tuple[float, float, float, float]:
    """Given an image object and the matrix to display space, return its box (x0, top, x1,
    bottom): the unit square its matrix places, as pdfminer boxes an image."""
    m = _mul(_obj_matrix(obj), ctm)
    pts = [_apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), height - max(ys), max(xs), height - min(ys)


def _object_text(obj: Any, textpage: Any) -> str:
    """Given a text object, return its text as pdfium reads it."""
    size = raw.FPDFTextObj_GetText(obj, textpage, None, 0)
    if size <= 2:
        return ""
    buf = ctypes.create_string_buffer(size)
    raw.FPDFTextObj_GetText(obj, textpage, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buf.raw[: size - 2].decode("utf-16-le", errors="replace")


def _handle(ptr: Any) -> int:
    return ctypes.cast(ptr, ctypes.c_void_p).value or 0


def _box(
    text: str,
    origin: tuple[float, float],
    abcd: tuple[float, float, float, float],
    adv: float,
    descent: float,
    fontsize: float,
    ctm: Matrix,
    height: float,
    mcid: int | None = None,
) -> Char:
    """Given a glyph's origin, matrix, advance and font metrics (and its marked-content ID),
    return pdfminer's box of it."""
    a, b, c, d = abcd  # an upright glyph on an unrotated page is boxed in `_boxes`
    m = _mul((a, b, c, d, origin[0], origin[1]), ctm)
    corners = [
        _apply(m, px, py)
        for px, py in (
            (0.0, descent),
            (0.0, descent + fontsize),
            (adv, descent),
            (adv, descent + fontsize),
        )
    ]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    upright = 0 < m[0] * m[3] and m[1] * m[2] <= 0
    return Char(
        text=text,
        x0=min(xs),
        top=height - max(ys),
        x1=max(xs),
        bottom=height - min(ys),
        size=(max(ys) - min(ys)) if upright else fontsize,
        upright=upright,
        mcid=mcid,
    )


def _drawn_space(textpage: Any, i: int) -> bool:
    """Given a space pdfium marks as generated, return True when the PDF draws it.

    pdfium marks both a drawn space and a gap it reads as a word break
    (`TJ` spacing) as generated.  The break sits at the next glyph's origin; a
    drawn space at its own, at least its width before the next glyph.
    """
    here = raw.FS_RECTF()
    nxt = raw.FS_RECTF()
    if not raw.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(here)):
        return False
    k = i + 1
    while raw.FPDFText_IsGenerated(textpage, k) == 1:
        k += 1
    if not raw.FPDFText_GetLooseCharBox(textpage, k, ctypes.byref(nxt)):
        return True
    return bool(abs(nxt.left - here.left) > 1.0)


def _fast(func: Any, restype: Any, *argtypes: Any) -> Any:
    """Given a pypdfium2 raw function, return it with plain int/pointer types: ~3× cheaper per call."""
    address = ctypes.cast(func, ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_VP, _INT = ctypes.c_void_p, ctypes.c_int
_text_object = _fast(raw.FPDFText_GetTextObject, _VP, _VP, _INT)
_is_generated = _fast(raw.FPDFText_IsGenerated, _INT, _VP, _INT)
_map_error = _fast(raw.FPDFText_HasUnicodeMapError, _INT, _VP, _INT)
_origin = _fast(raw.FPDFText_GetCharOrigin, _INT, _VP, _INT, _VP, _VP)
_loose_box = _fast(raw.FPDFText_GetLooseCharBox, _INT, _VP, _INT, _VP)
_is_hyphen = _fast(raw.FPDFText_IsHyphen, _INT, _VP, _INT)
_text_font = _fast(raw.FPDFTextObj_GetFont, _VP, _VP)
_font_name = _fast(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, _VP, _VP, ctypes.c_size_t)
_glyph_width = _fast(raw.FPDFFont_GetGlyphWidth, _INT, _VP, ctypes.c_uint32, ctypes.c_float, _VP)
_font_descent_raw = _fast(raw.FPDFFont_GetDescent, _INT, _VP, ctypes.c_float, _VP)
_page_count = _fast(raw.FPDFPage_CountObjects, _INT, _VP)
_char_matrix = _fast(raw.FPDFText_GetMatrix, _INT, _VP, _INT, _VP)
_font_size = _fast(raw.FPDFText_GetFontSize, ctypes.c_double, _VP, _INT)
_page_object = _fast(raw.FPDFPage_GetObject, _VP, _VP, _INT)
_form_count = _fast(raw.FPDFFormObj_CountObjects, _INT, _VP)
_form_object = _fast(raw.FPDFFormObj_GetObject, _VP, _VP, ctypes.c_ulong)
_object_type = _fast(raw.FPDFPageObj_GetType, _INT, _VP)
_mark_id = _fast(raw.FPDFPageObj_GetMarkedContentID, _INT, _VP)


# pdfium's handle, name without subset tag, pdfminer's descent, fractional widths by text
# and by integer part, whether those widths replace pdfium's whatever they are (standard 14)
FontInfo = tuple[int, bytes, float | None, dict[str, float], dict[int, float], bool]


def _font_info(obj: int, fonts: FontMetrics, cache: dict[int, FontInfo]) -> FontInfo:
    """Given a text object, return its font: handle, name, pdfminer's descent (None: unknown), widths.

    Fonts are matched by name; when several fonts of that name differ, by
    pdfium's own (truncated) descent; a font matched nowhere keeps pdfium's.
    """
    font = _text_font(obj if isinstance(obj, int) else _handle(obj)) or 0
    if font in cache:
        return cache[font]
    buf = ctypes.create_string_buffer(256)
    size = _font_name(font, buf, 256) if font else 0
    name = font_key(buf.raw[: max(size - 1, 0)]) if size else b""
    values = fonts.descents.get(name, frozenset())
    if len(values) > 1:
        own = ctypes.c_float()
        _font_descent_raw(font, 1000.0, ctypes.addressof(own))
        values = frozenset(v for v in values if math.trunc(v * 1000) == round(own.value))
    descent = next(iter(values)) if len(values) == 1 else None
    cache[font] = (
        font,
        name,
        descent,
        fonts.widths.get(name, {}),
        fonts.truncated.get(name, {}),
        name in fonts.standard,
    )
    return cache[font]


def _space_width(font: int, text: str, fontsize: float) -> float:
    """Given a font handle and a space character, return its advance in text space.

    pdfium gives a drawn space no box; its width is the font's (half an em when
    the font does not know the character).
    """
    width = ctypes.c_float()
    if (
        font
        and _glyph_width(font, ord(text), fontsize, ctypes.addressof(width))
        and width.value > 0
    ):
        return _f32(width.value)
    return fontsize / 2


def _exact_width(
    width: float | None, truncated: dict[int, float], fontsize: float, adv: float
) -> float:
    """Given pdfminer's width of a glyph (1/1000 em) if known by its text, the font's widths by
    integer part, and pdfium's advance, return pdfminer's advance.

    Only when pdfium's is that width truncated to an integer, as pdfium reads it.
    """
    if not fontsize:
        return adv
    whole = round(adv * 1000 / fontsize)
    if width is None:
        width = truncated.get(whole)
    return width * fontsize / 1000 if width is not None and math.trunc(width) == whole else adv


def _slanted_width(font: int, text: str, fontsize: float, adv: float) -> float:
    """Given a glyph drawn with a slanted or rotated matrix, return its advance.

    pdfium's loose box is the axis-aligned hull of the slanted em box (an italic
    made by skewing the text matrix: wider by the slant); pdfminer's advance is
    the glyph's width.  The font's width of the text is taken when it is no wider
    than the hull (a ToUnicode that does not lead back to the glyph gives another).
    """
    width = ctypes.c_float()
    if _glyph_width(font, ord(text[0]), fontsize, ctypes.addressof(width)) and (
        0 < width.value <= adv + SAME
    ):
        return _f32(width.value)
    return adv


def _font_width(font: int, text: str, fontsize: float) -> float:
    """Given an upright glyph's font, text and size, return the font's width of its text (see
    the module docstring), 0.0 where it knows none."""
    width = ctypes.c_float()
    if font and _glyph_width(font, ord(text), fontsize, ctypes.addressof(width)):
        return max(0.0, _f32(width.value))
    return 0.0


def _shared_width(font: int, text: str, fontsize: float, adv: float) -> float:
    """Given a glyph pdfium may have read from `ActualText`, return the advance of the glyph drawn.

    Some producers write one ToUnicode entry per glyph and print the other code points a
    glyph stands for through an `ActualText` span (`SHARED_GLYPHS`): Chromium draws 目 with
    the glyph whose ToUnicode says ⽬ (U+2F6C), and • with the one that says ·.  pdfium
    then gives the span's text and boxes its ink; pdfminer boxes the glyph (`width ×
    size`).  pdfium's width of a code point the ToUnicode lacks is the font's default, so
    the glyph drawn is the one whose width differs from the text's own, if any.
    """
    width = ctypes.c_float()
    if not _glyph_width(font, ord(text), fontsize, ctypes.addressof(width)):
        return adv
    own = _f32(width.value)
    if abs(own - adv) <= SAME:
        return adv  # pdfium's box is the glyph's advance: no ActualText here
    for other in SHARED_GLYPHS[text]:
        if _glyph_width(font, ord(other), fontsize, ctypes.addressof(width)) and (
            width.value > 0 and abs(_f32(width.value) - own) > SAME
        ):
            return _f32(width.value)
    return own if own > 0 else adv


def _page_text(textpage: Any, count: int) -> str:
    """Given a text page, return the text of its chars, one code unit per char index."""
    buf = ctypes.create_string_buffer(2 * (count + 1))
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    return buf.raw[: 2 * count].decode("utf-16-le", errors="surrogatepass")


@dataclass(slots=True)
class _Glyph:
    """One glyph as pdfium places it (origin as the PDF spec says), before pdfminer's quirks."""

    text: str
    x: float
    y: float
    abcd: tuple[float, float, float, float]
    adv: float  # advance in text space (no character spacing)
    below: float  # descent below the origin in text space (pdfminer's)
    fontsize: float
    owner: int  # the text object: one string-showing operator
    font: int = 0  # pdfium's font handle
    family: bytes = b""  # the font's name without subset tag


SAME = 1e-3  # points: two positions pdfium computed in float32 are the same


# One owner's (text object's) glyph constants: matrix (a, b, c, d), the matrix's x scale,
# font size, descent below the origin in text space (pdfminer's), and its font.
_Owner = tuple[tuple[float, float, float, float], float, float, float, "FontInfo"]
_RECT = struct.Struct("4f").unpack_from  # FS_RECTF: left, top, right, bottom
_POINT = struct.Struct("2d").unpack_from  # two doubles: a char origin's x, y
_NO_FONT: FontInfo = (0, b"", None, {}, {}, False)


# Buffers one page's reads share: a char's matrix, loose box and origin, and their addresses.
_Scratch = tuple[Any, Any, Any, int, int, int]
_MATRIX = struct.Struct("6f").unpack_from  # FS_MATRIX: a, b, c, d, e, f
# A text object's matrix (a, b, c, d), its x scale and its font size, as pdfminer has them
_Shape = tuple[tuple[float, float, float, float], float, float]


def _scratch() -> _Scratch:
    matrix, rect, point = raw.FS_MATRIX(), raw.FS_RECTF(), (ctypes.c_double * 2)()
    addr = ctypes.addressof
    return matrix, rect, point, addr(matrix), addr(rect), addr(point)


def _owner(
    tp: int,
    i: int,
    owner: int,
    fonts: FontMetrics,
    cache: dict[int, FontInfo],
    scratch: _Scratch,
    shapes: dict[tuple[float, ...], _Shape],
) -> _Owner:
    """Given the first glyph of a text object, return what all its glyphs share.

    pdfium gives the matrix and size per char; where pdfminer's descent is
    unknown, the loose box's bottom below the origin is the descent.
    """
    matrix, rect, point, p_matrix, p_rect, p_point = scratch
    _char_matrix(tp, i, p_matrix)
    key = (*_MATRIX(matrix)[:4], _font_size(tp, i))
    shape = shapes.get(key)
    if shape is None:  # text objects of a page mostly share a few matrices and sizes
        a, b, c, d, size = key
        abcd = (_f32(a), _f32(b), _f32(c), _f32(d))
        shape = shapes[key] = (abcd, math.hypot(abcd[0], abcd[1]) or 1.0, _f32(size))
    abcd, scale, fontsize = shape
    info = _font_info(owner, fonts, cache) if owner else _NO_FONT
    em = info[2]
    if em is not None:
        below = em * fontsize
    else:
        _loose_box(tp, i, p_rect)
        _origin(tp, i, p_point, p_point + 8)
        _left, top, _right, bottom = _RECT(rect)
        drop = bottom - _POINT(point)[1] if top != bottom else 0.0
        below = _f32(drop / abcd[3]) if abcd[3] > 0 else 0.0
    return abcd, scale, fontsize, below, info


def _chars(textpage: Any, fonts: FontMetrics) -> tuple[list[_Glyph], set[int]]:
    """Given a pdfium text page, return its glyphs and their text objects."""
    glyphs: list[_Glyph] = []
    run_owner, run_shift = -1, 0.0  # pdfminer's widths minus pdfium's, so far in this string
    last_key: tuple[float, ...] | None = None
    scratch = _scratch()
    _matrix, loose, point, _p_matrix, p_loose, p_ox = scratch
    p_oy = p_ox + 8
    shapes: dict[tuple[float, ...], _Shape] = {}
    tp = ctypes.cast(textpage, ctypes.c_void_p).value or 0
    count = raw.FPDFText_CountChars(textpage)
    text_of = _page_text(textpage, count)
    if len(text_of) != count:  # a char outside the BMP: read them one by one
        text_of = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 0) for i in range(count))
    by_owner: dict[int, _Owner] = {}
    font_cache: dict[int, FontInfo] = {}
    font_widths: dict[tuple[int, str, float], float] = {}  # `_font_width`'s, once per glyph
    text_object, map_error, loose_box, origin = _text_object, _map_error, _loose_box, _origin
    for i in range(count):
        text = text_of[i]
        if text in _BREAKS:
            owner = text_object(tp, i) or 0
            if _is_generated(tp, i) == 1 and not (
                text == " " and owner and _drawn_space(textpage, i)
            ):
                continue  # pdfium's own word and line breaks
            if text != " ":
                continue
        elif text in _DROPPED:
            if not _is_hyphen(tp, i):
                continue
            text = "-"  # a hyphen ending a line: pdfium's text is U+FFFE/STX, the PDF's "-"
            owner = text_object(tp, i) or 0
        else:
            owner = text_object(tp, i) or 0
        if map_error(tp, i) == 1:
            raise NeedsReference("a glyph without a Unicode mapping (pdfium cannot name its CID)")
        known = by_owner.get(owner)
        if known is None:
            known = by_owner[owner] = _owner(tp, i, owner, fonts, font_cache, scratch, shapes)
        (a, b, c, d), scale, fontsize, below, (font, family, _, widths, truncated, afm) = known
        loose_box(tp, i, p_loose)
        left, _top, right, bottom = _RECT(loose)
        origin(tp, i, p_ox, p_oy)  # the loose box's bottom depends on the glyph: not the origin
        ox, oy = _POINT(point)
        if owner != run_owner:
            run_owner, run_shift = owner, 0.0
        x = ox + run_shift
        key = (x, oy, left, right, bottom)
        if key == last_key and not text.isspace():
            glyphs[-1].text += text  # one glyph, several code points: a ligature
            continue
        last_key = key
        width = right - left
        if text == " " and width == 0:
            adv = _space_width(font, text, fontsize)  # pdfium gives a drawn space no box
        else:
            adv = round(width / scale * 10000.0) / 10000.0  # _f32, inline: per glyph
            if b or c:  # slanted or rotated: the loose box spans the slant, not the advance
                adv = _slanted_width(font, text, fontsize, adv)
            if text in SHARED_GLYPHS:
                adv = _shared_width(font, text, fontsize, adv)
            elif a > 0 and not (b or c) and len(text) == 1:
                own = font_widths.get((font, text, fontsize))
                if own is None:
                    own = font_widths[font, text, fontsize] = _font_width(font, text, fontsize)
                adv = own or adv
            if widths or truncated:  # pdfium truncated a fractional width: take pdfminer's,
                exact = (
                    widths[text] * fontsize / 1000
                    if afm and text in widths
                    else _exact_width(widths.get(text), truncated, fontsize, adv)  # and move
                )
                run_shift += (exact - adv) * a  # the string's next glyphs
                adv = exact
        glyphs.append(
            _Glyph(
                text,
                round(x * 10000.0) / 10000.0,
                round(oy * 10000.0) / 10000.0,
                (a, b, c, d),
                adv,
                below,
                fontsize,
                owner,
                font,
                family,
            )
        )
    return glyphs, set(by_owner)


def _marks(glyphs: list[_Glyph]) -> dict[int, int | None]:
    """Given glyphs, return the marked-content ID of each one's text object (None: none).

    pdfium gives the first MCID among the object's marks, outermost first; pdfplumber's
    device, as `pipeline.extract.marked` makes it, the first on its stack of open tags,
    outermost first: the same wherever a text object lies in one nest of sequences."""
    out: dict[int, int | None] = {}
    for g in glyphs:
        if g.owner not in out:
            mcid = _mark_id(g.owner) if g.owner else -1
            out[g.owner] = mcid if mcid >= 0 else None
    return out


def _boxes(glyphs: list[_Glyph], ctm: Matrix, height: float) -> list[Char]:
    """Given the page's glyphs in content order, return them boxed as pdfminer boxes them.

    An upright glyph on an unrotated page is boxed here, as `_box` would, without
    its call (most glyphs of most pages).
    """
    marks = _marks(glyphs)
    if ctm[:4] != (1.0, 0.0, 0.0, 1.0):
        return [
            _box(
                g.text, (g.x, g.y), g.abcd, g.adv, g.below, g.fontsize, ctm, height, marks[g.owner]
            )
            for g in glyphs
        ]
    e, f = ctm[4], ctm[5]
    out: list[Char] = []
    for g in glyphs:
        a, b, c, d = g.abcd
        if b == c == 0 and a > 0 and d > 0:
            x0 = g.x + e
            y0 = g.y + f + g.below * d
            size = g.fontsize * d
            top, x1, bottom = height - (y0 + size), x0 + g.adv * a, height - y0
            out.append(Char(g.text, x0, top, x1, bottom, size, True, marks[g.owner]))
        else:
            mcid = marks[g.owner]
            out.append(
                _box(g.text, (g.x, g.y), g.abcd, g.adv, g.below, g.fontsize, ctm, height, mcid)
            )
    return out


def _lost_spaces(
    objects: list[int],
    glyphs: list[_Glyph],
    textpage: Any,
    fonts: FontMetrics,
) -> list[_Glyph]:
    """Given the page's text objects and glyphs, return the spaces pdfium left out of its char list.

    A text object that draws only spaces (a producer switching fonts for the
    space) has no char in pdfium's text page; pdfminer has its glyphs.  pdfium
    reads no text from it either: it is a no-break space when that is the only
    space pdfium read in the same font (Chromium), else a space.
    """
    owners = {g.owner for g in glyphs}
    spaces: dict[int, set[str]] = {}
    for g in glyphs:
        if g.text.isspace():
            spaces.setdefault(g.font, set()).add(g.text)
    out: list[_Glyph] = []
    cache: dict[int, FontInfo] = {}
    for owner in objects:
        if owner in owners:
            continue
        obj = ctypes.cast(owner, raw.FPDF_PAGEOBJECT)
        size = ctypes.c_float()
        if not raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)):
            continue
        font_handle, family, em, *_ = _font_info(owner, fonts, cache)
        lone = "\xa0" if spaces.get(font_handle) == {"\xa0"} else " "
        text = _object_text(obj, textpage) or lone
        if not text.isspace():
            continue
        fontsize = _f32(size.value)
        font = raw.FPDFTextObj_GetFont(obj)
        desc = ctypes.c_float()
        descent = 0.0
        if em is not None:
            descent = em * fontsize
        elif font and raw.FPDFFont_GetDescent(font, ctypes.c_float(fontsize), ctypes.byref(desc)):
            descent = _f32(desc.value)
        a, b, c, d, e, f = _obj_matrix(obj)
        x = e
        for ch in text:
            adv = _space_width(font_handle, ch, fontsize)
            out.append(
                _Glyph(ch, x, f, (a, b, c, d), adv, descent, fontsize, owner, font_handle, family)
            )
            x += adv * a
    return out


def read_pages(doc: Document, *, password: str | None = None) -> Iterator[PageContent]:
    """Given an open document, yield each page's primitives, closing pdfium's page as it goes."""
    pdf = doc.pdf
    fonts = doc.fonts()
    for n in range(1, len(pdf) + 1):
        try:
            page = pdf[n - 1]
        except PDFIUM_ERRORS as err:
            raise NeedsReference(f"p{n}: pdfium cannot load the page ({err})") from err
        try:
            box = tuple(_f32(v) for v in page.get_mediabox())
            rotate = page.get_rotation() % 360
            ctm = _page_ctm(rotate, box)  # type: ignore[arg-type]
            w, h = box[2] - box[0], box[3] - box[1]
            width, height = (h, w) if rotate in (90, 270) else (w, h)
            textpage = raw.FPDFText_LoadPage(page.raw)
            if not textpage:
                raise NeedsReference(f"p{n}: pdfium cannot load the text page")
            try:
                glyphs, _ = _chars(textpage, fonts)
                texts: list[int] = []
                boxes: list[tuple[float, float, float, float]] = []
                rulings = _walk_objects(
                    _handle(page.raw), _page_count, _page_object, ctm, height, texts, boxes
                )
                glyphs += _lost_spaces(texts, glyphs, textpage, fonts)
                # content order (a lost space where its string was): the spacing rule needs it
                order = {obj: k for k, obj in enumerate(texts)}
                glyphs.sort(key=lambda g: order.get(g.owner, len(order)))
                chars = _boxes(glyphs, ctm, height)
            finally:
                raw.FPDFText_ClosePage(textpage)
            content = PageContent(
                page_no=n,
                width=width,
                height=height,
                chars=tuple(chars),
                rulings=tuple(rulings),
                images=len(boxes),
                image_cover=image_cover(boxes, width, height),
            )
        finally:
            page.close()
        yield content
