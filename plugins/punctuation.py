"""Typeset punctuation: half-width ``,;:?!()`` beside Chinese text become full-width.

Articles copied from the web often carry ASCII punctuation inside Chinese
sentences (the seed uses ``,`` ``;`` ``:``). In a typeset page those look cramped
and wrong; the full-width forms (,;:?!()) are what Chinese typesetting uses.
The DOCX and PDF writers apply this transform by default (``-O punctuation=keep``
turns it off); any writer can use it with ``-T punctuation``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from convert import Document, Option, Transform, hookimpl

from .textmap import map_blocks

FULLWIDTH = str.maketrans(",;:?!()", "\uff0c\uff1b\uff1a\uff1f\uff01\uff08\uff09")

# Ideographs, kana, CJK punctuation and full-width forms count as "Chinese" neighbours.
_CJK = (
    r"[\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    r"\U00020000-\U0003134f\u201c\u201d\u2018\u2019]"
)
_MARK_AFTER_CJK = re.compile(rf"(?<={_CJK})[,;:?!] *")
_MARK_BEFORE_CJK = re.compile(rf"[,;:?!] *(?={_CJK})")
_PARENS = re.compile(rf"(?<={_CJK})\(([^()]*)\)|\(([^()]*{_CJK}[^()]*)\)")


def _fullwidth(match: re.Match[str]) -> str:
    return match.group(0).rstrip(" ").translate(FULLWIDTH)


def _parens(match: re.Match[str]) -> str:
    inner = match.group(1) if match.group(1) is not None else match.group(2)
    return f"\uff08{inner}\uff09"


def fullwidth_punctuation(text: str) -> str:
    """Replace ``,;:?!`` next to a Chinese character, and ``()`` around or after Chinese text.

    Numbers and Latin text keep their punctuation: ``3,000``, ``10:30``, ``Hello, world``.
    """
    text = _PARENS.sub(_parens, text)
    text = _MARK_AFTER_CJK.sub(_fullwidth, text)
    return _MARK_BEFORE_CJK.sub(_fullwidth, text)


def typeset(document: Document) -> Document:
    """Apply :func:`fullwidth_punctuation` to the headline and every block."""
    return document.replace(
        title=fullwidth_punctuation(document.meta.title),
        blocks=map_blocks(document.blocks, fullwidth_punctuation),
    )


def apply(document: Document, options: Mapping[str, Any]) -> Document:
    return document if options["punctuation"] == "keep" else typeset(document)


@hookimpl
def register_transforms() -> list[Transform]:
    return [
        Transform(
            name="punctuation",
            aliases=("typeset-punctuation",),
            apply=apply,
            description="Half-width ,;:?!() beside Chinese text become full-width",
            options=(
                Option(
                    name="punctuation",
                    default="fullwidth",
                    choices=("fullwidth", "keep"),
                    help="fullwidth: typeset Chinese punctuation; keep: leave the text as written",
                ),
            ),
        )
    ]
