"""Random, valid evaluation forms of the whole family: `generate(seed) -> Form`.

Draws what real forms across agencies and years show (see the form-family issue):
central and local agencies, ROC years 100–114, 3–6 dimensions whose items' points
add up, scored or blank (draft) forms, indicators and sub-indicators numbered in
any of the common styles or not at all, numbering gaps where rows were omitted,
units of 2–15 characters (digits, Latin, qualifiers), results that are empty,
不適用, 無, one sentence or several paragraphs with their own lists, quotes,
numbers, percentages, ROC dates, Latin words and URLs.

The form is stored canonically, as the golden extracts are: `indicator_no` is the
number as an arabic string ("一、" → "1"), `sub_no` is "(N)" whatever marker was
printed; the printed markers live in `style` and in the per-row `print` hints so
that every producer prints the same document.  Nothing here imports `pipeline`.
"""

from __future__ import annotations

import itertools
import random
import re
from typing import Any

from tools.formgen.model import HEADER_FIFTH, HEADER_FIRST_FOUR, Form

CN_NUM = "一二三四五六七八九十"

MINISTRIES = ("經濟部", "財政部", "內政部", "交通部", "衛生福利部", "勞動部", "農業部", "法務部")
CENTRAL_SUFFIX = (
    "標準檢驗局基隆分局",
    "標準檢驗局",
    "關務署臺中關",
    "移民署",
    "國稅局",
    "公路局臺北區監理所",
    "勞工保險局",
    "桃園醫院",
    "中部辦公室",
    "動植物防疫檢疫署",
)
CITIES = ("臺北市", "新北市", "桃園市", "臺中市", "臺南市", "高雄市", "宜蘭縣", "花蓮縣", "金門縣")
LOCAL_SUFFIX = (
    "政府",
    "政府衛生局",
    "政府地政局",
    "板橋區公所",
    "中山區戶政事務所",
    "中正地政事務所",
    "政府社會局",
    "立聯合醫院",
    "政府環境保護局",
    "稅捐稽徵處",
)
CATEGORIES = ("整體服務類機關", "第一線服務機關", "服務規劃類機關", "第一線服務類機關")
DIMENSION_NAMES = (
    "基礎服務",
    "服務遞送",
    "服務量能",
    "服務評價",
    "開放創新",
    "服務精進",
    "內部管理",
    "跨域整合",
    "數位轉型",
)
ITEM_NAMES = (
    "服務一致及正確性",
    "服務友善性",
    "服務便捷性",
    "服務可近性",
    "服務成長及優化",
    "內部作業簡化",
    "服務機制精進",
    "提高服務滿意度",
    "積極回應民眾意見",
    "開放參與",
    "創新服務",
    "資訊公開透明",
    "跨機關合作",
    "數位服務推動",
    "陳情案件處理",
    "人員專業訓練",
)
INDICATORS = (
    "訂定申辦業務標準作業流程",
    "提升服務及時性",
    "提高服務人員專業度",
    "提升服務設施合宜度",
    "提供多元案件查詢管道",
    "檢討既有服務措施",
    "促進服務流程整合",
    "建立內部作業標準",
    "推動線上申辦",
    "強化陳情處理機制",
    "落實個人資料保護",
    "辦理滿意度調查",
    "蒐集民眾意見",
    "推動公私協力",
    "提供預約服務",
    "強化志工服務",
    "運用資通訊科技",
)
SUB_TEXTS = (
    "訂定申辦業務標準作業流程，維持服務措施處理一致性，且持續檢討申辦項目表單，進行簡化及標準化等。",
    "提升民眾申辦案件的處理效率，確保於處理時限內完成。",
    "進行環境美(綠)化及輔以舒適、明亮、整潔，建置民眾臨櫃洽公的合宜服務環境。",
    "確保服務項目、服務人員(姓名及代理人)、方向引導等標示正確、易於辨識，且提供雙語(或多語)標示服務。",
    "強化機關(單位)服務人員(含委外 call center 人員)對涉及服務業務處理流程及相關法規之專業與熟悉程度。",
    "定期檢查各類硬體設施(如飲水機、公用電話、座椅、盥洗室等)，確保設施品質。",
    "提供各種申辦書表及填寫範例。",
    "運用網路、行動裝置等多元管道，提供民眾查詢案件處理進度。",
    "檢討簡化申辦流程，減少民眾臨櫃次數及應備書證。",
    "建立跨機關資料查調機制，免除民眾檢附證明文件。",
    "辦理服務滿意度調查，並針對調查結果研提改善措施。",
    "建立民眾意見處理機制，妥適回應民眾陳情及建議。",
    "適時運用多元管道導入民眾觀點，透過溝通與對話的方式，共創機關與民眾合作契機。",
    "落實個人資料保護，定期檢視資訊安全管理措施。",
    "提出有別於現行的想法或方式，並對服務對象具有實質效益。",
    "結合民間資源，推動公私協力，擴大服務量能。",
    "設置 QR code 行動條碼，方便民眾即時查詢。",
    "定期辦理教育訓練，提升同仁服務知能",
)
UNITS = (
    "電資產品課",
    "機械產品課",
    "化工產品課",
    "計量課",
    "報驗發證課",
    "市場監督課",
    "各辦事處",
    "各單位",
    "秘書室",
    "人事室",
    "政風室",
    "主計室",
    "資訊室",
    "行政科",
    "企劃科",
    "衛生保健科",
    "疾病管制科",
    "戶籍登記課",
    "地籍測量課",
    "民政課",
    "研考科",
    "1999市民熱線",
    "IT組",
    "資訊小組(各單位)",
    "服務台",
    "綜合規劃組",
    "護理部",
    "長期照顧管理中心",
    "食品藥物管理科",
    "新住民服務中心",
    "國際交流暨觀光發展處",
    "衛生所(各區)",
    "地政服務所第二課",
    "管制考核小組",
    "總務股",
    "兒童及少年福利與權益保障科",
    "第一門診部",
)
EVENTS = ("商品安全宣導", "服務品質研習", "志工聯誼", "校園推廣", "業務說明會", "開放參觀日")
SYSTEMS = ("線上申辦", "案件查詢", "預約叫號", "電子公文", "行動服務", "檢驗派遣")
RESULT_TEMPLATES = (
    "{roc}年度共計受理{n}件，處理時效達{p}。",
    "於{date}辦理「{event}」活動，計{k}人次參加。",
    "建置「{sys}」系統，提供民眾線上申辦，網址：{url}。",
    "每季召開服務品質檢討會議，{roc}年度計召開{k}場次。",
    "透過 LINE 官方帳號及 Facebook 粉絲專頁發布訊息，累計觸及{n}人次。",
    "完成檢驗{n}批，平均辦理天數{d}日。",
    "設置 QR code 行動條碼，方便民眾查詢案件進度。",
    "派遣車輛{n}車次，服務檢驗人員{k}人次。",
    "提供 call center 諮詢服務，全年受理{n}通電話。",
    "滿意度調查結果為{p}，較去年提升{d}個百分點。",
    "已完成商品報驗流程簡化，全程線上申辦免臨櫃，從收件繳費、取樣、檢驗、審查及發證，藉由 e 化、環節簡化，縮短案件辦理時間。",
    "服務櫃檯已完成設置服務中心，由專人主動引導、業務諮詢及辦理流程解說。",
    "依規定定期陳報「清淨家園全民運動計畫」處理情形，隨時維護辦公環境整潔，提升為民服務品質。",
    "自{date}起與{agency2}合作，提供「{sys}」服務，截至年底計{n}件",
    "本項業務由各單位依權責辦理，{roc}年度無民眾抱怨案件。",
)
# Headings of a result's list entries, as the seed prints them: "1.書面審查電子化：" on a
# line of its own, the entry's text under it with no marker.
HEADINGS = (
    "書面審查電子化",
    "技術文件審查電子化暨預先審查",
    "檢驗人員及車輛派遣作業電子化",
    "改善「商品具結先行放行」申請作業程序",
    "核心無障礙措施齊備",
    "推動「優良計量管理制度」",
    "說明會",
    "案件進度及結果查詢管道",
    "強化為民服務措施",
    "辦理情形",
    "服務流程簡化",
    "主動關懷服務",
)
# A result's closing paragraph after its list, with no marker.
CLOSINGS = (
    "前述辦理情形均提報所務會議追蹤列管。",
    "以上措施均持續追蹤辦理。",
    "相關成果已公布於本機關網站。",
)
NOTES = (
    "總分 {total} 分",
    "備註：本表由各單位填報，經研考科彙整。",
    "承辦人： 單位主管： 機關首長：",
    "填表日期：{date}",
)

# Printed marker styles: indicator "1." "一、" "1、" or unnumbered; sub "(1)" "（1）" "1)" "①" "(一)".
INDICATOR_STYLES = ("dot", "cn", "ideo", None)
SUB_STYLES = ("paren", "fullparen", "halfparen", "circled", "cnparen")


def _agency(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(MINISTRIES) + rng.choice(CENTRAL_SUFFIX)
    return rng.choice(CITIES) + rng.choice(LOCAL_SUFFIX)


def _title(agency: str, roc: int, rng: random.Random) -> str:
    sep = rng.choice(("", " "))
    min_guo = rng.random() < 0.25
    year = f"民國{roc}" if min_guo else str(roc)
    year_sep = rng.choice(("", "", " "))
    suffix = rng.choice(("項目及評分表", "", "自評表", "項目及評分表"))
    form_name = "提升服務效能評核表" + suffix if suffix != "自評表" else "提升服務效能評核自評表"
    return f"{agency}{sep}{year}{year_sep}年度{form_name}"


def _points(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split `total` into `parts` positive multiples of 10 (or of 5 for small totals)."""
    step = 10 if total >= 10 * parts * 2 else 5
    units = total // step
    cuts = sorted(rng.sample(range(1, units), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, units]
    return [(b - a) * step for a, b in itertools.pairwise(bounds)]


def _date(rng: random.Random, roc: int) -> str:
    sp = rng.choice(("", " "))
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    return f"{roc}{sp}年{sp}{m}{sp}月{sp}{d}{sp}日"


def _result_sentence(rng: random.Random, roc: int) -> str:
    tpl = rng.choice(RESULT_TEMPLATES)
    return tpl.format(
        roc=rng.choice((str(roc), f"{roc} ")),
        n=f"{rng.randint(2, 99999):,}",
        k=rng.randint(2, 600),
        d=rng.randint(1, 30),
        p=f"{rng.randint(60, 100)}{rng.choice(('', '.5'))}%",
        date=_date(rng, roc),
        event=rng.choice(EVENTS),
        sys=rng.choice(SYSTEMS),
        url=rng.choice(
            ("https://www.example.gov.tw/service", "www.gov.tw", "http://e-service.tw/q?id=3")
        ),
        agency2=_agency(rng),
    )


def _list_marker(style: str, n: int) -> str:
    return {
        "dot": f"{n}.",
        "paren": f"({n})",
        "circled": chr(0x2460 + n - 1),
        "bullet": "•",
        "cn": f"{CN_NUM[min(n, 10) - 1]}、",
    }[style]


def _result(rng: random.Random, roc: int) -> str | None:
    r = rng.random()
    if r < 0.06:
        return None
    if r < 0.10:
        return rng.choice(("不適用", "無"))
    if r < 0.45:
        return _result_sentence(rng, roc)
    style = rng.choice(("dot", "dot", "paren", "circled", "bullet", "cn"))
    paras: list[str] = []
    if rng.random() < 0.2:
        paras.append(rng.choice(("已完成並提供多元案件查詢管道：", "本年度辦理情形如下：")))
    for n in range(1, rng.randint(2, 5) + 1):
        sp = " " if style == "bullet" or rng.random() < 0.2 else ""
        paras.append(f"{_list_marker(style, n)}{sp}{_result_sentence(rng, roc)}")
        if style == "dot" and rng.random() < 0.25:
            for k in range(1, rng.randint(1, 3) + 1):
                paras.append(f"({k}){_result_sentence(rng, roc)}")
    return "\n".join(paras)


# A list entry's marker as `_list_marker` draws it.
_ENTRY = re.compile(r"(\d+\.|\(\d+\)|[\u2460-\u2473]|•|[一二三四五六七八九十]、) ?")


def _headed(result: str, rng: random.Random, inline: bool = False) -> str:
    """Given a result, return it with some list entries as the seed prints them: a heading
    line ("2.技術文件審查電子化暨預先審查：") over the entry's text, which has no marker, or
    with `inline`, the entry's text after the heading's colon ("1.說明會：於…"); and
    sometimes a closing paragraph after the list."""
    paras: list[str] = []
    titles = rng.sample(HEADINGS, len(HEADINGS))
    for p in result.split("\n"):
        m = _ENTRY.match(p)
        if m is None or not p[m.end() :] or rng.random() < 0.3 or not titles:
            paras.append(p)
            continue
        head = f"{m.group()}{titles.pop()}："
        paras += [head + p[m.end() :]] if inline else [head, p[m.end() :]]
    if rng.random() < 0.3:
        paras.append(rng.choice(CLOSINGS))
    return "\n".join(paras)


def _with_headings(rows: list[dict[str, Any]], seed: int) -> None:
    """Given a form's rows, rewrite the results of some forms' lists (`_headed`), drawn from
    their own stream, so the forms of every seed drawn before this style existed stay the
    same unless picked."""
    rng = random.Random(f"result_headings:{seed}")
    if rng.random() >= 0.25:
        return
    # The seed prints one result's headings alone, another's inline ("1.說明會：於 5 月…"):
    # in some forms, some results run their entries on, from a stream of their own.
    inline = random.Random(f"inline_headings:{seed}")
    some = inline.random() < 0.4
    for r in rows:
        res = r["result"]
        if res and "\n" in res and _ENTRY.match(res.split("\n")[1]) and rng.random() < 0.6:
            r["result"] = _headed(res, rng, some and inline.random() < 0.5)


def _units(rng: random.Random) -> list[str]:
    r = rng.random()
    if r < 0.05:
        return []
    if r < 0.35:
        return ["各單位"]
    return rng.sample(UNITS, rng.randint(1, 8))


def _numbers(count: int, rng: random.Random, gap_rate: float) -> list[int]:
    """Given a count, return increasing numbers 1… with occasional gaps (omitted rows)."""
    out: list[int] = []
    n = 0
    for _ in range(count):
        n += 1
        while rng.random() < gap_rate:
            n += 1
        out.append(min(n, 20))
        n = out[-1]
    out = sorted(set(out))
    if count == 1 and rng.random() < 0.1:
        out = [rng.randint(2, 4)]  # an item's only indicator numbered 4.
    return out


def _rows_for_item(
    rng: random.Random, roc: int, gap_rate: float, ind_style: str | None, sub_style: str
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    no_indicator = rng.random() < 0.08
    n_ind = 1 if no_indicator else rng.randint(1, 4)
    ind_numbers = _numbers(n_ind, rng, gap_rate)
    ind_text: str | None = None
    for ind_n in ind_numbers:
        if no_indicator:
            ind_no, ind_text = None, None
        else:
            # Two indicators in a row never share a name: unnumbered, they would print as
            # one merged cell, which no reader (nor a person) could tell from one indicator.
            before, ind_text = ind_text, rng.choice(INDICATORS)
            while ind_text == before:
                ind_text = rng.choice(INDICATORS)
            ind_no = str(ind_n) if ind_style is not None else None
        numbered_subs = rng.random() < 0.55
        n_sub = rng.randint(1, 5) if numbered_subs else 1
        sub_numbers = _numbers(n_sub, rng, gap_rate) if numbered_subs else [0]
        for sub_n in sub_numbers:
            rows.append(
                {
                    "indicator_no": ind_no,
                    "indicator": ind_text,
                    "sub_no": f"({sub_n})" if numbered_subs else None,
                    "sub_indicator": rng.choice(SUB_TEXTS),
                    "units": _units(rng),
                    "result": _result(rng, roc),
                    "page_start": None,
                    "page_end": None,
                }
            )
    return rows


def generate(seed: int) -> Form:
    """Given a seed, return a random valid form (golden format, page fields None)."""
    rng = random.Random(seed)
    agency = _agency(rng)
    roc = rng.randint(100, 114)
    title = _title(agency, roc, rng)
    category = rng.choice(CATEGORIES) if rng.random() < 0.85 else None
    scored = rng.random() < 0.8
    gap_rate = rng.choice((0.0, 0.0, 0.1, 0.25))
    ind_style = rng.choice(INDICATOR_STYLES)
    sub_style = rng.choice(SUB_STYLES)
    n_dims = rng.choice((3, 4, 5, 5, 5, 6))
    dim_names = rng.sample(DIMENSION_NAMES, n_dims)
    dim_points = _points(rng.choice((1000, 1000, 500, 100 * n_dims)), n_dims, rng)
    heading_style = rng.choice(("評核構面", "構面", "評核構面"))
    full_paren = rng.random() < 0.2
    dims: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    item_pool = list(ITEM_NAMES)
    rng.shuffle(item_pool)
    for d_i, (dname, dmax) in enumerate(zip(dim_names, dim_points, strict=True), start=1):
        n_items = min(rng.randint(1, 4), max(1, dmax // 10))
        imax = _points(dmax, n_items, rng)
        scores: list[float | None] = []
        for i_i, mx in enumerate(imax, start=1):
            score: float | None = None
            if scored:
                score = float(rng.randint(mx * 6 // 10, mx))
                if rng.random() < 0.1 and score < mx:
                    score += 0.5
            scores.append(score)
            name = item_pool.pop() if item_pool else f"服務項目{i_i}"
            items.append(
                {
                    "dimension_no": d_i,
                    "item_no": i_i,
                    "name": name,
                    "max_points": mx,
                    "score": _clean_number(score),
                    "page_start": None,
                    "page_end": None,
                }
            )
            for r in _rows_for_item(rng, roc, gap_rate, ind_style, sub_style):
                rows.append({"dimension_no": d_i, "item_no": i_i, **r})
        subtotal = sum(s for s in scores if s is not None) if scored else None
        o, c = ("（", "）") if full_paren else ("(", ")")
        heading = f"{heading_style}{CN_NUM[d_i - 1]}{o}{dname}{c}{o}{dmax}分{c}"
        dims.append(
            {
                "dimension_no": d_i,
                "name": dname,
                "max_points": dmax,
                "subtotal": _clean_number(subtotal),
                "page_start": None,
                "page_end": None,
                "heading": heading,
            }
        )
    _with_headings(rows, seed)
    for n, r in enumerate(rows, start=1):
        r["row_no"] = n
    total_max = sum(dim_points)
    total_score = sum(d["subtotal"] for d in dims) if scored else None
    notes = None
    if rng.random() < 0.35:
        picked = rng.sample(NOTES, rng.randint(1, 2))
        if not scored:
            picked = [p for p in picked if "{total}" not in p] or ["備註：本表為初稿。"]
        notes = "\n".join(p.format(total=_fmt(total_score), date=_date(rng, roc)) for p in picked)
    labels = [*rng.choice(HEADER_FIRST_FOUR), rng.choice(HEADER_FIFTH)]
    style = {
        "header_labels": labels,
        "footer": rng.choice((None, None, "page_of", "dash", "bare")),
        "repeat_title": rng.random() < 0.2,
        "subtotal_style": rng.choice(("spaced", "spaced", "colon")),
        "indicator_style": ind_style,
        "sub_style": sub_style,
        "item_points_on_name": rng.random() < 0.2,
        # "得分：88 分": drawn from its own stream, so the forms of every seed drawn before
        # this style existed stay the same
        "score_suffix": scored and random.Random(f"score_suffix:{seed}").random() < 0.2,
    }
    return {
        "source": f"formgen:{seed}",
        "document": {
            "agency": agency,
            "roc_year": roc,
            "year": roc + 1911,
            "title": title,
            "category": category,
            "page_count": None,
            "total_score": _clean_number(total_score),
            "total_max": total_max,
            "notes": notes,
            "header_variant": labels[4],
        },
        "dimensions": dims,
        "items": items,
        "rows": rows,
        "style": style,
    }


def _clean_number(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _fmt(x: float | int | None) -> str:
    y = _clean_number(x)
    return "" if y is None else str(y)
