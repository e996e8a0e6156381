"""Lay a Document out as a Chinese newspaper-style PDF page with reportlab.

Imported only when a PDF is rendered (it imports reportlab at the top). Text is
set by :class:`TextBlock`, not by reportlab's ``Paragraph``: ``Paragraph``
parses markup (an article's ``<b>`` would vanish), has no per-character font
fallback and breaks Chinese lines against the rules (see :mod:`.linebreak`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer
from reportlab.platypus.flowables import HRFlowable

import convert
from convert import Document, Heading, ListBlock, Paragraph, Quote
from convert.model import unhandled_block

from .chinese import is_chinese, is_simplified, source_line
from .linebreak import break_lines
from .pdf_fonts import FontChain
from .punctuation import fullwidth_punctuation

log = logging.getLogger("docconv")

PAPER = {"a4": A4, "letter": LETTER}
MARGIN = {"top": 25 * mm, "bottom": 25 * mm, "side": 24 * mm}
BODY_SIZE = 11.0
INK = HexColor("#1a1a1a")
GREY = HexColor("#666666")
RULE = HexColor("#999999")
_ASCENT = 0.86
"""Baseline position within the em box of CJK faces (WenQuanYi, UMing)."""


@dataclass(frozen=True)
class Style:
    """How one kind of block is set; sizes are in points, ``indent`` in ems."""

    chain: FontChain
    size: float = BODY_SIZE
    leading: float = 1.7
    indent: float = 2.0
    left: float = 0.0
    right: float = 0.0
    align: str = "justify"
    color: Color = INK
    before: float = 0.0
    after: float = 5.0
    rule: bool = False

    @property
    def line_height(self) -> float:
        return self.size * self.leading


class TextBlock(Flowable):  # type: ignore[misc]
    """A paragraph of plain text: Chinese line breaking, justification, font fallback."""

    def __init__(
        self,
        text: str,
        style: Style,
        *,
        marker: str = "",
        outline: tuple[str, str, int] | None = None,
        continued: bool = False,
        unfinished: bool = False,
    ) -> None:
        super().__init__()
        self.text, self.style, self.marker, self.outline = text, style, marker, outline
        # Parts of a paragraph split across pages: the tail is "continued" (no indent,
        # no space above), the head "unfinished" (last line justified, no space below).
        self.continued, self.unfinished = continued, unfinished
        self.lines: list[str] = []
        self._wrapped_width: float | None = None
        self.spaceBefore = 0.0 if continued else style.before
        self.spaceAfter = 0.0 if unfinished else style.after

    def _indent(self) -> float:
        return 0.0 if self.continued else self.style.indent * self.style.size

    def _measure(self, text: str) -> float:
        return self.style.chain.width(text, self.style.size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        style = self.style
        self.width = avail_width
        inner = avail_width - style.left - style.right
        # reportlab wraps a flowable several times, and each page of a long paragraph
        # again: reuse the lines for the same width so layout stays linear in the text.
        if self._wrapped_width != avail_width:
            self.lines = break_lines(self.text, self._measure, (inner - self._indent(), inner))
            if style.align == "center" and len(self.lines) > 1:
                self.lines = self._balanced(inner)
            self._wrapped_width = avail_width
        self.height = len(self.lines) * style.line_height
        return self.width, self.height

    def _balanced(self, inner: float) -> list[str]:
        """Centred lines of even length: the narrowest measure that needs no extra line."""
        count, low, high = len(self.lines), inner / 2, inner
        while high - low > 1:
            middle = (low + high) / 2
            if len(break_lines(self.text, self._measure, (middle,))) > count:
                low = middle
            else:
                high = middle
        return break_lines(self.text, self._measure, (high,))

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Split between lines, never leaving a single line alone at a page's foot or head."""
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.style.line_height)
        total = len(self.lines)
        if fit >= total:
            return [self]
        if total - fit == 1:
            fit -= 1
        if fit < 2:
            return []
        cut = self._consumed(fit)
        head = TextBlock(
            self.text[:cut],
            self.style,
            marker=self.marker,
            outline=self.outline,
            continued=self.continued,
            unfinished=True,
        )
        tail = TextBlock(self.text[cut:], self.style, continued=True, unfinished=self.unfinished)
        if self.style.align != "center":  # lines after the first are wrapped at full width
            tail.lines, tail._wrapped_width = self.lines[fit:], avail_width
        return [head, tail]

    def _consumed(self, count: int) -> int:
        """Length of the text the first ``count`` lines hold, spaces dropped at breaks included."""
        position = 0
        for line in self.lines[:count]:
            position = self.text.index(line, position) + len(line)
        while position < len(self.text) and self.text[position].isspace():
            position += 1
        return position

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        if self.outline is not None:
            self._bookmark(*self.outline)
        inner = self.width - style.left - style.right
        first_baseline = self.height - (style.line_height - style.size) / 2 - _ASCENT * style.size
        for number, line in enumerate(self.lines):
            baseline = first_baseline - number * style.line_height
            indent = self._indent() if number == 0 else 0.0
            natural = self._measure(line)
            spare = inner - indent - natural
            last = number == len(self.lines) - 1 and not self.unfinished
            x = style.left + indent
            spacing = 0.0
            if style.align == "center":
                x += spare / 2
            elif style.align == "justify" and not last and len(line) > 1:
                spacing = spare / (len(line) - 1)
            draw_text(canvas, style.chain, x, baseline, line, style.size, style.color, spacing)
        if self.marker and not self.continued:
            x = style.left - self.style.chain.width(self.marker + " ", style.size)
            draw_text(canvas, style.chain, x, first_baseline, self.marker, style.size, GREY)
        if style.rule:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(1.5)
            canvas.line(style.left - 8, 0, style.left - 8, self.height)

    def _bookmark(self, key: str, title: str, level: int) -> None:
        self.canv.bookmarkHorizontal(key, 0, self.height)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)


def draw_text(
    canvas: Canvas,
    chain: FontChain,
    x: float,
    y: float,
    text: str,
    size: float,
    color: Color = INK,
    spacing: float = 0.0,
) -> None:
    """Draw ``text`` literally (no markup), each character in the first font that has it."""
    obj = canvas.beginText(x, y)
    obj.setFillColor(color)
    obj.setCharSpace(spacing)
    for name, run in chain.runs(text):
        obj.setFont(name, size)
        obj.textOut(run)
    canvas.drawText(obj)


@dataclass(frozen=True)
class Furniture:
    """What is drawn around the text on every page: running header and page footer."""

    chain: FontChain
    header: str
    footer: Callable[[int, int], str]
    page_width: float
    page_height: float

    def draw(self, canvas: Canvas, number: int, total: int) -> None:
        left, right = MARGIN["side"], self.page_width - MARGIN["side"]
        size = 8.5
        if number > 1 and self.header:
            y = self.page_height - MARGIN["top"] + 14
            text = self._fit(self.header, right - left, size)
            width = self.chain.width(text, size)
            draw_text(canvas, self.chain, (left + right - width) / 2, y, text, size, GREY)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.4)
            canvas.line(left, y - 5, right, y - 5)
        footer = self.footer(number, total)
        width = self.chain.width(footer, size)
        y = MARGIN["bottom"] / 2
        draw_text(canvas, self.chain, (left + right - width) / 2, y, footer, size, GREY)

    def _fit(self, text: str, width: float, size: float) -> str:
        """``text`` shortened with an ellipsis until it fits ``width``."""
        if self.chain.width(text, size) <= width:
            return text
        while text and self.chain.width(text + "\u2026", size) > width:
            text = text[:-1]
        return text + "\u2026"


def page_label(language: str) -> Callable[[int, int], str]:
    """The footer: 第 N 頁 (Traditional), 第 N 页 (Simplified) or Page N, with the total."""
    if not is_chinese(language):
        return lambda n, total: f"Page {n} of {total}"
    page = "\u9875" if is_simplified(language) else "\u9801"
    return lambda n, total: f"\u7b2c {n} {page}\uff0c\u5171 {total} {page}"


def canvas_maker(furniture: Furniture) -> type[Canvas]:
    """A Canvas that holds pages back until the end, so each footer can say "of M"."""

    class PagedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                furniture.draw(self, number, total)
                super().showPage()
            super().save()

    return PagedCanvas


class Outline:
    """Bookmark entries: stable keys, levels never deeper than one below the previous entry."""

    def __init__(self) -> None:
        self.level = 0
        self.count = 0

    def entry(self, title: str, level: int) -> tuple[str, str, int]:
        self.level = max(0, min(level, self.level + 1))
        self.count += 1
        return f"heading{self.count}", title, self.level


def byline(document: Document) -> str:
    """The line under the headline: source and the first date the article gives."""
    parts = [source_line(document) or "", *document.meta.dates[:1]]
    return fullwidth_punctuation("\u3000".join(p for p in parts if p))


def story(document: Document, body: FontChain, headings: FontChain) -> Iterator[Flowable]:
    """The flowables for the headline, byline and every block."""
    paragraph = Style(body)
    outline = Outline()
    if document.meta.title:
        headline = Style(headings, size=20, leading=1.45, indent=0, align="center", after=6)
        yield TextBlock(
            document.meta.title, headline, outline=outline.entry(document.meta.title, 0)
        )
    if line := byline(document):
        yield TextBlock(line, Style(body, size=9.5, indent=0, align="center", color=GREY))
    if document.meta.title or line:
        yield HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=4, spaceAfter=14)
    for block in document.blocks:
        if isinstance(block, Heading):
            size = 14.0 if block.level <= 1 else 12.0
            style = Style(headings, size=size, leading=1.5, indent=0, align="left", before=10)
            flowable = TextBlock(block.text, style, outline=outline.entry(block.text, block.level))
            flowable.keepWithNext = 1
            yield flowable
        elif isinstance(block, ListBlock):
            item = replace(paragraph, indent=0, left=2 * BODY_SIZE, after=2)
            for number, text in enumerate(block.items, start=1):
                yield TextBlock(text, item, marker=f"{number}." if block.ordered else "\u2022")
            yield Spacer(1, 3)
        elif isinstance(block, Quote):
            side = 2 * BODY_SIZE
            quote = replace(paragraph, size=10.5, indent=0, left=side, right=side, color=GREY)
            yield TextBlock(block.text, replace(quote, rule=True, before=3, after=8))
        elif isinstance(block, Paragraph):
            yield TextBlock(block.text, paragraph)
        else:
            unhandled_block(block)


def lead_sentence(document: Document, limit: int = 120) -> str:
    """The article's first sentence, for the PDF Subject (a news lead says what it is about)."""
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.text.strip():
            text = block.text.strip()
            end = min((text.find(m) for m in "\u3002\uff01\uff1f" if m in text), default=-1)
            sentence = text[: end + 1] if end >= 0 else text
            return sentence if len(sentence) <= limit else sentence[: limit - 1] + "\u2026"
    return ""


def build_pdf(document: Document, body: FontChain, headings: FontChain, paper: str) -> bytes:
    """Lay out ``document`` and return the PDF bytes."""
    width, height = PAPER[paper]
    meta = document.meta
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=MARGIN["side"],
        rightMargin=MARGIN["side"],
        topMargin=MARGIN["top"],
        bottomMargin=MARGIN["bottom"],
        title=meta.title,
        author=meta.source or "",
        subject=lead_sentence(document),
        keywords=", ".join(meta.keywords),
        creator=f"docconv {convert.__version__}",
        lang=meta.language if meta.language != "und" else None,
        initialFontName=body.primary,
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        template.leftMargin,
        template.bottomMargin,
        template.width,
        template.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate("page", [frame])])
    furniture = Furniture(
        body, meta.title or meta.source or "", page_label(meta.language), width, height
    )
    flowables = list(story(document, body, headings)) or [Spacer(1, 0)]  # a PDF has a page
    template.build(flowables, canvasmaker=canvas_maker(furniture))
    return buffer.getvalue()
