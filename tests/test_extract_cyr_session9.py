"""Russian and Ukrainian shapes of session 9 (issue 16), each in a document written in our own words.

"In recent days" as the week up to the report, a tally "since the fighting began" in Kursk oblast as the range
from its first day (and apart from the day's own losses), "earlier" with no date as the week up to the report,
fighting seen only in footage on screen as no event, and a capture list that goes on past a second verb into
the other oblast.
"""
from __future__ import annotations

from test_extract_cyr_formats import _doc, _props


def test_in_recent_days_is_the_week_up_to_the_report():
    text = _doc("За последние несколько дней армия России освободила в Курской области Лесное и Поле.",
                published="2025-03-14", language="ru")
    assert {(p["date_start"], p["date_end"]) for p in _props(text)} == {("2025-03-07", "2025-03-14")}
    text = _doc("Останніми днями росіяни обстрілювали Хотінь на Сумщині.", published="2025-06-20", language="uk")
    assert {(p["date_start"], p["date_end"]) for p in _props(text)} == {("2025-06-13", "2025-06-20")}


def test_a_tally_since_the_kursk_fighting_began_runs_from_its_first_day_and_stays_apart_from_the_days_losses():
    text = _doc("По сведениям военного ведомства, за сутки на Курском направлении ВСУ потеряли до 150 военнослужащих. "
                "А за время боевых действий на Курском направлении ВСУ потеряли свыше 50 тыс. военнослужащих "
                "и сотни единиц техники.", published="2025-02-10", language="ru")
    losses = sorted((p["date_start"], p["date_end"]) for p in _props(text) if p["sub_type"] == "casualties")
    # "тыс." ends no sentence: the tally is read whole, its count and its range
    assert losses == [("2024-08-06", "2025-02-10"), ("2025-02-09", "2025-02-10")]
    # the 2022 invasion is no Kursk tally: that sentence keeps the report's day
    text = _doc("С начала СВО в Курской области противник потерял свыше 50 тыс. военнослужащих.",
                published="2025-02-10", language="ru")
    assert {p["date_start"] for p in _props(text)} != {"2024-08-06"}


def test_earlier_without_a_date_is_the_week_up_to_the_report():
    text = _doc("Ранее сообщалось, что дрон атаковал Рыльск.", published="2025-09-20", language="ru")
    [p] = _props(text)
    assert (p["place"], p["date_start"], p["date_end"]) == ("Ryl’sk", "2025-09-13", "2025-09-20")
    # a date of its own wins
    [p] = _props(_doc("Ранее, 15 сентября, дрон атаковал Рыльск.", published="2025-09-20", language="ru"))
    assert (p["date_start"], p["date_end"]) == ("2025-09-15", "2025-09-15")


def test_fighting_only_shown_in_footage_is_no_event():
    shown = ("В одном из роликов телеканал показывал бойцов, которые будто бы вели бои у города Суджа "
             "в Курской области.")
    assert _props(_doc(shown, published="2025-09-15", language="ru")) == []
    assert _props(_doc("Сюжет продемонстрировал штурм Суджи.", published="2025-09-15", language="ru")) == []
    # the same fighting told, not shown, is an event
    told = "Бойцы вели бои у города Суджа в Курской области."
    assert [p["place"] for p in _props(_doc(told, published="2025-09-15", language="ru"))] == ["Sudzha"]


def test_a_capture_list_goes_on_past_a_second_verb_and_each_name_keeps_the_oblast_named_beside_it():
    text = _doc("По данным ведомства, войска освободили в Курской области посёлки Лесное, Поле и Заречье, а также "
                "взяли под контроль хутор Луговое в Сумской области.", published="2025-03-14", language="ru")
    events = {p["extra"]["unresolved_place"]: p for p in _props(text) if p["event_type"] == "ground_assault"}
    assert sorted(events) == ["Заречье", "Лесное", "Луговое", "Поле"]
    assert {name: p["admin1_code"] for name, p in events.items()} == {
        "Заречье": "RU-KRS", "Лесное": "RU-KRS", "Поле": "RU-KRS", "Луговое": "UA-59"}
    for p in events.values():  # none is in the gazetteer: no dot
        assert (p["geo_precision"], p["gazetteer_id"]) == ("admin1", None)


def test_units_hit_in_the_passive_are_a_strike_near_the_village():
    text = _doc("В Минобороны сообщили, что у Гуево за сутки поражены отряды и машины противника.",
                published="2025-03-17", language="ru")
    [p] = _props(text)
    assert (p["event_type"], p["place"], p["geo_precision"]) == ("strike", "Guyevo", "near_settlement")
    assert (p["date_start"], p["date_end"], p["claim_status"]) == ("2025-03-16", "2025-03-17", "claimed")


def test_before_that_without_a_date_is_the_week_up_to_the_report_even_with_no_date_word():
    # no digit and no date word: the sentence is still read for its step back
    text = _doc("До этого губернатор рассказал, что беспилотник атаковал Рыльск.", published="2025-09-26",
                language="ru")
    [p] = _props(text)
    assert (p["place"], p["date_start"], p["date_end"]) == ("Ryl’sk", "2025-09-19", "2025-09-26")


def test_ground_held_in_kursk_oblast_is_held_since_the_incursion_began():
    text = _doc("По словам губернатора, под контролем ВСУ сейчас находятся 20 населённых пунктов Курской области.",
                published="2024-08-14", language="ru")
    [p] = _props(text)
    assert (p["event_type"], p["admin1_code"]) == ("ground_assault", "RU-KRS")
    assert (p["date_start"], p["date_end"]) == ("2024-08-06", "2024-08-14")
    # a count given "as of" a day runs to that day
    text = _doc("У Курській області під контролем ЗСУ перебувають 60 населених пунктів (станом на 12 серпня).",
                published="2024-08-14", language="uk")
    [p] = _props(text)
    assert (p["date_start"], p["date_end"]) == ("2024-08-06", "2024-08-12")
    # a capture of the day is no state held
    text = _doc("Вчера ВСУ захватили 2 населённых пункта Курской области.", published="2024-08-14", language="ru")
    assert {(p["date_start"], p["date_end"]) for p in _props(text)} == {("2024-08-13", "2024-08-13")}


def test_a_lede_at_the_oblast_that_the_text_then_places_is_no_event_of_its_own():
    text = _doc("В Курской области при атаках дронов ВСУ ранены два человека, сообщил губернатор.\n"
                "По его словам, беспилотник ударил по машине в Рыльске, ранен водитель.\n"
                "Ещё один дрон атаковал дом в Коренево, пострадала женщина.", published="2025-08-14", language="ru")
    events = _props(text)
    assert sorted(p["place"] for p in events) == ["Korenevo", "Ryl’sk"]
    # the lede's words stay evidence of the first strike placed
    rylsk = next(p for p in events if p["place"] == "Ryl’sk")
    assert any("атаках дронов" in s["quote"] for s in rylsk["sources"])
    # drones downed over the oblast are an event of their own
    text = _doc("Над Курской областью ночью сбиты пять беспилотников.\n"
                "Дрон атаковал дом в Коренево, пострадала женщина.", published="2025-08-14", language="ru")
    assert sorted(str(p["place"]) for p in _props(text)) == ["Korenevo", "None"]


def test_attacks_repelled_with_support_fire_and_attempts_toward_villages_are_ground_fighting_near_them():
    text = _doc("По словам военного ведомства, при поддержке авиации и огня артиллерии за сутки отражены четыре атаки "
                "противника в направлении населённых пунктов Коренево и Лесное. Также сорвана попытка атаки ВСУ "
                "в направлении Глушково.", published="2024-09-02", language="ru")
    events = _props(text)
    assert {p["event_type"] for p in events} == {"ground_assault"}  # the support fire is no strike
    placed = {p["place"]: p for p in events if p["place"]}
    assert {name: p["geo_precision"] for name, p in placed.items()} == {
        "Korenevo": "near_settlement", "Glushkovo": "near_settlement"}  # toward a town is near it, not in it
    assert {p["extra"]["outcome"] for p in events} == {"stopped"}
    # an attack with a weapon of its own is still a strike
    text = _doc("За сутки противник атаковал дронами Коренево.", published="2024-09-02", language="ru")
    assert [p["event_type"] for p in _props(text)] == ["strike"]


def test_a_town_of_another_oblast_or_a_capital_is_never_a_kursk_or_sumy_event():
    # after a Kursk sentence, a strike on Kharkiv or Kyiv is not one of Kursk oblast's
    for body in ("В Курской области ночь прошла спокойно. Ночью дроны атаковали Харьков.",
                 "В Сумской области ночь прошла спокойно. Ночью дроны атаковали Киев."):
        assert _props(_doc(body, published="2025-09-02", language="ru")) == []
    assert _props(_doc("На Сумщині ніч минула спокійно. Вночі ворог атакував Київ ракетами.",
                       published="2025-09-02", language="uk")) == []
    # a mapped place in the same list keeps its event; the capital as a speaker names no place
    [p] = _props(_doc("Дроны атаковали Харьков и Суджу.", published="2025-09-02", language="ru"))
    assert (p["place"], p["geo_precision"]) == ("Sudzha", "settlement")
    [p] = _props(_doc("Киев заявил об ударе по Судже.", published="2025-09-02", language="ru"))
    assert (p["event_type"], p["place"]) == ("strike", "Sudzha")


def test_a_known_town_after_an_attack_word_begins_a_list():
    events = _props(_doc("Ночью беспилотники атаковали Рыльск и Суджу.", published="2025-09-02", language="ru"))
    assert sorted(p["place"] for p in events) == ["Ryl’sk", "Sudzha"]


def test_a_case_form_of_a_town_of_another_oblast_is_outside_unless_a_list_of_the_oblasts_villages_holds_it():
    for body in ("На Сумщині ніч минула спокійно. У Херсоні пролунали вибухи.",
                 "На Сумщині ніч минула спокійно. Ворог вдарив по Куп'янську.",
                 "На Сумщині ніч минула спокійно. У Бєлгороді пролунали вибухи.",
                 "На Сумщині ніч минула спокійно. Ворог обстріляв Херсон, є загиблі."):
        assert _props(_doc(body, published="2025-09-02", language="uk")) == [], body
    # "Мирный" is also a town far away; among the oblast's villages it is one of them
    text = _doc("В Курской области тихо. Накануне освобождены также Лесное, Заречье и Мирный.",
                published="2025-03-14", language="ru")
    events = {p["extra"]["unresolved_place"]: p["admin1_code"] for p in _props(text)
              if p["event_type"] == "ground_assault"}
    assert events == {"Лесное": "RU-KRS", "Заречье": "RU-KRS", "Мирный": "RU-KRS"}


def test_a_hromada_or_district_of_another_oblast_is_not_sumys():
    assert _props(_doc("На Сумщині ніч минула спокійно. Ворог атакував Золочівську громаду.",
                       published="2025-09-02", language="uk")) == []
    [p] = _props(_doc("На Сумщині ніч минула спокійно. Ворог обстріляв Чугуївський район.",
                      published="2025-09-02", language="uk"))
    assert (p["admin1_code"], p["geo_precision"]) == ("UA-63", "admin2")
    # Sumy's own hromadas and districts stay Sumy's, a hromada the gazetteer lacks at the oblast
    [p] = _props(_doc("Ворог обстріляв Охтирський район.", published="2025-09-02", language="uk"))
    assert (p["admin1_code"], p["place"]) == ("UA-59", "Okhtyrka")
    [p] = _props(_doc("Ворог атакував Миколаївську громаду.", published="2025-09-02", language="uk"))
    assert (p["admin1_code"], p["geo_precision"]) == ("UA-59", "admin1")


def test_prisoners_taken_are_an_event_apart_from_the_days_losses_and_an_exchange_is_none():
    text = _doc("По данным военного ведомства, за сутки на Курском направлении ВСУ потеряли до 150 военнослужащих, "
                "ещё 6 военных сдались в плен.", published="2024-10-24", language="ru")
    events = _props(text)
    assert sorted((p["event_type"], p["sub_type"]) for p in events) == [("other", "casualties"), ("other", "other")]
    assert {p["admin1_code"] for p in events} == {"RU-KRS"}
    [p] = _props(_doc("У Курській області наші бійці взяли в полон 40 російських військових.",
                      published="2024-08-27", language="uk"))
    assert (p["event_type"], p["admin1_code"]) == ("other", "RU-KRS")
    # an exchange of prisoners, or prisoners named without a count, is no such event
    assert _props(_doc("В Курской области прошёл обмен пленными: в плен попали 20 человек.",
                       published="2024-10-24", language="ru")) == []
    assert _props(_doc("В Курской области солдаты сдались в плен.", published="2024-10-24", language="ru")) == []


def test_a_district_named_for_a_two_word_russian_town_is_at_that_town():
    [p] = _props(_doc("Дрон атаковал село в Большесолдатском районе.", published="2024-08-14", language="ru"))
    assert (p["place"], p["geo_precision"]) == ("Bol’shoye Soldatskoye", "admin2")


def test_a_road_named_by_its_two_towns_is_near_the_first():
    for road in ("на трассе «Рыльск-Хомутовка»", "на автодороге Рыльск-Хомутовка"):
        [p] = _props(_doc(f"Дрон атаковал грузовик {road}.", published="2025-08-10", language="ru"))
        assert (p["place"], p["geo_precision"]) == ("Ryl’sk", "near_settlement")


def test_the_incident_placed_in_the_next_paragraph_is_the_ledes_event_there():
    text = _doc("В Курской области при атаке дрона ВСУ ранен мужчина, сообщил губернатор.\n\n"
                "Инцидент произошёл в селе Лесное Хомутовского района.", published="2026-02-17", language="ru")
    [p] = _props(text)
    assert (p["event_type"], p["place"], p["geo_precision"]) == ("strike", "Khomutovka", "admin2")
    assert p["extra"]["unresolved_place"] == "Лесное"
    # with no event told before, a place alone is no event
    assert _props(_doc("Инцидент произошёл в селе Лесное Хомутовского района.", published="2026-02-17",
                       language="ru")) == []


def test_a_drone_that_took_aim_is_a_strike_and_a_tickers_times_date_nothing():
    text = _doc("11:22  15 грудня\nНовини інших регіонів\n\n"
                "У суботу, 14 грудня, ворожі дрони атакували Сумщину.\n\n"
                "У Степанівській громаді безпілотник поцілив у житловий будинок.", published="2025-12-15",
                language="uk")
    [p] = _props(text)
    assert (p["event_type"], p["place"]) == ("strike", "Stepanivka")
    assert (p["date_start"], p["date_end"]) == ("2025-12-14", "2025-12-14")


def test_a_republic_or_crimea_is_outside_and_an_adjective_no_hromada_bears_is_no_hromada():
    for body in ("В Курской области тихо. Ночью беспилотники атаковали Мордовию.",
                 "В Курской области тихо. Дроны атаковали Крым."):
        assert _props(_doc(body, published="2025-10-22", language="ru")) == [], body
    assert _props(_doc("На Сумщині тихо. Дрони атакували Крим і Татарстан.", published="2025-10-22",
                       language="uk")) == []
    # "Російська армія ... у громадах Сумщини": the oblast, no hromada named "Російська"
    events = _props(_doc("Російська армія атакувала цивільних у прикордонних громадах Сумщини.",
                         published="2025-09-24", language="uk"))
    assert [(p["admin1_code"], p["geo_precision"], p["extra"].get("unresolved_place")) for p in events] == [
        ("UA-59", "admin1", None)]


def test_places_left_without_power_after_an_attack_are_not_where_it_struck():
    text = _doc("Унаслідок атаки РФ знеструмлено частину Білопільської та Ворожбянської громад.",
                published="2025-08-25", language="uk")
    assert _props(text) == []
    # the attack's own target, named with it, is a strike
    [p] = _props(_doc("Унаслідок атаки дрона на Білопілля знеструмлено частину міста.", published="2025-08-25",
                      language="uk"))
    assert (p["event_type"], p["place"]) == ("strike", "Bilopillia")


def test_the_defence_ministrys_undated_summary_tells_the_past_day_and_its_capture_the_day_announced():
    text = _doc("В Минобороны России сообщили, что войска нанесли поражение подразделениям ВСУ у Гуево.\n\n"
                "Также, по данным Минобороны, освобождено село Лесное.", published="2024-10-09", language="ru")
    dates = {(p["sub_type"], p["date_start"], p["date_end"]) for p in _props(text)}
    assert ("counteroffensive", "2024-10-09", "2024-10-09") in dates
    assert any(d[1:] == ("2024-10-08", "2024-10-09") for d in dates if d[0] != "counteroffensive")
    # an interception "за вечер" is that day's
    [p] = _props(_doc("По данным Минобороны, за вечер над Курской областью сбили 24 беспилотника.",
                      published="2025-09-16", language="ru"))
    assert (p["date_start"], p["date_end"]) == ("2025-09-16", "2025-09-16")


def test_units_routed_near_villages_are_fighting_there_and_gatherings_hit_are_no_deployment():
    text = _doc("По сводке военного ведомства, артиллерия атаковала сосредоточения живой силы противника. "
                "Подразделения ВСУ разгромлены в районах населённых пунктов Юнаковка и Лесное Сумской области.",
                published="2025-06-05", language="ru")
    events = _props(text)
    assert "deployment" not in {p["event_type"] for p in events}
    assault = {p["place"] or p["extra"].get("unresolved_place"): p["geo_precision"] for p in events
               if p["event_type"] == "ground_assault"}
    assert assault == {"Yunakivka": "near_settlement", "Лесное": "admin1"}
