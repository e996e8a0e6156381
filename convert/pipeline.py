"""Reader → transforms → writer: the conversion pipeline behind the CLI and the Python API."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from .errors import (
    DocconvError,
    InputError,
    InvalidDocumentError,
    OptionError,
    OutputError,
    RenderError,
    UnknownFormatError,
    UsageError,
)
from .inputs import DEFAULT_MAX_INPUT, read_path
from .model import Document, lower_blocks
from .output import write_atomic
from .plugins import PluginManager, Provided
from .specs import Component, Reader, Transform, Writer

Source = str | os.PathLike[str] | bytes
T = TypeVar("T")


def read_source(
    source: Source, name: str | None = None, limit: int = DEFAULT_MAX_INPUT
) -> tuple[bytes, str]:
    """The bytes of a path (or the bytes themselves) and a name to use in messages."""
    if isinstance(source, bytes):
        return source, name or "<bytes>"
    if isinstance(source, str) and "\n" in source and not os.path.lexists(source):
        raise UsageError("expected a file path or bytes, got text; pass text.encode() instead")
    path = Path(source)
    display = name or str(path)
    return read_path(path, display, limit), display


class Target(NamedTuple):
    """A component options may be given to, and the names ``-O NAME.KEY`` may use for it."""

    component: Component
    names: tuple[str, ...]


def route_options(options: Mapping[str, Any], targets: Sequence[Target]) -> list[dict[str, Any]]:
    """Give each target the options it declares; ``NAME.KEY`` goes to the targets called NAME.

    Returns the options given to each target, not yet parsed. An option that no target
    declares is a usage error naming the valid keys.
    """
    routed: list[dict[str, Any]] = [{} for _ in targets]
    for key, value in options.items():
        name, _, bare = key.rpartition(".")
        taken = False
        for given, target in zip(routed, targets, strict=True):
            declared = {o.name for o in target.component.options}
            if bare in declared and (not name or name.lower() in target.names):
                given[bare] = value
                taken = True
        if not taken:
            valid = sorted({f"{t.names[0]}.{o.name}" for t in targets for o in t.component.options})
            raise UsageError(f"unknown option {key!r} (valid: {', '.join(valid) or 'none'})")
    return routed


def _guarded(
    kind: str, provided: Provided[Any], name: str, call: Callable[..., T], *args: Any
) -> T:
    """Run plugin code; turn an unexpected exception into a RenderError naming the plugin,
    a writer's or transform's usage error into an :class:`OptionError`."""
    try:
        return call(*args)
    except UsageError as exc:
        if kind == "reader" or isinstance(exc, OptionError):
            raise  # a reader serves only the files it reads
        raise OptionError(str(exc)) from exc
    except (DocconvError, KeyboardInterrupt):
        raise
    except BaseException as exc:  # SystemExit from a plugin included: it is the plugin's failure
        raise RenderError(
            f"{name}: {_component(kind, provided)} failed: {type(exc).__name__}: {exc}"
        ) from exc


def _handed(
    kind: str,
    provided: Provided[Writer] | Provided[Transform],
    name: str,
    call: Callable[[Document, dict[str, Any]], T],
    document: Document,
    options: dict[str, Any],
) -> T:
    """``call(document, options)``, guarded, with the kinds of block the writer or transform
    does not declare lowered first (:func:`~convert.model.lower_blocks`)."""
    blocks = provided.component.blocks
    return _guarded(kind, provided, name, lambda: call(lower_blocks(document, blocks), options))


class Output(NamedTuple):
    """One requested output format: its writer, the transforms it implies, resolved options."""

    writer: Provided[Writer]
    options: dict[str, Any]
    transforms: tuple[tuple[Provided[Transform], dict[str, Any]], ...]


class Plan(NamedTuple):
    """A validated conversion: built once (all names and options checked), run per input.

    Named tuples, this and the two above: a frozen dataclass costs ten times as much to
    define, at every start."""

    manager: PluginManager
    reader: Provided[Reader] | None
    """The reader ``-f`` forces; None: chosen per input by extension or content."""
    reader_options: Mapping[str, Mapping[str, Any]]
    """Resolved options of each reader the plan may use, by reader name."""
    encoding: str | None
    """``--encoding``: only readers declaring an ``encoding`` option take it."""
    transforms: tuple[tuple[Provided[Transform], dict[str, Any]], ...]
    outputs: tuple[Output, ...]

    def load(self, data: bytes, name: str, filename: str | None) -> Document:
        try:
            reader = self.reader or self.manager.reader_for(filename, data)
        except UnknownFormatError as exc:
            raise UnknownFormatError(f"{name}: {exc}") from None
        component = reader.component
        options = self.reader_options.get(component.name) or component.resolve_options({})
        if self.encoding is not None and "encoding" not in options:
            raise UsageError(f"{name}: --encoding: {_no_encoding(reader)}")
        try:
            document = _guarded("reader", reader, name, component.read, data, filename, options)
        except InputError as exc:  # readers describe the problem; the file name is added here
            raise InputError(f"{name}: {exc}") from exc
        return _checked(document, "reader", reader, name)

    @property
    def extensions(self) -> list[str]:
        """Each output's file extension: ``brief.docx`` for ``-T brief -t docx``. An output
        made through transforms is named after them, so it never replaces the plain
        conversion of the same input."""
        tags = [t.component.name for t, _ in self.transforms]
        extensions = []
        for output in self.outputs:
            parts = output.writer.component.extension.split(".")
            extensions.append(".".join([*(t for t in tags if t not in parts), *parts]))
        return extensions

    def transform(self, document: Document, name: str) -> Document:
        return _apply(self.transforms, document, name)

    def run(self, data: bytes, name: str, filename: str | None) -> Iterator[tuple[Writer, bytes]]:
        """Read, transform and render one input: each output's bytes, in requested order."""
        return self.render(self.transform(self.load(data, name, filename), name), name)

    def render(self, document: Document, name: str) -> Iterator[tuple[Writer, bytes]]:
        """Each output's bytes, in the order the formats were requested. A writer (and
        each transform) gets the document with the kinds of block it does not declare
        lowered to those it does (:func:`~convert.model.lower_blocks`)."""
        for output in self.outputs:
            shaped = _apply(output.transforms, document, name)
            writer = output.writer
            data = _handed("writer", writer, name, writer.component.render, shaped, output.options)
            yield writer.component, _checked(data, "writer", writer, name)


def _apply(
    steps: Sequence[tuple[Provided[Transform], dict[str, Any]]], document: Document, name: str
) -> Document:
    """Apply each transform in turn. One not declaring a kind of block gets it lowered,
    and so do the transforms and writer after it: the price of a transform older than the
    kind, which keeps its text."""
    for provided, options in steps:
        document = _handed("transform", provided, name, provided.component.apply, document, options)
        document = _checked(document, "transform", provided, name)
    return document


def _checked(result: T, kind: str, provided: Provided[Any], name: str) -> T:
    """``result`` if it has the type a ``kind`` must return; else a RenderError naming it.

    A third-party plugin's Document is checked field by field as its JSON form would be
    (a text that is no string, a ``None`` headline): else it is written by the writers
    that do not look (``json``: a file docconv's own reader then refuses) and breaks the
    others inside docconv's own components, which the error would then blame."""
    expected = bytes if kind == "writer" else Document
    if not isinstance(result, expected):
        raise RenderError(
            f"{name}: {_component(kind, provided)} returned {type(result).__name__}, "
            f"not {expected.__name__}"
        )
    if isinstance(result, Document) and not provided.builtin:
        try:
            Document.from_dict(result.to_dict())
        except (InvalidDocumentError, TypeError, ValueError) as exc:
            raise RenderError(
                f"{name}: {_component(kind, provided)} returned an invalid Document: {exc}"
            ) from None
    return result


def _component(kind: str, provided: Provided[Any]) -> str:
    return f"{kind} {provided.component.name!r} (plugin {provided.plugin!r})"


def _no_encoding(reader: Provided[Reader]) -> str:
    return (
        f"{_component('reader', reader)} decodes its input itself and takes no encoding "
        "(it declares no 'encoding' option)"
    )


def _check_encoding(encoding: str) -> None:
    try:
        text_codec = codecs.lookup(encoding)._is_text_encoding
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}") from None
    if not text_codec:
        raise UsageError(f"{encoding!r} is not a text encoding")


def make_plan(
    formats: Sequence[str],
    transforms: Sequence[str] = (),
    options: Mapping[str, Any] | None = None,
    reader: str | None = None,
    encoding: str | None = None,
    *,
    manager: PluginManager,
    read: bool = True,
) -> Plan:
    """Resolve format, transform and reader names and route options; raise before any work.

    A format named twice (or by two aliases) is written once, and a writer's implied
    transform is skipped when the user already applies it with ``-T``. Options reach the
    readers too when the plan ``read``s: the ``-f`` reader, or else every reader (the
    one an input gets is known only when it is read). A writer's implied transforms
    answer to the writer's names as well as their own (``-O pdf.punctuation=keep``).
    Names are looked up in ``manager`` only: the caller says which plugins are in play.
    The manager imports the built-in plugins the names and options can involve; a plan
    that fails is made again with every plugin imported, so that errors list everything.
    """
    args = (formats, transforms, options or {}, reader, encoding, manager, read)
    try:
        return _make_plan(*args)
    except DocconvError:
        if not manager.load_all():
            raise
        return _make_plan(*args)


def _make_plan(
    formats: Sequence[str],
    transforms: Sequence[str],
    options: Mapping[str, Any],
    reader: str | None,
    encoding: str | None,
    pm: PluginManager,
    read: bool,
) -> Plan:
    if encoding is not None:
        _check_encoding(encoding)
    chosen_reader = pm.reader(reader) if reader else None
    readers = []
    if chosen_reader:
        readers = [chosen_reader]
    elif read:  # options reach every reader declaring them; --encoding those declaring it
        keys = {key.rpartition(".")[2] for key in options}
        readers = pm.readers_declaring(keys | ({"encoding"} if encoding is not None else set()))
    user_transforms = [pm.transform(t) for t in transforms]
    applied = {id(t.component) for t in user_transforms}
    found = [pm.writer(f) for f in formats]
    writers = list({id(w.component): w for w in found}.values())
    implied = [[t for t in _implied(pm, w) if id(t.component) not in applied] for w in writers]
    targets = [Target(t.component, t.component.names) for t in user_transforms]
    for writer, pre in zip(writers, implied, strict=True):
        names = writer.component.names
        targets += [Target(t.component, names + t.component.names) for t in pre]
        targets.append(Target(writer.component, names))
    targets += [Target(r.component, r.component.names) for r in readers]
    given = route_options(options, targets)
    if encoding is not None and readers:
        reader_given = given[len(given) - len(readers) :]
        takers = [g for g, r in zip(reader_given, readers, strict=True) if _takes_encoding(r)]
        if chosen_reader is not None and not takers:
            raise UsageError(f"--encoding: {_no_encoding(chosen_reader)}")
        if not takers:
            raise UsageError("--encoding: no installed reader takes an encoding")
        for g in takers:
            g["encoding"] = encoding
    resolved = iter([t.component.resolve_options(g) for t, g in zip(targets, given, strict=True)])
    transform_steps = tuple((t, next(resolved)) for t in user_transforms)
    outputs = []
    for writer, pre in zip(writers, implied, strict=True):
        pre_steps = tuple((t, next(resolved)) for t in pre)
        outputs.append(Output(writer, next(resolved), pre_steps))
    reader_options = {r.component.name: next(resolved) for r in readers}
    return Plan(pm, chosen_reader, reader_options, encoding, transform_steps, tuple(outputs))


def _implied(pm: PluginManager, writer: Provided[Writer]) -> list[Provided[Transform]]:
    """The transforms a writer runs before rendering; one missing names the writer."""
    try:
        return [pm.transform(name) for name in writer.component.transforms]
    except UnknownFormatError as exc:
        raise UnknownFormatError(f"{_component('format', writer)} needs {exc}") from None


def _takes_encoding(reader: Provided[Reader]) -> bool:
    return any(option.name == "encoding" for option in reader.component.options)


class PlanSpec(NamedTuple):
    """A conversion as the caller asked for it: picklable, so each batch worker rebuilds
    its :class:`Plan` from it (plugins are loaded once per process)."""

    formats: tuple[str, ...]
    transforms: tuple[str, ...] = ()
    options: Mapping[str, Any] = {}  # shared, never changed (a Mapping)
    reader: str | None = None
    encoding: str | None = None
    max_input_size: int = DEFAULT_MAX_INPUT

    def build(self, manager: PluginManager) -> Plan:
        return make_plan(
            self.formats,
            self.transforms,
            self.options,
            self.reader,
            self.encoding,
            manager=manager,
        )


def format_for_output(path: str | os.PathLike[str], manager: PluginManager) -> str:
    """The format an output file's extension names (``a.docx``: docx), for the CLI's ``-o``
    and the API's ``dst`` alike; a usage error when no writer claims the extension."""
    found = manager.writer_for_path(Path(path).name)
    if found is None:
        raise UsageError(
            f"{path}: unknown output extension; name the format (-t FORMAT; to= in Python)"
        )
    return found.component.name


def refuse_binary_to_terminal(writer: Writer, name: str | None = None) -> None:
    """Binary output never goes to a terminal (pandoc's rule): ``-o FILE`` or a pipe."""
    if writer.binary and sys.stdout.isatty():
        where = f"{name}: " if name else ""
        raise OutputError(
            f"{where}refusing to write binary {writer.name} to a terminal; use -o FILE"
        )


class StdoutClosed(Exception):
    """Whoever read standard output stopped reading (``| head``): the end of output."""


def _to_stdout(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise StdoutClosed from None


def convert_one(
    plan: Plan, data: bytes, name: str, filename: str | None, targets: Sequence[Path | None]
) -> list[Path]:
    """Convert one input into each of ``targets`` (None: standard output), in order.

    The one per-file step behind the CLI, the batch workers and :func:`convert.convert`:
    every output is written atomically and never over the input.
    """
    inputs = [Path(filename)] if filename else []
    written = []
    for (writer, rendered), target in zip(plan.run(data, name, filename), targets, strict=True):
        if target is None:
            refuse_binary_to_terminal(writer, name)
            _to_stdout(rendered)
        else:
            write_atomic(target, rendered, inputs)
            written.append(target)
    return written
