"""WordprocessingML written as text: escaping, runs and paragraphs, without an XML library.

The body of a news article is only paragraphs of one run each, so it is emitted as
strings instead of being built as an lxml tree and serialised: the same bytes python-docx
and lxml produce (``tests/test_docx_xml.py`` compares them on hostile text), at a fraction
of the cost and without importing either.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger("docconv")

# Characters XML 1.0 cannot hold: C0 controls other than tab/newline/return, surrogates, U+FFFE/F.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("([\t\n\r])")
_BREAK_XML = {"\t": "<w:tab/>", "\n": "<w:br/>", "\r": "<w:br/>"}


class XmlText:
    """Drops characters XML cannot hold, counting them so the writer warns once."""

    def __init__(self) -> None:
        self.dropped = 0

    def __call__(self, text: str, count: bool = True) -> str:
        """``text`` without them; ``count=False`` for text already counted once."""
        cleaned, dropped = _XML_ILLEGAL.subn("", text)
        self.dropped += dropped if count else 0
        return cleaned

    def warn(self, name: str) -> None:
        if self.dropped:
            log.warning(
                "%s: dropped %d control character(s) that a DOCX cannot hold", name, self.dropped
            )


def escape_text(text: str) -> str:
    """Character data as libxml2 writes it: ``&``, ``<``, ``>`` and carriage return escaped."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def escape_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes."""
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                         ("\t", "&#9;"), ("\n", "&#10;"), ("\r", "&#13;")):  # fmt: skip
        value = value.replace(char, entity)
    return value


def _t(text: str) -> str:
    """A ``w:t``; surrounding white space is kept with ``xml:space``, as python-docx does."""
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escape_text(text)}</w:t>'
    return f"<w:t>{escape_text(text)}</w:t>"


def run(text: str) -> str:
    """A ``w:r`` holding ``text``: tabs become ``w:tab``, line breaks ``w:br`` (python-docx's
    ``Run.text``)."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f"<w:r>{_t(text)}</w:r>" if text else "<w:r/>"
    pieces = _BREAKS.split(text)  # text, break, text, ...: empty texts write nothing
    return (
        "<w:r>"
        + "".join(_BREAK_XML[p] if i % 2 else _t(p) for i, p in enumerate(pieces) if p)
        + "</w:r>"
    )


def paragraph_start(style_id: str | None, num_id: int | None = None) -> str:
    """A ``w:p`` up to its content: the style (none for the default style) and numbering."""
    props = f'<w:pStyle w:val="{escape_attribute(style_id)}"/>' if style_id is not None else ""
    if num_id is not None:
        props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    return f"<w:p><w:pPr>{props}</w:pPr>" if props else "<w:p><w:pPr/>"


def restart_numbering(num_id: int, abstract_id: int, start: int = 1) -> str:
    """A ``w:num`` restarting ``abstract_id``'s list at ``start`` (python-docx's ``add_num``)."""
    return (
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
    )
