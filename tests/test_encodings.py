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
    from convert.decoding import DecodingWarning

    with pytest.warns(DecodingWarning, match="decoded as BIG5, a guess"):
        big5 = convert.load("中文測試,你好\n\n臺灣的報紙。".encode("big5"))
    assert big5.meta.title == "中文測試,你好"
    with pytest.warns(DecodingWarning, match="decoded as GB18030, a guess"):
        gb = convert.load("无锡代表团在青海\n\n考察。".encode("gb18030"))
    assert gb.meta.title == "无锡代表团在青海"


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


# --- Damaged UTF-8 and guesses: never silent mojibake ----------------------------------


def _decoding_warnings(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warning messages) of decoding ``data``."""
    import warnings

    from convert.decoding import DecodingWarning, decode

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, encoding = decode(data)
    return text, encoding, [str(w.message) for w in caught if w.category is DecodingWarning]


def test_short_utf8_articles_cut_mid_character_stay_utf8_with_a_warning(seed_text) -> None:
    """The issue's 300 random short cuts (40 became GB18030 silently): every cut inside a
    character is read as UTF-8 less that character, and said so."""
    import random

    data = seed_text.encode("utf-8")
    rng = random.Random(13)
    cuts = 0
    while cuts < 300:
        start, end = sorted(rng.sample(range(0, 400), 2))
        start = len(data[:start].decode("utf-8", "ignore").encode())  # begin on a character
        piece = data[start:end]
        try:
            piece.decode("utf-8")
            continue  # cut between characters: plain UTF-8
        except UnicodeDecodeError as exc:
            if exc.end != len(piece) or piece[: exc.start].isascii():
                continue
        cuts += 1
        text, encoding, messages = _decoding_warnings(piece)
        assert encoding == "utf-8"
        assert text == piece.decode("utf-8", "ignore")
        assert len(messages) == 1 and messages[0].startswith("ends inside a UTF-8 character")


def test_a_two_character_gbk_text_is_a_guess_that_names_its_encoding() -> None:
    _, encoding, messages = _decoding_warnings("你好".encode("gbk"))
    assert messages == [
        f"decoded as {encoding.upper()}, a guess (too little text to be sure); "
        "use --encoding to choose"
    ]


def test_utf8_that_turns_invalid_midway_is_a_named_guess() -> None:
    _, encoding, messages = _decoding_warnings("標題新聞".encode() + "你好".encode("gbk"))
    assert encoding == "gb18030"
    assert messages == [
        "decoded as GB18030, a guess (invalid UTF-8 at byte 12 after valid UTF-8 text); "
        "use --encoding to choose"
    ]


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_a_whole_legacy_article_is_decoded_without_a_warning(seed_text, encoding) -> None:
    text = seed_text.translate(BIG5_MISSING)
    assert _decoding_warnings(text.encode(encoding)) == (text, encoding, [])


def test_the_cli_names_the_file_and_encoding_forces_the_choice(cli, tmp_path) -> None:
    (tmp_path / "short.txt").write_bytes("你好".encode("gbk"))
    guessed = cli("convert", "short.txt", "-t", "txt", "-o", "-")
    assert guessed.exit_code == 0
    assert guessed.stderr.startswith("docconv: warning: short.txt: decoded as ")
    assert "use --encoding to choose" in guessed.stderr
    forced = cli("convert", "short.txt", "-t", "txt", "-o", "-", "--encoding", "gbk")
    assert (forced.exit_code, forced.stdout, forced.stderr) == (0, "你好\n", "")


def test_a_cut_file_is_converted_with_one_warning_line(cli, tmp_path, seed_text) -> None:
    (tmp_path / "cut.txt").write_bytes(seed_text.encode("utf-8")[:301])
    result = cli("convert", "cut.txt", "-t", "txt", "-o", "-")
    assert result.exit_code == 0
    assert result.stderr == (
        "docconv: warning: cut.txt: ends inside a UTF-8 character (cut short?); "
        "dropped its last 2 byte(s)\n"
    )
