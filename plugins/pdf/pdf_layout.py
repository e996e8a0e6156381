"""Lay a Document out as a Chinese newspaper-style PDF page with reportlab.

Imported only when a PDF is rendered (it imports reportlab at the top). Text is
set by :class:`TextBlock`, not by reportlab's ``Paragraph``: ``Paragraph``
parses markup (an article's ``<b>`` would vanish), has no per-character font
fallback and breaks Chinese lines against the rules (see :mod:`.linebreak`).
Pages are filled by :mod:`.pdf_pages`, not by reportlab's platypus.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

import convert
from convert import Code, Document, Figure, Heading, ListBlock, Paragraph, Quote, unhandled_block
from convert.toolkit import (
    HEADLINE_LIMIT,
    fullwidth_punctuation,
    is_chinese,
    is_simplified,
    source_line,
)

from . import pdf_spacing
from .linebreak import break_lines
from .pdf_code import CodeBlock
from .pdf_fonts import FontChain
from .pdf_headline import headline_lines
from .pdf_pages import Block, Rule, Space, pour

log = logging.getLogger("docconv")

PAPER = {"a4": A4, "letter": LETTER}
MARGIN = {"top": 25 * mm, "bottom": 25 * mm, "side": 24 * mm}
BODY_SIZE = 11.0
INK = HexColor("#1a1a1a")
GREY = HexColor("#666666")
RULE = HexColor("#999999")
_ASCENT = 0.86
"""Baseline position within the em box of CJK faces (WenQuanYi, UMing)."""
_DASH = "\u2014\u2e3a"


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


class TextBlock:
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
        self.text, self.style, self.marker, self.outline = text, style, marker, outline
        # Parts of a paragraph split across pages: the tail is "continued" (no indent,
        # no space above), the head "unfinished" (last line justified, no space below).
        self.continued, self.unfinished = continued, unfinished
        self.lines: list[str] = []
        self._wrapped_width: float | None = None
        self.width = 0.0
        self.space_before = 0.0 if continued else style.before
        self.space_after = 0.0 if unfinished else style.after
        self.keep_with_next = False

    def _indent(self) -> float:
        return 0.0 if self.continued else self.style.indent * self.style.size

    def _measure(self, text: str) -> float:
        """Natural width: the glyphs and CLREQ's spaces between Han and Latin."""
        if len(text) == 1:  # most atoms: one Han character
            return self.style.chain.advance(text) * self.style.size / 1000.0
        return measure(self.style.chain, text, self.style.size)

    def _joint(self, before: str, after: str) -> float:
        return pdf_spacing.joint(before, after) * self.style.size

    def _loose(self, line: str, spare: float) -> bool:
        """Whether justifying ``line`` would spread a gap more than CLREQ allows."""
        count = pdf_spacing.gaps(line)
        return count == 0 or spare / count > pdf_spacing.MAX_STRETCH * self.style.size

    def wrap(self, avail_width: float, avail_height: float) -> float:
        style = self.style
        self.width = avail_width
        inner = avail_width - style.left - style.right
        # A block is wrapped several times, and each page of a long paragraph
        # again: reuse the lines for the same width so layout stays linear in the text.
        if self._wrapped_width != avail_width:
            if style.align == "center":
                self.lines = headline_lines(self.text, self._chars_width, inner, self._joint)
            else:
                widths = (inner - self._indent(), inner)
                self.lines = break_lines(
                    self.text, self._measure, widths, loose=self._loose, joint=self._joint
                )
            self._wrapped_width = avail_width
        return self.height

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.line_height

    def _chars_width(self, text: str) -> float:
        return self.style.chain.width(text, self.style.size)

    def split(self, avail_width: float, avail_height: float) -> list[Block]:
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

    def draw(self, canvas: Canvas) -> None:
        style = self.style
        if self.outline is not None:
            key, title, level = self.outline
            canvas.bookmarkHorizontal(key, 0, self.height)
            canvas.addOutlineEntry(title, key, level=level, closed=False)
        inner = self.width - style.left - style.right
        first_baseline = self.height - (style.line_height - style.size) / 2 - _ASCENT * style.size
        for number, line in enumerate(self.lines):
            baseline = first_baseline - number * style.line_height
            indent = self._indent() if number == 0 else 0.0
            natural = self._measure(line)
            spare = inner - indent - natural
            last = number == len(self.lines) - 1 and not self.unfinished
            x = style.left + indent
            stretch = 0.0
            if style.align == "center":
                x += spare / 2
            elif style.align == "justify" and not last and (count := pdf_spacing.gaps(line)):
                # CLREQ: a gap opens by at most a quarter em; a line that would need more
                # (no break point left) stays short rather than letter-spaced.
                stretch = min(spare / count, pdf_spacing.MAX_STRETCH * style.size)
            draw_text(canvas, style.chain, x, baseline, line, style.size, style.color, stretch)
        if self.marker and not self.continued:
            x = style.left - self.style.chain.width(self.marker + " ", style.size)
            draw_text(canvas, style.chain, x, first_baseline, self.marker, style.size, GREY)
        if style.rule:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(1.5)
            canvas.line(style.left - 8, 0, style.left - 8, self.height)


def measure(chain: FontChain, text: str, size: float) -> float:
    """The natural width of ``text``: its glyphs and the quarter ems between Han and Latin."""
    return chain.width(text, size) + pdf_spacing.joints(text) * size


def draw_text(
    canvas: Canvas,
    chain: FontChain,
    x: float,
    y: float,
    text: str,
    size: float,
    color: Color = INK,
    stretch: float = 0.0,
    spaced: bool = True,
) -> None:
    """Draw ``text`` literally (no markup), each character in the first font that has it.

    Gaps get CLREQ's quarter em between Han and Latin (unless not ``spaced``: code), and
    ``stretch`` points more where a justified line may open up. ``——`` is drawn as one
    continuous rule (its characters stay in the text, invisible, for search and copy).
    """
    doc = canvas._doc
    code = [f"BT 1 0 0 1 {fp_str(x, y)} Tm"]
    font_size = fp_str(size)
    rules: list[tuple[float, float]] = []
    origin = 0.0  # where the text line starts now, from x
    font_now, spacing_now = "", None  # Tc outlives a text object: set it at the start
    for font, run, start, spacing in _runs(chain, text, size, stretch, spaced):
        ttf = pdfmetrics.getFont(font)
        if spacing != spacing_now:
            code.append(f"{spacing:.4f} Tc")
            spacing_now = spacing
        dash = run[0] in _DASH
        if dash:
            code.append("3 Tr")  # invisible: the rule below is what shows
            rules.append((x + start, chain.width(run, size)))
        # One string per reportlab subset, each placed explicitly: PDF readers that drop
        # the character spacing after a string's last glyph (pdfminer) still place
        # every glyph where it is drawn.
        done = 0
        for subset, codes in ttf.splitString(run, doc):
            at = start + chain.width(run[:done], size) + spacing * done
            if abs(at - origin) > 1e-4:
                code.append(f"{at - origin:.4f} 0 Td")
                origin = at
            name = ttf.getSubsetInternalName(subset, doc)
            if name != font_now:
                code.append(f"{name} {font_size} Tf")
                font_now = name
            code.append(f"({escapePDF(codes)}) Tj")
            done += len(codes)
        if dash:
            code.append("0 Tr")
    code.append("ET")
    canvas.setFillColor(color)
    canvas.addLiteral(" ".join(code))
    if rules:
        canvas.saveState()
        canvas.setStrokeColor(color)
        canvas.setLineWidth(0.06 * size)
        middle = y + (_ASCENT - 0.5) * size
        for left, width in rules:
            canvas.line(left + 0.04 * size, middle, left + width - 0.04 * size, middle)
        canvas.restoreState()


def _runs(
    chain: FontChain, text: str, size: float, stretch: float, spaced: bool = True
) -> Iterator[tuple[str, str, float, float]]:
    """(font name, characters, offset from the line's start, space after each character).

    A run holds characters of one font set with equal gaps, so a justified run of Han
    text is one text operator with a character spacing.
    """
    offset = 0.0
    run, run_font, run_start, run_gap = "", "", 0.0, 0.0
    previous = ""
    scale, quarter = size / 1000.0, pdf_spacing.HAN_LATIN * size
    fixed = pdf_spacing.fixed_gaps(text)
    joints = pdf_spacing.joint_gaps(text) if spaced else set()
    for index, char in enumerate(text):
        font = chain.font_for(char).name
        gap = 0.0
        if index:
            gap = quarter if index - 1 in joints else 0.0
            if stretch and index - 1 not in fixed:
                gap += stretch
        offset += gap
        dash_edge = (char in _DASH) != (previous in _DASH) if previous else False
        same = run and font == run_font and not dash_edge
        if same and (len(run) == 1 or abs(gap - run_gap) < 1e-6):
            run_gap = gap
            run += char
        else:
            if run:
                yield run_font, run, run_start, run_gap
            run, run_font, run_start, run_gap = char, font, offset, 0.0
        offset += chain.advance(char) * scale
        previous = char
    if run:
        yield run_font, run, run_start, run_gap


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
            width = measure(self.chain, text, size)
            draw_text(canvas, self.chain, (left + right - width) / 2, y, text, size, GREY)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.4)
            canvas.line(left, y - 5, right, y - 5)
        footer = self.footer(number, total)
        width = measure(self.chain, footer, size)
        y = MARGIN["bottom"] / 2
        draw_text(canvas, self.chain, (left + right - width) / 2, y, footer, size, GREY)

    def _fit(self, text: str, width: float, size: float) -> str:
        """``text`` shortened with an ellipsis until it fits ``width`` (linear in its length)."""
        text = text[: int(width / (0.2 * size)) + 2]  # no glyph is narrower than a fifth em
        if measure(self.chain, text, size) <= width:
            return text
        room = width - measure(self.chain, "\u2026", size) - 0.25 * size
        used, end = 0.0, 0
        while end < len(text) and used + measure(self.chain, text[end], size) <= room:
            used += measure(self.chain, text[end], size)
            end += 1
        return text[:end] + "\u2026"


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


def draw_code(canvas: Canvas, chain: FontChain, x: float, y: float, line: str, size: float) -> None:
    """A line of code: as written, no quarter ems between Han and Latin."""
    draw_text(canvas, chain, x, y, line, size, spaced=False)


def story(
    document: Document, body: FontChain, headings: FontChain, code: FontChain | None = None
) -> Iterator[Block]:
    """What is set on the pages: the headline, byline and every block (code in ``code``'s
    faces, the body's when not given)."""
    paragraph = Style(body)
    outline = Outline()
    title = document.meta.title
    if len(title) > HEADLINE_LIMIT:
        log.warning(
            "%s: the headline has %d characters (more than %d); it is set as the first "
            "paragraph (is the file missing its line breaks?)",
            document.name,
            len(title),
            HEADLINE_LIMIT,
        )
        yield TextBlock(title, paragraph)
    elif title:
        headline = Style(headings, size=20, leading=1.45, indent=0, align="center", after=6)
        yield TextBlock(title, headline, outline=outline.entry(title, 0))
    caption = Style(body, size=9.5, indent=0, align="center", color=GREY)
    if line := byline(document):
        yield TextBlock(line, caption)
    if title or line:
        yield Rule(0.6, RULE, before=4, after=14)
    for block in document.blocks:
        if isinstance(block, Heading):
            size = 14.0 if block.level <= 1 else 12.0
            style = Style(headings, size=size, leading=1.5, indent=0, align="left", before=10)
            heading = TextBlock(block.text, style, outline=outline.entry(block.text, block.level))
            heading.keep_with_next = True
            yield heading
        elif isinstance(block, ListBlock):
            marks = [f"{n}." if block.ordered else "\u2022" for n in block.numbers()]
            widest = max((body.width(m + " ", BODY_SIZE) for m in marks), default=0)  # 2024.
            item = replace(paragraph, indent=0, left=max(2 * BODY_SIZE, widest), after=2)
            for mark, text in zip(marks, block.items, strict=True):
                yield TextBlock(text, item, marker=mark)
            yield Space(3)
        elif isinstance(block, Quote):
            side = 2 * BODY_SIZE
            quote = replace(paragraph, size=10.5, indent=0, left=side, right=side, color=GREY)
            yield TextBlock(block.text, replace(quote, rule=True, before=3, after=8))
        elif isinstance(block, Paragraph):
            yield TextBlock(block.text, paragraph)
        elif isinstance(block, Code):
            yield CodeBlock(block.text, code or body, draw_code)
        elif isinstance(block, Figure):  # the caption where the image stood
            yield TextBlock(block.text, replace(caption, before=2, after=8))
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


def build_pdf(
    document: Document,
    body: FontChain,
    headings: FontChain,
    paper: str,
    code: FontChain | None = None,
) -> bytes:
    """Lay out ``document`` and return the PDF bytes (code blocks in ``code``'s faces)."""
    width, height = PAPER[paper]
    meta = document.meta
    buffer = io.BytesIO()
    furniture = Furniture(
        body, meta.title or meta.source or "", page_label(meta.language), width, height
    )
    canvas = canvas_maker(furniture)(
        buffer,
        pagesize=(width, height),
        initialFontName=body.primary,
        initialFontSize=BODY_SIZE,
        lang=meta.language if meta.language != "und" else None,
    )
    canvas.setAuthor(meta.source or "")
    canvas.setTitle(meta.title)
    canvas.setSubject(lead_sentence(document))
    canvas.setCreator(f"docconv {convert.__version__}")
    canvas.setKeywords(", ".join(meta.keywords))
    text_width = (width - MARGIN["side"]) - MARGIN["side"]
    text_height = (height - MARGIN["top"]) - MARGIN["bottom"]
    blocks = list(story(document, body, headings, code)) or [Space(0)]  # a PDF has a page
    pour(canvas, blocks, (MARGIN["side"], MARGIN["bottom"], text_width, text_height))
    canvas.save()
    return buffer.getvalue()
