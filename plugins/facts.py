"""The facts a brief lists: places, people with roles, organisations, figures, projects.

Rules over jieba's words and part-of-speech tags, run on a Simplified copy of each
paragraph and reported as the article writes them (offsets map one to one). Every
fact is a span of the article's own text: nothing is paraphrased or completed, so
nothing can be invented (no year is added to a date, no title to a name).
Recall is traded for precision: a phrase that the rules cannot delimit is left out.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .segment import Token, part_of_speech, segment, simplified_copy


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
            "所长 团长 组长 教授 研究员 总工程师 工程师 发言人 大使 负责人"
        ),
        key=len,
        reverse=True,
    )
)
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_ORG_SUFFIXES = _words(
    "代表团 人民政府 政府 委员会 党委 日报 晚报 报社 电视台 通讯社 有限公司 公司 集团 银行 大学 "
    "学院 学校 中学 小学 幼儿园 医院 研究院 研究所 科学院 中心 平台 协会 学会 商会 基金会 联合会 "
    "法院 检察院 工厂 交易所"
)
_PROJECT_SUFFIXES = _words(
    "项目 工程 协议 合同 备忘录 产业园 孵化园 活动 仪式 座谈会 联席会议 会议 论坛 峰会 博览会 "
    "运动会 大会 开幕式 闭幕式"
)
_QUOTED_PROJECT = re.compile(
    r"[“「『\"]([^”」』\"]{2,20})[”」』\"](?:" + "|".join(_PROJECT_SUFFIXES) + ")"
)
_NUMBER = (
    r"(?:\d+(?:[.,]\d+)*|[零一二两三四五六七八九十百千万亿]{2,}|[一二两三四五六七八九][十百千万亿])"
)
_FIGURE = re.compile(
    rf"(?<!第)(?<![\d.,]){_NUMBER}(?:多|余)?[十百千万亿]*"
    r"(?:个百分点|平方公里|平方米|吉瓦时|千瓦时|千瓦|兆瓦|公里|千米|毫米|人次|批次|美元|港元|欧元|"
    "元|人|名|家|个|项|吨|亩|公顷|%|\uff05|倍|户|所|座|场|艘|辆|套|台|枚|册|张|节|条|米)"
)
_CLAUSE_BREAK = re.compile("[\\s\u3000,\uff0c\u3001;\uff1b\u3002:\uff1a!\uff01?\uff1f\n]")
_NAME_TAGS = ("nr",)
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
    return part_of_speech().get(token.simple, "")


def _nounish(token: Token) -> bool:
    """Could be part of a name or a noun phrase: not punctuation, not a function word or verb."""
    if not re.match(r"\w", token.simple) or token.simple.isdigit() or token.simple in _PARTICLES:
        return False
    tag = _tag(token)
    return not tag or (tag.startswith(("n", "j", "l", "b", "vn")) and tag != "nr")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _place_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, end) of place names: provinces, and names ending in 省市县州镇乡村旗."""
    spans: list[tuple[int, int]] = []
    for k, token in enumerate(tokens):
        word, previous = token.simple, tokens[k - 1] if k else None
        stem_ok = previous is not None and len(previous.simple) >= 2 and _nounish_or_place(previous)
        unknown = not _tag(token)
        if word in _PROVINCES:
            spans.append((token.start, token.end))
        elif word[0] in _ADMIN and stem_ok and (len(word) == 1 or unknown):
            assert previous is not None
            spans.append((previous.start, token.start + 1))
            rest = word[1:]
            if len(rest) >= 3 and rest[-1] in _ADMIN:
                spans.append((token.start + 1, token.end))
        elif (word[-1] in _ADMIN and len(word) >= 3 and word[:-1] not in _GENERIC_STEMS) or (
            word[-1] in _ADMIN
            and len(word) == 2
            and unknown
            and any(end == token.start for _, end in spans[-1:])  # 克州 right after 新疆
        ):
            spans.append((token.start, token.end))
    return _merge(spans)


def _nounish_or_place(token: Token) -> bool:
    """Could be the name part of a place (海东 of 海东市, 五十 of 五十镇), not 三个 or 第十六届."""
    word = token.simple
    counted = word.startswith("第") or word.endswith(("个", "届", "级", "名", "家"))
    return (_nounish(token) or _tag(token) in ("ns", "m")) and not (
        counted or word in _GENERIC_STEMS
    )


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join touching spans (新疆 + 克州 + 阿合奇县 is one place as written)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _drop_contained(items: list[str]) -> list[str]:
    """Keep each item unless a longer listed item contains it (海东市 inside 青海省海东市)."""
    return [a for a in items if not any(a != b and a in b for b in items)]


def _name_after(tokens: Sequence[Token], k: int) -> tuple[str, int] | None:
    """A personal name starting at token ``k`` (simplified), and the index after it."""
    if k >= len(tokens):
        return None
    first = tokens[k]
    word = first.simple
    if k + 1 < len(tokens) and _is_transliterated(tokens, k):
        end = next(i for i in range(k, len(tokens)) if tokens[i].simple == "·") + 1
        tail = 0
        while end < len(tokens) and tail + len(tokens[end].simple) <= 6:
            after = tokens[end]
            tag = _tag(after)
            known = tag and not tag.startswith(("nr", "zg")) and len(after.simple) > 1
            if known or not re.fullmatch(r"\w+", after.simple):
                break
            tail += len(after.simple)
            end += 1
        return "".join(t.simple for t in tokens[k:end]), end
    if word[:1] not in _SURNAMES or word[1:2] == word[:1]:
        return None
    if 2 <= len(word) <= 3 and (not _tag(first) or _tag(first).startswith("nr")):
        return word, k + 1
    if len(word) == 1 and k + 1 < len(tokens) and 1 <= len(tokens[k + 1].simple) <= 2:
        following = tokens[k + 1]
        if re.fullmatch(r"\w+", following.simple) and not _tag(following).startswith(("v", "u")):
            return word + following.simple, k + 2
    return None


def _is_transliterated(tokens: Sequence[Token], k: int) -> bool:
    """乌拉孜别克·热苏力汗: a run of name-like tokens joined by a middle dot."""
    for i in range(k, min(k + 5, len(tokens))):
        if tokens[i].simple == "·":
            return i > k
        if not re.fullmatch(r"\w+", tokens[i].simple):
            return False
    return False


def _is_role(token: Token) -> bool:
    return token.simple.endswith(_ROLES)


def _qualifies_role(tokens: Sequence[Token], i: int, places: set[int]) -> bool:
    """Token ``i`` can stand before a role: 海东市, 市政府, 副, or 、 after another role."""
    token = tokens[i]
    if token.simple == "\u3001":
        return i >= 1 and _is_role(tokens[i - 1])
    return (
        _is_role(token)
        or token.simple in ("副", "常务")
        or token.simple in _ADMIN
        or token.start in places
        or _nounish(token)
        or _tag(token) in ("ns", "nt", "nz")
    )


def _role_start(tokens: Sequence[Token], k: int, places: set[int]) -> int:
    """Walk left from role token ``k`` over its qualifiers (海东市, 市政府, 省委常委、...)."""
    start = k
    while start > 0 and _qualifies_role(tokens, start - 1, places):
        start -= 1
    return start


def _people(text: str, tokens: Sequence[Token], places: set[int]) -> list[Person]:
    found: list[Person] = []
    for k, token in enumerate(tokens):
        if not _is_role(token):
            continue
        name = _name_after(tokens, k + 1)
        if name is not None:
            start = tokens[_role_start(tokens, k, places)].start
            names, end = [name[0]], name[1]
            while end + 1 < len(tokens) and tokens[end].simple == "\u3001":
                more = _name_after(tokens, end + 1)
                if more is None:
                    break
                names.append(more[0])
                end = more[1]
            span_end = tokens[end - 1].end
            role = text[start : tokens[k].end]
            found.append(Person(text[start:span_end], _written(text, names), role))
        elif k and _tag(tokens[k - 1]).startswith(_NAME_TAGS):
            before = tokens[k - 1]
            found.append(Person(text[before.start : token.end], before.text, token.text))
    return found


def _written(text: str, names: list[str]) -> str:
    """Names found in the Simplified copy, back in the article's characters."""
    simple = simplified_copy(text)
    return "\u3001".join(text[simple.index(n) : simple.index(n) + len(n)] for n in names)


def _phrases(
    tokens: Sequence[Token], suffixes: tuple[str, ...], joiners: tuple[str, ...] = ()
) -> list[tuple[int, int, int]]:
    """(start, end, stem token count) of noun phrases ending in one of ``suffixes``."""
    found = []
    for k, token in enumerate(tokens):
        if not token.simple.endswith(suffixes):
            continue
        start = k
        while (
            start > 0
            and not (start > 1 and tokens[start - 2].simple[-1:].isdigit())
            and (
                _nounish(tokens[start - 1])
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
    """A proper name, not a generic phrase: it has a place, or a word jieba does not know."""
    inside = _within(tokens, starts, start, end)
    return any(
        t.start in places or not _tag(t) or _tag(t) in ("ns", "nz", "nt", "nrt")
        for t in inside[:-1]
        if re.match(r"\w", t.simple)
    )


def _figures(text: str, tokens: Sequence[Token]) -> list[str]:
    """Amounts and counts with the words before them in their clause (总投资1亿元)."""
    simple = simplified_copy(text)
    starts = [t.start for t in tokens]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(simple)]
    found = []
    for match in _FIGURE.finditer(simple):
        before = bisect.bisect_right(breaks, match.start())
        clause = breaks[before - 1] if before else 0
        # At most eight characters of context, starting on a word boundary.
        first = bisect.bisect_left(starts, max(clause, match.start() - 8))
        start = starts[first] if first < len(starts) else clause
        found.append(text[min(start, match.start()) : match.end()])
    return found


def extract(paragraphs: Sequence[str]) -> Facts:
    """All facts of the article's paragraphs, each list in order of first mention."""
    segmented = [(p, segment(p)) for p in paragraphs]
    facts = Facts()
    projects: Counter[str] = Counter()
    for text, tokens in segmented:
        spans = _place_spans(tokens)
        starts = [t.start for t in tokens]
        places = {t.start for s, e in spans for t in _within(tokens, starts, s, e)}
        facts.places += [text[s:e] for s, e in spans]
        facts.people += _people(text, tokens, places)
        for start, end, stem in _phrases(tokens, _ORG_SUFFIXES):
            if stem and _specific(tokens, starts, start, end, places):
                facts.organisations.append(text[start:end])
        for start, end, stem in _phrases(tokens, _PROJECT_SUFFIXES, ("和", "与", "及")):
            if stem and _specific(tokens, starts, start, end, places):
                projects[text[start:end]] += 1
        simple = simplified_copy(text)
        projects.update(text[m.start() : m.end()] for m in _QUOTED_PROJECT.finditer(simple))
        facts.figures += _figures(text, tokens)
    facts.places = _drop_contained(_unique(facts.places))
    facts.organisations = _drop_contained(_unique(facts.organisations))
    facts.figures = _drop_contained(_unique(facts.figures))[:MAX_FIGURES]
    facts.people = _unique_people(facts.people)
    facts.projects = _prefer_frequent(projects)
    return facts


def _unique_people(people: list[Person]) -> list[Person]:
    """One entry per name: the first time the article gives the name a role."""
    seen: dict[str, Person] = {}
    for person in people:
        seen.setdefault(person.name, person)
    return list(seen.values())


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
