"""Validation of the batch's options and limits: plain functions, one per option, no CLI.

Each returns the value it accepts and raises `OptionError` (a usage error: the CLI
exits with 2) with a message naming the option and the accepted range.  `Limits`
(pipeline.batch) runs the limit checks too, so a library caller cannot pass
`nan` or an absurd memory size either.
"""

from __future__ import annotations

import math
import os

import regex

from pipeline.normalise.patterns import DASK_ADDRESS

MIN_MEMORY_MB = 64  # below this not even the PDF stack can be imported in a child
MAX_SECONDS = 7 * 24 * 3600.0  # a week per document: more is a typo, not a limit
REPROCESS_WORDS = ("all", "ok", "partial", "failed", "stale")
INPUT_KINDS = ("text", "pdf", "scan")
DASK_SCHEMES = ("tcp", "tls", "inproc", "ucx", "ws", "wss")


class OptionError(ValueError):
    """An option's value is out of range or malformed (a usage error, exit 2)."""


def check_seconds(seconds: float, option: str = "--timeout") -> float:
    """Given a per-document time limit, return it; OptionError unless finite, positive and at most a week."""
    if not isinstance(seconds, int | float) or math.isnan(seconds) or math.isinf(seconds):
        raise OptionError(f"{option} must be a finite number of seconds, got {seconds!r}")
    if not 0 < seconds <= MAX_SECONDS:
        raise OptionError(f"{option} must be in (0, {MAX_SECONDS:g}] seconds, got {seconds:g}")
    return float(seconds)


def physical_memory_mb() -> int:
    """Return the machine's physical memory in MB (a generous default if the OS will not say)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)
    except (ValueError, OSError):
        return 1 << 20


def check_memory_mb(mb: int, option: str = "--max-memory") -> int:
    """Given a per-document memory limit in MB, return it; OptionError outside [64, physical memory]."""
    top = max(physical_memory_mb(), MIN_MEMORY_MB)
    if isinstance(mb, bool) or not isinstance(mb, int) or not MIN_MEMORY_MB <= mb <= top:
        raise OptionError(
            f"{option} must be a whole number of MB from {MIN_MEMORY_MB} to {top} "
            f"(this machine's memory), got {mb!r}"
        )
    return mb


def check_positive(n: int, option: str) -> int:
    """Given a count limit (pages, bytes), return it; OptionError unless a whole number >= 1."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise OptionError(f"{option} must be a whole number of at least 1, got {n!r}")
    return n


def check_reprocess(spec: str | None) -> str | None:
    """Given a --reprocess filter (None: reprocess nothing), return it; OptionError if unknown.

    Accepted: all, ok, partial, failed, stale, year=YYYY, roc_year=NNN,
    kind=text|pdf|scan, version=X (X non-empty, no spaces).
    """
    if spec is None or spec in REPROCESS_WORDS:
        return spec
    key, sep, value = spec.partition("=")
    ok = sep == "=" and (
        (key == "year" and regex.fullmatch(r"(19|20|21)[0-9]{2}", value) is not None)
        or (key == "roc_year" and regex.fullmatch(r"[0-9]{1,3}", value) is not None)
        or (key == "kind" and value in INPUT_KINDS)
        or (key == "version" and regex.fullmatch(r"[0-9A-Za-z.+_-]+", value) is not None)
    )
    if not ok:
        raise OptionError(
            f"--reprocess: unknown filter {spec!r}; use all, ok, partial, failed, stale, "
            "year=YYYY, roc_year=NNN, kind=text|pdf|scan or version=X"
        )
    return spec


def check_dask_address(address: str | None) -> str | None:
    """Given a --dask scheduler address (None: no Dask), return it; OptionError if malformed.

    E.g. "tcp://10.0.0.5:8786" or "127.0.0.1:8786"; not "", "garbage" or "tcp://host:99999".
    """
    if address is None:
        return None
    m = DASK_ADDRESS.regex.fullmatch(address)
    bad = (
        m is None
        or (m.group("scheme") or "tcp") not in DASK_SCHEMES
        or (m.group("scheme") != "inproc" and m.group("port") is None)
        or (m.group("port") is not None and not 0 < int(m.group("port")) < 65536)
    )
    if bad:
        raise OptionError(
            f"--dask: not a scheduler address: {address!r}; expected tcp://HOST:PORT "
            "(for example tcp://10.0.0.5:8786)"
        )
    return address
