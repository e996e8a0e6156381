"""Chinese line breaking (kinsoku): where a line of CJK text may break.

Chinese text has no spaces, so a line may break between almost any two
characters, except that no line may begin with closing punctuation (:data:`CLOSING`:
full-width comma, full stop, enumeration comma, closing brackets and quotes, ellipsis)
and no line may end with opening punctuation (:data:`OPENING`). reportlab's CJK wrap
misses several of these (on the seed it starts lines with the full-width comma and a
closing quote and ends one with an opening quote), so the PDF writer
breaks lines itself: text is cut into unbreakable *atoms*, lines are filled greedily.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

CLOSING = frozenset(
    "\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\u300d\u300f\uff09\u300b\u3009\u3011\u3015\uff3d\uff5d"
    "\u2026\u201d\u2019\uff0e\u30fb\u3003\u3005\u309d\u309e\u30fd\u30fe"
    ",.;:?!)]}%\u00b0\u2103\u2030"
)
"""Characters that must not begin a line (closing marks, stops, iteration marks)."""

OPENING = frozenset(
    "\u300c\u300e\uff08\u300a\u3008\u3010\u3014\uff3b\uff5b\u201c\u2018([{\uffe5\uff04$\u00a3#@\u00a7"
)
"""Characters that must not end a line (opening marks, currency and number prefixes)."""

_INSEPARABLE = frozenset("\u2014\u2026\u2025\u00b7")
"""Doubled dashes and ellipses (\u2014\u2014, \u2026\u2026) stay on one line."""

# A Latin word, number or URL stays whole; every other character is its own unit.
_UNIT = re.compile(r"\s+|[!-~\u00a1-\u024f\u0370-\u04ff]+|.", re.S)
_SPACE = re.compile(r"\s+")


def atoms(text: str) -> list[str]:
    """Split ``text`` into pieces a line break may fall between (spaces are their own atoms)."""
    result: list[str] = []
    glue_next = False
    for unit in _UNIT.findall(text):
        if _SPACE.fullmatch(unit):
            result.append(unit)
            glue_next = False
            continue
        previous = result[-1] if result else ""
        joins_previous = (
            previous
            and not previous.isspace()
            and (
                glue_next
                or unit[0] in CLOSING
                or (unit[0] in _INSEPARABLE and previous[-1] == unit[0])
            )
        )
        if joins_previous:
            result[-1] += unit
        else:
            result.append(unit)
        glue_next = unit[-1] in OPENING
    return result


def break_lines(text: str, measure: Callable[[str], float], widths: Sequence[float]) -> list[str]:
    """Fill lines greedily: line ``i`` is at most ``widths[i]`` wide (the last width repeats).

    Spaces at a break are dropped. An atom wider than a whole line (a long URL)
    is cut between characters, since nothing better exists.
    """
    lines: list[str] = []
    current = ""
    used = 0.0

    def limit() -> float:
        return widths[min(len(lines), len(widths) - 1)]

    def finish() -> None:
        nonlocal current, used
        lines.append(current.rstrip())
        current, used = "", 0.0

    for atom in atoms(text):
        if atom.isspace():
            if current:
                current, used = current + atom, used + measure(atom)
            continue
        width = measure(atom)
        if current and used + width > limit():
            finish()
        if width > limit():
            for char in atom:
                char_width = measure(char)
                if current and used + char_width > limit():
                    finish()
                current, used = current + char, used + char_width
            continue
        current, used = current + atom, used + width
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines
