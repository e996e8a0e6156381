"""Baselines the brief's key sentences are measured against (benchmark-only code).

Lead-N takes the first N sentences; classic TextRank (Mihalcea & Tarau 2004) ranks
sentences by PageRank over word-overlap edges and takes the top N in article order.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from convert.toolkit.segment import segment
from docconv_plugins.brief.summarize import Sentence, is_content

NEIGHBOURS = 30
"""Edges kept per sentence in the TextRank graph (all of them in articles this short)."""


def content_words(text: str) -> list[str]:
    """The Simplified forms of ``text``'s content words, in order."""
    return [t.simple for t in segment(text) if is_content(t)]


def pagerank(edges: Sequence[dict[int, float]], damping: float = 0.85) -> list[float]:
    """Weighted PageRank over an undirected graph given as adjacency maps."""
    out = [sum(e.values()) for e in edges]
    # Each node's incoming edges with the sender's share precomputed: (sender, weight / out).
    incoming = [[(j, w / out[j]) for j, w in e.items()] for e in edges]
    scores = [1.0] * len(edges)
    for _ in range(100):
        new = [(1 - damping) + damping * sum(w * scores[j] for j, w in row) for row in incoming]
        done = max((abs(a - b) for a, b in zip(new, scores, strict=True)), default=0) < 1e-4
        scores = new
        if done:
            break
    return scores


def lead(sentences: Sequence[Sentence], count: int) -> list[Sentence]:
    """Baseline: the first ``count`` sentences."""
    return list(sentences[:count])


def textrank(sentences: Sequence[Sentence], count: int) -> list[Sentence]:
    """Baseline: classic TextRank (Mihalcea & Tarau 2004): word-overlap edges, top ``count``."""
    edges = overlap_graph([set(content_words(s.text)) for s in sentences])
    ranked = pagerank(edges)
    top = sorted(range(len(sentences)), key=lambda i: (-ranked[i], i))[:count]
    return [sentences[i] for i in sorted(top)]


def overlap_graph(words: Sequence[set[str]]) -> list[dict[int, float]]:
    """TextRank's edges: shared words over the sum of the log lengths, via an inverted index.

    On long articles each sentence keeps only its :data:`NEIGHBOURS` strongest edges (a
    sparse k-nearest-neighbour graph), so the cost grows about linearly, not quadratically.
    """
    postings: dict[str, list[int]] = {}
    for i, found in enumerate(words):
        for word in found:
            postings.setdefault(word, []).append(i)
    shared: list[Counter[int]] = [Counter() for _ in words]
    for entries in postings.values():
        for i in entries:
            shared[i].update(entries)
    logs = [math.log(len(w) + 1) for w in words]
    edges: list[dict[int, float]] = [{} for _ in words]
    for i, row in enumerate(shared):
        del row[i]
        strongest = sorted(row.items(), key=lambda e: (-e[1] / (logs[i] + logs[e[0]]), e[0]))
        for j, count in strongest[:NEIGHBOURS]:
            edges[i][j] = edges[j][i] = count / (logs[i] + logs[j])
    return edges
