"""The page record keeps words (OCR) beside glyphs (text layer)."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.extract.pdf import open_pdf, read_pages
from pipeline.models import Char, PageContent, Word
from tests.pdfbuild import text_pdf


def test_a_page_holds_words_beside_its_glyphs() -> None:
    word = Word("主辦單位", 72.0, 100.0, 120.0, 112.0, confidence=0.93)
    page = PageContent(1, 595, 842, (Char("字", 10, 10, 20, 20, 10),), (), words=(word,))
    assert page.words[0].text == "主辦單位"
    assert page.words[0].confidence == 0.93
    assert Word("無", 0, 0, 10, 10).confidence is None
    assert PageContent(1, 595, 842, (), ()).words == ()  # no words unless a backend gives them
    with pytest.raises(dataclasses.FrozenInstanceError):
        word.text = "x"  # type: ignore[misc]


def test_the_text_layer_backend_gives_glyphs_and_no_words() -> None:
    with open_pdf(text_pdf(["Dear residents,"])) as pdf:
        (page,) = list(read_pages(pdf))
    assert "".join(c.text for c in page.chars).startswith("Dear")
    assert page.words == ()
