import subprocess
import sys

import pytest

import convert
from convert.toolkit import fullwidth_punctuation

CASES = [
    # Chinese clauses: typeset.
    ("考察結束後,7月9日-11日,市長", "考察結束後\uff0c7月9日-11日\uff0c市長"),
    ("他說: 好! 對嗎?", "他說\uff1a好\uff01對嗎\uff1f"),
    ("合作事項;看望", "合作事項\uff1b看望"),
    ("真的嗎?!", "真的嗎\uff1f\uff01"),
    ("他問:「真的?」", "他問\uff1a「真的\uff1f」"),
    ("他問:“真的?”", "他問\uff1a“真的\uff1f”"),
    ("第一句,\n第二句", "第一句\uff0c\n第二句"),
    ("時間:10:30", "時間\uff1a10:30"),
    ("比分為:3:1", "比分為\uff1a3:1"),
    ("かな,カナ", "かな\uff0cカナ"),
    ("建設產業“四地”,全力推動", "建設產業“四地”\uff0c全力推動"),
    # Parentheses: in pairs, nested pairs too.
    ("生產總值(GDP)增長", "生產總值\uff08GDP\uff09增長"),
    ("(一)總則", "\uff08一\uff09總則"),
    ("會議(第一次(預備)會議)結束", "會議\uff08第一次\uff08預備\uff09會議\uff09結束"),
    ("(見附件(A))", "\uff08見附件\uff08A\uff09\uff09"),
    ("(真的?)", "\uff08真的\uff1f\uff09"),
    # Numbers, times, ratios: unchanged.
    ("3,000 people at 10:30", "3,000 people at 10:30"),
    ("比分2:1", "比分2:1"),
    ("共1,000人", "共1,000人"),
    ("3:1的比例", "3:1的比例"),
    # English, quotes, apostrophes: unchanged, spaces too.
    ("Hello, world (note)", "Hello, world (note)"),
    ("“Yes,” he said, “we will.”", "“Yes,” he said, “we will.”"),
    ("students’, teachers’", "students’, teachers’"),
    ("他說“Yes, we can!”然後離開", "他說“Yes, we can!”然後離開"),
    ("He said: ok", "He said: ok"),
    ("(a (b) c)", "(a (b) c)"),
    # URLs, e-mail, code: unchanged.
    ("網址:https://example.com/a?b=1", "網址:https://example.com/a?b=1"),
    ("網址: https://例子.中國/路徑?查詢=1", "網址: https://例子.中國/路徑?查詢=1"),
    ("寫信到名字@例子.com,謝謝", "寫信到名字@例子.com,謝謝"),
    ("https://例子.中國/路徑?查詢=1", "https://例子.中國/路徑?查詢=1"),
    ("郵件 a.b@example.com, 電話", "郵件 a.b@example.com, 電話"),
    ("調用print(x)函數", "調用print(x)函數"),
    ("代碼 if (a) { b; }", "代碼 if (a) { b; }"),
    ("f(x)=y;g(z)", "f(x)=y;g(z)"),
    # Mixed sentences: only the Chinese clauses change.
    ("蘋果推出iPhone 15, 售價不變", "蘋果推出iPhone 15, 售價不變"),
    ("他說,Apple的產品(如iPad)很好", "他說,Apple的產品\uff08如iPad\uff09很好"),
    ("報告指出:GDP增長5%,", "報告指出:GDP增長5%,"),
    ("增長5%,達到新高", "增長5%,達到新高"),
    ("增長五成,達到新高;", "增長五成\uff0c達到新高\uff1b"),
    ("unbalanced (中文", "unbalanced (中文"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_fullwidth_punctuation(text: str, expected: str) -> None:
    assert fullwidth_punctuation(text) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 30


def test_latin_text_never_changes() -> None:
    """No CJK character, no change: an English paragraph passes through byte for byte."""
    english = 'He said: "Yes, (really) we will!" Ratio 3:1; at 10:30, 1,000 people?'
    assert fullwidth_punctuation(english) == english


def test_transform_covers_headline_and_blocks(seed) -> None:
    doc = convert.transform(convert.load(seed), "punctuation")
    assert "結束後\uff0c7月9日-11日\uff0c市長" in doc.blocks[0].text
    assert not any("," in text for text in doc.texts())


def test_keep_option_leaves_text_as_written(seed) -> None:
    original = convert.load(seed)
    kept = convert.transform(original, "punctuation", punctuation="keep")
    assert kept == original


def test_patterns_are_not_compiled_at_import() -> None:
    code = (
        "import convert.toolkit.punctuation as p; "
        "assert p._patterns.cache_info().currsize == 0; "
        "p.fullwidth_punctuation('好,'); assert p._patterns.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
