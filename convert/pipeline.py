"""Reader → transforms → writer: the conversion pipeline behind the CLI and the Python API."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .errors import DocconvError, InputError, RenderError, UsageError
from .inputs import DEFAULT_MAX_INPUT, read_path
from .model import Document
from .plugins import Provided, get_plugin_manager
from .specs import Component, Reader, Transform, Writer

Source = str | os.PathLike[str] | bytes
T = TypeVar("T")


def read_source(
    source: Source, name: str | None = None, limit: int = DEFAULT_MAX_INPUT
) -> tuple[bytes, str]:
    """The bytes of a path (or the bytes themselves) and a name to use in messages."""
    if isinstance(source, bytes):
        return source, name or "<bytes>"
    if isinstance(source, str) and "\n" in source:
        raise UsageError("expected a file path or bytes, got text; pass text.encode() instead")
    path = Path(source)
    display = name or str(path)
    return read_path(path, display, limit), display


def route_options(
    options: Mapping[str, Any], components: Sequence[Component]
) -> list[dict[str, Any]]:
    """Give each component the options it declares; ``NAME.KEY`` targets one component.

    An option that none of ``components`` declares is a usage error naming the valid keys.
    """
    routed: list[dict[str, Any]] = [{} for _ in components]
    for key, value in options.items():
        target, _, bare = key.rpartition(".")
        taken = False
        for given, component in zip(routed, components, strict=True):
            declared = {o.name for o in component.options}
            if bare in declared and (not target or target in component.names):
                given[bare] = value
                taken = True
        if not taken:
            valid = sorted({f"{c.name}.{o.name}" for c in components for o in c.options})
            raise UsageError(f"unknown option {key!r} (valid: {', '.join(valid) or 'none'})")
    return [c.resolve_options(given) for c, given in zip(components, routed, strict=True)]


def _guarded(
    kind: str, provided: Provided[Any], name: str, call: Callable[..., T], *args: Any
) -> T:
    """Run plugin code; turn an unexpected exception into a RenderError naming the plugin."""
    try:
        return call(*args)
    except DocconvError:
        raise
    except Exception as exc:
        component = provided.component.name
        raise RenderError(
            f"{name}: {kind} {component!r} (plugin {provided.plugin!r}) failed: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


@dataclass(frozen=True)
class Output:
    """One requested output format: its writer, the transforms it implies, resolved options."""

    writer: Provided[Writer]
    options: dict[str, Any]
    transforms: tuple[tuple[Provided[Transform], dict[str, Any]], ...]


@dataclass(frozen=True)
class Plan:
    """A validated conversion: built once (all names and options checked), run per input."""

    reader: Provided[Reader] | None
    reader_options: Mapping[str, Any]
    transforms: tuple[tuple[Provided[Transform], dict[str, Any]], ...]
    outputs: tuple[Output, ...]

    def load(self, data: bytes, name: str, filename: str | None) -> Document:
        reader = self.reader or get_plugin_manager().reader_for(filename, data)
        options = reader.component.resolve_options(
            {k: v for k, v in self.reader_options.items() if v is not None}
        )
        try:
            document = _guarded(
                "reader", reader, name, reader.component.read, data, filename, options
            )
        except InputError as exc:  # readers describe the problem; the file name is added here
            raise InputError(f"{name}: {exc}") from exc
        if not isinstance(document, Document):
            raise RenderError(f"{name}: reader {reader.component.name!r} did not return a Document")
        return document

    def transform(self, document: Document, name: str) -> Document:
        return _apply(self.transforms, document, name)

    def run(self, data: bytes, name: str, filename: str | None) -> Iterator[tuple[Writer, bytes]]:
        """Read, transform and render one input: each output's bytes, in requested order."""
        return self.render(self.transform(self.load(data, name, filename), name), name)

    def render(self, document: Document, name: str) -> Iterator[tuple[Writer, bytes]]:
        """Each output's bytes, in the order the formats were requested."""
        for output in self.outputs:
            shaped = _apply(output.transforms, document, name)
            writer = output.writer
            data = _guarded("writer", writer, name, writer.component.render, shaped, output.options)
            if not isinstance(data, bytes):
                raise RenderError(
                    f"{name}: writer {writer.component.name!r} returned "
                    f"{type(data).__name__}, not bytes"
                )
            yield writer.component, data


def _apply(
    steps: Sequence[tuple[Provided[Transform], dict[str, Any]]], document: Document, name: str
) -> Document:
    for provided, options in steps:
        document = _guarded(
            "transform", provided, name, provided.component.apply, document, options
        )
        if not isinstance(document, Document):
            raise RenderError(
                f"{name}: transform {provided.component.name!r} did not return a Document"
            )
    return document


def make_plan(
    formats: Sequence[str],
    transforms: Sequence[str] = (),
    options: Mapping[str, Any] | None = None,
    reader: str | None = None,
    encoding: str | None = None,
) -> Plan:
    """Resolve format, transform and reader names and route options; raise before any work.

    A format named twice (or by two aliases) is written once, and a writer's implied
    transform is skipped when the user already applies it with ``-T``.
    """
    pm = get_plugin_manager()
    if encoding is not None:
        try:
            text_codec = codecs.lookup(encoding)._is_text_encoding
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}") from None
        if not text_codec:
            raise UsageError(f"{encoding!r} is not a text encoding")
    chosen_reader = pm.readers.get(reader) if reader else None
    user_transforms = [pm.transforms.get(t) for t in transforms]
    applied = {id(t.component) for t in user_transforms}
    found = [pm.writers.get(f) for f in formats]
    writers = list({id(w.component): w for w in found}.values())
    implied = [
        [
            t
            for t in map(pm.transforms.get, w.component.transforms)
            if id(t.component) not in applied
        ]
        for w in writers
    ]
    components: list[Component] = [t.component for t in user_transforms]
    for writer, pre in zip(writers, implied, strict=True):
        components += [t.component for t in pre] + [writer.component]
    resolved = iter(route_options(options or {}, components))
    transform_steps = tuple((t, next(resolved)) for t in user_transforms)
    outputs = []
    for writer, pre in zip(writers, implied, strict=True):
        pre_steps = tuple((t, next(resolved)) for t in pre)
        outputs.append(Output(writer, next(resolved), pre_steps))
    return Plan(chosen_reader, {"encoding": encoding}, transform_steps, tuple(outputs))
