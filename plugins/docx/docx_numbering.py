"""The number Word shows before a numbered paragraph, so a list keeps its start (3. 4.).

A paragraph is numbered by a ``w:numPr`` (``w:numId`` and level ``w:ilvl``) of its own or
of its style. A ``w:num`` in the numbering part points at an abstract numbering, whose
level gives the first number (``w:start``); a ``w:lvlOverride/w:startOverride`` in the
``w:num`` restarts it there. Word counts per abstract numbering and level: a ``w:num``
without an override continues the count of any other using the same abstract numbering
(a list interrupted by a paragraph goes on 3. 4.), one with an override restarts it.
Only the first level is counted: the model has no nesting, so deeper items join their
list without a number of their own.
"""

from __future__ import annotations

from typing import Any

from convert.model import MAX_LIST_START

from .docx_body import W, integer, num_pr


class ListNumbers:
    """The numbers of one document's first-level list paragraphs, in reading order."""

    def __init__(self, word: Any) -> None:
        self.word = word
        self.counts: dict[int | tuple[int], int] = {}  # the next number per list
        self.styles: dict[str, tuple[int, int]] | None = None  # read at the first list
        self.nums: dict[int, tuple[int | None, int | None]] = {}  # numId: abstract, override
        self.starts: dict[int, int] = {}  # abstract id: its first level's start

    def _read(self, word: Any) -> dict[str, tuple[int, int]]:
        """The styles' numbering, and the numbering part's lists (``nums``, ``starts``)."""
        styles: dict[str, tuple[int, int]] = {}
        for style in word.styles.element.iterchildren(W + "style"):
            found = num_pr(style.find(W + "pPr"))
            if found is not None:
                styles[style.get(W + "styleId")] = found
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part: nothing is numbered
            return styles
        for abstract in root.iterchildren(W + "abstractNum"):
            level = next(
                (lvl for lvl in abstract.iterchildren(W + "lvl") if integer(lvl, "ilvl") == 0), None
            )
            start = integer(level.find(W + "start") if level is not None else None, "val")
            if (abstract_id := integer(abstract, "abstractNumId")) is not None:
                self.starts[abstract_id] = 1 if start is None else start
        for num in root.iterchildren(W + "num"):
            override = next(
                (o for o in num.iterchildren(W + "lvlOverride") if integer(o, "ilvl") == 0), None
            )
            restart = integer(
                override.find(W + "startOverride") if override is not None else None, "val"
            )
            if (num_id := integer(num, "numId")) is not None:
                self.nums[num_id] = (integer(num.find(W + "abstractNumId"), "val"), restart)
        return styles

    def number(self, style_id: str | None, own: tuple[int, int] | None) -> tuple[int, int] | None:
        """``(numId, number)``: the list and the number Word shows for a paragraph of
        ``style_id`` with its own ``w:numPr`` ``own``; None when it has none or is below the
        first level."""
        if self.styles is None:  # a document without lists never reads its numbering
            self.styles = self._read(self.word)
        found = own or (self.styles.get(style_id) if style_id else None)
        if found is None or found[1] != 0 or found[0] not in self.nums:
            return None
        num_id = found[0]
        abstract, restart = self.nums[num_id]
        # a w:num restarting the count is a list of its own; the others share their abstract's
        key: int | tuple[int] = abstract if restart is None and abstract is not None else (num_id,)
        first = restart if restart is not None else self.starts.get(abstract or 0, 1)
        shown = self.counts.get(key, first)
        self.counts[key] = shown + 1
        return num_id, min(max(shown, 0), MAX_LIST_START)
