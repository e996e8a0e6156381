"""Measure docconv and print Markdown tables: start-up, per-format time, batch, memory, scaling.

Usage:  python benchmarks/run.py [--formats json,txt,...] [--batch 500] [--big-mb 5] [--repeat 5]

Every figure is wall-clock time on this machine (median of --repeat runs where repeated);
run it on an idle machine. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_23be539ad5687094.txt"
DOCCONV = [sys.executable, "-m", "convert"]

# One conversion in a fresh process, after a warm-up on a tiny article (plugins, dictionaries
# and fonts loaded), so the time is the conversion's own. Peak memory is the process's VmHWM
# (ru_maxrss can carry the parent's peak across exec).
PEAK_PROBE = """
import re, sys, time
import convert
fmt, source, target = sys.argv[1:4]
convert.render(convert.load("標題\\n\\n暖身用的一段文字。\\n".encode()), fmt)
start = time.perf_counter()
convert.convert(source, target, to=fmt)
elapsed = time.perf_counter() - start
kib = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)
print(f"{elapsed:.4f} {kib}")
"""


def timed(run: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def command(args: Sequence[str]) -> Callable[[], object]:
    return lambda: subprocess.run(args, check=True, capture_output=True)


def table(header: Sequence[str], rows: list[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def startup(repeat: int) -> str:
    bare = timed(command([sys.executable, "-c", "import click, pluggy"]), repeat)
    rows: list[Sequence[object]] = [["python -c 'import click, pluggy'", ms(bare), "1.00×"]]
    for args in (["--help"], ["formats"]):
        t = timed(command([*DOCCONV, *args]), repeat)
        rows.append([f"docconv {' '.join(args)}", ms(t), f"{t / bare:.2f}×"])
    return table(["command", "median", "vs bare"], rows)


def per_format(formats: Sequence[str], repeat: int, work: Path) -> str:
    import convert

    document = convert.load(SEED)
    rows: list[Sequence[object]] = []
    for fmt in formats:
        cold = timed(lambda f=fmt: convert.render(document, f), 1)
        warm = timed(lambda f=fmt: convert.render(document, f), repeat)
        whole = timed(command([*DOCCONV, "convert", str(SEED), "-t", fmt, "-d", str(work)]), repeat)
        rows.append([fmt, ms(cold), ms(warm), ms(whole)])
    pandoc = shutil.which("pandoc")
    if pandoc:
        md = work / "seed.md"
        md.write_bytes(convert.render(document, "md"))
        t = timed(command([pandoc, str(md), "-o", str(work / "pandoc.docx")]), repeat)
        rows.append(["pandoc markdown → docx (reference)", "", "", ms(t)])
    header = ["format", "in-process, first call", "in-process, warm", "whole command"]
    return table(header, rows)


def batch(formats: Sequence[str], size: int, work: Path) -> str:
    folder = work / "batch"
    folder.mkdir(exist_ok=True)
    text = SEED.read_bytes()
    for i in range(size):
        (folder / f"{i:05d}.txt").write_bytes(text)
    rows: list[Sequence[object]] = []
    for fmt in formats:
        rates = []
        for jobs in (1, 2):
            out = work / f"batch-out-{fmt}-{jobs}"
            run = command(
                [*DOCCONV, "convert", str(folder), "-t", fmt, "-d", str(out), "-j", str(jobs), "-q"]
            )
            rates.append(size / timed(run, 1))
            shutil.rmtree(out)
        rows.append([fmt, f"{rates[0]:.1f}", f"{rates[1]:.1f}", f"{rates[1] / rates[0]:.2f}×"])
    return table(["format", "--jobs 1 (articles/s)", "--jobs 2 (articles/s)", "speed-up"], rows)


def big_article(megabytes: float, work: Path) -> Path:
    """An article of about ``megabytes`` MB: the seed's paragraphs repeated, each made unique
    (a numbered suffix) so that no per-paragraph cache flatters the figures."""
    lines = SEED.read_text(encoding="utf-8").split("\n\n")
    headline, body, source = lines[0], lines[1:-1], lines[-1]
    paragraphs: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        for p in body:
            paragraphs.append(f"{p}({len(paragraphs)})")
            size += len(p.encode("utf-8")) + 8
    path = work / "big.txt"
    path.write_text("\n\n".join([headline, *paragraphs, source]), encoding="utf-8")
    return path


def peak(fmt: str, source: Path, work: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of one conversion in a fresh process (see PEAK_PROBE)."""
    target = work / f"peak-{source.stem}.out"
    result = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, fmt, str(source), str(target)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, kib = result.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024


def memory_and_scaling(formats: Sequence[str], megabytes: float, work: Path) -> str:
    big = big_article(megabytes, work)
    seed_bytes, big_bytes = SEED.stat().st_size, big.stat().st_size
    rows: list[Sequence[object]] = []
    for fmt in formats:
        seed_s, seed_mib = peak(fmt, SEED, work)
        big_s, big_mib = peak(fmt, big, work)
        ratio = (big_s / big_bytes) / (seed_s / seed_bytes)
        rows.append(
            [fmt, f"{seed_mib:.0f} MiB", f"{big_mib:.0f} MiB", ms(seed_s), f"{big_s:.2f} s",
             f"{ratio:.2f}"]
        )  # fmt: skip
    header = [
        "format",
        "peak memory, seed",
        f"peak memory, {big_bytes / 1e6:.1f} MB article",
        "time, seed",
        f"time, {big_bytes / 1e6:.1f} MB article",
        "per-byte time, big ÷ seed",
    ]
    return table(header, rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--formats", help="comma-separated formats (default: every installed writer)"
    )
    parser.add_argument("--batch", type=int, default=500, help="articles in the batch test")
    parser.add_argument("--big-mb", type=float, default=5.0, help="size of the big article")
    parser.add_argument("--repeat", type=int, default=5, help="runs per median")
    args = parser.parse_args()

    import convert

    formats = (
        args.formats.split(",")
        if args.formats
        else [f["name"] for f in convert.formats() if f["kind"] == "writer"]
    )
    cpu = os.cpu_count()
    print(
        f"docconv {convert.__version__} benchmarks, {date.today()}, {platform.machine()}, "
        f"{cpu} CPUs, Python {platform.python_version()}, {platform.system()}\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("### Start-up\n\n" + startup(args.repeat) + "\n")
        print(
            "### The seed article to each format\n\n"
            + per_format(formats, args.repeat, work)
            + "\n"
        )
        print(
            f"### Batch of {args.batch} seed-sized articles\n\n"
            + batch(formats, args.batch, work)
            + "\n"
        )
        print(
            "### Peak memory and scaling\n\n"
            + memory_and_scaling(formats, args.big_mb, work)
            + "\n"
        )


if __name__ == "__main__":
    main()
