"""Cost of the pdf writer in CPU time, beside wall time, with ratios to anchors run alongside.

- font loading: discovering (fc-list) and loading the fonts the seed needs, in a fresh
  process (font metrics and converted CFF faces cached on disk, as after a first run);
- the seed as a whole ``docconv convert`` command, and the seed's body with a one-line
  headline (no segmenter needed) — both against ``python -c "import click, pluggy"``
  and against pandoc → DOCX → LibreOffice PDF when both are installed;
- per article in-process, warm (the benchmark articles, one process);
- a long document (the seed's body 176 times, ~300 pages).

Each command runs ``--runs`` times interleaved with its anchors; the minimum CPU time
is reported (the least disturbed by other work on the machine).
Run: python benchmarks/pdf_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_23be539ad5687094.txt"
DATA = ROOT / "benchmarks" / "data"

FONTS = """
import time
import convert
import reportlab.pdfbase.ttfonts  # the layout imports reportlab anyway
from docconv_plugins.pdf import pdf_fonts
from docconv_plugins.pdf.pdf_writer import _characters
doc = convert.transform(convert.load({seed!r}), "punctuation")
body_chars, heading_chars = _characters(doc)
start = time.process_time()
body, headings = pdf_fonts.font_order(None, pdf_fonts.system_fonts(), doc.meta.language)
chains = [pdf_fonts.FontChain(body, body_chars), pdf_fonts.FontChain(headings, heading_chars)]
for chain, chars in zip(chains, (body_chars, heading_chars)):
    for char in chars:
        chain.font_for(char)
print((time.process_time() - start) * 1000, sum(len(c.fonts) for c in chains))
"""

PER_ARTICLE = """
import time, convert
from pathlib import Path
paths = sorted(p for p in Path({data!r}).glob("[0-9]*.txt") if not p.name.endswith(".ref.txt"))
docs = [convert.load(p) for p in paths]
for doc in docs:  # first pass: fonts loaded and grown, segmenter loaded
    convert.render(doc, "pdf")
start = time.process_time()
for doc in docs:
    convert.render(doc, "pdf")
print((time.process_time() - start) / len(docs) * 1000)
"""

LONG = """
import time, convert
from convert import Heading
seed = convert.load({seed!r})
blocks = []
for number in range(1, 177):
    blocks += [Heading(f"第 {{number}} 部分"), *seed.blocks]
doc = seed.replace(blocks=tuple(blocks))
start = time.process_time()
data = convert.render(doc, "pdf")
print((time.process_time() - start) * 1000, len(data))
"""


def child_cpu(command: list[str], **kwargs: object) -> tuple[float, float, str]:
    """(CPU seconds of the child and its children, wall seconds, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, wall, out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    tmp = Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    one_line = tmp / "one-line-headline.txt"
    one_line.write_text(
        "無錫代表團到海東考察\n\n" + SEED.read_text(encoding="utf-8").split("\n", 1)[1],
        encoding="utf-8",
    )
    markdown = tmp / "seed.md"
    shutil.copy(SEED, markdown)
    commands: dict[str, list[list[str]]] = {
        "python -c 'import click, pluggy'": [[py, "-c", "import click, pluggy"]],
        "docconv convert seed -t pdf": [
            [py, "-m", "convert", "convert", str(SEED), "-t", "pdf", "-o", str(tmp / "a.pdf")]
        ],
        "docconv convert seed -t pdf (one-line headline)": [
            [py, "-m", "convert", "convert", str(one_line), "-t", "pdf", "-o", str(tmp / "b.pdf")]
        ],
    }
    if shutil.which("pandoc") and shutil.which("soffice"):
        commands["pandoc seed → docx → LibreOffice pdf"] = [
            ["pandoc", str(markdown), "-o", str(tmp / "seed.docx")],
            [
                "soffice",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp),
                str(tmp / "seed.docx"),
            ],
        ]
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    env = dict(os.environ, HOME=os.environ.get("HOME", str(tmp)))
    for _ in range(args.runs):
        for name, steps in commands.items():  # interleaved: each round runs every command
            total_cpu = total_wall = 0.0
            for step in steps:
                c, w, _ = child_cpu(step, env=env)
                total_cpu, total_wall = total_cpu + c, total_wall + w
            cpu[name].append(total_cpu)
            wall[name].append(total_wall)
    fonts = [
        child_cpu([py, "-c", FONTS.format(seed=str(SEED))])[2].split() for _ in range(args.runs)
    ]
    font_ms = min(float(f[0]) for f in fonts)
    per_article = float(child_cpu([py, "-c", PER_ARTICLE.format(data=str(DATA))])[2])
    long_ms, long_size = child_cpu([py, "-c", LONG.format(seed=str(SEED))])[2].split()
    anchor = min(cpu["python -c 'import click, pluggy'"])
    office = min(cpu.get("pandoc seed → docx → LibreOffice pdf", [0.0]))
    print(
        f"| command | CPU (min of {args.runs}) | wall (min) "
        "| vs import click, pluggy | vs pandoc→LibreOffice |"
    )
    print("|---|---:|---:|---:|---:|")
    for name in commands:
        ratio = f"{min(cpu[name]) / office:.2f}×" if office else "—"
        print(
            f"| {name} | {min(cpu[name]) * 1000:.0f} ms | {min(wall[name]) * 1000:.0f} ms "
            f"| {min(cpu[name]) / anchor:.1f}× | {ratio} |"
        )
    print()
    print(
        "- font discovery and loading for the seed (fresh process, caches warm): "
        f"{font_ms:.0f} ms CPU, {fonts[0][1]} faces"
    )
    print(f"- per article in-process, warm (79 benchmark articles): {per_article:.1f} ms CPU")
    print(
        f"- seed body x 176 under headings: {float(long_ms) / 1000:.2f} s CPU, "
        f"{int(long_size) / 1024:.0f} KiB"
    )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
