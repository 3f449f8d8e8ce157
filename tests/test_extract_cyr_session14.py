"""Russian and Ukrainian reports: an earlier incident recalled beside the report's own, and what is usual told as
no event (issue 16, session 14).

Each document is written in the project's own words and reproduces one shape seen in real reports: a governor's
report of a strike that closes on "Ранее сообщалось, ..." with another strike in the same district and other
victims; a border guard's briefing that says where sabotage groups are seen most often before telling the attempt
beaten off.
"""
from __future__ import annotations

from test_extract_cyr_formats import _doc, _props  # one front matter for the Russian/Ukrainian test documents


def test_an_incident_reported_earlier_with_other_victims_is_a_strike_of_its_own():
    text = _doc("Дрон атаковал трактор в Глушковском районе, погибли двое мужчин. "
                "Об этом сообщил губернатор.\n\n"
                "Ранее сообщалось, что в Глушковском районе беспилотник атаковал легковую машину, "
                "ранены три женщины.", published="2025-07-02", language="ru")
    strikes = [p for p in _props(text) if p["event_type"] == "strike"]
    assert len(strikes) == 2
    assert sorted(str((p["fatalities"], (p.get("extra") or {}).get("wounded"))) for p in strikes) == ["(2, None)",
                                                                                                    "(None, 3)"]
    assert {p["place"] for p in strikes} == {"Glushkovo"}
    # the report's own strike keeps its day: the recalled one lends it no earlier days
    (own,) = [p for p in strikes if p["fatalities"] == 2]
    assert (own["date_start"], own["date_end"]) == ("2025-07-02", "2025-07-02")


def test_an_incident_recalled_with_the_same_victims_stays_one_strike():
    text = _doc("Дрон атаковал трактор в Глушковском районе, погибли двое мужчин.\n\n"
                "Как сообщалось, в Глушковском районе дрон ударил по трактору, погибли двое мужчин.",
                published="2025-07-02", language="ru")
    strikes = [p for p in _props(text) if p["event_type"] == "strike"]
    assert len(strikes) == 1 and len(strikes[0]["sources"]) == 2


def test_where_sabotage_groups_are_seen_most_often_is_no_incursion():
    text = _doc("Найчастіше ворожі ДРГ пробують проникнути в Україну з боку Сумської області.\n\n"
                "Про це сказав речник прикордонної служби. Позавчора прикордонники відбили спробу заходу ДРГ на "
                "Сумщину.", published="2025-04-10", language="uk")
    events = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert len(events) == 1
    assert (events[0]["date_start"], events[0]["admin1_code"]) == ("2025-04-08", "UA-59")
    # the same words told in Russian, and told without "most often": an incursion attempt of that day
    ru = _doc("Чаще всего диверсионные группы пытаются проникнуть в Курскую область через Глушковский район.",
              published="2025-04-10", language="ru")
    assert [p for p in _props(ru) if p["event_type"] == "ground_assault"] == []
    told = _doc("Диверсионная группа пыталась проникнуть в Курскую область через Глушковский район.",
                published="2025-04-10", language="ru")
    assert [p["event_type"] for p in _props(told)] == ["ground_assault"]


def test_a_drone_destroyed_over_the_oblast_after_a_nationwide_count_is_its_own_event():
    text = _doc("Утром при обстреле деревни Глушково ранена пожилая женщина, сообщил губернатор.\n\n"
                "По сводке военного ведомства, ночью ПВО сбили 31 беспилотник над семью российскими регионами. "
                "Ещё один аппарат уничтожен над Курской областью.", published="2025-06-14", language="ru")
    strikes = [p for p in _props(text) if p["event_type"] == "strike"]
    by_precision = {p["geo_precision"]: p for p in strikes}
    assert sorted(by_precision) == ["admin1", "settlement"] and len(strikes) == 2
    assert by_precision["settlement"]["place"] == "Glushkovo"
    # the country's count is no source of the village strike
    assert len(by_precision["settlement"]["sources"]) == 1
    assert by_precision["admin1"]["admin1_code"] == "RU-KRS"
    # told by the sentence that names the oblast, not by the country's count
    assert [s["quote"] for s in by_precision["admin1"]["sources"]] == ["Ещё один аппарат уничтожен над Курской областью."]


def test_a_ukrainian_night_named_by_its_weekday_with_the_date_after_a_comma_is_two_days():
    text = _doc("У ніч на четвер, 12 червня, окупанти обстріляли Конотоп, пошкоджено склад.",
                published="2025-06-12", language="uk")
    (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
    assert (p["place"], p["date_start"], p["date_end"]) == ("Konotop", "2025-06-11", "2025-06-12")


def test_a_summary_from_one_morning_to_the_next_said_with_zranku_is_that_range():
    text = _doc("Зранку 4 червня до ранку 5 червня ворог 40 разів обстріляв Білопільську громаду.",
                published="2025-06-05", language="uk")
    (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
    assert (p["place"], p["date_start"], p["date_end"]) == ("Bilopillia", "2025-06-04", "2025-06-05")
    # one morning alone is that day
    text = _doc("Зранку 4 червня ворог обстріляв Білопільську громаду.", published="2025-06-05", language="uk")
    (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
    assert (p["date_start"], p["date_end"]) == ("2025-06-04", "2025-06-04")


def test_an_attack_called_a_nights_is_the_night_into_the_day_told():
    text = _doc("У суботу, 7 червня, росіяни атакували Ромни.\n\n"
                "Через нічну атаку дронів на Ромни частина міста залишилася без води, повідомив міський голова.",
                published="2025-06-07", language="uk")
    (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
    assert (p["place"], p["date_start"], p["date_end"]) == ("Romny", "2025-06-06", "2025-06-07")
    # with no day told, the night into the report's day; in Russian too
    text = _doc("После ночного удара по Рыльску без света остались несколько улиц.", published="2025-06-09",
                language="ru")
    (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
    assert (p["date_start"], p["date_end"]) == ("2025-06-08", "2025-06-09")
    # a day told with no night stays that day
    text = _doc("У суботу, 7 червня, росіяни атакували Ромни.\n\nЧастина міста залишилася без води.",
                published="2025-06-07", language="uk")
    (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
    assert (p["date_start"], p["date_end"]) == ("2025-06-07", "2025-06-07")


def test_a_dateline_in_mixed_case_after_a_headline_puts_no_dot_on_the_city_it_was_filed_from():
    text = _doc("Губернатор рассказал о новой попытке ДРГ пройти в Курскую область\n"
                "Курск, 3 апреля, 2025, 09:15 — ИА Пример. Украинская ДРГ пыталась проникнуть на территорию "
                "Курской области, сообщил губернатор.", published="2025-04-03", language="ru")
    events = _props(text)
    assert events and all(p["place"] != "Kursk" for p in events)
    assert {(p["event_type"], p["geo_precision"], p["admin1_code"]) for p in events} == {
        ("ground_assault", "admin1", "RU-KRS")}
    # the city told in the news itself is still placed
    text = _doc("Курск, 3 апреля, 2025, 09:15 — ИА Пример. Беспилотник атаковал Курск, сообщил губернатор.",
                published="2025-04-03", language="ru")
    assert [(p["event_type"], p["place"]) for p in _props(text)] == [("strike", "Kursk")]


def test_since_the_start_of_a_month_runs_to_the_report_and_its_count_sums_up_no_one_strike():
    text = _doc("У Краснопільській громаді внаслідок удару дрона поранено чоловіка 60 років.\n\n"
                "«Від початку травня на Сумщині через обстріли загинули четверо цивільних», – сказав голова ОВА.",
                published="2025-05-20", language="uk")
    strikes = {p["geo_precision"]: p for p in _props(text) if p["event_type"] == "strike"}
    assert sorted(strikes) == ["admin1", "admin2"]
    assert (strikes["admin2"]["place"], strikes["admin2"]["date_start"], strikes["admin2"]["date_end"]) == (
        "Krasnopillya", "2025-05-20", "2025-05-20")
    assert (strikes["admin1"]["date_start"], strikes["admin1"]["date_end"]) == ("2025-05-01", "2025-05-20")
    # the beginning of a month without "since" is its first ten days
    text = _doc("На початку травня внаслідок удару дрона поранено чоловіка у Краснопільській громаді.",
                published="2025-05-20", language="uk")
    (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
    assert (p["date_start"], p["date_end"]) == ("2025-05-01", "2025-05-10")


def test_a_recalled_night_lends_the_reports_undated_strike_none_of_its_days():
    text = _doc("Дрон упал на окраине Льгова, загорелся сарай, сообщил губернатор.\n\n"
                "Ранее военное ведомство заявило: в ночь на 9 июня над Курской областью сбиты три беспилотника.",
                published="2025-06-09", language="ru")
    placed = [p for p in _props(text) if p["event_type"] == "strike" and p["geo_precision"] != "admin1"]
    assert [(p["place"], p["date_start"], p["date_end"]) for p in placed] == [("L’gov", "2025-06-09", "2025-06-09")]
    # a summary's own day range, not a recap, still dates the undated strikes it lists
    text = _doc("Протягом доби ворог 20 разів обстріляв прикордоння Сумщини.\n\n"
                "У Білопільській громаді пошкоджено два будинки.", published="2025-06-09", language="uk")
    (p,) = [p for p in _props(text) if p["place"] == "Bilopillia"]
    assert (p["date_start"], p["date_end"]) == ("2025-06-08", "2025-06-09")


def test_the_day_an_incident_sentence_gives_dates_the_event_its_headline_and_lede_told():
    text = _doc("Двое рабочих пострадали в Курской области: дрон атаковал трактор\n\n"
                "В Глушковском районе Курской области дрон атаковал трактор, ранены двое рабочих.\n\n"
                "Об этом написал губернатор. Он призвал жителей быть осторожнее.\n\n"
                "Как уточнил губернатор, инцидент произошел накануне днем на окраине поля.", published="2025-07-20",
                language="ru")
    (p,) = [p for p in _props(text) if p["event_type"] == "strike"]
    assert (p["place"], p["date_start"], p["date_end"]) == ("Glushkovo", "2025-07-19", "2025-07-19")


def test_an_earlier_report_of_the_same_day_with_other_victims_is_a_strike_of_its_own():
    text = _doc("Дрон ударил по грузовику в Глушковском районе, погиб водитель.\n\n"
                "Несколько часов назад губернатор сообщал о ранении двух мужчин при атаке беспилотника на легковую "
                "машину в Глушковском районе.", published="2025-07-03", language="ru")
    strikes = [p for p in _props(text) if p["event_type"] == "strike"]
    assert len(strikes) == 2 and {p["place"] for p in strikes} == {"Glushkovo"}
