"""The brief's people, places and organisations as the model (LAC) and the rules find them:
either script, roles, news conventions, variants merged, and batch workers that fork."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from docconv_plugins.brief import ner
from docconv_plugins.brief.facts import entities, extract
from docconv_plugins.brief.ner import mentions
from docconv_plugins.chinese.opencc_adapter import converter

ROOT = Path(__file__).resolve().parent.parent
NEWS = [
    "国家统计局新闻发言人盛来运说，一季度经济运行总体平稳。",
    "电影由导演王昱执导，主演王千源出席首映式。搜狗公司CEO王小川表示将加大投入。",
    "盛来运表示，就业形势保持稳定。王千源说，拍摄很辛苦。",
]


def names(found: dict, kind: str) -> list[str]:
    return [e.name for e in found[kind]]


def test_model_spans_are_spans_of_the_text_in_either_script() -> None:
    """The model reads a Simplified copy: its spans fall on the same names in a
    Traditional text (the seed is Traditional), reported as written."""
    simplified = "青海省海东市市长王华杰会见无锡代表团。"
    traditional = converter("s2t")(simplified)
    assert traditional != simplified and len(traditional) == len(simplified)
    found = {
        text: [(m.kind, text[m.start : m.end]) for m in mentions([text])[0]]
        for text in (simplified, traditional)
    }
    assert ("PER", "王华杰") in found[simplified]
    assert ("PER", "王華傑") in found[traditional]
    assert [k for k, _ in found[simplified]] == [k for k, _ in found[traditional]]


def test_the_same_names_are_listed_for_a_traditional_copy() -> None:
    to_traditional = converter("s2t")
    simple = entities(NEWS)
    traditional = entities([to_traditional(p) for p in NEWS])
    for kind in ("people", "places", "organisations"):
        assert names(traditional, kind) == [to_traditional(n) for n in names(simple, kind)]


def test_people_the_dictionary_does_not_know_keep_any_role() -> None:
    people = {e.name: e.role for e in entities(NEWS)["people"]}
    assert people["盛来运"] == "国家统计局新闻发言人"
    assert people["王昱"] == "导演"
    assert people["王千源"] == "主演"
    assert people["王小川"].endswith("CEO")  # the model alone reads 小川
    assert next(iter(people)) == "王千源"  # named twice: the most salient comes first


def test_news_conventions_on_the_models_names() -> None:
    found = entities(
        [
            "中国政府对此表示欢迎。中国队战胜印尼女队。",
            "深入落实苏青两省合作协议，推动青海零碳产业园建设。",
            "江泽民总书记题词勉励济南交警。东北地区普降小雨。",
        ]
    )
    places, orgs = names(found, "places"), names(found, "organisations")
    assert "中国" in places and "中国政府" not in orgs  # 中国政府 names the place
    assert {"中国队", "印尼女队", "济南交警"} <= set(orgs)
    assert "东北" in places and "东北地区" not in places
    assert not {"苏青", "青海零碳"} & {*places, *names(found, "people")}


def test_variants_of_a_place_are_one_entry() -> None:
    found = entities(
        ["代表团到青海海东市考察。", "青海省海东市市长会见代表团。", "海东市发展很快。"]
    )
    places = names(found, "places")
    assert len([p for p in places if "海东" in p]) == 1
    assert found["places"][0].mentions == 3


def test_a_batch_with_two_forked_workers_lists_the_same_people(tmp_path: Path) -> None:
    """The parent loads the model before forking (convert.workers.warm_up); a one-thread
    onnxruntime session works in the children."""
    seed = (ROOT / "seeds" / "000_23be539ad5687094.txt").read_text(encoding="utf-8")
    inputs = []
    for n in range(2):
        path = tmp_path / f"a{n}.txt"
        path.write_text(seed.replace("\u3002", f"{n}\u3002"), encoding="utf-8")
        inputs.append(str(path))
    listed = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        command = [sys.executable, "-m", "convert", "convert", *inputs, "-t", "brief", "-j", jobs]
        subprocess.run([*command, "-d", str(out), "-q"], check=True, timeout=300, cwd=ROOT)
        listed[jobs] = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    assert listed["1"] == listed["2"] and len(listed["2"]) == 2
    assert all("市領導張忠良" in text for text in listed["2"].values())


def textbook_viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The CRF's best path, one sentence, every tag at every step; ties go to the lowest tag."""
    score = emissions[0]
    back = []
    for t in range(1, len(emissions)):
        total = score[:, None] + transitions  # [from, to]
        best = total.argmax(axis=0)
        back.append(best)
        score = total[best, np.arange(len(best))] + emissions[t]
    path = [int(score.argmax())]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    return path[::-1]


@pytest.mark.parametrize("seed", range(6))
def test_viterbi_of_all_sentences_at_once_is_the_textbook_one_ties_included(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scores drawn from a few values make ties at every step; wide transitions keep many
    tags in play, narrow ones few (the model's are narrow); empty sentences have no path;
    sentences decoded in one batch or in several give the same paths."""
    if seed % 2:
        monkeypatch.setattr(ner, "STEP_BUDGET", 150)
    rng = np.random.default_rng(seed)
    tags = int(rng.integers(2, 12))
    spread = [0.25, 2.0, 8.0][seed % 3]
    transitions = (rng.integers(-4, 5, (tags, tags)) * spread / 8).astype(np.float32)
    lengths = [*rng.integers(1, 40, 12).tolist(), 1, 0, 57]
    emissions = [rng.integers(0, 6, (n, tags)).astype(np.float32) for n in lengths]
    paths = ner.best_paths(np.concatenate(emissions), lengths, transitions)
    assert paths == [textbook_viterbi(e, transitions) if len(e) else [] for e in emissions]


def test_viterbi_matches_the_textbook_on_the_models_scores_for_real_news(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The seed and every fourth article of benchmarks/data, sentence by sentence; sentences
    of one length read in one run (short ones two or more runs) get the scores each gets
    alone."""
    monkeypatch.setattr(ner, "RUN_CHARACTERS", 100)
    articles = [ROOT / "seeds" / "000_23be539ad5687094.txt"]
    articles += sorted(
        p for p in (ROOT / "benchmarks" / "data").glob("*.txt") if ".ref" not in p.name
    )[::4]
    model = ner._model()
    for path in articles:
        sentences = [s for _, s in ner._sentences(path.read_text(encoding="utf-8"))]
        emissions = ner._emissions(model, sentences)
        assert all(
            np.array_equal(e, ner._emissions(model, [s])[0])
            for e, s in zip(emissions, sentences, strict=True)
        )
        expected = [textbook_viterbi(e, model.transitions) for e in emissions]
        lengths = [len(s) for s in sentences]
        got = ner.best_paths(np.concatenate(emissions), lengths, model.transitions)
        assert got == expected, path.name


def test_the_vocabulary_is_cached_and_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    """The first process builds the vocabulary into the cache directory, the next ones read
    it; characters outside it (an emoji, a lone surrogate, one beyond the BMP) are read as
    unknown, as are the ones it knows in their full-width form."""
    script = (
        "import json; from docconv_plugins.brief.ner import mentions\n"
        "text = ['搜狗公司CEO王小川\\udc80在北京说😀，Ａ公司在𠀀开会。', '盛来运表示。']\n"
        "print(json.dumps([[(m.kind, m.start, m.end) for m in p] for p in mentions(text)]))"
    )
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(tmp_path)}

    def run() -> list[list[list[object]]]:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    first = run()
    (cached,) = tmp_path.glob("lac-vocabulary-*.npy")
    built, stamp = cached.read_bytes(), cached.stat().st_mtime_ns
    assert ["LOC", 12, 14] in first[0] and ["PER", 0, 3] in first[1]  # 北京, 盛来运
    assert run() == first and cached.stat().st_mtime_ns == stamp  # read, not written again
    cached.write_bytes(b"not an array")
    assert run() == first and cached.read_bytes() == built


def test_a_parent_organisation_is_listed_beside_its_department() -> None:
    """国务院 is not a cut-short 国务院法制办公室 (亚洲论坛 of 博鳌亚洲论坛 is): an organisation
    that starts a longer one and ends as organisations do is its parent."""
    found = entities(
        [
            "国务院法制办公室今天发布通知。",
            "国务院决定成立专门小组。",
            "国务院法制办公室负责人说，新规将于明年实施。",
            "欧盟委员会昨天提出建议，欧盟各国外长将讨论这一建议。",
        ]
    )
    listed = set(names(found, "organisations"))
    assert {"国务院法制办公室", "国务院", "欧盟委员会", "欧盟"} <= listed
    cut = entities(["博鳌亚洲论坛年会开幕。", "亚洲论坛秘书长说，博鳌亚洲论坛欢迎各方。"])
    assert "亚洲论坛" not in names(cut, "organisations")


def test_a_generic_body_named_again_and_again_is_listed() -> None:
    """市委 alone says little, but an article about what the city's party committee did names
    it in every paragraph: it is an actor of the article. Named once, it is left out."""
    again = ["市委召开常委会议。", "市委要求各部门抓好落实。"]
    assert "市委" in names(entities(again), "organisations")
    assert "市委" not in names(entities(again[:1]), "organisations")


def test_an_organisation_the_model_misses_is_listed_when_the_article_repeats_it() -> None:
    """The dictionary knows 内务部 as an organisation; the model does not tag it: the rules
    list it when the article names it twice."""
    twice = ["内务部发表声明。", "内务部官员说，事件已经平息。"]
    assert "内务部" in names(entities(twice), "organisations")
    assert "内务部" not in names(entities(twice[:1]), "organisations")


def test_a_dateline_is_not_part_of_a_role() -> None:
    """An agency dateline ends in 电 or 讯 right before the news, often before a name and its
    title: the role starts after it (it read 日电国务院副总理, 本报讯记者). The brief lists no
    reporter of a byline; the entity reading (scored on corpora that tag them) gives his role."""
    paragraphs = [
        "新华社北京5月23日电国务院副总理李岚清今天会见了代表团。",
        "本报讯记者王霞光报道：比赛今天开幕。",
    ]
    roles = {p.name: (p.role, p.text) for p in extract(paragraphs).people}
    assert roles["李岚清"] == ("国务院副总理", "国务院副总理李岚清")
    assert "王霞光" not in roles
    found = {e.name: e.role for e in entities(paragraphs)["people"]}
    assert found["王霞光"] == "记者" and found["李岚清"] == "国务院副总理"


def test_a_title_after_the_name_is_its_role() -> None:
    """News writes 江泽民主席 and 周恩来总理 as often as 主席江泽民: the title after the name is
    the role, and the listed text is the span as written; a verb (张艺谋导演的电影, 在毛泽东
    领导下) or a group (李四等领导) is no title."""
    people = extract(
        [
            "江泽民主席今天会见了美国客人。",
            "周恩来总理要我在北京安个家，王华副市长陪同。",
            "张艺谋导演的电影很受欢迎，李四等领导出席。",
            "在毛泽东领导下，革命取得了胜利。",
        ]
    ).people
    listed = {p.name: (p.role, p.text) for p in people}
    assert listed["江泽民"] == ("主席", "江泽民主席")
    assert listed["周恩来"] == ("总理", "周恩来总理")
    assert listed["王华"] == ("副市长", "王华副市长")
    assert listed["张艺谋"][0] == listed["李四"][0] == listed["毛泽东"][0] == ""


def test_a_verb_and_its_object_is_not_an_organisation() -> None:
    """The model tags 聚力 (gather strength) and 从一 (from one) as organisations in some
    sentences: two characters the dictionary does not know, starting with a verb or a
    preposition and not ending as organisations do, name no organisation."""
    for text in (
        ["今年以来，该市聚力发展数字经济。", "下一步，我们将聚力攻坚，确保项目落地。"],
        ["他从一个普通工人成长为厂长。", "亚行必须从一个常规的贷款机构转变过来。"],
    ):
        assert not {"聚力", "从一"} & set(extract(text).organisations)
    assert extract(["顺丰今天宣布将扩大航空运力。"]).organisations == ["顺丰"]  # a name


def test_a_place_that_starts_a_quoted_name_is_not_listed() -> None:
    """“太湖明珠” names a city by a motto, not the lake: a place that a short quoted phrase
    goes on after is part of that phrase; a quoted place alone is still a place."""
    places = extract(["谱写“太湖明珠”与“河湟明珠”共赢发展新篇章。", "游客来到“西湖”边。"]).places
    assert "太湖" not in places and "西湖" in places


def test_a_foreign_name_the_model_is_not_sure_of_is_listed_when_transliterated() -> None:
    """哈洛宁 has no Chinese surname and the dictionary does not know it: written only with the
    characters of the standard transliteration tables, it is shaped like a foreign name."""
    people = names(entities(["芬兰议长哈洛宁女士访问了北京。"]), "people")
    assert people == ["哈洛宁"]


def test_airports_islands_bridges_and_halls_are_places() -> None:
    """Names of places end in 机场, 岛, 大桥, 体育馆 as well as in 省市县."""
    for text, place in (
        ("代表团抵达伊斯兰堡机场。", "伊斯兰堡机场"),
        ("游客们登上了马拉若岛。", "马拉若岛"),
        ("明石海峡大桥正式通车。", "明石海峡大桥"),
        ("市民在朝阳体育馆观看比赛。", "朝阳体育馆"),
    ):
        assert place in names(entities([text]), "places"), text


def test_a_place_and_a_kind_of_body_is_the_place() -> None:
    """一家陕西工厂 is a factory in Shaanxi, not one named so (北京大学 is one)."""
    found = entities(["他在一家陕西工厂打工，后来考上了北京大学。"])
    assert "陕西工厂" not in names(found, "organisations")
    assert "陕西" in names(found, "places")


def test_a_short_form_is_a_mention_of_the_place_named_in_full() -> None:
    """中 of 中美 and 中俄 is China again: it makes 中国 salient; 俄 of 中俄 and 俄总统 is a
    variant of 俄罗斯, listed in full though the article never writes it so."""
    found = entities(
        ["日本首相抵达北京，与中国领导人会谈。", "中美关系和中俄关系都在发展，俄总统也将来访。"]
    )
    mentions = {e.name: e.mentions for e in found["places"]}
    assert mentions["中国"] == 3 and mentions["日本"] == 1
    assert mentions["俄罗斯"] == 2 and mentions["美国"] == 1
    assert next(iter(mentions)) == "中国"  # named three times: the most salient comes first
    assert not {"俄", "中美", "中俄"} & set(mentions)


def test_a_ministry_written_with_its_heads_title_is_an_organisation() -> None:
    """美国财政部长鲁宾: the model tags 美国 as a place; the ministry is 美国财政部, and 鲁宾's
    role is read as written."""
    text = ["美国财政部长鲁宾今天说，美元汇率保持稳定。", "芬兰农林部长会见了中国客人。"]
    found = entities(text)
    assert {"美国财政部", "芬兰农林部"} <= set(names(found, "organisations"))
    assert {p.name: p.role for p in extract(text).people}["鲁宾"] == "美国财政部长"


def test_an_organisation_the_model_cuts_short_ends_where_its_name_ends() -> None:
    """The model reads 中国航天保险 and 解州 of 中国航天保险联合体 and 解州铝厂; the rules
    delimit the whole name (联合体, 厂, 组委会 end an organisation's name)."""
    for text, name in (
        ("该项目由中国航天保险联合体承保。", "中国航天保险联合体"),
        ("这是解州铝厂领导班子的决定。", "解州铝厂"),
        ("美国化学会给研讨会发来贺信。", "美国化学会"),
        ("济南污水处理厂一期工程今天完工。", "济南污水处理厂"),
        ("法国世界杯组委会官员今天表示，门票已经售完。", "法国世界杯组委会"),
    ):
        assert names(entities([text]), "organisations") == [name], text


def test_a_kind_of_company_is_no_organisation_even_when_repeated() -> None:
    """大公司 (big companies) is a kind, not a body the article is about."""
    text = ["一些大公司纷纷裁员，大公司的日子也不好过。"]
    assert "大公司" not in names(entities(text), "organisations")


def test_a_part_of_a_place_names_the_place() -> None:
    """新疆北部 (the north of Xinjiang) names 新疆."""
    found = entities(["受冷空气影响，新疆北部、内蒙古东部将有大风降温。"])
    assert {"新疆", "内蒙古"} <= set(names(found, "places"))
    assert not {"新疆北部", "内蒙古东部"} & set(names(found, "places"))


def test_an_unsure_name_with_an_organisations_ending_is_listed() -> None:
    """The model is barely sure of 法国雇主协会, but a name of four characters or more that
    ends in 协会 is shaped like an organisation."""
    found = entities(["在法国雇主协会的年会上，代表们发言。"])
    assert names(found, "organisations") == ["法国雇主协会"]


def test_a_very_common_word_the_model_takes_for_a_place_is_not_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In some sentences the model tags 国际 (of 国际先进水平) or 经济 (of 经济特区) as a place,
    sure of it; a word that common, known to the dictionary as a noun, is that word. 地球 is
    common too, but a place in news."""
    from docconv_plugins.brief import facts
    from docconv_plugins.brief.ner import Mention

    text = ["技术接近国际先进水平，经济特区和地球。"]  # not 地球科学: a word inside a word
    proposed = [
        [
            Mention("LOC", text[0].index(w), text[0].index(w) + 2, 2.5)
            for w in ("国际", "经济", "地球")
        ]
    ]
    monkeypatch.setattr(facts, "mentions", lambda paragraphs: proposed)
    assert names(entities(text), "places") == ["地球"]


def test_an_embassy_is_an_organisation_a_museum_a_place() -> None:
    """Both are buildings, but an embassy or consulate acts (发表声明): it is a body."""
    for text, name in (
        ("中国驻马赛总领事馆今天举行招待会。", "中国驻马赛总领事馆"),
        ("美国驻华大使馆发表声明。", "美国驻华大使馆"),
    ):
        found = entities([text])
        assert names(found, "organisations") == [name] and not names(found, "places")
    assert names(entities(["代表团参观了中国美术馆。"]), "places") == ["中国美术馆"]


def test_a_bodys_term_and_its_word_for_organisation_are_part_of_its_name() -> None:
    """第六届全国人大 is the sixth National People's Congress; 欧佩克组织 is how news writes
    OPEC: the model leaves the term and the 组织 out."""
    for text, name in (
        ("第六届全国人大第二次会议在北京举行。", "第六届全国人大"),
        ("欧佩克组织成员国决定减产。", "欧佩克组织"),
    ):
        assert names(entities([text]), "organisations") == [name], text


def test_a_government_or_a_central_bank_named_by_its_kind_is_no_organisations_name() -> None:
    """俄政府 is Russia's government (as 中国政府 names China), 特区政府 and 央行 say which kind
    of body, not which one: none is listed as an organisation's name."""
    for text in (
        ["俄政府今天宣布新的经济措施。", "俄政府还表示将稳定卢布汇率。"],
        ["央行今天宣布降息。", "分析人士认为，降息有利于经济增长。"],
        ["特区政府发表声明。", "特区政府表示欢迎。"],
    ):
        assert names(entities(text), "organisations") == [], text


def test_a_full_chinese_name_the_model_is_barely_sure_of_is_listed() -> None:
    """卜凡舟 and 宋朝弟 are chosen by a hair (the model's margin 0.14): a surname and two
    characters is a full name's shape, enough when the margin is not negative."""
    for text, name in (
        ("据卜凡舟介绍，工程进展顺利。", "卜凡舟"),
        ("宋朝弟在信中写道。", "宋朝弟"),
    ):
        assert names(entities([text]), "people") == [name]


def test_a_common_word_before_a_places_ending_is_no_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unsure place is shaped like one by its ending only after a proper name: 明石海峡大桥
    and 金水河 are places, 高速公路 and 国家公园 are kinds of place."""
    from docconv_plugins.brief import facts
    from docconv_plugins.brief.ner import Mention

    text = ["车队驶上高速公路，经过明石海峡大桥和金水河，来到国家公园。"]
    words = ("高速公路", "明石海峡大桥", "金水河", "国家公园")
    proposed = [[Mention("LOC", text[0].index(w), text[0].index(w) + len(w), 1.0) for w in words]]
    monkeypatch.setattr(facts, "mentions", lambda paragraphs: proposed)
    assert names(entities(text), "places") == ["明石海峡大桥", "金水河"]


def test_kinds_of_party_congress_and_people_are_no_organisations() -> None:
    """参政党 (a participating party) and 全国代表大会 alone say which kind of body, 中资公司
    which kind of company, 国共两党 names two parties, 壮族 is a people and 六中全会 a plenary
    session: none is an organisation's name."""
    found = entities(
        [
            "各民主党派要充分发挥参政党作用，开好全国代表大会。",
            "王朝文（苗族）、韦钰（女，壮族）当选。",
            "认真贯彻落实党的十四届五中全会和六中全会精神。",
            "９０多家公司董事长及中资公司驻美代表出席，明确指出是国共两党“对等谈判”。",
        ]
    )
    listed = set(names(found, "organisations"))
    assert not {"参政党", "全国代表大会", "苗族", "壮族", "六中全会", "五中全会"} & listed
    assert not {"中资公司", "国共两党"} & listed


def test_a_party_congress_is_named_with_its_number_and_its_party() -> None:
    """A congress is written 第十一次全国代表大会 after its party, or by its number (十五大,
    致公党十大): the number and the party are part of its name; 十大城市 is no congress."""
    found = entities(
        [
            "祝中国致公党第十一次全国代表大会圆满成功！",
            "我们党胜利召开了第十五次全国代表大会。",
            "江泽民总书记在十五大报告中强调，要努力实践致公党十大提出的任务。",
            "合肥、西安等十大城市的代表出席。",
        ]
    )
    listed = set(names(found, "organisations"))
    assert {"中国致公党第十一次全国代表大会", "第十五次全国代表大会", "十五大"} <= listed
    assert "致公党十大" in listed
    assert not {"全国代表大会", "十大", "祝中国致公党第十一次全国代表大会"} & listed


def test_a_national_body_does_not_belong_to_the_place_before_it() -> None:
    """香港特别行政区第九届全国人民代表大会代表: deputies of Hong Kong to the ninth National
    People's Congress; the congress is national, not Hong Kong's."""
    found = entities(["香港特别行政区第九届全国人民代表大会代表选举会议今天举行。"])
    assert names(found, "organisations") == ["第九届全国人民代表大会"]


def test_a_country_the_model_takes_for_an_organisation_is_a_place() -> None:
    """In 振兴中华 and 中国国家主席 the model tags 中华 and 中国 as organisations: a country's
    name alone (or its short form) is the place, never an organisation."""
    found = entities(["为统一祖国、振兴中华而努力奋斗。", "中国国家主席江泽民圆满结束访问。"])
    assert not {"中华", "中国"} & set(names(found, "organisations"))
    assert "中国" in names(found, "places")


def test_an_organisation_cut_inside_a_word_is_completed_or_dropped() -> None:
    """The model sometimes stops inside a word: 国务委 of 国务委员 (a title) and 皇家海 of 皇家
    海军 name nothing; 亚太经合 of 亚太经合组织 is completed to the organisation's word; 美国
    中国商会 is whole though jieba glues 商会会长."""
    found = entities(
        [
            "李鹏总理在中共中央政治局委员、国务委员李铁映陪同下出席。",
            "中国代表团团长、国务委员罗干今天上午在纽约发言。",
            "“皇家海军辅助队招募官员为皇家海军辅助队提供海员”的规定。",
            "第四次亚太经合组织财政部长会议闭幕，美国中国商会会长在会上致辞。",
        ]
    )
    listed = names(found, "organisations")
    assert not {"国务委", "皇家海"} & set(listed)
    assert {"中共中央政治局", "亚太经合组织", "美国中国商会"} <= set(listed)


def test_a_name_the_model_cuts_in_two_is_one_organisation() -> None:
    """The model reads 美中友协 and 美西分会 (a branch) as two names, and 印度 apart from
    中国友好协会 across the dash of a friendship society's name: each is one organisation."""
    found = entities(
        [
            "洛杉矶市民议政论坛、美中友协美西分会等友好团体的盛情款待。",
            "印度—中国友好协会主席密特拉，奥地利—中国友好协会主席出席。",
        ]
    )
    listed = names(found, "organisations")
    assert {"美中友协美西分会", "印度—中国友好协会", "奥地利—中国友好协会"} <= set(listed)
    assert not {"美中友协", "美西分会", "中国友好协会"} & set(listed)


def test_the_province_of_an_organisations_address_is_a_place_of_its_own() -> None:
    """河北故城县纪委: the model reads the province and the county's commission as one name;
    the commission is named from its county (故城县纪委), and 河北 is listed as a place. A
    company keeps its whole name (广东香江企业集团), and its province is not listed again."""
    found = entities(["本报讯（河北故城县纪委杨文榜）县里开展了廉政教育。"])
    assert names(found, "organisations") == ["故城县纪委"]
    assert "河北" in names(found, "places")
    company = entities(["又讯广东香江企业集团总经理翟美卿说，集团将扩大投资。"])
    assert names(company, "organisations") == ["广东香江企业集团"]  # named whole, once
    assert names(company, "places") == []


def test_a_name_is_listed_without_the_title_or_word_glued_to_it() -> None:
    """The model reads 乔石委员 of 乔石委员长, 应塞迪略 of 应塞迪略总统的邀请 (at the invitation
    of), 傅全 of 傅全有, and the rules 李舸摄 of a photo credit: each person is read by name,
    with the title written after it as the role (a photo credit's 李舸 is no person in the news:
    the brief does not list him)."""
    people = {
        p.name: p.role
        for p in extract(
            [
                "请问乔石委员长访问的第一个国家是哪里？",
                "应塞迪略总统的邀请，我对墨西哥进行国事访问。塞迪略总统在仪式上致辞。",
                "中央军委委员、总参谋长傅全有上将出席。",
                "（本报记者李舸摄）",
            ]
        ).people
    }
    assert people["乔石"] == "委员长" and people["塞迪略"] == "总统"
    assert "李舸" not in people and "傅全有" in people
    assert names(entities(["（本报记者李舸摄）"]), "people") == ["李舸"]
    assert not {"乔石委员", "应塞迪略", "傅全", "李舸摄"} & set(people)


def test_a_surname_and_a_title_is_another_mention_of_the_full_name() -> None:
    """江主席 names no one in full, so it is not listed; it is 江泽民 again, the one person of
    the article with that surname: named three times, he is listed first."""
    found = entities(
        [
            "李鹏总理会见了美国客人。",
            "江泽民主席抵达波士顿。江主席来到哈佛大学，江主席说，中美两国应加强合作。",
        ]
    )
    people = {e.name: e.mentions for e in found["people"]}
    assert "江" not in people and people["江泽民"] == 3
    assert next(iter(people)) == "江泽民"


def test_a_place_is_listed_as_the_article_writes_it_most_often() -> None:
    """An article about Hong Kong writes 香港 again and again and 香港特别行政区 now and then:
    one entry, named 香港."""
    found = entities(
        ["今天，香港特别行政区正式成立。", "香港经济保持繁荣，香港市民欢庆回归。", "香港明天更好。"]
    )
    places = {e.name: e.mentions for e in found["places"]}
    assert places == {"香港": 4}


def test_your_country_and_a_run_of_short_forms_are_no_place() -> None:
    """贵国 (your country) says which country only to its reader; 台港澳 and 港澳台 name three
    places in short forms (the brief lists a place the article writes in full, not these)."""
    found = entities(
        [
            "他是贵国卓越的领导人。我同克雷蒂安总理等贵国领导人会谈。",
            "包括大陆同胞、台港澳同胞和海外侨胞，广大的港澳台同胞无不悲痛。",
        ]
    )
    assert not {"贵国", "台港澳", "港澳台"} & set(names(found, "places"))


def test_a_preposition_the_model_takes_into_a_place_is_left_out() -> None:
    """中国同加州: the model reads 同加州 (with California) as the place."""
    found = entities(["中国同加州只有一洋之隔，开展经贸合作前景广阔。"])
    assert names(found, "places") == ["中国", "加州"]


def test_a_ministry_named_by_its_heads_title_and_a_senate_are_organisations() -> None:
    """内务部长斯捷帕申 names the ministry (内务部) with its head's title; 墨西哥参议院 (the
    senate of Mexico) is a body, named twice."""
    found = entities(
        [
            "内务部长斯捷帕申是前政府的司法部长，后被任命为内务部代理部长。",
            "江主席在墨西哥参议院演讲。他代表墨西哥参议院向客人表示欢迎。",
        ]
    )
    assert {"内务部", "墨西哥参议院"} <= set(names(found, "organisations"))


def test_a_list_of_names_without_separators_is_each_person() -> None:
    """A 名单 runs names together; the model reads 荣毅仁丁关根田纪云 as one name: each word
    shaped like a full name is a person."""
    text = "委员：刘华清胡锦涛荣毅仁丁关根田纪云李岚清李铁映杨白冰吴邦国邹家华姜春云钱其琛"
    people = names(entities([text]), "people")
    assert {"荣毅仁", "丁关根", "田纪云", "姜春云", "钱其琛"} <= set(people)
    assert not {"荣毅仁丁关根田纪云", "姜春云钱其琛"} & set(people)


def test_a_name_starts_on_a_word_and_ends_before_a_title() -> None:
    """新一届致公党中央 (the new term's party centre): the model starts inside 新一届; 出版社
    社长兼…有限公司董事长: two bodies, each with its head's title, not one."""
    found = entities(
        [
            "这次大会即将选出的新一届致公党中央领导集体，一定能够团结奋斗。",
            "原广东省音像出版社社长兼彩翎音像制作有限公司董事长、总经理王滨雁被捕。",
        ]
    )
    listed = set(names(found, "organisations"))
    assert {"致公党中央", "广东省音像出版社", "彩翎音像制作有限公司"} <= listed
    assert not [name for name in listed if "一届" in name or "社长" in name]


def test_a_name_ends_where_the_next_word_starts_or_where_jieba_ends_it() -> None:
    """The model reads 穆萨敦 of 穆萨|敦促 (urged), 卢金也 of 卢金|也 (also) and 马跃 of 马跃南:
    the name ends where the next word starts, or with the unknown name jieba cut whole."""
    people = names(
        entities(
            [
                "为此，穆萨敦促以色列政府立即重新开始谈判。",
                "杜马国际事务委员会主席卢金也警告议员们不要支持。",
                "缺乏核心人物，是马跃南头疼的一个问题。",
            ]
        ),
        "people",
    )
    assert {"穆萨", "卢金", "马跃南"} <= set(people)
    assert not {"穆萨敦", "卢金也", "马跃"} & set(people)


def test_a_ministry_the_dictionary_knows_as_a_noun_is_listed_when_repeated() -> None:
    """三机部 (the Third Ministry of Machine Building) is a plain noun to the dictionary and
    unknown to the model: named twice, it is an organisation; 干部 (cadres) is none."""
    found = entities(
        [
            "１９７９年他在听取三机部负责同志汇报时再一次指出，要培养年轻干部。",
            "他要求“三机部要军民并举”，年轻干部要挑重担。",
        ]
    )
    assert names(found, "organisations") == ["三机部"]


def test_a_congress_written_after_its_party_is_one_name() -> None:
    """The model reads 中国共产党 and stops before 第十五次全国代表大会: the congress is one
    name; the party, named only inside it, is not listed again."""
    found = entities(["不久前成功召开的中国共产党第十五次全国代表大会，是一次重要的大会。"])
    assert names(found, "organisations") == ["中国共产党第十五次全国代表大会"]


def test_a_dotted_name_does_not_take_in_the_names_beside_it() -> None:
    """In a list run together (陈俊生司马义·艾买提彭珮云) or after a title the dictionary tags
    as a name (司令官), a dotted name is its own parts only."""
    found = entities(
        [
            "委员：宋健李贵鲜陈俊生司马义·艾买提彭珮云（女）罗干张思卿",
            "她是德国法西斯“乌斯塔夏”军副司令官马克思·卢布里克的妹妹。",
        ]
    )
    people = set(names(found, "people"))
    assert {"陈俊生", "司马义·艾买提", "彭珮云", "马克思·卢布里克"} <= people
    assert not [p for p in people if "·" in p and len(p) > 8]


def test_an_agency_short_name_is_no_person_and_the_same_school_is_no_organisation() -> None:
    """An NLPCC report listed 彭博 (of 彭博社, the agency) as a person and 同校 (the same
    school) as an organisation."""
    found = entities(
        [
            "据彭博社报道，澳大利亚央行周二宣布降息。",
            "接受彭博调查的29位经济学家中有25位预计央行将降息。",
            "广东机电职业技术学院教授李明远与同校的两位老师一起编写了这本教材。",
        ]
    )
    assert "彭博" not in names(found, "people")
    assert "彭博社" in names(found, "organisations")
    assert "同校" not in names(found, "organisations")
    assert "广东机电职业技术学院" in names(found, "organisations")


def test_credited_names_are_no_people_and_a_chief_prosecutor_is_a_role() -> None:
    """NLPCC briefs listed the article's translator and checker (实习编译：李婷婷 审稿：李小飞)
    and its reporter as if they were people in the news, and 检察长曹建明 without a role."""
    people = [
        p.text
        for p in extract(
            [
                "最高检党组书记、检察长曹建明主持会议。会议由曹建明总结。(记者 王治国)",
                "（實習編譯：李婷婷 審稿：李小飛）",
            ]
        ).people
    ]
    assert "最高检党组书记、检察长曹建明" in people
    assert not any(n in p for n in ("王治国", "李婷婷", "李小飛") for p in people), people


def test_a_name_glued_to_the_next_word_counts_for_the_name() -> None:
    """An NLPCC report listed 杨丽竟, 杨丽有, 杨丽救 and 杨丽带 (jieba glues a verb or adverb to
    a name it does not know) instead of 杨丽."""
    found = entities(
        [
            "今年19岁的张丽（化名）家住城南。父亲拒绝后，张丽竟欲离家出走。",
            "张丽的母亲说，张丽一直很听话。16岁时张丽有了一份工作，后来张丽带着弟弟去了外地。",
            "日本男星山田孝之出席试映会。山田孝之说，山田孝这个名字是误写。",
        ]
    )
    assert names(found, "people") == ["张丽", "山田孝之"]


def test_bodies_joined_by_a_verb_are_two_and_games_are_no_organisation() -> None:
    """NLPCC briefs listed 会同中国林业科学院, 延长县质监局联合工商局 and 残奥会 as
    organisations."""
    found = entities(
        [
            "经过初步鉴定，省林业厅会同中国林业科学院得出结论。",
            "9月29日，延长县质监局联合工商局和刑警大队开展检查。延长县质监局表示将严查。",
            "东京奥组委公布了2020年东京奥运会、残奥会会徽。残奥会会徽为等号。",
        ]
    )
    orgs = names(found, "organisations")
    assert {"中国林业科学院", "延长县质监局", "东京奥组委"} <= set(orgs), orgs
    assert not any(o.startswith("会同") or "联合" in o or o.endswith("奥会") for o in orgs), orgs


def test_a_kind_of_place_is_no_place() -> None:
    """NLPCC briefs listed 遗址公园 and 高速公路 (a kind of ground or road, named by common
    words) among the places."""
    found = entities(
        [
            "西安计划在城北建设遗址公园，遗址公园占地两千亩。",
            "司机在高速公路上发现一名走失老人，高速公路交警随即赶到。",
        ]
    )
    places = names(found, "places")
    assert "西安" in places, places
    assert not {"遗址公园", "高速公路"} & set(places), places


def test_an_account_named_with_an_at_sign_is_no_person() -> None:
    """A CLTS product round-up listed the brands it tagged (@Dyson戴森, @昕诺飞) as people."""
    found = entities(
        [
            "能自动调节风量的电风扇@Kessel柯赛。",
            "如今，Kessel柯赛新出的这款风扇采用静音电机，柯赛的工程师说，噪音比上一代低一半。",
            "可折叠的台灯@马兰达。马兰达最近发布的台灯可以调节色温。设计师李文涛表示，这款台灯适合学生。",
        ]
    )
    assert names(found, "people") == ["李文涛"]


def test_a_papers_dateline_names_the_paper() -> None:
    """An NLPCC brief listed the dateline 广州日报讯, written on a line of its own, as an
    organisation."""
    found = entities(["东方都市报讯", "4月20日，东莞市民何某报警称手机被盗，厚街派出所随即出警。"])
    orgs = names(found, "organisations")
    assert "东方都市报" in orgs and not any(o.endswith("讯") for o in orgs), orgs


def test_a_place_named_only_by_its_short_form_is_listed_in_full() -> None:
    """A report may never write 中国 or 加拿大 in full: 中方, 加方, 访华, 抵京, 中加关系, 中葡双方
    name them by their standard short forms, and the brief lists the places (variants of one
    place), in the article's script."""
    text = [
        "加拿大总理昨日抵京，开始对华进行为期五天的正式访问。",
        "中方表示，中加关系近年来发展顺利，加方也希望扩大双边经贸合作。",
        "港澳同胞和驻华使节出席了欢迎仪式。",
        "澳门问题的顺利解决，符合中葡双方的共同利益。",
    ]
    found = {e.name: e.mentions for e in entities(text)["places"]}
    assert {"中国", "北京", "加拿大", "香港", "澳门", "葡萄牙"} <= set(found)
    assert found["中国"] >= 3 and found["加拿大"] >= 3  # 加拿大, 中加, 加方
    assert not {"中", "加", "中加", "港澳"} & set(found)
    traditional = entities([converter("s2t")(p) for p in text])["places"]
    assert {"中國", "北京", "加拿大", "香港", "澳門", "葡萄牙"} <= {e.name for e in traditional}


def test_a_short_forms_character_in_another_word_is_no_place() -> None:
    """以 of 在以…为核心 is a preposition, 西方 is the West, 古籍 old books, 西宁 a city and
    法 of 法西斯 part of a word: none names 以色列, 西班牙, 古巴, 宁夏 or 法国; 鲁方 and 秦方 are
    the sides of people surnamed 鲁 and 秦 (港方 is Hong Kong's)."""
    found = entities(
        [
            "全党要紧密团结在以习近平同志为核心的党中央周围，西方媒体也关注此事。",
            "西宁市图书馆收藏了大量古籍，其中有反对法西斯的战时报刊。",
        ]
    )
    assert not {"以色列", "西班牙", "古巴", "宁夏", "法国"} & set(names(found, "places"))
    sides = entities(["调解会上，鲁方和秦方各执一词，港方表示理解。"])  # 鲁, 秦: surnames
    assert names(sides, "places") == ["香港"]


def test_a_place_the_model_does_not_know_is_listed_when_named_twice() -> None:
    """The model misses some rare foreign capitals (it reads 温 or 哈博 as a person's name);
    the dictionary knows them as places: named twice, the place is listed, the fragment is
    no person."""
    for capital, country in (("温得和克", "纳米比亚"), ("哈博罗内", "博茨瓦纳")):
        found = entities(
            [
                f"南部非洲发展共同体峰会今天在{country}首都{capital}闭幕。",
                f"会议期间，{capital}的主要街道挂满了彩旗。",
            ]
        )
        assert {capital, country} <= set(names(found, "places"))
        assert names(found, "people") == []


def test_a_country_the_model_reads_as_a_person_is_the_country_it_writes_in_full() -> None:
    """扎伊尔共和国 is written once, 扎伊尔 twice more, read by the model as a person's name:
    it is the country, named three times, in either script (扎伊爾共和國)."""
    for country in ("扎伊尔", "布隆迪"):
        text = [
            f"国家主席会见了{country}共和国总统。",
            f"他说，{country}人民勤劳勇敢，{country}有着悠久的历史。",
        ]
        for script in (str, converter("s2t")):
            found = entities([script(p) for p in text])
            assert names(found, "people") == []
            places = [(e.name, e.mentions) for e in found["places"]]
            assert places == [(script(f"{country}共和国"), 3)]


def test_no_name_starts_inside_a_place() -> None:
    """开罗晴 in a weather table is Cairo and sunny: the model's 罗晴 starts inside the place
    开罗, so it is no person; 安雷 of 财政部长安雷 (jieba cuts 财政部|长安|雷) follows a role
    and is one."""
    found = entities(
        [
            "世界主要城市天气预报：开罗晴18℃／31℃，卡拉奇晴25℃／33℃，莫斯科小雨5℃／12℃。",
            "前财政部长安雷和外交部长他信出席了会议。",
        ]
    )
    assert "罗晴" not in names(found, "people")
    assert "安雷" in names(found, "people")


def test_an_abbreviation_the_dictionary_knows_is_no_person() -> None:
    """亚行 (the Asian Development Bank) is read by the model as a person's name, twice;
    jieba's dictionary knows it as an abbreviation."""
    found = entities(
        ["泰国自1966年加入亚行以来，一直积极参与该行事务。", "他说，亚行必须更多关注减少贫困。"]
    )
    assert "亚行" not in names(found, "people")


def test_a_political_situation_is_no_bureau() -> None:
    """意大利政局 (Italy's political situation) ends in 局 as a bureau does; 香港市政局 (the
    Urban Council) is one."""
    found = entities(
        [
            "分析人士指出，意大利政局近来动荡不安。",
            "意大利政局的走向受到欧盟的关注，香港市政局也派员考察。",
        ]
    )
    assert "意大利政局" not in names(found, "organisations")
    assert {"欧盟", "香港市政局"} <= set(names(found, "organisations"))


def test_a_short_form_listed_with_a_surname_is_no_place() -> None:
    """华、汪 lists two people by surname (华国锋 and 汪东兴), though the model tags 华 as a
    place: the items of a list are of one kind."""
    found = entities(["据回忆，邓重新出来工作后，华、汪都没有表示反对。", "当时华、汪二人也在场。"])
    assert names(found, "places") == []


def test_a_pair_of_short_forms_is_two_places_in_either_script() -> None:
    """中缅 (China and Burma) is no place of its own, whatever short forms it pairs; the
    places it names are listed in the article's script (緬甸, 奧地利 of 奧方)."""
    text = "中缅边境贸易发展迅速，奥方代表也出席了会议。"
    for script, listed in (
        (str, ["中国", "缅甸", "奥地利"]),
        (converter("s2t"), ["中國", "緬甸", "奧地利"]),
    ):
        assert names(entities([script(text)]), "places") == listed


def test_any_job_or_title_before_a_name_is_its_role_as_written() -> None:
    """Hong Kong news names firefighters, consultants and former chairs by their job: 消防員,
    消防顧問, 法團前主席 (前 dates the role and stays in it, with the body)."""
    found = entities(
        [
            "消防員陳志強在救火時受傷送院。",
            "業主立案法團前主席黃國雄表示，他對事件感到難過。",
            "消防顧問林建明指出，棚架網必須防火。",
        ]
    )
    roles = {e.name: e.role for e in found["people"]}
    assert roles == {"陳志強": "消防員", "黃國雄": "業主立案法團前主席", "林建明": "消防顧問"}


def test_a_name_after_its_role_is_whole_though_jieba_cuts_its_last_character() -> None:
    """jieba cuts 李家|超 and tags 超 as a verb; after the role 行政長官 the name is 李家超,
    and a later 李家超 the model cuts to 李家 counts for it."""
    found = entities(["行政長官李家超今日到場視察。", "李家超指政府會全力支援災民。"])
    assert [(e.name, e.role, e.mentions) for e in found["people"]] == [("李家超", "行政長官", 2)]
    found = entities(["特區行政長官李家超聯同官員出席儀式。"])
    assert [(e.name, e.role) for e in found["people"]] == [("李家超", "特區行政長官")]


def test_a_housing_estate_written_after_its_district_is_one_place() -> None:
    """大埔明德苑 once, 明德苑 twice: the estate (a place after the district it is in) is one
    entry, named as the article writes it most often."""
    found = entities(
        ["大埔明德苑昨晚發生火警。", "明德苑居民被疏散到附近學校。", "消防處指明德苑的棚架先着火。"]
    )
    assert ("明德苑", 3) in [(e.name, e.mentions) for e in found["places"]]
    assert "大埔明德苑" not in names(found, "places")


def test_a_block_of_flats_is_a_place_and_a_kind_of_housing_is_none() -> None:
    """宏泰閣 (a block of an estate) is read by the model as an organisation: it is a place;
    屋苑大廈 (the estate's buildings) is no place's name."""
    found = entities(["大火由宏昌閣蔓延到宏泰閣等樓宇。", "宏泰閣的居民被疏散。"])
    assert "宏泰閣" in names(found, "places")
    assert "宏泰閣" not in names(found, "organisations")
    found = entities(["翠林苑的居民表示，屋苑大廈的電梯全部停頓。"])
    assert "屋苑大廈" not in names(found, "places")


def test_a_body_named_after_a_person_is_one_organisation() -> None:
    """Hong Kong schools and hospitals carry a benefactor's name between the charity's and
    their own (保良局+陳守仁+小學): the model reads a body, a person and a rest, which are one
    organisation, and no person."""
    for sentence, body in (
        ("學生在東華三院李嘉誠中學上課。", "東華三院李嘉誠中學"),
        ("他在保良局陳守仁小學任教多年。", "保良局陳守仁小學"),
    ):
        found = entities([sentence])
        assert names(found, "organisations") == [body]
        assert names(found, "people") == []


def test_latin_letters_idioms_and_all_of_a_kind_name_no_one() -> None:
    """BBC (a broadcaster) and B of TVB及 are no people; 小恩+小惠, which the model reads as
    two names, are the idiom 小恩小惠; 所有政府 (all government buildings) is no body."""
    found = entities(
        [
            "居民對BBC表示，他們很憤怒。",
            "BBC記者在現場看到大批市民獻花。",
            "ViuTV及TVB都直播了記者會。",
            "一名街坊說：「他們以小恩小惠收買人心，根本不理居民死活。」",
        ]
    )
    assert names(found, "people") == []
    for sentence in ("澳门特区所有政府办公楼当天降半旗志哀。", "深圳市所有政府机关暂停娱乐活动。"):
        assert names(entities([sentence]), "organisations") == []


def test_every_name_of_a_byline_list_is_credited() -> None:
    """记者 余佳、查文晔: the model names the first reporter only; the next name in the 、
    list, read by the rules, is a reporter too."""
    found = entities(["新华社香港12月1日电（记者 余佳、查文晔）市民排队献花。"])
    assert [(e.name, e.role) for e in found["people"]] == [("余佳", "记者"), ("查文晔", "记者")]


def test_the_body_a_role_names_is_an_organisation() -> None:
    """消防處 is written only inside the role 消防處處長, twice: the body is named twice."""
    found = entities(["消防處處長陳志明今早到場視察。", "消防處處長陳志明表示，救援工作會持續。"])
    assert [(e.name, e.mentions) for e in found["organisations"]] == [("消防處", 2)]
    assert [(e.name, e.role) for e in found["people"]] == [("陳志明", "消防處處長")]


def test_a_surname_and_a_verb_of_saying_is_the_official_named_before() -> None:
    """After 教育局長陳美玲 is named in full, 陳亦指 and 陳呼籲 refer to her: they count for
    her name and are never listed as people."""
    found = entities(
        [
            "教育局長陳美玲今日到學校視察。",
            "陳亦指，學校會延遲開學。",
            "陳呼籲家長留意學校通告。",
        ]
    )
    assert [(e.name, e.mentions) for e in found["people"]] == [("陳美玲", 3)]


def test_housing_words_and_a_dates_day_name_no_place() -> None:
    """屋邨 is a kind of housing, and 日本 of 30日+本地 is a date's 日 and 本地."""
    housing = [
        "這座位於新界西北部的屋邨共六座住宅樓，整個屋邨被棚架包裹。",
        "一些正在維修的屋邨居民人心惶惶。",
    ]
    data = [
        "為受影響的月費客戶，免費提供額外50GB本地數據。為受影響的儲值卡客戶，"
        "免費提供額外50GB/30日本地數據，數據已存入客戶賬戶。"
    ]
    assert names(entities(housing), "places") == []
    assert names(entities(data), "places") == []


def test_a_government_body_with_a_one_character_ending_named_twice_is_listed() -> None:
    """勞工處 and 屋宇署 (jieba cuts 屋宇|署, and the model reads 介屋宇署 of 轉介+屋宇署)
    named twice are organisations; 社會福利署 is named whole, not 福利署."""
    found = entities(
        [
            "勞工處表示，過去一年曾到地盤巡查二十次。",
            "勞工處又指，已把個案轉介屋宇署跟進。",
            "屋宇署回覆查詢時表示會再派員視察。",
        ]
    )
    assert names(found, "organisations") == ["勞工處", "屋宇署"]
    found = entities(["房屋局表示，若發現承建商違反條例，會轉介屋宇署按條例跟進，包括提出檢控。"])
    assert names(found, "organisations") == ["房屋局", "屋宇署"]
    found = entities(["民政事務處及社會福利署已在會堂設立援助站。"])
    assert names(found, "organisations") == ["社會福利署"]


def test_a_name_written_only_in_a_body_named_after_its_bearer_is_no_person() -> None:
    """陳守義 of 陳守義基金會 and 林國棟 of 林國棟中學 name the bodies, not the people."""
    found = entities(
        [
            "陳守義基金會及陳守義集團宣布捐款五千萬元。",
            "與屋邨一河之隔的林國棟中學，今晚亦發生山火。",
            "林國棟中學校長表示，全校師生安全。",
        ]
    )
    assert names(found, "people") == []
    assert "林國棟中學" in names(found, "organisations")


def test_a_body_named_with_and_inside_is_named_whole() -> None:
    """勞工及福利局 is one bureau: its head's role is written whole, and the body is not cut
    after its 及 (福利局); 滙豐及恒生銀行 are two banks."""
    found = entities(
        ["勞工及福利局局長黃志強今日會見傳媒。", "黃志強表示，政府會向每戶發放十萬元。"]
    )
    assert [(e.name, e.role) for e in found["people"]] == [("黃志強", "勞工及福利局局長")]
    assert names(found, "organisations") == ["勞工及福利局"]
    found = entities(["民政及青年局長林美華今日到社區會堂探望居民。"])
    assert [(e.name, e.role) for e in found["people"]] == [("林美華", "民政及青年局長")]
    found = entities(["滙豐及恒生銀行宣布合共捐款三千萬元。"])
    assert set(names(found, "organisations")) == {"滙豐", "恒生銀行"}


def test_a_trade_after_a_place_inside_a_body_does_not_end_its_name() -> None:
    """台灣消防員工作促進會: 消防員 after the place is part of the body's name, not a title
    ending it (the body was listed as 台灣)."""
    found = entities(["台灣消防員工作促進會副秘書長林志明向本台說，竹棚起火後火勢迅速蔓延。"])
    assert names(found, "organisations") == ["台灣消防員工作促進會"]


def test_a_two_character_word_with_no_surname_is_no_person() -> None:
    """復元 (recovery) is a word the dictionary knows, with no surname: no person, however
    often the model reads it as one."""
    found = entities(
        [
            "某基金會宣布，即時撥款2000萬元設立援助基金，並撥出額外4000萬元的後續計劃，"
            "助力社區重建復元。",
            "基金會表示，會支援服務北區的團體，為受火災影響的家庭提供即時救助及後續復元援助。",
            "銀行捐出500萬元予政府成立的援助基金，以支援災後復元工作。",
        ]
    )
    assert names(found, "people") == []


def test_an_estates_buildings_are_the_estate() -> None:
    """翠林苑大廈 (the estate's blocks) is another mention of 大埔翠林苑, not a place of its own."""
    found = entities(
        ["大埔翠林苑周二發生火警，消防員到場灌救。", "勞工處曾多次巡查翠林苑大廈維修工程。"]
    )
    assert [(e.name, e.mentions) for e in found["places"]] == [("大埔翠林苑", 2)]


def test_a_company_named_after_a_glued_copula_starts_after_it() -> None:
    """承辦商為永盛建築工程有限公司: jieba cuts 承辦|商為, and the company starts after 為."""
    found = entities(["屋苑於去年9月進行大維修，承辦商為永盛建築工程有限公司，工程原定明年完成。"])
    assert names(found, "organisations") == ["永盛建築工程有限公司"]


def test_police_ranks_foreign_ministers_and_queens_are_roles() -> None:
    """高級警司, 外相 and 王后 written before a name give its role."""
    found = entities(
        [
            "警務處高級警司陳國強今日會見傳媒。",
            "英國外相李察遜發表聲明，向死難者家屬致以慰問。",
            "英國王后卡米拉亦表達哀悼。",
        ]
    )
    assert {(e.name, e.role) for e in found["people"]} == {
        ("陳國強", "警務處高級警司"),
        ("李察遜", "英國外相"),
        ("卡米拉", "英國王后"),
    }


def test_a_block_the_model_cuts_inside_an_unknown_word_is_named_whole() -> None:
    """至宏泰閣 is one word to jieba and the model reads only 宏 as a place: the block is
    宏泰閣, as its estate ending shows."""
    found = entities(["消防員在宏昌閣（F座）灌救期間，火勢又燒至宏泰閣（E座）。"])
    assert set(names(found, "places")) == {"宏昌閣", "宏泰閣"}


def test_no_place_where_a_common_word_stands() -> None:
    """Reviewed: 日照 (daylight, of 日照時間) and 開馬路 (開|馬路, 對開馬路: the road opposite)
    were listed as places; both are common words where they stand."""
    found = entities(
        [
            "搜救隊盡量在日照時間內搜索山坡，日照時間過後暫停。",
            "消防車停在學校對開馬路，學校對開馬路已封閉。巴士經學校對開馬路前往沙田。",
        ]
    )
    assert set(names(found, "places")) == {"沙田"}, names(found, "places")


def test_a_regnal_number_is_part_of_the_name() -> None:
    """Reviewed: 查理斯三世國王 listed 查理斯 (the model ends the name before 三世)."""
    people = names(entities(["卡洛斯三世國王及王后致哀。"]), "people")
    assert people == ["卡洛斯三世"], people


def test_a_body_named_after_its_place_and_again_without_it_is_listed_whole() -> None:
    """Reviewed: 中國太平 (an insurer) was cut to 太平, the short name of 太平香港表示; a body
    named by a number is its brand's (優品360 listed as 360)."""
    orgs = names(entities(["工程由中國永達香港承建。", "永達香港表示已停工。"]), "organisations")
    assert "中國永達" in orgs and "永達" not in orgs, orgs
    orgs = names(entities(["實惠360已準備200箱物資送往災區。"]), "organisations")
    assert "360" not in orgs, orgs
