"""The brief's figures: times in several units, magnitudes, votes, the word that qualifies a
figure's noun, ages said of a person, and one score told twice (editor review 15b)."""

from __future__ import annotations

from brief_helpers import brief_of


def figures_of(text: str) -> list[str]:
    return list(brief_of(text).get("figures", []))


def test_a_time_in_several_units_is_one_figure() -> None:
    """A sprint's 10秒11 and a marathon's 2小时12分07秒 were cut after their first unit."""
    figures = figures_of(
        "田径决赛\n\n男子百米决赛，选手王明以10秒11的成绩夺冠。女子百米选手李红以11秒10夺冠。"
        "马拉松选手张强以2小时12分07秒的成绩夺得冠军，老将赵刚用时1小时05分完赛。\n"
    )
    for figure in ("10秒11", "11秒10", "2小时12分07秒", "1小时05分"):
        assert any(figure in f for f in figures), (figure, figures)
    assert not any(f.endswith(("10秒", "11秒", "2小时", "1小时")) for f in figures), figures


def test_an_earthquake_magnitude_is_a_figure() -> None:
    """Quake magnitudes were never figures: 芮氏規模7.2 (Traditional), 7.9级地震, 规模6.4."""
    figures = figures_of(
        "花蓮地震\n\n花蓮縣外海今早發生芮氏規模7.2地震，多棟房屋傾斜。\n\n"
        "缅甸中部28日发生7.9级地震。日本气象厅说，余震规模6.4。\n"
    )
    for figure in ("規模7.2", "7.9级地震", "规模6.4"):
        assert any(figure in f for f in figures), (figure, figures)


def test_a_vote_tally_is_a_figure() -> None:
    """59票對49票 and 贊成48人，反對55人 were missed; a vote is told like a score (91比79)."""
    figures = figures_of(
        "立法院表決\n\n立法院今天表決復議案，最後以59票對49票否決。"
        "衛星廣播電視法修正草案表決時，贊成48人，反對55人，未獲通過。\n"
    )
    for figure in ("59票對49票", "贊成48人", "反對55人"):
        assert any(figure in f for f in figures), (figure, figures)


def test_a_figure_keeps_the_word_that_qualifies_its_subject() -> None:
    """核心CPI同比上涨0.7% was listed as CPI同比上涨0.7% (a headline rate, not the core one),
    贊成民進黨復議案者49人 as 民進黨復議案者49人 (those for the motion, not the party)."""
    figures = figures_of(
        "物價數據\n\n全年扣除食品和能源价格的核心CPI同比上涨0.7%。\n\n"
        "立法院表決時，贊成民進黨復議案者49人。\n"
    )
    for figure in ("核心CPI同比上涨0.7%", "贊成民進黨復議案者49人"):
        assert any(f.endswith(figure) for f in figures), (figure, figures)


def test_an_age_belongs_to_the_person_it_describes_and_a_count_ends_on_its_noun() -> None:
    """浙江队16岁, 13岁的河北, 50岁的缅甸 were listed: an age joined by 的 to a place, a name or a
    quoted nickname describes someone named later, not the team or place; 8名参赛选手全部 took
    the adverb after the noun it counts."""
    figures = figures_of(
        "全运会\n\n浙江队16岁的“小孩姐”陈妤颉以11秒10夺冠。13岁的河北选手于子迪折桂。"
        "50岁的缅甸曼德勒市灾民伊伊说，一位年仅37岁的消防员殉职。8名参赛选手全部为“00后”。"
        "在混合接力中,18岁的石升吉与29岁老将杨家玉携手。\n"
    )
    assert not any("18岁" in f for f in figures), figures  # after a comma, not 1,800
    assert any(f.endswith("年仅37岁的消防员") for f in figures), figures
    assert any(f.endswith("8名参赛选手") for f in figures), figures
    for glued in ("浙江队16岁", "13岁的河北", "50岁的缅甸", "选手全部"):
        assert not any(f.endswith(glued) for f in figures), (glued, figures)


def test_one_score_told_twice_with_different_verbs_is_listed_once() -> None:
    """最終以5比4拿下勝利 was listed beside 中華在延長賽以5比4擊敗韓國; other scores stay."""
    figures = figures_of(
        "經典賽\n\n中華在延長賽以5比4擊敗韓國。韓國一度以4比3領先，雙方以4比4進入延長賽。"
        "延長10局，中華攻下超前分，最終以5比4拿下勝利。\n"
    )
    assert sum("5比4" in f for f in figures) == 1, figures
    assert figures[0].endswith("以5比4擊敗韓國"), figures
    for score in ("4比3", "4比4"):
        assert any(score in f for f in figures), (score, figures)


def test_counties_and_miles_are_units() -> None:
    """台中以南14縣市 was missed, 115 英里(约 185 公里) cut to 英里(约 185 公里)."""
    figures = figures_of(
        "颱風停班課\n\n颱風海葵逼近，台中以南14縣市宣布明天停止上班上課。"
        "记者驱车前往震中，全程约 115 英里(约 185 公里)。\n"
    )
    for figure in ("14縣市", "115 英里"):
        assert any(figure in f for f in figures), (figure, figures)


def test_a_count_of_counties_told_twice_is_listed_once() -> None:
    """全台21縣市 (the headline) and 其餘21縣市 (the lead) were both listed."""
    figures = figures_of(
        "颱風凱米逼近 全台21縣市停班課\n\n全台今天只有金門縣正常上班上課，其餘21縣市都停班課。\n"
    )
    assert sum("21縣市" in f for f in figures) == 1, figures


def test_a_measure_word_glued_into_a_noun_keeps_the_noun() -> None:
    """中天打官司撤銷2處分 was cut to 撤銷2處 (处分, a penalty, is one word)."""
    figures = figures_of("中天敗訴\n\n中天打官司撤銷2處分，2023年10月敗訴定讞。\n")
    assert any(f.endswith("撤銷2處分") for f in figures), figures
