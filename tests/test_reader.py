"""The plain-text article reader: structure, source line, script, dates."""

from __future__ import annotations

import pytest

import convert
from convert import ListBlock, Paragraph, Quote

HEADLINE = "無錫代表團在青海海東市學習考察並推動東西部協作合作項目"


def test_seed_parses_to_headline_13_paragraphs_and_source(seed) -> None:
    doc = convert.load(seed)
    assert doc.meta.title == HEADLINE
    assert len(doc.blocks) == 13
    assert all(isinstance(b, Paragraph) for b in doc.blocks)
    assert doc.blocks[0].text.startswith("在新疆克州阿合奇縣考察結束後")
    assert doc.blocks[-1].text.endswith("資源共享、共贏發展新篇章。")
    assert doc.meta.source == "無錫日報"
    assert doc.meta.language == "zh-Hant"


def test_origin_records_file_name_hash_and_encoding(seed) -> None:
    import hashlib

    origin = convert.load(seed).meta.origin
    assert origin is not None
    assert origin.filename == seed.name
    assert origin.sha256 == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert origin.encoding == "utf-8"


def test_dates_are_kept_as_written_without_a_year(seed) -> None:
    dates = convert.load(seed).meta.dates
    assert dates[0] == "7月9日-11日"
    assert not any("年" in d for d in dates)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("市府記者會\n\n2025/08/12 15:18\n\n市長今天出席記者會。\n", "2025/08/12"),
        ("市府記者會\n\n2017/8/28 16:28(8/28 17:27 更新)\n\n市長今天出席。\n", "2017/8/28"),
        ("球賽\n\n勇士隊獲勝。（球團提供）記者王明傳真 114年4月24日\n", "114年4月24日"),
        ("條例\n\n本條例自民國98年3月1日起施行。\n", "民國98年3月1日"),
        ("财报\n\n公司二○二五年一月十五日公布财报。\n", "二○二五年一月十五日"),
        ("财报\n\n发布时间：2026-1-5 10:00，公司公布财报。\n", "2026-1-5"),
    ],
)
def test_slash_dates_and_minguo_years_are_found_as_written(text: str, date: str) -> None:
    """A review found no date at all in articles dated 2025/08/12 15:18 or 2017/8/28, and a
    photo credit's 114年4月24日 (Taiwan's Minguo year 114 is 2025) read as 4月24日."""
    assert convert.load(text.encode("utf-8"), name="a.txt").meta.dates == (date,)


def test_simplified_text_is_tagged_zh_hans(seed) -> None:
    golden = seed.with_name("000_23be539ad5687094.t2s.txt")
    assert convert.load(golden).meta.language == "zh-Hans"


def test_latin_text_is_not_tagged_chinese() -> None:
    assert convert.load(b"Title\n\nSome English text.").meta.language == "und"


@pytest.mark.parametrize(
    "line",
    ["來源:無錫日報", "来源:無錫日報", "來源\uff1a無錫日報", "Source: 無錫日報", "(來源:無錫日報)"],
)
def test_trailing_source_line_becomes_metadata(line: str) -> None:
    doc = convert.load(f"標題\n\n第一段。\n\n{line}\n".encode())
    assert doc.meta.source == "無錫日報"
    assert [b.text for b in doc.blocks] == ["第一段。"]


def test_source_line_only_counts_at_the_end() -> None:
    doc = convert.load("標題\n\n來源:甲報\n\n正文。".encode())
    assert doc.meta.source is None
    assert len(doc.blocks) == 2


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline: str) -> None:
    text = newline.join(["標題", "", "\u3000\u3000第一段。  ", "", "第二段。", ""])
    doc = convert.load(text.encode())
    assert doc.meta.title == "標題"
    assert [b.text for b in doc.blocks] == ["第一段。", "第二段。"]


def test_no_blank_lines_means_one_paragraph_per_line() -> None:
    doc = convert.load("標題\n第一段。\n第二段。\n第三段。".encode())
    assert [b.text for b in doc.blocks] == ["第一段。", "第二段。", "第三段。"]


def test_wrapped_lines_join_without_space_in_chinese_and_with_space_in_english() -> None:
    doc = convert.load("標題\n\n第一行\n第二行\n\nHello\nworld\n".encode())
    assert [b.text for b in doc.blocks] == ["第一行第二行", "Hello world"]


def test_lists_and_quotes() -> None:
    doc = convert.load("標題\n\n- 甲\n- 乙\n\n1. 一\n2. 二\n\n> 引文\n".encode())
    assert doc.blocks == (
        ListBlock(("甲", "乙")),
        ListBlock(("一", "二"), ordered=True),
        Quote("引文"),
    )


def test_headline_only() -> None:
    doc = convert.load("只有標題\n".encode())
    assert doc.meta.title == "只有標題"
    assert doc.blocks == ()


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("來源:新華社(記者張三)", "新華社(記者張三)"),
        ("Source: Reuters (Beijing)", "Reuters (Beijing)"),
        ("(来源:新华社)", "新华社"),
        ("\uff08來源\uff1a中央社\uff09", "中央社"),
    ],
)
def test_source_keeps_its_own_parentheses(line: str, source: str) -> None:
    assert convert.load(f"標題\n\n正文。\n\n{line}\n".encode()).meta.source == source


def test_figures_at_line_starts_are_not_list_numbers() -> None:
    doc = convert.load("標題\n\n第一段。\n\n10.5億元投資\n12.3億元貸款\n".encode())
    assert doc.blocks == (Paragraph("第一段。"), Paragraph("10.5億元投資12.3億元貸款"))


ONE_LINE = (
    "本文總結了十個可穿戴產品的設計原則，而這些原則，同樣也是筆者認為是這個行業最吸引人的地方。"
    "新華社北京11月22日電，國家統計局今天發布數據，10月份全國規模以上工業增加值同比增長6.2%。"
)


@pytest.mark.parametrize(
    "first",
    [
        ONE_LINE,  # sentences: an article saved without its line breaks
        "在新疆克州阿合奇縣考察結束後" * 8,  # longer than any headline
    ],
)
def test_a_first_line_that_is_text_is_no_headline(first: str) -> None:
    doc = convert.load(f"{first}\n\n第二段。".encode())
    assert doc.meta.title == ""
    assert [b.text for b in doc.blocks] == [first, "第二段。"]


@pytest.mark.parametrize(
    "headline",
    [
        "突發！颱風今晚登陸",
        "習近平：堅持和發展新時代楓橋經驗。",
        "他說：“我們回家了。”",
        HEADLINE,
        "今天又下雨 :(",  # a bracket ending the line opens no aside (found by hypothesis)
    ],
)
def test_headlines_with_one_sentence_stay_headlines(headline: str) -> None:
    doc = convert.load(f"{headline}\n\n正文。".encode())
    assert doc.meta.title == headline


def test_a_one_line_article_is_text_in_every_format() -> None:
    """A one-line article was a 764-character headline: Title style in the DOCX, ``# `` in
    Markdown, and a brief with no gist and no key sentences."""
    doc = convert.load(ONE_LINE.encode())
    assert not any(line.startswith("#") for line in convert.render(doc, "md").decode().split("\n"))
    brief = convert.render(doc, "brief").decode().split("\n")
    assert brief[:3] == ["## 一句話摘要", "", ONE_LINE[: ONE_LINE.index("。") + 1]]
    assert "## 重點句" in brief


def test_a_list_without_blank_lines_is_a_list_and_no_headline() -> None:
    """Lines of "- " items with no blank line between were paragraphs keeping their "- ",
    and a file of items only lost its first item to the headline."""
    doc = convert.load("標題\n第一段。\n- 甲\n- 乙\n第二段。\n1. 一\n2. 二\n".encode())
    assert doc.blocks == (
        Paragraph("第一段。"),
        ListBlock(("甲", "乙")),
        Paragraph("第二段。"),
        ListBlock(("一", "二"), ordered=True),
    )
    only = convert.load("- 第一項內容\n- 第二項內容\n- 第三項內容\n".encode())
    assert only.meta.title == ""
    assert only.blocks == (ListBlock(("第一項內容", "第二項內容", "第三項內容")),)


def test_a_dateline_cut_by_a_line_break_is_no_headline() -> None:
    doc = convert.load("本報訊(記者\n\n王小明)市政府昨日發布新規。\n".encode())
    assert doc.meta.title == ""
