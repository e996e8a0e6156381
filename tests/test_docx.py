"""The docx writer and reader, checked by reading the DOCX back with python-docx and its XML."""

from __future__ import annotations

import io
import logging
import marshal
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

import convert
from convert import Document, Heading, ListBlock, Metadata, Paragraph, Quote
from convert.toolkit import fullwidth_punctuation

EPOCH = 1_720_483_200  # 2024-07-09 00:00:00 UTC
W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def style_rpr(word, style_name: str):
    return word.styles[style_name].element.rPr


@pytest.fixture
def seed_doc(seed) -> Document:
    return convert.load(seed)


@pytest.fixture
def seed_docx(cli, seed) -> docx.document.Document:
    result = cli("convert", seed, "-t", "docx", "-o", "article.docx")
    assert result.exit_code == 0, result.output
    return docx.Document("article.docx")


def test_plugin_modules_do_not_import_python_docx() -> None:
    code = (
        "import sys, convert, docconv_plugins.docx.docx_writer, docconv_plugins.docx.docx_reader;"
        "convert.formats();"
        "assert 'docx' not in sys.modules, 'python-docx imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_headline_in_title_style_with_outline_level(seed_docx, seed_doc) -> None:
    first = seed_docx.paragraphs[0]
    assert first.style.name == "Title"
    assert first.text == seed_doc.meta.title
    outline = seed_docx.styles["Title"].element.pPr.find(qn("w:outlineLvl"))
    assert outline is not None and outline.get(qn("w:val")) == "0"


def test_every_paragraph_reaches_the_body_style(seed_docx, seed_doc) -> None:
    expected = [fullwidth_punctuation(block.text) for block in seed_doc.blocks]
    body = [p.text for p in seed_docx.paragraphs if p.style.name == "Body Text"]
    assert len(expected) == 13
    assert body == expected


def test_source_and_date_line_under_headline(seed_docx) -> None:
    line = seed_docx.paragraphs[1]
    assert line.style.name == "Source Line"
    assert line.text == "來源\uff1a無錫日報\u30007月9日-11日"


def test_body_typography(seed_docx) -> None:
    ppr = seed_docx.styles["Body Text"].element.pPr
    assert ppr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    fmt = seed_docx.styles["Body Text"].paragraph_format
    normal = seed_docx.styles["Normal"].paragraph_format
    assert fmt.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.line_spacing == 1.5
    assert fmt.space_after == Pt(6)


def test_east_asian_font_and_language_everywhere(seed_docx) -> None:
    styles = seed_docx.styles.element
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", W)
    used = {p.style.name for p in seed_docx.paragraphs} | {"Header", "Footer", "Normal"}
    for rpr in [defaults, *(style_rpr(seed_docx, name) for name in used)]:
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-TW"
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) in {"Noto Serif CJK TC", "Noto Sans CJK TC"}
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    settings = seed_docx.settings.element.find(qn("w:themeFontLang"))
    assert settings.get(qn("w:eastAsia")) == "zh-TW"


def test_theme_names_no_japanese_font(cli, seed) -> None:
    cli("convert", seed, "-t", "docx", "-o", "a.docx")
    with zipfile.ZipFile("a.docx") as z:
        theme = z.read("word/theme/theme1.xml").decode("utf-8")
        assert "stylesWithEffects" not in " ".join(z.namelist())
    assert "\uff2d\uff33" not in theme  # the full-width "MS" of MS Mincho / MS Gothic
    assert '<a:ea typeface="Noto Serif CJK TC"/>' in theme


@pytest.mark.parametrize(
    ("language", "fonts", "charset"),
    [
        (
            "zh-Hant",
            {"Noto Serif CJK TC": "PMingLiU", "Noto Sans CJK TC": "Microsoft JhengHei"},
            "88",
        ),
        ("zh-Hans", {"Noto Serif CJK SC": "SimSun", "Noto Sans CJK SC": "Microsoft YaHei"}, "86"),
    ],
)
def test_font_table_declares_chinese_fonts_for_substitution(
    seed_doc, language, fonts, charset
) -> None:
    data = convert.render(seed_doc.replace(language=language), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        table = z.read("word/fontTable.xml").decode("utf-8")
    assert "ＭＳ" not in table and 'w:charset w:val="80"' not in table
    for (name, windows), family in zip(fonts.items(), ("roman", "swiss"), strict=True):
        declaration = table.split(f'w:name="{name}"', 1)[1].split("</w:font>", 1)[0]
        assert f'w:altName w:val="{windows}"' in declaration
        assert f'w:charset w:val="{charset}"' in declaration
        assert f'w:family w:val="{family}"' in declaration


def test_a4_page_footer_page_field_and_source_header(seed_docx) -> None:
    section = seed_docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fields = section.footer._element.findall(".//w:fldSimple", W)
    assert [f.get(qn("w:instr")).strip() for f in fields] == ["PAGE"]
    assert "無錫日報" in section.header.paragraphs[0].text


def test_letter_paper_option(seed_doc) -> None:
    section = read(convert.render(seed_doc, "docx", paper="letter")).sections[0]
    assert (round(section.page_width.inches, 2), round(section.page_height.inches, 2)) == (8.5, 11)


def test_core_properties(monkeypatch, seed_doc) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    doc = seed_doc.replace(keywords=("無錫", "海東"))
    props = read(convert.render(doc, "docx")).core_properties
    assert props.title == doc.meta.title
    assert props.author == "無錫日報"
    assert props.keywords == "無錫, 海東"
    assert props.language == "zh-TW"
    assert props.created.timestamp() == props.modified.timestamp() == EPOCH


def test_subject_from_summary(seed_doc) -> None:
    doc = seed_doc.replace(extras={"summary": "無錫代表團赴海東考察"})
    assert read(convert.render(doc, "docx")).core_properties.subject == "無錫代表團赴海東考察"


def test_byte_identical_under_source_date_epoch(monkeypatch, seed_doc) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    first = convert.render(seed_doc, "docx")
    assert convert.render(seed_doc, "docx") == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(2024, 7, 9, 0, 0, 0)}


@pytest.mark.parametrize("epoch", ["yesterday", "1e9", "253402300800", "-62135596801"])
def test_bad_source_date_epoch_is_a_usage_error(cli, seed, monkeypatch, epoch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)  # the last two: years 10000 and 0
    result = cli("convert", seed, "-t", "docx", "-o", "x.docx")
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.output


def test_punctuation_fullwidth_by_default_and_keep(seed_doc) -> None:
    typeset = read(convert.render(seed_doc, "docx"))
    kept = read(convert.render(seed_doc, "docx", punctuation="keep"))
    assert not any("," in p.text for p in typeset.paragraphs)
    kept_body = [p.text for p in kept.paragraphs if p.style.name == "Body Text"]
    assert kept_body == [block.text for block in seed_doc.blocks]


def test_font_options(seed_doc) -> None:
    word = read(convert.render(seed_doc, "docx", body_font="標楷體", heading_font="微軟正黑體"))
    body = style_rpr(word, "Body Text").find(qn("w:rFonts"))
    title = style_rpr(word, "Title").find(qn("w:rFonts"))
    assert (body.get(qn("w:eastAsia")), title.get(qn("w:eastAsia"))) == ("標楷體", "微軟正黑體")


def test_simplified_document_gets_zh_cn(seed) -> None:
    simplified = convert.load(seed.with_name("000_23be539ad5687094.t2s.txt"))
    assert simplified.meta.language == "zh-Hans"
    word = read(convert.render(simplified, "docx"))
    rpr = style_rpr(word, "Body Text")
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Noto Serif CJK SC"
    assert word.core_properties.language == "zh-CN"
    assert word.paragraphs[1].text.startswith("来源\uff1a")


def test_headings_lists_and_quotes_use_word_styles() -> None:
    doc = Document(
        Metadata(title="標題", language="zh-Hant"),
        (
            Heading("小標題", level=2),
            ListBlock(("一", "二"), ordered=True),
            Paragraph("段落"),
            ListBlock(("甲", "乙"), ordered=True),
            ListBlock(("點",)),
            Quote("引文"),
        ),
    )
    word = read(convert.render(doc, "docx"))
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert styles == [
        ("Title", "標題"),
        ("Heading 2", "小標題"),
        ("List Number", "一"),
        ("List Number", "二"),
        ("Body Text", "段落"),
        ("List Number", "甲"),
        ("List Number", "乙"),
        ("List Bullet", "點"),
        ("Quote", "引文"),
    ]
    # The second numbered list starts again at 1 instead of continuing at 3.
    num_ids = [p._p.find(".//w:numId", W) for p in word.paragraphs]
    restarted = {n.get(qn("w:val")) for n in num_ids if n is not None}
    assert len(restarted) == 1
    numbering = word.part.numbering_part.element
    num = numbering.num_having_numId(int(restarted.pop()))
    assert num.find(".//w:startOverride", W).get(qn("w:val")) == "1"


def test_reference_docx_styles_are_kept(tmp_path: Path, seed_doc) -> None:
    reference = docx.Document()
    reference.styles["Body Text"].font.size = Pt(15)
    section = reference.sections[0]
    section.page_width, section.page_height = docx.shared.Inches(8.5), docx.shared.Inches(11)
    reference.add_paragraph("house template sample text")
    path = tmp_path / "house.docx"
    reference.save(path)
    word = read(convert.render(seed_doc, "docx", reference_docx=str(path)))
    assert word.styles["Body Text"].font.size == Pt(15)
    assert round(word.sections[0].page_width.inches, 2) == 8.5
    assert "house template sample text" not in [p.text for p in word.paragraphs]
    assert word.paragraphs[1].style.name == "Source Line"  # added: the reference lacks it
    lang = style_rpr(word, "Body Text").find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-TW"


def test_missing_reference_docx_is_a_usage_error(cli, seed) -> None:
    result = cli("convert", seed, "-t", "docx", "-O", "reference_docx=nope.docx", "-o", "x.docx")
    assert result.exit_code == 2
    assert "nope.docx" in result.output


def test_control_characters_dropped_with_one_warning(caplog) -> None:
    doc = Document(
        Metadata(title="標\x00題", language="zh-Hant", keywords=("關鍵\x07詞",)),
        (Paragraph("甲\x01乙\x0b丙\ufffe"), Paragraph("𠀀\t🙂\u00a0丁")),
    )
    with caplog.at_level(logging.WARNING, logger="docconv"):
        word = read(convert.render(doc, "docx"))
    assert [p.text for p in word.paragraphs] == ["標題", "甲乙丙", "𠀀\t🙂\u00a0丁"]
    assert (word.core_properties.title, word.core_properties.keywords) == ("標題", "關鍵詞")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "5 control character" in warnings[0].getMessage()


def test_round_trip_txt_docx_json(cli, seed, seed_doc) -> None:
    assert cli("convert", seed, "-t", "docx", "-o", "a.docx").exit_code == 0
    back = convert.load("a.docx")
    assert back.meta.title == seed_doc.meta.title
    assert back.meta.source == "無錫日報"
    assert back.meta.language == "zh-Hant"
    assert [b.text for b in back.blocks] == [fullwidth_punctuation(b.text) for b in seed_doc.blocks]
    assert cli("convert", "a.docx", "-t", "json", "-o", "a.json").exit_code == 0
    assert Document.from_json(Path("a.json").read_text(encoding="utf-8")) == back


def test_reads_an_ordinary_docx(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("市政新聞", "Heading 1")
    word.add_paragraph("第一段。")
    word.add_paragraph("第二段。")
    word.add_paragraph("來源:無錫日報")
    path = tmp_path / "plain.docx"
    word.save(path)
    doc = convert.load(path)
    assert doc.meta.title == "市政新聞"
    assert doc.meta.source == "無錫日報"
    assert [b.text for b in doc.blocks] == ["第一段。", "第二段。"]


def test_not_a_docx_is_an_input_error(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = cli("convert", bad, "-t", "json", "-o", "x.json")
    assert result.exit_code == 3
    assert "bad.docx" in result.output


def test_a_zip_without_word_parts_names_the_missing_part(cli, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "notes.docx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    result = cli("convert", tmp_path / "notes.docx", "-t", "txt", "-o", "-")
    assert result.exit_code == 3
    assert "notes.docx: not a readable DOCX file (There is no item named" in result.stderr


def test_a_headline_longer_than_a_core_property_holds(seed_text) -> None:
    one_line = seed_text.replace("\n", "")  # a whole article as the headline (a JSON input)
    document = convert.Document(convert.Metadata(title=one_line, language="zh-Hant"), ())
    word = read(convert.render(document, "docx", punctuation="keep"))
    assert len(word.core_properties.title) == 255 and word.core_properties.title.endswith("\u2026")
    assert word.paragraphs[0].text.startswith(one_line[:200])


def _article(paragraphs: int, seed_doc: Document) -> Document:
    """``paragraphs`` distinct paragraphs made of the seed's (about 400 bytes each)."""
    texts = [block.text for block in seed_doc.blocks]
    body = tuple(Paragraph(f"{texts[i % len(texts)]}({i})") for i in range(paragraphs))
    return seed_doc.replace(blocks=body)


@pytest.mark.slow
def test_a_2_mb_article_keeps_every_paragraph(seed_doc) -> None:
    article = _article(5000, seed_doc)
    assert len(article.to_json().encode()) > 2_000_000
    word = read(convert.render(article, "docx"))
    texts = [p.text for p in word.paragraphs if p.style.name == "Body Text"]
    assert len(texts) == 5000 and texts[-1].endswith("(4999)")


def test_work_per_paragraph_does_not_grow_with_the_article(seed_doc) -> None:
    """Python calls made by the writer: the second 400 paragraphs cost what the first did."""
    convert.render(_article(10, seed_doc), "docx")  # imports and first-use caches

    def calls(paragraphs: int) -> int:
        article, count = _article(paragraphs, seed_doc), 0

        def tally(frame, event, arg) -> None:
            nonlocal count
            count += event == "call"

        sys.setprofile(tally)
        try:
            convert.render(article, "docx")
        finally:
            sys.setprofile(None)
        return count

    base, first, second = calls(100), calls(500), calls(900)
    assert abs((second - first) - (first - base)) <= 0.02 * (first - base)


@pytest.fixture
def cache(monkeypatch, tmp_path: Path) -> Path:
    """An empty cache directory, and no template kept in memory."""
    from docconv_plugins.docx import docx_build, docx_cache

    monkeypatch.setenv("DOCCONV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(docx_build, "templates", docx_cache.Templates())
    return tmp_path / "cache" / "docx"


WARM_RUN = """
import sys
from convert.cli import main
main(["convert", sys.argv[1], "-t", "docx", "-o", sys.argv[2]], standalone_mode=False)
print(" ".join(m for m in ("docx", "lxml") if m in sys.modules))
"""


def test_a_one_off_with_a_cached_template_imports_neither_python_docx_nor_lxml(
    monkeypatch, tmp_path: Path, seed
) -> None:
    """The styled template is built once (python-docx) and stored in the cache directory;
    a later process writes the same bytes from it without importing python-docx or lxml."""
    monkeypatch.setenv("DOCCONV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))

    def run(output: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", WARM_RUN, str(seed), str(tmp_path / output)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout.strip()

    assert run("cold.docx") == "docx lxml"
    assert list((tmp_path / "cache" / "docx").glob("template-*.marshal"))
    assert run("warm.docx") == ""
    assert (tmp_path / "warm.docx").read_bytes() == (tmp_path / "cold.docx").read_bytes()
    assert read((tmp_path / "warm.docx").read_bytes()).paragraphs[0].style.name == "Title"


def test_a_damaged_cached_template_is_built_again(monkeypatch, cache: Path, seed_doc) -> None:
    from docconv_plugins.docx import docx_build, docx_cache

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    expected = convert.render(seed_doc, "docx")
    [stored] = cache.glob("template-*.marshal")
    good = marshal.loads(stored.read_bytes())
    for damage in (stored.read_bytes()[:1000], b"not marshal", marshal.dumps((1, "other key"))):
        stored.write_bytes(damage)
        monkeypatch.setattr(docx_build, "templates", docx_cache.Templates())
        assert convert.render(seed_doc, "docx") == expected
        assert marshal.loads(stored.read_bytes())[:2] == good[:2]  # stored again


def test_without_a_writable_cache_the_docx_is_still_written(
    monkeypatch, tmp_path: Path, seed_doc
) -> None:
    from docconv_plugins.docx import docx_build, docx_cache

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    (tmp_path / "file").write_text("a file where the cache directory would be")
    monkeypatch.setenv("DOCCONV_CACHE_DIR", str(tmp_path / "file"))
    monkeypatch.setattr(docx_build, "templates", docx_cache.Templates())
    unwritable = convert.render(seed_doc, "docx")
    monkeypatch.setenv("DOCCONV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(docx_build, "templates", docx_cache.Templates())
    assert unwritable == convert.render(seed_doc, "docx")


def test_each_choice_gets_its_own_cached_template(monkeypatch, cache: Path, seed_doc) -> None:
    """Fonts, paper, locale and the header's presence are in the template: none may leak
    into a document made with other choices, in one process or from the cache."""
    from docconv_plugins.docx import docx_build, docx_cache

    cases = [
        (seed_doc, {}),
        (seed_doc, {"paper": "letter"}),
        (seed_doc, {"body_font": "標楷體"}),
        (seed_doc.replace(language="zh-Hans"), {}),
        (seed_doc.replace(source=None), {}),
    ]
    for _ in range(2):  # built, then read back from the cache directory
        monkeypatch.setattr(docx_build, "templates", docx_cache.Templates())
        words = [read(convert.render(doc, "docx", **options)) for doc, options in cases]
        body_fonts = [w.styles["Body Text"].element.rPr.find(qn("w:rFonts")) for w in words]
        assert [f.get(qn("w:eastAsia")) for f in body_fonts] == [
            "Noto Serif CJK TC", "Noto Serif CJK TC", "標楷體", "Noto Serif CJK SC",
            "Noto Serif CJK TC",
        ]  # fmt: skip
        assert [round(w.sections[0].page_width.mm) for w in words] == [210, 216, 210, 210, 210]
        headers = [w.sections[0].header for w in words]
        assert [h.is_linked_to_previous for h in headers] == [False] * 4 + [True]
        assert len(list(cache.glob("template-*.marshal"))) == 5


def test_a_rewritten_reference_docx_is_read_again(cache: Path, tmp_path: Path, seed_doc) -> None:
    path = tmp_path / "house.docx"
    for size in (15, 16, 16, 17):
        reference = docx.Document()
        reference.styles["Body Text"].font.size = Pt(size)
        reference.save(path)
        word = read(convert.render(seed_doc, "docx", reference_docx=str(path)))
        assert word.styles["Body Text"].font.size == Pt(size)


def test_the_cache_keeps_the_newest_templates(monkeypatch, cache: Path, seed_doc) -> None:
    from docconv_plugins.docx import docx_cache

    monkeypatch.setattr(docx_cache, "FILES_KEPT", 2)
    for font in ("甲", "乙", "丙"):
        convert.render(seed_doc, "docx", body_font=font)
    assert len(list(cache.glob("template-*.marshal"))) == 2


def test_a_reference_header_and_default_style_are_kept(
    cache: Path, tmp_path: Path, seed_doc
) -> None:
    """The source goes into the first paragraph of a reference's own header; a paragraph in
    the reference's default style names no style (as Word writes it) and still reads back."""
    reference = docx.Document()
    header = reference.sections[0].header
    header.paragraphs[0].text = "old header"
    header.add_paragraph("second header line")
    for style in reference.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph":
            style.attrib.pop(qn("w:default"), None)
    reference.styles["Body Text"].element.set(qn("w:default"), "1")
    reference.save(tmp_path / "ref.docx")
    for _ in range(2):  # built, then from the cache
        data = convert.render(seed_doc, "docx", reference_docx=str(tmp_path / "ref.docx"))
        word = read(data)
        assert [p.text for p in word.sections[0].header.paragraphs] == [
            "來源\uff1a無錫日報", "second header line",
        ]  # fmt: skip
        body = word.paragraphs[2:]
        assert body and all(p._p.pPr.pStyle is None for p in body)
        assert convert.load(data, format="docx").blocks[0].text.startswith("在新疆克州")


# Metadata the core properties cannot hold, kept in docProps/custom.xml -----------------------

CUSTOM_PROPERTIES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)


def custom_properties(word: docx.document.Document) -> dict[str, str]:
    """The custom properties part, as python-docx's package parts it: name → text."""
    parts = [
        r.target_part for r in word.part.package.rels.values() if r.reltype == CUSTOM_PROPERTIES
    ]
    if not parts:
        return {}
    root = docx.oxml.parse_xml(parts[0].blob)
    return {p.get("name"): p[0].text for p in root}


def tagged_article() -> Document:
    """Traditional text tagged zh-Hans, a date not in the text, extras, headings of every level."""
    return Document(
        Metadata(
            title="颱風今晚登陸",
            source="無錫日報",
            dates=("7月9日", "2024年7月8日"),
            language="zh-Hans",
            keywords=("颱風", "停課"),
            extras={"summary": "颱風登陸", "myplugin-note": [1, {"a": None}]},
        ),
        (
            *(Heading(f"第{level}級標題", level=level) for level in range(1, 10)),
            Paragraph("氣象局7月9日發布颱風警報。"),
        ),
    )


def test_metadata_docconv_wrote_comes_back_from_the_docx(cli, tmp_path: Path) -> None:
    Path("a.json").write_text(tagged_article().to_json(), encoding="utf-8")
    assert cli("convert", "a.json", "-t", "docx", "-o", "a.docx").exit_code == 0
    word = docx.Document("a.docx")
    assert custom_properties(word) == {
        "docconv.language": "zh-Hans",
        "docconv.source": "無錫日報",
        "docconv.dates": '["7月9日", "2024年7月8日"]',
        "docconv.extras": '{"summary": "颱風登陸", "myplugin-note": [1, {"a": null}]}',
    }
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Head")]
    assert headings == [(f"Heading {n}", f"第{n}級標題") for n in range(1, 10)]
    outline = word.styles["Heading 7"].element.pPr.find(qn("w:outlineLvl"))
    assert outline.get(qn("w:val")) == "6"
    result = cli("convert", "a.docx", "-t", "json", "-o", "-")
    assert result.exit_code == 0
    back = Document.from_json(result.stdout)
    source = tagged_article()
    for field in ("title", "source", "dates", "language", "keywords", "extras"):
        assert getattr(back.meta, field) == getattr(source.meta, field), field
    assert back.meta.origin.filename == "a.docx"  # the DOCX read is where it came from
    assert back.blocks == source.blocks


def test_an_article_without_headline_keeps_none() -> None:
    doc = Document(Metadata(language="zh-Hant"), (Paragraph("第一段。"), Paragraph("第二段。")))
    back = convert.load(convert.render(doc, "docx"), format="docx")
    assert back.meta.title == ""
    assert [b.text for b in back.blocks] == ["第一段。", "第二段。"]


def test_a_docx_with_only_other_custom_properties_reads_as_before(tmp_path: Path) -> None:
    made = convert.render(tagged_article(), "docx")
    word = read(made)
    part = next(
        r.target_part for r in word.part.package.rels.values() if r.reltype == CUSTOM_PROPERTIES
    )
    part._blob = part.blob.replace(b'name="docconv.', b'name="Client.')  # a user's own properties
    word.core_properties.title = "颱風今晚登陸"
    path = tmp_path / "other.docx"
    word.save(path)
    back = convert.load(path)
    assert back.meta.language == "zh-Hant"  # detected from the text, as for any DOCX
    assert back.meta.dates == ("7月9日",)  # found in the text
    assert back.meta.extras == {}
    assert [b.level for b in back.blocks if isinstance(b, Heading)] == list(range(1, 10))


def test_damaged_custom_properties_are_ignored_with_a_warning(tmp_path: Path, caplog) -> None:
    word = read(convert.render(tagged_article(), "docx"))
    part = next(
        r.target_part for r in word.part.package.rels.values() if r.reltype == CUSTOM_PROPERTIES
    )
    cut = '2024年7月8日"]</vt:lpwstr>'.encode(), "2024年7</vt:lpwstr>".encode()
    part._blob = part.blob.replace(*cut)  # a value cut short (Word keeps 255 characters)
    path = tmp_path / "cut.docx"
    word.save(path)
    with caplog.at_level(logging.WARNING, logger="docconv"):
        back = convert.load(path)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"{path}: docconv's custom properties ignored (docconv.dates is not valid JSON)"
    ]
    assert (back.meta.language, back.meta.dates) == ("zh-Hant", ("7月9日",))


def test_a_reference_documents_custom_properties_are_replaced(tmp_path: Path) -> None:
    reference = docx.Document()
    path = tmp_path / "house.docx"
    reference.save(path)
    first = read(convert.render(tagged_article(), "docx", reference_docx=str(path)))
    first.save(path)  # now the reference has docconv's properties of another article
    doc = Document(Metadata(title="另一篇", language="zh-Hant"), (Paragraph("正文。"),))
    word = read(convert.render(doc, "docx", reference_docx=str(path)))
    assert custom_properties(word) == {"docconv.language": "zh-Hant"}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_opens_the_docx_and_keeps_its_custom_properties(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(convert.render(tagged_article(), "docx"))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for target, folder in (("pdf", "pdf"), ("docx:MS Word 2007 XML", "saved")):
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", target, "--outdir",
             str(tmp_path / folder), str(tmp_path / "a.docx")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    from pypdf import PdfReader

    pages = PdfReader(tmp_path / "pdf" / "a.pdf").pages
    text = "".join(page.extract_text() for page in pages).replace(" ", "")  # Han-digit spacing
    assert "第9級標題" in text and "氣象局" in text
    back = convert.load(tmp_path / "saved" / "a.docx")  # saved again by LibreOffice
    source = tagged_article()
    assert (back.meta.language, back.meta.dates, back.meta.extras) == (
        source.meta.language,
        source.meta.dates,
        source.meta.extras,
    )
    assert [b.level for b in back.blocks if isinstance(b, Heading)] == list(range(1, 10))


# What ordinary documents hold beyond paragraphs: tables, notes, text boxes, content controls ---

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def txt_and_json(cli, path: Path) -> tuple[str, Document]:
    """The DOCX converted by the command line to text and to the model."""
    text = cli("convert", path, "-t", "txt", "-o", "-")
    model = cli("convert", path, "-t", "json", "-o", "-")
    assert text.exit_code == 0 and model.exit_code == 0, text.output + model.output
    return text.stdout, Document.from_json(model.stdout)


def test_a_table_is_read_in_place_as_cell_rows(cli, tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("表格新聞", 0)
    word.add_paragraph("以下為傷亡統計。")
    table = word.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "傷亡"  # merged across
    table.cell(0, 2).text = "人數"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "大埔"  # merged down
    table.cell(1, 1).text = "死亡"
    table.cell(1, 2).text = "146人"
    table.cell(2, 1).text = "受傷"
    table.cell(2, 2).text = "79人"
    table.cell(2, 2).add_paragraph("(至今)")  # a second paragraph in a cell
    inner = table.cell(3, 0).add_table(rows=1, cols=2)  # a table in a cell
    inner.cell(0, 0).text = "失蹤"
    inner.cell(0, 1).text = "約40人"
    word.add_table(rows=2, cols=2).cell(1, 1).text = "另表"  # an empty row skipped
    word.add_paragraph("完。")
    word.save(tmp_path / "tbl.docx")
    text, model = txt_and_json(cli, tmp_path / "tbl.docx")
    rows = ("傷亡 | 人數", "大埔 | 死亡 | 146人", "受傷 | 79人 (至今)", "失蹤 | 約40人")
    assert model.meta.title == "表格新聞"
    assert model.blocks == (
        Paragraph("以下為傷亡統計。"),
        ListBlock(rows),
        ListBlock(("另表",)),
        Paragraph("完。"),
    )
    assert "- 大埔 | 死亡 | 146人\n- 受傷 | 79人 (至今)\n" in text
    assert text.index("以下為") < text.index("146人") < text.index("另表") < text.index("完。")


def add_notes(word: docx.document.Document, kind: str, notes: list[str]) -> None:
    """A ``word/{kind}s.xml`` part as Word writes it: two separators, then the notes,
    each opening with its mark (``w:{kind}Ref``), related to the document."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    separators = "".join(
        f'<w:{kind} w:type="{t}" w:id="{i}"><w:p><w:r><w:{t}/></w:r></w:p></w:{kind}>'
        for i, t in ((-1, "separator"), (0, "continuationSeparator"))
    )
    bodies = "".join(
        f'<w:{kind} w:id="{n}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve">'
        f" {text}</w:t></w:r></w:p></w:{kind}>"
        for n, text in enumerate(notes, start=1)
    )
    xml = f"<w:{kind}s {W_NS}>{separators}{bodies}</w:{kind}s>"
    content_type = CT.WML_FOOTNOTES if kind == "footnote" else CT.WML_ENDNOTES
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), word.part.package)
    word.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def note_reference(paragraph, kind: str, number: int) -> None:
    paragraph._p.append(
        docx.oxml.parse_xml(f'<w:r {W_NS}><w:{kind}Reference w:id="{number}"/></w:r>')
    )


def test_footnotes_and_endnotes_end_the_article_with_their_numbers(cli, tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("大埔火災", "Title")
    first = word.add_paragraph("死亡人數升至146人")
    note_reference(first, "footnote", 1)
    first.add_run("。")
    second = word.add_paragraph("消防處出動逾千人")
    note_reference(second, "endnote", 1)
    note_reference(second, "footnote", 2)
    word.add_paragraph("來源:大公報")
    add_notes(word, "footnote", ["截至11月28日。", "據消防處。"])
    add_notes(word, "endnote", ["另見社論。"])
    word.save(tmp_path / "notes.docx")
    text, model = txt_and_json(cli, tmp_path / "notes.docx")
    assert model.meta.source == "大公報"  # the closing source line is still found
    assert [b.text for b in model.blocks] == [
        "死亡人數升至146人[1]。",
        "消防處出動逾千人[2][3]",
        "[1] 截至11月28日。",
        "[2] 另見社論。",
        "[3] 據消防處。",
    ]
    assert (
        "消防處出動逾千人[2][3]\n\n[1] 截至11月28日。\n\n[2] 另見社論。\n\n[3] 據消防處。\n" in text
    )


def test_text_boxes_and_content_controls_are_read_once(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("颱風新聞", "Title")
    body = word.element.body
    sectPr = body[-1]
    box = "<w:txbxContent><w:p><w:r><w:t>框內文字。</w:t></w:r></w:p></w:txbxContent>"
    anchored = docx.oxml.parse_xml(
        f"<w:p {W_NS} {MC_NS}><w:r><w:t>正文。</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )  # a real box nests deeper (wp:anchor/a:graphic/…/wps:txbx): only the ancestors matter
    cover = docx.oxml.parse_xml(
        f'<w:sdt {W_NS}><w:sdtPr><w:alias w:val="Subtitle"/></w:sdtPr><w:sdtContent>'
        "<w:p><w:r><w:t>封面副題</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    inline = docx.oxml.parse_xml(
        f"<w:p {W_NS}><w:r><w:t>作者：</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>李明</w:t>"
        "</w:r></w:sdtContent></w:sdt><w:ins><w:r><w:t>（新增）</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>刪去</w:delText></w:r></w:del></w:p>"
    )
    for element in (cover, anchored, inline):
        sectPr.addprevious(element)
    word.save(tmp_path / "boxes.docx")
    doc = convert.load(tmp_path / "boxes.docx")
    assert [b.text for b in doc.blocks] == [
        "封面副題",
        "正文。",
        "框內文字。",
        "作者：李明（新增）",
    ]


@pytest.mark.parametrize("part", ["word/footnotes.xml", "docProps/custom.xml"])
def test_a_part_cut_short_is_an_input_error_or_a_warning(cli, tmp_path: Path, part: str) -> None:
    """Damaged notes lose text: an input error (Word refuses the file too); damaged custom
    properties only lose docconv's metadata: a warning, the text still read."""
    word = docx.Document()
    note_reference(word.add_paragraph("正文"), "footnote", 1)
    add_notes(word, "footnote", ["註。"])
    word.save(tmp_path / "whole.docx")
    assert cli("convert", tmp_path / "whole.docx", "-t", "docx", "-o", "dc.docx").exit_code == 0
    source = tmp_path / ("dc.docx" if part.startswith("docProps") else "whole.docx")
    with zipfile.ZipFile(source) as whole, zipfile.ZipFile(tmp_path / "cut.docx", "w") as cut:
        for item in whole.infolist():
            data = whole.read(item)
            cut.writestr(item, data[: len(data) // 2] if item.filename == part else data)
    result = cli("convert", tmp_path / "cut.docx", "-t", "txt", "-o", "-")
    if part == "word/footnotes.xml":
        assert result.exit_code == 3
        assert result.stderr.startswith(f"docconv: error: {tmp_path / 'cut.docx'}: not a readable")
        assert "(word/footnotes.xml: " in result.stderr
    else:
        assert result.exit_code == 0
        assert "custom properties ignored" in result.stderr
        assert "正文[1]" in result.stdout
