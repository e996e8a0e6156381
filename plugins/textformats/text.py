"""Plain-text articles: the ``text`` reader and the ``txt`` writer.

The layout is the one news sites export: headline on the first line, paragraphs
separated by blank lines (or one per line when there are none), and an optional
closing source line such as ``來源:無錫日報``. A first line that does not read as a
headline (over 100 characters, or sentences: an article saved without its line breaks)
is the first paragraph of a text with no headline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from convert import (
    Block,
    Code,
    Document,
    Figure,
    Heading,
    ListBlock,
    Origin,
    Paragraph,
    Quote,
    Reader,
    Writer,
    hookimpl,
    unhandled_block,
)
from convert.model import BLOCK_KINDS, MAX_LIST_START
from convert.toolkit import ENCODING, is_headline, source_in, source_line

from .article import article_document, decode_article, join_lines

_BULLET = re.compile(r"^[-*•·]\s+")
# 1. / 1) (up to CommonMark's nine digits: 2024. is a list's start) or 1、/ 1） (three)
_NUMBERED = re.compile(
    r"^(?=\d{1,9}[.)]\s|\d{1,3}[\u3001\uff09])(\d+)(?:[.)]\s+|[\u3001\uff09]\s*)"
)
_QUOTE = re.compile(r"^>\s?")


def _block(lines: list[str]) -> Block:
    """One paragraph-sized chunk of lines: a list, a quote, or a paragraph."""
    if len(lines) > 1 and all(_BULLET.match(line) for line in lines):
        return ListBlock(tuple(_BULLET.sub("", line) for line in lines))
    numbers = [_NUMBERED.match(line) for line in lines]
    if len(lines) > 1 and all(numbers):
        start = int(numbers[0].group(1)) if numbers[0] else 1  # 3. 4. stays 3. 4.
        return ListBlock(tuple(_NUMBERED.sub("", line) for line in lines), True, start)
    if all(_QUOTE.match(line) for line in lines):
        return Quote(join_lines([_QUOTE.sub("", line) for line in lines]))
    return Paragraph(join_lines(lines))


def parse_article(text: str) -> tuple[str, list[Block], str | None]:
    """Split article text into (headline, blocks, source)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        return "", [], None
    headline, body = (lines[0], lines[1:]) if is_headline(lines[0]) else ("", lines)
    chunks: list[list[str]] = []
    if _has_inner_blank(body):
        current: list[str] = []
        for line in body:
            if line:
                current.append(line)
            elif current:
                chunks.append(current)
                current = []
        if current:
            chunks.append(current)
    else:  # one paragraph per line, but a run of list items is one list
        for line in (line for line in body if line):
            if chunks and _same_list(chunks[-1][0], line):
                chunks[-1].append(line)
            else:
                chunks.append([line])
    source = source_in(chunks[-1][0]) if chunks and len(chunks[-1]) == 1 else None
    if source is not None:
        chunks.pop()
    return headline, [_block(chunk) for chunk in chunks], source


def _same_list(first: str, line: str) -> bool:
    """Whether ``line`` continues the list ``first`` starts (both bullets or both numbered)."""
    return any(bool(p.match(first)) and bool(p.match(line)) for p in (_BULLET, _NUMBERED))


def _has_inner_blank(body: list[str]) -> bool:
    """True when blank lines separate the body's text (not just lead or trail it)."""
    seen_text = False
    blank_after_text = False
    for line in body:
        if line:
            if blank_after_text:
                return True
            seen_text = True
        elif seen_text:
            blank_after_text = True
    return False


def marker_number(number: int) -> int:
    """The number written before an item: a reader takes a list's start from its first
    item and counts on, and a marker of ten digits is no list item (CommonMark), so the
    items past 999999999 repeat it."""
    return min(number, MAX_LIST_START)


def read_text(data: bytes, filename: str | None, options: Mapping[str, Any]) -> Document:
    text, encoding = decode_article(data, options)
    headline, blocks, source = parse_article(text)
    return article_document(headline, blocks, source, Origin.of(data, filename, encoding))


def article_text(document: Document) -> str:
    """The document laid out like the input: headline, blank line, paragraphs, source line."""
    parts = [document.meta.title] if document.meta.title else []
    for block in document.blocks:
        if isinstance(block, ListBlock):
            marks = [f"{marker_number(i)}. " if block.ordered else "- " for i in block.numbers()]
            parts.append("\n".join(m + item for m, item in zip(marks, block.items, strict=True)))
        elif isinstance(block, Quote):
            parts.append("> " + block.text)
        elif isinstance(block, Heading | Paragraph | Code | Figure):  # code: lines as written
            parts.append(block.text)
        else:
            unhandled_block(block)
    if line := source_line(document):
        parts.append(line)
    return "\n\n".join(parts) + "\n"


def render_txt(document: Document, options: Mapping[str, Any]) -> bytes:
    return article_text(document).encode("utf-8")


@hookimpl
def register_readers() -> list[Reader]:
    return [
        Reader(
            name="text",
            aliases=("txt", "plain"),
            read=read_text,
            extensions=("txt", "text"),
            media_type="text/plain",
            description="Plain-text article: headline, paragraphs, source line",
            options=(ENCODING,),
            fallback=True,
        )
    ]


@hookimpl
def register_writers() -> list[Writer]:
    return [
        Writer(
            name="txt",
            aliases=("text", "plain"),
            render=render_txt,
            blocks=BLOCK_KINDS,
            extension="txt",
            media_type="text/plain; charset=utf-8",
            description="Plain text laid out like the input article (UTF-8)",
        )
    ]
