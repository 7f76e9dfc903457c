"""Text-dump layout: pdftotext-style text → the token stream, columns assigned per block.

A dump in reading order prints each table cell as paragraphs of hard-wrapped
lines.  What survives of the grid is:

* a paragraph's last line ends in whitespace; a line without it continues, even
  across a blank line or a page header ("每 2" / "" / "個月…");
* the wrap width of a paragraph tells its column: the item, indicator and units
  columns are narrow, the sub-indicator and results columns wide;
* two cells on one baseline share a printed line ("各單位 服務櫃檯…");
* list numbering: sub-indicators count (1), (2)…; indicators 1., 2.….

`text_to_stream` turns those clues into `Fragment`s and `Furniture` with a small
state machine (`blocks_to_tokens`) that knows which column may follow which.

The reader is split by job, each module with plain functions over the records of
`blocks`:

| module | job |
| --- | --- |
| `refusals` | dumps of another kind (padded, block-ordered, rows joined): a specific error |
| `sidebyside` | `pdftotext -layout` dumps: put back as glyphs, read by the PDF path's grid |
| `export` | an office suite's text export (a paragraph a line, empty cells as empty lines) |
| `markdown` | PDF-to-Markdown converters' pipe tables: laid out side by side, read by `sidebyside` |
| `paging` | lines → pages, furniture (headers, footers, titles, notes) and paragraphs |
| `calibration` | the document's own wrap widths; paragraphs cut where the column changes |
| `units` | the document's unit vocabulary; unit lines split off their neighbours |
| `columns` | the column of every paragraph (`blocks_to_tokens`) and the close calls |
| `consistency` | the finished reading against the columns' own widths |
| `settings` | the tolerances, in one `DumpSettings` |
"""

from __future__ import annotations

from pipeline.errors import LimitError, NotAFormError
from pipeline.extract.radicals import fold_radicals
from pipeline.layout.merged import mark_printed_again
from pipeline.layout.textdump.blocks import FurnitureLine
from pipeline.layout.textdump.calibration import measure_widths, split_column_changes
from pipeline.layout.textdump.columns import blocks_to_tokens
from pipeline.layout.textdump.consistency import (
    column_width_checks,
    narrow_wrap_checks,
    open_at_foot_checks,
)
from pipeline.layout.textdump.export import export_to_stream, is_cell_export
from pipeline.layout.textdump.markdown import is_markdown_table, markdown_to_stream
from pipeline.layout.textdump.paging import (
    _mark_category,
    extra_column_checks,
    header_variant,
    lines_to_blocks,
    text_to_lines,
)
from pipeline.layout.textdump.refusals import (
    check_dump_kind,
    padded_to_one_width,
    side_by_side,
)
from pipeline.layout.textdump.settings import SETTINGS, DumpSettings
from pipeline.layout.textdump.sidebyside import side_by_side_to_stream
from pipeline.models import PageStream
from pipeline.normalise.text import visible_chars


def text_to_stream(
    text: str, *, max_pages: int | None = None, settings: DumpSettings = SETTINGS
) -> PageStream:
    """Given a whole pdftotext-style dump, return its token stream; NotAFormError if no table.

    LimitError as soon as the lines are read when they hold more than `max_pages` pages.
    Radical code points are their ideographs, as in a PDF's text (`fold_radicals`): a dump
    tool copies what a browser's PDF maps 面 to (⾯).
    """
    text = fold_radicals(text)
    if is_markdown_table(text):
        return markdown_to_stream(text, max_pages=max_pages)
    if not padded_to_one_width(text, settings) and side_by_side(text, settings):
        return side_by_side_to_stream(text, max_pages=max_pages)
    if is_cell_export(text):
        return export_to_stream(text, max_pages=max_pages)
    check_dump_kind(text, settings)
    items, page_count = text_to_lines(text)
    if max_pages is not None and page_count > max_pages:
        raise LimitError.pages(page_count, max_pages)
    if not any(isinstance(x, FurnitureLine) and x.kind == "header" for x in items):
        raise NotAFormError(
            "no evaluation table found: no line reads "
            "「評核項目 評核指標 次評核指標 主辦單位 執行績效與成果/具體作法與成果」"
        )
    blocks = lines_to_blocks(items)
    blocks = _mark_category(blocks)
    widths = measure_widths(blocks, settings)
    blocks = split_column_changes(blocks, widths, settings)
    tokens, checks = blocks_to_tokens(blocks, widths, settings)
    tokens = mark_printed_again(tokens)
    checks += column_width_checks(tokens, settings)
    checks += open_at_foot_checks(blocks, tokens, settings)
    checks += narrow_wrap_checks(tokens, settings)
    checks += extra_column_checks(items)
    return PageStream(
        tokens=tuple(tokens),
        page_count=page_count,
        header_variant=header_variant(tokens),
        source_chars=visible_chars(text),
        checks=tuple(checks),
    )


__all__ = [
    "SETTINGS",
    "DumpSettings",
    "blocks_to_tokens",
    "check_dump_kind",
    "lines_to_blocks",
    "measure_widths",
    "split_column_changes",
    "text_to_lines",
    "text_to_stream",
]
