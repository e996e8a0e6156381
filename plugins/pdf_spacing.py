"""Where a justified Chinese line may take extra space, as CLREQ §3.2 and §3.8 describe.

Between two Han characters (and their punctuation) a line may open up; inside a
Latin word, a number or a URL it never does, nor inside ``——`` or ``……``. Where Han
meets a Latin letter or a digit, a quarter em separates them, which justification
may widen like any other gap. Measured in ems, so every size shares the rules.
"""

from __future__ import annotations

import itertools
import re

from .linebreak import INSEPARABLE, LATIN

MAX_STRETCH = 0.25
"""Most extra space, in ems, a justified line puts in one gap."""
HAN_LATIN = 0.25
"""The space between Han and Latin or digits, in ems."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_WORD = re.compile(rf"[{LATIN}]")
_ALNUM = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


def joint(before: str, after: str) -> float:
    """The natural space, in ems, between two touching characters."""
    if (_HAN.match(before) and _ALNUM.match(after)) or (_ALNUM.match(before) and _HAN.match(after)):
        return HAN_LATIN
    return 0.0


def adjustable(before: str, after: str) -> bool:
    """Whether justification may widen the gap between two touching characters."""
    if before.isspace():
        return False  # a space's gap counts once, before it
    if before == after and before in INSEPARABLE:
        return False
    return not (_WORD.match(before) and _WORD.match(after))


def gaps(line: str) -> int:
    """How many gaps of ``line`` justification may widen."""
    return sum(adjustable(a, b) for a, b in itertools.pairwise(line))


def joints(line: str) -> float:
    """The natural spaces, in ems, inside ``line``."""
    return sum(joint(a, b) for a, b in itertools.pairwise(line))
