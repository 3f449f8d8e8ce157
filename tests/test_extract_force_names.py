"""Town names that are not where the event is (issue 16, "zero wrong dots"), each document in our own words.

- A town's name used as the name of a force, an operational zone, a direction or an operation ("угруповання
  військ Курськ", "группировка войск «Курск»", "the Sudzha direction", "Operation Kursk") tells of that force, not
  of the town: the event goes to the town's oblast with the mention kept, never a dot at the town (one was).
- An undated caption of a scene at the top of an English page, glued to the headline or the lede ("A man walks
  past a burned house, Vorozhba, Sumy Oblast (Photo: ...)"), shows an earlier scene: no event at its town (it had
  one), while a lede told in the past tense with its day ("shelled X, Sumy Oblast, on Tuesday") stays an event.
"""
from __future__ import annotations

import pytest

from en_docs import en_helpers
from geomap.extraction import extract

_doc, _props = en_helpers("2025-03-20")


def _cyr_props(body: str, language: str) -> list[dict]:
    text = (f"---\nurl: https://example.org/{language}\noutlet: Example\npublished: 2025-03-20\n"
            f"language: {language}\n---\n{body}\n")
    return [f["properties"] for f in extract(text)]


def _places(events: list[dict]) -> list[tuple[str | None, str, str]]:
    return sorted((p["place"], p["geo_precision"], p["admin1"]) for p in events)


@pytest.mark.parametrize("body", [
    # a General Staff summary naming the grouping unquoted, in quotes, and by its operational zone alone
    "Генштаб ЗСУ підбив підсумки 19 березня.\n\nУ операційній зоні угруповання військ Курськ наші підрозділи "
    "зупинили чотири штурмові дії ворога.",
    "Генштаб ЗСУ підбив підсумки 19 березня.\n\nВ операційній зоні Курськ противник чотири рази намагався "
    "штурмувати позиції захисників.",
])
def test_a_ukrainian_grouping_named_for_a_town_is_its_oblast_not_the_town(body):
    events = _cyr_props(body, "uk")
    assert events and _places(events) == [(None, "admin1", "Kursk Oblast")] * len(events)
    assert all(p["place_mention"] in ("Курськ", None) for p in events)


@pytest.mark.parametrize("body", [
    "Минобороны России отчиталось 19 марта.\n\nПодразделения группировки войск Курск отбили три атаки противника.",
])
def test_a_russian_grouping_named_for_a_town_is_its_oblast(body):
    events = _cyr_props(body, "ru")
    assert events and _places(events) == [(None, "admin1", "Kursk Oblast")] * len(events)


@pytest.mark.parametrize("body, language", [
    ("Генштаб ЗСУ підбив підсумки 19 березня.\n\nУ зоні відповідальності угруповання військ «Курськ» противник "
     "чотири рази намагався штурмувати позиції захисників.", "uk"),
    ("Минобороны России отчиталось 19 марта.\n\nБойцы группировки «Курск» отбили три атаки противника.", "ru"),
])
def test_a_grouping_named_in_quotes_gives_no_dot_at_the_town(body, language):
    assert all(p["place"] != "Kursk" for p in _cyr_props(body, language))


@pytest.mark.parametrize("body", [
    "Ukraine's General Staff said on Wednesday that Russian troops attacked three times in the Sudzha direction.",
    "Ukraine's General Staff said on Wednesday that defenders stopped four Russian assaults in the operational "
    "zone of the grouping Kursk.",
    "Kyiv's General Staff said on Wednesday that units of the Sudzha grouping of forces held off two Russian assaults.",
])
def test_an_english_direction_or_grouping_named_for_a_town_is_its_oblast(body):
    events = _props(body)
    assert events and _places(events) == [(None, "admin1", "Kursk Oblast")] * len(events)
    assert {p["place_mention"] for p in events} <= {"Sudzha", "Kursk"}


def test_a_town_attacked_in_the_direction_of_it_is_still_the_town():
    # "in the direction of X" is toward the town (near it), no force's name
    events = _props("Russian troops attacked in the direction of Sudzha on Wednesday, the General Staff said.")
    assert [p["place"] for p in events] == ["Sudzha"]


def test_a_village_before_a_cyrillic_grouping_word_stays_the_village():
    # a noun before "угруповання" is where the force gathers, not its name
    events = _cyr_props("Сили оборони повідомили 19 березня.\n\nБіля Юнаківки угруповання ворога двічі "
                        "атакувало позиції наших військових.", "uk")
    assert "Yunakivka" in [p["place"] for p in events]


def test_an_undated_scene_caption_glued_to_the_headline_gives_no_event_at_its_town():
    events = _props("Drone attack injures two residents A flag flies outside a damaged building, Vorozhba, Sumy "
                    "Oblast Russian drones hit Bilopillia on Wednesday, injuring two residents, the regional "
                    "administration said.")
    assert [p["place"] for p in events] == ["Bilopillia"]


def test_an_undated_scene_caption_on_its_own_line_with_a_credit_gives_no_event_at_its_town():
    events = _props("Russian drones injure two residents\nA man walks past a burned house, Vorozhba, Sumy Oblast / "
                    "Getty Images\nRussian drones hit Bilopillia on Wednesday, injuring two residents, the regional "
                    "administration said.")
    assert [p["place"] for p in events] == ["Bilopillia"]


def test_an_undated_scene_caption_glued_to_the_lede_gives_no_event_at_its_town():
    events = _props("Firefighters work at the site of a drone strike, Konotop, Sumy Oblast. Photo by Someone / Getty "
                    "Images Russian forces shelled Bilopillia on Wednesday, the regional administration said.")
    assert [p["place"] for p in events] == ["Bilopillia"]


def test_a_lede_naming_town_and_oblast_with_its_day_is_no_caption():
    events = _props("Russian forces shelled Bilopillia, Sumy Oblast, on Wednesday, injuring a man, the regional "
                    "administration said.")
    assert [(p["event_type"], p["place"]) for p in events] == [("strike", "Bilopillia")]



def test_a_scene_caption_naming_the_part_of_the_country_after_its_oblast_gives_no_event_at_its_town():
    # the caption goes on past its oblast to say where in the country the town lies, and is glued to the headline
    events = _props("Shelling injures a man A soldier walks along a ruined street, Vorozhba, Sumy Oblast, "
                    "northeastern Ukraine. Russian guns shelled Bilopillia on Wednesday, injuring a man, the regional "
                    "administration said.")
    places = [p["place"] for p in events]
    assert "Vorozhba" not in places and "Bilopillia" in places


@pytest.mark.parametrize("mark", ["(Illustrative photo)", "(Ilustrative purposes)"])
def test_a_caption_marked_illustrative_gives_no_event_even_when_misspelt(mark):
    # captions are typed in haste: the mark of an illustration is read with its common one-l misspelling too
    events = _props(f"Shelling injures a man\nRuins of a school in Vorozhba, Sumy Oblast. {mark} (Someone/Agency via "
                    "Getty Images)\nRussian guns shelled Bilopillia on Wednesday, injuring a man, the regional "
                    "administration said.")
    places = [p["place"] for p in events]
    assert "Vorozhba" not in places and "Bilopillia" in places


def test_the_summary_of_a_grouping_event_does_not_call_its_town_missing_from_the_gazetteer():
    # Kursk is in the gazetteer: the summary says the report names it and the event was not placed there
    events = _cyr_props("Минобороны России отчиталось 19 марта.\n\nПодразделения группировки войск Курск отбили три "
                        "атаки противника.", "ru")
    assert events
    for p in events:
        assert p["place"] is None and "not in the gazetteer" not in p["summary"]
        assert "not placed as the event's location" in p["summary"]
