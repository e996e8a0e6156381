"""The html writer, read back with the standard library's HTML parser.

These tests need the package installed (``pip install ./examples/docconv-html``): the
CLI tests prove that docconv finds it through its entry point, as users will.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import convert
import pytest
from click.testing import CliRunner
from convert.cli import main

# Articles as news sites export them: headline, paragraphs, source line (half-width ",").
TRADITIONAL = (
    "無錫代表團到海東市考察\n\n"
    "7月9日,市長率代表團到海東市學習考察\u3002\n\n"
    "雙方簽署協議\u3002\n\n"
    "來源:無錫日報\n"
)
SIMPLIFIED = (
    "无锡代表团到海东市考察\n\n7月9日,市长率代表团到海东市学习考察\u3002\n\n来源:无锡日报\n"
)


class Page(HTMLParser):
    """The parts of a page the tests look at: tags, attributes and text per tag."""

    def __init__(self, data: bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(data.decode("utf-8"))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "link", "img"}:  # void elements: no end tag
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self._open.pop() == tag, f"</{tag}> closes the wrong element"

    def handle_data(self, data: str) -> None:
        if self._open and data.strip():
            self.text.setdefault(self._open[-1], []).append(data)

    def attrs(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def html_of(article: str, **options: object) -> Page:
    return Page(convert.render(convert.load(article.encode("utf-8")), "html", **options))


def test_page_has_language_headline_paragraphs_and_source() -> None:
    page = html_of(TRADITIONAL)
    assert page.attrs("html") == [{"lang": "zh-Hant"}]
    assert page.text["h1"] == ["無錫代表團到海東市考察"]
    assert page.text["title"] == ["無錫代表團到海東市考察"]
    assert page.text["p"] == [
        "7月9日\uff0c市長率代表團到海東市學習考察\u3002",  # typeset: full-width comma
        "雙方簽署協議\u3002",
    ]
    assert page.text["footer"] == ["來源:無錫日報"]
    assert {"charset": "utf-8"} in page.attrs("meta")


def test_simplified_article_gets_its_own_tag_fonts_and_source_label() -> None:
    page = html_of(SIMPLIFIED)
    assert page.attrs("html") == [{"lang": "zh-Hans"}]
    assert page.text["footer"] == ["来源:无锡日报"]
    assert '"Noto Sans CJK SC"' in page.text["style"][0]


def test_text_is_escaped_not_interpreted() -> None:
    title = '<script>alert("x")</script> & <b>'
    doc = convert.Document(
        convert.Metadata(title=title, language="en", source="A & B"),
        (convert.Paragraph("1 < 2 > 0 & \"q\" 'a'"),),
    )
    page = Page(convert.render(doc, "html"))
    assert [tag for tag, _ in page.tags if tag in {"script", "b"}] == []
    assert page.text["h1"] == [title]
    assert page.text["p"] == ["1 < 2 > 0 & \"q\" 'a'"]
    assert page.text["footer"] == ["Source: A & B"]


def test_code_figures_and_list_numbers_keep_their_form() -> None:
    article = (
        "# 無錫代表團到海東市考察\n\n"
        "```python\nif a < b:\n    print(a)\n```\n\n"
        "![代表團在海東市合影](photo.jpg)\n\n"
        "3. 第三項\n4. 第四項\n"
    )
    page = Page(convert.render(convert.load(article.encode("utf-8"), format="md"), "html"))
    assert page.text["code"] == ["if a < b:\n    print(a)"]  # lines and spaces as written
    assert {"class": "language-python"} in page.attrs("code")
    assert {"src": "photo.jpg", "alt": "代表團在海東市合影"} in page.attrs("img")
    assert page.text["figcaption"] == ["代表團在海東市合影"]
    assert page.attrs("ol") == [{"start": "3"}]
    assert page.text["li"] == ["第三項", "第四項"]


def test_options_link_a_stylesheet_and_turn_off_indent() -> None:
    assert "text-indent: 2em" in html_of(TRADITIONAL).text["style"][0]
    assert "text-indent" not in html_of(TRADITIONAL, indent=False).text["style"][0]

    page = html_of(TRADITIONAL, stylesheet='site.css?a=1&b="2"')
    assert {"rel": "stylesheet", "href": 'site.css?a=1&b="2"'} in page.attrs("link")
    assert "style" not in page.text


def test_punctuation_can_be_kept_as_written() -> None:
    page = html_of(TRADITIONAL, punctuation="keep")
    assert page.text["p"][0] == "7月9日,市長率代表團到海東市學習考察\u3002"


@pytest.fixture
def docconv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the docconv command line in-process, in a temporary folder."""
    monkeypatch.chdir(tmp_path)
    Path("article.txt").write_text(TRADITIONAL, encoding="utf-8")

    def run(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def test_docconv_finds_the_installed_plugin(docconv) -> None:
    formats = json.loads(docconv("formats", "--json").stdout)
    [row] = [r for r in formats if r["kind"] == "writer" and r["name"] == "html"]
    assert row["plugin"] == "html"
    assert [o["name"] for o in row["options"]] == ["stylesheet", "indent"]

    plugins = json.loads(docconv("plugins", "--json").stdout)
    [info] = [p for p in plugins if p["distribution"] == "docconv-html"]
    assert info["provides"] == {"writers": ["html"]}
    assert info["error"] is None


def test_command_line_writes_the_page(docconv) -> None:
    result = docconv("convert", "article.txt", "-o", "page.html", "-O", "indent=false")
    assert result.exit_code == 0, result.output
    page = Page(Path("page.html").read_bytes())
    assert page.text["h1"] == ["無錫代表團到海東市考察"]
    assert "text-indent" not in page.text["style"][0]
