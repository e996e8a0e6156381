"""Japanese and Korean articles: tagged ``ja`` / ``ko`` from their text, never "converted" by
OpenCC, typeset with Japanese / Korean fonts and language in DOCX and PDF. Before, they were
tagged zh-Hant: ``-t zh-hans`` turned 東京 into 东京 and the PDF drew them with Chinese faces."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

import convert
from convert.toolkit import detect_language, japanese_or_korean
from docconv_plugins.pdf import pdf_fonts

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

JAPANESE = (
    "東京都、来年度予算案を発表　子育て支援に重点\n\n"
    "東京都の小池百合子知事は24日、2025年度の予算案を発表した。一般会計の総額は約9兆1500億円で、"
    "過去最大となった。\n\n"
    "小池知事は記者会見で「子どもを産み育てやすい東京を実現したい」と述べた。"
    "予算案は2月の都議会に提出される。\n"
)
KOREAN = (
    "서울시, 내년 예산안 발표… 저출생 대책에 집중\n\n"
    "서울시는 24일 2025년도 예산안을 발표했다. 총규모는 약 48조 원으로 역대 최대다.\n\n"
    "예산안은 다음 달 시의회에 제출된다.\n"
)
# Just above the threshold: Japanese news heavy in kanji (hiragana 20 % of its letters).
JAPANESE_KANJI_HEAVY = (
    "政府、補正予算案を閣議決定\n\n"
    "政府は29日、総額13兆9千億円の2024年度補正予算案を閣議決定した。"
    "物価高対策と能登半島地震の復興支援が柱となる。\n"
)
# A phone review, two thirds of its letters Latin: hiragana 8 % of all letters, 25 % of
# those not Latin (what counts). Counting Latin letters, 80 of the livedoor news corpus's
# 7,367 Japanese articles were tagged Chinese (most of them such reviews); now 26.
JAPANESE_SPECS = (
    "NTTドコモ、GALAXY S III SC-06Dを発表\n\n"
    "NTT DOCOMOはSamsung製のAndroid 4.0スマートフォン「GALAXY S III SC-06D」を発表した。"
    "Super AMOLED HDディスプレイ、Quad-core CPU、LTE（Xi）、NFC、おサイフケータイに対応する。\n"
)
# Just below it: a Chinese report quoting a Japanese sentence (hiragana 13.7 %).
CHINESE_QUOTING_JAPANESE = (
    "石破茂称将保护国民生活\n\n"
    "日本首相石破茂24日在国会发表演说时表示：「私たちは国民の暮らしを守ります」。"
    "他说，政府将在年内提出经济对策，规模约为二十万亿日元。\n\n来源:新华社\n"
)
# A brand with の and a name in kana in Chinese articles (hiragana 1 % and 6 %).
CHINESE_WITH_A_BRAND = (
    "麒麟饮料在沪推出新品\n\n"
    "日本麒麟公司旗下的瓶装茶饮料「午後の紅茶」3月1日在上海推出两款新口味，首批供应全家和罗森便利店。"
    "该公司表示，中国市场去年销量增长12%，今年计划新增两条生产线。\n\n来源:新华网\n"
)
CHINESE_WITH_A_SONG = (
    "是枝裕和新片在京首映\n\n"
    "日本导演是枝裕和的新片《怪物》昨日在北京首映，主演安藤樱和永山瑛太到场。"
    "影片原声由坂本龙一创作，主题曲「ほしのうた」由童声合唱。\n\n来源:中新网\n"
)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        (JAPANESE, "ja"),
        (KOREAN, "ko"),
        (JAPANESE_KANJI_HEAVY, "ja"),
        (JAPANESE_SPECS, "ja"),
        ("日銀、追加利上げを決定　政策金利0.5%に", "ja"),  # a headline: 20 % hiragana
        (CHINESE_QUOTING_JAPANESE, None),
        (CHINESE_WITH_A_BRAND, None),
        (CHINESE_WITH_A_SONG, None),
        ("《ワンピース》（海贼王）在中国上映，票房超过三亿元。", None),  # katakana only
        ("韩国总统尹锡悦（윤석열）24日访问北京，与中方领导人举行会谈。", None),  # a name in hangul
        (
            "宫崎骏的《となりのトトロ》（龙猫）在中国上映，票房超过三亿元。影片由日本吉卜力工作室制作。",
            None,
        ),
        ("The mayor said the budget would grow.", None),
        ("2025。", None),
        ("", None),
    ],
)
def test_hiragana_or_hangul_share_tells_japanese_and_korean(text: str, tag: str | None) -> None:
    assert japanese_or_korean(text) == tag


def test_detect_language_tags_japanese_korean_and_keeps_chinese(seed_text: str) -> None:
    assert detect_language(JAPANESE) == "ja"
    assert detect_language(KOREAN) == "ko"  # no Han character at all: still not "und"
    assert detect_language(CHINESE_QUOTING_JAPANESE) == "zh-Hans"
    assert detect_language(CHINESE_WITH_A_BRAND) == "zh-Hans"
    assert detect_language(seed_text) == "zh-Hant"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "tag"),
    [(JAPANESE, "ja"), (KOREAN, "ko"), (CHINESE_WITH_A_SONG, "zh-Hans")],
)
def test_text_reader_writes_the_tag_to_json(cli, tmp_path: Path, text: str, tag: str) -> None:
    write(tmp_path, "a.txt", text)
    result = cli("convert", "a.txt", "-t", "json", "-o", "-")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["meta"]["language"] == tag


def test_seeds_stay_chinese(cli) -> None:
    tags = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        result = cli("convert", seed, "-t", "json", "-o", "-")
        tags[seed.name] = json.loads(result.stdout)["meta"]["language"]
    assert tags == {
        "000_23be539ad5687094.txt": "zh-Hant",
        "000_23be539ad5687094.t2s.txt": "zh-Hans",
    }


def test_markdown_front_matter_lang_is_honoured_and_written(cli, tmp_path: Path) -> None:
    """A kanji-only Japanese headline says nothing by itself; `lang: ja` decides it, and the
    md writer keeps it (text that tells its language itself gets no front matter)."""
    written = "---\nlang: ja\n---\n\n# 東京都知事選挙告示\n\n東京都知事選挙告示。\n"
    write(tmp_path, "a.md", written)
    result = cli("convert", "a.md", "-t", "json", "-o", "-")
    assert json.loads(result.stdout)["meta"]["language"] == "ja"
    assert cli("convert", "a.md", "-t", "md", "-o", "-").stdout == written
    write(tmp_path, "b.txt", JAPANESE)
    assert cli("convert", "b.txt", "-t", "md", "-o", "b.md").exit_code == 0
    assert (tmp_path / "b.md").read_text(encoding="utf-8").startswith("# 東京都、来年度予算案")
    assert (
        json.loads(cli("convert", "b.md", "-t", "json", "-o", "-").stdout)["meta"]["language"]
        == "ja"
    )
    result = cli("convert", "a.md", "-t", "zh-hans", "-o", "-")
    assert result.stdout == "東京都知事選挙告示\n\n東京都知事選挙告示。\n"
    assert result.stderr == (
        "docconv: warning: a.md: Japanese text, not Chinese; text left unchanged\n"
    )


@pytest.mark.parametrize(
    ("text", "target", "name"),
    [
        (JAPANESE, "zh-hans", "Japanese"),
        (KOREAN, "zh-hant", "Korean"),
        (JAPANESE, "zh-hant", "Japanese"),
    ],
)
def test_chinese_conversion_leaves_japanese_and_korean_unchanged(
    cli, tmp_path: Path, text: str, target: str, name: str
) -> None:
    write(tmp_path, "news.txt", text)
    result = cli("convert", "news.txt", "-t", target, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == text  # 東京 stays 東京
    assert result.stderr == (
        f"docconv: warning: news.txt: {name} text, not Chinese; text left unchanged\n"
    )


def test_a_mixed_folder_converts_the_chinese_and_keeps_the_japanese(
    cli, tmp_path: Path, seed_text: str
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    write(folder, "seed.txt", seed_text)
    write(folder, "tokyo.txt", JAPANESE)
    write(folder, "quote.txt", CHINESE_QUOTING_JAPANESE.replace("国民生活", "國民生活"))
    result = cli("convert", folder, "-t", "zh-hans", "-d", "out", "--jobs", "1")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        "docconv: warning: tokyo.txt: Japanese text, not Chinese; text left unchanged"
    ]
    out = tmp_path / "out"
    assert (out / "tokyo.zh-hans.txt").read_text(encoding="utf-8") == JAPANESE
    assert "无锡" in (out / "seed.zh-hans.txt").read_text(encoding="utf-8")
    assert "石破茂称将保护国民生活" in (out / "quote.zh-hans.txt").read_text(encoding="utf-8")


W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


@pytest.mark.parametrize(
    ("text", "locale", "serif", "sans", "windows", "charset"),
    [
        (JAPANESE, "ja-JP", "Noto Serif CJK JP", "Noto Sans CJK JP", "MS Mincho", "80"),
        (KOREAN, "ko-KR", "Noto Serif CJK KR", "Noto Sans CJK KR", "Batang", "81"),
    ],
)
def test_docx_has_the_language_and_its_east_asian_fonts(
    cli, tmp_path: Path, text: str, locale: str, serif: str, sans: str, windows: str, charset: str
) -> None:
    write(tmp_path, "a.txt", text)
    assert cli("convert", "a.txt", "-t", "docx", "-o", "a.docx").exit_code == 0
    word = docx.Document(str(tmp_path / "a.docx"))
    styles = word.styles.element
    rprs = [styles.find("w:docDefaults/w:rPrDefault/w:rPr", W)]
    rprs += [word.styles[name].element.rPr for name in ("Title", "Body Text", "Normal")]
    for rpr in rprs:
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == locale
    fonts = {
        name: word.styles[name].element.rPr.find(qn("w:rFonts")) for name in ("Title", "Body Text")
    }
    assert fonts["Title"].get(qn("w:eastAsia")) == sans
    assert fonts["Body Text"].get(qn("w:eastAsia")) == serif
    assert word.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == locale
    assert word.core_properties.language == locale
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        table = z.read("word/fontTable.xml").decode("utf-8")
        theme = z.read("word/theme/theme1.xml").decode("utf-8")
    declaration = table.split(f'w:name="{serif}"', 1)[1].split("</w:font>", 1)[0]
    assert f'w:altName w:val="{windows}"' in declaration
    assert f'w:charset w:val="{charset}"' in declaration
    assert "\uff2d\uff33" not in table  # the template's ＭＳ 明朝 declarations are gone
    assert f'<a:ea typeface="{serif}"/>' in theme
    back = cli("convert", "a.docx", "-t", "json", "-o", "-")
    assert json.loads(back.stdout)["meta"]["language"] == locale.split("-")[0]


def test_pdf_font_order_picks_the_japanese_and_korean_faces() -> None:
    listing = "\n".join(
        f"/f/NotoSerifCJK-Regular.ttc\t{i}\tCFF\tNoto Serif CJK {region}\t\tRegular"
        for i, region in enumerate(("JP", "KR", "SC", "TC", "HK"))
    )
    found = list(pdf_fonts._parse_fc_list(listing))
    for language, family in (
        ("ja", "Noto Serif CJK JP"),
        ("ko-KR", "Noto Serif CJK KR"),
        ("zh-Hant", "Noto Serif CJK TC"),
        ("zh-Hans", "Noto Serif CJK SC"),
    ):
        body, _ = pdf_fonts.font_order(None, found, language)
        assert body[0].family == family


def _has_noto_cjk() -> bool:
    return any(f.family == "Noto Serif CJK JP" for f in pdf_fonts.system_fonts())


@pytest.mark.skipif(not _has_noto_cjk(), reason="needs fonts-noto-cjk (Noto Serif CJK JP/KR)")
@pytest.mark.parametrize(("text", "tag", "region"), [(JAPANESE, "ja", "jp"), (KOREAN, "ko", "kr")])
def test_pdf_embeds_the_japanese_or_korean_faces(
    cli, tmp_path: Path, text: str, tag: str, region: str
) -> None:
    write(tmp_path, "a.txt", text)
    assert cli("convert", "a.txt", "-t", "pdf", "-o", "a.pdf").exit_code == 0
    reader = PdfReader(tmp_path / "a.pdf")
    names = {
        font.get_object()["/BaseFont"].split("+")[1].split("-")[0]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert names == {f"NotoSerifCJK{region}", f"NotoSansCJK{region}"}
    assert reader.trailer["/Root"]["/Lang"] == tag


def test_pdf_with_only_the_packaged_font_draws_every_character(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """WenQuanYi Micro Hei has kana and hangul: Chinese glyph forms, but nothing missing,
    so nothing to warn about."""
    monkeypatch.setattr(pdf_fonts, "system_fonts", lambda: ())
    for text, language in ((JAPANESE, "ja"), (KOREAN, "ko")):
        title, *paragraphs = [p for p in text.split("\n\n") if p.strip()]
        document = convert.Document(
            convert.Metadata(title=title, language=language),
            tuple(convert.Paragraph(p.strip()) for p in paragraphs),
        )
        with caplog.at_level("WARNING", logger="docconv"):
            pdf = convert.render(document, "pdf")
        reader = PdfReader(io.BytesIO(pdf))
        fonts = {
            font.get_object()["/BaseFont"].split("+")[1]
            for font in reader.pages[0]["/Resources"]["/Font"].values()
        }
        assert fonts == {"WenQuanYiMicroHei-0"}
        assert paragraphs[-1].strip()[:8] in reader.pages[0].extract_text().replace("\n", "")
    assert caplog.records == []
