"""What reading list numbering costs the docx reader: CPU per read of three DOCX files.

Cases: 400 paragraphs each followed by its own numbered list of three (400 ``w:num``
elements: the numbering part at its largest), 1,800 paragraphs with 20 lists of ten, and
the seed article. Each figure is the minimum over rounds of the mean of several reads
(time.process_time): compare versions in the same run, not absolute times. To compare with
an older commit, run this file again with that commit's code first on the path:

    python benchmarks/docx_read_speed.py [--rounds 7]
    git archive COMMIT | tar -x -C /tmp/old && ln -s plugins /tmp/old/docconv_plugins
    (cd /tmp && PYTHONPATH=/tmp/old python "$OLDPWD/benchmarks/docx_read_speed.py")
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import convert
from convert import Document, ListBlock, Metadata, Paragraph

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_23be539ad5687094.txt"
TEXT = "無錫代表團在青海海東市學習考察並推動東西部協作合作項目。" * 3


def cases() -> dict[str, bytes]:
    meta = Metadata(title="標題", language="zh-Hant")
    many: list[Paragraph | ListBlock] = []
    for _ in range(400):
        many += [Paragraph(TEXT), ListBlock(("第一項", "第二項", "第三項"), ordered=True)]
    some: list[Paragraph | ListBlock] = []
    for _ in range(20):
        some += [Paragraph(TEXT)] * 90 + [ListBlock(tuple(f"第{n}項" for n in range(10)), True)]
    return {
        "400 lists of 3": convert.render(Document(meta, tuple(many)), "docx"),
        "20 lists of 10 in 1,800 paragraphs": convert.render(Document(meta, tuple(some)), "docx"),
        "seed": convert.render(convert.load(SEED), "docx"),
    }


def cpu_per_read(data: bytes, rounds: int, reads: int = 5) -> float:
    convert.load(data, format="docx")  # imports and caches first
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(reads):
            convert.load(data, format="docx")
        best = min(best, (time.process_time() - start) / reads)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    print(f"{'case':<36} {'CPU ms/read':>12}")
    for name, data in cases().items():
        print(f"{name:<36} {cpu_per_read(data, rounds) * 1000:>12.1f}")


if __name__ == "__main__":
    main()
