"""English events as reporting tells them (issue 16, session 14), each document in the project's own words.

- Training is an event on the map where its own clause puts it ("training at ranges in the Kursk region"), or, told
  with no place at all, where the story has its troops; training "in the Far East" before a clause about the Kursk
  fighting, training named beside a speaker's place, or soldiers told they were going abroad "for training" give no
  training event in the oblast the report is about.
- Drones or missiles downed over an oblast ("air defence shot down nine drones over the Sumy region") are an event of
  their own at the oblast, never folded into the strike the same paragraph places in a town; the downing told twice is
  still one.
- One strike sentence that names both mapped oblasts as what was hit, joined as a list ("bombed units inside Kursk
  oblast as well as reserves in nine Sumy villages"), is a strike in each; an oblast the fire came
  from, or a governor named by his oblast, adds none.
- A force "destroyed" in quotation marks, as reporting quotes an official's word ("the groups had been “destroyed”"),
  is the ground clash the same words make without them, not a strike.
"""
from __future__ import annotations

import pytest

from en_docs import en_helpers, of_type as _of

_doc, _props = en_helpers("2024-11-14")


@pytest.mark.parametrize("body", [
    "Earlier estimates had the Korean brigades training at ranges in the Far East; by now officials in Seoul say they "
    "have joined the fighting in the Kursk region.",
    "A captured Korean soldier said on Wednesday in the Kursk region that his officers had told him he was only "
    "being sent to Russia for training.",
    "Kyiv and Seoul have said for weeks that Korean units were training beside Russian ones, officials in the Kursk "
    "region said on Wednesday.",
])
def test_training_with_no_place_of_its_own_is_no_event_in_the_oblast(body):
    assert _of(_props(body), "other") == []


def test_training_told_after_an_arrival_with_no_place_stays_where_the_troops_are():
    events = _props("About 9,000 Korean soldiers have reached the Kursk region, a Ukrainian officer said on Wednesday. "
                    "Since then Russian officers have given them short courses in mortar fire.")
    (p,) = _of(events, "other")
    assert (p["sub_type"], p["admin1_code"]) == ("training", "RU-KRS")


def test_training_its_own_clause_places_stays_an_event_there():
    (p,) = _of(_props("Korean soldiers were training with drones at ranges in the Kursk region in October, officials "
                      "said on Wednesday."), "other")
    assert (p["sub_type"], p["admin1_code"], p["geo_precision"]) == ("training", "RU-KRS", "admin1")


@pytest.mark.parametrize("downing", [
    "Air defence units shot down nine Shahed drones over the Sumy region.",
    "Nine further drones were downed above the Sumy region, the air force said.",
])
def test_drones_downed_over_the_oblast_are_their_own_event_beside_the_town_they_hit(downing):
    events = _props("Russian drones struck an energy facility in Konotop overnight, the regional administration said "
                    "on Wednesday. " + downing)
    strikes = sorted((p["geo_precision"], p["place"] or p["admin1_code"]) for p in _of(events, "strike"))
    assert strikes == [("admin1", "UA-59"), ("settlement", "Konotop")]


def test_a_downing_told_twice_is_one_event():
    events = _props("Air defence shot down nine drones above the Kursk region in the night, the governor said on Wednesday. "
                    "The drones were intercepted over border districts, he said.")
    assert len(_of(events, "strike")) == 1


def test_drones_downed_with_no_mapped_oblast_named_add_no_event_here():
    events = _props("A Ukrainian drone hit a bus depot in Rylsk on Wednesday, the Kursk governor said. Across the "
                    "country some 40 drones were shot down overnight, and nine further drones were downed above the "
                    "Kherson region, officials said.")
    assert [p["place"] for p in _of(events, "strike")] == ["Ryl’sk"]


def test_a_strike_sentence_naming_both_oblasts_as_targets_is_a_strike_in_each():
    events = _props("- Russian bombers hit massed Ukrainian units inside Kursk oblast, as well as reserves gathering in "
                    "nine villages of the Sumy region, its ministry claimed on Wednesday.")
    assert sorted(p["admin1_code"] for p in _of(events, "strike")) == ["RU-KRS", "UA-59"]


@pytest.mark.parametrize("body", [
    "Drones launched from the Sumy region hit a Kursk region warehouse on Wednesday, officials said.",
    "Ukrainian shells hit the Kursk region on Wednesday and the Sumy region's governor said Russia answered.",
])
def test_an_oblast_named_as_origin_or_as_a_speakers_adds_no_second_strike(body):
    assert [p["admin1_code"] for p in _of(_props(body), "strike")] == ["RU-KRS"]


@pytest.mark.parametrize("quoted", ["“destroyed”", "'destroyed'", "\"destroyed\""])
def test_a_force_destroyed_in_quotation_marks_is_a_clash_not_a_strike(quoted):
    events = _props("The commander said on Wednesday that the Russian infiltration groups active there had been "
                    f"{quoted} by his troops in the Sumy region.")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("ground_assault", "UA-59")]
