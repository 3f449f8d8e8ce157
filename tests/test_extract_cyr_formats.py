"""Russian and Ukrainian official formats and news shapes (issue 16, session 5), in the project's own words.

Each document reproduces one shape of real reporting: a governor's statement naming a village and its
district, a ministry's daily summary with a force's losses, a general staff's count of clashes "on the
Kursk direction", evacuations, a headline's "под Курском", a city's district, an agency's dateline,
casualty counts in words and ages, a recap of news from elsewhere.
"""
from __future__ import annotations

from geomap.extraction import extract


def _doc(body: str, published: str, language: str) -> str:
    return f"---\nurl: https://example.org/r\noutlet: Example\npublished: {published}\nlanguage: {language}\n---\n{body}\n"


def _props(text: str) -> list[dict]:
    return [f["properties"] for f in extract(text)]


def test_a_village_named_with_its_district_is_the_village_and_an_age_is_no_count():
    text = _doc("Губернатор сообщил, что утром FPV-дрон ВСУ атаковал частный дом в селе Теткино Глушковского района. "
                "Пострадал 52-летний местный житель.", published="2025-06-03", language="ru")
    [p] = _props(text)
    assert (p["event_type"], p["place"], p["geo_precision"]) == ("strike", "Tëtkino", "settlement")
    assert p["extra"].get("wounded") == 1 and p["fatalities"] is None


def test_a_village_the_gazetteer_lacks_goes_to_its_district_centre_with_its_name_kept():
    text = _doc("Сегодня в деревне Заолешенка Суджанского района беспилотник ударил по сараю, никто не пострадал.",
                published="2025-06-03", language="ru")
    [p] = _props(text)
    assert (p["place"], p["geo_precision"], p["admin1_code"]) == ("Sudzha", "admin2", "RU-KRS")
    assert p["extra"]["unresolved_place"] == "Заолешенка"


def test_a_town_followed_by_its_oblast_is_still_the_town():
    text = _doc("Вечером 3 июня дрон атаковал автобус в Судже Курской области.", published="2025-06-04", language="ru")
    [p] = _props(text)
    assert (p["place"], p["geo_precision"], p["date_start"]) == ("Sudzha", "settlement", "2025-06-03")


def test_a_ministry_summary_reports_a_capture_and_the_other_sides_losses_at_the_oblast():
    text = _doc("Минобороны России заявило, что подразделения группировки «Север» освободили населённый пункт "
                "Малая Локня Курской области. За сутки ВСУ потеряли до 140 военнослужащих и два танка.",
                published="2025-03-12", language="ru")
    props = _props(text)
    losses = [p for p in props if p["event_type"] == "other"]
    assert [(p["sub_type"], p["admin1_code"], p["geo_precision"]) for p in losses] == [("casualties", "RU-KRS", "admin1")]
    assert losses[0]["claim_status"] == "claimed"
    assert any(p["event_type"] == "ground_assault" for p in props)


def test_lost_power_or_civilian_losses_are_no_force_losses():
    text = _doc("После удара по подстанции в Курской области потеряли электроснабжение 300 домов. "
                "Потери среди мирного населения уточняются.", published="2025-03-12", language="ru")
    assert not [p for p in _props(text) if p["event_type"] == "other"]


def test_a_general_staff_count_of_clashes_on_the_kursk_direction_is_fighting_in_kursk_oblast():
    text = _doc("Минулої доби на Курському напрямку відбулося 14 боєзіткнень. Сили оборони відбили дев'ять "
                "штурмових дій окупантів. Втрати ворога склали 160 осіб.", published="2025-02-20", language="uk")
    props = _props(text)
    fights = [p for p in props if p["event_type"] == "ground_assault"]
    assert [(p["admin1_code"], p["geo_precision"]) for p in fights] == [("RU-KRS", "admin1")]
    assert (fights[0]["date_start"], fights[0]["date_end"]) == ("2025-02-19", "2025-02-20")
    assert [(p["sub_type"], p["admin1_code"]) for p in props if p["event_type"] == "other"] == [("casualties", "RU-KRS")]


def test_evacuations_are_other_events_at_the_oblast_never_dots_in_the_villages():
    uk = _doc("Вчора з прикордонних сіл Сумщини, зокрема з Юнаківки та Хотіні, евакуювали 75 людей.",
              published="2025-05-10", language="uk")
    [p] = _props(uk)
    assert (p["event_type"], p["admin1_code"], p["geo_precision"]) == ("other", "UA-59", "admin1")
    assert (p["date_start"], p["date_end"]) == ("2025-05-09", "2025-05-09")
    ru = _doc("Из Глушково Курской области эвакуированы ещё 40 жителей.", published="2025-05-10", language="ru")
    assert [(p["event_type"], p["geo_precision"]) for p in _props(ru)] == [("other", "admin1")]


def test_under_kursk_in_a_headline_is_the_oblast_not_the_outskirts_of_the_city():
    text = _doc("Под Курском дрон атаковал мотоцикл\n\nСегодня FPV-дрон атаковал мотоцикл на окраине деревни, "
                "которой нет на карте, сообщил губернатор.", published="2025-10-11", language="ru")
    props = _props(text)
    assert props and all(p["geo_precision"] == "admin1" and p["admin1_code"] == "RU-KRS" for p in props)


def test_a_citys_district_is_an_area_not_a_settlement_dot():
    text = _doc("Увечері безпілотник влучив у Ковпаківському районі, постраждалих немає.",
                published="2025-09-05", language="uk")
    [p] = _props(text)
    assert p["geo_precision"] == "admin2" and p["admin1_code"] == "UA-59"


def test_districts_named_together_as_the_most_shelled_are_no_events_at_their_centres():
    text = _doc("Протягом доби ворог 60 разів обстріляв Сумщину. Більшість обстрілів була у Сумському "
                "та Шосткинському районах.", published="2025-09-25", language="uk")
    assert all(p["geo_precision"] == "admin1" for p in _props(text))


def test_a_single_district_is_its_centre_at_admin2():
    text = _doc("В Рыльском районе дрон ударил по грузовику.", published="2025-09-25", language="ru")
    [p] = _props(text)
    assert (p["place"], p["geo_precision"]) == ("Ryl’sk", "admin2")


def test_an_agency_dateline_is_no_place_of_the_news():
    text = _doc("КУРСК, 27 фев – Example. Атака дрона повредила дом в Кореневском районе, пострадавших нет.",
                published="2025-02-27", language="ru")
    props = _props(text)
    assert [(p["place"], p["geo_precision"]) for p in props] == [("Korenevo", "admin2")]


def test_villages_that_came_under_attack_in_a_list_each_get_an_event():
    text = _doc("За прошедшие сутки ВСУ выпустили по Курской области 45 боеприпасов. Атакам подверглись "
                "Глушково, Тёткино и Рыльск.", published="2025-03-12", language="ru")
    places = sorted(p["place"] for p in _props(text) if p["geo_precision"] == "settlement")
    assert places == ["Glushkovo", "Ryl’sk", "Tëtkino"]


def test_counts_in_words_and_one_person_without_a_number():
    text = _doc("У неділю окупанти вдарили по Шостці дронами: загинули двоє, поранено жінку.",
                published="2025-03-12", language="uk")
    [p] = _props(text)
    assert (p["place"], p["date_start"], p["fatalities"], p["extra"]["wounded"]) == ("Shostka", "2025-03-09", 2, 1)


def test_a_recap_of_news_from_elsewhere_adds_no_event():
    text = _doc("В Льгове дрон повредил крышу школы.\n\nРанее Минобороны сообщило, что за ночь над регионами "
                "страны сбиты 40 беспилотников.", published="2025-09-04", language="ru")
    assert [p["place"] for p in _props(text)] == ["L’gov"]


def test_a_capture_word_after_an_offensive_word_keeps_every_captured_village_in_the_texts_oblast():
    # "Николаевка" has namesakes in Sumy oblast: the Kursk report keeps it in Kursk oblast, unplaced
    text = _doc("Министерство обороны сообщило о боях в Курской области.\n\nПодразделения в ходе наступательных действий "
                "освободили населённые пункты Викторовка, Николаевка и Старая Сорочина, заявили в ведомстве.",
                published="2025-03-12", language="ru")
    taken = [p for p in _props(text) if p["extra"].get("outcome") == "gained ground"]
    assert sorted(p["extra"]["unresolved_place"] for p in taken) == ["Викторовка", "Николаевка", "Старая Сорочина"]
    assert {(p["admin1_code"], p["geo_precision"]) for p in taken} == {("RU-KRS", "admin1")}


def test_a_district_and_then_its_village_are_one_incident():
    text = _doc("В Глушковском районе при атаке беспилотника погиб мирный житель.\n\n"
                "По словам губернатора, дрон сбросил взрывное устройство во двор дома в деревне Урусы.",
                published="2025-12-27", language="ru")
    [p] = _props(text)
    assert (p["place"], p["geo_precision"], p["fatalities"]) == ("Glushkovo", "admin2", 1)
    assert p["extra"]["unresolved_place"] == "Урусы"


def test_a_russian_text_names_hromadas_as_communities():
    # Ukrainian outlets' Russian pages say "община" for a hromada
    text = _doc("Российские дроны атаковали Белопольскую и Краснопольскую общины. В Сумской общине погиб человек.",
                published="2025-08-20", language="ru")
    got = {p["place"]: p for p in _props(text)}
    assert sorted(got) == ["Bilopillia", "Krasnopillya", "Sumy"]
    assert {p["geo_precision"] for p in got.values()} == {"admin2"} and got["Sumy"]["fatalities"] == 1


def test_a_hromada_whose_adjective_drops_a_vowel_of_its_town():
    text = _doc("Також зафіксовано влучання на території Роменської громади.", published="2025-08-20", language="uk")
    assert [(p["place"], p["geo_precision"]) for p in _props(text)] == [("Romny", "admin2")]


def test_the_night_into_a_weekday_is_the_evening_before_and_that_day_and_plane_type_drones_are_drones():
    text = _doc("В ночь на вторник Курскую область атаковали беспилотники самолётного типа.",
                published="2024-08-08", language="ru")
    [p] = _props(text)
    assert (p["date_start"], p["date_end"], p["sub_type"], p["admin1_code"]) == \
        ("2024-08-05", "2024-08-06", "drone_strike", "RU-KRS")
    uk = _doc("У ніч на неділю дрони атакували Шостку.", published="2025-03-12", language="uk")
    assert [(p["place"], p["date_start"], p["date_end"]) for p in _props(uk)] == [("Shostka", "2025-03-08", "2025-03-09")]


def test_fighting_near_villages_named_with_their_hromada_gives_each_village_not_the_hromada():
    text = _doc("Глава ОВА сообщил о боях в Сумской области.\nСейчас бои идут в окрестностях села Водолаги и вблизи "
                "Кондратовки Хотинской громады, а также в окрестностях Павловки Юнаковской громады.",
                published="2025-05-27", language="ru")
    props = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert ("Kindrativka", "near_settlement") in {(p["place"], p["geo_precision"]) for p in props}
    assert "Водолаги" in {p["extra"].get("unresolved_place") for p in props}
    assert not [p for p in props if p["place"] in ("Khotin", "Yunakivka")]


def test_sabotage_groups_sent_into_two_hromadas_are_an_incursion_in_each():
    text = _doc("Пограничники сообщили, что россияне засылают диверсионные группы в Сумскую область, прежде всего "
                "в пределах Хотинской и Юнаковской общин.", published="2025-06-26", language="ru")
    got = sorted((p["sub_type"], p["place"], p["geo_precision"]) for p in _props(text))
    assert got == [("incursion", "Khotin", "admin2"), ("incursion", "Yunakivka", "admin2")]


def test_a_headline_that_asks_reports_nothing():
    text = _doc("Чи захопили росіяни село на Сумщині: що кажуть військові\n\nЗа даними військових, село досі "
                "під контролем Сил оборони.", published="2026-01-08", language="uk")
    assert not [p for p in _props(text) if p["extra"].get("outcome") == "gained ground"]


def test_between_two_villages_in_a_named_oblast_never_a_namesake_elsewhere():
    # "Олексіївка" is also a district of Kharkiv with 100,000 people: the sentence says Sumy oblast
    text = _doc("Українські війська відбили штурм між Андріївкою та Олексіївкою на Сумщині.",
                published="2026-01-08", language="uk")
    props = _props(text)
    assert props and {(p["admin1_code"], p["geo_precision"]) for p in props} == {("UA-59", "admin1")}
    assert props[0]["extra"]["outcome"] == "stopped"


def test_places_that_came_under_fire_listed_by_hromada_are_one_strike_each():
    # "під вогонь потрапили" / "под огонь попали": a summary's way of saying which places were shelled
    text = _doc("Упродовж доби ворог здійснив 90 обстрілів Сумщини.\n\n"
                "Під ворожий вогонь потрапили населені пункти громад: Хотінська, Юнаківська та Білопільська.",
                published="2025-09-28", language="uk")
    hromadas = sorted(p["place"] for p in _props(text) if p["geo_precision"] != "admin1")
    assert hromadas == ["Bilopillia", "Khotin", "Yunakivka"]
    text = _doc("Днём под вражеский огонь попал Рыльск, сообщил губернатор.", published="2025-09-28", language="ru")
    assert [(p["event_type"], p["place"]) for p in _props(text)] == [("strike", "Ryl’sk")]


def test_villages_that_returned_under_control_listed_after_a_colon_each_get_an_event_over_two_days():
    # a ministry's capture summary: "за двое суток", then the villages after a colon (none in the gazetteer)
    text = _doc("Минобороны сообщило об освобождении четырёх населённых пунктов Курской области за двое суток.\n\n"
                "Под контроль Москвы вернулись: Заречновка, Лесополье, Малая Дубрава и Верхний Ключ.",
                published="2024-09-12", language="ru")
    events = [p for p in _props(text) if p["place_mention"] != "Курской области"]
    assert sorted(p["place_mention"] for p in events) == ["Верхний Ключ", "Заречновка", "Лесополье", "Малая Дубрава"]
    assert {(p["event_type"], p["geo_precision"], p["admin1_code"]) for p in events} == {
        ("ground_assault", "admin1", "RU-KRS")}
    text = _doc("За двое суток враг обстрелял Рыльск.", published="2024-09-12", language="ru")
    assert [(p["date_start"], p["date_end"]) for p in _props(text)] == [("2024-09-10", "2024-09-12")]
