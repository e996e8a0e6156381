"""The installed entry points of one group, cached on disk between runs.

Importing ``importlib.metadata`` and reading every distribution's metadata cost about 25 ms
of every command, the same answer each time. The answer is kept in docconv's cache directory
(``convert.cache``), keyed on what it is made of: each ``sys.path`` entry, and in each
directory the names of the ``*.dist-info`` / ``*.egg-info`` folders with the modification
time of their ``entry_points.txt``. Installing, upgrading or removing a distribution adds,
renames or removes such a folder (or rewrites its ``entry_points.txt``), so the next run
sees the change; a file or folder appearing on ``sys.path`` changes the key too. When
another finder on ``sys.meta_path`` can provide distributions, or the cache cannot be read
or written, the entry points are read as before.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Protocol

from .cache import cache_dir

_FORMAT = 1  # bump when the file's layout changes
_METADATA_SUFFIXES = (".dist-info", ".egg-info")


class Distribution(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...


class EntryPoint(Protocol):
    """What docconv uses of an ``importlib.metadata.EntryPoint``."""

    @property
    def name(self) -> str: ...

    @property
    def value(self) -> str: ...

    @property
    def dist(self) -> Distribution | None: ...


class CachedDistribution:
    """A distribution's name and version (plain classes: a dataclass costs ~1 ms to create)."""

    __slots__ = ("name", "version")

    def __init__(self, name: str, version: str) -> None:
        self.name, self.version = name, version


class CachedEntryPoint:
    """An entry point read back from the cache: the fields docconv reads of
    ``importlib.metadata``'s (plugins.py imports what ``value`` names)."""

    __slots__ = ("dist", "name", "value")

    def __init__(self, name: str, value: str, dist: CachedDistribution | None) -> None:
        self.name, self.value, self.dist = name, value, dist


def _state_of(entry: str) -> object:
    """What of one ``sys.path`` entry decides the entry points found there (JSON-ready)."""
    try:
        if not os.path.isdir(entry):
            return os.stat(entry).st_mtime_ns  # a zip or egg file
        folders: list[tuple[str, int]] = []
        with os.scandir(entry) as found:
            for item in found:
                if item.name.endswith(_METADATA_SUFFIXES):
                    try:
                        stamp = os.stat(os.path.join(item.path, "entry_points.txt")).st_mtime_ns
                    except OSError:
                        stamp = -1
                    folders.append((item.name, stamp))
        return [[name, stamp] for name, stamp in sorted(folders)]
    except OSError:
        return None  # missing: appearing later changes the key


def _cache_key() -> list[object]:
    entries = [os.path.abspath(entry) for entry in sys.path]  # "" is the working directory
    return [_FORMAT, sys.version, [[entry, _state_of(entry)] for entry in entries]]


def _cache_file(group: str) -> Path:
    """One file per interpreter and group, so that two virtual environments do not thrash."""
    interpreter = zlib.crc32(f"{sys.prefix}\0{sys.executable}".encode())
    return cache_dir() / f"entry-points-{group}-{interpreter:08x}.json"


def _read_metadata(group: str) -> list[CachedEntryPoint]:
    from importlib.metadata import entry_points  # slow to import: only on a cache miss

    return [
        CachedEntryPoint(
            ep.name,
            ep.value,
            CachedDistribution(ep.dist.name, ep.dist.version) if ep.dist else None,
        )
        for ep in entry_points(group=group)
    ]


def _other_finders() -> bool:
    """Whether a finder other than the path finder may provide distributions."""
    return any(
        hasattr(finder, "find_distributions") and finder is not PathFinder
        for finder in sys.meta_path
    )


def entry_points(group: str) -> list[CachedEntryPoint]:
    """The entry points of ``group``, in ``importlib.metadata``'s order, from the cache when
    nothing on ``sys.path`` changed since it was written."""
    if _other_finders():
        return _read_metadata(group)
    path, key = _cache_file(group), _cache_key()
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached["key"] == key:
            return [
                CachedEntryPoint(name, value, CachedDistribution(*dist) if dist else None)
                for name, value, dist in cached["entry_points"]
            ]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    found = _read_metadata(group)
    rows = [
        [ep.name, ep.value, [ep.dist.name, ep.dist.version] if ep.dist else None] for ep in found
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps({"key": key, "entry_points": rows}), encoding="utf-8")
        os.replace(partial, path)  # readers see the old file or the new one, never half
    except OSError:
        pass  # a read-only home: read the metadata each time, as before
    return found
