"""The facts a brief lists: places, people with roles, organisations, figures, projects.

People, places and organisations are proposed and delimited by a trained model
(:mod:`.ner`, Baidu's LAC) and validated by rules over jieba's words and tags, which also
read roles; figures, dates and projects are rules alone. All run on a Simplified copy of
each paragraph and are reported as the article writes them (offsets map one to one). Every
fact is a span of the article's own text: nothing is paraphrased or completed, so
nothing can be invented (no year is added to a date, no title to a name); the one
completion is the month of a day written alone (昨日（28日）), from a full date before it in its
paragraph or the article's own date (:mod:`.dateline`).
Recall is traded for precision: a phrase that the rules cannot delimit is left out.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from convert.toolkit.chinese import DIGIT_GAP as _D
from convert.toolkit.segment import Token, segment, segment_few, simplified_copy
from convert.toolkit.segment import tag as word_tag

from .bylines import CREDITS, unsigned
from .dateline import Dateline, in_month
from .ner import Mention, mentions


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one space-separated string (easier to read and extend)."""
    return tuple(text.split())


# All word lists are in Simplified characters: they are matched against the Simplified copy.
_PROVINCES = frozenset(
    _words(
        "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 "
        "湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
    )
)
_ADMIN = frozenset("省市县州镇乡村旗")
_GENERIC_STEMS = frozenset(
    _words("直辖 自治 地级 县级 省级 所在 城市 各个 这个 每个 全部 所有 周边")
)
_ROLES = tuple(
    sorted(
        _words(
            "总书记 书记 常委 委员 主席 总理 部长 厅长 局长 处长 司长 省长 市长 县长 区长 州长 "
            "镇长 乡长 村长 主任 秘书长 领导 董事长 总经理 总裁 经理 院长 校长 会长 理事长 行长 "
            "所长 社长 团长 组长 教授 研究员 总工程师 工程师 发言人 大使 负责人 委员长 总统 首相 "
            "国务卿 外长 议长 导演 主演 演员 编剧 制片人 作者 作家 记者 主持人 医师 医生 护士 "
            "律师 法官 检察官 检察长 博士 专家 学者 教练 主教练 队长 选手 运动员 歌手 画家 "
            "CEO 首席执行官 创始人 合伙人 董事 监事 总监 主管 民警 警官 老师 班主任 "
            "长官 署长 顾问 总干事 干事 消防员 救护员 警员 督察 社工 司机 教师 警司 外相 馆长 王后 "
            # Taiwan's legislature and ministries: 立委 (a legislator), a caucus's 总召 (convener)
            # and 干事长 (whip), a ministry's 次长 (deputy minister)
            "立委 召委 总召 召集人 干事长 党鞭 次长"
        ),
        key=len,
        reverse=True,
    )
)
"""Words that, written just before a name, give its role (any role, not only officials)."""
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧傅田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习仝揭闻逄阚"
    "封储糜井富乌牧宓蓬郗班仰伊暴厉戎祖韶郜蓟薄印宿邰鄂索咸籍赖蔺屠郁胥苍莘贡冉郦雍濮寿扈燕冀"
    "浦阎茹宦鱼容庾暨衡匡禄阙殳蔚夔晁訾鞠巢蒯荆竺逯桓"
)
_ORG_SUFFIXES = _words(
    "代表团 人民政府 政府 委员会 党委 日报 晚报 报社 电视台 通讯社 有限公司 公司 集团 银行 大学 "
    "学院 学校 中学 小学 幼儿园 医院 研究院 研究所 科学院 中心 平台 协会 学会 商会 基金会 联合会 "
    "法院 检察院 工厂 交易所 俱乐部 足协 女队 男队 球队 代表队 出版社 杂志社 分局 交警 女篮 男篮 "
    "女排 男排 国家队 教育局 财政局 公安局 卫生局 环保局 交通局 统计局 税务局 商务局 民政局 文化局 "
    "林业局 水利局 气象局 旅游局 规划局 国土局 住建局 审计局 工商局 铁路局 总队 支队 "
    "组委会 理事会 立法会 议会 编队 舰队 厂 联合体 研究会 促进会 艺术团 考察团 办公室 管理处 "
    "总局 法庭 参议院 众议院 看守所 监狱 队"
)
_PROJECT_SUFFIXES = _words(
    "项目 工程 协议 合同 备忘录 产业园 孵化园 活动 仪式 座谈会 联席会议 会议 论坛 峰会 博览会 "
    "运动会 大会 开幕式 闭幕式"
)
_QUOTED_PROJECT = re.compile(
    r"[“「『\"]([^”」』\"]{2,20})[”」』\"](?:" + "|".join(_PROJECT_SUFFIXES) + ")"
)
_SCORE = r"\d{1,3}(?:比\d{1,3}|票对\d{1,3}票)"
"""A score (21比18) or a vote (59票对49票): a figure of its own, what it was scored or voted on
is said around it."""
_HAN_DIGITS = "零〇○一二两三四五六七八九"
_SCALES = "十百千万亿兆"
_NUMBER = (
    # 1亿8000万, 3兆8090亿, 529,971, 1.7 — digits with the scale words between them
    rf"(?:\d+(?:[.,]\d+)*(?:[万亿兆]\d+(?:[.,]\d+)*)*"
    # 五○五七点四, 六十六点二五, 一点○五 (Chinese numerals with a decimal point and ○ for zero)
    rf"|(?<!点)(?:[{_HAN_DIGITS}{_SCALES}]{{2,}}|[一二两三四五六七八九][{_SCALES}]|[{_HAN_DIGITS}十](?=点))"
    rf"(?:点[{_HAN_DIGITS}]+)?)"
)
"""A number as news writes it: digits, Chinese numerals (with 点 for the decimal point and
○/〇 for zero), or both with scale words (1亿8000万)."""
_COUNTERS = "个名家项户所座场艘辆套台枚册张节条批位只头件部本处栋间种类块支架份篇首幅层"
"""Measure words after which the noun they count follows (54个村, 3家企业, 302块金牌)."""
_FIGURE = re.compile(
    rf"(?<![第{_HAN_DIGITS}{_SCALES}])(?<![\d.])(?<!\d,){_NUMBER}(?:多|余)?[{_SCALES}]*(?:多|余)?{_D}(?:"
    r"个百分点|平方公里|平方米|立方米|吉瓦时|千瓦时|千瓦|兆瓦|公里|千米|厘米|毫米|公斤|千克|毫克|"
    r"毫升|人次|批次|美元|港元|欧元|英镑|日元|分钟|个[多半]?小时|小时|个[多半]?月|周岁|英里|海里|县市|"
    r"元|人|吨|亩|公顷|%|"
    r"\uff05|倍|克|升|次|秒|天|岁|米|"
    rf"(?<!\d\d\d\d)(?<!\d\d\d\d )年(?![代来]|{_D}\d{{1,2}}{_D}月{_D}\d{{1,2}}{_D}[日号])"
    # 条 of 232条款 (a section's number) or 条例 counts nothing
    rf"|条(?![款例])|[{_COUNTERS.replace('条', '')}])"
    # A duration or an age in two units is one figure (1年6个月, 28年6月, 3岁5个月, 2小时30分钟).
    rf"(?:(?<=年){_D}零?{_NUMBER}{_D}月(?!{_D}\d{{1,2}}{_D}[日号])"
    rf"|(?<=[年岁月时]){_D}零?{_NUMBER}{_D}(?:个[多半]?月|个[多半]?小时|小时|分钟|天|秒)"
    # A race time: 2小时12分07秒, 1小时05分, 10秒11 (seconds and hundredths).
    rf"|(?<=小时)\d{{1,2}}分(?:钟|\d{{1,2}}秒(?:\d{{2}}(?![\d.]))?)?|(?<=秒)\d{{2}}(?![\d.%])"
    r")?"
    # A percentage in words (百分之六十二点三) and a score (91比79, 3比0).
    rf"|百分之{_NUMBER}|(?<![\d.,:]){_SCORE}(?![\d.,])"
    # An earthquake's magnitude: 芮氏规模7.2, 7.9级地震.
    r"|(?<=规模)\d(?:\.\d)?(?![\d.])|(?<![\d.])\d(?:\.\d)?级(?:强|大)?地震"
    # English amounts: a currency sign or a scale word makes a number a figure.
    r"|(?<![\w.,])(?:[$€£¥]\s?\d+(?:[.,]\d+)*(?:\s?(?:million|billion|trillion|bn)\b)?"
    r"|\d+(?:[.,]\d+)*(?:\s(?:million|billion|trillion)\b|\s?(?:per\s?cent|percent)\b|%))"
)
_SELF_COUNTED = ("县市",)
"""Units that name what they count (21县市): the figure says what it counts by itself."""
_ROUGHLY = re.compile("一两|两三|三四|四五|五六|六七|七八|八九")
"""Two neighbouring numerals make a rough guess (一两天, 三四个人), not a figure worth listing."""
_YEAR = (
    rf"(?:(?<![\d〇零一二三四五六七八九○.])(?:\d{{4}}{_D}|[〇零一二三四五六七八九○]{{4}}|民国\d{{2,3}}{_D}"
    rf"|1\d\d{_D}(?=年{_D}(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_D}月))"
    r"|今|去|明|前)年(?!代)"
)
"""A year: 2018年, 二○一八年, or a Minguo year (Taiwan's calendar): 民国98年, or three digits
before a month, 114年4月 (28年6月 is a prison term)."""
_DECADE = r"(?:上世纪)?(?:\d{2})?\d0年代(?:初|中|末)?"
"""A decade stays one (1980年代, 上世纪80年代初), never a year (1980年)."""
_LASTING = "押刑役期达约共近满逾各历见缓年"
"""Last characters of words a number of months follows as a duration, not a month:
延长羁押2月, 有期徒刑8月, 为期3月, 长达6月, 禁见2月, 28年6月 (a year before a month of
its own is read with it: 2025年6月)."""
_MONTH = rf"(?:\d{{1,2}}{_D}|[一二三四五六七八九十]{{1,3}}|今|上|下|本)月"
_WHEN = (
    rf"(?:{_DECADE}|{_YEAR}(?:{_D}{_MONTH})?|(?<![\d{_LASTING}]){_MONTH})"
    r"(?:上旬|中旬|下旬|上半年|下半年|底|初|末|中|间|春季|夏季|秋季|冬季|[春夏秋冬](?!天|节)|第[一二三四]季度)?"
)
_DATE_SPAN = re.compile(rf"{_WHEN}(?:\s*(?:[-–—~〜至到])\s*{_WHEN})?")
"""Dates with a year or a month only (2018年底, 7月底, 今年春季, 2019年至2021年)."""
_CLAUSE_BREAK = re.compile(
    # not the space between a number and the Han word beside it (巡查 16 次)
    "(?!(?<=[\u4e00-\u9fff]) (?=\\d)|(?<=\\d) (?=[\u4e00-\u9fff]))"
    "[\\s\u3000,\uff0c\u3001;\uff1b\u3002:\uff1a!\uff01?\uff1f\n|\u2502\uff5c]"
)
"""Clause breaks; a headline's separator (宏福苑五级火│600名) too."""
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_PARTICLES = frozenset(_words("由 在 对 与 和 向 从 把 被 将 为 的 了 及 以"))
MAX_FIGURES = 8
"""A brief lists the first few figures; the rest stay in the article."""


@dataclass(frozen=True, slots=True)
class Person:
    """A name with the role the article gives it, and the span as written."""

    text: str
    name: str
    role: str


@dataclass(slots=True)
class Facts:
    places: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)


def _tag(token: Token) -> str:
    return token.tag


def _nounish(token: Token) -> bool:
    """Could be part of a name or a noun phrase: not punctuation, not a function word or verb."""
    return _nounish_word(token.simple, token.tag)


@functools.lru_cache(maxsize=1 << 16)
def _nounish_word(word: str, tag: str) -> bool:
    if not re.match(r"\w", word) or word.isdigit() or word in _PARTICLES:
        return False
    return not tag or (tag.startswith(("n", "j", "l", "b", "vn")) and tag != "nr")


_ABBREVIATED = frozenset("中美日俄英法德意印巴欧亚非韩朝港澳台苏越泰加")
"""One-character names of countries and regions: two of them (中美, 印巴, 欧美) name a
relation or a pair, not a place (南非 and 东亚 start with a direction and are places)."""


def _short_table(pairs: str) -> dict[str, frozenset[str]]:
    return {full: frozenset(short) for full, short in (p.split(":") for p in _words(pairs))}


_COUNTRY_SHORTS = _short_table(
    "中国:中华 美国:美 俄罗斯:俄 日本:日 韩国:韩 朝鲜:朝 英国:英 法国:法 德国:德 "
    "意大利:意 印度:印 印度尼西亚:印 印尼:印 巴基斯坦:巴 巴西:巴 越南:越 泰国:泰 "
    "加拿大:加 澳大利亚:澳 以色列:以 葡萄牙:葡 西班牙:西 蒙古:蒙 新加坡:新 "
    "马来西亚:马 菲律宾:菲 埃及:埃 古巴:古 墨西哥:墨 阿根廷:阿 希腊:希 土耳其:土 "
    "伊朗:伊 伊拉克:伊 苏联:苏 欧洲:欧 亚洲:亚 非洲:非 "
    "荷兰:荷 比利时:比 波兰:波 奥地利:奥 缅甸:缅"
)
_DOMESTIC_SHORTS = _short_table(
    "北京:京 天津:津 上海:沪 重庆:渝 河北:冀 山西:晋 辽宁:辽 吉林:吉 黑龙江:黑 "
    "江苏:苏 浙江:浙 安徽:皖 福建:闽 江西:赣 山东:鲁 河南:豫 湖北:鄂 湖南:湘 "
    "广东:粤 海南:琼 四川:川蜀 贵州:黔贵 云南:滇云 陕西:陕秦 甘肃:甘陇 青海:青 "
    "台湾:台 内蒙古:蒙 广西:桂 西藏:藏 宁夏:宁 新疆:新 香港:港 澳门:澳 "
    "黄河:黄 淮河:淮 长江:江"
)
SHORT_FORMS = {**_COUNTRY_SHORTS, **_DOMESTIC_SHORTS}
"""The standard one-character short forms of countries, continents, provinces and great
rivers, by full name (Simplified), as news writes them in pairs (中美, 京津冀) and alone
(俄总统, 访华)."""
_SHORT_CHARACTERS = frozenset().union(*SHORT_FORMS.values())
_SHORT_RUN = re.compile(f"[{''.join(sorted(_SHORT_CHARACTERS))}]{{2,4}}")
_RIVERS = frozenset(_words("黄河 淮河 长江"))


def _readings(table: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """The places each short form may stand for (澳: 澳大利亚; 澳门), rivers left out: 江
    alone is too often no river to list one for it."""
    found: dict[str, tuple[str, ...]] = {}
    for full, shorts in table.items():
        for short in shorts:
            if full not in _RIVERS:
                found[short] = (*found.get(short, ()), full)
    return found


_ABROAD = _readings(_COUNTRY_SHORTS)
_AT_HOME = _readings(_DOMESTIC_SHORTS)
_TRADITIONAL = str.maketrans(
    dict(
        zip(
            "国罗韩鲜亚马来宾腊苏联欧庆辽宁龙东广贵云陕肃湾内门兰缅奥时",
            "國羅韓鮮亞馬來賓臘蘇聯歐慶遼寧龍東廣貴雲陝肅灣內門蘭緬奧時",
            strict=True,
        )
    )
)
"""The characters of the full names above that Traditional text writes otherwise (台 of
台灣 stays: Taiwan's and Hong Kong's papers write it so)."""


def short_forms_of(place: str) -> frozenset[str]:
    """The short forms of a place written in full in either script (中國 → 中, 華)."""
    return SHORT_FORMS.get(place_key(simplified_copy(place)), frozenset())


def _reading(short: str, run: str, abroad: bool = False) -> str:
    """The one place (Simplified, in full) that a short form names among the short forms
    written with it (``run``: 港澳, 中澳), or "": 澳 is 澳门 beside a short form of home (港),
    澳大利亚 beside a country's (中) or as a country's side (``abroad``: 澳方); 江 names no
    river to list."""
    others = run.replace(short, "")
    if any(c in _AT_HOME and c not in _ABROAD for c in others):
        choices = _AT_HOME.get(short, ())
    elif abroad or any(c in _ABROAD and c not in _AT_HOME for c in others):
        choices = _ABROAD.get(short) or _AT_HOME.get(short, ())
    else:
        choices = _ABROAD.get(short, ()) + _AT_HOME.get(short, ())
    return choices[0] if len(choices) == 1 else ""


_SIDE = frozenset("方军籍")
"""中方, 美军, 美籍: a short form before these is a country's (or a region's) side."""
_SIDES = frozenset(_ABROAD) | frozenset("港台澳")
"""Whose side 中方, 港方 name: a country's, Hong Kong's, Taiwan's, Macao's (鲁方 and 秦方 are
more often the side of someone surnamed 鲁 or 秦 than Shandong's or Shaanxi's)."""
_NOT_SIDES = frozenset(_words("西方 亚军 土方 古方 古籍 比方 新军 阿方"))
"""The West, a runner-up, earthworks, an old recipe, old books, "for example", a new army."""
_HEADS = frozenset(_words("总统 总理 首相 外长 外交部长 国防部长 国王 政府 大使 使馆 议会"))
"""俄总统, 美政府: a short form before these is a country's."""
_VISITING = frozenset("驻访来抵赴旅在对")
"""驻华, 访美, 抵京, 在京, 对华: a short form after these is where someone is, goes or
looks."""
_SHORT_OR_VISITING = _SHORT_CHARACTERS | _VISITING
_RELATION = re.compile(
    "关系|友好|友谊|合作|两国|三国|四国|五国|双方|双边|建交|经贸|贸易|首脑|会谈|会晤|"
    "边界|边境|之间|联合声明|外长|峰会"
)
"""中美关系, 中加友好, 中德建交: short forms before these name the countries related."""


def _short_places(simple: str, tokens: Sequence[Token]) -> dict[int, tuple[str, bool]]:
    """Short forms that news writes as places, by offset, with the short forms written
    with them and whether they name a country's side: a side (中方, 美军), a country's head
    or body (俄总统), where someone is, goes or looks (驻华, 抵京, 在京, 对华), a run of two
    or more countries or provinces before a relation (中加关系, 日中友好)."""
    found: dict[int, tuple[str, bool]] = {}
    starts = {t.start for t in tokens}
    for k, token in enumerate(tokens):
        word = token.simple
        if word[0] not in _SHORT_OR_VISITING:
            continue
        before = tokens[k - 1].simple if k else ""
        after = tokens[k + 1].simple if k + 1 < len(tokens) else ""
        if (word[1:] or after) in _HEADS and _placelike(word[0]):  # 俄总统, 俄|总统
            found[token.start] = (word[0], True)
        elif len(word) == 1 and before in _VISITING and _placelike(word):  # 在|京
            found[token.start] = (word, False)
        elif len(word) == 2 and word[1] in _SIDE and word[0] in _SIDES and word not in _NOT_SIDES:
            if not _verbal(word):
                found[token.start] = (word[0], True)
        elif word[0] in _VISITING and _placelike(word[1:2]) and _visit(word[:2]):
            found[token.start + 1] = (word[1], False)  # 驻华, 驻华使节
    for run in _SHORT_RUN.finditer(simple):
        if run.start() in starts and _RELATION.match(simple, run.end()) and _several(run[0]):
            found.update((run.start() + i, (run[0], False)) for i in range(len(run[0])))
    return {at: seen for at, seen in found.items() if simple[at] in _SHORT_CHARACTERS}


def _visit(word: str) -> bool:
    """驻华, 访美, 对华 as jieba reads them: a verb or a word it does not know (not the time
    word 来日, days to come)."""
    return word_tag(word) in ("v", "ns", "")


def _verbal(word: str) -> bool:
    """以军 as jieba reads it in 以军为主: a verb, not Israel's army."""
    return word_tag(word)[:1] in ("v", "p", "c", "d", "a")


def _placelike(short: str) -> bool:
    """A short form that is no common word on its own: 以 and 比 are prepositions, 新 and 古
    adjectives, 加 and 印 verbs, 中 and 西 directions, 意 and 马 nouns (在以…为核心)."""
    return word_tag(short) in ("ns", "j", "nr", "m", "q")


def _several(run: str) -> bool:
    """Short forms of two or more places (中美, 京津冀, 中巴): not one place's other name
    (中华) nor a run holding a full name (中蒙古)."""
    if any(full in run for full in SHORT_FORMS):
        return False
    return len({_reading(c, run) or c for c in run}) >= 2


def _placename_of_its_own(run: str) -> bool:
    """A run of short forms the dictionary knows as one place (西宁 286, 台江 9, 中亚 1,078;
    above 3, the frequency it gives the pairs it lists, such as 中美). Before a relation the
    run is read as places all the same (中加关系; 中加 is 130)."""
    return word_tag(run) == "ns" and _freq(run) > 3


def _listed_with_others(simple: str, at: int) -> bool:
    """A character listed with 、 beside a character that is no short form (华、汪: two
    surnames): the items of a list are of one kind."""
    after, before = simple[at + 1 : at + 3], simple[max(at - 2, 0) : at]
    return any(
        len(pair) == 2
        and "、" in pair
        and _HAN.fullmatch(c := pair.replace("、", ""))
        and c not in _SHORT_CHARACTERS
        for pair in (after, before)
    )


def _short_mentions(
    simple: str, tokens: Sequence[Token], named: Sequence[Mention]
) -> dict[int, tuple[str, bool]]:
    """Short forms written as places (:func:`_short_places`) and those the model tags as
    places by a clear margin: a whole word alone (not 华 of 华、汪) or a run of two or more
    places (中美, not 西宁)."""
    seen = _short_places(simple, tokens)
    for m in named:
        run = _short_forms(simple[m.start : m.end])
        if m.kind != "LOC" or not run or m.margin < UNSURE:
            continue
        if not _own_words(tokens, m.start, m.end):
            continue
        if len(run) == 1 and _listed_with_others(simple, m.start):
            continue
        if len(run) == 1 and word_tag(simple[m.start : m.end + 1]) in ("ns", "s"):
            continue  # 前往台|中将: 台 starts 台中, glued to the next word, not Taiwan
        if len(run) == 1 or (_several(run) and not _placename_of_its_own(run)):
            seen.update((m.start + i, (run, False)) for i in range(len(run)))
    return seen


def _own_words(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A span that starts a word and ends one, or before a word jieba glued to it (中美 of
    中美关系, 港澳 of 港澳同胞; not 法 of 法西斯, 墨西 of 墨西哥: 斯 and 哥 are no words)."""
    word = next((t for t in tokens if t.start == start), None)
    rest = word.simple[end - start :] if word else ""
    return word is not None and (not rest or (len(rest) >= 2 and _freq(rest) > 0))


def _short_forms(name: str) -> str:
    """The characters of ``name`` if it is written only in short forms (中美, 京津冀, 俄)."""
    return name if len(name) <= 4 and all(c in _SHORT_CHARACTERS for c in name) else ""


_CURRENCY_ENDS = _words("克朗 法郎 卢布 马克 英镑 比索 美元 日元 欧元 卢比 里拉")


@functools.lru_cache(maxsize=1 << 16)
def _not_a_place(word: str) -> bool:
    """Words the dictionary tags as places that name no place (中美, 挪威克朗, 全国); asked
    of every word of an article, so remembered."""
    return (
        word in _NOT_PLACES
        or word in _HOUSING  # 屋苑, 屋邨: kinds of housing
        or (len(word) == 2 and word[0] in _ABBREVIATED and word[1] in _ABBREVIATED)
        or (len(_short_forms(word)) == 2 and _several(word) and not _placename_of_its_own(word))
        or (len(word) >= 3 and bool(_short_forms(word)))  # 台港澳, 京津冀: several places
        or word.endswith(_CURRENCY_ENDS)
    )


def _place_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, end) of each place named: dictionary places (ns), provinces, and names
    ending in 省市县州镇乡村旗 (海东市, 五十镇); overlapping finds keep the longer."""
    spans: list[tuple[int, int]] = []
    for k, token in enumerate(tokens):
        word, previous = token.simple, tokens[k - 1] if k else None
        if _not_a_place(word) or not _HAN.fullmatch(word):
            continue
        tag = _tag(token)
        if (
            word[0] in _ADMIN
            and (len(word) == 1 or not tag)
            and previous is not None
            and len(previous.simple) >= 2
            and _nounish_or_place(previous)
        ):
            spans.append((previous.start, token.start + 1))
            rest = word[1:]
            if len(rest) >= 3 and rest[-1] in _ADMIN:
                spans.append((token.start + 1, token.end))
        elif word.endswith("地区") and tag == "ns" and len(word) > 3:
            if word[:-2] not in _NOT_PLACES:
                spans.append((token.start, token.end - 2))  # 东北地区 names 东北
        elif word.endswith(("政府", "当局")) and word_tag(word[:-2]) == "ns":
            spans.append((token.start, token.end - 2))  # 中国政府 names 中国
        elif tag == "ns" and _two_words(word):
            continue  # 加大力度, 兴旺发达: the dictionary tags some phrases as places
        elif word in _PROVINCES or (tag == "ns" and len(word) >= 2) or _admin_named(tokens, k):
            spans.append((token.start, token.end))
    return _longest(spans)


def _two_words(word: str) -> bool:
    """A four-character word made of two words that are not places (加大+力度), or a plural
    of places (亚洲各国)."""
    if word.endswith("各国"):
        return True
    halves = (word[:2], word[2:])
    return len(word) == 4 and all(word_tag(h) not in ("", "ns") and _freq(h) > 0 for h in halves)


def _admin_named(tokens: Sequence[Token], k: int) -> bool:
    """阿合奇县 (a word ending in an admin character), or 克州 right after 新疆."""
    word = tokens[k].simple
    if word[-1] not in _ADMIN:
        return False
    if _tag(tokens[k]) not in ("", "ns", "n") or word_tag(word[-2:]) not in ("", "ns"):
        return False  # 流落他乡 (an idiom), 全球股市 (股市 is a word)
    if len(word) >= 3:
        stem = word[:-1]  # 贫困县: an adjective, not a name (互助县 is a verb and a county)
        return stem not in _GENERIC_STEMS and not word_tag(stem).startswith("a")
    return len(word) == 2 and not _tag(tokens[k]) and k > 0 and _tag(tokens[k - 1]) == "ns"


def _longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of overlapping spans the longer (海东市 over 海东), in order."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept


def _nounish_or_place(token: Token) -> bool:
    """Could be the name part of a place (海东 of 海东市, 五十 of 五十镇), not 三个 or 第十六届."""
    word = token.simple
    counted = word.startswith("第") or word.endswith(("个", "届", "级", "名", "家"))
    return (_nounish(token) or _tag(token) in ("ns", "m")) and not (
        counted or word in _GENERIC_STEMS
    )


def _drop_contained(items: list[str]) -> list[str]:
    """Keep each item unless a longer listed item contains it (海东市 inside 青海省海东市)."""
    return [a for a in items if not any(a != b and a in b for b in items)]


def _is_role(token: Token) -> bool:
    return _is_role_word(token.simple)


@functools.lru_cache(maxsize=1 << 16)
def _is_role_word(word: str) -> bool:
    return word.endswith(_ROLES) or (word[-1:] == "兼" and word[:-1].endswith(_ROLES))


DATELINE_ENDS = frozenset(_words("电 日电 专电 电讯 讯 日讯 本报讯 报讯 网讯 台讯 快讯"))
"""How jieba cuts the end of a dateline (…5月23日电, 本报北京6月1日讯, 本报讯, 华西都市报网讯):
no role starts there and no keyword is one."""


def _qualifies_role(tokens: Sequence[Token], i: int, places: set[int]) -> bool:
    """Token ``i`` can stand before a role: 海东市, 市政府, 副, or 、 after another role;
    not the end of a dateline (新华社北京5月23日电, 本报讯), which precedes the news."""
    token = tokens[i]
    if token.simple in DATELINE_ENDS:
        return False
    if token.simple == "\u3001":
        return i >= 1 and _is_role(tokens[i - 1])
    if token.simple == "及":  # 民政及青年+局长: a body named with 及 inside
        return 1 <= i < len(tokens) - 1 and all(
            (_nounish(t) or _tag(t) == "t") and not _is_role(t)
            for t in (tokens[i - 1], tokens[i + 1])
        )
    if _tag(token) == "t" and i >= 1 and tokens[i - 1].simple == "及":
        return True  # 青年 (jieba: a time word) of 民政及青年局长
    word = token.simple
    if not token.tag and len(word) == 2 and _glued_act(word):
        return False  # 昨邀, 灌爆: a time or an act glued to a verb, words jieba does not know
    return (
        _is_role(token)
        or token.simple in ("副", "常务")
        or (
            token.simple in _FORMER
            and i + 1 < len(tokens)
            and _is_role(tokens[i + 1])
            and not _a_time_before(tokens, i)
        )
        or token.simple in _ADMIN
        or token.start in places
        or _nounish(token)
        or _tag(token) in ("ns", "nt", "nz")
        or (not _tag(token) and len(token.simple) >= 2 and token.simple.endswith(_ORG_END))
    )  # 法团 (an owners' corporation) of 法团前主席: a body's short name jieba does not know


def _glued_act(word: str) -> bool:
    """A time, an adverb or a verb and a verb (昨+邀, 灌+爆), not a name's stem (基+进 of
    台湾基进党)."""
    return word_tag(word[0])[:1] in ("t", "d", "v") and word_tag(word[1]).startswith("v")


_FORMER = frozenset(_words("前 原 时任 署理 候任"))
"""Before a role, a word that dates it (法团前主席, 原局长): part of the role as written."""


def _role_start(tokens: Sequence[Token], k: int, places: set[int]) -> int:
    """Walk left from role token ``k`` over its qualifiers (海东市, 市政府, 省委常委、...), and
    over a word that dates the whole role (前+台北市长: the former mayor, whom the role
    without 前 would falsely call the mayor), not a time's 前 (三天前)."""
    start = k
    while start > 0 and (
        _qualifies_role(tokens, start - 1, places) or _body_cut(tokens, start - 1)
    ):
        start -= 1
    if start > 0 and tokens[start - 1].simple in _FORMER and not _a_time_before(tokens, start - 1):
        start -= 1
    return start


def _a_time_before(tokens: Sequence[Token], i: int) -> bool:
    """A number or a time before token ``i`` (三天+前, 两年+前): its 前 is "ago", no former."""
    before = tokens[i - 1].simple if i else ""
    return word_tag(before)[:1] in ("m", "t", "q") or before[-1:].isdigit()


def _body_cut(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` and the first character of the role after it name a body (立法+院长: the
    speaker of 立法院, whom 院长 alone does not name), as jieba cuts 立法|院长."""
    nxt = tokens[i + 1].simple if i + 1 < len(tokens) else ""
    body = tokens[i].simple + nxt[:1]
    return (
        len(nxt) == 2
        and nxt.endswith("长")
        and body.endswith(_ORG_END)
        and bool(_HAN.fullmatch(tokens[i].simple))
        and (word_tag(body) in ("nt", "l", "j") or body in _ORG_SUFFIXES)
    )


def _phrases(
    tokens: Sequence[Token], suffixes: tuple[str, ...], joiners: tuple[str, ...] = ()
) -> list[tuple[int, int, int]]:
    """(start, end, stem token count) of noun phrases ending in one of ``suffixes``."""
    found: list[tuple[int, int, int]] = []
    for k, token in enumerate(tokens):
        if not _ends_with(token.simple, suffixes):
            continue
        start = k
        while (
            start > 0
            and not (start > 1 and tokens[start - 2].simple[-1:].isdigit())
            and not _is_role(tokens[start - 1])
            and (
                _nounish(tokens[start - 1])
                or (start < k and _tag(tokens[start - 1]) == "nr")
                or tokens[start - 1].simple in joiners
                or tokens[start - 1].simple == "·"
                or _tag(tokens[start - 1]) in ("ns", "nz", "nt")
            )
        ):
            start -= 1
        while start < k and tokens[start].simple in (*joiners, "·"):
            start += 1
        # An item of a list (项目A、项目B) starts right after the 、.
        after_item = found and start >= 2 and tokens[start - 2].simple == "\u3001"
        if after_item and found[-1][1] == tokens[start - 2].start:
            start -= 1
        found.append((tokens[start].start, token.end, k - start))
    return found


@functools.lru_cache(maxsize=1 << 16)
def _ends_with(word: str, suffixes: tuple[str, ...]) -> bool:
    return word.endswith(suffixes)


def _within(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> list[Token]:
    """The tokens lying inside [start, end) (``starts`` are the tokens' sorted start offsets).

    Bisection keeps fact extraction linear on long articles.
    """
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end, first)
    return [t for t in tokens[first:last] if t.end <= end]


def _specific(
    tokens: Sequence[Token], starts: Sequence[int], start: int, end: int, places: set[int]
) -> bool:
    """A proper name, not a generic phrase: it has a place, or a word jieba does not know
    (other than a demonstrative such as 这一 of 这一项目)."""
    inside = _within(tokens, starts, start, end)
    return any(
        t.start in places
        or (not _tag(t) and not word_tag(t.simple[:1]).startswith("r"))
        or _tag(t) in ("ns", "nz", "nt", "nrt")
        for t in inside[:-1]
        if re.match(r"\w", t.simple)
    )


def _figures(text: str, tokens: Sequence[Token]) -> list[str]:
    """Amounts and counts with the words before them in their clause (总投资1亿元), after a
    measure word or a unit the noun phrase it counts (涉及三县54个村, 开放8间临时庇护中心,
    5000多年文明史), after a count of people the verb of death, injury or rescue (造成128人死亡),
    a death toll written without a unit (死亡人数增至146, 128死) and a score (以91比79). A
    change said of nothing in its clause takes the subject of the figure before it in the
    sentence (第一产业增加值40666亿元，同比增长3.5% lists 第一产业增加值…同比增长3.5%)."""
    simple = simplified_copy(text)
    starts = [t.start for t in tokens]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(simple)]
    found = []
    last = 0  # where the figure before ends: no context reaches back into it
    subject = ""  # the context of the figure before in this sentence
    matches = sorted(
        itertools.chain(_FIGURE.finditer(simple), _TOLL.finditer(simple)), key=re.Match.start
    )
    for match in matches:
        if _ROUGHLY.match(match.group(0)) or _no_figure(simple, tokens, starts, match):
            continue
        if _SENTENCE_END.search(simple, last, match.start()):
            subject = ""
        before = bisect.bisect_right(breaks, match.start())
        clause = breaks[before - 1] if before else 0
        # At most eight characters of context, starting on a word boundary.
        floor = max(clause, last)
        first = bisect.bisect_left(starts, max(floor, match.start() - 8))
        if first > 0 and tokens[first - 1].start >= floor and _qualifier(tokens[first - 1]):
            first -= 1  # 核心 of 核心|CPI同比上涨0.7%: the noun's qualifier stays with it
        if _localizer(tokens, first) and tokens[first - 1].start >= floor:
            first -= 1  # 上 of 银行卡|上|的钱: the context starts with the place it locates
        while (
            first < len(tokens)
            and tokens[first].start < match.start()
            and _no_start(simple, tokens, first)
        ):
            first += 1
        if _glued(simple, tokens, first, max(clause, last)):
            first -= 1  # 埗 of 深水|埗大火: the context starts with the whole word
        if _governed(tokens, first, max(clause, last, match.start() - 10)):
            first -= 2  # 计价 of 以|美元|计价: the context starts with the preposition
        for k in range(first, bisect.bisect_left(starts, match.start())):
            if tokens[k].simple in _WHEN_CLAUSE and not (
                k and tokens[k - 1].simple + "时" in _TAKING
            ):
                first = k + 1  # 起火时|8座大厦: what happened when, not what the 8 are
        start = starts[first] if first < len(starts) else clause
        if first < len(tokens) and _opens_on_preposition(tokens[first]):
            start += 1  # 为屋|邨6座楼宇, as jieba glues them: 屋邨6座楼宇
        start = _whole_number_before(simple, start, max(clause, last))
        end = match.end()
        at = bisect.bisect_right(starts, end - 1) - 1  # the word holding the figure's end
        unit = match.group(0)[-1]
        if unit in _COUNTERS:
            held = tokens[at].simple[end - tokens[at].start :] if at >= 0 else ""
            if (
                held
                and _HAN.fullmatch(tokens[at].simple)
                and (word_tag(held)[:1] not in tuple("rdvpcu") or _tag(tokens[at])[:1] == "n")
            ):
                end = tokens[at].end  # 个村, 处分 segmented as one word (not 本该 of 2700本该)
            elif at + 1 < len(tokens) and tokens[at + 1].start == end:
                end = _counted(tokens, at + 1)
        elif unit in "人名" or match.group(0).endswith("岁"):
            end = _befell(simple, starts, end) or (
                end if unit != "岁" or at + 1 >= len(tokens) else _aged(tokens, at + 1)
            )
        elif _SCORE_END.search(match.group(0)):
            end = _score_end(simple, end)
        elif unit not in "%\uff05" and at + 1 < len(tokens) and tokens[at + 1].start == end:
            end = _unit_counted(simple, tokens, at + 1)  # 28年6月|徒刑, 7次|失误
        if match.group(0).endswith("岁") and end == match.end() and simple.startswith("的", end):
            last = max(last, end)  # nor is it the context of the figure after
            continue  # 16岁的“小孩姐”陈妤颉, 13岁的河北选手: the age of someone named after
        toll = match.re is _TOLL
        start, end = _balanced(simple, match.start() if toll else min(start, match.start()), end)
        listed = _list_verb(text, tokens, breaks, before, last, match.start())
        last = max(last, end)
        english = _ENGLISH_FIGURE.search(simple, max(0, match.start() - 2), match.end())
        counted = end > match.end()
        said = (
            toll
            or english
            or counted
            or _SCORE_END.search(match.group(0))
            or match.group(0).endswith(_SELF_COUNTED)  # 其余21县市: the unit is what it counts
        )
        if listed:  # 起诉柯文哲、…、李文宗等11人: the list's verb and its count
            found.append(listed + "\u2026" + text[match.start() - 1 : end])
            continue
        context = _within(tokens, starts, start, match.start())
        if not said and unit in "人名岁" and not _names_whom(context, counting=True):
            continue  # 裁定2人, 通知39岁: a count of people or an age said of nobody
        if (
            not said
            and unit in "人名"
            and simple[match.start() - 1 : match.start()] in _OBJECT_MARKERS
            and not (context and context[-1].simple in _VOTES)
        ):
            continue  # 将2人|拘提: what is done to them follows the figure (not 反对|55人)
        if not said and not _said_of(tokens, starts, start, match.start(), False):
            continue
        change = any(t.simple in _CHANGES for t in context) and all(map(_only_verbal, context))
        if subject and change and not (toll or counted):
            found.append(subject + "\u2026" + text[start:end])
            continue
        found.append(text[start:end])
        subject = _subject(text, context) if _names_whom(context) else ""
    return found


def _qualifier(token: Token) -> bool:
    """A noun, a name or a vote of two or more Han characters, which qualifies the noun after
    it (核心 of 核心CPI, 赞成 of 赞成民进党复议案者): a context's window that cuts it or ends
    right after it takes it whole. Verbs and adverbs (据悉, 尽快) start what is said, not what
    it is said of."""
    tag = _tag(token)
    return (
        len(token.simple) >= 2
        and bool(_HAN.fullmatch(token.simple))
        and (tag[:1] in ("n", "j", "b") or tag == "vn" or token.simple in _VOTES)
    )


def _opens_on_preposition(token: Token) -> bool:
    """A word jieba does not know that a one-character preposition starts (为屋 of 为屋|邨)."""
    word = token.simple
    return not token.tag and len(word) >= 2 and word[0] in _PARTICLES and word_tag(word[0]) == "p"


_WHEN_CLAUSE = frozenset(_words("时 时候 之时"))
"""The end of a clause of time (起火时, 到场的时候): a figure's context starts after it."""
_TAKING = frozenset(_words("用时 耗时 费时 历时"))
"""Verbs of time taken, cut 用|时 by jieba: the time taken follows, no clause of time."""


def _governed(tokens: Sequence[Token], k: int, floor: int) -> bool:
    """Whether the context's first word follows a preposition and its noun after ``floor``
    (the clause's start, at most 10 characters before the number: 以|美元|计价), so it must
    start with the preposition."""
    return (
        k >= 2
        and k < len(tokens)
        and tokens[k - 2].start >= floor
        and len(tokens[k - 2].simple) == 1
        and _tag(tokens[k - 2])[:1] == "p"
        and _tag(tokens[k - 1])[:1] in ("n", "q")
    )


def _list_verb(
    text: str, tokens: Sequence[Token], breaks: Sequence[int], at: int, floor: int, figure: int
) -> str:
    """The verb a list is the object of, when a count closes the list (起诉柯文哲、沈庆京、…、
    李文宗等11人): the last verb of the first clause back, across 、, that has one. Else ""."""
    if text[figure - 1 : figure] != "等":
        return ""
    k = at - 1
    while k >= 0 and breaks[k] > floor and text[breaks[k] - 1] == "、":
        begin = breaks[k - 1] if k > 0 else 0
        verbs = [
            t
            for t in tokens
            if begin <= t.start < breaks[k] - 1
            and _tag(t)[:1] == "v"
            and _tag(t) != "vn"
            and len(t.simple) >= 2
        ]
        if verbs:
            return text[verbs[-1].start : verbs[-1].end]
        k -= 1
    return ""


_SENTENCE_END = re.compile("[。！？；;!?]")
_SCORE_END = re.compile(rf"{_SCORE}$")
_SCORE_START = re.compile(rf"{_SCORE}(?!\d)")
_AFTER_SCORE = 6
"""Characters of a clause after a score still read with it (以21比18逆转拿下)."""


def _score_end(simple: str, end: int) -> int:
    """The end of a score's clause when it is short (3比0战胜日本队), else the score's end."""
    tail = _CLAUSE_BREAK.search(simple, end)
    stop = tail.start() if tail else len(simple)
    return stop if stop - end <= _AFTER_SCORE and _HAN.fullmatch(simple[end:stop]) else end


_EVENTS = ("男子", "女子", "混合", "混双", "男双", "女双", "男团", "女团")
"""Words before a distance or a weight that name a sports event (男子10米跳台), no figure."""
_SPAN_WORDS = frozenset(_words("前 倒数"))
"""Words before a number that make it a point or span of a match or list (前3节, 倒数6分37秒)."""
_OBJECT_MARKERS = frozenset("将把对向让令使给替帮")
"""Coverbs before a count of people whose clause says only what is done to them (将2人拘提),
unless the noun they count follows (对5名分析师)."""


def _no_figure(
    simple: str, tokens: Sequence[Token], starts: Sequence[int], match: re.Match[str]
) -> bool:
    """A number that counts nothing: an event's distance (男子10米), a span of a match
    (前3节, 倒数6分37秒), the seconds of a clock time (6分|37秒)."""
    at = match.start()
    k = bisect.bisect_left(starts, at) - 1
    word = tokens[k].simple if k >= 0 and tokens[k].end == at else ""
    return (
        (simple.endswith(_EVENTS, 0, at) and match.group(0).endswith(("米", "公里", "公斤")))
        or word in _SPAN_WORDS
        or (simple[at].isdigit() and bool(_CLOCK_BEFORE.search(simple, max(0, at - 4), at)))
    )


_CLOCK_BEFORE = re.compile(rf"\d{_D}[时点分]{_D}$")
_TIME_BEFORE = re.compile(rf"(?:\d{{1,4}}{_D}[年月日时点時點]{_D})+$")


def _whole_number_before(simple: str, start: int, floor: int) -> int:
    """A context starting on a number right after another (45分 of 14时45分) starts with the
    whole time: 14时45分宣布休息10分钟."""
    if not simple[start : start + 1].isdigit():
        return start
    before = _TIME_BEFORE.search(simple, floor, start)
    return before.start() if before else start


_CHANGES = frozenset(
    _words("增长 下降 上涨 下跌 增加 减少 提高 降低 上升 回落 扩大 缩小 收缩 增至 降至 升至 跌至")
)
"""Verbs of change: said of nothing in their clause, they are said of the figure before."""
_COMPARING = frozenset(_words("同比 环比 比上年 较上年 比去年 较去年"))


_VOTES = frozenset(_words("赞成 反对 弃权"))
"""Votes counted in people (赞成48人，反对55人): each a figure of its own."""
_QUANTIFYING = (
    frozenset(
        _words(
            "有 已有 共有 约有 另有 尚有 仍有 多达 超过 逾 达 达到 增至 升至 共计 合共 总共 累计 "
            "涉及 波及 惠及 覆盖 容纳 享年 终年 时年 年仅"
        )
    )
    | _VOTES
)
"""Verbs that state a count or an age (已有约7,800人, 涉及350人, 享年91岁) or a vote (赞成48人):
the number is the news, said of whom or not."""


def _names_whom(context: Sequence[Token], counting: bool = False) -> bool:
    """Whether a figure's context names what it is about: a noun, a name or a place
    (台钢猎鹰有5人, 第一产业增加值), not only verbs and times (裁定2人, 当天下午通知39岁);
    with ``counting`` a verb that states the count will do (已有约7,800人)."""
    return any(
        (counting and t.simple in _QUANTIFYING)
        or (
            t.simple not in _COMPARING
            and t.simple not in _RELATING
            and (
                t.tag.startswith(("n", "j", "l", "eng"))
                or (not t.tag and len(t.simple) >= 2 and bool(_HAN.fullmatch(t.simple)))
            )
        )
        for t in context
    )


def _subject(text: str, context: Sequence[Token]) -> str:
    """A figure's context without the verbs at its end (公司营收|达到): what it is said of."""
    words = list(context)
    while words and _only_verbal(words[-1]):
        words.pop()
    return text[words[0].start : words[-1].end] if words else ""


def _only_verbal(token: Token) -> bool:
    """A word of a change said of nothing (同比|增长, 增长): a verb, an adverb, a comparison."""
    return (
        token.simple in _COMPARING
        or (token.tag[:1] in ("v", "d", "p", "c", "u") and token.tag != "vn")
        or not _HAN.match(token.simple)
    )


_TOLL = re.compile(
    rf"(?:死亡|遇难|罹难|伤亡|受伤|失踪|失联)人数[^，,。；;：:\s]{{0,8}}?{_NUMBER}"
    rf"(?=[\s\u3000，,、。；;）)]|$)|{_NUMBER}死(?=[\s\u3000，,、。；;]|$)"
)
"""A death toll without a unit: 死亡人数增至146, a headline's 128死."""
_BEFELL = _words(
    "死亡 死难 罹难 遇难 丧生 身亡 殉职 受伤 重伤 轻伤 失踪 失联 下落不明 获救 留医 送院 危殆 死 伤"
)
"""What befell the people a figure counts: the figure a disaster story is about."""
_DEATH = re.compile("死|罹难|遇难|丧生|身亡|殉职|条人?命")
_CASUALTY = re.compile(
    rf"(?:{_NUMBER})(?:多|余)?{_D}[人名]?(?:{'|'.join(sorted(_BEFELL, key=len, reverse=True))})"
    r"|(?:死亡|遇难|罹难|伤亡|受伤|失踪|失联)人数.*\d|\d死|\d(?:多|余)?条人?命"
)


_MANNER = ("", "不幸", "先后", "相继", "全部", "均")
"""Words that may stand between a count of people and what befell them (13人不幸死亡)."""
MAX_AFTERMATH = 3
"""Characters after the verb still read with it when the clause ends there (4人送院后不治)."""


def _befell(simple: str, starts: Sequence[int], end: int) -> int | None:
    """The end of a verb of death, injury or rescue right after a count of people
    (128人|死亡, 36人|死，, 13人|不幸|死亡), or None: a one-character verb must end a word
    (not 伤心). A clause that ends a few characters later ends there: what follows
    changes what befell them (4人送院|后不治)."""
    for manner in _MANNER:
        if not simple.startswith(manner, end):
            continue
        for verb in sorted(_BEFELL, key=len, reverse=True):
            at = end + len(manner)
            if simple.startswith(verb, at):
                after = at + len(verb)
                if len(verb) > 1 or after == len(simple) or not _HAN.match(simple[after]):
                    tail = _CLAUSE_BREAK.search(simple, after)
                    stop = tail.start() if tail else len(simple)
                    aftermath = _HAN.fullmatch(simple[after:stop])
                    return stop if aftermath and stop - after <= MAX_AFTERMATH else after
    return None


def _aged(tokens: Sequence[Token], k: int) -> int:
    """The end of a noun of two or more characters after an age (37岁|消防员, 37岁|的|消防员),
    else where the age ends (16岁时 stays 16岁)."""
    token = tokens[k]
    if token.simple == "的" and k + 1 < len(tokens) and tokens[k + 1].start == token.end:
        after = _aged(tokens, k + 1)
        if after != tokens[k + 1].start:
            return after
    tag = _tag(token)
    if (
        len(token.simple) >= 2
        and _HAN.fullmatch(token.simple)
        and tag[:1] == "n"
        and tag not in ("nr", "ns", "nt")
    ):
        return token.end
    return token.start


def _glued(simple: str, tokens: Sequence[Token], k: int, clause: int) -> bool:
    """Whether the context's first word is one character glued to the word before it inside
    the clause (埗 of 深水埗, as jieba cuts it), or a numeral word after a noun or a
    direction of one character (半部 of 东|半部, 西|半部), so the context must start one word
    earlier."""
    if not (0 < k < len(tokens) and tokens[k - 1].start >= clause):
        return False
    word, before = tokens[k].simple, tokens[k - 1].simple
    return bool(_HAN.fullmatch(word + before)) and (
        (len(word) == 1 and _tag(tokens[k])[:1] not in tuple("rpucdvm"))
        or (_tag(tokens[k]) == "m" and len(before) == 1 and _tag(tokens[k - 1])[:1] in ("n", "f"))
    )


_ENGLISH_FIGURE = re.compile(r"[A-Za-z$€£¥]")
"""An English amount (rose 12%, $25 billion): English clauses are not cut to words here."""
_OPENERS = dict(zip("（(《“「『【[", "）)》”」』】]", strict=True))


def _balanced(simple: str, start: int, end: int) -> tuple[int, int]:
    """A figure's span without a bracket or quotation mark left open or closed alone: an
    opener closed right after the figure takes its closer (150磅（约合68公斤）), another
    starts the context after it (练了3年 of 吐槽道“练了3年…”); a closer without its opener
    (法》) starts it after the closer."""
    for i in range(end - 1, start - 1, -1):
        char = simple[i]
        if char in _OPENERS and _OPENERS[char] not in simple[i:end]:
            if simple[end : end + 1] == _OPENERS[char]:
                return _balanced(simple, start, end + 1)
            return i + 1, end
        if char in _OPENERS.values():
            opener = next(o for o, c in _OPENERS.items() if c == char)
            if opener not in simple[start:i]:
                return i + 1, end
    return start, end


_RELATING = frozenset(
    _words("高于 低于 大于 小于 超过 达到 不到 不足 约有 预计 只有 仅有 长达 高达")
)
"""Verbs that only compare, estimate or round a figure (jieba tags 预计 a noun too); a verb
that says what was done (身高, 订购) counts."""


def _said_of(
    tokens: Sequence[Token], starts: Sequence[int], start: int, figure: int, counts: bool
) -> bool:
    """A figure says what it counts or measures: a noun, a name or a rate (每人每天) in its
    context, or the noun after its measure word. A bare 16岁, 占64.3% or 而高于3米 tells a
    reader nothing the article's sentence around it does not."""
    if counts:
        return True
    return any(
        t.simple not in _RELATING
        and (
            (not t.tag and len(t.simple) >= 2 and bool(_HAN.fullmatch(t.simple)))
            or t.tag.startswith(("n", "j", "l", "b", "vn", "eng"))
            or (t.tag == "v" and len(t.simple) >= 2)
            or t.simple in _VOTES  # 反对|55人: jieba tags 反对 an adverb
            or (t.tag == "r" and t.simple.startswith("每"))
        )
        for t in _within(tokens, starts, start, figure)
    )


def _localizer(tokens: Sequence[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is a one-character localizer (中 上 内) after a word it locates."""
    return 0 < k < len(tokens) and len(tokens[k].simple) == 1 and _tag(tokens[k]) == "f"


def _no_start(simple: str, tokens: Sequence[Token], k: int) -> bool:
    """A figure's context does not start with punctuation (“我看了3次), right after an
    earlier number (级新生 of 一年|级新生订购2700本, as jieba cuts it), nor on a particle
    jieba glued to the word before it (起向 of 下周起|向), nor on a pronoun or
    function word of one character the context window cut from running text (某 and 被 of
    边某被判处…), nor on a one-character preposition (为 of 为屋苑8座楼宇: for the estate's 8
    blocks)."""
    token = tokens[k]
    before = tokens[k - 1] if k > 0 else None
    glued = (  # 起向 of 下周|起向|受灾户: jieba glued a particle to the word before it
        not token.tag and len(token.simple) == 2 and token.simple[-1] in _PARTICLES
    )
    cut = (
        len(token.simple) == 1
        and (_tag(token)[:1] in tuple("rpuc") or _localizer(tokens, k))
        # a pronoun, a function word, a localizer (中 of 成果|中|遴选出), not 共 of 共订购
        and token.start > 0
        and _HAN.match(simple[token.start - 1])
    )
    opening = len(token.simple) == 1 and _tag(token) == "p"  # 为|屋苑8座楼宇: 屋苑8座楼宇
    return (
        not token.simple[:1].isalnum()
        or bool(cut)
        or opening
        or glued
        or (before is not None and (before.simple[-1:].isdigit() or _tag(before) == "m"))
    )


_HEADS = frozenset(
    _words("中心 人员 人 组 小组 队 站 所 处 员 者 机构 组织 单位 设施 场所 地点 点")
)
"""Heads that end a counted noun phrase after a verb inside it (临时庇护中心, 辨认组人员);
any other noun after a verb is its object (3家企业|参加会议). A head jieba tags a verb
(慈善|组织) is a head still."""
_WHOLE = frozenset(_words("全部 全体 所有 一律 各自"))
"""Words after a counted noun that start what is said of all it counts (8名参赛选手|全部)."""
MAX_COUNTED = 10
"""Characters: a longer noun phrase after a measure word is cut at its first noun."""


def _counted(tokens: Sequence[Token], k: int) -> int:
    """The end of the noun phrase a measure word counts, starting at ``tokens[k]``: nouns,
    distinguishing words and names run together (8间|临时庇护中心, 600名|灾难遇害者辨认组人员,
    600名|DVIU分队), a verb only inside a compound that ends on a head noun. A phrase with
    a verb still open after :data:`MAX_COUNTED` characters is not cut: the figure ends at
    ``k``. A phrase with no noun keeps a first word that a verb follows (13个|处所|搜查, as
    jieba tags them), never a verb (300名|身穿)."""
    end = tokens[k].start
    noun_end = verb_at = None
    for token in tokens[k:]:
        tag = _tag(token)
        latin = token.simple.isascii() and token.simple.isalpha()
        head = token.simple in _HEADS
        whole = token.simple in _WHOLE  # 8名|参赛选手|全部: what is said of all of them
        verb = tag[:1] == "v" and tag != "vn" and len(token.simple) >= 2 and not head
        nominal = latin or not tag or tag[0] in "njbs" or tag in ("vn", "zg") or head
        if token.start != end or not (_HAN.fullmatch(token.simple) or latin) or whole:
            break
        if not (verb or nominal) or (not tag and noun_end is not None):
            break  # an unknown word after the noun starts what is said of it (分队|进灾场)
        end = token.end
        if end - tokens[k].start > MAX_COUNTED:
            if verb_at is not None:
                return tokens[k].start
            break
        if verb:
            verb_at = verb_at if verb_at is not None else token.start
        elif not (tag[:1] == "b" or tag == "vn") and (verb_at is None or token.simple in _HEADS):
            noun_end = token.end
    if noun_end is not None:
        return noun_end
    first = tokens[k]
    after = _tag(tokens[k + 1]) if k + 1 < len(tokens) else ""
    if len(first.simple) <= 4 and _tag(first)[:1] == "v" and after == "v":
        return first.end
    return first.start


_CLOSES = frozenset("的了等和及与")


def _unit_counted(simple: str, tokens: Sequence[Token], k: int) -> int:
    """The end of the nouns a unit counts, starting at ``tokens[k]`` (5000多年|文明史,
    28年6月|徒刑, 20万元|慰问金; after 次 also what happened: 7次|失误), when they close
    their clause: nouns going on into a verb or a number are the subject of what follows
    (308万元|无法偿还, 12天|行程费用39.8万元). Else where the figure ends."""
    start = end = tokens[k].start
    for token in tokens[k:]:
        tag = _tag(token)
        noun = tag[:1] == "n" or tag == "vn"
        if token.start != end or not (
            noun and len(token.simple) >= 2 and _HAN.fullmatch(token.simple)
        ):
            break
        end = token.end
        if end - start > MAX_COUNTED:
            return start
    first = tokens[k]
    if end == start and simple[:start].endswith("次") and _tag(first)[:1] in ("v", "n"):
        end = first.end if len(first.simple) >= 2 and _HAN.fullmatch(first.simple) else start
    closes = end == len(simple) or simple[end] in _CLOSES or _CLAUSE_BREAK.match(simple, end)
    return end if closes else start


_DAY = re.compile(
    r"(?<![\d月号日第了约共近多每数这那头连续逾过达用需花历期/])(?<![月号日] )([1-9]|[12]\d|3[01])"
    rf"{_D}日"
    r"(?![内后来间\d])"
)
"""A day without its month (昨日（28日）, 今(29日), 周六（29日）, 26日大火), not a count of days
(3日内, 连续3日, 为期3日, 100GB/30日)."""
_SPAN_END = re.compile(r"[日号]\s*[-–—~〜至到]\s*$")
_MONTH_OF = re.compile(
    rf"(\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_D}月(?:{_D}\d{{1,2}}{_D}|[一二三四五六七八九十]{{1,3}})[日号]"
)
AHEAD = 7
"""Days after the article's own day that a day alone may still be of its month (消防处今(3日)
…将于5日结束); a later one is as likely the month before (周日（30日） in a report of 12月3日
is 11月30日), so it is listed as written."""
_RELATIVE = re.compile(
    r"(?:[今昨]|[今昨前明后][日天]|(?:上|本|下)?(?:周|星期|礼拜)[一二三四五六日天])\s*[(（]?\s*$"
)
"""A day named from the day of writing (昨日（27日）, 今(29日), 上周三（26日）): of the article's
own month, whatever date the paragraph gave before it (消防於10月1日曾救火…昨日（27日）)."""


_ADDED_MONTH = re.compile(r"(\d{1,2})日（(\d{1,2})月）")
_FULL_DAY = re.compile(
    rf"(?:(\d{{1,2}}){_D}月{_D}(\d{{1,2}}){_D}[日号號]|\d{{4}}[-/](\d{{1,2}})[-/](\d{{1,2}}))$"
)


def restated(found: Sequence[str]) -> list[str]:
    """``found`` without a day whose month was added (28日（3月）) when another date names
    that day in full (2025-03-28, 3月28日): one day listed once."""
    full = set()
    for date in found:
        match = _FULL_DAY.search(date)
        if match:
            month, day = match.group(1, 2) if match.group(1) else match.group(3, 4)
            full.add((int(month), int(day)))
    return [
        date
        for date in found
        if not (
            (added := _ADDED_MONTH.fullmatch(date))
            and (int(added.group(2)), int(added.group(1))) in full
        )
    ]


def dates(paragraphs: Sequence[str], dated: Dateline | None = None) -> list[str]:
    """Dates with a year, month, season, decade or span but no day, as written (2018年底,
    7月底, 1980年代), and days written without their month (昨日（28日）).

    Full dates (7月9日) are :func:`chinese.find_dates`'s; a year-and-month expression
    followed by a day belongs to one of those and is left to it. A day alone is given a
    month when it is safe: a day no more than :data:`AHEAD` days after the article's own day
    (``dated``, see :mod:`.dateline`) takes its month when no full date comes before it in
    its paragraph or it is named from the day of writing (昨日（28日）); else it takes the
    month of the last full date before it in its paragraph (one thread of narration:
    11月26日下午起火，28日撲熄). The day is listed as written with that month after it
    (28日（11月）, :func:`in_month`). Otherwise it is listed as written (28日): a full date
    paragraphs away may be an offer's deadline or a repair's start, and an article with no
    date of its own gives none.
    """
    found: dict[str, None] = {}
    for text in paragraphs:
        simple = simplified_copy(text)
        month = ""
        for match in _DATE_SPAN.finditer(simple):
            tail = simple[match.end() : match.end() + 5]
            if re.match(rf"{_D}\d{{1,2}}{_D}[日号]|[一二三四五六七八九十]{{1,3}}[日号]", tail):
                continue  # 7月 of 7月9日
            if re.fullmatch(r"(?:今|去|明|前)年|(?:今|上|下|本)月", match.group(0)):
                continue  # 今年 alone is not a date worth listing
            found[text[match.start() : match.end()]] = None
        events = sorted(
            [(m.start(), m.group(1) + "月", False) for m in _MONTH_OF.finditer(simple)]
            + [
                (m.start(), m.group(1) + "日", True)
                for m in _DAY.finditer(simple)
                if not _SPAN_END.search(simple, 0, m.start())  # 11日 of 7月9日-11日
            ]
        )
        for start, value, day in events:
            if not day:
                month = value
            elif (
                dated
                and dated.month
                and int(value[:-1]) <= (dated.day or 0) + AHEAD
                and (not month or _RELATIVE.search(simple, 0, start))
            ):
                found[in_month(value, f"{dated.month}月")] = None
            else:
                found[in_month(value, month)] = None
    return list(found)


def extract(paragraphs: Sequence[str]) -> Facts:
    """All facts of the article's paragraphs, in one pass (each paragraph segmented once).

    People, places and organisations as :func:`entities` ranks them; figures and
    projects in the order of first mention. Nothing is read inside a byline, credit,
    dateline or header stamp (:func:`bylines.unsigned`; a dateline's place stays): the
    reporter, the editor and the agency that only signs the article are none of its news.
    (:func:`entities`, which NER corpora score, reads them: those corpora tag a byline's
    reporter as a person.)
    """
    found = _collect([unsigned(p) for p in paragraphs])
    ranked = found.ranked()
    projects = Counter(dict(found.projects.most_common(MAX_CANDIDATES)))
    return Facts(
        places=[e.name for e in ranked["places"]],
        people=[
            Person(e.name + e.role if e.title_after else e.role + e.name, e.name, e.role)
            for e in ranked["people"]
        ],
        organisations=[e.name for e in ranked["organisations"]],
        figures=_ranked_figures(list(found.figures))[:MAX_FIGURES],
        projects=_prefer_frequent(
            Counter({p: projects[p] for p in found.projects if p in projects})
        ),
    )


def _ranked_figures(figures: list[str]) -> list[str]:
    """Figures in the order of first mention, those of people dead first, then of people
    injured, missing or rescued (the toll is what a disaster story is about); of two tolls
    of one kind with the same number (128死 of a headline, 造成128人死亡) only the longer
    stays (3人死亡 and 3人受伤 both do); a count said again is listed once (:func:`_told_once`),
    and of two counts of people with the same number after the same verb, written two ways,
    only the first (容纳超过4,000名居民, 容纳逾4000人)."""
    figures = _told_once(_drop_contained(figures))
    counted: set[tuple[str, str, str]] = set()
    for figure in list(figures):
        if key := _people_counted(figure):
            if key in counted:
                figures.remove(figure)  # 容纳超过4,000名居民, then 容纳逾4000人: one fact
            counted.add(key)
    tolls = [f for f in figures if _CASUALTY.search(simplified_copy(f))]
    number = {
        f: (re.findall(r"\d+", f)[-1:], bool(_DEATH.search(simplified_copy(f)))) for f in tolls
    }
    tolls = [
        f
        for f in tolls
        if not any(g != f and number[g] == number[f] and len(g) > len(f) for g in tolls)
    ]
    dead = [f for f in tolls if number[f][1]]
    return dead + [f for f in tolls if f not in dead] + [f for f in figures if f not in number]


_PEOPLE_COUNT = re.compile(
    r"(?P<verb>[\u4e00-\u9fff]{2})(?:逾|超过|超逾|约|近|多达|达|共|合共|最少|至少|大约|高达)?\s*"
    r"(?P<number>\d[\d,，]*)\s*(?:人|[名位][\u4e00-\u9fff])"
)


def _people_counted(figure: str) -> tuple[str, str, str] | None:
    """(verb, number, "people") of a count of people (容纳逾4000人, 容纳超过4,000名居民)."""
    match = _PEOPLE_COUNT.search(simplified_copy(figure))
    if match is None:
        return None
    return match.group("verb"), re.sub("[,，]", "", match.group("number")), "people"


_RATE = re.compile("[%\uff05倍元]|百分")
"""Rates and sums: the same rate or sum said twice is often two facts (一季度增长6.7%,
二季度增长6.7%; 李兆基基金捐款3000万元, 集团捐赠3000万元)."""


def _told_once(figures: list[str]) -> list[str]:
    """Figures without a count, an amount or a score said again in other words (随着3条新线 …
    正式宣告广州地铁3条新线, 以91比79 … 以91比79逆转胜出): the first telling stays. Counted
    from the number on, one telling may go on further (91比79逆转胜出), not with another
    number (1年 is not 1年6个月); death tolls are left to :func:`_ranked_figures`, rates and
    sums stay."""
    told: list[tuple[str, bool, set[str]]] = []
    kept = []
    for figure in figures:
        simple = simplified_copy(figure).rsplit("\u2026", 1)[-1]
        match = None if _CASUALTY.search(simple) else _FIGURE.search(simple)
        if match is None or _RATE.search(match.group(0)):
            kept.append(figure)
            continue
        core = simple[match.start() :]
        said = (  # 3条|新线, 91比79, 21县市
            core != match.group(0) or bool(_SCORE_END.search(core)) or core.endswith(_SELF_COUNTED)
        )
        context = {simple[i : i + 2] for i in range(match.start() - 1)}
        if not any(_same_telling(core, said, context, other) for other in told):
            kept.append(figure)
        told.append((core, said, context))
    return kept


def _score(core: str) -> str:
    """The score a figure opens with (5比4 of 5比4击败韩国), else ""."""
    match = _SCORE_START.match(core)
    return match.group(0) if match else ""


def _same_telling(
    core: str, said: bool, context: set[str], other: tuple[str, bool, set[str]]
) -> bool:
    """Whether two figures tell one fact: one's count goes on as the other's (91比79,
    91比79逆转胜出), not with another number (1年, 1年6个月), and both say what they count or
    share a word before it (拘捕8人, 28日先后拘捕8人; not 步兵师2个 and 独立团2个). One score
    is one result however it is told (以5比4击败韩国, 最终以5比4拿下胜利)."""
    if _score(core) and _score(core) == _score(other[0]):
        return True
    short, long = sorted((core, other[0]), key=len)
    rest = long[len(short) : len(short) + 1]
    if not long.startswith(short) or rest.isdigit() or (rest and rest in _HAN_DIGITS + _SCALES):
        return False
    return (said and other[1]) or bool(context & other[2])


def _prefer_frequent(candidates: Counter[str]) -> list[str]:
    """Resolve nested phrases.

    A phrase inside a longer one that goes on after it (产业园 in 产业园合作项目) is
    part of that name and dropped, unless the article names it on its own more often.
    Of phrases with the same ending (零碳产业园, 青海零碳产业园, 考察青海零碳产业园)
    the one found most often is kept, the shorter on a tie.
    """

    def beats(rival: str, phrase: str) -> bool:
        if not rival.endswith(phrase):
            return candidates[rival] >= candidates[phrase]
        return (candidates[rival], -len(rival)) > (candidates[phrase], -len(phrase))

    return [
        phrase
        for phrase in candidates
        if not any(
            rival != phrase and phrase in rival and beats(rival, phrase) for rival in candidates
        )
        and not any(phrase != r and phrase.endswith(r) and beats(r, phrase) for r in candidates)
    ]


# --- Named entities: people, places, organisations, merged and ranked by salience ---

_COMPOUND_SURNAMES = frozenset(
    _words("欧阳 司马 诸葛 上官 司徒 东方 皇甫 令狐 夏侯 慕容 尉迟 长孙 宇文 公孙 端木")
)
_SPEECH = frozenset(
    _words(
        "说 称 表示 指出 强调 认为 介绍 告诉 透露 坦言 会见 会晤 出席 主持 同志 先生 女士 "
        "教授 等 一行 在 和 与 到 同 对 是 也 都 曾 已 将 还 又"
    )
)
"""Words after a name in news (李鹏说, 王昱和): context that a short word is a name."""
_WEAK_SPEECH = frozenset(_words("等 在 和 与 到 同 对 是 也 都 曾 已 将 还 又"))
"""Of :data:`_SPEECH`, words that follow any noun too (师生到会, 文明和): not context enough
for a word the dictionary knows well."""
_NAME_TAIL = frozenset("称说讲问答和与在是的了等也都将被把向对及摄")
"""A character that, ending an unknown three-character word, is a verb or particle glued to a
two-character name (朱毅称)."""
_NOT_PLACES = frozenset(
    _words(
        "全国 全球 世界 国内 国外 海外 境内 境外 中外 海内外 各地 当地 本地 外地 异地 他乡 家乡 "
        "故乡 异乡 城乡 城市 农村 东方 西方 南方 北方 东部 西部 中部 地方 内地 全市 全省 全县 "
        "全区 本市 本省 我市 我省 该市 该省 各省 各市 省市 市县 县市 乡镇 市区 县城 城区 两国 "
        "各国 外国 大国 本国 回国 出国 海洋 山区 山水 上半场 下半场 治安 滑坡 长达 普及 东西 南北 "
        "城镇 大城市 大街 大桥 海峡 古都 半壁江山 黑洞 海关 沿海 边境 郊区 市场 贵国 该国 他国 邻国"
    )
)
_ORG_END = tuple("会院部局委社署厅办所校司行盟台团党军队处馆站厂联协央") + _words(
    "组织 大学 集团 公司 银行 中心 报 联盟 协会 政府 议会 法庭"
)
"""How an organisation's name ends (jieba also tags 中美关系, 社会科学 as organisations)."""
MIN_SALIENT = 2
MODEL_CHARACTERS = 30_000
"""The model reads paragraphs up to this far into an article (a long feature is 5,000
characters): it costs about 35 µs of CPU a character, so a 2 MB text would take a minute."""
MAX_CANDIDATES = 200
"""Entities of a kind (the most salient) that take part in merging variants: bounds the
pairwise comparisons, so a brief's cost stays linear in the article's length."""
"""Mentions from which an entity counts as salient (ranked first)."""


@dataclass(slots=True)
class Entity:
    """A person, place or organisation as written, its role, mentions and first offset.

    ``parts`` are the places a place name is made of (新疆, 克州, 阿合奇县).
    """

    name: str
    mentions: int = 0
    first: int = 0
    role: str = ""
    title_after: bool = False
    """The role is written after the name (习近平总书记, 桥本首相)."""
    parts: tuple[str, ...] = ()
    forms: Counter[str] = field(default_factory=Counter)
    margin: float = -math.inf
    """The model's clearest margin over the entity's mentions (:attr:`ner.Mention.margin`)."""


def _has_surname(word: str) -> bool:
    return word[:2] in _COMPOUND_SURNAMES or (word[:1] in _SURNAMES and word[1:2] != word[:1])


def _freq(word: str) -> int:
    from convert.toolkit.segment import frequency

    return frequency(word)


_NOT_GIVEN = frozenset("人年月日个名位次多余万千百十亿家老总某")
"""Last characters that make 万人, 余年 a count, and 胡老, 王总, 李某 a form of address, not a
surname and a given name."""


_TRANSLITERATION = frozenset("斯尔夫娃拉纳塞基卡巴蒂克特尼诺维瓦茨莱姆奥耶埃阿格杰")
"""Characters of transliterated foreign names: an unknown word with two of them after its
"surname" (贾亚拉, 杜塞尔 of 杜塞尔多夫) is a fragment of a foreign name, not a Chinese one."""


_COMMON = 1000
"""Dictionary frequency above which a two-character "name" is more likely a word (荣誉 2877,
文明 6584; 李鹏 675, 马良 672)."""


_FREQUENT_NAME = 100
"""Dictionary frequency above which a three-character "name" needs context (莫斯科 1817,
许可证 351, 雷阵雨 222 are tagged nr too; 江泽民 2415 comes with 主席, 同志 or 说)."""
_KNOWN_WORD = 100
"""Dictionary frequency above which a two-character "name" (师生 634, 路基 113) needs a
role or a speech verb after it, not just 和 or 在."""


def _word_inside(word: str) -> bool:
    """A dictionary "name" that is a common word with a prefix or suffix (安全性, 许可证)."""
    return any(
        len(part) >= 2
        and part != word
        and word_tag(part) not in ("nr", "nrfg", "")
        and _freq(part) > 300
        for part in (word[:2], word[1:], word[:-1])
    )


def _person_at(
    tokens: Sequence[Token], k: int, after_role: bool, dotted: bool = True
) -> tuple[str, int] | None:
    """A personal name starting at token ``k``: (Simplified name, index after it), or None.

    jieba tags many common words as names (文明, 荣誉 nr; 莫斯科 nr), so a name needs a
    Chinese name's shape (surname + one or two characters), or the context of a name:
    after a role or in a 、 list, before 说 / 表示 / 和 / a role. Three-character names
    count without context unless the word may be glued to the character before it.
    """
    token = tokens[k]
    word, tag = token.simple, token.tag
    if dotted:
        for j in range(k, min(k + 3, len(tokens) - 1)):
            if tokens[j + 1].simple == "·" or "·" in tokens[j].simple:
                return _dotted_name(tokens, j)
            if not _HAN.fullmatch(tokens[j].simple):
                break
    if not _HAN.fullmatch(word) or (tag and tag[:2] != "nr" and len(word) in (2, 3)):
        return None  # a word the dictionary knows as something else
    nxt_token = tokens[k + 1] if k + 1 < len(tokens) else None
    nxt = nxt_token.simple if nxt_token else ""
    context = after_role or nxt in _SPEECH or (nxt_token is not None and _is_role(nxt_token))
    split = k > 0 and len(tokens[k - 1].simple) == 1 and bool(_HAN.fullmatch(tokens[k - 1].simple))
    three = len(word) == 3 and _has_surname(word) and (context or not split)
    known_rest = len(word) > 4 and _freq(word[3:]) > 0  # not 罗纳尔|多, 白金汉|宫
    if known_rest and word_tag(word[:3]) in ("nr", "nrfg") and _has_surname(word):
        return word[:3], k + 1  # 邓小平理论, 毛泽东思想
    if len(word) >= 3 and word[-1] in "省市县镇乡旗":
        return None  # 称多县: a place the dictionary tags as a name
    if len(word) == 1:
        surname = after_role and word in _SURNAMES and word not in nxt
        surname = surname and not tag.startswith(("c", "p"))  # 和 of 校长和夫人
        given = word_tag(nxt)
        common = given.startswith(("v", "u", "n")) and not given.startswith("nr")
        if surname and _HAN.fullmatch(nxt) and len(nxt) <= 2 and not common:
            return word + nxt, k + 2  # 周 + 立新
        return None
    if tag in ("nr", "nrfg", "nrt"):
        if _word_inside(word):
            return None
        if three and not context and _freq(word) > _FREQUENT_NAME:
            three = False  # 莫斯科, 石家庄: a frequent "name" needs the context of one
        shaped = tag == "nrt" or len(word) > 3 or _has_surname(word)
        if after_role and len(word) == 2 and word[-1] in _NOT_GIVEN and _one_more(nxt_token):
            return word + nxt, k + 2  # 行政长官李家|超: 李家 is no full name, 李家超 is
        if len(word) == 2 and not (after_role or nxt in _SPEECH) and _freq(word) > _COMMON:
            return None  # 荣誉 of 荣誉主席: a common word before a role
        strong = after_role or (nxt in _SPEECH and nxt not in _WEAK_SPEECH)
        strong = strong or (nxt_token is not None and _is_role(nxt_token))
        if len(word) == 2 and tag != "nrt" and not strong and _freq(word) > _KNOWN_WORD:
            return None  # 师生到会, 文明和: a known word followed by what follows any noun
        return (word, k + 1) if three or (context and shaped and len(word) <= 5) else None
    if tag or not _has_surname(word) or word[-1] in _NOT_GIVEN or word[0] in _NAME_TAIL:
        return None
    if len(word) == 3 and (word[2] in _NAME_TAIL or word[1] in _SEXES):
        return word[:2], k + 1  # 朱毅称; 李男于 (Mr Li, as Taiwan's press names a suspect)
    foreign = sum(c in _TRANSLITERATION for c in word[1:]) >= 2
    if three and nxt[:1] not in _ADMIN and word[-1] not in _ADMIN and not foreign:
        return word, k + 1
    if len(word) == 2 and context:
        glued = (
            nxt_token is not None
            and len(nxt) == 1
            and bool(_HAN.fullmatch(nxt))
            and nxt not in _NAME_TAIL
            and k + 2 < len(tokens)
            and (tokens[k + 2].simple in _SPEECH or not re.match(r"\w", tokens[k + 2].simple))
        )
        return (word + nxt, k + 2) if glued else (word, k + 1)
    return None


_SEXES = frozenset("男女")
"""After a surname, the way news names a suspect or a victim it does not name in full (李男,
林女): jieba glues the next word's first character to it (李男于, 林女涉)."""


def _anonymised(name: str) -> bool:
    return len(name) == 2 and name[1] in _SEXES and _has_surname(name)


def _one_more(token: Token | None) -> bool:
    """A one-character word that can end a name (超 of 李家|超), not a particle or punctuation."""
    return (
        token is not None
        and len(token.simple) == 1
        and bool(_HAN.fullmatch(token.simple))
        and token.simple not in _NAME_TAIL
        and _tag(token)[:1] not in ("u", "p", "c", "f")
    )


def _dotted_name(tokens: Sequence[Token], k: int) -> tuple[str, int] | None:
    """A transliterated name joined by middle dots (科菲·安南), the dot after token ``k``.

    Each part is one or two name-like words (unknown to the dictionary or tagged as a
    name); a dot between figures (15·8) is a decimal point, not a name.
    """
    parts = [tokens[k].simple]
    if not _HAN.fullmatch(parts[0].replace("·", "")) or _is_role(tokens[k]):
        return None
    if _tag(tokens[k]) == "ns":
        return None
    first = k
    while first and len(parts[0]) < 6:
        before = tokens[first - 1]
        if not _HAN.fullmatch(before.simple) or _is_role(before) or len(before.simple) > 3:
            break
        if _tag(before) not in ("", "nr", "nrt", "l", "zg") or _listed_name(before):
            break
        parts[0] = before.simple + parts[0]
        first -= 1
    end = k + 1
    while end + 1 < len(tokens) and tokens[end].simple == "·":
        part, end = "", end + 1
        while end < len(tokens) and _HAN.fullmatch(tokens[end].simple) and len(part) < 6:
            tag = _tag(tokens[end])
            word = tokens[end].simple
            if tag == "ns" or (part and (tag and len(word) > 1 and not tag.startswith("nr"))):
                break
            if part and (word in _NAME_TAIL or _listed_name(tokens[end])):
                break
            part += tokens[end].simple
            end += 1
        if not part:
            return None
        parts.append(part)
    name = "·".join(parts)
    return (name, end) if len(parts) >= 2 and len(name) >= 4 else None


def _listed_name(token: Token) -> bool:
    """A Chinese full name the dictionary knows (王光英, 吴阶平): in a list run together
    with a dotted name (王丙乾帕巴拉·格列朗杰王光英), not a part of it."""
    return _tag(token) in ("nr", "nrfg") and _full_name(token) and len(token.simple) == 3


_CREDITS = frozenset(CREDITS)
"""Credit words: a name after one and a space or colon is credited (记者 王治国, 审稿：李小飞)."""


def _role_before(tokens: Sequence[Token], k: int, places: set[int]) -> tuple[int, int] | None:
    """(start, end) of the role written right before token ``k`` (市长, 海东市委书记), if any,
    or of a credit with a space or colon between (记者 王治国: the brief shows who wrote,
    translated or checked the article as such, not as people in the news)."""
    if (
        k >= 2
        and not tokens[k - 1].simple.strip(" \u3000:\uff1a")
        and tokens[k - 2].simple in _CREDITS
    ):
        return tokens[k - 2].start, tokens[k - 2].end
    if k == 0 or not _is_role(tokens[k - 1]):
        return None
    return tokens[_role_start(tokens, k - 1, places)].start, tokens[k - 1].end


def _people_in(text: str, tokens: Sequence[Token], places: set[int]) -> list[tuple[int, str, str]]:
    """(offset, name as written, role as written) of each mention of a person."""
    found: list[tuple[int, str, str]] = []
    k = 0
    role = ""
    dotted = "·" in text
    while k < len(tokens):
        span = _role_before(tokens, k, places)
        listed = k >= 2 and tokens[k - 1].simple == "\u3001" and bool(found) and found[-1][0] >= 0
        after_role = span is not None or (listed and bool(role))
        if span is not None:
            role = text[span[0] : span[1]]
        word = tokens[k].simple
        could_be = dotted or tokens[k].tag[:2] == "nr" or _has_surname(word)
        name = _person_at(tokens, k, after_role, dotted) if could_be else None
        if name is None:
            if tokens[k].simple != "\u3001":
                role = "" if span is None else role
            k += 1
            continue
        simple, end = name
        if _part_of_longer(tokens, k, end, simple):
            k = end
            role = ""
            continue
        start = tokens[k].start
        if not tokens[k].simple.startswith(simple[:1]) or "·" in simple:
            start = tokens[end - 1].end - len(simple)  # a dotted name reaching back
        found.append((start, text[start : start + len(simple)], role if after_role else ""))
        k = end
        if k >= len(tokens) or tokens[k].simple != "\u3001":
            role = ""
    return found


_THING_ENDS = frozenset("县镇乡村市省州宫楼报杯赛球馆寺庙河湖岛港湾")
"""One-character words that make the "name" before them part of a place or a thing
(曲麻莱县, 白金汉宫, 费加罗报, 汤尤杯赛)."""
_FOREIGN_EDGE = _TRANSLITERATION | frozenset("多莉科哈弗比洛里索雅")
"""Characters that continue a transliterated name across jieba's cut (罗纳尔|多, 哈|比比)."""


def _part_of_longer(tokens: Sequence[Token], k: int, end: int, name: str) -> bool:
    """A "name" that is a fragment: of a place or thing (曲麻莱 of 曲麻莱县), or of a longer
    foreign name jieba cut (贾亚拉 of 贾亚拉莉达, 尤尔 of 尤尔科夫)."""
    nxt = tokens[end].simple if end < len(tokens) else ""
    prev = tokens[k - 1].simple if k else ""
    if len(nxt) == 1 and nxt in _THING_ENDS:
        return True
    if "·" in name or not any(c in _FOREIGN_EDGE for c in name):
        return False
    return nxt[:1] in _FOREIGN_EDGE or (len(prev) == 1 and prev in _FOREIGN_EDGE)


def _place_and(
    tokens: Sequence[Token], starts: Sequence[int], start: int, end: int, places: set[int]
) -> bool:
    """A place and a generic word (中国政府, 印度政府): the place is what is named."""
    inside = _within(tokens, starts, start, end)
    return inside[-1].simple in ("政府", "当局") and all(t.start in places for t in inside[:-1])


def _organisations_in(
    tokens: Sequence[Token], starts: Sequence[int], places: set[int]
) -> list[tuple[int, int]]:
    """(start, end) of organisations: specific phrases ending in an organisation word
    (无锡代表团, 胜道农业薯条工厂), words the dictionary knows as one (国务院, 欧盟) or as a
    ministry or bureau (三机部), a ministry written with its head's title (国防部 of 国防部长)
    and a party's congress written by its number (十五大, 致公党十大)."""
    found = [
        (start, end)
        for start, end, stem in _phrases(tokens, _ORG_SUFFIXES)
        if stem
        and _within(tokens, starts, start, end)[-1].simple not in _NO_TEAM
        and _specific(tokens, starts, start, end, places)
        and not _place_and(tokens, starts, start, end, places)
    ]
    found = [
        (_org_start(tokens, starts, start, end), end)
        for phrase in found
        for start, end in _split_joined(tokens, starts, *phrase)
    ]
    found += [
        (t.start, t.end)
        for t in tokens
        if (
            _tag(t) in ("nt", "j")
            or (  # 三机部, 立法局: a ministry or bureau the dictionary knows as a noun
                _tag(t) == "n"
                and len(t.simple) >= 3
                and t.simple[-1] in "部局厅署"
                and not t.simple.endswith("干部")  # cadres
            )
        )
        and len(t.simple) >= 2
        and t.simple.endswith(_ORG_END)
        and not _is_role(t)
        and not (t.simple.endswith(("政府", "当局")) and word_tag(t.simple[:-2]) == "ns")
    ]
    found += _congresses(tokens)
    found += _bureaus(tokens)
    kept = [  # 国防部长: the ministry, named with its head's title (no word of its own)
        (t.start, t.end - 1)
        for t in tokens
        if t.simple.endswith("长") and len(t.simple) >= 4 and word_tag(t.simple[:-1]) == "nt"
    ]
    for start, end in found:
        name = "".join(t.simple for t in _within(tokens, starts, start, end))
        tail = word_tag(name[-2:])[:1]  # 太空飞行, 中南部: a verb or a direction
        if len(name) >= 2 and not _generic_org(name) and not name.endswith(_EVENT_ENDS):
            if tail in ("v", "f") and not name.endswith(("组织", "协", "报")):
                continue
            kept.append((start, end))
    return _longest(kept)


_NO_TEAM = frozenset(_words("团队 梯队 排队 军队 部队 乐队 车队 插队 领队 带队 入队 归队"))
"""Words ending in 队 that name no body after a name (田奇+团队: a researcher's team) or
are acts (带队): a team is named so (台北富邦+勇士队, 台钢+猎鹰+队)."""
_CONGRESS = re.compile("[一二三四五六七八九十]+大$")
"""A party's congress by its number (十五大, 中共十五大, 九三学社七大)."""


def _congresses(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, end) of party congresses written by their number: 十五大 (numbers of two
    characters or more, as the dictionary abbreviates them), or after the party's name
    (致公党十大); 十大城市 (the ten largest cities) and 四大支柱 are no congress."""
    found = []
    for k, token in enumerate(tokens):
        number = _CONGRESS.search(token.simple)
        if number is None or _tag(token) not in ("j", "nt", ""):
            continue
        party = k > 0 and _tag(tokens[k - 1]) == "nt"
        party = party and tokens[k - 1].simple.endswith(("党", "社", "会"))
        if number.start() == 0 and party:
            found.append((tokens[k - 1].start, token.end))
        elif len(number.group()) >= 3 or (number.start() and _tag(token) == "nt"):
            found.append((token.start, token.end))
    return found


_ORG_GENERIC_PREFIX = _words(
    "新 临时 人民 国家 中央 地方 各级 基层 特区 省 市 县 区 乡 镇 村 民间 上市 驻华 驻外 "
    "两 三 四 五 该 本 各 其 我 同 外国 国际 卫生 党 团 中资 外资 合资 独资 国有 私营 民营"
)
"""Modifiers that leave an organisation word generic (新政府, 两院, 民间组织, 上市公司)."""
_ORG_GENERIC_HEADS = frozenset(
    _words(
        "政府 人民政府 党委 党组 党组织 团组织 组织 委员会 常委会 公安局 法院 检察院 使馆 "
        "公司 有限公司 联合会 联盟 协会 政协 院 局 所 部 委 会 社 队 国家队 球队 女队 男队 "
        "学校 母校 同校 全校 "
        "两院 三院 科协 友协 妇联 车管所 法制局 新闻局 中心 共青团 医院 俱乐部 同行 通行 "
        "执政党 反对党 在野党 参政党 中央银行 央行 代表大会 全国代表大会 人民代表大会 "
        "企业"
    )
)
_EVENT_ENDS = _words(
    "运会 奥运会 音乐会 晚会 博览会 展览会 研讨会 座谈会 联欢会 演唱会 茶话会 杯 家长会 班会 年会 "
    "股东大会 发布会 招待会 交流会 洽谈会 推介会 见面会 表彰会 动员会 峰会 论坛会 全会 "
    "奥会 运动会 锦标赛 联赛 大赛 电影节 艺术节 文化节 音乐节 旅游节"
)
"""Names ending so are events (奥运会, 残奥会, 亚运会, a plenary session: 十四届六中全会,
a festival: 电影节), not organisations."""


_SITUATIONS = _words("政局 时局 全局 大局 格局 结局 布局 僵局 骗局 棋局 赌局 开局 残局")
"""Words ending in 局 that name a situation or a game, not a bureau (公安局)."""


def _situation(name: str) -> bool:
    """法国+政局 and the idiom 总揽全局 end in a situation; 市政局 and 邮政局 are words of their
    own, bureaus."""
    last = segment_few(name)[-1]
    return last.simple in _SITUATIONS or _tag(last) in ("i", "l")


def _generic_org(name: str) -> bool:
    """An organisation word with at most generic modifiers (党委, 新政府, 上市公司)."""
    rest = name
    while rest not in _ORG_GENERIC_HEADS:
        prefix = next((w for w in _ORG_GENERIC_PREFIX if rest.startswith(w) and rest != w), "")
        if not prefix:
            return False
        rest = rest[len(prefix) :]
    return True


def _split_joined(
    tokens: Sequence[Token], starts: Sequence[int], start: int, end: int
) -> list[tuple[int, int]]:
    """Two bodies joined by a verb of acting together are two names (延长县质监局+联合+工商局):
    the verb follows a word that ends as an organisation does and a name follows it (not
    东盟+联合+合作委员会, one body)."""
    inside = _within(tokens, starts, start, end)
    for i in range(1, len(inside) - 1):
        after = inside[i + 1]
        if (
            inside[i].simple in _JOINING
            and inside[i - 1].simple.endswith(_ORG_END)
            and (_tag(after) in ("ns", "nt", "nz", "j") or after.simple.endswith(_ORG_END))
        ):
            return [(start, inside[i].start), *_split_joined(tokens, starts, inside[i].end, end)]
    return [(start, end)]


_BUREAU_ENDS = frozenset("处署局")
"""One-character endings of government bodies (劳工处, 屋宇署, 保安局), which jieba often
cuts off their stem or glues into a word it tags as anything."""
_STEM_TAGS = frozenset(("n", "vn", "nz", "ns", "nt", "j", "l", ""))


def _bureau_stem(word: str, tag: str) -> bool:
    """A body's stem (劳工, 屋宇, 社会福利): a word of two characters or more the
    dictionary knows, not a verb or a function word (住+处, 到+处, 办事+处, 好+处)."""
    return (
        len(word) >= 2
        and tag in _STEM_TAGS
        and word_tag(word) in _STEM_TAGS
        and _freq(word) > 0
        and not _is_role_word(word)
    )


def _bureaus(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, end) of government bodies written with a one-character ending (劳工处, 屋宇+署,
    香港+消防处), whatever jieba tags them; the caller lists those named twice."""
    found: list[tuple[int, int]] = []
    for k, token in enumerate(tokens):
        word = token.simple
        if word[-1:] not in _BUREAU_ENDS or word in _SITUATIONS:
            continue
        if len(word) >= 3 and _bureau_stem(word[:-1], word_tag(word[:-1])):
            start = k
        elif len(word) == 1 and k > 0 and _bureau_stem(tokens[k - 1].simple, _tag(tokens[k - 1])):
            start = k - 1
        else:
            continue
        body = "".join(t.simple for t in tokens[start : k + 1])
        if _freq(body) > _KNOWN_WORD // 10 and word_tag(body) != "nt":
            continue  # 交界处, 办事处: words for a place or an office of any kind
        while start > 0 and _tag(tokens[start - 1]) == "ns" and not _is_role(tokens[start - 1]):
            start -= 1  # 香港+消防处
        found.append((tokens[start].start, token.end))
    return found


def _org_start(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> int:
    """Where an organisation's name really starts: after the last verb, particle or glued
    function word before its first proper noun (案件经海口市中级人民法院 starts at 海口市;
    这是, 战胜, 本报讯 are left out too)."""
    for token in _within(tokens, starts, start, end)[:-1]:
        word = token.simple
        tag = _tag(token)
        if tag in ("ns", "nt", "nz", "j") and not word.endswith("讯"):
            break
        if (
            word.endswith("讯")
            or (len(word) == 1 and tag not in ("ns", "nt", "j"))
            or (not tag and word_tag(word[:1])[:1] in ("p", "d", "r", "m", "c"))
            or (not tag and len(word) == 2 and word_tag(word[-1])[:1] in ("p", "c"))  # 商为
            or (word_tag(word)[:1] in ("v", "p", "d", "r", "c") and word_tag(word) != "vn")
            or word == "战胜"
            or word in _JOINING  # 省林业厅会同+中国林业科学院
            or (tag == "vn" and _after_it(tokens, starts, token) == "ns")  # 函询+台北医院
        ):
            start = token.end
    return start


def _after_it(tokens: Sequence[Token], starts: Sequence[int], token: Token) -> str:
    """The tag of the word after ``token``."""
    k = bisect.bisect_left(starts, token.end)
    return _tag(tokens[k]) if k < len(tokens) and starts[k] == token.end else ""


def _org_end(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> int:
    """Where a name the model found really ends, when it ends inside a word: at the end of
    that word if the word is an organisation's name or ends as one (致公+党, 亚太经合+组织);
    a name cut inside another word names nothing (皇家海 of 海军, 国务委 of 国务委员: 0),
    unless jieba glued two words (美国中国商会 of 商会|会长, 外交部 of 部|长). A title
    inside ends the name (广东省音像出版社+社长兼…有限公司: the first body)."""
    inside = _within(tokens, starts, start, end)
    titled = next(
        (
            t
            for before, t, nxt in zip(inside, inside[1:], inside[2:], strict=False)
            if _is_role_word(t.simple)
            and not nxt.simple.endswith(_ORG_END)
            and _tag(before) != "ns"  # 台湾+消防员+工作促进会: a trade after a place
        ),
        None,
    )  # not 顾问 of 工程顾问公司: a trade before a kind of body names the body
    if titled is not None and titled.start - start >= 2:
        end = titled.start
    end = _split_joined(tokens, starts, start, end)[0][1]
    k = bisect.bisect_right(starts, end - 1) - 1
    if k < 0 or tokens[k].end <= end:
        return end
    word = tokens[k]
    if (
        word.start >= start
        and _tag(word) in ("nt", "j")
        and word.simple.endswith(_ORG_END)
        and not _is_role(word)
    ):
        return word.end
    cut, rest = word.simple[: end - word.start], word.simple[end - word.start :]
    glued = (
        rest == "长"
        or _is_role_word(rest)
        or (len(rest) >= 2 and _freq(rest[:2]) > 0)
        or word_tag(rest)[:1] in ("p", "c", "u", "d")  # 少儿社|社于, 督导团|团对
    )
    return end if cut.endswith(_ORG_END) and glued else 0


def _addressed(
    tokens: Sequence[Token], starts: Sequence[int], found: Sequence[Mention]
) -> list[Mention]:
    """An organisation the model reads with the province or city of its address before its
    own place (北京+中华人民共和国国务院, 河北+故城县纪委, 长沙市+芙蓉区人民法院) is named from
    its own place; the first place is a place of its own. A country before a place is part
    of the name (乌拉圭中国文化协会, 美国大西洋贝尔公司), and so is any place before a company,
    school or factory (广东香江企业集团), which the rules name whole."""
    kept: list[Mention] = []
    for m in found:
        inside = _within(tokens, starts, m.start, m.end) if m.kind == "ORG" else []
        first, own = (inside[0].simple, inside[1].simple) if len(inside) >= 3 else ("", "")
        if (
            len(inside) >= 3
            and inside[0].start == m.start
            and all(_tag(t) == "ns" or t.simple in _PROVINCES for t in inside[:2])
            and (first in _PROVINCES or first[-1] in "省市" or own[-1] in "省市县区州镇乡旗")
            and not inside[-1].simple.endswith(_NAMED_BY_SUFFIX)  # the rules name a company whole
        ):
            kept.append(replace(m, kind="LOC", end=inside[0].end))
            m = replace(m, start=inside[1].start)
        kept.append(m)
    return kept


def _after_verb(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> int:
    """Where a name the model found really starts: after a one-character verb, preposition
    or conjunction it took in (祝+九三学社第七次全国代表大会, 在+...), or after the word it
    starts inside (一届致公党中央 of 新一届|致公党中央); but a bureau's ending after the
    end of a noun is named from the noun's start (福利署 of 社会福利|署)."""
    k = bisect.bisect_right(starts, start) - 1
    if (
        0 <= k < len(tokens) - 1
        and tokens[k].start < start
        and tokens[k + 1].end == end
        and tokens[k + 1].simple in _BUREAU_ENDS
        and _bureau_stem(tokens[k].simple, _tag(tokens[k]))
    ):
        return tokens[k].start
    if k >= 0 and tokens[k].start < start and tokens[k].end <= end - 3:
        return _after_verb(tokens, starts, tokens[k].end, end)
    inside = _within(tokens, starts, start, end)
    if len(inside) >= 2 and len(inside[0].simple) == 1 and _tag(inside[0])[:1] in ("v", "p", "c"):
        return inside[0].end
    if len(inside) >= 2 and inside[0].simple in _JOINING and inside[0].simple != "联合":
        return inside[0].end  # 会同+中国林业科学院 (jieba tags 会同 a noun)
    if len(inside) >= 2 and _tag(inside[0]) in ("v", "vn") and _tag(inside[1]) == "ns":
        return inside[0].end  # 函询+台北医院: an act on the body, before its place
    return start


def _with_and(tokens: Sequence[Token], starts: Sequence[int], start: int) -> int:
    """Where a bureau's name starts that the model read from after its 及 (福利局 of 劳工及福利局):
    at the word before 及, when that word is a common noun (not 教育局 or 汇丰: 汇丰及+恒生银行
    are two)."""
    k = bisect.bisect_left(starts, start)
    if k >= 2 and tokens[k - 1].simple == "及" and tokens[k - 1].end == start:
        word = tokens[k - 2]
        common = _tag(word) in ("n", "vn") and not word.simple.endswith(_ORG_END)
        if common and _bureau_stem(word.simple, _tag(word)):
            return word.start
    return start


_JOINING = frozenset(_words("会同 联合 协同 伙同 联手 携手 连同"))
"""Verbs of acting together: between two bodies they end the first (质监局+联合+工商局) and
before one they are no part of its name (会同中国林业科学院). 联合 can begin one (联合技术公司)."""


def place_key(name: str) -> str:
    """One key for a place's variants (Simplified): 青海省 and 青海, 海东市 and 海东,
    香港特别行政区 and 香港."""
    for suffix in ("特别行政区", "自治区", "省", "市", "县"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def entities(paragraphs: Sequence[str]) -> dict[str, list[Entity]]:
    """People, places and organisations of an article, variants merged, most salient first.

    A place is listed as the article writes its fullest form (新疆克州阿合奇县: places
    that touch are one), with its parts (新疆, 克州, 阿合奇县) for matching variants:
    青海海东市, 青海省海东市 and 海东市 are one entry. Salience: entities named
    at least :data:`MIN_SALIENT` times come first, then by first mention.
    """
    return _collect(paragraphs).ranked()


@dataclass(slots=True)
class _Found:
    """What one pass over an article finds (each paragraph is segmented once).

    The model's names fill the tables; the rules' own finds (Simplified names, place
    keys) only confirm them.
    """

    people: dict[str, Entity] = field(default_factory=dict)
    places: dict[frozenset[str], Entity] = field(default_factory=dict)
    orgs: dict[str, Entity] = field(default_factory=dict)
    projects: Counter[str] = field(default_factory=Counter)
    figures: dict[str, None] = field(default_factory=dict)
    confirmed: set[str] = field(default_factory=set)
    roles: dict[str, str] = field(default_factory=dict)
    """The role the rules read before a name (Simplified), for where the model missed it."""
    short: list[tuple[int, str, str, bool, bool]] = field(default_factory=list)
    """Places written in short forms (中 and 美 of 中美关系, 华 of 访华): the offset, the
    character, the short forms written with it and whether it names a country's side."""
    traditional: bool = False
    """The article writes Traditional characters (a place read from a short form is listed
    in them: 中國)."""
    addressed: Counter[str] = field(default_factory=Counter)
    """People written as a surname and a title (江主席), by surname."""
    nested: Counter[str] = field(default_factory=Counter)
    """Parties named in their congress's name (民进 of 民进第八次全国代表大会)."""
    name_starts: Counter[str] = field(default_factory=Counter)
    """Places the model read as the start of a three-character name (韩国 of 韩国瑜), by
    that name: no mention of the place when the name is a listed person's."""
    pairs: set[str] = field(default_factory=set)
    """Doubles pairs' nicknames (麟洋 of 麟洋配): no person's name."""
    handles: set[str] = field(default_factory=set)
    """What follows an @ (a brand's or a user's account: @Dyson戴森), in Latin and Han parts."""

    def count_short_forms(self) -> None:
        """A place written in its short form (中 of 中美, 俄 of 俄总统) is another mention of the
        place the article names in full (中国, 俄罗斯), or else of the one place the short form
        names (中方 alone lists 中国): both are variants of one place."""
        written: dict[str, list[Entity]] = {}
        for entity in self.places.values():
            for short in set().union(*(short_forms_of(p) for p in entity.parts)):
                written.setdefault(short, []).append(entity)
        surnames = {
            simplified_copy(k)[:1]
            for k, e in self.people.items()
            if len(k) == 3 and _person(e, self.confirmed)
        }
        for at, short, run, abroad, acting in self.short:
            if acting and run == short and short in surnames:
                continue  # 强调韩+主持会议: 韩国瑜, named by his surname, acts
            for entity in written.get(short, ()):
                entity.mentions += 1
            if short not in written and (full := _reading(short, run, abroad)):
                name = full.translate(_TRADITIONAL) if self.traditional else full
                _add(self.places, frozenset({full}), name, at, (name,), SURE)
        self.short.clear()

    def role_of(self, name: str) -> str:
        """The role the rules read before ``name`` or before its start (they read 盛来 of
        国家统计局新闻发言人盛来运说, where jieba cuts 盛来|运说)."""
        return self.roles.get(name) or next(
            (role for cut, role in self.roles.items() if len(cut) >= 2 and name.startswith(cut)),
            "",
        )

    def ranked(self) -> dict[str, list[Entity]]:
        """The credible entities, most salient first; merging variants looks at pairs, so
        only the :data:`MAX_CANDIDATES` most salient of each kind take part (linear cost)."""
        self.count_short_forms()
        self.places = _drop_locators(self.places)
        people = _salient(self.people)
        _merge_cut_names(people)
        _merge_surname_said(people)
        _merge_anonymised(people)
        _count_addressed(people, self.addressed)
        people = {k: e for k, e in people.items() if _person(e, self.confirmed)}
        places = _salient({k: e for k, e in self.places.items() if _place(e, self.confirmed)})
        for party, count in self.nested.items():  # a mention of a party named on its own
            if party in self.orgs:
                self.orgs[party].mentions += count
        self.nested.clear()
        _merge_placed_bodies(self.orgs)
        orgs = _salient({k: e for k, e in self.orgs.items() if _organisation(k, e, self.confirmed)})
        _merge_buildings(places)
        _merge_places(places)
        for place in places.values():
            if len(place.parts) == 1:  # 香港 20 times, 香港特别行政区 4 times: 香港
                place.name = max(place.forms, key=lambda f: (place.forms[f], len(f)))
                place.parts = (place.name,)
        _drop_parts(orgs)
        _merge_short_names(orgs)
        people = {
            k: e
            for k, e in people.items()
            if not _names_an_org(k, orgs)
            and not any(h.startswith(k) for h in self.handles)
            and simplified_copy(k) not in self.pairs
        }
        parts = {k: {simplified_copy(p) for p in e.parts} for k, e in places.items()}
        for key in list(people):  # 扎伊尔 of 扎伊尔共和国 and 扎伊尔人民: the country
            states = {simplified_copy(key) + state for state in _STATES}
            if country := next((places[k] for k, p in parts.items() if states & p), None):
                country.mentions += people.pop(key).mentions
        people = {k: e for k, e in people.items() if not _starts_a_place(e, places)}
        for name, count in self.name_starts.items():
            if name in {simplified_copy(k) for k in people}:
                for key in [k for k in places if place_key(name[:2]) in k]:
                    places[key].mentions -= count
                    if places[key].mentions <= 0:
                        del places[key]
        for entity in people.values():
            entity.role = entity.role or self.role_of(simplified_copy(entity.name))
        named = {simplified_copy(e.name) for e in people.values()}
        orgs = {k: e for k, e in orgs.items() if k not in named}  # 卓荣泰: the person
        places = {k: e for k, e in places.items() if not _pair_abbreviated(e, places)}
        return {
            "people": _ranked(people),
            "places": _ranked({k: e for k, e in places.items() if e.name not in people}),
            "organisations": _ranked(orgs),
        }


def _pair_abbreviated(place: Entity, places: Mapping[Any, Entity]) -> bool:
    """A two-character name written once, unknown to the dictionary, each character from
    another listed place (宜东 of a headline: 宜兰县 and 台东县): the pair, abbreviated, is
    no place of its own."""
    name = simplified_copy(place.name)
    if len(name) != 2 or place.mentions > 1 or word_tag(name):
        return False
    others = [simplified_copy(e.name) for e in places.values() if e is not place]
    return any(
        name[0] in a and name[1] in b and a != b and name not in a + b
        for a in others
        for b in others
    )


_STATES = ("共和国", "王国")
"""A country written in full (扎伊尔共和国): its name alone, read by the model as a person's,
is the country."""


def _starts_a_place(person: Entity, places: Mapping[Any, Entity]) -> bool:
    """A "person" that starts a listed place named as often (哈博 of 哈博罗内: the model cut
    a foreign place it did not know) is a fragment of the place."""
    return any(
        p.startswith(person.name) and p != person.name and place.mentions >= person.mentions
        for place in places.values()
        for p in place.parts
    )


def _names_an_org(name: str, orgs: Mapping[str, Entity]) -> bool:
    """A "person" whose name and an organisation's ending name a listed organisation is
    that organisation's short name: 彭博 of 彭博社, 戴森 of 戴森公司 (brands and agencies
    the model reads as people)."""
    return any(org.startswith(name) and org[len(name) :] in _ORG_END for org in orgs)


SURE = 2.0
"""A name the model chose by this margin (:attr:`ner.Mention.margin`) is listed on the
model's word alone; below :data:`UNSURE` it needs the rules' find or a second mention."""
UNSURE = 0.6


def _credible(entity: Entity, confirmed: bool, shaped: bool) -> bool:
    """Whether to list a name the model found: clearly chosen, or else found by the rules
    too or named twice, or else (when not chosen by a hair) shaped like its kind."""
    if entity.margin >= SURE or confirmed or entity.mentions >= MIN_SALIENT:
        return True
    return entity.margin >= UNSURE and shaped


_SOUNDS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜顿多厄恩尔法凡"
    "菲费芬丰弗夫福富盖甘冈戈格根贡古瓜圭哈海汉豪赫亨洪霍基吉加贾杰捷金卡凯坎康考柯科克肯"
    "库夸奎昆拉莱兰朗劳勒雷蕾里利莉丽列林琳隆卢鲁路伦罗洛马玛迈麦曼芒梅蒙米密莫默姆穆纳娜"
    "奈南内尼涅宁纽努诺欧帕派潘庞佩彭皮珀普奇齐恰乔切钦琼丘萨塞桑瑟森沙莎尚舍什施舒斯松苏"
    "索塔泰坦特滕提图托瓦万旺威韦维温沃乌伍西希谢辛休雅亚扬耶伊因英尤约泽扎詹兹佐延茨娃"
)
"""Characters of the standard transliteration of foreign names (Xinhua's syllable tables):
a name written only with them (基里延科, 斯特罗耶夫, 莫斯科) is a foreign name."""


def _transliterated(name: str) -> bool:
    """Written only in transliteration characters, three or more (not 马良, 安康)."""
    letters = name.replace("·", "")
    return 3 <= len(letters) <= 12 and all(c in _SOUNDS for c in letters)


def _person(entity: Entity, confirmed: set[str]) -> bool:
    """Shaped like a name: a surname and one or two characters, a dotted foreign name, a
    full or foreign name in jieba's dictionary (its plain "nr" tag is no evidence: it gives
    it to 莫斯科 and 石家庄)."""
    name = _REGNAL_END.sub("", simplified_copy(entity.name))  # 卡洛斯 of 卡洛斯三世
    if len(name) < 2 or _is_role_word(name) or (len(name) == 2 and name[-1] in _NOT_GIVEN):
        return False
    if any("A" <= c <= "Z" or "a" <= c <= "z" for c in name):
        return False  # BBC, B of TVB及: Latin letters write a brand's or a station's name
    if word_tag(name) in ("j", "nt") and _freq(name) > _KNOWN_WORD // 10:
        return False  # 亚行 (the Asian Development Bank), 民盟: abbreviations jieba knows
    if (
        len(name) == 2
        and not entity.role
        and not _has_surname(name)
        and name[0] != name[1]  # 苗苗: a pet name
        and word_tag(name) in _COMMON_TAGS
    ):
        return False  # 复元 (recovery), 宏道 of 宏道阁: a word the dictionary knows, no name
    shaped = (
        (_has_surname(name) and len(name) <= 3)
        or "·" in name
        or (len(name) >= 3 and word_tag(name) in ("nrt", "nrfg"))
        or (_transliterated(name) and word_tag(name) in ("", "nr", "nrt", "nrfg"))
    )
    full = len(name) == 3 and _has_surname(name) and entity.margin >= 0
    return _credible(entity, name in confirmed, shaped) or full


_COMMON_TAGS = frozenset(("n", "nz", "v", "vn", "a", "ad", "an", "d"))
"""Tags of words that name things or acts: a two-character word the dictionary tags so,
with no surname, is that word, not a name."""

_VERY_COMMON = 10_000
"""Dictionary frequency above which a word the dictionary knows as a common noun, verb or
adjective is that word (经济 48,718, 国际 24,601), not a place the model saw in it (地球 4,590
and 大陆 6,521 are places in news)."""


def _common_word(word: str) -> bool:
    return word_tag(word) in ("n", "vn", "v", "a", "an", "d") and _freq(word) > _VERY_COMMON


def _place(entity: Entity, confirmed: set[str]) -> bool:
    """Not a very common word; shaped like a place: in jieba's dictionary as one, a
    province, a name ending in 省市县州镇乡村旗 or as other places end (机场, 岛, 大桥), a
    transliterated name (法兰克福)."""
    parts = [simplified_copy(p) for p in entity.parts]
    if any(len(p) < 2 or _not_a_place(p) or _common_word(p) for p in parts):
        return False
    if _kind_of_place(simplified_copy(entity.name)):
        return False
    shaped = any(
        p[-1] in _ADMIN
        or word_tag(p) == "ns"
        or p in _PROVINCES
        or (_transliterated(p) and word_tag(p) in ("", "nr", "nrt", "ns"))
        or (len(p) >= 3 and _proper_before(p, _PLACE_ENDS))
        for p in parts
    )
    return _credible(entity, any(place_key(p) in confirmed for p in parts), shaped)


def _kind_of_place(name: str) -> bool:
    """A kind of place, not a place: a word such as 高速公路 or 遗址公园 that ends as
    grounds and roads do (公园, 公路, 广场) after a common word or nothing."""
    ending = max((e for e in _PLACE_ENDS if len(e) >= 2 and name.endswith(e)), key=len, default="")
    stem = name[: len(name) - len(ending)]
    if not ending:
        return False
    if stem in _HOUSING:
        return True  # 屋苑+大厦: an estate's buildings, no name
    return not stem or word_tag(name) == "n" or not _proper_before(name, (ending,))


_HOUSING = frozenset(_words("屋苑 屋邨 公屋 居屋 私楼 楼宇 住宅 唐楼"))
"""Kinds of housing (Hong Kong usage jieba does not know): before a place's ending they
name a kind of building (屋苑大厦), not one."""


def _proper_before(name: str, endings: tuple[str, ...]) -> bool:
    """``name`` ends in one of ``endings`` after a proper name or a rare word, not after a
    common word: 明石海峡+大桥, 金水+河, 法国雇主+协会, not 高速+公路, 国家+公园, 诈骗+集团."""
    ending = max((e for e in endings if name.endswith(e)), key=len, default="")
    stem = name[: len(name) - len(ending)]
    proper = word_tag(stem) in ("", "ns", "nr", "nrt", "nz", "nt", "j")
    return bool(ending and stem) and (proper or _freq(stem) <= _KNOWN_WORD)


_PLACE_ENDS = _words(
    "区 岛 湾 港 河 江 湖 海 山 峰 岭 峡 谷 原 城 堡 宫 寺 庙 塔 楼 桥 路 街 道 站 场 馆 "
    "园 陵 洲 角 门 亭 台 口 机场 广场 公园 铁路 公路 大厦 大道 车站 码头 体育馆 大桥 "
    "苑 邨 阁 花园"
)
"""How names of places end beside 省市县: districts, islands, rivers, mountains, streets,
buildings and grounds (明石海峡大桥, 德黑兰机场, 马拉若岛, 金水河), housing estates and
their blocks (宏福苑, 广福邨, 宏昌阁)."""
_ESTATE_ENDS = ("苑", "邨", "阁", "花园")
"""How a housing estate or its block ends: a place, though the model may call it a body."""


def _organisation(key: str, entity: Entity, confirmed: set[str]) -> bool:
    """Not an event, nor a generic word (市政府, 上市公司) unless the model names it
    again and again: then it is an actor of the article (县委, 市委); shaped like an
    organisation: ending as organisations do (局 院 公司 银行 ...), or in jieba's
    dictionary as an organisation, abbreviation or proper noun (联合国, 北大)."""
    if len(key) < 2 or key.endswith(_EVENT_ENDS) or _verb_phrase(key) or _kind_of(key):
        return False
    if len(key) == 2 and key[-1] in _ADMIN:
        return False  # 北市 (台北市): a city's short name is the place
    if key.endswith(_SITUATIONS) and _situation(key):
        return False  # 法国政局, 总揽全局: a situation, not a bureau (局)
    if key.endswith(("政府", "当局")) and _placename(key[:-2]):
        return False  # 俄政府 names the place, as 中国政府 does
    if key.endswith(("教", "族")) or any(w in key for w in _NO_ONE_BODY):
        return False  # 佛教 is a religion, 壮族 a people; 两国中央银行, 国共两党 name no one body
    if _generic_org(key):
        return entity.mentions >= MIN_SALIENT and entity.margin >= SURE
    shaped = key.endswith(_ORG_END) or word_tag(key) in ("nt", "j", "nz")
    suffixed = len(key) >= 4 and _proper_before(key, _ORG_SUFFIXES) and entity.margin >= 0
    termed = bool(_TERMED.search(key)) and key.endswith(_ORG_END)
    return _credible(entity, key in confirmed, shaped) or suffixed or termed


_NO_ONE_BODY = ("两国", "各国", "有关", "两党", "所有")
"""Words that make a name several bodies or all of a kind (两国中央银行, 所有政府)."""


_KINDS_OF_BODY = frozenset(_words("公司 工厂 企业 部队 财团 球队"))
"""Kinds of body that a place or a quality before them leaves a kind (美国公司, 大公司)."""


def _placename(word: str) -> bool:
    """A province, a place in the dictionary, or a short form of one (俄, 京)."""
    return word in _PROVINCES or word_tag(word) == "ns" or bool(_short_forms(word))


def _kind_of(name: str) -> bool:
    """A place or a quality and a kind of body (美国公司, 陕西工厂, 大公司; 北京大学
    is one): a kind of organisation, as 中国政府 is a government, not one body's name."""
    for n in (1, 2, 3):
        stem, tag = name[:n], word_tag(name[:n])
        quality = n == 1 and tag == "a"  # 大公司 (微软 is tagged as an adjective too)
        if name[n:] in _KINDS_OF_BODY and (stem in _PROVINCES or tag == "ns" or quality):
            return True
    return False


def _verb_phrase(name: str) -> bool:
    """Two characters the dictionary does not know as a word, a verb or preposition and a
    noun or numeral as its object, not ending as organisations do: 聚力 (gather strength) of
    聚力打造, 从一 of 从一个 (顺丰 and 申通 are not shaped so)."""
    return (
        len(name) == 2
        and not word_tag(name)
        and not name.endswith(_ORG_END)
        and word_tag(name[0])[:1] in ("v", "p")
        and word_tag(name[1])[:1] in ("n", "m")
    )


_NAMED_BY_SUFFIX = _words(
    "有限公司 公司 集团 银行 大学 学院 学校 中学 小学 医院 研究院 研究所 厂 出版社 报社 电视台"
)
"""Organisations the rules find without the model: a specific name before one of these
suffixes is an organisation whatever the model says (胜道农业薯条工厂)."""
_TEAMS = re.compile(r"(?:国家|代表)?[男女]?队|代表团")
"""After a place, a team or delegation of it (中国队, 印尼女队, 古巴代表团): an organisation."""
_PART_OF = re.compile("(?:[东西南北中]|东南|东北|西南|西北|中南|中北)部$")
"""A direction ending a place names a part of it (新疆北部, 华北中南部): the place is named."""
_HEADED = re.compile("[\u4e00-\u9fff]{2,4}?[部局厅署](?=长)")
"""After a place, a ministry or office written with its head's title (美国财政部长, 芬兰农林部长):
the place's ministry is an organisation."""
_ADDRESSED = ("老师", "先生", "女士", "小姐", "老", "某", "总")
"""A form of address after a surname (胡老, 李老师): no full name is written."""


def _conventions(
    simple: str, found: Sequence[Mention], organisations: Sequence[tuple[int, int]]
) -> list[Mention]:
    """The model's names as news writes about them: 中国政府 names the place 中国 (克林顿政府
    names nothing listable), 中国美术馆 is a place, and so is a country the model calls an
    organisation (中华 of 振兴中华); 中国队, 北京市+仲裁委员会 and 济南+交警 (an organisation
    the rules delimit) are organisations; a name the model cuts in two is one (美中友协+美西
    分会, 印度—中国友好协会, 中国致公党+第十一次全国代表大会), but a national body does not
    belong to the place before it (香港特别行政区+第九届全国人民代表大会); 东北地区 names 东北;
    李老师 names nobody in full; 苏青两省 and 青海零碳产业园 name no person and no place."""
    kept: list[Mention] = []
    starts = dict(organisations)
    for k, m in enumerate(found):
        name, after = simple[m.start : m.end], simple[m.end : m.end + 3]
        if _PAIR.match(after) or (m.kind == "LOC" and after.startswith(_PROJECT_SUFFIXES)):
            continue
        quoted = m.kind == "LOC" and m.start and _QUOTED_NAME.match(simple, m.start - 1)
        if quoted and m.end < quoted.end() - 1:
            continue  # “太湖明珠”: the place starts a quoted name of something else
        if m.kind == "ORG" and (name in _PROVINCES or _short_forms(name) or name in SHORT_FORMS):
            m = replace(m, kind="LOC")  # 中国 of 中国国家主席, 中华 of 振兴中华: the place
        if m.kind == "ORG" and name.endswith(("政府", "当局")):
            stem = name[:-2]
            if not _placename(stem):
                continue  # 克林顿政府, 特区政府: no organisation's name
            m = replace(m, kind="LOC", end=m.end - 2)
        elif m.kind == "ORG" and name.endswith("馆") and not name.endswith(_MISSIONS):
            m = replace(m, kind="LOC")  # 中国美术馆: a building is a place
        elif m.kind == "ORG" and len(name) >= 3 and _proper_before(name, _ESTATE_ENDS):
            m = replace(m, kind="LOC")  # 宏泰阁: a block of flats is a place
        elif m.kind == "LOC" and name.endswith(_MISSIONS):
            m = replace(m, kind="ORG")  # 马赛总领事馆: an embassy is a body
        elif m.kind == "LOC" and (
            body := _TEAMS.match(simple, m.end) or _HEADED.match(simple, m.end)
        ):
            m = replace(m, kind="ORG", end=body.end())
        elif (
            m.kind in ("LOC", "ORG")
            and starts.get(m.start, 0) > m.end
            and not _kind_of(simple[m.start : starts[m.start]])
        ):
            m = replace(m, kind="ORG", end=starts[m.start])  # 郑州铁路+分局
        elif m.kind == "LOC" and name.endswith("地区") and len(name) > 3:
            m = replace(m, end=m.end - 2)
        elif m.kind == "LOC" and (part := _PART_OF.search(name)) and part.start() >= 2:
            m = replace(m, end=m.start + part.start())  # 新疆北部 names 新疆
        elif m.kind == "PER" and name.endswith(_ADDRESSED):
            continue
        elif m.kind == "PER" and any(_one_word(simple, *pair) for pair in _beside(found, k)):
            continue  # 小恩+小惠 of the idiom 小恩小惠 (petty favours): no two people
        elif m.kind == "PER" and (named := _named_after(simple, kept, m)):
            m = replace(m, kind="ORG", start=kept.pop().start, end=named)
        elif m.kind == "PER" and (body := _BENEFACTORS.match(simple, m.end)):
            m = replace(m, kind="ORG", end=body.end())  # 霍英东+基金会: no mention of him
        elif m.kind == "LOC" and _glued_preposition(name):
            m = replace(m, start=m.start + 1)  # 中国同+加州
        window = max(0, m.start - 6)
        term = _TERM.search(simple[window : m.start]) if m.kind == "ORG" else None
        if term is not None and term.group().endswith("次") and not name.endswith("大会"):
            term = None  # 第四次+亚太经济合作组织财政部长会议: the meeting's number
        if term is not None:
            m = replace(m, start=window + term.start())  # 第六届+全国人大: that term's body
        if m.kind == "ORG" and simple.startswith("组织", m.end) and not name.endswith(_ORG_END):
            m = replace(m, end=m.end + 2)  # 欧佩克+组织
        if m.kind == "ORG" and (congress := _ITS_CONGRESS.match(simple, m.end)):
            m = replace(m, end=congress.end())  # 中国共产党+第十五次全国代表大会
        # A national body does not belong to the place before it: 香港特别行政区+第九届全国人大.
        national = simple.startswith("全国", m.start + (len(term.group()) if term else 0))
        dashed = m.start > 0 and simple[m.start - 1] in "—－"
        before = kept[-1] if kept and kept[-1].end == m.start - dashed else None
        joins = before is not None and (
            # 圭亚那—中国友好协会, not 中国—东盟 (a pair, not one name)
            (dashed and before.kind in ("LOC", "ORG") and _whole(simple, before) and len(name) >= 4)
            or (  # 北京市+仲裁委员会, not 访华+新华社 (a short form starts no name)
                before.kind == "LOC"
                and m.start == found[k - 1].end
                and before.end - before.start >= 2
                and not national
            )
            or (before.kind == "ORG" and term is not None)  # 致公党+第十一次全国代表大会
            or (  # 美中友协+美西分会, 共青团+四川省委: the model cut one name in two
                before.kind == "ORG" and m.start == found[k - 1].end and _whole(simple, before)
            )
        )
        if m.kind == "ORG" and before is not None and joins:
            m = replace(m, start=before.start, margin=min(m.margin, kept.pop().margin))
        kept.append(m)
    return kept


_NAMED_BODY = re.compile("[\u4e00-\u9fff]{0,4}?(?:医院|学校|书院|大学|学院|中学|小学|中心|基金会?)")
"""After a benefactor's name inside a body's name, the rest of that name (那打素医院)."""


_BENEFACTORS = re.compile("(?:慈善|教育|纪念)?(?:基金会?|中学|小学|书院|医院|集团)")
"""What follows a person's name in the name of a body named after them (李兆基+基金,
黄廷方+慈善基金, 王肇枝+中学): the body, not the person, is named."""


def _named_after(simple: str, kept: Sequence[Mention], person: Mention) -> int:
    """Where a body named after a person ends, when the model read its name as a body, a
    person and the rest (雅丽氏+何妙龄+那打素医院: one hospital), else 0."""
    before = kept[-1] if kept else None
    if before is None or before.kind != "ORG" or before.end != person.start:
        return 0
    body = _NAMED_BODY.match(simple, person.end)
    return body.end() if body else 0


def _beside(found: Sequence[Mention], k: int) -> list[tuple[Mention, Mention]]:
    """The pairs the ``k``-th mention makes with the mentions before and after it."""
    return [(found[j], found[j + 1]) for j in (k - 1, k) if j >= 0 and j + 1 < len(found)]


def _one_word(simple: str, first: Mention, second: Mention) -> bool:
    """Two names the model found side by side that together are a dictionary word, not a
    foreign name it cut (斯卡尔+法罗)."""
    both = first.kind == second.kind == "PER" and first.end == second.start
    word = simple[first.start : second.end]
    return both and _freq(word) > 0 and not _transliterated(word)


def _whole(simple: str, mention: Mention) -> bool:
    """Not a dateline (电, 讯) nor a name glued to a conjunction (中央党校和): a name that
    can start a longer one."""
    name = simple[mention.start : mention.end]
    last = name[-1:]
    return len(name) >= 2 and last not in "电讯同" and word_tag(last)[:1] not in ("p", "c", "u")


def _glued_preposition(name: str) -> bool:
    """A preposition or conjunction the model took into a place (同加州 of 中国同加州): the
    rest is a place in the dictionary, the whole is not (和田 is a place)."""
    return (
        len(name) >= 3
        and word_tag(name[0])[:1] in ("p", "c")
        and word_tag(name[1:]) == "ns"
        and word_tag(name) != "ns"
    )


_QUOTED_NAME = re.compile('[“「『"][\u4e00-\u9fff]{3,12}[”」』"]')
"""A short quoted phrase of Chinese characters: a name, a motto, a title."""


_ITS_CONGRESS = re.compile("第[一二三四五六七八九十百\\d]+[届次](?:全国)?代表大会")
"""A party's congress written after the party (中国共产党第十五次全国代表大会): one name."""
_TERMED = re.compile("第[一二三四五六七八九十百\\d]+[届次]")
"""A body named with its term (第十一次全国代表大会, 第九届全国人大) is shaped like one."""
_TERM = re.compile("第?[一二三四五六七八九十百\\d]+[届次]$")
"""An ordinal term written before a body (第六届全国人大, 六届人大常委会, 第十五次全国代表大会)
names that term's body."""
_MISSIONS = ("使馆", "领事馆", "代表处", "办事处")
"""Diplomatic and trade missions: bodies, though housed in buildings."""
_PAIR = re.compile("两[省市地国岸县区]")
"""After two one-character abbreviations, a pair of places (苏青两省), not a name."""


def _role_at(
    simple: str, tokens: Sequence[Token], starts: Sequence[int], start: int, places: set[int]
) -> tuple[int, int] | None:
    """The role written just before offset ``start`` (where a name begins), if any. A name
    that jieba glued to the word before (国民党团总召傅|崐|萁: a rare character breaks the
    cut) has its clause before it cut anew."""
    k = bisect.bisect_left(starts, start)
    if k < len(starts) and starts[k] == start:
        return _role_before(tokens, k, places)
    k = bisect.bisect_right(starts, start) - 1
    if k < 0 or tokens[k].end <= start:
        return None
    clause = simple[max(0, start - 16) : start]
    begin = max((clause.rfind(c) for c in "，,。；;：:、 \n（(「“"), default=-1) + 1
    again = segment_few(clause[begin:])
    if not again or not _is_role(again[-1]):
        return None
    first = again[_role_start(again, len(again) - 1, set())]
    return start - len(clause) + begin + first.start, start


def _title_after(
    tokens: Sequence[Token], starts: Sequence[int], end: int
) -> tuple[int, int] | None:
    """A title written right after a name that ends at offset ``end`` (习近平总书记, 王华副市长),
    not a verb before 的 or 下 (张三主演的电影, 在李四领导下) nor a group (张三等领导)."""
    k = bisect.bisect_left(starts, end)
    if k == len(starts) or starts[k] != end:
        return None
    if tokens[k].simple in ("副", "常务"):
        k += 1
    if k == len(tokens) or not _is_role(tokens[k]) or tokens[k].simple.startswith("等"):
        return None
    if k + 1 < len(tokens) and tokens[k + 1].simple in ("的", "下"):
        return None  # 在毛泽东领导下: a verb
    return end, tokens[k].end


def _run(tokens: Sequence[Token], starts: Sequence[int], m: Mention) -> list[Mention]:
    """The people of a list written without separators, which the model reads as one name
    (李鹏乔石, 荣毅仁丁关根田纪云 of a 名单): a span made of two or more words each shaped like
    a full name (a surname and one or two characters, tagged as a name or unknown) is that
    many people."""
    if m.kind != "PER":
        return [m]
    inside = _within(tokens, starts, m.start, m.end)
    if (
        len(inside) < 2
        or inside[0].start != m.start
        or inside[-1].end != m.end
        or not any(_tag(t) in ("nr", "nrfg") for t in inside)
        or not all(_full_name(t) for t in inside)
    ):
        return [m]
    return [replace(m, start=t.start, end=t.end) for t in inside]


def _full_name(token: Token) -> bool:
    """A word shaped like a Chinese full name: a surname and one or two characters, that
    the dictionary tags as a name or does not know (and not 马哈 of 马哈祖布, a foreign
    name)."""
    word, tag = token.simple, _tag(token)
    return (
        2 <= len(word) <= 3
        and _has_surname(word)
        and (tag in ("nr", "nrfg") or (not tag and not _SOUNDS & set(word[1:])))
        and word[-1] not in _NOT_GIVEN
    )


def _person_mention(
    simple: str, tokens: Sequence[Token], starts: Sequence[int], m: Mention
) -> Mention | str:
    """A person the model found, delimited: without the title it glued to the name (乔石
    of 乔石委员长, read as 乔石委员), completed to the name it cut (傅全 of 傅全有, 马跃 of
    马跃南), ending where the next word starts (穆萨 of 穆萨|敦促, 卢金 of 卢金|也), without
    the 应 of 应塞迪略总统的邀请 (at the invitation of). For a surname and a title (江主席),
    the surname alone: no name is written."""
    name = simple[m.start : m.end]
    k = bisect.bisect_right(starts, m.start) - 1
    first = tokens[k] if k >= 0 else None
    if first is not None and first.start < m.start < first.end and _place_word(first):
        before = (tokens[k - 1].simple if k else "") + first.simple[: m.start - first.start]
        if not before.endswith(_ROLES):
            return ""  # 罗晴 of 开罗|晴 (not 安雷 of 财政部|长安|雷): no name starts in a place
    inside = _within(tokens, starts, m.start, m.end)
    if (
        len(inside) == 2
        and k >= 1
        and tokens[k - 1].end == m.start
        and _tag(tokens[k - 1])[:1] in ("p", "c")
        and inside[0].start == m.start
        and inside[0].simple in _SURNAMES
        and len(inside[1].simple) >= 2
        and _tag(inside[1]).startswith("v")
    ):
        return name[0]  # 与+沈+沟通: a surname and a verb after a preposition (not 记者翟|启运)
    for i in range(1, len(name) - 1):
        tail = name[i:]
        if any(r.startswith(tail) and simple.startswith(r, m.start + i) for r in _ROLES):
            return replace(m, end=m.start + i) if i >= 2 else name[0] * (name[0] in _SURNAMES)
    k = bisect.bisect_right(starts, m.end - 1) - 1
    last = tokens[k] if k >= 0 else None
    if last is not None and last.start == m.start < m.end < last.end:
        rest = last.simple[m.end - last.start :]
        if _tag(last) in ("nr", "nrfg") and (len(last.simple) <= 3 or not _freq(rest)):
            return replace(m, end=last.end)  # not 邓小平理论, 毛泽东思想
        word = last.simple
        if (
            not _tag(last)
            and len(word) == 3
            and _has_surname(word)
            and word[2] not in _NAME_TAIL
            and word[1] not in _SEXES  # 李男|于: 李男 is written whole
        ):
            return replace(m, end=last.end)  # 马跃 of 马跃南, a name jieba does not know
    if (
        last is not None
        and m.start < last.start < m.end < last.end
        and not _tag(last)
        and word_tag(simple[m.end])[:1] == "m"
        and m.margin < SURE
    ):
        return ""  # 向阳吉 of 向阳|吉第 (a building): a name cut before an ordinal's 第, doubtful
    glued = last is not None and (
        (last.end > m.end and _tag(last)[:1] in ("v", "d", "m", "p", "c"))
        or (last.end == m.end and last.simple in _NAME_TAIL)
    )
    if last is not None and glued and m.start + 2 <= last.start < m.end and "·" not in name:
        return replace(m, end=last.start)  # 穆萨 of 穆萨|敦促, 卢金 of 卢金|也
    if name.startswith("应") and "邀请" in simple[m.end : m.end + 12]:
        return replace(m, start=m.start + 1)
    return m


def _place_word(token: Token) -> bool:
    return _tag(token) in ("ns", "nz") and len(token.simple) >= 2


def _person_span(
    text: str, mention: Mention, people: Sequence[tuple[int, str, str]]
) -> tuple[int, str, str]:
    """(offset, name, role) of a person the model found. A name the rules delimit around it
    is the whole name (the model cuts 烏拉孜別克·熱蘇力汗 to 熱蘇力汗, 王小川 to 小川), unless
    the model's own name is dotted or the rules' starts with a common word: then the model
    delimits better (the rules read 荷兰人维姆·杜伊森贝赫, 莉萨·科斯马斯说, 精粹·张君秋)."""
    written = text[mention.start : mention.end]
    for start, name, role in people:
        if start <= mention.start and mention.end <= start + len(name):
            head = simplified_copy(name).split("·")[0]
            if "·" in written or word_tag(head) not in ("", "nr", "nrt", "nrfg"):
                return mention.start, written, role * (start == mention.start)
            return start, name, role
    return mention.start, written, ""


def _listed_after(
    simple: str, people: Sequence[tuple[int, str, str]], named: Mapping[str, Entity]
) -> list[tuple[int, str, str]]:
    """People the rules read in a 、 list after a person the model named (记者 孟佳、查文晔:
    the model names the first only), in order: one listed name vouches for the next."""
    found: list[tuple[int, str, str]] = []
    vouched = ""
    for at, name, role in people:
        if at > 0 and simple[at - 1] == "\u3001" and vouched and name not in named:
            found.append((at, name, role))
            vouched = name
        else:
            vouched = name if name in named else ""
    return found


def _body_of(
    tokens: Sequence[Token], starts: Sequence[int], start: int, end: int
) -> tuple[int, int] | None:
    """The body a role written from ``start`` to ``end`` names (消防处 of 消防处处长, 香港保险业
    联会 of 香港保险业联会行政总监): the words before its title, ending as bodies do."""
    inside = _within(tokens, starts, start, end)
    k = len(inside)
    while k > 0 and (_is_role(inside[k - 1]) or inside[k - 1].simple in _QUALIFIERS):
        k -= 1
    glued = ""  # 党 of 民众+党立委: the body's last character glued to the role
    if k < len(inside) and k > 0:
        word = inside[k].simple
        role = next((r for r in _ROLES if word.endswith(r)), word)
        glued = word[: len(word) - len(role)] if word[-len(role) - 1 : -len(role)] else ""
        glued = glued if len(glued) == 1 and glued in _ORG_END else ""
    while k > 0 and not glued and inside[k - 1].simple in ("行政", "执行", "首席", "政务"):
        k -= 1  # 行政+总监, 政务+次长
    first = k
    while first > 0 and _body_word(inside[first - 1]):
        first -= 1
    body = "".join(t.simple for t in inside[first:k]) + glued
    if len(body) < 3 or not body.endswith(_ORG_END) or _is_role_word(body):
        return None
    return inside[first].start, inside[k - 1].end + len(glued)


_QUALIFIERS = frozenset({"副", "常务", *_FORMER})
_BODY_TAGS = frozenset(("n", "ns", "nt", "nz", "j", ""))
"""Tags of the words a body's name is made of (香港+保险业+联会, 消防处)."""


def _body_word(token: Token) -> bool:
    return _tag(token) in _BODY_TAGS and bool(_HAN.fullmatch(token.simple)) and not _is_role(token)


_PAIRED = re.compile("配(?![合置备套送音])")
"""After a doubles pair's nickname made of its players' given names (麟洋配, the pair 王齐麟
and 李洋): 配 (paired), not 配合 or 配置."""
_DAY_BEFORE = re.compile(r"[\d〇零一二三四五六七八九十]日$")
"""A place the model reads from a date's 日 (日本 of 30日+本地): no place."""
_PAPER_DATELINE = ("报讯", "网讯", "台讯")
"""A paper's, a site's or a station's dateline (广州日报讯, 四海网讯)."""
_HANDLE = re.compile(r"@([A-Za-z][\w.&'-]*?)?([\u4e00-\u9fff]{2,8})?(?![A-Za-z\d])")
"""An account named with @ (@Dyson戴森, @昕诺飞): a brand or a user, no person's name; a
name it starts with (戴森 of 戴森新出的) is the account's wherever the article writes it."""


def _collect(paragraphs: Sequence[str]) -> _Found:
    found = _Found()
    recurring: dict[str, list[tuple[str, int]]] = {}
    unnamed: dict[str, list[tuple[str, int]]] = {}
    offset = 0
    read = list(itertools.accumulate((len(p) + 1 for p in paragraphs), initial=0))
    named_in = mentions(paragraphs[: bisect.bisect_left(read, MODEL_CHARACTERS)])
    for number, text in enumerate(paragraphs):
        tokens = segment(text)
        simple = simplified_copy(text)
        starts = [t.start for t in tokens]
        spans = _place_spans(tokens)
        inside = {t.start for s, e in spans for t in _within(tokens, starts, s, e)}
        organisations = _organisations_in(tokens, starts, inside)
        found.confirmed.update(simple[s:e] for s, e in organisations)
        for s, e in organisations:
            if congress := _CONGRESS.search(simple[s:e]):
                found.confirmed.add(simple[s : s + congress.start()])  # the party: 致公党
            if simple[s:e].endswith(_NAMED_BY_SUFFIX) or congress:
                _add(found.orgs, simple[s:e], text[s:e], offset + s, (text[s:e],), -math.inf)
            else:
                recurring.setdefault(simple[s:e], []).append((text[s:e], offset + s))
        found.confirmed.update(place_key(simple[s:e]) for s, e in spans)
        found.handles.update(part for m in _HANDLE.finditer(simple) for part in m.groups() if part)
        people = _people_in(text, tokens, inside)
        for _, name, role in people:
            found.confirmed.add(simplified_copy(name))
            if role:
                found.roles.setdefault(simplified_copy(name), role)
        found.traditional = found.traditional or text != simple
        if number < len(named_in):
            seen = _short_mentions(simple, tokens, named_in[number])
            found.short.extend(
                (offset + at, simple[at], *seen[at], _acts(tokens, starts, at + 1))
                for at in sorted(seen)
            )
        named = (
            _conventions(simple, named_in[number], organisations) if number < len(named_in) else []
        )
        named = [
            _regnal(simple, _estate(tokens, starts, part))
            for m in _addressed(tokens, starts, named)
            for part in _run(tokens, starts, m)
        ]
        for m in named:
            if m.kind == "PER":
                person = _person_mention(simple, tokens, starts, m)
                if isinstance(person, str):
                    found.addressed[person] += bool(person)  # 江主席: a surname and a title
                    continue
                start, name, role = _person_span(text, person, people)
                if _PAIRED.match(simple, start + len(name)) and not _has_surname(name):
                    found.pairs.add(simplified_copy(name))  # 麟洋+配: the pair 王齐麟 and 李洋
                if _BENEFACTORS.match(simple, start + len(name)):
                    continue  # 霍英东+集团: the body named after him
                if not role and (span := _role_at(simple, tokens, starts, start, inside)):
                    role = text[span[0] : span[1]]
                after = None if role else _title_after(tokens, starts, start + len(name))
                if (
                    role
                    and text.endswith(role, 0, start)
                    and (body := _body_of(tokens, starts, start - len(role), start))
                ):
                    _add(
                        found.orgs,
                        simple[body[0] : body[1]],
                        text[body[0] : body[1]],
                        offset + body[0],
                        (text[body[0] : body[1]],),
                        -math.inf,
                    )
                    if simple[body[1] - 1] == "党":  # 民众党+立委: a party, by its member's title
                        found.confirmed.add(simple[body[0] : body[1]])
                entity = found.people.setdefault(name, Entity(name, first=offset + start))
                entity.mentions += 1
                entity.margin = max(entity.margin, person.margin)
                if role and (not entity.role or entity.title_after):
                    entity.role, entity.title_after = role, False  # 立委王育敏 over 王育敏委员
                elif not entity.role and after:
                    entity.role, entity.title_after = text[after[0] : after[1]], True
            elif (
                m.kind == "ORG"
                and (cut := _without_role(simple, m.start, m.end)) > m.start
                and (end := _org_end(tokens, starts, m.start, cut))
            ):
                begin = _after_verb(tokens, starts, m.start, end)
                if _DIGITS.fullmatch(simple, begin, end):
                    begin = _brand_before(tokens, starts, begin)
                    if begin == m.start:
                        continue  # a number alone names no body
                if simple[end - 1] in _BUREAU_ENDS:
                    begin = _with_and(tokens, starts, begin)
                if simple[begin:end].endswith(_PAPER_DATELINE):
                    end -= 1  # 广州日报讯: the paper's dateline names the paper
                name = text[begin:end]
                _add(found.orgs, simple[begin:end], name, offset + begin, (name,), m.margin)
                if congress := _ITS_CONGRESS.search(simple, begin, end):
                    found.nested[simple[begin : congress.start()]] += 1  # 民进+第八次…
        for at, name, role in _listed_after(simple, people, found.people):
            entity = found.people.setdefault(name, Entity(name, first=offset + at))
            entity.mentions += 1
            entity.role = entity.role or role
        if number < len(named_in):
            for s, e in _unseen(simple, spans, named_in[number]):
                unnamed.setdefault(place_key(simple[s:e]), []).append((text[s:e], offset + s))
        margins = {
            (m.start, m.end): m.margin
            for m in named
            if m.kind == "LOC"
            and not _DAY_BEFORE.search(simple, 0, m.start + 1)
            and not _no_place_word(tokens, starts, m)
        }
        for s, e in list(margins):
            if name := _name_from(simple, tokens, starts, s, e):
                found.name_starts[name] += 1  # 韩国+瑜: a person's name, if one is listed
        for chain in _chains(list(margins)):
            parts = tuple(text[s:e] for s, e in chain)
            keys = frozenset(place_key(simplified_copy(p)) for p in parts)
            margin = min(margins.get(span, -math.inf) for span in chain)
            first = offset + chain[0][0]
            _add(found.places, keys, text[chain[0][0] : chain[-1][1]], first, parts, margin)
        events = _events(simple, tokens, starts)
        for start, end, stem in _phrases(tokens, _PROJECT_SUFFIXES, ("和", "与", "及")):
            if any(start <= a and b < end for a, b in events):
                continue  # 巴黎奥运会+艺术体操项目: a discipline of the games, which are named
            if stem and _specific(tokens, starts, start, end, inside):
                found.projects[text[start:end]] += 1
        found.projects.update(text[a:b] for a, b in events)
        found.projects.update(text[m.start() : m.end()] for m in _QUOTED_PROJECT.finditer(simple))
        if len(found.figures) < 4 * MAX_FIGURES:  # the brief lists the first few
            found.figures.update(dict.fromkeys(_figures(text, tokens)))
        offset += len(text) + 1
    for key, written in unnamed.items():
        if len(written) >= MIN_SALIENT and frozenset({key}) not in found.places:
            for name, at in written:  # 召忽镇 named again and again: the model missed it
                _add(found.places, frozenset({key}), name, at, (name,), -math.inf)
    for key, written in recurring.items():
        if len(written) >= MIN_SALIENT and key not in found.orgs:
            for name, at in written:  # 内务部, 足协 named again and again: the model missed it
                _add(found.orgs, key, name, at, (name,), -math.inf)
    return found


_DIGITS = re.compile(r"[\d\uff10-\uff19]+")


def _brand_before(tokens: Sequence[Token], starts: Sequence[int], at: int) -> int:
    """Where a body named by a number starts: at the brand word before the number (优品+360,
    a word jieba does not know or a proper noun), else at the number (which names nothing)."""
    k = bisect.bisect_left(starts, at) - 1
    word = tokens[k] if k >= 0 else None
    if word and word.end == at and _HAN.fullmatch(word.simple) and _tag(word) in ("", "nz"):
        return word.start
    return at


def _without_role(simple: str, start: int, end: int) -> int:
    """Where a body the model read with more after it ends: before a role (国民党+立委: the
    party; a legislator is no body; a lone 立委 names nothing), before the first character
    of the next word when it doubles the body's last (立法院+院会, the plenary session), and
    before the word 法院 written after a court's short name (台北地院+法院)."""
    name = simple[start:end]
    role = next((r for r in _ROLES if name.endswith(r)), "")
    stem = name[: len(name) - len(role)]
    if role and (not stem or stem.endswith(_ORG_END)):
        return end - len(role)
    if len(name) >= 4 and name[-1] == name[-2] and _freq(simple[end - 1 : end + 1]) > 0:
        return end - 1
    if len(name) >= 5 and name.endswith("院法院"):
        return end - 2
    return end


_NUMBERED = "[一二三四五六七八九十百\\d]+"
_EVENT = re.compile(
    # the games of a city or country (东京奥运, 巴黎奥运会)
    "(?P<games>[\u4e00-\u9fff]{2,3}?)(?:冬奥会|冬奥|残奥会|奥运会|奥运|亚运会|亚运|全运会)"
    # a session of a body by its term (十四届全国人大一次会议, 第十四届全国人大常委会第三次会议)
    f"|第?{_NUMBERED}届[\u4e00-\u9fff]{{2,10}}?第?{_NUMBERED}次(?:全体)?会议"
    # a city's metro line and its phase (广州地铁14号线一期)
    "|(?P<city>[\u4e00-\u9fff]{2,3}?)(?:地铁|轨道交通)\\d+号线(?:[一二三四五]期(?:工程)?)?"
)
"""Events and projects named by a pattern, whatever jieba makes of their words."""
_NAMED_WITH_ANY_WORD = re.compile("台风|颱風|预算案|公投案|大模型")
"""What typhoons (圆规台风: named with any one word), bills (前瞻基础建设特别预算案, 公投案)
and AI models (盘古气象大模型: two words or more; 人工智能大模型 is a kind) are: the words
before them are their name."""


def _events(simple: str, tokens: Sequence[Token], starts: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) of events and projects named by a pattern (:data:`_EVENT`) or by the
    words before a kind of thing whose name may be any word (:data:`_NAMED_WITH_ANY_WORD`)."""
    found = []
    for m in _EVENT.finditer(simple):
        start = m.start()
        for group in ("games", "city"):
            if (before := m.group(group)) is not None:  # 在+东京: the place's name only
                cut = next((i for i in range(len(before) - 1) if _placename(before[i:])), None)
                start = m.end(group) if cut is None else m.start(group) + cut
                if cut is None and group == "games":
                    break  # 在奥运会: no games named
        else:
            found.append((start, m.end()))
    for m in _NAMED_WITH_ANY_WORD.finditer(simple):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0:
            continue
        first = k
        while first > 0 and _names_a_thing(tokens, first - 1):
            first -= 1
        while first < k and (_tag(tokens[first]) == "vn" or tokens[first].simple == "\u3001"):
            first += 1  # 审查+总预算案: the act on the bill, not its name
        words = k - first + (starts[k] < m.start())  # 公+投案: 公 is the suffix's
        if words >= 2 or (words and m.group().endswith(("台风", "颱風"))):
            found.append((tokens[first].start, m.end()))  # not 人工智能+大模型: a kind
    return found


def _names_a_thing(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` can be part of a thing's name: a noun or a name, a word jieba does not
    know, a two-character adverb (特别 of 特别预算案), an ordinal (第四期), or a 、 between
    two such words; not a body (立法院 of 立法院审查…) or a role."""
    token = tokens[i]
    if token.simple == "\u3001":
        return i > 0 and _names_a_thing(tokens, i - 1)
    tag = _tag(token)
    body = tag in ("nt", "l") and token.simple.endswith(_ORG_END)  # 立法院+审查…: who acts
    return (
        bool(_HAN.fullmatch(token.simple))
        and (
            _nounish(token)
            or tag in ("zg", "nr")  # 伏羲+气候+大模型
            or (tag == "d" and len(token.simple) == 2)
            or (tag == "m" and token.simple.startswith("第"))  # 第四期+特别预算案
        )
        and not (_is_role(token) or body)
    )


def _name_from(
    simple: str, tokens: Sequence[Token], starts: Sequence[int], start: int, end: int
) -> str:
    """The three-character name a place from ``start`` to ``end`` and the one-character
    word after it make (韩国+瑜), or ""."""
    k = bisect.bisect_left(starts, end)
    after = tokens[k] if k < len(tokens) and starts[k] == end else None
    if after is None or len(after.simple) != 1 or _tag(after)[:2] not in ("nr", ""):
        return ""
    name = simple[start : after.end]
    return name if len(name) == 3 and _has_surname(name) else ""


def _acts(tokens: Sequence[Token], starts: Sequence[int], at: int) -> bool:
    """A verb starts at offset ``at`` (韩+主持: a surname and an act)."""
    k = bisect.bisect_left(starts, at)
    if k == len(tokens) or starts[k] != at:
        return False
    word = tokens[k].simple  # 主持会议, which jieba tags a noun: 主持 is a verb
    return _tag(tokens[k]).startswith("v") or word_tag(word[:2]).startswith("v")


def _estate(tokens: Sequence[Token], starts: Sequence[int], m: Mention) -> Mention:
    """A place the model ends inside a word jieba does not know that ends as a block or an
    estate does (宏 of 宏昌阁, of 至+宏泰阁) is that whole name."""
    k = bisect.bisect_right(starts, m.end - 1) - 1
    if m.kind != "LOC" or k < 0 or tokens[k].end <= m.end or _tag(tokens[k]):
        return m
    word = tokens[k]
    if word.simple.endswith(_ESTATE_ENDS) and word.end - m.start >= 3:
        return replace(m, end=word.end)
    return m


_NUMERALS = "一二三四五六七八九十"
_REGNAL = re.compile(f"[{_NUMERALS}]{{1,3}}世(?![纪界代袭])")
_REGNAL_END = re.compile(f"[{_NUMERALS}]{{1,3}}世$")


def _regnal(simple: str, m: Mention) -> Mention:
    """A monarch's or a pope's regnal number is part of the name (查理斯三世, 伊丽莎白二世),
    which the model ends before it or inside it (查理斯三); not 三世纪, 二世界."""
    if m.kind != "PER":
        return m
    core = m.end
    while core > m.start + 1 and simple[core - 1] in _NUMERALS:
        core -= 1
    match = _REGNAL.match(simple, core)
    return replace(m, end=match.end()) if match else m


def _no_place_word(tokens: Sequence[Token], starts: Sequence[int], m: Mention) -> bool:
    """A place the model reads where a common word stands: a common word itself inside a
    longer one (日照 of 日照时间, daylight hours; 中华 of 中华民族, a proper noun, stays) or a
    verb and its object (开马路 of 对开马路, the road opposite: 开|马路)."""
    k = bisect.bisect_right(starts, m.start) - 1
    word = tokens[k] if k >= 0 else None
    name = word.simple[m.start - word.start : m.end - word.start] if word else ""
    if (
        word is not None
        and _tag(word) in _COMMON_WORD_TAGS
        and word.end >= m.end
        and len(word.simple) > len(name) >= 2  # 吐 of 吐露|港 is left to touch 露港
        and word_tag(name) in _COMMON_WORD_TAGS
    ):
        return True
    inside = _within(tokens, starts, m.start, m.end)
    return (
        len(inside) >= 2
        and inside[0].start == m.start
        and inside[-1].end == m.end
        and len(inside[0].simple) == 1
        and _tag(inside[0]) == "v"
        and _tag(inside[-1]) == "n"
    )


_COMMON_WORD_TAGS = frozenset(("n", "vn", "v", "a", "d"))


def _unseen(
    simple: str, spans: Sequence[tuple[int, int]], named: Sequence[Mention]
) -> list[tuple[int, int]]:
    """Places the rules find where the model saw no name, or only part of a person's (温 of
    温得和克, a fragment of a name it does not know): a word of three characters or
    more the dictionary does not know as a common one (召忽镇, 温得和克), not starting with
    村/乡… (村帐乡 of 村帐乡管 is a phrase). Named twice, such a place is listed, as
    organisations are (the model misses some rare names wherever they are written)."""
    return [
        (s, e)
        for s, e in spans
        if e - s >= 3
        and simple[s] not in _ADMIN
        and _freq(simple[s:e]) <= _KNOWN_WORD
        and not any(m.start < e and s < m.end and not s <= m.start < m.end <= e for m in named)
        and not any(m.kind != "PER" and s <= m.start < m.end <= e for m in named)
    ]


def _salient(table: dict[Any, Entity]) -> dict[Any, Entity]:
    top = _ranked(table)[:MAX_CANDIDATES]
    keep = {id(e) for e in top}
    return {k: e for k, e in table.items() if id(e) in keep}


def _chains(spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Places that touch, grouped (新疆 + 克州 + 阿合奇县 is one place as written)."""
    chains: list[list[tuple[int, int]]] = []
    for start, end in sorted(set(spans)):
        if chains and start <= chains[-1][-1][1]:
            if end > chains[-1][-1][1]:
                chains[-1].append((max(start, chains[-1][-1][1]), end))
        else:
            chains.append([(start, end)])
    return chains


def _add(
    table: dict[Any, Entity],
    key: Any,
    written: str,
    offset: int,
    parts: tuple[str, ...],
    margin: float,
) -> None:
    entity = table.setdefault(key, Entity(written, first=offset))
    entity.mentions += 1
    entity.margin = max(entity.margin, margin)
    entity.forms[written] += 1
    entity.parts = parts if len(parts) >= len(entity.parts) else entity.parts
    entity.name = max(entity.forms, key=lambda f: (len(f), entity.forms[f]))  # the fullest


def _drop_locators(table: dict[frozenset[str], Entity]) -> dict[frozenset[str], Entity]:
    """A place written after the place it is in (大埔+宏福苑, 香港+大埔宏福苑) is the place the
    article also writes (宏福苑): the entries are one, named as the article writes it most
    often."""
    listed = {p for key in table for p in key if len(p) >= 2}
    merged: dict[frozenset[str], Entity] = {}
    for key, entity in table.items():
        parts = frozenset(_located(p, listed) for p in key)
        if (into := merged.get(parts)) is None:
            merged[parts] = entity
            continue
        into.mentions += entity.mentions
        into.margin = max(into.margin, entity.margin)
        into.first = min(into.first, entity.first)
        into.forms.update(entity.forms)
        into.name = max(into.forms, key=lambda f: (len(f), into.forms[f]))
        into.parts = max(into.parts, entity.parts, key=len)
    return merged


def _located(part: str, listed: set[str]) -> str:
    """``part`` without a place written before it (大埔 of 大埔宏福苑), if the rest is listed."""
    for cut in range(2, len(part) - 1):
        head, rest = part[:cut], part[cut:]
        if rest in listed and (head in listed or word_tag(head) == "ns" or head in _PROVINCES):
            return rest
    return part


def _merge_buildings(table: dict[frozenset[str], Entity]) -> None:
    """A listed estate's buildings written as one name (宏福苑+大厦) are that estate."""
    for key in [k for k in table if len(k) == 1]:
        (name,) = key
        stem = name.removesuffix("大厦")
        into = next((k for k in table if k != key and any(p.endswith(stem) for p in k)), None)
        if stem != name and len(stem) >= 2 and into is not None:
            building = table.pop(key)
            table[into].mentions += building.mentions
            table[into].first = min(table[into].first, building.first)


def _merge_places(table: dict[frozenset[str], Entity]) -> None:
    """A place whose parts are all parts of a fuller one (海东市 of 青海省海东市) joins it."""
    for key in sorted(table, key=len):
        fuller = [k for k in table if k != key and key < k]
        if fuller:
            target = table[max(fuller, key=lambda k: table[k].mentions)]
            target.mentions += table[key].mentions
            target.first = min(target.first, table[key].first)
            del table[key]


def _drop_parts(table: dict[str, Entity]) -> None:
    """An organisation found only inside a longer one (亚洲论坛 in 博鳌亚洲论坛) is that one;
    one that starts the longer and ends as organisations do is its parent (国务院 of
    国务院法制办公室, 欧盟 of 欧盟委员会) and stays, as does a party beside its congress
    (致公党 of 中国致公党十一大, 民进 of 民进第八次全国代表大会)."""
    for key in list(table):
        parent = simplified_copy(key).endswith(_ORG_END)
        longer = [
            k
            for k in table
            if k != key
            and key in k
            and not (parent and k.startswith(key))
            and not _congress_of(simplified_copy(k), simplified_copy(key))
        ]
        if longer and table[key].mentions <= sum(table[k].mentions for k in longer):
            del table[key]


def _merge_short_names(table: dict[str, Entity]) -> None:
    """A body's short name (中科院, 台东法院, 北院, 天津一中院, 中国代表团) and its full name
    (中国科学院, 台东地方法院, 台北地方法院, 天津市第一中级人民法院, 中国体育代表团) both
    listed are one entry, under the full name: the short name keeps the full name's
    characters in order, its last (the kind of body: 院, 团) and one of its first two. Not
    a team (中国队 beside 中国女子足球队 is often another team) nor a bank (世行: news
    names 世界银行 so too, but annotators list both). A
    short name that fits two listed bodies (北院: 台北地方法院 or 台北医院?) is left alone."""
    for key in sorted(table, key=len):
        fuller = [k for k in table if len(k) > len(key) and _abbreviates(key, k)]
        if len(fuller) == 1 and len(key) >= 2:
            target = table[fuller[0]]
            target.mentions += table[key].mentions
            target.first = min(target.first, table[key].first)
            del table[key]


def _abbreviates(short: str, full: str) -> bool:
    short, full = simplified_copy(short), simplified_copy(full)
    if short[-1] != full[-1] or short[-1] not in "院团" or short[0] not in full[:2]:
        return False
    rest = iter(full[full.index(short[0]) + 1 :])
    return all(c in rest for c in short[1:])


def _congress_of(name: str, party: str) -> bool:
    """``name`` is a congress of ``party`` (中国致公党十一大, 民进第八次全国代表大会)."""
    congress = _CONGRESS.search(name) or _ITS_CONGRESS.search(name)
    return congress is not None and party in name[: congress.start()]


def _count_addressed(table: dict[str, Entity], addressed: Counter[str]) -> None:
    """江主席 is another mention of the one person of the article with that surname whose
    full name it writes (江泽民); with two such people it is nobody's."""
    for surname, count in addressed.items():
        named = [e for e in table.values() if simplified_copy(e.name)[:1] == surname]
        if len(named) == 1 and 2 <= len(named[0].name) <= 3:
            named[0].mentions += count


def _merge_placed_bodies(table: dict[str, Entity]) -> None:
    """A body named once after its place and again by a name that does not end as bodies
    do (中国太平 and 太平 of 太平香港表示: a place before an organisation is part of it) is
    one body, listed whole: the short name's mentions count for it."""
    for key in sorted(table, key=len):
        if key.endswith(_ORG_END):
            continue  # 外交部 of 中国外交部: a body on its own, the place apart
        longer = [
            k
            for k in table
            if len(k) > len(key) and k.endswith(key) and word_tag(k[: -len(key)]) == "ns"
        ]
        if len(longer) == 1:  # 霍英东基金会 of 澳门… and 香港霍英东基金会: either
            _absorb(table[longer[0]], table.pop(key))


def _merge_cut_names(table: dict[str, Entity]) -> None:
    """A name inside a longer one is that person cut short (东条英 of 东条英机, 小川 of
    王小川): its mentions count for the longer name. But a name with one more character
    that is a verb, an adverb, a preposition or a conjunction (杨丽竟 of 杨丽竟欲跳楼, 宋佳饰 of
    （宋佳饰）, as jieba glues them; not the particle 之 of 山田孝之) is the shorter name with a
    word's start: it counts for the shorter, unless a role is written before it (行政长官李家超:
    a name after its role is written whole)."""
    for key in sorted(table, key=len):
        if key not in table:
            continue
        for glued in [k for k in table if len(k) == len(key) + 1 and k.startswith(key)]:
            named = bool(table[glued].role) and not table[glued].title_after
            if not named and word_tag(simplified_copy(glued[-1]))[:1] in ("v", "d", "p", "c"):
                _absorb(table[key], table.pop(glued))
        longer = [k for k in table if k != key and key in k]
        if longer:
            _absorb(table[max(longer, key=lambda k: table[k].mentions)], table.pop(key))


_SAYING = frozenset(
    _words("指 说 称 表示 呼吁 强调 透露 回应 认为 指出 坦言 重申 补充 解释 提到 承认 宣布 提醒")
)
"""Verbs of saying that, after a surname alone, refer back to an official (麦亦指, 孙呼吁)."""
_SAYING_ADVERBS = frozenset("亦又也再则更续并另")


def _surname_said(name: str) -> bool:
    """``name`` is a surname and a verb of saying, perhaps after an adverb (麦亦指, 孙呼吁):
    news refers so to a person named in full before; no name of its own."""
    surname = 2 if name[:2] in _COMPOUND_SURNAMES else 1
    rest = name[surname:]
    if rest[:1] in _SAYING_ADVERBS and len(rest) >= 2:
        rest = rest[1:]
    return len(name) - surname >= 2 and rest in _SAYING and _has_surname(name)


def _merge_surname_said(table: dict[str, Entity]) -> None:
    """A surname and a verb of saying (麦亦指) counts for the one listed person of that
    surname (麦美娟), as :func:`_count_addressed` counts 江主席; it is never listed."""
    said = {k: table.pop(k) for k in list(table) if _surname_said(simplified_copy(k))}
    for key, entity in said.items():
        named = [e for e in table.values() if e.name[:1] == key[:1]]
        if len(named) == 1:
            named[0].mentions += entity.mentions


def _merge_anonymised(table: dict[str, Entity]) -> None:
    """A surname and 男/女 (戴男 after 戴瑞甯) is another mention of the one listed person of
    that surname; with none it is listed once, as the article names that person (李男: the
    defendant of a court report is its subject); with two it is nobody's."""
    for key in [k for k in table if _anonymised(simplified_copy(k))]:
        named = [
            e
            for k, e in table.items()
            if k[:1] == key[:1] and k != key and 2 <= len(k) <= 3 and not _anonymised(k)
        ]
        if named:
            entity = table.pop(key)
            if len(named) == 1:
                _absorb(named[0], entity)


def _absorb(whole: Entity, part: Entity) -> None:
    """``part``'s mentions count for ``whole``, which takes its role if it has none."""
    whole.mentions += part.mentions
    whole.margin = max(whole.margin, part.margin)
    whole.first = min(whole.first, part.first)
    if not whole.role:
        whole.role, whole.title_after = part.role, part.title_after


def _ranked(table: Mapping[Any, Entity]) -> list[Entity]:
    return sorted(table.values(), key=lambda e: (e.mentions < MIN_SALIENT, e.first))
