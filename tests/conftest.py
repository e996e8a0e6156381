"""Shared fixtures: the seed article and a CLI runner."""

from __future__ import annotations

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
