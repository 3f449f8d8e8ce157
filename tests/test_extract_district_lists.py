"""Districts named together in Russian and Ukrainian, and where "most of the strikes" fell.

"Бои идут в Глушковском, Кореневском и Суджанском районах" names three districts with the word said once
in the plural: each is a place (at its centre, admin2), where only the first used to be read, and at the
oblast. "Найбільше обстрілів зафіксовано у ... районах" in a regional summary says where most of the
strikes just counted fell: a share of that count, not new strikes. The documents are in our own words.
"""
from __future__ import annotations

from geomap.extraction import extract


def _doc(body: str, language: str) -> str:
    return (f"---\nurl: https://example.org/d\noutlet: Example\npublished: 2025-01-05\nlanguage: {language}\n---\n"
            f"{body}\n")


def _events(text: str) -> list[dict]:
    return [f["properties"] for f in extract(text)]


def test_three_russian_districts_named_together_are_three_places():
    events = _events(_doc("Бои продолжаются в Глушковском, Кореневском и Суджанском районах Курской области, "
                          "сообщило Минобороны.", "ru"))
    fights = [p for p in events if p["event_type"] == "ground_assault"]
    assert sorted(p["place"] for p in fights) == ["Glushkovo", "Korenevo", "Sudzha"], events
    assert {p["geo_precision"] for p in fights} == {"admin2"}
    assert all(p["gazetteer_id"] for p in fights)


def test_two_districts_named_together_in_ukrainian():
    events = _events(_doc("Бої тривають у Глушковському та Кореневському районах Курської області, "
                          "повідомив Генштаб.", "uk"))
    fights = [p for p in events if p["event_type"] == "ground_assault"]
    assert sorted(p["place"] for p in fights) == ["Glushkovo", "Korenevo"], events


def test_one_district_is_still_read_alone():
    events = _events(_doc("Бои продолжаются в Глушковском районе Курской области, сообщило Минобороны.", "ru"))
    assert [(p["place"], p["geo_precision"]) for p in events if p["event_type"] == "ground_assault"] \
        == [("Glushkovo", "admin2")], events


def test_where_most_strikes_fell_is_no_new_strike():
    summary = ("Протягом минулої доби ворог обстріляв Краснопільську, Миропільську та Хотінську громади, "
               "повідомила Сумська ОВА.")
    alone = _events(_doc(summary, "uk"))
    events = _events(_doc(summary + "\n\nНайбільше обстрілів зафіксовано у Сумському та Шосткинському районах.", "uk"))
    assert sorted(p["place"] for p in events) == sorted(p["place"] for p in alone), events
    assert not any(p["place"] in ("Shostka", "Sumy") for p in events)


def test_where_most_strikes_fell_in_russian():
    summary = "За сутки ВСУ обстреляли Глушково и Теткино, сообщил губернатор."
    alone = _events(_doc(summary, "ru"))
    events = _events(_doc(summary + "\n\nБольше всего ударов пришлось на Глушковский и Кореневский районы.", "ru"))
    assert len(events) == len(alone), events
