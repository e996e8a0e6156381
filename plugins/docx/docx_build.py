"""Write the DOCX: the article's paragraphs as WordprocessingML text in the styled template.

The template (styles, fonts, page, header and footer, see ``docx_template``) comes from the
cache (``docx_cache``); here the body, the header's text, restarted list numbering and the
core and custom properties are written as text into its slots and the package is zipped. No
python-docx or lxml: a warm one-off conversion imports neither.
"""

from __future__ import annotations

import os
import time
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
    unhandled_block,
)
from convert.errors import UsageError
from convert.toolkit import source_line

from .docx_cache import Template, Templates
from .docx_custom import properties_xml
from .docx_names import CAPTION_STYLE, CODE_STYLE, SOURCE_STYLE, choose_fonts
from .docx_xml import XmlText, escape_text, paragraph_start, restart_numbering, run
from .docx_zip import archive

templates = Templates()


def timestamp() -> time.struct_time:
    """Now (UTC), or ``SOURCE_DATE_EPOCH`` (reproducible builds) when it is set.

    The ``time`` module, not ``datetime``: importing that costs more than writing a DOCX.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return time.gmtime()
    try:
        when = time.gmtime(int(raw))
    except (ValueError, OverflowError, OSError):
        when = None
    if when is None or not 1 <= when.tm_year <= 9999:  # what a document date can hold
        raise UsageError(f"SOURCE_DATE_EPOCH must be seconds since 1970, got {raw!r}")
    return when


def dateline(document: Document) -> str:
    """The source and the first date under the headline ("來源:無錫日報 7月9日-11日")."""
    parts = [source_line(document, fullwidth=True), *document.meta.dates[:1]]
    return "\u3000".join(part for part in parts if part)


class Numbering:
    """Numbers each ordered list from its start: the first list starting at 1 keeps the
    List Number style's own numbering, every other one gets a ``w:num`` restarting it
    (Word would otherwise continue the list before)."""

    def __init__(self, template: Template) -> None:
        self.list_number = template.numbering
        self.taken = set(template.numbering[1]) if template.numbering else set()
        self.used = False
        self.added: list[str] = []

    def num_id(self, start: int = 1) -> int | None:
        """The numbering for the next ordered list: None keeps the style's own."""
        first, self.used = not self.used, True
        if self.list_number is None or (first and start == 1):
            return None
        num_id = next(n for n in range(1, len(self.taken) + 2) if n not in self.taken)
        self.taken.add(num_id)  # the first id unused, as python-docx's add_num picks it
        self.added.append(restart_numbering(num_id, self.list_number[0], start))
        return num_id


def body_xml(document: Document, template: Template, clean: XmlText, numbering: Numbering) -> str:
    """The headline, the dateline and every block as ``w:p`` elements, each in its style."""
    starts = {name: paragraph_start(style_id) for name, style_id in template.styles.items()}
    out: list[str] = []

    def add(text: str, start: str) -> None:
        out.append(start)
        if text:
            out.append(run(text))
        out.append("</w:p>")

    if document.meta.title:
        add(clean(document.meta.title), starts["Title"])
    if line := dateline(document):
        add(clean(line), starts[SOURCE_STYLE])
    for block in document.blocks:
        if isinstance(block, Heading):
            add(clean(block.text), starts[f"Heading {min(max(block.level, 1), 9)}"])
        elif isinstance(block, ListBlock):
            num_id = numbering.num_id(block.start) if block.ordered else None
            style = "List Number" if block.ordered else "List Bullet"
            start = starts[style]
            if num_id is not None:
                start = paragraph_start(template.styles[style], num_id)
            for item in block.items:
                add(clean(item), start)
        elif isinstance(block, Quote):
            add(clean(block.text), starts["Quote"])
        elif isinstance(block, Paragraph):
            add(clean(block.text), starts["Body Text"])
        elif isinstance(block, Code):  # its lines as line breaks, its tabs as tabs
            add(clean(block.text), starts[CODE_STYLE])
        elif isinstance(block, Figure):  # the caption where the image stood
            add(clean(block.text), starts[CAPTION_STYLE])
        else:
            unhandled_block(block)
    return "".join(out)


def _property(value: str, limit: int = 255) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def properties(document: Document, clean: XmlText) -> dict[str, str]:
    """Core properties Word shows under File > Info, and search tools index.

    The OPC format caps each at 255 characters (a headline-less article's "headline" can be
    its whole text); longer values are shortened with an ellipsis.
    """
    meta = document.meta
    summary = meta.extras.get("summary", "")
    return {
        "title": _property(clean(meta.title, count=False)),  # title and source are in the body
        "creator": _property(clean(meta.source or "", count=False)),
        "subject": _property(clean(summary)) if isinstance(summary, str) else "",
        "keywords": _property(clean(", ".join(meta.keywords))),
    }


def build(document: Document, options: Mapping[str, Any]) -> bytes:
    """The DOCX bytes of ``document`` (see ``docx_writer`` for the options)."""
    reference = options["reference_docx"]
    fonts = choose_fonts(
        document.meta.language, options["body_font"], options["heading_font"], bool(reference)
    )
    paper = options["paper"] or (None if reference else "a4")
    clean = XmlText()
    source = clean(source_line(document, fullwidth=True) or "")
    template = templates.get(reference, fonts, paper, header=bool(source))
    numbering = Numbering(template)
    values = {
        "body": body_xml(document, template, clean, numbering),
        "numbering": "".join(numbering.added),
        "header": run(source) if source else "",
        "custom": properties_xml(document.meta, clean),
        **{name: escape_text(value) for name, value in properties(document, clean).items()},
    }
    when = timestamp()
    values["when"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", when)
    clean.warn(document.name)
    return archive(template.fill({k: v.encode() for k, v in values.items()}), when[:6])
