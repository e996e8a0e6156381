"""The ``pdf`` writer: a typeset Chinese article with every font embedded.

This module only declares the writer; reportlab and the layout code are
imported when a PDF is rendered, so ``docconv --help`` stays fast.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from convert import Code, Document, Option, Writer, hookimpl
from convert.model import BLOCK_KINDS

log = logging.getLogger("docconv")


def _describe(chars: set[str]) -> str:
    return ", ".join(f"{c} (U+{ord(c):04X})" for c in sorted(chars))


_FURNITURE = "".join(map(chr, range(0x20, 0x7F))) + (
    "\u2026\u2022\u3000\u7b2c\u9801\u9875\u5171\uff0c\uff1a\uff1b\uff08\uff09"
)
"""Characters the page furniture may draw beside the article's (page numbers, ellipsis)."""


def _characters(document: Document) -> tuple[set[str], set[str]]:
    """(characters set in the body face, characters set in the heading face)."""
    from convert import Heading, block_texts

    headings = set(document.meta.title)
    body = set(document.meta.title) | set(_FURNITURE)
    body.update(document.meta.source or "", *document.meta.dates)
    for block in document.blocks:
        (headings if isinstance(block, Heading) else body).update(*block_texts(block))
    return body, headings | set(_FURNITURE)


def render_pdf(document: Document, options: Mapping[str, Any]) -> bytes:
    """Pick the fonts, lay the article out, and warn about characters no font can draw."""
    from . import pdf_fonts  # with pdf_layout: only when a PDF is rendered
    from .pdf_layout import build_pdf

    user = pdf_fonts.user_font(options["font"], options["font_index"])
    found = pdf_fonts.system_fonts()
    body_fonts, heading_fonts = pdf_fonts.font_order(user, found, document.meta.language)
    body_chars, heading_chars = _characters(document)
    latin = pdf_fonts.latin_face(body_fonts, user)
    body = pdf_fonts.FontChain(body_fonts, body_chars, latin)
    headings = pdf_fonts.FontChain(heading_fonts, heading_chars)
    code = None
    if any(isinstance(block, Code) for block in document.blocks):  # Latin monospace, CJK body
        code = pdf_fonts.FontChain(body_fonts, body_chars, pdf_fonts.latin_mono() or latin)
    data = build_pdf(document, body, headings, options["paper"], code)
    if missing := body.missing | headings.missing | (code.missing if code else set()):
        log.warning(
            "%s: no available font has %s; they show as empty boxes "
            "(pass -O font=PATH with a font that has them)",
            document.name,
            _describe(missing),
        )
    return data


@hookimpl
def register_writers() -> list[Writer]:
    return [
        Writer(
            name="pdf",
            render=render_pdf,
            blocks=BLOCK_KINDS,
            extension="pdf",
            media_type="application/pdf",
            binary=True,
            transforms=("punctuation",),
            description="Typeset PDF: embedded CJK fonts, Chinese line breaking, page numbers",
            options=(
                Option(name="paper", default="a4", choices=("a4", "letter"), help="Paper size"),
                Option(
                    name="font",
                    help="Font file (.ttf/.ttc/.otf) to use first; others fill missing glyphs",
                ),
                Option(
                    name="font_index",
                    type=int,
                    default=0,
                    help="Face number inside a .ttc font collection",
                ),
            ),
        )
    ]
