"""Extractive summarising: key sentences and keywords of an article.

Key sentences are ranked by three signals, each scaled to [0, 1]: centrality in
a TextRank graph whose edges are TF-IDF cosine similarities (IDF from jieba's
corpus), similarity to the headline, and a lead prior (news puts the essentials
first). They are then picked MMR-style, so a sentence that repeats one already
chosen loses out. Plain Lead-N and classic TextRank are here too, as the
baselines ``benchmarks/brief_eval.py`` measures against.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .segment import Token, idf, part_of_speech, segment

_ENDS = "\u3002\uff01\uff1f!?"
_SENTENCE = re.compile(f"[^{_ENDS}\\n]*(?:[{_ENDS}]+[\u201d\u2019\u300d\u300f\"')\uff09]*|\\n|$)")
_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)
# jieba tags of words that carry no topic: particles, prepositions, conjunctions,
# pronouns, adverbs, numerals, measure words, interjections, punctuation.
_FUNCTION_TAGS = ("u", "p", "c", "r", "d", "m", "q", "y", "e", "o", "x", "w", "zg", "f")
_KEYWORD_TAGS = ("n", "vn", "j", "eng", "l")

WEIGHTS = {"centrality": 0.4, "headline": 0.3, "lead": 0.3}
"""How the three signals add up; set before any evaluation and not tuned to one article."""
REDUNDANCY = 0.3
"""MMR trade-off: how much similarity to an already chosen sentence costs."""
SHORT = 30
"""Sentences shorter than this many characters are scaled down (captions, fragments)."""

NEIGHBOURS = 30
"""Edges kept per sentence in the TextRank graph (all of them in articles this short)."""

Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence verbatim, the index of its paragraph, and its order in the article."""

    text: str
    paragraph: int
    position: int


def split_sentences(paragraphs: Sequence[str]) -> list[Sentence]:
    """Sentences at full stops, ! and ? (closing quotes stay with them), in article order."""
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(paragraphs):
        for match in _SENTENCE.finditer(paragraph):
            text = match.group(0).strip()
            if _WORDLIKE.search(text):
                sentences.append(Sentence(text, index, len(sentences)))
    return sentences


def is_content(token: Token) -> bool:
    """A word that can carry the topic: two or more characters, not a function word."""
    if len(token.simple) < 2 or not _WORDLIKE.search(token.simple):
        return False
    tag = part_of_speech().get(token.simple)
    return tag is None or not tag.startswith(_FUNCTION_TAGS)


def content_words(text: str) -> list[str]:
    """The Simplified forms of ``text``'s content words, in order."""
    return [t.simple for t in segment(text) if is_content(t)]


def tfidf(words: Sequence[str]) -> Vector:
    return {w: n * idf(w) for w, n in Counter(words).items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def coverage(sentence: Vector, headline: Vector) -> float:
    """The share of the headline's weight that the sentence's words cover.

    Unlike cosine this does not favour short sentences, which share a word or two
    with the headline and little else.
    """
    total = sum(headline.values())
    return sum(v for w, v in headline.items() if w in sentence) / total if total else 0.0


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


def _scaled(values: Sequence[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top if top > 0 else 0.0 for v in values]


def scores(sentences: Sequence[Sentence], headline: str) -> tuple[list[float], list[Vector]]:
    """How much each sentence deserves to be in the brief (higher is better), and its vector."""
    words = [content_words(s.text) for s in sentences]
    vectors = [tfidf(w) for w in words]
    centrality = _scaled(pagerank(overlap_graph([set(w) for w in words])))
    title = tfidf(content_words(headline))
    near_title = _scaled([coverage(v, title) for v in vectors])
    relevance = [
        (
            WEIGHTS["centrality"] * c
            + WEIGHTS["headline"] * h
            + WEIGHTS["lead"] / math.sqrt(1 + s.position)
        )
        * min(1.0, len(s.text) / SHORT)
        for s, c, h in zip(sentences, centrality, near_title, strict=True)
    ]
    return relevance, vectors


def key_sentences(sentences: Sequence[Sentence], headline: str, count: int) -> list[Sentence]:
    """The ``count`` best sentences, in article order."""
    return sorted(pick(sentences, headline, count), key=lambda s: s.position)


def pick(sentences: Sequence[Sentence], headline: str, count: int) -> list[Sentence]:
    """The ``count`` best sentences, best first, each chosen MMR-style.

    The first one is the best single sentence: the brief's one-sentence gist.
    """
    if not sentences:
        return []
    relevance, vectors = scores(sentences, headline)
    chosen: list[int] = []
    candidates = set(range(len(sentences)))
    while candidates and len(chosen) < count:

        def value(i: int) -> tuple[float, int]:
            overlap = max((cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            return (1 - REDUNDANCY) * relevance[i] - REDUNDANCY * overlap, -i

        best = max(candidates, key=value)
        chosen.append(best)
        candidates.remove(best)
    return [sentences[i] for i in chosen]


def lead(sentences: Sequence[Sentence], count: int) -> list[Sentence]:
    """Baseline: the first ``count`` sentences."""
    return list(sentences[:count])


def textrank(sentences: Sequence[Sentence], count: int) -> list[Sentence]:
    """Baseline: classic TextRank (Mihalcea & Tarau 2004): word-overlap edges, top ``count``."""
    edges = overlap_graph([set(content_words(s.text)) for s in sentences])
    ranked = pagerank(edges)
    top = sorted(range(len(sentences)), key=lambda i: (-ranked[i], i))[:count]
    return [sentences[i] for i in sorted(top)]


def keywords(headline: str, paragraphs: Sequence[str], count: int) -> list[str]:
    """The ``count`` words with the highest TF-IDF, as the article writes them.

    Nouns and noun-like words only (jieba tags n*, vn, j, eng, l, or unknown to the
    dictionary, which is where new terms and names land); the headline counts twice.
    """
    written: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for weight, text in ((2, headline), *((1, p) for p in paragraphs)):
        for token in segment(text):
            tag = part_of_speech().get(token.simple)
            if is_content(token) and (tag is None or tag.startswith(_KEYWORD_TAGS)):
                written.setdefault(token.simple, token.text)
                counts[token.simple] += weight
    order = {w: i for i, w in enumerate(written)}
    ranked = sorted(counts, key=lambda w: (-counts[w] * idf(w), order[w]))
    return [written[w] for w in ranked[:count]]


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
