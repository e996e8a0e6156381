"""Japanese and Korean told apart from Chinese by the letters only they use.

Japanese and Korean news write Han characters too (東京, 大統領), so Han characters alone
would tag them Chinese, and OpenCC would then "convert" 東京 to 东京. What marks them is
hiragana, the particles and endings of every Japanese sentence, and hangul. Katakana does
not count: Chinese articles write brands and titles in it (ユニクロ, ワンピース).
"""

from __future__ import annotations

import functools
import re

OTHER_SHARE = 0.15
"""Share of a text's letters in hiragana (or hangul) from which it is Japanese (Korean).
Japanese news is 25-40 % hiragana (its particles and endings; a headline about 20 %), Korean
mostly hangul; a Chinese article naming a show or a brand in kana (ワンピース, となりのトトロ)
stays far below, and katakana alone (ユニクロ) never counts. Latin letters are not counted:
a Japanese review of a phone, half of it model names and specifications in Latin letters,
is still Japanese (of the livedoor news corpus's 7,367 Japanese articles, 80 fell below the
share with Latin letters counted, 26 without; ``benchmarks/language_tags.py``)."""

LANGUAGE_NAMES = {"ja": "Japanese", "ko": "Korean"}
"""The languages :func:`japanese_or_korean` tells, by tag, with their English names."""

_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _latin() -> re.Pattern[str]:
    """Latin letters (ASCII, accented, full-width), taken off the letters: small ranges
    (0.3 ms to compile), where a class of the Han, kana and hangul blocks costs ~3 ms."""
    return re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\uff21-\uff3a\uff41-\uff5a]")


@functools.cache
def _scripts() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The scripts' patterns, compiled on first use: the hangul class costs ~1 ms to compile,
    which ``docconv --help`` should not pay."""
    return (
        ("ja", re.compile("[\u3040-\u309f]")),  # hiragana
        ("ko", re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")),  # hangul
    )


def japanese_or_korean(text: str) -> str | None:
    """``"ja"`` or ``"ko"`` when hiragana or hangul make :data:`OTHER_SHARE` of the letters of
    ``text`` that are not Latin, else None (Chinese, English, ...). Counted without building
    lists: the text may be megabytes; the letters are counted only when a script occurs."""
    letters = 0
    for tag, pattern in _scripts():
        if pattern.search(text) is None:  # most text: one scan that builds nothing
            continue
        found = pattern.subn("", text)[1]
        letters = letters or _LETTER.subn("", text)[1] - _latin().subn("", text)[1]
        if found >= OTHER_SHARE * letters:
            return tag
    return None


def japanese_or_korean_tag(tag: str) -> str | None:
    """``"ja"`` or ``"ko"`` when the BCP 47 ``tag`` names Japanese or Korean (``ja-JP``,
    ``ko-Kore-KR``), else None: what writers choose fonts and locales by."""
    primary = tag.lower().split("-")[0]
    return primary if primary in LANGUAGE_NAMES else None
