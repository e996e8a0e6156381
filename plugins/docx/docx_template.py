"""Build the styled, still empty DOCX (python-docx) that articles are written into.

Everything that does not depend on the article is done here once: the template (python-docx's
or the user's reference document), docconv's styles and fonts, page setup, header and footer,
core properties that never change, leftovers dropped. Where each article's text goes, a
marker is put (text in the header and core properties, a comment where the paragraphs and
restarted lists go), and the serialised parts are cut at the markers into slots. Imported
only when no cached template fits (it imports python-docx and lxml).
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part as PackagePart
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm
from lxml import etree

from convert.errors import UsageError

from .docx_cache import Part, Segments, Template
from .docx_custom import CONTENT_TYPE, PART_NAME, empty_part
from .docx_names import Fonts
from .docx_reference import drop_external_relationships
from .docx_styles import LOOKS, style_document
from .docx_zip import deflate

PAPER = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
MARGINS = (Cm(2.54), Cm(3.18))  # top/bottom, left/right: Word's Chinese A4 defaults
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DEFAULT_PARAGRAPH_STYLE = (
    'w:style[@w:type="paragraph" and (@w:default="1" or @w:default="true" or @w:default="on")]'
)


def build_template(
    reference: str | None, content: bytes, fonts: Fonts, paper: str | None, header: bool
) -> Template:
    """The template for these choices; ``content`` is the reference's checked bytes."""
    doc = open_template(reference, content)
    style_document(doc, fonts, restyle=not reference)
    styles = paragraph_styles(doc, reference)
    if not doc.sections:
        raise UsageError(f"reference_docx: {reference}: the document has no section properties")
    section = doc.sections[0]
    setup_page(section, paper)
    marks = Marks()
    header_and_footer(section, styles, marks.text("header") if header else None)
    body = doc.element.body
    end = body.find(qn("w:sectPr"))
    if end is None:
        body.append(marks.comment("body"))
    else:
        end.addprevious(marks.comment("body"))  # paragraphs go before the section properties
    numbering = list_numbering(doc, marks)
    set_properties(doc, fonts.locale, marks)
    custom_properties(doc, marks)
    drop_template_leftovers(doc)  # last, so that the relationship ids stay as they were
    parts = []
    for name, blob in serialise(doc):
        segments = marks.split(blob)  # the article's parts are compressed for each article
        parts.append(
            Part(name, None, segments) if len(segments) > 1 else Part(name, deflate(blob), ())
        )
    found = {s for part in parts for s in part.segments if isinstance(s, str)}
    if found != marks.made:
        raise RuntimeError(f"DOCX template slots {sorted(marks.made - found)} were not written")
    return Template(tuple(parts), styles, numbering)


class Marks:
    """Markers no document can contain (a random token), and the slots they become."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.made: set[str] = set()
        # A date no template holds, for created/modified (python-docx sets them from datetimes).
        self.when = datetime(1000 + secrets.randbelow(8000), 1 + secrets.randbelow(12),
                             1 + secrets.randbelow(28), secrets.randbelow(24),
                             secrets.randbelow(60), secrets.randbelow(60), tzinfo=UTC)  # fmt: skip
        mark = re.escape(f"\ue000{self.token}:".encode()) + rb"(\w+)" + re.escape("\ue001".encode())
        when = re.escape(self.when.strftime("%Y-%m-%dT%H:%M:%SZ").encode())
        self._pattern = re.compile(  # an element's place, a run, text, the date
            rb"<!--%s-->|<w:r><w:t>%s</w:t></w:r>|%s|(%s)" % (mark, mark, mark, when)
        )

    def text(self, name: str) -> str:
        """Text that becomes slot ``name`` (a run of it becomes the slot, run and all)."""
        self.made.add(name)
        return f"\ue000{self.token}:{name}\ue001"

    def comment(self, name: str) -> Any:
        """An XML comment that becomes slot ``name``: where elements go."""
        return etree.Comment(self.text(name))

    def date(self) -> datetime:
        self.made.add("when")
        return self.when

    def split(self, blob: bytes) -> Segments:
        """``blob`` cut into literal bytes and slot names."""
        segments: list[bytes | str] = []
        at = 0
        for match in self._pattern.finditer(blob):
            segments.append(blob[at : match.start()])
            if match.group(4) is not None:
                segments.append("when")
            else:
                segments.append(next(g for g in match.groups() if g is not None).decode())
            at = match.end()
        segments.append(blob[at:])
        return tuple(segments)


def open_template(reference: str | None, content: bytes) -> WordDocument:
    """python-docx's template, or the user's reference DOCX (``content``, already checked)
    emptied of its content."""
    if not reference:
        return docx.Document()
    try:
        doc = docx.Document(BytesIO(content))
    except Exception as exc:  # python-docx raises zip, package and XML errors alike
        raise UsageError(
            f"reference_docx: {reference}: not a readable DOCX file ({type(exc).__name__})"
        ) from None
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    drop_external_relationships(doc)
    return doc


def paragraph_styles(doc: WordDocument, reference: str | None) -> dict[str, str | None]:
    """The id of each of docconv's styles by name, None for the default paragraph style
    (a paragraph in it names no style, as python-docx writes it)."""
    defaults = doc.styles.element.xpath(_DEFAULT_PARAGRAPH_STYLE)
    default = defaults[-1] if defaults else None  # the last one wins, as in Word
    ids: dict[str, str | None] = {}
    for name in LOOKS:
        style = doc.styles[name]
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            raise UsageError(
                f"reference_docx: {reference}: style {name!r} is not a paragraph style"
            )
        ids[name] = None if style.element is default else style.style_id
    return ids


def setup_page(section: Section, paper: str | None) -> None:
    """Paper size and margins (a reference document keeps its own unless ``paper`` is given)."""
    if paper is None:
        return
    section.page_width, section.page_height = PAPER[paper]
    section.top_margin = section.bottom_margin = MARGINS[0]
    section.left_margin = section.right_margin = MARGINS[1]


def header_and_footer(section: Section, styles: dict[str, str | None], source: str | None) -> None:
    """The source in the header (when there is one), the page number in the footer."""
    if source is not None:
        header = section.header.paragraphs[0]
        header.text = source
        header._p.style = styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.text = ""
    footer._p.style = styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")  # a PAGE field: Word and LibreOffice number each page
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def list_numbering(doc: WordDocument, marks: Marks) -> tuple[int, tuple[int, ...]] | None:
    """List Number's abstract numbering and the ``w:numId`` values in use, with a slot where
    python-docx would add a ``w:num``; None when the style is not numbered."""
    style = doc.styles["List Number"].element.pPr
    num_pr = style.numPr if style is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    parts = [r.target_part for r in doc.part.rels.values()
             if r.reltype == RT.NUMBERING and not r.is_external]  # fmt: skip
    if not parts:
        return None
    numbering = parts[0].element
    try:
        abstract = int(numbering.num_having_numId(num_pr.numId.val).abstractNumId.val)
    except KeyError:
        return None
    used = tuple(int(n) for n in numbering.xpath("./w:num/@w:numId"))
    numbering._insert_num(marks.comment("numbering"))
    return abstract, used


def set_properties(doc: WordDocument, locale: str, marks: Marks) -> None:
    """Core properties Word shows under File > Info, and search tools index: the
    article's are slots (set in this order, as a reference's missing ones are appended)."""
    props = doc.core_properties
    props.title = marks.text("title")
    props.author = marks.text("creator")
    props.last_modified_by = "docconv"
    props.subject = marks.text("subject")
    props.keywords = marks.text("keywords")
    props.comments = ""
    props.language = locale
    props.created = props.modified = marks.date()
    props.revision = 1


def custom_properties(doc: WordDocument, marks: Marks) -> None:
    """The custom properties part, empty but for a slot for the article's (see
    ``docx_custom``); a reference document's own describe that document, so they go."""
    package = doc.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.rels.pop(r_id)
    blob = empty_part(marks.text("custom"))
    package.relate_to(
        PackagePart(PackURI(PART_NAME), CONTENT_TYPE, blob, package), RT.CUSTOM_PROPERTIES
    )


def drop_template_leftovers(doc: WordDocument) -> None:
    """Parts of the template that would contradict this document.

    The thumbnail shows an empty page; stylesWithEffects (Word 2010's copy of the styles,
    430 KB) still names the Japanese theme fonts.
    """
    for rels, reltype in (
        (doc.part.package.rels, RT.THUMBNAIL),
        (doc.part.rels, STYLES_WITH_EFFECTS),
    ):
        for r_id, rel in list(rels.items()):
            if rel.reltype == reltype:
                rels.pop(r_id)


class _Parts:
    """Collects what python-docx's package writer writes: (member name, bytes) in order."""

    def __init__(self) -> None:
        self.written: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.written.append((pack_uri.membername, blob))


def serialise(doc: WordDocument) -> list[tuple[str, bytes]]:
    """The package's parts as ``Document.save`` writes them (same parts, same order).

    PackageWriter's steps are called one by one: python-docx offers no public way to get
    the parts without a zip file.
    """
    pkg = doc.part.package
    parts = pkg.parts
    for part in parts:
        part.before_marshal()
    out = _Parts()
    # python-docx's private, untyped writer steps, fed our collector (duck-typed).
    PackageWriter._write_content_types_stream(out, parts)  # type: ignore[no-untyped-call]
    PackageWriter._write_pkg_rels(out, pkg.rels)  # type: ignore[no-untyped-call]
    PackageWriter._write_parts(out, parts)  # type: ignore[arg-type]
    return out.written
