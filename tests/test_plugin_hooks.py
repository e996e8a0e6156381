"""Each hook, exercised through the example plugins printed in docs/plugins.md.

The examples are run straight from the guide, so an example that stops working (or a hook
that stops behaving as documented) fails here.
"""

from __future__ import annotations

import re
import sys
import textwrap
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import convert
import convert.plugins

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
_TITLED_BLOCK = re.compile(
    r'^(?P<indent> *)```python title="(?P<title>[^"]+)"\n(?P<code>.*?)^(?P=indent)```$', re.M | re.S
)


def guide_code(title: str) -> str:
    """The Python code block of the guide headed ``title="..."`` (indented in a list or not)."""
    blocks = {
        m["title"]: textwrap.dedent(m["code"])
        for m in _TITLED_BLOCK.finditer(GUIDE.read_text("utf-8"))
    }
    return blocks[title]


def guide_module(title: str) -> types.ModuleType:
    """Run a code block of the guide as a module called after its file name."""
    name = Path(title).stem
    module = types.ModuleType(name)
    module.__file__ = str(GUIDE)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    try:
        exec(compile(guide_code(title), f"{GUIDE}:{title}", "exec"), module.__dict__)
    finally:
        del sys.modules[name]
    return module


@pytest.fixture(autouse=True)
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert.plugins, "_manager", None)


@pytest.fixture
def guide_plugin() -> Iterator[Callable[[str], types.ModuleType]]:
    """Register a plugin module from the guide in-process, as the guide's testing section says."""
    names: list[str] = []

    def register(title: str) -> types.ModuleType:
        module = guide_module(title)
        convert.plugins.get_plugin_manager().register(module, module.__name__)
        names.append(module.__name__)
        return module

    yield register
    for name in names:
        convert.plugins.get_plugin_manager().unregister(name)


def test_hook_register_writers(guide_plugin, cli, seed) -> None:
    guide_plugin("docconv_rst.py")
    tutorial_tests = guide_module("tests/test_rst.py")
    tests = [f for name, f in vars(tutorial_tests).items() if name.startswith("test_")]
    assert len(tests) == 2
    for test in tests:
        test()

    assert cli("convert", seed, "-O", "underline=*").exit_code == 2  # no format: usage error
    result = cli("convert", seed, "-o", "seed.rst", "-O", "underline=*")
    assert result.exit_code == 0, result.output
    lines = Path("seed.rst").read_text(encoding="utf-8").splitlines()
    assert lines[0] == lines[2] == "*" * (2 * len(lines[1]))
    bad = cli("convert", seed, "-t", "restructuredtext", "-O", "underline=~", "-o", "-")
    assert bad.exit_code == 2
    assert "option 'underline' must be one of =, #, *" in bad.stderr


def test_hook_register_transforms(guide_plugin, cli, seed) -> None:
    guide_plugin("docconv_lead.py")
    document = convert.load(seed)
    lead = convert.transform(document, "lead", paragraphs=1)
    assert lead.blocks == document.blocks[:1]
    assert lead.meta == document.meta

    result = cli("convert", seed, "-t", "lead-txt")
    assert result.exit_code == 0, result.output
    written = Path(seed.stem + ".lead.txt").read_text(encoding="utf-8").split("\n\n")
    assert written[1:3] == [block.text for block in document.blocks[:2]]
    assert written[-1] == "來源:無錫日報\n"

    bad = cli("convert", seed, "-T", "lead", "-O", "lead.paragraphs=0", "-t", "md", "-o", "-")
    assert bad.exit_code == 2
    assert "lead: paragraphs must be at least 1, got 0" in bad.stderr


def test_hook_register_readers(guide_plugin, cli, seed, tmp_path) -> None:
    guide_plugin("docconv_mdarticle.py")
    original = convert.load(seed)
    markdown = tmp_path / "article.md"
    markdown.write_bytes(convert.render(original, "md").decode("utf-8").encode("gb18030"))

    document = convert.load(markdown)  # chosen by the .md extension
    assert document.meta.title == original.meta.title
    assert document.meta.language == "zh-Hant"
    assert document.meta.origin.encoding == "gb18030"
    assert document.blocks[: len(original.blocks)] == original.blocks

    result = cli("convert", "-", "-f", "md-article", "-t", "json", input=markdown.read_bytes())
    assert result.exit_code == 0, result.output
    assert convert.Document.from_json(result.stdout).meta.title == original.meta.title


def test_guide_reader_takes_encoding_and_its_own_option(guide_plugin, cli, tmp_path) -> None:
    """The guide's reader with --encoding and -O, as its console lines run them."""
    guide_plugin("docconv_mdarticle.py")
    text = "# 港島新聞\n\n## 交通\n\n港鐵今日加開班次。\n"
    article = tmp_path / "article.md"
    article.write_bytes(text.encode("big5"))

    plain = cli("convert", article, "--encoding", "big5", "-t", "txt", "-o", "-")
    assert plain.exit_code == 0, plain.output
    assert plain.stdout == "港島新聞\n\n交通\n\n港鐵今日加開班次。\n"

    for option in ("headings=false", "md-article.headings=false"):
        kept = cli("convert", article, "--encoding", "big5", "-O", option, "-t", "md", "-o", "-")
        assert kept.exit_code == 0, kept.output
        assert "\\## 交通" in kept.stdout  # a paragraph starting with '##', escaped

    headed = cli("convert", article, "--encoding", "big5", "-t", "md", "-o", "-")
    assert "\n## 交通\n" in headed.stdout

    document = convert.load(article, encoding="big5", headings=False)
    assert document.meta.origin.encoding == "big5"
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Paragraph"]
    assert convert.load(article, encoding="big5").blocks[0] == convert.Heading("交通")

    bad = cli("convert", article, "--encoding", "big5", "-O", "headings=maybe", "-t", "txt")
    assert bad.exit_code == 2
    assert "option 'headings' expects true or false, got 'maybe'" in bad.stderr


def test_encoding_is_refused_for_a_reader_that_does_not_declare_it(cli, seed, tmp_path) -> None:
    docx = tmp_path / "article.docx"
    docx.write_bytes(convert.render(convert.load(seed), "docx"))
    result = cli("convert", docx, "--encoding", "big5", "-t", "txt", "-o", "-")
    assert result.exit_code == 2
    assert result.stderr == (
        f"docconv: error: {docx}: --encoding: reader 'docx' (plugin 'docx-reader') decodes "
        "its input itself and takes no encoding (it declares no 'encoding' option)\n"
    )
    forced = cli("convert", seed, "-f", "docx", "--encoding", "big5", "-t", "txt", "-o", "-")
    assert forced.exit_code == 2
    assert "docconv: error: --encoding: reader 'docx'" in forced.stderr
    with pytest.raises(convert.UsageError, match="--encoding: reader 'docx'"):
        convert.load(docx, encoding="big5")


def test_guide_test_fixture_works_installed_or_not(tmp_path) -> None:
    """The guide's "without installing" fixture, with the plugin registered and not."""
    import inspect

    rst = guide_module("docconv_rst.py")
    sys.modules["docconv_rst"] = rst
    try:
        namespace: dict[str, object] = {}
        exec(guide_code("tests/conftest.py"), namespace)
    finally:
        del sys.modules["docconv_rst"]
    fixture = inspect.unwrap(namespace["rst_plugin"])
    manager = convert.plugins.get_plugin_manager()

    for installed in (False, True):
        if installed:  # what loading its entry point does
            manager.register(rst, "rst")
        steps = fixture()
        next(steps)
        assert convert.render(convert.load(b"Title\n\nText\n"), "rst").startswith(b"=====")
        with pytest.raises(StopIteration):
            next(steps)
        assert ("rst" in manager.infos) is installed
    manager.unregister("rst")


def test_guide_command_lines_run_as_written(guide_plugin, cli, seed, tmp_path) -> None:
    """Every ``$ docconv convert`` line of the guide, with its three example plugins."""
    import shlex

    for title in ("docconv_rst.py", "docconv_lead.py", "docconv_mdarticle.py"):
        guide_plugin(title)
    (tmp_path / "article.txt").write_bytes(seed.read_bytes())
    markdown = "# 港島新聞\n\n## 交通\n\n港鐵今日加開班次,方便市民出行。\n\n來源:香港電台\n"
    (tmp_path / "article.md").write_bytes(markdown.encode("big5"))  # for --encoding big5

    lines = re.findall(r"^\$ docconv (convert .*)$", GUIDE.read_text("utf-8"), flags=re.M)
    assert len(lines) >= 9
    for line in lines:
        words = shlex.split(line, comments=True)
        stdin = None
        if "<" in words:
            at = words.index("<")
            stdin = (tmp_path / words[at + 1]).read_bytes()
            words = words[:at]
        result = cli(*words, input=stdin)
        assert result.exit_code == 0, (line, result.output)
        if "-o" in words and words[words.index("-o") + 1] == "-":
            assert result.stdout.strip(), line
    assert (tmp_path / "article.rst").exists() and (tmp_path / "article.lead.txt").exists()
