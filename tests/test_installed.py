"""The installed command: real subprocesses, start-up lightness, entry-point discovery."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("docx", "reportlab", "opencc", "jieba", "charset_normalizer", "fontTools", "lxml", "PIL")

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
