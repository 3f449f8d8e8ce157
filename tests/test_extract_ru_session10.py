"""Russian shapes of session 10 (issue 16), each in a document written in our own words.

A governor's summary by districts (villages the gazetteer lacks go to their district's centre at admin2, the
villages kept as its mention; a village it holds stays a dot of its own), strikes "repeated" within a day the
sentence names (events, not a habit), and "в сёлах"/"вблизи сёл" as cues of a list of villages.
"""
from __future__ import annotations

from test_extract_cyr_formats import _doc, _props


def _events(text: str) -> dict[tuple[str, str], dict]:
    return {(p["place"], p["geo_precision"]): p for p in _props(text)}


def test_a_summary_by_districts_puts_unknown_villages_at_their_district_and_known_ones_at_their_dot():
    text = _doc("Вечером губернатор подвёл итоги. В течение дня неоднократно обстреливались посёлок Тёткино и "
                "хутор Ромашкин Глушковского района, а также деревня Лесновка Беловского района. "
                "Жертв среди населения нет.", published="2024-07-20", language="ru")
    events = _events(text)
    assert set(events) == {("Tëtkino", "settlement"), ("Glushkovo", "admin2"), ("Belaya", "admin2")}
    assert events[("Glushkovo", "admin2")]["extra"]["unresolved_place"] == "Ромашкин"
    assert events[("Belaya", "admin2")]["extra"]["unresolved_place"] == "Лесновка"
    for p in events.values():
        assert (p["event_type"], p["date_start"], p["date_end"]) == ("strike", "2024-07-20", "2024-07-20")


def test_a_district_centre_named_in_its_own_list_is_apart_from_the_district_villages():
    # "Коренево" (the district's centre, in the gazetteer) and two villages it lacks, all "of the Korenevo district":
    # the town is one strike, the district (for the two villages) another, not one merged into the other
    text = _doc("Сбросы взрывчатки с коптеров зафиксированы в сёлах Ромашкино, Лесновка и Коренево "
                "Кореневского района, вблизи сёл Заречное-Малое и Полынное Суджанского района.",
                published="2024-07-20", language="ru")
    events = _events(text)
    assert set(events) == {("Korenevo", "settlement"), ("Korenevo", "admin2"), ("Sudzha", "admin2")}
    assert events[("Korenevo", "admin2")]["extra"]["unresolved_place"] == "Ромашкино, Лесновка"
    assert events[("Sudzha", "admin2")]["extra"]["unresolved_place"] == "Заречное-Малое, Полынное"
    assert {p["sub_type"] for p in events.values()} == {"drone_strike"}


def test_one_village_told_by_its_district_stays_one_event():
    text = _doc("Вчера днём у хутора Лесновка в Беловском районе дрон атаковал грузовик.",
                published="2024-07-20", language="ru")
    [p] = _props(text)
    assert (p["place"], p["geo_precision"], p["extra"]["unresolved_place"]) == ("Belaya", "admin2", "Лесновка")


def test_repeated_strikes_are_a_habit_only_when_no_day_frames_them():
    framed = _doc("12 июля противник неоднократно обстреливал село Тёткино.", published="2024-07-13", language="ru")
    [p] = _props(framed)
    assert (p["place"], p["date_start"]) == ("Tëtkino", "2024-07-12")
    habit = _doc("Приграничное село Тёткино неоднократно подвергалось обстрелам с начала войны.",
                 published="2024-07-13", language="ru")
    assert [p for p in _props(habit) if p["event_type"] == "strike"] == []
    regular = _doc("В течение дня село Тёткино регулярно обстреливают.", published="2024-07-13", language="ru")
    assert [p for p in _props(regular) if p["event_type"] == "strike"] == []


def test_a_defence_ministry_days_losses_and_prisoners_in_its_own_words_are_two_tallies():
    text = _doc("Военное ведомство подвело итоги суток в Курской области. Противник лишился там свыше 180 своих "
                "бойцов и четырёх бронемашин. «Три военнослужащих ВСУ сдались в плен», – уточнили в Минобороны.",
                published="2025-03-05", language="ru")
    tallies = sorted((p["sub_type"], p["admin1_code"], p["geo_precision"]) for p in _props(text))
    assert tallies == [("casualties", "RU-KRS", "admin1"), ("other", "RU-KRS", "admin1")]
    # lost power is no force's losses
    lost = _doc("Несколько улиц Курской области лишились электроснабжения после удара 4 марта.",
                published="2025-03-05", language="ru")
    assert [p["sub_type"] for p in _props(lost) if p["event_type"] == "other"] == []


def test_a_sentence_glued_to_the_one_before_without_a_space_keeps_its_own_date():
    from geomap.extraction.sentences import split_sentences

    text = "Ракета попала в штаб под Сумами, сказал источник.По его словам, есть раненые.Тот же штаб бомбили в мае."
    assert [s.text for s in split_sentences(text)] == [
        "Ракета попала в штаб под Сумами, сказал источник.", "По его словам, есть раненые.",
        "Тот же штаб бомбили в мае."]
    # an abbreviation glued to a name ("пос.Коренево", "г.Курск", "ул.Мира") ends no sentence
    assert len(list(split_sentences("Жители пос.Коренево и г.Курск с ул.Мира уехали."))) == 1
    # "26 тыс. 550 солдат": the count goes on
    assert len(list(split_sentences("Противник потерял более 26 тыс. 550 солдат за всё время."))) == 1
    doc = _doc("Ракетный удар пришёлся по штабу под Сумами три дня назад, сказал источник.Похожий штаб бомбили "
               "в мае.",
               published="2025-08-28", language="ru")
    assert {(p["date_start"], p["date_end"]) for p in _props(doc) if p["event_type"] == "strike"} >= {
        ("2025-08-25", "2025-08-25")}


def test_several_days_and_a_week_ago_as_ranges_and_days():
    held = _doc("Бойцы несколько дней удерживали здание школы в селе Тёткино, отбивая штурмы противника.",
                published="2024-08-27", language="ru")
    [p] = [p for p in _props(held) if p["event_type"] == "ground_assault"]
    assert (p["date_start"], p["date_end"]) == ("2024-08-20", "2024-08-27")
    ago = _doc("Неделю назад беспилотник ударил по складу в Рыльске.", published="2024-08-27", language="ru")
    [p] = _props(ago)
    assert (p["place"], p["date_start"], p["date_end"]) == ("Ryl’sk", "2024-08-20", "2024-08-20")


def test_a_village_told_by_its_oblast_and_then_by_its_district_is_one_event():
    text = _doc("Военные отбили попытку противника ворваться в хутор Лесновка в Курской области.\n\n"
                "Бои за хутор Лесновка Суджанского района шли весь день, сообщили в ведомстве.",
                published="2024-08-27", language="ru")
    [p] = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert (p["place"], p["geo_precision"], p["extra"]["unresolved_place"]) == ("Sudzha", "admin2", "Лесновка")
    # the same village on two days: two events
    text = _doc("25 августа военные отбили атаку на хутор Лесновка в Курской области.\n\n"
                "27 августа бои шли у хутора Лесновка Суджанского района.", published="2024-08-27", language="ru")
    assert len([p for p in _props(text) if p["event_type"] == "ground_assault"]) == 2


def test_depots_and_positions_destroyed_are_strikes_not_ground_fighting():
    text = _doc("Источник сообщил, что 1–2 июня ракетами поражены цели в Сумской области. Оборудованные позиции "
                "и опорные пункты ВСУ уничтожены в Хотынской и Юнаковской громадах. Также ликвидированы склады "
                "горючего возле Шостки.", published="2025-06-02", language="ru")
    events = {(p["event_type"], p["place"], p["geo_precision"]) for p in _props(text)}
    assert ("strike", "Khotin", "admin2") in events and ("strike", "Yunakivka", "admin2") in events
    assert ("strike", "Shostka", "near_settlement") in events
    assert not any(kind == "ground_assault" for kind, _, _ in events)
    # a sabotage group "ликвидирована" is still ground fighting
    group = _doc("У села Тёткино ликвидирована диверсионная группа противника.", published="2025-06-02",
                 language="ru")
    assert {p["event_type"] for p in _props(group)} == {"ground_assault"}


def test_a_quotation_in_guillemets_after_a_full_stop_starts_a_sentence():
    from geomap.extraction.sentences import split_sentences

    text = "За сутки сбиты три дрона. «Четыре бойца сдались в плен», – добавили в ведомстве."
    assert [s.text for s in split_sentences(text)] == [
        "За сутки сбиты три дрона.", "«Четыре бойца сдались в плен», – добавили в ведомстве."]


def test_security_sources_and_the_underground_are_claimants():
    text = _doc("Как рассказали агентству в российских силовых структурах, ракета поразила штаб бригады ВСУ под Сумами.",
                published="2025-08-28", language="ru")
    [p] = _props(text)
    assert (p["claim_status"], p["sources"][0]["claimed_by"]) == ("claimed", "Russian security sources")
    text = _doc("Координатор местного подполья сообщил о взрывах на складе в Шостке.\n\n"
                "По его словам, склад горел всю ночь.", published="2025-08-28", language="ru")
    assert {(p["claim_status"], p["sources"][0]["claimed_by"]) for p in _props(text)} == {
        ("claimed", "Pro-Russian underground")}


def test_a_summary_tells_attacks_beaten_off_and_a_border_crossing_stopped_apart_from_the_fighting():
    text = _doc("Военное ведомство сообщило, что части группировки громили противника в Курской области, отбили "
                "четыре его контратаки и не позволили ВСУ перейти границу у хутора Лесновка.\n\n"
                "По словам военных, бойцы отбили и четыре контратаки противника.",
                published="2024-10-25", language="ru")
    fights = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert len(fights) == 2
    assert {p["extra"].get("unresolved_place") for p in fights} == {None, "Лесновка"}
    assert {p["sub_type"] for p in fights} >= {"incursion"}
    # "не дали прорваться" tells an attempt that was stopped, not nothing
    stopped = _doc("Пограничники не дали ДРГ прорваться к Тёткино.", published="2024-10-25", language="ru")
    assert [p["place"] for p in _props(stopped) if p["event_type"] == "ground_assault"] == ["Tëtkino"]
    # a capture and the offensive that took it stay one event
    taken = _doc("В ходе наступательных действий военные освободили хутор Лесновка в Курской области.",
                 published="2024-10-25", language="ru")
    assert len([p for p in _props(taken) if p["event_type"] == "ground_assault"]) == 1


def test_a_russian_hromada_with_its_kind_words_an_air_strike_and_a_night_named_by_its_weekday():
    text = _doc("В ночь на пятницу, 3 октября, российская авиация нанесла авиаудар по Шосткинской городской "
                "территориальной общине.", published="2025-10-03", language="ru")
    [p] = _props(text)
    assert (p["event_type"], p["place"], p["geo_precision"]) == ("strike", "Shostka", "admin2")
    assert (p["date_start"], p["date_end"]) == ("2025-10-02", "2025-10-03")
    text = _doc("Днём 2 октября обстрелу подверглась Юнаковская сельская община.", published="2025-10-03",
                language="ru")
    [p] = _props(text)
    assert (p["place"], p["geo_precision"], p["date_start"]) == ("Yunakivka", "admin2", "2025-10-02")


def test_a_sentence_about_months_long_ago_with_no_place_of_its_own_is_background():
    text = _doc("Дрон атаковал автомобиль у села Тёткино.\n\n"
                "Ещё в марте 2024 года противник заявил о намерении наносить больше ударов по приграничью.\n\n"
                "В январе 2025 года удары по региону усилились.",
                published="2025-10-11", language="ru")
    assert [(p["place"], p["date_start"]) for p in _props(text)] == [("Tëtkino", "2025-10-11")]
    # a place of its own keeps a background event with its own date
    text = _doc("В январе 2025 года дрон атаковал Тёткино.", published="2025-10-11", language="ru")
    assert [(p["place"], p["date_start"], p["date_end"]) for p in _props(text)] == [
        ("Tëtkino", "2025-01-01", "2025-01-31")]


def test_a_summarys_losses_told_with_no_place_belong_to_the_oblast_the_report_is_about():
    text = _doc("Минобороны подвело итоги суток в Курской области. Группировка отбила три атаки в Курской области.\n\n"
                "Кроме того, нанесены удары по резервам ВСУ в Сумской области.\n\n"
                "«За сутки потери ВСУ составили свыше 200 военнослужащих», – сообщили в ведомстве.",
                published="2024-10-25", language="ru")
    [loss] = [p for p in _props(text) if p["sub_type"] == "casualties"]
    assert loss["admin1_code"] == "RU-KRS"


def test_a_village_named_under_a_district_far_from_its_gazetteer_namesake_is_no_dot():
    # "Олешня" of the gazetteer lies in Sumy oblast; named under the Sudzha district it is a Kursk village it lacks
    text = _doc("В течение дня обстреливались хутор Олешня Суджанского района и посёлок Тёткино Глушковского района.",
                published="2024-05-20", language="ru")
    events = {(p["place"], p["admin1_code"], p["geo_precision"]) for p in _props(text)}
    assert events == {("Tëtkino", "RU-KRS", "settlement"), ("Sudzha", "RU-KRS", "admin2")}


def test_strikes_repeatedly_done_on_a_list_of_villages_told_with_their_kinds():
    text = _doc("Сегодня область несколько раз попала под обстрел. Снаряды противника неоднократно выпущены по "
                "посёлку Тёткино, а также по селу Попово-Лежачи.", published="2024-04-23", language="ru")
    assert {p["place"] for p in _props(text)} == {"Tëtkino", "Popovo-Lezhachi"}


def test_a_day_summary_told_in_a_guns_half_and_a_drones_half_keeps_one_strike_of_each_kind_per_district():
    # the two halves name villages the gazetteer lacks in one district: the shelling and the quadcopter drops are
    # two strikes there (the halves' words are the lexicon's "halves" record), not one telling merged into the other
    text = _doc("Вечером губернатор подвёл итоги. Днём из миномётов обстреливались хутор Ромашкин и деревня Лесновка "
                "Глушковского района. Сбросы с квадрокоптеров зафиксированы в сёлах Полынное и Заречное-Малое "
                "Глушковского района. Жертв нет.", published="2024-07-20", language="ru")
    subs = sorted(p["sub_type"] for p in _props(text) if p["place"] == "Glushkovo" and p["geo_precision"] == "admin2")
    assert subs == ["artillery", "drone_strike"]
