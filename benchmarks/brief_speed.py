"""Time the brief transform on long articles (after start-up), and the first brief in a process.

Long articles are built from the seed and the evaluation articles, every sentence made
unique (so no cache helps).    python benchmarks/brief_speed.py
"""

import pathlib
import time

import convert
from convert import Paragraph
from docconv_plugins.brief import make_brief

opts = {"sentences": 3, "budget": 120, "keywords": 8, "fields": "all"}
paths = [
    pathlib.Path("seeds/000_23be539ad5687094.txt"),
    *sorted(pathlib.Path("benchmarks/data").glob("[0-9]*[!f].txt")),
]
pool = [b.text for p in paths for b in convert.load(p).blocks]
seed = convert.load(paths[0])
t = time.perf_counter()
make_brief(seed, opts)
first = time.perf_counter() - t
for n in (100, 300, 600):
    blocks = [Paragraph(pool[i % len(pool)].replace("\u3002", f"{i}\u3002")) for i in range(n)]
    doc = seed.replace(blocks=blocks)
    chars = sum(len(b.text) for b in blocks)
    t = time.perf_counter()
    make_brief(doc, opts)
    took = time.perf_counter() - t
    print(f"{n} paragraphs, {chars} characters: {took * 1000:.0f} ms")
print(f"first brief in the process (loads jieba and its tables): {first * 1000:.0f} ms")
