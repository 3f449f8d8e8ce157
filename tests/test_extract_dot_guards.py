"""Wrong dots in English (issue 16), each document in our own words.

- A capital's name that means its oblast ("Sumy came under attack 14 times", "Kursk's governor ... in Kursk",
  "Ukraine's Kursk push") is the oblast, with the mention kept; the city said as the city keeps its dot.
- A village the sentence puts in one oblast but found only as a namesake in the other is that oblast, not a dot
  on the namesake; a village found in the oblast the sentence names keeps its dot.
- "the village of A in the B community": one event, at A, not a second one at B's hromada; so too the hromada and
  its village told in two paragraphs (a prosecutor's statement, then the governor's). An A the gazetteer has only
  far from B (a namesake: the one meant is missing) is B's hromada, A's name kept, not a dot on the namesake.
- A capital named only bare ("Drones hit Sumy") in a report that never says the city by that name (no word only a
  city has beside it, no "the city" after it, no "the mayor" or "the city centre" in a sentence naming no town) is
  its oblast, the mention kept: headlines and governors say "Sumy" and "Kursk" for the region.
- A town told as the one left without power after strikes on the oblast's grid, a hromada people were heading to
  when a drone hit them, and the side fire came from ("from the direction of X", "з боку X": often a Russian
  village the gazetteer has only as a Sumy namesake) are no dots; a strike told on the town keeps its dot.
"""
from __future__ import annotations

import re

import pytest

from en_docs import en_helpers
from geomap.extraction import dotguards

_doc, _props = en_helpers("2025-06-01")


def _dots(events: list[dict]) -> list[str | None]:
    return [p["place"] for p in events if p["geo_precision"] in ("settlement", "near_settlement", "hromada")]


@pytest.mark.parametrize("body, oblast", [
    ("Over the last day Sumy came under attack 14 times, the regional military administration wrote on Sunday; "
     "two people were hurt.", "Sumy Oblast"),
    ("Kursk's governor told reporters a drone struck a car in Kursk on Saturday and two men were hurt.",
     "Kursk Oblast"),
    ("On Saturday the Russian army said it had downed drones over Belgorod, Kursk and Bryansk overnight.",
     "Kursk Oblast"),
    ("Ukraine's Kursk push lost ground as drones hit its positions in Kursk on Saturday, analysts wrote.",
     "Kursk Oblast"),
])
def test_a_capital_meaning_its_oblast_is_the_oblast(body, oblast):
    events = _props(body)
    assert events, "the attack is still an event"
    assert _dots(events) == []
    assert {p["admin1"] for p in events} == {oblast}
    assert all(p["place_mention"] for p in events), "the mention is kept"


@pytest.mark.parametrize("body, town", [
    ("A drone hit a residential building in Sumy on Sunday, and three people were hurt, the mayor said.", "Sumy"),
    ("The city of Kursk was hit by a drone on Saturday; two flats burned, the governor said.", "Kursk"),
    ("Drones attacked Kursk overnight into Saturday, the governor said, wounding two residents. Glass from the blasts "
     "covered a playground in the city.", "Kursk"),
])
def test_the_city_said_as_the_city_keeps_its_dot(body, town):
    assert _dots(_props(body)) == [town]


def test_a_village_the_sentence_puts_in_kursk_oblast_is_no_dot_on_a_sumy_namesake():
    events = _props("On Sunday the governor said Ukrainian drones had attacked the village of Myropillia in the "
                    "Kursk region, hurting a man.")
    assert events and _dots(events) == []
    assert {p["admin1"] for p in events} == {"Kursk Oblast"}
    assert events[0]["place_mention"] == "Myropillia"
    events = _props("A drone hit a car in the Kursk region's village of Myropillia on Sunday, the governor said.")
    assert events and _dots(events) == [] and {p["admin1"] for p in events} == {"Kursk Oblast"}


@pytest.mark.parametrize("body, village", [
    ("Russian shelling hit Myropillia in the Sumy region on Sunday, local officials said.", "Myropillia"),
    ("On Sunday the governor said Ukrainian drones had attacked the village of Tetkino in the Kursk region, "
     "hurting a man.", "Tëtkino"),
])
def test_a_village_in_the_oblast_the_sentence_names_keeps_its_dot(body, village):
    assert _dots(_props(body)) == [village]


@pytest.mark.parametrize("body", [
    "On Sunday a drone struck the village of Mezenivka in the Krasnopillia community, the regional administration "
    "said; a woman was hurt.",
    "A drone struck Mezenivka in the Krasnopillia community on Sunday and hurt a woman, officials said.",
])
def test_a_village_and_its_hromada_are_one_event_at_the_village(body):
    events = _props(body)
    assert _dots(events) == ["Mezenivka"]
    assert len(events) == 1


def test_two_places_joined_by_and_stay_two_events():
    events = _props("On Sunday drones struck Myropillia and the Krasnopillia community, the regional "
                    "administration said.")
    assert sorted(_dots(events)) == ["Krasnopilska hromada", "Myropillia"]



def test_a_village_the_gazetteer_lacks_in_a_hromada_is_the_hromadas_oblast_not_a_hromada_dot():
    events = _props("Officials said on Sunday that Russian artillery had hit the village of Pavlivka in the "
                    "Bilopillia hromada.")
    assert events and _dots(events) == []
    assert {p["admin1"] for p in events} == {"Sumy Oblast"}
    assert events[0]["place_mention"] == "Pavlivka"


def test_a_village_the_sentence_puts_in_a_kursk_district_is_no_dot_on_a_sumy_namesake():
    events = _props("On Sunday the governor said Ukrainian drones had attacked the village of Myropillia in the "
                    "Glushkovo district, hurting a man.")
    assert events and _dots(events) == []
    assert {p["admin1"] for p in events} == {"Kursk Oblast"}
    events = _props("On Sunday the governor said Ukrainian drones had attacked the village of Tetkino in the "
                    "Glushkovo district, hurting a man.")
    assert _dots(events) == ["Tëtkino"]


def test_a_hromada_in_brackets_after_its_village_is_no_second_event():
    events = _props("Officials said a drone struck Mezenivka (Krasnopillia community) on Sunday; a woman was hurt.")
    assert _dots(events) == ["Mezenivka"] and len(events) == 1


def test_a_bare_capital_in_a_report_that_never_says_the_city_is_its_oblast():
    events = _props("Guided bomb kills two in Sumy\n\nA Russian guided bomb hit a farm in the Sumy region on Sunday "
                    "morning, regional prosecutors said. The bomb struck the village of Mohrytsia, killing two "
                    "farm workers, the governor added.")
    assert "Sumy" not in _dots(events), "no dot on the city for a bomb on one of its oblast's villages"
    assert "Mohrytsia" in _dots(events)
    events = _props("Ukrainian forces were beaten back at the border, but Kursk is under heavy drone and rocket fire, "
                    "the acting Kursk governor wrote on Tuesday.", "2024-08-07")
    assert events and _dots(events) == []
    assert {p["admin1"] for p in events} == {"Kursk Oblast"}
    assert all(p["place_mention"] for p in events), "the mention is kept"


@pytest.mark.parametrize("body", [
    "Drones hit Sumy overnight\n\nRussian drones struck Sumy overnight into Sunday, the regional administration "
    "said. Two people were hurt as the city's power station burned.",
    "Drones hit Sumy overnight\n\nRussian drones struck Sumy overnight into Sunday, the regional administration "
    "said. A woman was hurt when a blast tore through the city centre.",
])
def test_a_bare_capital_the_report_then_calls_the_city_keeps_its_dot(body):
    assert _dots(_props(body)) == ["Sumy"]


def test_a_hromada_and_its_village_told_in_two_paragraphs_are_one_strike_at_the_village():
    events = _props("On Sunday at noon Russian aircraft bombed civilian buildings in the Yunakivka community of "
                    "the Sumy district, prosecutors said.\n\nThe governor said the bombs struck the village of "
                    "Mohrytsia, where a barn and a shop burned.")
    assert _dots(events) == ["Mohrytsia"]
    assert len([p for p in events if p["event_type"] == "strike"]) == 1


def test_another_hromada_struck_as_well_stays_its_own_strike():
    events = _props("On Sunday Russian drones also struck the Yunakivka community, prosecutors said.\n\n"
                    "Earlier that day artillery hit the village of Mohrytsia, the governor said.")
    assert sorted(_dots(events)) == ["Mohrytsia", "Yunakivska hromada"]


@pytest.mark.parametrize("body", [
    "Drones hit Sumy overnight\n\nRussian drones struck Sumy overnight into Sunday. One man died in the blaze at a "
    "depot, the acting mayor said.",
    "Russian guns shelled Sumy and its surrounding villages on Sunday afternoon, officials said.",
])
def test_a_city_the_report_speaks_of_without_naming_it_keeps_the_bare_capital_a_dot(body):
    assert _dots(_props(body)) == ["Sumy"]


def test_a_city_word_said_of_another_town_does_not_make_the_bare_capital_the_city():
    events = _props("Russia hits Sumy with bombs\n\nA guided bomb struck a farm in the Sumy region on Sunday, "
                    "officials said.\n\nFar to the north, troops fought near Sudzha and lost the main ways into that "
                    "city.")
    assert "Sumy" not in _dots(events)


def test_a_village_the_gazetteer_has_only_far_from_its_hromada_is_the_hromada_with_its_name():
    # the gazetteer's Chernechchyna lies by Okhtyrka, some 55 km from the Krasnopillia hromada the sentence names
    events = _props("On Sunday a drone killed two when it struck a house in Chernechchyna (Krasnopillia "
                    "community), the governor said.")
    assert _dots(events) == ["Krasnopilska hromada"]
    assert [p["geo_precision"] for p in events] == ["hromada"]
    assert events[0]["place_mention"] == "Chernechchyna"


@pytest.mark.parametrize("words", [
    "city", "cities", "downtown", "mayor", "residential", "apartment", "flats", "high-rise", "block of flats",
    "neighbourhood", "neighborhoods", "suburb", "streets", "avenue", "square", "city centre", "centre of",
    "regional capital", "regional center", "hospital in", "schools of", "university in", "station in", "airport of",
    "market in", "church in", "cathedral of", "Zarichnyi district of", "microdistrict", "inside the city", "outskirts",
    "environs", "and nearby areas", "its surrounding villages", "multi-storey", "nine-story", "high-rises",
    "apartments", "microdistricts",
])
def test_the_city_words_gate_lets_every_city_word_through(words):
    text = f"Drones were seen over {words} late on Sunday"
    assert dotguards.says_city(text) or dotguards.says_city_only(text), "a sample of the records' own words"


@pytest.mark.parametrize("record", dotguards.CITY_WORDS, ids=lambda r: r.sample)
def test_each_city_word_record_opens_its_own_gate(record):
    text = f"Drones were seen over {record.sample} late on Sunday"
    assert record.gate in record.sample.lower(), "the gate is letters of the word itself"
    if record.words is not None:
        assert re.search(record.words, text, re.I) and dotguards.says_city(text)
        assert record.gate in dotguards._WORDS_GATE
    if record.only is not None:
        assert re.search(record.only, text, re.I) and dotguards.says_city_only(text)
        assert record.gate in dotguards._ONLY_GATE


# --- session 13: an outage's place, a hromada people were heading to, fire from across the border ----------------

@pytest.mark.parametrize("body, mention", [
    ("Late on Sunday the town of Konotop and the Konotop district lost power because of a Russian drone attack on "
     "energy sites of Sumy Oblast, the grid company said.", "Konotop"),
    ("Power outages in Romny followed a missile attack on the oblast's energy network on Sunday, officials said.",
     "Romny"),
    ("On Sunday night a Russian drone attack left the northern town of Romny without electricity, the regional "
     "governor wrote.", "Romny"),
    ("A Sunday missile strike left households throughout the Konotop district without light, including most of "
     "the Buryn and Putyvl hromadas, the grid operator said.", "Konotop district"),
])
def test_a_town_left_without_power_after_strikes_elsewhere_is_no_dot(body, mention):
    events = _props(body)
    assert [p["event_type"] for p in events] == ["strike"], "the attack is one event, not one per outage name"
    assert _dots(events) == []
    assert events[0]["admin1"] == "Sumy Oblast"


def test_a_strike_on_the_town_that_then_lost_power_keeps_its_dot():
    events = _props("Russian drones struck Romny on Sunday, leaving part of the town without power, the mayor said.")
    assert _dots(events) == ["Romny"]


def test_a_hromada_the_victims_were_heading_to_is_no_dot():
    events = _props("On Sunday a Russian drone attack in the Sumy community killed a farmer, the governor said.\n\n"
                    "He was riding a motorbike towards the Khotin community when the drone hit him.")
    assert "Khotinska hromada" not in _dots(events)
    assert _dots(events) == ["Sumska hromada"]


@pytest.mark.parametrize("body", [
    # Ivot: the gazetteer's Ivot is in Sumy oblast, a namesake of the Russian village the text names
    "On Sunday Russian guns fired on the edge of Sumy Oblast from the direction of the Russian village of Ivot, "
    "the regional administration said.",
    "Russian mortars hit the Sumy region's border area from the side of Tetkino on Sunday, officials said.",
])
def test_the_side_fire_came_from_is_no_dot(body):
    events = _props(body)
    assert events and _dots(events) == []
    assert {p["admin1"] for p in events} == {"Sumy Oblast"}


def test_the_target_named_beside_the_side_fire_came_from_keeps_its_dot():
    events = _props("Russian artillery shelled the Esman community from the side of Tetkino on Sunday, officials "
                    "said.")
    assert _dots(events) == ["Esmanska hromada"]


def test_a_ukrainian_report_of_fire_from_a_russian_village_is_no_dot_on_its_namesake():
    from geomap.extraction import extract

    text = ("---\nurl: https://example.org/ivot\noutlet: Example\npublished: 2025-06-01\nlanguage: uk\n---\n"
            "Сумщина під вогнем\n\nУ неділю ворог бив з мінометів по прикордонню з боку села Івот.\n")
    events = [f["properties"] for f in extract(text)]
    assert [p["event_type"] for p in events] == ["strike"]
    assert _dots(events) == [], "the gazetteer's Ivot is a Sumy namesake of the village the fire came from"
    assert events[0]["admin1"] == "Sumy Oblast"


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_every_phrase_of_a_side_in_the_origin_record_says_where_fire_came_from(language):
    from geomap.extraction.lexicon_cyr import LEXICONS

    phrases = [w for w in LEXICONS[language].origin.words if " " in w]
    assert phrases, "the record holds the phrases the guard is generated from"
    for w in phrases:
        text = f"обстріл {w} Івот"
        assert dotguards.fired_from_across(text, text.index("Івот"), language), w
    assert not dotguards.fired_from_across("обстріл у селі Івот", len("обстріл у селі "), language)


@pytest.mark.parametrize("body", [
    "On Sunday a Russian drone hit a house in the village of Mohrytsia, Yunakivka community, the governor said.",
    "In the Yunakivka community, a drone struck the village of Mohrytsia on Sunday, officials said.",
])
def test_a_hromada_said_beside_its_own_village_is_no_second_dot(body):
    events = _props(body)
    assert _dots(events) == ["Mohrytsia"], "one strike, at the village, not also at the hromada's centre"


def test_a_hromada_listed_beside_a_village_it_does_not_hold_stays_a_target():
    events = _props("Russian guns shelled Mohrytsia, the Khotin community and Esman on Sunday, officials said.")
    assert "Khotinska hromada" in _dots(events)
