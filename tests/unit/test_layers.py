"""A scan's OCR text layer against our OCR (layout/layers.py): hand-built readings."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.layout.layers import LayerSettings, agreement, choose_layer, mean_confidence
from pipeline.models import BBox, Char, OcrText, PageContent

BOX = BBox(0, 0, 100, 12)


def layer_of(text: str) -> PageContent:
    chars = tuple(Char(c, 10 * i, 0, 10 * i + 10, 12, 12) for i, c in enumerate(text))
    return PageContent(1, 595, 842, chars, (), images=1, image_cover=1.0)


def ocr_of(*lines: tuple[str, float]) -> tuple[OcrText, ...]:
    return tuple(OcrText(1, BOX, t, c, t) for t, c in lines)


def test_agreement_counts_characters_in_common_whatever_their_order() -> None:
    assert agreement(Counter("得分：88"), Counter("88得分：")) == 1.0
    assert agreement(Counter("2015年"), Counter("ZOq5年")) == pytest.approx(2 / 5)
    assert agreement(Counter(), Counter()) == 1.0
    assert agreement(Counter("ab"), Counter()) == 0.0


def test_confidence_is_weighted_by_characters() -> None:
    assert mean_confidence(ocr_of(("一二三", 0.9), ("四", 0.5))) == pytest.approx(0.8)
    assert mean_confidence(()) == 0.0


def test_a_layer_ocr_confirms_is_kept() -> None:
    use_ocr, check = choose_layer(
        layer_of("服務便捷性得分：88"), ocr_of(("服務便捷性 得分:88", 0.97))
    )
    assert not use_ocr  # NFKC folds ： and :; spaces do not count
    assert check.check == "ocr_layer" and check.passed and check.severity == "info"
    assert "agrees 100.0%" in check.message


def test_a_poor_layer_gives_way_to_sure_ocr() -> None:
    use_ocr, check = choose_layer(
        layer_of("ZOq5年年度報告說阴"), ocr_of(("2015年年度報告說明", 0.96))
    )
    assert use_ocr
    assert not check.passed and check.severity == "warning"
    assert "OCR is read instead" in check.message and "Z" in check.message


def test_when_neither_is_sure_the_layer_stays_and_the_check_says_so() -> None:
    use_ocr, check = choose_layer(layer_of("ZOq5年年度報告"), ocr_of(("2O15牛年度報吿", 0.42)))
    assert not use_ocr
    assert "neither is sure" in check.message and not check.passed


def test_settings_decide_and_are_checked() -> None:
    layer, ocr = layer_of("一二三四五六七八九十"), ocr_of(("一二三四五六七八九口", 0.99))
    assert not choose_layer(layer, ocr)[0]  # 90 % in common: the default confirms
    assert choose_layer(layer, ocr, LayerSettings(min_agreement=0.95))[0]
    with pytest.raises(ValueError, match="min_agreement"):
        LayerSettings(min_agreement=0)
