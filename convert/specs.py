"""What a plugin declares: its readers, writers and transforms, and their options.

Plugins return these from the hooks in :mod:`convert.hookspecs`. A declaration
is cheap to build: the heavy work (and heavy imports) happen only inside
``read``/``render``/``apply`` when a conversion actually runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import UsageError
from .model import Document

PLUGIN_API_VERSION = 1
"""The version of this plugin interface; plugins can check it at import time."""

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True, kw_only=True, slots=True)
class Option:
    """One ``-O KEY=VALUE`` option a reader, writer or transform accepts."""

    name: str
    help: str
    type: type = str
    default: Any = None
    choices: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    """Bounds for a number option (inclusive): a value outside them is a usage error."""

    def parse(self, value: Any) -> Any:
        """Convert a command-line string (or check a Python value) into this option's type."""
        if isinstance(value, str):
            value = self._from_string(value)
        elif not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise UsageError(f"option {self.name!r} expects {self._expects}, got {value!r}")
        if self.choices and value not in self.choices:
            raise UsageError(
                f"option {self.name!r} must be one of {', '.join(self.choices)}; got {value!r}"
            )
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            low = "" if self.min is None else self.min
            high = "" if self.max is None else self.max
            raise UsageError(f"option {self.name!r} must be in {low}..{high}; got {value!r}")
        return value

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
    def _expects(self) -> str:
        return "one of " + ", ".join(self.choices) if self.choices else self.type.__name__

    @property
    def type_name(self) -> str:
        return "choice" if self.choices else self.type.__name__


@dataclass(frozen=True, kw_only=True, slots=True)
class Component:
    """The facts every reader, writer and transform declares."""

    name: str
    description: str
    aliases: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    priority: int = 0
    """Higher wins when two plugins claim the same name (built-ins use 0)."""

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


@dataclass(frozen=True, kw_only=True, slots=True)
class Reader(Component):
    """Turns input bytes into a :class:`Document`.

    ``read(data, filename, options)`` receives the raw bytes, the input's file
    name (``None`` for stdin or bytes) and the resolved options; it raises
    :class:`~convert.errors.InputError` describing what is wrong (docconv adds the
    file name). ``sniff(data)`` recognises the format from the first bytes when
    there is no file extension to go by (standard input, bytes).
    """

    read: Callable[[bytes, str | None, Mapping[str, Any]], Document]
    extensions: tuple[str, ...] = ()
    media_type: str = "text/plain"
    sniff: Callable[[bytes], bool] | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
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


@dataclass(frozen=True, kw_only=True, slots=True)
class Transform(Component):
    """Maps a :class:`Document` to another, between reader and writer (like a pandoc filter)."""

    apply: Callable[[Document, Mapping[str, Any]], Document]
