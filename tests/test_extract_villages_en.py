"""English lists of villages the gazetteer lacks, and English summaries of hromadas shelled (issue 16, session 7).

Each document is written in the project's own words (the village names Zorkivka, Pylypivka and Bilanka are
made up: the gazetteer holds none of them). Reporting names the villages taken, attacked or shelled in one
list after the verb ("took A and B", "shelled A, B and C", "fighting near A and B"); each village is an event
of its own in the oblast, its name kept as the mention, never a dot elsewhere; two or more of them in one list
are one event in the oblast naming each (evaluation/README.md, "Conventions: lists"). A daily summary of shelling
told in English names the hromadas hit ("the hromadas of A, B and C"), then each one's weapons and counts:
every hromada is one event at hromada precision, not a dot on the town it is named after.
"""
from __future__ import annotations

import pytest

from geomap.extraction import extract


def _doc(body: str, published: str = "2025-03-10") -> str:
    return f"---\nurl: https://example.org/en\noutlet: Example\npublished: {published}\nlanguage: en\n---\n{body}\n"


def _props(body: str, published: str = "2025-03-10") -> list[dict]:
    return [f["properties"] for f in extract(_doc(body, published))]


@pytest.mark.parametrize("body, event_type", [
    ("Moscow's army claimed on Sunday that its units took Zorkivka and Bilanka in the Sumy region.", "ground_assault"),
    ("The Russian defence ministry said on Sunday its troops had captured Zorkivka, Pylypivka and Bilanka in the "
     "Sumy region.", "ground_assault"),
    ("Fighting went on near Zorkivka and Pylypivka in the Sumy region on Sunday, Ukraine's army said.", "ground_assault"),
    ("On Sunday Russian artillery shelled Zorkivka, Pylypivka and Bilanka in the Sumy region, local officials said.",
     "strike"),
    ("On Sunday Zorkivka and Bilanka in the Sumy region were taken by Russian troops, a Russian blogger wrote.",
     "ground_assault"),
    ("Battles are still going on for Zorkivka and Pylypivka in the Sumy region, Kyiv's army said on Sunday.",
     "ground_assault"),
    ("Russian units pushed into Pylypivka and Bilanka in the Sumy region on Sunday, the monitoring group said.",
     "ground_assault"),
    ("The Russian army said on Sunday it had occupied the villages Zorkivka and Bilanka in the Sumy region.",
     "ground_assault"),
])
def test_unknown_villages_listed_together_are_one_event_in_the_oblast_naming_each(body, event_type):
    events = [p for p in _props(body) if p["event_type"] == event_type]
    named = [n for n in ("Zorkivka", "Pylypivka", "Bilanka") if n in body]
    assert [p["place_mention"] for p in events] == [", ".join(named)]
    for p in events:
        assert (p["admin1_code"], p["geo_precision"], p["gazetteer_id"]) == ("UA-59", "admin1", None)
        assert p["date_start"] == "2025-03-09"


def test_a_known_town_first_in_the_list_does_not_swallow_the_unknown_villages_after_it():
    events = _props("Russian forces said on Sunday they had seized Yunakivka and Bilanka in the Sumy region.")
    places = {(p["place_mention"], p["geo_precision"]) for p in events if p["event_type"] == "ground_assault"}
    assert places == {("Yunakivka", "settlement"), ("Bilanka", "admin1")}


def test_a_name_after_a_comma_that_closes_no_list_is_no_village():
    events = _props("Russian troops captured Zorkivka in the Sumy region on Sunday, Ivanenko told reporters.")
    assert [p["place_mention"] for p in events if p["event_type"] == "ground_assault"] == ["Zorkivka"]


_SUMMARY = (
    "Over the past day Russian troops fired on border areas of the Sumy region 14 times; 52 explosions were recorded, "
    "the regional military administration said on Monday.\n\n"
    "Details: The {lead} came under fire.\n\n"
    "Khotin hromada: the enemy used mortars (4 explosions).\n\n"
    "In Esman, a drone dropped two grenades and artillery fired (9 explosions).\n\n"
    "Velyka Pysarivka hromada was hit by an FPV drone (one explosion).\n"
)


@pytest.mark.parametrize("lead", [
    "hromadas of Khotin, Esman and Velyka Pysarivka",
    "communities of Khotin, Esman and Velyka Pysarivka",
    "Khotin, Esman and Velyka Pysarivka hromadas",
])
def test_an_english_summary_of_hromadas_shelled_gives_one_event_per_hromada(lead):
    events = [p for p in _props(_SUMMARY.format(lead=lead), "2025-03-11") if p["event_type"] == "strike"]
    hromadas = sorted(p["place"] for p in events if p["geo_precision"] == "hromada")
    assert hromadas == ["Esmanska hromada", "Khotinska hromada", "Velykopysarivska hromada"]
    # no dot on the towns the hromadas are named after
    assert not [p for p in events if p["geo_precision"] in ("settlement", "near_settlement")]


# --- restrictions on a region's people, and deployments as reporting words them ---------------------------------
@pytest.mark.parametrize("body, code", [
    ("The governor said a night curfew had been imposed in the border villages of the Sumy region on Sunday.", "UA-59"),
    ("On Sunday the army command imposed restrictions on movement in a 20-kilometre strip along the border of the "
     "Sumy region.", "UA-59"),
    ("Entry to the frontier districts of the Kursk region has been barred since Sunday, officials said.", "RU-KRS"),
    ("A state of emergency was declared across the Kursk region on Sunday, the regional head said.", "RU-KRS"),
])
def test_restrictions_imposed_on_a_region_are_an_other_event_there(body, code):
    (p,) = [p for p in _props(body) if p["event_type"] == "other"]
    assert (p["admin1_code"], p["geo_precision"], p["date_start"]) == (code, "admin1", "2025-03-09")


def test_a_closed_road_or_a_ban_on_something_else_is_no_restriction_event():
    assert _props("A shop in Sumy was closed on Sunday for a holiday.") == []
    assert _props("The Kursk region's farmers said on Sunday that prices were limited by a ban on grain exports.") == []


@pytest.mark.parametrize("body, sub", [
    ("Kyiv has moved two more brigades to the Sumy region, a Russian military blogger wrote on Sunday.", "redeployment"),
    ("Moscow threw its last reserves into the Kursk region on Sunday, a Ukrainian commander said.", "redeployment"),
    ("Russian units were regrouping in the Kursk region on Sunday, the think tank said.", "redeployment"),
    ("North Korean soldiers are fighting alongside Russian troops in the Kursk region, Kyiv said on Sunday.", "presence"),
])
def test_forces_moved_regrouped_or_fighting_alongside_are_a_deployment(body, sub):
    (p,) = [p for p in _props(body) if p["event_type"] == "deployment"]
    assert (p["geo_precision"], p["sub_type"], p["date_start"]) == ("admin1", sub, "2025-03-09")


def test_troops_named_as_fighting_alongside_report_no_deployment():
    events = _props("Moscow praised the North Korean troops fighting alongside its army in the Kursk region on Sunday.")
    assert [p for p in events if p["event_type"] == "deployment"] == []


# --- one attack on a place that harms people or buildings is a strike ------------------------------------------
@pytest.mark.parametrize("body, precision", [
    ("Russian forces attacked Bilopillia overnight into Sunday, wounding a woman and a child, the mayor said.", "settlement"),
    ("A Russian attack on the Krasnopillia hromada on Sunday damaged four houses and a shop.", "hromada"),
])
def test_an_attack_that_harms_people_or_buildings_is_a_strike_not_ground_fighting(body, precision):
    events = _props(body)
    assert [p["event_type"] for p in events] == ["strike"]
    assert events[0]["geo_precision"] == precision


@pytest.mark.parametrize("body", [
    "Russian troops attacked Ukrainian positions near Yunakivka on Sunday.",
    "Ukrainian units beat back a Russian attack near Yunakivka on Sunday, a local woman said.",
])
def test_an_attack_on_positions_or_one_beaten_back_stays_ground_fighting(body):
    assert [p["event_type"] for p in _props(body)] == ["ground_assault"]


def test_attacks_on_cities_in_general_are_no_strike():
    assert _props("Washington condemned Russia's attacks on Ukrainian cities and homes on Sunday.") == []


# --- war-assessment wording: bearings, "the capture of", "in the vicinity of" -----------------------------------
def test_a_bearing_in_brackets_after_an_unknown_village_puts_no_dot_on_the_reference_town():
    events = _props("Footage published on March 8 shows that Russian troops recently advanced north of Zorkivka "
                    "(southwest of Sudzha).")
    (p,) = [p for p in events if p["event_type"] == "ground_assault"]
    assert (p["admin1_code"], p["geo_precision"], p["place_mention"]) == ("RU-KRS", "admin1", "Zorkivka")


@pytest.mark.parametrize("body", [
    "Moscow announced the capture of Zorkivka and Bilanka in the Kursk region on Sunday.",
    "Russian troops attacked in the vicinity of Zorkivka and Bilanka in the Kursk region on Sunday.",
])
def test_villages_named_after_capture_of_or_vicinity_of_are_places_of_one_event(body):
    events = [p for p in _props(body) if p["event_type"] == "ground_assault"]
    assert [p["place_mention"] for p in events] == ["Zorkivka, Bilanka"]
    assert {p["geo_precision"] for p in events} == {"admin1"}


# --- ground fighting told at the oblast level --------------------------------------------------------------------
@pytest.mark.parametrize("body, code", [
    ("Moscow's troops are trying to carve out a buffer zone in the Sumy region, Kyiv said on Sunday.", "UA-59"),
    ("Russian soldiers crossed the border in the Sumy region on Sunday, Ukraine's border guard said.", "UA-59"),
    ("Ukraine's army counted 19 combat engagements in the Kursk region on Sunday.", "RU-KRS"),
])
def test_ground_fighting_told_of_an_oblast_is_an_event_there(body, code):
    (p,) = [p for p in _props(body) if p["event_type"] == "ground_assault"]
    assert (p["admin1_code"], p["geo_precision"], p["date_start"]) == (code, "admin1", "2025-03-09")


def test_a_side_that_lost_control_of_a_town_lost_a_fight_there():
    (p,) = [p for p in _props("Ukraine lost control of Sudzha on Sunday, a Russian blogger wrote.")
            if p["event_type"] == "ground_assault"]
    assert (p["place"], p["geo_precision"]) == ("Sudzha", "settlement")


def test_people_crossing_into_a_region_are_no_incursion():
    assert _props("Hundreds of refugees crossed into the Sumy region on Sunday.") == []


@pytest.mark.parametrize("second", [
    "On Monday Russian troops entered Zorkivka.",
    "On Monday Russian troops advanced to Zorkivka.",
    "Russian artillery also shelled Zorkivka on Monday.",
])
def test_an_unknown_village_the_next_sentence_names_does_not_take_the_place_of_the_sentence_before(second):
    events = _props("Russian drones struck Sudzha on Sunday, the governor said. " + second)
    monday = [p for p in events if p["date_start"] == "2025-03-10"]
    assert [(p["place_mention"], p["geo_precision"], p["admin1_code"]) for p in monday] == [("Zorkivka", "admin1", "RU-KRS")]


def test_a_summary_by_hromada_adjectives_in_a_bulleted_list_gives_one_event_per_hromada():
    body = ("Russian troops fired at border areas of the Sumy region 23 times over the past day; 88 explosions were "
            "recorded, the regional military administration said.\n\n"
            "Details\n"
            "- Krasnopilska community: mortars (6 explosions).\n"
            "- Esmanska: two mines dropped from a drone.\n"
            "- Novoslobidska community: the enemy fired artillery at the villages (9 explosions).\n")
    events = [p for p in _props(body, "2025-06-02") if p["event_type"] == "strike"]
    hromadas = sorted(p["place"] for p in events if p["geo_precision"] == "hromada")
    assert hromadas == ["Esmanska hromada", "Krasnopilska hromada", "Novoslobidska hromada"]
    assert not [p for p in events if p["geo_precision"] in ("settlement", "near_settlement")]


def test_a_hromada_geomap_cannot_find_does_not_take_the_place_of_the_line_before():
    body = ("Details\n- Krasnopilska community: mortars (6 explosions).\n"
            "- Zorkivska community: an FPV drone struck (1 explosion).\n")
    events = [p for p in _props(body, "2025-06-02") if p["event_type"] == "strike"]
    assert sorted((p["place_mention"], p["geo_precision"]) for p in events) == [
        ("Krasnopilska", "hromada"), ("Zorkivska", "admin1")]


def test_the_heads_of_a_summarys_lines_after_hromadas_were_named_are_the_hromadas_not_their_towns():
    body = ("Russian troops fired on the Sumy region 12 times over the past day, with 40 explosions.\n\n"
            "The communities of Khotin and Esman came under fire.\n\n"
            "In Khotin, the enemy used mortars (4 explosions).\n\n"
            "Yunakivka: artillery fire (3 explosions).\n")
    events = [p for p in _props(body, "2025-03-11") if p["event_type"] == "strike" and p["geo_precision"] != "admin1"]
    assert sorted((p["place"], p["geo_precision"]) for p in events) == [
        ("Esmanska hromada", "hromada"), ("Khotinska hromada", "hromada"), ("Yunakivska hromada", "hromada")]


def test_a_town_at_a_lines_head_in_a_report_that_names_no_hromada_stays_the_town():
    (p,) = _props("Yunakivka: a Russian drone struck a shop on Monday, the regional administration said.")
    assert (p["place"], p["geo_precision"]) == ("Yunakivka", "settlement")
