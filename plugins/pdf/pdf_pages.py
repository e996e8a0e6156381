"""Blocks poured into pages, top to bottom: the part of reportlab's platypus we used.

Importing platypus costs about 55 ms (its paragraph module compiles large regular
expressions at import), a fifth of a one-off PDF, and docconv sets its own text. What
it needs is small: one frame per page, blocks stacked in it and split between pages,
platypus's spacing rules (the space above a block is dropped at the top of a page; two
blocks are apart by the larger of the one's space below and the other's space above)
and a heading kept with the block after it. Positions are computed with the same
arithmetic as platypus, so the pages come out as they did with it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import Protocol

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

_FUZZ = 1e-6
"""Tolerance of the layout arithmetic, as platypus's."""


class Block(Protocol):
    """Something set on a page: its height for a width, its parts at a page break."""

    space_before: float
    space_after: float
    keep_with_next: bool

    def wrap(self, width: float, height: float) -> float:
        """The height the block needs at ``width`` (``height`` is the room left)."""
        ...

    def split(self, width: float, height: float) -> Sequence[Block]:
        """The block as parts, the first fitting ``height``; empty when none fits."""
        ...

    def draw(self, canvas: Canvas) -> None:
        """Draw with the block's bottom-left corner at the origin."""
        ...


class Space:
    """Vertical space (after a list)."""

    space_before = space_after = 0.0
    keep_with_next = False

    def __init__(self, height: float) -> None:
        self.height = height

    def wrap(self, width: float, height: float) -> float:
        return self.height

    def split(self, width: float, height: float) -> Sequence[Block]:
        return []

    def draw(self, canvas: Canvas) -> None:
        pass


class Rule:
    """A horizontal rule across the text (under the headline and byline)."""

    keep_with_next = False

    def __init__(self, thickness: float, color: Color, before: float, after: float) -> None:
        self.thickness, self.color = thickness, color
        self.space_before, self.space_after = before, after
        self.width = 0.0

    def wrap(self, width: float, height: float) -> float:
        self.width = width
        return self.thickness

    def split(self, width: float, height: float) -> Sequence[Block]:
        return []

    def draw(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setLineWidth(self.thickness)
        canvas.setLineCap(1)
        canvas.setStrokeColor(self.color)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()


class _Frame:
    """The text area of the current page and how far down it is filled."""

    def __init__(self, x: float, y: float, width: float, height: float) -> None:
        self.x, self.bottom = x, y
        self.top = y + height
        self.width = (x + width) - x  # platypus's arithmetic, to the last bit
        self.start()

    def start(self) -> None:
        self.y, self.at_top, self.after = self.top, True, 0.0

    def space(self, block: Block) -> float:
        """The space above ``block`` here: none at the top, else what the last one's space
        below leaves of it."""
        return 0.0 if self.at_top else max(block.space_before - self.after, 0.0)

    def room(self, block: Block) -> float:
        return self.y - self.bottom - self.space(block)

    def add(self, canvas: Canvas, block: Block) -> bool:
        """Draw ``block`` below the last one if it fits whole."""
        space = self.space(block)
        if self.y - self.bottom - space <= 0:
            return False
        y = self.y - (block.wrap(self.width, self.y - self.bottom - space) + space)
        if y < self.bottom - _FUZZ:
            return False
        canvas.saveState()
        canvas.translate(self.x, y)
        block.draw(canvas)
        canvas.restoreState()
        y -= block.space_after
        self.after = block.space_after
        if y != self.y:
            self.at_top = False
        self.y = y
        return True


def pour(canvas: Canvas, blocks: Iterable[Block], frame: tuple[float, float, float, float]) -> None:
    """Set ``blocks`` on as many pages as they take (``frame``: x, y, width, height of the
    text area); each page is ended with ``canvas.showPage()``."""
    area = _Frame(*frame)
    queue = deque(blocks)
    page_open = False
    while queue:
        if not page_open:
            area.start()
            page_open = True
        block = queue.popleft()
        if block.keep_with_next:
            group = _kept_together(block, queue)
            if _stacked(group, area.width) > area.room(group[0]) and not area.at_top:
                _end_page(canvas, area)
                page_open = False
                queue.extendleft(reversed(group))
                continue
            queue.extendleft(reversed(group[1:]))  # the first is set now, the rest after it
        if area.add(canvas, block):
            continue
        parts = block.split(area.width, area.room(block))
        if parts:
            if not area.add(canvas, parts[0]):
                raise ValueError(f"a block does not fit where it was split for: {parts[0]!r}")
            queue.extendleft(reversed(parts[1:]))
        elif area.at_top:
            raise ValueError(f"a block is taller than a page: {block!r}")
        else:
            queue.appendleft(block)
            _end_page(canvas, area)
            page_open = False
    if page_open:
        _end_page(canvas, area)


def _kept_together(block: Block, queue: deque[Block]) -> list[Block]:
    """``block``, the blocks after it that keep with the next one, and that next one (taken
    from ``queue``); only the last still keeps with what follows it."""
    group = [block]
    while queue and group[-1].keep_with_next:
        group.append(queue.popleft())
    for member in group[:-1]:
        member.keep_with_next = False
    return group


def _stacked(blocks: Sequence[Block], width: float) -> float:
    """The height of ``blocks`` one below the other, spaces between them included."""
    total, after, first = 0.0, 0.0, True
    for block in blocks:
        height = block.wrap(width, 0xFFFFFFF)
        if height <= _FUZZ:
            continue
        total += height
        if not first:
            total += max(block.space_before - after, 0.0)
        first = False
        after = block.space_after
        total += after
    return total - after


def _end_page(canvas: Canvas, area: _Frame) -> None:
    canvas.setPageRotation(0)
    canvas.showPage()
