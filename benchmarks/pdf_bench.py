"""Time the pdf writer: the seed in-process and as a whole command, and a long document.

Run: python benchmarks/pdf_bench.py  (prints a Markdown table; figures vary by machine).
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

import convert
from convert import Heading

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_23be539ad5687094.txt"


def timed(action: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median wall-clock seconds over ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def long_document(copies: int) -> convert.Document:
    """The seed's body repeated under numbered headings."""
    seed = convert.load(SEED)
    blocks = []
    for number in range(1, copies + 1):
        blocks += [Heading(f"第 {number} 部分"), *seed.blocks]
    return seed.replace(blocks=tuple(blocks))


def main() -> None:
    seed = convert.load(SEED)
    first, _ = timed(lambda: convert.render(seed, "pdf"), 1)
    warm, pdf = timed(lambda: convert.render(seed, "pdf"), 5)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "article.pdf"
        command = [
            sys.executable,
            "-m",
            "convert",
            "convert",
            str(SEED),
            "-t",
            "pdf",
            "-o",
            str(out),
        ]
        whole, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True), 3)
    big, big_pdf = timed(lambda: convert.render(long_document(176), "pdf"), 1)
    rows = [
        ("seed, in-process, first render (fonts load)", first, pdf),
        ("seed, in-process, warm (median of 5)", warm, pdf),
        ("seed, whole command `docconv convert` (median of 3)", whole, pdf),
        ("seed x 176 under headings, in-process", big, big_pdf),
    ]
    print("| case | seconds | pages | size |")
    print("|---|---:|---:|---:|")
    for name, seconds, data in rows:
        assert isinstance(data, bytes)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        print(f"| {name} | {seconds:.2f} | {pages} | {len(data) / 1024:.0f} KiB |")


if __name__ == "__main__":
    main()
