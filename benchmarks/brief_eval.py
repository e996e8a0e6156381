"""Score the brief's key sentences against hand-written reference summaries.

Character-level ROUGE-1, ROUGE-2 and ROUGE-L F1 (punctuation and spaces ignored,
both sides compared in Simplified characters), averaged over the articles in
``benchmarks/data`` (``NAME.txt`` article, ``NAME.ref.txt`` reference), for the
brief's method side by side with the Lead-1, Lead-2, Lead-N and classic TextRank
baselines, and with the brief's method without its centrality term and without its
typical-length term (the two methods before it). Articles 01-59 are the development
set, 60-79 the held-out set (see ``benchmarks/data/README.md``); each split gets its own
table, then all together.

    python benchmarks/brief_eval.py [--sentences 3] [--split dev|held-out|all ...] [--per-article]
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import convert
from docconv_plugins.summarize import (
    Sentence,
    key_sentences,
    lead,
    letters,
    split_sentences,
    textrank,
)

DATA = Path(__file__).resolve().parent / "data"


def characters(text: str) -> list[str]:
    return list(letters(text))


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


Method = Callable[[Sequence[Sentence], str], list[Sentence]]
SPLITS = {"dev": ("0*", "1*", "2*", "3*", "4*", "5*"), "held-out": ("6*", "7*"), "all": ("*",)}


def methods(n: int) -> dict[str, Method]:
    """The baselines and the brief's method, each choosing (up to) ``n`` sentences."""
    return {
        "Lead-1": lambda sentences, headline: lead(sentences, 1),
        "Lead-2": lambda sentences, headline: lead(sentences, 2),
        f"Lead-{n}": lambda sentences, headline: lead(sentences, n),
        f"TextRank-{n}": lambda sentences, headline: textrank(sentences, n),
        "brief without centrality": lambda sentences, headline: key_sentences(
            sentences, headline, n, centrality=0.0
        ),
        "brief without typical length (56b338c)": lambda sentences, headline: key_sentences(
            sentences, headline, n, typical=0.0
        ),
        "brief (this method)": lambda sentences, headline: key_sentences(sentences, headline, n),
    }


def articles(patterns: Sequence[str]) -> list[Path]:
    found = {p for pattern in patterns for p in DATA.glob(f"{pattern}.txt")}
    return sorted(p for p in found if not p.name.endswith(".ref.txt"))


def evaluate(paths: Sequence[Path], n: int, per_article: bool) -> dict[str, list[float]]:
    """Mean ROUGE-1/2/L F1 and mean summary length (characters) of each method."""
    chosen_methods = methods(n)
    totals = {name: [0.0, 0.0, 0.0, 0.0] for name in chosen_methods}
    for path in paths:
        document = convert.load(path)
        reference = path.with_suffix(".ref.txt").read_text(encoding="utf-8")
        sentences = split_sentences([t for t in list(document.texts())[1:] if t])
        for name, method in chosen_methods.items():
            summary = "".join(s.text for s in method(sentences, document.meta.title))
            result = (*scores(summary, reference), len(characters(summary)))
            totals[name] = [t + r for t, r in zip(totals[name], result, strict=True)]
            if per_article:
                cells = " | ".join(f"{100 * r:.1f}" for r in result[:3])
                print(f"| {path.stem} | {name} | {cells} |")
    return {name: [t / max(len(paths), 1) for t in total] for name, total in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--split", choices=SPLITS, action="append")
    parser.add_argument("--per-article", action="store_true")
    args = parser.parse_args()
    for split in args.split or list(SPLITS):
        paths = articles(SPLITS[split])
        if args.per_article:
            print("| article | method | R-1 | R-2 | R-L |\n|---|---|---|---|---|")
        means = evaluate(paths, args.sentences, args.per_article)
        print(f"\n{split}: {len(paths)} articles, character-level ROUGE F1 (x100)\n")
        print("| method | ROUGE-1 | ROUGE-2 | ROUGE-L | characters |\n|---|---|---|---|---|")
        for name, (r1, r2, rl, length) in means.items():
            print(f"| {name} | {100 * r1:.1f} | {100 * r2:.1f} | {100 * rl:.1f} | {length:.0f} |")


if __name__ == "__main__":
    main()
