"""The committed PDF fixtures and the golden each was rendered from (one list for tests and tools)."""

from __future__ import annotations

SEED_GOLDEN = "000_c7dbfb6a031a896f.json"
SYNTHETIC_GOLDEN = "synthetic_landoffice_112.json"

FIXTURE_CASES: dict[str, str] = {
    # Our reportlab renderer (tools/render_fixtures.py): three layouts per document.
    "seed_a4_merged": SEED_GOLDEN,
    "seed_landscape_repeated": SEED_GOLDEN,
    "seed_landscape_unruled": SEED_GOLDEN,
    "synthetic_landoffice_a4_merged": SYNTHETIC_GOLDEN,
    "synthetic_landoffice_landscape_repeated": SYNTHETIC_GOLDEN,
    "synthetic_landoffice_landscape_unruled": SYNTHETIC_GOLDEN,
    # Written by LibreOffice (tools/render_lo.py): its own wrapping and pagination.
    "seed_lo_portrait": SEED_GOLDEN,
    "synthetic_landoffice_lo_portrait": SYNTHETIC_GOLDEN,
    "synthetic_landoffice_lo_portrait_left": SYNTHETIC_GOLDEN,
}
