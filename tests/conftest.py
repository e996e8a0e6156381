"""Shared fixtures: the seed article, a CLI runner, installed and in-process plugins."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_23be539ad5687094.txt"


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``docconv ARGS...`` in-process inside a temporary working directory."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: str, input: bytes | str | None = None) -> Result:
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def register_plugin():
    """Register plugin objects in-process for one test, unregistering them afterwards."""
    from convert.plugins import get_plugin_manager

    pm = get_plugin_manager()
    names: list[str] = []

    def register(plugin: object, name: str) -> None:
        pm.register(plugin, name)
        names.append(name)

    yield register
    for name in names:
        pm.unregister(name)


Install = Callable[..., None]


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """Put a fake distribution with ``docconv`` entry points and its module on sys.path."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    modules: list[str] = []

    def make(dist: str, code: str, entry_point: str | None = None, version: str = "1.0") -> None:
        module = "docconv_test_" + dist.replace("-", "_")
        (site / f"{module}.py").write_text(textwrap.dedent(code), encoding="utf-8")
        info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
        )
        name = entry_point or dist.removeprefix("docconv-")
        (info / "entry_points.txt").write_text(f"[docconv]\n{name} = {module}\n", "utf-8")
        modules.append(module)

    yield make
    for module in modules:
        sys.modules.pop(module, None)
