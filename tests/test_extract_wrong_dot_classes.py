"""Classes of wrong dot (issue 16: an event put on a town where it did not happen); each document in our
own words.

- English: "the bridgehead in the north of Sumy", "the far east of Kursk": a part of the place (said with
  "the"), which for ground fighting and troops is the region named by its capital, like a bare "in Kursk"; a
  bearing from the city ("north of Sumy") and a strike on a part of the city stay near it.
- Russian and Ukrainian: an agency's dateline in title case ("Курск, 9 апреля, 2024, 08:15 — Агентство"),
  glued to the headline above it, and a page's rubric or place label on a line of its own ("Новости Курска",
  "Рыльск"): where the page files from, not where the event happened (its oblast, the name kept).
- Russian and Ukrainian: a vehicle's heading ("легковик, що їхав у напрямку X", "грузовик, который ехал в
  сторону X"): where it was going, not where it was hit (X's oblast when nothing else places it).
- English: a sentence with no place after one that named only the oblast does not take the village of the
  events told before that.
- Russian and Ukrainian: the town where the lights went out after an attack on the grid, told with a noun
  or as "не отримує електроенергію" ("сталося відключення світла внаслідок атаки на енергооб'єкти"): the
  outage's place, not the strike's.
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
    return [p["place"] for p in events if p["geo_precision"] in ("settlement", "near_settlement", "hromada")]


@pytest.mark.parametrize("body, oblast", [
    ("Moscow's army keeps pushing in Sumy Oblast. Ukrainian units have to fall back towards the regional centre, "
     "which lets the attackers widen their bridgehead in the north of Sumy, a military blogger wrote.", "Sumy Oblast"),
    ("Ukrainian brigades lost two more villages on Friday, which let Russian troops enlarge their foothold in the "
     "far east of Kursk, the ministry claimed.", "Kursk Oblast"),
])
def test_ground_fighting_in_a_part_of_a_capitals_name_is_its_oblast(body, oblast):
    events = _props(body)
    assert events, "the fighting is still an event"
    assert _dots(events) == []
    assert {p["admin1"] for p in events} == {oblast}


@pytest.mark.parametrize("body", [
    "Russian infantry attacked Ukrainian positions north of Sumy on Monday, the general staff said.",
    "Russian drones hit a warehouse in the north of Sumy overnight, the mayor said.",
])
def test_a_bearing_from_the_city_or_a_strike_on_its_part_stays_near_it(body):
    assert _dots(_props(body)) == ["Sumy"]


def test_a_title_case_dateline_under_the_headline_is_not_the_incursions_place():
    events = _cyr_props(
        "Губернатор: украинские диверсанты снова хотели прорваться в область\n"
        "Курск, 9 апреля, 2024, 08:15 — Агентство Пример. Пограничники отбросили группу противника от границы "
        "Курской области, написал губернатор 9 апреля.", "ru")
    assert len(events) == 1
    assert _dots(events) == []
    assert events[0]["admin1"] == "Kursk Oblast"


@pytest.mark.parametrize("body, language, label", [
    ("Новости Курска\nВ пятницу беспилотник ударил по грузовику, водитель ранен, сообщил губернатор.", "ru", "Курска"),
    ("Рыльск\nВ пятницу беспилотник ударил по грузовику, водитель ранен, сообщил губернатор.", "ru", "Рыльск"),
    ("Події Суми\nУ п'ятницю ворожий дрон влучив у вантажівку, водія поранено, повідомив голова ОВА.", "uk", "Суми"),
])
def test_a_pages_place_label_glued_to_the_lede_gives_its_oblast_not_a_dot(body, language, label):
    events = _cyr_props(body, language)
    assert len(events) == 1
    assert _dots(events) == []
    assert events[0]["geo_precision"] == "admin1" and events[0]["place_mention"] == label


@pytest.mark.parametrize("body, language, town", [
    ("Беспилотник ударил по Рыльску\nВ пятницу дрон атаковал грузовик, водитель ранен, сообщил губернатор.", "ru",
     "Ryl’sk"),
    ("Под обстрел в пятницу попали:\nТёткино", "ru", "Tëtkino"),
])
def test_a_headline_or_a_list_line_naming_a_town_keeps_its_dot(body, language, town):
    assert town in _dots(_cyr_props(body, language))


@pytest.mark.parametrize("body, language, oblast", [
    ("Ворожий дрон влучив у легковик, що їхав у напрямку Білопілля, водія поранено, повідомили в ОВА.", "uk",
     "Sumy Oblast"),
    ("У п'ятницю російський FPV-дрон атакував мікроавтобус, який прямував у бік Білопілля, повідомили в ОВА.", "uk",
     "Sumy Oblast"),
    ("В пятницу беспилотник ударил по грузовику, который ехал в сторону Глушково, водитель ранен.", "ru",
     "Kursk Oblast"),
])
def test_the_town_a_vehicle_was_heading_to_is_no_dot_but_its_oblast(body, language, oblast):
    events = _cyr_props(body, language)
    assert len(events) == 1, "the strike is still an event"
    assert _dots(events) == []
    assert events[0]["admin1"] == oblast


def test_a_strike_beside_a_village_stays_near_it():
    events = _cyr_props("У п'ятницю ворожий дрон атакував мікроавтобус біля Білопілля, повідомили в ОВА.", "uk")
    assert _dots(events) == ["Bilopillia"]


def test_a_placeless_sentence_after_one_naming_only_the_oblast_does_not_inherit_the_village_before():
    events = _props('"Our units have pulled out of Sudzha and are leaving the remainder of the Kursk region," a Ukrainian '
                    "channel wrote on Thursday. A blogger wrote on Thursday that commanders had told the brigades to "
                    "pull back from the Kursk region. He said many soldiers walked out on foot, while Ukrainian "
                    "forces were trying to evacuate the largest possible number of soldiers.")
    by_type = {p["event_type"]: p for p in events}
    assert by_type["deployment"]["place"] == "Sudzha"
    assert by_type["other"]["geo_precision"] == "admin1" and by_type["other"]["admin1"] == "Kursk Oblast"


def test_a_placeless_sentence_right_after_its_village_still_takes_it():
    events = _props('"Our units have pulled out of Sudzha," a Ukrainian channel wrote on Thursday. Ukrainian '
                    "forces were trying to evacuate the largest possible number of soldiers, the channel added.")
    assert {p["place"] for p in events} == {"Sudzha"}


@pytest.mark.parametrize("body, language", [
    ("У місті Конотоп уночі на 3 червня сталося відключення світла внаслідок ворожої атаки на енергетичні об'єкти "
     "області.", "uk"),
    ("В Рыльске ночью произошло отключение электроэнергии в результате атаки беспилотников на энергообъекты, "
     "сообщил губернатор.", "ru"),
    ("\"Унаслідок ворожої атаки місто Конотоп не отримує електричну енергію\", - написав мер.", "uk"),
])
def test_a_town_that_lost_power_after_an_attack_on_the_grid_is_no_strike_dot(body, language):
    assert _dots(_cyr_props(body, language)) == []


def test_a_strike_on_a_town_that_then_lost_power_keeps_its_dot():
    events = _cyr_props("Уночі росіяни атакували Конотоп, у місті сталося відключення світла, повідомив мер.", "uk")
    assert _dots(events) == ["Konotop"]
