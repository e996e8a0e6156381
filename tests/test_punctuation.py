import pytest

import convert
from docconv_plugins.punctuation import fullwidth_punctuation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("考察結束後,7月9日-11日,市長", "考察結束後\uff0c7月9日-11日\uff0c市長"),
        ("他說: 好! 對嗎?", "他說\uff1a好\uff01對嗎\uff1f"),
        ("合作事項;看望", "合作事項\uff1b看望"),
        ("生產總值(GDP)增長", "生產總值\uff08GDP\uff09增長"),
        ("(一)總則", "\uff08一\uff09總則"),
        ("3,000 people at 10:30", "3,000 people at 10:30"),
        ("Hello, world (note)", "Hello, world (note)"),
        ("比分2:1", "比分2:1"),
    ],
)
def test_fullwidth_punctuation(text: str, expected: str) -> None:
    assert fullwidth_punctuation(text) == expected


def test_transform_covers_headline_and_blocks(seed) -> None:
    doc = convert.transform(convert.load(seed), "punctuation")
    assert "結束後\uff0c7月9日-11日\uff0c市長" in doc.blocks[0].text
    assert not any("," in text for text in doc.texts())


def test_keep_option_leaves_text_as_written(seed) -> None:
    original = convert.load(seed)
    kept = convert.transform(original, "punctuation", punctuation="keep")
    assert kept == original
