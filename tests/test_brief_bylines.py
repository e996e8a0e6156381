"""Bylines, credits, datelines and header stamps are no news: the brief's gist, key
sentences, people, organisations, figures and keywords leave them out (editor review of
Taiwan and mainland wire news, session 15). Every article here is written for the test."""

from __future__ import annotations

from brief_helpers import brief_of

from docconv_plugins.brief.bylines import credit_spans
from docconv_plugins.brief.summarize import split_sentences


def people(data: dict) -> list[str]:
    return [p["text"] for p in data.get("people", [])]


def credits(text: str) -> list[str]:
    return [text[a:b] for a, b in credit_spans(text)]


WIRE = (
    "高雄輕軌環狀線全線通車\n\n"
    "（中央社記者王大同高雄3日電）高雄輕軌環狀線今天全線通車，市長陳其邁搭乘首班列車，"
    "全線共有38座車站。\n\n"
    "高雄市捷運局表示，通車首月民眾可免費搭乘，預計每日運量可達3萬人次。\n\n"
    "陳其邁說，輕軌將串連港區與市區，帶動沿線發展。（編輯：林小華）1130512\n"
)


def test_a_wire_dateline_and_an_editor_trailer_are_no_people_orgs_or_figures() -> None:
    """CNA's （中央社記者…電） dateline and （編輯：…）1100731 trailer listed the reporter,
    the editor and the agency (中央社記者楊啟芳, 編輯張銘坤, 中央社) and left the dateline in
    the gist."""
    data = brief_of(WIRE)
    assert data["gist"]["text"].startswith("高雄輕軌環狀線今天全線通車"), data["gist"]
    assert not any("王大同" in p or "林小華" in p for p in people(data)), people(data)
    assert any(p.endswith("陳其邁") for p in people(data)), people(data)
    assert "中央社" not in data.get("organisations", [])
    assert not any("中央社" in k or "編輯" in k for k in data.get("keywords", []))
    assert not any("1130512" in f or "王大同" in f for f in data.get("figures", []))


def test_an_agency_named_outside_its_byline_is_listed() -> None:
    """An agency is listed only where the article names it as part of the news."""
    data = brief_of(
        WIRE.replace(
            "高雄市捷運局表示，", "中央社今天也公布民調，七成市民支持輕軌。高雄市捷運局表示，"
        )
    )
    assert "中央社" in data.get("organisations", []) or "中央社" in data.get("keywords", [])


def test_a_bracketed_mainland_dateline_and_a_closing_credit_line() -> None:
    """新京报讯（记者 苏季） stayed in the gist and 记者苏季, 校对李铭 were people (from a closing
    line 新京报记者 苏季 校对 李铭)."""
    data = brief_of(
        "北湖市启动冬季供暖\n\n"
        "北方晨报讯（记者 陈明）11月1日，北湖市热力公司宣布全市提前启动冬季供暖，"
        "覆盖居民42万户。\n\n"
        "热力公司负责人表示，今年新建管网120公里，供暖质量将进一步提高。\n\n"
        "北方晨报记者 陈明 校对 刘青\n"
    )
    assert data["gist"]["text"].startswith("11月1日，北湖市热力公司"), data["gist"]
    assert not any("陈明" in p or "刘青" in p for p in people(data)), people(data)
    assert not any("北方晨报" in o for o in data.get("organisations", []))
    assert not any(s["text"].startswith("北方晨报记者") for s in data["sentences"])


def test_photo_captions_with_a_photo_credit_are_no_gist_and_no_key_sentences() -> None:
    """Three captions ending ■新华社记者 程敏 摄 were the gist and all key sentences, and their
    photographers people, while the lead after them was missed."""
    data = brief_of(
        "中国队再夺两金\n\n"
        "5月3日，选手在比赛中。 当日，在全运会跳水决赛中，北湖队获得冠军。 ■新华社记者 赵青 摄\n\n"
        "5月3日，选手在领奖台上。 ■北方晨报记者 孙立 摄\n\n"
        "据新华社北湖5月3日电（记者 钱进、周方）全运会3日进入决赛阶段，北湖代表团当天夺得两枚金牌，"
        "金牌总数升至12枚。\n\n"
        "北湖代表团团长表示，队员们将全力备战余下的比赛。\n"
    )
    assert data["gist"]["text"].startswith("全运会3日进入决赛阶段"), data["gist"]
    shown = [s["text"] for s in data["sentences"]]
    assert not any("比赛中" in s or "领奖台" in s for s in shown), shown
    names = people(data)
    assert not any(n.endswith(("赵青", "孙立", "钱进", "周方")) for n in names), names
    assert "新华社" not in data.get("organisations", []) and "新华社" not in data["keywords"]


def test_a_header_stamp_is_not_the_gist() -> None:
    """羊城晚报 2018-12-28 14:14 was the gist and 羊城晚报 an organisation and a keyword; a
    page's 2017/8/28 16:28(8/28 17:27 更新) was a gist too."""
    for stamp in ("南方晨报 2019-05-03 10:21", "2019/5/3 10:21(5/3 11:05 更新)"):
        data = brief_of(
            f"北湖地铁三号线开通\n\n{stamp}\n\n"
            "北湖地铁三号线今日正式开通运营，全长28公里，设车站18座。\n\n"
            "市民表示，出行更加方便。\n"
        )
        assert data["gist"]["text"].startswith("北湖地铁三号线今日"), (stamp, data["gist"])
        assert not any("晨报" in k for k in data.get("keywords", [])), data["keywords"]
        assert "南方晨报" not in data.get("organisations", [])


def test_credit_lines_of_either_script() -> None:
    """聯合報／ 記者簡永祥／台北報導, 〔記者李文馨／台北報導〕, 光明日报记者 崔兴毅: a byline was
    key sentence 1 and its reporter a person."""
    data = brief_of(
        "北湖大學公布新校區計畫\n\n東方日報／ 記者吳志明／台中報導\n\n"
        "〔記者張美玲／台中報導〕北湖大學今天公布新校區計畫，總經費約50億元，預計2028年啟用。\n\n"
        "校方表示，新校區將設立人工智慧學院與醫學中心。\n"
    )
    assert data["gist"]["text"].startswith("北湖大學今天公布"), data["gist"]
    assert not any(s["text"].startswith("東方日報") for s in data["sentences"])
    assert not any("吳志明" in p or "張美玲" in p for p in people(data)), people(data)
    assert "東方日報" not in data.get("organisations", [])


def test_what_is_no_credit_stays() -> None:
    """A reporter in the news, a date opening a subheading, a count of electricity: no credits."""
    for text in (
        "新华社记者在现场看到，大批市民排队献花。",
        "2016年10月19日国务院常务会议",
        "国家电网3月发电量增长5%。",
        "记者走访发现农民增收",
        "记者会上，发言人表示欢迎。",
        "根據內政部提供的數據，人口持續減少。",
    ):
        assert credits(text) == [], text


def test_credit_spans_of_the_trade_forms() -> None:
    for text, credit in (
        ("（中央社記者王大同高雄3日電）高雄輕軌今天通車。", "（中央社記者王大同高雄3日電）"),
        ("北方晨报讯（记者 陈明）北湖市今天启动供暖。", "北方晨报讯（记者 陈明）"),
        ("陳其邁說，輕軌將帶動發展。（編輯：林小華）1130512", "（編輯：林小華）1130512"),
        ("本报讯记者王平报道：比赛今天开幕。", "本报讯记者王平报道："),
        ("( 2023-03-15 ) 稿件来源:北方晨报 要 闻", "( 2023-03-15 ) 稿件来源:北方晨报 要 闻"),
        (
            "選手奪冠。（北湖隊提供）東方社記者林明傳真 114年5月3日",
            "（北湖隊提供）東方社記者林明傳真 114年5月3日",
        ),
    ):
        assert credits(text) == [credit], text


def test_an_initial_before_a_latin_name_ends_no_sentence() -> None:
    """台灣職籃P. LEAGUE+ was cut after P. (a gist began LEAGUE+台北富邦勇士隊…)."""
    first = "台灣職籃T. LEAGUE北湖隊今天以90比80獲勝。"
    sentences = split_sentences([first + "隊長表示很開心。"])
    assert [s.text for s in sentences] == [first, "隊長表示很開心。"]


def test_a_quotation_is_no_gist_while_the_lead_reports_the_news() -> None:
    """A gist was 李洋則說：「我是金門人，我來自台灣。」 beside the lead reporting the gold medal,
    and another the speech quoted before the lead (“我将忠实履行……”)."""
    data = brief_of(
        "北湖隊奪得冠軍\n\n"
        "北湖隊今天在全國羽球錦標賽男雙決賽以2比0擊敗東港隊，奪得冠軍。"
        "隊長林明則說：「我們做到了，感謝所有支持我們的人。」\n\n"
        "林明說，球隊為了這場比賽準備了兩年，「我們做到了」，感謝所有支持的人，"
        "所有支持我們的人都是冠軍的一部分。\n"
    )
    assert data["gist"]["text"].startswith("北湖隊今天在全國羽球錦標賽"), data["gist"]
    data = brief_of(
        "北湖市长就职\n\n"
        "“我将尽心尽力，不辜负全市人民的重托！”\n\n"
        "13日上午，北湖市人民代表大会举行闭幕会，新当选的市长赵明发表就职讲话。\n\n"
        "闭幕会上，北湖市人民代表大会选举赵明为市长。\n"
    )
    assert data["gist"]["text"].startswith("13日上午，北湖市人民代表大会"), data["gist"]


def test_a_datelines_place_stays_a_place() -> None:
    """Who signed a dateline is no news, where it was filed is: 广州 of 新华社广州1月21日电."""
    data = brief_of(
        "北湖市启动冬季供暖\n\n"
        "新华社沈阳11月1日电（记者 陈明）北湖市热力公司1日宣布全市提前启动冬季供暖，"
        "覆盖居民42万户。\n\n"
        "热力公司负责人表示，今年新建管网120公里，供暖质量将进一步提高。\n"
    )
    assert "沈阳" in data.get("places", []), data.get("places")
    assert not any("陈明" in p for p in people(data)), people(data)
    assert "新华社" not in data.get("organisations", [])


def test_a_flash_dateline_is_cut_from_the_gist() -> None:
    data = brief_of(
        "北湖山火扑灭\n\n新华社快讯：北湖市消防部门3日表示，已于上午10时完成北湖山火的扑救工作。\n\n"
        "山火共烧毁林地约20公顷，没有人员伤亡。\n"
    )
    assert data["gist"]["text"].startswith("北湖市消防部门3日表示"), data["gist"]


def test_words_that_start_with_a_credit_word_are_no_credits() -> None:
    """记者会 is a press conference and 编辑部 a desk; a bracketed 提供 outside a caption is a
    source of data (衛福部), which stays news."""
    for text in (
        "（记者会于下午举行）市长出席。",
        "（编辑部）",
        "根據數據（衛福部提供），人口減少。",
    ):
        assert credits(text) == [], text


def test_a_byline_with_a_slash_and_a_dateline_is_no_gist() -> None:
    """中央社／ 記者X東京8日專電, on a line of its own or opening the lead, is a byline, no
    sentence of the news."""
    data = brief_of(
        "中華隊晉級複賽\n\n"
        "中央社／ 記者林美玲大阪5日專電\n\n"
        "亞洲棒球錦標賽今天在大阪巨蛋進行複賽，中華隊以3比2擊敗菲律賓隊。\n\n"
        "中華隊明天將與日本隊爭奪冠軍。\n"
    )
    assert data["gist"]["text"].startswith("亞洲棒球錦標賽"), data["gist"]
    assert not any("記者林美玲" in s["text"] for s in data["sentences"]), data["sentences"]
    lead = "中央社／ 記者林美玲大阪5日專電 亞洲棒球錦標賽今天在大阪巨蛋進行複賽。"
    assert credits(lead) == ["中央社／ 記者林美玲大阪5日專電 "], credits(lead)


def test_a_dateline_ending_in_a_slash_leaves_no_slash_in_the_gist() -> None:
    data = brief_of(
        "新橋通車\n\n"
        "中評社南京5月3日電／5月3日，長江新橋正式通車，全長12公里，總投資80億元。\n\n"
        "當地交通部門表示，新橋將分流過江車輛。\n"
    )
    assert data["gist"]["text"].startswith("5月3日，長江新橋"), data["gist"]


def test_an_english_caption_in_a_chinese_article_is_no_gist_nor_key_sentence() -> None:
    """An agency's English photo caption set in a Chinese report: no Han characters (or
    fewer than its Latin letters), so no gist and no key sentence."""
    data = brief_of(
        "中華隊擊敗韓國\n\n"
        "Taiwan players celebrate after the game at the Osaka Dome in Osaka on May 5, 2026. "
        "(Photo by Taro YAMADA / AFP) 法國新聞社\n\n"
        "亞洲棒球錦標賽今天在大阪巨蛋進行，中華隊在延長賽以5比4擊敗韓國。\n\n"
        "中華隊明天將與日本隊爭奪冠軍。\n"
    )
    assert data["gist"]["text"].startswith("亞洲棒球錦標賽"), data["gist"]
    texts = [s["text"] for s in data["sentences"]]
    assert not any("Osaka" in t or "AFP" in t for t in texts), texts


def test_english_sentences_of_an_english_article_stay_key_sentences() -> None:
    """The rule is for a Chinese article: an English one with a Chinese name keeps its
    sentences."""
    data = brief_of(
        "Taipei metro extends its night service\n\n"
        "The Taipei metro (台北捷運) will run trains until 2 a.m. on weekends from next month, "
        "the operator said on Monday.\n\n"
        "The longer service follows requests from night workers and students.\n"
    )
    assert data["gist"]["text"].startswith("The Taipei metro"), data["gist"]


def test_a_photographer_credited_after_a_slash_is_no_person() -> None:
    """A fresh review found 記者胡經周 listed from a caption ending 記者胡經周／攝影."""
    data = brief_of(
        "法院審理弊案\n\n"
        "（中央社記者王大明台北11日電）台北地院今天審理弊案，前市長李小華出庭，李小華表示無罪。\n\n"
        "台北地院11日審理弊案，前市長李小華出庭。記者陳建國／攝影\n"
    )
    assert not any("陳建國" in p for p in people(data)), people(data)
    assert any("李小華" in p for p in people(data)), people(data)
