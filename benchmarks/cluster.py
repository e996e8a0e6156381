"""Throughput and CPU accounting of ``--jobs N`` against an N-worker Dask LocalCluster.

Usage:  python benchmarks/cluster.py [--count 1000] [--formats pdf,brief] [--workers 2]
                                     [--rounds 1] [--no-preload]

Makes ``--count`` distinct articles (the seed and ``benchmarks/data``'s articles, their
paragraphs reordered and cut per seed number, each headline numbered), then converts them
with ``docconv convert DIR -t FORMAT -d OUT`` per format and round: ``--jobs N`` (the local
process pool) and ``--cluster ADDRESS`` (a fresh LocalCluster of N single-thread worker
processes with Dask's default settings, started before the clock runs, as a cluster is in
production; then again with ``preload=["convert.cluster_worker"]``, which warms the
workers when they start).

Every CPU-second (user + system) of every process involved is counted:

- the ``docconv`` process (the CLI: planning, and for ``--cluster`` the Dask client), from
  its rusage at exit less its pool workers;
- the pool workers (sampled from /proc every 0.1 s until they exit) or the Dask worker
  processes (before/after), the latter also per thread (the task thread, the event loop, the
  profiler...);
- the LocalCluster's own process: scheduler and nannies (they share this process's event
  loop; this process does nothing else while the CLI runs).

Shown: wall time, articles/s, CPU seconds per article per process, articles per CPU-second
of all processes (the fair comparison on a shared machine), and the cluster/local ratios of
both; then the round trip of empty tasks (the scheduler's cost per task) and peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [*ROOT.glob("seeds/*.txt"), *(ROOT / "benchmarks" / "data").glob("*.txt")],
)
ARTICLES = [p for p in SOURCES if not p.name.endswith((".ref.txt", ".t2s.txt"))]
# The nanny sets its pre-spawn variables in the process that runs it (this one): the docconv
# processes started after a LocalCluster must not inherit them.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}


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


def cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


@dataclass
class Run:
    wall: float
    cli: float  # the docconv process itself
    workers: float  # pool workers or Dask workers
    cluster: float = 0.0  # the LocalCluster's process: scheduler + nannies
    worker_threads: dict[str, float] = field(default_factory=dict)
    peak_rss_mib: float = 0.0

    @property
    def total(self) -> float:
        return self.cli + self.workers + self.cluster


def docconv(*args: str) -> Run:
    """Run ``docconv convert ARGS``; its CPU split into its own and its children's (the pool
    workers, sampled until they exit)."""
    command = [sys.executable, "-m", "convert", "-q", "convert", *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=CLEAN_ENV)
    children: dict[int, tuple[float, int]] = {}  # pid -> (CPU s, peak RSS bytes)

    def sample() -> None:
        while process.returncode is None:
            try:
                for child in psutil.Process(process.pid).children(recursive=True):
                    with child.oneshot():
                        _, peak = children.get(child.pid, (0.0, 0))
                        children[child.pid] = (cpu(child), max(peak, child.memory_info().rss))
            except psutil.Error:
                pass
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit {process.returncode}")
    total = usage.ru_utime + usage.ru_stime  # itself and its reaped children
    workers = sum(c for c, _ in children.values())
    peak = max((p for _, p in children.values()), default=0) / 2**20
    return Run(wall, total - workers, workers, peak_rss_mib=peak)


THREADS = {"Dask-Default-Threads": "task thread", "MainThread": "event loop (MainThread)"}


def _thread_cpu() -> dict[str, float]:
    """In a worker: CPU seconds per Python thread (numbers in names folded), and the rest."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[str, float] = {}
    for thread in threading.enumerate():
        try:
            stat = Path(f"/proc/self/task/{thread.native_id}/stat").read_text()
        except OSError:
            continue
        utime, stime = stat.rsplit(")", 1)[1].split()[11:13]
        name = THREADS.get(re.sub(r"[-\d]+", "-", thread.name).strip("-"), thread.name)
        found[name] = found.get(name, 0.0) + (int(utime) + int(stime)) / tick
    found["(other threads)"] = time.process_time() - sum(found.values())
    return found


def _peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def on_cluster(folder: Path, out: Path, fmt: str, workers: int, preload: bool) -> tuple[Run, float]:
    """A fresh LocalCluster (Dask's defaults, as a user gets them; ``preload``: with
    docconv's worker preload); the run and the wall seconds per empty task."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            preload=["convert.cluster_worker"] if preload else [],
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(workers)
        pids = client.run(os.getpid)
        processes = {address: psutil.Process(pid) for address, pid in pids.items()}
        here = psutil.Process()
        threads0 = client.run(_thread_cpu)
        cpu0 = {address: cpu(p) for address, p in processes.items()}
        here0 = cpu(here)
        run = docconv(str(folder), "-t", fmt, "-d", str(out),
                      "--cluster", cluster.scheduler_address)  # fmt: skip
        run.cluster = cpu(here) - here0
        run.workers = sum(cpu(p) - cpu0[address] for address, p in processes.items())
        threads1 = client.run(_thread_cpu)
        for address, names in threads1.items():
            for name, seconds in names.items():
                before = threads0[address].get(name, 0.0)
                run.worker_threads[name] = run.worker_threads.get(name, 0.0) + seconds - before
        run.peak_rss_mib = max(client.run(_peak_rss_mib).values())
        started = time.perf_counter()
        client.gather(client.map(abs, range(1000)))
        empty = (time.perf_counter() - started) / 1000
    return run, empty


def mean(runs: list[Run]) -> Run:
    n = len(runs)
    names = runs[0].worker_threads
    threads = {k: sum(r.worker_threads.get(k, 0.0) for r in runs) / n for k in names}
    return Run(
        sum(r.wall for r in runs) / n,
        sum(r.cli for r in runs) / n,
        sum(r.workers for r in runs) / n,
        sum(r.cluster for r in runs) / n,
        threads,
        max(r.peak_rss_mib for r in runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--formats", default="pdf,brief")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="local and cluster alternate")
    parser.add_argument(
        "--no-preload", action="store_true", help="skip the workers with docconv's preload"
    )
    args = parser.parse_args()
    n, w = args.count, args.workers
    results: dict[str, tuple[Run, Run, float]] = {}
    variants = {"": False} if args.no_preload else {"": False, ", preload": True}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_articles(folder, n)
        for fmt in args.formats.split(","):  # unmeasured: fills docconv's caches
            docconv(str(folder / "00000.txt"), "-t", fmt, "-d", f"{tmp}/warm")
        for fmt in args.formats.split(","):
            local: list[Run] = []
            dask: dict[str, list[Run]] = {v: [] for v in variants}
            empty: dict[str, list[float]] = {v: [] for v in variants}
            for r in range(args.rounds):
                local.append(docconv(str(folder), "-t", fmt, "-d", f"{tmp}/local-{fmt}-{r}",
                                     "--jobs", str(w)))  # fmt: skip
                for v, preload in variants.items():
                    out = Path(tmp) / f"dask-{fmt}-{r}-{preload}"
                    run, per_task = on_cluster(folder, out, fmt, w, preload)
                    dask[v].append(run)
                    empty[v].append(per_task)
            for v in variants:
                results[fmt + v] = (mean(local), mean(dask[v]), min(empty[v]))
    print(f"{n} articles, {w} workers, {args.rounds} round(s); load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after; CPU = user+system s\n")  # fmt: skip
    print(
        "| format | run | wall s | articles/s | docconv process CPU ms/article "
        "| worker CPU ms/article | scheduler+nannies CPU ms/article | all CPU ms/article "
        "| articles per CPU-s | peak RSS/worker MiB |"
    )
    print("|" + "---|" * 10)
    # Rows: the local pool, a LocalCluster as Dask starts it, one whose workers run docconv's
    # preload (dask worker --preload convert.cluster_worker).
    for key, (local, dask, _) in results.items():
        fmt, _, variant = key.partition(", ")
        rows = [] if variant else [(f"`--jobs {w}`", local)]
        for label, run in [*rows, ("`--cluster`" + (f", {variant}" if variant else ""), dask)]:
            cells = [run.wall, n / run.wall, *(1000 * x / n for x in
                     (run.cli, run.workers, run.cluster, run.total)), n / run.total]  # fmt: skip
            print(f"| {fmt} | {label} | " + " | ".join(f"{c:.1f}" for c in cells)
                  + f" | {run.peak_rss_mib:.0f} |")  # fmt: skip
    print("\n| format | cluster/local throughput | cluster/local articles per CPU-s "
          "| worker CPU cluster/local | empty task round trip ms |")  # fmt: skip
    print("|" + "---|" * 5)
    for fmt, (local, dask, empty) in results.items():
        print(f"| {fmt} | {local.wall / dask.wall:.2f} | {local.total / dask.total:.2f} "
              f"| {dask.workers / local.workers:.2f} | {1000 * empty:.2f} |")  # fmt: skip
    print("\nDask worker CPU by thread, ms/article:")
    for fmt, (_, dask, _) in results.items():
        parts = sorted(dask.worker_threads.items(), key=lambda kv: -kv[1])
        print(f"  {fmt}: " + ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in parts))


if __name__ == "__main__":
    main()
