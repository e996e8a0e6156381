"""The article's own date, told by where a date stands rather than by which comes first.

A reader lists every date of the text in order (``meta.dates``), and the first one is
often not the article's: a report's first date may be an offer's deadline (可於即日起至
2026年1月26日使用) or when a repair began (去年7月16日開始維修). News gives its own date in
a few places only: a date field of the file (front matter), a date line or stamp at its
start or end (日期：2025-11-28, [28/11 14:03更新], 2025年11月26日（星期三）香港時間19時39分),
an agency or paper dateline opening its first paragraph (新華社香港11月29日電, （記者X）11月27日),
a stamp in its headline (… - 20251201 - 要聞), or "today" dated in its lead (今日（28日）).
An article with none of them has no date: the brief says none rather than invent one.
How dates, times and labels are written is :mod:`.stamps`'s, shared with :mod:`.bylines`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from convert.toolkit.chinese import DIGIT_GAP as _D
from convert.toolkit.segment import simplified_copy

from .bylines import header_stamp, photo_credited, trailer_code
from .stamps import (
    CLOCK,
    DAY,
    DAY_MONTH,
    HAN_NUMERALS,
    LABEL,
    MONTH_DAY,
    NUMERIC,
    TIME,
    WEEKDAY,
    WIRE_ENDS,
    YEAR,
)

_NUMBER = rf"[\d{HAN_NUMERALS}]+"
_MONTH_DAY = rf"(?:{YEAR})?{MONTH_DAY}"
"""A month and day, maybe with its year: 11月29日, 2024 年 7 月 26 日, 十一月二十六日."""
_DAY_MONTH = rf"(?<![\d/]){DAY_MONTH}(?![\d/])"
"""A day and month ([28/11 14:03更新]), read only when the day is over 12 (06/07 could be
either)."""
_DATE = f"(?:{_MONTH_DAY}|{NUMERIC}|{_DAY_MONTH})"
_CLOCK = re.compile(rf"\s+{CLOCK}\b")
"""A time written after a numeric date (2025-12-01 06:10): part of the date as written."""
_STAMP = re.compile(
    rf"[\[【（(]?\s*(?:{LABEL}\s*[:：]?\s*)?(?P<date>{_DATE})\s*(?:{WEEKDAY})?\s*"
    rf"(?:{TIME})?\s*(?:{LABEL})?\s*[\]】）)]?"
)
"""A date line or stamp: nothing but a date, with maybe a label, a weekday and a time."""
_LEADING_STAMP = re.compile(r"[\[【](?P<stamp>[^\]】]{1,40})[\]】]")
"""A bracketed stamp opening the first paragraph: [28/11 14:03更新]大埔…"""
_AGENCY = re.compile(
    rf"^[^，。；！？,\n]{{0,20}}?(?P<date>{_MONTH_DAY}|{NUMERIC}|{DAY})\s*[專专]?[{WIRE_ENDS}]"
    "(?![視视話话力梯腦脑子影台器網网源車车池動动])"
)
"""An agency's or a paper's dateline: 新華社香港11月29日電, 本報北京6月1日訊, or with its day
alone, as the Central News Agency writes it: （中央社記者王某台北2日電）, 記者X東京8日專電."""
_OPENING = re.compile(
    rf"^(?:\s|【[^】]{{1,15}}】|[（(][^）)]{{1,20}}[）)])+(?P<date>{_MONTH_DAY}|{NUMERIC})"
)
"""A date right after the opening tag or byline bracket: （記者李明）11月27日，…"""
_HEADLINE = re.compile(rf"(?P<date>{NUMERIC}|{YEAR}{MONTH_DAY})")
"""A date in the headline, with its year (… - 20251201 - 要聞, 慰問列表（2025年11月26日）): a
month and day alone there is more often the event's (11月26日大火) than the paper's."""
_TODAY = re.compile(rf"(?:今日|今天|今)\s*[（(](?P<date>{_MONTH_DAY}|{DAY})[）)]")
""""Today" dated in the lead: 今日（28日）, 今（29日）, 今日（十一月二十六日）."""
LEAD = 3
"""Paragraphs of the lead, where "today" dated (今日（28日）) dates the article; further on it
may be inside a quoted release of another day."""
EDGE = 3
"""Paragraphs at either end where a date line or stamp is looked for."""


@dataclass(frozen=True)
class Dateline:
    """The article's date as written (``text``), with its month and day when known."""

    text: str
    month: int | None = None
    day: int | None = None


def han_number(text: str) -> int | None:
    """The value of a number written in digits or in Han numerals up to 99 (二十六 = 26)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    if not text or any(c not in digits and c != "十" for c in text):
        return None
    if "十" not in text:
        return digits[text[-1]]
    tens, _, ones = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _read(text: str) -> Dateline | None:
    """``text`` (one date as written) with its month and day; None for an impossible date."""
    if match := re.fullmatch(r"20\d\d(?:[-/.](\d{1,2})[-/.](\d{1,2})|(\d\d)(\d\d))", text):
        month, day = (int(g) for g in match.groups() if g)
    elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})", text):
        day, month = int(match.group(1)), int(match.group(2))
        if day <= 12:
            return None  # 06/07: day/month or month/day
    elif match := re.search(rf"({_NUMBER}){_D}月{_D}({_NUMBER}){_D}[日號号]", text):
        month, day = han_number(match.group(1)) or 0, han_number(match.group(2)) or 0
    else:
        day = han_number(re.sub(rf"{_D}[日號号]$", "", text)) or 0
        return Dateline(text, None, day) if 1 <= day <= 31 else None
    return Dateline(text, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _stamp(paragraph: str) -> Dateline | None:
    """The date of a paragraph that is a date line or stamp and nothing more."""
    match = _STAMP.fullmatch(paragraph.strip())
    dated = _read(match.group("date")) if match else None
    if match and dated and (time := _CLOCK.match(match.string, match.end("date"))):
        return Dateline(match.string[match.start("date") : time.end()], dated.month, dated.day)
    return dated


def _source_stamp(line: str) -> Dateline | None:
    """The date of a page's stamp beside its source's name (羊城晚报 2018-12-28 14:14,
    2025-03-28 11:08:00 / 通訊社), as :func:`bylines.header_stamp` tells one."""
    found = re.search(_DATE, line) if header_stamp(simplified_copy(line)) else None
    return _read(found.group(0)) if found else None


def article_date(
    title: str, paragraphs: Sequence[str], meta_dates: Sequence[str] = ()
) -> Dateline | None:
    """The article's own date (see the module docstring), or None when it gives none.

    ``meta_dates`` are the document's dates; the first of them written nowhere in the text
    came from the file's own metadata (front matter, a JSON or DOCX property) and is the date.
    """
    text = "\n".join([title, *paragraphs])
    for written in meta_dates[:1]:
        start = re.match(_DATE, written)
        if written not in text and start and (dated := _read(start.group(0))):
            return Dateline(written, dated.month, dated.day)
    edges = [*paragraphs[:EDGE], *paragraphs[-EDGE:]]
    for paragraph in edges:
        for line in paragraph.splitlines() or [""]:
            if dated := _stamp(line) or _source_stamp(line):
                return dated
    leading = _LEADING_STAMP.match(paragraphs[0].lstrip()) if paragraphs else None
    if leading and (dated := _stamp(leading.group("stamp"))):
        return dated
    for paragraph in _opening(paragraphs):
        for pattern in (_AGENCY, _OPENING):
            if (match := pattern.match(paragraph)) and (dated := _read(match.group("date"))):
                return _in_trailer_month(dated, paragraphs[-EDGE:])
    if (match := _HEADLINE.search(title)) and (dated := _read(match.group("date"))):
        return dated
    for paragraph in paragraphs[:LEAD]:
        if match := _TODAY.search(paragraph):
            return _with_month(_read(match.group("date")), paragraph[: match.start()])
    return None


def _opening(paragraphs: Sequence[str]) -> list[str]:
    """The paragraph a dateline opens, as a list of one (or none): the first of the first
    :data:`EDGE` that is neither a photo's caption (《條例》三讀通過。（中評社 俞敦平攝）) nor a
    source's bare name (中央社), which a page may set above it."""
    for paragraph in paragraphs[:EDGE]:
        bare = len(paragraph.strip()) <= MAX_NAME and not re.search(r"[\d\W]", paragraph.strip())
        if not (bare or photo_credited(paragraph)):
            return [paragraph]
    return []


MAX_NAME = 12
"""Characters of a source's bare name on a line of its own (中央社, 聯合新聞網)."""


def _in_trailer_month(dated: Dateline, ends: Sequence[str]) -> Dateline:
    """A dateline's day alone (台北2日電) with the month of the wire's date code ending the
    story (1150102: 115-01-02), or of the month before when the day is later than the code's
    (31日 filed, 1150201 edited); else as it is."""
    code = next((c for p in reversed(ends) if (c := trailer_code(p))), None)
    if dated.month is not None or dated.day is None or code is None:
        return dated
    month, day = int(code[3:5]), int(code[5:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return dated
    if dated.day > day:
        month = month - 1 or 12
    return Dateline(in_month(dated.text, f"{month}月"), month, dated.day)


def in_month(day: str, month: str) -> str:
    """A day written without its month, as written, and the month it is taken to be in
    after it in brackets (25日（3月）): dates are listed as the article writes them."""
    return f"{day}（{month}）" if month else day


def _with_month(dated: Dateline | None, before: str) -> Dateline | None:
    """A day alone (今日（28日）) with the month of the last full date before it in its
    paragraph (大埔宏福苑11月26日下午發生五級大火，大火今日（28日）…: 11月28日)."""
    if dated is None or dated.month is not None:
        return dated
    full = [m.group(0) for m in re.finditer(_MONTH_DAY, before)]
    prior = _read(full[-1]) if full else None
    written = re.search(rf"({_NUMBER}){_D}月", full[-1]) if full else None
    if prior is None or written is None:
        return dated
    return Dateline(in_month(dated.text, f"{written.group(1)}月"), prior.month, dated.day)
