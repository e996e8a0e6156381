"""Meta-tests: the plugin guide and the tests keep up with the plugin API.

Adding a hook to convert/hookspecs.py, or a field to a declaration in convert/specs.py,
fails here until docs/plugins.md documents it and a ``test_hook_<name>`` test exercises it.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
from pathlib import Path

import pytest

from convert import Option, Reader, Transform, Writer, hookspecs
from convert.plugins import HOOK_NAMES
from convert.specs import Component

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")


def sections(level: str) -> dict[str, str]:
    """Headings of one level (``"##"``, ``"###"``) of the guide, mapped to their text."""
    parts = re.split(rf"^{level} (.+)$", GUIDE, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def signature(hook: str) -> str:
    """The hook's signature as written in hookspecs.py: ``def name(args) -> Return``."""
    function = getattr(hookspecs, hook)
    annotations = function.__annotations__
    params = ", ".join(f"{p}: {annotations[p]}" for p in inspect.signature(function).parameters)
    return f"def {hook}({params}) -> {annotations['return']}"


def test_hooks_are_discovered() -> None:
    assert {"register_readers", "register_writers", "register_transforms"} <= HOOK_NAMES


@pytest.mark.parametrize("hook", sorted(HOOK_NAMES))
def test_hook_is_documented_with_signature_and_example(hook: str) -> None:
    section = sections("###").get(hook)
    assert section is not None, f"docs/plugins.md has no '### {hook}' section"
    assert f"```python\n{signature(hook)}\n```" in section
    assert "Example" in section


def test_guide_documents_no_removed_hooks() -> None:
    reference = sections("##")["Reference: hooks"]
    assert set(re.findall(r"^### (\S+)$", reference, flags=re.M)) == HOOK_NAMES


def _test_functions() -> set[str]:
    names = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    return names


@pytest.mark.parametrize("hook", sorted(HOOK_NAMES))
def test_hook_has_a_test(hook: str) -> None:
    assert f"test_hook_{hook}" in _test_functions(), f"no test_hook_{hook} in tests/"


def _fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


@pytest.mark.parametrize(
    ("heading", "fields"),
    [
        ("Common fields", _fields(Component)),
        ("Reader", _fields(Reader) - _fields(Component)),
        ("Writer", _fields(Writer) - _fields(Component)),
        ("Transform", _fields(Transform) - _fields(Component)),
        ("Option", _fields(Option)),
    ],
)
def test_declaration_fields_are_documented(heading: str, fields: set[str]) -> None:
    table = sections("###")[heading]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.M))
    assert documented == fields


def test_guide_names_the_plugin_api_version_and_controls() -> None:
    from convert import PLUGIN_API_VERSION

    assert f"**plugin API version {PLUGIN_API_VERSION}**" in GUIDE
    for needed in ("[project.entry-points.docconv]", "DOCCONV_LOAD_PLUGINS", "priority"):
        assert needed in GUIDE


def test_plugins_json_fields_are_documented() -> None:
    from convert.plugins import PluginInfo

    table = sections("##")["Listing plugins: `docconv plugins`"]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.M))
    assert documented == _fields(PluginInfo)
