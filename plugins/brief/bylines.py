"""Bylines, credits, datelines and header stamps: who made the article, not what it says.

A news article carries, besides its news, the marks of its making: an agency's dateline
(新华社北京3月14日电（记者 王某）, 新京报讯（记者 苏季）, （中央社記者王某台北5日電）,
〔記者王某／台北報導〕), a byline or credit line (光明日报记者 崔兴毅, 聯合報／ 記者王某／台北報導,
新京报记者 苏季 校对 李铭), a photo credit ending a caption (■新华社记者 程敏 摄, 中央社記者王某
傳真 114年4月24日, （台北富邦勇士提供）), an editor's trailer (（編輯：張銘坤）1100731) and a
page's header stamp (羊城晚报 2018-12-28 14:14, 2017/8/28 16:28(8/28 17:27 更新)).

The brief takes none of them for news: no gist or key sentence is made of them (and a
gist starts after a dateline), and no person, organisation, figure or keyword is read
inside them, so an agency is listed only where the article names it outside its bylines.
:func:`credit_spans` finds them once per paragraph; summarising and the facts both use it
(the facts read :func:`unsigned` paragraphs, which keep a dateline's place).
The grammar is the trade's, not a list of agencies: a credit word (记者, 编辑, 校对 ...)
before names, an agency as a name ending like one (…社, …报, …网, …台), a photo credit
ending in 摄 or 提供. Patterns read the Simplified copy of a text (same offsets), so one
grammar serves both scripts. The dates, times and labels of stamps and datelines are
:mod:`.stamps`'s, shared with :mod:`.dateline`.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from convert.toolkit.segment import segment, simplified_copy

from .stamps import PAGE_DATE, PAGE_LABELS, PAGE_TIME, WIRE_DAY, WIRE_ENDS

CREDITS = (
    "责任编辑",
    "特约记者",
    "实习记者",
    "见习记者",
    "记者",
    "编辑",
    "责编",
    "校对",
    "摄影",
    "撰稿",
    "编译",
    "审稿",
    "通讯员",
    "实习生",
)
"""Words that credit the names after them with the article's making (Simplified)."""

_HAN = "\u4e00-\u9fff"
_CREDIT = "(?:" + "|".join(CREDITS) + ")(?![会部室])"
"""A credit word, not the start of another word (记者会 is a press conference, 编辑部 a desk)."""
_AGENCY = rf"[{_HAN}A-Za-z]{{0,8}}?(?:社|报|网|台|刊|新闻)"
"""An agency or paper as its name ends (新华社, 本报, 羊城晚报, 中新网, 澎湃新闻)."""
_S = r"\s{0,3}"
"""Space between the parts of a credit: a few at most (bounded, so no pattern backtracks
over a long run of spaces)."""
_NAME = rf"[{_HAN}\u00b7]{{2,4}}?"
_NAMES = rf"{_NAME}(?:{_S}[、，,\s]{_S}{_NAME})*"
_MADE = "摄|报道|报导|传真|整理|发自"
"""What a credited name did: took the photo, reported, sent it (中央社記者王某傳真)."""
_CREDIT_BRACKET = (
    rf"[(\uff08\u3014\u3010\[]{_S}(?:据|據)?{_S}(?:{_AGENCY})?{_S}(?:本报|本台)?{_S}(?:{_CREDIT})"
    r"[^()\uff08\uff09\u3014\u3015\u3010\u3011\[\]\n]{0,40}[)\uff09\u3015\u3011\]]"
)
"""A credit in brackets: （记者 苏季）, （中央社記者王某台北5日電）, 〔記者王某／台北報導〕,
（編輯：X）."""
_PHOTO_BRACKET = (
    rf"[(\uff08]{_S}(?:(?:图|图片){_S}[/／:：]{_S})?[^()\uff08\uff09\n]{{0,20}}?"
    rf"(?:提供|摄|翻摄[{_HAN}]{{0,4}}|供图|截图){_S}[)\uff09]"
)
"""A photo's credit in brackets: （台北富邦勇士提供）, （本报记者李舸摄）, （图／翻摄画面）."""
_DATELINE = re.compile(
    rf"{_S}(?:据{_S})?(?:(?:{_AGENCY}){_S}(?:[/／|]{_S})?(?:[{_HAN}]{{0,8}}?{WIRE_DAY})?{_S}"
    rf"(?:专电|快讯|[{WIRE_ENDS}])"
    rf"(?:{_S}{_CREDIT_BRACKET}|{_S}(?:{_CREDIT}){_S}{_NAMES}{_S}(?:报道|报导)?{_S}(?=[:：]))?"
    rf"|{_CREDIT_BRACKET}){_S}[:：/／]?{_S}"
)
"""An agency's dateline opening a paragraph, with its credit: 新华社北京3月14日电(记者 X),
据新华社巴黎8月10日电, 新京报讯（记者 苏季）, 本报讯记者王某报道：, （中央社記者王某台北5日電）,
中央社／ 記者王某東京8日專電; and the slash that may end it (中评社北京9月16日电／9月16日，…)."""
_PHOTO_CREDIT = re.compile(
    rf"(?:[\u25a0-\u25ff\u25b2]{_S})?(?:{_AGENCY})?{_S}(?:本报)?{_S}(?:{_CREDIT}){_S}[:：]?{_S}{_NAMES}"
    rf"{_S}(?:[／/]{_S})?(?:摄影?|传真)(?:{_S}(?:{PAGE_DATE}))?{_S}$"
    rf"|[\u25a0\u25b2]{_S}[^\n]{{0,30}}?(?:摄|提供){_S}$"
    rf"|{_PHOTO_BRACKET}{_S}$|翻摄[{_HAN}]{{0,4}}{_S}$"
)
"""A photo credit ending a caption: ■新华社记者 程敏 摄, 中央社記者王某傳真 114年4月24日,
記者X／攝影, （台北富邦勇士提供）, 翻攝畫面."""
_CREDIT_LINE = re.compile(
    rf"(?:(?:{_AGENCY}){_S}[/／|]?{_S})?(?:本报)?(?:{_CREDIT}){_S}[:：]?{_S}{_NAMES}"
    rf"{_S}(?:[/／]{_S}[{_HAN}]{{0,6}}?)?{_S}(?:{_MADE})?"
    rf"(?=\s|[、，,/／(\uff08]|$|(?:{_CREDIT}))"
)
"""One credit of a credit line: 光明日报记者 崔兴毅, 記者簡永祥／台北報導, 校对 李铭."""
_DATELINE_PLACE = re.compile(
    rf"([{_HAN}]{{2,16}}?){WIRE_DAY}(?:专电|[{WIRE_ENDS}])|[/／]\s*([{_HAN}]{{2,6}}?)(?:报道|报导)"
)
"""Where a dateline names its place: before the date and 电 (新华社广州1月21日电), or between
a slash and 报道 (〔記者李文馨／台北報導〕)."""
_SENTENCE_END = re.compile("[。！？!?]")
_TRAILER = re.compile(rf"(?:{_CREDIT_BRACKET}{_S})?(?<=[。！？!?）)」”\s])\d{{7}}\s*$")
"""An editor's trailer or a date code ending a wire story: （編輯：張銘坤）1100731 (the ROC
date 110-07-31)."""
_STAMP = re.compile(rf"(?:{PAGE_DATE})(?:\s*{PAGE_TIME})?|{PAGE_TIME}")
_LABELS = re.compile(PAGE_LABELS)
MAX_STAMP_NAME = 12
"""Characters of a source's name beside a header stamp (中华人民共和国国家统计局); more is text."""


@functools.lru_cache(maxsize=1024)
def credit_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each byline, credit, dateline or header stamp in ``paragraph``, in
    order: the parts of it that say who made the article, not what happened. Remembered:
    the sentences, the keywords and the facts of a brief each ask for every paragraph."""
    simple = simplified_copy(paragraph)
    if header_stamp(simple) or _credit_line(simple):
        return ((0, len(paragraph)),)
    spans = []
    if (dateline := _DATELINE.match(simple)) and dateline.group(0).strip():
        spans.append(dateline.span())
    spans.extend(m.span() for m in re.finditer(_CREDIT_BRACKET, simple) if m.start() > 0)
    if photo := _photo_credit(simple):  # a caption: its photo's other credits too
        spans.append(photo)
        spans.extend(m.span() for m in re.finditer(_PHOTO_BRACKET, simple))
    if trailer := _TRAILER.search(simple):
        spans.append(trailer.span())
    for line in _lines(simple):  # a credit line inside a paragraph (wrapped lines joined)
        if _credit_line(simple[line[0] : line[1]]) or header_stamp(simple[line[0] : line[1]]):
            spans.append(line)
    return tuple(_merged(spans))


def lead_end(text: str) -> int:
    """Where the news starts after a dateline or a credit opening ``text`` (0: none)."""
    found = _DATELINE.match(simplified_copy(text))
    return found.end() if found and found.group(0).strip() else 0


def unsigned(paragraph: str) -> str:
    """``paragraph`` with its credits (:func:`credit_spans`) cut out, but for a dateline's
    place, kept as a sentence of its own (台北。 of （中央社記者劉世怡台北5日電）): where the news
    happened is news, who signed it is not. Cut, not blanked: spaces before a name mislead
    the name model (it read 台 of 台北地檢署 after a blanked dateline)."""
    kept, at = [], 0
    for start, end in credit_spans(paragraph):
        kept.append(paragraph[at:start])
        if place := _dateline_place(paragraph[start:end]):
            kept.append(place + "\u3002")
        at = end
    return "".join([*kept, paragraph[at:]])


def trailer_code(paragraph: str) -> str | None:
    """The seven-digit date code ending a wire story (1150102 of （編輯：蘇志宗）1150102: the
    Republic of China date 115-01-02), or None: the one mark that gives a dateline's day
    (台北2日電) its month."""
    found = _TRAILER.search(simplified_copy(paragraph))
    return found.group(0).rstrip()[-7:] if found else None


def _dateline_place(credit: str) -> str:
    """The place of a dateline (广州 of 新华社广州1月21日电, 台北 of 〔記者李文馨／台北報導〕), as
    written: the words jieba tags as places at the end of what precedes the date, else ""."""
    simple = simplified_copy(credit)
    found = _DATELINE_PLACE.search(simple)
    if not found:
        return ""
    start, end = found.span(1) if found.group(1) else found.span(2)
    tokens = segment(credit[start:end])
    places = list(itertools.takewhile(lambda t: t.tag.startswith("ns"), reversed(tokens)))
    return credit[start + places[-1].start : end] if places else ""


def photo_credited(paragraph: str) -> bool:
    """Whether ``paragraph`` ends with a photo credit, which makes it a caption."""
    return _photo_credit(simplified_copy(paragraph)) is not None


def _photo_credit(simple: str) -> tuple[int, int] | None:
    found = _PHOTO_CREDIT.search(simple.rstrip())
    return found.span() if found else None


def _credit_line(simple: str) -> bool:
    """A line of credits and nothing else (新京报记者 苏季 校对 李铭), no sentence."""
    if not simple.strip() or len(simple) > 60 or _SENTENCE_END.search(simple):
        return False
    rest, credited = _CREDIT_LINE.subn("", simple)
    rest = re.sub(r"[(\uff08][^()\uff08\uff09]{0,8}[)\uff09]", "", rest)  # (除署名外)
    return credited > 0 and not re.sub(r"[\s/／|、，,:：]", "", rest)


def header_stamp(simple: str) -> bool:
    """A page's date stamp, alone or beside a source's name (羊城晚报 2018-12-28 14:14,
    ( 2023-03-15 ) 稿件来源:新华每日电讯, 2017/8/28 16:28(8/28 17:27 更新)), no sentence: the
    name stands apart from the date (a space, a bracket, a slash, a line), else the date
    opens a sentence or a subheading (2016年10月19日国务院常务会议)."""
    if _SENTENCE_END.search(simple) or not _STAMP.search(simple):
        return False
    marked = _LABELS.sub(" ", _STAMP.sub("\0", simple))
    if re.search(rf"[{_HAN}A-Za-z0-9]\0|\0[{_HAN}A-Za-z0-9]", marked):
        return False
    return len(re.sub(rf"[^{_HAN}A-Za-z]", "", marked)) <= MAX_STAMP_NAME and not re.search(
        r"\d", marked
    )


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
