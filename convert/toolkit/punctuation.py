"""Full-width punctuation inside Chinese clauses, Latin text left as written.

The ``punctuation`` transform applies this to whole documents; the PDF writer applies it
to the lines it sets itself (the source line), so both live here, in one function.
"""

from __future__ import annotations

import bisect
import functools
import re

FULLWIDTH = str.maketrans(",;:?!()", "\uff0c\uff1b\uff1a\uff1f\uff01\uff08\uff09")

# Ideographs, kana, CJK symbols and punctuation, full-width forms: "Chinese" neighbours.
# Tested by comparison, not in a regular expression: a class this wide costs the regex
# compiler ~2 ms per use (it expands each range code point by code point).
_CJK_RANGES = (
    (0x2E80, 0x2FFF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3134F),
)  # fmt: skip
# What may follow a typeset mark besides CJK: a digit or an opening quote...
_NEXT = "0123456789\u201c\u2018"
# ...or the end of the clause: the end, a line break, a closing bracket or quote.
_CLAUSE_END = "\n)]\u300d\u300f\u201d\u2019\uff09"
# A closing quote or bracket between a Chinese character and the mark: 「四地」, or “四地”,
_CLOSERS = "\u201d\u2019)"
# Addresses keep every character: https://例子.中國/路徑?查詢=1, 名字@例子.com. Each may
# start only where a scheme or a whitespace-separated token starts, so that a long run of
# text without one is scanned once, not once per character (linear, not quadratic).
_ADDRESS = (
    r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://\S+"
    r"|(?<!\S)[^\s@]+@[^\s@]+\.\w+"
)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a run of marks and the spaces after it, an address); compiled on first use."""
    return re.compile(r"[,;:?!]+( *)"), re.compile(_ADDRESS)


def _after_chinese(text: str, start: int) -> bool:
    """Whether the mark at ``start`` follows a Chinese character, maybe across a closer."""
    if start and _is_cjk(text[start - 1]):
        return True
    return start > 1 and text[start - 1] in _CLOSERS and _is_cjk(text[start - 2])


@functools.cache
def _cjk_class() -> re.Pattern[str]:
    """One Chinese neighbour as a regular expression, for scanning whole texts at C speed;
    compiled only for texts with half-width parentheses."""
    ranges = "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES)
    return re.compile(f"[{ranges}]")


def _parentheses(text: str, kept: list[range]) -> str:
    """Full-width pairs for ``(...)`` holding Chinese or right after a Chinese character."""
    chinese_at = [match.start() for match in _cjk_class().finditer(text)]
    chars = list(text)
    opened: list[int] = []
    for index, char in enumerate(text):
        if char not in "()" or any(index in span for span in kept):
            continue
        if char == "(":
            opened.append(index)
        elif opened:
            start = opened.pop()
            first = bisect.bisect_right(chinese_at, start)  # linear even when nested
            inside = first < len(chinese_at) and chinese_at[first] < index
            if inside or (start > 0 and _is_cjk(text[start - 1])):
                chars[start], chars[index] = "\uff08", "\uff09"
    return "".join(chars)


def fullwidth_punctuation(text: str) -> str:
    """Typeset the half-width marks of Chinese clauses; leave Latin text as written.

    ``3,000``, ``10:30``, ``3:1``, ``Hello, world``, URLs and ``“Yes,” he said`` keep theirs.
    """
    marks, address = _patterns()
    kept = [range(*match.span()) for match in address.finditer(text)]
    if "(" in text:
        text = _parentheses(text, kept)

    def typeset_mark(match: re.Match[str]) -> str:
        start, spaces_end = match.start(), match.end()
        if not _after_chinese(text, start) or any(start in span for span in kept):
            return match.group(0)
        marks_end = match.start(1)
        typeset = text[start:marks_end].translate(FULLWIDTH)
        follower = text[spaces_end] if spaces_end < len(text) else ""
        if follower and (_is_cjk(follower) or follower in _NEXT):
            return typeset  # the spaces before the next Chinese character go
        if not follower or follower in _CLAUSE_END:
            return typeset + match.group(1)
        return match.group(0)

    return marks.sub(typeset_mark, text)
