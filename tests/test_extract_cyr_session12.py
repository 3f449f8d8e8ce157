"""Russian and Ukrainian shapes of session 12 (issue 16), each in a document written in our own words.

A governor's toll told place by place after a lede that names the attack (the dead and wounded of each village
or district, with no attack word of their own); "during the day" in a summary that opened with "over the past
day"; an undated step back ("до этого") after a named day.
"""
from __future__ import annotations

from test_extract_cyr_formats import _doc, _props


def _rows(text: str) -> list[tuple]:
    return sorted((p["event_type"], p["place"] or "", p["geo_precision"], p.get("place_mention")) for p in _props(text))


def test_a_toll_told_place_by_place_after_the_attack_is_a_strike_at_each_place():
    text = _doc("Губернатор рассказал о последствиях артиллерийских обстрелов приграничья за день.\n\n"
                "В Судже погиб пожилой мужчина.\n\n"
                "Трое жителей получили ранения в Глушковском районе, ещё двое — в Кореневском районе.\n\n"
                "В хуторе Ромашкин скончался водитель трактора.",
                published="2024-07-21", language="ru")
    rows = _rows(text)
    assert [(t, place, prec) for t, place, prec, _ in rows] == [
        ("strike", "", "admin1"), ("strike", "Glushkovo", "admin2"), ("strike", "Korenevo", "admin2"),
        ("strike", "Sudzha", "settlement")]
    # the village the gazetteer lacks stays in the oblast with its name, never a dot
    [oblast] = [p for p in _props(text) if p["geo_precision"] == "admin1"]
    assert oblast["admin1_code"] == "RU-KRS" and "Ромашкин" in oblast["place_mention"]
    assert oblast["fatalities"] == 1
    assert {p["date_start"] for p in _props(text)} == {"2024-07-21"}


def test_a_toll_with_no_attack_told_before_it_is_no_event():
    # a road accident: someone hurt at a place, but nothing in the report was struck
    text = _doc("На трассе у Суджи столкнулись две легковые машины. В Судже пострадали два человека.",
                published="2024-07-21", language="ru")
    assert _props(text) == []


def test_a_toll_at_the_place_just_struck_or_of_where_someone_came_from_is_the_same_strike():
    text = _doc("Сегодня FPV-дрон ВСУ атаковал автомобиль у Тёткино. В Тёткино ранен мужчина. "
                "Второй пострадавшей стала жительница деревни Ромашкин, которая шла мимо.\n\n"
                "Раненых доставили в Глушковскую районную больницу.",
                published="2025-06-03", language="ru")
    [p] = _props(text)
    assert (p["event_type"], p["place"]) == ("strike", "Tëtkino")


def test_a_toll_of_another_oblast_names_no_place_here():
    text = _doc("Дрон атаковал машину у села Теткино. В Белгородской области погиб уроженец Глушковского района.",
                published="2025-06-03", language="ru")
    assert [p["place"] for p in _props(text)] == ["Tëtkino"]


def test_a_ukrainian_toll_by_town_after_a_strike_is_a_strike_in_that_town():
    text = _doc("Росіяни атакували Сумщину дронами протягом ночі.\n\nУ Ворожбі поранено 40-річного чоловіка.",
                published="2025-08-20", language="uk")
    assert ("strike", "Vorozhba") in [(p["event_type"], p["place"]) for p in _props(text)]


def test_during_the_day_is_the_summary_day_not_the_day_and_night_before():
    # the lede's "за сутки" is the two days; the list "в течение дня" is the report's own day
    text = _doc("Губернатор: за сутки ВСУ обстреляли больше десяти сёл области.\n\n"
                "Как уточнил он, в течение дня обстреливалось село Тёткино, жители не пострадали.",
                published="2024-05-20", language="ru")
    [p] = [p for p in _props(text) if p["place"] == "Tëtkino"]
    assert (p["date_start"], p["date_end"]) == ("2024-05-20", "2024-05-20")
    # after a day the paragraph names, that day
    named = _doc("19 мая противник несколько раз атаковал область. В течение дня обстреливалось село Тёткино.",
                 published="2024-05-20", language="ru")
    [p] = [p for p in _props(named) if p["place"] == "Tëtkino"]
    assert (p["date_start"], p["date_end"]) == ("2024-05-19", "2024-05-19")
    uk = _doc("15 травня ворог атакував прикордоння. Протягом дня обстрілу зазнала Ворожба.",
              published="2024-05-16", language="uk")
    [p] = [p for p in _props(uk) if p["place"] == "Vorozhba"]
    assert (p["date_start"], p["date_end"]) == ("2024-05-15", "2024-05-15")
    # the day a summary's lede names, a paragraph before ("зведення за вівторок, 14 травня")
    lede = _doc("Обласна адміністрація оприлюднила зведення за вівторок, 14 травня.\n\n"
                "Протягом дня обстрілу зазнала Ворожба.", published="2024-05-15", language="uk")
    [p] = [p for p in _props(lede) if p["place"] == "Vorozhba"]
    assert (p["date_start"], p["date_end"]) == ("2024-05-14", "2024-05-14")


def test_an_undated_step_back_counts_back_from_the_day_just_told():
    text = _doc("3 марта ВСУ обстреляли село Тёткино.\n\nДо этого украинские беспилотники атаковали Гуево и "
                "другие сёла района.", published="2024-03-05", language="ru")
    [p] = [p for p in _props(text) if p["place"] == "Guyevo"]
    assert (p["date_start"], p["date_end"]) == ("2024-02-25", "2024-03-03")
    # with no earlier day told, the week up to the report
    alone = _doc("До этого украинские беспилотники атаковали Гуево.", published="2024-03-05", language="ru")
    [p] = _props(alone)
    assert (p["date_start"], p["date_end"]) == ("2024-02-27", "2024-03-05")


def test_the_day_an_incident_sentence_gives_dates_the_event_told_just_before():
    for head in ("", "date 2025-07-10 "):  # (a page's own stamp of its day before the text dates no event)
        text = _doc(head + "Глава региона рассказал о новом ударе дрона по легковой машине в Глушковском районе. "
                    "Случай произошёл накануне днём у деревни Ромашкин.\n\n"
                    "По его словам, FPV-дрон ударил по машине, водитель получил лёгкие травмы.",
                    published="2025-07-10", language="ru")
        [p] = _props(text)
        assert (p["place"], p["date_start"], p["date_end"]) == ("Glushkovo", "2025-07-09", "2025-07-09"), head


def test_a_ukrainian_report_keeps_a_claimed_capture_and_attacks_beaten_off_apart():
    # one oblast, one day: ground said to be taken and assaults repelled are two events, as in a Russian summary
    text = _doc("У Москві оголосили про нібито повне звільнення Курської області.\n\n"
                "Генштаб ЗСУ у відповідь повідомив, що з ранку на Курщині наші воїни відбили чотири штурми ворога.",
                published="2025-04-26", language="uk")
    fights = [(p["event_type"], p["admin1_code"]) for p in _props(text)]
    assert fights == [("ground_assault", "RU-KRS"), ("ground_assault", "RU-KRS")]
    ru = _doc("В Минобороны заявили, что за неделю освобождены ещё три населённых пункта Курской области.\n\n"
              "По словам военкоров, на курском направлении продолжаются тяжёлые бои.",
              published="2025-03-09", language="ru")
    assert [(p["event_type"], p["admin1_code"]) for p in _props(ru)] == [
        ("ground_assault", "RU-KRS"), ("ground_assault", "RU-KRS")]


def test_a_weekly_summary_and_troops_being_moved_in_russian():
    week = _doc("По данным военного ведомства, в течение недели подразделения группировки «Север» продвинулись "
                "в Сумской области.", published="2025-09-05", language="ru")
    [p] = _props(week)
    assert (p["event_type"], p["admin1_code"], p["date_start"], p["date_end"]) == (
        "ground_assault", "UA-59", "2025-08-29", "2025-09-05")
    moved = _doc("Источники сообщили, что Киев перебрасывает на Сумское направление ещё один батальон.",
                 published="2025-09-05", language="ru")
    assert [(p["event_type"], p["admin1_code"]) for p in _props(moved)] == [("deployment", "UA-59")]


def test_a_running_toll_since_a_day_stays_apart_from_a_strike_told_that_day():
    text = _doc("З 2 жовтня на Сумщині через ворожі атаки загинули шестеро цивільних.\n\n"
                "Сьогодні ворожий дрон атакував вантажівку, водій не постраждав.",
                published="2025-10-14", language="uk")
    spans = sorted((p["date_start"], p["date_end"], p["fatalities"]) for p in _props(text))
    assert spans == [("2025-10-02", "2025-10-14", 6), ("2025-10-14", "2025-10-14", None)]


def test_a_governor_day_report_keeps_drones_downed_and_each_damaged_place():
    # the count of drones downed over the oblast is its own event; a village where a roof caught fire, with no
    # attack word of its own, is a strike there; the night's hours with their word still make the range
    text = _doc("Губернатор: с 09:00 часов 3 марта до 07:00 часов 4 марта над областью сбиты 27 беспилотников, "
                "враг 15 раз бил из артиллерии по приграничью.\n\n"
                "В результате атак в Тёткино разрушен сарай.\n\n"
                "В хуторе Ромашкин Рыльского района произошло возгорание крыши жилого дома.",
                published="2025-03-04", language="ru")
    rows = sorted((p["place"] or "", p["geo_precision"], p["date_start"], p["date_end"]) for p in _props(text))
    assert rows == [("", "admin1", "2025-03-03", "2025-03-04"), ("Ryl’sk", "admin2", "2025-03-03", "2025-03-04"),
                    ("Tëtkino", "settlement", "2025-03-03", "2025-03-04")]
