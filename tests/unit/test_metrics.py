"""metrics.py (plus entities.py and result_items.py): result text → metrics, names, list items."""

from __future__ import annotations

from pipeline.normalise.entities import entity_kind, find_entities
from pipeline.normalise.metrics import METRIC_KINDS, Metric, result_to_metrics, unit_kind
from pipeline.normalise.result_items import split_result_items

Row = tuple[str, float | None, str | None, str | None, str | None]


def _rows(text: str, roc_year: int | None = 107) -> list[Row]:
    metrics = result_to_metrics(text, roc_year)
    for m in metrics:
        assert text[m.start : m.end] == m.text
        assert m.kind in METRIC_KINDS
    return [(m.kind, m.value, m.unit, m.label, m.qualifier) for m in metrics]


def test_issue_example() -> None:
    text = "107 年度進口商品總報驗量 50,927 批，網路申辦計 50,867 批，線上申辦使用率達 99%以上"
    assert _rows(text) == [
        ("year", 2018, "年度", None, None),
        ("count", 50927, "批", "進口商品總報驗量", None),
        ("count", 50867, "批", "網路申辦", "計"),
        ("percent", 99, "%", "線上申辦使用率", "以上"),
    ]
    year = result_to_metrics(text, 107)[0]
    assert (year.date, year.text) == ("2018", "107 年度")


def test_score_duration_and_product() -> None:
    assert _rows("4.85 分(最高分數 6 分)") == [
        ("score", 4.85, "分", None, None),
        ("score", 6, "分", "最高分數", None),
    ]
    assert _rows("每批案件約可節省民眾辦理時間計 32 分鐘")[0][:3] == ("duration", 32, "分鐘")
    rows = _rows("107 年度共計執行派遣 500 天次(250 天×2 次)，總計服務檢驗人員 4,837 人次")
    assert rows[1] == ("count", 500, "天次", "執行派遣", None)
    assert rows[2] == ("number", 250, "天", "執行派遣", "×")
    assert rows[3] == ("number", 2, "次", "執行派遣", "×")
    assert rows[4][:3] == ("count", 4837, "人次")


def test_dates_are_not_counts() -> None:
    rows = _rows(
        "本分局網站於 105 年 8 月 19日通過檢測，於 5 月 28 日召開，是類案件均於 3 日內回復"
    )
    assert [r[0] for r in rows] == ["date", "date", "duration"]
    dates = [m.date for m in result_to_metrics("於 5 月 3 日與 10 月 4日", 107)]
    assert dates == ["2018-05-03", "2018-10-04"]


def test_list_markers_are_not_numbers() -> None:
    text = "1.說明會：於 5 月 28日召開\n2.107 年度上半年由分局長\n(3)本分局計 4 場次\n4.85 分"
    rows = _rows(text)
    assert [r[0] for r in rows] == ["date", "year", "period", "count", "score"]
    assert rows[-1][1] == 4.85


def test_periods_and_frequencies() -> None:
    assert _rows("每 4 個月至少測試 1次。") == [
        ("period", 4, "個月", None, "每"),
        ("count", 1, "次", "至少測試", None),
    ]
    assert _rows("並以 2 個月為週期，定期檢視")[0][:3] == ("period", 2, "個月")


def test_labels_use_quotes_parentheses_and_following_nouns() -> None:
    rows = _rows("完成107年「員工協助方案(團體諮商)」計1場次，新進人員訪談(含櫃台服務人員)合計4人")
    assert rows[1][3] == "員工協助方案"
    assert rows[2][3] == "新進人員訪談"
    assert _rows("等共計 12 家公司，")[0][3] == "公司"
    assert _rows("服務一致及正確性(100分)")[0][3] == "服務一致及正確性"
    assert _rows("小計        178       分")[0][3] == "小計"


def test_chinese_numerals_and_money() -> None:
    assert _rows("辦理兩場說明會")[0][:3] == ("count", 2, "場")
    assert _rows("共十二家公司")[0][:3] == ("count", 12, "家")
    assert _rows("經費 5 萬元")[0][:3] == ("money", 5, "萬元")
    assert _rows("滿意度達百分之九十")[0][:3] == ("percent", 90, "%")
    assert _rows("皆在同一處提供服務，三大重點業務，十分重要，三分之一") == []


def test_codes_and_bare_years() -> None:
    assert _rows("內部「5S 稽核評比」活動，無障礙認證 A+標章，電話 02-2431-2345") == []
    assert _rows("舉辦「2018 技專合作國貿研習營」")[0][:3] == ("year", 2018, None)
    assert _rows("得分：88") == [("score", 88, None, "得分", None)]
    assert _rows("ISO 9001 驗證")[0][:2] == ("number", 9001)


def test_full_width_digits_keep_offsets() -> None:
    text = "網路申辦計５０，８６７批，使用率達９９％以上"
    assert _rows(text) == [
        ("count", 50867, "批", "網路申辦", "計"),
        ("percent", 99, "%", "使用率", "以上"),
    ]


def test_without_document_year() -> None:
    metrics = result_to_metrics("於 5 月 28 日召開", None)
    assert [m.date for m in metrics] == ["--05-28"]


def test_unit_kind() -> None:
    assert unit_kind("人次") == "count"
    assert unit_kind("萬元") == "money"
    assert unit_kind("萬人次") == "count"
    assert unit_kind(None) == unit_kind("xyz") == "number"


def test_metric_is_frozen() -> None:
    m = Metric("count", 1.0, "件", None, None, "1件", None, 0, 2)
    try:
        m.value = 2.0  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("Metric must be frozen")


# --- entities ----------------------------------------------------------------------


def test_entities_balanced_and_unbalanced() -> None:
    text = "完成拜訪「元璋玻璃公司、「吉翁企業公司」、「宜聯鋼鐵公司」"
    found = find_entities(text)
    assert [(e.text, e.kind) for e in found] == [
        ("元璋玻璃公司", "organisation"),
        ("吉翁企業公司", "organisation"),
        ("宜聯鋼鐵公司", "organisation"),
    ]
    assert all(text[e.start : e.end] == e.text for e in found)


def test_entities_edge_cases() -> None:
    assert [e.text for e in find_entities("建置 「 進口商品應否報驗查詢網」")] == [
        "進口商品應否報驗查詢網"
    ]
    assert [e.text for e in find_entities("「」與」「未關閉，後文")] == ["未關閉"]
    assert find_entities("「" + "長" * 60) == ()
    assert find_entities("沒有引號") == ()


def test_entity_kinds() -> None:
    assert entity_kind("線上書面審查系統") == "system"
    assert entity_kind("便捷貿 e 網") == "system"
    assert entity_kind("基隆市政府產業發展處") == "organisation"
    assert entity_kind("中華民國貨櫃儲運事業協會") == "organisation"
    assert entity_kind("清淨家園全民運動計畫") == "program"
    assert entity_kind("員工協助方案(團體諮商)") == "program"
    assert entity_kind("107 年度義務監視員職前作業說明會") == "program"
    assert entity_kind("網站目錄檢視彙整表") == "document"
    assert entity_kind("網頁管理作業程序") == "document"
    assert entity_kind("政府資訊公開法") == "document"
    assert entity_kind("安全小站") == "other"
    assert entity_kind("網") == "other"


# --- result items ------------------------------------------------------------------


def test_result_items() -> None:
    result = (
        "已完成並提供多元案件查詢管道：\n1.案件進度查詢\n2. 設置「電子布告欄」\n"
        "(1)正門\n續行\n(2)服務\n3、三\n一、總\n2.107 年度上半年"
    )
    items = split_result_items(result)
    assert [(i.item_no, i.marker, i.text, i.level) for i in items] == [
        (None, None, "已完成並提供多元案件查詢管道：", 0),
        (1, "1.", "案件進度查詢", 1),
        (2, "2.", "設置「電子布告欄」", 1),
        (1, "(1)", "正門\n續行", 2),
        (2, "(2)", "服務", 2),
        (3, "3、", "三", 1),
        (1, "一、", "總", 3),
        (2, "2.", "107 年度上半年", 1),
    ]
    assert result[items[3].start : items[3].end] == "(1)正門\n續行"


def test_result_items_plain_and_decimal_start() -> None:
    assert [(i.marker, i.text) for i in split_result_items("4.85 分平均")] == [
        (None, "4.85 分平均")
    ]
    assert split_result_items("") == ()
    assert split_result_items("\n \n") == ()
