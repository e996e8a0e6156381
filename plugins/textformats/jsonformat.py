"""The document model as JSON: a reader and a writer, so scripts can pipe documents."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from convert import Document, Option, Reader, Writer, hookimpl
from convert.errors import InputError
from convert.model import BLOCK_KINDS
from convert.toolkit import ENCODING, DecodingWarning, decode


def looks_like_json_document(data: bytes) -> bool:
    """A docconv JSON document: an object (in any encoding) with a ``schema_version`` key.

    Quiet: the reader chosen decodes again and reports any guess it makes.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DecodingWarning)
            text, _ = decode(data)
    except InputError:
        return False
    return text.lstrip().startswith("{") and '"schema_version"' in text


def read_json(data: bytes, filename: str | None, options: Mapping[str, Any]) -> Document:
    text, _ = decode(data, options.get("encoding"))
    try:
        return Document.from_json(text)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def render_json(document: Document, options: Mapping[str, Any]) -> bytes:
    return document.to_json(indent=options["indent"] or None).encode("utf-8")


@hookimpl
def register_readers() -> list[Reader]:
    return [
        Reader(
            name="json",
            read=read_json,
            extensions=("json",),
            sniff=looks_like_json_document,
            media_type="application/json",
            description="docconv document model as JSON",
            options=(ENCODING,),
        )
    ]


@hookimpl
def register_writers() -> list[Writer]:
    return [
        Writer(
            name="json",
            render=render_json,
            blocks=BLOCK_KINDS,
            extension="json",
            media_type="application/json",
            description="docconv document model as JSON (lossless, versioned)",
            options=(
                Option(
                    name="indent",
                    type=int,
                    default=2,
                    min=0,
                    max=16,
                    help="Indentation (0-16); 0 for one line.",
                ),
            ),
        )
    ]
