"""English events as reporting tells them (issue 16, session 13), each document in the project's own words.

- A force said to take part in the fighting of a region ("are now engaged in combat", "have joined the fighting",
  "took part in battles", "sent into battle") is a ground clash there, beside the deployment the same sentence tells;
  a fight only expected, and an air force's "combat operations", are none.
- A force destroyed ("the infiltrating group was destroyed", "destroyed two assault groups") is a ground clash, not a
  strike; a force destroyed by a named weapon, and a depot or vehicles destroyed, stay strikes.
- Arms handed over ("supplied Moscow with rocket launchers", "containers of shells and missiles") are no strike;
  rockets fired that another country supplied ("U.S.-supplied rockets") still are.
- People hurt in an attack a force made ("a pensioner was hurt in an attack the Ukrainian army made") were hurt by a
  strike, not in ground fighting; soldiers wounded in an attack on their position stay the ground attack's.
- "The assault" naming again a strike told before, with harm after it ("the assault wrecked a school"), is that
  strike; "has come under fire" is a strike as "came under fire" is.
- A region named for a town the gazetteer holds beyond the map ("in the Odesa region", "the Voronezh region", bigger
  than its namesake village in Sumy oblast) is outside the map: a roundup's line about it adds no event to the
  document's oblast, while a neighbour the map holds ("the Kharkiv region") keeps its own.
- "Of course" teaches nothing: it is no training, and it no longer hides the fighting its sentence tells; a clause
  about training hides only its own clause's events ("were training in the east; now they have joined the fighting").
- "Drone raids" and "air raids" on a place are no ground raid; saboteurs who "raided into" a village made one.
"""
from __future__ import annotations

from en_docs import en_helpers, of_type as _of

_doc, _props = en_helpers("2024-11-14")


def test_troops_taking_part_in_the_fighting_are_a_clash_beside_their_deployment():
    for body in ("Seoul's intelligence service said on Wednesday that the Korean brigades posted to the Kursk region "
                 "are now engaged in combat against Ukrainian units.",
                 "Some of the newly arrived soldiers have joined the fighting in the Kursk region, a Pentagon "
                 "spokeswoman said on Wednesday.",
                 "Officials in Washington said on Wednesday that thousands of Korean troops stationed in the Kursk "
                 "region were taking part in battles there.",
                 "Moscow has started sending the Korean infantry into battle in the Kursk region, the Pentagon said "
                 "on Wednesday."):
        (p,) = _of(_props(body), "ground_assault")
        assert (p["sub_type"], p["admin1_code"], p["geo_precision"]) == ("armed_clash", "RU-KRS", "admin1"), body
        assert p["date_start"] == "2024-11-13", body


def test_a_fight_only_expected_and_air_force_combat_operations_are_no_clash():
    events = _props("Analysts said on Wednesday that the Korean brigades in the Kursk region would need to engage in "
                    "combat across open fields before long.")
    assert _of(events, "ground_assault") == []
    events = _props("Our aviation keeps taking part in combat operations over the Kursk region, the air force "
                    "commander said on Wednesday.")
    assert _of(events, "ground_assault") == []


def test_a_force_destroyed_is_a_ground_clash_not_a_strike():
    for body in ("A Russian sabotage squad tried to slip over the line in the Sumy region on Wednesday but was "
                 "destroyed, the border guards said.",
                 "All the infiltrating groups that tried to enter the Sumy region this week were destroyed by the "
                 "defenders, the regional administration said on Wednesday.",
                 "Border troops destroyed two enemy assault groups in the Sumy region on Wednesday, the spokesman "
                 "said."):
        events = _props(body)
        assert _of(events, "strike") == [], body
        (p,) = _of(events, "ground_assault")
        assert (p["sub_type"], p["admin1_code"]) == ("armed_clash", "UA-59"), body


def test_a_force_destroyed_by_a_weapon_and_things_destroyed_stay_strikes():
    for body in ("A drone destroyed two enemy groups close to the Sumy frontier on Wednesday, the border "
                 "guards said.",
                 "Russian troops destroyed a fuel depot and several armoured vehicles in the Sumy region on "
                 "Wednesday, the ministry said."):
        events = _props(body)
        assert len(_of(events, "strike")) == 1, body
        assert _of(events, "ground_assault") == [], body


def test_arms_handed_over_are_no_strike_and_supplied_rockets_fired_are_one():
    for body in ("Pyongyang has also supplied the Russian army in the Kursk region with rocket launchers and howitzers, "
                 "the lawmaker said on Wednesday.",
                 "The North has shipped thousands of containers of shells and anti-tank missiles to the Kursk region "
                 "since the summer, officials in Seoul said on Wednesday."):
        assert _of(_props(body), "strike") == [], body
    events = _props("The governor said on Wednesday that Kyiv had fired U.S.-supplied rockets at a school in the Kursk "
                    "region.")
    (p,) = _of(events, "strike")
    assert p["admin1_code"] == "RU-KRS"


def test_people_hurt_in_an_attack_by_an_army_were_hurt_by_a_strike():
    for body in ("The governor said on Wednesday that a pensioner in Tyotkino had been hurt in an attack the "
                 "Ukrainian army made.",
                 "Twelve people in the Kursk region were injured in the Ukrainian army's attacks on Wednesday, "
                 "officials said."):
        events = _props(body)
        assert _of(events, "ground_assault") == [], body
        (p,) = _of(events, "strike")
        assert p["admin1_code"] == "RU-KRS", body


def test_soldiers_wounded_in_an_attack_on_their_position_stay_a_ground_attack():
    events = _props("Two servicemen were wounded on Wednesday in an attack by Russian troops on their position in the "
                    "Sumy region, the brigade said.")
    assert _of(events, "strike") == []
    (p,) = _of(events, "ground_assault")
    assert p["admin1_code"] == "UA-59"


def test_the_assault_that_wrecked_a_building_is_the_strike_told_before():
    events = _props("Ukrainian rockets struck a former college near Rylsk on Wednesday, in the Kursk region. The assault "
                    "wrecked the building and hurt four soldiers quartered there, a local channel said.")
    assert _of(events, "ground_assault") == []
    assert len(_of(events, "strike")) == 1
    events = _props("Russian troops launched an assault on a border village in the Sumy region on Wednesday, the "
                    "brigade said.")
    assert len(_of(events, "ground_assault")) == 1


def test_a_district_that_has_come_under_fire_was_struck():
    for body in ("The governor said on Wednesday that the Glushkovo district has come under Ukrainian fire.",
                 "The governor said a stretch of the highway in the Kursk region was coming under fire on Wednesday."):
        (p,) = _of(_props(body), "strike")
        assert p["admin1_code"] == "RU-KRS", body


def test_a_roundup_line_about_a_region_beyond_the_map_adds_no_event_here():
    events = _props("A Russian drone hit a car close to the Sumy region's frontier on Wednesday, killing the driver. "
                    "On Tuesday a drone hit a bus in the Odesa region, injuring four. Drones also hit a dairy farm in the "
                    "Voronezh region, its governor said. In the Kharkiv region a drone hit a van on Tuesday.")
    assert sorted(p["admin1_code"] for p in _of(events, "strike")) == ["UA-59", "UA-63"]


def test_of_course_is_no_training_and_hides_no_fighting():
    events = _props("Of course, trying to push our units out of the Kursk region, Moscow's troops are mounting dozens of "
                    "assaults on our positions every day, the spokesman said on Wednesday.")
    assert _of(events, "other") == []
    (p,) = _of(events, "ground_assault")
    assert p["admin1_code"] == "RU-KRS"


def test_a_training_clause_hides_only_its_own_clause():
    events = _props("Western officials said on Wednesday the Korean soldiers were training at ranges in the Far East "
                    "last month; by now they have joined the fighting in the Kursk region.")
    (p,) = _of(events, "ground_assault")
    assert (p["sub_type"], p["admin1_code"]) == ("armed_clash", "RU-KRS")
    assert _of(_props("The Korean soldiers were training with drones and artillery in the Kursk region, officials said "
                      "on Wednesday."), "strike") == []


def test_drone_raids_are_no_ground_raid():
    events = _props("Kyiv has stepped up its drone raids on power plants across the Kursk region since the spring, "
                    "officials said on Wednesday.")
    assert _of(events, "ground_assault") == []
    events = _props("A group of saboteurs raided into a border village of the Sumy region on Wednesday night, the "
                    "border guards said.")
    assert len(_of(events, "ground_assault")) == 1
