"""The Markdown reader: what a .md article becomes in the model and in every output, the
md writer's output read back unchanged, front matter, and hostile input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import convert
from convert import Code, Document, Figure, Heading, ListBlock, Metadata, Paragraph, Quote
from convert.toolkit import source_in

ARTICLE = """\
# 港島新聞：颱風今晚登陸

**記者：** 王小明\\
**日期：** 2025-11-28

![颱風衛星雲圖](5915556_1349679720_n.jpg)

天文台表示，颱風今晚
登陸，市民應**留在室內**。詳情見[天文台網站](https://hko.gov.hk/tc)或 <https://hko.gov.hk>。

## 交通安排

1. 港鐵加開班次
2. 巴士服務*暫停*
   - 小巴照常

> 天文台發言人說：「風勢將增強。」

---

<p>消防處&amp;警方<b>呼籲</b>市民留意。</p>

<script>showAd("廣告");</script>

| 地區 | 風速 |
|---|---|
| 港島 | 120 |

**來源：** 香港電台
"""


def _json(cli, path: Path, *extra: str) -> Document:
    result = cli("convert", path, *extra, "-t", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    return Document.from_json(result.stdout)


def _write(tmp_path: Path, text: str, name: str = "article.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_markdown_article_maps_onto_the_model(cli, tmp_path) -> None:
    document = _json(cli, _write(tmp_path, ARTICLE))
    meta = document.meta
    assert meta.title == "港島新聞：颱風今晚登陸"
    assert meta.source == "香港電台"
    assert meta.dates[0] == "2025-11-28"  # the byline's date comes first
    assert meta.language == "zh-Hant"
    assert document.blocks == (
        Paragraph("記者：王小明"),
        Paragraph("日期：2025-11-28"),
        Figure("颱風衛星雲圖", "5915556_1349679720_n.jpg"),  # the image's caption
        Paragraph(
            "天文台表示，颱風今晚登陸，市民應留在室內。詳情見天文台網站或 https://hko.gov.hk。"
        ),
        Heading("交通安排", level=1),
        ListBlock(("港鐵加開班次", "巴士服務暫停", "小巴照常"), ordered=True),
        Quote("天文台發言人說：「風勢將增強。」"),
        Paragraph("消防處&警方呼籲市民留意。"),
        ListBlock(("地區 | 風速", "港島 | 120")),
    )


def test_no_markup_leaks_into_text_docx_or_brief(cli, tmp_path) -> None:
    import docx

    article = _write(tmp_path, ARTICLE)
    text = cli("convert", article, "-t", "txt", "-o", "-").stdout
    brief = cli("convert", article, "-T", "brief", "-t", "txt", "-o", "-")  # the brief as text
    assert brief.exit_code == 0, brief.output
    out = tmp_path / "article.docx"
    assert cli("convert", article, "-o", out).exit_code == 0
    word = docx.Document(str(out))
    paragraphs = [p.text for p in word.paragraphs]
    title = next(p for p in word.paragraphs if p.style.name == "Title")
    assert title.text == "港島新聞：颱風今晚登陸"
    assert "來源：香港電台\u30002025-11-28" in paragraphs  # the dateline: source, byline date
    for output in (text, brief.stdout, "\n".join(paragraphs)):
        leaks = ("**", "![", "](", ".jpg", "<p", "<script", "廣告", "&amp;", "---")
        for leak in (*leaks, "# "):
            assert leak not in output, (leak, output)
    assert "衛星雲圖" not in brief.stdout  # a caption is no part of the brief
    caption = next(p for p in word.paragraphs if p.style.name == "Caption")
    assert caption.text == "颱風衛星雲圖"
    byline = "記者：王小明\n\n日期：2025-11-28"  # the date stays text too
    assert text.startswith(f"港島新聞：颱風今晚登陸\n\n{byline}\n\n颱風衛星雲圖\n\n天文台表示")


def test_brief_gist_is_a_sentence_not_an_image(cli, tmp_path) -> None:
    article = _write(
        tmp_path,
        "# 大埔屋苑火警\n\n![現場圖片](591555651_1349679720503315_n.jpg)\n\n"
        "大埔一屋苑昨日發生五級火，消防處派出逾百名消防員灌救。警方已拘捕三名男子。\n",
    )
    result = cli("convert", article, "-t", "brief", "-o", "-")
    assert result.exit_code == 0, result.output
    gist = result.stdout.split("\n\n")[2]
    assert gist.startswith("大埔一屋苑昨日發生五級火")
    assert "jpg" not in result.stdout and "現場圖片" not in result.stdout


def test_the_headline_is_a_first_level_heading_only_as_the_first_block(cli, tmp_path) -> None:
    later = _json(cli, _write(tmp_path, "開頭一段。\n\n# 不是標題\n\n### 小節\n\n###### 最深\n"))
    assert later.meta.title == ""
    assert later.blocks == (
        Paragraph("開頭一段。"),
        Heading("不是標題", level=1),
        Heading("小節", level=2),
        Heading("最深", level=5),
    )
    setext = _json(cli, _write(tmp_path, "颱風消息\n========\n\n交通\n----\n\n正文。\n"))
    assert setext.meta.title == "颱風消息"
    assert setext.blocks == (Heading("交通", level=1), Paragraph("正文。"))


def test_line_breaks_join_as_in_plain_text(cli, tmp_path) -> None:
    lines = ["第一行中文", "第二行中文", "第三行", "第四行", "mixed English", "words here"]
    markdown = "# 標題\n\n{}  \n{}\\\n{}<br>{}\n{}  \n{}\n\n尾段。\n".format(*lines)
    plain = tmp_path / "same.txt"
    plain.write_text("標題\n\n" + "\n".join(lines) + "\n\n尾段。\n", encoding="utf-8")
    expected = Paragraph("第一行中文第二行中文第三行第四行mixed English words here")
    assert _json(cli, _write(tmp_path, markdown)).blocks == (expected, Paragraph("尾段。"))
    assert _json(cli, plain).blocks == (expected, Paragraph("尾段。"))


def test_links_keep_their_text_and_code_and_html_are_handled(cli, tmp_path) -> None:
    text = (
        "見[報道](https://example.com/a)與 <https://example.com/b>，`代碼`和<span>標籤</span>。\n\n"
        "    縮進的一段\n    第二行\n\n```\n圍欄代碼\n```\n\n<!-- 註解 -->\n\n<p>HTML 區塊</p>\n"
    )
    document = _json(cli, _write(tmp_path, text))
    assert document.blocks == (
        Paragraph("見報道與 https://example.com/b，代碼和標籤。"),
        Paragraph("縮進的一段第二行"),  # mostly Han: an article's indented paragraph
        Code("圍欄代碼"),
        Paragraph("HTML 區塊"),
    )


def test_a_byline_gives_source_and_date_and_keeps_other_lines(cli, tmp_path) -> None:
    text = (
        "# 標題\n\n**日期:** 2025-12-01 06:10  \n**媒體:** HOY TV  \n"
        "**來源:** [Threads](https://threads.com/p/1)\n\n正文第一句。\n"
    )
    document = _json(cli, _write(tmp_path, text))
    assert document.meta.source == "Threads"
    assert document.meta.dates[0] == "2025-12-01 06:10"
    assert document.blocks == (
        Paragraph("日期: 2025-12-01 06:10"),
        Paragraph("媒體: HOY TV"),
        Paragraph("正文第一句。"),
    )
    # a bold lead-in to a sentence is text, not a field
    lead = "**日期：** 11月28日下午，大埔發生五級火。  \n**來源：** 消息指，火警由棚架引起。"
    document = _json(cli, _write(tmp_path, f"# 標題\n\n{lead}\n\n正文。\n"))
    assert document.meta.source is None and document.meta.dates == ("11月28日",)
    assert document.blocks == (
        Paragraph("日期：11月28日下午，大埔發生五級火。"),
        Paragraph("來源：消息指，火警由棚架引起。"),
        Paragraph("正文。"),
    )
    # a closing source line, plain or bold-labelled, as the text reader reads it
    for closing in ("來源：新華社", "**來源：** 新華社", "**来源**：新華社"):
        document = _json(cli, _write(tmp_path, f"# 標題\n\n正文。\n\n{closing}\n"))
        assert document.meta.source == "新華社", closing
        assert document.blocks == (Paragraph("正文。"),)
    # a long paragraph that starts like one is text
    document = _json(cli, _write(tmp_path, "# 標題\n\n正文。\n\n來源：新華社\n另一行文字\n"))
    assert document.meta.source is None


def test_front_matter_fills_the_metadata(cli, tmp_path) -> None:
    text = (
        "---\ntitle: 颱風今晚登陸\ndate: 2025-11-28\nsource: 香港電台\nlang: zh-Hant-HK\n"
        "tags: [颱風, 天文台]\nsummary: 天文台今晚發出八號風球。\nauthor: 王小明\n---\n\n"
        "# 颱風今晚登陸\n\n天文台表示，颱風今晚登陸。\n"
    )
    document = _json(cli, _write(tmp_path, text))
    meta = document.meta
    assert meta.title == "颱風今晚登陸"  # the repeated # headline is not a heading too
    assert meta.dates == ("2025-11-28",)
    assert meta.source == "香港電台"
    assert meta.language == "zh-Hant-HK"
    assert meta.keywords == ("颱風", "天文台")
    assert meta.extras == {"summary": "天文台今晚發出八號風球。"}
    assert document.blocks == (Paragraph("天文台表示，颱風今晚登陸。"),)
    other = _json(cli, _write(tmp_path, "---\ntitle: 甲\nkeywords: 乙, 丙\n---\n# 丁\n\n正文。\n"))
    assert other.meta.title == "甲" and other.meta.keywords == ("乙", "丙")
    assert other.blocks == (Heading("丁", level=1), Paragraph("正文。"))


def test_a_leading_rule_is_not_front_matter_and_bad_yaml_is_text(cli, tmp_path) -> None:
    rule = _json(cli, _write(tmp_path, "---\n\n# 標題\n\n正文：第一段。\n\n---\n"))
    assert rule.meta.title == "標題" and rule.blocks == (Paragraph("正文：第一段。"),)
    bad = _write(tmp_path, "---\ntitle: [未完\n---\n\n正文。\n", "bad.md")
    result = cli("convert", bad, "-t", "json", "-o", "-")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"docconv: warning: {bad}: front matter is not valid YAML")
    assert result.stderr.count("\n") == 1 and "read as text" in result.stderr
    assert "正文。" in [b.text for b in Document.from_json(result.stdout).blocks]
    deep = _write(tmp_path, "---\ntitle: " + "[" * 30_000 + "\n---\n\n正文。\n", "deep.md")
    result = cli("convert", deep, "-t", "json", "-o", "-")
    assert result.exit_code == 0
    assert result.stderr == (
        f"docconv: warning: {deep}: front matter nested more than 32 brackets deep; read as text\n"
    )


def test_the_md_writer_reads_back_to_the_same_document(cli, seed, tmp_path) -> None:
    """text → md → json equals text → json, for the seed and an article with lists and
    quotes; headings (which only DOCX and JSON carry) through json → md → json."""
    lists = tmp_path / "lists.txt"
    lists.write_text(
        "颱風消息\n\n- 港鐵加開班次\n- 巴士暫停\n\n1. 留在室內\n2. 遠離窗戶\n\n"
        "> 天文台說：「風勢增強。」\n\n市民應小心 *注意* [安全] & <警告> #1\n\n來源：香港電台\n",
        encoding="utf-8",
    )
    for source in (seed, lists):
        direct = _json(cli, source)
        markdown = tmp_path / f"{source.stem}.md"
        assert cli("convert", source, "-o", markdown).exit_code == 0
        assert _without_origin(_json(cli, markdown)) == _without_origin(direct)
    assert any(isinstance(b, ListBlock) and b.ordered for b in convert.load(lists).blocks)
    headed = Document(
        Metadata(title="標題", source="新華社", language="zh-Hant"),
        (Heading("一", 1), Paragraph("甲。"), Heading("二", 2), Heading("五", 5), Quote("乙")),
    )
    assert _roundtrip(headed) == headed


def _without_origin(document: Document) -> Document:
    return document.replace(origin=None)


def _roundtrip(document: Document) -> Document:
    markdown = convert.render(document, "md")
    read = convert.load(markdown, format="md")
    return read.replace(origin=None, dates=document.meta.dates, language=document.meta.language)


_TEXT = (
    st.text(
        alphabet=st.sampled_from(list("港島新聞abc 123.-+*_#>!`[]()<>&\\|~=:：。「」\t")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
_BLOCK = st.one_of(
    st.builds(Paragraph, _TEXT),
    st.builds(Heading, _TEXT, st.integers(1, 5)),
    st.builds(Quote, _TEXT),
    st.builds(ListBlock, st.lists(_TEXT, min_size=1, max_size=3).map(tuple), st.booleans()),
    st.builds(  # numbered from any start CommonMark allows
        lambda items, start: ListBlock(items, ordered=True, start=start),
        st.lists(_TEXT, min_size=1, max_size=3).map(tuple),
        st.integers(0, 999_999_999),
    ),
    st.builds(  # program text: fences, backticks and tildes inside, indentation, blank lines
        Code,
        st.text(alphabet=st.sampled_from(list("ab 港`~\n\t#>-*1.")), max_size=30).filter(
            lambda text: text.strip()
        ),
        st.one_of(st.none(), st.sampled_from(["python", "js", "c`x"])),
    ),
    st.builds(  # an image by its caption; addresses with spaces, parentheses, brackets
        Figure,
        _TEXT.filter(lambda text: any(ch.isalnum() for ch in text)),
        st.one_of(st.none(), st.sampled_from(["x.jpg", "a%20(1).png", "https://h.k/p?q=1&r=2"])),
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.one_of(st.just(""), _TEXT), blocks=st.lists(_BLOCK, min_size=1, max_size=5))
def test_any_document_the_md_writer_writes_reads_back(title: str, blocks: list) -> None:
    document = Document(Metadata(title=title, language="zh-Hant"), tuple(blocks))
    last = blocks[-1]
    if isinstance(last, Paragraph) and source_in(last.text) is not None:
        return  # a closing source line is read as the source, by every reader
    assert _roundtrip(document) == document


def test_encodings_are_detected_or_forced_as_for_plain_text(cli, tmp_path) -> None:
    text = "# 港島新聞\n\n## 交通\n\n港鐵今日加開班次，方便市民出行。\n"
    for name, data, extra, encoding in (
        ("big5.md", text.encode("big5"), ("--encoding", "big5"), "big5"),
        ("forced.md", text.encode("big5"), ("-O", "encoding=big5"), "big5"),
        ("bom.md", text.encode("utf-8-sig"), (), "utf-8-sig"),
        ("utf16.md", text.encode("utf-16"), (), "utf-16"),
        ("gb.md", (text * 20).encode("gb18030"), (), "gb18030"),
    ):
        (tmp_path / name).write_bytes(data)
        document = _json(cli, tmp_path / name, *extra)
        assert document.meta.title == "港島新聞", name
        assert document.meta.origin.encoding == encoding
        assert document.blocks[0] == Heading("交通", 1)


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\xff\xfe\xfa" * 3, b"# \xe6\xb8"],
    ids=["empty", "blank", "binary", "not-text", "cut-utf8"],
)
def test_bad_bytes_get_the_text_readers_message(cli, tmp_path, data: bytes) -> None:
    (tmp_path / "a.md").write_bytes(data)
    (tmp_path / "a.txt").write_bytes(data)
    as_md = cli("convert", tmp_path / "a.md", "-t", "txt", "-o", "-")
    as_txt = cli("convert", tmp_path / "a.txt", "-t", "txt", "-o", "-")
    assert as_md.exit_code == as_txt.exit_code
    assert as_md.stderr.replace("a.md", "a.txt") == as_txt.stderr
    assert "Traceback" not in as_md.stderr
    if as_md.exit_code:
        assert as_md.exit_code == 3 and as_md.stderr.count("\n") == 1
        assert as_md.stderr.startswith(f"docconv: error: {tmp_path / 'a.md'}: ")


def test_markup_with_no_text_is_an_input_error(cli, tmp_path) -> None:
    article = _write(tmp_path, "![](a.jpg)\n\n---\n\n<div><!-- x --></div>\n\n<script>x</script>\n")
    result = cli("convert", article, "-t", "txt", "-o", "-")
    assert result.exit_code == 3
    assert result.stderr == (
        f"docconv: error: {article}: no text to convert "
        "(only Markdown markup: images, rules, HTML)\n"
    )


def test_deep_nesting_is_read_whole_or_refused_never_cut(cli, tmp_path) -> None:
    items = "".join("  " * i + f"- 第{i}項\n" for i in range(15)) + "\n後面一段。\n"
    document = _json(cli, _write(tmp_path, items))
    assert document.blocks[0] == ListBlock(tuple(f"第{i}項" for i in range(15)))
    assert document.blocks[-1] == Paragraph("後面一段。")

    # the limit the message states: 40 quotes or 20 lists (a list counts two levels)
    def nested(quotes: int, lists: int) -> str:
        lines = ["  " * i + f"- 第{i}項" for i in range(lists)] + ["  " * lists + "深"]
        return "".join(">" * quotes + " " + line + "\n" for line in lines)

    for quotes, lists in ((40, 0), (0, 20), (20, 10)):
        document = _json(cli, _write(tmp_path, nested(quotes, lists), "ok.md"))
        assert "深" in "".join(document.texts()), (quotes, lists)
    for deep in (">" * 100_000 + " 深\n", nested(41, 0), nested(0, 21), nested(20, 11)):
        result = cli("convert", _write(tmp_path, deep, "deep.md"), "-t", "txt", "-o", "-")
        assert result.exit_code == 3
        assert result.stderr == (
            f"docconv: error: {tmp_path / 'deep.md'}: Markdown nested more than 40 levels "
            "deep (quotes and lists inside each other: a quote counts one level, a list two)\n"
        )
    inline = "[" * 5000 + "連結" + "]" * 5000 + "*" * 5000 + "文字" + "\n"
    document = _json(cli, _write(tmp_path, inline, "inline.md"))
    assert "連結" in document.blocks[0].text and "文字" in document.blocks[0].text


@pytest.mark.slow
def test_a_large_markdown_file_converts(cli, tmp_path) -> None:
    paragraph = "天文台表示，**颱風**今晚[登陸](https://hko.gov.hk)，市民應留在室內。\n\n"
    big = _write(tmp_path, "# 標題\n\n" + paragraph * 18_000, "big.md")  # 0.88 M characters
    result = cli("convert", big, "-t", "json", "-o", "-")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["blocks"]) == 18_000


def test_markdown_over_the_size_limit_is_refused_in_one_line(cli, tmp_path) -> None:
    huge = _write(tmp_path, "# 標題\n\n" + "字" * 1_000_000, "huge.md")
    result = cli("convert", huge, "-t", "txt", "-o", "-")
    assert result.exit_code == 3
    assert result.stderr == (
        f"docconv: error: {huge}: Markdown of 1,000,006 characters is over the md reader's "
        "limit of 1,000,000 (split the file, or read it as plain text with -f text)\n"
    )
    plain = cli("convert", huge, "-f", "text", "-t", "txt", "-o", "-")
    assert plain.exit_code == 0 and plain.stdout.startswith("# 標題")


def test_stdin_with_f_md_and_the_reader_is_listed(cli) -> None:
    result = cli("convert", "-", "-f", "md", "-t", "txt", input="# 標題\n\n**正文**。\n".encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == "標題\n\n正文。\n"
    formats = json.loads(cli("formats", "--json").stdout)
    reader = next(r for r in formats if r["kind"] == "reader" and r["name"] == "md")
    assert reader["extensions"] == ["md", "markdown"] and reader["aliases"] == ["markdown"]


def test_markdown_libraries_load_only_when_markdown_is_read(seed, tmp_path) -> None:
    probe = (
        "import sys\nfrom convert.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'markdown_it', 'yaml'}),"
        " file=sys.stderr)\n"
    )
    article = _write(tmp_path, "---\ntitle: 標題\n---\n\n正文。\n")
    expected = {
        ("formats",): "[]",
        ("--help",): "[]",
        ("convert", str(seed), "-t", "md", "-o", "-"): "[]",
        ("convert", str(article), "-t", "txt", "-o", "-"): "['markdown_it', 'yaml']",
    }
    for args, modules in expected.items():
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True
        )
        assert done.stderr.strip().splitlines()[-1] == modules, args


def test_python_api_reads_markdown_bytes() -> None:
    document = convert.load("# 題\n\n文。\n".encode(), format="md")
    assert document.meta.title == "題" and document.blocks == (Paragraph("文。"),)


def test_text_inside_html_blocks_is_kept(cli, tmp_path) -> None:
    cms = _write(tmp_path, "# 標題\n\n<p>整段新聞正文放在HTML段落標籤裡。</p>\n")
    assert _json(cli, cms).blocks == (Paragraph("整段新聞正文放在HTML段落標籤裡。"),)
    text = (
        "# 港聞\n\n<div align='center'>\n<img src='x.jpg' alt='現場照片'>\n"
        "<figcaption>圖為災後的宏福苑。</figcaption>\n</div>\n\n"
        "<details><summary>更多</summary>\n議員普遍&ldquo;支持&rdquo;撥款。<br>另一行\n</details>\n\n"
        "<div>Hong<b>Kong</b> &amp; <i>Macau</i>\nnews</div>\n\n"
        "<style>p { color: red }</style>\n\n<script>var 廣告 = 1;</script>\n\n"
        "<!--\n隱藏的註解\n-->\n\n<template><p>模板</p></template>\n\n結尾。\n"
    )
    document = _json(cli, _write(tmp_path, text))
    assert document.blocks == (
        Paragraph("圖為災後的宏福苑。"),
        Paragraph("更多"),
        Paragraph("議員普遍\u201c支持\u201d撥款。"),
        Paragraph("另一行"),
        Paragraph("HongKong & Macau news"),
        Paragraph("結尾。"),
    )
    quoted = _json(cli, _write(tmp_path, "# 標題\n\n> <p>引述的段落。</p>\n"))
    assert quoted.blocks == (Quote("引述的段落。"),)


def test_footnotes_follow_the_text_with_their_numbers(cli, tmp_path) -> None:
    text = (
        "# 新聞\n\n據統計[^a]，失業率上升[^長註]。\n\n[^a]: 統計處數字截至十月底。\n\n"
        "[^長註]: 見政府公告。\n\n    第二段註文。\n\n來源：新華社\n"
    )
    article = _write(tmp_path, text)
    document = _json(cli, article)
    assert document.meta.source == "新華社"
    assert document.blocks == (
        Paragraph("據統計[1]，失業率上升[2]。"),
        Paragraph("[1] 統計處數字截至十月底。"),
        Paragraph("[2] 見政府公告。"),
        Paragraph("第二段註文。"),
    )
    plain = cli("convert", article, "-t", "txt", "-o", "-").stdout
    assert plain.endswith(
        "[1] 統計處數字截至十月底。\n\n[2] 見政府公告。\n\n第二段註文。\n\n來源:新華社\n"
    )
    # an inline note is numbered in turn; a note no reference uses stays where it is
    text = (
        "# 題\n\n正文^[內聯註文]。\n\n[^x]: 未被引用的註文。\n\n甲[^y]乙[^y]。\n\n[^y]: 用兩次。\n"
    )
    assert _json(cli, _write(tmp_path, text)).blocks == (
        Paragraph("正文[1]。"),
        Paragraph("[x] 未被引用的註文。"),
        Paragraph("甲[2]乙[2]。"),
        Paragraph("[1] 內聯註文"),
        Paragraph("[2] 用兩次。"),
    )


def test_a_byline_date_survives_md_to_txt_and_md(cli, tmp_path) -> None:
    article = _write(
        tmp_path, "# 標題\n\n**記者：** 陳大文  \n**日期：** 2025年11月28日\n\n正文。\n"
    )
    for fmt in ("txt", "md"):
        result = cli("convert", article, "-t", fmt, "-o", "-")
        assert result.exit_code == 0, result.output
        assert "2025年11月28日" in result.stdout, fmt
    assert _json(cli, article).meta.dates[0] == "2025年11月28日"


def test_a_plain_text_article_saved_as_md_reads_as_plain_text(cli, tmp_path) -> None:
    lines = ["大埔火災死亡人數增至146人", "消防處今日表示，死亡人數增至146人。"]
    text = "\n".join([*lines, "政府已開放8間臨時庇護中心。", "來源：大公報\n"])
    as_md = _json(cli, _write(tmp_path, text))
    as_txt = _json(cli, _write(tmp_path, text, "same.txt"))
    assert as_md.meta.title == as_txt.meta.title == "大埔火災死亡人數增至146人"
    assert as_md.meta.source == as_txt.meta.source == "大公報"
    assert (
        as_md.blocks
        == as_txt.blocks
        == (
            Paragraph("消防處今日表示，死亡人數增至146人。"),
            Paragraph("政府已開放8間臨時庇護中心。"),
        )
    )
    # markup or a blank line: Markdown as before (wrapped lines are one paragraph)
    marked = _json(cli, _write(tmp_path, "第一行中文\n第二行**粗體**\n"))
    assert marked.blocks == (Paragraph("第一行中文第二行粗體"),)
    fm = "---\ntitle: 前置標題\n---\n大埔火災\n第一段。\n第二段。\n"
    given = _json(cli, _write(tmp_path, fm))
    assert given.meta.title == "前置標題"
    assert given.blocks == (Paragraph("大埔火災"), Paragraph("第一段。"), Paragraph("第二段。"))


def test_front_matter_keys_with_no_field_are_named_in_a_warning(cli, tmp_path) -> None:
    text = "---\ntitle: 標題\nauthor: 陳大文\nsubtitle: 副標題\n記者: 李小明\n---\n\n正文。\n"
    article = _write(tmp_path, text)
    result = cli("convert", article, "-t", "txt", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == "標題\n\n正文。\n"
    assert result.stderr == (
        f"docconv: warning: {article}: front matter keys not used: author, subtitle, 記者\n"
    )
    known = _write(tmp_path, "---\nTitle: 標題\ndate: 2025-11-28\n---\n\n正文。\n", "k.md")
    assert cli("convert", known, "-t", "txt", "-o", "-").stderr == ""
