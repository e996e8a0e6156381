"""What a plugin declares: its readers, writers and transforms, and their options.

Plugins return these from the hooks in :mod:`convert.hookspecs`. A declaration
is cheap to build: the heavy work (and heavy imports) happen only inside
``read``/``render``/``apply`` when a conversion actually runs.

Every declaration checks itself when it is built and raises
:class:`~convert.errors.DeclarationError` naming the field and the value, so a
mistake surfaces in the plugin's own tests and docconv can skip a plugin whose
declarations it cannot use instead of failing later, in every command.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, NoReturn

from .errors import DeclarationError, UsageError
from .model import BLOCK_KINDS, FIRST_BLOCK_KINDS, Document
from .records import Record

PLUGIN_API_VERSION = 1
"""The version of this plugin interface; plugins can check it at import time."""

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}

NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
"""Names and aliases users type after ``-t``, ``-f`` and ``-T``."""
OPTION_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
"""Option keys: Python keyword arguments in the API, no ``.`` (it targets a component)."""
EXTENSION = re.compile(r"[a-z0-9][a-z0-9_+-]*(?:\.[a-z0-9][a-z0-9_+-]*)*\Z")
"""File extensions without the leading dot; ``lead.txt`` names a two-part extension."""
OPTION_TYPES: tuple[type, ...] = (str, int, float, bool)
_RULES = {
    NAME: "must be lower-case letters, digits and '-' (starting with a letter or digit)",
    OPTION_NAME: "must be lower-case letters, digits and '_' (starting with a letter)",
    EXTENSION: "must be a lower-case extension without the leading dot ('txt', 'lead.txt')",
}


def _fail(where: str, field: str, value: object, problem: str) -> NoReturn:
    raise DeclarationError(f"{where}: {field}={value!r} {problem}")


def _is_a(value: object, kind: type) -> bool:
    """``isinstance`` where a bool is not an int and an int is a float."""
    if isinstance(value, bool):
        return kind is bool
    return isinstance(value, int | float) if kind is float else isinstance(value, kind)


def _check_text(where: str, field: str, value: object, pattern: re.Pattern[str] | None) -> None:
    if not isinstance(value, str):
        _fail(where, field, value, f"must be a string, not {type(value).__name__}")
    if pattern is not None and not pattern.match(value):
        _fail(where, field, value, _RULES[pattern])


def _check_tuple(where: str, field: str, value: object) -> tuple[Any, ...]:
    """A tuple (a list is accepted); a lone string is refused, never split into characters."""
    if isinstance(value, str | bytes):
        _fail(where, field, value, f"is a string; write a tuple: ({value!r},)")
    if not isinstance(value, tuple | list):
        _fail(where, field, value, f"must be a tuple, not {type(value).__name__}")
    return tuple(value)


def _check_names(
    where: str, field: str, value: object, pattern: re.Pattern[str]
) -> tuple[str, ...]:
    items = _check_tuple(where, field, value)
    for item in items:
        _check_text(where, field, item, pattern)
    duplicates = sorted({item for item in items if items.count(item) > 1})
    if duplicates:
        _fail(where, field, value, f"names {duplicates[0]!r} twice")
    return items


def _check_blocks(where: str, value: object) -> frozenset[str]:
    """A ``blocks`` declaration: kinds the model defines, those of plugin API 1 among them
    (docconv lowers other kinds to them, never them)."""
    if isinstance(value, str | bytes):
        _fail(where, "blocks", value, f"is a string; write a set: {{{value!r}, ...}}")
    if not isinstance(value, AbstractSet | tuple | list):
        _fail(where, "blocks", value, f"must be a set of block kinds, not {type(value).__name__}")
    for item in value:
        if not isinstance(item, str):
            _fail(where, "blocks", value, f"holds a non-string {item!r}")
    known = ", ".join(sorted(BLOCK_KINDS))
    unknown = sorted(set(value) - BLOCK_KINDS)
    if unknown:
        names = ", ".join(map(repr, unknown))
        _fail(where, "blocks", value, f"names unknown block kinds {names} (known: {known})")
    missing = sorted(FIRST_BLOCK_KINDS - set(value))
    if missing:
        names = ", ".join(map(repr, missing))
        _fail(
            where,
            "blocks",
            value,
            f"leaves out {names}: every plugin handles the kinds "
            "of plugin API 1 (heading, list, paragraph, quote)",
        )
    return frozenset(value)


def _check_callable(where: str, field: str, value: object, optional: bool = False) -> None:
    if not (callable(value) or (optional and value is None)):
        _fail(where, field, value, "must be a function" + (" or None" if optional else ""))


if TYPE_CHECKING:  # what type checkers see; at run time the same, built more cheaply
    from dataclasses import dataclass as declaration

    _Declared = object
else:

    def declaration(*, frozen: bool, kw_only: bool, slots: bool) -> Callable[[type], type]:
        """``dataclass(frozen=True, kw_only=True, slots=True)`` as far as callers can tell
        (``dataclasses.fields``, ``replace`` and ``asdict`` work), without the methods
        dataclass generates and compiles for each class (~1 ms each, at every start):
        :class:`_Declared` has them once for all."""
        assert frozen and kw_only and slots, "declarations are frozen, keyword-only, slotted"
        return dataclasses.dataclass(init=False, repr=False, eq=False, kw_only=True, slots=True)

    class _Declared(Record):
        """The methods of a frozen, keyword-only dataclass (with Record's), shared by every
        declaration."""

        __slots__ = ()

        def __init__(self, **given: Any) -> None:
            fields = dataclasses.fields(self)
            name = type(self).__qualname__
            unknown = sorted(set(given) - {f.name for f in fields})
            if unknown:
                raise TypeError(
                    f"{name}.__init__() got an unexpected keyword argument {unknown[0]!r}"
                )
            for f in fields:
                if f.name in given:
                    value = given[f.name]
                elif f.default is not dataclasses.MISSING:
                    value = f.default
                elif f.default_factory is not dataclasses.MISSING:
                    value = f.default_factory()
                else:
                    raise TypeError(f"{name}.__init__() missing keyword argument: {f.name!r}")
                object.__setattr__(self, f.name, value)
            post_init = getattr(self, "__post_init__", None)
            if post_init is not None:
                post_init()

        def __setattr__(self, name: str, value: Any) -> None:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self, name: str) -> None:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

        def __getstate__(self) -> tuple[Any, ...]:
            return tuple(getattr(self, f.name) for f in dataclasses.fields(self))

        def __setstate__(self, state: tuple[Any, ...]) -> None:
            for f, value in zip(dataclasses.fields(self), state, strict=True):
                object.__setattr__(self, f.name, value)


@declaration(frozen=True, kw_only=True, slots=True)
class Option(_Declared):
    """One ``-O KEY=VALUE`` option a reader, writer or transform accepts.

    ``type`` is str, int, float or bool; ``choices``, when given, are values of that
    type; ``default`` is None (not given) or such a value (a string is parsed as ``-O``
    would parse it).
    """

    name: str
    help: str
    type: type = str
    default: Any = None
    choices: tuple[Any, ...] = ()
    min: int | None = None
    max: int | None = None
    """Bounds for a number option (inclusive): a value outside them is a usage error."""

    def __post_init__(self) -> None:
        _check_text("option", "name", self.name, OPTION_NAME)
        where = f"option {self.name!r}"
        _check_text(where, "help", self.help, None)
        if not any(self.type is kind for kind in OPTION_TYPES):
            _fail(where, "type", self.type, "must be one of str, int, float, bool")
        for bound in ("min", "max"):
            value = getattr(self, bound)
            if value is not None and (self.type not in (int, float) or not _is_a(value, self.type)):
                _fail(where, bound, value, "must be None or a bound of an int/float option")
        if self.min is not None and self.max is not None and self.min > self.max:
            _fail(where, "min", self.min, f"is above max={self.max!r}")
        choices = _check_tuple(where, "choices", self.choices)
        for choice in choices:
            if not _is_a(choice, self.type):
                _fail(where, "choices", self.choices, f"hold a non-{self.type.__name__} {choice!r}")
        object.__setattr__(self, "choices", tuple(self._coerce(c) for c in choices))
        if len(set(self.choices)) < len(self.choices):
            _fail(where, "choices", self.choices, "repeat a value")
        if self.default is not None:
            try:
                default = self.parse(self.default)
            except UsageError as exc:
                _fail(where, "default", self.default, f"is not valid: {exc}")
            object.__setattr__(self, "default", default)

    def parse(self, value: Any) -> Any:
        """Convert a command-line string (or check a Python value) into this option's type."""
        if isinstance(value, str):
            value = self._from_string(value)
        elif not _is_a(value, self.type):
            raise UsageError(f"option {self.name!r} expects {self._expects}, got {value!r}")
        value = self._coerce(value)
        if self.choices and value not in self.choices:
            raise UsageError(f"option {self.name!r} must be one of {self._choices}; got {value!r}")
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            if self.max is None:
                bound = f"at least {self.min}"
            elif self.min is None:
                bound = f"at most {self.max}"
            else:
                bound = f"in {self.min}..{self.max}"
            raise UsageError(f"option {self.name!r} must be {bound}; got {value!r}")
        return value

    def _coerce(self, value: Any) -> Any:
        return float(value) if self.type is float else value

    def _from_string(self, raw: str) -> Any:
        if self.type is bool:
            if raw.lower() in _TRUE:
                return True
            if raw.lower() in _FALSE:
                return False
            raise UsageError(f"option {self.name!r} expects true or false, got {raw!r}")
        try:
            return self.type(raw)
        except ValueError:
            raise UsageError(f"option {self.name!r} expects {self._expects}, got {raw!r}") from None

    @property
    def _choices(self) -> str:
        return ", ".join(str(c) for c in self.choices)

    @property
    def _expects(self) -> str:
        return "one of " + self._choices if self.choices else self.type.__name__

    @property
    def type_name(self) -> str:
        return "choice" if self.choices else self.type.__name__


@declaration(frozen=True, kw_only=True, slots=True)
class Component(_Declared):
    """The facts every reader, writer and transform declares."""

    name: str
    description: str
    aliases: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    priority: int = 0
    """Higher wins when two plugins claim the same name (built-ins use 0)."""

    def __post_init__(self) -> None:
        kind = type(self).__name__.lower()
        _check_text(kind, "name", self.name, NAME)
        where = f"{kind} {self.name!r}"
        _check_text(where, "description", self.description, None)
        aliases = _check_names(where, "aliases", self.aliases, NAME)
        if self.name in aliases:
            _fail(where, "aliases", self.aliases, "repeat the name")
        object.__setattr__(self, "aliases", aliases)
        options = _check_tuple(where, "options", self.options)
        for option in options:
            if not isinstance(option, Option):
                _fail(where, "options", option, "is not an Option")
        names = [option.name for option in options]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            _fail(where, "options", repeated[0], "is declared twice")
        object.__setattr__(self, "options", options)
        if not _is_a(self.priority, int):
            _fail(where, "priority", self.priority, "must be an int")
        self._check(where)

    def _check(self, where: str) -> None:
        """The checks of the fields a kind adds."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def resolve_options(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Defaults overlaid with ``given`` (already filtered to this component's keys)."""
        declared = {opt.name: opt for opt in self.options}
        resolved = {name: opt.default for name, opt in declared.items()}
        for key, value in given.items():
            if key not in declared:
                valid = ", ".join(declared) or "none"
                raise UsageError(f"{self.name} has no option {key!r} (valid: {valid})")
            resolved[key] = declared[key].parse(value)
        return resolved


@declaration(frozen=True, kw_only=True, slots=True)
class Reader(Component):
    """Turns input bytes into a :class:`Document`.

    ``read(data, filename, options)`` receives the raw bytes, the input's file
    name (``None`` for stdin or bytes) and the resolved options; it raises
    :class:`~convert.errors.InputError` describing what is wrong (docconv adds the
    file name). ``sniff(data)`` recognises the format from the first bytes when
    there is no file extension to go by (standard input, bytes). A ``fallback``
    reader takes what no extension or sniff claimed (the plain-text reader does).
    """

    read: Callable[[bytes, str | None, Mapping[str, Any]], Document]
    extensions: tuple[str, ...] = ()
    media_type: str = "text/plain"
    sniff: Callable[[bytes], bool] | None = None
    fallback: bool = False

    def _check(self, where: str) -> None:
        _check_callable(where, "read", self.read)
        extensions = _check_names(where, "extensions", self.extensions, EXTENSION)
        object.__setattr__(self, "extensions", extensions)
        _check_text(where, "media_type", self.media_type, None)
        _check_callable(where, "sniff", self.sniff, optional=True)
        if not isinstance(self.fallback, bool):
            _fail(where, "fallback", self.fallback, "must be True or False")


@declaration(frozen=True, kw_only=True, slots=True)
class Writer(Component):
    """Turns a :class:`Document` into output bytes.

    ``transforms`` names transforms applied before ``render``: a format such as
    "Simplified-Chinese text" is a transform followed by a plain writer.
    """

    render: Callable[[Document, Mapping[str, Any]], bytes]
    extension: str
    media_type: str
    binary: bool = False
    transforms: tuple[str, ...] = ()
    blocks: AbstractSet[str] = FIRST_BLOCK_KINDS
    """The kinds of block ``render`` handles; docconv lowers any other (see
    :func:`~convert.model.lower_blocks`) before calling it."""

    def _check(self, where: str) -> None:
        _check_callable(where, "render", self.render)
        _check_text(where, "extension", self.extension, EXTENSION)
        _check_text(where, "media_type", self.media_type, None)
        if not isinstance(self.binary, bool):
            _fail(where, "binary", self.binary, "must be True or False")
        transforms = _check_names(where, "transforms", self.transforms, NAME)
        object.__setattr__(self, "transforms", transforms)
        object.__setattr__(self, "blocks", _check_blocks(where, self.blocks))


@declaration(frozen=True, kw_only=True, slots=True)
class Transform(Component):
    """Maps a :class:`Document` to another, between reader and writer (like a pandoc filter)."""

    apply: Callable[[Document, Mapping[str, Any]], Document]
    blocks: AbstractSet[str] = FIRST_BLOCK_KINDS
    """The kinds of block ``apply`` handles; docconv lowers any other before calling it
    (so the writers after it see them lowered too)."""

    def _check(self, where: str) -> None:
        _check_callable(where, "apply", self.apply)
        object.__setattr__(self, "blocks", _check_blocks(where, self.blocks))
