"""Score the brief's key sentences against hand-written reference summaries.

Character-level ROUGE-1, ROUGE-2 and ROUGE-L F1 (punctuation and spaces ignored,
both sides compared in Simplified characters), averaged over the articles in
``benchmarks/data`` (``NAME.txt`` article, ``NAME.ref.txt`` reference), for the
brief's method side by side with the Lead-N and classic TextRank baselines.

    python benchmarks/brief_eval.py [--sentences 3] [--per-article] [--articles GLOB ...]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import convert
from docconv_plugins.segment import simplified_copy
from docconv_plugins.summarize import Sentence, key_sentences, lead, split_sentences, textrank

DATA = Path(__file__).resolve().parent / "data"
_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def characters(text: str) -> list[str]:
    return list(_NOISE.sub("", simplified_copy(text)))


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    grams = [
        Counter(zip(*(seq[i:] for i in range(n)), strict=False)) for seq in (candidate, reference)
    ]
    overlap = sum((grams[0] & grams[1]).values())
    return _f1(overlap, sum(grams[0].values()), sum(grams[1].values()))


def rouge_l(candidate: list[str], reference: list[str]) -> float:
    previous = [0] * (len(reference) + 1)
    for c in candidate:
        current = [0]
        for j, r in enumerate(reference):
            current.append(previous[j] + 1 if c == r else max(previous[j + 1], current[j]))
        previous = current
    return _f1(previous[-1], len(candidate), len(reference))


def scores(summary: str, reference: str) -> tuple[float, float, float]:
    cand, ref = characters(summary), characters(reference)
    return rouge_n(cand, ref, 1), rouge_n(cand, ref, 2), rouge_l(cand, ref)


Method = Callable[[Sequence[Sentence], str, int], list[Sentence]]
METHODS: dict[str, Method] = {
    "Lead": lambda sentences, headline, n: lead(sentences, n),
    "TextRank": lambda sentences, headline, n: textrank(sentences, n),
    "brief": key_sentences,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--per-article", action="store_true")
    parser.add_argument("--articles", nargs="+", default=["*"], help="globs, e.g. 09* 1*")
    args = parser.parse_args()
    found = {p for pattern in args.articles for p in DATA.glob(f"{pattern}.txt")}
    articles = sorted(p for p in found if not p.name.endswith(".ref.txt"))
    totals = {name: [0.0, 0.0, 0.0] for name in METHODS}
    if args.per_article:
        print("| article | method | R-1 | R-2 | R-L |\n|---|---|---|---|---|")
    for path in articles:
        document = convert.load(path)
        reference = path.with_suffix(".ref.txt").read_text(encoding="utf-8")
        sentences = split_sentences([t for t in list(document.texts())[1:] if t])
        for name, method in METHODS.items():
            chosen = method(sentences, document.meta.title, args.sentences)
            result = scores("".join(s.text for s in chosen), reference)
            totals[name] = [t + r for t, r in zip(totals[name], result, strict=True)]
            if args.per_article:
                cells = " | ".join(f"{100 * r:.1f}" for r in result)
                print(f"| {path.stem} | {name} | {cells} |")
    n = len(articles)
    print(f"\n{n} articles, {args.sentences} sentences each, character-level ROUGE F1 (x100)\n")
    print("| method | ROUGE-1 | ROUGE-2 | ROUGE-L |\n|---|---|---|---|")
    for name, total in totals.items():
        label = f"{name}-{args.sentences}" if name != "brief" else "brief (this method)"
        print(f"| {label} | " + " | ".join(f"{100 * t / n:.1f}" for t in total) + " |")


if __name__ == "__main__":
    main()
