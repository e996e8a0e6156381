"""The text a reader sees of HTML inside Markdown (a CMS export's ``<p>`` paragraphs, a
``<figcaption>``, a ``<details>`` box): tags stripped, entities unescaped, one paragraph
per block-level element. Scripts, styles, templates and comments are not text.

The standard library's tolerant ``html.parser`` is enough: the HTML is a fragment, and
only its text is wanted, not its tree.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .article import join_lines

BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    )
)
"""Elements whose start or end separates paragraphs (``br`` included: a line of its own)."""
HIDDEN_TAGS = frozenset(("script", "style", "template", "noscript"))
"""Elements whose content is not shown to a reader."""
_HIDDEN_TAG = re.compile(rf"<(/?)(?:{'|'.join(HIDDEN_TAGS)})\b[^>]*?(/?)>", re.I)


class _Text(HTMLParser):
    """Collects the shown text, split into paragraphs at block-level tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.pending = ""
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.end_paragraph()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:  # <br/>, <hr/>; a self-closed <script/> hides nothing
            self.end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.end_paragraph()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pending += data

    def end_paragraph(self) -> None:
        text = join_lines([" ".join(line.split()) for line in self.pending.split("\n")])
        if text:
            self.paragraphs.append(text)
        self.pending = ""


def html_paragraphs(html: str) -> list[str]:
    """The paragraphs of text an HTML fragment shows, in reading order."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.end_paragraph()
    return parser.paragraphs


def hides(tag: str) -> int:
    """1 for a tag opening an element whose content is hidden (``<script>``), -1 for its
    end tag, 0 for any other: how a run of inline HTML tags and text counts what it shows."""
    match = _HIDDEN_TAG.match(tag)
    if match is None or match.group(2):
        return 0
    return -1 if match.group(1) else 1
