"""Encodings are recognised automatically; non-text is refused with exit code 3."""

from __future__ import annotations

import pytest

import convert
from convert.errors import InputError, UsageError

BIG5_MISSING = str.maketrans("啓爲着羣衆麪", "啟為著群眾麵")


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"]
)
def test_seed_in_other_encodings_gives_the_same_document(seed, seed_text, encoding: str) -> None:
    data = seed_text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    expected = convert.load(seed)
    got = convert.load(data)
    assert (got.meta.title, got.blocks, got.meta.source) == (
        expected.meta.title,
        expected.blocks,
        expected.meta.source,
    )


def test_big5_copy_decodes_to_the_replaced_text(seed_text) -> None:
    text = seed_text.translate(BIG5_MISSING)
    doc = convert.load(text.encode("big5"))
    assert doc.meta.origin is not None and doc.meta.origin.encoding == "big5"
    assert convert.render(doc, "txt").decode() == text + "\n"


def test_short_big5_and_gb_texts_are_told_apart() -> None:
    assert (
        convert.load("中文測試,你好\n\n臺灣的報紙。".encode("big5")).meta.title == "中文測試,你好"
    )
    assert (
        convert.load("无锡代表团在青海\n\n考察。".encode("gb18030")).meta.title
        == "无锡代表团在青海"
    )


def test_forced_encoding(seed_text) -> None:
    data = seed_text.encode("gb18030")
    assert convert.load(data, encoding="gb18030").meta.title.startswith("無錫代表團")
    with pytest.raises(InputError, match="invalid utf-8"):
        convert.load(data, encoding="utf-8")
    with pytest.raises(UsageError, match="unknown encoding"):
        convert.load(data, encoding="no-such-codec")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n\xe3\x80\x80\n", "only whitespace"),
        (b"abc\x00def", "NUL bytes"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL bytes"),
        (b"caf\xe9 au lait \xff\xfe", "cannot decode"),
    ],
)
def test_not_text_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        convert.load(data, name="bad.txt")


def test_cli_refuses_not_text_with_exit_3_and_writes_nothing(cli, tmp_path) -> None:
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"PK\x03\x04\x00\x00binary")
    result = cli("convert", bad, "-t", "txt", "-d", tmp_path / "out")
    assert result.exit_code == 3
    assert result.stderr.strip() == f"docconv: error: {bad}: not a text file (contains NUL bytes)"
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised(seed, seed_text, encoding: str) -> None:
    doc = convert.load(seed_text.encode(encoding))
    assert doc.blocks == convert.load(seed).blocks
    assert doc.meta.origin is not None and doc.meta.origin.encoding == encoding


def test_errors_from_bytes_name_the_bytes() -> None:
    with pytest.raises(InputError, match=r"^<bytes>: empty file"):
        convert.load(b"")
