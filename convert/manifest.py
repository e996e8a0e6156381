"""What each built-in plugin declares, kept between runs, so that a command imports only the
built-in plugins it can involve (``convert -t txt`` imports neither DOCX, PDF, brief nor
OpenCC's declarations).

The manifest holds, for each built-in plugin and each kind (readers, writers, transforms),
every component's names, file extensions, option names and implied transforms: what decides
whether a lookup (``-t``, ``-T``, ``-f``, an input's or ``-o``'s extension, an ``-O`` key)
can reach the plugin. The manager writes it after a run that loaded every plugin and keeps
it in the cache directory (``convert.cache``), keyed on docconv's entry points and version
and on the size and modification time of each built-in plugin module, so an upgrade or an
edited source (editable install) is seen on the next run. Without a valid manifest every
plugin is imported, as before. Third-party plugins are not in it: they are always imported,
since what they declare may depend on their environment and a broken one must be reported
by every command.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import cache_dir

if TYPE_CHECKING:
    from .entrypoints import EntryPoint
    from .specs import Component

_FORMAT = 1  # bump when the file's layout changes

Claim = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""One component: (its names, file extensions, option names, implied transforms), lower-case."""
Claims = dict[str, list[Claim]]
"""A plugin's components by kind ("readers", "writers", "transforms")."""


def claims_of(declared: Mapping[str, Sequence[Component]]) -> Claims:
    """The manifest entry of one plugin's declarations, by kind."""
    claims: Claims = {}
    for kind, components in declared.items():
        claims[kind] = [claim_of(component) for component in components]
    return claims


def claim_of(component: Component) -> Claim:
    extensions = getattr(component, "extensions", None) or (getattr(component, "extension", ""),)
    return (
        tuple(name.lower() for name in component.names),
        tuple(ext.lower() for ext in extensions if ext),
        tuple(option.name for option in component.options),
        tuple(name.lower() for name in getattr(component, "transforms", ())),
    )


@functools.cache
def _package(top: str) -> tuple[str, ...]:
    """The folders of top-level package ``top``, found without importing it."""
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return ()
    return tuple(spec.submodule_search_locations or ()) if spec else ()


def _stamp(module: str) -> list[object] | None:
    """Where ``module``'s source is, with its size and modification time (None if unknown):
    found by path, without importing the module or its packages."""
    top, _, rest = module.partition(".")
    relative = rest.replace(".", os.sep)
    for folder in _package(top):
        for candidate in (f"{relative}.py", os.path.join(relative, "__init__.py")):
            path = os.path.join(folder, candidate)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            return [path, stat.st_size, stat.st_mtime_ns]
    return None


def _key(entry_points: Iterable[tuple[EntryPoint, str]]) -> list[object]:
    rows: list[object] = []
    for ep, name in entry_points:
        module = ep.value.split(":", 1)[0].strip()
        version = ep.dist.version if ep.dist else ""
        rows.append([name, ep.value, version, _stamp(module)])
    return [_FORMAT, sys.version, rows]


def _file() -> Path:
    """One file per interpreter (two virtual environments do not thrash)."""
    interpreter = zlib.crc32(f"{sys.prefix}\0{sys.executable}".encode())
    return cache_dir() / f"builtin-plugins-{interpreter:08x}.json"


def read(entry_points: Sequence[tuple[EntryPoint, str]]) -> dict[str, Claims] | None:
    """The claims of each built-in plugin (by plugin name) when the manifest on disk was
    written for exactly these ``(entry point, plugin name)`` pairs and sources; else None."""
    try:
        stored = json.loads(_file().read_text(encoding="utf-8"))
        if stored["key"] != _key(entry_points):
            return None
        return {
            plugin: {
                kind: [
                    (tuple(names), tuple(exts), tuple(options), tuple(implied))
                    for names, exts, options, implied in components
                ]
                for kind, components in kinds.items()
            }
            for plugin, kinds in stored["plugins"].items()
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(entry_points: Sequence[tuple[EntryPoint, str]], claims: Mapping[str, Claims]) -> None:
    """Keep ``claims`` for the next run; a cache that cannot be written is skipped."""
    path = _file()
    data = json.dumps({"key": _key(entry_points), "plugins": claims}, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(data, encoding="utf-8")
        os.replace(partial, path)  # readers see the old file or the new one, never half
    except OSError:
        pass


def wanted(
    pending: Mapping[str, Claims],
    loaded: Iterable[Claim],
    kind: str,
    names: Iterable[str] = (),
    filename: str | None = None,
    options: Iterable[str] = (),
) -> set[str]:
    """The pending plugins a lookup of ``kind`` can involve: those with a component claiming
    one of ``names``, an extension ``filename`` ends with, or declaring one of ``options``.

    So that ranking and hiding come out as with every plugin loaded, the plugins claiming a
    name of any component found (loaded or pending) are wanted too, repeatedly: a component
    whose own name another plugin takes is hidden, aliases included.
    """
    lowered = filename.lower() if filename else None
    keys = set(options)
    everything = [(None, claim) for claim in loaded] + [
        (plugin, claim) for plugin, kinds in pending.items() for claim in kinds.get(kind, ())
    ]
    looked_up = {name.lower() for name in names}
    for _, (claimed, extensions, declared, _) in everything:
        if (
            lowered and any(lowered.endswith("." + ext) for ext in extensions)
        ) or keys.intersection(declared):
            looked_up.update(claimed)
    chosen: set[str] = set()
    while True:
        found = [(p, c) for p, c in everything if looked_up.intersection(c[0])]
        more = {name for _, claim in found for name in claim[0]} - looked_up
        chosen.update(p for p, _ in found if p is not None)
        if not more:
            return chosen
        looked_up |= more
