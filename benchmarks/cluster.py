"""Throughput of ``--jobs 2`` against a 2-worker Dask LocalCluster, per format.

Usage:  python benchmarks/cluster.py [--count 1000] [--formats pdf,brief] [--workers 2]

Makes ``--count`` distinct articles (the seed and ``benchmarks/data``'s articles, their
paragraphs reordered and cut per seed number, each headline numbered), then converts them
with ``docconv convert DIR -t FORMAT -d OUT`` twice per format: ``--jobs N`` (the local
process pool) and ``--cluster ADDRESS`` (a fresh LocalCluster of N single-thread worker
processes, started before the clock runs, as a cluster is in production; once with Dask's
defaults and once without the MALLOC_TRIM_THRESHOLD_ its nanny sets). Reports wall time,
articles/s, the CPU seconds per article spent by workers (RUSAGE_CHILDREN for the pool;
each worker's ``time.process_time`` for the cluster), the scheduler's CPU time per task
(the scheduler runs in this process: an upper bound),
the round trip of an empty task, and each worker's peak resident memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [*ROOT.glob("seeds/*.txt"), *(ROOT / "benchmarks" / "data").glob("*.txt")],
)
ARTICLES = [p for p in SOURCES if not p.name.endswith((".ref.txt", ".t2s.txt"))]


def make_articles(folder: Path, count: int) -> None:
    """``count`` distinct articles: a source's paragraphs shuffled and cut by a seeded RNG."""
    for i in range(count):
        lines = [line for line in ARTICLES[i % len(ARTICLES)].read_text().splitlines() if line]
        head, body, source = lines[0], lines[1:-1] or lines[1:], lines[-1]
        rng = random.Random(i)
        rng.shuffle(body)
        kept = body[: max(1, rng.randint(len(body) // 2, len(body)))]
        text = "\n\n".join([f"{head}（{i}）", *kept, source]) + "\n"
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")


def docconv(*args: str) -> tuple[float, float, int]:
    """Run ``docconv convert ARGS``: wall seconds, children's CPU seconds, peak child RSS KiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "convert", "-q", "convert", *args], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, after.ru_maxrss


def _peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def on_cluster(folder: Path, out: Path, fmt: str, workers: int, trim: bool) -> dict[str, Any]:
    """``trim``: Dask's default of starting workers with MALLOC_TRIM_THRESHOLD_=65536, which
    also turns off glibc's adaptive mmap threshold (docconv then spends more CPU per file)."""
    import dask
    from distributed import Client, LocalCluster

    environ = {} if trim else {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    with (
        dask.config.set(environ),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(workers)
        cpu0 = client.run(time.process_time)
        sched0 = client.run_on_scheduler(time.process_time)
        wall, client_cpu, _ = docconv(str(folder), "-t", fmt, "-d", str(out),
                                      "--cluster", cluster.scheduler_address)  # fmt: skip
        cpu1 = client.run(time.process_time)
        sched1 = client.run_on_scheduler(time.process_time)
        rss = client.run(_peak_rss_kib)
        started = time.perf_counter()
        client.gather(client.map(abs, range(len(list(folder.iterdir())))))
        empty = time.perf_counter() - started
    return {
        "wall": wall,
        "worker_cpu": sum(cpu1[w] - cpu0[w] for w in cpu1),
        "client_cpu": client_cpu,
        "scheduler_cpu": sched1 - sched0,
        "empty_tasks_wall": empty,
        "peak_rss_mib": max(rss.values()) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--formats", default="pdf,brief")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    n = args.count
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_articles(folder, n)
        for fmt in args.formats.split(","):
            wall, cpu, rss = docconv(str(folder), "-t", fmt, "-d", f"{tmp}/local-{fmt}",
                                     "--jobs", str(args.workers))  # fmt: skip
            for trim in (True, False):
                out = Path(tmp) / f"dask-{fmt}-{trim}"
                dask = on_cluster(folder, out, fmt, args.workers, trim)
                label = f"{fmt}, dask {'defaults' if trim else 'without MALLOC_TRIM_THRESHOLD_'}"
                rows.append((label, wall, cpu, rss / 1024, dask))
    print(f"{n} articles, {args.workers} workers; CPU = user+system seconds\n")
    print(
        "| format | `--jobs 2` wall s | articles/s | CPU s/article | peak RSS/process MiB "
        "| `--cluster` wall s | articles/s | worker CPU s/article | peak RSS/worker MiB "
        "| cluster/local throughput | scheduler CPU ms/task | empty task round trip ms |"
    )
    print("|" + "---|" * 12)
    for fmt, wall, cpu, rss, d in rows:
        print(
            f"| {fmt} | {wall:.1f} | {n / wall:.1f} | {cpu / n:.3f} | {rss:.0f} "
            f"| {d['wall']:.1f} | {n / d['wall']:.1f} | {d['worker_cpu'] / n:.3f} "
            f"| {d['peak_rss_mib']:.0f} | {wall / d['wall']:.2f} "
            f"| {1000 * d['scheduler_cpu'] / n:.2f} | {1000 * d['empty_tasks_wall'] / n:.2f} |"
        )
    print(
        "\nclient (docconv --cluster) CPU s/article: "
        + ", ".join(f"{fmt} {d['client_cpu'] / n:.4f}" for fmt, *_, d in rows)
    )


if __name__ == "__main__":
    main()
