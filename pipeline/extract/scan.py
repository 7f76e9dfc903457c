"""What OCR was unsure of: checks over a stream whose pages were read by OCR, and the
repairs the document's own text allows (`repair_units`).

The routing itself (a PDF's text layer where it has one, OCR for the other pages;
every page of an image file by OCR) is composed in `pipeline.layout.pages`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace

from pipeline.extract.ocr import DEFAULT_OCR_SETTINGS, OcrSettings
from pipeline.models import Check, Document, OcrText, PageStream
from pipeline.normalise.patterns import (
    ITEM_POINTS,
    ITEM_SCORE,
    SUBTOTAL,
    ends_like_name,
    unbalanced,
)


def read_mainly_by_ocr(stream: PageStream) -> bool:
    """Given a stream, return True when OCR read more than half of its pages (a scan)."""
    return 2 * len(stream.ocr_pages) > stream.page_count


def _is_score(text: str) -> bool:
    t = text.replace(" ", "")
    return any(p.regex.match(t) for p in (SUBTOTAL, ITEM_SCORE, ITEM_POINTS))


def ocr_checks(
    stream: PageStream,
    settings: OcrSettings = DEFAULT_OCR_SETTINGS,
    doc: Document | None = None,
) -> tuple[Check, ...]:
    """Given a stream with OCR'd pages (and the document read from it), return what OCR was
    unsure of and what was repaired.

    Low-confidence lines are a warning; a score, subtotal or (N分) whose number was read
    below the threshold is an error (the document becomes partial): a number we could not
    read surely must not pass as read, unless the document's sums settle it
    (`confirmed_by_sums`).  The number's confidence is its least sure digit's
    where the engine says (the brackets of "(100分)", half or full width, are often read
    at 0.5 while its digits are sure), else the line's.  A bare "小計" or "得分：" (an
    unscored form) holds no number to be unsure of: a number lost from it leaves the score
    empty, which the sum checks name.
    """
    texts = stream.ocr_texts
    low = [t for t in texts if t.confidence < settings.min_confidence]
    low_scores = [t for t in texts if _unsure_score(t, settings.min_confidence)]
    confirmed = confirmed_by_sums(doc, low_scores) if doc is not None else []
    low_scores = [t for t in low_scores if t not in confirmed]
    repaired = [t for t in texts if t.raw != t.text]
    pages = ", ".join(str(p) for p in stream.ocr_pages)
    out = [
        Check(
            "ocr_pages",
            "info",
            f"{len(stream.ocr_pages)} of {stream.page_count} pages read by OCR (p{pages}), "
            f"{len(texts)} lines",
            True,
        ),
        Check(
            "ocr_low_confidence",
            "warning",
            f"{len(low)} of {len(texts)} OCR lines below confidence {settings.min_confidence}"
            + (": " + "; ".join(_where(t) for t in low[:20]) if low else ""),
            not low,
        ),
        Check(
            "ocr_scores_read",
            "error",
            (
                f"{len(low_scores)} scores or subtotals read below confidence "
                f"{settings.min_confidence}: " + "; ".join(_where(t) for t in low_scores)
            )
            if low_scores
            else "every score and subtotal OCR read was read with confidence"
            + (f", or settled by the sums ({len(confirmed)})" if confirmed else ""),
            not low_scores,
        ),
    ]
    out += _settled_checks(confirmed, repaired, settings)
    return tuple(out)


def _settled_checks(
    confirmed: Sequence[OcrText], repaired: Sequence[OcrText], settings: OcrSettings
) -> list[Check]:
    """Given the unsure scores the sums settled and the lines repaired, return an info
    check for each."""
    out: list[Check] = []
    if confirmed:
        out.append(
            Check(
                "ocr_scores_confirmed",
                "info",
                f"{len(confirmed)} scores or subtotals read below confidence "
                f"{settings.min_confidence}, each the one unsure number of a dimension whose "
                "item scores add up to its subtotal: " + "; ".join(map(_where, confirmed)),
                True,
            )
        )
    for t in repaired:
        out.append(
            Check(
                "ocr_repair",
                "info",
                f"p{t.page} ({t.bbox.x0:.0f},{t.bbox.top:.0f}): OCR read {t.raw!r}, repaired to "
                f"{t.text!r}",
                True,
            )
        )
    return out


def confirmed_by_sums(doc: Document, unsure: Sequence[OcrText]) -> list[OcrText]:
    """Given a document and its score lines OCR read unsurely, return those its sums settle.

    A dimension's item scores and its subtotal make one equation.  Where it holds and
    exactly one of its numbers was read unsurely (an item's "得分：N" or the "小計" whose
    number and page match it), that number is what the others make it: it is confirmed.
    Two unsure numbers in one equation could be wrong together; a line that matches no
    number of one dimension (or of two) is not placed, so it stays unsure.
    """
    where: dict[int, list[OcrText]] = {}
    for t in unsure:
        dims = _dimensions_holding(doc, t)
        if len(dims) == 1:
            where.setdefault(dims.pop(), []).append(t)
    confirmed = []
    for dim in doc.dimensions:
        lines = where.get(dim.dimension_no, [])
        scores = [i.score for i in doc.items if i.dimension_no == dim.dimension_no]
        if len(lines) != 1 or dim.subtotal is None or not scores or None in scores:
            continue
        if abs(sum(s for s in scores if s is not None) - dim.subtotal) < 1e-6:
            confirmed.append(lines[0])
    return confirmed


def _dimensions_holding(doc: Document, t: OcrText) -> set[int]:
    """Given a document and an OCR'd score line, return the dimensions with a number it may
    have been read as: an item's score on the item's pages, or a subtotal on the
    dimension's pages."""
    key = t.text.replace(" ", "")
    if (m := ITEM_SCORE.regex.match(key)) and m.group("score"):
        value = float(m.group("score"))
        return {
            i.dimension_no
            for i in doc.items
            if i.score == value and i.page_start <= t.page <= i.page_end
        }
    if (m := SUBTOTAL.regex.match(key)) and m.group("value"):
        value = float(m.group("value"))
        return {
            d.dimension_no
            for d in doc.dimensions
            if d.subtotal == value and d.page_start <= t.page <= d.page_end
        }
    return set()


def _unsure_score(t: OcrText, min_confidence: float) -> bool:
    """Given an OCR line, tell whether it holds a score whose number was read below
    `min_confidence` (its digits' confidence where known, else the line's)."""
    if not _is_score(t.text) or not any(ch.isdigit() for ch in t.text):
        return False
    return (t.confidence if t.digits is None else t.digits) < min_confidence


def _where(t: OcrText) -> str:
    digits = "" if t.digits is None else f" (digits {t.digits:.2f})"
    return f"p{t.page} ({t.bbox.x0:.0f},{t.bbox.top:.0f}) {t.text!r} {t.confidence:.2f}{digits}"


def repair_units(doc: Document, ocr_pages: Collection[int]) -> tuple[Document, tuple[Check, ...]]:
    """Given a document and the pages OCR read, return it with each unit name OCR misread
    put back as the document's own, and an `ocr_repair` check for each.

    A unit on a page OCR read that stands once and does not end as a unit name does
    ("各辯事慮": 辦 and 處 misread), or opens a bracket it never closes, is the name the
    document prints elsewhere, at least twice and ending as a name does ("各辦事處"), when
    exactly one such name has its length and differs from it in at most half its
    characters, or is it with the closing bracket it lacks ("資訊小組(各單位").  Names that
    read as names are never touched (研考科 and 行政科 are two units) but where only the
    case of their Latin letters differs ("It組" once, "IT組" twice); nothing else is a
    candidate."""
    counts = Counter(u for r in doc.rows for u in r.units)
    known = [v for v, n in counts.items() if n >= 2 and ends_like_name(v)]
    checks: list[Check] = []
    rows = []
    for r in doc.rows:
        read = any(p in ocr_pages for p in range(r.page_start, r.page_end + 1))
        units = tuple(_known_unit(u, counts, known) if read else u for u in r.units)
        for u, v in zip(r.units, units, strict=True):
            if u != v:
                message = f"row {r.row_no}: OCR read unit {u!r}, the document's {v!r}"
                checks.append(Check("ocr_repair", "info", message, True))
        rows.append(replace(r, units=units) if units != r.units else r)
    return replace(doc, rows=tuple(rows)), tuple(checks)


def _known_unit(unit: str, counts: Counter[str], known: list[str]) -> str:
    """Given a unit, the document's unit counts and its names printed twice or more, return
    the one name it is a misreading of (`repair_units`), else the unit as it is."""
    if counts[unit] != 1:
        return unit
    if ends_like_name(unit) and not unbalanced(unit):
        # A name is left as read, unless only its Latin letters' case tells it from the
        # document's ("It組" for "IT組"): no two units are told apart by case alone.
        cased = [v for v in known if v != unit and v.casefold() == unit.casefold()]
        return cased[0] if len(cased) == 1 else unit
    near = [
        v
        for v in known
        if (
            len(v) == len(unit) and sum(a != b for a, b in zip(v, unit, strict=True)) <= len(v) // 2
        )
        or _closed(unit) == v
    ]
    return near[0] if len(near) == 1 else unit


def _closed(unit: str) -> str | None:
    """Given a unit, return it with the closing bracket of a bracket it opens and never
    closes ("資訊小組(各單位", its ")" too faint to read), else None."""
    opened = unit.count("(") + unit.count("（") - unit.count(")") - unit.count("）")
    if opened != 1:
        return None
    return unit + (")" if unit.rfind("(") > unit.rfind("（") else "）")
