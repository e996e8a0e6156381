"""Word styles for Chinese (Japanese, Korean) text: East Asian fonts and language, and each
style's typography.

python-docx's ``font.name`` sets only the Latin font. Word and LibreOffice take the
Chinese font from ``w:rFonts/@w:eastAsia``, or else from the theme's East Asian font for
the ``w:themeFontLang`` locale, which python-docx's template sets to ja-JP (MS Mincho,
Japanese glyph forms). So every style used gets explicit fonts and language with the theme
references removed, the theme's East Asian fonts are replaced and ``themeFontLang`` names
the document's locale. Imported only when a template is built (it imports python-docx).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.styles import CT_Style
from docx.oxml.text.font import CT_RPr
from docx.shared import Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import ParagraphStyle, StyleFactory
from lxml import etree

from .docx_names import (
    CAPTION_STYLE,
    CODE_STYLE,
    DEFAULT_FONTS,
    LATIN_CODE,
    SOURCE_STYLE,
    WINDOWS_FONTS,
    Fonts,
)

LATIN_BODY, LATIN_HEADING = "Times New Roman", "Arial"
BODY_SIZE = 12.0  # points (小四)

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_DRAWING = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_CJK_SCRIPTS = {"Jpan", "Hang", "Hans", "Hant"}
_LANG_SUCCESSORS = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


@dataclass(frozen=True)
class Look:
    """The typography docconv gives a style (sizes in points)."""

    heading: bool = False
    size: float = BODY_SIZE
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent_chars: int = 0
    first_line_chars: int = 0
    before: float = 0
    after: float = 6
    line_spacing: float = 1.5
    outline_level: int | None = None
    color: str = "000000"
    mono: bool = False  # code: a monospace Latin face (East Asian text keeps the body's)


LOOKS: dict[str, Look] = {
    "Normal": Look(),
    "Body Text": Look(first_line_chars=2),
    "Title": Look(
        heading=True, size=22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
        after=6, line_spacing=1.2, outline_level=0,
    ),
    SOURCE_STYLE: Look(size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, after=18, color="595959"),
    "Heading 1": Look(heading=True, size=16, bold=True, before=12, outline_level=0),
    "Heading 2": Look(heading=True, size=14, bold=True, before=12, outline_level=1),
    "Heading 3": Look(heading=True, size=BODY_SIZE, bold=True, before=6, outline_level=2),
    **{f"Heading {level}": Look(heading=True, size=BODY_SIZE, bold=True, before=6,
                                outline_level=level - 1) for level in range(4, 10)},
    "List Bullet": Look(after=3),
    "List Number": Look(after=3),
    "Quote": Look(indent_chars=2, color="404040"),
    CODE_STYLE: Look(size=10, align=WD_ALIGN_PARAGRAPH.LEFT, line_spacing=1.0, mono=True),
    CAPTION_STYLE: Look(size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, color="595959"),
    "Header": Look(size=9, align=WD_ALIGN_PARAGRAPH.CENTER, after=0, line_spacing=1.0,
                   color="595959"),
    "Footer": Look(size=9, align=WD_ALIGN_PARAGRAPH.CENTER, after=0, line_spacing=1.0),
}  # fmt: skip


def set_fonts(rpr: CT_RPr, fonts: Fonts, heading: bool, mono: bool = False) -> None:
    """Explicit Latin and East Asian fonts (theme references removed) and the language;
    ``mono``: the Latin face is monospace, whatever fonts a reference document keeps."""
    east_asian = fonts.heading if heading else fonts.body
    if east_asian or mono:
        rfonts = rpr.get_or_add_rFonts()
        for attr in _THEME_FONT_ATTRS:
            if east_asian or attr != "w:eastAsiaTheme":
                rfonts.attrib.pop(qn(attr), None)
        latin = LATIN_CODE if mono else LATIN_HEADING if heading else LATIN_BODY
        for attr in ("ascii", "hAnsi", "cs"):
            rfonts.set(qn(f"w:{attr}"), latin)
        if east_asian:
            rfonts.set(qn("w:eastAsia"), east_asian)
            # Ambiguous characters (quotes, middle dot, dashes) take the East Asian font;
            # in code they are program text, set in the monospace face.
            rfonts.set(qn("w:hint"), "default" if mono else "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_LANG_SUCCESSORS)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), fonts.locale)


class _Styles:
    """The document's styles by name and by id, indexed in one pass.

    python-docx answers each lookup with an XPath query or a walk over every style object
    (building that list took 40 % of a seed-sized render); the first style of a name or id
    wins, as in python-docx.
    """

    def __init__(self, doc: WordDocument) -> None:
        self.styles = doc.styles
        self.by_name: dict[str, CT_Style] = {}
        self.by_id: dict[str, CT_Style] = {}
        for style in self.styles.element.iterchildren(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None and name.get(qn("w:val")) is not None:
                self.by_name.setdefault(name.get(qn("w:val")), style)
            if style.get(qn("w:styleId")) is not None:
                self.by_id.setdefault(style.get(qn("w:styleId")), style)

    def ensure(self, name: str) -> tuple[ParagraphStyle, bool]:
        """The paragraph style ``name``, added (based on Normal) if missing; True if added."""
        internal = BabelFish.ui2internal(name)
        found = self.by_name.get(internal)
        if found is not None:
            return cast(ParagraphStyle, StyleFactory(found)), False
        element = self.styles.element.add_style_of_type(internal, WD_STYLE_TYPE.PARAGRAPH, False)
        self.by_name[internal] = element
        style = cast(ParagraphStyle, StyleFactory(element))
        style.base_style = self.styles["Normal"]
        style.quick_style = True
        return style, True


def _apply_look(style: ParagraphStyle, look: Look) -> None:
    font, fmt = style.font, style.paragraph_format
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = False
    font.color.rgb = RGBColor.from_string(look.color)
    fmt.alignment = look.align
    fmt.space_before, fmt.space_after = Pt(look.before), Pt(look.after)
    fmt.line_spacing = look.line_spacing
    ppr = style.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)
    if look.outline_level is not None:
        ppr.get_or_add_outlineLvl().val = look.outline_level
    if look.first_line_chars or look.indent_chars:
        _indent_chars(style, look)


def _indent_chars(style: ParagraphStyle, look: Look) -> None:
    """Indents in characters (``w:*Chars``, what Word uses) and in points for older readers."""
    fmt = style.paragraph_format
    em = style.font.size or Pt(BODY_SIZE)
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    if look.first_line_chars:
        fmt.first_line_indent = em * look.first_line_chars
        ind.set(qn("w:firstLineChars"), str(look.first_line_chars * 100))
    if look.indent_chars:
        fmt.left_indent = fmt.right_indent = em * look.indent_chars
        for side in ("leftChars", "rightChars"):
            ind.set(qn(f"w:{side}"), str(look.indent_chars * 100))


def _fix_theme(doc: WordDocument, fonts: Fonts) -> None:
    """Point the theme's East Asian fonts and ``themeFontLang`` at the document's locale."""
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), fonts.locale)
    if not (fonts.body and fonts.heading):
        return
    for rel in doc.part.rels.values():
        if rel.reltype == RT.THEME and not rel.is_external:
            rel.target_part._blob = _theme_with_fonts(rel.target_part.blob, fonts)


def _theme_with_fonts(blob: bytes, fonts: Fonts) -> bytes:
    """The theme with its East Asian (and Chinese/Japanese script) fonts replaced by ours."""
    root = etree.fromstring(blob)
    for group, font in (("majorFont", fonts.heading), ("minorFont", fonts.body)):
        for element in root.iterfind(f".//a:{group}/*", _DRAWING):
            if element.tag == f"{{{_DRAWING['a']}}}ea" or element.get("script") in _CJK_SCRIPTS:
                element.set("typeface", font)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# Windows character sets Word uses to find a substitute when a font is missing.
_CHARSETS = {"zh-TW": "88", "zh-HK": "88", "zh-CN": "86", "ja-JP": "80", "ko-KR": "81"}
"""Big5, GB2312, Shift-JIS, Hangul."""
_TEMPLATE_CHARSETS = {"80", "81", "82"}  # Shift-JIS, Hangul, Johab: the template's Asian fonts
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _declare_fonts(doc: WordDocument, fonts: Fonts) -> None:
    """Declare the East Asian fonts in the font table with the locale's character set, family
    (serif body, sans headings) and, for docconv's default fonts, the Windows font to use
    instead (``w:altName``), so that Word on a machine without them substitutes a font of
    the same kind for the language; drop the template's Japanese and Korean declarations
    (MS Mincho and the like: the locale's own fonts are declared instead)."""
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            rel.target_part._blob = _font_table(rel.target_part.blob, fonts)


def _font_table(blob: bytes, fonts: Fonts) -> bytes:
    root = etree.fromstring(blob)
    w = f"{{{_W}}}"
    for font in root.findall(f"{w}font"):
        charset = font.find(f"{w}charset")
        if charset is not None and charset.get(f"{w}val", "").lower() in _TEMPLATE_CHARSETS:
            root.remove(font)
    declared = {font.get(f"{w}name") for font in root.findall(f"{w}font")}
    defaults = dict(zip(DEFAULT_FONTS[fonts.locale], WINDOWS_FONTS[fonts.locale], strict=True))
    for name, family in ((fonts.body, "roman"), (fonts.heading, "swiss")):
        if name and name not in declared:
            font = etree.SubElement(root, f"{w}font", {f"{w}name": name})
            if name in defaults:
                etree.SubElement(font, f"{w}altName", {f"{w}val": defaults[name]})
            etree.SubElement(font, f"{w}charset", {f"{w}val": _CHARSETS[fonts.locale]})
            etree.SubElement(font, f"{w}family", {f"{w}val": family})
            etree.SubElement(font, f"{w}pitch", {f"{w}val": "variable"})
            declared.add(name)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _default_rpr(doc: WordDocument) -> CT_RPr:
    """``w:docDefaults/w:rPrDefault/w:rPr``, created when a reference document has none."""
    styles = doc.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    return cast(CT_RPr, rpr)


def style_document(doc: WordDocument, fonts: Fonts, restyle: bool) -> None:
    """Fonts and language everywhere; docconv's typography on its styles (all, if ``restyle``).

    With a reference document (``restyle`` False) only styles it lacks get docconv's look.
    """
    set_fonts(_default_rpr(doc), fonts, heading=False)
    styles = _Styles(doc)
    for name, look in LOOKS.items():
        style, added = styles.ensure(name)
        if restyle or added:
            _apply_look(style, look)
        set_fonts(style.element.get_or_add_rPr(), fonts, look.heading, look.mono)
        linked = style.element.find(qn("w:link"))
        if linked is not None:
            char_style = styles.by_id.get(linked.get(qn("w:val")))
            if char_style is not None:
                set_fonts(char_style.get_or_add_rPr(), fonts, look.heading)
    _fix_theme(doc, fonts)
    _declare_fonts(doc, fonts)
