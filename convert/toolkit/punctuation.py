"""Full-width punctuation inside Chinese clauses, Latin text left as written.

The ``punctuation`` transform applies this to whole documents; the PDF writer applies it
to the lines it sets itself (the source line), so both live here, in one function.
"""

from __future__ import annotations

import functools
import re

FULLWIDTH = str.maketrans(",;:?!()", "\uff0c\uff1b\uff1a\uff1f\uff01\uff08\uff09")

# Ideographs, kana, CJK symbols and punctuation, full-width forms: "Chinese" neighbours.
_CJK = (
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\uff00-\uffef\U00020000-\U0003134f]"
)
# What may follow a typeset mark besides CJK: a digit or an opening quote...
_NEXT = r"[0-9\u201c\u2018]"
# ...or the end of the clause: the end, a line break, a closing bracket or quote.
_CLAUSE_END = r"(?:$|\n|[)\]\u300d\u300f\u201d\u2019\uff09])"
# Addresses keep every character: https://例子.中國/路徑?查詢=1, 名字@例子.com. Each may
# start only where a scheme or a whitespace-separated token starts, so that a long run of
# text without one is scanned once, not once per character (linear, not quadratic).
_ADDRESS = (
    r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://\S+"
    r"|(?<!\S)[^\s@]+@[^\s@]+\.\w+"
)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(marks to typeset, one CJK character, an address); compiled on first use."""
    after_cjk = rf"(?:(?<={_CJK})|(?<={_CJK}[\u201d\u2019)]))"  # 「四地」, or “四地”,
    marks = re.compile(
        rf"{after_cjk}([,;:?!]+)(?: *(?={_CJK}|{_NEXT})|(?= *{_CLAUSE_END}))", re.MULTILINE
    )
    return marks, re.compile(_CJK), re.compile(_ADDRESS)


def _parentheses(text: str, cjk: re.Pattern[str], kept: list[range]) -> str:
    """Full-width pairs for ``(...)`` holding Chinese or right after a Chinese character."""
    chars = list(text)
    opened: list[int] = []
    for index, char in enumerate(text):
        if char not in "()" or any(index in span for span in kept):
            continue
        if char == "(":
            opened.append(index)
        elif opened:
            start = opened.pop()
            inside = cjk.search(text, start + 1, index) is not None
            if inside or (start > 0 and cjk.match(text, start - 1) is not None):
                chars[start], chars[index] = "\uff08", "\uff09"
    return "".join(chars)


def fullwidth_punctuation(text: str) -> str:
    """Typeset the half-width marks of Chinese clauses; leave Latin text as written.

    ``3,000``, ``10:30``, ``3:1``, ``Hello, world``, URLs and ``“Yes,” he said`` keep theirs.
    """
    marks, cjk, address = _patterns()
    kept = [range(*match.span()) for match in address.finditer(text)]
    if "(" in text:
        text = _parentheses(text, cjk, kept)

    def typeset_mark(match: re.Match[str]) -> str:
        if any(match.start() in span for span in kept):
            return match.group(0)
        return match.group(1).translate(FULLWIDTH)

    return marks.sub(typeset_mark, text)
