"""What OCR was unsure of: checks over a stream whose pages were read by OCR.

The routing itself (a PDF's text layer where it has one, OCR for the other pages;
every page of an image file by OCR) is composed in `pipeline.layout.pages`.
"""

from __future__ import annotations

from pipeline.extract.ocr import DEFAULT_OCR_SETTINGS, OcrSettings
from pipeline.models import Check, OcrText, PageStream
from pipeline.normalise.patterns import ITEM_POINTS, ITEM_SCORE, SUBTOTAL


def read_mainly_by_ocr(stream: PageStream) -> bool:
    """Given a stream, return True when OCR read more than half of its pages (a scan)."""
    return 2 * len(stream.ocr_pages) > stream.page_count


def _is_score(text: str) -> bool:
    t = text.replace(" ", "")
    return any(p.regex.match(t) for p in (SUBTOTAL, ITEM_SCORE, ITEM_POINTS))


def ocr_checks(
    stream: PageStream, settings: OcrSettings = DEFAULT_OCR_SETTINGS
) -> tuple[Check, ...]:
    """Given a stream with OCR'd pages, return what OCR was unsure of and what was repaired.

    Low-confidence lines are a warning; a score, subtotal or (N分) whose number was read
    below the threshold is an error (the document becomes partial): a number we could not
    read surely must not pass as read.  The number's confidence is its least sure digit's
    where the engine says (the brackets of "(100分)", half or full width, are often read
    at 0.5 while its digits are sure), else the line's.  A bare "小計" or "得分：" (an
    unscored form) holds no number to be unsure of: a number lost from it leaves the score
    empty, which the sum checks name.
    """
    texts = stream.ocr_texts
    low = [t for t in texts if t.confidence < settings.min_confidence]
    low_scores = [t for t in texts if _unsure_score(t, settings.min_confidence)]
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
            else "every score and subtotal OCR read was read with confidence",
            not low_scores,
        ),
    ]
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
    return tuple(out)


def _unsure_score(t: OcrText, min_confidence: float) -> bool:
    """Given an OCR line, tell whether it holds a score whose number was read below
    `min_confidence` (its digits' confidence where known, else the line's)."""
    if not _is_score(t.text) or not any(ch.isdigit() for ch in t.text):
        return False
    return (t.confidence if t.digits is None else t.digits) < min_confidence


def _where(t: OcrText) -> str:
    digits = "" if t.digits is None else f" (digits {t.digits:.2f})"
    return f"p{t.page} ({t.bbox.x0:.0f},{t.bbox.top:.0f}) {t.text!r} {t.confidence:.2f}{digits}"
