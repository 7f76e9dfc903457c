"""Escaping of text that came from inputs (names, messages, library errors) before it is shown or stored.

Two functions, one rule each:

- `safe_display(text)`: for a terminal.  Every C0/C1 control (ESC, BEL, newline,
  carriage return …), DEL, bidirectional overrides and undecodable file-name bytes
  become visible escapes, so a file name or a PDF's bytes can neither forge an
  output line nor send a terminal sequence (window title, colours, cursor moves).
- `safe_storage(text)`: for `documents.error`, `checks.message` and the ledger.
  C0/C1 controls and lone surrogates become escapes (Parquet and SQLite need valid
  UTF-8; a reader's terminal should not interpret a stored message); printable text,
  CJK included, stays as it is.  Cell text is never passed through here: it stays
  as printed.

Escapes: `\\n`, `\\r`, `\\t`; `\\xNN` for another byte or control below U+0100, `\\uNNNN` above; a lone surrogate
from a non-UTF-8 file name (Python's surrogateescape, U+DC80-U+DCFF) is the byte
it stands for, `\\xNN`.
"""

from __future__ import annotations

import os

import regex

from pipeline.normalise.patterns import TERMINAL_UNSAFE

# C0 controls, DEL, C1 controls, lone surrogates.
_STORAGE_UNSAFE = regex.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# The same plus the bidirectional controls and line separators: TERMINAL_UNSAFE.
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(c: str) -> str:
    """Given one unsafe character, return its visible escape (\\n, \\xNN, \\uNNNN)."""
    if c in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[c]
    o = ord(c)
    if 0xDC80 <= o <= 0xDCFF:  # surrogateescape: an undecodable byte of a file name
        return f"\\x{o - 0xDC00:02x}"
    if o < 0x100:
        return f"\\x{o:02x}"
    return f"\\u{o:04x}"


def _escape(m: regex.Match[str]) -> str:
    return escape_char(m.group())


def safe_display(text: object) -> str:
    """Given any text (a path, an error, a name from a document), return it safe to print on a terminal.

    E.g. "a\\x1b]0;pwned\\x07.txt" → "a\\\\x1b]0;pwned\\\\x07.txt"; "表\\n" → "表\\\\n".
    """
    return str(TERMINAL_UNSAFE.regex.sub(_escape, "" if text is None else str(text)))


def safe_storage(text: str | None) -> str | None:
    """Given a message to store (documents.error, checks.message), return it without C0/C1 controls.

    Printable text is unchanged; None stays None.
    """
    if text is None:
        return None
    return str(_STORAGE_UNSAFE.sub(_escape, text))


def path_key(path: str) -> str:
    """Given a file-system path (str, possibly with surrogateescaped bytes), return its stored form.

    A path that is valid UTF-8 is returned unchanged; in one that is not (a Big5
    name from a Windows archive), each undecodable byte becomes `\\xNN`, so the
    result is valid UTF-8 for Parquet and SQLite and the bytes can be read back.
    """
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")
