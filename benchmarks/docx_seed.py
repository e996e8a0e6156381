"""Time seed -> DOCX in-process (load, render) and as a whole ``docconv`` command; print a table.

Usage: python benchmarks/docx_seed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import convert

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_23be539ad5687094.txt"


def best_and_median(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Milliseconds: (best, median) of ``repeat`` runs after one warm-up run."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    document = convert.load(SEED)
    docconv = shutil.which("docconv") or "docconv"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "article.docx"
        rows = [
            ("render seed -> DOCX (in-process)", lambda: convert.render(document, "docx")),
            ("load + render (in-process)", lambda: convert.render(convert.load(SEED), "docx")),
            (
                "docconv convert -t docx (process)",
                lambda: subprocess.run(
                    [docconv, "convert", str(SEED), "-t", "docx", "-o", str(out), "-q"],
                    check=True,
                ),
            ),
        ]
        print(f"| step | best ms | median ms |  (n={args.repeat}, Python {sys.version.split()[0]})")
        print("|---|---:|---:|")
        for label, run in rows:
            best, median = best_and_median(run, args.repeat)
            print(f"| {label} | {best:.1f} | {median:.1f} |")


if __name__ == "__main__":
    main()
