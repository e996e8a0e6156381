"""Discover plugins through the ``docconv`` entry-point group and index what they provide.

Built-in plugins are registered through the same group (from docconv's own
``pyproject.toml``), so the path third-party plugins take is exercised on every run.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Generic, TypeVar

import pluggy

from . import hookspecs
from .errors import UnknownFormatError
from .specs import Component, Reader, Transform, Writer

if TYPE_CHECKING:
    from .entrypoints import EntryPoint

ENTRY_POINT_GROUP = "docconv"
LOAD_PLUGINS_ENV = "DOCCONV_LOAD_PLUGINS"
BUILTIN_DISTRIBUTION = "docconv"

log = logging.getLogger("docconv")

C = TypeVar("C", bound=Component)

HOOK_NAMES = frozenset(
    name for name in dir(hookspecs) if hasattr(getattr(hookspecs, name), "docconv_spec")
)


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
    enabled: bool = True
    """False when installed but left out by ``DOCCONV_LOAD_PLUGINS``."""


@dataclass(frozen=True)
class Provided(Generic[C]):
    """A component together with the plugin that declared it."""

    component: C
    plugin: str
    builtin: bool


def _normalize(name: str) -> str:
    """Compare names the way pip does: ``Docconv_HTML`` and ``docconv-html`` are one name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _wanted_third_party() -> set[str] | None:
    """The third-party plugins the user allows, or None for "all installed"."""
    raw = os.environ.get(LOAD_PLUGINS_ENV)
    if raw is None:
        return None
    return {_normalize(name.strip()) for name in raw.split(",") if name.strip()}


def _sort_key(provided: Provided[C]) -> tuple[int, bool, str]:
    """Higher priority first; on a tie a built-in, then plugin name order (never install order)."""
    return (-provided.component.priority, not provided.builtin, provided.plugin)


def _sniffs(reader: Reader, data: bytes) -> bool:
    """Whether ``reader`` recognises ``data``; a failing sniff counts as no."""
    if reader.sniff is None:
        return False
    try:
        return bool(reader.sniff(data))
    except Exception as exc:
        log.debug("reader %r failed to sniff: %s", reader.name, exc)
        return False


class Table(Generic[C]):
    """Components of one kind, indexed by name and alias, with a deterministic winner."""

    def __init__(self, kind: str, provided: Iterable[Provided[C]], unloaded: list[PluginInfo]):
        self.kind = kind
        self._unloaded = unloaded  # broken or disabled: named when a name is not found
        by_name: dict[str, list[Provided[C]]] = {}
        for item in provided:
            for name in item.component.names:
                by_name.setdefault(name.lower(), []).append(item)
        for candidates in by_name.values():
            candidates.sort(key=_sort_key)
        # A component that loses its own name is hidden entirely, aliases included: an
        # override replaces a format as a whole instead of splitting its names between two.
        hidden = {
            id(p.component)
            for name, candidates in by_name.items()
            for p in candidates[1:]
            if p.component.name.lower() == name
        }
        self._index: dict[str, Provided[C]] = {}
        for name, candidates in sorted(by_name.items()):
            live = [p for p in candidates if id(p.component) not in hidden]
            if not live:
                continue
            winner = self._index[name] = live[0]
            ties = [
                c.plugin
                for c in candidates
                if c is not winner and c.component.priority == winner.component.priority
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
            for info in self._unloaded:
                message += (
                    f"; plugin {info.name!r} failed to load: {info.error}"
                    if info.error
                    else f"; plugin {info.name!r} is installed but not loaded ({LOAD_PLUGINS_ENV})"
                )
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
        """Load the ``docconv`` entry points: built-ins always, others as the user allows."""
        from .entrypoints import entry_points  # cached on disk; --help needs none

        allowed = _wanted_third_party()
        found = [
            (ep, ep.dist.name if ep.dist else "unknown")
            for ep in entry_points(group=ENTRY_POINT_GROUP)
        ]
        # Built-ins first so that they keep their plain names; then by name, never install order.
        found.sort(key=lambda f: (f[1] != BUILTIN_DISTRIBUTION, f[0].name, f[1]))
        for ep, dist in found:
            builtin = dist == BUILTIN_DISTRIBUTION
            name = ep.name if ep.name not in self.infos else f"{dist}:{ep.name}"
            wanted = allowed is None or {_normalize(ep.name), _normalize(dist)} & allowed
            if builtin or wanted:
                self._load(ep, name, dist, builtin)
            else:
                version = ep.dist.version if ep.dist else ""
                self.infos[name] = PluginInfo(name, dist, version, builtin, enabled=False)
        known = {_normalize(n) for ep, dist in found for n in (ep.name, dist)}
        for missing in sorted((allowed or set()) - known):
            log.warning("%s names %r, but no such plugin is installed", LOAD_PLUGINS_ENV, missing)

    def _load(self, ep: EntryPoint, name: str, dist: str, builtin: bool) -> None:
        version = ep.dist.version if ep.dist else ""
        plugin = None
        try:
            plugin = ep.load()
            self.register(plugin, name, distribution=dist, version=version, builtin=builtin)
        except Exception as exc:  # a broken plugin must never break docconv
            if plugin is not None and self.pm.get_plugin(name) is plugin:
                self.pm.unregister(name=name)  # older pluggy registers, then validates
            error = f"{type(exc).__name__}: {exc}"
            log.warning("plugin %r (%s) failed to load: %s", name, dist, error)
            self.infos[name] = PluginInfo(name, dist, version, builtin, error=error)

    def register(
        self,
        plugin: ModuleType | object,
        name: str,
        *,
        distribution: str = "",
        version: str = "",
        builtin: bool = False,
    ) -> None:
        """Register a plugin object in-process (tests and embedding applications use this).

        Raises pluggy's ``PluginValidationError`` when a hook implementation has the wrong
        arguments, and ``ValueError`` when the name or the object is already registered.
        """
        self.pm.register(plugin, name=name)
        callers = self.pm.get_hookcallers(plugin) or []
        unknown = sorted(h.name for h in callers if not h.has_spec())
        if unknown:
            log.warning(
                "plugin %r implements unknown hook(s) %s (known: %s)",
                name,
                ", ".join(unknown),
                ", ".join(sorted(HOOK_NAMES)),
            )
        hooks = sorted(h.name for h in callers if h.has_spec())
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
            unloaded = [i for i in self.infos.values() if i.error or not i.enabled]
            self._tables = (
                Table("reader", readers, unloaded),
                Table("format", writers, unloaded),
                Table("transform", transforms, unloaded),
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

    def reader_for(self, filename: str | None, data: bytes = b"") -> Provided[Reader]:
        """The reader for ``filename``'s extension; failing that, the first reader whose
        ``sniff`` recognises ``data``; otherwise the plain-text reader."""
        if filename:
            lowered = filename.lower()
            matches = [
                (-len(ext), _sort_key(p), p)
                for p in self.readers.all()
                for ext in p.component.extensions
                if lowered.endswith("." + ext.lower())
            ]
            if matches:
                return min(matches, key=lambda m: m[:2])[2]
        for provided in sorted(self.readers.all(), key=_sort_key):
            if _sniffs(provided.component, data):
                return provided
        return self.readers.get("text")

    def writer_for_path(self, filename: str) -> Provided[Writer] | None:
        """The writer whose extension is the longest suffix of ``filename``, if any.

        Two writers with one extension are ranked like two with one name (priority, built-in,
        plugin name), so installing a plugin never silently changes what ``-o x.txt`` writes.
        """
        lowered = filename.lower()
        matches = [
            (-len(p.component.extension), _sort_key(p), p)
            for p in self.writers.all()
            if lowered.endswith("." + p.component.extension.lower())
        ]
        return min(matches, key=lambda m: m[:2])[2] if matches else None


_manager: PluginManager | None = None


def get_plugin_manager() -> PluginManager:
    """The process-wide plugin manager, loading entry points on first use."""
    global _manager
    if _manager is None:
        _manager = PluginManager()
        _manager.load_entry_points()
    return _manager
