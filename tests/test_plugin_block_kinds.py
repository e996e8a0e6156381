"""Block kinds a plugin declares: a writer or transform written for plugin API 1 (four kinds,
an ``isinstance`` chain ending in ``convert.unhandled_block``, as the guide recommends) keeps
converting Markdown with code blocks and images; it gets them as paragraphs, text kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import convert
import convert.plugins
from convert import Code, DeclarationError, Document, Figure, Paragraph, Transform, Writer
from convert.model import BLOCK_KINDS

ARTICLE = """\
# 無錫代表團到海東市考察

7月9日，市長率代表團到海東市學習考察。

```python
x = 1
print(x)
```

![代表團在海東市合影](photo.jpg)

來源：無錫日報
"""
CODE = "x = 1\nprint(x)"
CAPTION = "代表團在海東市合影"

# A third-party plugin as written for plugin API 1: no `blocks` declaration.
OLD_PLUGIN = """
import convert
from convert import Heading, ListBlock, Paragraph, Quote, Transform, Writer, hookimpl


def render(document, options):
    lines = [document.meta.title]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append("H: " + block.text)
        elif isinstance(block, Paragraph):
            lines.append("P: " + block.text)
        elif isinstance(block, ListBlock):
            lines.extend("L: " + item for item in block.items)
        elif isinstance(block, Quote):
            lines.append("Q: " + block.text)
        else:
            convert.unhandled_block(block)
    return ("\\n".join(lines) + "\\n").encode("utf-8")


def mark(document, options):
    blocks = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            blocks.append(Paragraph("¶" + block.text))
        elif isinstance(block, Heading | ListBlock | Quote):
            blocks.append(block)
        else:
            convert.unhandled_block(block)
    return document.replace(blocks=tuple(blocks))


@hookimpl
def register_writers():
    return [Writer(name="old", render=render, extension="old", media_type="text/plain",
                   description="a writer of plugin API 1")]


@hookimpl
def register_transforms():
    return [Transform(name="mark", apply=mark, description="a transform of plugin API 1")]
"""

# The same writer once it handles code blocks and says so.
CODE_PLUGIN = """
import convert
from convert import Code, Heading, ListBlock, Paragraph, Quote, Writer, hookimpl


def render(document, options):
    lines = []
    for block in document.blocks:
        if isinstance(block, Code):
            lines.append(f"CODE[{block.language}]: {block.text}")
        elif isinstance(block, Heading | Paragraph | Quote):
            lines.append("T: " + block.text)
        elif isinstance(block, ListBlock):
            lines.extend(block.items)
        else:
            convert.unhandled_block(block)
    return ("\\n".join(lines) + "\\n").encode("utf-8")


@hookimpl
def register_writers():
    return [Writer(name="coded", render=render, extension="coded", media_type="text/plain",
                   description="a writer handling code", blocks={"heading", "paragraph",
                   "list", "quote", "code"})]
"""


@pytest.fixture(autouse=True)
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert.plugins, "_manager", None)
    monkeypatch.delenv("DOCCONV_LOAD_PLUGINS", raising=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_an_api_1_writer_writes_code_and_figures_as_paragraphs(cli, install, article) -> None:
    install("docconv-old", OLD_PLUGIN)
    result = cli("convert", article, "-t", "old", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "無錫代表團到海東市考察",
        "P: 7月9日，市長率代表團到海東市學習考察。",
        "P: x = 1",  # the code's lines, kept as the paragraph's text
        "print(x)",
        f"P: {CAPTION}",
    ]
    document = convert.load(article)  # the Python API lowers the same way
    assert [type(b) for b in document.blocks] == [Paragraph, Code, Figure]
    assert convert.render(document, "old").decode("utf-8") == result.stdout


def test_an_api_1_writer_converts_in_worker_processes(cli, install, tmp_path) -> None:
    install("docconv-old", OLD_PLUGIN)
    for i in range(4):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{i}.md").write_text(ARTICLE, encoding="utf-8")
    result = cli("convert", "in", "--glob", "*.md", "-t", "old", "-d", "out", "-j", "2")
    assert result.exit_code == 0, result.output
    for i in range(4):
        text = (tmp_path / "out" / f"{i}.old").read_text("utf-8")
        assert f"P: {CODE}\n" in text and f"P: {CAPTION}\n" in text


def test_an_api_1_transform_gets_code_and_figures_as_paragraphs(cli, install, article) -> None:
    install("docconv-old", OLD_PLUGIN)
    result = cli("convert", article, "-T", "mark", "-t", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    # What the transform returns is what the writer gets: a code block lowered before an
    # API 1 transform stays a paragraph (its text whole), even for a writer handling code.
    blocks = Document.from_json(result.stdout).blocks
    assert blocks == (
        Paragraph("¶7月9日，市長率代表團到海東市學習考察。"),
        Paragraph("¶" + CODE),
        Paragraph("¶" + CAPTION),
    )
    markdown = cli("convert", article, "-T", "mark", "-t", "md", "-o", "-")
    assert markdown.exit_code == 0, markdown.output
    assert f"¶{CAPTION}" in markdown.stdout and "```" not in markdown.stdout
    assert "¶x = 1" in markdown.stdout and "print(x)" in markdown.stdout


def test_a_transform_declaring_the_kinds_passes_them_on(cli, register_plugin, article) -> None:
    class Plugin:
        @convert.hookimpl
        def register_transforms(self) -> list[Transform]:
            return [
                Transform(
                    name="shout",
                    apply=lambda document, options: document.replace(
                        blocks=tuple(convert.map_text(b, str.upper) for b in document.blocks)
                    ),
                    description="upper-case prose",
                    blocks=frozenset(BLOCK_KINDS),
                )
            ]

    register_plugin(Plugin(), "shout-plugin")
    result = cli("convert", article, "-T", "shout", "-t", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    assert f"```python\n{CODE}\n```" in result.stdout  # still code: md fences it
    assert f"![{CAPTION}](photo.jpg)" in result.stdout  # still a figure


def test_a_writer_declaring_code_gets_code_blocks(cli, install, article) -> None:
    install("docconv-coded", CODE_PLUGIN)
    result = cli("convert", article, "-t", "coded", "-o", "-")
    assert result.exit_code == 0, result.output
    assert f"CODE[python]: {CODE}\n" in result.stdout
    assert f"T: {CAPTION}\n" in result.stdout  # figures it did not declare: a paragraph


def test_formats_json_shows_the_declared_kinds(cli, install) -> None:
    install("docconv-old", OLD_PLUGIN)
    rows = json.loads(cli("formats", "--json").stdout)
    blocks = {(r["kind"], r["name"]): r.get("blocks") for r in rows}
    assert blocks[("writer", "old")] == ["heading", "list", "paragraph", "quote"]
    assert blocks[("transform", "mark")] == ["heading", "list", "paragraph", "quote"]
    assert blocks[("reader", "md")] is None  # readers may build any kind
    every_kind = sorted(BLOCK_KINDS)
    manager = convert.plugins.get_plugin_manager()
    manager.load_all()
    for table, kind in ((manager.writers, "writer"), (manager.transforms, "transform")):
        builtin = [p.component.name for p in table.all() if p.builtin]
        assert builtin
        for name in builtin:  # each handles all six: see their dispatch or convert.render
            assert blocks[(kind, name)] == every_kind, name


def _writer(blocks: object) -> Writer:
    return Writer(
        name="w",
        render=lambda document, options: b"",
        extension="w",
        media_type="text/plain",
        description="d",
        blocks=blocks,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("blocks", "message"),
    [
        (
            {"heading", "paragraph", "list", "quote", "table", "code"},
            "names unknown block kinds 'table' "
            "(known: code, figure, heading, list, paragraph, quote)",
        ),
        ({"code", "figure"}, "leaves out 'heading', 'list', 'paragraph', 'quote': every plugin"),
        ("code", "is a string; write a set"),
        ({"heading", "paragraph", "list", "quote", 3}, "holds a non-string 3"),
        (None, "must be a set of block kinds, not NoneType"),
    ],
)
def test_a_bad_blocks_declaration_names_the_problem(blocks: object, message: str) -> None:
    with pytest.raises(DeclarationError, match=r"^writer 'w': blocks=.*" + re.escape(message)):
        _writer(blocks)
    with pytest.raises(DeclarationError, match=r"^transform 't': blocks=.*" + re.escape(message)):
        Transform(name="t", apply=lambda d, o: d, description="d", blocks=blocks)  # type: ignore[arg-type]


def test_a_plugin_declaring_an_unknown_kind_is_reported_broken(cli, install) -> None:
    install(
        "docconv-bad",
        OLD_PLUGIN.replace(
            'description="a writer of',
            'blocks=("heading", "paragraph", "list", "quote", "tables"), description="a writer of',
        ),
    )
    result = cli("plugins")
    assert result.exit_code == 0, result.output
    assert "bad (docconv-bad 1.0) BROKEN: " in result.stdout
    assert "writer 'old': blocks=" in result.stdout
    assert "names unknown block kinds 'tables'" in result.stdout


def test_a_declaration_keeps_its_kinds_as_a_set() -> None:
    writer = _writer(["heading", "paragraph", "list", "quote", "figure"])
    assert writer.blocks == frozenset({"heading", "paragraph", "list", "quote", "figure"})
    assert _writer(frozenset(BLOCK_KINDS)).blocks == BLOCK_KINDS


def test_an_api_1_writer_converts_on_a_dask_cluster(install, tmp_path) -> None:
    """The cluster's workers build their plans from the same declarations (a worker thread
    here, so that it sees the plugin installed for this test)."""
    from distributed import Client, LocalCluster

    install("docconv-old", OLD_PLUGIN)
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.md").write_text(ARTICLE, encoding="utf-8")
    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        results = convert.convert_many(
            tmp_path / "in", "old", tmp_path / "out", glob="*.md", client=client
        )
    assert [r.error for r in results] == [None] * 3
    for i in range(3):
        text = (tmp_path / "out" / f"{i}.old").read_text("utf-8")
        assert f"P: {CODE}\n" in text and f"P: {CAPTION}\n" in text


def test_a_format_built_on_an_api_1_override_lowers_for_it(cli, install, article) -> None:
    """zh-hans renders through whichever writer answers to "txt" (convert.render): an API 1
    override of txt gets the code and the caption as paragraphs there."""
    old_txt = OLD_PLUGIN.replace('name="old"', 'name="txt", priority=10').replace(
        'extension="old"', 'extension="txt"'
    )
    install("docconv-old-txt", old_txt)
    result = cli("convert", article, "-t", "zh-hans", "-o", "-")
    assert result.exit_code == 0, result.output
    assert f"P: {CODE}\n" in result.stdout  # code stays as written: no script conversion
    assert "P: 代表团在海东市合影\n" in result.stdout  # a caption is text: converted
