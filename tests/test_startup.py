"""Start-up: a command imports only the built-in plugins it can involve (convert/manifest.py),
and behaves exactly as with every plugin imported. Each run is a fresh process, as a user's
commands are, with its own cache directory: the first run finds no manifest and imports
every plugin (writing the manifest), the next ones import on demand."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import convert
from convert import manifest

BUILTIN_MODULES = (
    "docconv_plugins.textformats.text",
    "docconv_plugins.textformats.markdown",
    "docconv_plugins.textformats.jsonformat",
    "docconv_plugins.chinese.punctuation",
    "docconv_plugins.chinese.chinese_convert",
    "docconv_plugins.docx.docx_writer",
    "docconv_plugins.docx.docx_reader",
    "docconv_plugins.pdf.pdf_writer",
    "docconv_plugins.brief.brief",
)

PROBE = """
import sys
from convert.cli import main
code = 0
try:
    main({args!r})
except SystemExit as exit:
    code = exit.code
print("IMPORTED:" + ",".join(m for m in {modules!r} if m in sys.modules), file=sys.stderr)
print("EXIT:" + str(code), file=sys.stderr)
"""


def _run(
    args: list[str], cache: Path, cwd: Path, site: Path | None = None
) -> tuple[str, list[str]]:
    """(stderr without the probe's lines, built-in plugin modules imported) of one command."""
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(cache)}
    env.pop("DOCCONV_LOAD_PLUGINS", None)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    code = PROBE.format(args=args, modules=BUILTIN_MODULES)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    imported = next(line for line in lines if line.startswith("IMPORTED:"))[len("IMPORTED:") :]
    stderr = "\n".join(line for line in lines if not line.startswith("IMPORTED:"))
    return stderr, [m for m in imported.split(",") if m]


def test_a_text_conversion_imports_only_the_text_plugin(seed, tmp_path: Path) -> None:
    args = ["convert", str(seed), "-t", "txt", "-o", str(tmp_path / "out.txt")]
    first, everything = _run(args, tmp_path / "cache", tmp_path)
    assert sorted(everything) == sorted(BUILTIN_MODULES), "no manifest yet: all are imported"
    again, imported = _run(args, tmp_path / "cache", tmp_path)
    assert again == first
    assert imported == ["docconv_plugins.textformats.text"]
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("無錫")


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        (["-t", "docx"], {"docx.docx_writer", "chinese.punctuation"}),
        (["-t", "zh-hans"], {"chinese.chinese_convert"}),
        (["-T", "brief", "-t", "md"], {"brief.brief", "textformats.markdown"}),
        (["-o", "out.pdf"], {"pdf.pdf_writer", "chinese.punctuation"}),
        (["-t", "txt", "-O", "config=s2t"], set()),  # an error: every plugin, to list all
    ],
)
def test_other_commands_import_what_their_names_need(
    seed, tmp_path: Path, args: list[str], needed: set[str]
) -> None:
    command = ["convert", str(seed), *args]
    if "-o" not in args:
        command += ["-d", str(tmp_path / "out")]
    cache = tmp_path / "cache"
    _run(["formats"], cache, tmp_path)  # writes the manifest
    stderr, imported = _run(command, cache, tmp_path)
    expected = {f"docconv_plugins.{m}" for m in needed} | {"docconv_plugins.textformats.text"}
    if "config=s2t" in args:
        assert "unknown option 'config'" in stderr
        expected = set(BUILTIN_MODULES)
    else:
        assert "EXIT:0" in stderr, stderr
    assert set(imported) == expected


# Each command's messages and exit code must not depend on whether the plugins were imported
# all at once (no manifest) or on demand.
SAME_EITHER_WAY = [
    ["convert", "{seed}", "-t", "nope"],
    ["convert", "{seed}", "-t", "txt", "-O", "paper=letter"],
    ["convert", "{seed}", "-t", "txt", "-O", "nope=1"],
    ["convert", "{seed}", "-t", "pdf", "-O", "paper=folio", "-o", "x.pdf"],
    ["convert", "{seed}", "-t", "txt", "-o", "named.docx", "-q"],
    ["convert", "{seed}", "-t", "txt", "-o", "named.docx"],
    ["convert", "{seed}", "-f", "docx", "--encoding", "gbk", "-t", "txt"],
    ["convert", "{seed}", "--encoding", "gbk", "-t", "txt", "-o", "gbk.txt"],
    ["convert", "{seed}", "-T", "nope", "-t", "txt"],
    ["convert", "{seed}", "-t", "txt", "-O", "txt.encoding=utf-8", "-o", "e.txt"],
    ["convert", "{folder}", "-t", "zh-hans", "-d", "{folder}"],
    ["formats"],
]


@pytest.mark.parametrize("args", SAME_EITHER_WAY, ids=lambda a: " ".join(a[1:5]))
def test_messages_are_the_same_with_plugins_imported_on_demand(
    seed, tmp_path: Path, args: list[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed.read_bytes())
    command = [a.format(seed=seed, folder=folder) for a in args]
    cache = tmp_path / "cache"
    all_at_once, imported = _run(command, cache, tmp_path)
    assert sorted(imported) == sorted(BUILTIN_MODULES)
    on_demand, _ = _run(command, cache, tmp_path)
    timing = re.compile(r" in \d+\.\d s$", re.MULTILINE)  # a batch's summary line
    assert timing.sub("", on_demand) == timing.sub("", all_at_once)


THIRD_PARTY = """
from convert import Writer, hookimpl

@hookimpl
def register_writers():
    return [Writer(name="loud-txt", aliases=("txt",), render=lambda d, o: b"LOUD\\n",
                   extension="txt", media_type="text/plain", priority=10,
                   description="Plain text, shouted")]
"""


def _install(site: Path, dist: str, code: str) -> None:
    site.mkdir(exist_ok=True)
    (site / f"{dist}.py").write_text(code, encoding="utf-8")
    info = site / f"{dist}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[docconv]\n{dist} = {dist}\n", encoding="utf-8")


def test_a_third_party_plugin_is_always_imported_and_can_take_a_builtin_name(
    seed, tmp_path: Path
) -> None:
    """Third-party plugins are not in the manifest: what they declare may change with their
    environment. Installed after the manifest was written, one is seen at once."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    out = tmp_path / "out.txt"
    args = ["convert", str(seed), "-t", "txt", "-o", str(out)]
    _run(args, cache, tmp_path, site)
    _install(site, "docconv_loud", THIRD_PARTY)
    for _ in range(2):
        stderr, imported = _run(args, cache, tmp_path, site)
        assert "EXIT:0" in stderr, stderr
        assert out.read_bytes() == b"LOUD\n"
        assert imported == ["docconv_plugins.textformats.text"]  # the rival claimant of txt


def test_the_manifest_is_read_back_only_for_unchanged_sources(tmp_path: Path, monkeypatch) -> None:
    """An edited plugin source (an editable install) or another version is a different key."""
    package = tmp_path / "site" / "docconv_demo_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    module = package / "plugin.py"
    module.write_text("# version one\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setenv("DOCCONV_CACHE_DIR", str(tmp_path / "cache"))
    dist = SimpleNamespace(name="docconv", version="1.0")
    ep = SimpleNamespace(name="demo", value="docconv_demo_pkg.plugin", dist=dist)
    claims: manifest.Claims = {"writers": [(("demo", "d"), ("demo.txt",), ("level",), ())]}
    manifest.write([(ep, "demo")], {"demo": claims})
    assert manifest.read([(ep, "demo")]) == {"demo": claims}
    stored = json.loads(next((tmp_path / "cache").glob("builtin-plugins-*.json")).read_text())
    assert stored["plugins"]["demo"]["writers"][0][0] == ["demo", "d"]

    module.write_text("# version two, longer\n")
    assert manifest.read([(ep, "demo")]) is None
    manifest.write([(ep, "demo")], {"demo": claims})
    upgraded = SimpleNamespace(name="demo", value=ep.value, dist=SimpleNamespace(version="2.0"))
    assert manifest.read([(upgraded, "demo")]) is None
    assert manifest.read([(ep, "demo"), (ep, "other")]) is None


def test_script_characters_are_cached_and_the_same_as_computed(tmp_path: Path) -> None:
    """Reading OpenCC's character tables costs 10-15 ms of every conversion: the answer is
    kept in the cache directory; a damaged file is computed again."""
    code = (
        "import json, sys\n"
        "from convert.toolkit import chinese as c\n"
        "found = c._script_only_characters()\n"
        "computed = c._compute_script_only(*[c.data_folder() / n for n in c._TABLES])\n"
        "print(json.dumps([found == computed, len(found[0]), len(found[1]),\n"
        "                  c.detect_language('這個機構與國際組織發展關係')]))\n"
    )
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(tmp_path)}
    runs = []
    for damage in (False, False, True):
        if damage:
            next(tmp_path.glob("script-characters-*.txt")).write_text("no newline here")
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        runs.append(json.loads(done.stdout))
        assert len(list(tmp_path.glob("script-characters-*.txt"))) == 1
    same, traditional, simplified, language = runs[0]
    assert same and traditional > 1000 and simplified > 1000 and language == "zh-Hant"
    assert runs[1] == runs[0] == runs[2]


@pytest.mark.parametrize("size", [0, 5, 1 << 20, (1 << 20) + 1])
def test_small_and_large_inputs_get_the_same_digest_as_hashlib(size: int) -> None:
    import hashlib

    from convert.model import Origin

    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    assert Origin.of(data, "a.txt").sha256 == hashlib.sha256(data).hexdigest()


def test_declarations_behave_as_frozen_keyword_only_dataclasses() -> None:
    """Built without dataclass's generated code (convert/specs.py), still dataclasses."""
    import copy
    import dataclasses
    import pickle

    from convert import Option, Writer
    from convert.errors import DeclarationError

    def render(document, options):
        return b""

    def make(**changes):
        given = {"name": "demo", "render": render, "extension": "demo.txt", "media_type": "m"}
        return Writer(**{**given, "description": "A demo", **changes})

    writer = make(options=(Option(name="level", type=int, default="3", help="h"),))
    assert writer.options[0].default == 3  # __post_init__ ran
    assert [f.name for f in dataclasses.fields(Writer)][:2] == ["name", "description"]
    assert dataclasses.asdict(writer)["extension"] == "demo.txt"
    assert dataclasses.replace(writer, name="other").names == ("other",)
    assert writer == make(options=writer.options) and hash(writer) == hash(
        make(options=writer.options)
    )
    assert writer != make(priority=1)
    assert repr(writer).startswith("Writer(name='demo', description='A demo', aliases=(), ")
    assert pickle.loads(pickle.dumps(writer.options[0])) == writer.options[0]
    assert copy.deepcopy(writer.options[0]) == writer.options[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        writer.name = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError, match="unexpected keyword argument 'nme'"):
        make(nme="x")
    with pytest.raises(TypeError, match="missing keyword argument: 'render'"):
        Writer(name="x", description="d", extension="x", media_type="m")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Option("level", "help")  # type: ignore[misc]
    with pytest.raises(DeclarationError, match="name='Bad'"):
        make(name="Bad")


def test_model_records_compare_hash_and_show_as_dataclasses_do() -> None:
    """The model's classes take __repr__, __eq__ and __hash__ from convert/records.py."""
    from convert import Document, Heading, Metadata, Paragraph, Quote

    doc = Document(Metadata(title="標題"), (Heading("H", 2), Paragraph("p")))
    same = Document(Metadata(title="標題"), [Heading("H", 2), Paragraph("p")])
    assert doc == same and len({Heading("H", 2), Heading("H", 2), Heading("H")}) == 2
    assert Metadata(extras={"a": [1]}) == Metadata(extras={"a": [1]})
    assert doc != doc.replace(title="other") and Paragraph("x") != Quote("x")
    assert repr(Heading("H", 2)) == "Heading(text='H', level=2)"
    assert repr(Paragraph("p")) == "Paragraph(text='p')"


def test_the_version_comes_from_the_installed_wheel_s_folder_name(tmp_path) -> None:
    """No importlib.metadata import for ``convert.__version__`` (the PDF's Creator) when a
    wheel is installed; two candidate folders or none: metadata decides."""
    (tmp_path / "convert").mkdir()
    assert convert.wheel_version(str(tmp_path / "convert")) is None
    (tmp_path / "docconv-9.8.7.dist-info").mkdir()
    assert convert.wheel_version(str(tmp_path / "convert")) == "9.8.7"
    (tmp_path / "docconv-9.8.8.dist-info").mkdir()
    assert convert.wheel_version(str(tmp_path / "convert")) is None
