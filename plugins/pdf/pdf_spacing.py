"""Where a justified Chinese line may take extra space, as CLREQ §3.2 and §3.8 describe.

Between two Han characters (and their punctuation) a line may open up; inside a
Latin word, a number or a URL it never does, nor inside ``——`` or ``……``. Where Han
meets a Latin letter or a digit, a quarter em separates them, which justification
may widen like any other gap. Measured in ems, so every size shares the rules.
"""

from __future__ import annotations

import re

from .linebreak import INSEPARABLE, LATIN

MAX_STRETCH = 0.25
"""Most extra space, in ems, a justified line puts in one gap."""
HAN_LATIN = 0.25
"""The space between Han and Latin or digits, in ems."""

_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_ALNUM_CLASS = "0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_HAN = re.compile(f"[{_HAN_CLASS}]")
_ALNUM = re.compile(f"[{_ALNUM_CLASS}]")
_JOINTS = re.compile(f"[{_HAN_CLASS}](?=[{_ALNUM_CLASS}])|[{_ALNUM_CLASS}](?=[{_HAN_CLASS}])")
"""The first character of each Han–Latin pair (one match per pair)."""
_FIXED = re.compile(
    f"[{LATIN}](?=[{LATIN}])|\\s(?=.)|" + "|".join(f"{c}(?={c})" for c in sorted(INSEPARABLE)),
    re.S,
)
"""The first character of each pair whose gap never widens: inside a Latin word, number or
URL, after a space (a space's gap counts once, before it), inside ``——`` and ``……``."""

_HAN_KIND, _ALNUM_KIND = 1, 2
_KINDS: dict[str, int] = {}


def _kind(char: str) -> int:
    """1 for Han, 2 for a Latin letter or digit, 0 for anything else (cached per character)."""
    kind = _KINDS.get(char)
    if kind is None:
        kind = _KINDS[char] = _HAN_KIND if _HAN.match(char) else 2 * bool(_ALNUM.match(char))
    return kind


def joint(before: str, after: str) -> float:
    """The natural space, in ems, between two touching characters."""
    return HAN_LATIN if _kind(before) | _kind(after) == _HAN_KIND | _ALNUM_KIND else 0.0


def fixed_gaps(line: str) -> set[int]:
    """Offsets ``i`` where the gap between ``line[i]`` and ``line[i + 1]`` never widens."""
    return {match.start() for match in _FIXED.finditer(line)}


def joint_gaps(line: str) -> set[int]:
    """Offsets ``i`` where a quarter em separates ``line[i]`` and ``line[i + 1]``."""
    return {match.start() for match in _JOINTS.finditer(line)}


def gaps(line: str) -> int:
    """How many gaps of ``line`` justification may widen."""
    return max(len(line) - 1 - len(_FIXED.findall(line)), 0)


def joints(line: str) -> float:
    """The natural spaces, in ems, inside ``line``."""
    return HAN_LATIN * len(_JOINTS.findall(line)) if len(line) > 1 else 0.0
