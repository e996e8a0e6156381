"""Chinese word segmentation for text in either script, through jieba.

jieba's dictionary is Simplified, so Traditional text segments poorly as it is.
We segment a Simplified copy made character by character (OpenCC's
``TSCharacters.txt``, first candidate, one character for one), so every offset in
the copy is the same offset in the original and each word maps back exactly.
jieba's caches live in the user's cache directory rather than the working directory.

Short texts are cut from only their own substrings looked up in an SQLite lexicon made
from jieba's dictionary (:func:`segment_few`): the same words, without loading jieba's
dictionary (0.2 s), which :func:`segment` loads only once a process has cut enough text.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import logging
import marshal
import math
import os
import pickle
import re
import sqlite3
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convert.cache import stamped_name, writable_cache_dir, write_whole
from convert.toolkit.chinese import data_folder


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
    """Traditional → Simplified, one character for one (multi-character mappings skipped).

    Parsing OpenCC's table costs ~4 ms; the table is kept marshalled in the cache directory,
    keyed by the file's size and modification time.
    """
    source = data_folder() / "TSCharacters.txt"
    directory = writable_cache_dir()
    name = stamped_name("t2s", [source], suffix=".marshal")
    cached = directory / name if directory else None
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        if cached is not None:
            table = marshal.loads(cached.read_bytes())
            if isinstance(table, dict):
                return table
    table = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, targets = line.partition("\t")
        first = targets.split(" ", 1)[0]
        if len(key) == 1 and len(first) == 1:
            table[ord(key)] = first
    if cached is not None:
        with contextlib.suppress(OSError):
            write_whole(cached, marshal.dumps(table))
    return table


def simplified_copy(text: str) -> str:
    """``text`` in Simplified characters, with exactly the same length and offsets."""
    return text.translate(_to_simplified())


@contextlib.contextmanager
def _without_pkg_resources() -> Iterator[None]:
    """Make ``import pkg_resources`` fail while jieba is imported.

    jieba imports pkg_resources only to open its own data files and falls back to plain
    ``open`` without it; importing it costs ~125 ms (and a deprecation warning), more than
    a third of a first brief. Left alone when something already imported it.
    """
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]


@functools.cache
def _tokenizer() -> Any:
    """jieba's tokenizer, initialised once per process.

    jieba keeps its prefix dictionary as a marshal file that takes about a second to
    load; we keep the same dictionary pickled in :func:`cache_dir` (about a quarter of
    that), keyed by jieba's dictionary file, and build it with jieba the first time.
    """
    with warnings.catch_warnings(), _without_pkg_resources():
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    directory = writable_cache_dir()
    if directory is not None:
        tokenizer.tmp_dir = str(directory)
    cached = directory / _jieba_name("jieba", ".pickle", "dict.txt") if directory else None
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


def _jieba_name(prefix: str, suffix: str, *parts: str) -> str:
    """A cache file name naming the version of jieba's code and of its data files ``parts``,
    found without importing jieba."""
    return stamped_name(prefix, [_jieba_file(p) for p in ("__init__.py", *parts)], suffix=suffix)


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
    """A file shipped inside the jieba wheel (found without importing jieba, which imports
    pkg_resources: 70 ms)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed", name="jieba")
    return Path(spec.origin).parent.joinpath(*parts)


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


DICTIONARY_AFTER = 10_000
"""Characters a process cuts through the lexicon (:func:`segment_few`'s way) before it loads
jieba's dictionary. Loading costs ~0.2 s of CPU, after which a character costs ~3.5 µs
instead of ~20 µs: it pays for itself after about ten thousand characters. A one-off brief
of a news article never loads it; a batch loads it once (see :func:`load_dictionary`)."""

_from_lexicon = 0


def segment(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (either script), each mapped back to the original characters.

    The words are jieba's whichever way they are found: through its dictionary once a
    process has cut :data:`DICTIONARY_AFTER` characters (or loaded it), through the lexicon
    before that."""
    global _cached, _from_lexicon
    if _cache is not None and text in _cache:
        return _cache[text]
    simple = simplified_copy(text)
    if _tokenizer.cache_info().currsize or _from_lexicon + len(text) > DICTIONARY_AFTER:
        found = _tokens(text, _tokenizer().cut(simple))
    else:
        _from_lexicon += len(text)
        found = _tokens(text, _cut(simple))
    if _cache is not None and _cached + len(text) <= DOCUMENT_CACHE:
        _cache[text] = found
        _cached += len(text)
    return found


def load_dictionary() -> None:
    """Load jieba's dictionary now if this process has segmented anything: called before
    batch workers are forked, so that they share one copy instead of each loading its own
    once it has cut :data:`DICTIONARY_AFTER` characters."""
    if _from_lexicon:
        _tokenizer()


def segment_few(text: str) -> tuple[Token, ...]:
    """The words :func:`segment` finds in ``text``, without loading jieba's dictionary.

    Loading it costs about 0.3 s, more than a headline is worth: here only the text's own
    substrings are looked up in the lexicon, and jieba's decisions are made over them (the
    most probable route through the dictionary's words; its HMM for a run of characters the
    dictionary does not know). Each text costs a few lookups per character, so long texts
    are cheaper through :func:`segment` once the dictionary is loaded.
    """
    return _tokens(text, _cut(simplified_copy(text)))


def _tokens(text: str, words: Iterable[str]) -> tuple[Token, ...]:
    """Tokens for ``words``, the words of ``text``'s Simplified copy in order."""
    tokens = []
    start = 0
    for word in words:
        end = start + len(word)
        tokens.append(Token(text[start:end], word, start, tag(word)))
        start = end
    return tuple(tokens)


# How jieba's accurate mode (``cut(text)``, HMM on) splits a text before it looks words up:
# runs of _RUN characters are cut into words; elsewhere each character is a word, except
# whitespace ("\r\n" is one). Inside a run, characters the route leaves single go to the HMM,
# which cuts only _HAN characters and keeps _LATIN pieces (a number, "5.5%") whole.
_RUN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+)")
_SPACE = re.compile(r"(\r\n|\s)")
_HAN = re.compile("([\u4e00-\u9fd5]+)")
_LATIN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_STATES = "BMES"
"""The HMM's states: a character Begins a word, is in its Middle, Ends it or is a Single."""
_AFTER = {"B": "ES", "M": "MB", "E": "BM", "S": "SE"}
"""The states each state can follow."""
_NEVER = -3.14e100
"""jieba's log-probability for what its model never saw."""


def _cut(text: str) -> Iterator[str]:
    """jieba's words of a Simplified ``text`` (accurate mode, HMM on), from the lexicon."""
    pieces = _RUN.split(text)
    runs = pieces[1::2]  # split() with a group: the runs are the odd pieces
    known = _known(runs)
    for index, piece in enumerate(pieces):
        if index % 2:
            yield from _cut_run(piece, known)
        else:
            for part_index, part in enumerate(_SPACE.split(piece)):
                yield from [part] if part_index % 2 else part


def _known(runs: list[str]) -> dict[str, int]:
    """The dictionary's words among the substrings of ``runs``, with their frequencies."""
    longest = _model()[1]
    substrings = sorted(
        {
            run[start:end]
            for run in runs
            for start in range(len(run))
            for end in range(start + 1, min(len(run), start + longest) + 1)
        }
    )
    found: dict[str, int] = {}
    for first in range(0, len(substrings), 500):  # well below SQLite's limit on parameters
        chunk = substrings[first : first + 500]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT word, tag, idf, frequency FROM words WHERE word IN ({marks})"
        for word, *entry in _lexicon().execute(query, chunk):
            _remember(word, tuple(entry))  # the words' tags come next: no query each
            if entry[2] > 0:
                found[word] = entry[2]
    return found


def _cut_run(run: str, known: Mapping[str, int]) -> Iterator[str]:
    """A run cut along the most probable route through dictionary words (a character the
    dictionary lacks counts once), ties going to the longer word as in jieba."""
    log_total, longest = math.log(_model()[0]), _model()[1]
    size = len(run)
    best: list[tuple[float, int]] = [(0.0, 0)] * (size + 1)
    for start in range(size - 1, -1, -1):
        ends = [
            end for end in range(start, min(size, start + longest)) if run[start : end + 1] in known
        ] or [start]
        best[start] = max(
            (math.log(known.get(run[start : end + 1]) or 1) - log_total + best[end + 1][0], end)
            for end in ends
        )
    single, start = "", 0
    while start < size:
        end = best[start][1] + 1
        if end - start == 1:
            single += run[start]
        else:
            yield from _singles(single, known)
            single = ""
            yield run[start:end]
        start = end
    yield from _singles(single, known)


def _singles(chars: str, known: Mapping[str, int]) -> Iterator[str]:
    """Consecutive characters the route left single: the HMM makes words of them, unless
    they are one character or together a dictionary word."""
    if len(chars) < 2 or chars in known:
        yield from chars
        return
    for index, piece in enumerate(_HAN.split(chars)):
        if index % 2:
            yield from _hmm_words(piece)
        else:
            yield from (part for part in _LATIN.split(piece) if part)


def _hmm_words(chars: str) -> Iterator[str]:
    """Han characters cut into words by the HMM's most probable states (Viterbi)."""
    start_p, transitions = _model()[2]
    marks = ",".join("?" * len(set(chars)))
    rows = _lexicon().execute(f"SELECT * FROM emit WHERE char IN ({marks})", sorted(set(chars)))
    emissions = {row[0]: dict(zip(_STATES, row[1:], strict=True)) for row in rows}

    def emit(char: str, state: str) -> float:
        value = emissions.get(char, {}).get(state)
        return _NEVER if value is None else float(value)

    score = {state: start_p[state] + emit(chars[0], state) for state in _STATES}
    path = {state: state for state in _STATES}
    for char in chars[1:]:
        new_score, new_path = {}, {}
        for state in _STATES:
            here = emit(char, state)
            new_score[state], before = max(
                (score[p] + transitions[p].get(state, _NEVER) + here, p) for p in _AFTER[state]
            )
            new_path[state] = path[before] + state
        score, path = new_score, new_path
    states = path[max((score[state], state) for state in "ES")[1]]
    begin = done = 0
    for index, state in enumerate(states):
        if state == "B":
            begin = index
        elif state in "ES":
            yield chars[begin if state == "E" else index : index + 1]
            done = index + 1
    if done < len(chars):
        yield chars[done:]


@functools.cache
def _model() -> tuple[int, int, tuple[dict[str, float], dict[str, dict[str, float]]]]:
    """(jieba's total count, its longest word's length, its HMM's start and transition
    log-probabilities)."""
    total, longest, hmm = _lexicon().execute("SELECT total, longest, hmm FROM meta").fetchone()
    start_p, transitions = json.loads(hmm)
    return int(total), int(longest), (start_p, transitions)


def _lexicon() -> sqlite3.Connection:
    """jieba's dictionary frequencies, part-of-speech tags and inverse document frequencies,
    word by word, and its HMM for words it does not know.

    Parsing these tables takes about 0.5 s, so they are kept in an SQLite file in
    :func:`cache_dir` (in memory when there is none) and only the words an article
    uses are looked up. One connection per process: a forked worker opens its own.
    """
    return _lexicon_of(os.getpid())


@functools.cache
def _lexicon_of(pid: int) -> sqlite3.Connection:
    directory = writable_cache_dir()
    name = _jieba_name(f"lexicon-v{_LEXICON_VERSION}", ".sqlite3", "dict.txt", "analyse/idf.txt")
    path = directory / name if directory else None
    if path is not None and path.exists():
        with contextlib.suppress(sqlite3.Error):
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            connection.execute("SELECT median, total, longest, hmm FROM meta").fetchone()
            return connection
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(connection)
    if path is not None:
        with contextlib.suppress(sqlite3.Error, OSError):
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            connection.execute("VACUUM INTO ?", (str(temporary),))
            os.replace(temporary, path)
    return connection


_LEXICON_VERSION = 2
"""Raised when the lexicon's tables change, so an older file in the cache is not read."""


def _fill(connection: sqlite3.Connection) -> None:
    fields = _jieba_file("dict.txt").read_text(encoding="utf-8").split()
    tags = dict(zip(fields[0::3], fields[2::3], strict=True))
    counts = list(map(int, fields[1::3]))
    frequencies = dict(zip(fields[0::3], counts, strict=True))
    fields = _jieba_file("analyse", "idf.txt").read_text(encoding="utf-8").split()
    idfs = dict(zip(fields[0::2], map(float, fields[1::2]), strict=True))
    values = sorted(idfs.values())
    connection.execute(
        "CREATE TABLE words (word TEXT PRIMARY KEY, tag TEXT, idf REAL, frequency INTEGER)"
    )
    connection.execute("CREATE TABLE meta (median REAL, total INTEGER, longest INTEGER, hmm TEXT)")
    connection.execute("CREATE TABLE emit (char TEXT PRIMARY KEY, B REAL, M REAL, E REAL, S REAL)")
    connection.executemany(
        "INSERT INTO words VALUES (?, ?, ?, ?)",
        (
            (w, tags.get(w, ""), idfs.get(w), frequencies.get(w, 0))
            for w in tags.keys() | idfs.keys()
        ),
    )
    start, transitions, emissions = _hmm_tables()
    connection.executemany(
        "INSERT INTO emit VALUES (?, ?, ?, ?, ?)",
        (
            (char, *(emissions[state].get(char) for state in _STATES))
            for char in set().union(*emissions.values())
        ),
    )
    connection.execute(
        "INSERT INTO meta VALUES (?, ?, ?, ?)",
        (
            values[len(values) // 2],
            sum(counts),  # jieba's total counts every line, as its prefix dictionary does
            max(map(len, tags)),
            json.dumps([start, transitions]),
        ),
    )
    connection.commit()


def _hmm_tables() -> tuple[dict[str, float], dict[str, dict[str, float]], Any]:
    """jieba's HMM for unknown words: start, transition and emission log-probabilities."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba imports pkg_resources
        from jieba import finalseg

    return finalseg.start_P, finalseg.trans_P, finalseg.emit_P


Entry = tuple[str, float | None, int]
"""A word's tag, inverse document frequency and frequency in jieba's dictionary."""

_ENTRIES = 1 << 16
_entries: dict[str, Entry] = {}


def _entry(simple: str) -> Entry:
    if simple not in _entries:
        query = "SELECT tag, idf, frequency FROM words WHERE word = ?"
        row = _lexicon().execute(query, (simple,)).fetchone()
        _remember(simple, (row[0], row[1], row[2]) if row else ("", None, 0))
    return _entries[simple]


def _remember(simple: str, entry: Entry) -> None:
    """Keep a word's entry, forgetting them all past :data:`_ENTRIES` words (memory stays
    bounded; a news article uses a few thousand)."""
    if len(_entries) >= _ENTRIES:
        _entries.clear()
    _entries[simple] = entry


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
    return _entry(simple)[2]
