"""Centred headlines broken between words, in lines of even length.

A headline that takes two lines breaks at a space or after punctuation when one
gives lines of similar length (a headline's clauses are often separated so), else
at the word boundary that balances the lines best. Words are jieba's, looked up for
the headline alone (:func:`convert.toolkit.segment.segment_few`: no dictionary load);
a run of numerals is one word, and so is every Latin word, number and URL
(:func:`.linebreak.atoms`). Longer
headlines are filled word by word at the narrowest measure that needs no extra
line. The work is linear in the headline's length.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from .linebreak import CLOSING, atoms, break_lines

_NUMERALS = frozenset("0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19.,")
_NUMERALS |= frozenset("\u3007\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341")
_NUMERALS |= frozenset("\u767e\u5343\u842c\u4e07\u5104\u4ebf\u5169\u4e24\u9ede\u70b9\u534a")
_STRONG = CLOSING | frozenset(" \u3000\uff1a\uff1b\uff0c\u3001\uff01\uff1f")
"""A break after these (a space, a clause's punctuation) reads naturally."""
_BALANCE_SLACK = 0.5
"""A break at a space is taken unless its lines differ by more than this share of the measure."""


def _boundaries(text: str, words: bool) -> set[int]:
    """Offsets a headline may break at: between atoms, and (``words``) between words."""
    atom_ends, position = set(), 0
    for atom in atoms(text):
        position += len(atom)
        atom_ends.add(position)
    if not words:
        return {p for p in atom_ends if p < len(text) and _strong(text, p)}
    from convert.toolkit.segment import segment_few

    word_ends = set()
    tokens = segment_few(text)
    for token, following in itertools.pairwise(tokens):
        numeric = set(token.text[-1] + following.text[0]) <= _NUMERALS
        if not numeric:
            word_ends.add(token.end)
    return {p for p in atom_ends & word_ends if p < len(text)} | _boundaries(text, False)


def _strong(text: str, at: int) -> bool:
    return text[at - 1] in _STRONG or text[at].isspace()


def headline_lines(
    text: str,
    measure: Callable[[str], float],
    width: float,
    joint: Callable[[str, str], float],
) -> list[str]:
    """``text`` as balanced centred lines no wider than ``width``, broken between words."""

    def extent(line: str) -> float:
        return measure(line) + sum(joint(a, b) for a, b in itertools.pairwise(line))

    if extent(text) <= width:
        return [text]
    best = _two_lines(text, extent, width, words=False)
    if best is None or abs(extent(best[0]) - extent(best[1])) > _BALANCE_SLACK * width:
        best = _two_lines(text, extent, width, words=True) or best
    if best is not None:
        return best
    return _balanced(text, measure, width, joint)


def _two_lines(
    text: str, extent: Callable[[str], float], width: float, *, words: bool
) -> list[str] | None:
    """The best two-line split at a strong break (or any word boundary when ``words``)."""
    best: tuple[float, list[str]] | None = None
    for at in sorted(_boundaries(text, words)):
        first, second = text[:at].rstrip(), text[at:].lstrip()
        if not first or not second:
            continue
        wide, narrow = extent(first), extent(second)
        if wide > width or narrow > width:
            continue
        score = abs(wide - narrow) / width + (0.0 if _strong(text, at) else _BALANCE_SLACK)
        if best is None or score < best[0]:
            best = (score, [first, second])
    return None if best is None else best[1]


def _balanced(
    text: str,
    measure: Callable[[str], float],
    width: float,
    joint: Callable[[str, str], float],
) -> list[str]:
    """Three or more lines: words filled at the narrowest measure that adds no line."""
    ends = sorted(_boundaries(text, True) | {len(text)})
    words, start = [], 0
    for end in ends:
        words.append(text[start:end])
        start = end
    pieces = [p for word in words for p in _split_space(word) if p]

    def fill(limit: float) -> list[str]:
        return break_lines(text, measure, (limit,), joint=joint, pieces=pieces)

    count, low, high = len(fill(width)), width / 2, width
    for _ in range(12):  # bounded: 12 halvings reach a 1/4096 of the measure
        middle = (low + high) / 2
        if len(fill(middle)) > count:
            low = middle
        else:
            high = middle
    return fill(high)


def _split_space(word: str) -> list[str]:
    """A word with its trailing space apart, so the space is dropped at a break."""
    stripped = word.rstrip()
    return [stripped, word[len(stripped) :]] if stripped != word else [word]
