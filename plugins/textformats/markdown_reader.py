"""Markdown articles read into the document model: CommonMark (markdown-it-py, with GFM
tables) mapped onto headline, headings, paragraphs, lists, quotes, code and figures.

Markup is reduced to the text a reader sees: emphasis and links to their text (an
autolink's text is its URL), raw HTML to its text (tags stripped, block-level elements
separating paragraphs; scripts, styles and comments dropped), footnotes to ``[1]``
markers and ``[1] …`` paragraphs at the end, fenced and indented code to code blocks
(lines kept; an indented block of mostly Han text is paragraphs indented, read as text),
a paragraph's images to figures beside it (the alt text the caption), thematic breaks
dropped. Lines broken inside a paragraph are joined as the plain-text reader joins
them (no space between Chinese characters). A first ``#`` heading is the headline; the
model has no nesting, so a list inside a list continues it and a quote's paragraphs are
quotes each. A paragraph made only of bold-labelled lines (``**來源：** 大公報``, a
byline block) keeps each line as its own paragraph, and its source line is the source
(every writer prints it). Lines with no blank line and no markup are a plain-text
article saved as .md, read as the text reader reads it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from convert import Block, Code, Document, Figure, Heading, ListBlock, Origin, Paragraph, Quote
from convert.errors import InputError
from convert.toolkit import find_dates, has_han, source_in

from .article import article_document, decode_article, join_lines
from .frontmatter import split_front_matter
from .text import parse_article

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.tree import SyntaxTreeNode

DEPTH = 40
"""Block levels a document may nest: a quote is one level, a list two (the list and its
item), so 40 quotes or 20 lists inside each other are read, one more is refused."""
INLINE_DEPTH = 8
"""Emphasis and links inside each other that are read as markup; deeper, as text. Each
unclosed ``[`` costs markdown-it a scan as many levels deep as this allows, so its
default (20, shared with blocks) makes a file of ``[`` take 20 s per MB."""

SIZE_LIMIT = 1_000_000
"""Characters of Markdown read (some 200 news articles): markdown-it-py keeps an object per
piece of markup, ~150 MiB and 4 s of CPU per million characters of news, up to ~1 GiB
for a crafted table of 2,000 columns. More is refused rather than swapped."""
FIELD_LIMIT = 60
"""Characters a byline value (a source, a date) may have; a longer line stays text."""

_LISTS = ("bullet_list", "ordered_list")
_BREAKS = ("softbreak", "hardbreak")
_BR = re.compile(r"<br\s*/?>", re.I)
_COLONS = (":", "\uff1a")
_DATE_LABEL = re.compile(
    r"(?:(?:發佈|发布|發布|出版|更新)?(?:日期|時間|时间)|date|published|updated)\s*[:\uff1a]?",
    re.I,
)


class _TooDeep(Exception):
    """Raised inside the parser when blocks nest deeper than :data:`DEPTH`."""


def _depth_guard(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule tried first at every block start: markdown-it itself stops parsing at
    its nesting limit and silently drops the rest of the document, so refuse before it."""
    if state.level > DEPTH:
        raise _TooDeep
    return False


@functools.cache
def _parser() -> MarkdownIt:
    """Blocks nest up to :data:`DEPTH`, inline markup up to :data:`INLINE_DEPTH`: markdown-it
    has one limit for both, so a second parser with the inline limit reads the inlines."""
    from markdown_it import MarkdownIt  # only when Markdown is read
    from mdit_py_plugins.footnote import footnote_plugin

    # markdown-it stops at maxNesting; a list item opened at DEPTH + 1 tokenizes its
    # content at DEPTH + 2, where the guard must still be the one to see it.
    parser = MarkdownIt("commonmark", {"maxNesting": DEPTH + 4}).enable("table")
    parser.use(footnote_plugin)
    parser.block.ruler.before("table", "docconv_depth", _depth_guard)
    inline = MarkdownIt("commonmark", {"maxNesting": INLINE_DEPTH}).use(footnote_plugin)

    def inlines(state: StateCore) -> None:
        for token in state.tokens:
            if token.type == "inline":
                token.children = token.children or []
                inline.inline.parse(token.content, inline, state.env, token.children)

    parser.core.ruler.at("inline", inlines)
    parser.core.ruler.before("footnote_tail", "docconv_unused_notes", _unused_notes)
    return parser


def _unused_notes(state: StateCore) -> None:
    """The footnote plugin drops a definition that no reference uses; rename its tokens so
    that it stays where it is written, as text (``[x] …``)."""
    refs = state.env.get("footnotes", {}).get("refs", {})
    unused = False
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            unused = refs.get(":" + token.meta["label"]) == -1
        if unused and token.type.startswith("footnote_reference_"):
            token.type = token.type.replace("footnote_reference", "footnote_unused")


def read_markdown(data: bytes, filename: str | None, options: Mapping[str, Any]) -> Document:
    text, encoding = decode_article(data, options)
    if len(text) > SIZE_LIMIT:
        raise InputError(
            f"Markdown of {len(text):,} characters is over the md reader's limit of "
            f"{SIZE_LIMIT:,} (split the file, or read it as plain text with -f text)"
        )
    fields, body = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    article = parse_markdown(body, fields.get("title", ""), fields.get("source"))
    if not article.title and not article.blocks:
        raise InputError("no text to convert (only Markdown markup: images, rules, HTML)")
    summary = fields.get("summary")
    return article_document(
        article.title,
        article.blocks,
        article.source,
        Origin.of(data, filename, encoding),
        dates=(*fields.get("dates", ()), *article.dates),
        language=fields.get("language"),
        keywords=fields.get("keywords", ()),
        extras={"summary": summary} if summary else None,
    )


class Parsed(NamedTuple):
    """A Markdown article: headline, blocks, and what its byline lines or closing source
    line said (dates as written)."""

    title: str
    blocks: list[Block]
    source: str | None
    dates: list[str]


def parse_markdown(text: str, title: str = "", source: str | None = None) -> Parsed:
    """The article in Markdown ``text``. A ``title`` or ``source`` given (by front matter)
    wins: a first ``#`` heading or a source line repeating it is dropped, one saying
    otherwise stays text."""
    from markdown_it.tree import SyntaxTreeNode

    try:
        root = SyntaxTreeNode(_parser().parse(text))
    except _TooDeep:
        raise InputError(
            f"Markdown nested more than {DEPTH} levels deep (quotes and lists inside each "
            "other: a quote counts one level, a list two)"
        ) from None
    if _plain_layout(root, text):
        return _plain_article(text, title, source)
    return _Article(title, source).read(root.children)


def _plain_layout(root: SyntaxTreeNode, text: str) -> bool:
    """Whether ``text`` is a plain-text article saved as Markdown: lines with no blank line
    between them and no markup (Markdown would read them as one paragraph)."""
    lines = [line.strip() for line in text.strip().split("\n")]
    if len(lines) < 2 or len(root.children) != 1 or root.children[0].type != "paragraph":
        return False
    shown = _text(root.children[0].children[0].children)  # the paragraph's inline text
    return [line.strip() for line in shown.split("\n")] == lines


def _plain_article(text: str, title: str, source: str | None) -> Parsed:
    """``text`` read as the plain-text reader reads it (a line each: headline, paragraphs,
    source line); a title or source given by front matter wins, as in :func:`parse_markdown`."""
    headline, blocks, found = parse_article(text)
    if title and headline and headline != title:
        blocks.insert(0, Paragraph(headline))
    if found is not None and source not in (None, found):
        blocks.append(Paragraph(text.strip().split("\n")[-1].strip()))
        found = source
    return Parsed(title or headline, blocks, found or source, [])


class _Article:
    """The walk over the top-level blocks: headline, byline blocks, closing source line."""

    def __init__(self, title: str, source: str | None) -> None:
        self.given_title = title
        self.title = title
        self.source = source
        self.dates: list[str] = []
        self.blocks: list[Block] = []
        self.closing: Paragraph | None = None  # the last block, if a one-line paragraph
        self.notes: list[Block] = []

    def read(self, nodes: Sequence[SyntaxTreeNode]) -> Parsed:
        for node in nodes:
            if node.type == "heading" and node.tag == "h1" and not self.blocks:
                text = _joined(_lines(node))
                if not self.title:
                    self.title = text
                    continue
                if text == self.given_title:
                    continue
            if node.type == "footnote_block":
                self.notes += _notes(node)
            elif node.type == "paragraph":
                before, lines, after = _figures(_lines(node))
                self._add(before)
                if not self._byline(lines):
                    text = _joined(lines)
                    self._add([Paragraph(text)] if text else [], closing=len(lines) == 1)
                self._add(after)
            else:
                self._add(_blocks(node))
        if self.closing is not None and self.blocks[-1] is self.closing:
            found = source_in(self.closing.text)
            if found is not None and self.source in (None, found):
                self.source = found
                self.blocks.pop()
        return Parsed(self.title, self.blocks + self.notes, self.source, self.dates)

    def _byline(self, lines: list[list[SyntaxTreeNode]]) -> bool:
        """Take a paragraph of bold-labelled lines line by line (False for any other): the
        source line goes to the metadata (every writer prints it), other lines (記者：…,
        日期：…) stay paragraphs; a date line's date also comes first in the metadata."""
        labelled = [pair for pair in map(_labelled, lines) if pair is not None]
        if not labelled or len(labelled) < len(lines):
            return False
        for label, value in labelled:
            text = join_lines([label, value])
            found = source_in(text) if _is_field(value) else None
            if found is not None and self.source in (None, found):
                self.source = found
            else:
                if _is_field(value) and _DATE_LABEL.fullmatch(label) and find_dates(value):
                    self.dates.append(value)
                self._add([Paragraph(text)], closing=True)
        return True

    def _add(self, blocks: list[Block], closing: bool = False) -> None:
        if blocks:
            self.blocks += blocks
            last = blocks[-1]
            self.closing = last if closing and isinstance(last, Paragraph) else None


def _is_field(value: str) -> bool:
    """Whether a labelled line's value reads as a field (大公報, 2025-11-28 06:10), not as
    text that starts with a bold lead-in (**日期：** 11月28日下午，大埔發生…。)."""
    return len(value) <= FIELD_LIMIT and "\u3002" not in value


def _blocks(node: SyntaxTreeNode) -> list[Block]:
    """The model's blocks for one Markdown block (none for a rule, HTML, an image alone)."""
    if node.type == "heading":
        text = _joined(_lines(node))
        return [Heading(text, level=max(1, int(node.tag[1:]) - 1))] if text else []
    if node.type in _LISTS:
        items = _items(node)
        ordered = node.type == "ordered_list"
        start = int(node.attrs.get("start", 1)) if ordered else 1  # 3. 4. stays 3. 4.
        return [ListBlock(tuple(items), ordered=ordered, start=start)] if items else []
    if node.type == "fence" or (node.type == "code_block" and not _indented_prose(node.content)):
        text = node.content.removesuffix("\n")  # its lines as written, indentation and all
        words = node.info.split()
        return [Code(text, language=words[0] if words else None)] if text.strip() else []
    if node.type == "table":
        rows = _texts(node)
        return [ListBlock(tuple(rows))] if rows else []
    if node.type == "blockquote":
        quoted: list[Block] = []
        for child in node.children:
            if child.type in _LISTS:
                quoted += _blocks(child)
            else:
                quoted += [Quote(text) for text in _texts(child)]
        return quoted
    return [Paragraph(text) for text in _texts(node)]


def _indented_prose(text: str) -> bool:
    """Whether an indented code block is article text indented by four spaces (as some
    exports indent paragraphs), not code: mostly Han characters, as program text is not."""
    shown = [ch for ch in text if not ch.isspace()]
    return 2 * sum(map(has_han, shown)) > len(shown)


def _texts(node: SyntaxTreeNode) -> list[str]:
    """The paragraph-sized texts of any block, in reading order."""
    if node.type in ("paragraph", "heading", "th", "td"):
        text = _joined(_lines(node))
        return [text] if text else []
    if node.type in ("code_block", "fence"):
        chunks = re.split(r"\n[ \t]*\n", node.content)
        texts = [join_lines([line.strip() for line in chunk.split("\n")]) for chunk in chunks]
        return [text for text in texts if text]
    if node.type in _LISTS:
        return _items(node)
    if node.type == "tr":
        cells = [text for child in node.children for text in _texts(child)]
        return [" | ".join(cells)] if cells else []
    if node.type == "footnote_unused":
        texts = [text for child in node.children for text in _texts(child)]
        return [f"[{node.meta['label']}] {texts[0]}", *texts[1:]] if texts else []
    if node.type == "html_block":
        from .html_text import html_paragraphs

        return html_paragraphs(node.content)
    if node.type == "hr":
        return []
    return [text for child in node.children for text in _texts(child)]


def _notes(block: SyntaxTreeNode) -> list[Block]:
    """The footnotes at the end of the text, as plain text prints them: ``[1] 註文``, the
    number its reference marker shows."""
    notes: list[Block] = []
    for note in block.children:
        texts = [text for child in note.children for text in _texts(child)]
        if texts:
            notes += [Paragraph(f"[{note.meta['id'] + 1}] {texts[0]}")]
            notes += [Paragraph(text) for text in texts[1:]]
    return notes


def _items(node: SyntaxTreeNode) -> list[str]:
    """A list's items; the items of a list inside an item follow that item."""
    items: list[str] = []
    for item in node.children:
        own: list[str] = []
        nested: list[str] = []
        for child in item.children:
            if child.type in _LISTS:
                nested += _items(child)
            else:
                own += _texts(child)
        text = join_lines(own)
        items += [text, *nested] if text else nested
    return items


def _figures(
    lines: list[list[SyntaxTreeNode]],
) -> tuple[list[Block], list[list[SyntaxTreeNode]], list[Block]]:
    """A paragraph's images as figures (their alt text the caption), taken out of its
    lines: those before its first text come before it, the others after it. A caption run
    into the text (``![統計表](t.jpg)警方昨日…``) would otherwise change its first sentence,
    and the brief would take a caption for the gist. An image whose alt text says nothing
    (none, an icon) is dropped."""
    before: list[Block] = []
    after: list[Block] = []
    kept: list[list[SyntaxTreeNode]] = []
    for line in lines:
        kept.append([])
        for node in line:
            if node.type != "image":
                kept[-1].append(node)
                continue
            caption = _joined([list(node.children)])
            if any(ch.isalnum() for ch in caption):
                seen = any(_text(piece).strip() for piece in kept)
                src = str(node.attrs.get("src") or "") or None
                (after if seen else before).append(Figure(caption, src))
    return before, kept, after


def _lines(node: SyntaxTreeNode) -> list[list[SyntaxTreeNode]]:
    """The inline content of a paragraph or heading, split where its lines break."""
    lines: list[list[SyntaxTreeNode]] = [[]]
    for inline in node.children:
        for child in inline.children:
            if child.type in _BREAKS or (child.type == "html_inline" and _BR.match(child.content)):
                lines.append([])
            else:
                lines[-1].append(child)
    return lines


def _joined(lines: list[list[SyntaxTreeNode]]) -> str:
    """The lines' text, joined as the plain-text reader joins wrapped lines."""
    return join_lines([piece.strip() for line in lines for piece in _text(line).split("\n")])


def _text(nodes: Sequence[SyntaxTreeNode]) -> str:
    """What a reader sees of inline markup; a line break nested in it is ``\\n``."""
    parts: list[str] = []
    hidden = 0  # inside inline <script>, <style>, <template>: not shown
    for node in nodes:
        if node.type == "html_inline":
            from .html_text import hides  # html.parser only when a file has HTML

            parts.append("\n" if _BR.match(node.content) else "")
            hidden = max(0, hidden + hides(node.content))
        elif hidden:
            continue
        elif node.type in ("text", "text_special", "code_inline"):
            parts.append(node.content)
        elif node.type in _BREAKS:
            parts.append("\n")
        elif node.type == "footnote_ref":
            parts.append(f"[{node.meta['id'] + 1}]")
        elif node.type == "link":  # its text; an icon's ([🔗](url), [→](url)) says nothing
            text = _text(node.children)
            parts.append(text if any(ch.isalnum() for ch in text) else "")
        elif node.type != "image":  # emphasis, anything newer
            parts.append(_text(node.children))
    return "".join(parts)


def _labelled(line: Sequence[SyntaxTreeNode]) -> tuple[str, str] | None:
    """``("來源：", "大公報")`` for a line ``**來源：** 大公報`` (the label bold or italic, the
    colon inside or after it); None when the line has no such label. Joined again, the
    space Markdown needs after a bold label ending in ``：`` is gone, as plain text has it."""
    nodes = [node for node in line if node.type != "text" or node.content.strip()]
    if not nodes or nodes[0].type not in ("strong", "em"):
        return None
    label = _joined([[nodes[0]]])
    rest = _joined([list(nodes[1:])])
    if label and not label.endswith(_COLONS) and rest.startswith(_COLONS):
        label, rest = label + rest[0], rest[1:].lstrip()
    return (label, rest) if label.endswith(_COLONS) else None
