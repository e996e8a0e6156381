"""How fast the brief is, honestly: every article briefed is unique (no cache helps).

Reports CPU time (time.process_time) beside wall time:

1. the first brief in a fresh process (its tables loaded from the cache directory, as on
   every run after the first on a machine), through the Python API and as a whole
   one-off ``docconv convert`` beside ``-t txt``;
2. the warm brief of a seed-sized article: the median over N unique variants of the
   seed (every sentence carries its own number, so no segmentation is reused);
3. a batch of unique seed-sized articles through ``docconv convert -t brief`` with
   ``--jobs 1`` and ``--jobs 2`` (articles per second of wall time);
4. growth: CPU per MB and peak memory (a fresh process each) at --sizes MB.

    python benchmarks/brief_speed.py [--articles 200] [--sizes 0.5 1 2] [--skip-batch]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_23be539ad5687094.txt"

MODEL_START = textwrap.dedent(
    """
    import json, time
    t = time.process_time()
    import numpy
    numpy_cpu = time.process_time() - t
    import onnxruntime
    runtime_cpu = time.process_time() - t - numpy_cpu
    from docconv_plugins.brief import ner
    t = time.process_time()
    ner._vocabulary(ner._folder())
    vocabulary_cpu = time.process_time() - t
    t = time.process_time()
    ner._model()
    print(json.dumps({"numpy": numpy_cpu, "onnxruntime": runtime_cpu,
                      "vocabulary": vocabulary_cpu, "model": time.process_time() - t}))
    """
)
"""The name model's one-off cost in a fresh process: its imports, its vocabulary (from the
cache directory), and the whole model (session, vocabulary again, transitions)."""

ONE_BRIEF = textwrap.dedent(
    """
    import json, resource, sys, time
    t0, w0 = time.process_time(), time.perf_counter()
    import convert
    from docconv_plugins.brief.brief import make_brief
    document = convert.load(sys.argv[1])
    t, w = time.process_time(), time.perf_counter()
    make_brief(document, {"sentences": 3, "budget": 0, "keywords": 8, "fields": "all"})
    print(json.dumps({
        "cpu": time.process_time() - t, "wall": time.perf_counter() - w,
        "process_cpu": time.process_time() - t0,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    """
)


def variant(text: str, n: int) -> str:
    """The seed with every sentence numbered ``n``: same size, nothing shared."""
    return text.replace("\u3002", f"{n}\u3002")


def big_article(size_mb: float) -> str:
    """A title, then unique seed paragraphs until ``size_mb`` MB of UTF-8."""
    title, *paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out, size, n = [title], 0, 0
    while size < size_mb * 1_000_000:
        paragraph = variant(paragraphs[n % len(paragraphs)], n)
        out.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
        n += 1
    return "\n\n".join(out) + "\n"


def fresh_process(path: Path | None, script: str = ONE_BRIEF) -> dict[str, float]:
    arguments = [str(path)] if path else []
    result = subprocess.run(
        [sys.executable, "-c", script, *arguments], capture_output=True, text=True, check=True
    )
    return dict(json.loads(result.stdout))


def warm(articles: int) -> tuple[float, float, float, float, float, float]:
    """Median CPU and wall seconds of one brief of a unique seed-sized article, and the
    median CPU of jieba segmenting the same article once (the anchor for the ratio), of
    the name model reading it once, and of that the network's and the decoder's parts."""
    import numpy

    import convert
    from docconv_plugins.brief import ner
    from docconv_plugins.brief.brief import make_brief

    options = {"sentences": 3, "budget": 0, "keywords": 8, "fields": "all"}
    text = SEED.read_text(encoding="utf-8")
    make_brief(convert.load(text.encode("utf-8"), name="seed.txt"), options)  # load jieba
    from convert.toolkit.segment import _tokenizer, simplified_copy

    cpu, wall, anchor, model, network, decoder = [], [], [], [], [], []
    for n in range(articles):
        article = variant(text, n)
        document = convert.load(article.encode("utf-8"), name="seed.txt")
        t, w = time.process_time(), time.perf_counter()
        make_brief(document, options)
        cpu.append(time.process_time() - t)
        wall.append(time.perf_counter() - w)
        t = time.process_time()
        list(_tokenizer().cut(simplified_copy(article)))  # the anchor: jieba alone, once
        anchor.append(time.process_time() - t)
        paragraphs = [b.text for b in document.blocks if b.text]
        t = time.process_time()
        ner.mentions(paragraphs)  # the name model alone, once
        model.append(time.process_time() - t)
        sentences = [s for p in paragraphs for _, s in ner._sentences(p)]
        t = time.process_time()
        emissions = ner._emissions(ner._model(), sentences)
        network.append(time.process_time() - t)
        scores, lengths = numpy.concatenate(emissions), [len(s) for s in sentences]
        t = time.process_time()
        ner.best_paths(scores, lengths, ner._model().transitions)
        decoder.append(time.process_time() - t)
    median = statistics.median
    return (
        median(cpu),
        median(wall),
        median(anchor),
        median(model),
        median(network),
        median(decoder),
    )


def one_off(path: Path, target: str) -> float:
    """CPU seconds of a whole ``docconv convert PATH -t TARGET`` process, best of 3."""
    runs = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        command = [sys.executable, "-m", "convert", "convert", str(path), "-t", target]
        subprocess.run([*command, "-o", str(path.with_suffix(f".out.{target}")), "-q"], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(runs)


def batch(articles: int, jobs: int, folder: Path) -> tuple[float, float]:
    """Articles per second of wall time for ``docconv convert -t brief -j jobs``, and the
    CPU seconds per article of all its processes (start-up and jieba loads included)."""
    out = folder / f"out{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "-m", "convert", "convert", str(folder / "in"), "-t", "brief"]
    subprocess.run([*command, "-d", str(out), "-j", str(jobs), "-q"], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return articles / wall, cpu / articles


def load_average(when: str) -> str:
    """The machine's load (1, 5, 15 minutes): CPU figures mean little on a busy machine."""
    if not hasattr(os, "getloadavg"):
        return f"load average {when}: unknown"
    return f"load average {when}: " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--sizes", type=float, nargs="*", default=[0.5, 1.0, 2.0])
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    print(load_average("at the start"))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "in").mkdir()
        seed_copy = folder / "seed.txt"
        seed_copy.write_text(text, encoding="utf-8")
        fresh_process(seed_copy)  # builds the caches if this machine has none yet
        first = [fresh_process(seed_copy) for _ in range(3)]
        best = min(first, key=lambda r: r["cpu"])
        print(
            f"first brief in a process: {best['cpu'] * 1000:.0f} ms CPU, "
            f"{best['wall'] * 1000:.0f} ms wall (best of 3; whole process "
            f"{best['process_cpu'] * 1000:.0f} ms CPU)"
        )
        brief, txt = one_off(seed_copy, "brief"), one_off(seed_copy, "txt")
        print(
            f"one-off `docconv convert seed -t brief`: {brief * 1000:.0f} ms CPU, whole process "
            f"(`-t txt` on the same file: {txt * 1000:.0f} ms; the brief adds "
            f"{(brief - txt) * 1000:.0f} ms)"
        )
        start = fresh_process(None, MODEL_START)
        print(
            f"name model start in a fresh process: import numpy {start['numpy'] * 1000:.0f} ms, "
            f"onnxruntime {start['onnxruntime'] * 1000:.0f} ms, vocabulary (cached) "
            f"{start['vocabulary'] * 1000:.0f} ms, whole model {start['model'] * 1000:.0f} ms CPU"
        )
        cpu, wall, anchor, model, network, decoder = warm(args.articles)
        print(
            f"warm brief, seed-sized ({len(text)} characters), median of {args.articles} "
            f"unique articles: {cpu * 1000:.1f} ms CPU, {wall * 1000:.1f} ms wall; jieba alone "
            f"segmenting it once: {anchor * 1000:.1f} ms CPU (brief = {cpu / anchor:.1f}x); "
            f"the name model alone reading it once: {model * 1000:.1f} ms CPU "
            f"({model / cpu:.0%} of the brief; network {network * 1000:.1f} ms, "
            f"decoding {decoder * 1000:.1f} ms)"
        )
        if not args.skip_batch:
            for n in range(args.articles):
                (folder / "in" / f"a{n:04d}.txt").write_text(variant(text, n), encoding="utf-8")
            rates = {jobs: batch(args.articles, jobs, folder) for jobs in (1, 2)}
            print(
                f"batch of {args.articles} unique articles: {rates[1][0]:.1f} articles/s with "
                f"--jobs 1, {rates[2][0]:.1f} with --jobs 2 ({rates[2][0] / rates[1][0]:.2f}x); "
                f"CPU per article {rates[1][1] * 1000:.0f} ms and {rates[2][1] * 1000:.0f} ms"
            )
        print("\n| article | CPU | CPU per MB | wall | peak memory |\n|---|---|---|---|---|")
        for size in args.sizes:
            path = folder / f"big{size}.txt"
            path.write_text(big_article(size), encoding="utf-8")
            result = fresh_process(path)
            print(
                f"| {size:g} MB | {result['cpu']:.2f} s | {result['cpu'] / size:.2f} s "
                f"| {result['wall']:.2f} s | {result['peak_mib']:.0f} MiB |"
            )
    print(load_average("at the end"))


if __name__ == "__main__":
    main()
