"""The key-sentence evaluation reads the public corpora's formats and prints its tables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
LEAD = "临江市北湖公园正式对市民开放\uff0c公园占地120亩\uff0c总投资3亿元\u3002"
REST = "副市长周立新出席开园仪式\u3002园林局表示\uff0c今后将在城东再建两座公园\u3002"


@pytest.fixture
def read_corpus(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from brief_eval import read_corpus

    return read_corpus


def test_clts_plus_samples_give_the_editors_summary_not_the_paraphrase(
    tmp_path: Path, read_corpus
) -> None:
    samples = tmp_path / "samples.txt"
    samples.write_text(
        "Sample 1\n"
        '{"CLTS+ Summary":"改写的摘要。"}\n'
        '{"CLTS Summary:"编辑写的摘要。"}\n'
        + json.dumps({"article": LEAD + REST}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    assert read_corpus(samples) == [("", [LEAD + REST], "编辑写的摘要。")]


def test_json_lines_parallel_files_and_token_split_text(tmp_path: Path, read_corpus) -> None:
    lines = tmp_path / "corpus.jsonl"
    rows = [
        {"title": "公园开放", "summary": "北湖公园开放", "text": LEAD + REST},  # XL-Sum
        {"article": ["临江 市 北湖 公园 开放 。", "副市长 出席 。"], "summary": "公园 开放"},
        {"summarization": "公园开放", "article": LEAD + "<Paragraph>" + REST},  # NLPCC
    ]
    lines.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    assert read_corpus(lines) == [
        ("公园开放", [LEAD + REST], "北湖公园开放"),
        ("", ["临江市北湖公园开放。副市长出席。"], "公园开放"),
        ("", [LEAD, REST], "公园开放"),
    ]
    (tmp_path / "test.src").write_text("临 江 市 公 园 开 放 。 有 步 道 。\n", "utf-8")
    (tmp_path / "test.tgt").write_text("公 园 开 放\n", "utf-8")
    assert read_corpus(tmp_path / "test.src") == [("", ["临江市公园开放。有步道。"], "公园开放")]


def test_the_evaluation_prints_every_method_and_the_paired_differences(tmp_path: Path) -> None:
    corpus = tmp_path / "lcsts.tsv"
    corpus.write_text(
        "".join(f"北湖公园第{n}次开放\t{LEAD}{REST}第{n}期工程完工\u3002\n" for n in range(8)),
        "utf-8",
    )
    twice = tmp_path / "again.tsv"
    twice.write_text(corpus.read_text("utf-8"), "utf-8")
    out = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "brief_eval.py"),
            str(corpus),
            str(twice),
            "--split",
            "all",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "lcsts.tsv + again.tsv, all split: 8 articles" in out  # the same article counts once
    for method in ("Lead-1", "Lead-2", "Lead-3", "TextRank-3", "brief gist (1 sentence)"):
        assert f"| {method} |" in out
    for pair in ("key sentences - Lead-2", "key sentences - Lead-3", "gist - Lead-1"):
        assert f"| brief {pair} |" in out and "/ 8 |" in out
    # Every post's gist is its lead as written: 8 ties, nothing gained or lost.
    assert "| the lead as written | 8 | 0 / 0 | +0.0 |" in out


def test_the_error_analysis_tells_where_each_gist_comes_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from brief_eval import gist_sources

    anecdote = [
        "清晨六点\uff0c七十岁的王大爷提着鸟笼走进老街口的茶馆\uff0c点了一壶茉莉花茶\u3002",
        "临江市老城区改造工程昨天正式启动\uff0c计划三年内改造老旧小区120个\u3002",
        "老城区改造工程将优先改造供水管网\uff0c老旧小区将加装电梯\u3002",
        "市住建局表示\uff0c改造工程完成后\uff0c老城区约8万户居民将受益\u3002",
    ]
    found = gist_sources(
        [
            ("", [LEAD + REST], "北湖公园正式开放"),
            ("", ["近日\uff0c" + LEAD + REST], "北湖公园正式开放"),
            ("", anecdote, "临江老城区改造工程启动"),
        ]
    )
    assert sorted(found) == ["a later sentence", "the lead as written", "the lead trimmed"]
    assert found["the lead as written"] == [0.0]
    assert found["the lead trimmed"][0] > 0 and found["a later sentence"][0] > 0
