"""The ``docx`` writer: a Word document typeset for Chinese news text.

Headline in Word's Title style, a source-and-date line, body paragraphs in Body Text
(two-character first-line indent, justified), East Asian fonts and language set in every
style, A4, page numbers, core properties; byte-identical under ``SOURCE_DATE_EPOCH``.
python-docx is imported only to build the styled template, once per machine and choice of
fonts (it is cached), so listing formats and writing DOCX files stay fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convert import Document, Option, Writer, hookimpl
from convert.model import BLOCK_KINDS

OPTIONS = (
    Option(
        name="body_font",
        help="East Asian body font (default: Noto Serif CJK TC / SC; Word without it uses "
        "PMingLiU / SimSun)",
    ),
    Option(
        name="heading_font",
        help="East Asian heading font (default: Noto Sans CJK TC / HK / SC; Word without it "
        "uses Microsoft JhengHei / YaHei)",
    ),
    Option(
        name="paper",
        choices=("a4", "letter"),
        help="Paper size (default: a4, or the reference document's)",
    ),
    Option(
        name="reference_docx",
        help="Start from this DOCX's styles, page setup and theme (like pandoc --reference-doc)",
    ),
)


def render_docx(document: Document, options: Mapping[str, Any]) -> bytes:
    from .docx_build import build  # only when a DOCX is rendered

    return build(document, options)


@hookimpl
def register_writers() -> list[Writer]:
    return [
        Writer(
            name="docx",
            aliases=("word",),
            render=render_docx,
            blocks=BLOCK_KINDS,
            extension="docx",
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            binary=True,
            description="Word document typeset for Chinese (fonts, language, A4, page numbers)",
            options=OPTIONS,
            transforms=("punctuation",),
        )
    ]
