"""English events as reporting tells them (issue 16, session 12), each document in the project's own words.

- Three or more villages the gazetteer lacks, listed in one sentence ("retook A, B and C"), are one event in the
  oblast that names each of them (the later blind-annotated sets count such a list as one claim, and nothing on the
  map tells the villages apart); two named villages stay two events; a village the gazetteer holds in the list
  keeps its own dot, a hromada its own event. Two sentences listing other villages are two events.
- A list after a dash ("villages the enemy took -- A, B and C") and after "attacks on" names places.
- Attacks "foiled" or "beaten off", and "attempts to attack" a place that were stopped, are ground fighting that
  happened (an attempt is no purpose clause).
"""
from __future__ import annotations

from en_docs import en_helpers, of_type as _of

_doc, _props = en_helpers("2024-09-10")


def test_a_list_of_unknown_villages_is_one_event_naming_every_village():
    events = _props("Moscow's army reported on Monday that its northern units had won back Zorkino, Lisne Pole and "
                    "Travneve Ozero in the Kursk region.")
    (p,) = _of(events, "ground_assault")
    assert (p["admin1_code"], p["geo_precision"], p["gazetteer_id"]) == ("RU-KRS", "admin1", None)
    assert p["place_mention"] == "Zorkino, Lisne Pole, Travneve Ozero"
    assert p["extra"]["unresolved_place"] == "Zorkino, Lisne Pole, Travneve Ozero"


def test_two_sentences_listing_other_villages_stay_two_events():
    events = _props("Russian units beat back four Ukrainian attacks near Zorkino, Lisne Pole and Pylypove in the Kursk "
                    "region on Monday, the ministry said. They also foiled two attempts to attack the hamlets of "
                    "Travneve Ozero, Bilanka and Ryasne Pole.")
    ground = _of(events, "ground_assault")
    assert sorted(p["place_mention"] for p in ground) == ["Travneve Ozero, Bilanka, Ryasne Pole",
                                                          "Zorkino, Lisne Pole, Pylypove"]
    assert {p["admin1_code"] for p in ground} == {"RU-KRS"}
    assert {p["extra"]["outcome"] for p in ground} == {"stopped"}


def test_a_known_village_in_the_list_keeps_its_dot_beside_the_oblast_event():
    events = _props("Russian troops had seized four more villages \u2014 Zorkivka, Basivka, Pylypove and Lisne Pole, "
                    "the Sumy governor wrote on Monday.", "2025-05-27")
    ground = {p["place_mention"]: p for p in _of(events, "ground_assault")}
    assert set(ground) == {"Basivka", "Zorkivka, Pylypove, Lisne Pole"}
    assert ground["Basivka"]["geo_precision"] == "settlement"
    oblast = ground["Zorkivka, Pylypove, Lisne Pole"]
    assert (oblast["admin1_code"], oblast["geo_precision"], oblast["gazetteer_id"]) == ("UA-59", "admin1", None)


def test_attacks_on_two_unknown_villages_are_read_as_places_of_one_event():
    events = _props("Ukrainian troops thwarted Russian attacks on Zorkivka and Lisne Pole in the Sumy region on Monday.")
    ground = _of(events, "ground_assault")
    assert [p["place_mention"] for p in ground] == ["Zorkivka, Lisne Pole"]
    assert {(p["admin1_code"], p["geo_precision"]) for p in ground} == {("UA-59", "admin1")}


def test_foiled_attempts_to_attack_are_a_fight_and_a_plan_to_attack_is_none():
    (p,) = _of(_props("The ministry said on Monday its forces had foiled enemy attempts to attack Zorkino in the Kursk "
                      "region."), "ground_assault")
    assert p["admin1_code"] == "RU-KRS" and p["extra"]["outcome"] == "stopped"
    assert _of(_props("Officials said on Monday that Kyiv was massing troops to attack Zorkino in the Kursk region."),
               "ground_assault") == []


def test_people_relocated_or_leaving_border_areas_are_an_evacuation():
    for body in ("Emergency officials said on Monday that some 4,000 residents had been relocated from three districts "
                 "along the Kursk frontier since the raid began.",
                 "About 900 people left the frontline villages of the Sumy region in the last seven days, or were "
                 "evacuated by volunteers, the regional police said on Monday.",
                 "Some 2,500 residents have already left the Kursk region's areas close to the frontier by themselves, "
                 "the ministry said on Monday."):
        (p,) = _of(_props(body), "other")
        assert p["sub_type"] == "other" and p["admin1_code"] in ("RU-KRS", "UA-59"), body


def test_troops_relocated_and_people_left_without_power_are_no_evacuation():
    events = _props("Moscow relocated several battalions to the Kursk region on Monday, the general staff said.")
    assert _of(events, "other") == []
    events = _props("A drone hit a substation in Sumy on Monday and about 3,000 people were left without power.")
    assert _of(events, "other") == []


def test_bombs_on_two_other_villages_are_a_strike_apart_from_the_named_one():
    events = _props("A glide bomb hit a block of flats in Svesa on Saturday, wounding six people. Later that day the "
                    "president said the bombs had also struck two other villages of the Sumy region.", "2025-01-05")
    strikes = _of(events, "strike")
    assert sorted(p["geo_precision"] for p in strikes) == ["admin1", "settlement"]
    (named,) = [p for p in strikes if p["geo_precision"] == "settlement"]
    assert named["place"] == "Svesa" and len(named["sources"]) == 1


def test_the_region_named_again_for_the_same_strike_still_folds_into_it():
    events = _props("A glide bomb hit a block of flats in Svesa on Saturday, wounding six people. The strike on the "
                    "Sumy region damaged several homes, officials added.", "2025-01-05")
    (p,) = _of(events, "strike")
    assert p["place"] == "Svesa" and len(p["sources"]) == 2


def test_the_attack_that_began_a_campaign_is_ground_fighting_and_a_war_begun_is_none():
    (p,) = _of(_props("Kyiv's large attack on Kursk oblast began on 6 August, the agency recalled.",
                      "2024-08-12"), "ground_assault")
    assert (p["admin1_code"], p["date_start"]) == ("RU-KRS", "2024-08-06")
    body = "It was the heaviest attack on Russian territory since the war began, officials said."
    assert _of(_props(body, "2024-08-12"), "ground_assault") == []
