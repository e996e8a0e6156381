"""Numbered lists keep their first number (3. 4. after a paragraph, 0., 2024.) through every
reader and writer: Markdown, plain text, JSON, DOCX (as Word/LibreOffice number it), PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest
from pypdf import PdfReader

import convert
from convert import Document, ListBlock, Metadata, Paragraph
from convert.errors import InvalidDocumentError

MARKDOWN = """\
# 標題

說明如下。

3. 第三項
4. 第四項

中間的段落。

0. 零號
1. 一號

另一段。

2024. 今年
2025. 明年

5) 第五
"""

STARTS = [3, 0, 2024, 5]


def _lists(document: Document) -> list[ListBlock]:
    return [block for block in document.blocks if isinstance(block, ListBlock)]


def _article(*blocks: object) -> Document:
    return Document(Metadata(title="標題", language="zh-Hant"), blocks)


def test_markdown_lists_keep_their_start_through_json_and_back_to_markdown() -> None:
    document = convert.load(MARKDOWN.encode(), format="md")
    assert [(b.start, b.items[0]) for b in _lists(document)] == [
        (3, "第三項"), (0, "零號"), (2024, "今年"), (5, "第五"),
    ]  # fmt: skip
    again = Document.from_json(convert.render(document, "json"))
    assert again == document
    markdown = convert.render(again, "md").decode()
    for line in ("3. 第三項", "4. 第四項", "0. 零號", "1. 一號", "2024. 今年", "2025. 明年"):
        assert f"\n{line}\n" in markdown
    assert convert.load(markdown.encode(), format="md").blocks == document.blocks


def test_nine_digit_start_is_commonmarks_limit() -> None:
    document = convert.load(b"x\n\n123456789. a\n123456790. b\n", format="md")
    assert _lists(document)[0].start == 123456789
    assert "123456790. b" in convert.render(document, "md").decode()
    ten = convert.load(b"x\n\n1234567890. a\n", format="md")  # CommonMark: a paragraph
    assert _lists(ten) == []


def test_json_writes_start_only_when_not_one_and_old_documents_still_load() -> None:
    one = _article(ListBlock(("a", "b"), ordered=True))
    assert '"start"' not in convert.render(one, "json").decode()  # older docconv reads it
    old = (
        '{"schema_version": 1, "meta": {"title": "t"}, '
        '"blocks": [{"type": "list", "items": ["a"], "ordered": true}]}'
    )
    assert Document.from_json(old).blocks == (ListBlock(("a",), ordered=True, start=1),)
    assert '"start": 3' in convert.render(_article(ListBlock(("a",), True, 3)), "json").decode()


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ('{"type": "list", "items": ["a"], "ordered": true, "start": -1}', "from 0 to 999999999"),
        ('{"type": "list", "items": ["a"], "ordered": true, "start": 1e3}', "whole number, not a"),
        ('{"type": "list", "items": ["a"], "ordered": true, "start": true}', "whole number, not a"),
        ('{"type": "list", "items": ["a"], "start": 3}', "only an ordered list has a start"),
        (
            '{"type": "list", "items": ["a"], "ordered": true, "start": 1000000000}',
            "from 0 to 999999999",
        ),
    ],
)
def test_a_bad_start_in_json_names_the_block(block: str, message: str) -> None:
    text = f'{{"schema_version": 1, "meta": {{}}, "blocks": [{block}]}}'
    with pytest.raises(InvalidDocumentError, match=rf"blocks\[0\]\.?\w*:? .*{message}"):
        Document.from_json(text)


def test_plain_text_lists_keep_their_start() -> None:
    text = "標題\n\n說明。\n\n3. 第三\n4. 第四\n\n段落。\n\n2024. 今年\n2025. 明年\n\n0、零\n1、一"
    document = convert.load(text.encode(), format="text")
    assert [b.start for b in _lists(document)] == [3, 2024, 0]
    written = convert.render(document, "txt").decode()
    assert "3. 第三\n4. 第四" in written and "2024. 今年\n2025. 明年" in written
    assert convert.load(written.encode(), format="text").blocks == document.blocks


def test_docx_numbers_each_list_from_its_start_and_reads_it_back() -> None:
    document = convert.load(MARKDOWN.encode(), format="md")
    data = convert.render(document, "docx")
    word = docx.Document(io.BytesIO(data))
    numbering = word.part.numbering_part.element.xml
    for start in (3, 0, 2024, 5):
        assert f'<w:startOverride w:val="{start}"/>' in numbering
    back = convert.load(data, format="docx")
    assert [(b.start, b.items) for b in _lists(back)] == [
        (b.start, b.items) for b in _lists(document)
    ]


def test_docx_two_lists_in_a_row_stay_two_lists_with_their_numbers() -> None:
    document = _article(ListBlock(("a", "b"), True), ListBlock(("c",), True, 7))
    back = convert.load(convert.render(document, "docx"), format="docx")
    assert back.blocks == document.blocks


def test_word_list_interrupted_by_a_paragraph_continues_its_numbering() -> None:
    """Word counts on when one numbering is used again after a paragraph: 1. 2. text 3."""
    word = docx.Document()
    word.add_paragraph("標題", style="Title")
    word.add_paragraph("一", style="List Number")
    word.add_paragraph("二", style="List Number")
    word.add_paragraph("說明。")
    word.add_paragraph("三", style="List Number")
    buffer = io.BytesIO()
    word.save(buffer)
    back = convert.load(buffer.getvalue(), format="docx")
    assert [(b.start, b.items) for b in _lists(back)] == [(1, ("一", "二")), (3, ("三",))]


def test_pdf_numbers_items_from_the_lists_start() -> None:
    document = convert.load(MARKDOWN.encode(), format="md")
    with pdfplumber.open(io.BytesIO(convert.render(document, "pdf"))) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)  # by position on the page
    lines = [line.replace(" ", "") for line in text.splitlines()]
    for line in ("3.第三項", "4.第四項", "0.零號", "1.一號", "2024.今年", "2025.明年", "5.第五"):
        assert line in lines


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_shows_the_lists_numbers(tmp_path: Path) -> None:
    document = convert.load(MARKDOWN.encode(), format="md")
    (tmp_path / "a.docx").write_bytes(convert.render(document, "docx"))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(tmp_path / "a.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pages = PdfReader(tmp_path / "a.pdf").pages
    lines = [line.replace(" ", "") for page in pages for line in page.extract_text().splitlines()]
    for line in ("3.第三項", "4.第四項", "0.零號", "1.一號", "2024.今年", "2025.明年", "5.第五"):
        assert line in lines, lines


def test_a_list_built_in_python_checks_its_start() -> None:
    with pytest.raises(ValueError, match="only an ordered list"):
        ListBlock(("a",), ordered=False, start=2)
    assert list(ListBlock(("a", "b"), True, 9).numbers()) == [9, 10]
    assert Paragraph("x") != ListBlock(("x",))


def test_docx_keeps_two_lists_apart_even_when_the_second_continues_the_count() -> None:
    document = _article(ListBlock(("a", "b"), True), ListBlock(("c",), True, 3))
    back = convert.load(convert.render(document, "docx"), format="docx")
    assert back.blocks == document.blocks
