"""Images keep their alt text as a figure's caption: shown where the image stood by every
writer, converted with the text, and never taken by the brief for the article's text."""

from __future__ import annotations

import io
import json

import convert
from convert import Document, Figure, Metadata, Paragraph

LEAD = "大埔一屋苑昨日發生五級火，消防處派出逾百名消防員灌救。"
CAPTION = "消防員昨日在大埔宏福苑撲救五級大火，火勢非常猛烈，現場濃煙密佈"


def _md(text: str) -> Document:
    return convert.load(text.encode(), format="md")


def test_an_image_alone_or_run_into_the_text_is_a_figure_beside_its_paragraph() -> None:
    document = _md(
        "# 火警\n\n![圖為消防員](a.jpg)\n\n![統計表](t.jpg)警方昨日拘捕三名男子。\n\n"
        f"{LEAD}![現場](b.jpg)\n\n點擊![🔗](icon.png)下載。\n"
    )
    assert document.blocks == (
        Figure("圖為消防員", "a.jpg"),
        Figure("統計表", "t.jpg"),  # before its paragraph: the lead sentence stays whole
        Paragraph("警方昨日拘捕三名男子。"),
        Paragraph(LEAD),
        Figure("現場", "b.jpg"),
        Paragraph("點擊下載。"),  # an icon's alt text says nothing
    )


def test_a_captions_date_is_not_the_articles_date() -> None:
    document = _md("# 火警\n\n![2024年7月1日的舊照片](old.jpg)\n\n警方昨日拘捕三名男子。\n")
    assert document.meta.dates == ()


def test_figures_round_trip_through_markdown_and_json() -> None:
    document = Document(
        Metadata(title="標題", language="zh-Hant"),
        (Figure("圖：[港島] *夜景*", "a b (1).jpg"), Paragraph("正文。"), Figure("無地址")),
    )
    written = convert.render(document, "md").decode()
    assert "![圖：\\[港島\\] \\*夜景\\*](<a b (1).jpg>)" in written
    back = _md(written)
    assert back.blocks[1:] == document.blocks[1:]
    assert back.blocks[0] == Figure("圖：[港島] *夜景*", "a%20b%20(1).jpg")  # as CommonMark
    blocks = json.loads(convert.render(document, "json"))["blocks"]
    assert blocks[2] == {"type": "figure", "text": "無地址"}
    assert Document.from_json(convert.render(document, "json")) == document


def test_a_caption_is_never_the_gist_nor_a_key_sentence() -> None:
    document = _md(f"# 大埔屋苑五級火\n\n![{CAPTION}。](fire.jpg)\n\n{LEAD}警方已拘捕三名男子。\n")
    assert document.blocks[0] == Figure(CAPTION + "。", "fire.jpg")
    brief = convert.transform(document, "brief").meta.extras["brief"]
    assert brief["gist"]["text"].startswith("大埔一屋苑昨日發生五級火")
    assert all("濃煙" not in sentence["text"] for sentence in brief["sentences"])
    as_paragraph = document.replace(blocks=(Paragraph(CAPTION + "。"), *document.blocks[1:]))
    gist = convert.transform(as_paragraph, "brief").meta.extras["brief"]["gist"]["text"]
    assert "濃煙" in gist  # the same text as a paragraph would have been the gist


def test_writers_show_the_caption_where_the_image_stood() -> None:
    import docx
    import pdfplumber

    document = Document(
        Metadata(title="標題", language="zh-Hant"),
        (Paragraph("前言。"), Figure("圖為夜景", "x.jpg"), Paragraph("正文。")),
    )
    assert "前言。\n\n圖為夜景\n\n正文。" in convert.render(document, "txt").decode()
    data = convert.render(document, "docx")
    word = docx.Document(io.BytesIO(data))
    assert [(p.style.name, p.text) for p in word.paragraphs if p.text == "圖為夜景"] == [
        ("Caption", "圖為夜景")
    ]
    back = convert.load(data, format="docx")
    assert back.blocks == (Paragraph("前言。"), Figure("圖為夜景"), Paragraph("正文。"))
    with pdfplumber.open(io.BytesIO(convert.render(document, "pdf"))) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    assert lines.index("圖為夜景") == lines.index("前言。") + 1


def test_captions_are_converted_with_the_text() -> None:
    document = Document(Metadata(title="標題", language="zh-Hant"), (Figure("圖為災後的宏福苑"),))
    assert convert.transform(document, "simplified").blocks == (Figure("图为灾后的宏福苑"),)
