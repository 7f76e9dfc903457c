"""Dumps of a kind this reader cannot read — columns side by side and padded (pdfplumber's
`extract_text(layout=True)`), no paragraph's end marked (`pdftotext -raw`, PyMuPDF's
`get_text()`, pdfplumber's `extract_text()`), headers on separate lines (block order),
rows joined on one line (pdfplumber's `extract_text()`) — get a specific error naming the
tool.  Columns side by side without padding (`pdftotext -layout`) are recognised here
(`side_by_side`) and read by `sidebyside`.  README.md ("Text dumps") shows each with what
it has lost."""

from __future__ import annotations

from collections import Counter

import regex

from pipeline.errors import InputError, NotAFormError
from pipeline.layout.textdump.paging import classify_furniture
from pipeline.layout.textdump.settings import SETTINGS, DumpSettings
from pipeline.normalise.patterns import HEADER_LABELS, TWO_CELLS

# A dump whose content lines are often deeply indented or hold a run of 3+ spaces between
# words prints the columns side by side (pdftotext -layout): cells are not paragraphs there.
LAYOUT_GAP = regex.compile(r"^ {10,}\S|\S {3,}\S")


def padded_to_one_width(text: str, settings: DumpSettings = SETTINGS) -> bool:
    """Given a dump, return whether nearly all its lines, blank ones too, are padded with
    spaces to one width, as pdfplumber's `extract_text(layout=True)` pads every line to the
    page's width in characters."""
    lines = text.replace("\f", "\n").split("\n")
    width = Counter(len(ln) for ln in lines).most_common(1)[0][0]
    padded = sum(1 for ln in lines if len(ln) == width and ln.endswith(" "))
    return width >= settings.padded_min_width and padded / len(lines) > settings.padded_share


def side_by_side(text: str, settings: DumpSettings = SETTINGS) -> bool:
    """Given a dump, return whether it prints the table's columns side by side (pdftotext
    -layout): its content lines are often deeply indented or hold runs of spaces."""
    lines = [ln for ln in text.split("\n") if ln.strip() and classify_furniture(ln) is None]
    gapped = sum(1 for ln in lines if LAYOUT_GAP.search(ln))
    return bool(lines) and gapped / len(lines) > settings.layout_share


def marks_no_paragraph_end(text: str, settings: DumpSettings = SETTINGS) -> bool:
    """Given a dump, return whether it marks no paragraph's end: hardly a blank line between
    two lines of one page, hardly a line ending in a space.  Wraps cannot be told from a
    cell's end then; only a dump that prints every column's header label counts (other text
    is no form).
    """
    if not all(any(label in text for label in labels) for labels in HEADER_LABELS):
        return False
    content = marks = 0
    for page in text.split("\f"):
        lines = page.split("\n")
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        if not filled:
            continue
        for ln in lines[filled[0] : filled[-1] + 1]:
            if not ln.strip():
                marks += 1
                continue
            content += 1
            marks += ln != ln.rstrip()
    return content > 0 and marks / content < settings.unmarked_share


def check_dump_kind(text: str, settings: DumpSettings = SETTINGS) -> None:
    """Given a dump, raise a specific error when it is a kind of dump this reader cannot parse."""
    if padded_to_one_width(text, settings):
        raise InputError(
            "this text dump prints the table's columns side by side with every line padded "
            "to one width (pdfplumber's extract_text(layout=True)): a cell's own spaces and "
            "the breaks between rows cannot be told from the padding; process the PDF itself"
        )
    if marks_no_paragraph_end(text, settings):
        raise InputError(
            "this text dump marks no paragraph's end — no blank line between two lines of a "
            "page, no line ending in a space — as pdftotext -raw and PyMuPDF's get_text "
            "(the PDF's text in the order it was drawn) and pdfplumber's extract_text (each "
            "row's cells joined on a line) print a table: where a cell ends cannot be told "
            "from where a line wraps; dump with pdftotext's default or -layout, or process "
            "the PDF itself"
        )
    lines = [ln for ln in text.split("\n") if ln.strip() and classify_furniture(ln) is None]
    stripped = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for i, ln in enumerate(stripped[:-1]):
        if ln == "評核項目" and "評核指標" in stripped[i + 1 : i + 4]:
            raise NotAFormError(
                "no evaluation table found in the supported dump style: the column headers "
                "評核項目, 評核指標 … stand on separate lines (a dump tool that orders text by "
                "blocks, not cells, as pdftotext, pdfminer and PyMuPDF's get_text do for many "
                "PDFs); process the PDF itself"
            )
    # pdftotext marks a paragraph's end with a trailing space; a dump with none whose
    # lines often hold two cells' text ("一、強化陳 ① 辦理…") prints each row's cells
    # joined on one line, as pdfplumber's extract_text does: no cell can be told apart.
    if lines and not any(ln != ln.rstrip() for ln in lines):
        joined = sum(1 for ln in lines if TWO_CELLS.regex.search(ln.strip()))
        if joined / len(lines) > settings.joined_share:
            raise InputError(
                "this text dump prints each row's cells joined on one line and marks no "
                "paragraph ends (as pdfplumber's extract_text, and pdfminer for some PDFs, print a "
                "table); process the PDF itself"
            )
