"""A regional capital that names its oblast is no dot unless the text puts the event in the city.

Reporting in every language says "near Kursk", "под Курском", "під Сумами" of fighting and strikes a
hundred kilometres from the city, and "the X district of Kursk" of a rural district: such an event
belongs to the oblast, with the mention kept and reported, never at or near the city. The documents
are in the project's own words.
"""
from __future__ import annotations

from geomap.extraction import extract


def _doc(body: str, language: str) -> str:
    return (f"---\nurl: https://example.org/r\noutlet: Example\npublished: 2025-10-12\nlanguage: {language}\n---\n"
            f"{body}\n")


def _strikes(text: str) -> list[dict]:
    return [f["properties"] for f in extract(text) if f["properties"]["event_type"] == "strike"]


def _at_the_oblast(props: dict, code: str, mention: str) -> None:
    assert props["geo_precision"] == "admin1", props
    assert props["admin1_code"] == code
    assert props["gazetteer_id"] is None
    assert mention in props["place_mention"]


def test_near_the_capital_in_english_is_the_oblast():
    text = _doc("Pensioner hurt as drone hits car near Kursk\n\n"
                "A drone struck a car near Kursk on Sunday morning, the acting governor said.", "en")
    events = _strikes(text)
    assert events, "the strike is still an event"
    for p in events:
        _at_the_oblast(p, "RU-KRS", "Kursk")


def test_pod_kurskom_in_russian_is_the_oblast():
    text = _doc("Дрон атаковал автомобиль под Курском\n\n"
                "В воскресенье украинский беспилотник нанёс удар по автомобилю под Курском, сообщил губернатор.", "ru")
    events = _strikes(text)
    assert events
    for p in events:
        _at_the_oblast(p, "RU-KRS", "Курском")


def test_a_district_of_the_capital_is_the_oblast_not_the_city():
    # the village and its district are unknown to the gazetteer; "of Kursk" names the oblast
    text = _doc("In the village of Zaplutovka, in the Dalnyaya district of Kursk, a drone strike killed a "
                "driver on Sunday, officials said.", "en")
    events = _strikes(text)
    assert events
    for p in events:
        assert p["gazetteer_id"] != "geonames:538560", "no dot on Kursk city"
        _at_the_oblast(p, "RU-KRS", "")


def test_the_city_itself_is_still_a_dot():
    # the guard must not blur what the text does place in the city
    text = _doc("A drone struck an apartment block in Kursk city on Sunday, the governor said.", "en")
    events = _strikes(text)
    assert [p["gazetteer_id"] for p in events] == ["geonames:538560"]
    assert events[0]["geo_precision"] == "settlement"


def test_near_the_capital_told_beside_a_strike_in_the_city_is_that_strike():
    # the city strike and a later "near Kursk" restatement by the other side, paragraphs apart: one event
    text = _doc("Drones hit a fuel depot in Kursk city overnight, the acting governor said.\n\n"
                "Residents posted videos of the fire.\n\n"
                "Ukraine's general staff later said its drones had struck a depot near Kursk. It said the strike "
                "used long-range drones.", "en")
    events = _strikes(text)
    assert [(p["gazetteer_id"], p["geo_precision"]) for p in events] == [("geonames:538560", "settlement")], events
    assert len(events[0]["sources"]) >= 2


def test_the_outskirts_or_a_bearing_from_the_capital_stay_near_the_city():
    # "on the outskirts of", "5 km north of" are said of the city itself, unlike a bare "near"
    for where in ("on the outskirts of Sumy", "5 km north of Sumy"):
        text = _doc(f"A Russian drone struck a warehouse {where} on Sunday, the regional administration said.", "en")
        events = _strikes(text)
        assert [(p["gazetteer_id"], p["geo_precision"]) for p in events] == [
            ("geonames:692194", "near_settlement")], (where, events)
