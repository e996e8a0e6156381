"""Build the DOCX with python-docx: page, header and footer, blocks, core properties, package.

Imported only when a DOCX is rendered (it imports python-docx).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import zipfile
from collections.abc import Mapping
from copy import deepcopy
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm

from convert import Document, Heading, ListBlock, Paragraph, Quote, unhandled_block
from convert.errors import UsageError
from convert.toolkit import source_line

from .docx_reference import check_reference, drop_external_relationships
from .docx_styles import SOURCE_STYLE, Fonts, choose_fonts, style_document

log = logging.getLogger("docconv")

PAPER = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
MARGINS = (Cm(2.54), Cm(3.18))  # top/bottom, left/right: Word's Chinese A4 defaults
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can hold

# Characters XML 1.0 cannot hold: C0 controls other than tab/newline/return, surrogates, U+FFFE/F.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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


def timestamp() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` (reproducible builds) when it is set."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH must be seconds since 1970, got {raw!r}") from None


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


def setup_page(section: Section, paper: str | None) -> None:
    """Paper size and margins (a reference document keeps its own unless ``paper`` is given)."""
    if paper is None:
        return
    section.page_width, section.page_height = PAPER[paper]
    section.top_margin = section.bottom_margin = MARGINS[0]
    section.left_margin = section.right_margin = MARGINS[1]


def add_page_field(paragraph: Any) -> None:
    """A PAGE field, so Word and LibreOffice number each page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


_DEFAULT_PARAGRAPH_STYLE = (
    'w:style[@w:type="paragraph" and (@w:default="1" or @w:default="true" or @w:default="on")]'
)


class Body:
    """Appends paragraphs to the document body, each in constant time.

    python-docx's ``add_paragraph`` searches the body for its ``w:sectPr`` on every insert
    (quadratic in the number of paragraphs), resolves the style name by scanning every style
    for the default one, and writes text one character at a time. Here the ``w:sectPr`` is
    found once, each style's empty paragraph is built once and copied, and text without tabs
    or line breaks becomes one ``w:t`` directly; the XML is the same as python-docx's.
    """

    def __init__(self, doc: WordDocument) -> None:
        self.styles = doc.styles
        # python-docx's default_for, in one XPath query instead of a walk over every style
        defaults = self.styles.element.xpath(_DEFAULT_PARAGRAPH_STYLE)
        self._default = defaults[-1] if defaults else None  # the last one wins, as in Word
        self._ids: dict[str, str | None] = {}
        self._empty: dict[str, Any] = {}
        self._body = doc.element.body
        self._end = self._body.find(qn("w:sectPr"))  # paragraphs go before it

    def style_id(self, name: str) -> str | None:
        """The id of the paragraph style ``name``: None for the default style, like python-docx."""
        if name not in self._ids:
            style = self.styles[name]
            if style.type != WD_STYLE_TYPE.PARAGRAPH:
                raise ValueError(f"style {name!r} is not a paragraph style")
            self._ids[name] = None if style.element is self._default else style.style_id
        return self._ids[name]

    def paragraph(self, text: str, style: str) -> Any:
        """A new ``w:p`` holding ``text`` in ``style``, after the body's other paragraphs."""
        if style not in self._empty:
            empty = self._empty[style] = OxmlElement("w:p")
            empty.style = self.style_id(style)
        p = deepcopy(self._empty[style])
        if text:
            run = p.add_r()
            if "\t" in text or "\n" in text or "\r" in text:
                run.text = text  # python-docx writes these as w:tab and w:br
            else:
                run.add_t(text)
        if self._end is None:
            self._body.append(p)
        else:
            self._end.addprevious(p)
        return p


def header_and_footer(section: Section, source: str | None, body: Body) -> None:
    """The source in the header, the page number in the footer."""
    if source:
        header = section.header.paragraphs[0]
        header.text = source
        header._p.style = body.style_id("Header")
    footer = section.footer.paragraphs[0]
    footer.text = ""
    footer._p.style = body.style_id("Footer")
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_field(footer)


def dateline(document: Document) -> str:
    """The source and the first date under the headline ("來源:無錫日報 7月9日-11日")."""
    parts = [source_line(document, fullwidth=True), *document.meta.dates[:1]]
    return "\u3000".join(part for part in parts if part)


class Numbering:
    """Restarts numbering at 1 for each ordered list after the first (Word continues it)."""

    def __init__(self, doc: WordDocument) -> None:
        self.doc = doc
        self.used = False

    def num_id(self) -> int | None:
        """The numbering for the next ordered list: None keeps the style's own."""
        if not self.used:
            self.used = True
            return None
        style_num = self.doc.styles["List Number"].element.pPr
        num_pr = style_num.numPr if style_num is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)


def add_list(body: Body, block: ListBlock, clean: XmlText, numbering: Numbering) -> None:
    style = "List Number" if block.ordered else "List Bullet"
    num_id = numbering.num_id() if block.ordered else None
    for item in block.items:
        paragraph = body.paragraph(clean(item), style)
        if num_id is not None:
            num_pr = paragraph.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id


def add_blocks(doc: WordDocument, body: Body, document: Document, clean: XmlText) -> None:
    """The headline, the dateline and every block, each in its named style."""
    if document.meta.title:
        body.paragraph(clean(document.meta.title), "Title")
    if line := dateline(document):
        body.paragraph(clean(line), SOURCE_STYLE)
    numbering = Numbering(doc)
    for block in document.blocks:
        if isinstance(block, Heading):
            body.paragraph(clean(block.text), f"Heading {min(max(block.level, 1), 3)}")
        elif isinstance(block, ListBlock):
            add_list(body, block, clean, numbering)
        elif isinstance(block, Quote):
            body.paragraph(clean(block.text), "Quote")
        elif isinstance(block, Paragraph):
            body.paragraph(clean(block.text), "Body Text")
        else:
            unhandled_block(block)


def _property(value: str, limit: int = 255) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def set_properties(
    doc: WordDocument, document: Document, locale: str, when: datetime, clean: XmlText
) -> None:
    """Core properties Word shows under File > Info, and search tools index.

    The OPC format caps each at 255 characters (a headline-less article's "headline" can be
    its whole text); longer values are shortened with an ellipsis.
    """
    meta = document.meta
    props = doc.core_properties
    props.title = _property(clean(meta.title, count=False))  # title and source are in the body
    props.author = _property(clean(meta.source or "", count=False))
    props.last_modified_by = "docconv"
    summary = meta.extras.get("summary", "")
    props.subject = _property(clean(summary)) if isinstance(summary, str) else ""
    props.keywords = _property(clean(", ".join(meta.keywords)))
    props.comments = ""
    props.language = locale
    props.created = props.modified = when
    props.revision = 1


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


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


class FixedTimeZip:
    """python-docx's physical package writer, giving every zip entry one fixed time and no
    file attributes, so that the same input gives the same bytes."""

    def __init__(self, out: BytesIO, when: datetime) -> None:
        self.zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
        self.stamp = max(when, ZIP_EPOCH).timetuple()[:6]

    def write(self, pack_uri: Any, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0
        entry.external_attr = 0
        self.zip.writestr(entry, blob)


def package(doc: WordDocument, when: datetime) -> bytes:
    """The package as ``Document.save`` writes it (same parts, same order), compressed once.

    It used to be saved, then unzipped and zipped again to fix the entries' times: a third
    of a seed-sized render. PackageWriter's steps are called one by one (python-docx offers
    no public way to choose the zip writer).
    """
    pkg = doc.part.package
    parts = pkg.parts
    for part in parts:
        part.before_marshal()
    out = BytesIO()
    writer = FixedTimeZip(out, when)
    with writer.zip:
        # python-docx's private, untyped writer steps, fed our zip (duck-typed).
        PackageWriter._write_content_types_stream(writer, parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(writer, pkg.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]
    return out.getvalue()


class Templates:
    """The styled, still empty documents of this process, saved on their second use.

    Restyling python-docx's template costs about a quarter of a seed-sized DOCX; a batch
    converts many articles with the same fonts, so from the third article on the styled
    template is parsed back from bytes instead. A one-off conversion pays nothing extra.
    """

    LIMIT = 8  # distinct (reference, fonts) pairs kept

    def __init__(self) -> None:
        self.seen: set[tuple[Any, ...]] = set()
        self.saved: dict[tuple[Any, ...], bytes] = {}

    def open(self, reference: str | None, fonts: Fonts) -> WordDocument:
        """The template (``reference`` or python-docx's) with docconv's fonts and styles."""
        content = check_reference(reference) if reference else b""
        key = (reference, hashlib.sha256(content).digest(), fonts)  # a rewritten file is new
        if key in self.saved:
            return docx.Document(BytesIO(self.saved[key]))
        doc = open_template(reference, content)
        style_document(doc, fonts, restyle=not reference)
        if key in self.seen and len(self.saved) < self.LIMIT:
            saved = BytesIO()
            doc.save(saved)
            self.saved[key] = saved.getvalue()
        self.seen.add(key)
        return doc


templates = Templates()


def build(document: Document, options: Mapping[str, Any]) -> bytes:
    """The DOCX bytes of ``document`` (see ``docx_writer`` for the options)."""
    reference = options["reference_docx"]
    fonts = choose_fonts(
        document.meta.language, options["body_font"], options["heading_font"], bool(reference)
    )
    doc = templates.open(reference, fonts)
    paper = options["paper"] or (None if reference else "a4")
    clean = XmlText()
    section = doc.sections[0]
    setup_page(section, paper)
    body = Body(doc)
    header_and_footer(section, clean(source_line(document, fullwidth=True) or ""), body)
    add_blocks(doc, body, document, clean)
    when = timestamp()
    set_properties(doc, document, fonts.locale, when, clean)
    drop_template_leftovers(doc)  # last, so that the relationship ids stay as they were
    clean.warn(document.name)
    return package(doc, when)
