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

_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_ALNUM_RANGES = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x370, 0x4FF))


class _Kinds(dict[int, str]):
    """Code point → "H" (Han), "A" (a Latin, Greek or Cyrillic letter, or a digit) or "-",
    filled as characters are met: lines are classified with ``str.translate``. (A regular
    expression with the Han ranges costs ~5 ms to compile, in every PDF command.)"""

    def __missing__(self, code: int) -> str:
        kind = "-"
        if any(low <= code <= high for low, high in _HAN_RANGES):
            kind = "H"
        elif any(low <= code <= high for low, high in _ALNUM_RANGES):
            kind = "A"
        self[code] = kind
        return kind


_KIND = _Kinds()
_JOINTS = re.compile("H(?=A)|A(?=H)")
"""In a line's kinds, the first of each Han–Latin pair (one match per pair)."""
_FIXED = re.compile(
    f"[{LATIN}](?=[{LATIN}])|\\s(?=.)|" + "|".join(f"{c}(?={c})" for c in sorted(INSEPARABLE)),
    re.S,
)
"""The first character of each pair whose gap never widens: inside a Latin word, number or
URL, after a space (a space's gap counts once, before it), inside ``——`` and ``……``."""


def joint(before: str, after: str) -> float:
    """The natural space, in ems, between two touching characters."""
    return HAN_LATIN if _KIND[ord(before)] + _KIND[ord(after)] in ("HA", "AH") else 0.0


def fixed_gaps(line: str) -> set[int]:
    """Offsets ``i`` where the gap between ``line[i]`` and ``line[i + 1]`` never widens."""
    return {match.start() for match in _FIXED.finditer(line)}


def joint_gaps(line: str) -> set[int]:
    """Offsets ``i`` where a quarter em separates ``line[i]`` and ``line[i + 1]``."""
    return {match.start() for match in _JOINTS.finditer(line.translate(_KIND))}


def gaps(line: str) -> int:
    """How many gaps of ``line`` justification may widen."""
    return max(len(line) - 1 - len(_FIXED.findall(line)), 0)


def joints(line: str) -> float:
    """The natural spaces, in ems, inside ``line``."""
    return HAN_LATIN * len(_JOINTS.findall(line.translate(_KIND))) if len(line) > 1 else 0.0
