"""Measure docconv against anchors measured in the same run; print Markdown tables.

Usage:  python benchmarks/run.py [--formats docx,txt,...] [--repeat 7] [--batch 200]
                                 [--sizes 1,20] [--size-formats docx,txt,...] [--before DIR]

``--before DIR`` adds, beside each docconv command, the same command run from another
source tree (e.g. ``git worktree add /tmp/old main``), interleaved with it in the same rounds.

How it keeps noise out (the machine may be shared):
- every figure is CPU time (user + system of the child, from ``wait4``) beside wall time;
- the commands compared in one table are interleaved, round by round, in a rotating order,
  so that a busy spell slows all of them rather than one;
- each command runs once unmeasured (page cache, bytecode: ``PYTHONDONTWRITEBYTECODE`` is
  removed from the children's environment, as an installed docconv has its ``.pyc`` files),
  then ``--repeat`` times, and the minimum is kept: noise only ever adds time;
- ratios are taken against anchors measured in the same rounds (a bare
  ``python -c "import click, pluggy"``, pandoc, pandoc then LibreOffice);
- the load average is printed before and after, so a noisy run can be recognised.
Nothing here is asserted by the tests (they never assert on time).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_23be539ad5687094.txt"
DOCCONV = [sys.executable, "-m", "convert"]
BARE = "python -c 'import click, pluggy'"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
BEFORE_ENV: dict[str, str] | None = None  # set by --before: imports the other tree first

# One conversion in a fresh process, after a warm-up on a tiny article (plugins, dictionaries
# and fonts loaded), so that the figures are the conversion's own. Peak memory is the process's
# VmHWM (ru_maxrss can carry the parent's peak across exec).
SIZE_PROBE = """
import re, sys, time
import convert
fmt, source, target = sys.argv[1:4]
convert.render(convert.load("標題\\n\\n暖身用的一段文字。\\n".encode()), fmt)
wall, cpu = time.perf_counter(), time.process_time()
convert.convert(source, target, to=fmt)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
kib = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)
print(f"{cpu:.4f} {wall:.4f} {kib}")
"""


@dataclass
class Cost:
    """The least CPU and wall seconds seen over the repeated runs of one command."""

    cpu: float = float("inf")
    wall: float = float("inf")

    def add(self, cpu: float, wall: float) -> None:
        self.cpu, self.wall = min(self.cpu, cpu), min(self.wall, wall)


def _cpu_of_children() -> float:
    """User + system seconds of every child process waited for so far (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # microseconds, not clock ticks
    return usage.ru_utime + usage.ru_stime


def run_once(argv: Sequence[str]) -> tuple[float, float]:
    """(CPU seconds of the child and its children, wall seconds) of one run of ``argv``."""
    env = ENV
    if argv and argv[0] == "before":  # see with_before()
        argv, env = argv[1:], BEFORE_ENV or ENV
    cpu, start = _cpu_of_children(), time.perf_counter()
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        _, stderr = child.communicate()
    wall = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{' '.join(argv)} failed:\n{stderr.decode(errors='replace')}")
    return _cpu_of_children() - cpu, wall


def interleaved(commands: Mapping[str, Sequence[str]], repeat: int) -> dict[str, Cost]:
    """Each command once unmeasured, then ``repeat`` rounds of all of them, order rotating."""
    labels = list(commands)
    costs = {label: Cost() for label in labels}
    for label in labels:
        run_once(commands[label])
    for round_ in range(repeat):
        shift = round_ % len(labels)
        for label in labels[shift:] + labels[:shift]:
            costs[label].add(*run_once(commands[label]))
    return costs


def with_before(commands: Mapping[str, Sequence[str]]) -> dict[str, Sequence[str]]:
    """``commands``, each docconv one followed by its run from the --before tree."""
    out: dict[str, Sequence[str]] = {}
    for label, argv in commands.items():
        out[label] = argv
        if BEFORE_ENV is not None and list(argv[: len(DOCCONV)]) == DOCCONV:
            out[f"{label} (before)"] = ["before", *argv]
    return out


def use_before(tree: Path, work: Path) -> None:
    """Run "before" commands with ``tree``'s packages first on the path (by their import names:
    the plugins folder is installed as ``docconv_plugins``)."""
    global BEFORE_ENV
    shim = work / "before-path"
    shim.mkdir()
    (shim / "convert").symlink_to(tree.resolve() / "convert")
    (shim / "docconv_plugins").symlink_to(tree.resolve() / "plugins")
    path = [str(shim), *filter(None, [ENV.get("PYTHONPATH")])]
    # Its own cache directory: the two trees' entry points (one sys.path longer) would
    # otherwise replace each other's cache file on every run.
    cache = str(work / "before-cache")
    BEFORE_ENV = {**ENV, "PYTHONPATH": os.pathsep.join(path), "DOCCONV_CACHE_DIR": cache}


def table(header: Sequence[str], rows: list[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def ratio(value: float, anchor: float) -> str:
    return f"{value / anchor:.2f}×"


def cost_rows(
    costs: Mapping[str, Cost], anchors: Sequence[str]
) -> tuple[list[str], list[list[object]]]:
    """One row per command: CPU and wall time, and both ratios against each anchor."""
    header = ["command", "CPU", "wall"]
    for anchor in anchors:
        header += [f"CPU ÷ {anchor}", f"wall ÷ {anchor}"]
    rows: list[list[object]] = []
    for label, cost in costs.items():
        row: list[object] = [label, ms(cost.cpu), ms(cost.wall)]
        for anchor in anchors:
            row += [ratio(cost.cpu, costs[anchor].cpu), ratio(cost.wall, costs[anchor].wall)]
        rows.append(row)
    return header, rows


def startup(repeat: int, work: Path) -> str:
    commands = {
        BARE: [sys.executable, "-c", "import click, pluggy"],
        "docconv --help": [*DOCCONV, "--help"],
        "docconv formats": [*DOCCONV, "formats"],
        "docconv convert seed -t txt": [*DOCCONV, "convert", str(SEED), "-t", "txt", "-o",
                                        str(work / "seed.txt")],
    }  # fmt: skip
    return table(*cost_rows(interleaved(with_before(commands), repeat), [BARE]))


def pandoc_commands(work: Path) -> dict[str, list[str]]:
    """The anchors: pandoc's markdown → DOCX, and pandoc then LibreOffice to PDF."""
    pandoc, soffice = shutil.which("pandoc"), shutil.which("soffice")
    if not pandoc:
        return {}
    md = work / "seed.md"
    subprocess.run([*DOCCONV, "convert", str(SEED), "-t", "md", "-o", str(md), "-q"], check=True)
    docx = work / "pandoc.docx"
    commands = {"pandoc": [pandoc, "-f", "markdown", "-t", "docx", str(md), "-o", str(docx)]}
    if soffice:
        profile = (work / "lo-profile").as_uri()  # its own profile: no other LibreOffice's lock
        script = (
            f'"{pandoc}" -f markdown -t docx "{md}" -o "{docx}" && "{soffice}" '
            f'-env:UserInstallation={profile} --headless --convert-to pdf --outdir "{work}" '
            f'"{docx}"'
        )
        commands["pandoc→LibreOffice"] = ["sh", "-c", script]
    return commands


def one_off(formats: Sequence[str], repeat: int, work: Path) -> str:
    anchors = pandoc_commands(work)
    commands = {
        f"docconv convert seed -t {fmt}": [
            *DOCCONV, "convert", str(SEED), "-t", fmt, "-o", str(work / f"one-off.{fmt}")
        ]
        for fmt in formats
    }  # fmt: skip
    names = [name for name in ("pandoc", "pandoc→LibreOffice") if name in anchors]
    return table(*cost_rows(interleaved({**with_before(commands), **anchors}, repeat), names))


def batch(formats: Sequence[str], size: int, repeat: int, work: Path) -> str:
    """Per-article cost of a batch (start-up included, spread over the articles), against one
    pandoc process per file, and the ``--jobs 2`` speed-up in wall time."""
    folder = work / "batch"
    folder.mkdir(exist_ok=True)
    text = SEED.read_bytes()
    for i in range(size):
        (folder / f"{i:05d}.txt").write_bytes(text)
    commands: dict[str, list[str]] = {}
    for fmt in formats:
        for jobs in (1, 2):
            out = work / f"batch-out-{fmt}-{jobs}"  # outputs overwritten in place on re-runs
            commands[f"{fmt} {jobs}"] = [*DOCCONV, "convert", str(folder), "-t", fmt, "-d",
                                         str(out), "-j", str(jobs), "-q"]  # fmt: skip
    anchors = pandoc_commands(work)
    commands = with_before(commands)
    if "pandoc" in anchors:
        commands["pandoc"] = anchors["pandoc"]
    costs = interleaved(commands, repeat)
    pandoc = costs.get("pandoc")
    rows: list[Sequence[object]] = []
    variants = ["", " (before)"] if BEFORE_ENV is not None else [""]
    for fmt, variant in [(fmt, variant) for fmt in formats for variant in variants]:
        one, two = costs[f"{fmt} 1{variant}"], costs[f"{fmt} 2{variant}"]
        cpu, wall = one.cpu / size, one.wall / size
        vs = [ratio(cpu, pandoc.cpu), ratio(wall, pandoc.wall)] if pandoc else ["", ""]
        rows.append([fmt + variant, ms(cpu), ms(wall), *vs, f"{size / two.wall:.1f}",
                     ratio(one.wall, two.wall)])  # fmt: skip
    if pandoc:
        rows.append(["pandoc, one process per file", ms(pandoc.cpu), ms(pandoc.wall),
                     "1.00×", "1.00×", "", ""])  # fmt: skip
    header = ["format", "--jobs 1 CPU per article", "wall per article", "CPU ÷ pandoc",
              "wall ÷ pandoc", "--jobs 2 articles/s", "--jobs 2 speed-up (wall)"]  # fmt: skip
    return table(header, rows)


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
    path = work / f"big-{megabytes:g}.txt"
    path.write_text("\n\n".join([headline, *paragraphs, source]), encoding="utf-8")
    return path


def probe(fmt: str, source: Path, work: Path) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak MiB) of one conversion in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", SIZE_PROBE, fmt, str(source), str(work / f"size-{fmt}.out")],
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    cpu, wall, kib = result.stdout.strip().splitlines()[-1].split()
    return float(cpu), float(wall), int(kib) / 1024


def growth(formats: Sequence[str], sizes: Sequence[float], work: Path) -> str:
    """CPU per MB at each size, its ratio to the smallest size's, and peak memory."""
    articles = [big_article(mb, work) for mb in sizes]
    header = ["format"]
    for path in articles:
        mb = path.stat().st_size / 1e6
        header += [f"{mb:.1f} MB: CPU", "CPU per MB", "peak memory"]
    header.append("CPU per MB, largest ÷ smallest")
    rows: list[Sequence[object]] = []
    for fmt in formats:
        row: list[object] = [fmt]
        per_mb = []
        for path in articles:
            cpu, _, mib = probe(fmt, path, work)
            per_mb.append(cpu / (path.stat().st_size / 1e6))
            row += [f"{cpu:.2f} s", f"{per_mb[-1]:.2f} s", f"{mib:.0f} MiB"]
        row.append(ratio(per_mb[-1], per_mb[0]))
        rows.append(row)
        print(f"  (measured {fmt})", file=sys.stderr)
    return table(header, rows)


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--formats", help="comma-separated formats (default: every writer)")
    parser.add_argument("--repeat", type=int, default=7, help="measured runs per command")
    parser.add_argument("--batch", type=int, default=200, help="articles in the batch test")
    parser.add_argument("--batch-repeat", type=int, default=3, help="measured runs per batch")
    parser.add_argument("--sizes", default="1,20", help="article sizes in MB for the growth test")
    parser.add_argument("--size-formats", help="formats for the growth test (default: --formats)")
    parser.add_argument(
        "--only", help="comma-separated sections: startup,one-off,batch,growth (default: all)"
    )
    parser.add_argument("--before", type=Path, help="another docconv source tree to compare")
    args = parser.parse_args()

    import convert

    formats = (
        args.formats.split(",")
        if args.formats
        else [f["name"] for f in convert.formats() if f["kind"] == "writer"]
    )
    size_formats = args.size_formats.split(",") if args.size_formats else formats
    sections = set(args.only.split(",")) if args.only else {"startup", "one-off", "batch", "growth"}
    versions = ""
    if pandoc := shutil.which("pandoc"):
        out = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
        versions = f", {out.splitlines()[0]}"
    print(
        f"docconv {convert.__version__}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()}{versions}. Minimum of {args.repeat} interleaved runs; "
        f"load average {load_average()}.\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.chdir(work)  # so that `python -m convert` finds no package in the working directory
        if args.before:
            use_before(args.before, work)
            print(f"(before) is {args.before}.\n")
        if "startup" in sections:
            print("### Start-up\n\n" + startup(args.repeat, work) + "\n", flush=True)
        if "one-off" in sections:
            print(
                "### The seed article, one command per format\n\n"
                + one_off(formats, args.repeat, work)
                + "\n",
                flush=True,
            )
        if "batch" in sections:
            print(
                f"### A batch of {args.batch} seed-sized articles "
                f"(minimum of {args.batch_repeat})\n\n"
                + batch(formats, args.batch, args.batch_repeat, work)
                + "\n",
                flush=True,
            )
        if "growth" in sections:
            sizes = [float(s) for s in args.sizes.split(",")]
            print(
                "### Growth with the article's size (one conversion in a warmed-up process)\n\n"
                + growth(size_formats, sizes, work)
                + "\n",
                flush=True,
            )
    print(f"Load average at the end: {load_average()}.")


if __name__ == "__main__":
    main()
