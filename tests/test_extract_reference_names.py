"""Names that are not where an event happened: a body or a force named for a town, another of a town's names,
a link to another article, and a town used as a bearing.

Each would put a dot in a town the report does not place the event in, and a wrong dot is read as a fact.
The documents are in the project's own words; the places come from the gazetteer.
"""
from __future__ import annotations

from geomap.extraction import extract
from geomap.gazetteer import load_gazetteer


def _doc(body: str, language: str = "en", published: str = "2025-01-03") -> str:
    return (f"---\nurl: https://example.org/r\noutlet: Example\npublished: {published}\nlanguage: {language}\n---\n"
            f"{body}\n")


def _events(text: str) -> list[dict]:
    return [f["properties"] for f in extract(text)]


def _dots(events: list[dict]) -> list[tuple[str, str]]:
    return [(p["place_mention"], p["place"]) for p in events if p["geo_precision"] in ("settlement", "near_settlement")]


def test_the_regional_military_administration_of_a_city_is_no_dot_in_that_city():
    events = _events(_doc("Drones struck the Sumy region overnight and seven people were wounded.\n\n"
                          "The head of the Sumy RMA, Ivan Petrenko, later gave more details of the night drone "
                          "attack."))
    assert events and ("Sumy", "Sumy") not in _dots(events), events
    assert all(p["admin1_code"] == "UA-59" for p in events), events


def test_a_group_of_forces_named_for_a_city_leaves_the_town_it_was_hit_in():
    events = _events(_doc("On Tuesday Ukrainian aircraft struck the Kursk group of forces' headquarters, which "
                          "stood in the town of Rylsk."))
    assert [p for p in events if p["event_type"] == "strike"], events
    assert {place for _, place in _dots(events)} == {"Ryl’sk"}, events


def test_a_towns_other_name_unlike_its_own_puts_the_event_at_the_oblast():
    # GeoNames lists "Maryino" among the names of Pristen', a town far from the village the report means
    assert any(p.name == "Pristen’" for p in load_gazetteer().lookup("Maryino"))
    events = _events(_doc("On Thursday the army said its missiles had struck an enemy headquarters at Maryino, "
                          "in Russia's Kursk region."))
    hit = [p for p in events if p["place_mention"] == "Maryino"]
    assert hit, events
    for p in hit:
        assert p["geo_precision"] == "admin1" and p["admin1_code"] == "RU-KRS" and p["gazetteer_id"] is None, p
        assert p["extra"]["unresolved_place"] == "Maryino"


def test_a_read_also_line_gives_no_event_of_the_other_article():
    body = ("Уночі ворог обстріляв Краснопільську громаду, пошкоджено два будинки.\n"
            "Читайте також: Після нічної атаки на Шостку пошкоджено лікарню")
    events = _events(_doc(body, "uk", "2024-09-24"))
    assert events, events
    assert not any("Шостк" in (p["place_mention"] or "") for p in events), events


def test_a_read_also_line_in_english_gives_no_event_either():
    body = ("Russian shelling damaged two houses in the Krasnopillia community overnight.\n"
            "Read also: Drones hit a hospital in Shostka")
    events = _events(_doc(body))
    assert events and not any(p["place_mention"] == "Shostka" for p in events), events


def test_land_measured_north_of_a_city_is_the_oblasts_not_the_citys():
    body = ("Армия России продвигается в Сумской области.\n\n"
            "По словам военных блогеров, под контролем армии оказалось уже более 200 квадратных километров к "
            "северу от города Сумы.")
    events = _events(_doc(body, "ru", "2025-12-30"))
    assert events and all(p["geo_precision"] == "admin1" and p["admin1_code"] == "UA-59" for p in events), events
    assert any(p["place_mention"] == "Сумы" for p in events), events


def test_an_area_measured_after_its_bearing_from_a_city_is_the_oblasts():
    for body, lang in (("Блогеры пишут, что в ходе наступления площадь занятой территории к северу от города Сумы выросла почти до "
                        "250 квадратных километров.", "ru"),
                       ("Bloggers wrote that in their offensive Russian troops have seized land north of Sumy, "
                        "nearly 250 square kilometres.", "en")):
        events = _events(_doc(body, lang, "2025-12-30"))
        assert events and all(p["geo_precision"] == "admin1" for p in events), (body, events)


def test_fighting_north_of_a_town_is_near_it_not_in_it():
    body = "Российские военные сообщили о боях к северу от города Суджа."
    events = _events(_doc(body, "ru", "2024-08-20"))
    sudzha = [p for p in events if p["place"] == "Sudzha"]
    assert sudzha and all(p["geo_precision"] == "near_settlement" for p in sudzha), events


def test_ukrainian_bearing_from_a_town_is_near_it():
    body = "За даними Сил оборони, бої тривають на північ від міста Суми, у прикордонних селах."
    events = _events(_doc(body, "uk", "2025-06-10"))
    assert not [p for p in events if p["place"] == "Sumy" and p["geo_precision"] == "settlement"], events
