"""A scan's own OCR text layer against ours: the better reading of the page is used.

Scanners and PDF tools often put an invisible text layer (their OCR) over each
page image.  Such a layer may be good (exact glyph boxes, faster than OCR) or poor
(`ZOq5年` for 2015年, look-alike glyphs, lines dropped).  A page whose text lies
over an image covering it (`PageContent.image_cover`) is therefore read by OCR as
well, and the two readings are compared:

* **Agreement** is the share of the page's non-space characters the two readings
  have in common, as multisets (NFKC-folded; reading order differs between a
  layer and OCR, characters do not): `agreement`.
* At or above `LayerSettings.min_agreement` the layer is kept: OCR confirms it,
  and its glyph boxes are exact.  Below it, OCR is read when its own confidence
  (the mean over the page's characters) reaches `LayerSettings.min_confidence`;
  when neither reading can be trusted, the layer is kept and the check says so.

Every comparison is recorded in the `ocr_layer` check, with the agreement, the
confidence and the characters only the layer has (what OCR did not see there).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.models import Check, OcrText, PageContent

DEFAULT_LAYER_IMAGE_COVER = 0.9  # an image covering this share of the page is a scanned page
DEFAULT_MIN_AGREEMENT = 0.9  # share of characters in common that confirms a text layer
DEFAULT_MIN_CONFIDENCE = 0.8  # OCR's mean confidence that lets it replace a layer


@dataclass(frozen=True, slots=True)
class LayerSettings:
    """When a text layer counts as a scan's OCR layer, and which reading wins."""

    image_cover: float = DEFAULT_LAYER_IMAGE_COVER
    min_agreement: float = DEFAULT_MIN_AGREEMENT
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    def __post_init__(self) -> None:
        for name in ("image_cover", "min_agreement", "min_confidence"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(
                    f"LayerSettings.{name} must be in (0, 1], got {getattr(self, name)!r}"
                )


DEFAULT_LAYER_SETTINGS = LayerSettings()


def is_scan_layer(page: PageContent, settings: LayerSettings = DEFAULT_LAYER_SETTINGS) -> bool:
    """Given a page with text, tell whether its text lies over an image covering the page."""
    return page.image_cover >= settings.image_cover


def _chars(texts: Iterable[str]) -> Counter[str]:
    return Counter(c for t in texts for c in unicodedata.normalize("NFKC", t) if not c.isspace())


def agreement(layer: Counter[str], ocr: Counter[str]) -> float:
    """Given the character multisets of two readings, return the share they have in common
    (of the larger; 1 when both are empty)."""
    larger = max(sum(layer.values()), sum(ocr.values()))
    return 1.0 if larger == 0 else sum((layer & ocr).values()) / larger


def mean_confidence(texts: Iterable[OcrText]) -> float:
    """Given OCR's lines, return its confidence averaged over their characters (0 for none)."""
    weighted = [(len(t.text.replace(" ", "")), t.confidence) for t in texts]
    total = sum(n for n, _ in weighted)
    return sum(n * c for n, c in weighted) / total if total else 0.0


def choose_layer(
    layer: PageContent,
    texts: Iterable[OcrText],
    settings: LayerSettings = DEFAULT_LAYER_SETTINGS,
) -> tuple[bool, Check]:
    """Given a page's text layer and OCR's lines of the same page, return (True when OCR is
    read instead of the layer, the `ocr_layer` check saying why)."""
    texts = tuple(texts)
    a, b = _chars(c.text for c in layer.chars), _chars(t.text for t in texts)
    share, sure = agreement(a, b), mean_confidence(texts)
    only = "".join(c for c, _ in (a - b).most_common(12))
    head = (
        f"p{layer.page_no}: the text layer over the page image agrees {share:.1%} with OCR "
        f"(OCR confidence {sure:.2f}"
    )
    if share >= settings.min_agreement:
        return False, Check("ocr_layer", "info", f"{head}): the text layer is read", True)
    if sure >= settings.min_confidence:
        message = f"{head}; only in the layer: {only!r}): OCR is read instead"
        return True, Check("ocr_layer", "warning", message, False)
    message = f"{head}; only in the layer: {only!r}): neither is sure, the text layer is read"
    return False, Check("ocr_layer", "warning", message, False)
