"""Score the brief's key sentences and gist against human reference summaries.

Character-level ROUGE-1, ROUGE-2 and ROUGE-L F1 (x100; punctuation and spaces ignored,
both sides compared in Simplified characters) for the brief's key sentences (up to 3, fewer
once they reach 2 x the square root of the article's length), the same with always 3, and
its one-sentence gist, side by side with Lead-1, Lead-2, Lead-3 and classic TextRank-3, each
mean with a 95 % bootstrap interval over articles, and the brief's paired difference
to each Lead-N (a difference whose interval excludes 0 is not noise); then where the gist
comes from (the lead as written, the lead trimmed, a later sentence), how often each wins
or loses against Lead-1 and how much of the gist's difference it makes.

The corpus is read from a path you give (public corpora are licensed for research and
never committed here). Formats, told apart by their content:

- JSON objects, one per line or their keys on consecutive lines, with the text under
  "article", "text", "content" or "document" (a string, or a list of sentences as in
  CNewSum) and the summary under "summarization" (NLPCC 2017, CLTS's samples.txt),
  "CLTS Summary" (CLTS+'s samples.txt: the editors' summary, not its paraphrase),
  "summary" (XL-Sum, CNewSum) or "abstract"; a "title" is the headline;
- parallel NAME.src / NAME.tgt files, one article / summary a line (CLTS, NEWSFARM;
  spaces between Chinese characters, as in token-split files, are removed);
- LCSTS's PART_I/II/III.txt (<summary> and <short_text> in each <doc>; where a doc has
  a <human_label>, only those scored 3 or more -- summaries judged relevant);
- a JSON list of {"title", "content"} objects: LCSTS part III with score >= 3 as
  shipped in github.com/nlpython/MoCoBart-LCSTS (result.json; "title" is the
  human summary, "summary" a model's output and is ignored);
- tab-separated "summary<TAB>text" lines (CLUE's LCSTS sample);
- a folder of NAME.txt articles with NAME.ref.txt references.

Every article goes to the dev or the test split by a hash of its text: tune on dev,
report test once.

    python benchmarks/brief_eval.py CORPUS [CORPUS ...] [--split dev|test|all] [--sentences 3]

Several corpora are read as one (an article found twice counts once).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baselines import lead, textrank

import convert
from docconv_plugins.brief.summarize import Sentence, gist_text, letters, pick, split_sentences

Article = tuple[str, list[str], str]
"""(headline, paragraphs, reference summary)."""
Method = Callable[[Sequence[Sentence], str], str]


def read_corpus(path: Path) -> list[Article]:
    """The articles of a corpus in any of the formats the module docstring names."""
    if path.is_dir():
        return list(_folder(path))
    if path.suffix == ".src" and path.with_suffix(".tgt").exists():
        return list(_parallel(path, path.with_suffix(".tgt")))
    text = path.read_text(encoding="utf-8")
    if "<short_text>" in text:
        return list(_lcsts_xml(text))
    if text.lstrip().startswith("[") and '"content"' in text:
        return [
            ("", [item["content"].strip()], item["title"].strip())
            for item in json.loads(text)
            if item.get("content") and item.get("title")
        ]
    if re.search(r'^\s*\{\s*"', text, re.M):
        return list(_json_objects(text))
    return [
        ("", [body.strip()], summary.strip())
        for summary, _, body in (line.partition("\t") for line in text.splitlines())
        if body.strip()
    ]


def _folder(path: Path) -> Iterator[Article]:
    for article in sorted(path.glob("*.txt")):
        reference = article.with_suffix(".ref.txt")
        if article.name.endswith(".ref.txt") or not reference.exists():
            continue
        document = convert.load(article)
        paragraphs = [t for t in list(document.texts())[1:] if t]
        yield document.meta.title, paragraphs, reference.read_text(encoding="utf-8")


def _lcsts_xml(text: str) -> Iterator[Article]:
    for doc in re.finditer(r"<doc.*?</doc>", text, re.S):
        label = re.search(r"<human_label>\s*(\d)", doc.group(0))
        found = re.search(
            r"<summary>(.*?)</summary>\s*<short_text>(.*?)</short_text>", doc.group(0), re.S
        )
        if found and (label is None or int(label.group(1)) >= 3):
            yield "", [found.group(2).strip()], found.group(1).strip()


_TEXT_KEYS = ("article", "text", "content", "document")
_SUMMARY_KEYS = ("summarization", "CLTS Summary", "summary", "abstract")
"""Keys of the human summary: NLPCC / CLTS, CLTS+'s copy of CLTS's summary (its "CLTS+
Summary" is a paraphrase made for that dataset, not the editors' text), XL-Sum / CNewSum."""
_SPACED = re.compile(r"(?<=[^\x00-\xff])\s+(?=[^\x00-\xff])")
_ONE_KEY = re.compile(r'^\{\s*"([^":]+)(?:"\s*:\s*"|:")(.*)"\s*\}$')


def _json_objects(text: str) -> Iterator[Article]:
    pending: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        pending.update(_json_line(line))
        body = next((pending[k] for k in _TEXT_KEYS if k in pending), None)
        summary = next((pending[k] for k in _SUMMARY_KEYS if k in pending), None)
        if body is not None and summary is not None:
            yield str(pending.get("title", "")), _paragraphs(body), _joined(summary)
            pending = {}


def _paragraphs(body: str | list[str]) -> list[str]:
    """An article's paragraphs: NLPCC marks them <Paragraph>; a list of sentences (CNewSum)
    is one paragraph; spaces between Chinese characters (token-split text) go."""
    text = _joined(body)
    return [p for p in re.split(r"\s*<Paragraph>\s*|\n+", text) if p.strip()]


def _joined(value: str | list[str]) -> str:
    text = "".join(value) if isinstance(value, list) else value
    return _SPACED.sub("", text).strip()


def _parallel(source: Path, target: Path) -> Iterator[Article]:
    with source.open(encoding="utf-8") as articles, target.open(encoding="utf-8") as summaries:
        for body, summary in zip(articles, summaries, strict=True):
            if body.strip() and summary.strip():
                yield "", _paragraphs(body), _joined(summary)


def _json_line(line: str) -> dict[str, Any]:
    """One JSON object, or the one key and string of a line CLTS+'s samples spell as
    ``{"CLTS Summary:"…"}`` (the closing quote of the key misplaced)."""
    try:
        found: dict[str, Any] = json.loads(line)
        return found
    except json.JSONDecodeError:
        match = _ONE_KEY.match(line)
        if not match:
            raise
        return {match.group(1): json.loads(f'"{match.group(2)}"')}


def split_of(article: Article) -> str:
    """dev or test, by a hash of the article's text (stable whatever the file's order)."""
    digest = hashlib.sha256("".join(article[1]).encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def rouge_n(candidate: str, reference: str, n: int) -> float:
    grams = [
        Counter(zip(*(seq[i:] for i in range(n)), strict=False)) for seq in (candidate, reference)
    ]
    return _f1(sum((grams[0] & grams[1]).values()), sum(grams[0].values()), sum(grams[1].values()))


def rouge_l(candidate: str, reference: str) -> float:
    previous = [0] * (len(reference) + 1)
    for c in candidate:
        current = [0]
        for j, r in enumerate(reference):
            current.append(previous[j] + 1 if c == r else max(previous[j + 1], current[j]))
        previous = current
    return _f1(previous[-1], len(candidate), len(reference))


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def scores(summary: str, reference: str) -> tuple[float, float, float]:
    cand, ref = letters(summary), letters(reference)
    return 100 * rouge_n(cand, ref, 1), 100 * rouge_n(cand, ref, 2), 100 * rouge_l(cand, ref)


def methods(n: int) -> dict[str, Method]:
    """Each method's summary text of an article's sentences and headline."""

    def joined(chosen: Sequence[Sentence]) -> str:
        return "".join(s.text for s in sorted(chosen, key=lambda s: s.position))

    def gist(chosen: Sequence[Sentence]) -> str:
        return gist_text(chosen[0]) if chosen else ""

    return {
        "Lead-1": lambda sentences, headline: joined(lead(sentences, 1)),
        "Lead-2": lambda sentences, headline: joined(lead(sentences, 2)),
        "Lead-3": lambda sentences, headline: joined(lead(sentences, 3)),
        f"TextRank-{n}": lambda sentences, headline: joined(textrank(sentences, n)),
        "Lead-1 trimmed as the gist is shown": lambda sentences, headline: gist(lead(sentences, 1)),
        "brief gist (1 sentence)": lambda sentences, headline: gist(pick(sentences, headline, 1)),
        f"brief without centrality (up to {n})": lambda sentences, headline: joined(
            pick(sentences, headline, n, centrality=0.0)
        ),
        f"brief, always {n} sentences (scale=0)": lambda sentences, headline: joined(
            pick(sentences, headline, n, scale=0.0)
        ),
        f"brief key sentences (up to {n})": lambda sentences, headline: joined(
            pick(sentences, headline, n)
        ),
    }


def evaluate(articles: Sequence[Article], n: int) -> dict[str, list[tuple[float, float, float]]]:
    """Per method, each article's (ROUGE-1, ROUGE-2, ROUGE-L)."""
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in methods(n)}
    for headline, paragraphs, reference in articles:
        sentences = split_sentences(paragraphs)
        for name, method in methods(n).items():
            results[name].append(scores(method(sentences, headline), reference))
    return results


def gist_sources(articles: Sequence[Article]) -> dict[str, list[float]]:
    """Where each gist comes from -- the lead as written, the lead trimmed as the gist is
    shown, or a later sentence -- with its ROUGE-L difference to Lead-1 (error analysis)."""
    found: dict[str, list[float]] = {}
    for headline, paragraphs, reference in articles:
        sentences = split_sentences(paragraphs)
        chosen = pick(sentences, headline, 1)
        if not chosen:
            continue
        shown = gist_text(chosen[0])
        if chosen[0].position:
            source = "a later sentence"
        else:
            source = "the lead as written" if shown == chosen[0].text else "the lead trimmed"
        diff = scores(shown, reference)[2] - scores(sentences[0].text, reference)[2]
        found.setdefault(source, []).append(diff)
    return found


def interval(values: Sequence[float], rounds: int = 2000) -> tuple[float, float]:
    """95 % percentile bootstrap interval of the mean."""
    rng = random.Random(0)
    means = sorted(sum(rng.choices(values, k=len(values))) / len(values) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+", help="one or more files or folders")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--sentences", type=int, default=3)
    args = parser.parse_args()
    unique = {"".join(a[1]): a for path in args.corpus for a in read_corpus(path)}
    articles = [a for a in unique.values() if args.split in ("all", split_of(a))]
    names = " + ".join(path.name for path in args.corpus)
    if not articles:
        parser.error(f"{names}: no articles in the {args.split} split")
    size = sum(len(letters("".join(a[1]))) for a in articles) / len(articles)
    print(f"{names}, {args.split} split: {len(articles)} articles, {size:.0f} characters")
    print("on average; character-level ROUGE F1 x100, [95 % bootstrap interval]\n")
    results = evaluate(articles, args.sentences)
    print("| method | ROUGE-1 | ROUGE-2 | ROUGE-L |\n|---|---|---|---|")
    for name, rows in results.items():
        cells = []
        for k in range(3):
            values = [r[k] for r in rows]
            low, high = interval(values)
            cells.append(f"{sum(values) / len(values):.1f} [{low:.1f}, {high:.1f}]")
        print(f"| {name} | {' | '.join(cells)} |")
    mine = {"key sentences": results[f"brief key sentences (up to {args.sentences})"]}
    mine["gist"] = results["brief gist (1 sentence)"]
    print("\n| paired ROUGE-L difference | mean [95 % interval] | brief wins / articles |")
    print("|---|---|---|")
    for label, baseline in (
        ("key sentences", "Lead-2"),
        ("key sentences", "Lead-3"),
        ("gist", "Lead-1"),
    ):
        diffs = [a[2] - b[2] for a, b in zip(mine[label], results[baseline], strict=True)]
        low, high = interval(diffs)
        wins = sum(d > 0 for d in diffs)
        mean = sum(diffs) / len(diffs)
        print(
            f"| brief {label} - {baseline} | {mean:+.1f} [{low:+.1f}, {high:+.1f}]",
            f"| {wins} / {len(diffs)} |",
        )
    print("\n| the gist is | articles | wins / losses vs Lead-1 | share of gist - Lead-1 |")
    print("|---|---|---|---|")
    for source, diffs in sorted(gist_sources(articles).items()):
        wins, losses = sum(d > 0 for d in diffs), sum(d < 0 for d in diffs)
        share = sum(diffs) / len(articles)
        print(f"| {source} | {len(diffs)} | {wins} / {losses} | {share:+.1f} |")


if __name__ == "__main__":
    main()
