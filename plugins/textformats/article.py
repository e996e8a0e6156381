"""What the text readers (plain text, Markdown) share, so one article reads the same in
either format: its bytes decoded, wrapped lines joined, and the metadata derived from the
text (dates, language tag).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from convert import Block, Document, Metadata, Origin
from convert.errors import InputError
from convert.toolkit import decode, detect_language, document_text, find_dates


def decode_article(data: bytes, options: Mapping[str, Any]) -> tuple[str, str]:
    """``(text, encoding)`` of an article's bytes (``-O encoding=`` or detected, BOM
    honoured); an empty or blank file is an :class:`InputError`, as is one not text."""
    text, encoding = decode(data, options.get("encoding"))
    if not text.strip():
        problem = "only whitespace" if text else "empty file"
        raise InputError(f"{problem} (no text to convert)")
    return text, encoding


def _cjk_edge(char: str) -> bool:
    """Whether ``char`` is CJK (radicals to ideographs, fullwidth forms): a comparison, as a
    regex of these ranges takes milliseconds to compile at every start."""
    return "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def join_lines(lines: Sequence[str]) -> str:
    """Join wrapped lines: no space between CJK characters, one space between words."""
    text = ""
    for line in (line for line in lines if line):
        cjk = not text or _cjk_edge(text[-1:]) or _cjk_edge(line[:1])
        text += line if cjk else " " + line
    return text


def article_document(
    title: str,
    blocks: Sequence[Block],
    source: str | None,
    origin: Origin,
    *,
    dates: Iterable[str] = (),
    language: str | None = None,
    keywords: Sequence[str] = (),
    extras: Mapping[str, Any] | None = None,
) -> Document:
    """The document of a parsed article. ``dates`` (given by the file's own metadata) come
    before those the text writes; without a ``language`` the text's script decides it."""
    body = "\n".join(
        Document(Metadata(), tuple(blocks)).texts(prose=True)
    )  # none from code, captions
    found = find_dates(title + "\n" + body)
    meta = Metadata(
        title=title,
        source=source,
        dates=tuple(dict.fromkeys((*dates, *found))),
        origin=origin,
        keywords=tuple(keywords),
        extras=extras or {},
    )
    document = Document(meta, tuple(blocks))
    # The same text and rule as the script transforms, so tag and conversion agree.
    return document.replace(language=language or detect_language(document_text(document)))
