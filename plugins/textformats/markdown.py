"""Markdown: the ``md`` writer (``#`` headline, paragraphs, lists, quotes, the source line)
and the ``md`` reader (``markdown_reader``), which reads the writer's output back unchanged."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from convert import (
    Code,
    Document,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Reader,
    Writer,
    hookimpl,
    unhandled_block,
)
from convert.model import BLOCK_KINDS
from convert.toolkit import ENCODING, detect_language, document_text, source_line

from .text import marker_number

_INLINE = re.compile(r"([\\`*_\[\]<>&])")
# A line starting a heading, quote or list item (an empty one too), a rule (---), a fence.
_LINE_START = re.compile(r"^(#|>|[-+*](?=\s|$)|-(?=[-\s]*$)|~(?=~~))")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(?=\s|$)")  # 1. -> 1\. (a backslash before 1 stays)
_OTHER_MARKER = re.compile(r"\*|\d+\)")  # the marker a list after a list of its kind takes
_CLOSING_HASHES = re.compile(r"(?<=\s)(#+)$")  # "# C #" would lose its last "#"


def escape(text: str) -> str:
    """Backslash-escape what Markdown would otherwise read as markup."""
    text = _CLOSING_HASHES.sub(r"\\\1", _INLINE.sub(r"\\\1", text))
    return _ORDERED_ITEM.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", text))


def language_front_matter(document: Document) -> list[str]:
    """``lang:`` front matter when the text alone would read back with another tag (a
    Japanese article of kanji and katakana tagged ``ja`` by its front matter, a Chinese
    one tagged ``zh-Hant-HK``), so the md reader restores the tag; else nothing, and the
    Markdown stays plain."""
    language = document.meta.language
    plain = language.isascii() and language.replace("-", "").isalnum()  # no YAML to escape
    if not plain or language == detect_language(document_text(document)):
        return []
    return [f"---\nlang: {language}\n---"]


def fenced(block: Code) -> str:
    """A fenced code block: the text as written, inside a fence longer than any run of the
    fence's character in it (tildes when the info word holds a backtick, which a backtick
    fence's info string cannot)."""
    mark = "~" if "`" in (block.language or "") else "`"
    longest = max((len(run) for run in re.findall(f"{re.escape(mark)}+", block.text)), default=0)
    fence = mark * max(3, longest + 1)
    info = (block.language or "").split()
    return f"{fence}{info[0] if info else ''}\n{block.text}\n{fence}"


def image(block: Figure) -> str:
    """An image standing alone, its caption the alt text; the address in angle brackets
    when it holds what a bare one cannot (spaces, parentheses)."""
    src = block.src or ""
    if re.search(r"[\s()<>\\]", src):
        src = "<" + re.sub(r"([<>\\])", r"\\\1", src) + ">"
    return f"![{escape(block.text)}]({src})"


def markdown(document: Document) -> str:
    parts = language_front_matter(document)
    if document.meta.title:
        parts.append(f"# {escape(document.meta.title)}")
    previous: object = None
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * min(block.level + 1, 6)} {escape(block.text)}")
        elif isinstance(block, ListBlock):
            # A list right after one of its kind takes the other marker, or the two would
            # read back as one list (CommonMark starts a new list when the marker changes).
            other = isinstance(previous, ListBlock) and previous.ordered == block.ordered
            other = other and not _OTHER_MARKER.match(parts[-1])
            bullet, dot = ("* ", ") ") if other else ("- ", ". ")
            marks = [
                f"{marker_number(i)}{dot}" if block.ordered else bullet for i in block.numbers()
            ]
            parts.append("\n".join(m + escape(t) for m, t in zip(marks, block.items, strict=True)))
        elif isinstance(block, Quote):
            parts.append("> " + escape(block.text))
        elif isinstance(block, Paragraph):
            parts.append(escape(block.text))
        elif isinstance(block, Code):
            parts.append(fenced(block))
        elif isinstance(block, Figure):
            parts.append(image(block))
        else:
            unhandled_block(block)
        previous = block
    if line := source_line(document):
        parts.append(escape(line))
    return "\n\n".join(parts) + "\n"


def render_markdown(document: Document, options: Mapping[str, Any]) -> bytes:
    return markdown(document).encode("utf-8")


@hookimpl
def register_writers() -> list[Writer]:
    return [
        Writer(
            name="md",
            aliases=("markdown",),
            render=render_markdown,
            blocks=BLOCK_KINDS,
            extension="md",
            media_type="text/markdown; charset=utf-8",
            description="Markdown: # headline, paragraphs, source line",
        )
    ]


def _read(data: bytes, filename: str | None, options: Mapping[str, Any]) -> Document:
    """The md reader, imported on the first Markdown file: its module (and the front-matter
    one) cost every start-up ~6 ms otherwise."""
    from .markdown_reader import read_markdown

    return read_markdown(data, filename, options)


@hookimpl
def register_readers() -> list[Reader]:
    return [
        Reader(
            name="md",
            aliases=("markdown",),
            read=_read,
            extensions=("md", "markdown"),
            media_type="text/markdown",
            description="Markdown article: # headline, headings, lists, quotes, front matter",
            options=(ENCODING,),
        )
    ]
