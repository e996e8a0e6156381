"""Does a Dask worker have this machine's docconv and the plugins a run needs?

A worker lacking a plugin (installed where ``docconv`` runs, not on the workers) or running
another version of one would fail every file it is given, each with the same line: an
archive of 100,000 files would print 100,000 of them. So the client asks every worker once,
before any file is sent (:func:`check_workers`), and stops with one line naming a worker and
what it lacks. A worker that joins later answers the same question with its first task
(:mod:`convert.cluster`), so that its files fail with that one clear line each.

What is sent is plain tuples of strings: a worker with another docconv still reads them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .errors import UnknownFormatError

if TYPE_CHECKING:
    from .pipeline import Plan
    from .plugins import PluginManager, Provided

Need = tuple[str, str, str, str]
"""(kind, component name, plugin, "distribution version" of the plugin on this machine)."""
Requirements = tuple[str, tuple[Need, ...]]
"""(docconv's version on this machine, the components the run uses)."""


def docconv_version() -> str:
    """The installed docconv's version ("" when no distribution metadata is found)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("docconv")
    except PackageNotFoundError:
        return ""


def _installed(manager: PluginManager, plugin: str) -> str:
    """``docconv-rst 1.2``: the distribution and version a plugin came from (its name for
    a plugin registered in-process)."""
    info = manager.infos.get(plugin)
    if info is None or not info.distribution:
        return plugin
    return f"{info.distribution} {info.version}".strip()


def _readers(plan: Plan, sources: Iterable[str]) -> list[Provided[Any]]:
    """The readers the inputs ``sources`` are read with: the ``-f`` reader, or each name's
    reader by extension; a name no extension claims may go to any reader that sniffs
    content, or to the fallback reader."""
    if plan.reader is not None:
        return [plan.reader]
    manager = plan.manager
    found: dict[str, Provided[Any]] = {}
    by_content = False
    for name in {posixpath.basename(source) for source in sources}:
        if manager.read_extension(name) is None:
            by_content = True
        else:
            reader = manager.reader_for(name)
            found[reader.component.name] = reader
    if by_content:
        for reader in manager.readers.all():
            if reader.component.sniff is not None or reader.component.fallback:
                found[reader.component.name] = reader
    return [found[name] for name in sorted(found)]


def requirements(plan: Plan, sources: Iterable[str]) -> Requirements:
    """What a worker must have to convert ``sources`` with ``plan`` as this machine would."""
    provided: list[tuple[str, Provided[Any]]] = [("reader", r) for r in _readers(plan, sources)]
    provided += [("transform", t) for t, _ in plan.transforms]
    for output in plan.outputs:
        provided += [("transform", t) for t, _ in output.transforms]
        provided.append(("format", output.writer))
    needs = {
        (kind, p.component.name, p.plugin, _installed(plan.manager, p.plugin)): None
        for kind, p in provided
    }
    return docconv_version(), tuple(needs)


def lacking(required: Requirements) -> list[str]:
    """What this process (a worker) lacks of ``required``, each phrased for the user who
    reads it on the machine running docconv; empty when it has everything."""
    from .plugins import LOAD_PLUGINS_ENV, get_plugin_manager

    version, needs = required
    mine = docconv_version()
    if mine != version:
        return [
            f"docconv {mine or 'without version'} (installed on this machine: docconv {version})"
        ]
    manager = get_plugin_manager()
    lookups: dict[str, Callable[[str], Provided[Any]]] = {
        "reader": manager.reader,
        "format": manager.writer,
        "transform": manager.transform,
    }
    problems: dict[str, None] = {}
    for kind, name, plugin, where in needs:
        try:
            found = lookups[kind](name)
        except UnknownFormatError:
            info = manager.infos.get(plugin)
            if info is not None and info.error:
                problem = f"plugin {plugin!r} failed to load: {info.error}"
            elif info is not None and not info.enabled:
                problem = f"plugin {plugin!r} is installed but not loaded ({LOAD_PLUGINS_ENV})"
            else:
                problem = f"missing plugin {plugin!r}"
            problems[f"{problem} (installed on this machine: {where})"] = None
            continue
        theirs = _installed(manager, found.plugin)
        if found.plugin != plugin:
            problems[
                f"{kind} {name!r} comes from plugin {found.plugin!r} ({theirs}), not from "
                f"plugin {plugin!r} (installed on this machine: {where})"
            ] = None
        elif theirs != where:
            problems[f"plugin {plugin!r} is {theirs} (installed on this machine: {where})"] = None
    return list(problems)


def describe(address: str, problems: list[str]) -> str:
    """``worker tcp://…: missing plugin 'x' (installed on this machine: x 1.2)``."""
    return f"worker {address}: {'; '.join(problems)}"


def _answer(answer: list[str] | BaseException) -> list[str]:
    """A worker's answer; an exception (the worker could not even run the check: no
    docconv, another Python) as one problem."""
    if isinstance(answer, BaseException):
        return [f"cannot run docconv's check ({type(answer).__name__}: {answer})"]
    return answer


def mismatch(answers: Mapping[str, list[str] | BaseException]) -> str | None:
    """The one line for the first worker (by address) that lacks something, or None."""
    bad = {address: _answer(a) for address, a in sorted(answers.items()) if _answer(a)}
    if not bad:
        return None
    address, problems = next(iter(bad.items()))
    others = len(bad) - 1
    more = f"; {others} other worker{'s' if others > 1 else ''} too" if others else ""
    return f"cluster: {describe(address, problems)}{more}"


def check_workers(client: Any, required: Requirements) -> None:
    """Ask every worker of ``client``'s cluster what it lacks of ``required``; raise
    :class:`UnknownFormatError` (exit 4) naming the first that lacks anything."""
    line = mismatch(client.run(lacking, required, on_error="return"))
    if line is not None:
        raise UnknownFormatError(line)
