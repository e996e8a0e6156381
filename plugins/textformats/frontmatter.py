"""YAML front matter: the ``---`` block a Markdown file may open with (Jekyll, Hugo,
Obsidian, pandoc), holding the article's title, date, source and tags.

Only a block that opens with a ``key:`` line is taken for front matter; a Markdown file
that merely starts with a ``---`` rule is left alone. PyYAML's BaseLoader reads every
value as the string written (a date stays ``2025-11-28`` as the article gives it), and
constructs no objects; its pure-Python parser reports a too deeply nested block as a
RecursionError instead of crashing.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from typing import Any

from convert.toolkit import DecodingWarning

LIMIT = 64 * 1024
"""Characters a front matter block may hold; a longer one is read as Markdown text."""
MAX_FLOW_DEPTH = 32
"""Brackets (``[[…]]``, ``{{…}}``) front matter may nest."""

_BLOCK = re.compile(
    r"\A---[ \t]*\n"
    r"(?P<yaml>[^\s#:\-][^:\n]*:(?:[ \t][^\n]*)?\n(?:.*?\n)??)"  # opens with a key: line
    r"(?:---|\.\.\.)[ \t]*(?:\n|\Z)",
    re.S,
)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

FIELDS = {
    "title": ("title",),
    "dates": ("date", "published"),
    "source": ("source", "publisher"),
    "language": ("lang", "language"),
    "keywords": ("keywords", "tags"),
    "summary": ("summary", "description"),
}
"""The model's fields and the front matter keys (any case) read into them, first one wins.
Other keys (author, subtitle, 記者) have no field: a warning names them."""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(fields, the Markdown after the block)``; ``({}, text)`` when there is no front
    matter. A block that is not a YAML mapping is read as text, with a warning."""
    match = _BLOCK.match(text[: LIMIT + 8])
    if match is None:
        return {}, text
    if _flow_depth(match.group("yaml")) > MAX_FLOW_DEPTH:
        _warn(f"front matter nested more than {MAX_FLOW_DEPTH} brackets deep; read as text")
        return {}, text
    import yaml  # type: ignore[import-untyped]  # only for a file that has front matter

    try:  # BaseLoader: strings, lists and mappings only, never other objects
        data = yaml.load(match.group("yaml"), Loader=yaml.BaseLoader)
    except RecursionError:
        _warn("front matter nested too deeply; read as text")
        return {}, text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""  # the file's line
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        _warn(f"front matter is not valid YAML: {problem}{where}; read as text")
        return {}, text
    if not isinstance(data, dict):
        _warn("front matter is not a list of 'key: value' lines; read as text")
        return {}, text
    # Blank lines keep the Markdown's line numbers as in the file.
    rest = "\n" * match.group(0).count("\n") + text[match.end() :]
    return _fields(data), rest


def _flow_depth(text: str) -> int:
    """How deeply ``[`` and ``{`` nest (quotes not told apart: an upper bound). PyYAML's
    scanner takes time quadratic in this depth: 30,000 ``[`` cost it 2 s."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def _warn(message: str) -> None:
    warnings.warn(DecodingWarning(message), stacklevel=3)


def _fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The model's fields found in ``data``, by the key names of :data:`FIELDS`."""
    lowered = {str(key).strip().lower(): value for key, value in data.items()}
    known = {key for keys in FIELDS.values() for key in keys}
    unused = [str(key).strip() for key in data if str(key).strip().lower() not in known]
    if unused:  # their values are not in the document: say so rather than drop them silently
        _warn(f"front matter keys not used: {', '.join(unused)}")
    found: dict[str, Any] = {}
    for field, keys in FIELDS.items():
        values = [lowered[key] for key in keys if key in lowered]
        if not values:
            continue
        value = values[0]
        if field in ("dates", "keywords"):
            items = value if isinstance(value, list) else _split(value, field)
            texts = tuple(item.strip() for item in items if isinstance(item, str) and item.strip())
            if texts:
                found[field] = texts
        elif isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            if field != "language" or _LANGUAGE.fullmatch(text):
                found[field] = text
    return found


def _split(value: Any, field: str) -> list[Any]:
    """One string holding a field's items: keywords are separated by commas."""
    if not isinstance(value, str):
        return []
    return re.split(r"[,，、]", value) if field == "keywords" else [value]
