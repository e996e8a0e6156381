"""One plan per conversion, one per-file step, an explicit plugin manager, signals restored."""

from __future__ import annotations

import signal
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

import convert
from convert import Document, Metadata, Paragraph, Reader, Writer, hookimpl
from convert.pipeline import PlanSpec, convert_one, make_plan
from convert.plugins import PluginManager


class Own:
    """A plugin only a private manager knows."""

    @hookimpl
    def register_readers(self) -> list[Reader]:
        def read(data: bytes, filename: str | None, options: Mapping[str, Any]) -> Document:
            return Document(Metadata(title="own"), (Paragraph(data.decode("ascii")),))

        return [Reader(name="own-in", read=read, description="test")]

    @hookimpl
    def register_writers(self) -> list[Writer]:
        def render(document: Document, options: Mapping[str, Any]) -> bytes:
            return f"{document.meta.title}:{document.blocks[0].text}".encode()  # type: ignore[union-attr]

        return [
            Writer(name="own-out", render=render, extension="own", media_type="m", description="d")
        ]


def test_a_plan_uses_the_manager_it_is_given(tmp_path: Path) -> None:
    manager = PluginManager()  # no entry points: only what is registered here
    manager.register(Own(), "own")
    plan = PlanSpec(("own-out",), reader="own-in").build(manager)
    target = tmp_path / "x.own"
    assert convert_one(plan, b"abc", "x", None, [target]) == [target]
    assert target.read_bytes() == b"own:abc"
    with pytest.raises(convert.UnknownFormatError, match="unknown format 'own-out'"):
        # the process-wide manager never heard of it
        make_plan(("own-out",), manager=convert.plugins.get_plugin_manager())
    with pytest.raises(convert.UnknownFormatError, match="unknown format 'txt'"):
        make_plan(("txt",), manager=manager)
    unforced = PlanSpec(("own-out",)).build(manager)  # no reader claims it, none falls back
    with pytest.raises(convert.UnknownFormatError, match=r"^x\.bin: no reader recognises the"):
        unforced.load(b"abc", "x.bin", "x.bin")


def test_api_convert_goes_through_the_per_file_step(seed, tmp_path: Path) -> None:
    copy = tmp_path / "a.txt"
    copy.write_bytes(seed.read_bytes())
    with pytest.raises(convert.OutputError, match="refusing to overwrite the input"):
        convert.convert(copy, copy)
    assert copy.read_bytes() == seed.read_bytes()
    out = convert.convert(copy, tmp_path / "a.md")
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_convert_command_restores_the_sigterm_handler(cli, seed) -> None:
    def mine(signum: int, frame: object) -> None:
        raise AssertionError("not expected to run")

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        assert cli("convert", seed, "-t", "txt", "-o", "-").exit_code == 0
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_one_name_or_path_given_alone_is_one_item(tmp_path, seed_text) -> None:
    """convert_many("a.txt", ...) read the string as characters: "/" became an input and the
    whole disk was searched; "md" became the formats "m" and "d"."""
    source = tmp_path / "a.txt"
    source.write_text(seed_text, encoding="utf-8")
    results = convert.convert_many(str(source), "md", tmp_path / "out", transforms="simplified")
    assert [r.error for r in results] == [None]
    assert (tmp_path / "out" / "a.simplified.md").read_text(encoding="utf-8").startswith("# 无锡")
    made = convert.convert(source, tmp_path / "b.md", transforms="simplified")
    assert made.read_text(encoding="utf-8").startswith("# 无锡")


@pytest.mark.parametrize("value", ["hello", None, b"bytes"])
def test_render_and_transform_name_what_they_got_instead_of_a_document(value) -> None:
    """They raised a bare AttributeError ('str' object has no attribute 'name')."""
    for call in (lambda: convert.render(value, "txt"), lambda: convert.transform(value, "brief")):
        with pytest.raises(convert.UsageError, match=r"expected a Document .* not "):
            call()
