"""Control over plugins: loading, DOCCONV_LOAD_PLUGINS, broken plugins, overrides, listing.

Installed plugins are simulated with a real ``*.dist-info`` folder on ``sys.path``, so the
entry-point path a third-party package takes is the one under test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

import convert
import convert.plugins
from convert import Document, Metadata, Paragraph, Reader, Transform, Writer, hookimpl


@pytest.fixture(autouse=True)
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test loads entry points anew (and leaves the process-wide manager as it was)."""
    monkeypatch.setattr(convert.plugins, "_manager", None)
    monkeypatch.delenv("DOCCONV_LOAD_PLUGINS", raising=False)


FAKE_WRITER = """
    from convert import Writer, hookimpl

    def render(document, options):
        return ("FAKE:" + document.meta.title).encode()

    @hookimpl
    def register_writers():
        return [Writer(name="fake", render=render, extension="fake", media_type="text/plain",
                       description="A test writer")]
"""


def _writer(name: str, output: bytes | BaseException, **fields: Any) -> object:
    """An in-process plugin object providing one writer that returns (or raises) ``output``."""

    def render(document: Document, options: Mapping[str, Any]) -> bytes:
        if isinstance(output, BaseException):
            raise output
        return output

    class Plugin:
        @hookimpl
        def register_writers(self) -> list[Writer]:
            fields.setdefault("extension", name)
            return [
                Writer(
                    name=name,
                    render=render,
                    media_type="text/plain",
                    description="test",
                    **fields,
                )
            ]

    return Plugin()


@pytest.fixture
def register() -> Iterator[Callable[[object, str], None]]:
    """Register in-process plugins on the process's manager; unregister them afterwards."""
    names: list[str] = []

    def add(plugin: object, name: str) -> None:
        convert.plugins.get_plugin_manager().register(plugin, name)
        names.append(name)

    yield add
    for name in names:
        convert.plugins.get_plugin_manager().unregister(name)


def _writer_names() -> set[str]:
    return {row["name"] for row in convert.formats() if row["kind"] == "writer"}


def test_in_process_plugin_registered_then_unregistered(cli, seed, register) -> None:
    register(_writer("shout", b"SHOUT\n"), "shout-plugin")
    result = cli("convert", seed, "-t", "shout", "-o", "out.shout")
    assert result.exit_code == 0, result.output
    assert Path("out.shout").read_bytes() == b"SHOUT\n"

    convert.plugins.get_plugin_manager().unregister("shout-plugin")
    result = cli("convert", seed, "-t", "shout", "-o", "again.shout")
    assert result.exit_code == 4
    assert "unknown format 'shout'" in result.stderr
    assert not Path("again.shout").exists()


def test_installed_plugin_loads_through_its_entry_point(cli, seed, install) -> None:
    install("docconv-fake", FAKE_WRITER)
    result = cli("convert", seed, "-t", "fake", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("FAKE:")


@pytest.mark.parametrize(
    ("setting", "loaded"),
    [
        (None, True),
        ("", False),
        ("fake", True),  # the entry-point name
        ("Docconv_Fake", True),  # the distribution name, spelt any way pip accepts
        ("other, docconv-fake ", True),
        ("other", False),
    ],
)
def test_load_plugins_variable_chooses_third_party_plugins(
    install, monkeypatch, setting: str | None, loaded: bool
) -> None:
    install("docconv-fake", FAKE_WRITER)
    install("docconv-other", "")
    if setting is not None:
        monkeypatch.setenv("DOCCONV_LOAD_PLUGINS", setting)
    writers = _writer_names()
    assert ("fake" in writers) is loaded
    assert {"txt", "md", "json"} <= writers  # built-ins always load
    assert "punctuation" in {r["name"] for r in convert.formats() if r["kind"] == "transform"}


def test_plugins_command_shows_disabled_plugins(cli, install, monkeypatch) -> None:
    install("docconv-fake", FAKE_WRITER)
    monkeypatch.setenv("DOCCONV_LOAD_PLUGINS", "")
    result = cli("plugins")
    assert "fake (docconv-fake 1.0) disabled" in result.stdout
    [info] = [i for i in json.loads(cli("plugins", "--json").stdout) if i["name"] == "fake"]
    assert info["enabled"] is False
    assert info["hooks"] == []


def test_asking_for_a_disabled_plugins_format_says_it_is_disabled(cli, install, monkeypatch, seed):
    install("docconv-fake", FAKE_WRITER)
    monkeypatch.setenv("DOCCONV_LOAD_PLUGINS", "")
    result = cli("convert", seed, "-t", "fake", "-o", "-")
    assert result.exit_code == 4
    assert "plugin 'fake' is installed but not loaded (DOCCONV_LOAD_PLUGINS)" in result.stderr


def test_load_plugins_variable_warns_about_unknown_names(cli, monkeypatch) -> None:
    monkeypatch.setenv("DOCCONV_LOAD_PLUGINS", "docconv-typo")
    result = cli("formats")
    assert result.exit_code == 0
    assert "'docconv-typo', but no such plugin is installed" in result.stderr


BROKEN = """
    import docconv_test_missing_library  # noqa: F401
"""


def test_plugin_that_fails_to_import_is_skipped_with_one_warning(cli, seed, install) -> None:
    install("docconv-broken", BROKEN)
    install("docconv-fake", FAKE_WRITER)

    result = cli("formats")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        "docconv: warning: plugin 'broken' (docconv-broken) failed to load: "
        "ModuleNotFoundError: No module named 'docconv_test_missing_library'"
    ]
    assert "fake" in result.stdout  # the other plugins still work

    listing = cli("plugins").stdout
    assert "broken (docconv-broken 1.0) BROKEN: ModuleNotFoundError" in listing
    [info] = [i for i in json.loads(cli("plugins", "--json").stdout) if i["name"] == "broken"]
    assert "docconv_test_missing_library" in info["error"]

    assert cli("convert", seed, "-t", "txt", "-o", "out.txt").exit_code == 0
    missing = cli("convert", seed, "-t", "nosuchformat", "-o", "out.x")
    assert missing.exit_code == 4
    assert "unknown format 'nosuchformat'" in missing.stderr
    assert "plugin 'broken' is broken: ModuleNotFoundError" in missing.stderr


def test_hook_with_wrong_arguments_marks_the_plugin_broken(cli, install) -> None:
    install(
        "docconv-badhook",
        """
        from convert import hookimpl

        @hookimpl
        def register_writers(config):
            return []
        """,
    )
    result = cli("plugins")
    assert result.exit_code == 0
    assert "badhook (docconv-badhook 1.0) BROKEN: PluginValidationError" in result.stdout


def test_hook_that_raises_or_returns_junk_marks_the_plugin_broken(cli, seed, install) -> None:
    install(
        "docconv-junk",
        """
        from convert import hookimpl

        @hookimpl
        def register_writers():
            return ["not a Writer"]
        """,
    )
    result = cli("convert", seed, "-t", "txt", "-o", "out.txt")
    assert result.exit_code == 0
    assert (
        "plugin 'junk' (docconv-junk) is broken: "
        "register_writers returned 'not a Writer' in its list" in result.stderr
    )
    assert "junk (docconv-junk 1.0) BROKEN: register_writers returned" in cli("plugins").stdout


def test_a_plugin_printing_while_it_loads_does_not_corrupt_standard_output(
    cli, seed, install
) -> None:
    """A print at import went into ``-o -`` output and broke ``formats --json``."""
    install("docconv-noisy", "    print('NOISE AT IMPORT')\n" + FAKE_WRITER.replace(
        "    @hookimpl\n    def register_writers():\n",
        "    @hookimpl\n    def register_writers():\n        print('NOISE IN A HOOK')\n",
    ))  # fmt: skip
    converted = cli("convert", seed, "-t", "txt", "-o", "-")
    assert converted.exit_code == 0 and converted.stdout.startswith("無錫代表團")
    assert "NOISE AT IMPORT" in converted.stderr and "NOISE IN A HOOK" in converted.stderr
    listed = cli("formats", "--json")
    assert "fake" in {row["name"] for row in json.loads(listed.stdout)}


def test_misspelt_hook_is_reported(cli, install) -> None:
    install(
        "docconv-typo",
        """
        from convert import hookimpl

        @hookimpl
        def register_writer():
            return []
        """,
    )
    result = cli("formats")
    assert "plugin 'typo' implements unknown hook(s) register_writer" in result.stderr


def test_entry_point_name_clash_with_a_builtin_does_not_break_loading(cli, seed, install) -> None:
    install("docconv-dup", FAKE_WRITER, entry_point="markdown")
    infos = {i["name"]: i for i in json.loads(cli("plugins", "--all", "--json").stdout)}
    assert infos["markdown"]["distribution"] == "docconv"
    assert infos["docconv-dup:markdown"]["provides"] == {"writers": ["fake"]}


def test_plugin_raising_inside_render_exits_5_naming_the_plugin(cli, seed, register) -> None:
    register(_writer("explode", ValueError("no ink left")), "explode-plugin")
    result = cli("convert", seed, "-t", "explode", "-o", "out.explode")
    assert result.exit_code == 5
    assert "writer 'explode' (plugin 'explode-plugin') failed" in result.stderr
    assert "ValueError: no ink left" in result.stderr
    assert "Traceback" not in result.stderr
    assert not Path("out.explode").exists()


def test_same_priority_keeps_the_builtin_and_warns(cli, seed, register) -> None:
    register(_writer("md", b"IMPOSTOR\n"), "impostor")
    result = cli("convert", seed, "-t", "md", "-o", "-")
    assert result.stdout.startswith("# ")
    assert "format 'md' is provided by markdown, impostor; using markdown" in result.stderr
    assert cli("convert", seed, "-o", "out.md").exit_code == 0
    assert Path("out.md").read_text(encoding="utf-8").startswith("# ")


def test_higher_priority_overrides_the_builtin(cli, seed, register) -> None:
    register(_writer("md", b"OVERRIDE\n", priority=10), "override")
    result = cli("convert", seed, "-t", "md", "-o", "-")
    assert result.stdout == "OVERRIDE\n"
    assert "warning" not in result.stderr
    [row] = [r for r in convert.formats() if r["kind"] == "writer" and r["name"] == "md"]
    assert row["plugin"] == "override"
    # The override replaces the built-in as a whole: aliases it does not declare are gone.
    assert cli("convert", seed, "-t", "markdown", "-o", "-").exit_code == 4


def test_override_keeps_the_aliases_it_declares(cli, seed, register) -> None:
    register(_writer("md", b"OVERRIDE\n", aliases=("markdown",), priority=1), "override")
    assert cli("convert", seed, "-t", "markdown", "-o", "-").stdout == "OVERRIDE\n"


@pytest.mark.parametrize(("priority", "expected"), [(0, "\n\n"), (1, "OTHER")])
def test_output_extension_follows_priority_not_install_order(
    cli, seed, register, priority: int, expected: str
) -> None:
    # "a-txt" sorts before "txt": only an explicit priority may take over "-o out.txt".
    register(_writer("a-txt", b"OTHER", extension="txt", priority=priority), "other")
    assert cli("convert", seed, "-o", "out.txt").exit_code == 0
    assert expected in Path("out.txt").read_text(encoding="utf-8")


class _NewsReader:
    """A reader claiming ``.news`` (and, for one of them, ``.txt``)."""

    def __init__(self, name: str, extensions: tuple[str, ...]) -> None:
        self.name, self.extensions = name, extensions

    @hookimpl
    def register_readers(self) -> list[Reader]:
        title = Document(Metadata(title=self.name), ())
        return [Reader(name=self.name, extensions=self.extensions, description="news files",
                       read=lambda data, filename, options: title)]  # fmt: skip


def test_two_plugins_claiming_one_extension_are_warned_about(cli, register, tmp_path) -> None:
    """The winner was chosen silently, for a third-party extension and for .txt alike."""
    register(_NewsReader("news", ("news",)), "news-plugin")
    register(_NewsReader("news2", ("news", "txt")), "anews")
    (tmp_path / "a.news").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("標題\n\n正文。", encoding="utf-8")
    news = cli("convert", "a.news", "-t", "md", "-o", "-")
    assert news.stdout.startswith("# news2")  # names sorting first win, as documented
    assert (
        "input extension .news is claimed by anews, news-plugin; using anews "
        "(set a higher priority to override)" in news.stderr
    )
    text = cli("convert", "b.txt", "-t", "md", "-o", "-")
    assert text.stdout.startswith("# 標題")  # a built-in wins a tie
    assert "input extension .txt is claimed by text, anews; using text" in text.stderr


def test_plugins_command_lists_distribution_version_hooks_and_formats(cli, install) -> None:
    install("docconv-fake", FAKE_WRITER, version="2.3")
    text = cli("plugins").stdout
    assert "fake (docconv-fake 2.3) register_writers\n    writers: fake\n" in text
    assert "markdown" not in text

    infos = {i["name"]: i for i in json.loads(cli("plugins", "--all", "--json").stdout)}
    assert infos["fake"] == {
        "name": "fake",
        "distribution": "docconv-fake",
        "version": "2.3",
        "builtin": False,
        "hooks": ["register_writers"],
        "provides": {"writers": ["fake"]},
        "shadowed": {},
        "error": None,
        "enabled": True,
    }
    assert infos["text"]["builtin"] is True
    assert infos["text"]["provides"] == {"readers": ["text"], "writers": ["txt"]}
    assert infos["punctuation"]["hooks"] == ["register_transforms"]


def test_importtime_shows_the_plugin_module(install, tmp_path) -> None:
    """The guide's laziness check: ``python -X importtime`` lists the plugin's own module."""
    install("docconv-fake", FAKE_WRITER)
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "convert", "formats"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "A test writer" in done.stdout
    timed = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert any(line.endswith("| docconv_test_docconv_fake") for line in timed)


def test_tie_warning_only_when_the_contested_name_is_used(cli, seed, register) -> None:
    register(_writer("md", b"IMPOSTOR\n"), "impostor")
    for command in (("formats",), ("convert", seed, "-t", "txt", "-o", "-")):
        assert "warning" not in cli(*command).stderr
    listing = cli("plugins")
    assert "impostor (impostor ) register_writers" in listing.stdout
    assert "writers hidden by a higher-ranked plugin: md (by markdown)" in listing.stdout
    [info] = [i for i in json.loads(cli("plugins", "--json").stdout) if i["name"] == "impostor"]
    assert info["provides"] == {}
    assert info["shadowed"] == {"writers": {"md": "markdown"}}


def test_unknown_format_sums_up_disabled_plugins_in_one_clause(
    cli, seed, install, monkeypatch
) -> None:
    for number in range(5):
        install(f"docconv-off{number}", FAKE_WRITER)
    monkeypatch.setenv("DOCCONV_LOAD_PLUGINS", "")
    result = cli("convert", seed, "-t", "nosuch", "-o", "-")
    assert result.exit_code == 4
    assert result.stderr.endswith(
        "; 5 installed plugins are not loaded (DOCCONV_LOAD_PLUGINS): "
        "'off0', 'off1', 'off2' and 2 more\n"
    )


def _returning(kind: str, value: object) -> object:
    """An in-process plugin whose reader or transform returns ``value``."""
    from convert import Reader, Transform

    class Plugin:
        @hookimpl
        def register_readers(self) -> list[Reader]:
            return [Reader(name="odd", read=lambda *a: value, description="test")]

        @hookimpl
        def register_transforms(self) -> list[Transform]:
            return [Transform(name="odd", apply=lambda *a: value, description="test")]

    return Plugin()


@pytest.mark.parametrize("kind", ["reader", "transform"])
def test_wrong_return_type_names_component_plugin_and_type(cli, seed, register, kind) -> None:
    register(_returning(kind, "some text"), "odd-plugin")
    flag = ["-f", "odd"] if kind == "reader" else ["-T", "odd"]
    result = cli("convert", seed, *flag, "-t", "txt", "-o", "-")
    assert result.exit_code == 5
    assert result.stderr == (
        f"docconv: error: {seed}: {kind} 'odd' (plugin 'odd-plugin') returned str, not Document\n"
    )


def test_system_exit_inside_render_is_the_plugins_failure(cli, seed, register) -> None:
    register(_writer("quit", SystemExit(0)), "quitter")
    result = cli("convert", seed, "-t", "quit", "-o", "out.quit")
    assert result.exit_code == 5
    assert "writer 'quit' (plugin 'quitter') failed: SystemExit: 0" in result.stderr


def test_a_writer_needing_a_missing_transform_names_itself(cli, seed, register) -> None:
    register(_writer("needy", b"x", transforms=("not-installed",)), "needy-plugin")
    result = cli("convert", seed, "-t", "needy", "-o", "-")
    assert result.exit_code == 4
    assert result.stderr.startswith(
        "docconv: error: format 'needy' (plugin 'needy-plugin') needs "
        "unknown transform 'not-installed' (available: "
    )
    assert cli("convert", seed, "-t", "txt", "-o", "-").exit_code == 0


class _BadText:
    """A transform that puts a number where text belongs, or no headline at all."""

    def __init__(self, change: Callable[[Document], Document]) -> None:
        self.change = change

    @hookimpl
    def register_transforms(self) -> list[Transform]:
        change = self.change
        return [Transform(name="bad", apply=lambda doc, options: change(doc),
                          description="breaks the document")]  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        lambda doc: doc.replace(blocks=(Paragraph(text=123), *doc.blocks)),
        lambda doc: doc.replace(title=None),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "md", "docx"])
def test_a_plugins_invalid_document_is_exit_5_naming_the_plugin(cli, seed, register, change, fmt):
    """json wrote a file docconv's own reader refuses; other writers failed inside
    docconv's own components, which the message blamed."""
    register(_BadText(change), "badtext")
    result = cli("convert", seed, "-T", "bad", "-t", fmt, "-o", f"out.{fmt}")
    assert result.exit_code == 5
    assert "transform 'bad' (plugin 'badtext') returned an invalid Document" in result.stderr
    assert not Path(f"out.{fmt}").exists()
