"""The DOCX body written as text must be the bytes python-docx and lxml write for it."""

from __future__ import annotations

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from docconv_plugins.docx.docx_xml import (
    XmlText,
    escape_attribute,
    escape_text,
    paragraph_start,
    restart_numbering,
    run,
)

W = nsdecls("w")
# Text XML can hold (what XmlText leaves), weighted towards what needs escaping or breaks runs.
xml_text = st.text(
    st.one_of(
        st.sampled_from("&<>\"'\t\n\r ]\u3000\u00a0\u2028\u0085\x7f"),
        st.characters(blacklist_categories=("Cs",)).map(XmlText()).filter(bool),
    ),
    max_size=30,
)


def _inner(element: object) -> str:
    """``element`` serialised inside a parent that declares ``w``, as in a document part."""
    parent = parse_xml(f"<w:body {W}/>")
    parent.append(element)
    text = etree.tostring(parent, encoding="unicode")
    return text[text.index(">") + 1 : text.rindex("<")]


def _python_docx_paragraph(text: str, style_id: str | None, num_id: int | None) -> str:
    """A paragraph as the old python-docx writer built it."""
    p = OxmlElement("w:p")
    p.style = style_id
    if num_id is not None:
        num_pr = p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
    if text:
        p.add_r().text = text
    return _inner(p)


@settings(max_examples=300, deadline=None)
@given(xml_text)
def test_a_run_is_what_python_docx_writes(text: str) -> None:
    r = OxmlElement("w:r")
    r.text = text
    assert run(text) == _inner(r)


@settings(max_examples=100, deadline=None)
@given(
    xml_text, st.one_of(st.none(), xml_text.filter(bool)), st.one_of(st.none(), st.integers(1, 99))
)
def test_a_paragraph_is_what_python_docx_writes(text, style_id, num_id) -> None:
    ours = paragraph_start(style_id, num_id) + (run(text) if text else "") + "</w:p>"
    assert ours == _python_docx_paragraph(text, style_id, num_id)


@settings(max_examples=200, deadline=None)
@given(xml_text)
def test_text_and_attributes_are_escaped_as_lxml_does(text: str) -> None:
    element = etree.Element("e", a=text)
    element.text = text
    assert etree.tostring(element, encoding="unicode") == (
        f'<e a="{escape_attribute(text)}">{escape_text(text)}</e>'
    )


def test_a_restarted_list_is_what_python_docx_adds() -> None:
    numbering = parse_xml(f"<w:numbering {W}/>")
    num = numbering.add_num(7)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    assert restart_numbering(1, 7) == _inner(num)


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("a\x00b\x1fc", "abc", 2),
        ("\ud800x\ufffe\uffff", "x", 3),
        ("\t\n\r\x7f\x85", "\t\n\r\x7f\x85", 0),
    ],
)
def test_characters_xml_cannot_hold_are_dropped_and_counted(text, kept, dropped) -> None:
    clean = XmlText()
    assert clean(text) == kept and clean.dropped == dropped
    clean(text, count=False)
    assert clean.dropped == dropped
