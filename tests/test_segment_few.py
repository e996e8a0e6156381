"""segment_few: jieba's words for a short text without loading jieba's dictionary.

PDF headlines are broken at word boundaries; loading jieba's dictionary for one headline cost
more than the rest of the PDF. segment_few must find exactly the words segment() finds (jieba
itself, HMM on), so the checks compare the two on real headlines and on generated text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.toolkit.segment import segment, segment_few

ROOT = Path(__file__).resolve().parent.parent


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
