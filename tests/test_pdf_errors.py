"""The PDF boundary: every way a file can be unusable becomes one specific PipelineError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from pipeline.errors import InputError, LimitError, NotAFormError, NoTextLayerError, PipelineError
from pipeline.layout.pages import PdfSettings, check_text_layer, pages_to_grids, pdf_to_stream
from pipeline.layout.primitives import Char, PageContent

FIXTURE = (
    Path(__file__).resolve().parent / "fixtures" / "pdf" / "synthetic_landoffice_a4_merged.pdf"
)


def test_empty_and_non_pdf_bytes() -> None:
    with pytest.raises(InputError, match="empty file"):
        pdf_to_stream(b"")
    with pytest.raises(InputError, match="no %PDF- header"):
        pdf_to_stream("評核項目 評核指標".encode())


@pytest.mark.parametrize("keep", [0.02, 0.3, 0.7])
def test_truncated_pdf_fails_cleanly(keep: float) -> None:
    data = FIXTURE.read_bytes()
    try:
        pdf_to_stream(data[: int(len(data) * keep)])
    except PipelineError as err:
        assert str(err)
    # pdfminer may recover what is left: then a (partial) stream is fine too


def test_recursion_in_the_library_becomes_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: Any, **__: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pdfplumber, "open", boom)
    with pytest.raises(InputError, match="nest too deeply"):
        pdf_to_stream(FIXTURE.read_bytes(), settings=PdfSettings(backend="pdfplumber"))


def test_page_limit() -> None:
    with pytest.raises(LimitError, match="6 pages; the limit is 2"):
        pdf_to_stream(FIXTURE.read_bytes(), settings=PdfSettings(max_pages=2))


def test_text_layer_checks() -> None:
    scanned = PageContent(3, 595, 842, (), (), images=1)
    with pytest.raises(NoTextLayerError, match=r"^p3: no text layer \(scanned page\?\)$"):
        check_text_layer(scanned)
    blank = PageContent(1, 595, 842, (), ())
    assert check_text_layer(blank) is False
    garbage = (
        *(Char("(cid:12)", i, 0, i + 1, 1, 10) for i in range(8)),
        Char("評", 9, 0, 19, 10, 10),
    )
    with pytest.raises(NoTextLayerError, match=r"p2: .*8 of 9 glyphs are \(cid:N\)"):
        check_text_layer(PageContent(2, 595, 842, garbage, ()))


def test_each_page_is_routed_by_its_text_layer() -> None:
    from pipeline.layout.pages import page_route

    text = PageContent(
        1, 595, 842, (Char("評", 9, 0, 19, 10, 10), Char(" ", 19, 0, 22, 10, 10)), ()
    )
    spaces = PageContent(2, 595, 842, (Char(" ", 9, 0, 12, 10, 10),), ())
    cid = (*(Char("(cid:3)", i, 0, i + 1, 1, 10) for i in range(2)), Char("評", 9, 0, 19, 10, 10))
    few_cid = (Char("(cid:3)", 0, 0, 1, 1, 10), *(Char("評", i, 0, i + 1, 1, 10) for i in range(9)))
    assert page_route(text) == ("text", "")
    assert page_route(spaces) == ("blank", "")
    assert page_route(PageContent(3, 595, 842, (), (), images=2))[0] == "ocr"
    assert page_route(PageContent(4, 595, 842, cid, ()))[0] == "ocr"
    assert page_route(PageContent(5, 595, 842, few_cid, ()))[0] == "text"  # 1 of 10 < 0.2
    # Text over an image covering the page: a scan's OCR layer, compared with OCR.
    assert page_route(PageContent(6, 595, 842, text.chars, (), 1, image_cover=0.95))[0] == "layer"
    assert page_route(PageContent(7, 595, 842, text.chars, (), 1, image_cover=0.5))[0] == "text"
    assert page_route(PageContent(8, 595, 842, (), (), 1, image_cover=1.0))[0] == "ocr"


def test_a_page_without_text_goes_to_ocr_and_a_blank_one_does_not() -> None:
    asked: list[tuple[int, bool]] = []

    def ocr(page: PageContent, compare: bool, probe: bool) -> tuple[PageContent, bool]:
        asked.append((page.page_no, probe))
        assert not compare  # no text layer to compare
        return PageContent(page.page_no, 595, 842, (), ()), True

    pages = [PageContent(1, 595, 842, (), ()), PageContent(2, 595, 842, (), (), images=1)]
    with pytest.raises(NoTextLayerError, match=r"^p1: no text layer"):  # nothing read at all
        pages_to_grids(iter(pages), PdfSettings(form_probe_pages=2), ocr=ocr)
    assert asked == [(2, True)]  # no table yet: the page may be probed first


def test_a_scanned_page_after_the_table_began_is_read_whole() -> None:
    from pipeline.extract.backends import load_backend

    backend = load_backend("pdfium")
    with backend.open_pdf(FIXTURE.read_bytes(), None) as pdf:
        first = next(iter(backend.read_pages(pdf, password=None)))
    asked: list[tuple[int, bool]] = []

    def ocr(page: PageContent, compare: bool, probe: bool) -> tuple[PageContent, bool]:
        asked.append((page.page_no, probe))
        return PageContent(page.page_no, 595, 842, (), ()), True

    scanned = PageContent(2, 595, 842, (), (), images=1)
    grids = pages_to_grids(iter([first, scanned]), ocr=ocr)
    assert [g.page_no for g in grids] == [1] and asked == [(2, False)]


def test_not_a_form_is_decided_on_the_first_pages() -> None:
    seen: list[int] = []

    def pages() -> Any:
        for n in range(1, 50):
            seen.append(n)
            yield PageContent(n, 595, 842, (Char("字", 10, 10, 20, 20, 10),), ())

    with pytest.raises(NotAFormError, match="no page has the 評核項目"):
        pages_to_grids(pages(), PdfSettings(form_probe_pages=3))
    assert seen == [1, 2, 3]


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="form_probe_pages"):
        PdfSettings(form_probe_pages=0)
    with pytest.raises(ValueError, match="max_pages"):
        PdfSettings(max_pages=0)


# --- which errors are the PDF's and which are ours ------------------------------------


class _BrokenPages:
    """A document whose page tree fails inside "the library" (code outside pipeline/)."""

    @property
    def pages(self) -> list[Any]:
        return [{}][0]["Kids"]  # type: ignore[no-any-return]


def test_a_builtin_error_raised_by_the_library_is_a_malformed_pdf() -> None:
    from pipeline.extract.pdf import page_list

    with pytest.raises(InputError, match=r"page tree: malformed PDF \(KeyError: 'Kids'\)"):
        page_list(_BrokenPages())


def test_a_builtin_error_raised_by_our_own_code_is_not_a_malformed_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pipeline.extract.pdf as pdf

    def bug(d: dict[str, Any]) -> Char:
        raise KeyError("x0")  # raised in tests/, so: pretend this frame is pipeline's

    monkeypatch.setattr(pdf, "_OUR_CODE", str(Path(__file__).resolve().parent) + "/")
    monkeypatch.setattr(pdf, "_char", bug)
    with pdf.open_pdf(FIXTURE.read_bytes()) as doc, pytest.raises(KeyError, match="x0"):
        next(pdf.read_pages(doc))


def test_our_frames_are_told_from_the_librarys() -> None:
    from pipeline.extract.pdf import raised_by_library
    from pipeline.normalise.numbers import parse_number

    try:
        parse_number(None)  # type: ignore[arg-type]
    except (TypeError, AttributeError) as exc:
        ours = exc
    try:
        pdfplumber.open(__file__)  # not a PDF: pdfminer raises
    except Exception as exc:
        theirs = exc
    assert raised_by_library(ours) is False
    assert raised_by_library(theirs) is True
    assert raised_by_library(MemoryError()) is True


def test_the_users_page_limit_reaches_the_pdf_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """--max-pages above the PDF path's own default (400) is the limit, not the default."""
    import pipeline.layout.pages as pages
    from pipeline.models import PageStream, SourceInfo
    from pipeline.run import outcome_of

    seen: list[PdfSettings] = []

    def reader(data: bytes, **kw: Any) -> PageStream:
        seen.append(kw["pdf_settings"])
        return PageStream((), 0)

    monkeypatch.setattr(pages, "pdf_or_scan_to_stream", reader)
    data = FIXTURE.read_bytes()
    outcome_of(data, SourceInfo("a.pdf", "0" * 64, len(data), "pdf"), max_pages=2000)
    outcome_of(data, SourceInfo("a.pdf", "0" * 64, len(data), "pdf"), backend="pdfium")
    assert seen[0].max_pages == 2000
    assert (seen[1].max_pages, seen[1].backend) == (pages.DEFAULT_MAX_PAGES, "pdfium")
