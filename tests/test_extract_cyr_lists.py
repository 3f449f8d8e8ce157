"""Russian and Ukrainian shapes of session 8 (issue 16), each in a document written in our own words.

Capture lists told after their verb ("освобождены также A, 1-й B и C"), the verb after its object ("под
контроль перешли посёлки A и B"), two-word names whose last word alone is a gazetteer name ("Лесные Буды"),
a strike told in present tense ("атакують", "б'ють по") in a city's district and then "in the city", and
"a few days earlier" as a range.
"""
from __future__ import annotations

from test_extract_cyr_formats import _doc, _props


def _assaults(text: str) -> dict[str, dict]:
    return {p["place_mention"]: p for p in _props(text) if p["event_type"] == "ground_assault"}


def test_a_passive_capture_list_with_numbered_names_gives_each_village_its_event_at_the_oblast():
    text = _doc("По данным военного ведомства, в Курской области освобождены также Лесное, 3-й Лог, 4-й Лог и Поле.",
                published="2025-03-14", language="ru")
    events = _assaults(text)
    assert sorted(events) == ["3-й Лог", "4-й Лог", "Лесное", "Поле"]
    for name, p in events.items():  # none is in the gazetteer: the oblast, the whole name kept, no dot
        assert (p["geo_precision"], p["admin1_code"], p["gazetteer_id"]) == ("admin1", "RU-KRS", None)
        assert p["extra"]["unresolved_place"] == name
    # without the capture verb the same names are no events
    assert _assaults(_doc("Жители сёл Лесное и Поле получили гуманитарную помощь.",
                          published="2025-03-14", language="ru")) == {}


def test_the_verb_before_its_subject_and_the_plural_kind_of_place_cue_the_list():
    text = _doc("Вчера под контроль перешли также посёлки Лесное и Заречье Курской области.",
                published="2025-03-14", language="ru")
    events = _assaults(text)
    assert sorted(events) == ["Заречье", "Лесное"]
    assert {p["date_start"] for p in events.values()} == {"2025-03-13"}
    text = _doc("Під контроль перейшли села Лісове та Заріччя на Сумщині.", published="2025-06-14", language="uk")
    assert sorted(_assaults(text)) == ["Заріччя", "Лісове"]


def test_a_two_word_name_is_never_a_dot_at_its_last_word():
    # "Буды" alone is a name the gazetteer holds; "Лесные Буды" is not: the oblast, the whole name kept
    text = _doc("Армия России освободила Лесные Буды и Новую Рощу в Курской области.",
                published="2025-03-14", language="ru")
    events = _assaults(text)
    assert sorted(events) == ["Лесные Буды", "Новую Рощу"]
    for p in events.values():
        assert (p["geo_precision"], p["gazetteer_id"]) == ("admin1", None)
    # a two-word name the gazetteer holds stays at its place, and a list of known towns keeps its dots
    text = _doc("Дрон атаковал Рыльск, Большое Солдатское и Коренево.", published="2025-03-14", language="ru")
    assert sorted((p["place"], p["geo_precision"]) for p in _props(text)) == [
        ("Bol’shoye Soldatskoye", "settlement"), ("Korenevo", "settlement"), ("Ryl’sk", "settlement")]


def test_a_present_tense_strike_in_a_city_district_and_then_in_the_city_is_one_event():
    text = _doc("Росіяни атакують Суми дронами, є поранені, повідомив голова ОВА.\n\n"
                "Б’ють по складах у Ковпаківському районі. Уже чотири влучання.\n\n"
                "Ворожі дрони вдарили по будівлях у Сумах, поранено трьох людей",
                published="2025-10-30", language="uk")
    (p,) = _props(text)
    assert (p["event_type"], p["place"], p["geo_precision"]) == ("strike", "Kovpakivskyi", "admin2")
    assert p["extra"]["wounded"] == 3
    # the present tense alone is a strike, in Russian too
    (p,) = _props(_doc("ВСУ атакуют Рыльск беспилотниками.", published="2025-10-30", language="ru"))
    assert (p["event_type"], p["place"]) == ("strike", "Ryl’sk")


def test_a_few_days_earlier_is_a_range_before_the_report():
    text = _doc("Несколькими днями ранее были освобождены также Лесное и Поле в Курской области.",
                published="2025-03-14", language="ru")
    assert {(p["date_start"], p["date_end"]) for p in _assaults(text).values()} == {("2025-03-08", "2025-03-12")}


def test_attacks_repelled_are_ground_fighting_not_strikes_unless_a_weapon_is_named():
    text = _doc("Бойцы группировки «Север» отбили две атаки пехоты ВСУ в районах населённых пунктов Тёткино и "
                "Глушково.", published="2025-05-10", language="ru")
    events = _props(text)
    assert {p["event_type"] for p in events} == {"ground_assault"}
    assert sorted((p["place"], p["geo_precision"]) for p in events) == [("Glushkovo", "near_settlement"),
                                                                          ("Tëtkino", "near_settlement")]
    assert {p["extra"]["outcome"] for p in events} == {"stopped"}
    text = _doc("Захисники відбили атаку піхоти біля Юнаківки.", published="2025-05-10", language="uk")
    assert {p["event_type"] for p in _props(text)} == {"ground_assault"}
    # a weapon of fire named beside the fighting is a strike as well
    text = _doc("Военные отбили атаку у Тёткино, затем противник атаковал село дронами.", published="2025-05-10",
                language="ru")
    assert {p["event_type"] for p in _props(text)} == {"ground_assault", "strike"}


def _claimants(p: dict) -> list:
    return [s["claimed_by"] for s in p["sources"]]


def test_a_speaker_before_a_colon_claims_the_line():
    (p,) = _props(_doc("Сирський: наші підрозділи просунулися біля Суджі на два кілометри.",
                       published="2024-08-20", language="uk"))
    assert (p["claim_status"], _claimants(p)) == ("claimed", ["Ukrainian military"])
    (p,) = _props(_doc("Губернатор: вечером FPV-дрон атаковал легковую машину у посёлка Хомутовка.",
                       published="2025-09-19", language="ru"))
    assert p["claim_status"] == "claimed" and _claimants(p) == ["Russian officials"]
    # a colon after words that name no claimant claims nothing
    (p,) = _props(_doc("Коротко: дрон атаковал Рыльск.", published="2025-09-19", language="ru"))
    assert p["claim_status"] == "reported"


def test_claimants_of_both_sides_in_russian_and_speech_in_the_present_tense():
    cases = [
        ("Начальник Генштаба ВС России сообщил, что войска продвинулись у Тёткино.", "Russian General Staff"),
        ("Начальник Сумской областной военной администрации сказал, что Белополье обстреляли из миномётов.",
         "Sumy regional military administration"),
        ("По словам военкоров, российские подразделения продвинулись к селу Андреевка Сумской области.",
         "Russian military bloggers"),
        ("ВСУ потеряли в Курской области до 90 военнослужащих, отмечают в Минобороны.", "Russian Ministry of Defence"),
    ]
    for body, who in cases:
        (p,) = _props(_doc(body, published="2025-06-20", language="ru"))
        assert (p["claim_status"], _claimants(p)) == ("claimed", [who]), body
    (p,) = _props(_doc("Речник ДПСУ підкреслив, що ворожі групи намагаються просунутися на Сумщині.",
                       published="2025-03-19", language="uk"))
    assert (p["claim_status"], _claimants(p)) == ("claimed", ["State Border Guard Service"])


def test_russias_standing_denial_of_strikes_on_civilians_disputes_nothing_even_cut_short():
    text = _doc("Вночі росіяни вдарили дронами по Сумах, повідомив голова ОВА.\n\n"
                "Керівництво Росії заперечує, що армія б", published="2025-09-12", language="uk")
    (p,) = _props(text)
    assert p["claim_status"] == "claimed"
    # a denial by a body of the side that told the event still disputes it
    text = _doc("Российские войска взяли под контроль Тёткино, заявили в Минобороны России.\n\n"
                "Генштаб ВСУ опроверг эти сообщения.", published="2025-05-10", language="ru")
    assert {p["claim_status"] for p in _props(text)} == {"disputed"}


def test_a_night_is_its_two_days_as_the_evaluation_readme_dates_it():
    cases = [("В ночь на 12 августа дрон атаковал дом в Рыльске.", "ru", ("2025-08-11", "2025-08-12")),
             ("Ночью 11 августа дрон атаковал дом в Рыльске.", "ru", ("2025-08-10", "2025-08-11")),
             ("Минувшей ночью дрон атаковал дом в Рыльске.", "ru", ("2025-08-11", "2025-08-12")),
             ("В ночь с 9 на 10 августа дрон атаковал дом в Рыльске.", "ru", ("2025-08-09", "2025-08-10")),
             ("Вночі дрон атакував Білопілля.", "uk", ("2025-08-11", "2025-08-12")),
             ("У ніч проти 12 серпня дрон атакував Білопілля.", "uk", ("2025-08-11", "2025-08-12")),
             ("Вчора ввечері дрон атакував Білопілля.", "uk", ("2025-08-11", "2025-08-11"))]
    for body, lang, days in cases:
        (p,) = _props(_doc(body, published="2025-08-12", language=lang))
        assert (p["date_start"], p["date_end"]) == days, body


def test_an_evacuation_of_districts_named_together_is_one_event_per_district():
    text = _doc("Власти Курской области эвакуируют жителей Глушковского и Рыльского, а также Хомутовского районов.",
                published="2024-08-14", language="ru")
    events = [p for p in _props(text) if p["event_type"] == "other"]
    assert sorted((p["place"], p["geo_precision"]) for p in events) == [
        ("Glushkovo", "admin2"), ("Khomutovka", "admin2"), ("Ryl’sk", "admin2")]
    # a village evacuated stays a mention at the oblast, never a dot
    (p,) = _props(_doc("Из села Теткино Курской области эвакуировали детей.", published="2024-08-14", language="ru"))
    assert (p["event_type"], p["geo_precision"], p["gazetteer_id"]) == ("other", "admin1", None)


def test_trying_to_improve_positions_near_a_village_is_an_assault():
    (p,) = _props(_doc("Противник пытается улучшить своё положение возле Лесного Сумской области.",
                       published="2025-06-22", language="ru"))
    assert (p["event_type"], p["admin1_code"]) == ("ground_assault", "UA-59")
    (p,) = _props(_doc("Ворог намагається покращити позиції біля Лісового на Сумщині.",
                       published="2025-06-22", language="uk"))
    assert (p["event_type"], p["admin1_code"]) == ("ground_assault", "UA-59")


def test_a_pages_own_date_stamp_on_its_line_dates_no_event():
    text = _doc("Дрони вдарили по школі в Глухові (оновлено)\nДата:\n20 Листопада 2024\n"
                "Пізно ввечері 19 листопада росіяни атакували школу у Глухові, поранено двох людей.",
                published="2024-11-20", language="uk")
    (p,) = _props(text)
    assert (p["place"], p["date_start"], p["date_end"]) == ("Hlukhiv", "2024-11-19", "2024-11-19")
    text = _doc("20 листопада 2024 10:15\nДрон атакував авто в Глухові.", published="2024-11-21", language="uk")
    (p,) = _props(text)
    assert p["date_start"] != "2024-11-20"  # the stamp is no date of the strike


def test_a_part_of_the_day_before_a_weekday_in_the_genitive_is_that_day():
    (p,) = _props(_doc("Пізно ввечері неділі дрон влучив у авто в Білопіллі.", published="2025-09-01", language="uk"))
    assert (p["date_start"], p["date_end"]) == ("2025-08-31", "2025-08-31")
    (p,) = _props(_doc("Утром субботы дрон атаковал машину в Рыльске.", published="2025-09-01", language="ru"))
    assert (p["date_start"], p["date_end"]) == ("2025-08-30", "2025-08-30")


def test_what_is_no_event_a_reassurance_a_thing_not_reported_a_habit():
    for body, lang in (("Держу обстановку под контролем, написал губернатор Курской области.", "ru"),
                       ("О попытках прорыва ВСУ в Рыльском районе пока не сообщалось.", "ru"),
                       ("Приграничные сёла Курской области неоднократно подвергаются ударам дронов.", "ru"),
                       ("Прикордонні громади Сумщини регулярно потерпають від обстрілів.", "uk"),
                       ("На Сумщині зафіксували збільшення кількості авіаударів по прикордонню.", "uk")):
        assert _props(_doc(body, published="2025-09-16", language=lang)) == [], body
    # a strike told with "no reports of the injured" is still a strike
    (p,) = _props(_doc("Дрон атаковал Рыльск, о пострадавших не сообщалось.", published="2025-09-16", language="ru"))
    assert (p["event_type"], p["place"]) == ("strike", "Ryl’sk")


def test_losses_inflicted_with_aircraft_or_artillery_are_a_strike_and_other_regions_are_outside():
    text = _doc("Авиация и артиллерия нанесли поражение живой силе ВСУ в районе Тёткино.",
                published="2024-11-16", language="ru")
    (p,) = _props(text)
    assert (p["event_type"], p["place"]) == ("strike", "Tëtkino")
    (p,) = _props(_doc("Бойцы нанесли поражение живой силе ВСУ в районе Тёткино.", published="2024-11-16", language="ru"))
    assert p["event_type"] == "ground_assault"
    assert _props(_doc("Атаки дронов отражены в Ростовской области и Краснодарском крае.",
                       published="2025-09-25", language="ru")) == []


def test_an_area_named_for_its_town_with_shchyna_is_the_towns_district_not_a_dot():
    text = _doc("Уночі дрони атакували Глухівщину та Конотопщину, повідомили в ОВА.", published="2025-12-23",
                language="uk")
    assert sorted((p["place"], p["geo_precision"]) for p in _props(text)) == [("Hlukhiv", "admin2"),
                                                                               ("Konotop", "admin2")]
    (p,) = _props(_doc("На Шосткинщині дрон влучив у склад.", published="2025-12-23", language="uk"))
    assert (p["place"], p["geo_precision"]) == ("Shostka", "admin2")
    (p,) = _props(_doc("ВСУ атаковали Глушковщину.", published="2025-12-23", language="ru"))
    assert (p["place"], p["geo_precision"]) == ("Glushkovo", "admin2")
    # the oblast's own "-щина" stays the oblast
    (p,) = _props(_doc("Ворог обстріляв Сумщину.", published="2025-12-23", language="uk"))
    assert (p["geo_precision"], p["admin1_code"]) == ("admin1", "UA-59")


def test_an_attack_told_as_an_assault_by_a_drone_on_a_road_between_towns():
    text = _doc("Нападение БПЛА на грузовик произошло на трассе Хомутовка – Рыльск, травмы водителя оказались "
                "несовместимы с жизнью.", published="2025-10-12", language="ru")
    (p,) = _props(text)
    assert (p["event_type"], p["place"], p["geo_precision"]) == ("strike", "Khomutovka", "near_settlement")
    assert p["fatalities"] == 1
    (p,) = _props(_doc("Напад дрона на автобус стався на трасі біля Білопілля.", published="2025-10-12", language="uk"))
    assert (p["event_type"], p["place"], p["geo_precision"]) == ("strike", "Bilopillia", "near_settlement")


def test_attacks_on_positions_in_the_areas_of_villages_are_ground_fighting_near_each():
    text = _doc("На Сумському напрямку ворог шість разів атакував позиції наших військ у районах Кіндратівки та "
                "Юнаківки.", published="2025-07-10", language="uk")
    events = _props(text)
    assert sorted((p["event_type"], p["place"], p["geo_precision"]) for p in events) == [
        ("ground_assault", "Kindrativka", "near_settlement"), ("ground_assault", "Yunakivka", "near_settlement")]
    (p,) = _props(_doc("Бои идут на окраинах Юнаковки, сообщают военкоры.", published="2025-07-10", language="ru"))
    assert (p["place"], p["geo_precision"], p["claim_status"]) == ("Yunakivka", "near_settlement", "claimed")
    # "в районах Курской операции": an operation named for the oblast is no place near a town
    text = _doc("В районах Курской операции снова идут бои.", published="2025-02-07", language="ru")
    assert all(p["geo_precision"] == "admin1" for p in _props(text))
