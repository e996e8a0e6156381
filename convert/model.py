"""The common document model every reader builds and every writer reads.

Immutable and typed, and serialisable to JSON without loss (``to_json`` /
``from_json``), so scripts can pipe a document and ``json`` is both an input
and an output format.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from types import MappingProxyType
from typing import Any, ClassVar, TypeAlias

SCHEMA_VERSION = 1
"""Bumped whenever the JSON form changes incompatibly."""

JSONValue: TypeAlias = Any


def _freeze(value: JSONValue) -> JSONValue:
    """Make a JSON-like value immutable (dicts → read-only mappings, lists → tuples)."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: JSONValue) -> JSONValue:
    """The inverse of :func:`_freeze`: plain dicts and lists for ``json.dumps``."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading inside the article (the headline is ``Metadata.title``)."""

    text: str
    level: int = 1
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[str, ...]
    ordered: bool = False
    kind: ClassVar[str] = "list"

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    kind: ClassVar[str] = "quote"


Block: TypeAlias = Heading | Paragraph | ListBlock | Quote
BLOCK_TYPES: Mapping[str, type[Block]] = MappingProxyType(
    {cls.kind: cls for cls in (Heading, Paragraph, ListBlock, Quote)}
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the document came from: enough to trace an output back to its input."""

    filename: str | None = None
    sha256: str | None = None
    encoding: str | None = None

    @classmethod
    def of(cls, data: bytes, filename: str | None, encoding: str | None = None) -> Origin:
        """Record the input's base name (not its path, so outputs do not leak local paths)."""
        name = PurePath(filename).name if filename else None
        return cls(filename=name, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)


@dataclass(frozen=True, slots=True)
class Metadata:
    """Document-level facts. ``dates`` hold dates exactly as the text writes them."""

    title: str = ""
    source: str | None = None
    dates: tuple[str, ...] = ()
    language: str = "und"
    origin: Origin | None = None
    keywords: tuple[str, ...] = ()
    extras: Mapping[str, JSONValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "dates", tuple(self.dates))
        object.__setattr__(self, "keywords", tuple(self.keywords))
        object.__setattr__(self, "extras", _freeze(self.extras))


@dataclass(frozen=True, slots=True)
class Document:
    meta: Metadata
    blocks: tuple[Block, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))

    def replace(self, **changes: Any) -> Document:
        """A copy with some fields changed; metadata fields are accepted directly."""
        meta_fields = {f.name for f in dataclasses.fields(Metadata)}
        meta_changes = {k: v for k, v in changes.items() if k in meta_fields}
        doc_changes = {k: v for k, v in changes.items() if k not in meta_fields}
        meta = dataclasses.replace(self.meta, **meta_changes)
        return dataclasses.replace(self, meta=meta, **doc_changes)

    @property
    def name(self) -> str:
        """A name for messages: the input's file name when known."""
        origin = self.meta.origin
        return origin.filename if origin and origin.filename else "<document>"

    def texts(self) -> Iterator[str]:
        """Every piece of text in the document, metadata first, in reading order."""
        yield self.meta.title
        for block in self.blocks:
            if isinstance(block, ListBlock):
                yield from block.items
            else:
                yield block.text

    def to_dict(self) -> dict[str, JSONValue]:
        meta = {f.name: _thaw(getattr(self.meta, f.name)) for f in dataclasses.fields(Metadata)}
        if self.meta.origin is not None:
            meta["origin"] = dataclasses.asdict(self.meta.origin)
        blocks = []
        for block in self.blocks:
            item: dict[str, JSONValue] = {"type": block.kind}
            for f in dataclasses.fields(block):
                value = getattr(block, f.name)
                item[f.name] = list(value) if isinstance(value, tuple) else value
            blocks.append(item)
        return {"schema_version": SCHEMA_VERSION, "meta": meta, "blocks": blocks}

    @classmethod
    def from_dict(cls, data: Mapping[str, JSONValue]) -> Document:
        """Rebuild a document from :meth:`to_dict` output; raises ``ValueError`` if malformed."""
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"unsupported schema_version {version!r} (expected {SCHEMA_VERSION})")
        try:
            meta = dict(data["meta"])
            origin = meta.get("origin")
            meta["origin"] = Origin(**origin) if origin is not None else None
            blocks = []
            for item in data["blocks"]:
                fields = dict(item)
                block_type = BLOCK_TYPES[fields.pop("type")]
                blocks.append(block_type(**fields))
            return cls(meta=Metadata(**meta), blocks=tuple(blocks))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a docconv document: {exc}") from exc

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise ValueError("not a docconv document: the top level is not an object")
        return cls.from_dict(data)
