"""Russian shapes of session 11 (issue 16), each in a document written in our own words.

A governor's day summary told in two halves, guns and then drones, district by district (two events a
district); drones brought down by jamming or fire near named villages, and charges dropped from copters, in the
words summaries use for them.
"""
from __future__ import annotations

from test_extract_cyr_formats import _doc, _props


def _by_place(text: str) -> list[tuple[str, str, str]]:
    return sorted((p["place"], p["geo_precision"], p["sub_type"]) for p in _props(text))


def test_a_day_summary_of_shelling_then_drones_keeps_each_district_twice():
    text = _doc("Губернатор рассказал, как прошёл день в приграничье. Артиллерия противника обстреливала хутор "
                "Ромашкин и посёлок Лесновка Глушковского района, а также деревню Полынное Кореневского района. "
                "Атаки дронов-камикадзе отмечены в сёлах Заречное-Малое Глушковского района и Луговое "
                "Кореневского района. Пострадавших среди жителей нет.", published="2024-07-20", language="ru")
    assert _by_place(text) == [("Glushkovo", "admin2", "artillery"), ("Glushkovo", "admin2", "drone_strike"),
                               ("Korenevo", "admin2", "artillery"), ("Korenevo", "admin2", "drone_strike")]
    for p in _props(text):
        assert p["extra"]["unresolved_place"] and p["date_start"] == "2024-07-20"


def test_a_drone_attack_and_its_aftermath_in_one_district_stay_one_event():
    # the second sentence has no gun word of its own ("атаки" is the drone's), and the third only mentions the
    # shelling as background with no place of its own: one strike, not three
    text = _doc("Сегодня FPV-дрон ударил по сараю в деревне Ромашкин Глушковского района. Из-за атаки загорелась "
                "крыша. Всё это происходит на фоне непрекращающихся обстрелов приграничья.",
                published="2025-02-10", language="ru")
    assert _by_place(text) == [("Glushkovo", "admin2", "drone_strike")]


def test_drones_jammed_or_downed_near_villages_are_strikes_there():
    for sentence in ("Средствами радиоэлектронной борьбы уничтожены квадрокоптеры возле деревни Ромашкин "
                     "Рыльского района.",
                     "Вблизи села Полынное Рыльского района обезврежены два украинских беспилотника.",
                     "Два дрона противника посажены силами РЭБ над хутором Лесновка Рыльского района."):
        text = _doc(sentence, published="2024-06-02", language="ru")
        assert [(p["event_type"], p["place"], p["geo_precision"]) for p in _props(text)] == [
            ("strike", "Ryl’sk", "admin2")], sentence


def test_charges_dropped_from_copters_are_a_drone_strike():
    for sentence in ("С украинского коптера сброшены взрывные устройства на двор в селе Ромашкин Рыльского района.",
                     "Весь вечер беспилотники противника сбрасывали гранаты на окраину деревни Лесновка "
                     "Рыльского района."):
        text = _doc(sentence, published="2024-06-02", language="ru")
        assert [(p["event_type"], p["sub_type"], p["place"]) for p in _props(text)] == [
            ("strike", "drone_strike", "Ryl’sk")], sentence


def test_a_security_zone_cut_into_a_border_oblast_is_ground_fighting_there():
    for sentence in ("Северная группировка продолжает расширять зону безопасности на территории Сумской области.",
                     "Командование сообщило, что идёт создание «полосы безопасности» в приграничье Сумской области.",
                     "По словам Сырского, противник пытается создать буферную зону в Сумской области."):
        text = _doc(sentence, published="2025-08-03", language="ru")
        assert [(p["event_type"], p["admin1_code"], p["geo_precision"], p["date_start"]) for p in _props(text)] == [
            ("ground_assault", "UA-59", "admin1", "2025-08-03")], sentence


def test_a_tally_since_the_kursk_fighting_began_runs_from_its_first_day():
    # the frame's words ("с момента вторжения") date the count and are no fight of their own
    undated = _doc("По словам представителя министерства, украинская армия с момента вторжения в Курскую "
                   "область лишилась более 40 тысяч солдат.", published="2025-01-10", language="ru")
    assert [(p["event_type"], p["sub_type"], p["date_start"], p["date_end"]) for p in _props(undated)] == [
        ("other", "casualties", "2024-08-06", "2025-01-10")]
    # "общие потери ... по данным на 13 августа": from the first day to the day the count names
    as_of = _doc("Общие потери ВСУ составили около 2 тысяч военнослужащих на курском направлении по состоянию "
                 "на 13 августа.", published="2024-08-14", language="ru")
    assert [(p["event_type"], p["date_start"], p["date_end"]) for p in _props(as_of)] == [
        ("other", "2024-08-06", "2024-08-13")]


def test_a_lede_near_the_oblast_capital_is_the_incident_the_report_then_places():
    # "под Курском" means the oblast; the report places the strike two paragraphs on: one event, there
    text = _doc("Сегодня в 18:10\n\nПод Курском беспилотник ранил водителя фуры\n\nВ Курской области пострадал "
                "ещё один мирный житель, сообщил губернатор.\n\n«Держитесь подальше от границы», — призвал он.\n\n"
                "По его словам, дрон-камикадзе ударил по грузовику на трассе у посёлка Хомутовка.",
                published="2025-10-12", language="ru")
    assert [(p["event_type"], p["place"], p["geo_precision"]) for p in _props(text)] \
        == [("strike", "Khomutovka", "near_settlement")]
    # a headline "под Курском", its lede's village by the oblast, then by its district: one event, the village kept
    text = _doc("Под Курском дрон атаковал трактор\n\nFPV-дрон ударил по трактору в селе Ромашкин Курской области, "
                "сообщил губернатор.\n\nСегодня дрон противника атаковал трактор в селе Ромашкин Хомутовского "
                "района, водитель ранен.", published="2025-10-12", language="ru")
    assert [(p["place"], p["geo_precision"], p["extra"]["unresolved_place"]) for p in _props(text)] \
        == [("Khomutovka", "admin2", "Ромашкин")]


def test_a_security_zone_spoken_of_as_an_aim_is_no_fighting():
    for sentence in ("Президент сказал, что в будущем году зону безопасности у границы нужно будет расширить.",
                     "Создание буферной зоны в Сумской области он назвал важнейшей задачей армии."):
        text = _doc(sentence, published="2025-12-30", language="ru")
        assert _props(text) == [], sentence


def test_an_undated_lede_takes_the_week_its_next_paragraph_names():
    text = _doc("Минобороны России заявило, что войска заняли село Юнаковка в Сумской области.\n\n«За прошедшую "
                "неделю (с 20 по 26 сентября) подразделения продвинулись на несколько километров и "
                "взяли село Юнаковка», — сказано в сообщении ведомства.", published="2025-09-26", language="ru")
    assert [(p["event_type"], p["place"], p["date_start"], p["date_end"]) for p in _props(text)] == [
        ("ground_assault", "Yunakivka", "2025-09-20", "2025-09-26")]


def test_this_week_runs_from_its_monday_to_the_report():
    # 26 April 2025 is a Saturday: the week began on Monday 21 April
    text = _doc("По итогам недели в ведомстве сообщили, что на этой неделе российские части взяли под контроль "
                "посёлок Тёткино.", published="2025-04-26", language="ru")
    assert [(p["event_type"], p["date_start"], p["date_end"]) for p in _props(text)] == [
        ("ground_assault", "2025-04-21", "2025-04-26")]


def test_a_daily_summary_from_one_clock_time_to_the_next_covers_both_days():
    text = _doc("Оперативная обстановка в Курской области за сутки. С 09:00 3 марта по 07:00 [мск] 4 марта противник 17 раз применил "
                "артиллерию по отселённым районам приграничья.", published="2026-03-04", language="ru")
    assert [(p["event_type"], p["admin1_code"], p["date_start"], p["date_end"]) for p in _props(text)] == [
        ("strike", "RU-KRS", "2026-03-03", "2026-03-04")]


def test_guns_fired_at_the_border_districts_are_a_strike():
    for sentence in ("Вчера враг дважды бил из артиллерии по деревне Ромашкин Рыльского района.",
                     "По селу Полынное Рыльского района противник применил артиллерию, пострадавших нет."):
        text = _doc(sentence, published="2026-03-04", language="ru")
        assert [(p["event_type"], p["place"], p["geo_precision"]) for p in _props(text)] == [
            ("strike", "Ryl’sk", "admin2")], sentence


def test_the_defence_ministrys_count_for_the_whole_country_is_no_event_here():
    text = _doc("Сегодня FPV-дрон атаковал легковой автомобиль в деревне Ромашкин Рыльского района.\n\nВ Минобороны "
                "сообщили, что в ночь на 14 августа ПВО сбили над российскими регионами 60 украинских беспилотников. Ещё пять "
                "дронов уничтожены над территорией Краснодарского края.", published="2025-08-14", language="ru")
    assert [(p["place"], p["geo_precision"]) for p in _props(text)] == [("Ryl’sk", "admin2")]


def test_the_incursions_first_day_recalled_weeks_later_is_background():
    text = _doc("Сегодня дрон ударил по ферме в деревне Ромашкин Рыльского района.\n\nНапомним, что украинские "
                "подразделения зашли в Курскую область 6 августа 2024 года, и с тех пор там не стихают бои.",
                published="2025-02-27", language="ru")
    assert [(p["event_type"], p["place"]) for p in _props(text)] == [("strike", "Ryl’sk")]
    # in the incursion's first days the same words are the news
    fresh = _doc("Украинские подразделения зашли в Курскую область 6 августа, бои продолжаются.",
                 published="2024-08-08", language="ru")
    assert [(p["event_type"], p["date_start"]) for p in _props(fresh)] == [("ground_assault", "2024-08-06")]


def test_a_drone_or_its_debris_coming_down_on_a_place_is_a_strike_there():
    for sentence in ("Вечером беспилотник упал на территорию склада в Курчатове, возник пожар.",
                     "При падении обломков сбитого дрона в Курчатове повреждена крыша гаража."):
        text = _doc(sentence, published="2025-10-08", language="ru")
        assert [(p["event_type"], p["sub_type"], p["place"]) for p in _props(text)] == [
            ("strike", "drone_strike", "Kurchatov")], sentence


def test_a_district_named_by_a_compound_adjective_is_its_two_word_centre():
    from geomap import api

    for name in ("Большесолдатского района", "Большесолдатском районе"):
        [r] = [api.geocode(name, admin1="RU-KRS")]
        assert (r.place, r.geo_precision, r.gazetteer_id) == ("Bol’shoye Soldatskoye raion", "admin2",
                                                               "geonames:573295"), name
    text = _doc("Днём дрон атаковал грузовик в деревне Ромашкин Большесолдатского района.", published="2025-10-11",
                language="ru")
    assert [(p["place"], p["geo_precision"]) for p in _props(text)] == [("Bol’shoye Soldatskoye", "admin2")]
