"""How docconv's text reader tags real articles: ja / ko / zh-Hant / zh-Hans / zh / und.

Each set is read as the text reader reads a file (``convert.load(..., format="text")``), so
the tag is the one DOCX, PDF and ``-t zh-hans`` act on. A Japanese set tagged anything but
``ja`` would be "converted" by OpenCC; a Chinese set tagged ``ja`` would not be converted.

    python benchmarks/language_tags.py --livedoor DIR --lcsts FILE.tsv --folder NAME=DIR ...

``--livedoor``: the livedoor news corpus (ldcc-20140209, Japanese; one article per file:
URL, date, headline, text). ``--lcsts``: LCSTS part III TSV (headline<TAB>text). ``--folder``:
any folder of .txt/.md articles. Nothing is kept; the data sets are never committed.
"""

from __future__ import annotations

import argparse
import collections
import sys
from collections.abc import Iterator
from pathlib import Path

import convert


def livedoor(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.glob("*/*-*.txt")):  # LICENSE.txt and README.txt have no "-"
        lines = path.read_text(encoding="utf-8").splitlines()[2:]  # URL and date
        yield path.name, lines[0] + "\n\n" + "\n".join(lines[1:])


def lcsts(tsv: Path) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines()):
        title, _, text = line.partition("\t")
        yield str(number), f"{title}\n\n{text.split(chr(9))[0]}"


def folder(path: Path) -> Iterator[tuple[str, str]]:
    for file in sorted(path.iterdir()):
        if file.suffix in {".txt", ".md"}:
            yield file.name, file.read_text(encoding="utf-8")


def tags(articles: Iterator[tuple[str, str]]) -> tuple[collections.Counter[str], list[str]]:
    counts: collections.Counter[str] = collections.Counter()
    names: dict[str, list[str]] = collections.defaultdict(list)
    for name, text in articles:
        tag = convert.load(text.encode("utf-8"), format="text").meta.language
        counts[tag] += 1
        names[tag].append(name)
    return counts, [f"{tag}: {', '.join(found[:5])}" for tag, found in names.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--livedoor", type=Path)
    parser.add_argument("--lcsts", type=Path)
    parser.add_argument("--folder", action="append", default=[], metavar="NAME=DIR")
    args = parser.parse_args()
    sets: list[tuple[str, Iterator[tuple[str, str]]]] = []
    if args.livedoor:
        sets.append(("livedoor (Japanese)", livedoor(args.livedoor)))
    if args.lcsts:
        sets.append(("LCSTS part III (Chinese)", lcsts(args.lcsts)))
    for item in args.folder:
        name, _, path = item.partition("=")
        sets.append((name, folder(Path(path))))
    columns = ("ja", "ko", "zh-Hant", "zh-Hans", "zh", "und")
    print(f"| set | articles | {' | '.join(columns)} |")
    print("|---" * (len(columns) + 2) + "|")
    examples = []
    for name, articles in sets:
        counts, found = tags(articles)
        cells = " | ".join(str(counts[c]) for c in columns)
        print(f"| {name} | {sum(counts.values())} | {cells} |")
        examples += [f"  {name}: {line}" for line in found]
    print("first files per tag:", *examples, sep="\n", file=sys.stderr)


if __name__ == "__main__":
    main()
