"""The ``pdf`` writer: a typeset Chinese article with every font embedded.

This module only declares the writer; reportlab and the layout code are
imported when a PDF is rendered, so ``docconv --help`` stays fast.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from convert import Document, Option, hookimpl
from convert.specs import Writer

log = logging.getLogger("docconv")


def _describe(chars: set[str]) -> str:
    return ", ".join(f"{c} (U+{ord(c):04X})" for c in sorted(chars))


def render_pdf(document: Document, options: Mapping[str, Any]) -> bytes:
    """Pick the fonts, lay the article out, and warn about characters no font can draw."""
    from . import pdf_fonts  # with pdf_layout: only when a PDF is rendered
    from .pdf_layout import build_pdf

    user = pdf_fonts.user_font(options["font"], options["font_index"])
    found = pdf_fonts.system_fonts()
    body_fonts, heading_fonts = pdf_fonts.font_order(user, found, document.meta.language)
    body, headings = pdf_fonts.FontChain(body_fonts), pdf_fonts.FontChain(heading_fonts)
    data = build_pdf(document, body, headings, options["paper"])
    if missing := body.missing | headings.missing:
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
            extension="pdf",
            media_type="application/pdf",
            binary=True,
            transforms=("punctuation",),
            description="Typeset PDF: embedded CJK fonts, Chinese line breaking, page numbers",
            options=(
                Option(name="paper", default="a4", choices=("a4", "letter"), help="Paper size"),
                Option(
                    name="font",
                    help="TrueType font file (.ttf/.ttc) to use first; others fill missing glyphs",
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
