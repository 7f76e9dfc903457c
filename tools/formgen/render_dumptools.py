"""Producers: text dumps of a generated PDF by the tools people use to get text out of PDFs.

Each renders the form with reportlab (`render_reportlab`) and then dumps the PDF:

- `pdftotext` — poppler's default reading order (Debian `poppler-utils`);
- `pdftotext-layout` — poppler with `-layout`: the page's columns side by side;
- `pdftotext-raw` — poppler with `-raw`: the text in the order the PDF draws it;
- `pdfminer` — pdfminer.six's `extract_text` (what `pdf2txt.py` prints);
- `pdfplumber-text` — pdfplumber's `Page.extract_text()`, pages joined by form feeds;
- `pdfplumber-layout` — pdfplumber's `Page.extract_text(layout=True)`, likewise;
- `pdftotext-layout-fixed6`, `-fixed8`, `-fixed12` — `-layout` at a forced character pitch
  (`-fixed P`), for `make fuzz` only.

The expected form is the PDF's own (the page ranges as reportlab drew them): a dump
tool keeps the pages.  Nothing here imports `pipeline`.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tools.formgen.model import Form, Rendered
from tools.formgen.render_reportlab import render_reportlab

Dump = Callable[[Path], bytes]


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def _pdftotext(*flags: str) -> Dump:
    def dump(pdf: Path) -> bytes:
        out = pdf.with_suffix(".txt")
        subprocess.run(["pdftotext", *flags, str(pdf), str(out)], check=True, timeout=120)
        return out.read_bytes()

    return dump


def _pdfminer(pdf: Path) -> bytes:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf)).encode("utf-8")


def _pdfplumber(layout: bool) -> Dump:
    def dump(pdf: Path) -> bytes:
        import pdfplumber

        with pdfplumber.open(str(pdf)) as doc:
            pages = (page.extract_text(layout=layout) or "" for page in doc.pages)
            return "\f".join(pages).encode("utf-8")

    return dump


DUMPS: dict[str, Dump] = {
    "pdftotext": _pdftotext(),
    "pdftotext-layout": _pdftotext("-layout"),
    "pdftotext-raw": _pdftotext("-raw"),
    "pdfminer": _pdfminer,
    "pdfplumber-text": _pdfplumber(layout=False),
    "pdfplumber-layout": _pdfplumber(layout=True),
}
# What the reader's refusal of each tool's dump names: the user learns which export to change.
TOOL_NAMES = {
    "pdftotext": "pdftotext",
    "pdftotext-layout": "pdftotext -layout",
    "pdftotext-raw": "pdftotext -raw",
    "pdfminer": "pdfminer",
    "pdfplumber-text": "pdfplumber's extract_text",
    "pdfplumber-layout": "pdfplumber's extract_text(layout=True)",
}
# The same side-by-side dump at a character pitch the user forced (`-fixed P`, points),
# narrower or wider than the glyphs: not one of the tools, so `make fuzz` only
# (`--producer pdftotext-layout-fixed8`), never the dump-tool tests.
PITCHED: dict[str, Dump] = {
    f"pdftotext-layout-fixed{p}": _pdftotext("-layout", "-fixed", str(p)) for p in (6, 8, 12)
}


def dump_pdf(tool: str, data: bytes) -> bytes:
    """Given a dump tool's name and a PDF's bytes, return the tool's text dump of it."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "form.pdf"
        pdf.write_bytes(data)
        return {**DUMPS, **PITCHED}[tool](pdf)


def dumped(tool: str, pdf: Rendered, name: str | None = None) -> Rendered:
    """Given a dump tool's name and a form rendered as a PDF, return the tool's dump of it,
    its producer named `name` (the tool's, by default)."""
    return replace(pdf, producer=name or tool, suffix=".txt", data=dump_pdf(tool, pdf.data))


def render_dump(
    tool: str,
    render: Callable[[Form, random.Random], Rendered] = render_reportlab,
    name: str | None = None,
) -> Callable[[Form, random.Random], Rendered]:
    """Given a dump tool's name (and a PDF producer, reportlab's by default, and the
    producer's name, the tool's by default), return the producer that renders and dumps a
    form."""

    def producer(form: Form, rng: random.Random) -> Rendered:
        return dumped(tool, render(form, rng), name)

    return producer
