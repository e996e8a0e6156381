"""What the check of the workers' docconv and plugins costs a ``--cluster`` run.

Usage:  python benchmarks/cluster_check.py [--workers 2] [--repeat 20]

Starts a LocalCluster of ``--workers`` single-thread worker processes, then asks them what
they lack of a pdf + brief run over ``.txt`` inputs (:func:`convert.cluster_check.check_workers`):
once on fresh workers (their plugin manager loads then, as for their first task), then
``--repeat`` times more. Prints wall and client CPU milliseconds per check, with an empty
task's round trip (``client.submit`` of a no-op) measured in the same run as the anchor.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any


def _timed(call: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median wall ms and median client CPU ms of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _nothing() -> None:
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from convert.cluster_check import check_workers, requirements
    from convert.pipeline import PlanSpec
    from convert.plugins import get_plugin_manager

    plan = PlanSpec(("pdf", "brief")).build(get_plugin_manager())
    required = requirements(plan, [f"in/{i}.txt" for i in range(1000)])
    with (
        LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=":0") as c,
        Client(c) as client,
    ):
        first = _timed(lambda: check_workers(client, required), 1)
        again = _timed(lambda: check_workers(client, required), args.repeat)
        task = _timed(lambda: client.submit(_nothing, pure=False).result(), args.repeat)
    print("| what | wall ms | client CPU ms |\n|---|---|---|")
    for name, (wall, cpu) in (
        ("check, fresh workers", first),
        ("check, again (median)", again),
        ("empty task round trip (median)", task),
    ):
        print(f"| {name} | {wall:.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
