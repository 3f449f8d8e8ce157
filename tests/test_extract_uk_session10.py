"""Ukrainian shapes of session 10 (issue 16), each in a document written in our own words.

A headline's day inside the summary's own range; an oblast-level strike told again after the hromadas it sums
up (or a district before its hromadas); drones downed over the oblast; hromadas named by their adjective alone;
a hromada whose centre's name two villages share; "учорашнього дня"; a source named after a dash or after the
lede; each hromada's count of explosions; a headline glued to its lede by one line break; a force's killed and
wounded; a build-up of forces.
"""
from __future__ import annotations

from geomap.extraction import extract


def _doc(body: str, published: str, title: str = "") -> str:
    head = f"title: \"{title}\"\n" if title else ""
    return (f"---\nurl: https://example.org/uk\noutlet: Example\npublished: {published}\nlanguage: uk\n{head}---\n"
            f"{body}\n")


def _props(text: str) -> list[dict]:
    return [f["properties"] for f in extract(text)]


def test_a_headlines_day_inside_the_summarys_range_takes_the_whole_range():
    body = ("За останню добу, від ранку 9 травня й до ранку 10 травня, окупанти понад сорок разів били по громадах "
            "області.\n\n"
            "Про наслідки повідомили в обласній військовій адміністрації.\n\n"
            "У Хотінській громаді від удару дрона загорівся гараж.\n\n"
            "У Краснопільській громаді уламки міни пошкодили два паркани.")
    events = _props(_doc(body, "2025-05-10", title="Обстріли Сумщини 9 травня: що відомо"))
    assert len(events) == 2
    # the headline names the first day; the lede's range (the night into the 10th) is the events' own
    assert {(p["date_start"], p["date_end"]) for p in events} == {("2025-05-09", "2025-05-10")}
    # with no range in the body the headline's day stands
    one = _props(_doc("У Хотінській громаді від удару дрона загорівся гараж.", "2025-05-10",
                      title="Обстріли Сумщини 9 травня: що відомо"))
    assert {(p["date_start"], p["date_end"]) for p in one} == {("2025-05-09", "2025-05-09")}


def test_an_oblast_level_strike_told_again_after_its_hromadas_is_no_event_of_its_own():
    body = ("Дрони окупантів поцілили у дві автівки на Сумщині\n"
            "4 квітня російські безпілотники атакували дві машини, постраждали двоє водіїв. "
            "Удару зазнали Хотінська та Юнаківська громади.\n\n"
            "Деталі\n"
            "4 квітня на Сумщині ворожі дрони вдарили по двох легковиках, двоє людей поранені.\n"
            "Про це повідомила обласна прокуратура.")
    events = _props(_doc(body, "2025-04-04"))
    assert sorted(p["place"] for p in events) == ["Khotin", "Yunakivka"]
    assert all(p["event_type"] == "strike" and p["geo_precision"] != "admin1" for p in events)
    # the restated lede's sentence is kept, as a source of the strike nearest it
    quotes = [s["quote"] for p in events for s in p["sources"]]
    assert any("4 квітня на Сумщині ворожі дрони" in q for q in quotes)


def test_drones_downed_over_the_oblast_are_a_strike_that_stays_beside_the_placed_one():
    for verb in ("знищили", "знешкодили", "збили"):
        body = (f"Вночі над Сумщиною сили ППО {verb} девʼять ворожих дронів.\n\n"
                "Також уночі ворожий дрон влучив у склад у Хотінській громаді.")
        events = _props(_doc(body, "2025-04-04"))
        assert sorted((p["geo_precision"], p["place"] or "") for p in events) == [("admin1", ""), ("admin2", "Khotin")], verb
        assert {(p["date_start"], p["date_end"]) for p in events} == {("2025-04-03", "2025-04-04")}
    # people "destroyed" are losses, not a strike
    assert not any(p["event_type"] == "strike" for p in _props(_doc(
        "На Курщині знищена значна кількість окупантів, заявив Генштаб.", "2025-02-07")))


def test_a_district_struck_in_the_lede_is_the_hromadas_of_it_the_text_then_names():
    body = ("Сьогодні ворожі FPV-дрони атакували два авто у Сумському районі. "
            "Під обстріл потрапили Миропільська та Білопільська громади, є поранені.")
    events = _props(_doc(body, "2025-04-04"))
    assert sorted(p["place"] for p in events) == ["Bilopillia", "Myropillia"]
    # a district with no hromada of its own named after it stays an event
    alone = _props(_doc("Сьогодні ворожі FPV-дрони атакували два авто у Сумському районі.", "2025-04-04"))
    assert [p["geo_precision"] for p in alone] == ["admin2"]
    # a city's district is no oblast district: it stays beside a hromada struck the same day
    city = _props(_doc("Сьогодні ворожий дрон атакував Зарічний район Сум. "
                       "Під обстріл потрапила також Білопільська громада.", "2025-04-04"))
    assert sorted(p["place"] for p in city) == ["Bilopillia", "Zarichnyi"]


def test_a_summary_names_hromadas_by_their_adjective_alone_at_a_lines_head_or_in_a_list():
    body = ("Увечері ОВА звітувала: за день окупанти двадцять разів відкривали вогонь по прикордонню Сумщини.\n"
            "Під ударом опинилися Хотінська, Есманьська та Краснопільська.\n"
            "По Хотінській противник стріляв з мінометів – 6 прильотів.\n"
            "У Есманьській зафіксовано два скиди ВОГ з дрона.\n"
            "У Краснопільській ворог бив з артилерії, пошкоджено сарай.")
    events = _props(_doc(body, "2025-04-04"))
    assert sorted(p["place"] for p in events) == ["Esman", "Khotin", "Krasnopillya"]
    weapons = {p["place"]: set(p["weapons"]) for p in events}
    assert "mortar" in weapons["Khotin"] and "artillery" in weapons["Krasnopillya"]
    # an oblast, an administration or a prosecutor's office named by the same adjective is no hromada
    for line in ("У Сумській обласній лікарні лікують двох поранених після атаки дрона.",
                 "По Шосткинській окружній прокуратурі розпочато розслідування обстрілу."):
        assert all(p["geo_precision"] == "admin1" for p in _props(_doc(line, "2025-04-04")))
    # adjectives of no Sumy hromada are no place
    assert _props(_doc("Під ударом опинилися Харківська та Полтавська.", "2025-04-04")) == []


def test_a_hromada_whose_centres_name_two_villages_share_is_told_apart_by_its_raion():
    body = "За добу ворог обстріляв Попівську та Хотінську громади, пошкоджено два будинки."
    events = {p["place_mention"]: p for p in _props(_doc(body, "2025-04-04"))}
    popivka = events["Попівську"]
    # Popivka of Konotop raion (the codifier's), not its namesake 180 km away
    assert (popivka["gazetteer_id"], popivka["geo_precision"]) == ("geonames:696517", "hromada")
    # two hromadas of one raion bear the name Mykolaivska: nothing tells them apart, so the oblast
    [p] = _props(_doc("За добу ворог обстріляв Миколаївську громаду.", "2025-04-04"))
    assert (p["geo_precision"], p["gazetteer_id"], p["admin1_code"]) == ("admin1", None, "UA-59")


def test_yesterdays_day_is_the_day_before_the_report_and_since_yesterday_runs_to_the_report():
    [p] = _props(_doc("Протягом учорашнього дня окупанти обстріляли Хотінську громаду з мінометів.", "2025-04-04"))
    assert (p["date_start"], p["date_end"]) == ("2025-04-03", "2025-04-03")
    [p] = _props(_doc("Росіяни з учорашнього дня раз у раз обстрілюють Хотінську громаду.", "2025-04-04"))
    assert (p["date_start"], p["date_end"]) == ("2025-04-03", "2025-04-04")


def test_a_source_named_after_a_dash_or_after_the_lede_claims_the_story_told_before_it():
    # a headline that names its source last, after a dash
    for head, who in (("Окупанти вдарили по Хотінській громаді, зруйновано склад – ОВА", "Sumy regional military administration"),
                      ("Росіяни просунулися під Юнаківкою — DeepState", "DeepState")):
        [p] = _props(_doc(head, "2025-04-04"))
        assert (p["claim_status"], p["sources"][0]["claimed_by"]) == ("claimed", who)
    # a dash that names no source claims nothing
    [p] = _props(_doc("Окупанти вдарили по Хотінській громаді — вибухи лунали до ранку", "2025-04-04"))
    assert p["claim_status"] == "reported"
    # "Про це повідомив ..." after a headline and a lede: the whole story so far is theirs
    body = ("Дрони атакували Хотінську громаду вночі\n\n"
            "Уночі ворожі дрони вдарили по фермі в Хотінській громаді, загорілася техніка.\n\n"
            "Окрім того, пошкоджено лінію електропередачі.\n\n"
            "Про це повідомив очільник обласної військової адміністрації.")
    [p] = _props(_doc(body, "2025-04-04"))
    assert p["claim_status"] == "claimed"
    assert "Sumy regional military administration" in {s["claimed_by"] for s in p["sources"]}


def test_each_hromada_of_a_summary_keeps_its_own_count_of_explosions_in_every_layout():
    body = ("Упродовж дня окупанти тридцять разів обстріляли прикордоння, зафіксовано 64 вибухи. "
            "Удару зазнали Хотінська, Юнаківська, Есманьська та Краснопільська громади.\n"
            "Хотінська громада: мінометний вогонь (9 вибухів), скид ВОГ з дрона (2 вибухи). "
            "Обстріли з мінометів тривали й увечері – ще 4 вибухи.\n"
            "По Юнаківській громаді ворог бив з артилерії, 7 прильотів.\n"
            "14 вибухів пролунало в Есманьській громаді, яку атакували КАБами.\n"
            "Краснопільська громада зазнала атак дронів-камікадзе (5 вибухів), внаслідок одного з ударів "
            "(1 вибух) пошкоджено гараж.")
    events = {p["place"]: p for p in _props(_doc(body, "2025-04-04"))}
    assert {name: p["extra"].get("explosions") for name, p in events.items()} == {
        "Khotin": 15, "Yunakivka": 7, "Esman": 14, "Krasnopillya": 5}
    assert "mortar" in events["Khotin"]["weapons"] and "artillery" in events["Yunakivka"]["weapons"]
    # two hromadas in one line: each its own count; the oblast's total is no hromada's
    two = _props(_doc("Дрони-камікадзе вдарили по громадах: Есманьська (3 вибухи) та Шалигинська (6 вибухів).",
                      "2025-04-04"))
    assert {p["place"]: p["extra"].get("explosions") for p in two} == {"Esman": 3, "Shalyhyne": 6}
    listed = _props(_doc("Протягом дня ворог обстріляв громади: Хотінську та Юнаківську. Загалом 40 вибухів.",
                         "2025-04-04"))
    assert all(p["extra"].get("explosions") is None for p in listed)


def test_a_headline_on_its_own_line_is_not_glued_to_the_lede_under_it():
    body = ("Дрони атакували Сумську громаду, пошкоджено лінії зв'язку\n"
            "Цієї ночі спершу в Сумах, а потім і в Охтирці мешканці чули вибухи.\n"
            "Голова ОВА підтвердив удари по околицях Сумської громади.")
    events = _props(_doc(body, "2025-08-27"))
    # the headline's hromada and the lede's two towns: Okhtyrka is not swallowed by the headline's strike
    assert "Okhtyrka" in {p["place"] for p in events}
    assert all(p["event_type"] == "strike" for p in events)


def test_a_forces_killed_and_wounded_are_its_losses_not_troops_arriving():
    for line in ("За оцінкою ГУР, кількість загиблих і поранених солдатів КНДР у Курській області сягнула 2 тисяч.",
                 "Кілька сотень військових КНДР на Курщині за тиждень були вбиті або поранені, повідомили в ГУР.",
                 "Окупанти втратили на Курщині за добу 150 вбитих і поранених."):
        events = _props(_doc(line, "2024-12-23"))
        assert [(p["event_type"], p["sub_type"], p["admin1_code"]) for p in events] == [
            ("other", "casualties", "RU-KRS")], line
    # troops arriving stay a deployment; civilians hurt in a strike stay the strike's toll
    [p] = _props(_doc("На Курщину прибули ще кілька тисяч військових КНДР.", "2024-12-23"))
    assert p["event_type"] == "deployment"
    [p] = _props(_doc("У Хотінській громаді від обстрілу поранено двох цивільних.", "2024-12-23"))
    assert p["event_type"] == "strike"


def test_a_build_up_of_forces_is_a_deployment_however_reporting_words_it():
    for line in ("За словами прикордонників, ворог стягнув до кордону з Сумщиною близько 20 тисяч військових.",
                 "Армія РФ накопичила біля Сумщини чималі сили й техніку.",
                 "На Курщині окупанти нарощують угруповання, заявив речник ДПСУ.",
                 "Президент попередив, що поблизу Сумщини росіяни посилюють свою присутність."):
        events = _props(_doc(line, "2025-05-30"))
        assert [p["event_type"] for p in events] == ["deployment"], line
    # intensified strikes are strikes, not a build-up
    assert [p["event_type"] for p in _props(_doc("Росіяни нарощують удари по Сумщині.", "2025-05-30"))] == ["strike"]
