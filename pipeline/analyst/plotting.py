"""Matplotlib with a CJK font, and a check that every label's characters have a glyph.

Matplotlib's default DejaVu Sans has no Chinese: labels come out as boxes (tofu)
with only a warning.  `use_cjk_font` picks Noto Sans CJK (Debian's
fonts-noto-cjk, installed by `make setup`); `missing_glyphs` lists every
character of a figure's texts that the font chosen for it cannot draw.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Taiwan's forms first: the TC face draws 臺, 灣, 與 … in the Taiwanese standard shapes.
CJK_FAMILIES: tuple[str, ...] = ("Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK SC")
FONT_DIRS: tuple[str, ...] = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto")


class FontMissing(RuntimeError):
    """No CJK font is installed: Chinese labels would render as boxes."""


def use_cjk_font() -> str:
    """Set Matplotlib's default font to an installed Noto Sans CJK family and return its name.

    A font cache built before the fonts were installed does not list them: the
    files are added by path then.
    """
    from matplotlib import font_manager, rcParams

    installed = {f.name for f in font_manager.fontManager.ttflist}
    if not installed.intersection(CJK_FAMILIES):
        for folder in FONT_DIRS:
            for path in sorted(Path(folder).glob("NotoSansCJK*")):
                font_manager.fontManager.addfont(str(path))
        installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            rcParams["font.family"] = [family]
            rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
            return family
    raise FontMissing(
        "no Noto Sans CJK font found: install Debian's fonts-noto-cjk (make setup does)"
    )


@lru_cache(maxsize=32)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


def missing_glyphs(fig: Figure) -> list[tuple[str, str, str]]:
    """Given a drawn figure, return (text, character, font file) for each character without a glyph.

    For each text, the fonts Matplotlib would use are its font families in order
    (Matplotlib falls back along that list glyph by glyph); a character is
    missing when none of them maps it.
    """
    from matplotlib import font_manager
    from matplotlib.text import Text

    fig.canvas.draw()
    out = []
    for artist in fig.findobj(Text):
        text = artist.get_text()
        if not text.strip() or not artist.get_visible():
            continue
        prop = artist.get_fontproperties()
        paths = []
        for family in prop.get_family():
            one = prop.copy()
            one.set_family(family)
            try:
                paths.append(str(font_manager.findfont(one, fallback_to_default=False)))
            except ValueError:
                continue
        for ch in dict.fromkeys(text):
            if ch.isspace():
                continue
            if not any(ord(ch) in _charmap(p) for p in paths):
                out.append((text, ch, paths[0] if paths else "(no font)"))
    return out
