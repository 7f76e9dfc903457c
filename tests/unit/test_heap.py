"""Handing freed memory back between OCR pages (pipeline.extract.heap)."""

from __future__ import annotations

import sys

import pytest

from pipeline.extract import heap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_the_resident_set_is_read_from_proc() -> None:
    held = heap.resident_bytes()
    assert held is not None and 10 * 2**20 < held < 64 * 2**30
    block = bytearray(64 * 2**20)  # touched: resident
    block[::4096] = b"\x01" * len(block[::4096])
    grown = heap.resident_bytes()
    assert grown is not None and grown - held > 50 * 2**20


def test_memory_is_given_back_only_above_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    trimmed: list[int] = []
    monkeypatch.setattr(heap, "_malloc_trim", lambda: trimmed.append)
    monkeypatch.setattr(heap, "resident_bytes", lambda: 500 * 2**20)
    assert heap.give_back_memory(600) is False and trimmed == []
    assert heap.give_back_memory(400) is True and trimmed == [0]
    monkeypatch.setattr(heap, "resident_bytes", lambda: None)  # no /proc: nothing done
    assert heap.give_back_memory(0.5) is False and trimmed == [0]
    monkeypatch.setattr(heap, "_malloc_trim", lambda: None)  # no glibc: nothing done
    monkeypatch.setattr(heap, "resident_bytes", lambda: 500 * 2**20)
    assert heap.give_back_memory(0.5) is False


@pytest.mark.skipif(heap._malloc_trim() is None, reason="no glibc malloc_trim here")
def test_glibc_trims_for_real() -> None:
    assert heap.give_back_memory(0.001) is True
