"""PDF bytes → each font's descent as pdfminer computes it, for the pdfium backend.

pdfium reads a font descriptor's `/Ascent` and `/Descent` as integers and, when
both are 0 (LibreOffice writes that), takes them from the glyphs of the font
program instead; for the 14 standard fonts it uses its own font files.
pdfminer (the reference backend) takes the descriptor's number as it is
(`-121.0938`), 0 when it is 0 or missing, the built-in AFM metrics for a
standard-14 name, and a Type 3 font's `/FontBBox`.  A glyph's box hangs from its
origin by that descent, so pdfium's boxes sit up to a point away from the
reference's unless the descent is read the reference's way.

Widths too: pdfium reads a font's `/W` or `/Widths` as integers, pdfminer as
written (Chromium writes `500.97656`), and a glyph's box and the glyphs after it
in its string follow that width.  For a font with a fractional width only, its
ToUnicode map is parsed (pdfminer's `CMapParser`) to key the widths by text.

The same walk measures what each page's content streams inflate to: pdfium
aborts the whole process when it runs out of memory (a decompression bomb under
`--max-memory`), where pdfminer raises MemoryError, so a stream inflating past
`MAX_INFLATED` bytes is handed to the reference backend (`NeedsReference`).

Only the object layer of pdfminer is used (cross-reference table, page tree,
resource and font dictionaries): no content stream is parsed and no predefined
CMap is loaded, so this costs milliseconds per document.  Fonts are keyed by
their name without the subset tag (`AAAAAA+`), as pdfium reports them.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import get_widths
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from pipeline.extract.backends import NeedsReference

MAX_INFLATED = 32 << 20  # bytes of one content stream; a form's page holds well under 1 MiB
INFLATE_CHUNK = 1 << 20
MAX_XOBJECT_DEPTH = 8  # form XObjects inside form XObjects: deeper is a cycle
SUBSET_TAG_LENGTH = 7  # "AAAAAA+"

FontDescents = dict[bytes, frozenset[float]]
FontWidths = dict[bytes, dict[str, float]]  # name → text → width in 1/1000 em (fractional fonts)
TruncatedWidths = dict[bytes, dict[int, float]]  # name → pdfium's integer width → the width


class FontMetrics(NamedTuple):
    """What pdfminer reads from a document's fonts that pdfium reads otherwise."""

    descents: FontDescents
    widths: FontWidths
    truncated: TruncatedWidths
    standard: frozenset[bytes]  # names whose widths are the AFM's (pdfminer ignores /Widths)


def font_key(name: bytes) -> bytes:
    """Given a font name (`AAAAAA+UMingTW-2`), return it without its subset tag."""
    if len(name) > SUBSET_TAG_LENGTH and name[6:7] == b"+" and name[:6].isalpha():
        return name[SUBSET_TAG_LENGTH:]
    return name


def _name(value: Any) -> bytes:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, str):
        return value.encode("latin-1", errors="replace")
    return value if isinstance(value, bytes) else b""


def _number(value: Any) -> float:
    value = resolve1(value)
    return float(value) if isinstance(value, int | float) else 0.0


def _dict(value: Any) -> Mapping[str, Any]:
    value = resolve1(value)
    return value if isinstance(value, dict) else {}


def _descent(spec: Mapping[str, Any]) -> float:
    """Given a font dictionary, return pdfminer's `font.get_descent()` (em units, ≤ 0)."""
    subtype = _name(spec.get("Subtype"))
    if subtype == b"Type0":
        fonts = resolve1(spec.get("DescendantFonts"))
        spec = _dict(fonts[0]) if isinstance(fonts, list) and fonts else {}
        subtype = _name(spec.get("Subtype"))
    if subtype == b"Type3":  # the descriptor's FontBBox (none: 0), else the font's own
        own = _dict(spec.get("FontDescriptor")) if "FontDescriptor" in spec else spec
        bbox = resolve1(own.get("FontBBox"))
        matrix = resolve1(spec.get("FontMatrix")) or [0.001, 0, 0, 0.001, 0, 0]
        low = _number(bbox[1]) if isinstance(bbox, list) and len(bbox) == 4 else 0.0
        return low * (_number(matrix[1]) + _number(matrix[3]))
    descriptor: Mapping[str, Any]
    metrics = FONT_METRICS.get(_name(spec.get("BaseFont")).decode("latin-1"))
    if subtype in (b"Type1", b"MMType1", b"TrueType", b"") and metrics is not None:
        descriptor = metrics[0]
    else:
        descriptor = _dict(spec.get("FontDescriptor"))
    descent = _number(descriptor.get("Descent", 0))
    return (-descent if descent > 0 else descent) * 0.001


def _names(spec: Mapping[str, Any]) -> Iterator[bytes]:
    yield _name(spec.get("BaseFont"))
    fonts = resolve1(spec.get("DescendantFonts"))
    inner = _dict(fonts[0]) if isinstance(fonts, list) and fonts else {}
    yield _name(inner.get("BaseFont"))
    yield _name(_dict(inner.get("FontDescriptor") or spec.get("FontDescriptor")).get("FontName"))


def _code_widths(spec: Mapping[str, Any]) -> dict[int, float]:
    """Given a font dictionary, return its widths by character code (CID for Type 0)."""
    if _name(spec.get("Subtype")) == b"Type0":
        fonts = resolve1(spec.get("DescendantFonts"))
        inner = _dict(fonts[0]) if isinstance(fonts, list) and fonts else {}
        w = resolve1(inner.get("W"))
        return {int(k): _number(v) for k, v in get_widths(w).items()} if isinstance(w, list) else {}
    widths = resolve1(spec.get("Widths"))
    first = int(_number(spec.get("FirstChar", 0)))
    if not isinstance(widths, list):
        return {}
    return {first + i: _number(w) for i, w in enumerate(widths)}


def _unique_truncations(spec: Mapping[str, Any]) -> dict[int, float] | None:
    """Given a font dictionary with a fractional width, return each width by its integer part.

    Only the integer parts that belong to one width: then pdfium's truncated
    width names pdfminer's without knowing the glyph (a font with a built-in
    encoding and no ToUnicode: TeX's Type 1 fonts).
    """
    if _name(spec.get("Subtype")) == b"Type3":
        return None
    widths = set(_code_widths(spec).values())
    if all(w == int(w) for w in widths):
        return None
    by_int: dict[int, set[float]] = {}
    for w in widths:
        by_int.setdefault(int(w), set()).add(w)
    return {k: next(iter(v)) for k, v in by_int.items() if len(v) == 1}


def _standard_widths(spec: Mapping[str, Any]) -> dict[str, float] | None:
    """Given a simple font named like one of the 14 standard fonts, return pdfminer's widths.

    pdfminer takes them from its AFM metrics by text and ignores the font's own
    `/Widths`; pdfium uses `/Widths` (a producer may write other numbers there).
    """
    if _name(spec.get("Subtype")) not in (b"Type1", b"MMType1", b"TrueType", b""):
        return None
    metrics = FONT_METRICS.get(_name(spec.get("BaseFont")).decode("latin-1"))
    return {str(k): float(v) for k, v in metrics[1].items()} if metrics is not None else None


def _text_widths(spec: Mapping[str, Any]) -> dict[str, float] | None:
    """Given a font dictionary with a fractional width, return its widths by text; else None."""
    if _name(spec.get("Subtype")) == b"Type3":
        return None  # glyph-space widths: pdfium and pdfminer agree on them
    widths = _code_widths(spec)
    if all(w == int(w) for w in widths.values()):
        return None
    stream = resolve1(spec.get("ToUnicode"))
    if not isinstance(stream, PDFStream):
        return None
    cmap = FileUnicodeMap()
    CMapParser(cmap, io.BytesIO(stream.get_data())).run()
    out: dict[str, float] = {}
    clash: set[str] = set()
    for code, text in cmap.cid2unichr.items():
        if code in widths:
            if out.get(text, widths[code]) != widths[code]:
                clash.add(text)
            out[text] = widths[code]
    return {t: w for t, w in out.items() if t not in clash}


def _inflated_size(stream: PDFStream, limit: int) -> int:
    """Given a Flate stream, return how many bytes it inflates to, stopping past `limit`.

    The output is dropped chunk by chunk, so a bomb costs time, not memory.  A
    stream with another filter, or one that does not inflate, counts 0.
    """
    filters = resolve1(stream.attrs.get("Filter"))
    if isinstance(filters, list):
        filters = filters[0] if len(filters) == 1 else None
    if _name(filters) != b"FlateDecode" or stream.rawdata is None:
        return 0
    inflater = zlib.decompressobj()
    total = 0
    data = stream.rawdata
    try:
        while data and total <= limit:
            total += len(inflater.decompress(data, INFLATE_CHUNK))
            data = inflater.unconsumed_tail
    except zlib.error:
        return 0
    return total


def _check_inflation(streams: Any) -> None:
    streams = resolve1(streams)
    for ref in streams if isinstance(streams, list) else [streams]:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream) and _inflated_size(stream, MAX_INFLATED) > MAX_INFLATED:
            raise NeedsReference(f"a content stream inflates past {MAX_INFLATED >> 20} MiB")


def _collect(resources: Any, out: _Collected, seen: set[int], depth: int) -> None:
    resources = _dict(resources)
    for ref in _dict(resources.get("Font")).values():
        spec = _dict(ref)
        if id(spec) in seen:
            continue
        seen.add(id(spec))
        descent = _descent(spec)
        standard = _standard_widths(spec)
        widths = standard if standard is not None else _text_widths(spec)
        truncated = _unique_truncations(spec)
        for name in _names(spec):
            out.standard.setdefault(font_key(name), set()).add(standard is not None)
            out.descents.setdefault(font_key(name), set()).add(descent)
            if widths is not None:
                out.widths.setdefault(font_key(name), []).append(widths)
            if truncated is not None:
                out.truncated.setdefault(font_key(name), []).append(truncated)
    if depth >= MAX_XOBJECT_DEPTH:
        return
    for xobject in _dict(resources.get("XObject")).values():
        stream = resolve1(xobject)
        if isinstance(stream, PDFStream) and id(stream) not in seen:
            seen.add(id(stream))
            if _name(stream.attrs.get("Subtype")) == b"Form":
                _check_inflation(stream)
                _collect(stream.attrs.get("Resources"), out, seen, depth + 1)


class _Collected(NamedTuple):
    descents: dict[bytes, set[float]]
    widths: dict[bytes, list[dict[str, float]]]
    truncated: dict[bytes, list[dict[int, float]]]
    standard: dict[bytes, set[bool]]  # name → whether its fonts use the AFM widths


def _merge(tables: list[dict[Any, float]]) -> dict[Any, float]:
    """Given several fonts' widths by text (or integer part), return those all of them agree on."""
    out: dict[Any, float] = {}
    clash: set[Any] = set()
    for table in tables:
        for text, width in table.items():
            if out.get(text, width) != width:
                clash.add(text)
            out[text] = width
    return {t: w for t, w in out.items() if t not in clash}


def font_metrics(data: bytes, password: str | None = None) -> FontMetrics:
    """Given PDF bytes, return every font's descent (and fractional widths) as pdfminer reads them.

    Keyed by font name without subset tag.  Raises whatever pdfminer raises on
    a file it cannot parse, and NeedsReference for a decompression bomb: the
    caller hands such a file to the reference backend, which fails on it the
    same way.
    """
    doc = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
    out = _Collected({}, {}, {}, {})
    seen: set[int] = set()
    encrypted = doc.encryption is not None  # raw streams are ciphered: not measured
    for page in PDFPage.create_pages(doc):
        if not encrypted:
            _check_inflation(page.attrs.get("Contents"))
        _collect(page.resources, out, seen, 0)
    return FontMetrics(
        {name: frozenset(values) for name, values in out.descents.items()},
        {name: _merge(tables) for name, tables in out.widths.items()},
        {name: _merge(tables) for name, tables in out.truncated.items()},
        frozenset(name for name, kinds in out.standard.items() if kinds == {True}),
    )
