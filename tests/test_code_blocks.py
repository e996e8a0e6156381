"""Code blocks are not prose: read from Markdown (fenced, indented) and DOCX, written with
their lines as written by every writer, and left alone by the punctuation, script and
brief transforms."""

from __future__ import annotations

import io
import json

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

import convert
from convert import (
    BlockVisitor,
    Code,
    Document,
    Figure,
    Heading,
    ListBlock,
    Metadata,
    Paragraph,
    Quote,
)

SOURCE = 'print("你好, world")  # 註解: 測試\n    if x:\n\treturn (1, 2)'

MARKDOWN = f"""\
# 標題

說明如下:

```python
{SOURCE}
```

    for i in range(3):
        total += i

結束, 謝謝.
"""


def _article(*blocks: object, language: str = "zh-Hant") -> Document:
    return Document(Metadata(title="標題", language=language), blocks)


def _code(document: Document) -> list[Code]:
    return [block for block in document.blocks if isinstance(block, Code)]


def test_markdown_code_is_read_as_code_with_its_lines_and_info_word() -> None:
    document = convert.load(MARKDOWN.encode(), format="md")
    assert _code(document) == [
        Code(SOURCE, language="python"),
        Code("for i in range(3):\n    total += i"),
    ]
    assert document.blocks[-1] == Paragraph("結束, 謝謝.")


def test_markdown_writer_fences_code_so_it_reads_back_unchanged() -> None:
    tricky = Code("```\ninner fence\n````\n~~~", language="md")
    tilde = Code("x = `y`", language="we`ird")  # a backtick fence cannot carry this info word
    document = _article(Paragraph("前言。"), tricky, tilde, Code("  indented\n\nblank line"))
    written = convert.render(document, "md").decode()
    assert "`````md\n```\ninner fence\n````\n~~~\n`````" in written
    assert "~~~we`ird\nx = `y`\n~~~" in written
    assert convert.load(written.encode(), format="md").blocks == document.blocks


def test_json_keeps_code_and_writes_language_only_when_given() -> None:
    document = _article(Code("a = 1"), Code(SOURCE, language="python"))
    text = convert.render(document, "json").decode()
    blocks = json.loads(text)["blocks"]
    assert blocks == [
        {"type": "code", "text": "a = 1"},
        {"type": "code", "text": SOURCE, "language": "python"},
    ]
    assert Document.from_json(text) == document


def test_text_writer_keeps_code_lines_as_written() -> None:
    written = convert.render(_article(Paragraph("前言。"), Code(SOURCE)), "txt").decode()
    assert f"前言。\n\n{SOURCE}\n" in written


@pytest.mark.parametrize("transform", ["punctuation", "simplified"])
def test_prose_transforms_leave_code_alone(transform: str) -> None:
    document = _article(Paragraph("這是說明, 請看:"), Code(SOURCE))
    changed = convert.transform(document, transform)
    assert _code(changed) == [Code(SOURCE)]  # no full-width comma, 註解 stays Traditional
    assert changed.blocks[0] != document.blocks[0]  # the prose did change


def test_map_text_leaves_code_and_block_texts_still_give_it() -> None:
    code = Code("x, y = 1, 2")
    assert convert.map_text(code, str.upper) == code
    assert convert.block_texts(code) == ("x, y = 1, 2",)
    assert not convert.is_prose(code) and convert.is_prose(Paragraph("x"))


def test_a_visitor_written_before_code_and_figures_still_works() -> None:
    """A plugin's visitor with only the four original methods: code and an image's caption
    reach paragraph()."""

    class Old(BlockVisitor[str]):
        def heading(self, block: Heading) -> str:
            return "h"

        def paragraph(self, block: Paragraph) -> str:
            return "p:" + block.text

        def list_block(self, block: ListBlock) -> str:
            return "l"

        def quote(self, block: Quote) -> str:
            return "q"

    assert Old().visit(Code("a\nb")) == "p:a\nb"
    assert Old().visit(Figure("圖")) == "p:圖"


def test_docx_sets_code_in_a_monospace_style_with_breaks_and_reads_it_back() -> None:
    document = convert.load(MARKDOWN.encode(), format="md")
    data = convert.render(document, "docx")
    word = docx.Document(io.BytesIO(data))
    style = word.styles["Source Code"]
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Courier New"
    assert fonts.get(qn("w:eastAsia"))  # Chinese in comments shows in a Chinese face
    code = [p for p in word.paragraphs if p.style.name == "Source Code"]
    assert code[0].text == SOURCE  # breaks and tabs, half-width punctuation kept
    assert code[0]._p.xml.count("<w:br/>") == 2
    back = convert.load(data, format="docx")
    assert [c.text for c in _code(back)] == [c.text for c in _code(document)]
    assert back.blocks[-1] == Paragraph("結束，謝謝.")  # prose gets the typeset comma


def test_pdf_sets_code_as_written_and_wraps_long_lines_without_cutting() -> None:
    long_line = "s = '" + "很長的字串abc, " * 30 + "'"
    document = _article(Paragraph("前言。"), Code(f"{SOURCE}\n{long_line}"))
    pdf = convert.render(document, "pdf")
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        text = "\n".join(page.extract_text() for page in opened.pages)
        names = {char["fontname"] for page in opened.pages for char in page.chars}
    flat = "".join(text.split())
    assert 'print("你好,world")#註解:測試' in flat  # half-width, as written
    assert "".join(long_line.split()) in flat  # every character is there, over several lines
    lines = [line for line in text.splitlines() if "很長" in line]
    assert len(lines) > 1
    from docconv_plugins.pdf.pdf_fonts import latin_mono

    if latin_mono() is not None:
        assert any("Mono" in name for name in names)


def test_the_brief_takes_nothing_from_code() -> None:
    prose = "消防處表示，大火造成12人受傷，消防員於晚上8時撲滅火勢。"
    code = "死亡人數 = 987  # 青海省海東市零碳產業園代表團的測試數據，共有5432名工人"
    document = _article(
        Paragraph(prose),
        Code(code),
        Paragraph("當局會繼續調查起火原因。"),
        Paragraph("另外，警方正在調查事件。"),
    )
    brief = convert.transform(document, "brief", sentences=3).meta.extras["brief"]
    dumped = json.dumps(brief, ensure_ascii=False)
    for piece in ("987", "5432", "海東", "零碳", "代表團"):
        assert piece not in dumped
    assert brief["sentences"][0]["paragraph"] == 1  # paragraph numbers stay the blocks'
    assert any(s["paragraph"] == 3 for s in brief["sentences"])
