"""The ``docx`` reader: a Word document back into the document model.

Reads what docconv writes and ordinary DOCX files alike, by paragraph style: Title is the
headline (else the core title, else the first paragraph), Heading 1-3, List Bullet/Number,
Quote, everything else a paragraph. The source comes from a closing "來源:…" paragraph or
the header docconv writes. python-docx is imported only when a DOCX is read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from io import BytesIO
from typing import Any

from convert import (
    Block,
    Document,
    Heading,
    ListBlock,
    Metadata,
    Origin,
    Paragraph,
    Quote,
    Reader,
    hookimpl,
)
from convert.errors import InputError
from convert.toolkit import detect_language, find_dates, source_in

from .docx_names import SOURCE_STYLE  # docconv's dateline under the headline: metadata
from .zipsafe import check_archive

QUOTE_STYLES = {"Quote", "Intense Quote", "Block Text"}
HEADING_LEVELS = {str(level) for level in range(1, 10)}  # Word's Heading 1-9


def _styled_paragraphs(word: Any) -> Iterator[tuple[str, str]]:
    """(style name, text) of each non-empty body paragraph.

    Style names come from one table built up front: python-docx's ``paragraph.style``
    scans every style for the default on each unstyled paragraph (minutes for 10k).
    """
    from docx.enum.style import WD_STYLE_TYPE

    names = {style.style_id: style.name or "" for style in word.styles}
    default = word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = default.name or "" if default is not None else ""
    for paragraph in word.paragraphs:
        text = paragraph.text.strip()
        if text:
            yield names.get(paragraph._p.style, fallback), text


def _blocks(paragraphs: list[tuple[str, str]]) -> list[Block]:
    """Blocks by style; consecutive list paragraphs of one kind make one list."""
    blocks: list[Block] = []
    for style, text in paragraphs:
        if style.startswith(("List Bullet", "List Number")):
            ordered = style.startswith("List Number")
            last = blocks[-1] if blocks else None
            if isinstance(last, ListBlock) and last.ordered == ordered:
                blocks[-1] = ListBlock((*last.items, text), ordered=ordered)
            else:
                blocks.append(ListBlock((text,), ordered=ordered))
        elif style.startswith("Heading ") and style[8:] in HEADING_LEVELS:
            blocks.append(Heading(text, level=int(style[8:])))
        elif style in QUOTE_STYLES:
            blocks.append(Quote(text))
        else:
            blocks.append(Paragraph(text))
    return blocks


def _header_source(word: Any) -> str | None:
    """The source docconv writes into the first section's header."""
    if not word.sections or word.sections[0].header.is_linked_to_previous:
        return None
    for paragraph in word.sections[0].header.paragraphs:
        if (source := source_in(paragraph.text)) is not None:
            return source
    return None


def looks_like_docx(data: bytes) -> bool:
    """A zip archive (``PK``) whose first entries include ``word/`` or ``[Content_Types].xml``."""
    return data.startswith(b"PK\x03\x04") and (
        b"word/" in data[:8192] or b"[Content_Types]" in data[:8192]
    )


def read_docx(data: bytes, filename: str | None, options: Mapping[str, Any]) -> Document:
    import docx  # only when a DOCX is read

    check_archive(data)
    try:
        word = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises zip, KeyError and XML errors alike
        detail = str(exc).strip("'\"") or type(exc).__name__  # KeyError: the missing part
        raise InputError(f"not a readable DOCX file ({detail[:200]})") from None
    paragraphs = [(s, t) for s, t in _styled_paragraphs(word) if s != SOURCE_STYLE]
    titles = [i for i, (style, _) in enumerate(paragraphs) if style == "Title"]
    if titles:
        title = paragraphs.pop(titles[0])[1]
    else:
        title = word.core_properties.title or (paragraphs.pop(0)[1] if paragraphs else "")
    source = _header_source(word)
    if paragraphs and (closing := source_in(paragraphs[-1][1])) is not None:
        source = closing
        paragraphs.pop()
    blocks = tuple(_blocks(paragraphs))
    body = "\n".join(Document(Metadata(), blocks).texts())
    keywords = word.core_properties.keywords
    meta = Metadata(
        title=title,
        source=source,
        dates=find_dates(title + "\n" + body),
        language=detect_language(title + body),
        origin=Origin.of(data, filename),
        keywords=tuple(k.strip() for k in keywords.split(",") if k.strip()),
    )
    return Document(meta, blocks)


@hookimpl
def register_readers() -> list[Reader]:
    return [
        Reader(
            name="docx",
            aliases=("word",),
            read=read_docx,
            extensions=("docx",),
            sniff=looks_like_docx,
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            description="Word document: Title, Heading 1-3, lists, quotes, paragraphs",
        )
    ]
