"""Code blocks on the page: lines as written, in a monospace face, wrapped only where a
line is wider than the text area (never cut).

Program text is no prose: no justification, no quarter ems between Han and Latin, no
line-breaking rules for Chinese punctuation (``print("你好，world")`` breaks where it
reaches the edge, as an editor wraps it), and tabs are four columns. Chinese in comments
comes from the body's CJK fonts (the chain's fallback).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from .pdf_fonts import FontChain
from .pdf_pages import Block

SIZE = 9.5
LEADING = 1.45
SHADE = HexColor("#f3f3f3")
PAD = 4.0  # points of shade around the text
TAB = 4

DrawLine = Callable[[Canvas, FontChain, float, float, str, float], None]
"""Draws a line of text literally at (x, baseline) in a size, without CLREQ's spacing."""


def wrap_line(line: str, chain: FontChain, size: float, width: float) -> list[str]:
    """``line`` as pieces no wider than ``width`` (at least a character each)."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for index, char in enumerate(line):
        advance = chain.advance(char) * size / 1000.0
        if used + advance > width and index > start:
            pieces.append(line[start:index])
            start, used = index, 0.0
        used += advance
    pieces.append(line[start:])
    return pieces


class CodeBlock:
    """A code block, or the part of one that goes on one page."""

    keep_with_next = False

    def __init__(
        self,
        text: str,
        chain: FontChain,
        draw: DrawLine,
        *,
        lines: Sequence[str] | None = None,
        first: bool = True,
        last: bool = True,
    ) -> None:
        self.text, self.chain, self._draw = text, chain, draw
        self.lines = list(lines) if lines is not None else []
        self._wrapped: float | None = None if lines is None else -1.0
        self.first, self.last = first, last
        self.space_before = 4.0 if first else 0.0
        self.space_after = 8.0 if last else 0.0
        self.width = 0.0

    @property
    def line_height(self) -> float:
        return SIZE * LEADING

    def _pad(self) -> float:
        return (PAD if self.first else 0.0) + (PAD if self.last else 0.0)

    def wrap(self, width: float, height: float) -> float:
        self.width = width
        if self._wrapped is None or (self._wrapped >= 0 and self._wrapped != width):
            inner = width - 2 * PAD
            self.lines = [
                piece
                for line in self.text.expandtabs(TAB).split("\n")
                for piece in wrap_line(line, self.chain, SIZE, inner)
            ]
            self._wrapped = width
        return len(self.lines) * self.line_height + self._pad()

    def split(self, width: float, height: float) -> Sequence[Block]:
        """Between lines; a part holds at least two lines, or none is made."""
        self.wrap(width, height)
        fit = int((height - (PAD if self.first else 0.0)) // self.line_height)
        if fit >= len(self.lines):
            return [self]
        fit = min(fit, len(self.lines) - 2)  # no single line left alone on the next page
        if fit < 2:
            return []
        head = CodeBlock(
            self.text, self.chain, self._draw, lines=self.lines[:fit], first=self.first, last=False
        )
        tail = CodeBlock(
            self.text, self.chain, self._draw, lines=self.lines[fit:], first=False, last=self.last
        )
        return [head, tail]

    def draw(self, canvas: Canvas) -> None:
        height = len(self.lines) * self.line_height + self._pad()
        canvas.saveState()
        canvas.setFillColor(SHADE)
        canvas.rect(0, 0, self.width, height, stroke=0, fill=1)
        canvas.restoreState()
        top = height - (PAD if self.first else 0.0)
        ascent = 0.8 * SIZE + (self.line_height - SIZE) / 2
        for number, line in enumerate(self.lines):
            if line.strip():
                baseline = top - number * self.line_height - ascent
                self._draw(canvas, self.chain, PAD, baseline, line, SIZE)
