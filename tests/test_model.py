"""The document model: immutable, and lossless through JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest

import convert
from convert import SCHEMA_VERSION, Document, Heading, ListBlock, Metadata, Origin, Paragraph, Quote


def sample() -> Document:
    return Document(
        Metadata(
            title="標題",
            source="無錫日報",
            dates=("7月9日",),
            language="zh-Hant",
            origin=Origin("a.txt", "00" * 32, "utf-8"),
            keywords=("無錫", "海東"),
            extras={"brief": {"people": ["市長趙建軍"]}, "n": 3},
        ),
        (Heading("小標", 2), Paragraph("段落"), ListBlock(("甲", "乙"), ordered=True), Quote("引")),
    )


def test_json_round_trip_is_lossless() -> None:
    doc = sample()
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.to_json() == doc.to_json()


def test_json_has_schema_version_and_typed_blocks() -> None:
    data = json.loads(sample().to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    assert [b["type"] for b in data["blocks"]] == ["heading", "paragraph", "list", "quote"]


def test_errors_are_docconv_input_errors_too() -> None:
    from convert import InputError

    with pytest.raises(InputError):
        Document.from_json("{}")


def test_extras_are_plain_json_for_scripts_and_survive_pickling() -> None:
    import copy
    import pickle

    doc = sample()
    assert json.loads(json.dumps(doc.meta.extras)) == {"brief": {"people": ["市長趙建軍"]}, "n": 3}
    assert pickle.loads(pickle.dumps(doc)) == doc == copy.deepcopy(doc)


def test_model_is_immutable() -> None:
    doc = sample()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.meta.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        doc.meta.extras["n"] = 4  # type: ignore[index]
    assert doc.replace(title="新").meta.title == "新" and doc.meta.title == "標題"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "top level"),
        ('{"schema_version": 99, "meta": {}, "blocks": []}', "schema_version"),
        (
            '{"schema_version": 1, "meta": {}, "blocks": [{"type": "table"}]}',
            "unknown type 'table'",
        ),
        ('{"schema_version": 1, "meta": {"x": 1}, "blocks": []}', "meta: unknown field 'x'"),
        (
            '{"schema_version": 1, "meta": {}, "blocks": [{"type": "heading"}]}',
            "missing field 'text'",
        ),
        ('{"schema_version": 1, "meta": [], "blocks": []}', "meta must be an object"),
        ("{not json", "invalid JSON"),
    ],
)
def test_malformed_json_is_rejected(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Document.from_json(text)


@pytest.mark.parametrize("writer", ["txt", "md", "json"])
def test_txt_to_json_to_writer_equals_txt_to_writer(seed, tmp_path, writer: str) -> None:
    direct = convert.render(convert.load(seed), writer)
    json_file = tmp_path / "seed.json"
    convert.convert(seed, json_file)
    assert convert.render(convert.load(json_file), writer) == direct


def test_txt_writer_reproduces_the_seed(seed, seed_text) -> None:
    assert convert.render(convert.load(seed), "txt").decode("utf-8") == seed_text + "\n"


def test_load_refuses_text_given_as_a_path() -> None:
    from convert import UsageError

    with pytest.raises(UsageError, match=r"pass text\.encode"):
        convert.load("標題\n\n內容")
