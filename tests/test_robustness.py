"""Awkward but valid text converts in every installed format; random documents never crash."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import convert
from convert import Document, Metadata, Paragraph

WRITERS = sorted(f["name"] for f in convert.formats() if f["kind"] == "writer")

AWKWARD = {
    "headline only": "只有標題\n",
    "no blank lines": "標題\n第一段。\n第二段。\n",
    "crlf": "標題\r\n\r\n第一段。\r\n\r\n第二段。\r\n\r\n來源:某報\r\n",
    "control and astral": "標題\x07\n\n段落\x1b含控制字元\x0b與𠀀字和表情😀。\n",
    "markup": "<b>標題</b> &amp;\n\n{{x}} \\par <font name='x'>字</font> "
    "<script>x</script> *a* _b_\n",
    "rtl and combining": "標題\n\nשלום עולם مرحبا بالعالم e\u0301 n\u0303 a\u0308\n",
    "long url": "標題\n\nhttps://example.com/" + "a" * 5000 + " " + "abc" * 3000 + "\n",
}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("case", list(AWKWARD))
def test_awkward_text_converts_in_every_format(writer: str, case: str) -> None:
    document = convert.load(AWKWARD[case].encode("utf-8"), name=f"{case}.txt")
    assert convert.render(document, writer)


@pytest.mark.parametrize("case", list(AWKWARD))
def test_awkward_text_survives_txt_and_json(case: str) -> None:
    document = convert.load(AWKWARD[case].encode("utf-8"))
    assert Document.from_json(convert.render(document, "json")) == document
    again = convert.load(convert.render(document, "txt"))
    assert (again.meta.title, again.blocks, again.meta.source) == (
        document.meta.title,
        document.blocks,
        document.meta.source,
    )


@pytest.mark.parametrize("writer", WRITERS)
def test_a_one_megabyte_paragraph_without_punctuation(writer: str) -> None:
    body = ("無錫代表團在青海海東市學習考察並推動東西部協作合作項目" * 12_500)[:340_000]
    document = convert.load(f"標題\n\n{body}\n".encode())
    assert len(document.blocks[0].text.encode()) > 1_000_000
    assert convert.render(document, writer)


# Text a plain-text article can hold losslessly: one stripped line, not a list/quote/source line.
LINE_ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00\ufeff"
)
line = (
    st.text(LINE_ALPHABET, min_size=1, max_size=80)
    .map(str.strip)
    .filter(lambda s: s and s[0] not in "->*•·(\uff08" and not s[0].isdigit())
    .filter(lambda s: not s.lower().startswith(("來源", "来源", "source")))
)
documents = st.builds(
    lambda title, paragraphs: Document(Metadata(title=title), tuple(map(Paragraph, paragraphs))),
    line,
    st.lists(line, max_size=6),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents_round_trip_through_json_and_txt(document: Document) -> None:
    assert Document.from_json(convert.render(document, "json")) == document
    again = convert.load(convert.render(document, "txt"))
    assert again.meta.title == document.meta.title
    assert [b.text for b in again.blocks] == [b.text for b in document.blocks]


# XML 1.0 cannot hold the other C0 controls nor U+FFFE/U+FFFF: the DOCX writer drops them (warned).
XML_TEXT = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
paragraph_text = st.text(XML_TEXT, min_size=1, max_size=120).map(str.strip).filter(bool)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.builds(
    lambda title, paragraphs: Document(Metadata(title=title), tuple(map(Paragraph, paragraphs))),
    paragraph_text,
    st.lists(paragraph_text, min_size=1, max_size=5),
))  # fmt: skip
def test_random_documents_round_trip_through_docx(document: Document) -> None:
    again = convert.load(convert.render(document, "docx", punctuation="keep"), format="docx")
    assert again.meta.title == document.meta.title
    assert [b.text for b in again.blocks] == [b.text for b in document.blocks]


@pytest.mark.parametrize("writer", WRITERS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    document=st.builds(
        lambda t, ps: Document(Metadata(title=t, language="zh-Hant"), tuple(map(Paragraph, ps))),
        st.text(max_size=40),
        st.lists(st.text(string.printable + "中文測試,。「」𠀀😀\x07", max_size=200), max_size=5),
    )
)
def test_random_documents_never_crash_a_writer(writer: str, document: Document) -> None:
    assert isinstance(convert.render(document, writer), bytes)
