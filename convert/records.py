"""Frozen dataclasses that cost less to define, for the classes every command creates.

``@dataclass`` writes and compiles the source of ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` and ``__delattr__`` for each class: about 1 ms per class at
every start, a fifth of docconv's own start-up for its dozen classes. :func:`record` lets
dataclass write only ``__init__`` and the frozen ``__setattr__``/``__delattr__``;
:class:`Record` has ``__repr__``, ``__eq__`` and ``__hash__`` once for all, with the same
results. Type checkers see a plain ``dataclass``; ``dataclasses.fields``, ``replace`` and
``asdict`` work as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

__all__ = ["Record", "record"]

if TYPE_CHECKING:
    from dataclasses import dataclass as record

    Record = object
else:

    def record(**flags: Any) -> Callable[[type], type]:
        """``dataclass(**flags)`` for a frozen class deriving from :class:`Record`."""
        if not flags.get("frozen"):
            raise TypeError("record() makes frozen dataclasses (Record's __hash__ needs it)")
        return dataclasses.dataclass(**flags, repr=False, eq=False)

    class Record:
        """``__repr__``, ``__eq__`` and ``__hash__`` as a frozen dataclass has them."""

        __slots__ = ()

        def _values(self) -> tuple[Any, ...]:
            return tuple(getattr(self, f.name) for f in dataclasses.fields(self) if f.compare)

        def __repr__(self) -> str:
            shown = ", ".join(
                f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self) if f.repr
            )
            return f"{type(self).__qualname__}({shown})"

        def __eq__(self, other: object) -> bool:
            if other.__class__ is not self.__class__:
                return NotImplemented
            return self._values() == other._values()

        def __hash__(self) -> int:
            return hash(self._values())
