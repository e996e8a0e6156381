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
    """The README's ``except convert.InvalidDocumentError`` works, and so do its bases."""
    import convert

    for error in (convert.InvalidDocumentError, convert.InputError, ValueError):
        with pytest.raises(error):
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


def _doc(meta: str = "{}", blocks: str = "[]", version: str = "1") -> str:
    return f'{{"schema_version": {version}, "meta": {meta}, "blocks": {blocks}}}'


# Hostile or careless JSON: each names the path of the bad field and is an InvalidDocumentError.
MALFORMED = {
    "deeply nested arrays": (
        _doc('{"extras": {"a": ' + "[" * 100_000 + "]" * 100_000 + "}}"),
        "nested too deeply",
    ),
    "extras deeper than the limit": (
        _doc('{"extras": {"a": ' + "[" * 40 + "]" * 40 + "}}"),
        r"meta\.extras\.a\[0\].*nested deeper than 32 levels",
    ),
    "5000-digit integer": (
        _doc('{"extras": {"n": ' + "9" * 5000 + "}}"),
        r"meta\.extras\.n: an integer of 5000 digits is too long",
    ),
    "keywords a number": (_doc('{"keywords": 5}'), "meta.keywords must be an array of strings"),
    "title a number": (_doc('{"title": 123}'), "meta.title must be a string, not an integer"),
    "schema_version true": (_doc(version="true"), "unsupported schema_version True"),
    "schema_version 1.0": (_doc(version="1.0"), "unsupported schema_version 1.0"),
    "NaN in extras": (_doc('{"extras": {"x": [1, NaN]}}'), r"meta\.extras\.x\[1\]: nan is not"),
    "Infinity in extras": (_doc('{"extras": {"x": 1e999}}'), r"meta\.extras\.x: inf is not"),
    "lone surrogate in the title": (
        _doc('{"title": "a\\ud800b"}'),
        "meta.title: a lone surrogate at character 1",
    ),
    "heading level a boolean": (
        _doc(blocks='[{"type": "heading", "text": "x", "level": true}]'),
        r"blocks\[0\]\.level must be a whole number from 1 to 9, got True",
    ),
    "heading level huge": (
        _doc(blocks='[{"type": "heading", "text": "x", "level": 100000000}]'),
        r"blocks\[0\]\.level must be a whole number from 1 to 9",
    ),
    "list item a number": (
        _doc(blocks='[{"type": "list", "items": ["a", 3]}]'),
        r"blocks\[0\]\.items\[1\] must be a string",
    ),
    "ordered a string": (
        _doc(blocks='[{"type": "list", "items": [], "ordered": "yes"}]'),
        r"blocks\[0\]\.ordered must be true or false",
    ),
    "origin a string": (_doc('{"origin": "a.txt"}'), "meta.origin must be an object"),
    "origin field a number": (
        _doc('{"origin": {"filename": 1}}'),
        "meta.origin.filename must be a string",
    ),
    "block type a list": (_doc(blocks='[{"type": ["x"]}]'), r"blocks\[0\]: unknown type"),
    "unknown top-level field": (
        '{"schema_version": 1, "meta": {}, "blocks": [], "x": 1}',
        "the top level: unknown field 'x'",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_hostile_json_is_an_invalid_document_naming_the_field(case: str) -> None:
    from convert.errors import InvalidDocumentError

    text, message = MALFORMED[case]
    with pytest.raises(InvalidDocumentError, match=message):
        Document.from_json(text)


def test_json_larger_than_the_limit_is_refused() -> None:
    from convert.errors import InvalidDocumentError

    with pytest.raises(InvalidDocumentError, match="larger than the limit of 100 characters"):
        Document.from_json(_doc('{"title": "' + "x" * 100 + '"}'), max_size=100)


def test_a_document_built_in_python_with_nan_never_becomes_invalid_json() -> None:
    document = Document(Metadata(extras={"x": float("nan")}))
    with pytest.raises(ValueError, match="not JSON compliant"):
        document.to_json()


def test_a_field_written_twice_is_refused_not_silently_replaced(seed) -> None:
    """Appending ``"blocks": []`` to a document by hand dropped all its paragraphs."""
    from convert.errors import InvalidDocumentError

    text = convert.render(convert.load(seed), "json").decode().rstrip().rstrip("}")
    with pytest.raises(InvalidDocumentError, match="field 'blocks' is written twice"):
        convert.Document.from_json(text + ', "blocks": []}')


def test_documents_hash_as_they_compare(seed) -> None:
    """Documents are immutable and compare with ==, yet hash() raised on their extras."""
    one, two = convert.load(seed), convert.load(seed)
    brief = convert.transform(one, "brief")  # extras: a nested read-only dict
    assert hash(one) == hash(two) and len({one, two, brief, convert.transform(two, "brief")}) == 2


def test_a_block_without_its_type_says_so() -> None:
    from convert.errors import InvalidDocumentError

    text = '{"schema_version": 1, "meta": {}, "blocks": [{"kind": "paragraph", "text": "x"}]}'
    with pytest.raises(InvalidDocumentError, match=r"blocks\[0\]: missing field 'type'"):
        convert.Document.from_json(text)
