"""Decoding text dumps: every encoding government files come in, and junk."""

from __future__ import annotations

import codecs
import re

import pytest

from pipeline.errors import InputError
from pipeline.extract.text import bytes_to_text

SAMPLE = "評核項目 評核指標\n服務一致及\n正確性 \n得分：88 \n107 年度計 50,927 批。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # with BOM
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp950"), "cp950"),
        ("鱻聯盟 ".join([SAMPLE] * 3).encode("big5hkscs"), "big5hkscs"),
    ],
)
def test_decodes(data: bytes, encoding: str) -> None:
    text, used = bytes_to_text(data)
    assert used == encoding
    assert text.startswith("評核項目 評核指標\n服務一致及")


def test_crlf_becomes_lf() -> None:
    text, _ = bytes_to_text(SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert "\r" not in text and text.count("\n") == SAMPLE.count("\n")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file (0 bytes)"),
        (b"  \n\n \t\n", "file holds only whitespace"),
        (bytes(range(256)) * 16, "not a text file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a text file"),
    ],
)
def test_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=re.escape(reason)):
        bytes_to_text(data)
