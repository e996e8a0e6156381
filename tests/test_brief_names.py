"""The brief's people, roles and organisations on Taiwan and mainland news usage: roles
written before a name as Taiwan's press writes them (立委, 總召, 幹事長, 次長, 前 of a
former office), bodies not confused with roles, places or people, a body's short and full
names as one entry. Sentences written for these tests."""

from __future__ import annotations

from docconv_plugins.brief.facts import extract


def roles(*paragraphs: str) -> dict[str, str]:
    return {p.name: p.text for p in extract(list(paragraphs)).people}


def organisations(*paragraphs: str) -> list[str]:
    return extract(list(paragraphs)).organisations


def test_taiwan_legislators_caucus_leaders_and_deputy_ministers_keep_their_roles() -> None:
    people = roles(
        "民進黨團幹事長陳大明表示，預算案將於下週表決。",
        "國民黨團總召傅崐萁今天說，黨團不會退讓。",
        "民眾黨立委張美玲質詢時指出，電價不應調漲。",
        "內政部政務次長黃國強說，新制明年上路。",
    )
    assert people["陳大明"] == "民進黨團幹事長陳大明"
    assert people["傅崐萁"] == "國民黨團總召傅崐萁"  # jieba glues 總召傅: the clause is cut anew
    assert people["張美玲"] == "民眾黨立委張美玲"
    assert people["黃國強"] == "內政部政務次長黃國強"


def test_a_former_office_keeps_its_former_and_a_speaker_his_whole_title() -> None:
    people = roles(
        "前新北市長朱立明今天出庭應訊。",
        "立法院長韓國瑜表示，議場不應空無一人。",
        "會議三天前市長林小東已經說明。",
    )
    assert people["朱立明"] == "前新北市長朱立明"
    assert people["韓國瑜"] == "立法院長韓國瑜"
    assert people["林小東"] == "市長林小東"  # 三天前: three days ago, no former mayor


def test_a_time_or_an_act_glued_to_a_verb_is_no_part_of_a_role() -> None:
    people = roles(
        "監察院昨邀行政院長王建國到院說明。",
        "網友灌爆市長李美華的臉書。",
    )
    assert people["王建國"] == "行政院長王建國"
    assert people["李美華"] == "市長李美華"


def test_legislators_and_a_citys_short_name_are_no_organisations() -> None:
    found = organisations(
        "國民黨立委王小美質詢時說，民進黨立委都不在場。",
        "立委們今天離開議場，北市都發局則發出新聞稿。",
    )
    assert "國民黨" in found
    assert not {"立委", "國民黨立委", "民進黨立委", "北市"} & set(found)


def test_a_body_the_model_reads_with_the_next_word_is_named_without_it() -> None:
    found = organisations(
        "立法院院會今天下午三讀通過修正案，立法院隨即休會。",
        "法官經函詢新竹醫院，新竹醫院認為被告可以出庭。",
    )
    assert "立法院" in found and "新竹醫院" in found
    assert not {"立法院院", "函詢新竹醫院"} & set(found)


def test_a_listed_person_is_no_organisation() -> None:
    found = extract(
        [
            "今天院會是對行政院長卓榮泰總質詢。",
            "國民黨團質疑，柯建銘是要把卓榮泰押赴刑場嗎。",
        ]
    )
    assert "卓榮泰" in [p.name for p in found.people]
    assert "卓榮泰" not in found.organisations


def test_a_bodys_short_and_full_names_are_one_entry() -> None:
    found = organisations(
        "中国科学院今天发布报告。中科院副院长王建表示，成果将公开。",
        "台南地方法院今天宣判，台南法院認定被告有罪。",
        "中国体育代表团抵达巴黎，中国代表团将参加32个大项的比赛。",
    )
    assert "中国科学院" in found and "中科院" not in found
    assert "台南地方法院" in found and "台南法院" not in found
    assert "中国体育代表团" in found and "中国代表团" not in found


def test_a_role_written_before_a_name_beats_a_title_written_after_it() -> None:
    people = roles("主席請王小美委員發言。", "國民黨立委王小美表示，預算不應刪減。")
    assert people["王小美"] == "國民黨立委王小美"


def test_a_surname_and_his_or_her_sex_is_the_person_named_in_full_or_listed_once() -> None:
    found = roles(
        "被告陳建宏到案，檢察官認為陳男涉犯恐嚇罪，陳男於今天上午交保。",
        "檢察官認為，吳女涉犯詐欺罪，吳女則否認犯行。",
    )
    assert found["陳建宏"] == "陳建宏"
    assert "吳女" in found  # no full name: listed once, as the article names her
    assert not {"陳男", "陳男於", "陳男涉", "吳女涉", "吳女則"} & set(found)


def test_a_surname_and_a_verb_and_a_pairs_nickname_are_no_people() -> None:
    found = roles(
        "法官要律師與許溝通，許志明則表示同意。",
        "「軒翔配」張軒和王翔今天奪金，王翔說：「我們軒翔做到了。」",
    )
    assert "許志明" in found and "張軒" in found and "王翔" in found
    assert not {"許溝通", "軒翔"} & set(found)


def places(*paragraphs: str) -> list[str]:
    return extract(list(paragraphs)).places


def test_a_country_that_starts_a_listed_name_or_is_its_surname_is_no_place() -> None:
    found = places(
        "韓國瑜痛批議場無人",
        "立法院長韓國瑜今天表示，行政院應派員報告。",
        "民進黨團說，韓國瑜動怒一事可以理解，但韓主持會議時應有耐心。",
    )
    assert "韓國" not in found


def test_a_short_forms_character_starting_a_city_glued_to_the_next_word_is_no_place() -> None:
    assert "台灣" not in places("警方晚間前往台中將2人拘提到案，移送台北地檢署。")


def projects(*paragraphs: str) -> list[str]:
    return extract(list(paragraphs)).projects


def test_games_sessions_metro_lines_typhoons_bills_and_models_are_events_or_projects() -> None:
    found = projects(
        "戴資穎今天在雅典奧運女單奪得銅牌。",
        "十三届全国人大二次会议今天上午在北京开幕。",
        "深圳地铁16号线二期今天开通。",
        "受山竹颱風外圍環流影響，多地停班停課。",
        "行政院會今天通過前瞻基礎建設第四期特別預算案。",
        "研究团队推出名为伏羲气候大模型的新工具，人工智能大模型发展迅速。",
    )
    for event in (
        "雅典奧運",
        "十三届全国人大二次会议",
        "深圳地铁16号线二期",
        "山竹颱風",
        "伏羲气候大模型",
    ):
        assert event in found
    assert any(p.endswith("特別預算案") and "通過" not in p for p in found)
    assert "人工智能大模型" not in found  # a kind of model, no name


def test_a_discipline_of_named_games_lists_the_games() -> None:
    found = projects("中国队在伦敦奥运会跳水项目中夺得金牌。", "他说，在奥运会上夺金是梦想。")
    assert found == ["伦敦奥运会"]


def keywords(headline: str, *paragraphs: str) -> list[str]:
    from docconv_plugins.brief.summarize import keywords as chosen

    found = extract([headline, *paragraphs])
    return chosen(
        headline, list(paragraphs), 12, [p.name for p in found.people], found.organisations
    )


def test_particles_negations_genres_and_glued_entries_are_no_keywords() -> None:
    found = keywords(
        "全國人大會議閉幕講話側記",
        "法官認為被告有逃亡之虞，也有再犯之虞，裁定羈押。",
        "他說要作出无负时代、无负人民的业绩。",
        "经济运行稳中有进、稳中向好，稳中求进是总基调。",
        "王某受贿案一审宣判，王某受贿案一审判处无期徒刑。",
    )
    assert not {"側記", "之虞", "无负", "稳中", "案一审"} & set(found)


def test_a_fragment_grows_into_a_listed_body_or_a_case_and_latin_keeps_its_initial() -> None:
    found = keywords(
        "聯電法說會今天登場",
        "聯電今天舉行法說會，聯電總經理王石表示，聯電營收創新高。",
        "聯電股價上漲，外資看好聯電後市。",
        "遠雄城案今天開庭，遠雄城案被告出庭，遠雄城案將於下月宣判。",
        "台灣職籃T. LEAGUE+今天開打，T. LEAGUE+共有六隊。",
    )
    assert "T. LEAGUE" in found and "LEAGUE" not in found
    assert "遠雄城案" in found and "遠雄" not in found


def test_a_named_team_and_a_detention_centre_are_organisations_a_research_team_is_not() -> None:
    found = organisations(
        "新北國王隊今天以90比85擊敗高雄鋼鐵人隊，新北國王隊晉級決賽。",
        "被告目前由新竹看守所戒護就醫，新竹看守所回函法院。",
        "华为云计算技术有限公司王明团队研发的模型入选，王明团队表示将继续研究。",
    )
    assert "新北國王隊" in found
    assert "新竹看守所" in found
    assert not any(o.endswith("团队") for o in found)


def test_a_party_named_once_in_its_legislators_title_is_an_organisation() -> None:
    found = extract(["時代力量黨團今天開會，台灣基進黨立委陳柏惟質詢時表示反對。"])
    assert "台灣基進黨" in found.organisations
    assert [p.text for p in found.people] == ["台灣基進黨立委陳柏惟"]


def test_two_places_abbreviated_in_a_headline_are_no_third_place() -> None:
    found = places(
        "宜東縣長遭批評",
        "颱風來襲，宜蘭縣和台東縣今天照常上班，民眾不滿。",
        "宜蘭縣政府表示，台東縣也將檢討。",
    )
    assert "宜蘭縣" in found and "台東縣" in found
    assert "宜東" not in found


def test_a_building_whose_name_the_model_cuts_before_its_ordinal_is_no_person() -> None:
    found = roles(
        "強風吹倒了林園吉第社區重達一噸的入口牌樓。", "颱風吹倒重達兩噸的向海吉第入口處牌樓。"
    )
    assert not {"林園吉", "向海吉"} & set(found)
