"""English events reporting tells in shapes the rules missed (issue 16, session 8), each in our own words.

- A regional administration's daily summary, relayed in English, names the hromadas hit in one list with no
  force ("the communities of A, B and C came under attack"): each hromada is a strike at hromada precision; a
  hromada the gazetteer lacks goes to the oblast with its name kept, never a dot elsewhere.
- A count of attacks on a region's border villages ("struck at the frontier villages of the Sumy region 64
  times") is shelling, however many words name the villages.
- What is said of people ("are believed to have been killed") is no purpose clause: the deaths are reported.
- A force's losses told by their size ("took heavy losses") are an event of their own.
- A link to another article glued to the end of a sentence ("...).Read also: <headline>") is no report of
  this one's events.
"""
from __future__ import annotations

import pytest

from en_docs import en_helpers


_doc, _props = en_helpers("2025-05-12")


def test_each_hromada_of_a_summary_list_attacked_is_a_strike_at_the_hromada():
    events = _props("Over the last day the regional administration counted 87 blasts.\n\n"
                    "The communities of Esman, Svesa and Zorkivka came under attack, it said.\n\n"
                    "The hromadas of Khotin, Yunakivka and Myropillia were attacked as well.")
    strikes = [p for p in events if p["event_type"] == "strike"]
    at_hromada = {p["place_mention"] for p in strikes if p["geo_precision"] == "hromada"}
    assert at_hromada == {"Esman", "Svesa", "Khotin", "Yunakivka", "Myropillia"}
    # the hromada the gazetteer lacks: the oblast, its name kept
    made_up = [p for p in strikes if p["place_mention"] == "Zorkivka"]
    assert made_up and all((p["admin1_code"], p["geo_precision"], p["gazetteer_id"]) == ("UA-59", "admin1", None)
                           for p in made_up)
    assert not [p for p in events if p["event_type"] == "ground_assault"]


def test_hromadas_attacked_by_named_troops_stay_ground_fighting():
    events = _props("Russian assault troops attacked the Yunakivka hromada on Sunday, Ukraine's army said, and "
                    "were driven back.")
    assert "ground_assault" in {p["event_type"] for p in events}


def test_a_count_of_attacks_on_a_regions_border_villages_is_shelling():
    events = _props("Moscow's forces struck at the frontier villages of the Sumy region 64 times on Sunday.")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("strike", "UA-59")]
    events = _props("Russian troops attacked the small border villages of Sumy Oblast 64 times on Sunday.")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("strike", "UA-59")]


@pytest.mark.parametrize("verb", ["are believed", "were said", "are thought"])
def test_what_is_said_of_the_dead_is_no_purpose_clause(verb):
    events = _props(f"Some 300 North Korean soldiers sent to the Kursk region {verb} to have been killed there, "
                    "a Seoul lawmaker told reporters on Monday.")
    assert "casualties" in {p["sub_type"] for p in events if p["event_type"] == "other"}


def test_troops_sent_to_win_back_land_is_still_a_purpose():
    events = _props("Moscow sent 5,000 soldiers to the Kursk region on Sunday to win back the lost villages.")
    assert "ground_assault" not in {p["event_type"] for p in events}


@pytest.mark.parametrize("body", [
    "Ukraine's General Staff said on Sunday that Russian units took heavy losses in the Kursk region as the "
    "headquarters burned.",
    "The monitoring group wrote on Sunday that Ukrainian troops inflicted 'significant losses' on two Russian "
    "battalions in the Kursk region.",
    "Russian forces sustained serious personnel losses in the Kursk region on Sunday, the Ukrainian army said.",
])
def test_a_forces_losses_told_by_their_size_are_an_event(body):
    events = _props(body)
    losses = [p for p in events if (p["event_type"], p["sub_type"]) == ("other", "casualties")]
    assert [(p["admin1_code"], p["date_start"]) for p in losses] == [("RU-KRS", "2025-05-11")]


def test_civilians_hurt_in_a_strike_are_no_forces_losses():
    events = _props("A drone hit a bus in Sumy on Sunday and the city suffered heavy losses among civilians.")
    assert "casualties" not in {p["sub_type"] for p in events}


def test_a_link_glued_to_a_sentence_is_no_event_of_the_report():
    body = ("The governor ordered residents of four more villages in the Sumy district to leave on Sunday, with "
            "buses sent for them (Bilopillia community).Read also: Missile hits Okhtyrka, one dead\n\n"
            "The evacuation began on Monday.")
    events = _props(body)
    assert "strike" not in {p["event_type"] for p in events}
    assert not [p for p in events if p["place_mention"] == "Okhtyrka"]
    assert "other" in {p["event_type"] for p in events}


def test_losses_told_by_size_right_after_a_fight_stay_with_that_fight():
    events = _props("Russian assault groups attacked Ukrainian positions near Sudzha on Sunday. "
                    "The attackers suffered heavy losses, a Ukrainian brigade said.")
    assert [p["event_type"] for p in events] == ["ground_assault"]
    assert len(events[0]["sources"]) >= 1


@pytest.mark.parametrize("body", [
    "Regional officials said on Sunday that about 9,000 people were being evacuated from the Kursk region.",
    "Some 3,500 residents of the Sumy region were subject to mandatory evacuation by Sunday, the governor said.",
    "The attack on Sunday pushed around 40,000 Russians in the Kursk region to evacuate.",
])
def test_counts_of_people_moved_out_are_an_evacuation(body):
    events = _props(body)
    assert [(p["event_type"], p["geo_precision"]) for p in events if p["event_type"] == "other"] == [("other", "admin1")]


def test_no_signs_of_an_offensive_is_no_offensive():
    events = _props("There are no signs of a new Russian offensive on Sumy, a Ukrainian officer said on Sunday.")
    assert events == []


def test_a_retaken_settlement_left_unnamed_is_ground_fighting_on_the_statements_day():
    events = _props("Moscow said on Sunday that its troops had retaken another settlement in the Kursk region, which "
                    "Ukraine had seized during last year's incursion.")
    assert [(p["event_type"], p["admin1_code"], p["date_start"]) for p in events] == \
        [("ground_assault", "RU-KRS", "2025-05-11")]


@pytest.mark.parametrize("body", [
    "North Korean troops are still in the Kursk region, a Pentagon spokeswoman told reporters on Monday.",
    "Ukrainian forces remain in the Kursk region, a Ukrainian commander said on Monday.",
])
def test_a_force_still_in_a_region_is_a_presence_there(body):
    events = _props(body)
    assert [(p["event_type"], p["sub_type"], p["admin1_code"]) for p in events] == \
        [("deployment", "presence", "RU-KRS")]


def test_people_who_remain_in_a_town_are_no_deployment():
    assert _props("Many elderly residents remain in Sumy despite the danger, officials said on Monday.") == []


def test_a_headlines_unplaced_strike_is_the_one_its_lede_places_after_a_byline_and_caption():
    body = ("Russian drones hit village in Sumy region, wounding two\n\n"
            "Anna Koval, Monday, 12 May 2025\n\n"
            "Damaged houses after the attack. Photo: the regional administration\n\n"
            "Russian drones struck the village of Yunakivka in the Sumy region on Sunday, wounding two women.")
    strikes = [p for p in _props(body) if p["event_type"] == "strike"]
    assert [(p["place_mention"], p["geo_precision"]) for p in strikes] == [("Yunakivka", "settlement")]


def test_an_oblast_tally_of_attacks_joins_the_hromadas_it_counts():
    body = ("Russian troops fired on the frontier areas of the Sumy region 41 times over the past day.\n\n"
            "The hromadas of Khotin, Esman and Svesa came under fire, the regional administration said.")
    strikes = [p for p in _props(body) if p["event_type"] == "strike"]
    assert sorted(p["place_mention"] for p in strikes) == ["Esman", "Khotin", "Svesa"]
    assert all(p["geo_precision"] == "hromada" for p in strikes)


def test_energy_facilities_attacked_by_named_forces_are_struck():
    events = _props("Overnight Russian forces attacked power facilities and a substation in the town of Shostka "
                    "in the Sumy region, the governor said on Monday.")
    assert [(p["event_type"], p["place_mention"]) for p in events] == [("strike", "Shostka")]


@pytest.mark.parametrize("body, expected", [
    ("Overnight the air defence shot down nine Shahed drones over the Sumy region, the governor said on Monday.",
     [("strike", "UA-59")]),
    ("Russia's air defences downed 31 drones over several regions overnight, including four over the Kursk region, "
     "the defence ministry said on Monday.", [("strike", "RU-KRS")]),
    ("Ukraine's air force said on Monday it downed all 40 drones launched overnight at nine Ukrainian regions.", []),
])
def test_drones_shot_down_over_a_region_are_an_attack_on_it(body, expected):
    events = _props(body)
    assert [(p["event_type"], p["admin1_code"]) for p in events] == expected


def test_an_evacuation_order_names_each_hromada_it_covers():
    body = ("On Sunday the regional administration ordered families with children to leave 40 villages.\n\n"
            "The evacuation order covers the Esmanska and Shalyhynska urban territorial communities and the Khotynska "
            "and Zorkivska rural territorial communities.")
    others = [p for p in _props(body) if p["event_type"] == "other"]
    at_hromada = sorted(p["place_mention"] for p in others if p["geo_precision"] == "hromada")
    assert at_hromada == ["Esmanska", "Khotynska", "Shalyhynska"]
    # a hromada the gazetteer lacks: the oblast, with its name kept, never a dot
    assert [(p["admin1_code"], p["gazetteer_id"]) for p in others if p["place_mention"] == "Zorkivska"] == \
        [("UA-59", None)]
    assert all(p["date_start"] == "2025-05-11" for p in others)


def test_what_attacks_targeted_is_struck():
    events = _props("Moscow's defence ministry said on Sunday that the attacks targeted Ukrainian positions near Guyevo "
                    "in the Kursk region.")
    assert [(p["event_type"], p["place_mention"]) for p in events] == [("strike", "Guyevo")]


def test_a_reconnaissance_drone_shot_down_is_no_attack():
    events = _props("Ukrainian border guards shot down two Russian reconnaissance drones over the Sumy region on Sunday.")
    assert "strike" not in {p["event_type"] for p in events}


def test_the_wounded_taken_to_hospital_are_no_capture():
    events = _props("A Russian drone hit a car near Okhtyrka in the Sumy region on Sunday night. Two men were hurt. "
                    "Both were taken to a hospital in the town.")
    assert [p["event_type"] for p in events] == ["strike"]


def test_blasts_recorded_in_a_summary_row_are_a_strike_in_its_hromada():
    body = ("Russian forces shelled the Sumy region on Sunday, the administration said.\n\n"
            "- Esman Community: three mortar blasts were recorded.\n"
            "- Khotyn community: a drone dropped explosives, 2 blasts.")
    at_hromada = {p["place"] for p in _props(body) if p["event_type"] == "strike" and p["geo_precision"] == "hromada"}
    assert at_hromada == {"Esmanska hromada", "Khotinska hromada"}


@pytest.mark.parametrize("body", [
    "Moscow is pulling in extra troops to the Kursk region, the governor said on Sunday.",
    "Moscow is diverting some units towards the Kursk oblast, a US official said on Sunday.",
    "Russia has transferred about 30,000 troops to the Kursk region, the Ukrainian commander said on Sunday.",
    "Russian reserves were rushed to the Kursk region on Sunday, a blogger wrote.",
])
def test_forces_moved_to_a_region_are_a_redeployment_there(body):
    events = _props(body)
    assert [(p["event_type"], p["sub_type"], p["admin1_code"]) for p in events] == \
        [("deployment", "redeployment", "RU-KRS")]


@pytest.mark.parametrize("body", ["The wounded were rushed to hospital in Sumy on Sunday.",
                                  "Aid funds were transferred to the Sumy region on Sunday."])
def test_people_or_money_moved_are_no_deployment(body):
    assert "deployment" not in {p["event_type"] for p in _props(body)}
