"""Towns named as the goal of an offensive, not where anything happened (issue 16, "zero wrong dots"); each
document in our own words.

- English: "a breakthrough to Sumy city", "pushing closer to Sumy", "trying to approach Sumy", "the road to
  Sumy", "the likelihood of capturing Sumy": the fighting is short of the town, so no dot at it (a held-out
  style page put one there); "stormed Yunakivka" and "a missile hit Sumy" stay at the town.
- English: the capital's name as a word for the attack ("Kursk drone strike" in a headline) is said of the
  oblast's villages as often as of the city: the oblast unless the report tells the city.
- Russian and Ukrainian: a direction or a goal ("в сторону города Сумы", "в район города Сумы", "в район
  міста Суми"): for a capital, its oblast with the mention kept; a village said with a direction keeps its dot.
"""
from __future__ import annotations

import pytest

from en_docs import en_helpers
from geomap.extraction import extract

_doc, _props = en_helpers("2025-06-01")


def _cyr_props(body: str, language: str) -> list[dict]:
    text = (f"---\nurl: https://example.org/{language}\noutlet: Example\npublished: 2025-06-01\n"
            f"language: {language}\n---\n{body}\n")
    return [f["properties"] for f in extract(text)]


def _dots(events: list[dict]) -> list[str | None]:
    return [p["place"] for p in events if p["geo_precision"] in ("settlement", "near_settlement")]


@pytest.mark.parametrize("body", [
    "Moscow attempts a breakthrough to northern Ukraine's Sumy city during talks\n\n"
    "Moscow's army began another push across the north, shelling frontier villages of Sumy Oblast.",
    "Russian units try to approach Sumy within range of their guns, analysts say.\n\n"
    "They plan more shelling of the city, the analysts said.",
    "Analysts expect more shelling of the regional centre; they rate the likelihood of capturing Sumy soon as "
    "small, they wrote on Sunday.",
    "Russian troops attacked the road to Sumy on Sunday, officials said.",
])
def test_a_town_named_as_the_goal_of_an_offensive_gets_no_dot(body):
    events = _props(body)
    assert events, "the fighting is still an event"
    assert "Sumy" not in _dots(events)
    assert all(p["admin1"] == "Sumy Oblast" for p in events)


def test_the_town_an_attack_reached_keeps_its_dot():
    events = _props("Russian troops stormed Yunakivka on Sunday, the Ukrainian army said.")
    assert _dots(events) == ["Yunakivka"]
    events = _props("A Russian missile struck the centre of Sumy on Sunday morning, the mayor said.")
    assert _dots(events) == ["Sumy"]


def test_a_headline_naming_the_attack_by_the_capital_is_the_oblast():
    events = _props("Governor reports Kursk drone strike on a farm road\n\n"
                    "A Ukrainian drone hit a lorry on a farm road in Kursk Oblast on Saturday, the governor said. "
                    "Two men were hurt.")
    assert events and _dots(events) == []
    assert {p["admin1"] for p in events} == {"Kursk Oblast"}


def test_the_same_headline_over_a_strike_on_the_city_keeps_the_city():
    events = _props("Kursk drone attack wounds five\n\n"
                    "Ukrainian drones attacked Kursk overnight, wounding five people in the city, the governor said "
                    "on Sunday.")
    assert _dots(events) == ["Kursk"]
    assert len(events) == 1, "the headline and the lede tell one strike"


@pytest.mark.parametrize("body, language", [
    ("Российские войска продвигаются в сторону города Сумы, заявил в эфире командир подразделения.", "ru"),
    ("По данным журналистов, армия перебросила 40 тысяч солдат в район города Сумы в конце мая.", "ru"),
    ("За даними журналістів, армія РФ перекинула 40 тисяч солдат в район міста Суми наприкінці травня.", "uk"),
])
def test_a_cyrillic_direction_or_goal_at_a_capital_is_its_oblast(body, language):
    events = _cyr_props(body, language)
    assert events
    assert _dots(events) == []
    assert {p["admin1"] for p in events} == {"Sumy Oblast"}
    assert all(p["place_mention"] in ("Сумы", "Суми") for p in events), "the mention is kept"


def test_a_village_said_with_near_keeps_its_dot_in_ukrainian():
    events = _cyr_props("1 червня російські штурмові групи наступали біля Юнаківки, повідомив речник Сил оборони.",
                        "uk")
    assert _dots(events) == ["Yunakivka"]


@pytest.mark.parametrize("body", [
    "On Sunday Russian guns pounded such communities as Bilopillia, Krasnopillia and Yunakivka, the regional "
    "administration said.",
    "The communities hit by Russian mortars on Sunday include Bilopillia, Krasnopillia and Yunakivka, the regional "
    "administration said.",
    "Russian mortars on Sunday hit communities such as Bilopillia, Krasnopillia and Yunakivka, the regional "
    "administration said.",
])
def test_towns_a_list_calls_communities_are_hromadas_not_town_dots(body):
    events = _props(body)
    assert sorted(p["place"] for p in events) == ["Bilopilska hromada", "Krasnopilska hromada", "Yunakivska hromada"]
    assert {p["geo_precision"] for p in events} == {"hromada"}


@pytest.mark.parametrize("body, language", [
    ("11 вересня штурмові групи ЗСУ пішли в атаку на північний захід від райцентру Суджа, повідомив речник.", "uk"),
    ("11 сентября украинские подразделения начали штурм к югу от райцентра Суджа, сообщил военный блогер.", "ru"),
])
def test_a_bearing_from_a_district_centre_is_near_it_not_at_it(body, language):
    events = _cyr_props(body, language)
    assert events
    assert [(p["place"], p["geo_precision"]) for p in events if p["place"]] == [("Sudzha", "near_settlement")]


def test_a_village_whose_first_word_the_index_lacks_is_not_its_namesake():
    # the index holds a Chernechchyna in another raion, not Velyka Chernechchyna: no dot at the namesake
    events = _props("On Sunday Russian drones struck a farm in Velyka Chernechchyna, Sumy Oblast, the regional "
                    "administration said.")
    assert events and _dots(events) == []
    assert [p["place_mention"] for p in events] == ["Velyka Chernechchyna"]
    # a two-word name the index holds whole keeps its dot
    assert _dots(_props("On Sunday Russian drones struck a farm in Velyka Pysarivka, the regional administration "
                        "said.")) == ["Velyka Pysarivka"]


@pytest.mark.parametrize("body, language", [
    ("1 червня мешканець Конотопа отримав поранення внаслідок удару дрона по селу Попівка, повідомила ОВА.", "uk"),
    ("1 июня житель Рыльска пострадал при атаке дрона на деревню Поповка, сообщил губернатор.", "ru"),
])
def test_the_town_a_wounded_person_lives_in_is_not_the_place_of_the_strike(body, language):
    events = _cyr_props(body, language)
    assert events
    assert not {"Konotop", "Ryl’sk"} & set(_dots(events))


@pytest.mark.parametrize("body, language", [
    ("A drone hit a minibus travelling from Sumy to Bilopillia on Sunday, killing one passenger, officials said.",
     "en"),
    ("1 червня дрон влучив в автобус, який їхав із Сум до Білопілля, загинув пасажир, повідомила ОВА.", "uk"),
    ("1 июня дрон атаковал автомобиль, который ехал из Рыльска в Курск, ранены двое, сообщил губернатор.", "ru"),
])
def test_a_vehicle_hit_on_its_way_is_at_neither_end(body, language):
    events = _props(body) if language == "en" else _cyr_props(body, language)
    assert events and _dots(events) == []


@pytest.mark.parametrize("body, language", [
    ("On Sunday a drone hit a lorry on the road between Rylsk and Khomutovka, wounding two men, the governor said.",
     "en"),
    ("1 июня на дороге «Рыльск – Хомутовка» дрон атаковал автомобиль, ранены двое, сообщил губернатор.", "ru"),
])
def test_a_road_between_two_towns_is_near_its_first_town_only(body, language):
    events = _props(body) if language == "en" else _cyr_props(body, language)
    assert [(p["place"], p["geo_precision"]) for p in events] == [("Ryl’sk", "near_settlement")]


def test_a_town_named_with_region_or_area_is_its_district_or_its_outskirts_not_a_dot():
    events = _props("On Sunday the governor told residents to leave the Glushkovo region of Kursk Oblast as "
                    "Ukrainian troops advanced.")
    assert events and _dots(events) == []
    assert {p["admin1"] for p in events} == {"Kursk Oblast"}
    events = _props("Heavy fighting went on in the Sudzha area of Kursk Oblast on Sunday, the Russian ministry said.")
    assert [(p["place"], p["geo_precision"]) for p in events] == [("Sudzha", "near_settlement")]
