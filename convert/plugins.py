"""Discover plugins through the ``docconv`` entry-point group and index what they provide.

Built-in plugins are registered through the same group (from docconv's own
``pyproject.toml``), so the path third-party plugins take is exercised on every run.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Generic, TypeVar

import pluggy

from . import hookspecs
from .errors import UnknownFormatError
from .specs import Component, Reader, Transform, Writer

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "docconv"
LOAD_PLUGINS_ENV = "DOCCONV_LOAD_PLUGINS"
BUILTIN_DISTRIBUTION = "docconv"

log = logging.getLogger("docconv")

C = TypeVar("C", bound=Component)


@dataclass
class PluginInfo:
    """One plugin as ``docconv plugins`` shows it."""

    name: str
    distribution: str
    version: str
    builtin: bool
    hooks: list[str] = field(default_factory=list)
    provides: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class Provided(Generic[C]):
    """A component together with the plugin that declared it."""

    component: C
    plugin: str
    builtin: bool


def _wanted_third_party() -> set[str] | None:
    """The third-party plugins the user allows, or None for "all installed"."""
    raw = os.environ.get(LOAD_PLUGINS_ENV)
    if raw is None:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


class Table(Generic[C]):
    """Components of one kind, indexed by name and alias, with a deterministic winner."""

    def __init__(self, kind: str, provided: Iterable[Provided[C]], broken: list[PluginInfo]):
        self.kind = kind
        self._broken = broken
        by_name: dict[str, list[Provided[C]]] = {}
        for item in provided:
            for name in item.component.names:
                by_name.setdefault(name.lower(), []).append(item)
        self._index: dict[str, Provided[C]] = {}
        for name, candidates in sorted(by_name.items()):
            # Higher priority wins; on a tie a built-in wins, then plugin name order.
            candidates.sort(key=lambda p: (-p.component.priority, not p.builtin, p.plugin))
            winner = candidates[0]
            self._index[name] = winner
            ties = [
                c.plugin
                for c in candidates[1:]
                if c.component.priority == winner.component.priority
            ]
            if ties:
                log.warning(
                    "%s %r is provided by %s; using %s (set a higher priority to override)",
                    kind,
                    name,
                    ", ".join([winner.plugin, *ties]),
                    winner.plugin,
                )

    def get(self, name: str) -> Provided[C]:
        found = self._index.get(name.lower())
        if found is None:
            known = ", ".join(sorted({p.component.name for p in self._index.values()}))
            message = f"unknown {self.kind} {name!r} (available: {known})"
            if self._broken:
                failed = "; ".join(
                    f"plugin {b.name!r} failed to load: {b.error}" for b in self._broken
                )
                message += f"; {failed}"
            raise UnknownFormatError(message)
        return found

    def all(self) -> list[Provided[C]]:
        """Each winning component once, sorted by name."""
        unique = {id(p.component): p for p in self._index.values()}
        return sorted(unique.values(), key=lambda p: p.component.name)


class PluginManager:
    """Loads plugins once and answers "which reader/writer/transform is called X"."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("docconv")
        self.pm.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self._tables: tuple[Table[Reader], Table[Writer], Table[Transform]] | None = None

    def load_entry_points(self) -> None:
        from importlib.metadata import entry_points  # imported here: slow, and --help needs none

        allowed = _wanted_third_party()
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist = ep.dist.name if ep.dist else "unknown"
            builtin = dist == BUILTIN_DISTRIBUTION
            if (
                not builtin
                and allowed is not None
                and ep.name not in allowed
                and dist not in allowed
            ):
                continue
            self._load(ep, dist, builtin)

    def _load(self, ep: EntryPoint, dist: str, builtin: bool) -> None:
        version = ep.dist.version if ep.dist else ""
        try:
            plugin = ep.load()
        except Exception as exc:  # a broken plugin must never break docconv
            error = f"{type(exc).__name__}: {exc}"
            log.warning("plugin %r (%s) failed to load: %s", ep.name, dist, error)
            self.infos[ep.name] = PluginInfo(ep.name, dist, version, builtin, error=error)
            return
        self.register(plugin, ep.name, distribution=dist, version=version, builtin=builtin)

    def register(
        self,
        plugin: ModuleType | object,
        name: str,
        *,
        distribution: str = "",
        version: str = "",
        builtin: bool = False,
    ) -> None:
        """Register a plugin object in-process (tests and embedding applications use this)."""
        self.pm.register(plugin, name=name)
        hooks = sorted(h.name for h in self.pm.get_hookcallers(plugin) or [])
        self.infos[name] = PluginInfo(name, distribution or name, version, builtin, hooks)
        self._tables = None

    def unregister(self, name: str) -> None:
        self.pm.unregister(name=name)
        self.infos.pop(name, None)
        self._tables = None

    def _collect(self, hook: str, cls: type[C]) -> list[Provided[C]]:
        provided: list[Provided[C]] = []
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            info = self.infos[impl.plugin_name]
            try:
                components = impl.function()
                bad = [c for c in components if not isinstance(c, cls)]
                if bad:
                    raise TypeError(f"{hook} returned {bad[0]!r}, not a {cls.__name__}")
            except Exception as exc:
                info.error = f"{type(exc).__name__}: {exc}"
                log.warning("plugin %r failed in %s: %s", info.name, hook, info.error)
                continue
            info.provides.setdefault(cls.__name__.lower() + "s", []).extend(
                c.name for c in components
            )
            provided.extend(Provided(c, info.name, info.builtin) for c in components)
        return provided

    @property
    def tables(self) -> tuple[Table[Reader], Table[Writer], Table[Transform]]:
        if self._tables is None:
            for info in self.infos.values():
                info.provides.clear()
            readers = self._collect("register_readers", Reader)
            writers = self._collect("register_writers", Writer)
            transforms = self._collect("register_transforms", Transform)
            broken = [i for i in self.infos.values() if i.error]
            self._tables = (
                Table("reader", readers, broken),
                Table("format", writers, broken),
                Table("transform", transforms, broken),
            )
        return self._tables

    @property
    def readers(self) -> Table[Reader]:
        return self.tables[0]

    @property
    def writers(self) -> Table[Writer]:
        return self.tables[1]

    @property
    def transforms(self) -> Table[Transform]:
        return self.tables[2]

    def reader_for(self, filename: str | None) -> Provided[Reader]:
        """The reader whose extensions match ``filename``, else the plain-text reader."""
        if filename:
            lowered = filename.lower()
            matches = [
                (len(ext), p)
                for p in self.readers.all()
                for ext in p.component.extensions
                if lowered.endswith("." + ext.lower())
            ]
            if matches:
                return max(matches, key=lambda m: m[0])[1]
        return self.readers.get("text")

    def writer_for_path(self, filename: str) -> Provided[Writer] | None:
        """The writer whose extension is the longest suffix of ``filename``, if any."""
        lowered = filename.lower()
        matches = [p for p in self.writers.all() if lowered.endswith("." + p.component.extension)]
        return max(matches, key=lambda p: len(p.component.extension)) if matches else None


_manager: PluginManager | None = None


def get_plugin_manager() -> PluginManager:
    """The process-wide plugin manager, loading entry points on first use."""
    global _manager
    if _manager is None:
        _manager = PluginManager()
        _manager.load_entry_points()
    return _manager
