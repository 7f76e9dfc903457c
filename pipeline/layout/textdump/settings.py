"""The text-dump reader's tolerances, in one place.

Widths are display columns (a CJK character is two).  Each value is a floor or a
share that holds across the form family (measured with `make fuzz`), not a width of
one document: the widths themselves are learned per document (`calibration`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DumpSettings:
    """Tolerances of the text-dump reader; `SETTINGS` holds the defaults."""

    # When a dump shows no gap between narrow and wide wraps, a block whose lines are all
    # at most this share of the wide wrap width sits in a narrow column.
    narrow_share: float = 0.62
    # Narrow columns hold at least this many columns (two characters) …
    min_narrow_columns: int = 4
    # … and the gap between narrow and wide columns' wraps is at least two wide characters.
    min_gap_columns: int = 4
    # A width that a column wraps at holds at least this share of the wrapped lines.
    min_column_share: float = 0.02
    # Paragraphs that tell their column bound the narrow limit once this many of their
    # wrapped lines are seen (`calibration._anchor_widths`) …
    min_anchor_lines: int = 4
    # … and this share of a wide column's wrapped lines may be short wraps (a Latin word
    # or a number pushed to the next line) below the narrowest wrap of that column.
    short_wrap_share: float = 0.1
    # A line break leaves this many columns more than the next line's first piece on the
    # line before it (that line measured at its narrowest) only between two cells.
    wrap_room_columns: float = 2.0
    # A column's widest line so far bounds what it can hold once this many of its lines
    # are read (a cut at a list marker then shows by width).
    min_column_lines: int = 8
    # A marker printed on this many sub-indicators and on none of as many result list
    # entries numbers rows only (`columns._Reader._marked_as_rows_only`).
    min_marked_paragraphs: int = 2
    # A text repeated in the dump (this many characters or more, marker and spaces aside)
    # tells a paragraph's column: printed before as a sub-indicator and never as a
    # result, it is one (`_Reader._read_before_as`); printed whole elsewhere, it is one
    # cell's (`_Reader._printed_whole`).
    min_repeat_chars: int = 8
    # Fallback wide width when a dump has too few wrapped lines to measure.
    default_wide_width: int = 24
    # Longest unit name accepted on one line, in characters.
    max_unit_chars: int = 12
    # The quantile of a column's wrapped first lines taken as its width where a paragraph
    # is measured against it (`_narrower_than_results`): the upper quartile, since lines a
    # Latin word or a list marker ended early sink a median.
    column_quantile: float = 0.75
    # A paragraph whose every wrap left room for the next line's first piece and this many
    # columns more, in a column whose other wrapped lines are so wide, wrapped in another
    # column (`consistency.narrow_wrap_checks`): two wide characters, over a proportional
    # font's spread of widths.
    narrow_room_columns: float = 4.0
    # A dump marks where its paragraphs end (a space after the last line) when this share
    # of its paragraphs not at a page's foot do, of at least `min_marked_ends`.
    marked_ends_share: float = 0.9
    min_marked_ends: int = 10
    # Share of content lines with side-by-side gaps above which a dump is `-layout`.
    layout_share: float = 0.2
    # Share of content lines holding two cells' text above which a dump without
    # paragraph ends prints rows joined on one line (pdfplumber's extract_text): 15-20 %
    # of the lines of generated forms so dumped, 2-4 % of pdftotext's dumps.
    joined_share: float = 0.1
    # Share of a dump's content lines that mark a paragraph's end (a blank line between two
    # lines of one page, or a line ending in a space) below which it marks none: 0 of the
    # lines of `pdftotext -raw` and pdfplumber's `extract_text` dumps of every fixture and
    # of generated forms, 10-50 % of pdftotext's and pdfminer's default dumps.
    unmarked_share: float = 0.02
    # Share of all lines padded with spaces to one width (of at least `padded_min_width`
    # characters) above which a dump is pdfplumber's `extract_text(layout=True)`: every
    # line of its dumps is, a margin line or two aside; a pdftotext dump's lengths vary.
    padded_share: float = 0.8
    padded_min_width: int = 20


SETTINGS = DumpSettings()
