"""Places beyond the map stay beyond it, and a town's name in any case form is found (issue 16).

A Russian report from the Kursk governor may add a line about damage in Kyiv, file from Voronezh under
an agency dateline, or name the town hit after "по городу". The documents are in the project's own words.
"""
from __future__ import annotations

from geomap.extraction import extract


def _doc(body: str) -> str:
    return f"---\nurl: https://example.org/r\noutlet: Example\npublished: 2024-12-20\nlanguage: ru\n---\n{body}\n"


def _events(body: str) -> list[tuple[str | None, str, str | None]]:
    return sorted(((p["place"], p["admin1_code"], p["place_mention"]) for p in
                   (f["properties"] for f in extract(_doc(body)))), key=str)


def test_a_big_city_beyond_the_map_is_not_put_in_the_documents_oblast():
    events = _events("Губернатор Курской области сообщил, что беспилотник атаковал Рыльск 20 декабря.\n\n"
                     "В Киеве обломки беспилотника повредили жилой дом.")
    assert [e[0] for e in events] == ["Ryl’sk"], events


def test_an_agency_dateline_city_is_not_the_place_of_the_event():
    events = _events("Воронеж. 20 декабря. ИНТЕРФАКС - Губернатор Курской области сообщил, что беспилотник "
                     "атаковал Рыльск.")
    assert [e[0] for e in events] == ["Ryl’sk"], events


def test_a_town_named_after_po_gorodu_is_found():
    events = _events("Курская область. ВСУ нанесли ракетный удар по городу Рыльску 20 декабря.")
    assert [e[0] for e in events] == ["Ryl’sk"], events


def test_a_village_sharing_a_towns_name_beyond_the_map_stays_a_village_here():
    # Nikolskoye (50,000 people) lies outside the map; in a list of Kursk villages the name is one of them
    events = _events("Минобороны России сообщило о боях 20 декабря в районах населённых пунктов Гуево, "
                     "Никольский и Махновка Курской области.")
    assert events and all(code == "RU-KRS" for _, code, _ in events), events


def test_a_dateline_city_in_the_map_is_no_dot_for_an_event_elsewhere():
    # the agency files from Belgorod; the drone hit a road somewhere in Kursk oblast
    events = _events("Белгород. 20 декабря. ИНТЕРФАКС - Беспилотник атаковал автомобиль на трассе в Курской "
                     "области, сообщил губернатор.")
    assert events and all(place is None and code == "RU-KRS" for place, code, _ in events), events
