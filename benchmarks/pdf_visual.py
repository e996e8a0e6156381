"""Visual regression harness for the PDF writer: what a typesetter would reject, counted.

Renders the seed, the benchmark articles (``benchmarks/data``) and stress articles
built here (long URLs, English paragraphs, mixed digits, quotes, dashes, ellipses,
lists) to PDF, reads each PDF back with pdfplumber and measures, per line:

- mid-word headline breaks: a headline line ends where jieba (the project's
  segmenter) sees no word boundary, or inside a number or Latin word;
- stretch: the widest gap between two characters beyond its natural width (CLREQ's
  quarter em between Han and Latin), in ems, on justified lines (lines that end a
  paragraph are not justified and not counted);
- short lines: lines inside a paragraph that stop before the right margin (what
  justification leaves when a line cannot be spread within a quarter em a gap);
- letter-spaced Latin: gaps inside a Latin word or number;
- faces per line: lines whose Han characters come from more than one font;
- kinsoku: lines starting with closing or ending with opening punctuation, ``——``,
  ``……`` or a full-width number split over two lines.

Run: python benchmarks/pdf_visual.py [--png DIR] [--fonts system|truetype|packaged]
(DIR gets page images when pdftoppm exists)
Compare with an older checkout: PYTHONPATH=/path/to/old python benchmarks/pdf_visual.py
"""

from __future__ import annotations

import argparse
import io
import itertools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

import convert
from convert import Document, ListBlock, Metadata, Paragraph, Quote

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_23be539ad5687094.txt"
DATA = ROOT / "benchmarks" / "data"

CLOSING = set(
    "\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\u300d\u300f\uff09\u300b\u3009\u3011\u2026\u201d\u2019"
    "\u00b7\uff05\uff5e\u2013,.;:?!)]}%"
)
OPENING = set("\u300c\u300e\uff08\u300a\u3008\u3010\u201c\u2018([{")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ALNUM = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")
WORD = re.compile(r"[!-~\u00c0-\u024f]")
FULLWIDTH_DIGIT = re.compile(r"[\uff10-\uff19]")
HEADLINE_SIZE = 20.0
BODY_SIZES = (11.0, 10.5)

STRESS = {
    "stress_urls": (
        "政府公布報告全文 網址供民眾查閱",
        [
            "報告全文可在 https://www.example.gov.tw/reports/2024/annual-review-of-"
            "transport-policy-and-infrastructure-investment.pdf?lang=zh-TW&download=1 "
            "下載，英文版見 https://example.org/en/internationalization/october/summary.html"
            " 。市民也可到各區圖書館索取紙本。",
            "相關資料另見 www.data.gov.tw/dataset/transportation-statistics-monthly-2024 及"
            "交通部網站 https://www.motc.gov.tw/ch/home.jsp?id=14&parentpath=0,2 的說明。",
        ],
        "zh-Hant",
    ),
    "stress_english": (
        "International Forum on Sustainable Cities Opens in Wuxi 國際論壇開幕",
        [
            "The forum, organised by the municipal government together with several "
            "international partners, brought together more than three hundred delegates "
            "from twenty-six countries to discuss internationalization, infrastructure "
            "financing, and the decarbonisation of industrial parks.",
            "論壇主席在開幕致辭中表示，「Sustainable development is not optional」，各城市需要"
            "在 2030 年前完成 carbon-neutral 轉型。會議使用 Zoom 與 YouTube 同步直播。",
        ],
        "zh-Hant",
    ),
    "stress_digits": (
        "二〇二四年國內生產總值增長百分之五點二 達一百三十四萬九千零八十四億元",
        [
            "統計局數據顯示，2024 年全年 GDP 為 1,349,084 億元，按不變價格計算增長 5.2%，"
            "其中第四季度增長 5.4％，全年 CPI 上漲 0.2%，PPI 下降 2.2%。",
            "２０２４年全年糧食產量達到６９８０５萬噸，比上年增加１１０９萬噸，增長１．６％；"
            "2020–2024 年平均增速為 4.9%，氣溫介於 -5℃～12℃ 之間。",
        ],
        "zh-Hant",
    ),
    "stress_punctuation": (
        "「戲曲不是老人家的專利」——年輕觀眾回流劇場",
        [
            "他說：「我們等了很久……終於等到這一天。」台下掌聲雷動——不少觀眾站起來鼓掌"
            "——演出結束後仍久久不願離去……主辦單位表示，明年將再加開場次。",
            '主持人引用"The show must go on"這句話，並說"戲曲要走進年輕人的生活"。'
            "烏拉孜別克·熱蘇力汗、王楚欽與孫穎莎也到場觀看。",
        ],
        "zh-Hant",
    ),
    "stress_lists": (
        "新規定重點一覽",
        [
            ListBlock(
                (
                    "自 2025 年 1 月 1 日起，電動自行車須登記牌照，費用為新台幣 300 元。",
                    "違規者最高罰款 3,600 元——情節嚴重者吊扣牌照……",
                )
            ),
            Quote("「安全是第一位的。」交通部長在記者會上強調，並呼籲民眾遵守規定。"),
        ],
        "zh-Hant",
    ),
}


@dataclass
class Figures:
    """The counts for one article (or their sum)."""

    articles: int = 0
    headlines_two_lines: int = 0
    midword_breaks: int = 0
    lines: int = 0
    max_stretch: float = 0.0
    stretched: int = 0
    short_lines: int = 0
    letter_spaced: int = 0
    mixed_faces: int = 0
    kinsoku: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        for name in (
            "articles",
            "headlines_two_lines",
            "midword_breaks",
            "lines",
            "stretched",
            "short_lines",
            "letter_spaced",
            "mixed_faces",
            "kinsoku",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.max_stretch = max(self.max_stretch, other.max_stretch)
        self.notes += other.notes


def stress_documents() -> Iterable[tuple[str, Document]]:
    for name, (title, blocks, language) in STRESS.items():
        built = tuple(Paragraph(b) if isinstance(b, str) else b for b in blocks)
        yield name, Document(Metadata(title=title, language=language), built)


def articles() -> Iterable[tuple[str, Document]]:
    yield "seed", convert.load(SEED)
    for path in sorted(DATA.glob("[0-9]*.txt")):
        if not path.name.endswith(".ref.txt"):
            yield path.stem, convert.load(path)
    yield from stress_documents()


def text_lines(pdf: bytes) -> list[list[dict]]:
    """Each line's characters in reading order, page furniture (header, footer) left out."""
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            chars = [c for c in page.chars if c["size"] >= 9.5]
            rows: dict[float, list[dict]] = {}
            for char in chars:
                key = next((k for k in rows if abs(k - char["top"]) < 2), char["top"])
                rows.setdefault(key, []).append(char)
            for key in sorted(rows):
                lines.append(sorted(rows[key], key=lambda c: c["x0"]))
    return lines


def word_ends(headline: str) -> set[int]:
    from convert.toolkit.segment import segment

    ends = {token.end for token in segment(headline)}
    # A break inside a run of digits, Latin letters or Chinese numerals is mid-word.
    numeral = re.compile(r"[0-9A-Za-z.,%\u3007\u96f6一二三四五六七八九十百千萬万億亿兩两]")
    return {
        end
        for end in ends
        if not (numeral.match(headline[end - 1]) and numeral.match(headline[end : end + 1] or " "))
    }


def measure(name: str, document: Document, pdf: bytes) -> Figures:
    figures = Figures(articles=1)
    lines = text_lines(pdf)
    headline = [line for line in lines if line and line[0]["size"] >= HEADLINE_SIZE - 0.1]
    title = convert.transform(document, "punctuation").meta.title
    if len(headline) > 1:
        figures.headlines_two_lines += 1
        ends = word_ends(title)
        visible = [i for i, char in enumerate(title) if not char.isspace()]
        drawn = 0
        for line in headline[:-1]:
            drawn += sum(not c["text"].isspace() for c in line)
            offset = visible[drawn]
            if offset not in ends and not title[offset - 1].isspace():
                figures.midword_breaks += 1
                figures.notes.append(f"{name}: headline {title[:offset]}|{title[offset:]}")
    body = [line for line in lines if line and line[0]["size"] in BODY_SIZES]
    right = max((c["x1"] for line in body for c in line), default=0)
    for number, line in enumerate(body):
        text = "".join(c["text"] for c in line)
        following = body[number + 1] if number + 1 < len(body) else None
        figures.lines += 1
        if text[0] in CLOSING or text[-1] in OPENING:
            figures.kinsoku += 1
            figures.notes.append(f"{name}: kinsoku at {text[:6]}…{text[-6:]}")
        if following:
            after = following[0]["text"]
            split_mark = text[-1] == after and after in "\u2014\u2026"
            split_digits = FULLWIDTH_DIGIT.match(text[-1]) and FULLWIDTH_DIGIT.match(after)
            if split_mark or split_digits:
                figures.kinsoku += 1
                figures.notes.append(f"{name}: split {text[-3:]}|{after}")
        size = line[0]["size"]
        han = {c["fontname"].split("+")[-1] for c in line if HAN.match(c["text"])}
        if len(han) > 1:
            figures.mixed_faces += 1
        gaps = []
        for a, b in itertools.pairwise(line):
            natural = 0.25 if _boundary(a["text"], b["text"]) else 0.0
            extra = (b["x0"] - a["x1"]) / size - natural
            if WORD.match(a["text"]) and WORD.match(b["text"]) and extra > 0.02:
                figures.letter_spaced += 1
            if not a["text"].isspace():
                gaps.append(extra)
        ends_paragraph = following is None or _starts_paragraph(line, following, size)
        reaches_margin = line[-1]["x1"] >= right - 0.5
        if not ends_paragraph and not reaches_margin:
            figures.short_lines += 1
            figures.notes.append(f"{name}: short line {text[:20]}")
        if reaches_margin and not ends_paragraph and gaps:
            widest = max(gaps)
            figures.max_stretch = max(figures.max_stretch, widest)
            if widest > 0.25 + 1e-3:
                figures.stretched += 1
                figures.notes.append(f"{name}: {widest:.2f} em in {text[:24]}")
    return figures


def _boundary(a: str, b: str) -> bool:
    return bool((HAN.match(a) and ALNUM.match(b)) or (ALNUM.match(a) and HAN.match(b)))


def _starts_paragraph(line: list[dict], following: list[dict], size: float) -> bool:
    """Whether ``following`` begins a new block: indented, or after a gap, or on a new page."""
    gap = following[0]["top"] - line[0]["top"]
    indented = following[0]["x0"] > min(line[0]["x0"], following[0]["x0"]) + size
    return indented or gap > size * 1.8 or gap < 0


def render_png(name: str, pdf: bytes, directory: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    source = directory / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run([pdftoppm, "-png", "-r", "80", str(source), str(directory / name)], check=True)


def restrict_fonts(which: str) -> None:
    """Hide system fonts from the writer, to measure what another machine would get."""
    from docconv_plugins.pdf import pdf_fonts

    found = pdf_fonts.system_fonts()
    if which == "truetype":
        kept = tuple(f for f in found if not getattr(f, "cff", False))
    elif which == "packaged":
        kept = ()
    else:
        return
    pdf_fonts.system_fonts = lambda: kept  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", type=Path, help="write each PDF and its page images here")
    parser.add_argument("--notes", action="store_true", help="list every line counted")
    parser.add_argument(
        "--fonts",
        choices=("system", "truetype", "packaged"),
        default="system",
        help="fonts to use: all fontconfig knows, only its TrueType ones (no Noto CJK), "
        "or only the packaged one (as after a bare pip install)",
    )
    args = parser.parse_args()
    restrict_fonts(args.fonts)
    groups = {"seed": Figures(), "benchmark articles": Figures(), "stress articles": Figures()}
    for name, document in articles():
        pdf = convert.render(document, "pdf")
        if args.png:
            render_png(name, pdf, args.png)
        group = "seed" if name == "seed" else "stress articles" if "stress" in name else None
        groups[group or "benchmark articles"].add(measure(name, document, pdf))
    total = Figures()
    print(
        "| articles | two-line headlines | mid-word headline breaks | body lines "
        "| max stretch (em) | lines > 0.25 em | short lines | letter-spaced Latin "
        "| lines with Han in 2+ faces | kinsoku violations |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, figures in [*groups.items(), ("all", total)]:
        if label != "all":
            total.add(figures)
        print(
            f"| {label} ({figures.articles}) | {figures.headlines_two_lines} "
            f"| {figures.midword_breaks} | {figures.lines} | {figures.max_stretch:.2f} "
            f"| {figures.stretched} | {figures.short_lines} | {figures.letter_spaced} "
            f"| {figures.mixed_faces} | {figures.kinsoku} |"
        )
    if args.notes:
        print("\n".join(total.notes), file=sys.stderr)


if __name__ == "__main__":
    main()
