"""The review page in a real browser: Debian's headless Chromium, driven by Playwright.

Loads the page from disk, expects no console errors, counts the rows, clicks a
cell and sees its boxes highlighted (and the reverse), and checks the screenshot
shows the page with the highlight.  Skips when /usr/bin/chromium is missing
(`make setup` installs it).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.analyst.test_review import HOSTILE, hostile_review
from tests.conftest import load_golden, run_cli

CHROMIUM = Path(os.environ.get("EVALTABLE_CHROMIUM", "/usr/bin/chromium"))
HIGHLIGHT = (255, 212, 0)  # #ffd400, the outline of a highlighted box

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} not found: install Debian's chromium (make setup does)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        # --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start
        # --disable-dev-shm-usage: containers often have a tiny /dev/shm
        b = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield b
        b.close()


def _open(browser: Any, path: Path) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, problems


def _yellow_pixels(png: bytes, box: dict[str, float]) -> int:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    x0, y0 = int(box["x"]) - 3, int(box["y"]) - 3
    x1, y1 = int(box["x"] + box["width"]) + 3, int(box["y"] + box["height"]) + 3
    region = img.crop((max(x0, 0), max(y0, 0), x1, y1))
    raw = region.tobytes()
    pixels = zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
    return sum(
        1
        for r, g, b in pixels
        if abs(r - HIGHLIGHT[0]) < 30 and abs(g - HIGHLIGHT[1]) < 40 and b < 90
    )


def _not_blank(png: bytes) -> None:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("L")
    colours = img.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 50, "screenshot is (nearly) one colour"
    dark = sum(n for n, v in colours if v < 128)
    assert dark > 0.005 * img.width * img.height, "no text or lines drawn"


def test_pdf_review_page_in_chromium(analyst_out: Path, browser: Any, tmp_path: Path) -> None:
    html = tmp_path / "review.html"
    proc = run_cli("review", "landoffice_112.pdf", "--out", analyst_out, "--html", html)
    assert proc.returncode == 0, proc.stderr
    docs = pd.read_parquet(analyst_out / "documents")
    doc_id = docs[docs.source_path.str.endswith("landoffice_112.pdf")].doc_id.item()
    cells = pd.read_parquet(analyst_out / "cells" / f"{doc_id}.parquet")

    page, problems = _open(browser, html)
    assert page.locator("#rows tbody tr").count() == len(
        load_golden("synthetic_landoffice_112.json")["rows"]
    )
    assert page.locator(".page img").count() == 6  # the fixture's pages, rendered by pdfium
    assert page.locator(".box[data-frag]").count() == len(cells)

    # table → page: the result cell of row 3 lights up exactly its boxes
    page.locator('td.cell[data-owner="3"][data-col="result"]').click()
    lit = page.locator(".box.hl")
    expected = len(cells[(cells.row_no == 3) & (cells.column == "result")])
    assert expected > 0 and lit.count() == expected
    assert {
        (lit.nth(i).get_attribute("data-owner"), lit.nth(i).get_attribute("data-col"))
        for i in range(lit.count())
    } == {("3", "result")}
    assert lit.first.evaluate("e => getComputedStyle(e).outlineColor") == "rgb(255, 212, 0)"
    lit.first.scroll_into_view_if_needed()
    shot = tmp_path / "review.png"
    png = page.screenshot(path=str(shot))
    _not_blank(png)
    assert _yellow_pixels(png, lit.first.bounding_box()) > 50, "highlight not visible on the page"

    # page → table: a units box of row 7 lights up its row's units cell
    page.locator('.box[data-owner="7"][data-col="units"]').first.click()
    cells_lit = page.locator("td.cell.hl")
    assert cells_lit.count() == 1
    assert cells_lit.first.get_attribute("data-owner") == "7"
    assert cells_lit.first.get_attribute("data-col") == "units"
    assert problems == []
    keep = os.environ.get("EVALTABLE_SCREENSHOTS")
    if keep:
        shutil.copy(shot, Path(keep) / "review-pdf.png")


def test_text_dump_review_page_in_chromium(analyst_out: Path, browser: Any, tmp_path: Path) -> None:
    html = tmp_path / "seed.html"
    proc = run_cli("review", "seed_107.txt", "--out", analyst_out, "--html", html)
    assert proc.returncode == 0, proc.stderr
    page, problems = _open(browser, html)
    assert page.locator("#rows tbody tr").count() == len(
        load_golden("000_c7dbfb6a031a896f.json")["rows"]
    )
    page.locator('td.cell[data-owner="1"][data-col="item"]').first.click()
    lit = page.locator("span.frag.hl")
    assert lit.count() >= 3  # 服務一致及 / 正確性 / (100分) / 得分：88
    assert "得分：88" in " ".join(lit.all_inner_texts())
    _not_blank(page.screenshot())
    assert problems == []


def test_markup_in_documents_stays_text(browser: Any, tmp_path: Path) -> None:
    html = tmp_path / "hostile.html"
    html.write_text(hostile_review(), encoding="utf-8")
    page, problems = _open(browser, html)
    assert problems == []  # no dialog, no blocked inline script, no image request
    assert page.locator("img").count() == 0
    assert HOSTILE in page.locator("h1").inner_text()
    assert page.locator("#rows tbody tr").count() == 4


def test_a_failed_check_flags_its_rows_and_a_click_shows_them(browser: Any, tmp_path: Path) -> None:
    html = tmp_path / "checks.html"
    html.write_text(hostile_review(), encoding="utf-8")
    page, problems = _open(browser, html)
    # rows 1-3 are dimension 1's (tests/analyst/test_review.py ROWS)
    flagged = page.locator("tr.flagged")
    assert [flagged.nth(i).get_attribute("data-row") for i in range(flagged.count())] == [
        "1",
        "2",
        "3",
    ]
    page.locator("#checks li[data-rows]").click()
    active = page.locator("tr.active")
    assert [active.nth(i).get_attribute("data-row") for i in range(active.count())] == [
        "1",
        "2",
        "3",
    ]
    assert problems == []
