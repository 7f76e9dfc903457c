"""OCR engines behind one small interface: a grey cell crop in, its text lines with boxes out.

RapidOCR (the default; PP-OCRv6 small models shipped inside the wheel, so nothing
is downloaded at run time) and Tesseract `chi_tra` through tesserocr (smaller and
faster, less accurate; the model comes from Debian's `tesseract-ocr-chi-tra`).
Engines are built once per process (`get_engine`) and run on one thread, since
the batch already runs one document per core.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from pipeline.errors import PipelineError

ENGINES: tuple[str, ...] = ("rapidocr", "tesseract")
DEFAULT_ENGINE = "rapidocr"
# The resolution scanned pages are read at (`OcrSettings.dpi` and `work_dpi`; --ocr-dpi):
# issue 12 measured both engines on 150 dpi scans.  Below MIN a 10-point glyph is under 14
# pixels tall, which neither engine reads; above MAX an A4 page passes 8.7 M pixels and
# the recogniser's strips the 700 MB a worker may use.
DEFAULT_DPI = 150
MIN_OCR_DPI = 100
MAX_OCR_DPI = 300
# RapidOCR detection runs on the cell crop scaled by this (`_ScaledDetector`): bench/ocr.py
# measured 0.5, 0.6 and 1 on whole degraded fixtures: 0.6 costs 25-48 % less CPU per page
# with every structure still exact (bench/README.md, "OCR detection scale").
DEFAULT_DET_SCALE = 0.6
# What runs RapidOCR's recogniser (~82 % of a scanned page's CPU).  OpenVINO runs the same
# bundled ONNX model, in bfloat16 where the CPU has bf16 arithmetic (AVX512_BF16, AMX) and
# in float32 elsewhere: on the 2-core machine's EPYC, 2.41-2.45 CPU s/page for the two
# densest generated forms instead of 3.15-3.33, the same structure and 1 - CER within
# 0.0004 (bench/README.md, fourteenth session).  `EVALTABLE_OCR_RUNTIME=onnxruntime`
# runs it on onnxruntime as before (bench/ocr.py compares them).
REC_RUNTIMES: tuple[str, ...] = ("openvino", "onnxruntime")
DEFAULT_REC_RUNTIME = "openvino"
# OpenVINO keeps kernels for every input shape it met; each strip has its own width, so
# its default (5000) grew a process past 1 GB over 400 strip widths.  Keeping 50 was as
# fast as keeping them all there (within 10 %), and as keeping none on a scanned form.
OPENVINO_SHAPE_CACHE = 50
# Beneath it, oneDNN keeps the kernels it compiled for each shape in a cache of its own
# (1024 by default, `ONEDNN_PRIMITIVE_CACHE_CAPACITY`, read when the CPU plugin first
# builds one).  On a CPU with AMX (bf16), generated form 7's scan (21 pages, bench.ocr)
# peaked at 735-750 MB with 1024 (budget 700) at 1.72-1.76 CPU s a page; 512: 670 MB,
# 2.16 s; 256: 642 MB, 2.21 s; 64: 620-627 MB, 2.38-2.52 s (each kernel the cache lets go
# is compiled again).  A capacity the user set is kept.
ONEDNN_KERNEL_CACHE = 256
# The recogniser RapidOCR 3.10 loads by default, inside its wheel.
REC_MODEL = Path("models") / "PP-OCRv6_rec_small.onnx"
TESSDATA_DIRS: tuple[str, ...] = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
)

# RapidOCR's recogniser answers with simplified or variant code points for a few
# traditional characters that look the same; the forms are printed in traditional
# Chinese, so these are mapped back.  An explicit table, not OpenCC s2tw, which
# also rewrites correct text (台→臺, 布→佈).
LOOKALIKES: dict[str, str] = {
    "内": "內",
    "强": "強",
    "衆": "眾",
    "産": "產",
    "説": "說",
    "项": "項",
    "为": "為",
    "别": "別",
    "两": "兩",
    "录": "錄",
    "况": "況",
    "减": "減",
    "凉": "涼",
    "吕": "呂",
    "却": "卻",
    "戸": "戶",
    "悦": "悅",
    "税": "稅",
    "温": "溫",
    "黄": "黃",
    "徳": "德",
    "県": "縣",
    "単": "單",
    "検": "檢",
    "査": "查",
    "図": "圖",
    "関": "關",
    "拠": "據",
    "処": "處",
    "総": "總",
    "従": "從",
    "辺": "邊",
    "経": "經",
    "続": "續",
    "応": "應",
    "実": "實",
    "対": "對",
    "証": "證",
    "顕": "顯",
    "来": "來",
    "価": "價",
    "将": "將",
    "缴": "繳",
    "统": "統",
    "员": "員",
    "满": "滿",
    "参": "參",
    "与": "與",
    "对": "對",
    "务": "務",
    "发": "發",
    "时": "時",
    "户": "戶",
    "级": "級",
    "测": "測",
    "结": "結",
    "纪": "紀",
    "纳": "納",
}
# Tesseract reads full-width punctuation of CJK text as ASCII; between CJK glyphs
# these are the full-width ones the forms print.
FULLWIDTH_BETWEEN_CJK: dict[str, str] = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


class OcrUnavailableError(PipelineError):
    """The chosen OCR engine cannot run here (its package or model is missing)."""


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One text line an engine read in a crop: text, box in crop pixels, confidence in [0, 1].

    `glyphs` says where the engine saw each piece of the text (a glyph, or a Latin
    word): (text, x0, x1) in the same pixels, the pieces making up the text without
    its spaces; empty when the engine does not say.  `digits` is how sure the engine
    was of the text's least sure digit, where it says per glyph (None: it does not, or
    the text has no digit): "(100分)" is read at 0.85 overall when its brackets (half or
    full width?) are read at 0.5, its number at 0.9999.  `circled` says a second look
    read the number opening the line as a circled one (`ocr.circled_again`): the first
    read its digits.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    glyphs: tuple[tuple[str, float, float], ...] = ()
    digits: float | None = None
    circled: bool = False


class OcrEngine(Protocol):
    name: str
    version: str
    # Whether a plain line of ink is read as well by `read_line` as through `read`, and
    # for less: RapidOCR's detection is half its time; Tesseract's own layout analysis is
    # cheap, and its single-line mode reads worse than its block mode (bench/README.md).
    plain_lines_alone: bool

    def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
        """Given a grey crop (uint8, 2-D), return its text lines top to bottom."""
        ...

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        """Given a grey strip known to hold one line of text, return it read without
        detection, boxed as the whole strip, with its glyphs where the engine says (None
        when nothing is read)."""
        ...


def map_lookalikes(text: str) -> str:
    """Given OCR text, return it with look-alike variant code points mapped to the traditional ones."""
    table = lookalikes()
    return "".join(table.get(ch, ch) for ch in text)


@functools.cache
def lookalikes() -> dict[str, str]:
    """Return every look-alike mapping: `LOOKALIKES`, each simplified-only character
    OpenCC knows one traditional form of (组→組, 务→務, 课→課), and each traditional
    variant outside Big5 whose Taiwan form (OpenCC's TWVariants) is in it (爲→為, 着→著).

    Simplified-only means outside Big5 (CP950), the character set Taiwan's forms are
    written in: 恒 and 庄, which OpenCC would rewrite too, are in Big5 and printed in
    Taiwanese names, so they stay.  The traditional form is OpenCC's after its Taiwan
    variants (TWVariants: 祕→秘), and must be in Big5 itself.  Only single-candidate
    entries count: 发 (發 or 髮) is left to `LOOKALIKES`.
    """
    table = _simplified_only()
    table.update(LOOKALIKES)
    return table


def _simplified_only() -> dict[str, str]:
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"

    def load(name: str) -> dict[str, list[str]]:
        entries: dict[str, list[str]] = {}
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            entries[key] = values.split()
        return entries

    def in_big5(ch: str) -> bool:
        try:
            ch.encode("cp950")
        except UnicodeEncodeError:
            return False
        return True

    taiwan = load("TWVariants.txt")
    table: dict[str, str] = {}
    for key, values in load("STCharacters.txt").items():
        if len(key) != 1 or len(values) != 1 or in_big5(key):
            continue
        trad = taiwan.get(values[0], values)[0]
        if trad != key and len(trad) == 1 and in_big5(trad):
            table[key] = trad
    # Traditional variants outside Big5 whose Taiwan form is in it (爲→為, 着→著, 啓→啟).
    for key, values in taiwan.items():
        if len(key) == 1 and len(values) == 1 and len(values[0]) == 1 and not in_big5(key):
            if in_big5(values[0]):
                table.setdefault(key, values[0])
    return table


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def widen_punctuation(text: str) -> str:
    """Given Tesseract text, return it with ASCII , : ; ( ) next to CJK glyphs made full-width."""
    out = list(text)
    for i, ch in enumerate(text):
        if ch in FULLWIDTH_BETWEEN_CJK:
            before = text[i - 1] if i > 0 else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if (before and _is_cjk(before)) or (after and _is_cjk(after)):
                out[i] = FULLWIDTH_BETWEEN_CJK[ch]
    return "".join(out)


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


class _ScaledDetector:
    """RapidOCR's text detector run on the crop scaled by `scale`, its boxes mapped back.

    Detection costs ~3/4 of a cell's OCR and grows with its pixels; it only has to find
    where the lines are, which text of the body size (~20 px a glyph at 150 dpi) shows
    as well at half the pixels.  Recognition still reads the full-resolution crop.
    """

    def __init__(self, detector: Any, scale: float) -> None:
        self.detector = detector
        self.scale = scale

    def __call__(self, img: np.ndarray[Any, Any]) -> Any:
        import cv2

        s = self.scale
        small = cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        found = self.detector(small)
        if found.boxes is not None:
            found.boxes = found.boxes / s
            found.img = img
        return found


class _OpenVinoRecogniser:
    """RapidOCR's recogniser model compiled by OpenVINO for one thread: a batch of strips
    in, the character probabilities out, as RapidOCR's onnxruntime session answers.

    `precision` is what OpenVINO chose for this CPU (`bf16` or `f32`); reads can differ
    between the two in the last decimals, so it is part of the engine's version.
    """

    def __init__(self, model: Path) -> None:
        os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(ONEDNN_KERNEL_CACHE))
        from openvino import Core

        config = {
            "INFERENCE_NUM_THREADS": "1",  # the batch already runs one document per core
            "NUM_STREAMS": "1",
            "PERFORMANCE_HINT": "LATENCY",
            "CPU_RUNTIME_CACHE_CAPACITY": str(OPENVINO_SHAPE_CACHE),
        }
        core = Core()
        compiled = core.compile_model(core.read_model(str(model)), "CPU", config)
        self.precision = str(compiled.get_property("INFERENCE_PRECISION_HINT").to_string())
        self._request = compiled.create_infer_request()

    def __call__(self, batch: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        self._request.infer([batch])
        out: np.ndarray[Any, Any] = self._request.get_output_tensor().data.copy()
        return out


def _rec_runtime() -> str:
    """The recogniser's runtime: `EVALTABLE_OCR_RUNTIME` when set, else OpenVINO where it
    is installed, else onnxruntime."""
    wanted = os.environ.get("EVALTABLE_OCR_RUNTIME", "")
    if wanted:
        if wanted not in REC_RUNTIMES:
            raise OcrUnavailableError(
                f"unknown OCR runtime {wanted!r} in EVALTABLE_OCR_RUNTIME; "
                f"choose one of {', '.join(REC_RUNTIMES)}"
            )
        return wanted
    try:
        import openvino  # noqa: F401
    except ImportError:  # pragma: no cover - an install without it
        return "onnxruntime"
    return DEFAULT_REC_RUNTIME


class RapidOcrEngine:
    """RapidOCR with its bundled PP-OCRv6 small models, one thread, no angle classifier,
    detection at `det_scale` of the crop (`_ScaledDetector`; 1 = the crop as it is), the
    recogniser on `runtime` (`REC_RUNTIMES`; detection stays on onnxruntime)."""

    name = "rapidocr"
    plain_lines_alone = True

    def __init__(self, det_scale: float = DEFAULT_DET_SCALE, runtime: str = "") -> None:
        try:
            import rapidocr as rapidocr_package
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - a broken install
            raise OcrUnavailableError(f"OCR engine rapidocr is not installed ({exc})") from exc
        runtime = runtime or _rec_runtime()
        self.version = f"{_version('rapidocr')}+ort{_version('onnxruntime')}"
        if det_scale != 1:
            self.version += f"+det{det_scale:g}"  # the cache key: another scale, another read
        self._ocr = RapidOCR(
            params={
                "Global.use_cls": False,  # forms are upright; the classifier only costs time
                "Global.log_level": "error",
                # The default upscales thin crops to >= 736 px: slow and ~1 GB.
                "Det.limit_type": "max",
                "Det.limit_side_len": 2000,
                "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )
        if det_scale != 1:
            detector = self._ocr._load_det_model()  # type: ignore[no-untyped-call]
            self._ocr.text_det = _ScaledDetector(detector, det_scale)  # type: ignore[assignment]
        model = Path(rapidocr_package.__file__).parent / REC_MODEL
        if runtime == "openvino" and model.is_file():
            self._use_openvino(model)

    def _use_openvino(self, model: Path) -> None:
        """Given RapidOCR's recogniser model, run its inference on OpenVINO.  RapidOCR
        read its dictionary from the model through onnxruntime; only the inference changes
        hands, and the version says so (the cache keeps the reads apart)."""
        recogniser = _OpenVinoRecogniser(model)
        self._ocr._load_rec_model().session = recogniser  # type: ignore[no-untyped-call]
        self.version += f"+rec-ov{_version('openvino')}-{recogniser.precision}"

    def _run(self, gray: np.ndarray[Any, Any], *, detect: bool) -> Any:
        """RapidOCR on a grey image, with detection and word boxes or recognition alone.

        RapidOCR keeps the step flags of its last call, so every call says them all.
        """
        import cv2

        return self._ocr(
            cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR),
            use_det=detect,
            use_cls=False,
            use_rec=True,
            return_word_box=True,
        )

    def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
        result = self._run(crop, detect=True)
        if result.boxes is None or result.txts is None or result.scores is None:
            return ()
        words = getattr(result, "word_results", None) or ()
        if len(words) != len(result.txts):
            words = ((),) * len(result.txts)
        lines = []
        for box, text, score, found in zip(
            result.boxes, result.txts, result.scores, words, strict=True
        ):
            xs = [float(p[0]) for p in box]
            ys = [float(p[1]) for p in box]
            t = str(text).strip()
            if t:
                glyphs = tuple(_glyph(w) for w in found)
                digits = _least_sure_digit((str(w[0]), float(w[1])) for w in found)
                box = (min(xs), min(ys), max(xs), max(ys))
                lines.append(OcrLine(t, *box, float(score), glyphs, digits))
        lines.sort(key=lambda ln: (ln.top, ln.x0))
        return tuple(lines)

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        result = self._run(strip, detect=False)
        if not result.txts or not result.scores or not (text := str(result.txts[0]).strip()):
            return None
        height, width = strip.shape[:2]
        # Per character, before `_glyphs` turns the word results into boxes.
        words = getattr(result, "word_results", None)
        digits = None
        if words and words[0] and hasattr(words[0], "words"):
            chars = [ch for word in words[0].words for ch in word]
            if len(chars) == len(words[0].confs):
                digits = _least_sure_digit(zip(chars, words[0].confs, strict=True))
        glyphs = self._glyphs(strip, result)
        return OcrLine(text, 0, 0, width, height, float(result.scores[0]), glyphs, digits)

    def _glyphs(
        self, strip: np.ndarray[Any, Any], result: Any
    ) -> tuple[tuple[str, float, float], ...]:
        """Where the recogniser saw each glyph of a strip read without detection: its word
        columns mapped onto the strip as if detection had boxed the whole strip (the steps
        of RapidOCR's own `cal_rec_boxes`, which the detection path uses too); () when it
        does not say.

        The box is the strip itself, so of `cal_rec_boxes`' map back to the image (for a
        strip wider than tall) only its arithmetic is kept (the inverse of the box's
        perspective transform, each corner cut to a whole pixel): the same glyph columns at
        a fifth of its cost, which went on ordering each glyph's corners."""
        import cv2

        words = getattr(result, "word_results", None)
        if not words or not words[0]:
            return ()
        height, width = strip.shape[:2]
        rect = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
        cal = self._ocr.cal_rec_boxes
        try:
            if cal.get_box_direction(rect).name != "HORIZONTAL":  # a strip 1.5 times taller
                boxed: Any = cal(
                    [cv2.cvtColor(strip, cv2.COLOR_GRAY2BGR)], rect[None], result, False
                )
                return tuple(_glyph(w) for w in boxed.word_results[0] if w[2] is not None)
            texts, boxes, _ = cal.cal_ocr_word_box(result.txts[0], rect, words[0], False)
            boxes = cal.adjust_box_overlap(boxes)
        except (AttributeError, IndexError, TypeError, ValueError):  # another RapidOCR's shapes
            return ()
        _, back = cv2.invert(cv2.getPerspectiveTransform(rect, rect))
        out = []
        # Not strict: cal_rec_boxes pairs texts with boxes as zip does.
        for text, corners in zip(texts, boxes, strict=False):
            xs = []
            for x, y in corners:
                u, _, w = np.dot(back, np.array([x, y, 1]))
                xs.append(int(u / w))
            out.append((str(text), float(min(xs)), float(max(xs))))
        return tuple(out)


def _least_sure_digit(pieces: Iterable[tuple[str, float]]) -> float | None:
    """Given (text, confidence) per glyph or word, return the least confidence of one
    holding a digit (None when none does)."""
    sure = [float(c) for t, c in pieces if any(ch.isdigit() for ch in t)]
    return min(sure) if sure else None


def _glyph(word: Any) -> tuple[str, float, float]:
    """Given one of RapidOCR's word results (text, score, four corners), return (text, x0, x1)."""
    text, _score, corners = word
    xs = [float(p[0]) for p in corners]
    return str(text), min(xs), max(xs)


def tessdata_dir() -> str | None:
    """Return the folder holding chi_tra.traineddata, or None when it is not installed."""
    for d in (os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_DIRS):
        if d and (Path(d) / "chi_tra.traineddata").is_file():
            return d
    return None


class TesseractEngine:
    """Tesseract `chi_tra` through tesserocr, psm 6 (one uniform block per cell)."""

    name = "tesseract"
    plain_lines_alone = False

    def __init__(self) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # 2.7x faster when cores are shared
        try:
            import tesserocr
        except ImportError as exc:  # pragma: no cover - a broken install
            raise OcrUnavailableError(f"OCR engine tesseract is not installed ({exc})") from exc
        path = tessdata_dir()
        if path is None:
            raise OcrUnavailableError(
                "OCR engine tesseract: chi_tra.traineddata not found; install the Debian "
                "package tesseract-ocr-chi-tra (make system)"
            )
        self._tess = tesserocr
        self.version = (
            f"{tesserocr.tesseract_version().split()[1]}+tesserocr{_version('tesserocr')}"
        )
        self._api = tesserocr.PyTessBaseAPI(
            path=path, lang="chi_tra", psm=tesserocr.PSM.SINGLE_BLOCK
        )

    def _set_image(self, gray: np.ndarray[Any, Any]) -> None:
        import cv2
        from PIL import Image

        # Tesseract's own binarisation loses text on the grey header fill; Otsu per crop keeps it.
        _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        self._api.SetImage(Image.fromarray(binary))

    def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
        self._set_image(crop)
        self._api.Recognize()
        lines: list[OcrLine] = []
        for text, box, confidence, symbols in self._lines():
            t = _tesseract_text(text)
            if t:
                x0, y0, x1, y1 = box
                lines.append(OcrLine(t, x0, y0, x1, y1, confidence, relabel(symbols, t)))
        return tuple(lines)

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        self._api.SetPageSegMode(self._tess.PSM.SINGLE_LINE)
        try:
            self._set_image(strip)
            text = self._api.GetUTF8Text() or ""
            confidence = self._api.MeanTextConf() / 100.0
        finally:
            self._api.SetPageSegMode(self._tess.PSM.SINGLE_BLOCK)
        t = _tesseract_text(text)
        return OcrLine(t, 0, 0, strip.shape[1], strip.shape[0], confidence) if t else None

    def _lines(
        self,
    ) -> list[tuple[str, tuple[int, int, int, int], float, list[tuple[str, float, float]]]]:
        """The recognised crop's text lines: text, box, confidence and symbols (text, x0, x1)."""
        ril = self._tess.RIL
        it = self._api.GetIterator()
        out: list[tuple[str, tuple[int, int, int, int], float, list[tuple[str, float, float]]]]
        out = []
        while it is not None:
            try:
                if it.IsAtBeginningOf(ril.TEXTLINE):
                    text, box = it.GetUTF8Text(ril.TEXTLINE), it.BoundingBox(ril.TEXTLINE)
                    out.append((text or "", box, it.Confidence(ril.TEXTLINE) / 100.0, []))
                symbol, sbox = it.GetUTF8Text(ril.SYMBOL), it.BoundingBox(ril.SYMBOL)
            except RuntimeError:  # tesserocr's way of saying the crop holds no text
                break
            if out and symbol and sbox is not None:
                out[-1][3].append((symbol, float(sbox[0]), float(sbox[2])))
            if not it.Next(ril.SYMBOL):
                break
        return [ln for ln in out if ln[0] and ln[1] is not None]


def _tesseract_text(text: str) -> str:
    """Given Tesseract's text of a line, return it as the forms print it: one space between
    words, none between CJK glyphs, no ruling read as "|", ASCII , : ; ( ) beside CJK made
    full-width."""
    return widen_punctuation(drop_cjk_spaces(" ".join(text.split())).strip("|"))


def relabel(
    symbols: list[tuple[str, float, float]], text: str
) -> tuple[tuple[str, float, float], ...]:
    """Given Tesseract's symbols of a line and the line's text as repaired (spaces dropped,
    punctuation widened, ruling pixels stripped), return the symbols spelling that text,
    or none when they cannot be matched one to one."""
    solid = [c for c in text if not c.isspace()]
    kept = [s for s in symbols if s[0].strip() and s[0].strip() != "|"]
    if len(kept) != len(solid) or any(len(s[0].strip()) != 1 for s in kept):
        return ()
    return tuple((c, x0, x1) for c, (_, x0, x1) in zip(solid, kept, strict=True))


def drop_cjk_spaces(text: str) -> str:
    """Given Tesseract text, return it without the spaces it puts between CJK glyphs.

    A space between a CJK glyph and a letter or digit stays ("call center 人員"):
    the forms print those.
    """
    out = []
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1:
            a, b = text[i - 1], text[i + 1]
            if (_is_cjk(a) or not a.isalnum()) and (_is_cjk(b) or not b.isalnum()):
                continue
        out.append(ch)
    return "".join(out)


@functools.cache
def get_engine(name: str = DEFAULT_ENGINE) -> OcrEngine:
    """Given an engine name, return that engine, built once per process."""
    if name == "rapidocr":
        scale = os.environ.get("EVALTABLE_OCR_DET_SCALE")  # bench/ocr.py compares scales
        return RapidOcrEngine(float(scale)) if scale else RapidOcrEngine()
    if name == "tesseract":
        return TesseractEngine()
    raise OcrUnavailableError(f"unknown OCR engine {name!r}; choose one of {', '.join(ENGINES)}")
