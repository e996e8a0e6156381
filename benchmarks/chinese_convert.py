"""How much Simplified/Traditional conversion costs: whole commands, table loading, throughput.

Run:  python benchmarks/chinese_convert.py [--runs N] [--repeat R]

Whole-command runs of ``docconv convert`` are interleaved (txt, zh-hans, zh-hant, ...)
so that background load hits every variant alike; medians are reported.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_23be539ad5687094.txt"
GOLDEN = ROOT / "seeds" / "000_23be539ad5687094.t2s.txt"


def _docconv() -> list[str]:
    found = shutil.which("docconv", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "convert"]


def whole_commands(runs: int) -> None:
    commands = {
        "txt (baseline)": [str(SEED), "-t", "txt"],
        "zh-hans (t2s)": [str(SEED), "-t", "zh-hans"],
        "zh-hant (s2t) of the golden": [str(GOLDEN), "-t", "zh-hant"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            start = time.perf_counter()
            subprocess.run(
                [*_docconv(), "convert", *args, "-o", "-"], check=True, capture_output=True
            )
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["txt (baseline)"])
    print(f"\nWhole command `docconv convert SEED -t FORMAT -o -`, median of {runs} runs")
    print(f"{'format':<30}{'median ms':>10}{'added ms':>10}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<30}{median * 1000:>10.1f}{(median - base) * 1000:>10.1f}")


def _best(fn: Callable[[], object], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def in_process(repeat: int) -> None:
    import convert
    from docconv_plugins.opencc_adapter import converter, load_table

    start = time.perf_counter()
    import opencc  # noqa: F401  (the library's import is part of the one-time cost)

    print(f"\nimport opencc: {(time.perf_counter() - start) * 1000:.1f} ms")
    print("\nOne-time table loading, per configuration (cold caches, best of 5)")
    print(f"{'config':<8}{'load ms':>9}")
    for config in ("t2s", "tw2s", "tw2sp", "hk2s", "s2t", "s2tw", "s2twp", "s2hk"):

        def cold(config: str = config) -> None:
            converter.cache_clear()
            load_table.cache_clear()
            converter(config)

        print(f"{config:<8}{_best(cold) * 1000:>9.1f}")

    seed_doc = convert.load(SEED)
    golden_doc = convert.load(GOLDEN)
    convert.transform(seed_doc, "simplified")  # warm the caches
    convert.transform(golden_doc, "traditional")
    seed_chars = sum(len(t) for t in seed_doc.texts())
    print(f"\nWarm conversion of the seed document ({seed_chars} characters), best of 5")
    for label, doc, name in (
        ("simplified (t2s)", seed_doc, "simplified"),
        ("traditional (s2t)", golden_doc, "traditional"),
    ):
        seconds = _best(lambda doc=doc, name=name: convert.transform(doc, name))
        print(f"{label:<20}{seconds * 1000:>8.2f} ms  {seed_chars / seconds / 1e6:>6.2f} M chars/s")

    big = SEED.read_text(encoding="utf-8") * repeat
    size = len(big.encode("utf-8")) / 1e6
    print(f"\nThroughput on the seed text repeated {repeat}x ({len(big)} chars, {size:.1f} MB)")
    for config, text in (("t2s", big), ("s2t", GOLDEN.read_text(encoding="utf-8") * repeat)):
        fn = converter(config)
        seconds = _best(lambda fn=fn, text=text: fn(text), runs=1)
        print(f"{config:<8}{seconds:>8.2f} s  {len(text) / seconds / 1e6:>6.2f} M chars/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="whole-command runs per format")
    parser.add_argument("--repeat", type=int, default=500, help="seed copies in the big text")
    args = parser.parse_args()
    whole_commands(args.runs)
    in_process(args.repeat)


if __name__ == "__main__":
    main()
