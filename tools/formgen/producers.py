"""Every producer of the form family by name (text dumps here; PDF producers join them)."""

from __future__ import annotations

from tools.formgen.model import Producer
from tools.formgen.render_textdump import render_textdump

PRODUCERS: dict[str, Producer] = {
    "textdump": render_textdump,
}
