"""Options end to end: readers take -O and keywords, a writer's transforms answer to its name."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import pytest

import convert
from convert import Document, Option, Reader, hookimpl
from convert.errors import UsageError


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_writer_transform_option_through_the_writer_name(cli, seed, seed_text) -> None:
    assert "," in seed_text  # the seed has half-width commas the pdf writer makes full-width
    for option, comma in (("pdf.punctuation=keep", ","), ("punctuation=fullwidth", "\uff0c")):
        result = cli("convert", seed, "-t", "pdf", "-O", option, "-o", "out.pdf")
        assert result.exit_code == 0, result.output
        with open("out.pdf", "rb") as pdf:
            assert comma in _pdf_text(pdf.read())


def test_writer_name_targets_only_that_writers_transform(cli, seed) -> None:
    result = cli(
        "convert", seed, "-t", "pdf", "-t", "docx", "-O", "pdf.punctuation=keep", "-d", "o"
    )
    assert result.exit_code == 0, result.output
    from docx import Document as Word

    body = "".join(p.text for p in Word("o/000_23be539ad5687094.docx").paragraphs)
    assert "\uff0c" in body and "," not in body.replace("\uff0c", "")
    with open("o/000_23be539ad5687094.pdf", "rb") as pdf:
        assert "," in _pdf_text(pdf.read())


def test_valid_keys_name_a_writers_transforms_through_the_writer(cli, seed) -> None:
    result = cli("convert", seed, "-t", "pdf", "-O", "pdf.nope=1", "-o", "-")
    assert result.exit_code == 2
    assert "pdf.punctuation" in result.stderr and "pdf.paper" in result.stderr


class CountingReader:
    """A plugin with a reader that records the options it was given."""

    def __init__(self) -> None:
        self.seen: list[Mapping[str, Any]] = []

    def read(self, data: bytes, filename: str | None, options: Mapping[str, Any]) -> Document:
        self.seen.append(dict(options))
        return convert.load(data, format="text")

    @hookimpl
    def register_readers(self) -> list[Reader]:
        return [
            Reader(
                name="counted",
                read=self.read,
                extensions=("cnt",),
                description="test",
                options=(Option(name="min_chars", type=int, default=1, help="h"),),
            )
        ]


@pytest.fixture
def counting(register_plugin) -> CountingReader:
    plugin = CountingReader()
    register_plugin(plugin, "counting")
    return plugin


def test_reader_options_from_cli_and_api(cli, seed, tmp_path, counting) -> None:
    article = tmp_path / "a.cnt"
    article.write_bytes(seed.read_bytes())
    for option in ("min_chars=3", "counted.min_chars=3"):
        assert cli("convert", article, "-O", option, "-t", "txt", "-o", "-").exit_code == 0
    assert cli("convert", seed, "-f", "counted", "-O", "min_chars=4", "-t", "md").exit_code == 0
    convert.load(article, min_chars="5")
    assert [seen["min_chars"] for seen in counting.seen] == [3, 3, 4, 5]

    bad = cli("convert", article, "-O", "min_chars=many", "-t", "txt", "-o", "-")
    assert bad.exit_code == 2
    assert "option 'min_chars' expects int, got 'many'" in bad.stderr
    with pytest.raises(UsageError, match="unknown option 'min_chars'"):
        convert.load(seed, format="text", min_chars=3)  # the forced reader does not take it


def test_formats_lists_reader_options(cli, counting) -> None:
    listing = cli("formats").stdout
    reader_part = listing.split("Output formats:")[0]
    assert "-O min_chars=<int>" in reader_part
    assert "-O encoding=<str>" in reader_part
    [row] = [r for r in convert.formats() if r["kind"] == "reader" and r["name"] == "counted"]
    assert row["options"][0]["default"] == 1


def test_render_and_transform_do_not_accept_reader_options(seed) -> None:
    document = convert.load(seed)
    with pytest.raises(UsageError, match="unknown option 'encoding'"):
        convert.render(document, "txt", encoding="utf-8")


def test_the_fallback_reader_is_declared_not_named(cli, seed, tmp_path, register_plugin) -> None:
    rows = {r["name"]: r for r in convert.formats() if r["kind"] == "reader"}
    assert [name for name, row in rows.items() if row["fallback"]] == ["text"]
    unknown = tmp_path / "article.unknownext"
    unknown.write_bytes(seed.read_bytes())
    assert convert.load(unknown).meta.title == convert.load(seed).meta.title

    def read(data: bytes, filename: str | None, options: Mapping[str, Any]) -> Document:
        return Document(convert.Metadata(title="fallback"))

    class Plugin:
        @hookimpl
        def register_readers(self) -> list[Reader]:
            return [Reader(name="other", read=read, description="d", fallback=True, priority=1)]

    register_plugin(Plugin(), "other-fallback")
    assert convert.load(unknown).meta.title == "fallback"
    assert convert.load(seed).meta.title != "fallback"  # .txt still goes to the text reader
