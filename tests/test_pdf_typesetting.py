"""CLREQ typesetting in the PDF: line-breaking marks, headlines, justification, fonts.

Pages are read back with pdfplumber (characters, their fonts and positions). Every
test runs with the fonts a pip install provides; system fonts only change which face
draws, never what is asserted.
"""

from __future__ import annotations

import io
import itertools
import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
import reportlab
from hypothesis import assume, given
from hypothesis import strategies as st

import convert
from convert import Document, Metadata, Paragraph
from convert.cache import writable_cache_dir
from docconv_plugins.pdf import pdf_cff, pdf_fonts, pdf_spacing
from docconv_plugins.pdf.linebreak import CLOSING, OPENING, atoms, break_lines
from docconv_plugins.pdf.pdf_headline import headline_lines
from docconv_plugins.pdf.pdf_layout import HEADLINE_LIMIT

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[!-~]")


def length(text: str) -> float:
    return float(len(text))


def pdf_lines(pdf: bytes, size: float | None = None) -> list[list[dict]]:
    """Each text line's characters, left to right (optionally only of one font size)."""
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                if size is None or abs(char["size"] - size) < 0.1:
                    rows.setdefault(round(char["top"]), []).append(char)
            lines += [sorted(rows[top], key=lambda c: c["x0"]) for top in sorted(rows)]
    return lines


def text_of(line: list[dict]) -> str:
    return "".join(c["text"] for c in line)


@pytest.fixture(scope="module", autouse=True)
def own_cache(tmp_path_factory) -> Iterator[None]:
    """Converted fonts and metrics go to a cache these tests own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOCCONV_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


# Line-breaking rules


@pytest.mark.parametrize(
    ("text", "unbroken"),
    [
        ("烏拉孜別克·熱蘇力汗", "克·"),
        ("增長百分之5％以上", "5％"),
        ("氣溫介於5～12度", "5～"),
        ("任期2020–2024年", "2020–2024"),
        ("全年２０２４年產量", "２０２４"),
        ("他說——我們走吧", "——"),
        ("終於……等到了", "……"),
    ],
)
def test_new_marks_never_start_a_line_or_split(text: str, unbroken: str) -> None:
    assert any(unbroken in atom for atom in atoms(text))
    for width in range(len(unbroken) + 1, len(text)):
        lines = break_lines(text, length, [width])
        assert "".join(lines) == text
        assert not any(line[0] in CLOSING for line in lines[1:])
        assert any(unbroken in line for line in lines), lines


def test_ascii_quotes_break_by_direction() -> None:
    parts = atoms('他說"你好"，然後"再見"。')
    assert '"你' in parts  # the opening quote stays with what follows
    assert '好"，' in parts  # the closing quote stays with what precedes
    assert atoms('see "quoted" word') == ["see", " ", '"quoted"', " ", "word"]


_TEXT = st.lists(
    st.sampled_from(["無錫", "海東", "·", "％", "～", "–", "——", "……", "２０", '"', "，", "「"]),
    min_size=1,
    max_size=40,
).map("".join)


@given(_TEXT, st.integers(3, 20))
def test_break_lines_keeps_every_rule(text: str, width: int) -> None:
    assume(all(len(atom) <= width for atom in atoms(text)))  # else cutting one is unavoidable
    lines = break_lines(text, length, [width])
    assert "".join(lines) == text
    assert not any(line[0] in CLOSING for line in lines[1:])
    assert not any(line[-1] in OPENING for line in lines[:-1])
    for first, second in itertools.pairwise(lines):
        assert not (first[-1] == second[0] and first[-1] in "\u2014\u2026")
        assert not (first[-1] in "０１２３４５６７８９" and second[0] in "０１２３４５６７８９")


def test_a_url_breaks_after_separators_and_fills_the_line_before_it() -> None:
    url = "https://www.example.gov.tw/reports/annual-review.pdf?lang=zh&download=1"
    text = "報告全文可在" + url + "下載"

    def loose(line: str, spare: float) -> bool:
        return spare > 2

    lines = break_lines(text, length, [20], loose=loose)
    assert "".join(lines) == text
    assert lines[0].startswith("報告全文可在https://")
    assert len(lines[0]) >= 18  # the line before the URL is filled, not spread
    for line in lines[:-1]:
        assert line[-1] in "/.-?&=" or not LATIN.match(line[-1])


def test_a_long_word_without_separators_is_cut_only_when_wider_than_the_line() -> None:
    lines = break_lines("見 internationalization 一詞", length, [12], loose=lambda s, n: n > 2)
    assert lines == ["見", "internationa", "lization 一詞"]
    assert break_lines("見 international 一詞", length, [14]) == ["見", "international", "一詞"]


# Headlines


def test_headline_breaks_at_the_space_between_its_clauses() -> None:
    title = "高鐵票價十九年來首度調漲 台北到左營漲至一千六百三十元"
    lines = headline_lines(title, length, 20, lambda a, b: 0.0)
    assert lines == ["高鐵票價十九年來首度調漲", "台北到左營漲至一千六百三十元"]


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("無錫代表團在青海海東市學習考察並推動東西部協作合作項目", ["考察", "學習", "東西部"]),
        ("國手王楚欽奪得男子單打冠軍再創生涯新高", ["王楚欽", "冠軍"]),
        ("今年共有二萬八千五百名考生報名參加全國統一考試", ["二萬八千五百", "考生"]),
    ],
)
def test_headline_never_breaks_inside_a_word_or_number(title: str, words: list[str]) -> None:
    lines = headline_lines(title, length, len(title) * 0.7, lambda a, b: 0.0)
    assert len(lines) == 2 and "".join(lines) == title
    for word in words:
        assert any(word in line for line in lines), (word, lines)


def test_long_headline_lines_are_balanced_and_whole_words() -> None:
    title = "國手王楚欽奪得男子單打冠軍 " * 5
    lines = headline_lines(title.strip(), length, 16, lambda a, b: 0.0)
    assert len(lines) >= 5
    assert all("王楚欽" in line or "王" not in line for line in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 14


@pytest.mark.slow
def test_a_6000_character_headline_is_set_as_a_paragraph(caplog) -> None:
    """A whole article given as the headline (a JSON document, a DOCX whose Title style
    holds the text) took minutes to typeset as a headline."""
    sentence = "無錫代表團到青海省海東市學習考察，專題調研推動零碳產業園建設等合作事項"
    text = (sentence * (6000 // len(sentence) + 1))[:6000]
    document = convert.Document(convert.Metadata(title=text, language="zh-Hant"), ())
    with caplog.at_level(logging.WARNING, logger="docconv"):
        pdf = convert.render(document, "pdf")
    assert any("6000 characters" in r.getMessage() for r in caplog.records)
    assert pdf_lines(pdf, 20.0) == []  # nothing set in the headline's size
    body = "".join(text_of(line) for line in pdf_lines(pdf, 11.0))
    assert body.replace(" ", "") == text
    with pdfplumber.open(io.BytesIO(pdf)) as document_pages:
        header = document_pages.pages[1].extract_text().splitlines()[0]
    assert header.endswith("\u2026") and len(header) < 60
    assert HEADLINE_LIMIT < 6000


# Justification


@pytest.mark.parametrize(
    ("line", "gaps", "joints"),
    [
        ("無錫Wuxi市", 3, 0.5),  # never inside the word; a quarter em on each side of it
        ("他——走了……吧", 5, 0.0),  # never inside —— or ……
        ("see a.b/c now", 2, 0.0),  # only the spaces, once each
        ("在２０２４年", 5, 0.0),  # full-width digits are set like Han
    ],
)
def test_where_a_line_may_open_up(line: str, gaps: int, joints: float) -> None:
    assert pdf_spacing.gaps(line) == gaps
    assert pdf_spacing.joints(line) == joints


STRESS = Document(
    Metadata(title="標題", language="zh-Hant"),
    (
        Paragraph(
            "報告全文可在 https://www.example.gov.tw/reports/2024/annual-review-of-transport-"
            "policy-and-infrastructure.pdf?lang=zh-TW&download=1 下載，英文版見 "
            "https://example.org/en/internationalization/october/summary.html 。"
        ),
        Paragraph(
            "The forum brought together more than three hundred delegates from twenty-six "
            "countries to discuss internationalization and the decarbonisation of parks. "
            "論壇主席表示，各城市需要在2030年前完成carbon-neutral轉型，會議用Zoom直播。"
        ),
        Paragraph("他說——我們走吧。台下掌聲雷動——演出結束後仍久久不願離去……" * 3),
    ),
)


@pytest.fixture(scope="module")
def stress_pdf() -> bytes:
    return convert.render(STRESS, "pdf")


def test_latin_words_are_never_letter_spaced(stress_pdf) -> None:
    for line in pdf_lines(stress_pdf, 11.0):
        for a, b in itertools.pairwise(line):
            if LATIN.match(a["text"]) and LATIN.match(b["text"]):
                assert b["x0"] - a["x1"] < 0.01, text_of(line)


def test_justified_lines_spread_at_most_a_quarter_em(stress_pdf) -> None:
    lines = pdf_lines(stress_pdf, 11.0)
    right = max(line[-1]["x1"] for line in lines)
    checked = 0
    for line in lines:
        if line[-1]["x1"] < right - 0.5:
            continue  # a paragraph's last line, or one left short rather than spread
        checked += 1
        for a, b in itertools.pairwise(line):
            natural = 0.25 if bool(HAN.match(a["text"])) != bool(HAN.match(b["text"])) else 0
            natural *= bool(re.match(r"[\w]", a["text"] + b["text"]))
            assert (b["x0"] - a["x1"]) / 11.0 <= 0.25 + natural + 0.01, text_of(line)
    assert checked >= 4


def test_quarter_em_between_han_and_latin(stress_pdf) -> None:
    gaps = []
    for line in pdf_lines(stress_pdf, 11.0):
        for a, b in itertools.pairwise(line):
            pair = a["text"] + b["text"]
            if re.fullmatch(r"[\u4e00-\u9fff][0-9A-Za-z]|[0-9A-Za-z][\u4e00-\u9fff]", pair):
                gaps.append((b["x0"] - a["x1"]) / 11.0)
    assert len(gaps) >= 6  # 在2030, 0年, 成carbon, l轉, 用Zoom, m直
    assert all(0.24 <= gap <= 0.51 for gap in gaps), gaps


def test_double_dash_is_one_continuous_rule(stress_pdf) -> None:
    with pdfplumber.open(io.BytesIO(stress_pdf)) as document:
        page = document.pages[0]
        dashes = [c for c in page.chars if c["text"] == "\u2014"]
        rules = [r for r in page.lines if r["top"] == r["bottom"] and r["x1"] - r["x0"] < 40]
        text = page.extract_text()
    assert "\u2014\u2014" in text  # still searchable as written
    assert len(dashes) == 12 and len(rules) == 6
    for rule in rules:
        pair = [c for c in dashes if rule["x0"] - 1 < c["x0"] < rule["x1"]]
        assert len(pair) == 2
        assert rule["x1"] - rule["x0"] >= (pair[1]["x1"] - pair[0]["x0"]) * 0.9


# Fonts


def test_fallback_fonts_load_only_when_a_character_needs_them() -> None:
    chain = pdf_fonts.FontChain([pdf_fonts.packaged_font(), pdf_fonts.FontFile(VERA)], "海東")
    assert len(chain.fonts) == 1
    chain.width("海東abc", 11)
    assert len(chain.fonts) == 1  # WenQuanYi has Latin too: Vera is never read
    chain.font_for("\U00010000")
    assert len(chain.fonts) == 2 and chain.missing == {"\U00010000"}


VERA_A = 612.79296875  # Vera's advance for "a", in thousandths of an em


def test_latin_comes_from_the_latin_face_han_from_the_chain() -> None:
    chain = pdf_fonts.FontChain([pdf_fonts.packaged_font()], "無a", pdf_fonts.FontFile(VERA))
    assert chain.font_for("a").name.startswith("Vera")
    assert chain.font_for(" ").name.startswith("Vera")
    assert not chain.font_for("無").name.startswith("Vera")
    assert chain.width("aa", 10) == pytest.approx(2 * VERA_A * 10 / 1000)


def test_a_latin_serif_only_for_a_truetype_ming_body(monkeypatch) -> None:
    vera = pdf_fonts.FontFile(VERA, 0, "Vera")
    monkeypatch.setattr(pdf_fonts, "latin_serif", lambda: vera)
    uming = pdf_fonts.FontFile(Path("/f/uming.ttc"), 2, "AR PL UMing TW")
    noto = pdf_fonts.FontFile(Path("/f/NotoSerifCJK.ttc"), 3, "Noto Serif CJK TC", cff=True)
    wqy = pdf_fonts.FontFile(Path("/f/wqy.ttc"), 0, "WenQuanYi Micro Hei")
    assert pdf_fonts.latin_face([uming, wqy], None) == vera  # UMing's Latin is monospaced
    assert pdf_fonts.latin_face([noto, uming], None) is None  # Noto's own Latin matches
    assert pdf_fonts.latin_face([wqy], None) is None  # a sans body keeps its sans Latin
    assert pdf_fonts.latin_face([wqy, uming], wqy) is None  # the user's font as it is


def test_the_best_installed_latin_serif_is_chosen(monkeypatch) -> None:
    listing = "\n".join(
        [
            "/f/DejaVuSerif.ttf\t0\tTrueType\tDejaVu Serif\t\tBook",
            "/f/LiberationSerif-Bold.ttf\t0\tTrueType\tLiberation Serif\t\tBold",
            "/f/LiberationSerif-Regular.ttf\t0\tTrueType\tLiberation Serif\t\tRegular",
            "/f/NotoSerif-Regular.otf\t0\tCFF\tNoto Serif\t\tRegular",
            "/f/DejaVuSansMono.ttf\t0\tTrueType\tDejaVu Sans Mono\t100\tBook",
        ]
    )
    monkeypatch.setattr(pdf_fonts, "_fc_list", lambda pattern: listing)
    pdf_fonts.latin_serif.cache_clear()
    try:
        chosen = pdf_fonts.latin_serif()
        assert chosen is not None and chosen.path == Path("/f/LiberationSerif-Regular.ttf")
        monkeypatch.setattr(pdf_fonts, "_fc_list", lambda pattern: "")
        pdf_fonts.latin_serif.cache_clear()
        assert pdf_fonts.latin_serif() is None
    finally:
        pdf_fonts.latin_serif.cache_clear()


def test_font_metrics_are_cached_per_file_version(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DOCCONV_CACHE_DIR", str(tmp_path / "cache"))
    font = tmp_path / "vera.ttf"
    shutil.copy(VERA, font)
    first = pdf_fonts.load_font(pdf_fonts.FontFile(font))
    cached = sorted((tmp_path / "cache" / "fonts").glob("metrics-*"))
    assert first is not None and len(cached) == 1
    again = pdf_fonts.load_font(pdf_fonts.FontFile(font))
    assert again is first
    os.utime(font, ns=(1, 1))
    changed = pdf_fonts.load_font(pdf_fonts.FontFile(font))
    assert changed is not None and changed is not first
    assert changed.widths == first.widths
    current = sorted((tmp_path / "cache" / "fonts").glob("metrics-*"))
    assert len(current) == 1 and current != cached  # the old version's metrics are gone
    current[0].write_bytes(b"damaged")
    face = pdf_fonts._parsed_face(pdf_fonts.FontFile(font))
    assert face.charWidths == first.widths


def make_cff_font(path: Path, chars: str) -> None:
    """A small OpenType/CFF font (reportlab cannot read it): a shape per character."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    names = [".notdef"] + [f"g{ord(c):X}" for c in chars]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"g{ord(c):X}" for c in chars})
    strings, metrics = {}, {}
    for number, name in enumerate(names):
        width = 500 + 20 * number
        pen = T2CharStringPen(width, None)
        pen.moveTo((50, 0))
        pen.curveTo((50, 400), (width - 50, 400), (width - 50, 700))
        pen.lineTo((width - 50, 0))
        pen.closePath()
        strings[name], metrics[name] = pen.getCharString(), (width, 50)
    builder.setupCFF("TestCFF-Regular", {"FullName": "Test CFF"}, strings, {})
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Test CFF", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))


def test_an_opentype_cff_font_is_converted_and_embedded(tmp_path, cli, seed) -> None:
    font = tmp_path / "test.otf"
    make_cff_font(font, "abcxyz")
    result = cli("convert", seed, "-t", "pdf", "-O", f"font={font}", "-o", "a.pdf")
    assert result.exit_code == 0, result.output
    assert Path("a.pdf").read_bytes().startswith(b"%PDF-")
    (tmp_path / "fonts").mkdir()
    copy = pdf_cff.truetype_copy(font, 0, map(ord, "abz"), tmp_path / "fonts")
    loaded = pdf_fonts.load_font(pdf_fonts.FontFile(copy))
    assert loaded is not None and {97, 98, 122} <= set(loaded.has) and 120 not in loaded.has
    assert loaded.widths[97] == 520 and loaded.widths[122] == 620  # the CFF advances kept
    grown = pdf_cff.truetype_copy(font, 0, map(ord, "ax"), tmp_path / "fonts")
    assert grown == copy
    assert {97, 98, 120, 122} <= set(pdf_fonts.load_font(pdf_fonts.FontFile(grown)).has)


def test_a_damaged_converted_copy_is_converted_again(tmp_path) -> None:
    font = tmp_path / "test.otf"
    make_cff_font(font, "abc")
    face = pdf_fonts.FontFile(font, 0, "Test CFF", cff=True)
    copy = pdf_cff.truetype_copy(font, 0, map(ord, "ab"), writable_cache_dir("fonts"))
    copy.write_bytes(b"damaged")
    loaded = pdf_fonts.load_font(face, frozenset(map(ord, "ab")))
    assert loaded is not None and {97, 98} <= set(loaded.has)


def test_characters_the_face_lacks_do_not_convert_the_copy_again(tmp_path) -> None:
    font = tmp_path / "test.otf"
    make_cff_font(font, "abcxyz")
    copy = pdf_cff.truetype_copy(font, 0, map(ord, "ab"), tmp_path)
    before = copy.stat().st_mtime_ns
    assert pdf_cff.truetype_copy(font, 0, map(ord, "ab\u5b57\u00e9"), tmp_path) == copy
    assert copy.stat().st_mtime_ns == before  # 字 and é are not in the face: nothing to add
    pdf_cff.truetype_copy(font, 0, map(ord, "abz"), tmp_path)
    assert copy.stat().st_mtime_ns != before


@given(st.sets(st.integers(0, 300)))
def test_coverage_runs_hold_exactly_their_code_points(codes: set[int]) -> None:
    runs = pdf_cff._runs(codes)
    assert len(runs) <= 2 * len(codes) and runs == sorted(runs)
    assert {code for code in range(-1, 302) if pdf_cff._within(code, runs)} == codes


def test_the_user_font_draws_latin_from_a_cff_file(tmp_path) -> None:
    font = tmp_path / "test.otf"
    make_cff_font(font, "Wuxi")
    document = Document(Metadata(title="標題", language="zh-Hant"), (Paragraph("無錫Wuxi"),))
    pdf = convert.render(document, "pdf", font=str(font))
    with pdfplumber.open(io.BytesIO(pdf)) as pages:
        chars = pages.pages[0].chars
    assert {c["fontname"].split("+")[1][:7] for c in chars if c["text"] == "W"} == {"test-TT"}
    assert all("TestCFF" not in c["fontname"] for c in chars if c["text"] == "無")


# Misuse of the font options


def test_font_that_is_not_a_regular_file(cli, seed) -> None:
    result = cli("convert", seed, "-t", "pdf", "-O", "font=/dev/zero", "-o", "a.pdf")
    assert result.exit_code == 2
    assert "not a regular file" in result.output and "no such file" not in result.output
    assert not Path("a.pdf").exists()


@pytest.mark.parametrize(("font", "faces"), [("packaged", "2 faces (0-1)"), ("vera", "1 face")])
def test_font_index_out_of_range_names_the_faces(cli, seed, font: str, faces: str) -> None:
    path = pdf_fonts.packaged_font().path if font == "packaged" else VERA
    options = ["-O", f"font={path}", "-O", "font_index=99"]
    result = cli("convert", seed, "-t", "pdf", *options, "-o", "a.pdf")
    assert result.exit_code == 2
    assert faces in result.output and "font_index=99" in result.output
