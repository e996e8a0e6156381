"""Score the brief's people, places and organisations against a hand-tagged NER corpus.

The corpus is hand-tagged news in the common character-per-line form, sentences separated
by blank lines: the People's Daily 1998 NER data (``example.dev`` / ``example.test``, BIO
tags ``字 B-PER``; one public copy is in the ChineseNER repository of zjy-ucas on GitHub)
or the MSRA NER data of the SIGHAN 2006 bakeoff (``test.txt``, BMES tags ``字 S-LOC``; one
public copy is ``data/msra/test.txt`` in TanyaZhao/bert-ner at commit 235bf9a). Every
``--group`` consecutive sentences make one "article" (one paragraph per sentence); the
brief's entity extraction runs on it and its set of names of each type is compared with
the set of tagged names, per article:

- precision: listed names that are tagged names of that type;
- recall of salient names: tagged names mentioned at least twice in the article;
- recall of all tagged names.

Counts are summed over articles (micro average); the 95 % intervals come from a
bootstrap over articles. Tune on the dev file, report the test file once. A corpus with
no dev file of its own is split with ``--split``: its first half of articles is ``dev``,
its second half ``test`` (halves, not alternate articles: neighbouring articles are often
parts of one report).

A second row for places, "short forms credited", scores the same lists but also counts a
listed place right, and a tagged name found, when the tagged name is the listed place's
standard one-character short form (中 for 中国 in 中美, 京 for 北京, 俄 for 俄罗斯): the
corpus tags those characters as places, the brief lists the places in full (and only those
the article writes in full). A third row, "short forms and variants credited", also
counts a listed place and a tagged name that differ only by 省, 市, 县, 自治区 or 特别行政区
(香港 / 香港特别行政区): the brief lists one entry per place, the corpus tags each form. The
strict rows are the headline.

With ``--traditional`` every sentence is first converted to Traditional characters by
docconv's own OpenCC adapter (``s2t``, as ``docconv convert -t zh-hant``) and the tagged
names are read at the same offsets; a sentence whose length the conversion changes is
left out (the count is printed). The brief must find the same names in either script.

    python benchmarks/entity_eval.py /path/to/example.dev [--group 20] [--pos-only]
        [--traditional] [--errors] [--split dev|test|all]

``--errors`` prints, before the table, one tab-separated line per error of the brief:
``article miss TYPE mentions name`` or ``article false TYPE tagged-as name``.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from convert.toolkit.segment import segment, simplified_copy
from convert.toolkit.segment import tag as word_tag
from docconv_plugins.brief.facts import entities, place_key, short_forms_of

TYPES = ("PER", "LOC", "ORG")
Names = dict[str, set[str]]
Extractor = Callable[[Sequence[str]], Names]


def read_bio(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sentences of a BIO or BMES file: (text, [(type, name), ...])."""
    sentences = []
    chars: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) == 2:
            chars.append(parts[0])
            tags.append(parts[1])
            continue
        if chars:
            sentences.append(("".join(chars), spans(chars, tags)))
        chars, tags = [], []
    return sentences


def spans(chars: Sequence[str], tags: Sequence[str]) -> list[tuple[str, str]]:
    """Tagged names: B- (or S-, a one-character name) starts one, I-/M-/E- continue it."""
    found: list[tuple[str, str]] = []
    kind, start = "", 0
    for i, tag in enumerate([*tags, "O"]):
        if kind and not (tag[:2] in ("I-", "M-", "E-") and tag[2:] == kind):
            found.append((kind, "".join(chars[start:i])))
            kind = ""
        if tag[:2] in ("B-", "S-"):
            kind, start = tag[2:], i
    return found


def half(
    sentences: list[tuple[str, list[tuple[str, str]]]], group: int, split: str
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The ``dev`` (first) or ``test`` (second) half of the articles, or ``all``."""
    middle = (len(sentences) + group - 1) // group // 2 * group
    return {"dev": sentences[:middle], "test": sentences[middle:]}.get(split, sentences)


def traditional(
    sentences: Sequence[tuple[str, list[tuple[str, str]]]],
) -> tuple[list[tuple[str, list[tuple[str, str]]]], int]:
    """The sentences in Traditional characters with their names, and how many were left
    out because the conversion changed their length (names are read at the same offsets)."""
    from docconv_plugins.chinese.opencc_adapter import converter

    to_traditional = converter("s2t")
    kept = []
    for text, names in sentences:
        converted = to_traditional(text)
        if len(converted) != len(text):
            continue
        mapped, at = [], 0
        for kind, name in names:
            at = text.index(name, at)
            mapped.append((kind, converted[at : at + len(name)]))
            at += len(name)
        kept.append((converted, mapped))
    return kept, len(sentences) - len(kept)


def brief_names(paragraphs: Sequence[str]) -> Names:
    """What the brief lists: its people's names, the places its place names are made of
    (新疆克州阿合奇县 lists 新疆, 克州 and 阿合奇县), its organisations."""
    found = entities(paragraphs)
    return {
        "PER": {e.name for e in found["people"]},
        "LOC": {part for e in found["places"] for part in e.parts},
        "ORG": {e.name for e in found["organisations"]},
    }


def pos_names(paragraphs: Sequence[str]) -> Names:
    """Reference point: every word jieba's dictionary tags nr / ns / nt."""
    result: Names = {t: set() for t in TYPES}
    for paragraph in paragraphs:
        for token in segment(paragraph):
            found = word_tag(token.simple)
            for kind, prefix in (("PER", "nr"), ("LOC", "ns"), ("ORG", "nt")):
                if found.startswith(prefix):
                    result[kind].add(token.text)
    return result


Counts = list[dict[str, tuple[int, int, int, int, int, int]]]


Shower = Callable[[int, dict[str, Counter[str]], Names], None]
Credit = Callable[[str, set[str], set[str]], tuple[set[str], set[str]]]


def strict(kind: str, listed: set[str], tagged: set[str]) -> tuple[set[str], set[str]]:
    """(listed names that are right, tagged names found): the same strings."""
    return listed & tagged, tagged & listed


def short_forms_credited(
    kind: str, listed: set[str], tagged: set[str]
) -> tuple[set[str], set[str]]:
    """As :func:`strict`, and a listed place is also right, and finds the tagged name, when
    the tagged name is its standard one-character short form (中国 for the 中 of 中美, 俄罗斯
    for 俄): the corpus tags 中 and 美 of 中美 as two places, the brief lists full names."""
    if kind != "LOC":
        return strict(kind, listed, tagged)
    shorts = {name: short_forms_of(name) for name in listed}  # Simplified characters
    simple = {name: simplified_copy(name) for name in tagged}
    right = {name for name in listed if name in tagged or shorts[name] & {*simple.values()}}
    covered = set().union(*shorts.values()) if shorts else set()
    return right, {name for name in tagged if name in listed or simple[name] in covered}


def variants_credited(kind: str, listed: set[str], tagged: set[str]) -> tuple[set[str], set[str]]:
    """As :func:`short_forms_credited`, and a listed place is also right, and finds a tagged
    name, when the two are one place written with and without its 省, 市, 县, 自治区 or
    特别行政区 (香港特别行政区 / 香港, 盘锦市 / 盘锦): the brief merges such variants into one
    entry, the corpus tags each form as a name of its own."""
    right, found = short_forms_credited(kind, listed, tagged)
    if kind != "LOC":
        return right, found
    key = {name: place_key(simplified_copy(name)) for name in listed | tagged}
    tagged_keys, listed_keys = {key[n] for n in tagged}, {key[n] for n in listed}
    return (
        right | {n for n in listed if key[n] in tagged_keys},
        found | {n for n in tagged if key[n] in listed_keys},
    )


def count(
    sentences: Sequence[tuple[str, list[tuple[str, str]]]],
    group: int,
    extract: Extractor,
    show: Shower | None = None,
    credits: Sequence[Credit] = (strict,),
) -> list[Counts]:
    """Per scoring (``credits``), article and type: (true pos., listed, salient found,
    salient, found, tagged)."""
    per_article: list[Counts] = [[] for _ in credits]
    for first in range(0, len(sentences), group):
        chunk = sentences[first : first + group]
        gold: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
        for _, names in chunk:
            for kind, name in names:
                gold[kind][name] += 1
        listed = extract([text for text, _ in chunk])
        if show is not None:
            show(first // group, gold, listed)
        for credit, rows in zip(credits, per_article, strict=True):
            row = {}
            for kind in TYPES:
                tagged, guess = set(gold[kind]), listed[kind]
                salient = {n for n, c in gold[kind].items() if c >= 2}
                right, found = credit(kind, guess, tagged)
                row[kind] = (
                    len(right),
                    len(guess),
                    len(salient & found),
                    len(salient),
                    len(found),
                    len(tagged),
                )
            rows.append(row)
    return per_article


def print_errors(article: int, gold: dict[str, Counter[str]], listed: Names) -> None:
    """One line per error: a tagged name not listed (with its mention count) or a listed
    name not tagged as that type (with the type it is tagged as, if any)."""
    for kind in TYPES:
        for name, mentions in sorted(gold[kind].items(), key=lambda n: -n[1]):
            if name not in listed[kind]:
                print(f"{article}\tmiss\t{kind}\t{mentions}\t{name}")
        for name in sorted(listed[kind] - set(gold[kind])):
            other = ",".join(k for k in TYPES if name in gold[k]) or "-"
            print(f"{article}\tfalse\t{kind}\t{other}\t{name}")


def ratios(rows: Counts, kind: str) -> tuple[float, float, float]:
    sums = [sum(r[kind][i] for r in rows) for i in range(6)]
    return (
        sums[0] / max(sums[1], 1),
        sums[2] / max(sums[3], 1),
        sums[4] / max(sums[5], 1),
    )


def bootstrap(rows: Counts, kind: str, rounds: int = 1000) -> list[tuple[float, float]]:
    """95 % percentile intervals of the three ratios, resampling articles."""
    rng = random.Random(0)
    samples = [ratios([rng.choice(rows) for _ in rows], kind) for _ in range(rounds)]
    intervals = []
    for i in range(3):
        values = sorted(s[i] for s in samples)
        intervals.append((values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]))
    return intervals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a BIO file such as example.test")
    parser.add_argument("--group", type=int, default=20, help="sentences per article")
    parser.add_argument("--pos-only", action="store_true", help="also score jieba's tags alone")
    parser.add_argument(
        "--traditional", action="store_true", help="score on a Traditional copy of the corpus"
    )
    parser.add_argument(
        "--split",
        choices=("dev", "test", "all"),
        default="all",
        help="first half of the articles (dev), second half (test) or all (default)",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="print the brief's misses and false positives (article, miss/false, type, ...)",
    )
    args = parser.parse_args()
    sentences = half(read_bio(args.corpus), args.group, args.split)
    if args.traditional:
        sentences, dropped = traditional(sentences)
        print(f"Traditional copy (OpenCC s2t); {dropped} sentences changed length, left out")
    extractors: dict[str, Extractor] = {"brief": brief_names}
    if args.pos_only:
        extractors["jieba nr/ns/nt"] = pos_names
    articles = (len(sentences) + args.group - 1) // args.group
    print(
        f"{args.corpus.name} ({args.split}): {len(sentences)} sentences, "
        f"{articles} articles of {args.group}\n"
    )
    print("| method | type | precision | recall (mentioned >= 2) | recall (all) |")
    print("|---|---|---|---|---|")
    for name, extract in extractors.items():
        show = print_errors if args.errors and name == "brief" else None
        if name == "brief":
            credits = (strict, short_forms_credited, variants_credited)
            rows, lenient, merged = count(sentences, args.group, extract, show, credits)
            tables = [
                (name, TYPES, rows),
                (f"{name}, short forms credited", ("LOC",), lenient),
                (f"{name}, short forms and variants credited", ("LOC",), merged),
            ]
        else:
            tables = [(name, TYPES, count(sentences, args.group, extract)[0])]
        for label, kinds, counts in tables:
            for kind in kinds:
                values, intervals = ratios(counts, kind), bootstrap(counts, kind)
                cells = " | ".join(
                    f"{100 * v:.1f} ({100 * lo:.1f}-{100 * hi:.1f})"
                    for v, (lo, hi) in zip(values, intervals, strict=True)
                )
                print(f"| {label} | {kind} | {cells} |")


if __name__ == "__main__":
    main()
