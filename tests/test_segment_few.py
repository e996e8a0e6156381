"""segment_few: jieba's words for a short text without loading jieba's dictionary.

PDF headlines are broken at word boundaries, and a one-off brief segments one article:
loading jieba's dictionary cost more than either. segment_few must find exactly the words
jieba itself finds (HMM on), so the checks compare the two on real headlines and on
generated text; segment() cuts through the lexicon the same way until a process has cut
enough text to make loading the dictionary worth it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.toolkit import segment as segmentation
from convert.toolkit.segment import segment, segment_few

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _jieba_loaded() -> None:
    """Once jieba's dictionary is loaded, segment() is jieba itself: the reference."""
    segmentation._tokenizer()


def _lines() -> list[str]:
    """The first lines (headline and lead) of the seed and the benchmark articles."""
    files = sorted((ROOT / "benchmarks" / "data").glob("*.txt")) + sorted(ROOT.glob("seeds/*.txt"))
    out = []
    for path in files:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out += lines[:2]
    return out


def test_the_same_words_as_jieba_on_every_benchmark_headline_and_lead() -> None:
    lines = _lines()
    assert len(lines) > 100
    for line in lines:
        assert segment_few(line) == segment(line), line


@pytest.mark.parametrize(
    "text",
    [
        "無錫代表團在青海海東市學習考察並推動東西部協作合作項目",
        "國手王楚欽奪得男子單打冠軍再創生涯新高",  # a name jieba's HMM finds
        "市領導馬銳、張忠良、陳道霖出席",
        "台積電2024年營收成長5.5%，GDP增長3.2%",
        "iPhone 15 Pro發表 售價＄999起\r\n下一行\t跳格",
        "C++與C#的比較：a-b_c&d.e%f",
        "「一帶一路」——十年回顧……",
        "",
        "   ",
        "a",
    ],
)
def test_the_same_words_as_jieba_on_hard_cases(text: str) -> None:
    assert segment_few(text) == segment(text)


_ALPHABET = st.sampled_from(
    list("的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動")
    + list("馬銳楚欽璟甯赟曌")  # rare characters: runs the dictionary does not know
    + list("0123456789abcXYZ.%-+#&_ \t\r\n，。、「」（）：")
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=40))
def test_the_same_words_as_jieba_on_any_text(text: str) -> None:
    assert segment_few(text) == segment(text)


@pytest.mark.slow  # builds a lexicon in an empty cache (a few seconds)
def test_a_headline_does_not_load_jieba(tmp_path: Path) -> None:
    """Once the lexicon is in the cache, segmenting a headline imports no jieba at all."""
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(tmp_path)}
    probe = (
        "import sys; from convert.toolkit.segment import segment_few; "
        "words = [t.text for t in segment_few('國手王楚欽奪得男子單打冠軍')]; "
        "print(' '.join(words), 'jieba' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.split()[-1] == "True"  # the lexicon was built with jieba
    assert second.stdout.split() == [*first.stdout.split()[:-1], "False"]


SWITCH_PROBE = """
import sys
from convert.toolkit import segment
segment.DICTIONARY_AFTER = 30
texts = ["無錫代表團在青海海東市學習考察", "國手王楚欽奪得男子單打冠軍", "市領導馬銳、張忠良出席"]
words = []
for text in texts:
    words.append([t.text for t in segment.segment(text)])
    words.append(segment._tokenizer.cache_info().currsize)
few = [[t.text for t in segment.segment_few(text)] for text in texts]
print(words == [few[0], 0, few[1], 0, few[2], 1], "jieba" in sys.modules)
"""


def test_segment_loads_the_dictionary_only_once_enough_text_was_cut(tmp_path: Path) -> None:
    """The first texts of a process are cut through the lexicon, the rest through jieba's
    dictionary once DICTIONARY_AFTER characters are passed: the same words either way."""
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-c", "from convert.toolkit import segment; segment.tag('中')"],
        env=env,
        check=True,
    )  # builds the lexicon
    done = subprocess.run(
        [sys.executable, "-c", SWITCH_PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "True"]


@pytest.mark.slow  # builds a lexicon in an empty cache
def test_a_one_off_brief_does_not_load_jieba(tmp_path: Path) -> None:
    """A brief of one news article from the command line never imports jieba (its
    dictionary costs ~0.2 s of CPU, a third of the brief), and lists the same people."""
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(tmp_path)}
    seed = ROOT / "seeds" / "000_23be539ad5687094.txt"
    probe = (
        "import sys, runpy; sys.argv = ['docconv', 'convert', sys.argv[1], '-t', 'brief', '-o', "
        "sys.argv[2]]\ntry:\n    runpy.run_module('convert', run_name='__main__')\n"
        "except SystemExit as end:\n    print(end.code or 0, 'jieba' in sys.modules)"
    )
    outputs = []
    for n in range(2):  # the first run builds the lexicon with jieba
        out = tmp_path / f"{n}.md"
        done = subprocess.run(
            [sys.executable, "-c", probe, str(seed), str(out)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(done.stdout.split())
    assert outputs[1] == ["0", "False"]
    assert "馬銳" in (tmp_path / "1.md").read_text(encoding="utf-8")
