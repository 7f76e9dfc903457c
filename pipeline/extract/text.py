"""Text-dump input: bytes → decoded text, robust to the encodings government files use.

Order of trust: a byte-order mark, then strict UTF-8, then UTF-16 without a BOM
(recognised by its NUL pattern), then Big5 as CP950 (Windows' Big5) and last
Big5-HKSCS, which also covers rarer characters such as 鱻.  Anything else, and binary
junk, is an `InputError` with the reason.
"""

from __future__ import annotations

import codecs

from pipeline.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of control characters (other than whitespace and form feed) above which a
# decoded text is taken for binary junk rather than a dump.
MAX_CONTROL_SHARE = 0.01


def _looks_utf16(data: bytes) -> str | None:
    """Given BOM-less bytes, return "utf-16-le"/"utf-16-be" when NULs sit on one parity."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # CJK text in UTF-16 has few NULs; ASCII-heavy text has many on one side.  Either
    # way a real UTF-16 text never has NULs on both sides in quantity.
    if odd > half * 0.2 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.2 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    return bad / len(text)


def bytes_to_text(data: bytes) -> tuple[str, str]:
    """Given a file's bytes, return (text, encoding name); raise InputError when undecodable."""
    if not data:
        raise InputError("empty file (0 bytes)")
    candidates: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            candidates.append(name)
            break
    else:
        candidates.append("utf-8")
        utf16 = _looks_utf16(data)
        if utf16:
            candidates.insert(0, utf16)
        candidates.extend(("cp950", "big5hkscs"))
    errors: list[str] = []
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            errors.append(f"{enc}: byte {exc.start}")
            continue
        if _control_share(text) > MAX_CONTROL_SHARE:
            errors.append(f"{enc}: control characters")
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise InputError("file holds only whitespace")
        return text, enc
    raise InputError(
        "not a text file: cannot decode as UTF-8, UTF-16 or Big5/CP950 (" + "; ".join(errors) + ")"
    )
