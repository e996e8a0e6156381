"""CPU seconds a batch worker spends starting, with and without the parent's warm-up.

Usage:  python benchmarks/worker_start.py [--formats brief,pdf,docx,zh-hans] [--repeat 3]

Each measurement runs in a fresh process (so nothing loaded by an earlier one is
inherited): it converts ``--jobs 2`` x 2 copies of the seed with ``convert.batch.run``
and reads the CPU time of the workers (``RUSAGE_CHILDREN``, after the pool has joined
them) and of the parent. A worker's start cost is its CPU time less the CPU time of
converting one file in an already warm process, measured in the same run. "cold" turns
the warm-up off (as before it existed); "warm" is docconv as it is. Minimum of
``--repeat`` interleaved runs. CPU time, not wall time: the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_23be539ad5687094.txt"
FILES = 2


def measure(fmt: str, warm: bool) -> dict[str, float]:
    """In this (fresh) process: CPU of the workers, of the parent, and of one warm file."""
    from convert import batch, workers
    from convert.plugins import get_plugin_manager

    if not warm:
        workers.warm_up = lambda plan: None  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for i in range(FILES):
            path = Path(tmp) / f"{i}.txt"
            path.write_bytes(SEED.read_bytes())
            sources.append((str(path), None))
        tasks = batch.plan_tasks(sources, [fmt.replace("zh-hans", "zh-hans.txt")], None, tmp + "/o")
        spec = batch.PlanSpec((fmt,))
        plan = spec.build(get_plugin_manager())
        self_before = resource.getrusage(resource.RUSAGE_SELF)
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        results = batch.run(tasks, spec, plan, jobs=FILES)
        assert all(r.error is None for r in results), results
        self_after = resource.getrusage(resource.RUSAGE_SELF)
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        batch.convert_task(tasks[0], plan)  # make sure this process is warm, then time one
        start = time.process_time()
        batch.convert_task(tasks[0], plan)
        one_file = time.process_time() - start

    def cpu(after: resource.struct_rusage, before: resource.struct_rusage) -> float:
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    workers = cpu(children_after, children_before)
    return {
        "parent": cpu(self_after, self_before),
        "workers": workers,
        "one_file": one_file,
        "start_per_worker": (workers - FILES * one_file) / FILES,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default="brief,pdf,docx,zh-hans")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("FORMAT", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], args.child[1] == "warm")))
        return
    print(
        "| format | worker start, cold (CPU s) | worker start, warm (CPU s) | "
        "parent warm-up (CPU s) | one file (CPU s) |"
    )
    print("|---|---|---|---|---|")
    for fmt in args.formats.split(","):
        runs: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
        for _ in range(args.repeat):
            for mode in runs:  # interleaved
                out = subprocess.run(
                    [sys.executable, __file__, "--child", fmt, mode],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                runs[mode].append(json.loads(out))
        cold = min(r["start_per_worker"] for r in runs["cold"])
        warm = min(r["start_per_worker"] for r in runs["warm"])
        warm_up = min(r["parent"] for r in runs["warm"]) - min(r["parent"] for r in runs["cold"])
        one = min(r["one_file"] for r in runs["warm"] + runs["cold"])
        print(f"| {fmt} | {cold:.2f} | {warm:.2f} | {warm_up:.2f} | {one:.2f} |")


if __name__ == "__main__":
    main()
