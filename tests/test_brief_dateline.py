"""The brief's article date: the dateline's, never simply the first date of the text.

A reviewer found a report of donations dated by a telecom offer's deadline (可於即日起至
2026 年1月26日使用, its first date), so that its 今日(27日) became 1月27日, and a report of
arrests dated by when a repair began (去年7月16日). Every text here is written for the test.
"""

from __future__ import annotations

from brief_helpers import brief_document as brief

from docconv_plugins.brief.dateline import article_date, han_number

DEADLINE_FIRST = (
    "各界捐款支援山火災民\n\n"
    "山火造成多人受傷，多間企業宣布捐款支援受影響居民。\n\n"
    "一間電訊公司宣布為受影響客戶免費提供額外50GB本地數據，可於即日起至2026年3月15日使用；"
    "另為儲值卡客戶提供20GB/30日數據。\n\n"
    "一間銀行宣布捐出500萬元，支援救援工作。\n\n"
    "商會主辦的書展於今日(27日)至29日一連3天舉行，門券收入全數捐出。\n"
)


def test_a_deadline_that_comes_first_dates_nothing() -> None:
    """No dateline: the brief gives no article date, no day takes the deadline's month,
    and the brief's own dateline (its first date, shown by DOCX and PDF) stays empty."""
    document = brief(DEADLINE_FIRST)
    data = document.meta.extras["brief"]
    assert "date" not in data, data
    assert "27日" in data["dates"], data["dates"]
    assert not any(d.startswith("3月") and d != "3月15日" for d in data["dates"]), data["dates"]
    assert "30日" not in data["dates"] and "3月30日" not in data["dates"], data["dates"]
    assert document.meta.dates == (), document.meta.dates


def test_an_agency_dateline_dates_the_article_before_an_earlier_date() -> None:
    data = brief(
        "去年7月16日動工的跨海大橋通車\n\n"
        "新華社香港11月29日電 跨海大橋29日上午通車，工程去年7月16日動工，"
        "首批車輛於上午10時駛過大橋。\n\n"
        "運輸署表示，大橋通車後，來往兩岸的車程縮短至20分鐘。\n"
    ).meta.extras["brief"]
    assert data["date"] == "11月29日", data
    assert data["dates"][0] == "11月29日", data["dates"]


def test_a_day_alone_takes_a_month_only_from_its_own_paragraph_or_the_dateline() -> None:
    """A full date paragraphs away (an old warning's 10月8日) gives no month to 20日; one in
    the same paragraph does (11月19日 … 21日); with the dateline of 11月22日 a day up to a
    week after it is of its month (25日), a later one (周日（30日）, most likely of October)
    is listed as written."""
    data = brief(
        "山火撲熄\n\n"
        "（記者陳明）11月22日，大帽山山火已大致撲熄，消防處表示將於12月2日前完成清理。\n\n"
        "山火於11月19日晚上發生，21日凌晨受控。\n\n"
        "漁護署表示，郊野公園早於10月8日已發出山火警告。\n\n"
        "漁護署又指，周日（30日）曾有市民報告山坡冒煙，20日再有巡查，25日會重開山徑。\n"
    ).meta.extras["brief"]
    dates = data["dates"]
    assert data["date"] == "11月22日", data
    assert {"21日（11月）", "20日（11月）", "25日（11月）", "30日"} <= set(dates), dates
    assert not any(d.startswith("30日") and d != "30日" for d in dates), dates
    assert not any(d.startswith("10月") and d != "10月8日" for d in dates), dates


def test_a_date_line_or_stamp_at_either_end_dates_the_article() -> None:
    stamped_end = brief(
        "行政長官探望傷者\n\n"
        "行政長官今日到醫院探望傷者，並於1月5日主持跨部門會議。\n\n"
        "完\n2025年12月2日（星期二）\n香港時間19時39分\n"
    ).meta.extras["brief"]
    assert stamped_end["date"] == "2025年12月2日", stamped_end
    assert stamped_end["dates"][0] == "2025年12月2日", stamped_end["dates"]
    update = brief(
        "持續更新｜山火增至5人受傷\n\n"
        "[28/11 14:03更新]山火已燒毀3間村屋，5人受傷，消防於10月1日曾在同一山頭救火。"
        "昨日（27日）晚上山火再度擴大。\n"
    ).meta.extras["brief"]
    assert update["date"] == "28/11", update
    assert "27日（11月）" in update["dates"], update["dates"]


def test_a_headline_stamp_and_today_in_the_lead_date_the_article() -> None:
    stamp = brief(
        "舊樓火警 - 20251203 - 港聞\n\n警方表示，火警於今年5月10日已有居民投訴。\n"
    ).meta.extras["brief"]
    assert stamp["date"] == "20251203" and stamp["dates"][0] == "20251203", stamp
    today = brief(
        "大火撲熄\n\n工廈11月26日下午起火，大火今日（28日）上午大致撲熄，"
        "消防處表示去年8月3日曾巡查。\n"
    ).meta.extras["brief"]
    assert today["date"] == "28日（11月）" and today["dates"][0] == "28日（11月）", today


def test_a_front_matter_date_dates_a_markdown_article() -> None:
    data = brief(
        "---\ntitle: 山火撲熄\ndate: 2025-12-01\n---\n\n"
        "山火於去年7月16日曾在同一山頭發生。消防今（1日）表示山火已撲熄。\n",
        name="article.md",
    ).meta.extras["brief"]
    assert data["date"] == "2025-12-01", data
    # 今（1日） is the dated day itself: listed once, as the front matter writes it
    assert data["dates"][0] == "2025-12-01", data["dates"]
    assert not any(d.startswith("1日") for d in data["dates"]), data["dates"]


def test_article_date_reads_month_and_day() -> None:
    dated = article_date("標題", ["行政長官今日（十一月二十六日）出席會議。"])
    assert dated is not None and (dated.month, dated.day) == (11, 26), dated
    assert article_date("標題", ["[06/07 10:00更新]山火撲熄。"]) is None  # day or month?
    assert article_date("標題", ["11月26日電視台播出特備節目。"]) is None  # 電視, no dateline
    assert [han_number(n) for n in ("十", "十一", "二十六", "三十", "7")] == [10, 11, 26, 30, 7]


def test_a_date_line_keeps_its_time_and_is_listed_once() -> None:
    data = brief(
        "# 山火撲熄\n\n**日期:** 2025-12-01 06:10  \n**媒體:** 某電視台\n\n"
        "山火於去年7月16日曾在同一山頭發生。消防今（1日）表示山火已撲熄。\n",
        name="article.md",
    ).meta.extras["brief"]
    assert data["date"] == "2025-12-01 06:10", data
    assert data["dates"][0] == "2025-12-01 06:10" and "2025-12-01" not in data["dates"], data


def test_a_wire_dateline_day_takes_its_month_from_the_story_date_code() -> None:
    """A Central News Agency dateline gives its day alone (台北2日電); the seven-digit code
    ending the story (1150102, the ROC date 115-01-02) gives its month, shown after the day
    as written. A day later than the code's (31日 filed, 1150201 edited) is of the month
    before; without a code the day stays alone."""
    story = (
        "水庫蓄水回升\n\n"
        "中央社\n\n"
        "（中央社記者林小華台中{day}日電）連日降雨，水庫蓄水率今天回升至八成。\n\n"
        "水利署表示，將持續觀察水情。（編輯：張大同）{code}\n"
    )
    data = brief(story.format(day=2, code="1150102")).meta.extras["brief"]
    assert data["date"] == "2日（1月）", data
    data = brief(story.format(day=31, code="1150201")).meta.extras["brief"]
    assert data["date"] == "31日（1月）", data
    data = brief(story.format(day=2, code="")).meta.extras["brief"]
    assert data["date"] == "2日", data


def test_a_caption_above_the_dateline_does_not_hide_it() -> None:
    """A photo's caption set before the dateline paragraph is skipped: the dateline under
    it dates the article."""
    data = brief(
        "市議會通過預算\n\n"
        "議員舉手表決。（本報記者陳大文攝）\n\n"
        "本報台南3月5日訊 市議會今日三讀通過年度總預算。\n\n"
        "議長表示，預算將於下月執行。\n"
    ).meta.extras["brief"]
    assert data["date"] == "3月5日", data
