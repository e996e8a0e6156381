"""Discover plugins through the ``docconv`` entry-point group and index what they provide.

Built-in plugins are registered through the same group (from docconv's own
``pyproject.toml``), so the path third-party plugins take is exercised on every run.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import reprlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

import pluggy

from . import hookspecs, manifest
from .errors import DeclarationError, UnknownFormatError
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
    """One plugin as ``docconv plugins`` shows it (``docs/plugins.md`` documents the fields)."""

    name: str
    distribution: str
    version: str
    builtin: bool
    hooks: list[str] = field(default_factory=list)
    provides: dict[str, list[str]] = field(default_factory=dict)
    """Names in effect, by kind (``{"writers": ["rst"]}``)."""
    shadowed: dict[str, dict[str, str]] = field(default_factory=dict)
    """Components hidden by another plugin's, by kind: name → the plugin that wins."""
    error: str | None = None
    """Why the plugin is BROKEN (it then provides nothing), one line."""
    enabled: bool = True
    """False when installed but left out by ``DOCCONV_LOAD_PLUGINS``."""


class Provided(NamedTuple, Generic[C]):
    """A component together with the plugin that declared it (a named tuple: a frozen
    dataclass costs ten times as much to define, at every start)."""

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
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        log.debug("reader %r failed to sniff: %s", reader.name, exc)
        return False


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def describe_failure(error: BaseException) -> str:
    """A plugin's failure as one line: a declaration error says itself, others add the type."""
    if isinstance(error, DeclarationError):
        return _one_line(str(error))
    return _one_line(f"{type(error).__name__}: {error}")


def _unloaded_note(unloaded: Sequence[PluginInfo]) -> str:
    """What a name may be missing because of: each broken plugin, the disabled ones at once."""
    notes = [f"plugin {info.name!r} is broken: {info.error}" for info in unloaded if info.error]
    disabled = [info.name for info in unloaded if not info.error]
    if len(disabled) == 1:
        notes.append(f"plugin {disabled[0]!r} is installed but not loaded ({LOAD_PLUGINS_ENV})")
    elif disabled:
        shown = ", ".join(repr(name) for name in disabled[:3])
        more = f" and {len(disabled) - 3} more" if len(disabled) > 3 else ""
        notes.append(
            f"{len(disabled)} installed plugins are not loaded ({LOAD_PLUGINS_ENV}): {shown}{more}"
        )
    return "".join(f"; {note}" for note in notes)


class Table(Generic[C]):
    """Components of one kind, indexed by name and alias, with a deterministic winner."""

    def __init__(
        self,
        kind: str,
        provided: Iterable[Provided[C]],
        unloaded: list[PluginInfo],
        warned: set[str] | None = None,
    ):
        self.kind = kind
        self._unloaded = unloaded  # broken or disabled: named when a name is not found
        self._warned = set() if warned is None else warned  # ties warned about: once each
        by_name: dict[str, list[Provided[C]]] = {}
        for item in provided:
            for name in item.component.names:
                by_name.setdefault(name.lower(), []).append(item)
        for candidates in by_name.values():
            candidates.sort(key=_sort_key)
        # A component that loses its own name is hidden entirely, aliases included: an
        # override replaces a format as a whole instead of splitting its names between two.
        self.hidden: dict[int, str] = {}
        """id of each hidden component → the plugin whose component took its name."""
        for name, candidates in by_name.items():
            for p in candidates[1:]:
                if p.component.name.lower() == name:
                    self.hidden[id(p.component)] = candidates[0].plugin
        self._index: dict[str, Provided[C]] = {}
        self._ties: dict[str, list[str]] = {}
        for name, candidates in sorted(by_name.items()):
            live = [p for p in candidates if id(p.component) not in self.hidden]
            if not live:
                continue
            winner = self._index[name] = live[0]
            ties = [
                c.plugin
                for c in candidates
                if c is not winner and c.component.priority == winner.component.priority
            ]
            if ties:
                self._ties[name] = [winner.plugin, *ties]

    def get(self, name: str) -> Provided[C]:
        found = self._index.get(name.lower())
        if found is None:
            known = ", ".join(sorted({p.component.name for p in self._index.values()}))
            message = f"unknown {self.kind} {name!r} (available: {known})"
            raise UnknownFormatError(message + _unloaded_note(self._unloaded))
        tied = self._ties.get(name.lower())  # warned once, and only when used
        if tied and name.lower() not in self._warned:
            self._warned.add(name.lower())
            log.warning(
                "%s %r is provided by %s; using %s (set a higher priority to override)",
                self.kind,
                name.lower(),
                ", ".join(tied),
                found.plugin,
            )
        return found

    def all(self) -> list[Provided[C]]:
        """Each winning component once, sorted by name."""
        unique = {id(p.component): p for p in self._index.values()}
        return sorted(unique.values(), key=lambda p: p.component.name)


Tables = tuple[Table[Reader], Table[Writer], Table[Transform]]
HOOKS: tuple[tuple[str, type[Component], str], ...] = (
    ("register_readers", Reader, "readers"),
    ("register_writers", Writer, "writers"),
    ("register_transforms", Transform, "transforms"),
)


def _shown(value: object) -> str:
    """A short repr: a declaration by its kind and name, anything else shortened."""
    if isinstance(value, Component):
        return f"{type(value).__name__}(name={value.name!r})"
    return reprlib.repr(value)


def _declared(result: object, hook: str, cls: type[Component]) -> list[Component]:
    """The declarations a hook returned, checked: a list of ``cls``, no name claimed twice."""
    if isinstance(result, str | bytes) or not isinstance(result, list | tuple):
        raise DeclarationError(f"{hook} returned {_shown(result)}, not a list")
    for item in result:
        if not isinstance(item, cls):
            raise DeclarationError(
                f"{hook} returned {_shown(item)} in its list, not a {cls.__name__}"
            )
    names = [name for component in result for name in component.names]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        kind = cls.__name__.lower()
        raise DeclarationError(f"{hook}: name={twice[0]!r} is claimed by two of its {kind}s")
    return list(result)


def installed_entry_points() -> list[tuple[EntryPoint, str]]:
    """Every ``docconv`` entry point with its distribution name: built-ins first, then by
    name, never in install order."""
    from .entrypoints import entry_points  # cached on disk; --help needs none

    found: list[tuple[EntryPoint, str]] = [
        (ep, ep.dist.name if ep.dist else "unknown") for ep in entry_points(group=ENTRY_POINT_GROUP)
    ]
    found.sort(key=lambda f: (f[1] != BUILTIN_DISTRIBUTION, f[0].name, f[1]))
    return found


def _import(ep: EntryPoint) -> object:
    """The object ``ep.value`` names (``module`` or ``module:attr.attr``), imported through the
    import statement's machinery: ``importlib.import_module`` bypasses it, and ``python -X
    importtime`` would then not show the plugin's module."""
    module, _, attributes = ep.value.split("[", 1)[0].partition(":")
    __import__(module.strip())
    names = [name for name in attributes.strip().split(".") if name]
    return functools.reduce(getattr, names, sys.modules[module.strip()])


def _printing_to_stderr() -> contextlib.AbstractContextManager[object]:
    """What a plugin prints while it loads or declares goes to stderr: standard output is
    docconv's (``-o -``, ``formats --json``), and one stray line would corrupt it."""
    return contextlib.redirect_stdout(sys.stderr)


def _named(found: Iterable[tuple[EntryPoint, str]]) -> list[tuple[EntryPoint, str, str]]:
    """Each entry point with its distribution and its plugin name: the entry point's, or
    ``DIST:NAME`` when an earlier one took it."""
    named: list[tuple[EntryPoint, str, str]] = []
    taken: set[str] = set()
    for ep, dist in found:
        name = ep.name if ep.name not in taken else f"{dist}:{ep.name}"
        taken.add(name)
        named.append((ep, dist, name))
    return named


class PluginManager:
    """Loads plugins once and answers "which reader/writer/transform is called X".

    Built-in plugins listed in the manifest (:mod:`convert.manifest`) are imported when a
    lookup can involve them; every other plugin when entry points are loaded.
    """

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("docconv")
        self.pm.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self._tables: Tables | None = None
        self._provided: dict[str, list[Provided[Any]]] = {}
        self._declared: dict[str, dict[str, list[Component]]] = {}
        """Each loaded plugin's declarations by kind (none for a broken one)."""
        self._called: set[tuple[str, str]] = set()
        """(plugin, hook) pairs called since the plugin was registered."""
        self._warned: dict[str, set[str]] = {kind: set() for _, _, kind in HOOKS}
        self._pending: dict[str, tuple[EntryPoint, str]] = {}
        """Built-in plugins not imported yet, by name: (entry point, distribution)."""
        self._claims: dict[str, manifest.Claims] = {}
        """What each pending plugin declares, from the manifest."""
        self._unrecorded: list[tuple[EntryPoint, str]] | None = None
        """The built-in (entry point, name) pairs, while the manifest is to be written."""

    def load_entry_points(self) -> None:
        """Load the ``docconv`` entry points: built-ins always (on demand when the manifest
        lists them), others as the user allows."""
        allowed = _wanted_third_party()
        found = installed_entry_points()
        named = _named(found)
        builtins = [(ep, name) for ep, dist, name in named if dist == BUILTIN_DISTRIBUTION]
        claims = manifest.read(builtins) if builtins else None
        if claims is None:
            self._unrecorded = builtins
        for ep, dist, name in named:
            builtin = dist == BUILTIN_DISTRIBUTION
            wanted = allowed is None or {_normalize(ep.name), _normalize(dist)} & allowed
            version = ep.dist.version if ep.dist else ""
            if builtin and claims is not None and name in claims:
                self._pending[name], self._claims[name] = (ep, dist), claims[name]
                self.infos[name] = PluginInfo(name, dist, version, builtin)
            elif builtin or wanted:
                self._load(ep, name, dist, builtin)
            else:
                self.infos[name] = PluginInfo(name, dist, version, builtin, enabled=False)
        known = {_normalize(n) for ep, dist in found for n in (ep.name, dist)}
        for missing in sorted((allowed or set()) - known):
            log.warning("%s names %r, but no such plugin is installed", LOAD_PLUGINS_ENV, missing)

    def _load(self, ep: EntryPoint, name: str, dist: str, builtin: bool) -> None:
        version = ep.dist.version if ep.dist else ""
        plugin = None
        try:
            with _printing_to_stderr():
                plugin = _import(ep)
                self.register(plugin, name, distribution=dist, version=version, builtin=builtin)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # SystemExit included: a broken plugin never breaks docconv
            if plugin is not None and self.pm.get_plugin(name) is plugin:
                self.pm.unregister(name=name)  # older pluggy registers, then validates
            error = describe_failure(exc)
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
        self._forget(name)

    def load_all(self) -> bool:
        """Import every pending built-in plugin; False when there was none."""
        return self._load_pending(list(self._pending))

    def _load_pending(self, names: Iterable[str]) -> bool:
        loaded = False
        for name in names:
            ep, dist = self._pending.pop(name)
            del self._claims[name]
            self._load(ep, name, dist, builtin=True)
            loaded = True
        return loaded

    def need(
        self,
        kind: str,
        names: Iterable[str] = (),
        filename: str | None = None,
        options: Iterable[str] = (),
    ) -> None:
        """Import the pending built-in plugins a lookup of ``kind`` ("readers", "writers",
        "transforms") can involve: see :func:`convert.manifest.wanted`."""
        if self._pending:
            self.collect()
            loaded = [manifest.claim_of(p.component) for p in self._provided[kind]]
            self._load_pending(
                sorted(manifest.wanted(self._claims, loaded, kind, names, filename, options))
            )

    def _lookup(self, kind: str, table: Callable[[], Table[C]], name: str) -> Provided[C]:
        """``name`` in ``table()``, importing only the plugins that may provide it; when it is
        not found, every plugin, so that the message lists every candidate."""
        self.need(kind, [name])
        try:
            return table().get(name)
        except UnknownFormatError:
            if not self.load_all():
                raise
            return table().get(name)

    def reader(self, name: str) -> Provided[Reader]:
        """The reader called ``name``."""
        return self._lookup("readers", lambda: self.collect()[0], name)

    def writer(self, name: str) -> Provided[Writer]:
        """The writer (format) called ``name``."""
        return self._lookup("writers", lambda: self.collect()[1], name)

    def transform(self, name: str) -> Provided[Transform]:
        """The transform called ``name``."""
        return self._lookup("transforms", lambda: self.collect()[2], name)

    def readers_declaring(self, options: Iterable[str]) -> list[Provided[Reader]]:
        """The readers loaded once every reader declaring one of ``options`` is: those an
        option may reach (readers declaring none of them take their defaults when used)."""
        self.need("readers", options=options)
        return self.collect()[0].all()

    def unregister(self, name: str) -> None:
        self.pm.unregister(name=name)
        self.infos.pop(name, None)
        self._forget(name)

    def _forget(self, name: str) -> None:
        """Drop what ``name``'s hooks returned: they run again when it is registered."""
        self._declared.pop(name, None)
        self._called = {called for called in self._called if called[0] != name}
        self._tables = None

    @contextlib.contextmanager
    def registered(self, plugin: ModuleType | object, name: str) -> Iterator[None]:
        """``plugin`` registered for the duration of a ``with`` block (a test fixture).

        A plugin object already registered (an installed plugin, loaded through its entry
        point) is left as it is, so the same test runs installed or not.
        """
        if self.pm.is_registered(plugin):
            yield
            return
        self.register(plugin, name)
        try:
            yield
        finally:
            self.unregister(name)

    def _collect(self) -> dict[str, list[Provided[Any]]]:
        """Every plugin's declarations by kind; a plugin with any bad declaration gives none.

        A plugin's hooks are called once per registration (plugins load in steps).
        """
        declared = self._declared
        for hook, cls, kind in HOOKS:
            for impl in getattr(self.pm.hook, hook).get_hookimpls():
                if (impl.plugin_name, hook) in self._called:
                    continue
                self._called.add((impl.plugin_name, hook))
                info = self.infos[impl.plugin_name]
                if info.error:
                    continue
                try:
                    with _printing_to_stderr():
                        components = _declared(impl.function(), hook, cls)
                except KeyboardInterrupt:
                    raise
                except BaseException as exc:  # SystemExit included
                    error = describe_failure(exc)
                    info.error = error if isinstance(exc, DeclarationError) else f"{hook}: {error}"
                    log.warning(
                        "plugin %r (%s) is broken: %s", info.name, info.distribution, info.error
                    )
                    declared.pop(info.name, None)
                    continue
                declared.setdefault(info.name, {})[kind] = components
        provided: dict[str, list[Provided[Any]]] = {kind: [] for _, _, kind in HOOKS}
        for plugin, kinds in declared.items():
            builtin = self.infos[plugin].builtin
            for kind, components in kinds.items():
                provided[kind] += [Provided(c, plugin, builtin) for c in components]
        return provided

    def collect(self) -> Tables:
        """Call the hooks (once) and index what every plugin declares; fills ``infos``."""
        if self._tables is None:
            for info in self.infos.values():
                info.provides.clear()
                info.shadowed.clear()
            provided = self._collect()
            unloaded = [i for i in self.infos.values() if i.error or not i.enabled]
            warned = self._warned
            self._tables = (
                Table("reader", provided["readers"], unloaded, warned["readers"]),
                Table("format", provided["writers"], unloaded, warned["writers"]),
                Table("transform", provided["transforms"], unloaded, warned["transforms"]),
            )
            self._provided = provided
            tables: tuple[Table[Any], ...] = self._tables
            for (_, _, kind), table in zip(HOOKS, tables, strict=True):
                for item in provided[kind]:
                    info = self.infos[item.plugin]
                    winner = table.hidden.get(id(item.component))
                    if winner is None:
                        info.provides.setdefault(kind, []).append(item.component.name)
                    else:
                        info.shadowed.setdefault(kind, {})[item.component.name] = winner
            self._record()
        return self._tables

    def _record(self) -> None:
        """Write the manifest once every built-in plugin is loaded and none is broken."""
        builtins = self._unrecorded
        if builtins is None or self._pending:
            return
        self._unrecorded = None
        if any(self.infos[name].error for _, name in builtins):
            return
        claims = {
            name: manifest.claims_of(
                {
                    kind: [p.component for p in provided if p.plugin == name]
                    for kind, provided in self._provided.items()
                }
            )
            for _, name in builtins
        }
        manifest.write(builtins, claims)

    def plugin_infos(self) -> list[PluginInfo]:
        """Every plugin installed or registered, with what it provides and why it is broken."""
        self.load_all()
        self.collect()
        return list(self.infos.values())

    @property
    def readers(self) -> Table[Reader]:
        """Every reader installed (every plugin imported)."""
        self.load_all()
        return self.collect()[0]

    @property
    def writers(self) -> Table[Writer]:
        """Every writer installed (every plugin imported)."""
        self.load_all()
        return self.collect()[1]

    @property
    def transforms(self) -> Table[Transform]:
        """Every transform installed (every plugin imported)."""
        self.load_all()
        return self.collect()[2]

    def reader_for(self, filename: str | None, data: bytes = b"") -> Provided[Reader]:
        """The reader for ``filename``'s extension; failing that, the first reader whose
        ``sniff`` recognises ``data``; otherwise the best-ranked ``fallback`` reader."""
        if filename:
            matches = self._readers_by_extension(filename)
            if matches:
                return self._by_extension("readers", matches)
        ranked = sorted(self.readers.all(), key=_sort_key)
        for provided in ranked:
            if _sniffs(provided.component, data):
                return provided
        for provided in ranked:
            if provided.component.fallback:
                return provided
        known = ", ".join(p.component.name for p in self.readers.all())
        raise UnknownFormatError(f"no reader recognises the input; pass -f READER ({known})")

    def read_extension(self, filename: str) -> str | None:
        """The longest extension of ``filename`` a reader takes (``md``, lower-case), or None:
        a folder search names the files its patterns left that docconv could read."""
        return max((ext for ext, _ in self._readers_by_extension(filename)), key=len, default=None)

    def _readers_by_extension(self, filename: str) -> list[tuple[str, Provided[Reader]]]:
        """Each reader taking an extension ``filename`` ends with, with that extension."""
        self.need("readers", filename=filename)
        lowered = filename.lower()
        return [
            (ext.lower(), p)
            for p in self.collect()[0].all()
            for ext in p.component.extensions
            if lowered.endswith("." + ext.lower())
        ]

    def writer_for_path(self, filename: str) -> Provided[Writer] | None:
        """The writer whose extension is the longest suffix of ``filename``, if any.

        Two writers with one extension are ranked like two with one name (priority, built-in,
        plugin name), so installing a plugin never silently changes what ``-o x.txt`` writes.
        """
        self.need("writers", filename=filename)
        lowered = filename.lower()
        matches = [
            (p.component.extension.lower(), p)
            for p in self.collect()[1].all()
            if lowered.endswith("." + p.component.extension.lower())
        ]
        return self._by_extension("writers", matches) if matches else None

    def _by_extension(self, kind: str, matches: list[tuple[str, Provided[C]]]) -> Provided[C]:
        """The best of the components whose extension a file name ends with: the longest
        extension, then ranked like names; a tie is warned about once, as for names."""
        ranked = sorted(matches, key=lambda m: (-len(m[0]), _sort_key(m[1])))
        extension, winner = ranked[0]
        tied = [
            p.plugin
            for ext, p in ranked[1:]
            if ext == extension and p.component.priority == winner.component.priority
        ]
        key = f"extension .{extension}"
        if tied and key not in self._warned[kind]:
            self._warned[kind].add(key)
            log.warning(
                "%s .%s is claimed by %s; using %s (set a higher priority to override)",
                "input extension" if kind == "readers" else "output extension",
                extension,
                ", ".join([winner.plugin, *tied]),
                winner.plugin,
            )
        return winner


_manager: PluginManager | None = None


def get_plugin_manager() -> PluginManager:
    """The process-wide plugin manager, loading entry points on first use."""
    global _manager
    if _manager is None:
        manager = PluginManager()
        manager.load_entry_points()
        _manager = manager  # only once complete: an interrupted load is tried again
    return _manager
