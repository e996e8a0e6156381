"""Block kinds: one dispatch point, and an error naming a kind the model does not define."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

import convert
from convert import (
    Code,
    Document,
    Heading,
    ListBlock,
    Metadata,
    Paragraph,
    Quote,
    Transform,
    hookimpl,
)
from convert.model import (
    WELL_KNOWN_EXTRAS,
    BlockVisitor,
    UnknownBlockError,
    block_texts,
    map_text,
)


@dataclass(frozen=True)
class Table:
    """A block kind a plugin made up: the model does not define it."""

    rows: tuple[tuple[str, ...], ...]
    kind: ClassVar[str] = "table"


BLOCKS = (
    Heading("標題"),
    Paragraph("段落"),
    ListBlock(("一", "二"), ordered=True),
    Quote("引文"),
    Code("x = 1"),
)


def test_a_document_refuses_a_block_kind_the_model_does_not_define() -> None:
    with pytest.raises(UnknownBlockError, match=r"unknown block kind 'table' \(Table\)"):
        Document(Metadata(), (Paragraph("x"), Table((("a",),))))  # type: ignore[arg-type]
    with pytest.raises(UnknownBlockError, match="heading, paragraph, list, quote"):
        Document(Metadata(), ("plain string",))  # type: ignore[arg-type]


def test_a_transform_emitting_an_unknown_kind_fails_naming_it(cli, seed, register_plugin) -> None:
    def add_table(document: Document, options: Mapping[str, Any]) -> Document:
        return document.replace(blocks=(*document.blocks, Table((("a", "b"),))))

    class Plugin:
        @hookimpl
        def register_transforms(self) -> list[Transform]:
            return [Transform(name="tables", apply=add_table, description="test")]

    register_plugin(Plugin(), "tables-plugin")
    for writer in ("md", "txt", "docx"):
        result = cli("convert", seed, "-T", "tables", "-t", writer, "-o", f"out.{writer}")
        assert result.exit_code == 5
        assert "transform 'tables' (plugin 'tables-plugin') failed: UnknownBlockError: " in (
            result.stderr
        )
        assert "unknown block kind 'table' (Table)" in result.stderr


@pytest.mark.parametrize("writer", ["md", "txt", "docx", "pdf"])
def test_writers_name_an_unknown_kind_that_slipped_past_the_model(writer: str) -> None:
    document = Document(Metadata(title="t"), (Paragraph("x"),))
    object.__setattr__(document, "blocks", (Table((("a",),)),))  # past the model's check
    with pytest.raises(convert.RenderError, match=r"UnknownBlockError: unknown block kind 'table'"):
        convert.render(document, writer)


def test_block_texts_and_map_text_cover_every_kind() -> None:
    texts = [("標題",), ("段落",), ("一", "二"), ("引文",), ("x = 1",)]
    assert [block_texts(b) for b in BLOCKS] == texts
    mapped = [map_text(b, lambda text: text + "!") for b in BLOCKS]
    assert mapped == [
        Heading("標題!"),
        Paragraph("段落!"),
        ListBlock(("一!", "二!"), ordered=True),
        Quote("引文!"),
        Code("x = 1"),  # program text: a prose transform leaves it as written
    ]
    document = Document(Metadata(title="題"), BLOCKS)
    assert list(document.texts()) == ["題", "標題", "段落", "一", "二", "引文", "x = 1"]
    assert list(document.texts(prose=True)) == ["題", "標題", "段落", "一", "二", "引文"]


def test_a_visitor_must_handle_every_kind() -> None:
    class Partial(BlockVisitor[str]):
        def heading(self, block: Heading) -> str:
            return block.text

    with pytest.raises(TypeError, match="abstract"):
        Partial()  # type: ignore[abstract]


def test_the_model_names_its_well_known_extras_keys() -> None:
    assert {"brief", "summary"} <= set(WELL_KNOWN_EXTRAS)
    assert all(isinstance(meaning, str) and meaning for meaning in WELL_KNOWN_EXTRAS.values())
