"""fontconfig's list of installed fonts, kept between runs while no font directory changes.

Running ``fc-list`` costs about 9 ms of CPU per PDF command (a process that reads
fontconfig's configuration and caches) for the same answer every time. The answer is
kept in the cache directory beside the modification times of the directories it
depends on: the font directories fontconfig reads by default (all their folders), the
folder of every face listed, fontconfig's configuration folders and the ``fc-list``
program's own. Installing or removing a font adds or removes a file or folder in one of
them, which changes that folder's time, so the next run lists again: fontconfig's own
cache is kept fresh the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from convert.cache import writable_cache_dir, write_whole

ROOTS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
    "/etc/fonts",
    "~/.config/fontconfig",
)
"""Where fontconfig finds fonts and its configuration unless told otherwise."""
_ENVIRONMENT = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "XDG_DATA_HOME")
"""Variables that change what fontconfig lists: part of the cache's name."""


def cached_listing(command: Sequence[str], run: Callable[[], str]) -> str:
    """``run()`` (fc-list's output for ``command``), or its stored answer when no folder it
    depends on has changed since."""
    directory = writable_cache_dir("fonts")
    if directory is None:
        return run()
    named = [*command, *(os.environ.get(name, "") for name in _ENVIRONMENT)]
    key = hashlib.sha256(repr(named).encode()).hexdigest()[:16]
    path = directory / f"fc-list-{key}.json"
    stored = _read(path)
    if stored is not None and all(_mtime(d) == t for d, t in stored[0].items()):
        return stored[1]
    before = _folders([Path(command[0]).parent, *map(Path, ROOTS)])
    listing = run()
    after = _folders([Path(command[0]).parent, *map(Path, ROOTS), *_parents(listing)])
    if all(after.get(folder) == time for folder, time in before.items()):  # nothing moved meanwhile
        with contextlib.suppress(OSError):
            write_whole(path, json.dumps([after, listing]).encode())
    return listing


def _read(path: Path) -> tuple[dict[str, int | None], str] | None:
    try:
        folders, listing = json.loads(path.read_bytes())
    except (OSError, ValueError, TypeError):
        return None
    if not isinstance(folders, dict) or not isinstance(listing, str):
        return None
    return folders, listing


def _parents(listing: str) -> set[Path]:
    """The folder of every face in the listing (its first field is the file)."""
    return {Path(line.split("\t", 1)[0]).parent for line in listing.splitlines() if line}


def _folders(roots: Iterable[Path]) -> dict[str, int | None]:
    """Every folder under ``roots`` with its modification time (None: it does not exist)."""
    times: dict[str, int | None] = {}
    for root in roots:
        top = root.expanduser()
        times[str(top)] = _mtime(str(top))
        if times[str(top)] is not None:
            for folder, _, _ in os.walk(top):
                times[folder] = _mtime(folder)
    return times


def _mtime(folder: str) -> int | None:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return None
