"""Chinese line breaking (kinsoku) as W3C's Chinese Layout Requirements (CLREQ) describe it.

Chinese text has no spaces, so a line may break between almost any two
characters, except that no line may begin with closing punctuation (:data:`CLOSING`:
full-width comma, full stop, enumeration comma, closing brackets and quotes, ellipsis,
middle dot, per cent, wave and en dashes) and no line may end with opening punctuation
(:data:`OPENING`). A Latin word, a number, a run of full-width digits, ``——`` and
``……`` are never split. reportlab's CJK wrap misses several of these, so the PDF writer
breaks lines itself: text is cut into unbreakable *atoms*, lines are filled greedily.
A URL or long Latin token that would leave the line before it loose is broken after
``/ . - ? & =`` instead (:func:`break_lines`' ``loose`` test).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

CLOSING = frozenset(
    "\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\u300d\u300f\uff09\u300b\u3009\u3011\u3015\uff3d\uff5d"
    "\u2026\u201d\u2019\uff0e\u30fb\u3003\u3005\u309d\u309e\u30fd\u30fe"
    "\u00b7\uff05\uff5e\u301c\u2013\u2030\u2031"
    ",.;:?!)]}%\u00b0\u2103"
)
"""Characters that must not begin a line (closing marks, stops, iteration marks, ·, ％, ～, –)."""

OPENING = frozenset(
    "\u300c\u300e\uff08\u300a\u3008\u3010\u3014\uff3b\uff5b\u201c\u2018([{\uffe5\uff04$\u00a3#@\u00a7"
    "\u2013"
)
"""Characters that must not end a line (opening marks, currency and number prefixes, the en
dash of a range, which stays with both its numbers)."""

INSEPARABLE = frozenset("\u2014\u2026\u2025\u2e3a")
"""Doubled dashes and ellipses (\u2014\u2014, \u2026\u2026) are one mark: never split or spread."""

LATIN = "!-~\u00a1-\u024f\u0370-\u04ff"
"""Letters, digits and ASCII signs that form words, numbers and URLs."""

# A Latin word, number or URL stays whole, so does a run of full-width digits or letters
# and a run of one dash or ellipsis; every other character is its own unit.
_UNIT = re.compile(
    rf"\s+|[{LATIN}]+|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+|(\u2014+|\u2026+|\u2e3a+)|.", re.S
)
_SPACE = re.compile(r"\s+")
_URL_BREAK = re.compile(r"(?<=[/.\-?&=])(?=[^/.\-?&=])")
"""After a URL's separators (not between two of them): where a long token may break."""

_QUOTES = "\"'"


def _quote_opens(text: str, at: int) -> bool:
    """Whether the ASCII quote at ``text[at]`` opens (by its neighbours, else by parity)."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if before.isspace() or before in OPENING:
        return True
    if after.isspace() or after in CLOSING:
        return False
    return text.count(text[at], 0, at) % 2 == 0


def atoms(text: str) -> list[str]:
    """Split ``text`` into pieces a line break may fall between (spaces are their own atoms)."""
    result: list[str] = []
    glue_next = False
    position = 0
    for match in _UNIT.finditer(text):
        unit = match.group()
        start, position = position, match.end()
        if _SPACE.fullmatch(unit):
            result.append(unit)
            glue_next = False
            continue
        opens = unit in _QUOTES and _quote_opens(text, start)
        closes = unit in _QUOTES and not opens
        previous = result[-1] if result else ""
        joins_previous = (
            previous
            and not previous.isspace()
            and (
                glue_next
                or closes
                or unit[0] in CLOSING
                or (unit[0] in INSEPARABLE and previous[-1] == unit[0])
            )
        )
        if joins_previous:
            result[-1] += unit
        else:
            result.append(unit)
        glue_next = opens or unit[-1] in OPENING
    return result


def token_pieces(token: str) -> list[str]:
    """A long Latin token (a URL) cut after each ``/ . - ? & =``: where it may break."""
    return [piece for piece in _URL_BREAK.split(token) if piece]


def _no_joint(before: str, after: str) -> float:
    return 0.0


def break_lines(
    text: str,
    measure: Callable[[str], float],
    widths: Sequence[float],
    loose: Callable[[str, float], bool] | None = None,
    joint: Callable[[str, str], float] = _no_joint,
    pieces: Sequence[str] | None = None,
) -> list[str]:
    """Fill lines greedily: line ``i`` is at most ``widths[i]`` wide (the last width repeats).

    Spaces at a break are dropped. A line's natural width is what ``measure`` gives
    its atoms plus ``joint(a, b)`` between two touching characters (CLREQ's quarter
    em between Han and Latin). When ``loose(line, spare)`` says a line ended before
    an atom would be spread too much, the atom is broken after a URL separator so part
    of it fills the line; an atom wider than a whole line is cut between characters,
    since nothing better exists. ``pieces`` replaces :func:`atoms` (a headline's words).
    """
    lines: list[str] = []
    current = ""
    used = 0.0

    def limit() -> float:
        return widths[min(len(lines), len(widths) - 1)]

    def extent(piece: str) -> float:
        """The line's width with ``piece`` added."""
        if not current:
            return measure(piece)
        return used + joint(current[-1], piece[0]) + measure(piece)

    def add(piece: str) -> None:
        nonlocal current, used
        used, current = extent(piece), current + piece

    def finish() -> None:
        nonlocal current, used
        lines.append(current.rstrip())
        current, used = "", 0.0

    def separated_head(token: str) -> str:
        """The longest start of ``token``, cut after a URL separator, that fits the line."""
        head = ""
        for piece in token_pieces(token)[:-1]:
            if extent(head + piece) > limit():
                break
            head += piece
        return head

    for atom in atoms(text) if pieces is None else pieces:
        if atom.isspace():
            if current:
                add(atom)
            continue
        width = extent(atom)
        if width <= limit():
            used, current = width, current + atom
            continue
        if current and loose is not None and loose(current.rstrip(), limit() - used):
            head = separated_head(atom)
            if head:
                add(head)
                atom = atom[len(head) :]
        if current:
            finish()
        while atom and measure(atom) > limit():
            head = separated_head(atom)
            if not head:  # no separator fits: cut between characters
                head = atom[0]
                while len(head) < len(atom) and measure(atom[: len(head) + 1]) <= limit():
                    head = atom[: len(head) + 1]
            add(head)
            atom = atom[len(head) :]
            finish()
        if atom:
            add(atom)
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines
