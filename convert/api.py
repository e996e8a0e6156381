"""The Python API for scripts: load, transform, render, convert, formats."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .model import Document
from .pipeline import PlanSpec, Source, convert_one, format_for_output, make_plan, read_source
from .plugins import get_plugin_manager
from .specs import Reader, Transform, Writer

if TYPE_CHECKING:
    from .batch import FileResult


def _names(value: str | Sequence[str]) -> tuple[str, ...]:
    """A name given alone is one name: ``"md"``, not ``("m", "d")``."""
    return (value,) if isinstance(value, str) else tuple(value)


def load(
    source: Source,
    *,
    format: str | None = None,
    encoding: str | None = None,
    name: str | None = None,
    **options: Any,
) -> Document:
    """Read a file path (or bytes) into a Document.

    The reader comes from ``format`` or the file extension (plain text otherwise);
    ``encoding`` forces the text encoding (a usage error for a reader that declares no
    ``encoding`` option); ``options`` go to the reader declaring them, as ``-O KEY=VALUE``.
    """
    data, display = read_source(source, name)
    filename = name if isinstance(source, bytes) else os.fspath(source)
    plan = make_plan(
        (), (), options, reader=format, encoding=encoding, manager=get_plugin_manager()
    )
    return plan.load(data, display, filename)


def _document(value: object) -> Document:
    """``value`` if it is a Document; a usage error naming what it is otherwise."""
    if not isinstance(value, Document):
        raise UsageError(
            f"expected a Document (convert.load() makes one), not {type(value).__name__}"
        )
    return value


def transform(document: Document, *names: str, **options: Any) -> Document:
    """Apply transforms by name, in order, with options routed to whichever declares them."""
    document = _document(document)
    return make_plan((), names, options, read=False, manager=get_plugin_manager()).transform(
        document, document.name
    )


def render(document: Document, format: str, **options: Any) -> bytes:
    """Render a Document with the writer called ``format`` (its implied transforms included)."""
    document = _document(document)
    plan = make_plan((format,), (), options, read=False, manager=get_plugin_manager())
    [(_, data)] = plan.render(document, document.name)
    return data


def convert(
    src: Source,
    dst: str | os.PathLike[str],
    to: str | None = None,
    transforms: str | Sequence[str] = (),
    *,
    encoding: str | None = None,
    **options: Any,
) -> Path:
    """Convert ``src`` into the file ``dst`` (format from ``to`` or ``dst``'s extension);
    ``transforms``: one name or several."""
    target = Path(dst)
    pm = get_plugin_manager()
    if to is None:
        to = format_for_output(target, pm)
    plan = make_plan((to,), _names(transforms), options, encoding=encoding, manager=pm)
    data, display = read_source(src)
    filename = None if isinstance(src, bytes) else os.fspath(src)
    convert_one(plan, data, display, filename, [target])
    return target


def convert_many(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    formats: str | Sequence[str],
    directory: str | os.PathLike[str] | None = None,
    *,
    transforms: str | Sequence[str] = (),
    glob: str | Sequence[str] = "*.txt",
    skip_existing: bool = False,
    fail_fast: bool = False,
    jobs: int = 1,
    client: Any = None,
    **options: Any,
) -> list[FileResult]:
    """Convert files, folders (searched for files matching any ``glob`` pattern) or URLs into
    ``directory``, like ``docconv convert INPUT... -t FORMAT... -d DIRECTORY``; one result
    per input. Each of ``inputs``, ``formats``, ``transforms`` and ``glob`` is one item or a
    sequence of them.

    A failing file is reported in its result, never raised; an option a writer or
    transform refuses while converting is the same for every file: the batch stops and
    raises it (an ``OptionError``, a :class:`UsageError`). ``client``: a
    ``distributed.Client`` whose cluster converts the files (``--cluster``); ``jobs``:
    local worker processes otherwise. Planning problems raise before any work.
    """
    from . import batch, storage

    pm = get_plugin_manager()
    spec = PlanSpec(_names(formats), _names(transforms), options)
    plan = spec.build(pm)
    if isinstance(inputs, str | os.PathLike):  # a string is no list: "/" would be an input
        names = [os.fspath(inputs)]
    else:
        names = [os.fspath(i) for i in inputs]
    folder = None if directory is None else os.fspath(directory)
    outputs = batch.OutputNames.installed(pm)
    patterns = _names(glob)
    tasks: list[batch.Task] | list[storage.UrlTask]
    if any(storage.is_url(name) for name in (*names, folder)):
        urls, unmatched = storage.find_inputs(names, patterns, folder, outputs)
        tasks = storage.plan_tasks(urls, plan.extensions, folder)
    else:
        files, unmatched = batch.find_inputs(names, patterns, folder, outputs)
        tasks = batch.plan_tasks(files, plan.extensions, None, folder or ".")
    batch.warn_unmatched(unmatched)
    if client is not None:
        from . import cluster

        return cluster.run(tasks, spec, plan, client, skip_existing, fail_fast)
    local = all(isinstance(task, batch.Task) for task in tasks)
    return batch.run(tasks, spec, plan, jobs if local else 1, skip_existing, fail_fast)


def formats() -> list[dict[str, Any]]:
    """Every reader, writer and transform installed, as JSON-ready dicts."""
    pm = get_plugin_manager()
    rows: list[dict[str, Any]] = []
    for kind, table in (
        ("reader", pm.readers),
        ("writer", pm.writers),
        ("transform", pm.transforms),
    ):
        for provided in table.all():
            c = provided.component
            row: dict[str, Any] = {
                "kind": kind,
                "name": c.name,
                "aliases": list(c.aliases),
                "description": c.description,
                "plugin": provided.plugin,
                "options": [
                    {
                        "name": o.name,
                        "type": o.type_name,
                        "default": o.default,
                        "choices": list(o.choices),
                        "help": o.help,
                    }
                    for o in c.options
                ],
            }
            if isinstance(c, Writer):
                row.update(
                    extension=c.extension,
                    media_type=c.media_type,
                    binary=c.binary,
                    transforms=list(c.transforms),
                )
            if isinstance(c, Writer | Transform):
                row.update(blocks=sorted(c.blocks))
            if isinstance(c, Reader):
                row.update(
                    extensions=list(c.extensions), media_type=c.media_type, fallback=c.fallback
                )
            rows.append(row)
    return rows
