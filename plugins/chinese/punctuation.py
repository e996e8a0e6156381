"""Typeset punctuation: half-width ``,;:?!()`` inside Chinese text become full-width.

Articles copied from the web often carry ASCII punctuation inside Chinese
sentences (the seed uses ``,`` ``;`` ``:``). In a typeset page those look cramped
and wrong; the full-width forms (,;:?!()) are what Chinese typesetting uses.
English, numbers and code inside an article must come out exactly as written, so
a mark changes only when a Chinese character precedes it and a Chinese character,
a digit (考察結束後,7月9日) or the end of the clause follows it; curly quotes and
apostrophes are not Chinese. Parentheses change in pairs, nested pairs too, when
they hold Chinese text or follow a Chinese character.
The DOCX and PDF writers apply this transform by default (``-O punctuation=keep``
turns it off); any writer can use it with ``-T punctuation``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convert import Document, Option, Transform, hookimpl
from convert.model import BLOCK_KINDS
from convert.toolkit import fullwidth_punctuation, map_blocks


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
            blocks=BLOCK_KINDS,
            description="Half-width ,;:?!() in Chinese clauses become full-width",
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
