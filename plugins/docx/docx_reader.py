"""The ``docx`` reader: a Word document back into the document model.

Reads what docconv writes and ordinary DOCX files alike, by paragraph style: Title is the
headline (else the core title, else the first paragraph), Heading 1-9, List Bullet/Number,
Quote, everything else a paragraph; tables, content controls, text boxes and notes come in
reading order from ``docx_body``. The source comes from a closing "來源:…" paragraph or
the header docconv writes. The language, dates, source and extras docconv stored in the
custom properties (``docx_custom``) come back as written; a DOCX without them has its
language detected and its dates found in the text. python-docx is imported only when a
DOCX is read.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from io import BytesIO
from typing import Any

from convert import (
    Block,
    Code,
    Document,
    Figure,
    Heading,
    ListBlock,
    Metadata,
    Origin,
    Paragraph,
    Quote,
    Reader,
    hookimpl,
)
from convert.errors import InputError, InvalidDocumentError
from convert.toolkit import detect_language, find_dates, source_in

from .docx_names import CAPTION_STYLE, CODE_STYLE, SOURCE_STYLE  # SOURCE_: the dateline
from .zipsafe import check_archive

log = logging.getLogger("docconv")

QUOTE_STYLES = {"Quote", "Intense Quote", "Block Text"}
LIST_STYLES = ("List Bullet", "List Number")  # and their levels: List Number 2, …
CODE_STYLES = {CODE_STYLE, "HTML Preformatted"}  # docconv's and pandoc's; Word's <pre>
CAPTION_STYLES = {CAPTION_STYLE, "Image Caption"}  # Word's and docconv's; pandoc's
HEADING_LEVELS = {str(level) for level in range(1, 10)}  # Word's Heading 1-9


Item = tuple[str, str, tuple[int, int] | None] | ListBlock
"""A paragraph (style name, text, its list's ``w:numId`` and the number Word shows before
it) or a table."""


def _body(word: Any) -> tuple[list[Item], list[str]]:
    """The body's paragraphs (by style name) and tables in reading order, and the texts of
    the notes referenced in it.

    Style names come from one table built up front: python-docx's ``paragraph.style``
    scans every style for the default on each unstyled paragraph (minutes for 10k).
    """
    from docx.enum.style import WD_STYLE_TYPE

    from .docx_body import Body  # with python-docx: not on every start-up
    from .docx_numbering import ListNumbers

    names = {style.style_id: style.name or "" for style in word.styles}
    default = word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = default.name or "" if default is not None else ""
    body = Body(word.element.body)
    numbers = ListNumbers(word)
    items: list[Item] = []
    for item in body.items(word.element.body):
        if isinstance(item, ListBlock):
            items.append(item)
            continue
        style_id, text, numbered = item
        style = names.get(style_id, fallback) if style_id is not None else fallback
        text = text.strip("\n") if style in CODE_STYLES else text.strip()  # code: lines kept
        listed = numbered is not None or style.startswith(LIST_STYLES)
        items.append((style, text, numbers.number(style_id, numbered) if listed else None))
    return items, body.note_texts(_notes_parts(word))


def _notes_parts(word: Any) -> dict[str, Any]:
    """The footnotes and endnotes parts, parsed (python-docx reads neither)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    kinds = {RT.FOOTNOTES: "footnote", RT.ENDNOTES: "endnote"}
    parts = {}
    for rel in word.part.rels.values():
        if rel.reltype in kinds and not rel.is_external:
            try:
                parts[kinds[rel.reltype]] = parse_xml(rel.target_part.blob)
            except SyntaxError as exc:  # lxml's XMLSyntaxError: Word cannot open it either
                name = rel.target_part.partname.lstrip("/")
                raise InputError(f"not a readable DOCX file ({name}: {exc})") from None
    return parts


def _blocks(items: list[Item]) -> list[Block]:
    """Blocks by style; consecutive list paragraphs of one kind make one list."""
    blocks: list[Block] = []
    after: tuple[int, int] | None = None  # the list and number its next item would show
    for item in items:
        if isinstance(item, ListBlock):
            blocks.append(item)
            continue
        style, text, number = item
        if style.startswith(LIST_STYLES):
            ordered = style.startswith("List Number")
            last = blocks[-1] if blocks else None
            if isinstance(last, ListBlock) and last.ordered == ordered and number in (None, after):
                blocks[-1] = ListBlock((*last.items, text), ordered, last.start)
            else:  # a list of its own: another w:num, or numbered anew
                start = number[1] if ordered and number is not None else 1
                blocks.append(ListBlock((text,), ordered=ordered, start=start))
            after = after if number is None else (number[0], number[1] + 1)
        elif style.startswith("Heading ") and style[8:] in HEADING_LEVELS:
            blocks.append(Heading(text, level=int(style[8:])))
        elif style in QUOTE_STYLES:
            blocks.append(Quote(text))
        elif style in CODE_STYLES:
            blocks.append(Code(text))
        elif style in CAPTION_STYLES:
            blocks.append(Figure(text))
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


def _custom_metadata(word: Any, filename: str | None) -> dict[str, Any] | None:
    """The metadata docconv stored in the custom properties; None when there is none
    (a DOCX from Word or LibreOffice), or when it is damaged (with a warning)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    from .docx_custom import NAMESPACE, stored_metadata, stored_values

    package = word.part.package
    parts = [r.target_part for r in package.rels.values()
             if r.reltype == RT.CUSTOM_PROPERTIES and not r.is_external]  # fmt: skip
    if not parts:
        return None
    try:
        values = stored_values(parse_xml(parts[0].blob).iterchildren(f"{{{NAMESPACE}}}property"))
        return stored_metadata(values) if values else None
    except (InvalidDocumentError, ValueError, SyntaxError) as exc:  # lxml's XMLSyntaxError
        log.warning("%s: docconv's custom properties ignored (%s)", filename or "<docx>", exc)
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
    found, notes = _body(word)
    items = [i for i in found if isinstance(i, ListBlock) or i[0] != SOURCE_STYLE]
    texts = {i: item for i, item in enumerate(items) if isinstance(item, tuple)}
    titles = [i for i, (style, _, _) in texts.items() if style == "Title"]
    stored = _custom_metadata(word, filename)
    if titles:
        title = texts[titles[0]][1]
        del items[titles[0]]
    elif stored is not None:  # docconv writes a headline in Title: this article has none
        title = word.core_properties.title
    elif not (title := word.core_properties.title) and texts:
        first = min(texts)
        title = texts[first][1]
        del items[first]
    source = _header_source(word)
    last = items[-1] if items else None
    if isinstance(last, tuple) and (closing := source_in(last[1])) is not None:
        source = closing
        items.pop()
    blocks = (*_blocks(items), *map(Paragraph, notes))  # notes end the article, as on paper
    body = "\n".join(Document(Metadata(), blocks).texts(prose=True))  # none from code, captions
    keywords = word.core_properties.keywords
    meta = Metadata(
        title=title,
        source=source,
        dates=find_dates(title + "\n" + body),
        language=detect_language(title + body),
        origin=Origin.of(data, filename),
        keywords=tuple(k.strip() for k in keywords.split(",") if k.strip()),
    )
    return Document(meta, blocks).replace(**(stored or {}))


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
            description="Word document: headings, lists, quotes, paragraphs, tables, notes",
        )
    ]
