"""The PDF boundary: every way a file can be unusable becomes one specific PipelineError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from pipeline.errors import InputError, LimitError, NotAFormError, NoTextLayerError, PipelineError
from pipeline.extract.pdf import PdfSettings, check_text_layer, pages_to_grids, pdf_to_stream
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
    with pytest.raises(
        NoTextLayerError, match=r"^p3: no text layer \(scanned page\?\); OCR is not available yet$"
    ):
        check_text_layer(scanned)
    blank = PageContent(1, 595, 842, (), ())
    assert check_text_layer(blank) is False
    garbage = (
        *(Char("(cid:12)", i, 0, i + 1, 1, 10) for i in range(8)),
        Char("評", 9, 0, 19, 10, 10),
    )
    with pytest.raises(NoTextLayerError, match=r"p2: .*8 of 9 glyphs are \(cid:N\)"):
        check_text_layer(PageContent(2, 595, 842, garbage, ()))


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
