"""How news writes when it was made: the dates, times, labels and wire datelines of stamps.

Two parts of the brief read the same marks: :mod:`.dateline` takes the article's own date
from a date line, a stamp or an agency's dateline, and :mod:`.bylines` cuts the same marks
out of the news. Their grammar is kept here, once, built from shared pieces, so a change to
how papers write a stamp is made in one place.

A page's header stamp as bylines reads it (the ``PAGE_`` patterns) is still wider in some
ways and narrower in others than a date line as dateline reads it: it takes any year and a
Republic of China year (1999-11-28, 114年4月24日), seconds (16:28:05) and the labels 稿件来源
and 发布时间, but no month or day in Han numerals, no date without its year and no time
written 19時39分. They are kept apart because merging them would change what the brief
reports. Bylines read a Simplified copy of the text, so the Traditional forms here (電, 號,
時間) cost them nothing.
"""

from __future__ import annotations

from convert.toolkit.chinese import DIGIT_GAP as _D

HAN_DIGITS = "〇零一二三四五六七八九"
"""Han digits, as a year is written digit by digit (二〇二五年)."""
HAN_NUMERALS = HAN_DIGITS + "十"
"""Han numerals of a month or a day (十一月二十六日)."""
_CN = f"[{HAN_NUMERALS}]{{1,3}}"
YEAR = rf"(?:\d{{4}}|[{HAN_DIGITS}]{{4}}){_D}年{_D}"
"""A year of four digits: 2025年, 2024 年, 二〇二五年."""
DAY = rf"(?:{_D}\d{{1,2}}{_D}|{_CN})[日號号]"
"""A day alone: 28日, 十四日."""
MONTH_DAY = rf"(?:\d{{1,2}}{_D}|{_CN})月{DAY}"
"""A month and day: 11月29日, 7 月 26 日, 十一月二十六日."""
_NUMBERED = r"[-/.]\d{1,2}[-/.]\d{1,2}"
"""A month and day after a year in digits: -11-28 of 2025-11-28, /12/1 of 2025/12/1."""
NUMERIC = rf"(?<!\d)20\d\d(?:{_NUMBERED}|(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]))(?!\d)"
"""A numeric date with its year: 2025-11-28, 2025/12/1, 20251201."""
DAY_MONTH = r"\d{1,2}/\d{1,2}"
"""A day and month as Hong Kong papers stamp an update (28/11 of [28/11 14:03更新])."""
CLOCK = r"\d{1,2}:\d{2}"
"""Hours and minutes as a clock shows them: 14:03."""
TIME = (
    r"(?:(?:香港時間|香港时间|HKT|上午|下午|晚上|早上)\s*)?"
    r"\d{1,2}[:：時时點点]\d{2}分?(?:\s*HKT)?"
)
"""A time of day as a date line writes it: 14:03, 香港時間19時39分, 下午3點15分."""
WEEKDAY = r"[（(]?(?:星期|週|周|礼拜|禮拜)[一二三四五六日天][)）]?"
"""A weekday beside a date: （星期三）, 週五."""
LABEL = r"(?:日期|發佈|发布|發布|更新|最後更新|最后更新|出版|時間|时间|完|Date|Published|Updated)"
"""Words that label a date line (日期：2025-11-28, 14:03更新)."""
PAGE_DATE = (
    rf"(?:\d{{2,4}}|[{HAN_DIGITS}]{{2,4}})\s?年\s?\d{{1,2}}\s?月\s?\d{{1,2}}\s?日"
    rf"|\d{{4}}{_NUMBERED}|{DAY_MONTH}"
)
"""The date of a page's header stamp or a photo's credit, any year (2018-12-28, 8/28,
114年4月24日 of the Republic of China)."""
PAGE_TIME = rf"{CLOCK}(?::\d{{2}})?"
"""The time of a page's header stamp: 14:14, 16:28:05."""
PAGE_LABELS = "更新|稿件来源|来源|发布时间|发布|时间|日期"
"""Labels beside a page's header stamp (8/28 17:27 更新, 稿件来源:), Simplified."""
WIRE_DAY = r"(?:[\d一二三四五六七八九十]{1,3}月)?[\d一二三四五六七八九十]{1,3}日"
"""The day of a wire dateline (3月14日, 十四日)."""
WIRE_ENDS = "電电訊讯"
"""How an agency's or a paper's dateline ends: 新華社香港11月29日電, 本報北京6月1日訊."""
