"""The text of a Word document's body in reading order, as Word shows it.

python-docx's ``document.paragraphs`` gives only the body's own paragraphs, and a
paragraph's ``text`` only its plain runs and links: tables, content controls (``w:sdt``:
title pages, bibliographies), text boxes, tracked insertions, simple fields and footnotes
were lost. This walks the XML instead. Paragraphs come as (style id, text as written, own
numbering); a table comes
as a :class:`ListBlock` of its rows, ``cell | cell`` as the ``md`` reader reads a table;
a text box's paragraphs follow the paragraph anchoring it. A footnote or endnote
reference becomes ``[n]``, numbered in the order the references are met, and the notes'
text is returned for the end of the article.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from convert import ListBlock

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
"""The copy of a drawing (a text box) for older readers: its text is in the choice too."""

RUN_TEXT = {W + tag for tag in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen")}
"""A run's pieces of text; python-docx's elements give each one's text as ``str()``."""
SKIPPED = {W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "txbxContent", FALLBACK}
"""Inside a paragraph: properties, tracked deletions and moves (the text left), and text
boxes (read after the paragraph)."""
NOTE_REFERENCES = {W + "footnoteReference": "footnote", W + "endnoteReference": "endnote"}

Item = tuple[str | None, str, tuple[int, int] | None] | ListBlock
"""A body paragraph (its style id, its text, its own ``(numId, ilvl)``) or a table."""


class Body:
    """One walk over a document: the note references met so far and their numbers, and
    the numbering of the paragraphs of ``root`` that have their own."""

    def __init__(self, root: Any) -> None:
        self.notes: list[tuple[str, str]] = []  # (kind, w:id) in the order referenced
        # Found in one pass: asking each paragraph costs a third more CPU on a list-heavy
        # document (python-docx makes an object of every element it is asked for).
        self.numbered = {
            p_pr.getparent(): found
            for p_pr, found in ((n.getparent(), numbering(n)) for n in root.iter(W + "numPr"))
            if found is not None and p_pr.tag == W + "pPr"
        }

    def items(self, container: Any) -> Iterator[Item]:
        """The paragraphs and tables of the body, a cell, a text box or a content control."""
        for child in container.iterchildren():
            if child.tag == W + "p":
                text = self.text(child)  # as written: code keeps its indentation
                if text.strip():
                    yield child.style, text, self.numbered.get(child)
                for box in child.iter(W + "txbxContent"):
                    if _own(box, child):
                        yield from self.items(box)
            elif child.tag == W + "tbl":
                rows = self.rows(child)
                if rows:
                    yield ListBlock(tuple(rows))
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                yield from self.items(child)

    def rows(self, table: Any) -> list[str]:
        """A table's rows, ``cell | cell``; the rows of a table in a cell follow its row.

        A merged cell is one ``w:tc`` (across) or a first cell whose continuations
        (``w:vMerge`` without ``restart``) are empty, so its text comes once."""
        rows: list[str] = []
        for row in table.iter(W + "tr"):
            if _nearest(row, W + "tbl") is not table:
                continue  # a row of a table nested in a cell: read with that cell
            cells: list[str] = []
            nested: list[str] = []
            for cell in row.iter(W + "tc"):
                if _nearest(cell, W + "tr") is not row:
                    continue
                texts = []
                for item in self.items(cell):
                    if isinstance(item, ListBlock):
                        nested += item.items
                    else:
                        texts.append(item[1].strip())
                if texts:
                    cells.append(" ".join(texts))
            if cells:
                rows.append(" | ".join(cells))
            rows += nested
        return rows

    def text(self, element: Any) -> str:
        """A paragraph's text as Word shows it; a note reference becomes ``[n]``."""
        parts: list[str] = []
        for child in element.iterchildren():
            tag = child.tag
            if tag in RUN_TEXT:
                parts.append(str(child) if element.tag == W + "r" else "")
            elif tag in NOTE_REFERENCES:
                self.notes.append((NOTE_REFERENCES[tag], child.get(W + "id")))
                parts.append(f"[{len(self.notes)}]")
            elif tag not in SKIPPED and isinstance(tag, str):  # not a comment
                parts.append(self.text(child))
        return "".join(parts)

    def note_texts(self, parts: dict[str, Any]) -> list[str]:
        """``[n] text`` of each note referenced, in order, from the parsed ``footnotes`` and
        ``endnotes`` parts; a note whose part or text is missing is left out."""
        found = {
            (kind, note.get(W + "id")): note
            for kind, root in parts.items()
            for note in root.iterchildren(W + kind)
        }
        texts = []
        for number, key in enumerate(self.notes, start=1):
            note = found.get(key)
            paragraphs = [] if note is None else [self.text(p).strip() for p in note.iter(W + "p")]
            text = " ".join(p for p in paragraphs if p)
            if text:
                texts.append(f"[{number}] {text}")
        return texts


def integer(element: Any, name: str) -> int | None:
    """The integer attribute ``w:name`` of ``element``; None when absent or not a number."""
    value = None if element is None else element.get(W + name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def num_pr(p_pr: Any) -> tuple[int, int] | None:
    """``(numId, ilvl)`` of a ``w:pPr`` (a paragraph's or a style's), None when unnumbered."""
    return None if p_pr is None else numbering(p_pr.find(W + "numPr"))


def numbering(element: Any) -> tuple[int, int] | None:
    """``(numId, ilvl)`` of a ``w:numPr`` element (its children read in one pass)."""
    if element is None:
        return None
    values = {child.tag: child for child in element}
    num_id = integer(values.get(W + "numId"), "val")
    return None if num_id is None else (num_id, integer(values.get(W + "ilvl"), "val") or 0)


def _nearest(element: Any, tag: str) -> Any:
    """The closest ancestor of ``element`` with ``tag``."""
    return next(element.iterancestors(tag), None)


def _own(box: Any, paragraph: Any) -> bool:
    """Whether a text box belongs to ``paragraph`` itself (not to a paragraph inside another
    text box) and is not the fallback copy of a drawing."""
    for ancestor in box.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in (W + "txbxContent", FALLBACK):
            return False
    return False
