"""How fast and how big the md reader is, beside the text reader on the same bytes.

Each case runs in a fresh process; the table gives reading CPU time (time.process_time,
median of --repeat runs for small inputs) and the process's peak memory. The text reader
is the anchor: compare ratios, not absolute times, on a loaded machine. Cases: a
news-sized article, a large file of news paragraphs, and hostile inputs (unclosed ``[``,
images, emphasis, lists, a wide table) that cost markdown-it-py the most.

    python benchmarks/md_read_speed.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import resource, statistics, sys, time, warnings
warnings.simplefilter("ignore")
from convert.errors import InputError
from docconv_plugins.textformats.markdown_reader import read_markdown
from docconv_plugins.textformats.text import read_text
import markdown_it, yaml  # imported for both readers: the rows compare reading only
data = open(sys.argv[2], "rb").read()
reader = read_markdown if sys.argv[1] == "md" else read_text
times = []
for _ in range(int(sys.argv[3])):
    start = time.process_time()
    try:
        reader(data, "case", {})
    except InputError:
        pass
    times.append(time.process_time() - start)
print(statistics.median(times), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

PARAGRAPH = "天文台表示，**颱風**今晚[登陸](https://hko.gov.hk)，市民應留在室內，交通暫停。\n\n"
ARTICLE = (
    "---\ntitle: 颱風今晚登陸\ndate: 2025-11-28\nsource: 香港電台\n---\n\n"
    "# 颱風今晚登陸\n\n**記者：** 王小明  \n**日期：** 2025-11-28\n\n"
    + PARAGRAPH * 60
    + "## 交通\n\n- 港鐵加開班次\n- 巴士暫停\n\n> 發言人說：「風勢增強。」\n"
)
CASES = {
    "news article (5 KB)": (ARTICLE, True),
    "news paragraphs, 0.97 M chars": ("# 標題\n\n" + PARAGRAPH * 18_000, False),
    "'[' x 1,000,000": ("[" * 1_000_000, False),
    "'![' x 500,000": ("![" * 500_000, False),
    "'**a** ' x 160,000": ("**a** " * 160_000, False),
    "'- 項' x 100,000 lines": ("- 項\n" * 100_000, False),
    "table, 2,000 columns x 200 rows": (
        "|" + "a|" * 2000 + "\n|" + "-|" * 2000 + "\n" + ("|" + "1|" * 2000 + "\n") * 200,
        False,
    ),
}


def measure(kind: str, path: Path, repeat: int) -> tuple[float, float]:
    """(median CPU seconds of one read, peak MiB of the process)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path), str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak_kib = done.stdout.split()
    return float(seconds), float(peak_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs of the small cases")
    args = parser.parse_args()
    print("| input | size | md reader CPU | text reader CPU | ratio | md peak | text peak |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.md"
        for name, (text, small) in CASES.items():
            path.write_text(text, encoding="utf-8")
            repeat = args.repeat if small else 1
            md, md_peak = measure("md", path, repeat)
            plain, plain_peak = measure("text", path, repeat)
            size = len(text.encode("utf-8")) / 1e6
            print(
                f"| {name} | {size:.2f} MB | {md * 1000:.1f} ms | {plain * 1000:.1f} ms "
                f"| {md / plain:.1f}x | {md_peak:.0f} MiB | {plain_peak:.0f} MiB |",
                flush=True,
            )


if __name__ == "__main__":
    main()
