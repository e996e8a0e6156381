"""The brief's figures: times in several units, magnitudes, votes, the word that qualifies a
figure's noun, ages said of a person, and one score told twice (editor review 15b)."""

from __future__ import annotations

import convert


def figures_of(text: str) -> list[str]:
    document = convert.load(text.encode("utf-8"), name="article.txt")
    return list(convert.transform(document, "brief").meta.extras["brief"].get("figures", []))


def test_a_time_in_several_units_is_one_figure() -> None:
    """A sprint's 10秒11 and a marathon's 2小时12分07秒 were cut after their first unit."""
    figures = figures_of(
        "田径决赛\n\n男子百米决赛，选手王明以10秒11的成绩夺冠。女子百米选手李红以11秒10夺冠。"
        "马拉松选手张强以2小时12分07秒的成绩夺得冠军，老将赵刚用时1小时05分完赛。\n"
    )
    for figure in ("10秒11", "11秒10", "2小时12分07秒", "1小时05分"):
        assert any(figure in f for f in figures), (figure, figures)
    assert not any(f.endswith(("10秒", "11秒", "2小时", "1小时")) for f in figures), figures
