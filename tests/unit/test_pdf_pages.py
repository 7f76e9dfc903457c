"""The PDF page reader on small hand-made pages: glyph positions under character spacing,
and pages without a table after the table began."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.errors import NotAFormError
from pipeline.extract.backends import load_backend
from pipeline.layout.pages import pages_to_grids
from pipeline.layout.primitives import PageContent
from pipeline.layout.stitch import grids_to_tokens
from pipeline.models import Furniture, PageStream
from pipeline.structure import tokens_to_document
from tests.pdfbuild import page_pdf
from tests.unit.test_grid import make_page, run

COURIER = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Courier >> >> >>"


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_character_spacing_follows_every_glyph(backend: str) -> None:
    # PDF 32000-1 §9.4.4: each glyph advances by its width (Courier: 600/1000 em, 6 pt at
    # 10 pt) plus Tc (2 pt), the last glyph of a string too.  A justified line drawn in two
    # strings puts C at 100 + 2 × 8 = 116, not 114 (pdfminer.six#1128).
    data = page_pdf(b"BT /F1 10 Tf 2 Tc 100 700 Td (AB) Tj (CD) Tj ET", resources=COURIER)
    be = load_backend(backend)
    with be.open_pdf(data, None) as pdf:
        (page,) = list(be.read_pages(pdf, password=None))
    assert [(c.text, round(c.x0, 1)) for c in page.chars if not c.text.isspace()] == [
        ("A", 100.0),
        ("B", 108.0),
        ("C", 116.0),
        ("D", 124.0),
    ]


def test_a_page_without_a_table_after_the_table_keeps_its_lines_as_notes() -> None:
    # The form's last 小計 closes page 1; its signature line and date went to page 2 alone.
    notes = (*run("承辦人：王小明", 20, 60), *run("填表日期：112年3月1日", 20, 80))
    pages = [make_page(), PageContent(page_no=2, width=595, height=842, chars=notes, rulings=())]
    grids = pages_to_grids(iter(pages))
    assert [g.page_no for g in grids] == [1, 2] and grids[1].cells == ()
    tokens = grids_to_tokens(grids)
    assert [(t.kind, t.text) for t in tokens if isinstance(t, Furniture) and t.page == 2] == [
        ("notes", "承辦人：王小明"),
        ("notes", "填表日期：112年3月1日"),
    ]
    doc = tokens_to_document(PageStream(tokens=tokens, page_count=2))
    assert doc.notes == "承辦人：王小明\n填表日期：112年3月1日"
    assert len(doc.rows) == 2 and doc.rows[-1].page_end == 1


def test_a_page_without_a_table_before_the_table_is_still_skipped() -> None:
    cover = PageContent(
        page_no=1, width=595, height=842, chars=tuple(run("封面說明", 20, 60)), rulings=()
    )
    page = make_page()
    body = PageContent(page_no=2, width=595, height=842, chars=page.chars, rulings=page.rulings)
    assert [g.page_no for g in pages_to_grids(iter([cover, body]))] == [2]


@pytest.mark.parametrize(("scanned", "kind"), [(3, "scan"), (2, "scan"), (1, None), (0, None)])
def test_a_document_without_a_form_says_whether_ocr_read_most_of_it(
    scanned: int, kind: str | None
) -> None:
    # The failed document is recorded as a scan where OCR read most pages looked at, as a
    # read one is (`read_mainly_by_ocr`): `--reprocess kind=scan` then finds it.
    def ocr(page: PageContent, compare: bool, probe: bool) -> tuple[PageContent, bool]:
        return replace(page, chars=tuple(run("影像說明", 20, 60))), True

    def page(n: int) -> PageContent:
        chars = () if n <= scanned else tuple(run("封面說明", 20, 60))
        return PageContent(page_no=n, width=595, height=842, chars=chars, rulings=(), images=1)

    with pytest.raises(NotAFormError, match="no page has the 評核項目") as info:
        pages_to_grids(iter([page(n) for n in (1, 2, 3)]), ocr=ocr)
    assert info.value.input_kind == kind


def test_a_failed_scan_is_recorded_as_a_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.run as run_module
    from pipeline.models import SourceInfo

    def refuse(*args: object, **kwargs: object) -> object:
        exc = NotAFormError("no evaluation table found (pages read by OCR: 2)")
        exc.input_kind = "scan"
        raise exc

    monkeypatch.setattr(run_module, "bytes_to_stream", refuse)
    source = SourceInfo("a.pdf", "0" * 64, 10, "pdf")
    o = run_module.outcome_of(b"%PDF-", source)
    assert (o.status, o.source.input_kind, o.source.path) == ("failed", "scan", "a.pdf")
    assert "pages read by OCR: 2" in (o.error or "")


@pytest.mark.parametrize(("ocr_pages", "kind"), [((1, 2), "scan"), ((2,), "pdf")])
def test_a_scan_whose_table_cannot_be_rebuilt_is_recorded_as_a_scan(
    monkeypatch: pytest.MonkeyPatch, ocr_pages: tuple[int, ...], kind: str
) -> None:
    import pipeline.run as run_module
    from pipeline.errors import StructureError
    from pipeline.models import SourceInfo

    def broken(stream: PageStream) -> object:
        raise StructureError("the hierarchy could not be rebuilt")

    stream = PageStream(tokens=(), page_count=2, ocr_pages=ocr_pages)
    monkeypatch.setattr(run_module, "bytes_to_stream", lambda *a, **k: stream)
    monkeypatch.setattr(run_module, "split_parts", broken)
    o = run_module.outcome_of(b"%PDF-", SourceInfo("a.pdf", "0" * 64, 10, "pdf"))
    assert (o.status, o.source.input_kind) == ("failed", kind)
