"""The pdfium page backend against the reference (pdfplumber): same tables, same failures.

Every output field of every table must be equal, cell boxes included
(pipeline/extract/pdfium.py says how pdfium's glyphs are brought to pdfminer's
boxes; boxes are written to 1/8 pt, `schemas.box_point`).
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import EncryptedError
from pipeline.extract import pdfium as backend
from pipeline.extract.backends import DEFAULT_BACKEND, REFERENCE_BACKEND, load_backend
from pipeline.layout.grid import dedupe_chars
from pipeline.layout.pages import PdfSettings
from pipeline.layout.primitives import PageContent
from pipeline.models import SourceInfo
from pipeline.run import outcome_of
from tests.conftest import REPO, SHARED, run_cli
from tools.compare_backends import compare_outputs

FIXTURES = REPO / "tests" / "fixtures" / "pdf"
# The committed fixtures: both producers (the fixture renderer with its per-glyph
# font switches and character spacing, LibreOffice with kerned strings), portrait and
# landscape, ruled and unruled.  The renderer's two landscape seeds (same code paths
# as seed_a4_merged, 20 pages each) are left to `python -m tools.compare_backends`.
CASES = [p for p in sorted(FIXTURES.glob("*.pdf")) if not p.stem.startswith("seed_landscape")]
# Generated forms (tests/fixtures/formgen) that exercise the rest: Chromium's Type 3
# fonts with ActualText radicals and Td-placed glyphs (005), fractional widths and
# no-break spaces (g001), LibreOffice (001).  `python -m tools.compare_backends
# tests/fixtures/formgen/*.pdf` compares all 22 (0 differences when this was written).
FORMGEN = [
    REPO / "tests" / "fixtures" / "formgen" / f"{n}.pdf"
    for n in ("chromium_005", "chromium_g001", "libreoffice_001")
]


def test_pdfium_is_the_default_and_pdfplumber_the_reference() -> None:
    assert (DEFAULT_BACKEND, REFERENCE_BACKEND) == ("pdfium", "pdfplumber")


@pytest.mark.parametrize("path", CASES + FORMGEN, ids=lambda p: p.stem)
def test_pdfium_gives_the_reference_tables(path: Path) -> None:
    diffs = compare_outputs(path.read_bytes(), path.name)
    assert [str(d) for d in diffs] == []


def _marks(name: str, path: Path) -> list[list[tuple[str, int, int, int | None]]]:
    b = load_backend(name)
    with b.open_pdf(path.read_bytes(), None) as pdf:
        return [
            sorted((c.text, round(c.x0), round(c.top), c.mcid) for c in page.chars)
            for page, _ in zip(b.read_pages(pdf, password=None), range(3), strict=False)
        ]


def test_both_backends_give_each_glyph_its_marked_sequence() -> None:
    """Chromium tags its PDFs: each block (a unit name, a result paragraph) is drawn in a
    marked sequence of its own, a wrapped name's lines in the same (MCID 19 on p4 for
    "地政服務所" / "第二課").  Both backends give every glyph the same MCID."""
    path = REPO / "tests" / "fixtures" / "formgen" / "chromium_g006.pdf"
    pdfium, reference = _marks("pdfium", path), _marks("pdfplumber", path)
    by_glyph = [sorted((t, y, m) for t, _, y, m in p) for p in pdfium]
    assert by_glyph == [sorted((t, y, m) for t, _, y, m in p) for p in reference]
    assert all(m is not None for p in pdfium for *_, m in p)
    untagged = FIXTURES / "synthetic_landoffice_a4_merged.pdf"
    assert {m for p in _marks("pdfium", untagged) for *_, m in p} == {None}


def test_a_nested_tag_keeps_its_enclosing_sequences_mcid() -> None:
    """pdfplumber's device forgot the MCID inside a nested tag and after its end (a
    `/Span` with a `/Lang` inside a `/P` with one): it now keeps it, as pdfium does."""
    from pdfminer.psparser import LIT
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    import pipeline.extract.pdf  # noqa: F401  (installs the device's tag handling)

    device: Any = PDFPageAggregatorWithMarkedContent.__new__(PDFPageAggregatorWithMarkedContent)
    device.begin_tag(LIT("P"), {"MCID": 3})
    device.begin_tag(LIT("Span"), {"Lang": "zh-TW"})
    assert (device.cur_tag, device.cur_mcid) == ("Span", 3)
    device.end_tag()
    assert (device.cur_tag, device.cur_mcid) == ("P", 3)
    device.end_tag()
    assert device.cur_mcid is None


def test_the_comparison_sees_a_changed_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison can fail: shift every pdfium glyph's text and it must report rows."""
    real = backend._boxes

    def changed(*args: object) -> list[backend.Char]:
        chars = real(*args)  # type: ignore[arg-type]
        return [
            c if c.text != "課" else backend.Char("科", c.x0, c.top, c.x1, c.bottom, c.size)
            for c in chars
        ]

    monkeypatch.setattr(backend, "_boxes", changed)
    path = FIXTURES / "synthetic_landoffice_a4_merged.pdf"
    diffs = compare_outputs(path.read_bytes(), path.name)
    assert any(d.column in ("units", "text", "unit") for d in diffs)


def test_an_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="backend must be one of pdfium, pdfplumber"):
        PdfSettings(backend="mupdf")
    proc = run_cli(
        "run",
        FIXTURES / "synthetic_landoffice_a4_merged.pdf",
        "--out",
        "/nonexistent-x",
        "--backend",
        "mupdf",
    )
    assert proc.returncode == 2
    assert (
        "--backend" in proc.stderr and "'mupdf' is not one of 'pdfium', 'pdfplumber'" in proc.stderr
    )


def test_the_cli_runs_the_pdfium_backend(tmp_path: Path) -> None:
    import pandas as pd

    pdf = FIXTURES / "synthetic_landoffice_landscape_unruled.pdf"
    proc = run_cli("run", pdf, "--out", tmp_path, "--backend", "pdfium", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    docs = pd.read_parquet(tmp_path / "documents")
    assert list(docs["status"]) == ["ok"]


REALWORLD = SHARED / "realworld"
PASSWORDS = {"b11": "test", "b12": "usersecret"}
# fake bold, rotated pages and text, CID fonts, encrypted, corrupt (b19: a fuzzed
# trailer pdfium reads and pdfminer cannot: the font metrics read fails, so the
# reference decides).
SAME_STATUS = (
    "b03",
    "b04",
    "b06",
    "b08",
    "b11",
    "b12",
    "b13",
    "b14",
    "b15",
    "b16",
    "b17",
    "b18",
    "b19",
    "b23",
    "b24",
)


def _outcome(path: Path, backend_name: str, password: str | None) -> tuple[str, str | None]:
    data = path.read_bytes()
    source = SourceInfo(path.name, hashlib.sha256(data).hexdigest(), len(data), "pdf")
    o = outcome_of(data, source, password=password, backend=backend_name)
    return o.status, o.error


@pytest.mark.skipif(
    not REALWORLD.is_dir(), reason=f"{REALWORLD} is absent (CI lays shared/ beside the repo)"
)
@pytest.mark.parametrize("prefix", SAME_STATUS)
def test_realworld_status_and_reason_do_not_depend_on_the_backend(prefix: str) -> None:
    (path,) = REALWORLD.glob(f"{prefix}_*.pdf")
    for password in (None, PASSWORDS.get(prefix), "not-it") if prefix in PASSWORDS else (None,):
        assert _outcome(path, "pdfium", password) == _outcome(path, "pdfplumber", password), (
            password
        )


def test_wrong_and_missing_passwords_are_encrypted_errors() -> None:
    data = (FIXTURES / "synthetic_landoffice_a4_merged.pdf").read_bytes()
    import pypdfium2 as pdfium

    err = pdfium.PdfiumError(
        "Failed to load document (PDFium: Incorrect password error).", err_code=4
    )
    assert (
        str(backend.library_error(err, "open", password=None))
        == "encrypted PDF: a password is required (--password)"
    )
    assert str(backend.library_error(err, "open", password="x")) == "encrypted PDF: wrong password"
    assert isinstance(backend.library_error(err, "open", password="x"), EncryptedError)
    with backend.open_pdf(data) as pdf:
        assert backend.page_count(pdf) == 6


def _page_pairs(path: Path, pages: int = 2) -> list[tuple[PageContent, PageContent]]:
    from pipeline.extract import pdf as reference

    data = path.read_bytes()
    with reference.open_pdf(data) as a, backend.open_pdf(data) as b:
        return list(
            itertools.islice(
                zip(reference.read_pages(a), backend.read_pages(b), strict=False), pages
            )
        )


def _edges(page: PageContent) -> list[tuple[float, ...]]:
    return sorted(
        (round(r.x0, 2), round(r.top, 2), round(r.x1, 2), round(r.bottom, 2)) for r in page.rulings
    )


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_pages_have_the_reference_geometry_and_rulings(path: Path) -> None:
    for a, b in _page_pairs(path):
        assert (round(a.width, 3), round(a.height, 3)) == (round(b.width, 3), round(b.height, 3))
        assert _edges(a) == _edges(b)
        assert a.images == b.images
        # fake bold (the header drawn twice, 0.3 pt apart): pdfium's text page drops the
        # copies itself, the layout's dedupe drops pdfminer's; the same glyphs remain
        assert _glyphs(a) == _glyphs(b)


def _glyphs(page: PageContent) -> list[str]:
    """Given a page, return its glyphs' texts (positions differ: pipeline/extract/pdfium.py)."""
    return sorted(c.text for c in dedupe_chars(c for c in page.chars if not c.text.isspace()))


@pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"{REALWORLD} is absent")
def test_a_rotated_page_is_turned_like_pdfplumber_turns_it() -> None:
    (path,) = REALWORLD.glob("b23_*.pdf")
    ((a, b),) = _page_pairs(path, 1)
    assert (a.width, a.height) == (b.width, b.height) == (612.0, 1008.0)
    assert _edges(a) == _edges(b)
    assert sum(c.upright for c in a.chars) == sum(c.upright for c in b.chars)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\ngarbage\n",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
    ],
    ids=["junk", "no-pages"],
)
def test_unreadable_files_fail_with_the_reference_reason(data: bytes) -> None:
    source = SourceInfo("x.pdf", hashlib.sha256(data).hexdigest(), len(data), "pdf")
    got = {b: outcome_of(data, source, backend=b) for b in ("pdfium", "pdfplumber")}
    assert got["pdfium"].status == got["pdfplumber"].status == "failed"
    assert got["pdfium"].error == got["pdfplumber"].error


def test_font_names_lose_their_subset_tag() -> None:
    from pipeline.extract.fontmetrics import font_key

    assert font_key(b"AAAAAA+UMingTW-2") == b"UMingTW-2"
    assert font_key(b"UMingTW-2") == b"UMingTW-2"
    assert font_key(b"Times New Roman,Bold") == b"Times New Roman,Bold"


def test_cell_boxes_are_cut_away_from_the_coordinates_producers_write() -> None:
    from pipeline.schemas import box_point

    # 195.1875 (a multiple of 1/64, Chromium) lies halfway between two grid points:
    # float noise either side of it must not change the written value
    assert {box_point(195.1875 + d) for d in (-2e-4, 0.0, 2e-4)} == {195.25}
    # a three-decimal coordinate (0.0625 = 1/16 would be a cut of plain rounding)
    assert {box_point(100.0625 + d) for d in (-2e-4, 0.0, 2e-4)} == {100.125}
    assert box_point(79.4) == 79.375
    assert box_point(None) is None


def test_standard_font_names_get_pdfminers_afm_widths() -> None:
    from pdfminer.psparser import LIT

    from pipeline.extract.fontmetrics import _standard_widths

    helvetica = {"Subtype": LIT("Type1"), "BaseFont": LIT("Helvetica")}
    assert _standard_widths(helvetica) is not None
    assert _standard_widths(helvetica)["N"] == 722.0  # Helvetica's AFM: N is 722 units wide
    # an embedded subset of it keeps its own /Widths, as in pdfminer
    assert _standard_widths({"Subtype": LIT("Type1"), "BaseFont": LIT("ABCDEF+Helvetica")}) is None


def test_a_fractional_width_is_found_by_its_integer_part() -> None:
    from pdfminer.psparser import LIT

    from pipeline.extract.fontmetrics import _unique_truncations

    font = {"Subtype": LIT("Type1"), "FirstChar": 32, "Widths": [333.3, 500.0, 500.9, 667.6]}
    # 500 is ambiguous (500 and 500.9): left to pdfium; 333 and 667 name one width each
    assert _unique_truncations(font) == {333: 333.3, 667: 667.6}
    assert _unique_truncations({"Subtype": LIT("Type1"), "Widths": [500, 600]}) is None


def test_a_glyph_printed_through_actualtext_gets_the_drawn_glyphs_width() -> None:
    """Chromium writes one ToUnicode entry per glyph; a code point that shares its glyph
    with another (Noto CJK: • ‧ with ·, ～ with 〜, 目 with ⽬), or that shaping swapped for
    another's glyph (— drawn with ―'s), is printed through an `ActualText` span, which
    pdfium boxes by its ink.  Its width is the drawn glyph's
    advance, as pdfminer boxes it: a bullet 2.3 pt wide instead of 11 once left a gap
    before the space after it, so its page read as one whose spaces are not drawn
    (chromium-extra 9833: "網址 ：", status ok).  The fixture is
    tests/fixtures/glyphs/chromium_shared_glyphs.html printed by headless Chromium."""
    path = REPO / "tests" / "fixtures" / "glyphs" / "chromium_shared_glyphs.pdf"
    ((a, b),) = _page_pairs(path, 1)
    shared = [c for c in b.chars if c.text in "•‧～—"]
    assert len(shared) >= 4  # the fixture prints them through ActualText
    for c in b.chars:
        ref = [r for r in a.chars if abs(r.x0 - c.x0) < 0.01 and abs(r.top - c.top) < 0.01]
        assert ref, c
        assert abs((ref[0].x1 - ref[0].x0) - (c.x1 - c.x0)) < 0.01, (c, ref[0])


@pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"{REALWORLD} is absent")
@pytest.mark.parametrize("prefix", ["a01", "a02", "a06", "a08"])
def test_upright_glyphs_get_the_fonts_width_not_pdfiums_loose_box(prefix: str) -> None:
    """Bullzip (a01, a02), Excel 2010 (a06) and Word 2013 (a08) PDFs set in 標楷體 and
    新細明體: pdfium's loose box of many glyphs is the glyph's own box, not its advance, and
    was once taken for it (a01: 1 250 of 2 163 glyphs, 縣 29.5 pt wide at 22 pt; a02: 雲
    74 pt wide at 20.6 pt).  Every glyph of the first page now has the reference's width."""
    (path,) = REALWORLD.glob(f"{prefix}_*.pdf")
    ((a, b),) = _page_pairs(path, 1)
    solid = [c for c in b.chars if not c.text.isspace()]
    assert len(solid) > 100
    wrong = []
    for c in solid:
        ref = [r for r in a.chars if abs(r.x0 - c.x0) < 0.01 and abs(r.top - c.top) < 0.01]
        if not ref or abs((ref[0].x1 - ref[0].x0) - (c.x1 - c.x0)) > 0.01:
            wrong.append(c.text)
    assert wrong == []
