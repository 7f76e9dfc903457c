"""Degraded scans of the PDF fixtures through OCR: the same table comes back, its doubts recorded.

Expected values come from the goldens (never from the pipeline); the scans are
made by tools/scanlike.py with pdfium and Pillow.  Only a few pages are OCR'd,
to keep the suite fast; whole documents are measured by bench/ocr.py.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pdfplumber
import pypdfium2 as pdfium
import pytest

from pipeline.inputs import detect_kind, sha256_bytes
from pipeline.models import SourceInfo
from pipeline.records import outcome_to_records
from pipeline.run import outcome_of
from pipeline.store import OcrCacheDir
from tests.conftest import REPO, load_golden, run_cli
from tools.scanlike import (
    Degrade,
    char_accuracy,
    scan_of,
    to_pdf,
    to_png,
    to_tiff,
    with_text_layer,
)

FIXTURES = REPO / "tests" / "fixtures" / "pdf"
SYNTHETIC = FIXTURES / "synthetic_landoffice_a4_merged.pdf"
TEXT_COLUMNS = ("indicator", "sub_indicator", "result")


def _source(data: bytes, name: str, kind: str) -> SourceInfo:
    return SourceInfo(name, sha256_bytes(data), len(data), kind)


@pytest.fixture(scope="module")
def scanned_page1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Page 1 of the synthetic form (dimension 1 whole) as a 150 dpi, 0.5° skewed JPEG-in-PDF."""
    pages = scan_of(SYNTHETIC.read_bytes(), Degrade(dpi=150, skew=0.5, jpeg_quality=70), 7, [1])
    data = to_pdf(pages, 150)
    cache = tmp_path_factory.mktemp("ocr_cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("EVALTABLE_OCR_CACHE", str(cache))
    outcome = outcome_of(data, _source(data, "scan.pdf", detect_kind(Path("scan.pdf"), data)))
    mp.undo()
    return {"outcome": outcome, "records": outcome_to_records(outcome), "cache": cache}


def test_a_scanned_page_reaches_the_golden_structure(scanned_page1: dict[str, Any]) -> None:
    o = scanned_page1["outcome"]
    golden = load_golden("synthetic_landoffice_112.json")
    assert o.document is not None, o.error
    assert o.source.input_kind == "scan"
    doc = o.document
    g_dim = golden["dimensions"][0]
    dim = doc.dimensions[0]
    assert (dim.name, dim.max_points, dim.subtotal) == (
        g_dim["name"],
        g_dim["max_points"],
        g_dim["subtotal"],
    )
    g_items = [i for i in golden["items"] if i["dimension_no"] == 1]
    items = [i for i in doc.items if i.dimension_no == 1]
    assert [(i.name, i.max_points, i.score) for i in items] == [
        (i["name"], i["max_points"], i["score"]) for i in g_items
    ]
    g_rows = [r for r in golden["rows"] if r["dimension_no"] == 1]
    rows = [r for r in doc.rows if r.dimension_no == 1]
    assert len(rows) == len(g_rows)
    for r, g in zip(rows, g_rows, strict=True):
        assert (r.item_no, r.indicator_no, r.sub_no) == (
            g["item_no"],
            g["indicator_no"],
            g["sub_no"],
        )
        assert list(r.units) == g["units"], r.row_no
    expected = "".join(str(g[c] or "") for g in g_rows for c in TEXT_COLUMNS)
    got = "".join(str(getattr(r, c) or "") for r in rows for c in TEXT_COLUMNS)
    assert char_accuracy(expected, got) >= 0.97


def test_scanned_cells_say_ocr_with_a_confidence(scanned_page1: dict[str, Any]) -> None:
    cells = pd.DataFrame(scanned_page1["records"]["cells"])
    assert set(cells["source"]) == {"ocr"}
    assert cells["confidence"].notna().mean() > 0.9
    assert cells["confidence"].dropna().between(0, 1).all()
    checks = pd.DataFrame(scanned_page1["records"]["checks"])
    assert "ocr_pages" in set(checks["check"]) and "ocr_scores_read" in set(checks["check"])


def test_the_cache_holds_the_page_and_spares_a_second_read(
    scanned_page1: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache: Path = scanned_page1["cache"]
    assert len(list(cache.rglob("*.json"))) == 1
    import pipeline.extract.ocr_engines as engines

    def refuse(*_: object) -> object:
        raise AssertionError("OCR ran again on an unchanged scan")

    monkeypatch.setattr(engines.RapidOcrEngine, "read", refuse)
    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(cache))
    pages = scan_of(SYNTHETIC.read_bytes(), Degrade(dpi=150, skew=0.5, jpeg_quality=70), 7, [1])
    data = to_pdf(pages, 150)
    again = outcome_of(data, _source(data, "copy.pdf", "pdf"), debug=True)
    assert again.document == scanned_page1["outcome"].document


def _layered(corrupt: bool) -> bytes:
    """Page 1 scanned as `scanned_page1` is, with the original's glyphs as an invisible text
    layer; `corrupt`: every third CJK glyph of the layer replaced by 口 (a poor OCR layer)."""
    scan = to_pdf(
        scan_of(SYNTHETIC.read_bytes(), Degrade(dpi=150, skew=0.5, jpeg_quality=70), 7, [1]), 150
    )
    with pdfplumber.open(SYNTHETIC) as pdf:
        chars = pdf.pages[0].chars
        glyphs = [(c["text"], c["x0"], c["top"], c["bottom"], c["size"]) for c in chars]
    if corrupt:
        glyphs = [
            ("口", *g[1:]) if k % 3 == 0 and "\u4e00" <= g[0] <= "\u9fff" else g
            for k, g in enumerate(glyphs)
        ]
    return with_text_layer(scan, glyphs)


@pytest.mark.parametrize("corrupt", [True, False], ids=["poor-layer", "good-layer"])
def test_a_scans_own_text_layer_is_compared_with_ocr(
    scanned_page1: dict[str, Any], corrupt: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A poor OCR layer gives way to our OCR, a good one is read; the same page image, so
    the OCR of `scanned_page1` is taken from its cache (a copy: no new entry there)."""
    cache = tmp_path / "cache"
    shutil.copytree(scanned_page1["cache"], cache)
    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(cache))
    data = _layered(corrupt)
    o = outcome_of(data, _source(data, "layered.pdf", "pdf"), debug=True)
    assert len(list(cache.rglob("*.json"))) == 1  # compared with the cached OCR, none new
    (check,) = [c for c in o.checks if c.check == "ocr_layer"]
    golden = load_golden("synthetic_landoffice_112.json")
    g_items = [(i["name"], i["score"]) for i in golden["items"] if i["dimension_no"] == 1]
    assert o.document is not None
    assert [(i.name, i.score) for i in o.document.items] == g_items
    cells = pd.DataFrame(outcome_to_records(o)["cells"])
    if corrupt:
        assert o.ocr_pages == (1,) and "OCR is read instead" in check.message
        assert o.document == scanned_page1["outcome"].document
        assert set(cells["source"]) == {"ocr"}
    else:
        assert o.ocr_pages == () and "the text layer is read" in check.message
        assert set(cells["source"]) == {"text"}


def test_the_cache_folder_round_trips(tmp_path: Path) -> None:
    cache = OcrCacheDir(tmp_path / "ocr")
    assert cache.get("k-rapidocr-1") is None
    cache.put("k-rapidocr-1", '[["得分：88", 1, 2, 3, 4, 0.9]]')
    assert cache.get("k-rapidocr-1") == '[["得分：88", 1, 2, 3, 4, 0.9]]'
    assert OcrCacheDir(tmp_path / "ocr").get("k-rapidocr-1") is not None


def test_pages_are_routed_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Page 1 keeps its text layer, page 2 is a scan: only page 2 is OCR'd."""
    scan = to_pdf(scan_of(SYNTHETIC.read_bytes(), Degrade(dpi=150, skew=-0.3), 3, [2]), 150)
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(SYNTHETIC.read_bytes()), [0])
    mixed.import_pages(pdfium.PdfDocument(scan), [0])
    buf = io.BytesIO()
    mixed.save(buf)
    data = buf.getvalue()
    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(tmp_path))
    o = outcome_of(data, _source(data, "mixed.pdf", "pdf"), debug=True)
    assert o.ocr_pages == (2,)
    assert o.source.input_kind == "pdf"  # one page of two: not mainly a scan
    cells = pd.DataFrame(outcome_to_records(o)["cells"])
    assert set(cells.loc[cells["page"] == 1, "source"]) == {"text"}
    assert cells.loc[cells["page"] == 1, "confidence"].isna().all()
    assert set(cells.loc[cells["page"] == 2, "source"]) == {"ocr"}
    assert o.document is not None and len(o.document.dimensions) >= 2


def test_a_png_scan_through_the_command_line_with_tesseract(tmp_path: Path) -> None:
    page = scan_of(
        SYNTHETIC.read_bytes(), Degrade(dpi=200, skew=-1.0, noise=8, jpeg_quality=60), 5, [1]
    )[0]
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.png").write_bytes(to_png(page, 200))
    out = tmp_path / "out"
    proc = run_cli("run", src, "--out", out, "--ocr", "tesseract", "--workers", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    docs = pd.read_parquet(out / "documents")
    assert list(docs["input_kind"]) == ["scan"]
    assert docs["status"].iloc[0] in ("ok", "partial"), docs["error"].iloc[0]
    cells = pd.read_parquet(out / "cells")
    assert set(cells["source"]) == {"ocr"} and len(cells) > 20
    assert list((tmp_path / "interim" / "ocr").rglob("*tesseract*.json"))
    rows = pd.read_parquet(out / "rows")
    golden = load_golden("synthetic_landoffice_112.json")
    want = [r for r in golden["rows"] if r["dimension_no"] == 1]
    assert len(rows) == len(want)
    expected = "".join(str(g[c] or "") for g in want for c in TEXT_COLUMNS)
    got = "".join(str(r[c] or "") for r in rows.to_dict("records") for c in TEXT_COLUMNS)
    assert char_accuracy(expected, got) >= 0.9


@pytest.mark.parametrize("suffix", [".jpg", ".tif"])
def test_a_jpeg_page_and_a_multi_page_tiff_read_as_the_form(
    suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A JPEG of page 1; a TIFF of pages 1 and 2, one frame a page.  The first dimension
    # (page 1 whole) reads as the golden's, and a TIFF's frames are the document's pages.
    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(tmp_path / "cache"))
    pages = scan_of(SYNTHETIC.read_bytes(), Degrade(dpi=150, skew=0.4, jpeg_quality=75), 21, [1, 2])
    if suffix == ".jpg":
        buf = io.BytesIO()
        pages[0].save(buf, "JPEG", quality=85, dpi=(150, 150))
        data, frames = buf.getvalue(), 1
    else:
        data, frames = to_tiff(pages, 150), 2
    o = outcome_of(data, _source(data, f"scan{suffix}", detect_kind(Path(f"scan{suffix}"), data)))
    assert o.document is not None, o.error
    assert o.source.input_kind == "scan" and o.document.page_count == frames
    golden = load_golden("synthetic_landoffice_112.json")
    g_items = [i for i in golden["items"] if i["dimension_no"] == 1]
    items = [i for i in o.document.items if i.dimension_no == 1]
    # Numbers exactly; names as OCR reads them (a glyph of 洽公環境友善 has been read 治 or
    # 合 on other runs of this machine's recogniser).
    assert [(i.max_points, i.score) for i in items] == [
        (i["max_points"], i["score"]) for i in g_items
    ]
    names = ("".join(i.name for i in items), "".join(i["name"] for i in g_items))
    assert char_accuracy(names[1], names[0]) >= 0.8, names
    assert o.document.dimensions[0].subtotal == golden["dimensions"][0]["subtotal"]


def test_an_unknown_ocr_engine_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    proc = run_cli("run", tmp_path / "a.png", "--out", tmp_path / "out", "--ocr", "easyocr")
    assert proc.returncode == 2
    assert "--ocr" in proc.stderr and "easyocr" in proc.stderr
    assert not (tmp_path / "out" / "documents").exists()


def test_a_landscape_page_without_column_rules_keeps_each_cell_in_its_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No rule parts the columns: detection runs the item and the indicator into one line
    # ("服務流程標準化 1.簡化申辦流程"); spread evenly over it, the "1" went into the item
    # column and every repeated item cell opened an item (12 items for 7).
    pdf = FIXTURES / "synthetic_landoffice_landscape_repeated.pdf"
    pages = scan_of(pdf.read_bytes(), Degrade(dpi=150, skew=-0.6, jpeg_quality=70), 3, [1])
    data = to_pdf(pages, 150)
    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(tmp_path))
    monkeypatch.setenv("EVALTABLE_OCR", "rapidocr")  # a CLI test before may leave tesseract
    o = outcome_of(data, _source(data, "scan.pdf", "pdf"))
    assert o.document is not None, o.error
    # The golden's pages are another rendering's: this page holds dimension 1's two
    # items and its rows up to the page foot (the 小計 is on page 2).
    golden = load_golden("synthetic_landoffice_112.json")
    g_items = [i for i in golden["items"] if i["dimension_no"] == 1]
    assert [(i.name, i.max_points, i.score) for i in o.document.items] == [
        (i["name"], i["max_points"], i["score"]) for i in g_items
    ]
    rows = o.document.rows
    g_rows = [r for r in golden["rows"] if r["dimension_no"] == 1][: len(rows)]
    assert len(rows) >= 4
    assert [(r.item_no, r.indicator_no, r.sub_no) for r in rows] == [
        (g["item_no"], g["indicator_no"], g["sub_no"]) for g in g_rows
    ]
    assert [list(r.units) for r in rows] == [g["units"] for g in g_rows]


def _one_page(pdf: bytes, page_no: int) -> bytes:
    src = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [page_no - 1])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


# Pages drawn without any rule.  Synthetic page 1 skewed 0.87° is levelled by its lines of
# text (there are no rulings to level it by; left skewed, a result's first line stood
# ~7 pt above its row and opened a row of its own).  Seed page 7 prints
# "1.檢討既有服務措施" half an em from "瞭解民眾需求…", read as one strip and cut where the
# recogniser saw its glyphs (else "瞭" went into the indicator).
@pytest.mark.parametrize(
    ("stem", "page_no", "skew"),
    [("synthetic_landoffice_landscape_unruled", 1, 0.87), ("seed_landscape_unruled", 7, 0.5)],
)
def test_a_skewed_page_without_any_rule_reads_as_its_text_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stem: str, page_no: int, skew: float
) -> None:
    # The oracle is the same page read from its text layer (read exactly: test_pdf_*).
    page = _one_page((FIXTURES / f"{stem}.pdf").read_bytes(), page_no)
    scan = to_pdf(scan_of(page, Degrade(dpi=150, skew=skew, jpeg_quality=70), 13, [1]), 150)
    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(tmp_path))
    monkeypatch.setenv("EVALTABLE_OCR", "rapidocr")
    text = outcome_of(page, _source(page, "page.pdf", "pdf")).document
    o = outcome_of(scan, _source(scan, "scan.pdf", "pdf"))
    read = o.document
    assert text is not None and read is not None
    # Every number read surely: the engine's confidence in the digits, not in the brackets
    # around them ("(150分)" is often read at ~0.85 for its half- or full-width brackets).
    assert [c.passed for c in o.checks if c.check == "ocr_scores_read"] == [True]
    assert [(i.name, i.max_points, i.score) for i in read.items] == [
        (i.name, i.max_points, i.score) for i in text.items
    ]

    def rows(doc: Any) -> list[tuple[Any, ...]]:
        return [(r.item_no, r.indicator_no, r.indicator, r.sub_no, list(r.units)) for r in doc.rows]

    assert len(text.rows) >= 2
    assert rows(read) == rows(text)


def test_the_ocr_dpi_reaches_the_workers(tmp_path: Path) -> None:
    # --ocr-dpi travels in each task to the (forked) worker: the page is rasterised and
    # read at 120 dpi, which the cache key records, and the structure still comes back.
    pages = scan_of(SYNTHETIC.read_bytes(), Degrade(dpi=150, skew=0.3, jpeg_quality=75), 21, [1])
    (tmp_path / "scan.pdf").write_bytes(to_pdf(pages, 150))
    out = tmp_path / "out"
    proc = run_cli(
        "run", "scan.pdf", "--out", out, "--ocr-dpi", "120", "--workers", "1", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    keys = [p.name for p in (tmp_path / "interim" / "ocr").rglob("*.json")]
    assert keys and all("-w120-" in k for k in keys), keys
    docs = pd.read_parquet(out / "documents")
    assert list(docs["input_kind"]) == ["scan"]
    items = pd.read_parquet(out / "items")
    golden = load_golden("synthetic_landoffice_112.json")
    assert list(items["max_points"]) == [
        i["max_points"] for i in golden["items"] if i["dimension_no"] == 1
    ]


class _UnsureOfScores:
    """The real engine, but every "得分：N" it reads it reads unsurely (digits at 0.5)."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.name, self.version = engine.name, f"{engine.version}+unsure-scores"
        self.plain_lines_alone = engine.plain_lines_alone
        self.unsure: list[str] = []

    def _doubt(self, line: Any) -> Any:
        if line is None or "得分" not in line.text or not any(c.isdigit() for c in line.text):
            return line
        self.unsure.append(line.text)
        return replace(line, confidence=0.5, digits=0.5)

    def read(self, crop: Any) -> tuple[Any, ...]:
        return tuple(self._doubt(ln) for ln in self._engine.read(crop))

    def read_line(self, strip: Any) -> Any:
        return self._doubt(self._engine.read_line(strip))


def test_scores_read_unsurely_make_the_document_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dimension 1's two item scores both read below confidence: no sum can settle two
    # unknowns, so the document is partial and the check names each, with its page.
    from pipeline.extract import ocr
    from pipeline.extract.ocr_engines import get_engine

    engine = _UnsureOfScores(get_engine("rapidocr"))
    monkeypatch.setattr(ocr, "get_engine", lambda name: engine)
    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(tmp_path))
    pages = scan_of(SYNTHETIC.read_bytes(), Degrade(dpi=150, skew=0.4, jpeg_quality=75), 17, [1])
    data = to_pdf(pages, 150)
    o = outcome_of(data, _source(data, "scan.pdf", "pdf"))
    assert o.document is not None and engine.unsure
    golden = load_golden("synthetic_landoffice_112.json")
    scores = [i["score"] for i in golden["items"] if i["dimension_no"] == 1]
    assert [i.score for i in o.document.items] == scores  # read, kept, but not trusted
    assert o.status == "partial"
    (check,) = [c for c in o.checks if c.check == "ocr_scores_read"]
    assert not check.passed and check.severity == "error"
    assert all(f"得分：{s}" in check.message for s in scores) and "p1 (" in check.message
    assert "ocr_scores_read" in (o.error or "")
