"""The common document model every reader builds and every writer reads.

Immutable and typed, and serialisable to JSON without loss (``to_json`` /
``from_json``), so scripts can pipe a document and ``json`` is both an input
and an output format.
"""

from __future__ import annotations

import dataclasses
import json
import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import field
from pathlib import PurePath
from typing import Any, ClassVar, Generic, Never, NoReturn, TypeAlias, TypeVar

from .cache import sha256_hex
from .errors import InvalidDocumentError
from .inputs import DEFAULT_MAX_INPUT
from .records import Record, record

SCHEMA_VERSION = 1
"""Bumped whenever the JSON form changes incompatibly."""

JSONValue: TypeAlias = Any


class FrozenDict(dict[str, Any]):
    """A read-only dict: immutable like the rest of the model, yet still a ``dict`` for
    ``json.dumps`` and for scripts."""

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("document metadata is immutable; use Document.replace()")

    __setitem__ = __delitem__ = __ior__ = _readonly  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, Any]]]:
        return FrozenDict, (dict(self),)  # pickle and copy rebuild it without __setitem__

    def __hash__(self) -> int:  # type: ignore[override]
        """Equal dicts hash alike, so a Document can be a set member or a dict key."""
        return hash(frozenset(self.items()))


def _freeze(value: JSONValue) -> JSONValue:
    """Make a JSON-like value immutable (dicts → read-only dicts, lists → tuples)."""
    if isinstance(value, Mapping):
        return FrozenDict({str(k): _freeze(v) for k, v in value.items()})
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


@record(frozen=True, slots=True)
class Heading(Record):
    """A section heading inside the article (the headline is ``Metadata.title``)."""

    text: str
    level: int = 1
    kind: ClassVar[str] = "heading"


@record(frozen=True, slots=True)
class Paragraph(Record):
    text: str
    kind: ClassVar[str] = "paragraph"


MAX_LIST_START = 999_999_999
"""The largest number an ordered list may start at (CommonMark's limit: nine digits)."""


@record(frozen=True, slots=True)
class ListBlock(Record):
    """A list; an ordered one is numbered from ``start`` (``3. 4.`` continuing a list
    that a paragraph interrupted), a bulleted one has ``start`` 1."""

    items: tuple[str, ...]
    ordered: bool = False
    start: int = dataclasses.field(default=1, metadata={"written": "unless default"})
    kind: ClassVar[str] = "list"

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))
        if type(self.start) is not int or not 0 <= self.start <= MAX_LIST_START:
            raise InvalidDocumentError(
                f"a list's start must be a whole number from 0 to {MAX_LIST_START}, "
                f"got {self.start!r:.40}"
            )
        if self.start != 1 and not self.ordered:
            raise InvalidDocumentError("only an ordered list has a start number")

    def numbers(self) -> range:
        """The numbers an ordered list's items show, from its start."""
        return range(self.start, self.start + len(self.items))


@record(frozen=True, slots=True)
class Quote(Record):
    text: str
    kind: ClassVar[str] = "quote"


@record(frozen=True, slots=True)
class Code(Record):
    """Program text, or any text set as written: its lines, spaces and punctuation are
    the content, so prose transforms (punctuation, script conversion) leave it alone and
    writers keep its lines in a monospace face. ``language`` is the fence's info word
    (``python``), None when not given."""

    text: str
    language: str | None = dataclasses.field(default=None, metadata={"written": "unless default"})
    kind: ClassVar[str] = "code"


@record(frozen=True, slots=True)
class Figure(Record):
    """An image, by its caption (``text``: Markdown's alt text). docconv carries no image
    data: writers show the caption where the image stood, and the brief never takes it
    for the article's text. ``src`` is the image's address as the input gave it."""

    text: str
    src: str | None = dataclasses.field(default=None, metadata={"written": "unless default"})
    kind: ClassVar[str] = "figure"


Block: TypeAlias = Heading | Paragraph | ListBlock | Quote | Code | Figure
BLOCK_TYPES: Mapping[str, type[Block]] = FrozenDict(
    {cls.kind: cls for cls in (Heading, Paragraph, ListBlock, Quote, Code, Figure)}
)
BLOCK_KINDS: frozenset[str] = frozenset(BLOCK_TYPES)
"""Every kind of block the model defines, by name."""
FIRST_BLOCK_KINDS: frozenset[str] = frozenset(
    {Heading.kind, Paragraph.kind, ListBlock.kind, Quote.kind}
)
"""The kinds of plugin API 1: every writer and transform handles them; one declaring no
``blocks`` is given only them (:func:`lower_blocks`)."""


WELL_KNOWN_EXTRAS: Mapping[str, str] = FrozenDict(
    {
        "brief": "the summary brief as data (gist, facts, key sentences, keywords), "
        "set by the brief transform; a document holding it is a brief",
        "summary": "a one-paragraph summary of the article, as text; writers put it in "
        "the file's subject or description property",
    }
)
"""``Metadata.extras`` keys every plugin may read and write, with what they hold."""


@record(frozen=True, slots=True)
class Origin(Record):
    """Where the document came from: enough to trace an output back to its input."""

    filename: str | None = None
    sha256: str | None = None
    encoding: str | None = None

    @classmethod
    def of(cls, data: bytes, filename: str | None, encoding: str | None = None) -> Origin:
        """Record the input's base name (not its path, so outputs do not leak local paths)."""
        name = PurePath(filename).name if filename else None
        return cls(filename=name, sha256=sha256_hex(data), encoding=encoding)


@record(frozen=True, slots=True)
class Metadata(Record):
    """Document-level facts. ``dates`` hold dates exactly as the text writes them."""

    title: str = ""
    source: str | None = None
    dates: tuple[str, ...] = ()
    language: str = "und"
    origin: Origin | None = None
    keywords: tuple[str, ...] = ()
    extras: Mapping[str, JSONValue] = field(default_factory=dict)
    """Anything else, as JSON values; :data:`WELL_KNOWN_EXTRAS` lists the keys with a
    shared meaning (other keys are a plugin's own: prefix them with its name)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "dates", tuple(self.dates))
        object.__setattr__(self, "keywords", tuple(self.keywords))
        object.__setattr__(self, "extras", _freeze(self.extras))


@record(frozen=True, slots=True)
class Document(Record):
    meta: Metadata
    blocks: tuple[Block, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
        check_blocks(self.blocks)

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

    def texts(self, prose: bool = False) -> Iterator[str]:
        """Every piece of text in the document, metadata first, in reading order;
        ``prose=True``: the headline and the running text only (see :func:`is_prose`),
        where readers look for dates and the script."""
        yield self.meta.title
        for block in self.blocks:
            if not prose or is_prose(block):
                yield from block_texts(block)

    def to_dict(self) -> dict[str, JSONValue]:
        meta = {f.name: _thaw(getattr(self.meta, f.name)) for f in dataclasses.fields(Metadata)}
        if self.meta.origin is not None:
            meta["origin"] = dataclasses.asdict(self.meta.origin)
        blocks = []
        for block in self.blocks:
            item: dict[str, JSONValue] = {"type": block.kind}
            for f in dataclasses.fields(block):
                value = getattr(block, f.name)
                if f.metadata.get("written") == "unless default" and value == f.default:
                    continue  # so documents without it stay readable by older docconv
                item[f.name] = list(value) if isinstance(value, tuple) else value
            blocks.append(item)
        return {"schema_version": SCHEMA_VERSION, "meta": meta, "blocks": blocks}

    @classmethod
    def from_dict(cls, data: Mapping[str, JSONValue]) -> Document:
        """Rebuild a document from :meth:`to_dict` output, checking every field's type.

        Raises :class:`~convert.errors.InvalidDocumentError` (a ``ValueError``) saying
        what is wrong and naming the path of the bad field (``blocks[3].level``).
        """
        data = _object(data, "the top level")
        version = data.get("schema_version")
        if type(version) is not int or version != SCHEMA_VERSION:  # not True, not 1.0
            raise InvalidDocumentError(
                f"unsupported schema_version {version!r:.40} (this docconv reads {SCHEMA_VERSION})"
            )
        unknown = sorted(set(data) - {"schema_version", "meta", "blocks"})
        if unknown:
            raise InvalidDocumentError(f"the top level: unknown field {unknown[0]!r}")
        meta = _build(Metadata, _object(data.get("meta"), "meta"), "meta")
        blocks = data.get("blocks")
        if not isinstance(blocks, list):
            raise InvalidDocumentError(f"blocks must be a list, not {_kind(blocks)}")
        built = []
        for number, item in enumerate(blocks):
            where = f"blocks[{number}]"
            fields = dict(_object(item, where))
            if "type" not in fields:
                raise InvalidDocumentError(f"{where}: missing field 'type'")
            kind = fields.pop("type")
            if not isinstance(kind, str) or kind not in BLOCK_TYPES:
                known = ", ".join(BLOCK_TYPES)
                raise InvalidDocumentError(f"{where}: unknown type {kind!r} (known: {known})")
            built.append(_build(BLOCK_TYPES[kind], fields, where))
        return cls(meta=meta, blocks=tuple(built))

    def to_json(self, indent: int | None = 2) -> str:
        """JSON text; a NaN or infinity in ``extras`` is a ValueError, never invalid JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes, max_size: int = DEFAULT_MAX_INPUT) -> Document:
        """Parse and check a document; anything malformed is an InvalidDocumentError."""
        if len(text) > max_size:
            raise InvalidDocumentError(f"larger than the limit of {max_size} characters")
        try:
            data = json.loads(text, parse_int=_integer, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as exc:
            raise InvalidDocumentError(f"invalid JSON: {exc}") from None
        except RecursionError:
            raise InvalidDocumentError("invalid JSON: nested too deeply") from None
        return cls.from_dict(_object(data, "the top level"))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are unique: a field written twice (a hand edit appending
    ``"blocks": []``) would otherwise silently replace the first."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise InvalidDocumentError(f"field {key!r} is written twice in one object")
        found[key] = value
    return found


MAX_DEPTH = 32
"""How deeply ``extras`` may nest objects and arrays."""
MAX_INT_DIGITS = 30


class _HugeInteger(str):
    """An integer too long to be data (int() of it costs quadratic time): kept as its
    digits until the check that names its place in the document refuses it."""


def _integer(digits: str) -> int | _HugeInteger:
    return _HugeInteger(digits) if len(digits.lstrip("-")) > MAX_INT_DIGITS else int(digits)


def _kind(value: JSONValue) -> str:
    if isinstance(value, _HugeInteger):
        return f"an integer of {len(value)} digits"
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    names |= {list: "an array", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _object(value: JSONValue, where: str) -> Mapping[str, JSONValue]:
    if not isinstance(value, Mapping):
        raise InvalidDocumentError(f"{where} must be an object, not {_kind(value)}")
    return value


def _text(value: JSONValue, where: str) -> str:
    if not isinstance(value, str) or isinstance(value, _HugeInteger):
        raise InvalidDocumentError(f"{where} must be a string, not {_kind(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidDocumentError(
            f"{where}: a lone surrogate at character {exc.start} is not text"
        ) from None
    return value


def _optional_text(value: JSONValue, where: str) -> str | None:
    return None if value is None else _text(value, where)


def _texts(value: JSONValue, where: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise InvalidDocumentError(f"{where} must be an array of strings, not {_kind(value)}")
    return tuple(_text(item, f"{where}[{i}]") for i, item in enumerate(value))


def _flag(value: JSONValue, where: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidDocumentError(f"{where} must be true or false, not {_kind(value)}")
    return value


def _level(value: JSONValue, where: str) -> int:
    if type(value) is not int or not 1 <= value <= 9:
        raise InvalidDocumentError(f"{where} must be a whole number from 1 to 9, got {value!r}")
    return value


def _whole(value: JSONValue, where: str) -> int:
    if type(value) is not int:
        raise InvalidDocumentError(f"{where} must be a whole number, not {_kind(value)}")
    return value


def _origin(value: JSONValue, where: str) -> Origin | None:
    return None if value is None else _build(Origin, _object(value, where), where)


def _extras(value: JSONValue, where: str) -> JSONValue:
    return _json_value(_object(value, where), where, 0)


def _json_value(value: JSONValue, where: str, depth: int) -> JSONValue:
    """Any JSON value: finite numbers, real text, at most ``MAX_DEPTH`` levels deep."""
    if depth > MAX_DEPTH:
        raise InvalidDocumentError(f"{where}: nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, _HugeInteger):
        raise InvalidDocumentError(f"{where}: {_kind(value)} is too long")
    if isinstance(value, str):
        return _text(value, where)
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidDocumentError(f"{where}: {value} is not a JSON number")
    if isinstance(value, Mapping):
        return {
            _text(k, where): _json_value(v, f"{where}.{k}", depth + 1) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_json_value(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
    if value is None or isinstance(value, bool | int | float):
        return value
    raise InvalidDocumentError(f"{where}: {_kind(value)} is not a JSON value")


_CHECKS: dict[type, dict[str, Callable[[JSONValue, str], Any]]] = {
    Metadata: {
        "title": _text,
        "source": _optional_text,
        "dates": _texts,
        "language": _text,
        "origin": _origin,
        "keywords": _texts,
        "extras": _extras,
    },
    Origin: {"filename": _optional_text, "sha256": _optional_text, "encoding": _optional_text},
    Heading: {"text": _text, "level": _level},
    Paragraph: {"text": _text},
    ListBlock: {"items": _texts, "ordered": _flag, "start": _whole},
    Quote: {"text": _text},
    Code: {"text": _text, "language": _optional_text},
    Figure: {"text": _text, "src": _optional_text},
}


T = TypeVar("T")


def _build(cls: type[T], fields: Mapping[str, JSONValue], where: str) -> T:
    """``cls(**fields)``, with unknown or missing fields reported by name."""
    known = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(fields) - set(known))
    if unknown:
        raise InvalidDocumentError(f"{where}: unknown field {unknown[0]!r}")
    required = [
        name
        for name, f in known.items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    missing = [name for name in required if name not in fields]
    if missing:
        raise InvalidDocumentError(f"{where}: missing field {missing[0]!r}")
    checks = _CHECKS[cls]
    checked = {name: checks[name](value, f"{where}.{name}") for name, value in fields.items()}
    try:
        return cls(**checked)
    except InvalidDocumentError as exc:  # a rule over several fields (a list's start)
        raise InvalidDocumentError(f"{where}: {exc}") from None


# Dispatch over block kinds --------------------------------------------------------------
# The one place that tells the kinds of block apart. Code that treats kinds differently
# subclasses BlockVisitor (or ends an isinstance chain with ``else: unhandled_block(block)``):
# mypy then reports every such place when a kind is added to ``Block``, and a block of a
# kind the model does not define is an error naming it, never text silently dropped.


class UnknownBlockError(TypeError):
    """A block of a kind the document model does not define."""


def _unknown_block(block: object) -> NoReturn:
    """Raise :class:`UnknownBlockError` naming ``block``'s kind."""
    kind = getattr(block, "kind", None)
    named = f"{kind!r} ({type(block).__qualname__})" if kind else type(block).__qualname__
    raise UnknownBlockError(
        f"unknown block kind {named}; the document model has {', '.join(BLOCK_TYPES)}"
    )


def unhandled_block(block: Never) -> NoReturn:
    """Close a dispatch over block kinds: typed ``Never``, so mypy fails where a kind of
    ``Block`` can reach it; at run time an error naming the unknown kind."""
    _unknown_block(block)


def check_blocks(blocks: Sequence[object]) -> None:
    """Refuse, when a Document is built, any block whose kind the model does not define."""
    for block in blocks:
        if not isinstance(block, Heading | Paragraph | ListBlock | Quote | Code | Figure):
            _unknown_block(block)


R = TypeVar("R")


class BlockVisitor(ABC, Generic[R]):
    """One method per block kind; :meth:`visit` picks it (``match``, checked by mypy).

    A kind added after the first plugin API gets a method with a default instead of an
    abstract one, so a visitor written before it still works: :meth:`code` and
    :meth:`figure` treat the block as a paragraph holding its text unless a subclass says
    otherwise.
    """

    def visit(self, block: Block) -> R:
        match block:
            case Heading():
                return self.heading(block)
            case Paragraph():
                return self.paragraph(block)
            case ListBlock():
                return self.list_block(block)
            case Quote():
                return self.quote(block)
            case Code():
                return self.code(block)
            case Figure():
                return self.figure(block)
            case _:
                unhandled_block(block)

    @abstractmethod
    def heading(self, block: Heading) -> R: ...

    @abstractmethod
    def paragraph(self, block: Paragraph) -> R: ...

    @abstractmethod
    def list_block(self, block: ListBlock) -> R: ...

    @abstractmethod
    def quote(self, block: Quote) -> R: ...

    def code(self, block: Code) -> R:
        """A code block; by default what :meth:`paragraph` does with a paragraph of its
        text (lines and all), so visitors older than the kind keep working."""
        return self.paragraph(Paragraph(block.text))

    def figure(self, block: Figure) -> R:
        """An image's caption; by default what :meth:`paragraph` does with a paragraph of
        it, so visitors older than the kind keep working."""
        return self.paragraph(Paragraph(block.text))


def _lowered(block: Block) -> Block:
    """``block`` as a kind of plugin API 1: code and a figure become a paragraph of their
    text (code's lines kept, a figure's caption), so nothing they say is lost."""
    match block:
        case Heading() | Paragraph() | ListBlock() | Quote():
            return block
        case Code() | Figure():
            return Paragraph(block.text)
        case _:
            unhandled_block(block)


def lower_blocks(document: Document, kinds: AbstractSet[str]) -> Document:
    """``document`` with each block of a kind not in ``kinds`` (a plugin's ``blocks``
    declaration) lowered to a kind of plugin API 1; the document itself when it holds none.

    The pipeline calls it before every writer and transform, so a plugin is never handed
    a kind it did not declare: one written before a kind existed keeps working."""
    if all(block.kind in kinds for block in document.blocks):
        return document
    blocks = tuple(block if block.kind in kinds else _lowered(block) for block in document.blocks)
    return document.replace(blocks=blocks)


class _Texts(BlockVisitor[tuple[str, ...]]):
    def heading(self, block: Heading) -> tuple[str, ...]:
        return (block.text,)

    def paragraph(self, block: Paragraph) -> tuple[str, ...]:
        return (block.text,)

    def list_block(self, block: ListBlock) -> tuple[str, ...]:
        return block.items

    def quote(self, block: Quote) -> tuple[str, ...]:
        return (block.text,)

    def code(self, block: Code) -> tuple[str, ...]:
        return (block.text,)

    def figure(self, block: Figure) -> tuple[str, ...]:
        return (block.text,)


class _MapText(BlockVisitor[Block]):
    def __init__(self, fn: Callable[[str], str]) -> None:
        self.fn = fn

    def heading(self, block: Heading) -> Block:
        return dataclasses.replace(block, text=self.fn(block.text))

    def paragraph(self, block: Paragraph) -> Block:
        return dataclasses.replace(block, text=self.fn(block.text))

    def list_block(self, block: ListBlock) -> Block:
        return dataclasses.replace(block, items=tuple(self.fn(item) for item in block.items))

    def quote(self, block: Quote) -> Block:
        return dataclasses.replace(block, text=self.fn(block.text))

    def code(self, block: Code) -> Block:
        return block  # program text, not prose: its quotes and commas are syntax

    def figure(self, block: Figure) -> Block:
        return dataclasses.replace(block, text=self.fn(block.text))


_TEXTS = _Texts()


def block_texts(block: Block) -> tuple[str, ...]:
    """The pieces of text a block holds, in reading order (a list's items one by one); a
    code block's text too (:func:`is_prose` tells it apart)."""
    return _TEXTS.visit(block)


def map_text(block: Block, fn: Callable[[str], str]) -> Block:
    """``block`` with ``fn`` applied to each piece of its prose, its structure kept.

    ``fn`` is a prose transform (full-width punctuation, script conversion): a
    :class:`Code` block is returned as it is."""
    return _MapText(fn).visit(block)


def is_prose(block: Block) -> bool:
    """Whether ``block`` is running text, what a summary, a date search or a word count
    reads: all but code (program text) and figures (an image's caption)."""
    return not isinstance(block, Code | Figure)
