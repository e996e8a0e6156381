"""The pdf writer, checked by reading its PDFs back with pypdf and pdfplumber."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
import reportlab
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import convert
from convert import Document, Heading, ListBlock, Metadata, Paragraph, Quote
from docconv_plugins.pdf import pdf_fonts
from docconv_plugins.pdf.linebreak import CLOSING, OPENING, break_lines
from docconv_plugins.pdf.pdf_layout import MARGIN, byline

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_23be539ad5687094.txt"
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def article(*blocks, title="標題", language="zh-Hant", **meta) -> Document:
    return Document(Metadata(title=title, language=language, **meta), blocks)


def body_text(pdf: bytes) -> str:
    """The text inside the page frame, page furniture (header, footer) cut away."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        parts = []
        for page in document.pages:
            frame = (0, MARGIN["top"] - 2, page.width, page.height - MARGIN["bottom"] + 2)
            parts.append(page.crop(frame).extract_text())
    return "\n".join(parts)


def lines_of(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [line for page in document.pages for line in page.extract_text().splitlines()]


def fonts_of(pdf: bytes) -> list[dict]:
    fonts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            fonts.append(ref.get_object())
    return fonts


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return convert.transform(convert.load(SEED), "punctuation")


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    return convert.render(convert.load(SEED), "pdf")


def test_every_paragraph_extracts_in_reading_order(seed_doc, seed_pdf) -> None:
    expected = [seed_doc.meta.title, byline(seed_doc), *(b.text for b in seed_doc.blocks)]
    assert squeeze(body_text(seed_pdf)) == squeeze("".join(expected))


def test_paragraphs_split_across_pages_lose_and_repeat_nothing(seed_doc) -> None:
    doc = seed_doc.replace(blocks=seed_doc.blocks * 3)
    pdf = convert.render(doc, "pdf")
    expected = [doc.meta.title, byline(doc), *(b.text for b in doc.blocks)]
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 5
    assert squeeze(body_text(pdf)) == squeeze("".join(expected))


def test_every_font_is_an_embedded_truetype_subset(seed_pdf) -> None:
    fonts = fonts_of(seed_pdf)
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
        assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"]), "expected a subset"


def test_metadata_and_language(seed_doc, seed_pdf) -> None:
    reader = PdfReader(io.BytesIO(seed_pdf))
    info = reader.metadata
    assert info.title == seed_doc.meta.title
    assert info.author == "無錫日報"
    assert info.subject and info.subject in seed_doc.blocks[0].text
    assert info.creator == f"docconv {convert.__version__}"  # read without importlib.metadata
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hant"


def test_keywords_when_known() -> None:
    pdf = convert.render(article(Paragraph("正文"), keywords=("無錫", "海東")), "pdf")
    assert PdfReader(io.BytesIO(pdf)).metadata["/Keywords"] == "無錫, 海東"


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)), ("letter", (612, 792))])
def test_paper_size(paper: str, size: tuple[float, float]) -> None:
    pdf = convert.render(article(Paragraph("正文")), "pdf", paper=paper)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_footer_counts_pages_and_header_starts_on_page_two(seed_doc, seed_pdf) -> None:
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(seed_pdf)).pages]
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 頁\uff0c共 {len(pages)} 頁" in text
    headline = seed_doc.meta.title
    assert squeeze(pages[0]).count(headline) == 1
    with pdfplumber.open(io.BytesIO(seed_pdf)) as document:
        assert document.pages[1].extract_text().splitlines()[0] == headline


@pytest.mark.parametrize(
    ("language", "label"), [("zh-Hans", "第 1 页\uff0c共 1 页"), ("en", "Page 1 of 1")]
)
def test_footer_follows_the_script(language: str, label: str) -> None:
    pdf = convert.render(article(Paragraph("正文"), language=language), "pdf")
    assert label in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_markup_in_the_text_is_drawn_literally() -> None:
    text = "正文<b>粗體</b> &amp; <font color=red>紅</font>"
    pdf = convert.render(article(Paragraph(text), title="<i>標題</i>"), "pdf")
    extracted = squeeze(body_text(pdf))
    assert squeeze(text) in extracted
    assert extracted.startswith("<i>標題</i>")


def test_source_date_epoch_gives_identical_bytes(monkeypatch, seed_doc) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = (convert.render(seed_doc, "pdf") for _ in range(2))
    assert first == second
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"].startswith("D:20231114")


def test_no_line_breaks_against_chinese_rules(seed_pdf) -> None:
    lines = lines_of(seed_pdf)
    assert len(lines) > 40
    assert [line for line in lines if line[0] in CLOSING] == []
    assert [line for line in lines if line[-1] in OPENING] == []


def test_break_lines_keeps_punctuation_with_its_neighbours() -> None:
    def measure(text: str) -> float:
        return float(len(text))

    assert break_lines("一二三\uff0c四五", measure, [3]) == ["一二", "三\uff0c四", "五"]
    assert break_lines("一二\u300c三\u300d四", measure, [3]) == ["一二", "\u300c三\u300d", "四"]
    assert break_lines("一二三\u2026\u2026四", measure, [4]) == ["一二", "三\u2026\u2026四"]
    assert break_lines("see example.com now", measure, [12]) == ["see", "example.com", "now"]


_TOKEN = st.tuples(
    st.sampled_from(["", *sorted(OPENING & set("\u300c\u300e\uff08\u300a\u201c"))]),
    st.sampled_from("無錫代表團海東市學習考察"),
    st.sampled_from(["", *sorted(CLOSING & set("\uff0c\u3002\u3001\u300d\uff09\u201d\uff1b"))]),
).map("".join)


@given(st.lists(_TOKEN, min_size=1, max_size=60).map("".join), st.integers(4, 30))
def test_break_lines_property(text: str, width: int) -> None:
    lines = break_lines(text, lambda s: float(len(s)), [width])
    assert "".join(lines) == text
    assert all(len(line) <= width for line in lines)
    assert not any(line[0] in CLOSING for line in lines)
    assert not any(line[-1] in OPENING for line in lines[:-1])


def test_characters_a_font_lacks_come_from_the_next_font(seed_doc) -> None:
    pdf = convert.render(seed_doc, "pdf", font=str(VERA))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = document.pages[0].chars
    latin = {c["fontname"] for c in chars if c["text"] == "7"}
    chinese = {c["fontname"] for c in chars if c["text"] == "無"}
    assert len(latin) == 1 and "Vera" in latin.pop()
    assert chinese and not any("Vera" in name for name in chinese)
    assert squeeze("".join(b.text for b in seed_doc.blocks)) in squeeze(body_text(pdf))


def test_missing_characters_warn_once(caplog) -> None:
    doc = article(Paragraph("線形文字\U00010000和\U00010000"), Paragraph("又\U00010000"))
    with caplog.at_level(logging.WARNING, logger="docconv"):
        convert.render(doc, "pdf")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "U+10000" in warnings[0]


def test_renders_with_only_the_packaged_font(monkeypatch, seed_doc) -> None:
    monkeypatch.setattr(pdf_fonts, "system_fonts", lambda: ())
    pdf = convert.render(seed_doc, "pdf")
    assert {f["/BaseFont"].split("+")[1] for f in fonts_of(pdf)} == {"WenQuanYiMicroHei-0"}
    assert squeeze("".join(b.text for b in seed_doc.blocks)) in squeeze(body_text(pdf))


def test_font_discovery_without_fc_list(monkeypatch) -> None:
    monkeypatch.setattr(pdf_fonts.shutil, "which", lambda name: None)
    assert pdf_fonts.system_fonts.__wrapped__() == ()


def test_fc_list_runs_again_only_when_a_font_folder_changes(tmp_path, monkeypatch) -> None:
    from docconv_plugins.pdf import pdf_fclist

    monkeypatch.setenv("DOCCONV_CACHE_DIR", str(tmp_path / "cache"))
    fonts, other = tmp_path / "fonts", tmp_path / "elsewhere"
    (fonts / "noto").mkdir(parents=True)
    other.mkdir()
    monkeypatch.setattr(pdf_fclist, "ROOTS", (str(fonts),))
    runs = []

    def listing(command: list[str]):
        def run() -> str:
            runs.append(command)
            return f"{other}/a.ttf\t0\tTrueType\tA\t\tRegular\n"

        return pdf_fclist.cached_listing(command, run)

    def changed(folder: Path) -> None:  # a font installed, then removed again
        (folder / "new.ttf").write_bytes(b"")
        os.utime(folder, ns=(1, 1))

    first = listing(["fc-list", ":lang=zh"])
    assert listing(["fc-list", ":lang=zh"]) == first and len(runs) == 1
    listing(["fc-list", ":lang=en"])  # another question: its own answer
    assert len(runs) == 2
    changed(fonts / "noto")  # a folder under a font root
    assert listing(["fc-list", ":lang=zh"]) == first and len(runs) == 3
    changed(other)  # the folder of a listed face, outside the roots
    listing(["fc-list", ":lang=zh"])
    assert len(runs) == 4
    (fonts / "new-family").mkdir()  # a new folder changes its parent
    listing(["fc-list", ":lang=zh"])
    assert len(runs) == 5
    listing(["fc-list", ":lang=zh"])
    assert len(runs) == 5


FC_LIST = "\n".join(
    [
        "/f/uming.ttc\t0\tTrueType\tAR PL UMing CN\t\tLight",
        "/f/uming.ttc\t2\tTrueType\tAR PL UMing TW\t\tLight",
        "/f/wqy-microhei.ttc\t0\tTrueType\tWenQuanYi Micro Hei\t\tRegular",
        "/f/wqy-microhei.ttc\t1\tTrueType\tWenQuanYi Micro Hei Mono\t100\tRegular",
        "/f/NotoSansCJK-Regular.ttc\t0\tCFF\tNoto Sans CJK JP\t\tRegular",
        "/f/NotoSansCJK-Regular.ttc\t3\tCFF\tNoto Sans CJK TC\t\tRegular",
        "/f/NotoSansCJK-Bold.ttc\t3\tCFF\tNoto Sans CJK TC\t\tBold",
        "/f/NotoSansMonoCJK.ttc\t3\tCFF\tNoto Sans Mono CJK TC\t100\tRegular",
        "/f/NotoSerifCJK-Regular.ttc\t2\tCFF\tNoto Serif CJK SC\t\tRegular",
        "/f/NotoSerifCJK-Regular.ttc\t3\tCFF\tNoto Serif CJK TC\t\tRegular",
        "/f/NotoSerifCJK-Regular.ttc\t4\tCFF\tNoto Serif CJK HK\t\tRegular",
        "/f/Type1.pfb\t0\tType 1\tSome Ming\t\tRegular",
    ]
)


def test_font_order_prefers_serif_body_bold_sans_headings_and_the_script() -> None:
    found = list(pdf_fonts._parse_fc_list(FC_LIST))
    body, headings = pdf_fonts.font_order(None, found, "zh-Hant")
    assert [(f.family, f.style) for f in body[:4]] == [
        ("Noto Serif CJK TC", "Regular"),  # OpenType Ming first: proportional Latin, centred ，
        ("AR PL UMing TW", "Light"),
        ("Noto Sans CJK TC", "Regular"),
        ("WenQuanYi Micro Hei", "Regular"),
    ]
    assert (headings[0].family, headings[0].style) == ("Noto Sans CJK TC", "Bold")
    assert body[0].cff and not body[1].cff
    assert body[-1] == headings[-1] == pdf_fonts.packaged_font()
    simplified, _ = pdf_fonts.font_order(None, found, "zh-Hans")
    assert [f.family for f in simplified[:2]] == ["Noto Serif CJK SC", "AR PL UMing CN"]
    hong_kong, _ = pdf_fonts.font_order(None, found, "zh-HK")
    assert hong_kong[0].family == "Noto Serif CJK HK"


def test_outline_has_the_headline_and_every_heading() -> None:
    doc = article(
        Heading("第一節"),
        Paragraph("內容" * 40),
        Heading("細節", level=2),
        Paragraph("更多"),
        Heading("第二節"),
    )
    outline = PdfReader(io.BytesIO(convert.render(doc, "pdf"))).outline
    assert outline[0].title == "標題"
    flat = [item for item in outline[1] if not isinstance(item, list)]
    assert [item.title for item in flat] == ["第一節", "第二節"]
    assert outline[1][1][0].title == "細節"


def test_lists_and_quotes_are_set_with_their_text() -> None:
    doc = article(
        ListBlock(("第一項", "第二項"), ordered=True),
        ListBlock(("甲", "乙")),
        Quote("引用的話"),
    )
    text = body_text(convert.render(doc, "pdf"))
    for expected in ("1.第一項", "2.第二項", "\u2022甲", "\u2022乙", "引用的話"):
        assert expected in squeeze(text)


def test_cli_writes_pdf_and_punctuation_can_be_kept(cli, seed) -> None:
    result = cli("convert", seed, "-t", "pdf", "-O", "punctuation=keep", "-o", "a.pdf")
    assert result.exit_code == 0, result.output
    pdf = Path("a.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert "結束後,7月9日" in squeeze(body_text(pdf))


def test_bad_font_is_a_usage_error(cli, seed, tmp_path) -> None:
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"not a font")
    for path, problem in ((fake, "not a TrueType or OpenType font"),
                          (tmp_path / "missing.ttf", "no such file")):  # fmt: skip
        result = cli("convert", seed, "-t", "pdf", "-O", f"font={path}", "-o", "a.pdf")
        assert result.exit_code == 2
        assert result.stderr == f"docconv: error: font {str(path)!r}: {problem}\n"
        assert not (tmp_path / "a.pdf").exists()
    result = cli("convert", seed, "-t", "pdf", "-O", "font_index=1", "-o", "a.pdf")
    assert result.exit_code == 2
    assert "font_index=1 chooses a face of -O font=PATH" in result.stderr


def test_importing_the_plugin_does_not_import_reportlab() -> None:
    code = "import sys, docconv_plugins.pdf.pdf_writer; print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rendering_a_pdf_imports_no_platypus_and_no_jieba() -> None:
    """Guards the one-off cost without timing: reportlab's platypus (55 ms of regular
    expressions at import) and jieba's dictionary (0.3 s) are not needed for a PDF."""
    code = (
        "import sys, convert; from convert import Document, Heading, Metadata, Paragraph; "
        "doc = Document(Metadata(title='無錫代表團在青海海東市學習考察並推動東西部協作合作項目'),"
        " (Heading('小標題'), Paragraph('內容' * 400))); "
        "assert convert.render(doc, 'pdf').startswith(b'%PDF'); "
        "print(sorted(m for m in sys.modules if m.startswith(('reportlab.platypus', 'jieba'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_heading_is_never_the_last_line_of_a_page() -> None:
    blocks: list = []
    for number in range(60):
        blocks.append(Paragraph("段落內容，用來填滿頁面。" * (1 + number % 7)))
        if number % 3 == 0:
            blocks.append(Heading(f"小標題{number}號", level=1 + number % 2))
    doc = article(*blocks)
    pdf = convert.render(doc, "pdf")
    headings = {b.text for b in blocks if isinstance(b, Heading)}
    seen = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) >= 4
        for page in document.pages:
            frame = (0, MARGIN["top"] - 2, page.width, page.height - MARGIN["bottom"] + 2)
            lines = [squeeze(line) for line in page.crop(frame).extract_text().splitlines()]
            seen += [line for line in lines if line in headings]
            if page is not document.pages[-1]:
                assert lines[-1] not in headings, (page.page_number, lines[-2:])
    assert sorted(seen) == sorted(headings)  # each once, none lost at a page break
    assert squeeze(body_text(pdf)) == squeeze(
        "".join([doc.meta.title, *(b.text for b in doc.blocks)])
    )


# Characters the packaged font has: ideographs from the seed, Latin letters, digits, punctuation.
PDF_ALPHABET = st.sampled_from(sorted(set(SEED.read_text(encoding="utf-8")) - set(" \n\u3000")))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.text(PDF_ALPHABET, min_size=1, max_size=300), min_size=1, max_size=4))
def test_random_articles_extract_from_the_pdf_as_written(paragraphs: list[str]) -> None:
    document = article(*map(Paragraph, paragraphs))
    pdf = convert.render(document, "pdf", punctuation="keep")
    assert squeeze(body_text(pdf)) == squeeze("標題" + "".join(paragraphs))
