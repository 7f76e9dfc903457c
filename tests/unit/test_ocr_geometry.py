"""The OCR backend's pure steps on images drawn here: deskew, rulings, cells, bands, chars, repair, cache.

No OCR engine runs: where one is needed a scripted stand-in answers, so these are fast.
"""

from __future__ import annotations

import io
import itertools
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image

from pipeline.errors import InputError
from pipeline.extract.images import is_image
from pipeline.extract.ocr import (
    OcrSettings,
    Region,
    _decode,
    _encode,
    _first_look,
    _inkiest_run,
    body_size,
    bracket_widths,
    circled_again,
    deskew,
    fit_rows_to_ink,
    fit_to_ink,
    flat_dashes,
    image_pages,
    ink_level,
    ink_rows,
    line_to_chars,
    lone_full_stops,
    lost_brackets,
    lost_bullets,
    lost_marks,
    masks_to_cells,
    masks_to_rulings,
    ocr_page,
    page_regions,
    phantom_strokes,
    plain_segments,
    read_by_rows,
    read_cells,
    read_regions,
    render_pdf_page,
    repair_label,
    repair_text,
    reread_rows,
    ringed,
    rotate,
    ruling_masks,
    skew_angle,
    split_at_gaps,
    stray_full_stops,
    text_bands,
    trim_to_glyphs,
)
from pipeline.extract.ocr_engines import (
    OcrLine,
    drop_cjk_spaces,
    map_lookalikes,
    relabel,
    widen_punctuation,
)
from pipeline.layout.grid import chars_to_lines

DPI = 150.0
PX_PER_PT = DPI / 72


def table_image(rows: int = 4, cols: int = 3) -> np.ndarray[Any, Any]:
    """A white 1000x800 page with a ruled table: `rows` x `cols` cells from (100,100) to (900,500)."""
    img = np.full((800, 1000), 255, np.uint8)
    xs = np.linspace(100, 900, cols + 1).astype(int)
    ys = np.linspace(100, 500, rows + 1).astype(int)
    for x in xs:
        cv2.line(img, (int(x), 100), (int(x), 500), 0, 2)
    for y in ys:
        cv2.line(img, (100, int(y)), (900, int(y)), 0, 2)
    return img


def test_skew_is_measured_from_the_rulings_and_undone() -> None:
    img = table_image()
    turned = rotate(img, 0.8)  # counter-clockwise, as a scanner's feed might
    angle = skew_angle(turned)
    assert angle == pytest.approx(-0.8, abs=0.1)
    level, undone = deskew(turned)
    assert undone == pytest.approx(-0.8, abs=0.1)
    assert abs(skew_angle(level)) < 0.1
    assert deskew(img)[1] == 0.0  # a level page is left alone


def test_a_page_without_rulings_has_no_skew() -> None:
    assert skew_angle(np.full((400, 400), 255, np.uint8)) == 0.0


@pytest.fixture(scope="module")
def unruled_page() -> np.ndarray[Any, Any]:
    """Page 1 of the unruled landscape fixture at 150 dpi: a real form's lines, no rules."""
    pdf = (
        Path(__file__).parents[1]
        / "fixtures"
        / "pdf"
        / "synthetic_landoffice_landscape_unruled.pdf"
    )
    gray, _ = render_pdf_page(pdf.read_bytes(), 1, DPI)
    return gray


# A row's cells share their lines (drop 0); a column centred in its cells stands lower than
# its neighbours (5 px, or half a line: 11 px): a shear lining it up with them is no skew.
@pytest.mark.parametrize("drop", [0, 5, 11])
@pytest.mark.parametrize("turn", [-0.9, -0.4, 0.6])
def test_a_page_without_rulings_is_levelled_by_its_lines_of_text(
    unruled_page: np.ndarray[Any, Any], drop: int, turn: float
) -> None:
    page = unruled_page.copy()
    width = page.shape[1]
    middle = slice(width // 3, width * 55 // 100)  # the sub-indicators' column
    page[:, middle] = np.roll(page[:, middle], drop, axis=0)
    assert abs(skew_angle(page)) < 0.05  # level text is left alone
    assert deskew(page)[1] == 0.0
    assert skew_angle(rotate(page, turn)) == pytest.approx(-turn, abs=0.05)
    level, undone = deskew(rotate(page, turn))
    assert undone == pytest.approx(-turn, abs=0.05)
    assert abs(skew_angle(level)) < 0.05


def test_a_page_of_specks_is_not_turned() -> None:
    rng = np.random.default_rng(5)
    page = np.full((800, 1000), 255, np.uint8)
    page[rng.integers(0, 800, 3000), rng.integers(0, 1000, 3000)] = 0
    assert skew_angle(page) == 0.0


def test_rulings_and_cells_of_a_ruled_table() -> None:
    img = table_image(rows=4, cols=3)
    h, v = ruling_masks(img, PX_PER_PT)
    rulings = masks_to_rulings(h, v, 1 / PX_PER_PT)
    horizontal = [r for r in rulings if r.horizontal]
    vertical = [r for r in rulings if not r.horizontal]
    assert len(horizontal) == 5 and len(vertical) == 4
    assert horizontal[0].x0 == pytest.approx(100 / PX_PER_PT, abs=1)
    assert horizontal[0].x1 == pytest.approx(900 / PX_PER_PT, abs=1.5)
    cells = masks_to_cells(h, v, 6 * PX_PER_PT)
    assert len(cells) == 12
    x0, y0, x1, y1 = cells[0]
    assert 100 < x0 < 110 and 100 < y0 < 110 and 360 < x1 < 367 and 190 < y1 < 200


def test_text_strokes_are_not_rulings() -> None:
    img = table_image(rows=1, cols=1)
    for x in range(200, 800, 30):  # glyph-sized strokes inside the cell
        cv2.line(img, (x, 300), (x + 18, 300), 0, 2)
        cv2.line(img, (x + 9, 290), (x + 9, 310), 0, 2)
    h, v = ruling_masks(img, PX_PER_PT)
    assert len(masks_to_rulings(h, v, 1 / PX_PER_PT)) == 4
    assert len(masks_to_cells(h, v, 6 * PX_PER_PT)) == 1


def test_text_bands_split_lines_of_ink() -> None:
    img = np.full((300, 400), 255, np.uint8)
    img[40:60, 50:300] = 0
    img[62:70, 60:120] = 0  # touches the first band: same line
    img[150:170, 100:200] = 0
    bands = text_bands(img)
    assert len(bands) == 2
    assert bands[0][1] <= 40 and bands[0][3] >= 70 and bands[0][0] <= 50
    assert bands[1][0] <= 100 and bands[1][2] >= 200
    assert text_bands(np.full((50, 50), 255, np.uint8)) == ()


def test_grey_ink_is_ink_on_clean_paper_and_grain_never_is() -> None:
    rng = np.random.default_rng(3)
    grain = rng.normal(0, 6, (300, 400))
    page = np.clip(251 + grain, 0, 255).astype(np.uint8)
    blank = page.copy()
    for x in range(50, 300, 20):
        page[40:58, x : x + 16] = 80  # a line of body text, glyph by glyph
    for x in range(60, 140, 20):
        page[150:168, x : x + 16] = 175  # a thin font's line, scanned grey ("得分：9")
    level = ink_level(page)
    assert 175 < level < 251 - 6 * 3  # below the paper by its grain, above the grey line
    assert len(text_bands(page)) == 1  # the darkest level alone misses the grey line
    assert len(text_bands(page, dark_below=level)) == 2
    assert text_bands(blank, dark_below=ink_level(blank)) == ()  # grain is no ink
    page[40:58, 330:344] = 175  # a grey ".5" ending the dark line, past its dark ink
    regions, _ = page_regions(page, (), np.zeros_like(page))
    assert [r.y0 <= 150 < r.y0 + r.crop.shape[0] for r in regions] == [False, True]
    assert regions[0].x0 + regions[0].crop.shape[1] > 344  # the dark band takes it in
    assert len(regions[1].rows) == 1  # the grey line, read on its own
    # A cell holding only the grey line is no blank cell either.
    cells = ((40, 140, 200, 180),)
    regions, _ = page_regions(page, cells, np.zeros_like(page))
    assert [r.is_cell for r in regions] == [True, False]
    # A ruling's grey fringe is no grey line, nor a grey streak or stroke.
    page[250:252, 20:380] = 30
    page[248:250, 20:380] = page[252:254, 20:380] = 210
    page[200:203, 50:90] = 200
    page[100:127, 300:302] = 200  # a stroke down the page, too short for a ruling
    h_mask, v_mask = ruling_masks(page, PX_PER_PT)
    regions, _ = page_regions(page, (), cv2.bitwise_or(h_mask, v_mask))
    assert not [r for r in regions if r.y0 <= 250 < r.y0 + r.crop.shape[0]]
    assert not [r for r in regions if r.y0 <= 201 < r.y0 + r.crop.shape[0]]
    assert not [r for r in regions if r.y0 <= 110 < r.y0 + r.crop.shape[0]]


def test_chars_are_spread_over_the_line_box_in_points() -> None:
    ln = OcrLine("得分 88", 0.0, 0.0, 4 * 21.0, 30.0, 0.99)
    size = 21.0
    chars = line_to_chars(ln, size, 1 / PX_PER_PT)
    assert [c.text for c in chars] == ["得", "分", " ", "8", "8"]
    assert chars[0].x0 == 0.0 and chars[-1].x1 == pytest.approx(4 * 21.0 / PX_PER_PT)
    assert chars[1].x1 - chars[1].x0 > chars[3].x1 - chars[3].x0  # CJK wider than digits
    assert all(c.bottom - c.top == pytest.approx(size / PX_PER_PT) for c in chars)
    # the grid reads them back as one line with the printed space
    assert [ln.text for ln in chars_to_lines(chars)] == ["得分 88"]


def test_lines_read_at_different_glyph_widths_start_at_the_same_height() -> None:
    # Two lines on one baseline pitch, 30 px apart: the first has digits the advances
    # guess too narrow (its step comes out wide), the second only CJK glyphs.  Drawn
    # each at its own step, the first would start ~1.5 pt higher and the stitcher
    # would see space above the second (a paragraph break inside "…7日" / "內改善完成。").
    size = 21.0
    wide = OcrLine("現缺失9項，均已於7日", 0.0, 0.0, 11 * 25.0, 30.0, 0.99)
    plain = OcrLine("內改善完成。", 0.0, 30.0, 6 * 21.0, 60.0, 0.99)
    a = line_to_chars(wide, size, 1 / PX_PER_PT)
    b = line_to_chars(plain, size, 1 / PX_PER_PT)
    assert a[0].size > b[0].size  # the widths still say how wide each line's glyphs are
    assert b[0].top - a[0].top == pytest.approx(30.0 / PX_PER_PT)


def test_a_line_spread_by_justification_shows_its_blanks_as_a_text_layer_does() -> None:
    # LibreOffice's "五 堵 辦 事 處" spread over a units column of ~6.5 em: its glyphs take
    # the body size with equal blanks between them, first to last across the box, so the
    # stitcher sees a 5 em name (not one filling its column: one name wrapped, or two?).
    from pipeline.layout.stitch import natural_width

    size = 20.0
    spread = OcrLine("五堵辦事處", 100.0, 0.0, 100.0 + 6.5 * size, 22.0, 0.99)
    chars = line_to_chars(spread, size, 1.0)
    assert [c.x1 - c.x0 for c in chars] == [size] * 5 and {c.size for c in chars} == {size}
    gaps = {round(b.x0 - a.x1, 6) for a, b in itertools.pairwise(chars)}
    assert gaps == {round(1.5 * size / 4, 6)}
    assert chars[0].x0 == 100.0 and chars[-1].x1 == pytest.approx(100.0 + 6.5 * size)
    (line,) = chars_to_lines(chars)
    assert natural_width(line) == pytest.approx(5 * size)
    # Set solid (an em a glyph, or a little over as read), or not ideographs only: as before.
    for ln in (
        OcrLine("蘇澳辦事處", 100.0, 0.0, 100.0 + 5.5 * size, 22.0, 0.99),
        OcrLine("1.辦事處", 100.0, 0.0, 100.0 + 6.5 * size, 22.0, 0.99),
    ):
        chars = line_to_chars(ln, size, 1.0)
        assert all(b.x0 == pytest.approx(a.x1) for a, b in itertools.pairwise(chars))


def test_a_line_without_two_ideographs_has_the_body_size() -> None:
    # "」：" drawn in to its ink is 30 px for two advances: its step says 15 px, but the
    # ink of punctuation (and digits) is narrower than its advance.  "得分" measures.
    size = 21.0
    (close, colon) = line_to_chars(OcrLine("」：", 0.0, 0.0, 30.0, 30.0, 0.99), size, 1.0)
    assert close.size == colon.size == size
    (a, _) = line_to_chars(OcrLine("得分", 0.0, 0.0, 36.0, 30.0, 0.99), size, 1.0)
    assert a.size == pytest.approx(18.0)


def test_body_size_is_the_median_cjk_advance() -> None:
    lines = (
        OcrLine("評核項目", 0, 0, 84, 30, 1.0),
        OcrLine("主辦單位", 0, 40, 80, 70, 1.0),
        OcrLine("x", 0, 80, 5, 90, 1.0),  # too short to say
    )
    assert body_size(lines) == pytest.approx(20.5)
    assert body_size(()) is None


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("評核指樣", "評核指標"),
        ("次評核指摽", "次評核指標"),
        ("主辨單位", "主辦單位"),
        ("評核項目", "評核項目"),
        ("評估項目表", "評估項目表"),  # other length: body text is never rewritten
        ("辦理情形良好", "辦理情形良好"),
        ("主要單據", "主要單據"),  # two glyphs off
    ],
)
def test_header_labels_one_glyph_off_are_repaired(raw: str, fixed: str) -> None:
    assert repair_label(raw) == fixed


def test_lookalikes_and_punctuation() -> None:
    assert map_lookalikes("内部强化説明") == "內部強化說明"
    assert map_lookalikes("臺北布告") == "臺北布告"  # correct text is left alone
    # Simplified-only code points (outside Big5) map to their one traditional form; the
    # landscape scan's units read "總務组" (bench/README.md, OCR).
    assert map_lookalikes("總務组、资讯课、办公室") == "總務組、資訊課、辦公室"
    # Traditional variants outside Big5 map to the Taiwan form: the seed's landscape scan
    # read "認爲可行者" for "認為可行者".
    assert map_lookalikes("認爲可行者，啓用") == "認為可行者，啟用"
    # Big5 characters stay, even where OpenCC would rewrite them: names (恒春, 新庄),
    # 台 and 制 in correct text, 秘 (OpenCC's standard form is 祕).
    assert map_lookalikes("恒春新庄台中秘書室製制") == "恒春新庄台中秘書室製制"
    assert widen_punctuation("處理,並於(1)完成") == "處理，並於（1）完成"
    assert widen_punctuation("call center, 5S") == "call center, 5S"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("迅速瞭解申辦作業資訊0", "迅速瞭解申辦作業資訊。"),
        ("提供洽公業者友善服務o", "提供洽公業者友善服務。"),
        ("縮短申辨時間", "縮短申辦時間"),
        ("内部稽核", "內部稽核"),
        ("得分：100", "得分：100"),  # a 0 after a digit is a digit
        ("小計 0", "小計 0"),
        ("計120", "計120"),
        ("辨別真偽", "辨別真偽"),  # 辨 right where it is no misread word
        ("文件計 5.318 份；另與", "文件計 5,318 份；另與"),  # a count has no fraction
        ("有效樣本 1.068份", "有效樣本 1,068份"),
        ("成長 12.345%", "成長 12.345%"),  # a percentage keeps its point
        ("平均 1.250 小時", "平均 1.250 小時"),
        ("計 5.31 份", "計 5.31 份"),  # two decimals are no misread comma
        ("派遣車輛78，158車次，", "派遣車輛78,158車次，"),  # a full-width comma in a count
        ("第 101，102 號", "第 101，102 號"),  # two numbers listed: no count word
        ("本年度瓣理情形", "本年度辦理情形"),  # 瓣 (a petal) read for 辦
        ("花瓣", "花瓣"),
        (".於101 年", ".於101 年"),  # a piece cut after an entry's "1": no bullet
        ("縮短案件辯理時間", "縮短案件辦理時間"),  # 辯 (to argue) read for 辦
        ("交通違規申辯案件", "交通違規申辯案件"),  # 申辯, a plea, is a word
        ("提供 ca11 center 諮詢", "提供 call center 諮詢"),  # l read as 1 in a known word
        ("e-mai1", "e-mail"),
        ("升級 Win11", "升級 Win11"),  # no known word: kept
        ("A11 室", "A11 室"),  # no lowercase letter: a code, kept
        ("得分，6", "得分：6"),  # an item's score line, its colon read as a comma
        ("得分,20.5", "得分：20.5"),
        ("平均得分，6", "平均得分，6"),  # a sentence's words: no score line
        ("得分，6項", "得分，6項"),
    ],
)
def test_ocr_text_is_repaired_only_where_the_forms_tell(raw: str, fixed: str) -> None:
    assert repair_text(raw) == fixed


def test_a_lone_ring_after_a_cjk_line_is_a_full_stop() -> None:
    size = 20.0
    lines = (
        OcrLine("提升服務品質", 0, 0, 120, 24, 0.99),
        OcrLine("0", 121, 4, 132, 22, 0.6),  # right after the line, on its baseline
        OcrLine("0", 300, 4, 311, 22, 0.9),  # far away: a real zero
        OcrLine("得分：", 0, 60, 60, 84, 0.99),
        OcrLine("0", 62, 64, 73, 82, 0.9),  # after a colon: a real zero
    )
    got = [ln.text for ln in stray_full_stops(lines, size)]
    assert got == ["提升服務品質", "。", "0", "得分：", "0"]


def test_tesseract_spaces_beside_cjk_are_dropped() -> None:
    assert drop_cjk_spaces("得 分 : 131.5") == "得分: 131.5"
    assert drop_cjk_spaces("(150 分 )") == "(150 分)"
    assert drop_cjk_spaces("call center 人員") == "call center 人員"


def test_image_files_are_recognised_and_tiff_pages_read() -> None:
    pages = [Image.new("L", (60, 40), 255), Image.new("L", (60, 40), 0)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", dpi=(200, 200), save_all=True, append_images=pages[1:])
    data = buf.getvalue()
    assert is_image(data)
    got = list(image_pages(data))
    assert [int(g.mean()) for g, _ in got] == [255, 0]
    assert [dpi for _, dpi in got] == [200.0, 200.0]
    png = io.BytesIO()
    pages[0].save(png, "PNG")
    assert is_image(png.getvalue()) and not is_image(b"%PDF-1.7")
    assert [dpi for _, dpi in image_pages(png.getvalue())] == [150.0]  # no dpi: the default


def test_a_broken_image_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unreadable image"):
        list(image_pages(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10))


class ScriptedEngine:
    """Answers every crop with one fixed line, 84 px wide from the crop's ink, and counts
    the calls."""

    name = "scripted"
    version = "1"
    plain_lines_alone = True

    def __init__(self) -> None:
        self.calls = 0

    def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
        self.calls += 1
        ys, xs = np.nonzero(crop < 128)
        x0, top = (int(xs.min()) - 2, int(ys.min()) - 2) if xs.size else (8, 8)
        return (OcrLine("評核項目", x0, top, x0 + 84, top + 30, 0.9),)

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        self.calls += 1
        return OcrLine("評核項目", 0, 0, strip.shape[1], strip.shape[0], 0.9)


class DictCache:
    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.data.get(key)

    def put(self, key: str, value: str) -> None:
        self.data[key] = value


def test_an_unchanged_page_is_not_read_again() -> None:
    img = table_image(rows=2, cols=2)
    for cell_x, cell_y in ((150, 150), (600, 150), (150, 400)):
        cv2.putText(img, "ab", (cell_x, cell_y), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)
    engine, cache = ScriptedEngine(), DictCache()
    first = ocr_page(img, DPI, 1, engine=engine, cache=cache)
    assert engine.calls == 3 and not first.cached  # three inked cells, one blank cell skipped
    assert len(cache.data) == 1 and "scripted-1" in next(iter(cache.data))
    second = ocr_page(img, DPI, 1, engine=engine, cache=cache)
    assert engine.calls == 3 and second.cached
    assert second.content == first.content and second.texts == first.texts
    img[700:720, 100:200] = 0  # a changed page is read again
    ocr_page(img, DPI, 1, engine=engine, cache=cache)
    assert engine.calls > 3 and len(cache.data) == 2


def test_a_page_read_by_ocr_gives_memory_back_above_its_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pipeline.extract import ocr

    limits: list[float] = []
    monkeypatch.setattr(ocr, "give_back_memory", limits.append)
    img = table_image(rows=1, cols=1)
    cv2.putText(img, "ab", (150, 150), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)
    engine, cache = ScriptedEngine(), DictCache()
    settings = OcrSettings(trim_above_mb=123, trim_within_mb=456)
    ocr_page(img, DPI, 1, engine=engine, cache=cache, settings=settings)
    # Before each region read (its own limit), and after the page.
    assert len(limits) >= 2 and limits == [456] * (len(limits) - 1) + [123]
    read = len(limits)
    ocr_page(img, DPI, 1, engine=engine, cache=cache)  # from the cache: nothing read, no trim
    assert len(limits) == read
    with pytest.raises(ValueError, match="trim_above_mb"):
        OcrSettings(trim_above_mb=0)
    with pytest.raises(ValueError, match="trim_within_mb"):
        OcrSettings(trim_within_mb=-1)


def test_a_damaged_cache_entry_is_read_again() -> None:
    img = table_image(rows=1, cols=1)
    cv2.putText(img, "ab", (300, 300), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)
    engine, cache = ScriptedEngine(), DictCache()
    ocr_page(img, DPI, 1, engine=engine, cache=cache)
    key = next(iter(cache.data))
    cache.data[key] = "{not json"
    page = ocr_page(img, DPI, 1, engine=engine, cache=cache)
    assert engine.calls == 2 and not page.cached and cache.data[key].startswith("[")


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="engine"):
        OcrSettings(engine="easyocr")
    with pytest.raises(ValueError, match="dpi"):
        OcrSettings(dpi=10)
    with pytest.raises(ValueError, match="min_confidence"):
        OcrSettings(min_confidence=1.5)


def test_a_tiff_of_blank_pages_ends_with_a_clear_reason() -> None:
    from pipeline.errors import NotAFormError
    from pipeline.layout.pages import scan_input_to_stream

    pages = [Image.new("L", (300, 400), 255) for _ in range(2)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:])
    with pytest.raises(NotAFormError, match=r"OCR read no text either \(pages read by OCR: 2\)"):
        scan_input_to_stream(buf.getvalue(), "scan", cache=DictCache())


def test_a_huge_pdf_page_is_rendered_within_the_pixel_limit() -> None:
    from tests.pdfbuild import build_pdf

    big = build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Resources << >> >>",
        ]
    )
    gray, dpi = render_pdf_page(big, 1, 150, max_pixels=4_000_000)
    assert gray.size <= 4_000_000 and dpi < 150
    assert gray.shape[0] == pytest.approx(14400 * dpi / 72, abs=2)


def test_lines_just_short_of_their_column_edge_end_on_it() -> None:
    from pipeline.extract.ocr import flush_right

    cells = ((0, 0, 200, 100), (0, 100, 200, 200), (300, 0, 500, 200))
    lines = (
        OcrLine("一二三四五六七八九", 5, 10, 190, 30, 0.9),  # the column's edge
        OcrLine("一二三四五六七八、", 5, 40, 182, 60, 0.9),  # ink of 、 stops short
        OcrLine("一二三四五六七八九", 5, 110, 189, 130, 0.9),  # another cell, same column
        OcrLine("一二三", 5, 140, 65, 160, 0.9),  # a paragraph's last line
        OcrLine("一二三四五六七八", 305, 10, 470, 30, 0.9),  # another column
        OcrLine("標題", 600, 10, 640, 30, 0.9),  # outside every cell
    )
    got = [ln.x1 for ln in flush_right(lines, cells, 20.0)]
    assert got == [190, 190, 190, 65, 470, 640]


def test_an_ocr_page_gives_its_lines_as_words_with_boxes_in_points() -> None:
    img = table_image(rows=2, cols=2)
    for cell_x, cell_y in ((150, 150), (600, 150)):
        cv2.putText(img, "ab", (cell_x, cell_y), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)
    page = ocr_page(img, DPI, 1, engine=ScriptedEngine())
    words = page.content.words
    assert [(w.text, w.confidence) for w in words] == [("評核項目", 0.9)] * 2  # one per inked cell
    for w in words:
        assert (
            0 <= w.x0 < w.x1 <= page.content.width and 0 <= w.top < w.bottom <= page.content.height
        )
    # A line of ink read without detection is boxed by its ink: "ab", in page pixels
    _, xs = np.nonzero(img[120:200, 120:400] < 128)
    assert words[0].x1 - words[0].x0 == pytest.approx((xs.max() + 1 - xs.min()) * 72 / DPI, abs=0.5)
    assert words[0].x0 == pytest.approx((120 + xs.min()) * 72 / DPI, abs=0.5)


# --- one detected line running over two cells (no rule between the columns) ---------------

BODY_PX = 20.0


def inked_row(*spans: tuple[int, int], width: int = 600) -> np.ndarray[Any, Any]:
    """A white 40 px tall strip with black ink over the given x spans (glyph bodies)."""
    img = np.full((40, width), 235, np.uint8)  # a scan's off-white paper
    for x0, x1 in spans:
        img[10:30, x0:x1] = 90  # grey strokes: darker than the paper, not black
    return img


def glyph_run(text: str, x: int, pitch: int = 22) -> list[tuple[str, float, float]]:
    return [(ch, float(x + i * pitch), float(x + i * pitch + 20)) for i, ch in enumerate(text)]


def test_a_line_over_two_columns_is_cut_where_the_ink_leaves_a_column_margin() -> None:
    # "服務流程" ink at 10-98, a 30 px (1.5 em) blank, then "1.簡化" from 128.
    left, right = glyph_run("服務流程", 10), glyph_run("1.簡化", 128)
    spans = [(round(a) + 2, round(b) - 2) for _, a, b in left + right]
    img = inked_row(*spans)
    ln = OcrLine("服務流程1. 簡化", 5, 5, 220, 35, 0.9, tuple(left + right))
    got = split_at_gaps((ln,), img, BODY_PX)
    assert [g.text for g in got] == ["服務流程", "1. 簡化"]  # a space OCR read stays inside
    assert got[0].x0 == 5 and got[0].x1 == pytest.approx(spans[3][1], abs=1)
    assert got[1].x0 == pytest.approx(spans[4][0], abs=1) and got[1].x1 == 220
    assert all(g.confidence == 0.9 for g in got)


def test_glyph_gaps_and_wide_punctuation_do_not_cut_a_line() -> None:
    # Glyphs 22 px apart with 6 px of blank between their ink; "，" inks only its left
    # quarter, leaving ~0.7 em blank after it: neither is a gap between cells.
    glyphs = glyph_run("提出，簡化", 10)
    spans = [(round(a) + 2, round(b) - 2) for _, a, b in glyphs]
    spans[2] = (spans[2][0], spans[2][0] + 5)
    img = inked_row(*spans)
    ln = OcrLine("提出，簡化", 5, 5, 125, 35, 0.9, tuple(glyphs))
    assert split_at_gaps((ln,), img, BODY_PX) == (ln,)


def test_a_narrow_ideograph_beside_its_neighbour_does_not_cut_a_line() -> None:
    # "項目表": 目 inks only the middle half of its em, leaving 0.4-0.5 em blank beside it,
    # but the glyphs stand an em (22 px) apart centre to centre: no space, no margin.
    glyphs = glyph_run("項目表", 10)
    spans = [(round(a) + 2, round(b) - 2) for _, a, b in glyphs]
    spans[1] = (spans[1][0] + 5, spans[1][1] - 5)  # 目: 8 px of ink in its 20
    img = inked_row(*spans)
    ln = OcrLine("項目表", 5, 5, 80, 35, 0.9, tuple(glyphs))
    assert split_at_gaps((ln,), img, BODY_PX) == (ln,)
    # The same ink an em and a half apart (a printed space): cut.
    far = [*glyph_run("項目", 10), *glyph_run("表", 64)]
    img = inked_row(*[(round(a) + 2, round(b) - 2) for _, a, b in far])
    ln = OcrLine("項目表", 5, 5, 90, 35, 0.9, tuple(far))
    assert [g.text for g in split_at_gaps((ln,), img, BODY_PX)] == ["項目", "表"]


def bracketed(opening: str, closing: str, *, full: bool, extra: int = 0) -> tuple[Any, OcrLine]:
    """ "位" + bracket + "資訊" + bracket + "組" as printed (20 px em, `extra` px of
    justification after every glyph) and as the engine read it: `opening`, `closing`."""
    half, em = 10, 20
    cells = [("位", em), ("(", em if full else half), ("資", em), ("訊", em)]
    cells += [(")", em if full else half), ("組", em)]
    spans, glyphs, x = [], [], 10
    for (ch, adv), read in zip(cells, "位" + opening + "資訊" + closing + "組", strict=True):
        if ch == "(":
            ink = (x + adv - 6, x + adv - 2) if full else (x + 3, x + 7)  # hugs 資 when full
        elif ch == ")":
            ink = (x + 2, x + 6) if full else (x + 3, x + 7)
        else:
            ink = (x + 2, x + adv - 2)
        spans.append(ink)
        # The engine places glyphs roughly: a bracket's column a few pixels off its ink.
        glyphs.append((read, float(ink[0] - 3), float(ink[1] + 3)))
        x += adv + extra
    img = inked_row(*spans)
    return img, OcrLine(
        "位" + opening + "資訊" + closing + "組", 5, 5, x + 5, 35, 0.9, tuple(glyphs)
    )


def test_a_bracket_between_ideographs_takes_the_width_its_ink_shows() -> None:
    # Half-width brackets read full-width (or mixed) come back half-width, and full-width
    # ones read half-width come back full: the blank on the outer side tells.
    for opening, closing in (("（", "）"), ("（", ")"), ("(", ")")):
        img, ln = bracketed(opening, closing, full=False)
        (got,) = bracket_widths((ln,), img, BODY_PX)
        assert got.text == "位(資訊)組" and [g for g, _, _ in got.glyphs] == list(got.text)
        img, ln = bracketed(opening, closing, full=True)
        assert bracket_widths((ln,), img, BODY_PX)[0].text == "位（資訊）組"
    # Justified glyphs (LibreOffice spreads every gap alike) do not make a bracket wide.
    img, ln = bracketed("（", "）", full=False, extra=6)
    assert bracket_widths((ln,), img, BODY_PX)[0].text == "位(資訊)組"


def test_a_bracket_beside_no_ideograph_or_without_clear_ink_keeps_its_reading() -> None:
    img, ln = bracketed("（", "）", full=False)
    # Beside a digit (a list marker) nothing is measured.
    digit = replace(
        ln,
        text="1（資訊）2",
        glyphs=(("1", *ln.glyphs[0][1:]), *ln.glyphs[1:5], ("2", *ln.glyphs[5][1:])),
    )
    assert bracket_widths((digit,), img, BODY_PX) == (digit,)
    # Ink too wide for a bracket (the engine's column fell on a glyph): left alone.
    wide = inked_row(*[(x, x + 60) for x in (10, 80)])
    assert bracket_widths((ln,), wide, BODY_PX) == (ln,)
    # Between the two widths' blanks, the reading stands.
    img = inked_row((12, 28), (36, 40), (42, 58), (62, 78), (82, 86), (94, 110))
    assert bracket_widths((ln,), img, BODY_PX) == (ln,)


def test_a_line_spread_evenly_by_justification_is_not_cut() -> None:
    # "五堵辦事處" justified: 1.4 em centre to centre, 0.6 em of blank between inks (more
    # than a printed space), but evenly: one cell's line.  One pitch wider by a margin:
    # two cells' texts.
    glyphs = glyph_run("五堵辦事處", 10, pitch=28)
    img = inked_row(*[(round(a) + 2, round(b) - 2) for _, a, b in glyphs])
    ln = OcrLine("五堵辦事處", 5, 5, 140, 35, 0.9, tuple(glyphs))
    assert split_at_gaps((ln,), img, BODY_PX) == (ln,)
    far = [*glyph_run("五堵辦", 10, pitch=28), *glyph_run("事處", 106, pitch=28)]
    img = inked_row(*[(round(a) + 2, round(b) - 2) for _, a, b in far])
    ln = OcrLine("五堵辦事處", 5, 5, 160, 35, 0.9, tuple(far))
    assert "五堵辦" not in [g.text for g in split_at_gaps((ln,), img, BODY_PX)]


def test_a_padded_box_is_drawn_in_to_its_ink() -> None:
    # "五堵辦事處": ink 100-200, detection's box 92-208 (padded), so the glyphs spread over
    # it would make the line look wider than printed.  Never widened; no ink: kept.
    img = inked_row((100, 200))
    got = fit_to_ink((OcrLine("五堵辦事處", 92, 5, 208, 35, 0.9),), img)
    assert (got[0].x0, got[0].x1) == (100, 200) and got[0].text == "五堵辦事處"
    narrow = OcrLine("五堵辦事處", 120, 5, 180, 35, 0.9)
    blank = OcrLine("。", 300, 5, 320, 35, 0.9)
    assert fit_to_ink((narrow, blank), img) == (narrow, blank)


def test_a_line_whose_glyphs_do_not_spell_it_is_kept_whole() -> None:
    left, right = glyph_run("服務", 10), glyph_run("簡化", 128)
    img = inked_row(*[(round(a) + 2, round(b) - 2) for _, a, b in left + right])
    ln = OcrLine("服務X簡化", 5, 5, 180, 35, 0.9, tuple(left + right))  # "X" has no glyph
    assert split_at_gaps((ln,), img, BODY_PX) == (ln,)
    assert split_at_gaps((OcrLine("服務 簡化", 5, 5, 180, 35, 0.9),), img, BODY_PX)[0].glyphs == ()


def test_a_box_grown_past_its_glyphs_is_cut_back() -> None:
    glyphs = tuple(glyph_run("減少內", 100))  # ink 100-164
    grown = OcrLine("減少內", 96, 5, 200, 35, 0.9, glyphs)  # box reaches 36 px (1.8 em) past
    padded = OcrLine("減少內", 96, 5, 170, 35, 0.9, glyphs)  # 6 px: a detector's usual padding
    got = trim_to_glyphs((grown, padded), BODY_PX)
    assert got[0].x1 == pytest.approx(164 + 0.5 * BODY_PX) and got[0].x0 == 96
    assert got[1] == padded


def test_glyph_positions_survive_the_cache() -> None:
    ln = OcrLine("計 27 種", 1.0, 2.0, 90.0, 30.0, 0.97, (("計", 1.0, 20.0), ("27", 30.0, 50.0)))
    assert _decode(_encode((ln,))) == (ln,)
    ring = OcrLine("⑦建立", 1.0, 2.0, 90.0, 30.0, 0.97, (("⑦", 1.0, 20.0),), 0.9, circled=True)
    assert _decode(_encode((ring,))) == (ring,)


def test_tesseract_symbols_are_matched_to_the_repaired_text() -> None:
    symbols = [("得", 0.0, 20.0), ("分", 22.0, 42.0), (":", 44.0, 50.0), ("8", 60.0, 70.0)]
    # ":" between CJK was widened to "："; the symbols keep their places, relabelled
    assert relabel(symbols, "得分：8") == (
        ("得", 0.0, 20.0),
        ("分", 22.0, 42.0),
        ("：", 44.0, 50.0),
        ("8", 60.0, 70.0),
    )
    # a ruling's pixels read as "|" and stripped from the text are dropped with it
    assert relabel([("|", 0.0, 2.0), *symbols], "得分：8")[0] == ("得", 0.0, 20.0)
    # symbols that cannot be matched one to one give none (the line is spread evenly)
    assert relabel(symbols[:3], "得分：8") == ()


def test_detection_runs_on_the_scaled_crop_and_its_boxes_come_back_in_crop_pixels() -> None:
    from types import SimpleNamespace

    from pipeline.extract.ocr_engines import DEFAULT_DET_SCALE, RapidOcrEngine, _ScaledDetector

    seen: list[tuple[int, ...]] = []

    def detector(img: np.ndarray) -> SimpleNamespace:
        seen.append(img.shape)
        box = np.array([[[5, 2], [45, 2], [45, 8], [5, 8]]], dtype=np.float32)
        return SimpleNamespace(img=img, boxes=box, scores=[0.9])

    crop = np.full((100, 200, 3), 255, dtype=np.uint8)
    found = _ScaledDetector(detector, 0.5)(crop)
    assert seen == [(50, 100, 3)]
    assert found.boxes.tolist() == [[[10, 4], [90, 4], [90, 16], [10, 16]]]
    assert found.img is crop  # recognition crops the full-resolution image
    # The default engine uses it, and its scale names the cache entries.
    assert DEFAULT_DET_SCALE < 1
    assert f"+det{DEFAULT_DET_SCALE:g}" in RapidOcrEngine().version


def test_glyph_columns_of_a_strip_are_those_rapidocr_maps_back() -> None:
    # `_glyphs` keeps only the arithmetic of RapidOCR's cal_rec_boxes for a strip wider than
    # tall (and calls it for a taller one): the columns must be the ones it gives.
    import copy

    from rapidocr.ch_ppocr_rec.typings import TextRecOutput

    from pipeline.extract.ocr_engines import RapidOcrEngine, _glyph

    engine = RapidOcrEngine()
    for width in (214, 24):  # at 214 px float error puts some corners a pixel left
        strip = np.full((36, width), 235, np.uint8)
        cv2.putText(strip, "ab 12 cd", (6, 26), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 40, 2)
        result = engine._run(strip, detect=False)
        assert isinstance(result, TextRecOutput) and result.word_results[0]
        mine = engine._glyphs(strip, copy.deepcopy(result))
        box = np.array([[[0, 0], [width, 0], [width, 36], [0, 36]]], dtype=np.float32)
        bgr = cv2.cvtColor(strip, cv2.COLOR_GRAY2BGR)
        theirs = engine._ocr.cal_rec_boxes([bgr], box, result, False).word_results[0]
        assert mine and mine == tuple(_glyph(w) for w in theirs)


def test_the_recogniser_reads_alike_on_openvino_and_onnxruntime() -> None:
    # OpenVINO runs RapidOCR's own recogniser model in the engine's place; the engine's
    # version names the runtime and the precision it chose, so the cache keeps them apart.
    from pipeline.extract.ocr_engines import RapidOcrEngine, _OpenVinoRecogniser

    ov, ort = RapidOcrEngine(runtime="openvino"), RapidOcrEngine(runtime="onnxruntime")
    assert "+rec-ov" in ov.version and ov.version.split("-")[-1] in ("bf16", "f32", "f16")
    assert "+rec-ov" not in ort.version
    for text in ("ab 12 cd", "Score 47.5 / 100"):
        strip = np.full((36, 320), 235, np.uint8)
        cv2.putText(strip, text, (6, 26), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 40, 2)
        a, b = ov.read_line(strip), ort.read_line(strip)
        assert a is not None and b is not None
        # bf16 may place a space otherwise ("ab 12cd" on onnxruntime); the glyphs agree.
        assert a.text.replace(" ", "") == b.text.replace(" ", "") == text.replace(" ", "")
        assert abs(a.confidence - b.confidence) < 0.05
    assert isinstance(ov._ocr.text_rec.session, _OpenVinoRecogniser)
    assert not isinstance(ort._ocr.text_rec.session, _OpenVinoRecogniser)


def test_the_openvino_recogniser_caps_onednns_kernel_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # oneDNN's default (1024 kernels) held a scan's worker past the 700 MB budget on a CPU
    # with AMX; a capacity the user set is kept.
    import rapidocr

    from pipeline.extract.ocr_engines import ONEDNN_KERNEL_CACHE, REC_MODEL, _OpenVinoRecogniser

    model = Path(rapidocr.__file__).parent / REC_MODEL
    monkeypatch.delenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", raising=False)
    _OpenVinoRecogniser(model)
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == str(ONEDNN_KERNEL_CACHE)
    monkeypatch.setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "32")
    _OpenVinoRecogniser(model)
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == "32"


def test_openvino_comes_without_its_telemetry() -> None:
    # openvino-telemetry, when installed, writes a client id under ~/intel on every
    # `import openvino`; pyproject.toml overrides it away and openvino uses its no-op stub.
    import importlib.util

    assert importlib.util.find_spec("openvino") is not None
    assert importlib.util.find_spec("openvino_telemetry") is None


def test_an_unknown_recogniser_runtime_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.extract.ocr_engines import OcrUnavailableError, RapidOcrEngine

    monkeypatch.setenv("EVALTABLE_OCR_RUNTIME", "tensorrt")
    with pytest.raises(OcrUnavailableError, match="unknown OCR runtime 'tensorrt'"):
        RapidOcrEngine()
    monkeypatch.setenv("EVALTABLE_OCR_RUNTIME", "onnxruntime")
    assert "+rec-ov" not in RapidOcrEngine().version


class RowEngine:
    """Detection answers with fixed lines; recognition of a strip answers the next text."""

    name = "rows"
    version = "1"
    plain_lines_alone = True

    def __init__(self, detected: tuple[OcrLine, ...], strips: list[str]) -> None:
        self.detected, self.strips = detected, strips
        self.heights: list[int] = []

    def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
        return self.detected

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        self.heights.append(strip.shape[0])
        return OcrLine(self.strips.pop(0), 0, 0, strip.shape[1], strip.shape[0], 0.95)


def cell_crop(
    rows: list[list[tuple[int, int]]], top: int = 4, height: int = 18, gap: int = 5
) -> np.ndarray[Any, Any]:
    """A white 160 px wide cell crop with grey glyph bodies: per line of text, x spans."""
    img = np.full((top + len(rows) * (height + gap) + 4, 160), 235, np.uint8)
    for i, spans in enumerate(rows):
        y = top + i * (height + gap)
        for x0, x1 in spans:
            img[y : y + height, x0:x1] = 90
    return img


PAD = 8
JUSTIFIED = [(3, 21), (70, 88), (139, 157)]  # "登　記　課": three glyphs spread over the cell


def test_a_cell_detected_down_its_columns_of_glyphs_is_read_line_by_line() -> None:
    # LibreOffice justified a units cell, so its glyphs stand in columns; detection boxed
    # the right-hand column across three lines and the recogniser read it turned.
    crop = cell_crop([JUSTIFIED, JUSTIFIED, [(3, 21), (24, 42), (45, 63)]])
    engine = RowEngine(
        (
            OcrLine("課課單", 147, 10, 166, 60, 0.99),  # 19 wide, 50 tall
            OcrLine("登", 10, 10, 30, 32, 1.0),
        ),
        ["登記課", "測量課", "資訊課"],
    )
    got = reread_rows(crop, engine.detected, engine, PAD)
    assert [ln.text for ln in got] == ["登記課", "測量課", "資訊課"]
    assert [(ln.x0, ln.x1) for ln in got] == [(11, 165), (11, 165), (11, 71)]  # the ink
    assert [ln.top for ln in got] == [4 + PAD, 27 + PAD, 50 + PAD]
    assert (
        engine.heights == [18 + 2 * 4] * 3
    )  # each strip one line of ink, a quarter line above and below


class GlyphEngine(RowEngine):
    """Recognition of a strip also says where each glyph stood in it (as RapidOCR does)."""

    def __init__(self, text: str, spans: list[tuple[int, int]], left: int) -> None:
        super().__init__((), [text])
        self.spans, self.left = spans, left  # glyphs in the crop; where the strip starts

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        read = super().read_line(strip)
        assert read is not None
        left = self.left
        glyphs = tuple(
            (g, x0 - left, x1 - left) for g, (x0, x1) in zip(read.text, self.spans, strict=True)
        )
        return OcrLine(read.text, read.x0, read.top, read.x1, read.bottom, 0.95, glyphs)


def test_a_plain_line_across_two_columns_is_cut_where_its_glyphs_say() -> None:
    # A form without column rules: "…施" and "瞭…" of the next column half an em apart, a
    # blank narrower than the line is tall, so the line of ink is read as one strip.
    spans = [(30, 48), (51, 69), (80, 98), (101, 119)]
    crop = cell_crop([spans])
    assert plain_segments(crop, 4, 22, 18) == [(12, 137)]  # one piece
    # The strip starts a line's height (18 px) before the ink.
    (line,) = read_by_rows(crop, [(4, 22)], GlyphEngine("措施瞭解", spans, 30 - 18), PAD)
    assert line.glyphs == tuple(
        (g, x0 + PAD, x1 + PAD) for g, (x0, x1) in zip("措施瞭解", spans, strict=True)
    )
    page = np.pad(crop, PAD, constant_values=235)
    assert [ln.text for ln in split_at_gaps((line,), page, 18)] == ["措施", "瞭解"]


def test_a_glyph_detection_dropped_is_read_again_with_its_line() -> None:
    crop = cell_crop([JUSTIFIED, [(3, 21), (24, 42), (45, 63)]])
    detected = (
        OcrLine("登", 9, 10, 31, 32, 1.0),
        OcrLine("課", 145, 10, 167, 32, 0.99),  # "記" at 70-88 has no box
        OcrLine("資訊課", 9, 33, 73, 55, 0.99),
    )
    engine = RowEngine(detected, ["登記課"])
    got = reread_rows(crop, detected, engine, PAD)
    assert [ln.text for ln in got] == ["登記課", "資訊課"]
    assert got[1] is detected[2] and len(engine.heights) == 1
    # Every glyph boxed: nothing is read again.
    boxed = (*detected, OcrLine("記", 76, 10, 98, 32, 1.0))
    assert reread_rows(crop, boxed, RowEngine(boxed, []), PAD) == boxed


def test_lines_set_close_are_parted_by_rows_with_a_few_specks() -> None:
    # LibreOffice's justified paragraph scanned: three lines with 3 px between them, and
    # in every row between them a few dark pixels (specks, a stroke's stray end).
    crop = cell_crop([[(3, 150)]] * 3, gap=3)
    for y in (22, 23, 24, 43, 44, 45):
        crop[y, [10, 60, 120]] = 90
    rows = ink_rows(crop)
    assert len(rows) == 3  # parted at the lightest row between two lines
    for (a, b), (top, bottom) in zip(rows, [(4, 22), (25, 43), (46, 64)], strict=True):
        assert a <= top and bottom <= b and b - a <= 21
    # A line alone keeps its faint rows: a speck-thin top stroke over a line of ink.
    alone = cell_crop([[(3, 150)]])
    alone[3, [20, 90, 140]] = 90
    assert ink_rows(alone) == [(3, 22)]
    # A sparse cell (a short unit name): two dark pixels still make a row of ink.
    sparse = cell_crop([[(3, 5), (40, 42)]])
    assert ink_rows(sparse) == [(4, 22)]


def test_a_speck_alone_is_not_read_but_a_full_stop_is() -> None:
    # A band's line of ink (18 px tall) whose only ink in this column is a 2x3 px speck:
    # the recogniser read such a strip as "同".  A lone 。 (6x6) or "1" (4x16) is read.
    speck = cell_crop([[(40, 42)]])
    speck[4:22, 40:42] = 235
    speck[10:13, 40:42] = 90
    engine = RowEngine((), ["同"])
    assert read_by_rows(speck, [(4, 22)], engine, PAD) == () and engine.heights == []
    for x0, x1, y0, y1 in ((40, 46, 14, 20), (40, 44, 5, 21)):
        glyph = cell_crop([[(40, 41)]])
        glyph[4:22, 40:41] = 235
        glyph[y0:y1, x0:x1] = 90
        (read,) = read_by_rows(glyph, [(4, 22)], RowEngine((), ["。"]), PAD)
        assert read.text == "。"


def test_a_strip_read_alone_has_paper_for_margins() -> None:
    # Lines set close: the quarter line above and below the strip holds the neighbours'
    # strokes, which made the recogniser less sure of "得分：88" (0.81 for its digits).
    crop = cell_crop([[(3, 150)]] * 3, gap=3)
    seen: list[np.ndarray[Any, Any]] = []

    class Seeing(RowEngine):
        def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
            seen.append(strip)
            return super().read_line(strip)

    read_by_rows(crop, [(25, 43)], Seeing((), ["得分：88"]), PAD)
    (strip,) = seen
    assert strip.shape[0] == 18 + 2 * 4  # a quarter line above and below
    assert (strip[:4] == 235).all() and (strip[-4:] == 235).all()  # paper, not ink
    assert (strip[4:22, 30:60] == 90).all() and crop[21, 30] == 90  # the line itself kept


@pytest.mark.parametrize(
    ("reads", "digits", "calls"),
    [
        ([("(150分)", 0.58), ("(150分)", 0.99)], 0.99, 2),  # read again the same, surely
        ([("(150分)", 0.58), ("(130分)", 0.99)], 0.58, 2),  # read otherwise: still unsure
        ([("(150分)", 0.97)], 0.97, 1),  # sure at once: one look
    ],
)
def test_unsure_digits_get_a_second_look(
    reads: list[tuple[str, float]], digits: float, calls: int
) -> None:
    crop = cell_crop([[(30, 130)]])

    class Digits(RowEngine):
        def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
            text, sure = reads[len(self.heights)]
            self.heights.append(strip.shape[0])
            return OcrLine(text, 0, 0, strip.shape[1], strip.shape[0], 0.9, (), sure)

    engine = Digits((), [])
    (line,) = read_by_rows(crop, [(4, 22)], engine, PAD)
    assert line.text == "(150分)" and line.digits == digits and len(engine.heights) == calls


def test_the_second_look_at_digits_follows_the_settings() -> None:
    img = table_image(rows=1, cols=1)
    img[200:218, 150:300] = 90  # one line of ink in the cell

    class Unsure(RowEngine):
        def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
            self.heights.append(strip.shape[0])
            return OcrLine("(15分)", 0, 0, strip.shape[1], strip.shape[0], 0.9, (), 0.7)

    cache = DictCache()
    for sure, calls in ((0.6, 1), (0.8, 2)):
        engine = Unsure((), [])
        settings = OcrSettings(min_confidence=sure)
        ocr_page(img, DPI, 1, engine=engine, cache=cache, settings=settings)
        assert len(engine.heights) == calls  # digits at 0.7: looked at again only under 0.8
    assert len(cache.data) == 2  # each setting reads into its own cache entry


def test_lines_of_a_paragraph_set_close_are_never_read_as_one() -> None:
    # No blank row between the two lines: one line of ink, taller than any box, so a
    # dropped glyph in it does not make a strip of two lines be read as one.
    crop = cell_crop([[(3, 21), (24, 42)], [(3, 21), (100, 118)]], gap=0)
    detected = (OcrLine("提出", 9, 10, 53, 32, 0.99), OcrLine("簡", 9, 28, 31, 50, 0.99))
    engine = RowEngine(detected, [])
    assert ink_rows(crop) == [(4, 40)]
    assert reread_rows(crop, detected, engine, PAD) == detected and engine.heights == []


def test_plain_lines_are_read_without_detection_and_close_set_ones_with_it() -> None:
    img = table_image(rows=1, cols=2)  # cells 100-500 and 500-900 across, 100-500 down
    img[150:168, 120:300] = 90  # left cell: two lines of ink, a blank row between them
    img[180:198, 120:220] = 90
    img[150:168, 520:700] = 90  # right cell: two lines set close, one line of ink
    img[168:186, 520:640] = 90
    # under the table, no rules: two columns' texts on one line, glyph by glyph (a solid
    # bar would be a ruling)
    for x0, x1 in ((100, 300), (360, 500)):
        for x in range(x0, x1, 20):
            img[600:618, x : min(x + 16, x1)] = 90
    calls: list[tuple[str, int]] = []

    class Engine:
        name, version, plain_lines_alone = "paths", "1", True

        def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
            calls.append(("detect", crop.shape[1]))
            return (OcrLine("段落", 10, 10, 100, 30, 0.9),)

        def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
            calls.append(("line", strip.shape[1]))
            return OcrLine("一行", 0, 0, strip.shape[1], strip.shape[0], 0.9)

    h_mask, v_mask = ruling_masks(img, PX_PER_PT, OcrSettings())
    cells = masks_to_cells(h_mask, v_mask, 6 * PX_PER_PT)
    lines = read_cells(img, cells, cv2.bitwise_or(h_mask, v_mask), Engine())
    assert sorted(k for k, _ in calls) == ["detect", "line", "line", "line", "line"]
    plain = sorted((ln.top, ln.x0, ln.x1) for ln in lines if ln.text == "一行")
    # each line boxed by its ink; the band under the table in two pieces, one per column
    assert plain == [(150, 120, 300), (180, 120, 220), (600, 100, 296), (600, 360, 496)]


class CallsEngine(RowEngine):
    """Records each call: detection with its crop's width, recognition with its strip's."""

    def __init__(self, strips: list[str]) -> None:
        super().__init__((OcrLine("兩欄", 10, 10, 150, 30, 0.9),), strips)
        self.calls: list[tuple[str, int]] = []

    def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
        self.calls.append(("detect", crop.shape[1]))
        return self.detected

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        self.calls.append(("line", strip.shape[1]))
        return super().read_line(strip)


def test_a_justified_line_of_a_one_column_cell_is_read_whole_without_detection() -> None:
    # LibreOffice justified a cell: its second line's glyphs stand apart, blanks wider than
    # the line is tall; the other lines ink those blanks, so the cell holds one column.
    crop = cell_crop([[(3, 21), (24, 42), (45, 63)], JUSTIFIED, [(3, 21), (24, 140)]])
    engine = CallsEngine(["資訊課", "登記課", "測量"])
    region = Region(300, 200, crop, True, ink_rows(crop))
    lines = read_regions([region], [0], 18.0, engine)[0]
    # no detection; each line one strip: its ink and a line (18 px) each side, within the
    # cell (0-160); the spread line's ink runs 3-157, so its strip is the cell's width
    assert engine.calls == [("line", 63 + 18), ("line", 160), ("line", 140 + 18)]
    assert [ln.text for ln in lines] == ["資訊課", "登記課", "測量"]
    assert [(ln.x0, ln.top) for ln in lines] == [(303, 204), (303, 227), (303, 250)]


def test_a_cell_holding_two_columns_texts_is_read_with_detection() -> None:
    # A column rule the scan lost: the blank between 63 and 100 runs down every line.
    crop = cell_crop([[(3, 63), (100, 140)], [(3, 42), (100, 157)], [(3, 21), (100, 120)]])
    engine = CallsEngine([])
    # detection boxes each line whole (pixels of the crop padded by 8)
    engine.detected = tuple(
        OcrLine("兩欄", 9, t + PAD, 167, t + PAD + 18, 0.9) for t in (4, 27, 50)
    )
    region = Region(300, 200, crop, True, ink_rows(crop))
    lines = read_regions([region], [0], 18.0, engine)[0]
    assert engine.calls == [("detect", 160 + 2 * PAD)]
    assert [(ln.text, ln.top) for ln in lines] == [("兩欄", 204), ("兩欄", 227), ("兩欄", 250)]


def test_a_line_of_ink_is_plain_only_at_a_line_height() -> None:
    crop = np.full((60, 300), 235, np.uint8)
    crop[5:23, 10:100] = 90  # a line: 18 px, the page's median
    crop[30:35, 10:16] = 90  # a speck or a lone 。: 5 px
    crop[40:58, 10:60] = 90
    crop[40:58, 90:150] = 90  # 30 px blank, over the line's height: two columns' texts
    assert plain_segments(crop, 5, 23, 18.0) == [(0, 118)]  # a line's height each side
    assert plain_segments(crop, 30, 35, 18.0) == []
    assert plain_segments(crop, 5, 35, 18.0) == []  # 30 px: more than one line
    assert plain_segments(crop, 40, 58, 18.0) == [(0, 75), (75, 168)]  # half the blank each


# --- probing a page before the document's table is found --------------------------------


class SayingEngine(ScriptedEngine):
    """Answers every crop with one given text, and counts the calls."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
        (line,) = super().read(crop)
        return (OcrLine(self.text, line.x0, line.top, line.x1, line.bottom, line.conf),)

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        self.calls += 1
        return OcrLine(self.text, 0, 0, strip.shape[1], strip.shape[0], 0.9)


def inked_table(rows: int, cols: int) -> np.ndarray[Any, Any]:
    img = table_image(rows=rows, cols=cols)
    for y in np.linspace(100, 500, rows + 1)[:-1]:
        for x in np.linspace(100, 900, cols + 1)[:-1]:
            cv2.putText(img, "ab", (int(x) + 20, int(y) + 35), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    return img


def test_a_probed_page_without_header_labels_is_read_only_as_far_as_its_first_rows() -> None:
    img = inked_table(rows=8, cols=3)
    engine, cache = SayingEngine("產品名稱"), DictCache()
    page = ocr_page(img, DPI, 1, engine=engine, cache=cache, probe=True)
    assert page.probed and engine.calls == 5 * 3  # the first five rows of cells
    assert {w.text for w in page.content.words} == {"產品名稱"}
    assert cache.data == {}  # a partial reading is never cached
    whole = ocr_page(img, DPI, 1, engine=SayingEngine("產品名稱"), probe=False)
    assert not whole.probed and len(whole.content.words) == 8 * 3


def test_a_probed_page_showing_a_header_label_is_read_whole_as_without_the_probe() -> None:
    img = inked_table(rows=8, cols=3)
    engine, cache = SayingEngine("評核指標"), DictCache()
    probed = ocr_page(img, DPI, 1, engine=engine, cache=cache, probe=True)
    assert not probed.probed and engine.calls == 8 * 3 and len(cache.data) == 1
    plain = ocr_page(img, DPI, 1, engine=SayingEngine("評核指標"), probe=False)
    assert probed.content == plain.content and probed.texts == plain.texts


def test_a_scanned_non_form_fails_after_its_tables_first_rows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from pipeline.errors import NotAFormError
    from pipeline.extract import ocr
    from pipeline.layout.pages import scan_input_to_stream

    engine = SayingEngine("產品名稱")
    monkeypatch.setattr(ocr, "get_engine", lambda name: engine)
    buf = io.BytesIO()
    Image.fromarray(inked_table(rows=8, cols=3)).save(buf, format="PNG", dpi=(150, 150))
    with pytest.raises(NotAFormError, match="1 of them only their table's first rows"):
        scan_input_to_stream(buf.getvalue(), "scan")
    assert engine.calls == 5 * 3


def test_a_score_is_sure_when_its_digits_are() -> None:
    from pipeline.extract.ocr_engines import _least_sure_digit
    from pipeline.extract.scan import ocr_checks
    from pipeline.models import BBox, OcrText, PageStream

    # RapidOCR's per-character confidences of "(100分)": brackets unsure, digits sure.
    chars = zip("(100分)", (0.531, 0.99997, 0.99998, 0.99999, 0.99997, 0.543), strict=True)
    assert _least_sure_digit(chars) == 0.99997
    assert _least_sure_digit([("得分", 0.9)]) is None

    def check(text: str, confidence: float, digits: float | None) -> bool:
        line = OcrText(1, BBox(42, 257, 80, 270), text, confidence, text, digits)
        stream = PageStream((), 1, ocr_pages=(1,), ocr_texts=(line,))
        (found,) = [c for c in ocr_checks(stream) if c.check == "ocr_scores_read"]
        return found.passed

    assert check("(100分)", 0.846, 0.99997)  # the number was read surely
    assert not check("(100分)", 0.846, 0.61)  # a digit was not
    assert not check("(100分)", 0.846, None)  # the engine did not say: the line's
    assert check("(100分)", 0.93, None)
    assert not check("得分：88", 0.97, 0.70)
    assert check("小計", 0.81, None)  # an unscored form's bare label: no number to doubt


def test_a_bullet_left_out_of_its_lines_box_or_read_as_a_dot_is_put_back() -> None:
    # At 150 dpi a bullet is a dot of 3-5 pixels: detection leaves it out of its line's box,
    # or boxes it alone and reads ".".  A dot of ink alone, level with the line's middle
    # and left of it, is its bullet; a speck, a dot off the middle, a bigger blot or a
    # second mark beside it is not.
    size = 22.0
    img = inked_row((200, 420))  # the line's glyphs, rows 10-30 (middle 20)
    line = OcrLine("自112年8月26日起", 200, 8, 420, 32, 0.95)

    def with_mark(x0: int, y0: int, w: int, h: int, img: np.ndarray[Any, Any] = img) -> Any:
        marked = img.copy()
        marked[y0 : y0 + h, x0 : x0 + w] = 60
        return marked

    got, engine_read = lost_bullets((line,), with_mark(182, 18, 4, 4), size)
    assert [ln.text for ln in got] == ["•", "自112年8月26日起"] and engine_read == {0: ""}
    assert got[0].x1 < line.x0 and abs((got[0].x0 + got[0].x1) / 2 - 184) < 1
    for mark in ((182, 19, 1, 1), (182, 27, 4, 4), (176, 12, 12, 14)):  # speck, low, blot
        assert lost_bullets((line,), with_mark(*mark), size)[0] == (line,), mark
    two = with_mark(170, 18, 4, 4, with_mark(184, 18, 4, 4))
    assert lost_bullets((line,), two, size)[0] == (line,)
    # Boxed alone and read as a dot: that line is the bullet, and says what it read.
    dot = OcrLine(".", 181, 14, 187, 26, 0.5)
    got, engine_read = lost_bullets((dot, line), with_mark(182, 18, 4, 4), size)
    assert [ln.text for ln in got] == ["•", "自112年8月26日起"] and engine_read == {0: "."}
    # Another cell's text there, or an entry's number before the dot ("1" | "." | "於…",
    # pieces of "1.於…"): no bullet.
    other = OcrLine("資訊室", 100, 8, 170, 32, 0.95)
    assert lost_bullets((other, line), with_mark(182, 18, 4, 4), size)[0] == (other, line)
    one = OcrLine("1", 170, 8, 178, 32, 0.95)
    pieces = (one, dot, line)
    assert lost_bullets(pieces, with_mark(182, 18, 4, 4), size)[0] == pieces


def test_a_box_padded_unevenly_is_drawn_in_to_its_ideographs_rows_of_ink() -> None:
    # "達70%。" boxed 3 pt below its ink: placed by its box's middle it stood 0.22 em lower
    # than its paragraph's pitch and was read as a paragraph of its own.  A line holding an
    # ideograph or a digit is placed by its ink's rows; punctuation alone keeps its box.
    size = 20.0
    img = np.full((60, 600), 235, np.uint8)
    img[10:30, 110:190] = 90  # the line's glyphs, rows 10-30
    padded = OcrLine("達70%。", 100, 6, 200, 38, 0.9)
    got = fit_rows_to_ink((padded,), img, size)[0]
    assert (got.top, got.bottom) == (10, 30) and (got.x0, got.x1) == (100, 200)
    digits = OcrLine("70%", 100, 6, 200, 38, 0.9)  # a digit's ink places its line too
    got = fit_rows_to_ink((digits,), img, size)[0]
    assert (got.top, got.bottom) == (10, 30)
    stop = OcrLine("。", 100, 6, 200, 38, 0.9)  # punctuation alone: a 。 sits low
    assert fit_rows_to_ink((stop,), img, size) == (stop,)
    tight = OcrLine("達70%。", 100, 12, 200, 28, 0.9)  # never widened
    assert fit_rows_to_ink((tight,), img, size) == (tight,)
    # The line above's lowest strokes reach into the box, 0.4 em above its own ink:
    # they are the neighbour's, not this line's top.
    img[0:2, 120:180] = 90
    reached = OcrLine("達70%。", 100, 0, 200, 38, 0.9)
    got = fit_rows_to_ink((reached,), img, size)[0]
    assert (got.top, got.bottom) == (10, 30)
    # … and closer, 0.3 em above (a tight paragraph's 」 bottoms): still the neighbour's,
    # since the two together would stand taller than a line's ink.
    img[0:2, 120:180] = 235
    img[2:4, 120:180] = 90
    got = fit_rows_to_ink((reached,), img, size)[0]
    assert (got.top, got.bottom) == (10, 30)
    img[2:4, 120:180] = 235
    # The table's ruling across the box ("小計" boxed over the rule above its row) is no
    # glyph's ink, however dark.
    img = np.full((60, 600), 235, np.uint8)
    img[10:30, 110:150] = 90
    img[2:6, 100:200] = 20
    ruled = OcrLine("小計", 100, 0, 200, 38, 0.9)
    got = fit_rows_to_ink((ruled,), img, size)[0]
    assert (got.top, got.bottom) == (10, 30)
    # A glyph's own strokes a fifth of an em apart (三) are one line's.
    img = np.full((60, 600), 235, np.uint8)
    img[10:13, 110:190] = img[17:20, 110:190] = img[25:28, 110:190] = 90
    three = OcrLine("三", 100, 6, 200, 38, 0.9)
    got = fit_rows_to_ink((three,), img, size)[0]
    assert (got.top, got.bottom) == (10, 28)


def test_a_ring_alone_under_a_cjk_line_is_a_full_stop() -> None:
    size = 20.0
    img = np.full((200, 400), 235, np.uint8)
    cv2.rectangle(img, (10, 10), (130, 28), 30, -1)  # "…445場次", a full line
    cv2.circle(img, (16, 50), 3, 30, 1)  # 。 wrapped alone onto the next line
    cv2.rectangle(img, (10, 90), (130, 108), 30, -1)
    cv2.ellipse(img, (16, 130), (4, 7), 0, 0, 360, 30, 2)  # a digit 0, 0.7 em tall
    cv2.rectangle(img, (200, 10), (330, 28), 30, -1)  # "…得分：" ending in a colon
    cv2.circle(img, (206, 50), 3, 30, 1)
    lines = (
        OcrLine("每季召開會議計召開445場次", 8, 8, 132, 30, 0.99),
        OcrLine("0", 10, 42, 24, 60, 0.7),
        OcrLine("每季召開會議計召開場次為", 8, 88, 132, 110, 0.99),
        OcrLine("0", 10, 121, 24, 140, 0.9),
        OcrLine("得分：", 198, 8, 332, 30, 0.99),
        OcrLine("o", 200, 42, 214, 60, 0.8),
    )
    got = [ln.text for ln in lone_full_stops(lines, img, size)]
    assert got == [lines[0].text, "。", lines[2].text, "0", "得分：", "o"]


def _marks_page() -> tuple[np.ndarray[Any, Any], tuple[OcrLine, ...]]:
    """A cell of three lines, each a full line (drawn as a bar) with a mark wrapped alone
    under it, or a speck: a ring, a colon, a solid dot, and a ring under a line that ends
    in a full stop."""
    img = np.full((300, 400), 235, np.uint8)
    cv2.rectangle(img, (0, 0), (399, 299), 0, 1)  # the cell's rules
    bars = [(10, 30), (10, 90), (10, 150), (10, 210)]
    for x, y in bars:
        cv2.rectangle(img, (x, y), (x + 300, y + 18), 30, -1)
    cv2.circle(img, (16, 60), 3, 30, 1)  # 。 under the first line
    cv2.circle(img, (15, 115), 1, 30, -1)  # ： under the second: two dots
    cv2.circle(img, (15, 123), 1, 30, -1)
    cv2.circle(img, (16, 180), 3, 30, -1)  # a solid dot: a speck, no mark
    cv2.circle(img, (16, 240), 3, 30, 1)  # a ring under a line ending in 。
    lines = (
        OcrLine("每季召開會議計召開445場次", 8, 28, 312, 50, 0.99),
        OcrLine("推動「優良計量管理制度」", 8, 88, 312, 110, 0.99),
        OcrLine("每季召開會議計召開445場次", 8, 148, 312, 170, 0.99),
        OcrLine("每季召開會議計召開445場次。", 8, 208, 312, 230, 0.99),
    )
    return img, lines


def test_marks_left_unread_under_a_line_are_put_back_by_their_shape() -> None:
    img, lines = _marks_page()
    got, raw = lost_marks(lines, img, ((0, 0, 400, 300),), 20.0)
    texts = [ln.text for ln in got]
    assert texts == [lines[0].text, "。", lines[1].text, "：", lines[2].text, lines[3].text]
    assert raw == {1: "", 3: ""}
    assert got[1].top >= lines[0].bottom and got[3].top >= lines[1].bottom
    # on a page drawn without rules the page is looked at, the same
    unruled, _ = lost_marks(lines, img, (), 20.0)
    assert [ln.text for ln in unruled] == texts


def test_a_mark_left_unread_at_a_line_s_end_is_put_back_there() -> None:
    img = np.full((120, 400), 235, np.uint8)
    for top in (10, 60):
        cv2.rectangle(img, (10, top), (200, top + 18), 30, -1)
    cv2.circle(img, (220, 24), 3, 30, 1)  # "…天數23日" then 。, 0.8 em after its ink
    cv2.circle(img, (220, 74), 3, 30, 1)  # a ring after a line with more text after it
    cv2.rectangle(img, (232, 60), (300, 78), 30, -1)
    lines = (
        OcrLine("完成檢驗，平均辦理天數23日", 10, 10, 201, 29, 0.99),
        OcrLine("完成檢驗，平均辦理天數", 10, 60, 201, 79, 0.99),
        OcrLine("計23日", 232, 60, 301, 79, 0.99),
    )
    got, raw = lost_marks(lines, img, ((0, 0, 400, 120),), 20.0)
    assert [ln.text for ln in got] == [lines[0].text + "。", lines[1].text, lines[2].text]
    assert raw == {0: lines[0].text} and got[0].x1 > 220


class _Again:
    """An engine whose second looks read the answers it is given, in turn, recording each
    strip's size."""

    plain_lines_alone = True

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.strips: list[tuple[int, int]] = []

    def read(self, crop: np.ndarray[Any, Any]) -> tuple[OcrLine, ...]:
        raise AssertionError("no detection on a second look")

    def read_line(self, strip: np.ndarray[Any, Any]) -> OcrLine | None:
        self.strips.append(strip.shape[:2])
        text = self.answers.pop(0)
        return OcrLine(text, 0, 0, strip.shape[1], strip.shape[0], 0.9) if text else None


def test_a_number_opening_a_line_is_read_again_alone_and_taken_circled_only_so() -> None:
    img = np.full((200, 400), 235, np.uint8)
    lines = (
        OcrLine("7建立", 10, 20, 80, 40, 0.9, (("7", 10, 32), ("建", 32, 54), ("立", 56, 78))),
        OcrLine("5", 10, 60, 31, 80, 0.6, (("5", 10, 31),)),
        OcrLine("10月", 10, 100, 70, 120, 0.9, (("10", 10, 36), ("月", 36, 58))),
        OcrLine("8建立", 10, 140, 80, 160, 0.9, (("8", 10, 32), ("建", 32, 54), ("立", 56, 78))),
        OcrLine("107年度", 10, 170, 90, 190, 0.9),  # no number 1-20 opens it: not read again
    )
    # ⑦ for 8: another number; 10 is never looked at again (`ringed` tells ⑩ and above)
    answers = ["7", "⑦", "⑤", "⑦", "⑦", "⑦"]
    engine = _Again(answers)
    got = circled_again(lines, img, engine)  # type: ignore[arg-type]
    assert [ln.text for ln in got] == ["⑦建立", "⑤", "10月", "8建立", "107年度"]
    assert [g[0] for g in got[0].glyphs] == ["⑦", "建", "立"]
    assert [ln.circled for ln in got] == [True, True, False, False, False]
    assert _first_look(got[0]).text == "7建立" and _first_look(got[2]).text == "10月"
    assert not answers  # three looks at most, until one reads the ring
    # each look wider than the last (0.6, 0.75 line heights either side of the number's
    # middle, 21), 0.35 line heights above and below; never past 建 (placed at 32, so
    # the crop stops at 31): 9-31 and 6-31, each padded by 8 px
    assert engine.strips[:2] == [(34 + 16, 22 + 16), (34 + 16, 25 + 16)]
    widths = [w for _, w in engine.strips]
    assert widths[3] < widths[4] < widths[5]


def test_a_ring_is_as_wide_as_tall_as_tall_as_the_line_and_hollow() -> None:
    def line_with(draw: Any) -> bool:
        img = np.full((44, 80), 245, np.uint8)
        draw(img)
        cv2.rectangle(img, (38, 11), (58, 31), 40, 2)  # the glyph after the number
        return ringed(OcrLine("10建", 8, 8, 60, 34, 0.9), img, 35.0)

    assert line_with(lambda img: cv2.circle(img, (21, 21), 10, 120, 2))  # grey, as scanned
    assert not line_with(lambda img: cv2.circle(img, (21, 21), 5, 120, 2))  # short
    assert not line_with(lambda img: cv2.ellipse(img, (21, 21), (5, 10), 0, 0, 360, 120, 2))
    assert not line_with(lambda img: cv2.rectangle(img, (11, 11), (31, 31), 120, -1))  # solid


RING_FONTS = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",  # the generated forms' reportlab font
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


@pytest.mark.parametrize("font_path", RING_FONTS)
def test_a_number_ten_or_above_is_circled_where_its_ink_is_a_ring(font_path: str) -> None:
    from PIL import ImageDraw, ImageFont

    if not Path(font_path).is_file():
        pytest.skip(f"{font_path} is not installed (`make setup` installs it)")
    font = ImageFont.truetype(font_path, 23)  # 11 pt at 150 dpi
    rng = np.random.default_rng(0)

    def scanned(text: str, number: str) -> tuple[OcrLine, np.ndarray[Any, Any], float]:
        img = Image.new("L", (300, 50), 255)
        ImageDraw.Draw(img).text((10, 10), text, font=font, fill=0)
        page = cv2.GaussianBlur(np.asarray(img).astype(float), (3, 3), 0.7)
        page = np.clip(page + rng.normal(0, 5, page.shape), 0, 255).astype(np.uint8)
        ys, xs = np.nonzero(page < 128)
        line = OcrLine(text, 8, int(ys.min()) - 3, int(xs.max()) + 2, int(ys.max()) + 3, 0.9)
        return line, page, 10 + font.getlength(number)

    for text in ("⑩訂定申辦", "⑫建立機制", "⑳辦理", "⑩"):
        assert ringed(*scanned(text, text[0])), text
    for text in ("10月份辦理", "12項服務", "11建立", "20日", "10"):
        assert not ringed(*scanned(text, text[:2])), text
    # the engine placed the number's end past the glyph after it: 口 is square and
    # hollow, but the digits' ink stands left of it
    assert not ringed(*scanned("19口", "19口"))
    line, page, end = scanned("⑩訂定申辦", "⑩")
    engine = _Again([])  # never asked: the recogniser reads ⑩ as 10 however it looks
    glyphs = (
        ("10", 8.0, end),
        *((ch, end + 23 * k, end + 23 * k + 22) for k, ch in enumerate("訂定申辦")),
    )
    read = replace(line, text="10訂定申辦", glyphs=glyphs)
    (got,) = circled_again((read,), page, engine)  # type: ignore[arg-type]
    assert got.text == "⑩訂定申辦" and got.circled and not engine.strips


def test_an_opening_bracket_left_out_is_put_back_only_where_its_ink_stands() -> None:
    size = 20.0
    img = np.full((200, 300), 235, np.uint8)
    cv2.ellipse(img, (56, 30), (4, 9), 0, 100, 260, 30, 2)  # "(" left of "5分)"
    cv2.line(img, (48, 0), (48, 199), 30, 1)  # the cell's rule, within reach
    cv2.circle(img, (56, 78), 2, 30, -1)  # a dot: no bracket
    for top in (22, 72, 122, 162):
        cv2.rectangle(img, (62, top), (98, top + 16), 30, 2)  # each line's glyphs
    lines = (
        OcrLine("5分)", 60, 20, 100, 40, 0.95, (("5", 60, 70), ("分", 70, 90), (")", 90, 100))),
        OcrLine("5分)", 60, 70, 100, 90, 0.95),  # a dot left of it
        OcrLine("5分)", 60, 120, 100, 140, 0.95),  # nothing left of it: a wrap in brackets
        OcrLine("(5分)", 60, 160, 100, 180, 0.95),  # balanced
    )
    got, raw = lost_brackets(lines, img, size)
    assert [ln.text for ln in got] == ["(5分)", "5分)", "5分)", "(5分)"]
    assert raw == {0: "5分)"} and got[0].x0 < 55 and got[0].glyphs[0][0] == "("


def test_a_lost_bracket_is_told_from_a_lost_digit_and_from_its_lines_cut_glyph() -> None:
    size = 20.0
    img = np.full((120, 300), 235, np.uint8)
    for top in (22, 72):
        cv2.rectangle(img, (62, top), (98, top + 16), 30, 2)  # each line's glyphs
    # "(20分)" read "20分)", its box cut at 60 through the 2 (whose hook pokes out to 57);
    # its "(" 0.7 em left of the box, past the 0.6 em of old
    cv2.line(img, (57, 24), (61, 24), 30, 2)
    cv2.ellipse(img, (50, 30), (4, 9), 0, 100, 260, 30, 2)
    # "(30分)" read "0分)": the 3 left of the box is a piece too, but as short as a digit
    cv2.rectangle(img, (51, 76), (55, 86), 30, 2)
    lines = (
        OcrLine("20分)", 60, 20, 100, 40, 0.95),
        OcrLine("0分)", 60, 70, 100, 90, 0.95),
    )
    got, raw = lost_brackets(lines, img, size)
    assert [ln.text for ln in got] == ["(20分)", "0分)"]
    assert raw == {0: "20分)"} and 44 < got[0].x0 < 48


def test_a_stroke_read_where_no_stroke_stands_is_dropped() -> None:
    size = 20.0
    img = np.full((120, 300), 235, np.uint8)
    cv2.line(img, (10, 15), (50, 15), 30, 3)  # a rule's edge: 2 em wide, thin
    cv2.line(img, (80, 5), (80, 22), 30, 2)  # a real 1: an upright stroke
    cv2.line(img, (110, 15), (150, 15), 30, 3)
    cv2.line(img, (10, 55), (50, 55), 30, 3)
    cv2.circle(img, (100, 55), 2, 30, -1)  # a speck beside a name
    lines = (
        OcrLine("1", 8, 4, 52, 26, 0.41),  # read from the thin rule, unsure
        OcrLine("1", 72, 2, 88, 26, 0.45),  # unsure, but a stroke stands there
        OcrLine("1", 108, 4, 152, 26, 0.97),  # sure: kept
        OcrLine("一", 8, 44, 52, 66, 0.41),  # 一 is a flat stroke
        OcrLine("`", 94, 46, 106, 64, 0.45),  # the speck, read as a tick
        OcrLine("``", 90, 46, 110, 64, 0.38),  # specks under an item's score, read as two
    )
    got = [ln.text for ln in phantom_strokes(lines, img, size)]
    assert got == ["", "1", "1", "一", "", ""]


def test_an_equals_sign_read_where_one_flat_stroke_stands_is_a_dash() -> None:
    size = 20.0
    img = np.full((60, 200), 235, np.uint8)
    cv2.line(img, (10, 20), (16, 20), 120, 2)  # a footer's grey dash: one stroke
    cv2.line(img, (60, 16), (68, 16), 30, 2)  # an "=": two strokes, 0.35 em apart
    cv2.line(img, (60, 23), (68, 23), 30, 2)
    cv2.line(img, (10, 44), (16, 44), 120, 2)  # one stroke again, under a sure "="
    lines = (
        OcrLine("=", 8, 12, 18, 28, 0.23),
        OcrLine("=", 58, 10, 70, 30, 0.4),  # unsure, but two strokes stand there
        OcrLine("=", 8, 36, 18, 52, 0.97),  # sure: kept, whatever the ink
    )
    assert [ln.text for ln in flat_dashes(lines, img, size)] == ["-", "=", "="]


def test_a_neighbours_strokes_that_would_make_a_line_too_tall_are_left_out() -> None:
    # A tight paragraph: the line above's 」 bottoms in the box's first rows, eight blank
    # rows (0.36 em), then the line's own 22 rows of ink.
    dark = np.array([40, 2] + [0] * 8 + [80] * 22 + [0] * 6)
    assert _inkiest_run(dark, 0.35 * 23.8) == (0, 32)  # joined: as tall as no line is
    assert _inkiest_run(dark, 0.35 * 23.8, 1.2 * 23.8) == (10, 32)
    strokes = np.array([30] * 4 + [0] * 6 + [30] * 4 + [0] * 6 + [60] * 4)  # 三: one glyph
    assert _inkiest_run(strokes, 0.35 * 23.8, 1.2 * 23.8) == (0, 24)
