"""Names that would put a dot in the wrong village: another village's old spelling, oblasts named together.

GeoNames lists old and foreign spellings among a village's names, and a village across the border may bear
one of them; "the Sumy and Kharkiv regions" names two oblasts, not the city of Sumy. Either would be a dot
read as a fact. The documents are in the project's own words; the places come from the gazetteer.
"""
from __future__ import annotations

from geomap.extraction import extract
from geomap.gazetteer import load_gazetteer


def _doc(body: str, published: str = "2024-08-09") -> str:
    return f"---\nurl: https://example.org/s\noutlet: Example\npublished: {published}\nlanguage: en\n---\n{body}\n"


def _events(text: str) -> list[dict]:
    return [f["properties"] for f in extract(text)]


def test_the_gazetteer_holds_the_alternate_spelling_this_guards_against():
    hits = load_gazetteer().lookup("Oleshnya")
    assert [(p.name, p.admin1_code) for p in hits] == [("Vilshana", "UA-59")]


def test_another_spelling_of_a_village_in_the_oblast_the_report_never_names_is_no_dot():
    events = _events(_doc("Ukrainian units crossed into Russia's Kursk region on Tuesday.\n\n"
                          "Russian artillery shelled Oleshnya overnight, the acting governor said."))
    shelled = [p for p in events if p["place_mention"] == "Oleshnya"]
    assert shelled, events
    for p in shelled:
        assert p["geo_precision"] == "admin1" and p["admin1_code"] == "RU-KRS", p
        assert p["gazetteer_id"] is None
        assert p["extra"]["unresolved_place"] == "Oleshnya"


def test_the_same_spelling_stands_when_the_report_names_that_oblast():
    events = _events(_doc("Russian artillery shelled Oleshnya in the Sumy region overnight, the regional "
                          "administration said."))
    shelled = [p for p in events if p["place_mention"] == "Oleshnya"]
    assert [p["gazetteer_id"] for p in shelled] == ["geonames:698531"], events


def test_a_villages_own_name_stands_whatever_oblast_the_report_named_first():
    events = _events(_doc("Ukrainian units crossed into Russia's Kursk region on Tuesday.\n\n"
                          "Russian artillery shelled Vilshana overnight, the regional administration said."))
    assert [p["gazetteer_id"] for p in events if p["place_mention"] == "Vilshana"] == ["geonames:698531"], events


def test_oblasts_named_together_are_oblasts_not_their_capitals():
    events = _events(_doc("Russian glide bombs hit border villages in the Sumy and Kharkiv regions on Sunday, "
                          "officials said.", published="2025-01-05"))
    strikes = [p for p in events if p["event_type"] == "strike"]
    assert strikes, events
    for p in strikes:
        assert p["geo_precision"] == "admin1", p
        assert p["gazetteer_id"] is None
    assert {p["admin1_code"] for p in strikes} == {"UA-59"}


def test_three_oblasts_named_together_each_stay_oblasts():
    events = _events(_doc("Russian shelling hit villages of the Kursk, Sumy and Kharkiv oblasts on Sunday, "
                          "officials said.", published="2025-01-05"))
    strikes = [p for p in events if p["event_type"] == "strike"]
    assert strikes and all(p["geo_precision"] == "admin1" and p["gazetteer_id"] is None for p in strikes), events
    assert {"UA-59", "RU-KRS"} >= {p["admin1_code"] for p in strikes}


def test_a_capital_and_its_neighbouring_region_is_the_oblast():
    events = _events(_doc("The president said guided bombs also hit two villages in Sumy and neighbouring Kharkiv "
                          "region on Saturday.", published="2025-01-05"))
    strikes = [p for p in events if p["event_type"] == "strike"]
    assert strikes and all(p["geo_precision"] == "admin1" and p["gazetteer_id"] is None for p in strikes), events


def test_a_city_and_a_region_in_the_singular_keep_the_city():
    events = _events(_doc("Drones hit Sumy and the Kharkiv region on Saturday, officials said.", published="2025-01-05"))
    assert "geonames:692194" in [p["gazetteer_id"] for p in events if p["event_type"] == "strike"], events


def test_a_capital_named_alone_is_still_the_city():
    events = _events(_doc("A Russian glide bomb hit Sumy on Sunday, the city council said.", published="2025-01-05"))
    assert [p["gazetteer_id"] for p in events if p["event_type"] == "strike"] == ["geonames:692194"], events
