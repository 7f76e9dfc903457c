"""Handing freed memory back to the system between OCR pages, and between a page's cells.

The OCR engine's buffers come in a different size for every cell crop and line strip.
glibc's malloc serves them from its heap once they pass its (growing) mmap threshold,
and keeps what they free for reuse: memory that the next, differently sized buffers
fit only in part.  Over a document the resident set climbs with no more live data
(a 22-page generated form's scan: 803-928 MB peak in seven runs, 524-581 MB in four
when the heap is trimmed after each page that leaves the process holding more than
400 MB, at ~1 % more CPU).  With the recogniser on OpenVINO a worker holds ~565 MB
after a page and one page's buffers took it to 712 MB, so `pipeline.extract.ocr` also
trims before each cell when the process holds more than 600 MB (706 -> 657 MB peak on
a 21-page form, no measured CPU).
`malloc_trim` returns the free pages; where the C library has none (musl, macOS) or
the resident set cannot be read, nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
from collections.abc import Callable


def resident_bytes() -> int | None:
    """Return this process's resident set size in bytes, or None where /proc cannot tell."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """Return glibc's malloc_trim, or None where the C library has none."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(
            ctypes.util.find_library("c") or "libc.so.6"
        ).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def give_back_memory(limit_mb: float) -> bool:
    """Given a resident size in MB, hand the heap's free pages back to the system when the
    process holds more; return whether it did."""
    held = resident_bytes()
    trim = _malloc_trim()
    if held is None or trim is None or held <= limit_mb * 2**20:
        return False
    trim(0)
    return True
