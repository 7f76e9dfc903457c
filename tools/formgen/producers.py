"""Every producer of the form family by name.

The PDF producers need system packages to run (`make fixtures-deps`: the arphic
fonts for reportlab; Chromium; LibreOffice); the tests read committed renderings of
the last two.
"""

from __future__ import annotations

from tools.formgen.model import Producer
from tools.formgen.render_chromium import render_chromium
from tools.formgen.render_dumptools import DUMPS, PITCHED, render_dump
from tools.formgen.render_export import render_export
from tools.formgen.render_lo import render_lo
from tools.formgen.render_reportlab import render_reportlab, render_reportlab_extra
from tools.formgen.render_textdump import render_textdump
from tools.formgen.variants import with_extras

PRODUCERS: dict[str, Producer] = {
    "textdump": render_textdump,
    "reportlab": render_reportlab,
    # The same forms given columns beyond the five (佐證資料, 附註 …), each narrow.
    "reportlab-extra": render_reportlab_extra,
    "chromium": render_chromium,
    "libreoffice": render_lo,
    # Both given columns beyond the five, each 9 % of the table wide (seconds a form).
    "chromium-extra": with_extras(render_chromium, "chromium-extra"),
    "libreoffice-extra": with_extras(render_lo, "libreoffice-extra"),
    # LibreOffice Writer's text export of the document ("Save as text"; needs soffice).
    "libreoffice-text": render_export,
    # Text dumps of a reportlab rendering by the common dump tools (pdftotext needs
    # poppler-utils).
    **{tool: render_dump(tool) for tool in DUMPS},
    **{tool: render_dump(tool) for tool in PITCHED},
    # A side-by-side dump of a form with columns beyond the five.
    "pdftotext-layout-extra": render_dump("pdftotext-layout", render_reportlab_extra),
    # Side-by-side dumps of a browser's and an office suite's renderings (seconds a form):
    # proportional Latin glyphs, justified cells, CJK spaced from Latin text.
    "chromium-layout": render_dump("pdftotext-layout", render_chromium, "chromium-layout"),
    "libreoffice-layout": render_dump("pdftotext-layout", render_lo, "libreoffice-layout"),
}
