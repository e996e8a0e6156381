"""Apply one ``str -> str`` function to the text of a document, keeping its structure.

Transforms that rewrite text (punctuation, script conversion) share this, so a
new block type or metadata field is handled in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..model import Block, Document, JSONValue, map_text

TextFn = Callable[[str], str]


def map_blocks(blocks: tuple[Block, ...], fn: TextFn) -> tuple[Block, ...]:
    return tuple(map_text(block, fn) for block in blocks)


def _map_json(value: JSONValue, fn: TextFn) -> JSONValue:
    """String values inside ``extras`` (keys are identifiers and stay as they are)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, Mapping):
        return {key: _map_json(item, fn) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_map_json(item, fn) for item in value]
    return value


def map_document(document: Document, fn: TextFn) -> Document:
    """Every human-readable text: title, source, dates, keywords, extras and all blocks.

    The origin (input file name, hash, encoding) is a fact about the input and stays.
    """
    meta = document.meta
    return document.replace(
        title=fn(meta.title),
        source=fn(meta.source) if meta.source is not None else None,
        dates=tuple(fn(date) for date in meta.dates),
        keywords=tuple(fn(keyword) for keyword in meta.keywords),
        extras=_map_json(meta.extras, fn),
        blocks=map_blocks(document.blocks, fn),
    )
