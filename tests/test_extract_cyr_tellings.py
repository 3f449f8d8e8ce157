"""Russian and Ukrainian reports that tell one thing twice or in pieces (issue 16, session 7).

Each document is written in the project's own words and reproduces one shape seen in real reports: a
capture list whose villages the gazetteer lacks, running past the hromada each lies in; a headline glued
to its lede, naming the villages twice; "Об этом заявили ..." naming the claimant in the next sentence; a
strike told in a city's district and then "in the city"; a summary's count of places struck beside the
strikes it places; the claimants Ukrainian reports cite (a source line, a city's administration, HUR).
"""
from __future__ import annotations

import pytest

from test_extract_cyr_formats import _doc, _props  # one front matter for the Russian/Ukrainian test documents


def test_a_capture_list_past_hromadas_gives_each_unknown_village_its_own_event_at_the_oblast():
    text = _doc("По словам главы Сумской ОВА, российские войска взяли под свой контроль три села области: "
                "Басовка Юнаковской громады, Тихое и Кривая Балка Хотинской громады.",
                published="2025-06-01", language="ru")
    events = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    by_mention = {p["place_mention"]: p for p in events}
    assert sorted(by_mention) == ["Басовка", "Кривая Балка", "Тихое"]
    assert by_mention["Басовка"]["place"] == "Basivka"
    for name in ("Тихое", "Кривая Балка"):  # not in the gazetteer: the oblast, the name kept
        p = by_mention[name]
        assert (p["geo_precision"], p["admin1_code"], p["gazetteer_id"]) == ("admin1", "UA-59", None)
        assert p["extra"]["unresolved_place"] == name
    assert {p["extra"].get("outcome") for p in events} == {"gained ground"}


def test_a_headline_glued_to_its_lede_gives_each_village_once():
    text = _doc("Армия России освободила населённые пункты Тихое и Кривую Балку в Курской области Фото: пресс-служба "
                "Подразделения группировки войск освободили населенные пункты Тихое и Кривая Балка "
                "в Курской области, сообщило Минобороны.", published="2024-10-20", language="ru")
    events = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert sorted(p["place_mention"] for p in events) == ["Кривую Балку", "Тихое"]
    assert {(p["geo_precision"], p["admin1_code"]) for p in events} == {("admin1", "RU-KRS")}
    assert {p["claim_status"] for p in events} == {"claimed"}


def test_the_claimant_named_in_the_next_paragraph_claims_the_events_told_before():
    text = _doc("Российские подразделения установили контроль над селом Тихое Курской области.\n\n"
                "Об этом заявили в Министерстве обороны России.\n\n"
                "Жители села давно уехали.", published="2025-03-11", language="ru")
    (p,) = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert p["claim_status"] == "claimed"
    assert [s["claimed_by"] for s in p["sources"]] == [None, "Russian Ministry of Defence"]
    # a sentence that only names a speaker with nothing told before it claims nothing
    text = _doc("Об этом заявили в Министерстве обороны России.\n\nДрон атаковал Рыльск.",
                published="2025-03-11", language="ru")
    (p,) = _props(text)
    assert p["place"] == "Ryl’sk" and len(p["sources"]) == 1


def test_a_strike_in_a_city_district_and_in_the_city_is_one_event_in_the_district():
    district_first = _doc("Вранці росіяни вдарили дроном по Ковпаківському району Сум, пошкоджено магазин.\n\n"
                          "Через атаку на Суми поранено двох людей, повідомив голова ОВА.",
                          published="2025-06-03", language="uk")
    city_first = _doc("Через атаку на Суми поранено двох людей, повідомив голова ОВА.\n\n"
                      "Дрон влучив у Зарічний район міста.", published="2025-06-03", language="uk")
    for text, district in ((district_first, "Kovpakivskyi"), (city_first, "Zarichnyi")):
        (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
        assert (p["place"], p["geo_precision"]) == (district, "admin2"), text
        assert len(p["sources"]) == 2
    # "Зарічний район" read whole by the gazetteer is still a district, not a dot
    (p,) = _props(_doc("Росіяни атакували Зарічний район Сум.", published="2025-06-03", language="uk"))
    assert (p["place"], p["geo_precision"]) == ("Zarichnyi", "admin2")
    # another town the same day stays its own strike
    text = _doc("Дрон атакував Зарічний район Сум.\n\nУвечері росіяни обстріляли Білопілля.",
                published="2025-06-03", language="uk")
    assert sorted(p["place"] for p in _props(text)) == ["Bilopillia", "Zarichnyi"]


def test_a_summary_count_of_places_struck_joins_the_strikes_it_places():
    text = _doc("Ворог за добу атакував 14 населених пунктів Сумщини.\n\n"
                "У Хотінській громаді обстріл з артилерії, пошкоджено будинок.\n\n"
                "У Краснопільській громаді скинули вибухівку з дрона.\n\n"
                "Також уночі сили ППО збили ракету над Сумщиною.", published="2025-05-10", language="uk")
    strikes = [p for p in _props(text) if p["event_type"] == "strike"]
    placed = {p["place"]: p for p in strikes if p["geo_precision"] == "admin2"}
    assert sorted(placed) == ["Khotin", "Krasnopillya"]
    # the count is told, as a source of the strike nearest it, not as a strike of its own
    assert any("14 населених пунктів" in s["quote"] for s in placed["Khotin"]["sources"])
    # the missile shot down over the oblast, no count, is an event of its own
    (oblast,) = [p for p in strikes if p["geo_precision"] == "admin1"]
    assert "ракету" in oblast["sources"][0]["quote"] and len(oblast["sources"]) == 1


def test_a_count_without_strikes_placed_that_day_stays_an_oblast_event():
    text = _doc("За добу ворог атакував 14 населених пунктів Сумщини.", published="2025-05-10", language="uk")
    (p,) = _props(text)
    assert (p["event_type"], p["geo_precision"], p["admin1_code"]) == ("strike", "admin1", "UA-59")


def test_claimants_ukrainian_reports_cite():
    cases = {
        "Джерело: Сумська ОВА\n\nРосіяни вдарили по Білопіллю.": "Sumy regional military administration",
        "У міській військовій адміністрації повідомили, що дрон атакував Шостку.": "Ukrainian local authorities",
        "Як повідомила прокуратура, росіяни вдарили по Білопіллю.": "Ukrainian local authorities",
        "За даними ГУР, до Курської області прибули північнокорейські військові.":
            "Ukrainian military intelligence (HUR)",
    }
    for body, who in cases.items():
        props = _props(_doc(body, published="2025-05-10", language="uk"))
        assert props, body
        for p in props:
            assert p["claim_status"] == "claimed", body
            assert who in [s["claimed_by"] for s in p["sources"]], (body, p["sources"])


def test_a_period_since_a_day_and_a_week_run_to_the_report():
    from geomap.documents import parse_published
    from geomap.extraction import cyr

    pub = parse_published("2024-10-09")
    cases = {
        ("ru", "бои в приграничье идут с 6 августа"): ("2024-08-06", "2024-10-09"),
        ("uk", "з 1 вересня ворог обстрілює громаду"): ("2024-09-01", "2024-10-09"),
        ("ru", "с 6 по 9 августа шли бои"): ("2024-08-06", "2024-08-09"),  # a closed range stays closed
        ("ru", "за неделю освобождены три села"): ("2024-10-02", "2024-10-09"),
        ("uk", "за минулий тиждень ворог атакував громаду"): ("2024-10-02", "2024-10-09"),
        # "the first report since 9 October": the day is a reference, not the start of a period
        ("ru", "это первое сообщение об освобождении сел с 9 октября"): ("2024-10-09", "2024-10-09"),
    }
    for (lang, low), want in cases.items():
        (d,) = cyr.find_dates(lang, low, pub)
        assert (d.start.isoformat(), d.end.isoformat()) == want, low
    # an event told with "с <day>" takes the whole period
    text = _doc("Бои с ВСУ в Кореневском районе продолжаются с 6 августа.", published="2024-10-09", language="ru")
    (p,) = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert (p["date_start"], p["date_end"]) == ("2024-08-06", "2024-10-09")


def test_districts_of_an_oblast_outside_the_map_give_no_event_in_the_mapped_one():
    text = _doc("Уночі дрони атакували Шостку на Сумщині.\n\n"
                "Раніше ми писали, що в Бучанському та Вишгородському районах Київської області уламки дронів "
                "пошкодили лінії електропередачі.", published="2025-06-03", language="uk")
    (p,) = _props(text)
    assert p["place"] == "Shostka"


def test_troops_that_are_in_an_oblast_are_a_deployment_there():
    cases = {
        ("uk", "За даними ГУР, близько 9 тисяч військових КНДР перебувають на території Курської області."):
            "RU-KRS",
        ("ru", "По данным разведки, около 9 тысяч военных КНДР находятся на территории Курской области."):
            "RU-KRS",
    }
    for (lang, body), code in cases.items():
        (p,) = _props(_doc(body, published="2025-08-12", language=lang))  # "по данным разведки": no flight
        assert (p["event_type"], p["sub_type"], p["admin1_code"]) == ("deployment", "presence", code), body
    # "месту размещения" is a target's name, not troops there
    body = "Удар нанесён по месту размещения подразделения ВСУ в Сумской области."
    assert {p["event_type"] for p in _props(_doc(body, published="2025-08-12", language="ru"))} == {"strike"}


def test_death_tolls_as_ukrainian_and_russian_reports_give_them():
    from geomap.extraction import cyr

    cases = {
        ("uk", "троє людей, на жаль, загинули."): (3, None),
        ("uk", "понад десять людей постраждали"): (None, 10),
        ("uk", "загинула жінка та її чоловік"): (2, None),
        ("uk", "загинула жінка, чоловік поранений"): (1, 1),  # after a comma, a clause of its own
        ("ru", "погибли 60-летний местный житель и его 15-летний сын"): (2, None),
        ("ru", "и оба находившихся внутри человека погибли"): (2, None),
        ("ru", "погибла на месте 80-летняя женщина, еще семь человек пострадали"): (1, 7),
        ("uk", "загинули п’ятеро людей"): (5, None),
    }
    for (lang, low), want in cases.items():
        assert cyr.casualties(lang, low) == want, low


def test_a_toll_told_in_the_next_lines_is_the_strike_s():
    cases = [
        ("Понад десять людей постраждали через атаку дронів на Суми.\n\nДвоє людей, на жаль, загинули.\n\n"
         "Про це повідомили в Сумській ОВА.", (2, 10), "claimed"),
        ("Уранці ворог атакував Білопілля дронами.\nПошкоджено три будинки та авто.\n"
         "Загинула 70-річна жінка, ще двоє людей поранені.", (1, 2), None),
    ]
    for body, (killed, wounded), status in cases:
        (p,) = _props(_doc(body, published="2025-06-03", language="uk"))
        assert (p["fatalities"], p["extra"].get("wounded")) == (killed, wounded), body
        assert status is None or p["claim_status"] == status
    # a toll two sentences on, after other news, is not the strike's
    body = "Уранці ворог атакував Білопілля дронами.\nУ місті відновили подачу світла.\nУ лікарні помер чоловік."
    (p,) = _props(_doc(body, published="2025-06-03", language="uk"))
    assert p["fatalities"] is None


def test_hromada_rows_after_semicolons_each_give_a_strike_with_its_own_toll():
    text = _doc("\"Білопільська громада – поранено 40-річного чоловіка; Сумська – постраждала жінка; "
                "Миколаївська сільська – загинув 65-річний чоловік, поранені 4 людини\", – написав голова ОВА.",
                published="2025-06-03", language="uk")
    got = {p["place_mention"]: (p["fatalities"], p["extra"].get("wounded")) for p in _props(text)}
    assert got == {"Білопільська": (None, 1), "Сумська": (None, 1), "Миколаївська": (1, 4)}


def test_bulleted_damage_rows_with_a_preposition_and_hromadas_joined_by_and():
    rows = _doc("Наслідки обстрілів:\n- у Сумській громаді: пошкоджено авто та ЛЕП;\n"
                "- у Шосткинській громаді: загоряння складу.", published="2025-06-03", language="uk")
    assert sorted(p["place"] for p in _props(rows)) == ["Shostka", "Sumy"]
    joined = _doc("Унаслідок обстрілів поранено двох людей у Середино-Будській громаді та жінку в Новослобідській "
                  "громаді.", published="2025-06-03", language="uk")
    assert sorted(p["place"] for p in _props(joined)) == ["Nova Sloboda", "Seredyna-Buda"]


def test_the_administration_that_speaks_after_a_hromada_row_is_no_hromada():
    text = _doc("Хотінська громада: удар КАБ (3 вибухи), повідомила Сумська ОВА.", published="2025-06-03",
                language="uk")
    (p,) = _props(text)
    assert (p["place"], p["geo_precision"]) == ("Khotin", "admin2")
    assert p["claim_status"] == "claimed"


def test_an_outlet_s_standing_note_on_denied_policy_disputes_nothing():
    text = _doc("Уночі росіяни атакували Білопілля дроном, повідомила Сумська ОВА.\n\n"
                "Росія заперечує, що її армія свідомо б'є по цивільних об'єктах в Україні, хоча такі удари "
                "фіксують щодня.", published="2025-09-30", language="uk")
    (p,) = _props(text)
    assert p["place"] == "Bilopillia" and p["claim_status"] == "claimed"
    # a denial of the reported strike itself still disputes it
    text = _doc("Російські ЗМІ заявили, що армія РФ захопила Андріївку на Сумщині.\n"
                "Прикордонники спростували цю інформацію.", published="2025-09-30", language="uk")
    (p,) = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert p["claim_status"] == "disputed"


def test_massing_troops_and_an_aim_are_a_deployment_where_they_mass():
    uk = _doc("За словами речника, ворог накопичує штурмові групи біля Юнаківки на Сумщині.",
              published="2025-06-03", language="uk")
    (p,) = _props(uk)
    assert (p["event_type"], p["place"]) == ("deployment", "Yunakivka")
    # the offensive aimed at a city is no fight there, and the city is not where the troops are
    ru = _doc("Противник стягивает силы в Курской области для наступления на Сумы, сообщает ТАСС со ссылкой "
              "на Минобороны.", published="2025-06-03", language="ru")
    (p,) = _props(ru)
    assert (p["event_type"], p["geo_precision"], p["admin1_code"]) == ("deployment", "admin1", "RU-KRS")
    assert p["claim_status"] == "claimed"
    # assault groups that advance are an assault
    uk = _doc("Штурмові групи ворога намагаються просунутися біля Юнаківки.", published="2025-06-03", language="uk")
    assert [p["event_type"] for p in _props(uk)] == ["ground_assault"]


@pytest.mark.parametrize("language,text", [
    ("ru", "Утром противник пытался прорваться у посёлка Тёткино, но наши подразделения отразили его атаку "
           "ударами дронов и огнём артиллерии."),
    ("uk", "Уранці ворожа піхота пішла на штурм біля Юнаківки, проте захисники відбили цю атаку вогнем артилерії "
           "та мінометів."),
])
def test_the_fire_a_repulse_was_made_with_is_part_of_the_fighting_not_a_strike(language, text):
    events = _props(_doc(text, published="2024-07-20", language=language))
    assert [(p["event_type"], p["geo_precision"]) for p in events] == [("ground_assault", "near_settlement")]


def test_shelling_told_without_a_repulse_stays_a_strike():
    events = _props(_doc("Днём противник обстрелял из артиллерии посёлок Тёткино.", published="2024-07-20", language="ru"))
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("strike", "artillery")]


@pytest.mark.parametrize("language,text", [
    ("ru", "Вчера подразделения отбили атаку противника у посёлка Тёткино. В ходе отраженных атак враг потерял до "
           "40 военных, два танка и три БТР."),
    ("uk", "Учора захисники відбили штурм біля Юнаківки. Під час відбитих атак ворог втратив до 30 піхотинців, танк "
           "та дві БМП."),
])
def test_tanks_lost_in_attacks_beaten_off_make_no_strike(language, text):
    # armour in a losses list (or in an attack) is ground fighting's, not a weapon of fire that would make
    # the attack words a strike
    events = _props(_doc(text, published="2024-07-20", language=language))
    assert "strike" not in {p["event_type"] for p in events}
    assert "ground_assault" in {p["event_type"] for p in events}


def test_attempts_to_break_across_the_border_beaten_off_are_one_stopped_crossing():
    text = _doc("За сутки подразделения отразили три попытки штурмовых групп противника прорваться через "
                "госграницу в направлении двух сёл Курской области.", published="2024-07-20", language="ru")
    events = _props(text)
    assert [(p["event_type"], p["sub_type"], p["geo_precision"]) for p in events] == [
        ("ground_assault", "incursion", "admin1")]


def test_a_repulse_named_as_the_circumstance_of_what_followed_is_the_fight_told_before():
    # the counterattack, then who took part, then "in the course of repelling the attack ...": one fight
    text = _doc("Украинские военные безуспешно контратаковали в Курской области, сообщили в ведомстве. Для этого они "
                "привлекли штурмовой батальон. В ходе отражения атаки противник лишился половины своей группы.",
                published="2024-07-20", language="ru")
    assert [(p["event_type"], p["geo_precision"]) for p in _props(text)] == [("ground_assault", "admin1")]


@pytest.mark.parametrize("language,text", [
    ("uk", "Ситуація на Сумщині складна, проте захисники тримають оборону та завдають противнику вогневого ураження "
           "з усіх видів озброєння."),
    ("ru", "Российская армия наносит удары лишь по военным целям в Сумах, заявил представитель Кремля."),
])
def test_fire_told_in_the_present_is_a_way_of_fighting_not_a_strike(language, text):
    # a general staff's "our units hold and strike the enemy", a spokesman's "the army strikes only military
    # targets": no strike of a day, and no dot on the town a policy names
    assert _props(_doc(text, published="2024-07-20", language=language)) == []


def test_an_aside_on_another_oblast_known_only_by_that_oblast_is_left_out():
    # a group's summary that turns to the Kharkiv direction, a roundup's line on Belgorod oblast: no Kursk or Sumy
    # event, and nothing to draw but another oblast's centre
    text = _doc("Дрон атаковал машину у посёлка Тёткино. Также поражены украинские части на Харьковском "
                "направлении. Ранее в Белгородской области дрон атаковал грузовик.", published="2024-07-20",
                language="ru")
    assert [(p["place"], p["admin1_code"]) for p in _props(text)] == [("Tëtkino", "RU-KRS")]
