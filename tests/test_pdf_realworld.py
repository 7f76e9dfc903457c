"""Third-party PDFs (shared/realworld) through pdf_to_stream: only specific PipelineErrors escape.

None of them is an evaluation form, so each must fail cleanly with the error a
user can act on; the ruled council tables (a01-a03) also check the grid itself
with their own header labels.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline.errors import (
    EncryptedError,
    InputError,
    NotAFormError,
    NoTextLayerError,
    PipelineError,
)
from pipeline.extract.pdf import open_pdf, read_pages
from pipeline.layout.grid import GridSettings, PageGrid, page_to_grid
from pipeline.layout.pages import pdf_to_stream

REALWORLD = Path(__file__).resolve().parents[1].parent / "shared" / "realworld"
PDFS = sorted(REALWORLD.glob("*.pdf")) if REALWORLD.is_dir() else []
needs_realworld = pytest.mark.skipif(
    not REALWORLD.is_dir(), reason=f"{REALWORLD} is absent (CI lays shared/ beside the repo)"
)

PASSWORDS = {"b11": "test", "b12": "usersecret"}
# What each file must raise; anything not listed must raise NotAFormError.
EXPECTED: dict[str, tuple[type[PipelineError], str]] = {
    "b08": (NoTextLayerError, "(cid:N)"),
    "b11": (EncryptedError, "a password is required (--password)"),
    "b12": (EncryptedError, "a password is required (--password)"),
    "b13": (NoTextLayerError, "no text layer (scanned page?)"),
    "b14": (InputError, "empty file (0 bytes)"),
    "b15": (InputError, "has no pages"),
    "b19": (InputError, "malformed PDF"),
    "b20": (NoTextLayerError, "p1: no text layer (scanned page?)"),
    "b21": (NoTextLayerError, "p1: no text layer"),
    "b22": (NoTextLayerError, "p1: no text layer"),
}


@needs_realworld
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:3])
def test_realworld_pdf_fails_cleanly(path: Path) -> None:
    data = path.read_bytes()
    start = time.perf_counter()
    kind, fragment = EXPECTED.get(path.name[:3], (NotAFormError, "no evaluation table found"))
    with pytest.raises(PipelineError) as info:
        pdf_to_stream(data)
    assert type(info.value) is kind, f"{path.name}: {info.value!r}"
    assert fragment in str(info.value)
    assert time.perf_counter() - start < 10


@needs_realworld
@pytest.mark.parametrize("prefix", sorted(PASSWORDS))
def test_encrypted_pdf_opens_with_its_password(prefix: str) -> None:
    path = next(p for p in PDFS if p.name.startswith(prefix))
    with pytest.raises(NotAFormError):  # readable now; just not a form
        pdf_to_stream(path.read_bytes(), password=PASSWORDS[prefix])
    with pytest.raises(EncryptedError, match="wrong password"):
        pdf_to_stream(path.read_bytes(), password="not-it")


COUNCIL_LABELS = (("編號",), ("提案人",), ("案由",), ("審查意見",), ("大會議決",))


def council_grids(path: Path) -> list[PageGrid]:
    settings = GridSettings(labels=COUNCIL_LABELS)
    grids: list[PageGrid] = []
    with open_pdf(path.read_bytes()) as pdf:
        for page in read_pages(pdf):
            grid = page_to_grid(page, settings, previous=grids[-1] if grids else None)
            assert grid is not None, f"{path.name} p{page.page_no}: no table"
            grids.append(grid)
    return grids


@needs_realworld
@pytest.mark.parametrize("prefix", ["a01", "a02", "a03"])
def test_grid_reads_real_ruled_council_tables(prefix: str) -> None:
    """Real producers (Bullzip with fake bold, FinePrint): ruled 5-column table on every page."""
    path = next(p for p in PDFS if p.name.startswith(prefix))
    grids = council_grids(path)
    for g in grids:
        assert g.lattice_columns and g.lattice_rows, g.page_no
        header = next(f for f in g.furniture if f.kind == "header")
        assert header.text == "編號 提案人 案由 審查意見 大會議決"  # no 編編編編號號號號
        numbers = [c for c in g.cells if c.column == 0]
        assert numbers, g.page_no
        # every motion number cell sits level with its 案由 cell: one logical row each
        for n in numbers:
            assert any(c.column == 2 and abs(c.top - n.top) < 1 for c in g.cells), (
                g.page_no,
                n.text,
            )


# The scans among them, read through OCR end to end (b20, three pages and ~3 s, is left to
# `bench.ocr --realworld`).  b13 is a PDF of three pages, one of them an image only.
SCANS = {"b13": "pdf", "b21": "scan", "b22": "scan", "b28": "scan", "b29": "scan", "b30": "scan"}


@needs_realworld
@pytest.mark.parametrize("prefix", sorted(SCANS))
def test_a_realworld_scan_ends_with_its_reason(
    prefix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.inputs import detect_kind, sha256_bytes
    from pipeline.models import SourceInfo
    from pipeline.run import outcome_of

    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(tmp_path))
    monkeypatch.setenv("EVALTABLE_OCR", "rapidocr")
    (path,) = REALWORLD.glob(f"{prefix}_*")
    data = path.read_bytes()
    source = SourceInfo(path.name, sha256_bytes(data), len(data), detect_kind(path, data))
    o = outcome_of(data, source)
    assert (o.status, o.document, o.source.input_kind) == ("failed", None, SCANS[prefix])
    assert o.error is not None and "no evaluation table found" in o.error
    assert "pages read by OCR: 1" in o.error


@needs_realworld
def test_a_scans_poor_ocr_layer_gives_way_to_our_ocr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # b02's pages are images with an invisible OCR layer over them (routed "layer"); on
    # page 3 that layer agrees too little with our OCR, which is read instead: the page
    # counts as read by OCR, and the document as a scan.
    import io

    import pypdfium2 as pdfium

    from pipeline.extract.backends import load_backend
    from pipeline.inputs import sha256_bytes
    from pipeline.layout.pages import page_route
    from pipeline.models import SourceInfo
    from pipeline.run import outcome_of

    (path,) = REALWORLD.glob("b02_*")
    page = pdfium.PdfDocument.new()
    page.import_pages(pdfium.PdfDocument(path.read_bytes()), [2])
    buf = io.BytesIO()
    page.save(buf)
    data = buf.getvalue()
    backend = load_backend("pdfium")
    with backend.open_pdf(data, None) as pdf:
        (content,) = list(backend.read_pages(pdf, password=None))
    assert page_route(content)[0] == "layer"
    monkeypatch.setenv("EVALTABLE_OCR_CACHE", str(tmp_path))
    monkeypatch.setenv("EVALTABLE_OCR", "rapidocr")
    o = outcome_of(data, SourceInfo("b02_p3.pdf", sha256_bytes(data), len(data), "pdf"))
    assert (o.status, o.source.input_kind) == ("failed", "scan")
    assert o.error is not None and o.error.endswith("(pages read by OCR: 1)")
