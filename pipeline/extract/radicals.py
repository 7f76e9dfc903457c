"""Radical code points → the ideographs they stand for, for PDF text layers.

Fonts that draw an ideograph and its radical with one outline (Noto CJK) get
mapped back to the radical by some producers' ToUnicode tables: Chromium prints
面 as ⾯ (U+2FAF) and 民 as ⺠ (U+2EA0).  No form prints a radical as such, so
the PDF backend folds them.  The table is Unicode's EquivalentUnifiedIdeograph.txt
for U+2E80..U+2FDF (328 entries, read from Perl's Unicode::UCD).
"""

from __future__ import annotations

_RADICALS = (
    "⺁⺂⺃⺄⺅⺆⺇⺈⺉⺊⺋⺌⺍⺎⺏⺐⺑⺒⺓⺔⺕⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩"
    "⺪⺫⺬⺭⺮⺯⺰⺱⺲⺳⺴⺵⺶⺷⺸⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻇⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑"
    "⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳⼀⼁⼂⼃⼄⼅"
    "⼆⼇⼈⼉⼊⼋⼌⼍⼎⼏⼐⼑⼒⼓⼔⼕⼖⼗⼘⼙⼚⼛⼜⼝⼞⼟⼠⼡⼢⼣⼤⼥⼦⼧⼨⼩⼪⼫⼬⼭"
    "⼮⼯⼰⼱⼲⼳⼴⼵⼶⼷⼸⼹⼺⼻⼼⼽⼾⼿⽀⽁⽂⽃⽄⽅⽆⽇⽈⽉⽊⽋⽌⽍⽎⽏⽐⽑⽒⽓⽔⽕"
    "⽖⽗⽘⽙⽚⽛⽜⽝⽞⽟⽠⽡⽢⽣⽤⽥⽦⽧⽨⽩⽪⽫⽬⽭⽮⽯⽰⽱⽲⽳⽴⽵⽶⽷⽸⽹⽺⽻⽼⽽"
    "⽾⽿⾀⾁⾂⾃⾄⾅⾆⾇⾈⾉⾊⾋⾌⾍⾎⾏⾐⾑⾒⾓⾔⾕⾖⾗⾘⾙⾚⾛⾜⾝⾞⾟⾠⾡⾢⾣⾤⾥"
    "⾦⾧⾨⾩⾪⾫⾬⾭⾮⾯⾰⾱⾲⾳⾴⾵⾶⾷⾸⾹⾺⾻⾼⾽⾾⾿⿀⿁⿂⿃⿄⿅⿆⿇⿈⿉⿊⿋⿌⿍"
    "⿎⿏⿐⿑⿒⿓⿔⿕"
)
_IDEOGRAPHS = (
    "厂乛乚乙亻冂𠘨刀刂卜㔾小小兀尣尢𡯂巳幺彑彐忄心扌攵旡日月歺母民氵氺灬爫爫丬牛犭王"
    "𤴔目示礻𥫗糹纟罓罒㓁冗𦉫羊𦍌𦍋耂肀聿肉𦥑艹艹艹虎衤覀西见角𧢲讠贝𧾷车辶辶辶邑钅長"
    "镸长门𨸏阝雨青韦页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟一丨丶丿乙亅"
    "二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山"
    "巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火"
    "爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而"
    "耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里"
    "金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎"
    "鼓鼠鼻齊齒龍龜龠"
)
RADICAL_TO_IDEOGRAPH = str.maketrans(_RADICALS, _IDEOGRAPHS)
# ideograph → the radicals that stand for it (several: ⼈ and ⺅ are both 人-like)
RADICALS_OF: dict[str, str] = {}
for _r, _i in zip(_RADICALS, _IDEOGRAPHS, strict=True):
    RADICALS_OF[_i] = RADICALS_OF.get(_i, "") + _r


# Code points Noto Sans CJK TC draws with one glyph, one class per space-separated run (its
# cmap, read with fontTools; radicals, Hangul and spaces left out): "\u00b7\u2022\u2027\u30fb" is
# · • ‧ ・, "\u301c\uff5e" 〜 ～, "\uf92d\u4f86" a compatibility ideograph and its
# unified twin.  A producer writing one ToUnicode entry per glyph maps each class to one
# member and prints the others through `ActualText` (Chromium: • drawn with the glyph of ·).
_SHARED = (
    "\u002d\u00ad\u2011 \u00b7\u2022\u2027\u30fb \u2012\u2013 "
    "\u2026\u22ef \u2035\uff40 \u2215\uff0f \u2329\u3008 \u232a\u3009 \u2460\u2780 "
    "\u2461\u2781 \u2462\u2782 \u2463\u2783 \u2464\u2784 \u2465\u2785 \u2466\u2786 "
    "\u2467\u2787 \u2468\u2788 \u2469\u2789 \u24ea\U0001f10b \u24ff\U0001f10c \u2776\u278a "
    "\u2777\u278b \u2778\u278c \u2779\u278d \u277a\u278e \u277b\u278f \u277c\u2790 "
    "\u277d\u2791 \u277e\u2792 \u277f\u2793 \u27a1\u2b95 \u301c\uff5e \u3588\u439b "
    "\u363d\u39b3 \u3ada\u66f6 \u3b3a\u5e50 \u3b3b\u4420 \u3db7\U0002420e \u4e0d\uf967 "
    "\u4e32\uf905 \u4e39\uf95e \u4ec0\uf9fd \u4f86\uf92d \u4f8b\uf9b5 \u4fbf\uf965 "
    "\u50da\uf9bb \u5140\ufa0c \u5169\uf978 \u51c9\uf979 \u5217\uf99c \u5229\uf9dd "
    "\u523a\uf9ff \u52c9\ufa33 \u52d2\uf952 \u52e4\ufa34 \u5351\ufa35 \u53e5\uf906 "
    "\u540f\uf9de \u5442\uf980 \u5587\uf90b \u55c0\ufa0d \u58a8\ufa3a \u58d8\uf94a "
    "\u5c3f\uf9bd \u5e74\uf98e \u5f04\uf943 \u5f8b\uf9d8 \u61f6\uf90d \u62d3\ufa02 "
    "\u6613\uf9e0 \u6688\uf9c5 \u66b4\ufa06 \u66f4\uf901 \u677b\uf9c8 \u6797\uf9f4 "
    "\u6ad3\uf931 \u6c88\uf972 \u6d1b\uf915 \u6d1e\ufa05 \u6dcb\uf9f5 \u6feb\uf922 "
    "\u70c8\uf99f \u72c0\uf9fa \u73de\uf917 \u7406\uf9e4 \u7565\uf976 \u7570\uf962 "
    "\u7891\ufa4b \u78ca\uf947 \u79ca\uf995 \u88cf\uf9e7 \u8c48\uf900 \u8cc2\uf948 "
    "\u8cc8\uf903 \u8def\uf937 \u8f3b\ufa07 \u90de\uf92c \u91cf\uf97e \u95ad\uf986 "
    "\u962e\uf9c6 \u9686\uf9dc \u96b7\ufa2f \u99f1\uf91a \u9b6f\uf939 \u9dfa\uf93a "
    "\uf914\uf95c\uf9bf \uf95f\uf9aa \uf961\uf9db \uf96f\uf9a1 \uf996\ufa57 \ufa23\U00027eaf "
    "\U00020984\U0002f82c \U000233cc\U0002f8db \U000270f0\U0002f9b2 \U00029fce\U00029fd7"
)
# a code point → the others drawn with its glyph: the ToUnicode text a glyph may have when
# this code point came from `ActualText` (radicals for an ideograph; see `RADICALS_OF`)
SHARED_GLYPHS: dict[str, str] = dict(RADICALS_OF)
for _run in _SHARED.split():
    for _c in _run:
        SHARED_GLYPHS[_c] = SHARED_GLYPHS.get(_c, "") + _run.replace(_c, "")


def fold_radicals(text: str) -> str:
    """Given text from a PDF, return it with radical code points replaced by their ideographs."""
    return text.translate(RADICAL_TO_IDEOGRAPH)
